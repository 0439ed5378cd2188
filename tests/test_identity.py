"""Lasting identity (loaders/ids.py), one Document per ingested-and-cited document, executors of a decision,
generic roles, misspellings, the 2025 reorganisation and recurring tasks in the graph."""

from __future__ import annotations

import copy
import datetime as dt
import re
import textwrap

import pytest

from conftest import FIXTURES, NOTICE_PATHS
from loaders.execution import find_executors
from loaders.extract import extract_path, extract_text
from loaders.ids import assign_task_ids, document_identity, fingerprint, normalise_sentence, task_id
from loaders.read import read_source

IMPL = FIXTURES / "implements"


# --- ids: the function ignores wrapping, numbering and what comes before ------------------------------

def _records():
    return {p.name: extract_path(p) for p in NOTICE_PATHS}


@pytest.fixture(scope="module")
def records():
    return _records()


def test_id_shape_and_uniqueness(records):
    for rec in records.values():
        ids = [t["id"] for t in rec["tasks"]]
        assert all(re.fullmatch(r"NV-[0-9a-f]{6,8}(-\d+)?", i) for i in ids), ids
        assert len(ids) == len(set(ids))
        assert rec["notice"]["doc_id"] == document_identity(rec["notice"]["issuer"], rec["notice"]["kind"],
                                                            rec["notice"]["number"], rec["notice"]["date"],
                                                            rec["notice"]["title"])


@pytest.mark.parametrize("width", [50, 64, 78])
def test_task_fingerprint_ignores_wrapping_and_numbering(records, width):
    for rec in records.values():
        doc = rec["notice"]["doc_id"]
        for n, t in enumerate(rec["tasks"]):
            wrapped = textwrap.fill(t["text"], width, break_long_words=False, break_on_hyphens=False)
            assert "\n" in wrapped or len(t["text"]) <= width
            renumbered = f"{n + 7}. " + wrapped  # another number, another marker
            assert fingerprint(renumbered) == fingerprint(t["text"])
            assert fingerprint(f"c) - {wrapped}") == fingerprint(t["text"])
            assert task_id(doc, renumbered) == task_id(doc, t["text"])


def test_ids_never_come_from_position():
    tasks = [{"text": "Sở Y tế báo cáo.", "ref": "1", "assignees": [{"name": "Sở Y tế", "role": "lead"}]},
             {"text": "Sở Tài chính bố trí kinh phí.", "ref": "2", "assignees": [{"name": "Sở Tài chính", "role": "lead"}]}]
    ids = assign_task_ids("doc", tasks)
    moved = [copy.deepcopy(tasks[1]) | {"ref": "1"}, {"text": "Sở Xây dựng kiểm tra.", "ref": "2", "assignees": []},
             copy.deepcopy(tasks[0]) | {"ref": "3"}]
    ids2 = assign_task_ids("doc", moved)
    assert ids2[0] == ids[1] and ids2[2] == ids[0]
    # one sentence, two doers: the doer tells them apart; alone, the same sentence keeps the same id
    two = [{"text": "Sở A, Sở B rà soát.", "assignees": [{"name": "Sở A", "role": "lead"}]},
           {"text": "Sở A, Sở B rà soát.", "assignees": [{"name": "Sở B", "role": "lead"}]}]
    a, b = assign_task_ids("doc", two)
    assert a != b and a == task_id("doc", "Sở A, Sở B rà soát.", "Sở A")
    assert normalise_sentence("  II.3. Sở  Y Tế\r\nbáo cáo;") == "sở y tế báo cáo"


def _renumber(text: str) -> str:
    """Shift every top-level item number by 10 ('3. Giao …' -> '13. Giao …')."""
    return re.sub(r"(?m)^(\d{1,2})\. ", lambda m: f"{int(m.group(1)) + 10}. ", text)


def _stable(rec: dict) -> dict:
    """Task id by (assignees, deadline, normalised text): what must not change when the layout does."""
    return {(tuple(sorted((a["name"], a["role"]) for a in t["assignees"])), t["deadline"],
             normalise_sentence(t["text"])): t["id"] for t in rec["tasks"]}


@pytest.mark.parametrize("path", NOTICE_PATHS, ids=lambda p: p.stem[:3])
def test_sample_ids_survive_wrapping_renumbering_and_an_inserted_paragraph(path):
    text = read_source(path).text
    base = _stable(extract_text(text))
    paras = text.split("\n\n")
    variants = {
        "wrapped": "\n\n".join(textwrap.fill(p, 78) if len(p) > 200 and "|" not in p else p for p in paras),
        "renumbered": _renumber(text),
    }
    # a paragraph inserted above the first numbered item
    m = re.search(r"(?m)^1\. ", text)
    if m:
        variants["inserted"] = text[:m.start()] + "Phát triển các cụm công nghiệp là nhiệm vụ quan trọng.\n\n" + text[m.start():]
    for name, v in variants.items():
        got = _stable(extract_text(v))
        common = base.keys() & got.keys()  # tasks whose extraction the change left as it was
        assert len(common) >= 0.97 * len(base), (name, len(common), len(base))  # all today; extraction may shift a few
        assert {k: got[k] for k in common} == {k: base[k] for k in common}, name


def test_a_draft_is_its_header_content_a_numbered_document_its_number():
    a = document_identity("UBND tỉnh Lạng Sơn", "THÔNG BÁO", None, "2026-05", "Kết luận A")
    assert a != document_identity("UBND tỉnh Lạng Sơn", "THÔNG BÁO", None, "2026-05", "Kết luận B")
    assert document_identity("UBND tỉnh Lạng Sơn", "KẾ HOẠCH", "141/KH-UBND", "2026-04-16", "x") == \
        document_identity("UBND tỉnh Lạng Sơn", "Kế hoạch", "141/KH-UBND", "2026-12-01", "y")
    assert document_identity("UBND tỉnh Lạng Sơn", "KẾ HOẠCH", "141/KH-UBND", "2025-04-16") != \
        document_identity("UBND tỉnh Lạng Sơn", "KẾ HOẠCH", "141/KH-UBND", "2026-04-16")


# --- executors of a decision ---------------------------------------------------------------------------

EXECUTORS = [
    ("Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các Sở: Tài chính, Xây dựng; Chủ tịch UBND các xã chịu trách "
     "nhiệm thi hành Quyết định này./.",
     ["Chánh Văn phòng UBND tỉnh", "Giám đốc các Sở: Tài chính, Xây dựng", "Chủ tịch UBND các xã"]),
    ("Điều 4. Các ông (bà): Chánh Văn phòng UBND huyện, Trưởng phòng Tài chính - Kế hoạch căn cứ Quyết định thi hành./.",
     ["Chánh Văn phòng UBND huyện", "Trưởng phòng Tài chính - Kế hoạch"]),
    ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\nĐiều 3. Thủ trưởng các cơ quan, đơn vị có liên quan có trách "
     "nhiệm tổ chức thi hành Quyết định này.", ["Thủ trưởng các cơ quan, đơn vị có liên quan"]),
    ("Giao Sở Y tế chủ trì thi hành các biện pháp phòng dịch.", []),
]


@pytest.mark.parametrize("body,names", EXECUTORS)
def test_executors(body, names):
    assert find_executors(body) == names


def test_executors_pattern_examples():
    from loaders import patterns

    for c in patterns.load("execution")["closings"]:
        for ex in c["examples"]:
            assert find_executors(ex), ex
    for p in patterns.load("execution")["posts"]:
        assert p["example"].startswith(p["word"])


# --- the graph -----------------------------------------------------------------------------------------

pytest.importorskip("ladybug")
from kg.graph import KnowledgeGraph  # noqa: E402
from kg.ics import calendar  # noqa: E402
from kg.model import build_graph  # noqa: E402


@pytest.fixture
def impl_graph(tmp_path):
    recs = [extract_path(p) for p in sorted(IMPL.glob("*.txt"))]
    g = KnowledgeGraph.open(tmp_path / "g.lbug")
    g.ingest(recs)
    yield g, {r["source"]["path"].rsplit("/", 1)[-1]: r for r in recs}
    g.close()


def test_an_ingested_plan_is_the_document_others_cite_and_its_tasks_join_the_trace(impl_graph):
    g, recs = impl_graph
    kh = recs["kh-141-thuc-hien-nq-02.txt"]
    assert [(r["source"], r["target"]) for r in kh["relations"] if r["kind"] == "implements"] == [
        ("141/KH-UBND", "02/2026/NQ-HĐND")]
    (doc,) = g.document("141/KH-UBND")
    own = g.store.run("MATCH (n:Notice)-[:IS_DOCUMENT]->(d:Document) RETURN n.number AS n, d.key AS d", {})
    assert own == [{"n": "141/KH-UBND", "d": doc["key"]}, {"n": "98/TB-UBND", "d": g.document("98/TB-UBND")[0]["key"]}] \
        or sorted(r["n"] for r in own) == ["141/KH-UBND", "98/TB-UBND"]
    res = g.trace("Nghị quyết 02/2026")
    got = {(t["id"], t["via"]) for t in res["tasks"]}
    kh_ids = {t["id"] for t in kh["tasks"] if t["assignees"] and t["assignees"][0]["name"].startswith("Sở")}
    assert {i for i, via in got if via == "141/KH-UBND"} >= kh_ids and len(kh_ids) == 2
    tb = recs["tb-cites-nq-02.txt"]
    (direct,) = [t["id"] for t in tb["tasks"] if "02/2026/NQ-HĐND" in t["based_on"]]
    assert (direct, "02/2026/NQ-HĐND") in got
    # depth 0: only what is based on the resolution itself
    assert {t["id"] for t in g.trace("Nghị quyết 02/2026", max_depth=0)["tasks"]} == {direct}
    # the plan itself, ingested: its own tasks are what depends on it first
    own = {t["id"]: t["via"] for t in g.trace("Kế hoạch 141/KH-UBND", max_depth=0)["tasks"]}
    assert set(own) == {t["id"] for t in kh["tasks"]} and set(own.values()) == {"141/KH-UBND"}
    # a task shown by its id, with where it came from
    t = g.task(direct)
    assert t["path"].endswith("tb-cites-nq-02.txt") and t["span_start"] >= 0 and t["assignees"]
    assert g.task(direct.lower().removeprefix("nv-"))["task"] == t["task"]


def test_a_plain_legal_basis_is_not_implementation(tmp_path):
    body = ("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 5/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nLạng Sơn, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\nPhát triển du lịch năm 2026\n\n"
            "Căn cứ Nghị định số 168/2017/NĐ-CP ngày 31/12/2017 của Chính phủ quy định chi tiết một số điều của Luật Du lịch;"
            "\n\nThực hiện Nghị quyết số 02/2026/NQ-HĐND ngày 05/01/2026 của HĐND tỉnh, UBND tỉnh ban hành Kế hoạch như sau:"
            "\n\n1. Sở Văn hóa, Thể thao và Du lịch chủ trì xây dựng chương trình quảng bá, hoàn thành trước ngày 30/6/2026."
            "\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n")
    rec = extract_text(body, path="kh5.txt")
    assert sorted((r["source"], r["target"], r["kind"]) for r in rec["relations"]) == [
        ("5/KH-UBND", "02/2026/NQ-HĐND", "implements"), ("5/KH-UBND", "168/2017/NĐ-CP", "refers_to")]
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        g.ingest([rec])
        assert [t["id"] for t in g.trace("Nghị quyết 02/2026")["tasks"]] == [rec["tasks"][0]["id"]]
        assert g.trace("Nghị định 168/2017/NĐ-CP")["tasks"] == []  # the basis does not pull the plan in


def test_executors_are_a_relation_not_tasks():
    rec = {"source": {"path": "qd.txt", "sha256": "a" * 64},
           "notice": {"number": "12/QĐ-UBND", "issuer": "UBND tỉnh Lạng Sơn", "date": "2026-03-02", "kind": "QUYẾT ĐỊNH",
                      "title": "Phê duyệt kế hoạch"},
           "meeting": None, "citations": [], "relations": [], "tasks": [],
           "executors": ["Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Tài chính"]}
    g = build_graph([rec])
    ex = sorted(g.nodes[a]["name"] for a, _, d in g.edges(data=True) if d["type"] == "RESPONSIBLE_FOR_EXECUTING")
    assert ex == ["Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Tài chính"]
    assert not [k for k, d in g.nodes(data=True) if d["label"] == "Task"]


def _rec(path: str, tasks: list[dict], issuer: str = "UBND tỉnh Lạng Sơn", number: str | None = None) -> dict:
    return {"source": {"path": path, "sha256": (path * 64)[:64].encode().hex()[:64]},
            "notice": {"number": number, "issuer": issuer, "date": "2026-04-02", "kind": "THÔNG BÁO", "title": path},
            "meeting": None, "citations": [], "relations": [], "tasks": tasks}


def _task(text: str, *doers: str, deadline: str | None = None, **extra) -> dict:
    return {"ref": "1", "text": text, "assignees": [{"name": d, "role": "lead"} for d in doers], "deadline": deadline,
            "deadline_text": None, "based_on": [], "report_to": [], **extra}


def test_generic_roles_are_one_node_per_notice_misspellings_are_linked_and_listed(tmp_path):
    a = _rec("a.txt", [_task("Nhà đầu tư khẩn trương hoàn thiện hồ sơ.", "Nhà đầu tư"),
                       _task("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch quảng bá.",
                             "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch")])
    b = _rec("b.txt", [_task("Nhà đầu tư bổ sung nhân lực.", "Nhà đầu tư"),
                       _task("Trung tâm Xúc đầu tư, Thương mại và Du lịch tổ chức hội chợ.",
                             "Trung tâm Xúc đầu tư, Thương mại và Du lịch"),
                       _task("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch báo cáo.",
                             "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch")])
    g = build_graph([a, b])
    investors = [k for k, d in g.nodes(data=True) if d.get("name") == "Nhà đầu tư"]
    assert len(investors) == 2
    links = [(g.nodes[x]["name"], g.nodes[y]["name"]) for x, y, d in g.edges(data=True) if d["type"] == "MISSPELLING_OF"]
    assert links == [("Trung tâm Xúc đầu tư, Thương mại và Du lịch", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch")]
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest([a])
        kg.ingest([b])  # the known name came in another batch
        st = kg.stats()
        assert [(m["name"], m["known_name"], m["reason"]) for m in st["misspellings"]] == [
            ("Trung tâm Xúc đầu tư, Thương mại và Du lịch", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch",
             "missing word: tiến")]
        assert len(kg.orgs("Nhà đầu tư")) == 2
        kg.remove("b.txt")
        assert kg.stats()["misspellings"] == []
        kg.ingest([b])
    from click.testing import CliRunner

    from kg.cli import main

    r = CliRunner().invoke(main, ["stats", "--store", str(tmp_path / "g.lbug")])
    assert r.exit_code == 0, r.output
    assert ("Tên viết sai đã nối với tên đúng (1):\n  - Trung tâm Xúc đầu tư, Thương mại và Du lịch → Trung tâm Xúc tiến "
            "Đầu tư, Thương mại và Du lịch (thiếu từ: tiến)\n") in r.output  # said in Vietnamese, no key


def test_predecessors_are_linked_not_merged_and_join_the_workload(tmp_path):
    old = _rec("old.txt", [_task("Sở Kế hoạch và Đầu tư tổng hợp danh mục dự án.", "Sở Kế hoạch và Đầu tư",
                                 deadline="2025-12-31"),
                           _task("Sở KH&ĐT rà soát vốn đầu tư công.", "Sở KH&ĐT", deadline="2024-06-30")])
    new = _rec("new.txt", [_task("Sở Tài chính bố trí kinh phí.", "Sở Tài chính", deadline="2026-06-30")])
    g = build_graph([old, new])
    succ = {(g.nodes[a]["name"], g.nodes[b]["name"]) for a, b, d in g.edges(data=True) if d["type"] == "SUCCEEDED_BY"}
    assert ("Sở Kế hoạch và Đầu tư", "Sở Tài chính") in succ
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest([old, new])
        plain = kg.workload("Sở Tài chính", as_of=dt.date(2026, 4, 1))
        assert [t["text"] for t in plain["tasks"]] == ["Sở Tài chính bố trí kinh phí."]
        wide = kg.workload("Sở Tài chính", as_of=dt.date(2026, 4, 1), with_predecessors=True)
        texts = {t["text"]: t.get("predecessor") for t in wide["tasks"]}
        # the 2024 task ended before the reorganisation (2025-03-01): not open work of the successor
        assert texts == {"Sở Tài chính bố trí kinh phí.": None,
                         "Sở Kế hoạch và Đầu tư tổng hợp danh mục dự án.": "Sở Kế hoạch và Đầu tư"}
        assert len(kg.orgs("Sở Kế hoạch và Đầu tư")) == 1  # still its own node
    from click.testing import CliRunner

    from kg.cli import main

    r = CliRunner().invoke(main, ["show", "agency", "Sở Kế hoạch và Đầu tư", "--store", str(tmp_path / "g.lbug")])
    assert r.exit_code == 0 and "từ 2025-03-01 do Sở Tài chính kế thừa" in r.output, r.output
    r = CliRunner().invoke(main, ["workload", "Sở Tài chính", "--with-predecessors", "--as-of", "2026-04-01",
                                  "--store", str(tmp_path / "g.lbug")])
    assert r.exit_code == 0 and "cơ quan tiền thân: Sở Kế hoạch và Đầu tư (nay là Sở Tài chính)" in r.output, r.output


def test_recurring_tasks_in_graph_status_and_calendar(tmp_path, runner):
    rec = _rec("r.txt", [
        _task("Sở Y tế báo cáo kết quả trước ngày 30/6 hằng năm.", "Sở Y tế",
              recurrence={"rule": "yearly", "on": "06-30", "text": "trước ngày 30/6 hằng năm"}),
        _task("Sở Y tế báo cáo trước 14 giờ ngày 10/6/2026.", "Sở Y tế", deadline="2026-06-10", deadline_time="14:00"),
        _task("Sở Y tế thường xuyên theo dõi dịch bệnh.", "Sở Y tế",
              recurrence={"rule": "continuous", "on": None, "text": "thường xuyên"}),
    ])
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest([rec])
        res = kg.workload("Sở Y tế", as_of=dt.date(2026, 6, 5))
        status = {t["text"][:20]: t["status"] for t in res["tasks"]}
        # a recurring task is due at each occurrence (the next one: 30/6); continuous work has no day
        assert status == {"Sở Y tế báo cáo kết ": "open", "Sở Y tế báo cáo trướ": "due_soon",
                          "Sở Y tế thường xuyên": "no_deadline"}
        assert {t["text"][:20]: t.get("due") for t in res["tasks"] if t.get("recurrence_rule")} == {
            "Sở Y tế báo cáo kết ": "2026-06-30", "Sở Y tế thường xuyên": None}
        dl = kg.deadlines(as_of=dt.date(2026, 6, 5))
        assert sorted(t["status"] for t in dl) == ["due_soon", "no_deadline", "open"]
        text = calendar(res["tasks"], "Sở Y tế", now=dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc))
    events = text.split("BEGIN:VEVENT")[1:]
    assert len(events) == 2  # 'thường xuyên' has no day
    (yearly,) = [e for e in events if "RRULE" in e]
    assert "DTSTART;VALUE=DATE:20260630" in yearly and "RRULE:FREQ=YEARLY" in yearly
    (timed,) = [e for e in events if "RRULE" not in e]
    assert "DTSTART:20260610T130000" in timed and "DTEND:20260610T140000" in timed
    from kg.cli import main

    store = str(tmp_path / "g.lbug")
    r = runner.invoke(main, ["workload", "Sở Y tế", "--as-of", "2026-06-01", "--store", store])
    assert r.exit_code == 0, r.output
    assert r.output.count("định kỳ") == 2 and re.search(r"NV-[0-9a-f]{6}", r.output)
    tid = re.search(r"NV-[0-9a-f]{6,8}", r.output).group(0)
    r = runner.invoke(main, ["show", "task", tid, "--store", store])
    assert r.exit_code == 0, r.output
    assert tid in r.output and "r.txt" in r.output and "Sở Y tế (chủ trì)" in r.output


def test_two_files_of_one_unnumbered_draft_are_one_notice_with_the_same_task_ids(tmp_path):
    from pathlib import Path

    extra = Path(__file__).parent / "fixtures" / "extra"
    word = extract_path(extra / "01_lamdong-tbkl-cchc.docx")
    text = extract_path(extra / "01_lamdong-tbkl-cchc.txt")
    assert word["notice"]["number"] is None and word["notice"]["doc_id"] == text["notice"]["doc_id"]
    assert [t["id"] for t in word["tasks"]] == [t["id"] for t in text["tasks"]]  # Word or text: the same ids
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        assert g.ingest([word]).new and g.ingest([text]).duplicates == [(text["source"]["path"], word["source"]["path"])]


def test_pattern_data_examples():
    from kg.resolve import _data, generic_role, successors
    from loaders import patterns

    for r in _data("generic_roles")["roles"]:
        assert generic_role(r["name"]) and r["name"] in r["example"].casefold(), r
    from loaders.ids import _slug, issuer_slug

    for a in patterns.load("ids")["issuer_abbreviations"]:
        assert a["example"].casefold().startswith(a["long"])
        assert issuer_slug(a["example"]).startswith(_slug(a["short"]) + "-"), a
    for s in _data("reorganisation")["successions"]:
        for p in s["predecessors"]:
            assert s["successor"] in [x.successor for x in successors(p)], p


def test_two_drafts_that_only_share_a_header_are_two_notices(tmp_path):
    a = _rec("a.txt", [_task("Sở Y tế kiểm tra an toàn thực phẩm.", "Sở Y tế")])
    b = _rec("b.txt", [_task("Sở Xây dựng rà soát quy hoạch.", "Sở Xây dựng")])
    b["notice"]["title"] = a["notice"]["title"] = "Kết luận tại cuộc họp giao ban"
    for r in (a, b):
        r["notice"]["doc_id"] = document_identity(r["notice"]["issuer"], r["notice"]["kind"], None, r["notice"]["date"],
                                                  r["notice"]["title"])
        r["tasks"][0]["id"] = assign_task_ids(r["notice"]["doc_id"], r["tasks"])[0]
    assert a["notice"]["doc_id"] == b["notice"]["doc_id"]
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        assert g.ingest([a]).new == ["a.txt"]
        rep = g.ingest([b])
        assert rep.new == ["b.txt"] and not rep.duplicates
        ids = {r["doc_id"] for r in g.notices()}
        assert len(ids) == 2 and a["notice"]["doc_id"] in ids


def test_an_unnumbered_draft_plan_joins_the_trace_of_what_it_implements(tmp_path):
    text = (IMPL / "kh-141-thuc-hien-nq-02.txt").read_text(encoding="utf-8").replace("Số: 141/KH-UBND", "Số:    /KH-UBND")
    rec = extract_text(text, path="du-thao-kh.txt")
    assert rec["notice"]["number"] is None and "/draft-" in rec["notice"]["doc_id"]
    assert [(r["source"], r["target"]) for r in rec["relations"] if r["kind"] == "implements"] == [
        (None, "02/2026/NQ-HĐND")]
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        g.ingest([rec])
        got = {t["id"]: (t["via"], t["depth"]) for t in g.trace("Nghị quyết 02/2026")["tasks"]}
        assert set(got) == {t["id"] for t in rec["tasks"]}
        assert set(got.values()) == {(rec["notice"]["title"], 1)}
        assert g.trace("Nghị quyết 02/2026", max_depth=0)["tasks"] == []
