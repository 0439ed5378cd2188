"""The lookup tables of store format 6 (kg/lookups.py, declared in kg.model.LOOKUPS): a task found by its public id and
a document by its number as typed, through a node keyed by that value instead of a scan of Task.id or
Document.number_key. The lookups return the rows the scans return, stay in step with the tasks and documents through
ingest, update, removal, restore and the journal, and a store of format 4 is migrated to them (a reader of one is
answered through the scans)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import sample_store
from kg.graph import Ambiguous, KnowledgeGraph, NotFound
from kg.journal import Entry, Journal
from kg.model import LOOKUPS, lookup_values
from kg.resolve import number_key
from loaders.extract import extract_path

pytest.importorskip("ladybug")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def lookup_edges(kg: KnowledgeGraph) -> set[tuple[str, str, str]]:
    """(lookup, node key, lookup key) of every lookup edge; every lookup node must have one."""
    out = set()
    for label, spec in LOOKUPS.items():
        out |= {(label, r["a"], r["b"]) for r in kg.store.run(
            f"MATCH (a:{spec['of']})-[:{spec['rel']}]->(x:{label}) RETURN a.key AS a, x.key AS b")}
        nodes = {r["k"] for r in kg.store.run(f"MATCH (x:{label}) RETURN x.key AS k")}
        assert nodes == {b for lk, _, b in out if lk == label}, f"{label}: lookup nodes nothing links to"
    return out


def expected_edges(kg: KnowledgeGraph) -> set[tuple[str, str, str]]:
    """What the lookups should hold: the values of kg.model.lookup_values over the tasks and documents held."""
    out = set()
    for label, spec in LOOKUPS.items():
        for r in kg.store.run(f"MATCH (n:{spec['of']}) RETURN n.key AS key, n.{spec['by']} AS {spec['by']}"):
            out |= {(label, r["key"], v) for v in lookup_values(label, r)}
    return out


def same_answers(kg: KnowledgeGraph) -> int:
    """Every task id and every typed form of every document number (each prefix ending at a separator, the number
    itself, with and without its type) answered by the lookups as by the scans they replace; returns the checks."""
    assert kg.by_lookup
    n = 0
    for tid in sorted({r["id"] for r in kg.store.run("MATCH (t:Task) RETURN t.id AS id")}):
        assert kg.q("find_tasks_by_lookup", task_id=tid) == kg.q("find_tasks", task_id=tid) != []
        n += 1
    docs = kg.store.run("MATCH (d:Document) RETURN d.number AS number, d.type AS type")
    typed = sorted({p for d in docs for p in lookup_values("NumberLookup", {"number_key": number_key(d["number"])})}
                   | {f"{d['type']} {number_key(d['number'])}" for d in docs if d["type"]})
    for text in typed:
        answers = []
        for by_lookup in (True, False):
            kg.by_lookup = by_lookup
            try:
                answers.append(kg.resolve_documents(text))
            except NotFound as e:
                answers.append(str(e))
        kg.by_lookup = True
        assert answers[0] == answers[1], text
        n += 1
    return n


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return sample_store.build(tmp_path_factory.mktemp("lookups") / "g.lbug")


def test_lookups_answer_as_the_scans_on_the_sample_notices(store):
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert lookup_edges(kg) == expected_edges(kg)
        assert len([e for e in expected_edges(kg) if e[0] == "TaskIdLookup"]) == 133
        assert same_answers(kg) > 200
        dq, hits = kg.resolve_documents("Kế hoạch 141")
        assert dq.number == "141" and [h["number"] for h in hits] == ["141/KH-UBND"]
        assert kg.task("nv-cc6bc9")["id"] == "NV-cc6bc9"


def test_lookups_follow_ingest_update_removal_and_restore_on_a_generated_store(tmp_path):
    import corpus

    recs = corpus.make_corpus(40, seed=3)
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest(recs, batch=15)
        assert lookup_edges(kg) == expected_edges(kg)
        assert same_answers(kg) > 1000
        changed = [corpus.changed(r, i) for i, r in enumerate(recs[5:25:4])]  # new content, the last task dropped
        rep = kg.ingest(changed, batch=500)
        assert len(rep.updated) == 5 and not rep.failed
        assert lookup_edges(kg) == expected_edges(kg)
        gone = [kg.remove(r["source"]["path"]) for r in recs[26:40:3]]
        assert lookup_edges(kg) == expected_edges(kg)
        after_removal = expected_edges(kg)
        kg.restore_removed(gone[0].key)
        assert lookup_edges(kg) == expected_edges(kg) and len(expected_edges(kg)) > len(after_removal)
        assert same_answers(kg) > 1000
    with KnowledgeGraph.open(":memory:") as fresh:  # the same lookups as a store that only ever held those notices
        fresh.ingest([r for r in recs if r not in recs[5:25:4] and r not in recs[29:40:3]] + changed, batch=500)
        fresh_edges = expected_edges(fresh)
        assert lookup_edges(fresh) == fresh_edges
    with KnowledgeGraph.open(tmp_path / "g.lbug", read_only=True) as kg:
        assert lookup_edges(kg) == fresh_edges


def test_a_task_added_or_dropped_by_the_journal_is_looked_up_as_it_is(tmp_path):
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest([extract_path(ROOT / "tests/fixtures/notices/000_e9c322011b9ab118.txt")])
        doc_id = kg.notices()[0]["doc_id"]
        journal = Journal(kg)
        journal.append([Entry("e1", "2026-06-01T08:00:00", "lan", "add-task", doc_id, doc_id,
                              {"id": "NV-aaaaaa", "text": "Rà soát hồ sơ", "lead": ["Sở Y tế"]}),
                        Entry("e2", "2026-06-01T08:01:00", "lan", "not-a-task", "NV-cc6bc9", doc_id, {})])
        assert kg.task("NV-aaaaaa")["text"] == "Rà soát hồ sơ"
        with pytest.raises(NotFound):
            kg.task("NV-cc6bc9")
        assert lookup_edges(kg) == expected_edges(kg)
        assert ("TaskIdLookup", "NV-cc6bc9") not in {(e[0], e[2]) for e in lookup_edges(kg)}


def test_a_store_of_format_4_is_read_through_the_scans_and_migrated_to_the_lookups(tmp_path):
    from kg.store.format import FORMAT_VERSION
    from kg.store.maintenance import doctor

    store = sample_store.build(tmp_path / "g.lbug")
    with KnowledgeGraph.open(store, read_only=True) as kg:
        made = expected_edges(kg)
        tasks = {r["id"]: kg.task(r["id"]) for r in kg.store.run("MATCH (t:Task) RETURN t.id AS id ORDER BY id LIMIT 30")}
        docs = {r["number"]: kg.resolve_documents(r["number"]) for r in kg.store.run(
            "MATCH (d:Document) RETURN d.number AS number ORDER BY number LIMIT 30")}
    sample_store.older_format(store, 5)
    with KnowledgeGraph.open(store, read_only=True) as kg:  # a reader does not migrate: the scans answer the same
        assert kg.format.format == 5 and not kg.by_lookup
        assert {i: kg.task(i) for i in tasks} == tasks and {n: kg.resolve_documents(n) for n in docs} == docs
    with KnowledgeGraph.open(store) as kg:
        assert [n.message for n in kg.store_notices] == [f"{store}: đã nâng định dạng kho từ 5 lên {FORMAT_VERSION}"]
        assert kg.by_lookup and lookup_edges(kg) == expected_edges(kg) == made
        assert {i: kg.task(i) for i in tasks} == tasks and {n: kg.resolve_documents(n) for n in docs} == docs
    assert doctor(store).ok


def test_a_store_without_lookup_tables_is_asked_through_the_properties(monkeypatch):
    """A store whose key_lookups is false (Neo4j: range indexes) writes no lookup and answers through the scans."""
    from kg.store.ladybug_store import LadybugStore

    monkeypatch.setattr(LadybugStore, "key_lookups", False)
    with KnowledgeGraph.open(":memory:") as kg:
        kg.ingest([extract_path(p) for p in sorted((ROOT / "tests/fixtures/notices").glob("*.txt"))])
        assert not kg.by_lookup and lookup_edges(kg) == set()
        assert kg.task("NV-cc6bc9")["id"] == "NV-cc6bc9"
        assert [d["number"] for d in kg.document("141/KH-UBND")] == ["141/KH-UBND"]
