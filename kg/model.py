"""The one graph model: node kinds, relations, provenance, and the builder from NoticeRecords.

:class:`GraphBuilder` is the one place a record becomes nodes and edges: the stores' ingest writes its
rows (per label, per relation type), and :func:`build_graph` gives the same graph as a
:class:`networkx.MultiDiGraph` whose nodes carry ``label`` and properties, and whose edges carry
``type`` and properties, provenance included. :data:`SCHEMA` declares both; the embedded store's
DDL is generated from it, never written by hand.

>>> from loaders.extract import extract_path
>>> g = build_graph([extract_path("tests/fixtures/notices/000_e9c322011b9ab118.txt")])
>>> sorted({d["label"] for _, d in g.nodes(data=True)})[:4]
['AdminUnit', 'Agency', 'AgencyGroup', 'Committee']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from loaders.dates import last_day
from loaders.ids import assign_task_ids, record_identity
from loaders.normalize import UPPER, fold, fold_text
from loaders.patterns import StartSearch

from .resolve import (Scope, document_key, generic_role, misspelling_links, person_key, resolve_agency, scope_of, slug,
                      successors, unit_key)

if TYPE_CHECKING:  # networkx is imported where a graph is built (0.14 s: every command that opens a store paid it)
    import networkx as nx

# ---------------------------------------------------------------------------------------------------
# schema: node labels with their properties, relation types with their endpoints and properties
# ---------------------------------------------------------------------------------------------------

# every relation's provenance: the notice it was read from and the span of its text (-1 when none). The file and its
# sha256 are the notice's (Notice.path, Notice.sha256), not repeated on each edge: strings on every edge made a
# checkpoint rewrite them with the edge lists of shared nodes (store format 9, docs/ladybug-notes.md).
# by: the person a fact is attributed to when a person asserted it (a journal entry), null for what was extracted
PROV = {"notice": "STRING", "span_start": "INT64", "span_end": "INT64", "by": "STRING"}
ORGS = ["Agency", "Committee", "AgencyGroup"]  # (Group is a reserved word in Ladybug)

SCHEMA: dict = {
    "nodes": {
        "Notice": {"number": "STRING", "issuer": "STRING", "date": "STRING", "title": "STRING", "kind": "STRING",
                   "place": "STRING", "path": "STRING", "sha256": "STRING", "signer": "STRING", "signer_title": "STRING",
                   "recipients": "STRING[]", "scope": "STRING", "doc_id": "STRING",
                   "fingerprint": "STRING",  # source.fingerprint: what its copies share (loaders/ids.py)
                   "ocr": "DOUBLE",  # read by OCR: the lowest page confidence (source.ocr_pages, 0-100); null when not
                   "search": "STRING"},  # folded text searched (search_text): number, title, issuer, file name
        "Meeting": {"date": "STRING", "date_value": "DATE", "kind": "STRING", "notice": "STRING"},
        "Person": {"name": "STRING", "name_key": "STRING"},
        "Post": {"title": "STRING"},
        "Agency": {"name": "STRING", "name_key": "STRING", "scope": "STRING", "kind": "STRING", "ambiguous": "BOOLEAN"},
        "Committee": {"name": "STRING", "name_key": "STRING", "scope": "STRING", "level": "STRING", "ambiguous": "BOOLEAN"},
        "AgencyGroup": {"name": "STRING", "name_key": "STRING", "scope": "STRING", "ambiguous": "BOOLEAN"},
        "AdminUnit": {"name": "STRING", "level": "STRING"},
        "Document": {"number": "STRING", "number_key": "STRING", "type": "STRING", "date": "STRING",
                     "issuer": "STRING", "title": "STRING", "ambiguous": "BOOLEAN", "search": "STRING"},
        "Task": {"id": "STRING", "doc_id": "STRING", "ref": "STRING", "topic": "STRING", "text": "STRING", "deadline": "STRING", "deadline_text": "STRING",
                 "deadline_end": "DATE", "notice": "STRING", "ordinal": "INT64", "span_start": "INT64", "span_end": "INT64",
                 "deadline_time": "STRING", "recurrence_rule": "STRING", "recurrence_on": "STRING",
                 "recurrence_text": "STRING", "search": "STRING",  # search: its id and sentence, folded
                 # how the extractor read it (the record's reason, confidence, deadline_reason): what review sorts by
                 "reason": "STRING", "confidence": "DOUBLE", "deadline_reason": "STRING",
                 # the effect of people's journal entries (kg/journal.py), replayed after every ingest
                 "done_on": "DATE", "done_by": "STRING", "done_note": "STRING",  # marked done: when, by whom, why
                 "deadline_by": "STRING",  # who set the deadline when not the extractor: a person or a later document
                 "deadline_source": "STRING",  # the journal entry id or the notice key that set it
                 "accepted_by": "STRING",  # a person confirmed the extracted facts (kg review --accept)
                 "added_by": "STRING",  # a task a person added (kg fix <notice> --add-task)
                 "reported_done": "STRING",  # a later document reports it done: its notice key (to confirm)
                 # notice date, notice and ordinal in one number (task_order_key): what listings sort and page by
                 "order_key": "INT64"},
        # the journal of people's edits (append-only): the source of truth for marks and corrections
        "JournalEntry": {"id": "STRING", "time": "STRING", "author": "STRING", "action": "STRING",
                         "target": "STRING", "doc_id": "STRING", "payload": "STRING", "note": "STRING"},
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
        # (a record without a number, e.g. a draft plan, implements from its Notice: it has no Document node)
        "IMPLEMENTS": {"pairs": [["Document", "Document"], ["Notice", "Document"]], "props": {}},
        "IS_DOCUMENT": {"pairs": [["Notice", "Document"]], "props": {}},  # the document a notice's record is
        # the closing article of a decision: who executes it (not a task)
        "RESPONSIBLE_FOR_EXECUTING": {"pairs": [[o, "Notice"] for o in ORGS], "props": {}},
        # the 2025 reorganisation (dates and shares: kg/data/reorganisation.json) and obvious misspellings
        "SUCCEEDED_BY": {"pairs": [["Agency", "Agency"]], "props": {}},
        "MISSPELLING_OF": {"pairs": [["Agency", "Agency"]], "props": {}},
        "REFERS_TO": {"pairs": [["Document", "Document"]], "props": {}},
        # what a later document says of an earlier one (loaders/followup.py): extends its deadlines to ``deadline``,
        # replaces or repeals it, reports its tasks done (proposed to a person: Task.reported_done)
        "EXTENDS": {"pairs": [["Notice", "Document"]], "props": {"deadline": "STRING"}},
        "REPLACES": {"pairs": [["Notice", "Document"]], "props": {}},
        "REPEALS": {"pairs": [["Notice", "Document"]], "props": {}},
        "REPORTS_ON": {"pairs": [["Notice", "Document"]], "props": {}},
        "CONTAINS": {"pairs": [["Notice", "Task"]], "props": {}},
        "ASSIGNED_TO": {"pairs": [["Task", o] for o in ORGS], "props": {"role": "STRING", "reason": "STRING"}},  # reason: the assignee's
        "REPORTS_TO": {"pairs": [["Task", o] for o in ORGS], "props": {}},
        "BASED_ON": {"pairs": [["Task", "Document"]], "props": {}},
        "MEMBER_OF": {"pairs": [[o, "AgencyGroup"] for o in ORGS if o != "AgencyGroup"], "props": {}},
        "HOLDS_POST": {"pairs": [["Person", "Post"]], "props": {"date": "STRING"}},
        "POST_IN": {"pairs": [["Post", o] for o in ORGS], "props": {}},
        "OF_UNIT": {"pairs": [["Committee", "AdminUnit"]], "props": {}},
        # a shared node's provenance: every notice that mentions it. A notice's own nodes have theirs in the edge from
        # their notice (OWN_LINK: the notice CONTAINS its task, RECORDS its meeting), not in a MENTIONED_IN beside it
        "MENTIONED_IN": {"pairs": [[n, "Notice"] for n in ["Person", "Post", *ORGS, "AdminUnit", "Document"]],
                         "props": {}},
    },
}
for _r in SCHEMA["rels"].values():
    _r["props"] = {**_r["props"], **PROV}

# a notice's own nodes other than itself, and the edge from their notice that carries their provenance (file, sha256,
# span): what MENTIONED_IN is for the nodes several notices share
OWN_LINK = {"Meeting": "RECORDS", "Task": "CONTAINS"}


# ---------------------------------------------------------------------------------------------------
# RDF: what the export (kg/rdf.py) says of each kind besides its own cdo: terms, which it derives from SCHEMA
# (ontology/chidao.ttl states the same alignments as axioms; tests/test_rdf.py checks both agree)
# ---------------------------------------------------------------------------------------------------

# SKOS concept schemes (ontology/chidao.ttl: cdc:<scheme>-<slug of the value>, labelled in vi and en)
CONCEPTS: dict = {
    "role": ["lead", "support", "chair", "participant"],
    "meeting": ["inspection", "working_session", "conference", "regular_meeting", "other"],
    "status": ["open", "due_soon", "overdue", "recurring", "no_deadline"],
    "doctype": ["Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị", "Kế hoạch", "Công văn", "Công điện", "Thông tư",
                "Thông báo", "Kết luận", "Đề án", "Chương trình", "Luật", "Hướng dẫn", "Quy chế", "Quy định", "Báo cáo",
                "Tờ trình", "Hiến pháp", "Pháp lệnh"],
}

# per node label: the classes of other vocabularies its nodes are also typed with, the property giving their
# rdfs:label (@vi), and extra terms per property. A term's suffix says how the value is written:
#   ^date     only a full ISO date, as xsd:date       ^partial  a full or partial date: xsd:date / gYearMonth / gYear
#   ^<scheme> the SKOS concept of CONCEPTS[scheme]    (none)    the value as it is
# A label, relation or property missing here is exported with its cdo: terms only.
RDF_NODES: dict = {
    "Notice": {"types": ["eli:LegalResource", "dcterms:BibliographicResource", "prov:Entity"], "label": ["number", "title"],
               "props": {"number": ["eli:id_local"], "title": ["dcterms:title"], "doc_id": ["dcterms:identifier"],
                         "date": ["eli:date_document^date", "dcterms:issued^partial"], "kind": ["dcterms:type^doctype"]}},
    "Document": {"types": ["eli:LegalResource", "dcterms:BibliographicResource"], "label": ["number"],
                 "props": {"number": ["eli:id_local"], "title": ["dcterms:title"], "type": ["dcterms:type^doctype"],
                           "date": ["eli:date_document^date", "dcterms:issued^partial"]}},
    "Meeting": {"types": ["schema:Event"], "label": [],
                "props": {"date_value": ["schema:startDate"], "kind": ["dcterms:type^meeting"]}},
    "Person": {"types": ["foaf:Person", "prov:Agent"], "label": ["name"], "props": {"name": ["foaf:name"]}},
    "Post": {"types": ["org:Post"], "label": ["title"], "props": {}},
    "Agency": {"types": ["org:Organization", "prov:Agent"], "label": ["name"], "props": {"name": ["skos:prefLabel"]}},
    "Committee": {"types": ["org:Organization", "prov:Agent"], "label": ["name"], "props": {"name": ["skos:prefLabel"]}},
    "AgencyGroup": {"types": ["org:Organization", "prov:Agent"], "label": ["name"],
                    "props": {"name": ["skos:prefLabel"]}},
    "AdminUnit": {"types": ["schema:AdministrativeArea"], "label": ["name"], "props": {"name": ["schema:name"]}},
    "Task": {"types": ["prov:Activity"], "label": ["id"],
             "props": {"id": ["dcterms:identifier"], "text": ["dcterms:description"],
                       "deadline": ["cdo:deadlineDate^date", "cdo:deadlineMonth^month", "cdo:deadlineYear^year",
                                    "cdo:deadlineStart^start"]}},
    "JournalEntry": {"types": ["prov:Activity"], "label": ["id"],
                     "props": {"id": ["dcterms:identifier"], "note": ["dcterms:description"]}},
}
# per relation type: the properties of other vocabularies its direct triple is also written with, and for a
# qualified relation the PROV-O pattern its assertion follows (the subject's link to it, the assertion's
# class, its link to the object, and the edge property whose concept is prov:hadRole)
RDF_RELS: dict = {
    "ISSUED_BY": {"props": ["eli:passed_by"]},
    "CITES": {"props": ["eli:cites"]},
    "IMPLEMENTS": {"props": ["eli:applies"]},  # ELI deprecated eli:implements for eli:applies
    "REFERS_TO": {"props": ["dcterms:references"]},
    "REPLACES": {"props": ["dcterms:replaces"]},
    "REPEALS": {"props": ["eli:repeals"]},
    "REPORTS_ON": {"props": ["dcterms:references"]},
    "HOLDS_POST": {"props": ["org:holds"]},
    "POST_IN": {"props": ["org:postIn"]},
    "ATTENDED_BY": {"props": ["schema:attendee"]},
    "OF_UNIT": {"props": ["schema:areaServed"]},
    "ASSIGNED_TO": {"props": ["prov:wasAssociatedWith"],
                    "qualified": {"link": "prov:qualifiedAssociation", "class": "prov:Association",
                                  "agent": "prov:agent", "role": "role"}},
    "LED_BY": {"props": [], "qualified": {"link": None, "class": None, "agent": None, "role": "role"}},
}


@dataclass(frozen=True)
class Prov:
    """Where a fact was read: its notice's key and the span of its text (the file and sha256 are the notice's)."""

    notice: str
    span: tuple[int, int] | None = None
    by: str | None = None


# what the questions and the ingest look nodes and edges up by, besides a node's key: a server store (Neo4j)
# makes a range index of each (the embedded store finds keys through its primary keys and scans the rest)
INDEXES: dict = {
    "nodes": {"Agency": ["name_key"], "Committee": ["name_key"], "AgencyGroup": ["name_key"],  # find_orgs
              "Person": ["name_key"],  # find_people
              "Document": ["number_key"],  # find_documents (STARTS WITH)
              "Task": ["id", "notice",  # find_tasks; removing a notice's own nodes
                       "deadline_end", "order_key"],  # deadlines_count/_page/_keys filter and sort on them
              "Meeting": ["notice"],
              "JournalEntry": ["target", "doc_id"]},  # replaying the entries of the tasks an ingest wrote
    "rels": {t: ["notice"] for t in SCHEMA["rels"]},  # removing (and saving) a notice's edges
}


# lookup tables: the embedded store finds a node without a scan through its primary key only, so a question that
# looks nodes up by another value (a task's public id, a document number as typed) reads a small node keyed by that
# value, linked to the nodes it names. Written with those nodes, removed when nothing links to it (kg/lookups.py); not
# facts of the graph (no provenance, no RDF, no views). A store whose ``key_lookups`` is false (Neo4j: range indexes
# of :data:`INDEXES`) has the tables but writes none and is asked through the indexed properties.
#   label: {"of": the label looked up, "rel": the relation from it to the lookup node, "by": its property read}
LOOKUPS: dict = {
    "TaskIdLookup": {"of": "Task", "rel": "HAS_ID", "by": "id"},  # find_tasks_by_lookup: the public id
    "NumberLookup": {"of": "Document", "rel": "HAS_NUMBER", "by": "number_key"},  # find_documents_by_lookup
}


# tasks kept by when they are due: the embedded store would scan the whole task table to count or page the tasks due
# in a range of days (``kg deadlines``), so every task with a deadline (and no recurrence) is linked to a
# ``DeadlineDay`` node of its ``deadline_end`` (``day``), one per day and span of notice dates (key: the day and the
# span, :func:`due_group`, so that a page inside a day of thousands of tasks reads one span of them), and every
# recurring task to the node of its kind of recurrence (key: 'R' and its rule, day and notice day: after every ISO day).
# Each node holds how many tasks it groups (``n``) and the days those marked done were done (``done``, ISO, sorted), so
# a total by status is a sum over the days of a range and a page walks the groups in order (kg/days.py). Kept with the
# tasks like the lookup tables (not facts of the graph: no provenance, RDF nor views; only a store whose
# ``key_lookups`` is true).
DUE: dict = {"label": "DeadlineDay", "rel": "DUE_ON", "of": "Task",
             "props": {"day": "STRING", "n": "INT64", "done": "STRING[]", "recurrence_rule": "STRING",
                       "recurrence_on": "STRING", "notice_day": "INT64"},
             # what a task's group and done list are computed from (:func:`due_group`)
             "reads": ("deadline_end", "recurrence_rule", "recurrence_on", "order_key", "done_on"),
             "span": 128}  # notice days (order_key // ORDER_DATE_UNIT: 4 a day) a dated group spans: about a month

# an agency's tasks kept in order: ``kg workload`` (and ``kg show`` of an agency) listed a page of an agency's tasks by
# sorting all of them (39,000 for a provincial UBND at 100,000 notices: 100-150 ms), so every ASSIGNED_TO edge holds
# ``due``, the bucket of its task (:func:`assigned_due`: its deadline's day, then a span of its notice's dates, as the
# DeadlineDay groups), whose order agrees with the listing's (deadline_end, order_key). A page counts the agency's
# edges by bucket (the edges alone, not the tasks: the total is their sum) and sorts the tasks of the buckets it spans
# only. Kept with the tasks by kg/days.py like :data:`DUE` (only a store whose ``key_lookups`` is true; not a fact of
# the graph: no provenance, RDF nor views, so not among SCHEMA's properties: :func:`store_spec` adds it).
ASSIGNED_DUE: dict = {"rel": "ASSIGNED_TO", "prop": "due", "type": "INT64", "of": "Task",
                      "reads": ("deadline_end", "order_key"),
                      "span": 128,  # notice days (order_key // ORDER_DATE_UNIT: 4 a day) a bucket spans: about a month
                      "bits": 13,  # the span's number (up to 2**19 // 128 = 4096: none) below the day's
                      "no_day": 1 << 22}  # the day number of a task due on no day: after every day (as NULLs sort)


def number_prefixes(number_key: str | None) -> list[str]:
    """What a document's number is looked up by: each of its prefixes that ends before a separator, and itself
    (what :func:`kg.resolve.doc_matches` accepts as a typed number).

    >>> number_prefixes("02/2026/NQ-HDND")
    ['02', '02/2026', '02/2026/NQ', '02/2026/NQ-HDND']
    >>> number_prefixes("141"), number_prefixes(None)
    (['141'], [])
    """
    if not number_key:
        return []
    return [number_key[:i] for i, c in enumerate(number_key) if c in "/-" and i > 0] + [number_key]


def lookup_values(lookup: str, row: dict) -> list[str]:
    """The keys of ``lookup``'s nodes that a node's ``row`` (of the label it looks up) is linked to.

    >>> lookup_values("TaskIdLookup", {"key": "task:d/NV-1a2b3c", "id": "NV-1a2b3c"})
    ['NV-1a2b3c']
    >>> lookup_values("NumberLookup", {"key": "doc:141/KH-UBND@tinh-lao-cai", "number_key": "141/KH-UBND"})
    ['141', '141/KH', '141/KH-UBND']
    """
    value = row.get(LOOKUPS[lookup]["by"])
    if lookup == "NumberLookup":
        return number_prefixes(value)
    return [value] if value else []


def store_spec(lookups: bool = True, days: bool | None = None, due: bool | None = None) -> dict:
    """The schema in the form stores take: every node table keyed by ``key`` (the lookup tables of :data:`LOOKUPS`
    included unless ``lookups`` is false, the DeadlineDay groups of :data:`DUE` unless ``days`` is false (default: as
    ``lookups``), the ``due`` of :data:`ASSIGNED_DUE` on ASSIGNED_TO unless ``due`` is false (default: as ``days``): a
    reader of a store older than them), and the ``indexes`` the questions use (:data:`INDEXES`; only a server store
    needs them)."""
    looked = LOOKUPS if lookups else {}
    days = lookups if days is None else days
    due = days if due is None else due
    extra = {ASSIGNED_DUE["rel"]: {ASSIGNED_DUE["prop"]: ASSIGNED_DUE["type"]}} if due else {}
    return {
        "nodes": {**{label: {"key": "key", "props": {"key": "STRING", **props}} for label, props in SCHEMA["nodes"].items()},
                  **{label: {"key": "key", "props": {"key": "STRING"}} for label in looked},
                  **({DUE["label"]: {"key": "key", "props": {"key": "STRING", **DUE["props"]}}} if days else {})},
        "rels": {**{t: {"pairs": r["pairs"], "props": {**r["props"], **extra.get(t, {})}} for t, r in SCHEMA["rels"].items()},
                 **{lk["rel"]: {"pairs": [[lk["of"], label]], "props": {}} for label, lk in looked.items()},
                 **({DUE["rel"]: {"pairs": [[DUE["of"], DUE["label"]]], "props": {}}} if days else {})},
        "indexes": {"nodes": {k: list(v) for k, v in INDEXES["nodes"].items()},
                    "rels": {k: list(v) for k, v in INDEXES["rels"].items()}},
    }


def search_text(*parts: object) -> str:
    """What search matches on, written at ingest: the parts folded (no case, no diacritics, đ = d), so that words
    typed with or without diacritics find them on every store without a full-text extension.

    >>> search_text("97/TB-UBND", "Kết luận của đồng chí Đoàn Thanh Sơn", None)
    '97/tb-ubnd ket luan cua dong chi doan thanh son'
    """
    text = " ".join(str(p) for p in parts if p)
    return fold(text) if len(text) < 200 else fold_text(text)  # (a long text is seldom met twice: not remembered)


SEARCH_FIELDS = {"Notice": ("number", "title", "issuer", "path"), "Task": ("id", "text"),
                 "Document": ("number", "type", "title")}  # what search_text folds, per label


def task_key(task_id: str, doc_id: str) -> str:
    """A task node's key: its document's identity, then its public id ('NV-7f3a2c', unique within the document).

    >>> task_key("NV-7f3a2c", "ubnd-tinh-lang-son/ke-hoach/141-kh-ubnd/2026")
    'task:ubnd-tinh-lang-son/ke-hoach/141-kh-ubnd/2026/NV-7f3a2c'
    """
    return f"task:{doc_id}/{task_id}"


TASK_REF_SEP = "@"  # a task's id and what names its document: 'NV-7f3a2c@141/KH-UBND'


def task_ref(task_id: str, doc_id: str) -> str:
    """What names one task in any store: its public id, '@' and its document's identity. Six hex digits name a task
    within its document; across a big store several documents' tasks share one (at 100,000 notices, about one task
    in seven), and this form, which ``kg show task``, ``kg done`` and the web app's task pages accept, tells them apart.

    >>> task_ref("NV-7f3a2c", "ubnd-tinh-lang-son/ke-hoach/141-kh-ubnd/2026")
    'NV-7f3a2c@ubnd-tinh-lang-son/ke-hoach/141-kh-ubnd/2026'
    """
    return f"{task_id}{TASK_REF_SEP}{doc_id}"


_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_EPOCH = dt.date(1900, 1, 1)
ORDER_BITS = (19, 31, 13)  # task_order_key: the notice date, the notice, the ordinal (63 bits: a positive INT64)


def task_order_key(notice_date: str | None, notice: str, ordinal: int | None) -> int:
    """One INT64 that orders tasks as (notice date, notice key, ordinal) do, written at ingest as ``Task.order_key``:
    listings sort and page on it alone, without joining Notice and without sorting text.

    The date (ISO, full or partial: '2026', '2026-05' sort before '2026-05-01' as the strings do; none or
    unreadable: first) takes the high bits, then the first 31 bits of the notice key's hash (the key is
    ``notice:`` and hex digits, so their order is the keys' order), then the ordinal (up to 8191). Two notices of one
    date that share those 31 bits (about one pair in 2**31) interleave their tasks by ordinal; a task's key breaks
    any tie left (see kg.graph).

    >>> task_order_key("2026-05-01", "notice:00000010ff", 3) < task_order_key("2026-05-01", "notice:00000012", 1)
    True
    >>> sorted(["2026-05-01", "2026-05", None, "2026", "2026-04-30"], key=lambda d: task_order_key(d, "notice:ab", 1))
    [None, '2026', '2026-04-30', '2026-05', '2026-05-01']
    >>> 0 < task_order_key("2099-12-31", "notice:ffffffff", 99999) < 2 ** 63
    True
    """
    date_bits, notice_bits, ordinal_bits = ORDER_BITS
    day = 0
    m = _DATE_RE.fullmatch(notice_date or "")
    if m:
        try:
            first = dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
            precision = 1 if m.group(2) is None else 2 if m.group(3) is None else 3
            day = min(max((first - _EPOCH).days, 0) * 4 + precision, (1 << date_bits) - 1)
        except ValueError:
            day = 0
    hexpart = notice.split(":", 1)[-1][:8]
    try:
        who = int(hexpart, 16) << (32 - 4 * len(hexpart)) if hexpart else 0
    except ValueError:  # a key of another form: a stable hash of it
        who = int(hashlib.sha256(notice.encode()).hexdigest()[:8], 16)
    who >>= 32 - notice_bits
    return (day << (notice_bits + ordinal_bits)) | (who << ordinal_bits) | min(max(int(ordinal or 0), 0),
                                                                                (1 << ordinal_bits) - 1)


ORDER_DATE_UNIT = 1 << (ORDER_BITS[1] + ORDER_BITS[2])  # an order key divided by it: its notice date's part


def order_key_date(part: int | None) -> str | None:
    """The notice date a task's order key holds (``order_key // ORDER_DATE_UNIT``) when it is a full date, else None.

    >>> order_key_date(task_order_key("2026-05-31", "notice:ab", 4) // ORDER_DATE_UNIT)
    '2026-05-31'
    >>> order_key_date(task_order_key("2026-05", "notice:ab", 4) // ORDER_DATE_UNIT), order_key_date(None)
    (None, None)
    """
    if part is None or part % 4 != 3:
        return None
    return (_EPOCH + dt.timedelta(days=part // 4)).isoformat()


def _iso(v) -> str | None:
    return None if v is None or v == "" else v.isoformat()[:10] if hasattr(v, "isoformat") else str(v)[:10]


def due_group(task: dict) -> dict | None:
    """The ``DeadlineDay`` group (:data:`DUE`) a task row (``deadline_end``, ``recurrence_rule``, ``recurrence_on``,
    ``order_key``, ``done_on``; dates or ISO strings) belongs to: its ``key`` and the properties it shares with the
    group's other tasks, and ``done`` (the ISO day it was marked done, or None); None for a task due on no day.
    Grouped as ``deadlines_count`` and ``recurring_counts`` count: a recurring task by its kind of recurrence, whatever
    its deadline, else by its deadline's last day and the span of its notice's date.

    >>> due_group({"deadline_end": "2026-06-30", "order_key": task_order_key("2026-05-02", "notice:ab", 1)})["key"]
    '2026-06-30|01441'
    >>> due_group({"deadline_end": dt.date(2026, 6, 30), "order_key": task_order_key("2026-05-29", "notice:ab", 1)})
    {'key': '2026-06-30|01442', 'day': '2026-06-30', 'recurrence_rule': None, 'recurrence_on': None, 'notice_day': None, 'done': None}
    >>> g = due_group({"recurrence_rule": "monthly", "recurrence_on": "15", "deadline_end": None,
    ...                "order_key": task_order_key("2026-05-02", "notice:ab", 1), "done_on": dt.date(2026, 6, 1)})
    >>> g["key"], order_key_date(g["notice_day"]), g["done"]
    ('R["monthly", "15", 184571]', '2026-05-02', '2026-06-01')
    >>> due_group({"deadline_end": None, "recurrence_rule": None}) is None
    True
    """
    done = _iso(task.get("done_on"))
    rule = task.get("recurrence_rule")
    if rule is not None:
        on, ok = task.get("recurrence_on"), task.get("order_key")
        day = None if ok is None else ok // ORDER_DATE_UNIT
        return {"key": "R" + json.dumps([rule, on, day], ensure_ascii=False), "day": None, "recurrence_rule": rule,
                "recurrence_on": on, "notice_day": day, "done": done}
    end = _iso(task.get("deadline_end"))
    if end is None:
        return None
    ok = task.get("order_key")  # the span of notice dates: groups in key order are in (deadline, order key) order
    span = "~" if ok is None else f"{ok // ORDER_DATE_UNIT // DUE['span']:05d}"
    return {"key": f"{end}|{span}", "day": end, "recurrence_rule": None, "recurrence_on": None, "notice_day": None,
            "done": done}


def assigned_due(task: dict) -> int:
    """The bucket (:data:`ASSIGNED_DUE`) of a task row (``deadline_end``: a date or ISO day, or None; ``order_key``):
    the days from 1900-01-01 to its deadline (none: after every day), then the span of its notice's date (none:
    after every span), in one INT64 whose order never contradicts the listing's (deadline_end, order_key), NULLs last
    (a deadline before 1900: 0, first).
    ``kg.days.ASSIGNED_DUE_CYPHER`` computes the same in the store (the migration); the tests compare the two.

    >>> a = assigned_due({"deadline_end": "2026-06-30", "order_key": task_order_key("2026-05-02", "notice:ab", 1)})
    >>> b = assigned_due({"deadline_end": dt.date(2026, 6, 30), "order_key": task_order_key("2026-05-03", "notice:ff", 9)})
    >>> c = assigned_due({"deadline_end": "2026-07-01", "order_key": task_order_key("2026-01-01", "notice:00", 1)})
    >>> a == b < c < assigned_due({"deadline_end": None, "order_key": 0}) < assigned_due({"deadline_end": None})
    True
    >>> a >> ASSIGNED_DUE["bits"], a % (1 << ASSIGNED_DUE["bits"]) == task_order_key("2026-05-02", "n", 1) // ORDER_DATE_UNIT // 128
    (46201, True)
    """
    end = _iso(task.get("deadline_end"))
    day = ASSIGNED_DUE["no_day"] if end is None else (dt.date.fromisoformat(end) - _EPOCH).days
    if day < 0:
        return 0
    ok = task.get("order_key")
    span = (1 << 19) // ASSIGNED_DUE["span"] if ok is None else ok // ORDER_DATE_UNIT // ASSIGNED_DUE["span"]
    return (day << ASSIGNED_DUE["bits"]) | span


def doc_identity(notice: dict) -> str:
    """A record's document identity: its ``notice.doc_id``, or the one :func:`loaders.ids.record_identity` makes of
    its header when the record has none (records of older versions); the Notice node's ``doc_id`` and the prefix of
    its tasks' keys.

    >>> doc_identity({"doc_id": "ubnd-tinh-x/12-tb-ubnd/2026", "number": "13/TB-UBND"})
    'ubnd-tinh-x/12-tb-ubnd/2026'
    >>> doc_identity({"issuer": "UBND tỉnh Lạng Sơn", "number": "12/TB-UBND", "date": "2026-05-21"}).endswith("/2026")
    True
    """
    return notice.get("doc_id") or record_identity(notice)


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


@lru_cache(maxsize=50000)
def _org_facts(name: str, scope: Scope) -> tuple:
    """What :meth:`GraphBuilder.org` derives from a name in a scope alone (the same for every mention of it):
    (label, key, generic, node properties, successor names, its unit's name)."""
    label = org_label(name)
    rkey, ambiguous = resolve_agency(name, scope)
    nk, _, sc = rkey.partition("@")
    props = {"name": name, "name_key": nk, "scope": sc, "ambiguous": ambiguous}
    unit = None
    if label == "Agency":
        props["kind"] = _agency_kind(name)
    if label == "Committee":
        m = re.search(r"\s(tỉnh|xã|phường|huyện|thị xã|thị trấn|thành phố|đặc khu)(?:\s|$)", name)
        props["level"] = m.group(1) if m else None
        um = re.search(rf"(xã|phường|huyện|thị xã|thị trấn|thành phố|đặc khu|tỉnh)\s+([{UPPER}].*)$", name)
        if um:
            unit = f"{um.group(1)} {um.group(2)}"
    succ = tuple(s.successor for s in successors(name)) if label == "Agency" else ()
    return label, f"{label.lower()}:{rkey}", generic_role(name), props, succ, unit


class GraphBuilder:
    """Accumulates the nodes and edges of many records, as the rows the stores write.

    ``nodes`` maps a node's key to its row (``key`` and every property :data:`SCHEMA` gives its label, None when
    unknown, ``[]`` for an unknown list), ``labels`` a key to its label; ``edges`` maps an edge's identity
    (endpoints, type, notice, role) to its row (``a``, ``b`` and every property of its type, provenance
    included). :meth:`node_rows` and :meth:`edge_rows` group them as the stores write them (per label, per
    relation type and endpoint labels); :attr:`g` is the same graph as a :class:`networkx.MultiDiGraph`.
    """

    def __init__(self) -> None:
        self.nodes: dict[str, dict] = {}
        self.labels: dict[str, str] = {}
        self.edges: dict[tuple, dict] = {}
        self._types: dict[tuple, str] = {}  # edge identity -> relation type
        # (name, scope, notice, members) -> the org's key: a name met again in the same notice adds nothing (its
        # node's properties are the same, its edges are identified by their notice), so it is not added again
        self._orgs: dict[tuple, str] = {}

    @property
    def g(self) -> nx.MultiDiGraph:
        """The graph built so far: nodes with ``label`` and their properties, edges with ``type`` and theirs."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for k, row in self.nodes.items():
            g.add_node(k, label=self.labels[k], **row)
        for ident, row in self.edges.items():
            a, b, ek = ident
            g.add_edge(a, b, key=ek, type=self._types[ident], **{p: v for p, v in row.items() if p not in ("a", "b")})
        return g

    def node_rows(self) -> dict[str, list[dict]]:
        """The nodes per label, each a row with ``key`` and every property of the label."""
        out: dict[str, list[dict]] = {}
        for k, row in self.nodes.items():
            out.setdefault(self.labels[k], []).append(row)
        return out

    def edge_rows(self) -> dict[tuple[str, str, str], list[dict]]:
        """The edges per (type, label of ``a``, label of ``b``), each a row with ``a``, ``b`` and every property
        of the type."""
        out: dict[tuple[str, str, str], list[dict]] = {}
        labels = self.labels
        for ident, row in self.edges.items():
            out.setdefault((self._types[ident], labels[ident[0]], labels[ident[1]]), []).append(row)
        return out

    # -- primitives
    def node(self, label: str, key: str, prov: Prov | None = None, **props) -> str:
        d = self.nodes.get(key)
        if d is not None:  # a value fills a property left unknown (None, '' or []); 'ambiguous' False wins
            for k, v in props.items():
                if v is None or v == "" or v == []:
                    continue
                have = d.get(k)
                if have is None or have == "" or have == []:
                    d[k] = v
                elif k == "ambiguous" and v is False:
                    d[k] = False
        else:
            d = self.nodes[key] = dict(_EMPTY_NODE[label])
            d["key"] = key
            for k, v in props.items():
                d[k] = list(v) if type(v) is list else v
            self.labels[key] = label
        if prov is not None and label != "Notice" and label not in OWN_LINK:  # (own nodes: their notice's edge)
            self.edge("MENTIONED_IN", key, prov.notice, prov)
        return key

    def edge(self, rtype: str, a: str, b: str, prov: Prov, **props) -> None:
        # one edge per (type, endpoints, notice, distinguishing props): re-adding is a no-op
        ident = (a, b, (rtype, prov.notice, (("role", str(props["role"])),) if "role" in props else ()))
        if ident in self.edges:
            return
        row = dict(_EMPTY_EDGE[rtype])
        row["a"], row["b"] = a, b
        row.update(props)
        span = prov.span
        row["notice"] = prov.notice
        row["span_start"], row["span_end"] = span if span else (-1, -1)
        row["by"] = prov.by
        self.edges[ident] = row
        self._types[ident] = rtype

    def org(self, name: str, scope: Scope, prov: Prov, members: list[str] | None = None) -> str:
        seen = (name, scope, prov.notice, tuple(members) if members else ())
        key = self._orgs.get(seen)
        if key is not None:
            return key
        self._orgs[seen] = key = self._add_org(name, scope, prov, members)
        return key

    def _add_org(self, name: str, scope: Scope, prov: Prov, members: list[str] | None) -> str:
        label, key, generic, props, succ, unit = _org_facts(name, scope)
        if generic:  # 'Nhà đầu tư', 'các đơn vị liên quan': whoever plays the role in this notice
            key += "#" + prov.notice
        self.node(label, key, prov, **props)
        for s in succ:  # the 2025 reorganisation: linked to its successor, never merged into it
            self.edge("SUCCEEDED_BY", key, self.org(s, scope, prov), prov)
        if unit is not None:
            self.edge("OF_UNIT", key, self.unit(unit, scope, prov), prov)
        if label == "AgencyGroup":  # members enumerated by the notice ('UBND các xã: Chi Lăng, Nhân Lý')
            for m in members or []:
                mk = self.org(m, scope, prov)
                if self.labels[mk] != "AgencyGroup":
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

    def link_misspellings(self) -> list[tuple[str, str, str]]:
        """MISSPELLING_OF edges between agencies of one scope (see :func:`kg.resolve.misspelling_links`)."""
        mentions: dict[str, int] = {}
        first: dict[str, str] = {}
        for (a, b, ek) in self.edges:
            if ek[0] == "MENTIONED_IN":
                mentions[a] = mentions.get(a, 0) + 1
                first.setdefault(a, b)
        orgs = [{"key": k, "name": d.get("name"), "scope": d.get("scope"), "mentions": mentions.get(k, 0)}
                for k, d in self.nodes.items() if self.labels[k] == "Agency"]
        links = misspelling_links(orgs)
        for a, b, why in links:
            self.edge("MISSPELLING_OF", a, b, Prov(first[a]))
        return links

    # -- a whole record
    def add_record(self, rec: dict) -> str:
        scope = scope_of(rec)
        n = rec["notice"]
        src = rec["source"]
        nk = notice_key(rec)
        base = Prov(nk)
        signer = n.get("signer") or {}
        doc_id = doc_identity(n)
        self.node("Notice", nk, None, doc_id=doc_id, number=n.get("number"), issuer=n.get("issuer"), date=n.get("date"),
                  title=n.get("title"), kind=n.get("kind"), place=n.get("place"), path=src["path"], sha256=src["sha256"],
                  signer=signer.get("name"), signer_title=signer.get("title"), recipients=list(n.get("recipients") or []),
                  scope=scope.key, fingerprint=src.get("fingerprint"),
                  ocr=min((float(p["confidence"]) for p in src.get("ocr_pages") or []), default=None),
                  search=search_text(n.get("number"), n.get("title"), n.get("issuer"), src["path"]))
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
        if n.get("number") and re.search(r"\d", n["number"]):  # the document this record is, as others cite it
            typ = (n.get("kind") or "").capitalize() or None
            dk = "doc:" + document_key(n["number"], scope, n.get("issuer"), typ)
            doc_keys[n["number"]] = dk
            self.node("Document", dk, base, number=n["number"], number_key=dk.split(":", 1)[1].split("@")[0], type=typ,
                      date=n.get("date"), issuer=n.get("issuer"), title=n.get("title"), ambiguous=False)
            self.edge("IS_DOCUMENT", nk, dk, base)
            if n.get("issuer"):
                self.edge("ISSUED_BY", dk, self.org(n["issuer"], scope, base), base)
        for name in rec.get("executors") or []:
            self.edge("RESPONSIBLE_FOR_EXECUTING", self.org(name, scope, base), nk, base)
        for c in rec.get("citations") or []:
            span = tuple(c["spans"][0]) if c.get("spans") else None
            prov = Prov(nk, span)
            dk = "doc:" + document_key(c["number"], scope, c.get("issuer"), c.get("type"))
            doc_keys[c["number"]] = dk
            self.node("Document", dk, prov, number=c["number"], number_key=dk.split(":", 1)[1].split("@")[0],
                      type=c.get("type"), date=c.get("date"), issuer=c.get("issuer"), title=c.get("title"),
                      ambiguous=bool(re.fullmatch(r"\d{1,4}", c["number"])),
                      search=search_text(c["number"], c.get("type"), c.get("title")))
            self.edge("CITES", nk, dk, prov, number=c["number"], date=c.get("date"), issuer=c.get("issuer"),
                      title=c.get("title"))
            if c.get("issuer"):
                self.edge("ISSUED_BY", dk, self.org(c["issuer"], scope, prov), prov)
        for r in rec.get("relations") or []:
            a, b = doc_keys.get(r["source"]), doc_keys.get(r["target"])
            if a is None and r.get("source") is None and r.get("kind") == "implements":
                a = nk  # the record itself, unnumbered, carries out the cited document
            if a and b:
                self.edge("IMPLEMENTS" if r.get("kind") == "implements" else "REFERS_TO", a, b, base)

        for f in rec.get("followups") or []:
            dk = doc_keys.get(f.get("target"))
            rtype = {"extends": "EXTENDS", "replaces": "REPLACES", "repeals": "REPEALS", "reports_done": "REPORTS_ON"}.get(
                f.get("kind"))
            if dk and rtype:
                self.edge(rtype, nk, dk, base, **({"deadline": f.get("deadline")} if rtype == "EXTENDS" else {}))

        tasks = rec.get("tasks") or []
        ids = [t.get("id") for t in tasks]
        if not all(ids) or len(set(ids)) < len(ids):  # records written before lasting ids
            ids = assign_task_ids(doc_id, tasks)
        order_base = task_order_key(n.get("date"), nk, 0)  # the notice's part; a task's ordinal is the low bits
        ordinal_max = (1 << ORDER_BITS[2]) - 1
        for i, (t, tid) in enumerate(zip(tasks, ids)):
            span = tuple(t["span"]) if t.get("span") else None
            prov = Prov(nk, span)
            tk = task_key(tid, doc_id)
            dl = t.get("deadline")
            rec_ = t.get("recurrence") or {}
            on = rec_.get("on")
            self.node("Task", tk, prov, id=tid, doc_id=doc_id, deadline_time=t.get("deadline_time"),
                      recurrence_rule=rec_.get("rule"), recurrence_on=None if on is None else str(on),
                      recurrence_text=rec_.get("text"), ref=t.get("ref"), topic=t.get("topic"), text=t.get("text"), deadline=dl,
                      deadline_text=t.get("deadline_text"), deadline_end=last_day(dl) if dl else None, notice=nk,
                      ordinal=i + 1, order_key=order_base | min(i + 1, ordinal_max),
                      span_start=span[0] if span else -1, span_end=span[1] if span else -1,
                      search=search_text(tid, t.get("text")), reason=t.get("reason"),
                      confidence=t.get("confidence"), deadline_reason=t.get("deadline_reason"))
            self.edge("CONTAINS", nk, tk, prov)
            for a in t.get("assignees") or []:
                ok = self.org(a["name"], scope, prov, a.get("members"))
                self.edge("ASSIGNED_TO", tk, ok, prov, role=a.get("role", "lead"), reason=a.get("reason"))
            for r in t.get("report_to") or []:
                self.edge("REPORTS_TO", tk, self.org(r, scope, prov), prov)
            for num in t.get("based_on") or []:
                if num in doc_keys:
                    self.edge("BASED_ON", tk, doc_keys[num], prov)
            for u in _units_in(t.get("text") or ""):
                self.edge("CONCERNS", tk, self.unit(u, scope, prov), prov)
        return nk


# a new node's or edge's row before its properties are set: every property of its label or type, unknown
_EMPTY_NODE = {label: {"key": None, **{p: [] if t.endswith("[]") else None for p, t in props.items()}}
               for label, props in SCHEMA["nodes"].items()}
_EMPTY_EDGE = {t: {"a": None, "b": None, **{p: None for p in r["props"]}} for t, r in SCHEMA["rels"].items()}

_UNIT_RE = re.compile(rf"(?<![\w])(?:xã|phường|huyện|thị trấn)\s+[{UPPER}][\wÀ-ỹ]*(?:\s+[{UPPER}][\wÀ-ỹ]*)*")
_UNIT_SEARCH = StartSearch(_UNIT_RE)  # tried only where a level word stands (8 -> 4 µs a task's sentence)


def _units_in(text: str) -> list[str]:
    out = []
    for m in _UNIT_SEARCH.finditer(text):
        if m.group(0) not in out:
            out.append(m.group(0))
    return out


def build_graph(records: list[dict]) -> nx.MultiDiGraph:
    """One graph from many records (entity resolution by key, provenance on every edge)."""
    b = GraphBuilder()
    for r in records:
        b.add_record(r)
    b.link_misspellings()
    return b.g

