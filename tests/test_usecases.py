"""One use-case suite over every available store: the same scenario (tests/usecases.py) must give the same
answers, value for value, on each.

Stores: ``embedded`` (always), ``neo4j-fake`` (the Neo4j adapter on tests/neo4j_fake.py: every code path of
the adapter, the engine underneath being the embedded one) and ``neo4j`` (marker ``neo4j``): a live Neo4j 5
server at ``$NEO4J_URI`` with ``$NEO4J_USER`` / ``$NEO4J_PASSWORD`` (and ``$NEO4J_DATABASE``), skipped when
``NEO4J_URI`` is not set. **The live run deletes everything in that database first**: point it at a
throwaway one (docker-compose.neo4j.yml starts one).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import NOTICE_PATHS
from kg.graph import KnowledgeGraph
from loaders.extract import extract_path
from usecases import counts, scenario

LIVE = os.environ.get("NEO4J_URI")


@pytest.fixture(scope="module")
def records():
    return [extract_path(p) for p in NOTICE_PATHS]


def open_graph(kind: str, tmp_path: Path) -> KnowledgeGraph:
    if kind == "embedded":
        return KnowledgeGraph.open(tmp_path / "graph.lbug")
    pytest.importorskip("neo4j")
    if kind == "neo4j-fake":
        from neo4j_fake import FakeServer

        return KnowledgeGraph.open("neo4j://fake:7687", driver=FakeServer().driver(), removed_dir=tmp_path / "removed")
    if not LIVE:
        pytest.skip("NEO4J_URI is not set (a Neo4j 5 server to run the live suite against)")
    from kg.store.neo4j_store import Neo4jStore

    store = Neo4jStore(LIVE, retry_delay=0.05, removed_dir=tmp_path / "removed")
    store.run("MATCH (n) DETACH DELETE n")  # a throwaway database: see the module docstring
    return KnowledgeGraph(store)


@pytest.fixture(scope="module")
def reference(records, tmp_path_factory):
    kg = open_graph("embedded", tmp_path_factory.mktemp("reference"))
    try:
        return scenario(kg, records)
    finally:
        kg.close()


STORES = ["embedded", "neo4j-fake", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def test_the_reference_answers_are_the_expected_ones(reference, records):
    """Exact outcomes on the embedded store, so that 'equal to the reference' means something."""
    new, updated, unchanged, failed = reference["ingest"]
    assert (len(new), updated, unchanged, failed) == (5, [], [], [])
    c = reference["counts"]
    assert (c["Notice"], c["Task"], c["Document"], c["Agency"], c["Meeting"]) == (5, 133, 31, 54, 5)
    st = reference["questions"]["stats"]
    assert (st["notices"], st["tasks"], st["documents"], st["agencies"], st["people"]) == (5, 133, 31, 54, 10)
    # re-ingest twice: nothing new, identical node and relationship counts
    assert reference["re-ingest twice"] == [((0, 0, 5), c), ((0, 0, 5), c)]
    updated, new, after, _ = reference["replace"]
    assert (updated, new) == ([records[0]["source"]["path"]], [])
    assert after["Task"] == c["Task"] - 1 and after["Notice"] == 5
    removed_counts, removed_stats, _, saved = reference["remove"]
    assert removed_counts["Notice"] == 4 and removed_stats["notices"] == 4
    assert saved[1] == records[0]["source"]["path"]
    key, restored, _ = reference["restore"]
    assert key == saved[0] and restored == after
    q = reference["questions"]
    assert len(q["trace 02/2026"]["tasks"]) > 0 and len(q["workload Sở Nội vụ"]["tasks"]) > 0
    assert len(q["deadlines"]) == 20 and all(isinstance(t["deadline_end"], type(None)) or
                                             t["deadline_end"].__class__.__name__ == "date" for t in q["deadlines"])


@pytest.mark.parametrize("kind", STORES)
def test_every_store_gives_the_same_answers(kind, records, reference, tmp_path):
    kg = open_graph(kind, tmp_path)
    try:
        got = scenario(kg, records)
    finally:
        kg.close()
    for part in reference:  # part by part first, for a readable failure
        if part == "questions":
            for name in reference[part]:
                assert got[part][name] == reference[part][name], f"{kind}: {name}"
        else:
            assert got[part] == reference[part], f"{kind}: {part}"
    assert got == reference


@pytest.mark.neo4j
def test_live_workload_starts_from_an_index(tmp_path):
    """On the server itself: the workload question seeks the agency by its key's index, no scan of all nodes."""
    kg = open_graph("neo4j", tmp_path)
    try:
        text, params = kg.recipes.bind("workload", org_keys=["agency:x"], as_of="2026-06-01", soon="2026-06-08")
        ops = kg.store.plan(text, params)
        assert "AllNodesScan" not in ops
        assert any(op in ("NodeUniqueIndexSeek", "NodeIndexSeek") for op in ops), ops
    finally:
        kg.close()


def _cli(runner, args, store, env=None):
    from kg.cli import main

    res = runner.invoke(main, [*args, "--store", str(store)], env=env or {})
    assert res.exit_code == 0, (args, res.stdout, res.stderr)
    return res.stdout


CLI_RUNS = [["trace", "Nghị quyết 02/2026"], ["trace", "226-KL/TW", "--json"],
            ["workload", "Sở Y tế", "--as-of", "2026-06-01"], ["workload", "Sở Nội vụ", "--as-of", "2026-06-01", "--csv"],
            ["deadlines", "--as-of", "2026-06-01"], ["stats"], ["show", "doc", "141/KH-UBND"],
            ["show", "agency", "Sở Y tế"], ["show", "leader", "Trần Thanh Nhân"]]


@pytest.mark.parametrize("kind", ["neo4j-fake", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_the_cli_prints_the_same_rows(kind, runner, tmp_path, monkeypatch):
    """kg ingest / trace / workload / deadlines / show / stats print the same on a Neo4j store as on the embedded one."""
    neo4j = pytest.importorskip("neo4j")
    notices = str(Path(NOTICE_PATHS[0]).parent)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    if kind == "neo4j-fake":
        from neo4j_fake import FakeServer

        server = FakeServer()
        monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda uri, auth=None, **kw: server.driver())
        monkeypatch.setenv("NEO4J_PASSWORD", "test")
        uri = "neo4j://localhost:7687"
    else:
        if not LIVE:
            pytest.skip("NEO4J_URI is not set")
        open_graph("neo4j", tmp_path).close()  # empties the throwaway database
        uri = LIVE
    emb = tmp_path / "g.lbug"
    strip = re.compile(r"(?m)^Đang (trích xuất|nạp).*$\n?")  # progress bars go to stderr; stdout compared whole
    assert _cli(runner, ["ingest", notices], emb) == _cli(runner, ["ingest", notices], uri)
    for args in CLI_RUNS:
        assert strip.sub("", _cli(runner, args, uri)) == strip.sub("", _cli(runner, args, emb)), args
    # the second ingest changes nothing on either
    assert _cli(runner, ["ingest", notices], uri) == _cli(runner, ["ingest", notices], emb) == \
        "Mới: 0, cập nhật: 0, không đổi: 5, lỗi: 0\n"
