"""The DeadlineDay groups of store format 7 (kg/days.py, declared in kg.model.DUE): every task with a deadline linked to
the node of its day, every recurring task to the node of its kind of recurrence, each node holding how many tasks it
groups and when those marked done were done. The nodes' counts equal a recount from the tasks (and from the edges)
after ingest, re-ingest, update, removal, restore, every journal correction, a later document's extension and a store
copy; ``kg deadlines`` answered from them equals the answer of the scans it replaces, whole and page by page, with any
status; a store of format 6 is answered through the scans when read and migrated when opened for writing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import sample_store
from conftest import NOTICES_DIR
from kg.days import recount_days
from kg.follow import add_task, fix, mark_done, reopen
from kg.graph import KnowledgeGraph
from loaders.extract import extract_path

pytest.importorskip("ladybug")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

STATUSES = [None, ["overdue"], ["due_soon"], ["open"], ["done_on_time", "done_late"], ["overdue", "due_soon"],
            ["done_late", "open", "overdue"]]


def in_step(kg: KnowledgeGraph) -> dict:
    """The groups held equal those recounted from the edges and from the tasks; returns them."""
    r = recount_days(kg.store)
    assert r["held"] == r["edges"], "DeadlineDay counts differ from their DUE_ON edges"
    assert r["held"] == r["tasks"], "DeadlineDay counts differ from a recount of the tasks"
    return r["held"]


def per_day(held: dict) -> dict[str, int]:
    """The tasks due each day, summed over the day's groups (one per span of notice dates)."""
    out: dict[str, int] = {}
    for k, (n, _) in held.items():
        if not k.startswith("R"):
            out[k.split("|")[0]] = out.get(k.split("|")[0], 0) + n
    return out


def answers(kg: KnowledgeGraph, as_of: dt.date, **kw) -> list:
    p = kg.deadlines(as_of=as_of, **kw)
    return [p.total, [(t["task"], t["status"], t.get("due")) for t in p]]


def same_deadlines(kg: KnowledgeGraph, days: list[dt.date], limit: int = 7) -> int:
    """``kg.deadlines`` from the groups equals the scans' answer, whole and in pages of ``limit``, for every status
    set of STATUSES, as of each of ``days``, over the whole range and two cut ones; returns the answers compared."""
    assert kg.by_days
    n = 0
    for as_of in days:
        for statuses in STATUSES:
            for before, after in ((None, None), (as_of + dt.timedelta(days=40), None), (None, as_of)):
                kw = {"statuses": statuses, "before": before, "after": after}
                kg.by_days = False
                want = answers(kg, as_of, **kw)
                kg.by_days = True
                assert answers(kg, as_of, **kw) == want, (as_of, kw)
                pages, offset = [], 0
                while offset < want[0] + limit:
                    pages += answers(kg, as_of, limit=limit, offset=offset, **kw)[1]
                    offset += limit
                assert pages == want[1], (as_of, kw)
                n += 1
    return n


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return sample_store.build(tmp_path_factory.mktemp("days") / "g.lbug")


def test_the_sample_notices_days_hold_their_counts_and_answer_as_the_scans(store):
    with KnowledgeGraph.open(store, read_only=True) as kg:
        held = in_step(kg)
        dated = {k: v for k, v in held.items() if not k.startswith("R")}
        assert (len(dated), len(per_day(held)), sum(n for n, _ in dated.values())) == (13, 9, 16)
        assert sum(n for k, (n, _) in held.items() if k.startswith("R")) == 4
        assert kg.deadlines(as_of=dt.date(2026, 6, 1)).total == 20
        assert same_deadlines(kg, [dt.date(2026, 3, 1), dt.date(2026, 6, 1)], limit=9) == 42


def test_days_follow_ingest_update_removal_restore_journal_and_extensions(tmp_path):
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        recs = sample_store.walk_writes(kg, in_step)
        dated = kg.store.run("MATCH (t:Task) WHERE t.deadline_end IS NOT NULL AND t.recurrence_rule IS NULL "
                             "RETURN t.id AS id, t.deadline_end AS due ORDER BY t.key LIMIT 6")
        recurring = kg.store.run("MATCH (t:Task) WHERE t.recurrence_rule IS NOT NULL RETURN t.id AS id "
                                 "ORDER BY t.key LIMIT 2")
        assert len(dated) == 6 and len(recurring) == 2
        mark_done(kg, dated[0]["id"], dated[0]["due"] - dt.timedelta(days=3), by="Lan")  # on time
        mark_done(kg, dated[1]["id"], dated[1]["due"] + dt.timedelta(days=9), by="Lan")  # late
        mark_done(kg, dated[2]["id"], dt.date(2026, 5, 2), by="Lan")
        mark_done(kg, recurring[0]["id"], dt.date(2026, 5, 20), by="Lan")
        in_step(kg)
        reopen(kg, dated[2]["id"], by="Lan")
        fix(kg, dated[3]["id"], deadline="2026-06-10", by="Minh")  # to another day
        fix(kg, dated[4]["id"], no_deadline=True, by="Minh")  # to none
        fix(kg, recurring[1]["id"], deadline="2026-07", by="Minh")  # a recurring task given one deadline
        fix(kg, dated[5]["id"], not_a_task=True, by="Minh")
        n = kg.notices()[0]
        add_task(kg, n["key"], "Rà soát hồ sơ tồn đọng của các xã trước ngày 15 tháng 6", lead=["Sở Nội vụ"],
                 deadline="2026-06-15", by="Lan")
        add_task(kg, n["key"], "Tổng hợp ý kiến của các sở ngành", by="Lan")  # no deadline: no group
        held = in_step(kg)
        assert per_day(held)["2026-06-15"] >= 1 and per_day(held)["2026-06-10"] >= 1
        assert any(d for _, d in held.values())  # done days kept
        kg.ingest(recs, batch=40)  # re-ingest: the marks replayed onto the same tasks
        in_step(kg)
        assert same_deadlines(kg, [dt.date(2026, 5, 25), dt.date(2026, 7, 1)]) == 42
        before = in_step(kg)
    with KnowledgeGraph.open(tmp_path / "g.lbug", read_only=True) as kg:
        assert in_step(kg) == before


def test_a_later_documents_extension_moves_the_tasks_to_their_new_day(tmp_path):
    later = sorted((NOTICES_DIR.parent / "followups").glob("*.txt"))
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest([extract_path(str(p)) for p in sorted(NOTICES_DIR.glob("*.txt"))])
        before = per_day(in_step(kg))
        kg.ingest([extract_path(str(p)) for p in later])
        after = per_day(in_step(kg))
        assert kg.task("NV-c89b8b")["deadline"] == "2026-06-30"
        assert after["2026-05-31"] < before["2026-05-31"] and "2026-06-30" not in before
        assert after["2026-06-30"] == 2 and sum(after.values()) == sum(before.values())
        assert same_deadlines(kg, [dt.date(2026, 6, 1)]) == 21


def test_a_store_of_format_6_is_read_through_the_scans_and_migrated_to_the_days(tmp_path):
    from kg.store.format import FORMAT_VERSION

    store = sample_store.build(tmp_path / "g.lbug")
    as_of = dt.date(2026, 6, 1)
    with KnowledgeGraph.open(store, read_only=True) as kg:
        made = in_step(kg)
        want = [answers(kg, as_of, statuses=s) for s in STATUSES]
    sample_store.older_format(store, 6)
    with KnowledgeGraph.open(store, read_only=True) as kg:  # a reader does not migrate: the scans answer the same
        assert kg.format.format == 6 and kg.by_lookup and not kg.by_days
        assert [answers(kg, as_of, statuses=s) for s in STATUSES] == want
    with KnowledgeGraph.open(store) as kg:
        assert [n.message for n in kg.store_notices] == [f"{store}: đã nâng định dạng kho từ 6 lên {FORMAT_VERSION}"]
        assert kg.by_days and in_step(kg) == made
        assert [answers(kg, as_of, statuses=s) for s in STATUSES] == want


def test_a_copied_store_gets_its_days_and_a_store_without_lookups_none(tmp_path, store, monkeypatch):
    from kg.store.ladybug_store import LadybugStore
    from kg.transfer import copy_graph

    with KnowledgeGraph.open(store, read_only=True) as src, KnowledgeGraph.open(tmp_path / "copy.lbug") as dst:
        copy_graph(src, dst)
        assert in_step(dst) == in_step(src)
        want = answers(src, dt.date(2026, 6, 1), statuses=["overdue"])
    monkeypatch.setattr(LadybugStore, "key_lookups", False)  # as Neo4j: range indexes, no groups written
    with KnowledgeGraph.open(":memory:") as kg:
        kg.ingest([extract_path(p) for p in sorted(NOTICES_DIR.glob("*.txt"))])
        assert not kg.by_days and recount_days(kg.store)["held"] == {}
        assert answers(kg, dt.date(2026, 6, 1), statuses=["overdue"]) == want
