"""The naive ingest the scale benchmark compares against: one Cypher statement per node and per edge.

The rows are those of the one graph model (:class:`kg.model.GraphBuilder`, one notice at a time); each is
written by its own parameterised statement through the store's public ``run``, in one transaction per notice
(joining the caller's when it holds one: the benchmark opens one per 500 notices, like the real ingest). Nothing
else of an ingest is done (no copies, updates or journal): it is the cost of writing row by row.

>>> from kg.graph import KnowledgeGraph
>>> from loaders.extract import extract_path
>>> with KnowledgeGraph.open(":memory:") as kg:
...     rows = naive_ingest(kg, [extract_path("tests/fixtures/levels/ubnd_cv.txt")])
...     n = kg.store.run("MATCH (n:Notice) RETURN count(n) AS n")[0]["n"]
>>> rows > 10, n
(True, 1)
"""

from __future__ import annotations

from functools import cache
from typing import Callable, Iterable

from kg.model import SCHEMA, GraphBuilder


def _v(name: str, typ: str) -> str:
    return f"date(${name})" if typ == "DATE" else f"${name}"


@cache
def node_statement(label: str) -> str:
    """``MERGE`` one node by key and set its properties (values are parameters)."""
    props = SCHEMA["nodes"][label]
    sets = ", ".join(f"n.`{p}` = {_v('p_' + p, t)}" for p, t in props.items())
    return f"MERGE (n:`{label}` {{key: $key}})" + (f" SET {sets}" if sets else "")


@cache
def edge_statement(rtype: str, a: str, b: str) -> str:
    """``CREATE`` one edge between two nodes found by key."""
    props = SCHEMA["rels"][rtype]["props"]
    pm = ", ".join(f"`{p}`: {_v('p_' + p, t)}" for p, t in props.items())
    return f"MATCH (a:`{a}` {{key: $a}}), (b:`{b}` {{key: $b}}) CREATE (a)-[:`{rtype}` {{{pm}}}]->(b)"


def _params(props: dict, d: dict) -> dict:
    out = {}
    for p, t in props.items():
        v = d.get(p)
        if t.endswith("[]"):
            v = list(v) if v is not None else []
        out["p_" + p] = v
    return out


def naive_ingest(kg, records: Iterable[dict], progress: Callable[[int], None] | None = None) -> int:
    """Write ``records`` into ``kg`` one statement per row; returns the number of statements run."""
    store, n = kg.store, 0
    for rec in records:
        b = GraphBuilder()
        b.add_record(rec)
        g = b.g
        with store.transaction():
            for k, d in g.nodes(data=True):
                props = SCHEMA["nodes"][d["label"]]
                store.run(node_statement(d["label"]), {"key": k, **_params(props, d)}, recipe="naive node")
                n += 1
            for a, b_, d in g.edges(data=True):
                props = SCHEMA["rels"][d["type"]]["props"]
                store.run(edge_statement(d["type"], g.nodes[a]["label"], g.nodes[b_]["label"]),
                          {"a": a, "b": b_, **_params(props, d)}, recipe="naive edge")
                n += 1
        if progress:
            progress(1)
    return n
