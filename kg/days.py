"""The ``DeadlineDay`` groups of :data:`kg.model.DUE`, kept in step with the tasks they group.

``kg deadlines`` counts and pages the tasks due in a range of days, by status. The embedded store has no index but a
table's primary key, so those questions scanned two or three columns of the whole task table (15–35 ms each at 10,000
notices, ten times that at 100,000). Instead every task with a deadline is linked (``DUE_ON``) to the node of its day (and span of notice dates),
every recurring task to the node of its kind of recurrence (:func:`kg.model.due_group`), and each node holds how many
tasks it groups (``n``) and the days those marked done were done (``done``): a total is a sum over the days of the
range (a few thousand rows at most), a page reads the tasks of the few days it spans (kg.graph.KnowledgeGraph.deadlines).

- :func:`write_days`: after new Task nodes are written (ingest, restore: :func:`write_derived`), their groups (made
  when new) and edges.
- :func:`groups_of_notices` / :func:`drop_groups`: before notices' tasks are deleted, their groups; after, the counts
  taken off (the tasks' edges went with them).
- :func:`kept_days`: around a change of some tasks' deadline, recurrence or completion (the journal, a later
  document's extension), the groups of those tasks read before and after, and what changed moved.
- :func:`rebuild_days`: every group from the tasks held (the migration to store format 7, a store copy).
- :func:`recount_days`: the groups recounted from the tasks and from the edges, beside those held (for the tests).

Since store format 8 every ASSIGNED_TO edge also holds its task's bucket (``due``, :data:`kg.model.ASSIGNED_DUE`), what
``kg workload`` counts an agency's tasks by and pages through: ingest writes it with the edge
(:func:`with_due`), :func:`kept_days` rewrites it where a task's deadline changed, :func:`mark_due` where edges were
made (the journal's assignees, a restore), :func:`rebuild_due` everywhere (the migration, a store copy);
:func:`recount_due` lists the edges out of step (for the tests). A removal needs nothing: the buckets hold no counts.

Only a store whose ``key_lookups`` attribute is true keeps them (the embedded store, like kg/lookups.py); Neo4j has
range indexes on ``Task.deadline_end`` and ``Task.order_key`` and is asked through them (the scans' recipes).
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from .lookups import derived_in, uses_lookups, write_lookups
from .model import ASSIGNED_DUE, DUE, ORDER_DATE_UNIT, assigned_due, due_group
from .store.rows import ident

__all__ = ["DAY_FORMAT", "grouped", "DUE_FORMAT", "uses_days", "days_in", "due_in", "write_derived", "write_days",
           "groups_of_notices", "drop_groups", "kept_days", "rebuild_days", "recount_days", "ASSIGNED_DUE_CYPHER",
           "with_due", "due_rows", "mark_due", "rebuild_due", "recount_due"]

DAY_FORMAT = 7  # the store format since which a store with key_lookups holds the DeadlineDay groups
DUE_FORMAT = 8  # ... and the buckets of its assignments (ASSIGNED_TO.due)
_DUE_REL, _DUE = ident(ASSIGNED_DUE["rel"]), ident(ASSIGNED_DUE["prop"])
# kg.model.assigned_due of the task ``t``, computed by the embedded store (a DATE minus a DATE: days; INT64 division)
ASSIGNED_DUE_CYPHER = (
    f"CASE WHEN t.deadline_end < date('1900-01-01') THEN 0 ELSE (CASE WHEN t.deadline_end IS NULL THEN "
    f"{ASSIGNED_DUE['no_day']} ELSE t.deadline_end - date('1900-01-01') END) * {1 << ASSIGNED_DUE['bits']} + "
    f"coalesce(t.order_key / {ORDER_DATE_UNIT} / {ASSIGNED_DUE['span']}, {(1 << 19) // ASSIGNED_DUE['span']}) END")
LABEL, REL = DUE["label"], DUE["rel"]
_SHARED = tuple(p for p in DUE["props"] if p not in ("n", "done"))  # what a group's tasks share (kg.model.due_group)
_READS = ", ".join(f"t.{ident(p)} AS {ident(p)}" for p in DUE["reads"])


def uses_days(store: Any) -> bool:
    """Whether ``store`` keeps the DeadlineDay groups: a store that keeps the lookup tables (``key_lookups``)."""
    return uses_lookups(store)


def days_in(store: Any, fmt: Any) -> bool:
    """Whether the questions may read the DeadlineDay groups of ``store`` (:func:`kg.lookups.derived_in` since
    format 7)."""
    return derived_in(store, fmt, DAY_FORMAT)


def write_derived(store: Any, label: str, rows: Iterable[dict]) -> None:
    """What the store derives from nodes of ``label`` just created (``rows``: new nodes, every property of their
    label): their lookup entries (kg/lookups.py) and, for tasks, their DeadlineDay groups. The one writer ingest and
    restore call, so neither forgets one."""
    rows = list(rows)
    write_lookups(store, label, rows)
    if label == DUE["of"]:
        write_days(store, rows)


def due_in(store: Any, fmt: Any) -> bool:
    """Whether the questions may read the ``due`` buckets of ASSIGNED_TO (:data:`kg.model.ASSIGNED_DUE`) of ``store``
    (:func:`kg.lookups.derived_in` since format 8; one of format 7 opened read-only: the sorts).

    >>> from kg.store.format import StoreFormat
    >>> class S: key_lookups = True
    >>> due_in(S(), StoreFormat(8)), due_in(S(), StoreFormat(7)), due_in(object(), StoreFormat(8))
    (True, False, False)
    """
    return derived_in(store, fmt, DUE_FORMAT)


def with_due(store: Any, rows: list[dict], tasks: dict[str, dict]) -> tuple[dict, list[dict]]:
    """ASSIGNED_TO edge rows about to be written (``a``: the task's key) with their ``due`` from ``tasks`` (key: the
    row of its task, :data:`kg.model.ASSIGNED_DUE` ``reads``), and the property to add to those written; as they
    are on a store that keeps no buckets. An edge whose task is not in ``tasks`` gets none (:func:`mark_due` it)."""
    if not uses_days(store):
        return {}, rows
    return {ASSIGNED_DUE["prop"]: ASSIGNED_DUE["type"]}, due_rows(rows, tasks)


def due_rows(rows: list[dict], tasks: dict[str, dict]) -> list[dict]:
    """ASSIGNED_TO edge rows with their ``due`` (:func:`with_due` on a store that keeps the buckets)."""
    return [{**r, ASSIGNED_DUE["prop"]: assigned_due(tasks[r["a"]]) if r["a"] in tasks else None} for r in rows]


def mark_due(store: Any, task_keys: Iterable[str]) -> None:
    """The ``due`` of every ASSIGNED_TO edge of the tasks ``task_keys`` computed afresh (after edges were made or a
    deadline changed), one statement per task (a key match followed by a pattern in one UNWIND can make the engine
    scan)."""
    if not uses_days(store):
        return
    for k in sorted(set(task_keys)):
        store.run(f"MATCH (t:Task {{key: $k}})-[a:{_DUE_REL}]->() SET a.{_DUE} = {ASSIGNED_DUE_CYPHER}", {"k": k},
                  recipe=f"mark {ASSIGNED_DUE['rel']}.{ASSIGNED_DUE['prop']}")


def rebuild_due(store: Any, tasks: int = 200_000) -> None:
    """The ``due`` of every ASSIGNED_TO edge computed from its task (the migration to store format 8, a store copy),
    the edges of ``tasks`` tasks (by their place in the table) a transaction: one for all filled the engine's buffer
    pool at 100,000 notices (4.6 million edges). Each step writes what it writes whole, so a run stopped between two
    leaves edges either in step or to be written again by the next run."""
    if not uses_days(store):
        return
    last = store.run("MATCH (t:Task) RETURN max(offset(id(t))) AS m", recipe="last task")[0]["m"]
    for lo in range(0, -1 if last is None else last + 1, tasks):
        with store.transaction():
            store.run(f"MATCH (t:Task)-[a:{_DUE_REL}]->() WHERE offset(id(t)) >= $lo AND offset(id(t)) < $hi "
                      f"SET a.{_DUE} = {ASSIGNED_DUE_CYPHER}", {"lo": lo, "hi": lo + tasks},
                      recipe=f"rebuild {ASSIGNED_DUE['rel']}.{ASSIGNED_DUE['prop']}")


def recount_due(store: Any) -> list[tuple[str, str, int | None, int]]:
    """The ASSIGNED_TO edges whose ``due`` differs from :func:`kg.model.assigned_due` of their task (task key,
    assignee key, held, wanted); empty when the store is in step."""
    reads = ", ".join(f"t.{ident(p)} AS {ident(p)}" for p in ASSIGNED_DUE["reads"])
    rows = store.run(f"MATCH (t:Task)-[a:{_DUE_REL}]->(o) RETURN t.key AS key, o.key AS org, a.{_DUE} AS due, {reads}",
                     recipe=f"recount {ASSIGNED_DUE['rel']}.{ASSIGNED_DUE['prop']}")
    return sorted((r["key"], r["org"], r["due"], w) for r in rows if r["due"] != (w := assigned_due(r)))


def _adjust(store: Any, gone: Iterable[dict], come: Iterable[dict]) -> None:
    """Take the groups of ``gone`` (tasks no longer in them) off their nodes and add those of ``come``: nodes made
    when new, their ``n`` and ``done`` rewritten, deleted when they group no task any more (their edges are gone)."""
    delta: Counter = Counter()
    done_off: dict[str, Counter] = {}
    done_on: dict[str, Counter] = {}
    shape: dict[str, dict] = {}
    for sign, groups, days in ((-1, gone, done_off), (1, come, done_on)):
        for g in groups:
            delta[g["key"]] += sign
            shape.setdefault(g["key"], g)
            if g["done"] is not None:
                days.setdefault(g["key"], Counter())[g["done"]] += 1
    keys = sorted(k for k in shape if delta[k] or k in done_off or k in done_on)
    if not keys:
        return
    held = {r["key"]: r for r in store.run(f"UNWIND $keys AS k MATCH (d:{LABEL} {{key: k}}) RETURN d.key AS key, "
                                           "d.n AS n, d.done AS done", {"keys": keys}, recipe=f"held {LABEL}")}
    new, changed, empty = [], [], []
    for k in keys:
        h = held.get(k)
        done = Counter(h["done"] or []) if h else Counter()
        done.subtract(done_off.get(k, Counter()))
        done.update(done_on.get(k, Counter()))
        n = (h["n"] if h else 0) + delta[k]
        if n < 0 or any(c < 0 for c in done.values()):
            raise ValueError(f"{LABEL} {k}: counts below zero ({n}): the groups are out of step with the tasks")
        row = {"key": k, "n": n, "done": sorted(done.elements())}
        if n == 0:
            if h:
                empty.append(k)
        elif h is None:
            g = shape[k]
            new.append({**row, **{p: g[p] for p in _SHARED}})
        elif (n, row["done"]) != (h["n"], sorted(h["done"] or [])):
            changed.append(row)
    if new:
        store.create_nodes(LABEL, DUE["props"], new, recipe=f"write {LABEL}")
    if changed:
        store.execute_many(f"UNWIND $rows AS row MATCH (d:{LABEL} {{key: row.key}}) SET d.n = row.n, d.done = row.done",
                           changed, dedupe_by="key", recipe=f"update {LABEL}")
    if empty:
        store.run(f"UNWIND $keys AS k MATCH (d:{LABEL} {{key: k}}) DETACH DELETE d", {"keys": empty},
                  recipe=f"remove empty {LABEL}")


def _link(store: Any, pairs: list[tuple[str, str]]) -> None:
    if pairs:
        store.create_edges(REL, DUE["of"], LABEL, {}, [{"a": a, "b": b} for a, b in sorted(pairs)],
                           recipe=f"write {REL}")


def write_days(store: Any, rows: Iterable[dict]) -> None:
    """Group Task nodes just created (``rows``: their ``key`` and the properties of ``DUE["reads"]``; tasks without
    a DUE_ON edge yet): their groups' counts raised (the nodes made when new) and the tasks linked to them."""
    if not uses_days(store):
        return
    pairs = [(r["key"], g) for r in rows if (g := due_group(r)) is not None]
    _adjust(store, [], [g for _, g in pairs])
    _link(store, [(k, g["key"]) for k, g in pairs])


def groups_of_notices(store: Any, notice_keys: list[str]) -> list[dict]:
    """Before notices' tasks are deleted: the groups of their tasks (give them to :func:`drop_groups` after)."""
    if not uses_days(store) or not notice_keys:
        return []
    rows = store.run(f"UNWIND $keys AS k MATCH (n:Notice {{key: k}})-[:CONTAINS]->(t:Task) RETURN {_READS}",
                     {"keys": list(notice_keys)}, recipe=f"{LABEL} of removed notices")
    return [g for r in rows if (g := due_group(r)) is not None]


def drop_groups(store: Any, groups: list[dict]) -> None:
    """After the tasks of ``groups`` (:func:`groups_of_notices`) were deleted: their counts taken off."""
    if uses_days(store) and groups:
        _adjust(store, groups, [])


def _groups_of(store: Any, keys: list[str]) -> tuple[dict[str, dict | None], dict[str, int]]:
    """The groups of the tasks ``keys`` (None: due on no day, or no such task) and the buckets of those there are."""
    rows = store.run(f"UNWIND $keys AS k MATCH (t:Task {{key: k}}) RETURN t.key AS key, {_READS}", {"keys": keys},
                     recipe=f"{LABEL} of tasks")
    out: dict[str, dict | None] = {k: None for k in keys}
    out.update({r["key"]: due_group(r) for r in rows})
    return out, {r["key"]: assigned_due(r) for r in rows}


@contextmanager
def kept_days(store: Any, task_keys: Iterable[str]) -> Iterator[None]:
    """Around a change of the tasks ``task_keys`` (their deadline, recurrence or completion set, the task deleted or
    created): their groups read before and after, and the tasks whose group or completion changed moved (their old
    edge deleted, the counts moved, the new edge written)."""
    keys = sorted(set(task_keys))
    if not uses_days(store) or not keys:
        yield
        return
    before, due_before = _groups_of(store, keys)
    yield
    after, due_after = _groups_of(store, keys)
    mark_due(store, [k for k in keys if k in due_after and due_before.get(k) != due_after[k]])  # (gone: no edges)
    moved = [k for k in keys if before[k] != after[k]]
    if not moved:
        return
    for k in moved:  # (one key at a time: a key match followed by a pattern can make the engine scan)
        if before[k] is not None and after[k] is not None:  # (a deleted task's edge went with it)
            store.run(f"MATCH (t:Task {{key: $k}})-[r:{REL}]->(:{LABEL}) DELETE r", {"k": k}, recipe=f"move {REL}")
    _adjust(store, [before[k] for k in moved if before[k] is not None], [after[k] for k in moved if after[k] is not None])
    _link(store, [(k, after[k]["key"]) for k in moved if after[k] is not None])


def grouped(rows: Iterable[dict]) -> dict[str, dict]:
    """The groups (:func:`kg.model.due_group`) of tasks ``rows`` (their ``key`` and ``DUE["reads"]``): per group key, its
    node's properties (``n``, ``done`` sorted, what its tasks share) and ``tasks``, the keys of its tasks."""
    out: dict[str, dict] = {}
    for r in rows:
        g = due_group(r)
        if g is None:
            continue
        x = out.setdefault(g["key"], {"key": g["key"], "n": 0, "done": [], "tasks": [],
                                      **{p: g[p] for p in _SHARED}})
        x["n"] += 1
        x["tasks"].append(r["key"])
        if g["done"] is not None:
            x["done"].append(g["done"])
    for x in out.values():
        x["done"].sort()
    return out


def rebuild_days(store: Any) -> int:
    """Every group and DUE_ON edge made afresh from the tasks held (those there are deleted first), in the caller's
    transaction; returns the number of edges written."""
    if not uses_days(store):
        return 0
    store.run(f"MATCH (d:{LABEL}) DETACH DELETE d", recipe=f"clear {LABEL}")
    groups = grouped(store.run(f"MATCH (t:Task) WHERE t.deadline_end IS NOT NULL OR t.recurrence_rule IS NOT NULL "
                                f"RETURN t.key AS key, {_READS}", recipe=f"read {LABEL}"))  # (the others: no group)
    if groups:
        store.create_nodes(LABEL, DUE["props"], [{k: v for k, v in g.items() if k != "tasks"} for g in groups.values()],
                           recipe=f"write {LABEL}")
    pairs = [(t, g["key"]) for g in groups.values() for t in g["tasks"]]
    _link(store, pairs)
    return len(pairs)


def recount_days(store: Any) -> dict[str, dict[str, tuple]]:
    """The groups three ways, each ``{key: (n, done)}``: ``held`` (the nodes' counts), ``edges`` (counted from the
    DUE_ON edges and the linked tasks' groups: a task linked to a group not its own counts under its own) and
    ``tasks`` (recomputed from every task's properties). A store in step has the three equal."""
    held = {r["key"]: (r["n"], tuple(sorted(r["done"] or []))) for r in store.run(
        f"MATCH (d:{LABEL}) RETURN d.key AS key, d.n AS n, d.done AS done", recipe=f"recount {LABEL}")}
    linked = store.run(f"MATCH (t:Task)-[:{REL}]->(d:{LABEL}) RETURN t.key AS key, d.key AS day, {_READS}",
                       recipe=f"recount {REL}")
    edges: dict[str, list] = {}
    for r in linked:
        g = due_group(r)
        k = r["day"] if g is not None and g["key"] == r["day"] else f"{r['day']} (task {r['key']} of {g and g['key']})"
        edges.setdefault(k, []).append(None if g is None else g["done"])
    tasks = grouped(store.run(f"MATCH (t:Task) RETURN t.key AS key, {_READS}", recipe=f"recount {LABEL} tasks"))
    return {"held": held,
            "edges": {k: (len(v), tuple(sorted(d for d in v if d is not None))) for k, v in edges.items()},
            "tasks": {k: (g["n"], tuple(g["done"])) for k, g in tasks.items()}}
