"""The command line's clean edges (issue 7): every failure is one line and an exit code.

Failures are injected where the commands meet the library (the graph, the store, the extractor,
the output layer) and the test asserts what a user sees: no traceback, one Vietnamese line,
a meaningful exit code. Also: --batch, Ctrl-C, a store held by another process, CSV formulas,
control characters, symbolic links in output folders, library warnings.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.cli.common import EXIT_BUSY, EXIT_INTERRUPTED
from kg.graph import KnowledgeGraph, Page
from kg.sanitize import CONTROL
from kg.store.ladybug_store import LadybugStore, StoreError

ROOT = Path(__file__).resolve().parent.parent
NOTICES = ROOT / "tests" / "fixtures" / "notices"
PDF = ROOT / "tests" / "fixtures" / "extra" / "11_laocai-cv-7432.pdf"
PROGRESS = ("Đang trích xuất", "Đang nạp vào đồ thị")


@pytest.fixture(scope="module")
def store_file(tmp_path_factory) -> Path:
    """A store holding the five sample notices, built once; tests copy it before writing."""
    from click.testing import CliRunner

    path = tmp_path_factory.mktemp("edges") / "graph.lbug"
    result = CliRunner().invoke(main, ["ingest", str(NOTICES), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def copy_store(src: Path, dst_dir: Path) -> Path:
    dst = dst_dir / "graph.lbug"
    shutil.copyfile(src, dst)
    return dst


def stderr_lines(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln and not ln.startswith(PROGRESS)]


# ---------------------------------------------------------------------------------------------
# any failure anywhere: one line, no traceback

def _unicode_error():
    return UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 1, "invalid start byte")


EXCEPTIONS = {
    "RuntimeError": lambda: RuntimeError("Runtime exception: page 7 is damaged\nsecond line"),
    "UnicodeDecodeError": _unicode_error,
    "OSError": lambda: OSError(5, "Input/output error"),
    "MemoryError": lambda: MemoryError(),
    "ValueError": lambda: ValueError("invalid literal for int() with base 10: 'x'"),
    "KeyError": lambda: KeyError("notice"),
    "TypeError": lambda: TypeError("'NoneType' object is not subscriptable"),
    "RecursionError": lambda: RecursionError("maximum recursion depth exceeded"),
    "StoreError": lambda: StoreError("cannot read the result: Storage exception: bad page"),
    "AttributeError": lambda: AttributeError("'NoneType' object has no attribute 'get'"),
    "IndexError": lambda: IndexError("list index out of range"),
    "ZeroDivisionError": lambda: ZeroDivisionError("division by zero"),
    "AssertionError": lambda: AssertionError(),
    "control characters": lambda: RuntimeError("bad\x1b[2J\x07 page\x0b\x9b31m"),
    "KeyboardInterrupt": lambda: KeyboardInterrupt(),
    "EOFError": lambda: EOFError(),
    "exception without a text": lambda: _Unprintable(),
}


class _Unprintable(Exception):
    def __str__(self):
        raise ValueError("no text")

# (object, method) pairs the commands call: the graph's public methods, the store's, the outputs
TARGETS = [
    (KnowledgeGraph, "open"), (KnowledgeGraph, "q"), (KnowledgeGraph, "notices"), (KnowledgeGraph, "ingest"),
    (KnowledgeGraph, "remove"), (KnowledgeGraph, "notice"), (KnowledgeGraph, "trace"),
    (KnowledgeGraph, "trace_documents"), (KnowledgeGraph, "workload"), (KnowledgeGraph, "deadlines"),
    (KnowledgeGraph, "stats"), (KnowledgeGraph, "task"), (KnowledgeGraph, "document"), (KnowledgeGraph, "people"),
    (KnowledgeGraph, "close"), (LadybugStore, "run"), (LadybugStore, "run_recipe"), (LadybugStore, "close"),
    (LadybugStore, "ensure_schema"), (LadybugStore, "execute_many"),
]


def _module_targets():
    import kg.ics
    import kg.tables
    import loaders.extract

    return [(kg.tables, "table"), (kg.tables, "fields"), (kg.ics, "calendar"), (loaders.extract, "extract_path")]


COMMANDS = [
    ["stats"], ["stats", "--csv"], ["deadlines"], ["deadlines", "--json"], ["trace", "Nghị quyết 02/2026"],
    ["trace", "Nghị quyết 02/2026", "--csv"], ["workload", "Sở Nội vụ", "--as-of", "2026-06-01"],
    ["workload", "Sở Nội vụ", "--ics", "{tmp}/lich.ics"], ["show", "notice", "000_e9c322011b9ab118"],
    ["show", "doc", "141/KH-UBND"], ["show", "agency", "Sở Y tế"], ["show", "leader", "Trần Thanh Nhân"],
    ["remove", "000_e9c322011b9ab118", "--yes"], ["ingest", str(NOTICES), "--batch", "2"],
    ["extract", str(NOTICES), "--out", "{tmp}/out"], ["extract", str(NOTICES / "000_e9c322011b9ab118.txt"),
                                                      "--format", "table"],
]


def run_with_failure(runner, store: Path, tmp: Path, monkeypatch, args, owner, method, exc_name, nth):
    """Run ``kg <args>`` with ``owner.method`` raising ``exc_name`` on its ``nth`` call; (result, fired)."""
    real = getattr(owner, method)
    is_class_method = isinstance(owner, type) and isinstance(owner.__dict__.get(method), classmethod)
    calls = {"n": 0, "fired": False}

    def broken(*a, **kw):
        calls["n"] += 1
        if calls["n"] == nth:
            calls["fired"] = True
            raise EXCEPTIONS[exc_name]()
        return real(*a, **kw) if not is_class_method else real(*a[1:], **kw)

    with monkeypatch.context() as m:
        m.setattr(owner, method, classmethod(broken) if is_class_method else broken)
        argv = [x.replace("{tmp}", str(tmp)) for x in args]
        if argv[0] != "extract":
            argv += ["--store", str(store)]
        result = runner.invoke(main, argv)
    return result, calls["fired"]


# every line kg may write on stderr starts with one of these (progress labels aside)
ONE_LINERS = ("Lỗi: ", "Cảnh báo: ", "Bỏ qua: ", "Đã trích xuất ", "[", "Chờ: ", "Đã ghi ", "Có nhiều kết quả phù hợp:",
              "  - ")


def assert_one_line_failure(result, fired: bool, exc_name: str) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = stderr_lines(result)
    for ln in lines:
        assert not CONTROL.search(ln), ln
    if not fired or result.exit_code == 0:  # not reached, or absorbed (a read-only open that fell back)
        assert all(ln.startswith(ONE_LINERS) for ln in lines), lines
        return
    if exc_name == "KeyboardInterrupt":
        assert result.exit_code == EXIT_INTERRUPTED
        assert [ln for ln in lines if ln.startswith("Đã dừng")] == [lines[-1]], lines
        return
    # per-file failures (an extract or ingest batch) are one line each; a failed command ends with one line
    assert lines and all(ln.startswith(ONE_LINERS) for ln in lines), lines
    assert lines[-1].startswith(("Lỗi: ", "Đã trích xuất ")), lines


# 30 examples by default (about 15 s); 300 when the slow tests run (KG_RUN_SLOW=1, as .ci/run sets it)
FUZZ_EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES") or (300 if os.environ.get("KG_RUN_SLOW") else 30))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_failure_anywhere_is_one_line(runner, store_file, tmp_path_factory, monkeypatch, data):
    args = data.draw(st.sampled_from(COMMANDS), label="command")
    owner, method = data.draw(st.sampled_from(TARGETS + _module_targets()), label="target")
    exc_name = data.draw(st.sampled_from(sorted(EXCEPTIONS)), label="exception")
    nth = data.draw(st.integers(1, 4), label="call")
    tmp = tmp_path_factory.mktemp("fail")
    store = copy_store(store_file, tmp)
    result, fired = run_with_failure(runner, store, tmp, monkeypatch, args, owner, method, exc_name, nth)
    assert_one_line_failure(result, fired, exc_name)
    shutil.rmtree(tmp, ignore_errors=True)  # a passing example's store copy (40 MB; 300 of them under KG_RUN_SLOW)


@pytest.mark.parametrize("args", [c for c in COMMANDS if c[0] not in ("remove", "ingest")])
def test_commands_without_injected_failures_succeed_quietly(runner, store_file, tmp_path, args):
    """The catch-all must not hide a bug: without injected failures every command succeeds."""
    argv = [x.replace("{tmp}", str(tmp_path)) for x in args]
    if argv[0] != "extract":
        argv += ["--store", str(copy_store(store_file, tmp_path))]
    result = runner.invoke(main, argv)
    assert result.exit_code == 0, result.stderr
    assert [ln for ln in stderr_lines(result) if not ln.startswith(("Đã ghi ", "[", "Đã trích xuất "))] == []


@pytest.mark.parametrize("args", [["show", "notice", "000_e9c322011b9ab118"], ["deadlines"]])
def test_damaged_page_after_open_is_one_line(runner, store_file, tmp_path, monkeypatch, args):
    """The issue's case: a query failing with UnicodeDecodeError after the store opened."""
    store = copy_store(store_file, tmp_path)
    result, fired = run_with_failure(runner, store, tmp_path, monkeypatch, args, LadybugStore, "run_recipe",
                                     "UnicodeDecodeError", 1 if args[0] == "deadlines" else 2)
    assert fired
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"Lỗi: {store}: dữ liệu trong kho đồ thị bị hỏng, không đọc được (UnicodeDecodeError: "
                             "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte); hãy chạy kg doctor\n")


@pytest.mark.parametrize("args, recipe", [(["deadlines"], "notice_rows"),
                                          (["show", "notice", "000_e9c322011b9ab118"], "find_notices_by")])
def test_really_damaged_page_is_one_line_in_a_real_process(store_file, tmp_path, args, recipe):
    """A byte of a stored title overwritten (as a bad disk would): the real command, one line, exit code 1."""
    store = copy_store(store_file, tmp_path)
    data = bytearray(store.read_bytes())
    title = "Kết luận của đồng chí".encode("utf-8")
    at = data.find(title)
    assert at > 0
    while at >= 0:  # every stored copy (which page a query reads depends on how the store laid them out)
        data[at + 2] = 0xFF  # inside 'ế': no longer UTF-8
        at = data.find(title, at + 1)
    store.write_bytes(bytes(data))
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args, "--store", str(store)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == (f"Lỗi: {store}: dữ liệu trong kho đồ thị bị hỏng, không đọc được (StoreError: recipe "
                           f"{recipe}: cannot read the result: UnicodeDecodeError: 'utf-8' codec can't decode byte "
                           "0xe1 in position 1: invalid continuation byte); hãy chạy kg doctor\n")


def test_unexpected_error_names_no_store_before_one_is_opened(runner, monkeypatch, tmp_path):
    import kg.cli.common as common

    def boom():
        raise MemoryError()

    monkeypatch.setattr(common, "load_extractor", boom)
    monkeypatch.setattr("kg.cli.graph.load_extractor", boom)
    result = runner.invoke(main, ["ingest", str(NOTICES), "--store", str(tmp_path / "s.lbug")])
    assert result.exit_code == 1
    assert result.stderr == "Lỗi: lỗi không mong đợi (MemoryError)\n"


# ---------------------------------------------------------------------------------------------
# usage errors: one Vietnamese line, exit code 2

@pytest.mark.parametrize("batch", ["0", "-1"])
def test_ingest_batch_must_be_positive(runner, tmp_path, batch):
    store = tmp_path / "s.lbug"
    result = runner.invoke(main, ["ingest", str(NOTICES), "--store", str(store), "--batch", batch])
    assert result.exit_code == 2
    assert result.stderr == ("Lỗi: giá trị không hợp lệ cho '--batch': phải là số nguyên dương (số thông báo ghi "
                             f"trong một giao dịch), không phải {batch} — xem: kg ingest -h\n")
    assert not store.exists()


@pytest.mark.parametrize("args, line", [
    (["extract"], "Lỗi: thiếu đối số 'PATHS...' — xem: kg extract -h"),
    (["extract", "--format", "xml", "x.txt"],
     "Lỗi: giá trị không hợp lệ cho '--format': 'xml' không phải một trong 'json', 'table' — xem: kg extract -h"),
    (["extract", "--bogus", "x.txt"], "Lỗi: không có tùy chọn --bogus (có phải: --jobs, --out?) — xem: kg extract -h"),
    (["nosuch"], "Lỗi: không có lệnh 'nosuch' — xem: kg -h"),
    (["ingest", "x", "--batch", "abc"],
     "Lỗi: giá trị không hợp lệ cho '--batch': 'abc' không phải số nguyên — xem: kg ingest -h"),
    (["trace", "x", "--depth", "9"],
     "Lỗi: giá trị không hợp lệ cho '--depth': 9 nằm ngoài khoảng 0<=x<=3 — xem: kg trace -h"),
    (["deadlines", "--as-of", "2026-13-01"],
     "Lỗi: ngày không hợp lệ: '2026-13-01' (dạng ngày/tháng/năm như 01/06/2026, hoặc 2026-06-01) — xem: kg deadlines -h"),
])
def test_usage_errors_are_one_vietnamese_line(runner, args, line, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # the default store of this test alone
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr == line + "\n"
    assert list(tmp_path.iterdir()) == []  # a usage error opens (and so makes) no store


# ---------------------------------------------------------------------------------------------
# Ctrl-C

def test_ctrl_c_during_extract_says_how_far_it_got(runner, tmp_path, monkeypatch):
    from loaders import extract

    real, seen = extract.extract_path, []

    def stop_at_third(path):
        seen.append(path)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return real(path)

    monkeypatch.setattr(extract, "extract_path", stop_at_third)
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(NOTICES), "--out", str(out)])
    assert result.exit_code == EXIT_INTERRUPTED
    assert result.stderr.splitlines()[-1] == (f"Đã dừng theo yêu cầu (Ctrl-C): đã trích xuất 2/5 tệp, các tệp đã ghi "
                                              f"vào {out} được giữ lại")
    assert "Aborted" not in result.stderr
    assert len(list(out.glob("*.json"))) == 2


def _sigint_self() -> None:
    os.kill(os.getpid(), signal.SIGINT)


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT to itself")
def test_ctrl_c_during_ingest_keeps_committed_batches(runner, tmp_path, monkeypatch):
    """A real SIGINT after the first batch of two committed (files are extracted as ingest takes them: two so
    far): the store keeps those two, and says so."""
    real = KnowledgeGraph.ingest
    done = {"n": 0}
    handler = signal.getsignal(signal.SIGINT)  # (SIG_IGN when the tests run in a shell's background job)

    def ingest(self, records, batch=500, progress=None, **kw):
        def wrapped(n):
            done["n"] += n
            if done["n"] >= 2:
                _sigint_self()
            progress(n)
        return real(self, records, batch=batch, progress=wrapped, **kw)

    monkeypatch.setattr(KnowledgeGraph, "ingest", ingest)
    store = tmp_path / "s.lbug"
    result = runner.invoke(main, ["ingest", str(NOTICES), "--store", str(store), "--batch", "2"])
    assert result.exit_code == EXIT_INTERRUPTED, result.stderr
    assert stderr_lines(result) == [
        "Đang dừng theo yêu cầu (Ctrl-C): chờ tệp hoặc lô đang ghi xong (Ctrl-C lần nữa để dừng ngay)…",
        "Đã dừng theo yêu cầu (Ctrl-C) sau khi trích xuất 2/5 tệp: 2 thông báo đã được lưu vào kho "
        "(các lô đã ghi được giữ lại)"]
    monkeypatch.setattr(KnowledgeGraph, "ingest", real)
    stats = runner.invoke(main, ["stats", "--json", "--store", str(store)])
    assert json.loads(stats.stdout)["notices"] == 2
    assert signal.getsignal(signal.SIGINT) is handler  # the guard put back what was there


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT to itself")
def test_ctrl_c_during_ingest_extraction_stores_nothing(runner, tmp_path, monkeypatch):
    from loaders import extract

    real, seen = extract.extract_path, []

    def interrupt_in_second(path):
        seen.append(path)
        if len(seen) == 2:
            _sigint_self()  # noted; the file is finished, then the command stops
        return real(path)

    monkeypatch.setattr(extract, "extract_path", interrupt_in_second)
    store = tmp_path / "s.lbug"
    result = runner.invoke(main, ["ingest", str(NOTICES), "--store", str(store)])
    assert result.exit_code == EXIT_INTERRUPTED
    assert stderr_lines(result)[-1] == ("Đã dừng theo yêu cầu (Ctrl-C) sau khi trích xuất 2/5 tệp: chưa nạp thông "
                                        "báo nào vào kho")
    assert len(seen) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT to itself")
def test_ctrl_c_during_streamed_extraction_keeps_the_batches_written(runner, tmp_path, monkeypatch):
    """Files are extracted as ingest takes them: a Ctrl-C while the third file is read (batches of two) stops
    before the next file; the first batch is stored, the third notice (a batch not yet full) is not, and the
    line says exactly that."""
    from loaders import extract

    real, seen = extract.extract_path, []

    def interrupt_in_third(path):
        seen.append(path)
        if len(seen) == 3:
            _sigint_self()
        return real(path)

    monkeypatch.setattr(extract, "extract_path", interrupt_in_third)
    store = tmp_path / "s.lbug"
    result = runner.invoke(main, ["ingest", str(NOTICES), "--store", str(store), "--batch", "2"])
    assert result.exit_code == EXIT_INTERRUPTED, result.stderr
    assert stderr_lines(result)[-1] == ("Đã dừng theo yêu cầu (Ctrl-C) sau khi trích xuất 3/5 tệp: 2 thông báo đã "
                                        "được lưu vào kho (các lô đã ghi được giữ lại)")
    assert len(seen) == 3
    monkeypatch.setattr(extract, "extract_path", real)
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert sorted(r["path"] for r in kg.notices()) == sorted(seen[:2])
    again = runner.invoke(main, ["ingest", str(NOTICES), "--store", str(store)])  # the next run completes it
    assert again.exit_code == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == "Mới: 3, cập nhật: 0, không đổi: 2, lỗi: 0"


# ---------------------------------------------------------------------------------------------
# a store held by another process

HOLDER = """
import sys, ladybug
db = ladybug.Database(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def held_store(store_file, tmp_path):
    """A copy of the store, held read-write by another process until the test ends."""
    store = copy_store(store_file, tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(store)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        yield store, proc.pid
    finally:
        proc.stdin.close()
        proc.wait()


def test_locked_store_is_said_before_extraction(runner, held_store, monkeypatch):
    from loaders import extract

    store, pid = held_store
    called = []
    monkeypatch.setattr(extract, "extract_path", lambda p: called.append(p))
    result = runner.invoke(main, ["ingest", str(NOTICES), "--store", str(store)])
    assert result.exit_code == EXIT_BUSY
    assert result.stderr == (f"Lỗi: {store}: kho đồ thị đang được một tiến trình kg khác (PID {pid}) sử dụng; "
                             "hãy chờ tiến trình đó xong rồi chạy lại\n")
    assert called == []


def test_remove_on_a_locked_store_is_one_line(runner, held_store):
    store, pid = held_store
    result = runner.invoke(main, ["remove", "000_e9c322011b9ab118", "--store", str(store)])
    assert result.exit_code == EXIT_BUSY
    assert result.stderr.startswith(f"Lỗi: {store}: kho đồ thị đang được một tiến trình kg khác (PID {pid})")


def test_readers_read_while_another_process_holds_the_store(runner, held_store):
    store, _ = held_store
    result = runner.invoke(main, ["stats", "--json", "--store", str(store)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["notices"] == 5
    assert result.stderr == ""


def _refusals(monkeypatch, read_refusals: int):
    """KnowledgeGraph.open: the write open finds the lock; the read open is refused ``read_refusals`` times."""
    real = KnowledgeGraph.open.__func__
    count = {"ro": 0}

    def fake(cls, path=None, read_only=False, **options):
        if not read_only:
            raise StoreError(f"cannot open Ladybug database {path}: IO exception: Could not set lock on file : "
                             f"{path} (Lock is held by PID 4242) (Error: Resource temporarily unavailable)")
        count["ro"] += 1
        if count["ro"] <= read_refusals:
            raise StoreError(f"cannot open Ladybug database {path}: Runtime exception: Cannot open database in "
                             "read-only mode while checkpoint recovery is pending.")
        return real(cls, path, read_only=True)

    monkeypatch.setattr(KnowledgeGraph, "open", classmethod(fake))
    monkeypatch.setattr("time.sleep", lambda s: None)
    return count


def test_reader_waits_for_the_writer_with_a_message(runner, store_file, tmp_path, monkeypatch):
    store = copy_store(store_file, tmp_path)
    count = _refusals(monkeypatch, 3)
    result = runner.invoke(main, ["stats", "--json", "--store", str(store)], env={"KG_WAIT": "600"})
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["notices"] == 5
    assert result.stderr == (f"Chờ: {store}: kho đồ thị đang được một tiến trình kg khác (PID 4242) sử dụng; "
                             "đang chờ để đọc (tối đa 600 giây)…\n")
    assert count["ro"] == 4  # three refusals (the first try, two while waiting), then the read


def test_reader_gives_up_after_the_wait(runner, store_file, tmp_path, monkeypatch):
    store = copy_store(store_file, tmp_path)
    _refusals(monkeypatch, 10**6)
    result = runner.invoke(main, ["deadlines", "--store", str(store)], env={"KG_WAIT": "0"})
    assert result.exit_code == EXIT_BUSY
    assert result.stderr.splitlines() == [
        f"Chờ: {store}: kho đồ thị đang được một tiến trình kg khác (PID 4242) sử dụng; đang chờ để đọc (tối đa 0 giây)…",
        f"Lỗi: {store}: kho đồ thị đang được một tiến trình kg khác (PID 4242) sử dụng; hãy chờ tiến trình đó xong "
        "rồi chạy lại (đã chờ 0 giây)"]


# ---------------------------------------------------------------------------------------------
# what is printed: CSV formulas, control characters

HOSTILE_ROWS = [
    {"id": "NV-1", "deadline": "2026-06-01", "status": "overdue", "leads": ["=HYPERLINK(\"http://x\",\"a\")", "Sở Y tế"],
     "ref": "+1", "path": "/n/a.txt", "notice": "k1", "notice_date": "2026-05-01",
     "text": "-2+3 giao\x1b[31m Sở\x07 Y tế\x0b báo cáo\x9b1m"},
    {"id": "NV-2", "deadline": None, "status": "open", "leads": [], "ref": "@SUM(A1)", "path": "/n/b.txt",
     "notice": "k2", "notice_date": None, "text": "\tlệnh\r\nhai dòng\u202eđảo"},
]


@pytest.fixture
def hostile_deadlines(monkeypatch):
    monkeypatch.setattr(KnowledgeGraph, "deadlines", lambda self, **kw: Page(dict(r) for r in HOSTILE_ROWS))


def test_csv_cells_cannot_be_formulas(runner, store_file, tmp_path, hostile_deadlines):
    store = copy_store(store_file, tmp_path)
    result = runner.invoke(main, ["deadlines", "--csv", "--store", str(store)])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "deadline", "status_vi", "leads", "ref", "notice_label", "text"]
    assert rows[1] == ["NV-1", "2026-06-01", "quá hạn", "'=HYPERLINK(\"http://x\",\"a\"); Sở Y tế", "'+1",
                       "a (2026-05-01)", "'-2+3 giao[31m Sở Y tế  báo cáo1m"]
    assert rows[2] == ["NV-2", "", "chưa đến hạn", "", "'@SUM(A1)", "b", "'\tlệnh\nhai dòngđảo"]


def test_control_characters_never_reach_the_terminal(runner, store_file, tmp_path, hostile_deadlines):
    store = copy_store(store_file, tmp_path)
    table = runner.invoke(main, ["deadlines", "--store", str(store)])
    assert table.exit_code == 0, table.stderr
    assert not CONTROL.search(table.stdout)
    assert "giao[31m Sở Y tế báo cáo1m" in table.stdout
    as_json = runner.invoke(main, ["deadlines", "--json", "--store", str(store)])
    assert not CONTROL.search(as_json.stdout)
    rows = json.loads(as_json.stdout)  # JSON escapes them: the values are intact
    assert [{k: r[k] for k in HOSTILE_ROWS[0]} for r in rows] == HOSTILE_ROWS
    assert "\\u009b1m" in as_json.stdout and "\\u001b[31m" in as_json.stdout


def test_control_characters_never_reach_icalendar(runner, store_file, tmp_path, monkeypatch):
    store = copy_store(store_file, tmp_path)
    real = KnowledgeGraph.workload

    def hostile(self, *a, **kw):
        res = real(self, *a, **kw)
        for t in res["tasks"]:
            t["text"] = "Báo cáo\x1b]0;pwned\x07 kết quả\x0c\x85 xong"
        return res

    monkeypatch.setattr(KnowledgeGraph, "workload", hostile)
    ics = tmp_path / "lich.ics"
    result = runner.invoke(main, ["workload", "Sở Nội vụ", "--ics", str(ics), "--store", str(store)])
    assert result.exit_code == 0, result.stderr
    text = ics.read_bytes().decode("utf-8")
    assert "BEGIN:VEVENT" in text
    assert not CONTROL.search(text.replace("\r\n", "\n"))
    assert "Báo cáo]0\\;pwned kết quả   xong" in text.replace("\r\n ", "")


def test_extract_json_escapes_c1_and_bidi_controls(runner, monkeypatch):
    from loaders import extract

    monkeypatch.setattr(extract, "extract_path", lambda p: {"source": {"path": p}, "notice": {"title": "a\x9bb\u202ec"}})
    result = runner.invoke(main, ["extract", str(NOTICES / "000_e9c322011b9ab118.txt"), "--compact"])
    assert result.exit_code == 0
    assert result.stdout == ('{"source":{"path":"' + str(NOTICES / "000_e9c322011b9ab118.txt").replace("\\", "\\\\")
                             + '"},"notice":{"title":"a\\u009bb\\u202ec"}}\n')


def test_error_messages_lose_control_characters(runner, tmp_path):
    bad = tmp_path / "bad\x1b[2Jname.txt"
    result = runner.invoke(main, ["extract", str(bad)])
    assert result.exit_code == 1
    assert not CONTROL.search(result.stderr)
    assert result.stderr.startswith(f"Lỗi: {tmp_path / 'bad[2Jname.txt'}: ")


# ---------------------------------------------------------------------------------------------
# output files are never written through a symbolic link

def _symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("no symbolic links here")


def test_extract_out_replaces_a_link_instead_of_writing_through_it(runner, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("giữ nguyên", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    src = NOTICES / "000_e9c322011b9ab118.txt"
    _symlink(out / (src.stem + ".json"), outside)
    result = runner.invoke(main, ["extract", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert outside.read_text(encoding="utf-8") == "giữ nguyên"
    written = out / (src.stem + ".json")
    assert not written.is_symlink()
    assert json.loads(written.read_text(encoding="utf-8"))["source"]["path"] == str(src)
    assert [p.name for p in out.iterdir()] == [written.name]  # no temporary file left behind


def test_ics_replaces_a_link_instead_of_writing_through_it(runner, store_file, tmp_path):
    store = copy_store(store_file, tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("giữ nguyên", encoding="utf-8")
    ics = tmp_path / "cal" / "lich.ics"
    ics.parent.mkdir()
    _symlink(ics, outside)
    result = runner.invoke(main, ["workload", "Sở Nội vụ", "--ics", str(ics), "--store", str(store)])
    assert result.exit_code == 0, result.stderr
    assert outside.read_text(encoding="utf-8") == "giữ nguyên"
    assert not ics.is_symlink() and ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


# ---------------------------------------------------------------------------------------------
# library warnings: one Vietnamese line per file

def test_library_warnings_become_one_line_per_file(runner, monkeypatch):
    import logging
    import warnings

    from loaders import extract

    real = extract.extract_path

    def noisy(path):
        for i in range(42):
            logging.getLogger("pypdf._reader").warning("Ignoring wrong pointing object %d 0 (offset 0)", i)
        warnings.warn("Multiple definitions in dictionary", UserWarning)
        logging.getLogger("loaders.read").warning("%s: 3 byte không hợp lệ đã được thay bằng U+FFFD", path)
        return real(path)

    monkeypatch.setattr(extract, "extract_path", noisy)
    src = NOTICES / "000_e9c322011b9ab118.txt"
    result = runner.invoke(main, ["extract", str(src), "--compact"])
    assert result.exit_code == 0
    assert result.stderr == (f"Cảnh báo: {src}: 3 byte không hợp lệ đã được thay bằng U+FFFD; "
                             "tệp có chỗ hỏng hoặc không chuẩn, phần đọc được vẫn được dùng "
                             "(43 cảnh báo của pypdf, python, đầu tiên: Ignoring wrong pointing object 0 0 (offset 0))\n")
    assert json.loads(result.stdout)["source"]["path"] == str(src)


def test_damaged_pdf_warnings_in_a_real_process(tmp_path):
    """pypdf's own warnings on a PDF whose startxref is wrong: one Vietnamese line, the record still made."""
    data = bytearray(PDF.read_bytes())
    i = data.rfind(b"startxref")
    data[i + 10:i + 14] = b"9999"
    damaged = tmp_path / "hong.pdf"
    damaged.write_bytes(bytes(data))
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(damaged), "--compact"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, lines
    assert re.fullmatch(rf"Cảnh báo: {re.escape(str(damaged))}: tệp có chỗ hỏng hoặc không chuẩn, phần đọc được "
                        r"vẫn được dùng \(\d+ cảnh báo của pypdf, đầu tiên: .+\)", lines[0]), lines[0]
    assert json.loads(proc.stdout)["source"]["path"] == str(damaged)


def test_bytes_replaced_while_decoding_are_said_in_one_line(runner, tmp_path):
    """A notice with a few undecodable bytes is read; the bytes replaced are one 'Cảnh báo:' line naming the file."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/UBND-KT\nLào Cai, ngày 10 tháng 4 năm 2026\nV/v x\n"
                     "Kính gửi: Sở Y tế.\nGiao Sở Y tế chủ trì thực hiện, hoàn thành trước ngày 30/5/2026 ").encode()
                    + b"\xff\xfe" + ".\nNơi nhận:\n- Như trên;\nCHỦ TỊCH\nNguyễn Văn A\n".encode())
    r = runner.invoke(main, ["extract", str(bad), "--out", str(tmp_path / "out")])
    assert r.exit_code == 0
    assert [ln for ln in r.stderr.splitlines() if ln.startswith("Cảnh báo:")] == [
        f"Cảnh báo: {bad}: đã thay 2 byte không giải mã được (utf-8) bằng ký tự thay thế U+FFFD"]
