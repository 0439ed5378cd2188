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
