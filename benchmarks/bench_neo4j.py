"""Neo4j loading: batched UNWIND writes against one query per row (with a server), and the neo4j-admin
import files for 100,000 synthetic documents (always).

    python benchmarks/bench_neo4j.py                      # import files for 100,000 documents
    python benchmarks/bench_neo4j.py --docs 10000         # fewer
    NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=… python benchmarks/bench_neo4j.py --rows 20000

With ``NEO4J_URI`` set (a throwaway database: the benchmark deletes its own ``Bench*`` nodes only), it
writes ``--rows`` relationships between existing nodes three ways and prints a table with the rate and
the ratio to one-query-per-row: one ``UNWIND $rows`` statement per batch of ``--batch`` rows through
``Neo4jStore.execute_many`` (the store's write path), and one parameterised ``CREATE`` per row, each in
its own transaction (``--per-row`` rows of them, to keep it short) and all in one transaction. The goal is
at least 20,000 relationships/s batched.

The import part builds the graph of ``--docs`` synthetic documents (benchmarks/corpus.py: variants of the
five samples across provinces) with the model's builder, a chunk of records at a time, and writes the
``neo4j-admin database import full`` files with ``kg.transfer.ImportWriter``: it prints nodes,
relationships, bytes and seconds (building the graph and writing the files apart).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kg.graph import NODE_ORDER  # noqa: E402
from kg.model import SCHEMA, GraphBuilder  # noqa: E402
from kg.transfer import ImportWriter  # noqa: E402


def table(rows: list[list[str]], head: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(head), "  ".join("-" * w for w in widths), *map(line, rows)])


# -------------------------------------------------------------------------------------------------
# import files


def import_files(docs: int, out: Path, chunk: int = 500) -> dict:
    from corpus import variant

    writer = ImportWriter(out)
    seen: set[str] = set()
    build = write = 0.0
    nodes = rels = 0
    for start in range(0, docs, chunk):
        t0 = time.perf_counter()
        b = GraphBuilder()
        for k in range(start, min(docs, start + chunk)):
            b.add_record(variant(k))
        g = b.g
        by_label: dict[str, list[dict]] = {}
        for key, d in g.nodes(data=True):
            if key in seen:  # shared nodes (agencies, national documents) are written once
                continue
            seen.add(key)
            row = {"key": key, **{p: d.get(p) for p in SCHEMA["nodes"][d["label"]]}}
            by_label.setdefault(d["label"], []).append(row)
        by_rel: dict[tuple, list[dict]] = {}
        for a, c, d in g.edges(data=True):
            row = {"a": a, "b": c, **{p: d.get(p) for p in SCHEMA["rels"][d["type"]]["props"]}}
            by_rel.setdefault((d["type"], g.nodes[a]["label"], g.nodes[c]["label"]), []).append(row)
        t1 = time.perf_counter()
        for label in NODE_ORDER:
            if by_label.get(label):
                writer.add_nodes(label, by_label[label])
                nodes += len(by_label[label])
        for (rtype, la, lb), rows in by_rel.items():
            writer.add_edges(rtype, la, lb, rows)
            rels += len(rows)
        t2 = time.perf_counter()
        build += t1 - t0
        write += t2 - t1
        print(f"\r  {min(docs, start + chunk)}/{docs} documents", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    t0 = time.perf_counter()
    res = writer.close()
    write += time.perf_counter() - t0
    return {"docs": docs, "nodes": nodes, "rels": rels, "bytes": res.bytes, "files": len(res.nodes) + len(res.relationships),
            "build_s": build, "write_s": write, "command": res.command()}


# -------------------------------------------------------------------------------------------------
# load rate against a live server


def load_rates(uri: str, rows: int, batch: int, per_row: int) -> list[list[str]]:
    from kg.store.neo4j_store import Neo4jStore

    store = Neo4jStore(uri, batch_size=batch)
    try:
        store.run("CREATE CONSTRAINT bench_node_key IF NOT EXISTS FOR (n:BenchNode) REQUIRE n.key IS UNIQUE")

        def reset() -> None:
            store.run("MATCH (n:BenchNode) DETACH DELETE n")
            store.execute_many("UNWIND $rows AS row CREATE (:BenchNode {key: row.key})",
                               [{"key": f"n{i}"} for i in range(1000)])

        rel = ("UNWIND $rows AS row MATCH (a:BenchNode {key: row.a}) MATCH (b:BenchNode {key: row.b}) "
               "CREATE (a)-[:BENCH_REL {notice: row.notice, span_start: row.s}]->(b)")
        one = ("MATCH (a:BenchNode {key: $a}) MATCH (b:BenchNode {key: $b}) "
               "CREATE (a)-[:BENCH_REL {notice: $notice, span_start: $s}]->(b)")
        data = [{"a": f"n{i % 1000}", "b": f"n{(i * 7 + 3) % 1000}", "notice": f"notice:{i // 50}", "s": i}
                for i in range(rows)]
        out = []
        reset()
        t0 = time.perf_counter()
        store.execute_many(rel, data)
        batched = time.perf_counter() - t0
        n = store.run("MATCH ()-[r:BENCH_REL]->() RETURN count(r) AS n")[0]["n"]
        assert n == rows, n
        out.append([f"UNWIND batches of {batch}", str(rows), f"{batched:.2f}", f"{rows / batched:,.0f}"])
        reset()
        t0 = time.perf_counter()
        for r in data[:per_row]:
            store.run(one, r)
        single = time.perf_counter() - t0
        out.append(["one query per row, own transaction", str(per_row), f"{single:.2f}", f"{per_row / single:,.0f}"])
        reset()
        t0 = time.perf_counter()
        with store.transaction():
            for r in data[:per_row]:
                store.run(one, r)
        in_tx = time.perf_counter() - t0
        out.append(["one query per row, one transaction", str(per_row), f"{in_tx:.2f}", f"{per_row / in_tx:,.0f}"])
        base = per_row / single
        for row in out:
            row.append(f"{float(row[3].replace(',', '')) / base:.1f}x")
        store.run("MATCH (n:BenchNode) DETACH DELETE n")
        store.run("DROP CONSTRAINT bench_node_key IF EXISTS")
        return out
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000, help="synthetic documents for the import files")
    ap.add_argument("--out", type=Path, default=None, help="folder for the import files (default: a temporary one)")
    ap.add_argument("--rows", type=int, default=20_000, help="relationships per load method (server)")
    ap.add_argument("--per-row", type=int, default=2_000, help="rows for the one-query-per-row methods (server)")
    ap.add_argument("--batch", type=int, default=1000, help="rows per UNWIND statement (server)")
    args = ap.parse_args(argv)

    uri = os.environ.get("NEO4J_URI")
    if uri:
        print(f"Load rate into {uri} ({args.rows} relationships batched, {args.per_row} one per row)")
        print(table(load_rates(uri, args.rows, args.batch, args.per_row),
                    ["method", "rels", "seconds", "rels/s", "vs per-row"]))
        print("goal: >= 20,000 relationships/s batched\n")
    else:
        print("NEO4J_URI not set: no load rate (it needs a Neo4j 5 server)\n")

    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "neo4j-import"
        r = import_files(args.docs, out)
        print(f"neo4j-admin import files for {r['docs']:,} synthetic documents:")
        print(table([[f"{r['nodes']:,}", f"{r['rels']:,}", str(r["files"]), f"{r['bytes'] / 1e6:,.1f}",
                      f"{r['build_s']:.1f}", f"{r['write_s']:.1f}",
                      f"{r['rels'] / max(r['write_s'], 1e-9):,.0f}"]],
                    ["nodes", "relationships", "files", "MB", "build s", "write s", "rels written/s"]))
        if args.out:
            print(f"\n{r['command']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
