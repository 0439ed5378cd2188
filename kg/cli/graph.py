"""``kg ingest / trace / workload / deadlines / show / stats``: the graph commands.

A thin layer over :class:`kg.graph.KnowledgeGraph`: every listing prints a table with
Vietnamese headers by default, ``--json`` or ``--csv`` for machines. ``--store PATH`` (or
``$KG_STORE``) picks the store; the default is a per-user data folder, created on first use.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.errors import DiskFullError
from kg.status import SOON_DAYS, status_label
from kg.cli.common import (InterruptGuard, agency_scope_options, date_option, Interrupted, KgError, echo, emit, expand_inputs, extract_all, graph_errors, jobs_option,
                           fields_text, wrapped, listing_options, load_extractor, number_vi, ocr_option, with_ocr, open_store, output_options,
                           report_error, short, store_option, to_json, wants_whole, write_text)

INGEST_AHEAD = 1000  # files kg ingest -j extracts ahead of the writer at most (about 85 MB of records at 1,000)
ROLE_VI = {"lead": "chủ trì", "support": "phối hợp"}
LABEL_VI = {"Agency": "cơ quan, đơn vị", "Committee": "UBND, HĐND", "AgencyGroup": "nhóm đơn vị", "Document": "văn bản",
            "Person": "người", "Notice": "thông báo", "Task": "nhiệm vụ"}  # node labels as users read them
KIND_VI = {"inspection": "kiểm tra", "working_session": "làm việc", "conference": "hội nghị",
           "regular_meeting": "giao ban", "other": "khác", None: "—"}


if TYPE_CHECKING:
    from kg.graph import IngestReport

PLACES_CYPHER = ("MATCH (u:AdminUnit) RETURN u.name AS place UNION "
                 "MATCH (n:Notice) WHERE n.issuer IS NOT NULL RETURN n.issuer AS place")


def places(kg) -> dict[str, str]:
    """Scope keys as the documents write the place ('tinh-lang-son' -> 'tỉnh Lạng Sơn'), from the administrative
    units and the issuers the graph holds."""
    import re

    from kg.resolve import slug

    out: dict[str, str] = {}
    for r in kg.store.run(PLACES_CYPHER, {}, recipe="place names"):
        m = re.search(r"(?:^|\s)((?:tỉnh|thành phố|xã|phường|đặc khu|thị trấn)\s+\S.*)$", r["place"] or "")
        if m:
            out.setdefault(slug(m.group(1)), m.group(1))
    return out


def place_of(scope: str | None, known: dict[str, str]) -> str | None:
    """A scope key or a node key's scope ('agency:so y te@tinh-lang-son') shown as a place, never as the key.

    >>> place_of("agency:so y te@tinh-lang-son", {"tinh-lang-son": "tỉnh Lạng Sơn"}), place_of("xa-quan-son", {})
    ('tỉnh Lạng Sơn', 'xã Quan Son')
    """
    from kg.graph import place_name

    s = (scope or "").rpartition("@")[2] if "@" in (scope or "") else (scope or "")
    if not s or ":" in s:
        return None
    return known.get(s) or place_name(s)


def misspelling_vi(reason: str | None) -> str:
    """kg.resolve.misspelling's reason in Vietnamese: 'missing word: tiến' -> 'thiếu từ: tiến'.

    >>> misspelling_vi("missing word: tiến"), misspelling_vi("garbled word: tiếm → tiến")
    ('thiếu từ: tiến', 'viết sai từ: tiếm → tiến')
    """
    head, _, rest = (reason or "").partition(": ")
    said = {"missing word": "thiếu từ", "garbled word": "viết sai từ"}.get(head)
    return f"{said}: {rest}" if said else "viết sai"


def positive(n: int) -> int:
    if n < 1:
        raise click.BadParameter(f"phải là số nguyên dương (số thông báo ghi trong một giao dịch), không phải {n}")
    return n


def interrupted_ingest(report: IngestReport, extracted: int, total: int) -> str:
    """The line for Ctrl-C during ingest: files extracted, and how many notices the store kept (whole batches
    only: ``report`` is filled as each batch commits)."""
    return f"Đã dừng theo yêu cầu (Ctrl-C) sau khi trích xuất {extracted}/{total} tệp: " + _kept(report)


def _kept(report: IngestReport) -> str:
    """What a stopped ingest left in the store: the notices of the batches committed before it stopped."""
    stored = len(report.new) + len(report.updated) + len(report.replaced)
    return (f"{stored} thông báo đã được lưu vào kho (các lô đã ghi được giữ lại)" if stored
            else "chưa nạp thông báo nào vào kho")


def disk_full_ingest(error: DiskFullError, report: IngestReport, extracted: int, total: int) -> str:
    """The line for an ingest stopped because the store's disk lacks room: how much, and what the store kept (whole
    batches only, as for Ctrl-C).

    >>> from kg.graph import IngestReport
    >>> rep = IngestReport(); rep.new += ["a.txt", "b.txt"]
    >>> disk_full_ingest(DiskFullError("/data", free=40 << 20, needed=330 << 20), rep, 7, 9)
    'đĩa chứa kho (/data) không đủ chỗ trống: còn 40 MB, cần khoảng 330 MB; đã dừng sau khi trích xuất 7/9 tệp, 2 thông báo đã được lưu vào kho (các lô đã ghi được giữ lại). Giải phóng chỗ trống rồi chạy lại lệnh: các tệp đã nạp sẽ không phải nạp lại'
    """
    return (f"{error.vietnamese}; đã dừng sau khi trích xuất {extracted}/{total} tệp, {_kept(report)}. "
            "Giải phóng chỗ trống rồi chạy lại lệnh: các tệp đã nạp sẽ không phải nạp lại")


def deadline_shown(t: dict) -> str | None:
    """The deadline column: a date, or for a recurring task its rule and the occurrence judged.

    >>> deadline_shown({"deadline": None, "recurrence_rule": "yearly", "recurrence_text": "30/6 hằng năm", "due": "2026-06-30"})
    'định kỳ (30/6 hằng năm), lần này 2026-06-30'
    """
    if t.get("recurrence_rule"):
        return f"định kỳ ({t.get('recurrence_text') or t['recurrence_rule']})" + (
            f", lần này {t['due']}" if t.get("due") else "")
    return t.get("deadline")


def _label(r: dict) -> dict:
    """Short human labels for a notice row: file stem and date instead of the long title."""
    p = r.get("path")
    r["notice_label"] = (Path(p).stem if p else r.get("notice")) + (f" ({r['notice_date']})" if r.get("notice_date") else "")
    return r
STATUS_OPT = {"overdue": "overdue", "due-soon": "due_soon", "open": "open", "no-deadline": "no_deadline",
              "done-on-time": "done_on_time", "done-late": "done_late", "done": "done"}


def _date(s: str | None) -> dt.date | None:
    return date_option(s)  # day first (01/06/2026, 1/6/2026) or ISO


# ---------------------------------------------------------------------------------------------------


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@store_option
@click.option("--batch", default=500, show_default=True, callback=lambda ctx, param, v: positive(v),
              help="Notices written per transaction.")
@click.option("--reextract", is_flag=True,
              help="Write files the store holds unchanged again from a fresh extraction (new extraction rules).")
@jobs_option
@ocr_option
def ingest(paths: tuple[str, ...], store: Path | None, batch: int, reextract: bool, jobs: int | None,
           ocr: str = "auto") -> None:
    """Extract notices and add them to the graph (idempotent; a changed file replaces its own facts).

    A folder stands for the notices in it. Prints a summary of new / updated / unchanged / failed.
    The journal (kg done, kg fix …) is replayed onto the tasks written; a mark or correction whose task
    is gone is said in one line and kept (kg review lists it).
    The store is opened first: if another kg process is using it, one line says so before any
    extraction (exit code 3). Files are extracted as the graph takes them, a batch (--batch) written as
    soon as it is full, so a large folder is never held in memory. Ctrl-C stops it; the batches already
    written stay, and one line says how many files were extracted and how many notices were stored (exit
    code 130). With -j N, N processes extract at once (the same records as one process).

    A first load (an empty store, 1,000 files or more) goes through the engine's bulk loader instead: the
    records are spilled to a folder beside the store and written all at once at the end, the same graph
    several times faster (-j N: N processes build its files); until then nothing is stored, and a Ctrl-C or a
    crash leaves the store empty.

    Example:

    \b
        kg ingest notices/
        kg ingest notices/000_e9c322011b9ab118.txt --store /tmp/kg.lbug
        kg ingest notices/ -j 2
    """
    from kg.bulk import BULK_MIN
    from kg.graph import IngestReport

    items = expand_inputs(paths)
    extractor = with_ocr(load_extractor(), ocr)
    kg = open_store(store)  # before extracting: a store held by another kg process is said at once
    failed, extracted = 0, 0
    guard = InterruptGuard("Đang dừng theo yêu cầu (Ctrl-C): chờ tệp hoặc lô đang ghi xong (Ctrl-C lần nữa để dừng ngay)…")

    def records(bar):  # extracted one file at a time as ingest reads them: a folder is never held in memory
        nonlocal failed, extracted
        # the workers extract the next batch while this process writes one (at most INGEST_AHEAD files ahead)
        for item in extract_all(items, extractor, jobs, ocr=ocr, window=min(batch, INGEST_AHEAD)):
            extracted += 1
            bar.update(1)
            if item.error:
                failed += 1
                report_error(item)
            else:
                rec, item.record = item.record, None  # (items would hold every record to the end)
                yield rec
            guard.check()  # between files: the batch in hand is not written, the batches written stay

    rep = IngestReport()  # filled as batches commit: what a Ctrl-C leaves stored
    try:
        with guard:
            with click.progressbar(length=len(items), label="Đang trích xuất và nạp vào đồ thị", file=sys.stderr,
                                   show_pos=True) as bar:
                # progress: called between batches, after a commit: a safe point to stop
                kg.ingest(records(bar), batch=batch, progress=lambda n: guard.check(), report=rep,
                          bulk=len(items) >= BULK_MIN, jobs=jobs, **({"reextract": True} if reextract else {}))
    except KeyboardInterrupt as e:
        raise Interrupted(interrupted_ingest(rep, extracted, len(items))) from e
    except DiskFullError as e:
        full = e  # (said after the files that failed before it)
    else:
        full = None
    finally:
        kg.close()
    for path, reason in rep.failed:
        echo(f"Lỗi: {path}: {reason}", err=True)
    if full is not None:
        raise KgError(disk_full_ingest(full, rep, extracted, len(items))) from full
    if rep.loader == "bulk":
        echo("Nạp lần đầu bằng bộ nạp khối của kho (COPY): toàn bộ được ghi một lần ở cuối", err=True)
    elif rep.loader != "batches":
        echo(f"Bộ nạp khối không dùng được ({rep.loader.partition('bulk: ')[2].rstrip(')')}); đã ghi theo từng lô",
             err=True)
    for line in rep.lines():  # copies skipped, drafts replaced by their issued version, files updated
        echo(line, err=True)
    failed += len(rep.failed)
    dup = (f", trùng: {len(rep.copies)}" if rep.copies else "") + (
        f", thay dự thảo: {len(rep.replaced)}" if rep.replaced else "")
    echo(f"Mới: {len(rep.new)}, cập nhật: {len(rep.updated)}, không đổi: {len(rep.unchanged)}{dup}, lỗi: {failed}")
    if failed:
        raise SystemExit(1)


@click.command()
@click.argument("document")
@click.option("--depth", default=3, show_default=True, type=click.IntRange(0, 3),
              help="Implementing documents to follow (hops).")
@store_option
@output_options
@listing_options
@graph_errors
def trace(document: str, depth: int, store: Path | None, as_json: bool, as_csv: bool, show_all: bool, limit: int) -> None:
    """Every task that depends on a document, directly or through documents that implement it.

    The number may be typed in full, without diacritics, or short when unambiguous. The table shows the first
    --limit tasks and how many there are (--all: every one); --json, --csv and --xlsx always hold them all.

    Example:

    \b
        kg trace "Nghị quyết 02/2026"
        kg trace "nghi quyet 02/2026/NQ-HDND" --json
        kg trace 226-KL/TW
    """
    kg = open_store(store, write=False)
    try:
        res = kg.trace(document, max_depth=depth, limit=None if wants_whole(as_json, as_csv, show_all) else limit)
    finally:
        kg.close()
    rows = [{**_label(dict(t)), "via_doc": None if t["via"] == t["document"] else t["via"],
             "leads": [a["name"] for a in t["assignees"] if a["role"] == "lead"],
             "supports": [a["name"] for a in t["assignees"] if a["role"] == "support"],
             "text_short": short(t["text"])} for t in res["tasks"]]
    if not (as_json or as_csv):
        docs = ", ".join(f"{d['type'] or ''} {d['number']}".strip() for d in res["documents"])
        echo(f"Văn bản: {docs} — {number_vi(res['total'])} nhiệm vụ phụ thuộc\n")
    emit(rows, [("id", "Mã"), ("document", "Văn bản"), ("via_doc", "Qua văn bản"), ("notice_label", "Thông báo"),
                ("ref", "Mục"), ("leads", "Chủ trì"), ("supports", "Phối hợp"), ("deadline", "Hạn"),
                ("text_short", "Nội dung")],
         as_json, as_csv, payload=res, max_widths={3: 36, 5: 30, 6: 30, 8: 60}, shown=None if show_all else limit,
         total=res["total"], noun="nhiệm vụ")


@click.command()
@click.argument("agency")
@click.option("--as-of", "as_of", default=None, help="Status as of this date (YYYY-MM-DD; default today).")
@click.option("--soon", default=SOON_DAYS, show_default=True, type=click.IntRange(0, 366),
              help="A task due within this many days is 'sắp đến hạn'.")
@click.option("--role", type=click.Choice(["lead", "support", "all"]), default="all", show_default=True)
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the deadlines as an iCalendar file.")
@agency_scope_options
@store_option
@output_options
@listing_options
@graph_errors
def workload(agency: str, as_of: str | None, soon: int, role: str, ics_path: Path | None, scope: str | None,
             with_predecessors: bool, store: Path | None, as_json: bool, as_csv: bool, show_all: bool, limit: int) -> None:
    """What an agency must do, as lead or support, with deadlines and status.

    Tasks given to a group the agency belongs to ('UBND các xã' for UBND xã Chi Lăng) count too. The table shows
    the first --limit tasks by deadline and how many there are (--all: every one); --json, --csv, --xlsx and
    --ics always hold them all.

    Example:

    \b
        kg workload "Sở Nông nghiệp và Môi trường" --as-of 2026-06-01
        kg workload "Sở Nội vụ" --role lead --ics noi-vu.ics
        kg workload "Sở Tài chính" --with-predecessors
    """
    day = _date(as_of)  # a wrong day is a usage error before any store is opened (or made)
    kg = open_store(store, write=False)
    try:
        res = kg.workload(agency, as_of=day, roles=("lead", "support") if role == "all" else (role,), scope=scope,
                          with_predecessors=with_predecessors, soon=soon,
                          limit=None if wants_whole(as_json, as_csv, show_all, ics_path) else limit)
    finally:
        kg.close()
    rows = [{**_label(dict(t)), "role_vi": ROLE_VI.get(t["role"], t["role"]), "status_vi": status_label(t),
             "deadline_shown": deadline_shown(t), "text_short": short(t["text"])} for t in res["tasks"]]
    if ics_path is not None:
        from kg.ics import calendar

        try:
            write_text(ics_path, calendar(res["tasks"], agency))
        except OSError as e:
            raise KgError(f"{ics_path}: không ghi được tệp lịch ({e.strerror or e})") from e
        n = sum(1 for t in res["tasks"] if t.get("deadline") or t.get("recurrence_rule"))
        echo(f"Đã ghi {n} hạn nhiệm vụ vào {ics_path}", err=True)
    if not (as_json or as_csv):
        names = ", ".join(sorted({o["name"] for o in res["orgs"]}))
        echo(f"{names}: {number_vi(res['total'])} nhiệm vụ (tính đến {res['as_of']})\n")
        for p in res.get("predecessors") or []:
            echo(f"  gồm cả nhiệm vụ của cơ quan tiền thân: {p['name']} (nay là {p['successor']})")
    emit(rows, [("id", "Mã"), ("role_vi", "Vai trò"), ("assigned_as", "Được giao với tư cách"), ("ref", "Mục"),
                ("deadline" if as_json or as_csv else "deadline_shown", "Hạn"), ("status_vi", "Tình trạng"),
                ("notice_label", "Thông báo"),
                ("text_short", "Nội dung")], as_json, as_csv, payload=res, max_widths={2: 30, 6: 36, 7: 60},
         shown=None if show_all else limit, total=res["total"], noun="nhiệm vụ")


@click.command()
@click.option("--before", default=None, help="Only deadlines up to this day (YYYY-MM-DD).")
@click.option("--after", default=None, help="Only deadlines from this day (YYYY-MM-DD); recurring tasks stay.")
@click.option("--status", "status", default=None,
              help="Comma-separated: overdue, due-soon, open, no-deadline, done-on-time, done-late, done (default: all).")
@click.option("--as-of", "as_of", default=None, help="Status as of this date (default today).")
@click.option("--soon", default=SOON_DAYS, show_default=True, type=click.IntRange(0, 366),
              help="A task due within this many days is 'sắp đến hạn'.")
@store_option
@output_options
@listing_options
@graph_errors
def deadlines(before: str | None, after: str | None, status: str | None, as_of: str | None, soon: int,
              store: Path | None, as_json: bool, as_csv: bool, show_all: bool, limit: int) -> None:
    """Tasks with deadlines (recurring ones at each occurrence), their leads and status as of a day.

    The table shows the first --limit tasks by deadline and how many there are (--all: every one); --json, --csv
    and --xlsx always hold them all.

    Status: chưa đến hạn, sắp đến hạn (within --soon days), quá hạn, hoàn thành đúng hạn, hoàn thành quá hạn
    (tasks marked done with kg done).

    Example:

    \b
        kg deadlines --before 2026-06-15 --status overdue,due-soon
        kg deadlines --after 2026-06-01 --before 2026-06-30
    """
    statuses = None
    if status:
        try:
            statuses = [STATUS_OPT[s.strip()] for s in status.split(",") if s.strip()]
        except KeyError as e:
            raise click.BadParameter(f"tình trạng không hợp lệ: {e.args[0]} ({', '.join(STATUS_OPT)})")
    until, since, day = _date(before), _date(after), _date(as_of)  # a wrong day is a usage error before any store is opened
    kg = open_store(store, write=False)
    try:
        rows = kg.deadlines(before=until, after=since, as_of=day, statuses=statuses, soon=soon,
                            limit=None if wants_whole(as_json, as_csv, show_all) else limit)
    finally:
        kg.close()
    for r in rows:
        _label(r)
        r["status_vi"] = status_label(r)
        r["deadline_shown"] = deadline_shown(r)
        r["text_short"] = short(r["text"])
    emit(rows, [("id", "Mã"), ("deadline" if as_json or as_csv else "deadline_shown", "Hạn"), ("status_vi", "Tình trạng"),
                ("leads", "Chủ trì"), ("ref", "Mục"), ("notice_label", "Thông báo"), ("text_short", "Nội dung")],
         as_json, as_csv, max_widths={1: 24, 2: 24, 3: 30, 5: 36, 6: 60}, shown=None if show_all else limit,
         total=rows.total, noun="nhiệm vụ")


@click.command()
@click.argument("kind", type=click.Choice(["doc", "agency", "leader", "notice", "task"]))
@click.argument("name")
@click.option("--scope", default=None, help="For an agency: the province or commune it belongs to.")
@store_option
@output_options
@listing_options
@graph_errors
def show(kind: str, name: str, scope: str | None, store: Path | None, as_json: bool, as_csv: bool, show_all: bool,
         limit: int) -> None:
    """Everything the graph knows about a document, an agency, a leader, a notice or a task (by its id).

    Lists (a document's tasks and citing notices, an agency's tasks and meetings, a leader's meetings, a notice's
    tasks) show their first --limit rows and how many there are (--all: every one); --json, --csv and --xlsx hold all.

    Example:

    \b
        kg show doc 141/KH-UBND
        kg show agency "Sở Y tế"
        kg show leader "Trần Thanh Nhân"
        kg show notice 000_e9c322011b9ab118
        kg show task NV-7f3a2c
    """
    shown = None if wants_whole(as_json, as_csv, show_all) else limit
    kg = open_store(store, write=False)
    try:
        if kind == "doc":
            _show_doc(kg, name, as_json, as_csv, shown)
        elif kind == "agency":
            _show_agency(kg, name, as_json, as_csv, scope, shown)
        elif kind == "leader":
            _show_leader(kg, name, as_json, as_csv, shown)
        elif kind == "task":
            _show_task(kg, name, as_json, as_csv)
        else:
            _show_notice(kg, name, as_json, as_csv, shown)
    finally:
        kg.close()


def _cut(rows: list, shown: int | None) -> list:
    """The first ``shown`` rows of a list shown as lines (all when None); :func:`_more` says what was left out."""
    return rows if shown is None else rows[:shown]


def _more(shown_rows: list, total: int, noun: str) -> None:
    from kg.cli.common import shown_line

    if len(shown_rows) < total:
        echo(shown_line(len(shown_rows), total, noun))


def _show_doc(kg, name, as_json, as_csv, shown=None):
    docs = kg.document(name)
    # A local number ('01/KH-UBND') names one document per issuer that used it: the terminal gets one page of the
    # tasks of all of them together (one trace, however many there are); the exports trace each one whole.
    whole = shown is None or len(docs) == 1
    together = None if whole else kg.trace_documents(docs, limit=shown)
    out = []
    for d in docs:
        info = kg.q("document_info", doc_key=d["key"])
        links = kg.q("document_links", doc_key=d["key"])
        traced = kg.trace_documents([d], limit=shown) if whole else {"tasks": [], "total": None}
        tasks = traced["tasks"]
        out.append({"document": {k: info[0][k] for k in ("number", "type", "date", "issuer", "title")} | {"key": d["key"]},
                    "cited_by": [{k: r[k] for k in ("notice", "path", "notice_title")} for r in info if r["notice"]],
                    "links": links, "tasks": tasks, "total": traced["total"],
                    "records": kg.q("document_records", doc_key=d["key"])})
    if together is not None:
        out[-1]["tasks"], out[-1]["total"] = together["tasks"], together["total"]
    if as_json or as_csv:
        emit([t for o in out for t in o["tasks"]], [("notice", "notice"), ("ref", "ref"), ("text", "text")], as_json,
             as_csv, payload=out)
        return
    for o in out:
        d = o["document"]
        echo(fields_text([("Số hiệu", d["number"]), ("Loại", d["type"]), ("Ngày", d["date"]),
                                  ("Cơ quan ban hành", d["issuer"]), ("Trích yếu", d["title"])]))
        link_vi = {"implements": "thực hiện", "implemented_by": "được thực hiện bởi", "refers_to": "nhắc tới",
                   "referred_by": "được nhắc tới trong"}
        for l in o["links"]:
            echo(f"  {link_vi[l['link']]}: {l['type'] or ''} {l['number']}")
        for r in o["records"]:
            echo(wrapped(f"  đã nạp: {r['path']}", 4))
        echo(f"\nĐược trích dẫn trong {number_vi(len(o['cited_by']))} thông báo:")
        cited = _cut(o["cited_by"], shown)
        for c in cited:
            echo(wrapped(f"  - {c['notice_title'] or c['path']} ({c['path']})", 4))
        _more(cited, len(o["cited_by"]), "thông báo")
        if o["total"] is None:  # (the tasks of every document of the number are listed after the last one)
            continue
        echo(f"\nNhiệm vụ dựa trên {'các văn bản trên' if together is not None else 'văn bản'} ({number_vi(o['total'])}):")
        emit([{**t, "leads": [a["name"] for a in t["assignees"] if a["role"] == "lead"], "text_short": short(t["text"])}
              for t in o["tasks"]], [("id", "Mã"), ("ref", "Mục"), ("leads", "Chủ trì"), ("deadline", "Hạn"),
                                     ("text_short", "Nội dung")],
             False, False, max_widths={2: 30, 4: 70}, total=o["total"], noun="nhiệm vụ")


def _show_agency(kg, name, as_json, as_csv, scope=None, shown=None):
    res = kg.workload(name, scope=scope, limit=shown)
    from kg.graph import order_by

    meetings = order_by(kg.q("agency_meetings", org_keys=[o["key"] for o in res["orgs"]]), "date", "meeting")
    payload = {"orgs": res["orgs"], "meetings": meetings, "tasks": res["tasks"]}
    if as_json or as_csv:
        emit(res["tasks"], [("role", "role"), ("ref", "ref"), ("deadline", "deadline"), ("status", "status"),
                            ("text", "text")], as_json, as_csv, payload=payload)
        return
    from kg.resolve import level_ended, successors

    known = places(kg)

    for o in res["orgs"]:
        echo(fields_text([("Tên", o["name"]), ("Loại", LABEL_VI.get(o["label"], "cơ quan, đơn vị")),
                          ("Phạm vi", place_of(o["scope"], known))]))
        for s in successors(o["name"]):
            echo(f"  từ {s.effective} do {s.successor} kế thừa" + (f" (phần {s.part})" if s.part else ""))
        if level_ended(o["name"]):
            echo(f"  cấp huyện chấm dứt hoạt động từ {level_ended(o['name'])}")
    echo(f"\nDự {number_vi(len(meetings))} cuộc họp:")
    listed = _cut(meetings, shown)
    for m in listed:
        echo(wrapped(f"  - {m['date'] or '—'}: {m['notice_title']}", 4))
    _more(listed, len(meetings), "cuộc họp")
    echo(f"\nNhiệm vụ ({number_vi(res['total'])}):")
    emit([{**t, "role_vi": ROLE_VI.get(t["role"]), "status_vi": status_label(t), "text_short": short(t["text"])}
          for t in res["tasks"]], [("id", "Mã"), ("role_vi", "Vai trò"), ("ref", "Mục"), ("deadline", "Hạn"),
                                   ("status_vi", "Tình trạng"), ("text_short", "Nội dung")], False, False,
         max_widths={5: 70}, total=res["total"], noun="nhiệm vụ")


def _show_task(kg, name, as_json, as_csv):
    t = kg.task(name)
    if as_json or as_csv:
        emit([t], [("id", "id"), ("ref", "ref"), ("deadline", "deadline"), ("text", "text")], as_json, as_csv, payload=t)
        return
    role_vi = {"lead": "chủ trì", "support": "phối hợp"}
    rec = t.get("recurrence_rule")
    deadline = t["deadline"] or "—"
    if t.get("deadline_time"):
        deadline += f" {t['deadline_time']}"
    if rec:
        deadline = f"định kỳ ({t.get('recurrence_text') or rec})"
    span = f"{t['span_start']}–{t['span_end']}" if (t.get("span_start") or -1) >= 0 else "—"
    if t.get("deadline_by"):
        deadline += f" (sửa bởi {t['deadline_by']})"
    from kg.status import task_status

    st = task_status(t, dt.date.today())
    done = (f"{t['done_on']} (bởi {t['done_by']}" + (f": {t['done_note']}" if t.get("done_note") else "") + ")"
            if t.get("done_on") else None)
    echo(fields_text([
        ("Mã", t["id"]), ("Mục", t["ref"]), ("Chủ đề", t["topic"]),
        ("Được giao", "; ".join(f"{a['name']} ({role_vi.get(a['role'], a['role'])}"
                                + (f", sửa bởi {a['by']}" if a.get("by") else "") + ")" for a in t["assignees"]) or None),
        ("Hạn", deadline), ("Tình trạng hôm nay", status_label(st)), ("Hoàn thành", done),
        ("Người thêm", t.get("added_by")), ("Người xác nhận", t.get("accepted_by")), ("Hạn (nguyên văn)", t["deadline_text"]), ("Báo cáo", "; ".join(t["report_to"]) or None),
        ("Căn cứ", "; ".join(t["based_on"]) or None),
        ("Thông báo", t["notice_title"]), ("Số, ngày", f"{t['notice_number'] or '—'}, {t['notice_date'] or '—'}"),
        ("Tệp", t["path"]), ("SHA-256", t["sha256"]), ("Vị trí (ký tự)", span)]))
    echo("\n" + "\n".join(wrapped(p) for p in t["text"].split("\n")))


def _show_leader(kg, name, as_json, as_csv, shown=None):
    out = []
    for p in kg.people(name):
        out.append({"person": p, "posts": kg.q("leader_posts", person_key=p["key"]),
                    "meetings": kg.q("leader_meetings", person_key=p["key"])})
    if as_json or as_csv:
        emit([m for o in out for m in o["meetings"]], [("date", "date"), ("role", "role"), ("notice_title", "notice")],
             as_json, as_csv, payload=out)
        return
    role_vi = {"chair": "chủ trì", "participant": "cùng dự, chỉ đạo"}
    for o in out:
        echo(fields_text([("Họ tên", o["person"]["name"])]))
        echo("Chức vụ:")
        for s in o["posts"]:
            echo(wrapped(f"  - {s['post']} ({s['date'] or 'không rõ ngày'})", 4))
        echo(f"\nCác cuộc họp ({number_vi(len(o['meetings']))}):")
        emit([{**m, "role_vi": role_vi.get(m["role"], m["role"]), "kind_vi": KIND_VI.get(m["kind"], m["kind"])}
              for m in o["meetings"]],
             [("date", "Ngày"), ("kind_vi", "Hình thức"), ("role_vi", "Vai trò"), ("notice_title", "Thông báo")],
             False, False, max_widths={3: 80}, shown=shown, noun="cuộc họp")


def _show_notice(kg, name, as_json, as_csv, shown=None):
    n = kg.notice(name)
    (info,) = kg.q("notice_info", notice_key=n["key"])
    cits = kg.q("notice_citations", notice_key=n["key"])
    from kg.graph import group_tasks

    tasks = group_tasks(kg.q("notice_tasks", notice_key=n["key"]), ())
    payload = {"notice": {**info, "key": n["key"]}, "citations": cits, "tasks": tasks}
    if as_json or as_csv:
        emit(tasks, [("ref", "ref"), ("deadline", "deadline"), ("text", "text")], as_json, as_csv, payload=payload)
        return
    echo(fields_text([("Tệp", info["path"]), ("SHA-256", info["sha256"]),
                              ("Số", info["number"]), ("Cơ quan ban hành", info["issuer"]), ("Ngày", info["date"]),
                              ("Trích yếu", info["title"]), ("Người ký", info["signer"]),
                              ("Cuộc họp", f"{info['meeting_date'] or '—'} ({KIND_VI.get(info['meeting_kind'], '—')})"),
                              ("Chủ trì", info["chair"])]))
    echo("\n" + wrapped(f"Văn bản được trích dẫn ({len(cits)}): " + ", ".join(c["number"] for c in cits), 2))
    echo(f"\nNhiệm vụ ({number_vi(len(tasks))}):")
    emit([{**t, "leads": [a["name"] for a in t["assignees"] if a["role"] == "lead"], "text_short": short(t["text"])}
          for t in tasks], [("id", "Mã"), ("ref", "Mục"), ("leads", "Chủ trì"), ("deadline", "Hạn"),
                            ("text_short", "Nội dung")],
         False, False, max_widths={2: 30, 4: 70}, shown=shown, noun="nhiệm vụ")
    executors = kg.q("executors", notice_key=n["key"])
    if executors:
        echo("\n" + wrapped(f"Chịu trách nhiệm thi hành ({len(executors)}): " + "; ".join(e["name"] for e in executors), 2))


@click.command()
@store_option
@output_options
def stats(store: Path | None, as_json: bool, as_csv: bool) -> None:
    """Counts of what the graph holds, and the names kept apart because they are ambiguous.

    Example:

    \b
        kg stats
    """
    kg = open_store(store, write=False)
    try:
        st = kg.stats()
        known = places(kg) if not (as_json or as_csv) else {}
    finally:
        kg.close()
    labels = [("notices", "Thông báo"), ("meetings", "Cuộc họp"), ("tasks", "Nhiệm vụ"), ("documents", "Văn bản"),
              ("agencies", "Cơ quan, đơn vị"), ("committees", "UBND, HĐND"), ("groups", "Nhóm đơn vị"),
              ("people", "Người (lãnh đạo)"), ("admin_units", "Đơn vị hành chính")]
    if as_json:
        echo(to_json(st, False))
        return
    emit([{"what": h, "n": st[k]} for k, h in labels], [("what", "Loại"), ("n", "Số lượng")], False, as_csv)
    if not as_csv:
        echo(f"\nTên chưa gộp được vì chưa rõ thuộc đơn vị nào ({len(st['ambiguous'])}):")
        for a in st["ambiguous"]:
            place = place_of(a["key"], known)
            echo(wrapped(f"  - {a['name']} ({LABEL_VI.get(a['label'], 'cơ quan, đơn vị')}" + (f", {place})" if place else ")"), 4))
        echo(f"\nTên viết sai đã nối với tên đúng ({len(st['misspellings'])}):")
        for m in st["misspellings"]:
            echo(wrapped(f"  - {m['name']} → {m['known_name']} ({misspelling_vi(m['reason'])})", 4))
