"""Dates and deadlines.

>>> parse_date("ngày 20 tháng 4 năm 2026")
'2026-04-20'
>>> parse_date("ngày   tháng 5 năm 2026")
'2026-05'
>>> [d.value for d in find_deadlines("báo cáo UBND tỉnh trước ngày 10/6/2026")]
['2026-06-10']
>>> [d.value for d in find_deadlines("bảo đảm hoàn thành trong Quý III/2024.")]
['2024-Q3']
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from . import patterns

_DIGIT = re.compile(r"\d")
ROMAN_Q = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# one time expression; named groups tell which kind matched
_D = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
_DLONG = r"(?P<d2>\d{1,2})?\s*tháng\s*(?P<m2>\d{1,2})\s*năm\s*(?P<y2>\d{4})"
_DM = r"(?P<d3>\d{1,2})\s*/\s*(?P<m3>\d{1,2})(?![\d/])"
_MONTH = r"tháng\s*(?P<m4>\d{1,2})\s*(?:/|năm)\s*(?P<y4>\d{4})"
_QUARTER = r"[Qq]uý\s*(?P<q>IV|I{1,3}|[1-4])\s*(?:/|năm)\s*(?P<yq>\d{4})"
TIME_EXPR = re.compile(
    rf"(?:[Nn]gày\s*(?:{_D}|{_DLONG}|{_DM})|{_D.replace('(?P<d>', '(?P<dd>').replace('(?P<m>', '(?P<mm>').replace('(?P<y>', '(?P<yy>')}|{_MONTH}|{_QUARTER})"
)

_CUES = sorted(patterns.load("dates")["deadline_cues"], key=len, reverse=True)
DEADLINE = re.compile(
    r"(?P<cue>(?<![\w])(?:%s))\s*(?:là\s*|vào\s*)?(?P<expr>%s)" % ("|".join(re.escape(c) for c in _CUES), TIME_EXPR.pattern),
    re.I,
)


def _iso(y: int, m: int, d: int | None = None) -> str | None:
    if not (1 <= m <= 12) or y < 1900 or y > 2200:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not (1 <= d <= calendar.monthrange(y, m)[1]):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def value_of(m: re.Match, default_year: int | None = None) -> str | None:
    g = m.groupdict()
    if g.get("d"):
        return _iso(int(g["y"]), int(g["m"]), int(g["d"]))
    if g.get("dd"):
        return _iso(int(g["yy"]), int(g["mm"]), int(g["dd"]))
    if g.get("m2"):
        return _iso(int(g["y2"]), int(g["m2"]), int(g["d2"]) if g.get("d2") else None)
    if g.get("d3"):
        return _iso(default_year, int(g["m3"]), int(g["d3"])) if default_year else None
    if g.get("m4"):
        return _iso(int(g["y4"]), int(g["m4"]))
    if g.get("q"):
        return f"{int(g['yq']):04d}-Q{ROMAN_Q[g['q'].upper()]}"
    return None


def parse_date(s: str, default_year: int | None = None) -> str | None:
    """The first date in ``s`` as (possibly partial) ISO, or None."""
    m = TIME_EXPR.search(s)
    return value_of(m, default_year) if m else None


def last_day(value: str) -> str:
    """The last day a (possibly partial) ISO date covers: '2026-05' -> '2026-05-31', '2024-Q3' -> '2024-09-30'."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        y, q = int(m.group(1)), int(m.group(2))
        return f"{y:04d}-{3 * q:02d}-{calendar.monthrange(y, 3 * q)[1]:02d}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = int(m.group(1)), int(m.group(2))
        return f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31"
    return value


@dataclass
class Deadline:
    value: str
    text: str  # the phrase as printed ('chậm nhất ngày 05/6/2026')
    start: int
    end: int


def find_deadlines(text: str, default_year: int | None = None, not_before: str | None = None) -> list[Deadline]:
    """Deadline phrases in ``text``. ``not_before``: ignore periods that end before this ISO date
    (a sentence-initial 'Trong quý I/2026, …' describing the past is not a deadline)."""
    out = []
    if not _DIGIT.search(text):
        return out
    for m in DEADLINE.finditer(text):
        cue = m.group("cue").lower()
        val = value_of(m, default_year)
        if not val:
            continue
        if cue == "trong":
            # 'trong tháng 5/2026', 'trong Quý III/2024' — a period, not 'trong ngày …' context
            if not re.match(r"(?:tháng|quý)", m.group("expr"), re.I):
                continue
            before = text[: m.start()].rstrip()
            if not before or before.endswith((".", ";", ":")) or re.search(r"(?:^|[.;:]\s*)(?:Trong|trong)$", text[: m.end("cue")]):
                continue  # sentence-initial time adverbial
        if not_before and last_day(val) < not_before:
            continue
        out.append(Deadline(val, " ".join(m.group(0).split()), m.start(), m.end()))
    return out
