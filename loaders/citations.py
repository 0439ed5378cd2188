"""Citations of legal and administrative documents.

Numbering families (Nghị định 30/2020/NĐ-CP; party rules):

* normative ``02/2026/NQ-HĐND``, ``185/2026/NĐ-CP``, ``07/2026/TT-BYT``
* administrative ``141/KH-UBND``, công văn ``3009/UBND-TH``, ``14/CĐ-TTg``
* party ``24-NQ/TU``, ``58-QĐ/TU``, ``226-KL/TW``
* short numbers of programmes and schemes: ``Đề án 06``
* as typed in practice: '&' in a code (``7735/SNN&MT``), a space on one side of a hyphen or slash
  (``1856/TTr -SCT``), dotted numbers (``66.13/2026/NQ-CP``), a letter after the number (``123a/QĐ-UBND``)

A law is also known by its name (``Luật Đầu tư số 143/2025/QH15`` … ``Luật Đầu tư``): see :func:`named_mentions`.

>>> [c.number for c in find_citations("thực hiện Kế hoạch số 141/KH-UBND ngày 16/4/2026 của UBND tỉnh về thực hiện kịch bản")]
['141/KH-UBND']
>>> c = find_citations("Nghị quyết số 24-NQ/TU, ngày 03/3/2026 của Ban Thường vụ Tỉnh ủy về phát triển")[0]
>>> (c.type, c.date, c.issuer)
('Nghị quyết', '2026-03-03', 'Ban Thường vụ Tỉnh ủy')
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import patterns
from .dates import TIME_EXPR, value_of
from .normalize import SUPERSCRIPT_CHARS, fold, one_edit
from .orgs import UPPER, LOWER, scan_org

_DOC = patterns.load("documents")
# a code: capitals and digits, with single lower-case letters ('TTg', 'CTr'); a run of lower-case letters is a word
# glued to the number ('1471/TM-VPngày'), not part of it
# ('Ð', the Icelandic eth, is how OCR often reads 'Đ' inside a code: '555/QĐÐ-BCT')
# ('&' joins the parts of an abbreviated name inside a code: '7735/SNN&MT', 'LĐTB&XH')
# (… with a space typed before it: '103/BKH-KTĐP &LT')
_SYM = rf"[{UPPER}](?:[{UPPER}Ð0-9]|[ ]?&(?=[{UPPER}])|[{LOWER}](?![{LOWER}]))*"
# a hyphen, with a space on one side as a rejoined line break or a văn thư's typing leaves ('180/2026/NĐ- CP',
# '31- HD/BTCTW', '1856/TTr -SCT'); spaces on both sides make a dash between phrases, not part of a number
# (any of the dashes a word processor puts in: '141/KH–UBND')
_HY = r"(?:[ ][-–‐‑]|[-–‐‑][ ]?)"
# a slash, likewise ('Số: 1696 /QĐ-UBND', '54/ 2024/QH15')
_SL = r"(?:[ ]/|/[ ]?)"
# the number itself; a Government resolution may carry a dotted one ('66.13/2026/NQ-CP'), a number given out after
# its neighbour a letter ('01a/KH-UBND')
_NUM = r"\d{1,5}(?:\.\d{1,3}|[a-zđ](?=[ ]?/))?"
# a number ends where no letter or digit follows; a footnote mark is no part of it ('105/2025/NĐ-CP¹')
_NOT_WORD = rf"(?![^\W{SUPERSCRIPT_CHARS}])"
# parts of a code joined by a dot in older numbers ('01/1999/QĐ.UB')
_DOT_PART = rf"(?:\.[{UPPER}]{{1,4}}{_NOT_WORD})?"
NUMBER = re.compile(
    # (a digit after spaced digits is an OCR-spaced number: 'Số:8 5 2 0/BCT-KHCN'; 'số1017/BTNMT-TCMT': a space left out)
    rf"(?:(?<![\w/\-.])|(?<=[Ss]ố))(?<!\d \d )(?:"
    rf"{_NUM}{_SL}\d{{4}}{_SL}{_SYM}(?:{_HY}{_SYM})*{_DOT_PART}"  # normative: 02/2026/NQ-HĐND
    rf"|\d{{1,5}}{_HY}{_SYM}{_SL}{_SYM}(?:{_HY}{_SYM})*"  # party: 24-NQ/TU
    rf"|{_NUM}{_SL}{_SYM}(?:{_HY}{_SYM})+{_DOT_PART}"  # administrative: 141/KH-UBND, 3009/UBND-TH, 'Tờ trình số 920 /TTr-SCT', 26/TB-VP.UBND
    rf"|\d{{1,5}}[ ]?/{_SYM}{_NOT_WORD}"  # 14/TTg (rare), 7735/SNN&MT
    rf"|(?:QCVN|TCVN)[ ]?\d{{1,4}}(?:-\d{{1,4}})*:\d{{4}}(?:/{_SYM})?"  # technical regulations: QCVN 01:2019/BCT
    rf")(?:{_NOT_WORD}|(?=[{LOWER}]{{2}}))"
)
_TYPE_WORDS = sorted(((w, t["type"]) for t in _DOC["types"] for w in t["words"]), key=lambda x: len(x[0]), reverse=True)
# bare codes ('NQ', 'QĐ') only count inside numbers, so they are not type words here
_TYPE_OF_WORD = {w.lower(): t for w, t in _TYPE_WORDS}
# a type word before a number, in running text often lower-case ('tại văn bản số 729/BNN-TCLN')
_TYPE_BEFORE = re.compile(r"(?<![\w])(?P<tw>%s)\s*(?:số\s*:?\s*)?$" % "|".join(
    f"(?i:{re.escape(w[0])}){re.escape(w[1:])}" for w, _ in _TYPE_WORDS if not (w.isupper() and len(w) <= 3)))
_SHORT_WORDS = tuple(w for w, t in _TYPE_WORDS if t in _DOC["short_number_types"] and not w.isupper())
_SHORT_RE = re.compile(r"(?<![\w])(?P<tw>%s)(?![\w])" % "|".join(re.escape(w) for w in _SHORT_WORDS))
_CODE_TYPE = {c: t["type"] for t in _DOC["types"] for c in t["codes"]}
_BARE_ISSUER_CODES = frozenset(_DOC["bare_issuer_codes"])
_SHORT_TYPES = set(_DOC["short_number_types"])
_BARE_SHORT_TYPES = frozenset(_DOC["bare_short_number_types"])
_GAP = re.compile(r"\s*(?:số\s*|số:\s*)?")
_SHORT_NUM = re.compile(r"(?P<n>\d{1,4})(?![\w/\-.,]|\s*năm|\s*tháng)")
_SUBJECT = re.compile(r"\s*,?\s*(?P<w>về việc|về|V/v|quy định|phê duyệt|ban hành|hướng dẫn|triển khai|thực hiện)\s+(?P<s>[^;]+)")
_LONG_TYPES = "|".join(re.escape(w) for w, _ in _TYPE_WORDS if len(w) > 3)
_SUBJECT_END = re.compile(
    rf"\.\s+[{UPPER}]|\.$|;|\s\(|\)|(?:,\s+(?:và\s+)?|\s+và\s+)(?=(?:{_LONG_TYPES})\s+(?:số\s*)?\d)"
    rf"|,\s+(?=(?:yêu cầu|giao|đề nghị|đồng thời|trong đó|đặc biệt|nhất là)\b)"
    rf"|,\s+(?=(?:UBND|HĐND|Ủy ban|Sở|Ban|Phòng|Trung tâm|Văn phòng|Công an|Chủ tịch|Giám đốc|Thủ trưởng|các sở|các xã|Bộ)\s)"
)
_ISSUER_LEAD = re.compile(r"\s*,?\s*(?:của|do)\s+")


@dataclass
class Citation:
    number: str
    type: str
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)  # offsets in the scanned text
    subject_span: tuple[int, int] | None = None  # where its 'về việc …' clause lies
    cue: str | None = None
    truncated: bool = False  # the number stops at a hyphen the text garbles ('15/2018/NĐ-' + OCR noise)
    name: str | None = None  # the name it is known by ('Luật Đầu tư' for 'Luật Đầu tư số 143/2025/QH15')


def normalize_number(num: str) -> str:
    """'97 /TB-UBND' -> '97/TB-UBND'; unify spacing and hyphen forms."""
    num = re.sub(r"\s+", "", num)
    for dash in "–—‐‑":
        num = num.replace(dash, "-")
    num = re.sub(r"^(QCVN|TCVN)(?=\d)", r"\1 ", num)  # a standard keeps its space: 'QCVN 01:2019/BCT'
    return num.strip(".,;:")


def number_key(num: str) -> str:
    """Comparison key for numbers: case-insensitive, 'Đ' and 'D' kept apart, spaces removed."""
    return normalize_number(num).upper()


def type_from_number(num: str) -> str | None:
    """Infer the type from the number's code: '141/KH-UBND' -> Kế hoạch, '3009/UBND-TH' -> Công văn."""
    if num.startswith(("QCVN", "TCVN")):
        return "other"
    m = re.match(r"^\d+(?:\.\d+|[a-zđ])?(?:/\d{4})?[/-]([^/-]+)", num)
    if not m:
        return None
    code = m.group(1)
    if code in _CODE_TYPE:
        return _CODE_TYPE[code]
    if code.rstrip("0123456789") in _CODE_TYPE and code[-1:].isdigit():
        return _CODE_TYPE[code.rstrip("0123456789")]  # a code with its term: '42/2024/QH15' (the 15th Quốc hội) -> Luật
    if code in _BARE_ISSUER_CODES or (m.end() < len(num) and num[m.end()] == "-" and "/" not in num[m.end():]
                                      and code[:1].isupper()):
        return "Công văn"  # 'N/<issuer>-<unit>': a công văn (its first code names the issuer, not a type)
    return None


_LEAD = re.compile(r"\s*,?\s*(?:được\s+)?(?:ban hành\s+|ký\s+)?")
_BLANK_DATE = re.compile(r"ngày\s*(?=của|về|\)|,|;|\.|$)")


def _date_at(tail: str, k: int, c: Citation) -> int:
    k = _LEAD.match(tail, k).end()
    dm = TIME_EXPR.match(tail, k)
    if dm:
        c.date = c.date or value_of(dm)
        return dm.end()
    bm = _BLANK_DATE.match(tail, k)
    return bm.end() if bm else k


def _after(text: str, pos: int, c: Citation) -> int:
    """Read the date, issuer and subject that follow a number; return the new end."""
    tail = text[pos: pos + 400]
    k0 = 0
    k = _date_at(tail, 0, c)
    m = _ISSUER_LEAD.match(tail, k)
    if m:
        o = scan_org(tail, m.end())
        if o is not None and o.agency:
            c.issuer = o.name
            k = o.end
            k = _date_at(tail, k, c)  # 'ngày …' may come after the issuer too
    if k == k0:
        k = 0
    m = _SUBJECT.match(tail, k)
    if m:
        subj = m.group("s")
        # the subject runs to a ';', the sentence end or the next document at top level
        cut = _SUBJECT_END.search(subj)
        subj = subj[: cut.start()] if cut else subj
        subj = subj.rstrip(" ,.")
        c.title = subj if m.group("w") in ("về việc", "về", "V/v") else f"{m.group('w')} {subj}"
        c.subject_span = (pos + m.start("s"), pos + m.start("s") + len(subj))
        k = m.start("s") + len(subj)
    return pos + k


_NAMED = _DOC["named_types"]
_NAMED_TYPE = {e["word"]: e["type"] for e in _NAMED}
_NAMED_ALT = "|".join(re.escape(w) for w in sorted(_NAMED_TYPE, key=len, reverse=True))
# a type word that opens a name: 'Luật Địa chất và khoáng sản', 'Bộ luật Lao động'
_NAMED_BEFORE = re.compile(rf"(?<![\w])(?P<tw>{_NAMED_ALT})\s+(?=[{UPPER}])")
# between the name and its number: 'năm 2024', 'số', '(số …'
_NAME_TAIL = re.compile(r"\s*,?\s*(?:\(\s*)?(?:năm\s+\d{4}\s*,?\s*)?(?:\(\s*)?(?:số\s*:?\s*)?$")
_NAME_BODY = re.compile(r"[^\W\d_]+(?:,?\s+[^\W\d_]+){0,19}")
# a law named inside an amending law's name: the number is the amending law's ('Luật sửa đổi, bổ sung một số điều của
# Luật Đất đai số 43/2024/QH15')
_AMENDING = re.compile(r"(?:sửa đổi|bổ sung|thay thế|bãi bỏ)")


def _name_before(text: str, pos: int, typ: str) -> str | None:
    """The name a document of a named type carries right before its number ('Luật Đầu tư số 143/2025/QH15' ->
    'Luật Đầu tư'), within the clause; None when the number has no name of its own."""
    lo = max(0, pos - 200)
    window = text[lo:pos]
    cut = max(window.rfind(";"), window.rfind(":"), window.rfind(". "), window.rfind("\n\n"))
    window = window[cut + 1:]
    ms = list(_NAMED_BEFORE.finditer(window))
    if not ms or _NAMED_TYPE[ms[-1].group("tw")] != typ:
        return None
    m = ms[-1]
    rest = window[m.end():]
    core = rest[: _NAME_TAIL.search(rest).start()].strip()
    if not core or not _NAME_BODY.fullmatch(core) or _AMENDING.search(window[: m.start()]) or _AMENDING.search(core):
        return None
    return f"{m.group('tw')} {' '.join(core.split())}"


def _number_citation(text: str, nm: re.Match) -> tuple[Citation, int] | None:
    """The citation a number makes, with the type word just before it if there is one."""
    num = normalize_number(nm.group(0))
    tm = _TYPE_BEFORE.search(text, max(0, nm.start() - 40), nm.start())
    if tm is None and (lm := _number_list(text, nm.start())) is not None:  # 'công văn số 614, 615, 616-CV/VPTW'
        listed = max(0, nm.start() - 120) + lm.start("list")
        tm = _TYPE_BEFORE.search(text, max(0, listed - 40), listed)
    if tm:
        word = tm.group("tw")
        typ = _TYPE_OF_WORD[word.lower()]
        if word.lower() == "văn bản":
            typ = type_from_number(num) or "Công văn"
        return Citation(num, typ, spans=[(tm.start(), nm.end())]), tm.start()
    typ = type_from_number(num)
    if typ is None:
        return None
    return Citation(num, typ, spans=[(nm.start(), nm.end())], name=_name_before(text, nm.start(), typ)), nm.start()


# numbers listed before the one that carries their code: 'các công văn số 614, 615, 616-CV/VPTW', 'Kế hoạch số 01, 02
# và 05/KH-UBND' (the code written once, after the last)
_SIBLINGS = re.compile(r"(?<![\w])số\s*:?\s*(?P<list>(?:\d{1,5}[a-zđ]?\s*(?:,|;|\svà)\s*)+)$")
_SIBLING = re.compile(r"\d{1,5}[a-zđ]?")
_LEADING_DIGITS = re.compile(r"\d{1,5}(?:\.\d{1,3}|[a-zđ])?")


def _number_list(text: str, at: int) -> re.Match | None:
    """The numbers listed after 'số' before the number at ``at`` (its ``list`` group), in ``text[at - 120:at]``."""
    before = text[max(0, at - 120):at]
    return _SIBLINGS.search(before) if before.rstrip().endswith((",", ";", "và")) else None


def _siblings(text: str, at: int, c: Citation) -> list[Citation]:
    """The numbers listed before the number at ``at`` that share its code, each a citation of its own with the
    type, date and issuer the last one has (the list's type word stands before them all; the last, whose span
    begins at that word, comes first).

    >>> t = "tại các công văn số 614, 615, 616-CV/VPTW ngày 21/4/2011 của Văn phòng Trung ương Đảng"
    >>> [(x.number, x.type, x.date) for x in find_citations(t)]
    [('616-CV/VPTW', 'Công văn', '2011-04-21'), ('614-CV/VPTW', 'Công văn', '2011-04-21'), ('615-CV/VPTW', 'Công văn', '2011-04-21')]
    >>> [x.number for x in find_citations("Kế hoạch số 01, 02 và 05/KH-UBND; khoản 3, 4 Điều 5")]
    ['05/KH-UBND', '01/KH-UBND', '02/KH-UBND']
    """
    m = _number_list(text, at)
    lead = _LEADING_DIGITS.match(c.number)
    if m is None or lead is None:
        return []
    base = max(0, at - 120) + m.start("list")
    suffix = c.number[lead.end():]
    return [Citation(d.group(0) + suffix, c.type, c.date, c.issuer, c.title, spans=[(base + d.start(), base + d.end())],
                     cue=c.cue) for d in _SIBLING.finditer(m.group("list"))]


class _Spans:
    """Spans [x, y) with the question 'does any overlap [a, b)?' answered by bisection, not by a scan, so that a
    text citing thousands of documents is read in n log n. Spans are kept by start with the farthest end so far.

    >>> s = _Spans([(10, 20), (30, 40)])
    >>> s.overlaps(19, 25), s.overlaps(20, 30), s.overlaps(5, 11), s.overlaps(40, 50)
    (True, False, True, False)
    >>> s.add(22, 28); s.overlaps(25, 26)
    True
    """

    def __init__(self, spans=()):
        self.spans = sorted(spans)
        self.starts = [x for x, _ in self.spans]
        self.reach: list[int] = []
        self._from(0)

    def _from(self, k: int) -> None:
        del self.reach[k:]
        for _, y in self.spans[k:]:
            self.reach.append(max(y, self.reach[-1]) if self.reach else y)

    def add(self, a: int, b: int) -> None:
        k = bisect.bisect_right(self.spans, (a, b))
        self.spans.insert(k, (a, b))
        self.starts.insert(k, a)
        self._from(k)  # (spans come in text order: k is the end, and this is one step)

    def overlaps(self, a: int, b: int) -> bool:  # any(a < y and x < b for x, y in spans)
        k = bisect.bisect_left(self.starts, b)
        return k > 0 and self.reach[k - 1] > a


def find_citations(text: str, skip: list[tuple[int, int]] | None = None) -> list[Citation]:
    """Every document citation in ``text`` (in order of appearance; not yet deduplicated)."""
    skipped = _Spans(skip or [])
    out: list[Citation] = []
    taken = _Spans()

    def free(a: int, b: int) -> bool:
        return not taken.overlaps(a, b) and not skipped.overlaps(a, b)

    # 1. numbers ('Quyết định số 2688/QĐ-UBND', '(3009/UBND-TH)'), with the type word before them if any
    for nm in (NUMBER.finditer(text) if "/" in text else ()):
        r = _number_citation(text, nm)
        if r is None:
            continue
        c, start = r
        if not free(start, nm.end()):
            continue
        _after(text, nm.end(), c)
        taken.add(start, nm.end())
        c.cue = _cue_before(text, start)
        c.truncated = text[nm.end(): nm.end() + 1] == "-"
        out.append(c)
        # ('các công văn số 614, 615, 616-CV/VPTW': three; the others inside the span of the last, taken with it)
        out += [sib for sib in _siblings(text, nm.start(), c) if not skipped.overlaps(*sib.spans[0])]
    # 2. schemes and programmes named by a short number ('Đề án 06', 'Chương trình số 135')
    if any(w in text for w in _SHORT_WORDS):
        for tm in _SHORT_RE.finditer(text):
            typ = _TYPE_OF_WORD[tm.group("tw").lower()]
            g = _GAP.match(text, tm.end())
            sm = _SHORT_NUM.match(text, g.end())
            if not sm or re.match(r"(19|20)\d\d$", sm.group("n")) or NUMBER.match(text, g.end()):
                continue
            if text[tm.end(): g.end()].strip() == "" and typ not in _BARE_SHORT_TYPES:
                continue  # 'Nghị quyết 02' without 'số' is a short form: only schemes/programmes are named so
            if not free(tm.start(), sm.end()):
                continue
            c = Citation(sm.group("n"), typ, spans=[(tm.start(), sm.end())])
            _after(text, sm.end(), c)
            taken.add(tm.start(), sm.end())
            c.cue = _cue_before(text, tm.start())
            out.append(c)
    out.sort(key=lambda c: c.spans[0][0])
    return out


_CUE_RE = re.compile(r"(căn cứ|trên cơ sở|theo quy định tại|quy định tại|theo yêu cầu tại|theo chỉ đạo (?:của [^,;.]{0,40} )?tại|theo tinh thần|theo|thực hiện|triển khai(?: thực hiện)?|quán triệt|tại)\s*(?:các\s+)?$", re.I)


def _cue_before(text: str, pos: int) -> str | None:
    m = _CUE_RE.search(text[max(0, pos - 60): pos])
    return m.group(1).lower() if m else None


def merge(cits: list[Citation]) -> list[Citation]:
    """One citation per number; the richest date/issuer/title/type wins, spans are pooled."""
    by: dict[str, Citation] = {}
    order: list[str] = []
    for c in cits:
        k = number_key(c.number)
        if k not in by:
            by[k] = Citation(c.number, c.type, c.date, c.issuer, c.title, list(c.spans), c.subject_span, c.cue, c.truncated,
                             c.name)
            order.append(k)
            continue
        b = by[k]
        b.spans.extend(s for s in c.spans if s not in b.spans)
        b.truncated = b.truncated and c.truncated
        if c.date and (not b.date or len(c.date) > len(b.date)):
            b.date = c.date
        if c.issuer and (not b.issuer or len(c.issuer) > len(b.issuer)):
            b.issuer = c.issuer
        if c.title and (not b.title or len(c.title) > len(b.title)):
            b.title = c.title
        b.name = b.name or c.name
        if b.type in ("Công văn",) and c.type not in ("Công văn",) and c.type:
            b.type = c.type
    for k in [k for k in order if by[k].truncated]:
        # a number cut at a hyphen is the one cited in full elsewhere ('15/2018/NĐ-' and '15/2018/NĐ-CP')
        full = [j for j in order if j != k and j.startswith(k + "-")]
        if len(full) == 1:
            by[full[0]].spans.extend(s for s in by[k].spans if s not in by[full[0]].spans)
            by[full[0]].spans.sort()
            by[full[0]].date = by[full[0]].date or by[k].date
            order.remove(k)
    heads: dict[str, list[str]] = {}  # the numbers that share their digits ('36/2025/'): only they can be one document
    for k in order:
        h = _DIGITS_HEAD.match(k)
        heads.setdefault(h.group(0) if h else k, []).append(k)
    for k in list(order):
        # one document cited twice, once with a mistyped code ('36/2025/TT-BNMT' and '36/2025/TT-BNNMT', both of
        # 02/7/2025): one citation, spelled as cited most often
        if k not in order:
            continue
        b = by[k]
        h = _DIGITS_HEAD.match(k)
        for j in [j for j in heads[h.group(0) if h else k] if j != k and j in order and same_document_mistyped(b, by[j])]:
            keep, drop = (k, j) if len(by[k].spans) >= len(by[j].spans) else (j, k)
            by[keep].spans = sorted(set(by[keep].spans) | set(by[drop].spans))
            by[keep].issuer = by[keep].issuer or by[drop].issuer
            by[keep].title = by[keep].title or by[drop].title
            by[keep].name = by[keep].name or by[drop].name
            order.remove(drop)
            if drop == k:
                break
    return [by[k] for k in order]


_DIGITS_HEAD = re.compile(r"^[\d./\-]+")


def same_document_mistyped(a: Citation, b: Citation) -> bool:
    """Whether two cited numbers are one document with a letter of its code mistyped: the same digits and year, codes
    one letter apart, the same type and the same day of issue, and no two different issuers."""
    ka, kb = number_key(a.number), number_key(b.number)
    ha, hb = _DIGITS_HEAD.match(ka), _DIGITS_HEAD.match(kb)
    if not ha or not hb or ha.group(0) != hb.group(0) or not one_edit(ka[ha.end():], kb[hb.end():]):
        return False
    if a.type != b.type or not a.date or a.date != b.date or len(a.date) != 10:
        return False
    return not (a.issuer and b.issuer and fold(a.issuer) != fold(b.issuer))


# --- documents named again without their number ------------------------------------------------------------

@dataclass
class NamedMention:
    """A cited document named again by its name alone ('theo quy định tại Điều 47 Luật Đầu tư')."""

    number: str
    start: int  # offsets in the scanned text
    end: int


_NAMED_ANY = re.compile(r"(?<![\w])(?<!Bộ )(?P<tw>%s)\s+" % "|".join(
    f"(?i:{re.escape(w[0])}){re.escape(w[1:])}" for w in sorted(_NAMED_TYPE, key=len, reverse=True)))
_TOKEN = re.compile(r"\s*([^\W\d_]+|,)")
_FOLLOWERS = sorted((f.split() for f in _DOC["name_followers"]), key=len, reverse=True)
_YEAR_AFTER = re.compile(r"\s*năm\s+(?P<y>(?:19|20)\d\d)(?!\d)")  # 'Luật Đầu tư năm 2020'


def _type_word(name: str) -> str:
    return next(w for w in sorted(_NAMED_TYPE, key=len, reverse=True) if name.startswith(w))
_YEAR_OF_NUMBER = re.compile(r"/((?:19|20)\d\d)/")


def _tokens(text: str, pos: int, n: int) -> list[tuple[str, int, int]]:
    """Up to ``n`` words (and commas) from ``pos``, as long as only blanks lie between them."""
    out = []
    while len(out) < n:
        m = _TOKEN.match(text, pos)
        if not m:
            break
        out.append((m.group(1), m.start(1), m.end(1)))
        pos = m.end()
    return out


def _word_match(a: str, b: str) -> int | None:
    """0 when two words are the same (up to case and tone marks), 1 when one letter of a long word differs (a typo:
    'koáng' / 'khoáng'), None otherwise."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 0
    return 1 if min(len(fa), len(fb)) >= 5 and one_edit(fa, fb) else None


def _name_ends(text: str, pos: int) -> bool:
    """Whether a name may end at ``pos``: punctuation, the end, or a word that cannot go on with a name."""
    nxt = _tokens(text, pos, 3)
    if not nxt or nxt[0][1] > pos + 3 or nxt[0][0] == ",":
        return True  # (a digit, a bracket, a full stop: anything but a word right after the name)
    words = [w.lower() for w, _, _ in nxt]
    return any(words[: len(f)] == f for f in _FOLLOWERS)


def named_mentions(text: str, citations: list[Citation]) -> list[NamedMention]:
    """Every place ``text`` names a cited document by its name alone, after citing it with its number ('Luật Đầu tư
    số 143/2025/QH15' … 'theo Điều 47 Luật Đầu tư'). A longer name is another document ('Luật Đầu tư công'); a name
    two cited documents share resolves only by the year written after it; a name cited by no number stays unresolved.
    One mistyped letter in a long word is the same name ('Luật Địa chất và koáng sản' / '… khoáng sản'), and the
    spellings met are learnt as they come."""
    named = [c for c in citations if c.name and c.spans]
    if not named:
        return []
    # per document: the spellings of its name after the type word, as word lists; the documents by type word and
    # first word of the name (a mistyped letter is tolerated in the later words only), so each mention looks at few
    spellings = {c.number: [[w for w, _, _ in _tokens(c.name, len(_type_word(c.name)), 40)]] for c in named}
    index: dict[tuple[str, str], list[Citation]] = {}
    for c in named:
        if spellings[c.number][0]:
            index.setdefault((fold(_type_word(c.name)), fold(spellings[c.number][0][0])), []).append(c)
    out: list[NamedMention] = []
    for m in _NAMED_ANY.finditer(text):
        tw = m.group("tw")
        first = _tokens(text, m.end(), 1)
        hits = []
        for c in (index.get((fold(tw), fold(first[0][0])), []) if first else []):
            if c.spans[0][0] >= m.start():
                continue
            for sp in spellings[c.number]:
                toks = _tokens(text, m.end(), len(sp))
                if len(toks) < len(sp) or toks[0][1] != m.end():
                    continue
                diffs = [_word_match(w, x) for (w, _, _), x in zip(toks, sp)]
                if None in diffs or sum(diffs) > (1 if len(sp) >= 3 else 0) or not _name_ends(text, toks[-1][2]):
                    continue
                hits.append((c, toks, sum(diffs)))
                break
        if not hits:
            continue
        end = max(t[-1][2] for _, t, _ in hits)
        year = _YEAR_AFTER.match(text, end)
        if year:
            # 'Luật Đất đai năm 2013' after 'Luật Đất đai số 31/2024/QH15' is the earlier law, not the one cited
            hits = [h for h in hits if (_YEAR_OF_NUMBER.search(h[0].number) or [None, None])[1] == year.group("y")
                    or (h[0].date or "")[:4] == year.group("y")]
            if not hits:
                continue
        # the longest name wins ('Luật Đầu tư công' over 'Luật Đầu tư' when both are cited)
        longest = max(len(t) for _, t, _ in hits)
        hits = [h for h in hits if len(h[1]) == longest]
        if len({h[0].number for h in hits}) != 1:
            continue  # two documents of that name (two versions of a law) and no year to tell them apart
        c, toks, fuzzy = hits[0]
        if fuzzy:
            spellings[c.number].append([w for w, _, _ in toks])
        out.append(NamedMention(c.number, m.start(), toks[-1][2]))
    return out
