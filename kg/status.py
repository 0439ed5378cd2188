"""A task's follow-up status as of a day, in the categories offices use.

With a deadline: ``open`` (chưa đến hạn), ``due_soon`` (sắp đến hạn: within ``soon`` days),
``overdue`` (quá hạn: passed, not done), ``done_on_time`` (hoàn thành đúng hạn), ``done_late``
(hoàn thành quá hạn). Without one: ``no_deadline`` (chưa hoàn thành) and ``done`` (đã hoàn thành).
A month or quarter deadline counts as its last day (``deadline_end``, written at ingest). A recurring
task is due at each occurrence: the one it is judged by is the next (on or after the day), unless the
last one passed without a completion mark since the one before it (then it is overdue). A completion
marked after the day asked about does not count yet.

>>> d = dt.date
>>> status_of(d(2026, 6, 10), None, d(2026, 6, 1)), status_of(d(2026, 6, 10), None, d(2026, 6, 5))
('open', 'due_soon')
>>> status_of(d(2026, 6, 10), None, d(2026, 6, 11)), status_of(d(2026, 6, 10), d(2026, 6, 8), d(2026, 6, 30))
('overdue', 'done_on_time')
>>> status_of(d(2026, 6, 10), d(2026, 6, 12), d(2026, 6, 30)), status_of(None, d(2026, 6, 12), d(2026, 6, 30))
('done_late', 'done')
>>> status_of(None, d(2026, 7, 1), d(2026, 6, 30))
'no_deadline'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .ics import recurrence

SOON_DAYS = 7  # 'sắp đến hạn': due within this many days (kg workload / deadlines --soon)

STATUS_VI = {"open": "chưa đến hạn", "due_soon": "sắp đến hạn", "overdue": "quá hạn",
             "done_on_time": "hoàn thành đúng hạn", "done_late": "hoàn thành quá hạn",
             "no_deadline": "chưa hoàn thành", "done": "đã hoàn thành"}
STATUS_ORDER = list(STATUS_VI)
DONE = ("done_on_time", "done_late", "done")
DEFAULT_ON = {"yearly": "12-31", "monthly": "last", "quarterly": "last", "semiannual": "last", "weekly": "7"}  # 'hằng tháng' with no day


def as_date(v: Any) -> dt.date | None:
    """A stored day (a date, a datetime or an ISO string) as a date; None when empty."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def status_of(deadline_end: Any, done_on: Any, as_of: dt.date, soon: int = SOON_DAYS) -> str:
    """The status of a task due ``deadline_end`` (None: no deadline), marked done on ``done_on``, as of ``as_of``."""
    end, done = as_date(deadline_end), as_date(done_on)
    if done is not None and done > as_of:
        done = None  # not done yet on the day asked about
    if end is None:
        return "done" if done else "no_deadline"
    if done is not None:
        return "done_on_time" if done <= end else "done_late"
    if end < as_of:
        return "overdue"
    return "due_soon" if (end - as_of).days <= soon else "open"


def occurrences(rule: str | None, on: Any, as_of: dt.date, since: dt.date | None) -> tuple[list[dt.date], dt.date | None]:
    """(the last two occurrences before ``as_of`` and on or after ``since``, oldest first; the next one on or after
    ``as_of``) of a recurring task, or ([], None) when the rule has no day (``continuous`` work).

    >>> occurrences("monthly", "15", dt.date(2026, 6, 20), dt.date(2026, 1, 2))
    ([datetime.date(2026, 5, 15), datetime.date(2026, 6, 15)], datetime.date(2026, 7, 15))
    >>> occurrences("yearly", "06-30", dt.date(2026, 6, 20), dt.date(2026, 1, 2))
    ([], datetime.date(2026, 6, 30))
    >>> occurrences("semiannual", None, dt.date(2026, 7, 20), dt.date(2026, 1, 2))  # 'định kỳ 6 tháng'
    ([datetime.date(2026, 6, 30)], datetime.date(2026, 12, 31))
    """
    on = on if on not in (None, "") else DEFAULT_ON.get(rule or "")
    nxt = recurrence(rule, on, as_of)
    if nxt is None:
        return [], None
    past: list[dt.date] = []
    if since is not None and since < as_of:
        day = since
        while day < as_of and len(past) < 400:
            occ = recurrence(rule, on, day)
            if occ is None or occ[0] >= as_of:
                break
            past.append(occ[0])
            day = occ[0] + dt.timedelta(days=1)
    return past[-2:], nxt[0]


def task_status(row: dict, as_of: dt.date, soon: int = SOON_DAYS) -> dict:
    """``row`` (a recipe's task row: deadline_end, done_on, recurrence_rule, recurrence_on, notice_date) with its
    ``status``, ``days_left`` (to the day it is judged by, when it has one) and, for a recurring task, ``due``
    (the occurrence judged)."""
    done = as_date(row.get("done_on"))
    if done is not None and done > as_of:
        done = None
    end = as_date(row.get("deadline_end"))
    if row.get("recurrence_rule"):
        since = None
        try:
            since = as_date(row.get("notice_date")) if len(str(row.get("notice_date") or "")) == 10 else None
        except ValueError:
            since = None
        past, nxt = occurrences(row["recurrence_rule"], row.get("recurrence_on"), as_of, since)
        if nxt is None:
            end = None
        elif past and not (done and (len(past) < 2 or done > past[0])):
            end = past[-1]  # the last occurrence passed and nothing was marked done in its cycle
        else:
            end = nxt
            if done and past and done <= past[-1]:
                done = None  # done for the last occurrence, not yet for this one
        row = {**row, "due": end.isoformat() if end else None}
    st = status_of(end, done, as_of, soon)
    return {**row, "status": st, "days_left": (end - as_of).days if end is not None and st in ("open", "due_soon", "overdue")
            else None}


def status_label(row: dict) -> str:
    """The status as people read it; due soon says in how many days.

    >>> status_label({"status": "due_soon", "days_left": 3}), status_label({"status": "overdue", "days_left": -2})
    ('sắp đến hạn (còn 3 ngày)', 'quá hạn (2 ngày)')
    >>> status_label({"status": "due_soon", "days_left": 0})
    'sắp đến hạn (hôm nay)'
    """
    st, n = row["status"], row.get("days_left")
    if st == "due_soon" and n is not None:
        return STATUS_VI[st] + (" (hôm nay)" if n == 0 else f" (còn {n} ngày)")
    if st == "overdue" and n is not None:
        return STATUS_VI[st] + f" ({-n} ngày)"
    return STATUS_VI[st]


def counts(rows: list[dict], key: str) -> list[dict]:
    """Per value of ``key`` (an agency, a leader), how many tasks are in each status, and the total; most tasks first."""
    out: dict[str, dict] = {}
    for r in rows:
        c = out.setdefault(r[key], {key: r[key], **{s: 0 for s in STATUS_ORDER}, "total": 0})
        c[r["status"]] += 1
        c["total"] += 1
    return sorted(out.values(), key=lambda c: (-c["total"], c[key] or ""))
