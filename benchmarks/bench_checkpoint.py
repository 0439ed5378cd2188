#!/usr/bin/env python3
"""What the per-batch checkpoint costs: ingest with and without ``CHECKPOINT`` after each committed batch.

usage: python benchmarks/bench_checkpoint.py [--notices 1000] [--batches 1,9,500]

Every committed write transaction of an on-disk store is followed by ``CHECKPOINT``
(``LadybugStore.checkpoint_commits``, on by default): a batch reported as stored no longer
depends on the log. This measures, in one process, fresh on-disk stores each time:

- the 18 real fixtures (tests/fixtures/notices and extra13/texts), one ingest per batch size;
- ``--notices`` synthetic records (``benchmarks/corpus.py``) at batch 500 (the CLI's default);

each with checkpoints after every batch and without (the engine then checkpoints on its own when
its log passes 16 MB, and at close). Wall time includes closing the store (its last checkpoint),
so both columns write everything into the database file. The table shows the ratio (with / without)
and the size of the database file after close. A measurement, not a test: exit code 0.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kg.graph import KnowledgeGraph  # noqa: E402
from kg.tables import table  # noqa: E402
from loaders.extract import extract_path  # noqa: E402


def fixtures() -> list[dict]:
    paths = sorted((ROOT / "tests" / "fixtures" / "notices").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "fixtures" / "extra13" / "texts").glob("*.txt"))
    return [extract_path(p) for p in paths]


def ingest(records: list[dict], batch: int, checkpoint: bool) -> tuple[float, int, int]:
    """Seconds to ingest into a fresh on-disk store and close it; checkpoints run; file size in bytes."""
    d = Path(tempfile.mkdtemp(prefix="kg-bench-ckpt-"))
    try:
        t = time.perf_counter()
        kg = KnowledgeGraph.open(d / "graph.lbug")
        kg.store.checkpoint_commits = checkpoint
        calls = 0
        real = kg.store.checkpoint

        def counted() -> bool:
            nonlocal calls
            calls += 1
            return real()

        kg.store.checkpoint = counted
        kg.ingest(records, batch=batch)
        kg.close()
        return time.perf_counter() - t, calls, (d / "graph.lbug").stat().st_size
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--notices", type=int, default=1000)
    ap.add_argument("--batches", default="1,9,500", help="batch sizes for the fixtures")
    args = ap.parse_args(argv)
    rows = []
    recs = fixtures()
    for b in [int(x) for x in args.batches.split(",")]:
        off, _, size_off = ingest(recs, b, False)
        on, n, size_on = ingest(recs, b, True)
        rows.append([f"{len(recs)} fixtures", b, n, f"{off:.2f}", f"{on:.2f}", f"{on / off:.2f}",
                     f"{size_off / 1e6:.1f}", f"{size_on / 1e6:.1f}"])
    if args.notices:
        import corpus

        synth = corpus.make_corpus(args.notices, seed=0)
        off, _, size_off = ingest(synth, 500, False)
        on, n, size_on = ingest(synth, 500, True)
        rows.append([f"{args.notices} synthetic", 500, n, f"{off:.2f}", f"{on:.2f}", f"{on / off:.2f}",
                     f"{size_off / 1e6:.1f}", f"{size_on / 1e6:.1f}"])
    print(table(["records", "batch", "checkpoints", "without (s)", "with (s)", "ratio", "MB without", "MB with"],
                rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
