"""Text made safe for where it is shown: terminals, CSV files opened in a spreadsheet, JSON, iCalendar.

A notice's text comes from files anybody can write. Before any of it reaches a terminal or a
file meant for another program, control characters are taken out (C0 except newline and tab,
DEL, C1, and the bidirectional overrides that reorder what a reader sees), and a CSV cell that
a spreadsheet would run as a formula is quoted.

>>> printable("Sở Y tế\\x1b[31m\\x07 đỏ\\x0bxanh")
'Sở Y tế[31m đỏ xanh'
>>> printable("a\\r\\nb\\tc\\u202eđ")
'a\\nb\\tcđ'
>>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-5"), csv_cell("Sở Y tế"), csv_cell(3)
('\\'=HYPERLINK("http://x")', "'-5", 'Sở Y tế', 3)
>>> json_safe('{"a": "x\\u0085y\\u202e"}')
'{"a": "x\\\\u0085y\\\\u202e"}'
"""

from __future__ import annotations

import re

# C0 controls except \t and \n, DEL, C1 controls, and the bidi embeddings/overrides/isolates.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{_CONTROLS}]")
# Controls that separate words or lines: they become a space instead of vanishing.
_SPACING = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """``text`` without control characters: CR LF becomes LF, VT/FF/NEL/separators a space, the rest go."""
    if not CONTROL.search(text):
        return text
    text = text.replace("\r\n", "\n")
    return CONTROL.sub("", _SPACING.sub(" ", text))


def csv_cell(value: object) -> object:
    """A CSV cell: text without control characters, with ``'`` before a leading ``= + - @`` (tab, CR).

    Spreadsheets run a cell starting with one of those as a formula; the quote makes it text.
    Non-text values (numbers) are kept as they are.
    """
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        value = "'" + value
    return printable(value)


def json_safe(text: str) -> str:
    """JSON text with C1, DEL and bidi controls written as ``\\uXXXX`` (``json.dumps`` escapes only C0).

    The decoded values are unchanged; only the raw characters no longer reach a terminal.
    """
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
