"""The knowledge graph as users see it: ingest notices into a store, ask it questions.

:class:`KnowledgeGraph` wraps a store (the embedded Ladybug database by default) and the
recipe registry (``queries/*.cypher``). Writing is generated from :data:`kg.model.SCHEMA`
(labels and relation types are identifiers from the schema, values are always parameters);
every question is a recipe, so the same text runs on Neo4j too.

Ingest is idempotent and incremental: a notice is its content (sha256). Re-ingesting the
same file changes nothing; a changed file (same path, new content) replaces its own facts
and nothing else; facts shared with other notices survive. Another copy of a document held
(same content fingerprint, see loaders/ids.py) is skipped; the issued version of a held draft
replaces it and keeps its task ids. A removed notice's part of the graph is saved beside the
store first (``<store>.removed/``) so that it can be restored.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from loaders.ids import assign_task_ids, carry_task_ids
from loaders.normalize import fold

from .days import days_in, drop_groups, due_in, groups_of_notices, kept_days, mark_due, with_due, write_derived
from .errors import DiskFullError, KGError
from .lookups import drop_orphan_lookups, lookup_values_of_notices, lookups_in
from .model import (ASSIGNED_DUE, ORDER_DATE_UNIT, SCHEMA, SEARCH_FIELDS, TASK_REF_SEP, GraphBuilder, doc_identity,
                    notice_key, order_key_date, search_text, store_spec, task_ref)
from .recipes import Registry
from .store import is_uri
from .store.rows import create_edges_text, create_nodes_text
from .status import SOON_DAYS, status_of, task_status
from .resolve import DocQuery, doc_matches, misspelling, misspelling_links, name_key, number_key, parse_doc_query, slug, successors

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
NODE_ORDER = ["Notice", "Meeting", "Person", "Post", "Agency", "Committee", "AgencyGroup", "AdminUnit", "Document", "Task",
              "JournalEntry"]
# nodes several notices may mention (the journal belongs to no notice: it outlives them all)
SHARED = [l for l in NODE_ORDER if l not in ("Notice", "Meeting", "Task", "JournalEntry")]


class NotFound(KGError):
    """Nothing in the graph answers the name or number asked for."""


class Ambiguous(KGError):
    """A name or number matches several things; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[dict]):
        super().__init__(message)
        self.candidates = candidates


class Page(list):
    """The rows of one page of an answer (a list), with how many rows the whole answer has (``total``) and where
    the page starts (``offset``). A question asked without a limit gives the whole answer: ``len(page) == total``.

    >>> p = Page([{"task": "a"}, {"task": "b"}], total=5, offset=2)
    >>> len(p), p.total, p.offset, p.complete, Page([1, 2]).complete
    (2, 5, 2, False, True)
    """

    def __init__(self, rows: Iterable = (), total: int | None = None, offset: int = 0):
        super().__init__(rows)
        self.total = len(self) if total is None else total
        self.offset = offset

    @property
    def complete(self) -> bool:
        """Whether the page is the whole answer."""
        return self.offset == 0 and len(self) == self.total


def _check_page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0 or offset < 0:
        raise ValueError(f"limit and offset must not be negative (limit={limit}, offset={offset})")


NO_END = "9999-12-31"  # 'before' when every deadline is wanted
NO_START = "0001-01-01"  # 'after' when every deadline is wanted
LOOKUP_FILES = 16  # ingest: for up to this many files, the stored notices each may be are read for it (then all are)
PAGE_LOOKUPS = 200  # task_rows: up to this many tasks, their assignees are looked up by key (page_assignees)
# what a workload row says of its task (then its role, the assignee it was given to, its notice and status)
WORKLOAD_TASK_FIELDS = ("task", "id", "ordinal", "ref", "text", "deadline", "deadline_end", "deadline_time",
                        "deadline_text", "recurrence_rule", "recurrence_on", "recurrence_text", "done_on", "done_by",
                        "done_note", "deadline_by")


@dataclass(frozen=True)
class Copy:
    """A file not added because the graph holds its document already, from the file ``held``.

    ``by``: ``"content"`` (the same words once the number and day a văn thư fills in are set aside:
    a Word file beside its PDF or text export, with or without a number), ``"number"`` (the same
    issuer, number and date), ``"draft"`` (a draft with the same header and the same task ids, for
    records without a content fingerprint)."""

    path: str
    held: str
    by: str

    def message(self) -> str:
        why = {"content": "cùng nội dung, không kể số và ngày văn thư điền vào",
               "number": "cùng cơ quan, số và ngày",
               "draft": "cùng dự thảo: cơ quan, loại, ngày, trích yếu và nhiệm vụ"}[self.by]
        return f"Bỏ qua: {self.path}: bản sao của {self.held} đã nạp ({why})"


@dataclass(frozen=True)
class Replacement:
    """The issued version of a held draft (the same text, number and day now filled in): it took the
    draft's place, and its tasks kept the draft's ids (``kept_ids`` of them)."""

    path: str
    draft: str  # the path of the draft it replaced
    number: str | None
    kept_ids: int

    def message(self) -> str:
        return (f"Thay dự thảo: {self.path}: bản ban hành (số {self.number}) của dự thảo {self.draft} đã nạp, "
                f"thay chỗ dự thảo và giữ {self.kept_ids} mã nhiệm vụ")


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # a changed file at a path already held
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    copies: list[Copy] = field(default_factory=list)  # another copy of a document held: skipped
    replaced: list[Replacement] = field(default_factory=list)  # the issued version of a held draft
    orphans: list = field(default_factory=list)  # journal entries (kg.journal.Entry) whose task is gone
    where: dict = field(default_factory=dict)  # doc_id -> path of the file written, to name it in lines()
    # how the records were written: "batches" (UNWIND … CREATE, a batch a transaction) or "bulk" (a first load by
    # the engine's bulk loader, kg/bulk.py); "batches (…)" when a bulk load failed and the batches wrote them instead
    loader: str = "batches"
    phases: dict = field(default_factory=dict)  # a bulk load's seconds per step (kg/bulk.py), for the benchmarks

    @property
    def duplicates(self) -> list[tuple[str, str]]:
        """(path, path already holding it) of every copy skipped."""
        return [(c.path, c.held) for c in self.copies]

    def lines(self) -> list[str]:
        """One Vietnamese line per file that was not simply added: copies, replaced drafts, updates."""
        from .journal import ReplayReport

        return ([c.message() for c in self.copies] + [r.message() for r in self.replaced]
                + [f"Cập nhật: {p}: tệp đã đổi nội dung, thay bản đã nạp từ cùng đường dẫn" for p in self.updated]
                + ReplayReport(orphans=self.orphans).lines(self.where))


@dataclass
class _Held:
    """A notice the ingest knows: in the store (``key``) or pending in this run (``slot`` in the pending list)."""

    path: str
    number: str | None
    issuer: str | None
    date: str | None
    doc_id: str | None
    fp: str | None
    key: str | None = None
    slot: int | None = None
    tasks: list[dict] | None = None  # pending: the record's tasks (stored ones are read when needed)
    staged: Any = None  # a bulk load's kg.bulk.Staged of it (its tasks are read back from the spill when needed)


def _number_norm(number: str | None) -> str:
    return re.sub(r"\s+", "", fold(number or ""))


def _names_document(where: str, hit: dict) -> bool:
    r"""Does ``where`` (what follows '@' in a task's reference) name the document of ``hit`` (a row of find_tasks):
    its identity, its notice's number (blanks, case and marks aside), its file's path, name or stem?

    >>> h = {"doc_id": "ubnd-tinh-x/ke-hoach/141-kh-ubnd/2026", "notice_number": "141/KH-UBND",
    ...      "path": "C:\\VanBan\\141-KH.docx"}
    >>> [_names_document(w, h) for w in ("141/kh-ubnd", "141 / KH-UBND", "141-KH.docx", "141-KH", "141")]
    [True, True, True, True, False]
    """
    if where == hit.get("doc_id") or hit.get("notice_number") and _number_norm(where) == _number_norm(hit["notice_number"]):
        return True
    path = hit.get("path") or ""
    name = re.split(r"[\\/]", path)[-1]
    return where in (path, name, name.rsplit(".", 1)[0]) and bool(name)


def same_document(a_number: str | None, a_date: str | None, b_number: str | None, b_date: str | None) -> bool:
    """Whether two texts with one content fingerprint are one document: unless the blanks a văn thư fills
    in are filled differently (two numbers, two full dates), they are.

    >>> same_document(None, "2026-01", "97/TB-UBND", "2026-01-22"), same_document("97/TB", None, "98/TB", None)
    (True, False)
    >>> same_document("97 /TB-UBND", "2026-01-22", "97/tb-ubnd", "2026-01-23")
    False
    """
    if a_number and b_number and _number_norm(a_number) != _number_norm(b_number):
        return False
    return not (a_date and b_date and len(a_date) == len(b_date) == 10 and a_date != b_date)


@dataclass
class _Pending:
    """A record to write, the stored notices it replaces, and how to report it."""

    rec: dict
    olds: list[str]
    kind: str  # "new" | "update"
    replacement: Replacement | None = None
    held: _Held | None = None  # how the run knows it (a pending slot until written, then its key)


def notice_identity(issuer: str | None, number: str | None, date: str | None, doc_id: str | None = None) -> tuple | None:
    """What makes two files the same notice: its issuer, number and date, when it has a number; else its
    document identity (``notice.doc_id``: for a draft, its issuer, type, date and title; see loaders/ids.py)."""
    if not number or not issuer:
        return ("doc", doc_id) if doc_id and "/draft-" in doc_id else None
    return (" ".join(issuer.split()).casefold(), re.sub(r"\s+", "", number).casefold(), date)


def distinct_identity(rec: dict, doc_id: str | None = None) -> dict:
    """A copy of a record whose document identity (``notice.doc_id``) another notice already holds: a draft under
    the same header, or a second document under the same number (a number written twice, a re-issue under
    another date). Its identity takes its content hash (``…-<sha256[:8]>``; ``doc_id`` when given: the one an
    earlier version of the same file had), and its task ids follow, so the two never share a task's key.

    >>> r = {"source": {"sha256": "ab12cd34" + "0" * 56}, "notice": {"doc_id": "ubnd-tinh-x/12-tb-ubnd/2026"},
    ...      "tasks": [{"text": "Sở Y tế kiểm tra.", "assignees": [{"name": "Sở Y tế"}]}]}
    >>> d = distinct_identity(r)
    >>> d["notice"]["doc_id"], d["tasks"][0]["id"] != distinct_identity(r, "ubnd-tinh-x/12-tb-ubnd/2026-ffff0000")["tasks"][0]["id"]
    ('ubnd-tinh-x/12-tb-ubnd/2026-ab12cd34', True)
    """
    out = {**rec, "notice": dict(rec["notice"]), "tasks": [dict(t) for t in rec.get("tasks") or []]}
    base = doc_identity(rec["notice"])
    out["notice"]["doc_id"] = doc_id or f"{base}-{rec['source']['sha256'][:8]}"
    for t, tid in zip(out["tasks"], assign_task_ids(out["notice"]["doc_id"], out["tasks"])):
        t["id"] = tid
    return out


REMOVED_FORMAT = "chidao-kg removed notice 1"


@dataclass(frozen=True)
class RemovedNotice:
    """A removed notice saved for :meth:`KnowledgeGraph.restore_removed`."""

    file: Path  # <store>.removed/<time>-<key>.json
    key: str
    path: str
    number: str | None
    title: str | None
    removed_at: str
    tasks: int

    @classmethod
    def of(cls, file: Path, entry: dict) -> "RemovedNotice":
        n = entry.get("notice") or {}
        return cls(file, n.get("key", ""), n.get("path", ""), n.get("number"), n.get("title"),
                   entry.get("removed_at", ""), len((entry.get("nodes") or {}).get("Task") or []))

    def as_row(self) -> dict:
        return {"key": self.key, "path": self.path, "number": self.number, "title": self.title,
                "removed_at": self.removed_at, "tasks": self.tasks, "file": str(self.file)}


def _iso_day(text: str | None) -> dt.date | None:
    """A full ISO date as a date ('2026-06-30'), else None (what ``date(text)`` would refuse).

    >>> _iso_day("2026-06-30"), _iso_day("2026-06"), _iso_day(None)
    (datetime.date(2026, 6, 30), None, None)
    """
    try:
        return dt.date.fromisoformat(text) if text and len(text) == 10 else None
    except ValueError:
        return None


def _jsonable(row: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v for k, v in row.items()}


def _path_forms(p: str) -> set[str]:
    """A path as given and as an absolute path, normalised (case too where the system ignores it)."""
    forms = {os.path.normcase(os.path.normpath(p))}
    try:
        forms.add(os.path.normcase(str(Path(p).expanduser().resolve())))
    except (OSError, RuntimeError, ValueError):
        pass
    return forms


def default_store_path() -> Path:
    """``$KG_STORE`` when it is a path, else a per-user data folder (``$XDG_DATA_HOME/chidao-kg/graph.lbug``)."""
    env = os.environ.get("KG_STORE")
    if env and not is_uri(env):
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "chidao-kg" / "graph.lbug"


def store_target(store: str | os.PathLike | None = None) -> str | Path:
    """The store a command works on: ``store`` (``--store``) first, then ``$KG_STORE``, then the default
    embedded path. A ``neo4j://``, ``neo4j+s://``, ``bolt://`` or ``bolt+s://`` URI stays a string;
    anything else is a path."""
    for value in (store, os.environ.get("KG_STORE")):
        if value is None or value == "":
            continue
        if isinstance(value, str) and is_uri(value):
            return value
        return Path(value).expanduser()
    return default_store_path()


def _q(name: str) -> str:
    if not _IDENT.match(name):
        raise KGError(f"not an identifier: {name!r}")
    return f"`{name}`"


def _value(t: str) -> Callable[[str], str]:
    if t == "DATE":
        return lambda f: f"date(row.{f})"
    return lambda f: f"row.{f}"


RICHEST = {"Document": ("date", "issuer", "title")}  # a document keeps the richest value any citation gave
# where a citing notice gives a document those values (queries/document_cited_attributes.cypher): the citation's own
# properties, or the notice's where the notice is the document
CITED_ATTRIBUTES = {"CITES": "edge", "IS_DOCUMENT": "notice"}
OWN = ("Notice", "Meeting", "Task")  # nodes of one notice: always new when written (old versions are removed first)


def node_write(label: str) -> str:
    props = SCHEMA["nodes"][label]
    sets_create = ", ".join(f"n.{_q(p)} = {_value(t)(p)}" for p, t in props.items())
    if label in OWN:  # CREATE: MERGE would look each key up in a table that only grows
        prop_map = ", ".join(f"{_q(p)}: {_value(t)(p)}" for p, t in {"key": "STRING", **props}.items())
        return f"UNWIND $rows AS row CREATE (n:{_q(label)} {{{prop_map}}})"

    def on_match(p: str, t: str) -> str:
        v = _value(t)(p)
        if p in RICHEST.get(label, ()):
            return (f"n.{_q(p)} = CASE WHEN {v} IS NOT NULL AND (n.{_q(p)} IS NULL OR size({v}) > size(n.{_q(p)})) "
                    f"THEN {v} ELSE n.{_q(p)} END")
        return f"n.{_q(p)} = coalesce(n.{_q(p)}, {v})"

    sets_match = ", ".join(on_match(p, t) for p, t in props.items())
    return (f"UNWIND $rows AS row MERGE (n:{_q(label)} {{key: row.key}}) "
            f"ON CREATE SET {sets_create} ON MATCH SET {sets_match}")


def node_create(label: str) -> str:
    """CREATE of new nodes (keys the store does not hold): every property from the row."""
    return create_nodes_text(label, SCHEMA["nodes"][label])


def node_update(label: str, props: Iterable[str]) -> str:
    """SET of ``props`` on nodes the store holds, found by key."""
    types = SCHEMA["nodes"][label]
    sets = ", ".join(f"n.{_q(p)} = {_value(types[p])(p)}" for p in props)
    return f"UNWIND $rows AS row MATCH (n:{_q(label)} {{key: row.key}}) SET {sets}"


def merged_value(label: str, prop: str, held: Any, new: Any) -> Any:
    """What :func:`node_write`'s MERGE leaves in a property of a node the store holds: the value held unless it
    is null; a document's date, issuer and title the richest (longest) value given.

    >>> merged_value("Agency", "name", None, "Sở Y tế"), merged_value("Agency", "name", "Sở Y tế", "Sở Y Tế")
    ('Sở Y tế', 'Sở Y tế')
    >>> merged_value("Document", "title", "về việc A", "về việc A và B")
    'về việc A và B'
    """
    if prop in RICHEST.get(label, ()):
        return new if new is not None and (held is None or len(new) > len(held)) else held
    return held if held is not None else new


def richest_citation(held: tuple[str, str] | None, value: str | None, notice: str) -> tuple[str, str] | None:
    """What a document keeps of a date, issuer or title the notices citing it give (and those that are it): of
    ``held`` (value, notice) and ``value`` given by ``notice``, the longest value, and of equally long ones the
    value of the first notice by key. The order the citations come in does not matter.

    >>> richest_citation(None, "về việc A", "notice:b")
    ('về việc A', 'notice:b')
    >>> richest_citation(("về việc A", "notice:b"), "về việc B", "notice:a"), richest_citation(("về A", "n:1"), "", "n:0")
    (('về việc B', 'notice:a'), ('về A', 'n:1'))
    """
    if not value:
        return held
    if held is None or len(value) > len(held[0]) or len(value) == len(held[0]) and notice < held[1]:
        return value, notice
    return held


def kept_citations(best: Mapping[str, tuple[str, str] | None], held: Mapping[str, Any]) -> dict[str, str | None]:
    """The values :func:`richest_citation` kept for a document, without the notices that gave them, and the search
    text (``kg.model.SEARCH_FIELDS``) of ``held``, the document as it is, once it has them.

    >>> kept_citations({"title": ("về việc A", "notice:b"), "date": None}, {"number": "5/KH-UBND", "title": "x"})
    {'title': 'về việc A', 'date': None, 'search': '5/kh-ubnd ve viec a'}
    """
    kept = {f: v and v[0] for f, v in best.items()}
    row = {**held, **kept}
    return {**kept, "search": search_text(*(row.get(f) for f in SEARCH_FIELDS["Document"]))}


def edge_write(rtype: str, a: str, b: str) -> str:
    """CREATE, not MERGE: every edge belongs to one notice, and a notice's edges are written once, after its
    old version (if any) is removed. (MERGE would scan the endpoints' edges: slow on busy agencies.)"""
    return create_edges_text(rtype, a, b, SCHEMA["rels"][rtype]["props"])


@dataclass
class Touched:
    """What a write or a removal touched beyond a notice's own nodes: documents (their attributes are
    consolidated) and the scopes of agencies (their misspelling links are recomputed)."""

    docs: set[str] = field(default_factory=set)
    scopes: set[str | None] = field(default_factory=set)


class KnowledgeGraph:
    """A knowledge graph in a store; see the module docstring."""

    def __init__(self, store: Any, registry: Registry | None = None, removed_dir: str | os.PathLike | None = None,
                 announce: Callable[[str], None] | None = None):
        self.store = store
        where = getattr(store, "path", None)
        # removed notices are saved beside the store (<store>.removed/), not inside it: see remove();
        # a server store names its own folder for them
        own = getattr(store, "removed_dir", None)
        self.removed_dir = Path(removed_dir) if removed_dir is not None else Path(own) if own is not None else (
            Path(f"{where}.removed") if where not in (None, "", ":memory:") else None)
        self.recipes = registry or Registry.load()
        from .store.format import ensure_format  # the store's format version: recorded, migrated or refused

        try:
            self.format = ensure_format(store, announce)  # before the schema: a store of a newer format is left untouched
            self.by_lookup = lookups_in(store, self.format)  # else a reader of an older store: asked through scans
            self.by_days = days_in(store, self.format)  # the DeadlineDay groups (kg/days.py), else the scans
            self.by_due = due_in(store, self.format)  # the buckets of the assignments (kg/days.py), else the sorts
            writer = not getattr(store, "read_only", False)
            self.store.ensure_schema(store_spec(lookups=self.by_lookup or writer, days=self.by_days or writer,
                                                due=self.by_due or writer))
        except BaseException:
            store.close()
            getattr(store, "delete_if_created", lambda: None)()  # a store this open made is not left half-made
            raise

    @property
    def store_notices(self) -> list:
        """What the store did on its own (a torn log recovered, a format migrated): one line each to show."""
        return list(getattr(self.store, "notices", []))

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, read_only: bool = False, registry: Registry | None = None,
             announce: Callable[[str], None] | None = None, **options: Any) -> "KnowledgeGraph":
        """Open (creating it on first use) the store at ``path``: the embedded store at a file path (default
        :func:`default_store_path`; ``None`` or ``":memory:"``: in memory), or a Neo4j server for a
        ``neo4j://``, ``neo4j+s://``, ``bolt://`` or ``bolt+s://`` URI (``options`` go to
        :class:`~kg.store.neo4j_store.Neo4jStore`: user, password, database, batch_size, driver).

        ``read_only`` opens an existing store for reading; the engine allows it while another process writes.
        ``buffer_pool_mb`` bounds the embedded engine's memory (default ``$KG_BUFFER_POOL_MB``, else 1 GB:
        :func:`kg.store.ladybug_store.buffer_pool_bytes`). ``registry``: the recipes, when the caller holds them
        already (the web app opens the store for every request; loading the recipes costs about 40 ms).
        ``announce``: given one line (Vietnamese) before a migration of the store's format starts.
        """
        if isinstance(path, str) and is_uri(path):
            from .store.neo4j_store import Neo4jStore

            return cls(Neo4jStore(path, read_only=read_only, **options), registry, announce=announce)
        from .store.ladybug_store import LadybugStore

        p = Path(path) if path not in (None, ":memory:") else path
        if isinstance(p, Path):
            if p.is_dir():
                p = p / "graph.lbug"
            if not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
        return cls(LadybugStore(str(p) if p is not None else ":memory:", read_only=read_only,
                                buffer_pool_mb=options.get("buffer_pool_mb")), registry, announce=announce)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- questions -----------------------------------------------------------------------------------

    def q(self, name: str, **params: Any) -> list[dict]:
        return self.store.run_recipe(self.recipes, name, **params)

    def notices(self) -> list[dict]:
        return self.q("find_notices")

    NOTICE_SORTS = ("number", "date", "issuer", "title", "tasks")

    def list_notices(self, text: str | None = None, sort: str = "date", desc: bool = True, limit: int | None = None,
                     offset: int = 0) -> Page:
        """The notices held, as the notices list shows them (the rows of ``view_notices``: number, date, issuer,
        title, kind, path, scope, meeting date, number of tasks), those whose folded number, title, issuer or path
        hold the folded ``text`` (Notice.search, as the search recipe matches).

        Sorted by ``sort`` (one of :attr:`NOTICE_SORTS`), ascending: by it, then date descending, then key;
        ``desc``: that order reversed for the notices with a value in the column; those without one always come
        last, in the ascending order. A :class:`Page`: with ``limit``, the ``limit`` notices from ``offset``;
        ``total`` counts them all. The store counts, sorts and cuts on the one column (notices_count,
        notices_page, notices_by_tasks) and only the page's notices are read whole (notice_list_rows)."""
        _check_page(limit, offset)
        if sort not in self.NOTICE_SORTS:
            raise ValueError(f"không sắp xếp được theo '{sort}' (chọn: {', '.join(self.NOTICE_SORTS)})")
        folded = " ".join(fold(text or "").split())
        (count,) = self.q("notices_count", text=folded, sort=sort)
        total = count["total"]
        valued = total if sort == "tasks" else count["valued"]
        end = total if limit is None else min(total, offset + limit)
        keys: list[str] = []

        def part(has_value: bool, first: int, n: int) -> list[str]:
            if n <= 0:
                return []
            if sort == "tasks":
                return [r["key"] for r in self.q("notices_by_tasks", text=folded, offset=first, limit=n)]
            return [r["key"] for r in self.q("notices_page", text=folded, sort=sort, valued=has_value, offset=first,
                                             limit=n)]

        if offset < valued:  # the notices with a value: ascending, or the same order read from the other end
            stop = min(end, valued)
            keys = part(True, offset, stop - offset) if not desc else part(True, valued - stop, stop - offset)[::-1]
        if end > valued:  # then those without one
            first = max(offset, valued) - valued
            keys += part(False, first, end - valued - first)
        rows = {r["key"]: r for r in self.q("notice_list_rows", notice_keys=keys)} if keys else {}
        return Page([rows[k] for k in keys], total, offset)

    # -- ingest --------------------------------------------------------------------------------------

    @property
    def journal(self):
        """The journal of people's marks and corrections (:class:`kg.journal.Journal`)."""
        from .journal import Journal

        return Journal(self)

    def ingest(self, records: Iterable[dict], batch: int = 500,
               progress: Callable[[int], None] | None = None, reextract: bool = False,
               report: IngestReport | None = None, bulk: bool | None = None, jobs: int | None = None) -> IngestReport:
        """Add records. What each file is, in the order checked:

        * the same bytes as a notice held: ``unchanged``;
        * another copy of a document held (``source.fingerprint`` equal, see
          :func:`loaders.ids.content_fingerprint`, and the number and date not filled in differently;
          or, without fingerprints, the same issuer, number and date): not added, one :class:`Copy` in
          ``copies``;
        * the issued version of a held draft (a copy that now has a number the draft lacked): replaces
          the draft, its tasks keep the draft's ids, one :class:`Replacement` in ``replaced``;
        * a changed file at a path already held: replaces that notice (``updated``); tasks whose
          sentence is unchanged keep their ids;
        * else ``new``.

        ``reextract``: a file whose bytes the store holds is written again from its new record (the
        extraction rules changed), as an update. After each batch the journal entries of the tasks and
        documents written are replayed onto them in the same transaction (kg/journal.py); entries whose
        task is gone are kept and listed in ``orphans``.

        Records are written in batches (one statement per label and relation type per batch), each
        batch in one transaction: a failure leaves what was ingested before it intact. ``records`` is
        read as a stream: a batch is written as soon as it is full, so memory holds one batch of records
        (and a few fields per notice held), not the corpus. A file that replaces one written earlier in
        the same run (the issued version of a draft in an earlier batch) replaces it as a stored notice.

        ``report``: the report to fill (returned), for a caller that must know what was stored if the ingest is
        interrupted: a batch's files are added to ``new``, ``updated`` and ``replaced`` right after it commits.

        ``bulk``: a first load (a store on disk that holds nothing yet) through the engine's bulk loader
        (kg/bulk.py): the same checks, the same graph, written all at once when the stream ends; nothing is stored
        (nor reported, nor given to ``progress``) before then, and a crash leaves the store empty. None (the default):
        so when the store is empty and ``records`` is a collection of at least :data:`kg.bulk.BULK_MIN` records (a
        stream is never read ahead: its caller knows how many files it holds, ``kg ingest`` does); False: never;
        True: whenever the store is empty. ``report.loader`` says which way they were written. ``jobs``: the
        processes that build a bulk load's files (default: every core, :func:`loaders.parallel.default_jobs`).
        """
        from . import bulk as bulk_load

        report = IngestReport() if report is None else report
        where = getattr(self.store, "path", None)
        if getattr(self.store, "bulk_copy", False) and where:
            bulk_load.clear_bulk_folder(where)  # what a crashed bulk load left
        stage: Any = None
        if bulk is not False and not reextract and getattr(self.store, "bulk_copy", False) and not self.store.in_transaction \
                and self._holds_nothing():
            if bulk is None:  # (a stream is never read ahead: its files are extracted as the batches take them)
                bulk = hasattr(records, "__len__") and len(records) >= bulk_load.BULK_MIN
            if bulk:
                stage = self._stage = bulk_load.Stage(bulk_load.bulk_folder(where))
                started = time.perf_counter()
        known: set[str] = set()  # the keys of the stored notices held below
        by_path: dict[str, _Held] = {}
        by_fp: dict[str, list[_Held]] = defaultdict(list)
        by_ident: dict[tuple, _Held] = {}
        by_doc: dict[str, _Held] = {}

        def hold(h: _Held) -> None:
            by_path[h.path] = h
            if h.fp:
                by_fp[h.fp].append(h)
            if h.doc_id:
                by_doc.setdefault(h.doc_id, h)
            ident = notice_identity(h.issuer, h.number, h.date, h.doc_id)
            if ident is not None:
                by_ident.setdefault(ident, h)

        def drop(h: _Held) -> None:
            if by_path.get(h.path) is h:
                del by_path[h.path]
            if h.fp and h in by_fp[h.fp]:
                by_fp[h.fp].remove(h)
            if h.doc_id and by_doc.get(h.doc_id) is h:
                del by_doc[h.doc_id]
            for ident in [i for i, x in by_ident.items() if x is h]:
                del by_ident[ident]

        # the stored notices a file may be (the same bytes), a copy of, or a new version of: for the first
        # LOOKUP_FILES files, those read for each (one scan of the notice table); past them, every notice at once
        # (one read costs what about that many scans: a big ingest reads it once, one file into a big store never)
        every = False
        looked = 0

        def hold_stored(rows: list[dict]) -> None:
            for r in sorted(rows, key=lambda r: (r["path"] or "", r["key"])):
                if r["key"] not in known:  # (once each: later, the run's own view of it is what counts)
                    known.add(r["key"])
                    hold(_Held(r["path"], r["number"], r["issuer"], r["date"], r["doc_id"], r["fingerprint"],
                               key=r["key"]))

        def held_for(rec: dict) -> None:
            nonlocal every, looked
            if every:
                return
            if looked >= LOOKUP_FILES:
                every = True
                hold_stored(self.q("held_notices"))
                return
            looked += 1
            n = rec.get("notice") or {}
            hold_stored(self.q("held_notices_like", key=notice_key(rec), path=rec["source"]["path"],
                               fp=rec["source"].get("fingerprint"), doc=doc_identity(n), date=n.get("date")))
        pending: list[_Pending | None] = []
        live = 0  # items of pending not cancelled by a later copy
        seen: set[str] = set()
        backfill: list[dict] = []

        def flush() -> None:
            nonlocal pending, live
            todo = [p for p in pending if p is not None]
            pending, live = [], 0
            if stage is not None:  # a bulk load: spilled, written when the stream ends (kg/bulk.py)
                for item in todo:
                    stage.cancel(item.olds)
                    h = item.held
                    h.staged = stage.put(item.rec, item.kind, item.replacement)
                    h.key, h.slot, h.tasks = h.staged.key, None, None
                    known.add(h.key)
                # room for the load's peak, as spilled so far (after the last batch: the whole load, before it builds)
                try:
                    if todo:
                        self.store.check_room(other_bytes=(bulk_load.BULK_DISK_FACTOR - 1) * stage.size)
                except DiskFullError:
                    self._stage = None
                    stage.remove()  # (what was spilled is given back to the disk: nothing was stored)
                    raise
                return
            for i in range(0, len(todo), batch):
                written = self._write_batch(todo[i:i + batch], report)
                done = {id(item) for item in written}
                for item in todo[i:i + batch]:
                    h = item.held
                    if id(item) in done:  # in the store now: known by its key, its tasks read again when needed
                        h.key, h.slot, h.tasks = notice_key(item.rec), None, None
                        known.add(h.key)
                    else:
                        drop(h)
                if progress:
                    progress(len(written))

        with self.store.deferred_checkpoints():  # one checkpoint per few hundred MB of log, not per batch
            for rec in records:
                held_for(rec)
                key = notice_key(rec)
                path = rec["source"]["path"]
                n = rec.get("notice") or {}
                fp = rec["source"].get("fingerprint")
                if key in seen or key in known and not reextract:
                    report.unchanged.append(path)
                    h = by_path.get(path)
                    if key in known and fp and h is not None and h.key == key and not h.fp:
                        h.fp = fp  # stored before fingerprints: record it now, and match later copies against it
                        by_fp[fp].append(h)
                        backfill.append({"key": key, "fp": fp})
                    if progress:
                        progress(1)
                    continue
                number, date = n.get("number"), n.get("date")
                same = next((h for h in by_fp.get(fp) or () if same_document(h.number, h.date, number, date)), None) if fp \
                    else None
                olds: list[_Held] = []
                replaces: _Held | None = None
                if same is not None and same.path != path and not (number and not same.number):
                    report.copies.append(Copy(path, same.path, "content"))
                    if progress:
                        progress(1)
                    continue
                if same is not None:
                    olds.append(same)
                    if same.path != path:
                        replaces = same  # the issued version of a held draft
                else:
                    ident = notice_identity(n.get("issuer"), number, date, doc_identity(n))
                    h = by_ident.get(ident) if ident is not None else None
                    if h is not None and h.path != path:
                        if ident[0] != "doc":
                            report.copies.append(Copy(path, h.path, "number"))
                            if progress:
                                progress(1)
                            continue
                        if not (fp and h.fp) and self._same_draft(rec, h):
                            report.copies.append(Copy(path, h.path, "draft"))
                            if progress:
                                progress(1)
                            continue
                        rec = distinct_identity(rec)  # another draft under the same header: an identity of its own
                if path in by_path and by_path[path] not in olds:
                    olds.append(by_path[path])
                doc = doc_identity(rec["notice"])
                other = by_doc.get(doc)
                if other is not None and other not in olds and other.path != path:
                    # another document under the same identity (the same number, another date): its own, so its
                    # tasks never take the other's keys; a new version of a file keeps the identity it was given
                    prev = next((h.doc_id for h in olds if h.doc_id and h.doc_id.startswith(doc + "-")), None)
                    rec = distinct_identity(rec, prev)
                seen.add(key)
                carried = self._carry_ids(rec, olds[0]) if olds else rec
                replacement = None
                if replaces is not None:
                    kept = len({t.get("id") for t in carried.get("tasks") or []} & self._task_ids(replaces))
                    replacement = Replacement(path, replaces.path, number, kept)
                update = any(h.path == path and (h.key is not None or pending[h.slot].kind == "update") for h in olds)
                old_keys = [h.key for h in olds if h.key is not None]
                for h in olds:
                    drop(h)
                    if h.slot is not None:  # pending in this run: it is not written at all
                        old_keys += pending[h.slot].olds
                        pending[h.slot] = None
                        live -= 1
                        if progress:
                            progress(1)
                h = _Held(path, number, n.get("issuer"), date, doc_identity(carried["notice"]), fp,
                          slot=len(pending), tasks=carried.get("tasks") or [])
                hold(h)
                pending.append(_Pending(carried, old_keys, "update" if update else "new", replacement, h))
                live += 1
                if live >= batch:
                    flush()
            flush()
        if stage is not None:
            report.phases["checks and spill"] = round(time.perf_counter() - started, 2)
            for held in (by_path, by_fp, by_ident, by_doc, known, seen):  # what the checks held: not needed now
                held.clear()
            self._bulk_write(stage, report, batch, progress, jobs)
        if backfill:
            with self.store.transaction():
                self.store.execute_many("UNWIND $rows AS row MATCH (n:Notice {key: row.key}) SET n.fingerprint = row.fp",
                                        backfill, recipe="notice fingerprints")
        return report

    def _write_batch(self, chunk: list[_Pending], report: IngestReport) -> list[_Pending]:
        """Write one batch in one transaction (if it fails, one record at a time, to name the culprit); said in
        ``report``. Returns the items written. Raises :class:`~kg.errors.DiskFullError` before writing when the
        store's disk lacks room for it (the batches written before it stay)."""
        self.store.check_room(notices=len(chunk))
        try:
            report.orphans += self._ingest_chunk(chunk)
        except Exception:  # noqa: BLE001 — the batch rolled back: find the culprit one record at a time
            ok = []
            for item in chunk:
                try:
                    report.orphans += self._ingest_chunk([item])
                    ok.append(item)
                except Exception as e:  # noqa: BLE001
                    report.failed.append((item.rec["source"]["path"],
                                          f"không nạp được vào đồ thị ({type(e).__name__}: {' '.join(str(e).split())[:200]})"))
            chunk = ok
        for item in chunk:
            report.where[doc_identity(item.rec["notice"])] = \
                item.rec["source"]["path"]
            if item.replacement is not None:
                report.replaced.append(item.replacement)
            else:
                (report.updated if item.kind == "update" else report.new).append(item.rec["source"]["path"])
        return chunk

    def _old_tasks(self, h: _Held) -> list[dict]:
        """The tasks of a held notice as records give them (id, text, ref, assignees)."""
        if h.tasks is None and h.staged is not None:
            h.tasks = self._staged_tasks(h.staged)
        if h.tasks is None:
            by_ord: "OrderedDict[Any, dict]" = OrderedDict()
            for r in self.q("notice_tasks", notice_key=h.key):
                t = by_ord.setdefault(r["task"], {"id": r["id"], "text": r["text"], "ref": r["ref"], "assignees": []})
                if r.get("assignee"):
                    t["assignees"].append({"name": r["assignee"], "role": r["role"]})
            h.tasks = list(by_ord.values())
        return h.tasks

    def _task_ids(self, h: _Held) -> set[str]:
        return {t.get("id") for t in self._old_tasks(h)}

    def _carry_ids(self, rec: dict, old: _Held) -> dict:
        """``rec`` with the ids of the tasks ``old`` had already (same sentence, same lead)."""
        tasks = rec.get("tasks") or []
        if not tasks or not all(t.get("id") for t in tasks):
            return rec
        ids = carry_task_ids(self._old_tasks(old), tasks)
        if ids == [t.get("id") for t in tasks]:
            return rec
        return {**rec, "tasks": [{**t, "id": i} for t, i in zip(tasks, ids)]}

    def _same_draft(self, rec: dict, h: _Held) -> bool:
        """Without content fingerprints: two files of one draft (its Word and text copies) share (nearly) all
        task ids; two drafts that share a header (issuer, type, date, title) but not their text are two notices."""
        ids = self._task_ids(h)
        mine = {t.get("id") for t in rec.get("tasks") or []}
        if not mine and not ids:
            return True
        return len(mine & ids) >= 0.9 * max(1, len(mine), len(ids))

    def _holds_nothing(self) -> bool:
        """Whether the store holds no node of any label (a first load may go through the bulk loader)."""
        for label in [*NODE_ORDER, *store_spec()["nodes"]]:
            if self.store.run(f"MATCH (n:{_q(label)}) RETURN n.key AS key LIMIT 1", {}, recipe=f"any {label}"):
                return False
        return True

    _stage: Any = None  # the stage of the bulk load running (kg/bulk.py), for _staged_tasks

    def _staged_tasks(self, staged: Any) -> list[dict]:
        return (self._stage.get(staged.offset).get("tasks") or []) if self._stage is not None else []

    def _bulk_write(self, stage: Any, report: IngestReport, batch: int, progress: Callable[[int], None] | None,
                    jobs: int | None = None) -> None:
        """Write the staged records of a first load (kg/bulk.py): a new database beside the store, filled by the
        engine's bulk loader, then put in the empty store's place; the batched path if that fails. Reported (and
        given to ``progress``) once stored."""
        from loaders.parallel import default_jobs, ordered_map

        from .bulk import Tables, build_range
        from .store.ladybug_store import LadybugStore, release_memory

        side_path = stage.folder / "graph.lbug"
        clock = time.perf_counter()

        def lap(step: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            report.phases[step] = round(now - clock, 2)
            clock = now

        try:
            side = KnowledgeGraph(LadybugStore(side_path, buffer_pool_mb=max(1, self.store.buffer_pool_size >> 20)),
                                  self.recipes)
            try:
                spec = store_spec()
                columns = {t: side.store.columns_of(t) for t in [*spec["nodes"], *spec["rels"]]}
                todo = [x for x in stage.items if x.key not in stage.cancelled]
                # contiguous ranges of whole batches, one per process: joined in order, they merge as one would
                n = max(1, min(jobs or default_jobs(), -(-len(todo) // batch)))
                per = max(1, -(-len(todo) // n // batch)) * batch
                stage.close()
                work = [(str(stage.path), [x.offset for x in todo[i:i + per]], str(stage.folder / f"part{k}"), columns,
                         OWN, NODE_ORDER, merged_value, batch) for k, i in enumerate(range(0, len(todo), per))]
                tables = Tables(columns, stage.folder / "shared", OWN, NODE_ORDER, merged_value)
                for built in ordered_map(build_range, work, len(work)):
                    tables.join(built)
                tables.finish()
                release_memory()  # what the builders freed goes back before the engine's copy needs it
                lap("files")
                tables.copy_into(side.store)  # (a transaction per part of each file)
                lap("copy")
                # what the batches compute across notices (documents' attributes were given them by the builders),
                # once over all of them; a transaction a step (the new database is thrown away if anything fails), its
                # plans dropped after it (they keep their results)
                steps = [lambda: side._link_misspellings(None), lambda: side._apply_followups(None)]
                with side.store.deferred_checkpoints():  # (a checkpoint per commit would rewrite the new store's lists)
                    for step in steps:
                        with side.store.transaction():
                            step()
                        side.store.release_plans()
                lap("across notices")
                side.store.checkpoint()
            finally:
                side.close()
            self.store.adopt(side_path)
            lap("checkpoint and rename")
            report.loader = "bulk"
            self._stage = None
        except Exception as e:  # noqa: BLE001 — the engine refused the load: the batches write the records instead
            report.loader = f"batches (bulk: {type(e).__name__}: {' '.join(str(e).split())[:200]})"
            written = IngestReport()
            try:
                with self.store.deferred_checkpoints():
                    todo = [x for x in stage.items if x.key not in stage.cancelled]
                    chunk_items: list[_Pending] = []
                    for n, (item, rec) in enumerate(zip(todo, stage.records()), 1):
                        chunk_items.append(_Pending(rec, [], item.kind, item.replacement))
                        if len(chunk_items) >= batch or n == len(todo):
                            self._write_batch(chunk_items, written)
                            chunk_items = []
            finally:
                self._stage = None
                stage.remove()
            report.failed += written.failed
            report.orphans += written.orphans
        else:
            stage.remove()
        failed = {p for p, _ in report.failed}
        done = [x for x in stage.items if x.key in stage.cancelled or x.path not in failed]
        for item in done:  # as the batches would have said it, each when its batch committed
            report.where[item.doc_id] = item.path
            if item.replacement is not None:
                report.replaced.append(item.replacement)
            else:
                (report.updated if item.kind == "update" else report.new).append(item.path)
        if progress and done:
            progress(len(done))

    def _ingest_chunk(self, chunk: list[_Pending]) -> list:
        with self.store.transaction():
            olds = [k for item in chunk for k in item.olds]
            removed = self._remove(olds) if olds else Touched()
            written = self._write([item.rec for item in chunk])
            # a document keeps the richest attributes any citation gave it, however the notices were batched
            # (within a batch the first citation's would stay) and whatever removals took away
            self._consolidate_documents(removed.docs | written.docs)
            self._link_misspellings(removed.scopes | written.scopes)
            self._apply_followups([notice_key(item.rec) for item in chunk])
            # people's marks and corrections, replayed onto the facts just extracted
            return self._replay_journal([item.rec for item in chunk])

    def _apply_followups(self, notice_keys: list[str] | None) -> None:
        """What later documents say of earlier ones (kg.model EXTENDS, REPORTS_ON), for the notices just written
        (``notice_keys``; None: every notice, as after a first load): what they say of documents held, and what
        notices held say of their documents. A deadline
        extended to a later day moves the earlier document's tasks due before it (the extending notice as the
        source; never a deadline a person set; of several extensions the latest day, then the greatest notice key),
        and a reported completion is proposed on its tasks (``reported_done``: the greatest reporting notice key).

        Every step starts from keys (one primary-key lookup each) and follows one hop, so the cost follows the batch,
        not the store (a pattern of several hops lets the engine start from the far end and scan a table); for every
        notice, the two relationship tables are read whole instead."""
        if notice_keys is not None and not notice_keys:
            return
        run = self.store.run
        said: dict[str, list[dict]] = defaultdict(list)  # document key -> what notices say of it (kind, notice, …)
        if notice_keys is not None:
            keys = sorted(set(notice_keys))
            docs = sorted({r["doc"] for r in run(  # the documents the notices written are
                "UNWIND $keys AS k MATCH (m:Notice {key: k})-[:IS_DOCUMENT]->(d:Document) RETURN d.key AS doc",
                {"keys": keys}, recipe="documents of notices written")})
            written = set(keys)
        for kind in ("EXTENDS", "REPORTS_ON"):
            deadline = "r.deadline" if kind == "EXTENDS" else "NULL"
            what = f"d.key AS doc, {deadline} AS deadline, n.key AS notice, coalesce(n.number, n.path) AS by"
            if notice_keys is None:  # every notice: what each says, read from the relationship table whole
                for r in run(f"MATCH (n:Notice)-[r:{kind}]->(d:Document) RETURN {what}", {},
                             recipe=f"{kind} of every notice"):
                    said[r["doc"]].append({**r, "kind": kind})
                continue
            for r in run(f"UNWIND $keys AS k MATCH (n:Notice {{key: k}})-[r:{kind}]->(d:Document) RETURN {what}",
                         {"keys": keys}, recipe=f"{kind} of notices written"):
                said[r["doc"]].append({**r, "kind": kind})
            for r in run(f"UNWIND $docs AS k MATCH (d:Document {{key: k}})<-[r:{kind}]-(n:Notice) RETURN {what}",
                         {"docs": docs}, recipe=f"{kind} of documents written") if docs else ():
                if r["notice"] not in written:  # (a notice written saying it of a document written: found above)
                    said[r["doc"]].append({**r, "kind": kind})
        if not said:
            return
        holders = run("UNWIND $docs AS k MATCH (d:Document {key: k})<-[:IS_DOCUMENT]-(m:Notice) RETURN d.key AS doc, "
                      "m.key AS notice", {"docs": sorted(said)}, recipe="notices of documents followed up")
        of_notice: dict[str, list[str]] = defaultdict(list)
        for h in holders:
            of_notice[h["notice"]].append(h["doc"])
        tasks = run("UNWIND $keys AS k MATCH (m:Notice {key: k})-[:CONTAINS]->(t:Task) RETURN m.key AS notice, "
                    "t.key AS task, t.deadline_end AS deadline_end, t.deadline_source AS source, t.done_on AS done_on",
                    {"keys": sorted(of_notice)}, recipe="tasks of documents followed up")
        extend: dict[str, dict] = {}
        reported: dict[str, str] = {}
        for t in tasks:
            for doc in of_notice[t["notice"]]:
                for r in said[doc]:
                    if r["kind"] == "EXTENDS":
                        day = _iso_day(r["deadline"])
                        if (day is None or t["deadline_end"] is None or not t["deadline_end"] < day
                                or (t["source"] or "").startswith("J-")):
                            continue
                        b = extend.get(t["task"])
                        if b is None or (r["deadline"], r["notice"]) > (b["deadline"], b["notice"]):
                            extend[t["task"]] = {"task": t["task"], "deadline": r["deadline"], "notice": r["notice"],
                                                 "by": r["by"]}
                    elif t["done_on"] is None:
                        reported[t["task"]] = max(r["notice"], reported.get(t["task"], ""))
        if extend:
            with kept_days(self.store, extend):  # the tasks move to their new DeadlineDay (kg/days.py)
                self.store.execute_many(
                    "UNWIND $rows AS row MATCH (t:Task {key: row.task}) SET t.deadline = row.deadline, "
                    "t.deadline_end = date(row.deadline), t.deadline_by = row.by, t.deadline_source = row.notice",
                    [extend[k] for k in sorted(extend)], recipe="deadline extensions")
        if reported:
            self.store.execute_many("UNWIND $rows AS row MATCH (t:Task {key: row.task}) SET t.reported_done = row.notice",
                                    [{"task": k, "notice": v} for k, v in sorted(reported.items())],
                                    recipe="reported completions")

    def _replay_journal(self, records: list[dict]) -> list:
        """Replay the journal entries of these records' tasks and documents (inside the caller's transaction);
        the entries whose task is gone."""
        ids = {t.get("id") for r in records for t in r.get("tasks") or [] if t.get("id")}
        docs = {doc_identity(r["notice"]) for r in records}
        j = self.journal
        entries = j.entries(ids=ids, doc_ids=docs)
        return j.replay(entries).orphans if entries else []

    # -- finding and removing notices ------------------------------------------------------------------

    def find_notices(self, text: str) -> list[dict]:
        """The notices ``text`` names exactly, never by a part of a name: its key (``notice:<24 hex>`` or the 24
        hex digits), its sha256, its ``doc_id``; its number as written (``Số``: case, accents and blanks
        aside, so '7432/ubnd-xd' is '7432 /UBND-XD'); its path as ingested or as an absolute path, or the
        file's name or stem. Nothing for blank text. Several rows: the caller must ask which. (A stored path that
        is itself a link is found by its own name, not by the name of the file it links to; a held notice's key
        names that notice alone.)"""
        t = " ".join((text or "").split())
        if not t:
            return []
        if re.fullmatch(r"(?:notice:)?[0-9a-f]{24}", t):  # a key (what the pages link by): looked up in the key index
            held = self.q("find_notice_by_key", key=t if t.startswith("notice:") else "notice:" + t)
            if held:
                return held
        num = _number_norm(t) if re.search(r"\d", t) else None
        given = _path_forms(t)
        real = Path(t).name
        try:
            real = Path(t).expanduser().resolve().name
        except (OSError, RuntimeError, ValueError):
            pass
        # the store keeps the notices that may match (find_notices_by), the exact test is the one below
        held = self.q("find_notices_by", text=t, key="notice:" + t, number=num or "", head=(num or " ")[0],
                      width=2 * len(num or ""), file=fold(Path(t).name) or t, real=fold(real) or t, stem=t + ".")
        return [r for r in held
                if t in (r["key"], r.get("doc_id"), r.get("sha256")) or r["key"] == "notice:" + t
                or num is not None and r.get("number") and _number_norm(r["number"]) == num
                or given & _path_forms(r["path"]) or t in (Path(r["path"]).name, Path(r["path"]).stem)]

    def remove(self, notice: str) -> RemovedNotice | None:
        """Remove one notice, named by its exact key (or its exact stored path), and every fact only it supported.

        First its part of the graph (its own nodes, every edge it provides, the shared nodes those touch)
        is saved to ``<store>.removed/<time>-<key>.json`` (not for an in-memory store), so that
        :meth:`restore_removed` can bring it back; returns what was saved (``None`` in memory)."""
        keys = sorted({r["key"] for r in self.q("notices_at", text=notice)}) if notice else []
        if not notice or len(keys) != 1:
            raise NotFound(f"không có thông báo có khóa hay đường dẫn đúng là '{notice}'")
        self.store.check_room()  # (before the saved copy is written: a disk without room gets neither)
        saved = self._save_removed(keys[0]) if self.removed_dir is not None else None
        try:
            with self.store.transaction():
                removed = self._remove(keys)
                self._consolidate_documents(removed.docs)
                self._link_misspellings(removed.scopes)
        except BaseException:
            if saved is not None:
                saved.file.unlink(missing_ok=True)
            raise
        return saved

    def _subgraph(self, key: str) -> dict:
        """A notice's part of the graph as rows :func:`node_write` and :func:`edge_write` take back."""
        edges = []
        ends: dict[str, set[str]] = defaultdict(set)
        for rtype, rel in SCHEMA["rels"].items():
            if rtype == "MISSPELLING_OF":  # recomputed over the whole store after every change
                continue
            cols = ", ".join(f"r.{_q(p)} AS {_q(p)}" for p in rel["props"])
            for a, b in rel["pairs"]:
                rows = self.store.run(f"MATCH (x:{_q(a)})-[r:{_q(rtype)}]->(y:{_q(b)}) WHERE r.notice = $key "
                                      f"RETURN x.key AS a, y.key AS b, {cols}", {"key": key})
                if rows:
                    edges.append({"type": rtype, "from": a, "to": b, "rows": [_jsonable(r) for r in rows]})
                    ends[a].update(r["a"] for r in rows)
                    ends[b].update(r["b"] for r in rows)
        ends["Notice"].add(key)
        nodes = {}
        for label in NODE_ORDER:
            if not ends.get(label):
                continue
            cols = ", ".join(f"n.{_q(p)} AS {_q(p)}" for p in ["key", *SCHEMA["nodes"][label]])
            rows = self.store.run(f"MATCH (n:{_q(label)}) WHERE n.key IN $keys RETURN {cols} ORDER BY n.key",
                                  {"keys": sorted(ends[label])})
            nodes[label] = [_jsonable(r) for r in rows]
        return {"nodes": nodes, "edges": edges}

    def _save_removed(self, key: str) -> RemovedNotice:
        (info,) = self.q("find_notice_by_key", key=key)
        now = dt.datetime.now(dt.timezone.utc)
        entry = {"format": REMOVED_FORMAT, "removed_at": now.isoformat(timespec="seconds"),
                 "notice": _jsonable(info), **self._subgraph(key)}
        folder = self.removed_dir
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{now.strftime('%Y%m%dT%H%M%S%fZ')}-{key.split(':', 1)[-1]}.json"
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(entry, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return RemovedNotice.of(path, entry)

    def removed(self) -> list[RemovedNotice]:
        """The notices removed and not restored, oldest first (empty for an in-memory store)."""
        if self.removed_dir is None or not self.removed_dir.is_dir():
            return []
        out = []
        for p in sorted(self.removed_dir.glob("*.json")):
            try:
                entry = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # not ours, or damaged: listed by nobody, restored by nobody
            if isinstance(entry, dict) and entry.get("format") == REMOVED_FORMAT:
                out.append(RemovedNotice.of(p, entry))
        return out

    def restore_removed(self, which: str | None = None) -> RemovedNotice:
        """Bring back a removed notice: ``which`` is its key (``notice:…`` or the 24 hex digits), its path or
        the saved file's name; ``None``: the last one removed. Its facts are written back as they were saved
        (shared nodes that still exist keep their values); the saved file moves to ``restored/``.
        Refused when the graph holds that notice again, or another at its path, or its tasks."""
        saved = self.removed()
        if which is not None:
            w = which.strip()
            saved = [s for s in saved if w and w in (s.key, s.key.split(":", 1)[-1], s.path, s.file.name, s.file.stem)]
        if not saved:
            raise NotFound("không có thông báo đã xóa nào" + (f" ứng với '{which}'" if which else "") + " để khôi phục")
        if len({s.key for s in saved}) > 1 and which is not None:
            raise Ambiguous(f"'{which}' ứng với nhiều thông báo đã xóa", [s.as_row() for s in saved])
        item = saved[-1]
        entry = json.loads(item.file.read_text(encoding="utf-8"))
        n = entry["notice"]
        # the notices it may clash with: its key, its path, its fingerprint (a scan, not every notice read)
        held = {r["key"]: r for r in self.q("held_notices_like", key=item.key, path=item.path, fp=n.get("fingerprint"),
                                            doc=n.get("doc_id") or "", date=n.get("date"))}
        if item.key in held:
            raise KGError(f"{item.file}: thông báo {item.path} đã có lại trong đồ thị, không khôi phục")
        if any(r["path"] == item.path for r in held.values()):
            raise KGError(f"{item.file}: đồ thị đã có thông báo khác ở đường dẫn {item.path}, không khôi phục")
        for r in held.values():
            if n.get("fingerprint") and r.get("fingerprint") == n["fingerprint"] and same_document(
                    r["number"], r["date"], n.get("number"), n.get("date")):
                raise KGError(f"{item.file}: đồ thị đã có {r['path']}, một bản khác của văn bản {item.path}, không khôi phục")
        tasks = [r["key"] for r in entry["nodes"].get("Task", [])]
        if tasks and self.store.run("MATCH (t:Task) WHERE t.key IN $keys RETURN count(t) AS n", {"keys": tasks})[0]["n"]:
            raise KGError(f"{item.file}: đồ thị đã có nhiệm vụ của văn bản {item.path} (từ một bản khác), không khôi phục")
        with self.store.transaction():
            for label in NODE_ORDER:
                rows = entry["nodes"].get(label)
                if rows:
                    props = SCHEMA["nodes"][label]
                    rows = [{"key": r["key"], **{p: r.get(p) if r.get(p) is not None or not t.endswith("[]") else []
                                                 for p, t in props.items()}} for r in rows]
                    held = {r["key"] for r in self.store.run(
                        f"UNWIND $keys AS k MATCH (n:{_q(label)} {{key: k}}) RETURN n.key AS key",
                        {"keys": [r["key"] for r in rows]}, recipe=f"held {label}")} if label not in OWN else set()
                    self.store.execute_many(node_write(label), rows, dedupe_by="key", recipe=f"restore {label}")
                    write_derived(self.store, label, [r for r in rows if r["key"] not in held])
            for e in entry["edges"]:
                if [e["from"], e["to"]] not in SCHEMA["rels"][e["type"]]["pairs"]:
                    continue  # saved by a version whose model had it: a task's MENTIONED_IN (store format 4)
                props = SCHEMA["rels"][e["type"]]["props"]
                rows = [{"a": r["a"], "b": r["b"], **{p: r.get(p) for p in props}} for r in e["rows"]]
                self.store.execute_many(edge_write(e["type"], e["from"], e["to"]), rows, recipe=f"restore {e['type']}")
            mark_due(self.store, [r["key"] for r in entry["nodes"].get(ASSIGNED_DUE["of"], [])])  # (kg/days.py)
            self._consolidate_documents({r["key"] for r in entry["nodes"].get("Document", [])})
            self._link_misspellings({r.get("scope") for r in entry["nodes"].get("Agency", [])})
            self._replay_journal([{"notice": {"doc_id": n.get("doc_id")},
                                   "tasks": [{"id": t.get("id")} for t in entry["nodes"].get("Task", [])]}])
        done = item.file.parent / "restored"
        done.mkdir(exist_ok=True)
        os.replace(item.file, done / item.file.name)
        return item

    def _link_misspellings(self, scopes: Iterable[str | None] | None = None) -> None:
        """Recompute MISSPELLING_OF among the agencies of ``scopes`` (every scope when None): links never cross a
        scope, so the scopes an ingest or a removal touched are all that can change. Names are read from the
        Agency table; mention counts and first notices only for the agencies a link needs."""
        if scopes is None:
            rows = self.store.run("MATCH (a:Agency) RETURN a.key AS key, a.name AS name, a.scope AS scope", {},
                                  recipe="agency names")
            self.store.run("MATCH ()-[r:MISSPELLING_OF]->() DELETE r", {})
        else:
            want = sorted({s or "" for s in scopes})
            if not want:
                return
            rows = self.store.run("MATCH (a:Agency) WHERE coalesce(a.scope, '') IN $scopes "
                                  "RETURN a.key AS key, a.name AS name, a.scope AS scope", {"scopes": want},
                                  recipe="agency names in scopes")
            self.store.run("MATCH (a:Agency)-[r:MISSPELLING_OF]->(:Agency) WHERE coalesce(a.scope, '') IN $scopes "
                           "DELETE r", {"scopes": want}, recipe="misspellings in scopes")

        def mentions(keys: list[str]) -> dict[str, int]:
            return {r["key"]: r["n"] for r in self.store.run(
                "UNWIND $keys AS k MATCH (a:Agency {key: k})-[:MENTIONED_IN]->(n:Notice) "
                "RETURN a.key AS key, count(DISTINCT n) AS n", {"keys": keys}, recipe="agency mentions")}

        links = [(a, b) for a, b, _ in misspelling_links(rows, mentions)]
        if not links:
            return
        first = {r["key"]: r["notice"] for r in self.store.run(
            "UNWIND $keys AS k MATCH (a:Agency {key: k})-[:MENTIONED_IN]->(n:Notice) RETURN a.key AS key, "
            "min(n.key) AS notice", {"keys": sorted({a for a, _ in links})}, recipe="agency first notice")}
        links = [(a, b) for a, b in links if a in first]
        if not links:
            return
        props = SCHEMA["rels"]["MISSPELLING_OF"]["props"]
        out = [{**{p: None for p in props}, "a": a, "b": b, "notice": first[a], "span_start": -1, "span_end": -1}
               for a, b in links]
        self.store.execute_many(edge_write("MISSPELLING_OF", "Agency", "Agency"), out, dedupe_by=["a", "b"],
                                recipe="write MISSPELLING_OF")

    def _write(self, records: list[dict]) -> "Touched":
        """Write records whose old versions are gone: their own nodes and every edge created, shared nodes created
        when new and completed when held (what a MERGE would do, without its scan of the whole table)."""
        b = GraphBuilder()
        for rec in records:
            b.add_record(rec)
        by_label = b.node_rows()  # rows of every property of their label or type, one per key or edge identity
        for label in NODE_ORDER:
            rows = by_label.get(label)
            if not rows:
                continue
            if label in OWN:  # (nothing to collapse)
                self.store.create_nodes(label, SCHEMA["nodes"][label], rows, recipe=f"write {label}")
                write_derived(self.store, label, rows)
            else:
                write_derived(self.store, label, self._write_shared(label, rows))
        tasks = {r["key"]: r for r in by_label.get(ASSIGNED_DUE["of"], [])}
        for (rtype, la, lb), rows in b.edge_rows().items():
            extra: dict = {}
            if rtype == ASSIGNED_DUE["rel"]:  # each assignment with its task's bucket (kg/days.py)
                extra, rows = with_due(self.store, rows, tasks)
            self.store.create_edges(rtype, la, lb, {**SCHEMA["rels"][rtype]["props"], **extra}, rows,
                                    recipe=f"write {rtype}")
        return Touched({r["key"] for r in by_label.get("Document", [])},
                       {r["scope"] for r in by_label.get("Agency", [])})

    def _write_shared(self, label: str, rows: list[dict]) -> list[dict]:
        """Nodes several notices share: the keys held are read (one primary-key lookup each), the new ones
        created, and held ones given the values :func:`merged_value` adds (only where something changes).
        Returns the rows of the nodes created."""
        props = SCHEMA["nodes"][label]
        cols = ", ".join(f"n.{_q(p)} AS {_q(p)}" for p in props)
        held = {r["key"]: r for r in self.store.run(
            f"UNWIND $keys AS k MATCH (n:{_q(label)} {{key: k}}) RETURN n.key AS key, {cols}",
            {"keys": [r["key"] for r in rows]}, recipe=f"held {label}")}
        new = [r for r in rows if r["key"] not in held]  # (a builder's rows: one per key)
        if new:
            self.store.create_nodes(label, props, new, recipe=f"write {label}")
        changes: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for r in rows:
            h = held.get(r["key"])
            if h is None:
                continue
            upd = {p: merged_value(label, p, h[p], r[p]) for p in props}
            diff = tuple(p for p in props if upd[p] != h[p])
            if diff:
                changes[diff].append({"key": r["key"], **{p: upd[p] for p in diff}})
        for diff, upd_rows in changes.items():
            self.store.execute_many(node_update(label, diff), upd_rows, dedupe_by="key", recipe=f"update {label}")
        return new

    def _remove(self, keys: list[str]) -> "Touched":
        """Delete notices' own nodes and edges, then the shared nodes they mentioned that nobody mentions any more.

        Its own nodes (Notice, Meeting, Task), found from the notice, carry most of its edges away when deleted;
        the few relationship types between shared nodes (ISSUED_BY of a document, SUCCEEDED_BY, HOLDS_POST, …)
        are scanned for its edges; the shared nodes it mentioned are checked, not whole tables."""
        docs = {r["key"] for r in self.store.run(
            "UNWIND $keys AS k MATCH (n:Notice {key: k})-[:CITES|IS_DOCUMENT]->(d:Document) RETURN DISTINCT d.key AS key",
            {"keys": keys}, recipe="documents of removed notices")}
        mentioned: dict[str, list[str]] = {}
        scopes: set[str | None] = set()
        for label in SHARED:
            rows = self.store.run(f"UNWIND $keys AS k MATCH (n:Notice {{key: k}})<-[:MENTIONED_IN]-(x:{_q(label)}) "
                                  f"RETURN DISTINCT x.key AS key" + (", x.scope AS scope" if label == "Agency" else ""),
                                  {"keys": keys}, recipe=f"{label} of removed notices")
            mentioned[label] = sorted({r["key"] for r in rows})
            if label == "Agency":
                scopes |= {r["scope"] for r in rows}
        looked_up = lookup_values_of_notices(self.store, keys, mentioned.get("Document", []))
        due = groups_of_notices(self.store, keys)
        for rtype, rel in SCHEMA["rels"].items():
            if all(a in OWN or b in OWN for a, b in rel["pairs"]):
                continue  # every edge of the type touches a notice's own node: deleted with it below
            # between shared nodes: a scan of the table's notice column. (Reached from the nodes the notice
            # mentions instead, a document cited by every notice brings all its ISSUED_BY edges along: 1.2 GB
            # of intermediate rows to update 20 of 3,000 notices.)
            self.store.run(f"MATCH ()-[r:{_q(rtype)}]->() WHERE r.notice IN $keys DELETE r", {"keys": keys},
                           recipe=f"remove {rtype}")
        self.store.run("UNWIND $keys AS k MATCH (n:Notice {key: k})-[:CONTAINS]->(t:Task) DETACH DELETE t",
                       {"keys": keys}, recipe="remove Task")
        self.store.run("UNWIND $keys AS k MATCH (n:Notice {key: k})-[:RECORDS]->(m:Meeting) DETACH DELETE m",
                       {"keys": keys}, recipe="remove Meeting")
        self.store.run("UNWIND $keys AS k MATCH (n:Notice {key: k}) DETACH DELETE n", {"keys": keys},
                       recipe="remove Notice")
        for label in SHARED:
            if mentioned[label]:
                self.store.run(f"UNWIND $keys AS k MATCH (n:{_q(label)} {{key: k}}) "
                               f"WHERE NOT EXISTS {{ MATCH (n)-[:MENTIONED_IN]->(:Notice) }} DETACH DELETE n",
                               {"keys": mentioned[label]}, recipe=f"remove unmentioned {label}")
        drop_orphan_lookups(self.store, looked_up)
        drop_groups(self.store, due)
        return Touched(docs, scopes)

    def _consolidate_documents(self, keys: set[str]) -> None:
        """A document keeps the richest date, issuer and title any citing notice gave it."""
        if not keys:
            return
        best: dict[str, dict] = {}
        for r in sorted(self.q("document_cited_attributes", doc_keys=sorted(keys)), key=lambda r: (r["key"], r["notice"])):
            b = best.setdefault(r["key"], {f: None for f in RICHEST["Document"]})
            for f in RICHEST["Document"]:
                b[f] = richest_citation(b[f], r.get(f), r["notice"])
        if best:
            # and the words it is found by follow the title it keeps (kg.model.SEARCH_FIELDS)
            held = {r["key"]: r for r in self.store.run(
                "UNWIND $keys AS k MATCH (d:Document {key: k}) RETURN d.key AS key, d.number AS number, d.type AS type, "
                "d.date AS date, d.issuer AS issuer, d.title AS title, d.search AS search",
                {"keys": list(best)}, recipe="documents consolidated")}
            rows = [{"key": k, **kept_citations(b, held.get(k, {}))} for k, b in best.items()]
            # only those that change (a first load's copy has most of them right already)
            rows = [r for r in rows if any(r[f] != (held.get(r["key"]) or {}).get(f) for f in ("date", "issuer", "title",
                                                                                             "search"))]
            if rows:
                self.store.execute_many("UNWIND $rows AS row MATCH (d:Document {key: row.key}) "
                                        "SET d.date = row.date, d.issuer = row.issuer, d.title = row.title, "
                                        "d.search = row.search", rows, recipe="consolidate documents")

    # -- resolution of what users type ----------------------------------------------------------------

    def resolve_documents(self, text: str) -> tuple[DocQuery, list[dict]]:
        """Documents matching a number as typed ('Nghị quyết 02/2026', 'nghi quyet 02/2026/NQ-HDND', 'NQ 02')."""
        dq = parse_doc_query(text)
        if dq.number is None:
            raise NotFound(f"không đọc được số hiệu văn bản trong '{text}'")
        if self.by_lookup:  # the documents whose number is dq.number or begins with it and a separator
            rows = self.q("find_documents_by_lookup", number=dq.number)
        else:
            rows = self.q("find_documents", prefix=dq.number.split("/")[0].split("-")[0])
        return dq, [r for r in rows if doc_matches(dq, r["number"], r["type"])]

    def document(self, text: str) -> list[dict]:
        """The document(s) ``text`` names: exact number first, else the unambiguous short form."""
        dq, hits = self.resolve_documents(text)
        if not hits:
            raise NotFound(f"không tìm thấy văn bản '{text}' trong đồ thị")
        exact = [h for h in hits if number_key(h["number"]) == dq.number]
        if exact:
            return exact
        numbers = {number_key(h["number"]) for h in hits}
        if len(numbers) > 1:
            raise Ambiguous(f"'{text}' ứng với nhiều văn bản", hits)
        return hits

    def orgs(self, text: str, scope: str | None = None) -> list[dict]:
        """Organisations named ``text`` (aliases expanded; 'Nông nghiệp và Môi trường' also tries 'Sở …').

        Names are scoped: the same name in two provinces is two bodies. With ``scope`` ('Lào Cai',
        'xã Quan Sơn') only that one is taken; without it, a name found in several scopes is ambiguous.
        """
        nk = name_key(text)
        keys = [nk, "so " + nk] if not nk.startswith("so ") else [nk]
        # a body named with its province ('UBND tỉnh Lạng Sơn', 'Văn phòng UBND tỉnh Lào Cai') is stored as the
        # ingest resolved it in that province's notices (kg.resolve.resolve_agency): name key 'ubnd tinh',
        # scope 'tinh-lang-son'; look it up that way too, in that province only
        placed = {}
        m = re.match(r"^(.*\b(?:tinh|thanh pho))\s+(\S.*)$", nk)
        if m:
            level = "thanh pho" if m.group(1).endswith("thanh pho") else "tinh"
            placed[m.group(1)] = slug(f"{level} {m.group(2)}")
        rows = self.q("find_orgs", name_keys=keys + [k for k in placed if k not in keys])
        rows = [{k: v for k, v in r.items() if k != "name_key"} for r in rows
                if r["name_key"] in keys or (r["scope"] or "") == placed.get(r["name_key"])]
        if scope:
            want = slug(scope)
            rows = [r for r in rows if want in (r["scope"] or "")]
        if not rows:
            near = self.closest_orgs(text)
            raise NotFound(f"không tìm thấy cơ quan, đơn vị '{text}'" + (f" ở {scope}" if scope else "") + " trong đồ thị"
                           + (f"; có phải: {'; '.join(near)}?" if near else ""))
        if len({r["scope"] for r in rows}) > 1:
            places = ", ".join(f"--scope \"{place_name(r['scope'])}\"" for r in sorted(rows, key=lambda r: r["scope"] or ""))
            raise Ambiguous(f"'{text}' có ở nhiều nơi: chọn một bằng {places}", rows)
        return rows

    def closest_orgs(self, text: str, n: int = 3) -> list[str]:
        """The agencies' names nearest to ``text`` (typos, missing diacritics), for a 'did you mean'."""
        import difflib

        names = {}
        for r in self.q("agency_names"):
            names.setdefault(fold(r["name"] or ""), r["name"])
        return [names[k] for k in difflib.get_close_matches(fold(text), list(names), n=n, cutoff=0.75)]

    def people(self, text: str) -> list[dict]:
        rows = self.q("find_people", name_key=fold(text))
        if not rows:
            import difflib

            known = {fold(r["name"] or ""): r["name"] for r in self.store.run(
                "MATCH (p:Person) RETURN p.name AS name", {}, recipe="person names")}
            near = [known[k] for k in difflib.get_close_matches(fold(text), list(known), n=3, cutoff=0.75)]
            raise NotFound(f"không tìm thấy người có tên '{text}' trong đồ thị"
                           + (f"; có phải: {'; '.join(near)}?" if near else ""))
        return rows

    def notice(self, text: str) -> dict:
        """The one notice ``text`` names exactly (:meth:`find_notices`)."""
        rows = self.find_notices(text)
        if not rows:
            raise NotFound(f"không tìm thấy thông báo '{text}'")
        if len(rows) > 1:
            raise Ambiguous(f"'{text}' ứng với nhiều thông báo", rows)
        return rows[0]

    # -- the questions -------------------------------------------------------------------------------

    def trace(self, text: str, max_depth: int = 3, limit: int | None = None, offset: int = 0) -> dict:
        """Every task that depends on the document ``text`` names, directly or through documents implementing it
        (a page of them with ``limit``/``offset``: see :meth:`trace_documents`)."""
        return self.trace_documents(self.document(text), max_depth, limit=limit, offset=offset)

    def trace_documents(self, docs: list[dict], max_depth: int = 3, limit: int | None = None, offset: int = 0) -> dict:
        """The tasks depending on ``docs``: ``tasks`` (a :class:`Page`: the ``limit`` tasks from ``offset``, all
        without a limit), ``total`` (how many in all), ordered by depth, notice date, notice and ordinal.

        A task depends on a document when it rests on it (BASED_ON) or on a document implementing it, at most
        ``max_depth`` IMPLEMENTS hops away, or when it belongs to an ingested record of such a document (its notice
        is the document, or implements it without a number of its own: one hop more). A task reached several ways
        is listed once, at its nearest depth. The documents are walked by key (trace_closure, then trace_notices and
        the tasks resting on them: document_tasks, numbers and keys only), the ingested records' tasks counted by
        notice (notice_task_spans) and read only for the notices the page reaches (:meth:`_record_tasks`), and only
        the page's tasks are read whole (task_rows)."""
        _check_page(limit, offset)
        reach: dict[str, dict] = {}  # document key -> its nearest depth, number (via) and the document traced
        closure = sorted((r for r in self.q("trace_closure", doc_keys=[d["key"] for d in docs], max_depth=max_depth)
                          if r["key"] is not None), key=lambda r: (r["depth"], r["key"], r["document"]))
        for r in closure:
            reach.setdefault(r["key"], r)
        own: dict[str, tuple] = {}  # notice key -> (depth, via, document) for the records of those documents
        found = [r for r in self.q("trace_notices", doc_keys=sorted(reach)) if r["notice"] is not None] if reach else []
        for r in sorted(found, key=lambda r: (reach[r["key"]]["depth"] + r["hop"], r["via"] or "", r["notice"], r["key"])):
            depth = reach[r["key"]]["depth"] + r["hop"]
            if depth <= max_depth and r["notice"] not in own:
                own[r["notice"]] = (depth, r["via"], reach[r["key"]]["document"])

        resting = self._resting_tasks(reach)  # the tasks resting on the documents, in their order

        def source(r: dict) -> tuple[str, str]:  # (document, via) of a task resting on documents: its nearest one
            x = min((reach[k] for k in r["via_keys"] if reach[k]["depth"] == r["depth"]), key=lambda x: x["via"] or "")
            return x["document"], x["via"]

        both = {r["task"]: r for r in resting if r["notice"] in own}  # resting tasks of the records too
        end = None if limit is None else offset + limit
        own_count, own_tasks = self._record_tasks(own, both, end)
        total = len(resting) + own_count - len(both)
        top = resting if end is None else resting[:end + len(both)]
        # (depth, order key, task key): the order of the resting tasks; the records' own tasks merged into it
        entries = [(r["depth"], r["order_key"] or 0, r["task"], *source(r)) for r in top
                   if r["task"] not in both and r["notice"] not in own]
        for t in own_tasks:
            depth, via, document = own[t["notice"]]
            a = both.get(t["task"])
            if a is not None and a["depth"] < depth:
                depth, (document, via) = a["depth"], source(a)
            entries.append((depth, t["order_key"] or 0, t["task"], document, via))
        entries.sort(key=lambda e: e[:3])
        entries = entries[offset:end]
        tasks = []
        for e, t in zip(entries, self.task_rows([e[2] for e in entries])):
            tasks.append({"document": e[3], "via": e[4], "depth": e[0], "notice": t["notice"], "path": t["path"],
                          "notice_title": t["notice_title"], "notice_date": t["notice_date"], "task": t["task"],
                          "id": t["id"], "ordinal": t["ordinal"], "ref": t["ref"], "text": t["text"],
                          "deadline": t["deadline"], "assignees": t["assignees"]})
        page = Page(tasks, total, offset)
        return {"documents": docs, "tasks": page, "total": total}

    def _record_tasks(self, own: dict[str, tuple], both: dict[str, dict], end: int | None) -> tuple[int, list[dict]]:
        """How many tasks the records ``own`` (notice key -> (depth, via, document)) hold, and those of them the first
        ``end`` tasks of a trace may hold (every one when ``end`` is None): each a row with ``notice``, ``task`` and
        ``order_key``.

        The count comes from each notice's span (notice_task_spans: its tasks' number and least and greatest order
        key; a notice's tasks share its date and key, so their order keys lie together). The tasks resting on the
        closure too (``both``: rows of :meth:`_resting_tasks`) are rows already; of the others only those of the
        notices whose span starts no later than where the first ``end`` records' tasks are sure to end are read
        (notice_task_keys): the notices taken by (depth, first order key) until they hold ``end`` tasks, then any
        whose (depth, first order key) is not past the greatest (depth, last order key) of those. Every task of a
        notice left out comes after ``end`` tasks of the ones taken, so it cannot be on the page."""
        if not own:
            return 0, []
        spans = [s for s in self.q("notice_task_spans", notice_keys=sorted(own)) if s["n"]]
        count = sum(s["n"] for s in spans)
        if end is None:
            wanted = sorted(own)
        else:
            spans.sort(key=lambda s: (own[s["notice"]][0], s["first"], s["notice"]))
            held, bound, wanted = 0, None, []
            for s in spans:
                depth = own[s["notice"]][0]
                if held >= end and (bound is None or (depth, s["first"]) > bound):
                    break
                wanted.append(s["notice"])
                held += s["n"]
                bound = max(bound or (depth, s["last"]), (depth, s["last"]))
        rows = [r for r in self.q("notice_task_keys", notice_keys=sorted(wanted)) if r["task"] is not None] if wanted else []
        read = {r["task"] for r in rows}
        rows += [{"notice": b["notice"], "task": b["task"], "order_key": b["order_key"]} for k, b in both.items()
                 if k not in read]
        return count, rows

    def _resting_tasks(self, reach: dict[str, dict]) -> list[dict]:
        """The tasks resting (BASED_ON) on the documents of ``reach`` (key -> its nearest ``depth``), each once with
        ``depth`` (the least of its documents'), ``order_key``, ``task``, ``notice`` and ``via_keys`` (its documents,
        by key), ordered by depth, order key and task key. The documents are looked up by key and walked from
        (document_tasks), so the cost follows the closure's tasks, not the size of the store."""
        tasks: dict[str, dict] = {}
        rows = self.q("document_tasks", doc_keys=sorted(reach)) if reach else []
        for r in sorted((r for r in rows if r["task"] is not None), key=lambda r: r["doc"]):
            k, depth = r["doc"], reach[r["doc"]]["depth"]
            t = tasks.get(r["task"])
            if t is None:
                tasks[r["task"]] = {"task": r["task"], "order_key": r["order_key"], "notice": r["notice"],
                                    "depth": depth, "via_keys": [k]}
            else:
                t["depth"] = min(t["depth"], depth)
                t["via_keys"].append(k)
        return sorted(tasks.values(), key=lambda t: (t["depth"], t["order_key"] is None, t["order_key"] or 0, t["task"]))

    def assignee_keys(self, org_keys: list[str]) -> list[str]:
        """The keys tasks of these agencies are assigned to: their own and those of the groups they belong to
        ('UBND các xã' for UBND xã Chi Lăng)."""
        if not org_keys:
            return []
        return sorted(set(org_keys) | {r["key"] for r in self.q("member_groups", org_keys=list(org_keys))})

    def _workload_buckets(self, keys: list[str], roles: list[str]) -> list[tuple[int, int]] | None:
        """The assignments of ``keys`` in ``roles`` counted by bucket (ASSIGNED_TO.due, kg/days.py), in the listing's
        order; None on a store that keeps no buckets (or one out of step: an edge without one)."""
        if not self.by_due or not keys or not roles:
            return None
        rows = self.q("workload_due", assignee_keys=keys, roles=roles)
        pairs = list(zip(rows[0]["dues"], rows[0]["counts"])) if rows else []
        if any(due < 0 for due, _ in pairs):  # (-1: an edge without its bucket)
            return None
        return sorted(pairs)

    def _workload_total(self, keys: list[str], roles: list[str], buckets: list[tuple[int, int]] | None) -> int:
        if buckets is not None:
            return sum(n for _, n in buckets)
        return self.q("workload_count", assignee_keys=keys, roles=roles)[0]["n"] if keys and roles else 0

    def _workload_rows(self, keys: list[str], roles: list[str], offset: int, limit: int | None,
                       total: int | None, buckets: list[tuple[int, int]] | None = None) -> list[dict]:
        """The rows ``offset`` to ``offset + limit`` of ``workload_page``: from the buckets the page spans
        (``workload_window``) where the store keeps them, else sorting all of them."""
        if total is None:
            buckets = self._workload_buckets(keys, roles)
            total = self._workload_total(keys, roles, buckets)
        n = total - offset if limit is None else min(limit, total - offset)
        if not keys or n <= 0:
            return []
        if buckets is not None:
            first = last = None
            before = seen = 0  # rows before the first bucket read; rows up to the current bucket
            for due, count in buckets:
                if seen + count > offset:
                    if first is None:
                        first, before = due, seen
                    last = due
                    if seen + count >= offset + n:
                        break
                seen += count
            page = self.q("workload_window", assignee_keys=keys, roles=roles, first_due=first, last_due=last,
                          offset=offset - before, limit=n)
        else:
            page = self.q("workload_page", assignee_keys=keys, roles=roles, offset=offset, limit=n)
        tasks = {t["task"]: t for t in self.task_rows(list(dict.fromkeys(r["task"] for r in page)), assignees=False)}
        out = []
        for r in page:
            t = tasks[r["task"]]
            out.append({**{k: t[k] for k in WORKLOAD_TASK_FIELDS}, "role": r["role"], "assigned_key": r["assigned_key"],
                        "assigned_as": r["assigned_as"], **{k: t[k] for k in ("notice", "path", "notice_title",
                                                                               "notice_date")}, "status": None})
        return out

    def workload(self, text: str, as_of: dt.date | None = None, roles: Iterable[str] = ("lead", "support"),
                 scope: str | None = None, with_predecessors: bool = False, soon: int = SOON_DAYS,
                 limit: int | None = None, offset: int = 0) -> dict:
        """An agency's tasks with their status as of a day (kg/status.py; due soon: within ``soon`` days);
        ``with_predecessors``: also the open tasks of the bodies it succeeded in the 2025 reorganisation
        (those without a deadline, recurring, or due on or after the succession took effect), after its own.

        ``tasks`` is a :class:`Page`: with ``limit``, the ``limit`` tasks from ``offset`` in the order of
        ``workload_page`` (deadline, then Task.order_key: notice date, notice, ordinal; then role); ``total`` counts
        them all. The count and the page are computed by the store on numbers, and only the page's tasks are read;
        on a store that keeps the buckets of the assignments (kg/days.py, format 8), the total is a sum of their
        counts and only the tasks of the buckets the page spans are sorted, so a page costs little however many
        tasks the agency has."""
        _check_page(limit, offset)
        orgs = self.orgs(text, scope)
        as_of = as_of or dt.date.today()
        roles = sorted(set(roles))
        keys = self.assignee_keys([o["key"] for o in orgs])
        if not with_predecessors:
            buckets = self._workload_buckets(keys, roles)  # (kg/days.py: the page reads only the buckets it spans)
            total = self._workload_total(keys, roles, buckets)
            rows = self._workload_rows(keys, roles, offset, limit, total, buckets)
            tasks = Page([task_status(r, as_of, soon) for r in rows], total, offset)
            return {"orgs": orgs, "as_of": as_of.isoformat(), "tasks": tasks, "total": total}
        # with the predecessors' tasks: the agency's own first, then each predecessor's not listed yet (few, on request)
        rows = self._workload_rows(keys, roles, 0, None, None) if roles else []
        preds = self.q("predecessors", org_keys=[o["key"] for o in orgs])
        seen = {(r["task"], r["role"]) for r in rows}
        for p in preds:
            effective = min((s.effective for s in successors(p["name"])), default=None)
            for r in self._workload_rows(self.assignee_keys([p["key"]]), roles, 0, None, None) if roles else []:
                end = r.get("deadline_end")
                if (r["task"], r["role"]) in seen or r.get("recurrence_rule") is None and end is not None and (
                        effective and str(end) < effective):
                    continue
                seen.add((r["task"], r["role"]))
                rows.append({**r, "predecessor": p["name"]})
        picked = rows[offset:None if limit is None else offset + limit]
        tasks = Page([task_status(r, as_of, soon) for r in picked], len(rows), offset)
        return {"orgs": orgs, "as_of": as_of.isoformat(), "tasks": tasks, "total": len(rows), "predecessors": preds}

    def task(self, text: str) -> dict:
        """One task by its public id ('NV-7f3a2c', case and a missing 'NV-' forgiven), with its provenance.

        An id that several documents' tasks share (six hex digits: :func:`kg.model.task_ref`) is told apart by '@'
        and its document: the notice's number as written ('NV-7f3a2c@141/KH-UBND', case, blanks and marks
        forgiven), its document identity (what :func:`kg.model.task_ref` and the list of candidates give), or its
        file's name, stem or path; a task's node key ('task:…') is taken as it is. Raises :class:`NotFound`, or
        :class:`Ambiguous` with each candidate's ``unique_id``."""
        raw = text.strip()
        if raw.startswith("task:"):
            return self.task_at(raw)
        tid, _, where = (x.strip() for x in raw.partition(TASK_REF_SEP))
        tid = ("NV-" + tid[3:] if tid[:3].upper() == "NV-" else "NV-" + tid).lower().replace("nv-", "NV-", 1)
        hits = self.q("find_tasks_by_lookup" if self.by_lookup else "find_tasks", task_id=tid)
        if not hits:
            raise NotFound(f"không tìm thấy nhiệm vụ '{text}' trong đồ thị")
        if where:
            hits = [h for h in hits if _names_document(where, h)]
            if not hits:
                raise NotFound(f"không có nhiệm vụ {tid} ở văn bản '{where}' trong đồ thị")
        if len(hits) > 1:
            raise Ambiguous(f"'{text}' ứng với nhiều nhiệm vụ (ở các văn bản khác nhau); ghi kèm văn bản sau dấu "
                            f"'{TASK_REF_SEP}', ví dụ {task_ref(hits[0]['id'], hits[0]['doc_id'])}",
                            [{"unique_id": task_ref(h["id"], h["doc_id"]), "key": h["key"], "number": h["notice_number"],
                              "path": h["path"]} for h in hits])
        return self.task_at(hits[0]["key"])

    def task_at(self, key: str) -> dict:
        """One task by its node key, with its provenance, assignees (and who set them), reports and grounds, and
        ``unique_id`` (:func:`kg.model.task_ref`)."""
        rows = self.q("task_info", task_key=key)
        if not rows:
            raise NotFound(f"không tìm thấy nhiệm vụ '{key}' trong đồ thị")
        head = {k: v for k, v in rows[0].items() if k not in ("assignee", "role", "assignee_by", "report_to", "based_on")}
        head["assignees"], head["report_to"], head["based_on"] = [], [], []
        for r in rows:
            if r["assignee"] and not any(a["name"] == r["assignee"] and a["role"] == r["role"] for a in head["assignees"]):
                head["assignees"].append({"name": r["assignee"], "role": r["role"],
                                          **({"by": r["assignee_by"]} if r.get("assignee_by") else {})})
            for k in ("report_to", "based_on"):
                if r[k] and r[k] not in head[k]:
                    head[k].append(r[k])
        head["unique_id"] = task_ref(head["id"], head["doc_id"]) if head.get("doc_id") else head["id"]
        return head

    def deadlines(self, before: dt.date | None = None, as_of: dt.date | None = None,
                  statuses: Iterable[str] | None = None, soon: int = SOON_DAYS, limit: int | None = None,
                  offset: int = 0, after: dt.date | None = None) -> Page:
        """Tasks with a deadline (from ``after``, up to ``before``) or a repeating one, their leads and status as of
        a day.

        A :class:`Page`: with ``limit``, the ``limit`` tasks from ``offset`` by deadline, then Task.order_key
        (notice date, notice, ordinal), then key, the recurring ones last (their occurrence is judged by
        kg/status.py); ``total`` counts them all. On a store that keeps the DeadlineDay groups (kg/days.py,
        ``by_days``) the dated ones are counted from the groups' counts (deadline_days) and the page read from the
        groups it spans (:meth:`_day_keys`); on another the store counts, sorts and cuts them on numbers
        (deadlines_count, deadlines_page, deadlines_keys). Only the page's tasks are read whole (task_rows)."""
        _check_page(limit, offset)
        as_of = as_of or dt.date.today()
        args = {"before": before.isoformat() if before else NO_END, "after": after.isoformat() if after else NO_START,
                "as_of": as_of.isoformat(), "soon": (as_of + dt.timedelta(days=soon)).isoformat()}
        wanted = sorted(set(statuses)) if statuses else None
        if self.by_days:  # the DeadlineDay groups (kg/days.py): counts per day, summed here
            days = self.q("deadline_days", before=args["before"], after=args["after"])
            if wanted is not None:  # the done days of the days that have some
                done: dict[str, list[str]] = defaultdict(list)
                for d in self.q("deadline_done", before=args["before"], after=args["after"]):
                    done[d["day"]] += d["done"]
                days = [{**d, "done": done.get(d["day"], [])} for d in days]
            per_day = [self._day_count(d, wanted, as_of, soon) for d in days]
            dated, recurring = sum(per_day), self.q("recurring_count")[0]["n"]
        else:
            (count,) = self.q("deadlines_count", statuses=wanted, **args)
            dated, recurring = count["dated"], count["recurring"]
        end = None if limit is None else offset + limit
        keys: list[str] = []
        if offset < dated and (end is None or end > offset):
            n = (dated if end is None else min(end, dated)) - offset
            keys = (self._day_keys(days, per_day, wanted, as_of, soon, offset, n) if self.by_days
                    else self._dated_keys(wanted, args, offset, n))
        # recurring tasks come after every dated one; with a status asked for, each kind of recurrence (rule, day,
        # done, notice date) is judged once, counted by the store, and the tasks read only when the page reaches them
        judged: dict[tuple, bool] = {}

        def kept(r: dict) -> bool:
            k = (r["recurrence_rule"], r["recurrence_on"], str(r["done_on"]), r["notice_date"])
            if k not in judged:
                judged[k] = task_status(r, as_of, soon)["status"] in wanted
            return judged[k]

        if recurring and wanted:
            kinds = (_recurring_kinds(self.q("recurring_groups")) if self.by_days
                     else self.q("recurring_counts", date_unit=ORDER_DATE_UNIT))
            recurring = sum(g["n"] for g in kinds if kept({**g, "notice_date": order_key_date(g["notice_day"])}))
        if recurring and (end is None or end > dated):
            rec = self.q("recurring_tasks")
            if wanted:
                rec = [r for r in rec if kept({**r, "notice_date": r["notice_date"] if r["notice_date"] and len(
                    r["notice_date"]) == 10 else None})]
            keys += [r["task"] for r in rec[max(0, offset - dated):None if end is None else max(0, end - dated)]]
        rows = [{k: v for k, v in t.items() if k != "assignees"} for t in self.task_rows(keys)]
        return Page([task_status(t, as_of, soon) for t in rows], dated + recurring, offset)

    def deadlines_of(self, agency: str | None = None, commune: str | None = None, province: str | None = None,
                     before: dt.date | None = None, as_of: dt.date | None = None, statuses: Iterable[str] | None = None,
                     soon: int = SOON_DAYS, limit: int | None = None, offset: int = 0,
                     after: dt.date | None = None) -> Page:
        """:meth:`deadlines` (the same rows, in the same order: by deadline, order key and key, the recurring ones
        last) kept to the tasks of a place or a body, typed with or without diacritics (every filter given applies):

        - ``agency``: tasks led by a body (Agency, Committee, AgencyGroup) whose folded name holds the folded text;
        - ``commune``: the same, or tasks whose sentence names an administrative unit (CONCERNS) whose folded name
          holds it (the units the extractor reads in the sentence, as the overview's commune filter keeps them);
        - ``province``: tasks of the notices whose scope holds the folded name ('lang-son').

        The store walks from the few bodies, units or notices kept (deadlines_of_leads, deadlines_of_units,
        deadlines_of_scope) with the date and status filters on numbers, and returns the keys, deadlines and order
        keys of the tasks they reach; they are intersected, ordered and cut here, and only the page's tasks are
        read whole (task_rows)."""
        _check_page(limit, offset)
        as_of = as_of or dt.date.today()
        args = {"before": before.isoformat() if before else NO_END, "after": after.isoformat() if after else NO_START,
                "as_of": as_of.isoformat(), "soon": (as_of + dt.timedelta(days=soon)).isoformat(),
                "statuses": sorted(set(statuses)) if statuses else None}
        wanted = args["statuses"]

        def named(recipe: str, text: str) -> list[str]:
            f = fold(text)
            return [r["key"] for r in self.q(recipe) if f in fold(r["name"] or "")]

        found: list[dict[str, dict]] = []
        if agency:
            keys = named("org_names", agency)
            found.append({r["task"]: r for r in self.q("deadlines_of_leads", lead_keys=keys, **args)} if keys else {})
        if commune:
            keys, units = named("org_names", commune), named("unit_names", commune)
            got = {r["task"]: r for r in self.q("deadlines_of_leads", lead_keys=keys, **args)} if keys else {}
            if units:
                got.update({r["task"]: r for r in self.q("deadlines_of_units", unit_keys=units, **args)})
            found.append(got)
        if province:
            found.append({r["task"]: r for r in self.q("deadlines_of_scope", scope=fold(province).replace(" ", "-"),
                                                       **args)})
        if not found:
            raise ValueError("deadlines_of: cần ít nhất một bộ lọc (cơ quan, xã hoặc tỉnh)")
        kept = found[0]
        for other in found[1:]:
            kept = {k: r for k, r in kept.items() if k in other}
        dated = sorted((r for r in kept.values() if r["recurrence_rule"] is None),
                       key=lambda r: (r["deadline_end"], r["order_key"] is None, r["order_key"] or 0, r["task"]))
        recurring = sorted((r for r in kept.values() if r["recurrence_rule"] is not None),
                           key=lambda r: (r["notice"] or "", r["ordinal"] is None, r["ordinal"] or 0, r["task"]))
        if wanted:  # a recurring task's status is that of its occurrence (kg/status.py), judged here as deadlines does
            recurring = [r for r in recurring if task_status(
                {**r, "notice_date": order_key_date(r["order_key"] // ORDER_DATE_UNIT if r["order_key"] is not None
                                                    else None)}, as_of, soon)["status"] in wanted]
        ordered = dated + recurring
        picked = ordered[offset:None if limit is None else offset + limit]
        rows = [{k: v for k, v in t.items() if k != "assignees"} for t in self.task_rows([r["task"] for r in picked])]
        return Page([task_status(t, as_of, soon) for t in rows], len(ordered), offset)

    @staticmethod
    def _day_count(day: dict, wanted: list[str] | None, as_of: dt.date, soon: int) -> int:
        """How many tasks of a day or DeadlineDay group (``day``, ``n``, ``done``: the days its tasks marked done were
        done) have a status of ``wanted`` (all: None) as of ``as_of``: those not done by then share the day's status,
        each done one is judged by its day."""
        if wanted is None:
            return day["n"]
        end = dt.date.fromisoformat(day["day"])
        done = [d for d in day["done"] or [] if dt.date.fromisoformat(d) <= as_of]
        n = day["n"] - len(done) if status_of(end, None, as_of, soon) in wanted else 0
        return n + sum(1 for d in done if status_of(end, d, as_of, soon) in wanted)

    def _day_keys(self, days: list[dict], per_day: list[int], wanted: list[str] | None, as_of: dt.date, soon: int,
                  offset: int, n: int) -> list[str]:
        """The keys of the ``n`` dated tasks from ``offset`` (by deadline, order key, key) with a status of
        ``wanted``, from the DeadlineDay groups: the days before the page are skipped by their counts (``per_day``),
        then the groups of the days the page spans that come before it (day_groups lists them in the order of their
        tasks' deadlines and order keys); the tasks of the groups it spans are read (group_tasks, one statement of
        key lookups) and ordered here."""
        pos, span, reach = 0, [], 0  # pos: the position of the first task of the first day spanned
        for day, count in zip(days, per_day):
            if not span:
                if pos + count <= offset:  # wholly before the page
                    pos += count
                    continue
                reach = pos
            span.append(day)
            reach += count
            if reach >= offset + n:
                break
        if not span:
            return []
        picked: list[tuple[dict, int]] = []  # the groups the page spans, with the position of their first task
        for g in self.q("day_groups", first=span[0]["day"], last=span[-1]["day"]):
            c = self._day_count(g, wanted, as_of, soon)
            if c and pos + c > offset:
                picked.append((g, pos))
            pos += c
            if pos >= offset + n:
                break
        tasks: dict[str, list[dict]] = defaultdict(list)
        for r in self.q("group_tasks", group_keys=[g["key"] for g, _ in picked]):
            if r["task"] is not None:
                tasks[r["group_key"]].append(r)
        out: list[str] = []
        for g, first in picked:
            end = dt.date.fromisoformat(g["day"])
            rows = [r for r in tasks[g["key"]] if wanted is None or status_of(end, r["done_on"], as_of, soon) in wanted]
            rows.sort(key=lambda r: (r["order_key"] is None, r["order_key"] or 0, r["task"]))
            start = max(0, offset - first)
            out += [r["task"] for r in rows[start:start + n - len(out)]]
        return out

    def _dated_keys(self, wanted: list[str] | None, args: dict, offset: int, n: int) -> list[str]:
        """The keys of the ``n`` dated tasks from ``offset`` in the order of deadlines_page: the page is sorted and cut
        on (deadline, order key); the tasks from its first pair to its last are then named (deadlines_keys). Tasks
        sharing a pair are ordered by key, the page cut from the first of them (deadlines_rank)."""
        page = self.q("deadlines_page", statuses=wanted, offset=offset, limit=n, **args)
        if not page:
            return []
        first, last = page[0], page[-1]
        named = self.q("deadlines_keys", statuses=wanted, first_end=str(first["deadline_end"]),
                       first_order=first["order_key"], last_end=str(last["deadline_end"]),
                       last_order=last["order_key"], **args)
        if len(named) == len(page):
            return [r["task"] for r in named]
        pair = (first["deadline_end"], first["order_key"])  # tasks share a pair: cut where the store cut
        before = self.q("deadlines_rank", statuses=wanted, pair_end=str(pair[0]), pair_order=pair[1], **args)[0]["n"]
        return [r["task"] for r in named][offset - before:offset - before + len(page)]

    def task_rows(self, keys: list[str], assignees: bool = True) -> list[dict]:
        """The tasks with these keys, in this order: their deadline, recurrence and completion, their notice (key,
        path, title, date), their leads (``leads``, by name) and all their assignees (``assignees``: name and role,
        leads first), looked up by key (``assignees=False``: without those two)."""
        if not keys:
            return []
        tasks = {r["task"]: r for r in self.q("task_rows", task_keys=list(keys))}
        notice_keys = sorted({t["notice"] for t in tasks.values()})
        notices = {r["notice"]: r for r in self.q("notice_rows", notice_keys=notice_keys)}
        assigned: dict[str, list[dict]] = defaultdict(list)
        if not assignees:
            rows: Iterable[dict] = ()
        elif len(tasks) <= PAGE_LOOKUPS:  # a page: one statement of key lookups, whatever the size of the store
            rows = (r for r in self.q("page_assignees", task_keys=list(tasks)) if r["assignee"] is not None)
        else:  # a long list (an export): one statement over their notices
            rows = (r for r in self.q("notice_assignees", notice_keys=notice_keys) if r["task"] in tasks)
        for r in rows:
            if not any(a["name"] == r["assignee"] and a["role"] == r["role"] for a in assigned[r["task"]]):
                assigned[r["task"]].append({"name": r["assignee"], "role": r["role"]})
        out = []
        for k in keys:
            t = tasks[k]
            n = notices.get(t["notice"], {})
            out.append({**t, "path": n.get("path"), "notice_title": n.get("notice_title"),
                        "notice_date": n.get("notice_date"), "status": None,
                        "leads": [a["name"] for a in assigned.get(k, []) if a["role"] == "lead"],
                        "assignees": assigned.get(k, [])})
        return out

    def stats(self) -> dict:
        (row,) = self.q("stats")
        row = dict(row)
        row["ambiguous"] = self.q("ambiguous")
        row["misspellings"] = [{**r, "reason": misspelling(r["name"], r["known_name"])} for r in self.q("misspellings")]
        return row


def _recurring_kinds(groups: list[dict]) -> list[dict]:
    """The recurring DeadlineDay groups (recurring_groups) as the rows of recurring_counts: per kind of recurrence
    and day of completion (none for the tasks not marked done), how many tasks.

    >>> _recurring_kinds([{"recurrence_rule": "monthly", "recurrence_on": "15", "notice_day": 9, "n": 3,
    ...                    "done": ["2026-06-01"]}])  # doctest: +NORMALIZE_WHITESPACE
    [{'recurrence_rule': 'monthly', 'recurrence_on': '15', 'notice_day': 9, 'done_on': None, 'n': 2},
     {'recurrence_rule': 'monthly', 'recurrence_on': '15', 'notice_day': 9, 'done_on': '2026-06-01', 'n': 1}]
    """
    out = []
    for g in groups:
        kind = {k: g[k] for k in ("recurrence_rule", "recurrence_on", "notice_day")}
        done = Counter(g["done"] or [])
        if g["n"] > sum(done.values()):
            out.append({**kind, "done_on": None, "n": g["n"] - sum(done.values())})
        out += [{**kind, "done_on": d, "n": c} for d, c in sorted(done.items())]
    return out


def place_name(scope: str | None) -> str:
    """A scope key as people write the place: 'tinh-lao-cai' -> 'Lào Cai' is not recoverable without accents, so
    the words are given back capitalised ('tinh-lao-cai' -> 'Lao Cai'); --scope matches either.

    >>> place_name("tinh-lao-cai"), place_name("xa-quan-son")
    ('Lao Cai', 'xã Quan Son')
    """
    s = (scope or "").split("@")[0]
    for prefix, shown in (("tinh-", ""), ("thanh-pho-", ""), ("xa-", "xã "), ("phuong-", "phường ")):
        if s.startswith(prefix):
            return shown + " ".join(w.capitalize() for w in s[len(prefix):].split("-"))
    return " ".join(w.capitalize() for w in s.split("-"))


def order_by(rows: list[dict], *columns: str) -> list[dict]:
    """Rows sorted as Cypher's ``ORDER BY c1, c2, …`` sorts them (ascending, nulls last), for recipes that end
    in a UNION, where an ORDER BY would sort the last branch only.

    >>> order_by([{"d": None, "k": 1}, {"d": "2026-01", "k": 2}, {"d": "2025-12", "k": 3}], "d", "k")
    [{'d': '2025-12', 'k': 3}, {'d': '2026-01', 'k': 2}, {'d': None, 'k': 1}]
    """
    return sorted(rows, key=lambda r: tuple((r.get(c) is None, r.get(c) if r.get(c) is not None else 0)
                                            for c in columns))


def group_tasks(rows: list[dict], keep: tuple[str, ...]) -> list[dict]:
    """Rows of (task, assignee) pairs -> one dict per task with its assignees."""
    out: "OrderedDict[str, dict]" = OrderedDict()
    for r in rows:
        t = out.get(r["task"])
        if t is None:
            t = {k: v for k, v in r.items() if k not in ("assignee", "assignee_key", "role")}
            t["assignees"] = []
            out[r["task"]] = t
        if r.get("assignee") and not any(a["name"] == r["assignee"] and a["role"] == r["role"] for a in t["assignees"]):
            t["assignees"].append({"name": r["assignee"], "role": r["role"]})
    return list(out.values())
