"""Header, signature block, recipients and the meeting paragraph of a notice."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import patterns
from .normalize import squash
from .orgs import _HEAD_RE, CAP_WORD, LOWER, UPPER, canonical, find_orgs, scan_org, _SO_FIELD_RE
from .structure import Layout, Paragraph, split_cells
from .citations import normalize_number

_MOTTO = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc|_{3,}", re.I)
_NUMBER_LINE = re.compile(r"Số\s*:\s*(?P<num>[^|]*?)(?=\s{2,}|\s*\||$|\s+[%s][%s]+(?:\s+[%s][%s]+)*\s*,\s*ngày)" % (UPPER, LOWER, UPPER, LOWER))
_PLACE_DATE = re.compile(
    r"(?<![\w])(?P<place>[%s][%s]*(?:\s+[%s][%s]*){0,3})\s*,\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})" % (UPPER, LOWER, UPPER, LOWER)
)
PERSON = rf"(?:[{UPPER}][{LOWER}]+)(?:\s+[{UPPER}][{LOWER}]+){{1,5}}"
_PERSON_RE = re.compile(rf"^{PERSON}$")
_COMRADE = re.compile(rf"(?:đồng chí|Đồng chí|đ/c|Đ/c)\s+(?P<name>{PERSON})\s*(?:,|-|–)\s*(?P<title>[^;:.]+?)(?=\s+(?:tại|đã|chủ trì|kết luận|cùng|làm|đi|thăm|dự|và|kiểm tra|họp|tiếp|nghe)\b|;|\.|:|$|,\s*(?:chủ trì|cùng|đã))")
# where a post ends and the event begins in a title ('… Phó Chủ tịch UBND tỉnh kiểm tra công tác …')
EVENT_VERB = re.compile(r"\s+(?=(?:kiểm tra|làm việc|chủ trì|họp|dự|thăm|tiếp|đi|nghe)\b)")
_CHAIR_IN_TITLE = re.compile(
    rf"Kết luận của\s+(?:đồng chí\s+(?P<name>{PERSON})\s*(?:,|-|–)\s*)?(?P<title>.+?)\s+tại\s+(?P<event>.+)$", re.S
)
_SIGN_CHAIN = re.compile(rf"^(?:(?:TL|KT|TM|TUQ|Q|UQ)\s*\.\s*)?(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|CHÁNH\s+VĂN\s+PHÒNG|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|BÍ\s+THƯ|ỦY\s+BAN\s+NHÂN\s+DÂN|UBND|VĂN\s+PHÒNG|THƯỜNG\s+TRỰC)\b[{UPPER} .]*$")
_POST_WORDS = {"PHÓ": "Phó", "CHỦ": "Chủ", "TỊCH": "tịch", "CHÁNH": "Chánh", "VĂN": "Văn", "PHÒNG": "phòng", "GIÁM": "Giám",
               "ĐỐC": "đốc", "TRƯỞNG": "Trưởng", "BAN": "ban", "BÍ": "Bí", "THƯ": "thư", "THƯỜNG": "Thường", "TRỰC": "trực"}
_MEETING_KINDS = [(re.compile(k["pattern"], re.I), k["kind"]) for k in patterns.load("meetings")["kinds"]]
_OPENING = re.compile(r"^(?:Ngày|Vào ngày|Sáng ngày|Chiều ngày|Tối ngày|Trong ngày|Trong các ngày|Từ ngày|Hôm nay)\b.*?\d")
_CONCLUDES = re.compile(r"(?:kết luận|có ý kiến|chỉ đạo|thống nhất)(?:[^.:]{0,60})?(?:như sau|sau đây)?\s*:\s*$|kết luận\s*:\s*$|như sau\s*:\s*$")
_ADMIN_UNIT = re.compile(
    rf"(?<![\w])(?:(?P<lvl>xã|phường|huyện|thị xã|thị trấn|thành phố|đặc khu|quận)\s+(?P<name>{CAP_WORD}(?:\s+{CAP_WORD})*)"
    rf"|(?P<lvl2>Phường|Xã)\s+(?P<name2>\d{{1,2}}(?:\s+{CAP_WORD})+))")
_ADMIN_LIST = re.compile(
    rf"các\s+(?P<lvl>xã|phường|huyện)(?:,\s*(?:phường|xã|thị trấn))?\s*:?\s+(?P<names>{CAP_WORD}(?:\s+{CAP_WORD})*(?:\s*(?:,|và)\s*{CAP_WORD}(?:\s+{CAP_WORD})*)+)"
)
_ATTEND_LIST = re.compile(
    r"(?:(?:lãnh đạo|Lãnh đạo|đại diện|Đại diện|các đồng chí lãnh đạo|các đồng chí Lãnh đạo)\s+)+(?:các\s+)?"
    r"(?P<what>[Ss]ở,\s*ban,\s*ngành|[Ss]ở,\s*ngành|[Ss]ở|cơ quan|cơ quan,\s*đơn vị|đơn vị)(?:\s+tỉnh)?\s*:\s*"
)


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


@dataclass
class Signature:
    name: str | None = None
    title: str | None = None
    chain: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None


def title_case_place(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def _issuer_from_lines(lines: list[str]) -> tuple[str | None, str | None]:
    """'ỦY BAN NHÂN DÂN' + 'TỈNH LẠNG SƠN' -> ('UBND tỉnh Lạng Sơn', 'tỉnh')."""
    text = " ".join(lines)
    text = squash(_MOTTO.sub(" ", text))
    if not text:
        return None, None
    m = re.search(rf"(?P<org>ỦY BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)\s+(?P<lvl>TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG|HUYỆN|ĐẶC KHU|THỊ XÃ)\s+(?P<place>[{UPPER} ]+?)(?=\s+VĂN PHÒNG|\s*$|\s+[{UPPER}]+\s*:)", text)
    if m:
        org = "UBND" if m.group("org") in ("ỦY BAN NHÂN DÂN", "UBND") else "HĐND"
        lvl = m.group("lvl").lower()
        name = f"{org} {lvl} {title_case_place(m.group('place'))}"
        rest = text[m.end():]
        if re.match(r"\s*VĂN PHÒNG", rest) or re.search(r"VĂN PHÒNG\s*$", text[: m.start()]):
            return f"Văn phòng {name}", lvl
        return name, lvl
    return None, None


def parse_header(layout: Layout) -> tuple[Header, int]:
    """Read the header; return it and the index of the first paragraph after the title."""
    h = Header()
    paras = layout.paragraphs
    head_lines: list[str] = []
    title_idx = None
    opening = None
    subject: list[str] | None = None  # 'V/v …': what a công văn is about
    for i, p in enumerate(paras[:40]):
        t = p.text
        if _OPENING.match(t) or t.startswith(("Kính gửi", "Căn cứ")):
            opening = i
            break
        if re.fullmatch(r"(THÔNG BÁO|CÔNG VĂN|BÁO CÁO|KẾT LUẬN)", t.strip()):
            h.doc_kind = t.strip()
            title_idx = i
            continue
        if title_idx is not None and i > title_idx:
            h.title = (h.title + " " if h.title else "") + t
            continue
        if subject is not None and " | " not in t and not t.isupper() and not _NUMBER_LINE.search(t) \
                and not _PLACE_DATE.search(t) and not _MOTTO.search(t):
            subject.append(t)  # a công văn's 'V/v …' runs on over the next lines
            continue
        for off, cell in (split_cells(p) if " | " in t else [(0, t)]):
            nm = _NUMBER_LINE.search(cell)
            if nm and h.number_span is None:
                raw = nm.group("num")
                h.number = normalize_number(raw) if re.search(r"\d", raw) else None
                if h.number and not re.match(r"^\d", h.number):
                    h.number = None
                h.number_span = (p.doc_offset(off + nm.start("num")), p.doc_offset(off + nm.end("num")))
            pd = _PLACE_DATE.search(cell)
            if pd and h.date is None:
                h.place = pd.group("place").strip()
                y, m = int(pd.group("y")), int(pd.group("m"))
                d = pd.group("d")
                h.date = f"{y:04d}-{m:02d}-{int(d):02d}" if d else f"{y:04d}-{m:02d}"
            vv = re.match(r"\s*V/v\s*", cell)
            if vv and subject is None:
                subject = [cell[vv.end():]]
            if not nm and not pd and not vv:
                head_lines.append(_NUMBER_LINE.sub("", cell))
    h.issuer, h.issuer_level = _issuer_from_lines([l for l in head_lines if l.isupper() or re.search(rf"[{UPPER}]{{3}}", l)])
    if subject is not None and h.doc_kind is None and h.title is None:
        # a công văn has no kind line: its 'V/v' subject is its title (trích yếu)
        h.doc_kind = "CÔNG VĂN"
        h.title = " ".join(subject).strip(" |.") or None
    elif h.doc_kind is None and opening is not None and paras[opening].text.startswith("Kính gửi"):
        h.doc_kind = "CÔNG VĂN"  # no kind line, addressed to its recipients
    if h.title:
        h.title = squash(h.title)
    start = opening if opening is not None else (title_idx + 2 if title_idx is not None else 0)
    return h, start


def parse_signature(layout: Layout) -> tuple[Signature, int | None, list[str]]:
    """Signature (name, title, delegation chain), the index where 'Nơi nhận' starts, recipients."""
    paras = layout.paragraphs
    sig = Signature()
    noi_nhan = None
    for i in range(len(paras) - 1, max(-1, len(paras) - 60), -1):
        if re.match(r"^Nơi\s+nhận\s*:?", paras[i].text):
            noi_nhan = i
            break
    # the chain: upper-case post lines near the end, then the signer's name. Cells of a flattened table or of a
    # two-column page count one by one; cells of the other column (Nơi nhận) may come in between.
    lines: list[tuple[Paragraph, int, str]] = []
    lo = max(0, (noi_nhan if noi_nhan is not None else len(paras)) - 12)
    for p in paras[lo:]:
        for off, cell in split_cells(p):
            lines.append((p, off, cell))
    for k, (p, off, cell) in enumerate(lines):
        if len(cell) > 80:
            continue  # neither a post line nor a name
        sq = squash(cell)
        c = squash(cell.replace("TL.", "TL. ").replace("KT.", "KT. ").replace("TM.", "TM. ")) if "." in cell else sq
        if _SIGN_CHAIN.match(c) and not _MOTTO.search(c) and not re.match(r"(?:ỦY BAN NHÂN DÂN|UBND)\s+(?:TỈNH|XÃ|HUYỆN|PHƯỜNG)", c):
            if sig.name is None:
                sig.chain.append(c)
            continue
        if sig.chain and sig.name is None and _PERSON_RE.match(sq):
            sig.name = sq
            sig.span = (p.doc_offset(off), p.doc_offset(off) + len(cell))
            break
    recipients: list[str] = []
    if noi_nhan is not None:
        cells = split_cells(paras[noi_nhan])  # 'Nơi nhận: | KT. CHỦ TỊCH': the other column is the signature's
        first = re.sub(r"^Nơi\s+nhận\s*:?\s*", "", cells[0][1] if cells else paras[noi_nhan].text)
        items = [first] if first else []
        for p in paras[noi_nhan + 1:]:
            cell = split_cells(p)[0][1] if split_cells(p) else p.text
            if _SIGN_CHAIN.match(squash(cell)) or (sig.name and squash(cell) == sig.name):
                break
            items.append(cell)
        for it in items:
            it = re.sub(r"^[-–+•]\s*", "", it).strip(" ;,.")
            if not it or re.match(r"^Lưu\b", it):
                continue
            recipients.append(it)
    return sig, noi_nhan, recipients


def post_title(chain_last: str) -> str:
    """'PHÓ CHÁNH VĂN PHÒNG' -> 'Phó Chánh Văn phòng'."""
    return " ".join(_POST_WORDS.get(w, w.capitalize()) for w in chain_last.split())


def signer_title(sig: Signature, issuer: str | None, level: str | None, text: str) -> str | None:
    if not sig.chain:
        return None
    last = re.sub(r"^(?:TL|KT|TM|TUQ|Q|UQ)\.\s*", "", sig.chain[-1])
    post = post_title(last)
    lvl = level or "tỉnh"
    if "Văn phòng" in post or "VĂN PHÒNG" in last:
        # the office as the notice itself names it ('Văn phòng HĐND và UBND xã'), else 'Văn phòng UBND <level>'
        offices = Counter(m.group(0) for m in re.finditer(rf"Văn phòng (?:HĐND và UBND|UBND|Đoàn ĐBQH, HĐND và UBND) {lvl}(?![\w])", text))
        office = offices.most_common(1)[0][0] if offices else f"Văn phòng UBND {lvl}"
        return post.replace("Văn phòng", office) if "Văn phòng" in post else f"{post} {office}"
    if "Chủ tịch" in post:
        body = "HĐND" if issuer and issuer.startswith("HĐND") else "UBND"
        return f"{post} {body} {lvl}"  # 'Phó Chủ tịch UBND tỉnh', as notices name the post
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


def admin_units(text: str) -> list[str]:
    """'xã Khuất Xá', 'các xã Chi Lăng, Nhân Lý' -> ['xã Khuất Xá', 'xã Chi Lăng', 'xã Nhân Lý'] (in order, unique)."""
    found: list[tuple[int, str]] = []
    for m in _ADMIN_LIST.finditer(text):
        lvl = m.group("lvl")
        pos = m.start("names")
        for nm in re.finditer(rf"{CAP_WORD}(?:\s+{CAP_WORD})*", m.group("names")):
            found.append((pos + nm.start(), f"{lvl} {nm.group(0)}"))
    for m in _ADMIN_UNIT.finditer(text):
        if m.group("lvl2"):
            found.append((m.start(), f"{m.group('lvl2')} {m.group('name2')}"))  # 'Phường 2 Bảo Lộc'
            continue
        name = m.group("name")
        name = re.split(r"\s+(?=(?:Tham|Thành|Sau|Ngày|Đoàn|Trưởng)\b)", name)[0]
        found.append((m.start(), f"{m.group('lvl')} {name}"))
    out: list[str] = []
    for _, u in sorted(found):
        if u not in out:
            out.append(u)
    return out


def attendees(sentences: list[str]) -> list[str]:
    out: list[str] = []

    def add(n: str):
        if n and n not in out:
            out.append(n)

    for s in sentences:
        if re.match(r"^\s*Thành phần\s+(?:các\s+)?(?:xã|phường|huyện|UBND)", s):
            continue
        consumed: list[tuple[int, int]] = []
        for lm in _ATTEND_LIST.finditer(s):
            pos = lm.end()
            while pos < len(s):
                o = scan_org(s, pos)
                if o is not None and not o.bare and o.kind in ("agency", "committee") and o.end > pos:
                    add(o.name)
                    pos = o.end
                else:
                    fm = _SO_FIELD_RE.match(s, pos)
                    if fm:
                        add(canonical("Sở " + fm.group(0)))
                        pos = fm.end()
                    else:
                        um = re.match(rf"{CAP_WORD}(?:\s+[{LOWER}]+)?(?:\s+(?:và\s+)?{CAP_WORD}(?:\s+[{LOWER}]+)?)*", s[pos:])
                        if um and not re.match(r"(?:Chủ tịch|Phó Chủ tịch|Giám đốc|Thủ trưởng|Lãnh đạo|Bí thư)\b", um.group(0)) \
                                and not _HEAD_RE.match(um.group(0)):
                            add(canonical("Sở " + um.group(0)))
                            pos += um.end()
                        else:
                            break
                sm = re.match(r"\s*(?:,|;|và)\s*", s[pos:])
                if not sm:
                    break
                nxt = s[pos + sm.end():]
                if re.match(r"(?:Chủ tịch|Phó Chủ tịch|Giám đốc|Thủ trưởng|các\s|đồng chí|Bí thư|[a-zđ])", nxt):
                    break
                pos += sm.end()
            consumed.append((lm.start(), pos))
        if re.match(r"^\s*(?:Tham dự|Dự họp|Dự|Cùng dự|Thành phần tham dự|Tham gia)", s) or consumed:
            for o in find_orgs(s):
                if any(a <= o.start < b for a, b in consumed):
                    continue
                if o.kind == "agency" and not o.bare and o.agency and not o.name.startswith(("Tổ ", "Đoàn ")):
                    add(o.name)
    return out


def find_people(text: str) -> list[tuple[str, str, int]]:
    """'đồng chí Trần Thanh Nhân, Phó Chủ tịch UBND tỉnh' -> [(name, title, pos)]."""
    return [(m.group("name"), canonical(m.group("title")), m.start()) for m in _COMRADE.finditer(text)]
