"""A store's disk without room: the write is not begun (the engine cannot survive a full disk: it aborts the process
and leaves a log it can neither replay nor set aside), the batches written before it stay, a first load by the bulk
loader gives its spilled records back to the disk, and ``kg ingest`` says it in one line with what the store kept.

The room a disk has is what ``shutil.disk_usage`` says, replaced here by a disk that has room for a given number of
writes (``LadybugStore.check_room``) and none after them."""

from __future__ import annotations

import shutil
import sys
from collections import namedtuple
from pathlib import Path

import pytest

pytest.importorskip("ladybug")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402
from kg import bulk  # noqa: E402
from kg.cli import main  # noqa: E402
from kg.errors import DiskFullError  # noqa: E402
from kg.graph import KnowledgeGraph  # noqa: E402
from kg.store import ladybug_store  # noqa: E402

Usage = namedtuple("Usage", "total used free")
ROOMY, CRAMPED = 1 << 40, 40 << 20


def disk(monkeypatch, checks_with_room: int) -> list[int]:
    """The store's disk has room for ``checks_with_room`` checks of LadybugStore.check_room, then 40 MB only;
    returns the bytes each check asked for."""
    asked: list[int] = []
    orig = ladybug_store.LadybugStore.check_room

    def check_room(self, notices=0, other_bytes=0):
        asked.append(ladybug_store.DISK_RESERVE_BYTES + 2 * (self.log_size() + notices * ladybug_store.LOG_BYTES_PER_NOTICE)
                     + other_bytes)
        return orig(self, notices, other_bytes)

    monkeypatch.setattr(ladybug_store.LadybugStore, "check_room", check_room)
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: Usage(real(p).total, 0, ROOMY if len(asked) <= checks_with_room
                                                                                    else CRAMPED))
    return asked


def test_a_batch_without_room_is_not_begun_and_the_batches_before_it_stay(tmp_path, monkeypatch):
    recs = corpus.make_corpus(7, seed=2)
    store = tmp_path / "g.lbug"
    asked = disk(monkeypatch, 2)
    with KnowledgeGraph.open(store) as kg:
        rep = kg.ingest(recs[:1])  # (one check)
        with pytest.raises(DiskFullError) as e:
            kg.ingest(recs[1:], batch=3, report=rep)  # the first batch of three has room, the second has not
    assert e.value.free == CRAMPED and e.value.needed == asked[-1] > CRAMPED
    assert str(e.value).startswith(f"not enough room on the disk of {tmp_path}: 40 MB free, about ")
    assert rep.new == [r["source"]["path"] for r in recs[:4]] and not rep.failed
    monkeypatch.undo()
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert sorted(n["path"] for n in kg.notices()) == sorted(rep.new)
    with KnowledgeGraph.open(store) as kg:  # room again: the rest goes in, the first four are unchanged
        again = kg.ingest(recs)
    assert again.unchanged == rep.new and again.new == [r["source"]["path"] for r in recs[4:]]


def test_a_first_load_without_room_gives_its_spill_back_and_stores_nothing(tmp_path, monkeypatch):
    recs = corpus.make_corpus(30, seed=4)
    store = tmp_path / "g.lbug"
    asked = disk(monkeypatch, 1)  # the first batch spilled has room, the second has not
    with KnowledgeGraph.open(store) as kg:
        with pytest.raises(DiskFullError):
            kg.ingest(recs, batch=10, bulk=True)
        assert not bulk.bulk_folder(store).exists()  # the records spilled are gone from the disk
        assert kg.notices() == []
    assert len(asked) == 2 and asked[1] > asked[0] > ladybug_store.DISK_RESERVE_BYTES  # (the peak grows with the spill)
    monkeypatch.undo()
    with KnowledgeGraph.open(store) as kg:
        assert len(kg.ingest(recs, batch=10, bulk=True).new) == 30


def test_a_first_load_is_checked_for_its_peak_before_it_builds(tmp_path, monkeypatch):
    recs = corpus.make_corpus(12, seed=4)
    store = tmp_path / "g.lbug"
    disk(monkeypatch, 1)  # room for the first batch spilled, none for the load's peak once the last is spilled
    built = []
    monkeypatch.setattr(bulk, "build_range", lambda *a: built.append(a))
    with KnowledgeGraph.open(store) as kg:
        with pytest.raises(DiskFullError):
            kg.ingest(recs, batch=6, bulk=True, jobs=1)  # (the builder in this process, where it is watched)
        assert kg.notices() == [] and not bulk.bulk_folder(store).exists()
    assert built == []  # not begun


def test_kg_ingest_says_it_in_one_line_with_what_was_stored(runner, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted((ROOT / "tests" / "fixtures" / "notices").glob("*.txt")):
        shutil.copy(p, folder / p.name)
    store = tmp_path / "g.lbug"
    asked = disk(monkeypatch, 1)
    res = runner.invoke(main, ["ingest", str(folder), "--store", str(store), "--batch", "2"])
    assert res.exit_code == 1
    assert res.stdout == ""
    lines = res.stderr.splitlines()
    assert lines[-1] == (f"Lỗi: đĩa chứa kho ({tmp_path}) không đủ chỗ trống: còn 40 MB, cần khoảng "
                         f"{asked[-1] >> 20} MB; đã dừng sau khi trích xuất 4/5 tệp, 2 thông báo đã được lưu vào kho "
                         "(các lô đã ghi được giữ lại). Giải phóng chỗ trống rồi chạy lại lệnh: các tệp đã nạp sẽ "
                         "không phải nạp lại")
    assert asked[-1] >> 20 >= (ladybug_store.DISK_RESERVE_BYTES + 4 * ladybug_store.LOG_BYTES_PER_NOTICE) >> 20
    assert [ln for ln in lines if ln.startswith("Lỗi")] == [lines[-1]]
    monkeypatch.undo()
    res = runner.invoke(main, ["ingest", str(folder), "--store", str(store)])
    assert res.exit_code == 0 and res.stdout == "Mới: 3, cập nhật: 0, không đổi: 2, lỗi: 0\n"


def test_the_check_can_be_turned_off_for_a_disk_that_misreports_its_room(tmp_path, monkeypatch):
    recs = corpus.make_corpus(3, seed=2)
    disk(monkeypatch, 0)  # no room, as some mounts say
    monkeypatch.setenv(ladybug_store.DISK_CHECK_ENV, "0")
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        assert len(kg.ingest(recs).new) == 3
    monkeypatch.setenv(ladybug_store.DISK_CHECK_ENV, "1")
    with KnowledgeGraph.open(tmp_path / "h.lbug") as kg:
        with pytest.raises(DiskFullError):
            kg.ingest(recs)
