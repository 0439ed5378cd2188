"""``kg serve``: the local, read-only web app (:mod:`kg.web`) on the store."""

from __future__ import annotations

import click

from kg.cli.common import KgError, echo, say_migration, store_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback serves the office network and requires a token.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--writable", is_flag=True,
              help="Task, agency and notice pages get forms to mark done, reopen, fix and accept (journal entries).")
@store_option
def serve(host: str, port: int, writable: bool, store) -> None:
    """A local web app over the graph: notices, agencies, documents, leaders, deadlines, search.

    Read-only unless --writable; the store is opened per request, so kg ingest works while it runs. With
    --writable every write carries the browser session's token (no other site can write) and the name the
    user gives once per session, and goes through the same journal as kg done / kg fix.

    Example:

    \b
        kg serve                      # http://127.0.0.1:8765
        kg serve --port 9000 --store /data/graph.lbug
        kg serve --host 0.0.0.0       # the office network: prints a token link once
        kg serve --writable           # mark done, reopen, fix and accept from the pages
    """
    from kg import web
    from kg.graph import store_target

    target = store_target(store)
    try:
        note = web.ensure_current_format(target, announce=say_migration)
    except Exception as e:  # noqa: BLE001
        raise KgError(f"{target}: không mở được kho đồ thị ({type(e).__name__}: {e})") from e
    if note:
        echo(f"Cảnh báo: {note}", err=True)
    token = None
    shown = host
    if host not in ("127.0.0.1", "localhost", "::1"):
        token = web.new_token()
        echo("!" * 78, err=True)
        echo(f"CẢNH BÁO: kg serve đang mở cho cả mạng ({host}:{port}), không chỉ máy này.", err=True)
        echo("Ai có đường dẫn dưới đây (kèm mã truy cập) đều đọc được toàn bộ đồ thị. Mã chỉ in một lần.", err=True)
        echo("!" * 78, err=True)
        shown = "<địa-chỉ-máy-này>" if host in ("0.0.0.0", "::") else host
        echo(f"http://{shown}:{port}/?token={token}")
    else:
        echo(f"http://{host}:{port}/")
    echo("Ctrl-C để dừng.", err=True)
    if writable:
        echo("Cho phép ghi: đánh dấu hoàn thành, mở lại, sửa và xác nhận từ trang web (ghi vào nhật ký).", err=True)
    web.serve(target, host=host, port=port, token=token, writable=writable)
