"""``kg extract`` and ``kg demo``: a thin click layer over :mod:`loaders`.

The library never imports click and never prints; this module reads arguments, calls
:func:`loaders.extract.extract_path` once per file, and shows the result. Messages for
users are in Vietnamese. A bad file costs one line on stderr (``Lỗi: <path>: <reason>``)
and the rest of the batch goes on; the exit code is 1 when any file failed.
"""

from __future__ import annotations

import os
import re
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable

import click

from kg import tables
from kg.cli.common import (DONE_META, KgError, Outcome, echo, expand_inputs, extract_all, jobs_option, load_extractor, nfc_key,
                           ocr_option, one_line, with_ocr, open_store, report_error, to_json, write_text)

# ---------------------------------------------------------------------------------------
# the table view of one record

MEETING_KINDS = {
    "inspection": "kiểm tra",
    "working_session": "làm việc",
    "conference": "hội nghị",
    "regular_meeting": "giao ban / họp thường kỳ",
    "other": "khác",
}
ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4]))?$")


def fmt_date(value: object) -> str | None:
    """ISO (maybe partial) date as Vietnamese offices write it: 21/05/2026, 05/2026, Quý III/2026."""
    if not value:
        return None
    m = _DATE.match(str(value))
    if not m:
        return str(value)
    y, mo, d, q = m.groups()
    if q:
        return f"Quý {ROMAN[q]}/{y}"
    if d:
        return f"{d}/{mo}/{y}"
    if mo:
        return f"{mo}/{y}"
    return y


def fmt_person(p: object) -> str | None:
    if not isinstance(p, dict):
        return None
    name, title = p.get("name"), p.get("title")
    if name and title:
        return f"{name}, {title}"
    return name or title or None


def _names(assignees: object, role: str) -> list[str]:
    out = []
    for a in assignees or []:
        if isinstance(a, dict) and a.get("role") == role and a.get("name"):
            n = a["name"]
            if a.get("members"):
                n += f" ({len(a['members'])} đơn vị)"
            out.append(n)
    return out


def _strings(xs: object) -> list[str]:
    return [str(x) for x in xs or [] if x]


def format_notice(rec: dict, label: str | None = None) -> str:
    """Readable Vietnamese summary of one record: header, meeting, citations, tasks."""
    notice = rec.get("notice") or {}
    src = rec.get("source") or {}
    label = label or src.get("path") or "?"
    kind = " ".join(str(notice.get("kind") or "Văn bản").split()).capitalize()  # 'KẾ HOẠCH' -> 'Kế hoạch'
    parts = [f"=== {kind}: {label} ==="]
    parts.append(tables.fields([
        ("Số", notice.get("number") or "(không ghi số)"),
        ("Cơ quan ban hành", notice.get("issuer")),
        ("Ngày", fmt_date(notice.get("date"))),
        ("Người ký", fmt_person(notice.get("signer"))),
        ("Trích yếu", notice.get("title")),
    ]))

    meeting = rec.get("meeting")
    parts.append("")
    if isinstance(meeting, dict):
        parts.append("Cuộc họp")
        parts.append(tables.fields([
            ("Ngày họp", fmt_date(meeting.get("date"))),
            ("Hình thức", MEETING_KINDS.get(meeting.get("kind"), meeting.get("kind"))),
            ("Chủ trì", fmt_person(meeting.get("chair"))),
            ("Địa bàn", ", ".join(_strings(meeting.get("communes")))),
            ("Thành phần", ", ".join(_strings(meeting.get("attendees")))),
        ]))
    else:
        parts.append("Cuộc họp: —")

    citations = [c for c in rec.get("citations") or [] if isinstance(c, dict)]
    parts.append("")
    parts.append(f"Văn bản được trích dẫn ({len(citations)})")
    if citations:
        parts.append(tables.table(
            ["Số hiệu", "Loại", "Ngày", "Cơ quan ban hành"],
            [[c.get("number"), c.get("type"), fmt_date(c.get("date")), c.get("issuer")] for c in citations],
            max_widths={0: 30, 1: 16, 3: 40}))

    tasks = [t for t in rec.get("tasks") or [] if isinstance(t, dict)]
    parts.append("")
    parts.append(f"Nhiệm vụ ({len(tasks)})")
    if tasks:
        rows = []
        for t in tasks:
            deadline = fmt_date(t.get("deadline")) or t.get("deadline_text")
            rows.append([t.get("ref"), _names(t.get("assignees"), "lead"), _names(t.get("assignees"), "support"),
                         deadline, _strings(t.get("based_on")), _strings(t.get("report_to")), t.get("text")])
        parts.append(tables.table(
            ["Mục", "Chủ trì", "Phối hợp", "Hạn", "Căn cứ", "Báo cáo", "Nội dung"], rows,
            max_widths={0: 8, 1: 26, 2: 26, 3: 16, 4: 18, 5: 20, 6: 70}, truncate_cols=[6]))
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------
# commands

@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write DIR/<stem>.json for each notice instead of printing JSON.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True,
              help="json: the records; table: a readable Vietnamese summary of each notice.")
@click.option("--compact", is_flag=True, help="JSON on one line (no indentation).")
@jobs_option
@ocr_option
def extract(paths: tuple[str, ...], out_dir: Path | None, fmt: str, compact: bool, jobs: int | None,
            ocr: str = "auto") -> None:
    """Extract a notice record from each PATH (.txt or .md file, or a directory of them).

    One file prints its record as JSON; several files print a JSON array. With --out the
    records go to DIR/<stem>.json and a progress line per file goes to stderr. A file that
    cannot be read or is not a notice gets one line "Lỗi: <path>: <reason>" on stderr; the
    others are still extracted, and the exit code is 1. With -j N, N processes extract at once;
    the records, their order and the messages are those of one process. Scanned PDF pages are read
    by OCR (--ocr), with a progress line per page on stderr.

    Example:

    \b
        kg extract examples/notices/000_e9c322011b9ab118.txt
        kg extract examples/notices/*.txt --compact
        kg extract examples/notices/ --out records/
        kg extract notices/ --out records/ -j 4
        kg extract examples/notices/000_e9c322011b9ab118.txt --format table
        kg extract scan.pdf --ocr always
    """
    items = expand_inputs(paths)
    single = len(paths) == 1 and len(items) == 1 and not os.path.isdir(paths[0])
    batch = len(items) > 1 or out_dir is not None
    extractor = with_ocr(load_extractor(), ocr)
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise KgError(f"{out_dir}: không tạo được thư mục kết quả ({e.strerror or e})") from e

    done: list[Outcome] = []
    written: dict[str, str] = {}  # output file -> input that produced it
    click.get_current_context().meta[DONE_META] = lambda: (
        f"đã trích xuất {sum(1 for x in done if x.error is None)}/{len(items)} tệp"
        + (f", các tệp đã ghi vào {out_dir} được giữ lại" if out_dir is not None and written else "")
        + (", chưa in kết quả JSON nào" if out_dir is None and fmt == "json" and done else ""))
    for i, item in enumerate(extract_all(items, extractor, jobs, ocr=ocr), 1):
        done.append(item)
        if item.error is None:
            try:
                text = to_json(item.record, compact) if (out_dir is not None or fmt == "json") else None
                table_text = format_notice(item.record) if fmt == "table" else None
            except Exception as e:  # noqa: BLE001
                item.error = one_line(f"{item.path}: lỗi khi trình bày kết quả ({type(e).__name__}: {e})")
        if item.error is None and out_dir is not None:
            target = out_dir / (Path(item.path).stem + ".json")
            if str(target) in written:
                item.error = f"{item.path}: trùng tên tệp kết quả {target} với {written[str(target)]}"
            else:
                try:
                    write_text(target, text + "\n")
                    written[str(target)] = item.path
                except OSError as e:
                    item.error = f"{item.path}: không ghi được {target} ({e.strerror or e})"
        if item.error is not None:
            report_error(item)
            continue
        if out_dir is not None:
            rec = item.record
            echo(f"[{i}/{len(items)}] {item.path} → {target}: {len(rec.get('tasks') or [])} nhiệm vụ, "
                       f"{len(rec.get('citations') or [])} văn bản được trích dẫn", err=True)
        if fmt == "table":
            echo(table_text + "\n")
        elif out_dir is None:
            item.text = text  # printed below, once the whole batch is known

    good = [x for x in done if x.error is None]
    if fmt == "json" and out_dir is None:
        if single:
            if good:
                echo(good[0].text)
        elif compact:
            echo("[" + ",".join(x.text for x in good) + "]")
        else:
            body = ",\n".join("\n".join("  " + ln for ln in x.text.split("\n")) for x in good)
            echo("[\n" + body + "\n]" if good else "[]")
    failed = len(done) - len(good)
    if batch:
        echo(f"Đã trích xuất {len(good)}/{len(done)} tệp; {failed} lỗi", err=True)
    if failed:
        raise SystemExit(1)


# ---------------------------------------------------------------------------------------
# demo: a pipeline of steps over the bundled samples (later: ingest, trace, ...)


@dataclass
class DemoState:
    out_dir: Path | None
    store: Path | None = None
    samples: list[Path] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    failed: int = 0

    @property
    def records(self) -> list[dict]:
        return [x.record for x in self.outcomes if x.record is not None]


def sample_names() -> list[str]:
    """File names of the bundled sample notices (package data kg/samples/*.txt)."""
    root = resources.files("kg").joinpath("samples")
    return sorted(p.name for p in root.iterdir() if p.name.endswith(".txt"))


def demo_extract(state: DemoState) -> None:
    """Step 1: extract every sample and show its table summary."""
    extractor = load_extractor()
    echo(f"Bước 1: trích xuất {len(state.samples)} thông báo mẫu\n")
    items = [Outcome(str(p)) for p in state.samples]
    for item in extract_all(items, extractor):
        label = "samples/" + Path(item.path).name
        if item.error is None:
            try:
                text = format_notice(item.record, label=label)
                if state.out_dir is not None:
                    target = state.out_dir / (Path(item.path).stem + ".json")
                    write_text(target, to_json(item.record, False) + "\n")
            except Exception as e:  # noqa: BLE001
                item.error = one_line(f"{label}: {type(e).__name__}: {e}")
        if item.error is not None:
            item.error = item.error.replace(item.path, label)
            report_error(item)
            state.failed += 1
        else:
            echo(text + "\n")
        state.outcomes.append(item)


def demo_totals(state: DemoState) -> None:
    """Last step: one closing line with the totals."""
    recs = state.records
    citations = {nfc_key(c["number"]) for r in recs for c in r.get("citations") or []
                 if isinstance(c, dict) and c.get("number")}
    tasks = [t for r in recs for t in r.get("tasks") or [] if isinstance(t, dict)]
    units = {nfc_key(a["name"]) for t in tasks for a in t.get("assignees") or []
             if isinstance(a, dict) and a.get("name")}
    line = (f"Tổng cộng: {len(recs)} thông báo, {len(citations)} văn bản được trích dẫn, "
            f"{len(tasks)} nhiệm vụ, {len(units)} đơn vị được giao")
    if state.failed:
        line += f"; {state.failed} tệp lỗi"
    echo(line)
    if state.out_dir is not None:
        echo(f"Các bản ghi JSON đã được ghi vào {state.out_dir}/")


def demo_graph(state: DemoState) -> None:
    """Step 2: build the knowledge graph in the embedded store and ask it the questions users ask."""
    import tempfile

    echo("Bước 2: dựng đồ thị tri thức (kho nhúng Ladybug) và hỏi đồ thị\n")
    with tempfile.TemporaryDirectory(prefix="kg-demo-") as tmp:
        path = state.store or Path(tmp) / "graph.lbug"
        kg = open_store(path)
        try:
            rep = kg.ingest(state.records)
            again = kg.ingest(state.records)
            st = kg.stats()
            echo(f"Nạp {len(rep.new)} thông báo mới; nạp lại: {len(again.unchanged)} không đổi. Đồ thị có "
                       f"{st['tasks']} nhiệm vụ, {st['documents']} văn bản, {st['agencies'] + st['committees']} cơ quan, "
                       f"{st['people']} người.\n")
            res = kg.trace("Nghị quyết 02/2026")
            echo(f"$ kg trace \"Nghị quyết 02/2026\" → {len(res['tasks'])} nhiệm vụ phụ thuộc")
            for t in res["tasks"]:
                leads = ", ".join(a["name"] for a in t["assignees"] if a["role"] == "lead")
                echo(f"  - {Path(t['path']).stem} mục {t['ref']}: {leads}")
            res = kg.trace("226-KL/TW")
            echo(f"$ kg trace 226-KL/TW → {len(res['tasks'])} nhiệm vụ (qua văn bản thực hiện nó)")
            for t in res["tasks"]:
                echo(f"  - {Path(t['path']).stem} mục {t['ref']} qua {t['via']}")
            import datetime as dt

            as_of = dt.date(2026, 6, 1)
            w = kg.workload("Sở Nội vụ", as_of=as_of)
            echo(f"$ kg workload \"Sở Nội vụ\" --as-of {as_of} → {len(w['tasks'])} nhiệm vụ")
            from kg.status import status_label

            for t in w["tasks"]:
                echo(f"  - {t.get('id') or ''} mục {t['ref']}: hạn {t['deadline'] or '—'} ({status_label(t)})")
            echo("")
        finally:
            kg.close()
        if state.store:
            echo(f"Đồ thị đã được lưu ở {state.store}")


DEMO_STEPS: list[Callable[[DemoState], None]] = [demo_extract, demo_graph, demo_totals]


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write the records as DIR/<stem>.json.")
@click.option("--store", "store", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Keep the demo graph in this store file (default: a temporary one).")
def demo(out_dir: Path | None, store: Path | None) -> None:
    """Run the pipeline on the five bundled sample notices and show what it finds.

    Prints the table summary of each notice, builds the knowledge graph in the embedded
    store and answers trace and workload questions on it, then a closing line with the
    totals (notices, cited documents, tasks, assigned units).

    Example:

    \b
        kg demo
        kg demo --out records/
    """
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise KgError(f"{out_dir}: không tạo được thư mục kết quả ({e.strerror or e})") from e
    with ExitStack() as stack:
        root = resources.files("kg").joinpath("samples")
        state = DemoState(out_dir=out_dir, store=store)
        state.samples = [stack.enter_context(resources.as_file(root.joinpath(n))) for n in sample_names()]
        if not state.samples:
            raise KgError("không tìm thấy thông báo mẫu (kg/samples/*.txt) trong gói cài đặt")
        for step in DEMO_STEPS:
            step(state)
    if state.failed:
        raise SystemExit(1)
