"""The embedded Ladybug graph database (an in-process Cypher engine, fork of Kùzu) as a store.

>>> with LadybugStore(":memory:") as store:                       # doctest: +SKIP
...     store.ensure_schema({"nodes": {"Agency": {"key": "key", "props": {"key": "STRING"}}}})
...     store.execute_many("UNWIND $rows AS row MERGE (:Agency {key: row.key})", [{"key": "bxd"}])
...     store.run("MATCH (a:Agency) RETURN count(a) AS n", {})
[{'n': 1}]

Values are always passed as parameters, never spliced into Cypher text. The only text
this module builds is DDL from a schema spec (tables cannot be parameters), and every
name in a spec must be a plain identifier. Facts about Ladybug's dialect that shaped
this module are in ``docs/ladybug-notes.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from kg.errors import DiskFullError, StoreError
from kg.store.rows import (StoreBase, check_batch_write, check_one_statement, chunks, create_edges_text,
                           create_nodes_text, ident, payloads, value_of)

__all__ = ["LadybugStore", "CopyFile", "DEFAULT_FILENAME", "StoreNotice", "StoreOpenError", "FileCheck", "check_file",
           "log_files", "engine_files", "log_left_closed", "keep_aside", "utc_stamp", "buffer_pool_bytes", "BUFFER_POOL_ENV",
           "release_memory", "ask_for_checkpoint", "reader_asked", "reader_wait", "READER_SUFFIX", "DISK_RESERVE_BYTES",
           "LOG_BYTES_PER_NOTICE", "DISK_CHECK_ENV", "require_room"]

DEFAULT_FILENAME = "graph.lbug"  # the database file made inside a directory given as path
MAGIC = b"LBUG"  # the first bytes of every Ladybug database file
# the engine's companions of a database file: its log, the log frozen by a checkpoint in progress, the
# pages of a checkpoint in progress, and the checkpoint's lock files (ladybug 0.22)
LOG_SUFFIXES = (".wal", ".wal.checkpoint")
# ... and ours: the size and time of a log a writer left on purpose when it closed or a long write committed (see
# LEAVE_LOG_FROM_BYTES), and a reader's request for a checkpoint (see READER_LOG_BYTES)
CLOSED_LOG_SUFFIX = ".wal.closed"
READER_SUFFIX = ".wal.reader"
ENGINE_SUFFIXES = LOG_SUFFIXES + (".shadow", ".checkpoint.apply.lock", ".checkpoint.intent.lock", CLOSED_LOG_SUFFIX,
                                  READER_SUFFIX)
# the log a long write (a bulk ingest) lets grow before it checkpoints: a checkpoint costs the engine time that grows
# with the tables (it rewrites the adjacency of every node group a write touched), so a checkpoint per batch of
# 500 notices made ingest slow down as the store grew; every committed batch is durable in the log meanwhile
DEFERRED_CHECKPOINT_BYTES = 256 * 1024 * 1024
# ... and since a checkpoint's cost grows with the store, the log may also grow to this share of the database file
# before one (so their number grows with the logarithm of the store and their total cost stays linear in what is
# written), up to DEFERRED_CHECKPOINT_MAX and half the buffer pool (what is not checkpointed yet is held in the pool:
# about as many bytes as the log)
DEFERRED_CHECKPOINT_SHARE = 1.0
DEFERRED_CHECKPOINT_MAX = 1536 * 1024 * 1024
# A checkpoint rewrites the adjacency of every node group a write touched, the agencies', provinces' and cited
# documents' whole edge lists included, however small the write: one file ingested costs 4.2 s at 10,000 notices
# (600 MB), 5.9 s at 20,000 (1 GB) and 15-50 s at 100,000 (5 GB), most of it that checkpoint. In a database file of
# at least LEAVE_LOG_FROM_BYTES a commit (and the end of a deferred block) leaves its log for a later write to
# checkpoint while the log holds less than LEAVE_LOG_BYTES, and a writer that closes with such a log leaves it (the
# engine would checkpoint it on close) with a note of its size and time (CLOSED_LOG_SUFFIX), so the next open replays
# it without first trying the replay in a child process. Every commit is durable in the log either way. The price is
# paid by every open until the next checkpoint: the engine replays the log in memory (about 0.1 s, plus 0.07 s a MB:
# a read-only open 0.19 -> 0.34 s at 20,000 notices with the logs of one to three files), so the log stays small
# and only stores whose checkpoints cost seconds leave it (benchmarks/bench_small_writes.py).
LEAVE_LOG_FROM_BYTES = 1024 * 1024 * 1024
LEAVE_LOG_BYTES = 2 * 1024 * 1024
# a reader that opens while a long write's log is big replays all of it, each time (about 0.2 s a MB while the writer
# runs): a reader that meets a log of READER_LOG_BYTES or more leaves a request beside it (READER_SUFFIX, its time),
# and a writer inside deferred_checkpoints checkpoints at its next commit when a request is less than
# READER_RECENT_SECONDS old, so the next reads replay only what was written since. Answers while a long ingest runs
# cost the ingest a checkpoint per batch at most, and only while someone reads
READER_LOG_BYTES = 16 * 1024 * 1024
READER_RECENT_SECONDS = 120.0
READER_WAIT_SECONDS = 60.0  # how long a reader (a CLI question, a page of kg serve) waits for a busy store
READER_WAIT_ENV = "KG_WAIT"  # ... in seconds, set by the user
CREATE_BATCH = 5000  # rows per statement of create_nodes / create_edges
# the engine's buffer pool: its cache of the database file's pages and the memory of what is committed but not
# checkpointed yet. The engine's own default is 80 % of RAM, which nothing else bounds (a long-lived reader caching a
# store bigger than that, an ingest waiting for a log as big as the file before a checkpoint). Ingest used 100-420 MB
# of it over 14,000 notices; below 256 MB a batch of 500 notices no longer fits and the engine spends its time
# evicting (128 MB: 15 times slower); see docs/ladybug-notes.md, *Memory*
# Room on the store's disk a write must find before it begins: the engine cannot survive a full disk (a log write
# that fails aborts the process, and the log it leaves can be neither replayed nor set aside until room is made). A
# write adds to the log; a checkpoint then writes the log into the file, through a shadow file about as big; so a
# write needs twice the log it leaves plus DISK_RESERVE_BYTES. What a notice adds to the log is estimated by
# LOG_BYTES_PER_NOTICE (measured: about 120 KB for a notice of 24 kB with 25 tasks, 58 MB per 500).
DISK_RESERVE_BYTES = 64 * 1024 * 1024
LOG_BYTES_PER_NOTICE = 256 * 1024
DISK_CHECK_ENV = "KG_CHECK_DISK"  # "0": no check (a file system that reports its free room wrongly, e.g. some mounts)
BUFFER_POOL_MB = 1024
BUFFER_POOL_MIN_MB = 256
BUFFER_POOL_ENV = "KG_BUFFER_POOL_MB"  # a user's bound in MB; 0: the engine's default (80 % of RAM)


@dataclass(frozen=True)
class StoreNotice:
    """Something the store did on its own that the user must hear about, as one Vietnamese line.

    ``kind`` is ``"log_recovered"`` (a torn log replayed up to its last complete commit; the damaged
    log kept as ``kept``), ``"log_discarded"`` (a log the engine could not replay at all, kept aside),
    ``"checkpoint_failed"`` (a committed write is in the log only) or ``"migrated"`` (the store's
    format was upgraded). The library never prints: callers (the CLI) show ``message``.
    """

    kind: str
    path: str
    message: str
    kept: str | None = None


class StoreOpenError(StoreError):
    """A store file that cannot be opened, with the reason as ``kind`` and a one-line Vietnamese ``message``.

    ``kind``: ``"missing"`` (read-only, no file), ``"empty"`` (a 0-byte file), ``"not_ladybug"`` (no Ladybug signature), ``"locked"``
    (another process has it open for writing), ``"torn_log"`` (a damaged log and a read-only open,
    which cannot repair it), ``"newer_format"`` / ``"unknown_format"`` (see :mod:`kg.store.format`),
    ``"engine"`` (anything else the engine refused).
    """

    def __init__(self, kind: str, path: str, message: str, detail: str = ""):
        super().__init__(message)
        self.kind = kind
        self.path = path
        self.detail = detail  # the engine's own words, when it refused


@dataclass(frozen=True)
class FileCheck:
    """What a store path holds before the engine touches it: ``state`` is ``"missing"``, ``"empty"``,
    ``"not_ladybug"`` or ``"ladybug"``; ``companions`` are the engine files beside it (log, shadow, locks)."""

    path: str
    state: str
    size: int
    companions: tuple[str, ...]


def utc_stamp() -> str:
    """A UTC timestamp for file names: ``20261202T074512Z``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def require_room(folder: str | os.PathLike, needed: int) -> None:
    """Raise :class:`DiskFullError` when the disk holding ``folder`` has fewer than ``needed`` bytes free: asked before
    a store's write and before a copy of a store file, so that nothing is begun that the disk cannot finish.
    A disk that cannot say, or ``KG_CHECK_DISK=0`` (:data:`DISK_CHECK_ENV`), lets the write be tried.

    >>> require_room(".", 0)
    """
    if os.environ.get(DISK_CHECK_ENV, "").strip() == "0":
        return
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < needed:
        raise DiskFullError(folder, free=free, needed=needed)


def engine_files(path: str | os.PathLike) -> list[Path]:
    """The engine's companion files of the database file ``path`` that exist now."""
    p = Path(path)
    return [p.with_name(p.name + s) for s in ENGINE_SUFFIXES if p.with_name(p.name + s).exists()]


_PROBE = """
import json, sys
try:
    import ladybug
    ladybug.Database(sys.argv[1], **json.loads(sys.argv[2])).close()
except Exception:
    sys.exit(1)
"""


def buffer_pool_bytes(mb: int | str | None = None) -> int:
    """The buffer pool (bytes) an on-disk store opens with: ``mb`` (MB) if given, else ``$KG_BUFFER_POOL_MB``, else
    :data:`BUFFER_POOL_MB`; never below :data:`BUFFER_POOL_MIN_MB`. 0 asks for the engine's own default (80 % of RAM)
    and gives 0. A value that is not a whole number is a StoreError naming it.

    >>> buffer_pool_bytes(512) >> 20, buffer_pool_bytes("64") >> 20, buffer_pool_bytes(0)
    (512, 256, 0)
    """
    where = "buffer_pool_mb"
    if mb is None:
        mb, where = os.environ.get(BUFFER_POOL_ENV, "").strip() or BUFFER_POOL_MB, f"${BUFFER_POOL_ENV}"
    try:
        n = int(mb)
    except (TypeError, ValueError):
        raise StoreError(f"{where}={mb!r}: expected a whole number of MB (0: the engine's default)") from None
    if n < 0:
        raise StoreError(f"{where}={mb!r}: expected a whole number of MB (0: the engine's default)")
    return 0 if n == 0 else max(n, BUFFER_POOL_MIN_MB) << 20


_LIBC: Any = None


def release_memory() -> bool:
    """Hand the memory the engine has freed back to the system (glibc's ``malloc_trim``); False where there is no
    such call (another C library, Windows, macOS).

    The engine frees what a checkpoint wrote out (the committed rows it held, the checkpoint's own work), but glibc
    keeps freed memory for the process: after the first checkpoint of an ingest about 500 MB of the process's 1 GB
    was free, and an ingest's RSS grew with every checkpoint (docs/ladybug-notes.md, *Memory*)."""
    global _LIBC
    if _LIBC is None:
        _LIBC = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes
                import ctypes.util

                lib = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                _LIBC = lib if hasattr(lib, "malloc_trim") else False
            except (OSError, AttributeError):
                _LIBC = False
    if not _LIBC:
        return False
    _LIBC.malloc_trim(0)
    return True


def replay_crashes(path: str | os.PathLike, **options: Any) -> bool:
    """Does opening the database at ``path`` (its log replayed) kill the process? Tried in a child process.

    Ladybug refuses most torn logs with an error, but a log cut at some points makes the engine crash
    natively (a segmentation fault) while it replays: that must happen to a child, never to a command
    that holds the user's work. Called only when a log is there at open (after a crash, or while another
    process writes); a child that opens for writing also replays and checkpoints the log for us."""
    import subprocess
    import sys

    try:
        r = subprocess.run([sys.executable, "-c", _PROBE, os.fspath(path), json.dumps(options)],
                           capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError):
        return False  # no child to ask: open in this process as before
    return r.returncode not in (0, 1)


def _shorten_until_replayable(p: Path, **options: Any) -> bool:
    """A log whose torn tail crashes the engine (even when told to stop at the last good record): cut the tail
    back, further each time (64 bytes, 128, …), until the engine replays what is left. The whole log is kept
    aside first by the caller; what is cut is the tail, where the interrupted write is."""
    log = p.with_name(p.name + ".wal")
    if not log.exists():
        return False
    size = log.stat().st_size
    step = 64
    while step < 2 * size:
        os.truncate(log, max(0, size - step))
        if not replay_crashes(p, throw_on_wal_replay_failure=False, **options):
            return True
        step *= 2
    return False


def log_files(path: str | os.PathLike) -> list[Path]:
    """The logs (``.wal``, ``.wal.checkpoint``) of the database file ``path`` that exist now."""
    p = Path(path)
    return [p.with_name(p.name + s) for s in LOG_SUFFIXES if p.with_name(p.name + s).is_file()]


def _file_stamp(path: Path) -> dict | None:
    """A file's size and modification time (None when it is not there): a log's, or the database file's."""
    try:
        st = path.stat()
    except OSError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def log_left_closed(path: str | os.PathLike) -> bool:
    """Is the log of the database file ``path`` one a writer left on purpose when it closed, or one a long write
    (inside ``deferred_checkpoints``) has committed, untouched since (its note, ``<file>.wal.closed``, gives the log's
    size and time as they are now, and no checkpoint was cut short)? Such a log is whole: it is replayed without the
    child-process probe of :func:`replay_crashes` (a reader during a long ingest replays it once, not twice)."""
    p = Path(path)
    log, note = p.with_name(p.name + ".wal"), p.with_name(p.name + CLOSED_LOG_SUFFIX)
    if not note.is_file() or p.with_name(p.name + ".wal.checkpoint").exists():
        return False
    try:
        said = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    now = _file_stamp(log)
    return now is not None and isinstance(said, dict) and said == now


def _note_log_closed(p: Path) -> None:
    """Write the note of :func:`log_left_closed` for the log now beside ``p`` (under a temporary name, then renamed:
    a crash leaves no half-written note, only no note, and the next open then tries the log in a child)."""
    stamp = _file_stamp(p.with_name(p.name + ".wal"))
    if stamp is None:
        return
    note = p.with_name(p.name + CLOSED_LOG_SUFFIX)
    tmp = note.with_name(f"{note.name}.{os.getpid()}")
    try:
        tmp.write_text(json.dumps(stamp), encoding="utf-8")
        os.replace(tmp, note)
    except OSError:
        tmp.unlink(missing_ok=True)


def ask_for_checkpoint(path: str | os.PathLike) -> bool:
    """A reader met a long log beside the database file ``path``: leave the writer a request to checkpoint (the file
    :data:`READER_SUFFIX`, holding the time). False when it cannot be written (read-only media: nothing asked)."""
    p = Path(path)
    try:
        p.with_name(p.name + READER_SUFFIX).write_text(f"{time.time():.0f}", encoding="utf-8")
        return True
    except OSError:
        return False


def reader_wait() -> float:
    """Seconds a reader waits for a store busy with a writer's checkpoint: ``$KG_WAIT``, else
    :data:`READER_WAIT_SECONDS` (at 100,000 notices a checkpoint takes 20-50 s); never below 0."""
    try:
        return max(0.0, float(os.environ.get(READER_WAIT_ENV, READER_WAIT_SECONDS)))
    except ValueError:
        return READER_WAIT_SECONDS


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def reader_asked(path: str | os.PathLike, now: float | None = None) -> bool:
    """Did a reader ask for a checkpoint (:func:`ask_for_checkpoint`) in the last :data:`READER_RECENT_SECONDS`?"""
    p = Path(path)
    try:
        at = p.with_name(p.name + READER_SUFFIX).stat().st_mtime
    except OSError:
        return False
    return (time.time() if now is None else now) - at <= READER_RECENT_SECONDS


def _forget_reader(p: Path) -> None:
    try:
        p.with_name(p.name + READER_SUFFIX).unlink(missing_ok=True)
    except OSError:
        pass


def _forget_log_closed(p: Path) -> None:
    try:
        p.with_name(p.name + CLOSED_LOG_SUFFIX).unlink(missing_ok=True)
    except OSError:
        pass


def check_file(path: str | os.PathLike) -> FileCheck:
    """Look at a store file without opening it with the engine (a directory means ``graph.lbug`` in it)."""
    p = Path(path)
    if p.is_dir():
        p = p / DEFAULT_FILENAME
    companions = tuple(os.fspath(c) for c in engine_files(p))
    if not p.exists():
        return FileCheck(os.fspath(p), "missing", 0, companions)
    size = p.stat().st_size
    if size == 0:
        return FileCheck(os.fspath(p), "empty", 0, companions)
    with open(p, "rb") as f:
        head = f.read(len(MAGIC))
    return FileCheck(os.fspath(p), "ladybug" if head == MAGIC else "not_ladybug", size, companions)


def keep_aside(path: str | os.PathLike, label: str, *, copy: bool = False) -> Path:
    """Rename (or copy) ``path`` to ``<path>.<label>-<UTC stamp>`` (a free name) and return the new path."""
    p = Path(path)
    stamp = utc_stamp()
    target = p.with_name(f"{p.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = p.with_name(f"{p.name}.{label}-{stamp}-{n}")
    if copy:
        shutil.copy2(p, target)
    else:
        os.replace(p, target)
    return target


def _is_log_failure(message: str) -> bool:
    """The engine refused its log (a torn tail, a bad checksum, a record cut short), not something else."""
    if "lock" in message.lower():
        return False
    return any(w in message for w in ("WAL", ".wal", "enableChecksums", "Checksum"))

_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_TYPE_RE = re.compile(r"[A-Z][A-Z0-9]*(?:\[\])*\Z")
_TYPE_SYNONYMS = {"INT": "INT32", "BOOLEAN": "BOOL"}  # what Ladybug reports for them


def _ident(name: Any, what: str) -> str:
    if not isinstance(name, str) or not _IDENT_RE.match(name):
        raise StoreError(f"schema spec: {what} {name!r} is not a plain identifier")
    return name


def _type(t: Any, what: str) -> str:
    up = t.strip().upper() if isinstance(t, str) else t
    if not isinstance(up, str) or not _TYPE_RE.match(up):
        raise StoreError(f"schema spec: {what} has type {t!r}; expected a Ladybug type like STRING, INT64, DOUBLE, BOOL, DATE, STRING[]")
    return up


def _canonical_type(t: str) -> str:
    base = t.rstrip("[]")
    return _TYPE_SYNONYMS.get(base, base) + t[len(base):]


def _plain(value: Any) -> Any:
    """Python values as the Neo4j driver would give them: INT128 sums (Decimal) become int/float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_AS_IS = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime})  # values _plain leaves as they are


def _plain_row(row: dict) -> dict:
    """A result row as :func:`_plain` gives it: the row itself when every value is a plain scalar (most rows: no
    walk of each value), else a converted copy.

    >>> _plain_row({"a": 1, "b": "x"}), _plain_row({"n": Decimal(3), "l": [Decimal("1.5")]})
    ({'a': 1, 'b': 'x'}, {'n': 3, 'l': [1.5]})
    """
    for v in row.values():
        if type(v) not in _AS_IS:
            return _plain(row)
    return row


def _message(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    if not isinstance(e, RuntimeError):  # Ladybug's own errors are RuntimeErrors; say what else it was
        text = f"{type(e).__name__}: {text}"
    return text


# (database file, schema spec) -> the stamp of the file and its logs when ensure_schema last found nothing to change
_SCHEMA_CHECKED: dict[tuple, tuple] = {}


def _columns_of(rows: Sequence[Mapping[str, Any]], names: tuple[str, ...]) -> list[list]:
    """One list per name of the rows' values (None where a row lacks it), transposed in C when every row has them.

    >>> _columns_of([{"a": 1, "b": 2}, {"a": 3, "b": 4}], ("a", "b")), _columns_of([{"a": 1}, {}], ("a",))
    ([[1, 3], [2, 4]], [[1, None]])
    """
    if not names:
        return []
    try:
        if len(names) == 1:
            return [list(map(itemgetter(names[0]), rows))]
        cols = list(map(list, zip(*map(itemgetter(*names), rows))))
        return cols if cols else [[] for _ in names]
    except (KeyError, TypeError):  # a row without one of them, or a mapping itemgetter cannot read
        return [[r.get(n) for r in rows] for n in names]


COPY_PART_ROWS = 500_000  # rows of a CopyFile copied in one transaction
LIST_SEPARATOR = "\x1e"  # between the items of a list property in a CopyFile (a record separator: never in a text)


def _copy_expr(t: str, col: str) -> str:
    """The expression reading a CopyFile column ``col`` (text) as type ``t``; an empty field is NULL, a quoted
    empty one ''; a list's items joined by LIST_SEPARATOR, '' for an empty list.

    >>> _copy_expr("DATE", "c1"), _copy_expr("STRING", "c0")
    ('CAST(c1 AS DATE)', 'c0')
    """
    t = _canonical_type(t)
    if t == "STRING":
        return col
    if t.endswith("[]"):
        return (f"CASE WHEN {col} IS NULL OR {col} = '' THEN CAST([] AS {t}) "
                f"ELSE CAST(string_split({col}, '{LIST_SEPARATOR}') AS {t}) END")
    return f"CAST({col} AS {t})"


def _text_cell(v: Any) -> str:
    if v is None:
        return ""
    return '"' + (v if type(v) is str else str(v)).replace('"', '""') + '"'


def _list_cell(v: Any) -> str:
    return '"' + LIST_SEPARATOR.join(str(x) for x in v).replace('"', '""') + '"' if v else '""'


def _bool_cell(v: Any) -> str:
    return "" if v is None else "true" if v else "false"


def _int_cell(v: Any) -> str:
    return "" if v is None else str(int(v))


def _double_cell(v: Any) -> str:
    return "" if v is None else repr(float(v))


def _date_cell(v: Any) -> str:
    return "" if v is None else v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else _text_cell(v)


_CELL = {"STRING": _text_cell, "BOOL": _bool_cell, "BOOLEAN": _bool_cell, "INT64": _int_cell, "INT32": _int_cell, "INT16": _int_cell,
         "DOUBLE": _double_cell, "FLOAT": _double_cell, "DATE": _date_cell}


class CopyFile:
    r"""Rows of one table written to CSV files for the engine's bulk loader:
    ``fields`` (name: type) in the table's order, every text quoted (a quote doubled), None as an empty field, a
    list's items joined by :data:`LIST_SEPARATOR` (None as an empty list, as :meth:`LadybugStore.create_nodes`
    writes it), for :meth:`LadybugStore.copy_files`. A new file is begun every ``part_rows`` rows (:data:`COPY_PART_ROWS`): one COPY of 3.8 million edges
    filled a buffer pool of 1 GB, parts of 500,000 did not. ``distinct``: the copy keeps one of equal rows (lookup
    nodes several tasks share); such rows stay in one file (one COPY sees them all).

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> cf = CopyFile(d / "n.csv", {"key": "STRING", "n": "INT64", "tags": "STRING[]", "ok": "BOOLEAN"}, part_rows=1)
    >>> cf.add([{"key": 'a"b', "n": 2, "tags": ["x", "y"], "ok": True}, {"key": "c", "n": None}])
    >>> cf.close(); cf.rows, [(p.name, n, p.read_text(encoding="utf-8")) for p, n in cf.parts]
    (2, [('n.csv', 1, '"a""b",2,"x\x1ey",true\n'), ('n.1.csv', 1, '"c",,"",\n')])
    """

    def __init__(self, path: Path, fields: Mapping[str, str], distinct: bool = False, part_rows: int | None = None):
        self.path = Path(path)
        self.fields = {p: _canonical_type(t) for p, t in fields.items()}
        self.distinct = distinct
        self.part_rows = None if distinct else part_rows or COPY_PART_ROWS
        self.rows = 0
        self.parts: list[tuple[Path, int]] = []  # (file, rows) of each part closed
        self._open(self.path)

    def _open(self, path: Path) -> None:
        self._part, self._in_part = path, 0
        self._fh = open(path, "w", encoding="utf-8", newline="")

    def add(self, rows: Iterable[Mapping[str, Any]]) -> None:
        cells = [(p, _CELL[t] if t in _CELL else _list_cell if t.endswith("[]") else _text_cell)
                 for p, t in self.fields.items()]
        out = [",".join([cell(r.get(p)) for p, cell in cells]) for r in rows]
        while out:
            room = len(out) if self.part_rows is None else self.part_rows - self._in_part
            if room <= 0:
                self._next()
                continue
            take, out = out[:room], out[room:]
            self._fh.write("\n".join(take) + "\n")
            self._in_part += len(take)
            self.rows += len(take)

    def _next(self) -> None:
        self._fh.close()
        self.parts.append((self._part, self._in_part))
        self._open(self.path.with_name(f"{self.path.name.split('.')[0]}.{len(self.parts)}.csv"))

    def close(self) -> None:
        fh = getattr(self, "_fh", None)
        if fh is not None and not fh.closed:
            fh.close()
            if self._in_part:
                self.parts.append((self._part, self._in_part))

    def __getstate__(self) -> dict:  # (sent back from a worker process once closed)
        self.close()
        return {k: v for k, v in self.__dict__.items() if k != "_fh"}


class LadybugStore(StoreBase):
    """A Ladybug database opened on ``path``.

    ``path`` is ``":memory:"`` (or None) for an in-memory database, a file path for the
    on-disk database (Ladybug keeps one file, plus ``<file>.wal`` while it is open;
    missing parent directories are made), or an existing directory, in which case the
    database is the file ``graph.lbug`` inside it. ``read_only`` opens an existing
    database for reading only. ``buffer_pool_mb`` bounds the engine's memory for an on-disk
    database (:func:`buffer_pool_bytes`: default ``$KG_BUFFER_POOL_MB``, else 1 GB).
    """

    key_lookups = True  # no index but primary keys: the graph keeps kg.model.LOOKUPS' tables and DUE's groups

    def __init__(self, path: str | os.PathLike | None = ":memory:", *, read_only: bool = False,
                 recover: bool = True, checkpoint_commits: bool = True, buffer_pool_mb: int | None = None):
        try:
            import ladybug
        except ImportError as e:  # optional dependency
            raise StoreError("the 'ladybug' package is not installed (pip install ladybug)") from e
        self.notices: list[StoreNotice] = []
        self.read_only = read_only
        self.checkpoint_commits = checkpoint_commits
        if path is None or os.fspath(path) in ("", ":memory:"):
            self.path = ":memory:"
        else:
            p = Path(path)
            if p.is_dir():
                p = p / DEFAULT_FILENAME
            elif not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
            self.path = os.fspath(p)
        self._in_tx = False
        self._tx_failed = False
        self._defer: int | None = None  # inside deferred_checkpoints(): the log size that calls for a checkpoint
        self._unsaved = False  # a commit not yet checkpointed (deferred)
        self.closed = False
        self.created = False
        # (in memory the pool holds the whole database: left to the engine)
        self.buffer_pool_size = 0 if self.path == ":memory:" else buffer_pool_bytes(buffer_pool_mb)
        if self.path == ":memory:":
            self._db = ladybug.Database(self.path)
            self._conn = ladybug.Connection(self._db)
            return
        p = Path(self.path)
        check = check_file(p)
        if check.state == "empty":
            raise StoreOpenError("empty", self.path, f"{self.path}: tệp kho đồ thị rỗng (0 byte), không có dữ liệu nào "
                                 "để mở: hãy khôi phục từ bản sao lưu (kg restore), hoặc chạy kg doctor --repair để "
                                 "để tệp này sang bên rồi nạp lại")
        if check.state == "not_ladybug":
            raise StoreOpenError("not_ladybug", self.path, f"{self.path}: không phải tệp kho đồ thị Ladybug (thiếu chữ "
                                 "ký LBUG ở đầu tệp): hãy kiểm tra đường dẫn --store")
        if check.state == "missing" and read_only:
            raise StoreOpenError("missing", self.path, f"{self.path}: không có kho đồ thị ở đây (chưa nạp gì, hoặc "
                                 "sai đường dẫn)")
        self.created = check.state == "missing" and not read_only and not log_files(p)  # a new database file
        if self.created:
            self._create(ladybug, p)
        if read_only and _size(p.with_name(p.name + ".wal")) >= READER_LOG_BYTES:
            ask_for_checkpoint(p)  # a writer's long log, replayed at each read: it checkpoints at its next commit
        try:
            if log_files(p) and not log_left_closed(p) and replay_crashes(p, read_only=read_only,
                                                                           **self._engine_options()):
                # the engine dies (a native crash, not an error) replaying this log: never replay it in this process
                raise RuntimeError("Checksum verification failed: the engine crashed replaying the WAL file")
            self._db = self._open_db(ladybug, p, read_only=read_only)
        except RuntimeError as e:
            msg = _message(e)
            if not _is_log_failure(msg) or not log_files(p):
                raise self._open_error(e) from e
            if read_only or not recover:
                raise StoreOpenError("torn_log", self.path, f"{self.path}: nhật ký ghi (WAL) của kho bị hỏng do một "
                                     "lần ghi bị ngắt; chạy kg doctor --repair (hoặc một lệnh ghi như kg ingest) để "
                                     "khôi phục đến lần lưu hoàn tất cuối cùng", msg) from e
            self._db = self._recover_log(ladybug, p, msg)
        try:
            self._conn = ladybug.Connection(self._db)
        except Exception as e:
            raise self._open_error(e) from e
        if not read_only:
            _forget_log_closed(p)  # this writer may add to the log: a crash now must not find it vouched for
            self._unsaved = self.log_size() > 0  # a log left by the last writer: left again at close if still small
        if self.notices:  # recovered from the log: into the database file at once
            self.checkpoint()

    def delete_if_created(self) -> None:
        """Once closed: delete the database file this object created (a new store whose schema could not be
        written, e.g. on a disk without room), so that no half-made store is left. Any other store is kept."""
        if self.created and self.closed and self.path != ":memory:":
            for f in [Path(self.path), *engine_files(self.path)]:
                f.unlink(missing_ok=True)

    def _engine_options(self) -> dict:
        """What every open of this database file passes the engine besides the mode: its buffer pool."""
        return {"buffer_pool_size": self.buffer_pool_size} if self.buffer_pool_size else {}

    def _open_db(self, ladybug: Any, p: Path, **kwargs: Any) -> Any:
        return ladybug.Database(os.fspath(p), **self._engine_options(), **kwargs)

    def _open_error(self, e: BaseException) -> StoreError:
        msg = _message(e)
        if "lock" in msg.lower():
            return StoreOpenError("locked", self.path, f"{self.path}: kho đồ thị đang được một tiến trình khác ghi; "
                                  "hãy chờ lệnh đó xong rồi chạy lại", msg)
        return StoreOpenError("engine", self.path, f"{self.path}: không mở được kho đồ thị ({msg})", msg)

    def _create(self, ladybug: Any, p: Path) -> None:
        """Make a new database file under a temporary name, then rename it: a crash while creating leaves
        no half-made (0-byte) store behind, only a temporary file that is never opened."""
        tmp = p.with_name(f"{p.name}.new-{os.getpid()}")
        for f in [tmp, *engine_files(tmp)]:
            f.unlink(missing_ok=True)
        try:
            db = ladybug.Database(os.fspath(tmp), **self._engine_options())
            db.close()
            os.replace(tmp, p)
        except Exception as e:
            raise self._open_error(e) from e
        finally:
            for f in [tmp, *engine_files(tmp)]:
                f.unlink(missing_ok=True)

    def _recover_log(self, ladybug: Any, p: Path, reason: str) -> Any:
        """The log is torn (a crash while it was written): keep a copy of each log aside, then let the
        engine replay it up to its last complete commit (Ladybug's ``throw_on_wal_replay_failure=False``,
        the option Kùzu added for this). If even that fails, open without the logs (moved aside)."""
        kept = []
        try:
            for log in log_files(p):
                kept.append(keep_aside(log, "damaged", copy=True))
        except OSError as e:
            raise StoreOpenError("torn_log", self.path, f"{self.path}: nhật ký ghi (WAL) của kho bị hỏng và không "
                                 f"sao được sang bên để khôi phục ({e.strerror or e})") from e
        names = ", ".join(k.name for k in kept)
        try:
            if replay_crashes(p, throw_on_wal_replay_failure=False, **self._engine_options()) and \
                    not _shorten_until_replayable(p, **self._engine_options()):
                raise RuntimeError("the engine crashed replaying the WAL file")
            db = self._open_db(ladybug, p, throw_on_wal_replay_failure=False)
            kind = "log_recovered"
            message = (f"{self.path}: nhật ký ghi (WAL) bị hỏng do lần ghi trước bị ngắt; đã khôi phục kho đến lần "
                       f"lưu hoàn tất cuối cùng, bản nhật ký hỏng giữ ở {names}")
        except Exception:  # noqa: BLE001 — the engine cannot replay it at all: open what the file holds
            for log in log_files(p):
                log.unlink()
            try:
                db = self._open_db(ladybug, p)
            except Exception as e:
                raise self._open_error(e) from e
            kind = "log_discarded"
            message = (f"{self.path}: nhật ký ghi (WAL) bị hỏng không đọc lại được; đã mở kho với dữ liệu đã lưu "
                       f"trong tệp, bản nhật ký hỏng giữ ở {names}")
        self.notices.append(StoreNotice(kind, self.path, message, os.fspath(kept[0]) if kept else None))
        return db

    # -----------------------------------------------------------------------------------
    # running statements

    def _execute(self, text: str, params: Mapping[str, Any] | None, recipe: str | None,
                 prepared: bool = False) -> list[dict]:
        """Run one statement. ``prepared``: prepare it for this run alone (ladybug's public
        ``Connection.prepare``) and execute that with the parameters, instead of ``execute(text)``, which walks
        every parameter value in Python to find a cached plan (1.2 million calls for 500 notices) and caches a
        plan per parameter shape; for the big one-off writes of an ingest."""
        if self.closed:
            raise StoreError("the store is closed", recipe=recipe)
        if self._tx_failed:
            raise StoreError("the transaction was aborted by an earlier error; leave the transaction block", recipe=recipe)
        try:
            if prepared and params:
                result = self._conn.execute(self._prepare(text), dict(params))
            else:
                result = self._conn.execute(text, dict(params or {}))
        except Exception as e:
            if self._in_tx:
                self._tx_failed = True  # Ladybug has rolled the transaction back already
            self._forget_plans(text)
            raise StoreError(_message(e), recipe=recipe) from e
        results = result if isinstance(result, list) else [result]
        try:
            last = results[-1]
            last.rows_as_dict()
            return [_plain_row(row) for row in last.get_all()]
        except Exception as e:
            raise StoreError(f"cannot read the result: {_message(e)}", recipe=recipe) from e
        finally:
            for r in results:
                try:
                    r.close()
                except Exception:
                    pass

    # -----------------------------------------------------------------------------------
    # the bulk loader (a first load into an empty database: kg/bulk.py)

    @property
    def in_transaction(self) -> bool:
        """Whether a :meth:`transaction` block is open."""
        return self._in_tx

    @property
    def bulk_copy(self) -> bool:
        """Whether this store can take a first load through the engine's bulk loader (:class:`CopyFile`,
        :meth:`adopt`): an on-disk database opened for writing."""
        return self.path != ":memory:" and not self.read_only

    def copy_files(self, table: str, files: Sequence["CopyFile"], pair: tuple[str, str] | None = None, *,
                   recipe: str | None = None) -> int:
        """``COPY`` the rows of ``files`` (:class:`CopyFile` of ``table``'s columns, closed) into ``table``, each
        part in a transaction of its own (or all in the caller's); files that keep one of equal rows (``distinct``)
        all in one statement, so that no key comes twice. ``pair``: the (from, to) node tables of a relationship
        table. Each column is read as text with the type written in the statement (no guessing: '02' stays '02').
        Returns the rows written to the files. Each file is copied once: a cached COPY plan run again crashes the
        engine (docs/ladybug-notes.md), so the caller never copies the same file into the same table twice on one
        connection."""
        if self.closed:
            raise StoreError("the store is closed", recipe=recipe)
        files = [cf for cf in files if cf.parts]
        if not files:
            return 0
        fields = files[0].fields
        if any(cf.fields != fields for cf in files):
            raise StoreError(f"{table}: files of different columns", recipe=recipe)
        cols = [f"c{i}" for i in range(len(fields))]
        header = ", ".join(f"{c} STRING" for c in cols)
        exprs = ", ".join(_copy_expr(t, c) for c, t in zip(cols, fields.values()))
        ends = f" (from='{_ident(pair[0], 'table')}', to='{_ident(pair[1], 'table')}')" if pair is not None else ""
        distinct = any(cf.distinct for cf in files)
        groups: list[list[Path]] = []  # parts of several files together while they hold COPY_PART_ROWS rows at most
        held = COPY_PART_ROWS
        for path, rows in (part for cf in files for part in cf.parts):
            if distinct or groups and held + rows <= COPY_PART_ROWS:
                if not groups:
                    groups.append([])
                groups[-1].append(path)
                held += rows
            else:
                groups.append([path])
                held = rows
        for group in groups:
            where = ", ".join("'" + p.resolve().as_posix().replace("\\", "\\\\").replace("'", "\\'") + "'"
                              for p in group)
            text = (f"COPY {ident(table)} FROM (LOAD WITH HEADERS ({header}) FROM [{where}] (header=false, "
                    f"parallel=false) RETURN {'DISTINCT ' if distinct else ''}{exprs}){ends}")
            with self.transaction():
                try:
                    # (once per file: preparing it apart costs as much as running it)
                    result = self._conn.execute(text)
                    for r in result if isinstance(result, list) else [result]:
                        r.close()
                except Exception as e:
                    self._tx_failed = True
                    raise StoreError(f"{table}: {_message(e)}", recipe=recipe) from e
        return sum(cf.rows for cf in files)

    def columns_of(self, table: str) -> dict[str, str]:
        """The properties of ``table`` (name: type) in the order the engine keeps them (a relationship's endpoints
        aside)."""
        rows = self._execute(f"CALL table_info('{_ident(table, 'table')}') RETURN *", None, None)
        return {r["name"]: r["type"] for r in rows}

    def adopt(self, other: str | os.PathLike) -> None:
        """Replace this database, empty, by the closed database file ``other`` (a first load made beside it,
        kg/bulk.py): this one is closed, its logs removed, ``other`` renamed onto its file and opened in its place.
        A crash at any moment leaves either the empty database or the new one whole (a rename is atomic, and the
        old logs go before it so that they are never replayed onto the new file)."""
        if self._in_tx:
            raise StoreError("adopt: inside a transaction")
        if not self.bulk_copy:
            raise StoreError("adopt: an on-disk store opened for writing only")
        p = Path(self.path)

        def rename() -> None:
            for f in engine_files(p):
                f.unlink(missing_ok=True)
            os.replace(other, p)
            for f in engine_files(Path(other)):
                f.unlink(missing_ok=True)

        self._close_and_open(rename)

    def reopen(self) -> None:
        """Close the database and open it again, as it was (its checkpoint threshold too). The close checkpoints
        what is committed, and gives back what the engine keeps while a database is open beyond its buffer pool:
        after the copy of a 100,000-notice first load about 1.8 GB with a pool of 1 GB, which neither a checkpoint
        nor dropping the connection's plans returned (docs/ladybug-notes.md, *A first load by COPY*)."""
        if self._in_tx:
            raise StoreError("reopen: inside a transaction")
        if not self.bulk_copy:
            raise StoreError("reopen: an on-disk store opened for writing only")
        threshold = self._threshold()
        self._close_and_open(release_memory)
        self._set_threshold(threshold)

    def _close_and_open(self, between: Callable[[], Any]) -> None:
        """Close the connection and the database, run ``between``, and open the database file for writing again."""
        import ladybug

        for obj in (self._conn, self._db):
            try:
                obj.close()
            except Exception:
                pass
        self.closed = True
        between()
        try:
            self._db = self._open_db(ladybug, Path(self.path))
            self._conn = ladybug.Connection(self._db)
        except Exception as e:
            raise self._open_error(e) from e
        self.closed = False
        self._unsaved = False

    def _prepare(self, text: str) -> Any:
        """``text`` prepared without parameter values, for one run (never cached, so never run again with values
        of other types or widths; and a cached COPY plan run again crashes the engine, docs/ladybug-notes.md).
        Given the values, prepare converts them all once more before execute does (about twice the time)."""
        with warnings.catch_warnings():  # ladybug 0.22 calls separate prepare + execute deprecated, not removed
            warnings.simplefilter("ignore", DeprecationWarning)
            return self._conn.prepare(text)

    def _forget_plans(self, text: str | None = None) -> None:
        """Drop the connection's cached plans of ``text`` after it failed (every cached plan when ``text`` is None).

        ladybug's Python layer caches a prepared statement per (query, parameter shape),
        and a None field counts as "any" shape: once a batch whose field was None in
        every row failed to bind, a later batch of the same query with real values
        there would reuse the failed statement and fail too. Best effort: the cache is
        private to ladybug, so nothing happens if it is not there.

        A cached plan also keeps the last values it was run with (a batch's lists of keys and rows) in the
        engine's buffer pool: :meth:`checkpoint` drops them all first (docs/ladybug-notes.md, *A checkpoint
        needs the pool*).
        """
        cache = getattr(self._conn, "_pybind_implicit_prepared_cache", None)
        lock = getattr(self._conn, "_prepared_cache_lock", None)
        if not isinstance(cache, dict) or lock is None:
            return
        with lock:
            for key in [k for k in cache if text is None or isinstance(k, tuple) and k and k[0] == text]:
                cache.pop(key, None)

    def release_plans(self) -> None:
        """Drop every plan the connection keeps, with what it holds in the engine's buffer pool (the values and the
        result of its last run). A long read of big results (``kg doctor``'s read of every row: the pool was full
        after some sixty chunks of 50,000 tasks at 100,000 notices) and a checkpoint of a big store need that room."""
        self._forget_plans()

    def run(self, text: str, params: Mapping[str, Any] | None = None, *, recipe: str | None = None) -> list[dict]:
        """Run one Cypher statement; rows as dicts keyed by the RETURN aliases (column names).

        Errors from the database are StoreErrors naming ``recipe`` when given. Several
        statements separated by ``;`` are refused (Neo4j's drivers run one at a time).
        Sums of integers, which Ladybug returns as 128-bit Decimals, come back as int.
        """
        check_one_statement(text, recipe)
        return self._execute(text, params, recipe)

    def run_recipe(self, registry: Any, name: str, /, **params: Any) -> list[dict]:
        """Bind recipe ``name`` of ``registry`` (a :class:`kg.recipes.Registry`) and run it."""
        text, bound = registry.bind(name, **params)
        return self.run(text, bound, recipe=name)

    def execute_many(
        self,
        text: str,
        rows: Iterable[Mapping[str, Any]],
        batch: int = 1000,
        *,
        param: str = "rows",
        dedupe_by: str | Sequence[str] | None = None,
        recipe: str | None = None,
    ) -> int:
        """Run ``text`` (``UNWIND $rows AS row ...``) once per batch of ``rows``; returns the row count.

        All batches run in one transaction (or in the caller's :meth:`transaction`), so a
        failure leaves nothing half-written. Every row is sent with the keys of all rows
        (missing ones become None): Ladybug types ``$rows`` as one STRUCT and refuses rows
        with other keys. Empty input runs nothing.

        A field that is None in *every* row of a batch is typed STRING by Ladybug, so
        ``SET n.p = row.f`` fails for a non-STRING property ``p`` ("Implicit cast is not
        supported"). Send ``[]`` rather than None for lists, write dates as
        ``date(row.f)`` (fine with None), and keep other nullable non-STRING fields in
        a separate write of the rows that have them.

        ``dedupe_by`` names the fields a MERGE matches on: rows with equal values there
        are collapsed, the last one winning. Use it whenever one call may carry the same
        key twice: in Ladybug, rows that MERGE the same node or edge within one UNWIND
        see neither each other's ON CREATE SET nor their SETs in order (the later row's
        values are lost, or a property ends up NULL), unlike Neo4j's row-by-row reading.
        """
        check_batch_write(text, batch, param, recipe)
        rows = payloads(rows, dedupe_by, recipe)
        if not rows:
            return 0

        count = 0
        with self.transaction():
            for chunk in chunks(rows, batch):
                try:
                    self._execute(text, {param: chunk}, recipe)
                except StoreError as e:
                    raise StoreError(f"rows {count + 1}-{count + len(chunk)}: {e.message}", recipe=recipe) from e
                count += len(chunk)
        return count

    # new nodes and edges by the thousand (ingest): columns, not rows of structs

    def create_nodes(self, label: str, props: Mapping[str, str], rows: Sequence[Mapping[str, Any]], *,
                     batch: int = CREATE_BATCH, recipe: str | None = None) -> int:
        """CREATE a ``label`` node per row (its ``key`` and each property of ``props``, name: type; a list
        property's None is written as ``[]``), ``batch`` rows per statement, all in one transaction (or the
        caller's); returns the row count. Same graph as :func:`~kg.store.rows.create_nodes_text` through
        :meth:`execute_many`, sent as one list per property instead of a list of rows (see :meth:`_columns`)."""
        fields = {"key": "STRING", **props}

        def text(exprs: dict[str, str]) -> str:
            return (f"UNWIND range(1, size($c0)) AS i CREATE (n:{ident(label)} {{"
                    + ", ".join(f"{ident(p)}: {e}" for p, e in exprs.items()) + "})")

        return self._create_rows(rows, fields, "i", lambda chunk: (chunk, {}, None), lambda exprs, _: text(exprs),
                                 batch, recipe, lambda: create_nodes_text(label, props))

    def create_edges(self, rtype: str, a: str, b: str, props: Mapping[str, str], rows: Sequence[Mapping[str, Any]],
                     *, batch: int = CREATE_BATCH, recipe: str | None = None) -> int:
        """CREATE an ``rtype`` edge per row from the ``a`` node keyed ``row["a"]`` to the ``b`` node keyed
        ``row["b"]`` with each property of ``props``; as :meth:`create_nodes`. A row without both keys writes
        nothing (as a MATCH of a NULL key finds nothing), and is counted.

        The rows of a statement are grouped by the endpoint with fewer distinct keys (a notice's tasks, an agency's
        assignments): each group is one small row (that node's key, the other ends' keys as one list, where its
        properties start) and the properties are columns (see :meth:`_columns`). Each list item is looked up through
        the primary key (``UNWIND`` of the groups, then of the positions in the group's list), and binding one
        struct per group instead of per edge is what made the edge writes of an ingest 4-8 times faster
        (docs/ladybug-notes.md, *Binding big parameters*)."""
        check = lambda: create_edges_text(rtype, a, b, props)  # noqa: E731 — the names checked as another store would
        fields = dict(props)

        def text(exprs: dict[str, str], by_a: bool) -> str:
            one, many = ("a", "b") if by_a else ("b", "a")
            lone, lmany = (a, b) if by_a else (b, a)
            return (f"UNWIND $groups AS g MATCH ({one}:{ident(lone)} {{key: g.k}}) "
                    f"UNWIND range(1, size(g.ks)) AS j MATCH ({many}:{ident(lmany)} {{key: CAST(g.ks AS STRING[])[j]}}) "
                    f"CREATE (a)-[r:{ident(rtype)} {{" + ", ".join(f"{ident(p)}: {e}" for p, e in exprs.items()) + "}]->(b)")

        def grouped(chunk: Sequence[Mapping[str, Any]]) -> tuple[list, dict, bool]:
            """The chunk's rows in group order, the groups, and whether they are grouped by ``a``."""
            ends = _columns_of(chunk, ("a", "b"))
            if None in ends[0] or None in ends[1]:
                chunk = [r for r, x, y in zip(chunk, *ends) if x is not None and y is not None]
                ends = _columns_of(chunk, ("a", "b"))
            by_a = len(set(ends[0])) <= len(set(ends[1]))
            one, many = ends if by_a else ends[::-1]
            groups: dict[Any, list[int]] = {}
            for i, k in enumerate(one):
                groups.setdefault(k, []).append(i)
            out, at = [], 0
            for k, idx in groups.items():
                out.append({"k": k, "o": at, "ks": [many[i] for i in idx]})
                at += len(idx)
            ordered = chunk if len(groups) == len(one) else [chunk[i] for idx in groups.values() for i in idx]
            return ordered, {"groups": out}, by_a

        return self._create_rows(rows, fields, "g.o + j", grouped, text, batch, recipe, check)

    def _create_rows(self, rows, fields, index, prepare, text, batch, recipe, row_text) -> int:
        """The rows of :meth:`create_nodes` or :meth:`create_edges` in chunks of ``batch``, in one transaction.
        ``prepare(chunk)`` gives the rows to write (reordered, or fewer), more parameters and a flag, and
        ``text(exprs, flag)`` the statement given each property's expression."""
        if not isinstance(batch, int) or isinstance(batch, bool) or batch < 1:
            raise StoreError(f"batch must be a positive int, got {batch!r}", recipe=recipe)
        rows = list(rows)
        for r in rows:
            if type(r) is not dict and not isinstance(r, Mapping):
                raise StoreError(f"rows must be mappings, got {type(r).__name__}", recipe=recipe)
        if not rows:
            return 0
        row_text()  # the names checked (the same text another store runs)
        fields = {p: _type(t, f"property {p}") for p, t in fields.items()}  # (types are written into the text)
        count = 0
        with self.transaction():
            for chunk in chunks(rows, batch):
                ordered, more, flag = prepare(chunk)
                if ordered:
                    params, exprs = self._columns(ordered, fields, index)
                    params.update(more)
                    try:
                        self._execute(text(exprs, flag), params, recipe, prepared=True)
                    except StoreError as e:
                        raise StoreError(f"rows {count + 1}-{count + len(chunk)}: {e.message}", recipe=recipe) from e
                count += len(chunk)
        return count

    @staticmethod
    def _columns(chunk: Sequence[Mapping[str, Any]], fields: Mapping[str, str], index: str) -> tuple[dict, dict]:
        """Parameters ``c0``, ``c1``, … (one list per field, in ``fields`` order) and the expression writing each
        field (``$cj[index]``, 1-based). Ladybug turns a list of rows into a list of STRUCT at about 5 µs a
        field value, a list of strings or numbers several times faster (docs/ladybug-notes.md). A field None in
        every row is written as NULL (an untyped all-None list cannot be bound), a list field [] in every row as
        an empty list of its type; DOUBLE fields are sent as floats, list fields' None as []."""
        params: dict[str, list] = {}
        exprs: dict[str, str] = {}
        for j, ((p, t), col) in enumerate(zip(fields.items(), _columns_of(chunk, tuple(fields)))):
            if t.endswith("[]"):
                col = [[] if v is None else list(v) for v in col]
                if not any(col):
                    exprs[p] = f"CAST([] AS {t})"
                    continue
            elif all(v is None for v in col):
                exprs[p] = "NULL"
                continue
            elif t == "DOUBLE":
                col = [float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in col]
            params[f"c{j}"] = col
            exprs[p] = value_of(t, f"$c{j}[{index}]")
        return params, exprs

    @contextmanager
    def transaction(self) -> Iterator["LadybugStore"]:
        """One write transaction around the block: committed at its end, rolled back on error.

        Nested use joins the outer transaction. After a statement fails inside the block
        the whole transaction is gone (Ladybug rolls it back at once), so further
        statements in the block are refused instead of running outside it.
        """
        if self._in_tx:
            yield self
            return
        self.check_room()  # (a mark, a correction, a removal, a page of a copy: every write)
        self._execute("BEGIN TRANSACTION", None, None)
        self._in_tx, self._tx_failed = True, False
        try:
            yield self
        except BaseException:
            self._finish("ROLLBACK", quiet=True)
            raise
        else:
            if self._tx_failed:
                self._finish("ROLLBACK", quiet=True)
                raise StoreError("the transaction was rolled back after an error inside it")
            self._finish("COMMIT", quiet=False)
            if self.checkpoint_commits:
                if self._defer is not None:  # a long write: once its log reaches the block's budget, or a reader asks
                    size = self.log_size()
                    now = size >= self.checkpoint_due() or size >= READER_LOG_BYTES and reader_asked(self.path)
                else:  # a small write: at once, unless a big store leaves its log for later
                    now = not self.may_leave_log()
                if now:
                    self.checkpoint()
                else:
                    self._unsaved = True
                    if self._defer is not None:  # whole as of this commit: a reader now replays it without the probe
                        _note_log_closed(Path(self.path))
                    release_memory()  # a bulk write's batch: what the engine freed of it goes back now

    def log_size(self) -> int:
        """Bytes in the store's log now (0 in memory or without a log)."""
        if self.path == ":memory:":
            return 0
        try:
            return os.path.getsize(self.path + ".wal")
        except OSError:
            return 0

    def check_room(self, notices: int = 0, other_bytes: int = 0) -> None:
        """Raise :class:`DiskFullError` when the disk of an on-disk store has less room than writing ``notices`` more
        needs (see :data:`DISK_RESERVE_BYTES`), with ``other_bytes`` of other files beside it: asked before the
        write, so the store stays whole. Every write transaction asks it for itself (``notices=0``) as it begins."""
        if self.path == ":memory:" or self.read_only:
            return
        require_room(os.path.dirname(os.path.abspath(self.path)),
                     DISK_RESERVE_BYTES + 2 * (self.log_size() + max(0, notices) * LOG_BYTES_PER_NOTICE) + max(0, other_bytes))

    def may_leave_log(self) -> bool:
        """May a write's log stay unwritten into the database file for now (:data:`LEAVE_LOG_FROM_BYTES`): a store
        on disk, open for writing, whose file holds at least that many bytes, with a log under
        :data:`LEAVE_LOG_BYTES` and no checkpoint cut short."""
        if self.path == ":memory:" or self.read_only or self.closed or not self.checkpoint_commits:
            return False
        try:
            size = os.path.getsize(self.path)
        except OSError:
            return False
        return (size >= LEAVE_LOG_FROM_BYTES and self.log_size() < LEAVE_LOG_BYTES
                and not os.path.exists(self.path + ".wal.checkpoint"))

    def checkpoint_due(self) -> int:
        """Inside :meth:`deferred_checkpoints`: the log size (bytes) at which a commit is checkpointed: the block's
        budget, or :data:`DEFERRED_CHECKPOINT_SHARE` of the database file when that is more, at most
        :data:`DEFERRED_CHECKPOINT_MAX` (and never below the budget); and at most half the buffer pool, which holds
        what is committed until it is checkpointed (about as many bytes as the log)."""
        budget = self._defer or 0
        try:
            size = os.path.getsize(self.path)
        except OSError:
            size = 0
        due = max(budget, min(int(DEFERRED_CHECKPOINT_SHARE * size), DEFERRED_CHECKPOINT_MAX))
        return min(due, self.buffer_pool_size // 2) if self.buffer_pool_size else due

    @contextmanager
    def deferred_checkpoints(self, budget: int = DEFERRED_CHECKPOINT_BYTES) -> Iterator["LadybugStore"]:
        """A long write (many transactions): a commit is checkpointed only once the log holds ``budget`` bytes, or
        as many as the database file when that is more (:meth:`checkpoint_due`), and once more when the block ends,
        instead of after every commit.

        Every commit is durable in the log meanwhile: a crash loses nothing committed (the log is replayed on
        open, a torn tail cut back to the last complete commit). The engine's own threshold
        (``checkpoint_threshold``, 16 MB) is raised above every budget for the block, then set back. Checkpoints
        cost the engine time that grows with the tables, not with the batch, so fewer of them keep a bulk ingest's
        rate flat as the store grows (docs/ladybug-notes.md). Nested blocks join the outer one; in memory,
        read-only or with ``checkpoint_commits`` off it changes nothing.
        """
        if self._defer is not None or self.path == ":memory:" or self.read_only or not self.checkpoint_commits:
            yield self
            return
        before = self._threshold()
        self._set_threshold(max(budget, DEFERRED_CHECKPOINT_MAX, before or 0) * 2)  # (this store's check comes first)
        self._defer = budget
        try:
            yield self
        finally:
            self._defer = None
            if not self.closed:
                self._set_threshold(before)
                if self._unsaved and not self.may_leave_log():
                    self.checkpoint()

    def _threshold(self) -> int | None:
        try:
            r = self._conn.execute("CALL current_setting('checkpoint_threshold') RETURN *")
            r.rows_as_dict()
            return int(r.get_all()[0]["checkpoint_threshold"])
        except Exception:  # noqa: BLE001 — an engine without the setting: nothing to raise or restore
            return None

    def _set_threshold(self, value: int | None) -> None:
        if value is None:
            return
        try:
            self._conn.execute(f"CALL checkpoint_threshold={int(value)}")  # a setting takes no parameter
        except Exception:  # noqa: BLE001
            pass

    def checkpoint(self) -> bool:
        """Write everything committed into the database file and empty the log (``CHECKPOINT``).

        Called after every committed write transaction (unless ``checkpoint_commits=False``), so a
        write reported as stored no longer depends on the log, and a crash can only tear the log of
        the write in flight. In memory, read-only or inside a transaction it does nothing. A failed
        checkpoint does not undo the commit (it is in the log): it is added to ``notices`` and False
        is returned.
        """
        if self.path == ":memory:" or self.read_only or self.closed or self._in_tx:
            return False
        self._unsaved = False
        # The plans the connection keeps hold their last parameter values in the buffer pool; in a big store the
        # checkpoint needs that room (at 110,000 notices with a 768 MB pool it failed, "the buffer pool is full",
        # until they were dropped). If it still fails for room, a new connection frees what the old one held.
        self._forget_plans()
        try:
            try:
                self._conn.execute("CHECKPOINT")
            except Exception as e:  # noqa: BLE001
                if "buffer pool is full" not in _message(e).lower():
                    raise
                self._reconnect()
                self._conn.execute("CHECKPOINT")
            release_memory()  # what the checkpoint wrote out the engine has freed: back to the system
            _forget_log_closed(Path(self.path))
            _forget_reader(Path(self.path))  # answered: a reader that comes later asks again
        except Exception as e:  # noqa: BLE001
            self.notices.append(StoreNotice("checkpoint_failed", self.path,
                                            f"{self.path}: đã lưu nhưng chưa ghi được vào tệp kho ({' '.join(_message(e).split())}); "
                                            "dữ liệu nằm trong nhật ký ghi (WAL) và sẽ được ghi ở lần mở sau"))
            return False
        return True

    def _reconnect(self) -> None:
        """A new connection to the same database (the old one closed with whatever it held), its checkpoint
        threshold as before."""
        import ladybug

        threshold = self._threshold()
        try:
            self._conn.close()
        except Exception:  # noqa: BLE001
            pass
        self._conn = ladybug.Connection(self._db)
        self._set_threshold(threshold)

    def _finish(self, statement: str, quiet: bool) -> None:
        failed = self._tx_failed
        self._in_tx = self._tx_failed = False
        if failed or self.closed:
            return  # nothing left to commit or roll back
        try:
            self._conn.execute(statement)
        except Exception as e:
            if not quiet:
                raise StoreError(f"{statement} failed: {_message(e)}") from e

    # -----------------------------------------------------------------------------------
    # schema

    def ensure_schema(self, spec: Mapping[str, Any]) -> list[str]:
        """Create the node and relationship tables of ``spec`` that do not exist; idempotent.

        ``spec`` is ``{"nodes": {Label: {"key": prop, "props": {prop: TYPE}}},
        "rels": {TYPE: {"pairs": [[From, To], ...], "props": {prop: TYPE}}}}`` with
        Ladybug types (STRING, INT64, DOUBLE, BOOL, DATE, STRING[], ...); an ``indexes`` section
        (secondary indexes a server store creates, see :func:`kg.model.store_spec`) is checked for
        plain names and needs nothing here: Ladybug looks keys up through the primary key. A table that
        exists already gets the properties and FROM/TO pairs it lacks (ALTER TABLE); a
        property whose type differs, or a different primary key, is a StoreError.
        Names are backquoted in the DDL: ``Group``, for one, is a reserved word in Ladybug
        (queries must write ``(g:`Group`)`` too). Returns the statements that changed the
        schema (empty when it was up to date).
        """
        if not isinstance(spec, Mapping):
            raise StoreError("schema spec: expected a mapping with 'nodes' and 'rels'")
        unknown = set(spec) - {"nodes", "rels", "indexes"}
        if unknown:
            raise StoreError(f"schema spec: unknown section(s) {', '.join(sorted(map(str, unknown)))}")
        for section in (spec.get("indexes") or {}).values():
            for name, props in (section or {}).items():
                _ident(name, "indexed label or type")
                for p in props:
                    _ident(p, f"indexed property of {name}")
        nodes = spec.get("nodes") or {}
        rels = spec.get("rels") or {}
        plan_nodes, plan_rels = [], []
        for label, node in nodes.items():
            _ident(label, "node label")
            props = {_ident(k, f"property of {label}"): _type(v, f"{label}.{k}") for k, v in (node.get("props") or {}).items()}
            key = _ident(node.get("key"), f"key of {label}")
            if key not in props:
                raise StoreError(f"schema spec: key {key!r} of {label} is not among its props")
            plan_nodes.append((label, key, props))
        for rtype, rel in rels.items():
            _ident(rtype, "relationship type")
            props = {_ident(k, f"property of {rtype}"): _type(v, f"{rtype}.{k}") for k, v in (rel.get("props") or {}).items()}
            pairs = []
            for pair in rel.get("pairs") or ():
                if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                    raise StoreError(f"schema spec: {rtype} pair {pair!r} is not [From, To]")
                pairs.append((_ident(pair[0], f"{rtype} FROM"), _ident(pair[1], f"{rtype} TO")))
            if not pairs:
                raise StoreError(f"schema spec: relationship {rtype} has no pairs")
            plan_rels.append((rtype, pairs, props))

        memo = self._schema_memo(spec)
        if memo is not None and _SCHEMA_CHECKED.get(memo[0]) == memo[1]:
            return []  # this process found the file holding this schema, and the file and its log are unchanged since
        tables = {r["name"]: r["type"] for r in self.run("CALL show_tables() RETURN name, type")}
        changes: list[str] = []

        def apply(ddl: str) -> None:
            self.run(ddl)
            changes.append(ddl)

        for label, key, props in plan_nodes:
            if label not in tables:
                cols = ", ".join(f"`{k}` {t}" for k, t in props.items())
                apply(f"CREATE NODE TABLE IF NOT EXISTS `{label}`({cols}, PRIMARY KEY(`{key}`))")
                continue
            if tables[label] != "NODE":
                raise StoreError(f"schema: {label} exists as a {tables[label]} table, not a node table")
            info = {r["name"]: r for r in self.run(f"CALL table_info('{label}') RETURN *")}
            pk = [n for n, r in info.items() if r.get("primary key")]
            if pk != [key]:
                raise StoreError(f"schema: node table {label} has primary key {', '.join(pk) or 'none'}, spec says {key}")
            self._add_missing(label, props, info, apply)
        for rtype, pairs, props in plan_rels:
            if rtype not in tables:
                conns = ", ".join(f"FROM `{a}` TO `{b}`" for a, b in pairs)
                cols = "".join(f", `{k}` {t}" for k, t in props.items())
                apply(f"CREATE REL TABLE IF NOT EXISTS `{rtype}`({conns}{cols})")
                continue
            if tables[rtype] != "REL":
                raise StoreError(f"schema: {rtype} exists as a {tables[rtype]} table, not a relationship table")
            have = {(r["source table name"], r["destination table name"])
                    for r in self.run(f"CALL show_connection('{rtype}') RETURN *")}
            for a, b in pairs:
                if (a, b) not in have:
                    apply(f"ALTER TABLE `{rtype}` ADD FROM `{a}` TO `{b}`")
            info = {r["name"]: r for r in self.run(f"CALL table_info('{rtype}') RETURN *")}
            self._add_missing(rtype, props, info, apply)
        if memo is not None and not changes:
            _SCHEMA_CHECKED[memo[0]] = memo[1]
        return changes

    def _schema_memo(self, spec: Mapping[str, Any]) -> tuple[tuple, tuple] | None:
        """(the file and the spec, the stamp of the file and its logs) for :data:`_SCHEMA_CHECKED`; None in memory.
        A schema change is a write: it changes the log (or, checkpointed, the file), so an equal stamp is the same
        schema. The web app opens the store for every request: this is 30-40 ms of each (a statement per table)."""
        if self.path in (None, "", ":memory:"):
            return None
        p = Path(self.path)
        stamp = tuple(_file_stamp(f) for f in (p, *(p.with_name(p.name + x) for x in LOG_SUFFIXES)))
        return (os.path.realpath(p), json.dumps(spec, sort_keys=True, default=str)), stamp

    @staticmethod
    def _add_missing(table: str, props: Mapping[str, str], info: Mapping[str, Mapping], apply) -> None:
        for k, t in props.items():
            if k not in info:
                apply(f"ALTER TABLE `{table}` ADD IF NOT EXISTS `{k}` {t}")
            elif _canonical_type(info[k]["type"]) != _canonical_type(t):
                raise StoreError(f"schema: {table}.{k} is {info[k]['type']} in the database, spec says {t}")

    # -----------------------------------------------------------------------------------
    # lifetime

    def close(self) -> None:
        """Close the connection and the database (idempotent)."""
        if self.closed:
            return
        # a log this writer left (may_leave_log) stays for a later write: the engine is told not to checkpoint it now
        leave = self._unsaved and not self._in_tx and self.may_leave_log()
        if leave:
            try:
                self._conn.execute("CALL force_checkpoint_on_close=false")  # a setting takes no parameter
            except Exception:  # noqa: BLE001 — an engine without the setting checkpoints on close, as before
                leave = False
        self.closed = True
        self._in_tx = self._tx_failed = False
        for obj in (self._conn, self._db):
            try:
                obj.close()
            except Exception:
                pass
        if leave:
            _note_log_closed(Path(self.path))
        elif not self.read_only:  # checkpointed by the engine on close: a note of a long write's log is stale
            _forget_log_closed(Path(self.path))

    def _target(self) -> str:
        return str(self.path)
