"""kg viz: the four views on the sample notices (exact node and edge counts), one self-contained HTML file
(vis-network inlined from the pyvis package, no URL fetched, no lib/ folder), escaping, the node budget."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

import sample_store
from kg import viz
from kg.graph import KnowledgeGraph

AS_OF = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return sample_store.build(tmp_path_factory.mktemp("viz") / "g.lbug")


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    return sample_store.build(tmp_path_factory.mktemp("vizh") / "g.lbug", hostile=True)


@pytest.fixture
def kg(store):
    with KnowledgeGraph.open(store, read_only=True) as g:
        yield g


def counts(v: viz.View) -> tuple[int, int]:
    return len(v.nodes), len(v.edges)


def kinds(v: viz.View) -> dict[str, int]:
    out: dict[str, int] = {}
    for n in v.nodes.values():
        out[n["kind"]] = out.get(n["kind"], 0) + 1
    return out


def test_trace_view(kg):
    v = viz.trace_view(kg, "Nghị quyết 02/2026", as_of=AS_OF)
    assert counts(v) == (8, 7)
    assert kinds(v)["task"] == 2 and kinds(v)["document"] == 2  # 02/2026 and 24-NQ/TU, which one task also rests on
    assert {n["label"] for n in v.nodes.values() if n["kind"] == "task"} == {"NV-979eb2 · 2.(3).-1", "NV-f98300 · 2.b"}
    assert {e["link"] for e in v.edges.values()} >= {"based_on", "contains", "lead"}


def test_workload_view_and_summary(kg):
    v = viz.workload_view(kg, "Sở Y tế", as_of=AS_OF)
    assert counts(v) == (5, 4)
    assert v.summary["total"] == 2
    assert v.summary["by_role"] == [("chủ trì", 2)]
    assert [(r["id"], r["deadline"], r["status"]) for r in v.summary["next"]] == [("NV-e42617", "2026-06-10", "đang thực hiện")]
    statuses = {n["label"].split(" ")[0]: n["status"] for n in v.nodes.values() if n["kind"] == "task"}
    assert statuses == {"NV-e42617": "open", "NV-8b4611": "no_deadline"}
    big = viz.workload_view(kg, "UBND xã Quan Sơn", as_of=AS_OF)
    assert counts(big) == (21, 37)
    assert big.summary["total"] == 18


def test_notice_view(kg):
    v = viz.notice_view(kg, "97/TB-UBND", as_of=AS_OF)
    assert counts(v) == (58, 86)
    assert kinds(v)["task"] == 37 and kinds(v)["person"] == 1 and kinds(v)["unit"] == 1
    assert {e["link"] for e in v.edges.values()} >= {"chair", "commune", "cites", "contains", "lead", "support"}


def test_overview_and_filters(kg):
    v = viz.overview_view(kg, as_of=AS_OF)
    assert counts(v) == (283, 425)
    assert kinds(v) == {"notice": 5, "task": 133, "document": 31, "agency": 54, "committee": 13, "group": 25,
                        "person": 10, "unit": 12}
    assert sum(1 for n in v.nodes.values() if n["status"] == "overdue") == 8
    assert not v.notes
    qs = viz.overview_view(kg, as_of=AS_OF, commune="Quan Sơn")
    assert kinds(qs)["notice"] == 2  # 97/TB-UBND of xã Quan Sơn, and 001, whose meeting concerned six communes with it
    assert qs.notes == ["Lọc theo xã, phường: Quan Sơn"]
    only = viz.overview_view(kg, as_of=AS_OF, kinds=["notice", "document"])
    assert set(kinds(only)) == {"notice", "document"}
    dated = viz.overview_view(kg, as_of=AS_OF, date_from=dt.date(2026, 5, 1))
    assert kinds(dated)["notice"] == 1  # the others have no day in May 2026 or no date at all


def test_budget_folds_tasks_then_trims(kg):
    v = viz.overview_view(kg, as_of=AS_OF, budget=200)
    assert len(v.nodes) == 150 and "task" not in kinds(v)
    assert v.notes == ["Đồ thị có 283 nút, vượt ngân sách 200 nút: 133 nhiệm vụ được gộp vào thông báo chứa chúng "
                       "(cạnh 'nhiệm vụ' nối thông báo với đơn vị được giao)."]
    assert any(e["link"] == "tasks" for e in v.edges.values())
    small = viz.overview_view(kg, as_of=AS_OF, budget=100)
    assert len(small.nodes) == 100 and len(small.notes) == 2 and "bỏ 50 nút" in small.notes[1]
    assert all(n in v.nodes for n in small.nodes)
    html = viz.render(small)
    assert "vượt ngân sách 100 nút" in html


def test_english_labels(kg):
    v = viz.workload_view(kg, "Sở Y tế", as_of=AS_OF, lang="en")
    html = viz.render(v)
    assert "Workload of Sở Y tế" in html and "Legend" in html and "Chú giải" not in html
    assert v.summary["by_role"] == [("lead", 2)]


def test_html_is_self_contained(kg, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    v = viz.notice_view(kg, "97/TB-UBND", as_of=AS_OF)
    out = tmp_path / "n.html"
    viz.write(v, out)
    assert sorted(os.listdir(tmp_path)) == ["n.html"]  # no lib/ folder
    html = out.read_text(encoding="utf-8")
    js, css = viz.vis_assets()
    assert js[:2000] in html and css[:500] in html  # pyvis's own bundled copy, inlined
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "cdnjs" not in html and "jsdelivr" not in html and "bootstrap" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert 'id="kg-legend"' in html


def test_hostile_text_is_escaped(hostile_store):
    with KnowledgeGraph.open(hostile_store, read_only=True) as kg:
        for v in (viz.workload_view(kg, "UBND xã Khuất Xá", as_of=AS_OF), viz.notice_view(kg, "000_e9c322011b9ab118"),
                  viz.overview_view(kg, as_of=AS_OF)):
            html = viz.render(v)
            assert any(sample_store.HOSTILE in n["full"] or any(sample_store.HOSTILE in str(x) for _, x in n["details"])
                       for n in v.nodes.values())
            assert "<script>window.kgPwned" not in html and "<img src=x" not in html
            assert html.count("<script") == 4  # vis-network, the data, the page's script … and nothing else
            assert "\\u003cscript\\u003ewindow.kgPwned=1\\u003c/script\\u003e" in html


def test_script_json_escapes():
    assert viz.script_json({"a": "</script><b>&\u2028"}) == '{"a": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}'


def test_cli_viz(tmp_path, store, runner):
    from kg.cli import main

    out = tmp_path / "w.html"
    r = runner.invoke(main, ["viz", "workload", "Sở Y tế", "--as-of", "01/06/2026", "-o", str(out), "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert r.stderr.strip() == f"Đã ghi {out}: 5 nút, 4 cạnh"
    assert "Việc của Sở Y tế" in out.read_text(encoding="utf-8")
    r = runner.invoke(main, ["viz", "overview", "--budget", "100", "-o", str(tmp_path / "o.html"), "--store", str(store)])
    assert r.exit_code == 0 and "vượt ngân sách 100 nút" in r.stderr
    r = runner.invoke(main, ["viz", "trace", "Nghị quyết 99/2030", "-o", str(tmp_path / "t.html"), "--store", str(store)])
    assert r.exit_code == 1 and r.stderr.startswith("Lỗi: không tìm thấy văn bản")
    r = runner.invoke(main, ["viz", "notice", "97/TB-UBND", "--as-of", "31/02/2026", "-o", str(tmp_path / "x.html"),
                             "--store", str(store)])
    assert r.exit_code == 2 and "ngày không hợp lệ: '31/02/2026'" in r.stderr
