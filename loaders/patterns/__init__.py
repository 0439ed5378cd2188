"""Pattern data (JSON with examples) used by the extraction rules.

>>> "so_fields" in load("agencies")
True
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Load ``loaders/patterns/<name>.json`` (shipped as package data)."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def phrase(key: str) -> re.Pattern[str]:
    """The compiled regular expression of a phrase in ``tasks.json`` (``phrases.<key>.pattern``).

    >>> bool(phrase("support_mark").match(" (phối hợp) thực hiện"))
    True
    """
    return re.compile(load("tasks")["phrases"][key]["pattern"])


try:  # the parser the re module itself uses (re._parser from 3.11, sre_parse before)
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# letters whose case-blind match in `re` is not what str.lower() gives: 'İ' lower-cases to two characters, 'ı' and
# 'ſ' match 'i' and 's' without lower-casing to them; a text holding one is tested by the pattern itself
_LOWER_UNSAFE = ("\u0130", "\u0131", "\u017f")
# (in a pattern, these and 'µ', which also matches Greek 'μ', are no required word's letters)
_PATTERN_UNSAFE = frozenset("\u0130\u0131\u017f\u00b5")


def _safe_letter(ch: str) -> bool:
    """Latin and Vietnamese letters, digits, spaces and ASCII signs: case-blind equal exactly when str.lower() is."""
    o = ord(ch)
    return (o < 0x250 or 0x1EA0 <= o <= 0x1EF9) and ch not in _PATTERN_UNSAFE


def _required(items, ignorecase: bool) -> list[str] | None:
    """Strings one of which every match of the parsed sequence ``items`` contains, or None when none is known."""
    c = _sre_parse  # (op names from the parser's own constants)
    candidates: list[list[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(["".join(run)])
            run = []
        found = None
        if op is c.SUBPATTERN and not (av[1] | av[2]) & c.SRE_FLAG_IGNORECASE:
            found = _required(av[3].data, ignorecase)
        elif op is c.BRANCH:
            alts = [_required(b.data, ignorecase) for b in av[1]]
            found = None if any(a is None for a in alts) else [s for a in alts for s in a]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            found = _required(av[2].data, ignorecase)
        if found:
            candidates.append(found)
    if run:
        candidates.append(["".join(run)])
    candidates = [k for k in candidates if all(s.strip() for s in k)
                  and (not ignorecase or all(_safe_letter(ch) for s in k for ch in s))]
    if not candidates:
        return None
    best = max(candidates, key=lambda k: min(len(s) for s in k))  # the most telling: its shortest string longest
    return [s.lower() for s in best] if ignorecase else best


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``pattern`` contains (lower-cased when it is case-blind), or None
    when the pattern has no such strings: a text with none of them needs no search (see :func:`may_match`).

    >>> required_words(re.compile(r"gia hạn\\b[^.;]*?(?:đến|tới)\\s+ngày", re.I))
    ('gia hạn',)
    >>> required_words(re.compile(r"^(?:Báo cáo\\s+)?kết quả\\b|\\bđã hoàn thành\\b|(?:thay|bãi) bỏ"))
    ('kết quả', 'đã hoàn thành', 'thay', 'bãi')
    >>> required_words(re.compile(r"\\d+|xong")) is None
    True
    """
    try:
        found = _required(_sre_parse.parse(pattern.pattern, pattern.flags).data, bool(pattern.flags & re.I))
    except Exception:  # pragma: no cover - a parser of another Python version: no shortcut, the search decides
        return None
    if not found:
        return None
    found = list(dict.fromkeys(found))
    # (a word that holds another is found only where that one is: the shorter suffices)
    return tuple(w for w in found if not any(v != w and v in w for v in found))


def may_match(text: str, words: tuple[str, ...] | None, ignorecase: bool) -> bool:
    """False only when ``text`` holds none of ``words`` (from :func:`required_words`), so the pattern cannot match.

    >>> w = required_words(re.compile(r"\\bthay thế\\b", re.I))
    >>> may_match("Quyết định này THAY THẾ …", w, True), may_match("Quyết định này có hiệu lực", w, True)
    (True, False)
    """
    if words is None:
        return True
    low = text.lower() if ignorecase else text
    for w in words:
        if w in low:
            return True
    return ignorecase and any(ch in text for ch in _LOWER_UNSAFE)


_PREFIXES_MAX = 64  # strings a pattern's start is spelled with at most (more: the engine's own search is used)


def _starts(items, ignorecase: bool) -> tuple[list[str], bool] | None:
    """The strings one of which every match of the parsed sequence ``items`` starts with, and whether they are the
    whole of it (every item read as literal text); None when a match may start with something else."""
    c = _sre_parse
    items = list(items)
    acc = [""]
    for idx, (op, av) in enumerate(items):
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            # an optional part ('(?:các\\s+)?'): a match starts with it, or with what follows it
            sub, rest = _starts(av[2].data, ignorecase), _starts(items[idx + 1:], ignorecase)
            if sub is None or rest is None:
                return (acc, False) if all(acc) else None
            (ss, sw), (rs, rw) = sub, rest
            nxt = ([s + r for s in ss for r in rs] if sw else ss) + rs
            whole = sw and rw
            if not whole and not all(nxt):
                return (acc, False) if all(acc) else None
            acc = [a + s for a in acc for s in nxt]
            if len(acc) > _PREFIXES_MAX:
                return None
            return acc, whole
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # (zero-width: the text at the start is the same)
        if op is c.LITERAL:
            if ignorecase and not _safe_letter(chr(av)):
                return (acc, False) if all(acc) else None
            acc = [a + (chr(av).lower() if ignorecase else chr(av)) for a in acc]
            continue
        if op is c.IN and all(o is c.LITERAL for o, _ in av):
            chars = [chr(v) for _, v in av]
            if ignorecase and not all(_safe_letter(ch) for ch in chars):
                return (acc, False) if all(acc) else None
            acc = [a + ch for a in acc for ch in dict.fromkeys(ch.lower() if ignorecase else ch for ch in chars)]
            if len(acc) > _PREFIXES_MAX:
                return None
            continue
        found = None
        if op is c.SUBPATTERN and not (av[1] | av[2]) & c.SRE_FLAG_IGNORECASE:
            found = _starts(av[3].data, ignorecase)
        elif op is c.BRANCH:
            alts = [_starts(b.data, ignorecase) for b in av[1]]
            if all(a is not None for a in alts):
                found = ([s for a, _ in alts for s in a], all(whole for _, whole in alts))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1 and (sub := _starts(av[2].data, ignorecase)) is not None:
            found = (sub[0], False)  # (one time at least: a match starts with it; how often is not known)
        if found is None:
            return (acc, False) if all(acc) else None
        nxt, whole = found
        if not all(nxt) and not whole:
            return (acc, False) if all(acc) else None
        acc = [a + s for a in acc for s in nxt]
        if len(acc) > _PREFIXES_MAX:
            return None
        if not whole:
            return (acc, False) if all(acc) else None
    return acc, True


def literal_starts(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``pattern`` starts with (read from the parsed pattern, leading
    look-behinds and anchors skipped), or None when a match may start otherwise (a character class, a repeat, an
    inline case-blind part). The shortest that suffice: none is the start of another. Lower-cased for a case-blind
    pattern (whose starts are then Latin and Vietnamese letters, digits, spaces and signs only: see may_match).

    >>> literal_starts(re.compile(r"(?<![\\w])(?:[Bb]áo cáo|gửi(?:\\s+về)?|(?<!hoặc )đề xuất)\\s"))
    ('Báo cáo', 'báo cáo', 'gửi', 'đề xuất')
    >>> literal_starts(re.compile(r"(?<![\\w])(?:Trước|trong)\\s", re.I))
    ('trước', 'trong')
    >>> literal_starts(re.compile(r"\\s*phối hợp")) is None, literal_starts(re.compile("µg", re.I)) is None
    (True, True)
    """
    try:
        found = _starts(_sre_parse.parse(pattern.pattern, pattern.flags).data, bool(pattern.flags & re.I))
    except Exception:  # pragma: no cover - a parser of another Python version: no shortcut
        return None
    if found is None or not found[0] or not all(found[0]):
        return None
    ss = sorted(set(found[0]), key=len)
    out: list[str] = []
    for s in ss:
        if not any(s.startswith(t) for t in out):
            out.append(s)
    return tuple(sorted(out, key=found[0].index))


class StartSearch:
    """``finditer`` and ``search`` of a compiled pattern that try it only where one of the literal strings its
    matches start with stands (:func:`literal_starts`, found with ``str.find``), with the same matches as the pattern's
    own: for a pattern opening with a look-behind ('(?<![\\w])giao') the engine cannot skip ahead to a first letter
    and tries every position. A pattern without such strings, or one that may match empty text, is searched as it is.

    >>> rx = StartSearch(re.compile(r"(?<![\\w])(?:[Gg]iao|yêu cầu)\\s"))
    >>> [m.span() for m in rx.finditer("Giao Sở Y tế; Sở Nội vụ giao yêu cầu nhiệm vụ; (gõ liền) bàngiao xong")]
    [(0, 5), (24, 29), (29, 37)]
    >>> rx.search("bàngiao xong") is None, rx.search("yêu cầu Sở Y tế").span()
    (True, (0, 8))
    """

    __slots__ = ("regex", "pattern", "starts", "_lower")

    def __init__(self, pattern: re.Pattern[str]):
        self.regex = pattern  # the pattern itself (its matches are the ones given)
        self.pattern = pattern.pattern
        self._lower = bool(pattern.flags & re.I)  # (case-blind: the starts are looked for in the lower-cased text)
        starts = literal_starts(pattern)
        try:
            empty = _sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0
        except Exception:  # pragma: no cover
            empty = True
        self.starts = None if empty else starts

    def _candidates(self, text: str, pos: int, endpos: int) -> list[int] | None:
        if self._lower:
            # (lower-casing keeps every position but for 'İ'; with it, 'ı' or 'ſ' the pattern decides: see may_match)
            if any(ch in text for ch in _LOWER_UNSAFE):
                return None
            text = text.lower()
        at: set[int] = set()
        for s in self.starts:
            k = text.find(s, pos, endpos)
            while k >= 0:
                at.add(k)
                k = text.find(s, k + 1, endpos)
        return sorted(at)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """The pattern's ``finditer(text, pos, endpos)``: the same matches, in order."""
        end = len(text) if endpos is None else min(endpos, len(text))
        candidates = None if self.starts is None else self._candidates(text, pos, end)
        if candidates is None:
            yield from self.regex.finditer(text, pos, end)
            return
        last = pos
        match = self.regex.match
        for k in candidates:
            if k < last:
                continue
            m = match(text, k, end)
            if m is not None:
                last = m.end()
                yield m

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        """The pattern's ``search(text, pos, endpos)``."""
        return next(self.finditer(text, pos, endpos), None)
