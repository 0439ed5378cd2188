"""The journal of people's edits: completion marks and corrections that outlive every re-extraction.

The journal is append-only and lives in the store (``JournalEntry`` nodes, :data:`kg.model.SCHEMA`), so
the embedded store and Neo4j both hold it. It is the source of truth for what people did; the graph
holds its effect. Each entry names its task by the public id (``NV-7f3a2c``, derived from the document
and the sentence, never the position: see loaders/ids.py) and the document's identity (``doc_id``), so
after every ingest, re-extraction or restore the entries of the tasks just written are replayed onto
the freshly extracted facts (:meth:`Journal.replay`). An entry whose task is gone (its sentence was
deleted) is kept and reported (:meth:`Journal.orphans`), never dropped.

Actions (``payload`` in brackets):

- ``done`` (``{"on": "2026-06-08"}``) and ``reopen``: the task's ``done_on``, ``done_by``, ``done_note``;
- ``fix-lead`` / ``fix-support`` (``{"names": ["Sở Y tế"]}``): the task's lead (support) assignees are
  replaced by these, each edge attributed to the author (``by``, with the notice's provenance);
- ``fix-deadline`` (``{"deadline": "2026-06-10"}``, also ``2026-06`` or ``2026-Q3``; null removes it);
- ``not-a-task``: the task leaves the graph (its entries stay in the journal);
- ``add-task`` (``{"id", "text", "lead", "support", "deadline"}``, target: the document's ``doc_id``): a
  task the extractor missed, with the author as its source;
- ``accept``: a person confirmed what was extracted (``accepted_by``; kg review stops asking).

Replaying is idempotent: an entry sets values, replaces a role's edges, or creates what is missing.

>>> e = Entry.new("done", "NV-7f3a2c", "d/1", {"on": "2026-06-08"}, note="BC 123", author="lan",
...               now=dt.datetime(2026, 6, 9, 8, 0, tzinfo=dt.timezone.utc), entry_id="J-1")
>>> Entry.from_json(e.to_json()) == e, e.describe()
(True, 'hoàn thành ngày 2026-06-08')
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from loaders.dates import last_day
from loaders.ids import task_id

from .errors import KGError
from .model import org_label, search_text, task_key, task_order_key
from .resolve import Scope, generic_role, resolve_agency, scope_of

ACTIONS = ("done", "reopen", "fix-lead", "fix-support", "fix-deadline", "not-a-task", "add-task", "accept")
DUE_ACTIONS = ("done", "reopen", "fix-deadline", "not-a-task")  # what moves a task's DeadlineDay group (kg/days.py)
ACTION_VI = {"done": "đánh dấu hoàn thành", "reopen": "mở lại", "fix-lead": "sửa chủ trì", "fix-support": "sửa phối hợp",
             "fix-deadline": "sửa hạn", "not-a-task": "không phải nhiệm vụ", "add-task": "thêm nhiệm vụ",
             "accept": "xác nhận đúng"}
_DEADLINE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4])?\Z")
JOURNAL_FORMAT = "chidao-kg journal 1"  # the first line of an exported file says what it is


class JournalError(KGError):
    """An entry that cannot be recorded (unknown action, bad payload) or a file that is not a journal."""


def system_user() -> str:
    """The author when ``--by`` is not given: the account running kg."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover — no passwd entry
        return os.environ.get("USER") or "?"


def check_deadline(value: str | None) -> str | None:
    """A deadline as records write it: 'YYYY-MM-DD', 'YYYY-MM', 'YYYY-Qn' or 'YYYY'.

    >>> check_deadline("2026-Q3"), check_deadline(None)
    ('2026-Q3', None)
    >>> check_deadline("2026-13")
    Traceback (most recent call last):
    kg.journal.JournalError: hạn không hợp lệ: 2026-13 (YYYY-MM-DD, YYYY-MM hoặc YYYY-Qn)
    """
    if value is None:
        return None
    try:
        ok = bool(_DEADLINE.match(value)) and dt.date.fromisoformat(last_day(value)) is not None
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise JournalError(f"hạn không hợp lệ: {value} (YYYY-MM-DD, YYYY-MM hoặc YYYY-Qn)")
    return value


@dataclass(frozen=True)
class Entry:
    """One journal entry; ``target``: the task's public id (the document's ``doc_id`` for ``add-task``)."""

    id: str
    time: str  # UTC, ISO 8601 with microseconds: the replay order (then id)
    author: str
    action: str
    target: str
    doc_id: str | None
    payload: dict = field(default_factory=dict)
    note: str | None = None

    @classmethod
    def new(cls, action: str, target: str, doc_id: str | None, payload: dict | None = None, note: str | None = None,
            author: str | None = None, now: dt.datetime | None = None, entry_id: str | None = None) -> "Entry":
        if action not in ACTIONS:
            raise JournalError(f"hành động không hợp lệ: {action}")
        now = now or dt.datetime.now(dt.timezone.utc)
        return cls(entry_id or "J-" + uuid.uuid4().hex[:16], now.isoformat(timespec="microseconds"),
                   (author or "").strip() or system_user(), action, target, doc_id, dict(payload or {}),
                   (note or "").strip() or None)

    def row(self) -> dict:
        """The entry as a JournalEntry node's row."""
        return {"key": "journal:" + self.id, "id": self.id, "time": self.time, "author": self.author,
                "action": self.action, "target": self.target, "doc_id": self.doc_id,
                "payload": json.dumps(self.payload, ensure_ascii=False, sort_keys=True), "note": self.note}

    @classmethod
    def from_row(cls, r: dict) -> "Entry":
        return cls(r["id"], r["time"], r["author"], r["action"], r["target"], r.get("doc_id"),
                   json.loads(r.get("payload") or "{}"), r.get("note"))

    def to_json(self) -> str:
        return json.dumps({"id": self.id, "time": self.time, "author": self.author, "action": self.action,
                           "target": self.target, "doc_id": self.doc_id, "payload": self.payload, "note": self.note},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> "Entry":
        d = json.loads(line)
        if not isinstance(d, dict) or d.get("action") not in ACTIONS or not d.get("id") or not d.get("target"):
            raise JournalError("không phải một mục nhật ký")
        return cls(str(d["id"]), str(d["time"]), str(d.get("author") or "?"), d["action"], str(d["target"]),
                   d.get("doc_id"), dict(d.get("payload") or {}), d.get("note"))

    def describe(self) -> str:
        """What the entry does, in Vietnamese, in a few words."""
        p = self.payload
        if self.action == "done":
            return f"hoàn thành ngày {p.get('on')}"
        if self.action in ("fix-lead", "fix-support"):
            return f"{ACTION_VI[self.action]}: {'; '.join(p.get('names') or []) or '(không ai)'}"
        if self.action == "fix-deadline":
            return f"sửa hạn: {p.get('deadline') or '(không có hạn)'}"
        if self.action == "add-task":
            return f"thêm nhiệm vụ {p.get('id')}: {(p.get('text') or '')[:60]}"
        return ACTION_VI[self.action]

    @property
    def task_id(self) -> str:
        """The public id of the task the entry is about (for add-task: the id of the task it adds)."""
        return self.payload.get("id") or self.target if self.action == "add-task" else self.target


@dataclass
class ReplayReport:
    applied: int = 0
    orphans: list[Entry] = field(default_factory=list)  # entries whose task the graph does not hold

    def lines(self, where: dict[str, str] | None = None) -> list[str]:
        """One Vietnamese line per entry kept without its task (``where``: doc_id -> a file to name)."""
        out = []
        for e in self.orphans:
            place = (where or {}).get(e.doc_id or "") or e.doc_id or "?"
            out.append(f"Cảnh báo: {place}: không còn nhiệm vụ {e.task_id} ({e.describe()}, {e.author}, "
                       f"{e.time[:10]}): mục nhật ký {e.id} được giữ lại (xem kg review)")
        return out


_TASK_COLS = ("t.key AS key, t.id AS id, t.doc_id AS doc_id, t.notice AS notice, t.span_start AS span_start, "
              "t.span_end AS span_end")
_TASK = f"MATCH (t:Task) WHERE t.id IN $ids RETURN {_TASK_COLS}"  # a scan of every task: a store without lookups
# by the lookup node keyed by the id (kg/lookups.py): a key lookup per id, not a scan of 2.6 million tasks at 100,000
# notices (3.8 s for `kg done` there)
_TASK_BY_LOOKUP = f"UNWIND $ids AS i MATCH (:TaskIdLookup {{key: i}})<-[:HAS_ID]-(t:Task) RETURN {_TASK_COLS}"
_ENTRY_COLS = "j.id AS id, j.time AS time, j.author AS author, j.action AS action, j.target AS target, " \
              "j.doc_id AS doc_id, j.payload AS payload, j.note AS note"


class Journal:
    """The journal of a :class:`~kg.graph.KnowledgeGraph`'s store."""

    def __init__(self, kg: Any):
        self.kg = kg
        self.store = kg.store
        # the statement finding tasks by their public ids: through the lookup tables where the store keeps them
        self._tasks_by_id = _TASK_BY_LOOKUP if getattr(kg, "by_lookup", False) else _TASK

    # -- reading
    def entries(self, ids: Iterable[str] | None = None, doc_ids: Iterable[str] | None = None) -> list[Entry]:
        """Every entry in replay order; with ``ids`` / ``doc_ids``: those about these tasks or documents."""
        if ids is None and doc_ids is None:
            rows = self.store.run(f"MATCH (j:JournalEntry) RETURN {_ENTRY_COLS}", {}, recipe="journal")
        else:
            rows = self.store.run(f"MATCH (j:JournalEntry) WHERE j.target IN $ids OR j.doc_id IN $docs "
                                  f"RETURN {_ENTRY_COLS}", {"ids": sorted(set(ids or ())),
                                                            "docs": sorted(set(doc_ids or ()))}, recipe="journal of tasks")
        out = [Entry.from_row(r) for r in rows]
        if ids is not None:  # a task added by a person: later entries name it by the id it was given
            wanted = set(ids)
            out = [e for e in out if e.target in wanted or e.doc_id in set(doc_ids or ()) or e.task_id in wanted]
        return sorted(out, key=lambda e: (e.time, e.id))

    def known_ids(self) -> set[str]:
        return {r["id"] for r in self.store.run("MATCH (j:JournalEntry) RETURN j.id AS id", {}, recipe="journal ids")}

    # -- writing
    def append(self, entries: list[Entry]) -> ReplayReport:
        """Record entries (those already held, by id, are skipped) and apply them, in one transaction."""
        from .graph import node_write

        with self.store.transaction():
            held = self.known_ids()
            new = [e for e in entries if e.id not in held]
            if new:
                self.store.execute_many(node_write("JournalEntry"), [e.row() for e in new], dedupe_by="key",
                                        recipe="write JournalEntry")
            rep = self.replay(new) if new else ReplayReport()
        return rep

    # -- the effect on the graph
    def replay(self, entries: list[Entry] | None = None) -> ReplayReport:
        """Apply ``entries`` (default: the whole journal) in order onto the graph as it is. Call inside a
        transaction to make it one with the write it follows."""
        entries = sorted(self.entries() if entries is None else entries, key=lambda e: (e.time, e.id))
        rep = ReplayReport()
        if not entries:
            return rep
        tasks: dict[str, list[dict]] = {}
        for r in self.store.run(self._tasks_by_id, {"ids": sorted({e.task_id for e in entries})},
                                recipe="journal tasks"):
            tasks.setdefault(r["id"], []).append(r)
        dropped: set[str] = set()  # tasks a person said are not tasks: their other entries are not orphans
        for e in entries:
            if e.action == "add-task":
                t = self._add_task(e)
                if t is None:
                    rep.orphans.append(e)
                    continue
                tasks[t["id"]] = [t]
                rep.applied += 1
                continue
            cands = tasks.get(e.target) or []
            t = next((c for c in cands if c["doc_id"] == e.doc_id), cands[0] if len(cands) == 1 else None)
            if t is None:
                if e.target not in dropped:
                    rep.orphans.append(e)
                continue
            self._apply(e, t)
            if e.action == "not-a-task":
                dropped.add(e.target)
                tasks[e.target] = [c for c in cands if c is not t]
            rep.applied += 1
        return rep

    def _apply(self, e: Entry, t: dict) -> None:
        if e.action in DUE_ACTIONS:  # the task's DeadlineDay group moves with it (kg/days.py)
            from .days import kept_days

            with kept_days(self.store, [t["key"]]):
                self._apply_one(e, t)
        else:
            self._apply_one(e, t)

    def _apply_one(self, e: Entry, t: dict) -> None:
        run, p = self.store.run, e.payload
        if e.action == "done":
            run("MATCH (t:Task {key: $k}) SET t.done_on = date($day), t.done_by = $by, t.done_note = $note",
                {"k": t["key"], "day": p["on"], "by": e.author, "note": e.note}, recipe="journal done")
        elif e.action == "reopen":
            run("MATCH (t:Task {key: $k}) SET t.done_on = NULL, t.done_by = NULL, t.done_note = NULL",
                {"k": t["key"]}, recipe="journal reopen")
        elif e.action == "accept":
            run("MATCH (t:Task {key: $k}) SET t.accepted_by = $by", {"k": t["key"], "by": e.author},
                recipe="journal accept")
        elif e.action == "fix-deadline":
            dl = p.get("deadline")
            run("MATCH (t:Task {key: $k}) SET t.deadline = $d, t.deadline_end = CASE WHEN $last IS NULL THEN NULL "
                "ELSE date($last) END, t.recurrence_rule = NULL, t.recurrence_on = NULL, t.recurrence_text = NULL, "
                "t.deadline_by = $by, t.deadline_source = $src",
                {"k": t["key"], "d": dl, "last": last_day(dl) if dl else None, "by": e.author, "src": e.id},
                recipe="journal fix-deadline")
        elif e.action in ("fix-lead", "fix-support"):
            self._assign(t, "lead" if e.action == "fix-lead" else "support", p.get("names") or [], e.author)
        elif e.action == "not-a-task":
            run("MATCH (t:Task {key: $k}) DETACH DELETE t", {"k": t["key"]}, recipe="journal not-a-task")
            from .lookups import drop_orphan_lookups, lookups_of

            drop_orphan_lookups(self.store, lookups_of("Task", [t]))  # its id's lookup node, when no task is left

    def _notice(self, key: str) -> dict | None:
        rows = self.store.run("MATCH (n:Notice {key: $k}) RETURN n.key AS key, n.issuer AS issuer, n.scope AS scope, "
                              "n.date AS date", {"k": key}, recipe="journal notice")
        return rows[0] if rows else None

    def _scope(self, notice: dict) -> Scope:
        """The scope a notice's names were resolved in, from the keys stored: its own scope, and for a commune's
        notice the province its bodies carry ('xa-quan-son@tinh-lang-son')."""
        own = notice.get("scope") or ""
        if own.startswith(("tinh-", "thanh-pho-")) or not own or own == "?":
            return Scope(own or None)
        rows = self.store.run("MATCH (o)-[:MENTIONED_IN]->(n:Notice {key: $n}) WHERE o.scope STARTS WITH $p "
                              "RETURN o.scope AS scope LIMIT 1", {"n": notice["key"], "p": own + "@"},
                              recipe="journal notice scope")
        return Scope(rows[0]["scope"].split("@", 1)[1] if rows else None, own)

    def org_key(self, name: str, notice: dict) -> tuple[str, str]:
        """(label, key) of the body ``name`` as a task of ``notice`` names it: the node ingest would have made
        (kg.resolve.resolve_agency in the notice's scope, rebuilt from the keys stored), else a body of that
        name the notice mentions."""
        from .resolve import name_key

        label = org_label(name)
        rkey, _ = resolve_agency(name, self._scope(notice))
        key = f"{label.lower()}:{rkey}" + ("#" + notice["key"] if generic_role(name) else "")
        if self.store.run(f"MATCH (o:{label} {{key: $k}}) RETURN o.key AS key", {"k": key}, recipe="journal org"):
            return label, key
        rows = self.store.run(f"MATCH (o:{label})-[:MENTIONED_IN]->(n:Notice {{key: $n}}) WHERE o.name_key = $nk "
                              "RETURN o.key AS key ORDER BY key LIMIT 1", {"nk": name_key(name), "n": notice["key"]},
                              recipe="journal org in notice")
        return (label, rows[0]["key"]) if rows else (label, key)

    def _assign(self, t: dict, role: str, names: list[str], by: str) -> None:
        run = self.store.run
        run("MATCH (t:Task {key: $k})-[r:ASSIGNED_TO]->() WHERE r.role = $role DELETE r", {"k": t["key"], "role": role},
            recipe="journal unassign")
        n = self._notice(t["notice"])
        if n is None:
            return
        prov = {"notice": n["key"], "span_start": t.get("span_start"),
                "span_end": t.get("span_end"), "by": by}
        for name in names:
            label, key = self.org_key(name, n)
            nk, _, sc = key.split(":", 1)[1].partition("#")[0].partition("@")
            run(f"MERGE (o:{label} {{key: $k}}) ON CREATE SET o.name = $name, o.name_key = $nk, o.scope = $sc, "
                "o.ambiguous = false", {"k": key, "name": name, "nk": nk, "sc": sc or None}, recipe="journal org node")
            run(f"MATCH (o:{label} {{key: $k}}) MATCH (n:Notice {{key: $n}}) "
                f"WHERE NOT EXISTS {{ MATCH (o)-[:MENTIONED_IN]->(n) }} "
                "CREATE (o)-[:MENTIONED_IN {notice: $n, span_start: $a, span_end: $b, by: $by}]->(n)",
                {"k": key, "n": n["key"], "a": prov["span_start"],
                 "b": prov["span_end"], "by": by}, recipe="journal org mention")
            # one role per body in a task: made the lead, a supporter is no longer a supporter (and the reverse)
            run(f"MATCH (t:Task {{key: $t}})-[r:ASSIGNED_TO]->(o:{label} {{key: $k}}) DELETE r",
                {"t": t["key"], "k": key}, recipe="journal reassign")
            run(f"MATCH (t:Task {{key: $t}}) MATCH (o:{label} {{key: $k}}) "
                "CREATE (t)-[:ASSIGNED_TO {role: $role, reason: $reason, notice: $n, "
                "span_start: $a, span_end: $b, by: $by}]->(o)",
                {"t": t["key"], "k": key, "role": role, "reason": "journal: " + by, "n": n["key"],
                 "a": prov["span_start"], "b": prov["span_end"], "by": by},
                recipe="journal assign")
        if names:  # the new edges' buckets (kg/days.py)
            from .days import mark_due

            mark_due(self.store, [t["key"]])

    def _add_task(self, e: Entry) -> dict | None:
        """The task an add-task entry adds (created when missing) with its doers; None when its document is gone."""
        p = e.payload
        rows = self.store.run("MATCH (n:Notice) WHERE n.doc_id = $d RETURN n.key AS key", {"d": e.target},
                              recipe="journal add-task notice")
        if not rows:
            return None
        nk = rows[0]["key"]
        tid = p["id"]
        key = task_key(tid, e.target)
        have = self.store.run("MATCH (t:Task {key: $k}) RETURN t.key AS key", {"k": key}, recipe="journal add-task held")
        n = self._notice(nk)
        if not have:
            from .days import kept_days

            with kept_days(self.store, [key]):  # its DeadlineDay group (kg/days.py)
                self._create_task(e, nk, key, tid, n)
        t = {"key": key, "id": tid, "doc_id": e.target, "notice": nk, "span_start": -1, "span_end": -1}
        for role in ("lead", "support"):
            if p.get(role):
                self._assign(t, role, p[role], e.author)
        return t

    def _create_task(self, e: Entry, nk: str, key: str, tid: str, n: dict) -> None:
        """The Task node of an add-task entry, in its notice ``nk`` (``n``: its row), with its id's lookup."""
        p = e.payload
        dl = p.get("deadline")
        # after the notice's last task: (notice, ordinal) names one task (the paged questions rely on it), also
        # when a task before was marked not-a-task (a count would give a number another task holds)
        ordinal = (self.store.run("MATCH (t:Task) WHERE t.notice = $n RETURN max(t.ordinal) AS c", {"n": nk})[0]["c"]
                   or 0) + 1
        self.store.run(
            "MATCH (n:Notice {key: $n}) CREATE (t:Task {key: $k, id: $id, doc_id: $doc, text: $text, notice: $n, "
            "ordinal: $ord, span_start: -1, span_end: -1, deadline: $dl, deadline_end: CASE WHEN $last IS NULL "
            "THEN NULL ELSE date($last) END, deadline_by: CASE WHEN $dl IS NULL THEN NULL ELSE $by END, "
            "deadline_source: CASE WHEN $dl IS NULL THEN NULL ELSE $src END, search: $search, added_by: $by, "
            "reason: $reason, confidence: 1.0, order_key: $order_key}) "
            "CREATE (n)-[:CONTAINS {notice: $n, span_start: -1, span_end: -1, by: $by}]->(t)",
            {"n": nk, "k": key, "id": tid, "doc": e.target, "text": p.get("text"), "ord": ordinal, "dl": dl,
             "last": last_day(dl) if dl else None, "by": e.author, "src": e.id, "search": search_text(tid, p.get("text")),
             "reason": "journal: " + e.author,
             "order_key": task_order_key(n.get("date"), nk, ordinal)}, recipe="journal add-task")
        from .lookups import write_lookups

        write_lookups(self.store, "Task", [{"key": key, "id": tid}])  # found by its id like an extracted task

    def orphans(self) -> list[Entry]:
        """Entries whose task the graph does not hold (its sentence deleted, its notice removed), oldest first;
        entries of a task a person said is not one are not orphans."""
        entries = self.entries()
        held = {r["id"]: r for r in self.store.run(self._tasks_by_id, {"ids": sorted({e.task_id for e in entries})},
                                                   recipe="journal tasks")}
        docs = {r["d"] for r in self.store.run("MATCH (n:Notice) RETURN n.doc_id AS d", {})}
        dropped = {e.target for e in entries if e.action == "not-a-task"}
        return [e for e in entries if e.task_id not in held and e.task_id not in dropped
                and not (e.action == "add-task" and e.target in docs and e.task_id in held)]

    # -- files
    def export(self, path: str | os.PathLike) -> int:
        """Write every entry as JSON lines (the first line names the format), whole or not at all."""
        entries = self.entries()
        p = Path(path)
        tmp = p.with_name(p.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(json.dumps({"format": JOURNAL_FORMAT, "entries": len(entries)}) + "\n")
            for e in entries:
                f.write(e.to_json() + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
        return len(entries)

    @staticmethod
    def read(path: str | os.PathLike) -> list[Entry]:
        """The entries of an exported file (its header line is optional); a line that is not one is an error."""
        out = []
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                    if i == 1 and isinstance(d, dict) and d.get("format") == JOURNAL_FORMAT:
                        continue
                    out.append(Entry.from_json(line))
                except (ValueError, JournalError) as e:
                    raise JournalError(f"{path}:{i}: không phải một mục nhật ký ({e})") from e
        return out

    def import_file(self, path: str | os.PathLike) -> tuple[int, int, ReplayReport]:
        """(added, already held, replay report) of importing an exported journal: idempotent by entry id."""
        entries = self.read(path)
        held = self.known_ids()
        new = [e for e in entries if e.id not in held]
        rep = self.append(new)
        return len(new), len(entries) - len(new), rep


def new_task_id(doc_id: str, text: str) -> str:
    """The public id a task added by a person gets: the one extraction gives the same sentence.

    >>> new_task_id("d", "2. Sở Y tế kiểm tra.") == task_id("d", "Sở Y tế kiểm tra.")
    True
    """
    return task_id(doc_id, text)
