"""``kg serve``: a small read-only web app over the graph (Starlette + Jinja2, autoescape on).

Pages: notices, a notice, an agency (with .xlsx, .csv (BOM) and .ics downloads), a document, a leader,
a task, deadlines and search; every page has a JSON twin (``?format=json``) and a stable URL built from
public ids (a task's ``NV-…`` id, a document's or notice's number; a notice without a number by its file
stem). Every answer comes from :class:`kg.graph.KnowledgeGraph` and the recipes, as on the command
line; this module only renders.

The store is never held open between requests: each request opens it for reading and closes it, so
``kg ingest`` can write while the app runs (the embedded engine allows one writer). Each page says when
the store last changed. The app binds 127.0.0.1 by default; on another address every request must carry
the access token (``?token=…`` once, then a cookie). Assets (vis-network from the pyvis package, the
style sheet) are served by the app itself; pages fetch nothing from outside.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlencode

from loaders.normalize import fold

from .errors import DiskFullError, KGError
from .status import STATUS_VI, status_label

ROLE_VI = {"lead": "chủ trì", "support": "phối hợp"}
KIND_VI = {"inspection": "kiểm tra", "working_session": "làm việc", "conference": "hội nghị",
           "regular_meeting": "giao ban", "other": "khác"}
WORKLOAD_COLUMNS = [("id", "Mã nhiệm vụ"), ("role_vi", "Vai trò"), ("assigned_as", "Được giao với tư cách"),
                    ("ref", "Mục"), ("deadline", "Hạn"), ("status_vi", "Tình trạng"), ("notice_name", "Thông báo"),
                    ("notice_date", "Ngày thông báo"), ("text", "Nội dung")]
PAGE_ROWS = 100  # rows of a listing page (agency, deadlines, document, notices); ?page=N, the downloads are whole
DEADLINE_COLUMNS = [("id", "Mã nhiệm vụ"), ("deadline", "Hạn"), ("status_vi", "Tình trạng"), ("leads", "Chủ trì"),
                    ("ref", "Mục"), ("notice_name", "Thông báo"), ("text", "Nội dung")]


class StoreBusy(KGError):
    """The store stayed busy (a writer's log being written into it) for as long as a page waits."""


class Snapshot:
    """Where the app reads: a store target opened per request, never held (see the module docstring)."""

    def __init__(self, target: str | Path, wait: float | None = None):
        from kg.recipes import Registry
        from kg.store.ladybug_store import reader_wait

        self.target = target
        self.wait = reader_wait() if wait is None else wait  # $KG_WAIT, as the CLI's questions
        self.registry = Registry.load()  # once: the recipes do not change while the app runs

    def open(self):
        from kg.graph import KnowledgeGraph

        if isinstance(self.target, str):
            return KnowledgeGraph.open(self.target, read_only=True, registry=self.registry)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                return KnowledgeGraph.open(self.target, read_only=True, registry=self.registry)
            except Exception as e:  # noqa: BLE001 — a writer's log being folded in: wait a little, as the CLI does
                kind = getattr(e, "kind", None)
                text = f"{getattr(e, 'detail', '')} {e}"
                busy = kind in ("torn_log", "locked") or any(w in text for w in ("checkpoint recovery is pending",
                                                                                 "Could not set lock", "WAL"))
                if not busy:
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"kho đồ thị đang được một tiến trình khác ghi vào tệp (đã chờ {self.wait:g} giây); "
                                    "hãy tải lại trang sau ít phút") from e
                time.sleep(0.2)

    def refreshed(self) -> str | None:
        """When the store last changed (the embedded store's files), local time; None for a server."""
        if isinstance(self.target, str):
            return None
        p = Path(self.target)
        p = p / "graph.lbug" if p.is_dir() else p
        times = [q.stat().st_mtime for q in (p, Path(f"{p}.wal")) if q.exists()]
        return dt.datetime.fromtimestamp(max(times)).strftime("%d/%m/%Y %H:%M:%S") if times else None


def _link_tasks(candidates: list[dict]) -> None:
    """The tasks among an answer's candidates (those with a ``unique_id``, kg.model.task_ref) link to their own page,
    named by that form and their notice's number (or file)."""
    for c in candidates:
        if c.get("unique_id"):
            c["href"] = "/task/" + quote(c["unique_id"], safe="/@")
            c["name"] = f"{c['unique_id']} ({c.get('number') or c.get('path')})"


def ensure_current_format(target: str | Path, announce: Callable[[str], None] | None = None) -> str | None:
    """Before serving: a store of an older format is migrated once (a short write open), so that every page
    (search uses the folded text properties of format 2) works. Returns the line to show, or None; ``announce`` is
    given a line before the migration starts."""
    from kg.graph import KnowledgeGraph
    from kg.store.format import FORMAT_VERSION

    if isinstance(target, str) or not Path(target).exists():
        return None
    try:
        with KnowledgeGraph.open(target, read_only=True) as kg:
            if kg.format.format >= FORMAT_VERSION:
                return None
    except Exception:  # noqa: BLE001 — an older schema cannot even be read without its new properties
        pass
    with KnowledgeGraph.open(target, announce=announce) as kg:
        return "; ".join(n.message for n in kg.store_notices) or None


# ---------------------------------------------------------------------------------------------------


def _notice_name(r: dict) -> str:
    from kg.viz import notice_name

    return notice_name(r.get("number") or r.get("notice_number"), r.get("title") or r.get("notice_title"), r.get("path"))


def notice_slug(r: dict) -> str:
    """A notice's stable URL part: its number, else its file's stem."""
    return r.get("number") or Path(r.get("path") or "").stem


def page_number(query: Any) -> int:
    """The page asked for (``?page=N``, from 1; anything else: the first).

    >>> page_number({"page": "3"}), page_number({"page": "x"}), page_number({}), page_number({"page": "-2"})
    (3, 1, 1, 1)
    """
    try:
        return max(1, int(query.get("page") or 1))
    except ValueError:
        return 1


def pager(path: str, items: list[tuple[str, str]], total: int, number: int, rows: int | None = None) -> dict:
    """What a listing says of its pages: this one (``page``), how many (``pages``), its first and last rows (from 1),
    the total, and the links to the pages before and after (the query ``items`` kept, ``page`` replaced).

    >>> p = pager("/deadlines", [("to", "30/06/2026"), ("page", "2")], 250, 2)
    >>> p["page"], p["pages"], p["first"], p["last"], p["prev"], p["next"]
    (2, 3, 101, 200, '/deadlines?to=30%2F06%2F2026&page=1', '/deadlines?to=30%2F06%2F2026&page=3')
    """
    rows = rows or PAGE_ROWS
    pages = max(1, -(-total // rows))
    kept = [(k, v) for k, v in items if k != "page"]

    def link(n: int) -> str:
        return path + "?" + urlencode(kept + [("page", str(n))])

    first = (number - 1) * rows
    return {"page": number, "pages": pages, "total": total, "first": min(first + 1, total),
            "last": min(first + rows, total), "prev": link(number - 1) if number > 1 else None,
            "next": link(number + 1) if number < pages else None}


def day(text: str | None) -> dt.date | None:
    from kg.cli.common import parse_day

    if not text:
        return None
    return parse_day(text)


class Sessions:
    """Browser sessions of a writable app: a random id (cookie ``kg_session``, HttpOnly, SameSite=Strict) with its
    own write token, put in every form, and the author's name, asked once per session. A write must carry the
    session's token: a page of another site can neither read it nor send the cookie (SameSite), so no cross-site
    request can write."""

    def __init__(self) -> None:
        self.data: dict[str, dict] = {}

    def get(self, sid: str | None) -> dict | None:
        return self.data.get(sid or "")

    def new(self) -> tuple[str, dict]:
        sid = new_token()
        self.data[sid] = {"csrf": new_token(), "author": None}
        return sid, self.data[sid]

    @staticmethod
    def valid(sess: dict | None, given: str | None) -> bool:
        return bool(sess and given) and hmac.compare_digest(str(given).encode(), sess["csrf"].encode())


WRITE_ACTIONS = ("done", "reopen", "fix", "accept")


def create_app(target: str | Path, token: str | None = None, as_of: dt.date | None = None, writable: bool = False):
    """The Starlette app on the store ``target`` (a path or a Neo4j URI). ``token``: required on every request.
    ``writable``: task, agency and notice pages get forms to mark done, reopen, fix and accept, written through the
    journal (kg/follow.py) with the session's token and author (:class:`Sessions`); else every write is refused."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.base import BaseHTTPMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
    from starlette.routing import Route

    from kg import exports, viz
    from kg.graph import Ambiguous, NotFound, group_tasks

    snap = Snapshot(target)
    sessions = Sessions()
    env = Environment(loader=PackageLoader("kg", "templates"), autoescape=select_autoescape(default=True,
                                                                                            default_for_string=True))

    def url(path: str, **q: Any) -> str:
        q = {k: v for k, v in q.items() if v not in (None, "")}
        return path + (("?" + urlencode(q)) if q else "")

    env.globals.update(url=url, quote_all=lambda s: quote(str(s), safe=""), STATUS_VI=STATUS_VI, ROLE_VI=ROLE_VI,
                       notice_slug=notice_slug, notice_name=_notice_name, qp=lambda s: quote(str(s), safe="/"))

    def today(request: Request) -> dt.date:
        try:
            return day(request.query_params.get("as_of")) or as_of or dt.date.today()
        except ValueError:
            return as_of or dt.date.today()

    def page(request: Request, template: str, payload: dict, title: str, status: int = 200, **ctx: Any) -> Response:
        if request.query_params.get("format") == "json":
            return JSONResponse(_jsonable(payload), status_code=status)
        sess = sessions.get(getattr(request.state, "kg_session", None) or request.cookies.get("kg_session")) \
            if writable else None
        write = {"csrf": sess["csrf"], "author": sess["author"], "back": request.url.path} if sess else None
        values = {"as_of": today(request).isoformat(), **payload, "write": write, **ctx}
        html = env.get_template(template).render(request=request, title=title, refreshed=snap.refreshed(), **values)
        return HTMLResponse(html, status_code=status)

    def handler(fn: Callable) -> Callable:
        async def run(request: Request) -> Response:
            import anyio

            def work():
                try:
                    kg = snap.open()
                except StoreBusy as e:  # a long write's checkpoint outlasted the wait: say so, and to come back
                    return page(request, "error.html", {"error": str(e)}, "Kho đang bận", status=503)
                except Exception as e:  # noqa: BLE001 — the store cannot be read now: one Vietnamese line
                    return page(request, "error.html", {"error": f"không mở được kho đồ thị để đọc ({type(e).__name__})"},
                                "Lỗi", status=503)
                try:
                    return fn(request, kg)
                except Ambiguous as e:
                    return page(request, "error.html", {"error": str(e), "candidates": e.candidates}, "Nhiều kết quả",
                                status=409)
                except (NotFound, KGError) as e:
                    return page(request, "error.html", {"error": str(e)}, "Không tìm thấy", status=404)
                except ValueError as e:
                    return page(request, "error.html", {"error": str(e)}, "Yêu cầu không hợp lệ", status=400)
                except Exception as e:  # noqa: BLE001 — one Vietnamese line, never a traceback
                    return page(request, "error.html", {"error": f"lỗi không mong đợi ({type(e).__name__})"}, "Lỗi",
                                status=500)
                finally:
                    kg.close()

            return await anyio.to_thread.run_sync(work)

        return run

    # -- pages ----------------------------------------------------------------------------------------

    def notices(request: Request, kg) -> Response:
        """The store filters (Notice.search, the folded text the search recipe reads), sorts and pages the list
        (:meth:`kg.graph.KnowledgeGraph.list_notices`); only the page's notices are read."""
        text = request.query_params.get("q", "").strip()
        sort = request.query_params.get("sort", "date")
        if sort not in kg.NOTICE_SORTS:
            sort = "date"
        desc = request.query_params.get("desc", "1" if sort in ("date", "tasks") else "") == "1"
        number = page_number(request.query_params)
        rows = kg.list_notices(text, sort, desc, limit=PAGE_ROWS, offset=(number - 1) * PAGE_ROWS)
        for r in rows:
            r["name"], r["slug"] = _notice_name(r), notice_slug(r)
        return page(request, "notices.html", {"notices": list(rows), "total": rows.total, "q": text, "sort": sort,
                                              "pager": pager(request.url.path, list(request.query_params.multi_items()),
                                                             rows.total, number)}, "Các thông báo đã nạp")

    def notice(request: Request, kg) -> Response:
        n = kg.notice(request.path_params["key"])
        (info,) = kg.q("notice_info", notice_key=n["key"])
        tasks = group_tasks(kg.q("notice_tasks", notice_key=n["key"]), ())
        status = {r["task"]: r for r in kg.q("view_tasks", task_keys=[t["task"] for t in tasks],
                                               as_of=today(request).isoformat(),
                                               soon=(today(request) + dt.timedelta(days=7)).isoformat())}
        for t in tasks:
            s = status.get(t["task"], {})
            t["status"], t["deadline_text"] = s.get("status"), s.get("deadline_text")
        links = kg.q("view_notice_links", notice_keys=[n["key"]])
        view = viz.notice_view(kg, n["key"], as_of=today(request))
        payload = {"notice": {**info, "key": n["key"], "name": _notice_name(info)}, "tasks": tasks,
                   "citations": kg.q("notice_citations", notice_key=n["key"]),
                   "people": [l for l in links if l["link"] == "leader"],
                   "attendees": [l for l in links if l["link"] == "attendee"],
                   "communes": [l for l in links if l["link"] == "commune"]}
        return page(request, "notice.html", payload, payload["notice"]["name"], graph=viz.render(view, fragment=True))

    def workload_rows(kg, request: Request, name: str, paged: bool = False) -> dict:
        """The agency's tasks: a page of PAGE_ROWS (``paged``: the HTML page and its JSON twin), else all (downloads)."""
        number = page_number(request.query_params)
        res = kg.workload(name, as_of=today(request), scope=request.query_params.get("scope") or None,
                          limit=PAGE_ROWS if paged else None, offset=(number - 1) * PAGE_ROWS if paged else 0)
        for t in res["tasks"]:
            t["role_vi"], t["status_vi"] = ROLE_VI.get(t["role"], t["role"]), status_label(t)
            t["notice_name"] = _notice_name({"title": t.get("notice_title"), "path": t.get("path")})
        res["pager"] = pager(request.url.path, list(request.query_params.multi_items()), res["total"], number)
        return res

    def agency(request: Request, kg) -> Response:
        name = request.path_params["name"]
        fmt = request.query_params.get("format")
        res = workload_rows(kg, request, name, paged=fmt not in ("xlsx", "csv", "ics"))
        stem = "viec-" + "-".join(fold(name).split())
        if fmt == "xlsx":
            return Response(exports.xlsx_bytes(res["tasks"], WORKLOAD_COLUMNS, "Nhiệm vụ"), headers={
                "Content-Disposition": f'attachment; filename="{stem}.xlsx"'},
                media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        if fmt == "csv":
            return Response(exports.csv_bom(res["tasks"], WORKLOAD_COLUMNS), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{stem}.csv"'})
        if fmt == "ics":
            from kg.ics import calendar

            return Response(calendar(res["tasks"], name).encode("utf-8"), media_type="text/calendar; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{stem}.ics"'})
        pg = res["pager"]
        view = viz.workload_view(kg, name, as_of=today(request), scope=request.query_params.get("scope") or None,
                                 limit=PAGE_ROWS, offset=(pg["page"] - 1) * PAGE_ROWS)
        upcoming = [t for t in res["tasks"] if t["status"] in ("overdue", "due_soon", "open")]
        payload = {"orgs": res["orgs"], "as_of": res["as_of"], "tasks": res["tasks"], "total": res["total"], "pager": pg,
                   "next": sorted(upcoming, key=lambda t: (str(t.get("deadline_end")), t["id"]))[:10]}
        return page(request, "agency.html", payload, ", ".join(sorted({o["name"] for o in res["orgs"]})),
                    graph=viz.render(view, fragment=True), name=name)

    def document(request: Request, kg) -> Response:
        number = request.path_params["number"]
        at = page_number(request.query_params)
        out = []
        for d in kg.document(number):
            traced = kg.trace_documents([d], limit=PAGE_ROWS, offset=(at - 1) * PAGE_ROWS)
            out.append({"document": {k: d[k] for k in ("number", "type", "date", "issuer", "title")},
                        # the first PAGE_ROWS citations and how many there are (thousands for a national resolution)
                        "cited_by": kg.q("document_cited_by", doc_key=d["key"], offset=0, limit=PAGE_ROWS),
                        "cited_total": kg.q("document_cited_count", doc_key=d["key"])[0]["n"],
                        "links": kg.q("document_links", doc_key=d["key"]), "tasks": traced["tasks"],
                        "total": traced["total"],
                        "pager": pager(request.url.path, list(request.query_params.multi_items()), traced["total"], at)})
        view = viz.trace_view(kg, number, as_of=today(request), limit=PAGE_ROWS, offset=(at - 1) * PAGE_ROWS)
        return page(request, "document.html", {"documents": out}, f"Văn bản {number}", graph=viz.render(view, fragment=True))

    def leader(request: Request, kg) -> Response:
        out, signers = [], {}
        for p in kg.people(request.path_params["name"]):
            meetings = kg.q("leader_meetings", person_key=p["key"])
            if fold(p["name"]) not in signers:  # namesakes of other provinces: one question for them all
                signers[fold(p["name"])] = kg.q("signed_notices", name_key=fold(p["name"]))
            signed = signers[fold(p["name"])]  # the notices whose signer's name holds the person's
            given = []
            for m in meetings:
                if m["role"] == "chair":
                    given += group_tasks(kg.q("notice_tasks", notice_key=m["notice"]), ())
            out.append({"person": p, "posts": kg.q("leader_posts", person_key=p["key"]),
                        "meetings": [{**m, "kind_vi": KIND_VI.get(m["kind"], m["kind"])} for m in meetings],
                        "signed": signed, "tasks": given})
        return page(request, "leader.html", {"leaders": out}, request.path_params["name"])

    def task(request: Request, kg) -> Response:
        from kg.status import task_status

        try:
            t = task_status(kg.task(request.path_params["id"]), today(request))
        except Ambiguous as e:  # an id several documents' tasks share: each candidate links to its own page
            _link_tasks(e.candidates)
            raise
        t["status_vi"] = status_label(t)
        return page(request, "task.html", {"task": t}, t["id"])

    def deadlines(request: Request, kg) -> Response:
        """The store pages the list (by deadline, ``from``/``to`` and the statuses in the query); with a filter by
        agency, commune or province it reads the keys and deadlines of the tasks those reach, and the page's tasks
        (:meth:`kg.graph.KnowledgeGraph.deadlines_of`); the downloads are whole."""
        qp = request.query_params
        fmt = qp.get("format")
        number = page_number(qp)
        paged = fmt not in ("xlsx", "csv")
        ask = {"before": day(qp.get("to")), "after": day(qp.get("from")), "as_of": today(request),
               "statuses": [s for s in qp.getlist("status") if s in STATUS_VI] or ["overdue", "due_soon"],
               "limit": PAGE_ROWS if paged else None, "offset": (number - 1) * PAGE_ROWS if paged else 0}
        filters = {k: qp.get(k) or None for k in ("agency", "commune", "province")}
        rows = kg.deadlines_of(**filters, **ask) if any(filters.values()) else kg.deadlines(**ask)
        total = rows.total
        for r in rows:
            r["status_vi"] = status_label(r)
            r["notice_name"] = _notice_name({"title": r.get("notice_title"), "path": r.get("path")})
        if fmt == "xlsx":
            return Response(exports.xlsx_bytes(rows, DEADLINE_COLUMNS, "Hạn"), headers={
                "Content-Disposition": 'attachment; filename="han-nhiem-vu.xlsx"'},
                media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        if fmt == "csv":
            return Response(exports.csv_bom(rows, DEADLINE_COLUMNS), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="han-nhiem-vu.csv"'})
        return page(request, "deadlines.html", {"tasks": list(rows), "total": total, "filters": dict(qp),
                                                "pager": pager(request.url.path, list(qp.multi_items()), total, number)},
                    "Hạn nhiệm vụ")

    def search(request: Request, kg) -> Response:
        text = request.query_params.get("q", "").strip()
        hits = search_graph(kg, text) if text else {"notices": [], "tasks": [], "agencies": [], "documents": []}
        return page(request, "search.html", {"q": text, **hits}, f"Tìm: {text}" if text else "Tìm kiếm")

    async def write(request: Request) -> Response:
        """POST /task/{id}/{action}: one journal entry (or a fix's few) through kg.follow, then back to the page."""
        import anyio
        from urllib.parse import parse_qs

        from kg import follow

        action = request.path_params["action"]
        sess = sessions.get(request.cookies.get("kg_session"))
        body = await request.body()
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
        if not Sessions.valid(sess, form.get("csrf")):
            return PlainTextResponse("thiếu hoặc sai mã phiên: không nhận yêu cầu ghi (mở lại trang rồi gửi lại)",
                                     status_code=403)
        if action not in WRITE_ACTIONS:
            return PlainTextResponse("không có thao tác này", status_code=404)
        author = " ".join((form.get("author") or "").split()) or sess["author"]
        if not author:
            return page(request, "error.html", {"error": "cần tên người ghi (hỏi một lần mỗi phiên)"}, "Thiếu tên",
                        status=400)
        sess["author"] = author
        tid, note = request.path_params["id"], form.get("note") or None

        def work() -> Response:
            from kg.graph import KnowledgeGraph

            try:
                kg = KnowledgeGraph.open(target)
            except Exception as e:  # noqa: BLE001 — another writer holds the store: say so, the user retries
                return page(request, "error.html", {"error": f"kho đang được ghi bởi tiến trình khác, hãy thử lại "
                                                             f"({type(e).__name__})"}, "Kho bận", status=503)
            try:
                if action == "done":
                    follow.mark_done(kg, tid, day(form.get("on")) or dt.date.today(), note, author)
                elif action == "reopen":
                    follow.reopen(kg, tid, note, author)
                elif action == "accept":
                    follow.accept(kg, tid, note, author)
                else:
                    names = lambda k: [x.strip() for x in (form.get(k) or "").split(";") if x.strip()]  # noqa: E731
                    follow.fix(kg, tid, names("lead"), names("support"), form.get("deadline") or None,
                               not_a_task=form.get("not_a_task") == "1", note=note, by=author)
            except Ambiguous as e:
                _link_tasks(e.candidates)
                return page(request, "error.html", {"error": str(e), "candidates": e.candidates}, "Nhiều kết quả", 409)
            except DiskFullError as e:  # refused before it began: nothing written
                return page(request, "error.html", {"error": e.vietnamese}, "Đĩa đầy", status=507)
            except (KGError, ValueError) as e:
                return page(request, "error.html", {"error": str(e)}, "Không ghi được", status=400)
            finally:
                kg.close()
            back = form.get("back") or ""
            return RedirectResponse(back if back.startswith("/") and not back.startswith("//")
                                    else "/task/" + quote(tid, safe="/@"),
                                    status_code=303)

        return await anyio.to_thread.run_sync(work)

    async def home(request: Request) -> Response:
        return RedirectResponse(url("/notices", token=request.query_params.get("token")), status_code=302)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        js, css = viz.vis_assets()
        if name == "vis-network.min.js":
            return Response(js, media_type="application/javascript")
        if name == "vis-network.css":
            return Response(css, media_type="text/css")
        if name == "app.css":
            return Response(env.get_template("app.css").render() + "\n" + env.get_template("view_style.css").render(),
                            media_type="text/css")
        return PlainTextResponse("không có tệp này", status_code=404)

    class Guard(BaseHTTPMiddleware):
        """Read-only; on an office network, the access token; no page may load anything from elsewhere."""

        async def dispatch(self, request: Request, call_next):
            if request.method not in ("GET", "HEAD") and not (writable and request.method == "POST"):
                return PlainTextResponse("chỉ đọc: không nhận yêu cầu ghi (chạy kg serve --writable để ghi)",
                                         status_code=405)
            if token is not None:
                given = request.query_params.get("token") or request.cookies.get("kg_token") or ""
                if not hmac.compare_digest(given.encode(), token.encode()):
                    return PlainTextResponse("cần mã truy cập (đường dẫn có ?token=… được in khi chạy kg serve)",
                                             status_code=401)
            sid = None
            if writable and sessions.get(request.cookies.get("kg_session")) is None and request.method == "GET":
                sid, _ = sessions.new()
                request.state.kg_session = sid  # this page's forms carry the new session's token
            response = await call_next(request)
            if sid is not None:
                response.set_cookie("kg_session", sid, httponly=True, samesite="strict")
            response.headers["Content-Security-Policy"] = (
                "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'")
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "no-referrer"
            if token is not None and request.query_params.get("token"):
                response.set_cookie("kg_token", token, httponly=True, samesite="strict")
            return response

    routes = [
        Route("/", home),
        Route("/notices", handler(notices)),
        Route("/notice/{key:path}", handler(notice)),
        Route("/agency/{name:path}", handler(agency)),
        Route("/document/{number:path}", handler(document)),
        Route("/leader/{name:path}", handler(leader)),
        # a task's id, or its unique_id: the id, '@' and its document's identity, which holds '/' (kg.model.task_ref)
        Route("/task/{id:path}", handler(task)),
        Route("/task/{id:path}/{action}", write, methods=["POST"]),
        Route("/deadlines", handler(deadlines)),
        Route("/search", handler(search)),
        Route("/static/{name}", asset),
    ]
    return Starlette(routes=routes, middleware=[Middleware(Guard)])


def search_graph(kg, text: str, limit: int = 50) -> dict:
    """Notices, tasks, agencies and documents whose folded text holds every word of ``text`` (typed with or
    without diacritics): the ``search`` recipe over the folded properties written at ingest."""
    words = fold(text).split()
    out: dict[str, list] = {"notices": [], "tasks": [], "agencies": [], "documents": []}
    if not words:
        return out
    phrase = " ".join(words)
    rows = kg.q("search", word=phrase)  # the words as typed, in order, first; else every word anywhere
    if not rows and len(words) > 1:
        rows = kg.q("search", word=max(words, key=len))
    seen = set()
    for r in rows:
        group = out[{"notice": "notices", "task": "tasks", "agency": "agencies", "document": "documents"}[r["kind"]]]
        if r["key"] in seen or len(group) >= limit or not all(w in (r["search"] or "") for w in words):
            continue
        seen.add(r["key"])
        if r["kind"] == "notice":
            r["slug"] = r["name"] or Path(r["extra"] or "").stem
            r["name"] = r["name"] or Path(r["extra"] or "").stem
        group.append({k: v for k, v in r.items() if k != "search"})
    return out


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


def new_token() -> str:
    import secrets

    return secrets.token_urlsafe(18)


def serve(target: str | Path, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          echo: Callable[[str], None] = print, writable: bool = False) -> None:
    """Run the app with uvicorn until Ctrl-C."""
    import uvicorn

    app = create_app(target, token=token, writable=writable)
    uvicorn.run(app, host=host, port=port, log_level="warning")
