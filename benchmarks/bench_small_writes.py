#!/usr/bin/env python3
"""The everyday writes into a big store: one file ingested, one task marked done, and the reads after them.

usage: python benchmarks/bench_small_writes.py --store DIR_OR_FILE --docs DOC [DOC ...] [--task ID] [--reads 3]

An office adds a document or marks a task done a few times a day, and reads (the terminal, the web app's pages,
each opening the store) in between. In a big store a checkpoint costs seconds to tens of seconds whatever was
written (it rewrites the edge lists of the agencies and documents a write links to), so a small write there leaves
its log for a later one (``kg.store.ladybug_store.LEAVE_LOG_FROM_BYTES``), and each open then replays that log.

Two copies of ``--store`` are made (in a temporary folder beside it, removed at the end): ``now`` with the store's
rules as they are, ``checkpoint`` with every commit checkpointed at once (the bound set above any file: the rule
before the change, measured in the same run). For each ``--docs`` file in turn, on each copy, in a new process
each (as ``kg`` runs): the file ingested, the task ``--task`` marked done (when given), then ``--reads`` read-only
opens counting the notices. The table gives the median seconds of each step on each copy, their ratio, and the
log left on ``now`` after each write. A measurement, not a test: exit code 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.store.ladybug_store import engine_files  # noqa: E402
from kg.tables import table  # noqa: E402

# what each step runs in a child process: argv = ROOT, step, store, argument, bound of the rule ('' = as it is)
_STEP = r"""
import sys, time
root, step, store, arg, bound = sys.argv[1:6]
sys.path.insert(0, root)
from kg.store import ladybug_store
if bound:
    ladybug_store.LEAVE_LOG_FROM_BYTES = int(bound)
from kg.graph import KnowledgeGraph
t = time.perf_counter()
if step == "ingest":
    from loaders.extract import extract_path
    with KnowledgeGraph.open(store) as kg:
        report = kg.ingest([extract_path(arg)])
        assert len(report.new) + len(report.updated) == 1, report
elif step == "done":
    import datetime as dt
    from kg.follow import mark_done
    with KnowledgeGraph.open(store) as kg:
        mark_done(kg, arg, on=dt.date(2026, 6, int(time.time()) % 28 + 1))  # (another day each time: a real write)
else:
    with KnowledgeGraph.open(store, read_only=True) as kg:
        kg.store.run("MATCH (n:Notice) RETURN count(n) AS n")
print(time.perf_counter() - t)
"""


def step(name: str, store: Path, arg: str, bound: str) -> float:
    """Seconds the step took inside its process (interpreter start-up and imports aside)."""
    r = subprocess.run([sys.executable, "-c", _STEP, str(ROOT), name, str(store), arg, bound],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{name} on {store}: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode}")
    return float(r.stdout.strip().splitlines()[-1])


def log_bytes(store: Path) -> int:
    wal = store.with_name(store.name + ".wal")
    return wal.stat().st_size if wal.exists() else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", required=True, type=Path, help="a store (its folder or graph.lbug); copied, never written")
    ap.add_argument("--docs", required=True, nargs="+", help="documents not in the store, ingested one at a time")
    ap.add_argument("--task", help="a task id marked done after each ingest")
    ap.add_argument("--reads", type=int, default=3, help="read-only opens after each write (default 3)")
    args = ap.parse_args()
    src = args.store / "graph.lbug" if args.store.is_dir() else args.store
    work = Path(tempfile.mkdtemp(prefix="kg-small-writes-", dir=src.parent.parent))
    copies = {}
    try:
        for name in ("now", "checkpoint"):
            (work / name).mkdir()
            for f in [src, *engine_files(src)]:  # the file and a log left beside it (and its note)
                shutil.copy2(f, work / name / f.name)  # (times kept: the note of a left log still holds)
            copies[name] = work / name / src.name
        bound = {"now": "", "checkpoint": str(1 << 62)}
        times: dict[tuple[str, str], list[float]] = {}
        logs: list[int] = []
        for doc in args.docs:
            for name, store in copies.items():  # the two copies in turn, so both see the same load
                times.setdefault((name, "ingest"), []).append(step("ingest", store, doc, bound[name]))
                if args.task:
                    times.setdefault((name, "done"), []).append(step("done", store, args.task, bound[name]))
                if name == "now":
                    logs.append(log_bytes(store))
                for _ in range(args.reads):
                    times.setdefault((name, "read"), []).append(step("read", store, "", bound[name]))
        size = os.path.getsize(src)
        print(f"Small writes into {src} ({size / 2**20:,.0f} MB), {len(args.docs)} files, load "
              f"{[round(x, 2) for x in os.getloadavg()] if hasattr(os, 'getloadavg') else '?'}, "
              f"{time.strftime('%Y-%m-%d %H:%M')}\n")
        rows = []
        for what in ("ingest", "done", "read"):
            if ("now", what) not in times:
                continue
            a, b = statistics.median(times[("now", what)]), statistics.median(times[("checkpoint", what)])
            rows.append([what, f"{b:.2f}", f"{a:.2f}", f"× {b / a:.2f}" if a else "—", len(times[("now", what)])])
        print(table(["step (median s)", "checkpoint at once", "log left (now)", "speed-up", "runs"], rows))
        print(f"\nlog left after each write: {', '.join(f'{x / 2**20:.2f} MB' for x in logs)}")
        print(json.dumps({"store_bytes": size, "times": {f"{k[0]}:{k[1]}": v for k, v in times.items()},
                          "log_bytes": logs}))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
