"""Layout → structure: lines become paragraphs, footnotes are set apart, list markers are read.

Notices arrive with hard line breaks (PDF text), page breaks inside sentences, footnotes
printed in the middle of the running text and table cells flattened onto one line. This
module rebuilds the logical paragraphs and keeps, for each of them, the mapping from its
joined text back to offsets in the normalised text (for provenance spans).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .normalize import SUPERSCRIPT_CHARS, NormalizedText
from . import patterns
from .orgs import LOWER, SO_FIELD_RE

ROMAN = "I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII"
# list markers at the start of a paragraph, most specific first; (kind, regex)
MARKERS: list[tuple[str, re.Pattern]] = [
    ("roman", re.compile(rf"^({ROMAN})\s*[.)]\s*(?=\S)")),  # not 'V/v …')),
    ("dotted", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)")),
    ("arabic", re.compile(r"^(\d{1,2})\s*[./)]\s*(?=[^\d\s/.])")),
    ("letter", re.compile(r"^([a-zđ])\s*\)\s*(?=\S)|^([a-zđ])\.\s+(?=\S)")),  # 'a) …' and 'a. …'
    ("paren", re.compile(r"^\((\d{1,2}|[a-zđ])\)\s*(?=\S)")),
    ("bullet", re.compile(r"^([-–—+•])\s*(?=\S)")),
]
_PAGE_ARTIFACT = re.compile(r"^(?:-?\s*\d{1,3}\s*-?|Trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$", re.I)
_FOOTNOTE_REF = re.compile(rf"(?<=\S)[{SUPERSCRIPT_CHARS}]+")
_ANY_SUP = re.compile(rf"[{SUPERSCRIPT_CHARS}]")
_FOOTNOTE_LINE = re.compile(rf"^([{SUPERSCRIPT_CHARS}]+)\s*(?=\S)")
_TERMINAL_RE = re.compile(r"(?:[.:!?]|\./\.|[.!?][”\"»)])$")


class _Terminal:
    """``_TERMINAL.search(s)``: does ``s`` end a sentence? Only its last characters are searched (a match is at most
    three long), so asking of a paragraph that grows line by line stays linear."""

    @staticmethod
    def search(s: str):
        return _TERMINAL_RE.search(s, max(0, len(s) - 5))


_TERMINAL = _Terminal()
_LOWER_START = re.compile(rf"^[{LOWER}(“\"]")
class _AllCaps:
    """Upper-case lines ('THÔNG BÁO', 'PHÓ CHỦ TỊCH'); Vietnamese capitals lie outside A-Z."""

    @staticmethod
    def match(line: str) -> bool:
        return line == line.upper() and sum(1 for c in line[:8] if c.isalpha()) >= 2


_ALL_CAPS = _AllCaps()
_OPENER = re.compile(r"^(?:Ngày\s+\d|Vào\s+ngày|Căn\s+cứ\s|Thực\s+hiện\s|Sau\s+khi\s|Tham\s+dự\s|Kính\s+gửi|Nơi\s+nhận|Số\s*:|V/v\b|Trân\s+trọng|Trên\s+đây)")
_PART_START = re.compile(r"^(?:Trân\s+trọng|Trên\s+đây|Nơi\s+nhận|Kính\s+gửi)")  # opens a part of its own, never inside a sentence
_CONNECTOR_WORDS = "và|của|các|với|tại|theo|số|ngày|về|cho|đối|trong|là|để"  # words a sentence goes on after
_CONNECTOR_END = re.compile(r"(?:[,\-–(]|\b(?:%s))$" % _CONNECTOR_WORDS)


@dataclass
class Paragraph:
    """One logical paragraph of the notice."""

    text: str  # joined text (line breaks inside the paragraph become single spaces)
    start: int  # offset of the first character in the normalised text
    end: int  # offset just past the last character
    seg_para: list[int] = field(default_factory=list)  # paragraph offsets where a source line starts
    seg_doc: list[int] = field(default_factory=list)  # matching offsets in the normalised text
    heading: bool = False  # printed as a heading (markdown '#')
    marker_kind: str | None = None
    marker: str | None = None  # label as printed: 'II', '2.1', 'a', '(3)', '-'
    body_offset: int = 0  # where the text after the marker starts (paragraph offset)
    footnote_refs: list[str] = field(default_factory=list)
    index: int = 0

    @property
    def body(self) -> str:
        return self.text[self.body_offset:]

    def doc_offset(self, i: int) -> int:
        """Map an offset in ``text`` to an offset in the normalised text."""
        k = bisect.bisect_right(self.seg_para, i) - 1
        k = max(k, 0)
        return self.seg_doc[k] + (i - self.seg_para[k])

    def span(self, a: int, b: int) -> list[int]:
        return [self.doc_offset(a), self.doc_offset(max(a, b - 1)) + 1 if b > a else self.doc_offset(a)]


@dataclass
class Footnote:
    label: str  # '1'
    text: str
    paragraph: Paragraph


@dataclass
class Layout:
    text: str
    paragraphs: list[Paragraph]
    footnotes: dict[str, Footnote]


def _footnote_goes_on(fn_text: str, line: str) -> bool:
    """After a blank line, the footnote goes on when its text stops mid-number or mid-sentence and the line continues it."""
    return fn_text.endswith(("-", "/")) or _RUNS_ON.search(fn_text) is not None or (
        _LOWER_START.match(line) is not None and not _TERMINAL.search(fn_text) and not fn_text.endswith("…"))


# a footnote cut after a word that needs more ('… tại Khoản 2 Điều 8 và' / '' / 'Khoản 1 Điều 22 Thông tư …')
_RUNS_ON = re.compile(r"(?:,|(?<![\w])(?:và|hoặc|của|tại|theo|số|ngày|các|về|với|cho|đến|từ|trong))$")


def _footnote_ended(fn_text: str, line: str, wrapped: bool = True) -> bool:
    """After a footnote's finished sentence, a lower-case line continues the body, not the footnote.

    After a footnote line shorter than a full line (``wrapped`` false: text written one paragraph per
    line, a Markdown or HTML export with no blank lines) a line is the body resuming whatever its first
    letter ('¹ Thiếu 03 biên chế: … 01 biên chế.' / 'Đối với các dự án …'); after a full line a capital
    may still open the footnote's next sentence.

    >>> _footnote_ended("Quyết định số 12/QĐ-UBND.", "có quy định cụ thể")
    True
    >>> _footnote_ended("Quyết định số 12/QĐ-UBND.", "Đối với các dự án", wrapped=False)
    True
    >>> _footnote_ended("Quyết định số 12/QĐ-UBND.", "Đối với các dự án")
    False
    """
    if _TERMINAL.search(fn_text) is None:
        return False
    return _LOWER_START.match(line) is not None or (not wrapped and line[:1].isupper())


def _sup_to_digits(s: str) -> str:
    return s.translate(str.maketrans(SUPERSCRIPT_CHARS, "0123456789"))


def read_marker(text: str) -> tuple[str | None, str | None, int]:
    c = text[:1]
    if not c or (c.isupper() and c not in "IVX") or (c.islower() and text[1:2] not in (")", " ", ".")):
        return None, None, 0  # most lines open with a word: no regex needed
    for kind, rx in MARKERS:
        m = rx.match(text)
        if m:
            label = m.group(1) or m.group(2) if kind == "letter" else m.group(1)
            if kind == "paren":
                label = f"({label})"
            elif kind == "bullet":
                label = "-"
            return kind, label, m.end()
    return None, None, 0


def _wrap_width(lengths: list[int]) -> int:
    if not lengths:
        return 80
    s = sorted(lengths)
    return s[min(len(s) - 1, int(len(s) * 0.9))]


def _name_dash(prev: str, cur: str) -> bool:
    """Is the dash that opens ``cur`` one inside a name that ``prev`` (no sentence ended) was writing? Between two
    places ('… cao tốc Tân Phú – Bảo Lộc và Bảo Lộc' / '– Liên Khương:'), a name and its post ('… đồng chí Nguyễn
    Tuấn Anh' / '- Phó Bí thư Tỉnh ủy'), the two fields of a unit ('… phối hợp với Phòng Kỹ thuật an toàn' /
    '- Môi trường và …'): a capital after the dash, and a capital or a unit's name before it.

    >>> _name_dash("phối hợp với Phòng Văn hóa", "- Xã hội và Công an xã"), _name_dash("các nhiệm vụ sau", "- Sở Y tế")
    (True, False)
    """
    prev = prev.rsplit(" | ", 1)[-1]  # a table row's last cell
    if cur[:1] not in "–-" or cur[1:2] != " " or not cur[2:3].isupper() or _TERMINAL.search(prev) or prev.endswith(";") \
            or _ALL_CAPS.match(prev):  # ('… | KT. CHÁNH VĂN PHÒNG' / '- Chánh VP, …': the signature beside the recipients)
        return False
    return prev.rsplit(None, 1)[-1][:1].isupper() or bool(_UNIT_NAME_END.search(prev))


def _heading_ends(prev: str, cur: str) -> bool:
    """Does the first line of an item, ``prev``, hold its whole heading, and ``cur`` the duty under it? A verb in
    capitals after the doer ('7. Ủy ban nhân dân các xã, phường có cụm công nghiệp' / 'Phối hợp chặt chẽ …'), a body's
    name after the topic ('5. Về chính sách … của Chính phủ' / 'Sở Khoa học và Công nghệ chủ trì, …'), when the
    heading ends with no word a sentence or a name goes on from ('… thực hiện' / 'Thông báo kết luận này.': the verb's
    object; '… giao Ban' / 'Quản lý dự án …': the name).

    >>> _heading_ends("2. Công an tỉnh", "Chủ động nắm tình hình."), _heading_ends("2. Theo dõi việc thực hiện", "Thông báo này.")
    (True, False)
    """
    if not cur[:1].isupper() or ":" in prev or _TERMINAL.search(prev) or read_marker(prev)[0] in (None, "bullet") \
            or _CONNECTOR_END.search(prev) or NAME_HEAD_END.search(prev) or _NAME_GOES_ON.search(prev) \
            or _DUTY_END.search(prev):
        return False
    return bool(_DUTY_START.match(cur) and not _DOCUMENT_START.match(cur)
                or _TOPIC_HEADING.match(prev) and _HEAD_START.match(cur))


def _joins(prev: str, cur: str, prev_long: bool, first_line: bool = False) -> bool:
    """Does line ``cur`` continue the paragraph that ends with line ``prev``?"""
    kind, _, _ = read_marker(cur)
    if kind is not None:
        # a marker-like start opens a new item unless the previous line plainly runs on
        if kind == "bullet" and not (_TERMINAL.search(prev) or prev.endswith(";")) and (
                _LOWER_START.match(cur[1:].lstrip()) or prev[-1:].isdigit() and cur[1:].lstrip()[:1].isdigit()):
            return True  # 'kinh tế' / '- xã hội', 'giai đoạn 2016' / '- 2020;' wrapped at a hyphen
        if kind == "bullet" and prev_long and _name_dash(prev, cur):
            return True  # '… phối hợp với Phòng Kỹ thuật an toàn' / '- Môi trường và …'
        if kind in ("arabic", "dotted") and prev.split() and prev.split()[-1].lower() in _PROVISION_WORDS:
            return True  # '… theo quy định tại Khoản' / '3 - Điều 61 Luật Lâm nghiệp': the number of the provision
        return False
    if _LOWER_START.match(cur):
        return not prev.endswith((".", "!", "?", "./."))
    if _ALL_CAPS.match(cur) or _ALL_CAPS.match(prev):
        return False
    if _OPENER.match(cur) and not _CONNECTOR_END.search(prev):
        return False
    if _TERMINAL.search(prev) or prev.endswith(";"):
        return False
    cm = _CONNECTOR_END.search(prev)
    if cm and not (cm.group(0) in ("số", "ngày") and not cur[:1].isdigit()):  # 'Quyết định số' / '1556-QĐ/TU'
        return True
    if _PROVISION_END.search(prev) and _DOCUMENT_START.match(cur):
        return True  # '… theo quy định tại Điều 8' / 'Nghị định số 217/2025/NĐ-CP …': the provision's document
    if _DUTY_ARTICLE.match(prev) and cur[:1].isupper() and not NAME_HEAD_END.search(prev):
        return False  # 'Điều 4. Trách nhiệm của UBND các xã, phường' / 'Phối hợp với …': a title on its own line
    if prev_long:
        return not (first_line and _heading_ends(prev, cur))
    m = NAME_HEAD_END.search(prev)
    if m and first_line and read_marker(prev)[0] not in (None, "bullet") and _DUTY_OPENS.match(cur) \
            and not SO_FIELD_RE.match(cur):
        return False  # '1. Văn phòng Sở' / 'Tham mưu Giám đốc Sở …': a heading that names its body, then the duty
    return bool(m) and (not _HEAD_START.match(cur) or (m.group(0) + " " + cur).startswith(_COMPOUND_HEADS))


@dataclass(slots=True)
class _Line:
    """One logical line: a source line, or the pieces of a line that a hard wrap cut (joined by spaces)."""

    offset: int  # offset of the first piece in the normalised text
    text: str
    no: int  # line number of the first piece
    seg_line: list[int] = field(default_factory=lambda: [0])  # offsets in ``text`` where a piece starts
    seg_doc: list[int] = field(default_factory=list)  # matching offsets in the normalised text
    end: int = 0


def hard_wrap_width(raw_lines: list[str]) -> int | None:
    """The column a text was hard-wrapped at (an e-mail or PDF export), or None.

    A wrapper cuts every long line at the last space before the column, so the lines that run on
    into the next one end close to one width; text written one paragraph per line has no such cluster."""
    run_on = sorted(len(a.strip()) for a, b in zip(raw_lines, raw_lines[1:]) if a.strip() and b.strip())
    if len(run_on) < 8:
        return None
    width = run_on[int(len(run_on) * 0.97)]  # a few unbreakable long words may pass the column
    # full lines pile up in the last few columns; a page set in a proportional font (PDF text) or written
    # one paragraph per line spreads its line ends instead
    top = sum(1 for n in run_on if width - 6 <= n <= width)
    below = sum(1 for n in run_on if width - 20 <= n < width - 6)
    return width if width >= 40 and top >= 0.45 * len(run_on) and top >= 3 * below else None


def _number_split(prev: str, cur: str) -> bool:
    """A document number cut at its hyphen or slash: '2764/QĐ-' + 'TTg', '02/CT-' + 'UBND', '12/' + 'QĐ-UBND'."""
    return bool(prev.endswith(("-", "/")) and _CODE_START.match(cur) and _CODE_END.search(prev))


_CODE_START = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*(?:[-/.][A-Za-zĐđ0-9]+)*(?![\w/-])|^[A-ZĐ]{2,}")
_CODE_END = re.compile(r"\d+(?:/\d{4})?/(?:[A-ZĐ][A-Za-zĐđ]*-)*$|\d+[-/][A-ZĐ][A-Za-zĐđ]*-$")
_LAYOUT = patterns.load("layout")
_NUMBER_WORDS = set(_LAYOUT["words_before_a_number"])
_PROVISION_WORDS = set(_LAYOUT["provision_words"])
# 'Cơ quan phối hợp: …' / 'Thời gian thực hiện: …' under an item: a line of its own
_LINE_LABEL = re.compile(r"^(?:%s)\s*:" % "|".join(map(re.escape, sorted(
    _LAYOUT["line_labels"] + patterns.load("dates")["deadline_lines"], key=len, reverse=True))))
# a full line that hands on what follows ('… chỉ đạo như sau:') before a capital ends its paragraph
LEAD_IN_END = re.compile(r"(?<![\w])(?:%s)\s*:$" % "|".join(map(re.escape, _LAYOUT["lead_in_ends"]["entries"])))
# a line that ends with the head word of a name ('… Bộ Quốc phòng, Sở' / 'Công Thương, …') goes on
NAME_HEAD_END = re.compile(r"(?<![\w])(?:%s)$" % "|".join(map(re.escape, _LAYOUT["words_before_a_name"]["entries"])))
_PROVISION_END = re.compile(r"(?<![\w])(?:Điều|khoản|điểm|Mục|Chương|Phần)\s+\d{1,3}[a-zđ]?$")
_DOCUMENT_START = re.compile(r"^(?:%s)(?![\w])" % "|".join(map(re.escape, patterns.load("agencies")["document_words"]["words"] + ["Bộ luật"])))
_DUTY_ARTICLE = re.compile(r"^Điều\s+\d{1,3}\s*[.:]\s*(?:Trách nhiệm|Nhiệm vụ|Chức năng)[^.;:]{0,80}\scủa\s[^.;:]+$")
_COMPOUND_HEADS = tuple(patterns.load("agencies")["compound_heads"])
# a duty's first words in capitals, a plain word after them ('Phối hợp chặt chẽ …', 'Chủ động rà soát …'): what a
# sentence opens with (directive_starts of patterns/tasks.json), never a name ('Ban Chỉ đạo Phòng chống …')
_DUTY_WORDS = "|".join(e["words"][:1].upper() + e["words"][1:] for e in patterns.load("tasks")["directive_starts"]["entries"]
                       if re.fullmatch(r"\w+ \w+", e["words"]))
_DUTY_START = re.compile(r"^(?:%s)\s+[%s]" % (_DUTY_WORDS, LOWER))
_DUTY_OPENS = re.compile(r"^(?:%s)\s" % _DUTY_WORDS)  # (any word after: 'Tham mưu Giám đốc Sở …')
# … unless the line before ends with a word a name goes on from ('… giao Ban' / 'Quản lý dự án …', 'Giám đốc' / 'Sở …')
_NAME_GOES_ON = re.compile(r"(?<![\w])(?:%s)$" % "|".join(map(re.escape, sorted(
    set(patterns.load("agencies")["heads"]) | set(patterns.load("agencies")["posts"]), key=len, reverse=True))), re.I)
# a line that ends inside a unit's name: its head, a capital, a few words in lower case ('… Phòng Văn hóa',
# 'Phòng Kỹ thuật an toàn'), which a field after a dash may go on ('- Xã hội', '- Môi trường')
_UNIT_NAME_END = re.compile(r"(?<![\w])(?:%s)\s+[^\W\d%s]\w*(?:\s+(?!(?:%s)\b)[%s]\w*){0,3}$" % (
    "|".join(map(re.escape, sorted(patterns.load("agencies")["heads"], key=len, reverse=True))), LOWER, _CONNECTOR_WORDS,
    LOWER))
# an item that names its topic ('5. Về chính sách hỗ trợ …', 'II. Đối với dự án …'), not its doer
# … unless the heading ends with a verb, whose object goes on ('… thực hiện' / 'Thông báo kết luận này.', '… giao' / 'Ban …')
_DUTY_END = re.compile(r"(?<![\w])(?:%s)$" % "|".join(e["words"] for e in patterns.load("tasks")["directive_starts"]["entries"]), re.I)
_TOPIC_HEADING = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]\s+(?:Về|Đối với)\s")
# … unless the next line opens another name ('Viện …, Cục' / 'Vụ Khoa học …': a table cell cut the first one)
_HEAD_START = re.compile(r"^(?:%s)(?![\w])" % "|".join(map(re.escape, sorted(patterns.load("agencies")["heads"], key=len, reverse=True))))


def _previous_label(kind: str, label: str) -> str | None:
    """The label just before ``label`` in the same list: '(3)' -> '(2)', 'c' -> 'b)'."""
    if kind == "paren" and label[1:-1].isdigit() and int(label[1:-1]) > 1:
        return f"({int(label[1:-1]) - 1})"
    if kind == "letter":
        letters = "abcdđeghiklmnopqrstuvxy"
        k = letters.find(label)
        return f"{letters[k - 1]})" if k > 0 else None
    return None


def _is_wrap(prev_raw: str, cur_raw: str, prev: str, cur: str, width: int, line_so_far: str = "") -> bool:
    """Was the break between two adjacent lines made by a wrapper cutting at ``width``?

    A wrapper only breaks a line when the next word does not fit; a break before a word that would
    have fitted was in the text already. A line that starts with a list marker after a full line is
    read as a new item unless the marker can only be part of the sentence ('2026' / '- 2031',
    '… tại khoản' / '2. …') or goes on with a list written inside the sentence ('(1) …; (2) …;' / '(3) …')."""
    words = cur_raw.split()
    if not words or len(prev_raw.rstrip()) + 1 + len(words[0]) <= width:
        return False
    if _FOOTNOTE_LINE.match(cur) or _PAGE_ARTIFACT.match(cur):
        return False
    tail = prev.rsplit(" | ", 1)[-1]  # the last cell of a table row ('Số: 12/TB-UBND | CỘNG HÒA XÃ HỘI CHỦ')
    if _ALL_CAPS.match(cur) and len(cur.split()) >= 2 and not _ALL_CAPS.match(tail):
        return False  # a title in capitals after running text ('… năm 2024' / 'CHỈ THỊ')
    if _ALL_CAPS.match(tail) and len(tail.split()) >= 2 and not _ALL_CAPS.match(cur):
        return False  # running text after a title in capitals ('… QUỐC GIA TỰ QUYẾT ĐỊNH' / 'Thực hiện …')
    kind, _, end = read_marker(cur)
    if kind is None:
        # a sentence ends the full line and the next opens a part of its own ('… hằng tháng.' / 'Trân trọng …')
        if _TERMINAL.search(prev) and (_PART_START.match(cur) or _LINE_LABEL.match(cur)):
            return False
        if cur[:1].isupper() and LEAD_IN_END.search(prev):
            return False
        # an item's heading that filled its line and the duty under it: a verb in capitals after the doer
        # ('7. Ủy ban nhân dân các xã, phường có cụm công nghiệp' / 'Phối hợp chặt chẽ …'), a body's name after the
        # topic ('5. Về chính sách … của Chính phủ' / 'Sở Khoa học và Công nghệ chủ trì, …')
        return not (line_so_far == prev and _heading_ends(prev, cur))
    if kind == "bullet":
        rest = cur[end:]
        if line_so_far.count("(") > line_so_far.count(")"):
            return True  # '… (qua Phòng Cảnh sát … - SĐT: 0693449096' / '- Email: …)': no item starts inside brackets
        if _TERMINAL.search(prev) or prev.endswith(";"):
            return False
        if _name_dash(prev, cur):
            return True
        return bool(rest[:1].isdigit() or _LOWER_START.match(rest))
    last = prev.rsplit(None, 1)[-1].lower() if prev.split() else ""
    if last in _NUMBER_WORDS:
        return True
    before = _previous_label(kind, read_marker(cur)[1] or "")
    return bool(before) and line_so_far.find(before) > 0 and not line_so_far.startswith(before)


def _logical_lines(nt: NormalizedText) -> list[_Line]:
    text = nt.text
    lines: list[_Line] = []
    off = 0
    for no, line in enumerate(text.split("\n")):
        lines.append(_Line(off, line, no, [0], [off], off + len(line)))
        off += len(line) + 1
    raw = nt.raw_lines if len(nt.raw_lines) == len(lines) else [l.text for l in lines]
    width = hard_wrap_width(raw)
    if width is None:
        return lines
    out: list[_Line] = []
    prev_raw = ""
    last: _Line | None = None  # the last line with text
    page_break = False  # a page number (or form feed) since ``last``
    gap = False  # a blank line since ``last``
    for ln in lines:
        if not ln.text or _PAGE_ARTIFACT.match(ln.text):
            out.append(ln)
            page_break = page_break or bool(ln.text) or ln.no in nt.page_breaks
            gap = True
            continue
        adjacent = last is not None and not gap
        page_break = page_break or ln.no in nt.page_breaks
        piece = last.text[last.seg_line[-1]:] if last else ""
        if last and (adjacent or page_break) and _is_wrap(prev_raw, raw[ln.no], piece, ln.text, width, last.text):
            # a wrap, also across a page end ('… chỉ đạo' / '- 2 -' / 'Sở Tài chính …')
            sep = "" if _number_split(last.text, ln.text) else " "
            last.seg_line.append(len(last.text) + len(sep))
            last.seg_doc.append(ln.offset)
            last.text += sep + ln.text
            last.end = ln.end
        else:
            out.append(ln)
            last = ln
        prev_raw = raw[ln.no]
        page_break = gap = False
    return out


def build_layout(nt: NormalizedText) -> Layout:
    """Group the lines of the normalised text into paragraphs and footnotes."""
    text = nt.text
    lines = _logical_lines(nt)
    content_lengths = [len(l.text) for l in lines if l.text and not _PAGE_ARTIFACT.match(l.text)]
    width = _wrap_width(content_lengths)
    long_at = max(40, int(width * 0.72))

    paragraphs: list[Paragraph] = []
    footnotes: dict[str, Footnote] = {}
    cur: Paragraph | None = None
    cur_last_line = ""
    in_footnote: Footnote | None = None

    def close():
        nonlocal cur
        if cur is not None:
            paragraphs.append(cur)
        cur = None

    def extend(par: Paragraph, ln: _Line, sep: str) -> None:
        base = len(par.text) + len(sep)
        par.seg_para.extend(base + k for k in ln.seg_line)
        par.seg_doc.extend(ln.seg_doc)
        par.text += sep + ln.text
        par.end = ln.end

    blank_before = False
    ruled = False  # a rule line since the last line read
    fn_gap: Footnote | None = None
    fn_last_line = ""  # the footnote's last line as printed
    for ln in lines:
        offset, line, no = ln.offset, ln.text, ln.no
        if not line:
            if in_footnote is not None:
                fn_gap, in_footnote = in_footnote, None
            blank_before = True
            ruled = ruled or no in nt.rule_lines  # ('-----' under a title: what follows is no line of it)
            continue
        if _PAGE_ARTIFACT.match(line):
            in_footnote = fn_gap = None  # footnotes close their page: what follows the page number is body
            continue
        if fn_gap is not None and _footnote_goes_on(fn_gap.text, line):
            in_footnote = fn_gap  # a footnote cut by a page break ('… Nghị quyết số 10-' / '' / 'NQ/TW ngày …')
        fn_gap = None
        if in_footnote is not None and _footnote_ended(in_footnote.text, line, wrapped=len(fn_last_line) >= long_at):
            in_footnote = None  # the body resumes after the footnote block ('… xe gắn máy.' / 'có quy định cụ thể …')
        fm = _FOOTNOTE_LINE.match(line)
        if fm:
            label = _sup_to_digits(fm.group(1))
            body = line[fm.end():]
            k = fm.end()
            p = Paragraph(body, offset + k, ln.end, [0] + [x - k for x in ln.seg_line[1:]], [offset + k] + ln.seg_doc[1:])
            in_footnote = Footnote(label, body, p)
            fn_last_line = line
            footnotes.setdefault(label, in_footnote)
            continue
        if in_footnote is not None:
            # a wrapped footnote line (no blank line in between)
            extend(in_footnote.paragraph, ln, " ")
            in_footnote.text = in_footnote.paragraph.text
            fn_last_line = line
            continue
        heading = no in nt.heading_lines
        # a list item runs on until it ends with ';', '.' or ':' ('- Các Sở, ngành: …, Ban Chỉ huy' / 'Bộ đội Biên phòng tỉnh;')
        open_item = (cur is not None and not blank_before and cur.text[:1] in "-–+•" and read_marker(line)[0] is None
                     and not re.search(r"[;.:!?]$", cur_last_line) and not _ALL_CAPS.match(line) and not _OPENER.match(line))
        if cur is not None and not heading and not cur.heading and not ruled and (
                open_item or _joins(cur_last_line, line, len(cur_last_line) >= long_at, cur.text == cur_last_line)):
            extend(cur, ln, "" if _number_split(cur.text, line) else " ")
            cur_last_line = line
            blank_before = False
            continue
        blank_before = ruled = False
        close()
        cur = Paragraph(line, offset, ln.end, list(ln.seg_line), list(ln.seg_doc), heading=heading)
        cur_last_line = line
    close()

    for i, p in enumerate(paragraphs):
        p.index = i
        p.marker_kind, p.marker, p.body_offset = read_marker(p.text)
        p.footnote_refs = [_sup_to_digits(m.group(0)) for m in _FOOTNOTE_REF.finditer(p.text)] if _ANY_SUP.search(p.text) else []
    return Layout(text, paragraphs, footnotes)


def split_cells(p: Paragraph) -> list[tuple[int, str]]:
    """Split a flattened table row ('a | b') into (offset, cell) pairs."""
    out, pos = [], 0
    for part in p.text.split(" | "):
        stripped = part.strip()
        if stripped:
            out.append((pos + (len(part) - len(part.lstrip())), stripped))
        pos += len(part) + 3
    return out
