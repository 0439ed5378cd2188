"""``kg remove``, ``kg restore-removed`` and the store maintenance commands (doctor, backup, restore go here).

Every command here opens the store through :func:`kg.cli.common.open_store` and reports a
failure as one Vietnamese line (``Lỗi: ...``) with a nonzero exit code.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import KgError, echo, emit, graph_errors, one_line, open_store, store_option


@click.command()
@click.argument("notice")
@click.option("--yes", "-y", is_flag=True, help="Remove without asking first.")
@store_option
@graph_errors
def remove(notice: str, yes: bool, store: Path | None) -> None:
    """Remove one notice and the facts only it supported; `kg restore-removed` brings it back.

    NOTICE names the notice exactly, never by a part of a name: its key (notice:… or its 24 hex
    digits), its number as written (Số: case, accents and blanks aside), or its path (as ingested,
    absolute, or the file's name or stem). When several notices match, they are listed and nothing
    is removed. Asks before removing unless --yes. What is removed is first saved beside the store
    (<store>.removed/).

    Example:

    \b
        kg remove 000_e9c322011b9ab118
        kg remove "97/TB-UBND" --yes
    """
    from kg.graph import Ambiguous, NotFound

    kg = open_store(store)
    try:
        hits = kg.find_notices(notice)
        if not hits:
            raise NotFound(f"không có thông báo nào có khóa, số hay đường dẫn đúng là '{notice}', không xóa gì")
        if len(hits) > 1:
            raise Ambiguous(f"'{notice}' ứng với {len(hits)} thông báo, không xóa gì", hits)
        n = hits[0]
        tasks = len({r["id"] for r in kg.q("notice_tasks", notice_key=n["key"])})
        what = f"thông báo {n['path']} (số {n['number'] or 'chưa có'}, {tasks} nhiệm vụ)"
        if not yes:
            try:
                ok = click.confirm(f"Xóa {what}?", default=False, err=True)
            except click.Abort:  # no answer (end of input, Ctrl-C)
                echo("", err=True)
                ok = False
            if not ok:
                raise KgError(f"không xóa {what}: chưa được đồng ý (thêm --yes để xóa không cần hỏi)")
        try:
            saved = kg.remove(n["key"])
        except Exception as e:  # noqa: BLE001 — saving or deleting failed: the transaction rolled back
            raise KgError(f"không xóa được {what} ({type(e).__name__}: {one_line(e)}); đồ thị không đổi") from e
    finally:
        kg.close()
    echo(f"Đã xóa {what}" + (f"; khôi phục bằng: kg restore-removed {n['key']}" if saved is not None else ""))


@click.command("restore-removed")
@click.argument("notice", required=False)
@click.option("--list", "as_list", is_flag=True, help="List the removed notices that can be brought back.")
@store_option
@graph_errors
def restore_removed(notice: str | None, as_list: bool, store: Path | None) -> None:
    """Bring back a notice `kg remove` removed (the last one removed, or NOTICE).

    NOTICE is the key `kg remove` printed (notice:… or its 24 hex digits), the notice's path, or
    the saved file's name. --list shows what can be brought back. A notice ingested again since
    (or another at its path) is not restored twice.

    Example:

    \b
        kg restore-removed --list
        kg restore-removed
        kg restore-removed notice:3532e76df9f04fae0a1b2c3d
    """
    from kg.errors import KGError
    from kg.graph import Ambiguous, NotFound

    kg = open_store(store)
    try:
        if as_list:
            rows = [r.as_row() for r in kg.removed()]
            emit(rows, [("removed_at", "Xóa lúc"), ("key", "Khóa"), ("number", "Số"), ("tasks", "Nhiệm vụ"),
                        ("path", "Tệp")], False, False)
            return
        try:
            item = kg.restore_removed(notice)
        except (NotFound, Ambiguous):
            raise
        except Exception as e:  # noqa: BLE001 — refused (held again) or failed: one line, nothing written
            raise KgError(one_line(e) if isinstance(e, KGError) else
                          f"không khôi phục được ({type(e).__name__}: {one_line(e)})") from e
    finally:
        kg.close()
    echo(f"Đã khôi phục thông báo {item.path} ({item.tasks} nhiệm vụ, xóa lúc {item.removed_at})")
