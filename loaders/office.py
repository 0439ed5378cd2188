"""Word (.docx) and PDF readers: the files as offices keep them, turned into the text the pipeline reads.

* ``.docx``: body paragraphs and tables in document order; the cells of a table row are joined
  with `` | `` (a cell's own paragraphs stay on their lines), as the flattened header and
  signature tables of a notice read.
* ``.pdf`` (with a text layer): the text of every page, in reading order. A PDF without a text
  layer (a scan) is refused with a clear reason: OCR is not done here.

Both return ``(text, encoding)`` like :func:`loaders.read.decode_text`; the encoding names the format.
"""

from __future__ import annotations

import io

from .errors import InputError


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
                seen: list = []
                for cell in row.cells:  # a merged cell comes back once per grid column
                    if any(cell._tc is tc for tc in seen):
                        continue
                    seen.append(cell._tc)
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
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as e:  # noqa: BLE001 - a broken, encrypted or non-PDF file
        raise InputError(path, f"không đọc được tệp PDF ({type(e).__name__})") from None
    text = "\n".join(pages)
    letters = sum(c.isalpha() for c in text)
    if letters < 100:
        raise InputError(path, "PDF không có lớp chữ (bản quét?): cần nhận dạng chữ (OCR) trước")
    return text.replace("\r\n", "\n").replace("\r", "\n"), "pdf"
