"""Web pages (``.html``, ``.htm``): the document a portal or a legal library publishes, not its menus.

A province's portal or a legal library (thuvienphapluat-style) wraps a notice in navigation, sidebars, related
links and a footer. The document body is found by trafilatura (a maintained boilerplate remover: it drops
scripts, forms, navigation, sidebars and footers by their markup and their text-to-link density, and keeps
tables, lists, headings and superscripts as XML), then read as a Word file is read (:mod:`loaders.office`): each
paragraph, heading or list item on its own line (a blank line between blocks, as the page shows them apart; a
line break only inside one), a table row's cells joined by `` | `` (the header table: issuer | quốc hiệu, number |
date), list items with the marker the browser shows (``1.``, ``-``), superscript footnote marks as ``¹`` with
their footnotes. A short line the library prints in the document's column (``Đăng nhập để xem …``) may stay.

The charset is the byte-order mark's, else the page's ``<meta charset>`` (or ``http-equiv``), else UTF-8, else
Windows-1258; TCVN3 / VNI text is converted (:mod:`loaders.legacy`). The page is bounded: its size by
``max_file_bytes`` (before reading), its nesting depth by ``max_xml_depth`` and its number of elements by
``max_html_elements``, both checked on the parsed page before the body is looked for (that costs time and memory
in proportion to the page: 90,000 elements take 4.4 s and 250 MB). The encoding is ``html`` (``html+tcvn3``, …).
"""

from __future__ import annotations

import codecs
import re

from .errors import InputError, LimitError
from .limits import DEFAULT_LIMITS, Limits, count
from .read import ReadResult

__all__ = ["read_html", "page_charset", "body_text"]

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def page_charset(raw: bytes) -> str | None:
    """The charset a page declares: its byte-order mark, else a ``<meta>`` in the first 8 kB (None when neither).

    >>> page_charset(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')
    'cp1258'
    >>> page_charset(b'<meta charset="UTF-8"><p>x</p>')
    'utf-8'
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    from lxml import html as lhtml

    try:
        head = lhtml.document_fromstring(raw[:8192].decode("latin-1"), parser=lhtml.HTMLParser(no_network=True))
    except Exception:  # noqa: BLE001 - no markup to read there
        return None
    for meta in head.iter("meta"):
        name = meta.get("charset")
        if not name and (meta.get("http-equiv") or "").lower() == "content-type":
            content = meta.get("content") or ""
            name = content.lower().split("charset=", 1)[1] if "charset=" in content.lower() else None
        if name:
            try:
                return codecs.lookup(name.strip().strip("'\";")).name.replace("windows-", "cp")
            except LookupError:
                return None
    return None


def _decode(path: str, raw: bytes) -> tuple[str, str]:
    declared = page_charset(raw)
    tries = [declared] if declared else []
    tries += [c for c in ("utf-8", "cp1258") if c not in tries]
    for codec in tries:
        try:
            text = raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        return text.lstrip("\ufeff"), codec
    raise InputError(path, "không giải mã được trang HTML (bảng mã khai báo sai?)")


def _check_tree(root, path: str, limits: Limits) -> None:
    """The page's nesting depth and number of elements, against ``limits``."""
    stack = [(root, 1)]
    n = 0
    while stack:
        el, depth = stack.pop()
        n += 1
        if n > limits.max_html_elements:
            raise LimitError(path, f"trang HTML có hơn {count(limits.max_html_elements)} phần tử, vượt giới hạn",
                             "max_html_elements")
        if depth > limits.max_xml_depth:
            raise LimitError(path, f"trang HTML lồng phần tử sâu hơn {limits.max_xml_depth} mức, vượt giới hạn",
                             "max_xml_depth")
        stack.extend((child, depth + 1) for child in el)


def _ol_marker(n: int) -> str:
    return f"{n}."


class _Writer:
    """Lines of text from the body trafilatura kept (its XML: ``p``, ``head``, ``list``/``item``, ``table``/``row``/
    ``cell``, ``quote``, ``code``, inline ``hi``, ``ref``, ``lb``): each block on its own line, a line break kept, a
    table row's cells joined by ' | ' (a cell keeps its own lines), list items with their markers."""

    _BLOCK = frozenset(("p", "head", "quote", "code", "div", "main"))

    def __init__(self):
        self.lines: list[str] = []
        self.cur: list[str] = []

    def text(self, s: str | None) -> None:
        if s:
            self.cur.append(_SPACE.sub(" ", s))

    def end_line(self, paragraph: bool = False) -> None:
        """End the line; ``paragraph``: also the paragraph (a blank line follows, as between a page's blocks)."""
        line = "".join(self.cur).strip()
        self.cur = []
        if line:
            self.lines.append(line)
        if paragraph and self.lines and self.lines[-1]:
            self.lines.append("")

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("lb", "br"):
            self.end_line()
        elif tag == "table":
            self.end_line(True)
            self.table(el)
            self.end_line(True)
        elif tag == "list":
            self.end_line(True)
            self.list(el)
            self.end_line(True)
        elif tag in ("graphic", "comments") or not tag:
            pass
        elif tag == "hi" and el.get("rend") == "#sup" and (el.text or "").strip().isdigit() and not len(el):
            self.cur.append(el.text.strip().translate(_SUPERSCRIPT))  # a footnote mark, as the page shows it: '¹'
        else:
            block = tag in self._BLOCK
            if block:
                self.end_line(True)
            self.text(el.text)
            for child in el:
                self.walk(child)
            if block:
                self.end_line(True)
        self.text(el.tail)

    def _inner(self, el) -> list[str]:
        inner = _Writer()
        inner.text(el.text)
        for child in el:
            inner.walk(child)
        inner.end_line()
        return [line for line in inner.lines if line]

    def list(self, el) -> None:
        n = 0
        for item in el:
            if item.tag != "item":
                continue
            n += 1
            mark = _ol_marker(n) if el.get("rend") == "ol" else "-"
            lines = self._inner(item)
            if lines and not lines[0].startswith(mark):
                lines[0] = f"{mark} {lines[0]}"
            self.lines.extend(lines)

    def table(self, el) -> None:
        rows = []
        for row in el.iter("row"):
            cells = ["\n".join(self._inner(cell)) for cell in row if cell.tag == "cell"]
            if any(c.strip() for c in cells):
                rows.append(" | ".join(cells))
        if rows:
            self.lines.append("\n".join(rows))


def body_text(root) -> str:
    """The lines of a body in trafilatura's XML (see :class:`_Writer`).

    >>> from lxml import etree
    >>> print(body_text(etree.fromstring('<main><table><row><cell>ỦY BAN NHÂN DÂN<p>TỈNH LẠNG SƠN</p></cell>'
    ...                                  '<cell>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</cell></row></table>'
    ...                                  '<list rend="ol"><item>Giao Sở Y tế chủ trì.</item>'
    ...                                  '<item>Giao <hi rend="#b">Sở Tài chính</hi>.</item></list></main>')))
    ỦY BAN NHÂN DÂN
    TỈNH LẠNG SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    <BLANKLINE>
    1. Giao Sở Y tế chủ trì.
    2. Giao Sở Tài chính.
    """
    w = _Writer()
    w.walk(root)
    w.end_line()
    return "\n".join(w.lines).strip("\n")


def read_html(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """The document body of a web page as text (see the module's doc)."""
    from lxml import etree
    from lxml import html as lhtml

    try:
        import trafilatura
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise InputError(path, f"cần gói trafilatura để đọc trang HTML ({e})") from None
    from .legacy import convert_text

    page, codec = _decode(path, raw)
    if "\x00" in page:
        raise InputError(path, "không phải trang HTML (dữ liệu nhị phân)")
    try:
        root = lhtml.document_fromstring(page, parser=lhtml.HTMLParser(no_network=True, remove_comments=True,
                                                                        remove_pis=True))
    except Exception as e:  # noqa: BLE001 - nothing lxml can read
        raise InputError(path, f"không đọc được trang HTML ({type(e).__name__})") from None
    _check_tree(root, path, limits)
    try:
        kept = trafilatura.extract(root, output_format="xml", include_tables=True, include_formatting=True,
                                   include_comments=False, include_images=False, include_links=False,
                                   favor_recall=True, deduplicate=False, with_metadata=False)
    except Exception as e:  # noqa: BLE001 - the boilerplate remover failed on this page
        raise InputError(path, f"không tìm được nội dung văn bản trong trang HTML ({type(e).__name__})") from None
    if not kept:
        raise InputError(path, "trang HTML không có nội dung văn bản (chỉ có trình đơn, liên kết)")
    main = etree.fromstring(kept.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True)).find("main")
    text = body_text(main) if main is not None else ""
    if len(text) > limits.max_text_chars:
        raise LimitError(path, f"trang HTML có hơn {count(limits.max_text_chars)} ký tự chữ, vượt giới hạn",
                         "max_text_chars")
    if not text.strip():
        raise InputError(path, "trang HTML không có nội dung chữ")
    text, legacy = convert_text(text)
    return ReadResult(text, f"html+{legacy}" if legacy else "html")
