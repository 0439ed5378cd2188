#!/usr/bin/env python3
"""Answers while a long ingest runs: a reader opening the store every few seconds and asking a workload question,
while another process ingests a corpus into a fresh store; with the reader's request for a checkpoint (as the store
does now: kg.store.ladybug_store.READER_LOG_BYTES) and without it (the baseline, in the same run).

usage: python benchmarks/bench_reads_during_ingest.py --records RECORDS.jsonl [--notices 3000] [--every 5]
       [--agency "Sở Y tế"] [--scope "Lâm Đồng"]

``RECORDS.jsonl`` is extracted records, one per line (the scale benchmark's ``--keep`` leaves one:
``<store-dir>/10000/records.jsonl``). Each run: a writer process ingests the first ``--notices`` records into a new
store in a temporary folder; a reader process opens the store read-only every ``--every`` seconds until the writer
ends, asking the workload of ``--agency``. The table gives, per run: the ingest's time, how many reads answered, their
median and worst time, how many met a busy store (the writer's log being written into the file: the CLI and the web
app wait and retry those), and the log each read found. A measurement, not a test: exit code 0.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.tables import table  # noqa: E402

# argv: ROOT, records, notices, store, bound ('' = as it is)
_WRITER = r"""
import itertools, json, sys, time
root, records, notices, store, bound = sys.argv[1:6]
sys.path.insert(0, root)
from kg.store import ladybug_store
if bound:
    ladybug_store.READER_LOG_BYTES = int(bound)
from kg.graph import KnowledgeGraph

def recs():
    with open(records, encoding="utf-8") as f:
        for line in itertools.islice(f, int(notices)):
            yield json.loads(line)

t = time.perf_counter()
with KnowledgeGraph.open(store) as kg:
    kg.ingest(recs())
print(json.dumps({"ingest": time.perf_counter() - t}))
"""

# argv: ROOT, store, every, agency, scope, bound, done-file
_READER = r"""
import json, os, sys, time
root, store, every, agency, scope, bound, done = sys.argv[1:8]
sys.path.insert(0, root)
from kg.store import ladybug_store
if bound:
    ladybug_store.READER_LOG_BYTES = int(bound)
from kg.graph import KnowledgeGraph
out = []
while not os.path.exists(done):
    log = os.path.getsize(store + ".wal") if os.path.exists(store + ".wal") else 0
    t = time.perf_counter()
    try:
        with KnowledgeGraph.open(store, read_only=True) as kg:
            kg.workload(agency, scope=scope or None, limit=50)
        out.append({"log": log, "seconds": time.perf_counter() - t})
    except Exception as e:
        out.append({"log": log, "busy": type(e).__name__})
    time.sleep(float(every))
print(json.dumps(out))
"""


def run(records: Path, notices: int, every: float, agency: str, scope: str, bound: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="kg-bench-reads-") as d:
        store, done = str(Path(d) / "graph.lbug"), Path(d) / "done"
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(ROOT), str(records), str(notices), store, bound],
                                  stdout=subprocess.PIPE, text=True)
        time.sleep(every)  # (the store exists once the writer has opened it)
        reader = subprocess.Popen([sys.executable, "-c", _READER, str(ROOT), store, str(every), agency, scope, bound,
                                   str(done)], stdout=subprocess.PIPE, text=True)
        w_out, _ = writer.communicate()
        done.write_text("", encoding="utf-8")
        r_out, _ = reader.communicate()
    reads = json.loads(r_out or "[]")
    return {"ingest": json.loads(w_out)["ingest"], "reads": reads}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=Path, required=True)
    ap.add_argument("--notices", type=int, default=3000)
    ap.add_argument("--every", type=float, default=5.0, help="seconds between reads")
    ap.add_argument("--agency", default="Sở Y tế")
    ap.add_argument("--scope", default="Lâm Đồng")
    args = ap.parse_args(argv)
    rows = []
    for name, bound in (("no request (before)", str(1 << 62)), ("reader's request (now)", "")):
        got = run(args.records, args.notices, args.every, args.agency, args.scope, bound)
        answered = [r["seconds"] for r in got["reads"] if "seconds" in r]
        logs = [r["log"] / 1e6 for r in got["reads"]]
        rows.append([name, f"{got['ingest']:.1f}", len(answered),
                     f"{statistics.median(answered):.2f}" if answered else "—",
                     f"{max(answered):.2f}" if answered else "—",
                     sum(1 for r in got["reads"] if "busy" in r), f"{max(logs, default=0):.0f}"])
    print(f"{args.notices} notices ingested into a new store, a read every {args.every:g} s")
    print(table(["run", "ingest (s)", "reads answered", "median (s)", "worst (s)", "busy", "largest log (MB)"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
