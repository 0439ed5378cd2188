"""Graph stores: thin adapters that run Cypher text with separate parameters.

Two stores offer the one surface :class:`GraphStore` describes, and :class:`kg.graph.KnowledgeGraph`
uses nothing else: the embedded Ladybug database (``kg.store.ladybug_store.LadybugStore``, the
default) and a Neo4j 5 server (``kg.store.neo4j_store.Neo4jStore``, through the official driver).
Both are imported lazily: ``neo4j`` is an optional dependency, and the embedded store works without it.
:func:`open_store` picks one from a ``--store`` value: a path, or a ``neo4j://``, ``neo4j+s://``,
``bolt://`` or ``bolt+s://`` URI.

Crash safety of the embedded store lives here too: ``LadybugStore`` recovers a torn log on open
(``notices`` says so) and checkpoints every committed write transaction; ``kg.store.format`` records
the store's format version and migrates older ones; ``kg.store.maintenance`` has ``doctor`` (with
``repair``), ``backup`` and ``restore``, which ``kg doctor / backup / restore`` call.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from typing import Any, Iterable, Mapping, Protocol, Sequence, runtime_checkable

__all__ = ["GraphStore", "LadybugStore", "Neo4jStore", "is_uri", "open_store"]


@runtime_checkable
class GraphStore(Protocol):
    """What a store offers the knowledge graph. Values always travel as parameters, never in the text.

    - ``run(text, params=None, *, recipe=None) -> list[dict]``: one statement (several ``;``-separated
      ones are refused); rows as dicts keyed by the RETURN aliases, with plain Python values
      (``int``, ``float``, ``str``, ``bool``, ``None``, ``datetime.date``, lists): both stores give the
      same values for the same graph. Failures are :class:`kg.errors.StoreError` naming ``recipe``.
    - ``run_recipe(registry, name, /, **params) -> list[dict]``: bind a recipe of ``queries/`` and run it.
    - ``execute_many(text, rows, batch=..., *, param="rows", dedupe_by=None, recipe=None) -> int``:
      ``UNWIND $rows AS row …`` once per batch of rows, all batches in one transaction; every row is
      sent with the keys of all rows, ``dedupe_by`` collapses rows with equal values there (the last
      wins). Returns the number of rows written.
    - ``create_nodes(label, props, rows, *, batch=..., recipe=None) -> int``: CREATE a ``label`` node per
      row (its ``key`` and each property of ``props``, a mapping of names to types; a list property's None
      as ``[]``), in one transaction (or the caller's); the keys must be new. The write of
      :func:`kg.store.rows.create_nodes_text` through ``execute_many``, which is what Neo4j runs; the
      embedded store sends the rows as columns (faster to bind).
    - ``create_edges(rtype, a, b, props, rows, *, batch=..., recipe=None) -> int``: CREATE an ``rtype``
      edge per row from the ``a`` node keyed ``row["a"]`` to the ``b`` node keyed ``row["b"]``, with each
      property of ``props`` (:func:`kg.store.rows.create_edges_text`).
    - ``transaction()``: a context manager around one write transaction, committed at its end and
      rolled back on error; a nested block joins the outer transaction.
    - ``deferred_checkpoints()``: a context manager around a long write of many transactions (a bulk
      ingest): the embedded store checkpoints its log when it has grown past a budget and at the end,
      not after every commit (each commit stays durable in the log); Neo4j changes nothing.
    - ``ensure_schema(spec) -> list[str]``: make what :func:`kg.model.store_spec` describes exist
      (tables on the embedded store; uniqueness constraints and indexes on Neo4j), idempotently;
      returns the statements that changed the schema.
    - ``close()``, and use as a context manager (``with store: …``).

    Attributes read by the graph: ``path`` (what messages name: a file, or the server's URI without
    credentials), ``read_only``, ``notices`` (what the store did on its own, one line each), ``key_lookups``
    (true: the store finds nodes by primary key only, and the graph keeps the lookup tables of
    :data:`kg.model.LOOKUPS` and the DeadlineDay groups of :data:`kg.model.DUE`; false or missing: it indexes the
    looked-up properties instead).
    """

    path: str
    read_only: bool
    notices: list

    def run(self, text: str, params: Mapping[str, Any] | None = None, *, recipe: str | None = None) -> list[dict]: ...

    def run_recipe(self, registry: Any, name: str, /, **params: Any) -> list[dict]: ...

    def execute_many(self, text: str, rows: Iterable[Mapping[str, Any]], batch: Any = ..., *, param: str = "rows",
                     dedupe_by: str | Sequence[str] | None = None, recipe: str | None = None) -> int: ...

    def create_nodes(self, label: str, props: Mapping[str, str], rows: Sequence[Mapping[str, Any]], *,
                     batch: Any = ..., recipe: str | None = None) -> int: ...

    def create_edges(self, rtype: str, a: str, b: str, props: Mapping[str, str], rows: Sequence[Mapping[str, Any]],
                     *, batch: Any = ..., recipe: str | None = None) -> int: ...

    def transaction(self) -> AbstractContextManager: ...

    def deferred_checkpoints(self) -> AbstractContextManager: ...

    def check_room(self, notices: int = 0, other_bytes: int = 0) -> None: ...

    def ensure_schema(self, spec: Mapping[str, Any]) -> list[str]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Any: ...

    def __exit__(self, *exc: Any) -> Any: ...


def is_uri(target: Any) -> bool:
    """Whether a ``--store`` value names a server (``scheme://…``) rather than a file path."""
    from kg.store.neo4j_store import is_uri as check

    return check(os.fspath(target) if isinstance(target, os.PathLike) else target)


def open_store(target: Any = ":memory:", *, read_only: bool = False, **options: Any) -> GraphStore:
    """The store ``target`` names: a Neo4j server for a ``neo4j://``-style URI (user and password from
    ``options`` or ``$NEO4J_USER`` / ``$NEO4J_PASSWORD``, database from ``$NEO4J_DATABASE``), else the
    embedded store at that path (``":memory:"`` for an in-memory one)."""
    if isinstance(target, str) and is_uri(target):
        from kg.store.neo4j_store import Neo4jStore

        return Neo4jStore(target, read_only=read_only, **options)
    from kg.store.ladybug_store import LadybugStore

    return LadybugStore(target, read_only=read_only, **options)


def __getattr__(name: str) -> Any:
    if name == "LadybugStore":
        from kg.store.ladybug_store import LadybugStore

        return LadybugStore
    if name == "Neo4jStore":
        from kg.store.neo4j_store import Neo4jStore

        return Neo4jStore
    raise AttributeError(f"module 'kg.store' has no attribute {name!r}")
