"""Reading an input file into a :class:`Source`: raw bytes, their hash, and decoded text.

This is the only place that touches the file system. It decodes and unifies line
endings, nothing more: Unicode normalisation and markup clean-up belong to
:mod:`loaders.normalize`.

Supported formats are looked up by suffix in :data:`READERS`; a reader takes the path
and the raw bytes and returns ``(text, encoding)``: plain text here, Word (``.docx``) and
PDF with a text layer in :mod:`loaders.office` (imported only when such a file is read).
Another format means one more function in that table.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import InputError

__all__ = ["Source", "read_source", "decode_text", "READERS", "SUPPORTED_SUFFIXES"]

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


def _looks_binary(text: str) -> bool:
    if _CONTROL.search(text) is None:  # the usual case, and fast
        return False
    return "\x00" in text or len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text)


def decode_text(path: str, raw: bytes) -> tuple[str, str]:
    """Decode the bytes of a plain-text file; return ``(text, encoding)``.

    Order: a byte-order mark (UTF-8, UTF-16 LE/BE) decides; otherwise UTF-8; only when
    that fails, Windows-1258 (the legacy Vietnamese code page). Raises
    :class:`InputError` for binary data or bytes no codec accepts.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError:
                raise InputError(path, f"không giải mã được nội dung văn bản (có BOM {codec.upper()} nhưng dữ liệu sai)") from None
            encoding = codec
            break
    else:
        if b"\x00" in raw:  # not UTF-16 (no BOM) and no text format has NUL bytes
            raise InputError(path, BINARY)
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = raw.decode("cp1258"), "cp1258"
            except UnicodeDecodeError:
                raise InputError(path, UNDECODABLE) from None
    if _looks_binary(text):
        raise InputError(path, BINARY)
    return text, encoding


Reader = Callable[[str, bytes], "tuple[str, str]"]

# suffix (lower case, with the dot) -> reader
def _office(name: str) -> Reader:
    def read(path: str, raw: bytes) -> tuple[str, str]:
        from . import office  # imported when a Word or PDF file is read

        return getattr(office, name)(path, raw)

    return read


READERS: dict[str, Reader] = {
    ".txt": decode_text,
    ".md": decode_text,
    ".docx": _office("read_docx"),
    ".pdf": _office("read_pdf"),
}
SUPPORTED_SUFFIXES = tuple(READERS)


def read_source(path: str | os.PathLike) -> Source:
    """Read one input file.

    Raises :class:`InputError` (reason in Vietnamese) when the file is missing, is a
    directory, cannot be read, has an unsupported suffix, is empty or blank, is binary,
    or cannot be decoded.
    """
    name = os.fspath(path)
    p = Path(name)
    try:
        mode = p.stat().st_mode
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
    try:
        raw = p.read_bytes()
    except PermissionError:
        raise InputError(name, NO_PERMISSION) from None
    except OSError as e:
        raise InputError(name, f"không đọc được tệp ({e.strerror or e})") from None
    if not raw:
        raise InputError(name, EMPTY)
    text, encoding = reader(name, raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # whatever the format
    if not text:
        raise InputError(name, EMPTY)
    if not text.strip():
        raise InputError(name, EMPTY_BLANK)
    return Source(path=name, raw=raw, sha256=hashlib.sha256(raw).hexdigest(), text=text, encoding=encoding)
