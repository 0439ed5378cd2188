"""``kg validate`` and ``kg sparql``: an exported RDF file checked against the shapes, and asked in SPARQL.

The library does the work (:mod:`kg.validate`, :mod:`kg.sparql`); neither command needs the store.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import KgError, echo, emit, one_line, output_options


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "trig"]), default=None,
              help="The file's format (default: from its suffix).")
def validate(file: Path, fmt) -> None:
    """Check an RDF file against the chidao-kg SHACL shapes: one Vietnamese line per problem; exit 1 if it does not conform.

    Example:

    \b
        kg validate lang-son.ttl
    """
    from kg.errors import KGError
    from kg.rdf import FORMATS
    from kg.validate import validate as run

    try:
        report = run(file, FORMATS.get(fmt) if fmt else None)
    except KGError as e:
        raise KgError(one_line(e, 1000)) from e
    for line in report.lines():
        echo(line)
    bad = sum(1 for r in report.results if r["severity"] == "Violation")
    warn = len(report.results) - bad
    if report.conforms:
        echo(f"{file}: hợp lệ theo các ràng buộc SHACL" + (f" ({warn} cảnh báo)" if warn else ""), err=True)
        return
    raise KgError(f"{file}: không hợp lệ: {bad} vi phạm" + (f", {warn} cảnh báo" if warn else ""))


@click.command()
@click.argument("name", required=False)
@click.option("-q", "--query", "text", default=None, help="A SPARQL SELECT or ASK query instead of a recipe.")
@click.option("--param", "params", multiple=True, metavar="K=V", help="A recipe parameter (DATE as YYYY-MM-DD). Repeatable.")
@click.option("--data", "data", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The RDF file to ask (Turtle, N-Triples, JSON-LD, TriG; from kg export rdf).")
@click.option("--engine", type=click.Choice(["auto", "rdflib", "oxigraph"]), default="auto", show_default=True,
              help="rdflib, or pyoxigraph (compiled; an optional extra); auto: pyoxigraph for large files when installed.")
@output_options
def sparql(name, text, params, data: Path, engine: str, as_json: bool, as_csv: bool) -> None:
    """Run SPARQL recipe NAME (queries/sparql/*.rq) or a query (-q) over an exported RDF file and print its rows.

    Example:

    \b
        kg sparql trace_document --param doc=02/2026/NQ-HĐND --data lang-son.ttl
        kg sparql workload --param "org_name=Sở Y tế" --param as_of=2026-06-01 --param soon=2026-06-08 --data lang-son.ttl
        kg sparql -q 'SELECT ?t WHERE { ?t a cdo:Task } LIMIT 5' --data lang-son.ttl --csv
    """
    from kg import sparql as sq
    from kg.errors import KGError, RecipeError

    if bool(name) == bool(text):
        raise KgError("cần đúng một trong hai: tên công thức hoặc -q '<truy vấn>'", exit_code=2)
    try:
        values = {}
        if text is None:
            recipe = sq.get(name)
        elif params:
            raise KgError("--param chỉ dùng với một công thức", exit_code=2)
        for item in params:
            k, sep, v = item.partition("=")
            if not sep or not k.strip():
                raise KgError(f"--param '{item}': cần dạng tên=giá trị", exit_code=2)
            values[k.strip()] = _value(v, recipe.params.get(k.strip()))
        d = sq.Data(data, engine)
        if text is None:
            cols, rows = d.query(recipe.text, sq.bind(recipe, values))
        else:
            cols, rows = d.query(text)
    except (KGError, RecipeError) as e:
        raise KgError(one_line(e, 1000)) from e
    emit(rows, [(c, c) for c in cols], as_json, as_csv)


def _value(raw: str, p):
    """A --param value by kg.recipes.parse_value, the parser of ``kg query`` and of recipe defaults."""
    from kg.recipes import parse_value

    if p is None or p.type == "STRING" or p.type == "DATE":
        return raw  # unknown names are refused by bind; dates are checked there
    try:
        return parse_value(raw, p.type)
    except ValueError:
        raise KgError(f"tham số {p.name}: '{raw}' không phải giá trị kiểu {p.type}", exit_code=2) from None
