"""OCR of scanned PDFs: CPU per page at 300 dpi, the second read (from the cache), and how far a record read
back by OCR agrees with the record of the same PDF's text layer.

Each of the three signed PDFs of the extra set (in ``tests/fixtures``, or the PDFs given) is made into a scan
(``benchmarks/scans.py``: every page a JPEG, no text layer), then read by ``kg``'s OCR (``loaders.ocr``) with an
empty cache, then again (cache hit: no OCR). CPU is the tools' (``pdftoppm`` + ``tesseract``, children of this
process) plus this process's own, per page; the baseline ratio is against the first file's text-layer read,
measured in the same run.

Agreement (:func:`agreement`): the number, date, issuer, the cited documents' numbers and the doers (every
task's assignee names) must be equal; deadlines are counted (the text layer's deadlines found again in the OCR
record, as a multiset).

    python benchmarks/bench_ocr.py                # the fixtures' PDFs
    python benchmarks/bench_ocr.py a.pdf b.pdf    # other born-digital PDFs
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scans import make_scan  # noqa: E402
from loaders.extract import extract_path  # noqa: E402
from loaders.ocr import OcrOptions, missing  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
SIGNED = [FIXTURES / "extra" / "11_laocai-cv-7432.pdf", FIXTURES / "ocr" / "12_laocai-cv-193.pdf",
          FIXTURES / "ocr" / "13_laocai-cv-2496.pdf"]  # the three signed PDFs of the shared extra set


def doers(rec: dict) -> set[str]:
    return {a["name"] for t in rec["tasks"] for a in t.get("assignees") or []}


def deadlines(rec: dict) -> Counter:
    return Counter(t["deadline"] for t in rec["tasks"] if t.get("deadline"))


def agreement(layer: dict, scan: dict) -> dict:
    """What the OCR record ``scan`` shares with the text layer's record ``layer``: one boolean per header field,
    citations and doers; deadlines as (found, expected)."""
    n, s = layer["notice"], scan["notice"]
    want = deadlines(layer)
    found = sum((want & deadlines(scan)).values())
    return {
        "number": n["number"] == s["number"],
        "date": n["date"] == s["date"],
        "issuer": n["issuer"] == s["issuer"],
        "citations": sorted(c["number"] for c in layer["citations"]) == sorted(c["number"] for c in scan["citations"]),
        "doers": doers(layer) == doers(scan),
        "deadlines": (found, sum(want.values())),
    }


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main(argv: list[str]) -> int:
    pdfs = [Path(a) for a in argv] or SIGNED
    if missing() is not None:
        print(f"not measured: {missing()} (tesseract-ocr tesseract-ocr-vie poppler-utils)")
        return 0
    if os.name != "posix":
        print("CPU of child processes is counted on POSIX only", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-ocr-") as tmp:
        cache = Path(tmp) / "cache"
        base = None
        for pdf in pdfs:
            c0 = _cpu()
            layer = extract_path(pdf, ocr=OcrOptions(mode="never"))
            layer_cpu = _cpu() - c0
            base = base or layer_cpu
            scan = make_scan(pdf, Path(tmp) / (pdf.stem + "-scan.pdf"))
            pages: list[int] = []
            c0, w0 = _cpu(), time.perf_counter()
            rec = extract_path(scan, ocr=OcrOptions(cache=cache, progress=lambda d, n, p: pages.append(p)))
            cpu, wall = _cpu() - c0, time.perf_counter() - w0
            c0 = _cpu()
            again = extract_path(scan, ocr=OcrOptions(cache=cache, progress=lambda d, n, p: pages.append(-p)))
            cpu2 = _cpu() - c0
            cached = again == rec and not any(p < 0 for p in pages)  # no page read by OCR the second time
            ag = agreement(layer, rec)
            conf = min(p["confidence"] for p in rec["source"]["ocr_pages"])
            n = sum(1 for p in pages if p > 0)
            rows.append((pdf.name[:34], n, cpu / n, wall / n, cpu2, cpu / n / base, conf, ag, cached))
    head = f"{'file':34} {'pages':>5} {'CPU/page':>9} {'wall/page':>9} {'2nd read':>8} {'x layer':>7} {'conf':>5}  " \
           f"number date issuer citations doers deadlines"
    print(head)
    print("-" * len(head))
    for name, n, cpu, wall, cpu2, ratio, conf, ag, _ in rows:
        f, e = ag["deadlines"]
        marks = " ".join(f"{'yes' if ag[k] else 'NO':>{len(k)}}" for k in ("number", "date", "issuer", "citations", "doers"))
        print(f"{name:34} {n:5d} {cpu:8.2f}s {wall:8.2f}s {cpu2:7.2f}s {ratio:6.1f}x {conf:5.1f}  {marks} {f}/{e}")
    pages = sum(r[1] for r in rows)
    per_page = sum(r[1] * r[2] for r in rows) / pages
    found, expected = (sum(r[7]["deadlines"][i] for r in rows) for i in (0, 1))
    same = all(all(v for k, v in r[7].items() if k != "deadlines") for r in rows)
    print(f"\n{pages} pages; 'x layer' is the CPU per OCR page over reading the first file's text layer ({base:.2f} s)")
    print(f"{'PASS' if per_page <= 3 else 'FAIL'}  CPU per scanned page at 300 dpi: {per_page:.2f} s (goal: at most 3 s)")
    print(f"{'PASS' if all(r[8] for r in rows) else 'FAIL'}  second read of the same scans: no OCR (from the cache)")
    print(f"{'PASS' if same else 'FAIL'}  number, date, issuer, citations and doers as the text layers'")
    print(f"{'PASS' if found >= 0.9 * expected else 'FAIL'}  deadlines found again: {found}/{expected} (goal: at least 90 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
