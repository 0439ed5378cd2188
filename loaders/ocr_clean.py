"""Clean-up of OCR text before extraction: the rules of ``loaders/patterns/ocr.json``, in its order.

Each rule repairs one kind of misreading of Tesseract's Vietnamese model on printed directives, and none adds
text that is not on the page (:func:`clean_ocr_text`):

* characters read for others, one for one (``⁄`` for ``/``, ``Ð`` for ``Đ``), and item markers (``©)`` → ``c)``);
* a day or month glued to the date word after it (``06tháng``), and ``]``, ``|``, ``l``, ``I``, ``O`` inside
  numbers (``ngày 2]`` → ``ngày 21``); a word without a digit is never touched;
* the frame's labels with one letter misread (``đời nhận:`` → ``Nơi nhận:``);
* small words read as capitals between small words (``các SỞ, ban`` → ``các sở, ban``);
* an acronym one letter away from one the same document uses at least twice (``VLUNCN`` → ``VLNCN``);
* tone marks, where the lexicon (:mod:`loaders.ocr_lexicon`) says so (``TĨNH LÀO CAI`` → ``TỈNH LÀO CAI``,
  ``thâm quyên`` → ``thẩm quyền``), never where it has not seen the other reading;
* document codes cut at a line's end after their hyphen, joined again.

>>> clean_ocr_text("TĨNH LÀO CAI\\nLào Cai, ngày 2] tháng 7 năm 2026\\nSở tô chức thực hiện, yêu cầu các SỞ, ban, ngành")
'TỈNH LÀO CAI\\nLào Cai, ngày 21 tháng 7 năm 2026\\nSở tổ chức thực hiện, yêu cầu các sở, ban, ngành'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from . import patterns
from .ocr_lexicon import lexicon, tone_key, words

__all__ = ["clean_ocr_text", "fix_characters", "fix_item_markers", "fix_glued_numbers", "fix_digits", "fix_labels",
           "fix_case", "fix_acronyms", "fix_tones", "fix_line_ends"]


@lru_cache(maxsize=1)
def _rules() -> dict:
    return patterns.load("ocr")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower()).replace("đ", "d")
    return "".join(c for c in s if not unicodedata.combining(c))


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by at most one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    if len(a) > len(b):
        a, b = b, a
    return any(a == b[:i] + b[i + 1:] for i in range(len(b)))


def fix_characters(text: str) -> str:
    """
    >>> fix_characters("trước ngày 15⁄4⁄2026.")
    'trước ngày 15/4/2026.'
    """
    return text.translate(str.maketrans(_rules()["characters"]["map"]))


def fix_item_markers(text: str) -> str:
    """
    >>> fix_item_markers("©) Thực hiện kiểm tra")
    'c) Thực hiện kiểm tra'
    """
    table = _rules()["item_markers"]["map"]
    return re.sub("^([ \t]*)([%s])\\)" % "".join(map(re.escape, table)), lambda m: m.group(1) + table[m.group(2)] + ")",
                  text, flags=re.M)


@lru_cache(maxsize=1)
def _glued() -> re.Pattern[str]:
    confusable = "".join(map(re.escape, _rules()["digit_confusions"]["map"]))
    words_ = "|".join(map(re.escape, _rules()["number_glued_to_word"]["words"]))
    return re.compile(rf"(?<![^\W_])(\d[\d{confusable}]*)({words_})\b")


def fix_glued_numbers(text: str) -> str:
    """
    >>> fix_glued_numbers("ngày 06tháng 4 năm 2026, tháng 0Inăm")
    'ngày 06 tháng 4 năm 2026, tháng 0I năm'
    """
    return _glued().sub(r"\1 \2", text)


@lru_cache(maxsize=1)
def _number() -> re.Pattern[str]:
    confusable = "".join(map(re.escape, _rules()["digit_confusions"]["map"]))
    # a run of digits and confusable characters, with a digit, not inside a word or a bracket ('[2]' is a reference)
    return re.compile(rf"(?<![\w\[\]|])(?=[{confusable}]*\d)(?=\d*[{confusable}])[\d{confusable}]+(?![\w\[\]|])")


def fix_digits(text: str) -> str:
    """
    >>> fix_digits("ngày 2] tháng 7, trước ngày l5/6/2O26; Điều 5, khoản l; [2] Quyết định")
    'ngày 21 tháng 7, trước ngày 15/6/2026; Điều 5, khoản l; [2] Quyết định'
    """
    table = str.maketrans(_rules()["digit_confusions"]["map"])
    return _number().sub(lambda m: m.group(0).translate(table), text)


def fix_labels(text: str) -> str:
    """
    >>> fix_labels("đời nhận:        TL. CHỦ TỊCH")
    'Nơi nhận:        TL. CHỦ TỊCH'
    """
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        for label in _rules()["labels"]["words"]:
            n = len(label.split())
            head = stripped.split(" ")[:n]
            if len(head) < n or (label.endswith(":") and not head[-1].endswith(":")):
                continue
            got, want = " ".join(head), label
            if got == want:
                break
            pairs = list(zip(_fold(got).split(), _fold(want).split()))
            if len(pairs) == n and sum(a != b for a, b in pairs) <= 1 and all(_one_edit(a, b) for a, b in pairs) \
                    and all(len(b) >= 3 or a == b for a, b in pairs):
                line = line[:len(line) - len(stripped)] + want + stripped[len(got):]
                break
        out.append(line)
    return "\n".join(out)


@lru_cache(maxsize=1)
def _caps() -> re.Pattern[str]:
    upper = _rules()["case_confusions"]["letters"].upper()
    return re.compile(rf"(?<=\S)([,;]? )([{upper}]+)(?=[,;]? (\S))")


def fix_case(text: str) -> str:
    """
    >>> fix_case("các SỞ, ban, ngành; một SỐ nhiệm vụ; Giao SỞ Y TẾ chủ trì")
    'các sở, ban, ngành; một số nhiệm vụ; Giao SỞ Y TẾ chủ trì'
    """
    def small(m: re.Match) -> str:
        before = text[m.start() - 1]
        return m.group(1) + (m.group(2).lower() if before.islower() and m.group(3).islower() else m.group(2))

    return _caps().sub(small, text)


_ACRONYM = re.compile(r"(?<![^\W\d_])[A-ZĐ]{2,}(?![^\W\d_])")


def fix_acronyms(text: str, context: str = "") -> str:
    """
    >>> fix_acronyms("VLNCN, TCTN; VLNCN; VLNCN; liên quan VLUNCN, TCTN; 1/QĐ-BXD, 2/QĐ-BXD, 3/QĐ-BXD, 1074/QĐĐ-BXD")
    'VLNCN, TCTN; VLNCN; VLNCN; liên quan VLNCN, TCTN; 1/QĐ-BXD, 2/QĐ-BXD, 3/QĐ-BXD, 1074/QĐ-BXD'
    >>> fix_acronyms("Sở Xây dựng 12/SXD-QLXD; 1/BXD, 2/BXD, 3/BXD, 4/BXD")
    'Sở Xây dựng 12/SXD-QLXD; 1/BXD, 2/BXD, 3/BXD, 4/BXD'
    """
    rule = _rules()["acronyms"]
    seen = Counter(m.group(0) for m in _ACRONYM.finditer(text + "\n" + context))
    fixes = {}
    for a, n in seen.items():
        if len(a) < rule["min_inserted"]:
            continue
        near = [k for k, m in seen.items() if k != a and m >= max(rule["min_known"], rule["ratio"] * n)
                and _one_edit(a, k) and (len(a) == len(k) + 1 or len(a) >= rule["min_changed"])]
        if len(near) == 1:
            fixes[a] = near[0]
    if not fixes:
        return text
    return _ACRONYM.sub(lambda m: fixes.get(m.group(0), m.group(0)), text)


def _cased(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[0].isupper():
        return word[0].upper() + word[1:]
    return word


def fix_tones(text: str) -> str:
    """
    >>> fix_tones("TĨNH LÀO CAI; Sở Công Thương tô chức thực hiện; thuộc thâm quyên quản lý; giữ môi trường yên tĩnh")
    'TỈNH LÀO CAI; Sở Công Thương tổ chức thực hiện; thuộc thẩm quyền quản lý; giữ môi trường yên tĩnh'
    """
    lex = lexicon()
    rule = _rules()["tones"]
    need, share = rule["min_pairs"], rule["min_share"]
    ws = words(text)
    low = [w.lower() for _, _, w, _ in ws]
    fixed = list(low)

    def cands(i: int) -> list[str]:
        return lex.by_key.get(tone_key(low[i]), [])

    def sides(i: int, c: str) -> tuple[int, int, bool]:
        """How often the lexicon saw ``c`` after the word before and before the word after (or a reading of it),
        and whether one of them is a strong bond: seen ``need`` times and in ``share`` of the neighbour's uses."""
        left = right = 0
        strong = False
        if i > 0 and ws[i][3]:
            left = lex.pair(fixed[i - 1], c)
            strong |= left >= need and left >= share * lex.unigrams.get(fixed[i - 1], 1)
        if i + 1 < len(ws) and ws[i + 1][3]:
            for n in {low[i + 1], *cands(i + 1)}:
                r = lex.pair(c, n)
                right = max(right, r)
                strong |= r >= need and r >= share * lex.unigrams.get(n, 1)
        return left, right, strong

    out, last = [], 0
    for i, (a, b, w, _) in enumerate(ws):
        options = cands(i)
        if not options or options == [low[i]]:
            continue
        now = sides(i, low[i])
        if now[0] or now[1]:
            continue  # the lexicon has seen the word as read next to these neighbours: it stays
        scored = [(sides(i, c), lex.unigrams.get(c, 0), c) for c in options if c != low[i]]
        unknown = low[i] not in lex.unigrams  # 'đên', 'câp': no such word; a reading seen next to a neighbour will do
        good = [(s[0] + s[1], n, c) for s, n, c in scored if s[2] or (unknown and s[0] + s[1] >= need)]
        if not good:
            continue
        best = max(good)[2]
        fixed[i] = best
        out.append(text[last:a] + _cased(best, w))
        last = b
    return "".join(out) + text[last:] if out else text


_CODE_CUT = re.compile(r"(\d[\w/.]*/[\w\-/]*[A-ZĐ]-)[ \t]*\n[ \t]*([A-ZĐ][\w\-]*)[ \t]*")
_WORD_CUT = re.compile(r"([^\W\d_]{2,})-[ \t]*\n[ \t]*([^\W\d_]{2,})[ \t]*")


def fix_line_ends(text: str, context: str = "") -> str:
    """
    >>> fix_line_ends("số 1074/QĐ-\\nBXD ngày 29/6; Inter-\\nnet và Internet; kinh tế-\\nxã hội")
    'số 1074/QĐ-BXD\\nngày 29/6; Internet\\nvà Internet; kinh tế-\\nxã hội'
    """
    text = _CODE_CUT.sub(lambda m: m.group(1) + m.group(2) + "\n", text)
    whole = set(re.findall(r"[^\W\d_]+", text + "\n" + context))
    return _WORD_CUT.sub(lambda m: m.group(1) + m.group(2) + "\n" if m.group(1) + m.group(2) in whole else m.group(0),
                         text)


def clean_ocr_text(text: str, context: str = "") -> str:
    """The OCR text (a page, or the OCR pages of a document joined) with every rule applied (see the module's doc);
    ``context`` is the rest of the document (pages with a text layer), which the document-wide rules (acronyms,
    words cut at a line's end) also count."""
    text = unicodedata.normalize("NFC", text)
    for rule in (fix_characters, fix_item_markers, fix_glued_numbers, fix_digits, fix_labels, fix_case):
        text = rule(text)
    text = fix_acronyms(text, context)
    text = fix_tones(text)
    return fix_line_ends(text, context)
