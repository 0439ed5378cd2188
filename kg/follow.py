"""The follow-up loop: what people do with the tasks, written through the journal (kg/journal.py).

One function per act, shared by the command line (kg/cli/follow.py) and the browser (kg/web.py): mark
done, reopen, correct a task's doers or deadline, say a sentence is not a task, add a task the extractor
missed, accept what it read; :func:`review` lists the doubtful facts first, :func:`summary` counts
statuses per agency and per leader, :func:`match_sheet` reads an office's tracking sheet and
:func:`gold_files` turns reviewed documents into annotation files.

>>> doubts({"reason": "inherited: lead-in", "confidence": 0.85, "deadline_reason": "deadline: closing sentence",
...         "assignees": [{"name": "Sở X", "role": "lead", "reason": "agency: not in vocabulary"}]})
['người thực hiện suy ra từ đoạn dẫn', 'cơ quan chưa có trong danh mục: Sở X', 'hạn lấy từ câu khác (câu kết)']
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from loaders.normalize import fold

from .errors import KGError
from .journal import Entry, ReplayReport, check_deadline, new_task_id
from .status import SOON_DAYS, STATUS_ORDER, as_date, counts, task_status


def _task(kg: Any, text: str) -> dict:
    return kg.task(text)


def _write(kg: Any, entries: list[Entry]) -> ReplayReport:
    rep = kg.journal.append(entries)
    if rep.orphans:
        raise KGError(f"không áp dụng được: {rep.orphans[0].describe()} (nhiệm vụ không còn trong đồ thị)")
    return rep


def mark_done(kg: Any, task: str, on: dt.date | None = None, note: str | None = None, by: str | None = None) -> Entry:
    """Mark a task done (on ``on``, default today): one journal entry, applied at once."""
    t = _task(kg, task)
    e = Entry.new("done", t["id"], t["doc_id"], {"on": (on or dt.date.today()).isoformat()}, note, by)
    _write(kg, [e])
    return e


def reopen(kg: Any, task: str, note: str | None = None, by: str | None = None) -> Entry:
    t = _task(kg, task)
    e = Entry.new("reopen", t["id"], t["doc_id"], {}, note, by)
    _write(kg, [e])
    return e


def accept(kg: Any, task: str, note: str | None = None, by: str | None = None) -> Entry:
    t = _task(kg, task)
    e = Entry.new("accept", t["id"], t["doc_id"], {}, note, by)
    _write(kg, [e])
    return e


def fix(kg: Any, task: str, lead: Iterable[str] | None = None, support: Iterable[str] | None = None,
        deadline: str | None = None, no_deadline: bool = False, not_a_task: bool = False, note: str | None = None,
        by: str | None = None) -> list[Entry]:
    """Correct a task: its lead(s), support(s), deadline; or say it is not a task. One entry per fact corrected,
    one transaction for all."""
    t = _task(kg, task)
    now = dt.datetime.now(dt.timezone.utc)
    out: list[Entry] = []

    def add(action: str, payload: dict) -> None:
        out.append(Entry.new(action, t["id"], t["doc_id"], payload, note, by, now=now + dt.timedelta(microseconds=len(out))))

    if not_a_task:
        if lead or support or deadline or no_deadline:
            raise KGError("--not-a-task không đi cùng --lead, --support hay --deadline")
        add("not-a-task", {})
    lead, support = [x.strip() for x in lead or () if x.strip()], [x.strip() for x in support or () if x.strip()]
    if lead:
        add("fix-lead", {"names": lead})
    if support:
        add("fix-support", {"names": support})
    if deadline is not None or no_deadline:
        add("fix-deadline", {"deadline": None if no_deadline else check_deadline(deadline)})
    if not out:
        raise KGError("không có gì để sửa: cho --lead, --support, --deadline, --no-deadline hoặc --not-a-task")
    _write(kg, out)
    return out


def add_task(kg: Any, notice: str, text: str, lead: Iterable[str] | None = None, support: Iterable[str] | None = None,
             deadline: str | None = None, note: str | None = None, by: str | None = None) -> Entry:
    """Add a task the extractor missed to a notice (named as kg show notice names it); its id is the one extraction
    gives the same sentence, so a later extractor that finds it keeps the person's doers."""
    n = kg.notice(notice)
    text = " ".join(text.split())
    if not text:
        raise KGError("câu nhiệm vụ trống")
    doc = n.get("doc_id")
    tid = new_task_id(doc, text)
    e = Entry.new("add-task", doc, doc, {"id": tid, "text": text, "lead": [x for x in lead or () if x.strip()],
                                         "support": [x for x in support or () if x.strip()],
                                         "deadline": check_deadline(deadline)}, note, by)
    _write(kg, [e])
    return e


# -- review ------------------------------------------------------------------------------------------------

REVIEW_CYPHER = (
    "MATCH (n:Notice)-[:CONTAINS]->(t:Task) WHERE t.accepted_by IS NULL AND t.added_by IS NULL "
    "OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(o) "
    "RETURN t.key AS task, t.id AS id, t.ref AS ref, t.text AS text, t.reason AS reason, t.confidence AS confidence, "
    "t.deadline AS deadline, t.deadline_reason AS deadline_reason, t.deadline_by AS deadline_by, n.path AS path, "
    "t.reported_done AS reported_done, "
    "n.key AS notice, n.ocr AS ocr, o.name AS assignee, a.role AS role, a.reason AS assignee_reason, a.by AS by "
    "ORDER BY path, task")


def doubts(t: dict) -> list[str]:
    """Why a task's facts may be wrong, in Vietnamese, from the reasons extraction gave them (none: nothing
    to doubt, or a person set them)."""
    out = []
    people = [a for a in t.get("assignees") or [] if a.get("by")]
    reason = t.get("reason") or ""
    if not people:
        if reason.startswith("inherited"):
            how = reason.split(":", 1)[-1].strip()
            out.append("người thực hiện suy ra từ " + {"heading": "tiêu đề mục", "lead-in": "đoạn dẫn",
                                                      "addressees": "nơi nhận"}.get(how, how))
        if not t.get("assignees"):
            out.append("không có người thực hiện")
        for a in t.get("assignees") or []:
            if (a.get("reason") or "").startswith("agency: not in vocabulary"):
                out.append(f"cơ quan chưa có trong danh mục: {a['name']}")
    dr = t.get("deadline_reason") or ""
    if not t.get("deadline_by") and dr in ("deadline: closing sentence", "deadline: line under item"):
        out.append("hạn lấy từ câu khác (" + ("câu kết" if "closing" in dr else "dòng dưới mục") + ")")
    if t.get("ocr") is not None:
        out.append(f"văn bản nhận dạng chữ (OCR), độ tin cậy {t['ocr']:.0f}%")
    if t.get("reported_done"):
        out.append("văn bản sau báo cáo đã hoàn thành: xác nhận bằng kg done")
    return out


def review(kg: Any, limit: int | None = None) -> dict:
    """The tasks whose facts are doubtful, most doubtful first (read by OCR first, the lowest page confidence
    first; then lowest confidence, then most reasons), and the journal entries kept without their task."""
    tasks: dict[str, dict] = {}
    for r in kg.store.run(REVIEW_CYPHER, {}, recipe="review"):
        t = tasks.setdefault(r["task"], {k: r[k] for k in ("task", "id", "ref", "text", "reason", "confidence", "deadline",
                                                           "deadline_reason", "deadline_by", "path", "notice",
                                                           "reported_done", "ocr")}
                             | {"assignees": []})
        if r["assignee"]:
            t["assignees"].append({"name": r["assignee"], "role": r["role"], "reason": r["assignee_reason"],
                                   "by": r["by"]})
    out = []
    for t in tasks.values():
        why = doubts(t)
        if why or (t["confidence"] is not None and t["confidence"] < 0.8):
            out.append({**t, "doubts": why or ["độ tin cậy thấp"]})
    out.sort(key=lambda t: (t["ocr"] is None, t["ocr"] or 0.0, t["confidence"] if t["confidence"] is not None else 0.5,
                            -len(t["doubts"]), t["path"] or "", t["id"]))
    return {"tasks": out[:limit] if limit else out, "total": len(out), "orphans": kg.journal.orphans()}


# -- counts per agency and per leader ------------------------------------------------------------------------

SUMMARY_CYPHER = (
    "MATCH (n:Notice)-[:CONTAINS]->(t:Task) "
    "OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(o) WHERE a.role = 'lead' "
    "OPTIONAL MATCH (n)-[:RECORDS]->(:Meeting)-[l:LED_BY]->(p:Person) WHERE l.role = 'chair' "
    "OPTIONAL MATCH (n)-[:SIGNED_BY]->(s:Person) "
    "RETURN t.key AS task, t.deadline_end AS deadline_end, t.done_on AS done_on, t.recurrence_rule AS recurrence_rule, "
    "t.recurrence_on AS recurrence_on, n.date AS notice_date, o.name AS agency, coalesce(p.name, s.name) AS leader")


def summary(kg: Any, as_of: dt.date | None = None, by: str = "agency", soon: int = SOON_DAYS) -> dict:
    """How many tasks are in each status as of a day, per lead agency (``by="agency"``) or per leader who gave
    them (``by="leader"``: the meeting's chair, else the signer)."""
    as_of = as_of or dt.date.today()
    seen: set[tuple] = set()
    rows = []
    for r in kg.store.run(SUMMARY_CYPHER, {}, recipe="status summary"):
        k = (r["task"], r[by])
        if k in seen:
            continue
        seen.add(k)
        rows.append({**task_status(r, as_of, soon), by: r[by] or "(không rõ)"})
    return {"as_of": as_of.isoformat(), "by": by, "statuses": STATUS_ORDER, "rows": counts(rows, by)}


# -- an office's tracking sheet ------------------------------------------------------------------------------

HEADERS = {  # folded header words -> column
    "id": ("ma nhiem vu", "ma nv", "ma", "task", "id", "task id"),
    "number": ("so van ban", "so hieu", "so hieu van ban", "van ban", "so ky hieu", "so"),
    "ref": ("muc", "ref", "stt muc"),
    "text": ("nhiem vu", "noi dung", "noi dung nhiem vu", "ten nhiem vu"),
    "done_on": ("ngay hoan thanh", "hoan thanh ngay", "ngay hoan thanh thuc te"),
    "note": ("ghi chu", "ket qua", "ket qua thuc hien"),
}


@dataclass
class SheetRow:
    line: int
    values: dict
    task: dict | None = None
    how: str | None = None  # id | number+ref | text (to confirm)
    score: float | None = None
    problem: str | None = None


@dataclass
class SheetResult:
    matched: list[SheetRow] = field(default_factory=list)  # applied (or to apply)
    to_confirm: list[SheetRow] = field(default_factory=list)  # matched by the closest text: shown, applied with --yes
    unmatched: list[SheetRow] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def read_sheet(path: str) -> list[dict]:
    """Rows of a tracking sheet (.xlsx or .csv, first row headers), keyed by the columns of :data:`HEADERS`."""
    import csv

    p = str(path)
    if p.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        wb = load_workbook(p, read_only=True, data_only=True)
        raw = [list(r) for r in wb.active.iter_rows(values_only=True)]
        wb.close()
    elif p.lower().endswith(".csv"):
        with open(p, encoding="utf-8-sig", newline="") as f:
            raw = list(csv.reader(f))
    else:
        raise KGError(f"{p}: chỉ đọc được bảng theo dõi .xlsx hoặc .csv")
    if not raw:
        return []
    cols = {}
    for i, h in enumerate(raw[0]):
        hf = " ".join(fold(str(h or "")).replace(".", " ").split())
        for key, names in HEADERS.items():
            if hf in names and key not in cols:
                cols[key] = i
    if "done_on" not in cols:
        raise KGError(f"{p}: không thấy cột 'Ngày hoàn thành' ở dòng đầu")
    out = []
    for n, r in enumerate(raw[1:], 2):
        vals = {k: (r[i] if i < len(r) else None) for k, i in cols.items()}
        if all(v in (None, "") for v in vals.values()):
            continue
        out.append({"_line": n, **vals})
    return out


def _day(v: Any) -> dt.date | None:
    """A tracking sheet's day: day first ('08/06/2026') or what :func:`kg.status.as_date` reads."""
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", v.strip()) if isinstance(v, str) else None
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return as_date((v.strip() or v) if isinstance(v, str) else v)  # (a cell of spaces stays unreadable)


def match_sheet(kg: Any, rows: list[dict], by: str | None = None, cutoff: float = 0.6) -> SheetResult:
    """Match each row to a task: by public id; else document number + item ref; else the closest task text in
    that document (to confirm). Rows with a completion day become ``done`` entries (not written here)."""
    from .graph import Ambiguous, NotFound, group_tasks

    res = SheetResult()
    by_notice: dict[str, list[dict]] = {}
    now = dt.datetime.now(dt.timezone.utc)
    for r in rows:
        row = SheetRow(r["_line"], {k: v for k, v in r.items() if k != "_line"})
        try:
            done = _day(r.get("done_on"))
        except ValueError:
            row.problem = f"ngày hoàn thành không đọc được: {r.get('done_on')}"
            res.unmatched.append(row)
            continue
        tid = str(r.get("id") or "").strip()
        if tid:
            try:
                row.task, row.how = kg.task(tid), "id"
            except (NotFound, Ambiguous) as e:
                row.problem = str(e)
        if row.task is None and r.get("number"):
            try:
                notices = kg.find_notices(str(r["number"]))
            except KGError:
                notices = []
            if len(notices) != 1:
                row.problem = f"không có văn bản số {r['number']}" if not notices else f"nhiều văn bản số {r['number']}"
            else:
                key = notices[0]["key"]
                tasks = by_notice.get(key)
                if tasks is None:
                    tasks = by_notice[key] = group_tasks(kg.q("notice_tasks", notice_key=key), ())
                ref = str(r.get("ref") or "").strip().rstrip(".")
                same_ref = [t for t in tasks if ref and (t.get("ref") or "").rstrip(".") == ref]
                text = fold(str(r.get("text") or ""))

                def close(t: dict) -> float:
                    full = fold(t.get("text") or "")  # a sheet often shortens the sentence: its start counts too
                    return max(difflib.SequenceMatcher(None, text, full).ratio(),
                               difflib.SequenceMatcher(None, text, full[:len(text)]).ratio())

                if len(same_ref) == 1:
                    row.task, row.how = kg.task(same_ref[0]["id"]), "number+ref"
                elif text:
                    pool = same_ref or tasks
                    best = max(pool, key=close, default=None)
                    if best is not None and close(best) >= cutoff:  # among the item's tasks: the item decides
                        row.task, row.how, row.score = kg.task(best["id"]), "number+ref" if same_ref else "text", \
                            round(close(best), 2)
                    else:
                        row.problem = "không tìm thấy nhiệm vụ có nội dung gần giống trong văn bản"
                else:
                    row.problem = f"văn bản không có mục {ref}" if ref else "thiếu mục hoặc nội dung nhiệm vụ"
        elif row.task is None and not row.problem:
            row.problem = "thiếu mã nhiệm vụ và số văn bản"
        if row.task is None:
            res.unmatched.append(row)
            continue
        (res.to_confirm if row.how == "text" else res.matched).append(row)
        if done is not None:
            note = str(r.get("note") or "").strip() or None
            res.entries.append(Entry.new("done", row.task["id"], row.task["doc_id"], {"on": done.isoformat()}, note, by,
                                         now=now + dt.timedelta(microseconds=len(res.entries))))
            row.values["_entry"] = res.entries[-1].id
    return res


# -- corrections as test cases ---------------------------------------------------------------------------------


def gold_files(kg: Any) -> list[tuple[str, dict]]:
    """(file name, gold annotation) of every document people reviewed (a journal entry about it), in the shared
    annotation format (tests/fixtures/gold/ANNOTATION_GUIDE.md) with only the tasks a person confirmed (accepted,
    corrected or added), as the graph holds them now, and ``human_confirmed_only: true``."""
    from pathlib import Path

    from .graph import group_tasks

    entries = kg.journal.entries()
    docs: dict[str, set[str]] = {}
    for e in entries:
        if e.doc_id:
            docs.setdefault(e.doc_id, set()).add(e.task_id)
    dropped = {e.target for e in entries if e.action == "not-a-task"}
    out = []
    for n in kg.notices():
        if n.get("doc_id") not in docs:
            continue
        confirmed = docs[n["doc_id"]]
        tasks = []
        for t in group_tasks(kg.q("notice_tasks", notice_key=n["key"]), ()):
            if t["id"] not in confirmed or t["id"] in dropped:
                continue
            info = kg.task_at(t["task"])
            tasks.append({"ref": t.get("ref") or "", "text_start": " ".join((t.get("text") or "").split()[:8]),
                          "assignees": [{"name": a["name"], "role": a["role"]} for a in info["assignees"]],
                          "deadline": info.get("deadline"), "based_on": info["based_on"], "report_to": info["report_to"]})
        (info_n,) = kg.q("notice_info", notice_key=n["key"])
        gold = {"source": Path(n["path"]).name, "human_confirmed_only": True,
                "notice": {"number": info_n.get("number"), "issuer": info_n.get("issuer"), "date": info_n.get("date"),
                           "signer": {"name": info_n.get("signer"), "title": info_n.get("signer_title")}
                           if info_n.get("signer") else None},
                "tasks": tasks,
                "not_tasks": sorted(i for i in confirmed & dropped)}
        out.append((Path(n["path"]).stem + ".gold.json", gold))
    return out
