"""The RDF export (kg/rdf.py), its validation (kg/validate.py), the SPARQL recipes (kg/sparql.py), DCAT (kg/dcat.py),
the generated vocabulary (kg/vocab.py) and their commands: on the five sample notices, and on broken data."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import unicodedata

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import ontology
from kg import rdf, sparql
from kg.rdf import XSD
from kg.graph import KnowledgeGraph
from kg.model import RDF_NODES, RDF_RELS, SCHEMA
from kg.vocab import CDC, CDO, DCTERMS, ELI, OA, PROV


BASE = "https://data.langson.gov.vn/chidao/"


@pytest.fixture(scope="module")
def kg(records):
    g = KnowledgeGraph.open(":memory:")
    g.ingest(records)
    yield g
    g.close()


@pytest.fixture(scope="module")
def files(kg, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("rdf")
    paths = {}
    for fmt in ("ttl", "nt", "jsonld", "trig"):
        p = out / f"sample.{fmt}"
        with open(p, "w", encoding="utf-8") as f:
            rdf.write(rdf.triples(kg, BASE), f, fmt, BASE)
        paths[fmt] = p
    return paths


@pytest.fixture(scope="module")
def graph(files) -> Graph:
    return Graph().parse(source=str(files["ttl"]), format="turtle")


# ---------------------------------------------------------------------------------------------------
# the export of the five sample notices
# ---------------------------------------------------------------------------------------------------


def test_formats_round_trip_as_one_graph(files, graph):
    nt = Graph().parse(source=str(files["nt"]), format="nt")
    ld = Graph().parse(source=str(files["jsonld"]), format="json-ld")
    trig = Graph()
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(source=str(files["trig"]), format="trig")
    for s, p, o, _ in ds.quads((None, None, None, None)):
        trig.add((s, p, o))
    assert len(graph) > 15000
    assert isomorphic(graph, nt) and isomorphic(graph, ld) and isomorphic(graph, trig)
    # and back out through rdflib's own writers
    again = Graph().parse(data=nt.serialize(format="json-ld"), format="json-ld")
    assert isomorphic(again, graph)
    assert not [t for t in graph if any(type(x).__name__ == "BNode" for x in t)], "no blank nodes: every IRI is stable"


def test_loads_in_a_second_rdf_library(files, graph):
    ox = pytest.importorskip("pyoxigraph", reason="pyoxigraph (the 'rdf' extra) is not installed")
    for fmt, f in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES), ("jsonld", ox.RdfFormat.JSON_LD)):
        store = ox.Store()
        store.load(path=str(files[fmt]), format=f)
        assert len(store) == len(graph), fmt


def test_conforms_to_the_shapes(graph):
    pytest.importorskip("pyshacl")
    from kg.validate import validate_graph

    report = validate_graph(graph)
    assert report.conforms, "\n".join(report.lines()[:20])
    assert all(r["severity"] != "Violation" for r in report.results)


def test_every_label_and_relation_of_the_model_is_exported(graph):
    types = set(graph.objects(None, RDF.type))
    preds = set(graph.predicates())
    for label in SCHEMA["nodes"]:
        if label == "JournalEntry":
            continue  # no one marked anything yet: test_a_journal_entry_is_exported_as_an_activity
        assert CDO[label] in types, label
    for rtype in SCHEMA["rels"]:
        if rtype in ("SUCCEEDED_BY", "MISSPELLING_OF", "RESPONSIBLE_FOR_EXECUTING", "REFERS_TO", "EXTENDS", "REPLACES",
                     "REPEALS", "REPORTS_ON"):
            continue  # the five samples have none of these
        assert CDO[ontology.term(rtype)] in preds, rtype


def test_the_rdf_metadata_names_only_model_kinds_and_known_terms():
    assert set(RDF_NODES) <= set(SCHEMA["nodes"]) and set(RDF_RELS) <= set(SCHEMA["rels"])
    for label, meta in RDF_NODES.items():
        for t in meta["types"]:
            rdf.vterm(t)
        for p, specs in meta["props"].items():
            assert p in SCHEMA["nodes"][label], (label, p)
            for spec in specs:
                rdf.vterm(spec.partition("^")[0])
    for rtype, meta in RDF_RELS.items():
        for t in meta["props"]:
            rdf.vterm(t)


def test_aligned_vocabularies(graph):
    iri = URIRef(BASE + "document/02%2F2026%2FNQ-HDND@tinh-lang-son")
    assert (iri, RDF.type, ELI.LegalResource) in graph
    assert (iri, ELI.id_local, Literal("02/2026/NQ-HĐND")) in graph
    assert (iri, URIRef("http://purl.org/dc/terms/type"), CDC["doctype-nghi-quyet"]) in graph
    assert (None, ELI.cites, iri) in graph
    # a task: a prov:Activity, its assignments qualified associations with a SKOS role
    assoc = list(graph.subjects(RDF.type, PROV.Association))
    assert len(assoc) > 50
    a = assoc[0]
    task = graph.value(a, CDO.subject)
    assert (task, PROV.qualifiedAssociation, a) in graph and (task, RDF.type, PROV.Activity) in graph
    assert graph.value(a, PROV.hadRole) in (CDC["role-lead"], CDC["role-support"])
    assert (task, PROV.wasAssociatedWith, graph.value(a, PROV.agent)) in graph
    # provenance: the notice, and the characters of its text as a Web Annotation selector
    assert graph.value(a, PROV.wasDerivedFrom) is not None
    span = graph.value(a, CDO.evidence)
    assert (span, RDF.type, OA.TextPositionSelector) in graph
    assert graph.value(span, OA.start).toPython() < graph.value(span, OA.end).toPython()


def test_deadlines_are_typed(graph):
    q = [t for t in graph.subjects(CDO.deadline, Literal("2024-Q3"))]
    assert q, "the samples have a quarter deadline"
    t = q[0]
    assert graph.value(t, CDO.deadlineStart) == Literal("2024-07-01", datatype=XSD.date)
    assert graph.value(t, CDO.deadlineEnd) == Literal("2024-09-30", datatype=XSD.date)
    assert graph.value(t, CDO.deadlineText) is not None
    (m,) = list(graph.subjects(CDO.deadline, Literal("2026-05")))[:1]
    assert graph.value(m, CDO.deadlineMonth) == Literal("2026-05", datatype=XSD.gYearMonth)
    (d,) = list(graph.subjects(CDO.deadline, Literal("2026-06-05")))[:1]
    assert graph.value(d, CDO.deadlineDate) == Literal("2026-06-05", datatype=XSD.date)
    assert list(graph.subjects(CDO.recurrenceRule, None)), "recurrence kept"


def test_every_ontology_term_used_is_declared(graph):
    onto = Graph().parse(source=str(ontology.path("chidao.ttl")), format="turtle")
    declared = set(onto.subjects())
    used = {t for tr in graph for t in tr if isinstance(t, URIRef) and not str(t).startswith(BASE)}
    used -= {RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#label")}
    assert used - declared == set()


# ---------------------------------------------------------------------------------------------------
# SPARQL recipes: the same answers as the store's Cypher recipes
# ---------------------------------------------------------------------------------------------------


def _minter(kg):
    return rdf.Minter(BASE, rdf.NoticeIds(kg))


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def data(request, files):
    if request.param == "oxigraph":
        pytest.importorskip("pyoxigraph", reason="pyoxigraph (the 'rdf' extra) is not installed")
    return sparql.Data(files["nt"], request.param)


def _same(store_rows, sparql_rows, cols):
    a = sorted({tuple(r.get(c) for c in cols) for r in store_rows}, key=repr)
    b = sorted({tuple(r.get(c) for c in cols) for r in sparql_rows}, key=repr)
    assert a == b
    return a


@pytest.mark.parametrize("number", ["02/2026/NQ-HĐND", "226-KL/TW", "24-NQ/TU", "141/KH-UBND", "3009/UBND-TH"])
def test_trace_twin(kg, data, number):
    m = _minter(kg)
    keys = [r["key"] for r in kg.store.run("MATCH (d:Document) WHERE d.number = $n RETURN d.key AS key", {"n": number})]
    store = kg.q("trace_document", doc_keys=keys, max_depth=3)
    for r in store:
        r["task"], r["notice"] = m.node(r["task"]), m.node(r["notice"])
    _, rows = data.recipe("trace_document", doc=number)
    cols = ["document", "via", "depth", "notice", "path", "notice_title", "notice_date", "task", "id", "ordinal", "ref",
            "text", "deadline", "assignee", "role"]
    got = _same(store, rows, cols)
    assert got or number == "141/KH-UBND", number


@pytest.mark.parametrize("org", ["Sở Y tế", "Sở Tài chính", "UBND xã Khuất Xá", "Sở Nội vụ"])
def test_workload_twin(kg, data, org):
    m = _minter(kg)
    orgs = kg.orgs(org)
    as_of = dt.date(2026, 6, 1)
    store = kg.q("workload", org_keys=[o["key"] for o in orgs], as_of=as_of.isoformat(),
                 soon=(as_of + dt.timedelta(days=7)).isoformat())
    for r in store:
        r["task"], r["notice"] = m.node(r["task"]), m.node(r["notice"])
    (scope,) = {o["scope"] for o in orgs}
    rows = []
    for name in {o["name"] for o in orgs}:
        rows += data.recipe("workload", org_name=name, scope=scope, as_of=as_of, soon=as_of + dt.timedelta(days=7))[1]
    cols = ["task", "id", "ordinal", "ref", "text", "deadline", "deadline_end", "deadline_time", "deadline_text",
            "recurrence_rule", "recurrence_on", "recurrence_text", "role", "assigned_as", "notice", "path",
            "notice_title", "notice_date", "status"]
    assert _same(store, rows, cols)


@pytest.mark.parametrize("before", [None, dt.date(2026, 6, 6)])
def test_deadlines_twin(kg, data, before):
    m = _minter(kg)
    as_of = dt.date(2026, 6, 1)
    store = kg.q("deadlines", before=before.isoformat() if before else None, as_of=as_of.isoformat(),
                 soon=(as_of + dt.timedelta(days=7)).isoformat())
    for r in store:
        r["task"], r["notice"] = m.node(r["task"]), m.node(r["notice"])
    values = {"as_of": as_of, "soon": as_of + dt.timedelta(days=7), **({"before": before} if before else {})}
    _, rows = data.recipe("deadlines", **values)
    cols = ["task", "id", "ordinal", "deadline", "deadline_end", "recurrence_rule", "notice", "path", "lead", "status"]
    assert len(_same(store, rows, cols)) > 5


def test_document_links_twin(kg, data):
    m = _minter(kg)
    for number in ("226-KL/TW", "3009/UBND-TH"):
        keys = [r["key"] for r in kg.store.run("MATCH (d:Document) WHERE d.number = $n RETURN d.key AS key",
                                                 {"n": number})]
        store = [r for k in keys for r in kg.q("document_links", doc_key=k)]
        for r in store:
            r["key"] = m.node(r["key"])
        _, rows = data.recipe("document_links", doc=number)
        _same(store, rows, ["link", "key", "number", "type"])


def test_recipes_have_the_cypher_header_and_twins():
    recipes = sparql.load()
    assert {"trace_document", "workload", "deadlines", "document_links"} <= set(recipes)
    for r in recipes.values():
        assert r.description and r.path.endswith(".rq")
    with pytest.raises(Exception, match="declared but not used"):
        sparql.parse_recipe("# name: x\n# description: d\n# param: y STRING\nSELECT ?z WHERE { ?z ?p ?q }")


HOSTILE = ['say "hi"', "a\\", "x' } ; DROP ALL ; #", "line\nbreak", "<http://evil/>", "}}} UNION { ?s ?p ?o }",
           "\u0000nul", "😀"]


@pytest.mark.parametrize("value", HOSTILE)
def test_parameters_never_become_query_text(data, value):
    cols, rows = data.recipe("document_links", doc=value)
    assert rows == []
    cols, rows = data.query("SELECT ?v WHERE { BIND (?doc AS ?v) }", {"doc": value})
    assert rows == [{"v": value}]


# ---------------------------------------------------------------------------------------------------
# IRIs: readable, one-to-one for any input, stable across ingests
# ---------------------------------------------------------------------------------------------------

NAMES = ["Sở Y tế", "Sở  Y tế", "Sở Y tế/Văn phòng", "Sở Y tế#1", "Sở Y tế%20", "Sở \"Y\" tế", "Sở <Y> tế",
         "Sở Y\ntế", "Sở Y tế 😀", unicodedata.normalize("NFD", "Sở Y tế"), ".", "..", "a@b", "a%2Fb", "a/b", "~x"]


def test_hostile_names_give_distinct_valid_iris():
    m = rdf.Minter(BASE, {"notice:n": "ubnd/x/2026", "notice:m": None}.get)
    keys = [f"{k}:{n}@tinh-lang-son" for k in ("agency", "committee", "unit") for n in NAMES]
    keys += [f"agency:{n}#notice:n" for n in NAMES] + ["notice:n", "notice:m", "notice:n#meeting",
                                                      "task:ubnd/x/2026/NV-1a2b3c", "task:Ủ/b/NV-1a2b3c"]
    iris = [m.node(k) for k in keys]
    assert len(set(iris)) == len(keys)
    assert all(i.isascii() and not set(i) & set(' <>"{}|\\^`\n') for i in iris)
    assert not any(seg in (".", "..") for i in iris for seg in i[len(BASE):].split("/"))
    # valid IRIs for both libraries
    nt = "".join(f"<{i}> <{RDF.type}> <{CDO.Agency}> .\n" for i in iris)
    assert len(Graph().parse(data=nt, format="nt")) == len(iris)
    ox = pytest.importorskip("pyoxigraph", reason="pyoxigraph (the 'rdf' extra) is not installed")
    store = ox.Store()
    store.load(nt.encode(), format=ox.RdfFormat.N_TRIPLES)
    assert len(store) == len(iris)


def test_a_hostile_name_survives_the_export(records, tmp_path):
    rec = copy.deepcopy(records[0])
    evil = 'Ban "Quản lý" <dự án> #1/2 50% 😀'
    rec["tasks"][0]["assignees"] = [{"name": evil, "role": "lead"}]
    with KnowledgeGraph.open(":memory:") as g:
        g.ingest([rec])
        buf = io.StringIO()
        rdf.write(rdf.triples(g, BASE), buf, "nt", BASE)
    parsed = Graph().parse(data=buf.getvalue(), format="nt")
    (org,) = parsed.subjects(CDO.name, Literal(evil))
    assert str(org).startswith(BASE + "agency/")


def test_base_is_checked():
    for bad in ("data.vn/", "https://x.vn/a b/", "https://x.vn/<a>/", "https://x.vn/nope", "ftp://x.vn/"):
        with pytest.raises(rdf.KGError):
            rdf.check_base(bad)


def _subjects(kg) -> set:
    return {s for s, _, _ in rdf.triples(kg, BASE)}


def test_iris_stay_when_a_later_citation_adds_a_date_and_issuer(records):
    later = copy.deepcopy(records[1])
    later["source"]["path"] = "later.txt"
    later["source"]["sha256"] = "f" * 64
    later["source"]["fingerprint"] = "e" * 32
    later["notice"]["number"], later["notice"]["date"], later["notice"]["title"] = "55/TB-UBND", "2026-06-20", "Sau"
    later["notice"]["doc_id"] = None
    later["citations"] = [{"number": "24-NQ/TU", "type": "Nghị quyết", "date": "2026-03-03",
                           "issuer": "Ban Thường vụ Tỉnh ủy", "title": "về phát triển nông, lâm nghiệp chủ lực",
                           "spans": []}]
    later["tasks"], later["relations"] = later["tasks"][:2], []
    for t in later["tasks"]:
        t["id"] = None
    with KnowledgeGraph.open(":memory:") as g:
        g.ingest(records)
        before = _subjects(g)
        doc = [s for s in before if "24-NQ%2FTU" in s]
        g.ingest(records)  # re-ingest: nothing changes
        assert _subjects(g) == before
        g.ingest([later])
        after = _subjects(g)
        dates = {o for s, p, o in rdf.triples(g, BASE) if s in doc and p == CDO.date}
    assert doc and before <= after
    assert dates == {Literal("2026-03-03")}, "the citation's date reached the document, its IRI did not move"


# ---------------------------------------------------------------------------------------------------
# broken data is caught by the shapes, one Vietnamese line each
# ---------------------------------------------------------------------------------------------------

HEAD = f"""@base <{BASE}> .
@prefix cdo: <https://w3id.org/chidao-kg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<notice/n1> a cdo:Notice ; cdo:path "a.txt" ; cdo:sha256 "{'ab' * 32}" ; cdo:date "2026-04" ;
    cdo:contains <task/n1/NV-000001> .
<task/n1/NV-000001> a cdo:Task ; rdfs:label "NV-000001"@vi ; cdo:text "Báo cáo." ; cdo:ordinal 1 ;
    cdo:notice "notice:n1" ; cdo:deadlineEnd "2026-06-30"^^xsd:date ; cdo:assignedTo <agency/a> .
<agency/a> a cdo:Agency ; cdo:name "Sở A" .
<group/g> a cdo:AgencyGroup ; cdo:name "UBND các xã" .
<assertion/1> a cdo:Assignment ; cdo:subject <task/n1/NV-000001> ; cdo:predicate cdo:assignedTo ;
    cdo:object <agency/a> ; cdo:role "lead" ; prov:wasDerivedFrom <notice/n1> .
<document/d> a cdo:Document ; rdfs:label "1/QĐ-UBND"@vi ; cdo:number "1/QĐ-UBND" ; cdo:type "Quyết định" .
"""

BROKEN = {  # what to replace in HEAD -> the Vietnamese line expected
    "a task without a lead": ('cdo:role "lead"', 'cdo:role "support"', "nhiệm vụ NV-000001 <task/n1/NV-000001>: "
                              "nhiệm vụ không có đơn vị chủ trì"),
    "a bad date": ('cdo:date "2026-04"', 'cdo:date "04/2026"', "thông báo <notice/n1>: ngày không đúng dạng ISO"),
    "a day that does not exist": ('"2026-06-30"^^xsd:date', '"2026-02-30"^^xsd:date',
                                  "ngày cuối thời hạn không phải một ngày có thật"),
    "a document without a type": ('; cdo:type "Quyết định"', "", "văn bản 1/QĐ-UBND <document/d>: văn bản không có"),
    "a document without a number": ('; cdo:number "1/QĐ-UBND"', "", "văn bản 1/QĐ-UBND <document/d>: văn bản không có "
                                    "(hoặc có hơn một) số, ký hiệu"),
}


def _check(text: str):
    pytest.importorskip("pyshacl")
    from kg.validate import validate_graph

    return validate_graph(Graph().parse(data=text, format="turtle"))


def test_the_small_graph_conforms():
    assert _check(HEAD).conforms


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_data_is_caught(case):
    old, new, line = BROKEN[case]
    assert HEAD.count(old) == 1
    report = _check(HEAD.replace(old, new))
    assert not report.conforms
    assert any(line in x and x.startswith("Vi phạm: ") for x in report.lines()), report.lines()


def test_a_task_for_a_group_or_for_the_recipients_of_a_group_needs_no_lead():
    group = HEAD.replace('cdo:role "lead"', 'cdo:role "support"').replace(
        "cdo:assignedTo <agency/a> .", "cdo:assignedTo <agency/a>, <group/g> .")
    assert _check(group).conforms
    unassigned = (HEAD.replace("; cdo:assignedTo <agency/a> .", ".")
                  .split("<assertion/1>")[0])
    assert not _check(unassigned).conforms
    assert _check(unassigned.replace('cdo:date "2026-04" ;', 'cdo:date "2026-04" ; cdo:sentTo <group/g> ;')).conforms


# ---------------------------------------------------------------------------------------------------
# selections, streaming, the generated vocabulary
# ---------------------------------------------------------------------------------------------------


def test_selections(kg):
    whole = {s for s, _, _ in rdf.triples(kg, BASE)}
    one = {s for s, _, _ in rdf.triples(kg, BASE, rdf.Selection(notice="97/TB-UBND"))}
    notices = {s for s in one if "/notice/" in s and s.count("/") <= 7}
    assert notices == {URIRef(BASE + "notice/ubnd-xa-quan-son/97-tb-ubnd/2026")}
    assert one < whole
    prov = {s for s, _, _ in rdf.triples(kg, BASE, rdf.Selection(province="Lạng Sơn"))}
    assert one.isdisjoint({s for s in prov if "/notice/ubnd-xa-quan-son" in s})
    spring = list(rdf.triples(kg, BASE, rdf.Selection(since=dt.date(2026, 4, 1), until=dt.date(2026, 4, 30))))
    dated = {o for s, p, o in spring if p == CDO.date and "/notice/" in s}
    assert dated == {Literal("2026-04"), Literal("2026-04-27")}
    # a selected graph conforms too: nodes its edges reach are written even when it does not mention them
    g = rdf.graph_of(rdf.triples(kg, BASE, rdf.Selection(notice="97/TB-UBND")))
    objs = {o for s, p, o in g if isinstance(o, URIRef) and str(o).startswith(BASE) and p != PROV.wasDerivedFrom}
    assert all((o, RDF.type, None) in g for o in objs)


def test_turtle_and_ntriples_are_written_as_they_come(kg):
    seen = []

    def stream():
        for t in rdf.triples(kg, BASE):
            seen.append(1)
            yield t

    class Out(io.StringIO):
        first = None

        def write(self, s):
            if self.first is None:
                self.first = len(seen)
            return super().write(s)

    for fmt in ("nt", "ttl"):
        seen.clear()
        out = Out()
        rdf.write(stream(), out, fmt, BASE)
        assert out.first is not None and out.first < len(seen) / 2, fmt


def test_hub_nodes_are_read_a_range_of_notices_at_a_time(kg, monkeypatch):
    whole = set(rdf.triples(kg, BASE))
    calls = []
    run = kg.store.run

    def counting(text, params=None, **kw):
        rows = run(text, params, **kw)
        calls.append(len(rows))
        return rows

    monkeypatch.setattr(rdf, "EDGE_BUDGET", 3)
    monkeypatch.setattr(kg.store, "run", counting)
    assert set(rdf.triples(kg, BASE)) == whole
    assert max(calls) <= max(3, rdf.PAGE), "no query returns more edges than the budget (node pages aside)"
    assert any(c == 3 for c in calls)


def test_the_same_export_from_neo4j(kg, records, tmp_path):
    pytest.importorskip("neo4j")
    from neo4j_fake import FakeServer

    server = FakeServer()
    with KnowledgeGraph.open("neo4j://fake:7687", driver=server.driver(), removed_dir=tmp_path / "removed") as neo:
        neo.ingest(records)
        assert set(rdf.triples(neo, BASE)) == set(rdf.triples(kg, BASE))
    assert any("MENTIONED_IN" in text and "$after" in text for text, _ in server.sent), "read through the store surface"


def test_in_memory_formats_have_a_limit(kg, monkeypatch):
    monkeypatch.setattr(rdf, "IN_MEMORY_LIMIT", 100)
    with pytest.raises(rdf.KGError, match="--format nt"):
        rdf.write(rdf.triples(kg, BASE), io.StringIO(), "jsonld", BASE)


def test_generated_vocabulary_is_current_and_closed():
    from ontology import gen_vocab

    assert gen_vocab.main(["--check"]) == 0, "kg/vocab.py is stale: run python -m ontology.gen_vocab"
    with pytest.raises(AttributeError):
        CDO.Taks  # noqa: B018
    with pytest.raises(AttributeError):
        ELI.implemnts  # noqa: B018
    assert "ELI.implements" not in open(rdf.__file__, encoding="utf-8").read(), "ELI deprecated it for eli:applies"


# ---------------------------------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path, monkeypatch, records):
    path = tmp_path / "g.lbug"
    with KnowledgeGraph.open(path) as g:
        g.ingest(records)
    monkeypatch.setenv("KG_STORE", str(path))
    return path


def test_cli_export_sparql_and_dcat(runner, store, tmp_path, monkeypatch):
    from kg.cli import main

    out = tmp_path / "lang-son.ttl"
    r = runner.invoke(main, ["export", "rdf", "-o", str(out), "--base", BASE])
    assert r.exit_code == 0, r.output + r.stderr
    assert "bộ ba" in r.stderr and out.read_text(encoding="utf-8").startswith(f"@base <{BASE}>")
    nt = tmp_path / "x.nt"
    assert runner.invoke(main, ["export", "rdf", "--format", "nt", "-o", str(nt), "--notice", "97/TB-UBND"]).exit_code == 0
    r = runner.invoke(main, ["export", "rdf", "-o", str(nt), "--base", "nope"])
    assert r.exit_code == 1 and "--base 'nope'" in r.stderr

    r = runner.invoke(main, ["sparql", "trace_document", "--param", "doc=02/2026/NQ-HĐND", "--data", str(out), "--json"])
    assert r.exit_code == 0, r.stderr
    assert {row["id"] for row in json.loads(r.output)} == {"NV-f98300", "NV-979eb2"}
    r = runner.invoke(main, ["sparql", "-q", "SELECT (COUNT(?t) AS ?n) WHERE { ?t a cdo:Task }", "--data", str(out),
                             "--csv"])
    assert r.output.split() == ["n", "133"]
    r = runner.invoke(main, ["sparql", "workload", "--param", "nope=1", "--data", str(out)])
    assert r.exit_code == 1 and "unknown parameter" in r.stderr
    r = runner.invoke(main, ["sparql", "nope", "--data", str(out)])
    assert r.exit_code == 1 and "không có công thức SPARQL 'nope'" in r.stderr

    config = tmp_path / "config.toml"
    config.write_text('[dcat]\npublisher = "UBND tỉnh Lạng Sơn"\nlicense = "CC-BY-4.0"\n'
                      f'download_base = "https://data.langson.gov.vn/files/"\nbase = "{BASE}"\n', encoding="utf-8")
    monkeypatch.setenv("KG_CONFIG", str(config))
    dcat = tmp_path / "dataset.ttl"
    r = runner.invoke(main, ["export", "dcat", "-o", str(dcat), "--distribution", str(out)])
    assert r.exit_code == 0, r.stderr
    g = Graph().parse(source=str(dcat), format="turtle")
    dcat_ns = "http://www.w3.org/ns/dcat#"
    ds = g.value(None, RDF.type, URIRef(dcat_ns + "Dataset"))
    assert str(g.value(ds, URIRef("http://purl.org/dc/terms/license"))) == "https://creativecommons.org/licenses/by/4.0/"
    period = g.value(ds, URIRef("http://purl.org/dc/terms/temporal"))
    assert g.value(period, URIRef(dcat_ns + "startDate")).toPython() <= dt.date(2024, 4, 1)
    dist = g.value(ds, URIRef(dcat_ns + "distribution"))
    assert str(g.value(dist, URIRef(dcat_ns + "downloadURL"))) == "https://data.langson.gov.vn/files/lang-son.ttl"
    monkeypatch.setenv("KG_CONFIG", str(tmp_path / "none.toml"))
    r = runner.invoke(main, ["export", "dcat", "-o", str(dcat)])
    assert r.exit_code == 1 and "thiếu --publisher và --license" in r.stderr


def test_cli_validate(runner, tmp_path, monkeypatch):
    pytest.importorskip("pyshacl")
    from kg.cli import main

    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    good.write_text(HEAD, encoding="utf-8")
    bad.write_text(HEAD.replace('cdo:role "lead"', 'cdo:role "support"').replace('cdo:date "2026-04"',
                                                                                 'cdo:date "04/2026"'), encoding="utf-8")
    r = runner.invoke(main, ["validate", str(good)])
    assert r.exit_code == 0 and "hợp lệ" in r.stderr
    r = runner.invoke(main, ["validate", str(bad)])
    assert r.exit_code == 1 and "2 vi phạm" in r.stderr
    assert len(r.stdout.splitlines()) == 2 and all(x.startswith("Vi phạm: ") for x in r.stdout.splitlines())
    r = runner.invoke(main, ["validate", str(tmp_path / "missing.ttl")])
    assert r.exit_code == 1 and "không có tệp" in r.stderr

    import builtins

    real = builtins.__import__

    def no_pyshacl(name, *a, **k):
        if name == "pyshacl":
            raise ImportError(name)
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_pyshacl)
    r = runner.invoke(main, ["validate", str(good)])
    assert r.exit_code == 1 and r.stderr.strip() == "Lỗi: kg validate cần thư viện pySHACL: cài bằng pip install 'chidao-kg[rdf]'"


def test_a_journal_entry_is_exported_as_an_activity(records):
    from kg.follow import mark_done

    g = KnowledgeGraph.open(":memory:")
    try:
        g.ingest(records[:1])
        tid = records[0]["tasks"][0]["id"]
        entry = mark_done(g, tid, dt.date(2026, 5, 20), note="Đã có Báo cáo số 123/BC-SYT", by="Lan")
        buf = io.StringIO()
        rdf.write(rdf.triples(g, BASE), buf, "nt", BASE)
        out = Graph().parse(data=buf.getvalue(), format="nt")
    finally:
        g.close()
    (j,) = list(out.subjects(RDF.type, CDO.JournalEntry))
    assert (j, RDF.type, PROV.Activity) in out
    assert out.value(j, DCTERMS.identifier) == Literal(entry.id)
    assert out.value(j, DCTERMS.description) == Literal("Đã có Báo cáo số 123/BC-SYT")
    task = next(out.subjects(CDO.id, Literal(tid)))
    assert out.value(task, CDO.doneOn) is not None
