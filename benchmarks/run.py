"""``python -m benchmarks run``: the issue-11 scale benchmark, one command, ratios against a baseline in the same run.

usage: python -m benchmarks run [--sizes 1000,10000,100000] [--json out.json] [--seed 0] [--store-dir DIR]
                                [--skip baseline,rdf,neo4j,parallel] [--keep] [--batch 500] [--calls 100]
                                [--sample 200] [--baseline-notices 200] [--baseline-max 10000] [--rdf-max 10000]

Per size ``n``: ``n`` documents are generated into ``STORE_DIR/n/docs`` (:mod:`benchmarks.gen`, ≈ 15 KB each,
seeded; removed after the size unless ``--keep``), then, each phase in its own child process
(:mod:`benchmarks.worker`, so each peak memory is its own):

* extraction in one process (notices/s, MB/s, p50/p95 per notice), and over all cores with
  ``loaders.parallel.extract_records`` (what ``kg extract -j`` and ``kg ingest -j`` run), or ``kg extract -j`` as a
  whole in a checkout with the option but not that function (else one line says there is none);
* quality: a seeded sample of the records scored against the generator's truth with the shared scorer
  (``tests/scoring/score.py``: macro F1 and metadata accuracy); FAIL below :data:`QUALITY_BAR`;
* ingest into a fresh embedded store (notices/s overall, by tenth and by batch, last/first tenth, peak RSS,
  store size), re-ingest of the unchanged records, reopen time, question latency (``trace``, ``workload``,
  ``deadlines``, ``show``: library calls on a seeded choice of real names), CLI start-up;
* RDF export (N-Triples, triples/s) up to ``--rdf-max`` notices; Neo4j load when ``NEO4J_URI`` is set;
* the baseline, up to ``--baseline-max`` notices: the naive ingest (:mod:`benchmarks.naive`, one statement per
  row) of ``--baseline-notices`` notices spread over the corpus into a fresh store. The one-process extraction
  is the baseline of ``-j``.

Prints a Markdown table of the measures per size and one of the goals with PASS/FAIL, writes every number as
JSON, exits 0: a measurement, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import io
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import gen  # noqa: E402

QUALITY_BAR = 0.97  # macro F1 of the generated documents' sample (achieved: 1.000 on samples of 200-300)
PHASE_TIMEOUT = 6 * 3600


# ---------------------------------------------------------------------------------------------------
# children
# ---------------------------------------------------------------------------------------------------


def child(phase: str, args: dict, work: Path, label: str | None = None) -> dict:
    """Run one phase of :mod:`benchmarks.worker` in a child process; its measures, or ``{"error": …}``."""
    a, o = work / f"{label or phase}.args.json", work / f"{label or phase}.out.json"
    a.write_text(json.dumps(args, ensure_ascii=False), encoding="utf-8")
    o.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "benchmarks.worker", phase, str(a), str(o)], cwd=ROOT, env=env,
                       capture_output=True, text=True, encoding="utf-8", timeout=PHASE_TIMEOUT, check=False)
    wall = time.perf_counter() - t
    if p.returncode != 0 or not o.exists():
        tail = " | ".join((p.stderr or "").strip().splitlines()[-3:])
        print(f"  {phase}: the child failed (exit {p.returncode}): {tail}", file=sys.stderr)
        return {"error": f"exit {p.returncode}: {tail}", "wall_s": round(wall, 2)}
    res = json.loads(o.read_text(encoding="utf-8"))
    res["wall_s"] = round(wall, 2)
    return res


def children_peak_mb() -> float | None:
    """The largest peak RSS of the children waited for so far (``RUSAGE_CHILDREN``; POSIX only)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def cli_jobs_option() -> str | None:
    """The name of ``kg extract``'s parallel option (``--jobs``/``-j``) if the CLI has one."""
    from kg.cli import main as cli

    cmd = getattr(cli, "commands", {}).get("extract")
    for p in getattr(cmd, "params", []):
        if p.name in ("jobs", "j"):
            return max(p.opts, key=len)
    return None


def extract_parallel(docs: Path, out: Path, jobs: int, opt: str) -> dict:
    """``kg extract DOCS --out OUT -j JOBS`` timed as a whole (start-up and the record files included)."""
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(docs), "--out", str(out), opt, str(jobs)],
                       cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False)
    secs = time.perf_counter() - t
    n = sum(1 for _ in out.glob("*.json"))
    shutil.rmtree(out, ignore_errors=True)
    if p.returncode != 0:
        return {"error": " | ".join(p.stderr.strip().splitlines()[-3:]), "jobs": jobs}
    return {"jobs": jobs, "notices": n, "seconds": round(secs, 2), "notices_per_s": round(n / secs, 1)}


def first_load_options(n: int) -> dict:
    """The ingest option ``kg ingest`` gives a first load of ``n`` files: the engine's bulk loader from
    ``kg.bulk.BULK_MIN`` files on (kg/bulk.py); none in a checkout without it."""
    try:
        from kg.bulk import BULK_MIN
    except ImportError:
        return {}
    return {"bulk": n >= BULK_MIN}


def cli_startup(n: int = 5) -> dict:
    """Wall time of ``kg --help`` (``python -m kg.cli --help``) in a new process, median of ``n``."""
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg.cli", "--help"], cwd=ROOT, capture_output=True, check=False)
        ts.append(time.perf_counter() - t)
    return {"median_s": round(statistics.median(ts), 3), "runs": n}


# ---------------------------------------------------------------------------------------------------
# quality
# ---------------------------------------------------------------------------------------------------


def scorer():
    spec = importlib.util.spec_from_file_location("kg_bench_score", ROOT / "tests" / "scoring" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_pairs(pairs: list[tuple[dict, dict]]) -> dict:
    """Score (truth, record) pairs with the shared scorer's public entry point (``score.main(…, "--json")``)."""
    with tempfile.TemporaryDirectory() as tmp:
        g, s = Path(tmp, "gold"), Path(tmp, "sys")
        g.mkdir()
        s.mkdir()
        for truth, rec in pairs:
            stem = Path(truth["source"]).stem
            (g / f"{stem}.gold.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
            if rec is not None:
                (s / f"{stem}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            scorer().main(["score.py", str(g), str(s), "--json"])
    return json.loads(buf.getvalue())


def quality(docs: Path, records: Path, n: int, k: int, seed: int) -> dict:
    """A seeded sample of ``k`` documents of the size scored against their truth."""
    want = set(random.Random(f"quality:{seed}:{n}").sample(range(n), min(k, n)))
    truths: dict[str, dict] = {}
    with open(docs / "truth.jsonl", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i in want:
                t = json.loads(line)
                truths[t["source"]] = t
    recs: dict[str, dict] = {}
    dec = json.JSONDecoder()
    with open(records, encoding="utf-8") as f:
        for line in f:  # a record's first "path" is its source's (records are written source first): no full parse
            at = line.find('"path": ')
            name = Path(dec.raw_decode(line, at + 8)[0]).name if at >= 0 else None
            if name in truths:
                recs[name] = json.loads(line)
    res = score_pairs([(t, recs.get(name)) for name, t in sorted(truths.items())])
    return {"documents": len(truths), "macro_f1": res["macro_f1"],
            **{k_: res[k_]["f1"] for k_ in ("citations", "assignments", "deadlines", "dependencies", "report_to")},
            "task_recall": res["task_recall"], "meta_accuracy": res["meta_accuracy"],
            "missing": len(res["missing_records"])}


# ---------------------------------------------------------------------------------------------------
# one size
# ---------------------------------------------------------------------------------------------------


def measure(n: int, opts: argparse.Namespace, base: Path) -> dict:
    work = base / str(n)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    docs, records, store = work / "docs", work / "records.jsonl", work / "store"
    store.mkdir()  # the store's folder: KnowledgeGraph.open makes graph.lbug in it, and its size counts the log too
    out: dict = {"notices": n}
    say = lambda s: print(f"[{n}] {s}", file=sys.stderr, flush=True)  # noqa: E731

    say("generating documents")
    t = time.perf_counter()
    for _ in gen.generate(docs, n, opts.seed):
        pass
    secs = time.perf_counter() - t
    from benchmarks.worker import dir_mb

    out["generate"] = {"seconds": round(secs, 2), "mb": dir_mb(docs), "documents_per_s": round(n / secs, 1)}

    say("extraction, one process")
    out["extract"] = child("extract", {"docs": str(docs), "records": str(records)}, work)
    jobs = os.cpu_count() or 1
    if "parallel" in opts.skip:
        out["extract_parallel"] = {"skipped": "--skip parallel"}
    elif importlib.util.find_spec("loaders.parallel") is not None:
        say(f"extraction, loaders.parallel.extract_records over {jobs} processes")
        out["extract_parallel"] = child("extract_parallel", {"docs": str(docs), "jobs": jobs}, work)
    elif (opt := cli_jobs_option()) is not None:
        say(f"extraction, kg extract {opt} {jobs}")
        out["extract_parallel"] = extract_parallel(docs, work / "parallel", jobs, opt)
    else:
        out["extract_parallel"] = {"skipped": "no parallel extraction (loaders.parallel, kg extract -j) in this checkout"}

    say("quality")
    out["quality"] = quality(docs, records, n, opts.sample, opts.seed) if records.exists() else {"error": "no records"}
    if not opts.keep:
        shutil.rmtree(docs, ignore_errors=True)

    say("ingest into a fresh store")
    options = first_load_options(n)
    out["ingest"] = child("ingest", {"store": str(store), "records": str(records), "batch": opts.batch,
                                     "options": options}, work)
    say("re-ingest, unchanged")
    out["reingest"] = child("ingest", {"store": str(store), "records": str(records), "batch": opts.batch}, work,
                            "reingest")
    say("reopen and questions")
    out["questions"] = child("questions", {"store": str(store), "seed": opts.seed, "calls": opts.calls,
                                           "limit": opts.limit}, work)
    out["cli_startup"] = cli_startup()
    if "rdf" in opts.skip:
        out["rdf"] = {"skipped": "--skip rdf"}
    elif n > opts.rdf_max:
        out["rdf"] = {"skipped": f"more than --rdf-max {opts.rdf_max} notices"}
    else:
        say("RDF export")
        out["rdf"] = child("rdf", {"store": str(store)}, work)
    if "neo4j" in opts.skip:
        out["neo4j"] = {"skipped": "--skip neo4j"}
    elif not os.environ.get("NEO4J_URI"):
        out["neo4j"] = {"skipped": "NEO4J_URI is not set"}
    else:
        say("Neo4j load")
        out["neo4j"] = child("neo4j", {"records": str(records), "batch": opts.batch}, work)
    if "baseline" in opts.skip:
        out["baseline"] = {"skipped": "--skip baseline"}
    elif n > opts.baseline_max:
        out["baseline"] = {"skipped": f"more than --baseline-max {opts.baseline_max} notices"}
    else:
        k = min(n, opts.baseline_notices)
        say(f"baseline: naive ingest of {k} notices")
        out["baseline"] = child("naive", {"store": str(work / "naive"), "records": str(records), "notices": k,
                                          "step": max(1, n // k), "batch": opts.batch}, work)
    out["ratios"] = ratios(out)
    out["children_peak_rss_mb"] = children_peak_mb()
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)
    return out


# ---------------------------------------------------------------------------------------------------
# goals and tables
# ---------------------------------------------------------------------------------------------------


def _get(d: dict, *path):
    for p in path:
        if not isinstance(d, dict):
            return None
        d = d.get(p)
    return d


def ratios(m: dict) -> dict:
    """Each speed against its baseline of the same run: ingest and re-ingest against the naive ingest, ``-j``
    extraction against one process.

    >>> ratios({"ingest": {"notices_per_s": 50.0}, "baseline": {"notices_per_s": 2.0}, "extract": {}})
    {'ingest_vs_naive': 25.0, 'reingest_vs_naive': None, 'extract_parallel_vs_one_process': None}
    """
    def r(a, b):
        return round(a / b, 2) if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else None

    naive = _get(m, "baseline", "notices_per_s")
    return {"ingest_vs_naive": r(_get(m, "ingest", "notices_per_s"), naive),
            "reingest_vs_naive": r(_get(m, "reingest", "notices_per_s"), naive),
            "extract_parallel_vs_one_process": r(_get(m, "extract_parallel", "notices_per_s"),
                                                 _get(m, "extract", "notices_per_s"))}


def goals(sizes: dict[int, dict]) -> list[dict]:
    """The issue-11 goals, judged on the largest size measured (extraction: every size; ratios beside)."""
    top = max(sizes)
    s = sizes[top]
    rows = []

    def goal(name: str, value, target: str, ok: bool | None, size: int = top) -> None:
        rows.append({"goal": name, "notices": size, "value": value, "target": target,
                     "status": "—" if ok is None or value is None else "PASS" if ok else "FAIL"})

    v = _get(s, "extract", "notices_per_s")
    goal("extraction, one core", v, "≥ 500 notices/s", v is not None and v >= 500)
    v = _get(s, "extract_parallel", "notices_per_s")
    goal(f"extraction, -j {_get(s, 'extract_parallel', 'jobs') or 'all cores'}", v, "≥ 1,000 notices/s",
         None if v is None else v >= 1000)
    v = _get(s, "ingest", "notices_per_s")
    goal("ingest, new notices", v, "≥ 500 notices/s at 100,000", v is not None and v >= 500)
    v = _get(s, "ingest", "last_first_ratio")
    goal("ingest flat: last tenth / first tenth", v, "≥ 0.80",  # (a bulk load stores all at its end: no tenths)
         None if _get(s, "ingest", "loader") == "bulk" else v is not None and v >= 0.8)
    v = _get(s, "reingest", "notices_per_s_without_reading") or _get(s, "reingest", "notices_per_s")
    goal("re-ingest of unchanged files (reading the records file taken out)", v, "≥ 20,000 notices/s",
         v is not None and v >= 20000)
    v = _get(s, "ingest", "peak_rss_mb")
    goal("peak RSS of the ingest", v, "≤ 2,048 MB at 100,000", v is not None and v <= 2048)
    for q in ("trace", "workload", "deadlines", "show"):
        v = _get(s, "questions", q, "p95_ms")
        goal(f"{q} p95 (library call)", v, "≤ 50 ms at 100,000", v is not None and v <= 50)
    for n, m in sorted(sizes.items()):
        v = _get(m, "quality", "macro_f1")
        goal("extraction stays correct (macro F1 of a sample)", v, f"≥ {QUALITY_BAR}", v is not None and v >= QUALITY_BAR,
             size=n)
    return rows


def ratio(a, b) -> str:
    return f"× {a / b:,.1f}" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "—"


def fmt(v, unit: str = "") -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        v = f"{v:,.1f}" if abs(v) >= 10 else f"{v:,.3g}" if v else "0"
    elif isinstance(v, int):
        v = f"{v:,}"
    return f"{v}{unit}"


def _skip_or(d: dict | None, text: str) -> str:
    if not isinstance(d, dict):
        return "—"
    if "skipped" in d:
        return f"skipped ({d['skipped']})"
    if "error" in d:
        return f"error ({d['error'][:60]})"
    return text


def table(sizes: dict[int, dict]) -> str:
    """The measures per size as a Markdown table (speeds with their ratio against the baseline)."""
    ns = sorted(sizes)
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, f) -> None:
        rows.append((label, [f(sizes[n]) for n in ns]))

    row("documents generated", lambda m: f"{fmt(_get(m, 'generate', 'mb'))} MB in {fmt(_get(m, 'generate', 'seconds'))} s")
    row("extraction, one process", lambda m: _skip_or(m.get("extract"), (
        f"{fmt(_get(m, 'extract', 'notices_per_s'))}/s, {fmt(_get(m, 'extract', 'mb_per_s'))} MB/s, "
        f"p50 {fmt(_get(m, 'extract', 'p50_ms'))} / p95 {fmt(_get(m, 'extract', 'p95_ms'))} ms")))
    row("extraction, -j (all cores)", lambda m: _skip_or(m.get("extract_parallel"), (
        f"{fmt(_get(m, 'extract_parallel', 'notices_per_s'))}/s with {_get(m, 'extract_parallel', 'jobs')} processes "
        f"({ratio(_get(m, 'extract_parallel', 'notices_per_s'), _get(m, 'extract', 'notices_per_s'))} one process)")))
    row("quality (sample): macro F1, task recall", lambda m: _skip_or(m.get("quality"), (
        f"{fmt(_get(m, 'quality', 'macro_f1'))}, {fmt(_get(m, 'quality', 'task_recall'))} "
        f"({_get(m, 'quality', 'documents')} documents)")))
    row("ingest, new", lambda m: _skip_or(m.get("ingest"), (
        f"{fmt(_get(m, 'ingest', 'seconds'))} s, {fmt(_get(m, 'ingest', 'notices_per_s'))}/s "
        f"({ratio(_get(m, 'ingest', 'notices_per_s'), _get(m, 'baseline', 'notices_per_s'))} naive; "
        f"{_get(m, 'ingest', 'loader') or 'batches'})")))
    row("ingest by tenth, first → last (ratio)", lambda m: _skip_or(m.get("ingest"), (
        f"{fmt((_get(m, 'ingest', 'tenths_per_s') or [None])[0])} → {fmt((_get(m, 'ingest', 'tenths_per_s') or [None])[-1])}"
        f"/s ({fmt(_get(m, 'ingest', 'last_first_ratio'))})")))
    row("ingest peak RSS (its builder processes), store on disk", lambda m: _skip_or(m.get("ingest"), (
        f"{fmt(_get(m, 'ingest', 'peak_rss_mb'))} MB ({fmt(_get(m, 'ingest', 'helpers_peak_rss_mb'))} MB), "
        f"{fmt(_get(m, 'ingest', 'store_mb'))} MB")))
    row("re-ingest, unchanged", lambda m: _skip_or(m.get("reingest"), (
        f"{fmt(_get(m, 'reingest', 'seconds'))} s, {fmt(_get(m, 'reingest', 'notices_per_s'))}/s; "
        f"{fmt(_get(m, 'reingest', 'notices_per_s_without_reading'))}/s without reading the records "
        f"({fmt(_get(m, 'reingest', 'read_records_s'))} s) "
        f"({ratio(_get(m, 'reingest', 'notices_per_s'), _get(m, 'baseline', 'notices_per_s'))} naive)")))
    row("naive baseline (one statement per row)", lambda m: _skip_or(m.get("baseline"), (
        f"{fmt(_get(m, 'baseline', 'notices_per_s'))}/s over {fmt(_get(m, 'baseline', 'notices'))} notices, "
        f"{fmt(_get(m, 'baseline', 'statements_per_s'))} statements/s")))
    row("reopen", lambda m: _skip_or(m.get("questions"), f"{fmt(_get(m, 'questions', 'reopen_s'))} s"))
    row("open for writing (re-ingest)", lambda m: _skip_or(m.get("reingest"), (
        f"{fmt(_get(m, 'reingest', 'open_s'))} s" + (f" (migrated from format {_get(m, 'reingest', 'migrated_from')})"
                                                      if _get(m, 'reingest', 'migrated_from') is not None else ""))))
    for q in ("trace", "workload", "deadlines", "show"):
        row(f"{q} p50 / p95 (first call)", lambda m, q=q: _skip_or(m.get("questions"), (
            f"{fmt(_get(m, 'questions', q, 'p50_ms'))} / {fmt(_get(m, 'questions', q, 'p95_ms'))} ms "
            f"({fmt(_get(m, 'questions', q, 'first_ms'))} ms; median {fmt(_get(m, 'questions', q, 'median_rows'))} rows)")))
    row("CLI start-up (kg --help)", lambda m: f"{fmt(_get(m, 'cli_startup', 'median_s'))} s")
    row("RDF export (N-Triples)", lambda m: _skip_or(m.get("rdf"), (
        f"{fmt(_get(m, 'rdf', 'triples'))} triples, {fmt(_get(m, 'rdf', 'triples_per_s'))}/s")))
    row("Neo4j load", lambda m: _skip_or(m.get("neo4j"), f"{fmt(_get(m, 'neo4j', 'notices_per_s'))}/s"))
    head = "| measure | " + " | ".join(f"{n:,} notices" for n in ns) + " |"
    lines = [head, "|---|" + "---|" * len(ns)]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    return "\n".join(lines)


def goal_table(rows: list[dict]) -> str:
    lines = ["| goal | notices | measured | target | |", "|---|---|---|---|---|"]
    lines += [f"| {r['goal']} | {r['notices']:,} | {fmt(r['value'])} | {r['target']} | {r['status']} |" for r in rows]
    return "\n".join(lines)


def machine() -> dict:
    import importlib.metadata as md

    try:
        load = os.getloadavg()
    except (AttributeError, OSError):
        load = None
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=False).stdout.strip() or None
    except OSError:
        commit = None

    def version(p: str) -> str | None:
        try:
            return md.version(p)
        except md.PackageNotFoundError:
            return None

    return {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
            "python": platform.python_version(), "platform": platform.platform(), "ladybug": version("ladybug"),
            "commit": commit, "load_at_start": [round(x, 2) for x in load] if load else None}


# ---------------------------------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="the scale benchmark")
    r.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes (notices), comma-separated")
    r.add_argument("--json", dest="json_out", type=Path, help="write every number here")
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--store-dir", type=Path, help="where documents, records and stores go (default: a temporary one)")
    r.add_argument("--skip", default="", help="comma-separated: baseline, rdf, neo4j, parallel")
    r.add_argument("--keep", action="store_true", help="keep the documents, records and stores")
    r.add_argument("--batch", type=int, default=500, help="notices per ingest transaction (the CLI's default)")
    r.add_argument("--calls", type=int, default=100,
                   help="calls of each question (the p95 of 20 calls is their slowest: the process's first)")
    r.add_argument("--limit", type=int, default=50, help="rows asked of a question when its method takes a limit")
    r.add_argument("--sample", type=int, default=200, help="documents of each size scored against their truth")
    r.add_argument("--baseline-notices", type=int, default=200, help="notices the naive baseline writes")
    r.add_argument("--baseline-max", type=int, default=10000, help="largest size with a baseline")
    r.add_argument("--rdf-max", type=int, default=10000, help="largest size exported to RDF")
    o = ap.parse_args(argv)
    o.sizes = [int(x.replace("_", "")) for x in o.sizes.split(",") if x.strip()]
    o.skip = {x.strip() for x in o.skip.split(",") if x.strip()}
    unknown = o.skip - {"baseline", "rdf", "neo4j", "parallel"}
    if unknown:
        ap.error(f"--skip: unknown {', '.join(sorted(unknown))}")
    if not o.sizes or min(o.sizes) < 1:
        ap.error("--sizes: positive numbers")
    return o


def main(argv: list[str] | None = None) -> int:
    opts = parse(sys.argv[1:] if argv is None else argv)
    info = machine()
    with contextlib.ExitStack() as stack:
        base = opts.store_dir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-bench-")))
        base.mkdir(parents=True, exist_ok=True)
        sizes = {}
        for n in sorted(opts.sizes):
            sizes[n] = measure(n, opts, base)
    try:
        info["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        pass
    g = goals(sizes)
    print(f"Scale benchmark, seed {opts.seed}: {info['cpus']} CPUs, Python {info['python']}, Ladybug {info['ladybug']}, "
          f"commit {info['commit']}, load {info.get('load_at_start')} → {info.get('load_at_end')}\n")
    print(table(sizes))
    print()
    print(goal_table(g))
    if opts.json_out:
        opts.json_out.write_text(json.dumps({"machine": info, "options": {
            "sizes": opts.sizes, "seed": opts.seed, "batch": opts.batch, "calls": opts.calls, "limit": opts.limit,
            "sample": opts.sample, "baseline_notices": opts.baseline_notices, "skip": sorted(opts.skip)},
            "quality_bar": QUALITY_BAR, "sizes": {str(n): m for n, m in sizes.items()}, "goals": g},
            ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
