"""Text normalisation: the first step after reading a file.

The normalised text is what every character span in a record points into. It is the
input text with formatting noise removed line by line, so that markdown emphasis,
``<sup>`` footnote marks, non-breaking spaces and similar artefacts never change what
the rules see:

>>> normalize("## **2. Nhiệm vụ**  \\nGiao Sở Y tế<sup>1</sup>").text
'2. Nhiệm vụ\\nGiao Sở Y tế¹'
"""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata
from dataclasses import dataclass, field

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUPERSCRIPT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# Vietnamese letters by case (the capitals lie outside A-Z)
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

_SPACE_LIKE = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad\u2060"), None)

_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u3000\t"  # read as a plain space
_INVISIBLES = "\u200b\u200c\u200d\ufeff\u00ad\u2060"  # dropped
_SPACE_RE = re.compile(f"[{_SPACES}]")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLES}]")
_ODD_CHARS = re.compile(f"[{_SPACES}{_INVISIBLES}]")  # either: the cheap test before the two passes
_SUP_TAG = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>", re.I)
_HTML_TAG = re.compile(r"</?(?:sup|sub|b|i|u|em|strong|br|span|p)\b[^>]*>", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_MD_BOLD = re.compile(r"(\*\*\*|\*\*|__)")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_BULLET = re.compile(r"^\s*[*+•▪●◦]\s+")
_MULTI_SPACE = re.compile(r" {2,}")
_DIGIT_AFTER_LOWER = re.compile(rf"[{LOWER}]\d")
_BR_TAG = re.compile(r"\s*<br\s*/?>\s*", re.I)
_MD_TABLE_RULE = re.compile(r"^[\s|:-]*-{3}[\s|:-]*$")
_EDGE_CELLS = re.compile(r"^(?:\|\s*)+|(?:\s*\|)+$")


@dataclass
class NormalizedText:
    """Normalised text plus per-line facts that formatting carried (e.g. markdown headings)."""

    text: str
    heading_lines: set[int] = field(default_factory=set)  # line numbers that were markdown headings
    # each input line as printed (NFC, before markup was removed): a hard wrap cuts at a column of these
    raw_lines: list[str] = field(default_factory=list)


def clean_line(line: str) -> tuple[str, bool]:
    """Clean one line; return (text, was_markdown_heading)."""
    if "<" in line:  # a line break inside a Markdown table cell separates the cell's lines like a cell edge
        line = _HTML_TAG.sub("", _BR_TAG.sub(" | ", line))
    heading = line.lstrip().startswith("#") and bool(_MD_HEADING.match(line))
    if heading:
        line = _MD_HEADING.sub("", line)
    if line[:1] in ("-", "*", "_", "=", " ") and _MD_RULE.match(line):
        return "", False
    if "*" in line or "_" in line:
        line = _MD_BOLD.sub("", line)
        line = _MD_ITALIC.sub(r"\1", line)
    line = _MD_BULLET.sub("- ", line) if line[:4].lstrip()[:1] in ("*", "+", "•", "▪", "●", "◦") else line
    line = line.strip()
    if line[:1] == "|" or line[-1:] == "|":  # empty cells of a flattened table ('| Kính gửi:', '|')
        line = _EDGE_CELLS.sub("", line)
        if _MD_TABLE_RULE.match(line):
            return "", False  # a Markdown table's '|---|---|' row
    return line, heading


_COLUMN_GAP = re.compile(r"(?<=\S) {4,}(?=\S)")


def _is_column_layout(lines: list[str]) -> bool:
    """A page laid out in columns (pdftotext -layout): the header's two columns sit side by side, with a
    wide gap between them, on several of the first lines. Text whose tables were already flattened into
    cells ('a | b', from Word) is not."""
    if any(" | " in l for l in lines[:60]):
        return False
    head = [l.strip() for l in lines if l.strip()][:20]
    return sum(1 for l in head if "    " in l and _COLUMN_GAP.search(l)) >= 3


_PAGE_BREAKS = re.compile("[\f\v\u2028\u2029\x85]")
# emphasis that a hard wrap cut over lines ('*“không ai' / 'hiểu rõ”*'), no blank line inside
_MD_ITALIC_WRAPPED = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+(?:\n[^*\n]+){1,8}?)(?<=\S)\*(?![\w*])")
# a footnote mark printed as plain digits glued to a word ('Vụ Pháp chế1,'); the footnote itself starts a line
_GLUED_REF = re.compile(rf"(?<=[{LOWER}]{{2}})(\d{{1,2}})(?=[\s.,;:)]|$)", re.M)
_FOOTNOTE_START = re.compile(rf"^(\d{{1,2}}) (?=[{UPPER}])", re.M)


def _glued_footnotes(text: str) -> str:
    """Turn plain-digit footnote marks into superscripts when the same number opens a footnote line below:
    'Vụ Pháp chế1, …' + a line '1 Quyết định số …' -> 'Vụ Pháp chế¹', '¹ Quyết định số …'."""
    starts = {m.group(1): m for m in _FOOTNOTE_START.finditer(text)}
    if not starts:
        return text
    refs = [m for m in _GLUED_REF.finditer(text) if m.group(1) in starts and m.start() < starts[m.group(1)].start()]
    if not refs:
        return text
    spots = sorted({m.span(1) for m in refs} | {starts[m.group(1)].span(1) for m in refs})
    chars = list(text)
    for a, b in spots:
        chars[a:b] = text[a:b].translate(SUPERSCRIPT_DIGITS)  # same length: offsets keep
    return "".join(chars)


def normalize(text: str) -> NormalizedText:
    """Return the normalised text (NFC, one cleaned line per input line)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _ODD_CHARS.search(text):
        text = _INVISIBLE_RE.sub("", _SPACE_RE.sub(" ", text))
    if _PAGE_BREAKS.search(text):
        text = _PAGE_BREAKS.sub("\n", text)  # a form feed is a line break (and a page break)
    text = fix_tones(text)
    text = _SUP_TAG.sub(lambda m: m.group(1).translate(SUPERSCRIPT_DIGITS), text)
    raw_lines = text.split("\n")
    if "*" in text:
        text = _MD_ITALIC_WRAPPED.sub(lambda m: m.group(1), text)
    if _DIGIT_AFTER_LOWER.search(text):
        text = _glued_footnotes(text)
    out, headings = [], set()
    lines = text.split("\n")
    if _is_column_layout(lines):
        # a two-column page (pdftotext -layout): wide gaps separate the columns, like the cells of a table
        lines = [_COLUMN_GAP.sub(" | ", l.strip()) for l in lines]
    for i, line in enumerate(lines):
        cleaned, heading = clean_line(line)
        if heading and cleaned:
            headings.add(i)
        out.append(cleaned)
    return NormalizedText("\n".join(out), headings, raw_lines)


def squash(s: str) -> str:
    """Collapse whitespace runs to one space (for values shown to users)."""
    return _MULTI_SPACE.sub(" ", " ".join(s.split())).strip()


_TONE_FIX = [
    # old-style tone placement -> the form used in the gold annotations and most offices;
    # only whole syllables ('Tỉnh uỷ' -> 'Tỉnh ủy', but 'hoàn' stays 'hoàn')
    ("uỷ", "ủy"), ("Uỷ", "Ủy"), ("UỶ", "ỦY"), ("hoà", "hòa"), ("Hoà", "Hòa"), ("HOÀ", "HÒA"),
    ("hoá", "hóa"), ("Hoá", "Hóa"), ("HOÁ", "HÓA"), ("hoạ", "họa"), ("Hoạ", "Họa"), ("hoả", "hỏa"),
    ("thuỷ", "thủy"), ("Thuỷ", "Thủy"), ("khoẻ", "khỏe"), ("toà", "tòa"), ("Toà", "Tòa"), ("TOÀ", "TÒA"),
]
_TONE_RE = re.compile("(%s)(?![a-zA-ZđĐà-ỹÀ-Ỹ])" % "|".join(re.escape(a) for a, b in _TONE_FIX if a != b))
_TONE_MAP = {a: b for a, b in _TONE_FIX}
_TONE_KEYS = tuple(a for a, b in _TONE_FIX if a != b)


def fix_tones(s: str) -> str:
    """Unify old/new Vietnamese tone-mark placement (``Tỉnh uỷ`` -> ``Tỉnh ủy``; ``hoàn`` is untouched)."""
    if not any(k in s for k in _TONE_KEYS):
        return s
    return _TONE_RE.sub(lambda m: _TONE_MAP[m.group(1)], s)


@lru_cache(maxsize=100000)
def fold(s: str) -> str:
    """Accent- and case-insensitive key: ``Nghị quyết`` -> ``nghi quyet``, ``Đ`` -> ``d``."""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())
