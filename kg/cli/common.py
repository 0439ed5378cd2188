"""What every ``kg`` command shares: errors, running the extractor over files, the store and output options.

Command modules (:mod:`kg.cli.extract`, :mod:`kg.cli.graph`, :mod:`kg.cli.store`) import from here,
never from each other. Messages for users are one Vietnamese line (``Lỗi: <what>: <reason>``);
:class:`KgGroup` makes sure of it for any failure, expected or not: no traceback reaches a user.

Exit codes: 0 done; 1 a file or the command failed (:data:`EXIT_FAILED`); 2 the command line
was wrong (:data:`EXIT_USAGE`); 3 the store is in use by another kg process (:data:`EXIT_BUSY`);
130 stopped by Ctrl-C (:data:`EXIT_INTERRUPTED`). ``KG_DEBUG=1`` lets an unexpected exception
through with its traceback (for developers).

Everything printed for people goes through :func:`echo`, which drops control characters
(:func:`kg.sanitize.printable`); CSV cells go through :func:`kg.sanitize.csv_cell`, JSON text
through :func:`kg.sanitize.json_safe`; files are written with :func:`write_text`, never through
a symbolic link.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import functools
import io
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import click

from kg import tables
from kg.errors import DiskFullError
from kg.sanitize import csv_cell, json_safe, printable
from loaders.errors import InputError
from loaders.read import SUPPORTED_SUFFIXES

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BUSY = 3
EXIT_INTERRUPTED = 130

STORE_META = "kg.store"  # ctx.meta key: the store path a command opened, named in unexpected errors
DONE_META = "kg.done"  # ctx.meta key: what a command has done so far, said when Ctrl-C stops it

# ---------------------------------------------------------------------------------------
# output and errors


def echo(message: object = "", err: bool = False, nl: bool = True) -> None:
    """``click.echo`` for text meant for people: control characters never reach the terminal."""
    click.echo(printable(str(message)), err=err, nl=nl)


class KgError(click.ClickException):
    """A failure of the whole command (not of one file): ``Lỗi: <message>``, exit code 1 (or ``exit_code``)."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        echo(f"Lỗi: {one_line(self.format_message(), 1000)}", err=True)


class Interrupted(KgError):
    """Ctrl-C: one line saying what was done before it, exit code 130."""

    def __init__(self, message: str):
        super().__init__(message, EXIT_INTERRUPTED)

    def show(self, file=None) -> None:
        if sys.stderr.isatty():
            click.echo("", err=True)  # the line after the terminal's ^C
        echo(one_line(self.format_message(), 1000), err=True)


class InterruptGuard:
    """Ctrl-C noted and acted on at a safe point (between files, after a batch is committed).

    Inside ``with InterruptGuard(...) as guard:`` a first Ctrl-C prints one line and sets a flag;
    ``guard.check()`` raises KeyboardInterrupt once it is set. A second Ctrl-C stops at once.
    The engine (Ladybug) checks the interrupt handler before each query and drops a
    KeyboardInterrupt raised there, so a write loop must never get one in the middle.
    Outside the main thread (no signals there) the guard does nothing but ``check``.
    """

    def __init__(self, message: str):
        self.message = message
        self.stop = False
        self._installed = False
        self._saved = None

    def _handle(self, signum, frame) -> None:
        if self.stop:
            raise KeyboardInterrupt
        self.stop = True
        echo(self.message, err=True)

    def check(self) -> None:
        if self.stop:
            raise KeyboardInterrupt

    def __enter__(self) -> "InterruptGuard":
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            try:
                self._saved = signal.signal(signal.SIGINT, self._handle)
                self._installed = True
            except (ValueError, OSError):  # pragma: no cover — no signals here
                pass
        return self

    def __exit__(self, *exc) -> None:
        import signal

        if self._installed:
            signal.signal(signal.SIGINT, self._saved if self._saved is not None else signal.SIG_DFL)
            self._installed = False


def error_line(e: BaseException, limit: int = 1000) -> str:
    """The one line for an error the library raised on purpose: a disk without room for the write says so in
    Vietnamese, with what to do; any other error is its message.

    >>> from kg.errors import DiskFullError
    >>> error_line(DiskFullError("/data", free=10 << 20, needed=300 << 20))
    'đĩa chứa kho (/data) không đủ chỗ trống: còn 10 MB, cần khoảng 300 MB; lần ghi này chưa bắt đầu nên kho vẫn nguyên như trước. Giải phóng chỗ trống rồi chạy lại lệnh'
    """
    if isinstance(e, DiskFullError):
        return (f"{e.vietnamese}; lần ghi này chưa bắt đầu nên kho vẫn nguyên như trước. Giải phóng chỗ trống rồi "
                "chạy lại lệnh")
    return one_line(str(e), limit)


def one_line(s: str, limit: int = 400) -> str:
    s = " ".join(printable(str(s)).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def describe(e: BaseException) -> str:
    """``Type: message`` of an exception, on one line (the type alone when the message is empty)."""
    try:
        text = one_line(str(e), 300)
    except Exception:  # noqa: BLE001 — an exception whose text cannot be made
        text = ""
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def unexpected(e: BaseException, ctx: click.Context | None) -> str:
    """The one line for a failure no command foresaw; it names the store when one was open."""
    store = ctx.meta.get(STORE_META) if ctx is not None else None
    if store is not None:
        if isinstance(e, UnicodeError) or _DAMAGED.search(describe(e)):
            hint = "; hãy chạy kg doctor" if _has_command(ctx, "doctor") else ""
            return f"{store}: dữ liệu trong kho đồ thị bị hỏng, không đọc được ({describe(e)}){hint}"
        return f"{store}: lỗi không mong đợi ({describe(e)})"
    return f"lỗi không mong đợi ({describe(e)})"


# what the engine (or the store's reading of its results) says when a page of the store is damaged
_DAMAGED = re.compile(r"UnicodeDecodeError|Storage exception|Checksum verification failed|corrupt", re.I)


def _has_command(ctx: click.Context, name: str) -> bool:
    root = ctx.find_root().command
    return isinstance(root, click.Group) and name in root.commands


_USAGE_PATTERNS = [
    (re.compile(r"^'?(.*?)'? is not one of (.*?)\.?$", re.S), "'{0}' không phải một trong {1}"),
    (re.compile(r"^'?(.*?)'? is not a valid integer( range)?\.?$", re.S), "'{0}' không phải số nguyên"),
    (re.compile(r"^'?(.*?)'? is not a valid float( range)?\.?$", re.S), "'{0}' không phải số"),
    (re.compile(r"^(.*?) is not in the range (.*?)\.?$", re.S), "{0} nằm ngoài khoảng {1}"),
    (re.compile(r"^Option '(.*?)' requires an argument\.?$", re.S), "tùy chọn '{0}' cần một giá trị"),
    (re.compile(r"^Option '(.*?)' requires (\d+) arguments\.?$", re.S), "tùy chọn '{0}' cần {1} giá trị"),
    (re.compile(r"^No such command '(.*?)'\.?$", re.S), "không có lệnh '{0}'"),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$", re.S), "thừa đối số ({0})"),
    (re.compile(r"^(?:Directory|File|Path) '(.*?)' is a file\.?$", re.S), "'{0}' là một tệp, không phải thư mục"),
    (re.compile(r"^(?:Directory|File|Path) '(.*?)' is a directory\.?$", re.S), "'{0}' là một thư mục, không phải tệp"),
    (re.compile(r"^(?:Directory|File|Path) '(.*?)' does not exist\.?$", re.S), "'{0}' không tồn tại"),
]


def usage_message(e: click.UsageError) -> str:
    """Click's English usage errors as one Vietnamese line (without the 'Lỗi: ' prefix)."""
    ctx = e.ctx
    hint = ""
    if isinstance(e, click.NoSuchOption):
        text = f"không có tùy chọn {e.option_name}"
        if e.possibilities:
            text += f" (có phải: {', '.join(sorted(e.possibilities))}?)"
    elif isinstance(e, click.MissingParameter):
        name = e.param_hint or (e.param.get_error_hint(ctx) if e.param is not None and ctx is not None else "")
        kind = e.param_type or (e.param.param_type_name if e.param is not None else "parameter")
        text = f"thiếu {'đối số' if kind == 'argument' else 'tùy chọn'} {name}".rstrip()
    else:
        text = _translate(e.message)
        if isinstance(e, click.BadParameter):
            name = e.param_hint or (e.param.get_error_hint(ctx) if e.param is not None and ctx is not None else "")
            text = f"giá trị không hợp lệ cho {name}: {text}" if name else text
    if ctx is not None:
        names, c = [], ctx
        while c.parent is not None:
            names.append(c.info_name)
            c = c.parent
        hint = f" — xem: {' '.join(['kg', *reversed(names)])} -h"
    return one_line(text + hint, 1000)


def _translate(message: str) -> str:
    for pattern, vi in _USAGE_PATTERNS:
        m = pattern.match(message.strip())
        if m:
            return vi.format(*m.groups())
    return message


_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click >= 8.2


class KgGroup(click.Group):
    """The ``kg`` group: any failure inside a command ends as one line on stderr and an exit code.

    Click's own usage errors become one Vietnamese line (exit code 2); an exception no command
    foresaw becomes ``Lỗi: ...`` (exit code 1), naming the store if one was open; Ctrl-C becomes
    one line saying what was done (exit code 130); a closed pipe (``kg deadlines | head``) ends quietly.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt as e:
            done, note = ctx.meta.get(DONE_META), ""
            try:
                note = f": {done()}" if callable(done) else ""
            except Exception:  # noqa: BLE001 — the line goes out without the tally
                pass
            raise Interrupted(f"Đã dừng theo yêu cầu (Ctrl-C){note}") from e
        except OSError as e:
            if e.errno == errno.EPIPE:
                raise
            raise KgError(unexpected(e, ctx)) from e
        except DiskFullError as e:  # any command's write (a mark, a correction, a removal): refused before it began
            raise KgError(error_line(e)) from e
        except Exception as e:  # noqa: BLE001 — the promise: no traceback, ever
            if os.environ.get("KG_DEBUG"):  # for developers: the traceback, on request
                raise
            raise KgError(unexpected(e, ctx)) from e

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS_IS_HELP as e:
            e.show()
            sys.exit(e.exit_code)
        except click.UsageError as e:
            echo(f"Lỗi: {usage_message(e)}", err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except click.exceptions.Abort:  # Ctrl-C while click itself worked (a prompt), or a declined confirmation
            Interrupted("Đã dừng theo yêu cầu").show()
            sys.exit(EXIT_INTERRUPTED)
        except KeyboardInterrupt:  # Ctrl-C while click parsed the command line
            Interrupted("Đã dừng theo yêu cầu (Ctrl-C)").show()
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(rv if isinstance(rv, int) else 0)


# ---------------------------------------------------------------------------------------
# running the extractor over many files


@dataclass
class Outcome:
    """One input file: its record, or the one-line error message."""

    path: str
    record: dict | None = None
    error: str | None = None  # "<path>: <reason>", without the "Lỗi: " prefix
    text: str | None = None  # the record as JSON text, once rendered


OCR_MODES = ("never", "auto", "always")


def ocr_option(f: Callable) -> Callable:
    return click.option("--ocr", "ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
                        help="PDF pages read by OCR (Tesseract, Vietnamese): auto, those without a usable text layer "
                             "(scans, garbage layers); always, every page; never, text layers only. OCR text is "
                             "cached by the file's sha256 ($KG_OCR_CACHE, else the user's cache folder).")(f)


def ocr_progress(path: str) -> Callable[[int, int, int], None]:
    """A progress line on stderr per page read by OCR (Vietnamese)."""
    def say(done: int, total: int, page: int) -> None:
        echo(f"Đang nhận dạng chữ (OCR) {path}: {done}/{total} trang (vừa đọc trang {page})", err=True)

    return say


def load_extractor() -> Callable[[str], dict]:
    try:
        from loaders import extract
    except Exception as e:  # the whole command is unusable: say so once
        raise KgError(
            f"không nạp được bộ trích xuất loaders.extract ({type(e).__name__}: {one_line(e)})") from e

    def run(path: str) -> dict:
        return extract.extract_path(path)  # looked up per call, so tests can patch it

    return run


def with_ocr(extractor: Callable[[str], dict], mode: str) -> Callable[[str], dict]:
    """``extractor`` reading PDF pages by OCR as ``mode`` (never / auto / always) says, with a progress line per
    page on stderr (:mod:`loaders.ocr`)."""
    from loaders import ocr as ocr_reader

    def run(path: str) -> dict:
        with ocr_reader.using(ocr_reader.OcrOptions(mode=mode, progress=ocr_progress(path))):
            return extractor(path)

    return run


def expand_inputs(paths: Iterable[str]) -> list[Outcome]:
    """Files named on the command line; a directory stands for its files of a supported format (sorted; see
    :data:`loaders.read.SUPPORTED_SUFFIXES`).

    A directory without such files becomes an error outcome. Repeated files are kept once.
    """
    out: list[Outcome] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(Outcome(p))

    for p in paths:
        if os.path.isdir(p):
            try:
                names = sorted(n for n in os.listdir(p)
                               if not n.startswith(".") and os.path.splitext(n)[1].lower() in SUPPORTED_SUFFIXES
                               and os.path.isfile(os.path.join(p, n)))
            except OSError as e:
                out.append(Outcome(p, error=f"{p}: không đọc được thư mục ({e.strerror or e})"))
                continue
            if not names:
                exts = ", ".join(SUPPORTED_SUFFIXES)
                out.append(Outcome(p, error=f"{p}: thư mục không có tệp {exts}"))
            for n in names:
                add(os.path.join(p, n))
        else:
            add(p)
    return out


def extract_all(items: list[Outcome], extractor: Callable[[str], dict], jobs: int | None = 1,
                ocr: str | None = None, window: int | None = None) -> Iterator[Outcome]:
    """Run the extractor on each item; every failure becomes ``item.error``, never a traceback.

    What the reading libraries warn about a file (pypdf's English log lines, Python warnings)
    is gathered while it is read and said as one Vietnamese line (``Cảnh báo: <path>: ...``).

    ``jobs``: processes extracting at once (:func:`planned_jobs`; ``None``: all cores for a batch
    large enough to pay for starting them). With more than one, the files are extracted by
    :func:`extract_worker` in worker processes (``loaders.extract.extract_path``, not ``extractor``),
    a bounded window at a time (:func:`loaders.parallel.ordered_map`), and the items are yielded in
    their order with the same records, errors and warning lines as in one process; ``ocr`` is the
    mode (never / auto / always) the workers read scanned PDF pages with (None: their default); ``window``
    the files extracted ahead of the caller (default: twice the processes; ingest extracts the next batch while it
    writes one).
    """
    todo = [item.path for item in items if item.error is None]
    workers = planned_jobs(todo, jobs)
    if workers <= 1:
        results: Iterator[tuple[dict | None, str | None, list[LibraryWarning]]] = (
            _extract_file(item.path, extractor) for item in items if item.error is None)
    else:
        from loaders.parallel import ordered_map

        worker = extract_worker if ocr is None else functools.partial(extract_worker, ocr=ocr)
        results = ordered_map(worker, todo, workers, window, crashed=_worker_crashed)
    try:
        for item in items:
            if item.error is None:
                item.record, item.error, caught = next(results)
                if caught and item.error is None:  # a file that failed gets its error line only
                    echo(warning_line(item.path, caught), err=True)
            yield item
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # a pool's workers stop with the batch (Ctrl-C, an error while writing)


JOBS_ENV = "KG_JOBS"
POOL_MIN_BYTES = 1_000_000  # input a worker must get to pay for its start-up (about 1 s: spawn, imports)


def planned_jobs(paths: list[str], jobs: int | None) -> int:
    """How many processes extract ``paths``: ``jobs`` when given (at most one per file); by default
    (``None``) all cores (:func:`loaders.parallel.default_jobs`), but at most one per
    :data:`POOL_MIN_BYTES` of input, so a small batch runs in this process.

    >>> planned_jobs(["a.txt", "b.txt", "c.txt"], 2), planned_jobs(["a.txt"], 4), planned_jobs([], 3)
    (2, 1, 1)
    """
    if not paths:
        return 1
    if jobs is not None:
        return max(1, min(jobs, len(paths)))
    from loaders.parallel import default_jobs

    size = 0
    for p in paths:
        try:
            size += os.stat(p).st_size
        except OSError:
            pass  # (said by the extractor, per file)
    return max(1, min(default_jobs(), len(paths), size // POOL_MIN_BYTES))


def _extract_file(path: str, extractor: Callable[[str], dict]) -> tuple[dict | None, str | None, list[LibraryWarning]]:
    """One file through ``extractor``: (record, None, warnings) or (None, one-line error, warnings)."""
    rec, error = None, None
    with library_warnings() as caught:
        try:
            rec = extractor(path)
            if not isinstance(rec, dict):
                raise TypeError(f"bộ trích xuất trả về {type(rec).__name__}, không phải dict")
            # what the reader noticed (bytes replaced while decoding …); pypdf's own lines are caught above
            caught.extend(LibraryWarning("loaders", w) for w in (rec.get("source") or {}).get("warnings") or ()
                          if isinstance(w, str) and "pypdf" not in w)
        except InputError as e:
            rec, error = None, one_line(e)
        except Exception as e:  # noqa: BLE001 - one broken file must not stop the batch
            rec, error = None, one_line(f"{path}: lỗi không mong đợi khi trích xuất ({type(e).__name__}: {e})")
    return rec, error, caught


def extract_worker(path: str, ocr: str | None = None) -> tuple[dict | None, str | None, list[LibraryWarning]]:
    """What a worker process does with one file of :func:`extract_all` (module level: spawn pickles it by name);
    ``ocr``: the mode its scanned PDF pages are read with (:func:`with_ocr`)."""
    extractor = load_extractor()
    return _extract_file(path, extractor if ocr is None else with_ocr(extractor, ocr))


def _worker_crashed(path: str) -> tuple[dict | None, str | None, list[LibraryWarning]]:
    return None, f"{path}: lỗi không mong đợi khi trích xuất (tiến trình trích xuất dừng đột ngột khi đọc tệp này)", []


def jobs_option(f: Callable) -> Callable:
    return click.option("-j", "--jobs", "jobs", type=click.IntRange(min=1), envvar=JOBS_ENV, default=None,
                        help="Processes extracting at once (default: $KG_JOBS, else every core for a batch of "
                             "more than 1 MB; 1: in this process).")(f)


@dataclass
class LibraryWarning:
    """One warning a library gave while a file was read: where from (``pypdf``) and its text."""

    source: str
    text: str


class _Collect(logging.Handler):
    def __init__(self, into: list[LibraryWarning]):
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # noqa: BLE001 — a malformed log call must not break extraction
            text = str(record.msg)
        self.into.append(LibraryWarning(record.name.split(".")[0] or "python", text))


@contextmanager
def library_warnings() -> Iterator[list[LibraryWarning]]:
    """Collect the warnings and WARNING+ log records given inside the block instead of printing them.

    What :mod:`loaders` or :mod:`kg` say (``warnings.warn`` from their code, or a ``loaders.*`` /
    ``kg.*`` logger) is shown as it is, so it must be Vietnamese; what other libraries say is counted.
    """
    caught: list[LibraryWarning] = []
    handler = _Collect(caught)
    root = logging.getLogger()
    loggers = [logging.getLogger(name) for name in ("pypdf", "PyPDF2", "docx")]
    saved = [(lg, lg.propagate) for lg in loggers]
    for lg in loggers:  # their records reach only our handler, not the last-resort stderr printer
        lg.propagate = False
        lg.addHandler(handler)
    root.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            yield caught
    finally:
        root.removeHandler(handler)
        for lg, propagate in saved:
            lg.removeHandler(handler)
            lg.propagate = propagate
    for w in ws:
        caught.append(LibraryWarning(_warning_source(w), str(w.message)))


_OUR_PACKAGES = {name: Path(__import__(name).__file__).resolve().parent for name in ("kg", "loaders")}


def _warning_source(w: warnings.WarningMessage) -> str:
    """Which package issued a warning: ours (kg, loaders) by the file that warned, else the category's."""
    try:
        where = Path(w.filename).resolve()
        for name, root in _OUR_PACKAGES.items():
            if where.is_relative_to(root):
                return name
    except (OSError, ValueError, TypeError):
        pass
    source = (getattr(w.category, "__module__", "") or "python").split(".")[0]
    return "python" if source == "builtins" else source


def warning_line(path: str, caught: list[LibraryWarning]) -> str:
    """One line for everything the libraries said about one file: ours as they are, others counted."""
    ours = [w.text.removeprefix(f"{path}: ") for w in caught if w.source in ("loaders", "kg")]
    others = [w for w in caught if w.source not in ("loaders", "kg")]
    parts = list(dict.fromkeys(ours))
    if others:
        libs = ", ".join(dict.fromkeys(w.source for w in others))
        parts.append(f"tệp có chỗ hỏng hoặc không chuẩn, phần đọc được vẫn được dùng ({len(others)} cảnh báo "
                     f"của {libs}, đầu tiên: {one_line(others[0].text, 120)})")
    return one_line(f"Cảnh báo: {path}: " + "; ".join(parts), 600)


def report_error(item: Outcome) -> None:
    echo(f"Lỗi: {one_line(item.error, 1000)}", err=True)


def to_json(rec: object, compact: bool, **kw) -> str:
    """JSON text as printed and written by kg: UTF-8 kept readable, control characters escaped."""
    if compact:
        return json_safe(json.dumps(rec, ensure_ascii=False, separators=(",", ":"), **kw))
    return json_safe(json.dumps(rec, ensure_ascii=False, indent=2, **kw))


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` as a new file put in place at once (see :func:`output_file`).
    Raises OSError."""
    with output_file(path) as f:
        f.write(text)


@contextlib.contextmanager
def output_file(path: Path):
    """A text file (UTF-8) to write ``path`` through, piece by piece, put in place at once when the block ends.

    Never writes through a symbolic link (or into another name of a hard-linked file) already at
    ``path``: the text goes to a new file beside it, which then replaces the link itself. A reader
    never sees half a file; a failure leaves what was at ``path`` as it was. Raises OSError.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        try:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        except OSError:  # pragma: no cover — permissions are best effort (Windows)
            pass
        if path.is_dir() and not path.is_symlink():
            raise IsADirectoryError(errno.EISDIR, "là một thư mục", str(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def nfc_key(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).casefold().split())


# ---------------------------------------------------------------------------------------
# the graph store and listings


class StoreParam(click.ParamType):
    """A ``--store`` value: a ``neo4j://``, ``neo4j+s://``, ``bolt://`` or ``bolt+s://`` URI stays text
    (a path would fold its ``//``), anything else is a :class:`~pathlib.Path`."""

    name = "store"

    def convert(self, value, param, ctx):
        from kg.store import is_uri

        if isinstance(value, Path):
            return value
        text = str(value)
        return text if is_uri(text) else Path(text)


def store_option(f: Callable) -> Callable:
    return click.option("--store", "store", type=StoreParam(), envvar="KG_STORE", default=None,
                        help="Graph store: a file (default: $KG_STORE or ~/.local/share/chidao-kg/graph.lbug) or a "
                             "Neo4j server URI (neo4j://host:7687, neo4j+s://, bolt://, bolt+s://; user and password "
                             "from NEO4J_USER / NEO4J_PASSWORD, database from NEO4J_DATABASE).")(f)


XLSX_META = "kg.xlsx"  # ctx.meta key: the .xlsx file --xlsx asked for, written by emit()


def _remember_xlsx(ctx: click.Context, param, value):
    if value is not None:
        ctx.meta[XLSX_META] = Path(value)
    return value


WIDE_META = "kg.wide"  # ctx.meta key: --wide, tables at their full width (emit(), fields_text())


def _remember_wide(ctx: click.Context, param, value):
    if value:
        ctx.meta[WIDE_META] = True
    return value


def terminal_width() -> int | None:
    """The width tables fit in: ``$COLUMNS`` when set, else the terminal's when output goes to one; None (no
    fitting) with ``--wide`` or when output goes to a pipe or file."""
    if is_wide():
        return None
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        if sys.stdout.isatty():
            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):
        pass
    return None


def is_wide() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(WIDE_META))


def fields_text(pairs) -> str:
    """:func:`kg.tables.fields` within the terminal's width (on one line each with ``--wide``)."""
    if is_wide():
        return tables.fields(pairs, limit=10 ** 6)
    return tables.fields(pairs, limit=terminal_width() or 100)


def wrapped(text: str, indent: int = 0) -> str:
    """A line of prose within the terminal's width, its continuation lines indented by ``indent`` (as it is with
    ``--wide`` or without a terminal)."""
    limit = terminal_width()
    if limit is None or tables.width(text) <= limit:
        return text
    head, body = text[:indent], text[indent:]
    lines = tables.wrap(" ".join(body.split(" ")), max(20, limit - indent))
    return "\n".join([head + lines[0], *(" " * indent + x for x in lines[1:])])


def output_options(f: Callable) -> Callable:
    f = click.option("--wide", is_flag=True, default=False, expose_value=False, callback=_remember_wide,
                     help="Tables at full width: whole texts, no wrapping to the terminal's width.")(f)
    f = click.option("--xlsx", type=click.Path(dir_okay=False), default=None, expose_value=False,
                     callback=_remember_xlsx,
                     help="Also write the listing as an Excel file (Vietnamese headers, dates as dates).")(f)
    f = click.option("--csv", "as_csv", is_flag=True, help="Output CSV.")(f)
    f = click.option("--json", "as_json", is_flag=True, help="Output JSON.")(f)
    return f


def write_xlsx(rows: list[dict], columns: list[tuple[str, str]]) -> None:
    """The listing as the .xlsx file ``--xlsx`` named (if any), written whole, never through a link."""
    ctx = click.get_current_context(silent=True)
    path = ctx.meta.pop(XLSX_META, None) if ctx is not None else None
    if path is None:
        return
    from kg.exports import xlsx_bytes

    cols = [("text" if k == "text_short" else k, h) for k, h in columns]
    data = xlsx_bytes(rows, cols)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise KgError(f"{path}: không ghi được tệp Excel ({e.strerror or e})") from e
    echo(f"Đã ghi {len(rows)} dòng vào {path}", err=True)


_LOCKED = re.compile(r"Could not set lock on file|Lock is held by", re.I)
_LOCK_PID = re.compile(r"Lock is held by PID (\d+)", re.I)
_READ_BUSY = re.compile(r"checkpoint recovery is pending|WAL file is corrupted|Could not set lock", re.I)


def is_locked(e: BaseException) -> bool:
    """The store could not be opened because another process holds its lock."""
    return getattr(e, "kind", None) == "locked" or bool(_LOCKED.search(_engine_text(e)))


def busy_message(path: Path, e: BaseException) -> str:
    m = _LOCK_PID.search(_engine_text(e))
    who = f"một tiến trình kg khác (PID {m.group(1)})" if m else "một tiến trình kg khác"
    return f"{path}: kho đồ thị đang được {who} sử dụng; hãy chờ tiến trình đó xong rồi chạy lại"


def open_store(store: Path | None, write: bool = True):
    """The :class:`kg.graph.KnowledgeGraph` at ``store`` (or the default store); a failure is a KgError.

    ``write=True`` (ingest, remove, maintenance) takes the store's lock: if another kg process holds
    it, one line says so at once (exit code 3). ``write=False`` (questions) opens the store for
    reading, which the engine allows while a writer holds it except while the writer's log waits
    to be written into the store; then it waits (one line says so) up to ``$KG_WAIT`` seconds.
    """
    from kg.graph import KnowledgeGraph, store_target
    from kg.store.ladybug_store import StoreOpenError

    path = store_target(store)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[STORE_META] = path
    if isinstance(path, str):  # a Neo4j server: no file lock, no log to replay; the server serves readers and writers
        try:
            kg = KnowledgeGraph.open(path, announce=say_migration)
        except StoreOpenError as e:
            raise KgError(one_line(e.message, 1000)) from None
        show_store_notices(kg.store_notices)
        return kg
    if not write and _exists(path):
        try:
            kg = KnowledgeGraph.open(path, read_only=True)
            show_store_notices(kg.store_notices)
            return kg
        except Exception:  # noqa: BLE001 — an older schema, a torn log to recover: the normal open below does it
            pass
    try:
        kg = KnowledgeGraph.open(path, announce=say_migration)
    except Exception as e:  # noqa: BLE001 — a store that cannot be opened ends the command
        if not is_locked(e):
            if isinstance(e, StoreOpenError):  # its message is the line to show (empty, not a store, newer format…)
                raise KgError(one_line(e.message, 1000)) from e
            if isinstance(e, DiskFullError):  # a new store's schema, a migration: refused before they began
                raise KgError(error_line(e)) from e
            raise KgError(f"{path}: không mở được kho đồ thị ({describe(e)})") from e
        if write:
            raise KgError(busy_message(path, e), EXIT_BUSY) from e
        kg = _wait_to_read(path, e)
    show_store_notices(kg.store_notices)
    return kg


def say_migration(line: str) -> None:
    """The line a store's format migration gives before it starts (``KnowledgeGraph.open(announce=)``), on stderr."""
    echo(one_line(line, 1000), err=True)


def show_store_notices(notices: Iterable) -> None:
    """What the store did on its own when opened (a torn log recovered, a format upgraded): one line each."""
    for n in notices:
        echo(f"Cảnh báo: {one_line(n.message, 1000)}", err=True)


def _engine_text(e: BaseException) -> str:
    """The engine's own words for a failed open (a StoreOpenError keeps them apart from its Vietnamese line)."""
    return f"{getattr(e, 'detail', '')} {e}"


def _exists(path: Path) -> bool:
    p = path / "graph.lbug" if path.is_dir() else path
    return p.is_file()


def _wait_to_read(path: Path, first: BaseException):
    from kg.graph import KnowledgeGraph

    from kg.store.ladybug_store import reader_wait

    limit = reader_wait()
    echo(f"Chờ: {busy_message(path, first).split('; ')[0]}; đang chờ để đọc (tối đa {limit:g} giây)…", err=True)
    deadline = time.monotonic() + limit
    last: BaseException = first
    while True:
        try:
            return KnowledgeGraph.open(path, read_only=True)
        except Exception as e:  # noqa: BLE001
            last = e
            if getattr(e, "kind", None) not in ("torn_log", "locked") and not _READ_BUSY.search(_engine_text(e)):
                raise KgError(f"{path}: không mở được kho đồ thị để đọc ({describe(e)})") from e
        if time.monotonic() >= deadline:
            raise KgError(busy_message(path, first) + f" (đã chờ {limit:g} giây)", EXIT_BUSY) from last
        time.sleep(0.25)


def graph_errors(f: Callable) -> Callable:
    """NotFound / Ambiguous become one 'Lỗi:' line (candidates listed before it), exit code 1."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from kg.graph import Ambiguous, NotFound

        try:
            return f(*args, **kwargs)
        except Ambiguous as e:
            echo("Có nhiều kết quả phù hợp:", err=True)
            for c in e.candidates:  # a task's unique_id (NV-…@document) first: what to type instead
                fields = ("unique_id", "number", "path") if c.get("unique_id") else ("number", "name", "type", "scope",
                                                                                      "key", "path")
                echo("  - " + " | ".join(str(c.get(k)) for k in fields if c.get(k)), err=True)
            raise KgError(f"{e} — hãy ghi rõ hơn") from e
        except NotFound as e:
            raise KgError(str(e)) from e

    return wrapper


def emit(rows: list[dict], columns: list[tuple[str, str]], as_json: bool, as_csv: bool,
         payload: object | None = None, max_widths: dict[int, int] | None = None, *, shown: int | None = None,
         total: int | None = None, noun: str = "dòng") -> None:
    """Rows as a table (Vietnamese headers), JSON (``payload`` if given) or CSV; with ``--xlsx`` also an Excel file.

    JSON, CSV and the Excel file get every row given. The table shows the first ``shown`` of them (all when None)
    and, when that is fewer than ``total`` (default: the rows given; a page of a longer answer gives its length),
    says so in one line: ``Hiển thị 50/1.694 nhiệm vụ; dùng --all để xem tất cả``."""
    write_xlsx(rows, columns)
    if as_json:
        echo(to_json(payload if payload is not None else rows, False, default=str))
        return
    if as_csv:
        click.echo(csv_text(rows, ["text" if k == "text_short" else k for k, _ in columns]), nl=False)
        return
    total = len(rows) if total is None else total
    rows = rows if shown is None else rows[:shown]
    if not rows:
        echo("(không có kết quả)")
    elif is_wide():  # everything: whole texts, no column caps
        keys = ["text" if k == "text_short" and any("text" in r for r in rows) else k for k, _ in columns]
        echo(tables.table([h for _, h in columns], [[r.get(k) for k in keys] for r in rows]))
    else:
        echo(tables.table([h for _, h in columns], [[r.get(k) for k, _ in columns] for r in rows],
                          max_widths=max_widths or {}, total_width=terminal_width()))
    if len(rows) < total:
        echo(shown_line(len(rows), total, noun))


def number_vi(n: int) -> str:
    """A count as Vietnamese writes it, thousands separated by dots.

    >>> number_vi(1694), number_vi(50), number_vi(1234567)
    ('1.694', '50', '1.234.567')
    """
    return f"{n:,}".replace(",", ".")


def shown_line(shown: int, total: int, noun: str) -> str:
    """The line under a listing cut to its first rows.

    >>> shown_line(50, 1694, "nhiệm vụ")
    'Hiển thị 50/1.694 nhiệm vụ; dùng --all để xem tất cả'
    """
    return f"Hiển thị {number_vi(shown)}/{number_vi(total)} {noun}; dùng --all để xem tất cả"


LISTED_ROWS = 50  # rows a terminal listing shows unless --all or --limit says otherwise


def listing_options(f: Callable) -> Callable:
    """--all and --limit: how many rows a table on the terminal shows (JSON, CSV, Excel and iCalendar are always whole)."""
    f = click.option("--limit", "limit", default=LISTED_ROWS, show_default=True, type=click.IntRange(1),
                     help="Rows the table shows (the first ones, and how many there are in all).")(f)
    return click.option("--all", "show_all", is_flag=True, default=False,
                        help="Show every row in the table, not only the first ones.")(f)


def wants_whole(as_json: bool, as_csv: bool, show_all: bool, *files: object) -> bool:
    """Whether a listing needs every row: an export (JSON, CSV, --xlsx, or any file given in ``files``) or --all."""
    ctx = click.get_current_context(silent=True)
    xlsx = ctx is not None and ctx.meta.get(XLSX_META) is not None
    return as_json or as_csv or show_all or xlsx or any(x is not None for x in files)


def csv_text(rows: list[dict], keys: list[str]) -> str:
    """CSV of ``rows`` (header ``keys``); lists joined with ``; ``, cells escaped by :func:`kg.sanitize.csv_cell`."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([csv_cell(k) for k in keys])
    for r in rows:
        w.writerow([csv_cell("; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v))
                    for v in (r.get(k) for k in keys)])
    return buf.getvalue()


def short(text: str | None, n: int = 90) -> str | None:
    if not text:
        return text
    return text if len(text) <= n else text[: n - 1] + "…"


# ---------------------------------------------------------------------------------------
# dates as people type them


_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def parse_day(text: str) -> "datetime.date":
    """A day typed day first (``01/06/2026``, ``1/6/2026``, ``1.6.2026``, ``1-6-2026``) or ISO (``2026-06-01``).

    >>> parse_day("1/6/2026"), parse_day("2026-06-01"), parse_day(" 01.06.2026 ")
    (datetime.date(2026, 6, 1), datetime.date(2026, 6, 1), datetime.date(2026, 6, 1))
    """
    import datetime

    s = (text or "").strip()
    m = _DAY_FIRST.match(s)
    try:
        if m:
            return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return datetime.date.fromisoformat(s)
    except ValueError:
        raise ValueError(f"ngày không hợp lệ: '{text}' (dạng ngày/tháng/năm như 01/06/2026, hoặc 2026-06-01)") from None


def date_option(text: str | None):
    """``parse_day`` for a command-line option: a wrong day is a usage error (exit code 2)."""
    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def agency_scope_options(f):
    """--scope and --with-predecessors, for the commands that answer for one agency (workload, viz workload)."""
    f = click.option("--with-predecessors", "with_predecessors", is_flag=True,
                     help="Also the open tasks of the bodies it succeeded in the 2025 reorganisation.")(f)
    return click.option("--scope", default=None, help="Province or commune the agency belongs to (e.g. 'Lào Cai').")(f)
