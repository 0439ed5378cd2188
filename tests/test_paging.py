"""Paged questions (issue 11): a page of ``workload``, ``deadlines`` and ``trace`` is the slice of the whole answer
at its offset, pages join up to the whole answer, ``total`` counts it; terminal listings show their first rows and
say how many there are, ``--all`` shows every row, and the exports (JSON, CSV, Excel, iCalendar) are always whole."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

import sample_store
from kg.cli import main
from kg.days import rebuild_days
from kg.graph import KnowledgeGraph, Page

pytest.importorskip("ladybug")

AS_OF = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return sample_store.build(tmp_path_factory.mktemp("paging") / "g.lbug")


@pytest.fixture(scope="module")
def kg(store):
    g = KnowledgeGraph.open(store, read_only=True)
    yield g
    g.close()


def run(runner, args, store):
    res = runner.invoke(main, [*args, "--store", str(store)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.stderr
    return res.stdout


def pages(fetch, total: int, size: int) -> list:
    out = []
    for offset in range(0, total + size, size):  # one page past the end: empty
        page = fetch(limit=size, offset=offset)
        assert isinstance(page, Page) and page.total == total and page.offset == offset
        assert len(page) == max(0, min(size, total - offset))
        out += page
    return out


def keys(rows) -> list:
    return [(r["task"], r.get("role"), r.get("assigned_key")) for r in rows]


# ---------------------------------------------------------------------------------------------------
# the library


@pytest.mark.parametrize("name", ["UBND xã Chi Lăng", "Sở Nội vụ", "Sở Y tế"])
@pytest.mark.parametrize("size", [1, 3, 7])
def test_workload_pages_join_up_to_the_whole_answer(kg, name, size):
    whole = kg.workload(name, as_of=AS_OF)
    assert whole["total"] == len(whole["tasks"]) == whole["tasks"].total and whole["tasks"].complete
    got = pages(lambda **kw: kg.workload(name, as_of=AS_OF, **kw)["tasks"], whole["total"], size)
    assert got == list(whole["tasks"])
    assert len(set(keys(got))) == len(got)  # no row twice: the order is total


def test_workload_order_is_by_deadline_then_notice(kg):
    tasks = kg.workload("UBND xã Chi Lăng", as_of=AS_OF)["tasks"]
    assert len(tasks) == 19
    ends = [t["deadline_end"] for t in tasks]
    dated = [e for e in ends if e is not None]
    assert dated == sorted(dated) and ends == dated + [None] * (len(ends) - len(dated))  # no deadline: last
    assert {t["assigned_as"] for t in tasks} == {"UBND các xã", "UBND xã Chi Lăng"}


def test_workload_roles_and_counts(kg):
    lead = kg.workload("UBND xã Chi Lăng", as_of=AS_OF, roles=("lead",), limit=2)
    support = kg.workload("UBND xã Chi Lăng", as_of=AS_OF, roles=("support",))
    assert lead["total"] + support["total"] == 19
    assert {t["role"] for t in lead["tasks"]} == {"lead"} and len(lead["tasks"]) == 2
    assert kg.workload("UBND xã Chi Lăng", as_of=AS_OF, roles=())["total"] == 0
    assert list(kg.workload("UBND xã Chi Lăng", as_of=AS_OF, limit=0)["tasks"]) == []


def test_workload_with_predecessors_pages_the_same_list(kg):
    whole = kg.workload("Sở Tài chính", as_of=AS_OF, with_predecessors=True)
    got = pages(lambda **kw: kg.workload("Sở Tài chính", as_of=AS_OF, with_predecessors=True, **kw)["tasks"],
                whole["total"], 1)
    assert got == list(whole["tasks"]) and whole["total"] == len(whole["tasks"])


@pytest.mark.parametrize("args", [{}, {"before": dt.date(2026, 6, 15)}, {"statuses": ["overdue", "due_soon"]},
                                  {"statuses": ["open"]}, {"statuses": ["no_deadline"]}])
@pytest.mark.parametrize("size", [1, 4, 15])
def test_deadline_pages_join_up_to_the_whole_answer(kg, args, size):
    whole = kg.deadlines(as_of=AS_OF, **args)
    assert whole.total == len(whole) and whole.complete
    got = pages(lambda **kw: kg.deadlines(as_of=AS_OF, **args, **kw), whole.total, size)
    assert got == list(whole)
    assert len({t["task"] for t in got}) == len(got)
    if "statuses" in args:
        assert {t["status"] for t in got} <= set(args["statuses"])


def test_deadlines_dated_first_recurring_last(kg):
    rows = kg.deadlines(as_of=AS_OF)
    assert rows.total == 20
    recurring = [bool(t["recurrence_rule"]) for t in rows]
    assert recurring == [False] * 16 + [True] * 4
    ends = [t["deadline_end"] for t in rows[:16]]
    assert ends == sorted(ends)
    assert all(t["leads"] == sorted(t["leads"]) for t in rows)
    # a page across the border between the two: the last dated task and the first recurring one
    assert [t["task"] for t in kg.deadlines(as_of=AS_OF, limit=2, offset=15)] == [rows[15]["task"], rows[16]["task"]]


def test_deadline_statuses_partition_the_whole_answer(kg):
    whole = kg.deadlines(as_of=AS_OF)
    by_status: dict[str, int] = {}
    for t in whole:
        by_status[t["status"]] = by_status.get(t["status"], 0) + 1
    for status, n in by_status.items():
        assert kg.deadlines(as_of=AS_OF, statuses=[status], limit=1).total == n


@pytest.mark.parametrize("number", ["Nghị quyết 02/2026", "226-KL/TW", "141/KH-UBND"])
def test_trace_pages_join_up_to_the_whole_answer(kg, number):
    whole = kg.trace(number)
    assert whole["total"] == len(whole["tasks"])
    got = pages(lambda **kw: kg.trace(number, **kw)["tasks"], whole["total"], 1)
    assert got == list(whole["tasks"])


def test_every_task_has_its_order_key(kg):
    from kg.model import task_order_key

    rows = kg.store.run("MATCH (n:Notice)-[:CONTAINS]->(t:Task) RETURN t.order_key AS ok, n.date AS date, n.key AS notice, "
                        "t.ordinal AS ordinal, t.key AS task")
    assert len(rows) == 133 and all(r["ok"] == task_order_key(r["date"], r["notice"], r["ordinal"]) for r in rows)
    # the order it gives is that of (notice date, notice, ordinal)
    by_key = sorted(rows, key=lambda r: (r["ok"], r["task"]))
    assert [r["task"] for r in by_key] == [r["task"] for r in sorted(rows, key=lambda r: (
        r["date"] or "", r["notice"], r["ordinal"], r["task"]))]


@pytest.mark.parametrize("size", [1, 3, 5])
def test_deadline_pages_from_a_day(kg, size):
    after = dt.date(2026, 6, 1)
    whole = kg.deadlines(as_of=AS_OF, after=after)
    everything = kg.deadlines(as_of=AS_OF)
    assert [t["task"] for t in whole] == [t["task"] for t in everything if t["deadline_end"] is None
                                          or t["deadline_end"] >= after]
    assert pages(lambda **kw: kg.deadlines(as_of=AS_OF, after=after, **kw), whole.total, size) == list(whole)


def test_pages_hold_when_tasks_share_their_order_key(store, tmp_path):
    """Two notices of one date whose keys begin alike give their tasks the same order keys: the tasks' keys order
    them, and every page is still the slice of the whole list (deadlines_keys, deadlines_rank; the DeadlineDay groups
    walked in order)."""
    import shutil

    copy = tmp_path / "g.lbug"
    shutil.copy(store, copy)
    with KnowledgeGraph.open(copy) as g:
        g.store.run("MATCH (t:Task) SET t.order_key = 7")  # every tie there can be
        with g.store.transaction():  # the order key places a task in its DeadlineDay group (kg/days.py): regrouped
            rebuild_days(g.store)
        for by_days in (False, True):  # the scans (deadlines_keys, deadlines_rank) and the groups
            g.by_days = by_days
            check_ties(g)
        # a trace counts its records' tasks by their spans of order keys (notice_task_spans): all equal here
        for number in ("Nghị quyết 02/2026", "226-KL/TW", "141/KH-UBND"):
            whole = g.trace(number)
            assert [t["task"] for t in whole["tasks"]] == [t["task"] for t in sorted(
                whole["tasks"], key=lambda t: (t["depth"], t["task"]))]
            for size in (1, 2, 5):
                assert pages(lambda **kw: g.trace(number, **kw)["tasks"], whole["total"], size) == list(whole["tasks"])


def check_ties(g: KnowledgeGraph) -> None:
    """Ties broken by the task's key, every page the slice of the whole list."""
    whole = g.deadlines(as_of=AS_OF)
    dated = [t for t in whole if t["deadline_end"] is not None]
    assert [t["task"] for t in dated] == [t["task"] for t in sorted(dated, key=lambda t: (t["deadline_end"], t["task"]))]
    for size in (1, 2, 3):
        got = pages(lambda **kw: g.deadlines(as_of=AS_OF, **kw), whole.total, size)
        assert got == list(whole) and len({t["task"] for t in got}) == len(got)
    work = g.workload("UBND xã Chi Lăng", as_of=AS_OF)
    assert pages(lambda **kw: g.workload("UBND xã Chi Lăng", as_of=AS_OF, **kw)["tasks"], work["total"], 2) == list(
        work["tasks"])


def test_trace_of_several_documents_pages_them_together(kg):
    docs = kg.document("Nghị quyết 02/2026") + kg.document("226-KL/TW") + kg.document("141/KH-UBND")
    whole = kg.trace_documents(docs)
    alone = sum(kg.trace_documents([d])["total"] for d in docs)
    assert whole["total"] == len(whole["tasks"]) and 0 < whole["total"] <= alone
    assert pages(lambda **kw: kg.trace_documents(docs, **kw)["tasks"], whole["total"], 2) == list(whole["tasks"])
    assert [(t["depth"]) for t in whole["tasks"]] == sorted(t["depth"] for t in whole["tasks"])


def test_assignees_of_a_long_list_are_those_of_its_pages(kg, monkeypatch):
    """Up to PAGE_LOOKUPS tasks, their assignees are looked up one key at a time; beyond, by their notices in one
    statement: the same rows either way."""
    import kg.graph as graph

    by_key = kg.deadlines(as_of=AS_OF)
    monkeypatch.setattr(graph, "PAGE_LOOKUPS", 0)
    by_notice = kg.deadlines(as_of=AS_OF)
    assert list(by_notice) == list(by_key) and any(len(t["leads"]) > 1 for t in by_key)


def test_a_negative_page_is_refused(kg):
    with pytest.raises(ValueError):
        kg.deadlines(as_of=AS_OF, limit=-1)
    with pytest.raises(ValueError):
        kg.workload("Sở Y tế", as_of=AS_OF, offset=-1)


# ---------------------------------------------------------------------------------------------------
# the terminal and the exports


def test_workload_listing_shows_its_first_rows_and_the_total(runner, store):
    out = run(runner, ["workload", "UBND xã Chi Lăng", "--as-of", "01/06/2026", "--limit", "2"], store)
    lines = out.splitlines()
    assert lines[0] == "UBND xã Chi Lăng: 19 nhiệm vụ (tính đến 2026-06-01)"
    assert [l.split(" | ")[0] for l in lines[4:] if l.startswith("NV-")] == ["NV-2a7170", "NV-0ad9bf"]
    assert lines[-1] == "Hiển thị 2/19 nhiệm vụ; dùng --all để xem tất cả"
    every = run(runner, ["workload", "UBND xã Chi Lăng", "--as-of", "01/06/2026", "--all"], store)
    assert "Hiển thị" not in every and sum(1 for l in every.splitlines() if l.startswith("NV-")) == 19
    ids = [l.split(" | ")[0] for l in every.splitlines() if l.startswith("NV-")]
    assert ids[:2] == ["NV-2a7170", "NV-0ad9bf"]  # the same first rows
    # the default shows 50: all 19 here, without the line
    assert run(runner, ["workload", "UBND xã Chi Lăng", "--as-of", "01/06/2026"], store) == every


def test_deadlines_listing_exact(runner, store):
    out = run(runner, ["deadlines", "--as-of", "01/06/2026", "--before", "2026-06-15", "--status", "overdue",
                       "--limit", "2"], store)
    assert out == (
        "Mã        | Hạn        | Tình trạng         | Chủ trì                   | Mục    | Thông báo                      "
        "| Nội dung\n"
        "----------+------------+--------------------+---------------------------+--------+--------------------------------"
        "+-----------------------------------------------------------\n"
        "NV-d05adc | 2024-Q3    | quá hạn (609 ngày) | HĐND xã Xuân Dương        | 2.2.-3 | 003_1b646a5e51cf4e82 (2024-04) "
        "| Tập trung phát triển sản xuất, nâng cao thu nhập, đời sống\n"
        "          |            |                    | UBND xã Xuân Dương        |        |                                "
        "| Nhân dân, nhân rộng các mô hìn…\n"
        "          |            |                    | Đảng ủy xã Xuân Dương     |        |                                |\n"
        "          |            |                    | Ủy ban MTTQ xã Xuân Dương |        |                                |\n"
        "NV-b489ab | 2026-04-30 | quá hạn (32 ngày)  | UBND các xã, phường       | 10.-3  | 002_952455d3017f5f63 (2026-04) "
        "| Các xã, phường khẩn trương rà soát, hoàn thành nhiệm vụ về\n"
        "          |            |                    |                           |        |                                "
        "| xóa nhà tạm nhà dột nát trước …\n"
        "Hiển thị 2/8 nhiệm vụ; dùng --all để xem tất cả\n")
    every = run(runner, ["deadlines", "--as-of", "01/06/2026", "--before", "2026-06-15", "--status", "overdue", "--all"],
                store)
    assert sum(1 for l in every.splitlines() if l.startswith("NV-")) == 8 and "Hiển thị" not in every


def test_trace_and_show_listings_are_cut_too(runner, store):
    out = run(runner, ["trace", "Nghị quyết 02/2026", "--limit", "1"], store)
    assert out.splitlines()[0] == "Văn bản: Nghị quyết 02/2026/NQ-HĐND — 2 nhiệm vụ phụ thuộc"
    assert out.splitlines()[-1] == "Hiển thị 1/2 nhiệm vụ; dùng --all để xem tất cả"
    agency = run(runner, ["show", "agency", "UBND xã Chi Lăng", "--limit", "3"], store)
    assert "\nNhiệm vụ (19):\n" in agency and agency.splitlines()[-1] == "Hiển thị 3/19 nhiệm vụ; dùng --all để xem tất cả"
    notice = run(runner, ["show", "notice", "97/TB-UBND", "--limit", "2"], store)
    assert "Hiển thị 2/" in notice
    assert "Hiển thị" not in run(runner, ["show", "notice", "97/TB-UBND", "--all"], store)


def test_show_doc_of_a_number_two_provinces_used_pages_their_tasks_together(runner, tmp_path):
    """A local number (141/KH-UBND) names one document per province that issued one: the terminal lists each and
    one page of all their tasks; --all and the exports trace each one whole."""
    from conftest import NOTICE_PATHS

    folder = sample_store.sample_copies(tmp_path / "notices")
    src = next(p for p in NOTICE_PATHS if p.name.startswith("001_"))
    (folder / "001_lao-cai.txt").write_text(src.read_text(encoding="utf-8").replace("Lạng Sơn", "Lào Cai"), "utf-8")
    store = tmp_path / "g.lbug"
    run(runner, ["ingest", str(folder)], store)
    with KnowledgeGraph.open(store, read_only=True) as g:
        docs = g.document("141/KH-UBND")
        assert len({d["key"] for d in docs}) == 2
        together = g.trace_documents(docs)
        each = [g.trace_documents([d])["total"] for d in docs]
    assert together["total"] == sum(each) > 2
    out = run(runner, ["show", "doc", "141/KH-UBND", "--limit", "2"], store).splitlines()
    assert sum(1 for l in out if l.startswith("Số hiệu")) == 2
    assert [l for l in out if l.startswith("Nhiệm vụ dựa trên")] == [
        f"Nhiệm vụ dựa trên các văn bản trên ({together['total']}):"]
    assert [l.split(" | ")[0] for l in out if l.startswith("NV-")] == [t["id"] for t in together["tasks"][:2]]
    assert out[-1] == f"Hiển thị 2/{together['total']} nhiệm vụ; dùng --all để xem tất cả"
    every = run(runner, ["show", "doc", "141/KH-UBND", "--all"], store).splitlines()
    assert [l for l in every if l.startswith("Nhiệm vụ dựa trên")] == [f"Nhiệm vụ dựa trên văn bản ({n}):" for n in each]
    as_json = json.loads(run(runner, ["show", "doc", "141/KH-UBND", "--json", "--limit", "2"], store))
    assert [len(o["tasks"]) for o in as_json] == each


def test_exports_are_whole_whatever_the_limit(runner, store, tmp_path):
    as_json = json.loads(run(runner, ["workload", "UBND xã Chi Lăng", "--as-of", "01/06/2026", "--json", "--limit", "2"],
                             store))
    assert len(as_json["tasks"]) == as_json["total"] == 19
    rows = list(csv.reader(io.StringIO(run(runner, ["deadlines", "--as-of", "01/06/2026", "--csv", "--limit", "2"], store))))
    assert len(rows) == 1 + 20
    ics, ics_all = tmp_path / "x.ics", tmp_path / "all.ics"
    run(runner, ["workload", "UBND xã Chi Lăng", "--as-of", "01/06/2026", "--ics", str(ics), "--limit", "1"], store)
    run(runner, ["workload", "UBND xã Chi Lăng", "--as-of", "01/06/2026", "--ics", str(ics_all), "--all"], store)
    dated = sum(1 for t in as_json["tasks"] if t.get("deadline") or t.get("recurrence_rule"))
    assert ics.read_text(encoding="utf-8").count("BEGIN:VEVENT") == dated == 2
    def events(path):  # the calendar without its DTSTAMP lines (the time it was written)
        return [l for l in path.read_text(encoding="utf-8").splitlines() if not l.startswith("DTSTAMP:")]

    assert events(ics) == events(ics_all)
    xlsx = tmp_path / "x.xlsx"
    res = runner.invoke(main, ["deadlines", "--as-of", "01/06/2026", "--limit", "2", "--xlsx", str(xlsx), "--store",
                               str(store)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.stderr
    assert "Đã ghi 20 dòng vào" in res.stderr  # the file holds every row ...
    assert res.stdout.splitlines()[-1] == "Hiển thị 2/20 nhiệm vụ; dùng --all để xem tất cả"  # ... the terminal two


def test_trace_walked_by_key_equals_the_whole_recipe_on_a_generated_store(tmp_path):
    """The trace walks each document of the closure by key (document_tasks) and orders the tasks itself: on a
    generated store its pages join up to the answer of the one-statement recipe (trace_document), ordered as the
    naive way orders it (depth, notice date, notice, ordinal), each task once at its nearest depth."""
    import sys

    from kg.graph import group_tasks

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import corpus

    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        g.ingest(corpus.make_corpus(60, seed=5), batch=500)
        cited = [r["number"] for r in g.store.run(
            "MATCH (t:Task)-[:BASED_ON]->(d:Document) RETURN d.number AS number, count(t) AS n ORDER BY n DESC, number")]
        checked = 0
        for number in list(dict.fromkeys(cited))[:12]:
            try:
                docs = g.document(number)
            except Exception:  # a short number two documents share: asked by its full form elsewhere
                continue
            rows = g.q("trace_document", doc_keys=[d["key"] for d in docs], max_depth=3)
            rows.sort(key=lambda r: (r["depth"], r["notice_date"] or "", r["notice"], r["ordinal"] or 0))
            naive = group_tasks(rows, ())
            whole = g.trace_documents(docs)
            assert [(t["task"], t["depth"]) for t in whole["tasks"]] == [(t["task"], t["depth"]) for t in naive]
            assert whole["total"] == len(naive) > 0
            assert pages(lambda **kw: g.trace_documents(docs, **kw)["tasks"], whole["total"], 7) == list(whole["tasks"])
            for limit, offset in ((1, 0), (50, 0), (3, whole["total"] // 2), (0, 0), (5, whole["total"])):
                page = g.trace_documents(docs, limit=limit, offset=offset)
                assert (page["total"], list(page["tasks"])) == (whole["total"], whole["tasks"][offset:offset + limit])
            checked += 1
        assert checked >= 8


def test_a_first_page_of_a_trace_reads_the_tasks_of_few_records(tmp_path, monkeypatch):
    """A trace counts its records' tasks by notice (notice_task_spans) and reads the tasks of the records its page
    reaches only (notice_task_keys): on a generated store where the notices citing one document say they carry it
    out (so each is a record of its trace, one hop down, some of their tasks resting on it too), a page reads the
    tasks of fewer records than the whole answer, and every page is the slice of the whole answer."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import corpus

    recs = corpus.make_corpus(60, seed=5)
    cited = "68-NQ/TW"
    for r in recs:
        if any(c["number"] == cited for c in r.get("citations") or []):
            r["relations"] = [*(r.get("relations") or []), {"source": None, "target": cited, "kind": "implements"}]
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        g.ingest(recs, batch=500)
        asked: list[list[str]] = []
        q = g.q

        def spy(name, **params):
            if name == "notice_task_keys":
                asked.append(params["notice_keys"])
            return q(name, **params)

        monkeypatch.setattr(g, "q", spy)
        whole = g.trace(cited)
        records = {k for keys in asked for k in keys}
        assert len(records) == sum(1 for r in recs if any(c["number"] == cited for c in r.get("citations") or [])) > 10
        assert whole["total"] == len(whole["tasks"]) and {t["depth"] for t in whole["tasks"]} >= {0, 1}
        assert pages(lambda **kw: g.trace(cited, **kw)["tasks"], whole["total"], 9) == list(whole["tasks"])
        for limit, offset in ((2, 0), (20, 0), (5, 60)):
            asked.clear()
            page = g.trace(cited, limit=limit, offset=offset)
            assert (page["total"], list(page["tasks"])) == (whole["total"], whole["tasks"][offset:offset + limit])
            assert 0 < len({k for keys in asked for k in keys}) < len(records)
