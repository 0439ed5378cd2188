"""``kg sparql``: SPARQL recipes (``queries/sparql/*.rq``) and any query, over an exported RDF file.

A recipe has the header of the Cypher recipes (``queries/README.md``) in ``#`` comments::

    # name: trace_document
    # description: Mọi nhiệm vụ dựa trên một văn bản …
    # param: doc       STRING  the document's number as written ('02/2026/NQ-HĐND')
    # param: max_depth INT     (optional, default 3) …

and uses each parameter as a variable (``?doc``), which is bound when the query runs (rdflib's
``initBindings``, pyoxigraph's ``substitutions``): values never enter the query text. An optional
parameter without a value stays unbound (``!BOUND(?before)``).

Two engines answer: rdflib (pure Python; the default for files up to :data:`OXIGRAPH_FROM` bytes) and
pyoxigraph (compiled, an optional extra, ``pip install 'chidao-kg[rdf]'``), chosen by size unless asked;
``benchmarks/bench_rdf.py`` measures where the switch pays.

>>> r = parse_recipe("# name: n\\n# description: d\\n# param: x STRING the x\\nSELECT ?y WHERE { ?y ?p ?x }")
>>> r.name, list(r.params), r.text
('n', ['x'], 'SELECT ?y WHERE { ?y ?p ?x }')
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import KGError, RecipeError
from .recipes import Param, _coerce, read_header

OXIGRAPH_FROM = 1_000_000  # bytes of RDF from which pyoxigraph answers (when installed): 6× faster at 3 MB (bench_rdf.py)
TYPES = ("STRING", "INT", "FLOAT", "BOOL", "DATE")
PREFIXES = """PREFIX cdo: <https://w3id.org/chidao-kg/ontology#>
PREFIX cdc: <https://w3id.org/chidao-kg/concept/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@dataclass(frozen=True)
class SparqlRecipe:
    name: str
    description: str
    params: dict[str, Param]
    text: str
    path: str
    line: int = 1
    name_line: int = 1


def _strip_strings(text: str) -> str:
    """``text`` without its string literals, IRIs and comments (so a ``?x`` inside them is not a use)."""
    text = re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', '""', text)
    text = re.sub(r"<[^<>\s]*>", "<>", text)
    return re.sub(r"#[^\n]*", "", text)


def parse_recipe(text: str, path: str = "<string>") -> SparqlRecipe:
    """Parse one ``.rq`` recipe; a wrong header, an undeclared or unused parameter is a RecipeError."""
    lines = text.splitlines()
    name, description, params, name_line, body = read_header(lines, path, "#")
    for p in params.values():
        if p.type not in TYPES:
            raise RecipeError(path, p.line, f"parameter {p.name}: a SPARQL recipe takes {', '.join(TYPES)}")
    query = "\n".join(lines[body:]).strip()
    used = set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", _strip_strings(query)))
    for p in params.values():
        if p.name not in used:
            raise RecipeError(path, p.line, f"parameter {p.name} is declared but not used")
    return SparqlRecipe(name, description, params, query, path, body + 1, name_line)


def directory():
    return resources.files("queries").joinpath("sparql")


def load(directory_: str | os.PathLike | None = None) -> dict[str, SparqlRecipe]:
    """Every ``*.rq`` recipe (default: the bundled ``queries/sparql/``), by name."""
    root = Path(directory_) if directory_ is not None else directory()
    out: dict[str, SparqlRecipe] = {}
    for e in sorted((e for e in root.iterdir() if e.name.endswith(".rq")), key=lambda e: e.name):
        r = parse_recipe(e.read_text(encoding="utf-8"), f"queries/sparql/{e.name}")
        if r.name in out:
            raise RecipeError(r.path, r.name_line, f"recipe name {r.name} is already defined at {out[r.name].path}")
        out[r.name] = r
    return out


def get(name: str, recipes: dict[str, SparqlRecipe] | None = None) -> SparqlRecipe:
    recipes = recipes if recipes is not None else load()
    if name not in recipes:
        raise KGError(f"không có công thức SPARQL '{name}' (có: {', '.join(sorted(recipes))})")
    return recipes[name]


def bind(recipe: SparqlRecipe, values: dict[str, Any]) -> dict[str, Any]:
    """Checked Python values of the parameters given (unknown, missing or mistyped ones are RecipeErrors);
    optional parameters without a value are left out (unbound), or take their default."""
    unknown = sorted(set(values) - set(recipe.params))
    if unknown:
        raise RecipeError(recipe.path, recipe.name_line, f"{recipe.name}: unknown parameter(s) {', '.join(unknown)} "
                          f"(declared: {', '.join(recipe.params) or 'none'})")
    out = {}
    for p in recipe.params.values():
        v = values.get(p.name, p.default)
        if v is None:
            if p.required:
                raise RecipeError(recipe.path, p.line, f"{recipe.name}: missing required parameter {p.name} ({p.type})")
            continue
        out[p.name] = _coerce(recipe, p, v)  # type: ignore[arg-type]
    return out


# ------------------------------------------------------------------------------------------------
# engines


def _rdflib_term(v: Any):
    from rdflib import XSD, Literal

    if isinstance(v, dt.date):
        return Literal(v.isoformat(), datatype=XSD.date)
    return Literal(v)


def literal(v: Any) -> str:
    """A value as a SPARQL literal, escaped the N-Triples way (nothing in it can end the string).

    >>> print(literal('say "hi" } #'), literal(3), literal(dt.date(2026, 6, 1)))
    "say \\"hi\\" } #" "3"^^<http://www.w3.org/2001/XMLSchema#integer> "2026-06-01"^^<http://www.w3.org/2001/XMLSchema#date>
    """
    from .rdf import _esc

    xsd = "http://www.w3.org/2001/XMLSchema#"
    if isinstance(v, bool):
        return f'"{"true" if v else "false"}"^^<{xsd}boolean>'
    if isinstance(v, int):
        return f'"{v}"^^<{xsd}integer>'
    if isinstance(v, float):
        return f'"{v!r}"^^<{xsd}double>'
    if isinstance(v, dt.date):
        return f'"{v.isoformat()}"^^<{xsd}date>'
    return f'"{_esc(str(v))}"'


def with_values(text: str, values: dict[str, Any]) -> str:
    """``text`` with its parameters bound by a ``VALUES`` block at the start of its (first) ``WHERE`` group, each
    value a :func:`literal` (pyoxigraph binds only projected variables; rdflib uses initBindings instead)."""
    if not values:
        return text
    m = re.search(r"\bWHERE\s*\{", text, re.I)
    if not m:
        raise KGError("truy vấn có tham số cần một khối WHERE { … }")
    names = " ".join(f"?{k}" for k in values)
    row = " ".join(literal(v) for v in values.values())
    return f"{text[:m.end()]} VALUES ({names}) {{ ({row}) }}{text[m.end():]}"


def _python(lexical: str, datatype: str | None) -> Any:
    """A result value as the store's rows give it: xsd:integer -> int, xsd:date -> date, boolean -> bool."""
    if datatype is None:
        return lexical
    local = datatype.rsplit("#", 1)[-1]
    try:
        if local in ("integer", "int", "long"):
            return int(lexical)
        if local == "date":
            return dt.date.fromisoformat(lexical)
        if local == "boolean":
            return lexical == "true"
        if local in ("double", "decimal", "float"):
            return float(lexical)
    except ValueError:
        pass
    return lexical


_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads"}


class Data:
    """An RDF file loaded into an engine: ``rdflib`` or ``oxigraph`` (``auto``: by size, see :data:`OXIGRAPH_FROM`)."""

    def __init__(self, path: str | os.PathLike, engine: str = "auto"):
        self.path = Path(path)
        if not self.path.is_file():
            raise KGError(f"{self.path}: không có tệp dữ liệu này")
        fmt = _FORMATS.get(self.path.suffix.lower(), "turtle")
        if engine == "auto":
            engine = "oxigraph" if self.path.stat().st_size >= OXIGRAPH_FROM and _has_oxigraph() else "rdflib"
        if engine == "oxigraph" and not _has_oxigraph():
            raise KGError("máy chưa có pyoxigraph: cài bằng pip install 'chidao-kg[rdf]', hoặc dùng --engine rdflib")
        self.engine = engine
        try:
            if engine == "oxigraph":
                import pyoxigraph as ox

                fmts = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD,
                        "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
                self.store = ox.Store()
                self.store.bulk_load(path=str(self.path), format=fmts[fmt])
            else:
                import logging

                from rdflib import Dataset, Graph

                logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
                if fmt in ("trig", "nquads"):
                    ds = Dataset(default_union=True)
                    ds.parse(source=str(self.path), format=fmt)
                    self.graph = ds
                else:
                    self.graph = Graph().parse(source=str(self.path), format=fmt)
        except KGError:
            raise
        except Exception as e:
            raise KGError(f"{self.path}: không đọc được RDF ({type(e).__name__}: {' '.join(str(e).split())[:200]})") from e

    def query(self, text: str, values: dict[str, Any] | None = None) -> tuple[list[str], list[dict]]:
        """``(columns, rows)`` of a SELECT (an ASK gives one row ``{"ask": bool}``); values bound, never pasted."""
        values = values or {}
        try:
            if self.engine == "oxigraph":
                import pyoxigraph as ox

                res = self.store.query(PREFIXES + with_values(text, values))
                if isinstance(res, bool):
                    return ["ask"], [{"ask": res}]
                if not hasattr(res, "variables"):
                    raise KGError("kg sparql chỉ chạy truy vấn SELECT hoặc ASK")
                cols = [v.value for v in res.variables]
                rows = []
                for sol in res:
                    row = {}
                    for c in cols:
                        t = sol[c]
                        if t is None:
                            row[c] = None
                        elif isinstance(t, ox.Literal):
                            row[c] = _python(t.value, None if t.language else t.datatype.value)
                        else:
                            row[c] = t.value
                    rows.append(row)
                return cols, rows
            from rdflib import Literal

            res = self.graph.query(PREFIXES + text, initBindings={k: _rdflib_term(v) for k, v in values.items()})
            if res.type == "ASK":
                return ["ask"], [{"ask": bool(res.askAnswer)}]
            if res.type != "SELECT":
                raise KGError("kg sparql chỉ chạy truy vấn SELECT hoặc ASK")
            cols = [str(v) for v in res.vars]
            rows = []
            for b in res:
                row = {}
                for c, t in zip(cols, b):
                    if t is None:
                        row[c] = None
                    elif isinstance(t, Literal):
                        row[c] = _python(str(t), None if t.language else (str(t.datatype) if t.datatype else None))
                    else:
                        row[c] = str(t)
                rows.append(row)
            return cols, rows
        except KGError:
            raise
        except Exception as e:
            raise KGError(f"truy vấn SPARQL lỗi ({type(e).__name__}: {' '.join(str(e).split())[:300]})") from e

    def recipe(self, name: str, **values: Any) -> tuple[list[str], list[dict]]:
        r = get(name)
        return self.query(r.text, bind(r, values))


def _has_oxigraph() -> bool:
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return False
    return True
