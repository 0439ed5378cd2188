"""Duplicates by content, not by number; removing exactly what was named; bringing removed notices back.

Fixtures: tests/fixtures/extra (01 and 09 as .docx + text export, 11 as PDF + two text exports) and
tests/fixtures/copies (08, a công văn whose Word file and text export were two notices before content
fingerprints: their headers read differently, so their draft identities differ). All are public documents
(vpubnd49/VBAI, commit f43aae49…, and the Lào Cai portal); tests/fixtures/nondocs/INDEX.md is the index
that came beside them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("ladybug")

from kg.graph import Ambiguous, Copy, KnowledgeGraph, NotFound, Replacement, same_document  # noqa: E402
from kg.model import notice_key  # noqa: E402
from loaders.errors import InputError  # noqa: E402
from loaders.extract import extract_path, extract_text  # noqa: E402
from loaders.ids import content_fingerprint  # noqa: E402
from loaders.read import read_source  # noqa: E402

FIX = Path(__file__).parent / "fixtures"
EXTRA, COPIES = FIX / "extra", FIX / "copies"


def _issued(text: str, number: str, day: str) -> str:
    """The issued version of a draft: the văn thư fills in the number and the day, nothing else."""
    out = re.sub(r"Số:\s*/", f"Số: {number}/", text, count=1)
    out = re.sub(r"ngày\s+tháng", f"ngày {day} tháng", out, count=1)
    assert out != text
    return out


def _dump(g: KnowledgeGraph) -> dict:
    """Every node and edge with every property: two graphs are equal when their dumps are."""
    from kg.model import SCHEMA
    out = {}
    for label, props in SCHEMA["nodes"].items():
        cols = ", ".join(f"n.`{p}` AS `{p}`" for p in ["key", *props])
        out[label] = sorted(json.dumps(r, sort_keys=True, default=str, ensure_ascii=False)
                            for r in g.store.run(f"MATCH (n:`{label}`) RETURN {cols}", {}))
    for rtype, rel in SCHEMA["rels"].items():
        cols = ", ".join(f"r.`{p}` AS `{p}`" for p in rel["props"])
        out[rtype] = sorted(json.dumps(r, sort_keys=True, default=str, ensure_ascii=False)
                            for r in g.store.run(f"MATCH (a)-[r:`{rtype}`]->(b) RETURN a.key AS a, b.key AS b, {cols}", {}))
    return out


@pytest.fixture(params=["each file", "every notice"])
def reads(request, monkeypatch):
    """How ingest reads the stored notices a file may be: for each file (the first kg.graph.LOOKUP_FILES of a run),
    or every notice at once (past them): the two ways must classify every file alike."""
    import kg.graph

    monkeypatch.setattr(kg.graph, "LOOKUP_FILES", 10 ** 9 if request.param == "each file" else 0)
    return request.param


# -- the content fingerprint ------------------------------------------------------------------------


def test_every_copy_of_a_document_has_one_fingerprint_and_different_documents_do_not():
    groups = {"01": [EXTRA / "01_lamdong-tbkl-cchc.docx", EXTRA / "01_lamdong-tbkl-cchc.txt"],
              "08": [COPIES / "08_lamdong-cv-cai-nghien.docx", COPIES / "08_lamdong-cv-cai-nghien.txt"],
              "09": [EXTRA / "09_laocai-tb-vp-cum-cong-nghiep.docx", EXTRA / "09_laocai-tb-vp-cum-cong-nghiep.txt"],
              "11": [EXTRA / "11_laocai-cv-7432.pdf", EXTRA / "11_laocai-cv-7432-layout.txt",
                     EXTRA / "11_laocai-cv-7432-nolayout.txt"]}
    fps = {g: {content_fingerprint(read_source(p).text) for p in ps} for g, ps in groups.items()}
    assert all(len(f) == 1 for f in fps.values()), fps
    assert len(set().union(*fps.values())) == 4
    rec = extract_path(EXTRA / "11_laocai-cv-7432.pdf")  # and records carry it
    assert rec["source"]["fingerprint"] in fps["11"]


def test_the_fingerprint_ignores_the_blanks_a_van_thu_fills_in_and_nothing_else():
    draft = (EXTRA / "01_lamdong-tbkl-cchc.txt").read_text(encoding="utf-8")
    issued = _issued(draft, "97", "28")
    assert "Số: 97/TB-UBND" in issued and "ngày 28 tháng 01 năm 2026" in issued
    assert content_fingerprint(issued) == content_fingerprint(draft)
    # wrapped differently, with page numbers and a table's column bar: still the same words
    wrapped = "".join(w + ("\n- 2 -\n" if i == 500 else " | " if i % 17 == 0 else "\n" if i % 9 == 0 else " ")
                        for i, w in enumerate(issued.split()))
    assert content_fingerprint(wrapped) == content_fingerprint(draft)
    # but a changed deadline, a dropped word or another year is another text
    assert content_fingerprint(draft.replace("năm 2026", "năm 2027", 1)) != content_fingerprint(draft)
    assert content_fingerprint(draft.replace("Sở Nội vụ", "Sở Tư pháp", 1)) != content_fingerprint(draft)
    assert content_fingerprint(draft.replace("chủ trì", "", 1)) != content_fingerprint(draft)


def test_one_fingerprint_two_numbers_is_two_documents():
    assert same_document(None, "2026-01", "97/TB-UBND", "2026-01-28")
    assert same_document("97/TB-UBND", "2026-01-28", "97 /tb-ubnd", "2026-01-28")
    assert not same_document("97/TB-UBND", None, "98/TB-UBND", None)
    assert not same_document(None, "2026-01-28", None, "2026-01-29")


# -- ingest: the three cases ---------------------------------------------------------------------------


def test_word_file_and_text_export_of_a_draft_are_one_notice_in_either_order_and_run(tmp_path, reads):
    """08 was stored twice (its two files read different headers, hence two draft identities): 6 tasks doubled."""
    word = extract_path(COPIES / "08_lamdong-cv-cai-nghien.docx")
    text = extract_path(COPIES / "08_lamdong-cv-cai-nghien.txt")
    assert word["notice"]["doc_id"] != text["notice"]["doc_id"]  # why the header check could not see it
    assert word["source"]["fingerprint"] == text["source"]["fingerprint"]
    for first, second, split in ((word, text, False), (text, word, False), (word, text, True)):
        with KnowledgeGraph.open(tmp_path / f"g{id(first)}{split}.lbug") as g:
            if split:
                g.ingest([first])
                rep = g.ingest([second])
            else:
                rep = g.ingest([first, second])
            p1, p2 = first["source"]["path"], second["source"]["path"]
            assert rep.copies == [Copy(p2, p1, "content")] and rep.duplicates == [(p2, p1)]
            assert rep.copies[0].message() == (f"Bỏ qua: {p2}: bản sao của {p1} đã nạp "
                                               "(cùng nội dung, không kể số và ngày văn thư điền vào)")
            assert [n["path"] for n in g.notices()] == [p1]
            assert g.stats()["tasks"] == len(first["tasks"]) == 6


def test_pdf_and_its_text_exports_are_one_notice(tmp_path, reads):
    recs = [extract_path(EXTRA / n) for n in ("11_laocai-cv-7432-nolayout.txt", "11_laocai-cv-7432.pdf",
                                              "11_laocai-cv-7432-layout.txt")]
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        rep = g.ingest(recs)
        assert rep.new == [recs[0]["source"]["path"]]
        assert [(c.path, c.by) for c in rep.copies] == [(r["source"]["path"], "content") for r in recs[1:]]


def test_the_issued_version_of_a_held_draft_replaces_it_and_keeps_its_task_ids(tmp_path, reads):
    text = (EXTRA / "01_lamdong-tbkl-cchc.txt").read_text(encoding="utf-8")
    draft = extract_text(text, path="du-thao/01.txt")
    issued = extract_text(_issued(text, "97", "28"), path="ban-hanh/01.txt")
    assert (draft["notice"]["number"], issued["notice"]["number"]) == (None, "97/TB-UBND")
    assert issued["notice"]["doc_id"] != draft["notice"]["doc_id"]  # its own identity: a number now
    draft_ids = [t["id"] for t in draft["tasks"]]
    assert len(draft_ids) >= 20 and not set(draft_ids) & {t["id"] for t in issued["tasks"]}
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        g.ingest([draft])
        rep = g.ingest([issued])
        assert (rep.new, rep.updated, rep.copies) == ([], [], [])
        assert rep.replaced == [Replacement("ban-hanh/01.txt", "du-thao/01.txt", "97/TB-UBND", len(draft_ids))]
        assert rep.lines() == [f"Thay dự thảo: ban-hanh/01.txt: bản ban hành (số 97/TB-UBND) của dự thảo du-thao/01.txt "
                               f"đã nạp, thay chỗ dự thảo và giữ {len(draft_ids)} mã nhiệm vụ"]
        (n,) = g.notices()
        assert (n["path"], n["number"], n["doc_id"]) == ("ban-hanh/01.txt", "97/TB-UBND", issued["notice"]["doc_id"])
        got = [r["id"] for r in g.q("notice_tasks", notice_key=n["key"])]
        assert sorted(set(got)) == sorted(draft_ids)
        assert g.task(draft_ids[0])["path"] == "ban-hanh/01.txt"
        # the draft again, or another copy of it, is now a copy of the issued version
        again = g.ingest([draft, extract_path(EXTRA / "01_lamdong-tbkl-cchc.docx")])
        assert [(c.held, c.by) for c in again.copies] == [("ban-hanh/01.txt", "content")] * 2
        # a second issued version with another number is another document
        other = extract_text(_issued(text, "98", "29"), path="ban-hanh/01b.txt")
        assert g.ingest([other]).new == ["ban-hanh/01b.txt"]


def test_draft_and_issued_version_in_one_run(tmp_path, reads):
    text = (COPIES / "08_lamdong-cv-cai-nghien.txt").read_text(encoding="utf-8")
    draft = extract_path(COPIES / "08_lamdong-cv-cai-nghien.docx")
    issued = extract_text(_issued(text, "5120", "30"), path="5120.txt")
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        rep = g.ingest([draft, issued])
        assert rep.new == [] and [(r.path, r.draft) for r in rep.replaced] == [("5120.txt", draft["source"]["path"])]
        (n,) = g.notices()
        assert {r["id"] for r in g.q("notice_tasks", notice_key=n["key"])} == {t["id"] for t in draft["tasks"]}


def test_a_changed_file_at_the_same_path_is_an_update(tmp_path, reads):
    text = (COPIES / "08_lamdong-cv-cai-nghien.txt").read_text(encoding="utf-8")
    v1 = extract_text(text, path="cv.txt")
    v2 = extract_text(text.replace("trước ngày 05/11/2025", "trước ngày 10/11/2025"), path="cv.txt")
    assert v1["source"]["fingerprint"] != v2["source"]["fingerprint"]
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        g.ingest([v1])
        rep = g.ingest([v2])
        assert (rep.updated, rep.new, rep.copies, rep.replaced) == (["cv.txt"], [], [], [])
        assert rep.lines() == ["Cập nhật: cv.txt: tệp đã đổi nội dung, thay bản đã nạp từ cùng đường dẫn"]
        (n,) = g.notices()
        assert n["sha256"] == v2["source"]["sha256"]
        # the same file at another path, once updated: a copy of the update, not of the old text
        assert [c.held for c in g.ingest([extract_text(text.replace("05/11", "10/11") + "\n\n", path="b.txt")]).copies] == ["cv.txt"]


def test_two_documents_under_one_number_keep_every_task_apart(tmp_path, reads):
    """A number given twice by one issuer (another date, a sentence changed): two notices, neither losing a task to
    the other's keys (they shared the document identity, so the shared sentences' task keys collided and the second
    file was refused); re-ingest changes nothing, and a new version of the second file keeps its identity."""
    text = (FIX / "notices" / "000_e9c322011b9ab118.txt").read_text(encoding="utf-8")
    first = extract_text(_issued(text, "112", "22"), path="a.txt")
    changed = _issued(text, "112", "29").replace("tiếp tục phát huy những kết quả", "phát huy những kết quả", 1)
    second = extract_text(changed, path="b.txt")
    assert first["notice"]["doc_id"] == second["notice"]["doc_id"]
    shared = {t["id"] for t in first["tasks"]} & {t["id"] for t in second["tasks"]}
    assert len(shared) == len(first["tasks"]) - 1  # every task but the changed one has the same id in both
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        assert g.ingest([first]).new == ["a.txt"]
        rep = g.ingest([second])
        assert (rep.new, rep.failed, rep.copies) == (["b.txt"], [], [])
        docs = {n["path"]: n["doc_id"] for n in g.notices()}
        assert docs == {"a.txt": first["notice"]["doc_id"],
                        "b.txt": first["notice"]["doc_id"] + "-" + second["source"]["sha256"][:8]}
        keys = [r["k"] for r in g.store.run("MATCH (t:Task) RETURN t.key AS k", {})]
        assert len(keys) == len(set(keys)) == len(first["tasks"]) + len(second["tasks"])
        assert g.ingest([first, second]).unchanged == ["a.txt", "b.txt"]
        v2 = extract_text(changed.replace("trên địa bàn xã Khuất Xá", "trên địa bàn xã Khuất Xá ", 1) + "\nx", path="b.txt")
        assert g.ingest([v2]).updated == ["b.txt"]
        assert {n["path"]: n["doc_id"] for n in g.notices()} == docs


def test_an_index_beside_the_documents_is_refused():
    with pytest.raises(InputError, match="không phải thông báo hay văn bản chỉ đạo"):
        extract_path(FIX / "nondocs" / "INDEX.md")


def test_fingerprint_stored_on_the_notice(tmp_path):
    rec = extract_path(COPIES / "08_lamdong-cv-cai-nghien.txt")
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        g.ingest([rec])
        assert [n["fingerprint"] for n in g.notices()] == [rec["source"]["fingerprint"]]
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:  # a later run checks against what the store holds
        assert g.ingest([extract_path(COPIES / "08_lamdong-cv-cai-nghien.docx")]).copies[0].by == "content"


# -- remove: exactly what was named --------------------------------------------------------------------


@pytest.fixture
def five(tmp_path):
    from conftest import NOTICE_PATHS

    g = KnowledgeGraph.open(tmp_path / "g.lbug")
    g.ingest([extract_path(p) for p in NOTICE_PATHS])
    yield g
    g.close()


def test_find_notices_matches_exactly(five):
    rows = {Path(r["path"]).stem: r for r in five.notices()}
    n1 = rows["001_3532e76df9f04fae"]
    for text in ("1", "", "   ", "00", "001", "3532e76df9f04fae", "notice:", n1["key"][:-1], "fixtures/notices"):
        assert five.find_notices(text) == [], text
    for text in (n1["key"], n1["key"].split(":")[1], n1["path"], str(Path(n1["path"]).resolve()),
                 "001_3532e76df9f04fae", "001_3532e76df9f04fae.txt", n1["doc_id"], n1["sha256"]):
        assert [r["key"] for r in five.find_notices(text)] == [n1["key"]], text
    numbered = next(r for r in five.notices() if r["number"])
    typed = numbered["number"].lower().replace("/", " /", 1)
    assert [r["key"] for r in five.find_notices(typed)] == [numbered["key"]]
    with pytest.raises(NotFound):
        five.notice("1")


def test_remove_takes_an_exact_key_and_saves_what_it_deletes(five, tmp_path):
    before = _dump(five)
    n1 = next(r for r in five.notices() if r["path"].endswith("001_3532e76df9f04fae.txt"))
    for wrong in ("1", "", "001_3532e76df9f04fae", n1["key"][:-1]):
        with pytest.raises(NotFound):
            five.remove(wrong)
    assert _dump(five) == before
    saved = five.remove(n1["key"])
    assert saved.file.parent == tmp_path / "g.lbug.removed" and saved.file.name.endswith(n1["key"][7:] + ".json")
    assert (saved.key, saved.path, saved.tasks) == (n1["key"], n1["path"], five_tasks(before, n1["key"]))
    assert n1["key"] not in {r["key"] for r in five.notices()}
    assert five.removed() == [saved]
    assert five.restore_removed() == saved
    assert _dump(five) == before
    assert five.removed() == [] and (saved.file.parent / "restored" / saved.file.name).is_file()
    with pytest.raises(NotFound):
        five.restore_removed()


def five_tasks(dump: dict, key: str) -> int:
    return sum(1 for r in dump["Task"] if json.loads(r)["notice"] == key)


def test_restore_removed_by_key_after_other_changes(five):
    keys = [r["key"] for r in five.notices()]
    a, b = five.remove(keys[0]), five.remove(keys[2])
    assert [s.key for s in five.removed()] == [keys[0], keys[2]]
    assert five.restore_removed(keys[0].split(":")[1]).key == keys[0]
    assert [s.key for s in five.removed()] == [keys[2]]
    five.restore_removed(b.path)
    assert {r["key"] for r in five.notices()} == set(keys)
    with pytest.raises(NotFound):
        five.restore_removed(a.key)


def test_a_notice_removed_from_a_format_4_store_is_restored_without_its_own_nodes_mentions(five):
    """Format 4 saved a removed notice with its tasks' and meeting's MENTIONED_IN edges; restored into a store of
    today's model they are left out (their provenance is in the notice's CONTAINS and RECORDS edges)."""
    before = _dump(five)
    saved = five.remove(five.notices()[0]["key"])
    entry = json.loads(saved.file.read_text(encoding="utf-8"))
    contains = next(e for e in entry["edges"] if e["type"] == "CONTAINS")
    entry["edges"].append({"type": "MENTIONED_IN", "from": "Task", "to": "Notice",
                           "rows": [{**r, "a": r["b"], "b": r["a"]} for r in contains["rows"]]})
    saved.file.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    assert five.restore_removed().key == saved.key
    assert _dump(five) == before


def test_restore_refuses_a_notice_held_again(five):
    from conftest import NOTICE_PATHS

    rec = extract_path(NOTICE_PATHS[0])
    saved = five.remove(notice_key(rec))
    five.ingest([rec])
    with pytest.raises(Exception, match="đã có lại trong đồ thị"):
        five.restore_removed()
    assert five.removed() == [saved]


def test_an_in_memory_graph_removes_without_saving():
    from conftest import NOTICE_PATHS
    from kg.store.ladybug_store import LadybugStore

    g = KnowledgeGraph(LadybugStore(":memory:"))
    rec = extract_path(NOTICE_PATHS[0])
    g.ingest([rec])
    assert g.remove(notice_key(rec)) is None and g.notices() == [] and g.removed() == []


# -- the commands ----------------------------------------------------------------------------------------


def test_kg_remove_names_exactly_asks_first_and_restore_removed_brings_it_back(tmp_path, runner):
    import shutil

    from conftest import NOTICE_PATHS
    from kg.cli import main

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    shutil.copy(NOTICE_PATHS[0], a / "tb.txt")
    shutil.copy(NOTICE_PATHS[2], b / "tb.txt")
    shutil.copy(NOTICE_PATHS[1], a / "001.txt")
    store = str(tmp_path / "g.lbug")
    r = runner.invoke(main, ["ingest", str(a), str(b), "--store", store])
    assert r.exit_code == 0 and r.output.endswith("Mới: 3, cập nhật: 0, không đổi: 0, lỗi: 0\n"), r.output

    def notices():
        with KnowledgeGraph.open(store) as g:
            return sorted(n["path"] for n in g.notices())

    everything = notices()
    for wrong, says in (("1", "không có thông báo nào có khóa, số hay đường dẫn đúng là '1', không xóa gì"),
                        ("", "không có thông báo nào có khóa, số hay đường dẫn đúng là '', không xóa gì"),
                        ("tb", "'tb' ứng với 2 thông báo, không xóa gì — hãy ghi rõ hơn")):
        r = runner.invoke(main, ["remove", wrong, "--store", store, "--yes"])
        assert (r.exit_code, r.stderr.splitlines()[-1]) == (1, "Lỗi: " + says), r.stderr
        assert notices() == everything
    listed = [ln for ln in r.stderr.splitlines() if ln.startswith("  - ")]
    assert len(listed) == 2 and listed[0].endswith(str(a / "tb.txt")) and listed[1].endswith(str(b / "tb.txt"))
    # no answer, or 'n': nothing removed
    for answer in ("", "n\n"):
        r = runner.invoke(main, ["remove", str(a / "tb.txt"), "--store", store], input=answer)
        assert r.exit_code == 1 and "chưa được đồng ý (thêm --yes để xóa không cần hỏi)" in r.stderr, r.stderr
        assert notices() == everything
    r = runner.invoke(main, ["remove", str(a / "tb.txt"), "--store", store], input="y\n")
    done = r.stdout.splitlines()[-1]
    assert r.exit_code == 0 and done.startswith(f"Đã xóa thông báo {a / 'tb.txt'} (số chưa có, 20 nhiệm vụ); "
                                                "khôi phục bằng: kg restore --removed notice:"), r.stdout
    assert notices() == sorted([str(a / "001.txt"), str(b / "tb.txt")])
    r = runner.invoke(main, ["restore", "--removed", "--list", "--store", store])
    assert r.exit_code == 0 and str(a / "tb.txt") in r.output and r.output.startswith("Xóa lúc"), r.output
    r = runner.invoke(main, ["restore", "--removed", "--store", store])
    assert r.exit_code == 0 and r.output.startswith(f"Đã khôi phục thông báo {a / 'tb.txt'} ("), r.output
    assert notices() == everything
    r = runner.invoke(main, ["restore", "--removed", "--store", store])
    assert (r.exit_code, r.stderr) == (1, "Lỗi: không có thông báo đã xóa nào để khôi phục\n")


def test_kg_ingest_reports_copies_and_replaced_drafts_one_line_each(tmp_path, runner):
    from kg.cli import main

    text = (COPIES / "08_lamdong-cv-cai-nghien.txt").read_text(encoding="utf-8")
    (tmp_path / "ban-hanh.txt").write_text(_issued(text, "5120", "30"), encoding="utf-8")
    store = str(tmp_path / "g.lbug")
    word, txt = COPIES / "08_lamdong-cv-cai-nghien.docx", COPIES / "08_lamdong-cv-cai-nghien.txt"
    r = runner.invoke(main, ["ingest", str(word), str(txt), "--store", store])
    assert r.exit_code == 0 and r.output.endswith("Mới: 1, cập nhật: 0, không đổi: 0, trùng: 1, lỗi: 0\n"), r.output
    assert f"Bỏ qua: {txt}: bản sao của {word} đã nạp (cùng nội dung, không kể số và ngày văn thư điền vào)\n" in r.stderr
    r = runner.invoke(main, ["ingest", str(tmp_path / "ban-hanh.txt"), "--store", store])
    assert r.exit_code == 0 and r.output.endswith("Mới: 0, cập nhật: 0, không đổi: 0, thay dự thảo: 1, lỗi: 0\n")
    assert (f"Thay dự thảo: {tmp_path / 'ban-hanh.txt'}: bản ban hành (số 5120/UBND-NC) của dự thảo {word} đã nạp, "
            "thay chỗ dự thảo và giữ 6 mã nhiệm vụ\n") in r.stderr, r.stderr


def test_a_store_from_before_fingerprints_learns_them_when_its_files_come_again(tmp_path, reads):
    word = extract_path(COPIES / "08_lamdong-cv-cai-nghien.docx")
    text = extract_path(COPIES / "08_lamdong-cv-cai-nghien.txt")
    old = {**word, "source": {k: v for k, v in word["source"].items() if k != "fingerprint"}}
    with KnowledgeGraph.open(tmp_path / "g.lbug") as g:
        g.ingest([old])
        assert [n["fingerprint"] for n in g.notices()] == [None]
        rep = g.ingest([word, text])  # the same Word file again (unchanged), then its text export
        assert rep.unchanged == [word["source"]["path"]] and [c.by for c in rep.copies] == ["content"]
        assert [n["fingerprint"] for n in g.notices()] == [word["source"]["fingerprint"]]


def test_restore_refuses_when_another_copy_was_ingested_since(five):
    word = extract_path(COPIES / "08_lamdong-cv-cai-nghien.docx")
    five.ingest([word])
    five.remove(notice_key(word))
    five.ingest([extract_path(COPIES / "08_lamdong-cv-cai-nghien.txt")])
    with pytest.raises(Exception, match="một bản khác của văn bản"):
        five.restore_removed()


def test_kg_restore_needs_a_backup_or_removed(tmp_path, runner):
    from kg.cli import main

    store = str(tmp_path / "g.lbug")
    r = runner.invoke(main, ["restore", "--store", store])
    assert (r.exit_code, r.stderr) == (1, "Lỗi: thiếu tệp sao lưu SRC (kg restore SRC), hoặc --removed để khôi phục "
                                          "thông báo đã xóa\n")
    r = runner.invoke(main, ["restore", "--list", "--store", store])
    assert (r.exit_code, r.stderr) == (1, "Lỗi: --list đi cùng --removed: kg restore --removed --list\n")
    r = runner.invoke(main, ["restore", "--removed", "--list", "--store", store])
    assert (r.exit_code, r.stdout) == (0, "(không có kết quả)\n")


def test_reading_each_files_notices_or_every_notice_makes_the_same_store(tmp_path, monkeypatch):
    """The write paths of ingest on a generated corpus (new, unchanged, updated, removed, restored: walk_writes),
    with the stored notices read for each file and read all at once: the same reports and the same store."""
    import kg.graph
    import sample_store

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "benchmarks"))  # (walk_writes' corpus)
    got = []
    for lookups in (10 ** 9, 0):
        monkeypatch.setattr(kg.graph, "LOOKUP_FILES", lookups)
        reports = []
        with KnowledgeGraph.open(tmp_path / f"g{lookups}.lbug") as g:
            orig = g.ingest

            def ingest(recs, **kw):
                rep = orig(recs, **kw)
                reports.append((rep.new, rep.updated, rep.unchanged, rep.copies, rep.replaced, rep.failed))
                return rep

            g.ingest = ingest
            sample_store.walk_writes(g, lambda _: None)
            got.append((reports, _dump(g)))
    assert got[0] == got[1] and len(got[0][0]) == 3 and len(got[0][0][1][2]) == 25  # 25 unchanged the second time
