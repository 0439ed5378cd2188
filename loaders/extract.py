"""Notice → NoticeRecord: the extraction pipeline.

``read_source`` (bytes → text) → ``normalize`` → ``build_layout`` (paragraphs, footnotes) →
header / signature / meeting → citations → tasks → a plain dict that follows
``loaders/notice-record.schema.json``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .citations import NUMBER, Citation, NamedMention, find_citations, merge, named_mentions, normalize_number, number_key
from . import dates
from .dates import parse_date
from . import patterns
from .errors import InputError
from .execution import find_executors
from .followup import read_followups
from .ids import assign_task_ids, content_fingerprint, document_identity
from .normalize import NormalizedText, fold, normalize
from .meeting import read_meeting
from .notice import (ADMIN_LIST, CONCLUDES, OPENING, URGENCY_MARKS, Header, Signature, document_signs, parse_header, parse_signature,
                     signer_title, title_case_place)
from .orgs import LEVELS, LOWER, UPPER, canonical, reset_caches, scan_org, scan_org_list_ro, set_document
from .limits import Limits
from .read import Source, check_text_length, read_source
from .structure import Layout, Paragraph, build_layout
from .task_tables import find_task_tables, table_tasks
from .tasks import (ARTICLE_START, ORDER_CUE, REORG_NOTE_WORDS, Context, complete_rows_above, extract_tasks, gives_directive,
                    named_grounds, supports_in)

SCHEMA_VERSION = "1"
_DIGIT = re.compile(r"\d")

CENTRAL = "trung ương"
_ISSUER_PLACE = re.compile(r"(?<![\w])(?:%s|Tỉnh ủy|Thành ủy|Huyện ủy) (.+)$" % "|".join(re.escape(l) for l in LEVELS if not l.startswith("cấp")))


_UNIT_LEVELS = [l for l in LEVELS if not l.startswith("cấp")]
_UBND_LEVEL = re.compile(r"UBND (%s)(?![\w])" % "|".join(re.escape(l) for l in _UNIT_LEVELS))
# posts that only a central body's documents are signed with
_CENTRAL_POSTS = re.compile(r"(?:^|\.\s*|\s)(?:BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|CHỦ NHIỆM)\b")


@dataclass
class Frame:
    """The frame every administrative document shares (Nghị định 30/2020/NĐ-CP): its normalised text and
    paragraphs, the header, the signature and recipients, and where its body lies between them."""

    nt: NormalizedText
    layout: Layout
    flat: str  # the paragraphs joined: counts and names found in it do not depend on where lines were wrapped
    header: Header
    sig: Signature
    recipients: list[str]
    noi_nhan: int | None  # paragraph index of 'Nơi nhận', if any
    start: int  # the first paragraph after the header (and after a công văn's 'Kính gửi' block)
    end: int  # the paragraph where the signature block or 'Nơi nhận' begins
    addressees: list[str] = field(default_factory=list)

    @property
    def paras(self) -> list[Paragraph]:
        return self.layout.paragraphs


@dataclass
class Opening:
    """The opening paragraphs before the body (the meeting told, up to '… kết luận như sau:')."""

    intro: list[str]
    body_start: int
    dated: str | None  # the dated opening ('Ngày 24/4/2026, …'), if any


@dataclass
class Issuer:
    name: str | None
    level: str | None
    place: str | None
    province: str | None


@dataclass
class CitationSet:
    citations: list[Citation]
    footnotes: dict[str, list[str]]  # footnote label -> numbers cited in it
    relations: list[dict]
    named: list[NamedMention] = field(default_factory=list)  # documents named again by name alone ('Luật Đầu tư')
    footnote_spans: tuple[tuple[int, int], ...] = ()  # where the footnotes are (a page's foot may sit inside a sentence)


_NOT_A_DOCUMENT = ("không phải thông báo hay văn bản chỉ đạo (không thấy khung của văn bản hành chính: "
                   "quốc hiệu, số hiệu, địa danh và ngày tháng, tên loại, nơi nhận hay chữ ký)")


def read_frame(text: str, path: str) -> Frame:
    """Normalise, lay out and read the header, signature and addressees; refuse a text that has no document frame."""
    nt = normalize(text)
    if len(nt.text.strip()) < 80:
        raise InputError(path, _NOT_A_DOCUMENT)
    signs = len(document_signs(nt.text))
    body = body_signs(nt.text) if signs < 2 else []
    if signs < 2 and signs + len(body) < 3 and not ("mệnh lệnh" in body and len(body) >= 2):
        # a page that republishes a document's body (a portal's 'V/v …', '… có ý kiến như sau:', the order, './.')
        # shows the body's own marks instead of the frame: an order to a body, with a lead-in or the closing mark;
        # a README or an index shows neither
        raise InputError(path, _NOT_A_DOCUMENT)
    layout = build_layout(nt)
    paras = layout.paragraphs
    flat = "\n".join([p.text for p in paras] + [f.text for f in layout.footnotes.values()])
    header, start = parse_header(layout)
    if header.number is None and header.date is None:
        _source_line(header, paras)
    sig, noi_nhan, recipients = parse_signature(layout)
    end = noi_nhan if noi_nhan is not None else len(paras)
    # the signature block may come before 'Nơi nhận' or after it; cut the body at the first of them
    chain0 = sig.chain[0].replace(" ", "") if sig.chain else None
    for i in range(start, end):
        t = paras[i].text
        if len(t) < 60 and (t in sig.chain or (chain0 and t.replace(" ", "") == chain0)):
            end = i
            break
    addressees, start = read_addressees(paras, start, end)
    return Frame(nt, layout, flat, header, sig, recipients, noi_nhan, start, end, addressees)


# the marks of a directive document's body (Nghị định 30/2020/NĐ-CP): a conclusion lead-in ('… có ý kiến chỉ đạo như
# sau: Giao …', or one that ends its line: 'Chủ tịch UBND tỉnh có ý kiến chỉ đạo:'), an order addressed to a body
# ('Giao các sở, ngành …', 'Đề nghị quý cơ quan …': a cue, then a name the organisation reader reads), the closing './.'
_LEAD_IN = re.compile(r"(?:có ý kiến(?: chỉ đạo)?|kết luận|chỉ đạo|yêu cầu)\s+như sau\s*:|"
                      r"(?:có ý kiến(?: chỉ đạo)?|kết luận|chỉ đạo|yêu cầu|đề nghị)\s*:\s*$|"
                      # 'Sở … đề nghị Thủ trưởng các đơn vị thực hiện một số nội dung sau:' (the items follow)
                      r"(?<![\w])(?:đề nghị|yêu cầu)\s[^\n:]{0,160}?(?:thực hiện|triển khai)[^\n:.;]{0,60}:\s*$", re.M)
_ORDER_TO = re.compile(ORDER_CUE.pattern + r"\s*(?:quý\s+)?")
_CLOSING = re.compile(r"\./\.\s*$", re.M)


# an item's mark after a lead-in (and the blanks before it): '1.', 'a)', 'II.', '-'
_ITEM_MARK = re.compile(r"\s*(?:(?:\d{1,2}|[a-zđ]|[IVX]{1,4})[.)]|[-–+•])[ \t]*")


def _orders_a_body(text: str) -> bool:
    """An order to a body: a cue and a name ('Giao các sở, ngành …'), or a lead-in (each ends with its colon) and
    an item after it that opens with a name ('Thủ tướng Chính phủ yêu cầu:' / '1. Bộ Tài chính, Ngân hàng Nhà nước …')."""
    if any(scan_org(text, m.end()) is not None for m in _ORDER_TO.finditer(text)):
        return True
    return any((mark := _ITEM_MARK.match(text, m.end())) and scan_org(text, mark.end()) is not None
               for m in _LEAD_IN.finditer(text))


_BODY_SIGNS = (
    ("lời dẫn kết luận", _LEAD_IN.search),
    ("mệnh lệnh", _orders_a_body),
    ("dấu kết thúc", _CLOSING.search),
)


def body_signs(text: str) -> list[str]:
    r"""The marks of a directive body a text shows (each once).

    >>> body_signs("UBND tỉnh có ý kiến như sau:\nGiao Sở Y tế chủ trì thực hiện./.")
    ['lời dẫn kết luận', 'mệnh lệnh', 'dấu kết thúc']
    >>> body_signs("Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau: Giao các sở, ngành theo chức năng rà soát.")
    ['lời dẫn kết luận', 'mệnh lệnh']
    >>> body_signs("Sau khi xem xét, Chủ tịch UBND tỉnh có ý kiến chỉ đạo:\nYêu cầu Sở Tài chính tham mưu.")
    ['lời dẫn kết luận', 'mệnh lệnh']
    >>> body_signs("Giao các nội dung trên cho nhóm.\nNhóm thống nhất kết luận như sau: phát hành bản mới.")
    ['lời dẫn kết luận']
    >>> body_signs("This README explains how to install the tool.")
    []
    """
    return [name for name, found in _BODY_SIGNS if found(text)]
_KINDS = r"(?P<kind>Công văn|Thông báo|Quyết định|Kế hoạch|Chỉ thị|Công điện|Văn bản)"
_DAY = r"(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})"
# a republished body's source line: '(Theo Công văn số 6012/UBND-KT, ngày 14/11/2023)', '(Nguồn: Từ Công văn số 1150/UBND-VP
# ngày 22/04/2021)'; its own line, or the end of the last paragraph (_SOURCE_TAIL) when the line before it ends without
# a stop and was joined to it
_SOURCE = rf"(?:Theo|Nguồn\s*:\s*(?:[Tt]ừ\s+|[Tt]heo\s+)?)\s*{_KINDS}\s+(?:số\s*)?(?P<num>\S+?)\s*,?\s*ngày\s*{_DAY}\s*"
_SOURCE_LINE = re.compile(rf"^\(?\s*{_SOURCE}\)?\s*\.?$")
_SOURCE_TAIL = re.compile(rf"(?<=\s)\(\s*{_SOURCE}\)\s*\.?$")
# … or in a portal's news lead that opens it: 'Ngày 04/12, UBND tỉnh ban hành Công văn số 2221 /UBND-TH, tổng hợp …'
_NEWS_LEAD = re.compile(rf"^(?:Ngày\s+\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{4}})?\s*,\s*)?[^:;]{{0,120}}?(?<![\w])(?:đã\s+|vừa\s+)?"
                        rf"(?:ban hành|có|ký)\s+{_KINDS}\s+số\s*"
                        rf"(?P<num>[^\s,;()]+(?:\s*/\s*[^\s,;()]+)*)(?:\s*,?\s*ngày\s*{_DAY})?")


# … or after its trích yếu at the top: 'Về việc báo cáo tình hình … (3585/VP-KTN, ngày 23/10/2017).'
_SUBJECT_SOURCE = re.compile(r"^(?:Về việc|V/v)\b.*\(\s*(?:[Ss]ố\s*:?\s*)?(?P<num>[^,()\s]+(?:\s[^,()\s]+)?)\s*,\s*ngày\s*"
                             r"(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})\s*\)\s*\.?$")


def _source_line(header: Header, paras: list[Paragraph]) -> None:
    """A page that republishes a document names it on a source line at its foot (number, date and kind), after
    its trích yếu at the top (number and date), or in the news lead that opens it (kind, number, the date if given)."""
    tries = ((paras[:3], _SUBJECT_SOURCE.match), (paras[:2], _NEWS_LEAD.match),  # (the lead after a news item's title)
             (paras[-3:][::-1], lambda t: _SOURCE_LINE.match(t) or _SOURCE_TAIL.search(t)))
    for where, find in tries:
        for p in where:
            m = find(p.text.strip())
            if m and NUMBER.fullmatch(normalize_number(m.group("num"))):
                header.number = normalize_number(m.group("num"))
                header.number_span = (p.doc_offset(m.start("num")), p.doc_offset(m.end("num") - 1) + 1)
                header.date = parse_date(m.group("date")) if m.group("date") else None
                if m.groupdict().get("kind"):
                    header.doc_kind = header.doc_kind or m.group("kind").upper()
                return


_KINH_GUI = re.compile(r"^(?:Kính gửi|[^:\n]{3,90}\s[Đđ]iện)\s*:?\s*(?:\|\s*)?(?:[-–•+]\s+)?")
# a công điện names its addressees after '<sender> điện:' ('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:')
_TELEGRAM_TO = re.compile(r"^[^:\n]{3,90}\s[Đđ]iện\s*:")


def _only_bodies(text: str) -> bool:
    """Is ``text`` a list of bodies and nothing else, however long ('Các Bộ: Kế hoạch và Đầu tư, Tài chính, …, Nội vụ;')?

    >>> _only_bodies("Các Bộ: Kế hoạch và Đầu tư, Tài chính, Giao thông vận tải, Xây dựng, Y tế, Nội vụ;")
    True
    >>> _only_bodies("Sở Y tế chủ trì, phối hợp với các đơn vị liên quan rà soát.")
    False
    """
    orgs, e = scan_org_list_ro(text, 0, allow_semicolon=True)
    return bool(orgs) and e >= len(text.rstrip(" ;.,"))


def read_addressees(paras: list[Paragraph], start: int, end: int) -> tuple[list[str], int]:
    """A công văn's addressees ('Kính gửi: - Sở Y tế; - UBND các xã, phường.') and the paragraph after them."""
    addressees: list[str] = []
    if start < end and (paras[start].text.startswith("Kính gửi") or _TELEGRAM_TO.match(paras[start].text)):
        # ('Kính gửi: | - Sở Y tế;' when the line was a table row: an empty cell edge, then a bullet)
        raw = _KINH_GUI.sub("", paras[start].text)
        first = raw.strip(" ;.")
        if first:
            addressees.append(first)
        start += 1
        while start < end:
            p = paras[start]
            if addressees and p.marker_kind != "bullet" and not raw.rstrip().endswith((";", ".")) \
                    and _only_bodies(addressees[-1] + " " + p.text.strip()):
                # a line wrapped inside an addressee ('- Các Sở: Nông nghiệp và Môi trường, Công' / 'Thương, Xây dựng;')
                raw = p.text
                addressees[-1] = " ".join((addressees[-1] + " " + raw).split()).strip(" ;.")
            elif p.marker_kind == "bullet" and (len(p.text) < 200 or _only_bodies(p.body)):
                raw = p.body
                addressees.append(raw.strip(" ;."))
            elif p.text.strip() not in URGENCY_MARKS:  # (a 'MẬT' / 'KHẨN' stamp set between 'Kính gửi:' and its lines)
                break
            start += 1
    return addressees, start


def read_opening(frame: Frame) -> Opening:
    """The opening paragraph(s) up to 'kết luận như sau:'; the body starts after them, or at an opening that
    already orders something ('UBND thành phố đề nghị các sở … treo cờ')."""
    paras, start, end = frame.paras, frame.start, frame.end
    if start < end and paras[start].marker_kind == "arabic" and paras[start].marker == "1" and any(
            p.marker_kind == "arabic" and p.marker == "2" for p in paras[start + 1:end]):
        # the numbered items begin at once: the opening, if any, was read with the header ('… kết luận như sau:' run
        # into the title); item 1 is body, not an opening to skip
        return Opening([], start, None)
    body_start = start
    intro: list[str] = []
    for i in range(start, min(end, start + 6)):
        t = paras[i].text
        if (paras[i].marker_kind is not None and (i > start or paras[i].marker_kind == "roman")) or ARTICLE_START.match(t):
            body_start = i  # (a decision's articles are its body: 'Điều 1. …', 'Điều 2. Trách nhiệm của …')
            break
        intro.append(t)
        body_start = i + 1
        if CONCLUDES.search(t):
            break
    else:
        if intro and not CONCLUDES.search(intro[-1]):
            # no 'kết luận như sau:' — the body starts after the opening paragraph
            body_start = start + 1 if start < end else start
            intro = intro[:1]
    # the dated opening ('Ngày 24/4/2026, …'): the first of the intro's paragraphs, or a later one when a wrapped
    # title left a piece ('– Liên Khương; làm việc với …') before it
    dated = next((t for t in intro if OPENING.match(t)), None)
    body_start = next((i for i in range(start, body_start) if gives_directive(paras[i].text, frame.header.issuer)),
                      body_start)
    return Opening(intro, body_start, dated)


def read_issuer(frame: Frame, meeting: dict | None) -> Issuer:
    """The issuing body, its level and place, and the province it belongs to."""
    header, sig, flat = frame.header, frame.sig, frame.flat
    issuer, level = header.issuer, header.issuer_level
    bodies = [s.body for s in sig.joint if s.body]
    if len(bodies) >= 2:
        issuer = " - ".join(dict.fromkeys(bodies))  # a joint document: the bodies that sign it, the lead first
    place = None
    if issuer and scan_org(issuer, 0) is None:
        issuer, level = None, None  # a page heading in the issuer's place ('THÔNG TIN Ý KIẾN'), not a body
    if issuer:
        m = _ISSUER_PLACE.search(issuer)
        place = m.group(1) if m else None
    elif any(_CENTRAL_POSTS.search(c) for c in sig.chain):
        level = CENTRAL  # signed by a minister or for the Prime Minister: not a People's Committee
    else:
        level = _infer_level(flat, sig, meeting)
        place = _infer_place(flat, header.place, level)
        issuer = f"UBND {level} {place}" if place else f"UBND {level}"
    province = None
    if level == CENTRAL:
        pass  # a ministry or the Government: no province
    elif level in ("tỉnh", "thành phố"):
        province = f"{level} {place}" if place else None
    else:
        # a commune's notice: the province it names most ('tỉnh Lạng Sơn', 'Tỉnh ủy Lạng Sơn')
        provs = Counter(m.group(1) for m in _PROVINCE_MENTION.finditer(flat))
        if provs:
            province = "tỉnh " + provs.most_common(1)[0][0]
    return Issuer(issuer, level, place, province)


_PROVINCE_MENTION = re.compile(rf"(?:tỉnh|Tỉnh ủy|UBND tỉnh|HĐND tỉnh)\s+([{UPPER}][\wÀ-ỹ]*(?:\s+[{UPPER}][\wÀ-ỹ]*)*)")
_IMPL_CUES = sorted(patterns.load("documents")["implements_cues"], key=len, reverse=True)
# the implementing verb right before the cited document, in the citing one's subject (cues from documents.json)
_IMPL_BETWEEN = re.compile(r"(?:%s)\s*\S*\s*$" % "|".join(re.escape(c) for c in _IMPL_CUES))
_IMPL_SUBJECT = re.compile(r"\s*(?:về việc\s+)?(?:thực hiện|triển khai)")


def read_citations(frame: Frame) -> CitationSet:
    """Every document cited before 'Nơi nhận' and in the footnotes (read per paragraph: numbers and dates may be
    split across lines; spans in the text), merged per number, with the relations between them and the
    document's own ones."""
    nt, layout, paras, header = frame.nt, frame.layout, frame.paras, frame.header
    cut = paras[frame.noi_nhan].start if frame.noi_nhan is not None else len(nt.text)
    # an attachment after the signature (a Kế hoạch, a Phụ lục) is part of the document: what it cites counts
    att = next(iter(attachment_marks(paras, frame.noi_nhan + 1)), len(paras)) if frame.noi_nhan is not None else len(paras)
    raw = []
    # footnotes a Word export prints after the signature, each closed by its back-link ('Quy định tại … Quyết định số
    # 1904/QĐ-UBND … ↑')
    linked = [p for p in paras[:att] if p.end > cut and p.text.rstrip().endswith("↑")]
    for p in [p for p in paras if p.end <= cut] + paras[att:] + [f.paragraph for f in layout.footnotes.values()] + linked:
        if not _DIGIT.search(p.text):
            continue  # every citation carries a number
        for c in find_citations(p.text):
            c.spans = [(p.doc_offset(a), p.doc_offset(b - 1) + 1) for a, b in c.spans]
            if c.subject_span:
                a, b = c.subject_span
                c.subject_span = (p.doc_offset(a), p.doc_offset(max(a, b - 1)) + 1)
            if header.number_span and c.spans[0][0] <= header.number_span[0] < c.spans[0][1]:
                continue
            raw.append(c)
    if header.number:
        raw = [c for c in raw if number_key(c.number) != number_key(header.number)]
    cits = merge(raw)
    footnotes = {label: [c.number for c in cits if any(fn.paragraph.start <= s < fn.paragraph.end + 1 for s, _ in c.spans)]
                 for label, fn in layout.footnotes.items()}
    rels = []
    for c in cits:
        if not c.subject_span:
            continue
        a, b = c.subject_span
        for d in cits:
            if d is not c and any(a <= s < b for s, _ in d.spans):
                # the words between the citing document and the cited one ('… của UBND tỉnh thực hiện <Nghị quyết>')
                sub = nt.text[a: min(b, d.spans[0][0])]
                lead = nt.text[min(a, c.spans[0][1]): min(b, d.spans[0][0])]
                implements = _IMPL_CUE_END.search(lead) or _IMPL_BETWEEN.search(sub) or _IMPL_SUBJECT.match(sub)
                rels.append({"source": c.number, "target": d.number, "kind": "implements" if implements else "refers_to"})
    rels += own_relations(paras, frame.start, cits, header.number)
    named = named_mentions(nt.text[:cut], cits)
    spans = tuple((fn.paragraph.start, fn.paragraph.end) for fn in layout.footnotes.values())
    return CitationSet(cits, footnotes, rels, named, spans)


def task_context(frame: Frame, issuer: Issuer, cited: CitationSet, meeting: dict | None) -> Context:
    """What the task rules need to know of the document: its units, year, issuer, addressees, citations."""
    units: dict[str, list[str]] = {}
    for m in ADMIN_LIST.finditer(frame.flat):
        names = _CAP_NAMES.findall(m.group("names"))
        if len(names) > len(units.get(m.group("lvl"), [])):
            units[m.group("lvl")] = names
    single: dict[str, str] = {}
    for c in (meeting or {}).get("communes", []):
        lvl, _, name = c.partition(" ")
        single[lvl] = name if lvl not in single else ""
    single = {k: v for k, v in single.items() if v}
    mdate = (meeting or {}).get("date")
    year = next((int(d[:4]) for d in (mdate, frame.header.date) if d), None)
    not_before = mdate if mdate and len(mdate) == 10 else None
    # an office that conveys a leader's conclusions ('Văn phòng Chính phủ' the Prime Minister's, 'Văn phòng UBND tỉnh'
    # the Chủ tịch's) is given duties by the leader like any body: what it is to do is a task, not its own word
    speaker = None if meeting and issuer.name and issuer.name.startswith("Văn phòng ") else issuer.name
    return Context(frame.nt.text, cited.citations, cited.footnotes, year, not_before, issuer.level, issuer.place, units,
                   single, frame.addressees, speaker,
                   opening_at=frame.paras[frame.start].start if frame.start < len(frame.paras) else 0, named=cited.named,
                   footnote_spans=cited.footnote_spans, doc_kind=frame.header.doc_kind)


_CAP_NAMES = re.compile(rf"[{UPPER}][\wÀ-ỹ]*(?:[^\S\n]+[{UPPER}][\wÀ-ỹ]*)*")


def read_tasks(frame: Frame, opening: Opening, ctx: Context, cited: CitationSet) -> list[dict]:
    """The tasks of the body and its attachments, in prose and in task tables (annexes read row by row)."""
    tables = find_task_tables(frame.nt.text, frame.nt.raw_lines)
    tasks = extract_tasks([p for p in task_paragraphs(frame.paras, opening.body_start, frame.end)
                           if not any(tb.covers(p.start, p.end) for tb in tables)], ctx)
    rows = [t for tb in tables for t in table_tasks(tb, cited.citations, ctx.default_year)]
    for t in rows:
        t["based_on"] += [n for n in named_grounds(t["span"][0], t["span"][1], ctx) if n not in t["based_on"]]
        if not any(a["role"] == "support" for a in t["assignees"]):
            # ('Sở Tài chính | Chủ trì, phối hợp với các sở, ngành rà soát …': the row's text names who supports)
            named = {a["name"] for a in t["assignees"]}
            t["assignees"] += [d for d in supports_in(t["text"], ctx) if d["name"] not in named]
    if rows:
        # 'Các cơ quan, đơn vị nêu trên báo cáo kết quả … trước ngày …' after a task table completes its rows
        tasks = [t for t in tasks if not complete_rows_above(t["text"], [r for r in rows if r["span"][1] <= t["span"][0]], ctx)]
    return tasks + rows


# why a copy is sent, after the body's name ('(phối hợp)', '(b/c)', '(để biết)', '(cử PV)'): not part of the name
_RECIPIENT_PURPOSE = re.compile(rf"\s*\((?!{REORG_NOTE_WORDS})[{LOWER}][^()]{{0,60}}\)\s*$")
_RECIPIENT_SPLIT = re.compile(rf"\s*[;,]\s*(?=[{UPPER}]|các\s)")


def recipient_orgs(lines: list[str]) -> list[str]:
    """The bodies named by 'Kính gửi' and 'Nơi nhận' lines ('UBND xã Khuất Xá', 'các sở, ban, ngành');
    'Như trên', 'Lưu: VT' name none."""
    out: list[str] = []
    seen: set[str] = set()
    for line in lines:
        for item in _RECIPIENT_SPLIT.split(line):
            item = _RECIPIENT_PURPOSE.sub("", item.strip(" .;,")).strip(" .;,")  # 'Phòng HCQT (chuẩn bị phòng họp)'
            if item[:4] in ("Các ", "Cơ q"):
                item = item[0].lower() + item[1:]
            o = scan_org(item, 0)
            if o is None or not o.agency or o.kind == "person_post" or o.bare:
                continue
            # a Nơi nhận line names one body per item: keep the item whole ('Trung tâm Phát triển quỹ đất')
            name = canonical(item) if o.kind != "group" and len(item.split()) <= 10 else o.name
            if name not in seen:
                seen.add(name)
                out.append(name)
    return out


def read_signers(sig: Signature, issuer: Issuer, text: str) -> tuple[dict | None, list[dict]]:
    """The signer (name, title, delegation chain) and every signer of a joint document, the lead body's first."""
    signer = None
    if sig.name or sig.chain:
        title = sig.title if sig.joint else signer_title(sig, issuer.name, issuer.level, text)
        signer = {"name": sig.name, "title": title, "chain": sig.chain}
    signers = [{"name": s.name, "title": s.title, "chain": s.chain, "body": s.body} for s in sig.joint] if sig.joint \
        else ([signer] if signer else [])
    return signer, signers


def extract_text(text: str, *, path: str = "<text>", sha256: str | None = None, encoding: str | None = None,
                 warnings: tuple[str, ...] | list[str] = (), ocr_pages: tuple | list = ()) -> dict:
    """Extract a NoticeRecord from the text of a directive document. ``encoding`` names how the text was read (a
    codec, or ``docx`` / ``pdf``); ``warnings`` what the reader tolerated (bytes replaced, library warnings), kept
    as ``source.warnings`` when there are any; ``ocr_pages`` the (page, confidence) of pages read by OCR, kept as
    ``source.ocr: true`` and ``source.ocr_pages``; character spans index the normalised text.

    The stages: :func:`read_frame` (header, signature, addressees) → :func:`read_opening` → ``read_meeting`` →
    :func:`read_issuer` → :func:`read_citations` → :func:`read_tasks` → lasting ids (``loaders.ids``).
    """
    try:
        return _extract_text(text, path=path, sha256=sha256, encoding=encoding, warnings=warnings, ocr_pages=ocr_pages)
    finally:
        set_document(None)  # (the document's names are no evidence for what is read after it)


def _extract_text(text: str, *, path: str, sha256: str | None, encoding: str | None,
                  warnings: tuple[str, ...] | list[str], ocr_pages: tuple | list) -> dict:
    """:func:`extract_text` itself (the document's names set as the evidence of where a name ends)."""
    check_text_length(path, text, Limits.from_env())  # (a text handed over directly is bounded like a file's)
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    reset_caches()  # organisation lists are memoised within one document only
    dates.reset_caches()  # and so are deadlines
    frame = read_frame(text, path)
    set_document(frame.nt.text)  # a name's end is read from the whole document, though tasks are read by paragraph
    header = frame.header
    opening = read_opening(frame)
    found = read_meeting(header.title or "", header.doc_kind, opening.dated, opening.intro)
    meeting = found.as_dict() if found else None
    issuer = read_issuer(frame, meeting)
    if meeting is not None and not meeting["communes"] and issuer.level in ("xã", "phường") and issuer.place:
        meeting["communes"] = [f"{issuer.level} {issuer.place}"]
    cited = read_citations(frame)
    if header.date is None and header.date_readings:
        # a garbled date ('ngày 15 tháng 54'): the one reading not before the latest document it cites, if only one
        header.date = dates.settle_date(header.date_readings, max((c.date for c in cited.citations
                                                                   if c.date and len(c.date) == 10), default=None))
    tasks = read_tasks(frame, opening, task_context(frame, issuer, cited, meeting), cited)
    doc_id = document_identity(issuer.name, header.doc_kind, header.number, header.date, header.title, frame.nt.text)
    for t, tid in zip(tasks, assign_task_ids(doc_id, tasks)):
        t["id"] = tid  # public, lasting: from the document and the sentence, never the position (loaders/ids.py)
    signer, signers = read_signers(frame.sig, issuer, frame.nt.text)
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": path, "sha256": sha256, **({"encoding": encoding} if encoding else {}),
                   **({"warnings": list(warnings)} if warnings else {}),
                   **({"ocr": True, "ocr_pages": [{"page": p, "confidence": c} for p, c in ocr_pages]} if ocr_pages else {}),
                   "fingerprint": content_fingerprint(text)},  # what its other copies share (loaders/ids.py)
        "notice": {
            "number": header.number,
            "issuer": issuer.name,
            "place": header.place,
            "province": issuer.province,
            "date": header.date,
            "title": header.title,
            "kind": header.doc_kind,
            "signer": signer,
            "signers": signers,
            "recipients": frame.recipients,
            "addressees": frame.addressees,
            "recipient_orgs": recipient_orgs(frame.addressees + frame.recipients),
            "doc_id": doc_id,
        },
        "meeting": meeting,
        "citations": [
            {"number": c.number, "type": c.type, "date": c.date, "issuer": c.issuer, "title": c.title,
             "spans": [[a, b] for a, b in c.spans]}
            for c in cited.citations
        ],
        "relations": cited.relations,
        "followups": read_followups("\n".join(p.text for p in frame.paras[frame.start:frame.end]), header.title,
                                    [{"number": c.number} for c in cited.citations]),
        "tasks": tasks,
        "executors": find_executors("\n".join(p.text for p in frame.paras[frame.start:frame.end])),
    }


_IMPL_CUE_END = re.compile(r"(?:%s)(?:\s+(?:có hiệu quả|hiệu quả|nghiêm túc|các|nội dung|một số nội dung))*(?:\s+[^\s,;.]+){0,4}?(?:\s+số)?\s*$" % "|".join(re.escape(c) for c in _IMPL_CUES), re.I)
# an opening that states what the document carries out: 'Thực hiện Nghị quyết …, UBND tỉnh ban hành Kế hoạch …'
_IMPL_OPENING = re.compile(r"^(?:Để\s+|Nhằm\s+)?(?:tiếp tục\s+)?(?:%s)\b" % "|".join(re.escape(c) for c in _IMPL_CUES), re.I)
_BASIS_OPENING = re.compile(r"^Căn cứ\b")


def own_relations(paras, start: int, cits, own_number: str | None) -> list[dict]:
    """What the document itself does with the documents it cites in its title and opening: a plan, decision or
    công văn whose trích yếu or opening says 'thực hiện / triển khai <document>' implements it; a 'Căn cứ …' line
    is a legal basis (refers_to), not implementation. Source is the document's own number (None when blank)."""
    subjects = [c.subject_span for c in cits if c.subject_span]
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    stop = min(len(paras), start + 12)
    for i in range(0, stop):
        p = paras[i]
        if i >= start and p.marker_kind is not None:
            break  # the numbered body begins
        t = p.text
        basis = _BASIS_OPENING.match(t) is not None
        opening = _IMPL_OPENING.match(t) is not None
        if i >= start and not basis and not opening:
            continue
        first_end = p.start + (m.start() + 1 if (m := re.search(r"[.;:](?:\s|$)", t)) else len(t))
        for c in cits:
            # a mention inside another citation's subject ('Kế hoạch 141 … thực hiện Nghị quyết 02') is not the document's
            pos = next((x for x, _ in c.spans if p.start <= x < p.end and not any(a <= x < b for a, b in subjects)), None)
            if pos is None:
                continue
            before = t[:pos - p.start]
            if basis:
                kind = "refers_to"
            elif (opening and pos < first_end) or (i < start and _IMPL_CUE_END.search(before)):
                kind = "implements"
            else:
                continue
            key = (c.number, kind)
            if key not in seen:
                seen.add(key)
                out.append({"source": own_number, "target": c.number, "kind": kind, "own": True,
                            "cue": "căn cứ" if basis else "thực hiện"})
    return out


# an attached document begins with its kind on a line of its own ('KẾ HOẠCH', 'QUY CHẾ', 'PHỤ LỤC'), its title in
# capitals and often '(Kèm theo Quyết định số 2200/QĐ-BNNMT …)' / '(Ban hành kèm theo Kế hoạch …)'
_ATTACHED_KIND = re.compile(r"^(?:KẾ HOẠCH|QUY CHẾ|QUY ĐỊNH|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|PHỤ LỤC(?: [IVX\d]+)?|HƯỚNG DẪN|ĐỀ ÁN|DANH MỤC"
                            r"|Phụ lục(?: (?:số )?[IVX\d]+)?)\s*$")  # 'Phụ lục' set in ordinary case above its title
_ATTACHED = re.compile(r"^[\W_]*\(\s*(?:[Bb]an hành\s+)?[Kk]èm theo\s+(?:Quyết định|Kế hoạch|Công văn|Thông báo|Chỉ thị|"
                       r"Nghị quyết|Chương trình|Văn bản)\b")
_RECIPIENTS = re.compile(r"^[\W_]*Nơi nhận\b")
_TITLE_LINE = re.compile(rf"^[{UPPER}\d\s,.;:()/\-–]+$")


def attachment_marks(paras, start: int) -> list[int]:
    """Indexes, from ``start`` on, of the lines that begin an attached document ('KẾ HOẠCH', 'PHỤ LỤC II')."""
    return [i for i in range(start, len(paras)) if len(paras[i].text) < 40 and _ATTACHED_KIND.match(paras[i].text.strip())]


def task_paragraphs(paras, body_start: int, end: int) -> list:
    """The paragraphs that may hold tasks: the body, then the body of each attached document (a Quyết định's
    Kế hoạch or Quy chế after its signature, an annex). An attachment's title and its opening narrative
    ('Ngày 21/5/2026, Chính phủ ban hành …') are not tasks; its numbered items are."""
    marks = attachment_marks(paras, body_start + 1)
    if not marks:
        return paras[body_start:end]
    first = min(end, marks[0])
    # a signature block the layout left in the text ('Nơi nhận: - Như Điều 3; …') ends the body before the attachment
    first = next((i for i in range(body_start, first) if _RECIPIENTS.match(paras[i].text)), first)
    out = list(paras[body_start:first])
    for n, m in enumerate(marks):
        stop = marks[n + 1] if n + 1 < len(marks) else len(paras)
        k = m + 1
        while k < stop and (_TITLE_LINE.match(paras[k].text.strip()) or _ATTACHED.match(paras[k].text)):
            k += 1  # its title
        while k < stop and paras[k].marker_kind is None and not (
                paras[k].text.rstrip().endswith(":") and ORDER_CUE.search(paras[k].text)):
            k += 1  # its opening narrative (a lead-in that gives doers stays: '… đề nghị các Sở thực hiện:')
        out.extend(paras[k:stop])
    return out


def _infer_level(text: str, sig, meeting) -> str:
    """The level of the issuing People's Committee when the header is missing."""
    votes = Counter()
    chair_title = ((meeting or {}).get("chair") or {}).get("title") or ""
    m = _UBND_LEVEL.search(chair_title)
    if m:
        votes[m.group(1)] += 5
    for lvl in _UNIT_LEVELS:
        for who in ("Chủ tịch", "Lãnh đạo", "Văn phòng"):
            votes[lvl] += text.count(f"{who} UBND {lvl}")
    votes = +votes  # drop levels never seen
    m = re.search(r"UBND (xã|phường) (?:tổ chức|thông báo)", text)
    if m:
        votes[m.group(1)] += 5
    return votes.most_common(1)[0][0] if votes else "tỉnh"


def _infer_place(text: str, place_line: str | None, level: str) -> str | None:
    """Place name of the issuer: the place on the date line, spelled as the text spells that unit."""
    cands = Counter(" ".join(m.group(1).split()) for m in re.finditer(rf"{level}\s+([{UPPER}][\wÀ-ỹ]*(?:[ \n][{UPPER}][\wÀ-ỹ]*)*)", text)
                    if m.start() == 0 or not text[m.start() - 1].isalnum())
    if place_line:
        for name, _ in cands.most_common():
            if fold(name) == fold(place_line):
                return name
        return title_case_place(place_line)
    return cands.most_common(1)[0][0] if cands else None


def extract_source(src: Source) -> dict:
    """Extract a NoticeRecord from a read :class:`Source`."""
    return extract_text(src.text, path=src.path, sha256=src.sha256, encoding=src.encoding, warnings=src.warnings,
                        ocr_pages=src.ocr_pages)


def extract_path(path: str | Path, limits: Limits | None = None, *, ocr=None) -> dict:
    """Read and extract one notice file, within ``limits`` (default: :meth:`Limits.from_env`, see
    :mod:`loaders.limits`); a PDF's scanned pages as ``ocr`` says (:class:`loaders.ocr.OcrOptions`)."""
    return extract_source(read_source(path, limits, ocr=ocr))
