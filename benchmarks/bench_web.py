"""Latency of every page of ``kg serve`` on a store (issue 11: pages well under a second at 100,000 notices).

Each page is asked through Starlette's TestClient of :func:`kg.web.create_app` (the request opens the store,
asks, renders and closes it, as when served), ``--repeat`` times (a page slower than ``--slow`` seconds once is
asked once); median and max per page, in milliseconds, in a Markdown table. The parameters are taken from the
store itself: its most cited document, the person who chaired most meetings, the agency with most tasks, the
province with most notices, a notice and a task of the first notice by date, and a word of a notice's title.

    python benchmarks/bench_web.py /tmp/web5/store/graph.lbug [--repeat 5] [--as-of 01/06/2026] [--only /leader]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from urllib.parse import quote


def parameters(target: Path) -> dict:
    """Realistic parameters read from the store (the largest of each kind, so the table shows the worst case)."""
    from kg.graph import KnowledgeGraph
    from loaders.normalize import fold

    with KnowledgeGraph.open(target, read_only=True) as kg:
        run = kg.store.run
        doc = run("MATCH (d:Document)<-[:CITES]-(n:Notice) RETURN d.number AS number, count(*) AS c "
                  "ORDER BY c DESC, number LIMIT 1", {})[0]["number"]
        chair = run("MATCH (p:Person)<-[:LED_BY]-(m:Meeting) RETURN p.name AS name, count(*) AS c "
                    "ORDER BY c DESC, name LIMIT 1", {})[0]["name"]
        agency = run("MATCH (o:Committee)<-[:ASSIGNED_TO]-(t:Task) RETURN o.name AS name, count(*) AS c "
                     "ORDER BY c DESC, name LIMIT 1", {})[0]["name"]
        scope = run("MATCH (n:Notice) WHERE n.scope STARTS WITH 'tinh-' RETURN n.scope AS s, count(*) AS c "
                    "ORDER BY c DESC, s LIMIT 1", {})[0]["s"]
        notice = run("MATCH (n:Notice) WHERE n.number IS NOT NULL RETURN n.key AS key, n.number AS number, "
                     "n.title AS title ORDER BY n.date DESC, n.key LIMIT 1", {})[0]
        task = run("MATCH (n:Notice {key: $k})-[:CONTAINS]->(t:Task) RETURN t.id AS id ORDER BY id LIMIT 1",
                   {"k": notice["key"]})[0]["id"]
        commune = run("MATCH (o:Committee) WHERE o.name STARTS WITH 'UBND xã' RETURN o.name AS name "
                      "ORDER BY name LIMIT 1", {})
    word = max((w for w in fold(notice["title"] or "").split()), key=len, default="ke hoach")
    return {"doc": doc, "chair": chair, "agency": agency, "province": scope.removeprefix("tinh-").replace("-", " "), "notice": notice["number"],
            "task": task, "commune": commune[0]["name"].removeprefix("UBND xã ") if commune else "Chi Lăng",
            "word": word}


def pages(p: dict, as_of: str) -> list[tuple[str, str]]:
    a = f"as_of={quote(as_of)}"
    return [
        ("notices", "/notices"),
        ("notices, page 50", "/notices?page=50"),
        ("notices by tasks", "/notices?sort=tasks"),
        ("notices, text filter", f"/notices?q={quote(p['word'])}"),
        ("notice", f"/notice/{quote(p['notice'])}?{a}"),
        ("agency", f"/agency/{quote(p['agency'])}?{a}"),
        ("document (most cited)", f"/document/{quote(p['doc'])}?{a}"),
        ("leader (most meetings)", f"/leader/{quote(p['chair'])}"),
        ("task", f"/task/{p['task']}?{a}"),
        ("deadlines", f"/deadlines?{a}"),
        ("deadlines, agency", f"/deadlines?{a}&agency={quote(p['agency'])}"),
        ("deadlines, commune", f"/deadlines?{a}&commune={quote(p['commune'])}"),
        ("deadlines, province", f"/deadlines?{a}&province={quote(p['province'])}"),
        ("search", f"/search?q={quote(p['word'])}"),
    ]


def main(argv: list[str] | None = None) -> None:
    from starlette.testclient import TestClient

    from kg.web import create_app

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--slow", type=float, default=5.0, help="a page slower than this (s) once is asked once")
    ap.add_argument("--as-of", default="01/06/2026")
    ap.add_argument("--only", action="append", default=[], help="only the pages whose label or path holds this")
    args = ap.parse_args(argv)
    p = parameters(args.store)
    print("parameters:", p)
    client = TestClient(create_app(args.store))
    print("\n| page | path | status | bytes | median ms | max ms | n |\n|---|---|---|---|---|---|---|")
    for label, path in pages(p, args.as_of):
        if args.only and not any(o in label or o in path for o in args.only):
            continue
        times, status, size = [], None, 0
        for _ in range(args.repeat):
            t = time.perf_counter()
            r = client.get(path)
            times.append((time.perf_counter() - t) * 1000)
            status, size = r.status_code, len(r.content)
            if times[-1] > args.slow * 1000:
                break
        print(f"| {label} | `{path}` | {status} | {size:,} | {statistics.median(times):,.0f} | {max(times):,.0f} "
              f"| {len(times)} |", flush=True)


if __name__ == "__main__":
    main()
