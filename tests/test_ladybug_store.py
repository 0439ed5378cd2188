"""kg.store.ladybug_store on a toy schema: schema, idempotent UNWIND MERGE, paths, dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("ladybug")

from kg.errors import StoreError  # noqa: E402
from kg.recipes import Registry  # noqa: E402
from kg.store import LadybugStore  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "queries" / "examples"

SPEC = {
    "nodes": {
        "Agency": {"key": "key", "props": {"key": "STRING", "name": "STRING", "aliases": "STRING[]"}},
        "Committee": {"key": "key", "props": {"key": "STRING", "name": "STRING"}},
        "Task": {"key": "key", "props": {"key": "STRING", "text": "STRING", "deadline": "DATE", "source": "STRING"}},
        "Doc": {"key": "key", "props": {"key": "STRING", "source": "STRING"}},
    },
    "rels": {
        "ASSIGNED_TO": {"pairs": [["Task", "Agency"], ["Task", "Committee"]], "props": {"role": "STRING"}},
        "IMPLEMENTS": {"pairs": [["Doc", "Doc"]]},
        "AMENDS": {"pairs": [["Doc", "Doc"]]},
        "BASED_ON": {"pairs": [["Task", "Doc"]]},
    },
}

AGENCIES = [
    {"key": "bxd", "name": "Bộ Xây dựng", "aliases": ["BXD", "Bộ XD"]},
    {"key": "btc", "name": "Bộ Tài chính", "aliases": ["BTC"]},
    {"key": "bca", "aliases": []},  # no name: sent as None
]
TASKS = [
    {"key": "t1", "text": "Hoàn thiện hồ sơ", "deadline": "2026-06-10", "source": "a.txt"},
    {"key": "t2", "text": "Báo cáo Thủ tướng", "deadline": "2026-07-01", "source": "a.txt"},
    {"key": "t3", "text": "Rà soát", "deadline": None, "source": "b.txt"},
]
# d2 implements d1, d3 implements d2, d4 implements d3; d5 amends d2
DOCS = [{"key": k, "source": "docs"} for k in ("d1", "d2", "d3", "d4", "d5")]
IMPL = [{"a": "d2", "b": "d1"}, {"a": "d3", "b": "d2"}, {"a": "d4", "b": "d3"}]
ASSIGN = [{"t": "t1", "a": "bxd", "role": "lead"}, {"t": "t1", "a": "btc", "role": "support"},
          {"t": "t2", "a": "btc", "role": "lead"}, {"t": "t3", "a": "bca", "role": "lead"}]
BASED = [{"t": "t1", "d": "d1"}, {"t": "t2", "d": "d2"}, {"t": "t3", "d": "d4"}, {"t": "t3", "d": "d5"}]

MERGE_TASKS = """UNWIND $rows AS row
MERGE (n:Task {key: row.key})
ON CREATE SET n.text = row.text, n.deadline = date(row.deadline), n.source = row.source
ON MATCH SET n.text = row.text, n.deadline = date(row.deadline), n.source = row.source"""
MERGE_DOCS = "UNWIND $rows AS row MERGE (n:Doc {key: row.key}) SET n.source = row.source"
MERGE_ASSIGN = """UNWIND $rows AS row
MATCH (a:Task {key: row.t}) MATCH (b:Agency {key: row.a})
MERGE (a)-[r:ASSIGNED_TO {role: row.role}]->(b)"""
MERGE_IMPL = "UNWIND $rows AS row MATCH (a:Doc {key: row.a}) MATCH (b:Doc {key: row.b}) MERGE (a)-[:IMPLEMENTS]->(b)"
MERGE_AMENDS = "UNWIND $rows AS row MATCH (a:Doc {key: row.a}) MATCH (b:Doc {key: row.b}) MERGE (a)-[:AMENDS]->(b)"
MERGE_BASED = "UNWIND $rows AS row MATCH (a:Task {key: row.t}) MATCH (b:Doc {key: row.d}) MERGE (a)-[:BASED_ON]->(b)"

COUNTS = """MATCH (n) WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS edges"""


@pytest.fixture(scope="module")
def examples() -> Registry:
    return Registry.load(EXAMPLES)


def load(store: LadybugStore, examples: Registry, batch: int = 2) -> None:
    store.execute_many(examples.get("merge_agencies").text, AGENCIES, batch=batch)
    store.execute_many(MERGE_TASKS, TASKS, batch=batch)
    store.execute_many(MERGE_DOCS, DOCS, batch=batch)
    store.execute_many(MERGE_ASSIGN, ASSIGN, batch=batch)
    store.execute_many(MERGE_IMPL, IMPL, batch=batch)
    store.execute_many(MERGE_AMENDS, [{"a": "d5", "b": "d2"}], batch=batch)
    store.execute_many(MERGE_BASED, BASED, batch=batch)


@pytest.fixture
def store(examples):
    with LadybugStore(":memory:") as s:
        s.ensure_schema(SPEC)
        load(s, examples)
        yield s


def test_ensure_schema_twice_is_fine(tmp_path):
    with LadybugStore(tmp_path) as s:  # a directory: the database is graph.lbug inside it
        first = s.ensure_schema(SPEC)
        assert len(first) == 8 and first[0].startswith("CREATE NODE TABLE IF NOT EXISTS `Agency`(`key` STRING")
        assert "(FROM `Task` TO `Agency`, FROM `Task` TO `Committee`, `role` STRING)" in first[4]
        assert s.ensure_schema(SPEC) == []
    assert (tmp_path / "graph.lbug").is_file()
    with LadybugStore(tmp_path / "graph.lbug") as s:  # reopened: still nothing to do
        assert s.ensure_schema(SPEC) == []
        # additive changes are applied, conflicting ones refused
        grown = {"nodes": {"Agency": {"key": "key", "props": {"key": "STRING", "level": "INT64"}}},
                 "rels": {"ASSIGNED_TO": {"pairs": [["Committee", "Agency"]]}}}
        assert s.ensure_schema(grown) == ["ALTER TABLE `Agency` ADD IF NOT EXISTS `level` INT64",
                                          "ALTER TABLE `ASSIGNED_TO` ADD FROM `Committee` TO `Agency`"]
        assert s.ensure_schema(grown) == []
        with pytest.raises(StoreError, match="Agency.name is STRING in the database, spec says INT64"):
            s.ensure_schema({"nodes": {"Agency": {"key": "key", "props": {"key": "STRING", "name": "INT64"}}}})
        with pytest.raises(StoreError, match="primary key key, spec says name"):
            s.ensure_schema({"nodes": {"Agency": {"key": "name", "props": {"name": "STRING"}}}})


def test_schema_checked_once_while_the_file_and_its_log_are_unchanged(tmp_path):
    """The web app opens the store for every request: the schema is read once while nothing was written since,
    and again after any write (here a column dropped behind its back, which the next check puts back)."""
    with LadybugStore(tmp_path) as s:
        s.ensure_schema(SPEC)
    counts = []
    for _ in range(3):
        with LadybugStore(tmp_path, read_only=True) as s:
            ran = []
            run = s.run
            s.run = lambda text, params=None, **kw: (ran.append(text), run(text, params, **kw))[1]
            assert s.ensure_schema(SPEC) == []
            counts.append(len(ran))
    assert counts == [13, 0, 0]  # show_tables, 4 node tables, 4 relationship tables (their pairs and columns)
    with LadybugStore(tmp_path) as s:
        s.run("ALTER TABLE Agency DROP name")
        assert s.ensure_schema(SPEC) == ["ALTER TABLE `Agency` ADD IF NOT EXISTS `name` STRING"]
        assert s.ensure_schema(SPEC) == []


def test_reserved_word_as_label():
    spec = {"nodes": {"Group": {"key": "key", "props": {"key": "STRING", "date": "STRING"}},
                      "Task": {"key": "key", "props": {"key": "STRING"}}},
            "rels": {"MEMBER_OF": {"pairs": [["Task", "Group"]]}, "CONTAINS": {"pairs": [["Task", "Task"]]}}}
    with LadybugStore() as s:
        assert len(s.ensure_schema(spec)) == 4 and s.ensure_schema(spec) == []
        s.execute_many("UNWIND $rows AS row MERGE (g:`Group` {key: row.key})", [{"key": "g"}])
        assert s.run("MATCH (g:`Group`) RETURN g.key AS k") == [{"k": "g"}]
        with pytest.raises(StoreError, match="Parser exception"):
            s.run("MATCH (g:Group) RETURN g.key AS k")


@pytest.mark.parametrize("spec,words", [
    ({"nodes": {"Bad Label": {"key": "k", "props": {"k": "STRING"}}}}, "not a plain identifier"),
    ({"nodes": {"A": {"key": "k", "props": {"k": "STRING); DROP TABLE A; //"}}}}, "expected a Ladybug type"),
    ({"nodes": {"A": {"key": "id", "props": {"k": "STRING"}}}}, "not among its props"),
    ({"rels": {"R": {"pairs": []}}}, "has no pairs"),
    ({"rels": {"R": {"pairs": [["A"]]}}}, "is not [From, To]"),
    ({"edges": {}}, "unknown section"),
])
def test_ensure_schema_refuses_bad_specs(spec, words):
    with LadybugStore() as s:
        with pytest.raises(StoreError) as info:
            s.ensure_schema(spec)
        assert words in str(info.value)


def test_unwind_merge_twice_gives_same_counts(store, examples):
    before = store.run(COUNTS)
    assert before == [{"nodes": 11, "edges": 12}]
    load(store, examples, batch=1000)  # again, other batch size
    assert store.run(COUNTS) == before
    rows = store.run("MATCH (a:Agency) RETURN a.key AS key, a.name AS name, a.aliases AS aliases ORDER BY key")
    assert rows == [{"key": "bca", "name": None, "aliases": []},
                    {"key": "btc", "name": "Bộ Tài chính", "aliases": ["BTC"]},
                    {"key": "bxd", "name": "Bộ Xây dựng", "aliases": ["BXD", "Bộ XD"]}]
    # another role between the same endpoints is another edge
    store.execute_many(MERGE_ASSIGN, [{"t": "t1", "a": "bxd", "role": "support"}])
    assert store.run(COUNTS) == [{"nodes": 11, "edges": 13}]


def test_all_none_field_is_typed_string(examples):
    # a canary for a Ladybug limit (docs/ladybug-notes.md): if it starts passing, update the notes
    with LadybugStore() as s:
        s.ensure_schema(SPEC)
        text = examples.get("merge_agencies").text
        with pytest.raises(StoreError, match="has data type STRING but expected STRING\\[\\]"):
            s.execute_many(text, [{"key": "a", "name": "A"}, {"key": "b", "name": "B", "aliases": None}])
        # with a real list somewhere in the batch, None is fine (even right after the failure,
        # which ladybug's plan cache would otherwise repeat)
        s.execute_many(text, [{"key": "a", "name": "A"}, {"key": "b", "name": "B", "aliases": ["b"]}])
        # dates through date(): None in every row is fine
        s.execute_many(MERGE_TASKS, [{"key": "t", "text": "x", "deadline": None, "source": "s"}])
        assert s.run("MATCH (t:Task) RETURN t.deadline AS d") == [{"d": None}]


def test_dedupe_by_last_row_wins(examples):
    rows = [{"key": "x", "name": "first", "aliases": []}, {"key": "y", "name": "Y", "aliases": []},
            {"key": "x", "name": "second", "aliases": ["X"]}]
    with LadybugStore() as s:
        s.ensure_schema(SPEC)
        assert s.execute_many(examples.get("merge_agencies").text, rows, dedupe_by="key") == 2
        assert s.run("MATCH (a:Agency) RETURN a.key AS k, a.name AS n, a.aliases AS al ORDER BY k") == [
            {"k": "x", "n": "second", "al": ["X"]}, {"k": "y", "n": "Y", "al": []}]


def test_var_length_path_recipe(store, examples):
    rows = store.run_recipe(examples, "trace_document", doc_key="d1")
    assert rows == [{"task": "t1", "via": "d1", "hops": 0},
                    {"task": "t2", "via": "d2", "hops": 1},
                    {"task": "t3", "via": "d4", "hops": 3}]
    assert [r["task"] for r in store.run_recipe(examples, "trace_document", doc_key="d1", max_depth=1)] == ["t1", "t2"]
    # several relationship types in one variable-length pattern; path functions
    rows = store.run("""MATCH p = (x:Doc)-[:IMPLEMENTS|AMENDS*1..3]->(d:Doc {key: $k})
                        RETURN x.key AS src, length(p) AS hops, list_transform(nodes(p), n -> n.key) AS keys
                        ORDER BY hops, src""", {"k": "d1"})
    assert rows == [{"src": "d2", "hops": 1, "keys": ["d2", "d1"]},
                    {"src": "d3", "hops": 2, "keys": ["d3", "d2", "d1"]},
                    {"src": "d5", "hops": 2, "keys": ["d5", "d2", "d1"]},
                    {"src": "d4", "hops": 3, "keys": ["d4", "d3", "d2", "d1"]}]


def test_date_comparison(store, examples):
    due = store.run_recipe(examples, "tasks_due", from_date="2026-06-01", to_date="2026-06-30")
    due[0]["agencies"].sort()  # collect() has no order
    assert due == [{"task": "t1", "deadline": dt.date(2026, 6, 10), "agencies": ["btc", "bxd"]}]
    due = store.run_recipe(examples, "tasks_due", from_date=dt.date(2026, 1, 1), to_date="2026-12-31", agency="btc")
    assert [r["task"] for r in due] == ["t1", "t2"]
    # a STRING parameter read as a DATE with date($s)
    rows = store.run("MATCH (t:Task) WHERE t.deadline < date($s) RETURN t.key AS k ORDER BY k", {"s": "2026-07-01"})
    assert rows == [{"k": "t1"}]


def test_detach_delete_by_property(store):
    store.run("MATCH (n:Task) WHERE n.source = $src DETACH DELETE n", {"src": "a.txt"})
    assert store.run(COUNTS) == [{"nodes": 9, "edges": 7}]
    assert store.run("MATCH (t:Task) RETURN t.key AS k") == [{"k": "t3"}]


def test_transaction_rolls_back_on_error(store):
    before = store.run(COUNTS)
    with pytest.raises(StoreError, match="duplicated primary key"):
        store.execute_many("UNWIND $rows AS row CREATE (:Doc {key: row.key})",
                           [{"key": "new1"}, {"key": "new2"}, {"key": "d1"}], batch=2)
    assert store.run(COUNTS) == before  # the first batch was rolled back too
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.run("CREATE (:Doc {key: 'new3'})")
            raise RuntimeError("boom")
    assert store.run(COUNTS) == before
    with pytest.raises(StoreError, match="rolled back"):
        with store.transaction():
            with pytest.raises(StoreError):
                store.run("CREATE (:Doc {key: 'd1'})")
            with pytest.raises(StoreError, match="aborted"):
                store.run("CREATE (:Doc {key: 'new4'})")
    assert store.run(COUNTS) == before


def test_errors_and_results(store):
    with pytest.raises(StoreError) as info:
        store.run("MATCH (x:Nope) RETURN x", recipe="trace_document")
    assert str(info.value).startswith("recipe trace_document: Binder exception") and info.value.recipe == "trace_document"
    with pytest.raises(StoreError, match="one statement per call"):
        store.run("RETURN 1 AS a; RETURN 2 AS b")
    with pytest.raises(StoreError, match=r"does not use \$rows"):
        store.execute_many("UNWIND $items AS row RETURN row", [{"a": 1}])
    assert store.execute_many(MERGE_DOCS, []) == 0
    # sums are INT128 in Ladybug: returned as int, like Neo4j
    assert store.run("UNWIND [1, 2] AS x RETURN sum(x) AS s, collect(DISTINCT x) AS xs") == [{"s": 3, "xs": [1, 2]}]
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.run("RETURN 1 AS x")


def test_create_nodes_and_edges_write_what_the_row_statements_write():
    """The embedded store sends create_nodes / create_edges as columns (faster to bind); the graph is the one
    the row-form statements give through execute_many: None and all-None columns, lists (None as []), dates,
    ints and floats mixed in a DOUBLE, several statements per call, one transaction."""
    from kg.store.rows import create_edges_text, create_nodes_text

    spec = {"nodes": {"A": {"key": "key", "props": {"key": "STRING", "name": "STRING", "tags": "STRING[]",
                                                     "day": "DATE", "n": "INT64", "x": "DOUBLE", "ok": "BOOLEAN",
                                                     "note": "STRING"}}},
            "rels": {"R": {"pairs": [["A", "A"]], "props": {"role": "STRING", "span": "INT64", "by": "STRING"}}}}
    props = {p: t for p, t in spec["nodes"]["A"]["props"].items() if p != "key"}
    rprops = spec["rels"]["R"]["props"]
    rows = [{"key": f"k{i}", "name": None if i % 3 else f"Tên {i}", "tags": None if i % 2 else ["a", str(i)],
             "day": None if i % 4 else "2026-03-01", "n": i * 10_000_000_000 if i == 5 else i,
             "x": i if i % 2 else i + 0.5, "ok": i % 2 == 0, "note": None} for i in range(7)]
    edges = [{"a": f"k{i}", "b": f"k{(i + 1) % 7}", "role": None if i % 2 else "lead", "span": -1 if i else 70_000,
              "by": None} for i in range(7)]

    def dump(s):
        nodes = s.run("MATCH (n:A) RETURN n.key AS key, n.name AS name, n.tags AS tags, n.day AS day, n.n AS n, "
                      "n.x AS x, n.ok AS ok, n.note AS note ORDER BY key")
        rels = s.run("MATCH (a)-[r:R]->(b) RETURN a.key AS a, b.key AS b, r.role AS role, r.span AS span, "
                     "r.by AS by ORDER BY a.key")
        return nodes, rels

    with LadybugStore(":memory:") as cols, LadybugStore(":memory:") as by_rows:
        for s in (cols, by_rows):
            s.ensure_schema(spec)
        assert cols.create_nodes("A", props, rows, batch=3) == 7
        assert cols.create_edges("R", "A", "A", rprops, edges, batch=4) == 7
        by_rows.execute_many(create_nodes_text("A", props), [{**r, "tags": r["tags"] or []} for r in rows])
        by_rows.execute_many(create_edges_text("R", "A", "A", rprops), edges)
        assert dump(cols) == dump(by_rows)
        nodes, rels = dump(cols)
        assert [r["tags"] for r in nodes] == [["a", "0"], [], ["a", "2"], [], ["a", "4"], [], ["a", "6"]]
        assert nodes[5]["n"] == 50_000_000_000 and nodes[1]["x"] == 1.0 and nodes[0]["day"] == dt.date(2026, 3, 1)
        assert rels[0]["span"] == 70_000 and {r["by"] for r in rels} == {None}
        assert cols.create_nodes("A", props, []) == 0
        with pytest.raises(StoreError, match=r"rows 1-2: .*duplicated primary key"):
            cols.create_nodes("A", props, rows[:2])  # keys held: the statement fails, nothing is written
        assert cols.run("MATCH (n:A) RETURN count(n) AS n") == [{"n": 7}]
        with pytest.raises(StoreError, match="positive"):
            cols.create_nodes("A", props, rows, batch=0)
        with pytest.raises(StoreError, match="not an identifier"):
            cols.create_nodes("A`) DETACH DELETE (n", props, rows)


def test_deferred_checkpoints_wait_for_a_log_as_big_as_the_budget_or_the_database_file(tmp_path, monkeypatch):
    """Inside deferred_checkpoints a commit is checkpointed once the log holds the budget, or the database file's
    size when that is more (capped): a checkpoint costs time that grows with the store, so a big store waits for
    more log. Outside the block every commit is checkpointed."""
    import os

    from kg.store import ladybug_store as ls

    path = tmp_path / "g.lbug"
    spec = {"nodes": {"A": {"key": "key", "props": {"key": "STRING", "text": "STRING"}}}}
    with LadybugStore(path) as s:
        s.ensure_schema(spec)
        with s.transaction():
            s.execute_many("UNWIND $rows AS row CREATE (:A {key: row.key, text: row.text})",
                           [{"key": f"k{i}", "text": "x" * 200} for i in range(5000)])
        size = os.path.getsize(path)
        assert s.log_size() == 0 and size > 100_000  # checkpointed at commit
        with s.deferred_checkpoints(budget=1000):
            assert s.checkpoint_due() == size  # the file is bigger than the budget
            with s.transaction():
                s.run("CREATE (:A {key: 'one', text: 'more'})")
            assert 0 < s.log_size() < size  # committed, in the log, not checkpointed
            monkeypatch.setattr(ls, "DEFERRED_CHECKPOINT_MAX", 500)
            assert s.checkpoint_due() == 1000  # capped, never below the budget
            assert s.log_size() < 1000
            with s.transaction():
                s.run("CREATE (:A {key: 'two', text: $t})", {"t": "y" * 5000})
            assert s.log_size() == 0  # the log passed 1000 bytes: checkpointed
        assert s.run("MATCH (a:A) RETURN count(a) AS n")[0]["n"] == 5002


def test_a_checkpoint_drops_the_cached_plans_and_retries_on_a_new_connection_when_the_pool_is_full(tmp_path):
    """The connection's cached plans keep their last parameter values (a batch's rows) in the buffer pool, which a
    checkpoint of a big store needs: at 110,000 notices with a 768 MB pool it failed "the buffer pool is full" until
    they were dropped. A checkpoint drops them first; if it still fails for room, it runs again on a new connection
    (the old one closed with what it held), and the store goes on working."""
    path = tmp_path / "g.lbug"
    spec = {"nodes": {"A": {"key": "key", "props": {"key": "STRING"}}}}
    with LadybugStore(path, checkpoint_commits=False) as s:
        s.ensure_schema(spec)
        with s.transaction():
            s.execute_many("UNWIND $rows AS row CREATE (:A {key: row.key})", [{"key": f"k{i}"} for i in range(50)])
        s.run("MATCH (a:A) WHERE a.key IN $keys RETURN count(a) AS n", {"keys": ["k1", "k2"]})
        cache = getattr(s._conn, "_pybind_implicit_prepared_cache", None)
        if cache is None:
            pytest.skip("this ladybug keeps no plan cache on its connection")
        assert cache and s.log_size() > 0
        assert s.checkpoint() is True
        assert not cache and s.log_size() == 0 and s.notices == []

        class Full:  # the old connection: CHECKPOINT refused for room, as the engine does
            def __init__(self, conn):
                self.conn, self.closed = conn, False

            def execute(self, text, *a, **k):
                if text == "CHECKPOINT":
                    raise RuntimeError("Buffer manager exception: Unable to allocate memory! The buffer pool is full "
                                       "and no memory could be freed!")
                return self.conn.execute(text, *a, **k)

            def close(self):
                self.closed = True
                self.conn.close()

        with s.transaction():
            s.run("CREATE (:A {key: 'late'})")
        old = s._conn = Full(s._conn)
        assert s.log_size() > 0
        assert s.checkpoint() is True  # refused on the old connection, done on a new one
        assert old.closed and s._conn is not old and s.log_size() == 0 and s.notices == []
        assert s.run("MATCH (a:A) RETURN count(a) AS n") == [{"n": 51}]

        class Broken(Full):  # any other failure is not retried: said in the store's notices, the commit kept
            def execute(self, text, *a, **k):
                if text == "CHECKPOINT":
                    raise RuntimeError("IO exception: disk full")
                return self.conn.execute(text, *a, **k)

        with s.transaction():
            s.run("CREATE (:A {key: 'later'})")
        s._conn = Broken(s._conn)
        assert s.checkpoint() is False
        assert [n.kind for n in s.notices] == ["checkpoint_failed"] and "disk full" in s.notices[0].message
        assert s.run("MATCH (a:A) RETURN count(a) AS n") == [{"n": 52}]


def test_an_on_disk_store_opens_with_a_bounded_buffer_pool(tmp_path, monkeypatch):
    """The engine's default pool is 80 % of RAM, which an ingest fills with pages as the store grows: every open of a
    file (writing, reading, the child that replays a log) asks for 1 GB, ``$KG_BUFFER_POOL_MB`` or the argument, never
    less than 256 MB; 0 leaves the engine's default; and a deferred checkpoint waits for at most half the pool."""
    from kg.store import ladybug_store as ls

    def limit(store):
        return store.run("CALL bm_info() RETURN mem_limit AS n")[0]["n"]

    monkeypatch.delenv("KG_BUFFER_POOL_MB", raising=False)
    path = tmp_path / "g.lbug"
    with LadybugStore(path) as s:
        assert limit(s) == s.buffer_pool_size == 1024 << 20
        with s.deferred_checkpoints(budget=1000):
            assert s.checkpoint_due() == max(1000, path.stat().st_size)  # a small file: as before
            monkeypatch.setattr(ls, "DEFERRED_CHECKPOINT_MAX", 4096 << 20)
            monkeypatch.setattr(ls, "DEFERRED_CHECKPOINT_SHARE", 1e6)
            assert s.checkpoint_due() == 512 << 20  # a big share of the file: half the pool at most
    with LadybugStore(path, read_only=True, buffer_pool_mb=300) as s:
        assert limit(s) == 300 << 20
    monkeypatch.setenv("KG_BUFFER_POOL_MB", "100")
    with LadybugStore(path, read_only=True) as s:
        assert limit(s) == 256 << 20  # below the floor: the floor
    monkeypatch.setenv("KG_BUFFER_POOL_MB", "0")
    with LadybugStore(path, read_only=True) as s:
        assert s.buffer_pool_size == 0 and limit(s) > 1024 << 20  # the engine's default
    monkeypatch.setenv("KG_BUFFER_POOL_MB", "1GB")
    with pytest.raises(StoreError, match=r"\$KG_BUFFER_POOL_MB='1GB': expected a whole number of MB"):
        LadybugStore(path, read_only=True)
    with pytest.raises(StoreError, match=r"buffer_pool_mb=-5"):
        ls.buffer_pool_bytes(-5)
    with LadybugStore(":memory:") as s:  # in memory the pool is the database: left to the engine
        assert s.buffer_pool_size == 0


def test_release_memory_hands_freed_memory_back_where_the_c_library_can():
    """glibc keeps what the engine frees (after a checkpoint, half the process's memory); malloc_trim returns it.
    Elsewhere (musl, macOS, Windows) there is nothing to call and the store goes on without it."""
    import platform
    import sys

    from kg.store.ladybug_store import release_memory

    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert release_memory() is glibc
    assert release_memory() is glibc  # (the library is looked up once)
