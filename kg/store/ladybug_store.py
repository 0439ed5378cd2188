"""The embedded Ladybug graph database (an in-process Cypher engine, fork of Kùzu) as a store.

>>> with LadybugStore(":memory:") as store:                       # doctest: +SKIP
...     store.ensure_schema({"nodes": {"Agency": {"key": "key", "props": {"key": "STRING"}}}})
...     store.execute_many("UNWIND $rows AS row MERGE (:Agency {key: row.key})", [{"key": "bxd"}])
...     store.run("MATCH (a:Agency) RETURN count(a) AS n", {})
[{'n': 1}]

Values are always passed as parameters, never spliced into Cypher text. The only text
this module builds is DDL from a schema spec (tables cannot be parameters), and every
name in a spec must be a plain identifier. Facts about Ladybug's dialect that shaped
this module are in ``docs/ladybug-notes.md``.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from kg.errors import StoreError
from kg.recipes import split_statements, used_params

__all__ = ["LadybugStore", "DEFAULT_FILENAME"]

DEFAULT_FILENAME = "graph.lbug"  # the database file made inside a directory given as path

_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_TYPE_RE = re.compile(r"[A-Z][A-Z0-9]*(?:\[\])*\Z")
_TYPE_SYNONYMS = {"INT": "INT32", "BOOLEAN": "BOOL"}  # what Ladybug reports for them


def _ident(name: Any, what: str) -> str:
    if not isinstance(name, str) or not _IDENT_RE.match(name):
        raise StoreError(f"schema spec: {what} {name!r} is not a plain identifier")
    return name


def _type(t: Any, what: str) -> str:
    up = t.strip().upper() if isinstance(t, str) else t
    if not isinstance(up, str) or not _TYPE_RE.match(up):
        raise StoreError(f"schema spec: {what} has type {t!r}; expected a Ladybug type like STRING, INT64, DOUBLE, BOOL, DATE, STRING[]")
    return up


def _canonical_type(t: str) -> str:
    base = t.rstrip("[]")
    return _TYPE_SYNONYMS.get(base, base) + t[len(base):]


def _plain(value: Any) -> Any:
    """Python values as the Neo4j driver would give them: INT128 sums (Decimal) become int/float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _message(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    if not isinstance(e, RuntimeError):  # Ladybug's own errors are RuntimeErrors; say what else it was
        text = f"{type(e).__name__}: {text}"
    return text


class LadybugStore:
    """A Ladybug database opened on ``path``.

    ``path`` is ``":memory:"`` (or None) for an in-memory database, a file path for the
    on-disk database (Ladybug keeps one file, plus ``<file>.wal`` while it is open;
    missing parent directories are made), or an existing directory, in which case the
    database is the file ``graph.lbug`` inside it. ``read_only`` opens an existing
    database for reading only.
    """

    def __init__(self, path: str | os.PathLike | None = ":memory:", *, read_only: bool = False):
        try:
            import ladybug
        except ImportError as e:  # optional dependency
            raise StoreError("the 'ladybug' package is not installed (pip install ladybug)") from e
        if path is None or os.fspath(path) in ("", ":memory:"):
            self.path = ":memory:"
        else:
            p = Path(path)
            if p.is_dir():
                p = p / DEFAULT_FILENAME
            elif not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
            self.path = os.fspath(p)
        try:
            self._db = ladybug.Database(self.path, read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except Exception as e:
            raise StoreError(f"cannot open Ladybug database {self.path}: {_message(e)}") from e
        self._in_tx = False
        self._tx_failed = False
        self.closed = False

    # -----------------------------------------------------------------------------------
    # running statements

    def _execute(self, text: str, params: Mapping[str, Any] | None, recipe: str | None) -> list[dict]:
        if self.closed:
            raise StoreError("the store is closed", recipe=recipe)
        if self._tx_failed:
            raise StoreError("the transaction was aborted by an earlier error; leave the transaction block", recipe=recipe)
        try:
            result = self._conn.execute(text, dict(params or {}))
        except Exception as e:
            if self._in_tx:
                self._tx_failed = True  # Ladybug has rolled the transaction back already
            self._forget_plans(text)
            raise StoreError(_message(e), recipe=recipe) from e
        results = result if isinstance(result, list) else [result]
        try:
            last = results[-1]
            last.rows_as_dict()
            return [_plain(row) for row in last.get_all()]
        except Exception as e:
            raise StoreError(f"cannot read the result: {_message(e)}", recipe=recipe) from e
        finally:
            for r in results:
                try:
                    r.close()
                except Exception:
                    pass

    def _forget_plans(self, text: str) -> None:
        """Drop the connection's cached plans of ``text`` after it failed.

        ladybug's Python layer caches a prepared statement per (query, parameter shape),
        and a None field counts as "any" shape: once a batch whose field was None in
        every row failed to bind, a later batch of the same query with real values
        there would reuse the failed statement and fail too. Best effort: the cache is
        private to ladybug, so nothing happens if it is not there.
        """
        cache = getattr(self._conn, "_pybind_implicit_prepared_cache", None)
        lock = getattr(self._conn, "_prepared_cache_lock", None)
        if not isinstance(cache, dict) or lock is None:
            return
        with lock:
            for key in [k for k in cache if isinstance(k, tuple) and k and k[0] == text]:
                cache.pop(key, None)

    def run(self, text: str, params: Mapping[str, Any] | None = None, *, recipe: str | None = None) -> list[dict]:
        """Run one Cypher statement; rows as dicts keyed by the RETURN aliases (column names).

        Errors from the database are StoreErrors naming ``recipe`` when given. Several
        statements separated by ``;`` are refused (Neo4j's drivers run one at a time).
        Sums of integers, which Ladybug returns as 128-bit Decimals, come back as int.
        """
        try:
            parts = split_statements(text)
        except Exception as e:  # an unterminated string or comment
            raise StoreError(str(getattr(e, "message", e)), recipe=recipe) from e
        if len(parts) > 1:
            raise StoreError(f"one statement per call, got {len(parts)}", recipe=recipe)
        return self._execute(text, params, recipe)

    def run_recipe(self, registry: Any, name: str, /, **params: Any) -> list[dict]:
        """Bind recipe ``name`` of ``registry`` (a :class:`kg.recipes.Registry`) and run it."""
        text, bound = registry.bind(name, **params)
        return self.run(text, bound, recipe=name)

    def execute_many(
        self,
        text: str,
        rows: Iterable[Mapping[str, Any]],
        batch: int = 1000,
        *,
        param: str = "rows",
        dedupe_by: str | Sequence[str] | None = None,
        recipe: str | None = None,
    ) -> int:
        """Run ``text`` (``UNWIND $rows AS row ...``) once per batch of ``rows``; returns the row count.

        All batches run in one transaction (or in the caller's :meth:`transaction`), so a
        failure leaves nothing half-written. Every row is sent with the keys of all rows
        (missing ones become None): Ladybug types ``$rows`` as one STRUCT and refuses rows
        with other keys. Empty input runs nothing.

        A field that is None in *every* row of a batch is typed STRING by Ladybug, so
        ``SET n.p = row.f`` fails for a non-STRING property ``p`` ("Implicit cast is not
        supported"). Send ``[]`` rather than None for lists, write dates as
        ``date(row.f)`` (fine with None), and keep other nullable non-STRING fields in
        a separate write of the rows that have them.

        ``dedupe_by`` names the fields a MERGE matches on: rows with equal values there
        are collapsed, the last one winning. Use it whenever one call may carry the same
        key twice: in Ladybug, rows that MERGE the same node or edge within one UNWIND
        see neither each other's ON CREATE SET nor their SETs in order (the later row's
        values are lost, or a property ends up NULL), unlike Neo4j's row-by-row reading.
        """
        if not isinstance(batch, int) or batch < 1:
            raise StoreError(f"batch must be a positive int, got {batch!r}", recipe=recipe)
        try:
            uses = used_params(text)
        except Exception as e:
            raise StoreError(str(getattr(e, "message", e)), recipe=recipe) from e
        if param not in uses:
            raise StoreError(f"execute_many: the statement does not use ${param}", recipe=recipe)
        if len(split_statements(text)) > 1:
            raise StoreError("execute_many: one statement per call", recipe=recipe)
        rows = list(rows)
        keys: dict[str, None] = {}  # every key of every row, in order of appearance
        for row in rows:
            if not isinstance(row, Mapping):
                raise StoreError(f"execute_many: rows must be mappings, got {type(row).__name__}", recipe=recipe)
            keys.update(dict.fromkeys(row))
        if dedupe_by is not None:
            fields = (dedupe_by,) if isinstance(dedupe_by, str) else tuple(dedupe_by)
            unique: dict[tuple, Mapping[str, Any]] = {}
            for row in rows:
                k = tuple(_hashable(row.get(f)) for f in fields)
                unique.pop(k, None)  # the last row wins, at its own position
                unique[k] = row
            rows = list(unique.values())
        if not rows:
            return 0

        count = 0
        with self.transaction():
            for chunk in _chunks(rows, batch):
                payload = [{k: row.get(k) for k in keys} for row in chunk]
                try:
                    self._execute(text, {param: payload}, recipe)
                except StoreError as e:
                    raise StoreError(f"rows {count + 1}-{count + len(chunk)}: {e.message}", recipe=recipe) from e
                count += len(chunk)
        return count

    @contextmanager
    def transaction(self) -> Iterator["LadybugStore"]:
        """One write transaction around the block: committed at its end, rolled back on error.

        Nested use joins the outer transaction. After a statement fails inside the block
        the whole transaction is gone (Ladybug rolls it back at once), so further
        statements in the block are refused instead of running outside it.
        """
        if self._in_tx:
            yield self
            return
        self._execute("BEGIN TRANSACTION", None, None)
        self._in_tx, self._tx_failed = True, False
        try:
            yield self
        except BaseException:
            self._finish("ROLLBACK", quiet=True)
            raise
        else:
            if self._tx_failed:
                self._finish("ROLLBACK", quiet=True)
                raise StoreError("the transaction was rolled back after an error inside it")
            self._finish("COMMIT", quiet=False)

    def _finish(self, statement: str, quiet: bool) -> None:
        failed = self._tx_failed
        self._in_tx = self._tx_failed = False
        if failed or self.closed:
            return  # nothing left to commit or roll back
        try:
            self._conn.execute(statement)
        except Exception as e:
            if not quiet:
                raise StoreError(f"{statement} failed: {_message(e)}") from e

    # -----------------------------------------------------------------------------------
    # schema

    def ensure_schema(self, spec: Mapping[str, Any]) -> list[str]:
        """Create the node and relationship tables of ``spec`` that do not exist; idempotent.

        ``spec`` is ``{"nodes": {Label: {"key": prop, "props": {prop: TYPE}}},
        "rels": {TYPE: {"pairs": [[From, To], ...], "props": {prop: TYPE}}}}`` with
        Ladybug types (STRING, INT64, DOUBLE, BOOL, DATE, STRING[], ...). A table that
        exists already gets the properties and FROM/TO pairs it lacks (ALTER TABLE); a
        property whose type differs, or a different primary key, is a StoreError.
        Names are backquoted in the DDL: ``Group``, for one, is a reserved word in Ladybug
        (queries must write ``(g:`Group`)`` too). Returns the statements that changed the
        schema (empty when it was up to date).
        """
        if not isinstance(spec, Mapping):
            raise StoreError("schema spec: expected a mapping with 'nodes' and 'rels'")
        unknown = set(spec) - {"nodes", "rels"}
        if unknown:
            raise StoreError(f"schema spec: unknown section(s) {', '.join(sorted(map(str, unknown)))}")
        nodes = spec.get("nodes") or {}
        rels = spec.get("rels") or {}
        plan_nodes, plan_rels = [], []
        for label, node in nodes.items():
            _ident(label, "node label")
            props = {_ident(k, f"property of {label}"): _type(v, f"{label}.{k}") for k, v in (node.get("props") or {}).items()}
            key = _ident(node.get("key"), f"key of {label}")
            if key not in props:
                raise StoreError(f"schema spec: key {key!r} of {label} is not among its props")
            plan_nodes.append((label, key, props))
        for rtype, rel in rels.items():
            _ident(rtype, "relationship type")
            props = {_ident(k, f"property of {rtype}"): _type(v, f"{rtype}.{k}") for k, v in (rel.get("props") or {}).items()}
            pairs = []
            for pair in rel.get("pairs") or ():
                if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                    raise StoreError(f"schema spec: {rtype} pair {pair!r} is not [From, To]")
                pairs.append((_ident(pair[0], f"{rtype} FROM"), _ident(pair[1], f"{rtype} TO")))
            if not pairs:
                raise StoreError(f"schema spec: relationship {rtype} has no pairs")
            plan_rels.append((rtype, pairs, props))

        tables = {r["name"]: r["type"] for r in self.run("CALL show_tables() RETURN name, type")}
        changes: list[str] = []

        def apply(ddl: str) -> None:
            self.run(ddl)
            changes.append(ddl)

        for label, key, props in plan_nodes:
            if label not in tables:
                cols = ", ".join(f"`{k}` {t}" for k, t in props.items())
                apply(f"CREATE NODE TABLE IF NOT EXISTS `{label}`({cols}, PRIMARY KEY(`{key}`))")
                continue
            if tables[label] != "NODE":
                raise StoreError(f"schema: {label} exists as a {tables[label]} table, not a node table")
            info = {r["name"]: r for r in self.run(f"CALL table_info('{label}') RETURN *")}
            pk = [n for n, r in info.items() if r.get("primary key")]
            if pk != [key]:
                raise StoreError(f"schema: node table {label} has primary key {', '.join(pk) or 'none'}, spec says {key}")
            self._add_missing(label, props, info, apply)
        for rtype, pairs, props in plan_rels:
            if rtype not in tables:
                conns = ", ".join(f"FROM `{a}` TO `{b}`" for a, b in pairs)
                cols = "".join(f", `{k}` {t}" for k, t in props.items())
                apply(f"CREATE REL TABLE IF NOT EXISTS `{rtype}`({conns}{cols})")
                continue
            if tables[rtype] != "REL":
                raise StoreError(f"schema: {rtype} exists as a {tables[rtype]} table, not a relationship table")
            have = {(r["source table name"], r["destination table name"])
                    for r in self.run(f"CALL show_connection('{rtype}') RETURN *")}
            for a, b in pairs:
                if (a, b) not in have:
                    apply(f"ALTER TABLE `{rtype}` ADD FROM `{a}` TO `{b}`")
            info = {r["name"]: r for r in self.run(f"CALL table_info('{rtype}') RETURN *")}
            self._add_missing(rtype, props, info, apply)
        return changes

    @staticmethod
    def _add_missing(table: str, props: Mapping[str, str], info: Mapping[str, Mapping], apply) -> None:
        for k, t in props.items():
            if k not in info:
                apply(f"ALTER TABLE `{table}` ADD IF NOT EXISTS `{k}` {t}")
            elif _canonical_type(info[k]["type"]) != _canonical_type(t):
                raise StoreError(f"schema: {table}.{k} is {info[k]['type']} in the database, spec says {t}")

    # -----------------------------------------------------------------------------------
    # lifetime

    def close(self) -> None:
        """Close the connection and the database (idempotent)."""
        if self.closed:
            return
        self.closed = True
        self._in_tx = self._tx_failed = False
        for obj in (self._conn, self._db):
            try:
                obj.close()
            except Exception:
                pass

    def __enter__(self) -> "LadybugStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LadybugStore({self.path!r}{', closed' if self.closed else ''})"


def _hashable(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_hashable(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _hashable(x)) for k, x in v.items()))
    return v


def _chunks(rows: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    chunk: list[Mapping[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
