"""The write path of ingest gives the graph the MERGE statements gave, whatever the batching, and a removal
or an update leaves the graph the scanning statements left.

Since ingest stopped merging shared nodes (a MERGE scans its whole table: the rate fell as the store grew),
shared nodes are looked up by key, created when new and completed when held, a notice's facts are removed from
the notice itself, and misspelling links are recomputed in the scopes touched. These tests compare every node
and edge with all its properties (``dump``) against the old statements (``node_write``'s MERGE, misspellings
over the whole store) and across batch sizes, on the sample notices, the shared extra texts, follow-ups and an
implementing plan.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("ladybug")

from kg.days import rebuild_days  # noqa: E402
from kg.graph import SHARED, KnowledgeGraph, Touched, node_write  # noqa: E402
from kg.model import LOOKUPS, SCHEMA  # noqa: E402
from loaders.extract import extract_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["notices", "extra13/texts", "followups", "implements"]


@pytest.fixture(scope="module")
def records():
    paths = sorted(p for d in FOLDERS for p in (ROOT / "tests" / "fixtures" / d).glob("*.txt"))
    return [extract_path(p) for p in paths]


def dump(kg: KnowledgeGraph) -> list[str]:
    """Every node and relationship with all its properties, as sorted JSON lines."""
    out = []
    for t in kg.store.run("CALL show_tables() RETURN name, type"):
        name = t["name"]
        if name == "Meta":
            continue
        if t["type"] == "NODE":
            for r in kg.store.run(f"MATCH (n:`{name}`) RETURN n"):
                out.append(json.dumps([name, {k: v for k, v in r["n"].items() if not k.startswith("_")}],
                                      sort_keys=True, default=str, ensure_ascii=False))
        else:
            for r in kg.store.run(f"MATCH (a)-[r:`{name}`]->(b) RETURN a.key AS a, b.key AS b, r"):
                out.append(json.dumps([name, r["a"], r["b"], {k: v for k, v in r["r"].items() if not k.startswith("_")}],
                                      sort_keys=True, default=str, ensure_ascii=False))
    return sorted(out)


def ingest(records, batch: int) -> list[str]:
    with KnowledgeGraph.open(":memory:") as kg:
        rep = kg.ingest(records, batch=batch)
        assert not rep.failed
        return dump(kg)


def test_the_graph_written_equals_the_merge_statements_at_any_batch_size(records, monkeypatch):
    fresh = ingest(records, 500)  # every shared node new: created
    one_by_one = ingest(records, 1)  # most shared nodes held by an earlier batch: completed
    assert len(records) == 22 and len(fresh) > 2800
    assert any(line.startswith('["EXTENDS"') for line in fresh) and any('"IMPLEMENTS"' in line for line in fresh)
    assert one_by_one == fresh

    # the old write: one MERGE per shared label (ON MATCH: coalesce, the richest document attributes), and
    # misspelling links recomputed over every agency of the store after each batch
    def merge_shared(self, label, rows):  # (returns the rows of the nodes it made, as _write_shared does)
        held = {r["key"] for r in self.store.run(f"MATCH (n:`{label}`) WHERE n.key IN $keys RETURN n.key AS key",
                                                 {"keys": [r["key"] for r in rows]})}
        self.store.execute_many(node_write(label), rows, dedupe_by="key", recipe=f"merge {label}")
        return [r for r in rows if r["key"] not in held]

    real_links = KnowledgeGraph._link_misspellings
    monkeypatch.setattr(KnowledgeGraph, "_write_shared", merge_shared)
    monkeypatch.setattr(KnowledgeGraph, "_link_misspellings", lambda self, scopes=None: real_links(self, None))
    assert ingest(records, 1) == fresh
    assert ingest(records, 500) == fresh


def remove_by_scan(self, keys):
    """The removal ingest used before: every relationship table scanned for the notices' edges, every shared
    table for nodes nobody mentions."""
    docs = {r["key"] for r in self.store.run(
        "MATCH (n:Notice)-[:CITES|IS_DOCUMENT]->(d:Document) WHERE n.key IN $keys RETURN DISTINCT d.key AS key",
        {"keys": keys})}
    for rtype in SCHEMA["rels"]:
        self.store.run(f"MATCH ()-[r:`{rtype}`]->() WHERE r.notice IN $keys DELETE r", {"keys": keys})
    for label in ("Task", "Meeting"):
        self.store.run(f"MATCH (n:`{label}`) WHERE n.notice IN $keys DETACH DELETE n", {"keys": keys})
    self.store.run("MATCH (n:Notice) WHERE n.key IN $keys DETACH DELETE n", {"keys": keys})
    for label in SHARED:
        self.store.run(f"MATCH (n:`{label}`) WHERE NOT EXISTS {{ MATCH (n)-[:MENTIONED_IN]->(:Notice) }} "
                       f"DETACH DELETE n", {})
    for label, lookup in LOOKUPS.items():  # lookup nodes nothing links to any more
        self.store.run(f"MATCH (x:`{label}`) WHERE NOT EXISTS {{ MATCH (x)<-[:`{lookup['rel']}`]-() }} DELETE x", {})
    rebuild_days(self.store)  # the DeadlineDay groups recounted from every task
    return Touched(docs, set())


def remove_some(records) -> list[str]:
    with KnowledgeGraph.open(":memory:") as kg:
        kg.ingest(records, batch=7)
        agencies = kg.store.run("MATCH (a:Agency) RETURN count(a) AS n")[0]["n"]
        for i, r in enumerate(records):
            if i % 4 == 1:
                kg.remove(r["source"]["path"])
        assert len(kg.notices()) == len(records) - len(records[1::4])
        assert kg.store.run("MATCH (a:Agency) RETURN count(a) AS n")[0]["n"] < agencies  # only they mentioned some
        return dump(kg)


def test_removing_notices_equals_the_removal_that_scanned_every_table(records, monkeypatch):
    targeted = remove_some(records)
    real_links = KnowledgeGraph._link_misspellings
    monkeypatch.setattr(KnowledgeGraph, "_remove", remove_by_scan)
    monkeypatch.setattr(KnowledgeGraph, "_link_misspellings", lambda self, scopes=None: real_links(self, None))
    assert remove_some(records) == targeted


def test_an_update_removes_only_its_own_facts(records):
    """Files changed at their paths in one batch: the graph equals an ingest of the new versions."""
    changed = []
    for i, r in enumerate(records):
        if i % 3 == 0:
            r = json.loads(json.dumps(r))
            r["source"]["sha256"] = ("f" * 8) + r["source"]["sha256"][8:]  # other bytes, same text read
            r["source"]["fingerprint"] = None
        changed.append(r)
    with KnowledgeGraph.open(":memory:") as kg:
        kg.ingest(records, batch=500)
        rep = kg.ingest(changed, batch=500)
        assert len(rep.updated) == 8 and not rep.failed
        after = dump(kg)
    assert after == ingest(changed, 500)
