"""What a later document says about an earlier one: it extends a deadline, replaces or repeals it, or reports
its tasks done. The rules are data (``loaders/patterns/followups.json``, with real example sentences); this
module only applies them, one sentence at a time, to the numbers the citation reader found.

>>> cits = [{"number": "141/KH-UBND"}]
>>> read_followups("UBND tỉnh đồng ý gia hạn thời gian thực hiện nhiệm vụ tại Kế hoạch số 141/KH-UBND ngày "
...                "16/4/2026 đến ngày 30/9/2026.", "", cits)
[{'kind': 'extends', 'target': '141/KH-UBND', 'deadline': '2026-09-30', 'text': 'UBND tỉnh đồng ý gia hạn thời gian thực hiện nhiệm vụ tại Kế hoạch số 141/KH-UBND ngày 16/4/2026 đến ngày 30/9/2026.'}]
>>> [f["kind"] for f in read_followups("Quyết định này thay thế Quyết định số 141/KH-UBND.", "", cits)]
['replaces']
>>> [f["kind"] for f in read_followups("Nội dung khác.", "Báo cáo kết quả thực hiện Kế hoạch số 141/KH-UBND", cits)]
['reports_done']
>>> read_followups("Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành.", "", cits)
[]
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .normalize import fold
from .patterns import StartSearch, load, may_match, required_words


@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, re.Pattern]]:
    return [(r["kind"], re.compile(r["regex"], re.I)) for r in load("followups")["rules"]]


@lru_cache(maxsize=1)
def _any_rule() -> StartSearch:
    """One pattern that matches where any rule matches (their alternation, group names dropped): a sentence it
    does not match is passed over with one search instead of one per rule, tried only where a rule's first words
    stand (:class:`~loaders.patterns.StartSearch`: the rules are case-blind, so a plain search tries every position)."""
    return StartSearch(re.compile("|".join("(?:%s)" % re.sub(r"\(\?P<\w+>", "(?:", r["regex"])
                                           for r in load("followups")["rules"]), re.I))


@lru_cache(maxsize=1)
def _any_rule_words() -> tuple[str, ...] | None:
    """Words one of which every rule's match holds (lower case), or None: a sentence without any is passed over
    without a search (the rules are case-blind, so a search tries every position)."""
    words = [required_words(rx) for _, rx in _rules()]
    return None if any(w is None for w in words) else tuple(dict.fromkeys(x for w in words for x in w))


_SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])")


def _sentences(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        for piece in _SENTENCE_BREAK.split(line):
            if piece.strip():
                out.append(piece.strip())
    return out


def _number_in(sentence: str, numbers: list[str], after: int = 0) -> str | None:
    """The cited number the sentence names (the first after the cue, else the first anywhere)."""
    folded = fold(sentence)
    hits = sorted((folded.find(fold(n)), n) for n in numbers if fold(n) in folded)
    later = [h for h in hits if h[0] >= after]
    return (later or hits or [(None, None)])[0][1]


def read_followups(body: str, title: str | None, citations: list[dict]) -> list[dict]:
    """Follow-ups in ``body`` (and the title, for a report on a document): ``kind`` (extends, replaces, repeals,
    reports_done), ``target`` (a cited number), ``deadline`` (ISO, for extends) and the sentence."""
    numbers = [c["number"] for c in citations if c.get("number")]
    if not numbers:
        return []
    out: list[dict] = []
    seen: set[tuple] = set()
    any_rule, words = _any_rule(), _any_rule_words()
    for sentence in ([title] if title else []) + _sentences(body):
        if not may_match(sentence, words, True) or not any_rule.search(sentence):
            continue
        for kind, rx in _rules():
            m = rx.search(sentence)
            if not m or (kind == "reports_done" and sentence != title and "đã hoàn thành" not in sentence):
                continue
            target = _number_in(sentence, numbers, m.start())
            if target is None:
                continue
            f = {"kind": kind, "target": target}
            if kind == "extends":
                try:
                    f["deadline"] = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
                except ValueError:
                    continue
            key = (kind, target, f.get("deadline"))
            if key in seen:
                continue
            seen.add(key)
            out.append({**f, "text": sentence})
            break
    return out
