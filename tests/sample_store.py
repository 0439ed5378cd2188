"""A store of the five sample notices for the view, web and browser tests, optionally with a hostile text.

``hostile=True`` puts ``<script>`` and an ``<img onerror>`` into a task sentence and the title of sample 000
(everything else unchanged), so every page and view that shows them must show them as text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import NOTICE_PATHS

HOSTILE = '<script>window.kgPwned=1</script><img src=x onerror="window.kgPwned=2">'


def sample_copies(folder: Path, hostile: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in NOTICE_PATHS:
        text = p.read_text(encoding="utf-8")
        if hostile and p.name.startswith("000_"):
            text = text.replace("tiếp tục phát huy những kết quả", f"tiếp tục phát huy {HOSTILE} những kết quả", 1)
            text = text.replace("tại cuộc kiểm tra tình hình", f"tại cuộc kiểm tra {HOSTILE} tình hình", 1)
        (folder / p.name).write_text(text, encoding="utf-8")
    return folder


def build(store: Path, hostile: bool = False) -> Path:
    """Ingest the samples (copied beside the store) into ``store``; returns the store path."""
    from kg.graph import KnowledgeGraph
    from loaders.extract import extract_path

    src = sample_copies(store.parent / ("hostile" if hostile else "notices"), hostile)
    with KnowledgeGraph.open(store) as kg:
        rep = kg.ingest([extract_path(p) for p in sorted(src.glob("*.txt"))])
        assert len(rep.new) == 5, rep
    return store


def older_format(store: Path, fmt: int) -> Path:
    """Make ``store`` what an older version left behind: format 8 stores had the notice's ``path`` and ``sha256`` on
    every edge, format 7 ones also no ``due`` on ASSIGNED_TO, format 6 ones
    no DeadlineDay groups, format 5 ones no
    lookup tables, format 4 ones also
    linked a notice's own tasks and meeting to it by ``MENTIONED_IN`` (made from the notice's ``CONTAINS`` and
    ``RECORDS`` edges, provenance included), format 3 ones had no ``Task.order_key``, format 1 ones neither the folded
    ``search`` text (the properties themselves are dropped, as the tables never had them), format 0 ones neither those
    nor the ``Meta`` node."""
    from kg.model import ASSIGNED_DUE, DUE, LOOKUPS, OWN_LINK, SCHEMA, SEARCH_FIELDS
    from kg.store.ladybug_store import LadybugStore

    assert fmt in (0, 1, 3, 4, 5, 6, 7, 8), fmt
    with LadybugStore(store) as s:
        for rtype in SCHEMA["rels"]:  # format 8: each edge held its notice's file and sha256
            s.run(f"ALTER TABLE {rtype} ADD path STRING")
            s.run(f"ALTER TABLE {rtype} ADD sha256 STRING")
            s.run(f"MATCH ()-[r:{rtype}]->() MATCH (n:Notice {{key: r.notice}}) SET r.path = n.path, r.sha256 = n.sha256")
        if fmt < 8:  # format 8: the assignments' buckets
            s.run(f"ALTER TABLE {ASSIGNED_DUE['rel']} DROP {ASSIGNED_DUE['prop']}")
        if fmt < 7:  # format 7: the DeadlineDay groups
            s.run(f"DROP TABLE {DUE['rel']}")
            s.run(f"DROP TABLE {DUE['label']}")
        for label, lookup in LOOKUPS.items() if fmt < 6 else ():  # format 6: the lookup tables
            s.run(f"DROP TABLE {lookup['rel']}")
            s.run(f"DROP TABLE {label}")
        if fmt < 5:
            for label, rel in OWN_LINK.items():
                s.run(f"ALTER TABLE MENTIONED_IN ADD FROM {label} TO Notice")
                s.run(f"MATCH (n:Notice)-[e:{rel}]->(x:{label}) CREATE (x)-[:MENTIONED_IN {{notice: e.notice, "
                      "path: e.path, sha256: e.sha256, span_start: e.span_start, span_end: e.span_end, by: e.by}]->(n)")
        if fmt < 4:
            s.run("ALTER TABLE Task DROP order_key")
        if fmt < 2:
            for label in SEARCH_FIELDS:
                s.run(f"ALTER TABLE {label} DROP search")
        if fmt == 0:
            s.run("DROP TABLE Meta")
        else:
            s.run("MATCH (m:Meta) SET m.format = $f", {"f": fmt})
    return store


def walk_writes(kg, check) -> list:
    """Take ``kg`` (an empty store) through the write paths of ingest on a generated corpus of 40 notices (seed 5),
    calling ``check(kg)`` after each: 25 new, all 40 again (25 unchanged, 15 new), 6 changed files (updates), 3
    removals and the restore of one of them. The tests of what the store derives as it is written (DeadlineDay
    groups, the workload's buckets) walk it, then the journal's actions of their own."""
    import corpus

    recs = corpus.make_corpus(40, seed=5)
    kg.ingest(recs[:25], batch=10)
    check(kg)
    kg.ingest(recs, batch=15)
    check(kg)
    rep = kg.ingest([corpus.changed(r, i) for i, r in enumerate(recs[3:30:5])], batch=500)
    assert len(rep.updated) == 6 and not rep.failed
    check(kg)
    gone = [kg.remove(r["source"]["path"]) for r in recs[31:40:4]]
    check(kg)
    kg.restore_removed(gone[1].key)
    check(kg)
    return recs


def dump(store: Path) -> list[str]:
    """Every node and relation of the store with all its properties, as sorted JSON lines (``Meta`` aside)."""
    from kg.store.ladybug_store import LadybugStore

    with LadybugStore(store, read_only=True) as s:
        tables = s.run("CALL show_tables() RETURN name, type")
        out = []
        for t in tables:
            name, kind = t["name"], t["type"]
            if name == "Meta":
                continue
            if kind == "NODE":
                for r in s.run(f"MATCH (n:`{name}`) RETURN n"):
                    props = {k: v for k, v in r["n"].items() if not k.startswith("_")}
                    out.append(json.dumps([name, props], sort_keys=True, default=str, ensure_ascii=False))
            else:
                for r in s.run(f"MATCH (a)-[r:`{name}`]->(b) RETURN label(a) AS la, a.key AS a, label(b) AS lb, "
                               f"b.key AS b, r"):
                    props = {k: v for k, v in r["r"].items() if not k.startswith("_")}
                    out.append(json.dumps([name, r["la"], r["a"], r["lb"], r["b"], props], sort_keys=True,
                                          default=str, ensure_ascii=False))
    return sorted(out)
