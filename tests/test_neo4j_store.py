"""kg.store.neo4j_store: the Neo4j adapter's code paths, run against tests/neo4j_fake.py (no server needed).

What a live server adds is in tests/test_usecases.py (marker ``neo4j``, NEO4J_URI set)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

neo4j = pytest.importorskip("neo4j", reason="the neo4j driver is not installed (pip install 'chidao-kg[neo4j]')")

from kg.errors import StoreError  # noqa: E402
from kg.model import store_spec  # noqa: E402
from kg.store import GraphStore, LadybugStore, open_store  # noqa: E402
from kg.store.ladybug_store import StoreOpenError  # noqa: E402
from kg.store.neo4j_store import Neo4jStore, display_uri, normalise, schema_statements  # noqa: E402
from neo4j_fake import FakeServer, client_error, transient  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "s3cr3t-Pa55word-xyz"


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def store(server) -> Neo4jStore:
    s = Neo4jStore("neo4j://fake:7687", driver=server.driver(), retry_delay=0, removed_dir="/nonexistent")
    yield s
    s.close()


def test_both_stores_have_the_documented_surface(store):
    assert isinstance(store, GraphStore)
    with LadybugStore(":memory:") as emb:
        assert isinstance(emb, GraphStore)


def test_schema_is_translated_not_the_embedded_ddl(server, store):
    made = store.ensure_schema(store_spec())
    assert len(made) == len(schema_statements(store_spec())) == 14 + 12 + 27  # keys (2 of lookup tables, 1 of DeadlineDay), node indexes, one edge index per type
    assert all(s.startswith(("CREATE CONSTRAINT kg_", "CREATE INDEX kg_")) and "IF NOT EXISTS" in s for s in made)
    sent = " ".join(t for t, _ in server.sent)
    for embedded in ("NODE TABLE", "REL TABLE", "show_tables", "table_info", "ALTER TABLE", "PRIMARY KEY", "STRING"):
        assert embedded not in sent
    assert "CREATE CONSTRAINT kg_Task_key_unique IF NOT EXISTS FOR (n:`Task`) REQUIRE n.`key` IS UNIQUE" in made
    assert "CREATE INDEX kg_Document_number_key IF NOT EXISTS FOR (n:`Document`) ON (n.`number_key`)" in made
    assert "CREATE INDEX kg_rel_CITES_notice IF NOT EXISTS FOR ()-[r:`CITES`]-() ON (r.`notice`)" in made
    assert "CREATE INDEX kg_Task_order_key IF NOT EXISTS FOR (n:`Task`) ON (n.`order_key`)" in made  # the listings
    assert store.ensure_schema(store_spec()) == []  # idempotent


@pytest.mark.parametrize("spec,words", [
    ({"nodes": {"Bad Label": {"key": "key", "props": {"key": "STRING"}}}}, ["Bad Label", "identifier"]),
    ({"nodes": {"A": {"key": "k", "props": {"key": "STRING"}}}}, ["key 'k'"]),
    ({"rels": {"R": {"pairs": [], "props": {}}}}, ["no pairs"]),
    ({"indexes": {"nodes": {"A": ["x`) DETACH DELETE n //"]}}}, ["identifier"]),
    ({"tables": {}}, ["unknown section"]),
])
def test_schema_spec_is_validated(store, spec, words):
    with pytest.raises(StoreError) as info:
        store.ensure_schema(spec)
    for w in words:
        assert w in str(info.value)


def test_results_are_normalised_like_the_embedded_store(server, store):
    store.execute_many("UNWIND $rows AS row CREATE (t:Task {key: row.key, deadline_end: date(row.d), ordinal: row.o})",
                       [{"key": "t1", "d": "2026-06-30", "o": 3}, {"key": "t2", "d": None, "o": 1}])
    rows = store.run("MATCH (t:Task) RETURN t.key AS key, t.deadline_end AS d, t.ordinal AS o, [t.deadline_end] AS l "
                     "ORDER BY key")
    assert rows == [{"key": "t1", "d": dt.date(2026, 6, 30), "o": 3, "l": [dt.date(2026, 6, 30)]},
                    {"key": "t2", "d": None, "o": 1, "l": [None]}]
    assert type(rows[0]["d"]) is dt.date and type(rows[0]["o"]) is int
    assert normalise(neo4j.time.DateTime(2026, 1, 2, 3, 4, 5)) == dt.datetime(2026, 1, 2, 3, 4, 5)
    assert normalise({"a": [neo4j.time.Date(2026, 1, 2)]}) == {"a": [dt.date(2026, 1, 2)]}
    with LadybugStore(":memory:") as emb:
        emb.ensure_schema(store_spec())
        emb.execute_many("UNWIND $rows AS row CREATE (t:Task {key: row.key, deadline_end: date(row.d), ordinal: row.o})",
                         [{"key": "t1", "d": "2026-06-30", "o": 3}, {"key": "t2", "d": None, "o": 1}])
        assert emb.run("MATCH (t:Task) RETURN t.key AS key, t.deadline_end AS d, t.ordinal AS o, [t.deadline_end] AS l "
                       "ORDER BY key") == rows


def test_execute_many_sends_batches_in_one_managed_write(server):
    s = Neo4jStore("neo4j://fake:7687", driver=server.driver(), batch_size=1000, retry_delay=0)
    rows = [{"key": f"a{i}"} for i in range(2500)]
    before = len(server.sent)
    assert s.execute_many("UNWIND $rows AS row CREATE (:Agency {key: row.key})", rows) == 2500
    sent = server.sent[before:]
    assert [len(p["rows"]) for _, p in sent] == [1000, 1000, 500]
    assert all(t == "UNWIND $rows AS row CREATE (:Agency {key: row.key})" for t, _ in sent)
    assert server.write_calls == 1 and server.commits == 1
    assert s.execute_many("UNWIND $rows AS row CREATE (:Agency {key: row.key})", [{"key": "b"}] * 3, batch=2,
                          dedupe_by="key") == 1  # deduplicated, last wins, as on the embedded store
    assert s.run("MATCH (a:Agency) RETURN count(a) AS n") == [{"n": 2501}]
    assert s.execute_many("UNWIND $rows AS row CREATE (:Agency {key: row.key})", []) == 0
    with pytest.raises(StoreError, match="does not use"):
        s.execute_many("UNWIND $items AS row CREATE (:Agency {key: row.key})", rows)
    with pytest.raises(StoreError, match="positive"):
        s.execute_many("UNWIND $rows AS row CREATE (:Agency {key: row.key})", rows, batch=0)


def test_batch_size_from_the_environment(server, monkeypatch):
    monkeypatch.setenv("KG_NEO4J_BATCH", "7")
    assert Neo4jStore("neo4j://fake:7687", driver=server.driver()).batch_size == 7
    monkeypatch.setenv("KG_NEO4J_BATCH", "x")
    assert Neo4jStore("neo4j://fake:7687", driver=server.driver()).batch_size == 1000


def test_managed_write_is_run_again_whole_on_a_transient_error(server, store):
    server.fail(transient, match="UNWIND", times=2)  # the first two batch statements fail (two attempts)
    rows = [{"key": f"a{i}"} for i in range(5)]
    assert store.execute_many("UNWIND $rows AS row CREATE (:Agency {key: row.key})", rows, batch=2) == 5
    assert store.run("MATCH (a:Agency) RETURN count(a) AS n") == [{"n": 5}]  # no batch written twice


def test_a_block_replays_after_a_transient_error_and_checks_its_reads(server, store):
    store.execute_many("UNWIND $rows AS row CREATE (:Agency {key: row.key})", [{"key": "a"}, {"key": "b"}])
    with store.transaction():
        n = store.run("MATCH (a:Agency) RETURN count(a) AS n")[0]["n"]
        store.run("CREATE (:Agency {key: 'c'})")
        server.fail(transient, match="'d'")  # the next statement fails once: the block goes on unaware
        store.run("CREATE (:Agency {key: 'd'})")
        with store.transaction():  # nested: joins
            store.run("CREATE (:Agency {key: 'e'})")
    assert n == 2
    assert store.run("MATCH (a:Agency) RETURN a.key AS k ORDER BY k") == [{"k": k} for k in "abcde"]
    replays = [t for t, _ in server.sent if t == "CREATE (:Agency {key: 'c'})"]
    assert len(replays) == 2  # run once, then again in the new transaction


def test_a_transient_error_at_commit_replays_the_block(server, store):
    server.fail(transient, at="commit")
    with store.transaction():
        store.run("CREATE (:Agency {key: 'x'})")
    assert store.run("MATCH (a:Agency) RETURN count(a) AS n") == [{"n": 1}]


def test_a_replay_whose_reads_changed_gives_up(server, store):
    with pytest.raises(StoreError, match="data it had read changed"):
        with store.transaction():
            store.run("MATCH (a:Agency) RETURN count(a) AS n")
            # another writer adds a node between the first attempt and the replay
            server.fail(lambda: (server.after_rollback.append(
                lambda: server.store.run("CREATE (:Agency {key: 'intruder'})")), transient())[1], match="'y'")
            store.run("CREATE (:Agency {key: 'y'})")
    assert store.run("MATCH (a:Agency) WHERE a.key = 'y' RETURN count(a) AS n") == [{"n": 0}]


def test_retries_are_bounded(server):
    s = Neo4jStore("neo4j://fake:7687", driver=server.driver(), max_retries=2, retry_delay=0)
    server.fail(transient, match="'z'", times=10)
    with pytest.raises(StoreError, match="DeadlockDetected|deadlock"):
        with s.transaction():
            s.run("CREATE (:Agency {key: 'z'})")
    assert [t for t, _ in server.sent].count("CREATE (:Agency {key: 'z'})") == 3
    assert s.run("MATCH (a:Agency) RETURN count(a) AS n") == [{"n": 0}]


def test_an_error_in_a_block_rolls_back_and_refuses_the_rest(server, store):
    with pytest.raises(StoreError) as info:
        with store.transaction():
            store.run("CREATE (:Agency {key: 'kept-out'})")
            try:
                store.run("MATCH (a:Nope) RETURN a.key AS k", recipe="bad_recipe")
            except StoreError as e:
                assert e.recipe == "bad_recipe" and "Nope" in str(e)
                raise
    assert info.value.recipe == "bad_recipe"
    with pytest.raises(StoreError, match="rolled back"):
        with store.transaction():
            try:
                store.run("MATCH (a:Nope) RETURN a.key AS k")
            except StoreError:
                pass
            with pytest.raises(StoreError, match="aborted"):
                store.run("CREATE (:Agency {key: 'after'})")
    assert store.run("MATCH (a:Agency) RETURN count(a) AS n") == [{"n": 0}]
    assert server.sessions_open == 0


def test_one_statement_per_call_and_read_only(server):
    s = Neo4jStore("neo4j://fake:7687", driver=server.driver(), read_only=True, retry_delay=0)
    with pytest.raises(StoreError, match="one statement"):
        s.run("RETURN 1 AS a; RETURN 2 AS b")
    with pytest.raises(StoreError, match="read-only"):
        s.run("CREATE (:Agency {key: 'x'})")
    assert s.run("MATCH (a:Agency) RETURN count(a) AS n") == [{"n": 0}]
    assert server.read_calls >= 1 and server.write_calls == 0
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.run("RETURN 1 AS a")


def test_open_store_picks_the_store_by_target(server, tmp_path):
    assert isinstance(open_store(":memory:"), LadybugStore)
    s = open_store("bolt://fake:7687", driver=server.driver())
    assert isinstance(s, Neo4jStore) and s.path == "bolt://fake:7687"


# -- connection failures: one line naming the URI, never the password ----------------------------------


def _chain(e: BaseException) -> list[BaseException]:
    out = []
    while e is not None and e not in out:
        out.append(e)
        e = e.__cause__ or e.__context__
    return out


def test_unreachable_server_one_line_without_the_password(caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(StoreOpenError) as info:
        Neo4jStore("bolt://127.0.0.1:9", user="neo4j", password=PASSWORD, connection_timeout=2)
    e = info.value
    assert e.kind == "unreachable"
    assert e.message.startswith("bolt://127.0.0.1:9: không kết nối được tới máy chủ Neo4j")
    assert "\n" not in e.message
    assert _chain(e) == [e]  # no driver exception hangs on to it
    for text in (e.message, repr(e), e.detail, caplog.text):
        assert PASSWORD not in text


def test_auth_failure_never_shows_the_password(monkeypatch, caplog):
    class Refusing:
        def __init__(self, uri, auth, **config):
            self.auth = auth

        def verify_connectivity(self):
            raise neo4j.exceptions.AuthError(f"authentication failure for {self.auth}")  # a driver that says too much

        def close(self):
            pass

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", Refusing)
    with pytest.raises(StoreOpenError) as info:
        Neo4jStore("neo4j://admin:" + PASSWORD + "@db.example:7687", user="neo4j", password=PASSWORD)
    e = info.value
    assert e.kind == "auth" and _chain(e) == [e]
    assert e.message == ("neo4j://db.example:7687: máy chủ Neo4j từ chối đăng nhập của người dùng 'neo4j': kiểm tra "
                         "NEO4J_USER và NEO4J_PASSWORD")
    assert PASSWORD not in repr(e) + caplog.text
    assert display_uri(f"neo4j://u:{PASSWORD}@h:1") == "neo4j://h:1"


def test_missing_password_and_bad_scheme(monkeypatch):
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    with pytest.raises(StoreOpenError, match="NEO4J_PASSWORD"):
        Neo4jStore("neo4j://localhost:7687")
    with pytest.raises(StoreOpenError, match="không hỗ trợ giao thức 'http://'"):
        Neo4jStore("http://localhost:7474", password="x")


def test_cli_failure_is_one_line_without_the_password(runner, monkeypatch, tmp_path):
    from kg.cli import main

    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    for args, env in ((["stats", "--store", "bolt://127.0.0.1:9"], {}), (["trace", "02/2026"], {"KG_STORE": "neo4j://127.0.0.1:9"})):
        res = runner.invoke(main, args, env=env)
        assert res.exit_code == 1
        err = res.stderr.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("Lỗi: ") and "127.0.0.1:9" in err[0] and "Neo4j" in err[0]
        assert PASSWORD not in res.stdout + res.stderr + repr(res.exception)


def test_embedded_store_works_without_the_driver(tmp_path):
    """``neo4j`` is optional: with it unimportable the embedded store and the CLI still work, and a URI says
    what to install."""
    code = (
        "import sys; sys.modules['neo4j'] = None\n"
        "from kg.graph import KnowledgeGraph\n"
        "kg = KnowledgeGraph.open(None); print(kg.q('stats')[0]['notices']); kg.close()\n"
        "from kg.cli import main\n"
        "sys.argv = ['kg', 'stats', '--json', '--store', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    print('exit', e.code)\n"
        "sys.argv = ['kg', 'stats', '--store', 'neo4j://localhost:7687']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    print('exit', e.code)\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path / "g.lbug")], capture_output=True, text=True,
                       cwd=ROOT, env={**os.environ, "NEO4J_PASSWORD": "x"}, timeout=120)
    assert r.stdout.splitlines()[0] == "0"
    assert '"notices": 0' in r.stdout and "exit 0" in r.stdout and r.stdout.rstrip().endswith("exit 1")
    assert r.stderr.strip() == ("Lỗi: neo4j://localhost:7687: chưa cài trình điều khiển Neo4j cho Python "
                                "(pip install 'chidao-kg[neo4j]')")


def test_create_nodes_and_edges_are_the_row_statements_through_execute_many(server):
    """Neo4j runs the shared row-form statements (kg.store.rows) in batches, a list property's None as []."""
    from kg.store.rows import create_edges_text, create_nodes_text

    s = Neo4jStore("neo4j://fake:7687", driver=server.driver(), batch_size=2, retry_delay=0)
    s.ensure_schema(store_spec())
    props = {"title": "STRING", "recipients": "STRING[]"}
    before = len(server.sent)
    assert s.create_nodes("Notice", props, [{"key": "a", "title": "A", "recipients": None},
                                            {"key": "b", "title": None, "recipients": ["B"]},
                                            {"key": "c", "title": "C", "recipients": []}]) == 3
    sent = server.sent[before:]
    assert [t for t, _ in sent] == [create_nodes_text("Notice", props)] * 2
    assert [r["recipients"] for _, p in sent for r in p["rows"]] == [[], ["B"], []]
    assert create_nodes_text("Notice", props) == ("UNWIND $rows AS row CREATE (n:`Notice` {`key`: row.key, "
                                                  "`title`: row.title, `recipients`: row.recipients})")
    before = len(server.sent)
    assert s.create_edges("MEMBER_OF", "Agency", "AgencyGroup", {"notice": "STRING"},
                          [{"a": "a", "b": "g", "notice": "n1"}]) == 1
    (text, params), = server.sent[before:]
    assert text == create_edges_text("MEMBER_OF", "Agency", "AgencyGroup", {"notice": "STRING"}) == (
        "UNWIND $rows AS row MATCH (a:`Agency` {key: row.a}) MATCH (b:`AgencyGroup` {key: row.b}) "
        "CREATE (a)-[r:`MEMBER_OF` {`notice`: row.notice}]->(b)")
    assert params["rows"] == [{"a": "a", "b": "g", "notice": "n1"}]
