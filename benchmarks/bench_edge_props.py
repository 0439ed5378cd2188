#!/usr/bin/env python3
"""What strings on every edge cost a checkpoint: edges into a hub with the provenance of store format 8 (notice, file
path and sha256 on each edge), of format 9 (the notice only: the file and sha256 are the notice's), and none.

usage: python benchmarks/bench_edge_props.py [--edges 600000] [--new 2000] [--rounds 2]

An embedded database (in a temporary folder) gets ``--edges`` ``T`` nodes and one edge per ``T`` in each of three
relationship tables, half of them into one hub ``A`` node, loaded by ``COPY``. Then, per round and per table, ``--new``
new edges from new nodes into the hub in one transaction, and ``CHECKPOINT``: the checkpoint rewrites the hub's edge
list with every property of its edges (docs/ladybug-notes.md, *Strings on edges*). The baseline is format 8's
properties, measured in the same run; the table shows medians over the rounds and the ratio against it.
A measurement, not a test: exit code 0.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.tables import table  # noqa: E402

# per relationship table: its properties (beside the endpoints), and what each edge's row holds
LAYOUTS = {
    "format 8 (notice, path, sha256, span)": ("notice STRING, path STRING, sha256 STRING, span_start INT64, span_end INT64",
                                              lambda i: [f"notice:{i // 25:024x}",
                                                         f"/home/vanphong/Documents/van-ban-den/2026/{i // 25}-TB-UBND.pdf",
                                                         f"{i // 25:064x}", str(i), str(i + 300)]),
    "format 9 (notice, span)": ("notice STRING, span_start INT64, span_end INT64",
                                lambda i: [f"notice:{i // 25:024x}", str(i), str(i + 300)]),
    "no properties": ("", lambda i: []),
}


def _csv(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        for cells in rows:
            f.write(",".join(cells) + "\n")


def measure(edges: int, new: int, rounds: int) -> dict[str, list[float]]:
    import ladybug

    d = Path(tempfile.mkdtemp(prefix="kg-bench-edges-"))
    try:
        db = ladybug.Database(str(d / "graph.lbug"), buffer_pool_size=1 << 30)
        c = ladybug.Connection(db)
        c.execute("CREATE NODE TABLE T(key STRING, PRIMARY KEY(key))")
        c.execute("CREATE NODE TABLE A(key STRING, PRIMARY KEY(key))")
        _csv(d / "t.csv", ([f"t{i}"] for i in range(edges)))
        _csv(d / "a.csv", ([f"a{i}"] for i in range(2000)))
        c.execute(f"COPY T FROM '{(d / 't.csv').as_posix()}'")
        c.execute(f"COPY A FROM '{(d / 'a.csv').as_posix()}'")
        names = {}
        for n, (layout, (props, cells)) in enumerate(LAYOUTS.items()):
            names[layout] = f"R{n}"
            c.execute(f"CREATE REL TABLE R{n}(FROM T TO A{', ' + props if props else ''})")
            _csv(d / f"r{n}.csv", ([f"t{i}", f"a{0 if i % 2 else i % 2000}", *cells(i)] for i in range(edges)))
            c.execute(f"COPY R{n} FROM '{(d / f'r{n}.csv').as_posix()}'")
        c.execute("CHECKPOINT")
        out: dict[str, list[float]] = {layout: [] for layout in LAYOUTS}
        for r in range(rounds):
            c.execute("UNWIND range(0, $n - 1) AS i CREATE (:T {key: 'n' + string($r) + '-' + string(i)})",
                      {"n": new, "r": r})
            c.execute("CHECKPOINT")
            rows = [{"k": f"n{r}-{i}", "n": f"notice:{i:024x}", "p": f"/home/vanphong/Documents/{i}-TB-UBND.pdf",
                     "h": f"{i:064x}", "s": i} for i in range(new)]
            for layout, (props, _) in LAYOUTS.items():
                sets = ("{notice: row.n, path: row.p, sha256: row.h, span_start: row.s, span_end: row.s + 300}"
                        if "path" in props else "{notice: row.n, span_start: row.s, span_end: row.s + 300}" if props
                        else "")
                c.execute(f"UNWIND $rows AS row MATCH (t:T {{key: row.k}}) MATCH (a:A {{key: 'a0'}}) "
                          f"CREATE (t)-[:{names[layout]} {sets}]->(a)", {"rows": rows})
                t = time.perf_counter()
                c.execute("CHECKPOINT")
                out[layout].append(time.perf_counter() - t)
        c.close()
        db.close()
        return out
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--edges", type=int, default=600_000, help="edges per table (half of them into the hub)")
    ap.add_argument("--new", type=int, default=2000, help="new edges into the hub before each checkpoint")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    got = measure(args.edges, args.new, args.rounds)
    base = statistics.median(next(iter(got.values())))
    rows = [[layout, f"{statistics.median(s):.3f}", f"{statistics.median(s) / base:.2f}"] for layout, s in got.items()]
    print(f"{args.new} new edges into a hub of {args.edges // 2:,} (tables of {args.edges:,}), median of {args.rounds}")
    print(table(["edge properties", "checkpoint (s)", "ratio to format 8"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
