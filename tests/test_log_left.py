"""A small write into a big store leaves its log for a later write (kg.store.ladybug_store.LEAVE_LOG_FROM_BYTES).

A checkpoint of a big store costs tens of seconds whatever was written, so a commit there leaves its log while the
log is small, and a writer that closes leaves it with a note of its size and time (``graph.lbug.wal.closed``). These
tests make the sample store count as big (the bound set to 0 bytes) and check: what is read with the log left equals
what is read after a checkpoint; such a log is replayed without the child-process probe; a log that changed after
its note, or a writer that was killed, is probed again; a log that reaches its bound is checkpointed; backup and
restore take the log and the note into account.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("ladybug")

from conftest import NOTICE_PATHS  # noqa: E402
from kg.graph import KnowledgeGraph  # noqa: E402
from kg.store import ladybug_store  # noqa: E402
from kg.store.ladybug_store import CLOSED_LOG_SUFFIX, LadybugStore, log_left_closed  # noqa: E402
from kg.store.maintenance import backup, restore  # noqa: E402
from sample_store import dump  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def checkpointed(tmp_path_factory, records) -> tuple[Path, list[str]]:
    """The first four sample notices in a store with no log (the usual way), and its dump."""
    store = tmp_path_factory.mktemp("base") / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[:4])
    assert not ladybug_store.log_files(store)
    return store, dump(store)


@pytest.fixture
def big(monkeypatch):
    """Every store counts as big; the child-process probe is recorded (and still run)."""
    monkeypatch.setattr(ladybug_store, "LEAVE_LOG_FROM_BYTES", 0)
    probed: list[str] = []
    real = ladybug_store.replay_crashes

    def probe(path, **options):
        probed.append(os.fspath(path))
        return real(path, **options)

    monkeypatch.setattr(ladybug_store, "replay_crashes", probe)
    return probed


def copy_of(store: Path, to: Path) -> Path:
    shutil.copytree(store.parent, to)
    return to / store.name


def note_of(store: Path) -> Path:
    return store.with_name(store.name + CLOSED_LOG_SUFFIX)


def test_a_write_into_a_big_store_leaves_its_log_and_reads_the_same(big, checkpointed, records, tmp_path):
    base, _ = checkpointed
    store = copy_of(base, tmp_path / "s")
    with KnowledgeGraph.open(store) as kg:
        report = kg.ingest(records[4:])
    assert len(report.new) == 1
    wal = store.with_name(store.name + ".wal")
    assert wal.is_file() and note_of(store).is_file() and log_left_closed(store)
    left = wal.stat().st_size
    assert 0 < left < ladybug_store.LEAVE_LOG_BYTES

    expected_store = copy_of(base, tmp_path / "expected")
    with KnowledgeGraph.open(expected_store) as kg:  # the same write, checkpointed (the store is not big here)
        big.clear()
        ladybug_store.LEAVE_LOG_FROM_BYTES = 1 << 62
        kg.ingest(records[4:])
    ladybug_store.LEAVE_LOG_FROM_BYTES = 0
    assert not ladybug_store.log_files(expected_store)

    big.clear()
    assert dump(store) == dump(expected_store)  # read-only, the log replayed in memory
    assert big == []  # a log left on purpose is not tried in a child first
    assert wal.stat().st_size == left and log_left_closed(store)  # a reader changes neither

    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert len(kg.notices()) == 5 and kg.store_notices == []


def test_a_writer_forgets_the_note_while_it_writes_and_leaves_it_again(big, checkpointed, records, tmp_path):
    store = copy_of(checkpointed[0], tmp_path / "s")
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[4:])
    size = store.with_name(store.name + ".wal").stat().st_size
    big.clear()
    s = LadybugStore(store)
    try:
        assert big == [] and not note_of(store).exists()  # a crash from here on is probed at the next open
    finally:
        s.close()  # wrote nothing: the log is left as it was, vouched for again
    assert log_left_closed(store) and store.with_name(store.name + ".wal").stat().st_size == size
    with KnowledgeGraph.open(store) as kg:  # an unchanged file: nothing written, the log still left
        assert len(kg.ingest(records[4:]).unchanged) == 1
    assert log_left_closed(store)


def test_a_log_changed_after_its_note_is_probed(big, checkpointed, records, tmp_path):
    store = copy_of(checkpointed[0], tmp_path / "s")
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[4:])
    wal = store.with_name(store.name + ".wal")
    with open(wal, "ab") as f:  # a write after the note (a later writer's torn tail)
        f.write(b"\0" * 64)
    assert not log_left_closed(store)
    big.clear()
    with KnowledgeGraph.open(store) as kg:  # tried in a child first, then recovered to its last whole commit
        assert len(kg.notices()) == 5 and [n.kind for n in kg.store_notices] == ["log_recovered"]
    assert big[0] == os.fspath(store)


def test_a_writer_killed_after_its_commit_leaves_a_whole_log_vouched_for(big, checkpointed, records, tmp_path):
    """A writer killed after an ingest's commit, before close: the ingest noted its log after the commit (a long
    write does, so that readers replay it once), so the next open replays it without the probe and finds every
    notice. A log written after its note is probed (test_a_log_changed_after_its_note_is_probed)."""
    store = copy_of(checkpointed[0], tmp_path / "s")
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from kg.store import ladybug_store
        ladybug_store.LEAVE_LOG_FROM_BYTES = 0
        from kg.graph import KnowledgeGraph
        from loaders.extract import extract_path
        kg = KnowledgeGraph.open({str(store)!r})
        kg.ingest([extract_path({str(NOTICE_PATHS[4])!r})])
        assert os.path.exists({str(store) + '.wal'!r})
        os.kill(os.getpid(), 9)
    """)
    subprocess.run([sys.executable, "-c", script], check=False)
    assert store.with_name(store.name + ".wal").is_file() and log_left_closed(store)
    big.clear()
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert len(kg.notices()) == 5 and kg.store_notices == []
    assert big == []
    with open(store.with_name(store.name + ".wal"), "ab") as f:  # then a torn write after it: probed
        f.write(b"\x00" * 40)
    assert not log_left_closed(store)
    with KnowledgeGraph.open(store) as kg:
        assert len(kg.notices()) == 5
    assert big and set(big) == {os.fspath(store)}  # tried in a child (again while its torn tail is cut back)


def test_a_log_that_reaches_its_bound_is_checkpointed(big, checkpointed, records, tmp_path, monkeypatch):
    store = copy_of(checkpointed[0], tmp_path / "s")
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[4:])
        assert store.with_name(store.name + ".wal").is_file()
        monkeypatch.setattr(ladybug_store, "LEAVE_LOG_BYTES", 1)
        assert len(kg.ingest(records[4:], reextract=True).updated) == 1  # a second write: the log is over its bound
        assert not ladybug_store.log_files(store)
    assert not ladybug_store.log_files(store) and not note_of(store).exists()


def test_backup_writes_the_log_in_and_restore_sets_the_note_aside(big, checkpointed, records, tmp_path):
    store = copy_of(checkpointed[0], tmp_path / "s")
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[4:])
    expected = dump(store)
    saved = backup(store, tmp_path / "b.lbug")
    assert saved.notices == 5 and not ladybug_store.log_files(store) and not note_of(store).exists()
    assert dump(tmp_path / "b.lbug") == expected

    other = copy_of(checkpointed[0], tmp_path / "o")
    with KnowledgeGraph.open(other) as kg:  # a store with a log left, then restored from the backup
        kg.ingest(records[4:])
    assert note_of(other).exists()
    restore(tmp_path / "b.lbug", other)
    assert not note_of(other).exists() and not ladybug_store.log_files(other)
    assert dump(other) == expected
