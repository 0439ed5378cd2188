"""Legacy Word (``.doc``) through a converter from the system: LibreOffice, antiword or catdoc.

The Word 97-2003 binary format is read by an outside program, whichever is installed, in this order (a ``.docx``
or a web page saved under the name ``.doc`` is read as what it is; RTF goes to LibreOffice):

* **LibreOffice** (``soffice --headless --convert-to docx``; Debian ``libreoffice-writer-nogui``): the file becomes a
  ``.docx`` read by :func:`loaders.office.read_docx`, so tables, list numbering and runs set in legacy fonts
  (``.VnTime``, ``VNI-Times``) are read exactly as in a Word file (encoding ``doc``, ``doc+tcvn3``, …);
* **antiword** (``antiword -m UTF-8.txt``): the text; a table as one row of cells joined by `` | `` (antiword does
  not mark where a row ends), which is how a notice's header and signature tables read (encoding ``doc-antiword``);
* **catdoc** (``catdoc -d utf-8``): the text, paragraphs set apart by a blank line (encoding ``doc-catdoc``).

The text of the last two is checked for TCVN3 / VNI as a text file is (:func:`loaders.legacy.convert_text`), since
they do not say which font a run was set in. ``KG_DOC_CONVERTER`` (``soffice``, ``antiword`` or ``catdoc``) picks one.
Nothing runs through a shell: each converter is one argument list, on a copy of the bytes already read, in a
temporary folder removed afterwards, within :attr:`~loaders.limits.Limits.max_convert_seconds` (then stopped with
its children, and the file refused in one line). Without any converter the file is refused with one line saying
what to install.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .errors import InputError, LimitError
from .limits import DEFAULT_LIMITS, Limits
from .read import ReadResult, check_text_length
from .tools import find, run_tool

__all__ = ["CONVERTERS", "available_converters", "read_doc", "NO_CONVERTER"]

CONVERTERS = ("soffice", "antiword", "catdoc")
# where each converter may be found (the first that exists), Windows names included
_PROGRAMS = {"soffice": ("soffice", "libreoffice", "soffice.com"), "antiword": ("antiword",), "catdoc": ("catdoc",)}
NO_CONVERTER = ("cần cài một chương trình chuyển đổi để đọc tệp Word .doc: LibreOffice (gói libreoffice-writer-nogui), "
                "antiword hoặc catdoc")
ENV_CONVERTER = "KG_DOC_CONVERTER"


def available_converters(environ: dict | None = None) -> list[tuple[str, str]]:
    """The converters installed, in the order they are tried, as (name, program path); ``KG_DOC_CONVERTER``
    keeps only the one it names."""
    env = os.environ if environ is None else environ
    wanted = (env.get(ENV_CONVERTER) or "").strip().lower()
    names = [wanted] if wanted in CONVERTERS else list(CONVERTERS)
    return [(n, p) for n in names if (p := find(_PROGRAMS[n])) is not None]


def _run(args: list[str], path: str, what: str, timeout: int, cwd: str) -> subprocess.CompletedProcess:
    """Run one converter (an argument list, no shell), its output captured; stopped with its children after
    ``timeout`` seconds."""
    try:
        return run_tool(args, timeout=timeout, cwd=cwd)
    except OSError as e:
        raise InputError(path, f"không chạy được {what} ({e.strerror or e})") from None
    except subprocess.TimeoutExpired:
        raise LimitError(path, f"{what} chuyển đổi tệp Word .doc quá {timeout} giây, vượt giới hạn",
                         "max_convert_seconds") from None


def _why(err: bytes) -> str:
    line = next((l.strip() for l in err.decode("utf-8", "replace").splitlines()
                 if l.strip() and not l.lstrip().lower().startswith("warning")), "")  # not LibreOffice's Java warning
    return f": {line[:120]}" if line else ""


def _via_soffice(exe: str, path: str, src: Path, work: Path, limits: Limits) -> ReadResult:
    from .office import read_docx

    out = work / "out"
    out.mkdir()
    profile = (work / "profile").resolve().as_uri()  # its own profile: no clash with a running LibreOffice
    args = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo", "--nodefault",
            "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)]
    done = _run(args, path, "LibreOffice", limits.max_convert_seconds, str(work))
    made = out / (src.stem + ".docx")
    if not made.is_file():
        raise InputError(path, f"LibreOffice không chuyển đổi được tệp Word .doc{_why(done.stderr)}")
    raw = made.read_bytes()
    if len(raw) > limits.max_file_bytes:
        raise LimitError(path, "tệp Word .doc chuyển đổi ra tệp .docx lớn hơn giới hạn kích thước tệp", "max_file_bytes")
    result = read_docx(path, raw, limits)
    return ReadResult(result.text, result.encoding.replace("docx", "doc", 1), result.warnings)


def _is_table_line(line: str) -> bool:
    return len(line) > 1 and line.startswith("|") and line.rstrip().endswith("|")


def _antiword_tables(text: str) -> str:
    """antiword's tables ('|cell   |cell   |' lines, one per line of text in the cells, rows not marked) as one row
    of cells joined by ' | ', each cell holding its lines: a notice's header and signature tables read as a Word
    file's (a table of many rows reads as one row: LibreOffice keeps the rows)."""
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        if block:
            width = max(len(r) for r in block)
            cols = ["\n".join(r[k] for r in block if k < len(r) and r[k]) for k in range(width)]
            out.append(" | ".join(cols))
            block.clear()

    for line in text.split("\n"):
        if _is_table_line(line):
            cells = [c.strip() for c in line.strip()[1:-1].split("|")]
            if block and len(cells) != len(block[0]):
                flush()
            block.append(cells)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


def _via_text(name: str, exe: str, path: str, src: Path, work: Path, limits: Limits) -> ReadResult:
    from .legacy import convert_text

    if name == "antiword":
        args = [exe, "-m", "UTF-8.txt", "-w", "0", str(src)]
    else:
        args = [exe, "-d", "utf-8", "-w", str(src)]
    done = _run(args, path, name, limits.max_convert_seconds, str(work))
    text = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0 or not text.strip():
        raise InputError(path, f"{name} không đọc được tệp Word .doc{_why(done.stderr)}")
    if name == "antiword":
        text = _antiword_tables(text)
    else:  # catdoc prints a paragraph a line and drops empty ones: paragraphs set apart, as antiword prints them
        text = "\n\n".join(line for line in text.split("\n") if line.strip())
    check_text_length(path, text, limits)
    text, enc = convert_text(text)
    return ReadResult(text, f"doc-{name}" + (f"+{enc}" if enc else ""))


def read_doc(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """A legacy Word file read through the first converter installed (see the module's doc)."""
    if not raw.startswith(b"\xd0\xcf\x11\xe0") and not raw.lstrip()[:5].lower() == b"{\\rtf":
        if raw.startswith(b"PK\x03\x04"):  # a .docx under the old name
            from .office import read_docx

            return read_docx(path, raw, limits)
        head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<html", b"<!doctype html")) or b"<html" in head:  # Word's 'web page' saved as .doc
            from .html import read_html

            return read_html(path, raw, limits)
        raise InputError(path, "không phải tệp Word .doc (thiếu chữ ký tệp Word 97-2003)")
    converters = available_converters()
    if not converters:
        raise InputError(path, NO_CONVERTER)
    if raw.lstrip()[:5].lower() == b"{\\rtf":  # RTF saved as .doc: LibreOffice only
        converters = [c for c in converters if c[0] == "soffice"]
        if not converters:
            raise InputError(path, "tệp .doc này là RTF: cần LibreOffice (gói libreoffice-writer-nogui) để đọc")
    name, exe = converters[0]
    with tempfile.TemporaryDirectory(prefix="kg-doc-") as tmp:
        work = Path(tmp)
        src = work / "van-ban.doc"
        src.write_bytes(raw)
        if name == "soffice":
            return _via_soffice(exe, path, src, work, limits)
        return _via_text(name, exe, path, src, work, limits)
