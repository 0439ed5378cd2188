"""Moving a whole graph: from one store to another (``kg store copy``), and to the files of Neo4j's bulk
importer (``kg export neo4j-import``).

Both read the source store page by page, label by label (nodes in key order, ``WHERE n.key > $after …
LIMIT $n``) and, for each relationship type and pair of labels, the edges of one page of source nodes at
a time, so memory stays bounded by the page size. Labels, types and properties come from the model
(:data:`kg.model.SCHEMA`), never from the data.

The bulk importer (``neo4j-admin database import full``) is the way to load millions of documents into
an empty Neo4j database: it writes the store files directly, far faster than transactions. Later
loads go through the driver (``kg ingest --store neo4j://…``). The files: one ``<Label>.nodes.csv`` per
label (header ``key:ID(<Label>)`` and typed properties: ``ordinal:long``, ``deadline_end:date``,
``ambiguous:boolean``, ``recipients:string[]``), one ``<TYPE>__<From>__<To>.rels.csv`` per relationship type
and pair of labels (``:START_ID(<From>)``, ``:END_ID(<To>)`` and the edge's properties), and ``Meta.nodes.csv``
with the store's format, so the imported database opens as a store of this version.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from .errors import KGError
from .graph import NODE_ORDER, KnowledgeGraph, _q, edge_write, node_write
from .model import SCHEMA

PAGE = 5000
ARRAY_DELIMITER = "|"
_CSV_TYPES = {"STRING": "string", "INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "BOOL": "boolean",
              "DATE": "date", "STRING[]": "string[]"}


def node_pages(kg: KnowledgeGraph, label: str, page: int = PAGE) -> Iterator[list[dict]]:
    """Every node of ``label`` with its model properties, ``page`` at a time, in key order."""
    props = ["key", *SCHEMA["nodes"][label]]
    cols = ", ".join(f"n.{_q(p)} AS {_q(p)}" for p in props)
    after = ""
    while True:
        rows = kg.store.run(f"MATCH (n:{_q(label)}) WHERE n.key > $after RETURN {cols} ORDER BY n.key LIMIT $n",
                            {"after": after, "n": page})
        if not rows:
            return
        yield rows
        after = rows[-1]["key"]
        if len(rows) < page:
            return


def edge_pages(kg: KnowledgeGraph, rtype: str, a: str, b: str, page: int = PAGE) -> Iterator[list[dict]]:
    """Every ``(:a)-[:rtype]->(:b)`` edge as ``{"a", "b", props…}``, the edges of ``page`` source nodes at a time."""
    props = list(SCHEMA["rels"][rtype]["props"])
    cols = ", ".join(f"r.{_q(p)} AS {_q(p)}" for p in props)
    text = (f"MATCH (x:{_q(a)})-[r:{_q(rtype)}]->(y:{_q(b)}) WHERE x.key IN $keys "
            f"RETURN x.key AS a, y.key AS b, {cols} ORDER BY a, b")
    after = ""
    while True:
        keys = [r["key"] for r in kg.store.run(f"MATCH (n:{_q(a)}) WHERE n.key > $after RETURN n.key AS key "
                                                "ORDER BY n.key LIMIT $n", {"after": after, "n": page})]
        if not keys:
            return
        rows = kg.store.run(text, {"keys": keys})
        if rows:
            yield rows
        after = keys[-1]
        if len(keys) < page:
            return


def count_graph(kg: KnowledgeGraph) -> dict[str, int]:
    """Nodes per label and edges per ``TYPE (From->To)``, as the model names them."""
    out = {}
    for label in NODE_ORDER:
        out[label] = kg.store.run(f"MATCH (n:{_q(label)}) RETURN count(n) AS n")[0]["n"]
    for rtype, rel in SCHEMA["rels"].items():
        for a, b in rel["pairs"]:
            out[f"{rtype} ({a}->{b})"] = kg.store.run(
                f"MATCH (:{_q(a)})-[r:{_q(rtype)}]->(:{_q(b)}) RETURN count(r) AS n")[0]["n"]
    return out


def check_empty(dst: KnowledgeGraph) -> None:
    """A KGError (one Vietnamese line) when ``dst`` holds notices: a copy goes into an empty store only."""
    held = dst.store.run("MATCH (n:Notice) RETURN count(n) AS n")[0]["n"]
    if held:
        raise KGError(f"{dst.store.path}: kho đích đã có {held} thông báo; chỉ chép vào kho trống")


@dataclass
class CopyResult:
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


def copy_graph(src: KnowledgeGraph, dst: KnowledgeGraph, batch: int = 1000,
               progress: Callable[[int], None] | None = None) -> CopyResult:
    """Copy every node and edge of ``src`` into the empty store ``dst`` (batched ``UNWIND`` writes, one
    transaction per batch); the counts of both are compared at the end. Refused when ``dst`` holds notices."""
    check_empty(dst)
    t0 = time.perf_counter()
    res = CopyResult()
    for label in NODE_ORDER:
        text = node_write(label)
        types = SCHEMA["nodes"][label]
        for rows in node_pages(src, label, batch):
            rows = [{**r, **{p: r.get(p) if r.get(p) is not None or not t.endswith("[]") else []
                             for p, t in types.items()}} for r in rows]
            dst.store.execute_many(text, rows, batch, recipe=f"copy {label}")
            res.nodes += len(rows)
            if progress:
                progress(len(rows))
    for rtype, rel in SCHEMA["rels"].items():
        for a, b in rel["pairs"]:
            text = edge_write(rtype, a, b)
            for rows in edge_pages(src, rtype, a, b, batch):
                dst.store.execute_many(text, rows, batch, recipe=f"copy {rtype}")
                res.relationships += len(rows)
                if progress:
                    progress(len(rows))
    from .days import rebuild_days, rebuild_due
    from .lookups import rebuild_lookups

    with dst.store.transaction():  # the destination's lookup tables (kg.model.LOOKUPS, DUE, ASSIGNED_DUE), when it keeps them
        rebuild_lookups(dst.store)
        rebuild_days(dst.store)
    rebuild_due(dst.store)  # (its own transactions: kg/days.py)
    res.seconds = time.perf_counter() - t0
    want, got = count_graph(src), count_graph(dst)
    if want != got:
        diff = ", ".join(f"{k}: {want[k]} → {got.get(k)}" for k in want if want[k] != got.get(k))
        raise KGError(f"{dst.store.path}: số nút, quan hệ sau khi chép khác kho nguồn ({diff})")
    res.counts = got
    return res


def total_items(kg: KnowledgeGraph) -> int:
    return sum(count_graph(kg).values())


# ------------------------------------------------------------------------------------------------
# neo4j-admin import files


def _cell(value: Any, t: str) -> str:
    if value is None:
        return ""  # an empty, unquoted field: no property
    if t.endswith("[]"):
        items = [str(v) for v in value]
        bad = [v for v in items if ARRAY_DELIMITER in v]
        if bad:
            raise KGError(f"giá trị '{bad[0]}' chứa ký tự phân cách mảng '{ARRAY_DELIMITER}'")
        value = ARRAY_DELIMITER.join(items)
        if not items:
            return ""
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, (int, float)):
        return str(value)
    elif isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    s = str(value)
    return '"' + s.replace('"', '""') + '"'


def _line(cells: list[str]) -> str:
    return ",".join(cells) + "\n"


@dataclass
class ImportFiles:
    out: Path
    nodes: dict[str, tuple[Path, int]] = field(default_factory=dict)  # label -> (file, rows)
    relationships: dict[str, tuple[Path, int, str]] = field(default_factory=dict)  # file stem -> (file, rows, type)
    bytes: int = 0
    seconds: float = 0.0

    def command(self, database: str = "neo4j") -> str:
        """The exact ``neo4j-admin database import full`` command that loads these files into an empty database."""
        parts = ["neo4j-admin", "database", "import", "full", "--overwrite-destination=false",
                 "--multiline-fields=true", f"--array-delimiter={ARRAY_DELIMITER}", "--id-type=string"]
        for label, (path, _) in self.nodes.items():
            parts.append(f"--nodes={label}={path}")
        for path, _, rtype in self.relationships.values():
            parts.append(f"--relationships={rtype}={path}")
        parts.append(database)
        return " ".join(shlex.quote(p) for p in parts)


class ImportWriter:
    """Writes the neo4j-admin import files into ``out`` as rows arrive (``add_nodes``, ``add_edges``, any number
    of times per label or type, in any order); :meth:`close` writes ``Meta.nodes.csv`` and returns the
    :class:`ImportFiles`. Files of no row are left out. Callers write each node once (keys are IDs)."""

    def __init__(self, out: str | os.PathLike):
        self.t0 = time.perf_counter()
        self.res = ImportFiles(Path(out).resolve())
        self.res.out.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, Any] = {}
        self._counts: dict[str, int] = {}

    def _file(self, stem: str, header: list[str]):
        f = self._files.get(stem)
        if f is None:
            f = self._files[stem] = open(self.res.out / f"{stem}.csv", "w", encoding="utf-8", newline="")
            f.write(_line(header))
            self._counts[stem] = 0
        return f

    def add_nodes(self, label: str, rows: list[dict]) -> None:
        types = {"key": "STRING", **SCHEMA["nodes"][label]}
        header = [f"key:ID({label})"] + [f"{p}:{_CSV_TYPES[t]}" for p, t in types.items() if p != "key"]
        f = self._file(f"{label}.nodes", header)
        f.write("".join(_line([_cell(r.get(p), t) for p, t in types.items()]) for r in rows))
        self._counts[f"{label}.nodes"] += len(rows)

    def add_edges(self, rtype: str, a: str, b: str, rows: list[dict]) -> None:
        props = SCHEMA["rels"][rtype]["props"]
        header = [f":START_ID({a})", f":END_ID({b})"] + [f"{p}:{_CSV_TYPES[t]}" for p, t in props.items()]
        stem = f"{rtype}__{a}__{b}.rels"
        f = self._file(stem, header)
        f.write("".join(_line([_cell(r["a"], "STRING"), _cell(r["b"], "STRING")]
                              + [_cell(r.get(p), t) for p, t in props.items()]) for r in rows))
        self._counts[stem] += len(rows)

    def close(self) -> ImportFiles:
        from .store.format import FORMAT_VERSION

        for f in self._files.values():
            f.close()
        res = self.res
        for label in [*NODE_ORDER]:  # in the model's order, whatever order rows came in
            stem = f"{label}.nodes"
            if self._counts.get(stem):
                res.nodes[label] = (res.out / f"{stem}.csv", self._counts[stem])
        meta = res.out / "Meta.nodes.csv"
        with open(meta, "w", encoding="utf-8", newline="") as f:
            f.write(_line(["key:ID(Meta)", "format:long", "engine:string", "created:string"]))
            f.write(_line([_cell("store", "STRING"), str(FORMAT_VERSION), _cell("neo4j-admin import", "STRING"),
                           _cell(dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "STRING")]))
        res.nodes["Meta"] = (meta, 1)
        for rtype, rel in SCHEMA["rels"].items():
            for a, b in rel["pairs"]:
                stem = f"{rtype}__{a}__{b}.rels"
                if self._counts.get(stem):
                    res.relationships[stem[:-5]] = (res.out / f"{stem}.csv", self._counts[stem], rtype)
        res.bytes = sum(p.stat().st_size for p, _ in res.nodes.values()) + sum(
            p.stat().st_size for p, _, _ in res.relationships.values())
        res.seconds = time.perf_counter() - self.t0
        return res


def export_neo4j_import(kg: KnowledgeGraph, out: str | os.PathLike, page: int = PAGE,
                        progress: Callable[[int], None] | None = None) -> ImportFiles:
    """Write the node and relationship CSV files of the whole graph for ``neo4j-admin database import full``
    into the folder ``out`` (made if missing; files of the same names are replaced). See the module docstring."""
    w = ImportWriter(out)
    for label in NODE_ORDER:
        for rows in node_pages(kg, label, page):
            w.add_nodes(label, rows)
            if progress:
                progress(len(rows))
    for rtype, rel in SCHEMA["rels"].items():
        for a, b in rel["pairs"]:
            for rows in edge_pages(kg, rtype, a, b, page):
                w.add_edges(rtype, a, b, rows)
                if progress:
                    progress(len(rows))
    return w.close()
