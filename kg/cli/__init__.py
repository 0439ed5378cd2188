"""The ``kg`` command line: the click group :func:`main` and the commands it carries.

Commands live in modules by area and are registered here: every :class:`click.Command`
defined at the top level of :mod:`kg.cli.extract` (extract, demo), :mod:`kg.cli.graph`
(ingest, trace, workload, deadlines, show, stats), :mod:`kg.cli.store` (remove and store
maintenance), :mod:`kg.cli.tools` (store copy, export neo4j-import|rdf|dcat, recipes, query), :mod:`kg.cli.viz` (viz),
:mod:`kg.cli.serve` (serve), :mod:`kg.cli.rdf` (validate, sparql) and :mod:`kg.cli.follow` (done, reopen, fix, review,
status, import-status, journal) becomes ``kg <name>``; adding a command means defining it with
``@click.command()`` in one of those modules. Shared options, error reporting and the
extraction loop are in :mod:`kg.cli.common`; command modules never import each other.
"""

from __future__ import annotations

import click

from kg import __version__
from kg.cli.common import CONTEXT, KgGroup


@click.group(cls=KgGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="kg", message="%(prog)s %(version)s")
def main() -> None:
    """Knowledge graph of directives and responsibilities from Vietnamese government notices.

    Extract notices ("Thông báo kết luận", công văn) into JSON records, build the graph and ask it:
    which tasks depend on a document, what an agency must do and by when. Output meant for people
    (tables, progress, errors) is in Vietnamese.

    Example:

    \b
        kg demo
        kg extract examples/notices/000_e9c322011b9ab118.txt
        kg ingest examples/notices/
        kg trace "Nghị quyết 02/2026"
        kg workload "Sở Nội vụ" --as-of 2026-06-01
    """


def _register(group: click.Group, module) -> None:
    objs = [o for o in vars(module).values() if isinstance(o, click.Command)
            and getattr(o.callback, "__module__", None) == module.__name__]
    inner = {id(c) for g in objs if isinstance(g, click.Group) for c in g.commands.values()}  # a group's own commands
    for obj in objs:
        if id(obj) not in inner:
            group.add_command(obj)


from kg.cli import extract as _extract_commands  # noqa: E402
from kg.cli import graph as _graph_commands  # noqa: E402
from kg.cli import store as _store_commands  # noqa: E402
from kg.cli import tools as _tool_commands  # noqa: E402
from kg.cli import viz as _viz_commands  # noqa: E402
from kg.cli import serve as _serve_commands  # noqa: E402
from kg.cli import follow as _follow_commands  # noqa: E402
from kg.cli import rdf as _rdf_commands  # noqa: E402

for _module in (_extract_commands, _graph_commands, _store_commands, _tool_commands, _viz_commands, _serve_commands,
                _follow_commands, _rdf_commands):
    _register(main, _module)
