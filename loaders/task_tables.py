"""Task tables: the annex of a Kế hoạch or Quyết định that gives its tasks as rows.

A task table is found by its header row (``TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
thực hiện``; column names are data in ``patterns/task_tables.json``). Its rows reach us in three layouts:

* ``cells``: one line per row, cells joined by `` | `` (Word tables, :mod:`loaders.office`) or a Markdown
  table (``| … | … |`` with a ``|---|`` rule); cell edges are counted, so a row that a cell of several
  paragraphs or a hard wrap spreads over lines is put back together;
* ``lines``: each cell on its own line (pdftotext, web exports), a row opened by its number (``1``, ``a)``);
  a cell cut by a page break ends the row (``… thẩm định`` / ``kết quả …``) and is put back.

Group rows (``I | Nhóm nhiệm vụ …`` or a number with no doer over lettered rows) give the topic and the
numbering path of the rows under them. Each row with a lead becomes one task in the shape
:func:`loaders.tasks.extract_tasks` gives, with ``reason`` ``table: <lead column>``.

>>> t = "KẾ HOẠCH\\nTT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\\n" \\
...     "1 | Xây dựng cơ sở dữ liệu đất đai | Sở Nông nghiệp và Môi trường | Sở Tài chính; UBND các xã | Quý III, IV/2026"
>>> [r.ref for r in find_task_tables(t)[0].rows], find_task_tables(t)[0].rows[0].supports
(['1'], ['Sở Tài chính', 'UBND các xã'])
>>> read_time_cell("Quý IV/2026, 2027").value, read_time_cell("Thường xuyên").recurrence["rule"]
('2027', 'continuous')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns
from .dates import TIME_EXPR, Recurrence, find_recurrence, last_day, value_of
from .normalize import LOWER, clean_line
from .orgs import ORG_START, canonical, is_generic, place_shorthand, scan_org

_P = patterns.load("task_tables")
_ROLE_OF: dict[str, str] = {n: c["role"] for c in _P["columns"] for n in c["names"]}
_NAMES = sorted(_ROLE_OF, key=len, reverse=True)
_QUARTERS = re.compile(_P["quarter_list"]["regex"])
_YEAR = re.compile(_P["year"]["regex"])
_MONTH_YEAR = re.compile(_P["month_year"]["regex"])
_MONTH_ALONE = re.compile(_P["month_alone"]["regex"])
_START_ONLY = re.compile(_P["start_only"]["regex"])
_MONTH_RANGE = re.compile(_P["month_range"]["regex"])
_YEAR_SPAN = re.compile(_P["year_span"]["regex"])  # '2024 - 2025': the period the work runs over, no deadline
_HALF_YEAR = re.compile(_P["half_year"]["regex"])
_NO_DOER = re.compile(_P["no_doer"]["regex"])
_SUPERIOR = {n.lower() for n in _P["superior_doers"]["names"]}
_RECUR = [(r["rule"], re.compile(r["regex"], re.I)) for r in _P["recurrence"]]
_ANNEX = re.compile(_P["annex"]["regex"])
_EXTRA_HEAD = re.compile(r"(?:%s)(?![\w])" % "|".join(re.escape(h["head"]) for h in _P["extra_heads"]))
_ROMAN_Q = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_MARKER = re.compile(r"^\s*(?P<lab>[IVX]{1,4}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s*[.)]?\s*$")
_TEXT_MARKER = re.compile(r"^\s*([IVX]{1,4}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s*[.)]\s+(?=\S)")
_RULE_ROW = re.compile(r"^[\s|:\-–]*-[\s|:\-–]*$")
_BR = re.compile(r"<br\s*/?>", re.I)
_CHEAP_HEADER = re.compile(r"chủ trì|thực hiện", re.I)
# a lead column's header cell somewhere in the text: a cheap test before any line is looked at
_LEAD_CELL = re.compile(r"(?:^|\|)[ \t*]*(?:%s)[ \t*]*(?:\([^)\n]*\))?[ \t*:]*(?:\||$)" % "|".join(
    re.escape(n) for n in sorted((n for n, r in _ROLE_OF.items() if r == "lead"), key=len, reverse=True)), re.I | re.M)
_TIME_WORDS = re.compile(r"(?:^|\s)(?:[Qq]uý|[Nn]ăm|[Tt]háng|[Nn]gày|[Tt]rước|[Đđ]ến|[Tt]ừ|[Gg]iai đoạn)\s|\d{4}|"
                         r"[Tt]hường xuyên|[Hh][aằà]ng (?:năm|quý|tháng|tuần)|[Ll]iên tục")
_CONTINUES_AFTER = re.compile(r"(?:[,;(\-–]|\bvà|\bcủa|\bvới|\bthuộc)\s*$")
_GROUP_START = re.compile(r"(?:[Cc]ác|[Cc]ơ quan|[Cc]ấp)\s")
_LOWER_START = re.compile(rf"^[{LOWER}]")
_NAME_SEP = re.compile(r"\s*,\s*(?:và\s+)?|\s+(?:và|cùng)\s+")
# bodies one under another, after ';', or as alternatives ('Vụ Kế hoạch - Tài chính/ Ban Quản lý quy hoạch')
_ALTERNATIVE = re.compile(r"\n|;|(?<=[^\W\d_])\s*/\s*(?=[A-ZĐÀ-Ỹ])|(?<=[^\W\d_]\s)/\s*(?=[A-ZĐÀ-Ỹ])")  # not '35/BCĐ'
_BULLET = re.compile(r"^\s*[-–•+*]\s*")
# pdftotext -layout: cells side by side, separated by runs of two or more spaces
_RUN = re.compile(r"\S+(?: \S+)*")
_SIDE_HEAD_WORDS = ("chủ trì", "phối hợp", "thực hiện")
# a header line printed side by side names the work or the time (the first word pair of such a column name:
# 'nhiệm vụ', 'thời gian'), or ends a doer's title
_SIDE_WORDS = re.compile("|".join(sorted({re.escape(" ".join(n.split()[:2])) for n, r in _ROLE_OF.items()
                                          if r in ("text", "deadline") and len(n) > 3} | set(_SIDE_HEAD_WORDS), key=len,
                                         reverse=True)), re.I)
_COL_NUMBERS = re.compile(r"^\s*\(?\d{1,2}\)?(?:\s+\(?\d{1,2}\)?)+\s*$")  # '(1)  (2)  (3)' under a header
_PAGE_NO = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_HEADING = re.compile(r"^\s*(?:[IVX]{1,4}|\d{1,2})\.\s+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,\-]{5,}$")
_CITE_VERB = re.compile(r"(?<![\w])(?:[Bb]áo cáo|[Tt]rình|[Gg]ửi(?: về)?)\s+")


# --- typed results ---------------------------------------------------------------------------------------

@dataclass
class Column:
    role: str  # ref | text | lead | support | deadline | product | group | note
    title: str  # as printed ('Cơ quan chủ trì')


@dataclass
class TimeCell:
    """What a row's time cell says: the deadline (the end of the period it names) or a repetition."""

    value: str | None  # '2026-Q4', '2027', '2024-08', or None
    text: str  # the cell as printed
    recurrence: dict | None = None  # {'rule': 'continuous', 'on': None, 'text': 'Thường xuyên'}


@dataclass
class TableRow:
    ref: str  # numbering path ('1.a', 'PL.2'); '' if the row has no number
    label: str  # the number as printed in its cell ('a)')
    text: str
    leads: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    deadline_phrase: str | None = None
    product: str | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # role -> [start, end) in the text
    unknown: set[str] = field(default_factory=set)  # names whose head the organisation scanner does not know
    group: bool = False  # a heading row over the rows below it
    group_cell: str | None = None  # the row's cell in a group column ('Nhóm nhiệm vụ'), merged down over its rows
    no_doer: bool = False  # the lead cell leaves the doer to a later decision ('Do Chủ tịch Hội đồng … quyết định')
    topic: str | None = None
    repaired: bool = False  # cells put back together after a page break or a guess


@dataclass
class TaskTable:
    start: int  # offset of the header row
    end: int  # offset just past the last row
    layout: str  # cells | lines
    columns: list[Column]
    rows: list[TableRow]
    annex: bool = False

    def covers(self, a: int, b: int) -> bool:
        """Does the range [a, b) lie mostly inside the table?"""
        inner = min(b, self.end) - max(a, self.start)
        return inner > 0 and inner * 2 >= max(1, b - a)

    def column(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)


# --- header --------------------------------------------------------------------------------------------

def _title_key(cell: str) -> str:
    return " ".join(clean_line(cell)[0].lower().replace("/ ", "/").split()).strip(" :.*")


def _exact_title(cell: str) -> bool:
    """Is the header cell exactly a column name (a parenthesised gloss aside), with nothing after it?"""
    c = _title_key(cell)
    return (re.sub(r"\s*\(.*$", "", c) or c) in _ROLE_OF


def column_role(cell: str) -> str | None:
    """The role a header cell names: 'Cơ quan chủ trì' -> 'lead'; None if it names none."""
    c = _title_key(cell)
    if not c or len(c) > 70 or re.search(r":\s*\S", c):
        return None  # 'Cơ quan chủ trì: Sở Nội vụ' is a label with its value, not a header cell
    c = re.sub(r"\s*\(.*$", "", c) or c  # 'nhiệm vụ (nội dung công việc)'
    for n in _NAMES:
        if c == n or (c.startswith(n) and not c[len(n)].isalnum() and len(c) - len(n) <= 30):
            return _ROLE_OF[n]
    return None


def _is_table_header(roles: list[str | None]) -> bool:
    """A task table's header: a text column and a lead column among three or more (one unnamed at most), or those two
    alone ('Cơ quan | Nhiệm vụ': each body, then its duties)."""
    return (len(roles) >= 3 and "lead" in roles and "text" in roles and "status" not in roles
            and sum(r is None for r in roles) <= 1) or sorted(r or "" for r in roles) == ["lead", "text"]


# --- lines and cells -----------------------------------------------------------------------------------

@dataclass
class _Line:
    start: int
    end: int
    text: str  # normalised line
    raw: str  # as printed (before markup was removed), for cell edges


@dataclass
class _Cell:
    text: str
    start: int
    end: int


def _lines(text: str, raw_lines: list[str] | None) -> list[_Line]:
    out, off = [], 0
    parts = text.split("\n")
    raw = raw_lines if raw_lines is not None and len(raw_lines) == len(parts) else parts
    for t, r in zip(parts, raw):
        out.append(_Line(off, off + len(t), t, r))
        off += len(t) + 1
    return out


def _md_header(lines: list[_Line], i: int) -> tuple[_Line, int]:
    """A Markdown header row cut by a hard wrap goes on until its closing '|': (the whole row, next index)."""
    ln, j = lines[i], i + 1
    while (ln.raw.startswith("|") and j < len(lines) and lines[j].raw.strip() and j - i <= 3
           and (not ln.raw.rstrip().endswith("|") or ("|" in lines[j].raw and not lines[j].raw.lstrip().startswith("|")))):
        nx = lines[j]
        ln = _Line(ln.start, nx.end, ln.text + " " + nx.text, ln.raw.rstrip() + " " + nx.raw.strip())
        j += 1
    return ln, j


def _wrap_sep(prev: str, nxt: str) -> str:
    """How a cell's next line joins it: a wrap inside a name ('Sở Nông' / 'nghiệp và Môi trường',
    'Sở Y tế, Sở' / 'Tài chính') joins with a space, a new paragraph of the cell (a new name) with a new line."""
    if (_LOWER_START.match(nxt) and not _GROUP_START.match(nxt)) or _incomplete("lead", prev):
        return " "
    return "\n"


def _is_pipe_row(ln: _Line) -> bool:
    r = ln.raw.strip()
    return " | " in ln.text or ("|" in r and (r.startswith("|") or r.endswith("|")))


def _cells(ln: _Line) -> list[_Cell]:
    """Cells of a table row line, empty ones kept, each located in the normalised line."""
    r = ln.raw.strip()
    if ln.raw.startswith("|") and r.endswith("|") and len(r) > 1:
        r = r[1:-1]  # Markdown edges (a Word row with an empty first cell starts ' | ')
    parts = [clean_line(_BR.sub("\n", p))[0] for p in r.split("|")]
    out, cur = [], 0
    for p in parts:
        p = "\n".join(" ".join(x.split()) for x in p.split("\n") if x.strip())  # '<br>' parts stay lines
        k = ln.text.find(p[:25], cur) if p else -1
        if k >= 0:
            out.append(_Cell(p, ln.start + k, ln.start + k + len(p)))
            cur = k + len(p)
        else:
            out.append(_Cell(p, ln.start + cur, ln.start + cur + len(p)))
    return out


def _join(a: _Cell | None, b: _Cell, sep: str = "\n") -> _Cell:
    if a is None or not a.text:
        return _Cell(b.text, b.start, b.end)
    if not b.text:
        return a
    return _Cell(a.text + sep + b.text, a.start, b.end)


# --- the time cell -------------------------------------------------------------------------------------

def read_time_cell(cell: str, default_year: int | None = None) -> TimeCell:
    """Read a row's time cell: the deadline is the END of the period named ('Quý III, IV/2026' -> 2026-Q4,
    'Quý IV/2026, 2027' -> 2027); 'Thường xuyên', 'Hằng năm' repeat (no deadline); a span of years ('2024 - 2025')
    is the period the work runs over (no deadline);
    a start alone ('Từ năm 2026') is no deadline."""
    text = " ".join(cell.split())
    if not text:
        return TimeCell(None, text)
    low = text[0].lower() + text[1:]
    rec = find_recurrence(text)
    if rec is None:
        rec = next((Recurrence(rule, None, text) for rule, rx in _RECUR if rx.search(text)), None)
    if rec is not None and rec.rule != "continuous":
        return TimeCell(None, text, rec.as_dict())  # 'Trước ngày 15/12 hằng năm', 'Quý IV hằng năm': it repeats
    if _YEAR_SPAN.match(text):
        return TimeCell(None, text)
    values: list[str] = []
    taken: list[tuple[int, int]] = []
    for m in _QUARTERS.finditer(low):
        qs = re.findall(r"IV|I{1,3}|[1-4]", m.group("qs"))
        values.append(f"{int(m.group('y')):04d}-Q{max(_ROMAN_Q[q] for q in qs)}")
        taken.append(m.span())
    for m in _HALF_YEAR.finditer(low):
        values.append(f"{int(m.group('y')):04d}-{'06' if m.group('half') == 'đầu' else '12'}")
        taken.append(m.span())
    for m in _MONTH_RANGE.finditer(low):
        m1, m2 = int(m.group("m1")), int(m.group("m2"))
        if 1 <= m1 < m2 <= 12:  # '10-11/2019': months 10 to 11 (a date would be '10/11/2019')
            values.append(f"{int(m.group('y')):04d}-{m2:02d}")
            taken.append(m.span())
    for m in TIME_EXPR.finditer(low):
        if (any(a <= m.start() < b or m.start() < a < m.end() for a, b in taken) or low[:m.start()].endswith(("tháng ", "tháng"))
                or low[max(0, m.start() - 1):m.start()] in tuple("0123456789/")):  # '10/2026 - 12/2026': no day 26
            continue  # 'tháng 6 - 12/2026' is a span of months, not the 6th of December
        v = value_of(m, default_year)
        if v:
            values.append(v)
            taken.append(m.span())
    for m in _MONTH_YEAR.finditer(low):
        if not any(a <= m.start() < b for a, b in taken) and 1 <= int(m.group("m")) <= 12:
            values.append(f"{int(m.group('y')):04d}-{int(m.group('m')):02d}")
            taken.append(m.span())
    for m in _YEAR.finditer(low):
        if not any(a <= m.start() < b for a, b in taken):
            values.append(m.group(0))
    if not values and default_year:
        values += [f"{default_year:04d}-{int(m.group('m')):02d}" for m in _MONTH_ALONE.finditer(low)
                   if 1 <= int(m.group("m")) <= 12]
    if values and not _START_ONLY.match(low):
        return TimeCell(max(values, key=last_day), text)
    return TimeCell(None, text, rec.as_dict() if rec else None)


# --- names in a cell -----------------------------------------------------------------------------------

def _opens_body(s: str, i: int) -> bool:
    return bool(ORG_START.match(s, i) or _EXTRA_HEAD.match(s, i))


_TRAILING_PAREN = re.compile(r"\s*\(([^)]*)\)$")


def split_bodies(cell: str) -> list[tuple[str, bool]]:
    """The bodies a lead/support cell lists, as (name, recognised): separated by ';', new lines, '-' bullets,
    and by ',' / 'và' where another body opens ('Cục Lâm nghiệp và Cục Kiểm lâm'); a comma inside a name
    ('Viện Chiến lược, Chính sách TN&MT') stays; a unit in brackets after its body does the work too.

    >>> [n for n, _ in split_bodies("Sở Giáo dục và Đào tạo, Đại học Thái Nguyên")]
    ['Sở Giáo dục và Đào tạo', 'Đại học Thái Nguyên']
    >>> [n for n, _ in split_bodies("Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)")]
    ['Văn phòng UBND tỉnh', 'Trung tâm Phục vụ hành chính công tỉnh']
    >>> [n for n, _ in split_bodies("Sở Tài chính (chủ trì)")]
    ['Sở Tài chính']
    >>> [n for n, _ in split_bodies("Trung tâm Thông tin và Xúc tiến du lịch; UBND các xã: Y Tý, Bắc Hà, Trạm Tấu")]
    ['Trung tâm Thông tin và Xúc tiến du lịch', 'UBND các xã']
    """
    out: list[tuple[str, bool]] = []
    for piece in _ALTERNATIVE.split(cell):
        piece = _BULLET.sub("", piece).strip(" .,;:")
        if not piece:
            continue
        first = len(out)
        i = 0
        while i < len(piece):
            o = scan_org(piece, i)
            j = o.end if o else i
            listed = o is not None and o.kind == "group" and (places := place_shorthand(piece, j))[0]
            if listed:
                j = places[1]  # 'UBND các xã: Y Tý, Bắc Hà, Trạm Tấu': the group, its places listed after it
            cut = None
            for m in _NAME_SEP.finditer(piece, j):
                if _opens_body(piece, m.end()):
                    cut = m
                    break
            seg = (piece[i:o.end] if listed else piece[i: cut.start() if cut else len(piece)]).strip(" .,;:")
            pm = _TRAILING_PAREN.search(seg)
            seg = seg[:pm.start()] if pm else seg
            if seg:
                name = canonical(seg)
                if name[:4] in ("Các ", "Cơ q", "Cấp "):
                    name = name[0].lower() + name[1:]
                out.append((name, o is not None))
                if pm and (inner := scan_org(pm.group(1), 0)) is not None and inner.end >= len(pm.group(1).rstrip()) - 1:
                    # 'Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)': the unit that does it, too
                    out.append((canonical(pm.group(1)), True))
            if not cut:
                break
            i = cut.end()
    return out


# --- finding tables --------------------------------------------------------------------------------------

def _side_cheap(text: str) -> bool:
    """Might the text hold a header printed side by side: a doer's title ('chủ trì', 'phối hợp', 'thực hiện')
    ending a run of words before a gap (or the ' | ' normalize puts for one) or a line's end?"""
    low = text.lower()
    for w in _SIDE_HEAD_WORDS:
        k = low.find(w)
        while k >= 0:
            after = low[k + len(w):k + len(w) + 2]
            if after in ("  ", " |") or after[:1] in ("", "\n"):
                return True
            k = low.find(w, k + 1)
    return False


def find_task_tables(text: str, raw_lines: list[str] | None = None) -> list[TaskTable]:
    """Task tables in the normalised ``text`` (``raw_lines``: the lines as printed, for empty edge cells)."""
    layout_text = ("  " in text or " | " in text) and _side_cheap(text)
    cell_text = bool(_LEAD_CELL.search(text))
    if not cell_text and not layout_text:
        return []
    lines = _lines(text, raw_lines)
    tables: list[TaskTable] = []
    annex = False
    i = 0
    while i < len(lines):
        ln = lines[i]
        if _ANNEX.match(ln.text):
            annex = True
        side = (layout_text and len(ln.raw) <= 250 and "  " in ln.raw.strip() and "|" not in ln.raw
                and bool(_SIDE_WORDS.search(ln.text)))
        if not ln.text or len(ln.text) > 400 or not cell_text or (
                not _CHEAP_HEADER.search(ln.text) and not (" | " in ln.text and _SIDE_WORDS.search(ln.text))
                and (len(ln.text) > 70 or column_role(ln.text) is None)):
            if not side:
                i += 1
                continue
            found = None
        elif side and " | " in ln.text:
            found = None  # the gaps of a page in columns were turned into ' | ': the printed positions tell the cells
        else:
            found = _header_at(lines, i)
        if found is None and side:
            lay = _layout_header_at(lines, i)
            if lay is not None:
                cols, bounds, k = lay
                rows, end_k = _layout_rows(lines, k, cols, bounds, {" ".join(x.raw.split()) for x in lines[i:k]})
                rows = _paths(rows, annex, _time_first(cols))
                if rows:
                    tables.append(TaskTable(ln.start, lines[max(k, end_k - 1)].end, "layout", cols, rows, annex))
                    i = max(end_k, i + 1)
                    continue
        if found is None:
            i += 1
            continue
        cols, k = found
        first = next((x for x in lines[k:k + 3] if x.text and not _RULE_ROW.match(x.raw)), None)
        if first is not None and _is_pipe_row(first) and len(_cells(first)) >= 2:
            rows, end_k, layout = *_cell_rows(lines, k, cols, ln.raw.lstrip().startswith("|")), "cells"
        else:
            rows, end_k, layout = *_line_rows(lines, k, cols), "lines"
        rows = _paths(rows, annex, _time_first(cols))
        if rows:
            last = lines[max(k, end_k - 1)]
            tables.append(TaskTable(ln.start, last.end, layout, cols, rows, annex))
        i = max(end_k, i + 1)
    return tables


def _header_at(lines: list[_Line], i: int) -> tuple[list[Column], int] | None:
    """The header starting at line i: (columns, index of the first line after it), or None."""
    cols: list[Column] = []
    k = i
    if _is_pipe_row(lines[i]):
        head, k = _md_header(lines, i)
        cells = [c for c in _cells(head)]
        while len(cells) > 1 and not cells[-1].text:
            cells.pop()  # 'Thời gian hoàn thành |' / 'Sản phẩm': the header went on over the line
        roles = [column_role(c.text) for c in cells]
        if not (len(cells) >= 2 and all(r is not None or not c.text or len(c.text) < 25 for r, c in zip(roles, cells))):
            return None
        while roles and k < len(lines) and _is_pipe_row(lines[k]):
            more = _cells(lines[k])  # a header row cut by a hard wrap: 'Cơ quan phối' / 'hợp | Thời gian …'
            if not more or not (roles[-1] is None or _LOWER_START.match(more[0].text)):
                break
            glued = cells[-1].text + " " + more[0].text
            if column_role(glued) is None:
                break
            cells = cells[:-1] + [_Cell(glued, cells[-1].start, more[0].end)] + more[1:]
            roles = [column_role(c.text) for c in cells]
            k += 1
        cols = [Column(r or "note", c.text) for r, c in zip(roles, cells)]
    # header cells on lines of their own (a pdftotext header, or a cell cut off the row above)
    while k < len(lines):
        t = lines[k].text
        if not t or _RULE_ROW.match(lines[k].raw):
            k += 1
            continue
        if _is_pipe_row(lines[k]):
            sub = [c for c in _cells(lines[k]) if c.text]
            sroles = [column_role(c.text) for c in sub]
            if cols and sub and all(r in ("lead", "support") for r in sroles):
                cols = (_merge_sub_row(cols, [c.text for c in _cells(lines[k])])
                        or _sub_header(cols, [Column(r, c.text) for r, c in zip(sroles, sub)]))
                k += 1
                continue
            if cols and sub and all(sroles) and lines[k].raw.lstrip().startswith("|") and not lines[i].raw.startswith("|"):
                cols += [Column(r, c.text) for r, c in zip(sroles, sub)]  # the header cut by a wrap before a '|'
                k += 1
                continue
            break
        if cols and _LOWER_START.match(t) and len(t) < 40 and column_role(cols[-1].title + " " + t):
            cols[-1] = Column(column_role(cols[-1].title + " " + t), cols[-1].title + " " + t)  # 'Thời gian' / 'hoàn thành'
            k += 1
            continue
        r = column_role(t)
        if r is None or len(t) > 70:
            break
        cols.append(Column(r, t))
        k += 1
    if not cols or len(cols) == 1:
        return None
    cols = _sub_header(cols, [])
    if not _is_table_header([c.role if c.role != "note" or column_role(c.title) else None for c in cols]):
        return None
    return cols, k


def _merge_sub_row(cols: list[Column], sub: list[str]) -> list[Column] | None:
    """A second header row merged with the first by position: 'Cơ quan | Thời gian' over ' | Chủ trì | Phối hợp | '.
    A title over two sub-columns was printed once (Word) or with an empty cell after it (Markdown); a run of
    filled sub-cells lies under one title. None if the rows do not line up."""
    out: list[Column] = []
    t = p = 0
    while p < len(sub):
        if t >= len(cols):
            return None
        g = 1
        while sub[p] and p + g < len(sub) and sub[p + g] and len(sub) - (p + g) > len(cols) - t - 1:
            g += 1  # filled sub-cells beyond what the titles left of them can take: under one title
        for q in range(p, p + g):
            r = column_role(sub[q]) if sub[q] else None
            out.append(Column(r, sub[q]) if r else cols[t] if g == 1 else Column(cols[t].role, cols[t].title + " " + sub[q]))
        t, p = t + 1, p + g
    if t != len(cols):
        return None
    return out


def _sub_header(cols: list[Column], sub: list[Column]) -> list[Column]:
    """'Cơ quan thực hiện' over 'Chủ trì | Phối hợp': the two sub-columns take its place."""
    over = next((j for j, c in enumerate(cols) if c.role == "lead" and "thực hiện" in c.title.lower()), None)
    if over is None:
        return cols + sub if sub else cols
    if not sub:
        later = [c for c in cols[over + 1:] if column_role(c.title) in ("lead", "support") and "thực hiện" not in c.title.lower()]
        if not later:
            return cols
        rest = [c for c in cols if c not in later]
        return rest[:over] + later + rest[over + 1:]
    skip = 2 if over + 1 < len(cols) and not cols[over + 1].title else 1  # the empty cell the merged one spans
    return cols[:over] + sub + cols[over + skip:]


def _ref_label(s: str) -> str | None:
    m = _MARKER.match(s)
    return m.group("lab") if m else None


# --- rows: one line per row (cells joined by ' | ') ----------------------------------------------------------

def _pieces(ln: _Line) -> list[_Cell | None]:
    """A table line as cell texts (located in the normalised text) and cell edges (None)."""
    out: list[_Cell | None] = []
    cur = 0
    for j, p in enumerate(ln.raw.split("|")):
        if j:
            out.append(None)
        c = "\n".join(" ".join(x.split()) for x in clean_line(_BR.sub("\n", p))[0].split("\n") if x.strip())
        if c and not _RULE_ROW.match(c):
            k = ln.text.find(c[:25], cur)
            k = cur if k < 0 else k
            out.append(_Cell(c, ln.start + k, ln.start + k + len(c)))
            cur = k + len(c)
    return out


_SIGN_ROW = re.compile(r"\s*(?:Nơi nhận|TM\.|KT\.|TL\.|T/M|K/T|T/L)\b")


def _cell_rows(lines: list[_Line], k: int, cols: list[Column], md: bool) -> tuple[list[TableRow], int]:
    """Rows of a table whose cells are separated by '|': a Markdown table (every row opens and closes with
    '|') or Word rows (' | ' between cells). Cell edges are counted, so a row cut over lines by a hard wrap or
    by a cell of several paragraphs is put back together; a break inside a cell is a wrap (a space) or a new
    name (a new line, see :func:`_wrap_sep`)."""
    n = len(cols)
    raw_rows: list[list[_Cell]] = []
    cells: list[_Cell] = []
    buf: _Cell | None = None
    in_row = False
    end_k = k

    def close_cell():
        nonlocal buf
        cells.append(buf if buf is not None else _Cell("", 0, 0))
        buf = None

    def emit():
        nonlocal cells, buf, in_row
        if buf is not None or (cells and not md):
            close_cell()
        if any(c.text for c in cells):
            raw_rows.append(cells)
        cells, buf, in_row = [], None, False

    def add(c: _Cell, new_line: bool):
        nonlocal buf
        buf = c if buf is None else _join(buf, c, _wrap_sep(buf.text, c.text) if new_line else " ")

    i = k
    while i < len(lines):
        ln = lines[i]
        if not ln.raw.strip() or (_RULE_ROW.match(ln.raw) and not in_row):
            nxt = next((x for x in lines[i + 1:i + 6] if x.raw.strip()), None)
            if not in_row and (nxt is None or "|" not in nxt.raw):
                break
            i += 1  # an empty paragraph of a cell (Word joins merged cells' paragraphs), or the '|---|' rule
            continue
        pieces = _pieces(ln)
        has_edge = any(p is None for p in pieces)
        lead = pieces[0] if pieces and pieces[0] is not None else None
        opens_ref = lead is not None and len(pieces) > 1 and _ref_label(lead.text) is not None
        width = len(cells) + sum(p is None for p in pieces) + 1  # cells of the row if this line went on it
        if in_row and not md and has_edge and (len(cells) >= n - 1 or (opens_ref and (cells or buf)) or width > n):
            emit()  # Word rows: the last cell was reached, a numbered row begins, or the line would overfill the row
        if not in_row:
            if not has_edge:
                nxt = next((x for x in lines[i + 1:i + 6] if x.raw.strip()), None)
                if (lead is not None and _TEXT_MARKER.match(lead.text + " ") and len(lead.text) < 200
                        and nxt is not None and "|" in nxt.raw):
                    raw_rows.append([lead])  # a group row merged into one cell
                    end_k = i = i + 1
                    continue
                break
            in_row = True
            if md and pieces and pieces[0] is None:
                pieces = pieces[1:]  # the row's opening edge
        elif not has_edge and not md and len(cells) >= n - 1:
            nxt = next((x for x in lines[i + 1:i + 6] if x.raw.strip()), None)
            if not (_LOWER_START.match(ln.text) or (nxt is not None and "|" in nxt.raw and not _SIGN_ROW.match(nxt.text))):
                break  # text after the table (before the signature's own table: 'Nơi nhận: | KT. CHỦ TỊCH')
        new_line = True
        for p in pieces:
            if p is None:
                close_cell()
                new_line = False
                if md and len(cells) >= n:
                    emit()
                continue
            if not in_row:
                in_row = True  # text after a closed Markdown row with no opening edge
            add(p, new_line and not md)  # a Markdown cell is one line: a break in it is a wrap
            new_line = False
        end_k = i + 1
        i += 1
    if in_row:
        emit()
    raw_rows = _continued(raw_rows, cols)
    rows = []
    for cs in raw_rows:
        row = _row_from_cells(cs, cols)
        if row is not None:
            rows.append(row)
    return rows, end_k


def _continued(raw_rows: list[list[_Cell]], cols: list[Column]) -> list[list[_Cell]]:
    """A row with no number whose text goes on in lower case (or is empty) continues the row above."""
    roles = [c.role for c in cols]
    if "ref" not in roles or "text" not in roles:
        return raw_rows
    r_i, t_i = roles.index("ref"), roles.index("text")
    out: list[list[_Cell]] = []
    for cells in raw_rows:
        if (out and len(cells) == len(cols) and len(out[-1]) == len(cols) and not cells[r_i].text
                and (not cells[t_i].text or _LOWER_START.match(cells[t_i].text))):
            out[-1] = [_join(a, b) for a, b in zip(out[-1], cells)]
            continue
        out.append(cells)
    return out


def _row_from_cells(cells: list[_Cell], cols: list[Column]) -> TableRow | None:
    n = len(cols)
    repaired = len(cells) != n
    if len([c for c in cells if c.text]) == 1 and len(cells) < n:
        c = next(c for c in cells if c.text)
        m = re.match(r"^\s*([IVX]{1,4}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s*[.)]\s*", c.text)
        lab = m.group(1) if m else ""
        body = c.text[m.end():] if m else c.text
        return TableRow("", lab, body, spans={"text": (c.start + (m.end() if m else 0), c.end)}, group=True)
    rest = [c for c in cells[1:] if c.text]
    lab0 = _ref_label(cells[0].text) if cells[0].text else ""
    if len(rest) >= 2 and len({" ".join(c.text.split()) for c in rest}) == 1 and lab0 is not None:
        # 'I | HOÀN THIỆN THỂ CHẾ … | HOÀN THIỆN THỂ CHẾ … | …': a heading merged across the row, which a Word export
        # repeats in every cell it spans: a group row, not a task with its heading for doer
        c = rest[0]
        return TableRow("", lab0, " ".join(c.text.split()), spans={"text": (c.start, c.end)}, group=True)
    if len(cells) > n:
        tail = cells[n - 1]
        for c in cells[n:]:
            tail = _join(tail, c, " ")
        cells = cells[:n - 1] + [tail]
    by_role: dict[str, _Cell] = {}
    if cols[0].role != "ref" and cells and cells[0].text and _ref_label(cells[0].text) is not None:
        by_role["ref"] = cells[0]  # 'I | GIAI ĐOẠN 1 …' under a first column of times or group labels
        cols, cells = cols[1:], cells[1:]
    for col, c in zip(cols, cells):
        if col.role in by_role:
            by_role[col.role] = _join(by_role[col.role], c)
        else:
            by_role[col.role] = c
    return _make_row(by_role, repaired)


# a lead cell that names its roles ('Chủ đầu tư: Ban Quản lý dự án …; phối hợp: Sở Giáo dục và Đào tạo')
_LEAD_CELL_ROLES = re.compile(r"\s*(?P<label>(?:[Cc]hủ đầu tư|[Cc]hủ trì|[Đđ]ơn vị chủ trì|[Cc]ơ quan chủ trì)\s*:\s*)?(?P<lead>[^;]+?)"
                              r"(?:\s*;\s*(?:[Cc]ơ quan |[Đđ]ơn vị )?[Pp]hối hợp\s*:\s*(?P<support>.+?))?\s*[.;]?\s*$", re.S)


def _make_row(by_role: dict[str, _Cell], repaired: bool) -> TableRow | None:
    ref_cell = by_role.get("ref")
    lab = _ref_label(ref_cell.text) if ref_cell and ref_cell.text else None
    text = by_role.get("text")
    if (lab is None and ref_cell is not None and ref_cell.text) and not (text and text.text):
        return None
    if ref_cell is None and text is not None and (m := _TEXT_MARKER.match(text.text)):
        lab = m.group(1)  # no number column: the number opens the text ('1. Xây dựng …', 'a) Rà soát …')
        text = _Cell(text.text[m.end():], text.start + m.end(), text.end)
    row = TableRow("", lab or "", " ".join(text.text.split()) if text else "", repaired=repaired)
    for role, c in by_role.items():
        if c.text:
            row.spans[role] = (c.start, c.end)
    if text is not None and text.text:
        row.spans["text"] = (text.start, text.end)
    no_doer = "lead" in by_role and bool(_NO_DOER.match(by_role["lead"].text))
    cell_text = {role: by_role[role].text for role in ("lead", "support") if role in by_role}
    if "lead" in cell_text and (lm := _LEAD_CELL_ROLES.match(cell_text["lead"])) and (lm.group("label") or lm.group("support")):
        # 'Chủ đầu tư: Ban Quản lý dự án …; phối hợp: Sở Giáo dục và Đào tạo': the lead cell says who supports too
        cell_text["lead"] = lm.group("lead")
        if lm.group("support"):
            cell_text["support"] = "; ".join(x for x in (cell_text.get("support"), lm.group("support")) if x)
    for role, attr in (("lead", "leads"), ("support", "supports")):
        if role in cell_text and not (role == "lead" and no_doer):
            bodies = split_bodies(cell_text[role])
            setattr(row, attr, [n for n, _ in bodies])
            row.unknown |= {n for n, known in bodies if not known}
    if by_role.get("deadline") and by_role["deadline"].text:
        row.deadline_phrase = " ".join(by_role["deadline"].text.split())
    if by_role.get("product") and by_role["product"].text:
        row.product = " ".join(by_role["product"].text.split())
    row.no_doer = no_doer
    if by_role.get("group") and by_role["group"].text:
        row.group_cell = " ".join(by_role["group"].text.split())
    row.group = not row.leads and not row.deadline_phrase and bool(row.text) and not no_doer
    return row


# --- rows: one line per cell --------------------------------------------------------------------------------

def _line_kind(t: str) -> str:
    if len(t) <= 60 and _TIME_WORDS.search(t) and not _opens_body(t, 0):
        return "time"
    if _opens_body(t, 0) or _GROUP_START.match(t):
        return "org"
    return "text"


_ACCEPTS = {"text": {"text", "org", "time"}, "lead": {"org", "text"}, "support": {"org", "text"},
            "deadline": {"time"}, "product": {"text", "org", "time"}, "note": {"text", "org", "time"}}


def _incomplete(role: str, t: str) -> bool:
    """Does a cell look cut off (by a page break)?"""
    if _CONTINUES_AFTER.search(t):
        return True
    if role in ("lead", "support"):
        words = t.split()
        for k in (1, 2):  # a head left without its name: 'Viện …, Cục', '…; Văn phòng'
            tail = " ".join(words[-k:])
            if len(words) >= k and _opens_body(tail, 0) and scan_org(tail, 0) is None:
                return True
        return False
    if role == "text":
        return not re.search(r"[.;:!?)]$", t)
    return False


_TIME_CELL_START = re.compile(r"(?:\d|(?:[Qq]uý|[Tt]háng|[Nn]ăm|[Tt]rước|[Tt]rong|[Đđ]ến|[Tt]hường xuyên|[Hh][aằà]ng)(?!\w))")


def _is_time_cell(t: str) -> bool:
    """A line that is a whole time cell ('10-11/2019', 'Quý IV/2026', 'Thường xuyên'), not work that names a year."""
    if len(t) > 40 or not _TIME_CELL_START.match(t):
        return False
    tc = read_time_cell(t)
    return tc.value is not None or tc.recurrence is not None


def _line_rows(lines: list[_Line], k: int, cols: list[Column]) -> tuple[list[TableRow], int]:
    roles = [c.role for c in cols]
    ref_at = roles.index("ref") if "ref" in roles else -1  # no number column: rows open with their time or work
    if ref_at < 0 and roles[0] != "deadline":
        return [], k
    rows: list[TableRow] = []
    cur: dict[str, _Cell] | None = None
    at = 0  # index in cols of the cell being filled
    overflow: list[_Line] = []
    end_k = k

    def flush():
        nonlocal cur, overflow
        if cur is None:
            return
        repaired = False
        for ln in overflow:
            cell = _Cell(ln.text, ln.start, ln.end)
            if _LOWER_START.match(ln.text) and not _GROUP_START.match(ln.text):
                order = ["text", "product", "note"]
            else:
                order = ["lead", "support", "text"]
            for role in order:
                if role in cur and _incomplete(role, cur[role].text):
                    cur[role] = _join(cur[role], cell, " ")
                    repaired = True
                    break
        row = _make_row(cur, repaired or bool(overflow))
        if row is not None:
            rows.append(row)
        cur, overflow = None, []

    while k < len(lines):
        ln = lines[k]
        t = ln.text
        if not t or _RULE_ROW.match(ln.raw):
            k += 1
            continue
        lab = _ref_label(t)
        if lab is not None:
            flush()
            cur = {"ref": _Cell(t.strip(), ln.start, ln.end)}
            at = ref_at
            end_k = k = k + 1
            continue
        tm = _TEXT_MARKER.match(t)
        if tm and (cur is None or any(r in cur for r in ("lead", "support", "deadline"))
                   or ("text" in cur and cur["text"].text == cur["text"].text.upper())):  # after a group heading
            flush()  # number and text on one line: '2. Kiểm tra, đôn đốc …'
            cur = {"ref": _Cell(tm.group(1), ln.start, ln.start + len(tm.group(1))),
                   "text": _Cell(t[tm.end():], ln.start + tm.end(), ln.end)}
            at = roles.index("text") if "text" in roles else ref_at
            end_k = k = k + 1
            continue
        if ref_at < 0 and _is_time_cell(t) and (cur is None or any(r in cur for r in ("text", "lead", "support"))):
            flush()  # a schedule's row opens with its time
            cur = {"deadline": _Cell(t, ln.start, ln.end)}
            at = 0
            end_k = k = k + 1
            continue
        starts_row = cur is not None and set(cur) == {"ref"}  # a group row's text may be in capitals
        if (cur is None or _is_pipe_row(ln) or _ANNEX.match(t) or t.startswith("Nơi nhận")
                or (t == t.upper() and len(t.split()) >= 3 and not starts_row)):
            break
        kind = _line_kind(t)
        role_now = roles[at] if at >= 0 else "ref"
        prev = cur.get(role_now)
        open_text = role_now == "text" and prev is not None and not re.search(r"[.;:!?]$", prev.text)
        cont = prev is not None and role_now != "ref" and (
            (_LOWER_START.match(t) and not _GROUP_START.match(t) and role_now != "deadline" and (kind != "time" or open_text))
            or _CONTINUES_AFTER.search(prev.text) or (role_now != "text" and _incomplete(role_now, prev.text) and not _opens_body(t, 0))
            or (role_now == "text" and kind == "text" and not re.search(r"[.;:!?]$", prev.text)))
        if cont:
            cur[role_now] = _join(prev, _Cell(t, ln.start, ln.end), " ")
        else:
            j = next((j for j in range(at + 1, len(cols)) if kind in _ACCEPTS.get(roles[j], set())
                      and roles[j] not in cur), None)
            if (j is None and ref_at < 0 and kind == "text" and "lead" in cur and not _BULLET.match(t)
                    and not _LOWER_START.match(t) and "text" in roles):
                flush()  # the next row of a schedule, its time cell merged with the one above
                at = roles.index("text")
                cur = {"text": _Cell(t, ln.start, ln.end)}
            elif j is None and "deadline" not in cur and kind in _ACCEPTS.get(role_now, set()) and role_now != "ref":
                cur[role_now] = _join(prev, _Cell(t, ln.start, ln.end), " ")  # a cell wrapped over lines
            elif j is None:
                overflow.append(ln)
            else:
                at = j
                cur[roles[j]] = _Cell(t, ln.start, ln.end)
        end_k = k = k + 1
    flush()
    return rows, end_k


# --- rows: cells side by side (pdftotext -layout) -------------------------------------------------------------

def _runs(raw: str) -> list[tuple[int, int, str]]:
    """Text runs of a printed line, split at two or more spaces: (start column, end column, text)."""
    return [(m.start(), m.end(), m.group(0)) for m in _RUN.finditer(raw.expandtabs(8).replace("\f", " "))]


def _layout_header_at(lines: list[_Line], i: int) -> tuple[list[Column], list[tuple[int, int]], int] | None:
    """A header whose cells stand side by side, each cell's words over one to four lines ('Cơ quan' / 'chủ trì'):
    the words of a column are gathered by their position. Returns (columns, the printed span of each column's
    title, index of the first line after the header)."""
    best = None
    heads: list[list] = []  # [start, end, [words]]
    for k in range(i, min(len(lines), i + 4)):
        runs = _runs(lines[k].raw)
        if not runs or "|" in lines[k].raw or any(len(t) > 45 for _, _, t in runs):
            break
        if k > i and _ref_label(runs[0][2]) is not None:
            break  # a row begins
        hits: dict[int, int] = {}
        for a, b, _ in runs:
            for h in heads:
                if min(b, h[1]) - max(a, h[0]) > 0:
                    hits[id(h)] = hits.get(id(h), 0) + 1
        # a title over two sub-columns ('Thực hiện' over 'Đơn vị chủ trì | Đơn vị phối hợp') gives way to them
        heads = [h for h in heads if hits.get(id(h), 0) < 2]
        for a, b, t in runs:
            over = [h for h in heads if min(b, h[1]) - max(a, h[0]) > 0]
            if len(over) == 1:
                h = over[0]
                h[0], h[1] = min(a, h[0]), max(b, h[1])
                h[2].append(t)
            elif not over:
                heads.append([a, b, [t]])
            else:
                return best[1] if best else None  # a run across two columns: no header
        heads.sort(key=lambda h: h[0])
        titles = [" ".join(h[2]) for h in heads]
        roles = [column_role(t) for t in titles]
        if len(heads) >= 3 and _is_table_header(roles):
            cols = _sub_header([Column(r or "note", t) for r, t in zip(roles, titles)], [])
            score = (sum(_exact_title(t) for t in titles), sum(r is not None for r in roles))
            if len(cols) == len(heads) and (best is None or score >= best[0]):
                best = (score, (cols, [(h[0], h[1]) for h in heads], k + 1))  # a data line spoils whole titles
    return best[1] if best else None


def _column_at(a: int, b: int, heads: list[tuple[int, int]], edges: dict[int, int] | None = None) -> int:
    """The column of a run printed over [a, b): the column whose cells were seen to start where it starts
    (``edges``: left edge -> column), else the title it lies under most; a run under no title starts its cell
    left of the next title (cells are left-aligned, titles centred)."""
    for d in (0, -1, 1):
        if edges and a + d in edges:
            return edges[a + d]
    over = [(min(b, he) - max(a, hs), j) for j, (hs, he) in enumerate(heads) if min(b, he) - max(a, hs) > 0]
    if over:
        return max(over)[1]
    return next((j for j, (hs, _) in enumerate(heads) if hs > a), len(heads) - 1)


_OPEN_END = re.compile(r"(?<!\w)(?:các|những|tại|trên|cấp|thuộc|của|và|với)$")  # a name that goes on


def _side_sep(prev: str, nxt: str, role: str) -> str:
    """How a cell's next printed line joins it in a side-by-side table, where a line break is mostly a wrap:
    a word cut at its hyphen ('các-' / 'bon') closes up; in a list of bodies a new line opens a new name only
    after ';' or '.', at a bullet, or where a body's head opens a line after a whole name."""
    if re.search(r"\w-$", prev) and _LOWER_START.match(nxt):
        return ""
    if role not in ("lead", "support"):
        return " "
    if (_BULLET.match(nxt) or re.search(r"[;.]$", prev)
            or (_opens_body(nxt, 0) and not _incomplete(role, prev) and not _OPEN_END.search(prev))):
        return "\n"
    return " "


def _layout_rows(lines: list[_Line], k: int, cols: list[Column], heads: list[tuple[int, int]],
                 header: set[str] = frozenset()) -> tuple[list[TableRow], int]:
    """Rows of a table printed with its cells side by side: each run of a line goes to the column it stands
    under; a row opens with its number (or, with no number column, an entry in the first column)."""
    roles = [c.role for c in cols]
    n = len(cols)
    key = 0  # the column whose entry opens a row: the number, else the first column
    t_i = roles.index("text") if "text" in roles else 1
    _Placed = tuple[int, str, int, int]  # column, text, start, end
    raw_rows: list[list[list[_Placed]]] = []  # rows, each a list of printed lines, each a list of runs
    cur: list[list[_Placed]] | None = None
    pending: list[list[_Placed]] = []  # lines above the first number (a number centred in its cell)
    end_k = k
    blank = 0
    gap_at: int | None = None  # where in the current row's lines a blank line fell
    edges: dict[int, int] = {}

    def frags(row: list[list[_Placed]], j: int) -> list[str]:
        return [c for line in row for x, c, _, _ in line if x == j]

    def opens_cells(line: list[_Placed]) -> bool:
        """Does a line open several cells at once (its work in capitals, a doer or a time beside it)?"""
        at = {x for x, *_ in line}
        text = next((c for x, c, _, _ in line if x == t_i), "")
        return (text[:1].isupper() and len(at - {key}) >= 2
                and any(roles[x] in ("lead", "deadline") for x in at))

    while k < len(lines):
        ln = lines[k]
        runs = _runs(ln.raw)
        if not runs or _PAGE_NO.match(ln.raw) or _COL_NUMBERS.match(ln.raw) or " ".join(ln.raw.split()) in header:
            blank += not runs  # a page number, the columns' numbers, the header again on a new page
            if blank >= 4:
                break
            if not runs and cur is not None:
                gap_at = len(cur)  # a blank line between rows: the next row may begin here, its number centred
            k += 1
            continue
        blank = 0
        if ln.text.startswith(("Nơi nhận", "Ghi chú")) or _ANNEX.match(ln.text) or _HEADING.match(ln.raw):
            break
        if len(runs) == 1 and runs[0][1] - runs[0][0] > 25 and sum(
                min(runs[0][1], he) - max(runs[0][0], hs) > 0 for hs, he in heads) >= 2:
            break  # prose across the columns: the table is over
        placed: list[_Placed] = []
        cur_at = 0
        for a, b, t in runs:
            j = _column_at(a, b, heads, edges)
            hs, he = heads[j]
            if min(b, he) - max(a, hs) >= 3 and a not in edges:
                edges[a] = j  # a run well under its title: its column's cells start here
            c = clean_line(t)[0]
            at = ln.text.find(c[:25], cur_at)
            at = cur_at if at < 0 else at
            cur_at = at + len(c)
            placed.append((j, c, ln.start + at, ln.start + at + len(c)))
        first = next((p for p in placed if p[0] == key), None)
        text_run = next((p for p in placed if p[0] == t_i), None)
        opens = first is not None and (roles[key] != "ref" or _ref_label(first[1]) is not None)
        if opens and cur is not None and roles[key] != "ref" and frags(cur, key):
            prev = frags(cur, key)[-1]
            opens = not re.search(r"[-–/,]$", prev) and not (_ref_label(first[1]) is None and _ref_label(prev) is None
                                                              and not (text_run and text_run[1][:1].isupper()))
        if not opens and cur is not None and roles[key] != "ref" and text_run is not None and frags(cur, t_i) \
                and text_run[1][:1].isupper() and re.search(r"[.;!?]$", frags(cur, t_i)[-1]) \
                and any(frags(cur, x) for x in range(n) if roles[x] == "lead"):
            opens = True  # a merged first cell: the next row has only its work and doers
        if opens:
            top: list[list[_Placed]] = []
            if cur is None:
                top, pending = pending, []
            elif roles[key] == "ref" and gap_at is not None and 0 < gap_at < len(cur):
                top, cur[:] = cur[gap_at:], cur[:gap_at]  # rows set apart by blank lines, each number centred in its row
            elif roles[key] == "ref":
                # a number centred in its cell: the row began on an earlier line that opened its cells
                for m in range(len(cur) - 1, 0, -1):
                    before = [c for line in cur[:m] for x, c, _, _ in line if x == t_i]
                    if (opens_cells(cur[m]) and not any(x == key for x, *_ in cur[m]) and before
                            and re.search(r"[.;:!?]$", before[-1])):
                        top, cur[:] = cur[m:], cur[:m]
                        break
            cur = top + [placed]
            gap_at = None
            raw_rows.append(cur)
        elif cur is None:
            pending.append(placed)
        else:
            cur.append(placed)
        end_k = k = k + 1
    rows = []
    for row_lines in raw_rows:
        cells = []
        for j in range(n):
            cell = None
            for line in row_lines:
                for x, c, a, b in line:
                    if x != j:
                        continue
                    cell = _join(cell, _Cell(c, a, b), _side_sep(cell.text, c, roles[j]) if cell is not None else " ")
            cells.append(cell or _Cell("", 0, 0))
        row = _row_from_cells(cells, cols)
        if row is not None:
            rows.append(row)
    return rows, end_k


# --- numbering paths -------------------------------------------------------------------------------------

def _kind(lab: str) -> str:
    if re.fullmatch(r"[IVX]{1,4}", lab):
        return "roman"
    if re.fullmatch(r"\d{1,2}(?:\.\d{1,2})+", lab):
        return f"dotted{lab.count('.')}"
    if lab.isdigit():
        return "arabic"
    return "letter"


def _join_path(stack: list[str]) -> str:
    """'I', '1', '1.2' -> 'I.1.2': a label printed in full ('1.2') stands for its parent's ('1')."""
    parts = [x for x in stack if x]
    return ".".join(x for k, x in enumerate(parts) if not (k + 1 < len(parts) and parts[k + 1].startswith(x + ".")))


def _time_first(cols: list[Column]) -> bool:
    """Is the table a schedule, its time column before the work ('Thời gian | Nội dung công việc | …')?"""
    roles = [c.role for c in cols]
    return "deadline" in roles and "text" in roles and roles.index("deadline") < roles.index("text")


def _paths(rows: list[TableRow], annex: bool, time_first: bool = False) -> list[TableRow]:
    """Numbering paths, topics and doers merged down from group rows. In a schedule (``time_first``) the
    rows under a group carry no number of their own: they are counted ('I.1.2'), and an empty time cell
    is the time above it (a cell merged down over the rows of the same group)."""
    seq = 0
    last_time: str | None = None
    last_group: str | None = None
    order: list[str] = []
    stack: list[str] = []
    topics: list[str | None] = []
    doers: list[tuple[list[str], list[str], str | None]] = []
    for r in rows:
        if r.label:
            kind = _kind(r.label)
            if kind not in order:
                order.append(kind)
            lvl = order.index(kind)
            stack = stack[:lvl] + [""] * max(0, lvl - len(stack)) + [r.label]
            topics = topics[:lvl] + [None] * max(0, lvl - len(topics))
            doers = doers[:lvl] + [([], [], None)] * max(0, lvl - len(doers))
            path = _join_path(stack)
            r.topic = next((x for x in reversed(topics) if x), None)
            inh = next((d for d in reversed(doers) if d[0]), None)
            topics.append(r.text if r.group or r.leads else None)
            doers.append((r.leads, r.supports, r.deadline_phrase))
            seq = 0
            if r.group:
                last_time = None
        elif time_first:
            seq += 1
            path = _join_path(stack + [str(seq)])
            r.label = str(seq)
            r.topic = next((x for x in reversed(topics) if x), None)
            inh = None
        else:
            path = _join_path(stack)
            r.topic = next((x for x in reversed(topics) if x), None)
            inh = next((d for d in reversed(doers) if d[0]), None)
        if r.group and r.label:
            last_group = None
        elif r.group_cell or last_group:
            last_group = r.group_cell or last_group
            r.topic = last_group  # a group column's cell, merged down over the rows beside it
        if time_first and not r.group:
            r.deadline_phrase = r.deadline_phrase or last_time
            last_time = r.deadline_phrase
        if inh and not r.leads and r.text and not r.no_doer:
            r.leads = list(inh[0])  # a merged doer cell over the rows below
            r.supports = r.supports or list(inh[1])
            r.deadline_phrase = r.deadline_phrase or inh[2]
            r.group = False
        r.ref = ("PL." + path if path else "PL") if annex else path
    return rows


# --- tasks -----------------------------------------------------------------------------------------------

def table_tasks(table: TaskTable, citations: list = (), default_year: int | None = None) -> list[dict]:
    """The tasks of a table, in the shape :func:`loaders.tasks.extract_tasks` gives."""
    lead_col = table.column("lead")
    reason = f"table: {lead_col.title}" if lead_col else "table"
    out = []
    for r in table.rows:
        if r.group or not r.leads or not r.text or all(n.lower() in _SUPERIOR for n in r.leads):
            continue  # no doer, or a step left to a higher authority ('Phê duyệt … | Thủ tướng Chính phủ')
        tc = read_time_cell(r.deadline_phrase or "", default_year)
        span = r.spans.get("text") or next(iter(r.spans.values()), (table.start, table.start))
        a, b = span
        based = []
        for c in citations:
            if any(a <= s < b for s, _ in getattr(c, "spans", [])) and c.number not in based:
                based.append(c.number)
        names = set()
        assignees = []
        for role, lst in (("lead", r.leads), ("support", r.supports)):
            for n in lst:
                if n in names:
                    continue
                names.add(n)
                d = {"name": n, "role": role}
                if is_generic(n):
                    d["generic"] = True
                if n in r.unknown:
                    d["reason"] = "agency: not in vocabulary"
                assignees.append(d)
        conf = 0.9 if table.layout == "cells" else 0.85
        if r.repaired:
            conf -= 0.1
        if any(n in r.unknown for n in r.leads):
            conf -= 0.05
        out.append({
            "ref": r.ref,
            "topic": r.topic,
            "text": r.text,
            "assignees": assignees,
            "deadline": tc.value,
            "deadline_text": tc.text if tc.value else None,
            "deadlines": [{"value": tc.value, "text": tc.text}] if tc.value else [],
            "deadline_time": None,
            "recurrence": tc.recurrence,
            "deadline_reason": "deadline: table column" if tc.value else ("recurrence: table column" if tc.recurrence else None),
            "based_on": based,
            "report_to": _report_to(r.text, set(r.leads)),
            "span": [a, b],
            "spans": {k: [x, y] for k, (x, y) in r.spans.items()},
            "product": r.product,
            "reason": reason,
            "confidence": round(conf, 2),
        })
    return out


def _report_to(text: str, leads: set[str]) -> list[str]:
    """'… để trình Chính phủ', '… báo cáo Bộ trưởng': the bodies named right after the verb."""
    out = []
    for m in _CITE_VERB.finditer(text):
        o = scan_org(text, m.end())
        if o is not None and o.name not in leads and o.name not in out:
            out.append(o.name)
    return out
