"""The graph on the five sample notices: the questions users ask, idempotent ingest, provenance, iCalendar."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pytest

pytest.importorskip("ladybug")

from kg.graph import Ambiguous, KnowledgeGraph, NotFound
from kg.ics import calendar
from kg.model import notice_key
from loaders.extract import extract_path


@pytest.fixture(scope="module")
def kg(records, tmp_path_factory):
    g = KnowledgeGraph.open(tmp_path_factory.mktemp("store") / "graph.lbug")
    rep = g.ingest(records)
    assert len(rep.new) == 5
    yield g
    g.close()


def _stem(path):
    return path.rsplit("/", 1)[-1][:3]


def test_trace_resolution_02_2026(kg):
    res = kg.trace("Nghị quyết 02/2026")
    assert [d["number"] for d in res["documents"]] == ["02/2026/NQ-HĐND"]
    got = {(_stem(t["path"]), t["ref"]): {(a["name"], a["role"]) for a in t["assignees"]} for t in res["tasks"]}
    assert got[("000", "2.b")] == {("UBND xã Khuất Xá", "lead")}
    (k001,) = [k for k in got if k[0] == "001"]
    assert k001[1].endswith("(3).-1") and got[k001] == {("UBND các xã", "lead")}
    assert len(got) == 2


def test_trace_typed_without_diacritics_gives_the_same_answer(kg):
    a = kg.trace("Nghị quyết 02/2026")
    b = kg.trace("nghi quyet 02/2026/NQ-HDND")
    assert [t["task"] for t in a["tasks"]] == [t["task"] for t in b["tasks"]]


def test_trace_through_an_implementing_document(kg):
    res = kg.trace("226-KL/TW")
    (t,) = res["tasks"]
    assert (_stem(t["path"]), t["ref"], t["via"], t["depth"]) == ("002", "1", "3009/UBND-TH", 1)
    assert {a["name"] for a in t["assignees"]} == {"các sở, ban, ngành", "UBND các xã, phường"}
    assert kg.trace("226-KL/TW", max_depth=0)["tasks"] == []


def test_short_mention_lists_candidates_when_ambiguous(kg):
    with pytest.raises(Ambiguous) as e:
        kg.trace("số 02")  # Nghị quyết 02/2026/NQ-HĐND or Chỉ thị 02/CT-UBND?
    assert {c["number"] for c in e.value.candidates} == {"02/2026/NQ-HĐND", "02/CT-UBND"}
    assert [d["number"] for d in kg.document("Chỉ thị 02")] == ["02/CT-UBND"]
    with pytest.raises(NotFound):
        kg.trace("Nghị quyết 999/2030/NQ-HĐND")


def test_workload_so_noi_vu(kg):
    res = kg.workload("Sở Nội vụ", as_of=dt.date(2026, 6, 1))
    tasks = res["tasks"]
    assert {_stem(t["path"]) for t in tasks} == {"002"}
    assert {t["role"] for t in tasks} == {"lead"}
    by_deadline = {t["deadline"]: t["status"] for t in tasks if t["deadline"]}
    assert by_deadline == {"2026-06-10": "open", "2026-05": "overdue"}
    soon = kg.workload("Sở Nội vụ", as_of=dt.date(2026, 6, 5))
    assert {t["deadline"]: t["status"] for t in soon["tasks"] if t["deadline"]}["2026-06-10"] == "due_soon"


def test_workload_includes_support_and_groups(kg):
    tc = kg.workload("Sở Tài chính", as_of=dt.date(2026, 6, 1))["tasks"]
    assert {t["role"] for t in tc} == {"support"}
    # UBND xã Chi Lăng is a member of 'UBND các xã' in 001: the group's tasks count
    cl = kg.workload("UBND xã Chi Lăng", as_of=dt.date(2026, 6, 1))["tasks"]
    assert any(t["assigned_as"] == "UBND các xã" for t in cl)
    assert any(t["assigned_as"] == "UBND xã Chi Lăng" for t in cl)


def test_workload_accepts_aliases(kg):
    a = kg.workload("Sở NN&MT", as_of=dt.date(2026, 6, 1))
    b = kg.workload("Nông nghiệp và Môi trường", as_of=dt.date(2026, 6, 1))
    assert [t["task"] for t in a["tasks"]] == [t["task"] for t in b["tasks"]] and a["tasks"]


def test_deadlines_before_and_status(kg):
    rows = kg.deadlines(before=dt.date(2026, 6, 15), as_of=dt.date(2026, 6, 1), statuses=["overdue", "due_soon"])
    assert rows and all(r["status"] in ("overdue", "due_soon") for r in rows)
    assert all(r["deadline"] <= "2026-06-15" for r in rows)
    assert any(r["deadline"] == "2024-Q3" for r in rows)  # a quarter counts as its last day


def test_leader_meetings_and_posts(kg):
    (p,) = kg.people("Trần Thanh Nhân")
    meetings = kg.q("leader_meetings", person_key=p["key"])
    assert [(m["date"], m["role"]) for m in meetings] == [("2026-04-20", "participant"), ("2026-05-21", "chair")]
    # the post of Chủ tịch UBND tỉnh: Hồ Tiến Thiệu in 2024, Nguyễn Cảnh Toàn in 2026
    holders = kg.q("post_holders", post_key="post:chu-tich-ubnd-tinh@tinh-lang-son")
    assert [(h["name"], h["date"][:4]) for h in holders] == [("Hồ Tiến Thiệu", "2024"), ("Nguyễn Cảnh Toàn", "2026")]


def test_reingest_is_idempotent(kg, records):
    before = kg.stats()
    rep = kg.ingest(records)
    assert (len(rep.new), len(rep.unchanged)) == (0, 5)
    after = kg.stats()
    assert {k: v for k, v in after.items() if k != "ambiguous"} == {k: v for k, v in before.items() if k != "ambiguous"}


def test_changed_file_replaces_its_own_facts_and_removal_keeps_shared_facts(records, tmp_path):
    g = KnowledgeGraph.open(tmp_path / "g.lbug")
    try:
        g.ingest(records)
        base = g.stats()
        # a new version of 000: one task fewer (item 7, Sở NN&MT, dropped)
        r0 = copy.deepcopy(records[0])
        r0["source"]["sha256"] = "f" * 64
        r0["tasks"] = [t for t in r0["tasks"] if t["ref"] != "7"]
        rep = g.ingest([r0])
        assert (rep.updated, rep.new) == ([r0["source"]["path"]], [])
        after = g.stats()
        assert after["notices"] == base["notices"] and after["tasks"] == base["tasks"] - 1
        assert [n for n in g.notices() if n["path"] == r0["source"]["path"]][0]["sha256"] == "f" * 64
        # Sở Y tế (in 000, 002 and 003) survives removing 000; 520/UBND-KT (only in 000) does not
        g.remove(notice_key(r0))
        assert g.orgs("Sở Y tế")
        with pytest.raises(NotFound):
            g.document("520/UBND-KT")
        d = g.document("2688/QĐ-UBND")  # cited by 000 and 001: still there, with its attributes
        info = g.q("document_info", doc_key=d[0]["key"])
        assert (info[0]["date"], info[0]["issuer"], len(info)) == ("2025-12-15", "UBND tỉnh", 1)
    finally:
        g.close()


def test_every_edge_carries_provenance(kg, records):
    sha = {r["source"]["sha256"] for r in records}
    rows = kg.store.run("MATCH (t:Task)-[a:ASSIGNED_TO]->(o) MATCH (n:Notice {key: a.notice})-[:CONTAINS]->(t) "
                        "RETURN n.sha256 AS s, n.path AS p, a.span_start AS a, a.span_end AS b", {})
    every = kg.store.run("MATCH ()-[a:ASSIGNED_TO]->() RETURN count(a) AS c", {})[0]["c"]
    assert len(rows) == every > 100  # its notice: the one that contains its task, with the file and its sha256
    assert all(r["s"] in sha and r["p"] and 0 <= r["a"] < r["b"] for r in rows)
    # the span points at the task's text in the notice
    rec = records[0]
    from loaders.normalize import normalize

    text = normalize(open(rec["source"]["path"], encoding="utf-8").read()).text
    t = rec["tasks"][-1]
    assert text[t["span"][0]:t["span"][1]].startswith("7. Giao Sở Nông nghiệp") or \
        text[t["span"][0]:t["span"][1]].startswith("Giao Sở Nông nghiệp")


def test_document_keeps_the_richest_attributes(kg):
    (d,) = kg.document("02/2026/NQ-HĐND")
    (info, *_) = kg.q("document_info", doc_key=d["key"])
    assert (info["date"], info["issuer"]) == ("2026-03-26", "HĐND tỉnh")  # 000 gives no date, 001 does


def test_stats_reports_ambiguous_names(kg):
    st = kg.stats()
    assert st["notices"] == 5 and st["tasks"] > 100
    assert any(a["label"] == "Document" and a["name"] == "06" for a in st["ambiguous"])


def test_ics_export(kg):
    res = kg.workload("Sở Nội vụ", as_of=dt.date(2026, 6, 1))
    text = calendar(res["tasks"], "Sở Nội vụ", now=dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc))
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20260610" in text and "DTSTART;VALUE=DATE:20260531" in text
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    # unfolded, every event has the required properties
    unfolded = re.sub(r"\r\n ", "", text)
    for ev in unfolded.split("BEGIN:VEVENT")[1:]:
        assert all(f"\r\n{p}" in ev for p in ("UID:", "DTSTAMP:", "DTSTART;VALUE=DATE:", "SUMMARY:"))


# --- the CLI over a store ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store_env(tmp_path_factory):
    from click.testing import CliRunner

    from conftest import NOTICES_DIR
    from kg.cli import main

    path = tmp_path_factory.mktemp("cli") / "g.lbug"
    r = CliRunner().invoke(main, ["ingest", str(NOTICES_DIR), "--store", str(path)])
    assert r.exit_code == 0, r.output
    assert "Mới: 5, cập nhật: 0, không đổi: 0, lỗi: 0" in r.output
    return path


def _run(args, store_env):
    from click.testing import CliRunner

    from kg.cli import main

    return CliRunner().invoke(main, [*args, "--store", str(store_env)])


def test_cli_ingest_twice_reports_unchanged(store_env):
    from conftest import NOTICES_DIR

    r = _run(["ingest", str(NOTICES_DIR)], store_env)
    assert r.exit_code == 0 and "Mới: 0, cập nhật: 0, không đổi: 5, lỗi: 0" in r.output


def test_cli_trace_table_and_json(store_env):
    r = _run(["trace", "Nghị quyết 02/2026"], store_env)
    assert r.exit_code == 0 and "Chủ trì" in r.output and "UBND xã Khuất Xá" in r.output
    r = _run(["trace", "nghi quyet 02/2026/NQ-HDND", "--json"], store_env)
    data = json.loads(r.output)
    assert len(data["tasks"]) == 2


def test_cli_workload_csv_and_ics(store_env, tmp_path):
    ics = tmp_path / "nv.ics"
    r = _run(["workload", "Sở Nội vụ", "--as-of", "2026-06-01", "--csv", "--ics", str(ics)], store_env)
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines() if hasattr(r, "stdout") else r.output.strip().splitlines()
    assert lines[0].startswith("id,role_vi,") and any("2026-06-10" in l for l in lines)
    assert ics.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 2


def test_cli_show_and_stats(store_env):
    r = _run(["show", "leader", "Trần Thanh Nhân"], store_env)
    assert r.exit_code == 0 and "2026-04-20" in r.output and "2026-05-21" in r.output
    r = _run(["show", "doc", "141/KH-UBND"], store_env)
    assert r.exit_code == 0 and "Kế hoạch" in r.output
    r = _run(["show", "agency", "Sở Y tế"], store_env)
    assert r.exit_code == 0 and "Sở Y tế" in r.output
    r = _run(["show", "notice", "000_e9c322011b9ab118"], store_env)
    assert r.exit_code == 0 and "Vi Thiện Việt" in r.output
    r = _run(["stats"], store_env)
    assert r.exit_code == 0 and "Nhiệm vụ" in r.output


def test_cli_unknown_document_is_one_error_line(store_env):
    r = _run(["trace", "Quyết định 999999/QĐ-XYZ"], store_env)
    assert r.exit_code == 1
    assert [l for l in r.output.splitlines() if l.startswith("Lỗi:")]


def test_a_record_that_cannot_be_written_does_not_stop_the_batch(records, tmp_path, monkeypatch):
    g = KnowledgeGraph.open(tmp_path / "g.lbug")
    try:
        bad = records[1]["source"]["path"]
        real = KnowledgeGraph._write

        def flaky(self, recs):
            if any(r["source"]["path"] == bad for r in recs):
                raise RuntimeError("disk says no")
            return real(self, recs)

        monkeypatch.setattr(KnowledgeGraph, "_write", flaky)
        rep = g.ingest(records[:3])
        assert [p for p, _ in rep.failed] == [bad] and "disk says no" in rep.failed[0][1]
        assert len(rep.new) == 2 and g.stats()["notices"] == 2
    finally:
        g.close()


def test_cli_ingest_bad_file_is_one_line_and_the_rest_goes_in(tmp_path):
    from click.testing import CliRunner

    from conftest import NOTICE_PATHS
    from kg.cli import main

    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = CliRunner().invoke(main, ["ingest", str(NOTICE_PATHS[0]), str(empty), "--store", str(tmp_path / "g.lbug")])
    assert r.exit_code == 1
    errors = [l for l in r.output.splitlines() if l.startswith("Lỗi:")]
    assert len(errors) == 1 and "empty.txt" in errors[0]
    assert "Mới: 1, cập nhật: 0, không đổi: 0, lỗi: 1" in r.output


def test_every_recipe_runs_on_the_embedded_store(kg):
    """Each shipped question runs for real (Ladybug) with parameters of the declared kinds."""
    (doc,) = kg.document("141/KH-UBND")
    org = kg.orgs("Sở Y tế")[0]
    (person,) = kg.people("Trần Thanh Nhân")
    notice = kg.notices()[0]
    values = {"doc_keys": [doc["key"]], "doc_key": doc["key"], "org_keys": [org["key"]], "as_of": "2026-06-01",
              "soon": "2026-06-08", "before": "2026-06-15", "name_keys": ["so y te"], "name_key": "tran thanh nhan",
              "person_key": person["key"], "post_key": "post:chu-tich-ubnd-tinh@tinh-lang-son",
              "notice_key": notice["key"], "prefix": "141", "number": "141", "max_depth": 3, "task_id": "NV-000000",
              "task_key": "task:none", "notice_keys": [notice["key"]], "task_keys": ["task:none"], "word": "so",
              "assignee_keys": [org["key"]], "roles": ["lead", "support"], "statuses": ["overdue", "due_soon"],
              "offset": 0, "limit": 10, "depth1": [], "depth2": [], "depth3": [], "after": "2026-01-01",
              "first_end": "2026-01-01", "first_order": 0, "last_end": "2026-12-31", "last_order": 2 ** 62,
              "pair_end": "2026-06-01", "pair_order": 2 ** 40, "date_unit": 2 ** 44, "first": "2026-01-01",
              "last": "2026-12-31", "group_keys": ["2026-05-31|01441"], "lead_keys": [org["key"]],
              "unit_keys": ["unit:none"], "scope": "lang-son", "text": "141/KH-UBND", "sort": "date", "valued": True,
              "key": "notice:none", "head": "1", "width": 22, "file": "141", "real": "141", "stem": "141.",
              "first_due": 0, "last_due": 2 ** 40, "path": "000.txt", "fp": "f", "doc": "d", "date": "2026-04-16"}
    ran = []
    for name in kg.recipes.names():
        r = kg.recipes.get(name)
        params = {p: values[p] for p in r.params}
        rows = kg.q(name, **params)
        assert isinstance(rows, list)
        ran.append(name)
    assert len(ran) >= 19


def test_the_same_agency_name_in_two_provinces_is_two_bodies(records, tmp_path):
    from conftest import ROOT

    lao_cai = extract_path(ROOT / "tests" / "fixtures" / "extra" / "09_laocai-tb-vp-cum-cong-nghiep.txt")
    g = KnowledgeGraph.open(tmp_path / "g.lbug")
    try:
        g.ingest(records + [lao_cai])
        with pytest.raises(Ambiguous) as e:
            g.workload("Sở Công Thương")
        assert {c["scope"] for c in e.value.candidates} == {"tinh-lang-son", "tinh-lao-cai"}
        lc = g.workload("Sở Công Thương", scope="Lào Cai", as_of=dt.date(2026, 7, 1))["tasks"]
        assert lc and {_stem(t["path"]) for t in lc} == {"09_"}
    finally:
        g.close()


def test_pdf_and_text_copies_of_one_notice_are_one_notice(tmp_path):
    """Offices keep a notice as PDF and as text or Word: same issuer, number and date is the same notice."""
    from pathlib import Path

    extra = Path(__file__).parent / "fixtures" / "extra"
    word = extract_path(extra / "11_laocai-cv-7432.pdf")
    text = extract_path(extra / "11_laocai-cv-7432-layout.txt")
    assert notice_key(word) != notice_key(text)  # different bytes
    g = KnowledgeGraph.open(tmp_path / "g.lbug")
    try:
        rep = g.ingest([word, text])
        assert rep.new == [word["source"]["path"]]
        assert rep.duplicates == [(text["source"]["path"], word["source"]["path"])]
        again = g.ingest([text])  # in a later run too
        assert again.new == [] and len(again.duplicates) == 1
        assert [n["path"] for n in g.notices()] == [word["source"]["path"]]
        tasks = g.stats()
        assert g.ingest([word]).unchanged == [word["source"]["path"]]
        assert g.stats() == tasks
    finally:
        g.close()
