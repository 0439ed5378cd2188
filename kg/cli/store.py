"""``kg remove`` and the store maintenance commands: doctor, backup, restore (a backup, or ``--removed``: a removed notice).

Every command here opens the store through :func:`kg.cli.common.open_store` and reports a
failure as one Vietnamese line (``Lỗi: ...``) with a nonzero exit code.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import KgError, echo, emit, error_line, graph_errors, one_line, open_store, store_option
from kg.errors import DiskFullError


@click.command()
@click.argument("notice")
@click.option("--yes", "-y", is_flag=True, help="Remove without asking first.")
@store_option
@graph_errors
def remove(notice: str, yes: bool, store: Path | None) -> None:
    """Remove one notice and the facts only it supported; `kg restore --removed` brings it back.

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
        except DiskFullError as e:
            raise KgError(f"không xóa được {what}: {error_line(e)}") from e
        except Exception as e:  # noqa: BLE001 — saving or deleting failed: the transaction rolled back
            raise KgError(f"không xóa được {what} ({type(e).__name__}: {one_line(e)}); đồ thị không đổi") from e
    finally:
        kg.close()
    echo(f"Đã xóa {what}" + (f"; khôi phục bằng: kg restore --removed {n['key']}" if saved is not None else ""))


def _default(store: Path | str | None) -> Path:
    """The embedded store file doctor, backup and restore work on; a Neo4j server is the server's business."""
    from kg.graph import store_target

    target = store_target(store)
    if isinstance(target, str):
        from kg.store.neo4j_store import display_uri

        raise KgError(f"{display_uri(target)}: lệnh này chỉ dùng cho kho nhúng (tệp); với máy chủ Neo4j hãy dùng công cụ "
                      "của Neo4j (neo4j-admin database check / dump / load), hoặc kg store copy để chép kho")
    return target


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
        raise KgError(error_line(e)) from e
    for line in res.notes:
        echo(f"Cảnh báo: {line}", err=True)
    echo(f"Đã sao lưu {res.notices} thông báo vào {res.dest} ({res.bytes / 1e6:.1f} MB)")


@click.command()
@click.argument("src", required=False)
@click.option("--removed", is_flag=True, help="Bring back a notice kg remove removed: the last one, or SRC (its key, "
                                              "as kg remove printed it, its path, or the saved file's name).")
@click.option("--list", "as_list", is_flag=True, help="With --removed: list the removed notices that can be brought back.")
@store_option
@graph_errors
def restore(src: str | None, removed: bool, as_list: bool, store: Path | None) -> None:
    """Replace the store with the backup SRC (made by kg backup); the current store is kept aside.
    With --removed: bring back a notice kg remove removed, into the store as it is.

    The backup must open as a store; the store must not be in use. The replaced store stays beside it
    as graph.lbug.before-restore-<UTC time> (with its log files). A removed notice is written back as
    it was saved (<store>.removed/); one ingested again since, or another copy of it, is not restored twice.

    Example:

    \b
        kg restore /mnt/usb/kg-2026-06-01.lbug
        kg restore --removed --list
        kg restore --removed
        kg restore --removed notice:3532e76df9f04fae0a1b2c3d
    """
    if removed or as_list:
        if as_list and not removed:
            raise KgError("--list đi cùng --removed: kg restore --removed --list")
        _restore_removed(src, as_list, store)
        return
    if not src:
        raise KgError("thiếu tệp sao lưu SRC (kg restore SRC), hoặc --removed để khôi phục thông báo đã xóa")
    src = Path(src)
    from kg.errors import KGError
    from kg.store.maintenance import restore as put_back
    from kg.store.ladybug_store import StoreOpenError

    try:
        res = put_back(src, _default(store))
    except StoreOpenError as e:
        raise KgError(e.message) from e
    except KGError as e:
        raise KgError(error_line(e)) from e
    kept = f"; kho cũ giữ ở {res.kept}" if res.kept else ""
    echo(f"Đã khôi phục {res.notices} thông báo từ {res.backup} vào {res.store}{kept}")


def _restore_removed(notice: str | None, as_list: bool, store: Path | None) -> None:
    """kg restore --removed [KEY] [--list]: see KnowledgeGraph.restore_removed."""
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
            raise KgError(error_line(e) if isinstance(e, KGError) else
                          f"không khôi phục được ({type(e).__name__}: {one_line(e)})") from e
    finally:
        kg.close()
    echo(f"Đã khôi phục thông báo {item.path} ({item.tasks} nhiệm vụ, xóa lúc {item.removed_at})")
