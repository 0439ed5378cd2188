"""Word (.docx), OpenDocument (.odt) and PDF readers: the files as offices keep them, turned into the text the
pipeline reads.

* ``.docx``: body paragraphs and tables in document order; the cells of a table row are joined
  with `` | `` (a cell's own paragraphs stay on their lines), as the flattened header and
  signature tables of a notice read.
  Runs set in a legacy Vietnamese font (``.VnTime``, ``VNI-Times``, by the run's font, its style's or the
  document default) are converted to Unicode (:class:`loaders.legacy.RunFonts`; encoding ``docx+tcvn3``, …).
* ``.odt``: ``content.xml`` read the same way (paragraphs, headings, tables joined by `` | ``, list markers from
  the list styles), through the same zip and XML bounds (:func:`read_odt`).
* ``.pdf``: the text of every page, in reading order. A page without a usable text layer (a scan, or a garbage
  layer left by a bad OCR) is read by OCR (:mod:`loaders.ocr`, cleaned by :mod:`loaders.ocr_clean`), page by
  page, unless the caller says ``never``. Signing software often
  stamps the number and day of a signed notice into small signature widgets over the blanks
  of 'Số:      /UBND-KT' and 'ngày    tháng'; their text is read from the widgets' appearance
  and put into the blank of the page line it covers (see :func:`_stamped_page_text`).

Both return a :class:`loaders.read.ReadResult` like :func:`loaders.read.decode_text` (line endings are
unified by :func:`loaders.read.read_source`); the encoding names the format.

Both are bounded (:mod:`loaders.limits`) before anything is parsed: a Word file's zip directory (number of
parts, each part's uncompressed size and compression ratio), then only its main part, read through a bounded
stream by a safe XML parser (no DTD, no entities, no network, nesting depth bounded, each body paragraph or
table dropped once read); a PDF's page count, each page's content streams before the page is read, and the
text's length as it grows. pypdf's own warnings (English, one per damaged object) are counted into the
result's warnings (and not printed when no one listens to pypdf's logger).
"""

from __future__ import annotations

import io
import logging
import re
from contextlib import contextmanager

from .errors import InputError, LimitError
from .legacy import RunFonts, convert_text
from .limits import DEFAULT_LIMITS, Limits, count, mb
from .read import ReadResult

_GAP = re.compile(r"(?<=\S) {3,}")
_PAGE_MARK = "\n\f\n"  # between OCR pages while they are cleaned together (no rule reads across a form feed)
_STAMP_MAX = 30  # characters: a number or a day, not a signature block with the signer's name


# Word's main document part, and where the package says it is
_MAIN_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_SMALL_PART = 1024 * 1024  # the compression ratio of a part smaller than this is not checked (a tiny XML part can be 50x)
_PACKAGE_XML_MAX = 4 * 1024 * 1024  # [Content_Types].xml and _rels/.rels: a few kB in any real file
# a document type declaration: entity bombs need one, Word never writes one (UTF-8, and UTF-16 either order)
_DTD_MARKS = tuple(m.encode(c) for m in ("<!DOCTYPE", "<!ENTITY") for c in ("utf-8", "utf-16-le", "utf-16-be"))


def _docx_error(path: str, e: BaseException) -> InputError:
    return InputError(path, f"không đọc được tệp Word .docx ({type(e).__name__})")


def too_deep(e: BaseException) -> bool:
    """Is ``e`` libxml2 refusing a document nested deeper than its own bound (256 levels, above ours)? Some lxml
    builds (6.2) parse a small part whole before iterparse gives its first event, so that error comes before the
    depth count of the events reaches :attr:`Limits.max_xml_depth`; it is the same refusal.

    >>> from lxml import etree
    >>> try:
    ...     etree.fromstring(b"<a>" * 300 + b"</a>" * 300)
    ... except etree.XMLSyntaxError as e:
    ...     too_deep(e), too_deep(ValueError("Excessive"))
    (True, False)
    """
    from lxml import etree

    return isinstance(e, etree.XMLSyntaxError) and "Excessive depth" in str(e)


def _deep(path: str, kind: str, limits: Limits) -> LimitError:
    return LimitError(path, f"tệp {kind} lồng phần tử XML sâu hơn {limits.max_xml_depth} mức, vượt giới hạn",
                      "max_xml_depth")


def _zip_entries(raw: bytes) -> tuple[int, int] | None:
    """(entries, central directory size) from the zip's end record, read before the directory itself; None when
    there is no end record (not a zip)."""
    at = raw.rfind(b"PK\x05\x06", max(0, len(raw) - 65557))
    if at < 0 or at + 22 > len(raw):
        return None
    entries = int.from_bytes(raw[at + 10:at + 12], "little")
    size = int.from_bytes(raw[at + 12:at + 16], "little")
    if entries == 0xFFFF or size == 0xFFFFFFFF:  # Zip64: the counts are in the Zip64 end record
        z64 = raw.rfind(b"PK\x06\x06", 0, at)
        if z64 < 0 or z64 + 56 > len(raw):
            return None
        entries = int.from_bytes(raw[z64 + 32:z64 + 40], "little")
        size = int.from_bytes(raw[z64 + 40:z64 + 48], "little")
    return entries, size


def _check_package(path: str, raw: bytes, limits: Limits):
    """Open the zip after checking, from its directory alone, the number of parts and each part's size and ratio."""
    import zipfile

    counts = _zip_entries(raw)
    if counts is not None:
        entries, size = counts
        if entries > limits.max_zip_parts or size > limits.max_zip_parts * 1024:
            raise LimitError(path, f"tệp Word có {entries} phần (tệp nén), vượt giới hạn {limits.max_zip_parts} phần",
                             "max_zip_parts")
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
        infos = z.infolist()
    except Exception as e:  # noqa: BLE001 - not a zip, or a broken one
        raise _docx_error(path, e) from None
    if len(infos) > limits.max_zip_parts:
        raise LimitError(path, f"tệp Word có {len(infos)} phần (tệp nén), vượt giới hạn {limits.max_zip_parts} phần",
                         "max_zip_parts")
    for info in infos:
        if info.file_size > limits.max_part_bytes:
            raise LimitError(path, f"phần {info.filename} của tệp Word giải nén ra {mb(info.file_size)}, vượt giới hạn "
                                   f"{mb(limits.max_part_bytes)} mỗi phần", "max_part_bytes")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _SMALL_PART and ratio > limits.max_zip_ratio:
            raise LimitError(path, f"phần {info.filename} của tệp Word nén {ratio:.0f} lần, vượt giới hạn "
                                   f"{limits.max_zip_ratio} lần (tệp nén bất thường)", "max_zip_ratio")
    return z


class _BoundedReader:
    """A part read from the zip, at most ``limit`` uncompressed bytes whatever its directory entry says."""

    def __init__(self, f, limit: int, path: str, name: str):
        self.f, self.left, self.limit, self.path, self.name = f, limit, limit, path, name
        self.head = b""  # the first bytes, for the declaration check

    def read(self, n: int = -1) -> bytes:
        n = 65536 if n is None or n < 0 else n
        data = self.f.read(min(n, self.left + 1))
        self.left -= len(data)
        if self.left < 0:
            raise LimitError(self.path, f"phần {self.name} của tệp Word giải nén ra hơn {mb(self.limit)}, vượt giới hạn "
                                        f"{mb(self.limit)} mỗi phần", "max_part_bytes")
        if any(m in data for m in _DTD_MARKS) or any(m in self.head + data[:32] for m in _DTD_MARKS):
            raise LimitError(self.path, f"phần {self.name} của tệp Word có khai báo DTD/thực thể XML (không được phép: "
                                        f"có thể là bom mở rộng thực thể)", "xml_dtd")
        self.head = data[-32:]
        return data


def _safe_parser_options() -> dict:
    # no DTD, no entity substitution, no network, libxml2's default size and depth bounds (no huge_tree);
    # remove_blank_text as python-docx parses, so the text is the same
    return dict(remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _small_xml(z, name: str, path: str):
    """A small package part ([Content_Types].xml, _rels/.rels) parsed safely, or None when absent."""
    from lxml import etree

    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _PACKAGE_XML_MAX:
        raise LimitError(path, f"phần {name} của tệp Word lớn {mb(info.file_size)}, vượt giới hạn "
                               f"{mb(_PACKAGE_XML_MAX)}", "max_part_bytes")
    with z.open(info) as f:
        data = _BoundedReader(f, _PACKAGE_XML_MAX, path, name).read(_PACKAGE_XML_MAX + 1)
    return etree.fromstring(data, etree.XMLParser(**_safe_parser_options()))


def _main_part(z, path: str) -> str:
    """The main document part's name, as the package relationships and content types say (python-docx's check)."""
    name = "word/document.xml"
    rels = _small_xml(z, "_rels/.rels", path)
    if rels is not None:
        for rel in rels.iter(f"{_RELS}Relationship"):
            if rel.get("Type") == _MAIN_RELATIONSHIP and rel.get("TargetMode") != "External":
                name = (rel.get("Target") or name).lstrip("/")
                break
    types = _small_xml(z, "[Content_Types].xml", path)
    if types is not None:
        content_type = next((o.get("ContentType") for o in types.iter(f"{_TYPES}Override")
                             if (o.get("PartName") or "").lstrip("/") == name), None)
        if content_type is not None and content_type != _MAIN_CONTENT_TYPE:
            raise InputError(path, f"không phải tệp Word .docx (nội dung chính là {content_type})")
    return name


def _body_elements(stream, path: str, limits: Limits):
    """The body's paragraphs and tables (python-docx elements), one at a time: each is dropped once read, so the
    memory is that of the largest table, not of the document. Depth is bounded."""
    from docx.oxml.parser import element_class_lookup
    from lxml import etree

    events = etree.iterparse(stream, events=("start", "end"), **_safe_parser_options())
    events.set_element_class_lookup(element_class_lookup)
    depth = 0
    body_tag, wanted = f"{_W}body", (f"{_W}p", f"{_W}tbl")
    for event, elem in events:
        if event == "start":
            depth += 1
            if depth > limits.max_xml_depth:
                raise _deep(path, "Word", limits)
            continue
        depth -= 1
        parent = elem.getparent()
        if parent is None or parent.tag != body_tag:
            continue
        if elem.tag in wanted:
            yield elem
        elem.clear()
        while elem.getprevious() is not None:  # earlier siblings: already read
            del parent[0]


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
          (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(n: int) -> str:
    out = ""
    for v, s in _ROMAN:
        while n >= v:
            out, n = out + s, n - v
    return out


def number_text(fmt: str, n: int) -> str:
    """One level's counter as Word prints it ('decimal' 3 -> '3', 'lowerLetter' 3 -> 'c', 'upperRoman' 3 -> 'III')."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters, k = "", n
        while k > 0:
            k, r = divmod(k - 1, 26)
            letters = chr(97 + r) + letters
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).lower() if fmt == "lowerRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class ListNumbers:
    """Word's automatic list numbering (``word/numbering.xml``): the marker a numbered paragraph shows ('1.', 'a)',
    '2.1.', '-') though its text does not hold it. Counters run per list and level; a level restarts its deeper ones."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId -> ilvl -> (fmt, text, start)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for a in root.iter(f"{_W}abstractNum"):
            lv = {}
            for lvl in a.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                lv[int(lvl.get(f"{_W}ilvl", "0"))] = (fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                                                     text.get(f"{_W}val", "") if text is not None else "",
                                                     int(start.get(f"{_W}val", "1")) if start is not None else 1)
            self.levels[a.get(f"{_W}abstractNumId", "")] = lv
        for n in root.iter(f"{_W}num"):
            ab = n.find(f"{_W}abstractNumId")
            overrides = {int(o.get(f"{_W}ilvl", "0")): int(so.get(f"{_W}val", "1"))
                         for o in n.iter(f"{_W}lvlOverride") if (so := o.find(f"{_W}startOverride")) is not None}
            self.nums[n.get(f"{_W}numId", "")] = (ab.get(f"{_W}val", "") if ab is not None else "", overrides)

    def marker(self, p) -> str:
        """The marker of paragraph element ``p`` ('' when it is not in a numbered list)."""
        num = p.find(f"{_W}pPr/{_W}numPr")
        if num is None or not self.nums:
            return ""
        nid = num.find(f"{_W}numId")
        lvl = num.find(f"{_W}ilvl")
        num_id = nid.get(f"{_W}val", "") if nid is not None else ""
        ilvl = int(lvl.get(f"{_W}val", "0")) if lvl is not None else 0
        if num_id not in self.nums or num_id == "0":
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[ilvl]
        counts[ilvl] = counts.get(ilvl, overrides.get(ilvl, start) - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a new item at this level restarts the levels below it
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def level_value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            f, _, st = levels.get(k, ("decimal", "", 1))
            return number_text(f, counts.get(k, overrides.get(k, st)))

        return re.sub(r"%([1-9])", level_value, text).strip()


def _list_numbers(z, path: str, limits: Limits) -> ListNumbers:
    """The document's list numbering, read through the same bounds as the main part (absent: no numbering)."""
    from lxml import etree

    try:
        info = z.getinfo("word/numbering.xml")
    except KeyError:
        return ListNumbers(None)
    with z.open(info) as f:
        data = _BoundedReader(f, limits.max_part_bytes, path, "word/numbering.xml").read(limits.max_part_bytes + 1)
    try:
        return ListNumbers(etree.fromstring(data, etree.XMLParser(**_safe_parser_options())))
    except etree.XMLSyntaxError:
        return ListNumbers(None)  # a broken numbering part: the text without its automatic markers


def read_docx(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> "ReadResult":
    """Body paragraphs and tables of a Word file, in document order (see the module's doc).

    Only the main document part is read, through a bounded stream and a safe XML parser (no DTD, no entities,
    no network), after the zip's directory was checked against ``limits``: number of parts, each part's size and
    compression ratio. The text is python-docx's reading of each paragraph and table cell."""
    try:
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise InputError(path, f"cần gói python-docx để đọc tệp Word ({e})") from None
    z = _check_package(path, raw, limits)
    lines: list[str] = []
    size = 0
    try:
        name = _main_part(z, path)
        try:
            info = z.getinfo(name)
        except KeyError:
            raise InputError(path, "không đọc được tệp Word .docx (thiếu phần văn bản chính)") from None
        numbers = _list_numbers(z, path, limits)
        fonts = _run_fonts(z, path, limits)
        with z.open(info) as f:
            for child in _body_elements(_BoundedReader(f, limits.max_part_bytes, path, name), path, limits):
                fonts.convert(child)  # runs set in TCVN3 / VNI fonts, as Unicode
                if child.tag == f"{_W}p":
                    line = Paragraph(child, None).text
                    mark = numbers.marker(child)  # Word's automatic numbering: '1.', 'a)' shown but not in the text
                    if mark and line.strip() and not line.lstrip().startswith(mark):
                        line = f"{mark} {line.lstrip()}"
                else:
                    rows = []
                    for row in Table(child, None).rows:
                        cells: list[str] = []
                        seen: set[int] = set()
                        for cell in row.cells:  # a merged cell comes back once per grid column
                            if id(cell._tc) not in seen:
                                seen.add(id(cell._tc))
                                cells.append(cell.text)
                        rows.append(" | ".join(cells))
                    line = "\n".join(rows)
                    if not rows:
                        continue
                size += len(line) + 1
                if size > limits.max_text_chars:
                    raise LimitError(path, f"tệp Word có hơn {count(limits.max_text_chars)} ký tự chữ, vượt giới hạn",
                                     "max_text_chars")
                lines.append(line)
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - a broken part: bad XML, a bad zip entry, a CRC error
        raise (_deep(path, "Word", limits) if too_deep(e) else _docx_error(path, e)) from None
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(path, "tệp Word không có nội dung chữ")
    if fonts.used:
        return ReadResult(text, "+".join(["docx", *sorted(fonts.used)]))
    text, legacy = convert_text(text)  # legacy text in an ordinary font (pasted, or a font renamed)
    return ReadResult(text, f"docx+{legacy}" if legacy else "docx")


def _run_fonts(z, path: str, limits: Limits) -> RunFonts:
    """The fonts of the document's runs (``word/styles.xml`` through the same bounds as the main part; a styles part
    that is over them, declares a DTD or is broken is left unread, as it was before fonts were read)."""
    from lxml import etree

    try:
        info = z.getinfo("word/styles.xml")
    except KeyError:
        return RunFonts(None)
    try:
        with z.open(info) as f:
            data = _BoundedReader(f, limits.max_part_bytes, path, "word/styles.xml").read(limits.max_part_bytes + 1)
        return RunFonts(etree.fromstring(data, etree.XMLParser(**_safe_parser_options())))
    except (LimitError, etree.XMLSyntaxError):  # a hostile or broken styles part: the runs' own fonts only
        return RunFonts(None)


class _Count(logging.Handler):
    """Counts the warnings pypdf logs while one file is read (they are English and one per damaged object)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _pypdf_warnings_counted():
    """pypdf's log records counted while the block runs. When no one listens to them (no handler on pypdf's
    logger nor on the root logger: Python would print them to stderr), they are also kept from being printed;
    a caller that listens (the command line gathers them into one Vietnamese line) still gets them."""
    log = logging.getLogger("pypdf")
    handler = _Count()
    unheard = not log.handlers and not logging.getLogger().handlers
    saved = log.propagate
    log.addHandler(handler)
    if unheard:
        log.propagate = False
    try:
        yield handler
    finally:
        log.removeHandler(handler)
        log.propagate = saved


def _content_bytes(page) -> int:
    """The encoded size of a page's content streams (read from the file, not decoded)."""
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    total = 0
    for ref in streams:
        obj = ref.get_object() if hasattr(ref, "get_object") else ref
        data = getattr(obj, "_data", None)
        total += len(data) if data is not None else 0
    return total


def read_pdf(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS, ocr=None) -> "ReadResult":
    """The text of every page, in reading order (see the module's doc); the page count, each page's content
    streams and the text's length are checked against ``limits`` before each page is read. pypdf's own warnings
    (English, one per damaged object) are counted into the result's warnings, and not printed when no one
    listens to pypdf's logger (see :func:`_pypdf_warnings_counted`).

    Pages without a usable text layer (scans, garbage layers) are read by OCR, page by page, as ``ocr`` (a
    :class:`loaders.ocr.OcrOptions`; default :func:`loaders.ocr.current_options`) says (:func:`_ocr_pages`)."""
    try:
        from pypdf import PdfReader
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise InputError(path, f"cần gói pypdf để đọc tệp PDF ({e})") from None
    with _pypdf_warnings_counted() as counted:
        try:
            reader = PdfReader(io.BytesIO(raw))
            n = len(reader.pages)
            if n > limits.max_pdf_pages:
                raise LimitError(path, f"PDF có {n} trang, vượt giới hạn {limits.max_pdf_pages} trang", "max_pdf_pages")
            pages: list[str] = []
            size = 0
            for k, page in enumerate(reader.pages):
                if k >= limits.max_pdf_pages:  # a page tree that counts fewer pages than it holds
                    raise LimitError(path, f"PDF có hơn {limits.max_pdf_pages} trang, vượt giới hạn", "max_pdf_pages")
                stream = _content_bytes(page)
                if stream > limits.max_pdf_stream_bytes:
                    raise LimitError(path, f"trang {k + 1} của PDF có nội dung {mb(stream)}, vượt giới hạn "
                                           f"{mb(limits.max_pdf_stream_bytes)} mỗi trang", "max_pdf_stream_bytes")
                pages.append(_stamped_page_text(page))
                size += len(pages[-1]) + 1
                if size > limits.max_text_chars:
                    raise LimitError(path, f"PDF có hơn {count(limits.max_text_chars)} ký tự chữ, vượt giới hạn",
                                     "max_text_chars")
        except InputError:
            raise
        except Exception as e:  # noqa: BLE001 - a broken, encrypted or non-PDF file
            if type(e).__name__ == "LimitReachedError":  # pypdf's own bounds (decompressed stream size, …)
                raise LimitError(path, "một luồng nội dung của PDF giải nén ra quá lớn (vượt giới hạn của thư viện pypdf)",
                                 "max_pdf_stream_bytes") from None
            raise InputError(path, f"không đọc được tệp PDF ({type(e).__name__})") from None
    notes = [f"thư viện pypdf báo {counted.count} cảnh báo khi đọc tệp PDF (tệp có thể bị hỏng một phần)"] \
        if counted.count else []
    read_by_ocr = _ocr_pages(path, raw, pages, limits, ocr, notes)
    text = "\n".join(pages)
    if len(text) > limits.max_text_chars:
        raise LimitError(path, f"PDF có hơn {count(limits.max_text_chars)} ký tự chữ, vượt giới hạn", "max_text_chars")
    letters = sum(c.isalpha() for c in text)
    if letters < 100:
        if read_by_ocr:
            raise InputError(path, "PDF không có lớp chữ và nhận dạng chữ (OCR) không đọc được nội dung")
        raise InputError(path, "PDF không có lớp chữ (bản quét?): cần nhận dạng chữ (OCR), bỏ --ocr never")
    return ReadResult(text, "pdf", tuple(notes), read_by_ocr)


def _ocr_pages(path: str, raw: bytes, pages: list[str], limits: Limits, options, notes: list[str]) -> tuple:
    """Replace in ``pages`` the text of the pages to read by OCR (all with ``always``; with ``auto``, those whose
    layer is not usable: :func:`loaders.ocr.layer_usable`) by their OCR text, cleaned (:mod:`loaders.ocr_clean`);
    return ``(page, confidence)`` of each. When the OCR tools are missing and other pages have a text layer, those
    are read alone and a warning says which pages were left out; with no text at all, the error stands."""
    from . import ocr
    from .ocr_clean import clean_ocr_text

    options = options if options is not None else ocr.current_options()
    if options.mode == "never":
        return ()
    want = [k + 1 for k, t in enumerate(pages) if options.mode == "always" or not ocr.layer_usable(t)]
    if not want:
        return ()
    try:
        got = ocr.ocr_pages(path, raw, want, limits, options)
    except LimitError:
        raise
    except InputError as e:
        kept = [t for k, t in enumerate(pages) if k + 1 not in want]
        if sum(c.isalpha() for c in "".join(kept)) < 100:
            raise
        notes.append(f"{e.reason}; các trang {', '.join(map(str, want))} không được đọc")
        for k in want:
            pages[k - 1] = ""
        return ()
    # cleaned together (the document-wide rules count every page), the pages with a text layer as context
    cleaned = clean_ocr_text(_PAGE_MARK.join(got[k].text for k in want),
                             "\n".join(t for k, t in enumerate(pages) if k + 1 not in want)).split(_PAGE_MARK)
    for k, text in zip(want, cleaned):
        pages[k - 1] = text
    return tuple((k, round(got[k].confidence, 1)) for k in want)


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
    if not blanks:
        return text  # no blank to fill: the widgets' text is not read (each costs a text extraction)
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


# OpenDocument text (.odt): content.xml
_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODF_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODF_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODF_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_ODF_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _odf_part(z, name: str, path: str, limits: Limits):
    """A part of an OpenDocument package parsed safely (no DTD, entities or network; nesting depth bounded),
    or None when absent."""
    from lxml import etree

    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    with z.open(info) as f:
        data = _BoundedReader(f, limits.max_part_bytes, path, name).read(limits.max_part_bytes + 1)
    events = etree.iterparse(io.BytesIO(data), events=("start", "end"), **_safe_parser_options())
    depth = 0
    try:
        for event, _ in events:
            depth += 1 if event == "start" else -1
            if depth > limits.max_xml_depth:
                raise _deep(path, "OpenDocument", limits)
    except etree.XMLSyntaxError as e:
        if too_deep(e):
            raise _deep(path, "OpenDocument", limits) from None
        raise
    return events.root


class _OdfLists:
    """List markers of an OpenDocument text: the list styles' levels (number format, prefix, suffix, start) and
    a counter per list style and level."""

    def __init__(self, *roots):
        self.levels: dict[str, dict[int, tuple[str, str, str, int]]] = {}
        for root in roots:
            if root is None:
                continue
            for ls in root.iter(f"{_ODF_TEXT}list-style"):
                lv = {}
                for el in ls:
                    level = int(el.get(f"{_ODF_TEXT}level", "1"))
                    if el.tag == f"{_ODF_TEXT}list-level-style-number":
                        fmt = _ODF_FORMATS.get(el.get(f"{_ODF_STYLE}num-format", ""), "none")
                        lv[level] = (fmt, el.get(f"{_ODF_STYLE}num-prefix", ""), el.get(f"{_ODF_STYLE}num-suffix", ""),
                                     int(el.get(f"{_ODF_TEXT}start-value", "1")))
                    elif el.tag == f"{_ODF_TEXT}list-level-style-bullet":
                        lv[level] = ("bullet", "", "", 1)
                self.levels[ls.get(f"{_ODF_STYLE}name", "")] = lv
        self.counters: dict[tuple[str, int], int] = {}

    def restart(self, style: str) -> None:
        for key in [k for k in self.counters if k[0] == style]:
            del self.counters[key]

    def marker(self, style: str, level: int, start: str | None) -> str:
        fmt, prefix, suffix, first = self.levels.get(style, {}).get(level, ("none", "", "", 1))
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""
        n = int(start) if start and start.isdigit() else self.counters.get((style, level), first - 1) + 1
        self.counters[(style, level)] = n
        for key in [k for k in self.counters if k[0] == style and k[1] > level]:
            del self.counters[key]  # a new item restarts the deeper levels
        return f"{prefix}{number_text(fmt, n)}{suffix}".strip()


def _odf_inline(el) -> str:
    """The text of a paragraph or heading: spans and links read through, text:s as spaces, tabs and line breaks
    kept, notes (footnotes) left out as a Word paragraph's text leaves them."""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == f"{_ODF_TEXT}s":
            parts.append(" " * int(child.get(f"{_ODF_TEXT}c", "1")))
        elif tag == f"{_ODF_TEXT}tab":
            parts.append("\t")
        elif tag == f"{_ODF_TEXT}line-break":
            parts.append("\n")
        elif tag in (f"{_ODF_TEXT}note", f"{_ODF_OFFICE}annotation"):
            pass
        else:
            parts.append(_odf_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _odf_blocks(el, lists: _OdfLists, out: list[str], style: str = "", level: int = 0) -> None:
    """Paragraphs, headings, list items and tables under ``el``, in document order, as lines in ``out``."""
    for child in el:
        tag = child.tag
        if tag in (f"{_ODF_TEXT}p", f"{_ODF_TEXT}h"):
            out.append(_odf_inline(child))
        elif tag == f"{_ODF_TEXT}list":
            name = child.get(f"{_ODF_TEXT}style-name") or style
            if level == 0 and child.get(f"{_ODF_TEXT}continue-numbering") != "true" \
                    and child.get(f"{_ODF_TEXT}continue-list") is None:
                lists.restart(name)
            for item in child:
                if item.tag not in (f"{_ODF_TEXT}list-item", f"{_ODF_TEXT}list-header"):
                    continue
                mark = lists.marker(name, level + 1, item.get(f"{_ODF_TEXT}start-value")) \
                    if item.tag == f"{_ODF_TEXT}list-item" else ""
                lines: list[str] = []
                _odf_blocks(item, lists, lines, name, level + 1)
                if mark and lines and lines[0].strip() and not lines[0].lstrip().startswith(mark):
                    lines[0] = f"{mark} {lines[0].lstrip()}"
                out.extend(lines)
        elif tag == f"{_ODF_TABLE}table":
            rows = []
            for row in child.iter(f"{_ODF_TABLE}table-row"):
                cells = []
                for cell in row:
                    if cell.tag == f"{_ODF_TABLE}table-cell":
                        lines = []
                        _odf_blocks(cell, lists, lines, style, level)
                        cells.append("\n".join(lines))
                rows.append(" | ".join(cells))
            if rows:
                out.append("\n".join(rows))
        elif tag in (f"{_ODF_TEXT}section", f"{_ODF_TEXT}index-body", f"{_ODF_TEXT}table-of-content"):
            _odf_blocks(child, lists, out, style, level)


def read_odt(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> "ReadResult":
    """The text of an OpenDocument text file (``.odt``) as a Word file's reads: paragraphs, headings and tables in
    document order (a table row's cells joined by `` | ``), list items with the markers the document shows.
    ``content.xml`` (and ``styles.xml`` for list styles) are read within the same bounds as a Word file's parts;
    TCVN3 / VNI text is converted (encoding ``odt+tcvn3``, …)."""
    z = _check_package(path, raw, limits)
    try:
        content = _odf_part(z, "content.xml", path, limits)
        if content is None:
            raise InputError(path, "không đọc được tệp OpenDocument .odt (thiếu phần content.xml)")
        lists = _OdfLists(_odf_part(z, "styles.xml", path, limits), content)
        body = content.find(f"{_ODF_OFFICE}body/{_ODF_OFFICE}text")
        if body is None:
            raise InputError(path, "không phải tệp văn bản OpenDocument .odt (không có phần văn bản)")
        lines: list[str] = []
        _odf_blocks(body, lists, lines)
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - bad XML, a bad zip entry, a CRC error
        raise InputError(path, f"không đọc được tệp OpenDocument .odt ({type(e).__name__})") from None
    text = "\n".join(lines)
    if len(text) > limits.max_text_chars:
        raise LimitError(path, f"tệp .odt có hơn {count(limits.max_text_chars)} ký tự chữ, vượt giới hạn", "max_text_chars")
    if not text.strip():
        raise InputError(path, "tệp .odt không có nội dung chữ")
    text, legacy = convert_text(text)
    return ReadResult(text, f"odt+{legacy}" if legacy else "odt")
