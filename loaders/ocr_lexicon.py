"""The word lexicon that OCR clean-up (:mod:`loaders.ocr_clean`) trusts for tone marks.

Tesseract's Vietnamese model often loses or swaps a tone mark on a vowel that already has a circumflex, breve or
horn (``tổ chức`` read ``tô chức``, ``thẩm quyền`` read ``thâm quyên``, ``TỈNH`` read ``TĨNH``). Which of the
words that differ only by their tone was meant is read from a lexicon of correctly typed directives: how often
each word and each pair of neighbouring words occurs (``loaders/patterns/ocr_lexicon.json``). A word is changed
only when the lexicon knows the other reading next to the same neighbours and has never seen the word read there.

The lexicon is built from text, never from OCR output, by ``python -m loaders.ocr_lexicon OUT.json FILE…``; the
shipped one is built from the sample notices and the typed fixtures (``tests/fixtures/extra13/texts/01…10``,
``examples/notices``, ``tests/fixtures/{header,levels,implements,followups,gold,copies}``), never from the
documents the OCR tests read back (extra 11, 12, 13).

>>> tone_key("tổ"), tone_key("TĨNH"), tone_key("quyền")
('tô', 'tinh', 'quyên')
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

from . import patterns

__all__ = ["tone_key", "words", "Lexicon", "lexicon", "build"]

_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))  # grave, acute, tilde, hook above, dot below
_WORD = re.compile(r"[^\W\d_]+")
_GAP = re.compile(r"[ \t]*\n?[ \t]*")  # two words are neighbours when only spaces and one line break part them
MIN_COUNT = 2  # words and pairs seen fewer times are left out of the shipped lexicon


def tone_key(word: str) -> str:
    """The word in lower case without its tone mark (circumflex, breve, horn and đ stay): the words OCR confuses
    share it."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word.lower()).translate(_TONES))


def words(text: str) -> list[tuple[int, int, str, bool]]:
    """The words of ``text``: (start, end, word, whether it follows the previous word with only spaces between)."""
    out = []
    prev_end = None
    for m in _WORD.finditer(text):
        joined = prev_end is not None and _GAP.fullmatch(text, prev_end, m.start()) is not None
        out.append((m.start(), m.end(), m.group(0), joined))
        prev_end = m.end()
    return out


class Lexicon:
    """Word and pair counts (lower case), and the words of each tone key."""

    def __init__(self, unigrams: dict[str, int], bigrams: dict[str, int]):
        self.unigrams = unigrams
        self.bigrams = bigrams
        self.by_key: dict[str, list[str]] = {}
        for w in unigrams:
            self.by_key.setdefault(tone_key(w), []).append(w)

    def pair(self, a: str, b: str) -> int:
        return self.bigrams.get(f"{a} {b}", 0)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon, with the phrases of ``ocr.json`` (``tones.phrases``) counted ``phrase_weight`` times each."""
    data = patterns.load("ocr_lexicon")
    tones = patterns.load("ocr")["tones"]
    extra = build(tones["phrases"], min_count=1)
    uni, big = dict(data["unigrams"]), dict(data["bigrams"])
    for mine, theirs in ((uni, extra["unigrams"]), (big, extra["bigrams"])):
        for k, n in theirs.items():
            mine[k] = mine.get(k, 0) + n * tones["phrase_weight"]
    return Lexicon(uni, big)


def build(texts: list[str], min_count: int = MIN_COUNT) -> dict:
    """Word and neighbour-pair counts of ``texts`` (NFC, lower case), those seen at least ``min_count`` times."""
    uni: Counter = Counter()
    big: Counter = Counter()
    for text in texts:
        prev = None
        for _, _, w, joined in words(unicodedata.normalize("NFC", text)):
            w = w.lower()
            uni[w] += 1
            if prev is not None and joined:
                big[f"{prev} {w}"] += 1
            prev = w
    return {"$comment": __doc__.split("\n\n")[2].replace("\n", " "),
            "unigrams": dict(sorted((w, n) for w, n in uni.items() if n >= min_count)),
            "bigrams": dict(sorted((w, n) for w, n in big.items() if n >= min_count))}


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m loaders.ocr_lexicon OUT.json FILE...", file=sys.stderr)
        return 2
    data = build([Path(p).read_text(encoding="utf-8") for p in argv[1:]])
    Path(argv[0]).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(data['unigrams'])} words, {len(data['bigrams'])} pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
