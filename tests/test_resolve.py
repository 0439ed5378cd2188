"""Entity resolution: pairs of real mentions that must merge and pairs that must not (table-driven)."""

from __future__ import annotations

import pytest

from kg.model import build_graph, org_label
from kg.resolve import (Scope, agency_key, doc_matches, document_key, parse_doc_query, person_key, resolve_agency,
                        scope_of)
from loaders.extract import extract_path

LS = Scope("tỉnh Lạng Sơn")
LC = Scope("tỉnh Lào Cai")
QS = Scope(None, "xã Quan Sơn")
KX = Scope(None, "xã Khuất Xá")

MERGE = [
    ("Sở Nông nghiệp và Môi trường", LS, "Sở NN&MT", LS),
    ("Sở Nông nghiệp và Môi trường", LS, "Sở nông nghiệp và môi trường", LS),
    ("Văn phòng UBND tỉnh", LS, "Văn phòng UBND tỉnh Lạng Sơn", LS),
    ("Văn phòng UBND tỉnh", LS, "Văn phòng Ủy ban nhân dân tỉnh", LS),
    ("Trung tâm Phát triển quỹ đất tỉnh", LS, "Trung tâm Phát triển quỹ đất", LS),
    ("Sở Văn hóa, Thể thao và Du lịch", LS, "Sở VH,TT&DL", LS),
    ("Phòng Kinh tế", QS, "Phòng Kinh tế", QS),
    ("Bộ Y tế", LS, "Bộ Y tế", LC),  # a ministry is one everywhere
    ("Chính phủ", LS, "Chính phủ", QS),
]
APART = [
    ("Phòng Kinh tế", QS, "Phòng Kinh tế", KX),  # each commune has its own
    ("Công an xã", QS, "Công an xã", KX),
    ("Sở Y tế", LS, "Sở Y tế", LC),  # each province has its own
    ("Sở Nông nghiệp và Môi trường", LS, "Sở Nông nghiệp và Phát triển nông thôn", LS),  # successor, not alias
    ("Thuế tỉnh", LS, "Cục Thuế", LS),
    ("UBND xã Khuất Xá", LS, "UBND xã Quan Sơn", LS),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", LS, "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", LC),
]


@pytest.mark.parametrize("a,sa,b,sb", MERGE, ids=[f"{m[0]}~{m[2]}" for m in MERGE])
def test_must_merge(a, sa, b, sb):
    assert agency_key(a, sa) == agency_key(b, sb)


@pytest.mark.parametrize("a,sa,b,sb", APART, ids=[f"{m[0]}!{m[2]}" for m in APART])
def test_must_not_merge(a, sa, b, sb):
    assert agency_key(a, sa) != agency_key(b, sb)


def test_commune_unit_without_commune_is_ambiguous():
    assert resolve_agency("Phòng Kinh tế", LS)[1] is True
    assert resolve_agency("Phòng Kinh tế", QS)[1] is False
    assert resolve_agency("Sở Y tế", LS)[1] is False


@pytest.mark.parametrize("a,b,same", [
    (("02/2026/NQ-HĐND", LS), ("02/2026/nq-hdnd", LS), True),
    (("02/2026/NQ-HĐND", LS), ("02/2026/NQ-HĐND", LC), False),  # every province's council numbers from 01
    (("185/2026/NĐ-CP", LS), ("185/2026/NĐ-CP", LC), True),  # a decree is national
    (("68-NQ/TW", LS), ("68-NQ/TW", QS), True),
    (("141/KH-UBND", LS), ("141/KH-UBND", LS), True),
])
def test_document_keys(a, b, same):
    assert (document_key(*a) == document_key(*b)) is same


def test_short_document_number_keeps_its_type():
    assert document_key("06", QS, None, "Đề án") != document_key("06", QS, None, "Chương trình")


@pytest.mark.parametrize("q,number,typ,hit", [
    ("Nghị quyết 02/2026", "02/2026/NQ-HĐND", "Nghị quyết", True),
    ("nghi quyet 02/2026/NQ-HDND", "02/2026/NQ-HĐND", "Nghị quyết", True),
    ("NQ 02", "02/2026/NQ-HĐND", "Nghị quyết", True),
    ("Nghị quyết 02/2026", "02/CT-UBND", "Chỉ thị", False),
    ("141/KH-UBND", "141/KH-UBND", "Kế hoạch", True),
    ("14", "141/KH-UBND", "Kế hoạch", False),
    ("226-KL/TW", "226-KL/TW", "Kết luận", True),
])
def test_doc_queries(q, number, typ, hit):
    assert doc_matches(parse_doc_query(q), number, typ) is hit


def test_people_are_scoped_by_province():
    assert person_key("Trần Thanh Nhân", LS) == person_key("Trần Thanh Nhân", LS)
    assert person_key("Trần Thanh Nhân", LS) != person_key("Trần Thanh Nhân", LC)


@pytest.mark.parametrize("name,label", [
    ("Sở Y tế", "Agency"), ("UBND xã Khuất Xá", "Committee"), ("UBND các xã, phường", "AgencyGroup"),
    ("Thủ trưởng các sở, ban, ngành", "AgencyGroup"), ("các cơ quan liên quan", "AgencyGroup"), ("Công an xã", "Agency"),
])
def test_org_labels(name, label):
    assert org_label(name) == label


def test_scope_of_records():
    assert scope_of({"notice": {"issuer": "UBND tỉnh Lạng Sơn"}}) == LS
    assert scope_of({"notice": {"issuer": "Văn phòng UBND tỉnh Lào Cai"}}) == LC
    assert scope_of({"notice": {"issuer": "UBND xã Quan Sơn"}}) == QS


def test_graph_merges_across_the_sample_notices(notice_paths):
    g = build_graph([extract_path(p) for p in notice_paths])
    # the same agency named in three notices is one node, mentioned in each
    so_tc = [k for k, d in g.nodes(data=True) if d.get("name") == "Sở Tài chính"]
    assert len(so_tc) == 1
    notices = {b for _, b, d in g.out_edges(so_tc[0], data=True) if d["type"] == "MENTIONED_IN"}
    assert len(notices) >= 3
    # 2688/QĐ-UBND cited by 000 and 001 is one document
    docs = [k for k, d in g.nodes(data=True) if d.get("label") == "Document" and d.get("number") == "2688/QĐ-UBND"]
    assert len(docs) == 1
    # every edge carries provenance: its notice (which holds the file and its sha256) and span
    sources = {k: (d["path"], d["sha256"]) for k, d in g.nodes(data=True) if d.get("label") == "Notice"}
    assert len(sources) == len(notice_paths) and all(p and len(h) == 64 for p, h in sources.values())
    assert all(d["notice"] in sources and "span_start" in d and "sha256" not in d for *_, d in g.edges(data=True))
