"""Interactive graph views (pyvis / vis-network): trace, workload, notice and overview.

Every view is built the same way: the questions' recipes (``queries/view_*.cypher`` and the ones the
CLI uses) give rows, :class:`View` turns them into nodes and edges with one visual language (a
colour and shape per node kind, tasks coloured by their status as of a date, size by load, role
labels on edges, a legend), a :class:`pyvis.network.Network` holds them, and :func:`render` writes
ONE self-contained HTML file: vis-network is inlined from the copy bundled inside the pyvis
package (never a CDN, never a ``lib/`` folder), the data travels as JSON inside a
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and everything else
goes through a Jinja2 template with autoescape on. Labels are drawn on a canvas and tooltips are
built in the page with ``textContent``: text from a notice is never read as HTML.

Above the node budget (default 1,500) the overview first folds tasks into their notices, then
drops the least connected nodes, and says so on the page.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from loaders.normalize import fold

DEFAULT_BUDGET = 1500

# one visual language: kind -> (Vietnamese, English, colour, shape)
KINDS: dict[str, tuple[str, str, str, str]] = {
    "notice": ("Thông báo, văn bản đã nạp", "Notice (ingested)", "#1f5fa8", "square"),
    "document": ("Văn bản được trích dẫn", "Cited document", "#8e44ad", "diamond"),
    "task": ("Nhiệm vụ", "Task", "#1f9e89", "dot"),
    "agency": ("Cơ quan, đơn vị", "Agency", "#2e8b3a", "hexagon"),
    "committee": ("UBND, HĐND", "People's Committee / Council", "#0e8fa8", "triangle"),
    "group": ("Nhóm đơn vị", "Group of bodies", "#9a9a2a", "triangleDown"),
    "person": ("Lãnh đạo", "Leader", "#c2185b", "star"),
    "unit": ("Xã, phường", "Commune / ward", "#8c564b", "box"),
}
# task status as of a date -> (Vietnamese, English, colour)
STATUSES: dict[str, tuple[str, str, str]] = {
    "overdue": ("quá hạn", "overdue", "#d62728"),
    "due_soon": ("sắp đến hạn", "due soon", "#ff8c00"),
    "open": ("đang thực hiện", "in progress", "#1f9e89"),
    "no_deadline": ("không có hạn", "no deadline", "#9e9e9e"),
    "recurring": ("định kỳ", "recurring", "#3f6fd1"),
    "done_on_time": ("hoàn thành đúng hạn", "done on time", "#2ca02c"),
    "done_late": ("hoàn thành quá hạn", "done late", "#8c6d31"),
    "done": ("đã hoàn thành", "done", "#6baed6"),
}
# edge kinds -> (Vietnamese, English)
LINKS: dict[str, tuple[str, str]] = {
    "lead": ("chủ trì", "lead"), "support": ("phối hợp", "support"), "contains": ("gồm", "contains"),
    "based_on": ("căn cứ", "based on"), "implements": ("thực hiện", "implements"), "cites": ("trích dẫn", "cites"),
    "issuer": ("ban hành", "issued by"), "chair": ("chủ trì họp", "chaired"), "participant": ("dự, chỉ đạo", "attended"),
    "attendee": ("dự họp", "attended"), "commune": ("liên quan", "concerns"), "is_document": ("là văn bản", "is"),
    "tasks": ("nhiệm vụ", "tasks"), "member": ("thuộc nhóm", "member of"),
}
TEXT = {
    "vi": {"legend": "Chú giải", "kinds": "Loại nút", "statuses": "Tình trạng nhiệm vụ (tính đến {d})",
           "details": "Chi tiết", "click": "Bấm vào một nút để xem chi tiết.", "nodes": "{n} nút, {e} cạnh",
           "made": "Tạo bởi chidao-kg lúc {t}", "deadline": "Hạn", "deadline_text": "Hạn (nguyên văn)",
           "notice": "Thông báo", "file": "Tệp", "span": "Vị trí câu (ký tự)", "status": "Tình trạng", "number": "Số hiệu",
           "date": "Ngày", "issuer": "Cơ quan ban hành", "title": "Trích yếu", "tasks": "Số nhiệm vụ",
           "summary": "Tóm tắt", "by_role": "Theo vai trò", "by_status": "Theo tình trạng", "next": "Hạn sắp tới",
           "none": "(không có)", "id": "Mã", "role": "Vai trò", "content": "Nội dung", "filter": "Lọc theo loại",
           "recurring": "Định kỳ", "scope": "Địa bàn", "text": "Nội dung"},
    "en": {"legend": "Legend", "kinds": "Node kinds", "statuses": "Task status (as of {d})", "details": "Details",
           "click": "Click a node to see its details.", "nodes": "{n} nodes, {e} edges", "made": "Made by chidao-kg at {t}",
           "deadline": "Deadline", "deadline_text": "Deadline (as written)", "notice": "Notice", "file": "File",
           "span": "Sentence position (characters)", "status": "Status", "number": "Number", "date": "Date",
           "issuer": "Issuer", "title": "Title", "tasks": "Tasks", "summary": "Summary", "by_role": "By role",
           "by_status": "By status", "next": "Next deadlines", "none": "(none)", "id": "Id", "role": "Role",
           "content": "Text", "filter": "Filter by kind", "recurring": "Recurring", "scope": "Scope", "text": "Text"},
}


def kind_of_key(key: str) -> str:
    """A node's kind from its key's prefix (``agency:…``, ``committee:…``, ``agencygroup:…``, ``doc:…`` …)."""
    prefix = key.split(":", 1)[0]
    return {"agency": "agency", "committee": "committee", "agencygroup": "group", "doc": "document", "task": "task",
            "notice": "notice", "person": "person", "unit": "unit"}.get(prefix, "agency")


def short_label(text: str | None, n: int = 42) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


def notice_name(number: str | None, title: str | None, path: str | None) -> str:
    """How people name a notice: its number, else the start of its title, else its file name."""
    if number:
        return number
    if title:
        return short_label(title, 60)
    return Path(path or "?").name


@dataclass
class View:
    """Nodes and edges of one view, in the one visual language; :func:`render` makes the page."""

    title: str
    lang: str = "vi"
    as_of: str | None = None
    nodes: dict[str, dict] = field(default_factory=dict)
    edges: dict[tuple, dict] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # said on the page (trimming, filters)
    summary: dict | None = None  # the workload's counts and next deadlines

    def t(self, key: str, **kw: Any) -> str:
        return TEXT[self.lang][key].format(**kw)

    def kind_name(self, kind: str) -> str:
        vi, en, _, _ = KINDS[kind]
        return vi if self.lang == "vi" else en

    def status_name(self, status: str) -> str:
        vi, en, _ = STATUSES[status]
        return vi if self.lang == "vi" else en

    def link_name(self, link: str) -> str:
        vi, en = LINKS.get(link, (link, link))
        return vi if self.lang == "vi" else en

    def node(self, key: str, kind: str, label: str, details: list[tuple[str, Any]] | None = None,
             status: str | None = None, load: int = 0) -> None:
        n = self.nodes.get(key)
        if n is None:
            self.nodes[key] = {"id": key, "kind": kind, "label": short_label(label), "full": label,
                               "details": [(k, v) for k, v in (details or []) if v not in (None, "", -1)],
                               "status": status, "load": load}
        else:
            if details and not n["details"]:
                n["details"] = [(k, v) for k, v in details if v not in (None, "", -1)]
            if status and not n["status"]:
                n["status"] = status
            n["load"] = max(n["load"], load)

    def edge(self, a: str, b: str, link: str) -> None:
        if a in self.nodes and b in self.nodes:
            self.edges.setdefault((a, b, link), {"from": a, "to": b, "link": link})

    # -- shared builders -----------------------------------------------------------------------

    def add_tasks(self, kg, task_keys: Iterable[str], as_of: dt.date, notices: bool = True,
                  links: bool = True) -> list[dict]:
        keys = sorted(set(task_keys))
        if not keys:
            return []
        rows = kg.q("view_tasks", task_keys=keys, as_of=as_of.isoformat(), soon=(as_of + dt.timedelta(days=7)).isoformat())
        of = {n["notice"]: n for n in kg.q("notice_rows", notice_keys=sorted({r["notice"] for r in rows}))}
        rows = [{**r, **{k: of.get(r["notice"], {}).get(k) for k in ("notice_number", "notice_title", "notice_date",
                                                                       "path")}} for r in rows]
        for r in rows:
            if notices:
                self.node(r["notice"], "notice", notice_name(r["notice_number"], r["notice_title"], r["path"]),
                          [(self.t("number"), r["notice_number"]), (self.t("date"), r["notice_date"]),
                           (self.t("title"), r["notice_title"]), (self.t("file"), r["path"])])
            self.task_node(r)
            if notices:
                self.edge(r["notice"], r["task"], "contains")
        if links:
            from .graph import PAGE_LOOKUPS  # a page: one key lookup per task; more: one statement (a scan)

            links_ = (r for k in keys for r in kg.q("task_links", task_key=k)) if len(keys) <= PAGE_LOOKUPS else kg.q(
                "view_task_links", task_keys=keys)
            for r in links_:
                if r["link"] == "assigned":
                    self.node(r["key"], kind_of_key(r["key"]), r["name"])
                    self.edge(r["task"], r["key"], r["role"] or "lead")
                else:
                    self.node(r["key"], "document", r["name"])
                    self.edge(r["task"], r["key"], "based_on")
        self.size_by_load()
        return rows

    def task_node(self, r: dict) -> None:
        span = f"{r['span_start']}–{r['span_end']}" if (r.get("span_start") or -1) >= 0 else None
        deadline = r.get("deadline") or (self.t("recurring") + ": " + (r.get("recurrence_text") or "")
                                         if r.get("recurrence_rule") else None)
        self.node(r["task"], "task", f"{r['id']}" + (f" · {r['ref']}" if r.get("ref") else ""),
                  [(self.t("content"), r["text"]), (self.t("deadline"), deadline),
                   (self.t("deadline_text"), r.get("deadline_text")), (self.t("status"), self.status_name(r["status"])),
                   (self.t("notice"), notice_name(r.get("notice_number"), r.get("notice_title"), r.get("path"))),
                   (self.t("file"), r.get("path")), (self.t("span"), span)], status=r["status"])

    def size_by_load(self) -> None:
        """Agencies, documents and notices grow with the tasks attached to them."""
        load: Counter = Counter()
        for (a, b, link) in self.edges:
            if self.nodes[a]["kind"] == "task":
                load[b] += 1
            elif self.nodes[b]["kind"] == "task":
                load[a] += 1
        for k, n in self.nodes.items():
            n["load"] = max(n["load"], load.get(k, 0))

    # -- output --------------------------------------------------------------------------------

    def network(self):
        """The view as a :class:`pyvis.network.Network` (nodes and edges with their visual attributes)."""
        from pyvis.network import Network

        net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
        for n in self.nodes.values():
            _, _, colour, shape = KINDS[n["kind"]]
            if n["kind"] == "task" and n["status"]:
                colour = STATUSES[n["status"]][2]
            size = 10 + min(40, 4 * n["load"]) if n["kind"] != "task" else 9
            tip = "\n".join([n["full"], self.kind_name(n["kind"])] + [f"{k}: {v}" for k, v in n["details"]])
            net.add_node(n["id"], label=n["label"], shape=shape, color=colour, size=size, title=tip,
                         font={"size": 12, "face": "sans-serif"})
        for e in self.edges.values():
            label = self.link_name(e["link"]) if e["link"] in ("lead", "support", "based_on", "implements", "chair",
                                                               "participant", "issuer", "tasks") else ""
            net.add_edge(e["from"], e["to"], label=label, title=self.link_name(e["link"]), arrows="to",
                         color="#c0392b" if e["link"] == "lead" else "#7f8c8d",
                         dashes=e["link"] == "support", font={"size": 10, "align": "middle"})
        return net

    def legend(self) -> dict:
        kinds = sorted({n["kind"] for n in self.nodes.values()}, key=list(KINDS).index)
        statuses = sorted({n["status"] for n in self.nodes.values() if n["status"]}, key=list(STATUSES).index)
        return {"kinds": [{"kind": k, "name": self.kind_name(k), "colour": KINDS[k][2], "shape": KINDS[k][3],
                           "count": sum(1 for n in self.nodes.values() if n["kind"] == k)} for k in kinds],
                "statuses": [{"status": s, "name": self.status_name(s), "colour": STATUSES[s][2],
                              "count": sum(1 for n in self.nodes.values() if n["status"] == s)} for s in statuses]}


# ---------------------------------------------------------------------------------------------------
# the four views


def trace_view(kg, document: str, as_of: dt.date | None = None, lang: str = "vi", max_depth: int = 3,
               limit: int | None = None, offset: int = 0) -> View:
    """The document(s) ``document`` names at the centre, the documents implementing them, the tasks that
    depend on them (``limit`` of them from ``offset``, in the order of :meth:`KnowledgeGraph.trace`; all without a
    limit), their notices and the bodies that must carry them out."""
    as_of = as_of or dt.date.today()
    res = kg.trace(document, max_depth=max_depth, limit=limit, offset=offset)
    docs = res["documents"]
    title = ("Nhiệm vụ phụ thuộc " if lang == "vi" else "Tasks depending on ") + ", ".join(
        f"{d.get('type') or ''} {d['number']}".strip() for d in docs)
    v = View(title, lang, as_of.isoformat())
    for d in docs:
        v.node(d["key"], "document", f"{d.get('type') or ''} {d['number']}".strip(),
               [(v.t("number"), d["number"]), (v.t("date"), d.get("date")), (v.t("issuer"), d.get("issuer")),
                (v.t("title"), d.get("title"))])
    for r in kg.q("view_document_links", doc_keys=[d["key"] for d in docs]):
        v.node(r["a"], "notice" if r["a"].startswith("notice:") else "document", r["a_name"])
        v.edge(r["a"], r["b"], r["link"])
    v.add_tasks(kg, [t["task"] for t in res["tasks"]], as_of)
    # a task that depends on a document through an implementing one: link the implementing document too
    for t in res["tasks"]:
        via = next((k for k, n in v.nodes.items() if n["kind"] == "document" and n["full"].endswith(t["via"] or "\0")), None)
        if via and not any(a == t["task"] and l == "based_on" for (a, _, l) in v.edges):
            v.edge(t["task"], via, "based_on")
    v.size_by_load()
    return v


def workload_view(kg, agency: str, as_of: dt.date | None = None, lang: str = "vi", scope: str | None = None,
                  with_predecessors: bool = False, limit: int | None = None, offset: int = 0) -> View:
    """The agency at the centre, its tasks grouped by notice (lead and support), and a summary beside it (of the
    ``limit`` tasks from ``offset`` in the order of :meth:`KnowledgeGraph.workload`; all without a limit)."""
    as_of = as_of or dt.date.today()
    res = kg.workload(agency, as_of=as_of, scope=scope, with_predecessors=with_predecessors, limit=limit, offset=offset)
    names = ", ".join(sorted({o["name"] for o in res["orgs"]}))
    v = View(("Việc của " if lang == "vi" else "Workload of ") + names, lang, as_of.isoformat())
    for o in res["orgs"]:
        v.node(o["key"], kind_of_key(o["key"]), o["name"], [(v.t("scope"), o.get("scope"))])
    v.add_tasks(kg, [t["task"] for t in res["tasks"]], as_of, links=False)
    for t in res["tasks"]:
        target = t["assigned_key"] if t["assigned_key"] in v.nodes or t["assigned_key"] not in {
            o["key"] for o in res["orgs"]} else t["assigned_key"]
        if target not in v.nodes:  # given to a group the agency belongs to: the group stands between
            v.node(target, kind_of_key(target), t["assigned_as"])
            for o in res["orgs"]:
                v.edge(o["key"], target, "member")
        v.edge(t["task"], target, t["role"])
    v.size_by_load()
    by_role = Counter(t["role"] for t in res["tasks"])
    by_status = Counter(t["status"] for t in res["tasks"])
    upcoming = sorted((t for t in res["tasks"] if t.get("deadline_end") and t["status"] in ("open", "due_soon", "overdue")),
                      key=lambda t: (str(t["deadline_end"]), t["id"]))
    v.summary = {"total": len(res["tasks"]),
                 "by_role": [(v.link_name(r), by_role[r]) for r in ("lead", "support") if by_role[r]],
                 "by_status": [(v.status_name(s), by_status[s], STATUSES[s][2]) for s in STATUSES if by_status[s]],
                 "next": [{"id": t["id"], "deadline": t.get("deadline"), "status": v.status_name(t["status"]),
                           "role": v.link_name(t["role"]), "text": short_label(t["text"], 90)} for t in upcoming[:10]]}
    return v


def notice_view(kg, name: str, as_of: dt.date | None = None, lang: str = "vi") -> View:
    """One notice: its meeting's leaders, attendees and communes, the documents it cites, its tasks and doers."""
    as_of = as_of or dt.date.today()
    n = kg.notice(name)
    (info,) = kg.q("notice_info", notice_key=n["key"])
    label = notice_name(info["number"], info["title"], info["path"])
    v = View(("Thông báo " if lang == "vi" else "Notice ") + label, lang, as_of.isoformat())
    v.node(n["key"], "notice", label, [(v.t("number"), info["number"]), (v.t("date"), info["date"]),
                                      (v.t("issuer"), info["issuer"]), (v.t("title"), info["title"]),
                                      (v.t("file"), info["path"])])
    tasks = []
    for r in kg.q("view_notice_links", notice_keys=[n["key"]]):
        if r["link"] == "task":
            tasks.append(r["key"])
            continue
        kind = {"leader": "person", "commune": "unit", "cites": "document"}.get(r["link"]) or kind_of_key(r["key"])
        v.node(r["key"], kind, r["name"])
        v.edge(n["key"], r["key"], r["role"] if r["link"] == "leader" else r["link"])
    v.add_tasks(kg, tasks, as_of)
    return v


def overview_view(kg, as_of: dt.date | None = None, lang: str = "vi", budget: int = DEFAULT_BUDGET,
                  kinds: Iterable[str] | None = None, agency: str | None = None, commune: str | None = None,
                  leader: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None,
                  scope: str | None = None) -> View:
    """The whole graph (or the notices the filters keep, with everything around them), within ``budget`` nodes."""
    as_of = as_of or dt.date.today()
    v = View("Toàn cảnh đồ thị" if lang == "vi" else "Overview of the graph", lang, as_of.isoformat())
    rows = kg.q("view_overview_nodes", as_of=as_of.isoformat(), soon=(as_of + dt.timedelta(days=7)).isoformat())
    edges = kg.q("view_overview_edges")
    info = {r["key"]: r for r in rows}
    notice_of = {r["key"]: r["notice"] for r in rows if r["kind"] == "task"}
    keep: set[str] | None = None  # notices the filters keep
    adj: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        adj[e["a"]].add(e["b"])
        adj[e["b"]].add(e["a"])

    def notices_touching(keys: set[str]) -> set[str]:
        out = set()
        for k in keys:
            for x in adj[k] | {k}:
                if info.get(x, {}).get("kind") == "notice":
                    out.add(x)
                elif x in notice_of:
                    out.add(notice_of[x])
        return out

    said = []
    if agency:
        orgs = {o["key"] for o in kg.orgs(agency, scope)}
        keep = notices_touching(orgs)
        said.append(f"{'cơ quan' if lang == 'vi' else 'agency'}: {agency}")
    if commune:
        want = fold(commune)
        units = {r["key"] for r in rows if r["kind"] == "unit" and want in fold(r["name"] or "")}
        units |= {r["key"] for r in rows if r["kind"] == "committee" and want in fold(r["name"] or "")}
        got = notices_touching(units)
        keep = got if keep is None else keep & got
        said.append(f"{'xã, phường' if lang == 'vi' else 'commune'}: {commune}")
    if leader:
        people = {p["key"] for p in kg.people(leader)}
        got = notices_touching(people)
        keep = got if keep is None else keep & got
        said.append(f"{'lãnh đạo' if lang == 'vi' else 'leader'}: {leader}")
    if date_from or date_to:
        lo, hi = (date_from or dt.date.min).isoformat(), (date_to or dt.date.max).isoformat()
        got = {r["key"] for r in rows if r["kind"] == "notice" and r["date"] and lo[:len(r["date"])] <= r["date"] <= hi}
        keep = got if keep is None else keep & got
        said.append(f"{'ngày' if lang == 'vi' else 'date'}: {date_from or '…'} – {date_to or '…'}")
    if said:
        v.notes.append(("Lọc theo " if lang == "vi" else "Filtered by ") + "; ".join(said))
    allowed = set(kinds) if kinds else set(KINDS)
    if keep is not None:
        wanted = set(keep) | {k for k, n in notice_of.items() if n in keep}
        wanted |= {x for k in list(wanted) for x in adj[k]}
    else:
        wanted = set(info)
    wanted = {k for k in wanted if k in info and info[k]["kind"] in allowed}
    # the budget: fold tasks into their notices, then drop the least connected nodes
    folded = False
    if len(wanted) > budget and "task" in allowed:
        tasks = {k for k in wanted if info[k]["kind"] == "task"}
        wanted -= tasks
        folded = True
        v.notes.append((f"Đồ thị có {len(wanted) + len(tasks)} nút, vượt ngân sách {budget} nút: "
                        f"{len(tasks)} nhiệm vụ được gộp vào thông báo chứa chúng (cạnh 'nhiệm vụ' nối thông báo "
                        f"với đơn vị được giao)." if lang == "vi" else
                        f"The graph has {len(wanted) + len(tasks)} nodes, over the budget of {budget}: "
                        f"{len(tasks)} tasks are folded into their notices."))
    if len(wanted) > budget:
        degree = Counter()
        for e in edges:
            if e["a"] in wanted and e["b"] in wanted:
                degree[e["a"]] += 1
                degree[e["b"]] += 1
        ranked = sorted(wanted, key=lambda k: (-degree[k], k))
        dropped = len(ranked) - budget
        wanted = set(ranked[:budget])
        v.notes.append((f"Vẫn vượt ngân sách: bỏ {dropped} nút ít liên kết nhất; dùng bộ lọc (cơ quan, xã, lãnh đạo, "
                        f"khoảng ngày) để xem đầy đủ." if lang == "vi" else
                        f"Still over the budget: the {dropped} least connected nodes are left out; filter to see "
                        f"them."))
    for k in sorted(wanted, key=lambda k: (list(KINDS).index(info[k]["kind"]), k)):
        r = info[k]
        if r["kind"] == "task":
            v.node(k, "task", r["name"], [(v.t("content"), r["detail"]), (v.t("deadline"), r["date"]),
                                          (v.t("status"), v.status_name(r["status"]))], status=r["status"])
        elif r["kind"] == "notice":
            v.node(k, "notice", r["name"], [(v.t("date"), r["date"]), (v.t("title"), r["detail"])])
        elif r["kind"] == "document":
            v.node(k, "document", r["name"], [(v.t("date"), r["date"]), (v.t("title"), r["detail"])])
        else:
            v.node(k, r["kind"], r["name"], [(v.t("scope"), r["detail"])] if r["kind"] != "person" else [])
    folded_links: Counter = Counter()
    for e in edges:
        a, b, link = e["a"], e["b"], e["role"] if e["link"] in ("assigned", "leader") else e["link"]
        if folded and a in notice_of and e["link"] == "assigned":
            folded_links[(notice_of[a], b)] += 1
            continue
        v.edge(a, b, link)
    for (a, b), n in folded_links.items():
        v.edge(a, b, "tasks")
        if (a, b, "tasks") in v.edges:
            v.edges[(a, b, "tasks")]["count"] = n
            v.nodes[b]["load"] += n
    v.size_by_load()
    return v


# ---------------------------------------------------------------------------------------------------
# the page


def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS as bundled inside the installed pyvis package."""
    import pyvis

    base = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
    return (base / "vis-network.min.js").read_text(encoding="utf-8"), (base / "vis-network.css").read_text(encoding="utf-8")


def script_json(obj: Any) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and the JS line separators escaped."""
    s = json.dumps(obj, ensure_ascii=False, default=str)
    return (s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _env():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("kg", "templates"), autoescape=select_autoescape(default=True,
                                                                                             default_for_string=True))


def page_data(view: View) -> dict:
    """What the page's script draws: pyvis's nodes and edges and the options for the physics."""
    net = view.network()
    nodes, edges, *_ = net.get_network_data()
    for e in edges:
        e.pop("id", None)
    kinds = {n["id"]: n["kind"] for n in view.nodes.values()}
    for n in nodes:
        n["kind"] = kinds[n["id"]]
    big = len(nodes) > 400
    options = {"physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": True,
                                                                           "iterations": 250 if big else 400,
                                                                           "updateInterval": 50},
                           "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.2}},
               "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big},
               "edges": {"smooth": False if big else {"type": "dynamic"}}}
    return {"nodes": nodes, "edges": edges, "options": options}


def render(view: View, fragment: bool = False) -> str:
    """The view as one self-contained HTML page (or, ``fragment=True``, the part a ``kg serve`` page embeds,
    which loads vis-network from the app itself)."""
    js, css = ("", "") if fragment else vis_assets()
    data = page_data(view)
    template = _env().get_template("view_fragment.html" if fragment else "view.html")
    return template.render(view=view, legend=view.legend(), data_json=script_json(data), vis_js=js, vis_css=css,
                           t=TEXT[view.lang], n_nodes=len(data["nodes"]), n_edges=len(data["edges"]),
                           made=dt.datetime.now().strftime("%Y-%m-%d %H:%M"))


def write(view: View, path: Path) -> None:
    from kg.cli.common import write_text

    write_text(Path(path), render(view))
