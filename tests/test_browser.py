"""Every view file and every kg serve page in a real headless Chromium (Debian's chromium + chromium-driver,
driven by selenium) with the network blocked: no console errors, no request leaving the machine, the
expected node, edge and row counts on the sample notices, the legend, a hostile label that does not run,
search without diacritics. A screenshot of each goes to tests/screenshots/ (git-ignored).

Skipped, with the reason, when no Chromium or driver is installed (.ci/run installs them)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

import sample_store

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
SHOTS = Path(__file__).parent / "screenshots"
AS_OF = dt.date(2026, 6, 1)

if not (CHROMIUM and DRIVER):
    pytest.skip("no headless browser: install Debian's chromium and chromium-driver (.ci/run does)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    o = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--disable-dev-shm-usage",
              # the network is blocked: every name resolves to nothing but the loopback address
              "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--no-proxy-server",
              "--disable-background-networking", "--disable-component-update", "--disable-sync"]:
        o.add_argument(a)
    o.binary_location = CHROMIUM
    o.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    d = webdriver.Chrome(service=Service(DRIVER), options=o)
    SHOTS.mkdir(exist_ok=True)
    yield d
    d.quit()


def visit(d, url: str, shot: str, settle: bool = False) -> dict:
    d.get_log("performance")
    d.get_log("browser")
    d.get(url)
    if settle:
        for _ in range(300):
            if d.execute_script("return window.kgStabilized === true"):
                break
            time.sleep(0.1)
        assert d.execute_script("return window.kgStabilized === true"), f"{url}: the network did not settle"
    d.save_screenshot(str(SHOTS / f"{shot}.png"))
    requests = []
    for entry in d.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])
    errors = [l for l in d.get_log("browser") if l["level"] == "SEVERE"]
    return {"requests": requests, "errors": errors}


def local_only(requests: list[str], base: str = "file://") -> bool:
    return all(u.startswith((base, "data:", "file://")) for u in requests)


@pytest.fixture(scope="module")
def views(tmp_path_factory):
    from kg import viz
    from kg.graph import KnowledgeGraph

    folder = tmp_path_factory.mktemp("views")
    store = sample_store.build(folder / "g.lbug", hostile=True)
    out = {}
    with KnowledgeGraph.open(store, read_only=True) as kg:
        for name, view in [("trace", viz.trace_view(kg, "Nghị quyết 02/2026", as_of=AS_OF)),
                           ("workload", viz.workload_view(kg, "UBND xã Quan Sơn", as_of=AS_OF)),
                           ("workload-hostile", viz.workload_view(kg, "UBND xã Khuất Xá", as_of=AS_OF)),
                           ("notice", viz.notice_view(kg, "97/TB-UBND", as_of=AS_OF)),
                           ("overview", viz.overview_view(kg, as_of=AS_OF)),
                           ("overview-budget", viz.overview_view(kg, as_of=AS_OF, budget=100))]:
            viz.write(view, folder / f"{name}.html")
            out[name] = (folder / f"{name}.html", len(view.nodes), len(view.edges))
    return out


@pytest.mark.parametrize("name,nodes,edges", [("trace", 8, 7), ("workload", 21, 37), ("workload-hostile", 18, 32),
                                              ("notice", 58, 86), ("overview", 283, 425),
                                              ("overview-budget", 100, None)])
def test_view_files(browser, views, name, nodes, edges):
    path, n, e = views[name]
    got = visit(browser, path.as_uri(), f"view-{name}", settle=True)
    assert got["errors"] == []
    assert got["requests"] and local_only(got["requests"]), got["requests"]
    counts = browser.execute_script("return window.kgCounts")
    assert counts["nodes"] == nodes == n and (edges is None or counts["edges"] == edges == e)
    assert browser.find_element("id", "kg-legend").is_displayed()
    assert browser.execute_script("return typeof window.kgPwned") == "undefined"
    if name == "overview-budget":
        assert "vượt ngân sách 100 nút" in browser.find_element("css selector", ".kg-note").text
    if name == "workload-hostile":  # the hostile text is shown, as text, in the details panel
        browser.execute_script("var n = window.kgNetwork; var id = n.body.nodeIndices.find(function (i) {"
                               " var t = n.body.nodes[i].options.title; return t && t.textContent.indexOf('kgPwned') >= 0; });"
                               " document.getElementById('kg-details').textContent = n.body.nodes[id].options.title.textContent;")
        assert "<script>window.kgPwned=1</script>" in browser.find_element("id", "kg-details").text
        assert browser.execute_script("return typeof window.kgPwned") == "undefined"


def _serving(app):
    """Run ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from kg import web

    store = sample_store.build(tmp_path_factory.mktemp("serve") / "g.lbug", hostile=True)
    yield from _serving(web.create_app(store, as_of=AS_OF))


PAGES = [("notices", "/notices", "#notices tbody tr", 5, False),
         ("notice", "/notice/97/TB-UBND", "table.data tbody tr", 37, True),
         ("notice-hostile", "/notice/000_e9c322011b9ab118", "table.data tbody tr", 20, True),
         ("agency", "/agency/UBND xã Quan Sơn", "#tasks tbody tr", 18, True),
         ("document", "/document/02/2026/NQ-HĐND", "table.data tbody tr", 2, True),
         ("leader", "/leader/Trần Thanh Nhân", "#meetings tbody tr", 2, False),
         ("task", "/task/NV-8b4611", "blockquote.sentence", 1, False),
         ("deadlines", "/deadlines", "#deadlines tbody tr", 10, False),
         ("search", "/search?q=quan+son", "#hits-tasks li", 2, False)]


@pytest.mark.parametrize("name,path,rows,n,graph", PAGES)
def test_pages(browser, server, name, path, rows, n, graph):
    got = visit(browser, server + path, f"page-{name}", settle=graph)
    assert got["errors"] == []
    assert local_only(got["requests"], server), got["requests"]
    assert len(browser.find_elements("css selector", rows)) == n
    assert browser.execute_script("return typeof window.kgPwned") == "undefined"
    assert "Dữ liệu cập nhật lần cuối" in browser.find_element("tag name", "footer").text
    if graph:
        assert browser.find_element("id", "kg-legend").is_displayed()
    if name == "notice-hostile":
        assert "<script>window.kgPwned=1</script>" in browser.find_element("tag name", "main").text


def test_search_box_without_diacritics(browser, server):
    visit(browser, server + "/notices", "search-before")
    box = browser.find_element("css selector", "form.search input[name=q]")
    box.send_keys("khac phuc ton tai")
    box.submit()
    for _ in range(50):
        if browser.find_elements("css selector", "#hits-tasks li"):
            break
        time.sleep(0.1)
    hits = [li.text.split(":")[0] for li in browser.find_elements("css selector", "#hits-tasks li")]
    assert hits == ["NV-c19aa1"]
    browser.save_screenshot(str(SHOTS / "page-search-no-diacritics.png"))


@pytest.fixture(scope="module")
def budget_view(tmp_path_factory):
    """An overview of the budget's size: 90 notices (the samples and variants of them across provinces,
    benchmarks/corpus.py), 3,886 nodes folded and trimmed to the default budget of 1,500."""
    import sys

    from kg import viz
    from kg.graph import KnowledgeGraph

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from corpus import make_corpus

    folder = tmp_path_factory.mktemp("budget")
    with KnowledgeGraph.open(folder / "g.lbug") as kg:
        kg.ingest(make_corpus(90))
    with KnowledgeGraph.open(folder / "g.lbug", read_only=True) as kg:
        view = viz.overview_view(kg, as_of=AS_OF)
    viz.write(view, folder / "overview-full.html")
    return folder / "overview-full.html", view


def test_an_overview_of_the_budgets_size_settles(browser, budget_view):
    from kg.viz import DEFAULT_BUDGET

    path, view = budget_view
    assert len(view.nodes) == DEFAULT_BUDGET
    got = visit(browser, path.as_uri(), "view-overview-full-budget", settle=True)
    assert got["errors"] == [] and local_only(got["requests"]), got
    assert browser.execute_script("return window.kgCounts")["nodes"] == len(view.nodes)
    notes = browser.find_element("css selector", ".kg-note").text
    assert "vượt ngân sách 1500 nút" in notes


@pytest.fixture(scope="module")
def writable_server(tmp_path_factory):
    """kg serve --writable on a store of the samples (its own store: the pages above stay as they were)."""
    from kg import web

    store = sample_store.build(tmp_path_factory.mktemp("serve-w") / "g.lbug")
    for base in _serving(web.create_app(store, as_of=dt.date(2026, 6, 30), writable=True)):
        yield base, store


def test_writable_marks_done_and_fixes_a_doer(browser, writable_server):
    from kg.graph import KnowledgeGraph

    base, store = writable_server
    visit(browser, base + "/task/NV-e42617", "write-task-before")
    form = browser.find_element("id", "form-done")
    form.find_element("name", "author").send_keys("Lan")  # asked once per browser session
    form.find_element("name", "on").send_keys("08/06/2026")
    form.find_element("name", "note").send_keys("Báo cáo số 123/BC-SYT")
    form.find_element("css selector", "button[type=submit]").click()
    got = visit(browser, base + "/task/NV-e42617", "write-task-done")
    assert got["errors"] == [] and local_only(got["requests"], base)
    assert browser.find_element("id", "done").text == "2026-06-08 (bởi Lan: Báo cáo số 123/BC-SYT)"
    assert browser.find_element("id", "status").text == "hoàn thành đúng hạn"
    form = browser.find_element("id", "form-fix")
    assert not form.find_elements("name", "author")  # the name is not asked again
    form.find_element("name", "lead").send_keys("Sở Tài chính")
    form.find_element("css selector", "button[type=submit]").click()
    visit(browser, base + "/task/NV-e42617", "write-task-fixed")
    assert "Sở Tài chính" in browser.find_element("css selector", "dl.fields").text
    with KnowledgeGraph.open(store, read_only=True) as kg:
        t = kg.task("NV-e42617")
        assert t["done_by"] == "Lan" and [(a["name"], a.get("by")) for a in t["assignees"]] == [("Sở Tài chính", "Lan")]


def test_writable_refuses_a_write_without_the_token(browser, writable_server):
    """A page of another origin (here a data: page) posts a form to the app: the browser sends no SameSite=Strict
    cookie and the page has no token, so nothing is written."""
    from kg.graph import KnowledgeGraph

    base, store = writable_server
    visit(browser, base + "/task/NV-8b4611", "write-csrf-before")  # the browser has a session
    page = (f'<form id="f" method="post" action="{base}/task/NV-8b4611/done"><input name="author" value="X">'
            '<input name="on" value="2026-06-01"></form><script>document.getElementById("f").submit()</script>')
    browser.get("data:text/html;charset=utf-8," + page)
    for _ in range(50):
        if base in browser.current_url:
            break
        time.sleep(0.1)
    assert "thiếu hoặc sai mã phiên" in browser.find_element("tag name", "body").text
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert kg.task("NV-8b4611")["done_on"] is None
