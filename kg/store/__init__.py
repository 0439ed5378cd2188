"""Graph stores: thin adapters that run Cypher text with separate parameters.

Each store offers the same small surface: ``run(text, params)`` returning rows as dicts
keyed by the RETURN aliases, ``execute_many(text, rows)`` for ``UNWIND $rows AS row ...``
writes, ``ensure_schema(spec)``, ``close()`` and use as a context manager. Only the
embedded Ladybug store exists for now (``kg.store.ladybug_store``); it is imported
lazily because ``ladybug`` is an optional dependency.

Crash safety lives here too: ``LadybugStore`` recovers a torn log on open (``notices`` says
so) and checkpoints every committed write transaction; ``kg.store.format`` records the store's
format version and migrates older ones; ``kg.store.maintenance`` has ``doctor`` (with
``repair``), ``backup`` and ``restore``, which ``kg doctor / backup / restore`` call.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LadybugStore"]


def __getattr__(name: str) -> Any:
    if name == "LadybugStore":
        from kg.store.ladybug_store import LadybugStore

        return LadybugStore
    raise AttributeError(f"module 'kg.store' has no attribute {name!r}")
