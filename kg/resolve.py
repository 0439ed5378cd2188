"""Entity resolution: stable keys for the things notices mention.

Two mentions become one node exactly when their keys are equal. Keys are built from
folded (accent- and case-free) names, expanded aliases and a *scope*: the province or
commune the name belongs to. Nothing is merged on a guess; a mention whose scope cannot
be told (a bare 'UBND xã' in a provincial notice) keeps a key of its own notice and is
flagged ``ambiguous``.

>>> agency_key("Sở NN&MT", Scope("tỉnh Lạng Sơn")) == agency_key("Sở Nông nghiệp và Môi trường", Scope("tỉnh Lạng Sơn"))
True
>>> agency_key("Phòng Kinh tế", Scope("tỉnh Lạng Sơn", "xã Quan Sơn")) == agency_key("Phòng Kinh tế", Scope("tỉnh Lạng Sơn", "xã Khuất Xá"))
False
>>> document_key("02/2026/NQ-HĐND", Scope("tỉnh Lạng Sơn")) == document_key("02/2026/nq-hdnd", Scope("tỉnh Lạng Sơn"))
True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable

from loaders.normalize import UPPER, fold, one_edit

LEVELS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "xã", "phường", "quận")
_LEVEL_SUFFIX = re.compile(r"\s+(?:tỉnh|xã|huyện|phường|thị xã|thị trấn|thành phố|đặc khu|quận)(?:\s+.+)?$")


@lru_cache(maxsize=1)
def aliases() -> dict:
    """Alias data (``kg/data/aliases.json``): abbreviations and alternative names of agencies."""
    return json.loads(resources.files("kg").joinpath("data/aliases.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Scope:
    """Where a notice's names live: its province and, for a commune's own notice, the commune."""

    province: str | None  # 'tỉnh Lạng Sơn'
    commune: str | None = None  # 'xã Quan Sơn' when the notice is issued by a commune

    @property
    def key(self) -> str:
        return slug(self.commune or self.province or "?")


def slug(s: str) -> str:
    """ASCII slug for keys and IRIs: 'xã Quan Sơn' -> 'xa-quan-son'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")


def scope_of(record: dict) -> Scope:
    """The scope of a record, from its issuer ('UBND tỉnh Lạng Sơn', 'UBND xã Quan Sơn', 'Văn phòng UBND tỉnh Lào Cai')."""
    notice = record.get("notice") or {}
    issuer = notice.get("issuer") or ""
    m = re.search(r"(tỉnh|thành phố)\s+(.+)$", issuer)
    if m:
        return Scope(f"{m.group(1)} {m.group(2)}")
    m = re.search(r"(xã|phường|đặc khu|thị trấn)\s+(.+)$", issuer)
    if m:
        return Scope(notice.get("province"), f"{m.group(1)} {m.group(2)}")
    return Scope(notice.get("province"))


@lru_cache(maxsize=1)
def _folded_aliases() -> tuple[dict[str, str], dict[str, str]]:
    a = aliases()
    return ({fold(k): v for k, v in a["name_aliases"].items()}, {fold(k): v for k, v in a["field_abbreviations"].items()})


def expand_alias(name: str) -> str:
    """Expand agency abbreviations from the alias data ('Sở NN&MT' -> 'Sở Nông nghiệp và Môi trường')."""
    names, fields = _folded_aliases()
    full = names.get(fold(name))
    if full:
        return full
    m = re.match(r"^(Sở|Giám đốc Sở)\s+(.+)$", name)
    if m:
        full = fields.get(fold(m.group(2)))
        if full:
            return f"{m.group(1)} {full}"
    return name


def name_key(name: str) -> str:
    """Folded, alias-expanded name; posts ('Thủ trưởng', 'Giám đốc') and leading 'lãnh đạo' removed."""
    n = expand_alias(" ".join(name.split()))
    n = re.sub(r"^(?:lãnh đạo|đại diện|đồng chí)\s+", "", n, flags=re.I)
    n = n.replace("&", " và ")
    return fold(n).strip(" .,;:")


def org_level(name: str) -> str | None:
    """The administrative level a body's name ends with: 'Công an xã' -> 'xã', 'Sở Y tế' -> None."""
    m = re.search(rf"(?:^|\s)(tỉnh|xã|huyện|phường|thị xã|thị trấn|thành phố|đặc khu|quận)(?:\s+(?P<place>[{UPPER}].*))?$", name)
    if not m:
        return None
    return m.group(1)


_NAMED_UNIT = re.compile(rf"(?:xã|phường|huyện|thị xã|thị trấn|thành phố|đặc khu|quận|tỉnh)\s+[{UPPER}]")
_PROVINCIAL = re.compile(r"^(?:so|bo|cuc|tong cuc|chi cuc|thanh tra tinh|ban thuong vu tinh|tinh uy|cac so)\b|\btinh$")  # on folded names
_CENTRAL = re.compile(r"^(?:chinh phu|thu tuong chinh phu|pho thu tuong chinh phu|bo chinh tri|ban bi thu|quoc hoi|"
                      r"uy ban thuong vu quoc hoi|ban chap hanh trung uong|van phong chinh phu|bo (?!chi huy)[a-z])")
_COMMUNE_LEVEL = ("xã", "phường", "thị trấn", "đặc khu")


def agency_key(name: str, scope: Scope) -> str:
    """Key of a body named in a notice of ``scope``; see :func:`resolve_agency`."""
    return resolve_agency(name, scope)[0]


@lru_cache(maxsize=50000)
def resolve_agency(name: str, scope: Scope) -> tuple[str, bool]:
    """(key, ambiguous) of a body named in a notice of ``scope``.

    * a body of a named unit ('UBND xã Khuất Xá', 'Huyện ủy Lộc Bình') belongs to the province;
    * in a commune's own notice, its units ('Phòng Kinh tế', 'Công an xã') belong to that commune;
    * province-level bodies ('Sở Y tế', 'Công an tỉnh') belong to the province;
    * a commune-level unit without a commune ('Phòng Kinh tế', 'UBND xã' in a provincial notice)
      cannot be told apart from other communes' — it gets a key of its own scope and is ambiguous.
    """
    k = name_key(name)
    prov = slug(scope.province) if scope.province else None
    if scope.province:
        pf = fold(scope.province)
        if k.endswith(" " + pf):  # 'Văn phòng UBND tỉnh Lạng Sơn' == 'Văn phòng UBND tỉnh'
            k = k[: -len(pf) - 1] + " " + pf.split()[0]
    home = prov or "vn"
    if _CENTRAL.match(k):
        return f"{k}@vn", False
    if _NAMED_UNIT.search(name):
        return f"{k}@{home}", False
    lvl = org_level(name)
    if k.startswith("cac ") or " cac " in k:
        return f"{k}@{slug(scope.commune) + '@' if scope.commune else ''}{home}", False  # a group is the notice's own
    provincial = bool(_PROVINCIAL.search(k)) or lvl == "tỉnh"
    if scope.commune:
        if provincial:
            return f"{k}@{home}", prov is None
        return f"{k}@{slug(scope.commune)}@{home}", False
    local = lvl in _COMMUNE_LEVEL or lvl == "huyện" or re.match(r"^(?:phong|tram|ban chqs|cong an xa)\b", k)
    return f"{k}@{home}", bool(local)


_NATIONAL = re.compile(r"(?:^|[-/])(?:CP|TTG|TW|QH|UBTVQH\d*|B[A-Z]{1,4}|VPCP|BCĐTW|CTN|TANDTC|VKSNDTC|NHNN|KTNN)(?:$|[-/])")


def document_scope(number: str, issuer: str | None, scope: Scope) -> str:
    """National documents (…/NĐ-CP, …-NQ/TW, …/TT-BYT) are one everywhere; local ones belong to the citing province."""
    if _NATIONAL.search(fold(number).upper()):
        return "vn"
    if issuer:
        m = re.search(rf"(?:UBND|HĐND|Đảng ủy)\s+(xã|phường|huyện|đặc khu|thị trấn)\s+([{UPPER}].*)$", issuer)
        if m:
            return slug(f"{m.group(1)} {m.group(2)}") + ("@" + slug(scope.province) if scope.province else "")
        if re.search(r"(?:Chính phủ|Bộ |Quốc hội|Trung ương|Bộ Chính trị|Ban Bí thư|Thủ tướng)", issuer):
            return "vn"
    if scope.commune and not scope.province and issuer and re.search(r"\b(?:xã|phường)\b", issuer):
        return slug(scope.commune)
    return slug(scope.province) if scope.province else (slug(scope.commune) if scope.commune else "vn")


def number_key(number: str) -> str:
    """'02/2026/NQ-HĐND' and '02/2026/nq-hdnd' -> '02/2026/NQ-HDND'."""
    return re.sub(r"\s+", "", fold(number)).upper()


def document_key(number: str, scope: Scope, issuer: str | None = None, doc_type: str | None = None) -> str:
    num = number_key(number)
    if re.fullmatch(r"\d{1,4}", num):  # 'Đề án 06': a short number is only unique together with its type
        num = f"{slug(doc_type or 'van-ban')}-{num}"
    return f"{num}@{document_scope(number, issuer, scope)}"


def person_key(name: str, scope: Scope) -> str:
    """People are told apart by name within a province (or a commune when the province is unknown)."""
    return f"{slug(name)}@{slug(scope.province) if scope.province else scope.key}"


def unit_key(unit: str, scope: Scope) -> str:
    """'xã Khuất Xá' in a notice of tỉnh Lạng Sơn -> 'xa-khuat-xa@tinh-lang-son'."""
    if scope.province:
        return f"{slug(unit)}@{slug(scope.province)}"
    if scope.commune and slug(unit) == slug(scope.commune):
        return f"{slug(unit)}@?"
    return f"{slug(unit)}@{scope.key}"


# --- what users type --------------------------------------------------------------------------------

_Q_NUMBER = re.compile(r"(\d{1,5}(?:[/\-][0-9A-Za-z]+)*)")
_TYPE_WORDS = {
    "nghi quyet": "Nghị quyết", "nq": "Nghị quyết", "quyet dinh": "Quyết định", "qd": "Quyết định",
    "ke hoach": "Kế hoạch", "kh": "Kế hoạch", "chi thi": "Chỉ thị", "ct": "Chỉ thị", "cong van": "Công văn",
    "van ban": "Công văn", "cv": "Công văn", "nghi dinh": "Nghị định", "nd": "Nghị định", "thong tu": "Thông tư",
    "tt": "Thông tư", "cong dien": "Công điện", "ket luan": "Kết luận", "kl": "Kết luận", "thong bao": "Thông báo",
    "de an": "Đề án", "chuong trinh": "Chương trình", "luat": "Luật", "huong dan": "Hướng dẫn",
}


@dataclass(frozen=True)
class DocQuery:
    number: str | None  # folded, upper-case number or number prefix ('02/2026', '141/KH-UBND')
    type: str | None  # 'Nghị quyết'


def parse_doc_query(q: str) -> DocQuery:
    """'Nghị quyết 02/2026' -> DocQuery('02/2026', 'Nghị quyết'); 'nghi quyet 02/2026/NQ-HDND' likewise."""
    f = fold(q)
    typ = None
    for w, t in sorted(_TYPE_WORDS.items(), key=lambda x: -len(x[0])):
        if re.match(rf"^{re.escape(w)}\b", f):
            typ = t
            f = f[len(w):]
            break
    f = re.sub(r"^\s*(?:so|số)\s*", "", f.strip())
    m = _Q_NUMBER.search(f)
    return DocQuery(number_key(m.group(1)) if m else None, typ)


def doc_matches(query: DocQuery, number: str, doc_type: str | None) -> bool:
    """Does a stored document (number, type) answer ``query``? A number prefix must end at a separator."""
    if query.number is None:
        return False
    n = number_key(number)
    if query.type and doc_type and fold(query.type) != fold(doc_type):
        return False
    if n == query.number:
        return True
    return n.startswith(query.number) and n[len(query.number)] in "/-"


# --- generic roles, misspellings, the 2025 reorganisation -----------------------------------------------

@lru_cache(maxsize=None)
def _data(name: str) -> dict:
    return json.loads(resources.files("kg").joinpath(f"data/{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _generic_roles() -> frozenset[str]:
    return frozenset(_role_core(r["name"]) for r in _data("generic_roles")["roles"])


def _role_core(name: str) -> str:
    f = re.sub(r"[^a-z0-9 ]+", " ", fold(name))
    f = re.sub(r"^(?:cac|nhung|lanh dao)\s+", "", " ".join(f.split()))
    f = re.sub(r"\s+(?:co\s+)?lien quan$", "", f)
    return " ".join(f.split())


@lru_cache(maxsize=20000)
def generic_role(name: str) -> bool:
    """A role that stands for whoever plays it in one notice ('Nhà đầu tư', 'các đơn vị liên quan').

    >>> generic_role("Nhà đầu tư"), generic_role("các cơ quan, đơn vị có liên quan"), generic_role("Sở Y tế")
    (True, True, False)
    """
    return _role_core(name) in _generic_roles()


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s,;]+", name.casefold()) if w]


MIN_WORDS = 5  # shorter names differ by one word too often to be the same body ('Sở Nội vụ', 'Sở Ngoại vụ')
_PLACE_WORD = re.compile(r"^(?:xã|phường|huyện|tỉnh|thị|thành|quận|đặc)$")


def misspelling(a: str, b: str) -> str | None:
    """How name ``a`` is an obvious misspelling of ``b``: 'missing word' or 'garbled word', else None.

    The rest of the name must match exactly (case aside), the names be long enough, and the
    word concerned be no place name or number.

    >>> misspelling("Trung tâm Xúc đầu tư, Thương mại và Du lịch", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch")
    'missing word: tiến'
    >>> misspelling("Trung tâm Xúc tiếm Đầu tư, Thương mại và Du lịch", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch")
    'garbled word: tiếm → tiến'
    >>> misspelling("Trường Tiểu học xã Xuân Hòa", "Trường Tiểu học xã Xuân Hóa") is None
    True
    >>> misspelling("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh") is None
    True
    >>> misspelling("Cục Lâm nghiệp và Kiểm lâm", "Cục Lâm nghiệp và Cục Kiểm lâm") is None
    True
    """
    from loaders.orgs import HEAD_WORDS  # (here: the agency recogniser's patterns cost 0.1 s to compile, which a
    # question never needs)

    wa, wb = _words(a), _words(b)
    if min(len(wa), len(wb)) < MIN_WORDS - (len(wa) != len(wb)) or wa == wb:
        return None

    def placeish(ws: list[str], i: int) -> bool:
        return any(_PLACE_WORD.match(w) for w in ws[max(0, i - 3):i]) or any(c.isdigit() for c in ws[i])

    if len(wb) == len(wa) + 1:
        for i in range(len(wb)):
            if wb[:i] + wb[i + 1:] == wa:
                # a word missing at either end is a shorter or longer name (a qualifier such as 'tỉnh', a
                # truncated name), and a missing head word ('Cục A và Cục B') names another body: no misspelling
                if i in (0, len(wb) - 1) or wb[i] in HEAD_WORDS or placeish(wb, i):
                    return None
                return f"missing word: {wb[i]}"
        return None
    if len(wa) == len(wb):
        diff = [i for i, (x, y) in enumerate(zip(wa, wb)) if x != y]
        if len(diff) == 1:
            i = diff[0]
            if len(wb[i]) >= 3 and one_edit(wa[i], wb[i]) and fold(wa[i]) != fold(wb[i]) and not placeish(wb, i):
                return f"garbled word: {wa[i]} → {wb[i]}"
    return None


def misspelling_links(orgs: list[dict], mentions: Callable[[list[str]], dict[str, int]] | None = None
                      ) -> list[tuple[str, str, str]]:
    """(misspelled key, known key, reason) among agencies ``{key, name, scope, mentions}``, within one scope.

    A missing word: the longer name is the known one; a garbled word: the one mentioned in more
    notices (a tie links nothing). Generic roles are never linked. Candidates are found through
    an index of the names with one word left out, so the cost grows with the names, not their pairs.
    ``mentions``: when given, the orgs need no ``mentions``; it is called once with the keys of the
    garbled-word pairs (rare) and returns their counts (a store is asked for those only).

    >>> misspelling_links([{"key": "a", "name": "Trung tâm Xúc đầu tư, Thương mại và Du lịch", "scope": "x"},
    ...                    {"key": "b", "name": "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", "scope": "x"},
    ...                    {"key": "c", "name": "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", "scope": "y"}])
    [('a', 'b', 'missing word: tiến')]
    """
    whole: dict[tuple, list[dict]] = {}
    gap: dict[tuple, list[dict]] = {}  # (scope, position, the other words): names that differ in one word
    words = {}
    for o in orgs:
        if not o.get("name") or generic_role(o["name"]):
            continue
        w = tuple(_words(o["name"]))
        if len(w) < MIN_WORDS - 1:
            continue
        words[o["key"]] = w
        whole.setdefault((o.get("scope"), w), []).append(o)
        for i in range(len(w)):
            gap.setdefault((o.get("scope"), i, w[:i] + w[i + 1:]), []).append(o)
    found = set()
    for o in orgs:
        w = words.get(o["key"])
        if w is None:
            continue
        cands = []
        for i in range(len(w)):
            cands += whole.get((o.get("scope"), w[:i] + w[i + 1:]), [])  # o is one word longer
            near = gap.get((o.get("scope"), i, w[:i] + w[i + 1:]), [])  # o differs in word i
            if len(near) <= 3:  # a family of names differing there ('Trạm Y tế xã A', '… xã B') is no misspelling
                cands += near
        for a in cands:
            if a["key"] == o["key"]:
                continue
            why = misspelling(a["name"], o["name"])
            if why is not None:
                found.add((a["key"], o["key"], why))
    garbled = {k for a, o, why in found if why.startswith("garbled") for k in (a, o)}
    if mentions is not None:
        counts = mentions(sorted(garbled)) if garbled else {}
    else:
        counts = {o["key"]: o.get("mentions") or 0 for o in orgs if o["key"] in garbled}
    return sorted((a, o, why) for a, o, why in found
                  if not why.startswith("garbled") or (counts.get(a) or 0) < (counts.get(o) or 0))


@dataclass(frozen=True)
class Succession:
    predecessor: str
    successor: str
    effective: str
    level: str  # 'province' | 'central'
    part: str | None = None


def _plain(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", name_key(name)).split())


@lru_cache(maxsize=1)
def _successions() -> dict[str, tuple[Succession, ...]]:
    out: dict[str, list[Succession]] = {}
    for s in _data("reorganisation")["successions"]:
        for p in s["predecessors"]:
            out.setdefault(_plain(p), []).append(Succession(p, s["successor"], s["effective"], s["level"], s.get("part")))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=20000)
def successors(name: str) -> tuple[Succession, ...]:
    """Who took over a body in the 2025 reorganisation (``kg/data/reorganisation.json``).

    >>> [(s.successor, s.effective) for s in successors("Sở KH&ĐT")]
    [('Sở Tài chính', '2025-03-01')]
    >>> [s.successor for s in successors("Sở Lao động – Thương binh và Xã hội")]
    ['Sở Nội vụ', 'Sở Y tế']
    >>> successors("Sở Tài chính")
    ()
    """
    return _successions().get(_plain(name), ())


def level_ended(name: str) -> str | None:
    """The day a body's administrative level ceased (district level: 2025-07-01), from the reorganisation data.

    >>> level_ended("UBND huyện Lộc Bình"), level_ended("UBND xã Quan Sơn")
    ('2025-07-01', None)
    """
    lvl = org_level(name)
    for a in _data("reorganisation")["abolished_levels"]:
        if lvl == a["level"]:
            return a["until"]
    return None
