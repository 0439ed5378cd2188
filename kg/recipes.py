"""Named Cypher recipes: one query per ``.cypher`` file, with a small comment header.

A recipe file looks like this (see ``queries/README.md`` for the full format)::

    // name: trace_document
    // description: Mọi nhiệm vụ phụ thuộc vào một văn bản, trực tiếp hoặc qua văn bản thực hiện nó
    // param: doc_key   STRING  normalized number of the document
    // param: max_depth INT     (optional, default 3)
    MATCH ... WHERE d.key = $doc_key ...
    RETURN ...

Loading checks the header (ASCII snake_case name, unique across files; a description;
parameters typed STRING, INT, FLOAT, BOOL, DATE or LIST) and that the ``$params`` the
query uses are exactly the declared ones (``$`` inside string literals, backquoted names
and comments does not count). Every problem is a :class:`~kg.errors.RecipeError` located
at ``file:line``.

:meth:`Registry.bind` turns keyword arguments into the parameter dict of one recipe.
Cypher text is never built from values: the text of a recipe is used as it is and the
values always travel separately, as parameters.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from kg.errors import RecipeError

__all__ = [
    "PARAM_TYPES",
    "Param",
    "Recipe",
    "Registry",
    "bind_recipe",
    "default_directory",
    "load_recipe",
    "parse_recipe",
    "parse_value",
    "split_statements",
    "used_params",
]

PARAM_TYPES = ("STRING", "INT", "FLOAT", "BOOL", "DATE", "LIST")

_NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")
_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_HEADER_RE = re.compile(r"\s*//\s*(name|description|param)\s*:(.*)\Z")
_PARAM_LINE_RE = re.compile(r"\$?(?P<name>\S+)(?:\s+(?P<type>\S+))?(?P<rest>.*)\Z")
# "(optional)", "(optional, default 3)", "(default 3)" anywhere after the type
_OPTIONAL_RE = re.compile(
    r"\(\s*(?:optional\s*(?:,\s*default\s*[:=]?\s*(?P<d1>[^)]*?))?"
    r"|default\s*[:=]?\s*(?P<d2>[^)]*?))\s*\)",
    re.IGNORECASE,
)
_USE_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*|\d+)")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_INT64 = (-(2**63), 2**63 - 1)


@dataclass(frozen=True)
class Param:
    """One declared parameter of a recipe."""

    name: str
    type: str  # one of PARAM_TYPES
    description: str = ""
    required: bool = True
    default: Any = None
    line: int | None = None  # line of its "// param:" header


@dataclass(frozen=True, eq=False)
class Recipe:
    """A named Cypher query with its declared parameters.

    ``text`` is the query body as in the file (header lines removed, a trailing ``;``
    dropped); it starts at line ``line`` of ``path``, so line N of ``text`` is line
    ``line + N - 1`` of the file. ``name_line`` is the line of the ``// name:`` header.
    """

    name: str
    description: str
    params: dict[str, Param]
    text: str
    path: str
    line: int
    name_line: int = 1


# ---------------------------------------------------------------------------------------
# lexing: blank out comments, string literals and backquoted names


def code_only(text: str) -> str:
    r"""Cypher ``text`` with comments, string contents and backquoted names blanked, at the same offsets.

    >>> code_only("MATCH (n) // note\nRETURN 'a;b'")
    "MATCH (n)        \nRETURN '   '"
    """
    return _skeleton(text, None, 1)


def _skeleton(text: str, path: str | None, first_line: int) -> str:
    """``text`` with comments, string contents and backquoted names blanked (newlines kept).

    What is left is only code, at the same offsets, so ``$`` and ``;`` found in it are real.
    """
    out: list[str] = []
    i, n = 0, len(text)

    def blank(s: str) -> str:
        return re.sub(r"[^\n]", " ", s)

    def line_at(pos: int) -> int:
        return first_line + text.count("\n", 0, pos)

    while i < n:
        m = _CODE_END.search(text, i)  # code up to the next comment or quoted part is kept as it is
        if m is None:
            out.append(text[i:])
            break
        if m.start() > i:
            out.append(text[i:m.start()])
            i = m.start()
        ch = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(blank(text[i:j]))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise RecipeError(path, line_at(i), "unterminated /* comment")
            out.append(blank(text[i : j + 2]))
            i = j + 2
        else:  # a quote: _CODE_END stops at a comment or a quote only
            j = i + 1
            while j < n:
                c = text[j]
                if c == "\\" and ch != "`":
                    j += 2
                    continue
                if c == ch:
                    if ch == "`" and text.startswith("``", j):  # `` inside a backquoted name
                        j += 2
                        continue
                    break
                j += 1
            else:
                what = "backquoted name" if ch == "`" else "string literal"
                raise RecipeError(path, line_at(i), f"unterminated {what}")
            out.append(ch + blank(text[i + 1 : j]) + ch)
            i = j + 1
    return "".join(out)


_CODE_END = re.compile(r"//|/\*|['\"`]")


def split_statements(text: str) -> list[str]:
    """Split Cypher text on top-level ``;`` (not inside strings or comments); drop empty parts.

    >>> split_statements("RETURN ';' AS a; // x;\\nRETURN 2 AS b;")
    ["RETURN ';' AS a", '// x;\\nRETURN 2 AS b']
    """
    skel = _skeleton(text, None, 1)
    parts, start = [], 0
    for m in re.finditer(";", skel):
        parts.append((text[start : m.start()], skel[start : m.start()]))
        start = m.end()
    parts.append((text[start:], skel[start:]))
    return [t.strip() for t, s in parts if s.strip()]


def _uses(skel: str, first_line: int) -> dict[str, int]:
    used: dict[str, int] = {}
    for m in _USE_RE.finditer(skel):
        used.setdefault(m.group(1), first_line + skel.count("\n", 0, m.start()))
    return used


def used_params(text: str) -> dict[str, int]:
    """The ``$parameters`` Cypher text uses (not inside strings or comments): name -> line of first use.

    >>> used_params("MATCH (n {k: $key}) // $not_this\\nRETURN '$nor_this', $limit")
    {'key': 1, 'limit': 2}
    """
    return _uses(_skeleton(text, None, 1), 1)


# ---------------------------------------------------------------------------------------
# parsing one file


def parse_value(raw: str, type_: str) -> Any:
    """One parameter value from text, for a recipe's default and for ``kg query --param``.

    ``null`` is None; a STRING may be quoted; a LIST is JSON, or one bare value for a
    one-item list; a DATE is ISO. Anything else raises ValueError.

    >>> parse_value("3", "INT"), parse_value("'Sở Y tế'", "STRING"), parse_value("x", "LIST")
    (3, 'Sở Y tế', ['x'])
    >>> parse_value('["a", "b"]', "LIST"), parse_value("2026-06-30", "DATE")
    (['a', 'b'], datetime.date(2026, 6, 30))
    >>> parse_value("3.5", "INT")
    Traceback (most recent call last):
    ValueError: '3.5' is not a valid INT
    """
    s = raw.strip()
    if s.lower() == "null":
        return None
    bad = ValueError(f"{s!r} is not a valid {type_}")
    if type_ == "STRING":
        if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
            return s[1:-1]
        return s
    if type_ == "INT":
        if not re.fullmatch(r"[+-]?\d+", s):
            raise bad
        return int(s)
    if type_ == "FLOAT":
        if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", s):
            raise bad
        return float(s)
    if type_ == "BOOL":
        if s.lower() not in ("true", "false"):
            raise bad
        return s.lower() == "true"
    if type_ == "DATE":
        if not _ISO_DATE_RE.match(s):
            raise bad
        try:
            return _dt.date.fromisoformat(s)
        except ValueError:
            raise bad from None
    if not s.startswith("["):  # LIST: one bare value
        return [s]
    try:
        value = json.loads(s)
    except ValueError:
        raise bad from None
    if not isinstance(value, list):
        raise bad
    return value


def _parse_param(spec: str, path: str, line: int) -> Param:
    m = _PARAM_LINE_RE.match(spec.strip())
    if not m or not spec.strip():
        raise RecipeError(path, line, "param header needs a name and a type: '// param: NAME TYPE description'")
    name, type_, rest = m.group("name"), m.group("type"), m.group("rest")
    if not _IDENT_RE.match(name):
        raise RecipeError(path, line, f"parameter name {name!r} is not an identifier")
    if type_ is None:
        raise RecipeError(path, line, f"parameter {name} has no type (one of {', '.join(PARAM_TYPES)})")
    if type_.upper() not in PARAM_TYPES:
        raise RecipeError(path, line, f"parameter {name}: unknown type {type_!r} (one of {', '.join(PARAM_TYPES)})")
    type_ = type_.upper()
    required, default = True, None
    opt = _OPTIONAL_RE.search(rest)
    if opt:
        required = False
        raw = opt.group("d1") if opt.group("d1") is not None else opt.group("d2")
        if raw is not None and raw.strip():
            try:
                default = parse_value(raw, type_)
            except ValueError:
                raise RecipeError(path, line, f"default {raw.strip()!r} is not a valid {type_}") from None
        rest = rest[: opt.start()] + rest[opt.end() :]
    description = " ".join(rest.split())
    return Param(name, type_, description, required, default, line)


def read_header(lines: list[str], path: str, marker: str = "//") -> tuple[str, str, dict[str, Param], int, int]:
    """The header of a recipe's ``lines`` (comment lines starting with ``marker``: ``//`` in Cypher, ``#`` in
    SPARQL): ``(name, description, params, line of the name, index of the first line of the query)``."""
    header = re.compile(rf"\s*{re.escape(marker)}\s*(name|description|param)\s*:(.*)\Z")
    name = description = None
    name_line = None
    params: dict[str, Param] = {}
    body_index = len(lines)
    for idx, raw in enumerate(lines):
        stripped = raw.strip()
        lineno = idx + 1
        if not stripped:
            continue
        if not stripped.startswith(marker):
            body_index = idx
            break
        m = header.match(stripped)
        if not m:
            continue  # a free comment in the header
        key, value = m.group(1), m.group(2).strip()
        if key == "name":
            if name is not None:
                raise RecipeError(path, lineno, f"second '{marker} name:' header (first at line {name_line})")
            if not _NAME_RE.match(value):
                raise RecipeError(path, lineno, f"recipe name {value!r} is not ASCII snake_case")
            name, name_line = value, lineno
        elif key == "description":
            if description is not None:
                raise RecipeError(path, lineno, f"second '{marker} description:' header")
            if not value:
                raise RecipeError(path, lineno, "empty description")
            description = " ".join(value.split())
        else:
            p = _parse_param(value, path, lineno)
            if p.name in params:
                raise RecipeError(path, lineno, f"parameter {p.name} declared twice (first at line {params[p.name].line})")
            params[p.name] = p
    if name is None:
        raise RecipeError(path, 1, f"missing '{marker} name:' header")
    if description is None:
        raise RecipeError(path, name_line, f"recipe {name} has no '{marker} description:' header")
    return name, description, params, name_line, body_index


def parse_recipe(text: str, path: str | os.PathLike = "<string>") -> Recipe:
    """Parse the text of one recipe file; ``path`` is only used in messages and ``Recipe.path``."""
    path = os.fspath(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    name, description, params, name_line, body_index = read_header(lines, path)

    first_line = body_index + 1
    body = "".join(lines[body_index:])
    skel = _skeleton(body, path, first_line)
    if not skel.strip():
        raise RecipeError(path, first_line if body_index < len(lines) else len(lines), f"recipe {name} has no query")

    # header lines that strayed into the query would be silently ignored: refuse them
    for off, (raw, code) in enumerate(zip(body.split("\n"), skel.split("\n"))):
        if not code.strip() and _HEADER_RE.match(raw.rstrip("\r")):
            raise RecipeError(path, first_line + off, "header line after the query began; move it to the top")

    semis = [m.start() for m in re.finditer(";", skel)]
    if semis:
        last = semis[-1]
        if len(semis) > 1 or skel[last + 1 :].strip():
            line = first_line + skel.count("\n", 0, semis[0])
            raise RecipeError(path, line, "one query per file: ';' followed by another statement")
        body = body[:last] + body[last + 1 :]
        skel = skel[:last] + " " + skel[last + 1 :]

    used = _uses(skel, first_line)
    for pname, line in used.items():  # in order of first use
        if pname not in params:
            raise RecipeError(path, line, f"parameter ${pname} is used but not declared")
    for p in params.values():
        if p.name not in used:
            raise RecipeError(path, p.line, f"parameter {p.name} is declared but not used")

    # drop leading blank lines (kept in the count) and trailing space
    stripped_body = body.lstrip("\r\n")
    first_line += body[: len(body) - len(stripped_body)].count("\n")
    return Recipe(name, description, params, stripped_body.rstrip(), path, first_line, name_line)


def load_recipe(path: str | os.PathLike) -> Recipe:
    """Read and parse one ``.cypher`` file (UTF-8)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RecipeError(os.fspath(path), None, "not UTF-8 text") from None
    except OSError as e:
        raise RecipeError(os.fspath(path), None, f"cannot read: {e.strerror or e}") from None
    return parse_recipe(text, os.fspath(path))


# ---------------------------------------------------------------------------------------
# binding values


def _coerce(recipe: Recipe, p: Param, value: Any) -> Any:
    where = (recipe.path, p.line)
    if value is None:
        if p.required:
            raise RecipeError(*where, f"{recipe.name}: parameter {p.name} ({p.type}) is required, got None")
        return None
    t = p.type
    ok = True
    if t == "STRING":
        ok = isinstance(value, str)
    elif t == "INT":
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and not _INT64[0] <= value <= _INT64[1]:
            raise RecipeError(*where, f"{recipe.name}: parameter {p.name} is out of the 64-bit INT range")
    elif t == "FLOAT":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif t == "BOOL":
        ok = isinstance(value, bool)
    elif t == "DATE":
        if isinstance(value, str) and _ISO_DATE_RE.match(value):
            try:
                value = _dt.date.fromisoformat(value)
            except ValueError:
                ok = False
        else:
            ok = isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)
    elif t == "LIST":
        ok = isinstance(value, (list, tuple))
        value = list(value) if ok else value
    if not ok:
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        hint = " (a datetime.date or 'YYYY-MM-DD')" if t == "DATE" else ""
        raise RecipeError(*where, f"{recipe.name}: parameter {p.name} expects {t}{hint}, got {type(value).__name__} {shown}")
    return value


def bind_recipe(recipe: Recipe, values: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """``(text, params)`` for ``recipe`` called with ``values``; see :meth:`Registry.bind`."""
    unknown = [k for k in values if k not in recipe.params]
    if unknown:
        declared = ", ".join(recipe.params) or "none"
        raise RecipeError(recipe.path, recipe.name_line,
                          f"{recipe.name}: unknown parameter(s) {', '.join(sorted(unknown))} (declared: {declared})")
    params: dict[str, Any] = {}
    for p in recipe.params.values():
        if p.name in values:
            params[p.name] = _coerce(recipe, p, values[p.name])
        elif p.required:
            raise RecipeError(recipe.path, p.line, f"{recipe.name}: missing required parameter {p.name} ({p.type})")
        else:
            default = p.default
            params[p.name] = list(default) if isinstance(default, list) else default
    return recipe.text, params


# ---------------------------------------------------------------------------------------
# the registry


def default_directory():
    """The bundled ``queries/`` directory (an importlib.resources Traversable)."""
    try:
        return resources.files("queries")
    except ModuleNotFoundError:
        raise RecipeError(None, None, "the bundled 'queries' package is not installed") from None


@dataclass
class Registry:
    """Recipes by name. ``Registry.load()`` reads the bundled ``queries/`` directory."""

    recipes: dict[str, Recipe] = field(default_factory=dict)

    @classmethod
    def from_recipes(cls, recipes: Iterable[Recipe]) -> "Registry":
        reg = cls()
        for r in recipes:
            reg.add(r)
        return reg

    @classmethod
    def load(cls, directory: str | os.PathLike | Any | None = None) -> "Registry":
        """Every ``*.cypher`` file directly in ``directory`` (default: the bundled ``queries/``)."""
        if directory is None:
            root, label = default_directory(), "queries"
        elif isinstance(directory, (str, os.PathLike)):
            root = Path(directory)
            label = os.fspath(directory)
            if not root.is_dir():
                raise RecipeError(label, None, "not a directory")
        else:  # a Traversable
            root, label = directory, getattr(directory, "name", str(directory))
        reg = cls()
        entries = sorted((e for e in root.iterdir() if e.name.endswith(".cypher") and e.is_file()),
                         key=lambda e: e.name)
        for entry in entries:
            shown = os.path.join(label, entry.name)
            try:
                text = entry.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise RecipeError(shown, None, "not UTF-8 text") from None
            reg.add(parse_recipe(text, shown))
        return reg

    def add(self, recipe: Recipe) -> None:
        """Register ``recipe``; a name already taken is a RecipeError at the new ``// name:`` line."""
        other = self.recipes.get(recipe.name)
        if other is not None:
            raise RecipeError(recipe.path, recipe.name_line,
                              f"recipe name {recipe.name} is already defined at {other.path}:{other.name_line}")
        self.recipes[recipe.name] = recipe

    def names(self) -> list[str]:
        return sorted(self.recipes)

    def get(self, name: str) -> Recipe:
        """The recipe called ``name``; an unknown name is a RecipeError listing the known ones."""
        try:
            return self.recipes[name]
        except KeyError:
            known = ", ".join(self.names()) or "none"
            raise RecipeError(None, None, f"unknown recipe {name!r}; available: {known}") from None

    def bind(self, name: str, /, **values: Any) -> tuple[str, dict[str, Any]]:
        """``(text, params)`` ready for a store's ``run``.

        Unknown or missing required parameters, and values of the wrong type, are
        RecipeErrors. Optional parameters that are not given get their default (None
        when the header gives none): every declared parameter is in ``params``, since
        Neo4j refuses a query whose parameter is missing. DATE values may be
        ``datetime.date`` or ``'YYYY-MM-DD'`` and are passed as ``datetime.date``; FLOAT
        accepts ints; LIST accepts tuples.
        """
        return bind_recipe(self.get(name), values)

    def __contains__(self, name: object) -> bool:
        return name in self.recipes

    def __iter__(self) -> Iterator[Recipe]:
        return iter(self.recipes[n] for n in self.names())

    def __len__(self) -> int:
        return len(self.recipes)
