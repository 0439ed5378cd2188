"""Hostile and damaged inputs: each ends in its typed limit error or a correct record, never another exception.

Three parts:

* the hostile files of ``benchmarks/hostile.py`` (zip bombs, billion laughs, XML depth, too many parts, too many
  PDF pages, a content-stream bomb, too much text), each asserted to end in its :class:`LimitError` (its
  ``limit`` named, one Vietnamese line naming the file) or in the sample's own record; sizes here are small or
  the limits lowered, the real sizes are measured in ``benchmarks/bench_fuzz.py``;
* tolerant decoding and invisible characters, on real samples;
* hypothesis property tests: real samples (.txt, .docx, .pdf) mutated (truncated, bytes flipped or inserted,
  lines shuffled, control and zero-width characters inserted, other encodings) read and extracted into a record
  or an :class:`InputError`. A few examples in the default run; many more under the ``slow`` marker
  (``KG_RUN_SLOW=1``).
"""

from __future__ import annotations

import random
import subprocess
import sys
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, NOTICES_DIR, ROOT
from loaders.errors import InputError, LimitError
from loaders.extract import extract_path, extract_source, extract_text
from loaders.limits import Limits
from loaders.normalize import normalize, strip_invisible
from loaders.read import read_source

sys.path.insert(0, str(ROOT / "benchmarks"))
import hostile  # noqa: E402

SAMPLE_TXT = NOTICES_DIR / "000_e9c322011b9ab118.txt"
SAMPLE_DOCX = FIXTURES / "extra" / "09_laocai-tb-vp-cum-cong-nghiep.docx"
SAMPLE_PDF = FIXTURES / "extra" / "11_laocai-cv-7432.pdf"
MiB = 1024 * 1024


def without_source(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if k != "source"}


def _limit(path: Path, limits: Limits | None = None) -> LimitError:
    with pytest.raises(LimitError) as info:
        extract_source(read_source(path, limits))
    e = info.value
    assert isinstance(e, InputError)
    assert "\n" not in str(e) and str(e).startswith(f"{path}: ")
    return e


# --- hostile files ----------------------------------------------------------------------------------------------

def test_docx_part_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    e = _limit(hostile.docx_bomb(tmp_path / "bomb.docx", size=80 * MiB))  # 80 MiB > 64 MiB, default limits
    assert e.limit == "max_part_bytes"
    assert e.reason == "phần word/document.xml của tệp Word giải nén ra 80 MB, vượt giới hạn 64 MB mỗi phần"


def test_docx_part_with_a_bomb_ratio_is_refused(tmp_path):
    e = _limit(hostile.docx_bomb(tmp_path / "bomb.docx", size=3 * MiB))  # 3 MiB of spaces: a ratio near 1,000
    assert e.limit == "max_zip_ratio"
    assert e.reason.startswith("phần word/document.xml của tệp Word nén ") and e.reason.endswith(
        " lần, vượt giới hạn 200 lần (tệp nén bất thường)")


def test_docx_styles_bomb_is_refused_though_styles_are_not_read(tmp_path):
    e = _limit(hostile.docx_styles_bomb(tmp_path / "bomb.docx", size=80 * MiB))
    assert (e.limit, e.reason) == ("max_part_bytes", "phần word/styles.xml của tệp Word giải nén ra 80 MB, vượt giới hạn 64 MB mỗi phần")


def test_docx_whose_directory_lies_about_a_size_reads_no_more_than_it_says(tmp_path):
    path = hostile.docx_lying_bomb(tmp_path / "lying.docx", size=8 * MiB)
    with pytest.raises(InputError, match=r"lying\.docx: không đọc được tệp Word \.docx \(BadZipFile\)$"):
        read_source(path)


def test_docx_billion_laughs_is_refused(tmp_path):
    e = _limit(hostile.docx_billion_laughs(tmp_path / "laughs.docx"))
    assert e.limit == "xml_dtd"
    assert e.reason == ("phần word/document.xml của tệp Word có khai báo DTD/thực thể XML (không được phép: "
                        "có thể là bom mở rộng thực thể)")


def test_docx_billion_laughs_in_a_part_not_read_leaves_the_record_as_it_is(tmp_path):
    path = hostile.docx_billion_laughs(tmp_path / "laughs.docx", part="word/styles.xml")
    assert without_source(extract_path(path)) == without_source(extract_path(SAMPLE_DOCX))


def test_docx_nested_too_deep_is_refused(tmp_path):
    e = _limit(hostile.docx_deep(tmp_path / "deep.docx", depth=1000))
    assert (e.limit, e.reason) == ("max_xml_depth", "tệp Word lồng phần tử XML sâu hơn 128 mức, vượt giới hạn")


def test_docx_with_too_many_parts_is_refused(tmp_path):
    e = _limit(hostile.docx_many_parts(tmp_path / "parts.docx", parts=1000))
    assert e.limit == "max_zip_parts"
    assert e.reason.startswith("tệp Word có 10") and e.reason.endswith(" phần (tệp nén), vượt giới hạn 1000 phần")


def test_pdf_of_2000_pages_is_refused(tmp_path):
    e = _limit(hostile.pdf_pages(tmp_path / "pages.pdf", 2000))
    assert (e.limit, e.reason) == ("max_pdf_pages", "PDF có 2000 trang, vượt giới hạn 1000 trang")


def test_pdf_page_with_a_content_stream_over_the_limit_is_refused(tmp_path):
    path = hostile.pdf_stream_bomb(tmp_path / "stream.pdf", size=4 * MiB)
    e = _limit(path, Limits(max_pdf_stream_bytes=1000))
    assert e.limit == "max_pdf_stream_bytes"
    assert e.reason.startswith("trang 1 của PDF có nội dung ") and e.reason.endswith(" kB, vượt giới hạn 1000 byte mỗi trang")


def test_text_over_the_length_limit_is_refused(tmp_path):
    e = _limit(SAMPLE_TXT, Limits(max_text_chars=10_000))
    assert e.limit == "max_text_chars"
    assert e.reason.startswith("văn bản dài ") and e.reason.endswith(" ký tự, vượt giới hạn 10.000 ký tự")


def test_text_handed_to_the_extractor_is_bounded_too(monkeypatch):
    monkeypatch.setenv("KG_LIMIT_MAX_TEXT_CHARS", "10000")
    with pytest.raises(LimitError, match=r"^x\.txt: văn bản dài 14\.561 ký tự, vượt giới hạn 10\.000 ký tự$"):
        extract_text(TEXT, path="x.txt")


def test_docx_text_over_the_length_limit_is_refused():
    e = _limit(SAMPLE_DOCX, Limits(max_text_chars=1000))
    assert (e.limit, e.reason) == ("max_text_chars", "tệp Word có hơn 1.000 ký tự chữ, vượt giới hạn")


def test_file_over_the_size_limit_is_refused_before_it_is_read():
    e = _limit(SAMPLE_PDF, Limits(max_file_bytes=MiB))
    assert (e.limit, e.reason) == ("max_file_bytes", "tệp lớn 2,8 MB, vượt giới hạn 1 MB")


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("KG_LIMIT_MAX_TEXT_CHARS", "5000")
    assert _limit(SAMPLE_TXT).limit == "max_text_chars"
    monkeypatch.setenv("KG_LIMIT_MAX_TEXT_CHARS", "not a number")  # ignored: the default holds
    assert read_source(SAMPLE_TXT).encoding == "utf-8"


def test_a_3200_name_sentence_gives_every_name(tmp_path):
    rec = extract_path(hostile.long_list_text(tmp_path / "names.txt", 3200))
    task = next(t for t in rec["tasks"] if t["text"].startswith("Giao Sở Aaa, Sở Baa"))
    assert len(task["assignees"]) == 3200 and task["assignees"][-1]["name"] == "Sở Bte"


# --- tolerant decoding, invisible characters --------------------------------------------------------------------

def test_invalid_bytes_in_a_utf8_notice_are_replaced_and_reported(tmp_path):
    rec = extract_path(hostile.bad_bytes_text(tmp_path / "bad.txt", flips=3))
    assert rec["source"]["encoding"] == "utf-8"
    assert rec["source"]["warnings"] == ["đã thay 3 byte không giải mã được (utf-8) bằng ký tự thay thế U+FFFD"]
    clean = extract_path(SAMPLE_TXT)
    assert (rec["notice"], len(rec["tasks"])) == (clean["notice"], len(clean["tasks"]))
    assert "warnings" not in clean["source"]


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: a base letter, then the tone mark as a combining character."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tone = next(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
            out += unicodedata.normalize("NFC", d.replace(tone, "")).encode("cp1258") + tone.encode("cp1258")
    return out


def test_a_legacy_code_page_notice_is_still_read_as_such(tmp_path):
    path = tmp_path / "cp1258.txt"
    line = "Thông báo kết luận: Giao Sở Y tế chủ trì, phối hợp với các đơn vị liên quan.\n"
    path.write_bytes(_cp1258(line * 5))
    src = read_source(path)
    assert (src.encoding, unicodedata.normalize("NFC", src.text), src.warnings) == ("cp1258", line * 5, ())


def test_pdf_library_warnings_are_counted_not_printed(tmp_path):
    """Read by the library alone (no logging set up): pypdf's English lines are not printed, their number is a
    warning of the source. (Under the command line they reach its one Vietnamese line: tests/test_cli_edges.py.)"""
    raw = SAMPLE_PDF.read_bytes()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(raw[:raw.rfind(b"startxref")] + b"startxref\n123\n%%EOF\n")  # a wrong xref offset
    code = ("import sys; sys.path.insert(0, sys.argv[2]); from loaders.read import read_source; "
            "print(read_source(sys.argv[1]).warnings[0])")
    proc = subprocess.run([sys.executable, "-c", code, str(damaged), str(ROOT)], capture_output=True, text=True,
                          encoding="utf-8")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "thư viện pypdf báo 2 cảnh báo khi đọc tệp PDF (tệp có thể bị hỏng một phần)\n"
    assert read_source(SAMPLE_PDF).warnings == ()


def test_invisible_and_bidi_characters_change_nothing(tmp_path):
    path = hostile.invisible_text(tmp_path / "invisible.txt")
    assert "\u2029" in path.read_text(encoding="utf-8") and "\u202e" in path.read_text(encoding="utf-8")
    assert without_source(extract_path(path)) == without_source(extract_path(SAMPLE_TXT))


def test_no_control_or_invisible_character_reaches_the_normalised_text():
    text = "".join(chr(c) for c in range(0x00, 0xA0)) + "\u00ad\u200b\u200e\u202e\u2066\u2069\ufeff\u2028\u2029x"
    out = normalize(text).text
    assert [c for c in out if ord(c) < 0x20 and c != "\n" or 0x7F <= ord(c) < 0xA0] == []
    assert not set(out) & set("\u00ad\u200b\u200e\u202e\u2066\u2069\ufeff\u2028\u2029")


# --- property tests on mutated real samples ---------------------------------------------------------------------

FAST = settings(max_examples=12, deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)
SLOW = settings(max_examples=300, deadline=timedelta(seconds=30), suppress_health_check=[HealthCheck.too_slow])

INVISIBLES = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u00a0\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2028\u2029\u2060\u2066\u2069\ufeff"
SAMPLES = {".txt": SAMPLE_TXT.read_bytes(), ".docx": SAMPLE_DOCX.read_bytes()}
TEXT = SAMPLE_TXT.read_text(encoding="utf-8")


def damage(draw, raw: bytes) -> bytes:
    """``raw`` damaged as a disk, a transfer or a hostile sender would: truncated, bytes flipped, bytes inserted,
    or replaced by random bytes (hypothesis draws which and where)."""
    raw = bytearray(raw)
    how = draw(st.sampled_from(["truncate", "flip", "insert", "random"]))
    if how == "truncate":
        raw = raw[:draw(st.integers(0, len(raw)))]
    elif how == "flip":
        for _ in range(draw(st.integers(1, 20))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    elif how == "insert":
        at = draw(st.integers(0, len(raw)))
        raw[at:at] = draw(st.binary(min_size=1, max_size=64))
    else:
        raw = bytearray(draw(st.binary(max_size=2000)))
    return bytes(raw)


@st.composite
def mutated_bytes(draw, suffixes=(".txt", ".docx")):
    suffix = draw(st.sampled_from(suffixes))
    return suffix, damage(draw, SAMPLES[suffix] if suffix in SAMPLES else SAMPLE_PDF.read_bytes())


def _read_and_extract(path: Path) -> None:
    try:
        rec = extract_source(read_source(path))
    except InputError as e:
        assert "\n" not in str(e) and str(e).startswith(str(path))
        return
    assert rec["source"]["path"] == str(path)


def _bytes_property(tmp_path_factory, case) -> None:
    suffix, raw = case
    path = tmp_path_factory.mktemp("fuzz") / f"notice{suffix}"
    path.write_bytes(raw)
    _read_and_extract(path)


@FAST
@given(case=mutated_bytes())
def test_mutated_files_give_a_record_or_an_input_error(tmp_path_factory, case):
    _bytes_property(tmp_path_factory, case)


@st.composite
def mutated_text(draw):
    lines = TEXT.split("\n")
    how = draw(st.sampled_from(["shuffle", "invisible", "truncate", "random", "encoding"]))
    if how == "shuffle":
        random.Random(draw(st.integers(0, 2**32))).shuffle(lines)
        return "\n".join(lines)
    if how == "invisible":
        chars = list(TEXT)
        for _ in range(draw(st.integers(1, 50))):
            chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(INVISIBLES)))
        return "".join(chars)
    if how == "truncate":
        return TEXT[:draw(st.integers(0, len(TEXT)))]
    if how == "encoding":  # read with the wrong codec: mojibake
        codec = draw(st.sampled_from(["cp1258", "latin-1", "cp1252"]))
        return TEXT.encode("utf-8").decode(codec, errors="replace")
    return draw(st.text(max_size=3000))


@FAST
@given(text=mutated_text())
def test_mutated_texts_give_a_record_or_an_input_error(text):
    try:
        rec = extract_text(text, path="fuzz.txt")
    except InputError as e:
        assert "\n" not in str(e)
        return
    assert set(rec) >= {"source", "notice", "tasks"}


@FAST
@given(positions=st.lists(st.tuples(st.integers(0, len(TEXT)), st.sampled_from(INVISIBLES.replace("\x0b", "")
                                                                                  .replace("\x0c", "").replace("\x85", "")
                                                                                  .replace("\u2028", "").replace("\u2029", "")
                                                                                  .replace("\u00a0", ""))),
                          min_size=1, max_size=40))
def test_inserted_invisible_characters_change_no_record(positions):
    chars = list(TEXT)
    for at, c in sorted(positions, reverse=True):
        chars.insert(at, c)
    text = "".join(chars)
    assert strip_invisible(text) == TEXT
    assert without_source(extract_text(text)) == without_source(extract_text(TEXT))


@pytest.mark.slow
@SLOW
@given(case=mutated_bytes((".txt", ".docx", ".pdf")))
def test_mutated_files_give_a_record_or_an_input_error_long(tmp_path_factory, case):
    _bytes_property(tmp_path_factory, case)


@pytest.mark.slow
@SLOW
@given(text=mutated_text())
def test_mutated_texts_give_a_record_or_an_input_error_long(text):
    test_mutated_texts_give_a_record_or_an_input_error.hypothesis.inner_test(text)


def test_odt_nested_too_deep_is_refused(tmp_path):
    """Whichever comes first, the depth count of the parser's events or libxml2's own bound (an lxml that parses a
    small part whole before its first event), the refusal is the depth limit."""
    import zipfile

    body = b"<text:p>" * 1000 + b"</text:p>" * 1000
    content = (b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
               + body + b"</office:text></office:body></office:document-content>")
    p = tmp_path / "deep.odt"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
    e = _limit(p)
    assert (e.limit, e.reason) == ("max_xml_depth", "tệp OpenDocument lồng phần tử XML sâu hơn 128 mức, vượt giới hạn")
