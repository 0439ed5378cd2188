"""The buckets of store format 8 (kg/days.py, declared in kg.model.ASSIGNED_DUE): every ASSIGNED_TO edge holds the
bucket of its task (its deadline's day, then a span of its notice's dates), what ``workload`` counts an agency's tasks
by and pages through. Every edge's bucket equals the one computed from its task after ingest, re-ingest, update,
removal, restore, every journal correction, a later document's extension, a store copy and the migration (which
computes them in the store: the same numbers as kg.model.assigned_due); ``workload`` answered from them equals the
answer of the sorts it replaces, whole and page by page; a store of format 7 is answered through the sorts when read
and migrated when opened for writing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import sample_store
from conftest import NOTICES_DIR
from kg.days import rebuild_due, recount_due
from kg.follow import add_task, fix, mark_done
from kg.graph import KnowledgeGraph
from kg.model import assigned_due
from loaders.extract import extract_path

pytest.importorskip("ladybug")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

AS_OF = dt.date(2026, 6, 1)
ROLES = [("lead", "support"), ("lead",), ("support",)]


def agencies(kg: KnowledgeGraph, k: int | None = None) -> list[str]:
    """Keys of the bodies tasks are assigned to, the most assigned first (``k`` of them)."""
    rows = kg.store.run("MATCH (t:Task)-[:ASSIGNED_TO]->(o) RETURN o.key AS key, count(t) AS n ORDER BY n DESC, key")
    return [r["key"] for r in rows][:k]


def listing(kg: KnowledgeGraph, keys: list[str], roles, offset: int = 0, limit: int | None = None) -> tuple:
    """(total, rows) of the workload of ``keys`` as ``workload`` lists it (its private rows: the same path)."""
    roles = sorted(roles)
    buckets = kg._workload_buckets(keys, roles)
    total = kg._workload_total(keys, roles, buckets)
    rows = kg._workload_rows(keys, roles, offset, limit, total, buckets)
    return total, [(r["task"], r["role"], r["assigned_key"], r["assigned_as"], r["deadline_end"]) for r in rows]


def in_step(kg: KnowledgeGraph, k: int | None = 12, sizes=(1, 3, 10), paged: int | None = 4) -> int:
    """Every edge's bucket is its task's, and the workload of ``k`` agencies from the buckets equals the sorts'
    answer, whole, and for the ``paged`` most assigned of them page by page: every page of each of ``sizes`` equals
    its slice of the whole (of pages of one, every seventh and the last); returns the rows compared."""
    assert kg.by_due
    assert recount_due(kg.store) == []
    n = 0
    for rank, key in enumerate(agencies(kg, k)):
        keys = kg.assignee_keys([key])
        for roles in ROLES:
            kg.by_due = False
            want = listing(kg, keys, roles)
            kg.by_due = True
            assert listing(kg, keys, roles) == want, (key, roles)
            for size in sizes if paged is None or rank < paged else ():
                offsets = range(0, want[0] + size, size)
                if size == 1:  # every seventh row and the last two: a page of one never spans two buckets
                    offsets = sorted({*offsets[::7], *offsets[-3:]})
                for offset in offsets:
                    total, rows = listing(kg, keys, roles, offset, size)
                    assert total == want[0]
                    assert rows == want[1][offset:offset + size], (key, roles, size, offset)
            n += want[0]
    return n


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return sample_store.build(tmp_path_factory.mktemp("due") / "g.lbug")


def test_the_sample_notices_buckets_are_their_tasks_and_pages_equal_the_sorts(store):
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert in_step(kg, None, sizes=(1, 2, 7), paged=None) == 508  # (lead and support, then each role)
        got = kg.workload("UBND xã Chi Lăng", as_of=AS_OF, limit=5, offset=3)
        kg.by_due = False
        assert kg.workload("UBND xã Chi Lăng", as_of=AS_OF, limit=5, offset=3) == got
        assert got["total"] == 19 and len(got["tasks"]) == 5


def test_a_page_reads_the_buckets_it_spans_not_the_whole_list(store, monkeypatch):
    with KnowledgeGraph.open(store, read_only=True) as kg:
        calls = []
        orig = kg.q
        monkeypatch.setattr(kg, "q", lambda name, **p: calls.append((name, p)) or orig(name, **p))
        kg.workload("UBND xã Chi Lăng", as_of=AS_OF, limit=2, offset=4)
        names = [c[0] for c in calls]
        assert "workload_page" not in names and "workload_count" not in names
        assert names.count("workload_due") == 1 and names.count("workload_window") == 1
        keys = kg.assignee_keys([o["key"] for o in kg.orgs("UBND xã Chi Lăng")])
        buckets = kg._workload_buckets(keys, ["lead", "support"])
        window = dict(calls[names.index("workload_window")][1])
        spanned = [b for b, _ in buckets if window["first_due"] <= b <= window["last_due"]]
        assert 1 <= len(spanned) < len(buckets)
        assert sum(n for b, n in buckets if b < window["first_due"]) + window["offset"] == 4


def test_buckets_follow_ingest_update_removal_restore_journal_and_extensions(tmp_path):
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        recs = sample_store.walk_writes(kg, in_step)
        assert in_step(kg) > 100
        dated = kg.store.run("MATCH (t:Task)-[:ASSIGNED_TO]->() WHERE t.deadline_end IS NOT NULL "
                             "RETURN DISTINCT t.id AS id, t.key AS key ORDER BY key LIMIT 5")
        assert len(dated) == 5
        mark_done(kg, dated[0]["id"], dt.date(2026, 5, 2), by="Lan")
        fix(kg, dated[1]["id"], deadline="2027-01-10", by="Minh")  # to another day: its edges move
        fix(kg, dated[2]["id"], no_deadline=True, by="Minh")  # to none: after every day
        fix(kg, dated[3]["id"], lead=["Sở Nội vụ", "Sở Tài chính"], support=["Sở Y tế"], by="Minh")  # new edges
        fix(kg, dated[4]["id"], not_a_task=True, by="Minh")
        n = kg.notices()[0]
        add_task(kg, n["key"], "Rà soát hồ sơ tồn đọng của các xã trước ngày 15 tháng 6", lead=["Sở Nội vụ"],
                 support=["Sở Y tế"], deadline="2026-06-15", by="Lan")
        add_task(kg, n["key"], "Tổng hợp ý kiến của các sở ngành", lead=["Sở Nội vụ"], by="Lan")  # no deadline
        in_step(kg)
        moved = kg.store.run("MATCH (t:Task {id: $id})-[a:ASSIGNED_TO]->() RETURN DISTINCT a.due AS due",
                             {"id": dated[1]["id"]})
        assert [r["due"] >> 13 for r in moved] == [(dt.date(2027, 1, 10) - dt.date(1900, 1, 1)).days]
        kg.ingest(recs, batch=40)  # re-ingest: the marks replayed onto the same tasks
        before = in_step(kg)
    with KnowledgeGraph.open(tmp_path / "g.lbug", read_only=True) as kg:
        assert in_step(kg) == before


def test_a_later_documents_extension_moves_the_tasks_edges_to_their_new_bucket(tmp_path):
    later = sorted((NOTICES_DIR.parent / "followups").glob("*.txt"))
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest([extract_path(str(p)) for p in sorted(NOTICES_DIR.glob("*.txt"))])
        in_step(kg)
        old = {r["due"] for r in kg.store.run("MATCH (t:Task {id: $i})-[a:ASSIGNED_TO]->() RETURN a.due AS due",
                                              {"i": "NV-c89b8b"})}
        kg.ingest([extract_path(str(p)) for p in later])
        in_step(kg)
        new = {r["due"] for r in kg.store.run("MATCH (t:Task {id: $i})-[a:ASSIGNED_TO]->() RETURN a.due AS due",
                                              {"i": "NV-c89b8b"})}
        assert kg.task("NV-c89b8b")["deadline"] == "2026-06-30"
        assert len(old) == len(new) == 1 and new != old
        assert [d >> 13 for d in new] == [(dt.date(2026, 6, 30) - dt.date(1900, 1, 1)).days]


def test_the_store_computes_the_buckets_as_the_model_does(tmp_path):
    """rebuild_due (the migration's statement, in the store) gives every edge kg.model.assigned_due of its task, for
    deadlines before 1900, none, and tasks without an order key."""
    ends = [None, "1850-03-01", "1900-01-01", "2026-06-30", "2099-12-31"]
    oks = [None, 0, 17592186044416 * 184571 + 5, (1 << 63) - 1]
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.store.run("CREATE (:Agency {key: 'agency:x', name: 'Sở X'})")
        for i, end in enumerate(ends):
            for j, ok in enumerate(oks):
                kg.store.run("CREATE (t:Task {key: $k, deadline_end: CASE WHEN $e IS NULL THEN NULL ELSE date($e) END, "
                             "order_key: $o})", {"k": f"task:{i}/{j}", "e": end, "o": ok})
                kg.store.run("MATCH (t:Task {key: $k}), (o:Agency {key: 'agency:x'}) "
                             "CREATE (t)-[:ASSIGNED_TO {role: 'lead'}]->(o)", {"k": f"task:{i}/{j}"})
        assert len(recount_due(kg.store)) == len(ends) * len(oks)  # written without their bucket
        assert kg._workload_buckets(["agency:x"], ["lead"]) is None  # out of step: the sorts are asked
        assert kg._workload_total(["agency:x"], ["lead"], None) == 20
        rebuild_due(kg.store, tasks=3)  # (several parts)
        assert recount_due(kg.store) == []
        assert kg._workload_buckets(["agency:x"], ["lead"])[0] == (0, 5)  # (before 1900: 0; 1900-01-01, order key 0)
        rows = kg.store.run("MATCH (t:Task)-[a:ASSIGNED_TO]->() RETURN t.deadline_end AS deadline_end, "
                            "t.order_key AS order_key, a.due AS due ORDER BY deadline_end, order_key")
        assert [r["due"] for r in rows] == sorted(r["due"] for r in rows) == [assigned_due(r) for r in rows]


def test_a_store_of_format_7_is_read_through_the_sorts_and_migrated_to_the_buckets(tmp_path):
    from kg.store.format import FORMAT_VERSION

    store = sample_store.build(tmp_path / "g.lbug")

    def answers(kg):
        return [(kg.workload(n, as_of=AS_OF, limit=4, offset=o)) for n in ("UBND xã Chi Lăng", "Sở Nội vụ")
                for o in (0, 4, 17)]

    with KnowledgeGraph.open(store, read_only=True) as kg:
        want = answers(kg)
    sample_store.older_format(store, 7)
    with KnowledgeGraph.open(store, read_only=True) as kg:  # a reader does not migrate: the sorts answer the same
        assert kg.format.format == 7 and kg.by_days and not kg.by_due
        assert answers(kg) == want
    with KnowledgeGraph.open(store) as kg:
        assert [n.message for n in kg.store_notices] == [f"{store}: đã nâng định dạng kho từ 7 lên {FORMAT_VERSION}"]
        assert kg.format.format == FORMAT_VERSION and kg.by_due
        assert in_step(kg, None) == 508 and answers(kg) == want


def test_a_copied_store_gets_its_buckets_and_a_store_without_lookups_none(tmp_path, store, monkeypatch):
    from kg.store.ladybug_store import LadybugStore
    from kg.transfer import copy_graph

    with KnowledgeGraph.open(store, read_only=True) as src, KnowledgeGraph.open(tmp_path / "copy.lbug") as dst:
        copy_graph(src, dst)
        assert in_step(dst) == in_step(src)
        want = listing(src, src.assignee_keys(agencies(src, 1)), ["lead", "support"], 2, 3)
    monkeypatch.setattr(LadybugStore, "key_lookups", False)  # as Neo4j: no buckets written, the sorts asked
    with KnowledgeGraph.open(":memory:") as kg:
        kg.ingest([extract_path(p) for p in sorted(NOTICES_DIR.glob("*.txt"))])
        assert not kg.by_due and kg._workload_buckets(kg.assignee_keys(agencies(kg, 1)), ["lead"]) is None
        held = recount_due(kg.store)
        assert held and all(due is None for _, _, due, _ in held)  # (the column is there, never written)
        assert listing(kg, kg.assignee_keys(agencies(kg, 1)), ["lead", "support"], 2, 3) == want  # (the sorts)
        assert want[0] > 5 and len(want[1]) == 3
