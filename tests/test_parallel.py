"""Extraction across processes (``kg extract -j N``, ``kg ingest -j N``, :mod:`loaders.parallel`): the same records,
order, errors and warning lines as one process, a bounded window of files in flight, a crashed worker reported as
one file's error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import main
from loaders.parallel import Extracted, extract_records, ordered_map

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOTICES = sorted((FIXTURES / "notices").glob("*.txt"))
PDF = FIXTURES / "extra" / "11_laocai-cv-7432.pdf"


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """Notices, a Word file, a damaged PDF (pypdf warns), an empty file and a text that is not a notice."""
    d = tmp_path_factory.mktemp("batch")
    for p in NOTICES:
        shutil.copy(p, d / p.name)
    shutil.copy(FIXTURES / "copies" / "08_lamdong-cv-cai-nghien.docx", d / "08.docx")
    data = bytearray(PDF.read_bytes())
    i = data.rfind(b"startxref")
    data[i + 10:i + 14] = b"9999"
    (d / "hong.pdf").write_bytes(bytes(data))
    (d / "rong.txt").write_bytes(b"")
    (d / "pho.md").write_text("Cách nấu phở bò\n\nNinh xương trong 6 giờ, nêm nước mắm vừa ăn.\n" * 3, encoding="utf-8")
    return d


def test_extract_j2_prints_what_one_process_prints(runner, batch):
    args = ["extract", str(batch), str(batch / "thieu.txt"), "--compact"]
    one = runner.invoke(main, args + ["-j", "1"])
    two = runner.invoke(main, args + ["-j", "2"])
    assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)
    assert one.exit_code == 1
    assert [r["source"]["path"] for r in json.loads(one.stdout)] == [
        str(batch / n) for n in ["000_e9c322011b9ab118.txt", "001_3532e76df9f04fae.txt", "002_952455d3017f5f63.txt",
                                 "003_1b646a5e51cf4e82.txt", "004_35c0fac5215235e0.txt", "08.docx", "hong.pdf"]]
    lines = one.stderr.splitlines()
    assert [ln.split(":")[0] for ln in lines] == ["Cảnh báo", "Lỗi", "Lỗi", "Lỗi", "Đã trích xuất 7/10 tệp; 3 lỗi"]
    assert lines[1:4] == [f"Lỗi: {batch / 'pho.md'}: không phải thông báo hay văn bản chỉ đạo (không thấy khung của văn "
                          "bản hành chính: quốc hiệu, số hiệu, địa danh và ngày tháng, tên loại, nơi nhận hay chữ ký)",
                          f"Lỗi: {batch / 'rong.txt'}: tệp rỗng",
                          f"Lỗi: {batch / 'thieu.txt'}: không tìm thấy tệp"]


def test_kg_jobs_environment_is_the_default(runner, batch, monkeypatch, tmp_path):
    monkeypatch.setenv("KG_JOBS", "2")
    r = runner.invoke(main, ["extract", *map(str, NOTICES), "--out", str(tmp_path)])
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.stem + ".json" for p in NOTICES]
    assert runner.invoke(main, ["extract", str(NOTICES[0]), "-j", "0"]).exit_code == 2  # a usage error


def test_extract_records_equal_one_process():
    paths = [str(p) for p in NOTICES] * 2 + [str(FIXTURES / "nondocs" / "INDEX.md")]
    one = list(extract_records(paths, jobs=1))
    two = list(extract_records(paths, jobs=2, window=3))
    assert [x.path for x in two] == paths
    assert two == one
    assert [x.error is None for x in two] == [True] * 10 + [False]


def _negate_or_die(x: int) -> int:
    if x == 13:
        os._exit(3)  # what a crash in a parsing library does to the worker
    return -x


@pytest.mark.parametrize("window", [4, 40])
def test_a_worker_that_dies_costs_its_item_only(window):
    # (with a wide window, items that finished before the crash keep their results; the rest run again one by one)
    out = list(ordered_map(_negate_or_die, range(30), jobs=2, window=window, crashed=lambda x: ("crashed", x)))
    assert out == [-x for x in range(13)] + [("crashed", 13)] + [-x for x in range(14, 30)]


def test_the_window_bounds_the_items_taken_ahead():
    taken: list[int] = []

    def items():
        for i in range(50):
            taken.append(i)
            yield i

    results = ordered_map(abs, items(), jobs=2, window=3)
    assert next(results) == 0
    assert len(taken) == 4  # the window of 3 in flight, refilled once the first was done
    results.close()
    assert len(taken) == 4


def test_ingest_j2_stores_what_one_process_stores(runner, batch, tmp_path):
    from kg.graph import KnowledgeGraph

    seen = []
    for jobs in ("1", "2"):
        store = tmp_path / f"g{jobs}.lbug"
        r = runner.invoke(main, ["ingest", str(batch), "--store", str(store), "-j", jobs])
        assert r.exit_code == 1  # the two refused files
        assert r.stdout == "Mới: 7, cập nhật: 0, không đổi: 0, lỗi: 2\n"
        kg = KnowledgeGraph.open(store)
        try:
            seen.append((sorted((n["path"].replace(str(batch), ""), n["key"]) for n in kg.notices()), kg.stats()))
        finally:
            kg.close()
    assert seen[0] == seen[1]
    assert len(seen[0][0]) == 7


def test_the_default_runs_a_small_batch_in_this_process(tmp_path, monkeypatch):
    from kg.cli.common import POOL_MIN_BYTES, planned_jobs
    import loaders.parallel

    monkeypatch.setattr(loaders.parallel, "default_jobs", lambda: 4)
    small = [str(p) for p in NOTICES]  # 100 kB in all
    assert planned_jobs(small, None) == 1
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 * POOL_MIN_BYTES + 1))
    assert planned_jobs(small + [str(big)], None) == 2  # one worker per MB of input, at most the cores
    assert planned_jobs(small + [str(big)], 3) == 3  # -j N is taken as given
    assert planned_jobs([str(tmp_path / "thieu.txt")], None) == 1


def _beat_until_stopped(path: str) -> None:
    """A worker's item that never ends: it writes the time into ``path`` every 0.05 s."""
    while True:
        Path(path).write_text(repr(time.time()), encoding="utf-8")
        time.sleep(0.05)


_PARENT = """
import sys
sys.path[:0] = sys.argv[1:3]
from test_parallel import _beat_until_stopped
from loaders.parallel import ordered_map
for _ in ordered_map(_beat_until_stopped, sys.argv[3:], jobs=2):
    pass
"""


def test_workers_stop_when_their_parent_is_killed(tmp_path):
    """A parent killed outright (SIGKILL; TerminateProcess on Windows) leaves no worker running: each waits on what
    multiprocessing keeps of its parent and exits with it."""
    beats = [tmp_path / "a.beat", tmp_path / "b.beat"]
    here = Path(__file__).resolve().parent
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, str(here.parent), str(here), *map(str, beats)])
    try:
        deadline = time.monotonic() + 60
        while not all(b.exists() for b in beats):
            assert parent.poll() is None and time.monotonic() < deadline, "the workers never started"
            time.sleep(0.05)
    finally:
        parent.kill()
        parent.wait()
    time.sleep(1.0)  # (a worker's last beat may land right after the kill)
    before = [b.read_text(encoding="utf-8") for b in beats]
    time.sleep(1.0)
    assert [b.read_text(encoding="utf-8") for b in beats] == before  # no beat for a second: both workers are gone
