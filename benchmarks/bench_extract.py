#!/usr/bin/env python3
"""Throughput of notice extraction: one process on one core, and N processes (``-j``).

usage: python benchmarks/bench_extract.py [--seconds S] [--files F ...] [--jobs N] [--code DIR] [--profile]

Each measurement reads and extracts every file again and again for about --seconds (default 5):

* ``one core``: ``loaders.extract.extract_path`` in this process, pinned to one CPU (what ``kg extract -j 1``
  does per file, minus the JSON output); also the p50 / p95 time per notice;
* ``-j N``: ``loaders.parallel.extract_records`` with N worker processes (default: every core this process may
  use), the files repeated into one batch that lasts about --seconds if N processes each reach the one-core
  rate; the time includes starting the workers, as a user's batch does (the note says when the first record
  came);
* ``--code DIR``: the one-core measurement of another checkout's ``loaders`` (e.g. main before a change), in a
  child process pinned to the same CPU, taken right after this checkout's, so both see the same load.

The table gives notices/s, MB/s, the ratio of each rate to this checkout's one-core rate measured in the same
run, and PASS or FAIL against the goals of issue 11: at least 500 notices/s on one core and 1,000 notices/s
with -j on this 2-core machine (for notices of about 15 kB). The exit code is 0 either way: this is a
measurement, not a test. Rates are wall-clock; run it on an otherwise idle machine. The CPU column (CPU time
per notice: this process's, or the workers' and this one's for -j) is what the work costs whatever else runs.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import math
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.tables import table  # noqa: E402

GOAL_ONE_CORE = 500.0  # notices per second, one process on one core
GOAL_JOBS = 1000.0  # notices per second with -j on this 2-core machine
DEFAULT_FILES = sorted((ROOT / "tests" / "fixtures" / "notices").glob("*.txt"))

# what the --code child runs: this checkout's timing loop, with the other checkout's loaders first on the path
_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from loaders.extract import extract_path
files, seconds = json.loads(sys.argv[2]), float(sys.argv[3])
for f in files:
    extract_path(f)
n, cpu, start = 0, time.process_time(), time.perf_counter()
while time.perf_counter() - start < seconds:
    for f in files:
        extract_path(f)
    n += 1
print(json.dumps({"notices": n * len(files), "seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}))
"""


def pin_to_one_core() -> tuple[str, set[int] | None]:
    """Pin this process to one CPU; return its label and the CPUs it had (to give them back), if it could."""
    if hasattr(os, "sched_setaffinity"):
        try:
            cpus = os.sched_getaffinity(0)
            cpu = min(cpus)
            os.sched_setaffinity(0, {cpu})
            return f"CPU {cpu}", cpus
        except OSError:
            pass
    return "không ghim được CPU", None


def unpin(cpus: set[int] | None) -> None:
    if cpus is not None:
        os.sched_setaffinity(0, cpus)


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def one_core(files: list[Path], seconds: float) -> tuple[int, float, list[float], float]:
    """Extract the files round after round for about ``seconds``: (notices, seconds, time of each notice, CPU
    seconds)."""
    from loaders.extract import extract_path

    for f in files:  # warm-up: lazy imports, regex compilation, page cache
        extract_path(f)
    gc.collect()
    each: list[float] = []
    cpu = cpu_seconds()
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for f in files:
            t = time.perf_counter()
            extract_path(f)
            each.append(time.perf_counter() - t)
    return len(each), time.perf_counter() - start, each, cpu_seconds() - cpu


def parallel(files: list[Path], jobs: int, count: int) -> tuple[int, float, int, float, float]:
    """Extract ``count`` notices (the files repeated) with ``jobs`` processes: (notices, seconds, failures, seconds
    to the first record: the workers' start-up, CPU seconds of the workers and this process together)."""
    from loaders.parallel import extract_records

    batch = [str(files[i % len(files)]) for i in range(count)]
    failed, first = 0, None
    cpu = cpu_seconds() + cpu_seconds(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for x in extract_records(batch, jobs=jobs):
        if first is None:
            first = time.perf_counter() - start
        failed += x.error is not None
    wall = time.perf_counter() - start
    return len(batch), wall, failed, first or 0.0, cpu_seconds() + cpu_seconds(resource.RUSAGE_CHILDREN) - cpu


def other_checkout(code: Path, files: list[Path], seconds: float, cpus: set[int] | None) -> tuple[int, float, float]:
    """The one-core rate of ``code``'s loaders, in a child process on the same CPU as this one's measurement."""
    pre = None
    if cpus is not None:
        cpu = min(cpus)
        pre = lambda: os.sched_setaffinity(0, {cpu})  # noqa: E731
    out = subprocess.run([sys.executable, "-c", _CHILD, str(code), json.dumps([str(f) for f in files]), str(seconds)],
                         capture_output=True, text=True, check=True, preexec_fn=pre)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return got["notices"], got["seconds"], got["cpu"]


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def main(argv: list[str] | None = None) -> int:
    from loaders.parallel import default_jobs

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="duration of each measurement (default 5)")
    ap.add_argument("--files", nargs="+", type=Path, help="notice files (default: tests/fixtures/notices/*.txt)")
    ap.add_argument("--jobs", "-j", type=int, default=None, help="processes for the -j row (default: every core)")
    ap.add_argument("--code", type=Path, metavar="DIR", help="also measure DIR's loaders on one core (a baseline)")
    ap.add_argument("--profile", action="store_true", help="also print the top 15 functions (cProfile, by own time)")
    args = ap.parse_args(argv)

    files = [f.resolve() for f in (args.files or DEFAULT_FILES)]
    if not files:
        ap.error("no files")
    size = sum(f.stat().st_size for f in files)
    per_notice_kb = size / len(files) / 1e3
    jobs = args.jobs or default_jobs()
    cpu, cpus = pin_to_one_core()

    n1, s1, each, cpu1 = one_core(files, args.seconds)
    rate1 = n1 / s1
    base = other_checkout(args.code, files, args.seconds, cpus) if args.code else None
    unpin(cpus)  # (the workers of -j must not inherit the one CPU)
    nj, sj, failed, first, cpuj = parallel(files, jobs, max(jobs * 4, math.ceil(rate1 * jobs * args.seconds)))
    ratej = nj / sj

    def row(name: str, notices: int, seconds: float, cpu: float | None, goal: float | None, note: str) -> list[str]:
        rate = notices / seconds
        verdict = "" if goal is None else (f"≥ {goal:,.0f}: " + ("PASS" if rate >= goal else "FAIL"))
        return [name, f"{notices:,}", f"{seconds:.2f}", "—" if cpu is None else f"{cpu / notices * 1e3:.1f}",
                f"{rate:,.1f}", f"{notices * size / len(files) / 1e6 / seconds:.2f}", f"{rate / rate1:.2f}", verdict, note]

    p50, p95 = statistics.median(each) * 1e3, statistics.quantiles(each, n=20)[18] * 1e3 if len(each) >= 20 else max(each) * 1e3
    rows = []
    if base is not None:
        rows.append(row(f"one core, {args.code}", base[0], base[1], base[2], GOAL_ONE_CORE, "baseline checkout, same CPU"))
    rows.append(row("one core", n1, s1, cpu1, GOAL_ONE_CORE, f"{cpu}; p50 {p50:.1f} ms, p95 {p95:.1f} ms per notice"))
    rows.append(row(f"-j {jobs}", nj, sj, cpuj, GOAL_JOBS if jobs > 1 else None,
                    f"{jobs} processes, start-up included (first record after {first:.2f} s)"
                    + (f"; {failed} refused" if failed else "")))
    print(f"bench_extract: Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
          f"{len(files)} files of {per_notice_kb:.1f} kB on average, load {os.getloadavg()[0]:.1f}")
    print(table(["measure", "notices", "s", "CPU ms/notice", "notices/s", "MB/s", "× one core", "goal", "note"], rows))
    print(f"peak RSS of this process: {peak_rss_mb():.1f} MB")

    if args.profile:
        cpu, cpus = pin_to_one_core()
        prof = cProfile.Profile()
        prof.enable()
        one_core(files, max(1.0, args.seconds / 5))
        prof.disable()
        unpin(cpus)
        print("\ntop 15 functions by own time (cProfile):")
        pstats.Stats(prof, stream=sys.stdout).strip_dirs().sort_stats("tottime").print_stats(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
