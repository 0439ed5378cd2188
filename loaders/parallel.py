"""Extraction across processes: results in input order, a bounded window of files in flight.

:func:`ordered_map` runs a top-level (picklable) function over items in worker processes started
with ``spawn`` (the only start method on Windows, and safe beside threads elsewhere) and yields the
results in the order of the items, holding at most ``window`` of them at once (submitted, running
or finished but not yet yielded), so memory does not grow with the corpus. With one job it runs in
the calling process, without a pool.

:func:`extract_records` is the streaming iterator of records for ingest and benchmarks: one
:class:`Extracted` per path, in order, each a record or the one-line refusal of its file, e.g.
``kg.ingest(x.record for x in extract_records(paths) if x.record is not None)`` holds no more than the
window of records at a time (what the libraries warn about is not gathered here: ``kg.cli.common.extract_all``
does that, on the same machinery).

A worker ignores Ctrl-C (the calling process decides what an interrupt stops). A file that kills
its worker (a crash in a parsing library, the memory limit of the process) breaks the pool: the
files then in flight are run again one at a time in a new pool, so only the file that breaks it
again is reported, through ``crashed``; the others give their results as usual.

>>> list(ordered_map(abs, [-3, 1, -2], jobs=1))
[3, 1, 2]
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, TypeVar

from .errors import InputError

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The cores this process may use (``os.process_cpu_count`` on Python 3.13+, the scheduler's affinity
    mask, else ``os.cpu_count``); at least 1."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return max(1, count() or 1)
    if hasattr(os, "sched_getaffinity"):
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except OSError:  # pragma: no cover
            pass
    return max(1, os.cpu_count() or 1)


def _worker_start() -> None:
    """A worker ignores Ctrl-C (its parent stops it) and exits as soon as its parent is gone: a parent killed outright
    (``kill -9``, a crash, the Task Manager) left workers that were busy (a bulk load's builders) running for ever,
    holding the parent's standard output and error open. The watch waits on what ``multiprocessing`` keeps of the
    parent (``parent_process().join()``: the parent's end of the pipe that started the worker on POSIX, a handle of
    the parent process on Windows), so it fires on every system, without polling."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover (a worker is always started by multiprocessing)
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_start)


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int, window: int | None = None,
                crashed: Callable[[T], R] | None = None) -> Iterator[R]:
    """``fn(item)`` for each item, in order, computed by ``jobs`` worker processes (in this process when
    ``jobs`` is 1). ``fn`` must be a module-level function and items and results picklable. At most
    ``window`` items (default ``2 * jobs``) are held at once. ``crashed(item)`` gives the result for an
    item whose worker died while running it alone (default: raise :class:`BrokenProcessPool`). An
    exception ``fn`` raises is raised here, at its item. Closing the iterator cancels the items not
    started and waits for those running."""
    if jobs <= 1:
        for item in items:
            yield fn(item)
        return
    window = max(jobs, window or 2 * jobs)
    source = iter(items)
    pending: deque[tuple[T, Future]] = deque()
    ex = _pool(jobs)

    def fill() -> None:
        while len(pending) < window:
            try:
                item = next(source)
            except StopIteration:
                return
            try:
                fut = ex.submit(fn, item)
            except BrokenProcessPool as e:  # a worker died since the last result: this item is a suspect too
                fut = Future()
                fut.set_exception(e)
            pending.append((item, fut))

    try:
        fill()
        while pending:
            item, fut = pending.popleft()
            try:
                result = fut.result()
            except BrokenProcessPool:
                # the items in flight when the pool broke, with the results of those that finished before it
                suspects = [(item, None)] + [(i, _finished(f)) for i, f in pending]
                pending.clear()
                ex.shutdown(wait=True, cancel_futures=True)
                ex = _pool(jobs)
                for s, done in suspects:  # one at a time: a file that breaks the pool now is the one that did
                    if done is not None:
                        yield done[0]
                        continue
                    try:
                        result = ex.submit(fn, s).result()
                    except BrokenProcessPool:
                        ex.shutdown(wait=True, cancel_futures=True)
                        ex = _pool(jobs)
                        if crashed is None:
                            raise
                        result = crashed(s)
                    yield result
                fill()
                continue
            fill()  # (before yielding: the workers go on while the caller handles this result)
            yield result
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _finished(fut: Future) -> tuple | None:
    """``(result,)`` of a future that finished with one, else None (running, cancelled, or failed)."""
    if not fut.done() or fut.cancelled() or fut.exception() is not None:
        return None
    return (fut.result(),)


@dataclass
class Extracted:
    """One file's outcome: its record, or ``error`` (``"<path>: <reason>"``, one line) when it was refused."""

    path: str
    record: dict | None = None
    error: str | None = None


def extract_one(path: str) -> Extracted:
    """Read and extract one file (:func:`loaders.extract.extract_path`); a refusal becomes ``error``."""
    from .extract import extract_path

    try:
        return Extracted(path, record=extract_path(path))
    except InputError as e:
        return Extracted(path, error=str(e))


def _crashed(path: str) -> Extracted:
    return Extracted(path, error=f"{path}: tiến trình trích xuất dừng đột ngột khi đọc tệp này")


def extract_records(paths: Iterable[str], jobs: int | None = None, window: int | None = None) -> Iterator[Extracted]:
    """Extract ``paths`` with ``jobs`` processes (default :func:`default_jobs`), yielding one
    :class:`Extracted` per path in input order; at most ``window`` files in flight (default ``2 * jobs``).
    The records equal those of one process. An unexpected exception in the extractor is raised here."""
    yield from ordered_map(extract_one, (os.fspath(p) for p in paths), jobs or default_jobs(), window, _crashed)
