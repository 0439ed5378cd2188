"""iCalendar export of task deadlines (RFC 5545): one all-day event per task deadline, a repeating
event (RRULE) per recurring task, a timed event when the deadline has an hour.

>>> text = calendar([{"task": "t1", "deadline": "2026-06-10", "ref": "4", "text": "Báo cáo UBND tỉnh; kết quả",
...                   "role": "lead", "notice_title": "Kết luận"}], "Sở Y tế")
>>> "DTSTART;VALUE=DATE:20260610" in text and "SUMMARY:[4] Báo cáo UBND tỉnh\\\\; kết quả" in text
True
>>> text = calendar([{"task": "t2", "id": "NV-1a2b3c", "deadline": None, "text": "Báo cáo tình hình",
...                   "recurrence_rule": "yearly", "recurrence_on": "06-30", "recurrence_text": "trước ngày 30/6 hằng năm",
...                   "notice_date": "2026-04-02"}], "Sở Y tế")
>>> "DTSTART;VALUE=DATE:20260630" in text and "RRULE:FREQ=YEARLY" in text
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from kg.sanitize import printable
from loaders.dates import last_day

ROLE_VI = {"lead": "chủ trì", "support": "phối hợp"}


def _escape(s: str) -> str:
    """TEXT value (RFC 5545 3.3.11): control characters removed, then \\ ; , and newlines escaped."""
    s = printable(s)
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
            .replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out, cur = [], ""
    for ch in line:
        limit = 75 if not out else 74
        if len((cur + ch).encode("utf-8")) > limit:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    out.append(cur)
    return [out[0]] + [" " + x for x in out[1:]]


WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_VI_WEEKDAY = {"hai": 0, "ba": 1, "tư": 2, "tu": 2, "năm": 3, "nam": 3, "sáu": 4, "sau": 4, "bảy": 5, "bay": 5}


_MONTH_STEPS = {"monthly": 1, "quarterly": 3, "semiannual": 6}  # rules that repeat every so many months


def recurrence(rule: str | None, on: object, start: dt.date) -> tuple[dt.date, str] | None:
    """(first day on or after ``start``, RRULE value) of a recurring task, or None when it has no date.

    ``on``: yearly 'MM-DD'; monthly 'DD' (day of the month, 'last' or -1 for its last day); quarterly and semiannual
    'DD' of the quarter's or the half-year's last month, or 'MM-DD' of one occurrence; weekly a weekday ('MO',
    'thứ sáu', 1–7 with 1 = Monday).
    ``continuous`` work has no day and no event.

    >>> recurrence("yearly", "06-30", dt.date(2026, 7, 2))
    (datetime.date(2027, 6, 30), 'FREQ=YEARLY')
    >>> recurrence("monthly", "25", dt.date(2026, 4, 2))
    (datetime.date(2026, 4, 25), 'FREQ=MONTHLY;BYMONTHDAY=25')
    >>> recurrence("quarterly", "15", dt.date(2026, 4, 2))
    (datetime.date(2026, 6, 15), 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15')
    >>> recurrence("semiannual", "last", dt.date(2026, 7, 2))
    (datetime.date(2026, 12, 31), 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1')
    >>> recurrence("weekly", "thứ sáu", dt.date(2026, 4, 2))
    (datetime.date(2026, 4, 3), 'FREQ=WEEKLY;BYDAY=FR')
    >>> recurrence("continuous", None, dt.date(2026, 4, 2)) is None
    True
    """
    on_s = "" if on is None else str(on).strip().lower()
    if rule == "yearly":
        m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", on_s)
        if not m:
            return None
        mo, d = int(m.group(1)), int(m.group(2))
        first = dt.date(start.year, mo, min(d, int(last_day(f"{start.year}-{mo:02d}")[-2:])))
        if first < start:
            first = dt.date(start.year + 1, mo, min(d, int(last_day(f"{start.year + 1}-{mo:02d}")[-2:])))
        return first, "FREQ=YEARLY"
    if rule in _MONTH_STEPS:
        m = re.fullmatch(r"(?:(\d{1,2})-)?(\d{1,2}|last|-1)", on_s)
        if not m:
            return None
        day = -1 if m.group(2) in ("last", "-1") else int(m.group(2))
        step = _MONTH_STEPS[rule]
        y, mo = start.year, start.month
        if m.group(1):
            mo = int(m.group(1))
        elif step > 1:
            mo = (start.month - 1) // step * step + step  # the last month of the quarter or the half-year
        for _ in range(13):
            last = int(last_day(f"{y}-{mo:02d}")[-2:])
            cand = dt.date(y, mo, last if day == -1 else min(day, last))
            if cand >= start:
                break
            mo += step
            y, mo = y + (mo - 1) // 12, (mo - 1) % 12 + 1
        rr = "FREQ=MONTHLY" + (f";INTERVAL={step}" if step > 1 else "") + f";BYMONTHDAY={day}"
        return cand, rr
    if rule == "weekly":
        wd = None
        if on_s.upper()[:2] in WEEKDAYS and len(on_s) == 2:
            wd = WEEKDAYS.index(on_s.upper())
        elif on_s.isdigit() and 1 <= int(on_s) <= 7:
            wd = int(on_s) - 1
        else:
            m = re.search(r"(?:thứ|thu)\s+(\w+)|(chủ nhật|chu nhat)", on_s)
            if m:
                wd = 6 if m.group(2) else _VI_WEEKDAY.get(m.group(1))
        if wd is None:
            return None
        first = start + dt.timedelta(days=(wd - start.weekday()) % 7)
        return first, f"FREQ=WEEKLY;BYDAY={WEEKDAYS[wd]}"
    return None


def calendar(tasks: list[dict], owner: str, now: dt.datetime | None = None) -> str:
    """A VCALENDAR with one VEVENT per task that has a deadline (quarters and months count as their last day)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//chidao-kg//Han nhiem vu//VI", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape('Hạn nhiệm vụ – ' + owner)}"]
    seen = set()
    for t in tasks:
        if t["task"] in seen:
            continue
        rrule = None
        if t.get("recurrence_rule"):
            nd = t.get("notice_date") or ""
            start = dt.date.fromisoformat(nd) if len(nd) == 10 else (
                dt.date(int(nd[:4]), 1, 1) if nd[:4].isdigit() else now.date())
            occ = recurrence(t["recurrence_rule"], t.get("recurrence_on"), start)
            if occ is None:
                continue
            day, rrule = occ
        elif t.get("deadline"):
            day = dt.date.fromisoformat(last_day(t["deadline"]))
        else:
            continue
        seen.add(t["task"])
        uid = hashlib.sha1(f"{t['task']}|{owner}".encode("utf-8")).hexdigest() + "@chidao-kg"
        summary = f"[{t.get('id') or t.get('ref') or '—'}] {t.get('text') or ''}"
        if len(summary) > 120:
            summary = summary[:119] + "…"
        desc = [t.get("text") or ""]
        if t.get("role"):
            desc.append(f"Vai trò: {ROLE_VI.get(t['role'], t['role'])}")
        if t.get("deadline_text"):
            desc.append(f"Hạn: {t['deadline_text']}")
        if t.get("recurrence_text"):
            desc.append(f"Định kỳ: {t['recurrence_text']}")
        if t.get("notice_title"):
            desc.append(f"Thông báo: {t['notice_title']}")
        hm = re.fullmatch(r"(\d{1,2}):(\d{2})", t.get("deadline_time") or "")
        if hm:  # 'trước 14 giờ ngày 08/10/2025': a one-hour event ending at the deadline (local time)
            end = dt.datetime.combine(day, dt.time(int(hm.group(1)), int(hm.group(2))))
            when = [f"DTSTART:{(end - dt.timedelta(hours=1)).strftime('%Y%m%dT%H%M%S')}",
                    f"DTEND:{end.strftime('%Y%m%dT%H%M%S')}"]
        else:
            when = [f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                    f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}"]
        event = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", *when, *([f"RRULE:{rrule}"] if rrule else []),
                 f"SUMMARY:{_escape(summary)}", f"DESCRIPTION:{_escape(chr(10).join(desc))}", "TRANSP:TRANSPARENT",
                 "END:VEVENT"]
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "\r\n".join(x for line in lines for x in _fold(line)) + "\r\n"
