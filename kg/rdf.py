"""The graph as RDF: triples from the one model (:mod:`kg.model`), streamed from the store, in open vocabularies.

Everything comes from :data:`kg.model.SCHEMA` (one ``cdo:`` class per label, one ``cdo:`` property per
relation type and property name) and :data:`kg.model.RDF_NODES` / :data:`kg.model.RDF_RELS` (the same
facts in ELI, W3C ORG, PROV-O, schema.org, SKOS and Dublin Core terms): a node kind or relation added to
the model is exported without a second mapping table. ``docs/rdf.md`` has the IRI scheme and the
alignment table; ``ontology/README.md`` the ontology.

Reading goes through the store surface only (:func:`kg.transfer.node_pages` / ``edge_pages`` for the
whole graph, parameterised Cypher for a selection), page by page, and :func:`write` writes N-Triples
and Turtle as the triples come: the graph is never held twice. JSON-LD and TriG are built in memory by
rdflib (at most :data:`IN_MEMORY_LIMIT` triples).

IRIs come from the public identities (``loaders/ids.py``), never from values a later citation adds:

>>> m = Minter("https://data.example.vn/chidao/", {"notice:ab12": "ubnd-tinh-lang-son/141-kh-ubnd/2026"}.get)
>>> m.node("notice:ab12")
'https://data.example.vn/chidao/notice/ubnd-tinh-lang-son/141-kh-ubnd/2026'
>>> m.node("task:ubnd-tinh-lang-son/141-kh-ubnd/2026/NV-7f3a2c")
'https://data.example.vn/chidao/task/ubnd-tinh-lang-son/141-kh-ubnd/2026/NV-7f3a2c'
>>> m.node("agency:so y te@tinh-lang-son"), m.node("doc:02/2026/NQ-HDND@tinh-lang-son")[31:]
('https://data.example.vn/chidao/agency/so%20y%20te@tinh-lang-son', 'document/02%2F2026%2FNQ-HDND@tinh-lang-son')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import quote

from rdflib import RDF, RDFS, Literal, Namespace, URIRef

import ontology
from loaders.dates import last_day

from .errors import KGError
from .model import CONCEPTS, OWN_LINK, RDF_NODES, RDF_RELS, SCHEMA
from .resolve import slug
from .vocab import CDC, CDO, DCTERMS, ELI, FOAF, OA, ORG, PROV, SCHEMA as SDO, SKOS

__all__ = ["DEFAULT_BASE", "FORMATS", "Minter", "Selection", "check_base", "graph_of", "triples", "write"]

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # (rdflib's open XSD class warns when tools inspect modules)
DEFAULT_BASE = ontology.ID
FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}
IN_MEMORY_LIMIT = 2_000_000  # triples rdflib may hold for JSON-LD and TriG (about 2 GB of memory)
PAGE = 10_000  # nodes read per query (about 10 MB of rows)
_VOCABS = {"cdo": CDO, "cdc": CDC, "eli": ELI, "prov": PROV, "dcterms": DCTERMS, "foaf": FOAF, "org": ORG,
           "schema": SDO, "skos": SKOS, "oa": OA}
PREFIXES = {"cdo": ontology.NS, "cdc": str(CDC._NS), "eli": str(ELI._NS), "prov": str(PROV._NS),
            "dcterms": str(DCTERMS._NS), "foaf": str(FOAF._NS), "org": str(ORG._NS), "schema": str(SDO._NS),
            "skos": str(SKOS._NS), "oa": str(OA._NS), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD)}


# ------------------------------------------------------------------------------------------------
# IRIs


def check_base(base: str) -> str:
    """``base`` if it can be the namespace of the individuals: an absolute http(s) IRI ending in ``/`` or ``#``
    with no character that is not allowed in an IRI; else a KGError in one Vietnamese line.

    >>> check_base("https://data.langson.gov.vn/chidao/")
    'https://data.langson.gov.vn/chidao/'
    >>> check_base("data.langson.gov.vn")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: --base 'data.langson.gov.vn': cần một IRI tuyệt đối http(s)://… kết thúc bằng '/' hoặc '#'
    """
    ok = re.fullmatch(r"https?://[^\s<>\"{}|\\^`\x00-\x1f\x7f]+[/#]", base or "")
    if not ok:
        raise KGError(f"--base '{base}': cần một IRI tuyệt đối http(s)://… kết thúc bằng '/' hoặc '#'")
    return base


_KINDS = {"doc": "document", "unit": "area", "agencygroup": "group"}  # key kind -> IRI path (the rest keep theirs)
_SLUG_PATH = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)*\Z")


def enc(text: str) -> str:
    """Percent-encode everything but ``A-Z a-z 0-9 - . _ ~ @`` (UTF-8 bytes, no normalisation: two different
    strings, NFC and NFD forms included, never give one result); a whole ``.`` or ``..`` is encoded too, so no
    path segment is a dot segment that IRI resolution would remove.

    >>> enc("Sở Y tế/#%"), enc(".."), enc("")
    ('S%E1%BB%9F%20Y%20t%E1%BA%BF%2F%23%25', '%2E%2E', '')
    """
    out = quote(text, safe="@-._~")
    return out.replace(".", "%2E") if out in (".", "..") else out


def path_of(identity: str) -> str:
    """A document identity as IRI path segments: kept as it is when it is slugs joined by ``/`` (the usual
    ``issuer/number/year``), else :func:`enc` whole (which leaves no ``/``), so the mapping stays one-to-one."""
    return identity if _SLUG_PATH.match(identity) else enc(identity)


URI_CACHE = 200_000  # node terms a Minter remembers (about 60 MB at most); past it, it starts again


class Minter:
    """IRIs of the graph's nodes and assertions under ``base``. ``doc_id(notice_key)`` gives a notice's public
    document identity (``None`` when it has none, for stores written before identities: then its content hash)."""

    def __init__(self, base: str, doc_id: Callable[[str], str | None]):
        self.base = check_base(base)
        self.doc_id = doc_id
        self._uris: dict[str, URIRef] = {}

    def uri(self, key: str) -> URIRef:
        """:meth:`node` as a term, remembered: an agency or a document is the end of thousands of edges, and minting
        its IRI (percent-encoding) and the term (rdflib checks every IRI) was a third of an export's time."""
        got = self._uris.get(key)
        if got is None:
            if len(self._uris) >= URI_CACHE:
                self._uris.clear()
            got = self._uris[key] = URIRef(self.node(key))
        return got

    def notice_path(self, notice_key: str) -> str:
        ident = self.doc_id(notice_key)
        if ident:
            return path_of(ident)
        return "%7E" + enc(notice_key.partition(":")[2])  # '%7E' is never made by enc (it keeps '~')

    def node(self, key: str) -> str:
        kind, sep, rest = key.partition(":")
        if not sep or not kind:
            raise ValueError(f"not a node key: {key!r}")
        if kind == "notice":
            nk, _, frag = rest.partition("#")
            if frag == "meeting":
                return f"{self.base}meeting/{self.notice_path('notice:' + nk)}"
            if frag:
                raise ValueError(f"not a node key: {key!r}")
            return f"{self.base}notice/{self.notice_path(key)}"
        if kind == "task":
            doc, _, tid = rest.rpartition("/")
            return f"{self.base}task/{path_of(doc)}/{enc(tid)}"
        name, hashed, notice = rest.partition("#notice:")  # a generic role ('các đơn vị liên quan') in one notice
        head = f"{self.base}{_KINDS.get(kind, enc(kind))}/{enc(name)}"
        return f"{head}/in/{self.notice_path('notice:' + notice)}" if hashed else head

    def assertion(self, rtype: str, a: str, b: str, notice: str, role: Any) -> str:
        basis = "\x1f".join([rtype, self.uri(a), self.uri(b), self.uri(notice), str(role or "")])
        return f"{self.base}assertion/{hashlib.sha256(basis.encode('utf-8')).hexdigest()[:24]}"


class NoticeIds:
    """Notice key -> doc_id (and the notice's file and sha256: an edge's provenance names its notice only), looked up
    in the store a page of keys at a time, at most ``size`` kept."""

    def __init__(self, kg, size: int = 20_000):
        self.kg, self.size = kg, size
        self.cache: OrderedDict[str, tuple[str | None, str | None, str | None]] = OrderedDict()

    def prefetch(self, keys: Iterable[str]) -> None:
        want = sorted({k for k in keys if k not in self.cache})
        for i in range(0, len(want), PAGE):
            part = want[i:i + PAGE]
            got = {r["key"]: (r["doc_id"], r["path"], r["sha256"]) for r in self.kg.store.run(
                "MATCH (n:Notice) WHERE n.key IN $keys RETURN n.key AS key, n.doc_id AS doc_id, n.path AS path, "
                "n.sha256 AS sha256", {"keys": part}, recipe="rdf notice ids")}
            for k in part:
                self._put(k, got.get(k, (None, None, None)))

    def _put(self, k: str, v: tuple) -> None:
        self.cache[k] = v
        self.cache.move_to_end(k)
        while len(self.cache) > self.size:
            self.cache.popitem(last=False)

    def _get(self, key: str) -> tuple:
        if key not in self.cache:
            self.prefetch([key])
        return self.cache[key]

    def __call__(self, key: str) -> str | None:
        return self._get(key)[0]

    def with_files(self, rows: list[dict]) -> list[dict]:
        """Edge rows with their notice's ``path`` and ``sha256`` (what the span of an assertion names)."""
        for r in rows:
            _, r["path"], r["sha256"] = self._get(r["notice"])
        return rows


def _notices_in(key: str) -> list[str]:
    if key.startswith("notice:"):
        return [key.partition("#")[0]]
    _, hashed, notice = key.partition("#notice:")
    return ["notice:" + notice] if hashed else []


# ------------------------------------------------------------------------------------------------
# terms and values


@lru_cache(maxsize=None)
def vterm(name: str) -> URIRef:
    """``'eli:id_local'`` -> the IRI, through the generated closed namespaces (a misspelt term raises)."""
    prefix, _, local = name.partition(":")
    return _VOCABS[prefix][local]


@lru_cache(maxsize=None)
def cdo(name: str) -> URIRef:
    """The cdo: term of a model name (``ASSIGNED_TO`` -> cdo:assignedTo), checked against the ontology."""
    return CDO[ontology.term(name)]


@lru_cache(maxsize=None)
def _class(label: str) -> URIRef:
    """The cdo: class of a node label (made once: a namespace makes and checks a new term each time)."""
    return CDO[label]


@lru_cache(maxsize=1)
def qualified_classes() -> dict[str, URIRef]:
    """Relation type -> its cdo:Assertion subclass (cdo:qualifiedBy in the ontology)."""
    from rdflib import Graph

    g = Graph().parse(source=str(ontology.path("chidao.ttl")), format="turtle")
    return {t: URIRef(q) for t in SCHEMA["rels"] if (q := g.value(cdo(t), CDO.qualifiedBy)) is not None}


@lru_cache(maxsize=None)
def concept(scheme: str, value: str) -> URIRef | None:
    """The SKOS concept of ``value`` in ``scheme`` (case and diacritics aside), None when it is not one."""
    s = slug(value)
    known = {slug(v) for v in CONCEPTS[scheme]}
    return CDC[f"{scheme}-{s}"] if s in known else None


_FULL = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_MONTH = re.compile(r"\d{4}-\d{2}\Z")
_YEAR = re.compile(r"\d{4}\Z")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])\Z")


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def first_day(value: str) -> str | None:
    """The first day a partial ISO date covers ('2024-Q3' -> '2024-07-01'; a full date: itself).

    >>> first_day("2024-Q3"), first_day("2026-05"), first_day("2026"), first_day("quý 3")
    ('2024-07-01', '2026-05-01', '2026-01-01', None)
    """
    if _FULL.match(value):
        return value
    if m := _QUARTER.match(value):
        return f"{m.group(1)}-{3 * int(m.group(2)) - 2:02d}-01"
    if _MONTH.match(value):
        return value + "-01"
    if _YEAR.match(value):
        return value + "-01-01"
    return None


def typed(value: Any, how: str) -> Literal | URIRef | None:
    """A value written as ``how`` says (see :data:`kg.model.RDF_NODES`); None when it does not apply.

    >>> typed("2026-05", "partial"), typed("2024-Q3", "start"), typed("2024-Q3", "partial")
    (rdflib.term.Literal('2026-05', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth')), \
rdflib.term.Literal('2024-07-01', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date')), None)
    """
    v = value.isoformat() if isinstance(value, dt.date) else value
    if how == "":
        return _lit(value)
    if how in CONCEPTS:
        return concept(how, str(v))
    if not isinstance(v, str):
        return None
    if how in ("date", "partial") and _FULL.match(v) and _day(v):
        return Literal(v, datatype=XSD.date)
    if how in ("month", "partial") and _MONTH.match(v):
        return Literal(v, datatype=XSD.gYearMonth)
    if how in ("year", "partial") and _YEAR.match(v):
        return Literal(v, datatype=XSD.gYear)
    if how == "start" and not _FULL.match(v) and (d := first_day(v)):
        return Literal(d, datatype=XSD.date)
    return None


def _lit(v: Any, t: str = "STRING") -> Literal:
    """The literal of a property's value; a number, a date or a short text (a role, a kind, a span's end, a day)
    recurs and is made once (rdflib's Literal costs some 15 µs, a lookup well under one)."""
    key = (type(v), v, t)
    kept = type(v) is not str or len(v) <= 40
    if kept:
        got = _LITS.get(key)
        if got is not None:
            return got
    if t == "DATE" or isinstance(v, dt.date):
        got = Literal(v.isoformat() if isinstance(v, dt.date) else str(v), datatype=XSD.date)
    else:
        got = Literal(v)
    if kept:
        if len(_LITS) >= LIT_CACHE:
            _LITS.clear()
        _LITS[key] = got
    return got


LIT_CACHE = 100_000
_LITS: dict[tuple, Literal] = {}


def _empty(p: str, v: Any) -> bool:
    return v is None or v == "" or v == [] or (p in ("span_start", "span_end") and isinstance(v, int) and v < 0)


# ------------------------------------------------------------------------------------------------
# triples


def node_triples(m: Minter, label: str, row: dict) -> Iterator[tuple]:
    """The triples of one node (``row``: its key and model properties)."""
    s = m.uri(row["key"])
    meta = RDF_NODES.get(label, {})
    yield s, RDF.type, _class(label)
    for t in meta.get("types", ()):
        yield s, RDF.type, vterm(t)
    for p in meta.get("label", ()):
        if not _empty(p, row.get(p)):
            yield s, RDFS.label, Literal(str(row[p]), lang="vi")
            break
    extra = meta.get("props", {})
    for p, t in SCHEMA["nodes"][label].items():
        v = row.get(p)
        if _empty(p, v):
            continue
        pred = cdo(p)
        for x in v if t == "STRING[]" else [v]:
            yield s, pred, _lit(x, t)
        for spec in extra.get(p, ()):
            name, _, how = spec.partition("^")
            o = typed(v, how)
            if o is not None:
                yield s, vterm(name), o


_A, _SUBJ, _PRED, _OBJ, _FROM, _EVIDENCE = RDF.type, CDO.subject, CDO.predicate, CDO.object, PROV.wasDerivedFrom, CDO.evidence
_SPAN_TYPES = (CDO.TextSpan, OA.TextPositionSelector)
_SPAN_PROPS = (CDO.start, CDO.end, OA.start, OA.end)
_SHA, _PATH, _ROLE, _ASSERTION = CDO.sha256, CDO.path, PROV.hadRole, CDO.Assertion
_PROV_PROPS = ("notice", "path", "sha256", "span_start", "span_end")


def edge_triples(m: Minter, rtype: str, row: dict) -> Iterator[tuple]:
    """The triples of one edge (``row``: endpoints ``a``, ``b`` and its properties): the direct triple (also in
    the aligned vocabularies), and its assertion with the edge's own properties and provenance."""
    a, b = row["a"], row["b"]
    s, o, p = m.uri(a), m.uri(b), cdo(rtype)
    meta = RDF_RELS.get(rtype, {})
    yield s, p, o
    for name in meta.get("props", ()):
        yield s, vterm(name), o
    x = URIRef(m.assertion(rtype, a, b, row["notice"], row.get("role")))
    yield x, _A, qualified_classes().get(rtype, _ASSERTION)
    yield x, _SUBJ, s
    yield x, _PRED, p
    yield x, _OBJ, o
    yield x, _FROM, m.uri(row["notice"])
    for q, t in SCHEMA["rels"][rtype]["props"].items():
        if q not in _PROV_PROPS and not _empty(q, row.get(q)):
            yield x, cdo(q), _lit(row[q], t)
    qual = meta.get("qualified")
    if qual:
        if qual["class"]:
            yield x, _A, vterm(qual["class"])
        if qual["link"]:
            yield s, vterm(qual["link"]), x
        if qual["agent"]:
            yield x, vterm(qual["agent"]), o
        role = concept("role", str(row.get(qual["role"]) or ""))
        if role is not None:
            yield x, _ROLE, role
    start, end = row.get("span_start"), row.get("span_end")
    if isinstance(start, int) and start >= 0:
        span = URIRef(x + "/span")
        yield x, _EVIDENCE, span
        for t in _SPAN_TYPES:
            yield span, _A, t
        a_, b_ = _lit(start, "INT64"), _lit(end, "INT64")
        for pred, v in zip(_SPAN_PROPS, (a_, b_, a_, b_)):
            yield span, pred, v
        if row.get("sha256"):
            yield span, _SHA, Literal(row["sha256"])
        if row.get("path"):
            yield span, _PATH, Literal(row["path"])


@dataclass
class Selection:
    """What to export: everything (no field set), or the notices one names (``notice``: as ``kg show notice``
    takes it), of one province (``province``: 'Lạng Sơn' or 'tỉnh Lạng Sơn', matched on the notice's scope),
    or dated within ``since`` … ``until`` (a partial date counts when its period overlaps)."""

    notice: str | None = None
    province: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def everything(self) -> bool:
        return not (self.notice or self.province or self.since or self.until)

    def notice_keys(self, kg) -> list[str]:
        if self.notice:
            hits = kg.find_notices(self.notice)
            if not hits:
                raise KGError(f"không tìm thấy thông báo '{self.notice}'")
            if len(hits) > 1:
                raise KGError(f"'{self.notice}' ứng với {len(hits)} thông báo; hãy nêu khóa hoặc đường dẫn")
            rows: Iterable[dict] = hits
        else:
            rows = (r for page in _pages(kg, "MATCH (n:Notice) WHERE n.key > $after RETURN n.key AS key, n.scope AS scope, "
                                             "n.date AS date ORDER BY key LIMIT $n") for r in page)
        want = None
        if self.province:
            p = slug(self.province)
            want = {p, slug("tỉnh " + self.province), slug("thành phố " + self.province)}
        out = []
        for r in rows:
            if want is not None and (r.get("scope") or "") not in want:
                continue
            if self.since or self.until:
                d = r.get("date") or ""
                lo, hi = first_day(d), None
                if lo:
                    hi = last_day(d)
                if not lo or (self.since and hi < self.since.isoformat()) or (self.until and lo > self.until.isoformat()):
                    continue
            out.append(r["key"])
        return sorted(out)


def _pages(kg, text: str) -> Iterator[list[dict]]:
    """The rows of ``text`` (``… WHERE n.key > $after … ORDER BY key LIMIT $n``) a page at a time."""
    after = ""
    while True:
        rows = kg.store.run(text, {"after": after, "n": PAGE}, recipe="rdf notices")
        if rows:
            yield rows
        if len(rows) < PAGE:
            return
        after = rows[-1]["key"]


def _cols(label: str) -> str:
    from .graph import _q

    return ", ".join(f"n.{_q(p)} AS {_q(p)}" for p in ["key", *SCHEMA["nodes"][label]])


EDGE_BUDGET = 20_000  # edges one query returns at most (about 20 MB of rows)


def edge_pages(kg, rtype: str, a: str, b: str, budget: int | None = None) -> Iterator[list[dict]]:
    """Every ``(:a)-[:rtype]->(:b)`` edge as ``{"a", "b", props…}``, at most ``budget`` per query whatever the
    degrees: edges in the order of their source's key, a page at a time (a page ends before the last source it
    reached, which the next one starts with); the edges of a node with more than ``budget`` (an agency every
    notice names) come a range of notices at a time."""
    from .graph import _q

    budget = budget or EDGE_BUDGET
    props = list(SCHEMA["rels"][rtype]["props"])
    cols = ", ".join(f"r.{_q(p)} AS {_q(p)}" for p in props)
    head = f"MATCH (x:{_q(a)})-[r:{_q(rtype)}]->(y:{_q(b)})"
    # a source's edges in one order (the engine's own differs from run to run): an export of a store is the same bytes
    order = ", ".join(["a", "b"] + [_q(p) for p in ("notice", "role", "span_start") if p in props])
    page = f"{head} WHERE x.key > $after RETURN x.key AS a, y.key AS b, {cols} ORDER BY {order} LIMIT $n"
    hub_range = (f"{head} WHERE x.key = $key AND r.notice > $after RETURN DISTINCT r.notice AS notice "
                 "ORDER BY notice LIMIT $n")
    hub_edges = (f"{head} WHERE x.key = $key AND r.notice > $after AND r.notice <= $upto "
                 f"RETURN x.key AS a, y.key AS b, {cols} ORDER BY {order}")
    after = ""
    while True:
        rows = kg.store.run(page, {"after": after, "n": budget}, recipe=f"rdf {rtype}")
        if len(rows) < budget:
            if rows:
                yield rows
            return
        last = rows[-1]["a"]
        keep = [r for r in rows if r["a"] != last]
        if keep:
            yield keep
            after = keep[-1]["a"]
            continue
        start = ""  # one source with more than a page of edges
        while True:
            got = kg.store.run(hub_range, {"key": last, "after": start, "n": max(1, budget // 10)}, recipe=f"rdf {rtype}")
            if not got:
                break
            upto = got[-1]["notice"]
            yield kg.store.run(hub_edges, {"key": last, "after": start, "upto": upto}, recipe=f"rdf {rtype} hub")
            start = upto
        after = last


def _rows_everything(kg, ids: NoticeIds) -> Iterator[tuple[str, str, list[dict]]]:
    from .transfer import node_pages

    for label in SCHEMA["nodes"]:
        for rows in node_pages(kg, label, PAGE):
            ids.prefetch(n for r in rows for n in _notices_in(r["key"]))
            yield "node", label, rows
    for rtype, rel in SCHEMA["rels"].items():
        for a, b in rel["pairs"]:
            for rows in edge_pages(kg, rtype, a, b, PAGE):
                ids.prefetch(n for r in rows for k in (r["a"], r["b"], r["notice"]) for n in _notices_in(k))
                yield "edge", rtype, ids.with_files(rows)


def _rows_selected(kg, ids: NoticeIds, notices: list[str]) -> Iterator[tuple[str, str, list[dict]]]:
    """The nodes mentioned by ``notices`` and their edges. Node keys written are kept (to write each once):
    memory grows with the selection, not with the store."""
    from .graph import _q

    seen: set[str] = set()
    ends: dict[str, str] = {}  # endpoint key -> label, for endpoints the selection does not mention
    for i in range(0, len(notices), 500):
        keys = notices[i:i + 500]
        ids.prefetch(keys)
        for label in SCHEMA["nodes"]:
            if label == "Notice":
                text = f"MATCH (n:Notice) WHERE n.key IN $keys RETURN {_cols(label)}"
            elif label in OWN_LINK:  # a notice's own node: reached by the edge from its notice
                text = (f"MATCH (m:Notice)-[:{_q(OWN_LINK[label])}]->(n:{_q(label)}) WHERE m.key IN $keys "
                        f"RETURN DISTINCT {_cols(label)}")
            else:
                text = (f"MATCH (n:{_q(label)})-[:MENTIONED_IN]->(m:Notice) WHERE m.key IN $keys "
                        f"RETURN DISTINCT {_cols(label)}")
            rows = [r for r in kg.store.run(text, {"keys": keys}, recipe="rdf nodes") if r["key"] not in seen]
            seen.update(r["key"] for r in rows)
            if rows:
                ids.prefetch(n for r in rows for n in _notices_in(r["key"]))
                yield "node", label, rows
    for rtype, rel in SCHEMA["rels"].items():
        props = list(SCHEMA["rels"][rtype]["props"])
        cols = ", ".join(f"r.{_q(p)} AS {_q(p)}" for p in props)
        for a, b in rel["pairs"]:
            text = (f"MATCH (x:{_q(a)})-[r:{_q(rtype)}]->(y:{_q(b)}) WHERE r.notice IN $keys "
                    f"RETURN x.key AS a, y.key AS b, {cols}")
            for i in range(0, len(notices), 500):
                rows = kg.store.run(text, {"keys": notices[i:i + 500]}, recipe="rdf edges")
                if rows:
                    for r in rows:
                        for k, lab in ((r["a"], a), (r["b"], b)):
                            if k not in seen:
                                ends[k] = lab
                    ids.prefetch(n for r in rows for k in (r["a"], r["b"], r["notice"]) for n in _notices_in(k))
                    yield "edge", rtype, ids.with_files(rows)
    by_label: dict[str, list[str]] = {}
    for k, lab in ends.items():
        by_label.setdefault(lab, []).append(k)
    for label, keys in by_label.items():
        rows = kg.store.run(f"MATCH (n:{_q(label)}) WHERE n.key IN $keys RETURN {_cols(label)}", {"keys": keys},
                            recipe="rdf nodes")
        ids.prefetch(n for r in rows for n in _notices_in(r["key"]))
        yield "node", label, rows


def triples(kg, base: str = DEFAULT_BASE, selection: Selection | None = None) -> Iterator[tuple]:
    """Every triple of the graph in ``kg`` (a :class:`kg.graph.KnowledgeGraph`), or of a selection, as rdflib
    terms, a page of the store at a time. The subjects of a node's triples come together."""
    sel = selection or Selection()
    ids = NoticeIds(kg)
    m = Minter(base, ids)
    pages = _rows_everything(kg, ids) if sel.everything else _rows_selected(kg, ids, sel.notice_keys(kg))
    for what, name, rows in pages:
        if what == "node":
            for r in rows:
                yield from node_triples(m, name, r)
        else:
            for r in rows:
                yield from edge_triples(m, name, r)


# ------------------------------------------------------------------------------------------------
# writing


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS = re.compile(r'[\\"\x00-\x1f\x7f\ufffe\uffff]')


def _esc(text: str) -> str:
    return _NEEDS.sub(lambda mt: _ESCAPES.get(mt.group(0)) or f"\\u{ord(mt.group(0)):04X}", text)


_XSD_STRING, _XSD_INTEGER, _XSD_BOOLEAN, _RDF_TYPE = str(XSD.string), str(XSD.integer), str(XSD.boolean), str(RDF.type)


def nt_term(t) -> str:
    """One term in N-Triples syntax (IRIs are already percent-encoded; literals escaped). rdflib's terms compare
    and hash in Python, so they are neither looked up nor compared here: text is."""
    kind = type(t)
    if kind is URIRef:
        return f"<{t}>"
    if kind is Literal or isinstance(t, Literal):
        lexical = str(t)
        body = f'"{_esc(lexical)}"' if _NEEDS.search(lexical) else f'"{lexical}"'
        lang = t.language
        if lang:
            return f"{body}@{lang}"
        dt_ = t.datatype
        if dt_ is not None and not str.__eq__(dt_, _XSD_STRING):
            return f"{body}^^<{dt_}>"
        return body
    if isinstance(t, URIRef):
        return f"<{t}>"
    raise TypeError(f"no blank nodes in an export: {t!r}")


class TurtleTerms:
    """Terms in Turtle: vocabulary terms as prefixed names, individuals relative to ``@base``."""

    _LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
    _INT = re.compile(r"[+-]?[0-9]+\Z")

    def __init__(self, base: str):
        self.base = base
        self.spaces = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
        self.cache: dict[str, str] = {}

    def __call__(self, t) -> str:
        if type(t) is URIRef or isinstance(t, URIRef):
            s = str(t)
            got = self.cache.get(s)
            if got is None:
                got = self._iri(s)
                if len(self.cache) < 10_000 and not s.startswith(self.base):
                    self.cache[s] = got
            return got
        if isinstance(t, Literal):  # (datatypes compared as text: rdflib's terms compare in Python)
            dt_ = t.datatype
            if dt_ is not None and not str.__eq__(dt_, _XSD_STRING) and not t.language:
                lexical = str(t)
                if str.__eq__(dt_, _XSD_INTEGER) and self._INT.match(lexical) or str.__eq__(dt_, _XSD_BOOLEAN) and \
                        lexical in ("true", "false"):
                    return lexical  # Turtle's own numbers and booleans
                return f'"{_esc(lexical)}"^^{self(dt_)}'
        return nt_term(t)

    def _iri(self, s: str) -> str:
        if self.base.endswith("/") and s.startswith(self.base) and re.match(r"[a-z]+/", s[len(self.base):]):
            return f"<{s[len(self.base):]}>"
        for ns, p in self.spaces:
            if s.startswith(ns) and self._LOCAL.match(s[len(ns):]):
                return f"{p}:{s[len(ns):]}"
        return f"<{s}>"


@dataclass
class Written:
    triples: int = 0
    bytes: int = 0
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


def write(stream: Iterable[tuple], out, fmt: str = "ttl", base: str = DEFAULT_BASE,
          progress: Callable[[int], None] | None = None) -> Written:
    """Write ``stream`` (triples) to the text file object ``out`` as ``fmt`` (``ttl``, ``nt``, ``jsonld``,
    ``trig``). N-Triples and Turtle are written as the triples come; JSON-LD and TriG go through an rdflib
    graph of at most :data:`IN_MEMORY_LIMIT` triples (a KGError past it: use nt or ttl)."""
    import time

    t0 = time.perf_counter()
    res = Written()
    if fmt not in FORMATS:
        raise KGError(f"định dạng '{fmt}' không hỗ trợ (chọn: {', '.join(FORMATS)})")
    if fmt in ("jsonld", "trig"):
        g = graph_of(stream, base, limit=IN_MEMORY_LIMIT)
        res.triples = len(g)
        if fmt == "jsonld":
            import json

            ctx = json.loads(ontology.path("context.jsonld").read_text(encoding="utf-8"))["@context"]
            text = g.serialize(format="json-ld", context={**ctx, "cdi": base}, auto_compact=True)
        else:
            from rdflib import Dataset

            ds = Dataset()
            for p, ns in PREFIXES.items():
                ds.bind(p, ns)
            named = ds.graph(URIRef(base + "graph"))
            for tr in g:
                named.add(tr)
            text = ds.serialize(format="trig", base=base)
        out.write(text)
        res.bytes = len(text.encode("utf-8"))
    elif fmt == "nt":
        buf: list[str] = []
        for s, p, o in stream:
            buf.append(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n")
            if len(buf) >= 5000:
                res.bytes += _flush(out, buf)
                res.triples += 5000
                if progress:
                    progress(5000)
        res.triples += len(buf)
        if progress and buf:
            progress(len(buf))
        res.bytes += _flush(out, buf)
    else:
        term = TurtleTerms(base)
        head = [f"@base <{base}> .\n"] + [f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()]
        buf = head
        last = None
        n = 0
        for s, p, o in stream:
            pred = "a" if str.__eq__(p, _RDF_TYPE) else term(p)
            if last is not None and str.__eq__(s, last):
                buf.append(f" ;\n    {pred} {term(o)}")
            else:
                if last is not None:
                    buf.append(" .\n")
                buf.append(f"\n{term(s)}\n    {pred} {term(o)}")
                last = s
            n += 1
            if len(buf) >= 5000:
                res.bytes += _flush(out, buf)
                if progress:
                    progress(n - res.triples)
                res.triples = n
        if last is not None:
            buf.append(" .\n")
        res.bytes += _flush(out, buf)
        if progress and n > res.triples:
            progress(n - res.triples)
        res.triples = n
    res.seconds = time.perf_counter() - t0
    return res


def _flush(out, buf: list[str]) -> int:
    text = "".join(buf)
    buf.clear()
    out.write(text)
    return len(text.encode("utf-8"))


def graph_of(stream: Iterable[tuple], base: str = DEFAULT_BASE, limit: int | None = None):
    """An rdflib Graph of ``stream`` with the export's prefixes bound (for small exports and tests)."""
    from rdflib import Graph

    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)
    for i, t in enumerate(stream):
        if limit is not None and i >= limit:
            raise KGError(f"quá {limit:,} bộ ba: định dạng này phải dựng cả đồ thị trong bộ nhớ; hãy xuất --format nt "
                          "hoặc ttl (ghi dần, bộ nhớ không đổi)")
        g.add(t)
    return g
