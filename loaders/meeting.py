"""The meeting a notice reports: who chaired it, when, what kind, who attended.

A Thông báo kết luận names its chair in one of a few constructions, on any level of government:

* the title: 'Kết luận của đồng chí X, Phó Chủ tịch UBND tỉnh tại …', 'KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TRẦN HỒNG HÀ TẠI …';
* the opening, post before the name: 'Phó Thủ tướng Chính phủ Trần Hồng Hà chủ trì cuộc họp …',
  'Chủ tịch UBND xã Tân Lập Nguyễn Văn Bình đã chủ trì …';
* the opening, name before the post: 'đồng chí X - Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh chủ trì',
  '… tổ chức cuộc họp … do đồng chí X, Phó Chủ tịch UBND tỉnh chủ trì'.

Other documents (công văn, quyết định, kế hoạch) report no meeting, except an inspection's result
('Thông báo kết quả kiểm tra …', 'Đoàn kiểm tra của Sở Công Thương đã kiểm tra …').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns
from .normalize import LOWER, UPPER, fold
from .orgs import canonical

_MT = patterns.load("meetings")
_HD = patterns.load("headers")
SURNAMES = frozenset(_MT["surnames"]["items"])
_PERSON_PLACES = frozenset(p.upper() for p in _MT["places_named_after_people"]["items"])
_SURNAMES_UP = frozenset(s.upper() for s in SURNAMES)
# posts as running text writes them ('Phó Thủ tướng', 'Bộ trưởng', 'Chủ tịch'), longest first
_RUN_POSTS = sorted(set(_HD["sign_posts"]["items"].values()) | set(_MT["leader_posts"]["items"]), key=len, reverse=True)
_RUN_POST = r"(?:Phó\s+)?(?:%s)" % "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in _RUN_POSTS)
_UP_POST = r"(?:PHÓ\s+)?(?:%s)" % "|".join(re.escape(p.upper()).replace(r"\ ", r"\s+") for p in _RUN_POSTS)
_NAME_WORD = rf"[{UPPER}][{LOWER}]*"
# what a chair does right after his name
_CHAIR_VERB = _MT["chair_verbs"]["pattern"]
_PARTY_POST = re.compile(_MT["party_posts"]["pattern"])
# 'Phó Thủ tướng Chính phủ Trần Hồng Hà chủ trì': a post, its body, then a run of capitalised words, then the verb
_POST_THEN_NAME = re.compile(
    rf"(?<![\w])(?P<title>{_RUN_POST}(?:\s+[^\s,;:.()]+){{0,10}}?)\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,6}})"
    rf"(?:\s*(?:,|-|–)\s*{_RUN_POST}[^;:.()]{{0,120}}?)?\s*,?\s+(?:{_CHAIR_VERB})")  # '… Trần Hồng Hà - Trưởng Ban Chỉ đạo …'

_CHAIR_VERB_RE = re.compile(_CHAIR_VERB)
_NEXT_PERSON = re.compile(r"(?:đồng chí|Đồng chí|đ/c|Đ/c)\s")
# 'Kết luận của …', 'Ý kiến kết luận của …', 'Kết luận chỉ đạo của …', 'Ý kiến chỉ đạo của … tại …'
_TITLE_LEAD = r"(?:Thông báo\s+)?(?:[ÝY]\s+kiến\s+)?(?:[Kk]ết\s+luận|[Cc]hỉ\s+đạo)(?:\s+(?:và\s+)?chỉ\s+đạo)?\s+của"
_TITLE_CHAIR = re.compile(rf"^{_TITLE_LEAD}\s+(?:đồng chí\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,5}})\s*(?:,|-|–)\s*)?"
                          rf"(?P<title>.+?)\s+tại\s+(?P<event>.+)$", re.S)
_TITLE_CHAIR_UP = re.compile(r"^(?:THÔNG\s+BÁO\s+)?(?:Ý\s+KIẾN\s+)?(?:KẾT\s+LUẬN|CHỈ\s+ĐẠO)(?:\s+(?:VÀ\s+)?CHỈ\s+ĐẠO)?\s+CỦA\s+"
                             r"(?:ĐỒNG\s+CHÍ\s+)?(?P<who>.+?)\s+TẠI\s+(?P<event>.+)$", re.S)
# '<post>, đồng chí X chủ trì': the post first, then the person
_POST_COMRADE = re.compile(
    rf"(?<![\w])(?P<title>{_RUN_POST}[^,;:.()]{{0,80}}?)\s*,\s*(?:đồng chí|đ/c)\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,5}})"
    rf"\s*,?\s+(?:{_CHAIR_VERB})")
_LEVELS = [l for l in patterns.load("agencies")["levels"] if not l.startswith("cấp")]
_LEVEL_END = re.compile(r"(?:^|\s)(?:%s)$" % "|".join(re.escape(l) for l in _LEVELS), re.I)
_LEVEL_WORDS_UP = {l.split()[-1].upper() for l in _LEVELS}  # 'TỈNH', 'XÃ', 'PHỐ' of 'THÀNH PHỐ'
_LEVEL_ALT_CAP = "|".join(re.escape(" ".join(w.capitalize() for w in l.split())) for l in _LEVELS)
_INSPECTION_TITLE = re.compile(_MT["inspection_titles"]["pattern"], re.I)
_MEETING_TITLE = re.compile(_MT["meeting_titles"]["pattern"], re.I)


@dataclass
class Chair:
    """The leader whose conclusions a notice reports. ``name`` is None when the text gives only the post."""
    name: str | None = None
    title: str | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "title": self.title}


def name_start(words: list[str], after_level: bool = False) -> int | None:
    """Where a person's name begins in a run of capitalised words that may open with a place: at the first family
    name that leaves a name of two to five words ('Tân Lập Nguyễn Văn Bình' -> 2). After a level word ('… UBND tỉnh')
    a place takes two words or more: 'Hà Giang Lê Văn An' -> 2, 'Nguyễn Văn An' -> 0, 'Hà Giang' -> None."""
    valid = [k for k, w in enumerate(words) if (w in SURNAMES or w in _SURNAMES_UP) and 2 <= len(words) - k <= 5]
    if not after_level:
        return valid[0] if valid else None
    past_place = [k for k in valid if k >= 2]
    if past_place:
        return past_place[0]
    if " ".join(words).upper() in _PERSON_PLACES:
        return None  # 'Thành phố Hồ Chí Minh'
    return 0 if valid and valid[0] == 0 and len(words) >= 3 else None


def split_name(words: list[str], after_level: bool = False) -> int:
    """:func:`name_start`, or the last three words (all, when fewer) when no family name is known."""
    k = name_start(words, after_level)
    return k if k is not None else max(0, len(words) - 3)


def chair_post(title: str) -> str:
    """A chair's post as the text writes it, party posts included ('Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh')."""
    return canonical(title.strip(" ,;-–"))


def state_post(title: str) -> str:
    """The state post without the party posts held beside it
    ('Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh' -> 'Phó Chủ tịch UBND tỉnh')."""
    title = canonical(title.strip(" ,;-–"))
    parts = [p.strip() for p in re.split(r"\s*,\s*", title)]
    kept = [p for p in parts if not _PARTY_POST.fullmatch(p)]
    return ", ".join(kept) if kept else title


def _cap(word: str) -> str:
    return word[:1] + word[1:].lower()


def chair_from_title(title: str) -> tuple[Chair | None, str]:
    """'Kết luận của đồng chí X, Phó Chủ tịch UBND tỉnh tại buổi làm việc …' -> (Chair, the event);
    an upper-case title ('KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TRẦN HỒNG HÀ TẠI CUỘC HỌP …') names the person after the post."""
    from .notice import EVENT_VERB

    m = _TITLE_CHAIR.search(title)
    if m:
        raw, event = m.group("title"), m.group("event")
        cut = EVENT_VERB.search(raw)
        if cut:  # '… Phó Chủ tịch UBND tỉnh kiểm tra công tác …': the post ends where the event begins
            event = raw[cut.end():] + " tại " + event
            raw = raw[:cut.start()]
        name = m.group("name")
        if not name:
            pm = _POST_THEN_NAME.search(raw + " chủ trì")
            if pm and pm.start() == 0:
                name, raw = _name_and_post(pm.group("title"), pm.group("name"))
        return Chair(name, chair_post(raw)), event
    m = _TITLE_CHAIR_UP.search(title)
    if m:
        nm = re.match(r"(?P<name>[^,–-]+?)\s*(?:,|-|–)\s*(?P<post>.+)$", m.group("who"))
        if nm and nm.group("name").split()[0] in _SURNAMES_UP and 2 <= len(nm.group("name").split()) <= 5:
            # 'KẾT LUẬN CỦA ĐỒNG CHÍ NGUYỄN VĂN AN, PHÓ CHỦ TỊCH UBND TỈNH TẠI …': the name first
            name = " ".join(_cap(w) for w in nm.group("name").split())
            post = ", ".join(_post_from_caps(x) for x in re.split(r"\s*,\s*", nm.group("post")))
            return Chair(name, chair_post(post)), m.group("event")
        who = m.group("who").split()
        k = None
        if re.match(_UP_POST, m.group("who")):
            lv = max((i for i, w in enumerate(who) if w in _LEVEL_WORDS_UP), default=None)
            start = (lv + 1) if lv is not None else 1
            ns = name_start(who[start:], after_level=lv is not None)
            k = start + ns if ns is not None else None
        if k is not None:
            post, name = " ".join(who[:k]), " ".join(_cap(w) for w in who[k:])
        else:
            post, name = " ".join(who), None
        return Chair(name, chair_post(_post_from_caps(post))), m.group("event")
    return None, title


def _name_and_post(title: str, run: str) -> tuple[str | None, str]:
    """The name at the end of a capitalised run after a post, and the post with the place the run opened with.
    A name opens with a family name; after a level word ('… UBND tỉnh Lạng Sơn') the place takes two words or more."""
    words = run.split()
    k = name_start(words, after_level=_LEVEL_END.search(title) is not None)
    if k is None:
        return None, " ".join([title] + words)
    return " ".join(words[k:]), " ".join([title] + words[:k])


_COUNCIL_LEVEL_CAP = re.compile(rf"\b(UBND|HĐND) ({_LEVEL_ALT_CAP})(?![\w])")


def _post_from_caps(post: str) -> str:
    """'PHÓ THỦ TƯỚNG' -> 'Phó Thủ tướng Chính phủ'; 'CHỦ TỊCH UBND TỈNH' -> 'Chủ tịch UBND tỉnh'."""
    from .notice import post_title

    t = post_title(post)
    t = _COUNCIL_LEVEL_CAP.sub(lambda m: f"{m.group(1)} {m.group(2).lower()}", t)
    return t + " Chính phủ" if re.search(r"Thủ tướng$", t) else t


_CHAIRED_BY = re.compile(r"chủ trì\s+của\s*$")


def chair_from_text(text: str) -> Chair | None:
    """The chair an opening paragraph names, by the first construction that holds:
    'đồng chí X, <post> (đã) chủ trì' / 'dưới sự chủ trì của đồng chí X, <post>' / '<post> X chủ trì' / '<post> X kết luận'.

    >>> chair_from_text("Tại phiên họp ngày 14/7/2026, dưới sự chủ trì của đồng chí Nguyễn Đình Hưng, Bí thư Tỉnh ủy, "
    ...                 "Ban Thường vụ Tỉnh ủy đã nghe báo cáo.").name
    'Nguyễn Đình Hưng'
    """
    found: list[tuple[int, Chair]] = []
    from .notice import find_people

    for name, title, pos in find_people(text):
        # the verb after the person, before any other person is named ('đồng chí X, <post> (đã) … chủ trì …'), or
        # the chairing named before ('dưới sự chủ trì của đồng chí X, <post>')
        after = text[pos:pos + 200]
        nxt = _NEXT_PERSON.search(after, 10)
        if _CHAIR_VERB_RE.search(after[:nxt.start()] if nxt else after) or _CHAIRED_BY.search(text, max(0, pos - 40), pos):
            found.append((pos, Chair(name, chair_post(title))))
            break
    for m in _POST_COMRADE.finditer(text):
        found.append((m.start(), Chair(m.group("name"), chair_post(m.group("title")))))
        break
    for m in _POST_THEN_NAME.finditer(text):
        if re.search(r"(?:đồng chí|Đồng chí|đ/c|Đ/c)\s*$", text[:m.start()]):
            continue
        name, post = _name_and_post(m.group("title"), m.group("name"))
        if name is None:
            continue
        found.append((m.start(), Chair(name, chair_post(post))))
        break
    return min(found, key=lambda x: x[0])[1] if found else None


def is_meeting_title(title: str) -> bool:
    """A title that reports a meeting's conclusions ('Kết luận của …', 'KẾT LUẬN CUỘC HỌP …'), not one that
    carries out a Kết luận ('Chương trình hành động thực hiện Kết luận số 75-KL/TW')."""
    return bool(_MEETING_TITLE.search(title or ""))


def is_inspection_title(title: str) -> bool:
    """'Kết quả kiểm tra việc chấp hành …', 'Kết luận kiểm tra …', 'THÔNG BÁO KẾT QUẢ KIỂM TRA …'."""
    return bool(_INSPECTION_TITLE.search(title or ""))


# an opening paragraph that tells of a meeting (a công văn may open with 'Ngày …, Bộ … ban hành …' instead)
_MEETING_WORDS = re.compile(_MT["meeting_words"]["pattern"], re.I)
_CITED = re.compile(r"\bban hành\b|\b(?:số|Số)\s*\d+\s*[/-]")


@dataclass
class Meeting:
    """What a notice records of its meeting; ``as_dict`` gives the record's ``meeting`` object."""
    date: str | None = None
    kind: str | None = None
    chair: Chair | None = None
    communes: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    leaders: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"leaders": self.leaders, "date": self.date, "kind": self.kind,
                "chair": self.chair.as_dict() if self.chair else None,
                "communes": self.communes, "attendees": self.attendees}


def reports_meeting(title: str, doc_kind: str | None, opening: str | None, intro: list[str]) -> bool:
    """Whether a document reports a meeting or an inspection: a conclusion's title ('Kết luận của …'), an
    inspection's result ('Kết quả kiểm tra …'), or a dated opening that tells of one ('Ngày …, … chủ trì cuộc họp');
    a công văn or a quyết định that only cites a meeting does not."""
    if is_meeting_title(title) or is_inspection_title(title):
        return True
    if not opening:
        return False
    if doc_kind == "THÔNG BÁO":
        # a notice whose dated opening tells of a meeting, an inspection or a working session (not 'Ngày …, UBND
        # tỉnh nhận được Văn bản số …')
        from .notice import meeting_kind

        return bool(_MEETING_WORDS.search(opening) or _CHAIR_VERB_RE.search(opening) or meeting_kind(opening[:300]))
    # a công văn that opens 'Ngày …, UBND tỉnh ban hành Thông báo số 12/TB-UBND về kết luận … tại cuộc họp …'
    # cites a meeting, it does not report one: the meeting words must come before any document it cites
    told = _CITED.split(opening, 1)[0]
    return bool(_MEETING_WORDS.search(told))


# a date that opens a clause ('Thực hiện Kế hoạch số 12/KH-UBND ngày 02/01/2026, ngày 10/5/2026 đồng chí …'), not the
# date of a document cited ('số 12/KH-UBND ngày 02/01/2026')
_CLAUSE_DATE = re.compile(r"(?:^|[,;]\s*)(?=(?:[Vv]ào\s+|[Tt]rong\s+)?(?:(?:[Ss]áng|[Cc]hiều|[Tt]ối)\s+)?(?:các\s+)?[Nn]gày\s+\d)")


# 'Tại hội nghị ngày 10/6/2026, …', 'Tại cuộc họp Thường trực UBND tỉnh ngày 05/5/2026, …'
_AT_MEETING_DATE = re.compile(r"(?:Tại|Trong)\s+[^,.;:]{0,70}?(?<![\w])ngày\s+\d")


def dated_clause(intro: list[str]) -> str | None:
    """The clause of the intro that dates a meeting when no paragraph opens with the date: the text from a date
    that opens a clause, when a meeting is told after it; or a paragraph that opens with the meeting and its date.

    >>> dated_clause(["Tại hội nghị ngày 10/6/2026, sau khi nghe báo cáo, Ban Thường vụ Tỉnh ủy kết luận như sau:"])[:24]
    'Tại hội nghị ngày 10/6/2'
    """
    for t in intro[:3]:
        if "gày" not in t:
            continue
        if (am := _AT_MEETING_DATE.match(t)) and _MEETING_WORDS.search(am.group(0)):
            return t  # 'Tại hội nghị ngày 10/6/2026, sau khi nghe …': the meeting named, then its date
        for m in _CLAUSE_DATE.finditer(t):
            if m.end() == 0:
                continue  # a paragraph that opens with the date is the opening already
            rest = t[m.end():]
            if _MEETING_WORDS.search(rest[:300]):
                return rest
    return None


_SENTENCE_CAP = re.compile(rf"(?<=\.)\s+(?=[{UPPER}])")


def read_meeting(title: str, doc_kind: str | None, opening: str | None, intro: list[str]) -> Meeting | None:
    """The meeting a document reports (None when it reports none). ``opening`` is the dated opening paragraph
    ('Ngày 07/10/2024, …') or None; ``intro`` the paragraphs up to 'kết luận như sau:'."""
    from .dates import parse_date
    from .notice import admin_units, attendees, find_people, meeting_kind

    if opening is None:
        opening = dated_clause(intro)
    if not reports_meeting(title, doc_kind, opening, intro):
        return None
    title = title or ""
    chair, event = chair_from_title(title)
    people = [p for t in intro for p in find_people(t)]
    if chair is not None and not chair.name:
        for name, ptitle, _ in people:  # 'Kết luận của Phó Chủ tịch UBND tỉnh …' + 'đồng chí X, Phó Chủ tịch …'
            if fold(state_post(chair.title or "")) in fold(ptitle):
                chair.name = name
                break
    if chair is None or not chair.name:
        for t in intro:
            found = chair_from_text(t)
            if found and found.name:
                chair = found
                break
    if chair is not None and chair.name is None and chair.title is None:
        chair = None
    intro_text = " ".join(intro)
    communes = [c for c in admin_units(title + " . " + intro_text) if not c.startswith(("tỉnh", "thành phố"))]
    att = attendees([s for t in intro for s in _SENTENCE_CAP.split(t) if s.strip()])
    leaders: list[dict] = []
    for name, ptitle, _ in people:
        if all(name != x["name"] for x in leaders):
            leaders.append({"name": name, "title": ptitle,
                            "role": "chair" if chair and name == chair.name else "participant"})
    if chair and chair.name and all(chair.name != x["name"] for x in leaders):
        leaders.insert(0, {"name": chair.name, "title": chair.title, "role": "chair"})
    kind = meeting_kind(event, opening or "")
    if kind is None and is_inspection_title(title):
        kind = "inspection"
    return Meeting(date=parse_date(opening[:80]) if opening else None,
                   kind=kind or ("other" if opening else None),
                   chair=chair, communes=communes, attendees=att, leaders=leaders)
