#!/usr/bin/env python3
"""Knowledge-graph benchmark: ingest a synthetic corpus into a Ladybug store, then query it.

usage: python benchmarks/bench_graph.py [--notices 10000] [--store PATH|:memory:] [--batch 500]
                                        [--seed 0] [--profile] [--profile-notices N]

The corpus (``benchmarks/corpus.py``) is the five sample notices and deterministic variants of
them. Measured, in this order, in one process: corpus generation; ingest of every notice into a
fresh store (a temporary directory on disk unless --store says otherwise); re-ingest of the same
records (all unchanged); ingest of 100 changed records (same path, new content); graph size
(nodes and edges per label/type, ``stats`` recipe, store size on disk); latency of ``trace`` for
20 documents, ``workload`` for 20 agencies and one ``deadlines --before``; peak RSS. The table
shows the goals with PASS/FAIL; the exit code is 0 either way (a measurement, not a test).

--profile also prints the store time per statement kind of both ingests (wall time, measured
in the run above), then repeats the ingest (new notices, then 100 changed ones) under cProfile in another
fresh store and prints the top 20 functions by cumulative time of each (and the top 10 by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import faulthandler
import os
import platform
import pstats
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402
from kg.graph import Ambiguous, KnowledgeGraph, NotFound  # noqa: E402
from kg.model import SCHEMA  # noqa: E402
from kg.tables import table  # noqa: E402

INGEST_GOAL_S = 600.0  # "10,000 notices ingest in minutes": at most 10 minutes, projected from the rate
TRACE_GOAL_MS = 500.0  # "a trace answers in well under a second": p95 under half a second
AS_OF = dt.date(2026, 6, 1)
BEFORE = dt.date(2026, 6, 30)


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def disk_mb(path: Path | None) -> float | None:
    """Size of the database file and its companions (``graph.lbug``, ``graph.lbug.wal``, ...)."""
    if path is None:
        return None
    total = 0
    for p in path.parent.glob(path.name + "*"):
        if p.is_file():
            total += p.stat().st_size
        elif p.is_dir():
            total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
    return total / 1e6


def pct(xs: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q * len(s) + 0.5) - 1))]


def ms(x: float) -> str:
    return f"{x * 1000:.1f}"


class Progress:
    """Prints ingest progress to stderr and keeps (notices, seconds) checkpoints."""

    def __init__(self, total: int, label: str, every: int = 1000):
        self.total, self.label, self.every = total, label, every
        self.done, self.next = 0, every
        self.start = time.perf_counter()
        self.marks: list[tuple[int, float]] = [(0, 0.0)]

    def __call__(self, n: int) -> None:
        self.done += n
        if self.done >= self.next or self.done == self.total:
            t = time.perf_counter() - self.start
            self.marks.append((self.done, t))
            print(f"  {self.label}: {self.done}/{self.total} in {t:.1f} s", file=sys.stderr, flush=True)
            while self.next <= self.done:
                self.next += self.every

    def window_rates(self) -> tuple[float, float] | None:
        """Rate over the first and over the last checkpoint interval (notices/s)."""
        if len(self.marks) < 3:
            return None
        (n0, t0), (n1, t1) = self.marks[0], self.marks[1]
        (m0, s0), (m1, s1) = self.marks[-2], self.marks[-1]
        return (n1 - n0) / max(t1 - t0, 1e-9), (m1 - m0) / max(s1 - s0, 1e-9)


class StatementTimes:
    """Wall time per statement kind spent in the store (``LadybugStore._execute`` and COMMIT), by recipe or text.

    Wraps the methods of one store instance; nothing else is changed. ``execute_many`` writes are
    named by their recipe ('write Agency', 'write MENTIONED_IN'), other statements by their text.
    """

    def __init__(self, store):
        self.times: dict[str, list] = {}
        ex, fin = store._execute, store._finish

        def _execute(text, params, recipe):
            t = time.perf_counter()
            try:
                return ex(text, params, recipe)
            finally:
                self.add(recipe or " ".join(text.split())[:90], time.perf_counter() - t)

        def _finish(statement, quiet):
            t = time.perf_counter()
            try:
                return fin(statement, quiet)
            finally:
                self.add(statement, time.perf_counter() - t)

        store._execute, store._finish = _execute, _finish

    def add(self, key: str, seconds: float) -> None:
        c = self.times.setdefault(key, [0, 0.0])
        c[0] += 1
        c[1] += seconds

    def reset(self) -> dict[str, list]:
        out, self.times = self.times, {}
        return out

    @staticmethod
    def render(times: dict[str, list], total: float, top: int = 15) -> str:
        ranked = sorted(times.items(), key=lambda kv: -kv[1][1])
        rows = [[k, n, f"{t:.1f}", f"{100 * t / total:.0f}%"] for k, (n, t) in ranked[:top]]
        rest = sum(t for _, (_, t) in ranked[top:])
        in_store = sum(t for _, t in times.values())
        rows.append(["(other statements)", sum(n for _, (n, _) in ranked[top:]), f"{rest:.1f}", f"{100 * rest / total:.0f}%"])
        rows.append(["(Python: records -> rows, graph builder)", "", f"{total - in_store:.1f}",
                     f"{100 * (total - in_store) / total:.0f}%"])
        return table(["statement", "calls", "s", "share"], rows, max_widths={0: 90}, truncate_cols=[0])


def open_store(arg: str | None, tmp: Path) -> tuple[KnowledgeGraph, Path | None]:
    if arg == ":memory:":
        return KnowledgeGraph.open(":memory:"), None
    path = Path(arg) if arg else tmp / "graph.lbug"
    if path.is_dir():
        path = path / "graph.lbug"
    if path.exists():
        raise SystemExit(f"bench_graph: {path} exists; the benchmark needs a fresh store")
    return KnowledgeGraph.open(path), path


def counts(kg: KnowledgeGraph) -> tuple[dict[str, int], dict[str, int]]:
    nodes = {l: kg.store.run(f"MATCH (n:`{l}`) RETURN count(n) AS n")[0]["n"] for l in SCHEMA["nodes"]}
    edges = {t: kg.store.run(f"MATCH ()-[r:`{t}`]->() RETURN count(r) AS n")[0]["n"] for t in SCHEMA["rels"]}
    return nodes, edges


def pick_documents(recs: list[dict], k: int, rng: random.Random) -> list[str]:
    """Numbers tasks are based on: the most used half, the rest drawn at random (all distinct)."""
    c = Counter(b for r in recs for t in r["tasks"] for b in set(t["based_on"]))
    ranked = [n for n, _ in c.most_common()]
    top = ranked[: k // 2]
    rest = [n for n in ranked if n not in top]
    return top + rng.sample(rest, min(k - len(top), len(rest)))


def pick_agencies(kg: KnowledgeGraph, k: int, rng: random.Random) -> tuple[list[tuple[str, str]], int]:
    """(name, scope) of bodies with tasks: the most assigned half, the rest at random.

    Only pairs that resolve to one scope are kept (``kg.orgs(name, scope)``; a commune's scope is its
    commune's name, which another province may share). Returns the picks and how many candidates
    were skipped as ambiguous."""
    rows = kg.store.run("MATCH (t:Task)-[:ASSIGNED_TO]->(o) RETURN o.name AS name, o.scope AS scope, "
                        "count(t) AS n ORDER BY n DESC, name, scope")
    cands = list(dict.fromkeys((r["name"], (r["scope"] or "").split("@")[0]) for r in rows if r["name"]))
    picks: list[tuple[str, str]] = []
    skipped = 0

    def take(pool: list[tuple[str, str]], want: int) -> int:
        nonlocal skipped
        used = 0
        for c in pool:
            used += 1
            if len(picks) >= want:
                break
            try:
                kg.orgs(*c)
            except Ambiguous:
                skipped += 1
                continue
            except NotFound:
                continue
            picks.append(c)
        return used

    used = take(cands, k // 2)
    rest = cands[used:]
    take(rng.sample(rest, len(rest)), k)
    return picks, skipped


def timed_calls(fn, args: list[str]) -> tuple[list[float], list[int], list[str]]:
    times, sizes, errors = [], [], []
    for a in args:
        t = time.perf_counter()
        try:
            res = fn(a)
            sizes.append(len(res["tasks"]))
        except (NotFound, Ambiguous) as e:
            errors.append(f"{a}: {type(e).__name__}: {e}")
            sizes.append(0)
        times.append(time.perf_counter() - t)
    return times, sizes, errors


def timed_traces(kg: KnowledgeGraph, numbers: list[str]) -> tuple[list[float], list[float], list[int], list[str]]:
    """``kg.trace`` split in its two steps: resolving the number typed, then the ``trace_document`` recipe."""
    resolve, query, sizes, errors = [], [], [], []
    for a in numbers:
        t = time.perf_counter()
        try:
            docs = kg.document(a)
        except (NotFound, Ambiguous) as e:
            errors.append(f"{a}: {type(e).__name__}: {e}")
            resolve.append(time.perf_counter() - t)
            query.append(0.0)
            sizes.append(0)
            continue
        t1 = time.perf_counter()
        sizes.append(len(kg.trace_documents(docs)["tasks"]))
        resolve.append(t1 - t)
        query.append(time.perf_counter() - t1)
    return resolve, query, sizes, errors


def profile_ingest(recs: list[dict], n_changed: int, batch: int, top: int = 20) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-graph-prof-"))
    try:
        kg = KnowledgeGraph.open(tmp / "graph.lbug")
        for label, batch_recs in (("new", recs), ("changed", changed_records(recs, n_changed))):
            prof = cProfile.Profile()
            t = time.perf_counter()
            prof.enable()
            kg.ingest(batch_recs, batch=batch)
            prof.disable()
            took = time.perf_counter() - t
            print(f"\nprofile: ingest of {len(batch_recs)} {label} notices ({took:.1f} s under cProfile), "
                  f"top {top} by cumulative time")
            ps = pstats.Stats(prof, stream=sys.stdout).strip_dirs()
            ps.sort_stats("cumulative").print_stats(top)
            print(f"profile: the same, top {top // 2} by own time")
            ps.sort_stats("tottime").print_stats(top // 2)
        kg.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def changed_records(recs: list[dict], n: int) -> list[dict]:
    step = max(1, len(recs) // max(1, n))
    return [corpus.changed(recs[i], j) for j, i in enumerate(range(0, len(recs), step)) if j < n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notices", type=int, default=10000, help="corpus size (default 10000)")
    ap.add_argument("--store", help="store path, or :memory: (default: graph.lbug in a fresh temporary directory)")
    ap.add_argument("--batch", type=int, default=500, help="ingest batch size (default 500)")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed")
    ap.add_argument("--changed", type=int, default=100, help="changed records to re-ingest (default 100)")
    ap.add_argument("--queries", type=int, default=20, help="trace and workload calls (default 20 each)")
    ap.add_argument("--profile", action="store_true", help="also profile the ingest (top 20 by cumulative time)")
    ap.add_argument("--profile-notices", type=int, help="notices in the profiled ingest (default: --notices)")
    args = ap.parse_args(argv)
    faulthandler.enable()  # a crash inside the database prints the Python stack

    rows: list[list[object]] = []
    notes: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-graph-"))
    try:
        t = time.perf_counter()
        recs = corpus.make_corpus(args.notices, seed=args.seed)
        gen_s = time.perf_counter() - t
        corpus_rss = peak_rss_mb()  # the corpus held in memory (ingest itself streams)
        n_tasks = sum(len(r["tasks"]) for r in recs)
        rows.append(["corpus generation", f"{gen_s:.2f} s",
                     f"{len(recs)} notices, {n_tasks} tasks, {len({r['notice']['province'] for r in recs})} provinces"])

        kg, path = open_store(args.store, tmp)
        print(f"bench_graph: {len(recs)} notices into {path or ':memory:'}, batch {args.batch}", file=sys.stderr)
        stmt = StatementTimes(kg.store)

        prog = Progress(len(recs), "ingest", every=max(args.batch, len(recs) // 10))
        t = time.perf_counter()
        rep = kg.ingest(recs, batch=args.batch, progress=prog)
        ingest_s = time.perf_counter() - t
        stmt_ingest = stmt.reset()
        rate = len(recs) / ingest_s
        rows.append(["ingest (new)", f"{ingest_s:.1f} s", f"{rate:.1f} notices/s; new {len(rep.new)}, "
                     f"updated {len(rep.updated)}, unchanged {len(rep.unchanged)}, failed {len(rep.failed)}"])
        if len(rep.new) != len(recs):
            notes.append(f"ingest: expected {len(recs)} new, got {len(rep.new)} (failed: {rep.failed[:3]})")
        wr = prog.window_rates()
        if wr:
            rows.append(["  rate first/last tenth", f"{wr[0]:.1f} / {wr[1]:.1f}",
                         f"notices/s over the first and the last {prog.every} (does ingest slow down as the graph grows?)"])

        stmt.reset()
        t = time.perf_counter()
        rep2 = kg.ingest(recs, batch=args.batch)
        re_s = time.perf_counter() - t
        rows.append(["re-ingest (unchanged)", f"{ms(re_s)} ms", f"unchanged {len(rep2.unchanged)}, new {len(rep2.new)}, "
                     f"updated {len(rep2.updated)}"])
        if len(rep2.unchanged) != len(recs):
            notes.append(f"re-ingest: expected {len(recs)} unchanged, got {len(rep2.unchanged)}")

        ch = changed_records(recs, args.changed)
        t = time.perf_counter()
        rep3 = kg.ingest(ch, batch=args.batch)
        ch_s = time.perf_counter() - t
        stmt_changed = stmt.reset()
        rows.append([f"ingest {len(ch)} changed", f"{ch_s:.1f} s", f"{len(ch) / ch_s:.2f} updates/s; updated "
                     f"{len(rep3.updated)}, new {len(rep3.new)}, unchanged {len(rep3.unchanged)}"])
        if len(rep3.updated) != len(ch):
            notes.append(f"changed: expected {len(ch)} updated, got {len(rep3.updated)}")

        t = time.perf_counter()
        st = kg.q("stats")[0]
        stats_s = time.perf_counter() - t
        nodes, edges = counts(kg)
        rows.append(["stats recipe", f"{ms(stats_s)} ms", ", ".join(f"{k} {v}" for k, v in st.items())])
        rows.append(["nodes", f"{sum(nodes.values())}", ", ".join(f"{k} {v}" for k, v in nodes.items())])
        rows.append(["edges", f"{sum(edges.values())}", ", ".join(f"{k} {v}" for k, v in edges.items())])
        final = dict(zip((r["source"]["path"] for r in recs), recs))  # the records as the graph has them now
        final.update((c["source"]["path"], c) for c in ch)
        final_recs = list(final.values())
        expect_tasks = sum(len(r["tasks"]) for r in final_recs)
        if st["notices"] != len(recs) or st["tasks"] != expect_tasks:
            notes.append(f"stats: {st['notices']} notices / {st['tasks']} tasks, expected {len(recs)} / {expect_tasks}")

        rng = random.Random(args.seed)
        kg.trace(pick_documents(final_recs, 1, rng)[0])  # warm-up (first query plans), not timed
        docs = pick_documents(final_recs, args.queries, rng)
        tr, tq, ts, te = timed_traces(kg, docs)
        tt = [a + b for a, b in zip(tr, tq)]
        rows.append([f"trace × {len(docs)}", f"median {ms(statistics.median(tt))} ms, p95 {ms(pct(tt, .95))} ms",
                     f"max {ms(max(tt))} ms; tasks found: median {statistics.median(ts):g}, min {min(ts)}, max {max(ts)}"])
        rows.append(["  trace: resolve / recipe", f"median {ms(statistics.median(tr))} / {ms(statistics.median(tq))} ms",
                     "kg.document (find_documents by number prefix) / trace_document recipe"])
        notes += [f"trace {e}" for e in te]
        if any(s == 0 for s in ts):
            notes.append("trace returned no task for: " + ", ".join(d for d, s in zip(docs, ts) if s == 0))

        ags, skipped = pick_agencies(kg, args.queries, rng)
        wt, ws, we = timed_calls(lambda a: kg.workload(a[0], as_of=AS_OF, scope=a[1]), ags)
        rows.append([f"workload × {len(ags)}", f"median {ms(statistics.median(wt))} ms, p95 {ms(pct(wt, .95))} ms",
                     f"max {ms(max(wt))} ms; tasks: median {statistics.median(ws):g}, min {min(ws)}, max {max(ws)}; "
                     f"{skipped} ambiguous name+scope candidates skipped"])
        notes += [f"workload {e}" for e in we]
        if any(s == 0 for s in ws):
            notes.append("workload returned no task for: " + ", ".join(f"{a} ({sc})" for (a, sc), s in zip(ags, ws) if s == 0))

        t = time.perf_counter()
        dl = kg.deadlines(before=BEFORE, as_of=AS_OF)
        dl_s = time.perf_counter() - t
        rows.append([f"deadlines --before {BEFORE}", f"{ms(dl_s)} ms", f"{len(dl)} tasks, "
                     + ", ".join(f"{k} {v}" for k, v in sorted(Counter(d['status'] for d in dl).items()))])

        kg.close()
        size = disk_mb(path)
        rows.append(["store size", f"{size:.1f} MB" if size is not None else "—", str(path) if path else ":memory:"])
        rows.append(["peak RSS", f"{peak_rss_mb():.0f} MB", "whole process, corpus in memory included"])
        rows.append(["  beyond the corpus", f"{peak_rss_mb() - corpus_rss:.0f} MB",
                     f"peak RSS minus the peak once the corpus was built ({corpus_rss:.0f} MB): ingest, store, queries"])

        projected = 10000 / rate
        how = ("measured" if len(recs) == 10000 else f"projected linearly from {rate:.1f} notices/s"
               + (", optimistic: the rate falls as the graph grows" if len(recs) < 10000 else ""))
        rows.append(["goal: 10,000 notices ingest in minutes", f"{projected / 60:.1f} min for 10,000",
                     ("PASS" if projected <= INGEST_GOAL_S else "FAIL") + f" (≤ {INGEST_GOAL_S / 60:.0f} min; {how})"])
        p95 = pct(tt, .95) * 1000
        rows.append(["goal: a trace answers in well under a second", f"p95 {p95:.1f} ms",
                     ("PASS" if p95 < TRACE_GOAL_MS else "FAIL") + f" (p95 < {TRACE_GOAL_MS:.0f} ms)"])

        print(f"bench_graph: {len(recs)} notices, batch {args.batch}, Python {platform.python_version()} on "
              f"{platform.machine()}, {os.cpu_count()} cores, {dt.date.today()}")
        print(table(["measure", "value", "note"], rows, max_widths={2: 100}))
        if notes:
            print("\nsuspicious:")
            for n in notes:
                print("  - " + n)
        sys.stdout.flush()

        if args.profile:
            print(f"\nstore time by statement, ingest of {len(recs)} new notices ({ingest_s:.1f} s, not profiled)")
            print(StatementTimes.render(stmt_ingest, ingest_s))
            print(f"\nstore time by statement, ingest of {len(ch)} changed notices ({ch_s:.1f} s, not profiled)")
            print(StatementTimes.render(stmt_changed, ch_s))
            sys.stdout.flush()
            profile_ingest(recs[: args.profile_notices or len(recs)], args.changed, args.batch)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
