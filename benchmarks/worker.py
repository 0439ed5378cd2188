"""The child processes of ``python -m benchmarks run``: one phase each, so each has its own peak memory.

``python -m benchmarks.worker PHASE ARGS.json OUT.json``: reads the phase's arguments, runs it, writes what it
measured (always with ``peak_rss_mb``, the child's own peak resident memory) to ``OUT.json``. Only public
names of ``kg`` and ``loaders`` are used; options other helpers may add (``KnowledgeGraph.ingest`` options, a
``limit`` on the question methods) are used when the signature has them.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

AS_OF = dt.date(2026, 6, 1)  # the day the questions are asked (the corpus spans 2025-07 .. 2027)


def peak_rss_mb() -> float | None:
    """This process's peak resident memory in MB: ``getrusage`` on POSIX, psutil elsewhere when installed."""
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)
    except ImportError:  # Windows
        try:
            import psutil  # type: ignore[import-not-found]

            info = psutil.Process().memory_info()
            return round(getattr(info, "peak_wset", info.rss) / 1e6, 1)
        except ImportError:
            return None


def helpers_peak_rss_mb() -> float | None:
    """The largest peak resident memory of the processes this one started and waited for (POSIX ``getrusage`` of
    the children: the builders of a bulk load, the extraction workers), in MB; None where unknown or none ran."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1) if peak else None


def pct(xs: list[float], q: float) -> float | None:
    """The ``q`` quantile (0..1) of ``xs``, nearest rank.

    >>> pct([1.0, 2.0, 3.0, 4.0], 0.5), pct([5.0], 0.95), pct([], 0.5)
    (2.0, 5.0, None)
    """
    if not xs:
        return None
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, int(round(q * len(s) + 0.5)) - 1))]


def log_mb(store) -> float:
    """MB in the engine's logs beside an embedded store's file (0 for another store)."""
    from kg.store.ladybug_store import log_files

    path = getattr(store, "path", None)
    if not path or path == ":memory:" or "://" in str(path):
        return 0.0
    return round(sum(f.stat().st_size for f in log_files(path)) / 1e6, 1)


def dir_mb(path: str | Path) -> float:
    p = Path(path)
    files = [p] if p.is_file() else [f for f in p.rglob("*") if f.is_file()] if p.exists() else []
    return round(sum(f.stat().st_size for f in files) / 1e6, 1)


def documents(folder: str | Path) -> list[Path]:
    """The generated documents of a folder in name order."""
    with os.scandir(folder) as it:
        return sorted(Path(e.path) for e in it if e.name.endswith(".txt"))


def read_records(path: str | Path, limit: int | None = None, step: int = 1) -> Iterator[dict]:
    """Records from a JSON-lines file, one at a time (every ``step``-th, at most ``limit``)."""
    n = 0
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % step:
                continue
            if limit is not None and n >= limit:
                return
            n += 1
            yield json.loads(line)


def supported(fn: Callable, **wanted) -> dict:
    """The keyword arguments of ``wanted`` that ``fn`` accepts."""
    params = inspect.signature(fn).parameters
    return {k: v for k, v in wanted.items() if k in params}


class Timed:
    """An iterator that adds up the time spent producing its items (``spent``, seconds).

    >>> t = Timed(iter([1, 2])); list(t), t.spent >= 0
    ([1, 2], True)
    """

    def __init__(self, it: Iterator) -> None:
        self.it, self.spent = it, 0.0

    def __iter__(self) -> Iterator:
        while True:
            t = time.perf_counter()
            try:
                x = next(self.it)
            except StopIteration:
                self.spent += time.perf_counter() - t
                return
            self.spent += time.perf_counter() - t
            yield x


class Clock:
    """Progress callback: cumulative counts with their times, for rates by tenth."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.points: list[tuple[float, int]] = [(0.0, 0)]
        self.n = 0

    def __call__(self, n: int) -> None:
        self.n += n
        self.points.append((time.perf_counter() - self.t0, self.n))

    def tenths(self) -> list[float]:
        """Notices/s over each tenth of the count, interpolated between progress points (whole batches)."""
        total = self.n
        if total <= 0 or len(self.points) < 2:
            return []

        def at(k: float) -> float:
            for (t0, n0), (t1, n1) in zip(self.points, self.points[1:]):
                if n1 >= k:
                    return t0 + (t1 - t0) * ((k - n0) / (n1 - n0) if n1 > n0 else 1.0)
            return self.points[-1][0]

        out = []
        for i in range(10):
            a, b = total * i / 10, total * (i + 1) / 10
            dt_ = at(b) - at(a)
            out.append(round((b - a) / dt_, 1) if dt_ > 0 else None)
        return out

    def batches(self, most: int = 200) -> list[float] | None:
        """Notices/s of each progress step (a batch) in order; None when there are more than ``most`` steps (an
        ingest of unchanged files reports each one)."""
        if len(self.points) > most + 1:
            return None
        return [round((n1 - n0) / (t1 - t0), 1) for (t0, n0), (t1, n1) in zip(self.points, self.points[1:])
                if t1 > t0 and n1 > n0]


# ---------------------------------------------------------------------------------------------------
# phases
# ---------------------------------------------------------------------------------------------------


def phase_extract(a: dict) -> dict:
    """Read and extract every document in one process; records to a JSON-lines file."""
    from loaders.errors import ExtractionError
    from loaders.extract import extract_source
    from loaders.read import read_source

    paths = documents(a["docs"])
    per: list[float] = []
    nbytes = failed = 0
    t0 = time.perf_counter()
    with open(a["records"], "w", encoding="utf-8", newline="\n") as out:
        for p in paths:
            t = time.perf_counter()
            try:
                rec = extract_source(read_source(p))
            except ExtractionError as e:
                failed += 1
                print(f"Lỗi: {p}: {e}", file=sys.stderr)
                continue
            per.append(time.perf_counter() - t)
            nbytes += p.stat().st_size
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    secs = time.perf_counter() - t0
    return {"notices": len(per), "failed": failed, "seconds": round(secs, 2), "mb": round(nbytes / 1e6, 1),
            "notices_per_s": round(len(per) / secs, 1), "mb_per_s": round(nbytes / 1e6 / secs, 2),
            "p50_ms": round(pct(per, 0.5) * 1000, 2), "p95_ms": round(pct(per, 0.95) * 1000, 2)}


def phase_extract_parallel(a: dict) -> dict:
    """Extract every document with ``loaders.parallel.extract_records`` (what ``kg extract -j``/``kg ingest -j``
    run) over ``jobs`` processes; records counted, not kept."""
    from loaders.parallel import extract_records

    paths = documents(a["docs"])
    nbytes = sum(p.stat().st_size for p in paths)
    n = failed = 0
    t0 = time.perf_counter()
    for item in extract_records([str(p) for p in paths], jobs=a["jobs"]):
        if item.record is not None:
            n += 1
        else:
            failed += 1
    secs = time.perf_counter() - t0
    return {"jobs": a["jobs"], "notices": n, "failed": failed, "seconds": round(secs, 2),
            "notices_per_s": round(n / secs, 1), "mb_per_s": round(nbytes / 1e6 / secs, 2),
            "via": "loaders.parallel.extract_records"}


def phase_ingest(a: dict) -> dict:
    """Ingest the records into the store (new or again); rates overall, by tenth and by batch."""
    from kg.graph import KnowledgeGraph

    t = time.perf_counter()
    kg = KnowledgeGraph.open(a["store"])
    open_s = time.perf_counter() - t
    extra = supported(kg.ingest, **a.get("options", {}))
    clock = Clock()
    try:
        records = Timed(read_records(a["records"]))  # reading the records file is the harness's cost: taken out
        rep = kg.ingest(records, batch=a["batch"], progress=clock, **extra)
        secs = time.perf_counter() - clock.t0
        read_s = records.spent
    finally:
        t = time.perf_counter()
        kg.close()
        close_s = time.perf_counter() - t
    n = len(rep.new) + len(rep.updated) + len(rep.unchanged) + len(rep.copies) + len(rep.replaced)
    loader = getattr(rep, "loader", "batches")
    # a first load by the bulk loader (kg/bulk.py) stores everything at its end: it has no tenths to compare
    tenths = [] if loader == "bulk" else clock.tenths()
    first, last = (tenths[0], tenths[-1]) if tenths else (None, None)
    own = secs - read_s
    return {"notices": n, "new": len(rep.new), "updated": len(rep.updated), "unchanged": len(rep.unchanged),
            "copies": len(rep.copies), "failed": len(rep.failed), "seconds": round(secs, 2),
            "read_records_s": round(read_s, 3),
            "notices_per_s_without_reading": round(n / own, 1) if own > 0 else None,
            "open_s": round(open_s, 2), "close_s": round(close_s, 2),
            # an open that migrated the store (code newer than the store's format) spends the migration in open_s
            "format": kg.format.format, "migrated_from": kg.format.migrated_from,
            # what the store did on its own (a failed checkpoint, a log recovered) and the log left after close:
            # a log left is replayed by the next open (minutes for a few hundred MB, docs/ladybug-notes.md)
            "store_notices": [n.kind for n in kg.store_notices], "log_left_mb": log_mb(kg.store),
            "notices_per_s": round(n / secs, 1) if secs > 0 else None, "tenths_per_s": tenths,
            "batches_per_s": clock.batches(), "last_first_ratio": round(last / first, 3) if first and last else None,
            "options": sorted(extra), "loader": loader, "loader_phases_s": getattr(rep, "phases", {}),
            "store_mb": dir_mb(a["store"])}


def phase_naive(a: dict) -> dict:
    """The baseline: the first notices of the records written one statement per row into a fresh store, in
    transactions of ``batch`` notices like the real ingest."""
    from kg.graph import KnowledgeGraph

    from benchmarks.naive import naive_ingest

    kg = KnowledgeGraph.open(a["store"])
    recs = list(read_records(a["records"], limit=a["notices"], step=a.get("step", 1)))
    clock = Clock()
    stmts = 0
    try:
        for i in range(0, len(recs), a["batch"]):
            with kg.store.transaction():
                stmts += naive_ingest(kg, recs[i:i + a["batch"]], progress=clock)
        secs = time.perf_counter() - clock.t0
    finally:
        kg.close()
    return {"notices": len(recs), "statements": stmts, "seconds": round(secs, 2),
            "notices_per_s": round(len(recs) / secs, 2), "statements_per_s": round(stmts / secs, 1)}


def _names(kg, rng: random.Random, k: int) -> dict:
    """A seeded choice of real names in the store: cited documents, agencies (with scope), tasks."""
    run = kg.store.run
    docs = [r["number"] for r in run("MATCH (:Notice)-[:CITES]->(d:Document) RETURN DISTINCT d.number AS number "
                                     "ORDER BY number") if r["number"]]
    orgs = [(r["name"], r["scope"]) for r in run("MATCH (a:Agency)-[:ASSIGNED_TO]-(:Task) RETURN DISTINCT a.name AS name, "
                                                "a.scope AS scope ORDER BY name, scope")]
    notices = [r["key"] for r in run("MATCH (n:Notice) RETURN n.key AS key ORDER BY key")]
    tasks = []
    for key in rng.sample(notices, min(k, len(notices))):
        rows = run("MATCH (n:Notice {key: $k})-[:CONTAINS]->(t:Task) RETURN t.id AS id ORDER BY id LIMIT 1", {"k": key})
        tasks += [r["id"] for r in rows]
    return {"docs": rng.sample(docs, min(k, len(docs))), "orgs": rng.sample(orgs, min(k, len(orgs))), "tasks": tasks}


def phase_questions(a: dict) -> dict:
    """Reopen the store (timed), then time trace, workload, deadlines and show (a task) as library calls."""
    from kg.errors import KGError
    from kg.graph import KnowledgeGraph

    t = time.perf_counter()
    kg = KnowledgeGraph.open(a["store"], read_only=True)
    reopen = time.perf_counter() - t
    rng = random.Random(a["seed"])
    try:
        names = _names(kg, rng, a["calls"])
        limit = a.get("limit")
        calls: dict[str, list[Callable[[], object]]] = {
            "trace": [lambda d=d: kg.trace(d, **supported(kg.trace, limit=limit)) for d in names["docs"]],
            # a body's scope as a place key ('tinh-lao-cai', 'xa-van-ban' of 'xa-van-ban@vn'), as --scope takes it
            "workload": [lambda o=o: kg.workload(o[0], as_of=AS_OF, scope=(o[1] or "").split("@")[0] or None,
                                                 **supported(kg.workload, limit=limit)) for o in names["orgs"]],
            "deadlines": [lambda b=b: kg.deadlines(before=b, as_of=AS_OF, **supported(kg.deadlines, limit=limit))
                          for b in sorted(AS_OF + dt.timedelta(days=rng.randrange(0, 365)) for _ in range(a["calls"]))],
            "show": [lambda i=i: kg.task(i) for i in names["tasks"]],
        }
        out: dict = {"reopen_s": round(reopen, 3), "limit_used": {}}
        for q, fns in calls.items():
            ms, rows, errors = [], [], 0
            for fn in fns:
                t = time.perf_counter()
                try:
                    res = fn()
                except KGError:  # an ambiguous or unknown name: answered with a message, timed all the same
                    res, errors = None, errors + 1
                ms.append((time.perf_counter() - t) * 1000)
                rows.append(len(res["tasks"]) if isinstance(res, dict) and "tasks" in res
                            else len(res) if isinstance(res, list) else 1 if res else 0)
            # the first call of each question is also given alone: it binds each table it reads for the first
            # time in the process (a CLI question is always such a call; docs/ladybug-notes.md, *A table's first
            # statement in a process*)
            out[q] = {"calls": len(ms), "p50_ms": round(pct(ms, 0.5), 1) if ms else None,
                      "p95_ms": round(pct(ms, 0.95), 1) if ms else None, "first_ms": round(ms[0], 1) if ms else None,
                      "max_ms": round(max(ms), 1) if ms else None, "median_rows": pct(rows, 0.5),
                      "messages": errors}
        out["limit_used"] = {q: "limit" in inspect.signature(getattr(kg, q if q != "show" else "task")).parameters
                             for q in calls}
    finally:
        kg.close()
    return out


class _Sink:
    """A text sink that counts what an export writes (nothing is kept)."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, s: str) -> int:
        self.chars += len(s)
        return len(s)


def phase_rdf(a: dict) -> dict:
    """Export the store as N-Triples (``kg.rdf``, what ``kg export rdf --format nt`` runs) into a counting sink."""
    from kg import rdf
    from kg.graph import KnowledgeGraph

    with KnowledgeGraph.open(a["store"], read_only=True) as kg:
        t = time.perf_counter()
        res = rdf.write(rdf.triples(kg), _Sink(), "nt")
        secs = time.perf_counter() - t
    return {"triples": res.triples, "seconds": round(secs, 2), "triples_per_s": round(res.triples / secs, 1)}


def phase_neo4j(a: dict) -> dict:
    """Ingest the records into the Neo4j server at ``NEO4J_URI`` (user/password from the environment)."""
    from kg.graph import KnowledgeGraph

    opts = {k: os.environ[v] for k, v in (("user", "NEO4J_USER"), ("password", "NEO4J_PASSWORD")) if v in os.environ}
    kg = KnowledgeGraph.open(os.environ["NEO4J_URI"], **opts)
    clock = Clock()
    try:
        rep = kg.ingest(read_records(a["records"]), batch=a["batch"], progress=clock)
        secs = time.perf_counter() - clock.t0
    finally:
        kg.close()
    n = clock.n
    return {"notices": n, "new": len(rep.new), "seconds": round(secs, 2), "notices_per_s": round(n / secs, 1)}


PHASES = {"extract": phase_extract, "extract_parallel": phase_extract_parallel, "ingest": phase_ingest, "naive": phase_naive, "questions": phase_questions,
          "rdf": phase_rdf, "neo4j": phase_neo4j}


def main(argv: list[str] | None = None) -> int:
    phase, args_path, out_path = (argv if argv is not None else sys.argv[1:])[:3]
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    res = PHASES[phase](args)
    res["peak_rss_mb"] = peak_rss_mb()
    res["helpers_peak_rss_mb"] = helpers_peak_rss_mb()  # its own worker processes (a bulk load's builders), if any
    Path(out_path).write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
