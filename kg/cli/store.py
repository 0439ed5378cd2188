"""``kg remove`` and the store maintenance commands (doctor, backup, restore go here).

Every command here opens the store through :func:`kg.cli.common.open_store` and reports a
failure as one Vietnamese line (``Lỗi: ...``) with a nonzero exit code.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import echo, graph_errors, open_store, store_option


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
    echo(f"Đã xóa thông báo {n['path']}")


def _default(store: Path | None) -> Path:
    from kg.graph import default_store_path

    return Path(store) if store is not None else default_store_path()


@click.command()
@click.option("--repair", is_flag=True, help="Fix what can be fixed: recover a torn log, upgrade an old format, "
                                             "set an empty store file aside, delete facts of no notice.")
@store_option
def doctor(repair: bool, store: Path | None) -> None:
    """Check the store: does it open, what it holds, and each notice against its source file.

    Without --repair nothing is changed. Source files that changed or disappeared since they were
    ingested are listed with the command to run (kg ingest / kg remove); --repair does not touch them.
    Exit code 0 when the store is sound, 1 when a problem remains.

    Example:

    \b
        kg doctor
        kg doctor --repair --store /tmp/kg.lbug
    """
    from kg.store.maintenance import doctor as check

    rep = check(_default(store), repair=repair)
    for line in rep.repaired:
        echo(f"Đã sửa: {line}", err=True)
    if rep.opened:
        fmt = f"định dạng {rep.format}" + (f", Ladybug {rep.engine}" if rep.engine else "")
        echo(f"Kho: {rep.path} ({fmt})")
        nodes = sum(n for label, n in rep.nodes.items() if label != "Meta")
        echo(f"Thông báo: {rep.notices}, nút: {nodes}, quan hệ: {sum(rep.relations.values())}")
        changed = [s for s in rep.sources if s.problem == "changed"]
        missing = [s for s in rep.sources if s.problem == "missing"]
        echo(f"Tệp nguồn: {rep.notices - len(rep.sources)} khớp, {len(changed)} đã đổi, {len(missing)} không còn")
        for s in changed:
            echo(f"Cảnh báo: {s.path}: tệp nguồn đã đổi sau khi nạp; cập nhật bằng: kg ingest \"{s.path}\"", err=True)
        for s in missing:
            echo(f"Cảnh báo: {s.path}: không còn tệp nguồn của thông báo {s.notice}; nếu đã bỏ hẳn: "
                       f"kg remove {s.notice}", err=True)
    for line in rep.problems:
        echo(f"Lỗi: {line}", err=True)
    if rep.problems:
        raise SystemExit(1)
    if not rep.opened:  # repaired an empty file away: nothing left to check
        return
    echo("Kho ổn." if not repair else "Kho ổn sau khi sửa.")


@click.command()
@click.argument("dest", type=click.Path(path_type=Path))
@store_option
def backup(dest: Path, store: Path | None) -> None:
    """Copy the store to DEST (a new file, or a folder to put graph-<UTC time>.lbug in).

    The store is checkpointed first, so the copy holds everything stored; the copy is then opened
    to prove it. Bring it back with kg restore.

    Example:

    \b
        kg backup /mnt/usb/kg-2026-06-01.lbug
        kg backup backups/
    """
    from kg.cli.common import KgError
    from kg.errors import KGError
    from kg.store.maintenance import backup as copy
    from kg.store.ladybug_store import StoreOpenError

    try:
        res = copy(_default(store), dest)
    except StoreOpenError as e:
        raise KgError(e.message) from e
    except KGError as e:
        raise KgError(str(e)) from e
    for line in res.notes:
        echo(f"Cảnh báo: {line}", err=True)
    echo(f"Đã sao lưu {res.notices} thông báo vào {res.dest} ({res.bytes / 1e6:.1f} MB)")


@click.command()
@click.argument("src", type=click.Path(path_type=Path))
@store_option
def restore(src: Path, store: Path | None) -> None:
    """Replace the store with the backup SRC (made by kg backup); the current store is kept aside.

    The backup must open as a store; the store must not be in use. The replaced store stays beside it
    as graph.lbug.before-restore-<UTC time> (with its log files).

    Example:

    \b
        kg restore /mnt/usb/kg-2026-06-01.lbug
    """
    from kg.cli.common import KgError
    from kg.errors import KGError
    from kg.store.maintenance import restore as put_back
    from kg.store.ladybug_store import StoreOpenError

    try:
        res = put_back(src, _default(store))
    except StoreOpenError as e:
        raise KgError(e.message) from e
    except KGError as e:
        raise KgError(str(e)) from e
    kept = f"; kho cũ giữ ở {res.kept}" if res.kept else ""
    echo(f"Đã khôi phục {res.notices} thông báo từ {res.backup} vào {res.store}{kept}")
