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

from . import patterns

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
# either: the cheap test before the two passes (one substring test per character: a character class searched by
# the regular-expression engine costs some ten times more over a whole text)
_ODD_CHARS = tuple(_SPACES + _INVISIBLES)
_SUP_TAG = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>", re.I)
_HTML_TAG = re.compile(r"</?(?:sup|sub|b|i|u|em|strong|br|span|p)\b[^>]*>", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_MD_BOLD = re.compile(r"(\*\*\*|\*\*|__)")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_BULLET = re.compile(r"^\s*[*+•▪●◦]\s+")
_MULTI_SPACE = re.compile(r" {2,}")
_FOOTNOTE_LINE_HINT = re.compile(r"\n[ \t]*\d{1,2} ")  # cheap: a line that opens with a number and a space
_DIGIT_AFTER_LOWER = re.compile(rf"[{LOWER}]\d")
_DIGIT_AFTER_CODE = re.compile(r"/[^\s/]*[A-Z]\d{1,3}[\s,.;:)]")  # '42/2024/QH151 ngày': maybe a glued footnote mark
_BR_TAG = re.compile(r"\s*<br\s*/?>\s*", re.I)
_MD_TABLE_RULE = re.compile(r"^[\s|:-]*-{3}[\s|:-]*$")
_EDGE_CELLS = re.compile(r"^(?:\|\s*)+|(?:\s*\|)+$")


@dataclass
class NormalizedText:
    """Normalised text plus per-line facts that formatting carried (e.g. markdown headings)."""

    text: str
    heading_lines: set[int] = field(default_factory=set)  # line numbers that were markdown headings
    # each input line as printed (before NFC and before markup was removed): a hard wrap cuts at a column of these
    raw_lines: list[str] = field(default_factory=list)
    page_breaks: set[int] = field(default_factory=set)  # line numbers that were a form feed (a page end)
    rule_lines: set[int] = field(default_factory=set)  # line numbers that were a rule ('-----' under a title): a break


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
    if ":" in line:
        line = _GLUED_COLON.sub(": ", line)  # '… công tác PCTN:Thủ trưởng các sở, …': a label and its text
    if line[:1] == "|" or line[-1:] == "|":  # empty cells of a flattened table ('| Kính gửi:', '|')
        line = _EDGE_CELLS.sub("", line)
        if _MD_TABLE_RULE.match(line):
            return "", False  # a Markdown table's '|---|---|' row
        if line[:1] in ("-", "*", "_", "=") and _MD_RULE.match(line):
            return "", heading  # a rule left in a cell ('--------------- |')
    return line, heading


_GLUED_COLON = re.compile(rf"(?<=[{LOWER}{UPPER}]{{2}}):(?=[{UPPER}][{LOWER}])")
# (not the blanks a văn thư fills in: 'Số:      /UBND-NC', 'ngày      tháng      năm 2025')
# two or three blanks between words of a line (a justified PDF line, a double-typed space): one; four or more are a
# column gap (above) or the blanks a văn thư fills in ('Số:      /UBND-NC')
_INNER_SPACES = re.compile(r"(?<=[^\s|]) {2,3}(?=[^\s|])")  # (an empty table cell "|  |" stays)
_COLUMN_GAP = re.compile(r"(?<=\S)(?<!Số:)(?<!ngày)(?<!tháng) {4,}(?!tháng|năm|/)(?=\S)")


def _is_column_layout(lines: list[str]) -> bool:
    """A page laid out in columns (pdftotext -layout): the header's two columns sit side by side, with a
    wide gap between them, on several of the first lines. Text whose tables were already flattened into
    cells ('a | b', from Word) is not."""
    if any(" | " in l for l in lines[:60]):
        return False
    filled = [l.strip() for l in lines if l.strip()]
    gapped = lambda ls: sum(1 for l in ls if "    " in l and _COLUMN_GAP.search(l))  # noqa: E731
    head = gapped(filled[:20])
    # (a party's header has two such lines, no motto: its signature block beside 'Nơi nhận' has more)
    return head >= 3 or (head == 2 and gapped(filled[-30:]) >= 2)


_PAGE_BREAK_CHARS = "\f\v\x85"  # (U+2028 and U+2029 are plain line breaks: strip_invisible)
_PAGE_BREAKS = re.compile(f"[{_PAGE_BREAK_CHARS}]")
# emphasis that a hard wrap cut over lines ('*“không ai' / 'hiểu rõ”*'), no blank line inside
_MD_ITALIC_WRAPPED = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+(?:\n[^*\n]+){1,8}?)(?<=\S)\*(?![\w*])")
# a footnote mark printed as plain digits glued to a word ('Vụ Pháp chế1,'); the footnote itself starts a line
_GLUED_REF = re.compile(rf"(?<=[{LOWER}]{{2}})(\d{{1,2}})(?=[\s.,;:)]|$)", re.M)
_FOOTNOTE_START = re.compile(rf"^[ \t]*(\d{{1,2}}) (?=[{UPPER}])", re.M)
# a document number in a footnote ('1 Luật … số 42/2024/QH15 ngày …'): its mark may be glued to the same number in the
# body ('Luật số 42/2024/QH151 ngày', 'QCVN 122:2024/BGTVT3,'), where only the footnote tells the mark from the number
_FOOTNOTE_NUMBER = re.compile(r"(?<![\w/])(?:QCVN|TCVN)?\s?[0-9][0-9A-Za-z:.\-]*/[0-9A-ZĐa-z/\-.]*[0-9A-ZĐ]")


def _glued_footnotes(text: str) -> str:
    """Turn plain-digit footnote marks into superscripts when the same number opens a footnote line below:
    'Vụ Pháp chế1, …' + a line '1 Quyết định số …' -> 'Vụ Pháp chế¹', '¹ Quyết định số …'."""
    starts = {m.group(1): m for m in _FOOTNOTE_START.finditer(text)}
    if not starts:
        return text
    refs = [m for m in _GLUED_REF.finditer(text) if m.group(1) in starts and m.start() < starts[m.group(1)].start()]
    spots = {m.span(1) for m in refs} | {starts[m.group(1)].span(1) for m in refs}
    for label, sm in starts.items():
        line = text[sm.end(): text.find("\n", sm.end()) % (len(text) + 1)]
        for num in {n.replace(" ", "") for n in _FOOTNOTE_NUMBER.findall(line) if "/" in n}:
            glued = re.compile(r"(?<![\w/])" + r"\s?".join(map(re.escape, num)) + "(" + label + r")(?![\w/])")
            for gm in glued.finditer(text, 0, sm.start()):
                spots |= {gm.span(1), sm.span(1)}
    if not spots:
        return text
    spots = sorted(spots)
    chars = list(text)
    for a, b in spots:
        chars[a:b] = text[a:b].translate(SUPERSCRIPT_DIGITS)  # same length: offsets keep
    return "".join(chars)


# Characters that must never reach the rules or a record, removed before anything else reads the text (line
# breaks, columns of a hard wrap): C0 and C1 controls other than tab, line feed and the page breaks (\f, \v, NEL);
# every format character: soft hyphen, zero-width space / joiners, word joiner and invisible operators, BOM
# inside the text, Arabic letter mark, Mongolian vowel separator, left-to-right / right-to-left marks, bidi
# embeddings, overrides and isolates, deprecated format controls, interlinear annotation marks, tag characters.
# A line or paragraph separator (U+2028, U+2029) is a line break.
_INVISIBLE_OR_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f"
                                   "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029]")


# names of bodies written in lower case ('chủ tịch ủy ban nhân dân …'), capitalised
_LOWER_NAMES_CORE = "|".join(  # (also over a line break: 'ủy ban nhân' / 'dân')
    re.escape(w).replace(r"\ ", r"\s+") for w in patterns.load("tones")["capitalised_names"]["words"])
_LOWER_NAMES = re.compile(r"(?<![\w])(?:%s)(?![\w])" % _LOWER_NAMES_CORE)
# (tried only where the names' first words stand, not at every character: patterns.StartSearch)
_FIND_LOWER_NAMES = patterns.StartSearch(_LOWER_NAMES)
# letters old fonts put in place of Vietnamese ones ('Thƣơng' for 'Thương'), read as the letter they stand for
_LEGACY_GLYPHS = str.maketrans(patterns.load("tones")["legacy_glyphs"]["map"])
_LEGACY_GLYPH_CHARS = tuple(patterns.load("tones")["legacy_glyphs"]["map"])


def strip_invisible(text: str) -> str:
    r"""Remove control and invisible format characters; a line or paragraph separator becomes a line break.

    >>> strip_invisible("Sở\u200b Y\u00adtế\u202e\x1b[31m chủ trì\u2029Giao\u2066 UBND\u2069")
    'Sở Ytế[31m chủ trì\nGiao UBND'
    """
    if _INVISIBLE_OR_CONTROL.search(text):
        text = _INVISIBLE_OR_CONTROL.sub("", text)
    if "\u2028" in text or "\u2029" in text:
        text = _LINE_SEPARATORS.sub("\n", text)
    return text


def normalize(text: str) -> NormalizedText:
    """Return the normalised text (NFC, one cleaned line per input line).

    Control and invisible characters are removed first (:func:`strip_invisible`), so they change neither what the
    rules read nor any span: a name with a zero-width space or a bidi override inside reads as the name.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_invisible(text)
    page_breaks: set[int] = set()
    if any(c in text for c in _PAGE_BREAK_CHARS):
        text = _PAGE_BREAKS.sub("\n\f", text)  # a form feed is a line break and a page break
        page_breaks = {i for i, line in enumerate(text.split("\n")) if line.startswith("\f")}
        text = text.replace("\f", "")
    raw_lines = text.split("\n")  # as printed, before NFC: a wrapper counted these characters
    text = unicodedata.normalize("NFC", text)
    if any(c in text for c in _LEGACY_GLYPH_CHARS):
        text = text.translate(_LEGACY_GLYPHS)  # one letter for one: offsets keep
    if any(c in text for c in _ODD_CHARS):
        text = _INVISIBLE_RE.sub("", _SPACE_RE.sub(" ", text))
    text = fix_tones(text)
    if _FIND_LOWER_NAMES.search(text):
        text = _LOWER_NAMES.sub(lambda m: m.group(0)[0].upper() + m.group(0)[1:], text)  # 'chủ tịch ủy ban nhân dân …'
    text = _SUP_TAG.sub(lambda m: m.group(1).translate(SUPERSCRIPT_DIGITS), text)
    if "*" in text and any(l.replace("**", "").count("*") % 2 for l in text.split("\n") if "*" in l):
        text = _MD_ITALIC_WRAPPED.sub(lambda m: m.group(1), text)  # only when a line has an unpaired '*'
    if _FOOTNOTE_LINE_HINT.search(text) and (_DIGIT_AFTER_LOWER.search(text) or _DIGIT_AFTER_CODE.search(text)):
        text = _glued_footnotes(text)
    out, headings = [], set()
    rules: set[int] = set()
    lines = text.split("\n")
    if _is_column_layout(lines):
        # a two-column page (pdftotext -layout): wide gaps separate the columns, like the cells of a table
        # (only a line with a gap of four spaces can change: most lines of such a page have none)
        lines = [_COLUMN_GAP.sub(" | ", s) if "    " in s else s for s in map(str.strip, lines)]
    for i, line in enumerate(lines):
        if "  " in line:
            line = _INNER_SPACES.sub(" ", line)  # justified or double-typed: 'phối  hợp với', 'Sở  Y tế'
        cleaned, heading = clean_line(line)
        if heading and cleaned:
            headings.add(i)
        elif not cleaned and line[:1] in ("-", "*", "_", "=", " ") and _MD_RULE.match(line):
            rules.add(i)
        out.append(cleaned)
    return NormalizedText("\n".join(out), headings, raw_lines, page_breaks, rules)


def squash(s: str) -> str:
    """Collapse whitespace runs to one space (for values shown to users)."""
    return _MULTI_SPACE.sub(" ", " ".join(s.split())).strip()


def _tone_rule() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """The glide pairs marked on the last vowel with their fix, and the initial sets (loaders/patterns/tones.json).

    A pair is a glide (either case) + its second vowel (either case) carrying one of the five tone marks:
    ``oà`` -> ``òa``, ``UỶ`` -> ``ỦY``; both are two precomposed characters (NFC), so offsets keep.
    """
    data = patterns.load("tones")
    pairs = {}
    for pair in data["glide_pairs"]:
        for glide in (pair["glide"], pair["glide"].upper()):
            for vowel in (pair["vowel"], pair["vowel"].upper()):
                for mark in data["tone_marks"]["marks"]:
                    on_vowel = glide + unicodedata.normalize("NFC", vowel + mark)
                    pairs[on_vowel] = unicodedata.normalize("NFC", glide + mark) + vowel
    initials = frozenset(data["initials"]["list"])
    absorbing = frozenset(e["initial"] for e in data["initials_absorbing_glide"])
    return pairs, initials, absorbing


_TONE_PAIRS, _INITIALS, _GLIDE_INITIALS = _tone_rule()
# one pass over the text: a pair that ends its word (no final consonant, no third vowel: hoàn, ngoài stay)
_TONE_CANDIDATE = re.compile(r"(?:%s)(?![^\W\d_])" % "|".join(map(re.escape, _TONE_PAIRS)))


def _move_tone(m: re.Match) -> str:
    s, i = m.string, m.start()
    j = i
    while j and s[j - 1].isalpha():  # back to the start of the word: its letters before the glide are the initial
        j -= 1
    initial = s[j:i].lower()
    if initial not in _INITIALS or initial + s[i].lower() in _GLIDE_INITIALS:
        return m.group(0)  # not a Vietnamese syllable (Chloé), or the u belongs to the initial (quý)
    return _TONE_PAIRS[m.group(0)]


def fix_tones(s: str) -> str:
    """Unify the two tone-mark placements in open glide syllables (oa, oe, uy), on every syllable.

    The mark moves from the last vowel to the glide, keeping case; syllables with a final consonant,
    a third vowel or the initial ``qu`` are the same in both conventions and stay (NFC input; the
    length and every offset keep):

    >>> fix_tones("Tỉnh uỷ; CỘNG HOÀ; sức khoẻ; hoàn thành; Quý III")
    'Tỉnh ủy; CỘNG HÒA; sức khỏe; hoàn thành; Quý III'
    """
    return _TONE_CANDIDATE.sub(_move_tone, s)


def _fold_slow(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


class _FoldTable(dict):
    """Per character, what :func:`_fold_slow` makes of it before lowercasing (its
    canonical decomposition without combining marks; Đ, đ as D, d), filled in as ``str.translate`` meets each
    character: no start-up cost (the whole plane took 70 ms, paid by every command that folds a name), and a
    table of the few hundred characters a corpus holds is quicker to look up than one of the whole plane.

    >>> t = _FoldTable(); "Đắk Lắk".translate(t), len(t)
    ('Dak Lak', 5)
    """

    def __missing__(self, i: int) -> str:
        c = chr(i)
        f = unicodedata.normalize("NFD", "D" if c == "Đ" else "d" if c == "đ" else c)
        f = "".join(x for x in f if not unicodedata.combining(x))
        self[i] = f
        return f


_FOLD_TABLE = _FoldTable()
# the combining marks of Vietnamese letters decomposed (tones: grave, acute, tilde, hook above, dot below; circumflex,
# breve, horn): a decomposed Vietnamese text is ASCII and these, which two C-speed passes fold (half the table's time)
_VIETNAMESE_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"


@lru_cache(maxsize=100000)
def fold(s: str) -> str:
    """Accent- and case-insensitive key: ``Nghị quyết`` -> ``nghi quyet``, ``Đ`` -> ``d``.

    Remembered for the names and numbers met again and again; a long text met once (a task's sentence) goes
    to :func:`fold_text`, which remembers nothing.

    >>> fold("  Sở Tài nguyên  và MÔI TRƯỜNG, Đắk Lắk "), fold("ΟΔΟΣ"), fold("𝐀 Ấ")
    ('so tai nguyen va moi truong, dak lak', 'οδος', '𝐀 a')
    """
    return fold_text(s)


def fold_text(s: str) -> str:
    """:func:`fold` without remembering: the text decomposed, and when it then holds nothing but ASCII and the
    marks of Vietnamese letters, those dropped; else one ``str.translate`` (each character's decomposition without
    its marks, from a table filled in as characters are met; character by character is the decomposition of the
    whole text, as canonical reordering moves only the marks dropped). Then lowercase and single spaces."""
    if s.isascii():
        return " ".join(s.lower().split())
    t = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    ascii_ = t.encode("ascii", "ignore")
    if len(ascii_) + sum(t.count(m) for m in _VIETNAMESE_MARKS) == len(t):  # nothing but letters and these marks
        return " ".join(ascii_.decode("ascii").lower().split())
    return " ".join(t.translate(_FOLD_TABLE).lower().split())


def one_edit(a: str, b: str) -> bool:
    """Do two words differ by exactly one inserted, deleted or replaced letter (Levenshtein distance 1)?

    >>> one_edit("koáng", "khoáng"), one_edit("BNMT", "BNNMT"), one_edit("Sở", "Sở"), one_edit("ab", "ba")
    (True, True, False, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]
