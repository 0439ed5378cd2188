"""Benchmarks: measurements, not tests (see benchmarks/README.md).

``python -m benchmarks run --sizes 1000,10000 --json out.json`` is the one command that measures the
issue-11 goals (:mod:`benchmarks.run`); the ``bench_*.py`` scripts measure one thing each and run as scripts.
"""
