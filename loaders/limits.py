"""Resource limits for reading input files, checked before anything is parsed.

A crafted file (a 2 MB .docx whose XML expands to gigabytes, an XML bomb, a 2,000-page PDF, a text of
millions of names) must end in one clear line, not in a process killed for memory, so the rest of a batch
goes on. Each limit has a default generous enough for any real document with its annexes (a 300-page
Quyết định with its Kế hoạch and Phụ lục is under 1 million characters, a few MB of Word XML); a file over a
limit raises :class:`loaders.errors.LimitError` (an :class:`~loaders.errors.InputError`) naming the file and
the limit, in Vietnamese.

The limits are a :class:`Limits` value: pass one to :func:`loaders.read.read_source`, or set environment
variables ``KG_LIMIT_<FIELD>`` (upper case), read by :meth:`Limits.from_env` when no value is passed:

>>> Limits.from_env({"KG_LIMIT_MAX_PDF_PAGES": "3000"}).max_pdf_pages
3000
>>> Limits().max_text_chars
3000000

=========================  ============  ======================================================================
field                      default       what it bounds
=========================  ============  ======================================================================
``max_file_bytes``         100 MiB       the size of any input file on disk (checked before it is read)
``max_text_chars``         3,000,000     characters of decoded or extracted text (about 1,000 dense pages;
                                         extraction reads about 0.5 million characters a second)
``max_zip_parts``          1,000         entries in a .docx (a Word file has 10-40)
``max_part_bytes``         64 MiB        the uncompressed size of any .docx part (from the zip's directory,
                                         and counted again while the part is read)
``max_zip_ratio``          200           uncompressed / compressed size of a .docx part over 1 MiB (Word XML
                                         compresses 10-30 times; a zip bomb a thousand times)
``max_xml_depth``          128           nesting of XML elements (a Word body with tables in tables: 20-30)
``max_pdf_pages``          1,000         pages of a PDF
``max_pdf_stream_bytes``   32 MiB        the encoded content streams of one PDF page
``max_convert_seconds``    120           seconds an outside converter may take on one file (a legacy .doc through
                                         LibreOffice, antiword or catdoc: 3-5 s, most of it LibreOffice starting)
``max_html_elements``      100,000       elements of a web page (a portal's page has 1,000-5,000; finding the body
                                         of 90,000 takes 4.4 s and 250 MB)
=========================  ============  ======================================================================

An XML part with a document type declaration (``<!DOCTYPE``, ``<!ENTITY``: what entity-expansion bombs need)
is refused whatever the limits: Word never writes one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Mapping

__all__ = ["Limits", "DEFAULT_LIMITS", "ENV_PREFIX"]

ENV_PREFIX = "KG_LIMIT_"
MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Upper bounds on what reading one input file may cost; see the module's table."""

    max_file_bytes: int = 100 * MiB
    max_text_chars: int = 3_000_000
    max_zip_parts: int = 1_000
    max_part_bytes: int = 64 * MiB
    max_zip_ratio: int = 200
    max_xml_depth: int = 128
    max_pdf_pages: int = 1_000
    max_pdf_stream_bytes: int = 32 * MiB
    max_convert_seconds: int = 120
    max_html_elements: int = 100_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Limits":
        """The defaults, with each ``KG_LIMIT_<FIELD>`` set in the environment (a positive integer) applied.
        A value that is not a positive integer is ignored (the default holds)."""
        env = os.environ if environ is None else environ
        changes: dict[str, int] = {}
        for f in fields(cls):
            value = env.get(ENV_PREFIX + f.name.upper())
            if value is None:
                continue
            try:
                n = int(value.strip().replace("_", ""))
            except ValueError:
                continue
            if n > 0:
                changes[f.name] = n
        return replace(DEFAULT_LIMITS, **changes) if changes else DEFAULT_LIMITS


DEFAULT_LIMITS = Limits()


def mb(n: int) -> str:
    """A size for a message: '64 MB', '2,8 MB', '4 kB', '1000 byte' (Vietnamese decimal comma).

    >>> mb(64 * MiB), mb(2_909_920), mb(4100), mb(1000)
    ('64 MB', '2,8 MB', '4 kB', '1000 byte')
    """
    if n < 1024:
        return f"{n} byte"
    if n < MiB:
        return f"{n / 1024:.0f} kB"
    v = n / MiB
    s = f"{v:.0f}" if v >= 10 or v == int(v) else f"{v:.1f}".replace(".", ",")
    return f"{s} MB"


def count(n: int) -> str:
    """A number for a message, thousands grouped with dots: '3.000.000'."""
    return f"{n:,}".replace(",", ".")
