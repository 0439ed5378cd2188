"""Pattern data (JSON with examples) used by the extraction rules.

>>> "so_fields" in load("agencies")
True
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Load ``loaders/patterns/<name>.json`` (shipped as package data)."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def phrase(key: str) -> re.Pattern[str]:
    """The compiled regular expression of a phrase in ``tasks.json`` (``phrases.<key>.pattern``).

    >>> bool(phrase("support_mark").match(" (phối hợp) thực hiện"))
    True
    """
    return re.compile(load("tasks")["phrases"][key]["pattern"])
