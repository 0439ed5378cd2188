"""Header, signature block, recipients and the meeting paragraph of a notice."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import patterns
from .normalize import fold, squash
from .orgs import HEAD_RE, CAP_WORD, LEVELS, LOWER, SO_FIELD_RE, UPPER, canonical, find_orgs, is_commune_unit, scan_org
from .structure import Layout, Paragraph, split_cells
from .citations import normalize_number
from .dates import date_readings, iso_date
from .meeting import SURNAMES, name_start

_MOTTO = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc|_{3,}", re.I)
# 'Số: 97/TB-UBND', 'Số:   /TB-UBND' (blank), party 'Số 2449-CV/ĐU' (no colon), ending at a cell edge, a wide gap
# (not the blanks a văn thư pads the number with: 'Số: 7    /QĐ-BQLCKCN'),
# the place-date or a 'V/v' subject sharing the cell
# the words a body's first sentence opens with: no title or 'V/v' subject goes on into it
_OPENS_BODY = re.compile(r"(?:Thực hiện|Triển khai|Căn cứ|Để|Nhằm|Xét|Theo|Ngày)\b")
_NUMBER_LINE = re.compile(r"Số\s*(?::|(?=\s*\d+\s*[-/]\s*[%s]))\s*(?P<num>[^|]*?)(?=(?<![/\-])\s{2,}(?![\s/\-])|\s*\||$|\s*\*|\s+V/v\b|\s+[%s]|\s+[%s][%s]+(?:\s+[%s][%s]+)*\s*,\s*ngày)" % (UPPER, LOWER, UPPER, LOWER, UPPER, LOWER))
# (a day or month the scan garbled, 'ngày0) thángh năm 2026', 'ngày / tháng 6', counts as left blank)
_PLACE_DATE = re.compile(
    r"(?<![\w])(?P<place>[%s][%s]*(?:\s+[%s][%s]*){0,3})\s*,\s*ngày\s*(?P<d>[^\s|]{0,5}?)\s*tháng\s*(?P<m>[^\s|]{0,5}?)\s*năm\s*(?P<y>\d{4})" % (UPPER, LOWER, UPPER, LOWER)
)
_DATE_FIELD = re.compile(r"\d{1,2}")
PERSON = rf"(?:[{UPPER}][{LOWER}]+)(?:\s+[{UPPER}][{LOWER}]+){{1,5}}"
_PLACE_DATE_OPEN = re.compile(r"(?<![\w])[%s][%s]*(?:\s+[%s][%s]*){0,3}\s*,\s*ngày[\s\d]*(?:tháng[\s\d]*)?(?:năm\s*)?$" % (UPPER, LOWER, UPPER, LOWER))
_PERSON_RE = re.compile(rf"^{PERSON}$")
SIGNER_NAME = rf"[{UPPER}][{LOWER}]+(?:\s+(?:[{UPPER}][{LOWER}]+|[{UPPER}](?![{LOWER}]))){{1,5}}"  # 'Giàng A Pháo'
_SIGNER_NAME_RE = re.compile(rf"^{SIGNER_NAME}$")
_COMRADE = re.compile(rf"(?:đồng chí|Đồng chí|đ/c|Đ/c)\s+(?P<name>{PERSON})\s*(?:,|-|–)\s*(?P<title>[^;:.]+?)(?=\s+(?:tại|đã|chủ trì|kết luận|cùng|làm|đi|thăm|dự|và|kiểm tra|họp|tiếp|nghe)\b|;|\.|:|$|,\s*(?:chủ trì|cùng|đã)"
                     # ('…, Bí thư Tỉnh ủy, Ban Thường vụ Tỉnh ủy đã nghe …': a collective body after the post opens the clause)
                     rf"|,\s*(?=(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Tập thể|UBND|Ủy ban)\s[^,;:.]{{0,40}}?\s(?:đã|đang)\s))")
# where a post ends and the event begins in a title ('… Phó Chủ tịch UBND tỉnh kiểm tra công tác …')
EVENT_VERB = re.compile(r"\s+(?=(?:kiểm tra|làm việc|chủ trì|họp|dự|thăm|tiếp|đi|nghe)\b)")
_CHAIR_IN_TITLE = re.compile(
    rf"Kết luận của\s+(?:đồng chí\s+(?P<name>{PERSON})\s*(?:,|-|–)\s*)?(?P<title>.+?)\s+tại\s+(?P<event>.+)$", re.S
)
_HD = patterns.load("headers")
_AGS = patterns.load("agencies")
_PARTY = re.compile(_HD["party_header"]["pattern"])
_KINDS = sorted((k["kind"] for k in _HD["kind_lines"]), key=len, reverse=True)
_SEPARATOR = re.compile(r"^\s*[-_–=*.·]{3,}\s*$|^\s*\*\s*$")
_MOTTO_CELL = re.compile(r"^\s*CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\b|^\s*Độc\s+lập\b")
_KIND_LINE = re.compile(r"(?:%s)" % "|".join(re.escape(k) for k in _KINDS))
_POSTS = {**_HD["sign_posts"]["items"], **patterns.load("signatures")["posts"]["items"]}
_POST_ALT = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_POSTS, key=len, reverse=True))
_SIGN_CHAIN = re.compile(rf"^(?:(?:TM|T/M|TL|T/L)\s*\.\s*[{UPPER}][{UPPER} ,.]*|(?:(?:TL|KT|TUQ|Q|UQ)\s*\.\s*)?(?:PHÓ\s+)?(?:{_POST_ALT})(?![{UPPER}])[{UPPER} ,.]*)$")
URGENCY_MARKS = frozenset(_HD["urgency_marks"]["items"])  # 'MẬT', 'HỎA TỐC', 'DỰ THẢO': stamps, not text
_URGENCY = re.compile(r"^(?:%s)$" % "|".join(re.escape(u) for u in _HD["urgency_marks"]["items"]))
_NOT_SIGNED = re.compile(_HD["not_signed_marks"]["pattern"])
# upper-case heads that open a body's own line in a header: the agency heads plus header-only ones
_HEADER_HEADS = sorted({h.upper() for h in _AGS["compound_heads"] + _AGS["heads"] + _HD["header_heads"]["items"]}, key=len, reverse=True)
_HEADER_HEAD = re.compile(r"(?:%s)(?![%s])" % ("|".join(re.escape(h).replace(r"\ ", r"\s+") for h in _HEADER_HEADS), UPPER))
_HEAD_CASE = {h.upper(): h for h in sorted(_AGS["compound_heads"] + _AGS["heads"] + _HD["header_heads"]["items"], key=len)}
_KNOWN_BODIES = {b.upper(): b for b in _HD["central_bodies"] + _AGS["compound_heads"]}
_KNOWN_BODIES.update({f"{h.upper()} {f.upper()}": f"{h} {f}" for h in ("Sở", "Bộ") for f in _AGS["so_fields"]})
_UNIT_LEVELS = [l for l in LEVELS if not l.startswith("cấp")]
_LEVEL_UP = "|".join(re.escape(l.upper()) for l in _UNIT_LEVELS)
_UNIT = re.compile(rf"(?P<org>ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND|ĐẢNG BỘ|ĐẢNG ỦY|ĐẢNG UỶ)\s+(?P<lvl>{_LEVEL_UP})\s+(?P<place>[{UPPER}0-9][{UPPER}0-9 ]*)$")
_UNIT_PREFIX = re.compile(rf"(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)\s+(?:{_LEVEL_UP})\s+[{UPPER}]+")
_PARTY_UNIT = re.compile(rf"(?P<org>TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|THÀNH UỶ|HUYỆN ỦY|HUYỆN UỶ)(?:\s+(?P<place>[{UPPER}][{UPPER} ]*))?$")
_PARTY_LEVEL = {"TỈNH": "tỉnh", "THÀNH": "thành phố", "HUYỆN": "huyện"}
_MEETING_KINDS = [(re.compile(k["pattern"], re.I), k["kind"]) for k in patterns.load("meetings")["kinds"]]
OPENING = re.compile(r"^(?:Ngày|Vào ngày|Sáng ngày|Chiều ngày|Tối ngày|Trong ngày|Trong các ngày|Từ ngày|Hôm nay)\b.*?\d")
CONCLUDES = re.compile(r"(?:kết luận|có ý kiến|chỉ đạo|thống nhất)(?:[^.:]{0,60})?(?:như sau|sau đây)?\s*:\s*$|kết luận\s*:\s*$|như sau\s*:\s*$")
# a place named with a number after its name (the communes of 2025: 'xã Đam Rông 1', 'xã Bảo Lâm 2')
_PLACE_NO = r"(?:[^\S\n]+\d{1,2}(?!\d|[/.,]\d|\s*(?:/|tháng|năm|giờ|ngày|người|hộ|%)))?"
_ADMIN_UNIT = re.compile(
    rf"(?<![\w])(?:(?P<lvl>{'|'.join(l for l in LEVELS if l != 'tỉnh' and not l.startswith('cấp'))})\s+(?P<name>{CAP_WORD}(?:[^\S\n]+{CAP_WORD})*{_PLACE_NO})"
    rf"|(?P<lvl2>Phường|Xã)\s+(?P<name2>\d{{1,2}}(?:\s+{CAP_WORD})+))")
_SP = r"[^\S\n]+"  # spaces within a line
ADMIN_LIST = re.compile(
    # (within one paragraph: the names end at a line's end, 'các xã: Đức Trọng, Hiệp Thạnh, Đinh Văn Lâm Hà' + '\nNgày …')
    rf"các\s+(?P<lvl>xã|phường|huyện)(?:,\s*(?:phường|xã|thị trấn))?\s*:?\s+(?P<names>{CAP_WORD}(?:{_SP}{CAP_WORD})*{_PLACE_NO}(?:[^\S\n]*(?:,|và)[^\S\n]*{CAP_WORD}(?:{_SP}{CAP_WORD})*{_PLACE_NO})+)"
)
_ATTEND_LIST = re.compile(
    r"(?:(?:(?:lãnh đạo|Lãnh đạo|đại diện|Đại diện|các đồng chí lãnh đạo|các đồng chí Lãnh đạo)\s+)+(?:các\s+)?|(?<![\w])các\s+)"
    r"(?P<what>[Ss]ở,\s*ban,\s*ngành|[Ss]ở,\s*ngành|[Ss]ở|[Bb]ộ,\s*ngành|[Bb]ộ,\s*cơ quan|[Bb]ộ|cơ quan|cơ quan,\s*đơn vị|đơn vị"
    r"|[Pp]hòng|[Cc]hi cục|[Tt]rung tâm)"
    r"(?:\s+tỉnh)?\s*:\s*"
)
# the post that opens a person's title ('Phó Giám đốc Sở Y tế' -> 'Sở Y tế' after it)
_PERSON_POST = re.compile(r"(?:Phó\s+)?(?:%s)\s+" % "|".join(re.escape(v) for v in sorted(set(_HD["sign_posts"]["items"].values()), key=len, reverse=True)))


@dataclass
class Header:
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    doc_kind: str | None = None  # 'THÔNG BÁO', 'CÔNG VĂN'
    issuer_level: str | None = None
    number_span: tuple[int, int] | None = None
    date_readings: list[str] = field(default_factory=list)  # a garbled date's possible days ('tháng 54': 5 or 4)


@dataclass
class Signature:
    name: str | None = None
    title: str | None = None
    chain: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None
    body: str | None = None  # the body a joint document's signer signs for ('Bộ Công an')
    joint: list["Signature"] = field(default_factory=list)  # all signers of a joint document, the lead body's first


def title_case_place(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


_COUNCIL_LEVEL = re.compile(rf"(ỦY BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)(?:\s+({_LEVEL_UP}))?$")


def _field_case(up: str) -> str:
    """'NÔNG NGHIỆP VÀ MÔI TRƯỜNG' -> 'Nông nghiệp và Môi trường': each part of a compound name opens with a capital."""
    um = _COUNCIL_LEVEL.match(up)
    if um:  # 'ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH': the committee of a unit named in the parent line
        org = "UBND" if um.group(1) in ("ỦY BAN NHÂN DÂN", "UBND") else "HĐND"
        return f"{org} {um.group(2).lower()}" if um.group(2) else org
    words = up.split()
    if len(words) > 5 or "VỀ" in words:  # a long name ('… QUỐC GIA VỀ PHÒNG, CHỐNG THIÊN TAI'): one capital
        low = up.lower()
        return low[:1].upper() + low[1:]
    parts = re.split(r"(\s+VÀ\s+|\s*,\s*|\s+-\s+|\s+–\s+)", up)
    out = []
    for k, part in enumerate(parts):
        if k % 2:
            out.append(part.lower().replace(" ,", ","))
        else:
            ws = part.lower().split()
            out.append(" ".join([ws[0][:1].upper() + ws[0][1:]] + ws[1:]) if ws else "")
    return "".join(out)


_LEVEL_PLACE_UP = re.compile(rf"(?:^|\s)({_LEVEL_UP})\s+([{UPPER}][{UPPER} ]*)$")


def org_case(up: str) -> str:
    """An upper-case body name from a header, written as running text writes it.

    >>> org_case("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"), org_case("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"), org_case("SỞ Y TẾ")
    ('Bộ Nông nghiệp và Môi trường', 'UBND tỉnh Lai Châu', 'Sở Y tế')
    """
    up = squash(up).replace("UỶ", "ỦY").replace("HOÀ", "HÒA")
    if up in _KNOWN_BODIES:
        return canonical(_KNOWN_BODIES[up])
    m = _UNIT.match(up)
    if m:
        org = {"ỦY BAN NHÂN DÂN": "UBND", "UBND": "UBND", "HỘI ĐỒNG NHÂN DÂN": "HĐND", "HĐND": "HĐND"}.get(m.group("org"))
        org = org or ("Đảng bộ" if m.group("org") == "ĐẢNG BỘ" else "Đảng ủy")
        return f"{org} {m.group('lvl').lower()} {title_case_place(m.group('place'))}"
    m = _PARTY_UNIT.match(up)
    if m:
        return (_HEAD_CASE.get(m.group("org"), m.group("org").capitalize()) + (" " + title_case_place(m.group("place")) if m.group("place") else "")).strip()
    m = _HEADER_HEAD.match(up)
    if not m:
        return _field_case(up)
    head = _HEAD_CASE.get(squash(m.group(0)), _field_case(m.group(0)))
    rest = up[m.end():].strip()
    if not rest:
        return head
    lm = _LEVEL_PLACE_UP.search(rest)
    place = ""
    if lm:
        place = f" {lm.group(1).lower()} {title_case_place(lm.group(2))}"
        rest = rest[:lm.start()].strip()
    known = _KNOWN_BODIES.get(f"{m.group(0)} {rest}")
    body = canonical(known) if known else (f"{head} {_field_case(rest)}" if rest else head)
    return body + place


def _header_bodies(lines: list[str]) -> list[str]:
    """Upper-case header lines -> one upper-case name per body: a line that opens with a head starts a body,
    any other line continues the one above ('BỘ NÔNG NGHIỆP VÀ' / 'MÔI TRƯỜNG', 'ỦY BAN NHÂN DÂN' / 'TỈNH X')."""
    bodies: list[str] = []
    split: list[str] = []
    for line in lines:
        line = squash(line.strip(" *-_–|"))
        um = _UNIT_PREFIX.match(line)
        hm = _HEADER_HEAD.search(line, um.end()) if um else None
        if hm and hm.start() > um.end() and line[hm.start() - 1] == " ":
            # 'ỦY BAN NHÂN DÂN TỈNH LAI CHÂU SỞ TÀI CHÍNH': a cell whose two lines were joined
            split += [line[:hm.start()].strip(), line[hm.start():]]
        else:
            split.append(line)
    for line in split:
        if not line:
            continue
        if bodies and (not _HEADER_HEAD.match(line) or re.search(r"(?:\bVÀ|,|-)$", bodies[-1])
                       or re.fullmatch(r"ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|ĐẢNG BỘ|ĐẢNG ỦY", bodies[-1])):
            bodies[-1] += " " + line
        else:
            bodies.append(line)
    return bodies


_MOTTO_WORDS = [w for m in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM") for w in [m.split()]]


def _motto_fragments(line: str) -> str:
    """Drop the pieces of a motto that a hard wrap or a column break left on a header line: a run of words that
    is a stretch of the national motto or the party header ('NGHĨA VIỆT NAM', 'CỘNG HÒA XÃ HỘI CHỦ'), at
    either end of the line or on its own. 'XÃ' alone stays (a level word)."""
    words = line.replace("HOÀ", "HÒA").replace("HÕA", "HÒA").replace("VIẾT", "VIỆT").split()
    if not words:
        return line

    def run(ws: list[str]) -> bool:
        if len(ws) == 1 and ws[0] not in ("CỘNG", "NGHĨA", "VIỆT", "NAM", "SẢN", "HÒA", "CHỦ"):
            return False
        return any(ws == m[k:k + len(ws)] for m in _MOTTO_WORDS for k in range(len(m) - len(ws) + 1))

    # the longest motto stretch at the end, then at the start
    for k in range(len(words)):
        if run(words[k:]) and (k > 0 or len(words) <= 8):
            words = words[:k]
            break
    for k in range(len(words), 0, -1):
        if run(words[:k]):
            words = words[k:]
            break
    return " ".join(words)


_STRAY_LABEL = re.compile(rf"\s+[{UPPER}]+\s*:.*$")
_TWO_CAPS = re.compile(rf"[{UPPER}]{{2}}")
_BODY_OF_LEVEL = re.compile(rf"(?:UBND|HĐND|Đảng bộ|Đảng ủy) ({'|'.join(_UNIT_LEVELS)}) (.+)$")
_LEVEL_PLACE = re.compile(rf"\b({'|'.join(_UNIT_LEVELS)}) ([{UPPER}].*)$")
_LEVEL_WORD = re.compile(rf"\b(?:{'|'.join(_UNIT_LEVELS)}) ")


def issuer_from_lines(lines: list[str]) -> tuple[str | None, str | None]:
    """The issuing body of a header and its level: the body's own line, qualified by its parent when the parent is
    a local unit. 'ỦY BAN NHÂN DÂN' / 'TỈNH LẠNG SƠN' -> ('UBND tỉnh Lạng Sơn', 'tỉnh'); 'UBND TỈNH X' / 'SỞ Y TẾ' ->
    ('Sở Y tế tỉnh X', 'tỉnh'); 'BỘ TÀI CHÍNH' -> ('Bộ Tài chính', 'trung ương')."""
    kept = []
    for l in lines:
        if _MOTTO_CELL.match(l):
            continue
        l = _PARTY.sub(" ", _MOTTO.sub(" ", l))
        l = squash(l)
        l = _STRAY_LABEL.sub("", l)  # a stray label cell
        l = _motto_fragments(l)
        if l and _TWO_CAPS.search(l) and l.upper() == l and not _URGENCY.match(l):
            kept.append(l)
    bodies = _header_bodies(kept)
    if not bodies:
        return None, None
    names = [org_case(b) for b in bodies]
    own = names[-1]
    unit_lvl = None
    unit_name = None
    for n in names:
        m = _BODY_OF_LEVEL.match(n)
        pm = re.match(r"(Tỉnh ủy|Thành ủy|Huyện ủy)(?: (.+))?$", n)
        if unit_name is not None:
            break  # the parent unit is the first one named
        if m:
            unit_lvl, unit_name = m.group(1), n
        elif pm and (pm.group(2) or n == own):
            unit_lvl = {"Tỉnh ủy": "tỉnh", "Thành ủy": "thành phố", "Huyện ủy": "huyện"}[pm.group(1)]
            unit_name = n
    if unit_name is None:
        for n in names:  # a local department's header: 'SỞ Y TẾ TỈNH X' / 'TRUNG TÂM KIỂM SOÁT BỆNH TẬT'
            lm = _LEVEL_PLACE.search(n)
            if lm:
                place = f"{lm.group(1)} {lm.group(2)}"
                return (own if own.endswith(place) else f"{own} {place}"), lm.group(1)
        return own, "trung ương"
    if own == unit_name:
        if own.startswith("Đảng bộ "):
            return own, unit_lvl
        return own, unit_lvl
    place = re.sub(r"^(?:UBND|HĐND|Đảng bộ|Đảng ủy|Tỉnh ủy|Thành ủy|Huyện ủy) ", "", unit_name)
    if own.endswith(" " + unit_lvl) and place.startswith(unit_lvl + " "):
        return f"{own}{place[len(unit_lvl):]}", unit_lvl  # 'Đảng ủy UBND tỉnh' + 'tỉnh Lào Cai'
    if unit_name.startswith("Đảng bộ "):
        # 'ĐẢNG BỘ TỈNH X' / 'TỈNH ỦY' (or 'BAN THƯỜNG VỤ'): the party committee of that unit
        if re.fullmatch(r"Tỉnh ủy|Thành ủy|Huyện ủy|Đảng ủy", own):
            return f"{own} {place.split(' ', 1)[1] if ' ' in place else place}", unit_lvl
        return f"{own} {place}", unit_lvl
    if re.fullmatch(r"Ban Thường vụ|Ban Chấp hành|Thường trực", own):
        return f"{own} {unit_name}", unit_lvl
    if own == "Văn phòng":
        return f"Văn phòng {unit_name}", unit_lvl
    if _LEVEL_WORD.search(own):
        return own, unit_lvl  # the own line names its unit already

    return f"{own} {place}", unit_lvl


def _issuer_from_authority(h: Header, line: str) -> None:
    """The authority line of a Quyết định or Nghị quyết names who issues it: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X'
    (the chairman decides) or 'HỘI ĐỒNG NHÂN DÂN TỈNH X' (completes a header that gave only 'HỘI ĐỒNG NHÂN DÂN')."""
    line = squash(line.strip(" ,;."))
    pm = _POST_AT.match(line)
    if pm and pm.group("rest").strip():
        body, lvl = issuer_from_lines([pm.group("rest")])
        # the chairman of a collective body decides in his own name ('Chủ tịch UBND tỉnh X'); a minister's
        # decision is his ministry's
        if body and re.match(r"(?:UBND|HĐND) ", body) and (h.issuer is None or h.issuer in ("UBND", "HĐND", body)):
            h.issuer, h.issuer_level = post_title(line), lvl
        return
    body, lvl = issuer_from_lines([line])
    if body and lvl != "trung ương" and (h.issuer is None or h.issuer in ("UBND", "HĐND")):
        h.issuer, h.issuer_level = body, lvl


# the code of a number cut off from its digits ('/QĐ-BQLCKCN', '/TTr-SCT', '-NQ/TU', '/2026/NĐ-CP')
_NUMBER_CODE = re.compile(rf"(?:/\s*\d{{4}}\s*)?[/-]\s*[{UPPER}][\w&]*(?:\s*[/-]\s*[{UPPER}][\w&]*)*")
_SPACE_LOWER = re.compile(rf"\s+[{LOWER}]")
_ANY_CAP = re.compile(r"[%s]" % UPPER)
_THREE_CAPS = re.compile(rf"[{UPPER}]{{3}}")
_CAPS_RUN = re.compile(rf"\s(?=[{UPPER}]{{2,}}(?:\s+[{UPPER}]{{2,}}){{2,}}(?:\s|$))")


_MAIL_FIELD = re.compile(r"^(?:Từ|Gửi|Đến|Cc|Bcc|Ngày gửi|Tiêu đề|Chủ đề|From|To|Sent|Date|Subject)\s*:", re.I)
_DOC_HEAD = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA|ĐẢNG CỘNG SẢN VIỆT NAM|(?<![\w])Số\s*:")


def mail_preamble_end(paras: list) -> int:
    """Where the document an e-mail carries begins: after the mail's own fields ('Từ: …', 'Gửi: …', 'Tiêu đề: …') and
    its greeting, at the line in capitals that opens the document's header ('UBND TỈNH GIA LAI' above 'Số: …' or the
    national motto); 0 for a text that is no e-mail.

    >>> from loaders.normalize import normalize
    >>> from loaders.structure import build_layout
    >>> ps = build_layout(normalize("Từ: Phòng Kinh tế <pkt@x.gov.vn>\\nGửi: a@x.gov.vn\\nTiêu đề: CV 5126\\n\\n"
    ...                             "Kính gửi các cơ quan, đơn vị,\\nPhòng Kinh tế gửi nội dung Công văn.\\n\\n"
    ...                             "UBND TỈNH GIA LAI\\nVĂN PHÒNG\\nSố: 5126/VP-KT")).paragraphs
    >>> ps[mail_preamble_end(ps)].text
    'UBND TỈNH GIA LAI'
    """
    fields = 0
    for p in paras[:8]:
        if _MAIL_FIELD.match(p.text):
            fields += 1
    if fields < 2:
        return 0
    for i in range(1, min(len(paras), 60)):
        t = paras[i].text.strip(" |")
        if t.isupper() and len(t.split()) >= 2 and not _MAIL_FIELD.match(t) and any(
                _DOC_HEAD.search(q.text) for q in paras[i:i + 6]):
            return i
    return 0


# 'THÔNG BÁO KẾT LUẬN của Ban Thường vụ Tỉnh ủy …': the kind line, its upper-case title and the lines after, joined
_CAPS_THEN_LOWER = re.compile(rf"\s+[{UPPER}]{{2,}}(?:\s+[{UPPER}]{{2,}})*\s+[{LOWER}]")


def parse_header(layout: Layout) -> tuple[Header, int]:
    """Read the header; return it and the index of the first paragraph after the title."""
    h = Header()
    paras = layout.paragraphs
    head_lines: list[str] = []
    title_idx = None
    title_end = None
    pending_date = None  # a place-date line cut before its year
    number_open = False  # a number cut after a hyphen
    number_next = False  # 'Số:' alone: the number is the next cell
    number_tail = False  # 'Số: 7' then '/QĐ-BQLCKCN': a padded number whose code was cut into the next cell
    authority = None  # 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X' under a Quyết định's title: who decides
    opening = None
    subject: list[str] | None = None  # 'V/v …': what a công văn is about
    first = mail_preamble_end(paras)
    for i, p in enumerate(paras[:first + 40]):
        if i < first:
            continue  # an e-mail's own header and greeting before the document it carries
        t = p.text
        if OPENING.match(t) or t.startswith(("Kính gửi", "Căn cứ")) or (
                subject is not None and _OPENS_BODY.match(t) and (t.rstrip().endswith((":", ".")) or len(t) > 120)):
            opening = i  # (a công văn with no 'Kính gửi' line: its first sentence, not more of its 'V/v' subject)
            break
        bare = squash(t.strip(" |*#:"))
        if title_idx is None and _KIND_LINE.fullmatch(bare):
            h.doc_kind = bare
            title_idx = i
            continue
        km = _KIND_LINE.match(bare) if title_idx is None else None
        if km and (_SPACE_LOWER.match(bare[km.end():]) or (bare.isupper() and re.match(r"\s", bare[km.end():]))
                   or _CAPS_THEN_LOWER.match(bare, km.end())):
            # 'CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện Kết luận …': the kind line and its title joined in one paragraph
            h.doc_kind, h.title, title_idx = km.group(0), bare[km.end():].strip(), i
            continue
        if title_idx is None and p.marker_kind in ("roman", "arabic") and i > 0 and (h.number_span or h.date):
            opening = i  # a numbered heading after the header: the body has begun
            break
        if title_idx is not None and i > title_idx:
            if _SEPARATOR.match(t):
                if h.title:
                    title_end = i + 1
                    break
                continue
            upper_break = bare.isupper() and (not h.title.isupper() or _POST_AT.match(bare) or _HEADER_HEAD.match(bare)) \
                if h.title else False  # an upper-case title runs on over its lines until the authority line
            sentence = h.title and (t.rstrip().endswith((":", ".")) or len(t) > 300 or _OPENS_BODY.match(t)
                                    or re.match(r"(?:Chương|CHƯƠNG|Điều|Phần|PHẦN|Mục)\s+(?:[IVXLC]+|\d+)\b", t))
            if p.marker_kind is not None or (h.title and (upper_break or sentence)):
                # a numbered heading, an opening sentence, or the issuing authority ('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH')
                title_end = i + 1 if upper_break and p.marker_kind is None else i
                if upper_break and p.marker_kind is None:
                    authority = bare
                break
            h.title = (h.title + " " if h.title else "") + t
            continue
        if subject is not None and " | " not in t and not t.isupper() and not _NUMBER_LINE.search(t) \
                and not _PLACE_DATE.search(t) and not _MOTTO.search(t):
            subject.append(t)  # a công văn's 'V/v …' runs on over the next lines
            continue
        cells = split_cells(p) if " | " in t else [(0, t)]
        if "<" in t:
            cells = [(o + o2, x.strip(" *_")) for o, c in cells for o2, x in _br_cells(c)]
        if _GAP.search(t):  # a two-column page exported as text: 'BỘ …        CỘNG HÒA …'
            cells = [(o + o2, piece) for o, c in cells for o2, piece in _gap_cells(c)]
        for ci, (off, cell) in enumerate(cells):
            if number_tail:
                number_tail = False
                if _NUMBER_CODE.fullmatch(cell) and h.number_span:
                    h.number = normalize_number(h.number + cell)
                    h.number_span = (h.number_span[0], p.doc_offset(off + len(cell) - 1) + 1)
                    continue
            if number_next:
                number_next = False
                if cell and re.fullmatch(r"\d{1,5}[/-]\S+", cell) and _ANY_CAP.search(cell):
                    # 'Số:' / '33/2009/QĐ-UBND': a cell wrapped after the label puts the number on the next line
                    h.number = normalize_number(cell)
                    h.number_span = (p.doc_offset(off), p.doc_offset(off + len(cell) - 1) + 1)
                    continue
            if ci == 0 and number_open:
                number_open = False
                if h.number and re.fullmatch(r"[^\W\d_][\w-]*", cell) and cell[0].isupper() \
                        and (cell.upper() == cell or len(cell) <= 5):  # 'BYT-BTC', 'TTg'
                    h.number += cell  # 'Số: 24/HDLN-BCA-' / 'BYT-BTC': the code ran on to the next line
                    continue
            nm = _NUMBER_LINE.search(cell)
            if nm and h.number_span is None:
                raw = nm.group("num")
                h.number = normalize_number(raw) if re.search(r"\d", raw) else None
                if h.number and not re.match(r"^\d", h.number):
                    h.number = None
                h.number_span = (p.doc_offset(off + nm.start("num")), p.doc_offset(off + nm.end("num")))
                number_open = bool(h.number) and h.number.endswith("-")
                number_next = not raw.strip()
                number_tail = bool(h.number) and re.fullmatch(r"\d{1,5}(?:\.\d{1,3})?", h.number) is not None
            pd = _PLACE_DATE.search(cell)
            if pd is None and pending_date and h.date is None:
                pd = _PLACE_DATE.search(pending_date + " " + cell)  # 'Lai Châu, ngày 25' / 'tháng 4 năm 2024'
                if pd:
                    pending_date = None
                    head_lines.append(cell[:0])
            if pd is None and h.date is None and _PLACE_DATE_OPEN.search(cell):
                pending_date = cell
                continue
            if pd and number_open and re.fullmatch(r"[^\W\d_][\w-]*", cell[pd.end():].strip() or "-"):
                h.number += cell[pd.end():].strip()  # the number's code, cut at the line end, joined after the date
                number_open = False
            if pd and h.date is None:
                h.place = pd.group("place").strip()
                y = int(pd.group("y"))
                d, m = (f if _DATE_FIELD.fullmatch(f) else None for f in (pd.group("d"), pd.group("m")))
                # blanks left for the clerk: day blank -> 'YYYY-MM', month blank too -> 'YYYY'; a day that does not
                # exist ('ngày 15 tháng 54') gives no date, only the readings one stray digit allows
                h.date = iso_date(y, int(m) if m else None, int(d) if d and m else None)
                h.date_readings = date_readings(y, m, d) if h.date is None else []
            vv = re.match(r"\s*V/v\s*", cell)
            if nm and not vv:
                vv = re.compile(r"\s*\*?\s*V/v\s*").match(cell, nm.end())  # 'Số: 3479/VPCP-NN V/v …' in one cell
            if vv and subject is None:
                subject = [cell[vv.end():].strip(" *")]
            if nm and cell[:nm.start()].strip() and cell[:nm.start()].strip().isupper():
                head_lines.append(cell[:nm.start()])  # 'ỦY BAN NHÂN DÂN TỈNH X Số: 12/UBND-VX' on one line
            if not nm and not pd and not vv:
                head_lines.append(_NUMBER_LINE.sub("", cell))
    h.issuer, h.issuer_level = issuer_from_lines([l for l in head_lines if l.isupper() or _THREE_CAPS.search(l)])
    if authority:
        _issuer_from_authority(h, authority)
    if subject is not None and h.doc_kind is None and h.title is None:
        # a công văn has no kind line: its 'V/v' subject is its title (trích yếu)
        h.doc_kind = "CÔNG VĂN"
        h.title = " ".join(subject).strip(" |.") or None
    elif h.doc_kind is None and opening is not None and paras[opening].text.startswith("Kính gửi"):
        h.doc_kind = "CÔNG VĂN"  # no kind line, addressed to its recipients
    if h.title:
        h.title = squash(h.title)
        h.title = re.sub(r"\s+(?:Chương|CHƯƠNG|Phần|PHẦN)\s+(?:[IVXLC]+|\d+)\b.*$", "", h.title)  # a joined first heading
        if not h.title.isupper():
            # a paragraph that joined the title with the authority line ('… sạt lở đất CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ điện:')
            cut = _CAPS_RUN.search(h.title)
            if cut and cut.start() > 10 and (_POST_AT.match(h.title[cut.end():]) or _HEADER_HEAD.match(h.title[cut.end():])):
                h.title = h.title[:cut.start()].rstrip(" ,;")
    if opening is not None:
        start = opening
    elif title_end is not None:
        start = title_end
    else:
        start = title_idx + 2 if title_idx is not None else 0
    return h, start


_DELEGATION = re.compile(r"(?<![%s])(?:TL|KT|TM|TUQ|UQ|Q|T/M|K/T|T/L)\s*[./]?\s+(?=[%s])" % (UPPER, UPPER))
_DELEGATION_END = re.compile(r"(?:^|\s)(?:TL|KT|TM|TUQ|UQ|Q|T/M|K/T|T/L)\s*[./]?$")
_POST_ANY = re.compile(rf"(?<![{UPPER}])(?:PHÓ\s+)?(?:{_POST_ALT})(?![{UPPER}])")
_CAPS_THEN_NAME = re.compile(rf"^(?P<caps>[{UPPER}][{UPPER} ,./]*?[{UPPER}.])\s+(?P<name>{SIGNER_NAME})$")
_GAP = re.compile(r"\s{3,}")
_TAIL_CHAIN = re.compile(rf"(?<=[\s.;:])(?P<chain>(?:(?:TL|KT|TM|TUQ|UQ|Q)\s*\.\s*)?(?:PHÓ\s+)?(?:{_POST_ALT})(?![{UPPER}])[{UPPER} ,.]*)$")


_SIGNED_MARK = re.compile(r"\s*\((?:Đã ký|đã ký|Đã ký số|Ký|ký)[^()]{0,40}\)|\s*\[daky\]")
_BR = re.compile(r"\s*<br\s*/?>\s*", re.I)


def _br_cells(cell: str) -> list[tuple[int, str]]:
    """'UBND TỈNH X<br>**SỞ Y TẾ**' (a Markdown table cell with line breaks) -> its lines, with offsets."""
    if "<" not in cell:
        return [(0, cell)]
    out, pos = [], 0
    for m in list(_BR.finditer(cell)) + [None]:
        end = m.start() if m else len(cell)
        if cell[pos:end].strip(" *_"):
            out.append((pos, cell[pos:end]))
        pos = m.end() if m else pos
    return out


_CAP_OR_BULLET = re.compile(rf"[{UPPER}(\-–+•]")


def _gap_cells(cell: str) -> list[tuple[int, str]]:
    """Split at wide gaps between two columns, not at blanks left for the clerk ('Số:      /TB-UBND',
    'ngày     tháng 4')."""
    parts, pos = [], 0
    gaps = [m for m in _GAP.finditer(cell)
            if _CAP_OR_BULLET.match(cell[m.end():m.end() + 1])
            and not re.search(r"(?:Số\s*:?|ngày|tháng|năm)$", cell[:m.start()])]
    for m in gaps + [None]:
        end = m.start() if m else len(cell)
        if cell[pos:end].strip():
            parts.append((pos, cell[pos:end]))
        pos = m.end() if m else pos
    return parts


def signature_pieces(cell: str) -> list[tuple[int, str]]:
    """A signature cell flattened onto one line -> its lines, with offsets:
    'KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Nguyễn Sỹ Hiệp' ->
    ['KT. BỘ TRƯỞNG, CHỦ NHIỆM', 'PHÓ CHỦ NHIỆM', 'Nguyễn Sỹ Hiệp']; 'Nơi nhận:      KT. BỘ TRƯỞNG' -> two cells."""
    if len(cell) > 80 and cell.rstrip()[-1:].isupper() and "   " not in cell:
        tm = _TAIL_CHAIN.search(cell)
        if tm:  # '… - Lưu: VT, NN. THỦ TƯỚNG': the post run on after the last recipient (a wrapped table row)
            return [(0, cell[:tm.start("chain")].rstrip())] + [(tm.start("chain") + o, x) for o, x in signature_pieces(tm.group("chain"))]
    if "   " not in cell and "<" not in cell and "(" not in cell and "[" not in cell \
            and not (cell[:3].isupper() and len(cell) < 120):
        return [(0, cell)]  # one plain line: nothing to split (cheap test first)
    cell = _SIGNED_MARK.sub(lambda m: " " * len(m.group(0)), cell)  # 'PHÓ CHỦ NHIỆM (Đã ký)': keep offsets
    parts = [(o, x) for o, c in _br_cells(cell) for o2, x in _gap_cells(c) for o in [o + o2]]
    out: list[tuple[int, str]] = []
    for off, part in parts:
        if len(part) > 80 and part.rstrip()[-1:].isupper():
            tm = _TAIL_CHAIN.search(part)
            if tm:  # the post run on after the last recipient, the name after a gap
                out.append((off, part[:tm.start("chain")].rstrip()))
                off, part = off + tm.start("chain"), tm.group("chain")
        cm = _CAPS_THEN_NAME.match(part)
        caps, name = (cm.group("caps"), cm) if cm else (part, None)
        if caps.upper() == caps and len(caps) < 120 and (_DELEGATION.search(caps) or len(_POST_ANY.findall(caps)) > 1):
            cuts = {0}
            for dm in _DELEGATION.finditer(caps):
                cuts.add(dm.start())
            for pm in _POST_ANY.finditer(caps):
                before = caps[:pm.start()].rstrip()
                if before and not before.endswith(",") and not _DELEGATION_END.search(before):
                    cuts.add(pm.start())
            bounds = sorted(cuts) + [len(caps)]
            for a, b in zip(bounds, bounds[1:]):
                if caps[a:b].strip():
                    out.append((off + a, caps[a:b].strip()))
        else:
            out.append((off, caps.strip()))
        if name:
            out.append((off + name.start("name"), name.group("name")))
    return out or [(0, cell)]


def norm_chain(sq: str) -> str:
    """A post line's delegation mark written one way: 'T/M' -> 'TM. ', 'K/T' -> 'KT. ', 'KT.CHỦ TỊCH' -> 'KT. CHỦ TỊCH'."""
    c = re.sub(r"^(T)/(M|L)\b\.?\s*|^K/T\b\.?\s*", lambda m: (m.group(1) + m.group(2) if m.group(1) else "KT") + ". ", sq)
    return squash(re.sub(r"\b(TL|KT|TM|TUQ|UQ|Q)\.(?=\S)", r"\1. ", c)) if "." in c else c


def _chain_line(s: str) -> bool:
    c = norm_chain(squash(s))
    return bool(_SIGN_CHAIN.match(c)) and not _MOTTO.search(c)


_NAME_TAIL = re.compile(rf"[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,3}}")
_FRAGMENT = re.compile(rf"[{UPPER}][{UPPER},.]*(?:\s+[{UPPER}][{UPPER},.]*){{0,2}}")


def rejoin_chain(lines: list[tuple[Paragraph, int, str]]) -> list[tuple[Paragraph, int, str]]:
    """Put back together a post line that a hard wrap cut: a two-column signature block wrapped at 64 columns
    gives 'Nơi nhận: | KT. CHỦ' then 'TỊCH' on a line of its own. A line that is nothing but one to three upper-case
    words joins the upper-case cell before it when together they make a post line ('KT. CHỦ' + 'TỊCH',
    'KT. BỘ TRƯỞNG, CHỦ' + 'NHIỆM') and the two alone do not both make one."""
    out: list[tuple[Paragraph, int, str]] = []
    for p, off, piece in lines:
        if out and out[-1][0] is not p and _FRAGMENT.fullmatch(piece):
            q, qoff, prev = out[-1]
            if prev.upper() == prev and len(prev) < 80:
                joined = f"{prev.rstrip()} {piece.strip()}"
                whole = p.text.strip() == piece.strip()
                if whole and _chain_line(joined) and not (_chain_line(prev) and (_chain_line(piece) or _HEADER_HEAD.match(piece))):
                    # ('KT. BỘ TRƯỞNG' then 'BỘ Y TẾ' are two lines: a whole post line, then the body it signs for)
                    out[-1] = (q, qoff, joined)
                    continue
                if prev.split()[-1] in _DANGLING and _chain_line(joined):
                    # 'KT. BỘ TRƯỞNG THỨ' / 'TRƯỞNG     Lê Công Thành': a post cut after a word no post ends with
                    pieces = signature_pieces(joined)
                    out[-1] = (q, qoff, pieces[0][1])
                    out += [(q, qoff + o, x) for o, x in pieces[1:]]
                    continue
        if out and out[-1][0] is not p and p.text.strip() == piece.strip() and _NAME_TAIL.fullmatch(piece.strip()):
            q, qoff, prev = out[-1]
            words = prev.split()
            # 'Phan' / 'Trung Bá': a name the wrap cut after its family name
            if q.text.strip() == prev.strip() and len(words) <= 2 and words[0] in SURNAMES \
                    and _SIGNER_NAME_RE.match(f"{prev} {piece.strip()}") and len(words) + len(piece.split()) <= 5:
                out[-1] = (q, qoff, f"{prev.strip()} {piece.strip()}")
                continue
        out.append((p, off, piece))
    return out


# words that open a post and end none ('THỨ' of 'THỨ TRƯỞNG', 'CHỦ' of 'CHỦ TỊCH'): a line ending with one was cut
_DANGLING = ({p.split()[0] for p in _POSTS if " " in p} | {"PHÓ"}) - {p.split()[-1] for p in _POSTS}
_RANK = re.compile(patterns.load("signatures")["ranks"]["pattern"])
_DELEGATION_MARK = re.compile(r"^(?:TL|KT|TM|TUQ|Q|UQ)\.\s*")


def signer_name(cell: str) -> str | None:
    """A name cell of a signature block, without the marks and rank before it:
    '*Thượng tướng Nguyễn Văn Long' -> 'Nguyễn Văn Long'."""
    c = squash(cell.strip(" *-–•.|"))
    c = _RANK.sub("", c)
    return c if _SIGNER_NAME_RE.match(c) else None


def whole_cell(prev: str, frag: str) -> str | None:
    """A cell of a multi-column signature row and the line a hard wrap put under the row: the cell made whole
    ('KT. BỘ' + 'TRƯỞNG', 'BỘ CÔNG' + 'AN', 'Thượng tướng Nguyễn' + 'Văn Long'), or None when the line is not its end."""
    joined = f"{prev.rstrip()} {frag.strip()}"
    if frag.upper() == frag and prev.upper() == prev:
        if _chain_line(joined) and not (_chain_line(prev) and (_chain_line(frag) or _HEADER_HEAD.match(frag))):
            return joined
        if _HEADER_HEAD.match(prev.strip(" *-")) and not _HEADER_HEAD.match(frag) and not _chain_line(frag):
            return joined
        return None
    if _NAME_TAIL.fullmatch(frag) and len(frag.split()) <= 2 and signer_name(joined) and len(signer_name(joined).split()) <= 5:
        return joined
    return None


def _sign_rows(paras: list[Paragraph]) -> list[list[str]]:
    """The rows of a signature zone as cells, each wrapped cell made whole again."""
    rows: list[list[str]] = []
    for p in paras:
        cells = [c for _, c in split_cells(p)] if " | " in p.text else [p.text]
        if len(cells) == 1 and rows and len(cells[0].split()) <= 3 and (len(rows[-1]) >= 2 or cells[0].upper() == cells[0]):
            whole = whole_cell(rows[-1][-1], cells[0])
            if whole:
                rows[-1][-1] = whole
                continue
        rows.append(cells)
    return _unweave(rows)


def _unweave(rows: list[list[str]]) -> list[list[str]]:
    """Rows of side-by-side blocks that a hard wrap put one column per line: 'KT. BỘ TRƯỞNG' twice, then
    'BỘ TÀI CHÍNH', 'BỘ Y TẾ', then the posts, then the names -> the rows again ('KT. BỘ TRƯỞNG | KT. BỘ TRƯỞNG', …).
    Only the same delegation line repeated opens such a run: one signer's chain never repeats a line."""
    out: list[list[str]] = []
    k = 0
    while k < len(rows):
        m = 0
        while k + m < len(rows) and len(rows[k + m]) == 1 and _DELEGATION_MARK.match(norm_chain(squash(rows[k + m][0]))) \
                and squash(rows[k + m][0]) == squash(rows[k][0]):
            m += 1
        if m < 2:
            out.append(rows[k])
            k += 1
            continue
        woven = [[rows[k + i][0] for i in range(m)]]
        j = k + m
        while j < len(rows):
            if len(rows[j]) == m and all(signer_name(c) for c in rows[j]):
                woven.append(rows[j])  # the names, short enough to stay on one line
                j += 1
                break
            if j + m > len(rows) or not all(len(rows[j + i]) == 1 for i in range(m)):
                break
            group = [rows[j + i][0] for i in range(m)]
            names = [signer_name(c) for c in group]
            if all(names):
                woven.append(group)
                j += m
                break
            if not all(c.upper() == c for c in group):
                break
            woven.append(group)
            j += m
        if not all(signer_name(c) for c in woven[-1]):
            out.append(rows[k])  # no row of names closes the run: not side-by-side blocks
            k += 1
            continue
        out += woven
        k = j
    return out


_TWO_CAPS_ROW = re.compile(rf"[{UPPER}]{{2}}")


def joint_signatures(paras: list[Paragraph]) -> list[Signature]:
    """The signers of a joint document (Hướng dẫn liên ngành, Thông tư liên tịch): signature blocks side by side,
    a row of post lines ('KT. BỘ TRƯỞNG | KT. BỘ TRƯỞNG'), the bodies ('BỘ QUỐC PHÒNG | BỘ CÔNG AN'), the posts,
    then a row of names. The lead body signs on the right of the first row (Nghị định 30/2020/NĐ-CP, Phụ lục I),
    the others to its left and in the rows below: signers are returned in that order, the lead first."""
    out: list[Signature] = []
    rows = _sign_rows(paras)
    k = 0
    while k < len(rows):
        cells = rows[k]
        # a row of blocks side by side; below one, a block alone (the last of an odd number of signers)
        if len(cells) < (2 if not out else 1) or not all(_chain_line(c) for c in cells):
            k += 1
            continue
        n = len(cells)
        cols: list[list[str]] = [[norm_chain(squash(c))] for c in cells]
        names: list[str | None] = [None] * n
        j = k + 1
        while j < len(rows) and j <= k + 14:
            row = rows[j]
            found = [signer_name(c) for c in row]
            if len(row) == n and all(found):
                names = found
                j += 1
                break
            if len(row) >= 2 and all(_DELEGATION_MARK.match(norm_chain(squash(c))) for c in row) and len(cols[0]) > 1:
                break  # the next row of signature blocks, no names found for this one
            if len(row) == n and all(c.upper() == c and _TWO_CAPS_ROW.search(c) for c in row):
                for col, c in zip(cols, row):
                    col.append(norm_chain(squash(c)))
            j += 1
        for col, name in reversed(list(zip(cols, names))):
            body = next((org_case(c) for c in col[1:] if _HEADER_HEAD.match(c) and not _POST_AT.match(c)), None)
            chain = [c for c in col if c == col[0] or _POST_AT.match(_DELEGATION_MARK.sub("", c))]
            last = _DELEGATION_MARK.sub("", chain[-1])
            post = post_title(last)
            title = f"{post} {body}" if body and not _POST_AT.match(last).group("rest").strip() else post
            if _DELEGATION_MARK.match(chain[-1]) and len(chain) == 1:
                title = None  # 'KT. BỘ TRƯỞNG' with the deputy's own post lost: signed for the minister
            out.append(Signature(name=name, title=title, chain=chain, body=body))
        k = j
    # side-by-side blocks of one signer's chain ('KT. GIÁM ĐỐC | PHÓ GIÁM ĐỐC') name one person at most
    return out if len(out) >= 2 and out[0].name and sum(1 for s in out if s.name) >= 2 else []


_NOI_NHAN_START = re.compile(r"^Nơi\s+nhận\s*:?")
_COMMITTEE_OF_LEVEL = re.compile(rf"(?:ỦY BAN NHÂN DÂN|UBND)\s+(?:{_LEVEL_UP})\b")
_SHORT_CAP_WORD = re.compile(rf"[{UPPER}][{LOWER}]{{1,6}}")


_WORDS_ONLY = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)+")  # (a name has letters only: not 'DT&TG, NV;' of a Nơi nhận line)


def parse_signature(layout: Layout) -> tuple[Signature, int | None, list[str]]:
    """Signature (name, title, delegation chain), the index where 'Nơi nhận' starts, recipients."""
    paras = layout.paragraphs
    sig = Signature()
    noi_nhan = None
    for i in range(len(paras) - 1, -1, -1):  # the last one: an appendix (Phụ lục, Kế hoạch kèm theo) may follow
        if _NOI_NHAN_START.match(paras[i].text):
            noi_nhan = i
            break
    # the chain: upper-case post lines near the end, then the signer's name. Cells of a flattened table or of a
    # two-column page count one by one; cells of the other column (Nơi nhận) may come in between.
    lines: list[tuple[Paragraph, int, str]] = []
    lo = max(0, (noi_nhan if noi_nhan is not None else len(paras)) - 12)
    for p in paras[lo:]:
        for off, cell in split_cells(p):
            for o2, piece in signature_pieces(cell):
                lines.append((p, off + o2, piece))
    lines = rejoin_chain(lines)
    for k, (p, off, cell) in enumerate(lines):
        if len(cell) > 80:
            if sig.chain and sig.name is None and not re.match(r"[-–+•]|Nơi\s+nhận|Lưu\b", cell):
                sig.chain = []  # body text between: those upper-case lines were not a signature
            continue  # neither a post line nor a name
        sq = squash(cell)
        if not sq:
            continue  # (the blank a '(đã ký)' mark leaves in its cell)
        c = norm_chain(sq)
        if _SIGN_CHAIN.match(c) and not _MOTTO.search(c) and not _COMMITTEE_OF_LEVEL.match(c):
            if sig.name is None:
                sig.chain.append(c)
            continue
        if not sig.chain or sig.name is not None:
            continue
        if _SIGNER_NAME_RE.match(sq):
            sig.name = sq
            sig.span = (p.doc_offset(off), p.doc_offset(off) + len(cell))
            nxt = squash(lines[k + 1][2]) if k + 1 < len(lines) else ""
            if len(sq.split()) <= 3 and _SHORT_CAP_WORD.fullmatch(nxt) and nxt not in ("Nơi", "Lưu"):
                sig.name = f"{sq} {nxt}"  # a name whose last word a hard wrap put on the next line
            break
        if sq.isupper() and 2 <= len(sq.split()) <= 5 and _WORDS_ONLY.fullmatch(sq) and not _HEADER_HEAD.match(sq) \
                and not _MOTTO.search(sq) \
                and lines[k - 1][2] and _SIGN_CHAIN.match(squash(lines[k - 1][2])):
            sig.name = title_case_place(sq)  # a name typed in capitals right under the post
            sig.span = (p.doc_offset(off), p.doc_offset(off) + len(cell))
            break
        if _NOT_SIGNED.match(sq) or re.match(r"[-–+•]|Nơi\s+nhận|Lưu\b", sq) or sq.endswith((";", ",")):
            continue  # '(Đã ký)', or a cell of the Nơi nhận column beside the signature
        sig.chain = []  # other text between: the upper-case lines above were not the signature
    # a joint document: signature blocks side by side, the lead body's on the right of the first row
    zone = paras[max(0, (noi_nhan if noi_nhan is not None else len(paras)) - 40):]
    if any(_DELEGATION_MARK.match(p.text) and (" | " in p.text or (k and p.text == zone[k - 1].text)) for k, p in enumerate(zone)):
        joint = joint_signatures(zone)
        if joint:
            sig = Signature(name=joint[0].name, title=joint[0].title, chain=joint[0].chain, body=joint[0].body, joint=joint)
    recipients: list[str] = []
    if noi_nhan is not None:
        def left(p: Paragraph) -> str:
            # the Nơi nhận column: the first cell, up to a wide gap ('- Như trên;      THỨ TRƯỞNG')
            cells = split_cells(p)
            cell = cells[0][1] if cells else p.text
            return _gap_cells(cell)[0][1] if "   " in cell and _gap_cells(cell) else cell

        first = re.sub(r"^Nơi\s+nhận\s*:?\s*", "", left(paras[noi_nhan]))
        items = [first] if first else []
        for p in paras[noi_nhan + 1:]:
            cell = left(p)
            if _SIGN_CHAIN.match(squash(cell)) or (sig.name and squash(cell) == sig.name):
                break
            items.append(cell)
        for item in items:
            # 'Thủ tướng Chính phủ; - Các Phó Thủ tướng; - Các Bộ: …' (a table cell's lines joined)
            for it in re.split(r"(?<=[;.])\s*[-–+•]\s+", item):
                it = re.sub(r"^[-–+•]\s*", "", it).strip(" ;,.")
                if not it or re.match(r"^Lưu\b", it) or _SIGN_CHAIN.match(it):
                    continue
                recipients.append(it)
    if noi_nhan is not None and noi_nhan < len(paras) - 60:
        # a long appendix follows the signature (a Kế hoạch's task table): the body runs on into it, as before
        noi_nhan = None
    return sig, noi_nhan, recipients


_POST_AT = re.compile(rf"(?P<vice>PHÓ\s+)?(?P<post>{_POST_ALT})(?![{UPPER}])\s*(?P<rest>.*)$")


def post_title(chain_last: str) -> str:
    """'PHÓ CHÁNH VĂN PHÒNG' -> 'Phó Chánh Văn phòng'; 'GIÁM ĐỐC SỞ TƯ PHÁP' -> 'Giám đốc Sở Tư pháp'."""
    m = _POST_AT.match(squash(chain_last))
    if not m:
        return org_case(chain_last)
    post = ("Phó " if m.group("vice") else "") + _POSTS[squash(m.group("post"))]
    rest = m.group("rest").strip(" ,")
    if rest and _POST_AT.match(rest):
        return f"{post}, {post_title(rest)}"  # 'BỘ TRƯỞNG, CHỦ NHIỆM': two posts held together
    return f"{post} {org_case(rest)}" if rest else post


def signer_title(sig: Signature, issuer: str | None, level: str | None, text: str) -> str | None:
    """The signer's post as running text names it: the last line of the chain, with the body it belongs to
    ('THỨ TRƯỞNG' of Bộ Tài chính -> 'Thứ trưởng Bộ Tài chính'; 'PHÓ CHỦ TỊCH' -> 'Phó Chủ tịch UBND tỉnh')."""
    if not sig.chain:
        return None
    last = sig.chain[-1]
    acting = re.match(r"^Q\.\s*", last) is not None
    last = re.sub(r"^(?:TL|KT|TM|TUQ|Q|UQ)\.\s*", "", last)
    post = post_title(last)
    if acting:
        post = "Quyền " + post
    if re.match(r"^(?:TM|T/M)\b", sig.chain[-1]):
        return None  # 'TM. ỦY BAN NHÂN DÂN' with no post under it
    lvl = level if level and level != "trung ương" else "tỉnh"  # a People's Committee is never central
    if lvl == "thành phố" and text.count("UBND Thành phố") + text.count("Ủy ban nhân dân Thành phố") > text.count("UBND thành phố"):
        lvl = "Thành phố"  # a city that writes its own name so ('UBND Thành phố' in Hà Nội)
    local = issuer is None or re.match(r"(?:Văn phòng (?:HĐND và )?)?(?:UBND|HĐND)(?: |$)", issuer) is not None
    if "Văn phòng" in post and local:
        # the office as the notice itself names it ('Văn phòng HĐND và UBND xã'), else 'Văn phòng UBND <level>'
        offices = Counter(m.group(0) for m in re.finditer(rf"Văn phòng (?:HĐND và UBND|UBND|Đoàn ĐBQH, HĐND và UBND) {lvl}(?![\w])", text))
        office = offices.most_common(1)[0][0] if offices else f"Văn phòng UBND {lvl}"
        return post.replace("Văn phòng", office) if "Văn phòng" in post else f"{post} {office}"
    m = _POST_AT.match(squash(last))
    if m and m.group("rest").strip(" ,") and not _POST_AT.match(m.group("rest").strip(" ,")):
        return post  # the line names its body ('GIÁM ĐỐC SỞ TƯ PHÁP')
    if re.search(r"Thủ tướng$", post):
        return f"{post} Chính phủ"
    if "Chủ tịch" in post and local:
        body = "HĐND" if issuer and issuer.startswith("HĐND") else "UBND"
        return f"{post} {body} {lvl}"  # 'Phó Chủ tịch UBND tỉnh', as notices name the post
    if issuer and m:
        # posts are named by body, not place: 'Phó Giám đốc Sở Y tế', 'Phó Bí thư Đảng ủy UBND tỉnh'
        lv = "|".join(_UNIT_LEVELS)
        issuer = re.sub(rf"\b((?:UBND|HĐND) (?:{lv})) .+$", r"\1", issuer) if re.search(rf"\b(?:UBND|HĐND) (?:{lv}) ", issuer) \
            else re.sub(rf" (?:{lv}) .+$", "", issuer)
        issuer = re.sub(r"\b(Tỉnh ủy|Thành ủy|Huyện ủy) .+$", r"\1", issuer)  # 'Phó Bí thư Tỉnh ủy'
        w = post.split()[-1]
        if issuer.lower().startswith(w.lower() + " ") or issuer.lower().startswith(" ".join(post.split()[-2:]).lower() + " "):
            # 'Trưởng ban' of 'Ban Chỉ đạo …' -> 'Trưởng Ban Chỉ đạo …'; 'Chánh Văn phòng' of 'Văn phòng Tỉnh ủy X'
            k = 2 if issuer.lower().startswith(" ".join(post.split()[-2:]).lower() + " ") else 1
            return " ".join(post.split()[:-k] + [issuer])
        return f"{post} {issuer}"
    return post


def meeting_kind(*texts: str) -> str | None:
    """The kind of meeting the first text that names one names: a regular meeting (giao ban) wins,
    else the kind whose word comes first ('kiểm tra …; làm việc với …' is an inspection)."""
    for t in texts:
        if not t:
            continue
        tail = t.split(" tại ", 1)[1] if t.startswith("Kết luận") and " tại " in t else t
        hits = []
        for rx, kind in _MEETING_KINDS:
            m = rx.search(tail)
            if m:
                hits.append((0 if kind == "regular_meeting" else 1, m.start(), kind))
        if hits:
            return min(hits)[2]
    return None


_CAP_WORDS = re.compile(rf"{CAP_WORD}(?:\s+{CAP_WORD})*{_PLACE_NO}")


def admin_units(text: str) -> list[str]:
    """'xã Khuất Xá', 'các xã Chi Lăng, Nhân Lý' -> ['xã Khuất Xá', 'xã Chi Lăng', 'xã Nhân Lý'] (in order, unique)."""
    found: list[tuple[int, str]] = []
    for m in ADMIN_LIST.finditer(text):
        lvl = m.group("lvl")
        pos = m.start("names")
        for nm in _CAP_WORDS.finditer(m.group("names")):
            found.append((pos + nm.start(), f"{lvl} {nm.group(0)}"))
    for m in _ADMIN_UNIT.finditer(text):
        if m.group("lvl2"):
            found.append((m.start(), f"{m.group('lvl2')} {m.group('name2')}"))  # 'Phường 2 Bảo Lộc'
            continue
        name = m.group("name")
        name = re.split(r"\s+(?=(?:Tham|Thành|Sau|Ngày|Đoàn|Trưởng)\b)", name)[0]
        words = name.split()
        if len(words) >= 4:  # 'Chủ tịch UBND xã Tân Lập Nguyễn Văn Bình': the place ends where the person's name begins
            k = name_start(words, after_level=True)
            if k is not None and k >= 2:
                name = " ".join(words[:k])
        found.append((m.start(), f"{m.group('lvl')} {name}"))
    out: list[str] = []
    for _, u in sorted(found):
        if u not in out:
            out.append(u)
    return out


_ATTEND_OPEN = re.compile(r"^\s*(?:%s)(?![\w])" % "|".join(
    map(re.escape, sorted(patterns.load("meetings")["attend_openings"]["items"], key=len, reverse=True))))
_PAREN = re.compile(r"\s*\([^()]{0,200}\)")
_ATTEND_STOP = re.compile(r"(?:Chủ tịch|Phó Chủ tịch|Giám đốc|Thủ trưởng|Lãnh đạo|Bí thư)\b")
# the name of a field after a list head ('các Bộ: Nông nghiệp và Phát triển nông thôn, Tư pháp'): capitalised words,
# each with up to three lower-case ones after it, joined by 'và' or a dash ('Kế hoạch - Tài chính')
_FIELD_NAME = re.compile(rf"{CAP_WORD}(?:\s+(?!và\b)[{LOWER}]+){{0,3}}(?:\s+(?:và\s+|[-–]\s+)?{CAP_WORD}(?:\s+(?!và\b)[{LOWER}]+){{0,3}})*")


def _list_head(what: str) -> str:
    """The head a shorthand list's fields take: 'các Bộ: Tài chính' -> 'Bộ'; 'các Sở, ngành: Tài chính' -> 'Sở';
    a Sở's own units: 'các phòng: Tổ chức cán bộ' -> 'Phòng', 'các Chi cục: Kiểm lâm' -> 'Chi cục'."""
    low = what.lower()
    for unit in ("Phòng", "Chi cục", "Trung tâm"):
        if low == unit.lower():
            return unit
    return "Bộ" if low[:2] == "bộ" else "Sở"


def attendees(sentences: list[str]) -> list[str]:
    """Agencies a meeting paragraph lists as attending, shorthand lists expanded
    ('lãnh đạo các Bộ: Tài chính, Tư pháp' -> ['Bộ Tài chính', 'Bộ Tư pháp']) and the agencies of the persons named
    ('đồng chí X - Giám đốc Sở Y tế' -> 'Sở Y tế')."""
    found: list[tuple[int, int, str]] = []  # (sentence, position, name): the attendees in the order they are named

    def add(n: str, at: int):
        if n and not is_commune_unit(n):  # a commune's own unit is no provincial agency
            found.append((k, at, n))

    for k, s in enumerate(sentences):
        if re.match(r"^\s*Thành phần\s+(?:các\s+)?(?:xã|phường|huyện|UBND)", s):
            continue
        consumed: list[tuple[int, int]] = []
        for lm in _ATTEND_LIST.finditer(s):
            pos = lm.end()
            head = _list_head(lm.group("what"))
            while pos < len(s):
                o = scan_org(s, pos)
                if o is not None and not o.bare and o.kind in ("agency", "committee") and o.end > pos:
                    add(o.name, pos)
                    pos = o.end
                else:
                    fm = SO_FIELD_RE.match(s, pos)
                    if fm:
                        add(canonical(f"{head} " + fm.group(0)), pos)
                        pos = fm.end()
                    else:
                        um = _FIELD_NAME.match(s, pos)
                        if um and not _ATTEND_STOP.match(um.group(0)) and not HEAD_RE.match(um.group(0)):
                            add(canonical(f"{head} " + um.group(0)), pos)
                            pos = um.end()
                        else:
                            break
                pm = _PAREN.match(s, pos)
                if pm:
                    pos = pm.end()  # 'Khoa học và Công nghệ (và đại diện các phòng chuyên môn); Tài chính'
                sm = re.match(r"\s*(?:,|;|và)\s*", s[pos:])
                if not sm:
                    break
                nxt = s[pos + sm.end():]
                if re.match(r"(?:Chủ tịch|Phó Chủ tịch|Giám đốc|Thủ trưởng|các\s|đồng chí|Bí thư|[a-zđ])", nxt):
                    break
                pos += sm.end()
            consumed.append((lm.start(), pos))
        if _ATTEND_OPEN.match(s) or consumed:
            for o in find_orgs(s):
                if any(a <= o.start < b for a, b in consumed):
                    continue
                if o.kind == "agency" and not o.bare and o.agency and not o.name.startswith(("Tổ ", "Đoàn ")) \
                        and not _PERSON_POST.match(o.name):
                    add(o.name, o.start)
                elif o.kind in ("person_post", "agency"):
                    # 'đồng chí X - Giám đốc Sở Y tế': the agency the person leads
                    pm = _PERSON_POST.match(o.name)
                    inner = scan_org(o.name, pm.end()) if pm else None
                    if inner is not None and inner.kind == "agency" and not inner.bare and inner.agency:
                        add(inner.name, o.start)
    return list(dict.fromkeys(n for _, _, n in sorted(found)))


def find_people(text: str) -> list[tuple[str, str, int]]:
    """'đồng chí Trần Thanh Nhân, Phó Chủ tịch UBND tỉnh' -> [(name, title, pos)]."""
    return [(m.group("name"), canonical(m.group("title")), m.start()) for m in _COMRADE.finditer(text)]


_SIGN_TESTS = [
    ("quốc hiệu", re.compile(r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI|CỘNG$|H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ|Độc\s+lập\s*[-–]?\s*Tự\s+do|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")),
    ("số hiệu", re.compile(rf"Số\s*:?\s*(?:\d[\d.]*)?\s*(?:/\s*(?:\d{{4}}\s*/\s*)?[{UPPER}]|-\s*[{UPPER}]+\s*/)")),
    ("địa danh, ngày tháng", re.compile(rf"[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,3}}\s*,\s*ngày\b(?:[^\n]{{0,20}}tháng|\s*\d{{0,2}}\s*$)")),
    ("tên loại văn bản", re.compile(r"(?:(?:%s)[ \t*_:]*$|(?:%s)\s+[%s]|V/v\b|Kính\s+gửi\b)" % ("|".join(re.escape(k) for k in _KINDS), "|".join(re.escape(k) for k in _KINDS), LOWER))),
    ("nơi nhận, chữ ký", re.compile(rf"(?:Nơi\s+nhận\b|(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[./]?\s*[{UPPER}]{{2}})")),
]
_CELL_SPLIT = re.compile(rf"\s*(?:\||<br\s*/?>)\s*|(?<!:)\s{{2,}}(?=[{UPPER}])")
_MARKUP = re.compile(r"^[\s#*>_]+|[\s*_]+$")
# where a header line flattened without cell marks runs on into the next part: 'UBND TỈNH X Số: 12/UBND-VX',
# 'Số: 12/UBND-VX Lai Châu, ngày …' (after the capitals of an issuer or after a number)
_RUN_ON = re.compile(rf"(?<=[{UPPER}0-9])\s+(?=Số\s*:|[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{0,3}}\s*,\s*ngày\b)")


def _cells_of(line: str) -> list[str]:
    cells = _CELL_SPLIT.split(line)
    if "Số" not in line and "ngày" not in line:
        return cells
    out = []
    for c in cells:
        cuts = [m.start() for m in _RUN_ON.finditer(c)]
        if cuts:
            bounds = [0] + cuts + [len(c)]
            out += [c[a:b] for a, b in zip(bounds, bounds[1:])]
        else:
            out.append(c)
    return out


_ONE_CAP = re.compile(rf"[{UPPER}]")


def document_signs(text: str) -> list[str]:
    """The parts of an administrative document's frame (Nghị định 30/2020/NĐ-CP) that a text shows: national motto
    or party header, number line, place-date line, kind line (or V/v, Kính gửi), Nơi nhận or signing authority.
    Each must open a line or a table cell that is not a label's value: a README or an index table may quote
    'Số: 97/TB-UBND' in a column beside a label, a document's frame never does.

    >>> document_signs("Số: 12/TB-UBND\\nLạng Sơn, ngày 2 tháng 5 năm 2026\\nTHÔNG BÁO")
    ['số hiệu', 'địa danh, ngày tháng', 'tên loại văn bản']
    >>> document_signs("| field | example |\\n| number | Số: 97/TB-UBND |\\n| date | Lạng Sơn, ngày 27 tháng 4 năm 2026 |")
    []
    """
    found: dict[str, int] = {}
    lines = [l for l in text.splitlines() if l.strip()]
    if len(lines) > 140:  # the frame sits at the head and the foot of a document
        lines = lines[:50] + lines[-90:]
    for line in lines:
        if len(found) >= 3 and "quốc hiệu" in found:
            break  # the motto and two more parts: a document's head (a list of documents has no motto)
        if len(line) > 200 and "|" not in line:
            continue  # a body paragraph: the frame's lines are short
        if "quốc hiệu" not in found and ("CỘNG" in line or "HÒA" in line or "HOÀ" in line or "Độc" in line or "ĐẢNG" in line) \
                and _SIGN_TESTS[0][1].search(line):
            found["quốc hiệu"] = 1  # the motto is unambiguous anywhere on a line
        prev_ok = True
        for cell in _cells_of(line):
            cell = _MARKUP.sub("", cell)
            if not cell:
                continue
            hit = False
            if prev_ok and cell[:1].isupper():  # every frame part opens with a capital (cheap test first)
                for name, rx in _SIGN_TESTS[1:]:
                    if name == "địa danh, ngày tháng" and ", ngày" not in cell and ",ngày" not in cell:
                        continue
                    if rx.match(cell):
                        found[name] = found.get(name, 0) + 1
                        hit = True
            # a cell after a label ('| number | Số: …') is a value, not a frame part; after an upper-case
            # issuer cell, a number or a recipients cell it still is one
            prev_ok = hit or (cell.upper() == cell and _ONE_CAP.search(cell) is not None) or cell[:1] in "-–+•"
    # a document has one number line and one place-date line; a list of documents repeats them row after row
    return [name for name, _ in _SIGN_TESTS if name in found
            and not (name in ("số hiệu", "địa danh, ngày tháng") and found[name] > 2)
            and not (name == "tên loại văn bản" and found.get("số hiệu", 0) > 2)]
