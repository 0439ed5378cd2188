"""Table-driven tests of the extraction rules on real strings from notices (and the pattern data's own examples)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders import patterns
from loaders import dates as dates_module
from loaders import normalize as normalize_module
from loaders import tasks as tasks_module
from loaders.citations import NUMBER, find_citations, merge, named_mentions
from loaders.dates import find_deadlines, find_recurrence, last_day, parse_date, read_deadline_line
from loaders.extract import extract_path, extract_text
from loaders.normalize import fix_tones, fold, normalize
from loaders.notice import admin_units, attendees, meeting_kind
from loaders.orgs import ORG_START, scan_group, scan_org_list
from loaders.structure import build_layout
from loaders.task_tables import column_role, read_time_cell, split_bodies


# --- pattern data carries its own examples -------------------------------------------------------------

@pytest.mark.parametrize("num", patterns.load("documents")["number_examples"])
def test_number_examples_match_whole(num):
    m = NUMBER.match(num)
    assert m and m.group(0) == num


@pytest.mark.parametrize("entry", patterns.load("documents")["named_types"])
def test_named_type_examples_carry_their_name(entry):
    text, number, name = entry["example"]
    assert [(c.number, c.name) for c in find_citations(text)] == [(number, name)]


@pytest.mark.parametrize("text,name,resolves", patterns.load("documents")["name_follower_examples"])
def test_name_follower_examples(text, name, resolves):
    cited = "Căn cứ Luật Đầu tư số 143/2025/QH15 ngày 11/12/2025; "
    cits = merge(find_citations(cited + text))
    assert [c.name for c in cits][0] == name
    got = [(cited + text)[m.start:m.end] for m in named_mentions(cited + text, cits)]
    assert got == ([name] if resolves else [])


@pytest.mark.parametrize("text,number,typ", patterns.load("documents")["issuer_code_examples"])
def test_issuer_code_examples(text, number, typ):
    assert [(c.number, c.type) for c in find_citations(text)] == [(number, typ)]


@pytest.mark.parametrize("phrase,value", patterns.load("dates")["examples"])
def test_deadline_examples(phrase, value):
    ds = find_deadlines(f"Giao Sở Y tế thực hiện, {phrase}.", default_year=2026)
    assert [d.value for d in ds] == [value]


@pytest.mark.parametrize("phrase,time", patterns.load("dates")["time_examples"])
def test_deadline_time_examples(phrase, time):
    ds = find_deadlines(f"Giao Sở Y tế thực hiện, {phrase}.", default_year=2026)
    assert [d.time for d in ds] == [time]


@pytest.mark.parametrize("phrase", patterns.load("dates")["not_deadline_examples"])
def test_not_deadline_examples(phrase):
    assert find_deadlines(f"Giao Sở Y tế {phrase}.", default_year=2026) == []


@pytest.mark.parametrize("entry", patterns.load("dates")["recurrence"], ids=lambda e: e["example"])
def test_recurrence_examples(entry):
    r = find_recurrence(entry["example"])
    assert r is not None and (r.rule, r.on) == (entry["rule"], entry["on"])
    assert r.text in entry["example"]


@pytest.mark.parametrize("line,value", patterns.load("dates")["deadline_line_examples"])
def test_deadline_line_examples(line, value):
    got = read_deadline_line(line, 2026)
    assert got is not None
    assert [d.value for d in got.deadlines] == ([value] if value else [])
    assert (got.recurrence is not None) == (value is None)


@pytest.mark.parametrize("entry", patterns.load("meetings")["kinds"], ids=lambda e: e["kind"])
def test_meeting_kind_examples(entry):
    for ex in entry["examples"]:
        assert meeting_kind(ex) == entry["kind"]


@pytest.mark.parametrize("group", [g for g in patterns.load("agencies")["groups"]], ids=lambda g: g["examples"][0])
def test_group_examples(group):
    for ex in group["examples"]:
        g = scan_group(ex + " thực hiện", 0)
        assert g is not None and g.end == len(ex), ex


# --- organisations ------------------------------------------------------------------------------------

ORG_CASES = [
    ("Giao Sở Giáo dục và Đào tạo chủ trì, phối hợp", 5, ["Sở Giáo dục và Đào tạo"]),
    ("Giao Trung tâm Phát triển quỹ đất tỉnh khẩn trương hoàn thiện", 5, ["Trung tâm Phát triển quỹ đất tỉnh"]),
    ("Giao Sở Y tế trên cơ sở rà soát các nội dung", 5, ["Sở Y tế"]),
    ("phối hợp chặt chẽ với Sở Xây dựng, Sở Văn hóa, Thể thao và Du lịch trong quá trình", 22,
     ["Sở Xây dựng", "Sở Văn hóa, Thể thao và Du lịch"]),
    ("Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường trên cương vị công tác", 0,
     ["Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các xã, phường"]),
    ("Đối với Huyện uỷ, HĐND, UBND, Ủy ban MTTQ huyện Lộc Bình:", 8,
     ["Huyện ủy Lộc Bình", "HĐND huyện Lộc Bình", "UBND huyện Lộc Bình", "Ủy ban MTTQ huyện Lộc Bình"]),
    ("Sở Nội vụ chủ trì, phối hợp với Sở Tài chính", 0, ["Sở Nội vụ"]),
    ("của Tỉnh ủy Lào Cai thành các chương trình, đề án", 4, ["Tỉnh ủy Lào Cai"]),
    ("Trung tâm Phục vụ hành chính công xã", 0, ["Trung tâm Phục vụ hành chính công xã"]),
    ("Văn phòng HĐND và UBND xã", 0, ["Văn phòng HĐND và UBND xã"]),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Văn phòng UBND tỉnh.", 0, ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Văn phòng UBND tỉnh"]),
    ("Văn phòng Điều phối Chương trình xây dựng nông thôn mới tỉnh, Bộ", 0,
     ["Văn phòng Điều phối Chương trình xây dựng nông thôn mới tỉnh"]),
    ("Ủy ban nhân dân các xã, phường, đặc khu tổ chức", 0, ["UBND các xã, phường, đặc khu"]),
    ("Sở NN&MT chủ trì", 0, ["Sở Nông nghiệp và Môi trường"]),
    ("Ban hành văn bản hướng dẫn", 0, []),
    ("các cơ quan chủ quản các Chương trình (Sở Nông nghiệp và Phát triển nông thôn, Sở Lao động - Thương binh và Xã hội, "
     "Ban Dân tộc tỉnh) theo chức năng", 0, ["các cơ quan chủ quản các Chương trình"]),
]


@pytest.mark.parametrize("text,start,names", ORG_CASES, ids=[c[0][:40] for c in ORG_CASES])
def test_org_lists(text, start, names):
    text = normalize(text).text
    orgs, _ = scan_org_list(text, start)
    assert [o.name for o in orgs] == names


def test_group_members_from_parentheses():
    orgs, _ = scan_org_list(ORG_CASES[-1][0], 0)
    assert orgs[0].members == ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Lao động - Thương binh và Xã hội", "Ban Dân tộc tỉnh"]


def test_attendee_shorthand_keeps_one_agency_with_commas():
    s = ("Tham dự Đoàn kiểm tra có lãnh đạo các Sở, ngành: Tài chính, Nông nghiệp và Môi trường, Văn hóa, Thể thao và Du lịch, "
         "Công an tỉnh, Thuế tỉnh, Văn phòng UBND tỉnh.")
    assert attendees([s]) == ["Sở Tài chính", "Sở Nông nghiệp và Môi trường", "Sở Văn hóa, Thể thao và Du lịch",
                              "Công an tỉnh", "Thuế tỉnh", "Văn phòng UBND tỉnh"]


def test_attendee_list_stops_at_people():
    s = "các đồng chí Lãnh đạo các cơ quan: Tài chính, Xây dựng, Thanh tra tỉnh, Văn phòng UBND tỉnh và Chủ tịch UBND 65 xã, phường."
    assert attendees([s]) == ["Sở Tài chính", "Sở Xây dựng", "Thanh tra tỉnh", "Văn phòng UBND tỉnh"]


def test_admin_unit_lists():
    t = "đối với các xã Chi Lăng, Nhân Lý, Quan Sơn và Vạn Linh; kiểm tra tại xã Xuân Dương, huyện Lộc Bình"
    assert admin_units(t) == ["xã Chi Lăng", "xã Nhân Lý", "xã Quan Sơn", "xã Vạn Linh", "xã Xuân Dương", "huyện Lộc Bình"]
    # a list that ends a paragraph (a title line) does not run on into the next one
    t = "quy hoạch chung các xã: Đức Trọng, Hiệp Thạnh, Đinh Văn Lâm Hà\nNgày 22/4/2026, đồng chí Nguyễn Hồng Hải chủ trì"
    assert admin_units(t) == ["xã Đức Trọng", "xã Hiệp Thạnh", "xã Đinh Văn Lâm Hà"]
    ts = _tasks(t + " cuộc họp.\n1. Giao UBND các xã: Đức Trọng, Hiệp Thạnh, Đinh Văn Lâm Hà hoàn thành hồ sơ trước ngày 24/4/2026.")
    assert ts[-1]["assignees"][0]["members"] == ["UBND xã Đức Trọng", "UBND xã Hiệp Thạnh", "UBND xã Đinh Văn Lâm Hà"]


# --- citations ----------------------------------------------------------------------------------------

CITATION_CASES = [
    ("Căn cứ Quyết định số 2688/QĐ-UBND ngày 15/12/2025 của UBND tỉnh về việc giao chỉ tiêu",
     [("2688/QĐ-UBND", "Quyết định", "2025-12-15", "UBND tỉnh")]),
    ("Nghị quyết số 24-NQ/TU, ngày 03/3/2026 của Ban Thường vụ Tỉnh ủy về phát triển nông, lâm nghiệp",
     [("24-NQ/TU", "Nghị quyết", "2026-03-03", "Ban Thường vụ Tỉnh ủy")]),
    ("theo quy định tại Nghị định số 185/2026/NĐ-CP ngày 26/5/2026 của Chính phủ.",
     [("185/2026/NĐ-CP", "Nghị định", "2026-05-26", "Chính phủ")]),
    ("Công điện số 14/CĐ-TTg ngày 15/02/2026 của Thủ tướng Chính phủ về việc tập trung",
     [("14/CĐ-TTg", "Công điện", "2026-02-15", "Thủ tướng Chính phủ")]),
    ("Tập trung thực hiện hiệu quả Kế hoạch số 130/KH-UBND ngày của UBND tỉnh Chương trình hành động",
     [("130/KH-UBND", "Kế hoạch", None, "UBND tỉnh")]),
    ("thực hiện có hiệu quả Đề án 06 về dữ liệu dân cư", [("06", "Đề án", None, None)]),
    ("bám sát tiêu chí đánh giá chỉ số PAR Index, Bộ chỉ số 766 về tỷ lệ hồ sơ giải quyết đúng hạn", [("766", "other", None, None)]),
    ("Chú trọng phát triển kinh tế tư nhân theo tinh thần Nghị quyết số 68-NQ/TW của Bộ Chính trị;",
     [("68-NQ/TW", "Nghị quyết", None, "Bộ Chính trị")]),
    ("Trên cơ sở Kế hoạch số 06-KH/TU, ngày 28/11/2025 của Ban Thường vụ Tỉnh uỷ về đào tạo",
     [("06-KH/TU", "Kế hoạch", "2025-11-28", "Ban Thường vụ Tỉnh ủy")]),
    ("Đề án phát triển giao thông nông thôn tỉnh Lạng Sơn giai đoạn 2026 – 2030", []),
    ("xây dựng nông thôn mới năm 2024 theo Nghị quyết HĐND xã giao", []),
]


@pytest.mark.parametrize("text,expected", CITATION_CASES, ids=[c[0][:40] for c in CITATION_CASES])
def test_citations(text, expected):
    cits = merge(find_citations(normalize(text).text))
    assert [(c.number, c.type, c.date, c.issuer) for c in cits] == expected


def test_citation_cited_twice_keeps_richest():
    t = ("Nghị quyết số 57-NQ/TW và các văn bản chỉ đạo. Trọng tâm là Nghị quyết số 57-NQ/TW ngày 22/12/2024 "
         "của Bộ Chính trị.")
    (c,) = merge(find_citations(t))
    assert (c.number, c.date, c.issuer, len(c.spans)) == ("57-NQ/TW", "2024-12-22", "Bộ Chính trị", 2)


def test_nested_citation_in_subject():
    t = ("Công văn số 3009/UBND-TH ngày 26/12/2025 của UBND tỉnh về việc thực hiện Kết luận số 226-KL/TW, "
         "ngày 11/12/2025 của Ban Bí thư về việc chấn chỉnh lề lối làm việc")
    c3009, c226 = merge(find_citations(t))
    assert c3009.subject_span[0] <= c226.spans[0][0] < c3009.subject_span[1]
    assert (c226.type, c226.issuer) == ("Kết luận", "Ban Bí thư")


# --- dates --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Ngày 20 tháng 4 năm 2026, Chủ tịch UBND tỉnh", "2026-04-20"),
    ("Ngày 21/5/2026, đồng chí", "2026-05-21"),
    ("Lạng Sơn, ngày      tháng 4 năm 2024", "2024-04"),
])
def test_parse_date(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize("text,expected", [
    ("phấn đấu hoàn thành trước ngày 20/6/2026, tránh thất thoát", ["2026-06-20"]),
    ("gửi Sở Nội vụ chậm nhất ngày 25/5/2026 để tổng hợp", ["2026-05-25"]),
    ("báo cáo, đề xuất UBND tỉnh trong tháng 5/2026.", ["2026-05"]),
    ("Trong quý I/2026, tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tăng 7,05%", []),
    ("xây dựng trong năm 2026", []),
])
def test_deadlines(text, expected):
    assert [d.value for d in find_deadlines(text, 2026, "2026-04-20")] == expected


@pytest.mark.parametrize("value,end", [("2026-05", "2026-05-31"), ("2024-Q3", "2024-09-30"), ("2026-02", "2026-02-28"),
                                       ("2026-06-10", "2026-06-10")])
def test_last_day(value, end):
    assert last_day(value) == end


# --- normalisation and layout -------------------------------------------------------------------------

def test_tone_fix_is_syllable_level():
    assert fix_tones("Nguyễn Cảnh Toàn hoàn thành Kế hoạch; Tỉnh uỷ; Quý III; Văn hoá") == \
        "Nguyễn Cảnh Toàn hoàn thành Kế hoạch; Tỉnh ủy; Quý III; Văn hóa"


_TONES = patterns.load("tones")


@pytest.mark.parametrize("text,fixed", _TONES["fixed_examples"]
                         + [(p["example"], p["fixed"]) for p in _TONES["glide_pairs"]])
def test_tone_rule_moves_the_mark_to_the_glide(text, fixed):
    assert fix_tones(text) == fixed
    assert fix_tones(fixed) == fixed  # the glide placement is left as it is
    assert normalize(text).text == fixed  # every document goes through it


@pytest.mark.parametrize("text", _TONES["unchanged_examples"]
                         + [e["example"] for e in _TONES["initials_absorbing_glide"]])
def test_tone_rule_leaves_other_syllables(text):
    assert fix_tones(text) == text


def test_tone_rule_in_running_text():
    # case kept per letter, whole syllables only, and offsets keep (same length)
    text = "CỘNG HOÀ XÃ HỘI; Hoà giải ở cơ sở; hoàn thành quý I; Thoả thuận của Toà; Uỷ ban; khuya; thuỷ văn."
    fixed = fix_tones(text)
    assert fixed == "CỘNG HÒA XÃ HỘI; Hòa giải ở cơ sở; hoàn thành quý I; Thỏa thuận của Tòa; Ủy ban; khuya; thủy văn."
    assert len(fixed) == len(text)


def test_fold():
    assert fold("Nghị quyết 02/2026/NQ-HĐND") == "nghi quyet 02/2026/nq-hdnd"


def test_fold_text_is_the_decomposition_of_the_whole_text():
    """The per-character table filled in as characters are met gives what the decomposition of the whole text
    without its combining marks gives, over Vietnamese, other scripts, lone and stacked marks, the combining
    grapheme joiner (a mark of class 0, kept), Hangul and characters beyond the Basic Multilingual Plane."""
    import random

    from loaders.normalize import _fold_slow, fold_text

    pools = ["Đđ ẮắỰựỖỗ ƠơƯư àáảãạ ÀÁẢÃẠ", "\u0300\u0301\u0303\u0309\u0323\u034f\u0654", "ΟΔΟΣ άέ Ωω", "ÅåÇçÑñØøÆæß ǅǈ",
             "한국어 日本語 Ⅻ ﬁ ㎞", "𝐀𝐁 😀 ", "abc XYZ 123 \t\n–“”…"]
    rng = random.Random(7)
    texts = ["".join(rng.choice(rng.choice(pools)) for _ in range(rng.randrange(0, 40))) for _ in range(3000)]
    vietnamese = pools[0] + pools[1][:5] + "abc XYZ 123 \t\n"  # letters and the tone marks alone: the short way
    texts += ["".join(rng.choice(vietnamese) for _ in range(rng.randrange(0, 40))) for _ in range(1000)]
    assert [fold_text(t) for t in texts] == [_fold_slow(t) for t in texts]


@pytest.mark.parametrize("raw,joined", [
    ("phấn đấu **hoàn thành trước**\n\n**ngày 20/6/2026**, tránh", "phấn đấu hoàn thành trước ngày 20/6/2026, tránh"),
    ("tại các văn bản: Chỉ thị số 02/CT-\n\nUBND ngày 08/01/2026 của", "tại các văn bản: Chỉ thị số 02/CT-UBND ngày 08/01/2026 của"),
    ("Ngày 23/4/2024, đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh đã chủ trì \n\nkiểm tra tình hình",
     "Ngày 23/4/2024, đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh đã chủ trì kiểm tra tình hình"),
])
def test_layout_joins_broken_lines(raw, joined):
    paras = build_layout(normalize(raw)).paragraphs
    assert [p.text for p in paras] == [joined]


def test_footnote_in_the_middle_of_a_sentence():
    raw = "thu ngân sách vượt 269,2% kế\n\n<sup>1</sup> Quyết định số 58-QĐ/TU ngày 20/11/2025.\n\nhoạch; xã Vạn Linh vượt"
    lay = build_layout(normalize(raw))
    assert [p.text for p in lay.paragraphs] == ["thu ngân sách vượt 269,2% kế hoạch; xã Vạn Linh vượt"]
    assert lay.footnotes["1"].text == "Quyết định số 58-QĐ/TU ngày 20/11/2025."


def test_paragraph_spans_point_into_normalized_text():
    nt = normalize("Giao Sở Y tế\nchủ trì thực hiện")
    p = build_layout(nt).paragraphs[0]
    a, b = p.span(p.text.index("chủ trì"), len(p.text))
    assert nt.text[a:b] == "chủ trì thực hiện"


# --- tasks on small real passages ---------------------------------------------------------------------

NOTICE = """Số: /TB-UBND
Lạng Sơn, ngày   tháng 4 năm 2026
THÔNG BÁO
Kết luận của đồng chí Trần Thanh Nhân, Phó Chủ tịch UBND tỉnh tại buổi làm việc với các sở
Ngày 20/4/2026, đồng chí Trần Thanh Nhân, Phó Chủ tịch UBND tỉnh làm việc với các sở. Tham dự có lãnh đạo các Sở, ngành: Nội vụ, Tài chính.
Sau khi nghe báo cáo, đồng chí Phó Chủ tịch UBND tỉnh kết luận như sau:
1. {item}
Nơi nhận:
- Như trên;
- Lưu: VT.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Nguyễn Văn Hà
"""


def _tasks(item):
    return extract_text(NOTICE.format(item=item))["tasks"]


def test_two_doers_two_deadlines_are_two_tasks():
    ts = _tasks("UBND các xã, phường đề xuất nhu cầu hợp đồng giáo viên gửi Sở Nội vụ chậm nhất ngày 25/5/2026 để tổng hợp; "
                "Sở Nội vụ trình UBND tỉnh chậm nhất ngày 10/6/2026 để trình HĐND tỉnh xem xét.")
    assert [([a["name"] for a in t["assignees"]], t["deadline"], t["report_to"]) for t in ts] == [
        (["UBND các xã, phường"], "2026-05-25", ["Sở Nội vụ"]),
        (["Sở Nội vụ"], "2026-06-10", ["UBND tỉnh"]),
    ]


def test_lead_and_support_roles():
    (t,) = _tasks("Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính tổng hợp, đánh giá rõ nhu cầu đầu tư.")
    assert [(a["name"], a["role"]) for a in t["assignees"]] == [("Sở Y tế", "lead"), ("Sở Tài chính", "support")]


def test_context_sentence_citation_grounds_the_task():
    (t,) = _tasks("Hiện nay, Bộ Y tế đã ban hành Thông tư số 07/2026/TT-BYT ngày 14/4/2026 về tiêu chuẩn. "
                  "Giao Sở Y tế chủ trì xây dựng kế hoạch.")
    assert [a["name"] for a in t["assignees"]] == ["Sở Y tế"] and t["based_on"] == ["07/2026/TT-BYT"]


def test_issuer_of_the_request_is_not_a_doer():
    ts = _tasks("Chủ tịch UBND tỉnh yêu cầu Sở Tài chính khẩn trương rà soát.")
    assert [a["name"] for t in ts for a in t["assignees"]] == ["Sở Tài chính"]


# --- notices from other provinces (copied from the shared extra set, no annotations) ------------------

EXTRA = Path(__file__).parent / "fixtures" / "extra"


def test_cong_van_without_numbered_items():
    rec = extract_path(EXTRA / "13_laocai-cv-2496.txt")
    assert (rec["notice"]["number"], rec["notice"]["issuer"], rec["notice"]["date"]) == ("2496/UBND-KT", "UBND tỉnh Lào Cai", "2026-04-06")
    t = rec["tasks"][0]
    assert [(a["name"], a["role"]) for a in t["assignees"]][0] == ("Sở Công Thương", "lead")
    assert (t["deadline"], t["based_on"], t["report_to"]) == ("2026-04-15", ["2265/BCT-ATMT"], ["UBND tỉnh"])


def test_docx_text_with_table_cells_lam_dong():
    rec = extract_path(EXTRA / "01_lamdong-tbkl-cchc.txt")
    assert rec["notice"]["issuer"] == "UBND tỉnh Lâm Đồng"
    assert rec["notice"]["signer"]["name"] == "Trịnh Ngọc Duệ"
    assert (rec["meeting"]["date"], rec["meeting"]["chair"]["name"]) == ("2026-01-22", "Nguyễn Ngọc Phúc")
    # 'Giao Sở Tư pháp chủ trì, phối hợp …:' is a lead-in: its a), b), c) are Sở Tư pháp's tasks
    tp = [t for t in rec["tasks"] if t["ref"].startswith("II.1.")]
    assert len(tp) >= 3 and all(t["assignees"][0]["name"] == "Sở Tư pháp" for t in tp)


def test_office_notice_with_unit_headings_lao_cai():
    rec = extract_path(EXTRA / "09_laocai-tb-vp-cum-cong-nghiep.txt")
    assert rec["notice"]["issuer"] == "Văn phòng UBND tỉnh Lào Cai"
    assert rec["meeting"]["chair"]["name"] == "Nguyễn Tuấn Anh"
    assert rec["meeting"]["attendees"] == ["Sở Công Thương", "Sở Tài chính", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường",
                                           "Văn phòng UBND tỉnh"]
    leads = {t["ref"]: [a["name"] for a in t["assignees"] if a["role"] == "lead"] for t in rec["tasks"]}
    # a heading names the doer; a support list ('phối hợp với A, B và C …') does not take it over
    assert leads["II.6"] == ["Công ty Điện lực Lào Cai"]
    assert leads["II.3"] == ["Sở Xây dựng"]
    assert "UBND các xã, phường có cụm công nghiệp" in {a["name"] for t in rec["tasks"] for a in t["assignees"]}
    assert {c["number"] for c in rec["citations"]} >= {"34-NQ/TU", "134/KH-UBND", "32/2024/NĐ-CP", "1382/QĐ-UBND"}


def _essentials(rec):
    n = rec["notice"]
    return (n["number"], n["issuer"], n["date"], (n["signer"] or {}).get("name"), rec["meeting"],
            sorted(c["number"] for c in rec["citations"]),
            [(t["ref"], [a["name"] for a in t["assignees"] if a["role"] == "lead"], t["deadline"]) for t in rec["tasks"]])


def test_two_column_pdf_text_reads_like_the_plain_one():
    layout = extract_path(EXTRA / "11_laocai-cv-7432-layout.txt")
    plain = extract_path(EXTRA / "11_laocai-cv-7432-nolayout.txt")
    assert _essentials(layout) == _essentials(plain)
    assert _essentials(layout)[:5] == ("7432/UBND-XD", "UBND tỉnh Lào Cai", "2026-07-21", "Phan Trung Bá", None)
    assert "1074/QĐ-BXD" in _essentials(layout)[5]


def test_inspection_with_unit_labels_and_numbered_wards():
    rec = extract_path(EXTRA / "05_lamdong-kiem-tra-cao-toc.txt")
    m = rec["meeting"]
    assert (m["kind"], m["chair"]["name"], m["chair"]["title"]) == (
        "inspection", "Nguyễn Hồng Hải", "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh")
    assert m["communes"] == ["Phường 2 Bảo Lộc", "xã Đạ Huoai"]
    leads = {t["ref"]: [a["name"] for a in t["assignees"] if a["role"] == "lead"] for t in rec["tasks"]}
    assert leads["II.4.b"] == ["UBND xã Bảo Lâm 2"]  # 'UBND xã Bảo Lâm 2: Rà soát …'
    assert leads["II.4.e"] == ["Sở Xây dựng"]  # 'Sở Xây dựng: Tiếp tục duy trì …'
    assert leads["II.3"] == ["Ban Quản lý dự án đầu tư xây dựng số 1"]
    # investors are given tasks too, named by their project as the heading names them
    assert leads["II.1.a"] == ["Nhà đầu tư của 02 dự án đường bộ cao tốc Tân Phú – Bảo Lộc và Bảo Lộc – Liên Khương"]
    assert "II.4.f.-2" in leads  # 'Căn cứ chức năng, nhiệm vụ được giao, chủ động giải quyết …'


def test_cong_van_with_unit_headings_lam_dong():
    rec = extract_path(EXTRA / "07_lamdong-cv-par-papi.txt")
    assert rec["meeting"] is None
    leads = {t["ref"]: [a["name"] for a in t["assignees"] if a["role"] == "lead"] for t in rec["tasks"]}
    assert leads["I.2.a"] == ["Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch tỉnh"]
    assert leads["I.1.a"] == ["Văn phòng UBND tỉnh"]
    assert {t["deadline"] for t in rec["tasks"] if t["ref"].startswith("I.1.")} >= {"2025-12-10", "2025-12-20"}
    # 'Kính gửi: | - Các cơ quan ...;' (a table row in the export): the cell edge and bullet are not part of the name
    assert rec["notice"]["addressees"] == ["Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh",
                                           "Ban Quản lý các khu công nghiệp", "Ủy ban nhân dân các xã, phường, đặc khu"]


def test_cong_van_subject_is_its_title():
    """A công văn has no kind line: its 'V/v …' subject (over several lines) is its trích yếu."""
    rec = extract_path(EXTRA / "13_laocai-cv-2496.txt")
    assert rec["notice"]["kind"] == "CÔNG VĂN"
    assert rec["notice"]["title"] == "triển khai thực hiện thủ tục cấp Giấy phép vận chuyển hàng hóa nguy hiểm loại 1,2,3,4,9"
    assert extract_path(EXTRA / "01_lamdong-tbkl-cchc.txt")["notice"]["kind"] == "THÔNG BÁO"


# --- task tables (loaders/task_tables.py): pattern data carries its own examples ----------------------------

@pytest.mark.parametrize("col", patterns.load("task_tables")["columns"], ids=lambda c: c["role"])
def test_task_table_column_examples(col):
    assert column_role(col["example"]) == col["role"]
    for n in col["names"]:
        assert column_role(n.capitalize()) == col["role"]


_TT = patterns.load("task_tables")


@pytest.mark.parametrize("cell,value", _TT["quarter_list"]["examples"] + _TT["year"]["examples"] + _TT["month_year"]["examples"]
                         + _TT["month_alone"]["examples"])
def test_task_table_time_examples(cell, value):
    assert read_time_cell(cell, 2026).value == value


@pytest.mark.parametrize("cell,value", _TT["month_range"]["examples"] + _TT["half_year"]["examples"])
def test_task_table_month_range_examples(cell, value):
    assert read_time_cell(cell, 2026).value == value


@pytest.mark.parametrize("cell", _TT["year_span"]["examples"])
def test_a_span_of_years_is_no_deadline(cell):
    assert re.match(_TT["year_span"]["regex"], cell) and read_time_cell(cell, 2026).value is None


@pytest.mark.parametrize("cell", _TT["year_span"]["non_examples"])
def test_year_span_near_misses(cell):
    assert not re.match(_TT["year_span"]["regex"], cell) and read_time_cell(cell, 2026).value is not None


@pytest.mark.parametrize("cell", _TT["no_doer"]["examples"])
def test_task_table_no_doer_examples(cell):
    assert re.match(_TT["no_doer"]["regex"], cell)
    assert not re.match(_TT["no_doer"]["regex"], "Sở Tài chính")


@pytest.mark.parametrize("row", _TT["superior_doers"]["examples"])
def test_task_table_superior_doer_examples(row):
    from loaders.normalize import normalize as _n
    from loaders.task_tables import find_task_tables, table_tasks
    nt = _n("TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn\n1 | " + row + " | Năm 2026")
    (tb,) = find_task_tables(nt.text, nt.raw_lines)
    assert tb.rows[0].leads and table_tasks(tb) == []


@pytest.mark.parametrize("entry", _TT["recurrence"], ids=lambda e: e["example"])
def test_task_table_recurrence_examples(entry):
    assert read_time_cell(entry["example"]).recurrence["rule"] == entry["rule"]


@pytest.mark.parametrize("cell", _TT["start_only"]["examples"])
def test_task_table_start_only_examples(cell):
    assert read_time_cell(cell).value is None


@pytest.mark.parametrize("entry", _TT["extra_heads"], ids=lambda e: e["head"])
def test_task_table_extra_head_examples(entry):
    names = [n for n, _ in split_bodies(entry["example"])]
    assert len(names) == 2 and names[1].startswith(entry["head"])


# --- meetings.json and signatures.json: every entry's examples ------------------------------------------------

@pytest.mark.parametrize("entry", [k for k, v in patterns.load("meetings").items() if isinstance(v, dict) and "pattern" in v])
def test_meeting_pattern_examples(entry):
    import re
    d = patterns.load("meetings")[entry]
    rx = re.compile(d["pattern"], re.I)
    for ex in d["examples"]:
        assert rx.search(ex), (entry, ex)
    for ex in d.get("counter_examples", []):
        assert not rx.search(ex), (entry, ex)


@pytest.mark.parametrize("run,name", patterns.load("meetings")["surnames"]["examples"])
def test_surname_examples(run, name):
    from loaders.meeting import split_name
    words = run.split()
    assert " ".join(words[split_name(words):]) == name


@pytest.mark.parametrize("text", patterns.load("meetings")["leader_posts"]["examples"])
def test_leader_post_examples(text):
    from loaders.meeting import chair_from_text
    chair = chair_from_text(text)
    assert chair is not None and chair.name and text.startswith(chair.title)


def test_signature_pattern_examples():
    import re
    sg = patterns.load("signatures")
    rx = re.compile(sg["ranks"]["pattern"])
    for cell, name in sg["ranks"]["examples"]:
        assert rx.sub("", cell) == name
    from loaders.notice import _chain_line
    assert all(_chain_line(ex) for ex in sg["posts"]["examples"])


@pytest.mark.parametrize("text", patterns.load("meetings")["places_named_after_people"]["examples"])
def test_places_named_after_people_are_no_chair(text):
    from loaders.meeting import chair_from_text
    assert chair_from_text(f"Ngày 02/4/2026, {text} chủ trì cuộc họp.".replace("chủ trì chủ trì", "chủ trì")) is None


# --- task word lists (patterns/tasks.json): every entry's real example is recognised ------------------------

@pytest.mark.parametrize("entry", patterns.load("tasks")["directive_starts"]["entries"], ids=lambda e: e["words"])
def test_directive_start_examples(entry):
    from loaders.tasks import IMPERATIVE

    m = IMPERATIVE.match(entry["example"])
    assert m and re.fullmatch(entry["words"], m.group(0), re.I), entry


@pytest.mark.parametrize("example", [x for e in patterns.load("tasks")["order_cues"]["entries"] for x in e["examples"]],
                         ids=lambda x: x[0][:30])
def test_order_cue_examples(example):
    from loaders.tasks import order_cues

    text, is_order = example
    assert bool(order_cues(text)) is is_order, text


@pytest.mark.parametrize("entry", patterns.load("tasks")["non_directive_starts"]["entries"], ids=lambda e: e["words"][:30])
def test_non_directive_start_examples(entry):
    from loaders.tasks import is_directive

    from loaders.tasks import NON_DIRECTIVE_START as starts

    assert starts.match(entry["example"]) and re.match(entry["words"], entry["example"], re.I)
    assert not is_directive(entry["example"]), entry


@pytest.mark.parametrize("entry", patterns.load("tasks")["evaluative_headings"]["entries"], ids=lambda e: e["words"][:30])
def test_evaluative_heading_examples(entry):
    from loaders.tasks import EVALUATIVE_HEADING

    assert EVALUATIVE_HEADING.match(entry["example"]), entry


@pytest.mark.parametrize("entry", patterns.load("tasks")["descriptive_headings"]["entries"], ids=lambda e: e["words"][:30])
def test_descriptive_heading_examples(entry):
    from loaders.tasks import is_descriptive_heading

    assert re.match(entry["words"], entry["example"], re.I) and is_descriptive_heading(entry["example"]), entry


@pytest.mark.parametrize("entry", patterns.load("task_times")["periodic_report"], ids=lambda e: e["pattern"][:30])
def test_periodic_report_examples(entry):
    for ex in entry["examples"]:
        assert re.search(entry["pattern"], ex), ex


@pytest.mark.parametrize("text,name", patterns.load("agencies")["name_words"]["examples"])
def test_name_words_keep_the_whole_name(text, name):
    assert [o.name for o in scan_org_list(text, 0)[0]] == [name]


def test_year_deadline_examples():
    from loaders.tasks import year_deadline
    entry = patterns.load("task_times")["year_deadline"]
    for text, year in entry["examples"]:
        assert year_deadline(text)[0] == year, text
    for text in entry["not_examples"]:
        assert year_deadline(text) is None, text


@pytest.mark.parametrize("text,name", patterns.load("agencies")["scope_suffixes"]["examples"])
def test_scope_suffix_is_part_of_the_name(text, name):
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text,name", patterns.load("agencies")["per_commune_units"]["examples"]
                         + patterns.load("agencies")["branch_suffix"]["examples"])
def test_a_commune_unit_or_a_branch_is_named_whole(text, name):
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text,name", patterns.load("agencies")["group_qualifier"]["examples"])
def test_group_qualifier_names_the_doer(text, name):
    ts = _tasks(text[0].upper() + text[1:] + ".")
    assert [a["name"] for a in ts[0]["assignees"] if a["role"] == "lead"] == [name]


@pytest.mark.parametrize("text,numbers", [
    ("theo Nghị định số 105/2025/NĐ-CP¹, cơ quan đăng kiểm", ["105/2025/NĐ-CP"]),  # a footnote mark ends a number
    ("Luật số 42/2024/QH15² ngày 29/6/2024 quy định", ["42/2024/QH15"]),
    ("Văn bản số 787/C06-P3 ngày 29/01/2026 đề nghị", ["787/C06-P3"]),  # a digit inside a code stays
    # a law named at length before its number: the code with its term ('QH15') gives the type
    ("theo Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ số 42/2024/QH15 ngày 29/6/2024", ["42/2024/QH15"]),
    # older codes joined by a dot; OCR's 'Ð' inside a code; a space before the slash; OCR-spaced digits are no number
    ("và thay thế Quyết định số 01/1999/QĐ.UB ngày 15/01/1999 của UBND tỉnh.", ["01/1999/QĐ.UB"]),
    ("ban hành kèm theo Quyết định số 555/QĐÐ-BCT ngày 20/02/2026", ["555/QĐÐ-BCT"]),
    ("Theo đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 920 /TTr-SCT ngày 12/5/2025", ["920/TTr-SCT"]),
    ("Số:8 5 2 0/BCT-KHCN Hà Nội, ngày 30 tháng 12 năm 2021", []),
    ("ụ, 4 2129/BCT-KHCN gửi Sở Công Thương các tỉnh", ["2129/BCT-KHCN"]),
])
def test_number_ends_before_a_footnote_mark(text, numbers):
    assert [c.number for c in find_citations(text)] == numbers


@pytest.mark.parametrize("raw,body,footnote", [
    # a plain-digit mark glued to a document number: only the footnote line citing that number tells it apart
    ("Theo quy định tại Điều 41 Luật số 42/2024/QH151 ngày 29/6/2024, thẩm quyền cấp phép do cơ quan Công an.\n"
     "1 Luật Quản lý, sử dụng vũ khí, vật liệu nổ số 42/2024/QH15 ngày 29/6/2024",
     "Theo quy định tại Điều 41 Luật số 42/2024/QH15¹ ngày 29/6/2024, thẩm quyền cấp phép do cơ quan Công an.",
     ("1", "Luật Quản lý, sử dụng vũ khí, vật liệu nổ số 42/2024/QH15 ngày 29/6/2024")),
    ("hiện tại Quy chuẩn QCVN 122:2024/BGTVT3, chưa quy định hạng mục kiểm tra.\n"
     "3 QCVN122:2024/BGTVT quy chuẩn kỹ thuật quốc gia về xe ô tô",
     "hiện tại Quy chuẩn QCVN 122:2024/BGTVT³, chưa quy định hạng mục kiểm tra.",
     ("3", "QCVN122:2024/BGTVT quy chuẩn kỹ thuật quốc gia về xe ô tô")),
    # an indented footnote, cut by a page break in the middle of a number, ends at the page number
    ("- Thực hiện nghiêm các quy định của pháp luật về khoáng sản1.\n- Đề cao trách nhiệm của người đứng đầu, đặc biệt là\n\n"
     "   1 Nghị quyết số 10-\n\nNQ/TW ngày 10/02/2022 của Bộ Chính trị…\n            2\n\ntrái phép.",
     "- Đề cao trách nhiệm của người đứng đầu, đặc biệt là trái phép.",
     ("1", "Nghị quyết số 10- NQ/TW ngày 10/02/2022 của Bộ Chính trị…")),
    # a footnote cut by a blank line mid-sentence goes on; a lower-case line after its last sentence is body again
    ("Việc kiểm tra theo Thông tư 47/2024/TT-BGTVT4 chưa\n\n4 Thông tư 47/2024/TT-BGTVT ngày 15/11/2024 quy định trình tự\n\n"
     "kiểm định xe cơ giới.\ncó quy định cụ thể về hạng mục kiểm tra.",
     "Việc kiểm tra theo Thông tư 47/2024/TT-BGTVT⁴ chưa có quy định cụ thể về hạng mục kiểm tra.",
     ("4", "Thông tư 47/2024/TT-BGTVT ngày 15/11/2024 quy định trình tự kiểm định xe cơ giới.")),
])
def test_footnotes_glued_to_numbers_and_cut_by_pages(raw, body, footnote):
    lay = build_layout(normalize(raw))
    assert lay.paragraphs[-1].text == body
    assert (footnote[0], lay.footnotes[footnote[0]].text) == footnote


@pytest.mark.parametrize("text,numbers", [
    # a letter of the code mistyped once, the same day of issue: one document, spelled as cited most often
    ("theo Thông tư số 36/2025/TT-BNNMT ngày 02/7/2025; Điều 10 Thông tư số 36/2025/TT-BNMT ngày 02/7/2025 của Bộ Nông "
     "nghiệp và Môi trường; Điều 11 Thông tư số 36/2025/TT-BNNMT ngày 02/7/2025", ["36/2025/TT-BNNMT"]),
    # another day, or two different issuers: two documents
    ("Thông tư số 36/2025/TT-BTP ngày 02/7/2025 và Thông tư số 36/2025/TT-BTC ngày 03/7/2025",
     ["36/2025/TT-BTP", "36/2025/TT-BTC"]),
    ("Thông tư số 36/2025/TT-BTP ngày 02/7/2025 của Bộ Tư pháp và Thông tư số 36/2025/TT-BTC ngày 02/7/2025 của Bộ Tài chính",
     ["36/2025/TT-BTP", "36/2025/TT-BTC"]),
])
def test_a_mistyped_code_of_the_same_document_merges(text, numbers):
    assert [c.number for c in merge(find_citations(text))] == numbers


def test_number_cut_at_a_hyphen_is_the_one_cited_in_full():
    text = "Chính phủ đã ban hành Nghị định số 15/2018/NĐ-\n1 AVỨCP quy định. Theo Nghị định số 15/2018/NĐ-CP, cơ sở phải"
    assert [c.number for c in merge(find_citations(text))] == ["15/2018/NĐ-CP"]
    # a different document with the same stem stays apart when the text does not cut it
    assert [c.number for c in merge(find_citations("Kế hoạch số 141/KH và Kế hoạch số 141/KH-UBND"))] == ["141/KH", "141/KH-UBND"]


@pytest.mark.parametrize("text,name", patterns.load("agencies")["group_grammar"]["examples"])
def test_group_of_listed_kinds(text, name):
    """A group named by the kinds of bodies it lists is one group, up to a kind that another entry names in more words."""
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text,names", [
    ("UBND các xã, phường và các đơn vị liên quan", ["UBND các xã, phường", "các đơn vị liên quan"]),
    # each group with its own 'các' is a group; a bare kind after 'và' goes on the same one
    ("các Sở, ban, ngành và các cơ quan, đơn vị, địa phương liên quan", ["các Sở, ban, ngành", "các cơ quan, đơn vị, địa phương liên quan"]),
    ("các sở, ban, ngành và các đơn vị khác có liên quan", ["các sở, ban, ngành", "các đơn vị khác có liên quan"]),
    ("các Sở, ban, ngành và địa phương liên quan", ["các Sở, ban, ngành và địa phương liên quan"]),
    ("các cơ quan liên quan và các địa phương có rừng", ["các cơ quan liên quan", "các địa phương có rừng"]),
    ("cơ quan thuế, Sở Tài chính", ["cơ quan thuế", "Sở Tài chính"]),
    ("Ủy ban Kiểm tra Tỉnh ủy, Ban Nội chính Tỉnh ủy, Kiểm toán khu vực VII phối hợp",
     ["Ủy ban Kiểm tra Tỉnh ủy", "Ban Nội chính Tỉnh ủy", "Kiểm toán khu vực VII"]),
])
def test_groups_that_stay_apart(text, names):
    assert [o.name for o in scan_org_list(text, 0)[0]] == names


_PHRASES = {k: v for k, v in patterns.load("tasks")["phrases"].items() if not k.startswith("$")}


@pytest.mark.parametrize("key,text", [(k, x) for k, v in _PHRASES.items() for x in v["examples"]])
def test_phrase_examples_match(key, text):
    rx = patterns.phrase(key)
    assert (rx.search if _PHRASES[key].get("search") else rx.match)(text), (key, text)


@pytest.mark.parametrize("key,text", [(k, x) for k, v in _PHRASES.items() for x in v["non_examples"]])
def test_phrase_near_misses_do_not_match(key, text):
    assert not patterns.phrase(key).search(text), (key, text)


def test_role_line_names_its_role():
    assert patterns.phrase("role_line").match("Đơn vị chủ trì thực hiện: Công an tỉnh")["role"] == "chủ trì"


@pytest.mark.parametrize("text,one_body", patterns.load("agencies")["own_body_heads"]["examples"])
def test_own_body_head_after_a_post(text, one_body):
    from loaders.orgs import scan_org

    org = scan_org(text, text.index("Giám đốc"))
    assert (org is not None and org.name == "Giám đốc Sở") == one_body, org


@pytest.mark.parametrize("text", patterns.load("agencies")["another_post_follows"]["examples"])
def test_another_post_follows(text):
    from loaders.orgs import ANOTHER_POST_FOLLOWS

    assert ANOTHER_POST_FOLLOWS.match(text)



@pytest.mark.parametrize("doer", patterns.load("agencies")["local_levels"]["examples"])
def test_local_level_examples_are_doers(doer):
    from loaders.orgs import LOCAL_LEVEL

    assert re.search(r"(?<![\w])(?:%s)(?![\w])" % LOCAL_LEVEL, doer)
    text = ("UBND TỈNH LÂM ĐỒNG\nSố: 12/UBND-KT\nLâm Đồng, ngày 10 tháng 4 năm 2026\nV/v rà soát\n"
            "1. Giao %s khẩn trương rà soát, báo cáo UBND tỉnh trước ngày 30/6/2026.\n" % doer)
    (task,) = extract_text(text)["tasks"]
    assert task["assignees"][0]["name"].endswith(doer.split()[-1]), task


@pytest.mark.parametrize("raw,read", patterns.load("tones")["legacy_glyphs"]["examples"])
def test_legacy_glyphs_read_as_their_letter(raw, read):
    assert normalize(raw).text == read


@pytest.mark.parametrize("typed,name", [("Chủ tịch UBND UBND cấp xã", "Chủ tịch UBND cấp xã"),
                                        ("Ủy ban nhân dân Ủy ban nhân dân tỉnh", "UBND tỉnh"),
                                        ("Sở Sở Tài chính", "Sở Tài chính"),
                                        ("Ban Quản lý dự án đầu tư xây dựng số 1", "Ban Quản lý dự án đầu tư xây dựng số 1")])
def test_a_head_typed_twice_is_read_once(typed, name):
    from loaders.orgs import canonical

    assert canonical(typed) == name


def test_posts_in_lower_case_go_on_a_list():
    """'… yêu cầu thủ trưởng các sở, ban, ngành tỉnh, chủ tịch UBND các huyện, thị xã, thành phố …': the heads of
    two kinds of bodies, both in lower case after the cue."""
    names = [o.name for o in scan_org_list("thủ trưởng các sở, ban, ngành tỉnh, chủ tịch UBND các huyện, thị xã, "
                                           "thành phố trong phạm vi trách nhiệm", 0)[0]]
    assert names == ["thủ trưởng các sở, ban, ngành tỉnh", "chủ tịch UBND các huyện, thị xã, thành phố"]


@pytest.mark.parametrize("text,name", patterns.load("agencies")["group_grammar"]["bare_lists"]["examples"])
def test_kinds_listed_without_cac_after_voi_are_a_group(text, name):
    """'phối hợp với sở, ban, ngành': a list of kinds without 'các' names a group after 'với' / 'phối hợp' only."""
    i = text.index(name)
    assert [o.name for o in scan_org_list(text, i)[0]] == [name]


@pytest.mark.parametrize("text", patterns.load("agencies")["group_grammar"]["bare_lists"]["not_examples"])
def test_kinds_listed_without_cac_elsewhere_are_no_group(text):
    assert scan_org_list(text, text.index("sở, ban"))[0] == []


@pytest.mark.parametrize("text,names", patterns.load("agencies")["list_last_kinds"]["examples"])
def test_a_kind_alone_ends_a_list_of_bodies(text, names):
    """'…, lực lượng chức năng và địa phương': the last kind of a partner list is a doer of its own."""
    text = normalize(text).text
    assert [o.name for o in scan_org_list(text, text.index("với ") + 4)[0]] == names


def test_a_kind_alone_is_no_body_outside_a_list():
    assert scan_org_list("ngân sách địa phương và Trung ương", 10)[0] == []


@pytest.mark.parametrize("text,name", patterns.load("agencies")["numbered_units"]["examples"])
def test_numbered_military_unit_is_part_of_the_name(text, name):
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text,expected", patterns.load("tones")["capitalised_names"]["examples"])
def test_names_written_in_lower_case_read_as_names(text, expected):
    from loaders.normalize import normalize

    assert normalize(text).text == expected


@pytest.mark.parametrize("text,names", patterns.load("agencies")["not_heads"]["examples"])
def test_event_words_are_no_heads(text, names):
    assert [o.name for o in scan_org_list(text, 0)[0]] == names


@pytest.mark.parametrize("text,names", patterns.load("agencies")["office_short_forms"]["examples"])
def test_offices_by_their_short_form(text, names):
    assert [o.name for o in scan_org_list(text, 0)[0]] == names


@pytest.mark.parametrize("text,names", patterns.load("agencies")["steering_committees"]["examples"])
def test_steering_committees_named_for_their_field(text, names):
    assert [o.name for o in scan_org_list(text, 0)[0]] == names


@pytest.mark.parametrize("text,names", patterns.load("agencies")["numbered_committees"]["examples"])
def test_committees_known_by_their_number(text, names):
    assert [o.name for o in scan_org_list(text, 0)[0]] == names


@pytest.mark.parametrize("text,name", patterns.load("agencies")["lower_tail_heads"]["examples"])
def test_lower_case_tail_goes_on_the_name_up_to_a_verb(text, name):
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text,name", patterns.load("agencies")["own_unit_tails"]["examples"])
def test_own_units_go_on_in_lower_case_over_a_field_or_an_object(text, name):
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text,name", patterns.load("agencies")["lower_run_heads"]["examples"])
def test_a_units_name_after_its_kind_in_lower_case(text, name):
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text,name", patterns.load("agencies")["name_stops"]["examples"])
def test_name_stops_end_the_name(text, name):
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text", patterns.load("agencies")["tail_stops"]["examples"])
def test_tail_stops_end_the_name(text):
    name = scan_org_list(text, 0)[0][0].name
    rest = text[len(name) + 1:]
    assert text.startswith(name + " ") and any(re.match(re.escape(w) + r"(?!\w)", rest)
                                               for w in patterns.load("agencies")["tail_stops"]["words"]), (text, name)


@pytest.mark.parametrize("text,name", [
    ("Đoàn Đại biểu Quốc hội tỉnh giám sát việc thực hiện", "Đoàn Đại biểu Quốc hội tỉnh"),
    ("Đoàn ĐBQH tỉnh tổng hợp ý kiến cử tri", "Đoàn ĐBQH tỉnh"),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh chuẩn bị", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"),
])
def test_a_province_delegation_to_the_national_assembly_is_a_body(text, name):
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text,name", patterns.load("agencies")["not_levels"]["examples"])
def test_a_word_that_opens_with_a_level_word_is_no_level(text, name):
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text,names", patterns.load("agencies")["unit_fields"]["examples"])
def test_a_units_field_is_read_whole_over_its_commas(text, names):
    start = ORG_START.search(text).start()
    assert [o.name for o in scan_org_list(text, start)[0]] == names


@pytest.mark.parametrize("text,names", patterns.load("agencies")["comma_joined_heads"]["examples"])
def test_comma_joined_parts_are_one_name(text, names):
    assert [o.name for o in scan_org_list(text, 0)[0]] == names


@pytest.mark.parametrize("text,name", [
    # a duty verb (patterns/tasks.json directive_starts) after the name: not the name's lower-case tail
    ("Chi cục Chăn nuôi và Thú y nắm chắc tình hình dịch bệnh", "Chi cục Chăn nuôi và Thú y"),
    ("Trung tâm Kiểm soát bệnh tật siết chặt việc giám sát", "Trung tâm Kiểm soát bệnh tật"),
    ("Phòng Quản lý đất đai tháo gỡ vướng mắc", "Phòng Quản lý đất đai"),
    # ... nor the second syllable of its last capitalised word
    ("Ngân hàng Nhà nước Việt Nam chuẩn bị nguồn vốn", "Ngân hàng Nhà nước Việt Nam"),
    ("Công ty TNHH Hóa chất Tằng Loỏng bổ sung biển cảnh báo", "Công ty TNHH Hóa chất Tằng Loỏng"),
    # ... nor a syllable after a place's name: two capitalised words in a row are a proper name, complete as written
    ("Trung tâm Y tế khu vực Bảo Lộc lấy mẫu xét nghiệm", "Trung tâm Y tế khu vực Bảo Lộc"),
    ("Trung tâm Y tế khu vực Bảo Lộc tiến hành rà soát", "Trung tâm Y tế khu vực Bảo Lộc"),
    ("VNPT Lâm Đồng tiến hành nâng cấp đường truyền", "VNPT Lâm Đồng"),
    # ... nor the next line's first word ('3. Sở Xây dựng' as an item's heading, its duties below)
    ("Sở Xây dựng\nTập trung hướng dẫn cấp xã, phường", "Sở Xây dựng"),
    ("Trung tâm Kiểm soát bệnh tật\nthực hiện giám sát", "Trung tâm Kiểm soát bệnh tật"),
    ("Sở Nội vụ\nUBND tỉnh", "Sở Nội vụ"),
    # ... though a name wrapped at a line's end goes on there ('Ban Quản lý khu' + '\nKinh tế')
    ("Ban Quản lý khu\nKinh tế tỉnh thực hiện", "Ban Quản lý khu Kinh tế tỉnh"),
    ("Trung tâm Phát triển\nQuản lý quỹ đất thực hiện", "Trung tâm Phát triển Quản lý quỹ đất"),
    # ... nor a conjunction ('nên': so)
    ("Cục Thống kê nên cũng phần nào ảnh hưởng đến số liệu", "Cục Thống kê"),
    ("Ngân hàng Nhà nước Việt Nam xây dựng lộ trình", "Ngân hàng Nhà nước Việt Nam"),
    # a verb that is also a field a body is named for: part of the name, unless it has a plural object
    ("Trung tâm Kiểm định chất lượng xây dựng, Phòng Quản lý xây dựng", "Trung tâm Kiểm định chất lượng xây dựng"),
    ("Phòng Kinh tế xây dựng các tuyến du lịch cộng đồng", "Phòng Kinh tế"),
    ("Phòng Quản lý xây dựng xây dựng các tuyến du lịch cộng đồng", "Phòng Quản lý xây dựng"),
    ("Trung tâm Xúc tiến đầu tư chủ trì", "Trung tâm Xúc tiến đầu tư"),
    # ... or any object a lower-case word names; another field after it is the name's ('đầu tư xây dựng')
    ("Trung tâm Phát triển quỹ đất xây dựng khu tái định cư", "Trung tâm Phát triển quỹ đất"),
    ("Trung tâm Kiểm soát bệnh tật đầu tư trang thiết bị", "Trung tâm Kiểm soát bệnh tật"),
    ("Cục Quản lý đất đai xây dựng dữ liệu đất đai quốc gia", "Cục Quản lý đất đai"),
    ("Phòng Quản lý đầu tư xây dựng thẩm định", "Phòng Quản lý đầu tư xây dựng"),
    ("Viện Kinh tế xây dựng nghiên cứu", "Viện Kinh tế xây dựng"),
    ("Trung tâm Kiểm soát bệnh tật xây dựng, trình Sở Y tế phê duyệt", "Trung tâm Kiểm soát bệnh tật"),
    ("Trung tâm Kiểm soát bệnh tật xây dựng Kế hoạch phòng, chống dịch", "Trung tâm Kiểm soát bệnh tật"),
    # a field's words in lower case go on though their first syllable alone is a verb ('giao')
    ("Phòng Quản lý giao thông chủ trì", "Phòng Quản lý giao thông"),
    ("Phòng Quản lý giao nhiệm vụ cho Phòng Kinh tế", "Phòng Quản lý"),
    ("Chi cục Thủy lợi nắm chắc tình hình các xã", "Chi cục Thủy lợi"),  # (a lower-case run up to a level word)
    # the name is not extended over what its doer must do, or a following clause
    ("Sở Y tế chủ trì, phối hợp", "Sở Y tế"),
    ("Phòng Kinh tế hướng dẫn các xã", "Phòng Kinh tế"),
    ("Phòng Tài chính - Kế hoạch huyện thẩm định", "Phòng Tài chính - Kế hoạch huyện"),
    ("Phòng Văn hóa - Xã hội, Trạm Y tế xã", "Phòng Văn hóa - Xã hội"),
    ("Phòng Giáo dục và Đào tạo phân bổ vốn", "Phòng Giáo dục và Đào tạo"),
])
def test_a_name_stops_before_what_its_doer_does(text, name):
    assert scan_org_list(text, 0)[0][0].name == name


@pytest.mark.parametrize("text,name", [
    # a verb no list knows after a lower-case tail: the name ends where the document shows it ending elsewhere
    ("Giao Trung tâm Kiểm soát bệnh tật phun hóa chất diệt muỗi.\nNơi nhận:\n- Trung tâm Kiểm soát bệnh tật;",
     "Trung tâm Kiểm soát bệnh tật"),
    ("Giao Trung tâm Y tế khu vực tiêm vắc xin cho trẻ. Trung tâm Y tế khu vực chủ trì báo cáo.", "Trung tâm Y tế khu vực"),
    ("Giao Trung tâm Phát triển quỹ đất san lấp mặt bằng. Trung tâm Phát triển quỹ đất tỉnh báo cáo.",
     "Trung tâm Phát triển quỹ đất"),
    ("Giao Chi cục Thủy lợi điều tiết nước hồ chứa. Chi cục Thủy lợi, Chi cục Kiểm lâm phối hợp.", "Chi cục Thủy lợi"),
    # ... unless the whole reading is seen ending so too
    ("Giao Trung tâm Công nghệ thông tin thực hiện. Trung tâm Công nghệ, Trung tâm Công nghệ thông tin phối hợp.",
     "Trung tâm Công nghệ thông tin"),
    # ... nor where the shorter name elsewhere is followed by its own field ('Phòng Cảnh sát' + 'điều tra …')
    ("Phòng Cảnh sát điều tra tội phạm về ma túy, Phòng Cảnh sát hình sự", "Phòng Cảnh sát điều tra tội phạm về ma túy"),
])
def test_a_names_end_is_read_from_where_the_document_ends_it(text, name):
    start = ORG_START.search(text).start()
    assert scan_org_list(text, start)[0][0].name == name


def test_a_names_end_is_read_from_the_whole_document_though_tasks_are_read_by_paragraph():
    ts = _tasks("Giao Trung tâm Kiểm soát bệnh tật phun hóa chất diệt muỗi tại các ổ dịch, hoàn thành trước ngày "
                "30/4/2026.\n2. Giao Chi cục Thủy lợi điều tiết nước hồ chứa.\n3. Chi cục Thủy lợi, Trung tâm Kiểm soát "
                "bệnh tật báo cáo kết quả về Sở Y tế.")
    assert [(t["ref"], [a["name"] for a in t["assignees"]]) for t in ts] == [
        ("1", ["Trung tâm Kiểm soát bệnh tật"]), ("2", ["Chi cục Thủy lợi"]),
        ("3", ["Chi cục Thủy lợi", "Trung tâm Kiểm soát bệnh tật"])]
    # the evidence is the document's own: another document read after it does not see its names (and with none, a
    # verb no list knows stays on the name: the limit of the rule)
    ts = _tasks("Giao Trung tâm Kiểm soát bệnh tật phun hóa chất diệt muỗi tại các ổ dịch.")
    assert ts[0]["assignees"][0]["name"] == "Trung tâm Kiểm soát bệnh tật phun hóa chất diệt muỗi"


def test_a_departments_own_units_named_in_lower_case_are_doers():
    ts = _tasks("Giao Phòng Quản lý thương mại chủ trì, phối hợp với Trung tâm Khuyến công và Xúc tiến thương mại, "
                "Phòng Kỹ thuật an toàn - Môi trường thực hành tiết kiệm, chống lãng phí trong chi thường xuyên.")
    assert [(a["name"], a["role"]) for a in ts[0]["assignees"]] == [
        ("Phòng Quản lý thương mại", "lead"), ("Trung tâm Khuyến công và Xúc tiến thương mại", "support"),
        ("Phòng Kỹ thuật an toàn - Môi trường", "support")]
    ts = _tasks("Chi cục Chăn nuôi và Thú y tiêu độc, khử trùng môi trường chăn nuôi tại các vùng có nguy cơ cao.")
    assert [(a["name"], a["role"]) for a in ts[0]["assignees"]] == [("Chi cục Chăn nuôi và Thú y", "lead")]


# --- words a pattern needs (a sentence without them is passed over without a search) ------------------------

@pytest.mark.parametrize("rule", patterns.load("followups")["rules"], ids=lambda r: r["kind"])
def test_followup_examples_hold_a_required_word(rule):
    rx = re.compile(rule["regex"], re.I)
    words = patterns.required_words(rx)
    assert words  # every rule names a word it cannot do without
    for sentence in rule["examples"]:
        text = sentence if isinstance(sentence, str) else sentence[0]
        assert rx.search(text) and patterns.may_match(text, words, True)


@pytest.mark.parametrize("pattern,flags,text,match", [
    (r"\bthay thế\b", re.I, "Quyết định này THAY THẾ Quyết định số 12", True),
    (r"\bthay thế\b", re.I, "Quyết định này có hiệu lực từ ngày ký", False),
    (r"gia hạn\b[^.;]*?(?:đến|tới)\s+ngày", re.I, "GİA HẠN đến ngày 30/6", True),  # 'İ' matches 'i' case-blind
    (r"bãi bỏ", re.I, "Bãi bỏ Quyết định", True),
    (r"bãi bỏ", 0, "Bãi bỏ Quyết định", False),  # case-sensitive: the text as written
    (r"(?:Sở|Ban) (?:Y tế|Nội vụ)+", 0, "Sở Nội vụ", True),
])
def test_may_match_never_misses_a_match(pattern, flags, text, match):
    rx = re.compile(pattern, flags)
    assert bool(rx.search(text)) == match
    assert patterns.may_match(text, patterns.required_words(rx), bool(flags & re.I)) or not match
    if not match and "İ" not in text:
        assert not patterns.may_match(text, patterns.required_words(rx), bool(flags & re.I))


def test_required_words_none_without_literal():
    assert patterns.required_words(re.compile(r"\d{1,2}/\d{4}|[A-Z]+")) is None
    assert patterns.required_words(re.compile(r"(?i:gia hạn)")) is None  # an inline case-blind part: no shortcut
    # letters that match others case-blind than str.lower() says ('µ' matches Greek 'μ', 'ſ' matches 's')
    assert patterns.required_words(re.compile(r"µg|mg", re.I)) is None
    assert patterns.required_words(re.compile(r"µg|mg")) == ("µg", "mg")  # (as written, when case counts)
    assert re.compile(r"hạn", re.I).search("HẠN") and patterns.may_match("HẠN", ("hạn",), True)
    assert re.compile(r"sở", re.I).search("ſở") and patterns.may_match("ſở", ("sở",), True)


# --- where a match can start (a pattern that opens with a look-behind is tried only there) ------------------

@pytest.mark.parametrize("pattern,flags,starts", [
    (r"(?<![\w])(?P<v>[Bb]áo cáo|đồng gửi|gửi(?:\s+về)?|(?<!hoặc )đề xuất)\s+", 0, ("Báo cáo", "báo cáo", "đồng gửi", "gửi", "đề xuất")),
    (r"(?<![\w])chủ trì\)?\s*[,;]", 0, ("chủ trì",)),
    (r"(?:(?<=chủ trì )|(?<=chủ trì, ))(?:với|có) sự", 0, ("với sự", "có sự")),  # (a branch of look-behinds is zero-width)
    (r"^(?:Sở|Bộ) (?:Y tế|Tài chính)", 0, ("Sở Y tế", "Sở Tài chính", "Bộ Y tế", "Bộ Tài chính")),
    (r"(?:giao|giao nhiệm vụ)\s+cho", 0, ("giao",)),  # the shortest that suffice
    (r"(?:giao|giao nhiệm vụ) cho", 0, ("giao cho", "giao nhiệm vụ cho")),
    (r"(?:đồng )?gửi", 0, ("đồng gửi", "gửi")),  # an optional first word: a match starts with it or with what follows
    (r"(?:các\s+)?(?:Công văn|văn bản) nêu trên", 0, ("các", "Công văn nêu trên", "văn bản nêu trên")),
    (r"(?:\d+\s+)?giao", 0, None),  # (an optional part without a literal start)
    (r"(?:Sở )+Y tế", 0, ("Sở ",)),  # (a part repeated once at least: a match starts with it)
    (r"(?<![\w])(?:Giao|yêu cầu|Đề nghị)\s", re.I, ("giao", "yêu cầu", "đề nghị")),  # case-blind: lower-cased
    (r"µg|mg", re.I, None),  # ('µ' matches Greek 'μ' case-blind: no shortcut)
    (r"(?i:giao)", 0, None),  # (an inline case-blind part)
    (r"[A-Z]\w+", 0, None),
    (r"\s*phối hợp", 0, None),
])
def test_literal_starts(pattern, flags, starts):
    assert patterns.literal_starts(re.compile(pattern, flags)) == starts


_FINDERS = [(m, n) for m in (tasks_module, dates_module, normalize_module) for n in sorted(dir(m)) if n.startswith("_FIND_")]


@pytest.mark.parametrize("module,name", _FINDERS, ids=[n for _, n in _FINDERS])
def test_start_search_finds_what_the_pattern_finds(module, name):
    """Every StartSearch of the extraction rules has starts (else it is no faster) and gives the pattern's own
    matches, in whole texts and in windows, on the fixture notices' paragraphs (as written and in capitals, with
    letters that fold apart)."""
    finder = getattr(module, name)
    rx = finder.regex
    assert finder.starts, name
    fixtures = Path(__file__).parent / "fixtures"
    docs = [f.read_text(encoding="utf-8") for f in sorted(fixtures.glob("notices/*.txt")) + sorted(fixtures.glob("extra/*.txt"))]
    lines = [line for d in docs for line in d.splitlines() if line.strip()]
    # (and sentences with the phrases the fixtures lack: 'theo các văn bản hợp nhất', 'các quy định nêu trên')
    lines += ["Thực hiện theo các văn bản hợp nhất của Bộ Tài chính; các Công văn số 12/UBND và Quyết định nêu trên.",
              "Sở Y tế rà soát các quy định nêu trên, quy định trên và Kế hoạch số 5/KH-UBND nêu trên.",
              "đề nghị chủ tịch ủy ban nhân dân xã và hội đồng nhân dân phường (xã hội hóa)"]
    texts = docs + lines + [line.upper() for line in lines[::7]] + ["İ " + line for line in lines[::11]]
    found = 0
    for t in texts:
        assert [m.span() for m in finder.finditer(t)] == [m.span() for m in rx.finditer(t)]
        found += len(list(rx.finditer(t)))
        for a, b in ((3, len(t) - 5), (len(t) // 2, len(t)), (0, 40)):
            assert [(m.span(), m.groupdict()) for m in finder.finditer(t, a, b)] == [
                (m.span(), m.groupdict()) for m in rx.finditer(t, a, b)]
        m1, m2 = finder.search(t, 1), rx.search(t, 1)
        assert (m1 and m1.span()) == (m2 and m2.span())
    assert found  # (the fixtures hold matches of each)


def test_start_search_overlapping_starts_and_lookbehind():
    rx = re.compile(r"(?<![\w])(?:ab|b)c|(?<![\w])bcd")
    finder = patterns.StartSearch(rx)
    assert finder.starts == ("abc", "bc")
    for t in ("abc bcd xbc bc", "bcd", "xabc", "ab bcbc", "", "b"):
        assert [m.span() for m in finder.finditer(t)] == [m.span() for m in rx.finditer(t)], t
    assert patterns.StartSearch(re.compile(r"(?:giao)?")).starts is None  # may match empty text: searched as it is
    assert [m.span() for m in patterns.StartSearch(re.compile(r"x*")).finditer("axxb")] == [(0, 0), (1, 3), (3, 3), (4, 4)]


@pytest.mark.parametrize("item,is_task", patterns.load("tasks")["issuer_speech_verbs"]["examples"])
def test_what_the_issuers_leader_says_is_no_task(item, is_task):
    ts = _tasks(item)
    assert bool(ts and any(t["assignees"] for t in ts)) is is_task, ts


def test_an_addressee_wrapped_over_two_lines_is_one():
    from loaders.extract import extract_text as extract
    rec = extract("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 3087/UBND-NC\nLào Cai, ngày 12 tháng 5 năm 2026\n"
                  "V/v tăng cường quản lý khoáng sản\n"
                  "Kính gửi: - Các Sở: Nông nghiệp và Môi trường, Công\nThương, Xây dựng, Tài chính;\n- Công an tỉnh;\n"
                  "- UBND các xã, phường.\nXét đề nghị của Sở Nông nghiệp và Môi trường tại Văn bản số 2214/SNNMT-KS "
                  "ngày 06/5/2026, Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:\n"
                  "1. Giao Công an tỉnh chủ trì kiểm tra các mỏ đá, báo cáo UBND tỉnh trước ngày 30/6/2026.\n"
                  "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n")
    assert rec["notice"]["addressees"] == ["Các Sở: Nông nghiệp và Môi trường, Công Thương, Xây dựng, Tài chính",
                                           "Công an tỉnh", "UBND các xã, phường"]
    assert [([a["name"] for a in t["assignees"]], t["deadline"]) for t in rec["tasks"]] == [(["Công an tỉnh"], "2026-06-30")]


def test_a_time_line_that_names_a_recipient_gives_it_to_the_item():
    ts = _tasks("Kiểm tra, kiểm soát chặt chẽ hoạt động kinh doanh bánh Trung thu.\n"
                "- Cơ quan chủ trì: Sở Công Thương.\n- Cơ quan phối hợp: Công an tỉnh.\n"
                "- Thời gian thực hiện: từ ngày 01/9/2026 đến hết ngày 30/9/2026; kết quả kiểm tra gửi về Sở Y tế trước "
                "ngày 05/10/2026.")
    assert [([(a["name"], a["role"]) for a in t["assignees"]], t["deadline"], t["report_to"]) for t in ts] == [
        ([("Sở Công Thương", "lead"), ("Công an tỉnh", "support")], "2026-10-05", ["Sở Y tế"])]


def test_a_party_body_leads_the_state_body_it_names():
    ts = _tasks("Về chính quyền địa phương 2 cấp\n3.1. Ban cán sự đảng UBND tỉnh\n"
                "- Lãnh đạo UBND tỉnh rà soát, hoàn thiện quy định phân cấp cho UBND cấp xã; hoàn thành trong Quý III/2026.\n"
                "3.2. Sở Nội vụ\n- Lãnh đạo Sở Nội vụ rà soát biên chế.")
    assert [[a["name"] for a in t["assignees"]] for t in ts] == [["Ban cán sự đảng UBND tỉnh"], ["Sở Nội vụ"]]


def test_a_party_committee_of_listed_communes_is_one_doer():
    ts = _tasks("Đảng ủy các xã, phường hoàn thành việc kiện toàn cấp ủy viên trước ngày 15/8/2026; Đảng ủy các xã biên "
                "giới: Y Tý, A Mú Sung, Trịnh Tường xây dựng kế hoạch củng cố hệ thống chính trị trong tháng 9/2026.")
    assert [([a["name"] for a in t["assignees"]], t["deadline"]) for t in ts] == [
        (["Đảng ủy các xã, phường"], "2026-08-15"), (["Đảng ủy các xã biên giới"], "2026-09")]
    assert ts[1]["assignees"][0]["members"] == ["Đảng ủy xã Y Tý", "Đảng ủy xã A Mú Sung", "Đảng ủy xã Trịnh Tường"]


@pytest.mark.parametrize("heading,names", patterns.load("tasks")["committee_roles"]["examples"])
def test_a_members_role_after_a_dash_is_no_part_of_its_name(heading, names):
    from loaders.tasks import _parse_doer_heading
    assert [o.name for o in _parse_doer_heading(heading.split(". ", 1)[1])] == names


@pytest.mark.parametrize("item,doers", [
    # a body to give its opinion is a duty; what a body said is not
    ("Sở Tư pháp có ý kiến pháp lý đối với các trường hợp phức tạp do UBND các xã đề nghị trong thời hạn 05 ngày làm việc.",
     [["Sở Tư pháp"]]),
    ("Sở Tài chính có ý kiến thẩm định tại Văn bản số 123/STC-QLN ngày 02/5/2026; đề nghị UBND tỉnh xem xét.", [["UBND tỉnh"]]),
    # the heads of the bodies just named answer for them: no new doer
    ("Yêu cầu Thủ trưởng các sở, Chủ tịch UBND các xã xác định giải ngân là nhiệm vụ trọng tâm; người đứng đầu chịu trách "
     "nhiệm trước Chủ tịch UBND tỉnh nếu để kết quả giải ngân thấp.", [["Thủ trưởng các sở", "Chủ tịch UBND các xã"]]),
])
def test_who_gives_an_opinion_and_who_answers_for_it(item, doers):
    assert [[a["name"] for a in t["assignees"]] for t in _tasks(item)] == doers


@pytest.mark.parametrize("text,name", [
    ("các doanh nghiệp kinh doanh dịch vụ kho, bãi trong Khu kinh tế cửa khẩu bố trí khu vực đỗ",
     "các doanh nghiệp kinh doanh dịch vụ kho, bãi trong Khu kinh tế cửa khẩu"),
    ("các doanh nghiệp trong Khu công nghiệp Tằng Loỏng thực hiện", "các doanh nghiệp trong Khu công nghiệp Tằng Loỏng"),
    ("các doanh nghiệp tại các khu công nghiệp chủ động", "các doanh nghiệp tại các khu công nghiệp"),
])
def test_private_parties_placed_in_a_zone(text, name):
    assert [o.name for o in scan_org_list(text, 0)[0]] == [name]


@pytest.mark.parametrize("item,tasks", [
    # a commune's committee named in full, then short, in the same item: one doer
    ("Đối với 736 hồ sơ: Thống nhất giao Ủy ban nhân dân xã Di Linh giải quyết theo thẩm quyền; trường hợp hồ sơ có vướng "
     "mắc về nguồn gốc, Ủy ban nhân dân xã chủ động trao đổi với Sở Nông nghiệp và Môi trường để được hướng dẫn. Hoàn thành "
     "giải quyết dứt điểm số hồ sơ này trong Quý III/2026.", [(["UBND xã Di Linh"], "2026-Q3")]),
    # named bodies listed by field are each a doer
    ("Các Sở: Xây dựng, Công Thương, Tài chính theo chức năng, nhiệm vụ được giao hướng dẫn chủ đầu tư sử dụng vật liệu hợp pháp.",
     [(["Sở Xây dựng", "Sở Công Thương", "Sở Tài chính"], None)]),
    # the heads of the bodies a lead-in names
    ("Về chỉ số DTI\nCác sở, ban, ngành tỉnh và UBND các xã, phường, đặc khu tập trung thực hiện các nội dung sau:\n"
     "a) Người đứng đầu trực tiếp chỉ đạo và chịu trách nhiệm trước Chủ tịch UBND tỉnh về kết quả.",
     [(["các sở, ban, ngành tỉnh", "UBND các xã, phường, đặc khu"], None)]),
    ("Ủy ban nhân dân các xã, phường, đặc khu có hồ sơ đất đai tồn đọng tương tự chủ động rà soát, giải quyết trước ngày 29/5/2026.",
     [(["UBND các xã, phường, đặc khu có hồ sơ đất đai tồn đọng tương tự"], "2026-05-29")]),
])
def test_who_a_short_name_or_a_list_names(item, tasks):
    assert [([a["name"] for a in t["assignees"] if a["role"] == "lead"], t["deadline"]) for t in _tasks(item)] == tasks


def test_a_group_heading_says_which_of_them():
    ts = _tasks("Về giải ngân vốn Chương trình\n"
                "a) Các sở, ngành là cơ quan chủ quản chương trình, dự án thành phần (Sở Dân tộc và Tôn giáo, Sở Y tế):\n"
                "- Rà soát, hướng dẫn các địa phương tháo gỡ vướng mắc.\n"
                "b) UBND các xã, phường thực hiện Chương trình\n"
                "- Phấn đấu giải ngân 100% kế hoạch vốn năm 2026 trước ngày 31/01/2027.")
    assert [([(a["name"], a.get("members")) for a in t["assignees"]], t["deadline"]) for t in ts] == [
        ([("các sở, ngành là cơ quan chủ quản chương trình, dự án thành phần", ["Sở Dân tộc và Tôn giáo", "Sở Y tế"])], None),
        ([("UBND các xã, phường thực hiện Chương trình", None)], "2027-01-31")]


def test_neighbourhoods_and_a_note_before_the_verb():
    ts = _tasks("Về thu Quỹ phòng, chống thiên tai\n5. Các tổ dân phố\n"
                "+ Tổ dân phố An Vũ, Tổ dân phố Nam Tiến (tỷ lệ thu mới đạt dưới 50%) khẩn trương hoàn thành việc thu, nộp "
                "trước ngày 20/5/2026;\n+ Các tổ dân phố còn lại hoàn thành trước ngày 31/5/2026.")
    assert [([a["name"] for a in t["assignees"]], t["deadline"]) for t in ts] == [
        (["Tổ dân phố An Vũ", "Tổ dân phố Nam Tiến"], "2026-05-20"), (["các tổ dân phố còn lại"], "2026-05-31")]


def test_riêng_opens_the_clause_of_some_of_the_bodies():
    ts = _tasks("Về phòng cháy rừng\n6. Chủ tịch UBND các xã, phường:\n- Rà soát nhu cầu kinh phí phòng cháy rừng.\n"
                "- Riêng UBND các xã trọng điểm: Sốp Cộp, Mường Lạn, Mường La bố trí lực lượng trực 24/24 giờ trong mùa khô.")
    assert [[a["name"] for a in t["assignees"]] for t in ts] == [["Chủ tịch UBND các xã, phường"], ["UBND các xã trọng điểm"]]
    assert ts[1]["assignees"][0]["members"] == ["UBND xã Sốp Cộp", "UBND xã Mường Lạn", "UBND xã Mường La"]


@pytest.mark.parametrize("text,names,members", [
    # a 2025 ward named with its old town after a dash, in a place list
    ("UBND các phường: Xuân Hương - Đà Lạt, Phan Thiết, Bắc Gia Nghĩa thực hiện", ["UBND các phường"],
     [["UBND phường Xuân Hương - Đà Lạt", "UBND phường Phan Thiết", "UBND phường Bắc Gia Nghĩa"]]),
    ("Công ty cổ phần Đầu tư Xây dựng Hưng Phát Lâm Đồng khẩn trương hoàn thành",
     ["Công ty cổ phần Đầu tư Xây dựng Hưng Phát Lâm Đồng"], [[]]),
])
def test_wards_after_a_dash_and_joint_stock_companies(text, names, members):
    orgs = scan_org_list(text, 0)[0]
    assert [o.name for o in orgs] == names and [o.members for o in orgs] == members


def test_provinces_listed_after_their_committees():
    orgs = scan_org_list("Ủy ban nhân dân các tỉnh: Cà Mau, An Giang và Đồng Tháp khẩn trương rà soát", 0)[0]
    assert [(o.name, o.members) for o in orgs] == [("UBND các tỉnh", ["UBND tỉnh Cà Mau", "UBND tỉnh An Giang",
                                                                      "UBND tỉnh Đồng Tháp"])]


@pytest.mark.parametrize("text,name", [
    ("phối hợp với Công an xã, phường tổ chức tuần tra", "Công an xã, phường"),
    ("Trạm Y tế xã, phường, đặc khu thực hiện tiêm chủng", "Trạm Y tế xã, phường, đặc khu"),
])
def test_a_unit_of_each_commune_named_by_levels(text, name):
    assert scan_org_list(text, text.find(name[:5]))[0][0].name == name


def test_a_bullet_that_lists_which_of_the_headings_bodies_keeps_them():
    ts = _tasks("Về nhà, đất dôi dư\n3.4. Đối với Ủy ban nhân dân các xã, phường\n"
                "- Chịu trách nhiệm quản lý, bảo vệ các cơ sở nhà, đất được giao quản lý.\n"
                "- Ủy ban nhân dân các phường: Minh Xuân, Nông Tiến, Hà Giang 1 khẩn trương hoàn thiện hồ sơ, gửi Sở Tài "
                "chính chậm nhất ngày 20/8/2026.")
    assert [([a["name"] for a in t["assignees"]], t["deadline"]) for t in ts] == [
        (["UBND các xã, phường"], None), (["UBND các phường"], "2026-08-20")]
    assert ts[1]["assignees"][0]["members"] == ["UBND phường Minh Xuân", "UBND phường Nông Tiến", "UBND phường Hà Giang 1"]
