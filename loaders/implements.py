"""What a document itself implements: ``Kế hoạch thực hiện Nghị quyết …`` in its title, or an
opening ``Thực hiện Nghị quyết …, UBND tỉnh ban hành Kế hoạch …``.

The result is a list of relations ``{"source": <own number>, "target": <cited number>,
"kind": "implements"}`` added to the record's ``relations``; the graph turns them into
``Document -[:IMPLEMENTS]-> Document`` from the document the record *is*, so its own
tasks join the trace of what it implements. A plain legal basis (``Căn cứ Luật …``) is not
implementation and gives nothing. Verbs and openings are data (``patterns/implements.json``).

>>> own_implements("141/KH-UBND", "Thực hiện Nghị quyết số 02/2026/NQ-HĐND về chính sách",
...                "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;", ["02/2026/NQ-HĐND", "72/2025/QH15"])
[{'source': '141/KH-UBND', 'target': '02/2026/NQ-HĐND', 'kind': 'implements'}]
>>> own_implements("5/KH-UBND", None, "Thực hiện Chỉ thị số 13/CT-TTg ngày 02/5/2024 của Thủ tướng Chính phủ và "
...                "Kế hoạch số 9/KH-BNN, UBND tỉnh ban hành Kế hoạch theo Quyết định số 1/QĐ-UBND", ["13/CT-TTg", "9/KH-BNN", "1/QĐ-UBND"])
[{'source': '5/KH-UBND', 'target': '13/CT-TTg', 'kind': 'implements'}, {'source': '5/KH-UBND', 'target': '9/KH-BNN', 'kind': 'implements'}]
>>> own_implements("7/KH-UBND", None, ["Căn cứ Luật số 72/2025/QH15;", "Thực hiện Kết luận số 226-KL/TW;"],
...                ["72/2025/QH15", "226-KL/TW"])
[{'source': '7/KH-UBND', 'target': '226-KL/TW', 'kind': 'implements'}]
>>> own_implements(None, "Thực hiện Nghị quyết số 02/2026/NQ-HĐND", None, ["02/2026/NQ-HĐND"])
[]
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import patterns


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, tuple[str, ...], re.Pattern]:
    d = patterns.load("implements")
    verbs = sorted((v["word"] for v in d["verbs"]), key=len, reverse=True)
    before = re.compile(r"(?:" + "|".join(re.escape(v) for v in verbs) + r")\s+[\wÀ-ỹ ]{0,30}?(?:số\s*)?$", re.I)
    openings = tuple(o["word"] for o in d["openings"])
    return before, openings, re.compile(d["main_clause"]["pattern"])


def own_implements(own_number: str | None, title: str | None, opening: str | list[str] | None,
                   cited: list[str]) -> list[dict]:
    """Relations from the document's own number to the cited numbers it implements (see module doc).

    ``opening``: the opening paragraph, or the paragraphs before the first numbered item (each one that
    starts with an opening word counts: a preamble may list ``Căn cứ …`` lines first).
    """
    if isinstance(opening, list):
        out: list[dict] = []
        for para in opening:
            for r in own_implements(own_number, title if not out else None, para, cited):
                if r not in out:
                    out.append(r)
        return out
    if not own_number or not cited:
        return []
    before, openings, main = _rules()
    targets: list[str] = []
    if title:
        for num in cited:
            i = title.find(num)
            if i > 0 and before.search(title[:i]):
                targets.append(num)
    if opening and opening.lstrip().startswith(openings):
        m = main.search(opening)
        head = opening[:m.start()] if m else opening
        targets += [num for num in cited if num in head]
    out = []
    for t in targets:
        if t != own_number and all(r["target"] != t for r in out):
            out.append({"source": own_number, "target": t, "kind": "implements"})
    return out
