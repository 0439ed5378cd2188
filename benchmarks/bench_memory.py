"""Memory of an ingest as the store grows: RSS, peak RSS, the engine's buffer pool in use and the log, every 1,000
notices, for this checkout and another one (``--code``) ingesting the same records at the same time.

    python benchmarks/bench_memory.py --records /tmp/s20k/20000/records.jsonl --notices 20000 --code ../main

``--records``: a records file (JSON lines, as ``python -m benchmarks run --keep`` leaves in ``<size>/records.jsonl``).
Both ingests run side by side in their own processes (same load), each into a fresh store in a temporary folder,
``KnowledgeGraph.ingest`` in batches of ``--batch``. The table gives each checkpoint (log back to 0) too. The goal of
issue 11 is a peak of at most 2 GB at 100,000 notices.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, sys, time
code, records, store, n, batch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
sys.path.insert(0, code)
from kg.graph import KnowledgeGraph

def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) >> 10
    return None

def rows():
    with open(records, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= n:
                return
            yield json.loads(line)

t0 = time.perf_counter()
g = KnowledgeGraph.open(store)
done, mark = [0], [1000]

def progress(k):
    done[0] += k
    if done[0] >= mark[0]:
        mark[0] += 1000
        bm = g.store.run("CALL bm_info() RETURN mem_usage AS m")[0]["m"] >> 20
        print(json.dumps({"n": done[0], "s": round(time.perf_counter() - t0, 1), "rss": status("VmRSS"),
                          "peak": status("VmHWM"), "pool": bm, "log": g.store.log_size() >> 20}), flush=True)

g.ingest(rows(), batch=batch, progress=progress)
g.close()
print(json.dumps({"end": True, "s": round(time.perf_counter() - t0, 1), "peak": status("VmHWM")}), flush=True)
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", required=True)
    ap.add_argument("--notices", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--code", help="another checkout to compare with (its kg package is imported)")
    a = ap.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("bench_memory reads /proc/self/status: Linux only")
        return 0
    runs = {"this": str(HERE)}
    if a.code:
        runs = {"other": str(Path(a.code).resolve()), **runs}
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        procs = {name: subprocess.Popen([sys.executable, "-c", CHILD, code, a.records, str(Path(tmp) / name / "graph.lbug"),
                                         str(a.notices), str(a.batch)], stdout=subprocess.PIPE, text=True,
                                        env={**os.environ, "PYTHONPATH": code})
                 for name, code in runs.items()}
        out = {name: [json.loads(line) for line in p.stdout] for name, p in procs.items()}
        for p in procs.values():
            p.wait()
    names = list(runs)
    print("| notices | " + " | ".join(f"{n}: s, RSS, peak, pool, log (MB)" for n in names) + " |")
    print("|---|" + "---|" * len(names))
    by_n = {name: {r["n"]: r for r in rs if "n" in r} for name, rs in out.items()}
    for n in sorted({k for v in by_n.values() for k in v}):
        cells = []
        for name in names:
            r = by_n[name].get(n)
            cells.append("—" if r is None else f"{r['s']}, {r['rss']:,}, {r['peak']:,}, {r['pool']}, {r['log']}")
        print(f"| {n:,} | " + " | ".join(cells) + " |")
    ends = {name: next((r for r in rs if r.get("end")), None) for name, rs in out.items()}
    print("| end | " + " | ".join("—" if e is None else f"{e['s']} s, peak {e['peak']:,} MB" for e in ends.values()) + " |")
    if a.code and all(ends.values()):
        print(f"\npeak this / other: {ends['this']['peak'] / ends['other']['peak']:.2f}; "
              f"time this / other: {ends['this']['s'] / ends['other']['s']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
