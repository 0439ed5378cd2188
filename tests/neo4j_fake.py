"""A stand-in for the ``neo4j`` driver whose 'server' is an in-memory Ladybug database.

It lets the tests run every code path of :class:`kg.store.neo4j_store.Neo4jStore` without a Neo4j
server: sessions, explicit transactions, managed transactions (``execute_read`` / ``execute_write``
retry their work on a retryable error, as the driver does), records (``neo4j.Record``) holding
``neo4j.time.Date`` values as the driver gives them, the Neo4j schema commands the store sends
(``CREATE CONSTRAINT``, ``CREATE INDEX``, ``SHOW CONSTRAINTS``, ``SHOW INDEXES``, ``CALL db.labels()``),
and errors injected where a test wants them (``FakeServer.fail``). Every other statement runs on the
embedded engine, whose tables are made from the model first, so the graph written through the adapter
and the answers read back are real.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

import neo4j
import neo4j.time
from neo4j import exceptions as ex

from kg.model import store_spec
from kg.store.format import META_SPEC
from kg.store.ladybug_store import LadybugStore


def transient(message: str = "deadlock detected") -> ex.Neo4jError:
    return ex.Neo4jError._hydrate_neo4j(code="Neo.TransientError.Transaction.DeadlockDetected", message=message)


def client_error(message: str) -> ex.Neo4jError:
    return ex.Neo4jError._hydrate_neo4j(code="Neo.ClientError.Statement.SyntaxError", message=message)


def _to_driver(v: Any) -> Any:
    """A value as the driver hands it out: dates as neo4j.time types, sums as int."""
    if isinstance(v, dt.datetime):
        return neo4j.time.DateTime.from_native(v)
    if isinstance(v, dt.date):
        return neo4j.time.Date.from_native(v)
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, list):
        return [_to_driver(x) for x in v]
    if isinstance(v, dict):
        return {k: _to_driver(x) for k, x in v.items()}
    return v


@dataclass
class Fault:
    error: Callable[[], BaseException]
    match: str = ""  # a regex the statement must contain (empty: any)
    at: str = "run"  # "run" | "commit" | "connect"
    times: int = 1


@dataclass
class FakeServer:
    """The 'server': an embedded database with the model's tables, the schema names made, and a log."""

    store: LadybugStore = field(default_factory=lambda: LadybugStore(":memory:"))
    schema: set = field(default_factory=set)
    sent: list = field(default_factory=list)  # (text, params) of every statement run
    faults: list = field(default_factory=list)
    after_rollback: list = field(default_factory=list)  # called once after the next rollback (another writer)
    commits: int = 0
    sessions_open: int = 0
    write_calls: int = 0
    read_calls: int = 0

    def __post_init__(self) -> None:
        self.store.ensure_schema(store_spec())
        self.store.ensure_schema(META_SPEC)

    def fail(self, error: Callable[[], BaseException] = transient, match: str = "", at: str = "run", times: int = 1) -> None:
        self.faults.append(Fault(error, match, at, times))

    def _fault(self, at: str, text: str = "") -> None:
        for f in self.faults:
            if f.at == at and f.times > 0 and re.search(f.match, text):
                f.times -= 1
                raise f.error()

    def driver(self) -> "FakeDriver":
        return FakeDriver(self)

    def execute(self, text: str, params: dict) -> list[dict]:
        self.sent.append((text, params))
        self._fault("run", text)
        t = " ".join(text.split())
        m = re.match(r"CREATE (?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS FOR ", t)
        if m:
            self.schema.add(m.group(1))
            return []
        if re.match(r"SHOW (?:CONSTRAINTS|INDEXES) YIELD name RETURN name$", t):
            return [{"name": n} for n in sorted(self.schema) if n.endswith("_unique") == ("CONSTRAINTS" in t)]
        if t == "CALL db.labels() YIELD label RETURN label":
            labels = [r["name"] for r in self.store.run("CALL show_tables() RETURN name, type") if r["type"] == "NODE"]
            return [{"label": l} for l in labels if self.store.run(f"MATCH (n:`{l}`) RETURN count(n) AS n")[0]["n"]]
        conn = self.store._conn
        try:
            result = conn.execute(text, params)
            result.rows_as_dict()
            rows = result.get_all()
        except RuntimeError as e:
            raise client_error(str(e)) from None
        return rows


class FakeResult:
    def __init__(self, rows: list[dict]):
        self._records = [neo4j.Record({k: _to_driver(v) for k, v in r.items()}) for r in rows]

    def __iter__(self):
        return iter(self._records)


class FakeTx:
    def __init__(self, server: FakeServer):
        self.server = server
        self.open = True
        self.server.store._conn.execute("BEGIN TRANSACTION")

    def run(self, text: str, params: dict | None = None) -> FakeResult:
        if not self.open:
            raise ex.TransactionError("transaction closed")
        try:
            return FakeResult(self.server.execute(text, dict(params or {})))
        except BaseException:
            self._end("ROLLBACK")  # a failed statement ends a Neo4j transaction
            raise

    def _end(self, statement: str) -> None:
        if self.open:
            self.open = False
            try:
                self.server.store._conn.execute(statement)
            except RuntimeError:
                pass  # the engine rolled back already
            hooks, self.server.after_rollback[:] = list(self.server.after_rollback), []
            for hook in hooks:
                hook()

    def commit(self) -> None:
        if not self.open:
            raise ex.TransactionError("transaction closed")
        try:
            self.server._fault("commit")
        except BaseException:
            self._end("ROLLBACK")
            raise
        self._end("COMMIT")
        self.server.commits += 1

    def rollback(self) -> None:
        self._end("ROLLBACK")

    def close(self) -> None:
        self._end("ROLLBACK")


class FakeSession:
    def __init__(self, server: FakeServer, retries: int = 3):
        self.server = server
        self.retries = retries
        server.sessions_open += 1

    def begin_transaction(self) -> FakeTx:
        return FakeTx(self.server)

    def _managed(self, work: Callable[[FakeTx], Any]) -> Any:
        attempt = 0
        while True:  # what the driver does: the work again on a retryable error
            tx = FakeTx(self.server)
            try:
                out = work(tx)
                tx.commit()
                return out
            except Exception as e:
                tx.rollback()
                if e.is_retryable() if hasattr(e, "is_retryable") else False:
                    attempt += 1
                    if attempt <= self.retries:
                        continue
                raise

    def execute_write(self, work):
        self.server.write_calls += 1
        return self._managed(work)

    def execute_read(self, work):
        self.server.read_calls += 1
        return self._managed(work)

    def close(self) -> None:
        self.server.sessions_open -= 1


@dataclass
class ServerInfo:
    agent: str = "Neo4j/5.26.0 (fake)"


class FakeDriver:
    def __init__(self, server: FakeServer):
        self.server = server
        self.closed = False

    def session(self, **kwargs) -> FakeSession:
        return FakeSession(self.server)

    def verify_connectivity(self) -> None:
        self.server._fault("connect")

    def verify_authentication(self) -> bool:
        return True

    def get_server_info(self) -> ServerInfo:
        return ServerInfo()

    def close(self) -> None:
        self.closed = True
