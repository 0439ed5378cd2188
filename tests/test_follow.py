"""The follow-up loop (issue 12): marks and corrections in the journal, kept through every re-ingest.

On the sample notices: a task marked done and a corrected lead survive the ingest of the same files, of
an edited file (a paragraph inserted above), and of a re-extraction whose rules renumber the items; a mark
whose sentence was deleted is reported by the ingest and listed by review; an exported journal replayed
onto a store built from scratch gives every mark and correction back.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.follow import add_task, fix, mark_done, reopen, review
from kg.graph import KnowledgeGraph
from kg.journal import Entry, Journal
from loaders.extract import extract_path

from conftest import NOTICES_DIR

SAMPLE = "004_35c0fac5215235e0.txt"  # Số 97/TB-UBND of UBND xã Quan Sơn
DONE = "NV-c89b8b"  # 'Đẩy nhanh tiến độ hoàn thiện các thủ tục chuẩn bị đầu tư …' (Phòng Kinh tế, 2026-05)
FIXED = "NV-57b578"  # 'Đẩy mạnh các phong trào thi đua …' (Phòng Văn hóa – Xã hội)
GONE = "NV-31e4e2"  # 'Tổ chức kiểm tra bếp ăn bán trú …' (Trạm Y tế xã): its sentence will be deleted
INSERTED = "Rà soát, tổng hợp danh mục các công trình cần sửa chữa trước mùa mưa bão năm 2026."


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "notices"
    shutil.copytree(NOTICES_DIR, d)
    return d


def _records(folder: Path) -> list[dict]:
    return [extract_path(str(p)) for p in sorted(folder.glob("*.txt"))]


def _facts(kg: KnowledgeGraph, tid: str) -> dict:
    t = kg.task(tid)
    return {"done_on": t["done_on"], "done_by": t["done_by"], "done_note": t["done_note"], "deadline": t["deadline"],
            "deadline_by": t["deadline_by"],
            "assignees": sorted((a["name"], a["role"], a.get("by")) for a in t["assignees"])}


def _marked(kg: KnowledgeGraph) -> None:
    mark_done(kg, DONE, dt.date(2026, 5, 20), note="Đã có Báo cáo số 123/BC-PKT", by="Lan")
    fix(kg, FIXED, lead=["Phòng Kinh tế"], support=["Công an xã"], deadline="2026-06-10", by="Minh")
    mark_done(kg, GONE, dt.date(2026, 5, 2), by="Lan")


WANT_DONE = {"done_on": dt.date(2026, 5, 20), "done_by": "Lan", "done_note": "Đã có Báo cáo số 123/BC-PKT",
             "deadline": "2026-05", "deadline_by": None, "assignees": [("Phòng Kinh tế", "lead", None)]}
WANT_FIXED = {"done_on": None, "done_by": None, "done_note": None, "deadline": "2026-06-10", "deadline_by": "Minh",
              "assignees": [("Công an xã", "support", "Minh"), ("Phòng Kinh tế", "lead", "Minh")]}


def _check(kg: KnowledgeGraph) -> None:
    assert _facts(kg, DONE) == WANT_DONE
    assert _facts(kg, FIXED) == WANT_FIXED


def test_marks_and_corrections_survive_reingest_edit_and_renumbering(folder, tmp_path):
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest(_records(folder))
        _marked(kg)
        _check(kg)
        assert kg.task(FIXED)["assignees"][0]["by"] == "Minh" and "by" not in kg.task(DONE)["assignees"][0]
        # 1. the same files again: nothing changes
        rep = kg.ingest(_records(folder))
        assert len(rep.unchanged) == 5 and rep.orphans == []
        _check(kg)
        # 2. a paragraph inserted above the marked task: the file is updated, its facts extracted anew
        p = folder / SAMPLE
        text = p.read_text(encoding="utf-8")
        anchor = "Đẩy nhanh tiến độ hoàn thiện các thủ tục chuẩn bị đầu tư"
        p.write_text(text.replace(anchor, INSERTED + "\n\n" + anchor, 1), encoding="utf-8")
        rep = kg.ingest(_records(folder))
        assert rep.updated == [str(p)] and rep.orphans == []
        assert any(t["text"] == INSERTED for t in kg.q("notice_tasks", notice_key=kg.notice(str(p))["key"]))
        _check(kg)
        # 3. new extraction rules that renumber every item (II.2 -> B.2 …) and reorder them: written again
        recs = _records(folder)
        for r in recs:
            for i, t in enumerate(r["tasks"]):
                t["ref"] = "B." + (t.get("ref") or "").split(".", 1)[-1]
            r["tasks"].reverse()
        rep = kg.ingest(recs, reextract=True)
        assert len(rep.updated) == 5 and rep.orphans == []
        assert kg.task(DONE)["ref"] == "B.2"
        _check(kg)


def test_a_mark_whose_sentence_was_deleted_is_reported_kept_and_reviewed(folder, tmp_path, runner):
    store = str(tmp_path / "g.lbug")
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(_records(folder))
        _marked(kg)
    p = folder / SAMPLE
    text = p.read_text(encoding="utf-8")
    sentence = next(line for line in text.splitlines() if line.startswith("Tổ chức kiểm tra bếp ăn bán trú"))
    p.write_text(text.replace(sentence + "\n", ""), encoding="utf-8")
    r = runner.invoke(main, ["ingest", str(folder), "--store", store])
    assert r.exit_code == 0, r.output
    lines = [l for l in r.stderr.splitlines() if l.startswith("Cảnh báo:")]
    assert len(lines) == 1
    assert lines[0].startswith(f"Cảnh báo: {p}: không còn nhiệm vụ {GONE} (hoàn thành ngày 2026-05-02, Lan, ")
    assert lines[0].endswith("được giữ lại (xem kg review)")
    with KnowledgeGraph.open(store) as kg:
        _check(kg)  # the others are untouched
        (orphan,) = kg.journal.orphans()
        assert (orphan.action, orphan.target, orphan.author) == ("done", GONE, "Lan")
        assert len(kg.journal.entries()) == 5  # kept, never dropped
    r = runner.invoke(main, ["review", "--store", store])
    assert r.exit_code == 0, r.output
    assert "Mục nhật ký không còn nhiệm vụ (1, được giữ lại):" in r.output
    assert f"{GONE} — hoàn thành ngày 2026-05-02 (bởi Lan," in r.output


def test_journal_export_replayed_onto_a_fresh_store_rebuilds_everything(folder, tmp_path, runner):
    a, b = str(tmp_path / "a.lbug"), str(tmp_path / "b.lbug")
    with KnowledgeGraph.open(a) as kg:
        kg.ingest(_records(folder))
        _marked(kg)
        reopen(kg, GONE, note="Báo cáo chưa đạt", by="Hà")
        fix(kg, "NV-7676c4", not_a_task=True, by="Minh")
        added = add_task(kg, "97/TB-UBND", "Giao Trạm Y tế xã kiểm tra an toàn thực phẩm tại chợ xã.",
                         lead=["Trạm Y tế xã"], deadline="2026-06-15", by="Lan")
        before = {t: _facts(kg, t) for t in (DONE, FIXED, GONE, added.payload["id"])}
        n = len(kg.journal.entries())
    out = tmp_path / "corrections.jsonl"
    r = runner.invoke(main, ["journal", "export", str(out), "--store", a])
    assert r.exit_code == 0 and r.output == f"Đã ghi {n} mục nhật ký vào {out}\n"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"format": "chidao-kg journal 1", "entries": n} and len(lines) == n + 1
    assert {json.loads(l)["action"] for l in lines[1:]} == {"done", "fix-lead", "fix-support", "fix-deadline",
                                                          "reopen", "not-a-task", "add-task"}
    r = runner.invoke(main, ["ingest", str(folder), "--store", b])
    assert r.exit_code == 0
    r = runner.invoke(main, ["journal", "import", str(out), "--store", b])
    assert r.exit_code == 0, r.output
    assert r.output == f"Đã thêm {n} mục nhật ký, 0 mục đã có; áp dụng {n}, không còn nhiệm vụ: 0\n"
    r = runner.invoke(main, ["journal", "import", str(out), "--store", b])  # idempotent by entry id
    assert r.output == f"Đã thêm 0 mục nhật ký, {n} mục đã có; áp dụng 0, không còn nhiệm vụ: 0\n"
    with KnowledgeGraph.open(b) as kg:
        assert {t: _facts(kg, t) for t in before} == before
        assert not kg.q("find_tasks", task_id="NV-7676c4")
        assert kg.task(added.payload["id"])["added_by"] == "Lan"
        assert len(kg.journal.entries()) == n
    # and the journal is replayed when the notices come after it (an import into an empty store first)
    c = str(tmp_path / "c.lbug")
    runner.invoke(main, ["journal", "import", str(out), "--store", c])
    runner.invoke(main, ["ingest", str(folder), "--store", c])
    with KnowledgeGraph.open(c) as kg:
        assert {t: _facts(kg, t) for t in before} == before and not kg.q("find_tasks", task_id="NV-7676c4")


def test_added_task_and_not_a_task_survive_a_reingest(folder, tmp_path):
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest(_records(folder))
        fix(kg, "NV-7676c4", not_a_task=True, by="Minh")
        e = add_task(kg, "97/TB-UBND", "Giao Trạm Y tế xã kiểm tra an toàn thực phẩm tại chợ xã.",
                     lead=["Trạm Y tế xã"], by="Lan")
        tid = e.payload["id"]
        recs = _records(folder)
        kg.ingest(recs, reextract=True)
        assert not kg.q("find_tasks", task_id="NV-7676c4")
        t = kg.task(tid)
        assert t["assignees"] == [{"name": "Trạm Y tế xã", "role": "lead", "by": "Lan"}]
        assert t["text"] == "Giao Trạm Y tế xã kiểm tra an toàn thực phẩm tại chợ xã."
        # the added task is a workload row of its doer, like any other
        assert tid in {r["id"] for r in kg.workload("Trạm Y tế xã", scope="xã Quan Sơn")["tasks"]}
        assert kg.journal.orphans() == []


def test_status_categories_for_any_day(folder, tmp_path):
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest(_records(folder))

        def status(day: dt.date, tid: str = DONE) -> str:
            return {t["id"]: t["status"] for t in kg.workload("Phòng Kinh tế", as_of=day, scope="xã Quan Sơn")["tasks"]}[tid]

        # 'trong tháng 5/2026' counts as its last day, 31/5
        assert [status(dt.date(2026, 5, d)) for d in (1, 24, 31)] == ["open", "due_soon", "due_soon"]
        assert status(dt.date(2026, 6, 1)) == "overdue"
        mark_done(kg, DONE, dt.date(2026, 6, 3), by="Lan")
        assert status(dt.date(2026, 6, 2)) == "overdue"  # not done yet on that day
        assert status(dt.date(2026, 6, 30)) == "done_late"
        mark_done(kg, DONE, dt.date(2026, 5, 31), by="Lan")
        assert status(dt.date(2026, 6, 30)) == "done_on_time"
        assert status(dt.date(2026, 6, 30), "NV-510904") == "no_deadline"
        mark_done(kg, "NV-510904", dt.date(2026, 6, 1), by="Lan")
        assert status(dt.date(2026, 6, 30), "NV-510904") == "done"
        row = next(t for t in kg.workload("Phòng Kinh tế", as_of=dt.date(2026, 5, 28), scope="xã Quan Sơn", soon=3)["tasks"]
                   if t["id"] == "NV-c89b8b")
        assert (row["status"], row["days_left"]) == ("due_soon", 3)
        from kg.follow import summary

        s = summary(kg, dt.date(2026, 6, 30))
        pkt = next(r for r in s["rows"] if r["agency"] == "Phòng Kinh tế")
        assert (pkt["done_on_time"], pkt["done"], pkt["total"]) == (1, 1, 9)
        by_leader = summary(kg, dt.date(2026, 6, 30), by="leader")["rows"]
        assert sum(r["total"] for r in by_leader) == sum(1 for _ in kg.store.run("MATCH (t:Task) RETURN t.key AS k"))


def test_recurring_tasks_are_due_at_each_occurrence():
    from kg.status import task_status

    row = {"recurrence_rule": "monthly", "recurrence_on": "15", "notice_date": "2026-01-05", "deadline_end": None}
    day = dt.date(2026, 6, 20)
    assert task_status(row, day)["status"] == "overdue"  # 15/6 passed without a mark since 15/5
    assert task_status({**row, "done_on": dt.date(2026, 6, 14)}, day) == {
        **row, "done_on": dt.date(2026, 6, 14), "due": "2026-07-15", "status": "open", "days_left": 25}
    assert task_status({**row, "done_on": dt.date(2026, 6, 18)}, day)["status"] == "done_on_time"  # for 15/7
    assert task_status({**row, "notice_date": "2026-06-16"}, day)["status"] == "open"  # began after 15/6


def test_cli_done_fix_and_errors(folder, tmp_path, runner):
    store = str(tmp_path / "g.lbug")
    assert runner.invoke(main, ["ingest", str(folder), "--store", store]).exit_code == 0
    r = runner.invoke(main, ["done", DONE, "--on", "20/05/2026", "--note", "BC 1", "--by", "Lan", "--store", store])
    assert r.exit_code == 0 and r.output.startswith("Đã ghi nhật ký J-") and r.output.endswith(
        f": {DONE} — hoàn thành ngày 2026-05-20 (bởi Lan)\n")
    r = runner.invoke(main, ["fix", FIXED, "--deadline", "2026-13-01", "--store", store])
    assert r.exit_code == 1 and "Lỗi: hạn không hợp lệ: 2026-13-01" in r.stderr
    r = runner.invoke(main, ["fix", FIXED, "--store", store])
    assert r.exit_code == 1 and "không có gì để sửa" in r.stderr
    r = runner.invoke(main, ["done", "NV-000000", "--store", store])
    assert r.exit_code == 1 and "không tìm thấy nhiệm vụ 'NV-000000'" in r.stderr
    r = runner.invoke(main, ["fix", FIXED, "--lead", "Phòng Kinh tế", "--store", store])
    assert r.exit_code == 0 and r.output.endswith(f"{FIXED} — sửa chủ trì: Phòng Kinh tế (bởi {Entry.new('accept', 'x', None).author})\n")
    r = runner.invoke(main, ["deadlines", "--as-of", "2026-06-30", "--status", "done-on-time", "--store", store])
    assert r.exit_code == 0 and DONE in r.output and "hoàn thành đúng hạn" in r.output
    r = runner.invoke(main, ["status", "--as-of", "2026-06-30", "--json", "--store", store])
    row = next(x for x in json.loads(r.output)["rows"] if x["agency"] == "Phòng Kinh tế")
    assert row["done_on_time"] == 1 and row["total"] == 10  # the corrected lead is counted too


def test_review_lists_doubtful_first_and_accept_removes(folder, tmp_path):
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest(_records(folder))
        res = review(kg)
        first = res["tasks"][0]
        assert first["confidence"] == min(t["confidence"] for t in res["tasks"])
        assert first["doubts"] == ["không có người thực hiện"]
        inherited = [t for t in res["tasks"] if "người thực hiện suy ra từ đoạn dẫn" in t["doubts"]]
        assert inherited
        from kg.follow import accept

        accept(kg, inherited[0]["id"], by="Lan")
        again = review(kg)
        assert again["total"] == res["total"] - 1 and inherited[0]["id"] not in {t["id"] for t in again["tasks"]}
        fix(kg, inherited[1]["id"], lead=["UBND xã Khuất Xá"], by="Lan")  # a doer a person set is no doubt
        assert review(kg)["total"] == res["total"] - 2


def test_journal_file_errors(tmp_path):
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"format": "chidao-kg journal 1"}\n{"id": "J-1"}\n', encoding="utf-8")
    from kg.journal import JournalError

    with pytest.raises(JournalError, match=r"x.jsonl:2: không phải một mục nhật ký"):
        Journal.read(bad)
    e = Entry.new("fix-lead", "NV-1", "d", {"names": ["Sở Y tế"]}, author="  ")
    assert e.author and Entry.from_json(e.to_json()) == e


def test_import_status_matches_by_id_number_ref_and_text(folder, tmp_path, runner):
    store = str(tmp_path / "g.lbug")
    assert runner.invoke(main, ["ingest", str(folder), "--store", store]).exit_code == 0
    sheet = tmp_path / "theo-doi.csv"
    sheet.write_text(
        "Mã nhiệm vụ,Số văn bản,Mục,Nhiệm vụ,Ngày hoàn thành,Ghi chú\n"
        f"{DONE},,,,20/05/2026,Báo cáo 123\n"  # by id
        ",97/TB-UBND,II.8,Tổ chức kiểm tra bếp ăn bán trú tại các trường học,2026-05-25,\n"  # number + ref + text
        ",97/TB-UBND,,Đẩy mạnh các phong trào thi đua trên địa bàn xã,2026-05-26,\n"  # closest text: to confirm
        ",97/TB-UBND,,Xây cầu treo qua sông,2026-05-27,\n"  # nothing close
        "NV-ffffff,,,,2026-05-28,\n"  # unknown id
        f"{FIXED},,,,,\n",  # matched, not done
        encoding="utf-8")
    r = runner.invoke(main, ["import-status", str(sheet), "--by", "Văn phòng", "--store", store])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        f"Dòng 2: {DONE} (theo mã)",
        f"Dòng 3: {GONE} (theo số văn bản và mục)",
        f"Dòng 7: {FIXED} (theo mã): chưa hoàn thành",
        "Dòng 4: gần giống NV-57b578 (100%): Đẩy mạnh các phong trào thi đua trên địa bàn xã, công tác tuyên truyền các nhiệ…"
        " — chưa ghi, xác nhận bằng --yes",
        "Khớp: 3, gần giống: 1, không khớp: 2; đã ghi 2 dấu hoàn thành"]
    assert r.stderr.splitlines() == [
        "Không khớp: dòng 5: không tìm thấy nhiệm vụ có nội dung gần giống trong văn bản",
        "Không khớp: dòng 6: không tìm thấy nhiệm vụ 'NV-ffffff' trong đồ thị"]
    with KnowledgeGraph.open(store) as kg:
        assert (kg.task(DONE)["done_on"], kg.task(DONE)["done_by"], kg.task(DONE)["done_note"]) == (
            dt.date(2026, 5, 20), "Văn phòng", "Báo cáo 123")
        assert kg.task(GONE)["done_on"] == dt.date(2026, 5, 25) and kg.task(FIXED)["done_on"] is None
    r = runner.invoke(main, ["import-status", str(sheet), "--yes", "--store", store])
    assert r.stdout.splitlines()[-1] == "Khớp: 3, gần giống: 1, không khớp: 2; đã ghi 3 dấu hoàn thành"
    with KnowledgeGraph.open(store) as kg:
        assert kg.task(FIXED)["done_on"] == dt.date(2026, 5, 26)


def test_import_status_reads_xlsx(folder, tmp_path):
    from openpyxl import Workbook

    from kg.follow import match_sheet, read_sheet

    wb = Workbook()
    wb.active.append(["STT", "Mã NV", "Ngày hoàn thành", "Ghi chú"])
    wb.active.append([1, DONE, dt.datetime(2026, 5, 20), "xong"])
    wb.save(tmp_path / "t.xlsx")
    rows = read_sheet(str(tmp_path / "t.xlsx"))
    assert rows == [{"_line": 2, "id": DONE, "done_on": dt.datetime(2026, 5, 20), "note": "xong"}]
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest(_records(folder))
        res = match_sheet(kg, rows, by="Lan")
        assert [(e.action, e.target, e.payload, e.note) for e in res.entries] == [("done", DONE, {"on": "2026-05-20"}, "xong")]


def test_journal_as_gold_holds_only_confirmed_facts(folder, tmp_path, runner):
    store = str(tmp_path / "g.lbug")
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(_records(folder))
        fix(kg, FIXED, lead=["Phòng Kinh tế"], support=["Công an xã"], deadline="2026-06-10", by="Minh")
        from kg.follow import accept

        accept(kg, DONE, by="Lan")
        fix(kg, "NV-7676c4", not_a_task=True, by="Minh")
    out = tmp_path / "gold"
    r = runner.invoke(main, ["journal", "export", "--as-gold", str(out), "--store", store])
    assert r.exit_code == 0 and r.output == f"Đã ghi 1 tệp chú giải (chỉ các dữ kiện người đã xác nhận) vào {out}\n"
    (f,) = out.iterdir()
    assert f.name == "004_35c0fac5215235e0.gold.json"
    gold = json.loads(f.read_text(encoding="utf-8"))
    assert gold["source"] == SAMPLE and gold["human_confirmed_only"] is True
    assert gold["notice"] == {"number": "97/TB-UBND", "issuer": "UBND xã Quan Sơn", "date": "2026-04-27",
                              "signer": gold["notice"]["signer"]}
    assert gold["tasks"] == [
        {"ref": "II.2", "text_start": "Đẩy nhanh tiến độ hoàn thiện các thủ", "deadline": "2026-05",
         "assignees": [{"name": "Phòng Kinh tế", "role": "lead"}], "based_on": [], "report_to": []},
        {"ref": "II.3", "text_start": "Đẩy mạnh các phong trào thi đua trên", "deadline": "2026-06-10",
         "assignees": [{"name": "Phòng Kinh tế", "role": "lead"}, {"name": "Công an xã", "role": "support"}],
         "based_on": [], "report_to": []}]
    assert gold["not_tasks"] == ["NV-7676c4"]
    # the shared scorer reads it like any gold file
    from tests.scoring import score  # noqa: F401  (importable: the format is the guide's)


def test_later_documents_extend_a_deadline_and_report_completion(folder, tmp_path):
    """A công văn extends the deadlines of 97/TB-UBND to 30/6/2026 (the relation, and the changed deadline with its
    source); a báo cáo reports it done (proposed for a person to confirm, listed by review); a deadline a person set
    is never moved. Either order of ingest gives the same graph."""
    later = sorted((NOTICES_DIR.parent / "followups").glob("*.txt"))
    recs = _records(folder)
    with KnowledgeGraph.open(tmp_path / "a.lbug") as kg:
        kg.ingest(recs)
        fix(kg, "NV-f01cd9", deadline="2026-05-10", by="Minh")  # a person's deadline stays the person's
        kg.ingest([extract_path(str(p)) for p in later])
        t = kg.task(DONE)
        assert (t["deadline"], t["deadline_by"]) == ("2026-06-30", "150/UBND-VP")
        assert kg.task("NV-f01cd9")["deadline"] == "2026-05-10"
        assert kg.task("NV-510904")["deadline"] is None  # no deadline: nothing to extend
        rels = [(t, r["n"], r["d"]) for t in ("EXTENDS", "REPORTS_ON", "REPLACES", "REPEALS")
                for r in kg.store.run(f"MATCH (n:Notice)-[:{t}]->(d:Document) RETURN n.number AS n, d.number AS d")]
        assert rels == [("EXTENDS", "150/UBND-VP", "97/TB-UBND"), ("REPORTS_ON", "160/BC-UBND", "97/TB-UBND")]
        proposed = [r for r in review(kg)["tasks"] if "văn bản sau báo cáo đã hoàn thành: xác nhận bằng kg done" in r["doubts"]]
        assert DONE in {r["id"] for r in proposed} and kg.task(DONE)["done_on"] is None  # proposed, not marked
        a = {r["id"]: r["deadline"] for r in kg.q("deadlines", before=None, as_of="2026-06-01", soon="2026-06-08")}
    with KnowledgeGraph.open(tmp_path / "b.lbug") as kg:  # the later documents first
        kg.ingest([extract_path(str(p)) for p in later])
        kg.ingest(recs)
        fix(kg, "NV-f01cd9", deadline="2026-05-10", by="Minh")
        assert {r["id"]: r["deadline"] for r in kg.q("deadlines", before=None, as_of="2026-06-01",
                                                      soon="2026-06-08")} == a


def test_a_supporter_made_the_lead_is_no_longer_a_supporter(folder, tmp_path):
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest(_records(folder))
        fix(kg, FIXED, support=["Công an xã"], by="Minh")
        fix(kg, FIXED, lead=["Công an xã"], by="Minh")
        assert sorted((a["name"], a["role"]) for a in kg.task(FIXED)["assignees"]) == [("Công an xã", "lead")]
        kg.ingest(_records(folder), reextract=True)  # replayed in order: the same single role
        assert sorted((a["name"], a["role"]) for a in kg.task(FIXED)["assignees"]) == [("Công an xã", "lead")]


def test_an_added_task_gets_an_ordinal_no_other_task_of_its_notice_holds(folder, tmp_path):
    """(notice, ordinal) names one task (the paged questions fetch a page's tasks by it): a task added after another
    was marked not-a-task comes after the notice's last one, and the deadline pages still join up to the whole list."""
    with KnowledgeGraph.open(tmp_path / "g.lbug") as kg:
        kg.ingest(_records(folder))
        fix(kg, "NV-7676c4", not_a_task=True, by="Minh")
        added = add_task(kg, "97/TB-UBND", "Giao Trạm Y tế xã kiểm tra an toàn thực phẩm tại chợ xã.",
                         lead=["Trạm Y tế xã"], deadline="2026-06-15", by="Lan")
        rows = kg.store.run("MATCH (n:Notice)-[:CONTAINS]->(t:Task) RETURN n.key AS n, t.ordinal AS o, t.id AS id", {})
        pairs = [(r["n"], r["o"]) for r in rows]
        assert len(pairs) == len(set(pairs))
        mine = next(r for r in rows if r["id"] == added.payload["id"])
        assert mine["o"] == max(r["o"] for r in rows if r["n"] == mine["n"])
        whole = kg.deadlines(as_of=dt.date(2026, 6, 1))
        assert added.payload["id"] in {t["id"] for t in whole}
        paged = [t for off in range(0, whole.total, 3) for t in kg.deadlines(as_of=dt.date(2026, 6, 1), limit=3, offset=off)]
        assert paged == list(whole)
