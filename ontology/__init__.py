"""The chidao-kg ontology as data: ``chidao.ttl`` (OWL 2), ``shapes.ttl`` (SHACL), ``context.jsonld``.

The files are the product; this module only finds them and states the naming rules an RDF
export follows (see ``ontology/README.md``).

>>> term("ASSIGNED_TO"), term("deadline_end"), term("Notice")
('assignedTo', 'deadlineEnd', 'Notice')
>>> iri("doc:2688/QD-UBND@tinh-lang-son")
'https://w3id.org/chidao-kg/id/doc/2688%2FQD-UBND@tinh-lang-son'
>>> path("chidao.ttl").name
'chidao.ttl'
"""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import quote

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


def iri(key: str) -> str:
    """The IRI of a graph node from its key: ``<kind>:<rest>`` -> ``ID + <kind>/ + percent-encoded <rest>``
    (``notice:651c…#task001`` -> ``…/id/notice/651c…%23task001``)."""
    kind, sep, rest = key.partition(":")
    if not sep or not kind:
        raise ValueError(f"not a node key: {key!r}")
    return f"{ID}{kind}/{quote(rest, safe='@-._~')}"
