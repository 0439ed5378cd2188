"""kg store copy, kg export neo4j-import, kg recipes list|show, kg query."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import NOTICE_PATHS
from kg.cli import main
from kg.graph import KnowledgeGraph
from kg.model import search_text
from kg.store.format import FORMAT_VERSION
from kg.transfer import count_graph, export_neo4j_import
from usecases import AS_OF, questions

NOTICES = str(Path(NOTICE_PATHS[0]).parent)


def invoke(runner, args, env=None):
    return runner.invoke(main, args, env=env or {})


@pytest.fixture
def ingested(runner, tmp_path) -> Path:
    store = tmp_path / "a.lbug"
    assert invoke(runner, ["ingest", NOTICES, "--store", str(store)]).exit_code == 0
    return store


@pytest.fixture
def fake_neo4j(monkeypatch, tmp_path):
    neo4j = pytest.importorskip("neo4j")
    from neo4j_fake import FakeServer

    server = FakeServer()
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda uri, auth=None, **kw: server.driver())
    monkeypatch.setenv("NEO4J_PASSWORD", "test")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return server


def test_store_copy_embedded_to_neo4j_and_back(runner, ingested, fake_neo4j, tmp_path):
    res = invoke(runner, ["store", "copy", str(ingested), "neo4j://localhost:7687", "--batch", "50"])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.startswith("Đã chép 294 nút và 817 quan hệ (5 thông báo) từ ")
    assert res.stdout.rstrip().endswith("; số lượng hai kho khớp nhau")
    batches = [p for t, p in fake_neo4j.sent if t.startswith("UNWIND $rows") and "rows" in p]
    assert batches and max(len(p["rows"]) for p in batches) == 50
    back = tmp_path / "back.lbug"
    res = invoke(runner, ["store", "copy", "neo4j://localhost:7687", str(back)])
    assert res.exit_code == 0, res.stderr
    a, b = KnowledgeGraph.open(ingested), KnowledgeGraph.open(back)
    try:
        assert count_graph(a) == count_graph(b)
        assert questions(a) == questions(b)  # the same answers from the copy of the copy
        # the copy's lookup tables (kg.model.LOOKUPS) made from what was copied: tasks and documents found by key
        lookups = "MATCH (n)-[:HAS_ID|HAS_NUMBER]->(x) RETURN n.key AS a, x.key AS b ORDER BY a, b"
        assert b.by_lookup and b.store.run(lookups) == a.store.run(lookups) and len(a.store.run(lookups)) > 133
        assert b.task("NV-cc6bc9") == a.task("NV-cc6bc9") and b.document("141/KH-UBND") == a.document("141/KH-UBND")
    finally:
        a.close()
        b.close()
    # into a store that holds notices: refused, one line
    res = invoke(runner, ["store", "copy", str(ingested), str(back)])
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [f"Lỗi: {back}: kho đích đã có 5 thông báo; chỉ chép vào kho trống"]
    res = invoke(runner, ["store", "copy", str(ingested), str(ingested)])
    assert res.exit_code == 1 and "nguồn và đích là một kho" in res.stderr


def _read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_export_neo4j_import_files_and_command(runner, ingested, tmp_path):
    out = tmp_path / "out"
    res = invoke(runner, ["export", "neo4j-import", str(out), "--store", str(ingested)])
    assert res.exit_code == 0, res.stderr
    command = res.stdout.strip()
    assert command.startswith("neo4j-admin database import full --overwrite-destination=false "
                              "--multiline-fields=true '--array-delimiter=|' --id-type=string --nodes=Notice=")
    assert command.endswith(" neo4j")
    assert "Đã ghi 294 nút và 817 quan hệ vào 47 tệp CSV" in res.stderr
    files = sorted(p.name for p in out.iterdir())
    for p in files:
        assert f"={out / p}" in command
    assert len(files) == 47
    task = _read(out / "Task.nodes.csv")
    assert task[0] == ["key:ID(Task)", "id:string", "doc_id:string", "ref:string", "topic:string", "text:string",
                       "deadline:string", "deadline_text:string", "deadline_end:date", "notice:string", "ordinal:long",
                       "span_start:long", "span_end:long", "deadline_time:string", "recurrence_rule:string",
                       "recurrence_on:string", "recurrence_text:string", "search:string", "reason:string",
                       "confidence:double", "deadline_reason:string", "done_on:date", "done_by:string",
                       "done_note:string", "deadline_by:string", "deadline_source:string", "accepted_by:string",
                       "added_by:string", "reported_done:string", "order_key:long"]
    assert len(task) == 1 + 133
    i, text, search = (task[0].index(c) for c in ("id:string", "text:string", "search:string"))
    assert all(row[search] == search_text(row[i], row[text]) for row in task[1:])  # the folded text goes along
    assert _read(out / "ASSIGNED_TO__Task__Agency.rels.csv")[0] == [
        ":START_ID(Task)", ":END_ID(Agency)", "role:string", "reason:string", "notice:string", "span_start:long",
        "span_end:long", "by:string"]
    notice = _read(out / "Notice.nodes.csv")
    assert notice[0][0] == "key:ID(Notice)" and "recipients:string[]" in notice[0] and "search:string" in notice[0]
    assert "search:string" in _read(out / "Document.nodes.csv")[0]
    kg = KnowledgeGraph.open(ingested)
    try:
        want = count_graph(kg)
        tasks = {r["task"]: r for r in kg.deadlines(as_of=AS_OF)}
    finally:
        kg.close()
    # every row is there, and dates are ISO dates
    col = task[0].index("deadline_end:date")
    dated = [row for row in task[1:] if row[0] in tasks and tasks[row[0]]["deadline_end"] is not None]
    assert len(dated) >= 15
    for row in dated:
        assert row[col] == tasks[row[0]]["deadline_end"].isoformat()
    total_rels = sum(len(_read(out / f)) - 1 for f in files if f.endswith(".rels.csv"))
    assert total_rels == sum(v for k, v in want.items() if "(" in k)
    assert [r[:2] for r in _read(out / "Meta.nodes.csv")] == [["key:ID(Meta)", "format:long"], ["store", str(FORMAT_VERSION)]]


def test_export_raw_values(tmp_path):
    from kg.transfer import _cell

    assert _cell(None, "STRING") == "" and _cell("", "STRING") == '""'
    assert _cell('a "b", c', "STRING") == '"a ""b"", c"'
    assert _cell(["Sở A", "Sở B"], "STRING[]") == '"Sở A|Sở B"' and _cell([], "STRING[]") == ""
    assert _cell(True, "BOOLEAN") == "true" and _cell(7, "INT64") == "7"


def test_recipes_list_and_show(runner):
    from kg.recipes import Registry

    res = invoke(runner, ["recipes", "list", "--json"])
    assert res.exit_code == 0
    rows = json.loads(res.stdout)
    assert [r["name"] for r in rows] == Registry.load().names()
    assert {"name": "trace_document", "params": "doc_keys LIST, max_depth INT?",
            "description": Registry.load().get("trace_document").description} in rows
    res = invoke(runner, ["recipes", "show", "trace_document"])
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert ":param doc_keys => [];" in lines and ":param max_depth => 3;" in lines
    assert lines[0].startswith("// trace_document: ")
    assert res.stdout.rstrip().endswith("t.text AS text, t.deadline AS deadline, o.key AS assignee_key, "
                                        "o.name AS assignee, a.role AS role;")
    res = invoke(runner, ["recipes", "show", "nope"])
    assert res.exit_code == 1 and res.stderr.startswith("Lỗi: unknown recipe 'nope'; available: agency_meetings")


def test_query_any_recipe_on_either_store(runner, ingested, fake_neo4j):
    args = ["query", "find_orgs", "--param", 'name_keys=["so y te", "so noi vu"]', "--json"]
    res = invoke(runner, [*args, "--store", str(ingested)])
    assert res.exit_code == 0, res.stderr
    rows = json.loads(res.stdout)
    assert sorted(r["name"] for r in rows) == ["Sở Nội vụ", "Sở Y tế"]
    assert invoke(runner, ["store", "copy", str(ingested), "neo4j://localhost:7687"]).exit_code == 0
    assert json.loads(invoke(runner, [*args, "--store", "neo4j://localhost:7687"]).stdout) == rows
    res = invoke(runner, ["query", "find_people", "--param", "name_key=tran thanh nhan", "--store", str(ingested)])
    assert res.exit_code == 0 and "Trần Thanh Nhân" in res.stdout
    res = invoke(runner, ["query", "trace_document", "--param", "doc_keys=x", "--param", "max_depth=three",
                          "--store", str(ingested)])
    assert res.exit_code == 1 and res.stderr == "Lỗi: tham số max_depth: 'three' không phải giá trị kiểu INT\n"
    # the same parser as a recipe's default: '3.0' is no INT there either, and a quoted STRING loses its quotes
    res = invoke(runner, ["query", "trace_document", "--param", "doc_keys=x", "--param", "max_depth=3.0",
                          "--store", str(ingested)])
    assert res.exit_code == 1 and res.stderr == "Lỗi: tham số max_depth: '3.0' không phải giá trị kiểu INT\n"
    quoted = invoke(runner, ["query", "find_people", "--param", "name_key='tran thanh nhan'", "--store", str(ingested)])
    assert quoted.exit_code == 0 and quoted.stdout == invoke(
        runner, ["query", "find_people", "--param", "name_key=tran thanh nhan", "--store", str(ingested)]).stdout
    res = invoke(runner, ["query", "find_people", "--param", "who=x", "--store", str(ingested)])
    assert res.exit_code == 1 and res.stderr == "Lỗi: find_people: không có tham số who (có: name_key)\n"
    res = invoke(runner, ["query", "find_people", "--store", str(ingested)])
    assert res.exit_code == 1 and "missing required parameter name_key" in res.stderr


def test_the_new_commands_take_no_name_of_another():
    assert sorted(main.commands) == ["backup", "deadlines", "demo", "doctor", "done", "export", "extract", "fix",
                                     "import-status", "ingest", "journal", "query", "recipes", "remove", "reopen",
                                     "restore", "review", "serve", "show", "sparql", "stats", "status", "store", "trace",
                                     "validate", "viz", "workload"]
    assert sorted(main.commands["journal"].commands) == ["export", "import", "list"]
    assert sorted(main.commands["store"].commands) == ["copy"]
    assert sorted(main.commands["export"].commands) == ["dcat", "neo4j-import", "rdf"]
    assert sorted(main.commands["recipes"].commands) == ["list", "show"]
