#!/usr/bin/env python3
"""Fuzz report: what each hostile input file costs the reader and the extractor.

usage: python benchmarks/bench_fuzz.py [--dir DIR] [--only NAME ...] [--timeout S] [--memory-cap MB] [--code DIR]

Builds the hostile files of ``benchmarks/hostile.py`` (zip-bomb .docx, billion laughs, XML depth bomb,
20,000 zip parts, a 2,000-page PDF, a content-stream bomb, 3,200 names in one sentence, 8 million
characters, invalid bytes, invisible characters, …) in a temporary folder (or ``--dir``), then runs each
through ``read_source`` + ``extract_source`` in its own subprocess (default limits) and measures the wall
time and the peak memory of that process. The table gives the outcome (a record, or the typed error with
its limit), the expected outcome, time and peak memory with their ratio to the baseline (the sample notice
measured in the same run), and the goal: within 10 s and 500 MB each. Exit code 0 either way (a
measurement, not a test).

Peak memory is the child's maximum resident set (``resource.getrusage`` of the child on POSIX); where the
``resource`` module is missing (Windows) the child reports ``tracemalloc``'s peak of Python allocations
(marked ``*``), which leaves out the interpreter and C libraries.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import hostile  # noqa: E402
from kg.tables import table  # noqa: E402

GOAL_SECONDS = 10.0
GOAL_MB = 500.0

# the child: read and extract one file, print one JSON line (outcome, seconds, peak memory)
CHILD = r"""
import json, sys, time
try:
    import resource
except ImportError:
    resource = None
    import tracemalloc
    tracemalloc.start()
sys.path.insert(0, sys.argv[2])
from loaders.errors import InputError
try:
    from loaders.errors import LimitError
except ImportError:  # an older checkout (--code)
    class LimitError(Exception):
        pass
from loaders.extract import extract_source
from loaders.read import read_source
start = time.perf_counter()
try:
    rec = extract_source(read_source(sys.argv[1]))
    outcome = {"kind": "record", "tasks": len(rec["tasks"]), "warnings": rec["source"].get("warnings", [])}
except LimitError as e:
    outcome = {"kind": "limit", "limit": e.limit, "message": str(e)}
except InputError as e:
    outcome = {"kind": "error", "message": str(e)}
seconds = time.perf_counter() - start
if resource is not None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    exact = True
else:
    mb = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    exact = False
print(json.dumps({"outcome": outcome, "seconds": seconds, "mb": mb, "exact": exact}, ensure_ascii=False))
"""


def _capped(mb: int):
    """A function that caps the child's address space at ``mb`` MB (POSIX; None elsewhere): a bomb the reader does
    not stop must end in a MemoryError, not take the machine down."""
    try:
        import resource
    except ImportError:
        return None
    if not hasattr(resource, "RLIMIT_AS") or mb <= 0:
        return None

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mb * 1024 * 1024, mb * 1024 * 1024))

    return cap


def measure(path: Path, timeout: float, memory_cap: int = 0, root: Path = ROOT) -> dict:
    start = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, "-c", CHILD, str(path), str(root)], capture_output=True, text=True,
                           encoding="utf-8", timeout=timeout, preexec_fn=_capped(memory_cap))
    except subprocess.TimeoutExpired:
        return {"outcome": {"kind": "timeout"}, "seconds": timeout, "mb": None, "exact": True, "wall": timeout}
    wall = time.perf_counter() - start
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        last = (p.stderr.strip().splitlines() or ["?"])[-1]
        return {"outcome": {"kind": "crash", "message": f"exit {p.returncode}: {last}"}, "seconds": wall, "mb": None,
                "exact": True, "wall": wall}
    out = json.loads(lines[-1])
    out["wall"] = wall
    return out


def describe(outcome: dict) -> str:
    kind = outcome["kind"]
    if kind == "record":
        w = f", {len(outcome['warnings'])} cảnh báo" if outcome["warnings"] else ""
        return f"record ({outcome['tasks']} tasks{w})"
    if kind == "limit":
        return f"LimitError {outcome['limit']}"
    if kind == "error":
        return "InputError: " + outcome["message"].split(": ", 1)[-1][:60]
    return kind.upper() + (": " + outcome.get("message", "")[:60] if outcome.get("message") else "")


def as_expected(expected: str, outcome: dict) -> bool:
    kind = outcome["kind"]
    if expected == "record":
        return kind == "record"
    if expected == "error":
        return kind in ("error", "limit")
    if expected == "not a notice":
        return kind in ("error", "limit", "record")
    return kind == "limit" and outcome.get("limit") == expected


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, help="build the files here (kept) instead of a temporary folder")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only the cases whose name contains one of these")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is stopped (default 120)")
    ap.add_argument("--memory-cap", type=int, default=3000, metavar="MB",
                    help="address space of each child, POSIX only (default 3000; 0: none): a bomb not stopped by the "
                         "reader ends in MemoryError")
    ap.add_argument("--code", type=Path, default=ROOT, metavar="DIR",
                    help="the checkout whose loaders are measured (default: this one), e.g. an older one for a before/after")
    args = ap.parse_args(argv)

    names = [n for n in hostile.CASES if not args.only or any(o in n for o in args.only)]
    base_name = next(iter(hostile.CASES))
    if base_name not in names:
        names.insert(0, base_name)
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-") as tmp:
        folder = args.dir or Path(tmp)
        t = time.perf_counter()
        paths = hostile.build(folder, names)
        built = time.perf_counter() - t
        results = {n: measure(paths[n], args.timeout, args.memory_cap, args.code) for n in names}
        sizes = {n: paths[n].stat().st_size for n in names}
    base = results[base_name]
    rows = []
    for n in names:
        r = results[n]
        expected = hostile.CASES[n][2]
        ok = as_expected(expected, r["outcome"])
        within = r["mb"] is not None and r["seconds"] <= GOAL_SECONDS and r["mb"] <= GOAL_MB and r["outcome"]["kind"] not in ("timeout", "crash")
        mb = None if r["mb"] is None else f"{r['mb']:.0f}{'' if r['exact'] else '*'}"
        rows.append([n, f"{sizes[n] / 1024:,.0f} kB", describe(r["outcome"]), expected, "yes" if ok else "NO",
                     f"{r['seconds']:.2f}", f"{r['seconds'] / max(base['seconds'], 1e-6):.1f}×", mb,
                     None if r["mb"] is None else f"{r['mb'] / base['mb']:.1f}×", "PASS" if within and ok else "FAIL"])
    print(f"Fuzz report — {platform.python_implementation()} {platform.python_version()}, {platform.system()}, "
          f"files built in {built:.0f} s; code: {args.code}; each case in its own process, default limits, "
          f"address space capped at {args.memory_cap} MB; "
          f"goal: ≤ {GOAL_SECONDS:.0f} s and ≤ {GOAL_MB:.0f} MB peak, with the expected outcome")
    print(table(["case", "file", "outcome", "expected", "ok", "s", "vs base", "peak MB", "vs base", "goal"], rows))
    print("(s: read + extract inside the child; peak MB: the child's peak resident memory, Python and imports "
          "included; * = tracemalloc peak, Windows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
