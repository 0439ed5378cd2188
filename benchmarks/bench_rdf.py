"""RDF export and SPARQL engines: N-Triples written from stores of growing size in constant memory, and
where pyoxigraph starts paying over rdflib for `kg sparql`.

    python benchmarks/bench_rdf.py [--sizes 1000,10000] [--engine-sizes 20,100,300] [--seed 0]

For each size a store of the synthetic corpus (benchmarks/corpus.py) is built in a temporary directory by
one child process, and exported to N-Triples (``kg.rdf.write(kg.rdf.triples(...))``, what ``kg export rdf
--format nt`` runs) by another, so each export's peak RSS is its own. The table gives size, triples,
triples/s, peak RSS and the Python heap the export adds (allocated blocks, sampled every 5,000 triples),
with ratios against the first (smallest) size, the baseline of the same run: memory is flat when the heap
ratio stays near 1 while the triples grow. Peak RSS also holds the embedded engine's buffer pool, which
keeps the database pages it has read (a share of the machine's memory by default), so it grows with the
store file whatever the export does.

The engine table loads exports of a few small sizes into rdflib and pyoxigraph and runs the deadlines
and trace recipes; :data:`kg.sparql.OXIGRAPH_FROM` is set from it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_rss_mb()


def child_build(n: int, store: str, seed: int) -> dict:
    import corpus
    from kg.graph import KnowledgeGraph

    t0 = time.perf_counter()
    recs = corpus.make_corpus(n, seed)
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(recs, batch=500)
    return {"seconds": time.perf_counter() - t0}


def child_export(store: str, out: str) -> dict:
    from kg import rdf
    from kg.graph import KnowledgeGraph

    blocks = [sys.getallocatedblocks()]

    def sample(_n: int) -> None:  # every 5,000 triples: the Python heap, in allocated blocks (cheap, unlike tracemalloc)
        blocks.append(sys.getallocatedblocks())

    with KnowledgeGraph.open(store, read_only=True) as kg:
        before = rss_mb()
        with open(out, "w", encoding="utf-8") as f:
            res = rdf.write(rdf.triples(kg), f, "nt", progress=sample)
    return {"triples": res.triples, "bytes": res.bytes, "seconds": res.seconds, "rss_open": before,
            "peak_rss": peak_rss_mb(), "blocks_open": blocks[0], "peak_blocks": max(blocks)}


def child_engine(path: str, engine: str) -> dict:
    import datetime as dt

    from kg import sparql

    t0 = time.perf_counter()
    d = sparql.Data(path, engine)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    _, rows = d.recipe("deadlines", as_of=dt.date(2026, 6, 1), soon=dt.date(2026, 6, 8))
    _, trace = d.recipe("trace_document", doc="02/2026/NQ-HĐND")
    return {"load": load, "query": time.perf_counter() - t0, "rows": len(rows) + len(trace), "peak_rss": peak_rss_mb()}


def run_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"child {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes exported (notices; the first is the baseline)")
    ap.add_argument("--engine-sizes", default="20,100,300", help="corpus sizes for the rdflib / pyoxigraph table")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        what, *rest = args.child
        res = {"build": lambda: child_build(int(rest[0]), rest[1], int(rest[2])),
               "export": lambda: child_export(rest[0], rest[1]),
               "engine": lambda: child_engine(rest[0], rest[1])}[what]()
        print(json.dumps(res))
        return 0

    from kg.tables import table

    sizes = [int(x) for x in args.sizes.split(",") if x]
    rows, base = [], None
    with tempfile.TemporaryDirectory(prefix="bench-rdf-") as tmp:
        for n in sizes:
            store = str(Path(tmp) / f"g{n}.lbug")
            built = run_child("build", str(n), store, str(args.seed))
            exp = run_child("export", store, str(Path(tmp) / f"g{n}.nt"))
            rate = exp["triples"] / exp["seconds"]
            heap = exp["peak_blocks"] - exp["blocks_open"]
            base = base or (exp["triples"], rate, exp["peak_rss"], heap)
            rows.append([f"{n:,}", f"{built['seconds']:.0f} s", f"{exp['triples']:,}", f"{exp['bytes'] / 2**20:,.0f} MB",
                         f"{exp['seconds']:.1f} s", f"{rate:,.0f}", f"{rate / base[1]:.2f}",
                         f"{exp['rss_open']:.0f} MB", f"{exp['peak_rss']:.0f} MB", f"{exp['peak_rss'] / base[2]:.2f}",
                         f"{heap:,}", f"{heap / base[3]:.2f}", f"{exp['triples'] / base[0]:.1f}"])
            os.unlink(Path(tmp) / f"g{n}.nt")
            print(f"  {n:,} notices: {exp['triples']:,} triples, {rate:,.0f}/s, peak RSS {exp['peak_rss']:.0f} MB",
                  file=sys.stderr)
        print("N-Triples export (kg export rdf --format nt), one child process per export; ratios against the "
              f"first size ({sizes[0]:,} notices)")
        print(table(["notices", "build", "triples", "size", "export", "triples/s", "× rate", "RSS open",
                     "peak RSS", "× RSS", "heap blocks", "× heap", "× triples"], rows))
        print("(peak RSS includes the embedded engine's buffer pool, which keeps the database pages read; heap blocks: "
              "the most Python memory blocks the export added, sampled every 5,000 triples)")

        engine_rows = []
        for n in [int(x) for x in args.engine_sizes.split(",") if x]:
            store = str(Path(tmp) / f"e{n}.lbug")
            run_child("build", str(n), store, str(args.seed))
            nt = str(Path(tmp) / f"e{n}.nt")
            exp = run_child("export", store, nt)
            r = run_child("engine", nt, "rdflib")
            try:
                o = run_child("engine", nt, "oxigraph")
            except SystemExit:
                o = None
            engine_rows.append([f"{n:,}", f"{exp['triples']:,}", f"{exp['bytes'] / 2**20:.1f} MB",
                                f"{r['load']:.1f} s", f"{r['query']:.2f} s", f"{r['peak_rss']:.0f} MB",
                                f"{o['load']:.1f} s" if o else "—", f"{o['query']:.2f} s" if o else "—",
                                f"{o['peak_rss']:.0f} MB" if o else "—",
                                f"{(r['load'] + r['query']) / (o['load'] + o['query']):.0f}×" if o else "—"])
        print("\nkg sparql engines: load the N-Triples file, then the deadlines and trace recipes")
        print(table(["notices", "triples", "file", "rdflib load", "rdflib query", "rdflib RSS", "oxigraph load",
                     "oxigraph query", "oxigraph RSS", "oxigraph faster"], engine_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
