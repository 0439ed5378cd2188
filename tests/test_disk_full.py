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
    """The store's disk has room for ``checks_with_room`` checks of LadybugStore.check_room for notices or other
    files (a batch, a first load's spill; not the check each transaction makes for itself), then 40 MB only;
    returns the bytes each of those checks asked for."""
    asked: list[int] = []
    orig = ladybug_store.LadybugStore.check_room

    def check_room(self, notices=0, other_bytes=0):
        if notices or other_bytes:
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
    with pytest.raises(DiskFullError):
        with KnowledgeGraph.open(tmp_path / "h.lbug") as kg:  # (a new store's schema is its first write)
            kg.ingest(recs)


def cramped_after(monkeypatch, calls_with_room: int, under: Path | None = None) -> list[str]:
    """Every disk (or the one of the folder ``under``) has room for ``calls_with_room`` questions of
    ``shutil.disk_usage``, then 40 MB only; returns the folders asked about."""
    asked: list[str] = []
    real = shutil.disk_usage

    def usage(p):
        asked.append(str(p))
        there = under is None or Path(p).resolve().is_relative_to(under.resolve())
        return Usage(real(p).total, 0, ROOMY if len(asked) <= calls_with_room or not there else CRAMPED)

    monkeypatch.setattr(shutil, "disk_usage", usage)
    return asked


def no_room_line(folder, needed_mb: int) -> str:
    return (f"Lỗi: đĩa chứa kho ({folder}) không đủ chỗ trống: còn 40 MB, cần khoảng {needed_mb} MB; lần ghi này chưa "
            "bắt đầu nên kho vẫn nguyên như trước. Giải phóng chỗ trống rồi chạy lại lệnh\n")


def test_every_command_that_writes_asks_for_room_first_and_leaves_the_store_as_it_was(runner, tmp_path, monkeypatch):
    """A mark, a correction, a removal, a backup and a restore on a disk without room: one line each, exit code 1,
    and the store (and the backup's folder) as before. The mark and the correction ask as their transaction begins,
    the backup for the store file's size and the restore for the backup's."""
    import sample_store

    store = sample_store.build(tmp_path / "g.lbug")
    bk = tmp_path / "bk.lbug"
    assert runner.invoke(main, ["backup", str(bk), "--store", str(store)]).exit_code == 0
    from kg.transfer import count_graph

    files = sorted(p.name for p in tmp_path.iterdir())
    with KnowledgeGraph.open(store, read_only=True) as kg:
        task, counts = kg.task("NV-e42617"), count_graph(kg)
    cramped_after(monkeypatch, 0)
    for args in (["done", "NV-e42617", "--on", "2026-06-08"], ["fix", "NV-e42617", "--deadline", "2026-06-20"]):
        res = runner.invoke(main, [*args, "--store", str(store)])
        assert (res.exit_code, res.stdout, res.stderr) == (1, "", no_room_line(tmp_path, 64))
    res = runner.invoke(main, ["remove", "97/TB-UBND", "--yes", "--store", str(store)])
    assert res.exit_code == 1 and res.stderr == ("Lỗi: không xóa được thông báo " + res.stderr.split("thông báo ", 1)[1])
    assert res.stderr.endswith(": " + no_room_line(tmp_path, 64)[len("Lỗi: "):])
    res = runner.invoke(main, ["backup", str(tmp_path / "bk2.lbug"), "--store", str(store)])
    assert (res.exit_code, res.stderr) == (1, no_room_line(tmp_path, 64))  # (its checkpoint first)
    usb = tmp_path / "usb"
    usb.mkdir()
    cramped_after(monkeypatch, 0, under=usb)
    res = runner.invoke(main, ["backup", str(usb), "--store", str(store)])
    assert (res.exit_code, res.stderr) == (1, no_room_line(usb, (ladybug_store.DISK_RESERVE_BYTES
                                                                 + store.stat().st_size) >> 20))
    assert list(usb.iterdir()) == []
    cramped_after(monkeypatch, 0)
    res = runner.invoke(main, ["restore", str(bk), "--store", str(store)])
    assert (res.exit_code, res.stderr) == (1, no_room_line(tmp_path, (ladybug_store.DISK_RESERVE_BYTES
                                                                      + bk.stat().st_size) >> 20))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*files, "usb"])  # nothing begun, nothing left
    monkeypatch.undo()
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert kg.task("NV-e42617") == task and count_graph(kg) == counts
        assert kg.journal.entries() == []


def test_a_copy_into_an_embedded_store_stops_at_the_page_without_room(runner, tmp_path, monkeypatch):
    import sample_store

    src = sample_store.build(tmp_path / "src.lbug")
    dst = tmp_path / "dst.lbug"
    cramped_after(monkeypatch, 0)  # no room for the new store's schema: no store made
    res = runner.invoke(main, ["store", "copy", str(src), str(dst)])
    assert (res.exit_code, res.stderr) == (1, no_room_line(tmp_path, 64))
    assert not dst.exists() and not ladybug_store.engine_files(dst)
    asked = cramped_after(monkeypatch, 6)  # the new store's schema and the first pages
    res = runner.invoke(main, ["store", "copy", str(src), str(dst), "--batch", "50"])
    assert res.exit_code == 1 and res.stdout == ""
    assert res.stderr.splitlines()[-1] == (f"Lỗi: đĩa chứa kho ({tmp_path}) không đủ chỗ trống: còn 40 MB, cần khoảng "
                                           f"64 MB; {dst} chưa chép xong: hãy xóa nó, giải phóng chỗ trống rồi chép lại")
    assert len(asked) == 7
    monkeypatch.undo()
    for f in [dst, *ladybug_store.engine_files(dst)]:
        f.unlink()
    res = runner.invoke(main, ["store", "copy", str(src), str(dst)])
    assert res.exit_code == 0 and "số lượng hai kho khớp nhau" in res.stdout


def test_the_web_app_says_a_full_disk_and_writes_nothing(tmp_path, monkeypatch):
    import re

    import sample_store
    from starlette.testclient import TestClient

    from kg import web

    path = sample_store.build(tmp_path / "g.lbug")
    c = TestClient(web.create_app(path, writable=True))
    csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/task/NV-e42617").text).group(1)
    cramped_after(monkeypatch, 0)
    r = c.post("/task/NV-e42617/done", data={"csrf": csrf, "on": "08/06/2026", "author": "Lan"}, follow_redirects=False)
    assert r.status_code == 507
    assert f"đĩa chứa kho ({tmp_path}) không đủ chỗ trống: còn 40 MB, cần khoảng 64 MB" in r.text
    monkeypatch.undo()
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert kg.journal.entries() == [] and not kg.task("NV-e42617").get("done_by")
