"""``kg done / reopen / fix / review / status / import-status / journal``: the follow-up loop.

Every command that changes something writes journal entries (kg/journal.py) and their effect in one
transaction; the entries are replayed after every ``kg ingest``, so marks and corrections outlive
re-extraction. ``--by`` names the author (default: the account running kg).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.common import (KgError, date_option, echo, error_line, emit, graph_errors, open_store, output_options, short, store_option,
                           to_json, wrapped)
from kg.status import SOON_DAYS, STATUS_VI


def _by(f):
    return click.option("--by", "by", default=None, help="Author of the entry (default: the system user).")(f)


def _note(f):
    return click.option("--note", default=None, help="A note kept with the entry (a report's number, why).")(f)


def _entry_line(e) -> str:
    return f"Đã ghi nhật ký {e.id}: {e.target} — {e.describe()} (bởi {e.author})"


def _kg_errors(f):
    """Journal and follow-up errors (a bad deadline, nothing to fix) become one 'Lỗi:' line."""
    import functools

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from kg.errors import KGError

        try:
            return f(*args, **kwargs)
        except KGError as e:
            from kg.graph import Ambiguous, NotFound

            if isinstance(e, (Ambiguous, NotFound)):
                raise
            raise KgError(error_line(e)) from e

    return graph_errors(wrapper)


@click.command()
@click.argument("task")
@click.option("--on", "on", default=None, help="The day it was done (default today; 08/06/2026 or 2026-06-08).")
@_note
@_by
@store_option
@_kg_errors
def done(task: str, on: str | None, note: str | None, by: str | None, store: Path | None) -> None:
    """Mark a task done (a journal entry: kept through every re-ingest).

    Example:

    \b
        kg done NV-7f3a2c --on 2026-06-08 --note "Đã có Báo cáo số 123/BC-SYT"
    """
    from kg.follow import mark_done

    day = date_option(on)
    kg = open_store(store)
    try:
        e = mark_done(kg, task, day, note, by)
    finally:
        kg.close()
    echo(_entry_line(e))


@click.command()
@click.argument("task")
@_note
@_by
@store_option
@_kg_errors
def reopen(task: str, note: str | None, by: str | None, store: Path | None) -> None:
    """Reopen a task marked done.

    Example:

    \b
        kg reopen NV-7f3a2c --note "Báo cáo chưa đạt"
    """
    from kg.follow import reopen as reopen_task

    kg = open_store(store)
    try:
        e = reopen_task(kg, task, note, by)
    finally:
        kg.close()
    echo(_entry_line(e))


@click.command()
@click.argument("target")
@click.option("--lead", multiple=True, help="The lead body (repeat for several): replaces the extracted ones.")
@click.option("--support", multiple=True, help="A supporting body (repeat for several): replaces the extracted ones.")
@click.option("--deadline", default=None, help="The deadline: 2026-06-10, 10/06/2026, 2026-06 or 2026-Q3.")
@click.option("--no-deadline", is_flag=True, help="The task has no deadline.")
@click.option("--not-a-task", "not_a_task", is_flag=True, help="The sentence is not a task: it leaves the graph.")
@click.option("--add-task", "add", default=None, metavar="SENTENCE",
              help="TARGET is a notice: add this sentence of it as a task (with --lead, --support, --deadline).")
@_note
@_by
@store_option
@_kg_errors
def fix(target: str, lead: tuple[str, ...], support: tuple[str, ...], deadline: str | None, no_deadline: bool,
        not_a_task: bool, add: str | None, note: str | None, by: str | None, store: Path | None) -> None:
    """Correct what extraction got wrong; the correction outlives every re-ingest.

    Example:

    \b
        kg fix NV-7f3a2c --lead "Sở Y tế" --support "Sở Tài chính" --deadline 2026-06-10
        kg fix NV-7f3a2c --not-a-task
        kg fix 97/TB-UBND --add-task "Giao Sở Y tế kiểm tra các trạm y tế xã." --lead "Sở Y tế"
    """
    from kg import follow

    if deadline is not None and "/" in deadline:
        deadline = date_option(deadline).isoformat()
    kg = open_store(store)
    try:
        if add is not None:
            entries = [follow.add_task(kg, target, add, lead, support, deadline, note, by)]
        else:
            entries = follow.fix(kg, target, lead, support, deadline, no_deadline, not_a_task, note, by)
    finally:
        kg.close()
    for e in entries:
        echo(_entry_line(e))


@click.command()
@click.option("--accept", "accept", default=None, metavar="TASK", help="Confirm what was extracted for this task.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1), help="Tasks to list.")
@_note
@_by
@store_option
@output_options
@_kg_errors
def review(accept: str | None, limit: int, note: str | None, by: str | None, store: Path | None, as_json: bool,
           as_csv: bool) -> None:
    """Facts the extractor was unsure of, most doubtful first, and marks whose task is gone.

    Each row says why (a doer inherited from a heading or lead-in, a deadline from another sentence, a body
    not in the vocabulary); accept it with --accept or correct it with kg fix.

    Example:

    \b
        kg review
        kg review --accept NV-7f3a2c
    """
    from kg import follow

    if accept:
        kg = open_store(store)
        try:
            e = follow.accept(kg, accept, note, by)
        finally:
            kg.close()
        echo(_entry_line(e))
        return
    kg = open_store(store, write=False)
    try:
        res = follow.review(kg, limit)
    finally:
        kg.close()
    rows = [{**t, "leads": [a["name"] for a in t["assignees"] if a["role"] == "lead"], "why": "; ".join(t["doubts"]),
             "text_short": short(t["text"], 70), "file": Path(t["path"] or "").name} for t in res["tasks"]]
    if as_json or as_csv:
        emit(rows, [("id", "id"), ("confidence", "confidence"), ("why", "why"), ("text", "text")], as_json, as_csv,
             payload={**res, "orphans": [json.loads(e.to_json()) for e in res["orphans"]]})
        return
    echo(f"{res['total']} nhiệm vụ cần xem lại (nghi ngờ nhất trước)" + (f", hiện {len(rows)}" if len(rows) < res["total"]
                                                                        else "") + "\n")
    emit(rows, [("id", "Mã"), ("confidence", "Tin cậy"), ("why", "Vì sao"), ("leads", "Chủ trì"), ("deadline", "Hạn"),
                ("file", "Tệp"), ("text_short", "Nội dung")], False, False, max_widths={2: 40, 3: 28, 5: 24, 6: 50})
    if rows:
        echo("\n" + wrapped("Đúng thì: kg review --accept <mã>; sai thì: kg fix <mã> --lead … --support … --deadline … "
                            "hoặc --not-a-task", 2))
    if res["orphans"]:
        echo(f"\nMục nhật ký không còn nhiệm vụ ({len(res['orphans'])}, được giữ lại):")
        for e in res["orphans"]:
            echo(wrapped(f"  - {e.id}: {e.task_id} — {e.describe()} (bởi {e.author}, {e.time[:10]})", 4))


@click.command("status")
@click.option("--as-of", "as_of", default=None, help="Status as of this date (default today).")
@click.option("--by", "by", type=click.Choice(["agency", "leader"]), default="agency", show_default=True,
              help="Count per lead agency, or per leader who gave the tasks (chair, else signer).")
@click.option("--soon", default=SOON_DAYS, show_default=True, type=click.IntRange(0, 366),
              help="A task due within this many days is 'sắp đến hạn'.")
@store_option
@output_options
def status_summary(as_of: str | None, by: str, soon: int, store: Path | None, as_json: bool, as_csv: bool) -> None:
    """How many tasks are in each status as of a day, per agency or per leader.

    Example:

    \b
        kg status --as-of 2026-06-30
        kg status --by leader
    """
    from kg.follow import summary

    day = date_option(as_of)
    kg = open_store(store, write=False)
    try:
        res = summary(kg, day, by, soon)
    finally:
        kg.close()
    if as_json:
        echo(to_json(res, False))
        return
    if not as_csv:
        echo(f"Tình trạng nhiệm vụ tính đến {res['as_of']} (sắp đến hạn: trong {soon} ngày)\n")
    head = "Cơ quan chủ trì" if by == "agency" else "Lãnh đạo giao"
    emit(res["rows"], [(by, head), *[(s, STATUS_VI[s]) for s in res["statuses"]], ("total", "Tổng")], False, as_csv,
         max_widths={0: 40})


@click.command("import-status")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Also apply the rows matched by the closest task text (shown first).")
@_by
@store_option
@_kg_errors
def import_status(sheet: Path, yes: bool, by: str | None, store: Path | None) -> None:
    """Read an office's tracking sheet (.xlsx or .csv: task, ngày hoàn thành, ghi chú) into completion marks.

    Rows are matched by the task id (Mã nhiệm vụ), else document number + item (Số văn bản, Mục), else the
    closest task text in that document (Nhiệm vụ), which is only shown unless --yes. Every row that could not
    be matched is listed.

    Example:

    \b
        kg import-status theo-doi.xlsx
        kg import-status theo-doi.csv --yes --by "Văn phòng"
    """
    from kg.follow import match_sheet, read_sheet

    rows = read_sheet(str(sheet))
    kg = open_store(store)
    try:
        res = match_sheet(kg, rows, by)
        apply = [e for e in res.entries if yes or not any(r.values.get("_entry") == e.id for r in res.to_confirm)]
        if apply:
            kg.journal.append(apply)
    finally:
        kg.close()
    how_vi = {"id": "theo mã", "number+ref": "theo số văn bản và mục"}
    for r in res.matched:
        echo(f"Dòng {r.line}: {r.task['id']} ({how_vi[r.how]})" + ("" if r.values.get("_entry") else ": chưa hoàn thành"))
    for r in res.to_confirm:
        state = "đã ghi" if yes else "chưa ghi, xác nhận bằng --yes"
        echo(wrapped(f"Dòng {r.line}: gần giống {r.task['id']} ({r.score:.0%}): {short(r.task['text'], 80)} — {state}", 4))
    for r in res.unmatched:
        echo(wrapped(f"Không khớp: dòng {r.line}: {r.problem}", 4), err=True)
    echo(f"Khớp: {len(res.matched)}, gần giống: {len(res.to_confirm)}, không khớp: {len(res.unmatched)}; "
         f"đã ghi {len(apply)} dấu hoàn thành")


@click.group()
def journal() -> None:
    """The journal of marks and corrections: export, import, list.

    Example:

    \b
        kg journal export corrections.jsonl
        kg journal import corrections.jsonl
        kg journal export --as-gold gold/
    """


@journal.command("export")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--as-gold", "gold", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write the reviewed documents as gold annotation files (human-confirmed facts only) here.")
@store_option
def journal_export(file: Path | None, gold: Path | None, store: Path | None) -> None:
    """Every entry as JSON lines (who, when, what), or the reviewed documents as annotation files."""
    if file is None and gold is None:
        raise click.UsageError("cần FILE hoặc --as-gold DIR")
    kg = open_store(store, write=False)
    try:
        if file is not None:
            n = kg.journal.export(file)
            echo(f"Đã ghi {n} mục nhật ký vào {file}")
        if gold is not None:
            from kg.follow import gold_files

            gold.mkdir(parents=True, exist_ok=True)
            files = gold_files(kg)
            for name, g in files:
                (gold / name).write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            echo(f"Đã ghi {len(files)} tệp chú giải (chỉ các dữ kiện người đã xác nhận) vào {gold}")
    finally:
        kg.close()


@journal.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@_kg_errors
def journal_import(file: Path, store: Path | None) -> None:
    """Add the entries of an exported journal (those already held are skipped) and replay them."""
    kg = open_store(store)
    try:
        added, held, rep = kg.journal.import_file(file)
    finally:
        kg.close()
    for line in rep.lines():
        echo(line, err=True)
    echo(f"Đã thêm {added} mục nhật ký, {held} mục đã có; áp dụng {rep.applied}, không còn nhiệm vụ: {len(rep.orphans)}")


@journal.command("list")
@click.option("--task", default=None, help="Only the entries about this task id.")
@store_option
@output_options
def journal_list(task: str | None, store: Path | None, as_json: bool, as_csv: bool) -> None:
    """The entries, oldest first."""
    from kg.journal import ACTION_VI

    kg = open_store(store, write=False)
    try:
        entries = kg.journal.entries()
    finally:
        kg.close()
    if task:
        entries = [e for e in entries if task.upper().replace("NV-", "") in e.task_id.upper()]
    rows = [{**json.loads(e.to_json()), "what": e.describe(), "action_vi": ACTION_VI[e.action]} for e in entries]
    emit(rows, [("time", "Lúc"), ("author", "Người"), ("action_vi", "Việc"), ("target", "Nhiệm vụ"), ("what", "Nội dung"),
                ("note", "Ghi chú")], as_json, as_csv, max_widths={4: 50, 5: 40})

