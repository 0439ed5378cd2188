"""read_source: decoding, hashing, and one clear Vietnamese reason for each bad input."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from loaders.errors import ExtractionError, InputError
from loaders.read import READERS, Source, read_source

TEXT = "THÔNG BÁO\nKết luận của đồng chí Phó Chủ tịch UBND tỉnh\nGiao Sở Y tế chủ trì.\n"

# name, file name, bytes, expected encoding, expected text
GOOD = [
    ("utf-8", "a.txt", TEXT.encode("utf-8"), "utf-8", TEXT),
    ("utf-8 markdown", "a.md", ("# " + TEXT).encode("utf-8"), "utf-8", "# " + TEXT),
    ("utf-8 upper-case suffix", "A.TXT", TEXT.encode("utf-8"), "utf-8", TEXT),
    ("utf-8 with BOM", "a.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig", TEXT),
    ("utf-16 LE with BOM", "a.txt", b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le", TEXT),
    ("utf-16 BE with BOM", "a.txt", b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be", TEXT),
    ("CRLF", "a.txt", TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8", TEXT),
    ("CR only", "a.txt", TEXT.replace("\n", "\r").encode("utf-8"), "utf-8", TEXT),
    ("utf-16 LE CRLF", "a.txt", b"\xff\xfe" + TEXT.replace("\n", "\r\n").encode("utf-16-le"), "utf-16-le", TEXT),
    # Windows-1258 writes tone marks as combining characters: 'kết' = k, ê, U+0301, t
    ("windows-1258 fallback", "a.txt", b"Th\xf4ng b\xe1o k\xea\xect lu\xe2\xf2n\n", "cp1258",
     "Thông báo kê\u0301t luâ\u0323n\n"),
    # NFD stays NFD: normalisation is loaders.normalize's job, not the reader's
    ("no unicode normalisation", "a.txt", "Thông báo\n".encode("utf-8").replace("ô".encode(), "o\u0302".encode()),
     "utf-8", "Tho\u0302ng báo\n"),
    ("DOS end-of-file mark", "a.txt", TEXT.encode("utf-8") + b"\x1a", "utf-8", TEXT + "\x1a"),
]


@pytest.mark.parametrize("name, filename, raw, encoding, text", GOOD, ids=[g[0] for g in GOOD])
def test_reads_text(tmp_path, name, filename, raw, encoding, text):
    path = tmp_path / filename
    path.write_bytes(raw)
    src = read_source(path)
    assert isinstance(src, Source)
    assert src.path == str(path)
    assert src.raw == raw
    assert src.sha256 == hashlib.sha256(raw).hexdigest()
    assert src.encoding == encoding
    assert src.text == text
    assert "\r" not in src.text


def test_accepts_str_path(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert read_source(str(path)).path == str(path)


def test_source_is_frozen(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    src = read_source(path)
    with pytest.raises(Exception):
        src.text = "x"  # type: ignore[misc]
    assert "raw" not in repr(src)  # a record's repr does not dump the whole file


def _binary_zip_like():
    return b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4


# name, file name, bytes (None: do not create), reason (start of)
BAD = [
    ("missing", "missing.txt", None, "không tìm thấy tệp"),
    ("empty", "empty.txt", b"", "tệp rỗng"),
    ("whitespace only", "blank.txt", b"  \r\n\t\n   \n", "tệp rỗng"),
    ("BOM only", "bom.txt", b"\xef\xbb\xbf", "tệp rỗng"),
    ("utf-16 whitespace only", "blank16.txt", b"\xff\xfe" + " \r\n".encode("utf-16-le"), "tệp rỗng"),
    ("binary with NUL bytes", "zip.txt", _binary_zip_like(), "không phải tệp văn bản (dữ liệu nhị phân)"),
    ("mostly control characters", "ctl.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x0e, 0x0f]) * 20 + b"abc",
     "không phải tệp văn bản (dữ liệu nhị phân)"),
    ("UTF-16 without BOM", "nobom16.txt", TEXT.encode("utf-16-le"), "không phải tệp văn bản (dữ liệu nhị phân)"),
    ("undecodable", "bad.txt", b"abc \x81\x8a\x9e xyz\n", "không giải mã được"),
    ("broken utf-16", "bad16.txt", b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00", "không giải mã được"),
    ("corrupt docx", "a.docx", b"PK\x03\x04whatever", "không đọc được tệp Word .docx"),
    ("corrupt pdf", "a.pdf", b"%PDF-1.7\n", "không đọc được tệp PDF"),
    ("WordPerfect unsupported", "a.wpd", b"\xffWPCwhatever", "định dạng chưa được hỗ trợ: .wpd"),
    ("not a legacy Word file", "a.doc", b"whatever" * 20, "không phải tệp Word .doc (thiếu chữ ký tệp Word 97-2003)"),
    ("no suffix", "README", TEXT.encode("utf-8"), "định dạng chưa được hỗ trợ"),
]


@pytest.mark.parametrize("name, filename, raw, reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input(tmp_path, name, filename, raw, reason):
    path = tmp_path / filename
    if raw is not None:
        path.write_bytes(raw)
    with pytest.raises(InputError) as info:
        read_source(path)
    err = info.value
    assert isinstance(err, ExtractionError)
    assert err.path == str(path)
    assert err.reason.startswith(reason), err.reason
    assert str(err) == f"{path}: {err.reason}"
    assert "\n" not in str(err)


def test_missing_docx_says_missing(tmp_path):
    with pytest.raises(InputError, match="không tìm thấy tệp"):
        read_source(tmp_path / "gone.docx")


def test_directory(tmp_path):
    (tmp_path / "d.txt").mkdir()
    with pytest.raises(InputError, match="là thư mục"):
        read_source(tmp_path / "d.txt")


@pytest.mark.skipif(sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="root can read anything")
def test_unreadable(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="không có quyền đọc tệp"):
            read_source(path)
    finally:
        path.chmod(0o644)


def test_unreadable_reason(tmp_path, monkeypatch):
    """The permission case, also when the tests run as root."""
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(path), "read_bytes", deny)
    with pytest.raises(InputError, match="không có quyền đọc tệp"):
        read_source(path)


def test_input_error_is_one_line():
    err = InputError("a.txt", "lý do\ntrên hai dòng")
    assert str(err) == "a.txt: lý do trên hai dòng"
    assert (err.path, err.reason) == ("a.txt", "lý do trên hai dòng")


def test_readers_table_is_pluggable(tmp_path, monkeypatch):
    monkeypatch.setitem(READERS, ".docx", lambda path, raw, limits: (raw.decode("ascii").upper(), "docx"))
    path = tmp_path / "a.docx"
    path.write_bytes(b"hello\n")
    src = read_source(path)
    assert (src.text, src.encoding) == ("HELLO\n", "docx")


def test_fixtures_read(notice_paths):
    for path in notice_paths:
        src = read_source(path)
        assert src.encoding == "utf-8"
        assert src.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert "THÔNG BÁO" in src.text


# --- Word and PDF as the offices keep them ------------------------------------------------------------

EXTRA = Path(__file__).parent / "fixtures" / "extra"


def _essentials(rec: dict) -> dict:
    return {
        "notice": rec["notice"],
        "meeting": rec["meeting"],
        "citations": sorted((c["type"], c.get("number") or "", c.get("date") or "") for c in rec["citations"]),
        "tasks": [(t["ref"], t["deadline"], sorted((a["name"], a["role"]) for a in t["assignees"]), t["report_to"])
                  for t in rec["tasks"]],
    }


@pytest.mark.parametrize("stem", ["01_lamdong-tbkl-cchc", "09_laocai-tb-vp-cum-cong-nghiep"])
def test_docx_reads_like_its_text_export(stem):
    from loaders.extract import extract_path

    word = extract_path(EXTRA / f"{stem}.docx")
    text = extract_path(EXTRA / f"{stem}.txt")
    assert word["source"]["encoding"] == "docx"
    assert len(word["tasks"]) > 10
    assert _essentials(word) == _essentials(text)


def test_docx_tables_become_cells(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    d.add_paragraph("THÔNG BÁO")
    path = tmp_path / "a.docx"
    d.save(path)
    src = read_source(path)
    assert src.text.splitlines()[:2] == ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "THÔNG BÁO"]


def test_pdf_without_text_layer_is_refused(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    w = pypdf.PdfWriter()
    w.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with open(path, "wb") as f:
        w.write(f)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert "không có lớp chữ" in info.value.reason


def test_signed_pdf_reads_its_stamped_number_and_day():
    """The number and day of this signed công văn live in signature widgets over the header's
    blanks, not in the page text: they are read from the widgets and put into those blanks."""
    from loaders.extract import extract_path

    src = read_source(EXTRA / "11_laocai-cv-7432.pdf")
    assert src.encoding == "pdf"
    assert "Số: 7432 /UBND-XD" in src.text and "ngày 21 tháng 7 năm 2026" in src.text
    pdf = extract_path(EXTRA / "11_laocai-cv-7432.pdf")
    assert (pdf["notice"]["number"], pdf["notice"]["date"]) == ("7432/UBND-XD", "2026-07-21")
    assert _essentials(pdf) == _essentials(extract_path(EXTRA / "11_laocai-cv-7432-layout.txt"))


def test_word_automatic_numbering_is_read_as_markers(tmp_path):
    """Word's automatic list numbering (numPr) is shown but not in a paragraph's text: the reader writes the marker
    ('1.', '2.') as the document shows it, so numbered items stay items."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from loaders.read import read_source

    d = docx.Document()
    for t in ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 12/TB-UBND", "Lào Cai, ngày 10 tháng 4 năm 2026", "THÔNG BÁO",
              "Phó Chủ tịch UBND tỉnh kết luận như sau:"]:
        d.add_paragraph(t)
    list_number = d.styles["List Number"].element.find(qn("w:pPr")).find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    for t in ["Giao Sở Xây dựng rà soát hồ sơ, hoàn thành trước ngày 30/5/2026.", "Giao Sở Tài chính bố trí vốn."]:
        p = d.add_paragraph(t)
        num = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", "0"), ("w:numId", list_number)):
            e = OxmlElement(tag)
            e.set(qn("w:val"), val)
            num.append(e)
        p._p.get_or_add_pPr().append(num)
    d.add_paragraph("Nơi nhận:")
    d.save(tmp_path / "n.docx")
    lines = read_source(str(tmp_path / "n.docx")).text.splitlines()
    assert lines[6:9] == ["1. Giao Sở Xây dựng rà soát hồ sơ, hoàn thành trước ngày 30/5/2026.",
                          "2. Giao Sở Tài chính bố trí vốn.", "Nơi nhận:"]


def test_list_number_formats():
    from loaders.office import ListNumbers, number_text

    assert [number_text(f, 4) for f in ("decimal", "lowerLetter", "upperRoman", "lowerRoman", "decimalZero")] == [
        "4", "d", "IV", "iv", "04"]
    assert ListNumbers(None).counters == {}
