"""Tasks: the directive units of the conclusions, with doers, deadlines, grounds and reporting lines.

The body is read as an outline (I. / 1. / 2.1. / a) / (3) / - and plain paragraphs).
Headings give topics ('Về nông nghiệp, nông thôn') and sometimes doers ('2. Phòng Kinh tế',
'2.1. Đối với Huyện ủy, HĐND, UBND huyện X:'); lead-ins ('Yêu cầu UBND xã X … nhiệm vụ
trọng tâm sau:') give default doers to the items below them. Each paragraph is then cut
where a new doer takes over ('…; Sở Nội vụ trình UBND tỉnh chậm nhất ngày 10/6/2026').
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import patterns
from .dates import Deadline, DeadlineLine, Recurrence, find_deadlines, find_recurrence, read_deadline_line
from .execution import find_executors
from .normalize import fold
from .orgs import (CAP_WORD, LOCAL_LEVEL, LOWER, ORG_START, STOP_PHRASES, UPPER, Org, canonical, in_vocabulary, is_generic,
                   scan_org, scan_org_list, scan_org_list_ro, org_list_end)
from .structure import Paragraph, read_marker

_TASK_WORDS = patterns.load("tasks")


def _alternation(key: str) -> str:
    """The entries of a word list in patterns/tasks.json as one regular-expression alternation."""
    return "|".join(e["words"] for e in _TASK_WORDS[key]["entries"])


EVALUATIVE_HEADING = re.compile(r"^(?:%s)" % _alternation("evaluative_headings"), re.I)
# a plan's purpose section ('I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích'): aims, not tasks
_PLAN_PREAMBLE = re.compile(r"^(?:mục đích|mục tiêu|quan điểm|yêu cầu|chỉ tiêu)(?:\s*(?:,|và)\s*(?:mục đích|mục tiêu|quan điểm|yêu cầu|chỉ tiêu))*"
                            r"(?:\s+(?:chủ yếu|cụ thể|tổng quát|chung))?(?:\s+(?:đến năm|giai đoạn|năm)\s+[\d\s\-–]+)?\s*:?\s*$", re.I)
LEAD_IN_ONLY = re.compile(r"(?:(?:nhiệm vụ|nội dung|giải pháp|việc|công việc)[^:]{0,40}(?:sau|như sau|dưới đây|cụ thể như sau)|như sau|sau đây|"
                          r"trong đó,?\s+(?:tập trung|chú trọng|ưu tiên)(?:\s+vào)?(?:\s+(?:một số|các|những) (?:nội dung|nhiệm vụ)(?: chính| trọng tâm)?)?)\s*:\s*$", re.I)
CLOSING = re.compile(r"(?:^Trên đây là\b.*|(?:thông báo (?:để|ý kiến|kết luận)|nêu trên|biết[^.]{0,40}thực hiện|"
                     r"để các cơ quan, đơn vị biết)[^.]*\./\.\s*$)", re.I | re.S)
# (an alternative that ends in a space or a slash, a date's 'ngày 21 tháng ', is whole without a word boundary)
NON_DIRECTIVE_START = re.compile(r"^(?:%s)(?:(?<=[ /])|(?![\w]))" % _alternation("non_directive_starts"), re.I)
_PAST = re.compile(r"^(?:[^,.;:]{0,60}?)\s(?:đã|đang|được)\s", re.I)
IMPERATIVE = re.compile(r"(?:%s)\b" % _alternation("directive_starts"), re.I)
ORDER_CUES = _TASK_WORDS["order_cues"]["entries"]


def _either_case(word: str) -> str:
    """'giao' -> '[Gg]iao': a cue opens a sentence or follows a subject."""
    return "[%s%s]%s" % (word[0].upper(), word[0].lower(), re.escape(word[1:]).replace("\\ ", " "))


# 'giao' / 'yêu cầu' / 'đề nghị' as a word (the order cues of patterns/tasks.json), then a space
ORDER_CUE = re.compile(r"(?<![\w])(?P<cue>%s)\s" % "|".join(_either_case(e["word"]) for e in ORDER_CUES))
# (its matches found where a cue word stands, not tried at every position: patterns.StartSearch; so for the
# patterns below that open with a look-behind)
_FIND_ORDER_CUE = patterns.StartSearch(ORDER_CUE)
# a sentence that opens with an order cue
ORDER_CUE_OPENING = re.compile(r"^(?:%s)\s" % "|".join(re.escape(e["word"][0].upper() + e["word"][1:]) for e in ORDER_CUES))
_CUE = re.compile(ORDER_CUE.pattern[:-2] + r"(?:\s*:\s*(?=[%s])|\s+)(?:cho\s+)?" % UPPER)  # ('UBND tỉnh yêu cầu: Giám đốc …')
_FIND_CUE = patterns.StartSearch(_CUE)
_CUE_TAILS = tuple(e["word"][1:] for e in ORDER_CUES)
_SENTENCE_BEFORE = re.compile(r"[.;]\s+\S")  # a lead-in after a sentence of its own ('… trước ngày 20/10/2024. Trong đó …:')
def _opens_sentence(text: str, at: int) -> bool:
    """Does ``at`` open its sentence (only spaces since the text's start or since '.', ';', ':')?"""
    k = at
    while k and text[k - 1].isspace():
        k -= 1
    return k == 0 or text[k - 1] in ".;:"


_START_ONLY_CUES = frozenset(e["word"] for e in ORDER_CUES if e.get("sentence_start_only"))
_CUE_BLOCK = {e["word"]: re.compile(r"(?:%s)\s*$" % e["not_after"], re.I) for e in ORDER_CUES}
# 'Chủ tịch UBND tỉnh giao Sở X …': the chair gives the order (not 'nhiệm vụ được Chủ tịch UBND tỉnh giao')
_CHAIR = r"(?:Phó )?Chủ tịch\s+(?:UBND|Ủy ban nhân dân)\s+(?:tỉnh|thành phố|huyện|xã|phường)(?:\s+[%s]\w*){0,3}" % UPPER
_CHAIR_GIVES = re.compile(r"(?<![\w])(?<!được )(?<!do )(?<!đã )" + _CHAIR + r"\s*$")
# '…, Ủy ban nhân dân tỉnh giao Ban Quản lý dự án …:': the committee, the subject of its clause, gives the order
# (not 'nhiệm vụ UBND tỉnh giao', the duties it gave)
_COMMITTEE_GIVES = re.compile(r"(?:^|[,.;:]\s*)(?:Ủy ban nhân dân|UBND)\s+(?:tỉnh|thành phố|huyện|xã|phường)"
                              r"(?:\s+[%s]\w*){0,3}\s*$" % UPPER)

# 'Chủ tịch Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì … nêu trên; báo cáo … trước ngày 04/5/2026./.': a letter's one
# order, opened by the leader who gives it, is no closing even when it ends the letter
_LEADER_ORDER_OPENING = re.compile("^" + _CHAIR + r"\s+(?:giao|yêu cầu|chỉ đạo)\s")


# 'Trên đây là ý kiến của Cục X, đề nghị Sở Y nghiên cứu, hướng dẫn …': a reply letter's request (guide: a task)
_CLOSING_REQUEST = re.compile(r"^Trên đây là (?:ý kiến|nội dung trả lời)[^.;]{0,240}?,?\s+(?:[Kk]ính )?đề nghị\s+(?:Quý\s+)?"
                              r"(?:Sở|Ủy ban|UBND|Bộ|Cục|Ban|Công ty)\s")


# '… tham mưu Thường trực HĐND đề nghị UBND Thành phố …': what the advice is to ask for, not the issuer's order
_ADVISES = re.compile(r"(?<![\w])(?:tham mưu|kiến nghị|đề xuất)\s+(?:cho\s+|với\s+)?")


def _advised_request(text: str, m: re.Match) -> bool:
    """Is the cue ``m`` ('đề nghị', 'yêu cầu') what a body is to advise another to ask ('tham mưu <body> đề nghị …')?

    >>> t = "Phối hợp Ban Văn hóa - Xã hội tham mưu Thường trực HĐND đề nghị UBND Thành phố sớm thống nhất chủ trương."
    >>> _advised_request(t, next(_FIND_CUE.finditer(t)))
    True
    """
    if m.group("cue").lower() not in ("đề nghị", "yêu cầu"):
        return False
    for a in _ADVISES.finditer(text, max(0, m.start() - 90), m.start()):
        o = scan_org(text, a.end())
        if o is not None and not text[o.end:m.start()].strip():
            return True
    return False


def _cue_blocked(text: str, m: re.Match) -> bool:
    """Is this 'giao / yêu cầu / đề nghị' no order ('được giao', 'theo đề nghị', 'nhiệm vụ UBND tỉnh giao', 'tham mưu
    Thường trực HĐND đề nghị …')?"""
    if m.group("cue").lower() in _START_ONLY_CUES and not _opens_sentence(text, m.start()):
        return True  # 'Chuyển Sở X kiểm tra …' opens its sentence; '… đã có Văn bản số 256 … chuyển Sở Tài chính …' recalls
    if _advised_request(text, m):
        return True
    if not _CUE_BLOCK[m.group("cue").lower()].search(text, max(0, m.start() - 14), m.start()):
        return False
    return not (m.group("cue").lower() == "giao" and _gives(text, m.start()))


def _gives(text: str, at: int) -> bool:
    """Is the order cue at ``at`` given by the chair or the committee named just before it as its clause's subject?

    >>> _gives("Xét đề nghị của Sở Xây dựng, Ủy ban nhân dân tỉnh giao", 50), _gives("Thực hiện nhiệm vụ UBND tỉnh giao", 29)
    (True, False)
    """
    return bool(_CHAIR_GIVES.search(text, max(0, at - 60), at) or _COMMITTEE_GIVES.search(text, max(0, at - 60), at))


def order_cues(text: str) -> list[str]:
    """The order cues in ``text`` that give an order (lower case, in order of appearance).

    >>> order_cues("Giao Sở Y tế chủ trì; nhiệm vụ được giao Sở Xây dựng theo dõi")
    ['giao']
    >>> order_cues("Theo đề nghị của Sở Tài chính")
    []
    """
    return [m.group("cue").lower() for m in _FIND_ORDER_CUE.finditer(text) if not _cue_blocked(text, m)]


_DOI_VOI = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=^))[Đđ]ối với\s+")
_SUPPORT = re.compile(rf"(?<![\w])(?:(?:với|có) sự phối hợp của\s+|(?:(?<=chủ trì )|(?<=chủ trì, ))(?:với|có) sự (?:tham gia|hỗ trợ) của\s+|(?<=chủ trì, )cùng(?: với)?\s+(?=[{UPPER}]|các\s)|"
                      rf"[Pp]hối hợp(?:\s+chặt chẽ)?(?:\s+(?:hơn nữa|thường xuyên))?(?:\s+giữa\s+[^,.;]{{1,40}}?\s+(?:với|cùng)\s+|\s+(?:với|cùng)\s+|\s+(?=[{UPPER}]|(?:các|chính quyền|lực lượng|cộng đồng|đơn vị tư vấn|cơ quan)\s)))")
_FIND_SUPPORT = patterns.StartSearch(_SUPPORT)
_REPORT = re.compile(
    r"(?<![\w])(?P<v>[Bb]áo cáo(?:,?\s*(?:và\s+)?đề xuất)?|đồng gửi|gửi(?:\s+về)?|trình|cung cấp[^.;]{0,90}?\s+cho|(?<!hoặc )đề xuất)\s+(?:kết quả\s+(?:thực hiện\s+)?(?:về\s+|với\s+)?)?"
)
_FIND_REPORT = patterns.StartSearch(_REPORT)
_SUBJECT_VERB_BLOCK = re.compile(
    # ('có ý kiến' tells what a body said, 'Sở Tài chính có ý kiến tại Văn bản số …'; not when it is to give its opinion,
    # 'Sở Tư pháp có ý kiến pháp lý đối với các trường hợp phức tạp …')
    r"\s*(?:(?:cũng (?:đã|chưa|không|đang|được)|đã|được|là|của|và|đang|vẫn|còn|cơ bản|chưa|"
    r"có ý kiến(?! (?:pháp lý|thẩm định|bằng văn bản|góp ý|tham gia)(?![^.;]{0,80}tại (?:[Vv]ăn bản|[Cc]ông văn|[Tt]ờ trình|[Bb]áo cáo)))|thông báo|ghi nhận|tại|trên|về|cùng|với|khi|để|nhằm|"
    r"theo|trong|cho|từ|đến|thì|mà|nên|sẽ|hoặc|hay|yêu cầu|giao|đề nghị|ủy quyền|uỷ quyền|kết luận|thống nhất|đánh giá|tổ chức hội nghị|"
    r"xét thấy|nhận thấy|cho rằng|nhận định|rất mong|truyền đạt)(?![\w])|[,.;:)])", re.I)
_ADVERBIAL = re.compile(r"(?:đồng thời|Đồng thời|trước mắt|Trước mắt|Do đó|do đó|Trong đó|trong đó|Ngoài ra|ngoài ra|Bên cạnh đó|Riêng|riêng|là việc làm thường xuyên|Với tinh thần[^,]*)\s*,?\s*")
_ADMIN_DOER = re.compile(rf"(?P<grp>[Cc]ác (?:xã|phường)(?:, (?:phường|xã))?(?: biên giới| có kiến nghị)?)|(?P<lvl>{LOCAL_LEVEL})(?:\s+(?P<name>{CAP_WORD}(?:\s+{CAP_WORD})*))?(?![\w])")
# 'Sở Y tế là cơ quan thường trực, chủ trì …': a body given a standing role is the doer of the duty that follows
_DUTY_ROLE = patterns.phrase("duty_role")
_TOPIC = re.compile(r"^\s*(?P<t>Về\s+[^:]{3,120}?)\s*:\s*")


@dataclass
class Node:
    kind: str | None
    label: str | None
    para: Paragraph | None
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)  # marked sub-items and plain paragraphs, in order
    bullet_no: int = 0
    ref: str = ""
    heading: bool = False
    topic: str | None = None
    doers: list[dict] | None = None  # defaults for the items below
    evaluative: bool = False
    descriptive: bool = False  # 'II. PHẠM VI, ĐỐI TƯỢNG …', '2. Thời gian: …': only explicit orders below are tasks
    directs: bool = False  # 'Đảng ủy X chỉ đạo:': its doers direct the bodies the items below name
    doer_line: bool = False  # 'Trách nhiệm chỉ đạo thực hiện: A; B.' / 'Đơn vị chủ trì: …': read into the parent's doers


@dataclass
class Context:
    text: str  # normalised document text
    citations: list  # merged Citation objects with doc-level spans
    footnote_cits: dict[str, list[str]]
    default_year: int | None
    not_before: str | None
    issuer_level: str | None
    issuer_place: str | None
    units: dict[str, list[str]]  # enumerated admin units by level, e.g. {'xã': ['Chi Lăng', …]}
    single_unit: dict[str, str]  # the only unit of a level the meeting concerns, e.g. {'huyện': 'Lộc Bình'}
    addressees: list[str] = field(default_factory=list)  # a công văn's 'Kính gửi' lines: doers of items naming none
    issuer: str | None = None  # the issuing body ('Bộ Nông nghiệp và Môi trường'): what it does itself is no task
    opening_at: int = 0  # where the text after the header begins: a document named again refers to one cited from here
    named: list = field(default_factory=list)  # cited documents named again without their number (citations.NamedMention)
    footnote_spans: tuple = ()  # (start, end) of each footnote: a page's foot may sit inside a sentence
    doc_kind: str | None = None  # 'GIẤY MỜI', 'KẾ HOẠCH', … as the header names the document


def _kind_key(p: Paragraph) -> str | None:
    if p.marker_kind == "dotted":
        return f"dotted{p.marker.count('.')}"
    return p.marker_kind


def build_outline(paras: list[Paragraph]) -> Node:
    root = Node(None, None, None)
    order: list[str] = []
    stack: list[tuple[int, Node]] = [(-1, root)]
    for p in paras:
        key = _kind_key(p)
        if key is None and ARTICLE_START.match(p.text):
            # 'Điều 2. …': an article holds the items below it, up to the next article
            del stack[1:]
            node = Node(None, None, p, parent=root)
            root.children.append(node)
            stack.append((-0.5, node))
            continue
        if key == "roman" and len(stack) > 1 and stack[1][0] == -0.5:
            del stack[1:]  # 'I. MỤC ĐÍCH, YÊU CẦU' of an attached plan: the decision's last article ends before it
        if key is None:
            if _DOCUMENT_CLOSE.match(p.text) or (len(stack) > 1 and _closes_the_list(p.text, stack[-1][1])):
                del stack[1:]  # 'Trên đây là ý kiến của …, đề nghị …': the close of the document, after every item
            node = Node(None, None, p, parent=stack[-1][1])
            stack[-1][1].children.append(node)
            continue
        if key == "bullet":
            lvl = 100
        elif key == "roman" and order and order[0] != "roman":
            lvl = -0.25  # 'IV. Phân công chuẩn bị' after '1.', '2.' whose 'I.' the body did not hold: a top section again
        else:
            if key not in order:
                order.append(key)
            lvl = order.index(key)
        while len(stack) > 1 and stack[-1][0] >= lvl:
            stack.pop()
        parent = stack[-1][1]
        node = Node(p.marker_kind, p.marker, p, parent=parent)
        parent.children.append(node)
        stack.append((lvl, node))
    _assign_refs(root)
    return root


# the document itself, named in its closing request ('… nghiêm túc thực hiện Chỉ thị này')
_THIS_DOCUMENT = re.compile(r"(?<![\w])(?:Chỉ thị|Kế hoạch|Thông báo|Công văn|Công điện|Quyết định|văn bản|Chương trình) này(?![\w])")


def _closes_the_list(text: str, item: Node) -> bool:
    """Is an unnumbered paragraph after an item the document's closing request rather than more of the item?
    ('4. Sở Tài chính tham mưu …' / 'Yêu cầu Thủ trưởng các sở, ban, ngành … nghiêm túc thực hiện Chỉ thị này; …'):
    it opens with an order and names the document itself, after an item that is a sentence of its own (not a heading
    whose body it could be)."""
    if item.para is None or item.kind is None or not ORDER_CUE_OPENING.match(text) or not _THIS_DOCUMENT.search(text):
        return False
    own = item.para.text[item.para.body_offset:].rstrip()
    return own.endswith((".", ";")) and len(own) > 40


def _assign_refs(node: Node, prefix: str = "", last_label: str = "") -> None:
    bullets = 0
    for ch in node.children:
        if ch.kind is None:
            am = ARTICLE_START.match(ch.para.text) if ch.para is not None and not prefix else None
            ch.ref = f"Điều {am.group(1)}" if am else prefix
            if ch.children:
                _assign_refs(ch, ch.ref, "")
            continue
        if ch.kind == "bullet":
            bullets += 1
            lab = f"-{bullets}"
        else:
            lab = ch.label
        if ch.kind == "dotted" and last_label and lab.startswith(last_label + "."):
            ref = (prefix[: -len(last_label)] if prefix.endswith(last_label) else prefix.rsplit(".", 1)[0] + ".") + lab if prefix else lab
            ref = ref.replace("..", ".")
        else:
            ref = f"{prefix}.{lab}" if prefix else lab
        ch.ref = ref
        _assign_refs(ch, ref, lab if ch.kind != "bullet" else "")


_SENTENCE_BREAK = re.compile(r"[.;]\s+[%s]" % UPPER)


def _is_heading(p: Paragraph) -> bool:
    body = p.body.strip()
    if not body:
        return True
    if len(body) < 200 and _parse_doer_heading(body):
        return True  # '6. Các sở, ban, ngành, đơn vị thuộc tỉnh; UBND các xã, phường, đặc khu'
    if p.heading and len(body) < 200:
        return True
    if len(body) > 170 or _SENTENCE_BREAK.search(body):
        return False
    if body.endswith((".", ";", "./.")):
        return False
    if body.endswith(":"):
        # 'Đối với việc …:' introduces what follows; a long lead-in that itself orders something is not a heading
        return len(body) < 170 or not is_directive(body)
    return len(body) < 130


_NAME_CONTINUES = re.compile(rf",\s*[{UPPER}][^,;:()]{{0,60}}")
_PERSON_NAME = rf"[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{1,4}}"
_PERSON_HEADING = re.compile(rf"(?:(?:Phó\s+)?(?:Giám đốc|Chánh Văn phòng|Trưởng phòng|Chủ tịch|Bí thư|Trưởng ban|Cục trưởng|Vụ trưởng)"
                             rf"(?:\s+[^\s\-–:;,.]+){{0,4}}\s*[-–]\s*{_PERSON_NAME}|(?:Đồng chí|Ông|Bà)\s+{_PERSON_NAME}\s*[-–,]\s*[^:;.]{{3,60}})")
# '4.1. Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; …': a person by name and post labels the duties after the colon
_PERSON_LABEL = re.compile(rf"(?:{_TASK_WORDS['person_label']['honorific']})\.?\s+(?P<who>{_PERSON_NAME}\s*[-–]\s*"
                           rf"[{UPPER}][^:;.\n]{{2,60}}?)\s*:\s*(?=\S)")
# '1.1. Đồng chí Phó Bí thư Thường trực Tỉnh ủy, Trưởng Ban Chỉ đạo tỉnh: Phụ trách chung.': a comrade by post alone labels
# the duties after the colon; the role in the committee after the comma is the same person
_POST_LABEL = re.compile(rf"(?:{_TASK_WORDS['person_label']['honorific']})\.?\s+(?P<who>(?:{_TASK_WORDS['post_label']['post']})"
                         rf"[^:;.\n]{{2,120}}?)(?:\s*,\s*(?:{_TASK_WORDS['post_label']['role']})[^:;.\n]{{0,120}}?)?\s*:\s*(?=\S)")
_HEADING_QUALIFIER = re.compile(r"\s*(?:có|của|thuộc|trên địa bàn|liên quan|được giao|hoạt động"
                                r"|thực hiện (?:các )?(?:Chương trình|Dự án|Đề án|chương trình|dự án|đề án))\b[^.;:]{0,100}$")
# a group's apposition in its heading, then the bodies it means in brackets
_GROUP_APPOSITION = re.compile(r"\s+là\s+(?:cơ quan|đơn vị)\s[^:;()]{3,120}?(?P<members>\s*\([^()]{3,300}\))?\s*$")


_HEADING_DUTY = re.compile(r"\s+(?:(?:có|chịu) trách nhiệm(?: thực hiện)?|có (?:các )?nhiệm vụ(?: và quyền hạn)?)"
                           r"(?: (?:các|những) (?:nhiệm vụ|nội dung) sau)?$")
_TRAILING_NOTE = re.compile(r"\s*\((?:theo|quy định|sau đây)[^()]*\)\s*$")


_HEADING_LEAD = re.compile(r"^(?:Đối với|Giao|Yêu cầu|Đề nghị|(?:Trách nhiệm|Nhiệm vụ|Chức năng)(?:(?:,| và)\s+(?:quyền hạn|nhiệm vụ|"
                           r"trách nhiệm|quyền lợi))*(?: chung| cụ thể| riêng)? của)\s+")


# 'Phó Chủ tịch UBND tỉnh kết luận như sau:' hands the items on: its words are no part of a name
_LEAD_ON_WORDS = ("kết luận", "có ý kiến", "chỉ đạo", "như sau", "sau đây")
_LEADS_ON = re.compile(r"(?<![\w])(?:%s)(?![\w])" % "|".join(_LEAD_ON_WORDS))
# … and the orders that hand work on ('giao', 'yêu cầu', 'đề nghị': the order cues), or agreement ('thống nhất')
_HANDS_ON = re.compile(r"(?<![\w])(?:%s)(?![\w])" % "|".join(_LEAD_ON_WORDS + tuple(e["word"] for e in ORDER_CUES)
                                                            + ("thống nhất",)))


def _parse_doer_heading(body: str) -> list[Org] | None:
    """'Phòng Kinh tế', 'Đối với Huyện ủy, HĐND, UBND huyện X:', 'Công an xã, Ban CHQS xã' -> orgs.

    A trailing qualifier belongs to the last name ('Ủy ban nhân dân các xã, phường có cụm công nghiệp').
    Memoised (a heading is asked about from several places: a third of the calls are new): fresh copies each time.
    """
    orgs = _read_doer_heading(body)
    return None if orgs is None else [replace(o, members=list(o.members)) for o in orgs]


@lru_cache(maxsize=4096)
def _read_doer_heading(body: str) -> tuple[Org, ...] | None:
    orgs = _doer_heading(body)
    return None if orgs is None else tuple(orgs)


def _doer_heading(body: str) -> list[Org] | None:
    b = _HEADING_LEAD.sub("", body.strip()).rstrip(" :.")
    if b != body.strip().rstrip(" :.") and b[:1].islower() and not b.startswith("các "):
        b = b[0].upper() + b[1:]  # 'Trách nhiệm của nhà đầu tư': the role named in lower case after 'của'
    pm = _PERSON_HEADING.fullmatch(b)
    if pm:  # '1. Phó Giám đốc Sở - Hoàng Văn Thuân': a person by post and name
        return [Org(b, 0, len(b), kind="person_post")]
    if b[:4] == "Các ":
        b = "c" + b[1:]
    b = _TRAILING_NOTE.sub("", b)  # 'Đối với các Bộ quản lý chuyên ngành (theo quy định tại khoản 5 Điều 3 …)'
    b = _TRAILING_NAME_NOTE.sub("", b)  # 'Ban Quản lý dự án … tỉnh (chủ đầu tư):' names the body; its role is a note
    b = _HEADING_DUTY.sub("", b)  # 'Cục Biến đổi khí hậu có trách nhiệm:' names the body only
    orgs, end = scan_org_list(b, 0, allow_semicolon=True)
    if not orgs and body.rstrip().endswith(":") and b[:1].isupper():
        # '2. Cơ quan, đơn vị, địa phương có liên quan:': kinds of bodies listed without 'các', a heading over its items
        g, e = scan_org_list("các " + b[0].lower() + b[1:], 0)
        if len(g) == 1 and g[0].kind == "group" and e - 4 >= len(b.rstrip()) - 1:
            return [Org(b.rstrip(), 0, len(b.rstrip()), kind="group", agency=g[0].agency)]
    if not orgs:
        return None
    if end >= len(b.rstrip()) - 1:
        return orgs
    cont = _NAME_CONTINUES.fullmatch(b, end)
    if cont and not orgs[-1].kind == "group":
        # 'Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch tỉnh': one name with a comma in it
        orgs[-1].name = canonical(orgs[-1].name + b[end:])
        return orgs
    if _HEADING_DUTY.fullmatch(b, end):
        return orgs  # 'Cục Biến đổi khí hậu có trách nhiệm:' — the label of the doer of the items below
    if _APPOSITION.match(b, end) and body.rstrip().endswith(":"):
        if len(orgs) == 1 and orgs[0].kind == "group" and (am := _GROUP_APPOSITION.fullmatch(b, end)):
            # 'Các sở, ngành là cơ quan chủ quản chương trình, dự án thành phần (Sở A, Sở B):': which of them, and who
            orgs[0].name = canonical(orgs[0].name + b[end:am.start("members")].rstrip())
            if am.group("members") and (listed := scan_org_list(am.group("members").strip()[1:-1], 0)[0]):
                orgs[0].members = [o.name for o in listed]
        return orgs  # 'Sở Tài chính là cơ quan thường trực của Tổ công tác, có trách nhiệm:': what the body is, not its name
    rest = b[end:]
    if _COMMITTEE_ROLE.fullmatch(rest):
        return orgs  # '1. Giám đốc Sở Tài chính - Tổ phó thường trực': the member's role in the committee is a note
    if (len(orgs) == 1 and orgs[0].kind != "group" and len(b) <= 90 and not re.search(r"[.;:()]", rest)
            and not _HEADING_QUALIFIER.match(rest) and not _HANDS_ON.search(rest)
            and not body.rstrip().endswith(".") and not IMPERATIVE.match(rest.strip())
            and not any(STOP_PHRASES.match(b, end + m.start()) for m in re.finditer(r"(?<![\w])\w", rest))):
        # a heading that is just a name the recogniser cut short ('Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch tỉnh')
        orgs[0].name = canonical(b)
        return orgs
    if _HEADING_QUALIFIER.fullmatch(b, end) and not body.rstrip().endswith(".") and not _LEADS_ON.search(b, end):
        # (a sentence is not a heading; 'Chủ tịch UBND tỉnh có ý kiến như sau:' hands the items on)
        rest = b[end:].strip()
        if not rest.startswith("của "):  # 'có cụm công nghiệp' restricts the name; 'của 02 dự án …' does not
            orgs[-1].name = f"{orgs[-1].name} {rest}"
        return orgs
    return None


_COMMITTEE_ROLE = re.compile(_TASK_WORDS["committee_roles"]["pattern"])
_DIRECTING_LEAD_IN = re.compile(r"(?<![\w])(?:lãnh đạo,?\s*)?chỉ đạo\s*:\s*$")


def _add_directors(tasks: list[dict], node: Node) -> None:
    """Under 'Đảng ủy X chỉ đạo:' an item naming its own doer ('2.1. Đảng ủy Y lãnh đạo …') is led by both: the
    body that directs and the body that acts."""
    n = node.parent
    while n is not None and not n.directs:
        n = n.parent
    if n is None or not n.doers:
        return
    for t in tasks:
        if not str(t.get("reason", "")).startswith("explicit"):
            continue
        names = {a["name"] for a in t["assignees"]}
        add = [{k: v for k, v in d.items() if k != "_why"} for d in n.doers if d["name"] not in names]
        t["assignees"] = add + t["assignees"]


# a plan's section of the issuing body's own duties ('II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG'): the
# issuer is the doer, so its items are no tasks for others
_OWN_DUTIES = re.compile(r"^\s*(?:các\s+)?(?:nhiệm vụ|trách nhiệm|công việc|nhiệm vụ, giải pháp)\b[^:;.]{0,60}?\bcủa\s+(?P<who>[^:;.]+?)\s*:?\s*$", re.I)


def _own_duties(body: str, ctx: Context) -> bool:
    m = _OWN_DUTIES.match(body)
    return bool(m and ctx.issuer) and fold(m.group("who")) == fold(ctx.issuer)


_INVITATION_CONTENT = re.compile(r"nội dung(?:\s+(?:cuộc họp|hội nghị|làm việc|buổi làm việc))?\s*:?\s*$", re.I)
_LABEL_REASONS = ("explicit: label", "explicit: đối với")
_DESCRIPTIVE = re.compile(r"(?:%s)(?![\w])" % _alternation("descriptive_headings"), re.I)
_HEADING_PARTS = re.compile(r"\s*(?:,|\bvà\b)\s*", re.I)


def _subject_acts(text: str) -> bool:
    """Does the named subject (after a framing clause) go on with an order verb ('…, các cơ quan … chủ động xây dựng …'),
    not with what it has or is ('Các cơ quan Trung ương … có kết quả đánh giá … đạt loại Tốt')?"""
    f = _FRAMING.match(text)
    at = f.end() if f else 0
    orgs, e = scan_org_list_ro(text, at)
    if not orgs:
        return bool(IMPERATIVE.match(text, at) or _has_cue(text[:300]))
    rest = text[e:].lstrip(" ,")
    return bool(IMPERATIVE.match(rest) or _DUTY.match(rest) or ORDER_CUE.match(rest))


def is_descriptive_heading(text: str) -> bool:
    """Does a heading or an item's label describe rather than order (patterns/tasks.json 'descriptive_headings')?

    >>> is_descriptive_heading("PHẠM VI, ĐỐI TƯỢNG VÀ NỘI DUNG THI ĐUA"), is_descriptive_heading("2. Thời gian: 01 buổi")
    (True, True)
    >>> is_descriptive_heading("THỜI GIAN THI ĐUA VÀ TIẾN ĐỘ THỰC HIỆN"), is_descriptive_heading("Chủ trì: Sở Tư pháp")
    (False, False)
    """
    head = text.strip()
    head = head[read_marker(head)[2]:]  # ('2. Thời gian: …': the item's own words)
    head = head.split(":", 1)[0] if ":" in head[:80] else head
    if len(head) > 120:
        return False
    parts = [x for x in _HEADING_PARTS.split(head.strip().rstrip(".")) if x]
    return bool(parts) and all(_DESCRIPTIVE.match(x) for x in parts)


# 'I. Yêu cầu chung' over a letter's orders: aims only after a 'Mục đích' heading ('1. Mục đích' / '2. Yêu cầu')
_ONLY_REQUIREMENTS = re.compile(r"^yêu cầu(?:\s+(?:chung|cụ thể))?\s*:?\s*$", re.I)


# a decision's article that issues, publishes or sets up something ('Điều 1. Ban hành kèm theo Quyết định này Bộ tiêu
# chí …, trong đó Thanh tra tỉnh chỉ thực hiện đánh giá …'): the decision itself, whose wording names bodies without
# ordering them
_ISSUING_ARTICLE = re.compile(r"^Điều\s+\d+\s*[.:]\s*(?:Ban hành kèm theo|Công bố kèm theo|Thành lập|Kiện toàn)\s")


def _classify(node: Node, ctx: Context) -> None:
    aims = False  # a sibling heading before this one was 'Mục đích …'
    for ch in node.children:
        ch.evaluative = node.evaluative
        ch.descriptive = node.descriptive or (ch.kind is None and ch.para is not None
                                              and _ISSUING_ARTICLE.match(ch.para.text) is not None)
        if ch.para is not None and ch.kind is not None:
            body = ch.para.body
            if ch.kind != "bullet" and (is_descriptive_heading(body) or (
                    ctx.doc_kind == "GIẤY MỜI" and _INVITATION_CONTENT.match(body.strip()))):
                ch.descriptive = True  # (an invitation's 'II. Nội dung': what the meeting is about)
            if _is_heading(ch.para):
                ch.heading = True
                preamble = _PLAN_PREAMBLE.match(body.strip()) and (aims or not _ONLY_REQUIREMENTS.match(body.strip()))
                aims = aims or bool(preamble)
                if EVALUATIVE_HEADING.match(body.strip()) or preamble or _own_duties(body, ctx):
                    ch.evaluative = True
                orgs = _parse_doer_heading(body)
                if orgs:
                    ch.doers = _why(doers_of(orgs, ctx), "inherited: heading")
                elif body.rstrip().endswith(":") and (li := _lead_in(body, ctx)):
                    ch.doers = li  # 'Giao UBND các xã: Đức Trọng, Hiệp Thạnh:' leads in the items below
                    ch.directs = bool(_DIRECTING_LEAD_IN.search(body))
                else:
                    tm = re.match(r"^\s*(Về\s+.+?)\s*:?\s*$", body)
                    ch.topic = (tm.group(1) if tm else body.strip().rstrip(":")) if not ch.evaluative else None
        _classify(ch, ctx)


def _doer(o: Org, ctx: Context, role: str = "lead") -> dict:
    name = resolve_name(o.name, ctx)
    d = {"name": name, "role": role}
    members = o.members or group_members(name, ctx)
    if members:
        d["members"] = members
    if o.kind == "group" or is_generic(name):
        d["generic"] = True  # 'các đơn vị liên quan', 'Nhà đầu tư': a role, not one body
    if not in_vocabulary(o):
        d["reason"] = "agency: not in vocabulary"
    return d


_FIELD_LIST = re.compile(r"[Cc]ác (?:[Ss]ở|[Bb]ộ)(?:,\s*(?:ban,\s*)?ngành)?")


def doers_of(orgs, ctx: Context) -> list[dict]:
    """Lead doers of recognised bodies; a unit in brackets after a named body acts with it
    ('Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)'), a group's bracket lists its members."""
    out = []
    for o in orgs:
        if o.members and o.kind != "group":
            out.append(_doer(replace(o, members=[]), ctx))
            out.extend({"name": resolve_name(m, ctx), "role": "lead"} for m in o.members)
        elif o.members and _FIELD_LIST.fullmatch(o.name):
            # 'Các Sở: Xây dựng, Công Thương, Tài chính theo chức năng …': named bodies listed by their fields, each a doer
            out.extend({"name": resolve_name(m, ctx), "role": "lead"} for m in o.members)
        else:
            out.append(_doer(o, ctx))
    return out


def _why(doers: list[dict], why: str) -> list[dict]:
    """Copies of ``doers`` that remember how they were found (read by :func:`_task_reason`)."""
    return [{**d, "_why": why} for d in doers]


# how sure a task's doers are, by how they were found
CONFIDENCE = {"explicit: giao": 0.95, "explicit: yêu cầu": 0.95, "explicit: đề nghị": 0.9, "explicit: label": 0.9,
              "explicit: subject": 0.85, "explicit: đối với": 0.85, "inherited: heading": 0.9,
              "inherited: lead-in": 0.85, "inherited: addressees": 0.7, "none": 0.3}


def _task_reason(doers: list[dict], explicit) -> tuple[str, float]:
    why = next((d["_why"] for d in doers if d.get("_why")), None) if doers else "none"
    if why is None:
        why = "explicit: subject" if explicit else "inherited: lead-in"
    conf = CONFIDENCE.get(why, 0.6)
    if explicit == "context":
        conf -= 0.05  # the doer is named after a context sentence that joins the task
    return why, round(conf, 2)


_BARE_LEVEL = re.compile(r"(?P<pre>(?:Chủ tịch |Phó Chủ tịch )?(?:UBND|HĐND|Ủy ban MTTQ|Công an|Đảng ủy|Ban CHQS) )?"
                         rf"(?P<lvl>{LOCAL_LEVEL})")
_PLAIN_GROUP = re.compile(r"UBND các (xã|phường|huyện)")


def resolve_name(name: str, ctx: Context) -> str:
    """Complete bare level references from context: 'UBND xã' -> 'UBND xã Khuất Xá' when the notice concerns one xã."""
    m = _BARE_LEVEL.fullmatch(name)
    if m:
        lvl = m.group("lvl")
        place = ctx.single_unit.get(lvl)
        if place is None and ctx.issuer_level == lvl and ctx.issuer_place:
            place = ctx.issuer_place
        pre = m.group("pre") or "UBND "
        if place and ctx.issuer_level != lvl:
            return f"{pre}{lvl} {place}"
        return f"{pre}{lvl}"
    if ctx.addressees and name in _BARE_HEADS:
        # 'Giao Thi hành án dân sự chủ trì …' in a letter to 'Thi hành án dân sự tỉnh': the addressee, named short
        full = {a for a in (canonical(" ".join(x.split()).strip(" .;,")) for x in ctx.addressees)
                if a.startswith(name + " ") and _LEVEL_TAIL.fullmatch(a[len(name):])}
        if len(full) == 1:
            return full.pop()
    return name


_BARE_HEADS = frozenset(patterns.load("agencies")["bare_ok"])  # names that may stand without level or place
# what a name may lack of its addressee's: the level and place ('… tỉnh', '… tỉnh Lâm Đồng')
_LEVEL_TAIL = re.compile(r"\s+(?:tỉnh|thành phố|xã|phường)(?:\s+[%s]\w*){0,3}" % UPPER)


def group_members(name: str, ctx: Context) -> list[str]:
    m = _PLAIN_GROUP.fullmatch(name)
    if m and len(ctx.units.get(m.group(1), [])) >= 2:
        return [f"UBND {m.group(1)} {u}" for u in ctx.units[m.group(1)]]
    return []


def _admin_doer(text: str, pos: int, ctx: Context) -> tuple[list[dict], int] | None:
    """'xã Chi Lăng', 'các xã, phường', 'huyện' as a doer -> their People's Committee."""
    m = _ADMIN_DOER.match(text, pos)
    if not m:
        return None
    if m.group("grp"):
        g = m.group("grp")
        g = g[0].lower() + g[1:]
        name = "UBND " + g
        return [{"name": name, "role": "lead", **({"members": group_members(name, ctx)} if group_members(name, ctx) else {})}], m.end()
    lvl, place = m.group("lvl"), m.group("name")
    name = resolve_name(f"UBND {lvl} {place}" if place else f"UBND {lvl}", ctx)
    return [{"name": name, "role": "lead"}], m.end()


_GROUP_QUALIFIER = re.compile(patterns.load("agencies")["group_qualifier"]["pattern"])


_ADMIN_NAMED = re.compile(r"(?:[Cc]ác\s|(?:%s)\s+[%s])" % (LOCAL_LEVEL, UPPER))


_SUPPORT_MARK = patterns.phrase("support_mark")


def _org_doers(text: str, pos: int, ctx: Context, allow_admin: bool = True, bare_admin: bool = True,
               semicolons: bool = False) -> tuple[list[dict], int] | None:
    orgs, end = scan_org_list_ro(text, pos, allow_semicolon=semicolons)
    orgs = [o for o in orgs if o.agency]
    if orgs:
        doers = doers_of(orgs, ctx)
        # 'Giao Sở Tài chính (chủ trì) và Sở Xây dựng (phối hợp) …': a role written in brackets after a name
        helpers = {resolve_name(o.name, ctx) for o in orgs if _SUPPORT_MARK.match(text, o.end)}
        if helpers and len(helpers) < len(doers):
            doers = [{**d, "role": "support"} if d["name"] in helpers else d for d in doers]
        for o in orgs:
            # 'Hội Người mù huyện Cư Jút (trước sắp xếp)': the note says which body of the 2025 reorganisation is meant
            if (nm := _REORG_NOTE.match(text, o.end)) is not None:
                name = resolve_name(o.name, ctx)
                doers = [{**d, "name": f"{d['name']} {nm.group(1)}"} if d["name"] == name else d for d in doers]
                end = max(end, nm.end())
        q = _GROUP_QUALIFIER.match(text, end) if orgs[-1].kind == "group" else None
        if q and doers and doers[-1]["name"] == orgs[-1].name:
            # 'các tổ chức, cá nhân được cấp giấy phép … có trách nhiệm …': the restriction names the doer
            doers[-1] = {**doers[-1], "name": doers[-1]["name"] + " " + " ".join(q.group(0).split())}
            end = q.end()
        return doers, end
    if allow_admin:
        r = _admin_doer(text, pos, ctx)
        if r and not bare_admin and not _ADMIN_NAMED.match(text[pos:pos + 30]):
            return None  # a bare level word is a doer only after a cue (giao, yêu cầu, đề nghị)
        return r
    return None


@dataclass
class Change:
    pos: int  # where the clause starts
    doers: list[dict]
    kind: str  # cue | subject | doi_voi
    sentence_start: bool


# ('Riêng UBND các xã trọng điểm: … bố trí …': the subject after 'Riêng' opens the clause)
_CLAUSE_SEP = re.compile(r"(?:[.;:!?]|\)|,)\s+|(?:^|(?<=[.;:]\s))[Rr]iêng\s+(?=[%s]|các\s)" % UPPER)


def _clause_starts(text: str) -> tuple[list[int], list[int]]:
    """Positions where a clause may start, and where the separator before each begins (-1 before the text's start:
    a clause starts a sentence where that is '.', '!' or '?', see _changes)."""
    seps = list(_CLAUSE_SEP.finditer(text))
    if seps and seps[0].start() == 0:  # ('Riêng UBND các xã …': the clause starts after the word)
        return [m.end() for m in seps], [-1] + [m.start() for m in seps[1:]]
    return [0] + [m.end() for m in seps], [-1] + [m.start() for m in seps]




# a subject that receives rather than acts: '… xếp loại Tốt và xếp hạng Nhất, Nhì, Ba được đề xuất … tặng Bằng khen'
_ELIGIBLE = re.compile(r"[^;.:]{0,60}?\s(?:sẽ\s+)?được\s+(?:đề xuất|đề nghị|xét|xem xét|khen thưởng|tặng|công nhận|hưởng|"
                       r"ưu tiên|cấp|hỗ trợ)\s")
# 'UBND tỉnh nhận được Văn bản số …', 'Bộ Y tế có Công văn số 2211/BYT-DP về việc …': a fact, no order
_RECEIVED = re.compile(r"\s+(?:(?:đã\s+)?(?:nhận được|tiếp nhận)\s|(?:đã\s+)?(?:có|ban hành)\s+(?:[Cc]ông văn|[Vv]ăn bản|[Tt]ờ trình|"
                       r"[Bb]áo cáo|[Tt]hông báo|[Kk]ế hoạch|[Qq]uyết định|[Cc]ông điện|[Cc]hỉ thị)\s+số)")
_DIRECTS = re.compile(r"\s+chỉ đạo\b")
_SPEAKS = re.compile(r"\s+(?:%s)(?![\w])" % "|".join(map(re.escape, _TASK_WORDS["issuer_speech_verbs"]["words"])))
_WILL = re.compile(r"\s+sẽ\s")
_AGREE = re.compile(r"\s+thống nhất\b")


def _all_issuer(doers: list[dict], ctx: "Context") -> bool:
    """Are the doers just the issuing body ('Bộ Nông nghiệp và Môi trường trân trọng …' in its own letter)?"""
    if not ctx.issuer:
        return False
    me = fold(ctx.issuer)
    # ('Sở Công Thương Lào Cai thông báo …' in the letter of the Sở Công Thương: the issuer with its place)
    return all(fold(d["name"]) == me or (fold(d["name"]).startswith(me + " ") and d["name"][len(ctx.issuer) + 1:][:1].isupper())
               for d in doers)


def _is_issuer(name: str, ctx: "Context") -> bool:
    lvl = ctx.issuer_level or "tỉnh"
    return bool(re.fullmatch(rf"(?:(?:Chủ tịch|Phó Chủ tịch|Lãnh đạo) )?UBND {lvl}(?: .+)?", name))


_DESCRIBES = re.compile(r"theo (?:hướng|nguyên tắc|phương án|tinh thần)\s*:\s*")
_SENTENCE_END = re.compile(r"\.(?:\s|$)")
# 'do <body> <verb>': the body that does what the clause names (a passive agent)
_DONE_BY = re.compile(r"(?<![\w])do\s+(?=[%s])" % UPPER)
_FIND_DONE_BY = patterns.StartSearch(_DONE_BY)
_DONE_VERB = re.compile(r"\s+(?:phân công|bố trí|thực hiện|đảm nhận|đảm nhiệm|chủ trì|cung cấp|tổ chức|chịu trách nhiệm)(?![\w])")
# a clause whose subject is a document other than this one ('Nghị định số 06/2022/NĐ-CP … giao Bộ Tài chính …')
_DOCUMENT_SUBJECT = re.compile(r"\s*(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Kết luận|Thông báo|Kế hoạch|"
                               r"Chương trình|Đề án|Công văn|Văn bản)\s+(?!này(?![\w]))[^,;:]*$")
_LABEL_COMMA = re.compile(r",\s*(?:căn cứ|lãnh đạo|chỉ đạo|chủ trì|chủ động|khẩn trương|tập trung|tăng cường|có trách nhiệm)[\s,]")
_LABEL_COLON = re.compile(r"\s*:\s*\S")
_AMOUNT_LABEL = patterns.phrase("amount_label")
# verbs whose object is a list of bodies: a comma after them continues the list, within the clause
_LIST_CUE = re.compile(r"(?<![\w])(?:[Pp]hối hợp(?: chặt chẽ)?(?:\s+(?:với|cùng))?|đồng gửi|gửi|báo cáo|"
                       r"giao nhiệm vụ(?: cho)?|hướng dẫn|đôn đốc|mời|chỉ đạo)\s")
_FIND_LIST_CUE = patterns.StartSearch(_LIST_CUE)
_CLAUSE_END = re.compile(r"[;:]|\.(?!\d)")  # (a point between digits is a number: "mục 2.2, 2.5", "1.500 hộ")
_GIAO_OBJECT = re.compile(r"(?:chỉ tiêu|nhiệm vụ|kế hoạch|vốn|dự toán|đất|biên chế)")
_GIAO_DUTY = re.compile(rf"(?:trách nhiệm|nhiệm vụ)\s+(?:cho\s+)?(?=[{UPPER}]|các\s)")
_DOI_VOI_AT = re.compile(r"[Đđ]ối với\s+")
_COLON_OR_COMMA = re.compile(r"\s*[,:]")
_LOWER_NEXT = re.compile(rf"\s+[{LOWER}]")
_PREP_NEXT = re.compile(r"\s+(?:trên|theo|trong)\s")
_AND_NEXT = re.compile(r"\s*(?:và|hoặc)\b")
_DOER_START = _ADMIN_NAMED  # (the same start: a group, or a local unit by level and name)
_CUE_PREFIX = re.compile(r"(?:\s*[Vv]ề [^:]+:\s*|\s*" + _ADVERBIAL.pattern + r")")


_AUTHORITY = {"cấp có thẩm quyền", "cơ quan có thẩm quyền", "các cơ quan có thẩm quyền"}
_POST_COLON = re.compile(r"(?:Giám đốc|Thủ trưởng|Chủ tịch|Lãnh đạo|Trưởng)(?: các)?\s*:\s*")
_COMMA_DOER_WORDS = ("các ", "Các ", "đồng thời", "trong đó", "trước mắt", "do đó", "riêng ", "ngoài ra", "là việc",
                     "xã ", "phường ", "huyện ", "thị xã ", "thị trấn ", "đối với ", "lãnh đạo ", "đại diện ", "cơ quan",
                     "cấp có", "với tinh thần", "thủ trưởng ", "giám đốc ", "chủ tịch ", "người đứng đầu ")


def _after_comma_doer(text: str, p: int) -> bool:
    """Can a doer start right after this comma? (Upper case, a group word or an adverbial first.)"""
    c = text[p:p + 1]
    return c.isupper() or text.startswith(_COMMA_DOER_WORDS, p)


_LIST_SEP = re.compile(r"\s*(?:;|,)?\s*(?:và\s+)?")


_HONORIFIC_YOU = patterns.phrase("honorific_you")


def _with_addressees(text: str, pos: int, r, ctx: Context):
    """A cue's doer list that repeats the letter's addressees word for word takes those that are no agency name
    ('đề nghị …; Hiệp hội Doanh nghiệp tỉnh; Chủ dự án/cơ sở phải thực hiện kiểm kê khí nhà kính và các tổ chức …')."""
    lines = [" ".join(a.split()).strip(" .;,") for a in ctx.addressees]
    lines = [a for a in lines if len(a.split()) >= 2]
    if not lines:
        return r
    doers, end = (list(r[0]), r[1]) if r else ([], pos)
    names = {d["name"] for d in doers}
    while True:
        sm = _LIST_SEP.match(text, end) if doers else None
        q = sm.end() if sm else end
        hit = next((a for a in lines if text.startswith(a, q) and a not in names), None)
        if hit is None:
            break
        doers.append({"name": hit, "role": "lead", "_why": doers[0].get("_why") if doers else None})
        names.add(hit)
        end = q + len(hit)
        sm = _LIST_SEP.match(text, end)
        more = _org_doers(text, sm.end(), ctx, semicolons=True) if sm and sm.end() > end else None
        if more:
            doers += [d for d in more[0] if d["name"] not in names]
            names |= {d["name"] for d in more[0]}
            end = more[1]
    return (doers, end) if doers else r


def _changes(text: str, ctx: Context, protected: list[tuple[int, int]]) -> list[Change]:
    out: list[Change] = []
    start_positions, sep_at = _clause_starts(text)
    spans_cache: dict[int, bool] = {}

    def in_org_list(p: int) -> bool:
        """Is ``p`` inside an organisation list that starts before it ('các xã, phường')?"""
        if p not in spans_cache:
            hit = False
            for m in ORG_START.finditer(text, max(0, p - 90), p):
                if org_list_end(text, m.start()) > p:
                    hit = True
                    break
            spans_cache[p] = hit
        return spans_cache[p]

    list_cues: list[int] | None = None  # read when first needed

    def in_cued_list(p: int) -> bool:
        """'phối hợp với A, B, C …' / 'gửi A, B': a comma after such a cue continues its list, within the clause."""
        nonlocal list_cues
        if list_cues is None:
            list_cues = [m.end() for m in _FIND_LIST_CUE.finditer(text)]
        k = bisect_left(list_cues, p)  # the last cue before p (cues in text order)
        return k > 0 and not _CLAUSE_END.search(text, list_cues[k - 1], p)

    framing = _FRAMING.match(text)  # 'Trên cơ sở Nghị quyết … của HĐND tỉnh, Sở Tài chính …': the clause starts after it

    def inside(p: int, cue: bool = False) -> bool:
        if any(a <= p < b for a, b in protected):
            return True
        if framing is not None and p == framing.end():
            return False
        return p > 0 and text[p - 2:p - 1] == "," and (in_org_list(p) or (not cue and in_cued_list(p)))

    cue_lists: list[tuple[int, int]] = []  # the doer lists after cues: no new clause starts inside them
    for m in (_FIND_CUE.finditer(text) if _has_cue_word(text) else ()):
        if _cue_blocked(text, m) or inside(m.start(), cue=True):
            continue
        at = m.end()
        if m.group("cue").lower() == "giao" and (gd := _GIAO_DUTY.match(text, at)):
            at = gd.end()  # 'Giao trách nhiệm (cho) Sở Y tế chủ trì …': the body given the duty
        elif m.group("cue").lower() == "giao" and _GIAO_OBJECT.match(text, at):
            continue
        pc = _POST_COLON.match(text, at)  # 'Giao Giám đốc: Sở A, Sở B, Đài C phối hợp …' — the posts of the bodies listed
        r = _org_doers(text, pc.end() if pc else at, ctx, semicolons=True)  # ('đề nghị Ủy ban MTTQ tỉnh; các sở, ban, ngành; …')
        if ctx.addressees:
            r = _with_addressees(text, pc.end() if pc else at, r, ctx)
            if not r and (qm := _HONORIFIC_YOU.match(text, m.end())):
                # 'đề nghị quý cơ quan sớm có ý kiến …': the letter's addressees, named politely
                r = (_why(_addressee_doers(ctx), "inherited: addressees"), qm.end()) if _addressee_doers(ctx) else None
        if not r:
            continue
        doers, cue_end = r
        cue_lists.append((m.end(), cue_end))
        # clause start: back to the previous boundary (starts are in text order)
        k = bisect_right(start_positions, m.start())
        cs = start_positions[k - 1] if k else 0
        if _DOCUMENT_SUBJECT.match(text, cs, m.start()):
            continue  # 'Luật … và Nghị định số 06/2022/NĐ-CP … giao Bộ Tài chính chủ trì …': what a document assigns
        before = text[:m.start()].rstrip()
        sentence = before.endswith((".", "!", "?")) or not before
        lead = text[cs:m.start()]
        doers = _why(doers, "explicit: " + m.group("cue").lower())
        out.append(Change(m.start() if cs < m.start() and lead.strip() and not _CUE_PREFIX.fullmatch(lead) else cs, doers, "cue", sentence))
    cue_pos = {c.pos for c in out}
    # 'inside a cue list' asked at each clause start in one bisection: the lists by start, the farthest end so far
    cue_lists.sort()
    list_starts = [a for a, _ in cue_lists]
    reach: list[int] = []
    for _, b in cue_lists:
        reach.append(max(b, reach[-1]) if reach else b)

    def in_cue_list(cs: int) -> bool:  # any(a < cs < b for a, b in cue_lists)
        k = bisect_left(list_starts, cs)
        return k > 0 and reach[k - 1] > cs

    listed_until = 0  # end of a doer list that opens the paragraph (its ';' do not start clauses)
    # (no clause start needs the pattern tried when the text holds none of its words)
    duty_subject = patterns.may_match(text, _DUTY_SUBJECT_WORDS, bool(_DUTY_SUBJECT.flags & re.I))
    duty_until = -1  # end of the last 'X chịu trách nhiệm' read (the clause starts after X's commas are inside it)
    for k, cs in enumerate(start_positions):
        if cs < listed_until:
            continue
        if cs and text[cs - 2:cs - 1] == "," and not _after_comma_doer(text, cs):
            continue  # most commas just go on with the clause
        if in_cue_list(cs):
            continue
        sent = k == 0 or text[sep_at[k]] in ".!?"
        pos = cs
        if pos == 0:
            tm = _TOPIC.match(text, pos)
            if tm:
                pos = tm.end()
        am = _ADVERBIAL.match(text, pos)
        if am:
            pos = am.end()
        if pos == 0 and (pl := _PERSON_LABEL.match(text)):
            o = Org(pl.group("who"), pl.start("who"), pl.end("who"), kind="person_post")
            out.append(Change(cs, _why([_doer(o, ctx)], "explicit: label"), "subject", sent))
            continue
        if pos == 0 and (pl := _POST_LABEL.match(text)):
            o = Org(canonical(pl.group("who")), pl.start("who"), pl.end("who"), kind="person_post")
            out.append(Change(cs, _why([_doer(o, ctx)], "explicit: label"), "subject", sent))
            continue
        dv = _DOI_VOI_AT.match(text, pos)
        if not dv and duty_subject and (ds := _DUTY_SUBJECT.match(text, pos)) and ds.end() > duty_until and not inside(cs) \
                and not scan_org_list_ro(text, pos)[0]:
            # 'Tập thể lãnh đạo cấp ủy, chính quyền và người đứng đầu cơ quan, địa phương chịu trách nhiệm …': the
            # persons or roles named before the duty lead it (one clause start per duty: not again after its commas)
            duty_until = ds.end()
            who = [w for w in re.split(r"\s+và\s+(?=[%s])" % LOWER, ds.group("who")) if w.strip()]
            # ('Người đứng đầu trực tiếp chỉ đạo và chịu trách nhiệm …': the role, not the duty read into it)
            who = list(dict.fromkeys(w[:m.start()] if (m := _WHO_DUTY.search(w)) else w for w in who))
            out.append(Change(cs, _why([{"name": w, "role": "lead", "generic": True} for w in who], "explicit: subject"), "subject", sent))
            continue
        if not dv and not (ORG_START.match(text, pos) or _DOER_START.match(text, pos)):
            continue  # cheap test first: nothing here can name a doer
        if inside(cs):
            continue
        if dv:
            r = _org_doers(text, dv.end(), ctx)
            if r:
                doers, e = r
                if _COLON_OR_COMMA.match(text, e):
                    out.append(Change(cs, _why(doers, "explicit: đối với"), "doi_voi", sent))
            continue
        if cs in cue_pos:
            continue
        # a paragraph may open with doers listed with semicolons ('Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã …')
        # (… or after a label's colon: 'Tổ chức đánh giá công tác PCTN: Thủ trưởng các sở …; Chủ tịch UBND các huyện …')
        opens = pos == 0 or text[:pos].rstrip().endswith(":")
        r = _org_doers(text, pos, ctx, bare_admin=False, semicolons=opens)
        if not r:
            continue
        doers, e = r
        if opens:
            listed_until = e
        if pos == 0 and _AMOUNT_LABEL.match(text, e):
            continue  # '+ Bộ Công Thương: 760.000 USD;' (a share of a budget, not a duty)
        if pos == 0 and _LABEL_COLON.match(text, e):  # 'Sở Xây dựng: Tiếp tục duy trì …'
            out.append(Change(cs, _why(doers, "explicit: label"), "subject", sent))
            continue
        if pos == 0 and _LABEL_COMMA.match(text, e):  # 'Ủy ban nhân dân tỉnh, chỉ đạo các cơ quan, đơn vị có liên quan:'
            out.append(Change(cs, _why(doers, "explicit: label"), "subject", sent))
            continue
        if _LEAD_MARK.search(text, pos, e + 12):  # 'Sở Tài chính (chủ trì), Sở Xây dựng (phối hợp) rà soát …'
            out.append(Change(cs, _why(doers, "explicit: chủ trì"), "subject", sent))
            continue
        nm = _NAME_NOTE.match(text, e) or _SUBJECT_NOTE.match(text, e)
        if nm is not None or _REORG_NOTE_END.search(text, max(0, e - 40), e):
            e = nm.end() if nm is not None else e  # 'Liên đoàn Bóng bàn tỉnh Bình Thuận (trước sắp xếp) có trách nhiệm …'
            if len(doers) == 1 and (om := _OWNER.match(text, e)) and (r2 := _org_doers(text, om.end(), ctx, allow_admin=False)) \
                    and len(r2[0]) == 1 and _OWN_DUTY.match(text, r2[1]):
                # '…; Ủy ban nhân dân cấp xã (sau sắp xếp) của Ủy ban nhân dân thị xã La Gi chịu trách nhiệm chi trả …': the
                # renamed units of the body named after 'của' (a clause with its own subject and duty gives its own lead)
                doers = [{**doers[0], "name": canonical(text[pos:r2[1]])}]
                e = r2[1]
        if not _LOWER_NEXT.match(text, e):
            continue
        if (sent and (_WILL.match(text, e) or _all_issuer(doers, ctx))) or _RECEIVED.match(text, e) or _ELIGIBLE.match(text, e):
            # 'Sở X sẽ tổng hợp …': what a body will do, not an order; '… các cơ quan, đơn vị xếp loại Tốt … được đề xuất
            # Chủ tịch UBND tỉnh tặng Bằng khen': what a body may receive
            out.append(Change(cs, [], "statement", sent))
            continue
        if _all_issuer(doers, ctx):
            continue  # 'Để …, Bộ X kính đề nghị UBND các tỉnh …': the issuer speaks, the cue names the doers
        if all(d["name"] in _AUTHORITY for d in doers):
            continue  # '… xác định rõ loại văn bản, cấp có thẩm quyền ban hành …': who decides, not a doer addressed
        if _SUBJECT_VERB_BLOCK.match(text, e) and not (sent and _PREP_NEXT.match(text, e)) \
                and not (len(doers) > 1 and _AGREE.match(text, e)) and not _DUTY_ROLE.match(text, e):
            continue  # ('Bộ A, Bộ B thống nhất …': joint leads agree on something)
        if _DIRECTS.match(text, e) and all(_is_issuer(d["name"], ctx) for d in doers):
            continue  # 'UBND tỉnh chỉ đạo …' is the one giving the order
        if _SPEAKS.match(text, e) and all(_is_issuer(d["name"], ctx) for d in doers):
            out.append(Change(cs, [], "statement", sent))  # 'Chủ tịch UBND tỉnh lưu ý: …': the leader speaks
            continue
        if cs > 0 and text[cs - 2:cs].strip() == "," and _AND_NEXT.match(text, e):
            continue
        out.append(Change(cs, _why(doers, "explicit: subject"), "subject", sent))
    if "do " in text:
        taken = {c.pos for c in out}
        for m in _FIND_DONE_BY.finditer(text):
            # 'Nhiệm vụ cụ thể của các thành viên do Trưởng đoàn phân công.', 'Xe ô tô … do Văn phòng Sở bố trí.':
            # the body after 'do' does what the clause names
            r = _org_doers(text, m.end(), ctx, allow_admin=False)
            if not r or not _DONE_VERB.match(text, r[1]) or inside(m.start()):
                continue
            k = bisect_right(start_positions, m.start())
            cs = start_positions[k - 1] if k else 0
            if cs not in taken:
                taken.add(cs)
                out.append(Change(cs, _why(r[0], "explicit: do"), "subject", cs == 0 or text[:cs].rstrip().endswith((".", "!", "?"))))
    out.sort(key=lambda c: c.pos)
    # drop duplicates at the same position (cue wins)
    dedup: list[Change] = []
    for c in out:
        if dedup and dedup[-1].pos == c.pos:
            continue
        dedup.append(c)
    return dedup


def _base(name: str) -> str:
    return re.sub(r"^(?:thủ trưởng|chủ tịch|giám đốc|lãnh đạo)\s+", "", fold(name))


def _passes_on(c: "Change", text: str) -> bool:
    """Under a doer heading ('2. Sở Nông nghiệp và Môi trường'), '- Yêu cầu các đơn vị hoạt động khai thác … lắp đặt …'
    is the heading's body requiring units it oversees: a group named by what it does, not a new doer of the issuer."""
    if c.kind != "cue" or not c.doers:
        return False
    before = text[_clause_start(text, c.pos):c.pos]
    if not _ADVERBIAL.fullmatch(before) and before.strip():
        return False  # 'Ủy ban nhân dân tỉnh yêu cầu …': the issuer speaks
    return all(d.get("generic") and d.get("_why") in ("explicit: yêu cầu", "explicit: đề nghị") for d in c.doers)


_HANDS_ON_DUTY = re.compile(r"giao nhiệm vụ\s")
_DIRECTS_OPENING = re.compile(r"(?:[-–+•]\s*)?(?:[Cc]hỉ đạo|[Đđ]ôn đốc|[Hh]ướng dẫn)\s")


def _directed(c: "Change", text: str) -> bool:
    """Under a doer heading ('3. Ủy ban nhân dân các xã, phường'), '- Chỉ đạo trạm y tế, các đoàn thể chính trị - xã hội
    tổ chức ra quân …': the bodies the heading's body directs, listed after its verb, not a new doer of the clause."""
    if c.kind != "subject" or c.pos == 0 or not text[:c.pos].rstrip().endswith(","):
        return False
    return bool(_DIRECTS_OPENING.match(text, _clause_start(text, c.pos), c.pos))


# a party body ('Ban cán sự đảng UBND tỉnh', 'Đảng ủy các xã'), whose verb 'lãnh đạo' reads like a post
_PARTY_DOER = re.compile(r"(?:Ban cán sự đảng|Đảng đoàn|Đảng ủy|Tỉnh ủy|Thành ủy|Huyện ủy|Ban Thường vụ|Ban Chấp hành|Chi bộ|"
                         r"(?:các )?[Cc]ấp ủy)(?![\w])")
_LEADS_VERB = re.compile(r"Lãnh đạo(?:,\s*chỉ đạo)?\s")


def _party_leads(c: "Change", text: str, inherited: list[dict]) -> bool:
    """Under a party body's heading ('3.1. Ban cán sự đảng UBND tỉnh'), '- Lãnh đạo UBND tỉnh rà soát …': the party body
    leads the state body (a verb), not the state body's leaders as a new doer."""
    return c.kind == "subject" and c.pos == 0 and bool(inherited) and _LEADS_VERB.match(text) is not None \
        and all(_PARTY_DOER.match(d["name"]) for d in inherited)


def _clause_start(text: str, pos: int) -> int:
    """Where the sentence or the ';' clause that ``pos`` is in begins."""
    k = max(text.rfind(". ", 0, pos), text.rfind("; ", 0, pos))
    return k + 2 if k >= 0 else 0


def _post_of(a: list[dict], b: list[dict]) -> bool:
    """Does ``a`` name the head of the bodies ``b`` ('Chủ tịch UBND các xã, phường' under '9. UBND các xã, phường')?
    The head answers in person: the bullet's own subject, not the heading's bodies."""
    def bodies(ds):
        return sorted(fold(_HEAD_POST.sub("", x["name"])) for x in ds)
    return bodies(a) == bodies(b) and bodies(a) != sorted(fold(x["name"]) for x in a)


_BARE_LOCAL = re.compile(r"UBND (xã|phường|đặc khu)")
_FULL_LOCAL = re.compile(rf"(?:UBND|Ủy ban nhân dân) (xã|phường|đặc khu) ({CAP_WORD}(?:\s+{CAP_WORD})*)")


def _named_before(c: "Change", text: str) -> "Change":
    """A change whose doer is a bare 'UBND xã' after the item named one commune's committee in full takes that name."""
    if c.pos == 0 or not c.doers or not all(_BARE_LOCAL.fullmatch(d["name"]) for d in c.doers):
        return c
    full = {(m.group(1), m.group(2)) for m in _FULL_LOCAL.finditer(text, 0, c.pos)}
    if len(full) != 1:
        return c
    lvl, name = next(iter(full))
    if any(_BARE_LOCAL.fullmatch(d["name"]).group(1) != lvl for d in c.doers):
        return c
    return replace(c, doers=[{**d, "name": f"UBND {lvl} {name}"} for d in c.doers])


_WHO_DUTY = re.compile(r"\s+(?=(?:trực tiếp|chỉ đạo|chủ động|phải)(?![\w]))")
_HEADS_ONLY = re.compile(r"(?i:người đứng đầu|thủ trưởng)(?: (?:các )?(?:cơ quan|đơn vị|địa phương)(?:, (?:cơ quan|đơn vị|địa phương))*)?")
_HEAD_POST = re.compile(r"^(?:Phó\s+)?(?:Chủ tịch|Thủ trưởng|Giám đốc|Lãnh đạo|Người đứng đầu|Trưởng|Tổ trưởng|Bí thư)\s+", re.I)


def _same(a: list[dict], b: list[dict]) -> bool:
    return sorted(_base(x["name"]) for x in a) == sorted(_base(x["name"]) for x in b)


_NAMES_DUTY = re.compile(IMPERATIVE.pattern.replace("(?:", "(?<![\\w])(?:", 1), re.I)
_STATEMENT = re.compile(r"^(?!(?:[Pp]hải|[Cc]ần|[Tt]iếp tục|[Xx]ác định|[Cc]oi)\s)[^,;:.]{3,100}?\s(?:là|được coi là|được xác định là)\s(?!để\s)")
_FRAMING = re.compile(r"^(?:Căn cứ|Trên cơ sở|Theo|Thực hiện|Để|Nhằm)\b[^,;:]{0,160},\s*")
_COMMA = re.compile(r",\s*")
_DUTY = re.compile(r"chủ trì|có trách nhiệm|chịu trách nhiệm|khẩn trương|cần |phải |phấn đấu", re.I)


def _has_cue_word(t: str) -> bool:
    return any(tail in t for tail in _CUE_TAILS)


def _has_cue(t: str) -> bool:
    """'giao / yêu cầu / đề nghị' followed by a doer, not 'được giao', 'đáp ứng yêu cầu', 'theo đề nghị'."""
    for m in _FIND_CUE.finditer(t):
        if _cue_blocked(t, m):
            continue
        pc = _POST_COLON.match(t, m.end())
        q = pc.end() if pc else m.end()
        orgs, _ = scan_org_list_ro(t, q)
        if orgs or _ADMIN_DOER.match(t, q) or _HONORIFIC_YOU.match(t, q):
            return True
    return False


# the issuer recalls a document it sent before ('UBND tỉnh đã có Văn bản số …', 'Chủ tịch UBND tỉnh đã ban hành Công văn …')
_RECALLS = re.compile(r"(?:UBND|Ủy ban nhân dân|Chủ tịch|Văn phòng)[^,.;]{0,40}\sđã\s+(?:có|ban hành|gửi)\s+"
                      r"(?:[Vv]ăn bản|[Cc]ông văn|[Tt]hông báo|[Qq]uyết định|[Kk]ế hoạch|[Cc]ông điện)\b")
_DELEGATION_ACT = re.compile(r"(?:Chủ tịch|UBND|Ủy ban nhân dân)[^,.;]{0,40}\s(?:ủy|uỷ) quyền\s+(?:cho\s+)?(?:đồng chí|ông|bà)\s")


# a request reported, not made: 'UBND tỉnh nhận được Công văn số 847 … đề nghị …', 'Xét đề nghị của …'
_REPORTED = re.compile(r"nhận được|(?:[Tt]ại|có) (?:văn bản|[Cc]ông văn|[Tt]ờ trình|[Bb]áo cáo)|[Tt]heo đề nghị|[Xx]ét đề nghị|[Vv]ề đề nghị")


_GROUND_LINE = re.compile(r"^\W*(?:Căn cứ|Xét|Theo)\b")


def gives_directive(text: str, issuer: str | None = None) -> bool:
    """Does an opening paragraph already order something ('Nhân dịp …. UBND thành phố đề nghị các sở, ban, ngành …
    treo cờ …', '… Bộ X đề nghị HĐND, UBND các tỉnh thực hiện các nhiệm vụ sau:')? Then it is body, not only intro."""
    if text.rstrip().endswith(":") and len(text) < 200 and not _GROUND_LINE.match(text) and _parse_doer_heading(text):
        return True  # a doer label over the items ('Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:')
    if not _has_cue_word(text):
        return False
    ground = _GROUND_LINE.match(text) is not None
    for m in _FIND_CUE.finditer(text):
        if text.count("“", 0, m.start()) > text.count("”", 0, m.start()):
            continue  # inside a quotation of another document
        given = _gives(text, m.start()) or _issuer_gives(text, m.start(), issuer)
        if _cue_blocked(text, m) or ground and not given:
            continue  # ('Xét đề nghị …, UBND tỉnh giao Ban Quản lý dự án …:' orders; 'Căn cứ …' alone only grounds)
        cut = max(text.rfind(". ", 0, m.start()), text.rfind("; ", 0, m.start()))
        if _REPORTED.search(text, cut + 1, m.start()) and not given:
            continue
        orgs, _ = scan_org_list_ro(text, m.end(), allow_semicolon=True)
        if orgs and issuer and all(_names_issuer(o.name, issuer) for o in orgs):
            continue  # 'Sở Tài chính đề nghị UBND tỉnh cho phép …': a request made to the issuer, told as background
        if orgs or _ADMIN_DOER.match(text, m.end()):
            return True
    return False


def _issuer_gives(text: str, at: int, issuer: str | None) -> bool:
    """Is the cue at ``at`` given by the issuer named as the subject of its clause ('Căn cứ tình hình sau cơn bão, để
    bảo đảm an toàn cho học sinh, Sở Giáo dục và Đào tạo đề nghị …')?

    >>> _issuer_gives("Căn cứ tình hình sau bão, Sở Giáo dục và Đào tạo đề nghị", 48, "Sở Giáo dục và Đào tạo tỉnh X")
    True
    """
    if not issuer:
        return False
    cut = max(text.rfind(", ", max(0, at - 120), at), text.rfind("; ", max(0, at - 120), at))
    if cut < 0:
        return False
    o = scan_org(text, cut + 2)
    return o is not None and not text[o.end:at].strip() and _names_issuer(o.name, issuer)


def _names_issuer(name: str, issuer: str) -> bool:
    """'UBND tỉnh', 'Chủ tịch UBND tỉnh' in the letter of 'UBND tỉnh Lào Cai'; the issuer's own name."""
    n, me = fold(name), fold(issuer)
    n = re.sub(r"^(?:pho )?(?:chu tich|giam doc|bo truong|thu truong|lanh dao) ", "", n)
    return n == me or (me.startswith(n + " ") and len(n.split()) >= 2)


_FOR_LEAD = re.compile(r"^(?:Đối với [^:]{0,160}:\s*)")


@lru_cache(maxsize=8192)
def is_directive(text: str) -> bool:
    """Does the text order something? Memoised: the answer depends on the text alone (a fifth of the calls repeat
    one: a segment is asked about again as a piece, a lead-in as a heading)."""
    t = text.strip()
    t = _TOPIC.sub("", t, count=1) if _TOPIC.match(t) else t
    t = _FOR_LEAD.sub("", t)
    if _FRAMING.match(t):  # 'Căn cứ chức năng, nhiệm vụ được giao, chủ động giải quyết …'
        for cm in list(_COMMA.finditer(t, 0, 240))[:3]:
            if IMPERATIVE.match(t, cm.end()):
                return True
            orgs, e = scan_org_list_ro(t, cm.end())  # 'Trên cơ sở Nghị quyết số …, Sở Tài chính tham mưu …'
            if orgs and _LOWER_NEXT.match(t, e) and not _SUBJECT_VERB_BLOCK.match(t, e):
                return True
    if NON_DIRECTIVE_START.match(t):
        return False
    if _RECALLS.search(t, 0, 300) and not _has_cue(t):
        return False  # '…, UBND tỉnh đã có Văn bản số 256/UBND-TD … chuyển Sở Tài chính chủ trì …': what was asked before
    if "quyền" in t and _DELEGATION_ACT.search(t, 0, 240) and not _has_cue(t[:300]):
        return False  # 'Chủ tịch UBND tỉnh ủy quyền đồng chí X, Phó Chủ tịch … thực hiện …': a delegation, no order
    if _STATEMENT.match(t) and not _has_cue(t[:300]) and not _DUTY.search(t, 0, 300):
        return False  # 'Phát triển các cụm công nghiệp là nhiệm vụ quan trọng.': a statement, not an order
    if IMPERATIVE.match(t):
        return True
    orgs, e = scan_org_list_ro(t, 0)
    if orgs and _LOWER_NEXT.match(t, e) and not _SUBJECT_VERB_BLOCK.match(t, e):
        return True  # 'Chủ tịch UBND các xã chỉ đạo các phòng …': a body and what it must do
    if _has_cue(t[:300]):
        return True
    if _DUTY.search(t, 0, 300):
        return True
    if _PAST.match(t):
        return False
    return False


def supports_in(text: str, ctx: Context) -> list[dict]:
    """The bodies a duty's own words name as supporting it ('Chủ trì, phối hợp với các sở, ngành rà soát …'), in
    order, each once (for a task table's row, whose doer columns name its lead alone)."""
    return list({d["name"]: d for _, d in _support(text, ctx) if d is not None}.values())


def _support(text: str, ctx: Context) -> list[tuple[tuple[int, int], dict]]:
    """Supporting bodies ('phối hợp với X, Y'; 'X chủ trì, Y phối hợp …'): [((start, end), doer)] in order."""
    out = []
    if "hối hợp" not in text and "tham gia của" not in text and "hỗ trợ của" not in text and "chủ trì, cùng" not in text:
        return out
    for m in _FIND_LEAD_THEN.finditer(text):
        # 'Công an tỉnh chủ trì; Sở Tư pháp, Sở Nội vụ phối hợp xây dựng …': the bodies after the lead support it
        orgs, e = scan_org_list_ro(text, m.end())
        if orgs and all(o.agency for o in orgs) and (pm := _THEN_SUPPORT.match(text, e)):
            out.extend(((m.start(), pm.end()), {**_doer(o, ctx), "role": "support"}) for o in orgs)
    for m in _FIND_SUPPORT.finditer(text):
        orgs, e = scan_org_list_ro(text, m.end())  # the whole list, investors and businesses included ...
        if not orgs:
            continue
        for o in orgs:
            if o.agency:  # ... but only government bodies are assignees ('phối hợp với Sở Công Thương (Chi cục Quản lý
                # thị trường)': the unit in brackets supports too)
                out.extend(((m.start(), e), {**d, "role": "support"}) for d in doers_of([o], ctx))
        if not any(o.agency for o in orgs):
            out.append(((m.start(), e), None))
    return [x for x in out if x[1] is not None] + [x for x in out if x[1] is None]


# a lead named, then the bodies that support it, each with its role word ('X chủ trì, Y phối hợp thực hiện')
_LEAD_THEN = re.compile(r"(?<![\w])chủ trì\)?\s*[,;]\s*(?:và\s+)?")
_FIND_LEAD_THEN = patterns.StartSearch(_LEAD_THEN)
_THEN_SUPPORT = re.compile(r"\s*\(?phối hợp\)?(?![\w])")
# a note in brackets after a name that says which body it is ('(trước sắp xếp)', '(cũ)', '(sau đây gọi tắt là …)')
# a note of the 2025 reorganisation after a name ('(trước sắp xếp)', '(sau sáp nhập)')
REORG_NOTE_WORDS = r"(?:trước|sau) (?:sắp xếp|sáp nhập|hợp nhất)"
_REORG_NOTE = re.compile(r"\s*(\(%s\))" % REORG_NOTE_WORDS)
_REORG_NOTE_END = re.compile(r"\(%s\)\s*\Z" % REORG_NOTE_WORDS)
# a note in brackets that opens in lower case and says no role of lead or support
_ROLE_NOTE_OPEN = rf"\s*\((?!(?:cơ quan |đơn vị )?(?:chủ trì|phối hợp))(?=[{LOWER}])"
_NAME_NOTE = re.compile(r"\s*\(%s\)|\s*\((?:cũ|mới)\)" % REORG_NOTE_WORDS +
                        r"|\s*\((?:sau đây )?(?:gọi tắt là|viết tắt là)[^()]{1,60}\)"
                        # the role a body plays here: 'Ban Quản lý dự án … (chủ đầu tư)', 'Sở Xây dựng (cơ quan thường
                        # trực)' (not '(chủ trì)' / '(phối hợp)', which say lead or support)
                        rf"|{_ROLE_NOTE_OPEN}[^()\d;:]{{3,60}}\)")
# a note on the subject before its verb ('Tổ dân phố An Vũ, Tổ dân phố Nam Tiến (tỷ lệ thu mới đạt dưới 50%) khẩn
# trương hoàn thành …')
_SUBJECT_NOTE = re.compile(rf"{_ROLE_NOTE_OPEN}[^()]{{3,80}}\)(?=\s+[{LOWER}])")
_APPOSITION = re.compile(r"\s+là\s+(?:cơ quan|đơn vị|đầu mối)\s")  # '… là cơ quan thường trực / đầu mối …'
# the bodies of an article that holds every body's duties ('Trách nhiệm của các cơ quan, đơn vị'): no one in particular
_UMBRELLA = re.compile(r"các (?:cơ quan|đơn vị)(?:(?:,| và) (?:cơ quan|đơn vị|địa phương|tổ chức))*(?: (?:có )?liên quan)?")
_TRAILING_NAME_NOTE = re.compile(rf"(?:{_NAME_NOTE.pattern}"
                                 # (a heading's longer note: '(cơ quan thường trực Ban Chỉ đạo các Chương trình lâm nghiệp tỉnh)')
                                 rf"|\s*\((?!(?:cơ quan |đơn vị )?(?:chủ trì|phối hợp)\))(?=[{LOWER}])[^()]{{3,160}}\))\s*$")
_LEAD_MARK = re.compile(r"\s*\((?:cơ quan |đơn vị )?chủ trì\)")


_PURPOSE_FRAME = re.compile(r"(?:Để|Nhằm)\s")


# an order the doer passes on inside its own clause ('… rà soát, yêu cầu các tổ chức, doanh nghiệp … cung cấp thông tin
# … gửi Bộ Tài nguyên và Môi trường'): what follows in the clause is theirs to send
_PASSED_ON = re.compile(r"(?<=, )(?:yêu cầu|đề nghị)\s+(?=các\s|[%s])" % UPPER)


def _passed_on(text: str, at: int, framing: re.Match | None) -> bool:
    """Does an order passed on to other bodies stand between the clause's start and ``at``? (Not the task's own
    order after its ``framing``, ``_FRAMING.match(text)``: 'Căn cứ …, yêu cầu các sở … gửi Sở Tài chính' is the
    issuer's.)"""
    for c in _PASSED_ON.finditer(text, max(0, at - 400), at):
        if framing is not None and c.start() == framing.end():
            continue
        if not _CLAUSE_END.search(text, c.end(), at) and scan_org_list_ro(text, c.end())[0]:
            return True
    return False


def _report_to(text: str, ctx: Context) -> list[tuple[tuple[int, int], str]]:
    """Whom to report to ('báo cáo UBND tỉnh', 'gửi Sở Nội vụ'): [((start, end), name)] in order."""
    out = []
    if not any(w in text for w in _REPORT_WORDS):
        return out
    framing = _FRAMING.match(text)
    for m in _FIND_REPORT.finditer(text):
        if m.group("v").startswith("gửi") and _passed_on(text, m.start(), framing):
            continue  # the bodies the doer orders send it, not the doer
        if m.group("v")[0].isupper() and m.group("v").startswith("Báo cáo") and (
                m.start() > 0 and not text[:m.start()].rstrip().endswith((".", ";", "!", "?"))
                or not ORG_START.match(text, m.end())):
            continue  # ('Báo cáo số …', a heading); an item or a sentence that opens 'Báo cáo Thủ tướng Chính phủ …'
            # ('… theo đúng quy định. Báo cáo UBND tỉnh kết quả trước ngày 25/3/2023') reports to it
        if framing is not None and m.start() < framing.end():
            if _PURPOSE_FRAME.match(text):
                continue  # 'Để … trước khi tham mưu UBND tỉnh gửi Bộ Công Thương, Sở X đề nghị …': the purpose, not the task
            # ('Theo …, gửi Bộ X, Sở Y …': the list ends with the framing clause)
            r = _org_doers(text[:framing.end()].rstrip(", "), m.end(), ctx, allow_admin=True)
        else:
            r = _org_doers(text, m.end(), ctx, allow_admin=True)
        if not r:
            continue
        doers, e = r
        names = [d["name"] for d in doers]
        if m.group("v") == "đề xuất" and (any(n in ("cấp có thẩm quyền", "cơ quan có thẩm quyền") for n in names)
                                         or _ADVISE_BEFORE.search(text, max(0, m.start() - 12), m.start())
                                         or text.startswith(" xem xét", e)):
            # ('… để đề xuất UBND tỉnh xem xét': a proposal for a decision, not a report line)
            continue
        if m.group("v").startswith("gửi") and _SENT_THING.match(text, m.end()):
            continue
        if m.group("v").startswith("gửi") and _sent_by(text, m.start()):
            continue  # 'Công văn số 597/HC-QLHC … của Cục Hóa chất gửi Sở Công Thương tỉnh X': a document's address
        if m.group("v").startswith("gửi") and _LETTER_BEFORE.search(text, max(0, m.start() - 30), m.start()) \
                and _ASKS_AFTER.match(text, e):
            continue  # 'Có văn bản gửi Bộ Xây dựng đề nghị hướng dẫn …': a request written to it, not a report line
        if _not_agencies(text, m.end()):
            continue  # ('gửi thông tin đến các doanh nghiệp', 'gửi các nhà đầu tư': no report line to a business)
        if _WHEN_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # '… vốn của tổ chức, cá nhân khi tham mưu trình cấp có thẩm quyền chấp thuận …': when, not to whom
        if any(not _CLAUSE_END.search(text, sp[1], m.start()) and _NEXT_STEP.fullmatch(text, sp[1], m.start())
               for sp, _ in out) or (_PURPOSE_BEFORE.search(text, max(0, m.start() - 60), m.start()) and any(
                not _CLAUSE_END.search(text, sp[1], m.start()) for sp, _ in out)):
            continue  # '… gửi Bộ X … để tổng hợp, trình Thủ tướng Chính phủ': the next step is the recipient's
        out.extend(((m.start(), e), n) for n in names)
    # 'báo cáo kết quả thực hiện cho UBND tỉnh', 'gửi hồ sơ … về Công an tỉnh': the recipient after the object
    for m in _FIND_REPORT_VIA.finditer(text):
        for pm in _FIND_TO_WORD.finditer(text, m.end(), min(len(text), m.end() + _VIA_REACH[m.group("v")[:3].lower()])):
            gap = text[m.end():pm.start()]
            if _CLAUSE_END.search(gap) or (m.group("v")[:3].lower() != "gửi" and _NEW_CLAUSE_COMMA.search(gap)) \
                    or any(not _cue_blocked(text, c) for c in _FIND_ORDER_CUE.finditer(text, m.end(), pm.start())):
                break  # ('… gửi Bộ X, Sở Y đề nghị các cơ quan … gửi về Sở Y': a new order, not the same recipient)
            r = _org_doers(text, pm.end(), ctx, allow_admin=True) if not _not_agencies(text, pm.end()) else None
            if r:
                doers, e = r
                out.extend(((m.start(), e), d["name"]) for d in doers)
                break
            if ctx.issuer and (bm := _BARE_HEAD.match(text, pm.end())) and ctx.issuer.startswith(bm.group(1) + " "):
                out.append(((m.start(), bm.end(1)), ctx.issuer))  # '… gửi kết quả về Bộ trước ngày …': the issuer
                break
    # 'báo cáo UBND tỉnh (thông qua Sở Xây dựng)', '… cho UBND tỉnh (qua Thanh tra tỉnh)': the body it goes through too
    for end in sorted({sp[1] for sp, _ in out}):
        vm = _THROUGH.match(text, end)
        r = _org_doers(text, vm.end(), ctx, allow_admin=True) if vm else None
        if r:
            out.extend(((vm.start(), r[1]), d["name"]) for d in r[0])
    out.sort(key=lambda x: x[0][0])
    # '… gửi ý kiến về Sở Công Thương để tổng hợp báo cáo UBND tỉnh': the purpose clause is the recipient's next step
    out = [(sp, n) for sp, n in out if not (_PURPOSE_BEFORE.search(text, max(0, sp[0] - 60), sp[0]) and any(
        sp2[1] <= sp[0] and not _CLAUSE_END.search(text, sp2[1], sp[0]) for sp2, _ in out))]
    return list({(sp, n): (sp, n) for sp, n in out}.values())


# a body's head alone, where the sender names itself ('gửi kết quả về Bộ trước ngày 31/3', 'gửi về Sở để tổng hợp')
_BARE_HEAD = re.compile(r"(Bộ|Sở|Cục|Tổng cục|Vụ|Ban|Văn phòng)(?=\s+(?:trước|chậm|để|trong|theo|qua|ngay)\s|\s*[,.;()]|\s*$)")
_REPORT_WORDS = ("áo cáo", "gửi", "trình", "cung cấp", "đề xuất", "hông báo")
# a report verb, its object, then 'cho / về / đến / lên' and the recipient; 'gửi … về' may carry a long object
_REPORT_VIA = re.compile(r"(?<![\w])(?P<v>[Bb]áo cáo|(?:đồng )?gửi|[Tt]hông báo)\s")
_FIND_REPORT_VIA = patterns.StartSearch(_REPORT_VIA)
_TO_WORD = re.compile(r"(?<=\s)(?:cho|về|đến|tới|lên|theo yêu cầu của)\s+")
_FIND_TO_WORD = patterns.StartSearch(_TO_WORD)
_VIA_REACH = {"báo": 160, "gửi": 700, "đồn": 90, "thô": 60}
# a comma that opens another clause in a report's object (not one inside it: 'về công tác phòng, chống tham nhũng,
# tiêu cực cho UBND tỉnh')
_NEW_CLAUSE_COMMA = re.compile(r",\s*(?:%s)" % IMPERATIVE.pattern)
_ADVISE_BEFORE = re.compile(r"tham mưu,?\s*$")
_THROUGH = re.compile(r"\s*\((?:thông\s+)?qua\s+")
def _sent_by(text: str, at: int) -> bool:
    """Is the 'gửi' at ``at`` right after 'Văn bản số … của <body>' (the sender of a document cited before it)?"""
    k = text.rfind("của ", max(0, at - 120), at)
    if k < 0:
        return False
    o = scan_org(text, k + 4)
    return o is not None and not text[o.end:at].strip() and bool(_DOC_NUMBER_BEFORE.search(text, max(0, k - 100), k))


_DOC_NUMBER_BEFORE = re.compile(r"(?<![\w])[Ss]ố\s*\d+\s*/")
# a letter the doer writes, and what it asks of its addressee ('Có văn bản gửi Bộ Xây dựng đề nghị hướng dẫn …')
_LETTER_BEFORE = re.compile(r"(?<![\w])(?:văn bản|công văn|tờ trình)\s+$", re.I)
_ASKS_AFTER = re.compile(r"\s*,?\s+(?:để\s+)?(?:đề nghị|xin|kiến nghị|hỏi|đề xuất)(?![\w])")


_NOT_RECIPIENT = re.compile(r"(?:các |những )?(?:%s)(?![\w])" % "|".join(
    map(re.escape, patterns.load("agencies")["not_report_recipients"]["words"])), re.I)


def _not_agencies(text: str, at: int) -> bool:
    """Are the bodies named at ``at`` businesses, investors or people only, which no report goes to ('… gửi thông tin
    đến các doanh nghiệp để lấy ý kiến'; patterns/agencies.json, ``not_report_recipients``)?

    >>> _not_agencies("các doanh nghiệp để lấy ý kiến", 0), _not_agencies("Sở Tài chính trước ngày 5/5", 0)
    (True, False)
    """
    orgs, _ = scan_org_list_ro(text, at)
    return bool(orgs) and all(not o.agency or _NOT_RECIPIENT.match(o.name) for o in orgs)


_WHEN_BEFORE = re.compile(r"(?<![\w])(?<!trước )(?<!sau )khi(?:\s+[^\s,.;]+){0,2}\s+$")
# '… gửi Sở Công Thương thẩm định, trình UBND tỉnh': the first recipient takes the next step
_NEXT_STEP = re.compile(rf"\s+(?:để\s+)?[{LOWER}]+(?:\s+[{LOWER}]+){{0,2}},\s*")
# ('… để tổng hợp, ', '… để Bộ Xây dựng tổng hợp ': the recipient named again as the subject of its next step)
_PURPOSE_BEFORE = re.compile(r"(?<![\w])để(?:\s+[^\s,.;]+){0,6}?(?:,\s*|\s+)$")
_SENT_THING = re.compile(r"(?:hồ sơ|văn bản|báo cáo)")


# ('theo các nghị quyết của tỉnh' is generic; a consolidated text is always one the letter cites)
_PLURAL_DOCS = re.compile(r"(?<![\w])(?:theo|tại) các (văn bản hợp nhất)(?! số)(?=[\s,.;])", re.I)
_FIND_PLURAL_DOCS = patterns.StartSearch(_PLURAL_DOCS)
_ABOVE_DOC = re.compile(r"(?<![\w])(các\s+)?(Công văn|Văn bản|Quyết định|Kế hoạch|Chỉ thị|Nghị quyết|Thông báo|Nghị định|"
                        r"Thông tư)(?:\s+số)? nêu trên", re.I)
_FIND_ABOVE_DOC = patterns.StartSearch(_ABOVE_DOC)


# the document a task amends or replaces is its object, not its ground ('xây dựng Nghị định sửa đổi, bổ sung một số
# điều của Nghị định số 06/2022/NĐ-CP')
_AMENDS = re.compile(r"(?:sửa đổi|bổ sung|thay thế|bãi bỏ)(?:,?\s*(?:bổ sung|thay thế))?(?:\s+(?:một số điều|điều \d+|khoản \d+[^,;]{0,20}))?"
                     r"(?:\s+của)?\s+(?!bởi\s|tại\s)(?:\S+\s+){0,2}?(?:số\s+)?$", re.I)
# the amending document of a ground is part of that ground ('Nghị định số 08/2022/NĐ-CP … được sửa đổi, bổ sung bởi
# Nghị định số 05/2025/NĐ-CP'), even inside its title
# documents a task asks to add, update or swap in are its object, not its ground ('Đề nghị bổ sung các căn cứ pháp lý
# liên quan như: Nghị định số …', 'cập nhật đầy đủ các văn bản …, trong đó thay thế QCVN … bằng QCVN …')
_AS_OBJECT = re.compile(r"(?:(?:bổ sung|cập nhật|viện dẫn)(?:\s+đầy đủ)?\s+(?:các\s+|những\s+)?(?:căn cứ|văn bản)(?:[^.;:]*:\s[^.]*|[^.;]*)"
                        r"|(?<![\w])bằng\s+(?:\S+\s+){0,2}?(?:số\s+)?)$", re.I)
_AMENDED_BY = re.compile(r"(?:sửa đổi|bổ sung|thay thế)\s+(?:bởi|tại)\s+(?:(?:điểm|khoản|điều|mục)\s+[\w.]+,?\s+){0,4}"
                         r"(?:\S+\s+){0,2}?(?:số\s+)?$", re.I)


# a footnote grounds a task when its mark closes words that invoke rules or documents ('thực hiện nghiêm các quy định của
# pháp luật … về khoáng sản¹'); a mark after a plain term only glosses it ('không tự ý thay đổi thiết kế mỏ¹')
_GROUND_ANCHOR = re.compile(r"(?<![\w])(?:quy định|văn bản|hướng dẫn|chỉ đạo|theo|căn cứ|tại)(?![\w])", re.I)


def _footnote_grounds(text: str, a: int, b: int, label: str) -> bool:
    sup = label.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    m = re.search(r"(?<=\S)" + re.escape(sup) + r"(?![⁰¹²³⁴⁵⁶⁷⁸⁹])", text[a:b])
    if m is None:
        return True
    return _GROUND_ANCHOR.search(text, max(a, a + m.start() - 90), a + m.start()) is not None


# a document that only dates the task is no ground ('trong thời hạn 06 tháng, kể từ ngày Nghị định số … có hiệu lực')
_SINCE = re.compile(r"(?<![\w])từ\s+ngày\s+$", re.I)
# … nor one that only marks a time ('các CCN đã hình thành trước khi Quy chế … được ban hành kèm theo Quyết định số …'),
# nor the one whose implementation the task reviews ('đánh giá kết quả 2 năm thực hiện Quyết định số …')
_TIME_OR_REVIEW = re.compile(r"(?<![\w])(?:(?:trước|sau)\s+khi(?:\s+[^\s.;]+){0,12}?\s+(?:được\s+)?ban hành(?:\s+kèm theo)?"
                             r"|(?:đánh giá|sơ kết|tổng kết)(?:\s+[^\s.;]+){0,4}?\s+(?:thực hiện|thi hành))"
                             r"\s+(?:[^\s.;]+\s+){0,2}?(?:số\s+)?$", re.I)


def _is_object(text: str, a: int, s: int) -> bool:
    """Whether the document cited at ``s`` is what the sentence (from ``a``) asks to add, update or swap in."""
    head = text[max(a, s - 1200): s]
    if "bổ sung" not in head and "cập nhật" not in head and "viện dẫn" not in head and "bằng" not in head:
        return False  # cheap: none of the verbs that take a document as object
    dot = max(head.rfind(". "), head.rfind(".\n"))
    return _AS_OBJECT.search(head[dot + 1:]) is not None


def _based_on(a: int, b: int, ctx: Context, refs: list[str]) -> list[str]:
    nested = [c.subject_span for c in ctx.citations if c.subject_span]
    out = []
    for c in ctx.citations:
        if c.type == "other" and c.number.isdigit():
            continue  # an index set named by number ('bám sát Bộ chỉ số 766') is a yardstick, not a ground
        if c.type in _ANSWERED:
            continue  # 'có ý kiến đối với đề xuất … tại Tờ trình số 92/TTr-UBND': what the task answers, not its ground
        for s, e in c.spans:
            if a <= s < b and not any(x <= s < y for x, y in ctx.footnote_spans) and (not any(x <= s < y for x, y in nested) or _AMENDED_BY.search(ctx.text, max(a, s - 80), s)) \
                    and not _AMENDS.search(ctx.text, max(a, s - 70), s) and not _is_object(ctx.text, a, s) \
                    and not _SINCE.search(ctx.text, max(a, s - 20), s) \
                    and not _TIME_OR_REVIEW.search(ctx.text, max(a, s - 160), s) \
                    and not _IN_BODY_NAME.search(ctx.text, max(a, s - 80), s) and not _in_attachment_note(ctx.text, s):
                if c.number not in out:
                    out.append(c.number)
                break
    for r in refs:
        if not _footnote_grounds(ctx.text, a, b, r):
            continue
        for n in ctx.footnote_cits.get(r, []):
            if n not in out:
                out.append(n)
    out += [n for n in _named_documents(a, b, ctx) if n not in out]
    if "theo các " in ctx.text[a:b] or "tại các " in ctx.text[a:b]:
        # 'theo các văn bản hợp nhất của Bộ …' (no number): every cited document of that kind
        for m in _FIND_PLURAL_DOCS.finditer(ctx.text, a, b):
            kind = m.group(1).lower()
            for c in sorted((c for c in ctx.citations if c.type.lower() == kind and c.spans), key=lambda c: c.spans[0][0]):
                if c.number not in out:
                    out.append(c.number)
    if "nêu trên" in ctx.text[a:b]:
        # 'theo yêu cầu tại Công văn nêu trên': the last document of that kind cited before the task
        for m in _FIND_ABOVE_DOC.finditer(ctx.text, a, b):
            kind = m.group(2).lower()
            kind = "công văn" if kind == "văn bản" else kind  # a 'văn bản số …' is cited as a Công văn
            before = sorted((c for c in ctx.citations if c.type.lower() == kind and c.spans and c.spans[0][0] < a),
                            key=lambda c: c.spans[0][0])
            # 'các văn bản nêu trên': all of them; 'Công văn nêu trên': the last one
            for c in (before if m.group(1) else before[-1:]):
                if c.number not in out:
                    out.append(c.number)
    return out


# a document named again without its number: 'theo yêu cầu tại Công văn nêu trên', 'tại các văn bản nêu trên',
# 'theo các văn bản hợp nhất của Bộ …'
_ANAPHOR = re.compile(r"(?<![\w])(?P<pl>(?:các|những)\s+)?(?P<kind>văn bản hợp nhất|văn bản|công văn|quyết định|kế hoạch|nghị định|"
                      r"thông tư|chỉ thị|thông báo|công điện|nghị quyết|chương trình|kết luận)"
                      r"(?:\s+(?P<ana>nêu trên|nói trên|kể trên|đã nêu|trên(?![\w])(?!\s+(?:cơ sở|địa bàn|phạm vi|toàn|mạng|cổng|trang|hệ thống|môi trường)))(?![\w])"
                      r"|(?=\s+của\s))", re.I)
_FIND_ANAPHOR = patterns.StartSearch(_ANAPHOR)
_ANAPHOR_WORDS = patterns.required_words(_ANAPHOR)  # the kinds of document: a piece without one names none again
_NEAR = 1500  # characters: about the paragraph or two before
_ITEM_START = re.compile(r"\n\s*(?:\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|[IVX]{1,4}\.)\s")
_ANSWERED = {"Tờ trình", "Báo cáo"}  # a proposal or a report is what the task answers, not its ground
_NOT_GROUNDS = _ANSWERED | {"other"}


# the one document of a kind the text cites, named again by its kind alone ('quán triệt nội dung Chỉ thị;', 'thực hiện
# Chỉ thị và Kế hoạch này', 'Chỉ thị 11 của Ban Thường vụ Tỉnh ủy', 'Chỉ thị của Ban Thường vụ Tỉnh ủy')
_DEFINITE = re.compile(r"(?<![\w])(?P<kind>Chỉ thị|Nghị quyết|Nghị định|Thông tư|Kết luận|Công điện|Chương trình|Đề án)"
                       r"(?:\s+(?P<n>\d{1,4}))?(?=\s*[,.;)]|\s+và\s|\s*$|\s+của\s+(?P<of>[^,.;()]{3,60}))")
_FIND_DEFINITE = patterns.StartSearch(_DEFINITE)
_MADE_HERE = re.compile(r"(?:ban hành|xây dựng|dự thảo|soạn thảo|tham mưu|sửa đổi|thay thế)\s+(?:\S+\s+){0,2}$", re.I)


def _definite_kind(piece: str, ctx: Context) -> list[str]:
    out: list[str] = []
    for m in _FIND_DEFINITE.finditer(piece):
        kind = m.group("kind")
        if re.search(r"(?:các|những)\s+$", piece[max(0, m.start() - 7): m.start()]):
            continue  # 'các Nghị định của Chính phủ': a kind, no document in particular
        if ctx.text.find(kind.upper(), 0, ctx.opening_at) >= 0 or _MADE_HERE.search(piece, max(0, m.start() - 40), m.start()):
            continue  # the document's own kind names itself ('thực hiện Nghị quyết' in a Nghị quyết); a new one is made
        cands = [c for c in ctx.citations if c.spans and c.type == kind and c.type not in _NOT_GROUNDS]
        if m.group("n"):
            cands = [c for c in cands if re.match(re.escape(m.group("n")) + r"(?!\d)", c.number)]
        elif m.group("of"):
            of = fold(m.group("of"))
            cands = [c for c in cands if c.issuer and of.startswith(fold(c.issuer))]
        if len(cands) == 1 and cands[0].number not in out:
            out.append(cands[0].number)
    return out


# the rules quoted above, named again ('căn cứ các quy định nêu trên', OCR 'căn cứ các quy trên'): the normative documents
# ('26/2026/NĐ-CP', '69/2025/QH15') cited before, all of them when plural, the last one when singular
_RULES_ABOVE = re.compile(r"(?<![\w])(?P<pl>các\s+)?quy(?:\s+định)?\s+(?:nêu\s+|nói\s+|kể\s+)?trên(?![\w])", re.I)
_FIND_RULES_ABOVE = patterns.StartSearch(_RULES_ABOVE)
_NORMATIVE = re.compile(r"\d{1,5}/\d{4}/")


def _rules_above(piece: str, start: int, ctx: Context) -> list[str]:
    out: list[str] = []
    for m in _FIND_RULES_ABOVE.finditer(piece):
        before = sorted((c for c in ctx.citations if c.spans and ctx.opening_at <= c.spans[0][0] < start
                         and _NORMATIVE.match(c.number)), key=lambda c: c.spans[0][0])
        for c in (before if m.group("pl") else before[-1:]):
            if c.number not in out:
                out.append(c.number)
    return out


def _anaphora(piece: str, start: int, ctx: Context) -> list[str]:
    """Numbers of the documents cited before ``start`` that ``piece`` names again without a number."""
    out: list[str] = _rules_above(piece, start, ctx) if "quy" in piece and "trên" in piece else []
    out += [n for n in (_definite_kind(piece, ctx) if any(k in piece for k in ("Chỉ thị", "Nghị", "Thông tư", "Kết luận",
                                                                           "Công điện", "Chương trình", "Đề án")) else [])
            if n not in out]
    if "trên" not in piece and "ủa" not in piece:
        return out
    if not patterns.may_match(piece, _ANAPHOR_WORDS, True):
        return out  # no kind of document is named (half the pieces)
    if not any(c.spans and ctx.opening_at <= c.spans[0][0] < start and c.type not in _NOT_GROUNDS for c in ctx.citations):
        return out  # no document cited before the piece: nothing it can name again
    for m in _FIND_ANAPHOR.finditer(piece):
        plural, kind = bool(m.group("pl")), m.group("kind").lower()
        if not m.group("ana") and (not plural or kind == "văn bản"):
            continue  # 'các văn bản của …' names no document in particular; 'các Nghị định của Chính phủ' may
        before = [c for c in ctx.citations if c.spans and ctx.opening_at <= c.spans[0][0] < start and c.type not in _NOT_GROUNDS
                  and (kind == "văn bản" or c.type.lower() == kind)]
        before.sort(key=lambda c: c.spans[0][0])
        if not before:
            continue
        if not m.group("ana") and (start + m.start() - before[-1].spans[0][0] > _NEAR
                                   or _ITEM_START.search(ctx.text, before[-1].spans[0][0], start)):
            continue  # 'các văn bản hợp nhất của Bộ …' without 'nêu trên' names documents just cited, not ones cited
            # before another item ('các Nghị định của Chính phủ' in a list of kinds is generic)
        for c in (before if plural else before[-1:]):
            if c.number not in out:
                out.append(c.number)
    return out


def named_grounds(a: int, b: int, ctx: Context) -> list[str]:
    """Numbers of the cited documents that the text between ``a`` and ``b`` names again without a number ('nội dung
    Chỉ thị', 'Công văn nêu trên', 'căn cứ các quy định trên', 'Luật Đầu tư'): for tasks read elsewhere, such as table
    rows."""
    out = _anaphora(ctx.text[a:b], a, ctx)
    return out + [n for n in _named_documents(a, b, ctx) if n not in out]


def _named_documents(a: int, b: int, ctx: Context) -> list[str]:
    """Numbers of the documents cited with their number before and named by their name alone between ``a`` and ``b``
    ('theo quy định tại Điều 47 Luật Đầu tư'); as for numbers, not a name inside another document's title, nor the
    document a task amends or adds."""
    nested = [c.subject_span for c in ctx.citations if c.subject_span]
    out: list[str] = []
    for m in ctx.named:
        if a <= m.start < b and m.number not in out and not any(x <= m.start < y for x, y in nested) \
                and not _AMENDS.search(ctx.text, max(a, m.start - 70), m.start) and not _is_object(ctx.text, a, m.start) \
                and not _IN_BODY_NAME.search(ctx.text, max(a, m.start - 80), m.start):
            out.append(m.number)
    return out


_ATTACHED_WORDS = re.compile(r"(?:gửi|đính) kèm|kèm theo|[Bb]ản sao(?: y)?|[Ss]ao y")


def _in_attachment_note(text: str, at: int) -> bool:
    """Is the citation at ``at`` inside a bracket that sends it along ('(Bản sao y Quyết định số 93/QĐ-TTg gửi kèm)',
    '(kèm theo Quyết định số 29/2026/QĐ-TTg)')? A copy attached is no ground."""
    o = text.rfind("(", max(0, at - 80), at)
    if o < 0 or ")" in text[o:at]:
        return False
    c = text.find(")", at, at + 160)
    return c > 0 and bool(_ATTACHED_WORDS.search(text, o, c))


# a document named inside a body's name ('Công an tỉnh - Cơ quan thường trực Đề án 06 tỉnh', 'Ban Chỉ đạo … và Đề án
# 06 tỉnh'): the body, not a ground
_IN_BODY_NAME = re.compile(r"(?:Ban Chỉ đạo|Cơ quan thường trực|Tổ [Cc]ông tác|Tổ giúp việc|Thường trực)[^,.;:()]{0,70}$"
                           r"|\smô hình(?: điểm)?\s*$")  # ('44 mô hình điểm Đề án 06': the document names the models)


def _framing(a: int, b: int, ctx: Context) -> list[str]:
    out = []
    for c in ctx.citations:
        if c.cue in ("căn cứ", "trên cơ sở") and any(a <= s < b for s, _ in c.spans):
            out.append(c.number)
    return out


# doers written after an item or after its bullets ('Trách nhiệm chỉ đạo thực hiện: Đảng ủy UBND tỉnh; các cấp ủy, tổ chức
# đảng.', 'Đơn vị chủ trì: Sở Y tế', 'Đơn vị phối hợp: …'): they belong to the item they close
_DOER_LINE = re.compile(r"^\W{0,3}(?P<role>Trách nhiệm(?: chỉ đạo| chủ trì)?(?: thực hiện)?|(?:Đơn vị|Cơ quan)(?: chủ trì| thực hiện)"
                        r"(?: thực hiện)?|(?:Đơn vị|Cơ quan) (?:phối hợp(?: thực hiện)?|theo dõi(?:, hướng dẫn)?))\s*:\s*(?P<list>\S.{0,400})$")


def _doer_line(text: str, ctx: Context) -> list[dict] | None:
    m = _DOER_LINE.match(text.strip())
    if not m:
        return None
    role = "support" if "phối hợp" in m.group("role") or "theo dõi" in m.group("role") else "lead"
    body = m.group("list").strip(" .;,")
    out: list[dict] = []
    if ";" in body:  # items set off by semicolons are one body each ('Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh')
        for it in (x.strip(" .;,") for x in body.split(";")):
            if it[:4] in ("Các ", "Cơ q"):
                it = it[0].lower() + it[1:]
            if it and (lst := scan_org_list_ro(it, 0))[0] and lst[1] >= len(it) and len(lst[0]) > 1:
                # 'Sở Tư pháp và các cơ quan, đơn vị có liên quan': an item that lists bodies gives each
                out += [{**d, "role": role} for d in doers_of([o for o in lst[0] if o.agency], ctx)]
            elif it and (ORG_START.match(it) or scan_org(it, 0)):
                o = scan_org(it, 0)
                out.append({"name": canonical(it) if not (o and o.end >= len(it)) else o.name, "role": role,
                            **({"generic": True} if is_generic(it) else {})})
    else:
        b = body[0].lower() + body[1:] if body[:4] in ("Các ", "Cơ q") else body
        orgs, _ = scan_org_list_ro(b, 0)
        out = [{**d, "role": role} for d in doers_of([o for o in orgs if o.agency], ctx)]
    return _why(out, "explicit: label") if out else None


def _read_doer_lines(node: Node, ctx: Context) -> None:
    """Doer lines among a node's plain children give the node's doers (lead, then support) and are no tasks.
    After the last bullet of a heading they close the heading's bullets, not that bullet alone."""
    found: list[dict] = []
    for ch in node.children:
        if ch.kind is None and ch.para is not None and len(ch.para.text) < 420 and ch.para.text[:1] in "TĐCtđc-–+•":
            d = _doer_line(ch.para.text, ctx)
            if d:
                ch.doer_line = True
                found += [x for x in d if x["name"] not in {y["name"] for y in found}]
        _read_doer_lines(ch, ctx)
    if any(d["role"] == "lead" for d in found):
        target = node
        if node.kind == "bullet" and node.parent is not None and node.parent.heading and node is node.parent.children[-1]:
            target = node.parent
        target.doers = found


def _drop_recipients(paras: list[Paragraph]) -> list[Paragraph]:
    """A paragraph the layout glued to 'Nơi nhận:' ('… đề nghị UBND tỉnh X chỉ đạo … thực hiện, Nơi nhận:'): the
    short lines after it are the recipients ('- Như trên;', '- Lưu: VT'), no items."""
    for i, p in enumerate(paras):
        if p.text.rstrip().endswith(":") and _RECIPIENTS_END.search(p.text):
            k = i + 1
            while k < len(paras) and len(paras[k].text) < 150 and (
                    paras[k].marker_kind == "bullet" or paras[k].text.lstrip("-–+• ").startswith(("Lưu", "Như trên"))):
                k += 1
            return paras[:i + 1] + paras[k:]
    return paras


def extract_tasks(paras: list[Paragraph], ctx: Context) -> list[dict]:
    paras = _drop_recipients(paras)
    root = build_outline(paras)
    _classify(root, ctx)
    _read_doer_lines(root, ctx)
    if not root.doers:
        root.doers = _delegate_doers(paras, ctx)
    addressee_doers = _addressee_doers(ctx)
    reply = False
    if addressee_doers and _REPLY_OPENING.search(ctx.text, ctx.opening_at, ctx.opening_at + 1200):
        addressee_doers = []  # a reply's items explain; those that say who must act name their doers
        reply = True
    tasks: list[dict] = []
    seen_item = False
    # numbered items or a decision's articles; else every paragraph is a candidate (công văn)
    has_items = any(ch.kind is not None or (ch.para is not None and ARTICLE_START.match(ch.para.text)) for ch in root.children)

    def defaults_for(node: Node) -> list[dict]:
        n = node
        while n is not None:
            if n.doers:
                return n.doers
            n = n.parent
        return []

    def topic_for(node: Node) -> str | None:
        n = node
        while n is not None:
            if n.topic:
                return n.topic
            n = n.parent
        return None

    def walk(node: Node, first: int | None = None):
        nonlocal seen_item
        scope_doers: list[dict] | None = None  # set by a plain lead-in paragraph among the children
        listed = False  # a plain task paragraph ending 'bao gồm:' / 'như sau:' lists its parts in the items after it
        _join_split_sentences(node, ctx)
        node_first = len(tasks) if first is None else first  # tasks of this item start here
        sibling_first = None  # tasks of the last item among the children start here
        for i, ch in enumerate(node.children):
            line = ch.para.text[ch.para.body_offset:] if ch.kind == "bullet" else ch.para.text
            if _is_role_line(ch) and (rm := ROLE_LINE.match(line)):
                # '- Cơ quan chủ trì: Sở Tài chính.' / '- Thực hiện: Thủ trưởng các cơ quan, …' under an item: who does it
                _give_role(tasks[node_first if node is not root else (sibling_first if sibling_first is not None else len(tasks)):],
                           rm.group("role").lower(), line[rm.end():], ctx)
                continue
            dline = read_deadline_line(line, ctx.default_year, ctx.not_before) if ch.kind in (None, "bullet") and (
                ch.kind is None or not ch.children) else None
            if dline is None and ch.kind not in (None, "bullet") and not ch.children and sibling_first is not None:
                # 'a) Giao Thanh tra tỉnh: - … - …' / 'b) Thời gian thực hiện: Hoàn thành trước ngày 15/4/2025.': a
                # lettered time line after the item it times
                dline = read_deadline_line(ch.para.text[ch.para.body_offset:], ctx.default_year, ctx.not_before)
                if dline is not None:
                    _give_time(tasks[sibling_first:], dline)
                    continue
            if dline is not None:
                # 'Thời gian hoàn thành: …' under an item: the time of that item (or of the item just above)
                timed = tasks[node_first if node is not root else (sibling_first if sibling_first is not None else len(tasks)):]
                _give_time(timed, dline)
                _give_recipients(timed, [n for _, n in _report_to(line, ctx)])
                continue
            if ch.kind is not None:
                sibling_first = len(tasks)
                seen_item = True
            if ch.evaluative and not (ch.kind is None and ch.para is not None and _has_cue(ch.para.text)) or ch.doer_line:
                # (a paragraph of an evaluating section that orders bodies by a cue is a task all the same: 'I. ĐÁNH
                # GIÁ …' / 'Căn cứ …, yêu cầu các sở, ban, ngành … khẩn trương đánh giá …')
                walk(ch)
                continue
            p = ch.para
            if ch.kind is None and ch.children and (am := _ARTICLE_LABEL.match(p.text)):
                title = p.text[am.end():].strip()
                if len(title) < 160 and _DUTY_TITLE.match(title) and (orgs := _parse_doer_heading(title)):
                    # 'Điều 2. Trách nhiệm của Sở Tài chính' titles the duties below it
                    ch.doers = _why(doers_of(orgs, ctx), "inherited: heading")
                    walk(ch)
                    continue
            if ch.kind is not None and ch.heading:
                if scope_doers and not ch.doers:
                    ch.doers = scope_doers
                walk(ch)
                continue
            if ch.kind is None and node is root and not seen_item and has_items and not _ARTICLE.match(p.text):
                # (a Quyết định's articles are its items: 'Điều 2. Giao Sở Y tế chủ trì …' before an attached plan)
                # preamble before the first numbered item: context, but a lead-in sets the defaults
                li = _lead_in(p.text, ctx)
                if li:
                    node.doers = li
                continue
            body_off = p.body_offset if ch.kind is not None else 0
            text = p.text[body_off:]
            # the text of a heading item ('1. Công an tỉnh, các sở …' / 'Theo chức năng, nhiệm vụ … tổ chức …'):
            # a numbered item is a task even when its wording is generic
            first_body = ch.kind is None and node.kind is not None and node.heading and node.children[0] is ch
            item_body = first_body or (ch.kind is None and node.kind is not None and node.heading and bool(node.doers))
            if ch.kind is None and not first_body and tasks and _ABOVE_REPORT.match(first := _SENTENCES.split(text)[0]) \
                    and _copy_closing(first, tasks, ctx):
                # 'Các sở, ngành, … nêu trên báo cáo kết quả thực hiện về … trước …./.': completes the items above; a
                # sentence after it may order more ('… để tổng hợp. Giao Sở … theo dõi, đôn đốc …')
                if (rest := _ordered_after(text, first)) is None:
                    continue
                body_off += len(text) - len(rest)
                text = rest
            if (text.startswith("Trên đây") or (text.rstrip().endswith("./.") and not first_body)) and CLOSING.search(text) \
                    and not ((ORDER_CUE_OPENING.match(text) or _LEADER_ORDER_OPENING.match(text)) and _has_cue(text[:300])
                             and not is_closing_formula(text)) \
                    and not _CLOSING_REQUEST.match(text):
                continue  # ('Giao Sở A … theo yêu cầu tại Công văn nêu trên./.' is an order that ends the letter)
            if "thi hành" in text and only_execution(text):
                continue  # 'Chánh Văn phòng …; Giám đốc Sở … chịu trách nhiệm thi hành Quyết định này./.' (no task)
            if ch.kind is None and not first_body and tasks and (_SUMMARY_CLOSING.match(text) or _REPORT_CLOSING.match(text)) \
                    and _copy_closing(text, tasks, ctx):
                continue  # 'Các nội dung trên báo cáo UBND tỉnh trước ngày …' only completes the items above
            if ch.kind is None and not first_body and tasks and (first := _summary_request(text)) \
                    and _copy_closing(first, tasks, ctx, named=True):
                # 'Yêu cầu các cơ quan … hoàn thành … theo các nội dung nêu trên, gửi về UBND tỉnh … chậm nhất ngày …':
                # its deadline and recipient complete the items above; a sentence after it may still order more
                if (rest := _ordered_after(text, first)) is None:
                    continue
                body_off += len(text) - len(rest)
                text = rest
            if ch.kind is None and not first_body and (seen_item or bool(tasks) or text.startswith("Điều ")) and all(
                    is_closing_formula(x) for x in _SENTENCES.split(_ARTICLE.sub("", text.strip())) if x.strip()):
                # 'Yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện. Trong quá trình thực hiện nếu có khó khăn …'; an
                # article's paragraphs below its formula may still order ('Điều 2. Quyết định này có hiệu lực …' /
                # 'Giao Sở Tư pháp thực hiện việc thu hồi Thẻ …')
                if ch.children and text.startswith("Điều "):
                    walk(ch)
                continue

            inherited = (ch.doers if any(c.doer_line for c in ch.children) else None) or scope_doers \
                or defaults_for(ch.parent) or addressee_doers
            li = _lead_in(text, ctx) if text.rstrip().endswith(":") else None
            if li is not None:
                if ch.kind is None and not ch.children:
                    scope_doers = li
                    if node.kind == "bullet" and node.parent is root and not root.doers and node.children[-1] is ch \
                            and _GROUND_LINE.match(node.para.body):
                        # '- Căn cứ Quyết định số …;' + 'Ban Chỉ đạo tỉnh thống nhất phân công nhiệm vụ cho …:': the lead-in
                        # read under the last ground bullet leads in the items of the whole document
                        root.doers = li
                else:
                    ch.doers = li  # (an item's, or an article's: 'Điều 5. Sở Xây dựng có trách nhiệm:' over its items)
                if (LEAD_IN_ONLY.search(text) and not _SENTENCE_BEFORE.search(text.rstrip()[:-1])) or _trivial_lead_in(text):
                    walk(ch)
                    continue
            elif ch.kind is None and i + 1 < len(node.children) and node.children[i + 1].kind is not None \
                    and LEAD_IN_ONLY.search(text) and not _SENTENCE_BEFORE.search(text.rstrip()[:-1]) and not _has_cue(text):
                # 'Kiên quyết khắc phục …, trong đó tập trung các vấn đề trọng tâm sau đây:' over numbered items: their
                # introduction, naming no one
                walk(ch)
                continue
            # an item under a lead-in or a doer heading, or after 'bao gồm:', is a task even in generic words
            listed_item = ch.kind is not None and (listed or bool(scope_doers or defaults_for(ch.parent)))
            # an item with a role line under it ('- Thực hiện: Sở Tư pháp') is a task in any words
            by_role = ch.kind is not None and any(_is_role_line(c) for c in ch.children)
            start = len(tasks)
            new = _unit_tasks(p, body_off, ch.ref, topic_for(ch.parent), inherited, ctx,
                              "part" if (listed or by_role) and ch.kind is not None else (item_body or ("listed" if listed_item else False)), ch)
            if ch.descriptive:
                # who takes part, where, by what standard: a task only where a doer is named and ordered
                new = [t for t in new if t["reason"].startswith("explicit") and t["reason"] not in _LABEL_REASONS
                       and is_directive(t["text"]) and _subject_acts(t["text"])]
            tasks.extend(new)
            _add_directors(new, ch)
            if ch.kind is None:
                listed = bool(new) and _LISTS_PARTS.search(text) is not None
            if ch.kind is not None and scope_doers and not ch.doers:
                ch.doers = scope_doers
            walk(ch, start)

    walk(root)
    if reply:
        tasks = [t for t in tasks if t["assignees"]]  # (what a reply explains is no one's task)
    return tasks


# generic closing formulas with no new duty ('Yêu cầu các cơ quan nghiêm túc thực hiện', 'nếu có khó khăn … báo cáo')
CLOSING_FORMULAS = [re.compile(e["pattern"]) for e in patterns.load("tasks")["closing_formulas"]]


_ISSUER_ASKS = re.compile(r"\s(yêu cầu|đề nghị)\s")
# an article's title that names whose duties it lists ('Trách nhiệm của Sở Tài chính', 'Nhiệm vụ của Tổ công tác')
_DUTY_TITLE = re.compile(r"^(?:Trách nhiệm|Nhiệm vụ|Chức năng)(?: chung| cụ thể| riêng)?(?:(?:,| và) (?:quyền hạn|nhiệm vụ|trách nhiệm|quyền lợi))*"
                         r" của\s+[^.;:]+\.?$")
_ARTICLE_LABEL = re.compile(r"^Điều\s+\d+\s*[.:]\s*")
_IN_FORCE = re.compile(r"(?:Quyết định|Chỉ thị|Quy chế|Quy định|Kế hoạch)[^.]{0,20}\scó hiệu lực\b")


def only_execution(text: str) -> bool:
    """Is ``text`` only a decision's closing article: its entry into force and who executes it ('Quyết định này có
    hiệu lực … Chánh Văn phòng …, Giám đốc Sở … chịu trách nhiệm thi hành Quyết định này./.')?"""
    body = _ARTICLE_LABEL.sub("", text.strip(), count=1)
    rest = [x for x in _SENTENCES.split(body) if x.strip() and not _IN_FORCE.search(x) and not find_executors(x)]
    return not rest and bool(find_executors(text))


# clauses of one closing sentence, each a formula of its own ('…; đề nghị …; trường hợp có khó khăn …')
_CLOSING_CLAUSES = re.compile(r";\s+(?=(?:yêu cầu|đề nghị|trường hợp|nếu|trong quá trình|quá trình)\s)", re.I)


@lru_cache(maxsize=4096)
def is_closing_formula(sentence: str) -> bool:
    """Is the sentence a closing formula ('Yêu cầu … nghiêm túc thực hiện./.', patterns/tasks.json)? Memoised: the
    same sentences are asked about from several places, and the answer depends on the sentence alone."""
    s = sentence.strip()
    if any(rx.match(s) for rx in CLOSING_FORMULAS):
        return True
    if ";" in s and s.startswith(("Yêu cầu", "Đề nghị")) and any(rx.match(s.replace(";", ",")) for rx in CLOSING_FORMULAS):
        return True  # 'Yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã, phường; … nghiêm túc thực hiện./.'
    parts = _CLOSING_CLAUSES.split(s)
    if len(parts) > 1 and all(is_closing_formula(x[0].upper() + x[1:]) for x in parts if x.strip()):
        return True  # '… nghiêm túc triển khai thực hiện; đề nghị … quan tâm phối hợp; trường hợp có khó khăn … trao đổi …'

    # 'Căn cứ nội dung chỉ đạo trên, yêu cầu các sở, ngành … triển khai thực hiện./.': the same after a framing clause
    f = _FRAMING.match(s)
    rest = s[f.end():] if f else ""
    if not rest:
        # 'Ủy ban nhân dân tỉnh An Giang yêu cầu UBND huyện … khẩn trương tổ chức thực hiện.': after the issuer's name
        c = _ISSUER_ASKS.search(s, 0, 90)
        if c and scan_org_list_ro(s, 0)[1] >= c.start():
            rest = s[c.start(1):]
    return bool(rest) and any(rx.match(rest[0].upper() + rest[1:]) for rx in CLOSING_FORMULAS)


_LISTS_PARTS = re.compile(r"(?:bao gồm|gồm(?: có)?|như sau|sau đây|cụ thể(?: như sau)?|các nội dung sau|các việc sau)\s*:\s*$")
_RECIPIENTS_END = re.compile(r"Nơi nhận\s*:?\s*$")
_ARTICLE = re.compile(r"^Điều \d+\.\s*")
ARTICLE_START = re.compile(r"^Điều\s+(\d{1,3})\s*[.:]\s*(?=\S|$)")  # an article of a decision or a regulation (untitled: 'Điều 2.')
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[%s])" % UPPER)
_SUMMARY_CLOSING = re.compile(r"(?:(?:[Cc]ác|[Nn]hững) (?:nội dung|nhiệm vụ|công việc|việc)(?: nêu| nói)? trên|"
                              r"(?:(?:các )?nội dung (?:của )?)?(?:Công văn|Kế hoạch|Thông báo|Chỉ thị|Công điện|văn bản) này|"
                              r"[Kk]ết quả (?:thực hiện|triển khai(?: thực hiện)?)(?: các (?:nội dung|nhiệm vụ)(?: nêu)? trên)?)[\s,]")

# what to do if the work meets difficulties: no results sent, no deadline ('trong quá trình thực hiện, nếu có khó khăn,
# vướng mắc kịp thời báo cáo UBND phường (qua Công an phường) để xem xét, giải quyết')
_IF_DIFFICULT = re.compile(r"(?:[Tt]rong quá trình (?:tổ chức )?(?:thực hiện|triển khai),?\s*)?[Nn]ếu có (?:khó khăn|vướng mắc|phát sinh)[^.;]*")
# the bodies of the items above, as a whole, send their results ('Các sở, ngành, đơn vị và UBND các xã, phường nêu trên
# báo cáo kết quả thực hiện về …', 'Các cơ quan, đơn vị báo cáo kết quả thực hiện về … trước ngày …')
_ABOVE_REPORT = re.compile(r"(?:(?:[Đđ]ịnh kỳ|[Hh]ằng (?:tuần|tháng|quý)|[Tt]rước ngày)\s[^.;:,]{0,60},\s*)?"  # ('Định kỳ trước ngày 20 hằng tháng, …')
                           r"(?:(?:[Cc]ác|[Nn]hững)\s[^.;:]{0,160}?\s(?:nêu|nói|có tên)\s+trên\s+(?:báo cáo|gửi)\s+kết quả"
                           r"|[Cc]ác (?:cơ quan|đơn vị)(?:,? (?:và )?(?:cơ quan|đơn vị|địa phương))*\s+(?:báo cáo|gửi)\s+kết quả)")
# a paragraph that only sends what the items above produce: 'Báo cáo gửi về Bộ Xây dựng trước ngày 15/04/2010 để …',
# 'Báo cáo kết quả gửi về Sở Nội vụ trước ngày …' (a report with no subject of its own)
_REPORT_CLOSING = re.compile(r"[Bb]áo cáo(?: kết quả(?: thực hiện)?)? gửi(?: về)?\s")


def _ordered_after(text: str, first: str) -> str | None:
    """What ``text`` says after its opening ``first`` (a closing that completed the items above) when it orders more;
    None when nothing or only closing formulas follow."""
    rest = text[len(first):].lstrip()
    if not rest or all(is_closing_formula(x) for x in _SENTENCES.split(rest) if x.strip()):
        return None
    return rest


def _summary_request(text: str) -> str | None:
    """The first sentence of ``text`` when it asks for the items above as a whole ('Yêu cầu Thủ trưởng các sở, ban,
    ngành … nghiêm túc triển khai thực hiện các nội dung trên, báo cáo kết quả cho UBND tỉnh …'; 'Ban Chỉ đạo tỉnh yêu
    cầu các đơn vị, địa phương nghiêm túc triển khai thực hiện; hoàn thành … trước ngày 20/5/2026 …'), with a sentence
    after it that only sends the results ('Đồng thời, báo cáo kết quả về Ban Chỉ đạo tỉnh …')."""
    parts = _SENTENCES.split(text)
    first = parts[0]
    head = first.split(";", 1)[0].rstrip(" ,.") + "."
    if not ((ORDER_CUE_OPENING.match(first) and _SUMMARY_CLOSING.search(first))
            or (";" in first and is_closing_formula(head))) or _PERIODIC.search(first):
        return None  # ('… nghiêm túc thực hiện Chỉ thị này; định kỳ hằng quý báo cáo …': a standing duty of its own)
    if (om := ORDER_CUE_OPENING.match(first)) and any(
            o.agency and o.kind != "group" and not is_generic(o.name) for o in scan_org_list_ro(first, om.end())[0]):
        return None  # 'Giao Sở Nông nghiệp và Môi trường theo dõi, đôn đốc …, báo cáo UBND tỉnh kết quả thực hiện …': one body's task
    for nxt in parts[1:]:
        if not _RESULTS_SENT.match(nxt):
            break
        first = text[: text.index(nxt) + len(nxt)]
    return first


# ('định kỳ hằng quý báo cáo …', not 'lồng ghép trong báo cáo định kỳ': the report it goes into)
_PERIODIC = re.compile(r"(?<![\w])(?<!báo cáo )(?:định kỳ|(?:hằng|hàng) (?:tuần|tháng|quý|năm|ngày))(?![\w])", re.I)
# a sentence that only sends the results of the items above ('Đồng thời, báo cáo kết quả về Ban Chỉ đạo tỉnh …')
_RESULTS_SENT = re.compile(r"(?:Đồng thời|Sau đó),?\s+(?:định kỳ\s+)?báo cáo kết quả(?: thực hiện)?(?! hằng| định kỳ)\b")


def complete_rows_above(text: str, rows: list[dict], ctx: Context) -> bool:
    """When ``text`` (a paragraph read as a task) only completes the items above it ('Các cơ quan, đơn vị nêu trên báo
    cáo kết quả thực hiện về Văn phòng UBND tỉnh trước ngày 10/9/2026'), copy its deadline and recipient into ``rows``
    (the rows of a task table above it) and say so; False, and nothing copied, otherwise."""
    if not rows or not (_ABOVE_REPORT.match(text) or _REPORT_CLOSING.match(text) or _SUMMARY_CLOSING.match(text)):
        return False
    return _copy_closing(text, rows, ctx)


def _copy_closing(text: str, tasks: list[dict], ctx: Context, named: bool = False) -> bool:
    """Copy a closing sentence's deadline and recipient into the tasks above it; False if it supplies neither.
    A closing request that ``named`` its doers ('Yêu cầu Thủ trưởng các sở … báo cáo … cho UBND tỉnh (qua Thanh tra
    tỉnh)') completes the tasks of every body but those it reports to."""
    text = _IF_DIFFICULT.sub("", text)  # ('… nếu có khó khăn, vướng mắc kịp thời báo cáo UBND phường': no results sent)
    dls = find_deadlines(text, ctx.default_year, ctx.not_before)
    rep = list(dict.fromkeys(n for _, n in _report_to(text, ctx)))
    if not dls and not rep:
        return False
    if named:
        # ('… báo cáo kết quả cho UBND tỉnh (qua Thanh tra tỉnh)': the tasks of the body it goes through are not its own)
        tasks = [t for t in tasks if not any(a["name"] in rep for a in t["assignees"] if a["role"] == "lead")]
    elif (sm := _SUMMARY_CLOSING.match(text)) and (who := _closing_subject(text, sm.end(), ctx)) \
            and not all(_UMBRELLA.fullmatch(n) for n in who):  # ('…, các cơ quan, đơn vị gửi về …': every body above)
        # 'Kết quả triển khai các nội dung trên, Ủy ban nhân dân các xã, phường gửi về Sở Y tế …': that body's tasks
        tasks = [t for t in tasks if any(a["name"] in who for a in t["assignees"] if a["role"] == "lead")]
        if not tasks:
            return False
    for t in tasks:
        if dls and not t["deadline"]:
            t["deadline"], t["deadline_text"] = dls[0].value, dls[0].text
            t["deadlines"] = [{"value": d.value, "text": d.text} for d in dls]
            t["deadline_reason"] = "deadline: closing sentence"
    _give_recipients(tasks, rep)
    return True


_COMMA_GAP = re.compile(r"[\s,]*")


def _closing_subject(text: str, at: int, ctx: Context) -> set[str]:
    """The doers a closing sentence names after its opening ('Kết quả triển khai các nội dung trên, Ủy ban nhân dân các
    xã, phường gửi về …' -> {'UBND các xã, phường'}), or none."""
    orgs, _ = scan_org_list_ro(text, _COMMA_GAP.match(text, at).end())
    return {d["name"] for d in doers_of([o for o in orgs if o.agency], ctx)}


_OPEN_END = re.compile(r"[;,]\s*$")
# a list of bodies cut inside a name ('…; Công an tỉnh; Đài' / 'Khí tượng Thủy văn tỉnh Lào Cai; …')
_HEAD_AT_END = re.compile(r"[;,]\s*(?:%s)\s*$" % "|".join(re.escape(h) for h in sorted(
    patterns.load("agencies")["heads"] + patterns.load("agencies")["compound_heads"], key=len, reverse=True)))
_SENTENCE_END = re.compile(r"(?:[.:!?;]|\./\.|[.!?][”\"»)])\s*$")
_LOWER_START = re.compile(rf"[{LOWER}]")


def _join(a: Paragraph, b: Paragraph, b_off: int) -> Paragraph:
    """One paragraph from ``a`` and the text of ``b`` from ``b_off`` on (offsets still map into the document)."""
    shift = len(a.text) + 1
    keep = [(sp, sd) for sp, sd in zip(b.seg_para, b.seg_doc) if sp >= b_off]
    if not keep or keep[0][0] > b_off:
        keep.insert(0, (b_off, b.doc_offset(b_off)))
    return Paragraph(a.text + " " + b.text[b_off:], a.start, b.end,
                     a.seg_para + [shift + sp - b_off for sp, _ in keep], a.seg_doc + [sd for _, sd in keep],
                     a.heading, a.marker_kind, a.marker, a.body_offset, a.footnote_refs + b.footnote_refs, a.index)


def _list_runs_to_end(text: str, ctx: Context) -> bool:
    """Does the last 'giao / yêu cầu / đề nghị' list its doers up to the end ('… đề nghị Sở A; Sở B;')?"""
    last = None
    for m in _FIND_CUE.finditer(text):
        last = m
    if last is None:
        return False
    r = _org_doers(text, last.end(), ctx, semicolons=True)
    return bool(r) and r[1] >= len(text.rstrip(" ;,")) - 1


def _join_split_sentences(node: Node, ctx: Context) -> None:
    """Join a paragraph cut in the middle of its sentence to the rest of it: '… khẩn trương' / 'hoàn thành trước …',
    or a list of doers that goes on in the next bullet ('… đề nghị Sở A; Sở B;' / '- Hiệp hội …; … tổ chức …')."""
    kids = node.children
    i = 0
    while i + 1 < len(kids):
        ch, nx = kids[i], kids[i + 1]
        if ch.para is None or nx.para is None or ch.children or nx.children or nx.kind not in (None, "bullet") \
                or ch.heading or (ch.kind is not None and ch.kind == nx.kind):
            i += 1
            continue
        text, nb = ch.para.text, nx.para.body if nx.kind else nx.para.text
        cut = (not _SENTENCE_END.search(text) and _LOWER_START.match(nb) and nx.kind is None) or (
            _OPEN_END.search(text) and _list_runs_to_end(text, ctx)) or (
            nx.kind is None and _HEAD_AT_END.search(text) and nb[:1].isupper() and _has_cue_word(text))
        if not cut:
            i += 1
            continue
        ch.para = _join(ch.para, nx.para, nx.para.body_offset if nx.kind else 0)
        del kids[i + 1]


_ADDRESS_NOTE = re.compile(r"\s*\((?:[Đđ]ịa chỉ|ĐC|[Tt]rụ sở)\s*:")


def _addressee_doers(ctx: Context) -> list[dict]:
    """The bodies a công văn is addressed to ('Kính gửi: - Sở Y tế; - UBND các xã, phường')."""
    out: list[dict] = []
    names: set[str] = set()  # of the bodies in out (a set: a list of 3,200 addressees is read in linear time)
    for line in ctx.addressees:
        line = _ADDRESS_NOTE.split(line, 1)[0].strip(" .;,")  # 'Công ty X (Địa chỉ: …)': the name only
        if line[:4] in ("Các ", "Cơ q"):
            line = line[0].lower() + line[1:]
        orgs, end = scan_org_list_ro(line, 0, allow_semicolon=True)
        if len(line.split()) <= 16 and not re.search(r"[,;:()]", line) and (
                (len(orgs) == 1 and orgs[0].kind != "group" and end < len(line)) or (not orgs and ORG_START.match(line))):
            # an addressee line names one body: keep it whole ('Ban Quản lý các khu công nghiệp')
            orgs = (Org(canonical(line), 0, len(line)),)
        for o in orgs:
            if o.agency and o.kind != "person_post" and o.name not in names:  # a doer's name as resolved, as before
                out.append(_doer(o, ctx))
                names.add(out[-1]["name"])
    return _why(out, "inherited: addressees")


# a line under an item that says who leads or supports it ('- Cơ quan chủ trì: Sở Tài chính.', 'Đơn vị phối hợp: …')
ROLE_LINE = patterns.phrase("role_line")
# a letter answering a request for guidance or an opinion ('Trả lời Văn bản số … về việc đề nghị hướng dẫn …')
_REPLY_OPENING = patterns.phrase("reply_opening")
_DOCUMENT_CLOSE = patterns.phrase("document_close")


def _is_role_line(node: Node) -> bool:
    """'- Cơ quan chủ trì: Sở Tài chính.' / '- Thực hiện: Thủ trưởng các cơ quan, …': a role line naming bodies."""
    if node.para is None or node.kind not in (None, "bullet") or node.children:
        return False
    line = node.para.text[node.para.body_offset:] if node.kind == "bullet" else node.para.text
    rm = ROLE_LINE.match(line)
    return rm is not None and bool(scan_org_list_ro(line, rm.end(), allow_semicolon=True)[0])


def _give_role(tasks: list[dict], role: str, names: str, ctx: Context) -> None:
    """Give the bodies of a role line to the tasks of the item above it: a lead line names their doers (in place of
    doers inherited from above), a support line adds supports."""
    orgs, _ = scan_org_list_ro(names, 0, allow_semicolon=True)
    doers = [{k: v for k, v in d.items() if k != "_why"} for d in doers_of([o for o in orgs if o.agency], ctx)]
    if not doers:
        return
    for t in tasks:
        names_held = {a["name"] for a in t["assignees"]}
        if role == "phối hợp":
            # a body the item already names more fully is no other body ('UBND các xã, phường ven biển')
            t["assignees"] += [{**d, "role": "support"} for d in doers if d["name"] not in names_held
                               and not any(h.startswith(d["name"] + " ") for h in names_held)]
        else:
            own = [a for a in t["assignees"] if a["role"] == "support"]
            t["assignees"] = [{**d, "role": "lead"} for d in doers] + [a for a in own if a["name"] not in {d["name"] for d in doers}]
            t["reason"], t["confidence"] = "explicit: role line", CONFIDENCE.get("explicit: label", 0.9)


def _give_time(tasks: list[dict], dline: DeadlineLine) -> None:
    """Give the time of a 'Thời hạn: …' line to the tasks above it that have none."""
    for t in tasks:
        # ('… bảo đảm 100% trạm y tế có bác sĩ làm việc thường xuyên …' / '- Thời gian hoàn thành: Quý II/2026.': the
        # line's time, not a word of the sentence, is when the item is due)
        said = (t.get("recurrence") or {}).get("rule") == "continuous" and t.get("deadline_reason") == "recurrence: in sentence"
        if t["deadline"] is None and (t.get("recurrence") is None or (said and dline.deadlines)):
            d = dline.deadlines[0] if dline.deadlines else None
            t["deadline"] = d.value if d else None
            t["deadline_text"] = d.text if d else None
            t["deadlines"] = [{"value": x.value, "text": x.text} for x in dline.deadlines]
            t["deadline_time"] = d.time if d else None
            t["recurrence"] = dline.recurrence.as_dict() if dline.recurrence and not d else None
            t["deadline_reason"] = "deadline: line under item" if d else ("recurrence: line under item" if t["recurrence"] else None)


def _give_recipients(tasks: list[dict], names: list[str]) -> None:
    """Give the recipients a closing sentence or a time line names ('- Thời gian thực hiện: … ; kết quả kiểm tra gửi về
    Sở Y tế trước ngày 05/10/2026.') to the tasks above it, but never a task's own lead."""
    for t in tasks:
        leads = {a["name"] for a in t["assignees"] if a["role"] == "lead"}
        t["report_to"] += [n for n in names if n not in t["report_to"] and n not in leads]


def _lead_in(text: str, ctx: Context) -> list[dict] | None:
    text = _ARTICLE_LABEL.sub("", text, count=1)  # 'Điều 5. Sở Xây dựng có trách nhiệm:'
    if not text.rstrip().endswith(":") or _RECIPIENTS_END.search(text):
        return None  # ('… triển khai thực hiện./. Nơi nhận:' is the signature block run into the text)
    changes = _changes(text, ctx, [])
    if not changes and len(text) < 200 and (orgs := _parse_doer_heading(text)):
        # a doer-only label over the items below ('Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:')
        return _why(doers_of(orgs, ctx), "inherited: heading")
    for c in changes:
        if c.kind in ("cue", "subject"):
            # 'Giao Sở Tư pháp chủ trì, phối hợp với các cơ quan, đơn vị liên quan:' — the support goes to each item too
            names = {d["name"] for d in c.doers}
            sup = [d for (x, _), d in _support(text, ctx) if d is not None and x >= c.pos and d["name"] not in names]
            return _why(c.doers + list({d["name"]: d for d in sup}.values()), "inherited: lead-in")
    return _hands_out(text, ctx)


_HANDS_OUT = patterns.phrase("hands_out")
_BARE_MEMBERS = patterns.phrase("bare_members")
_OWNER = re.compile(r"\s+của\s+(?=[%s])" % UPPER)
_OWN_DUTY = re.compile(r"\s+(?:chịu|có) trách nhiệm(?![\w])")
_DUTY_SUBJECT = patterns.phrase("duty_subject")
_DUTY_SUBJECT_WORDS = patterns.required_words(_DUTY_SUBJECT)
_SHORT_NAME = re.compile(r"\(gọi tắt là\s+(?P<short>[^()]{3,80}?)\s*\)")


def _hands_out(text: str, ctx: Context) -> list[dict] | None:
    """'Ban Chỉ đạo … (gọi tắt là Ban Chỉ đạo tỉnh) thống nhất phân công nhiệm vụ cho các thành viên như sau:' -> the
    members of the Ban Chỉ đạo tỉnh lead the items below; a named object ('… phân công cho Sở Tài chính …:') leads them."""
    m = _HANDS_OUT.search(text)
    if not m:
        return None
    who = " ".join(m.group("who").split())
    if _BARE_MEMBERS.fullmatch(who):
        sm = _SHORT_NAME.search(text, 0, m.start())
        body = sm.group("short") if sm else None
        if body is None and (r := _org_doers(text[:m.start()], 0, ctx, allow_admin=False)):
            body = r[0][0]["name"]
        return _why([{"name": f"{who} {body}" if body else who, "role": "lead", "generic": True}], "inherited: lead-in")
    r = _org_doers(text, m.start("who"), ctx, allow_admin=False)
    return _why(r[0], "inherited: lead-in") if r else None


_DELEGATES = re.compile(r"(?:^|\n)\s*Điều\s+1\s*[.:]\s*Ủy quyền cho\s+")


def _delegate_doers(paras: list[Paragraph], ctx: Context) -> list[dict] | None:
    """A decision that delegates ('Điều 1. Ủy quyền cho Giám đốc Sở Công Thương …'): the duties its articles set
    without naming a doer (the conditions of the delegation) are the delegate's."""
    if "Ủy quyền cho" not in ctx.text:
        return None
    m = _DELEGATES.search(ctx.text)
    if m:
        r = _org_doers(ctx.text, m.end(), ctx, allow_admin=False)
        return _why(r[0], "inherited: delegate") if r else None
    return None


def _opening_doers(text: str, ctx: Context) -> list[dict] | None:
    """The bodies an opening paragraph hands the items to ('… Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành, địa
    phương nghiêm túc triển khai các nội dung sau:'): the last 'giao / yêu cầu / đề nghị' naming bodies other than
    the issuer; None when the opening only names its issuer ('UBND tỉnh ban hành Kế hoạch … như sau:')."""
    for c in reversed(_changes(text, ctx, [])):
        if c.kind == "cue" and c.doers and not _all_issuer(c.doers, ctx) \
                and not any(_is_issuer(d["name"], ctx) for d in c.doers):
            return _why(c.doers, "inherited: opening")
    return None


def _trivial_lead_in(text: str) -> bool:
    t = _ARTICLE_LABEL.sub("", text.strip(), count=1)  # 'Điều 5. Sở Xây dựng có trách nhiệm:'
    t = t[ORDER_CUE_OPENING.match(t).end():].lstrip() if ORDER_CUE_OPENING.match(t) else t
    orgs, end = scan_org_list_ro(t, 0)
    rest = t[end:] if orgs else t
    rest = re.sub(r"(?:chủ trì|,|phối hợp(?: với)?|các cơ quan,? đơn vị(?: có)? liên quan|thực hiện|các nội dung|sau|như sau|"
                  r"(?:có|chịu) trách nhiệm|có nhiệm vụ|:|\s)+", " ", rest).strip()
    return len(rest.split()) <= 3


_PART_BOUNDARY = re.compile(r"[.;]\s+|,\s+|\s+(?=và\s)")


def _deadline_parts(seg: str, ctx: Context) -> list[tuple[int, int]]:
    """Cut a directive with several finishing deadlines into one part per deadline, at the first clause boundary
    after each earlier deadline ('…, hoàn thành trong tháng 4/2026; … Hoàn thành … trước ngày 20/5/2026')."""
    dls = find_deadlines(seg, ctx.default_year, ctx.not_before)
    if len({d.value for d in dls}) < 2:
        return [(0, len(seg))]
    cuts = []
    for prev, d in zip(dls, dls[1:]):
        if d.value == prev.value:
            continue
        m = _PART_BOUNDARY.search(seg, prev.end, d.start)
        if m:
            cuts.append(m.end())
    bounds = [0] + cuts + [len(seg)]
    return [(x, y) for x, y in zip(bounds, bounds[1:]) if seg[x:y].strip()]


_PERIODIC_REPORT = re.compile("|".join(e["pattern"] for e in patterns.load("task_times")["periodic_report"]))
_YEAR = re.compile(r"\d{4}")


_YEAR_DEADLINE = re.compile(patterns.load("task_times")["year_deadline"]["pattern"])
_YEAR_DEADLINE_WORDS = patterns.required_words(_YEAR_DEADLINE)


def year_deadline(text: str) -> tuple[str, str] | None:
    """('2026', phrase) for 'hoàn thành … trong năm 2026' in ``text``: the year the work must be done in."""
    if "năm" not in text or not patterns.may_match(text, _YEAR_DEADLINE_WORDS, False):
        return None
    m = _YEAR_DEADLINE.search(text)
    return (m.group("y") or m.group("y2") or m.group("y3"), " ".join(m.group(0).split())) if m else None


def periodic_dates(dls: list, item_texts) -> bool:
    """True when every date of ``dls`` is printed without a year and one of ``item_texts`` (the item, then the items
    it sits under) is a periodic reporting schedule ('Báo cáo 6 tháng: … trước ngày 05/7'): the date comes back each
    period, so it is no deadline."""
    return bool(dls) and not any(_YEAR.search(d.text) for d in dls) and any(
        _PERIODIC_REPORT.search(t) for t in item_texts)


def _item_texts(p: Paragraph, node: "Node | None", depth: int = 3):
    """The paragraph's text, then the texts of the items above it (nearest first), lazily."""
    yield p.text
    n = node.parent if node is not None else None
    while n is not None and depth > 0:
        if n.para is not None:
            yield n.para.text
        n, depth = n.parent, depth - 1


_LABEL_ONLY = re.compile(r"(?:[Đđ]ối với|[Vv]ề)\s+[^:.;]{1,150}:\s*")


def _unit_tasks(p: Paragraph, body_off: int, ref: str, topic: str | None, inherited: list[dict], ctx: Context,
                item_body: bool = False, node: Node | None = None) -> list[dict]:
    text = p.text[body_off:]
    if not text.strip():
        return []
    if "quyền" in text and _DELEGATION_ACT.search(text, 0, 240) and not _has_cue(text[:300]):
        return []  # 'Chủ tịch UBND tỉnh ủy quyền đồng chí X, Phó Chủ tịch … thực hiện …': a delegation, no order
    sup_all = _support(text, ctx)
    rep_all = _report_to(text, ctx)
    sup_spans = [sp for sp, _ in sup_all]
    sup_all = [(sp, d) for sp, d in sup_all if d is not None]
    rep_spans = [sp for sp, _ in rep_all]
    # 'thống nhất … nội dung phân công tại Đề án theo hướng: Bộ A chủ trì …; Bộ B chủ trì …': what a text is to say
    described = [(m.end(), (e.start() if (e := _SENTENCE_END.search(text, m.end())) else len(text)))
                 for m in _DESCRIBES.finditer(text)] if "theo " in text else []
    changes = _changes(text, ctx, sup_spans + rep_spans + described)
    if len(changes) > 1:
        # 'Giao Sở Y tế tiến hành rà soát, giao nhiệm vụ các Trung tâm Y tế khu vực, Trạm Y tế cấp xã đăng ký …': the
        # doer of the sentence hands the work on to its own units, in the same sentence; they are no new doer
        changes = [c for k, c in enumerate(changes) if not (
            k > 0 and c.kind == "cue" and not c.sentence_start and _HANDS_ON_DUTY.match(text, c.pos)
            and changes[k - 1].kind in ("cue", "subject") and changes[k - 1].doers)]
        # '… xác định giải ngân là nhiệm vụ trọng tâm; người đứng đầu chịu trách nhiệm …': the heads of the bodies named
        # before, no new doer
        changes = [c for k, c in enumerate(changes) if not (
            k > 0 and c.kind == "subject" and c.doers and all(_HEADS_ONLY.fullmatch(d["name"]) for d in c.doers)
            and any(p.doers for p in changes[:k]))]
    if changes and ctx.issuer_level not in ("xã", "phường", "đặc khu"):
        # '… giao Ủy ban nhân dân xã Di Linh giải quyết …; trường hợp …, Ủy ban nhân dân xã chủ động …': the committee
        # just named in full, named short (not in a commune's own notice, where 'UBND xã' is the issuer)
        changes = [_named_before(c, text) for c in changes]
    if inherited and changes and changes[0].pos == 0 and changes[0].kind == "subject" and changes[0].doers \
            and all(_HEADS_ONLY.fullmatch(d["name"]) for d in changes[0].doers):
        # '… các xã, phường tập trung thực hiện các nội dung sau:' / '1. Người đứng đầu trực tiếp chỉ đạo …': the heads of
        # the bodies named above
        changes[0] = replace(changes[0], doers=inherited)
    from_above = bool(inherited) and all(d.get("_why") == "inherited: heading" for d in inherited)
    if from_above and changes:
        # 'UBND các tỉnh: … b) Phối hợp …, rà soát, yêu cầu các tổ chức, doanh nghiệp …': a cue inside the item,
        # in lower case and not opening a sentence, is the item's doer passing work on, not a new doer
        changes = [c for c in changes if not (c.kind == "cue" and c.pos > 0 and not c.sentence_start
                                              and text[c.pos:c.pos + 1].islower()
                                              and text[:c.pos].rstrip().endswith((",", ";", " và")))
                   and not _passes_on(c, text) and not _directed(c, text) and not _party_leads(c, text, inherited)]
        c0 = changes[0] if changes else None
        if c0 is not None and c0.pos == 0 and c0.kind == "subject" and all(d.get("generic") for d in c0.doers) \
                and all(d.get("generic") for d in inherited) and not _post_of(c0.doers, inherited) \
                and not all(_UMBRELLA.fullmatch(d["name"]) for d in inherited) \
                and not _GROUP_QUALIFIER.match(text, scan_org_list_ro(text, 0)[1]) \
                and not any(_HEAD_POST.match(d["name"]) for d in c0.doers) \
                and not any(fold(d["name"]).startswith(fold(i["name"]) + " ") for d in c0.doers for i in inherited) \
                and not any(d.get("members") for d in c0.doers):
            # (a subject that narrows the heading's bodies stays: '5. Các tổ dân phố' / '+ Các tổ dân phố còn lại …', or
            # lists which of them: '- Ủy ban nhân dân các phường: Minh Xuân, Nông Tiến … khẩn trương …')
            # (the heads of bodies, 'Thủ trưởng các cơ quan, đơn vị tại Điều 1 Quyết định này có trách nhiệm …', stay)
            # (a subject narrowed by a qualifier, 'Tổ chức, doanh nghiệp có giấy phép dịch vụ nổ mìn phải …', stays)
            # '2. Các cơ quan chuyên trách …; các chi bộ, đảng bộ cơ sở' / 'Các cấp ủy, tổ chức đảng chủ động …':
            # the item's generic subject restates the heading's bodies
            changes[0] = replace(c0, doers=inherited)
            # (not under an article for every body, 'Điều 3. Trách nhiệm của các cơ quan, đơn vị': '2. Các thành viên Tổ
            # công tác thực hiện …', '3. Các chủ đầu tư và UBND các xã, phường báo cáo …' name who of them)
    tm = _TOPIC.match(text)
    local_topic = tm.group("t") if tm else None
    # segments
    segs: list[tuple[int, int, list[dict], bool]] = []  # (start, end, doers, explicit)
    if not changes:
        segs.append((0, len(text), inherited, False))
    else:
        first = changes[0]
        pre = text[: first.pos]
        bounds = [c.pos for c in changes] + [len(text)]
        for k, c in enumerate(changes):
            segs.append((c.pos, bounds[k + 1], c.doers, "statement" if c.kind == "statement" else True))
        if pre.strip() and not re.fullmatch(r"\s*(?:[Vv]ề [^:]+:|[Rr]iêng)?\s*", pre):
            if first.kind == "statement":
                segs.insert(0, (0, first.pos, inherited, False))
            elif not is_directive(pre):
                s0 = segs[0]
                rest = text[first.pos:s0[1]]
                # context sentences join the first task, if what follows them is a directive
                segs[0] = (0, s0[1], s0[2], "context" if (first.kind == "cue" or is_directive(rest)) else True)
            elif first.kind == "subject" and not first.sentence_start and not (inherited and pre.rstrip().endswith(";")):
                # (after a semicolon the item's own duty ends: '… trước ngày 20/6/2026; Trung tâm Phục vụ hành chính
                # công xã tiếp nhận …' names the doer of the next clause only)
                s0 = segs[0]
                segs[0] = (0, s0[1], s0[2], True)  # '…, các xã, phường chủ động …' names the doer of the whole clause
            elif inherited and _same(inherited, first.doers) and first.kind == "subject":
                s0 = segs[0]
                segs[0] = (0, s0[1], s0[2], True)
            else:
                segs.insert(0, (0, first.pos, inherited, False))
        else:
            s0 = segs[0]
            segs[0] = (0, s0[1], s0[2], s0[3])
        # merge neighbours with the same doers
        merged: list[tuple[int, int, list[dict], bool]] = []
        for s in segs:
            if merged and _same(merged[-1][2], s[2]) and "statement" not in (s[3], merged[-1][3]):
                a = merged[-1]
                doers = s[2] if s[3] else a[2]
                merged[-1] = (a[0], s[1], doers, a[3] if a[3] == "context" else (a[3] or s[3]))
            else:
                merged.append(s)
        segs = merged
    out = []
    framing: list[str] = []
    for k, (a, b, doers, explicit) in enumerate(segs):
        seg = text[a:b].strip()
        lead = len(text[a:b]) - len(text[a:b].lstrip())
        a2 = a + lead
        if not seg or explicit == "statement" or ((k > 0 or not (item_body or (node is not None and node.kind))) and is_closing_formula(seg)) \
                or _LABEL_ONLY.fullmatch(seg):
            continue  # ('Đối với Đoàn kiểm tra:' before a sentence with a subject of its own is only its label)
        if not explicit and not is_directive(seg) and not (item_body and (item_body == "part" or _NAMES_DUTY.search(seg))
                                                            and not NON_DIRECTIVE_START.match(seg)
                                                            and not (item_body == "listed" and _PAST.match(seg))):
            continue
        if explicit is True and not is_directive(seg) and NON_DIRECTIVE_START.match(seg):
            continue
        lead_names = {d["name"] for d in doers}
        for part_no, (pa, pb) in enumerate(_deadline_parts(seg, ctx)):
            # one task per finishing deadline: '… trước 30/5/2026 và điều chỉnh dự án trước ngày 15/6/2026'
            piece = seg[pa:pb].strip()
            x0, x1 = a2 + pa, a2 + pa + len(piece)
            da, db = p.doc_offset(body_off + x0), p.doc_offset(body_off + x1 - 1) + 1
            lo, hi = (a, b) if part_no == 0 and pb == len(seg) else (max(a, x0), min(b, x1))
            sup = [d for (x, _), d in sup_all if lo <= x < hi and d["name"] not in lead_names]
            rep = list(dict.fromkeys(n for (x, _), n in rep_all if lo <= x < hi))
            dls = find_deadlines(piece, ctx.default_year, ctx.not_before)
            rec = None if dls else find_recurrence(piece)  # a repeating time is not one date: deadline stays null
            if periodic_dates(dls, _item_texts(p, node)):
                rec = Recurrence("yearly", dls[0].value[5:] if len(dls[0].value) == 10 else None, dls[0].text)
                dls = []
            yd = year_deadline(piece) if not dls and rec is None else None
            if yd:
                dls = [Deadline(yd[0], yd[1], 0, 0)]
            refs = [r for r in p.footnote_refs if re.search(r"(?<=\S)" + re.escape(r.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))) + r"(?!\d)", piece)]
            based = _based_on(da, db, ctx, refs)
            based += [n for n in _anaphora(piece, da, ctx) if n not in based]
            if k == 0 and part_no == 0:
                framing = _framing(da, db, ctx)
            elif framing:
                based = based + [n for n in framing if n not in based]
            leads = [{key: v for key, v in d.items() if key != "_why"} for d in doers]
            reason, confidence = _task_reason(doers, explicit)
            out.append({
                "ref": ref,
                "topic": local_topic or topic,
                "text": piece,
                "assignees": leads + list({s["name"]: s for s in sup}.values()),
                "deadline": dls[0].value if dls else None,
                "deadline_text": dls[0].text if dls else None,
                "deadlines": [{"value": d.value, "text": d.text} for d in dls],
                "deadline_time": dls[0].time if dls else None,
                "recurrence": rec.as_dict() if rec else None,
                "deadline_reason": "deadline: in sentence" if dls else ("recurrence: in sentence" if rec else None),
                "based_on": based,
                # (not the doer itself; one of several doers gathers their results: 'Giao các Bộ: Công an, Tài chính,
                # Xây dựng có ý kiến …, gửi Bộ Xây dựng')
                "report_to": [r for r in rep if len(leads) > 1 or r not in {d["name"] for d in leads}],
                "span": [da, db],
                "reason": reason,
                "confidence": confidence,
            })
    return out
