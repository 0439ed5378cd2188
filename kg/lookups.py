"""The lookup tables of :data:`kg.model.LOOKUPS`, kept in step with the nodes they name.

The embedded store finds a node without reading its whole table only through the table's primary key. A task is
asked for by its public id (``kg show task NV-7f3a2c``) and a document by its number as typed (``kg trace
02/2026``): a scan of ``Task.id`` or ``Document.number_key`` grows with the store. So each such value is the key of
a small lookup node (``TaskIdLookup``, ``NumberLookup``) linked from the nodes it names (``HAS_ID``, ``HAS_NUMBER``),
and a question reads the lookup node by key, then its few edges.

- :func:`write_lookups`: after new Task or Document nodes are written, their lookup nodes (made when new) and edges.
- :func:`lookup_values_of_notices` / :func:`drop_orphan_lookups`: around the removal of notices, the lookup keys their
  tasks and documents used, then the lookup nodes nothing links to any more.
- :func:`rebuild_lookups`: every lookup from the nodes held (the migration to store format 6).

Only a store whose ``key_lookups`` attribute is true keeps them (the embedded store); the others (Neo4j, with range
indexes on those properties) are asked through the properties themselves, and these functions do nothing there.
"""

from __future__ import annotations

from typing import Any, Iterable

from .model import LOOKUPS, lookup_values
from .store.rows import ident

__all__ = ["uses_lookups", "derived_in", "lookups_in", "lookups_of", "write_lookups", "lookup_values_of_notices", "drop_orphan_lookups", "rebuild_lookups"]


def uses_lookups(store: Any) -> bool:
    """Whether ``store`` keeps the lookup tables (its ``key_lookups`` attribute; false when it has none)."""
    return bool(getattr(store, "key_lookups", False))


def write_lookups(store: Any, label: str, rows: Iterable[dict]) -> None:
    """Link nodes of ``label`` just created (``rows``: their ``key`` and the property each lookup reads) to their
    lookup nodes, creating the lookup nodes not held yet. Every row must be a node without lookup edges yet (new)."""
    if not uses_lookups(store):
        return
    rows = list(rows)
    for lookup, spec in LOOKUPS.items():
        if spec["of"] != label or not rows:
            continue
        pairs = sorted({(r["key"], v) for r in rows for v in lookup_values(lookup, r)})
        if not pairs:
            continue
        values = sorted({v for _, v in pairs})
        held = {r["key"] for r in store.run(f"UNWIND $keys AS k MATCH (n:{ident(lookup)} {{key: k}}) RETURN n.key AS key",
                                            {"keys": values}, recipe=f"held {lookup}")}
        new = [{"key": v} for v in values if v not in held]
        if new:
            store.create_nodes(lookup, {}, new, recipe=f"write {lookup}")
        store.create_edges(spec["rel"], label, lookup, {}, [{"a": a, "b": b} for a, b in pairs],
                           recipe=f"write {spec['rel']}")


def lookup_values_of_notices(store: Any, notice_keys: list[str], document_keys: Iterable[str]) -> dict[str, list[str]]:
    """Before notices are removed: per lookup, the keys of the lookup nodes linked from their tasks and from the
    documents ``document_keys`` (those that may go with them), to check afterwards (:func:`drop_orphan_lookups`)."""
    if not uses_lookups(store):
        return {}
    out: dict[str, set[str]] = {lookup: set() for lookup in LOOKUPS}
    for lookup, spec in LOOKUPS.items():
        if spec["of"] == "Task" and notice_keys:
            for r in store.run(f"UNWIND $keys AS k MATCH (n:Notice {{key: k}})-[:CONTAINS]->(t:Task) RETURN t.key AS key, "
                               f"t.{ident(spec['by'])} AS {ident(spec['by'])}", {"keys": list(notice_keys)},
                               recipe=f"{lookup} of removed notices"):
                out[lookup] |= set(lookup_values(lookup, r))
        elif spec["of"] == "Document":
            docs = sorted(set(document_keys))
            if docs:
                for r in store.run(f"UNWIND $keys AS k MATCH (d:Document {{key: k}}) RETURN d.key AS key, "
                                   f"d.{ident(spec['by'])} AS {ident(spec['by'])}", {"keys": docs},
                                   recipe=f"{lookup} of removed documents"):
                    out[lookup] |= set(lookup_values(lookup, r))
    return {lookup: sorted(v) for lookup, v in out.items() if v}


def lookups_of(label: str, rows: Iterable[dict]) -> dict[str, list[str]]:
    """Per lookup of ``label``'s nodes, the keys of the lookup nodes ``rows`` (nodes of that label) are linked to.

    >>> lookups_of("Task", [{"key": "task:d/NV-1", "id": "NV-1"}])
    {'TaskIdLookup': ['NV-1']}
    """
    rows = list(rows)
    return {lookup: sorted({v for r in rows for v in lookup_values(lookup, r)})
            for lookup, spec in LOOKUPS.items() if spec["of"] == label}


def drop_orphan_lookups(store: Any, values: dict[str, list[str]]) -> None:
    """Delete the lookup nodes among ``values`` (per lookup, keys) that no node links to any more."""
    if not uses_lookups(store):
        return
    for lookup, keys in values.items():
        if keys:
            rel = LOOKUPS[lookup]["rel"]
            store.run(f"UNWIND $keys AS k MATCH (x:{ident(lookup)} {{key: k}}) "
                      f"WHERE NOT EXISTS {{ MATCH (x)<-[:{ident(rel)}]-() }} DELETE x", {"keys": keys},
                      recipe=f"remove unlinked {lookup}")


def rebuild_lookups(store: Any) -> int:
    """Every lookup node and edge made afresh from the nodes held (those there are deleted first), in the caller's
    transaction; returns the number of edges written."""
    if not uses_lookups(store):
        return 0
    n = 0
    for lookup, spec in LOOKUPS.items():
        store.run(f"MATCH (x:{ident(lookup)}) DETACH DELETE x", recipe=f"clear {lookup}")
        by = ident(spec["by"])
        rows = store.run(f"MATCH (n:{ident(spec['of'])}) RETURN n.key AS key, n.{by} AS {by}", recipe=f"read {lookup}")
        pairs = sorted({(r["key"], v) for r in rows for v in lookup_values(lookup, r)})
        if pairs:
            store.create_nodes(lookup, {}, [{"key": v} for v in sorted({v for _, v in pairs})], recipe=f"write {lookup}")
            store.create_edges(spec["rel"], spec["of"], lookup, {}, [{"a": a, "b": b} for a, b in pairs],
                               recipe=f"write {spec['rel']}")
        n += len(pairs)
    return n


LOOKUP_FORMAT = 6  # the store format since which a store with key_lookups holds the lookup tables (kg/store/format.py)


def derived_in(store: Any, fmt: Any, since: int) -> bool:
    """Whether the questions may read what ``store`` derives as it is written (the lookup tables here, the
    DeadlineDay groups of kg/days.py), kept since store format ``since``: a store that keeps derived data
    (``key_lookups``) and whose format ``fmt`` (a :class:`~kg.store.format.StoreFormat`) is ``since`` or later. A
    store of an older format opened read-only (not migrated) is asked through the scans.

    >>> from kg.store.format import StoreFormat
    >>> class S: key_lookups = True
    >>> derived_in(S(), StoreFormat(7), 7), derived_in(S(), StoreFormat(6), 7), derived_in(object(), StoreFormat(7), 7)
    (True, False, False)
    >>> derived_in(S(), None, 6)  # no format recorded: asked through the scans
    False
    """
    return uses_lookups(store) and fmt is not None and fmt.format >= since


def lookups_in(store: Any, fmt: Any) -> bool:
    """Whether the questions may read the lookup tables of ``store`` (:func:`derived_in` since format 6)."""
    return derived_in(store, fmt, LOOKUP_FORMAT)
