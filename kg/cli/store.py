"""``kg remove`` and the store maintenance commands (doctor, backup, restore go here).

Every command here opens the store through :func:`kg.cli.common.open_store` and reports a
failure as one Vietnamese line (``Lỗi: ...``) with a nonzero exit code.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import graph_errors, open_store, store_option


@click.command()
@click.argument("notice")
@store_option
@graph_errors
def remove(notice: str, store: Path | None) -> None:
    """Remove a notice (by key, path or file stem) and the facts only it supported.

    Example:

    \b
        kg remove 000_e9c322011b9ab118
    """
    kg = open_store(store)
    try:
        n = kg.notice(notice)
        kg.remove(n["key"])
    finally:
        kg.close()
    click.echo(f"Đã xóa thông báo {n['path']}")
