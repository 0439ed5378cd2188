"""``kg export dcat``: a DCAT-AP description of the exported dataset (publisher, licence, period, distributions).

Defaults come from the ``[dcat]`` table of the config file (:func:`config_path`): ``publisher``,
``license``, ``title``, ``description``, ``base`` (the namespace of the data), ``download_base`` (where the
files will be published), ``contact`` (an e-mail), ``language`` (default ``vi``). Options on the command
line win. A licence is an IRI or one of :data:`LICENSES` (``CC-BY-4.0``).

>>> license_iri("CC-BY-4.0"), license_iri("https://example.org/licence")
('https://creativecommons.org/licenses/by/4.0/', 'https://example.org/licence')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import ontology

from .errors import KGError

LICENSES = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODC-BY-1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}
MEDIA_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
               ".trig": "application/trig", ".nq": "application/n-quads"}
EU_FILE_TYPES = {".ttl": "RDF_TURTLE", ".nt": "RDF_N_TRIPLES", ".jsonld": "JSON_LD", ".trig": "RDF_TRIG",
                 ".nq": "RDF_N_QUADS"}


def config_path() -> Path:
    """``$KG_CONFIG``, else ``chidao-kg/config.toml`` in the user's config folder: ``$XDG_CONFIG_HOME`` or
    ``~/.config`` (Linux, macOS), ``%APPDATA%`` (Windows)."""
    if os.environ.get("KG_CONFIG"):
        return Path(os.environ["KG_CONFIG"]).expanduser()
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        root = Path(os.environ["APPDATA"])
    else:
        root = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return root / "chidao-kg" / "config.toml"


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The ``[dcat]`` table of the config file ({} when there is no file)."""
    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            raise KGError(f"{path}: đọc tệp cấu hình TOML cần Python 3.11 hoặc gói tomli (pip install tomli)") from None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise KGError(f"{path}: không đọc được tệp cấu hình ({' '.join(str(e).split())[:200]})") from e
    table = data.get("dcat", {})
    if not isinstance(table, dict):
        raise KGError(f"{path}: [dcat] phải là một bảng")
    return table


def license_iri(value: str) -> str:
    if value in LICENSES:
        return LICENSES[value]
    if value.startswith(("http://", "https://")):
        return value
    raise KGError(f"giấy phép '{value}': cần một IRI hoặc một trong {', '.join(LICENSES)}")


def period(kg) -> tuple[str | None, str | None, int]:
    """The first and last day the notices in the store are dated, and how many notices there are."""
    from loaders.dates import last_day

    from .rdf import first_day

    lo = hi = None
    n = 0
    for r in kg.store.run("MATCH (n:Notice) RETURN n.date AS date", recipe="dcat period"):
        n += 1
        d = r.get("date")
        a = first_day(d) if d else None
        if a:
            b = last_day(d)
            lo = a if lo is None or a < lo else lo
            hi = b if hi is None or b > hi else hi
    return lo, hi, n


def describe(settings: dict[str, Any], distributions: list[Path], kg=None):
    """An rdflib graph: a ``dcat:Catalog`` with one ``dcat:Dataset`` and a ``dcat:Distribution`` per file."""
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

    spdx = Namespace("http://spdx.org/rdf/terms#")
    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")
    adms = Namespace("http://www.w3.org/ns/adms#")
    filetype = "http://publications.europa.eu/resource/authority/file-type/"
    lang = "http://publications.europa.eu/resource/authority/language/"
    from .rdf import check_base

    publisher = settings.get("publisher")
    licence = settings.get("license")
    if not publisher or not licence:
        missing = " và ".join(x for x, v in (("--publisher", publisher), ("--license", licence)) if not v)
        raise KGError(f"thiếu {missing} (trên dòng lệnh hoặc trong bảng [dcat] của {config_path()})")
    base = check_base(settings.get("base") or ontology.ID)
    g = Graph()
    for p, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("spdx", spdx), ("vcard", vcard),
                  ("adms", adms)):
        g.bind(p, ns)
    catalog, ds = URIRef(base + "catalog"), URIRef(base + "dataset")
    agent = URIRef(base + "publisher")
    today = dt.date.today().isoformat()
    title = settings.get("title") or f"Chỉ đạo và nhiệm vụ của {publisher}"
    desc = settings.get("description") or (
        f"Đồ thị tri thức các văn bản chỉ đạo (thông báo kết luận, công văn, kế hoạch…) do {publisher} công bố: "
        "nhiệm vụ được giao, cơ quan chủ trì và phối hợp, thời hạn, văn bản làm căn cứ, kèm nguồn gốc từng quan hệ.")
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(f"Danh mục dữ liệu mở của {publisher}", lang="vi")))
    g.add((catalog, DCTERMS.description, Literal(desc, lang="vi")))
    g.add((catalog, DCTERMS.publisher, agent))
    g.add((catalog, DCAT.dataset, ds))
    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, FOAF.name, Literal(publisher, lang="vi")))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal(title, lang="vi")))
    g.add((ds, DCTERMS.description, Literal(desc, lang="vi")))
    g.add((ds, DCTERMS.publisher, agent))
    g.add((ds, DCTERMS.license, URIRef(license_iri(licence))))
    g.add((ds, DCTERMS.conformsTo, URIRef("https://w3id.org/chidao-kg/ontology")))
    code = {"vi": "VIE", "en": "ENG"}.get(str(settings.get("language") or "vi").lower(), "VIE")
    g.add((ds, DCTERMS.language, URIRef(lang + code)))
    g.add((ds, DCTERMS.modified, Literal(today, datatype=XSD.date)))
    g.add((ds, DCTERMS.identifier, Literal(str(ds))))
    for kw in ("chỉ đạo", "nhiệm vụ", "thông báo kết luận", "văn bản hành chính"):
        g.add((ds, DCAT.keyword, Literal(kw, lang="vi")))
    if settings.get("contact"):
        point = URIRef(base + "contact")
        g.add((ds, DCAT.contactPoint, point))
        g.add((point, RDF.type, vcard.Kind))
        g.add((point, vcard.fn, Literal(publisher)))
        g.add((point, vcard.hasEmail, URIRef("mailto:" + str(settings["contact"]))))
    if kg is not None:
        lo, hi, n = period(kg)
        if lo and hi:
            when = URIRef(base + "dataset/period")
            g.add((ds, DCTERMS.temporal, when))
            g.add((when, RDF.type, DCTERMS.PeriodOfTime))
            g.add((when, DCAT.startDate, Literal(lo, datatype=XSD.date)))
            g.add((when, DCAT.endDate, Literal(hi, datatype=XSD.date)))
        g.add((ds, DCTERMS.extent, Literal(f"{n} văn bản", lang="vi")))
    download = settings.get("download_base") or base
    for f in distributions:
        if not f.is_file():
            raise KGError(f"{f}: không có tệp phân phối này")
        dist = URIRef(base + "dataset/distribution/" + f.name.replace(" ", "%20"))
        url = URIRef(download + f.name.replace(" ", "%20"))
        suffix = f.suffix.lower()
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f.name)))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCTERMS.license, URIRef(license_iri(licence))))
        g.add((dist, DCAT.byteSize, Literal(f.stat().st_size, datatype=XSD.nonNegativeInteger)))
        if suffix in MEDIA_TYPES:
            g.add((dist, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[suffix])))
            g.add((dist, DCTERMS["format"], URIRef(filetype + EU_FILE_TYPES[suffix])))
        digest = hashlib.sha256()
        with open(f, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        check = URIRef(str(dist) + "/checksum")
        g.add((dist, spdx.checksum, check))
        g.add((check, RDF.type, spdx.Checksum))
        g.add((check, spdx.algorithm, spdx.checksumAlgorithm_sha256))
        g.add((check, spdx.checksumValue, Literal(digest.hexdigest(), datatype=XSD.hexBinary)))
    return g
