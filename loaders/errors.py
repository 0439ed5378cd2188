"""Errors raised by the loaders.

The library never prints: it raises. The command line turns an :class:`InputError` into
one line on stderr (``Lỗi: <path>: <reason>``) and goes on with the rest of the batch.
Reasons are written in Vietnamese because they are shown to the users as they are.
"""

from __future__ import annotations

import os


class ExtractionError(Exception):
    """Base class of every error the loaders raise on purpose."""


class InputError(ExtractionError):
    """An input file that cannot be turned into a notice record.

    ``path`` is the file as the caller named it; ``reason`` says what is wrong, in
    Vietnamese (``"không tìm thấy tệp"``, ``"tệp rỗng"``, ...).

    >>> str(InputError("a.txt", "tệp rỗng"))
    'a.txt: tệp rỗng'
    """

    def __init__(self, path: str | os.PathLike, reason: str):
        self.path = os.fspath(path)
        # one line, whatever the caller passed
        self.reason = " ".join(str(reason).split())
        super().__init__(self.path, self.reason)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class LimitError(InputError):
    """An input file over one of the resource limits (:class:`loaders.limits.Limits`), refused before it is parsed.

    ``limit`` names the field of :class:`~loaders.limits.Limits` that was exceeded (``"max_part_bytes"``), so a
    caller can tell which one without reading the Vietnamese reason.

    >>> e = LimitError("a.pdf", "PDF có 2000 trang, vượt giới hạn 1000 trang", "max_pdf_pages")
    >>> str(e), e.limit, isinstance(e, InputError)
    ('a.pdf: PDF có 2000 trang, vượt giới hạn 1000 trang', 'max_pdf_pages', True)
    """

    def __init__(self, path: str | os.PathLike, reason: str, limit: str = ""):
        super().__init__(path, reason)
        self.limit = limit
