"""The knowledge graph as users see it: ingest notices into a store, ask it questions.

:class:`KnowledgeGraph` wraps a store (the embedded Ladybug database by default) and the
recipe registry (``queries/*.cypher``). Writing is generated from :data:`kg.model.SCHEMA`
(labels and relation types are identifiers from the schema, values are always parameters);
every question is a recipe, so the same text runs on Neo4j too.

Ingest is idempotent and incremental: a notice is its content (sha256). Re-ingesting the
same file changes nothing; a changed file (same path, new content) replaces its own facts
and nothing else; facts shared with other notices survive.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from loaders.ids import assign_task_ids, record_identity
from loaders.normalize import fold

from .errors import KGError
from .model import SCHEMA, GraphBuilder, notice_key, store_spec
from .recipes import Registry
from .resolve import DocQuery, doc_matches, misspelling, misspelling_links, name_key, number_key, parse_doc_query, slug, successors

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
NODE_ORDER = ["Notice", "Meeting", "Person", "Post", "Agency", "Committee", "AgencyGroup", "AdminUnit", "Document", "Task"]
SHARED = [l for l in NODE_ORDER if l not in ("Notice", "Meeting", "Task")]  # nodes several notices may mention
IDENTITY_PROPS = {"ASSIGNED_TO": ["role"], "LED_BY": ["role"]}  # besides the notice, what tells two edges apart


class NotFound(KGError):
    """Nothing in the graph answers the name or number asked for."""


class Ambiguous(KGError):
    """A name or number matches several things; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[dict]):
        super().__init__(message)
        self.candidates = candidates


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    # (path, path already holding it): the same notice from another file (its Word and PDF copies)
    duplicates: list[tuple[str, str]] = field(default_factory=list)


def notice_identity(issuer: str | None, number: str | None, date: str | None, doc_id: str | None = None) -> tuple | None:
    """What makes two files the same notice: its issuer, number and date, when it has a number; else its
    document identity (``notice.doc_id``: for a draft, its issuer, type, date and title; see loaders/ids.py)."""
    if not number or not issuer:
        return ("doc", doc_id) if doc_id and "/draft-" in doc_id else None
    return (" ".join(issuer.split()).casefold(), re.sub(r"\s+", "", number).casefold(), date)


def distinct_draft(rec: dict) -> dict:
    """A copy of a draft record whose header identity another draft already holds: its identity takes
    its content hash (``…/draft-<hash>-<sha256[:8]>``) and its task ids follow."""
    out = {**rec, "notice": dict(rec["notice"]), "tasks": [dict(t) for t in rec.get("tasks") or []]}
    base = rec["notice"].get("doc_id") or record_identity(rec["notice"])
    out["notice"]["doc_id"] = f"{base}-{rec['source']['sha256'][:8]}"
    for t, tid in zip(out["tasks"], assign_task_ids(out["notice"]["doc_id"], out["tasks"])):
        t["id"] = tid
    return out


def default_store_path() -> Path:
    """``$KG_STORE``, else a per-user data folder (``$XDG_DATA_HOME/chidao-kg/graph.lbug``)."""
    if os.environ.get("KG_STORE"):
        return Path(os.environ["KG_STORE"]).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "chidao-kg" / "graph.lbug"


def _q(name: str) -> str:
    if not _IDENT.match(name):
        raise KGError(f"not an identifier: {name!r}")
    return f"`{name}`"


def _value(t: str) -> Callable[[str], str]:
    if t == "DATE":
        return lambda f: f"date(row.{f})"
    return lambda f: f"row.{f}"


RICHEST = {"Document": ("date", "issuer", "title")}  # a document keeps the richest value any citation gave
OWN = ("Notice", "Meeting", "Task")  # nodes of one notice: always new when written (old versions are removed first)


def node_write(label: str) -> str:
    props = SCHEMA["nodes"][label]
    sets_create = ", ".join(f"n.{_q(p)} = {_value(t)(p)}" for p, t in props.items())
    if label in OWN:  # CREATE: MERGE would look each key up in a table that only grows
        prop_map = ", ".join(f"{_q(p)}: {_value(t)(p)}" for p, t in {"key": "STRING", **props}.items())
        return f"UNWIND $rows AS row CREATE (n:{_q(label)} {{{prop_map}}})"

    def on_match(p: str, t: str) -> str:
        v = _value(t)(p)
        if p in RICHEST.get(label, ()):
            return (f"n.{_q(p)} = CASE WHEN {v} IS NOT NULL AND (n.{_q(p)} IS NULL OR size({v}) > size(n.{_q(p)})) "
                    f"THEN {v} ELSE n.{_q(p)} END")
        return f"n.{_q(p)} = coalesce(n.{_q(p)}, {v})"

    sets_match = ", ".join(on_match(p, t) for p, t in props.items())
    return (f"UNWIND $rows AS row MERGE (n:{_q(label)} {{key: row.key}}) "
            f"ON CREATE SET {sets_create} ON MATCH SET {sets_match}")


def edge_write(rtype: str, a: str, b: str) -> str:
    """CREATE, not MERGE: every edge belongs to one notice, and a notice's edges are written once, after its
    old version (if any) is removed. (MERGE would scan the endpoints' edges: slow on busy agencies.)"""
    props = SCHEMA["rels"][rtype]["props"]
    prop_map = ", ".join(f"{_q(p)}: {_value(t)(p)}" for p, t in props.items())
    return (f"UNWIND $rows AS row MATCH (a:{_q(a)} {{key: row.a}}) MATCH (b:{_q(b)} {{key: row.b}}) "
            f"CREATE (a)-[r:{_q(rtype)} {{{prop_map}}}]->(b)")


class KnowledgeGraph:
    """A knowledge graph in a store; see the module docstring."""

    def __init__(self, store: Any, registry: Registry | None = None):
        self.store = store
        self.recipes = registry or Registry.load()
        self.store.ensure_schema(store_spec())

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, read_only: bool = False) -> "KnowledgeGraph":
        """Open (creating it on first use) the embedded store at ``path`` (default :func:`default_store_path`).

        ``read_only`` opens an existing store for reading; the engine allows it while another process writes.
        """
        from .store.ladybug_store import LadybugStore

        p = Path(path) if path not in (None, ":memory:") else path
        if isinstance(p, Path):
            if p.is_dir():
                p = p / "graph.lbug"
            if not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
        return cls(LadybugStore(str(p) if p is not None else ":memory:", read_only=read_only))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- questions -----------------------------------------------------------------------------------

    def q(self, name: str, **params: Any) -> list[dict]:
        return self.store.run_recipe(self.recipes, name, **params)

    def notices(self) -> list[dict]:
        return self.q("find_notices")

    # -- ingest --------------------------------------------------------------------------------------

    def ingest(self, records: Iterable[dict], batch: int = 500,
               progress: Callable[[int], None] | None = None) -> IngestReport:
        """Add records; a record whose path is already in the graph with other content replaces it.
        A record of a notice already held from another file (same issuer, number and date: the
        Word and the PDF copy of one notice) is not added again but reported in ``duplicates``.

        Records are written in batches (one statement per label and relation type per batch), each
        batch in one transaction: a failure leaves what was ingested before it intact.
        """
        report = IngestReport()
        known = {r["key"]: r for r in self.notices()}
        by_path = {r["path"]: r["key"] for r in known.values()}
        held: dict[tuple, str] = {}  # identity -> path
        held_ids: dict[tuple, set[str] | str] = {}  # a draft's identity -> its task ids (or the key to read them)
        for r in known.values():
            ident = notice_identity(r["issuer"], r["number"], r["date"], r.get("doc_id"))
            if ident is not None:
                held.setdefault(ident, r["path"])
                held_ids.setdefault(ident, r["key"])
        pending: list[tuple[dict, str | None]] = []
        seen: set[str] = set()
        for rec in records:
            key = notice_key(rec)
            path = rec["source"]["path"]
            n = rec.get("notice") or {}
            ident = notice_identity(n.get("issuer"), n.get("number"), n.get("date"), n.get("doc_id") or record_identity(n))
            if (key not in known and key not in seen and ident is not None and ident[0] == "doc"
                    and held.get(ident, path) != path and not self._same_draft(rec, held_ids, ident)):
                rec = distinct_draft(rec)  # another draft under the same header: an identity of its own
                ident = notice_identity(None, None, None, rec["notice"]["doc_id"])
            if key in known or key in seen:
                report.unchanged.append(path)
            elif ident is not None and held.get(ident, path) != path:
                report.duplicates.append((path, held[ident]))
            else:
                seen.add(key)
                if ident is not None:
                    held[ident] = path
                    held_ids[ident] = {t.get("id") for t in rec.get("tasks") or []}
                pending.append((rec, by_path.get(path)))
                continue
            if progress:
                progress(1)
        for i in range(0, len(pending), batch):
            chunk = pending[i:i + batch]
            try:
                self._ingest_chunk(chunk)
            except Exception:  # noqa: BLE001 — the batch rolled back: find the culprit one record at a time
                ok = []
                for item in chunk:
                    try:
                        self._ingest_chunk([item])
                        ok.append(item)
                    except Exception as e:  # noqa: BLE001
                        report.failed.append((item[0]["source"]["path"],
                                              f"không nạp được vào đồ thị ({type(e).__name__}: {' '.join(str(e).split())[:200]})"))
                chunk = ok
            for rec, old in chunk:
                (report.updated if old is not None else report.new).append(rec["source"]["path"])
            if progress:
                progress(len(chunk))
        return report

    def _same_draft(self, rec: dict, held_ids: dict, ident: tuple) -> bool:
        """Two files of one draft (its Word and text copies) share (nearly) all task ids; two drafts that share
        a header (issuer, type, date, title) but not their text are two notices."""
        ids = held_ids.get(ident)
        if isinstance(ids, str):  # a notice in the store: read its tasks once
            ids = held_ids[ident] = {r["id"] for r in self.q("notice_tasks", notice_key=ids)}
        mine = {t.get("id") for t in rec.get("tasks") or []}
        if not mine and not ids:
            return True
        return len(mine & (ids or set())) >= 0.9 * max(1, len(mine), len(ids or ()))

    def _ingest_chunk(self, chunk: list[tuple[dict, str | None]]) -> None:
        with self.store.transaction():
            olds = [old for _, old in chunk if old is not None]
            touched = self._remove(olds) if olds else set()
            self._write([rec for rec, _ in chunk])  # additions keep the richest attributes as they go
            self._consolidate_documents(touched)  # removals may take some away: recompute those
            self._link_misspellings()

    def remove(self, notice: str) -> None:
        """Remove one notice (by key or path) and every fact only it supported."""
        keys = [r["key"] for r in self.notices() if notice in (r["key"], r["path"])]
        if not keys:
            raise NotFound(f"không có thông báo {notice}")
        with self.store.transaction():
            self._consolidate_documents(self._remove(keys))
            self._link_misspellings()

    def _link_misspellings(self) -> None:
        """Recompute MISSPELLING_OF over every agency in the store (names from other batches count too)."""
        rows = self.q("agency_names")
        orgs = [{"key": r["key"], "name": r["name"], "scope": r["scope"], "mentions": r["mentions"]} for r in rows]
        first = {r["key"]: r["notice"] for r in rows}
        self.store.run("MATCH ()-[r:MISSPELLING_OF]->() DELETE r", {})
        links = [(a, b) for a, b, _ in misspelling_links(orgs) if a in first]
        if not links:
            return
        props = SCHEMA["rels"]["MISSPELLING_OF"]["props"]
        out = [{**{p: None for p in props}, "a": a, "b": b, "notice": first[a], "path": "", "sha256": "",
                "span_start": -1, "span_end": -1} for a, b in links]
        self.store.execute_many(edge_write("MISSPELLING_OF", "Agency", "Agency"), out, dedupe_by=["a", "b"],
                                recipe="write MISSPELLING_OF")

    def _write(self, records: list[dict]) -> set[str]:
        b = GraphBuilder()
        for rec in records:
            b.add_record(rec)
        g = b.g
        by_label: dict[str, list[dict]] = defaultdict(list)
        for k, d in g.nodes(data=True):
            props = SCHEMA["nodes"][d["label"]]
            row = {"key": k}
            for p, t in props.items():
                v = d.get(p)
                row[p] = list(v) if t.endswith("[]") else v
                if t.endswith("[]") and v is None:
                    row[p] = []
            by_label[d["label"]].append(row)
        for label in NODE_ORDER:
            if by_label.get(label):
                self.store.execute_many(node_write(label), by_label[label], dedupe_by="key", recipe=f"write {label}")
        by_rel: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for a, b_, d in g.edges(data=True):
            la, lb = g.nodes[a]["label"], g.nodes[b_]["label"]
            row = {"a": a, "b": b_}
            for p in SCHEMA["rels"][d["type"]]["props"]:
                row[p] = d.get(p)
            by_rel[(d["type"], la, lb)].append(row)
        for (rtype, la, lb), rows in by_rel.items():
            ident = ["a", "b", "notice"] + IDENTITY_PROPS.get(rtype, [])
            self.store.execute_many(edge_write(rtype, la, lb), rows, dedupe_by=ident, recipe=f"write {rtype}")
        return {k for k, d in g.nodes(data=True) if d["label"] == "Document"}

    def _remove(self, keys: list[str]) -> set[str]:
        """Delete notices' own nodes and edges, then shared nodes nobody mentions any more."""
        docs = {r["key"] for r in self.store.run(
            "MATCH (n:Notice)-[:CITES]->(d:Document) WHERE n.key IN $keys RETURN DISTINCT d.key AS key", {"keys": keys})}
        docs |= {r["key"] for r in self.store.run(
            "MATCH (n:Notice)-[:IS_DOCUMENT]->(d:Document) WHERE n.key IN $keys RETURN DISTINCT d.key AS key",
            {"keys": keys})}
        for rtype in SCHEMA["rels"]:
            self.store.run(f"MATCH ()-[r:{_q(rtype)}]->() WHERE r.notice IN $keys DELETE r", {"keys": keys})
        for label in ("Task", "Meeting"):
            self.store.run(f"MATCH (n:{_q(label)}) WHERE n.notice IN $keys DETACH DELETE n", {"keys": keys})
        self.store.run("MATCH (n:Notice) WHERE n.key IN $keys DETACH DELETE n", {"keys": keys})
        for label in SHARED:
            self.store.run(f"MATCH (n:{_q(label)}) WHERE NOT EXISTS {{ MATCH (n)-[:MENTIONED_IN]->(:Notice) }} "
                           f"DETACH DELETE n", {})
        return docs

    def _consolidate_documents(self, keys: set[str]) -> None:
        """A document keeps the richest date, issuer and title any citing notice gave it."""
        if not keys:
            return
        best: dict[str, dict] = {}
        for r in sorted(self.q("document_cited_attributes", doc_keys=sorted(keys)), key=lambda r: (r["key"], r["notice"])):
            b = best.setdefault(r["key"], {"key": r["key"], "date": None, "issuer": None, "title": None})
            for f in ("date", "issuer", "title"):
                v = r.get(f)
                if v and (not b[f] or len(v) > len(b[f])):
                    b[f] = v
        rows = list(best.values())
        if rows:
            self.store.execute_many("UNWIND $rows AS row MATCH (d:Document {key: row.key}) "
                                    "SET d.date = row.date, d.issuer = row.issuer, d.title = row.title", rows,
                                    recipe="consolidate documents")

    # -- resolution of what users type ----------------------------------------------------------------

    def resolve_documents(self, text: str) -> tuple[DocQuery, list[dict]]:
        """Documents matching a number as typed ('Nghị quyết 02/2026', 'nghi quyet 02/2026/NQ-HDND', 'NQ 02')."""
        dq = parse_doc_query(text)
        if dq.number is None:
            raise NotFound(f"không đọc được số hiệu văn bản trong '{text}'")
        prefix = dq.number.split("/")[0].split("-")[0]
        rows = self.q("find_documents", prefix=prefix)
        return dq, [r for r in rows if doc_matches(dq, r["number"], r["type"])]

    def document(self, text: str) -> list[dict]:
        """The document(s) ``text`` names: exact number first, else the unambiguous short form."""
        dq, hits = self.resolve_documents(text)
        if not hits:
            raise NotFound(f"không tìm thấy văn bản '{text}' trong đồ thị")
        exact = [h for h in hits if number_key(h["number"]) == dq.number]
        if exact:
            return exact
        numbers = {number_key(h["number"]) for h in hits}
        if len(numbers) > 1:
            raise Ambiguous(f"'{text}' ứng với nhiều văn bản", hits)
        return hits

    def orgs(self, text: str, scope: str | None = None) -> list[dict]:
        """Organisations named ``text`` (aliases expanded; 'Nông nghiệp và Môi trường' also tries 'Sở …').

        Names are scoped: the same name in two provinces is two bodies. With ``scope`` ('Lào Cai',
        'xã Quan Sơn') only that one is taken; without it, a name found in several scopes is ambiguous.
        """
        nk = name_key(text)
        keys = [nk, "so " + nk] if not nk.startswith("so ") else [nk]
        rows = self.q("find_orgs", name_keys=keys)
        if scope:
            want = slug(scope)
            rows = [r for r in rows if want in (r["scope"] or "")]
        if not rows:
            raise NotFound(f"không tìm thấy cơ quan, đơn vị '{text}'" + (f" ở {scope}" if scope else "") + " trong đồ thị")
        if len({r["scope"] for r in rows}) > 1:
            raise Ambiguous(f"'{text}' có ở nhiều nơi (dùng --scope để chọn)", rows)
        return rows

    def people(self, text: str) -> list[dict]:
        rows = self.q("find_people", name_key=fold(text))
        if not rows:
            raise NotFound(f"không tìm thấy người có tên '{text}' trong đồ thị")
        return rows

    def notice(self, text: str) -> dict:
        rows = [r for r in self.notices() if text in (r["key"], r["path"], r.get("number")) or r["key"].endswith(text)
                or Path(r["path"]).name == text or Path(r["path"]).stem == text]
        if not rows:
            raise NotFound(f"không tìm thấy thông báo '{text}'")
        if len(rows) > 1:
            raise Ambiguous(f"'{text}' ứng với nhiều thông báo", rows)
        return rows[0]

    # -- the questions -------------------------------------------------------------------------------

    def trace(self, text: str, max_depth: int = 3) -> dict:
        """Every task that depends on the document ``text`` names, directly or through documents implementing it."""
        return self.trace_documents(self.document(text), max_depth)

    def trace_documents(self, docs: list[dict], max_depth: int = 3) -> dict:
        rows = self.q("trace_document", doc_keys=[d["key"] for d in docs], max_depth=max_depth)
        # a task reached both ways (based on a document and in its implementing record) is listed at its nearest depth
        rows.sort(key=lambda r: (r["depth"], r["notice_date"] or "", r["notice"], r["ordinal"] or 0, r["role"] or "",
                                 r["assignee"] or ""))
        return {"documents": docs, "tasks": group_tasks(rows, ())}

    def workload(self, text: str, as_of: dt.date | None = None, roles: Iterable[str] = ("lead", "support"),
                 scope: str | None = None, with_predecessors: bool = False) -> dict:
        """An agency's tasks; ``with_predecessors``: also the open tasks of the bodies it succeeded in the 2025
        reorganisation (those without a deadline, recurring, or due on or after the succession took effect)."""
        orgs = self.orgs(text, scope)
        as_of = as_of or dt.date.today()
        args = {"as_of": as_of.isoformat(), "soon": (as_of + dt.timedelta(days=7)).isoformat()}
        rows = self.q("workload", org_keys=[o["key"] for o in orgs], **args)
        preds = self.q("predecessors", org_keys=[o["key"] for o in orgs]) if with_predecessors else []
        seen = {(r["task"], r["role"]) for r in rows}
        for p in preds:
            effective = min((s.effective for s in successors(p["name"])), default=None)
            for r in self.q("workload", org_keys=[p["key"]], **args):
                end = r.get("deadline_end")
                if (r["task"], r["role"]) in seen or r.get("recurrence_rule") is None and end is not None and (
                        effective and str(end) < effective):
                    continue
                seen.add((r["task"], r["role"]))
                rows.append({**r, "predecessor": p["name"]})
        roles = set(roles)
        tasks = [r for r in rows if r["role"] in roles]
        return {"orgs": orgs, "as_of": as_of.isoformat(), "tasks": tasks,
                **({"predecessors": preds} if with_predecessors else {})}

    def task(self, text: str) -> dict:
        """One task by its public id ('NV-7f3a2c', case and a missing 'NV-' forgiven), with its provenance."""
        tid = text.strip()
        tid = ("NV-" + tid[3:] if tid[:3].upper() == "NV-" else "NV-" + tid).lower().replace("nv-", "NV-", 1)
        hits = self.q("find_tasks", task_id=tid)
        if not hits:
            raise NotFound(f"không tìm thấy nhiệm vụ '{text}' trong đồ thị")
        if len(hits) > 1:
            raise Ambiguous(f"'{text}' ứng với nhiều nhiệm vụ (ở các văn bản khác nhau)",
                            [{"key": h["key"], "number": h["notice_number"], "path": h["path"]} for h in hits])
        rows = self.q("task_info", task_key=hits[0]["key"])
        head = {k: v for k, v in rows[0].items() if k not in ("assignee", "role", "report_to", "based_on")}
        head["assignees"], head["report_to"], head["based_on"] = [], [], []
        for r in rows:
            if r["assignee"] and {"name": r["assignee"], "role": r["role"]} not in head["assignees"]:
                head["assignees"].append({"name": r["assignee"], "role": r["role"]})
            for k in ("report_to", "based_on"):
                if r[k] and r[k] not in head[k]:
                    head[k].append(r[k])
        return head

    def deadlines(self, before: dt.date | None = None, as_of: dt.date | None = None,
                  statuses: Iterable[str] | None = None) -> list[dict]:
        as_of = as_of or dt.date.today()
        rows = self.q("deadlines", before=before.isoformat() if before else None, as_of=as_of.isoformat(),
                      soon=(as_of + dt.timedelta(days=7)).isoformat())
        out: "OrderedDict[str, dict]" = OrderedDict()
        for r in rows:
            t = out.setdefault(r["task"], {**{k: v for k, v in r.items() if k != "lead"}, "leads": []})
            if r.get("lead") and r["lead"] not in t["leads"]:
                t["leads"].append(r["lead"])
        tasks = list(out.values())
        if statuses:
            st = set(statuses)
            tasks = [t for t in tasks if t["status"] in st]
        return tasks

    def stats(self) -> dict:
        (row,) = self.q("stats")
        row = dict(row)
        row["ambiguous"] = self.q("ambiguous")
        row["misspellings"] = [{**r, "reason": misspelling(r["name"], r["known_name"])} for r in self.q("misspellings")]
        return row


def group_tasks(rows: list[dict], keep: tuple[str, ...]) -> list[dict]:
    """Rows of (task, assignee) pairs -> one dict per task with its assignees."""
    out: "OrderedDict[str, dict]" = OrderedDict()
    for r in rows:
        t = out.get(r["task"])
        if t is None:
            t = {k: v for k, v in r.items() if k not in ("assignee", "assignee_key", "role")}
            t["assignees"] = []
            out[r["task"]] = t
        if r.get("assignee") and not any(a["name"] == r["assignee"] and a["role"] == r["role"] for a in t["assignees"]):
            t["assignees"].append({"name": r["assignee"], "role": r["role"]})
    return list(out.values())
