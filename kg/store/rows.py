"""What every store shares: rows for ``execute_many`` shaped the same way, and the context-manager surface.

>>> payloads([{"k": 1, "a": "x"}, {"k": 1, "b": 2}, {"k": 2}], dedupe_by="k")
[{'k': 1, 'a': None, 'b': 2}, {'k': 2, 'a': None, 'b': None}]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Sequence

from kg.errors import StoreError
from kg.recipes import split_statements, used_params


def hashable(v: Any) -> Any:
    """A value usable as a dict key (lists and dicts become sorted tuples)."""
    if isinstance(v, list):
        return tuple(hashable(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, hashable(x)) for k, x in v.items()))
    return v


def _same(v: Any) -> Any:
    return v


def payloads(rows: Iterable[Mapping[str, Any]], dedupe_by: str | Sequence[str] | None = None,
             recipe: str | None = None, value: Callable[[Any], Any] = _same) -> list[dict]:
    """Rows as sent: every key of every row in each, in order of first appearance (missing ones None), collapsed on
    ``dedupe_by`` (rows with equal values there: the last one wins, at its own position); ``value`` converts each
    value for the driver. Rows that all have the same keys in the same order are sent as they are (not copied).

    >>> rows = [{"k": 1, "a": "x"}, {"k": 2, "a": None}]
    >>> payloads(rows)[1] is rows[1], payloads([{"k": 1}, {"a": 2}])
    (True, [{'k': 1, 'a': None}, {'k': None, 'a': 2}])
    """
    rows = list(rows)
    if dedupe_by is None and rows and type(rows[0]) is dict:  # rows of one shape already (a builder's): as they are
        shape = tuple(rows[0])
        if all(type(row) is dict and tuple(row) == shape for row in rows):
            return [{k: value(v) for k, v in row.items()} for row in rows] if value is not _same else rows
    keys: dict[str, None] = {}
    for row in rows:
        if not isinstance(row, Mapping):
            raise StoreError(f"execute_many: rows must be mappings, got {type(row).__name__}", recipe=recipe)
        keys.update(dict.fromkeys(row))
    if dedupe_by is not None:
        fields = (dedupe_by,) if isinstance(dedupe_by, str) else tuple(dedupe_by)
        unique: dict[tuple, Mapping[str, Any]] = {}
        for row in rows:
            k = tuple(hashable(row.get(f)) for f in fields)
            unique.pop(k, None)
            unique[k] = row
        rows = list(unique.values())
    return [{k: value(row.get(k)) for k in keys} for row in rows]


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def ident(name: str) -> str:
    """A label, type or property name backquoted for Cypher text (names are never values: only plain ones)."""
    if not isinstance(name, str) or not _IDENT.match(name):
        raise StoreError(f"not an identifier: {name!r}")
    return f"`{name}`"


def value_of(t: str, ref: str) -> str:
    """The Cypher expression writing ``ref`` into a property of type ``t`` (a DATE from its ISO text)."""
    return f"date({ref})" if t == "DATE" else ref


def create_nodes_text(label: str, props: Mapping[str, str]) -> str:
    """``UNWIND $rows AS row CREATE`` of ``label`` nodes, each row's ``key`` and ``props`` (name: type).

    >>> create_nodes_text("Meeting", {"date_value": "DATE"})
    'UNWIND $rows AS row CREATE (n:`Meeting` {`key`: row.key, `date_value`: date(row.date_value)})'
    """
    fields = {"key": "STRING", **props}
    return (f"UNWIND $rows AS row CREATE (n:{ident(label)} {{"
            + ", ".join(f"{ident(p)}: {value_of(t, 'row.' + p)}" for p, t in fields.items()) + "})")


def create_edges_text(rtype: str, a: str, b: str, props: Mapping[str, str]) -> str:
    """``UNWIND $rows AS row`` … ``CREATE`` of ``rtype`` edges from the ``a`` node keyed ``row.a`` to the ``b``
    node keyed ``row.b``, with ``props`` (each endpoint found through its primary key)."""
    return (f"UNWIND $rows AS row MATCH (a:{ident(a)} {{key: row.a}}) MATCH (b:{ident(b)} {{key: row.b}}) "
            f"CREATE (a)-[r:{ident(rtype)} {{" + ", ".join(f"{ident(p)}: {value_of(t, 'row.' + p)}"
                                                          for p, t in props.items()) + "}]->(b)")


def lists_filled(rows: Iterable[Mapping[str, Any]], props: Mapping[str, str]) -> list[Mapping[str, Any]]:
    """``rows`` with None as ``[]`` in the list properties of ``props`` (what ``create_nodes`` writes).

    >>> lists_filled([{"key": "a", "l": None}, {"key": "b", "l": ["x"]}], {"l": "STRING[]"})
    [{'key': 'a', 'l': []}, {'key': 'b', 'l': ['x']}]
    """
    lists = [p for p, t in props.items() if t.endswith("[]")]
    out = []
    for r in rows:
        if any(isinstance(r, Mapping) and r.get(p) is None for p in lists):
            r = {**r, **{p: [] for p in lists if r.get(p) is None}}
        out.append(r)
    return out


def check_one_statement(text: str, recipe: str | None) -> None:
    """Refuse Cypher text that does not parse into statements (an unterminated string or comment) or holds several
    (drivers run one at a time)."""
    try:
        parts = _statement_count(text)
    except Exception as e:  # an unterminated string or comment
        raise StoreError(str(getattr(e, "message", e)), recipe=recipe) from e
    if parts > 1:
        raise StoreError(f"one statement per call, got {parts}", recipe=recipe)


@lru_cache(maxsize=1024)
def _statement_count(text: str) -> int:
    """How many statements ``text`` holds (:func:`kg.recipes.split_statements`), kept per text: the questions run the
    same few texts again and again, and lexing one costs about as much as a small lookup by key."""
    return len(split_statements(text))


def check_batch_write(text: str, batch: Any, param: str, recipe: str | None) -> None:
    """Refuse an ``execute_many`` call that cannot be right: a batch size that is no positive int, a statement
    that does not use ``$param`` (or does not parse), or more than one statement."""
    if not isinstance(batch, int) or isinstance(batch, bool) or batch < 1:
        raise StoreError(f"batch must be a positive int, got {batch!r}", recipe=recipe)
    try:
        uses = used_params(text)
    except Exception as e:
        raise StoreError(str(getattr(e, "message", e)), recipe=recipe) from e
    if param not in uses:
        raise StoreError(f"execute_many: the statement does not use ${param}", recipe=recipe)
    if len(split_statements(text)) > 1:
        raise StoreError("execute_many: one statement per call", recipe=recipe)


def chunks(rows: list[dict], size: int) -> list[list[dict]]:
    """``rows`` in batches of ``size``."""
    return [rows[i:i + size] for i in range(0, len(rows), size)]


class StoreBase:
    """Use as a context manager (closed on exit); shown by its target and whether it is closed."""

    closed: bool = False

    def close(self) -> None:  # pragma: no cover - every store defines it
        raise NotImplementedError

    def _target(self) -> str:  # pragma: no cover - every store defines it
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._target()!r}{', closed' if self.closed else ''})"
