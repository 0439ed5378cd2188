"""Copies of one document in a folder: how many notices and tasks the graph counts twice.

A measurement, not a test. FOLDER holds documents as ``<stem>.<ext>`` where every file whose name
starts with the same stem (up to its first dot) is a copy of one document: ``11_x.pdf``,
``11_x.txt``, ``11_x.nolayout.txt`` (the layout of the shared extra documents). The reference is a
store with one copy of each document; each scenario ingests every copy (in one run, in reverse, one
format per run) and counts the notices and tasks beyond the reference. A last scenario makes the
issued version of every draft (number and day filled in, in its text copy) and ingests it after the
drafts: each should replace its draft and keep its task ids.

    python benchmarks/bench_duplicates.py /path/to/notices-extra
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.graph import KnowledgeGraph  # noqa: E402
from loaders.errors import InputError  # noqa: E402
from loaders.extract import extract_path, extract_text  # noqa: E402
from kg import tables  # noqa: E402


def stem(p: Path) -> str:
    return p.name.split(".", 1)[0]


def count(batches: list[list[dict]]) -> tuple[int, int, list[str]]:
    d = tempfile.mkdtemp()
    try:
        with KnowledgeGraph.open(Path(d) / "g.lbug") as g:
            for b in batches:
                g.ingest(b)
            stems = [stem(Path(n["path"])) for n in g.notices()]
            return len(stems), g.stats()["tasks"], sorted({s for s in stems if stems.count(s) > 1})
    finally:
        shutil.rmtree(d, ignore_errors=True)


def issued(text: str, number: int) -> str | None:
    text = unicodedata.normalize("NFC", text)
    out = re.sub(r"Số:\s*/", f"Số: {number}/", text, count=1)
    out = re.sub(r"ngày\s+tháng", "ngày 28 tháng", out, count=1)
    return out if out != text else None


def main(folder: Path) -> None:
    recs: dict[Path, dict] = {}
    refused = []
    for p in sorted(folder.iterdir()):
        if p.is_file() and not p.name.endswith(".json"):
            try:
                recs[p] = extract_path(p)
            except InputError as e:
                refused.append(str(e))
    first: dict[str, dict] = {}
    for p, r in recs.items():
        first.setdefault(stem(p), r)
    ref_n, ref_t, _ = count([list(first.values())])
    suffix = lambda p: p.name.split(".", 1)[1]  # noqa: E731
    formats = sorted({suffix(p) for p in recs})
    scenarios = {
        "one run, in name order": [list(recs.values())],
        "one run, reversed": [list(recs.values())[::-1]],
        "one format per run (" + ", ".join(formats) + ")": [[r for p, r in recs.items() if suffix(p) == f] for f in formats],
        "one format per run, reversed": [[r for p, r in recs.items() if suffix(p) == f] for f in formats[::-1]],
    }
    rows = []
    for name, batches in scenarios.items():
        n, t, twice = count(batches)
        rows.append([name, n, n - ref_n, t, t - ref_t, ", ".join(twice) or "—"])
    # drafts, then their issued versions
    drafts = [r for p, r in recs.items() if r["notice"].get("number") is None and stem(p) in first
              and first[stem(p)] is r]
    d = tempfile.mkdtemp()
    try:
        with KnowledgeGraph.open(Path(d) / "g.lbug") as g:
            g.ingest(drafts)
            ids = {stem(Path(n["path"])): {r["id"] for r in g.q("notice_tasks", notice_key=n["key"])} for n in g.notices()}
            made = []
            for i, r in enumerate(drafts):
                src = next(p for p, x in recs.items() if x is r)
                text_copy = next((p for p in recs if stem(p) == stem(src) and p.suffix == ".txt"), None)
                t = issued(text_copy.read_text(encoding="utf-8"), 101 + i) if text_copy else None
                if t:
                    made.append(extract_text(t, path=f"issued/{stem(src)}.txt"))
            rep = g.ingest(made)
            kept = total = 0
            for n in g.notices():
                mine = {r["id"] for r in g.q("notice_tasks", notice_key=n["key"])}
                old = ids.get(stem(Path(n["path"])), set())
                kept, total = kept + len(mine & old), total + len(old)
            st = g.stats()
            rows.append([f"{len(drafts)} drafts, then {len(made)} issued versions", st["notices"],
                         st["notices"] - len(drafts), st["tasks"], st["tasks"] - sum(len(v) for v in ids.values()),
                         f"replaced {len(getattr(rep, 'replaced', []))}, task ids kept {kept}/{total}"])
    finally:
        shutil.rmtree(d, ignore_errors=True)
    print(f"{folder}: {len(recs)} files read, {len(first)} documents; reference: {ref_n} notices, {ref_t} tasks")
    for r in refused:
        print(f"  refused: {r}")
    print(tables.table(["scenario", "notices", "twice", "tasks", "tasks twice", "documents twice / notes"], rows))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
