"""A Neo4j 5 server as a store, through the official ``neo4j`` Python driver.

>>> with Neo4jStore("neo4j://localhost:7687", user="neo4j", password="…") as store:   # doctest: +SKIP
...     store.ensure_schema({"nodes": {"Agency": {"key": "key", "props": {"key": "STRING"}}}})
...     store.execute_many("UNWIND $rows AS row MERGE (:Agency {key: row.key})", [{"key": "bxd"}])
...     store.run("MATCH (a:Agency) RETURN count(a) AS n", {})
[{'n': 1}]

The surface is the one :class:`kg.store.GraphStore` documents, the same as the embedded
:class:`~kg.store.ladybug_store.LadybugStore`: ``run``, ``run_recipe``, ``execute_many``, ``transaction``
(nested blocks join the outer one), ``ensure_schema``, ``close`` and use as a context manager. Both
stores return the same Python values: Neo4j's temporal values become ``datetime.date`` /
``datetime.datetime`` (``.to_native()``), everything else is already plain.

Transactions. A statement run outside a transaction block, and each ``execute_many`` call outside one
(all its batches), is one *managed* transaction (``session.execute_read`` / ``execute_write``): the
driver runs the work again on a transient error (a deadlock, a leader switch) for up to
``max_transaction_retry_time``. A ``transaction()`` block is an explicit transaction whose statements
are recorded as they run; when one fails with a transient error (or the commit does, with a
:class:`~neo4j.exceptions.TransientError`, which the server rolled back), the store opens a new
transaction, runs the recorded statements again, checks that every read returns the same rows as the
first time (the Python code decided its writes on them), and goes on; after ``max_retries`` attempts,
or when a read differs, it gives up with a :class:`~kg.errors.StoreError`. So the caller's block never
sees a transient error, and never commits writes computed from data that changed.

The schema: Neo4j has no tables. ``ensure_schema`` translates the model: a uniqueness constraint per
node label on its key, and a range index on every property the questions and the ingest look up (the
``indexes`` section of the spec, see :func:`kg.model.store_spec`), created with ``IF NOT EXISTS``
(idempotent); nothing of the embedded engine's DDL is sent.

The password is never printed, logged or kept in an error (nor in its chain): a failure to connect or
to log in is a :class:`~kg.store.ladybug_store.StoreOpenError` with one Vietnamese line naming the URI
(without any user information written into it).

``neo4j`` is an optional dependency (``pip install 'chidao-kg[neo4j]'``), imported only when a Neo4j
store is opened.
"""

from __future__ import annotations

import os
import random
import re
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence
from urllib.parse import urlsplit, urlunsplit

from kg.errors import StoreError
from kg.recipes import code_only
from kg.store.rows import (StoreBase, check_batch_write, check_one_statement, chunks, create_edges_text,
                           create_nodes_text, lists_filled as _lists_filled, payloads)

__all__ = ["Neo4jStore", "SCHEMES", "is_uri", "display_uri", "schema_statements", "normalise"]

SCHEMES = ("neo4j", "neo4j+s", "bolt", "bolt+s")  # what --store / $KG_STORE accept as a server
_URI_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_WRITE_RE = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH|LOAD\s+CSV)\b", re.I)
DEFAULT_BATCH = 1000


def is_uri(target: Any) -> bool:
    """Whether a ``--store`` value names a server (``scheme://…``) rather than a file path.

    >>> is_uri("neo4j://localhost:7687"), is_uri("bolt+s://db.example:7687"), is_uri("/tmp/graph.lbug")
    (True, True, False)
    """
    return isinstance(target, str) and bool(_URI_RE.match(target))


def display_uri(uri: str) -> str:
    """The URI as it may be shown: any ``user:password@`` written into it is left out.

    >>> display_uri("neo4j://neo4j:s3cret@localhost:7687/x")
    'neo4j://localhost:7687/x'
    """
    try:
        parts = urlsplit(uri)
    except ValueError:
        return re.sub(r"//[^/@]*@", "//", uri)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def _ident(name: Any, what: str) -> str:
    if not isinstance(name, str) or not _IDENT_RE.match(name):
        raise StoreError(f"schema spec: {what} {name!r} is not a plain identifier")
    return name


def normalise(value: Any) -> Any:
    """A value from the driver as the embedded store gives it: temporal types ``.to_native()``
    (``neo4j.time.Date`` → ``datetime.date``), lists and maps inside too; nodes and relationships as
    plain dicts of their properties (recipes return scalars, so this is for ad-hoc queries only)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [normalise(v) for v in value]
    if isinstance(value, Mapping) and not hasattr(value, "element_id"):
        return {k: normalise(v) for k, v in value.items()}
    to_native = getattr(value, "to_native", None)
    if callable(to_native):
        return to_native()
    if hasattr(value, "element_id") and hasattr(value, "items"):  # Node, Relationship
        return {k: normalise(v) for k, v in value.items()}
    return value


def _rows(result: Any) -> list[dict]:
    out = []
    for record in result:
        out.append({k: normalise(v) for k, v in zip(record.keys(), record.values())})
    return out


def schema_statements(spec: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(name, statement)`` for every constraint and index ``spec`` asks of Neo4j.

    ``spec`` is the store spec (:func:`kg.model.store_spec`): ``nodes`` (label → key and props) give a
    uniqueness constraint on each key; ``indexes`` (``{"nodes": {Label: [prop]}, "rels": {TYPE: [prop]}}``)
    give range indexes. ``rels`` is checked (names, pairs) but needs nothing in Neo4j. Every name must be
    a plain identifier and is backquoted.

    >>> schema_statements({"nodes": {"Agency": {"key": "key", "props": {"key": "STRING"}}},
    ...                    "indexes": {"rels": {"CITES": ["notice"]}}})[1]
    ('kg_rel_CITES_notice', 'CREATE INDEX kg_rel_CITES_notice IF NOT EXISTS FOR ()-[r:`CITES`]-() ON (r.`notice`)')
    """
    if not isinstance(spec, Mapping):
        raise StoreError("schema spec: expected a mapping with 'nodes' and 'rels'")
    unknown = set(spec) - {"nodes", "rels", "indexes"}
    if unknown:
        raise StoreError(f"schema spec: unknown section(s) {', '.join(sorted(map(str, unknown)))}")
    out: list[tuple[str, str]] = []
    nodes = spec.get("nodes") or {}
    for label, node in nodes.items():
        _ident(label, "node label")
        props = node.get("props") or {}
        for p in props:
            _ident(p, f"property of {label}")
        key = _ident(node.get("key"), f"key of {label}")
        if key not in props:
            raise StoreError(f"schema spec: key {key!r} of {label} is not among its props")
        name = f"kg_{label}_{key}_unique"
        out.append((name, f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.`{key}` IS UNIQUE"))
    for rtype, rel in (spec.get("rels") or {}).items():
        _ident(rtype, "relationship type")
        for p in rel.get("props") or {}:
            _ident(p, f"property of {rtype}")
        pairs = rel.get("pairs") or ()
        if not pairs:
            raise StoreError(f"schema spec: relationship {rtype} has no pairs")
        for pair in pairs:
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise StoreError(f"schema spec: {rtype} pair {pair!r} is not [From, To]")
            _ident(pair[0], f"{rtype} FROM")
            _ident(pair[1], f"{rtype} TO")
    indexes = spec.get("indexes") or {}
    unknown = set(indexes) - {"nodes", "rels"}
    if unknown:
        raise StoreError(f"schema spec: unknown index section(s) {', '.join(sorted(map(str, unknown)))}")
    for label, props in (indexes.get("nodes") or {}).items():
        _ident(label, "indexed label")
        for p in props:
            _ident(p, f"indexed property of {label}")
            if label in nodes and nodes[label].get("key") == p:
                continue  # the uniqueness constraint's index serves it
            name = f"kg_{label}_{p}"
            out.append((name, f"CREATE INDEX {name} IF NOT EXISTS FOR (n:`{label}`) ON (n.`{p}`)"))
    for rtype, props in (indexes.get("rels") or {}).items():
        _ident(rtype, "indexed relationship type")
        for p in props:
            _ident(p, f"indexed property of {rtype}")
            name = f"kg_rel_{rtype}_{p}"
            out.append((name, f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:`{rtype}`]-() ON (r.`{p}`)"))
    return out


def _retryable(e: BaseException) -> bool:
    check = getattr(e, "is_retryable", None)
    if callable(check):
        try:
            return bool(check())
        except Exception:  # noqa: BLE001
            return False
    return False


def _is_transient(e: BaseException) -> bool:
    try:
        from neo4j.exceptions import TransientError
    except ImportError:  # pragma: no cover
        return False
    return isinstance(e, TransientError)


class _Replay(Exception):
    """A read gave other rows when a transaction block was run again after a transient error."""


class Neo4jStore(StoreBase):
    """A Neo4j database reached at ``uri`` (``neo4j://``, ``neo4j+s://``, ``bolt://``, ``bolt+s://``).

    ``user`` / ``password`` / ``database`` default to ``$NEO4J_USER`` (else ``neo4j``), ``$NEO4J_PASSWORD``
    and ``$NEO4J_DATABASE`` (else the server's default database). ``batch_size`` is the rows per
    ``UNWIND $rows`` statement of :meth:`execute_many` (``$KG_NEO4J_BATCH``, default 1000).
    ``driver`` takes a ready driver object (tests pass a fake one); otherwise ``neo4j.GraphDatabase.driver``
    makes it and the connection and the login are checked at once.
    """

    key_lookups = False  # range indexes on the looked-up properties (kg.model.INDEXES): no lookup tables, no groups

    kind = "neo4j"

    def __init__(self, uri: str, *, user: str | None = None, password: str | None = None,
                 database: str | None = None, batch_size: int | None = None, read_only: bool = False,
                 max_retries: int = 5, retry_delay: float = 0.2, driver: Any = None,
                 removed_dir: str | os.PathLike | None = None, **config: Any):
        self.uri = display_uri(uri)
        self.path = self.uri  # what messages name; never holds the password
        self.read_only = read_only
        self.notices: list = []
        self.closed = False
        self.database = database if database is not None else (os.environ.get("NEO4J_DATABASE") or None)
        env_batch = os.environ.get("KG_NEO4J_BATCH")
        self.batch_size = batch_size if batch_size is not None else (int(env_batch) if env_batch and env_batch.isdigit()
                                                                     and int(env_batch) > 0 else DEFAULT_BATCH)
        if not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise StoreError(f"batch_size must be a positive int, got {self.batch_size!r}")
        self.max_retries = max_retries
        self.retry_delay = retry_delay
        self.removed_dir = removed_dir if removed_dir is not None else _removed_dir(self.uri, self.database)
        self._session = None
        self._tx = None
        self._tx_failed = False
        self._log: list[tuple[str, dict, list[dict] | None]] = []
        self.statements = 0  # statements sent (for benchmarks and tests)
        if driver is not None:
            self._driver = driver
            return
        self._driver = self._connect(uri, user, password, config)

    # -----------------------------------------------------------------------------------
    # connecting

    def _connect(self, uri: str, user: str | None, password: str | None, config: dict) -> Any:
        from kg.store.ladybug_store import StoreOpenError

        shown = self.uri
        m = _URI_RE.match(uri)
        if not m or m.group(1).lower() not in SCHEMES:
            scheme = m.group(1) if m else ""
            raise StoreOpenError("engine", shown, f"{shown}: không hỗ trợ giao thức '{scheme}://' (dùng "
                                 + ", ".join(f"{s}://" for s in SCHEMES) + ")")
        try:
            import neo4j
        except ImportError:
            neo4j = None
        if neo4j is None:  # raised outside the except block: no chain to carry anything
            raise StoreOpenError("engine", shown, f"{shown}: chưa cài trình điều khiển Neo4j cho Python "
                                 "(pip install 'chidao-kg[neo4j]')")
        user = user if user is not None else (os.environ.get("NEO4J_USER") or "neo4j")
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        if not password:
            raise StoreOpenError("auth", shown, f"{shown}: chưa có mật khẩu Neo4j: đặt biến môi trường NEO4J_PASSWORD "
                                 f"(người dùng {user}, đổi bằng NEO4J_USER)")
        failure: tuple[str, str] | None = None
        driver = None
        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), **config)
            driver.verify_connectivity()
            if hasattr(driver, "verify_authentication"):
                driver.verify_authentication()
        except Exception as e:  # noqa: BLE001 — said below as one line, without the driver's exception chain
            failure = self._failure(e, user, password)
        if failure is not None:
            if driver is not None:
                try:
                    driver.close()
                except Exception:  # noqa: BLE001
                    pass
            del password
            raise StoreOpenError(failure[0], shown, failure[1])
        return driver

    def _failure(self, e: BaseException, user: str, password: str) -> tuple[str, str]:
        """(kind, one Vietnamese line) for a failed connection; the line never holds the password."""
        from neo4j import exceptions as ex

        shown = self.uri
        detail = " ".join(str(e).split())[:200]
        if password:
            detail = detail.replace(password, "***")
        if isinstance(e, ex.AuthError):
            return "auth", (f"{shown}: máy chủ Neo4j từ chối đăng nhập của người dùng '{user}': kiểm tra NEO4J_USER "
                            "và NEO4J_PASSWORD")
        if isinstance(e, ex.ServiceUnavailable):
            return "unreachable", (f"{shown}: không kết nối được tới máy chủ Neo4j (máy chủ chưa chạy, sai địa chỉ "
                                   f"hoặc cổng): {detail}")
        if isinstance(e, (ex.ConfigurationError, ValueError)):
            return "engine", f"{shown}: địa chỉ hoặc cấu hình Neo4j không hợp lệ: {detail}"
        return "engine", f"{shown}: không mở được kết nối Neo4j ({type(e).__name__}: {detail})"

    def server_version(self) -> str:
        """``neo4j <agent>`` of the server, or of the driver when the server does not say."""
        info = getattr(self._driver, "get_server_info", None)
        if callable(info):
            try:
                return str(info().agent)
            except Exception:  # noqa: BLE001
                pass
        try:
            import neo4j

            return f"neo4j-python-driver/{neo4j.__version__}"
        except ImportError:  # pragma: no cover
            return "neo4j"

    def engine_version(self) -> str:
        """What ``kg.store.format`` records as the engine that last wrote the store."""
        return self.server_version()

    # -----------------------------------------------------------------------------------
    # running statements

    def _new_session(self) -> Any:
        kwargs = {"database": self.database} if self.database else {}
        return self._driver.session(**kwargs)

    def _check_open(self, recipe: str | None) -> None:
        if self.closed:
            raise StoreError("the store is closed", recipe=recipe)

    def _send(self, tx: Any, text: str, params: Mapping[str, Any] | None) -> list[dict]:
        self.statements += 1
        return _rows(tx.run(text, dict(params or {})))

    def _error(self, e: BaseException, recipe: str | None) -> StoreError:
        code = getattr(e, "code", None)
        msg = " ".join(str(getattr(e, "message", None) or e).split()) or type(e).__name__
        return StoreError(f"{code}: {msg}" if code and code not in msg else msg, recipe=recipe)

    def run(self, text: str, params: Mapping[str, Any] | None = None, *, recipe: str | None = None) -> list[dict]:
        """Run one Cypher statement; rows as dicts keyed by the RETURN aliases, values normalised.

        Inside :meth:`transaction` it joins the block's transaction; outside, it is one managed read or
        write transaction (a write when it creates, merges, sets, deletes or removes anything).
        Several statements separated by ``;`` are refused, as on the embedded store.
        """
        self._check_open(recipe)
        check_one_statement(text, recipe)
        params = dict(params or {})
        if self._tx is not None:
            return self._in_block(text, params, recipe)
        write = bool(_WRITE_RE.search(_code(text)))
        if write and self.read_only:
            raise StoreError("the store was opened read-only", recipe=recipe)
        return self._managed(lambda tx: self._send(tx, text, params), write, recipe)

    def _managed(self, work: Callable[[Any], Any], write: bool, recipe: str | None) -> Any:
        session = self._new_session()
        try:
            return (session.execute_write if write else session.execute_read)(work)
        except StoreError:
            raise
        except Exception as e:  # noqa: BLE001 — the driver gave up (or it was no transient error)
            raise self._error(e, recipe) from e
        finally:
            session.close()

    def run_recipe(self, registry: Any, name: str, /, **params: Any) -> list[dict]:
        """Bind recipe ``name`` of ``registry`` (a :class:`kg.recipes.Registry`) and run it."""
        text, bound = registry.bind(name, **params)
        return self.run(text, bound, recipe=name)

    def execute_many(self, text: str, rows: Iterable[Mapping[str, Any]], batch: int | None = None, *,
                     param: str = "rows", dedupe_by: str | Sequence[str] | None = None,
                     recipe: str | None = None) -> int:
        """Run ``text`` (``UNWIND $rows AS row ...``) once per batch of ``rows``; returns the row count.

        ``batch`` defaults to the store's ``batch_size``. All batches run in one transaction: the
        caller's :meth:`transaction` block, or one managed write transaction (the driver runs it again
        from the first batch on a transient error). Rows are sent with the keys of all rows (missing
        ones as null) and ``dedupe_by`` collapses rows with equal values there, the last one winning,
        exactly as the embedded store does, so both stores write the same graph.
        """
        self._check_open(recipe)
        batch = self.batch_size if batch is None else batch
        check_batch_write(text, batch, param, recipe)
        if self.read_only:
            raise StoreError("the store was opened read-only", recipe=recipe)
        sent = payloads(rows, dedupe_by, recipe, _param)
        if not sent:
            return 0
        batches = chunks(sent, batch)

        def send(run: Callable[[str, dict], Any]) -> int:
            count = 0
            for chunk in batches:
                try:
                    run(text, {param: chunk})
                except StoreError as e:
                    raise StoreError(f"rows {count + 1}-{count + len(chunk)}: {e.message}", recipe=recipe) from e
                count += len(chunk)
            return count

        if self._tx is not None:
            return send(lambda t, p: self._in_block(t, p, recipe))
        return self._managed(lambda tx: send(lambda t, p: self._send(tx, t, p)), True, recipe)

    def create_nodes(self, label: str, props: Mapping[str, str], rows: Sequence[Mapping[str, Any]], *,
                     batch: int | None = None, recipe: str | None = None) -> int:
        """CREATE a ``label`` node per row (its ``key`` and each property of ``props``, name: type; a list
        property's None as ``[]``): :func:`~kg.store.rows.create_nodes_text` through :meth:`execute_many`."""
        return self.execute_many(create_nodes_text(label, props), _lists_filled(rows, props), batch, recipe=recipe)

    def create_edges(self, rtype: str, a: str, b: str, props: Mapping[str, str], rows: Sequence[Mapping[str, Any]],
                     *, batch: int | None = None, recipe: str | None = None) -> int:
        """CREATE an ``rtype`` edge per row between the nodes keyed ``row["a"]`` and ``row["b"]``:
        :func:`~kg.store.rows.create_edges_text` through :meth:`execute_many`."""
        return self.execute_many(create_edges_text(rtype, a, b, props), _lists_filled(rows, props), batch,
                                 recipe=recipe)

    # -----------------------------------------------------------------------------------
    # transaction blocks

    def check_room(self, notices: int = 0, other_bytes: int = 0) -> None:
        """The server keeps its own disk: nothing to check here (the embedded store's check is
        :meth:`kg.store.ladybug_store.LadybugStore.check_room`)."""

    @contextmanager
    def deferred_checkpoints(self, budget: int = 0) -> Iterator["Neo4jStore"]:
        """A long write (many transactions): the server checkpoints on its own, so nothing changes here (the
        embedded store's :meth:`~kg.store.ladybug_store.LadybugStore.deferred_checkpoints` spaces them)."""
        yield self

    @contextmanager
    def transaction(self) -> Iterator["Neo4jStore"]:
        """One write transaction around the block: committed at its end, rolled back on error.

        Nested use joins the outer transaction. A transient failure inside the block or at its commit
        is retried by running the block's statements again in a new transaction (see the module
        docstring); any other failure rolls back, and statements after it in the block are refused.
        """
        if self._tx is not None:
            yield self
            return
        self._check_open(None)
        if self.read_only:
            raise StoreError("the store was opened read-only")
        self._session = self._new_session()
        self._log = []
        self._tx_failed = False
        try:
            self._tx = self._session.begin_transaction()
        except Exception as e:  # noqa: BLE001
            self._end_session()
            raise self._error(e, None) from e
        try:
            yield self
        except BaseException:
            self._rollback()
            self._end_session()
            raise
        try:
            if self._tx_failed:
                self._rollback()
                raise StoreError("the transaction was rolled back after an error inside it")
            self._commit()
        finally:
            self._end_session()

    def _in_block(self, text: str, params: dict, recipe: str | None) -> list[dict]:
        if self._tx_failed:
            raise StoreError("the transaction was aborted by an earlier error; leave the transaction block",
                             recipe=recipe)
        attempt = 0
        while True:
            try:
                rows = self._send(self._tx, text, params)
            except Exception as e:  # noqa: BLE001
                if _retryable(e) and attempt < self.max_retries:
                    attempt += 1
                    self._restart(attempt, recipe)
                    continue
                self._tx_failed = True
                raise self._error(e, recipe) from e
            self._log.append((text, params, rows))
            return rows

    def _restart(self, attempt: int, recipe: str | None) -> None:
        """A new transaction with the block's statements so far run again, their reads checked."""
        while True:
            self._sleep(attempt)
            self._rollback(keep=True)
            try:
                self._tx = self._session.begin_transaction()
                for text, params, rows in self._log:
                    again = self._send(self._tx, text, params)
                    if _returns_rows(text) and again != rows:
                        raise _Replay(text)
                return
            except _Replay:
                self._tx_failed = True
                raise StoreError("the transaction was run again after a transient error, but the data it had read "
                                 "changed meanwhile; run the command again", recipe=recipe) from None
            except Exception as e:  # noqa: BLE001
                if _retryable(e) and attempt < self.max_retries:
                    attempt += 1
                    continue
                self._tx_failed = True
                raise self._error(e, recipe) from e

    def _commit(self) -> None:
        attempt = 0
        while True:
            try:
                self._tx.commit()
                self._tx = None
                return
            except Exception as e:  # noqa: BLE001
                # a TransientError at commit: the server rolled the transaction back, so running it again is
                # safe; a lost connection may have committed it, so that one is not retried
                if _is_transient(e) and attempt < self.max_retries:
                    attempt += 1
                    self._restart(attempt, None)
                    continue
                self._rollback()
                raise self._error(e, None) from e

    def _rollback(self, keep: bool = False) -> None:
        tx, self._tx = self._tx, None
        if tx is not None:
            for step in ("rollback", "close"):
                try:
                    getattr(tx, step)()
                except Exception:  # noqa: BLE001 — it is gone already
                    pass
        if not keep:
            self._log = []

    def _end_session(self) -> None:
        self._tx = None
        self._log = []
        session, self._session = self._session, None
        if session is not None:
            try:
                session.close()
            except Exception:  # noqa: BLE001
                pass

    def _sleep(self, attempt: int) -> None:
        if self.retry_delay > 0:
            time.sleep(self.retry_delay * (2 ** (attempt - 1)) * (0.5 + random.random()))

    # -----------------------------------------------------------------------------------
    # schema

    def ensure_schema(self, spec: Mapping[str, Any]) -> list[str]:
        """Create the constraints and indexes ``spec`` asks for that do not exist yet; idempotent.

        See :func:`schema_statements`. Returns the statements that changed the schema (empty when it
        was up to date). A read-only store only checks that nothing is missing.
        """
        wanted = schema_statements(spec)
        have = {r["name"] for r in self.run("SHOW CONSTRAINTS YIELD name RETURN name")}
        have |= {r["name"] for r in self.run("SHOW INDEXES YIELD name RETURN name")}
        changes = []
        for name, statement in wanted:
            if name in have:
                continue
            if self.read_only:
                raise StoreError(f"schema: {name} is missing and the store was opened read-only")
            self._managed(lambda tx, s=statement: self._send(tx, s, {}), True, None)
            changes.append(statement)
        return changes

    def plan(self, text: str, params: Mapping[str, Any] | None = None) -> list[str]:
        """The operators of the plan Neo4j makes for ``text`` (``EXPLAIN``: nothing runs), outermost first."""

        def work(tx: Any) -> Any:
            return tx.run("EXPLAIN " + text, dict(params or {})).consume().plan

        plan = self._managed(work, False, None)
        out: list[str] = []

        def walk(node: Any) -> None:
            if isinstance(node, Mapping):
                out.append(str(node.get("operatorType", "")).split("@")[0])
                for child in node.get("children") or ():
                    walk(child)

        walk(plan)
        return out

    def labels(self) -> list[str]:
        """The node labels in use in the database (what the format check takes for 'tables')."""
        return sorted(r["label"] for r in self.run("CALL db.labels() YIELD label RETURN label"))

    # -----------------------------------------------------------------------------------
    # lifetime

    def close(self) -> None:
        """Close the driver (idempotent)."""
        if self.closed:
            return
        self.closed = True
        if self._tx is not None:
            self._rollback()
        self._end_session()
        try:
            self._driver.close()
        except Exception:  # noqa: BLE001
            pass

    def _target(self) -> str:
        return str(self.uri)


def _code(text: str) -> str:
    """Cypher text with strings and comments blanked (what write detection looks at)."""
    try:
        return code_only(text)
    except Exception:  # noqa: BLE001
        return text


def _returns_rows(text: str) -> bool:
    return bool(re.search(r"\b(RETURN|YIELD)\b", _code(text), re.I))


def _param(v: Any) -> Any:
    """Values the driver sends as Cypher values; a datetime.date stays a date (Neo4j DATE)."""
    if isinstance(v, tuple):
        return [_param(x) for x in v]
    return v


def _removed_dir(uri: str, database: str | None) -> str:
    """Where removed notices of a Neo4j database are saved: a per-user folder named after the server."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    parts = urlsplit(uri)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{parts.hostname or 'localhost'}_{parts.port or 7687}_{database or 'default'}")
    return os.path.join(base, "chidao-kg", "neo4j", f"{name}.removed")

