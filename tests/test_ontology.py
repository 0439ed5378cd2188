"""The ontology (ontology/chidao.ttl), its SHACL shapes and JSON-LD context, checked against kg.model.SCHEMA.

Expected IRIs are computed from the model, so a node label, relation type or property added to
the model without its ontology term fails here.
"""

from __future__ import annotations

import json

import pytest

rdflib = pytest.importorskip("rdflib")

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef  # noqa: E402
from rdflib.collection import Collection  # noqa: E402

import ontology  # noqa: E402
from kg.model import ORGS, PROV, SCHEMA  # noqa: E402
from ontology import term  # noqa: E402

CDO = Namespace(ontology.NS)
DCT = Namespace("http://purl.org/dc/terms/")
SH = Namespace("http://www.w3.org/ns/shacl#")
ONT = URIRef("https://w3id.org/chidao-kg/ontology")
XSD_OF = {"STRING": XSD.string, "STRING[]": XSD.string, "DATE": XSD.date, "INT64": XSD.integer,
          "BOOLEAN": XSD.boolean, "DOUBLE": XSD.double}
LABELS = list(SCHEMA["nodes"])


def own(rel: dict) -> dict:
    """A relation's own properties (the provenance ones every relation carries are modelled with PROV-O)."""
    return {p: t for p, t in rel["props"].items() if p not in PROV}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(source=str(ontology.path("chidao.ttl")), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(source=str(ontology.path("shapes.ttl")), format="turtle")


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads(ontology.path("context.jsonld").read_text(encoding="utf-8"))


def classes_of(g: Graph, node) -> set[str]:
    """The node labels a domain or range stands for: a class, a union of classes, cdo:Organization -> its three."""
    if isinstance(node, BNode):
        members = g.value(node, OWL.unionOf)
        assert members is not None, "a domain or range blank node is an owl:unionOf"
        return set().union(*(classes_of(g, m) for m in Collection(g, members)))
    local = str(node).removeprefix(ontology.NS)
    subs = set(g.subjects(RDFS.subClassOf, node))
    if local in LABELS or not subs:
        return {local}
    return set().union(*(classes_of(g, s) for s in subs))


def langs(g: Graph, s, p) -> set[str]:
    return {o.language for o in g.objects(s, p) if isinstance(o, Literal)}


# ---------------------------------------------------------------------------------------------------
# naming rules
# ---------------------------------------------------------------------------------------------------


def test_camel_case_rule():
    assert [term(x) for x in ("ASSIGNED_TO", "BASED_ON", "IMPLEMENTS", "MENTIONED_IN", "deadline_end", "number",
                              "signer_title", "AgencyGroup")] == [
        "assignedTo", "basedOn", "implements", "mentionedIn", "deadlineEnd", "number", "signerTitle", "AgencyGroup"]


def test_files_ship_with_the_package():
    for name in ontology.FILES:
        assert ontology.path(name).is_file(), name
    with pytest.raises(FileNotFoundError):
        ontology.path("missing.ttl")


# ---------------------------------------------------------------------------------------------------
# the ontology against the model
# ---------------------------------------------------------------------------------------------------


def test_header(onto):
    assert (ONT, RDF.type, OWL.Ontology) in onto
    assert str(onto.value(ONT, OWL.versionInfo)) == ontology.VERSION == "0.1.0"
    assert onto.value(ONT, OWL.versionIRI) == URIRef(f"{ONT}/0.1.0")
    assert onto.value(ONT, DCT.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(onto.value(ONT, DCT.creator)) == "chidao-kg"
    assert langs(onto, ONT, DCT.title) == langs(onto, ONT, DCT.description) == {"vi", "en"}
    assert str(onto.value(ONT, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"))) == ontology.NS


def test_every_node_label_is_a_class(onto):
    for label in LABELS:
        assert (CDO[term(label)], RDF.type, OWL.Class) in onto, label
    for o in ORGS:
        assert (CDO[o], RDFS.subClassOf, CDO.Organization) in onto
    assert classes_of(onto, CDO.Organization) == set(ORGS)


def test_alignments(onto):
    expected = {
        "Person": "http://xmlns.com/foaf/0.1/Person",
        "Organization": "http://www.w3.org/ns/org#Organization",
        "Post": "http://www.w3.org/ns/org#Post",
        "Document": "http://purl.org/dc/terms/BibliographicResource",
        "Meeting": "https://schema.org/Event",
        "Assertion": "http://www.w3.org/ns/prov#Entity",
        "TextSpan": "http://www.w3.org/ns/prov#Entity",
    }
    for local, sup in expected.items():
        assert (CDO[local], RDFS.subClassOf, URIRef(sup)) in onto, local


def test_every_relation_type_is_an_object_property_with_its_endpoints(onto):
    for rtype, rel in SCHEMA["rels"].items():
        p = CDO[term(rtype)]
        assert (p, RDF.type, OWL.ObjectProperty) in onto, rtype
        (dom,) = onto.objects(p, RDFS.domain)
        (rng,) = onto.objects(p, RDFS.range)
        assert classes_of(onto, dom) == {a for a, _ in rel["pairs"]}, rtype
        assert classes_of(onto, rng) == {b for _, b in rel["pairs"]}, rtype


def test_relations_with_properties_are_qualified(onto):
    for rtype, rel in SCHEMA["rels"].items():
        q = onto.value(CDO[term(rtype)], CDO.qualifiedBy)
        if not own(rel):
            assert q is None, f"{rtype} has no properties of its own: plain cdo:Assertion"
            continue
        assert q is not None, f"{rtype} has properties {sorted(own(rel))}: it needs a cdo:qualifiedBy class"
        assert (q, RDFS.subClassOf, CDO.Assertion) in onto
        for prop in own(rel):
            assert q.removeprefix(ontology.NS) in classes_of(onto, onto.value(CDO[term(prop)], RDFS.domain)), prop


def test_every_property_is_a_datatype_property(onto):
    expected: dict[str, tuple[set, str]] = {}
    for label, props in SCHEMA["nodes"].items():
        for p, t in props.items():
            expected.setdefault(p, (set(), t))[0].add(label)
    for rtype, rel in SCHEMA["rels"].items():
        for p, t in own(rel).items():
            expected.setdefault(p, (set(), t))[0].add(str(onto.value(CDO[term(rtype)], CDO.qualifiedBy))
                                                      .removeprefix(ontology.NS))
    for p, (domain, t) in expected.items():
        dp = CDO[term(p)]
        assert (dp, RDF.type, OWL.DatatypeProperty) in onto, p
        assert onto.value(dp, RDFS.range) == XSD_OF[t], (p, t)
        declared = classes_of(onto, onto.value(dp, RDFS.domain))
        assert domain <= declared, (p, domain - declared)
        assert declared - domain <= {"TextSpan"}, (p, declared - domain)


def test_partial_dates_are_strings(onto):
    for p in ("date", "deadline"):
        assert onto.value(CDO[p], RDFS.range) == XSD.string
    for p in ("deadlineEnd", "dateValue"):
        assert onto.value(CDO[p], RDFS.range) == XSD.date


def test_provenance_terms(onto):
    assert (CDO.evidence, RDFS.range, CDO.TextSpan) in onto
    for p in ("start", "end", "sha256", "path"):
        assert "TextSpan" in classes_of(onto, onto.value(CDO[p], RDFS.domain)), p
    for p in ("subject", "predicate", "object", "evidence"):
        assert (CDO[p], RDFS.domain, CDO.Assertion) in onto


def test_every_term_has_vietnamese_and_english_labels_and_comments(onto):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    terms = {s for k in kinds for s in onto.subjects(RDF.type, k) if str(s).startswith(ontology.NS)}
    assert len(terms) > 60
    for s in terms:
        assert langs(onto, s, RDFS.label) == {"vi", "en"}, s
        assert langs(onto, s, RDFS.comment) == {"vi", "en"}, s
        assert (s, RDFS.isDefinedBy, ONT) in onto, s


def _declared(onto: Graph) -> set:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for k in kinds for s in onto.subjects(RDF.type, k)}


def test_every_cdo_term_used_is_declared(onto, shapes):
    declared = _declared(onto)
    for g in (onto, shapes):
        used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(ontology.NS)}
        assert used - declared == set()


# ---------------------------------------------------------------------------------------------------
# SHACL shapes
# ---------------------------------------------------------------------------------------------------


def _property_shape(shapes: Graph, cls: str, path: URIRef):
    nodes = list(shapes.subjects(SH.targetClass, CDO[cls]))
    assert len(nodes) == 1, f"one node shape for cdo:{cls}"
    found = [ps for ps in shapes.objects(nodes[0], SH.property) if shapes.value(ps, SH.path) == path]
    assert len(found) == 1, f"one property shape for {path} in the shape of cdo:{cls}"
    return found[0]


def test_shapes_cover_the_model(shapes):
    for label, props in SCHEMA["nodes"].items():
        for p, t in props.items():
            ps = _property_shape(shapes, label, CDO[term(p)])
            assert shapes.value(ps, SH.datatype) == XSD_OF[t], (label, p)
            if t != "STRING[]":
                assert shapes.value(ps, SH.maxCount) == Literal(1), (label, p)
    for rtype, rel in SCHEMA["rels"].items():
        assert list(shapes.subjects(SH.targetSubjectsOf, CDO[term(rtype)])), rtype
    for cls in ("Assertion", "TextSpan", "Assignment", "Citation", "Leadership", "Signing", "PostHolding"):
        assert list(shapes.subjects(SH.targetClass, CDO[cls])), cls


def test_shapes_required_properties(shapes):
    text = _property_shape(shapes, "Task", CDO.text)
    assert (shapes.value(text, SH.minCount), shapes.value(text, SH.maxCount)) == (Literal(1), Literal(1))
    deadline = _property_shape(shapes, "Task", CDO.deadline)
    assert shapes.value(deadline, SH.minCount) is None and shapes.value(deadline, SH.maxCount) == Literal(1)
    role = _property_shape(shapes, "Assignment", CDO.role)
    assert [str(v) for v in Collection(shapes, shapes.value(role, SH["in"]))] == ["lead", "support"]
    role = _property_shape(shapes, "Leadership", CDO.role)
    assert [str(v) for v in Collection(shapes, shapes.value(role, SH["in"]))] == ["chair", "participant"]


def test_qualified_classes_in_the_sparql_constraint(onto, shapes):
    selects = " ".join(str(o) for o in shapes.objects(None, SH.select))
    for p, q in onto.subject_objects(CDO.qualifiedBy):
        pl, ql = (str(x).removeprefix(ontology.NS) for x in (p, q))
        assert f"$this cdo:predicate cdo:{pl} . BIND (cdo:{ql} AS ?class)" in selects, pl


def test_readme_example_parses():
    text = ontology.path("README.md").read_text(encoding="utf-8")
    (block,) = [b.split("\n", 1)[1] for b in text.split("```")[1::2] if b.startswith("turtle")]
    g = Graph().parse(data=block, format="turtle")
    assert len(set(g.subjects(RDF.type, CDO.Assignment))) == 1


# ---------------------------------------------------------------------------------------------------
# JSON-LD context
# ---------------------------------------------------------------------------------------------------


def _expand(ctx: dict, value: str) -> str:
    prefix, sep, local = value.partition(":")
    return ctx[prefix] + local if sep and prefix in ctx and isinstance(ctx[prefix], str) else value


def test_context_covers_the_terms(onto, context):
    ctx = context["@context"]
    assert _expand(ctx, "cdo:") == ontology.NS and ctx["cdi"] == ontology.ID
    declared = {s for s in _declared(onto) if str(s).startswith(ontology.NS) and s != CDO.qualifiedBy}
    for s in declared:
        local = str(s).removeprefix(ontology.NS)
        entry = ctx.get(local)
        assert entry is not None, local
        target = entry if isinstance(entry, str) else entry["@id"]
        assert _expand(ctx, target) == str(s), local
        if (s, RDF.type, OWL.ObjectProperty) in onto:
            assert entry["@type"] in ("@id", "@vocab"), local
        elif (s, RDF.type, OWL.DatatypeProperty) in onto:
            rng = onto.value(s, RDFS.range)
            got = entry.get("@type") if isinstance(entry, dict) else None
            assert (_expand(ctx, got) if got else str(XSD.string)) == str(rng), local


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_context_expands_a_document(context):
    doc = {
        "@context": context["@context"],
        "@graph": [
            {"@id": "cdi:notice/n1%23task001", "@type": "Task", "text": "Báo cáo UBND tỉnh", "deadline": "2026-05",
             "deadlineEnd": "2026-05-31", "ordinal": 1, "assignedTo": "cdi:agency/so%20y%20te@tinh-lang-son"},
            {"@id": "cdi:notice/n1", "@type": "Notice", "recipients": ["Như trên", "Lưu: VT"]},
            {"@type": "Assignment", "subject": "cdi:notice/n1%23task001", "predicate": "assignedTo",
             "object": "cdi:agency/so%20y%20te@tinh-lang-son", "role": "lead", "wasDerivedFrom": "cdi:notice/n1",
             "evidence": {"@type": "TextSpan", "start": 10, "end": 42, "sha256": "0" * 64}},
        ],
    }
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    task = URIRef(ontology.ID + "notice/n1%23task001")
    agency = URIRef(ontology.ID + "agency/so%20y%20te@tinh-lang-son")
    assert (task, RDF.type, CDO.Task) in g
    assert (task, CDO.assignedTo, agency) in g
    assert (task, CDO.deadlineEnd, Literal("2026-05-31", datatype=XSD.date)) in g
    assert (task, CDO.deadline, Literal("2026-05")) in g
    assert len(list(g.objects(URIRef(ontology.ID + "notice/n1"), CDO.recipients))) == 2
    (a,) = g.subjects(RDF.type, CDO.Assignment)
    assert g.value(a, CDO.predicate) == CDO.assignedTo and g.value(a, CDO.object) == agency
    assert g.value(g.value(a, CDO.evidence), CDO.end) == Literal(42, datatype=XSD.integer)


# ---------------------------------------------------------------------------------------------------
# validation (pyshacl)
# ---------------------------------------------------------------------------------------------------

VALID = """
@base <https://w3id.org/chidao-kg/id/> .
@prefix cdo: <https://w3id.org/chidao-kg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<notice/n1> a cdo:Notice ; cdo:path "a.txt" ; cdo:sha256 "SHA" ; cdo:date "2026-04" ;
    cdo:contains <notice/n1%23task001> ; cdo:issuedBy <committee/ubnd%20tinh@tinh-lang-son> .
<committee/ubnd%20tinh@tinh-lang-son> a cdo:Committee ; cdo:name "UBND tỉnh Lạng Sơn" ; cdo:ambiguous false .
<agency/so%20y%20te@tinh-lang-son> a cdo:Agency ; cdo:name "Sở Y tế" ; cdo:kind "agency" .
<notice/n1%23task001> a cdo:Task ; cdo:text "Khẩn trương hoàn thành." ; cdo:ordinal 1 ; cdo:notice "notice:n1" ;
    cdo:search "nv-7f3a2c khan truong hoan thanh." ;
    cdo:deadline "2024-Q3" ; cdo:deadlineEnd "2024-09-30"^^xsd:date ;
    cdo:assignedTo <agency/so%20y%20te@tinh-lang-son> .
<assertion/a1> a cdo:Assignment ; cdo:subject <notice/n1%23task001> ; cdo:predicate cdo:assignedTo ;
    cdo:object <agency/so%20y%20te@tinh-lang-son> ; cdo:role "lead" ; prov:wasDerivedFrom <notice/n1> ;
    cdo:evidence [ a cdo:TextSpan ; cdo:start 10 ; cdo:end 42 ; cdo:sha256 "SHA" ] .
<assertion/a2> a cdo:Assertion ; cdo:subject <notice/n1> ; cdo:predicate cdo:issuedBy ;
    cdo:object <committee/ubnd%20tinh@tinh-lang-son> ; prov:wasDerivedFrom <notice/n1> .
""".replace("SHA", "ab" * 32)

INVALID = {  # what to replace in VALID -> a graph that must not conform
    "role not lead/support": ('cdo:role "lead"', 'cdo:role "boss"'),
    "two texts": ('cdo:text "Khẩn trương hoàn thành."', 'cdo:text "Một.", "Hai."'),
    "no text": ('cdo:text "Khẩn trương hoàn thành." ;', ""),
    "partial date not ISO": ('cdo:deadline "2024-Q3"', 'cdo:deadline "quý III/2024"'),
    "deadline end not a date": ('"2024-09-30"^^xsd:date', '"2024-09-30"'),
    "two deadlines": ('cdo:deadline "2024-Q3"', 'cdo:deadline "2024-Q3", "2024-Q4"'),
    "assigned to a notice": ("cdo:assignedTo <agency/so%20y%20te@tinh-lang-son> .", "cdo:assignedTo <notice/n1> ."),
    "assertion without its triple": ("cdo:predicate cdo:issuedBy", "cdo:predicate cdo:sentTo"),
    "qualified relation as a plain assertion": ("<assertion/a1> a cdo:Assignment", "<assertion/a1> a cdo:Assertion"),
    "span end before start": ("cdo:start 10 ; cdo:end 42", "cdo:start 50 ; cdo:end 42"),
    "no provenance": ("prov:wasDerivedFrom <notice/n1> .", "."),
    "ambiguous not boolean": ("cdo:ambiguous false", 'cdo:ambiguous "no"'),
    "task in no notice": ("cdo:contains <notice/n1%23task001> ;", ""),
    "search text not folded": ('cdo:search "nv-7f3a2c khan truong', 'cdo:search "NV-7f3a2c Khẩn trương'),
    "search text with a double space": ('cdo:search "nv-7f3a2c khan truong', 'cdo:search "nv-7f3a2c  khan truong'),
    "search text with đ": ('cdo:search "nv-7f3a2c khan truong', 'cdo:search "nv-7f3a2c đan truong'),
}


def _validate(data: Graph, onto: Graph, shapes: Graph) -> tuple[bool, str]:
    pyshacl = pytest.importorskip("pyshacl")
    from kg.validate import _parsed_once

    with _parsed_once():
        conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=onto, inference="none",
                                             advanced=True, allow_warnings=False)
    return conforms, text


def test_a_valid_graph_conforms(onto, shapes):
    conforms, text = _validate(Graph().parse(data=VALID, format="turtle"), onto, shapes)
    assert conforms, text


@pytest.mark.parametrize("case", sorted(INVALID))
def test_an_invalid_graph_does_not_conform(case, onto, shapes):
    old, new = INVALID[case]
    assert VALID.count(old) == 1, old
    conforms, _ = _validate(Graph().parse(data=VALID.replace(old, new), format="turtle"), onto, shapes)
    assert not conforms, case


@pytest.fixture(scope="module")
def sample(onto) -> Graph:
    """The library's export (kg.rdf) of a store holding the first sample notice."""
    from conftest import NOTICE_PATHS

    from kg.graph import KnowledgeGraph
    from kg.rdf import graph_of, triples
    from loaders.extract import extract_path

    with KnowledgeGraph.open(":memory:") as kg:
        kg.ingest([extract_path(NOTICE_PATHS[0])])
        return graph_of(triples(kg))


def test_a_graph_built_from_a_sample_notice_conforms(sample, onto, shapes):
    assert len(set(sample.subjects(RDF.type, CDO.Assignment))) > 10
    conforms, text = _validate(sample, onto, shapes)
    assert conforms, text[:4000]


def test_a_graph_built_from_a_sample_notice_is_consistent_with_the_ontology(sample, onto):
    """OWL 2 RL closure of ontology + data: no disjointness clash (what domains and ranges imply included)."""
    owlrl = pytest.importorskip("owlrl")
    from owlrl.Namespaces import ERRNS

    def errors(extra: list) -> list:
        g = sample + onto
        for triple in extra:
            g.add(triple)
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
        return [str(m) for m in g.objects(None, ERRNS.error)]

    assert errors([]) == []
    some_agency = next(sample.subjects(RDF.type, CDO.Agency))
    assert errors([(some_agency, CDO.mentionedIn, some_agency)]), "an agency used as a notice must clash"
