"""Notice → NoticeRecord: the extraction pipeline.

``read_source`` (bytes → text) → ``normalize`` → ``build_layout`` (paragraphs, footnotes) →
header / signature / meeting → citations → tasks → a plain dict that follows
``loaders/notice-record.schema.json``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

from .citations import find_citations, merge, number_key
from . import patterns
from .errors import InputError
from .execution import find_executors
from .ids import assign_task_ids, document_identity
from .normalize import fold, normalize
from .notice import (EVENT_VERB, admin_units, attendees, document_signs, find_people, meeting_kind, parse_header, parse_signature,
                     signer_title, _CHAIR_IN_TITLE, _CONCLUDES, _OPENING, title_case_place)
from .orgs import LEVELS, UPPER, _scan_org_list_cached, canonical, scan_org
from .read import Source, read_source
from .structure import build_layout
from .task_tables import find_task_tables, table_tasks
from .tasks import Context, extract_tasks

SCHEMA_VERSION = "1"
_DIGIT = re.compile(r"\d")
# an opening paragraph that tells of a meeting (a công văn may open with 'Ngày …, Bộ … ban hành …' instead)
_MEETING_WORDS = re.compile(r"cuộc họp|buổi làm việc|hội nghị|cuộc kiểm tra|đoàn kiểm tra|giao ban|chủ trì|"
                            r"tổ chức (?:họp|kiểm tra|làm việc|hội nghị)|đã kiểm tra|làm việc với|họp (?:về|với|bàn)", re.I)


CENTRAL = "trung ương"
_ISSUER_PLACE = re.compile(r"(?<![\w])(?:%s|Tỉnh ủy|Thành ủy|Huyện ủy) (.+)$" % "|".join(re.escape(l) for l in LEVELS if not l.startswith("cấp")))


_UNIT_LEVELS = [l for l in LEVELS if not l.startswith("cấp")]
_UBND_LEVEL = re.compile(r"UBND (%s)(?![\w])" % "|".join(re.escape(l) for l in _UNIT_LEVELS))
# posts that only a central body's documents are signed with
_CENTRAL_POSTS = re.compile(r"(?:^|\.\s*|\s)(?:BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|CHỦ NHIỆM)\b")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(rf"(?<=[.;])\s+(?=[{UPPER}])", text) if s.strip()]


def extract_text(text: str, *, path: str = "<text>", sha256: str | None = None, encoding: str | None = None) -> dict:
    """Extract a NoticeRecord from notice text. ``encoding`` names how the text was read (a codec,
    or ``docx`` / ``pdf``); character spans index ``text`` as given."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _scan_org_list_cached.cache_clear()  # memoised within one notice only
    nt = normalize(text)
    if len(nt.text.strip()) < 80 or len(document_signs(nt.text)) < 2:
        raise InputError(path, "không phải thông báo hay văn bản chỉ đạo (không thấy khung của văn bản hành chính: "
                               "quốc hiệu, số hiệu, địa danh và ngày tháng, tên loại, nơi nhận hay chữ ký)")
    layout = build_layout(nt)
    paras = layout.paragraphs
    # the text read paragraph by paragraph: a count or a name found in it does not depend on where lines were wrapped
    flat = "\n".join([p.text for p in paras] + [f.text for f in layout.footnotes.values()])
    header, start = parse_header(layout)
    sig, noi_nhan, recipients = parse_signature(layout)
    end = noi_nhan if noi_nhan is not None else len(paras)
    # the signature block may come before 'Nơi nhận' or after it; cut the body at the first of them
    chain0 = sig.chain[0].replace(" ", "") if sig.chain else None
    for i in range(start, end):
        t = paras[i].text
        if len(t) < 60 and (t in sig.chain or (chain0 and t.replace(" ", "") == chain0)):
            end = i
            break

    # --- a công văn's addressees ('Kính gửi: - Sở Y tế; - UBND các xã, phường.') come before its text
    addressees: list[str] = []
    if start < end and paras[start].text.startswith("Kính gửi"):
        # ('Kính gửi: | - Sở Y tế;' when the line was a table row: an empty cell edge, then a bullet)
        first = re.sub(r"^Kính gửi\s*:?\s*(?:\|\s*)?(?:[-–•+]\s+)?", "", paras[start].text).strip(" ;.")
        if first:
            addressees.append(first)
        start += 1
        while start < end and paras[start].marker_kind == "bullet" and len(paras[start].text) < 200:
            addressees.append(paras[start].body.strip(" ;."))
            start += 1

    # --- meeting: the opening paragraph(s) up to 'kết luận như sau:'
    body_start = start
    intro: list[str] = []
    for i in range(start, min(end, start + 6)):
        t = paras[i].text
        if paras[i].marker_kind is not None and i > start:
            body_start = i
            break
        intro.append(t)
        body_start = i + 1
        if _CONCLUDES.search(t):
            break
    else:
        if intro and not _CONCLUDES.search(intro[-1]):
            # no 'kết luận như sau:' — the body starts after the opening paragraph
            body_start = start + 1 if start < end else start
            intro = intro[:1]
    opening = intro[0] if intro and _OPENING.match(intro[0]) else None

    title = header.title or ""
    meeting = None
    is_conclusion = "Kết luận" in title or "kết luận" in title.lower() or header.doc_kind == "THÔNG BÁO"
    if (opening and (is_conclusion or _MEETING_WORDS.search(opening))) or "Kết luận" in title:
        from .dates import parse_date

        mdate = parse_date(opening[:80]) if opening else None
        chair = {"name": None, "title": None}
        tm = _CHAIR_IN_TITLE.search(title)
        people = [p for t in intro for p in find_people(t)]
        event = title
        if tm:
            raw_title = tm.group("title")
            cut = EVENT_VERB.search(raw_title)
            if cut:  # '… Phó Chủ tịch UBND tỉnh kiểm tra công tác …': the post ends where the event begins
                event = raw_title[cut.end():] + " tại " + tm.group("event")
                raw_title = raw_title[:cut.start()]
            else:
                event = tm.group("event")
            chair_title = canonical(raw_title)
            chair = {"name": tm.group("name"), "title": chair_title}
            chair_title = re.sub(r"^(?:Tỉnh ủy viên|Ủy viên Ban Thường vụ Tỉnh ủy|Phó Bí thư Tỉnh ủy)\s*,\s*", "", chair_title)
            if not chair["name"]:
                for name, ptitle, _ in people:
                    if fold(chair_title) in fold(ptitle):
                        chair["name"] = name
                        break
        if not chair["name"]:
            # 'đồng chí X, <post> kết luận' / '… chủ trì'
            for t in intro:
                for name, ptitle, pos in find_people(t):
                    after = t[pos:pos + 200]
                    if re.search(r"kết luận|chủ trì", after):
                        chair = {"name": name, "title": ptitle}
                        break
                if chair["name"]:
                    break
        if chair["title"] is None and chair["name"] is None:
            chair = None
        intro_text = " ".join(intro)
        communes = admin_units(title + " . " + intro_text)
        communes = [c for c in communes if not c.startswith(("tỉnh", "thành phố"))]
        att = attendees([s for t in intro for s in re.split(rf"(?<=\.)\s+(?=[{UPPER}])", t) if s.strip()])
        leaders = []
        for name, ptitle, _ in people:
            if all(name != x["name"] for x in leaders):
                leaders.append({"name": name, "title": ptitle,
                                "role": "chair" if chair and name == chair.get("name") else "participant"})
        meeting = {
            "leaders": leaders,
            "date": mdate,
            "kind": meeting_kind(event, opening or "") or ("other" if opening else None),
            "chair": chair,
            "communes": communes,
            "attendees": att,
        }

    # --- issuer
    issuer, level = header.issuer, header.issuer_level
    place = None
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
        provs = Counter(m.group(1) for m in re.finditer(rf"(?:tỉnh|Tỉnh ủy|UBND tỉnh|HĐND tỉnh)\s+([{UPPER}][\wÀ-ỹ]*(?:\s+[{UPPER}][\wÀ-ỹ]*)*)", flat))
        if provs:
            province = "tỉnh " + provs.most_common(1)[0][0]
    if meeting is not None and not meeting["communes"] and level in ("xã", "phường") and place:
        meeting["communes"] = [f"{level} {place}"]

    # --- citations, read per paragraph (numbers and dates may be split across lines), spans in the text
    cut = paras[noi_nhan].start if noi_nhan is not None else len(nt.text)
    raw_cits = []
    scan = [p for p in paras if p.end <= cut] + [f.paragraph for f in layout.footnotes.values()]
    for p in scan:
        if not _DIGIT.search(p.text):
            continue  # every citation carries a number
        for c in find_citations(p.text):
            c.spans = [(p.doc_offset(a), p.doc_offset(b - 1) + 1) for a, b in c.spans]
            if c.subject_span:
                a, b = c.subject_span
                c.subject_span = (p.doc_offset(a), p.doc_offset(max(a, b - 1)) + 1)
            if header.number_span and c.spans[0][0] <= header.number_span[0] < c.spans[0][1]:
                continue
            raw_cits.append(c)
    if header.number:
        raw_cits = [c for c in raw_cits if number_key(c.number) != number_key(header.number)]
    cits = merge(raw_cits)
    footnote_cits = {}
    for label, fn in layout.footnotes.items():
        footnote_cits[label] = [c.number for c in cits if any(fn.paragraph.start <= s < fn.paragraph.end + 1 for s, _ in c.spans)]
    rels = []
    for c in cits:
        if not c.subject_span:
            continue
        a, b = c.subject_span
        for d in cits:
            if d is c:
                continue
            if any(a <= s < b for s, _ in d.spans):
                # the words between the citing document and the cited one ('… của UBND tỉnh thực hiện <Nghị quyết>')
                sub = nt.text[a: min(b, d.spans[0][0])]
                lead = nt.text[min(a, c.spans[0][1]): min(b, d.spans[0][0])]
                kind = "implements" if _IMPL_CUE_END.search(lead) or re.search(r"(?:thực hiện|triển khai|hướng dẫn thực hiện|cụ thể hóa|quán triệt)\s*\S*\s*$", sub) \
                    or re.match(r"\s*(?:về việc\s+)?(?:thực hiện|triển khai)", sub) else "refers_to"
                rels.append({"source": c.number, "target": d.number, "kind": kind})

    rels += own_relations(paras, start, cits, header.number)

    # --- tasks
    units: dict[str, list[str]] = {}
    from .notice import _ADMIN_LIST

    for m in _ADMIN_LIST.finditer(flat):
        names = re.findall(rf"[{UPPER}][\wÀ-ỹ]*(?:\s+[{UPPER}][\wÀ-ỹ]*)*", m.group("names"))
        if len(names) > len(units.get(m.group("lvl"), [])):
            units[m.group("lvl")] = names
    single: dict[str, str] = {}
    for c in (meeting or {}).get("communes", []):
        lvl, _, name = c.partition(" ")
        single[lvl] = name if lvl not in single else ""
    single = {k: v for k, v in single.items() if v}
    year = None
    for d in ((meeting or {}).get("date"), header.date):
        if d:
            year = int(d[:4])
            break
    not_before = (meeting or {}).get("date") if (meeting or {}).get("date") and len(meeting["date"]) == 10 else None
    ctx = Context(nt.text, cits, footnote_cits, year, not_before, level, place, units, single, addressees, issuer)
    tables = find_task_tables(nt.text, nt.raw_lines)  # an annex's task table: read as rows, not as prose
    tasks = extract_tasks([p for p in paras[body_start:end] if not any(tb.covers(p.start, p.end) for tb in tables)], ctx,
                          paras[body_start - 1] if start < body_start <= end else None)
    tasks += [t for tb in tables for t in table_tasks(tb, cits, year)]
    doc_id = document_identity(issuer, header.doc_kind, header.number, header.date, header.title, nt.text)
    for t, tid in zip(tasks, assign_task_ids(doc_id, tasks)):
        t["id"] = tid  # public, lasting: from the document and the sentence, never the position (loaders/ids.py)

    # recipients that name bodies ('UBND xã Khuất Xá', 'Các sở, ban, ngành'); 'Như trên', 'Lưu: VT' name none
    recipient_orgs: list[str] = []
    for line in addressees + recipients:
        for item in re.split(rf"\s*[;,]\s*(?=[{UPPER}]|các\s)", line):
            item = item.strip(" .;,")
            if item[:4] in ("Các ", "Cơ q"):
                item = item[0].lower() + item[1:]
            o = scan_org(item, 0)
            if o is None or not o.agency or o.kind == "person_post" or o.bare:
                continue
            # a Nơi nhận line names one body per item: keep the item whole ('Trung tâm Phát triển quỹ đất')
            name = canonical(item) if o.kind != "group" and len(item.split()) <= 10 else o.name
            if name not in recipient_orgs:
                recipient_orgs.append(name)

    signer = None
    if sig.name or sig.chain:
        signer = {"name": sig.name, "title": signer_title(sig, issuer, level, nt.text), "chain": sig.chain}
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": path, "sha256": sha256, **({"encoding": encoding} if encoding else {})},
        "notice": {
            "number": header.number,
            "issuer": issuer,
            "place": header.place,
            "province": province,
            "date": header.date,
            "title": header.title,
            "kind": header.doc_kind,
            "signer": signer,
            "recipients": recipients,
            "addressees": addressees,
            "recipient_orgs": recipient_orgs,
            "doc_id": doc_id,
        },
        "meeting": meeting,
        "citations": [
            {"number": c.number, "type": c.type, "date": c.date, "issuer": c.issuer, "title": c.title,
             "spans": [[a, b] for a, b in c.spans]}
            for c in cits
        ],
        "relations": rels,
        "tasks": tasks,
        "executors": find_executors("\n".join(p.text for p in paras[start:end])),
    }


_IMPL_CUES = sorted(patterns.load("documents")["implements_cues"], key=len, reverse=True)
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
    return extract_text(src.text, path=src.path, sha256=src.sha256, encoding=src.encoding)


def extract_path(path: str | Path) -> dict:
    """Read and extract one notice file."""
    return extract_source(read_source(path))
