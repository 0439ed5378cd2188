"""iCalendar export of task deadlines (RFC 5545): one all-day event per task deadline.

>>> text = calendar([{"task": "t1", "deadline": "2026-06-10", "ref": "4", "text": "Báo cáo UBND tỉnh; kết quả",
...                   "role": "lead", "notice_title": "Kết luận"}], "Sở Y tế")
>>> "DTSTART;VALUE=DATE:20260610" in text and "SUMMARY:[4] Báo cáo UBND tỉnh\\\\; kết quả" in text
True
"""

from __future__ import annotations

import datetime as dt
import hashlib

from loaders.dates import last_day

ROLE_VI = {"lead": "chủ trì", "support": "phối hợp"}


def _escape(s: str) -> str:
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


def calendar(tasks: list[dict], owner: str, now: dt.datetime | None = None) -> str:
    """A VCALENDAR with one VEVENT per task that has a deadline (quarters and months count as their last day)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//chidao-kg//Han nhiem vu//VI", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape('Hạn nhiệm vụ – ' + owner)}"]
    seen = set()
    for t in tasks:
        if not t.get("deadline") or t["task"] in seen:
            continue
        seen.add(t["task"])
        day = dt.date.fromisoformat(last_day(t["deadline"]))
        uid = hashlib.sha1(f"{t['task']}|{owner}".encode("utf-8")).hexdigest() + "@chidao-kg"
        summary = f"[{t.get('ref') or '—'}] {t.get('text') or ''}"
        if len(summary) > 120:
            summary = summary[:119] + "…"
        desc = [t.get("text") or ""]
        if t.get("role"):
            desc.append(f"Vai trò: {ROLE_VI.get(t['role'], t['role'])}")
        if t.get("deadline_text"):
            desc.append(f"Hạn: {t['deadline_text']}")
        if t.get("notice_title"):
            desc.append(f"Thông báo: {t['notice_title']}")
        event = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                 f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}", f"SUMMARY:{_escape(summary)}",
                 f"DESCRIPTION:{_escape(chr(10).join(desc))}", "TRANSP:TRANSPARENT", "END:VEVENT"]
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "\r\n".join(x for line in lines for x in _fold(line)) + "\r\n"
