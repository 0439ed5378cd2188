"""A first load into an empty embedded store through the engine's bulk loader (issue 11).

``kg ingest`` writes a batch of 500 notices at a time with ``UNWIND … CREATE`` statements, and the engine's cost per
edge and per checkpoint grows with the store: about 50 notices a second at 100,000. Into *empty* tables the engine's
``COPY`` is two orders of magnitude faster (a million nodes and two million edges in about 15 s,
docs/ladybug-notes.md), but into tables that hold data it is no cheaper once committed. So a first load, a store that
holds nothing yet and a stream of at least :data:`BULK_MIN` records (``KnowledgeGraph.ingest(bulk=None)``), goes this
way:

1. The ingest's own checks (same bytes, copies, drafts and their issued versions, identities) run as always, but the
   records it accepts are spilled to a file (:class:`Stage`) instead of being written: memory holds none of them.
   A record that replaces one staged earlier (the issued version of a draft) cancels it.
2. The staged records are read back in batches and turned into the graph's rows by the same builder the batched
   path uses (:class:`kg.model.GraphBuilder`): their own nodes and every edge to a CSV file per table and pair of
   labels, shared nodes merged in memory as the batched path merges them (:func:`kg.graph.merged_value`), and what
   the store derives (lookup tables, DeadlineDay groups, the ``due`` of assignments) and the documents' attributes
   the batches consolidate (:func:`kg.graph.richest_citation`) computed alongside (:class:`Tables`). Every core
   builds a contiguous range of whole batches (:func:`build_range`, in a worker process); the ranges are joined in
   order, which merges the shared nodes as one builder would.
3. A new database is made beside the store, every file copied into it (a transaction per part of 500,000 rows:
   one COPY of a few million edges fills the engine's buffer pool), what the batched path
   computes across notices (misspelling links, later documents' follow-ups) computed there,
   and once it is whole and checkpointed it replaces the empty store by a rename
   (:meth:`kg.store.ladybug_store.LadybugStore.adopt`).

A crash at any moment leaves the empty store or the loaded one, never a part: nothing is reported stored before the
rename, and the next run starts the load again (the folder of the spill is cleared first). If the bulk load fails
(an error of the engine), the staged records are written by the batched path instead.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .days import due_rows, grouped
from .graph import CITED_ATTRIBUTES, RICHEST, kept_citations, richest_citation
from .model import ASSIGNED_DUE, DUE, LOOKUPS, SCHEMA, GraphBuilder, doc_identity, lookup_values, notice_key
from .store.ladybug_store import CopyFile

__all__ = ["BULK_MIN", "BULK_DISK_FACTOR", "BULK_SUFFIX", "REOPEN_ROWS", "Staged", "Stage", "Built", "Tables", "build_range", "bulk_folder",
           "clear_bulk_folder"]

BULK_MIN = 1000  # records: a first load of at least this many goes through the bulk loader (bulk=None)
# the room on the store's disk a bulk load needs at its peak, in bytes per byte of records spilled: the records, the
# table files and the new database (measured at 10,000 notices: 237 MB of records, 1,089 MB at the peak, 380 MB left)
BULK_DISK_FACTOR = 5
BULK_SUFFIX = ".bulk"  # the folder of a bulk load beside the database file: <store>.bulk/
# rows copied after which the new database is closed and opened again: the engine keeps memory of what it copied
# beyond its buffer pool until the database is closed (1.8 GB more at 100,000 notices with a pool of 1 GB)
REOPEN_ROWS = 500_000


def bulk_folder(store_path: str | Path) -> Path:
    """The folder a bulk load into the database file ``store_path`` works in (spill, CSV files, the new database).

    >>> bulk_folder("/data/kg/graph.lbug").as_posix()
    '/data/kg/graph.lbug.bulk'
    """
    p = Path(store_path)
    return p.with_name(p.name + BULK_SUFFIX)


def clear_bulk_folder(store_path: str | Path) -> bool:
    """Remove what a bulk load into ``store_path`` left (a crash before its end); whether there was something."""
    folder = bulk_folder(store_path)
    if not folder.exists():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return True


@dataclass
class Staged:
    """A record the ingest accepted, spilled at ``offset`` of the stage's file, and how to report it."""

    offset: int
    key: str
    path: str
    doc_id: str
    kind: str  # "new" | "update"
    replacement: Any = None  # kg.graph.Replacement


class Stage:
    """The records of a bulk load, spilled as JSON lines to ``folder`` as the ingest accepts them and read back in
    order (those cancelled by a later version left out)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "records.jsonl"
        self._out = open(self.path, "wb")
        self.items: list[Staged] = []
        self.cancelled: set[str] = set()

    def put(self, rec: dict, kind: str = "new", replacement: Any = None) -> Staged:
        item = Staged(self._out.tell(), notice_key(rec), rec["source"]["path"], doc_identity(rec["notice"]), kind,
                      replacement)
        self._out.write(json.dumps(rec, ensure_ascii=False).encode("utf-8") + b"\n")
        self.items.append(item)
        return item

    @property
    def size(self) -> int:
        """Bytes spilled so far."""
        return self._out.tell() if not self._out.closed else os.path.getsize(self.path)

    def cancel(self, keys: Iterable[str]) -> None:
        """The staged records of ``keys`` are replaced by a later one: not written."""
        self.cancelled.update(keys)

    def _flush(self) -> None:
        if not self._out.closed:
            self._out.flush()

    def get(self, offset: int) -> dict:
        self._flush()
        with open(self.path, "rb") as f:
            f.seek(offset)
            return json.loads(f.readline())

    def records(self) -> Iterator[dict]:
        """The staged records not cancelled, in the order staged."""
        self._flush()
        with open(self.path, "rb") as f:
            for item in self.items:
                line = f.readline()
                if item.key not in self.cancelled:
                    yield json.loads(line)

    def close(self) -> None:
        if not self._out.closed:
            self._out.close()

    def remove(self) -> None:
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Built:
    """What one builder made (picklable, from a worker process): its shared nodes merged in the order of its records,
    its DeadlineDay groups, and its files (table, pair of labels or None, :class:`CopyFile`, closed)."""

    shared: dict
    groups: dict
    files: list
    cited: dict


class Tables:
    """The rows of a bulk load, one :class:`~kg.store.ladybug_store.CopyFile` per node table and per relationship
    type and pair of labels, in the column order of the new database's tables (``columns``: table -> name: type).

    ``own``: the labels whose nodes belong to one notice (always new); the others are shared, kept in memory by key
    and merged with ``merge(label, prop, held, new)`` (what the batched path does to a node it holds). Several
    builders may each take a contiguous range of the records (:func:`build_range`, one a worker process): what they
    built is joined in the order of their ranges (:meth:`join`), which merges as one builder would."""

    def __init__(self, columns: dict[str, dict[str, str]], folder: Path, own: Iterable[str], node_order: Iterable[str],
                 merge: Any):
        self.columns = columns
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.own = tuple(own)
        self.node_order = list(node_order)
        self.merge = merge
        self.shared: dict[str, dict[str, dict]] = {}
        self.groups: dict[str, dict] = {}  # DeadlineDay key -> node row (n, done, what its tasks share)
        self.nodes: dict[str, CopyFile] = {}
        self.edges: dict[tuple[str, str, str], CopyFile] = {}
        self.joined: list[tuple[str, tuple[str, str] | None, CopyFile]] = []  # other builders' files
        # document key -> what its citations give it (field -> (value, notice): kg.graph.richest_citation), set on
        # the Document nodes at the end as the batches' consolidation sets them
        self.cited: dict[str, dict[str, tuple[str, str] | None]] = {}

    def _node_file(self, label: str, distinct: bool = False) -> CopyFile:
        cf = self.nodes.get(label)
        if cf is None:
            cf = self.nodes[label] = CopyFile(self.folder / f"{label}.nodes.csv", self.columns[label], distinct)
        return cf

    def _edge_file(self, rtype: str, a: str, b: str) -> CopyFile:
        cf = self.edges.get((rtype, a, b))
        if cf is None:
            fields = {"a": "STRING", "b": "STRING", **self.columns[rtype]}
            cf = self.edges[(rtype, a, b)] = CopyFile(self.folder / f"{rtype}__{a}__{b}.rels.csv", fields)
        return cf

    def add(self, records: list[dict]) -> None:
        """A batch of records, built into rows as :meth:`kg.graph.KnowledgeGraph.ingest` builds one batch."""
        b = GraphBuilder()
        for rec in records:
            b.add_record(rec)
        by_label = b.node_rows()
        for label in self.node_order:
            rows = by_label.get(label)
            if not rows:
                continue
            if label in self.own:
                self._node_file(label).add(rows)
                self._derive(label, rows)
            else:
                self._merge_rows(label, rows)
        tasks = {r["key"]: r for r in by_label.get(ASSIGNED_DUE["of"], [])}
        notices = {r["key"]: r for r in by_label.get("Notice", [])}
        for (rtype, la, lb), rows in b.edge_rows().items():
            if rtype == ASSIGNED_DUE["rel"]:
                rows = due_rows(rows, tasks)
            elif rtype in CITED_ATTRIBUTES and lb == "Document":
                self._cite(rows, notices if CITED_ATTRIBUTES[rtype] == "notice" else None)
            self._edge_file(rtype, la, lb).add(r for r in rows if r.get("a") is not None and r.get("b") is not None)

    def _merge_rows(self, label: str, rows: Iterable[dict]) -> None:
        held = self.shared.setdefault(label, {})
        for r in rows:
            h = held.get(r["key"])
            if h is None:
                held[r["key"]] = dict(r)
            else:
                for p in SCHEMA["nodes"][label]:
                    h[p] = self.merge(label, p, h.get(p), r.get(p))

    def _cite(self, rows: Iterable[dict], notices: dict[str, dict] | None) -> None:
        """What citations (edge rows from a notice to a document) give their documents: the edge's values, or those
        of the citing notice (``notices``, by key) where the notice is the document."""
        fields = RICHEST["Document"]
        for r in rows:
            doc, notice = r.get("b"), r.get("a")
            if doc is None or notice is None:
                continue
            values = r if notices is None else notices.get(notice) or {}
            best = self.cited.get(doc)
            if best is None:
                best = self.cited[doc] = dict.fromkeys(fields)
            for f in fields:
                best[f] = richest_citation(best[f], values.get(f), notice)

    def _join_cited(self, cited: dict[str, dict]) -> None:
        for doc, theirs in cited.items():
            best = self.cited.get(doc)
            if best is None:
                self.cited[doc] = theirs
                continue
            for f, v in theirs.items():
                if v is not None:
                    best[f] = richest_citation(best[f], *v)

    def _merge_groups(self, groups: dict[str, dict]) -> None:
        for k, g in groups.items():
            held = self.groups.get(k)
            if held is None:
                self.groups[k] = {p: v for p, v in g.items() if p != "tasks"}
            else:
                held["n"] += g["n"]
                held["done"] = held["done"] + g["done"]

    def _derive(self, label: str, rows: list[dict]) -> None:
        """What the store derives from new nodes of ``label`` (kg.days.write_derived): lookup entries, and the
        DeadlineDay groups of tasks."""
        self._lookups(label, rows)
        if label == DUE["of"]:
            part = grouped(rows)
            self._merge_groups(part)
            due_on = self._edge_file(DUE["rel"], DUE["of"], DUE["label"])
            for k, g in part.items():
                due_on.add({"a": t, "b": k} for t in g["tasks"])

    def _lookups(self, label: str, rows: list[dict]) -> None:
        for lookup, spec in LOOKUPS.items():
            if spec["of"] != label:
                continue
            pairs = [(r["key"], v) for r in rows for v in lookup_values(lookup, r)]
            if pairs:
                self._node_file(lookup, distinct=True).add({"key": v} for _, v in pairs)
                self._edge_file(spec["rel"], label, lookup).add({"a": a, "b": v} for a, v in sorted(set(pairs)))

    def built(self) -> Built:
        """What this builder made, its files closed (a worker's result)."""
        for cf in [*self.nodes.values(), *self.edges.values()]:
            cf.close()
        files = [(label, None, cf) for label, cf in self.nodes.items()]
        files += [(rtype, (a, b), cf) for (rtype, a, b), cf in self.edges.items()]
        return Built(self.shared, self.groups, files, self.cited)

    def join(self, other: Built) -> None:
        """Another builder's work, whose records come after all those joined so far (taken: ``other`` is left
        without its nodes)."""
        for label in self.node_order:
            if label in other.shared:
                self._merge_rows(label, other.shared[label].values())
        self._merge_groups(other.groups)
        self._join_cited(other.cited)
        self.joined += other.files
        other.shared, other.groups, other.cited = {}, {}, {}  # (a caller's reference no longer holds them)

    def finish(self) -> None:
        """The shared nodes (documents with what their citations give them), the groups and every file written out
        and closed."""
        for key, row in self.shared.get("Document", {}).items():
            best = self.cited.get(key)
            if best is not None:  # (kg.graph.KnowledgeGraph._consolidate_documents, once for all)
                row.update(kept_citations(best, row))
        self.cited.clear()
        for label in self.node_order:
            rows = list(self.shared.get(label, {}).values())
            if rows:
                self._node_file(label).add(rows)
                self._lookups(label, rows)
        self.shared.clear()
        if self.groups:
            for g in self.groups.values():
                g["done"].sort()
            self._node_file(DUE["label"]).add(self.groups.values())
        self.joined += self.built().files

    def copy_into(self, store: Any) -> int:
        """Every file copied into ``store`` (its tables empty): nodes first, in the model's order, then edges; each
        part of a file in a transaction of its own, the files of a table that keeps one of equal rows in one
        statement (:meth:`~kg.store.ladybug_store.LadybugStore.copy_files`). Returns the rows copied."""
        by_table: dict[tuple[str, Any], list[CopyFile]] = {}
        for table, pair, cf in self.joined:
            by_table.setdefault((table, pair), []).append(cf)
        rank = {label: i for i, label in enumerate(self.node_order)}
        order = sorted(by_table, key=lambda k: (k[1] is not None, rank.get(k[0], len(rank)), k[0], k[1] or ()))
        total = since = 0
        for table, pair in order:
            rows = store.copy_files(table, by_table[(table, pair)], pair, recipe=f"bulk {table}")
            total, since = total + rows, since + rows
            if since >= REOPEN_ROWS:  # what the engine keeps of the copies beyond its pool, given back
                store.reopen()
                since = 0
        if since:
            store.reopen()
        return total


def build_range(job: tuple) -> Built:
    """Build the staged records at ``offsets`` of the spill file (a contiguous range of the load, in order), in
    batches, into files of ``folder`` (one worker's share of :meth:`kg.graph.KnowledgeGraph.ingest`'s bulk load)."""
    spill, offsets, folder, columns, own, node_order, merge, batch = job
    tables = Tables(columns, Path(folder), own, node_order, merge)
    with open(spill, "rb") as f:
        for i in range(0, len(offsets), batch):
            chunk = []
            for offset in offsets[i:i + batch]:
                f.seek(offset)
                chunk.append(json.loads(f.readline()))
            tables.add(chunk)
    return tables.built()
