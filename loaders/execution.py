"""Who executes a decision: the closing article of a Quyết định (Nghị định, Thông tư …).

``Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các Sở …, Chủ tịch UBND các xã … chịu trách
nhiệm thi hành Quyết định này.`` names the bodies responsible for executing the decision. It
is not a task (the annotation guide: a generic formula assigns nothing of its own); the graph
stores it as a relation of its own (``RESPONSIBLE_FOR_EXECUTING``). The formulas and the
post words that open each name are data (``loaders/patterns/execution.json``).

>>> find_executors("Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh; "
...                "Giám đốc Sở Tài chính và Chủ tịch UBND các xã chịu trách nhiệm thi hành Quyết định này./.")
['Chánh Văn phòng UBND tỉnh', 'Giám đốc Sở Tài chính', 'Chủ tịch UBND các xã']
>>> find_executors("Giao Sở Y tế chủ trì thực hiện.")
[]
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import patterns

_CHEAP = ("thi hành",)  # every closing formula says it: texts without it are not scanned


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, list[re.Pattern], re.Pattern]:
    data = patterns.load("execution")
    closing = re.compile("|".join(f"(?:{c['pattern']})" for c in data["closings"]))
    lead_ins = [re.compile(l["pattern"]) for l in data["lead_ins"]]
    posts = sorted({p["word"] for p in data["posts"]}, key=len, reverse=True)
    split = re.compile(r"\s*(?:;|,|\bvà\b)\s+(?=(?:" + "|".join(re.escape(p) for p in posts) + r")\b)|\s*;\s*")
    return closing, lead_ins, split


def _posts() -> set[str]:
    return {p["word"] for p in patterns.load("execution")["posts"]}


def find_executors(body: str) -> list[str]:
    """Names of those the closing article makes responsible for executing the document, in order.

    ``body``: the document's text (paragraphs joined by newlines). Empty when it has no such article.

    >>> find_executors("Điều 3. Chánh Văn phòng Ủy ban nhân dân Thành phố; Giám đốc, Thủ trưởng các Sở, ban, "
    ...                "ngành Thành phố, Chủ tịch Ủy ban nhân dân các xã, phường và các đơn vị, cá nhân có liên "
    ...                "quan chịu trách nhiệm thi hành Quyết định này.")  # doctest: +NORMALIZE_WHITESPACE
    ['Chánh Văn phòng Ủy ban nhân dân Thành phố', 'Giám đốc, Thủ trưởng các Sở, ban, ngành Thành phố',
     'Chủ tịch Ủy ban nhân dân các xã, phường', 'các đơn vị, cá nhân có liên quan']
    """
    if not any(w in body for w in _CHEAP):
        return []
    closing, lead_ins, split = _rules()
    out: list[str] = []
    for m in closing.finditer(body):
        # the clause starts after the last sentence end, article number or line break before the formula
        head = body[:m.start()]
        cut = max(head.rfind("\n"), *(head.rfind(p) for p in (". ", "./")))
        clause = head[cut + 1:].strip()
        for rx in lead_ins:
            clause = rx.sub("", clause)
        pieces = [p.strip(" ,;:.") for p in split.split(clause) if p and p.strip(" ,;:.")]
        merged: list[str] = []
        posts = _posts()
        for p in pieces:
            if merged and merged[-1] in posts:  # 'Giám đốc, Thủ trưởng các Sở …': a bare post shares the next name
                merged[-1] = f"{merged[-1]}, {p}"
            else:
                merged.append(p)
        for p in merged:
            if p not in out:
                out.append(p)
    return out
