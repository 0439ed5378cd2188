"""What every store shares: rows for ``execute_many`` shaped the same way, and the context-manager surface.

>>> payloads([{"k": 1, "a": "x"}, {"k": 1, "b": 2}, {"k": 2}], dedupe_by="k")
[{'k': 1, 'a': None, 'b': 2}, {'k': 2, 'a': None, 'b': None}]
"""

from __future__ import annotations

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


def payloads(rows: Iterable[Mapping[str, Any]], dedupe_by: str | Sequence[str] | None = None,
             recipe: str | None = None, value: Callable[[Any], Any] = lambda v: v) -> list[dict]:
    """Rows as sent: every key of every row in each, in order of first appearance (missing ones None), collapsed on
    ``dedupe_by`` (rows with equal values there: the last one wins, at its own position); ``value`` converts each
    value for the driver."""
    rows = list(rows)
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


def check_one_statement(text: str, recipe: str | None) -> None:
    """Refuse Cypher text that does not parse into statements (an unterminated string or comment) or holds several
    (drivers run one at a time)."""
    try:
        parts = split_statements(text)
    except Exception as e:  # an unterminated string or comment
        raise StoreError(str(getattr(e, "message", e)), recipe=recipe) from e
    if len(parts) > 1:
        raise StoreError(f"one statement per call, got {len(parts)}", recipe=recipe)


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
