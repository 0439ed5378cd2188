"""Organisations: recognise agency / committee / group mentions and lists of them.

The recogniser is a small grammar over the text, driven by the vocabulary in
``patterns/agencies.json``:

* a *group* (``các sở, ban, ngành liên quan``, ``UBND các xã, phường``) from the group patterns;
* a *named body*: an optional post (``Thủ trưởng``, ``Chủ tịch``), a head (``Sở``, ``UBND``,
  ``Trung tâm`` …) and a tail — a known Sở field (``Văn hóa, Thể thao và Du lịch``),
  capitalised words with their second syllables, connectors, an administrative level
  (``tỉnh``, ``xã``) and a place name (``Khuất Xá``).

>>> scan_org("Giao Sở Giáo dục và Đào tạo chủ trì", 5).name
'Sở Giáo dục và Đào tạo'
>>> [o.name for o in scan_org_list("Sở Xây dựng, Sở Văn hóa, Thể thao và Du lịch trong quá trình", 0)[0]]
['Sở Xây dựng', 'Sở Văn hóa, Thể thao và Du lịch']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable

from . import patterns
from .normalize import LOWER, UPPER, fix_tones

_AG = patterns.load("agencies")
CAP_WORD = rf"[{UPPER}][{UPPER}{LOWER}0-9&]*"
_TOKEN = re.compile(rf"[{UPPER}{LOWER}0-9&]+|\S")

# lowercase words and verb phrases that end a name: function words and what follows a doer
STOP_SINGLE = set("""
và với của các những cho trên tại theo về để đối trong từ khi nếu thì do bằng sau trước đến nhằm cùng là có
được đã đang sẽ cần phải không chưa vẫn còn cũng rất hơn nữa nhất này đó như thuộc gồm hoặc hay ngay trình gửi giao nên
""".split())
STOP_PHRASES = re.compile(r"(?:%s)(?![\w])" % "|".join(map(re.escape, _AG["name_stops"]["words"])))


_FUNCTION_WORDS = set("và với của các những cho trên tại theo về để đối trong từ khi nếu thì do bằng là có được đã đang sẽ "
                      "cần phải không chưa vẫn còn cũng".split())
# words that never go on one capitalised word as its second syllable ('Văn phòng Sở' + 'trước ngày …'); not 'giao'
# ('Ngoại giao'), 'trình' ('Công trình') or 'nhất' ('Thống nhất'), which do
_NOT_SECOND_SYLLABLE = _FUNCTION_WORDS | (STOP_SINGLE - {"giao", "trình", "nhất"})


def is_stop_at(text: str, pos: int) -> bool:
    m = _WORD_AT.match(text, pos)
    return bool(m) and (m.group(0) in STOP_SINGLE or bool(STOP_PHRASES.match(text, pos)))


LEVELS = sorted(_AG["levels"], key=len, reverse=True)
# the local units named by level alone ('UBND xã', 'thị trấn Di Linh'), as an alternation, longest first
LOCAL_LEVEL = "|".join(re.escape(w) for w in sorted(_AG["local_levels"]["words"], key=len, reverse=True))
# a level word, not the first syllable of another word ('xã hội': society; patterns/agencies.json not_levels)
_LEVEL_RE = re.compile(r"(?!(?:%s)(?![\w]))(?:%s)(?![\w])" % ("|".join(map(re.escape, _AG["not_levels"]["words"])),
                                                            "|".join(re.escape(l) for l in LEVELS)))
_SO_FIELDS = sorted(_AG["so_fields"], key=len, reverse=True)
_MINISTRY_FIELDS = sorted(_AG["ministry_fields"], key=len, reverse=True)
_SO_ABBR = _AG["so_abbreviations"]
_SO_FIELD_RE = re.compile(
    r"(?:%s)(?![\w&])" % "|".join(re.escape(f) for f in _SO_FIELDS + _MINISTRY_FIELDS + sorted(_SO_ABBR, key=len, reverse=True)), re.I
)
_KNOWN_FIELDS = {f.lower() for f in _SO_FIELDS + _MINISTRY_FIELDS} | {v.lower() for v in _SO_ABBR.values()}
_GENERIC_ROLES = tuple(r.lower() for r in _AG["generic_roles"])
_COMPOUND = sorted(_AG["compound_heads"], key=len, reverse=True)
_HEADS = sorted(_AG["heads"], key=len, reverse=True)
_NOT_HEADS = r"(?!(?:%s)(?![\w]))" % "|".join(map(re.escape, _AG["not_heads"]["words"]))  # 'Hội nghị': an event
_OSF = _AG["office_short_forms"]
# 'VP UBND tỉnh': an office by its short form, before the body it serves (agencies.json office_short_forms)
_SHORT_OFFICE = r"%s(?= (?:%s)(?![\w]))" % (re.escape(_OSF["short"]), "|".join(map(re.escape, _OSF["before"])))
_HEAD_RE = re.compile(_NOT_HEADS + r"(?:%s|%s)(?![\w])" % ("|".join(re.escape(h) for h in _COMPOUND + _HEADS), _SHORT_OFFICE))
# public names for other modules: the head of an agency's name ('Sở', 'Ủy ban nhân dân') and a Sở's field
HEAD_RE = _HEAD_RE
SO_FIELD_RE = _SO_FIELD_RE
_PLACE_HEADS = frozenset(("Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Huyện ủy", "Huyện uỷ"))
# the words an agency's name starts with ('sở', 'cục', 'trung', 'ubnd'), lower-cased: a word that begins a new body
HEAD_WORDS = frozenset(h.split()[0].casefold() for h in _HEADS)
_BARE_OK = set(_AG["bare_ok"])
_OWN_BODY_HEADS = frozenset(_AG["own_body_heads"]["words"])
_OWN_BODY_NOT = tuple(_AG["own_body_heads"]["not_before"])  # ('Giám đốc Sở, Ban, ngành': a list of kinds, not one body)
_DOCUMENT_WORD = re.compile(r"(?:%s)(?![\w])" % "|".join(map(re.escape, _AG["document_words"]["words"])))
_DISTRIBUTABLE = {"UBND", "HĐND", "Ủy ban MTTQ", "Ủy ban nhân dân", "Hội đồng nhân dân", "Huyện ủy", "Đảng ủy", "Tỉnh ủy",
                  "Thành ủy", "Thường trực HĐND", "Công an", "Ban CHQS"}
_POST_RE = re.compile(r"(?:%s)\s+(?=[%s])" % ("|".join(re.escape(p) for p in sorted(_AG["posts"], key=len, reverse=True)), UPPER + "c"))
_STRIP_RE = re.compile(r"(?:%s)\s+" % "|".join(re.escape(p) for p in sorted(_AG["strip_prefixes"], key=len, reverse=True)))
_GROUPS = [(re.compile(g["pattern"], re.I), g) for g in _AG["groups"]]
# a place: capitalised words and small numbers ('Bảo Lâm 2'); a numbered ward may open with its number ('2 Bảo Lộc'),
# and may be named by its number alone before a comma ('phường 1, phường 2'; not a decimal: '1,5 ha')
_PLACE = re.compile(rf"(?:{CAP_WORD}|\d{{1,2}}(?![\d/.%]|,(?!\s)|\s*(?:[/.\-]|ngày|tháng|năm|giờ|người|hộ)))"
                    rf"(?:\s+(?:{CAP_WORD}|\d{{1,2}}(?![\d/.,]\d)))*(?:\s+\((?:cũ|mới)\))?")
_NUMBERED_COMMITTEE = re.compile(r"(?:%s)\s+$" % "|".join(map(re.escape, _AG["numbered_committees"]["words"])))
# a ward or commune named with its former town after a dash ('phường Xuân Hương - Đà Lạt', 'phường Lâm Viên - Đà Lạt')
_DASH_PLACE = re.compile(rf" [-–] ({CAP_WORD}(?:\s+{CAP_WORD}){{0,3}})(?![\w])")
_FULL_FORMS = [
    (re.compile(r"Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN"), "UBND"),
    (re.compile(r"Hội đồng nhân dân|HỘI ĐỒNG NHÂN DÂN"), "HĐND"),
    (re.compile(r"Ủy ban Mặt trận Tổ quốc Việt Nam|Ủy ban MTTQ Việt Nam|Ủy ban MTTQVN"), "Ủy ban MTTQ Việt Nam"),
    (re.compile(r"Ủy ban Mặt trận Tổ quốc"), "Ủy ban MTTQ"),
    (re.compile(r"(?<![\w])" + _SHORT_OFFICE), _OSF["long"]),  # 'VP UBND tỉnh' -> 'Văn phòng UBND tỉnh'
]


@dataclass
class Org:
    """An organisation mention."""

    name: str  # canonical display name ('UBND xã Khuất Xá', 'Sở Văn hóa, Thể thao và Du lịch')
    start: int
    end: int
    kind: str = "agency"  # agency | committee | group | party | person_post | admin_unit
    level: str | None = None  # tỉnh | xã | huyện | phường | ...
    place: str | None = None  # 'Khuất Xá'
    bare: bool = False  # a head without its tail ('HĐND' in 'Huyện ủy, HĐND, UBND huyện X')
    members: list[str] = field(default_factory=list)
    agency: bool = True  # False for non-government groups (investors, businesses)


_DOUBLED_HEAD = re.compile(r"(?<![\w])(UBND|HĐND|Sở|Bộ|Ban|Cục|Phòng|Trung tâm)\s+\1(?![\w])")


_GLUED_COMMA = re.compile(rf"(?<=[{UPPER}{LOWER}]),(?=[{UPPER}{LOWER}])")


@lru_cache(maxsize=20000)
def canonical(name: str) -> str:
    """Canonical spelling: abbreviations (UBND, HĐND), tone marks, Sở abbreviations, spacing.

    >>> canonical("Ủy ban nhân dân các tỉnh,thành phố")
    'UBND các tỉnh, thành phố'
    """
    name = fix_tones(" ".join(_GLUED_COMMA.sub(", ", name).split()))  # ('UBND các tỉnh,thành phố': a space left out)
    for rx, rep in _FULL_FORMS:
        name = rx.sub(rep, name)
    name = _DOUBLED_HEAD.sub(r"\1", name)  # a word typed twice ('Chủ tịch UBND UBND cấp xã')
    m = re.match(r"^(Sở|Giám đốc Sở|Bộ)\s+(.+)$", name)
    if m:
        rest = m.group(2)
        for abbr, full in _SO_ABBR.items():
            if rest == abbr or rest.startswith(abbr + " "):
                name = f"{m.group(1)} {full}{rest[len(abbr):]}"
                break
        else:
            for f in _SO_FIELDS:  # case-normalise a known field written in another case
                if rest.lower() == f.lower() and rest != f:
                    name = f"{m.group(1)} {f}"
    return name.strip(" ,;:.")


_SPACES = re.compile(r"\s+")
_OPEN_PAREN = re.compile(r"\s*\(")
_CLOSE_PAREN = re.compile(r"\s*\)")
_NOT_PLACE = re.compile(r"(?:%s)(?![\w])" % "|".join(re.escape(w) for w in _AG["not_place_starts"]))
_WORD_AT = re.compile(rf"[{UPPER}{LOWER}0-9&]+")


def _place_after(text: str, pos: int) -> tuple[int, str | None]:
    m = _SPACES.match(text, pos)
    if not m:
        return pos, None
    q = m.end()
    if _HEAD_RE.match(text, q) or _POST_RE.match(text, q) or _NOT_PLACE.match(text, q):
        return pos, None
    pl = _PLACE.match(text, q)
    if not pl:
        return pos, None
    return pl.end(), pl.group(0)


class _LazyTokens(list):
    """Tokens (start, end, text) of text[j:limit], produced on demand (a tail rarely needs more than a few): ``has(k)``
    reads up to the k-th and says whether there is one; indexing a token read so far is a plain list's."""

    __slots__ = ("_it",)

    def __init__(self, text: str, j: int, limit: int):
        self._it = _TOKEN.finditer(text, j, limit)  # (the list itself starts empty: list.__new__)

    def has(self, k: int) -> bool:
        if k < len(self):
            return True
        it = self._it
        if it is None:
            return False
        while len(self) <= k:
            m = next(it, None)
            if m is None:
                self._it = None
                return False
            self.append((m.start(), m.end(), m.group(0)))
        return True


_SCOPE_SUFFIX = re.compile(_AG["scope_suffixes"]["pattern"])
_PER_COMMUNE = re.compile(_AG["per_commune_units"]["pattern"])
_MORE_LEVELS = re.compile(rf"(?:,\s*(?:xã|phường|đặc khu)(?![\w]))+(?!\s+[{UPPER}])")
_BRANCH = re.compile(_AG["branch_suffix"]["pattern"])
# lower-case words of three or more syllables inside a name after a capitalised word ('Khu kinh tế', 'Khu công nghiệp')
_NAME_WORDS = re.compile(r"(?:%s)(?![\w])" % "|".join(
    re.escape(w) for w in sorted(_AG["name_words"]["words"], key=len, reverse=True)))

_LOWER_TAIL_HEADS = set(_AG["lower_tail_heads"]["heads"])
# a Sở's or a commune's own units ('Phòng'): a lower-case tail only over a field's words or after a word that needs an
# object ('Phòng Quản lý thương mại'); see patterns/agencies.json own_unit_tails and _tail
_OPEN_TAIL_HEADS = frozenset(_AG["own_unit_tails"]["heads"])
_OPEN_BEFORE = re.compile(r"(?<![\w])(?:%s)\s+$" % "|".join(
    re.escape(w) for w in sorted(_AG["own_unit_tails"]["open_words"], key=len, reverse=True)))
_OPEN_WORD = re.compile(r"(?:%s)(?![\w])" % "|".join(
    re.escape(w) for w in sorted(_AG["own_unit_tails"]["open_words"], key=len, reverse=True)))
_TAIL_STOP = re.compile(r"(?:%s)(?![\w])" % "|".join(re.escape(w) for w in sorted(_AG["tail_stops"]["words"], key=len, reverse=True)))
_PARTY_PARENT = re.compile(r"(?:Đảng ủy|Tỉnh ủy|Huyện ủy|Thành ủy)(?![\w])")


def _duty_verbs() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The verbs a directive sentence opens with (``directive_starts`` of patterns/tasks.json, the one list of them) as
    the lower-case words that end a name: a doer's name stops where what it must do begins ('Chi cục Chăn nuôi và
    Thú y thực hành tiết kiệm …', 'Ngân hàng Nhà nước Việt Nam chuẩn bị …').

    Returns (any such verb of two words or more, those of them that are no field of a body's name, those that
    are). A verb of one syllable ('lập', 'tạo') could be the second half of a word ('đào tạo') and is left out; a
    verb that is also a field a body is named for ('xây dựng', 'đầu tư', 'phát triển': 'Trung tâm Kiểm định chất
    lượng xây dựng') ends a lower-case tail only before the things it makes
    ('Phòng Kinh tế xây dựng các tuyến du lịch …', see :func:`_field_verb_object`), and the one syllable a
    capitalised word takes ('Việt Nam xây dựng …')."""
    entries = [e["words"] for e in patterns.load("tasks")["directive_starts"]["entries"] if " " in e["words"]]
    fields = [w for w in entries if any(re.match(rf"(?:{w})(?![\w])", p) for p in _FIELD_PARTS)]
    alt = lambda ws: re.compile(r"(?:%s)(?![\w])" % "|".join(ws))  # noqa: E731
    return alt(entries), alt([w for w in entries if w not in fields]), alt(fields)


# the parts of the fields bodies are named for, in lower case ('giao thông', 'xây dựng', 'phát triển nông thôn'), and
# their first two syllables ('giao thông' of 'Giao thông vận tải'): a lower-case tail may hold them ('Phòng Quản lý
# giao thông', though 'giao' alone is a verb that ends a name)
_FIELD_PARTS = sorted({p.strip().lower() for f in _SO_FIELDS + _MINISTRY_FIELDS for p in re.split(r",|\s+và\s+|\s+[-–]\s+", f)})
_FIELD_PART = re.compile(r"(?:%s)(?![\w])" % "|".join(
    re.escape(w) for w in sorted({" ".join(p.split()[:2]) for p in _FIELD_PARTS if " " in p}, key=len, reverse=True)))
# a duty verb where a capitalised word's second syllable would be ('Việt Nam chuẩn bị'), and where a lower-case tail
# would go on ('Thú y thực hành tiết kiệm'); see _duty_verbs
_DUTY_VERB, _DUTY_VERB_NOT_FIELD, _FIELD_VERB = _duty_verbs()
_LIST_VERB = re.compile(r"\s*,\s*|\s+và\s+")
_OBJECT_WORD = re.compile(rf"\s+(?:(?:các|những)\s|(?=[{LOWER}]))")


def _field_verb_object(text: str, s: int) -> bool:
    """Is the field at ``s`` a verb with its object ('Phòng Kinh tế xây dựng các tuyến du lịch', 'Trung tâm Phát
    triển quỹ đất xây dựng khu tái định cư') rather than the last words of a name ('Trung tâm Kiểm định chất lượng
    xây dựng chủ trì')? So when a lower-case word follows it that is neither a field ('đầu tư xây dựng'), a level,
    a function word nor a verb, a plural ('các', 'những'), a document ('xây dựng Kế hoạch'), or another duty after a
    comma or 'và' ('xây dựng, trình …').

    >>> t = "Trung tâm Phát triển quỹ đất xây dựng khu tái định cư"
    >>> _field_verb_object(t, t.index("xây")), _field_verb_object("chất lượng xây dựng chủ trì", 11)
    (True, False)
    """
    m = _FIELD_VERB.match(text, s)
    if m is None:
        return False
    if (lm := _LIST_VERB.match(text, m.end())) and (_DUTY_VERB.match(text, q := lm.end()) or STOP_PHRASES.match(text, q)
                                                     or _TAIL_STOP.match(text, q)):
        return True  # one of the duties listed: 'xây dựng, trình …', 'xây dựng và triển khai …'
    if (dm := _SPACES.match(text, m.end())) and _DOCUMENT_WORD.match(text, dm.end()):
        return True  # 'xây dựng Kế hoạch …'
    o = _OBJECT_WORD.match(text, m.end())
    if o is None:
        return False
    if o.group(0).rstrip().endswith(("các", "những")):
        return True
    q = o.end()
    w = _WORD_AT.match(text, q)
    return w is not None and w.group(0) not in STOP_SINGLE and not (
        _FIELD_PART.match(text, q) or _NAME_WORDS.match(text, q) or _LEVEL_RE.match(text, q) or STOP_PHRASES.match(text, q)
        or _TAIL_STOP.match(text, q) or _DUTY_VERB.match(text, q) or _UNIT_FIELD.match(text, q))


def _lower_tail_word(text: str, s: int, t: str) -> bool:
    """May a lower-case word go on a central unit's name ('Cục Biến đổi khí hậu', 'Vụ Hợp tác quốc tế')?"""
    return (t not in STOP_SINGLE or bool(_FIELD_PART.match(text, s))) and not STOP_PHRASES.match(text, s) \
        and not _TAIL_STOP.match(text, s) and not _LEVEL_RE.match(text, s) and not _DUTY_VERB_NOT_FIELD.match(text, s) \
        and not _field_verb_object(text, s)


# a unit's field read whole ('phòng cháy, chữa cháy và cứu nạn, cứu hộ', 'Cảnh sát hình sự'); patterns/agencies.json
_UNIT_FIELD = re.compile(r"(?i:%s)(?![\w])" % "|".join(
    re.escape(w) for w in sorted(_AG["unit_fields"]["words"], key=len, reverse=True)))
_LOWER_RUN_HEADS = frozenset(_AG["lower_run_heads"]["heads"])
_LOWER_WORD_START = re.compile(rf"\s+(?=[{LOWER}])")


def _ends_there(text: str, pos: int) -> bool:
    """Does a name end at ``pos``: punctuation, a line's end, 'và' or 'cùng', a level word, or a verb a doer's duty
    opens with?"""
    m = _SPACES.match(text, pos)
    if m is None:
        return pos >= len(text) or text[pos] in ",;:.()"
    if m.end() >= len(text) or ("\n" in m.group(0) and not text[m.end()].islower()):
        return True  # (a line that goes on in lower case was wrapped there: 'Chi cục Quản lý' / 'thị trường), …')
    q = m.end()
    if text[q] in ",;:.()" or text.startswith(("và ", "cùng "), q) or _LEVEL_RE.match(text, q):
        return True
    # (a verb after a word that needs an object may be that object: 'Phòng Cảnh sát' + 'điều tra tội phạm về ma túy')
    return not _OPEN_BEFORE.search(text, max(0, pos - 24), pos + 1) and bool(
        STOP_PHRASES.match(text, q) or _DUTY_VERB_NOT_FIELD.match(text, q)
        or (_TAIL_STOP.match(text, q) and not _FIELD_PART.match(text, q)))


_NAME_TOKEN = re.compile(r"\S+")
_NAME_WORDS_MAX = 14  # words after a head that a name ending elsewhere is looked for in


class _NameEnds:
    """The names the document shows ending after one head (:func:`_name_ends`), counted when asked: the words of
    each place the head occurs at are read once (up to :data:`_NAME_WORDS_MAX`, and not past a word that a mark
    other than a comma ends), and whether a name ends after them (:func:`_ends_there`) only for a run asked about."""

    __slots__ = ("text", "places", "counts")

    def __init__(self, text: str, head: str):
        self.text = text
        self.places: list[list[tuple[str, str, int]]] = []  # per place: (word, word without its end marks, where)
        self.counts: dict[tuple[str, ...], int] = {}
        for m in re.finditer(r"(?<![\w])%s(?![\w])" % re.escape(head), text):
            words: list[tuple[str, str, int]] = []
            for w in _NAME_TOKEN.finditer(text, m.start(), min(len(text), m.start() + 240)):
                tok = w.group(0)
                bare = tok.rstrip(",;:.()")
                words.append((tok, bare, w.start()))
                if bare != tok and tok[len(bare):len(bare) + 1] != ",":
                    break  # (a name goes on over a comma only: 'phòng, chống …')
                if len(words) >= _NAME_WORDS_MAX:
                    break
            self.places.append(words)

    def count(self, words: tuple[str, ...]) -> int:
        """At how many places the run of ``words`` from the head ends where a name ends (its last word without the
        marks after it)."""
        n = self.counts.get(words)
        if n is None:
            k = len(words)
            n = 0
            if k:
                for place in self.places:
                    if len(place) >= k and place[k - 1][1] == words[-1] and place[k - 1][1] \
                            and all(place[i][0] == words[i] for i in range(k - 1)) \
                            and _ends_there(self.text, place[k - 1][2] + len(place[k - 1][1])):
                        n += 1
            self.counts[words] = n
        return n


@lru_cache(maxsize=64)
def _name_ends(text: str, head: str) -> _NameEnds:
    """The names the document shows ending, read from every place ``head`` occurs in ``text``: a run of words from
    the head counts at each place it ends where a name ends (:func:`_ends_there`). Built once per document and head
    (:func:`reset_caches`), each run counted once when first asked about, so that asking about each name costs a
    look-up, however many the document has."""
    return _NameEnds(text, head)


@lru_cache(maxsize=20000)
def _attested_end(text: str, start: int, least: int, end: int) -> int:
    """Where a name read up to ``end`` over lower-case words ends, by what the document shows of it elsewhere: a
    reading that runs on over a verb no list knows ('Trung tâm Kiểm soát bệnh tật phun hóa chất') is cut where
    the same name ends elsewhere in the text ('Trung tâm Kiểm soát bệnh tật;', '… bệnh tật chủ trì'), unless the
    whole reading is seen ending so as well. ``least``: the name is longer than that (its head, which ``text``
    has from ``start`` to ``least``). The names looked at are those of the document being read (:func:`set_document`;
    ``text`` itself when none is set), as ``text`` may be one paragraph of it. Memoised per document.

    >>> t = "Giao Trung tâm Kiểm soát bệnh tật phun hóa chất diệt muỗi. Nơi nhận: Trung tâm Kiểm soát bệnh tật;"
    >>> t[5:_attested_end(t, 5, 14, t.index(" diệt"))]
    'Trung tâm Kiểm soát bệnh tật'
    """
    doc = _DOCUMENT[0] if _DOCUMENT[0] is not None else text
    ends = _name_ends(doc, text[start:least])

    def seen(e: int, here: bool = False) -> bool:
        # (the reading itself is one of the places when it ends there: then another one is needed)
        return ends.count(tuple(text[start:e].split())) > (1 if here else 0)

    if seen(end, _ends_there(text, end)):
        return end
    # (a place where the reading itself could have ended, before 'và' or a comma, is where it chose to go on)
    cuts = [m.start() for m in _LOWER_WORD_START.finditer(text, least, end) if m.start() > least
            and not _ends_there(text, m.start())]
    return next((c for c in reversed(cuts) if seen(c)), end)


_RUN_INSIDE = frozenset(("các", "và"))


def _lower_run(text: str, j: int) -> int:
    """The end of a unit's name that follows its head in lower case ('Ban Quản lý dự án đầu tư xây dựng' + 'các
    công trình dân dụng và công nghiệp'), up to a verb, a function word, a capitalised word or punctuation; ``j``
    when there is none or it runs on past eight words (then it is no name).

    >>> t = "Trung tâm Y tế khu vực kiểm tra"
    >>> t[:_lower_run(t, len("Trung tâm Y tế"))]
    'Trung tâm Y tế khu vực'
    """
    end, n, pos, limit = j, 0, j, min(len(text), j + 90)
    while (m := _TOKEN.search(text, pos, limit)) is not None:
        s, t = m.start(), m.group(0)
        whole = _NAME_WORDS.match(text, s) or _FIELD_PART.match(text, s)  # 'công trình', 'giao thông': one word
        if not t[0].islower() or (not whole and ((t in STOP_SINGLE and t not in _RUN_INSIDE) or STOP_PHRASES.match(text, s)
                                                 or _TAIL_STOP.match(text, s) or _DUTY_VERB_NOT_FIELD.match(text, s)
                                                 or _LEVEL_RE.match(text, s))):
            break
        n += 1
        if n > 8:
            return j
        pos = whole.end() if whole else m.end()
        if t not in _RUN_INSIDE:
            end = pos
    return end


def _opens_line(text: str, s: int) -> bool:
    """Does the capitalised word at ``s``, first of its line, begin something else than the rest of a name wrapped
    there: another body ('Sở …', 'Giám đốc …') or a duty ('Tập trung …', 'Chủ trì …')?"""
    low = text[s].lower() + text[s + 1:s + 40]
    if _HEAD_RE.match(text, s) or _POST_RE.match(text, s):
        return True
    # (a word a unit is named by is the name's, wrapped: 'Ban' + '\nQuản lý khu kinh tế')
    return not _OPEN_WORD.match(text, s) and bool(STOP_PHRASES.match(low) or _DUTY_VERB.match(low))


@lru_cache(maxsize=20000)
def _tail(text: str, j: int, lower_start: bool = False, lower_tail: bool = False,
          open_only: bool = False) -> tuple[int, str | None, str | None]:
    """Consume an organisation name tail starting at ``j``; return (end, level, place). Memoised (within a
    document: :func:`reset_caches`), as one name is read again from every list and check that reaches it.

    With ``lower_tail`` (central units: 'Cục Viễn thám quốc gia', 'Trung tâm Truyền thông tài nguyên và môi
    trường') the name goes on over lower-case words until a function word, a verb or punctuation. With ``open_only``
    too (a Sở's or a commune's own 'Phòng') only over the words of a field ('Phòng Kinh tế - Vật liệu xây dựng') and
    over the object of a word that needs one ('Phòng Quản lý thương mại'); a complete name ('Phòng Kinh tế') never
    takes the verb after it ('Phòng Kinh tế phân bổ vốn')."""
    toks = _LazyTokens(text, j, min(len(text), j + 110))
    end, level, place = j, None, None
    last_cap = False
    cap_run = 0  # capitalised words in a row up to here ('Bảo Lộc': 2, a place's whole name)
    lowers = 0
    run_open = False  # (open_only) a lower-case run that began after a word needing an object
    k = 0
    while toks.has(k):
        s, e, t = toks[k]
        if t[0].isupper() and text.find("\n", end, s) >= 0 and _opens_line(text, s):
            break  # a name ends with its line ('3. Sở Xây dựng' + '\nTập trung hướng dẫn …')
        if lower_tail and lowers < 8 and (uf := _UNIT_FIELD.match(text, s)):
            end = uf.end()  # 'Phòng Cảnh sát' + 'phòng cháy, chữa cháy và cứu nạn, cứu hộ': one field, commas and all
            while toks.has(k) and toks[k][0] < end:
                k += 1
            last_cap = False
            lowers += 1
            run_open = False
            continue
        if open_only and t[0].islower() and t != "và" and end > j and lowers < 8 and not run_open:
            if lowers == 0 and _OPEN_BEFORE.search(text, max(j, s - 24), s):
                run_open = True  # 'Phòng Quản lý' + 'thương mại'
            elif (fp := _FIELD_PART.match(text, s)) and not _field_verb_object(text, s) \
                    and not _TAIL_STOP.match(text, s):
                end = fp.end()  # 'Phòng Kinh tế - Vật liệu' + 'xây dựng'
                while toks.has(k) and toks[k][0] < end:
                    k += 1
                last_cap = False
                lowers += 1
                continue
        if lower_tail and (end > j or lower_start) and t[0].islower() and lowers < 8:
            fm = _SO_FIELD_RE.match(text, s)  # a known field in lower case ('tài nguyên và môi trường')
            if fm and " và " in fm.group(0) and not text[fm.end():fm.end() + 1].isalpha():
                end = fm.end()
                while toks.has(k) and toks[k][1] <= end:
                    k += 1
                last_cap = False
                lowers += 1
                continue
        if t == "số" and toks.has(k + 1) and toks[k + 1][2].isdigit():
            end = toks[k + 1][1]  # 'Ban Quản lý dự án đầu tư xây dựng số 1', 'Tổ công tác số 06'
            k += 2
            last_cap = False
            continue
        if t == "và" and lower_tail and end > j and toks.has(k + 1) and toks[k + 1][2][0].islower() \
                and (not open_only or run_open):
            # 'Viện Chiến lược, Chính sách đô thị và nông thôn nghiên cứu': 'và' and lower-case words that end in a verb
            # or punctuation go on the name; 'Cục X và địa phương có rừng' does not
            r = k + 1
            while toks.has(r) and r - k <= 3 and toks[r][2][0].islower() and _lower_tail_word(text, toks[r][0], toks[r][2]):
                r += 1
            if r > k + 1 and (not toks.has(r) or not toks[r][2][0].isalnum()
                              or STOP_PHRASES.match(text, toks[r][0]) or _TAIL_STOP.match(text, toks[r][0])):
                end = toks[r - 1][1]
                lowers += r - k - 1
                k = r
                last_cap = False
                continue
            break
        if t == "và":
            if end > j and toks.has(k + 1) and toks[k + 1][2][0].isupper() \
                    and not _HEAD_RE.match(text, toks[k + 1][0]) and not _POST_RE.match(text, toks[k + 1][0]):
                k += 1
                last_cap = False
                continue
            break
        if t[0].islower():
            lm = _LEVEL_RE.match(text, s)
            if lm:
                level = lm.group(0)
                end, place = _place_after(text, lm.end())
                if place is None:
                    end = lm.end()
                elif level.lower() in ("xã", "phường", "đặc khu") and (dm := _DASH_PLACE.match(text, end)) \
                        and not _HEAD_RE.match(text, dm.start(1)) and not _POST_RE.match(text, dm.start(1)):
                    end, place = dm.end(), place + " - " + dm.group(1)  # 'phường Xuân Hương - Đà Lạt' (a 2025 ward)
                return end, level, place
            # a lowercase run that ends in a level word ('quỹ đất tỉnh', 'hành chính công xã')
            r = k
            while toks.has(r) and r - k < 9:
                rs, re_, rt = toks[r]
                if rt == "và" and r > k:
                    r += 1  # ('các công trình dân dụng và công nghiệp tỉnh': a run that ends in a level word)
                    continue
                if not rt[0].islower() or STOP_PHRASES.match(text, rs) or (r == k and rt in STOP_SINGLE and rt != "các") \
                        or _DUTY_VERB_NOT_FIELD.match(text, rs):
                    break  # (function words may sit inside such a run: 'xây dựng các công trình giao thông tỉnh')
                if r > k and _LEVEL_RE.match(text, rs):
                    break
                r += 1
            started = end > j or lower_start  # 'Trung tâm xúc tiến Đầu tư, …' may begin in lower case
            if started and toks.has(r) and r > k and _LEVEL_RE.match(text, toks[r][0]) and toks[r][2][0].islower():
                k = r
                continue
            if lower_start and end == j and r > k and r - k <= 3 and toks.has(r) and toks[r][2][0].isupper() \
                    and not _HEAD_RE.match(text, toks[r][0]):
                end = toks[r - 1][1]  # 'Trung tâm xúc tiến Đầu tư …'
                k = r
                continue
            if started and r > k and r - k <= 3 and toks.has(r) and toks[r][2] == "," and _CONTINUATION.match(text, toks[r][0]):
                end = toks[r - 1][1]
                return end, level, place
            nw = _NAME_WORDS.match(text, s) if last_cap and end > j else None
            if nw:  # 'Khu kinh tế', 'Khu công nghiệp': the whole word, not only its next syllable
                end = nw.end()
                while toks.has(k) and toks[k][0] < end:
                    k += 1
                last_cap = False
                continue
            if lower_start and end == j and r > k and r - k <= 3 and toks.has(r) and _PARTY_PARENT.match(text, toks[r][0]):
                end = toks[r - 1][1]  # 'Ban xây dựng đảng Đảng ủy': a unit of a party committee, then the committee
                k = r
                continue
            # (after one capitalised word only: two or more in a row are a proper name, complete as written,
            # 'Trung tâm Y tế khu vực Bảo Lộc lấy mẫu …')
            if last_cap and cap_run == 1 and end > j and t not in _NOT_SECOND_SYLLABLE and not STOP_PHRASES.match(text, s) \
                    and not ((tm := _TAIL_STOP.match(text, s)) and " " in tm.group(0)) and not _DUTY_VERB.match(text, s):
                end = e  # second syllable of a compound word ('Y tế', 'Tài chính'; not 'Báo Lào Cai đăng tải …')
                last_cap = False
                k += 1
                continue
            if lower_tail and (end > j or lower_start) and lowers < 8 and (not open_only or run_open) \
                    and (nw := _NAME_WORDS.match(text, s)):
                end = nw.end()  # 'Phòng Quản lý chất lượng công trình xây dựng' ('trình' alone is a verb)
                while toks.has(k) and toks[k][0] < end:
                    k += 1
                last_cap = False
                lowers += 1
                continue
            if lower_tail and (end > j or lower_start) and lowers < 8 and (not open_only or run_open) \
                    and _lower_tail_word(text, s, t):
                end = e
                last_cap = False
                lowers += 1
                k += 1
                continue
            break
        if t[0].isupper() or (t.isdigit() and last_cap and len(t) <= 2):  # 'Phường 2 Bảo Lộc', 'Bảo Lâm 2'
            end = e
            # (an abbreviation is no syllable of a proper name: 'Công ty TNHH Hóa chất')
            cap_run = 0 if len(t) > 1 and t.isupper() else cap_run + 1 if last_cap else 1
            last_cap = True
            k += 1
            continue
        if t.isdigit() and len(t) <= 4 and _NUMBERED_COMMITTEE.search(text, max(0, s - 20), s):
            end = e  # 'Ban Chỉ đạo 389 tỉnh', 'Tổ công tác 1645': a committee known by its number
            cap_run = 2
            last_cap = True
            k += 1
            continue
        if t in ("-", "–", "&") and end > j and toks.has(k + 1) and toks[k + 1][2][0].isupper():
            k += 1
            last_cap = False
            continue
        break
    return end, level, place


_COMMITTEE_NAME = re.compile(r"^(UBND|HĐND|Ủy ban MTTQ)")
_PARTY_NAME = re.compile(r"^(Tỉnh ủy|Huyện ủy|Thành ủy|Đảng ủy|Ban Thường vụ|Ban Chấp hành|Ban Bí thư|Bộ Chính trị)")


def _classify(name: str) -> str:
    if _COMMITTEE_NAME.match(name):
        return "committee"
    if _PARTY_NAME.match(name):
        return "party"
    return "agency"


_ACTOR_STARTS = tuple(_AG["actor_starts"])  # role names written in lower case ('chính quyền địa phương')
_GROUP_STARTS = ("các ", "Các ", "cơ quan", "Cơ quan", "cấp có", "Cấp có") + _ACTOR_STARTS + tuple(
    a[0].upper() + a[1:] for a in _ACTOR_STARTS)
_COMMITTEE_STARTS = ("UBND ", "Ủy ban nhân dân ")


_SEAT = re.compile(r"\s+lỵ(?![\w])")  # 'huyện lỵ', 'tỉnh lỵ': the seat of a district or province, a town


def scan_group(text: str, i: int) -> Org | None:
    """A group of bodies named by their kind ('các sở, ban, ngành', 'UBND các xã, phường') starting at ``i``.

    >>> scan_group("các huyện, thị xã thực hiện", 0).name, scan_group("các huyện lỵ, thị xã", 0)
    ('UBND các huyện, thị xã', None)
    """
    grouped = text.startswith(_GROUP_STARTS, i)
    if not grouped and (bm := _BARE_FIRST.match(text, i)):
        # 'phối hợp với sở, ban, ngành': kinds listed without 'các', after 'với'
        e = _kinds_end(text, i, bm.end(), 0)
        return Org(canonical(text[i:e]), i, e, kind="group") if e > bm.end() else None
    if not grouped:
        for c in _COMMITTEE_STARTS:  # 'UBND các xã, phường', 'UBND xã, phường'
            if text.startswith(c, i) and text.startswith(("các ", "xã, ", "Các ", "huyện, ", "quận, ", "địa phương", "cấp xã, "), i + len(c)):
                break
        else:
            return None  # every group starts so
    # 'các Bộ, ngành và các địa phương liên quan': kinds of bodies listed, named by no entry or past an entry's end
    family, first = next(((f, k.end()) for f, rx in enumerate(_KIND_LISTS) if (k := rx.match(text, i))), (0, None))
    listed = _kinds_end(text, i, first, family) if first is not None else i  # (two kinds or more)
    m, g = next(((m, g) for rx, g in _GROUPS if (m := rx.match(text, i))), (None, None))
    if m is not None and _SEAT.match(text, m.end()):
        return None  # 'các huyện lỵ, thị xã': district towns, places, not their People's Committees
    # 'Giám đốc các sở, thủ trưởng các ban, ngành': one kind, then another body by its head's post
    single = m is None and first is not None and listed == first and ANOTHER_POST_FOLLOWS.match(text, first) is not None
    g = g or {}
    if m is not None or listed > (first or i) or single:
        end = m.end() if m else i
        # only a list that opens with 'các' and a kind goes on ('UBND các xã, phường và các đơn vị …' is two groups)
        longer = _kinds_end(text, i, max(end, listed), family) if first is not None and not (
            m is not None and _LOCALITIES_ONLY.fullmatch(text, i, m.end())) else max(end, listed)
        if longer > end:
            end = longer
            if not _LOCALITIES_ONLY.fullmatch(text, i, end):
                g = {}
        q = _QUALIFIER.match(text, end)
        if q is not None and q.end() > end and not text[end:q.end()].strip().startswith(("tỉnh", "cấp")):
            end = q.end()  # 'các đơn vị khác có liên quan': a qualifier the entry does not spell out
        if family == 1 and (dm := _PRIVATE_DESCRIPTOR.match(text, end)):
            end = _descriptor_end(text, dm.end())  # 'các doanh nghiệp cung cấp dịch vụ an toàn thông tin, …'
        if family == 1 and (zm := _IN_ZONE.match(text, end)):
            end = _zone_end(text, zm.end())  # '… kinh doanh dịch vụ kho, bãi trong Khu kinh tế cửa khẩu': where they are
        raw = text[i:end]
        om = _UNDER_ORG.match(text, end)
        if om:  # 'các đơn vị truyền thông thuộc Bộ Tài nguyên và Môi trường', 'cơ quan chuyên môn thuộc Bộ Tài chính'
            parent = scan_org(text, om.end())
            if parent is not None and parent.kind != "person_post":
                end = parent.end
                raw = text[i:om.end()] + parent.name
        name = canonical(raw)
        if name[0].isupper() and name.split()[0] in ("Các", "Cơ", "Cấp"):
            name = name[0].lower() + name[1:]
        prefix = g.get("canonical_prefix")
        if prefix and not name.startswith(prefix):
            name = f"{prefix} {name}"
        return Org(name, i, end, kind="group", agency=not g.get("non_agency", False))
    return None


_GG = _AG["group_grammar"]
# kinds listed on in one group: ', ' / ' và ' and a bare kind ('các sở, ban, ngành và địa phương'); a kind with its own
# 'các' after them starts another group ('các Sở, ban, ngành' and 'các cơ quan, đơn vị liên quan')
_KIND_SEP = r"(?:,\s*(?:và\s+)?|\s+và\s+)(?!các\s)"


def _kind_list(words: list[str]) -> re.Pattern:
    kind = "(?:%s)" % "|".join(re.escape(k) for k in sorted(words, key=len, reverse=True))
    return re.compile(rf"[Cc]ác\s+{kind}(?![\w])")


_VERB_KINDS = "|".join(map(re.escape, _GG["verb_kinds"]))


def _more_kinds(words: list[str]) -> re.Pattern:
    kind = "(?:%s)" % "|".join(re.escape(k) for k in sorted(words, key=len, reverse=True))
    # (a kind that is a verb too goes on only before a separator, a qualifier or punctuation)
    kind = rf"(?:(?!(?:{_VERB_KINDS})(?![\w])(?!\s*(?:[,;.:)]|$|\s+(?:và|có|liên quan|khác|trên|thuộc|trực thuộc)(?![\w]))))){kind}"
    # (not the head of a named body: 'cơ quan thuế, Sở Tài chính')
    return re.compile(rf"{_KIND_SEP}(?P<kind>{kind})(?![\w])(?!\s+(?!Trung ương)[{UPPER}])")


# the first kind of a group named by kinds of one family ('các Bộ'); :func:`_kinds_end` reads the others
_KIND_LISTS = [_kind_list(_GG["categories"]), _kind_list(_GG["private"])]
# one more kind after a group the list of groups names ('các Bộ, ngành' + ' và các địa phương liên quan')
_MORE_KINDS = [_more_kinds(_GG["categories"]), _more_kinds(_GG["private"])]
ANOTHER_POST_FOLLOWS = re.compile(r"(?=,\s*(?:%s)\s)" % "|".join(
    "[%s%s]%s" % (w[0], w[0].upper(), re.escape(w[1:])) for w in _AG["another_post_follows"]["words"]))
_QUALIFIER = re.compile(_GG["qualifier"] + r"(?![\w])", re.I)
_LOC = "(?:%s)" % "|".join(re.escape(k) for k in sorted(_GG["localities"], key=len, reverse=True))
_LOCALITIES_ONLY = re.compile(rf"(?:UBND\s+|Ủy ban nhân dân\s+)?các\s+{_LOC}(?:{_KIND_SEP}{_LOC})*(?![\w]){_GG['qualifier']}", re.I)


_PRIVATE_DESCRIPTOR = re.compile(_GG["private_descriptor"]["pattern"])
_DESCRIPTOR_WORD = re.compile(rf"(?:,\s*|\s+)([{LOWER}]+)")
_BARE_FIRST = re.compile(_GG["bare_lists"]["after"] + "(?:%s)(?![\\w])(?=%s)" % (
    "|".join(re.escape(k) for k in sorted(_GG["bare_lists"]["kinds"], key=len, reverse=True)), _KIND_SEP))


# private parties placed in a zone ('các doanh nghiệp … trong Khu kinh tế cửa khẩu', '… tại các khu công nghiệp')
_IN_ZONE = re.compile(r"\s+(?:trong|tại|thuộc)\s+(?=(?:các\s+)?(?:Khu|Cụm|khu|cụm)\s)")
_ZONE_WORD = re.compile(rf"\s*([{UPPER}{LOWER}0-9]+)")


def _zone_end(text: str, q: int) -> int:
    """Where the zone's name that starts at ``q`` ends: its words up to a verb, a function word or punctuation.

    >>> t = "các doanh nghiệp trong Khu kinh tế cửa khẩu Lào Cai bố trí bãi đỗ"
    >>> t[:_zone_end(t, 23)]
    'các doanh nghiệp trong Khu kinh tế cửa khẩu Lào Cai'
    """
    end = q
    for k in range(10):
        m = _ZONE_WORD.match(text, end)
        if not m or (k >= 2 and (m.group(1) in STOP_SINGLE or STOP_PHRASES.match(text, m.start(1))
                                  or _DUTY_VERB.match(text, m.start(1)))):
            break
        end = m.end()
    return end


def _descriptor_end(text: str, end: int) -> int:
    """Where the words that describe private parties end ('… dịch vụ an toàn thông tin, công nghệ thông tin triển khai'):
    lower-case words, a comma only before another such word, up to a verb, a function word or punctuation."""
    for _ in range(14):
        m = _DESCRIPTOR_WORD.match(text, end)
        if not m or m.group(1) in STOP_SINGLE or STOP_PHRASES.match(text, m.start(1)):
            break
        end = m.end()
    return end


def _entry_end(text: str, i: int) -> int:
    """Where the first group entry that matches at ``i`` ends (``i`` if none)."""
    return next((m.end() for rx, _ in _GROUPS if (m := rx.match(text, i))), i)


def _kinds_end(text: str, i: int, end: int, family: int) -> int:
    """Extend a group over the kinds of its family listed after it, stopping before a kind that another entry names
    in more words ('các Sở, ngành và các cơ quan chức năng': 'các cơ quan chức năng' is a group of its own)."""
    rx, e = _MORE_KINDS[family], end
    while (km := rx.match(text, e)) is not None:
        start = km.start("kind")
        cac = text.rfind("các", e, start)
        if _entry_end(text, cac if cac >= 0 else start) > _QUALIFIER.match(text, km.end()).end():
            break
        e = km.end()
    if e > end:
        q = _QUALIFIER.match(text, e)
        return q.end() if q else e
    return end


_HEAD_VERBS = tuple(_AG["head_verbs"])
# a group narrowed to the units of one body: an optional lower-case kind, then 'thuộc' and that body
_UNDER_ORG = re.compile(rf"(?:\s+(?:có liên quan|liên quan|truyền thông|chuyên môn|chức năng|sự nghiệp))?\s+(?:trực\s+)?thuộc\s+(?=[{UPPER}]|các\s)")
_CONT_PREFIXES = ("Ban Quản lý ", "Trung tâm ")
_CONT_HEADS = {"Trung tâm", "Ban", "Văn phòng", "Liên đoàn", "Hội", "Viện", "Học viện", "Ban Quản lý"}
# heads whose name may have parts a comma joins ('Phòng Kinh tế, Hạ tầng và Đô thị'); see patterns/agencies.json
_COMMA_JOINED_HEADS = frozenset(_AG["comma_joined_heads"]["words"])
_CONTINUATION = re.compile(rf",\s*({CAP_WORD}(?:\s+[{LOWER}]+)?(?:\s+{CAP_WORD}(?:\s+[{LOWER}]+)?)*\s+và\s+{CAP_WORD}(?:\s+[{LOWER}]+)?)(?=[\s,.;:)]|$)")
_CAN_START = re.compile(rf"[{UPPER}]|các\s|cơ\s|cấp\s|lãnh\s|đại\s|đồng\s|người\s|(?:%s)\s" % "|".join(
    re.escape(a.split()[0]) for a in _ACTOR_STARTS + tuple(p for p in _AG["posts"] if p[:1].islower())))
# where an organisation mention can begin: an optional prefix and post, then a head or a group word
ORG_START = re.compile(
    r"(?<![\w])(?=(?:(?:%s)\s+)?(?:(?:%s)\s+)?(?:%s|[Cc]ác\s|[Cc]ơ quan\s|[Cc]ấp có\s|(?i:%s)\s))" % (
        "|".join(re.escape(p) for p in sorted(_AG["strip_prefixes"], key=len, reverse=True)),
        "|".join(re.escape(p) for p in sorted(_AG["posts"], key=len, reverse=True)),
        "|".join(re.escape(h) for h in _COMPOUND + _HEADS),
        "|".join(re.escape(a) for a in _ACTOR_STARTS),
    )
)


_BARE_HEAD_NAME = re.compile(r"^(Ban|Phòng|Trung tâm|Bộ|Hội|Đoàn|Trường|Tổ)\b")


def is_commune_unit(name: str) -> bool:
    """Whether a name is a unit every commune has, named for all of them ('Phòng Văn hóa - Xã hội các xã').

    >>> is_commune_unit("Công an các xã, phường"), is_commune_unit("Công an tỉnh")
    (True, False)
    """
    return _PER_COMMUNE.search(name) is not None


def scan_org(text: str, i: int) -> Org | None:
    """Recognise one organisation mention starting exactly at ``i``."""
    if not _CAN_START.match(text, i) and not _BARE_FIRST.match(text, i):
        return None
    start = i
    sm = _STRIP_RE.match(text, i)
    if sm:
        i = sm.end()
    post = ""
    if text.startswith(_GROUP_STARTS, i) and _POST_RE.match(text, i) and (g := scan_group(text, i)) is not None:
        g.start = start  # 'Tổ trưởng các tổ dân phố', 'Bí thư chi bộ các thôn': a kind of actor named by its post
        return g
    pm = _POST_RE.match(text, i)
    if pm:
        post = text[i:pm.end()]
        i = pm.end()
    g = scan_group(text, i)
    if g is not None:
        if post:
            g.name = canonical(post) + " " + g.name
            g.kind = "group"
        g.start = start
        return g
    hm = _HEAD_RE.match(text, i)
    if not hm or text.startswith(_HEAD_VERBS, i):  # 'Ban hành kèm theo Quyết định này …' is a verb
        return None
    head = hm.group(0)
    if head == _OSF["short"]:
        head = _OSF["long"]  # ('VP UBND tỉnh' is read as 'Văn phòng UBND tỉnh')
    j = hm.end()
    # Sở + a known field ('Sở Văn hóa, Thể thao và Du lịch', 'Sở NN&MT')
    if head in ("Sở", "Bộ"):
        fm = _SPACES.match(text, j)
        if fm:
            ff = _SO_FIELD_RE.match(text, fm.end())
            if ff:
                j = ff.end()
    elif head not in _LOWER_TAIL_HEADS and head not in _OPEN_TAIL_HEADS and (fm := _SPACES.match(text, j)) \
            and (uf := _UNIT_FIELD.match(text, fm.end())):
        j = uf.end()  # 'Ban Chỉ đạo' + 'phòng, chống tham nhũng, tiêu cực', 'Trường' + 'Trung học phổ thông'
    # 'Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh': the tail of a compound head may begin in lower case
    if head in _PLACE_HEADS:
        # 'Tỉnh ủy Lào Cai': a party committee is named by its place alone, every syllable of which is capitalised
        # ('… của Tỉnh ủy Lào Cai thành các chương trình': 'thành' is no part of it)
        end, place = _place_after(text, j)
        level = None
    else:
        end, level, place = _tail(text, j, lower_start=head in _CONT_HEADS or head.startswith(_CONT_PREFIXES),
                                  lower_tail=head in _LOWER_TAIL_HEADS or head in _OPEN_TAIL_HEADS,
                                  open_only=head in _OPEN_TAIL_HEADS)
    if end == hm.end() and head in _LOWER_RUN_HEADS and not _SCOPE_SUFFIX.match(text, end):
        end = _lower_run(text, end)  # 'Trung tâm Y tế khu vực kiểm tra …'
    if end > hm.end() and level is None and text[end - 1].islower() and (
            head in _LOWER_TAIL_HEADS or head in _OPEN_TAIL_HEADS or head in _LOWER_RUN_HEADS):
        end = _attested_end(text, hm.start(), hm.end(), end)  # '… bệnh tật' + 'phun …' (an unlisted verb)
    if end > hm.end() and head in _BARE_OK and _DOCUMENT_WORD.match(text, j + 1 if text[j:j + 1] == " " else j):
        end, level, place = hm.end(), None, None  # 'Thủ tướng Chính phủ Đề án …': the document sent, not a name
    if head in _COMMA_JOINED_HEADS and end > hm.end():
        # 'Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh': a name whose parts a comma joins
        cm = _CONTINUATION.match(text, end)
        if cm and not _HEAD_RE.match(text, cm.start(1)):
            end = cm.end()
            lm = _LEVEL_RE.match(text, end + 1) if text[end:end + 1] == " " else None
            if lm:
                end = lm.end()
    if head in _LOWER_TAIL_HEADS and end > hm.end():
        # 'Viện Chiến lược, Chính sách tài nguyên và môi trường': a name whose second part follows a comma and
        # ends in lower case before a verb
        cm = _COMMA_PART.match(text, end)
        if cm and not _HEAD_RE.match(text, cm.end()) and not _POST_RE.match(text, cm.end()):
            e2, _, _ = _tail(text, cm.end(), lower_tail=True)
            if e2 > cm.end() and text[e2 - 1].islower() and any(w[0].islower() for w in text[cm.end():e2].split()) \
                    and (e2 >= len(text) or (nx := _NEXT_WORD.match(text, e2)) is not None and is_stop_at(text, nx.end())):
                end = e2
    if head in ("Sở", "Bộ") and end > hm.end():
        pm = _OF_PROVINCES.match(text, end)  # 'Sở Nông nghiệp và Môi trường các tỉnh': that Sở of every province
        if pm:
            end = pm.end()
    if head in _GENERIC_HEADS and _PROJECT_OF.match(text, hm.end()):
        end = _project_qualifier(text, hm.end())  # 'Nhà đầu tư 02 dự án', 'Nhà đầu tư Dự án cao tốc Tân Phú - Bảo Lộc'
    if head in _STEERING_HEADS and (st := _STEERING_TAIL.match(text, hm.end())) and st.end() > end:
        end, level, place = st.end(), None, None  # 'Ban Chỉ đạo quốc gia về Phòng thủ dân sự'
    sm = _SCOPE_SUFFIX.match(text, end)
    if sm:
        end = sm.end()  # 'Hội Nông dân các cấp', 'Ban Chỉ huy … các ngành, các cấp', 'Thuế cơ sở 1'
        lm = _LEVEL_RE.match(text, end + 1) if text[end:end + 1] == " " else None
        if lm:  # 'Thuế cơ sở 1 tỉnh Lào Cai'
            e2, p2 = _place_after(text, lm.end())
            end = e2 if p2 is not None else lm.end()
    if level in ("xã", "phường") and place is None and (lm := _MORE_LEVELS.match(text, end)):
        end = lm.end()  # 'Công an xã, phường', 'Trạm Y tế xã, phường, đặc khu': the unit of each
    elif level is None and place is None and (cm := _PER_COMMUNE.match(text, end)):
        end = cm.end()  # 'Công an các xã, phường', 'Ủy ban MTTQ Việt Nam các xã nơi dự án đi qua': each commune's unit
    elif (bm := _BRANCH.match(text, end)) and (lm := _LEVEL_RE.match(text, bm.end() + 1)):
        e2, p2 = _place_after(text, lm.end())  # 'Ngân hàng Chính sách xã hội chi nhánh tỉnh Lâm Đồng'
        if p2 is not None:
            end = e2
    nu = _NUMBERED_UNIT.match(text, end)
    if nu:
        end = nu.end()  # 'Tòa án quân sự khu vực 2 Quân khu 7'
    elif end > hm.end() and (nw := _NUMBERED_WORD.search(text, max(hm.end(), end - 12), end)) and nw.end() == end \
            and (nd := _UNIT_NUMBER.match(text, end)):
        end = nd.end()  # 'Viện kiểm sát KV 2 Quân khu 7': the tail stopped before the number
    if end == hm.end():
        if fix_tones(head) in _DISTRIBUTABLE:
            bare = True  # may take the tail of a later list member ('HĐND, UBND huyện X')
        elif head in _BARE_OK:
            bare = False
        elif post and head in _OWN_BODY_HEADS and not text.startswith(_OWN_BODY_NOT, end):
            bare = False  # 'báo cáo Giám đốc Sở kết quả …': the head of the body the text is about (its issuer)
        else:
            return None
    else:
        bare = False
    raw = text[i:end]
    name = canonical((post + raw) if post else raw)
    if _BARE_HEAD_NAME.match(name) and len(name.split()) < 2:
        return None
    o = Org(name, start, end, kind=_classify(canonical(raw)), level=level, place=place, bare=bare)
    if post:
        o.kind = "person_post"
    return o


_SC = _AG["steering_committees"]
_STEERING_HEADS = frozenset(_SC["heads"])
_FIELD_WORD = r"(?!(?:%s)(?![\w]))[^\s,.;:()]+" % "|".join(map(re.escape, sorted(_SC["field_stops"], key=len, reverse=True)))
# its scope, then 'về' and its field's words ('khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số')
# (after a comma only a word in lower case: 'Ban Chỉ đạo tỉnh về chuyển đổi số, UBND các xã' is two bodies)
# … or its field first, then its scope ('Ban Chỉ đạo phòng thủ dân sự quốc gia')
_STEERING_TAIL = re.compile(r"(?:\s+%s(?:(?:,\s*(?=[%s])|\s+)%s){0,8}?\s+(?:%s)(?![\w])|(?:\s+(?:%s))*)"
                            r"(?:\s+về\s+%s(?:(?:,\s*(?=[%s])|\s+)%s){0,14})?" % (
    _FIELD_WORD, LOWER, _FIELD_WORD, _SC["scope"], _SC["scope"], _FIELD_WORD, LOWER, _FIELD_WORD))
_NUMBERED_WORD = re.compile(r"(?:%s)(?![\w])" % "|".join(map(re.escape, _AG["numbered_units"]["words"])))
_UNIT_NUMBER = re.compile(r"\s+\d{1,2}(?![\w/-]|[.,]\d)")
_NUMBERED_UNIT = re.compile(r"\s+(?:%s)\s+\d{1,2}(?![\w/-]|[.,]\d)" % "|".join(map(re.escape, _AG["numbered_units"]["words"])))
_COMMA_PART = re.compile(rf",\s*(?=[{UPPER}][{LOWER}]+\s+[{UPPER}{LOWER}])")
_NEXT_WORD = re.compile(r"\s+")
_OF_PROVINCES = re.compile(r"\s+các tỉnh(?:,\s*thành phố)?(?:\s+trực thuộc [Tt]rung ương)?(?![\w])")
_ABBR_AFTER = re.compile(rf"\s*\(([{UPPER}][{UPPER}0-9&\-]{{1,9}})\)")
_SEP = re.compile(r"\s*(?:,\s*và|,|;|/|\bvà|\bcùng)\s*")


def scan_org_list(text: str, i: int, *, allow_semicolon: bool = False) -> tuple[list[Org], int]:
    """Recognise a list of organisations ('A, B và C'); see :func:`_scan_org_list`. Results are memoised."""
    orgs, end = _scan_org_list_cached(text, i, allow_semicolon)
    return [replace(o, members=list(o.members)) for o in orgs], end


def scan_org_list_ro(text: str, i: int, *, allow_semicolon: bool = False) -> tuple[tuple[Org, ...], int]:
    """:func:`scan_org_list` for callers that only read the result (no copies)."""
    return _scan_org_list_cached(text, i, allow_semicolon)


def org_list_end(text: str, i: int, *, allow_semicolon: bool = False) -> int:
    """Where the list of organisations that starts at ``i`` ends (``i`` when none starts there).

    The same end as ``scan_org_list(text, i)[1]``, in constant time once a list through ``i`` was read: a list
    read from its first name remembers the end for the start of every name it went through, so asking at each
    comma of a long list ('Sở A, Sở B, … (3,200 names)') reads it once, not once per comma.

    >>> t = "Giao Sở Xây dựng, Sở Y tế, Công an tỉnh thực hiện"
    >>> org_list_end(t, 5) == org_list_end(t, t.index("Sở Y")) == scan_org_list(t, 5)[1] == t.index(" thực")
    True
    """
    ends = _LIST_ENDS.get((text, allow_semicolon))
    if ends is not None and i in ends:
        return ends[i]
    return _scan_org_list_cached(text, i, allow_semicolon)[1]


_DOCUMENT: list[str | None] = [None]  # the text of the document being read (set_document)


def set_document(text: str | None) -> None:
    """Read the names of ``text``, the document about to be read a paragraph at a time, as the evidence of where a
    name ends (:func:`_attested_end`); forgets what was memoised for the previous one, as :func:`reset_caches`."""
    reset_caches()
    _DOCUMENT[0] = text


def reset_caches() -> None:
    """Forget the organisation lists memoised for the previous document (call once per document), and the document."""
    _DOCUMENT[0] = None
    _scan_org_list_cached.cache_clear()
    _tail.cache_clear()
    _attested_end.cache_clear()
    _name_ends.cache_clear()
    _LIST_ENDS.clear()


# (text, allow_semicolon) -> {start of a name a list went through: where that list ends}; see org_list_end
_LIST_ENDS: dict[tuple[str, bool], dict[int, int]] = {}
_LIST_ENDS_TEXTS = 64  # texts remembered at most (reset_caches forgets them all)


def _remember_list(text: str, allow_semicolon: bool, starts: list[int], end: int) -> None:
    key = (text, allow_semicolon)
    ends = _LIST_ENDS.get(key)
    if ends is None:
        if len(_LIST_ENDS) >= _LIST_ENDS_TEXTS:
            _LIST_ENDS.clear()
        ends = _LIST_ENDS[key] = {}
    for s in starts:
        ends[s] = end


@lru_cache(maxsize=20000)
def _scan_org_list_cached(text: str, i: int, allow_semicolon: bool) -> tuple[tuple[Org, ...], int]:
    orgs, end = _scan_org_list(text, i, allow_semicolon=allow_semicolon)
    return tuple(orgs), end


def _scan_org_list(text: str, i: int, *, allow_semicolon: bool = False) -> tuple[list[Org], int]:
    """Recognise a list of organisations ('A, B và C'); distributes a shared tail to bare heads.

    Returns (orgs, end). A parenthesised enumeration right after a group becomes its members.
    """
    orgs: list[Org] = []
    pos = i
    end = i
    starts: list[int] = []  # where each name began: a list read from there ends where this one does
    nxt: Org | None = None  # the next name, read already to know that the list goes on
    while True:
        o, nxt = (nxt if nxt is not None else scan_org(text, pos)), None
        if o is None:
            break
        starts.append(pos)
        orgs.append(o)
        end = pos = o.end
        if o.kind in ("group", "party", "agency") and (pm_ := _PLACES_GROUP.fullmatch(o.name)):
            places, pend = place_shorthand(text, pos)
            if places:  # 'UBND các xã: Nam Hà, Phúc Thọ Lâm Hà' -> members UBND xã Nam Hà, UBND xã Phúc Thọ Lâm Hà
                o.members = [f"{pm_.group(1)}{pm_.group(2)} {p}" for p in places]
                o.kind = "group"  # ('Đảng ủy các xã biên giới: Y Tý, A Mú Sung': one doer, its members listed)
                end = pos = o.end = pend
        elif o.kind == "group" and _MIXED_PLACES_GROUP.fullmatch(o.name):
            places, pend = place_shorthand(text, pos)
            if places:  # 'UBND các xã, phường: Hoằng Tiến, Quảng Ninh, …': places of either level, the group named so
                end = pos = o.end = pend
        if o.kind == "group":
            fields, fend = _field_shorthand(text, pos)
            if fields:  # 'các Bộ: Công an, Tài chính, Xây dựng' -> members Bộ Công an, Bộ Tài chính, …
                head = "Bộ" if "bộ" in o.name.lower().split() else "Sở"
                o.members = [canonical(f"{head} {f}") for f in fields]
                if not _SHORTHAND_OPEN.match(text, pos).group(0).strip():
                    # 'các Bộ Tài nguyên và Môi trường, Tư pháp' (no colon): the plural of named bodies, not a group
                    orgs.pop()
                    orgs.extend(Org(m, o.start, fend, kind="agency") for m in o.members)
                end = pos = fend
        # members in parentheses: 'các cơ quan chủ quản các Chương trình (Sở A, Sở B, Ban C)'
        am = _ABBR_AFTER.match(text, pos)
        if am and o.kind != "group":  # 'Liên đoàn Thương mại và Công nghiệp Việt Nam (VCCI)': the short name is part of it
            o.name = f"{o.name} ({am.group(1)})"
            end = pos = o.end = am.end()
        pm = _OPEN_PAREN.match(text, pos)
        if pm:
            inner, iend = _scan_org_list(text, pm.end())
            cm = _CLOSE_PAREN.match(text, iend) if inner else None
            if inner and cm:
                o.members = [x.name for x in inner]
                end = pos = cm.end()
        gm = _GLOSS.match(text, pos) if o.kind != "group" and pos == o.end else None
        if gm and (sm := _SEP.match(text, gm.end())) and ";" not in sm.group(0) and scan_org(text, sm.end()) is not None:
            pos = gm.end()  # 'Công ty TNHH Tân Phú (đơn vị khai thác công trình thủy lợi), chính quyền địa phương': a gloss
        sm = _SEP.match(text, pos)
        if not sm or (";" in sm.group(0) and not allow_semicolon):
            break
        nxt = scan_org(text, sm.end())
        if nxt is None and ";" not in sm.group(0):
            nxt = _same_body_of(o, text, sm.end())  # 'UBND xã Di Linh, xã Gia Hiệp': the second is UBND xã Gia Hiệp too
        if nxt is None:
            lk = _LAST_KIND.match(text, sm.end()) if ("và" in sm.group(0) or "," in sm.group(0)) else None
            if lk:  # '…, lực lượng chức năng và địa phương': a kind alone, the last of the list
                orgs.append(Org(canonical(lk.group(0)), lk.start(), lk.end(), kind="group"))
                end = lk.end()
            break
        pos = sm.end()
    _remember_list(text, allow_semicolon, starts, end)
    # distribute the tail of the last named body to bare heads before it
    if len(orgs) > 1 and orgs[-1].level and not orgs[-1].bare:
        last = orgs[-1]
        suffix = last.level + (" " + last.place if last.place else "")
        for o in orgs[:-1]:
            if o.bare:
                if o.name.lower().startswith(last.level) or o.name.split()[0].lower().startswith(last.level):
                    o.name = f"{o.name} {last.place}" if last.place else o.name
                else:
                    o.name = f"{o.name} {suffix}"
                o.level, o.place, o.bare = last.level, last.place, False
    # 'Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố': the group's tail goes to the bare heads before it
    if len(orgs) > 1 and orgs[-1].kind == "group" and orgs[-1].name.startswith(("UBND ", "HĐND ")):
        tail = orgs[-1].name.split(" ", 1)[1]
        for o in orgs[:-1]:
            if o.bare:
                o.name, o.kind, o.bare = f"{o.name} {tail}", "group", False
    # a head still without its tail ('UBND' alone) names nobody in particular
    return [o for o in orgs if not o.bare], end


_LAST_KIND = re.compile(_AG["list_last_kinds"]["pattern"])
_UNIT_AT = re.compile(r"(xã|phường|thị trấn|đặc khu)(?![\w])")
_UNIT_NUMBER_NAME = re.compile(r"\s+\d{1,2}(?:\s+%s)*" % CAP_WORD)


def _same_body_of(prev: Org, text: str, at: int) -> Org | None:
    """After a committee of a commune named in full ('UBND xã Di Linh', 'Chủ tịch UBND phường 2'), the next commune
    named alone ('xã Gia Hiệp') is the same body of that commune.

    >>> [o.name for o in scan_org_list("UBND xã Di Linh, xã Gia Hiệp phối hợp", 0)[0]]
    ['UBND xã Di Linh', 'UBND xã Gia Hiệp']
    >>> [o.name for o in scan_org_list("Chủ tịch UBND phường Bảo Lộc và phường 2 Bảo Lộc", 0)[0]]
    ['Chủ tịch UBND phường Bảo Lộc', 'Chủ tịch UBND phường 2 Bảo Lộc']
    >>> [o.name for o in scan_org_list("UBND phường 1, phường 2, phường 3 khẩn trương", 0)[0]]
    ['UBND phường 1', 'UBND phường 2', 'UBND phường 3']
    """
    own = f"{prev.level} {prev.place}" if prev.level and prev.place else None
    if own is None or prev.bare or not prev.name.endswith(" " + own) or "UBND " + own not in prev.name:
        return None
    um = _UNIT_AT.match(text, at)
    if um is None:
        return None
    end, place = _place_after(text, um.end())
    if place is None:
        nm = _UNIT_NUMBER_NAME.match(text, um.end())  # 'phường 2, phường 3' (a number before a comma)
        if nm is None:
            return None
        end, place = nm.end(), text[um.end():nm.end()].strip()
    return replace(prev, name=prev.name[:-len(own)] + f"{um.group(1)} {place}", start=at, end=end, level=um.group(1),
                   place=place, members=[])
_GLOSS = re.compile(rf"\s*\((?=[{LOWER}])[^()\n]{{3,80}}\)")  # a lower-case description in brackets after a name
_GENERIC_HEADS = set(_AG["generic_roles"]) & set(_AG["bare_ok"])
_PROJECT_OF = re.compile(r"\s+(?:của\s+)?(?:(?:\d{1,2}|các)\s+)?[Dd]ự án(?![\w])")
_CAP_NAME = rf"{CAP_WORD}(?:\s+{CAP_WORD})*"
_PROJECT_NAME = re.compile(rf"(?:\s+[{LOWER}]+){{0,4}}?\s+{_CAP_NAME}(?:\s*[-–]\s*{_CAP_NAME}|\s+và\s+{_CAP_NAME}(?:\s*[-–]\s*{_CAP_NAME})?)*")


def _project_qualifier(text: str, end: int) -> int:
    """The project an investor or contractor is named by ('Nhà đầu tư của 02 dự án đường bộ cao tốc Tân Phú – Bảo Lộc')."""
    m = _PROJECT_OF.match(text, end)
    if not m:
        return end
    n = _PROJECT_NAME.match(text, m.end())
    first_cap = next((w.start() for w in _WORD_AT.finditer(text, m.end(), n.end()) if w.group(0)[0].isupper()), m.end()) if n else 0
    if n and not any(is_stop_at(text, w.start()) for w in _WORD_AT.finditer(text, m.end(), first_cap)):
        return n.end()
    return m.end()


_SHORTHAND_OPEN = re.compile(r"\s*:\s*|\s+(?=[%s])" % UPPER)
_SHORTHAND_SEP = re.compile(r"\s*(?:,\s*và|,|và)\s*")


def _field_shorthand(text: str, pos: int) -> tuple[list[str], int]:
    """Known fields listed after a group and a colon ('các Bộ: Công an, Tài chính và Xây dựng'); ([], pos) if none."""
    m = _SHORTHAND_OPEN.match(text, pos)
    if not m:
        return [], pos
    fields, end = _listed(text, m.end(), _field_at)
    return (fields, end) if len(fields) >= 2 else ([], pos)


def _field_at(text: str, q: int) -> tuple[str, int] | None:
    fm = _SO_FIELD_RE.match(text, q)
    return None if not fm or text[fm.end():fm.end() + 1].isalpha() else (fm.group(0), fm.end())


_PLACE_CLOSE = re.compile(r"[^\S\n]*(?:[,;.:)]|\n|và\s|$)")


def _place_at(text: str, q: int) -> tuple[str, int] | None:
    """A place of a shorthand list at ``q``. One that opens with a head word ('Trạm Tấu') is a place only when it is
    whole: two words or more, then a separator or a word that ends a name ('Sở Y' + 'tế' is a body)."""
    pl = _PLACE.match(text, q)
    if pl is None:
        return None
    if _HEAD_RE.match(text, q):
        after = _SPACES.match(text, pl.end())
        if " " not in pl.group(0) or not (_PLACE_CLOSE.match(text, pl.end())
                                           or (after is not None and is_stop_at(text, after.end()))):
            return None
    if (dm := _DASH_PLACE.match(text, pl.end())) and not _HEAD_RE.match(text, dm.start(1)):
        return f"{pl.group(0)} - {dm.group(1)}", dm.end()  # 'Xuân Hương - Đà Lạt': a 2025 ward named with its old town
    return pl.group(0), pl.end()


def _listed(text: str, q: int, read: Callable[[str, int], tuple[str, int] | None]) -> tuple[list[str], int]:
    """The items ``read`` finds from ``q`` on, joined by commas or 'và', and where the last ends (``q``: none)."""
    items: list[str] = []
    end = q
    while (r := read(text, q)) is not None:
        items.append(r[0])
        end = r[1]
        sm = _SHORTHAND_SEP.match(text, end)
        if not sm:
            break
        q = sm.end()
    return items, end


# a group of one kind of locality's committees or units ('UBND các xã', 'Chủ tịch UBND các phường', 'Đảng ủy các xã
# biên giới', 'Công an các xã'), whose places may follow
_PLACES_GROUP = re.compile(r"((?:Chủ tịch )?(?:UBND|Đảng ủy|Công an|Ủy ban MTTQ Việt Nam|Ban Chỉ huy [Qq]uân sự|Trạm Y tế) )"
                           r"các (xã|phường|thị trấn|huyện|quận|thị xã|tỉnh)"
                           r"(?: (?:biên giới|ven biển|vùng cao|trọng điểm|có rừng|có biển|có liên quan|liên quan|trên địa bàn))?")
_MIXED_PLACES_GROUP = re.compile(r"(?:Chủ tịch )?UBND các (?:xã, phường|phường, xã)(?:, đặc khu)?")


def place_shorthand(text: str, pos: int) -> tuple[list[str], int]:
    """Places listed after a group of localities' committees and a colon ('UBND các xã: Nam Hà, Phúc Thọ Lâm Hà và
    Tân Hà'), and where the list ends; ([], pos) unless two or more.

    >>> [o.members for o in scan_org_list("Giao UBND các xã: Nam Hà, Phúc Thọ Lâm Hà và Tân Hà rà soát", 5)[0]]
    [['UBND xã Nam Hà', 'UBND xã Phúc Thọ Lâm Hà', 'UBND xã Tân Hà']]
    """
    m = _SHORTHAND_OPEN.match(text, pos)
    if not m or ":" not in m.group(0):
        return [], pos
    places, end = _listed(text, m.end(), _place_at)
    return (places, end) if len(places) >= 2 else ([], pos)


def is_generic(name: str) -> bool:
    """A role rather than one body: a group ('các đơn vị liên quan') or an actor kind ('Nhà đầu tư', 'chủ đầu tư')."""
    low = name.lower()
    return low.startswith(("các ", "cơ quan ", "cấp có")) or low.startswith(_GENERIC_ROLES)


_FIELD_BODY = re.compile(r"(?:Giám đốc |Thủ trưởng |Lãnh đạo )?(Sở|Bộ) (.+)$")
_FIELD_PLACE = re.compile(r"\s+(?:tỉnh|thành phố)(?:\s.*)?$")


def in_vocabulary(o: Org) -> bool:
    """Is the name built from the vocabulary? A 'Sở' or 'Bộ' must name a known field ('Sở Khoa học Công nghệ' does not)."""
    m = _FIELD_BODY.match(o.name)
    if not m:
        return True
    field = _FIELD_PLACE.sub("", m.group(2)).lower()
    return field in _KNOWN_FIELDS


def find_orgs(text: str) -> list[Org]:
    """All organisation mentions in ``text`` (left to right, non-overlapping)."""
    out: list[Org] = []
    i = 0
    for m in ORG_START.finditer(text):
        if m.start() < i:
            continue
        o = scan_org(text, m.start())
        if o is not None and o.end > m.start():
            out.append(o)
            i = o.end
    return out
