"""Files an office opens: ``.xlsx`` (openpyxl; Vietnamese headers, column widths, dates as dates) and CSV with a
UTF-8 BOM for Excel (the command line's ``--csv`` stays plain UTF-8 for machines).

>>> cell_value("2026-06-01"), cell_value("2026-06"), cell_value(["a", "b"])
(datetime.date(2026, 6, 1), '2026-06', 'a; b')
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any, Sequence

from kg.sanitize import csv_cell, printable

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def cell_value(v: Any) -> Any:
    """A value as a spreadsheet cell: a full ISO day becomes a date, a list is joined with '; '."""
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v if x is not None)
    if isinstance(v, dt.datetime):
        return v
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str) and _ISO_DAY.match(v):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return v
    return v


def xlsx_bytes(rows: list[dict], columns: Sequence[tuple[str, str]], sheet: str = "Danh sách") -> bytes:
    """An .xlsx workbook of ``rows`` under Vietnamese headers (``columns``: (key, header)), widths fitted, dates
    as dates (shown dd/mm/yyyy), the header row frozen and filterable. Text that would start a formula is
    kept as text (openpyxl writes strings as strings; a leading '=' is escaped by :func:`_text`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([h for _, h in columns])
    for c in ws[1]:
        c.font = Font(bold=True)
    widths = [len(h) for _, h in columns]
    for r in rows:
        values = [_text(cell_value(r.get(k))) for k, _ in columns]
        ws.append(values)
        for i, v in enumerate(values):
            cell = ws.cell(row=ws.max_row, column=i + 1)
            if isinstance(v, dt.date):
                cell.number_format = "DD/MM/YYYY"
                widths[i] = max(widths[i], 10)
            else:
                widths[i] = max(widths[i], min(60, len(str(v)) if v is not None else 0))
                if isinstance(v, str) and len(v) > 60:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(8, w + 2)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text(v: Any) -> Any:
    if isinstance(v, str):
        v = printable(v)
        if v[:1] in ("=", "+", "-", "@"):
            return "'" + v
    return v


def csv_bom(rows: list[dict], columns: Sequence[tuple[str, str]]) -> bytes:
    """CSV with a UTF-8 BOM and Vietnamese headers, cells escaped as the command line's CSV (``csv_cell``)."""
    import csv

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([h for _, h in columns])
    for r in rows:
        w.writerow([csv_cell(cell_value(r.get(k)) if r.get(k) is not None else "") for k, _ in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
