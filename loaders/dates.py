"""Dates and deadlines.

>>> parse_date("ngày 20 tháng 4 năm 2026")
'2026-04-20'
>>> parse_date("ngày   tháng 5 năm 2026")
'2026-05'
>>> [d.value for d in find_deadlines("báo cáo UBND tỉnh trước ngày 10/6/2026")]
['2026-06-10']
>>> [d.value for d in find_deadlines("bảo đảm hoàn thành trong Quý III/2024.")]
['2024-Q3']
>>> parse_date("ngày 15 tháng 54 năm 2026") is None  # no such month: never an impossible date
True
>>> date_readings(2026, "54", "15"), settle_date(["2026-05-15", "2026-04-15"], "2026-05-04")
(['2026-05-15', '2026-04-15'], '2026-05-15')
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from . import patterns

_DIGIT = re.compile(r"\d")
ROMAN_Q = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# one time expression; named groups tell which kind matched
_D = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
_DLONG = r"(?P<d2>\d{1,2})?\s*tháng\s*(?P<m2>\d{1,2})\s*năm\s*(?P<y2>\d{4})"
_DM = r"(?P<d3>\d{1,2})\s*/\s*(?P<m3>\d{1,2})(?![\d/])"
_DMLONG = r"(?P<d6>\d{1,2})\s*tháng\s*(?P<m6>\d{1,2})(?![\d/]|\s*(?:năm|/)\s*\d)"  # 'ngày 15 tháng 6': the notice's year
_MONTH = r"tháng\s*(?P<m4>\d{1,2})\s*(?:/|năm)\s*(?P<y4>\d{4})"
_QUARTER = r"[Qq]uý\s*(?P<q>IV|I{1,3}|[1-4])\s*(?:/|năm)\s*(?P<yq>\d{4})"
_DATES = patterns.load("dates")
# a day named by its occasion before its date ('ngày Quốc khánh 02/9/2025')
_NAMED_DAY = r"(?:(?:%s)\s+)?" % "|".join(re.escape(w) for w in sorted(_DATES["named_days"], key=len, reverse=True))
TIME_EXPR = re.compile(
    rf"(?:[Nn]gày\s*{_NAMED_DAY}(?:{_D}|{_DLONG}|{_DM}|{_DMLONG})|{_D.replace('(?P<d>', '(?P<dd>').replace('(?P<m>', '(?P<mm>').replace('(?P<y>', '(?P<yy>')}|{_MONTH}|{_QUARTER})"
)

_CUES = sorted(_DATES["deadline_cues"], key=len, reverse=True)
_MONTH_NO_YEAR = r"tháng\s*(?P<m5>\d{1,2})(?![\d/]|\s*(?:năm|/)\s*\d)"  # 'chậm nhất trong tháng 6': the year of the notice
# a clock time before the day: 'trước 14 giờ ngày …', 'trước 16h00 ngày …', '17 giờ 30 phút, ngày …'
_CLOCK = r"(?:(?P<hh>\d{1,2})\s*(?:giờ|h)\s*(?P<mi>\d{2})?\s*(?:phút)?\s*,?\s*(?=[Nn]gày))?"
# a day and month right after a cue, without 'ngày' or a year ('hoàn thành trước 30/4'): the notice's year
_DM_BARE = r"(?P<d7>\d{1,2})\s*/\s*(?P<m7>\d{1,2})(?![\d/])"
# a part of the day before the day: 'trong chiều ngày 03/10/2025', 'trước sáng ngày …'
_DAY_PART = r"(?:(?:buổi\s*)?(?:%s)\s*(?=[Nn]gày))?" % "|".join(re.escape(w) for w in _DATES["day_parts"])
DEADLINE = re.compile(
    r"(?P<cue>(?<![\w])(?:%s))\s*:?\s*(?:là\s*|vào\s*)?%s%s(?P<expr>%s|%s|%s)"
    % ("|".join(re.escape(c) for c in _CUES), _CLOCK, _DAY_PART, TIME_EXPR.pattern, _MONTH_NO_YEAR, _DM_BARE),
    re.I,
)
_DEADLINE_WORDS = patterns.required_words(DEADLINE)  # the cues ('trước', 'chậm nhất', …): a text without one has none
_NOT_AFTER = re.compile(r"(?:^|\W)(?:%s)\s*$" % "|".join(re.escape(w) for w in _DATES["not_after"]), re.I)
_EVENT_BEFORE = re.compile(r"(?:^|\W)(?:%s)(?!\s+(?:%s))(?:\s+[^\s,;.:]+){0,3}\s*$" % (
    "|".join(re.escape(w) for w in _DATES["event_words"]), "|".join(re.escape(w) for w in _DATES["not_event"])), re.I)
_EVENT_RIGHT_BEFORE = re.compile(r"(?:^|\W)(?:%s)\s*$" % "|".join(re.escape(w) for w in _DATES["event_words"]), re.I)
_EVENT_WORDS = "|".join(re.escape(w) for w in _DATES["event_words"])
_FINISH = "|".join(re.escape(w) for w in _DATES["finish_words"])
# the event word is the work to finish ('hoàn thành thi công'), or names a party or a document ('nhà thầu thi công')
_EVENT_NOT_EVENT = re.compile(r"(?:(?:^|\W)(?:%s)(?:\s+[^\s,;.:]+){0,3}|(?:^|\W)(?:%s))\s+(?:%s)\s*$" % (
    _FINISH, "|".join(re.escape(w) for w in _DATES["event_word_nouns"]), _EVENT_WORDS), re.I)
# a start named earlier in the clause (no comma but in brackets), no finishing word between ('khởi công hạng mục … trong
# Quý IV/2026'; not '… khởi công các dự án, giải ngân 100% vốn trước ngày …')
_STARTED_BEFORE = re.compile(r"(?:^|\W)(?:%s)\s(?:(?!%s)(?:[^;.,()]|\([^()]*\)))*$" % (
    "|".join(re.escape(w) for w in _DATES["start_words"]), _FINISH), re.I)
_RANGE_START = re.compile(r"(?:^|\W)từ\s*(?:ngày\s*)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?\s*$", re.I)
_REPEATS_AFTER = re.compile(r"\s*(?:hằng|hàng)\s*(?:năm|tháng|quý|tuần)", re.I)
def _recurrence_pattern(entries: list[dict]) -> re.Pattern:
    """All recurrence patterns in one alternation (one pass over the text); group 'r<k>' is entry k."""
    parts = []
    for k, e in enumerate(entries):
        parts.append(f"(?P<r{k}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<r{k}_\1>", e["regex"]) + ")")
    return re.compile("|".join(parts), re.I)


_RECURRENCE_RULES = [e["rule"] for e in _DATES["recurrence"]]
_RECURRENCE = _recurrence_pattern(_DATES["recurrence"])
_WEEKDAYS = _DATES["weekdays"]
_RECURRENCE_CHEAP = re.compile(r"hằng|hàng (?:năm|tháng|quý|tuần)|thường xuyên|định kỳ|mỗi|tháng (?:một|1) lần", re.I)
_RECURRENCE_WORDS = ("hằng", "hàng", "thường", "định kỳ", "mỗi", "lần")  # one of them, before the search above


def _iso(y: int, m: int, d: int | None = None) -> str | None:
    if not (1 <= m <= 12) or y < 1900 or y > 2200:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not (1 <= d <= calendar.monthrange(y, m)[1]):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def iso_date(y: int, m: int | None = None, d: int | None = None) -> str | None:
    """A (possibly partial) ISO date, or None when no such day exists: (2026, 5, 15) -> '2026-05-15',
    (2026, 5) -> '2026-05', (2026,) -> '2026', (2026, 54, 15) -> None."""
    if m is None:
        return f"{y:04d}" if 1900 <= y <= 2200 else None
    return _iso(y, m, d)


def date_readings(y: int, m: str | None, d: str | None) -> list[str]:
    """The days a garbled date may mean when one of its fields has a stray digit ('ngày 15 tháng 54 năm 2026':
    month 5 or 4) -> ['2026-05-15', '2026-04-15']; [] when the date is valid as printed or no single digit mends it."""
    if iso_date(y, int(m) if m else None, int(d) if d else None) or not m:
        return []

    def keep_one(field: str | None, top: int) -> list[str | None]:
        if not field or len(field) < 2 or 1 <= int(field) <= top:
            return [field]
        return list(dict.fromkeys(c for c in field if c != "0"))  # one digit of two is the stray one

    out = []
    for mm in keep_one(m, 12):
        for dd in keep_one(d, 31):
            v = iso_date(y, int(mm), int(dd) if dd else None)
            if v and v not in out:
                out.append(v)
    return out


def settle_date(readings: list[str], not_before: str | None) -> str | None:
    """The one reading of a garbled date on or after ``not_before`` (a document is dated on or after the documents it
    cites), or None when none or several remain."""
    left = [r for r in readings if not_before is None or last_day(r) >= not_before]
    return left[0] if len(left) == 1 else None


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
    if g.get("d6"):
        return _iso(default_year, int(g["m6"]), int(g["d6"])) if default_year else None
    if g.get("m4"):
        return _iso(int(g["y4"]), int(g["m4"]))
    if g.get("q"):
        return f"{int(g['yq']):04d}-Q{ROMAN_Q[g['q'].upper()]}"
    if g.get("m5"):
        return _iso(default_year, int(g["m5"])) if default_year else None
    if g.get("d7"):
        return _iso(default_year, int(g["m7"]), int(g["d7"])) if default_year else None
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
    time: str | None = None  # clock time on that day ('14:00'), when the phrase gives one


@dataclass
class Recurrence:
    """A repeating time ('trước ngày 30/6 hằng năm'): not one date, so no deadline."""

    rule: str  # yearly | monthly | quarterly | semiannual | weekly | continuous
    on: str | None  # '06-30' (yearly), '15' (monthly), else None
    text: str  # the phrase as printed

    def as_dict(self) -> dict:
        return {"rule": self.rule, "on": self.on, "text": self.text}


def find_recurrence(text: str) -> Recurrence | None:
    """The repeating-time phrase in ``text`` of the most specific rule (the first in dates.json), or None."""
    low = text.lower()  # cheaper than the case-blind search below, which needs one of these words
    if not any(w in low for w in _RECURRENCE_WORDS) or not _RECURRENCE_CHEAP.search(text):
        return None
    best = None
    for m in _RECURRENCE.finditer(text):
        k = int(m.lastgroup[1:])  # the entry's own group closes last
        if best is None or k < best[0]:
            best = (k, m)
    if best is None:
        return None
    k, m = best
    g = {n.split("_", 1)[1]: v for n, v in m.groupdict().items() if v is not None and n.startswith(f"r{k}_")}
    on = None
    if g.get("wd") or g.get("wd7"):
        on = str(_WEEKDAYS[g["wd"].lower()]) if g.get("wd") else "7"
    elif g.get("d") and g.get("m"):
        # a day that exists in some year (29/2 does): else the rule stands without its day
        on = f"{int(g['m']):02d}-{int(g['d']):02d}" if _iso(2000, int(g["m"]), int(g["d"])) else None
    elif g.get("d"):
        on = str(int(g["d"])) if 1 <= int(g["d"]) <= 31 else None
    return Recurrence(_RECURRENCE_RULES[k], on, " ".join(m.group(0).split()))


def find_deadlines(text: str, default_year: int | None = None, not_before: str | None = None) -> list[Deadline]:
    """Deadline phrases in ``text``. ``not_before``: ignore periods that end before this ISO date
    (a sentence-initial 'Trong quý I/2026, …' describing the past is not a deadline). A date that repeats
    ('trước ngày 30/6 hằng năm'), an event date ('tổ chức trong tháng 5/2026') and a count up to a day
    ('tính đến ngày …') are not deadlines."""
    if not _DIGIT.search(text):
        return []
    # the same text is read several times per document (a directive, then its parts): memoised; the
    # Deadline objects are never changed by callers, the list is a fresh copy
    return list(_find_deadlines(text, default_year, not_before))


def reset_caches() -> None:
    """Forget the deadlines memoised for the previous document (call once per document)."""
    _find_deadlines.cache_clear()


# (the cues found with str.find in the lower-cased text, the pattern tried only there: it opens with a look-behind)
_FIND_DEADLINE = patterns.StartSearch(DEADLINE)
_PERIOD_EXPR = re.compile(r"(?:tháng|quý|ngày)", re.I)
_TRONG_INITIAL = re.compile(r"(?:^|[.;:]\s*)(?:Trong|trong)$")


@lru_cache(maxsize=4096)
def _find_deadlines(text: str, default_year: int | None, not_before: str | None) -> tuple[Deadline, ...]:
    if not patterns.may_match(text, _DEADLINE_WORDS, True):
        return ()
    out = []
    for m in _FIND_DEADLINE.finditer(text):
        cue = m.group("cue").lower()
        val = value_of(m, default_year)
        if not val:
            continue
        if _REPEATS_AFTER.match(text, m.end()) or _NOT_AFTER.search(text, max(0, m.start() - 30), m.start()):
            continue
        if _EVENT_RIGHT_BEFORE.search(text, max(0, m.start() - 30), m.start()) and not cue.startswith(("xong", "hoàn thành")) \
                and not _EVENT_NOT_EVENT.search(text, max(0, m.start() - 60), m.start()):
            continue  # 'dự kiến khởi công trước ngày …': a planned start
        started = _STARTED_BEFORE.search(text, max(0, m.start() - 160), m.start()) is not None \
            and not cue.startswith(("xong", "hoàn thành"))  # 'phấn đấu khởi công hạng mục … trong Quý IV/2026'
        if cue.startswith("đến") and _RANGE_START.search(text, max(0, m.start() - 40), m.start()):
            continue  # 'từ ngày 01/5/2026 đến ngày 30/5/2026': the period of the work
        if cue in ("trong", "vào"):
            # 'trong tháng 5/2026', 'trong Quý III/2024', 'trong ngày 11/01/2026' — not 'trong năm …' context
            if not _PERIOD_EXPR.match(m.group("expr")):
                continue
            before = text[: m.start()].rstrip()
            if _EVENT_BEFORE.search(text, max(0, m.start() - 60), m.start()):
                continue  # 'tổ chức Hội nghị trong tháng 5/2026': when the event happens
            if not before or before.endswith((".", ";", ":")) or _TRONG_INITIAL.search(text[: m.end("cue")]):
                continue  # sentence-initial time adverbial
        if not_before and last_day(val) < not_before:
            continue
        time = f"{int(m.group('hh')):02d}:{m.group('mi') or '00'}" if m.group("hh") and int(m.group("hh")) < 24 else None
        out.append((started, Deadline(val, " ".join(m.group(0).split()), m.start(), m.end(), time)))
    # when the work starts is its deadline only when nothing else in the text says when it ends ('tổ chức khởi công
    # các dự án … trong tháng 5 năm 2026'; not '… khởi công … trong Quý IV/2026, hoàn thành bàn giao … trước ngày …')
    ended = any(not st for st, _ in out)
    return tuple(d for st, d in out if not (st and ended))


_DEADLINE_LINE = re.compile(r"^(?:%s)\s*:\s*" % "|".join(re.escape(w) for w in sorted(_DATES["deadline_lines"], key=len, reverse=True)), re.I)
_BARE_DATE = re.compile(r"(?P<expr>%s)" % TIME_EXPR.pattern.replace("(?:[Nn]gày", "(?:(?:[Nn]gày)?", 1))


_ONLY_PUNCT = re.compile(r"[\s(\[.;:)\]–-]*")


@dataclass
class DeadlineLine:
    """A line that only gives the time of the item above it ('Thời hạn: 30/9/2026')."""

    deadlines: list[Deadline]
    recurrence: Recurrence | None


def read_deadline_line(text: str, default_year: int | None = None, not_before: str | None = None) -> DeadlineLine | None:
    """Read ``text`` as a 'Thời gian hoàn thành: …' / 'Thời hạn: …' line, or a line that is only a deadline
    ('Hoàn thành trước ngày 30/6/2026.', '(trước ngày 15/8/2026)'); return None if it is neither."""
    m = _DEADLINE_LINE.match(text)
    if not m:
        if len(text) > 80 or not _DIGIT.search(text):
            return None
        dls = find_deadlines(text, default_year, not_before)
        if len(dls) == 1 and _ONLY_PUNCT.fullmatch(text[: dls[0].start]) and _ONLY_PUNCT.fullmatch(text[dls[0].end:]):
            return DeadlineLine(dls, None)
        return None
    dls = find_deadlines(text, default_year, not_before)
    if not dls:
        rest = text[m.end():]
        k = re.match(r"(?:trong|vào)\s*", rest, re.I)  # 'trong Quý III/2026' right after the label
        b = _BARE_DATE.match(rest, k.end() if k else 0)
        val = value_of(b, default_year) if b else None
        if val and not _REPEATS_AFTER.match(rest, b.end()):
            dls = [Deadline(val, " ".join(text[: m.end() + b.end()].split()), 0, m.end() + b.end())]
    return DeadlineLine(dls, None if dls else find_recurrence(text))
