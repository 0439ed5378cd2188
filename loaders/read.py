"""Reading an input file into a :class:`Source`: raw bytes, their hash, and decoded text.

This is the only place that touches the file system. It decodes and unifies line
endings, nothing more: Unicode normalisation and markup clean-up belong to
:mod:`loaders.normalize`.

Supported formats are looked up by suffix in :data:`READERS`; a reader takes the path,
the raw bytes and the :class:`~loaders.limits.Limits`, and returns a :class:`ReadResult`
(text, encoding, warnings): plain text here (then TCVN3 / VNI detection in :mod:`loaders.legacy`),
Word (``.docx``), OpenDocument (``.odt``) and PDF with a text layer in :mod:`loaders.office`,
legacy Word (``.doc``) through a converter in :mod:`loaders.convert`, web pages in
:mod:`loaders.html` (each imported only when such a file is read). Another format means one
more function in that table.

Every read is bounded (:mod:`loaders.limits`): the file's size is checked before it is
read, the text's length after it is decoded, and the Word and PDF readers check their own
structures before parsing them. A file over a limit raises :class:`~loaders.errors.LimitError`.

Decoding is tolerant: a UTF-8 (or UTF-16) file with a few invalid bytes is read with each
bad sequence replaced by U+FFFD, and the number of bytes replaced is a warning of the result
(``Source.warnings``, then ``source.warnings`` in the record); only a file with many of them
(more than 1 % of its bytes) is refused.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import InputError, LimitError
from .limits import DEFAULT_LIMITS, Limits, count, mb

__all__ = ["Source", "ReadResult", "read_source", "decode_text", "check_text_length", "READERS", "SUPPORTED_SUFFIXES"]

NOT_FOUND = "không tìm thấy tệp"
IS_DIRECTORY = "là thư mục, không phải tệp"
NOT_REGULAR = "không phải tệp thông thường"
NO_PERMISSION = "không có quyền đọc tệp"
EMPTY = "tệp rỗng"
EMPTY_BLANK = "tệp rỗng (chỉ có khoảng trắng)"
BINARY = "không phải tệp văn bản (dữ liệu nhị phân)"
UNDECODABLE = "không giải mã được nội dung văn bản (không phải UTF-8, UTF-16 hay Windows-1258)"
UNSUPPORTED = "định dạng chưa được hỗ trợ: {suffix}"

# Byte-order marks, longest first, and the codec that reads what follows them.
_BOMS: list[tuple[bytes, str]] = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]
# Control characters (Unicode category Cc) other than those ordinary text files contain:
# tab, newline, vertical tab, form feed, carriage return and the DOS end-of-file mark \x1a.
_CONTROL = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
# More than this share of such characters means the bytes are not text.
_MAX_CONTROL_SHARE = 0.05


@dataclass(frozen=True)
class Source:
    """One input file, read and decoded."""

    path: str  # as the caller named it
    raw: bytes = field(repr=False)  # the bytes on disk
    sha256: str  # hex digest of ``raw``
    text: str = field(repr=False)  # decoded, newlines unified to "\n"; otherwise untouched
    encoding: str  # how it was read: a codec (utf-8, utf-8-sig, utf-16-le, utf-16-be, cp1258) or docx / pdf
    warnings: tuple[str, ...] = ()  # one Vietnamese line each: bytes replaced, library warnings counted


@dataclass(frozen=True)
class ReadResult:
    """What a reader returns: the text, how it was read, and what the reader had to tolerate."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


# Tolerant decoding: each invalid byte sequence becomes U+FFFD and is counted (per thread)
_REPLACE_ERRORS = "kg-replace-counted"
_tally = threading.local()


def _replace_counted(e: UnicodeDecodeError) -> tuple[str, int]:
    _tally.bad = getattr(_tally, "bad", 0) + (e.end - e.start)
    return "\ufffd", e.end


codecs.register_error(_REPLACE_ERRORS, _replace_counted)
_MAX_BAD_SHARE = 0.01  # more invalid bytes than this share: not text in that encoding


def _decode_replacing(raw: bytes, codec: str) -> tuple[str, int]:
    """``raw`` decoded with ``codec``, invalid sequences replaced; and the number of bytes replaced."""
    _tally.bad = 0
    text = raw.decode(codec, errors=_REPLACE_ERRORS)
    return text, _tally.bad


def _tolerable(bad: int, raw: bytes) -> bool:
    return bad <= len(raw) * _MAX_BAD_SHARE  # (a file under 100 bytes tolerates none)


def replaced_warning(bad: int, codec: str) -> str:
    """The warning for bytes replaced while decoding (one Vietnamese line).

    >>> replaced_warning(3, "utf-8")
    'đã thay 3 byte không giải mã được (utf-8) bằng ký tự thay thế U+FFFD'
    """
    return f"đã thay {bad} byte không giải mã được ({codec}) bằng ký tự thay thế U+FFFD"


def _looks_binary(text: str) -> bool:
    if _CONTROL.search(text) is None:  # the usual case, and fast
        return False
    return "\x00" in text or len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text)


def decode_text(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Decode the bytes of a plain-text file.

    Order: a byte-order mark (UTF-8, UTF-16 LE/BE) decides; otherwise UTF-8; only when
    that fails, Windows-1258 (the legacy Vietnamese code page). A UTF-8 text with a few
    invalid bytes (at most 1 % of the bytes, and more valid multi-byte letters than invalid
    bytes or no other reading) keeps UTF-8 with those bytes replaced, counted in the
    warnings. Raises :class:`InputError` for binary data or bytes no codec accepts, and
    :class:`~loaders.errors.LimitError` for a text longer than ``limits.max_text_chars``.

    >>> r = decode_text("a.txt", "Giao Sở Y tế chủ trì thực hiện rà soát, báo cáo kết quả trước ngày 15/6/2026.".encode() + b"\\xff")
    >>> r.text, r.encoding, r.warnings
    ('Giao Sở Y tế chủ trì thực hiện rà soát, báo cáo kết quả trước ngày 15/6/2026.\\ufffd', 'utf-8', ('đã thay 1 byte không giải mã được (utf-8) bằng ký tự thay thế U+FFFD',))
    """
    notes: tuple[str, ...] = ()
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            plain = codec.replace("-sig", "")
            try:
                text = raw[len(bom):].decode(plain)
            except UnicodeDecodeError:
                text, bad = _decode_replacing(raw[len(bom):], plain)
                if not _tolerable(bad, raw):
                    raise InputError(path, f"không giải mã được nội dung văn bản (có BOM {codec.upper()} nhưng dữ liệu sai)") from None
                notes = (replaced_warning(bad, codec),)
            encoding = codec
            break
    else:
        if b"\x00" in raw:  # not UTF-16 (no BOM) and no text format has NUL bytes
            raise InputError(path, BINARY)
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, bad = _decode_replacing(raw, "utf-8")
            letters = sum(1 for c in text if c > "\x7f") - text.count("\ufffd")  # valid multi-byte characters
            if _tolerable(bad, raw) and letters > bad:
                encoding, notes = "utf-8", (replaced_warning(bad, "utf-8"),)
            else:
                try:
                    text, encoding = raw.decode("cp1258"), "cp1258"
                except UnicodeDecodeError:
                    if not _tolerable(bad, raw):
                        raise InputError(path, UNDECODABLE) from None
                    encoding, notes = "utf-8", (replaced_warning(bad, "utf-8"),)
    if _looks_binary(text):
        raise InputError(path, BINARY)
    check_text_length(path, text, limits)
    return ReadResult(text, encoding, notes)


def check_text_length(path: str, text: str, limits: Limits) -> None:
    """Raise :class:`~loaders.errors.LimitError` when ``text`` is longer than ``limits.max_text_chars``."""
    if len(text) > limits.max_text_chars:
        raise LimitError(path, f"văn bản dài {count(len(text))} ký tự, vượt giới hạn {count(limits.max_text_chars)} ký tự",
                         "max_text_chars")


Reader = Callable[[str, bytes, Limits], ReadResult]

# suffix (lower case, with the dot) -> reader
def _office(name: str) -> Reader:
    def read(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
        from . import office  # imported when a Word or PDF file is read

        return getattr(office, name)(path, raw, limits)

    return read


def _reader(module: str, name: str) -> Reader:
    def read(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
        import importlib

        return getattr(importlib.import_module(f".{module}", __package__), name)(path, raw, limits)

    return read


READERS: dict[str, Reader] = {
    ".txt": _reader("legacy", "read_text"),  # decode_text, then TCVN3 / VNI detection
    ".md": _reader("legacy", "read_text"),
    ".docx": _office("read_docx"),
    ".doc": _reader("convert", "read_doc"),  # through LibreOffice, antiword or catdoc
    ".odt": _office("read_odt"),
    ".pdf": _office("read_pdf"),
    ".html": _reader("html", "read_html"),  # the document body of a web page
    ".htm": _reader("html", "read_html"),
}
SUPPORTED_SUFFIXES = tuple(READERS)


def read_source(path: str | os.PathLike, limits: Limits | None = None) -> Source:
    """Read one input file, within ``limits`` (default: :meth:`Limits.from_env`).

    Raises :class:`InputError` (reason in Vietnamese) when the file is missing, is a
    directory, cannot be read, has an unsupported suffix, is empty or blank, is binary,
    or cannot be decoded; :class:`~loaders.errors.LimitError` when it is over a limit.
    """
    limits = Limits.from_env() if limits is None else limits
    name = os.fspath(path)
    p = Path(name)
    try:
        st = p.stat()
        mode = st.st_mode
    except FileNotFoundError:
        raise InputError(name, NOT_FOUND) from None
    except PermissionError:
        raise InputError(name, NO_PERMISSION) from None
    except OSError as e:
        raise InputError(name, f"không đọc được tệp ({e.strerror or e})") from None
    if stat.S_ISDIR(mode):
        raise InputError(name, IS_DIRECTORY)
    if not stat.S_ISREG(mode):
        raise InputError(name, NOT_REGULAR)
    suffix = p.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError(name, UNSUPPORTED.format(suffix=suffix or "(tệp không có phần mở rộng)"))
    too_big = LimitError(name, f"tệp lớn {mb(st.st_size)}, vượt giới hạn {mb(limits.max_file_bytes)}", "max_file_bytes")
    if st.st_size > limits.max_file_bytes:
        raise too_big
    try:
        raw = p.read_bytes()
    except PermissionError:
        raise InputError(name, NO_PERMISSION) from None
    except OSError as e:
        raise InputError(name, f"không đọc được tệp ({e.strerror or e})") from None
    if len(raw) > limits.max_file_bytes:  # it grew since
        raise too_big
    if not raw:
        raise InputError(name, EMPTY)
    result = reader(name, raw, limits)
    if isinstance(result, tuple):  # a reader written for the two-value protocol: (text, encoding)
        result = ReadResult(*result)
    text = result.text.replace("\r\n", "\n").replace("\r", "\n")  # whatever the format
    if not text:
        raise InputError(name, EMPTY)
    if not text.strip():
        raise InputError(name, EMPTY_BLANK)
    check_text_length(name, text, limits)
    return Source(path=name, raw=raw, sha256=hashlib.sha256(raw).hexdigest(), text=text, encoding=result.encoding,
                  warnings=tuple(result.warnings))
