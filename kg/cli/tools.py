"""``kg store copy``, ``kg export neo4j-import|rdf|dcat``, ``kg recipes list|show`` and ``kg query``: moving a graph
between stores, Neo4j's bulk import files, and the Cypher recipes themselves, on either store.

The library does the work (:mod:`kg.transfer`, :mod:`kg.recipes`); these commands open the stores
through :func:`kg.cli.common.open_store`, show progress on stderr and say what was done in one line.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from kg.cli.common import (KgError, StoreParam, echo, emit, graph_errors, one_line, open_store, output_file,
                           output_options, parse_day, store_option)


@click.group(name="store")
def store_group() -> None:
    """Whole-store operations between the embedded store and a Neo4j server."""


@store_group.command(name="copy")
@click.argument("src", type=StoreParam())
@click.argument("dst", type=StoreParam())
@click.option("--batch", default=1000, show_default=True, type=click.IntRange(1, 100000),
              help="Nodes or relationships written per transaction.")
def store_copy(src, dst, batch: int) -> None:
    """Copy the whole graph of SRC into the empty store DST (embedded ↔ Neo4j), batched, with progress and counts.

    SRC and DST are store files or Neo4j URIs (neo4j://, neo4j+s://, bolt://, bolt+s://; NEO4J_USER,
    NEO4J_PASSWORD). DST must hold no notice. The node and relationship counts of both are compared at the end.

    Example:

    \b
        kg store copy ~/.local/share/chidao-kg/graph.lbug neo4j://localhost:7687
        kg store copy neo4j://localhost:7687 /tmp/copy.lbug
    """
    from kg.errors import DiskFullError, KGError
    from kg.transfer import check_empty, copy_graph, total_items

    if str(src) == str(dst):
        raise KgError(f"{src}: nguồn và đích là một kho")
    a = open_store(src, write=False)
    try:
        b = open_store(dst)
        try:
            try:
                check_empty(b)
            except KGError as e:
                raise KgError(one_line(e, 1000)) from e
            total = total_items(a)
            with click.progressbar(length=total, label="Đang chép", file=sys.stderr, show_pos=True) as bar:
                try:
                    res = copy_graph(a, b, batch=batch, progress=bar.update)
                except DiskFullError as e:  # the pages copied before stay: the copy is to be made again
                    raise KgError(f"{e.vietnamese}; {b.store.path} chưa chép xong: hãy xóa nó, giải phóng chỗ trống "
                                  "rồi chép lại") from e
                except KGError as e:
                    raise KgError(one_line(e, 1000)) from e
        finally:
            b.close()
    finally:
        a.close()
    notices = res.counts.get("Notice", 0)
    echo(f"Đã chép {res.nodes} nút và {res.relationships} quan hệ ({notices} thông báo) từ {a.store.path} sang "
         f"{b.store.path} trong {res.seconds:.1f} giây; số lượng hai kho khớp nhau")


@click.group(name="export")
def export_group() -> None:
    """Export the graph for other tools."""


@export_group.command(name="neo4j-import")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--database", default="neo4j", show_default=True, help="Database name in the printed command.")
@store_option
def export_neo4j_import(out: Path, database: str, store) -> None:
    """Write node and relationship CSV files for `neo4j-admin database import full` into OUT/, and print the command.

    For the first load of a large graph into an empty Neo4j database (stop the database, run the command on
    the server, start it); later loads go through the driver (kg ingest --store neo4j://…). The first kg
    command on the imported database creates its constraints and indexes.

    Example:

    \b
        kg export neo4j-import out/
    """
    from kg.errors import KGError
    from kg.transfer import export_neo4j_import as export, total_items

    kg = open_store(store, write=False)
    try:
        with click.progressbar(length=total_items(kg), label="Đang xuất", file=sys.stderr, show_pos=True) as bar:
            try:
                res = export(kg, out, progress=bar.update)
            except (KGError, OSError) as e:
                raise KgError(f"{out}: không xuất được ({one_line(e, 300)})") from e
    finally:
        kg.close()
    nodes = sum(n for label, (_, n) in res.nodes.items() if label != "Meta")
    rels = sum(n for _, n, _ in res.relationships.values())
    echo(f"Đã ghi {nodes} nút và {rels} quan hệ vào {len(res.nodes) + len(res.relationships)} tệp CSV trong "
         f"{res.out} ({res.bytes / 1e6:.1f} MB, {res.seconds:.1f} giây). Nạp vào một cơ sở dữ liệu Neo4j trống "
         "(đã dừng) bằng lệnh:", err=True)
    echo(res.command(database))


def _day_option(value):
    return None if value is None else parse_day(value)


@export_group.command(name="rdf")
@click.option("-o", "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (written whole, put in place at the end).")
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "trig"]), default=None,
              help="Turtle (default, or from the file's suffix), N-Triples, JSON-LD or TriG. Turtle and N-Triples "
                   "are written as the store is read (constant memory); JSON-LD and TriG are built in memory.")
@click.option("--base", default=None, help="Namespace of the individuals' IRIs (default https://w3id.org/chidao-kg/id/).")
@click.option("--notice", default=None, help="Only this notice (its key, number, doc id or path, as `kg show notice`).")
@click.option("--province", default=None, help="Only the notices of this province ('Lạng Sơn').")
@click.option("--since", default=None, help="Only notices dated on or after this day (YYYY-MM-DD or DD/MM/YYYY).")
@click.option("--until", default=None, help="Only notices dated on or before this day.")
@store_option
@graph_errors
def export_rdf(out: Path, fmt, base, notice, province, since, until, store) -> None:
    """Write the graph (or a selection) as RDF in the chidao-kg ontology, aligned with ELI, ORG, PROV-O, schema.org.

    IRIs are minted from public identities (document identity, task ids), so they stay the same across
    exports. See docs/rdf.md.

    Example:

    \b
        kg export rdf -o lang-son.ttl --base https://data.langson.gov.vn/chidao/
        kg export rdf --format nt -o ca-nuoc.nt
        kg export rdf -o q2.ttl --province "Lạng Sơn" --since 2026-04-01 --until 2026-06-30
    """
    from kg import rdf
    from kg.errors import KGError

    fmt = fmt or {".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld", ".trig": "trig"}.get(out.suffix.lower(), "ttl")
    try:
        base = rdf.check_base(base or rdf.DEFAULT_BASE)
    except KGError as e:
        raise KgError(str(e)) from e
    sel = rdf.Selection(notice=notice, province=province, since=_day_option(since), until=_day_option(until))
    kg = open_store(store, write=False)
    try:
        try:
            with output_file(out) as f:
                res = rdf.write(rdf.triples(kg, base, sel), f, fmt, base)
        except KGError as e:
            raise KgError(one_line(e, 1000)) from e
        except OSError as e:
            raise KgError(f"{out}: không ghi được ({e.strerror or e})") from e
    finally:
        kg.close()
    count = f"{res.triples:,}".replace(",", ".")
    echo(f"Đã ghi {count} bộ ba ({fmt}, {res.bytes / 1e6:.1f} MB) vào {out} trong {res.seconds:.1f} giây", err=True)


@export_group.command(name="dcat")
@click.option("-o", "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The Turtle file to write.")
@click.option("--publisher", default=None, help="Who publishes the data ('UBND tỉnh Lạng Sơn').")
@click.option("--license", "licence", default=None, help="An IRI or CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ODC-BY-1.0, ODbL-1.0.")
@click.option("--title", default=None, help="The dataset's title (Vietnamese).")
@click.option("--base", default=None, help="Namespace of the data's IRIs (as given to kg export rdf).")
@click.option("--download-base", default=None, help="Where the distribution files will be published (an URL ending in /).")
@click.option("--distribution", "distributions", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="An exported file to describe (size, media type, SHA-256). Repeatable.")
@click.option("--config", "config", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Config file with a [dcat] table of defaults (default $KG_CONFIG or ~/.config/chidao-kg/config.toml).")
@store_option
@graph_errors
def export_dcat(out: Path, publisher, licence, title, base, download_base, distributions, config, store) -> None:
    """Write a DCAT-AP description of the dataset: publisher, licence, period covered, distributions.

    Defaults for every option come from the [dcat] table of the config file (docs/rdf.md).

    Example:

    \b
        kg export dcat -o dataset.ttl --publisher "UBND tỉnh Lạng Sơn" --license CC-BY-4.0 --distribution lang-son.ttl
    """
    from kg import dcat
    from kg.errors import KGError

    try:
        settings = dcat.load_config(config)
        given = {"publisher": publisher, "license": licence, "title": title, "base": base,
                 "download_base": download_base}
        settings.update({k: v for k, v in given.items() if v})
        kg = open_store(store, write=False)
        try:
            g = dcat.describe(settings, list(distributions), kg)
        finally:
            kg.close()
        with output_file(out) as f:
            f.write(g.serialize(format="turtle"))
    except KGError as e:
        raise KgError(one_line(e, 1000)) from e
    except OSError as e:
        raise KgError(f"{out}: không ghi được ({e.strerror or e})") from e
    echo(f"Đã ghi mô tả DCAT ({len(g)} bộ ba, {len(distributions)} tệp phân phối) vào {out}", err=True)


@click.group(name="recipes")
def recipes_group() -> None:
    """The Cypher recipes (queries/*.cypher): the same text runs on the embedded store and on Neo4j."""


@recipes_group.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
def recipes_list(as_json: bool) -> None:
    """List the recipes with their parameters and what they answer.

    Example:

    \b
        kg recipes list
    """
    from kg.recipes import Registry

    rows = [{"name": r.name, "params": ", ".join(f"{p.name} {p.type}" + ("" if p.required else "?")
                                                  for p in r.params.values()), "description": r.description}
            for r in Registry.load()]
    emit(rows, [("name", "Tên"), ("params", "Tham số"), ("description", "Trả lời")], as_json, False,
         max_widths={1: 40, 2: 70})


def _literal(value, type_: str) -> str:
    """A Cypher literal for a :param line (Neo4j Browser)."""
    if value is None:
        return {"STRING": "''", "INT": "0", "FLOAT": "0.0", "BOOL": "false", "LIST": "[]",
                "DATE": f"date('{dt.date.today().isoformat()}')"}[type_]
    if type_ == "DATE":
        return f"date('{value.isoformat() if hasattr(value, 'isoformat') else value}')"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v, "STRING" if isinstance(v, str) else "INT") for v in value) + "]"
    return str(value)


@recipes_group.command(name="show")
@click.argument("name")
def recipes_show(name: str) -> None:
    """Print recipe NAME as Cypher with `:param` lines, ready to paste into Neo4j Browser.

    Parameters with a default get it; required ones get an empty value of their type to fill in.

    Example:

    \b
        kg recipes show trace_document
    """
    from kg.errors import RecipeError
    from kg.recipes import Registry

    try:
        r = Registry.load().get(name)
    except RecipeError as e:
        raise KgError(str(e)) from e
    lines = [f"// {r.name}: {r.description}"]
    for p in r.params.values():
        need = "bắt buộc" if p.required else "tùy chọn"
        lines.append(f"// {p.name} {p.type} ({need}){': ' + p.description if p.description else ''}")
    for p in r.params.values():
        lines.append(f":param {p.name} => {_literal(p.default, p.type)};")
    lines += ["", r.text.rstrip().rstrip(";") + ";"]
    echo("\n".join(lines))


def _value(raw: str, type_: str, name: str):
    from kg.recipes import parse_value

    try:
        return parse_value(raw, type_)
    except ValueError:
        raise KgError(f"tham số {name}: '{raw}' không phải giá trị kiểu {type_}") from None


@click.command()
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="K=V",
              help="A parameter: K=V (LIST as JSON, or one value for a one-item list; DATE as YYYY-MM-DD). Repeatable.")
@store_option
@output_options
@graph_errors
def query(name: str, params: tuple[str, ...], store, as_json: bool, as_csv: bool) -> None:
    """Run recipe NAME on the store (embedded or Neo4j) and print its rows.

    Example:

    \b
        kg query find_orgs --param 'name_keys=["so y te"]'
        kg query trace_document --param doc_keys=doc:02/2026/nq-hdnd@lang-son --json
    """
    from kg.errors import RecipeError, StoreError
    from kg.recipes import Registry

    reg = Registry.load()
    try:
        recipe = reg.get(name)
    except RecipeError as e:
        raise KgError(str(e)) from e
    values = {}
    for item in params:
        k, sep, v = item.partition("=")
        k = k.strip()
        if not sep or not k:
            raise KgError(f"--param '{item}': cần dạng tên=giá trị")
        if k not in recipe.params:
            raise KgError(f"{name}: không có tham số {k} (có: {', '.join(recipe.params) or 'không'})")
        values[k] = _value(v, recipe.params[k].type, k)
    kg = open_store(store, write=False)
    try:
        try:
            rows = kg.q(name, **values)
        except (RecipeError, StoreError) as e:
            raise KgError(one_line(e, 1000)) from e
    finally:
        kg.close()
    columns = [(k, k) for k in (rows[0] if rows else {})]
    emit(rows, columns, as_json, as_csv)


# the subcommands live in their groups only: kg.cli registers every command left at the top of this module
del store_copy, export_neo4j_import, export_rdf, export_dcat, recipes_list, recipes_show
