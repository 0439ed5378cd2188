"""The web app's listings at scale (issue 11): the notices list, a leader's signed notices and the deadlines with an
agency, commune or province filter are filtered, sorted and paged by the store; each page is the slice of the whole
list the app used to build in Python (every notice read, folded and sorted on each request), which these tests
keep as the reference, on the sample notices and on a generated store."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import sample_store
from kg import web
from kg.graph import KnowledgeGraph, order_by
from loaders.normalize import fold

pytest.importorskip("ladybug")
pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Path:
    return sample_store.build(tmp_path_factory.mktemp("lists") / "g.lbug")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import make_corpus

    path = tmp_path_factory.mktemp("lists-gen") / "g.lbug"
    with KnowledgeGraph.open(path) as kg:
        kg.ingest(make_corpus(80, seed=5))
    return path


@pytest.fixture(scope="module", params=["samples", "generated"])
def store(request) -> Path:
    return request.getfixturevalue(request.param)


def reference_notices(kg, text: str, sort: str, desc: bool) -> list[dict]:
    """The notices list as kg.web built it before the store paged it: every notice, filtered and sorted here."""
    rows = kg.q("view_notices")
    if text:
        f = fold(text)
        rows = [r for r in rows if f in fold(" ".join(str(r.get(k) or "") for k in ("number", "title", "issuer",
                                                                                     "path")))]
    rows = order_by(rows, sort)
    if desc:
        rows = list(reversed([r for r in rows if r.get(sort) is not None])) + [r for r in rows if r.get(sort) is None]
    return rows


def test_the_notices_list_is_the_old_list_and_its_pages_slices(store):
    with KnowledgeGraph.open(store, read_only=True) as kg:
        held = kg.q("view_notices")
        words = ["", "ubnd", "KẾ HOẠCH", held[0]["number"] or "x", "không có thông báo nào như thế"]
        seen_orders = set()
        for text in words:
            for sort in KnowledgeGraph.NOTICE_SORTS:
                for desc in (True, False):
                    want = reference_notices(kg, text, sort, desc)
                    whole = kg.list_notices(text, sort, desc)
                    assert whole == want and whole.total == len(want), (text, sort, desc)
                    seen_orders.add(tuple(r["key"] for r in want))
                    got = []
                    for offset in range(0, len(want) + 7, 7):  # pages of 7 join up to the whole list
                        page = kg.list_notices(text, sort, desc, limit=7, offset=offset)
                        assert page.total == len(want) and page == want[offset:offset + 7], (text, sort, offset)
                        got += page
                    assert got == want
                    valued = sum(r[sort] is not None for r in want)  # pages of 1 and 3 around where the empty begin
                    for offset in {0, max(0, valued - 2), valued, max(0, len(want) - 1), len(want)}:
                        for size in (1, 3):
                            page = kg.list_notices(text, sort, desc, limit=size, offset=offset)
                            assert page == want[offset:offset + size], (text, sort, desc, offset, size)
        assert len(held) in (5, 80) and len(seen_orders) > 10  # the sorts and filters do differ


def test_a_bad_sort_is_refused(samples):
    with KnowledgeGraph.open(samples, read_only=True) as kg, pytest.raises(ValueError, match="không sắp xếp được"):
        kg.list_notices(sort="path")


def test_the_notices_page_shows_a_slice_and_the_total(samples, monkeypatch):
    monkeypatch.setattr(web, "PAGE_ROWS", 2)
    client = TestClient(web.create_app(samples))
    with KnowledgeGraph.open(samples, read_only=True) as kg:
        want = [r["key"] for r in reference_notices(kg, "", "title", False)]
        quan_son = reference_notices(kg, "Quan Sơn", "date", True)
    got = []
    for n in (1, 2, 3):
        page = client.get(f"/notices?sort=title&page={n}&format=json").json()
        assert page["total"] == 5 and page["pager"]["page"] == n
        got += [r["key"] for r in page["notices"]]
    assert got == want
    html = client.get("/notices?q=quan son").text  # folded, without the diacritics typed
    assert html.count('<tr><td><a href="/notice/') == len(quan_son) == 2 and "97/TB-UBND" in html
    assert "<p>2 thông báo.</p>" in html


def test_a_leaders_signed_notices_are_those_whose_signer_holds_the_name(store):
    with KnowledgeGraph.open(store, read_only=True) as kg:
        notices = kg.q("view_notices")
        signers = {r["key"]: kg.q("notice_info", notice_key=r["key"])[0]["signer"] for r in notices}
        people = kg.store.run("MATCH (p:Person) RETURN p.name AS name ORDER BY name", {})
        checked = 0
        for p in people:
            want = [r for r in notices if fold(p["name"]) in fold(str(signers[r["key"]]))]
            assert kg.q("signed_notices", name_key=fold(p["name"])) == want, p["name"]
            checked += bool(want)
        assert checked >= 2


def reference_deadlines(kg, agency=None, commune=None, province=None, statuses=("overdue", "due_soon")) -> list[dict]:
    """The deadlines with a filter as kg.web built them before: the whole list read, then filtered here (the
    commune by the lead's name or the sentence's text)."""
    rows = list(kg.deadlines(as_of=AS_OF, statuses=list(statuses)))
    for key, text in (("agency", agency), ("commune", commune)):
        if text:
            f = fold(text)
            rows = [r for r in rows if any(f in fold(x) for x in r["leads"]) or (key == "commune" and f in fold(r["text"] or ""))]
    if province:
        f = fold(province).replace(" ", "-")
        keep = {r["key"] for r in kg.q("view_notices") if f in (r.get("scope") or "")}
        rows = [r for r in rows if r["notice"] in keep]
    return rows


ALL = ("overdue", "due_soon", "open", "done_on_time", "done_late", "recurring")


def test_filtered_deadlines_are_the_old_list_and_their_pages_slices(store):
    with KnowledgeGraph.open(store, read_only=True) as kg:
        names = [r["name"] for r in kg.q("org_names")]
        provinces = sorted({(r["scope"] or "").removeprefix("tinh-").replace("-", " ") for r in kg.q("view_notices")})
        asked = [{"agency": "Sở"}, {"agency": "ubnd tinh"}, {"agency": names[len(names) // 2]}, {"agency": "không có"},
                 {"province": "Lạng Sơn"}, {"province": provinces[-1]}, {"agency": "Sở", "province": provinces[-1]}]
        sizes = []
        for filters in asked:
            for statuses in (("overdue", "due_soon"), ALL):
                want = reference_deadlines(kg, statuses=statuses, **filters)
                whole = kg.deadlines_of(**filters, as_of=AS_OF, statuses=list(statuses))
                assert [r["task"] for r in whole] == [r["task"] for r in want] and whole == want, filters
                sizes.append(len(want))
                got = []
                for offset in range(0, len(want) + 4, 4):
                    page = kg.deadlines_of(**filters, as_of=AS_OF, statuses=list(statuses), limit=4, offset=offset)
                    assert page.total == len(want) and page == want[offset:offset + 4]
                    got += page
                assert got == want
                dated = sum(r["recurrence_rule"] is None for r in want)  # around where the recurring ones begin
                for offset in {0, max(0, dated - 1), dated, len(want)}:
                    page = kg.deadlines_of(**filters, as_of=AS_OF, statuses=list(statuses), limit=1, offset=offset)
                    assert page == want[offset:offset + 1]
        assert max(sizes) >= 10 and 0 in sizes
        with pytest.raises(ValueError):
            kg.deadlines_of(as_of=AS_OF)


def test_the_commune_filter_keeps_the_units_the_sentences_name(samples):
    """On the samples the communes a sentence names are read as units (CONCERNS): for a commune's name the filter
    keeps what the text match kept (words that are no commune's name, 'các xã', are no longer looked for in the
    sentences: only in the leads' names)."""
    with KnowledgeGraph.open(samples, read_only=True) as kg:
        for commune in ("Chi Lăng", "quan son", "Khuất Xá", "Nhân Lý", "xuân dương", "Vạn Linh"):
            for statuses in (("overdue", "due_soon"), ALL):
                want = reference_deadlines(kg, commune=commune, statuses=statuses)
                assert kg.deadlines_of(commune=commune, as_of=AS_OF, statuses=list(statuses)) == want, commune
        assert [len(kg.deadlines_of(commune=c, as_of=AS_OF, statuses=list(ALL))) for c in ("Khuất Xá", "Xuân Dương",
                                                                                          "Chi Lăng")] == [1, 1, 0]
        assert len(kg.deadlines_of(commune="các xã", as_of=AS_OF, statuses=list(ALL))) == 4  # the text kept 7


def test_a_documents_citations_are_the_old_rows_paged(store, monkeypatch):
    """The document page lists the first PAGE_ROWS citing notices (document_cited_by) and how many there are: the
    rows document_info gave for every citing notice, cut."""
    monkeypatch.setattr(web, "PAGE_ROWS", 2)
    client = TestClient(web.create_app(store))
    with KnowledgeGraph.open(store, read_only=True) as kg:
        docs = kg.store.run("MATCH (n:Notice)-[:CITES]->(d:Document) RETURN d.key AS key, d.number AS number, "
                            "count(*) AS n ORDER BY n DESC, key LIMIT 3", {})
        for d in docs:
            old = [{k: r[k] for k in ("notice", "path", "notice_title")} for r in kg.q("document_info", doc_key=d["key"])
                   if r["notice"]]
            assert kg.q("document_cited_count", doc_key=d["key"]) == [{"n": len(old)}]
            got = []
            for offset in range(0, len(old) + 2, 2):
                got += kg.q("document_cited_by", doc_key=d["key"], offset=offset, limit=2)
            assert got == old
            page = client.get(f"/document/{d['number']}?format=json").json()
            mine = [x for x in page["documents"] if x["document"]["number"] == d["number"]]
            assert any(x["cited_total"] == len(old) and x["cited_by"] == old[:2] for x in mine), d
