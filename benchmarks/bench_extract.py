#!/usr/bin/env python3
"""Throughput of notice extraction in one process on one core.

usage: python benchmarks/bench_extract.py [--repeat N] [--files F ...] [--seconds S] [--profile]

Each iteration reads and extracts every file (``loaders.extract.extract_path``, what
``kg extract`` does per file, minus the JSON output). Without --repeat the number of
iterations is chosen so that the timed run lasts about --seconds (default 5). The
goal is at least 200 notices per second; the table says PASS or FAIL, and the exit code
is 0 either way (this is a measurement, not a test).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import math
import os
import platform
import pstats
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.tables import table  # noqa: E402

GOAL = 200.0  # notices per second
DEFAULT_FILES = sorted((ROOT / "tests" / "fixtures" / "notices").glob("*.txt"))


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        try:
            cpu = min(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpu})
            return f"CPU {cpu}"
        except OSError:
            pass
    return "không ghim được CPU"


def run(files: list[Path], repeat: int) -> float:
    from loaders.extract import extract_path

    start = time.perf_counter()
    for _ in range(repeat):
        for f in files:
            extract_path(f)
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, help="iterations over all files (default: enough for --seconds)")
    ap.add_argument("--seconds", type=float, default=5.0, help="target duration when --repeat is not given")
    ap.add_argument("--files", nargs="+", type=Path, help="notice files (default: tests/fixtures/notices/*.txt)")
    ap.add_argument("--profile", action="store_true", help="also print the top 15 functions (cProfile, by own time)")
    args = ap.parse_args(argv)

    files = args.files or DEFAULT_FILES
    if not files:
        ap.error("no files")
    size = sum(f.stat().st_size for f in files)
    cpu = pin_to_one_core()

    run(files, 1)  # warm-up: lazy imports, regex compilation, page cache
    if args.repeat:
        repeat = args.repeat
    else:  # calibrate on at least 0.2 s of work
        n, spent = 0, 0.0
        while spent < 0.2:
            spent += run(files, 1)
            n += 1
        repeat = max(1, math.ceil(args.seconds * n / spent))
    gc.collect()
    seconds = run(files, repeat)
    notices = repeat * len(files)
    mb = repeat * size / 1e6
    rate = notices / seconds
    rows = [
        ["notices", f"{notices}", f"{len(files)} files × {repeat}"],
        ["total MB", f"{mb:.2f}", f"{size / 1e3:.1f} kB per iteration"],
        ["seconds", f"{seconds:.3f}", cpu],
        ["notices/s", f"{rate:.1f}", ""],
        ["MB/s", f"{mb / seconds:.2f}", ""],
        ["peak RSS MB", f"{peak_rss_mb():.1f}", ""],
        ["goal", f"≥ {GOAL:.0f} notices/s", "PASS" if rate >= GOAL else "FAIL"],
    ]
    print(f"bench_extract: Python {platform.python_version()} on {platform.machine()}, one process")
    print(table(["metric", "value", "note"], rows))

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run(files, max(1, repeat // 5))
        prof.disable()
        print("\ntop 15 functions by own time (cProfile):")
        pstats.Stats(prof, stream=sys.stdout).strip_dirs().sort_stats("tottime").print_stats(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
