"""Legacy Vietnamese font encodings: TCVN3 (ABC, ``.VnTime``) and VNI (``VNI-Times``), detected and read as Unicode.

Before Unicode, Vietnamese was typed in 8-bit fonts that draw Windows-1252 characters as Vietnamese letters: in
TCVN3 ``Th«ng b¸o`` is *Thông báo*, in VNI ``Thoâng baùo``. Such text reaches the pipeline as those characters:
from a text file in one byte per character, from a UTF-8 file or a Word run set in the font as the Unicode
characters Windows-1252 gives them. The tables are data (``loaders/patterns/legacy_fonts.json``, with examples);
this module detects which encoding a text is in and converts it, both ways:

>>> to_unicode("Giao Së Y tÕ chñ tr×, b¸o c¸o tr­íc ngµy 15/6/2026.", "tcvn3")
'Giao Sở Y tế chủ trì, báo cáo trước ngày 15/6/2026.'
>>> from_unicode("Độc lập - Tự do - Hạnh phúc", "vni")
'Ñoäc laäp - Töï do - Haïnh phuùc'
>>> detect("Giao Sôû Y teá chuû trì, phoái hôïp vôùi caùc ñôn vò lieân quan baùo caùo keát quaû.")
'vni'
>>> detect("Giao Sở Y tế chủ trì, phối hợp với các đơn vị liên quan báo cáo kết quả.") is None
True

Detection compares words before and after conversion: a word is *foreign* when it holds a character that is no
Vietnamese or ASCII letter, digit or ordinary punctuation (``b¸o``, ``ñôn``) or a letter with two tone marks; a
text is in a legacy encoding when it has at least :data:`MIN_FOREIGN` foreign words and converting it leaves
fewer than a quarter of them. Ordinary Unicode text (or Windows-1258) has almost no foreign words, and
converting it makes more, never fewer, so it is never converted.

TCVN3 has capitals for seven letters only (Ă Â Ê Ô Ơ Ư Đ); a capital with a tone is typed with the lower-case
code in a capital font (``.VnTimeH``). In Word the font says so (``capital=True``); in plain text, where the font
is lost, a word is put in capitals when its ASCII letters are (``CéNG`` → ``CỘNG``), and a short word like
``X·`` when its line is a line of capitals (``CéNG HßA X· HéI`` → ``CỘNG HÒA XÃ HỘI``).

Readers: :func:`read_text` (``.txt``, ``.md``: :func:`loaders.read.decode_text`, then detection) and, for Word,
:class:`RunFonts` (runs set in a legacy font converted by font, see :mod:`loaders.office`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .limits import DEFAULT_LIMITS, Limits
from .patterns import load
from .read import ReadResult, check_text_length, decode_text

__all__ = ["ENCODINGS", "MIN_FOREIGN", "to_unicode", "from_unicode", "detect", "font_encoding", "font_view",
           "read_text", "convert_text", "RunFonts"]

ENCODINGS = ("tcvn3", "vni")
MIN_FOREIGN = 5  # foreign words needed before a text is taken for legacy-encoded (a foreign name or two is not)
_SAMPLE = 50_000  # characters looked at by detection (the rest of a long text follows its beginning)

_VIET_LOWER = ("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
VIET_LETTERS = frozenset(_VIET_LOWER + _VIET_LOWER.upper())
_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")  # grave, acute, hook, tilde, dot below
# characters a word may hold besides letters and digits without being foreign
_WORD_OK = frozenset("-–—/&.,:;%_+'’\"")
_EDGE = "\"'“”‘’()[]{}<>.,;:!?…*•–—-"


@dataclass(frozen=True)
class _Table:
    name: str
    encode: dict[str, str]  # Unicode letter -> legacy characters
    decode: dict[str, str]  # legacy characters -> Unicode letter
    longest: int
    capitals: frozenset[str]  # Unicode capitals the encoding writes as such (TCVN3: seven)
    legacy_lower: frozenset[str]  # legacy characters that stand for a lower-case letter
    legacy_upper: frozenset[str]  # legacy characters that stand for a capital


@lru_cache(maxsize=None)
def _table(name: str) -> _Table:
    data = load("legacy_fonts")[name]
    encode = dict(data["letters"])
    capitals = dict(data.get("capitals", {}))
    encode.update(capitals)
    decode = {v: k for k, v in encode.items()}
    lower = frozenset(v for k, v in encode.items() if k.islower() and len(v) == 1)
    upper = frozenset(v for k, v in encode.items() if k.isupper() and len(v) == 1)
    caps = frozenset(k for k in encode if k.isupper())
    return _Table(name, encode, decode, max(map(len, decode)), caps, lower, upper)


def _check(encoding: str) -> _Table:
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r} (one of {', '.join(ENCODINGS)})")
    return _table(encoding)


@lru_cache(maxsize=None)
def _decoder(name: str) -> tuple[dict[int, str], re.Pattern[str] | None]:
    """A translation table for one-character codes, and a pattern of the longer ones (longest first)."""
    t = _table(name)
    single = {ord(k): v for k, v in t.decode.items() if len(k) == 1}
    longer = sorted((k for k in t.decode if len(k) > 1), key=len, reverse=True)
    return single, re.compile("|".join(map(re.escape, longer))) if longer else None


def _decode_chars(text: str, t: _Table) -> str:
    single, longer = _decoder(t.name)
    if longer is not None:  # VNI: a letter and its mark first ('oâ' is 'ô'), then what stands alone ('ô' is 'ơ')
        parts, last = [], 0
        for m in longer.finditer(text):
            parts.append(text[last:m.start()].translate(single))
            parts.append(t.decode[m.group()])
            last = m.end()
        parts.append(text[last:].translate(single))
        return "".join(parts)
    return text.translate(single)


_WORD = re.compile(r"\S+")


@lru_cache(maxsize=None)
def _caps_candidates(name: str) -> re.Pattern[str]:
    """Words with no ASCII lower-case letter that hold a legacy lower-case code: the only ones a capital may hide in."""
    lower = "".join(sorted(_table(name).legacy_lower))
    return re.compile(rf"(?<!\S)[^\sa-z]*[{re.escape(lower)}][^\sa-z]*(?!\S)")


def _word_kind(w: str, t: _Table) -> tuple[str | None, bool]:
    """'caps' (two capitals or more, no ASCII lower case), 'maybe' (one capital and legacy lower-case codes) or None;
    and whether the word holds a legacy lower-case code."""
    upper = sum(1 for c in w if ("A" <= c <= "Z") or c in t.legacy_upper)
    legacy_lower = any(c in t.legacy_lower for c in w)
    if any("a" <= c <= "z" for c in w):
        return None, legacy_lower
    if upper >= 2:
        return "caps", legacy_lower
    return ("maybe" if legacy_lower else None), legacy_lower


def _tcvn3_capitals(text: str, converted: str, t: _Table) -> str:
    """Capitals TCVN3 could not write, put back word by word (see the module's doc); ``converted`` is ``text``
    converted character by character, so both have the same length."""
    spans: list[tuple[int, int]] = []
    lines: set[int] = set()  # start offsets of lines with a word in capitals holding a lower-case code
    for m in _caps_candidates(t.name).finditer(text):
        if _word_kind(m.group(), t)[0] == "caps":
            spans.append(m.span())
            lines.add(text.rfind("\n", 0, m.start()) + 1)
    for start in lines:  # a line of capitals: its short words ('X·') are capitals too
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        words = [(m.span(), _word_kind(m.group(), t)[0]) for m in _WORD.finditer(text, start, end)
                 if any(c.isalpha() or c in t.legacy_lower or c in t.legacy_upper for c in m.group())]
        if all(kind is not None for _, kind in words):
            spans.extend(span for span, kind in words if kind == "maybe")
    if not spans:
        return converted
    out = list(converted)
    for a, b in spans:
        out[a:b] = converted[a:b].upper()
    return "".join(out)


def to_unicode(text: str, encoding: str, *, capital: bool = False) -> str:
    """``text`` read in ``encoding`` ('tcvn3' or 'vni') as Unicode (NFC). ``capital``: the text was set in a
    capital font (TCVN3 ``.VnTimeH``), so every letter is a capital.

    >>> to_unicode("TH¤NG B¸O KÕT LUËN", "tcvn3")
    'THÔNG BÁO KẾT LUẬN'
    >>> to_unicode("céng hoµ x· héi chñ nghÜa viÖt nam", "tcvn3", capital=True)
    'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'
    """
    t = _check(encoding)
    text = unicodedata.normalize("NFC", text)
    converted = _decode_chars(text, t)
    if capital:
        return converted.upper()
    if encoding == "tcvn3":
        converted = _tcvn3_capitals(text, converted, t)
    return unicodedata.normalize("NFC", converted)


def _untoned(c: str) -> tuple[str, str]:
    """A letter without its tone mark, and the mark ('' when none)."""
    d = unicodedata.normalize("NFD", c)
    tone = "".join(m for m in d if m in _TONES)
    return unicodedata.normalize("NFC", "".join(m for m in d if m not in _TONES)), tone


def from_unicode(text: str, encoding: str) -> str:
    """``text`` written in ``encoding``, as a program of the time would (the inverse of :func:`to_unicode`).

    TCVN3 has no capital with a tone: in a word of capitals it takes the lower-case code (as typed in ``.VnTimeH``);
    a capital glide with a tone before another vowel gives its tone to that vowel, as typists did (``Ủy`` → ``Uû``,
    read back ``Uỷ``); any other such capital is written in lower case.

    >>> from_unicode("Ủy ban nhân dân tỉnh", "tcvn3"), from_unicode("CỘNG HÒA", "tcvn3")
    ('Uû ban nh©n d©n tØnh', 'CéNG HßA')
    """
    t = _check(encoding)
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    pending = ""  # the tone a capital glide gave to the vowel after it
    for i, c in enumerate(text):
        if pending:
            c, pending = unicodedata.normalize("NFC", c + pending), ""
        code = t.encode.get(c)
        if code is None and encoding == "tcvn3" and c in VIET_LETTERS and c.isupper():  # a capital TCVN3 lacks
            base, tone = _untoned(c)
            nxt = text[i + 1:i + 2]
            if tone and base in "OU" and nxt and nxt in "aey" and not text[i + 2:i + 3].isalpha():
                out.append(base)
                pending = tone
                continue
            code = t.encode.get(c.lower())
        if code is None and c in t.decode:  # not a letter, but the font draws a letter there ('¹' is TCVN3 'ạ')
            plain = unicodedata.normalize("NFKC", c)
            code = plain if plain not in t.decode else None
        out.append(code if code is not None else c)
    return "".join(out)


def _foreign(word: str) -> bool:
    """A word that is no Vietnamese, ASCII or number: a character outside letters, digits and ordinary
    punctuation, a capital with a diacritic after a lower-case letter, or two tone marks."""
    tones = 0
    prev = ""
    for c in word:
        low, prev = prev.islower(), c
        if c.isascii():
            if not (c.isalnum() or c in _WORD_OK):
                return True
            continue
        if c in VIET_LETTERS:
            if low and c.isupper():  # 'kÕt': a capital letter with a diacritic after a lower-case one
                return True
            d = unicodedata.normalize("NFD", c)
            tones += sum(1 for m in d if m in _TONES)
            continue
        if c in _WORD_OK:
            continue
        return True
    return tones > 1


def foreign_words(text: str) -> int:
    """How many words of ``text`` are foreign to Vietnamese (see :func:`detect`).

    >>> foreign_words("Th«ng b¸o kÕt luËn"), foreign_words("Thông báo kết luận")
    (4, 0)
    """
    n = 0
    for w in text.split():
        w = w.strip(_EDGE)
        if w and not w.isascii() and _foreign(w):
            n += 1
    return n


# characters that betray a legacy encoding: Latin-1 characters that are no Vietnamese letter (a quick test first)
_HINTS = re.compile("[" + "".join(c for c in map(chr, range(0xA1, 0x100)) if c not in VIET_LETTERS) + "\u00ad]")


def detect(text: str) -> str | None:
    """The legacy encoding ``text`` is in ('tcvn3' or 'vni'), or None for ordinary text (see the module's doc)."""
    sample = text[:_SAMPLE]
    if len(_HINTS.findall(sample)) < MIN_FOREIGN:
        return None
    before = foreign_words(sample)
    if before < MIN_FOREIGN:
        return None
    best, best_after = None, before
    for name in ENCODINGS:
        after = foreign_words(to_unicode(sample, name))
        if after < best_after:
            best, best_after = name, after
    return best if best is not None and best_after * 4 < before else None


# Windows-1252 with the five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) read as Latin-1
def _latin1(e: UnicodeDecodeError) -> tuple[str, int]:
    return e.object[e.start:e.end].decode("latin-1"), e.end


codecs.register_error("kg-latin-1", _latin1)


def font_view(raw: bytes) -> str:
    """Single-byte text as the characters a legacy font draws (Windows-1252; its five undefined bytes as Latin-1).

    >>> font_view(bytes([0x54, 0x68, 0xab, 0x6e, 0x67, 0x81]))
    'Th«ng\\x81'
    """
    return raw.decode("cp1252", errors="kg-latin-1")


def convert_text(text: str) -> tuple[str, str | None]:
    """``text`` converted when it is in a legacy encoding, with the encoding's name (else ``text`` and None)."""
    enc = detect(text)
    return (to_unicode(text, enc), enc) if enc else (text, None)


def read_text(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """A plain-text file (:func:`loaders.read.decode_text`), converted when it is in TCVN3 or VNI: a single-byte file
    is then read as the font's characters (encoding ``tcvn3`` / ``vni``), a UTF-8 or UTF-16 one as its characters
    (``utf-8+tcvn3``, …).

    >>> read_text("a.txt", "Giao Së Y tÕ chñ tr×, b¸o c¸o kÕt qu¶ tr­íc ngµy 15/6/2026.".encode("cp1252")).encoding
    'tcvn3'
    """
    result = decode_text(path, raw, limits)
    if result.encoding == "cp1258":  # single bytes: read them as the font's characters, not as Windows-1258
        view = font_view(raw)
        enc = detect(view)
        if enc is None:
            return result
        text = to_unicode(view, enc)
        check_text_length(path, text, limits)
        return ReadResult(text, enc, result.warnings)
    text, enc = convert_text(result.text)
    if enc is None:
        return result
    return ReadResult(text, f"{result.encoding}+{enc}", result.warnings)


def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """The legacy encoding a font is made for, and whether it is a capital font (TCVN3 ``.VnTimeH``).

    >>> font_encoding(".VnTimeH"), font_encoding("VNI-Times"), font_encoding("Times New Roman")
    (('tcvn3', True), ('vni', False), (None, False))
    """
    if not font:
        return None, False
    name = font.strip().lower()
    data = load("legacy_fonts")
    for enc in ENCODINGS:
        fonts = data[enc]["fonts"]
        if any(name.startswith(p) for p in fonts["prefixes"]):
            suffix = fonts.get("capital_suffix")
            return enc, bool(suffix) and name.endswith(suffix)
    return None, False


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class RunFonts:
    """The fonts of a Word document's runs (``w:rFonts``: the run's own, else its character style's, its paragraph
    style's, the document default), and the conversion of runs set in a legacy font.

    ``styles`` is the parsed ``word/styles.xml`` (or None). :meth:`convert` rewrites, in place, the text of every run
    under an element (a paragraph or a table) whose font is a legacy one, unless a run of its paragraph in such a
    font holds a letter no 8-bit font has (``ạ``): then the paragraph is Unicode typed in a template's old font and
    is left alone. :attr:`used` collects the encodings met."""

    def __init__(self, styles=None):
        self.used: set[str] = set()
        self.default: str | None = None
        self.styles: dict[str, tuple[str | None, str | None]] = {}  # styleId -> (font, basedOn)
        if styles is None:
            return
        d = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
        self.default = _font_of(d)
        for s in styles.iter(f"{_W}style"):
            based = s.find(f"{_W}basedOn")
            self.styles[s.get(f"{_W}styleId", "")] = (_font_of(s.find(f"{_W}rPr/{_W}rFonts")),
                                                    based.get(f"{_W}val") if based is not None else None)

    def style_font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            font, based = self.styles.get(style_id, (None, None))
            if font:
                return font
            style_id = based
        return None

    def convert(self, element) -> None:
        for p in element.iter(f"{_W}p"):
            ps = p.find(f"{_W}pPr/{_W}pStyle")
            para_font = self.style_font(ps.get(f"{_W}val") if ps is not None else None) or self.default
            if para_font is None and not self.styles and not any(
                    r.find(f"{_W}rPr/{_W}rFonts") is not None for r in p.iter(f"{_W}r")):
                continue
            runs = []  # (run, encoding, capital) of the runs set in a legacy font
            for r in p.iter(f"{_W}r"):
                font = _font_of(r.find(f"{_W}rPr/{_W}rFonts"))
                if font is None:
                    rs = r.find(f"{_W}rPr/{_W}rStyle")
                    font = self.style_font(rs.get(f"{_W}val") if rs is not None else None) or para_font
                enc, capital = font_encoding(font)
                if enc is not None:
                    caps = r.find(f"{_W}rPr/{_W}caps")
                    runs.append((r, enc, capital or (caps is not None and caps.get(f"{_W}val", "true") not in ("0", "false"))))
            if any(not _eight_bit(t.text) for r, _, _ in runs for t in r.iter(f"{_W}t") if t.text):
                continue  # Unicode letters in a legacy font (a template's font kept after Unicode came): not legacy text
            for r, enc, capital in runs:
                if enc == "tcvn3":
                    for hyphen in list(r.iter(f"{_W}softHyphen")):  # TCVN3 'ư' is 0xAD: Word's soft hyphen
                        t = hyphen.makeelement(f"{_W}t", {})
                        t.text = "\u00ad"
                        hyphen.getparent().replace(hyphen, t)
                for t in r.iter(f"{_W}t"):
                    if t.text:
                        t.text = to_unicode(t.text, enc, capital=capital)
                        self.used.add(enc)


# what Windows-1252 puts at 0x80-0x9F (curly quotes, dashes, …): still 8-bit text
_CP1252_HIGH = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


def _eight_bit(s: str) -> bool:
    """Text a legacy font can hold: Latin-1 and Windows-1252 characters only (a run already in Unicode is not)."""
    return all(c <= "\u00ff" or c in _CP1252_HIGH for c in s)


def _font_of(rfonts) -> str | None:
    if rfonts is None:
        return None
    return rfonts.get(f"{_W}ascii") or rfonts.get(f"{_W}hAnsi")
