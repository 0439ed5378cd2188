"""The portability guard: every recipe, and every statement the Neo4j store sends, passes Neo4j's own
Cypher front end (tests/cypher_guard/guard.cjs, Cypher 5, the functions and procedures of a plain Neo4j 5).

Marked ``node``: it needs Node.js and ``npm ci`` in tests/cypher_guard (``.ci/run`` does both) and is
skipped, saying why, when either is missing. That each recipe also runs on the embedded store is
tests/test_graph.py::test_every_recipe_runs_on_the_embedded_store; the statements below are collected
while the whole use-case scenario runs through the Neo4j store (on the fake driver), so they are the
ones it really sends.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.model import LOOKUPS, SCHEMA, store_spec
from kg.recipes import Registry
from kg.store.format import META_SPEC

ROOT = Path(__file__).resolve().parent.parent
GUARD = ROOT / "tests" / "cypher_guard"

pytestmark = pytest.mark.node


def _why_not() -> str | None:
    if shutil.which("node") is None:
        return "Node.js is not installed (the guard runs Neo4j's Cypher front end in Node)"
    if not (GUARD / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        return "the guard's npm package is not installed: run 'npm ci' in tests/cypher_guard (.ci/run does)"
    return None


@pytest.fixture(scope="module", autouse=True)
def _guard_available():
    why = _why_not()
    if why:
        pytest.skip(why)


def model_schema() -> dict:
    spec = store_spec()  # the graph's labels and types and the lookup tables' (kg.model.LOOKUPS)
    labels = sorted([*spec["nodes"], *META_SPEC["nodes"]])
    props = {p for n in spec["nodes"].values() for p in n["props"]} | {
        p for r in SCHEMA["rels"].values() for p in r["props"]} | {"format", "engine", "created"}
    return {"labels": labels, "relationshipTypes": sorted(spec["rels"]), "propertyKeys": sorted(props)}


def guard(statements: list[dict]) -> tuple[int, list[dict]]:
    """Run the guard on ``statements`` (name, text, params); (exit code, statements with problems)."""
    payload = json.dumps({"schema": model_schema(), "statements": statements}, ensure_ascii=False)
    r = subprocess.run(["node", str(GUARD / "guard.cjs")], input=payload, capture_output=True, text=True,
                       timeout=600, cwd=GUARD)
    assert r.returncode in (0, 1), r.stderr
    return r.returncode, json.loads(r.stdout)


def recipe_statements(directory=None) -> list[dict]:
    return [{"name": f"recipe {r.name} ({r.path})", "text": r.text, "params": list(r.params)}
            for r in Registry.load(directory)]


@pytest.fixture(scope="module")
def sent_statements() -> list[dict]:
    """Every distinct statement the Neo4j store sends over the whole use-case scenario, with its parameters."""
    pytest.importorskip("neo4j")
    import tempfile

    from loaders.extract import extract_path

    from conftest import NOTICE_PATHS
    from kg.graph import KnowledgeGraph
    from neo4j_fake import FakeServer
    from usecases import scenario

    server = FakeServer()
    with tempfile.TemporaryDirectory() as tmp:
        kg = KnowledgeGraph.open("neo4j://fake:7687", driver=server.driver(), removed_dir=Path(tmp) / "removed")
        try:
            scenario(kg, [extract_path(p) for p in NOTICE_PATHS])
            from kg.transfer import copy_graph

            embedded = KnowledgeGraph.open(None)
            try:  # kg store copy from Neo4j: its paged reads
                copy_graph(kg, embedded, batch=100)
            finally:
                embedded.close()
            import datetime as dt

            from kg import rdf

            # kg export rdf from Neo4j: the whole graph, a selection, and a hub's edges a range of notices at a time
            for sel in (None, rdf.Selection(province="Lạng Sơn", since=dt.date(2026, 1, 1))):
                for _ in rdf.triples(kg, selection=sel):
                    pass
            for _ in rdf.edge_pages(kg, "MENTIONED_IN", "Agency", "Notice", budget=2):
                pass
        finally:
            kg.close()
    seen: dict[str, set] = {}
    for text, params in server.sent:
        seen.setdefault(text, set()).update(params)
    return [{"name": f"sent #{i}", "text": t, "params": sorted(p)} for i, (t, p) in enumerate(seen.items())]


def test_the_store_sends_writes_constraints_and_indexes(sent_statements):
    texts = [s["text"] for s in sent_statements]
    assert sum(t.startswith("CREATE CONSTRAINT") for t in texts) == len(SCHEMA["nodes"]) + len(LOOKUPS) + 2  # + DUE's, Meta
    # name_key ×4, number_key, Task id, notice, deadline_end and order_key, Meeting notice, JournalEntry target and
    # doc_id; a notice per edge type
    assert sum(t.startswith("CREATE INDEX") for t in texts) == 12 + len(SCHEMA["rels"])
    assert sum(t.startswith("UNWIND $rows AS row") for t in texts) >= 30  # node and edge writes
    assert any(" DETACH DELETE n" in t for t in texts) and any(t.startswith("SHOW INDEXES") for t in texts)
    assert not any("show_tables" in t or "TABLE" in t for t in texts)


def test_every_recipe_and_every_statement_sent_passes_neo4j(sent_statements):
    code, failed = guard(recipe_statements() + sent_statements)
    assert failed == [] and code == 0


def test_the_migration_statements_of_a_server_store_pass_neo4j():
    from kg.store.format import SERVER_DROP_EDGE_PROPS

    statements = [{"name": f"format 9 {t}", "text": SERVER_DROP_EDGE_PROPS.format(rtype=t), "params": []}
                  for t in SCHEMA["rels"]]
    code, failed = guard(statements)
    assert failed == [] and code == 0 and len(statements) == len(SCHEMA["rels"])


def test_the_guard_fails_on_embedded_only_constructs(tmp_path):
    for name, text in [
        ("tables.cypher", "// name: tables\n// description: d\nCALL show_tables() RETURN name, type\n"),
        ("ddl.cypher", "// name: ddl\n// description: d\nCREATE NODE TABLE IF NOT EXISTS `Agency`(`key` STRING, "
                       "PRIMARY KEY(`key`))\n"),
        ("fn.cypher", "// name: fn\n// description: d\n// param: xs LIST\nRETURN list_concat($xs, [1]) AS l\n"),
    ]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, failed = guard(recipe_statements(tmp_path))
    assert code == 1
    by = {f["name"].split()[1]: [p["message"] for p in f["problems"]] for f in failed}
    assert by["tables"] == ["Procedure show_tables is not present in the database. Make sure you didn't misspell it "
                            "or that it is available when you run this statement in your application"]
    assert by["ddl"] == ["Invalid input 'TABLE': expected a graph pattern"]
    assert any(m.startswith("Function list_concat is not present") for m in by["fn"])


def test_the_guard_fails_on_a_wrong_variable_or_label(tmp_path):
    (tmp_path / "a.cypher").write_text("// name: a\n// description: d\nMATCH (t:Tsk) RETURN x.key AS k\n", encoding="utf-8")
    code, failed = guard(recipe_statements(tmp_path))
    assert code == 1
    messages = [p["message"] for p in failed[0]["problems"]]
    assert "Variable `x` not defined" in messages and any(m.startswith("Label Tsk is not present") for m in messages)
