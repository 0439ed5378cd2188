"""The store's format version, kept in the store itself, and the migrations between versions.

Every store holds one ``Meta`` node (key ``"store"``) with the format version of its graph
(``format``), the version of the engine that last opened it for writing (``engine``) and when it
was made (``created``, UTC). :func:`ensure_format` runs when a knowledge graph is opened for
writing: a new store gets the current format; a store of an older format is migrated step by
step (``MIGRATIONS``), each step in one transaction; a store of a newer format, written by a
later chidao-kg, is refused with the command that fixes it.

Format history:

- 0: stores made before the format was recorded (no ``Meta`` node). Migration to 1 only writes
  ``Meta``: the graph's tables are the same (new properties are added by ``ensure_schema``).
- 1: ``Meta`` recorded.
- 2: folded text for search (``search`` on Notice, Task and Document, :func:`kg.model.search_text`); the
  migration adds the property and computes it from what each node holds.
- 3: the follow-up journal (``JournalEntry`` nodes, kg/journal.py), its effect on tasks (``done_on``,
  ``done_by``, ``deadline_by``, … on Task), how the extractor read each task (``reason``, ``confidence``,
  ``deadline_reason``; null on tasks stored before: ``kg ingest --reextract`` fills them), the assignee's
  ``reason`` on ASSIGNED_TO and ``by`` (the person a fact is attributed to) on every relation. The
  migration adds the tables and properties; an empty journal has no effect to replay.
- 4: ``order_key`` on Task (:func:`kg.model.task_order_key`: notice date, notice, ordinal in one INT64), what
  the listings (trace, workload, deadlines, the web app's pages) sort and page by. The migration computes it for
  every task from its notice. A store of format 3 opened read-only cannot answer those questions: the CLI then
  opens it for writing (which migrates it), ``kg serve`` migrates before serving.
- 5: a notice's own tasks and meeting are no longer linked to it by ``MENTIONED_IN`` as well (their provenance is in
  the notice's ``CONTAINS`` and ``RECORDS`` edges, which every reader uses): 26 of the ~160 edges an ingest wrote
  per notice. The migration deletes those edges (:func:`_from_4`); a store of format 4 opened read-only answers
  every question as it is (nothing reads them).
- 6: the lookup tables of :data:`kg.model.LOOKUPS` (``TaskIdLookup`` keyed by a task's public id, ``NumberLookup``
  by each prefix of a document's number, linked from the nodes they name: kg/lookups.py), what ``kg show task`` and
  the resolution of a typed document number read instead of scanning ``Task.id`` and ``Document.number_key``. The
  migration makes them from the tasks and documents held (a store without ``key_lookups``, Neo4j, only gets the
  empty tables' constraints). A store of format 5 opened read-only answers as before, through the scans.
- 7: the ``DeadlineDay`` groups of :data:`kg.model.DUE` (a node per day tasks are due and per kind of recurrence,
  linked from its tasks by ``DUE_ON``, with how many it groups and when those marked done were done: kg/days.py),
  what ``kg deadlines`` counts and pages by instead of scanning the task table. The migration makes them from the
  tasks held (:func:`_from_6`; none on a store without ``key_lookups``). A store of format 6 opened read-only answers
  as before, through the scans.
- 8: ``due`` on ASSIGNED_TO (:data:`kg.model.ASSIGNED_DUE`: the bucket of the edge's task, its deadline's day and a
  span of its notice's dates), what ``kg workload`` counts an agency's tasks by and pages through instead of sorting
  all of them. The migration computes it for every edge (:func:`_from_7`: one statement, about 7 minutes at 100,000
  notices; nothing on a store without ``key_lookups``). A store of format 7 opened read-only answers as before,
  through the sorts.
- 9: an edge's provenance is its notice and span (``notice``, ``span_start``, ``span_end``, ``by``): ``path`` and
  ``sha256``, the same on every edge of a notice, are read from the notice (``Notice.path``, ``Notice.sha256``). Two
  strings on each of the ~120 edges an ingest writes per notice made every checkpoint rewrite them with the edge lists
  of shared nodes: at 20,000 notices an ingest of 500 took 17.7 s instead of 13.8 s (docs/ladybug-notes.md, *Strings
  on edges*). The migration drops the two properties (:func:`_from_8`: a change of the tables only on the embedded
  store, under a second at 20,000 notices). A store of format 8 opened read-only answers as before (nothing reads
  them).

The engine (``ladybug``) is pinned to the versions this format was tested with in pyproject.toml
(``ENGINE_TESTED``); the engine refuses a database file of another storage version on its own,
and the store turns that into one line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from kg.store.ladybug_store import StoreNotice, StoreOpenError

__all__ = ["FORMAT_VERSION", "ENGINE_TESTED", "META_SPEC", "StoreFormat", "read_format", "ensure_format",
           "engine_version", "MIGRATIONS"]

FORMAT_VERSION = 9
ENGINE_TESTED = ">=0.22,<0.23"  # the ladybug versions this format was tested with (pyproject pins the same)
META_KEY = "store"
META_SPEC = {"nodes": {"Meta": {"key": "key", "props": {"key": "STRING", "format": "INT64", "engine": "STRING",
                                                         "created": "STRING"}}}}


@dataclass(frozen=True)
class StoreFormat:
    """A store's recorded format: ``format`` (0 when none was recorded), the ``engine`` version that last
    wrote it, ``created`` (UTC, ISO 8601), and ``migrated_from`` when :func:`ensure_format` upgraded it."""

    format: int
    engine: str | None = None
    created: str | None = None
    migrated_from: int | None = None
    new: bool = False


def engine_version(store: Any = None) -> str:
    """The engine that writes ``store``: the store says so itself (a Neo4j server), else the ladybug version."""
    own = getattr(store, "engine_version", None)
    if callable(own):
        return str(own())
    try:
        import ladybug

        return str(getattr(ladybug, "__version__", "?"))
    except ImportError:  # pragma: no cover
        return "?"


def _tables(store: Any) -> set[str]:
    """What the store holds: its tables (embedded), or the labels in use (a store that has ``labels()``:
    Neo4j has no tables, and an empty database is a new store)."""
    labels = getattr(store, "labels", None)
    if callable(labels):
        return set(labels())
    return {r["name"] for r in store.run("CALL show_tables() RETURN name")}


def read_format(store: Any) -> StoreFormat | None:
    """The store's recorded format; ``None`` for a store with no tables at all (a new one)."""
    tables = _tables(store)
    if "Meta" not in tables:
        return StoreFormat(0) if tables else None
    rows = store.run("MATCH (m:Meta {key: $key}) RETURN m.format AS format, m.engine AS engine, m.created AS created",
                     {"key": META_KEY})
    if not rows or rows[0]["format"] is None:
        return StoreFormat(0)
    r = rows[0]
    return StoreFormat(int(r["format"]), r["engine"], r["created"])


def _write_meta(store: Any, fmt: int, created: str | None) -> None:
    store.ensure_schema(META_SPEC)
    with store.transaction():
        store.run("MERGE (m:Meta {key: $key}) SET m.format = $format, m.engine = $engine, m.created = $created",
                  {"key": META_KEY, "format": fmt, "engine": engine_version(store),
                   "created": created or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})


def _from_0(store: Any) -> None:
    _write_meta(store, 1, None)


def _from_1(store: Any) -> None:
    from kg.model import SEARCH_FIELDS, search_text, store_spec

    store.ensure_schema(store_spec())  # the new property
    with store.transaction():
        for label, fields in SEARCH_FIELDS.items():
            cols = ", ".join(f"n.{f} AS {f}" for f in fields)
            rows = [{"key": r["key"], "search": search_text(*(r[f] for f in fields))}
                    for r in store.run(f"MATCH (n:{label}) RETURN n.key AS key, {cols}")]
            if rows:
                store.execute_many(f"UNWIND $rows AS row MATCH (n:{label} {{key: row.key}}) SET n.search = row.search",
                                   rows, recipe=f"migrate {label}.search")
        store.run("MATCH (m:Meta {key: $key}) SET m.format = $format", {"key": META_KEY, "format": 2})


def _from_2(store: Any) -> None:
    from kg.model import store_spec

    store.ensure_schema(store_spec())  # the JournalEntry table and the new properties (null until written)
    with store.transaction():
        store.run("MATCH (m:Meta {key: $key}) SET m.format = $format", {"key": META_KEY, "format": 3})


def _from_3(store: Any) -> None:
    from kg.model import store_spec, task_order_key

    store.ensure_schema(store_spec())  # Task.order_key
    with store.transaction():
        rows = [{"key": r["key"], "order_key": task_order_key(r["date"], r["notice"], r["ordinal"])}
                for r in store.run("MATCH (n:Notice)-[:CONTAINS]->(t:Task) RETURN t.key AS key, n.key AS notice, "
                                   "n.date AS date, t.ordinal AS ordinal", {}, recipe="migrate Task.order_key")]
        if rows:
            store.execute_many("UNWIND $rows AS row MATCH (t:Task {key: row.key}) SET t.order_key = row.order_key", rows,
                               recipe="migrate Task.order_key")
        store.run("MATCH (m:Meta {key: $key}) SET m.format = $format", {"key": META_KEY, "format": 4})


def _from_4(store: Any) -> None:
    """Format 5: the MENTIONED_IN edges of a notice's own nodes (kg.model.OWN_LINK) deleted."""
    from kg.model import OWN_LINK

    if callable(getattr(store, "labels", None)):  # a server store: no tables, a pattern without edges matches none
        own = list(OWN_LINK)
    else:  # the embedded store: only pairs its MENTIONED_IN table has (a pattern of a missing pair is an error)
        pairs = {(r["source table name"], r["destination table name"]) for r in store.run(
            "CALL show_connection('MENTIONED_IN') RETURN *")} if "MENTIONED_IN" in _tables(store) else set()
        own = [label for label in OWN_LINK if (label, "Notice") in pairs]
    with store.transaction():
        for label in own:
            store.run(f"MATCH (:{label})-[r:MENTIONED_IN]->(:Notice) DELETE r", {}, recipe=f"migrate {label} MENTIONED_IN")
        store.run("MATCH (m:Meta {key: $key}) SET m.format = $format", {"key": META_KEY, "format": 5})


def _from_5(store: Any) -> None:
    """Format 6: the lookup tables of kg.model.LOOKUPS made from the tasks and documents held."""
    from kg.lookups import rebuild_lookups
    from kg.model import store_spec

    store.ensure_schema(store_spec())  # the lookup tables
    with store.transaction():
        rebuild_lookups(store)
        store.run("MATCH (m:Meta {key: $key}) SET m.format = $format", {"key": META_KEY, "format": 6})


def _from_6(store: Any) -> None:
    """Format 7: the DeadlineDay groups of kg.model.DUE made from the tasks held."""
    from kg.days import rebuild_days
    from kg.model import store_spec

    store.ensure_schema(store_spec())  # the DeadlineDay table and DUE_ON
    with store.transaction():
        rebuild_days(store)
        store.run("MATCH (m:Meta {key: $key}) SET m.format = $format", {"key": META_KEY, "format": 7})


def _from_7(store: Any) -> None:
    """Format 8: ``due`` on every ASSIGNED_TO edge (kg.model.ASSIGNED_DUE), computed from its task."""
    from kg.days import rebuild_due
    from kg.model import store_spec

    store.ensure_schema(store_spec())  # the property
    rebuild_due(store)  # (a transaction per part: one for all fills the buffer pool at 100,000 notices; a run
    with store.transaction():  # stopped before the format is set computes them all again)
        store.run("MATCH (m:Meta {key: $key}) SET m.format = $format", {"key": META_KEY, "format": 8})


# what format 9 no longer keeps on edges (kg.model.PROV): the notice's file and sha256
DROPPED_EDGE_PROPS = ("path", "sha256")
# on a server store, per relation type: a page of its edges loses them (run until it counts none)
SERVER_DROP_EDGE_PROPS = ("MATCH ()-[r:{rtype}]->() WHERE r.path IS NOT NULL OR r.sha256 IS NOT NULL "
                          "WITH r LIMIT 20000 REMOVE r.path, r.sha256 RETURN count(r) AS n")


def _from_8(store: Any) -> None:
    """Format 9: ``path`` and ``sha256`` dropped from every relation (an edge's notice holds them)."""
    from kg.model import SCHEMA

    if callable(getattr(store, "labels", None)):  # a server store: properties on each edge, removed a page at a time
        for rtype in SCHEMA["rels"]:
            while store.run(SERVER_DROP_EDGE_PROPS.format(rtype=rtype), {},
                            recipe=f"migrate {rtype} provenance")[0]["n"]:
                pass
        with store.transaction():
            store.run("MATCH (m:Meta {key: $key}) SET m.format = $format", {"key": META_KEY, "format": 9})
        return
    tables = _tables(store)
    with store.transaction():  # the embedded store: a column dropped from a table (the file keeps its pages for reuse)
        for rtype in SCHEMA["rels"]:
            if rtype not in tables:
                continue
            have = {r["name"] for r in store.run(f"CALL table_info('{rtype}') RETURN *")}
            for prop in DROPPED_EDGE_PROPS:
                if prop in have:
                    store.run(f"ALTER TABLE {rtype} DROP {prop}", {}, recipe=f"migrate {rtype}.{prop}")
        store.run("MATCH (m:Meta {key: $key}) SET m.format = $format", {"key": META_KEY, "format": 9})


MIGRATIONS: dict[int, Callable[[Any], None]] = {0: _from_0, 1: _from_1, 2: _from_2, 3: _from_3, 4: _from_4,
                                                5: _from_5, 6: _from_6, 7: _from_7, 8: _from_8}  # version N -> N + 1


def _newer(path: str, found: StoreFormat) -> str:
    return (f"{path}: kho có định dạng {found.format}, mới hơn định dạng {FORMAT_VERSION} mà bản chidao-kg này "
            f"đọc được (kho do bản mới hơn tạo, Ladybug {found.engine or '?'}): hãy cập nhật chidao-kg "
            "(pip install -U chidao-kg)")


def migrating_line(path: str, start: int, version: int = FORMAT_VERSION) -> str:
    """What a user reads when a migration starts (it can take minutes on a big store, and nothing else is said
    until it ends).

    >>> migrating_line("kho/graph.lbug", 7, 8)
    'kho/graph.lbug: đang nâng định dạng kho từ 7 lên 8 (một lần; với kho lớn có thể mất vài phút)…'
    """
    return f"{path}: đang nâng định dạng kho từ {start} lên {version} (một lần; với kho lớn có thể mất vài phút)…"


def ensure_format(store: Any, announce: Callable[[str], None] | None = None) -> StoreFormat:
    """Record the current format in a new store, migrate an older one, refuse a newer one (StoreOpenError).

    A migration adds a :class:`~kg.store.ladybug_store.StoreNotice` (``kind="migrated"``) to
    ``store.notices`` when the store has that list; ``announce`` is given :func:`migrating_line` before it starts.
    """
    found = read_format(store)
    path = getattr(store, "path", "?")
    if getattr(store, "read_only", False):  # a reader only checks: migrations wait for the next write open
        if found is not None and found.format > FORMAT_VERSION:
            raise StoreOpenError("newer_format", path, _newer(path, found))
        return found or StoreFormat(0)
    if found is None:
        _write_meta(store, FORMAT_VERSION, None)
        return StoreFormat(FORMAT_VERSION, engine_version(store), None, new=True)
    if found.format > FORMAT_VERSION:
        raise StoreOpenError("newer_format", path, _newer(path, found))
    start = found.format
    version = start
    if version < FORMAT_VERSION and announce is not None:
        announce(migrating_line(path, start))
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:  # pragma: no cover — every version below the current one has a step
            raise StoreOpenError("unknown_format", path, f"{path}: không nâng được kho từ định dạng {version}")
        step(store)
        version += 1
    if version != start:
        notices = getattr(store, "notices", None)
        if isinstance(notices, list):
            notices.append(StoreNotice("migrated", path, f"{path}: đã nâng định dạng kho từ {start} lên {version}"))
        now = read_format(store)
        return StoreFormat(version, now.engine if now else None, now.created if now else None, migrated_from=start)
    if found.engine != engine_version(store) and not getattr(store, "read_only", False):
        with store.transaction():
            store.run("MATCH (m:Meta {key: $key}) SET m.engine = $engine", {"key": META_KEY, "engine": engine_version(store)})
        found = StoreFormat(found.format, engine_version(store), found.created)
    return found
