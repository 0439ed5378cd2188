"""kg serve (kg.web): every page and its JSON twin on the sample notices, downloads, search with and without
diacritics, the token, read-only, escaping, the store migrated to the search format, and kg ingest running
while kg serve serves (the store is never held between requests)."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import sample_store
from kg import web

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return sample_store.build(tmp_path_factory.mktemp("web") / "g.lbug")


@pytest.fixture(scope="module")
def client(store):
    return TestClient(web.create_app(store))


def test_pages_and_json_twins(client):
    n = client.get("/notices?format=json").json()
    assert len(n["notices"]) == 5 and sorted(r["tasks"] for r in n["notices"]) == [14, 20, 23, 37, 39]
    html = client.get("/notices").text
    assert html.count('<tr><td><a href="/notice/') == 5 and "Dữ liệu cập nhật lần cuối" in html
    notice = client.get("/notice/97/TB-UBND?format=json").json()
    assert notice["notice"]["number"] == "97/TB-UBND" and len(notice["tasks"]) == 37
    assert client.get("/notice/97/TB-UBND").text.count('<tr class="status-') == 37
    agency = client.get("/agency/Sở Y tế?as_of=01/06/2026&format=json").json()
    assert [t["id"] for t in agency["tasks"]] == ["NV-e42617", "NV-8b4611"] and agency["as_of"] == "2026-06-01"
    assert [t["id"] for t in agency["next"]] == ["NV-e42617"]
    doc = client.get("/document/Nghị quyết 02/2026?format=json").json()
    assert [len(d["tasks"]) for d in doc["documents"]] == [2]
    leader = client.get("/leader/Trần Thanh Nhân?format=json").json()
    assert len(leader["leaders"]) == 1 and [m["role"] for m in leader["leaders"][0]["meetings"]] == ["participant", "chair"]
    assert len(leader["leaders"][0]["tasks"]) == 20
    task = client.get("/task/NV-e42617?format=json").json()["task"]
    assert task["assignees"] == [{"name": "Sở Y tế", "role": "lead"}] and task["deadline"] == "2026-06-10"
    dl = client.get("/deadlines?as_of=01/06/2026&format=json").json()
    assert len(dl["tasks"]) == 10 and {t["status"] for t in dl["tasks"]} == {"overdue", "due_soon"}
    assert client.get("/deadlines?as_of=2026-06-01").text.count('<tr class="status-') == 10
    lang_son = client.get("/deadlines?as_of=01/06/2026&province=Lạng Sơn&format=json").json()
    assert len(lang_son["tasks"]) == 8  # 97/TB-UBND of xã Quan Sơn is scoped to the commune only (its 2 tasks due soon)
    assert client.get("/agency/Không Có Cơ Quan Này").status_code == 404


def test_listings_are_paged_and_the_downloads_whole(client, monkeypatch):
    import csv

    def rows(r) -> list[list[str]]:
        return list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))[1:]

    monkeypatch.setattr(web, "PAGE_ROWS", 4)  # 19 tasks of UBND xã Chi Lăng, 17 deadlines of these statuses: pages of 4
    asked = "/deadlines?as_of=01/06/2026&status=overdue&status=due_soon&status=open&status=recurring"
    whole = rows(client.get(asked + "&format=csv"))
    assert len(whole) == 17  # a download is never cut
    seen = []
    for n in range(1, 7):
        page = client.get(f"{asked}&page={n}&format=json").json()
        assert page["total"] == 17 and page["pager"]["page"] == n and page["pager"]["pages"] == 5
        seen += [t["id"] for t in page["tasks"]]
    assert seen == [r[0] for r in whole]  # pages join up to the whole list, in its order
    html = client.get(asked + "&page=2").text
    assert 'rel="prev"' in html and 'rel="next"' in html and "Trang 2/5" in html
    assert html.count('<tr class="status-') == 4
    agency = [client.get(f"/agency/UBND xã Chi Lăng?as_of=01/06/2026&page={n}&format=json").json() for n in range(1, 6)]
    assert [len(a["tasks"]) for a in agency] == [4, 4, 4, 4, 3] and {a["total"] for a in agency} == {19}
    assert [t["id"] for a in agency for t in a["tasks"]] == [
        r[0] for r in rows(client.get("/agency/UBND xã Chi Lăng?as_of=01/06/2026&format=csv"))]
    assert client.get("/agency/UBND xã Chi Lăng?as_of=01/06/2026&page=2").text.count('<tr class="status-') == 4
    # a filter the store cannot apply: the rows kept are paged
    kept = client.get("/deadlines?as_of=01/06/2026&province=Lạng Sơn&format=json").json()
    assert kept["total"] == 8 and len(kept["tasks"]) == 4
    # 'from' is the store's lower bound on the deadline
    later = client.get(asked + "&from=01/06/2026&format=json").json()
    assert 0 < later["total"] < 17 and all(t["deadline_end"] is None or t["deadline_end"] >= "2026-06-01"
                                           for t in later["tasks"])
    notices = client.get("/notices?page=2&format=json").json()
    assert len(notices["notices"]) == 1 and notices["total"] == 5


def test_downloads(client):
    from openpyxl import load_workbook

    r = client.get("/agency/Sở Y tế?as_of=01/06/2026&format=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]][:5] == ["Mã nhiệm vụ", "Vai trò", "Được giao với tư cách", "Mục", "Hạn"]
    import datetime as dt

    assert ws["E2"].value == dt.datetime(2026, 6, 10) and ws["E2"].number_format == "DD/MM/YYYY"
    assert ws.column_dimensions["I"].width > 20
    csv = client.get("/agency/Sở Y tế?format=csv").content
    assert csv.startswith(b"\xef\xbb\xbfM\xc3\xa3 nhi\xe1\xbb\x87m v\xe1\xbb\xa5,") and csv.count(b"\n") == 3
    ics = client.get("/agency/Sở Y tế?format=ics")
    assert ics.headers["content-type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content


@pytest.mark.parametrize("q", ["khắc phục tồn tại", "khac phuc ton tai", "KHAC PHUC TON TAI"])
def test_search_with_or_without_diacritics(client, q):
    hits = client.get("/search", params={"q": q, "format": "json"}).json()
    assert [t["name"] for t in hits["tasks"]] == ["NV-c19aa1"]


def test_search_agencies_notices_documents(client):
    hits = client.get("/search", params={"q": "quan son", "format": "json"}).json()
    assert [a["name"] for a in hits["agencies"]] == ["UBND xã Quan Sơn"]
    assert sorted(n["slug"] for n in hits["notices"]) == ["001_3532e76df9f04fae", "97/TB-UBND"]
    docs = client.get("/search", params={"q": "nghi quyet 02", "format": "json"}).json()["documents"]
    assert "02/2026/NQ-HĐND" in [d["name"] for d in docs]


def test_read_only_token_and_headers(store):
    c = TestClient(web.create_app(store, token="s3cret"))
    assert c.get("/notices").status_code == 401
    r = c.get("/notices?token=s3cret")
    assert r.status_code == 200 and "default-src 'none'" in r.headers["content-security-policy"]
    assert c.get("/notices").status_code == 200  # the cookie
    assert c.post("/notices").status_code == 405


def test_hostile_text_is_escaped(tmp_path):
    c = TestClient(web.create_app(sample_store.build(tmp_path / "g.lbug", hostile=True)))
    for url in ("/notice/000_e9c322011b9ab118", "/agency/UBND xã Khuất Xá", "/notices", "/search?q=kgpwned"):
        html = c.get(url).text
        assert "<script>window.kgPwned" not in html and "<img src=x" not in html, url
    assert "&lt;script&gt;window.kgPwned=1&lt;/script&gt;" in c.get("/notices").text


def test_old_store_is_migrated_for_search(tmp_path, store):
    """A format-1 store (before folded search text) is migrated once when kg serve starts."""
    from kg.store.format import FORMAT_VERSION

    path = tmp_path / "old.lbug"
    sample_store.build(path)
    sample_store.older_format(path, 1)  # no search property at all, format 1
    assert web.ensure_current_format(path) == f"{path}: đã nâng định dạng kho từ 1 lên {FORMAT_VERSION}"
    assert web.ensure_current_format(path) is None  # once
    hits = TestClient(web.create_app(path)).get("/search?q=khac+phuc+ton+tai&format=json").json()
    assert [t["name"] for t in hits["tasks"]] == ["NV-c19aa1"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ingest_while_serving(tmp_path):
    store = sample_store.build(tmp_path / "g.lbug")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--store", str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        assert proc.stdout.readline().strip() == f"http://127.0.0.1:{port}/"
        url = f"http://127.0.0.1:{port}/notices?format=json"
        for _ in range(100):
            try:
                before = urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        assert before.count(b'"key"') == 5
        extra = ROOT / "tests" / "fixtures" / "extra" / "09_laocai-tb-vp-cum-cong-nghiep.txt"
        r = subprocess.run([sys.executable, "-m", "kg.cli", "ingest", str(extra), "--store", str(store)],
                           capture_output=True, text=True, env=env, timeout=120)
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip() == "Mới: 1, cập nhật: 0, không đổi: 0, lỗi: 0"
        after = urllib.request.urlopen(url, timeout=10).read()
        assert after.count(b'"key"') == 6
    finally:
        proc.terminate()
        proc.wait(10)


def test_cli_xlsx_day_first_dates_and_suggestions(store, tmp_path, runner):
    import datetime as dt

    from openpyxl import load_workbook

    from kg.cli import main

    out = tmp_path / "d.xlsx"
    r = runner.invoke(main, ["deadlines", "--as-of", "1/6/2026", "--status", "overdue,due-soon", "--xlsx", str(out),
                             "--store", str(store)])
    assert r.exit_code == 0, r.stderr
    assert r.stderr.strip() == f"Đã ghi 10 dòng vào {out}"
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == ["Mã", "Hạn", "Tình trạng", "Chủ trì", "Mục", "Thông báo", "Nội dung"]
    assert ws.max_row == 11 and ws["A2"].value == "NV-d05adc"
    same = runner.invoke(main, ["workload", "Sở Y tế", "--as-of", "01/06/2026", "--json", "--store", str(store)])
    iso = runner.invoke(main, ["workload", "Sở Y tế", "--as-of", "2026-06-01", "--json", "--store", str(store)])
    assert same.stdout == iso.stdout and '"as_of": "2026-06-01"' in iso.stdout
    r = runner.invoke(main, ["workload", "Sở Y tê", "--store", str(store)])  # a typo in the tone
    assert r.exit_code == 0
    r = runner.invoke(main, ["workload", "So Tai chin", "--store", str(store)])
    assert r.exit_code == 1 and r.stderr.strip().endswith("có phải: Sở Tài chính?")
    assert dt.date(2026, 6, 1)


def test_writable_app_marks_done_and_fixes_through_the_journal(tmp_path):
    """kg serve --writable: forms on the task page, the session's token on every write, the author asked once;
    a write without the token (another site's form) is refused; the read-only app refuses every write."""
    import re

    from kg.graph import KnowledgeGraph

    path = sample_store.build(tmp_path / "g.lbug")
    ro = TestClient(web.create_app(path))
    assert "form-done" not in ro.get("/task/NV-e42617").text
    assert ro.post("/task/NV-e42617/done", data={"on": "2026-06-08"}).status_code == 405
    c = TestClient(web.create_app(path, writable=True))
    html = c.get("/task/NV-e42617").text
    assert 'id="form-done"' in html and 'name="author"' in html
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    # another site's page posts with the browser's cookie but cannot know the token
    r = c.post("/task/NV-e42617/done", data={"on": "08/06/2026", "author": "Mallory"}, follow_redirects=False)
    assert r.status_code == 403 and r.text.startswith("thiếu hoặc sai mã phiên")
    r = c.post("/task/NV-e42617/done", data={"csrf": "x" * len(csrf), "on": "08/06/2026", "author": "M"},
               follow_redirects=False)
    assert r.status_code == 403
    other = TestClient(web.create_app(path, writable=True))  # a session of another browser: its own token
    assert other.post("/task/NV-e42617/done", data={"csrf": csrf, "on": "08/06/2026", "author": "M"},
                      follow_redirects=False).status_code == 403
    r = c.post("/task/NV-e42617/done", data={"csrf": csrf, "on": "08/06/2026", "note": "BC <b>1</b>", "author": "Lan",
                                             "back": "/task/NV-e42617"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/task/NV-e42617"
    html = c.get("/task/NV-e42617?as_of=2026-06-30").text
    assert "2026-06-08 (bởi Lan: BC &lt;b&gt;1&lt;/b&gt;)" in html and "hoàn thành đúng hạn" in html
    assert 'name="author"' not in html and "Người ghi: Lan" in html  # asked once per session
    r = c.post("/task/NV-e42617/fix", data={"csrf": csrf, "lead": "Sở Tài chính; Sở Y tế", "deadline": "2026-06-20",
                                            "back": "//evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/task/NV-e42617"  # never back to another site
    with KnowledgeGraph.open(path, read_only=True) as kg:
        t = kg.task("NV-e42617")
        assert t["done_by"] == "Lan" and t["deadline"] == "2026-06-20" and t["deadline_by"] == "Lan"
        assert sorted((a["name"], a["role"], a.get("by")) for a in t["assignees"]) == [
            ("Sở Tài chính", "lead", "Lan"), ("Sở Y tế", "lead", "Lan")]
        assert [e.action for e in kg.journal.entries()] == ["done", "fix-lead", "fix-deadline"]
    # the notice and agency pages carry a quick form per task
    assert c.get("/notice/97/TB-UBND").text.count('action="/task/') == 37
    assert 'action="/task/NV-e42617/reopen"' in c.get("/agency/Sở Tài chính?as_of=2026-06-30").text


def test_a_page_waits_for_a_busy_store_then_says_so_in_one_line(store, monkeypatch):
    """A store whose writer is writing its log into it (a long ingest's checkpoint: 20-50 s at 100,000 notices) is
    waited for up to $KG_WAIT seconds, then the page says it is busy and to come back (503), not an engine error."""
    from kg.graph import KnowledgeGraph
    from kg.store.ladybug_store import StoreOpenError

    real = KnowledgeGraph.open
    busy = {"left": 3}

    def opening(target, *a, **kw):
        if busy["left"]:
            busy["left"] -= 1
            raise StoreOpenError("engine", str(target), f"{target}: không mở được kho đồ thị",
                                 "Runtime exception: Cannot open database in read-only mode while checkpoint "
                                 "recovery is pending")
        return real(target, *a, **kw)

    monkeypatch.setattr(KnowledgeGraph, "open", staticmethod(opening))
    monkeypatch.setenv("KG_WAIT", "5")
    from kg.store.ladybug_store import reader_wait

    assert reader_wait() == 5.0
    assert TestClient(web.create_app(store)).get("/notices").status_code == 200  # busy three times, then read
    monkeypatch.setenv("KG_WAIT", "0.3")
    busy["left"] = 10 ** 6
    r = TestClient(web.create_app(store)).get("/notices")
    assert r.status_code == 503 and "kho đồ thị đang được một tiến trình khác ghi vào tệp (đã chờ 0.3 giây); hãy tải " \
                                      "lại trang sau ít phút" in r.text and "Runtime exception" not in r.text
