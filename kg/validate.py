"""``kg validate``: an RDF file checked against the shapes (``ontology/shapes.ttl``) with pySHACL, each
result said in one Vietnamese line naming the node and the rule.

pySHACL is an optional dependency (``pip install 'chidao-kg[rdf]'``); without it :func:`validate` raises a
:class:`MissingDependency` whose message says how to install it. The file is read into memory (SHACL
needs the whole graph); the shapes run with the ontology mixed in (``sh:class`` needs its subclasses).

>>> rule_line({"severity": "Violation", "node": "https://w3id.org/chidao-kg/id/task/x/NV-1", "label": "NV-1",
...            "path": "cdo:text", "message": None, "component": "MinCountConstraintComponent", "value": None,
...            "expected": "1"})
'Vi phạm: nhiệm vụ NV-1 <task/x/NV-1>: thiếu cdo:text (cần ít nhất 1)'
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import ontology

from .errors import KGError

INSTALL = "pip install 'chidao-kg[rdf]'"
_KINDS_VI = {"notice": "thông báo", "meeting": "cuộc họp", "task": "nhiệm vụ", "document": "văn bản",
             "agency": "cơ quan", "committee": "UBND/HĐND", "group": "nhóm cơ quan", "area": "địa bàn",
             "person": "người", "post": "chức vụ", "assertion": "quan hệ"}
_RULES_VI = {
    "MinCountConstraintComponent": "thiếu {path} (cần ít nhất {expected})",
    "MaxCountConstraintComponent": "{path} có quá {expected} giá trị",
    "DatatypeConstraintComponent": "{path} = {value}: không đúng kiểu {expected}",
    "PatternConstraintComponent": "{path} = {value}: không đúng dạng",
    "InConstraintComponent": "{path} = {value}: không phải giá trị cho phép",
    "ClassConstraintComponent": "{path} trỏ tới {value}, không phải {expected}",
    "NodeKindConstraintComponent": "{path} = {value}: phải là một IRI",
    "HasValueConstraintComponent": "{path} phải là {expected}",
    "MinInclusiveConstraintComponent": "{path} = {value}: nhỏ hơn {expected}",
    "LessThanOrEqualsConstraintComponent": "{path} = {value}: lớn hơn {expected}",
    "OrConstraintComponent": "không thuộc loại nút nào được phép",
    "SPARQLConstraintComponent": "vi phạm ràng buộc {shape}",
}


_KIND = re.compile(r"^https?://.*?/(" + "|".join(_KINDS_VI) + r")/")


class MissingDependency(KGError):
    pass


@dataclass
class Report:
    conforms: bool
    results: list[dict] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [rule_line(r) for r in self.results]


def _short(iri: str) -> str:
    for prefix, ns in _namespaces().items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}" if prefix else iri[len(ns):]
    return iri


def _namespaces() -> dict[str, str]:
    from .rdf import PREFIXES

    return {"": ontology.ID, "cdsh": ontology.SHAPES, **PREFIXES}


def rule_line(r: dict) -> str:
    """One result as a Vietnamese line: severity, the node (its kind and label, its IRI), the rule."""
    sev = "Cảnh báo" if r["severity"] == "Warning" else "Lưu ý" if r["severity"] == "Info" else "Vi phạm"
    node = r["node"]
    m = _KIND.match(node)
    rel = node[m.start(1):] if m else node
    kind = _KINDS_VI[m.group(1)] if m else "nút"
    who = f"{kind} {r['label']} <{rel}>" if r.get("label") else f"{kind} <{rel}>"
    if r.get("message"):
        rule = r["message"]
    else:
        template = _RULES_VI.get(r["component"], "vi phạm {component}")
        rule = template.format(path=r.get("path") or "nút", value=r.get("value") or "(trống)",
                               expected=r.get("expected") or "", shape=r.get("shape") or "", component=r["component"])
    return " ".join(f"{sev}: {who}: {rule}".split())


def _load(path: Path, fmt: str | None):
    import logging

    from rdflib import Graph

    # an ill-typed literal ('2026-02-30'^^xsd:date) is the shapes' to report, not a traceback from rdflib's logger
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)

    guess = fmt or {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig",
                    ".nq": "nquads"}.get(path.suffix.lower(), "turtle")
    try:
        if guess in ("trig", "nquads"):
            from rdflib import Dataset

            ds = Dataset()
            ds.parse(source=str(path), format=guess)
            g = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                g.add((s, p, o))
            return g
        return Graph().parse(source=str(path), format=guess)
    except FileNotFoundError:
        raise KGError(f"{path}: không có tệp này") from None
    except Exception as e:  # a syntax error: rdflib's own exception types vary by format
        raise KGError(f"{path}: không đọc được RDF ({type(e).__name__}: {' '.join(str(e).split())[:200]})") from e


@contextlib.contextmanager
def _parsed_once():
    """pySHACL runs each SPARQL constraint once per focus node, and rdflib parses the query text every time (80 %
    of a validation); while validating, a query text is parsed and translated once and its algebra reused, as
    rdflib's own prepared queries are."""
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    cache: dict = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in cache:
                cache[key] = processor.translateQuery(processor.parseQuery(strOrQuery), base, initNs)
            strOrQuery = cache[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


def validate_graph(data) -> Report:
    """The shapes run over the rdflib graph ``data``."""
    try:
        import pyshacl
    except ImportError:
        raise MissingDependency(f"kg validate cần thư viện pySHACL: cài bằng {INSTALL}") from None
    from rdflib import RDFS, Graph, Literal, Namespace, URIRef

    sh = Namespace("http://www.w3.org/ns/shacl#")
    shapes = Graph().parse(source=str(ontology.path("shapes.ttl")), format="turtle")
    onto = Graph().parse(source=str(ontology.path("chidao.ttl")), format="turtle")
    with _parsed_once():
        conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=onto, inference="none",
                                               advanced=True, allow_warnings=True)
    results = []
    for res in report.subjects(sh.resultSeverity, None):
        msgs = list(report.objects(res, sh.resultMessage))
        vi = next((str(m) for m in msgs if isinstance(m, Literal) and m.language == "vi"), None)
        constraint = report.value(res, sh.sourceConstraint)
        if vi is None and constraint is not None:  # pySHACL drops the language of a SPARQL constraint's message
            vi = next((str(m) for m in shapes.objects(constraint, sh.message) if m.language == "vi"), None)
        focus = report.value(res, sh.focusNode)
        src = report.value(res, sh.sourceShape)
        comp = str(report.value(res, sh.sourceConstraintComponent) or "").rsplit("#", 1)[-1]
        path = report.value(res, sh.resultPath)
        value = report.value(res, sh.value)
        expected = None
        if src is not None:
            for p in (sh.minCount, sh.maxCount, sh.datatype, sh["class"], sh.hasValue, sh.minInclusive,
                      sh.lessThanOrEquals):
                v = shapes.value(src, p)
                if v is not None and p.rsplit("#", 1)[-1].lower() in comp.lower().replace("constraintcomponent", ""):
                    expected = _short(str(v)) if isinstance(v, URIRef) else str(v)
        label = data.value(focus, RDFS.label) if focus is not None else None
        results.append({
            "severity": str(report.value(res, sh.resultSeverity)).rsplit("#", 1)[-1],
            "node": str(focus), "label": str(label) if label is not None else None,
            "path": _short(str(path)) if isinstance(path, URIRef) else ("(đường ngược)" if path is not None else None),
            "message": vi, "component": comp,
            "value": (_short(str(value)) if isinstance(value, URIRef) else f"'{value}'") if value is not None else None,
            "expected": expected, "shape": _short(str(src)) if isinstance(src, URIRef) else None,
        })
    results.sort(key=lambda r: (r["severity"] != "Violation", r["node"], r["path"] or "", r["component"]))
    return Report(bool(conforms), results)


def validate(path: str | Path, fmt: str | None = None) -> Report:
    """Validate the RDF file at ``path`` (format from its suffix unless ``fmt``, an rdflib format name)."""
    try:
        import pyshacl  # noqa: F401
    except ImportError:
        raise MissingDependency(f"kg validate cần thư viện pySHACL: cài bằng {INSTALL}") from None
    return validate_graph(_load(Path(path), fmt))
