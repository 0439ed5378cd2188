"""Latency of every page of ``kg serve`` on a store (issue 11: pages well under a second at 100,000 notices).

Each page is asked through Starlette's TestClient of :func:`kg.web.create_app` (the request opens the store,
asks, renders and closes it, as when served), ``--repeat`` times (a page slower than ``--slow`` seconds once is
asked once); median and max per page, in milliseconds, in a Markdown table. The parameters are taken from the
store itself: its most cited document, the person who chaired most meetings, the agency with most tasks, the
province with most notices, a notice and a task of the first notice by date, and a word of a notice's title.

    python benchmarks/bench_web.py /tmp/web5/store/graph.lbug [--repeat 5] [--as-of 01/06/2026] [--only /leader]

A/B: ``--url A=http://127.0.0.1:8801 --url B=http://127.0.0.1:8802`` asks two running ``kg serve`` (two checkouts
on the same store) instead, the requests interleaved (A, B, A, B, …) so that both see the same load; ``--skip
A=/leader`` leaves a page out for one of them (a page that takes minutes there).
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
    import urllib.request

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--slow", type=float, default=5.0, help="a page slower than this (s) once is asked once")
    ap.add_argument("--as-of", default="01/06/2026")
    ap.add_argument("--only", action="append", default=[], help="only the pages whose label or path holds this")
    ap.add_argument("--url", action="append", default=[], help="NAME=http://host:port of a running kg serve")
    ap.add_argument("--skip", action="append", default=[], help="NAME=text: that server is not asked these pages")
    args = ap.parse_args(argv)
    p = parameters(args.store)
    print("parameters:", p)
    if args.url:
        servers = dict(u.split("=", 1) for u in args.url)

        def getter(base: str):
            def get(path: str) -> tuple[int, int]:
                try:
                    with urllib.request.urlopen(base + path, timeout=3600) as r:
                        return r.status, len(r.read())
                except urllib.error.HTTPError as e:
                    return e.code, len(e.read())
            return get

        asks = {name: getter(base) for name, base in servers.items()}
    else:
        from starlette.testclient import TestClient

        from kg.web import create_app

        client = TestClient(create_app(args.store))

        def local(path: str) -> tuple[int, int]:
            r = client.get(path)
            return r.status_code, len(r.content)

        asks = {"": local}
    skips = [tuple(s.split("=", 1)) for s in args.skip]
    names = list(asks)
    head = " | ".join(f"{n} median ms | {n} max ms" if n else "median ms | max ms" for n in names)
    print(f"\n| page | status | bytes | {head} | n |\n|---|---|---|" + "---|" * (2 * len(names) + 1))
    for label, path in pages(p, args.as_of):
        if args.only and not any(o in label or o in path for o in args.only):
            continue
        times: dict[str, list[float]] = {n: [] for n in names}
        asked = [n for n in names if not any(n == k and (t in label or t in path) for k, t in skips)]
        status, size = None, 0
        for _ in range(args.repeat):
            for n in list(asked):
                t = time.perf_counter()
                status, size = asks[n](path)
                times[n].append((time.perf_counter() - t) * 1000)
                if times[n][-1] > args.slow * 1000:
                    asked.remove(n)
            if not asked:
                break
        cells = " | ".join(f"{statistics.median(times[n]):,.0f} | {max(times[n]):,.0f}" if times[n] else "— | —"
                           for n in names)
        print(f"| {label} `{path}` | {status} | {size:,} | {cells} | {max(len(v) for v in times.values())} |",
              flush=True)


if __name__ == "__main__":
    main()
