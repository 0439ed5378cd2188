"""Errors raised by the knowledge-graph layer (recipes and graph stores).

The library never prints: it raises. Messages are in English because they are meant for
the people who write recipes and ingestion code, not for the readers of the notices.
"""

from __future__ import annotations

import os


class KGError(Exception):
    """Base class of every error the knowledge-graph layer raises on purpose."""


class RecipeError(KGError):
    """A bad Cypher recipe file, or a bad use of a recipe, optionally located at path:line.

    >>> str(RecipeError("queries/x.cypher", 12, "parameter $k is not declared"))
    'queries/x.cypher:12: parameter $k is not declared'
    >>> str(RecipeError(None, None, "unknown recipe 'y'"))
    "unknown recipe 'y'"
    """

    def __init__(self, path: str | os.PathLike | None, line: int | None, message: str):
        self.path = os.fspath(path) if path is not None else None
        self.line = line
        self.message = " ".join(str(message).split())
        super().__init__(self.path, self.line, self.message)

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class StoreError(KGError):
    """A graph database refused a statement or failed; names the recipe when one was given.

    >>> str(StoreError("Binder exception: Table Nope does not exist.", recipe="trace_document"))
    'recipe trace_document: Binder exception: Table Nope does not exist.'
    """

    def __init__(self, message: str, *, recipe: str | None = None):
        self.message = " ".join(str(message).split())
        self.recipe = recipe
        super().__init__(self.message)

    def __str__(self) -> str:
        if self.recipe:
            return f"recipe {self.recipe}: {self.message}"
        return self.message


class DiskFullError(StoreError):
    """The disk that holds an embedded store has too little room left for the next write (``needed`` bytes, ``free``
    left): the write was not begun, so what the store held before it is whole. Raised before the engine runs out
    of room itself, which it cannot survive (it aborts the process and leaves a log it cannot replay until room is
    made).

    >>> str(DiskFullError("/data", free=10 << 20, needed=300 << 20))
    'not enough room on the disk of /data: 10 MB free, about 300 MB needed'
    """

    def __init__(self, folder: str | os.PathLike, *, free: int, needed: int):
        self.folder = os.fspath(folder)
        self.free = free
        self.needed = needed
        super().__init__(f"not enough room on the disk of {self.folder}: {free >> 20} MB free, about {needed >> 20} MB needed")

    @property
    def vietnamese(self) -> str:
        """The same, for the user (the CLI's line, the web app's page).

        >>> DiskFullError("/data", free=10 << 20, needed=300 << 20).vietnamese
        'đĩa chứa kho (/data) không đủ chỗ trống: còn 10 MB, cần khoảng 300 MB'
        """
        return f"đĩa chứa kho ({self.folder}) không đủ chỗ trống: còn {self.free >> 20} MB, cần khoảng {self.needed >> 20} MB"
