"""Opening damaged stores, the store format version, and doctor / repair / backup / restore.

A torn log is made the way a crash makes it: a real store whose last writes are still in its
log (``graph.lbug.wal``, the process gone before its checkpoint), cut short.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("ladybug")

from conftest import NOTICE_PATHS  # noqa: E402
from kg.graph import KnowledgeGraph  # noqa: E402
from kg.model import SEARCH_FIELDS, search_text  # noqa: E402
from kg.store.format import FORMAT_VERSION, read_format  # noqa: E402
from kg.store.ladybug_store import LadybugStore, StoreOpenError  # noqa: E402
from kg.store.maintenance import MaintenanceError, backup, doctor, restore  # noqa: E402
from loaders.extract import extract_path  # noqa: E402
from sample_store import older_format  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def logged(tmp_path_factory, records) -> Path:
    """A store whose five notices, ingested one per transaction, are all still in its log: the writer
    was killed (SIGKILL) after its last commit, before any checkpoint."""
    d = tmp_path_factory.mktemp("logged")
    script = textwrap.dedent(f"""
        import json, os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from kg.graph import KnowledgeGraph
        from loaders.extract import extract_path
        kg = KnowledgeGraph.open({str(d / 'graph.lbug')!r})
        kg.store.checkpoint_commits = False
        for p in {[str(p) for p in NOTICE_PATHS]!r}:
            kg.ingest([extract_path(p)])
        os.kill(os.getpid(), 9)
    """)
    subprocess.run([sys.executable, "-c", script], check=False)
    wal = d / "graph.lbug.wal"
    assert wal.is_file() and wal.stat().st_size > 10_000
    return d


def copy_store(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst / "graph.lbug"


def notice_count(path: Path) -> int:
    with LadybugStore(path, read_only=True) as s:
        return s.run("MATCH (n:Notice) RETURN count(n) AS n")[0]["n"]


def test_an_intact_log_is_replayed_silently(logged, tmp_path):
    store = copy_store(logged, tmp_path / "s")
    with KnowledgeGraph.open(store) as kg:
        assert kg.store_notices == []
        assert len(kg.notices()) == 5
    assert not (store.parent / "graph.lbug.wal").exists()  # checkpointed on close


@pytest.mark.parametrize("cut", [1, 4000, 30_000])
def test_a_torn_log_is_recovered_to_its_last_complete_commit(logged, tmp_path, cut):
    store = copy_store(logged, tmp_path / "s")
    wal = store.parent / "graph.lbug.wal"
    os.truncate(wal, wal.stat().st_size - cut)
    damaged = wal.read_bytes()
    # what the issue saw: the engine alone refuses the store
    import ladybug

    with pytest.raises(RuntimeError, match="WAL file is corrupted|Reading past the end"):
        ladybug.Database(str(store))
    # read-only cannot repair: one line saying what to run
    with pytest.raises(StoreOpenError) as e:
        LadybugStore(store, read_only=True)
    assert e.value.kind == "torn_log" and "kg doctor --repair" in e.value.message
    with KnowledgeGraph.open(store) as kg:
        (notice,) = kg.store_notices
        n = len(kg.notices())
    assert notice.kind == "log_recovered"
    kept = Path(notice.kept)
    assert kept.parent == store.parent and kept.name.startswith("graph.lbug.wal.damaged-")
    assert kept.read_bytes() == damaged
    assert notice.message == (f"{store}: nhật ký ghi (WAL) bị hỏng do lần ghi trước bị ngắt; đã khôi phục kho đến "
                              f"lần lưu hoàn tất cuối cùng, bản nhật ký hỏng giữ ở {kept.name}")
    assert 3 <= n <= 4  # the commits before the torn one (the last notice's) are all there
    with KnowledgeGraph.open(store) as kg:  # and for good: the next open is quiet
        assert kg.store_notices == [] and len(kg.notices()) == n


def test_a_log_of_garbage_is_set_aside(logged, tmp_path):
    store = copy_store(logged, tmp_path / "s")
    (store.parent / "graph.lbug.wal").write_bytes(b"\x00garbage" * 1000)
    with KnowledgeGraph.open(store) as kg:
        kinds = [n.kind for n in kg.store_notices]
        assert kinds in (["log_recovered"], ["log_discarded"])
        assert [p.name.split("-")[0] for p in store.parent.iterdir() if "damaged" in p.name] == ["graph.lbug.wal.damaged"]


def test_an_empty_store_file_is_refused_then_repaired(tmp_path):
    store = tmp_path / "graph.lbug"
    store.write_bytes(b"")
    with pytest.raises(StoreOpenError) as e:
        KnowledgeGraph.open(store)
    assert e.value.kind == "empty"
    assert e.value.message.startswith(f"{store}: tệp kho đồ thị rỗng (0 byte)")
    assert store.stat().st_size == 0  # untouched
    rep = doctor(store)
    assert not rep.ok and rep.problems == [f"{store}: tệp kho đồ thị rỗng (0 byte): chạy kg doctor --repair để để nó "
                                           "sang bên (lần nạp sau tạo kho mới), hoặc khôi phục từ bản sao lưu (kg restore)"]
    rep = doctor(store, repair=True)
    assert len(rep.repaired) == 1 and not store.exists()
    (kept,) = tmp_path.iterdir()
    assert kept.name.startswith("graph.lbug.empty-") and kept.stat().st_size == 0
    with KnowledgeGraph.open(store) as kg:
        assert kg.notices() == [] and kg.format.new


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    store = tmp_path / "notes.txt"
    store.write_text("không phải kho\n", encoding="utf-8")
    with pytest.raises(StoreOpenError) as e:
        KnowledgeGraph.open(store)
    assert e.value.kind == "not_ladybug"
    assert e.value.message == (f"{store}: không phải tệp kho đồ thị Ladybug (thiếu chữ ký LBUG ở đầu tệp): hãy kiểm "
                               "tra đường dẫn --store")
    assert store.read_text(encoding="utf-8") == "không phải kho\n"


def test_a_new_store_records_its_format(tmp_path, records):
    store = tmp_path / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        assert kg.format.new and kg.format.format == FORMAT_VERSION
        kg.ingest(records[:1])
    assert [p.name for p in tmp_path.iterdir()] == ["graph.lbug"]  # checkpointed: no log left behind
    with LadybugStore(store, read_only=True) as s:
        fmt = read_format(s)
    import ladybug

    assert fmt.format == FORMAT_VERSION and fmt.engine == ladybug.__version__ and fmt.created


def _search_columns(store: Path) -> dict[str, bool]:
    with LadybugStore(store, read_only=True) as s:
        return {label: "search" in {r["name"] for r in s.run(f"CALL table_info('{label}') RETURN name")}
                for label in SEARCH_FIELDS}


def _search_texts_are_computed(kg) -> int:
    """Every Notice, Task and Document holds the folded text of its fields; returns how many were checked."""
    n = 0
    for label, fields in SEARCH_FIELDS.items():
        cols = ", ".join(f"n.{f} AS {f}" for f in fields)
        for r in kg.store.run(f"MATCH (n:{label}) RETURN n.search AS search, {cols}"):
            assert r["search"] == search_text(*(r[f] for f in fields)), (label, r)
            n += 1
    return n


@pytest.mark.parametrize("old", [0, 1])
def test_an_older_store_is_migrated_to_the_current_format(tmp_path, records, old):
    store = tmp_path / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[:2])
    older_format(store, old)  # what stores of that format look like: no search text (and for 0 no Meta)
    assert _search_columns(store) == {"Notice": False, "Task": False, "Document": False}
    assert doctor(store).problems == [f"{store}: kho có định dạng cũ {old} (hiện tại {FORMAT_VERSION}): chạy kg doctor "
                                      "--repair (hoặc một lệnh ghi như kg ingest) để nâng định dạng"]
    said: list[str] = []
    with KnowledgeGraph.open(store, announce=said.append) as kg:
        assert said == [f"{store}: đang nâng định dạng kho từ {old} lên {FORMAT_VERSION} (một lần; với kho lớn có thể "
                        "mất vài phút)…"]  # before it starts: a big store's migration takes minutes
        assert [n.message for n in kg.store_notices] == [f"{store}: đã nâng định dạng kho từ {old} lên {FORMAT_VERSION}"]
        assert kg.format.migrated_from == old and kg.format.format == FORMAT_VERSION and len(kg.notices()) == 2
        assert _search_texts_are_computed(kg) > 50
        hits = [r["name"] for r in kg.q("search", word="khac phuc cac ton tai") if r["kind"] == "task"]
        assert hits == ["NV-cc6bc9"]  # typed without diacritics: 'khắc phục các tồn tại' of sample 000
    assert _search_columns(store) == {"Notice": True, "Task": True, "Document": True}
    assert doctor(store).ok
    with KnowledgeGraph.open(store, announce=said.append) as kg:  # once only
        assert kg.store_notices == [] and kg.format.migrated_from is None and len(said) == 1
    with LadybugStore(store, read_only=True) as s:
        assert read_format(s).format == FORMAT_VERSION


def test_a_write_command_says_a_migration_before_it_starts(tmp_path, records, runner):
    from kg.cli import main

    store = tmp_path / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[:1])
    older_format(store, 7)
    result = runner.invoke(main, ["ingest", str(NOTICE_PATHS[1]), "--store", str(store)])
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "định dạng" in line]
    assert lines == [f"{store}: đang nâng định dạng kho từ 7 lên {FORMAT_VERSION} (một lần; với kho lớn có thể mất vài "
                     "phút)…", f"Cảnh báo: {store}: đã nâng định dạng kho từ 7 lên {FORMAT_VERSION}"]


def test_a_store_of_format_3_gets_the_order_keys_of_its_tasks(tmp_path, records):
    from kg.model import task_order_key

    store = tmp_path / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[:3])
        written = {r["key"]: r["ok"] for r in kg.store.run("MATCH (t:Task) RETURN t.key AS key, t.order_key AS ok")}
        first = kg.deadlines(as_of=dt.date(2026, 1, 1), limit=5)
    older_format(store, 3)
    with pytest.raises(Exception):  # a reader cannot add the property: the CLI then opens the store for writing
        KnowledgeGraph.open(store, read_only=True).q("deadlines_page", before="9999-12-31", as_of="2026-01-01",
                                                     soon="2026-01-08", offset=0, limit=5)
    with KnowledgeGraph.open(store) as kg:
        assert [n.message for n in kg.store_notices] == [f"{store}: đã nâng định dạng kho từ 3 lên {FORMAT_VERSION}"]
        rows = kg.store.run("MATCH (n:Notice)-[:CONTAINS]->(t:Task) RETURN t.key AS key, t.order_key AS ok, "
                            "n.key AS notice, n.date AS date, t.ordinal AS ordinal")
        assert len(rows) == len(written) > 50
        assert all(r["ok"] == written[r["key"]] == task_order_key(r["date"], r["notice"], r["ordinal"]) for r in rows)
        assert kg.deadlines(as_of=dt.date(2026, 1, 1), limit=5) == first and len(first) == 5
    assert doctor(store).ok


def test_a_store_of_format_4_answers_read_only_and_loses_its_own_nodes_mentions(tmp_path, records):
    """Format 4 linked a notice's own tasks and meeting to it by MENTIONED_IN too: read-only it answers as it is;
    opened for writing the migration deletes those edges and nothing else, and the store is the one format 5 makes."""
    from kg import rdf
    from kg.model import OWN_LINK

    store, fresh = tmp_path / "graph.lbug", tmp_path / "fresh.lbug"
    for s in (store, fresh):
        with KnowledgeGraph.open(s) as kg:
            kg.ingest(records[:3])

    def mentions(kg) -> dict[str, int]:
        return {label: kg.store.run(f"MATCH (:{label})-[r:MENTIONED_IN]->(:Notice) RETURN count(r) AS n")[0]["n"]
                for label in OWN_LINK}

    def answers(kg) -> tuple:
        org = kg.store.run("MATCH (t:Task)-[:ASSIGNED_TO]->(a:Agency) RETURN a.name AS name ORDER BY name LIMIT 1")[0]
        doc = kg.store.run("MATCH (:Task)-[:BASED_ON]->(d:Document) RETURN d.number AS n ORDER BY n LIMIT 1")[0]["n"]
        tid = kg.store.run("MATCH (t:Task) RETURN t.id AS id ORDER BY id LIMIT 1")[0]["id"]
        return (kg.deadlines(as_of=dt.date(2026, 1, 1), limit=10), kg.workload(org["name"], as_of=dt.date(2026, 1, 1)),
                kg.trace(doc), kg.task(tid), sorted(map(str, rdf.triples(kg, rdf.DEFAULT_BASE))))

    with KnowledgeGraph.open(fresh, read_only=True) as kg:
        want = answers(kg)
        pairs = {r["source table name"] for r in kg.store.run("CALL show_connection('MENTIONED_IN') RETURN *")}
        assert pairs == {"Person", "Post", "Agency", "Committee", "AgencyGroup", "AdminUnit", "Document"}
    older_format(store, 4)
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert kg.format.format == 4
        held = mentions(kg)
        assert held["Task"] == kg.store.run("MATCH (t:Task) RETURN count(t) AS n")[0]["n"] > 50 and held["Meeting"] == 3
        assert answers(kg) == want
    with KnowledgeGraph.open(store) as kg:
        assert [n.message for n in kg.store_notices] == [f"{store}: đã nâng định dạng kho từ 4 lên {FORMAT_VERSION}"]
        assert mentions(kg) == {"Meeting": 0, "Task": 0}
        assert answers(kg) == want
        edges = kg.store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    with KnowledgeGraph.open(fresh, read_only=True) as kg:
        assert kg.store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"] == edges
    assert doctor(store).ok


def test_a_store_of_a_newer_format_is_refused_untouched(tmp_path):
    store = tmp_path / "graph.lbug"
    from kg.store.format import ensure_format

    with LadybugStore(store) as s:  # a store a later version made: its format recorded, tables unknown here
        ensure_format(s)
        s.run("MATCH (m:Meta) SET m.format = 99")
    with pytest.raises(StoreOpenError) as e:
        KnowledgeGraph.open(store)
    assert e.value.kind == "newer_format"
    assert f"kho có định dạng 99, mới hơn định dạng {FORMAT_VERSION}" in e.value.message and "pip install -U chidao-kg" in e.value.message
    with LadybugStore(store, read_only=True) as s:  # no schema was added to it
        assert {r["name"] for r in s.run("CALL show_tables() RETURN name")} == {"Meta"}


def test_doctor_counts_and_checks_sources(tmp_path, records):
    src = tmp_path / "src"
    src.mkdir()
    for p in NOTICE_PATHS[:3]:
        shutil.copy(p, src / p.name)
    store = tmp_path / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest([extract_path(p) for p in sorted(src.iterdir())])
    rep = doctor(store)
    assert rep.ok and rep.notices == 3 and rep.format == FORMAT_VERSION and rep.sources == []
    assert rep.nodes["Task"] > 0 and sum(rep.relations.values()) > 100 and rep.dangling == 0
    files = sorted(src.iterdir())
    files[0].unlink()
    files[1].write_text(files[1].read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    rep = doctor(store)
    assert rep.ok  # the store is fine; its sources moved on
    assert [(Path(s.path).name, s.problem) for s in rep.sources] == [(files[0].name, "missing"),
                                                                     (files[1].name, "changed")]


def test_repair_deletes_facts_of_no_notice(tmp_path, records):
    store = tmp_path / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[:2])
        key = kg.notices()[0]["key"]
        kg.store.run("MATCH (n:Notice {key: $k}) DETACH DELETE n", {"k": key})  # damage: its tasks stay behind
    rep = doctor(store)
    assert rep.dangling > 0 and not rep.ok
    fixed = doctor(store, repair=True)
    assert fixed.ok and fixed.dangling == 0
    assert fixed.repaired == [f"{store}: đã xóa {rep.dangling} dữ kiện không thuộc thông báo nào trong kho"]


def test_doctor_without_repair_changes_nothing(logged, tmp_path):
    store = copy_store(logged, tmp_path / "s")
    wal = store.parent / "graph.lbug.wal"
    os.truncate(wal, wal.stat().st_size - 100)
    before = sorted((p.name, p.stat().st_size) for p in store.parent.iterdir())
    rep = doctor(store)
    assert not rep.ok and "kg doctor --repair" in rep.problems[0]
    assert sorted((p.name, p.stat().st_size) for p in store.parent.iterdir()) == before
    rep = doctor(store, repair=True)
    assert rep.ok and rep.repaired[0].startswith(f"{store}: nhật ký ghi (WAL) bị hỏng") and rep.notices >= 3


def test_backup_and_restore(logged, tmp_path, records):
    store = copy_store(logged, tmp_path / "s")  # its writes still in the log: the backup must hold them
    res = backup(store, tmp_path / "b.lbug")
    assert res.notices == 5 and Path(res.dest).stat().st_size == res.bytes
    assert notice_count(Path(res.dest)) == 5
    with pytest.raises(MaintenanceError, match="tệp đích đã có"):
        backup(store, tmp_path / "b.lbug")
    with KnowledgeGraph.open(store) as kg:  # the store moves on
        kg.remove(kg.notices()[0]["key"])
    assert notice_count(store) == 4
    out = restore(res.dest, store)
    assert out.notices == 5 and notice_count(store) == 5
    kept = Path(out.kept)
    assert kept.name.startswith("graph.lbug.before-restore-") and notice_count(kept) == 4
    assert notice_count(Path(res.dest)) == 5  # the backup itself is untouched


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bad = tmp_path / "x.lbug"
    bad.write_bytes(b"")
    with pytest.raises(StoreOpenError, match="rỗng"):
        restore(bad, tmp_path / "graph.lbug")
    assert not (tmp_path / "graph.lbug").exists()


# ---------------------------------------------------------------------------------------------------
# the commands


def test_a_command_on_a_torn_store_says_so_in_one_line(logged, tmp_path, runner):
    from kg.cli import main

    store = copy_store(logged, tmp_path / "s")
    wal = store.parent / "graph.lbug.wal"
    os.truncate(wal, wal.stat().st_size - 100)
    res = runner.invoke(main, ["stats", "--store", str(store), "--json"])
    assert res.exit_code == 0, res.stderr
    (line,) = res.stderr.splitlines()
    assert line.startswith(f"Cảnh báo: {store}: nhật ký ghi (WAL) bị hỏng do lần ghi trước bị ngắt; đã khôi phục kho")
    assert json.loads(res.stdout)["notices"] >= 3


def test_kg_doctor_backup_restore(tmp_path, runner):
    from kg.cli import main

    src = tmp_path / "src"
    src.mkdir()
    for p in NOTICE_PATHS[:2]:
        shutil.copy(p, src / p.name)
    store = tmp_path / "graph.lbug"
    assert runner.invoke(main, ["ingest", str(src), "--store", str(store)]).exit_code == 0
    res = runner.invoke(main, ["doctor", "--store", str(store)])
    assert res.exit_code == 0, res.stderr
    import ladybug

    lines = res.stdout.splitlines()
    assert lines[0] == f"Kho: {store} (định dạng {FORMAT_VERSION}, Ladybug {ladybug.__version__})"
    assert lines[1].startswith("Thông báo: 2, nút: ") and lines[2:] == ["Tệp nguồn: 2 khớp, 0 đã đổi, 0 không còn",
                                                                        "Kho ổn."]
    changed = sorted(src.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    res = runner.invoke(main, ["doctor", "--store", str(store)])
    assert res.exit_code == 0
    assert res.stderr.splitlines() == [f"Cảnh báo: {changed}: tệp nguồn đã đổi sau khi nạp; cập nhật bằng: "
                                       f"kg ingest \"{changed}\""]

    res = runner.invoke(main, ["backup", str(tmp_path / "bk"), "--store", str(store)])
    assert res.exit_code == 0, res.stderr
    assert re.fullmatch(rf"Đã sao lưu 2 thông báo vào {re.escape(str(tmp_path / 'bk'))} \(\d+\.\d MB\)\n", res.stdout)
    store.write_bytes(b"")  # a store lost
    res = runner.invoke(main, ["stats", "--store", str(store)])
    assert res.exit_code == 1 and res.stderr.startswith(f"Lỗi: {store}: tệp kho đồ thị rỗng (0 byte)")
    res = runner.invoke(main, ["restore", str(tmp_path / "bk"), "--store", str(store)])
    assert res.exit_code == 0, res.stderr
    kept = next(p for p in tmp_path.iterdir() if p.name.startswith("graph.lbug.before-restore-"))
    assert res.stdout == f"Đã khôi phục 2 thông báo từ {tmp_path / 'bk'} vào {store}; kho cũ giữ ở {kept}\n"
    assert kept.stat().st_size == 0
    res = runner.invoke(main, ["doctor", "--store", str(tmp_path / "nothing.lbug")])
    assert res.exit_code == 1
    assert res.stderr == f"Lỗi: {tmp_path / 'nothing.lbug'}: không có kho đồ thị ở đây (chưa nạp gì, hoặc sai đường dẫn --store)\n"


def test_doctor_on_a_damaged_page_is_one_problem(tmp_path, records):
    store = tmp_path / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[:1])
    data = bytearray(store.read_bytes())
    at = data.find("Kết luận của đồng chí".encode("utf-8"))
    assert at > 0
    data[at + 2] = 0xFF  # inside 'ế': no longer UTF-8, as a bad disk would leave it
    store.write_bytes(bytes(data))
    rep = doctor(store)
    assert rep.opened and not rep.ok
    (line,) = rep.problems
    assert line.startswith(f"{store}: dữ liệu trong kho bị hỏng, không đọc được (") and "kg restore" in line


def test_doctor_reads_a_store_in_chunks_and_says_a_full_buffer_pool_is_not_damage(tmp_path, records, monkeypatch):
    """The full read goes a chunk of rows at a time (a store of 100,000 notices read whole filled the engine's pool,
    and the doctor called it damaged): with chunks of 7 rows the answer is the same, every row is read, and a pool
    that is still too small is said as such, with what to do."""
    from kg.errors import StoreError
    from kg.store import maintenance

    store = tmp_path / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[:2])
    whole = doctor(store)
    assert whole.ok, whole.problems
    monkeypatch.setattr(maintenance, "READ_CHUNK", 7)
    reads: list[tuple[int, int]] = []
    run = LadybugStore.run

    def counted(self, text, params=None, **kw):
        rows = run(self, text, params, **kw)
        if "WHERE offset(id(n))" in text and "MATCH (n:`Task`)" in text:
            reads.append((params["a"], len(rows[0]["c0"])))
        return rows

    monkeypatch.setattr(LadybugStore, "run", counted)
    chunked = doctor(store)
    assert chunked.ok and (chunked.nodes, chunked.relations) == (whole.nodes, whole.relations)
    assert [a for a, _ in reads] == list(range(0, 7 * len(reads), 7)) and len(reads) > 2
    assert sum(n for _, n in reads) == whole.nodes["Task"] and max(n for _, n in reads) == 7

    def full(*a, **k):
        raise StoreError("Buffer manager exception: Unable to allocate memory! The buffer pool is full and no "
                         "memory could be freed!")

    monkeypatch.setattr(maintenance, "_read_everything", full)
    (line,) = doctor(store).problems
    assert line.startswith(f"{store}: không đủ bộ nhớ đệm của kho để đọc hết dữ liệu (") and "KG_BUFFER_POOL_MB" in line
    assert "bị hỏng" not in line


@pytest.mark.skipif(sys.platform == "win32", reason="the lock test is POSIX (fcntl); Windows refuses the rename instead")
def test_doctor_and_restore_wait_for_a_writer(tmp_path, records):
    store = tmp_path / "graph.lbug"
    KnowledgeGraph.open(store).close()
    bk = backup(store, tmp_path / "b.lbug").dest
    writer = subprocess.Popen([sys.executable, "-c", "import ladybug, sys; db = ladybug.Database(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", str(store)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "open\n"
        assert doctor(store).problems == [f"{store}: kho đồ thị đang được một tiến trình khác ghi; chạy lại kg "
                                          "doctor khi lệnh đó xong"]
        with pytest.raises(MaintenanceError, match="đang được một tiến trình khác dùng"):
            restore(bk, store)
    finally:
        writer.communicate("")
    assert doctor(store).ok


@pytest.mark.parametrize("cut", [50, 100, 150])
def test_a_log_that_crashes_the_engine_never_kills_a_command(logged, tmp_path, cut):
    """Ladybug dies natively (a segmentation fault, even with throw_on_wal_replay_failure=False) replaying a log cut
    at some points (measured: 50 and 100 bytes from the end of this fixture's log). The replay is tried in a child
    process first; a command opens the store with the log's tail cut back to what the engine can replay."""
    store = copy_store(logged, tmp_path / "s")
    wal = store.parent / "graph.lbug.wal"
    os.truncate(wal, wal.stat().st_size - cut)
    r = subprocess.run([sys.executable, "-m", "kg.cli", "stats", "--store", str(store)], capture_output=True,
                       text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert notice_count(store) >= 4  # at most the notice whose write was cut is lost


def _edge_columns(store) -> dict[str, set[str]]:
    from kg.model import SCHEMA

    with LadybugStore(store, read_only=True) as s:
        return {r: {c["name"] for c in s.run(f"CALL table_info('{r}') RETURN *")} & {"path", "sha256"}
                for r in SCHEMA["rels"]}


def test_a_store_of_format_8_loses_the_file_and_sha256_of_its_edges_and_says_the_same(tmp_path, records):
    """Format 9: an edge's provenance is its notice (and span); its file and sha256 are read from the notice. A store
    of format 8 (both on every edge) reads the same before and after the migration, RDF included (where a span names
    the file and its sha256)."""
    from kg.rdf import triples
    from kg.vocab import CDO

    store = tmp_path / "graph.lbug"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(records[:3])
        ours = sorted(map(str, triples(kg)))
    assert _edge_columns(store) == {r: set() for r in _edge_columns(store)}
    older_format(store, 8)
    assert all(cols == {"path", "sha256"} for cols in _edge_columns(store).values())
    with LadybugStore(store, read_only=True) as s:
        assert s.run("MATCH (:Task)-[r:ASSIGNED_TO]->() RETURN DISTINCT r.sha256 AS sha", {})[0]["sha"] in {
            r["source"]["sha256"] for r in records[:3]}
    with KnowledgeGraph.open(store, read_only=True) as kg:  # read as it is
        assert kg.format.format == 8 and sorted(map(str, triples(kg))) == ours
        work = kg.workload("Sở Y tế")
    with KnowledgeGraph.open(store) as kg:
        assert kg.format.migrated_from == 8 and kg.format.format == FORMAT_VERSION == 9
        assert sorted(map(str, triples(kg))) == ours and kg.workload("Sở Y tế") == work
        named = {str(t[2]) for t in triples(kg) if t[1] == CDO.sha256}
        assert named == {r["source"]["sha256"] for r in records[:3]}  # the spans still name the files' sha256
    assert _edge_columns(store) == {r: set() for r in _edge_columns(store)}
    assert doctor(store).ok
