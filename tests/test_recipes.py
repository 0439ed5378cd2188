"""kg.recipes: parsing recipe files, checking their $params, the registry and bind()."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.errors import KGError, RecipeError
from kg.recipes import Registry, default_directory, parse_recipe, split_statements, used_params

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
// name: trace_document
// description: Mọi nhiệm vụ phụ thuộc vào một văn bản, trực tiếp hoặc qua văn bản thực hiện nó
// param: doc_key  STRING  normalized number of the document
// param: max_depth INT   (optional, default 3)
// a free comment in the header
MATCH p = (x:Doc)-[:IMPLEMENTS*1..3]->(d:Doc)   // not a $param: in a comment
WHERE d.key = $doc_key AND length(p) <= $max_depth
  AND x.note <> 'costs $5' /* nor $this */ AND x.`weird$name` IS NOT NULL
RETURN x.key AS key, "$also_not" AS s;
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_good_file_parses(tmp_path):
    write(tmp_path, "trace.cypher", GOOD)
    write(tmp_path, "README.md", "not a recipe")
    reg = Registry.load(tmp_path)
    assert reg.names() == ["trace_document"]
    r = reg.get("trace_document")
    assert r.description.startswith("Mọi nhiệm vụ phụ thuộc")
    assert [(p.name, p.type, p.required, p.default, p.line) for p in r.params.values()] == [
        ("doc_key", "STRING", True, None, 3),
        ("max_depth", "INT", False, 3, 4),
    ]
    assert r.params["doc_key"].description == "normalized number of the document"
    assert r.path == str(tmp_path / "trace.cypher")
    assert r.name_line == 1
    assert r.line == 6 and r.text.startswith("MATCH p = ")
    assert r.text.rstrip().endswith('AS s')  # the trailing ';' is dropped
    assert "// name:" not in r.text


# (file text, expected line, words the message must contain)
BAD = [
    ("undeclared",
     "// name: a\n// description: d\n// param: k STRING\nMATCH (n {k: $k})\nWHERE n.x = $other\nRETURN n.x AS x\n",
     5, ["$other", "not declared"]),
    ("undeclared first use is reported",
     "// name: a\n// description: d\nMATCH (n)\nWHERE n.x = $late OR n.y = $early\nAND n.z = $late\nRETURN 1 AS x\n",
     4, ["$late"]),
    ("unused",
     "// name: a\n// description: d\n// param: k STRING\n// param: unused INT (optional)\nMATCH (n {k: $k}) RETURN n.k AS k\n",
     4, ["unused", "not used"]),
    ("used only in a string is unused",
     "// name: a\n// description: d\n// param: k STRING\nRETURN '$k' AS k\n",
     3, ["k", "not used"]),
    ("no name", "// description: d\nRETURN 1 AS x\n", 1, ["name"]),
    ("bad name", "// name: TraceDoc\n// description: d\nRETURN 1 AS x\n", 1, ["snake_case"]),
    ("non-ASCII name", "// name: tìm_văn_bản\n// description: d\nRETURN 1 AS x\n", 1, ["snake_case"]),
    ("no description", "// name: a\nRETURN 1 AS x\n", 1, ["description"]),
    ("bad type", "// name: a\n// description: d\n// param: k TEXT\nRETURN $k AS k\n", 3, ["TEXT"]),
    ("no type", "// name: a\n// description: d\n// param: k\nRETURN $k AS k\n", 3, ["type"]),
    ("bad default", "// name: a\n// description: d\n// param: k INT (optional, default three)\nRETURN $k AS k\n",
     3, ["three", "INT"]),
    ("duplicate param", "// name: a\n// description: d\n// param: k INT\n// param: k STRING\nRETURN $k AS k\n",
     4, ["twice"]),
    ("no query", "// name: a\n// description: d\n// just comments\n", 3, ["no query"]),
    ("two statements", "// name: a\n// description: d\nRETURN 1 AS x;\nRETURN 2 AS y\n", 3, ["one query per file"]),
    ("unterminated string", "// name: a\n// description: d\nRETURN 1 AS x,\n 'oops AS y\n", 4, ["unterminated"]),
    ("header after the query", "// name: a\n// description: d\nRETURN $k AS x\n// param: k STRING\n",
     4, ["header line"]),
]


@pytest.mark.parametrize("text,line,words", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_files(tmp_path, text, line, words):
    path = write(tmp_path, "bad.cypher", text)
    with pytest.raises(RecipeError) as info:
        Registry.load(tmp_path)
    err = info.value
    assert err.path == str(path) and err.line == line
    assert str(err).startswith(f"{path}:{line}: ")
    for w in words:
        assert w in str(err)


def test_duplicate_name_across_files(tmp_path):
    write(tmp_path, "a.cypher", "// name: same\n// description: one\nRETURN 1 AS x\n")
    write(tmp_path, "b.cypher", "\n// description: two\n// name: same\nRETURN 2 AS x\n")
    with pytest.raises(RecipeError) as info:
        Registry.load(tmp_path)
    assert info.value.path == str(tmp_path / "b.cypher") and info.value.line == 3
    assert f"already defined at {tmp_path / 'a.cypher'}:1" in str(info.value)


def test_default_forms():
    r = parse_recipe(
        "// name: d\n// description: defaults\n"
        "// param: s STRING (optional, default 'a b')\n"
        "// param: f FLOAT  (default 0.5) ratio\n"
        "// param: b BOOL   (optional, default true)\n"
        "// param: day DATE (optional, default 2026-06-10)\n"
        "// param: xs LIST  (optional, default [\"x\", 1])\n"
        "// param: n INT    (optional)\n"
        "RETURN $s, $f, $b, $day, $xs, $n\n")
    got = {p.name: (p.required, p.default) for p in r.params.values()}
    assert got == {"s": (False, "a b"), "f": (False, 0.5), "b": (False, True),
                   "day": (False, dt.date(2026, 6, 10)), "xs": (False, ["x", 1]), "n": (False, None)}
    assert r.params["f"].description == "ratio"


@pytest.fixture
def registry(tmp_path) -> Registry:
    write(tmp_path, "trace.cypher", GOOD)
    write(tmp_path, "typed.cypher",
          "// name: typed\n// description: one of each type\n"
          "// param: s STRING\n// param: i INT (optional)\n// param: f FLOAT (optional)\n"
          "// param: b BOOL (optional)\n// param: d DATE (optional)\n// param: xs LIST (optional)\n"
          "RETURN $s, $i, $f, $b, $d, $xs\n")
    return Registry.load(tmp_path)


def test_bind_applies_defaults_and_passes_values_apart(registry):
    text, params = registry.bind("trace_document", doc_key="12/2025/NĐ-CP")
    assert params == {"doc_key": "12/2025/NĐ-CP", "max_depth": 3}
    assert "12/2025" not in text and "$doc_key" in text
    assert registry.bind("trace_document", doc_key="x", max_depth=1)[1]["max_depth"] == 1
    # optional without default: present, as None (Neo4j refuses a missing parameter)
    assert registry.bind("typed", s="a")[1] == {"s": "a", "i": None, "f": None, "b": None, "d": None, "xs": None}


def test_bind_converts(registry):
    _, p = registry.bind("typed", s="a", i=2, f=1, b=False, d="2026-06-10", xs=("a", "b"))
    assert p == {"s": "a", "i": 2, "f": 1.0, "b": False, "d": dt.date(2026, 6, 10), "xs": ["a", "b"]}
    assert isinstance(p["f"], float)
    assert registry.bind("typed", s="a", d=dt.date(2026, 1, 2))[1]["d"] == dt.date(2026, 1, 2)


BIND_ERRORS = [
    ("missing required", "trace_document", {}, ["missing", "doc_key"]),
    ("required None", "trace_document", {"doc_key": None}, ["doc_key", "required"]),
    ("unknown param", "trace_document", {"doc_key": "a", "depth": 2}, ["unknown", "depth", "doc_key, max_depth"]),
    ("str for INT", "trace_document", {"doc_key": "a", "max_depth": "3"}, ["max_depth", "INT", "str"]),
    ("bool for INT", "typed", {"s": "a", "i": True}, ["INT", "bool"]),
    ("int for STRING", "typed", {"s": 5}, ["STRING", "int"]),
    ("str for FLOAT", "typed", {"s": "a", "f": "1.5"}, ["FLOAT"]),
    ("int for BOOL", "typed", {"s": "a", "b": 1}, ["BOOL"]),
    ("bad DATE text", "typed", {"s": "a", "d": "10/06/2026"}, ["DATE", "YYYY-MM-DD"]),
    ("impossible DATE", "typed", {"s": "a", "d": "2026-02-30"}, ["DATE"]),
    ("datetime for DATE", "typed", {"s": "a", "d": dt.datetime(2026, 1, 1)}, ["DATE", "datetime"]),
    ("str for LIST", "typed", {"s": "a", "xs": "ab"}, ["LIST"]),
    ("INT out of range", "typed", {"s": "a", "i": 2**63}, ["64-bit"]),
]


@pytest.mark.parametrize("name,kwargs,words", [b[1:] for b in BIND_ERRORS], ids=[b[0] for b in BIND_ERRORS])
def test_bind_validates(registry, name, kwargs, words):
    with pytest.raises(RecipeError) as info:
        registry.bind(name, **kwargs)
    assert info.value.path.endswith(".cypher") and info.value.line is not None
    for w in words:
        assert w in str(info.value)


def test_bind_accepts_a_param_called_name(tmp_path):
    write(tmp_path, "n.cypher", "// name: by_name\n// description: d\n// param: name STRING\n"
                                "MATCH (a:Agency {name: $name}) RETURN a.key AS key\n")
    assert Registry.load(tmp_path).bind("by_name", name="Bộ Tài chính")[1] == {"name": "Bộ Tài chính"}


def test_unknown_recipe_lists_names(registry):
    with pytest.raises(RecipeError) as info:
        registry.get("trace_doc")
    assert str(info.value) == "unknown recipe 'trace_doc'; available: trace_document, typed"
    with pytest.raises(RecipeError, match="available: trace_document, typed"):
        registry.bind("nope")
    assert isinstance(info.value, KGError)
    assert "typed" in registry and len(registry) == 2 and [r.name for r in registry] == ["trace_document", "typed"]


def test_error_str():
    assert str(RecipeError("queries/x.cypher", 12, "message")) == "queries/x.cypher:12: message"
    assert str(RecipeError("queries/x.cypher", None, "message")) == "queries/x.cypher: message"


def test_scanner_helpers():
    assert used_params("MATCH (n {k: $key}) // $no\nRETURN 'a\\'$no', \"$no\", `$no`, $limit /* $no */") == {"key": 1, "limit": 2}
    assert split_statements("RETURN ';' AS a; // x;\nRETURN 2 AS b;  ") == ["RETURN ';' AS a", "// x;\nRETURN 2 AS b"]


def test_bundled_directory_and_examples():
    # the bundled recipes (none yet, then the real ones) all parse
    default = Registry.load()
    assert all(r.path.startswith("queries") for r in default)
    assert Path(str(default_directory())).resolve() == (ROOT / "queries").resolve()
    examples = Registry.load(ROOT / "queries" / "examples")
    assert examples.names() == ["merge_agencies", "tasks_due", "trace_document"]
