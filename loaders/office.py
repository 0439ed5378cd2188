"""Word (.docx) and PDF readers: the files as offices keep them, turned into the text the pipeline reads.

* ``.docx``: body paragraphs and tables in document order; the cells of a table row are joined
  with `` | `` (a cell's own paragraphs stay on their lines), as the flattened header and
  signature tables of a notice read.
* ``.pdf`` (with a text layer): the text of every page, in reading order. A PDF without a text
  layer (a scan) is refused with a clear reason: OCR is not done here. Signing software often
  stamps the number and day of a signed notice into small signature widgets over the blanks
  of 'Số:      /UBND-KT' and 'ngày    tháng'; their text is read from the widgets' appearance
  and put into the blank of the page line it covers (see :func:`_stamped_page_text`).

Both return ``(text, encoding)`` like :func:`loaders.read.decode_text` (line endings are unified by
:func:`loaders.read.read_source`); the encoding names the format.
"""

from __future__ import annotations

import io
import re

from .errors import InputError

_GAP = re.compile(r"(?<=\S) {3,}")
_STAMP_MAX = 30  # characters: a number or a day, not a signature block with the signer's name


def read_docx(path: str, raw: bytes) -> tuple[str, str]:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise InputError(path, f"cần gói python-docx để đọc tệp Word ({e})") from None
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as e:  # noqa: BLE001 - a broken or non-Word file
        raise InputError(path, f"không đọc được tệp Word .docx ({type(e).__name__})") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:  # a merged cell comes back once per grid column
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(cell.text)
                lines.append(" | ".join(cells))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(path, "tệp Word không có nội dung chữ")
    return text, "docx"


def read_pdf(path: str, raw: bytes) -> tuple[str, str]:
    try:
        from pypdf import PdfReader
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise InputError(path, f"cần gói pypdf để đọc tệp PDF ({e})") from None
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [_stamped_page_text(page) for page in reader.pages]
    except Exception as e:  # noqa: BLE001 - a broken, encrypted or non-PDF file
        raise InputError(path, f"không đọc được tệp PDF ({type(e).__name__})") from None
    text = "\n".join(pages)
    letters = sum(c.isalpha() for c in text)
    if letters < 100:
        raise InputError(path, "PDF không có lớp chữ (bản quét?): cần nhận dạng chữ (OCR) trước")
    return text, "pdf"


def _widget_text(annot) -> str:
    """Text drawn by an annotation's normal appearance (a form XObject), or ''."""
    from pypdf import PageObject
    from pypdf.generic import DecodedStreamObject, NameObject

    ap = annot.get("/AP")
    n = ap.get_object().get("/N") if ap is not None else None
    if n is None:
        return ""
    n = n.get_object()
    if not hasattr(n, "get_data"):
        return ""  # appearance states (a dictionary of streams): check boxes, not text
    box = [float(v) for v in n.get("/BBox", [0, 0, 1, 1])]
    page = PageObject.create_blank_page(width=max(box[2] - box[0], 1), height=max(box[3] - box[1], 1))
    page[NameObject("/Resources")] = n.get("/Resources") or {}
    content = DecodedStreamObject()
    content.set_data(n.get_data())
    page[NameObject("/Contents")] = content
    return " ".join((page.extract_text() or "").split())


def _stamped_page_text(page) -> str:
    """The page's text, with the text of small stamped widgets put into the blank they cover.

    Text pieces come with the position where their text run starts; a blank ('Số:' + spaces) is
    placed by counting characters from there at an average width of half the font size, and each
    stamp (left to right) takes the nearest free blank on its line."""
    pieces: list[tuple[str, float, float, float]] = []  # text, x, y, font size

    def visit(text, cm, tm, font, size):
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[0] * cm[0]) or 1.0
        pieces.append((text, x, y, (size or 10) * scale))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(p[0] for p in pieces) != text:
        return text  # pieces do not add up to the text: leave it as read
    stamps = []
    for ref in page.get("/Annots") or []:
        a = ref.get_object()
        if a.get("/Subtype") != "/Widget" or "/Rect" not in a:
            continue
        s = _widget_text(a)
        if s and len(s) <= _STAMP_MAX:
            x0, y0, x1, y1 = sorted(float(v) for v in a["/Rect"][0::2]) + sorted(float(v) for v in a["/Rect"][1::2])
            stamps.append((x0, x1, y0, y1, s))
    if not stamps:
        return text
    # blanks: (start, end) offsets in text, estimated x range, baseline y
    blanks: list[tuple[int, int, float, float, float]] = []
    offset = 0
    i = 0
    while i < len(pieces):
        j, run = i, ""
        while j < len(pieces) and pieces[j][1:3] == pieces[i][1:3]:
            run += pieces[j][0]
            j += 1
        _, x, y, size = pieces[i]
        width = size / 2
        for m in _GAP.finditer(run):
            if "\n" not in run[: m.start()]:  # after a line break the count from x no longer holds
                blanks.append((offset + m.start(), offset + m.end(), x + m.start() * width, x + m.end() * width, y))
        offset += len(run)
        i = j
    used: set[int] = set()
    inserts: list[tuple[int, int, str]] = []
    for x0, x1, y0, y1, s in sorted(stamps):
        best = None
        for k, (a, b, bx0, bx1, by) in enumerate(blanks):
            if k in used or not (y0 - 6 <= by <= y1 + 6):
                continue
            dist = max(0.0, bx0 - x1, x0 - bx1)
            if dist < 60 and (best is None or dist < best[0]):
                best = (dist, k)
        if best is not None:
            used.add(best[1])
            a, b = blanks[best[1]][:2]
            inserts.append((a, b, f" {s} "))
    for a, b, s in sorted(inserts, reverse=True):
        text = text[:a] + s + text[b:]
    return text
