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


def table(headers: Sequence[str], rows: Iterable[Sequence[object]],
          max_widths: dict[int, int] | None = None, truncate_cols: Iterable[int] = ()) -> str:
    """Render rows under headers, columns separated by `` | ``.

    A cell is a value (``None`` shows as ``—``) or a list of values, one per line.
    ``max_widths`` maps a column index to its widest allowed width; longer cells wrap
    onto extra lines, or are cut with ``…`` for columns listed in ``truncate_cols``.
    """
    max_widths = max_widths or {}
    cut = set(truncate_cols)
    cells: list[list[list[str]]] = []  # row -> column -> lines
    for row in rows:
        out_row = []
        for i, value in enumerate(row):
            limit = max_widths.get(i)
            if isinstance(value, (list, tuple)):  # one item per line
                items = [clean(v) for v in value] or [EMPTY]
                if i in cut:
                    items = [clean("; ".join(items))]
            else:
                items = [clean(value)]
            lines: list[str] = []
            for s in items:
                if limit is None:
                    lines.append(s)
                elif i in cut:
                    lines.append(truncate(s, limit))
                else:
                    lines.extend(wrap(s, limit))
            out_row.append(lines)
        cells.append(out_row)
    n = len(headers)
    widths = [width(h) for h in headers]
    for row in cells:
        for i, lines in enumerate(row[:n]):
            widths[i] = max(widths[i], *(width(x) for x in lines))
    out = [_join([pad(h, widths[i]) for i, h in enumerate(headers)])]
    out.append("-+-".join("-" * w for w in widths))
    for row in cells:
        height = max((len(c) for c in row), default=1)
        for k in range(height):
            parts = [pad(row[i][k] if i < len(row) and k < len(row[i]) else "", widths[i]) for i in range(n)]
            out.append(_join(parts))
    return "\n".join(out)


def _join(parts: list[str]) -> str:
    return " | ".join(parts).rstrip()


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
