"""The chidao-kg ontology as data: ``chidao.ttl`` (OWL 2), ``shapes.ttl`` (SHACL), ``context.jsonld``.

The files are the product; this module only finds them and states the naming rule of its terms
(see ``ontology/README.md``); the export, and its IRIs, are ``kg/rdf.py``.

>>> term("ASSIGNED_TO"), term("deadline_end"), term("Notice")
('assignedTo', 'deadlineEnd', 'Notice')
>>> path("chidao.ttl").name
'chidao.ttl'
"""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

VERSION = "0.1.0"
NS = "https://w3id.org/chidao-kg/ontology#"  # cdo:
ID = "https://w3id.org/chidao-kg/id/"  # individuals
SHAPES = "https://w3id.org/chidao-kg/shapes#"  # cdsh:
FILES = ("chidao.ttl", "shapes.ttl", "context.jsonld", "README.md")


def path(name: str) -> Traversable:
    """One of the bundled files (``chidao.ttl``, ``shapes.ttl``, ``context.jsonld``, ``README.md``)."""
    if name not in FILES:
        raise FileNotFoundError(f"ontology/{name}: not one of {', '.join(FILES)}")
    return resources.files("ontology").joinpath(name)


def term(name: str) -> str:
    """The local name of a model name: node labels stay (``Notice``), relation types and property
    names become lowerCamelCase (``ASSIGNED_TO`` -> ``assignedTo``, ``deadline_end`` -> ``deadlineEnd``)."""
    if re.fullmatch(r"[A-Z][A-Za-z0-9]*", name) and not name.isupper():
        return name
    head, *rest = name.lower().split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)
