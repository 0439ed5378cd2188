#!/usr/bin/env python3
"""Hostile input files: what a crafted or damaged notice can be, built in a folder for the fuzz report.

usage: python benchmarks/hostile.py DIR     (builds every file of :data:`CASES` in DIR and lists them)

Each builder writes one file and returns its path. The files are made from a real sample notice
(``tests/fixtures``) where a real one is needed, so that the same file with the hostile part taken out
is a correct notice. ``bench_fuzz.py`` runs each through the reader and the extractor in a subprocess;
``tests/test_fuzz.py`` checks, with small limits, that each ends in its typed limit error or a record.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE_TXT = FIXTURES / "notices" / "000_e9c322011b9ab118.txt"
SAMPLE_DOCX = FIXTURES / "extra" / "09_laocai-tb-vp-cum-cong-nghiep.docx"
SAMPLE_PDF = FIXTURES / "extra" / "11_laocai-cv-7432.pdf"
MAIN = "word/document.xml"


def write_pdf(dst: Path, objs: list[bytes]) -> Path:
    """Write the numbered objects ``objs`` (the catalog first) as a PDF file with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    dst.write_bytes(out.getvalue())
    return dst


def _rezip(src: Path, dst: Path, replace: dict[str, bytes | Callable[[zipfile.ZipFile], None]] | None = None,
           extra: Callable[[zipfile.ZipFile], None] | None = None) -> Path:
    """Copy a .docx, replacing some parts (bytes, or a function that writes the part itself) and adding others."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            new = replace.get(info.filename)
            if new is None:
                zout.writestr(info, zin.read(info.filename))
            elif callable(new):
                new(zout)
            else:
                zout.writestr(info.filename, new)
        if extra:
            extra(zout)
    return dst


def _write_zeros_part(name: str, size: int) -> Callable[[zipfile.ZipFile], None]:
    """A part of ``size`` bytes of one repeated XML-looking byte run, streamed (never held in memory)."""
    def write(z: zipfile.ZipFile) -> None:
        chunk = b" " * (1 << 20)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">')
            left = size
            while left > 0:
                f.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
            f.write(b"</w:styles>")
    return write


def docx_bomb(dst: Path, part: str = MAIN, size: int = 2 << 30) -> Path:
    """A real .docx whose ``part`` expands to ``size`` bytes (2 GiB: a file of about 2 MB)."""
    return _rezip(SAMPLE_DOCX, dst, {part: _write_zeros_part(part, size)})


def docx_lying_bomb(dst: Path, size: int = 256 << 20) -> Path:
    """A .docx whose main part says it is 1 kB in the zip's directory but inflates to ``size`` bytes."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = comp.compress(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    chunk = b"<w:p/>" * (1 << 16)
    data += b"".join(comp.compress(chunk) for _ in range(size // len(chunk)))
    data += comp.compress(b"</w:body></w:document>") + comp.flush()
    with zipfile.ZipFile(SAMPLE_DOCX) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist() if i.filename != MAIN]
    return _raw_zip(dst, parts, (MAIN, data, 1024))


def _raw_zip(dst: Path, parts: list[tuple[str, bytes]], liar: tuple[str, bytes, int]) -> Path:
    """A zip written by hand: ``parts`` deflated honestly, then ``liar`` (name, deflated data, declared size)."""
    out = io.BytesIO()
    central = []
    entries = [(n, zlib.compress(d, 9)[2:-4], len(d), zlib.crc32(d)) for n, d in parts]
    entries.append((liar[0], liar[1], liar[2], 0))
    for name, comp, size, crc in entries:
        offset = out.tell()
        nb = name.encode()
        header = (b"PK\x03\x04" + (20).to_bytes(2, "little") + (0).to_bytes(2, "little") + (8).to_bytes(2, "little")
                  + (0).to_bytes(4, "little") + crc.to_bytes(4, "little") + len(comp).to_bytes(4, "little")
                  + size.to_bytes(4, "little") + len(nb).to_bytes(2, "little") + (0).to_bytes(2, "little"))
        out.write(header + nb + comp)
        central.append(b"PK\x01\x02" + (20).to_bytes(2, "little") + header[4:] + (0).to_bytes(2, "little") * 3
                       + (0).to_bytes(4, "little") + offset.to_bytes(4, "little") + nb)
    cd_start = out.tell()
    for c in central:
        out.write(c)
    cd_size = out.tell() - cd_start
    out.write(b"PK\x05\x06" + (0).to_bytes(4, "little") + len(central).to_bytes(2, "little") * 2
              + cd_size.to_bytes(4, "little") + cd_start.to_bytes(4, "little") + (0).to_bytes(2, "little"))
    dst.write_bytes(out.getvalue())
    return dst


def _main_xml() -> bytes:
    with zipfile.ZipFile(SAMPLE_DOCX) as z:
        return z.read(MAIN)


def docx_billion_laughs(dst: Path, part: str = MAIN) -> Path:
    """The classic entity-expansion bomb (10^9 'lol's from a 1 kB declaration) in a real .docx's ``part``."""
    decl = ['<!DOCTYPE w:document [', '<!ENTITY lol "lol">']
    decl.append('<!ENTITY lol1 "' + "&lol;" * 10 + '">')
    decl += [f'<!ENTITY lol{k} "' + f"&lol{k - 1};" * 10 + '">' for k in range(2, 10)]
    decl.append("]>")
    xml = _main_xml()
    head, rest = xml.split(b"?>", 1)
    body = rest.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", 1)
    return _rezip(SAMPLE_DOCX, dst, {part: head + b"?>" + "\n".join(decl).encode() + body})


def docx_deep(dst: Path, depth: int = 100_000) -> Path:
    """A .docx whose body nests ``depth`` elements (an XML depth bomb)."""
    xml = _main_xml()
    nest = b"<w:sdt>" * depth + b"</w:sdt>" * depth
    return _rezip(SAMPLE_DOCX, dst, {MAIN: xml.replace(b"<w:body>", b"<w:body>" + nest, 1)})


def docx_many_parts(dst: Path, parts: int = 20_000) -> Path:
    """A real .docx with ``parts`` extra tiny parts."""
    def extra(z: zipfile.ZipFile) -> None:
        for k in range(parts):
            z.writestr(f"customXml/extra{k}.xml", b"<a/>")
    return _rezip(SAMPLE_DOCX, dst, extra=extra)


def docx_styles_bomb(dst: Path, size: int = 2 << 30) -> Path:
    """A real .docx whose word/styles.xml expands to ``size`` bytes (the part extraction does not need)."""
    return docx_bomb(dst, "word/styles.xml", size)


def pdf_pages(dst: Path, pages: int = 2000, text: str = "Trang {k}: Giao So Y te chu tri thuc hien.") -> Path:
    """A PDF of ``pages`` pages with one line of (ASCII) text each, written by hand."""
    objs: list[bytes] = []
    kids = " ".join(f"{4 + 2 * k} 0 R" for k in range(pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for k in range(pages):
        line = text.format(k=k + 1).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content = f"BT /F1 11 Tf 50 800 Td ({line}) Tj ET".encode("latin-1", "replace")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                    f"/Contents {5 + 2 * k} 0 R >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return write_pdf(dst, objs)


def pdf_stream_bomb(dst: Path, size: int = 1 << 30) -> Path:
    """A one-page PDF whose content stream inflates to ``size`` bytes (about 1 MB in the file)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = comp.compress(b"BT /F1 11 Tf 50 800 Td (Giao So Y te) Tj ET\n")
    for _ in range(size // len(chunk)):
        data += comp.compress(chunk)
    data += comp.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"]
    return write_pdf(dst, objs)


BODY = "2. Nhiệm vụ trong thời gian tới\n"


def _name(k: int) -> str:
    return f"Sở {chr(65 + k % 26)}{chr(97 + (k // 26) % 26)}{chr(97 + (k // 676) % 26)}"


def long_list_text(dst: Path, names: int = 3200) -> Path:
    """The sample notice with 'Giao Sở A, Sở B, … (``names`` names) chủ trì …' in its body."""
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    i = text.index(BODY) + len(BODY)
    line = "Giao " + ", ".join(_name(k) for k in range(names)) + " chủ trì thực hiện."
    dst.write_text(text[:i] + "\n" + line + "\n" + text[i:], encoding="utf-8")
    return dst


def group_list_text(dst: Path, names: int = 3200) -> Path:
    """The sample notice with 'Yêu cầu các sở, ngành: A, B, … khẩn trương thực hiện.' (the list after a group)."""
    real = ["Sở Tài chính", "Sở Y tế", "Sở Nông nghiệp và Môi trường", "Công an tỉnh", "UBND xã Khuất Xá"]
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    i = text.index(BODY) + len(BODY)
    line = "Yêu cầu các sở, ngành: " + ", ".join(real[k % 5] for k in range(names)) + " khẩn trương thực hiện."
    dst.write_text(text[:i] + "\n" + line + "\n" + text[i:], encoding="utf-8")
    return dst


def huge_text(dst: Path, chars: int = 8_000_000) -> Path:
    """The sample notice repeated to about ``chars`` characters (over the text limit)."""
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    dst.write_text(text * (chars // len(text) + 1), encoding="utf-8")
    return dst


def long_notice(dst: Path, copies: int = 30) -> Path:
    """A long document: the sample's body repeated ``copies`` times as annexes (10,500 characters each)."""
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    i = text.index(BODY)
    annex = text[i:text.index("Nơi nhận") if "Nơi nhận" in text else len(text)]
    dst.write_text(text + "".join(f"\nPHỤ LỤC {k + 1}\n" + annex for k in range(copies)), encoding="utf-8")
    return dst


def bad_bytes_text(dst: Path, flips: int = 3) -> Path:
    """The sample notice (UTF-8) with ``flips`` bytes made invalid (0xFF)."""
    raw = bytearray(SAMPLE_TXT.read_bytes())
    for k in range(flips):
        at = len(raw) * (k + 1) // (flips + 1)
        while raw[at] >= 0x80:  # an ASCII byte: one byte replaced, not a whole letter
            at += 1
        raw[at] = 0xFF
    dst.write_bytes(bytes(raw))
    return dst


def invisible_text(dst: Path) -> Path:
    """The sample notice with paragraph separators for line breaks, bidi overrides and zero-width spaces in names."""
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    text = text.replace("\n", "\u2029").replace("UBND", "U\u202eBN\u202cD").replace("Sở ", "Sở\u200b ")
    dst.write_text(text, encoding="utf-8")
    return dst


SAMPLE_PAGE = FIXTURES / "html" / "000_e9c322011b9ab118.portal.html"


def html_deep(dst: Path, depth: int = 100_000) -> Path:
    """The sample notice's portal page with ``depth`` nested <div>s before the document (a depth bomb)."""
    page = SAMPLE_PAGE.read_text(encoding="utf-8")
    dst.write_text(page.replace("<body>", "<body>" + "<div>" * depth + "x" + "</div>" * depth, 1), encoding="utf-8")
    return dst


def html_link_flood(dst: Path, links: int = 200_000) -> Path:
    """The sample notice's portal page with ``links`` menu links in its sidebar (about 12 MB of boilerplate)."""
    page = SAMPLE_PAGE.read_text(encoding="utf-8")
    flood = "".join(f'<li><a href="/tin/{k}">Tin tức số {k} về hoạt động của các sở, ngành</a></li>' for k in range(links))
    dst.write_text(page.replace('<div class="widget"><h3>Tin mới</h3><ul>', '<div class="widget"><h3>Tin mới</h3><ul>'
                                + flood, 1), encoding="utf-8")
    return dst


def odt_bomb(dst: Path, size: int = 2 << 30) -> Path:
    """An OpenDocument file whose content.xml expands to ``size`` bytes (2 GiB: a file of about 2 MB)."""
    return _rezip(FIXTURES / "legacy" / "09_laocai-tb-vp-cum-cong-nghiep.odt", dst,
                  {"content.xml": _write_zeros_part("content.xml", size)})


def tcvn3_long(dst: Path, copies: int = 30) -> Path:
    """The long notice (30 annexes) typed in TCVN3, single bytes: detected and converted."""
    sys.path.insert(0, str(FIXTURES.parents[1]))
    from loaders.legacy import from_unicode

    long_notice(dst, copies)
    dst.write_bytes(from_unicode(dst.read_text(encoding="utf-8"), "tcvn3").encode("cp1252"))
    return dst


# name -> (file name, builder, what a correct outcome is: "record" or the Limits field of the typed error)
CASES: dict[str, tuple[str, Callable[[Path], Path], str]] = {
    "baseline .txt (the sample)": ("sample.txt", lambda p: p.write_bytes(SAMPLE_TXT.read_bytes()) and p, "record"),
    "baseline .docx (a real one)": ("sample.docx", lambda p: p.write_bytes(SAMPLE_DOCX.read_bytes()) and p, "record"),
    "baseline .pdf (a real one)": ("sample.pdf", lambda p: p.write_bytes(SAMPLE_PDF.read_bytes()) and p, "record"),
    "zip bomb: document.xml 2 GiB": ("bomb-document.docx", docx_bomb, "max_part_bytes"),
    "zip bomb: styles.xml 2 GiB": ("bomb-styles.docx", docx_styles_bomb, "max_part_bytes"),
    "zip bomb, lying directory (256 MiB)": ("bomb-lying.docx", docx_lying_bomb, "error"),
    "billion laughs in document.xml": ("laughs.docx", docx_billion_laughs, "xml_dtd"),
    "XML nested 100,000 deep": ("deep.docx", docx_deep, "max_xml_depth"),
    "20,000 zip parts": ("parts.docx", docx_many_parts, "max_zip_parts"),
    "PDF of 2,000 pages": ("pages-2000.pdf", pdf_pages, "max_pdf_pages"),
    "PDF of 900 pages (under the limit)": ("pages-900.pdf", lambda p: pdf_pages(p, 900), "not a notice"),
    "PDF content stream bomb (1 GiB)": ("stream-bomb.pdf", pdf_stream_bomb, "max_pdf_stream_bytes"),
    "3,200 names in one sentence": ("names-3200.txt", long_list_text, "record"),
    "3,200 names after 'các sở, ngành:'": ("group-3200.txt", group_list_text, "record"),
    "long notice (30 annexes, 0.3 M characters)": ("long.txt", long_notice, "record"),
    "notice at the text limit (2.9 M characters)": ("long-limit.txt", lambda p: long_notice(p, 275), "record"),
    "text of 8 million characters": ("huge.txt", huge_text, "max_text_chars"),
    "UTF-8 with 3 invalid bytes": ("bad-bytes.txt", bad_bytes_text, "record"),
    "invisible and bidi characters": ("invisible.txt", invisible_text, "record"),
    "web page nested 100,000 deep": ("deep.html", html_deep, "max_xml_depth"),
    "web page with 200,000 menu links": ("links.html", html_link_flood, "max_html_elements"),
    "web page with 45,000 menu links (under the limit)": ("links-45000.html", lambda p: html_link_flood(p, 45_000),
                                                          "record"),
    "zip bomb: .odt content.xml 2 GiB": ("bomb-content.odt", odt_bomb, "max_part_bytes"),
    "long notice in TCVN3 (0.3 M characters)": ("long-tcvn3.txt", tcvn3_long, "record"),
}


def build(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Build the cases (all, or those named) in ``folder``; name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (file, builder, _) in CASES.items():
        if names is None or name in names:
            out[name] = builder(folder / file)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for name, path in build(Path(sys.argv[1])).items():
        print(f"{path.stat().st_size:>12,}  {path}  ({name})")
