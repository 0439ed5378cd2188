"""Plain-text tables for terminal output (Vietnamese-aware, no dependencies).

Widths are measured on NFC text: precomposed Vietnamese letters are one column each,
combining marks take none and East Asian wide characters take two, so columns line up
whether or not the input was normalised.

>>> print(table(["Số hiệu", "Loại"], [["24-NQ/TU", "Nghị quyết"]]))
Số hiệu  | Loại
---------+-----------
24-NQ/TU | Nghị quyết
"""

from __future__ import annotations

import unicodedata
from typing import Iterable, Sequence

from kg.sanitize import printable

ELLIPSIS = "…"
EMPTY = "—"


def clean(value: object) -> str:
    """One-line NFC text for a cell, without control characters; None and empty become ``—``."""
    if value is None:
        return EMPTY
    s = " ".join(printable(unicodedata.normalize("NFC", str(value))).split())
    return s or EMPTY


def width(s: str) -> int:
    """Columns the string takes in a terminal."""
    w = 0
    for c in s:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return w


def _take(s: str, limit: int) -> str:
    """Longest prefix of ``s`` at most ``limit`` columns wide."""
    w = 0
    for i, c in enumerate(s):
        w += width(c)
        if w > limit:
            return s[:i]
    return s


def truncate(s: str, limit: int) -> str:
    """Cut ``s`` to at most ``limit`` columns, ending with ``…`` when cut."""
    if width(s) <= limit:
        return s
    return _take(s, max(0, limit - 1)).rstrip() + ELLIPSIS


def wrap(s: str, limit: int) -> list[str]:
    """Break ``s`` into lines of at most ``limit`` columns, at spaces when possible."""
    if width(s) <= limit:
        return [s]
    lines, cur = [], ""
    for word in s.split(" "):
        while width(word) > limit:  # a word longer than the column: hard break
            if cur:
                lines.append(cur)
                cur = ""
            head = _take(word, limit) or word[:1]
            lines.append(head)
            word = word[len(head):]
        cand = f"{cur} {word}" if cur else word
        if width(cand) <= limit:
            cur = cand
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


def pad(s: str, w: int) -> str:
    return s + " " * max(0, w - width(s))


SEP = " | "
MIN_COLUMN = 4  # narrowest a column is squeezed to when fitting a width; never below the longest word of its header
WORD_FLOOR = 10  # nor below its longest word up to this width: ids (NV-e42617) and dates (2026-06-10) stay whole


def fit_widths(natural: Sequence[int], floors: Sequence[int], total: int | None,
               flexible: Iterable[int] = (), soft_floor: int = 16) -> list[int]:
    """Column widths within ``total`` columns (separators included). The ``flexible`` columns (long texts) give
    way first, the widest one column at a time, down to ``soft_floor``; then every column, down to its floor. When
    even the floors do not fit: the floors.

    >>> fit_widths([9, 20, 60], [6, 6, 6], 60)
    [9, 20, 25]
    >>> fit_widths([9, 30, 60], [6, 6, 6], 60, flexible=[2])
    [9, 29, 16]
    >>> fit_widths([9, 20, 60], [6, 6, 6], None)
    [9, 20, 60]
    """
    widths = list(natural)
    if total is None:
        return widths
    budget = total - len(SEP) * (len(widths) - 1)
    for group, floor_of in ((set(flexible), lambda k: max(floors[k], min(natural[k], soft_floor))),
                            (set(range(len(widths))), lambda k: floors[k])):
        while sum(widths) > budget:
            cands = [k for k in group if widths[k] > floor_of(k)]
            if not cands:
                break
            widths[max(cands, key=lambda k: (widths[k], k))] -= 1
    return widths


def table(headers: Sequence[str], rows: Iterable[Sequence[object]],
          max_widths: dict[int, int] | None = None, truncate_cols: Iterable[int] = (),
          total_width: int | None = None, flexible: Iterable[int] | None = None) -> str:
    """Render rows under headers, columns separated by `` | ``.

    A cell is a value (``None`` shows as ``—``) or a list of values, one per line.
    ``max_widths`` maps a column index to its widest allowed width; longer cells wrap
    onto extra lines, or are cut with ``…`` for columns listed in ``truncate_cols``.
    ``total_width`` (a terminal's width): columns are narrowed further, and their cells and headers wrapped,
    until every line fits in it as far as each column's floor allows; the ``flexible`` ones (default: those in
    ``max_widths``, the long texts) give way first.

    >>> print(table(["Mã", "Nội dung"], [["NV-1", "Báo cáo kết quả thực hiện về UBND tỉnh"]], total_width=24))
    Mã   | Nội dung
    -----+------------------
    NV-1 | Báo cáo kết quả
         | thực hiện về UBND
         | tỉnh
    """
    max_widths = max_widths or {}
    cut = set(truncate_cols)
    n = len(headers)
    raw: list[list[list[str]]] = []  # row -> column -> items (a list cell: one per line)
    for row in rows:
        out_row = []
        for i, value in enumerate(row):
            if isinstance(value, (list, tuple)):
                items = [clean(v) for v in value] or [EMPTY]
                if i in cut:
                    items = [clean("; ".join(items))]
            else:
                items = [clean(value)]
            out_row.append(items)
        raw.append(out_row)
    natural = [width(h) for h in headers]
    for row in raw:
        for i, items in enumerate(row[:n]):
            natural[i] = max(natural[i], *(width(x) for x in items))
    natural = [min(w, max_widths[i]) if i in max_widths else w for i, w in enumerate(natural)]
    floors = [min(natural[i], max(MIN_COLUMN, *(width(w) for w in clean(h).split()),
                                  *(min(width(w), WORD_FLOOR) for row in raw if i < len(row) for x in row[i]
                                    for w in x.split())))
              for i, h in enumerate(headers)]
    limits = fit_widths(natural, floors, total_width, max_widths if flexible is None else flexible)
    cells: list[list[list[str]]] = []
    for row in raw:
        out_row = []
        for i, items in enumerate(row):
            limit = limits[i] if i < n else None
            lines: list[str] = []
            for s in items:
                if limit is None or width(s) <= limit:
                    lines.append(s)
                elif i in cut:
                    lines.append(truncate(s, limit))
                else:
                    lines.extend(wrap(s, limit))
            out_row.append(lines)
        cells.append(out_row)
    head = [wrap(clean(h), limits[i]) for i, h in enumerate(headers)]
    widths = [max(width(x) for x in lines) for lines in head]
    for row in cells:
        for i, lines in enumerate(row[:n]):
            widths[i] = max(widths[i], *(width(x) for x in lines))
    out = []
    for k in range(max(len(h) for h in head)):
        out.append(_join([pad(h[k] if k < len(h) else "", widths[i]) for i, h in enumerate(head)]))
    out.append("-+-".join("-" * w for w in widths))
    for row in cells:
        height = max((len(c) for c in row), default=1)
        for k in range(height):
            parts = [pad(row[i][k] if i < len(row) and k < len(row[i]) else "", widths[i]) for i in range(n)]
            out.append(_join(parts))
    return "\n".join(out)


def _join(parts: list[str]) -> str:
    return SEP.join(parts).rstrip()


def fields(pairs: Iterable[tuple[str, object]], limit: int = 100) -> str:
    """Aligned ``Nhãn: giá trị`` lines; long values wrap under themselves."""
    pairs = [(clean(k), clean(v)) for k, v in pairs]
    if not pairs:
        return ""
    kw = max(width(k) for k, _ in pairs) + 1
    out = []
    for k, v in pairs:
        lines = wrap(v, max(20, limit - kw - 1))
        out.append(pad(k + ":", kw) + " " + lines[0])
        out.extend(" " * (kw + 1) + x for x in lines[1:])
    return "\n".join(out)
