"""A first load by the engine's bulk loader (kg/bulk.py) makes the graph the batches make, node for node and edge for
edge with every property, and reports the files as they do; it is used only where it may be (an empty store on disk),
falls back to the batches when the engine refuses it, and never leaves a part behind.

The stream mixes what a first load meets: the sample notices, the extra texts, follow-ups that extend and report on
earlier documents, an implementing plan, copies of one document (Word and text export), a draft whose issued
version comes batches later (the staged draft is cancelled and its task ids carried over), a changed file at a path
staged earlier (an update), and a synthetic corpus.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("ladybug")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
from kg import bulk  # noqa: E402
from kg.graph import KnowledgeGraph  # noqa: E402
from kg.store.ladybug_store import LadybugStore  # noqa: E402
from loaders.extract import extract_path, extract_text  # noqa: E402
from sample_store import dump  # noqa: E402

FIX = ROOT / "tests" / "fixtures"
FOLDERS = ["notices", "extra13/texts", "followups", "implements"]


def _issued(text: str, number: str, day: str) -> str:
    out = re.sub(r"Số:\s*/", f"Số: {number}/", text, count=1)
    return re.sub(r"ngày\s+tháng", f"ngày {day} tháng", out, count=1)


@pytest.fixture(scope="module")
def stream() -> list[dict]:
    recs = [extract_path(p) for d in FOLDERS for p in sorted((FIX / d).glob("*.txt"))]
    text = (FIX / "copies" / "08_lamdong-cv-cai-nghien.txt").read_text(encoding="utf-8")
    draft = extract_path(FIX / "copies" / "08_lamdong-cv-cai-nghien.docx")
    copy = extract_path(FIX / "copies" / "08_lamdong-cv-cai-nghien.txt")
    issued = extract_text(_issued(text, "5120", "30"), path="ban-hanh/5120.txt")
    synthetic = corpus.make_corpus(40, seed=3)
    changed = corpus.changed(synthetic[7], 1)
    # the draft first, its text export (a copy) and the issued version later; a changed file after its first version
    return [draft, *recs[:12], copy, *synthetic[:20], issued, *recs[12:], *synthetic[20:], changed]


def _load(tmp_path: Path, name: str, recs: list[dict], **kw) -> tuple[list[str], object]:
    store = tmp_path / name / "graph.lbug"
    with KnowledgeGraph.open(store) as g:
        rep = g.ingest(recs, **kw)
    return dump(store), rep


def _said(rep) -> tuple:
    return (rep.new, rep.updated, rep.unchanged, [(c.path, c.held, c.by) for c in rep.copies],
            [(r.path, r.draft, r.number, r.kept_ids) for r in rep.replaced], rep.failed, rep.where)


def test_a_bulk_load_makes_the_graph_the_batches_make(tmp_path, stream, monkeypatch):
    from kg.store import ladybug_store

    monkeypatch.setattr(ladybug_store, "COPY_PART_ROWS", 300)  # big files copied in parts, as at 100,000 notices
    reopened = []
    monkeypatch.setattr(bulk, "REOPEN_ROWS", 700)  # the new database closed and opened again between tables
    monkeypatch.setattr(LadybugStore, "reopen", lambda self, _r=LadybugStore.reopen: (reopened.append(1), _r(self))[1])
    batches, rb = _load(tmp_path, "batches", stream, batch=7, bulk=False)
    loaded, rl = _load(tmp_path, "bulk", stream, batch=7, bulk=True, jobs=1)
    assert (rb.loader, rl.loader) == ("batches", "bulk")
    assert len(reopened) > 3, reopened  # (reopened between tables, not only at the end)
    assert loaded == batches
    assert _said(rl) == _said(rb)
    # built by three processes, each a range of whole batches: the same graph again
    three, r3 = _load(tmp_path, "three", stream, batch=7, bulk=True, jobs=3)
    assert r3.loader == "bulk" and three == batches and _said(r3) == _said(rb)
    assert (len(rl.replaced), len(rl.updated), len(rl.copies)) == (1, 1, 2)  # what the stream holds
    assert not (tmp_path / "bulk" / "graph.lbug.bulk").exists()  # the spill and the files are gone
    # what the batches derive from the graph is in step after a bulk load too (kg doctor's checks)
    with KnowledgeGraph.open(tmp_path / "bulk" / "graph.lbug") as g:
        from kg.days import recount_days, recount_due

        counts = recount_days(g.store)
        assert counts["held"] == counts["edges"] == counts["tasks"] and recount_due(g.store) == []
        # and it takes later writes as any store does
        more = corpus.make_corpus(45, seed=3)[40:]
        assert g.ingest(more).new == [r["source"]["path"] for r in more]


def test_a_failed_bulk_load_falls_back_to_the_batches(tmp_path, stream, monkeypatch):
    batches, rb = _load(tmp_path, "batches", stream, batch=50, bulk=False)

    def refuse(self, table, files, pair=None, *, recipe=None):
        raise bulk_error

    from kg.errors import StoreError

    bulk_error = StoreError("Copy exception: Found duplicated primary key value x")
    monkeypatch.setattr(LadybugStore, "copy_files", refuse)
    loaded, rl = _load(tmp_path, "bulk", stream, batch=50, bulk=True)
    assert rl.loader == "batches (bulk: StoreError: Copy exception: Found duplicated primary key value x)"
    assert loaded == batches and _said(rl) == _said(rb)
    assert not (tmp_path / "bulk" / "graph.lbug.bulk").exists()


def test_the_bulk_loader_is_used_only_for_a_first_load_of_many_records(tmp_path, stream, monkeypatch):
    monkeypatch.setattr(bulk, "BULK_MIN", 30)
    few, many = stream[:29], stream[:30]
    assert _load(tmp_path, "few", few)[1].loader == "batches"  # the default: bulk when at least BULK_MIN
    assert _load(tmp_path, "many", many)[1].loader == "bulk"
    store = tmp_path / "held" / "graph.lbug"
    with KnowledgeGraph.open(store) as g:
        assert g.ingest(stream[:3]).loader == "batches"
        assert g.ingest(stream[3:40], bulk=True).loader == "batches"  # the store holds notices: never
    with KnowledgeGraph.open(":memory:") as g:
        assert g.ingest(many, bulk=True).loader == "batches"  # in memory: no file to copy into
    with KnowledgeGraph.open(tmp_path / "off" / "graph.lbug") as g:
        assert g.ingest(many, bulk=False).loader == "batches"


def test_what_a_crashed_bulk_load_left_is_cleared(tmp_path, stream):
    store = tmp_path / "s" / "graph.lbug"
    left = bulk.bulk_folder(store)
    left.mkdir(parents=True)
    (left / "records.jsonl").write_text("{half a record", encoding="utf-8")
    (left / "graph.lbug").write_bytes(b"LBUG half a database")
    with KnowledgeGraph.open(store) as g:
        rep = g.ingest(stream[:5], bulk=True)
        assert rep.loader == "bulk" and len(rep.new) == 5
    assert not left.exists()


def test_copy_file_keeps_every_value(tmp_path):
    """Texts with quotes, commas, line breaks and backslashes, '' apart from NULL, numbers as text, dates, lists,
    booleans and doubles come back as they went in."""
    from kg.store.ladybug_store import CopyFile

    s = LadybugStore(tmp_path / "c.lbug")
    s.ensure_schema({"nodes": {"N": {"key": "key", "props": {"key": "STRING", "name": "STRING", "n": "INT64", "d": "DATE",
                                                               "tags": "STRING[]", "ok": "BOOLEAN", "x": "DOUBLE"}}},
                     "rels": {"R": {"pairs": [["N", "N"]], "props": {"role": "STRING"}}}})
    rows = [{"key": "02", "name": 'a "b", c\nd\\e\r\n', "n": 2 ** 40, "d": "2026-06-10", "tags": ["x, y", 'z"'],
             "ok": True, "x": 0.25},
            {"key": "b", "name": "", "n": 0, "d": None, "tags": [], "ok": False, "x": 3},
            {"key": "c", "name": None, "n": None, "d": None, "tags": None, "ok": None, "x": None}]
    cf = CopyFile(tmp_path / "n.csv", s.columns_of("N"))
    cf.add(rows)
    cf.close()
    ef = CopyFile(tmp_path / "r.csv", {"a": "STRING", "b": "STRING", **s.columns_of("R")})
    ef.add([{"a": "02", "b": "c", "role": "lead"}, {"a": "b", "b": "02", "role": None}])
    ef.close()
    with s.transaction():
        assert s.copy_files("N", [cf]) == 3 and s.copy_files("R", [ef], ("N", "N")) == 2
    got = s.run("MATCH (n:N) RETURN n.key AS key, n.name AS name, n.n AS n, n.d AS d, n.tags AS tags, n.ok AS ok, "
                "n.x AS x ORDER BY n.key")
    import datetime as dt

    assert got == [{**rows[0], "d": dt.date(2026, 6, 10)}, {**rows[1], "x": 3.0}, {**rows[2], "tags": []}]
    assert s.run("MATCH (a:N)-[r:R]->(b:N) RETURN a.key AS a, b.key AS b, r.role AS role ORDER BY a.key") == \
        [{"a": "02", "b": "c", "role": "lead"}, {"a": "b", "b": "02", "role": None}]
    s.close()


def test_kg_ingest_says_a_first_load_went_through_the_bulk_loader(tmp_path, runner, monkeypatch):
    from kg.cli import main

    monkeypatch.setattr(bulk, "BULK_MIN", 3)
    store = tmp_path / "s" / "graph.lbug"
    result = runner.invoke(main, ["ingest", str(FIX / "notices"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "Mới: 5, cập nhật: 0, không đổi: 0, lỗi: 0"
    assert "Nạp lần đầu bằng bộ nạp khối của kho (COPY): toàn bộ được ghi một lần ở cuối" in result.stderr
    again = runner.invoke(main, ["ingest", str(FIX / "notices"), "--store", str(store)])
    assert again.stdout.strip().splitlines()[-1] == "Mới: 0, cập nhật: 0, không đổi: 5, lỗi: 0"
    assert "bộ nạp khối" not in again.stderr  # the store holds them: the batches' way (nothing to write)
