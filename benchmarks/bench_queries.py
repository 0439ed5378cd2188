#!/usr/bin/env python3
"""Question latency on a store: trace, workload, deadlines and show as the terminal asks them (the first page of
50 rows and a total), against the naive way (the whole answer, ordered and judged in Python) in the same run, and
the CLI's start-up time.

usage: python benchmarks/bench_queries.py --store PATH [--calls 20] [--naive-calls 5] [--limit 50] [--seed 0]
       python benchmarks/bench_queries.py --notices 1000 [...]   (builds a store from benchmarks/corpus.py first)

Each question is timed in-process, as the library call the CLI and the web app make (``KnowledgeGraph.trace``,
``.workload``, ``.deadlines``; ``show doc`` and ``show agency`` as the calls ``kg show`` makes), on documents and
agencies picked like bench_graph.py picks them (the most used half, the rest at random). The naive way is what
the library did before issue 11: the recipes ``trace_document``, ``workload`` and ``deadlines`` with every row,
sorted, grouped and judged (kg/status.py) in Python. Each paged answer is checked against the naive one: the same
first rows, the same total. The table marks PASS/FAIL against the goal (p95 <= 50 ms); the exit code is 0 either
way (a measurement, not a test).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_graph import pct, pick_agencies  # noqa: E402
from kg.graph import Ambiguous, KnowledgeGraph, NotFound, group_tasks, order_by  # noqa: E402
from kg.status import SOON_DAYS, task_status  # noqa: E402
from kg.tables import table  # noqa: E402

GOAL_MS = 50.0  # issue 11: trace, workload, deadlines, show p95 <= 50 ms (at 100,000 notices)
AS_OF = dt.date(2026, 6, 1)
BEFORE = dt.date(2026, 6, 30)
WORKLOAD_ORDER = ("deadline_end", "notice_date", "notice", "ordinal", "role")  # the order the naive way sorted by


# -- the naive way: what the library did before paging (kept here, for the ratio) -------------------------------


def naive_workload(kg: KnowledgeGraph, name: str, scope: str | None, as_of: dt.date = AS_OF) -> list[dict]:
    orgs = kg.orgs(name, scope)
    args = {"as_of": as_of.isoformat(), "soon": (as_of + dt.timedelta(days=SOON_DAYS)).isoformat()}
    rows = order_by(kg.q("workload", org_keys=[o["key"] for o in orgs], **args), *WORKLOAD_ORDER)
    return [task_status(r, as_of) for r in rows]


def naive_deadlines(kg: KnowledgeGraph, before: dt.date | None, as_of: dt.date = AS_OF) -> list[dict]:
    rows = kg.q("deadlines", before=before.isoformat() if before else None, as_of=as_of.isoformat(),
                soon=(as_of + dt.timedelta(days=SOON_DAYS)).isoformat())
    out: "OrderedDict[str, dict]" = OrderedDict()
    for r in rows:
        t = out.setdefault(r["task"], {**{k: v for k, v in r.items() if k != "lead"}, "leads": []})
        if r.get("lead") and r["lead"] not in t["leads"]:
            t["leads"].append(r["lead"])
    rows = list(out.values())
    dated = sorted((t for t in rows if t["deadline_end"] is not None),  # the order of the pages (Task.order_key)
                   key=lambda t: (t["deadline_end"], t["notice_date"] or "", t["notice"], t["ordinal"] or 0, t["task"]))
    return [task_status(t, as_of) for t in dated + [t for t in rows if t["deadline_end"] is None]]


def naive_trace(kg: KnowledgeGraph, number: str) -> list[dict]:
    docs = kg.document(number)
    rows = kg.q("trace_document", doc_keys=[d["key"] for d in docs], max_depth=3)
    rows.sort(key=lambda r: (r["depth"], r["notice_date"] or "", r["notice"], r["ordinal"] or 0, r["role"] or "",
                             r["assignee"] or ""))
    return group_tasks(rows, ())


# -- show, as kg show makes its calls -----------------------------------------------------------------------------


def show_doc(kg: KnowledgeGraph, number: str, limit: int | None) -> int:
    """As ``kg show doc`` in the terminal: each document the number names, then one page of their tasks together
    (a local number names one document per issuer that used it)."""
    docs = kg.document(number)
    for d in docs:
        kg.q("document_info", doc_key=d["key"])
        kg.q("document_links", doc_key=d["key"])
        kg.q("document_records", doc_key=d["key"])
    return kg.trace_documents(docs, limit=limit)["total"]


def show_agency(kg: KnowledgeGraph, name: str, scope: str | None, limit: int | None) -> int:
    res = kg.workload(name, scope=scope, as_of=AS_OF, limit=limit)
    kg.q("agency_meetings", org_keys=[o["key"] for o in res["orgs"]])
    return res["total"]


# -- measuring ----------------------------------------------------------------------------------------------------


def timed(fn, args: list) -> tuple[list[float], list]:
    times, out = [], []
    for a in args:
        t = time.perf_counter()
        try:
            out.append(fn(a))
        except (NotFound, Ambiguous) as e:
            out.append(e)
        times.append(time.perf_counter() - t)
    return times, out


def pick_documents(kg: KnowledgeGraph, k: int, rng: random.Random) -> list[str]:
    """Numbers of documents tasks are based on: the most used half, the rest at random (as bench_graph.py)."""
    rows = kg.store.run("MATCH (t:Task)-[:BASED_ON]->(d:Document) RETURN d.number AS number, count(t) AS n "
                        "ORDER BY n DESC, number", {})
    ranked = list(dict.fromkeys(r["number"] for r in rows if r["number"]))
    top = ranked[: k // 2]
    rest = ranked[k // 2:]
    return top + rng.sample(rest, min(k - len(top), len(rest)))


def cli_times(store: Path | None, agency: tuple[str, str] | None, runs: int = 3) -> list[list[str]]:
    """Wall time of `kg --help` and of `kg workload` in a new process, and Python's import time of kg.cli."""
    py = sys.executable
    env = {**os.environ, "COLUMNS": "120"}
    rows = []

    def wall(args: list[str]) -> float:
        ts = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([py, "-m", "kg.cli", *args], capture_output=True, cwd=ROOT, env=env, check=False)
            ts.append(time.perf_counter() - t)
        return statistics.median(ts)

    rows.append(["kg --help (new process)", f"{wall(['--help']) * 1000:.0f} ms", f"median of {runs}"])
    r = subprocess.run([py, "-X", "importtime", "-c", "import kg.cli"], capture_output=True, text=True, cwd=ROOT,
                       env=env, check=False)
    m = re.findall(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s+kg\.cli$", r.stderr, re.M)
    rows.append(["import kg.cli (python -X importtime)", f"{int(m[-1]) / 1000:.0f} ms" if m else "—",
                 "cumulative, the modules kg.cli loads"])
    if store is not None and agency is not None:
        args = ["workload", agency[0], "--scope", agency[1], "--as-of", AS_OF.isoformat(), "--store", str(store)]
        rows.append([f"kg workload (new process)", f"{wall(args) * 1000:.0f} ms",
                     f"{agency[0]} ({agency[1]}): start-up, open, first 50 rows, table"])
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", help="an existing store (opened read-only)")
    ap.add_argument("--notices", type=int, help="build a store of this many synthetic notices first (benchmarks/corpus.py)")
    ap.add_argument("--calls", type=int, default=20, help="documents and agencies asked about (default 20 each)")
    ap.add_argument("--naive-calls", type=int, default=5, help="of those, asked the naive way too (default 5)")
    ap.add_argument("--limit", type=int, default=50, help="rows of a terminal page (default 50)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-cli", action="store_true", help="skip the CLI start-up measures")
    args = ap.parse_args(argv)
    if not args.store and not args.notices:
        ap.error("give --store PATH or --notices N")

    tmp = None
    try:
        if args.store:
            store = Path(args.store)
            store = store / "graph.lbug" if store.is_dir() else store
        else:
            import corpus

            tmp = Path(tempfile.mkdtemp(prefix="bench-queries-"))
            store = tmp / "graph.lbug"
            recs = corpus.make_corpus(args.notices, seed=args.seed)
            with KnowledgeGraph.open(store) as g:
                g.ingest(recs)
            del recs
        kg = KnowledgeGraph.open(store, read_only=True)
        st = kg.q("stats")[0]
        rng = random.Random(args.seed)
        docs = pick_documents(kg, args.calls, rng)
        ags, _ = pick_agencies(kg, args.calls, rng)
        n_naive = min(args.naive_calls, args.calls)
        lim = args.limit
        # warm-up: the first call of each recipe plans it
        kg.trace(docs[0], limit=lim), kg.workload(ags[0][0], scope=ags[0][1], as_of=AS_OF, limit=lim), kg.deadlines(as_of=AS_OF, limit=lim)

        rows: list[list[object]] = []
        notes: list[str] = []
        goals: list[tuple[str, float]] = []

        def report(name: str, paged: list[float], sizes: list[int], naive: list[float] | None, what: str) -> None:
            p50, p95 = statistics.median(paged) * 1000, pct(paged, .95) * 1000
            goals.append((name, p95))
            ratio = ""
            if naive:
                n50 = statistics.median(naive) * 1000
                ratio = f"{n50:.0f} / {pct(naive, .95) * 1000:.0f} ms; × {n50 / max(statistics.median(paged[:len(naive)]) * 1000, 1e-6):.0f}"
            rows.append([name, len(paged), f"{p50:.1f}", f"{p95:.1f}", ratio or "—",
                         f"{what}; total rows: median {statistics.median(sizes):g}, max {max(sizes)}",
                         "PASS" if p95 <= GOAL_MS else "FAIL"])

        def check(name: str, arg, page, whole) -> None:
            if isinstance(page, Exception) or isinstance(whole, Exception):
                if type(page) is not type(whole):
                    notes.append(f"{name} {arg}: {page!r} vs naive {whole!r}")
                return
            a = [(t["task"], t.get("role")) for t in page]
            b = [(t["task"], t.get("role")) for t in whole[:len(a)]]
            if a != b or page.total != len(whole):
                notes.append(f"{name} {arg}: first page or total differs from the naive answer "
                             f"({page.total} vs {len(whole)})")

        # trace
        t_new, out = timed(lambda d: kg.trace(d, limit=lim)["tasks"], docs)
        t_old, old = timed(lambda d: naive_trace(kg, d), docs[:n_naive])
        for d, p, w in zip(docs, out, old):
            check("trace", d, p, w)
        report("trace", t_new, [getattr(p, "total", 0) for p in out], t_old, f"{len(docs)} documents")

        # workload
        t_new, out = timed(lambda a: kg.workload(a[0], scope=a[1], as_of=AS_OF, limit=lim)["tasks"], ags)
        t_old, old = timed(lambda a: naive_workload(kg, a[0], a[1]), ags[:n_naive])
        for a, p, w in zip(ags, out, old):
            check("workload", a, p, w)
        report("workload", t_new, [getattr(p, "total", 0) for p in out], t_old, f"{len(ags)} agencies")

        # deadlines: the whole list, and up to a day
        for label, before in (("deadlines", None), (f"deadlines --before {BEFORE}", BEFORE)):
            reps = max(5, args.calls // 2)
            t_new, out = timed(lambda _: kg.deadlines(before=before, as_of=AS_OF, limit=lim), range(reps))
            t_old, old = timed(lambda _: naive_deadlines(kg, before), range(min(2, n_naive)))
            if old:
                check(label, "", out[0], old[0])
            report(label, t_new, [p.total for p in out], t_old, f"{reps} calls")
        t_new, out = timed(lambda _: kg.deadlines(as_of=AS_OF, statuses=["overdue", "due_soon"], limit=lim), range(5))
        report("deadlines --status overdue,due-soon", t_new, [p.total for p in out], None, "5 calls (kg serve's default)")

        # show
        t_new, out = timed(lambda d: show_doc(kg, d, lim), docs)
        report("show doc", t_new, [x if isinstance(x, int) else 0 for x in out], None, f"{len(docs)} documents")
        t_new, out = timed(lambda a: show_agency(kg, a[0], a[1], lim), ags)
        report("show agency", t_new, [x if isinstance(x, int) else 0 for x in out], None, f"{len(ags)} agencies")
        tasks = [r["id"] for r in kg.store.run("MATCH (t:Task) RETURN t.id AS id SKIP 1000 LIMIT $n", {"n": args.calls})]
        t_new, out = timed(lambda i: kg.task(i), tasks)
        report("show task", t_new, [1 for _ in out], None, f"{len(tasks)} tasks")
        kg.close()

        print(f"bench_queries: {st['notices']} notices, {st['tasks']} tasks, page of {lim}; Python "
              f"{platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, {dt.date.today()}")
        print(table(["question", "calls", "p50 ms", "p95 ms", "naive p50 / p95; ratio of medians", "note",
                     f"goal p95 ≤ {GOAL_MS:.0f} ms"], rows, max_widths={5: 70}))
        if not args.no_cli:
            print()
            print(table(["CLI", "wall", "note"], cli_times(store, ags[0] if ags else None)))
        if notes:
            print("\nsuspicious:")
            for n in notes:
                print("  - " + n)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
