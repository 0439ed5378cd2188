"""The one graph model: node kinds, relations, provenance, and the builder from NoticeRecords.

Every writer (the embedded store, Neo4j, RDF, the HTML views) consumes what :func:`build_graph`
returns: a :class:`networkx.MultiDiGraph` whose nodes carry ``label`` and properties, and whose
edges carry ``type`` and properties, provenance included. :data:`SCHEMA` declares both; the
embedded store's DDL is generated from it, never written by hand.

>>> from loaders.extract import extract_path
>>> g = build_graph([extract_path("tests/fixtures/notices/000_e9c322011b9ab118.txt")])
>>> sorted({d["label"] for _, d in g.nodes(data=True)})[:4]
['AdminUnit', 'Agency', 'Committee', 'Document']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx

from loaders.dates import last_day
from loaders.normalize import fold
from loaders.orgs import UPPER

from .resolve import Scope, document_key, person_key, resolve_agency, scope_of, slug, unit_key

# ---------------------------------------------------------------------------------------------------
# schema: node labels with their properties, relation types with their endpoints and properties
# ---------------------------------------------------------------------------------------------------

PROV = {"notice": "STRING", "path": "STRING", "sha256": "STRING", "span_start": "INT64", "span_end": "INT64"}
ORGS = ["Agency", "Committee", "AgencyGroup"]  # (Group is a reserved word in Ladybug)

SCHEMA: dict = {
    "nodes": {
        "Notice": {"number": "STRING", "issuer": "STRING", "date": "STRING", "title": "STRING", "kind": "STRING",
                   "place": "STRING", "path": "STRING", "sha256": "STRING", "signer": "STRING", "signer_title": "STRING",
                   "recipients": "STRING[]", "scope": "STRING"},
        "Meeting": {"date": "STRING", "date_value": "DATE", "kind": "STRING", "notice": "STRING"},
        "Person": {"name": "STRING", "name_key": "STRING"},
        "Post": {"title": "STRING"},
        "Agency": {"name": "STRING", "name_key": "STRING", "scope": "STRING", "kind": "STRING", "ambiguous": "BOOLEAN"},
        "Committee": {"name": "STRING", "name_key": "STRING", "scope": "STRING", "level": "STRING", "ambiguous": "BOOLEAN"},
        "AgencyGroup": {"name": "STRING", "name_key": "STRING", "scope": "STRING", "ambiguous": "BOOLEAN"},
        "AdminUnit": {"name": "STRING", "level": "STRING"},
        "Document": {"number": "STRING", "number_key": "STRING", "type": "STRING", "date": "STRING",
                     "issuer": "STRING", "title": "STRING", "ambiguous": "BOOLEAN"},
        "Task": {"ref": "STRING", "topic": "STRING", "text": "STRING", "deadline": "STRING", "deadline_text": "STRING",
                 "deadline_end": "DATE", "notice": "STRING", "ordinal": "INT64", "span_start": "INT64", "span_end": "INT64"},
    },
    "rels": {
        "RECORDS": {"pairs": [["Notice", "Meeting"]], "props": {}},
        "LED_BY": {"pairs": [["Meeting", "Person"]], "props": {"role": "STRING", "title": "STRING"}},  # role: chair | participant
        "ATTENDED_BY": {"pairs": [["Meeting", o] for o in ORGS], "props": {}},
        "CONCERNS": {"pairs": [["Meeting", "AdminUnit"], ["Task", "AdminUnit"]], "props": {}},
        "ISSUED_BY": {"pairs": [["Notice", o] for o in ORGS] + [["Document", o] for o in ORGS], "props": {}},
        "SIGNED_BY": {"pairs": [["Notice", "Person"]], "props": {"title": "STRING", "chain": "STRING"}},
        "SENT_TO": {"pairs": [["Notice", o] for o in ORGS], "props": {}},
        "CITES": {"pairs": [["Notice", "Document"]],
                  "props": {"number": "STRING", "date": "STRING", "issuer": "STRING", "title": "STRING"}},
        "IMPLEMENTS": {"pairs": [["Document", "Document"]], "props": {}},
        "REFERS_TO": {"pairs": [["Document", "Document"]], "props": {}},
        "CONTAINS": {"pairs": [["Notice", "Task"]], "props": {}},
        "ASSIGNED_TO": {"pairs": [["Task", o] for o in ORGS], "props": {"role": "STRING"}},
        "REPORTS_TO": {"pairs": [["Task", o] for o in ORGS], "props": {}},
        "BASED_ON": {"pairs": [["Task", "Document"]], "props": {}},
        "MEMBER_OF": {"pairs": [[o, "AgencyGroup"] for o in ORGS if o != "AgencyGroup"], "props": {}},
        "HOLDS_POST": {"pairs": [["Person", "Post"]], "props": {"date": "STRING"}},
        "POST_IN": {"pairs": [["Post", o] for o in ORGS], "props": {}},
        "OF_UNIT": {"pairs": [["Committee", "AdminUnit"]], "props": {}},
        "MENTIONED_IN": {"pairs": [[n, "Notice"] for n in ["Meeting", "Person", "Post", *ORGS, "AdminUnit", "Document",
                                                          "Task"]], "props": {}},
    },
}
for _r in SCHEMA["rels"].values():
    _r["props"] = {**_r["props"], **PROV}


@dataclass(frozen=True)
class Prov:
    notice: str
    path: str
    sha256: str
    span: tuple[int, int] | None = None

    def props(self) -> dict:
        a, b = self.span if self.span else (-1, -1)
        return {"notice": self.notice, "path": self.path, "sha256": self.sha256, "span_start": a, "span_end": b}


def store_spec() -> dict:
    """The schema in the form stores take: every node table keyed by ``key``."""
    return {
        "nodes": {label: {"key": "key", "props": {"key": "STRING", **props}} for label, props in SCHEMA["nodes"].items()},
        "rels": {t: {"pairs": r["pairs"], "props": r["props"]} for t, r in SCHEMA["rels"].items()},
    }


def notice_key(record: dict) -> str:
    """A notice is its content: two copies of the same bytes are one notice."""
    return "notice:" + record["source"]["sha256"][:24]


def org_label(name: str) -> str:
    """Agency, Committee (UBND / HĐND) or AgencyGroup ('UBND các xã, phường', 'Thủ trưởng các sở, ban, ngành')."""
    if re.search(r"(?:^|\s)các\s", name) or name.startswith(("các ", "cơ quan ", "cấp có")):
        return "AgencyGroup"
    if re.match(r"^(?:UBND|HĐND)\b", name):
        return "Committee"
    return "Agency"


def _agency_kind(name: str) -> str:
    if re.match(r"^(?:Chủ tịch|Phó Chủ tịch|Giám đốc|Thủ trưởng|Bí thư)\b", name):
        return "post"
    if re.match(r"^(?:Tỉnh ủy|Huyện ủy|Thành ủy|Đảng ủy|Ban Thường vụ|Ban Chấp hành|Ban Bí thư|Bộ Chính trị)", name):
        return "party"
    if re.match(r"^(?:Ủy ban MTTQ|Ủy ban Mặt trận)", name):
        return "front"
    if name.startswith("Bộ ") or name in ("Chính phủ", "Thủ tướng Chính phủ", "Quốc hội"):
        return "central"
    return "agency"


class GraphBuilder:
    """Accumulates nodes and edges of many records into one MultiDiGraph."""

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()

    # -- primitives
    def node(self, label: str, key: str, prov: Prov | None = None, **props) -> str:
        g = self.g
        if key in g:
            d = g.nodes[key]
            for k, v in props.items():
                if v not in (None, "", []) and d.get(k) in (None, "", []):
                    d[k] = v
                elif k == "ambiguous" and v is False:
                    d[k] = d.get(k, False) and v
        else:
            g.add_node(key, label=label, key=key, **{k: v for k, v in props.items()})
        if prov is not None and label != "Notice":
            self.edge("MENTIONED_IN", key, prov.notice, prov)
        return key

    def edge(self, rtype: str, a: str, b: str, prov: Prov, **props) -> None:
        # one edge per (type, endpoints, notice, distinguishing props): re-adding is a no-op
        ek = (rtype, prov.notice, tuple(sorted((k, str(v)) for k, v in props.items() if k in ("role",))))
        if self.g.has_edge(a, b, key=ek):
            return
        self.g.add_edge(a, b, key=ek, type=rtype, **props, **prov.props())

    def org(self, name: str, scope: Scope, prov: Prov, members: list[str] | None = None) -> str:
        label = org_label(name)
        rkey, ambiguous = resolve_agency(name, scope)
        key = f"{label.lower()}:{rkey}"
        nk, _, sc = rkey.partition("@")
        extra = {"kind": _agency_kind(name)} if label == "Agency" else {}
        if label == "Committee":
            m = re.search(r"\s(tỉnh|xã|phường|huyện|thị xã|thị trấn|thành phố|đặc khu)(?:\s|$)", name)
            extra["level"] = m.group(1) if m else None
        self.node(label, key, prov, name=name, name_key=nk, scope=sc, ambiguous=ambiguous, **extra)
        if label == "Committee":
            um = re.search(rf"(xã|phường|huyện|thị xã|thị trấn|thành phố|đặc khu|tỉnh)\s+([{UPPER}].*)$", name)
            if um:
                unit = f"{um.group(1)} {um.group(2)}"
                uk = self.unit(unit, scope, prov)
                self.edge("OF_UNIT", key, uk, prov)
        if label == "AgencyGroup":  # members enumerated by the notice ('UBND các xã: Chi Lăng, Nhân Lý')
            for m in members or []:
                mk = self.org(m, scope, prov)
                if self.g.nodes[mk]["label"] != "AgencyGroup":
                    self.edge("MEMBER_OF", mk, key, prov)
        return key

    def unit(self, unit: str, scope: Scope, prov: Prov) -> str:
        lvl = unit.split()[0] if unit.split()[0] in ("xã", "phường", "huyện", "tỉnh", "thị") else None
        return self.node("AdminUnit", "unit:" + unit_key(unit, scope), prov, name=unit, level=lvl)

    def person(self, name: str, title: str | None, scope: Scope, prov: Prov, date: str | None) -> str:
        pk = self.node("Person", "person:" + person_key(name, scope), prov, name=name, name_key=fold(name))
        if title:
            post = self.node("Post", f"post:{slug(title)}@{slug(scope.province) if scope.province else scope.key}", prov,
                             title=title)
            self.edge("HOLDS_POST", pk, post, prov, date=date)
            om = re.search(rf"(UBND|HĐND)\s+(tỉnh|xã|huyện|phường)(?:\s+([{UPPER}].*))?$", title)
            if om:
                org = f"{om.group(1)} {om.group(2)}" + (f" {om.group(3)}" if om.group(3) else "")
                if not om.group(3) and scope.province and om.group(2) == "tỉnh":
                    org = f"{om.group(1)} {scope.province}"
                elif not om.group(3) and scope.commune and om.group(2) in ("xã", "phường"):
                    org = f"{om.group(1)} {scope.commune}"
                self.edge("POST_IN", post, self.org(org, scope, prov), prov)
        return pk

    # -- a whole record
    def add_record(self, rec: dict) -> str:
        scope = scope_of(rec)
        n = rec["notice"]
        src = rec["source"]
        nk = notice_key(rec)
        base = Prov(nk, src["path"], src["sha256"])
        signer = n.get("signer") or {}
        self.node("Notice", nk, None, number=n.get("number"), issuer=n.get("issuer"), date=n.get("date"),
                  title=n.get("title"), kind=n.get("kind"), place=n.get("place"), path=src["path"], sha256=src["sha256"],
                  signer=signer.get("name"), signer_title=signer.get("title"), recipients=list(n.get("recipients") or []),
                  scope=scope.key)
        if n.get("issuer"):
            self.edge("ISSUED_BY", nk, self.org(n["issuer"], scope, base), base)
        for r in n.get("recipient_orgs") or []:
            self.edge("SENT_TO", nk, self.org(r, scope, base), base)
        if signer.get("name"):
            pk = self.person(signer["name"], signer.get("title"), scope, base, n.get("date"))
            self.edge("SIGNED_BY", nk, pk, base, title=signer.get("title"), chain=" / ".join(signer.get("chain") or []))

        m = rec.get("meeting")
        if m:
            mk = nk + "#meeting"
            date = m.get("date")
            self.node("Meeting", mk, base, date=date, date_value=date if date and len(date) == 10 else None,
                      kind=m.get("kind"), notice=nk)
            self.edge("RECORDS", nk, mk, base)
            chair = m.get("chair") or {}
            if chair.get("name"):
                self.edge("LED_BY", mk, self.person(chair["name"], chair.get("title"), scope, base, date), base,
                          role="chair", title=chair.get("title"))
            for p in m.get("leaders") or []:
                if p.get("name") and p.get("name") != chair.get("name"):
                    self.edge("LED_BY", mk, self.person(p["name"], p.get("title"), scope, base, date), base,
                              role="participant", title=p.get("title"))
            for a in m.get("attendees") or []:
                self.edge("ATTENDED_BY", mk, self.org(a, scope, base), base)
            for u in m.get("communes") or []:
                self.edge("CONCERNS", mk, self.unit(u, scope, base), base)

        doc_keys: dict[str, str] = {}
        for c in rec.get("citations") or []:
            span = tuple(c["spans"][0]) if c.get("spans") else None
            prov = Prov(nk, src["path"], src["sha256"], span)
            dk = "doc:" + document_key(c["number"], scope, c.get("issuer"), c.get("type"))
            doc_keys[c["number"]] = dk
            self.node("Document", dk, prov, number=c["number"], number_key=dk.split(":", 1)[1].split("@")[0],
                      type=c.get("type"), date=c.get("date"), issuer=c.get("issuer"), title=c.get("title"),
                      ambiguous=bool(re.fullmatch(r"\d{1,4}", c["number"])))
            self.edge("CITES", nk, dk, prov, number=c["number"], date=c.get("date"), issuer=c.get("issuer"),
                      title=c.get("title"))
            if c.get("issuer"):
                self.edge("ISSUED_BY", dk, self.org(c["issuer"], scope, prov), prov)
        for r in rec.get("relations") or []:
            a, b = doc_keys.get(r["source"]), doc_keys.get(r["target"])
            if a and b:
                self.edge("IMPLEMENTS" if r.get("kind") == "implements" else "REFERS_TO", a, b, base)

        for i, t in enumerate(rec.get("tasks") or []):
            span = tuple(t["span"]) if t.get("span") else None
            prov = Prov(nk, src["path"], src["sha256"], span)
            tk = f"{nk}#task{i + 1:03d}"
            dl = t.get("deadline")
            self.node("Task", tk, prov, ref=t.get("ref"), topic=t.get("topic"), text=t.get("text"), deadline=dl,
                      deadline_text=t.get("deadline_text"), deadline_end=last_day(dl) if dl else None, notice=nk,
                      ordinal=i + 1, span_start=span[0] if span else -1, span_end=span[1] if span else -1)
            self.edge("CONTAINS", nk, tk, prov)
            for a in t.get("assignees") or []:
                ok = self.org(a["name"], scope, prov, a.get("members"))
                self.edge("ASSIGNED_TO", tk, ok, prov, role=a.get("role", "lead"))
            for r in t.get("report_to") or []:
                self.edge("REPORTS_TO", tk, self.org(r, scope, prov), prov)
            for num in t.get("based_on") or []:
                if num in doc_keys:
                    self.edge("BASED_ON", tk, doc_keys[num], prov)
            for u in _units_in(t.get("text") or ""):
                self.edge("CONCERNS", tk, self.unit(u, scope, prov), prov)
        return nk


_UNIT_RE = re.compile(rf"(?<![\w])(?:xã|phường|huyện|thị trấn)\s+[{UPPER}][\wÀ-ỹ]*(?:\s+[{UPPER}][\wÀ-ỹ]*)*")


def _units_in(text: str) -> list[str]:
    out = []
    for m in _UNIT_RE.finditer(text):
        if m.group(0) not in out:
            out.append(m.group(0))
    return out


def build_graph(records: list[dict]) -> nx.MultiDiGraph:
    """One graph from many records (entity resolution by key, provenance on every edge)."""
    b = GraphBuilder()
    for r in records:
        b.add_record(r)
    return b.g

