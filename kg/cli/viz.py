"""``kg viz trace|workload|notice|overview … -o FILE``: interactive graph views as one offline HTML file.

The views are built by :mod:`kg.viz` from the same recipes the other commands use; each file is
self-contained (vis-network inlined from the pyvis package, no network request) and can be e-mailed.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import agency_scope_options, KgError, date_option, echo, graph_errors, open_store, store_option

LANG = click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
                    help="Language of the labels and legend.")
AS_OF = click.option("--as-of", "as_of", default=None,
                     help="Task status as of this day (01/06/2026, 1/6/2026 or 2026-06-01; default today).")
OUT = click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
                   help="The HTML file to write.")


def _write(view, output: Path) -> None:
    from kg import viz

    try:
        viz.write(view, output)
    except OSError as e:
        raise KgError(f"{output}: không ghi được tệp ({e.strerror or e})") from e
    echo(f"Đã ghi {output}: {len(view.nodes)} nút, {len(view.edges)} cạnh", err=True)
    for note in view.notes:
        echo(note, err=True)


@click.group()
def viz() -> None:
    """Interactive graph views as one self-contained HTML file (opens offline, can be e-mailed).

    Example:

    \b
        kg viz trace "Nghị quyết 02/2026" -o trace.html
        kg viz workload "Sở Y tế" --as-of 01/06/2026 -o soyte.html
        kg viz notice 97/TB-UBND -o notice.html
        kg viz overview -o toan-tinh.html
    """


@viz.command("trace")
@click.argument("document")
@click.option("--depth", default=3, show_default=True, type=click.IntRange(0, 3), help="Implementing documents to follow.")
@AS_OF
@LANG
@OUT
@store_option
@graph_errors
def viz_trace(document: str, depth: int, as_of: str | None, lang: str, output: Path, store) -> None:
    """The tasks that depend on a document, their notices and doers.

    Example:

    \b
        kg viz trace "Nghị quyết 02/2026" -o trace.html
    """
    from kg import viz as v

    day = date_option(as_of)  # a wrong day is a usage error before any store is opened
    kg = open_store(store, write=False)
    try:
        view = v.trace_view(kg, document, as_of=day, lang=lang, max_depth=depth)
    finally:
        kg.close()
    _write(view, output)


@viz.command("workload")
@click.argument("agency")
@agency_scope_options
@AS_OF
@LANG
@OUT
@store_option
@graph_errors
def viz_workload(agency: str, scope: str | None, with_predecessors: bool, as_of: str | None, lang: str, output: Path,
                 store) -> None:
    """An agency at the centre, its tasks grouped by notice, with counts and the next deadlines.

    Example:

    \b
        kg viz workload "Sở Y tế" --as-of 01/06/2026 -o soyte.html
    """
    from kg import viz as v

    day = date_option(as_of)  # a wrong day is a usage error before any store is opened
    kg = open_store(store, write=False)
    try:
        view = v.workload_view(kg, agency, as_of=day, lang=lang, scope=scope,
                               with_predecessors=with_predecessors)
    finally:
        kg.close()
    _write(view, output)


@viz.command("notice")
@click.argument("notice")
@AS_OF
@LANG
@OUT
@store_option
@graph_errors
def viz_notice(notice: str, as_of: str | None, lang: str, output: Path, store) -> None:
    """One notice: leader, attendees, communes, documents cited, tasks and their doers.

    Example:

    \b
        kg viz notice 97/TB-UBND -o notice.html
    """
    from kg import viz as v

    day = date_option(as_of)  # a wrong day is a usage error before any store is opened
    kg = open_store(store, write=False)
    try:
        view = v.notice_view(kg, notice, as_of=day, lang=lang)
    finally:
        kg.close()
    _write(view, output)


@viz.command("overview")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["notice", "document", "task", "agency", "committee", "group", "person", "unit"]),
              help="Node kinds to show (repeat; default all).")
@click.option("--agency", default=None, help="Only the notices that concern this agency.")
@click.option("--scope", default=None, help="Province or commune of --agency.")
@click.option("--commune", default=None, help="Only the notices that concern this commune or ward.")
@click.option("--leader", default=None, help="Only the notices of meetings this leader chaired or attended.")
@click.option("--from", "date_from", default=None, help="Only notices dated from this day.")
@click.option("--to", "date_to", default=None, help="Only notices dated up to this day.")
@click.option("--budget", default=1500, show_default=True, type=click.IntRange(10, 100000),
              help="Most nodes drawn; above it tasks are folded into their notices, then the least connected dropped.")
@AS_OF
@LANG
@OUT
@store_option
@graph_errors
def viz_overview(kinds, agency, scope, commune, leader, date_from, date_to, budget, as_of, lang, output, store) -> None:
    """The whole graph, or the part the filters keep, within a node budget.

    Example:

    \b
        kg viz overview -o toan-tinh.html
        kg viz overview --commune "Quan Sơn" --from 01/01/2026 -o quan-son.html
    """
    from kg import viz as v

    day, since, until = date_option(as_of), date_option(date_from), date_option(date_to)  # before opening a store
    kg = open_store(store, write=False)
    try:
        view = v.overview_view(kg, as_of=day, lang=lang, budget=budget, kinds=kinds or None,
                               agency=agency, commune=commune, leader=leader, date_from=since,
                               date_to=until, scope=scope)
    finally:
        kg.close()
    _write(view, output)
