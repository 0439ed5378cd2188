"""A task id several documents share (six hex digits: at 100,000 notices about one task in seven shares its id with a task
of another document): ``NV-…@<document>`` names one of them in the library, on the command line (show, done) and in the
web app, and an ambiguous id lists those forms instead of leaving the user without a way to name the task."""

from __future__ import annotations

import copy
import json
import re

import pytest

pytest.importorskip("ladybug")

from kg.cli import main
from kg.graph import Ambiguous, KnowledgeGraph, NotFound


def _twin(rec: dict) -> dict:
    """Another document whose tasks carry the same ids: another number, file, identity and wording."""
    b = copy.deepcopy(rec)
    b["source"].update(path="/kho/2026/205-TB-UBND.docx", sha256="b" * 64, fingerprint="c" * 32)
    b["notice"].update(number="205/TB-UBND", doc_id=rec["notice"]["doc_id"] + "-b")
    for t in b["tasks"]:
        t["text"] = t["text"] + " (văn bản thứ hai)"
    return b


@pytest.fixture(scope="module")
def twins(records, tmp_path_factory):
    a = next(r for r in records if r["notice"].get("number") and r["tasks"])
    b = _twin(a)
    path = tmp_path_factory.mktemp("refs") / "g.lbug"
    with KnowledgeGraph.open(path) as kg:
        rep = kg.ingest([a, b])
        assert len(rep.new) == 2 and not rep.copies
    return path, a, b


def test_a_shared_id_is_named_by_its_document(twins):
    path, a, b = twins
    tid = a["tasks"][0]["id"]
    assert b["tasks"][0]["id"] == tid
    with KnowledgeGraph.open(path, read_only=True) as kg:
        with pytest.raises(Ambiguous) as e:
            kg.task(tid)
        ids = [c["unique_id"] for c in e.value.candidates]
        assert ids == sorted([f"{tid}@{a['notice']['doc_id']}", f"{tid}@{b['notice']['doc_id']}"], key=lambda u: (
            next(c["key"] for c in e.value.candidates if c["unique_id"] == u)))
        assert f"ví dụ {ids[0]}" in str(e.value)
        for rec in (a, b):
            doc = rec["notice"]["doc_id"]
            name = rec["source"]["path"].rsplit("/", 1)[-1]
            for ref in (f"{tid}@{doc}", f"{tid.lower()} @ {rec['notice']['number'].lower()}", f"{tid}@{name}",
                        f"{tid}@{name.rsplit('.', 1)[0]}", f"{tid[3:]}@{rec['source']['path']}"):
                t = kg.task(ref)
                assert (t["doc_id"], t["unique_id"], t["text"]) == (doc, f"{tid}@{doc}", rec["tasks"][0]["text"]), ref
            assert kg.task(f"task:{doc}/{tid}")["doc_id"] == doc  # the node key, as the candidates once gave
        with pytest.raises(NotFound, match="ở văn bản '999/TB-UBND'"):
            kg.task(f"{tid}@999/TB-UBND")
        with pytest.raises(NotFound):
            kg.task("task:nowhere/NV-000000")


def test_cli_lists_the_forms_and_marks_the_one_named(twins, runner, tmp_path):
    import shutil

    src, a, b = twins
    path = tmp_path / "g.lbug"
    shutil.copy(src, path)
    tid = a["tasks"][0]["id"]
    r = runner.invoke(main, ["show", "task", tid, "--store", str(path)])
    assert r.exit_code == 1
    listed = re.findall(r"^  - (\S+) \| (\S+) \| ", r.stderr, re.M)
    assert listed == [(f"{tid}@{a['notice']['doc_id']}", a["notice"]["number"]),
                      (f"{tid}@{b['notice']['doc_id']}", b["notice"]["number"])] or listed == [
        (f"{tid}@{b['notice']['doc_id']}", b["notice"]["number"]), (f"{tid}@{a['notice']['doc_id']}", a["notice"]["number"])]
    assert "hãy ghi rõ hơn" in r.stderr
    r = runner.invoke(main, ["show", "task", f"{tid}@205/TB-UBND", "--json", "--store", str(path)])
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["doc_id"] == b["notice"]["doc_id"]
    r = runner.invoke(main, ["done", f"{tid}@205/TB-UBND", "--on", "2026-06-08", "--store", str(path)])
    assert r.exit_code == 0, r.stderr
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert str(kg.task(f"{tid}@205/TB-UBND")["done_on"]) == "2026-06-08"
        assert kg.task(f"{tid}@{a['notice']['number']}")["done_on"] is None


def test_web_links_each_candidate_and_writes_the_one_named(twins, tmp_path):
    pytest.importorskip("starlette")
    import shutil

    from starlette.testclient import TestClient

    from kg import web

    src, a, b = twins
    path = tmp_path / "g.lbug"
    shutil.copy(src, path)
    tid = a["tasks"][0]["id"]
    c = TestClient(web.create_app(path, writable=True))
    r = c.get(f"/task/{tid}")
    assert r.status_code == 409
    hrefs = re.findall(r'<a href="(/task/[^"?]+)">', r.text)
    assert sorted(hrefs) == sorted(f"/task/{tid}@{rec['notice']['doc_id']}" for rec in (a, b))
    page = c.get(f"/task/{tid}@{b['notice']['doc_id']}")
    assert page.status_code == 200 and "(văn bản thứ hai)" in page.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    action = re.search(r'id="form-done" method="post" action="([^"]+)"', page.text).group(1)
    assert action == f"/task/{tid}%40{b['notice']['doc_id']}/done"
    r = c.post(action, data={"csrf": csrf, "on": "08/06/2026", "author": "Lan"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/task/{tid}@{b['notice']['doc_id']}"
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert kg.task(f"{tid}@{b['notice']['doc_id']}")["done_by"] == "Lan"
        assert kg.task(f"{tid}@{a['notice']['doc_id']}")["done_by"] is None
