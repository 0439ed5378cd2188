"""Answers while a long ingest runs (kg.store.ladybug_store.READER_SUFFIX).

A long ingest leaves its log growing between checkpoints (hundreds of MB in a big store), and a reader replays all of
it at every open: 8.5–13 s at 52 MB, 20 s at 103 MB while the writer ran (10,000-notice corpus). A reader that meets
a log of READER_LOG_BYTES or more leaves a request; the writer checkpoints at its next commit, so the reads after it
replay only what was written since. These tests set the bound to one byte, and read between the batches of an ingest
(its progress callback runs after each batch commits).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

pytest.importorskip("ladybug")

from kg.graph import KnowledgeGraph  # noqa: E402
from kg.store import ladybug_store  # noqa: E402
from kg.store.ladybug_store import READER_SUFFIX, LadybugStore, ask_for_checkpoint, reader_asked  # noqa: E402


def _state(store: Path) -> tuple[bool, bool]:
    """(a log is there, a reader's request is there)"""
    log = Path(f"{store}.wal")
    return log.exists() and log.stat().st_size > 0, Path(f"{store}{READER_SUFFIX}").exists()


def _read(store: Path) -> int:
    with LadybugStore(store, read_only=True) as r:
        return r.run("MATCH (n:Notice) RETURN count(n) AS c")[0]["c"]


@pytest.fixture
def one(tmp_path, records) -> Path:
    store = tmp_path / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[:1])
    return store


def test_a_reader_of_a_long_log_has_the_writer_checkpoint_at_its_next_commit(one, records, monkeypatch):
    monkeypatch.setattr(ladybug_store, "READER_LOG_BYTES", 1)
    seen: list = []

    def between_batches(_n: int) -> None:
        seen.append(_state(one))
        if len(seen) == 1:  # a reader after the first batch: it reads what is committed, and asks
            seen.append(("read", _read(one), _state(one)))

    with KnowledgeGraph.open(one) as kg:
        kg.ingest(records[1:4], batch=1, progress=between_batches)
    assert seen == [
        (True, False),  # batch 1 committed, its log deferred (a long write)
        ("read", 2, (True, True)),  # the reader sees both notices and leaves its request
        (False, False),  # batch 2 committed and checkpointed: the request answered
        (True, False),  # batch 3: deferred again (no one asked)
    ]
    assert _state(one) == (False, False) and _read(one) == 4


def test_no_checkpoint_for_an_old_request_or_a_short_log(one, records, monkeypatch):
    ask_for_checkpoint(one)
    old = time.time() - ladybug_store.READER_RECENT_SECONDS - 5
    os.utime(f"{one}{READER_SUFFIX}", (old, old))
    assert not reader_asked(one) and reader_asked(one, now=old + 1)
    monkeypatch.setattr(ladybug_store, "READER_LOG_BYTES", 1)
    seen: list = []
    with KnowledgeGraph.open(one) as kg:
        kg.ingest(records[1:3], batch=1, progress=lambda _n: seen.append(_state(one)))
    assert seen == [(True, True), (True, True)]  # a request two minutes old is no one reading now
    assert _state(one) == (False, False)  # the ingest's last checkpoint removed it too
    monkeypatch.setattr(ladybug_store, "READER_LOG_BYTES", 10 ** 9)  # a log shorter than the bound: no request
    seen.clear()

    def between_batches(_n: int) -> None:
        seen.append(("read", _read(one), _state(one)))

    with KnowledgeGraph.open(one) as kg:
        kg.ingest(records[3:5], batch=1, progress=between_batches)
    assert seen == [("read", 4, (True, False)), ("read", 5, (True, False))]
