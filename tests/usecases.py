"""The use cases every store must answer identically: one scenario, run on any store.

:func:`scenario` ingests the five sample notices into an empty knowledge graph, asks every question
(trace, workload, deadlines, show, stats), ingests them twice more, replaces a changed notice, removes
it and restores it, and returns every answer and count as plain Python values. Two stores are
interchangeable when their scenarios are equal (``==``: the same rows, in the same order, with the
same types: ``datetime.date`` is not ``'2026-06-30'``).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from kg.graph import KnowledgeGraph
from kg.model import SCHEMA, notice_key

AS_OF = dt.date(2026, 6, 1)


def counts(kg: KnowledgeGraph) -> dict[str, int]:
    """Nodes per label and relationships per type (the model's, labelled: no scan of every node)."""
    out = {}
    for label in SCHEMA["nodes"]:
        out[label] = kg.store.run(f"MATCH (n:`{label}`) RETURN count(n) AS n")[0]["n"]
    for rtype in SCHEMA["rels"]:
        out[rtype] = kg.store.run(f"MATCH ()-[r:`{rtype}`]->() RETURN count(r) AS n")[0]["n"]
    return out


def questions(kg: KnowledgeGraph) -> dict[str, Any]:
    """Every question of the CLI, as the library answers it."""
    out: dict[str, Any] = {}
    out["trace 02/2026"] = kg.trace("Nghị quyết 02/2026")
    out["trace 226-KL/TW"] = kg.trace("226-KL/TW")
    for agency in ("Sở Nội vụ", "Sở Y tế", "Sở Nông nghiệp và Môi trường", "UBND các xã"):
        out[f"workload {agency}"] = kg.workload(agency, as_of=AS_OF)
    out["workload Sở Tài chính +pred"] = kg.workload("Sở Tài chính", as_of=AS_OF, with_predecessors=True)
    out["deadlines"] = kg.deadlines(as_of=AS_OF)
    out["deadlines before"] = kg.deadlines(before=dt.date(2026, 3, 31), as_of=AS_OF, statuses=["overdue", "due_soon"])
    out["stats"] = kg.stats()
    (doc,) = kg.document("141/KH-UBND")
    out["show doc"] = [kg.q("document_info", doc_key=doc["key"]), kg.q("document_links", doc_key=doc["key"]),
                       kg.q("document_records", doc_key=doc["key"])]
    orgs = kg.orgs("Sở Y tế")
    out["show agency meetings"] = kg.q("agency_meetings", org_keys=[o["key"] for o in orgs])
    out["show leader"] = [[p, kg.q("leader_posts", person_key=p["key"]), kg.q("leader_meetings", person_key=p["key"])]
                          for p in kg.people("Trần Thanh Nhân")]
    notices = kg.notices()
    out["notices"] = notices
    out["show notice"] = [[kg.q("notice_info", notice_key=n["key"]), kg.q("notice_citations", notice_key=n["key"]),
                           kg.q("notice_tasks", notice_key=n["key"]), kg.q("executors", notice_key=n["key"])]
                          for n in notices]
    ids = sorted({t["id"] for t in out["deadlines"]})[:5]
    out["show task"] = [kg.task(i) for i in ids]
    return out


def scenario(kg: KnowledgeGraph, records: list[dict]) -> dict[str, Any]:
    """The whole use-case run on an empty graph; see the module docstring."""
    out: dict[str, Any] = {}
    rep = kg.ingest(records)
    out["ingest"] = (sorted(rep.new), rep.updated, rep.unchanged, rep.failed)
    out["counts"] = counts(kg)
    out["questions"] = questions(kg)
    again = []
    for _ in range(2):
        rep = kg.ingest(records)
        again.append(((len(rep.new), len(rep.updated), len(rep.unchanged)), counts(kg)))
    out["re-ingest twice"] = again
    # a new version of 000 at the same path: one task fewer (item 7 dropped)
    r0 = copy.deepcopy(records[0])
    r0["source"]["sha256"] = "f" * 64
    r0["tasks"] = [t for t in r0["tasks"] if t["ref"] != "7"]
    rep = kg.ingest([r0])
    out["replace"] = (rep.updated, rep.new, counts(kg), kg.workload("Sở Nông nghiệp và Môi trường", as_of=AS_OF))
    saved = kg.remove(notice_key(r0))
    out["remove"] = (counts(kg), kg.stats(), kg.deadlines(as_of=AS_OF),
                     saved and (saved.key, saved.path, saved.number, saved.tasks))
    if saved is not None:
        item = kg.restore_removed(saved.key)
        out["restore"] = (item.key, counts(kg), kg.workload("Sở Nông nghiệp và Môi trường", as_of=AS_OF))
    return out
    out["follow"] = follow_up(kg, records)
    return out


def follow_up(kg: KnowledgeGraph, records: list[dict]) -> dict[str, Any]:
    """The follow-up loop (issue 12): journal entries applied, then kept through a re-extraction of every file."""
    from kg.follow import review, summary
    from kg.journal import Entry

    t0 = dt.datetime(2026, 6, 2, 8, 0, tzinfo=dt.timezone.utc)
    doc = {i: kg.task(i)["doc_id"] for i in ("NV-e42617", "NV-b489ab", "NV-7676c4", "NV-8b4611")}
    plan = [("done", "NV-e42617", {"on": "2026-06-08"}), ("fix-lead", "NV-b489ab", {"names": ["Sở Y tế"]}),
            ("fix-support", "NV-b489ab", {"names": ["Sở Tài chính"]}),
            ("fix-deadline", "NV-b489ab", {"deadline": "2026-06-10"}), ("accept", "NV-8b4611", {}),
            ("not-a-task", "NV-7676c4", {}),
            ("add-task", doc["NV-7676c4"], {"id": "NV-add001", "text": "Giao Trạm Y tế xã kiểm tra an toàn thực phẩm.",
                                            "lead": ["Trạm Y tế xã"], "support": [], "deadline": "2026-06-15"})]
    entries = [Entry.new(a, t, doc.get(t, t), p, "ghi chú", "Lan", now=t0 + dt.timedelta(seconds=i), entry_id=f"J-{i}")
               for i, (a, t, p) in enumerate(plan)]
    out: dict[str, Any] = {"applied": kg.journal.append(entries).applied}

    def state() -> dict[str, Any]:
        return {"tasks": [kg.task(i) for i in ("NV-e42617", "NV-b489ab", "NV-8b4611", "NV-add001")],
                "gone": kg.q("find_tasks", task_id="NV-7676c4"), "review": review(kg)["total"],
                "orphans": kg.journal.orphans(), "summary": summary(kg, AS_OF)["rows"],
                "by leader": summary(kg, AS_OF, by="leader")["rows"],
                "workload": kg.workload("Sở Y tế", as_of=dt.date(2026, 6, 30)), "counts": counts(kg)}

    out["after"] = state()
    rep = kg.ingest(records, reextract=True)
    out["re-extract"] = (sorted(rep.updated), rep.orphans, state())
    return out
