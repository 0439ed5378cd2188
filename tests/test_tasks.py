"""Tasks on short passages in the shape of real notices: which paragraphs are tasks, their doers, report_to,
and the reason / confidence recorded on each."""

from __future__ import annotations

import pytest

from loaders import patterns
from loaders.extract import extract_text

NOTICE = """Số: /TB-UBND
Lạng Sơn, ngày   tháng 4 năm 2026
THÔNG BÁO
Kết luận của đồng chí Trần Thanh Nhân, Phó Chủ tịch UBND tỉnh tại buổi làm việc với các sở
Ngày 20/4/2026, đồng chí Trần Thanh Nhân, Phó Chủ tịch UBND tỉnh làm việc với các sở. Tham dự có lãnh đạo các Sở, ngành: Nội vụ, Tài chính.
Sau khi nghe báo cáo, đồng chí Phó Chủ tịch UBND tỉnh kết luận như sau:
{body}
Nơi nhận:
- Như trên;
- Lưu: VT.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Nguyễn Văn Hà
"""

CONG_VAN = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 7432/UBND-XD
V/v triển khai thực hiện Quyết định số 1074/QĐ-BXD
Lào Cai, ngày 21 tháng 7 năm 2026
Kính gửi:
- Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh;
- Ban Quản lý các khu công nghiệp;
- Ủy ban nhân dân các xã, phường.
Để kịp thời cải thiện các chỉ số của tỉnh, Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:
{body}
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Phan Trung Bá
"""


# a letter whose opening hands its items on with no doer of its own ('… có ý kiến như sau:')
LETTER = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 1234/UBND-KT
Lào Cai, ngày 10 tháng 4 năm 2026
V/v triển khai nhiệm vụ
Kính gửi: Các sở, ban, ngành tỉnh.
Chủ tịch UBND tỉnh có ý kiến như sau:
{body}
Nơi nhận:
- Như trên;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def _tasks(body: str, template: str = NOTICE) -> list[dict]:
    return extract_text(template.format(body=body))["tasks"]


def _leads(t: dict) -> list[str]:
    return [a["name"] for a in t["assignees"] if a["role"] == "lead"]


def _support(t: dict) -> list[str]:
    return [a["name"] for a in t["assignees"] if a["role"] == "support"]


def test_item_opening_with_several_doers_and_no_cue():
    (t,) = _tasks("1. Sở Tài chính, Sở Xây dựng, UBND các xã, phường khẩn trương rà soát, hoàn thiện hồ sơ "
                  "các dự án, hoàn thành trước ngày 30/5/2026.")
    assert (_leads(t), t["deadline"], t["reason"]) == (
        ["Sở Tài chính", "Sở Xây dựng", "UBND các xã, phường"], "2026-05-30", "explicit: subject")


def test_joint_leads_that_agree_are_both_doers():
    (t,) = _tasks("1. Bộ Tài chính, Bộ Nông nghiệp và Phát triển nông thôn thống nhất về nội dung này tại dự thảo "
                  "Đề án trước khi trình Thủ tướng Chính phủ xem xét, quyết định.")
    assert (_leads(t), t["report_to"]) == (["Bộ Tài chính", "Bộ Nông nghiệp và Phát triển nông thôn"],
                                           ["Thủ tướng Chính phủ"])


def test_a_single_body_that_agrees_is_a_statement():
    assert _tasks("1. UBND tỉnh thống nhất chủ trương đầu tư dự án.") == []


def test_statement_of_fact_is_not_a_task():
    assert _tasks("1. Phát triển các cụm công nghiệp là nhiệm vụ quan trọng của tỉnh.") == []


def test_cong_van_items_without_a_doer_go_to_the_addressees():
    ts = _tasks("1. Tập trung thực hiện tốt công tác cải cách thủ tục hành chính, giảm phiền hà cho người dân.\n"
                "2. Giao Sở Tư pháp chủ trì rà soát các văn bản quy phạm pháp luật.", CONG_VAN)
    assert [(_leads(t), t["reason"]) for t in ts] == [
        (["các cơ quan chuyên môn thuộc UBND tỉnh", "Ban Quản lý các khu công nghiệp", "UBND các xã, phường"],
         "inherited: addressees"),
        (["Sở Tư pháp"], "explicit: giao"),
    ]
    assert ts[0]["confidence"] < ts[1]["confidence"]
    assert [a.get("generic", False) for a in ts[0]["assignees"]] == [True, False, True]


def test_doer_heading_item_body_is_a_task_even_when_generic():
    ts = _tasks("1. Công an tỉnh, các sở, ban, ngành, đoàn thể tỉnh và Ủy ban nhân dân các xã, phường\n"
                "Theo chức năng, nhiệm vụ, phạm vi quản lý tổ chức tuyên truyền, phổ biến Quyết định số 1074/QĐ-BXD.\n"
                "2. Tổ chức thực hiện\n"
                "Thủ trưởng các sở, ban, ngành, đoàn thể tỉnh; Chủ tịch Ủy ban nhân dân các xã, phường chịu trách nhiệm "
                "tổ chức triển khai thực hiện nghiêm túc các nội dung nêu trên; kịp thời báo cáo Sở Xây dựng để tổng hợp./.")
    assert [(t["ref"], _leads(t), t["reason"]) for t in ts] == [
        ("1", ["Công an tỉnh", "các sở, ban, ngành, đoàn thể tỉnh", "UBND các xã, phường"], "inherited: heading"),
        ("2", ["Thủ trưởng các sở, ban, ngành, đoàn thể tỉnh", "Chủ tịch UBND các xã, phường"], "explicit: subject"),
    ]
    assert ts[0]["based_on"] == ["1074/QĐ-BXD"] and ts[1]["report_to"] == ["Sở Xây dựng"]


def test_report_to_after_the_object():
    ts = _tasks("1. Giao Sở Khoa học và Công nghệ tổ chức kiểm tra tình hình sử dụng chữ ký số, định kỳ hằng tháng "
                "báo cáo kết quả thực hiện cho Ủy ban nhân dân tỉnh.\n"
                "2. Giao Sở Y tế rà soát các cơ sở cai nghiện và gửi hồ sơ đăng ký cung cấp dịch vụ cai nghiện "
                "(tư vấn, điều trị cắt cơn) theo quy định về Công an tỉnh trước ngày 05/11/2026.\n"
                "3. Giao Văn phòng UBND tỉnh báo cáo cho lãnh đạo Ủy ban nhân dân tỉnh tình hình giải quyết hồ sơ.")
    assert [(_leads(t), t["report_to"]) for t in ts] == [
        (["Sở Khoa học và Công nghệ"], ["UBND tỉnh"]),
        (["Sở Y tế"], ["Công an tỉnh"]),
        (["Văn phòng UBND tỉnh"], ["UBND tỉnh"]),
    ]


def test_report_via_stops_at_a_comma():
    (t,) = _tasks("1. Giao Sở Tài chính báo cáo kết quả, đồng thời hỗ trợ kinh phí cho UBND xã Chi Lăng.")
    assert t["report_to"] == []


def test_group_with_a_shorthand_list_of_ministries():
    (t,) = _tasks("1. Giao các Bộ: Công an, Tài chính, Xây dựng có ý kiến đối với đề xuất của tỉnh, "
                  "gửi Bộ Xây dựng trước ngày 10/5/2026.")
    # named bodies listed by field, each a doer (the shared gold's 'báo cáo các sở: Nông nghiệp và Môi trường, Tài chính'
    # names them one by one; a gold that keeps the group with its members scores them alike)
    assert [(a["name"], a["role"]) for a in t["assignees"]] == [("Bộ Công an", "lead"), ("Bộ Tài chính", "lead"),
                                                                 ("Bộ Xây dựng", "lead")]
    assert (t["deadline"], t["report_to"]) == ("2026-05-10", ["Bộ Xây dựng"])


def test_lead_in_after_a_directive_sentence_is_a_task():
    ts = _tasks("1. Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp hoàn thiện dự thảo Đề án, trình Thủ tướng Chính phủ "
                "trước ngày 20/10/2026. Trong đó chú ý một số nội dung sau:\n"
                "- Bộ Tài chính nghiên cứu kỹ lưỡng quy định của pháp luật hiện hành.")
    assert [(t["ref"], _leads(t), _support(t), t["deadline"]) for t in ts] == [
        ("1", ["Bộ Tài chính"], ["Bộ Tư pháp"], "2026-10-20"),
        ("1.-1", ["Bộ Tài chính"], [], None),
    ]


def test_sub_unit_not_in_vocabulary_is_marked():
    (t,) = _tasks("1. Sở Khoa học Công nghệ chủ trì xây dựng kế hoạch chuyển đổi số.")
    assert t["assignees"] == [{"name": "Sở Khoa học Công nghệ", "role": "lead", "reason": "agency: not in vocabulary"}]


def test_investor_named_by_its_project_is_a_generic_doer():
    ts = _tasks("1. Yêu cầu Nhà đầu tư 02 dự án lập hồ sơ điều chỉnh chủ trương đầu tư, hoàn thành trước ngày 30/5/2026.\n"
                "2. Đối với Nhà đầu tư Dự án cao tốc Tân Phú - Bảo Lộc: Khẩn trương nộp hồ sơ chuyển mục đích sử dụng rừng.")
    assert [(t["assignees"][0]["name"], t["assignees"][0].get("generic")) for t in ts] == [
        ("Nhà đầu tư 02 dự án", True), ("Nhà đầu tư Dự án cao tốc Tân Phú - Bảo Lộc", True)]


def test_lead_in_support_goes_to_each_item_and_an_item_doer_wins():
    ts = _tasks("1. Giao Sở Tư pháp chủ trì, phối hợp với các cơ quan, đơn vị liên quan:\n"
                "a) Tổ chức rà soát toàn bộ hệ thống văn bản quy phạm pháp luật.\n"
                "b) Sở Nội vụ tổng hợp kết quả thực hiện, báo cáo UBND tỉnh.")
    assert [(t["ref"], _leads(t), _support(t), t["reason"]) for t in ts] == [
        ("1.a", ["Sở Tư pháp"], ["các cơ quan, đơn vị liên quan"], "inherited: lead-in"),
        ("1.b", ["Sở Nội vụ"], [], "explicit: subject"),
    ]


def test_closing_sentence_completes_the_items_above():
    ts = _tasks("1. Giao Sở Y tế rà soát nhu cầu đầu tư trang thiết bị y tế.\n"
                "2. Giao Sở Tài chính cân đối nguồn vốn, hoàn thành trước ngày 15/5/2026.\n"
                "Các nội dung trên báo cáo UBND tỉnh trước ngày 30/5/2026.")
    assert [(t["ref"], _leads(t), t["deadline"], t["report_to"]) for t in ts] == [
        ("1", ["Sở Y tế"], "2026-05-30", ["UBND tỉnh"]),
        ("2", ["Sở Tài chính"], "2026-05-15", ["UBND tỉnh"]),
    ]


def test_a_closing_report_with_no_subject_completes_the_request_above():
    """'Báo cáo gửi về Bộ Xây dựng trước ngày …' after a ministry's request (blind set 10): the deadline and recipient
    of that request, not a task of its own; the recipient's next step ('để Bộ Xây dựng tổng hợp trình Thủ tướng')
    is not the doer's, and 'các huyện lỵ' (district towns) names no body."""
    letter = ("BỘ XÂY DỰNG\nSố: 470/BXD-KTQH\nV/v hỗ trợ vốn quy hoạch cho các địa phương\n"
              "Hà Nội, ngày 24 tháng 3 năm 2010\nKính gửi: Ủy ban nhân dân các tỉnh, thành phố.\n"
              "Để có cơ sở thực hiện, Bộ Xây dựng đề nghị UBND các tỉnh,thành phố rà soát, đề xuất danh mục cần hỗ trợ "
              "vốn quy hoạch cho các thành phố, các huyện lỵ, thị xã, thị trấn và các điểm dân cư nông thôn.\n"
              "Báo cáo gửi về Bộ Xây dựng trước ngày 15/04/2010 để Bộ Xây dựng tổng hợp trình Thủ tướng Chính phủ xem "
              "xét, quyết định.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Đình Toàn\n")
    (t,) = extract_text(letter)["tasks"]
    assert (_leads(t), t["deadline"], t["report_to"]) == (["UBND các tỉnh, thành phố"], "2010-04-15", ["Bộ Xây dựng"])


def test_a_long_addressee_line_of_bodies_is_no_task_and_approval_names_its_doer():
    """A 'Kính gửi' bullet listing eleven ministries (over 200 characters) is still an addressee, not the body's first
    paragraph; 'Đồng ý <body> <làm gì>' opening an item names the doer it allows."""
    ministries = ("Kế hoạch và Đầu tư, Tài chính, Giao thông vận tải, Nông nghiệp và Phát triển nông thôn, Xây dựng, "
                  "Công Thương, Tài nguyên và Môi trường, Lao động - Thương binh và Xã hội, Y tế, Văn hóa, Thể thao và "
                  "Du lịch, Nội vụ")
    letter = (f"VĂN PHÒNG CHÍNH PHỦ\nSố: 2858/VPCP-ĐP\nV/v xử lý một số đề nghị của các tỉnh\n"
              f"Hà Nội, ngày 06 tháng 05 năm 2011\nKính gửi:\n- Các Bộ: {ministries};\n"
              f"- Ủy ban nhân dân các tỉnh: Đắk Lắk, Gia Lai, Kon Tum.\n"
              f"Xét đề nghị của các tỉnh tại các công văn số 614, 615, 616-CV/VPTW ngày 21/4/2011, Phó Thủ tướng có ý kiến "
              f"như sau:\n1. Đồng ý Ủy ban nhân dân tỉnh Gia Lai lập Đề án phát triển rừng trên cơ sở ý kiến của các Bộ tại "
              f"các văn bản nêu trên.\n2. Bộ Nông nghiệp và Phát triển nông thôn chủ trì thẩm định Đề án, trình Thủ tướng "
              f"Chính phủ.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nVăn Trọng Lý\n")
    rec = extract_text(letter)
    assert [(t["ref"], _leads(t), t["based_on"]) for t in rec["tasks"]] == [
        ("1", ["UBND tỉnh Gia Lai"], ["616-CV/VPTW", "614-CV/VPTW", "615-CV/VPTW"]),  # (the list's code, then the rest)
        ("2", ["Bộ Nông nghiệp và Phát triển nông thôn"], [])]
    assert sorted(c["number"] for c in rec["citations"]) == ["614-CV/VPTW", "615-CV/VPTW", "616-CV/VPTW"]


def test_the_committee_giving_the_order_after_a_ground_leads_in_the_items():
    """'Xét đề nghị …, Ủy ban nhân dân tỉnh giao Ban Quản lý dự án …:' in a công văn with no 'Kính gửi' line (blind
    set 11): the committee, the subject of its clause, gives the order (not 'nhiệm vụ UBND tỉnh giao', the duties it
    gave), the paragraph leads in the items, and the 'V/v' subject does not run on into it."""
    letter = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 1598/UBND-TH\nV/v các vướng mắc trong thi công Gói thầu số 02\n"
              "Quảng Trị, ngày 3 tháng 4 năm 2024\nXét đề nghị của Sở Xây dựng tại Tờ trình số 12/TTr-SXD ngày 1/4/2024, "
              "Ủy ban nhân dân tỉnh giao Ban Quản lý dự án đầu tư xây dựng tỉnh:\n1. Khẩn trương hoàn thành việc phê duyệt "
              "hồ sơ thiết kế điều chỉnh trước ngày 15/4/2024.\n2. Phối hợp chặt chẽ với Văn phòng Ủy ban nhân dân tỉnh tổ "
              "chức bàn giao mặt bằng, tiếp tục thực hiện nhiệm vụ UBND tỉnh giao tại Quyết định số 10/QĐ-UBND./.\n"
              "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHoàng Nam\n")
    rec = extract_text(letter)
    assert rec["notice"]["title"] == "các vướng mắc trong thi công Gói thầu số 02"
    assert [(t["ref"], _leads(t), _support(t), t["deadline"]) for t in rec["tasks"]] == [
        ("1", ["Ban Quản lý dự án đầu tư xây dựng tỉnh"], [], "2024-04-15"),
        ("2", ["Ban Quản lý dự án đầu tư xây dựng tỉnh"], ["Văn phòng UBND tỉnh"], None)]


def test_a_ground_line_whose_clause_the_issuer_opens_is_its_order():
    """'Căn cứ Nghị định …, Bộ Nông nghiệp và Môi trường đề nghị Ủy ban nhân dân các tỉnh, thành phố …, gửi kết quả về
    Bộ trước ngày …' (a ministry's one-paragraph letter, tests/fixtures/header): the issuer, the subject of the clause
    after the ground, gives the order; 'về Bộ' is the issuer itself."""
    from pathlib import Path

    rec = extract_text((Path(__file__).parent / "fixtures" / "header" / "bo_cong_van.txt").read_text(encoding="utf-8"))
    assert [(_leads(t), t["deadline"], t["report_to"], t["based_on"]) for t in rec["tasks"]] == [
        (["UBND các tỉnh, thành phố"], "2025-03-31", ["Bộ Nông nghiệp và Môi trường"], ["06/2022/NĐ-CP"])]


def test_a_city_districts_chairs_and_a_number_glued_to_so():
    """'Chủ tịch UBND quận, huyện' (the district level of a centrally run city before 2025) is one group; 'Công văn
    số1017/BTNMT-TCMT' (a space left out) is still cited; '26/TB-VP.UBND' keeps its dotted part."""
    letter = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 4144/GDĐT-VP\nV/v cho học sinh nghỉ học\n"
              "Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2018\nKính gửi: Chủ tịch Ủy ban nhân dân các quận, huyện.\n"
              "Căn cứ Thông báo số 26/TB-VP.UBND ngày 24/11/2018 và theo yêu cầu tại Công văn số1017/BTNMT-TCMT ngày "
              "22/3/2018, Sở Giáo dục và Đào tạo đề nghị Chủ tịch UBND quận, huyện chỉ đạo Trưởng phòng Giáo dục và "
              "Đào tạo rà soát tình hình các trường.\nTrân trọng./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
              "GIÁM ĐỐC\nLê Hồng Sơn\n")
    rec = extract_text(letter)
    assert sorted(c["number"] for c in rec["citations"]) == ["1017/BTNMT-TCMT", "26/TB-VP.UBND"]
    assert [_leads(t) for t in rec["tasks"]] == [["Chủ tịch UBND quận, huyện"]]


@pytest.mark.parametrize("sentence,recipients", patterns.load("agencies")["not_report_recipients"]["examples"])
def test_no_report_goes_to_businesses_or_people(sentence, recipients):
    (t,) = _tasks("1. " + sentence)
    assert t["report_to"] == recipients


def test_a_letter_written_to_a_body_asking_it_is_no_report_to_it():
    """'Có văn bản gửi Bộ Xây dựng đề nghị hướng dẫn …' (notices-extra 04): a request the doer writes to the ministry,
    not a report line; the report that follows ('báo cáo UBND tỉnh') is."""
    (t,) = _tasks("1. Giao Sở Xây dựng có văn bản gửi Bộ Xây dựng đề nghị hướng dẫn nội dung liên quan đến việc lựa chọn "
                  "đơn vị tư vấn; hoàn thành, báo cáo UBND tỉnh trong tháng 4/2026.")
    assert (_leads(t), t["report_to"]) == (["Sở Xây dựng"], ["UBND tỉnh"])


def test_communes_named_after_a_commune_committee_are_its_peers():
    """'Giao UBND xã Di Linh, xã Gia Hiệp phối hợp …': two communes' committees leading one task (the second named by
    its commune alone), not two tasks with the support given to the second only."""
    (t,) = _tasks("1. Giao UBND xã Di Linh, xã Gia Hiệp phối hợp Công ty TNHH MTV Lâm nghiệp Di Linh quản lý, bảo vệ rừng.")
    assert (_leads(t), _support(t)) == (["UBND xã Di Linh", "UBND xã Gia Hiệp"], ["Công ty TNHH MTV Lâm nghiệp Di Linh"])


def test_places_listed_after_a_group_of_committees_are_its_members_and_the_list_goes_on():
    """'… phối hợp với UBND các xã: Đức Trọng, Hiệp Thạnh và đơn vị tư vấn …' (notices-extra 04): the places are the
    group's members as this sentence names them, and the list of bodies goes on after them."""
    (t,) = _tasks("1. Các sở, ban, ngành liên quan có trách nhiệm phối hợp với UBND các xã: Đức Trọng, Hiệp Thạnh và đơn "
                  "vị tư vấn lập quy hoạch hoàn thiện hồ sơ.")
    assert [(a["name"], a["role"], a.get("members")) for a in t["assignees"]] == [
        ("các sở, ban, ngành liên quan", "lead", None),
        ("UBND các xã", "support", ["UBND xã Đức Trọng", "UBND xã Hiệp Thạnh"]),
        ("đơn vị tư vấn lập quy hoạch", "support", None)]


def test_a_body_that_has_issued_a_document_is_told_of_not_ordered():
    """'Ngày 08/5/2026, Bộ Y tế có Công văn số 2211/BYT-DP về việc …. Chủ tịch UBND tỉnh giao Sở Y tế …': the
    ministry's letter is the background (a fact, after a date as after a sentence's start), the order is the chair's."""
    (t,) = _tasks("Ngày 08/5/2026, Bộ Y tế có Công văn số 2211/BYT-DP về việc tăng cường phòng, chống dịch bệnh mùa hè. "
                  "Chủ tịch UBND tỉnh giao Sở Y tế chủ trì, phối hợp với các cơ quan liên quan nghiên cứu nội dung Công văn "
                  "nêu trên, tham mưu UBND tỉnh chỉ đạo thực hiện theo quy định.", LETTER)
    assert (_leads(t), _support(t), t["based_on"]) == (["Sở Y tế"], ["các cơ quan liên quan"], ["2211/BYT-DP"])


def test_item_one_right_after_the_header_is_body_when_item_two_follows():
    """A party committee's notice whose opening ('Tại hội nghị ngày …, Ban Thường vụ Tỉnh ủy kết luận như sau:') the
    layout ran into its long title: item 1 is still a task, not an opening to skip."""
    notice = ("ĐẢNG BỘ TỈNH LÂM ĐỒNG\nTỈNH ỦY\nSố 45-TB/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLâm Đồng, ngày 12 tháng 6 năm 2026\n"
              "THÔNG BÁO\nkết luận của Ban Thường vụ Tỉnh ủy về tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2026\n"
              "Tại hội nghị ngày 10/6/2026, sau khi nghe báo cáo và ý kiến thảo luận, Ban Thường vụ Tỉnh ủy kết luận như sau:\n"
              "1. Đảng ủy UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh tập trung tháo gỡ khó khăn, đẩy nhanh tiến độ giải ngân vốn.\n"
              "2. Văn phòng Tỉnh ủy theo dõi, đôn đốc, báo cáo Ban Thường vụ Tỉnh ủy.\nNơi nhận:\n- Lưu Văn phòng Tỉnh ủy.\n"
              "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Văn Dũng\n")
    assert [(t["ref"], _leads(t), t["report_to"]) for t in extract_text(notice)["tasks"]] == [
        ("1", ["Đảng ủy UBND tỉnh"], []), ("2", ["Văn phòng Tỉnh ủy"], ["Ban Thường vụ Tỉnh ủy"])]


def test_a_department_letter_reports_to_itself_through_its_office_and_closes_without_a_task():
    """A Sở's letter to the schools: 'Báo cáo … về Sở (qua Văn phòng Sở) trước ngày …' reports to the Sở itself and its
    office; 'Nhận được Công văn này, đề nghị các đơn vị nghiêm túc triển khai thực hiện./.' is a closing formula."""
    letter = ("UBND TỈNH LÂM ĐỒNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1234/SGDĐT-VP\nV/v tổ chức kiểm tra cơ sở vật chất\n"
              "Lâm Đồng, ngày 20 tháng 8 năm 2026\nKính gửi:\n- Hiệu trưởng các trường trung học phổ thông;\n"
              "- Thủ trưởng các đơn vị trực thuộc Sở.\nĐể chuẩn bị cho năm học mới, Sở Giáo dục và Đào tạo đề nghị các đơn vị "
              "thực hiện các nội dung sau:\n1. Rà soát cơ sở vật chất, trang thiết bị dạy học; hoàn thành trước ngày 31/8/2026.\n"
              "2. Báo cáo kết quả thực hiện về Sở (qua Văn phòng Sở) trước ngày 05/9/2026 để tổng hợp.\n"
              "Nhận được Công văn này, đề nghị các đơn vị nghiêm túc triển khai thực hiện./.\nNơi nhận:\n- Như trên;\n"
              "- Lưu: VT, VP.\nGIÁM ĐỐC\nTrần Văn Giang\n")
    assert [(t["ref"], t["deadline"], t["report_to"]) for t in extract_text(letter)["tasks"]] == [
        ("1", "2026-08-31", []), ("2", "2026-09-05", ["Sở Giáo dục và Đào tạo tỉnh Lâm Đồng", "Văn phòng Sở"])]


def test_a_half_yearly_report_recurs_and_a_first_half_is_no_recurrence():
    """'Định kỳ 6 tháng, hằng năm báo cáo …' repeats every half-year (semiannual); 'kết quả 6 tháng đầu năm 2026' is a
    period, not a repeat."""
    a, b = _tasks("1. Thủ trưởng các sở, ban, ngành định kỳ 6 tháng, hằng năm báo cáo kết quả thực hiện về UBND tỉnh.\n"
                  "2. Sở Nội vụ tổng hợp kết quả 6 tháng đầu năm 2026, báo cáo UBND tỉnh trước ngày 10/7/2026.")
    assert (a["recurrence"]["rule"], a["deadline"], a["report_to"]) == ("semiannual", None, ["UBND tỉnh"])
    assert (b["recurrence"], b["deadline"]) == (None, "2026-07-10")


def test_the_role_a_body_plays_in_brackets_after_its_name_keeps_it_the_doer():
    """'Ban Quản lý dự án … (chủ đầu tư) khẩn trương …', 'Sở Xây dựng (cơ quan thường trực) chủ trì …': the bracket says
    what the body is here; the body leads ('(chủ trì)' and '(phối hợp)' keep saying lead and support)."""
    a, b, c = _tasks("1. Ban Quản lý dự án đầu tư xây dựng tỉnh (chủ đầu tư) khẩn trương hoàn chỉnh hồ sơ thiết kế.\n"
                     "2. Sở Xây dựng (cơ quan thường trực) chủ trì, phối hợp với các sở liên quan tham mưu UBND tỉnh.\n"
                     "3. Sở Tài chính (chủ trì), Sở Xây dựng (phối hợp) rà soát dự toán.")
    assert [(_leads(t), _support(t)) for t in (a, b, c)] == [
        (["Ban Quản lý dự án đầu tư xây dựng tỉnh"], []), (["Sở Xây dựng"], ["các sở liên quan"]),
        (["Sở Tài chính"], ["Sở Xây dựng"])]


def test_what_a_body_will_do_is_not_a_task_and_keeps_its_recipient():
    (t,) = _tasks("1. Giao Sở Tài chính tổng hợp nhu cầu vốn của các xã. Sở Xây dựng sẽ tổng hợp chung, báo cáo UBND tỉnh.")
    assert (_leads(t), t["report_to"], t["text"]) == (["Sở Tài chính"], [], "Giao Sở Tài chính tổng hợp nhu cầu vốn của các xã.")


def test_generic_closing_paragraph_is_not_a_task():
    ts = _tasks("1. Giao Sở Y tế rà soát nhu cầu đầu tư trang thiết bị.\n"
                "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện. Trong quá trình thực hiện nếu có khó khăn, "
                "vướng mắc, kịp thời báo cáo UBND tỉnh./.")
    assert [(_leads(t), t["report_to"]) for t in ts] == [(["Sở Y tế"], [])]


def test_closing_formula_examples():
    from loaders import patterns
    from loaders.tasks import is_closing_formula

    for entry in patterns.load("tasks")["closing_formulas"]:
        for ex in entry["examples"]:
            assert is_closing_formula(ex), ex
    assert not is_closing_formula("Yêu cầu Sở Y tế rà soát nhu cầu đầu tư trang thiết bị.")


def test_second_doer_after_va_with_a_long_project_board_name():
    (t,) = _tasks("1. Sở Xây dựng và Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh khẩn trương "
                  "hoàn thiện hồ sơ, trình UBND tỉnh trước ngày 10/6/2026.")
    assert (_leads(t), t["deadline"], t["report_to"]) == (
        ["Sở Xây dựng", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"], "2026-06-10", ["UBND tỉnh"])


def test_lower_case_actors_in_a_support_list():
    (t,) = _tasks("1. Giao Công an tỉnh chủ trì, phối hợp với Sở Công Thương, chính quyền địa phương và cơ quan thi hành án "
                  "quản lý chặt chẽ vật liệu nổ công nghiệp.")
    assert (_leads(t), _support(t)) == (["Công an tỉnh"], ["Sở Công Thương", "chính quyền địa phương", "cơ quan thi hành án"])
    assert [a.get("generic", False) for a in t["assignees"]] == [False, False, True, True]


def test_doer_label_with_a_comma_and_party_groups():
    ts = _tasks("1. Ủy ban nhân dân tỉnh, chỉ đạo các cơ quan, đơn vị có liên quan:\n"
                "- Nghiên cứu, cụ thể hóa các mục tiêu, nhiệm vụ thành các chương trình, đề án.\n"
                "2. Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy; các chi bộ, đảng bộ cơ sở:\n"
                "Tổ chức quán triệt sâu sắc quan điểm bảo vệ môi trường đến toàn thể cán bộ, đảng viên.")
    assert [(t["ref"], _leads(t)) for t in ts] == [
        ("1.-1", ["UBND tỉnh"]),
        ("2", ["các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy", "các chi bộ, đảng bộ cơ sở"]),
    ]


def test_chi_thi_closing_item_doers():
    (t,) = _tasks("8. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân "
                  "các tỉnh và thành phố trực thuộc trung ương tổ chức thực hiện nghiêm Chỉ thị này.")
    assert _leads(t) == ["Bộ trưởng", "Thủ trưởng cơ quan ngang bộ", "Thủ trưởng cơ quan thuộc Chính phủ",
                         "Chủ tịch UBND các tỉnh và thành phố trực thuộc trung ương"]


def test_unit_in_brackets_is_a_joint_lead():
    ts = _tasks("1. Giao Văn phòng Ủy ban nhân dân tỉnh (Trung tâm Phục vụ hành chính công tỉnh):\n"
                "- Tham mưu ban hành quy chế phối hợp công bố thủ tục hành chính, hoàn thành trong tháng 12/2026.")
    assert [(_leads(t), t["deadline"]) for t in ts] == [
        (["Văn phòng UBND tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"], "2026-12")]


def test_one_task_per_finishing_deadline():
    ts = _tasks("1. Yêu cầu Nhà đầu tư 02 dự án lập hồ sơ điều chỉnh chủ trương đầu tư, phấn đấu hoàn thành phê duyệt "
                "điều chỉnh chủ trương đầu tư trước 30/5/2026 và điều chỉnh dự án đầu tư trước ngày 15/6/2026.\n"
                "2. Giao UBND xã Đạ Huoai phối hợp Trung tâm Phát triển quỹ đất tỉnh kiểm đếm, hoàn thành trong tháng 4/2026. "
                "Hoàn thành toàn bộ việc phê duyệt phương án bồi thường trước ngày 20/5/2026.")
    assert [(t["ref"], _leads(t), _support(t), t["deadline"]) for t in ts] == [
        ("1", ["Nhà đầu tư 02 dự án"], [], "2026-05-30"),
        ("1", ["Nhà đầu tư 02 dự án"], [], "2026-06-15"),
        ("2", ["UBND xã Đạ Huoai"], ["Trung tâm Phát triển quỹ đất tỉnh"], "2026-04"),
        ("2", ["UBND xã Đạ Huoai"], [], "2026-05-20"),
    ]
    assert ts[1]["text"].startswith("và điều chỉnh dự án") and ts[3]["text"].startswith("Hoàn thành toàn bộ")


def test_recipient_of_a_purpose_clause_is_not_the_doers():
    (t,) = _tasks("1. Giao UBND các xã, phường rà soát danh mục cơ sở phát thải, gửi Bộ Nông nghiệp và Môi trường "
                  "trước ngày 30/6/2026 để tổng hợp, trình Thủ tướng Chính phủ.")
    assert t["report_to"] == ["Bộ Nông nghiệp và Môi trường"]


def test_doer_handing_work_on_and_a_thank_you_are_not_new_tasks():
    ts = _tasks("1. UBND các xã, phường có cụm công nghiệp\n"
                "Khẩn trương giao Ban Quản lý dự án đầu tư xây dựng cấp xã lập hồ sơ thành lập cụm công nghiệp, gửi Sở Công "
                "Thương thẩm định, hoàn thành trước ngày 30/7/2026. Sở Công Thương trân trọng cảm ơn sự phối hợp của "
                "các địa phương./.")
    assert [(_leads(t), t["deadline"], t["report_to"]) for t in ts] == [
        (["UBND các xã, phường có cụm công nghiệp"], "2026-07-30", ["Sở Công Thương"])]


def test_sentence_split_over_two_paragraphs_keeps_its_doer():
    ts = _tasks("1. Về cụm công nghiệp\n"
                "Giao Sở Công Thương chủ trì rà soát hồ sơ các cụm công nghiệp, khẩn trương\n"
                "hoàn thành trước ngày 30/7/2026.\n"
                "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh; Công an tỉnh;\n"
                "Hiệp hội Doanh nghiệp tỉnh tổ chức tuyên truyền, phổ biến các quy định về giảm phát thải khí nhà kính.")
    assert [(_leads(t), t["deadline"]) for t in ts] == [
        (["Sở Công Thương"], "2026-07-30"),
        (["Ủy ban MTTQ Việt Nam tỉnh", "Công an tỉnh", "Hiệp hội Doanh nghiệp tỉnh"], None),
    ]


def test_council_and_committee_share_the_group_tail():
    ts = _tasks("Kính đề nghị Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương quan tâm chỉ đạo:\n"
                "1. Bố trí nguồn lực để tổ chức triển khai thi hành trên địa bàn tỉnh, thành phố.", CONG_VAN)
    assert [_leads(t) for t in ts] == [["HĐND các tỉnh, thành phố trực thuộc Trung ương",
                                        "UBND các tỉnh, thành phố trực thuộc Trung ương"]]


def test_plan_purpose_section_and_ban_hanh_are_not_tasks():
    ts = _tasks("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nTổ chức triển khai thực hiện đầy đủ, kịp thời các quy định của Nghị định.\n"
                "II. TỔ CHỨC THỰC HIỆN\n1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo.\n"
                "2. Cục Lâm nghiệp và Kiểm lâm có trách nhiệm tham mưu, theo dõi, đôn đốc việc triển khai Kế hoạch này.")
    assert [(t["ref"], _leads(t)) for t in ts] == [("II.1", []), ("II.2", ["Cục Lâm nghiệp và Kiểm lâm"])]


def test_recipients_that_take_the_next_step_and_notice_recipients():
    ts = _tasks("1. Giao UBND các xã lập hồ sơ thành lập cụm công nghiệp, gửi Sở Công Thương thẩm định, trình Ủy ban nhân dân "
                "tỉnh, hoàn thành trước ngày 30/7/2026.\n"
                "2. Giao Công an tỉnh phối hợp lực lượng Công an xã thông báo kế hoạch kiểm tra cho chính quyền địa phương.\n"
                "3. Giao Sở Tài chính phối hợp với Liên đoàn Thương mại và Công nghiệp Việt Nam (VCCI) rà soát dự toán.")
    assert [(_leads(t), _support(t), t["report_to"]) for t in ts] == [
        (["UBND các xã"], [], ["Sở Công Thương"]),
        (["Công an tỉnh"], ["lực lượng Công an xã"], ["chính quyền địa phương"]),
        (["Sở Tài chính"], ["Liên đoàn Thương mại và Công nghiệp Việt Nam (VCCI)"], []),
    ]


# --- documents of other levels and types: central units, doer labels, openings, attachments, grounds ----------

BO_KE_HOACH = """BỘ XÂY DỰNG
Số: 15/KH-BXD
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 12 tháng 3 năm 2026
KẾ HOẠCH
Triển khai thực hiện Chỉ thị số 05/CT-TTg ngày 20 tháng 02 năm 2026 của Thủ tướng Chính phủ
Thực hiện Chỉ thị số 05/CT-TTg ngày 20 tháng 02 năm 2026 của Thủ tướng Chính phủ, Bộ Xây dựng ban hành Kế hoạch triển khai thực hiện như sau:
{body}
Nơi nhận:
- Bộ trưởng (để báo cáo);
- Lưu: VT, KHTC.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn Sinh
"""

CONG_VAN_BO = """BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
Số: 812/BNNMT-QLCL
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 05 tháng 3 năm 2026
V/v triển khai các quy định về an toàn thực phẩm
Kính gửi:
- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;
- Hiệp hội Chế biến thủy sản;
- Cơ sở sản xuất giống thủy sản phải cấp giấy chứng nhận đủ điều kiện.
{body}
Nơi nhận:
- Như trên;
- Lưu: VT, QLCL.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Phùng Đức Tiến
"""

THONG_BAO = """ỦY BAN NHÂN DÂN
TỈNH THÁI NGUYÊN
Số: 88/TB-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Nguyên, ngày 02 tháng 4 năm 2026
THÔNG BÁO
Về việc treo cờ Tổ quốc
{body}
Nơi nhận:
- Như trên;
- Lưu: VT.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Lê Văn Tâm
"""

QUYET_DINH = """BỘ XÂY DỰNG
Số: 310/QĐ-BXD
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 08 tháng 4 năm 2026
QUYẾT ĐỊNH
Ban hành Kế hoạch triển khai Nghị định số 95/2026/NĐ-CP của Chính phủ
BỘ TRƯỞNG BỘ XÂY DỰNG
Căn cứ Nghị định số 95/2026/NĐ-CP ngày 10 tháng 3 năm 2026 của Chính phủ;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai Nghị định số 95/2026/NĐ-CP.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn Sinh
KẾ HOẠCH
TRIỂN KHAI NGHỊ ĐỊNH SỐ 95/2026/NĐ-CP CỦA CHÍNH PHỦ
Ngày 10 tháng 3 năm 2026, Chính phủ ban hành Nghị định số 95/2026/NĐ-CP quy định về quản lý chất thải rắn xây dựng.
{body}
"""

# (body, template, [(ref, leads, support)])
DOER_CASES = [
    ("1. Cục Quản lý chất thải rắn có trách nhiệm:\na) Chủ trì, phối hợp với Vụ Pháp chế hoàn thiện dự thảo Thông tư.\n"
     "b) Theo dõi, đôn đốc việc thực hiện, báo cáo Bộ trưởng kết quả thực hiện.", BO_KE_HOACH,
     [("1.a", ["Cục Quản lý chất thải rắn"], ["Vụ Pháp chế"]), ("1.b", ["Cục Quản lý chất thải rắn"], [])]),
    ("2. Viện Kinh tế xây dựng; Viện Chiến lược, Chính sách đô thị và nông thôn nghiên cứu tham mưu xây dựng định mức.\n"
     "3. Trung tâm Thông tin tài nguyên và môi trường, Tạp chí Xây dựng có trách nhiệm tuyên truyền Kế hoạch.", BO_KE_HOACH,
     [("2", ["Viện Kinh tế xây dựng", "Viện Chiến lược, Chính sách đô thị và nông thôn"], []),
      ("3", ["Trung tâm Thông tin tài nguyên và môi trường", "Tạp chí Xây dựng"], [])]),
    ("I. NHIỆM VỤ CHỦ YẾU CỦA BỘ XÂY DỰNG\n1. Chủ trì, phối hợp với các Bộ, cơ quan liên quan hoàn thiện Nghị định.\n"
     "II. TỔ CHỨC THỰC HIỆN\n1. Cục Kinh tế xây dựng chủ trì, phối hợp với Cục Quản lý hoạt động xây dựng rà soát định mức.",
     BO_KE_HOACH, [("II.1", ["Cục Kinh tế xây dựng"], ["Cục Quản lý hoạt động xây dựng"])]),
    ("5. Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương:\na) Rà soát các dự án nhà ở xã hội, yêu cầu các chủ đầu tư "
     "báo cáo tiến độ, gửi Bộ Xây dựng trước ngày 30/9/2026.", BO_KE_HOACH,
     [("5.a", ["UBND các tỉnh, thành phố trực thuộc trung ương"], [])]),
    ("3.1. Đẩy mạnh tuyên truyền, nâng cao nhận thức\n- Quán triệt sâu sắc chủ trương tiết kiệm năng lượng.\n"
     "- Nhân rộng các mô hình công trình xanh.\nTrách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy ban nhân dân tỉnh; các cấp ủy, tổ chức đảng.",
     CONG_VAN, [("3.1.-1", ["Đảng ủy UBND tỉnh", "các cấp ủy, tổ chức đảng"], []),
                ("3.1.-2", ["Đảng ủy UBND tỉnh", "các cấp ủy, tổ chức đảng"], [])]),
    ("1. Phó Giám đốc Sở - Nguyễn Văn Hùng\nTrực tiếp chỉ đạo việc cấp giấy phép kinh doanh xăng dầu.\n2. Phòng Quản lý thương mại\n"
     "Chủ trì tham mưu Lãnh đạo Sở thực hiện các nhiệm vụ được ủy quyền, bao gồm:\n- Cấp, cấp lại giấy phép kinh doanh xăng dầu.",
     CONG_VAN, [("1", ["Phó Giám đốc Sở - Nguyễn Văn Hùng"], []), ("2", ["Phòng Quản lý thương mại"], []),
                ("2.-1", ["Phòng Quản lý thương mại"], [])]),
    ("2. Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy; các chi bộ, đảng bộ cơ sở:\nCác cấp ủy, tổ chức đảng chủ động "
     "quán triệt Kết luận đến toàn thể đảng viên.\nGiao Ban Tuyên giáo và Dân vận Đảng ủy chủ trì hướng dẫn các cấp ủy thực hiện.",
     CONG_VAN, [("2", ["các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy", "các chi bộ, đảng bộ cơ sở"], []),
                ("2", ["Ban Tuyên giáo và Dân vận Đảng ủy"], [])]),
    ("Giao Giám đốc: Sở Văn hóa, Thể thao và Du lịch, Sở Công Thương, Đài Phát thanh và Truyền hình tỉnh phối hợp với "
     "Ủy ban nhân dân huyện, thị xã, thành phố tổ chức các hoạt động hưởng ứng Tuần lễ./.", CONG_VAN,
     [("", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Công Thương", "Đài Phát thanh và Truyền hình tỉnh"],
       ["UBND huyện, thị xã, thành phố"])]),
    ("1. Bộ Công Thương chủ trì, phối hợp chặt chẽ với các Bộ Tài chính, Xây dựng, Tư pháp hoàn thiện dự thảo Nghị định, "
     "bảo đảm xác định rõ cấp có thẩm quyền ban hành, trình Chính phủ trong tháng 6/2026.", NOTICE,
     [("1", ["Bộ Công Thương"], ["Bộ Tài chính", "Bộ Xây dựng", "Bộ Tư pháp"])]),
    ("Bộ Nông nghiệp và Môi trường đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương; Hiệp hội Chế biến thủy "
     "sản; Cơ sở sản xuất giống thủy sản phải cấp giấy chứng nhận đủ điều kiện và các tổ chức, cá nhân có liên quan nghiêm túc "
     "thực hiện kiểm tra điều kiện an toàn thực phẩm.", CONG_VAN_BO,
     [("", ["UBND các tỉnh, thành phố trực thuộc Trung ương", "Hiệp hội Chế biến thủy sản",
            "Cơ sở sản xuất giống thủy sản phải cấp giấy chứng nhận đủ điều kiện", "các tổ chức, cá nhân có liên quan"], [])]),
]


@pytest.mark.parametrize("body,template,expected", DOER_CASES, ids=[c[0][:40] for c in DOER_CASES])
def test_doers_across_levels_and_types(body, template, expected):
    assert [(t["ref"], _leads(t), _support(t)) for t in _tasks(body, template)] == expected


def test_opening_that_orders_is_a_task():
    ts = _tasks("Nhân dịp kỷ niệm 80 năm Ngày Quốc khánh. Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị của Trung ương "
                "trên địa bàn; các sở, ban, ngành, đơn vị và các hộ gia đình trên địa bàn tỉnh treo cờ Tổ quốc từ ngày "
                "01/9/2026 đến hết ngày 03/9/2026.\nỦy ban nhân dân các xã, phường có trách nhiệm kiểm tra việc treo cờ./.",
                THONG_BAO)
    assert [_leads(t) for t in ts] == [
        ["các cơ quan, đơn vị của Trung ương trên địa bàn", "các sở, ban, ngành, đơn vị", "các hộ gia đình trên địa bàn tỉnh"],
        ["UBND các xã, phường"]]


def test_lead_in_in_the_opening_gives_the_items_doers():
    ts = _tasks("Để bảo đảm thi hành Nghị định số 49/2026/NĐ-CP, Bộ Nông nghiệp và Môi trường đề nghị Hội đồng nhân dân, "
                "Ủy ban nhân dân các tỉnh, thành phố khẩn trương thực hiện các nhiệm vụ sau:\n"
                "1. Bố trí nguồn lực để tổ chức thi hành trên địa bàn.\n"
                "2. Kịp thời báo cáo về Bộ Nông nghiệp và Môi trường những khó khăn, vướng mắc.\n"
                "Bộ Nông nghiệp và Môi trường trân trọng đề nghị Ủy ban nhân dân các tỉnh, thành phố quan tâm thực hiện./.",
                CONG_VAN_BO)
    assert [(t["ref"], _leads(t), t["report_to"]) for t in ts] == [
        ("1", ["HĐND các tỉnh, thành phố", "UBND các tỉnh, thành phố"], []),
        ("2", ["HĐND các tỉnh, thành phố", "UBND các tỉnh, thành phố"], ["Bộ Nông nghiệp và Môi trường"])]


def test_attached_plan_gives_its_items_not_its_title_or_narrative():
    ts = _tasks("I. TỔ CHỨC THỰC HIỆN\n1. Cục Kinh tế xây dựng có trách nhiệm tham mưu, theo dõi việc triển khai Kế hoạch này.\n"
                "2. Vụ Kế hoạch - Tài chính bố trí kinh phí thực hiện Kế hoạch.", QUYET_DINH)
    assert [(t["ref"], _leads(t)) for t in ts] == [("I.1", ["Cục Kinh tế xây dựng"]), ("I.2", ["Vụ Kế hoạch - Tài chính"])]


@pytest.mark.parametrize("body,based_on", [
    # a document named again without its number takes the numbers cited before
    ("UBND tỉnh nhận được Công văn số 125/BXD-HĐXD ngày 02/3/2026 của Bộ Xây dựng về kiểm tra công tác nghiệm thu, "
     "Chủ tịch UBND tỉnh có ý kiến như sau:\nGiao Sở Xây dựng chủ trì tổ chức kiểm tra theo yêu cầu tại Công văn nêu trên./.",
     [["125/BXD-HĐXD"]]),
    ("Xét đề nghị của Bộ Tài chính tại văn bản số 2301/BTC-NSNN ngày 01/3/2026 và Bộ Tư pháp tại văn bản số 870/BTP-PLDSKT "
     "ngày 03/3/2026, Phó Thủ tướng có ý kiến như sau:\n1. Ủy ban nhân dân tỉnh chủ trì, tiếp thu ý kiến các Bộ tại các văn "
     "bản nêu trên để hoàn thiện Đề án.", [["2301/BTC-NSNN", "870/BTP-PLDSKT"]]),
    # without 'nêu trên' only documents just cited are named again; a kind in a list of kinds is generic
    ("Sở Tư pháp đã ban hành các Văn bản hợp nhất số 12/VBHN-STP và số 13/VBHN-STP ngày 02/3/2026.\n"
     "Đề nghị các xã, phường triển khai thực hiện theo các văn bản hợp nhất của Sở Tư pháp.",
     [["12/VBHN-STP", "13/VBHN-STP"]]),
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư, Chủ tịch UBND tỉnh có ý kiến "
     "như sau:\n1. Giao Sở Nội vụ chủ trì rà soát quy trình, thủ tục lưu trữ hồ sơ điện tử tại các cơ quan, đơn vị trên "
     "địa bàn tỉnh; kiểm tra việc số hóa tài liệu lưu trữ lịch sử của tỉnh, hướng dẫn các cơ quan, đơn vị xây dựng danh "
     "mục hồ sơ, bảo đảm thống nhất, đồng bộ với hệ thống quản lý văn bản và điều hành của tỉnh, hoàn thành trong năm "
     "2026.\n2. Giao Sở Khoa học và Công nghệ nghiên cứu chủ trương của Đảng, Nghị quyết của Quốc hội, các Nghị định "
     "của Chính phủ về chuyển đổi số để đề xuất giải pháp nâng cấp hạ tầng số của tỉnh, bảo đảm an toàn thông tin, "
     "kết nối liên thông với các hệ thống thông tin của Trung ương và các cơ quan, đơn vị trong tỉnh.", [[], []]),
    # 'trên cơ sở' is no anaphor
    ("UBND tỉnh nhận được Quyết định số 55/QĐ-BXD ngày 02/3/2026 của Bộ Xây dựng, Chủ tịch UBND tỉnh có ý kiến như sau:\n"
     "Giao Sở Xây dựng tham mưu ban hành Quyết định trên cơ sở đề xuất của các xã.", [[]]),
    # the document a task amends is its object, not its ground
    ("1. Giao Sở Tư pháp xây dựng dự thảo Quyết định sửa đổi, bổ sung một số điều của Quyết định số 12/2024/QĐ-UBND, "
     "theo quy định tại Nghị định số 78/2025/NĐ-CP.", [["78/2025/NĐ-CP"]]),
    # the amending document of a ground is part of the ground, also inside the ground's title
    ("1. Giao Sở Công Thương tiếp nhận hồ sơ theo trình tự quy định tại Luật Quản lý, sử dụng vũ khí, vật liệu nổ số "
     "42/2024/QH15 (được sửa đổi, bổ sung bởi Luật số 118/2025/QH15) và Nghị định số 181/2024/NĐ-CP.",
     [["42/2024/QH15", "118/2025/QH15", "181/2024/NĐ-CP"]]),
    ("1. Giao Sở Nông nghiệp và Môi trường hướng dẫn theo quy định tại Điều 48 Nghị định số 08/2022/NĐ-CP ngày 10/01/2022 "
     "của Chính phủ quy định chi tiết một số điều của Luật Bảo vệ môi trường được sửa đổi, bổ sung bởi Nghị định số "
     "05/2025/NĐ-CP ngày 06/01/2025.", [["08/2022/NĐ-CP", "05/2025/NĐ-CP"]]),
    ("1. Giao Sở Y tế gửi hồ sơ đăng ký theo quy định tại khoản 1 Điều 17 Nghị định số 116/2021/NĐ-CP ngày 21/12/2021 "
     "của Chính phủ quy định chi tiết một số điều của Luật Phòng, chống ma túy được sửa đổi, bổ sung tại khoản 9 Điều 20 "
     "Nghị định số 184/2025/NĐ-CP ngày 01/7/2025 của Chính phủ về Công an tỉnh trước ngày 05/11/2025.",
     [["116/2021/NĐ-CP", "184/2025/NĐ-CP"]]),
    # an index set named by number is a yardstick, not a ground
    ("1. Giao Văn phòng UBND tỉnh báo cáo tình hình giải quyết hồ sơ (bám sát tiêu chí đánh giá Bộ chỉ số 766 về tỷ lệ "
     "hồ sơ đúng hạn) theo Quyết định số 55/QĐ-UBND.", [["55/QĐ-UBND"]]),
    # a document that only dates the task is no ground
    ("1. Giao Sở Tư pháp rà soát văn bản trong thời hạn 06 tháng, kể từ ngày Nghị định số 78/2025/NĐ-CP có hiệu lực.\n"
     "2. Giao Sở Nội vụ rà soát biên chế theo Nghị định số 78/2025/NĐ-CP.", [[], ["78/2025/NĐ-CP"]]),
    # documents a task asks to add, update or swap in are its objects
    ("1. Đề nghị Sở Xây dựng bổ sung các căn cứ pháp lý liên quan như: Nghị định số 08/2022/NĐ-CP ngày 10/01/2022 của "
     "Chính phủ; Thông tư số 02/2022/TT-BTNMT ngày 10/01/2022 của Bộ Tài nguyên và Môi trường.", [[]]),
    ("1. Đề nghị Sở Xây dựng cập nhật đầy đủ các văn bản hiện hành, trong đó thay thế QCVN 40:2011/BTNMT bằng "
     "QCVN 40:2025/BTNMT; thực hiện theo Quyết định số 55/QĐ-UBND.", [["55/QĐ-UBND"]]),
    # a document that only marks a time, or whose implementation the task reviews, is no ground
    ("1. Giao Sở Công Thương đánh giá kết quả 2 năm thực hiện Quyết định số 105/2009/QĐ-TTg ngày 19/8/2009, báo cáo UBND "
     "tỉnh.\n2. Giao Sở Tài chính xử lý các cụm công nghiệp đã hình thành trước khi Quy chế quản lý cụm công nghiệp được "
     "ban hành kèm theo Quyết định số 105/2009/QĐ-TTg.\n3. Giao Sở Xây dựng quản lý cụm công nghiệp theo Quyết định số "
     "105/2009/QĐ-TTg.", [[], [], ["105/2009/QĐ-TTg"]]),
    # a law cited once with its number and named alone later is that law; a longer name is another law, a name never
    # cited with a number stays unresolved, and so does a name met before its number
    ("Căn cứ Luật Đầu tư số 143/2025/QH15 ngày 11/12/2025, Chủ tịch UBND tỉnh có ý kiến như sau:\n"
     "1. Giao Sở Tài chính báo cáo định kỳ theo quy định tại Điều 47 Luật Đầu tư trên Hệ thống thông tin quốc gia.\n"
     "2. Giao Sở Xây dựng thẩm định dự án theo quy định của Luật Đầu tư công.\n"
     "3. Giao Sở Nông nghiệp và Môi trường thực hiện theo quy định của Luật Đất đai.",
     [["143/2025/QH15"], [], []]),
    ("1. Giao Sở Tài chính thực hiện theo quy định của Luật Đầu tư.\n"
     "2. Giao Sở Xây dựng thực hiện theo Luật Đầu tư số 143/2025/QH15 ngày 11/12/2025.", [[], ["143/2025/QH15"]]),
    # one mistyped letter in the cited name; two versions of a law tell apart only by the year written after the name
    ("Căn cứ Luật Địa chất và koáng sản số 54/2024/QH15 ngày 29/11/2024, Luật Đầu tư số 61/2020/QH14 và Luật Đầu tư "
     "số 143/2025/QH15, Chủ tịch UBND tỉnh có ý kiến như sau:\n"
     "1. Giao Sở Công Thương rà soát giấy phép theo quy định tại khoản 2 Điều 56 của Luật Địa chất và khoáng sản.\n"
     "2. Giao Sở Tài chính rà soát dự án theo Luật Đầu tư năm 2020.\n3. Giao Sở Xây dựng rà soát dự án theo Luật Đầu tư.",
     [["54/2024/QH15"], ["61/2020/QH14"], []]),
    ("Căn cứ Luật Đất đai số 31/2024/QH15 ngày 18/01/2024, Chủ tịch UBND tỉnh có ý kiến như sau:\n"
     "1. Giao Sở Nông nghiệp và Môi trường rà soát hồ sơ theo Luật Đất đai năm 2013.\n"
     "2. Giao Sở Tài chính thực hiện theo Luật Đất đai năm 2024.", [[], ["31/2024/QH15"]]),
])
def test_grounds_named_again_and_documents_amended(body, based_on):
    assert [t["based_on"] for t in _tasks(body, CONG_VAN)] == based_on


@pytest.mark.parametrize("body,template,expected", [
    # a ministry as a label over lettered items; an item that opens 'Báo cáo <body>' reports to it
    ("Thủ tướng Chính phủ yêu cầu:\n1. Bộ Công an:\na) Chủ trì, phối hợp với Bộ Quốc phòng tăng cường kiểm soát biên giới.\n"
     "b) Báo cáo Thủ tướng Chính phủ kết quả thực hiện trước ngày 15/12/2026.\n"
     "2. Bộ Y tế và Bộ Công Thương phối hợp chặt chẽ tổ chức kiểm tra các cơ sở kinh doanh.", NOTICE,
     [("1.a", ["Bộ Công an"], None, []), ("1.b", ["Bộ Công an"], "2026-12-15", ["Thủ tướng Chính phủ"]),
      ("2", ["Bộ Y tế", "Bộ Công Thương"], None, [])]),
    # a doer-only label as the letter's first paragraph
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:\na) Chỉ đạo Sở Nông nghiệp và Môi trường rà soát, báo cáo "
     "Bộ Nông nghiệp và Môi trường trước ngày 30/6/2026.\nb) Bố trí kinh phí thực hiện.", CONG_VAN_BO,
     [("a", ["UBND các tỉnh, thành phố trực thuộc Trung ương"], "2026-06-30", ["Bộ Nông nghiệp và Môi trường"]),
      ("b", ["UBND các tỉnh, thành phố trực thuộc Trung ương"], None, [])]),
    # a central unit sends to its ministry, which reports on: the recipient is the ministry
    ("1. Cục Hạ tầng kỹ thuật chủ trì, phối hợp với Vụ Quy hoạch - Kiến trúc rà soát, gửi Bộ Xây dựng để tổng hợp, báo cáo "
     "Thủ tướng Chính phủ trước ngày 20/11/2026.\n2. Tổng cục Thống kê phối hợp với Cục Thuế hoàn thiện số liệu, báo cáo "
     "Bộ trưởng trong tháng 10/2026.", BO_KE_HOACH,
     [("1", ["Cục Hạ tầng kỹ thuật"], "2026-11-20", ["Bộ Xây dựng"]), ("2", ["Tổng cục Thống kê"], "2026-10", ["Bộ trưởng"])]),
])
def test_central_labels_and_reporting(body, template, expected):
    assert [(t["ref"], _leads(t), t["deadline"], t["report_to"]) for t in _tasks(body, template)] == expected


@pytest.mark.parametrize("body,expected", [
    ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc "
     "Trung ương chịu trách nhiệm tổ chức thực hiện nghiêm Chỉ thị này.",
     [["Bộ trưởng", "Thủ trưởng cơ quan ngang bộ", "cơ quan thuộc Chính phủ",
       "Chủ tịch UBND các tỉnh, thành phố trực thuộc Trung ương"]]),
    ("Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy tổ chức quán triệt Chỉ thị.",
     [["các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy"]]),
    ("Giao Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo triển khai; Đảng đoàn HĐND tỉnh chỉ đạo giám sát việc thực hiện.",
     [["Ban cán sự đảng UBND tỉnh"], ["Đảng đoàn HĐND tỉnh"]]),
    ("Bộ trưởng các Bộ: Quốc phòng, Công an theo chức năng, nhiệm vụ chỉ đạo các lực lượng sẵn sàng hỗ trợ người dân.",
     [["Bộ trưởng các Bộ"]]),
    ("Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam và các cơ quan thông tấn, báo chí tăng cường "
     "thông tin về diễn biến của bão.",
     [["Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam", "các cơ quan thông tấn, báo chí"]]),
    ("Giao Cục trưởng Cục Kinh tế xây dựng, Vụ trưởng Vụ Pháp chế rà soát định mức, báo cáo Bộ trưởng trước ngày 15/5/2026.",
     [["Cục trưởng Cục Kinh tế xây dựng", "Vụ trưởng Vụ Pháp chế"]]),
    ("Giao Bộ Chỉ huy Quân sự tỉnh phối hợp chặt chẽ với các đơn vị chức năng thuộc Bộ Quốc phòng quản lý vật liệu nổ.",
     [["Bộ Chỉ huy Quân sự tỉnh"]]),
    # the executing article of a Quyết định is no task
    ("Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc các Sở, ban, ngành; Chủ tịch UBND các xã, phường chịu trách nhiệm thi hành "
     "quyết định này./.", []),
])
def test_chi_thi_party_and_decision_doers(body, expected):
    assert [_leads(t) for t in _tasks(body, CONG_VAN)] == expected


@pytest.mark.parametrize("text,issuer,expected", [
    ("Ủy ban nhân dân thành phố Hà Nội đề nghị các cơ quan, đơn vị treo cờ Tổ quốc.", "UBND thành phố Hà Nội", True),
    ("Bộ Nông nghiệp và Môi trường đề nghị Ủy ban nhân dân các tỉnh thực hiện các nhiệm vụ sau:", "Bộ Nông nghiệp và Môi trường", True),
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:", "Bộ Xây dựng", True),
    # background, not an order: a request made to the issuer, one received, a ground quoted
    ("Sở Tài chính đề nghị UBND tỉnh cho phép điều chỉnh dự toán năm 2026.", "UBND tỉnh Lào Cai", False),
    ("UBND tỉnh nhận được Công văn số 12/SXD-QLN của Sở Xây dựng đề nghị các xã rà soát quỹ đất.", "UBND tỉnh Lào Cai", False),
    ("Căn cứ Nghị quyết số 173/2024/QH15 quy định: “giao Chính phủ tổ chức thực hiện”;", "Bộ Công an", False),
])
def test_opening_paragraph_that_orders(text, issuer, expected):
    from loaders.tasks import gives_directive

    assert gives_directive(text, issuer) is expected


def test_what_a_doer_has_done_under_its_heading_is_not_a_task():
    ts = _tasks("2. Sở Xây dựng:\n- Sở đã triển khai thực hiện các nội dung theo kế hoạch.\n- Rà soát các dự án chậm tiến độ.")
    assert [(t["ref"], _leads(t)) for t in ts] == [("2.-2", ["Sở Xây dựng"])]


def test_decision_article_and_attached_plan_items():
    body = ("Điều 2. Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, UBND các xã, phường tổ chức triển khai Kế hoạch.\n"
            "Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc các sở: Xây dựng, Tài chính; Chủ tịch UBND các xã, phường chịu "
            "trách nhiệm thi hành Quyết định này./.\n")
    plan = ("KẾ HOẠCH\nQUẢN LÝ CHẤT THẢI RẮN XÂY DỰNG NĂM 2026\n"
            "Để quản lý chất thải rắn xây dựng, UBND tỉnh ban hành Kế hoạch như sau:\n"
            "I. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng: Chủ trì kiểm tra các bãi thải, hoàn thành trước ngày 30/6/2026.\n")
    text = CONG_VAN.format(body=body) + plan
    ts = extract_text(text)["tasks"]
    assert [(_leads(t), _support(t), t["deadline"]) for t in ts] == [
        (["Sở Xây dựng"], ["Sở Tài chính", "UBND các xã, phường"], None),
        (["Sở Xây dựng"], [], "2026-06-30")]


def test_list_of_bodies_cut_inside_a_name_at_an_indented_line():
    body = ("     Sở Nông nghiệp và Môi trường đề nghị Công an tỉnh; Bộ Chỉ huy quân\n"
            "sự tỉnh; Đài\n"
            "     Khí tượng Thủy văn tỉnh; Hiệp hội Doanh nghiệp tỉnh tổ chức\n"
            "tuyên truyền các quy định về khí tượng thủy văn.")
    assert [_leads(t) for t in _tasks(body, CONG_VAN)] == [
        ["Công an tỉnh", "Bộ Chỉ huy quân sự tỉnh", "Đài Khí tượng Thủy văn tỉnh", "Hiệp hội Doanh nghiệp tỉnh"]]


def test_group_narrowed_to_the_units_of_a_body_is_one_support():
    (t,) = _tasks("1. Giao Bộ Chỉ huy Quân sự tỉnh phối hợp chặt chẽ với các đơn vị chức năng thuộc Bộ Quốc phòng, Công an "
                  "tỉnh quản lý vật liệu nổ công nghiệp.")
    assert _support(t) == ["các đơn vị chức năng thuộc Bộ Quốc phòng", "Công an tỉnh"]


def test_every_deadline_says_where_it_was_read():
    text = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LẠNG SƠN | Độc lập - Tự do - Hạnh phúc\n"
            "Số: 120/UBND-KT | Lạng Sơn, ngày 02 tháng 6 năm 2026\nV/v triển khai nhiệm vụ\n"
            "Kính gửi: Các sở, ban, ngành tỉnh.\n"
            "Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:\n"
            "1. Giao Sở Tài chính chủ trì rà soát nguồn vốn, báo cáo UBND tỉnh trước ngày 15/6/2026.\n"
            "2. Giao Sở Xây dựng hoàn thiện hồ sơ thiết kế.\n"
            "Thời hạn: trước ngày 30/6/2026.\n"
            "3. Giao Sở Nội vụ tổng hợp kết quả thực hiện định kỳ hằng quý.\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n")
    got = [(t["deadline"], t["deadline_reason"], (t["recurrence"] or {}).get("rule")) for t in extract_text(text)["tasks"]]
    assert got == [("2026-06-15", "deadline: in sentence", None),
                   ("2026-06-30", "deadline: line under item", None),
                   (None, "recurrence: in sentence", "quarterly")]


PERIODIC_CASES = [
    # a date without a year inside a periodic report schedule comes back every period: no deadline
    ("7. Tổ chức thực hiện\n- Báo cáo 6 tháng: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 05/7; "
     "Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 12/7.", [None, None], ["07-05", "07-12"]),
    ("1. Sở Nội vụ định kỳ tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12.", [None], ["12-15"]),
    # a date with its year stays a deadline, even in a periodic item
    ("1. Sở Nội vụ định kỳ tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2026.", ["2026-12-15"], [None]),
    # a date without a year outside any schedule takes the document's year
    ("1. Sở Nội vụ tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12.", ["2026-12-15"], [None]),
]


def test_periodic_report_dates_without_a_year_are_recurring():
    for body, deadlines, ons in PERIODIC_CASES:
        ts = _tasks(body, CONG_VAN)
        assert [t["deadline"] for t in ts] == deadlines, body
        assert [(t["recurrence"] or {}).get("on") for t in ts] == ons, body


CV_OPENING = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 5120/UBND-TH
V/v triển khai Nghị định số 99/2026/NĐ-CP
Lào Cai, ngày 12 tháng 6 năm 2026
Kính gửi:
- Các sở, ban, ngành thuộc UBND tỉnh;
- Ủy ban nhân dân các xã, phường.
Thực hiện Nghị định số 99/2026/NĐ-CP ngày 02/6/2026 của Chính phủ, {opening}
{body}
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Phan Trung Bá
"""

OPENING_CASES = [
    # the bodies the opening hands the items to are the doers of items naming none (not the addressee lines)
    ("Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành, địa phương, cơ quan, đơn vị, doanh nghiệp "
     "nghiêm túc triển khai thực hiện các nội dung sau:",
     ["các sở, ban, ngành, địa phương, cơ quan, đơn vị, doanh nghiệp"]),
    # an opening that names only the issuer leaves the addressees as doers
    ("Ủy ban nhân dân tỉnh có ý kiến như sau:", ["các sở, ban, ngành thuộc UBND tỉnh", "UBND các xã, phường"]),
]


def test_opening_lead_in_names_the_doers_of_the_items():
    body = "1. Công tác tuyên truyền\nTổ chức phổ biến nội dung Nghị định đến cán bộ, công chức thuộc phạm vi quản lý."
    for opening, leads in OPENING_CASES:
        ts = extract_text(CV_OPENING.format(opening=opening, body=body))["tasks"]
        assert [_leads(t) for t in ts] == [leads], opening


CV_TO_COMPANY = """UBND TỈNH LÀO CAI
SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
Số: 4410/SNNMT-KS
V/v thực hiện nghĩa vụ sau khi được cấp phép
Lào Cai, ngày 03 tháng 6 năm 2026
Kính gửi: Công ty cổ phần Khoáng sản và Vật liệu xây dựng Hồng Hà Tây Bắc (Địa chỉ: Tổ 5, phường Cốc Lếu, tỉnh Lào Cai)
Để bảo đảm hoạt động khai thác đúng quy định, Sở Nông nghiệp và Môi trường đề nghị Công ty thực hiện các nội dung sau:
1. Trước khi khai thác
- Thực hiện cắm mốc khu vực khai thác theo đúng quy định.
- Phối hợp với UBND xã Bảo Hà thực hiện công tác bồi thường, giải phóng mặt bằng.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Văn Hùng
"""


def test_company_addressee_with_its_address_is_the_doer():
    ts = extract_text(CV_TO_COMPANY)["tasks"]
    company = "Công ty cổ phần Khoáng sản và Vật liệu xây dựng Hồng Hà Tây Bắc"
    assert [(_leads(t), _support(t)) for t in ts] == [([company], []), ([company], ["UBND xã Bảo Hà"])]


NGHI_QUYET = """TỈNH ỦY LÀO CAI
Số 12-NQ/TU
Lào Cai, ngày 10 tháng 3 năm 2026
NGHỊ QUYẾT
của Ban Thường vụ Tỉnh ủy về phát triển du lịch cộng đồng
I. TỔ CHỨC THỰC HIỆN
{body}
Nơi nhận:
- Ban Thường vụ Tỉnh ủy,
- Lưu Văn phòng Tỉnh ủy.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC
Nguyễn Văn Sơn
"""

PARTY_CASES = [
    # a subject followed by ', lãnh đạo, chỉ đạo' is the doer of the item
    ("1. Các cấp ủy, tổ chức Đảng, chính quyền, lãnh đạo, chỉ đạo tổ chức quán triệt Nghị quyết này đến cán bộ, "
     "đảng viên (hoàn thành trong tháng 4/2026).",
     [(["các cấp ủy, tổ chức Đảng, chính quyền"], "2026-04")]),
    # 'Đảng ủy X chỉ đạo:' then '2.1. Đảng ủy Y lãnh đạo …': both lead the item
    ("2. Đảng ủy Các cơ quan Đảng tỉnh chỉ đạo:\n2.1. Đảng ủy Hội đồng nhân dân tỉnh lãnh đạo Hội đồng nhân dân tỉnh "
     "ban hành cơ chế hỗ trợ du lịch cộng đồng.\n2.2. Xây dựng chương trình giám sát việc thực hiện Nghị quyết.",
     [(["Đảng ủy Các cơ quan Đảng tỉnh", "Đảng ủy HĐND tỉnh"], None), (["Đảng ủy Các cơ quan Đảng tỉnh"], None)]),
]


def test_party_resolution_doers_and_delegation():
    for body, expected in PARTY_CASES:
        ts = _tasks(body, NGHI_QUYET)
        assert [(_leads(t), t["deadline"]) for t in ts] == expected, body


CHAIR_CASES = [
    # 'Chủ tịch UBND tỉnh giao Sở X chủ trì, phối hợp …': the chair gives the order (not 'được UBND tỉnh giao')
    ("Sau khi xem xét Chủ tịch Ủy ban nhân dân tỉnh giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính và Ủy ban "
     "nhân dân xã Bảo Hà kiểm tra, xác minh nội dung kiến nghị. Báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày "
     "20/7/2026.\nYêu cầu Sở Xây dựng, Sở Tài chính, Ủy ban nhân dân xã Bảo Hà triển khai thực hiện./.",
     [(["Sở Xây dựng"], ["Sở Tài chính", "UBND xã Bảo Hà"], "2026-07-20", ["UBND tỉnh"])]),
    # a closing formula after a framing clause completes the items, it is no task of its own
    ("Chủ tịch Ủy ban nhân dân tỉnh giao:\n1. Vườn quốc gia Hoàng Liên, các Công ty Lâm nghiệp chủ động rà soát "
     "diện tích rừng được giao.\n2. Các sở, ban, ngành cấp tỉnh phối hợp với Sở Nông nghiệp và Môi trường thực hiện.\n"
     "Căn cứ nội dung chỉ đạo trên, yêu cầu các sở, ngành, cơ quan, đơn vị triển khai thực hiện./.",
     [(["Vườn quốc gia Hoàng Liên", "các Công ty Lâm nghiệp"], [], None, []),
      (["các sở, ban, ngành cấp tỉnh"], ["Sở Nông nghiệp và Môi trường"], None, [])]),
]


def test_chair_gives_and_closing_after_framing():
    for body, expected in CHAIR_CASES:
        ts = _tasks(body, CONG_VAN)
        assert [(_leads(t), _support(t), t["deadline"], t["report_to"]) for t in ts] == expected, body


QD_UY_QUYEN = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 512/QĐ-UBND
Lào Cai, ngày 02 tháng 4 năm 2026
QUYẾT ĐỊNH
Về việc ủy quyền cho Giám đốc Sở Y tế
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
QUYẾT ĐỊNH:
Điều 1. Ủy quyền cho Giám đốc Sở Y tế cấp giấy chứng nhận cơ sở đủ điều kiện.
Điều 2. Giám đốc Sở Y tế có trách nhiệm công khai nội dung ủy quyền cho các tổ chức, cá nhân biết.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Y tế; Thủ trưởng các sở, ban, ngành cấp tỉnh; các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Thành Sinh
"""


def test_closing_execution_article_is_no_task():
    rec = extract_text(QD_UY_QUYEN)
    # the delegation itself (Điều 1) and the delegate's duty (Điều 2); the closing article is executors only
    assert [(t["ref"], _leads(t)) for t in rec["tasks"] if _leads(t)] == [
        ("Điều 1", ["Giám đốc Sở Y tế"]), ("Điều 2", ["Giám đốc Sở Y tế"])]
    assert rec["executors"][:2] == ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Y tế"]


CHI_THI = """ỦY BAN NHÂN DÂN
TỈNH VĨNH LONG
Số: 05/CT-UBND
Vĩnh Long, ngày 02 tháng 4 năm 2015
CHỈ THỊ
Về công tác phòng, chống hạn hán năm 2015
Để chủ động ứng phó với hạn hán, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:
{body}
Nơi nhận:
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn Quang
"""


def test_group_lead_in_with_scope_suffix_gives_doers_and_the_bullet_deadline():
    ts = _tasks("I. Nhiệm vụ chung\nBan Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn các ngành, các cấp, Thủ trưởng "
                "các sở, ban, ngành tỉnh, Chủ tịch UBND các huyện, thị xã và thành phố tập trung thực hiện một số công việc sau:\n"
                "- Khẩn trương rà soát phương án ứng phó hạn hán, hoàn thành trước ngày 25/4/2015.", CHI_THI)
    assert [(_leads(t), t["deadline"]) for t in ts] == [(
        ["Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn các ngành, các cấp", "Thủ trưởng các sở, ban, ngành tỉnh",
         "Chủ tịch UBND các huyện, thị xã và thành phố"], "2015-04-25")]


def test_investor_named_by_infrastructure_and_closing_after_the_issuer_name():
    ts = _tasks("1. Chủ đầu tư dự án hạ tầng kỹ thuật khu, cụm công nghiệp san lấp mặt bằng, hoàn thành trong năm 2026.\n"
                "2. Ủy ban nhân dân các huyện, thị, thành phố chủ trì, phối hợp với chủ đầu tư kinh doanh hạ tầng kỹ thuật "
                "các khu, cụm công nghiệp trên địa bàn rà soát quỹ đất.\n"
                "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành, Ủy ban nhân dân các huyện khẩn trương tổ chức thực hiện.",
                CONG_VAN)
    assert [(_leads(t), _support(t), t["deadline"]) for t in ts] == [
        (["Chủ đầu tư dự án hạ tầng kỹ thuật khu, cụm công nghiệp"], [], "2026"),
        (["UBND các huyện, thị, thành phố"],
         ["chủ đầu tư kinh doanh hạ tầng kỹ thuật các khu, cụm công nghiệp trên địa bàn"], None)]


def test_heading_doer_with_a_trailing_legal_note_and_ministry_groups():
    ts = _tasks("1. Các Bộ, cơ quan ngang bộ, cơ quan khác ở trung ương tổ chức phổ biến nội dung Nghị định.\n"
                "2. Đối với các Bộ quản lý chuyên ngành (theo quy định tại khoản 5 Điều 3 Nghị định số 99/2026/NĐ-CP)\n"
                "a) Hướng dẫn danh mục tài sản kết cấu hạ tầng thuộc phạm vi quản lý.", CONG_VAN)
    assert [(t["ref"], _leads(t)) for t in ts] == [
        ("1", ["các Bộ, cơ quan ngang bộ, cơ quan khác ở trung ương"]), ("2.a", ["các Bộ quản lý chuyên ngành"])]


REPORT_CASES = [
    # the recipient's next step ('để tổng hợp báo cáo UBND tỉnh') is not the doer's report_to
    ("1. Thủ trưởng các cơ quan, đơn vị chủ động gửi ý kiến về Sở Công Thương để tổng hợp báo cáo Ủy ban nhân dân tỉnh "
     "xem xét.", ["Sở Công Thương"]),
    # a report sentence of its own, capitalised, still names the recipient
    ("1. Giao Sở Xây dựng kiểm tra hiện trường. Báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 30/8/2026.",
     ["UBND tỉnh"]),
    # 'Các Sở, ban, ngành; cơ quan, đơn vị …' at an item's start are its doers
    ("1. Các Sở, ban, ngành; cơ quan, đơn vị báo cáo kết quả thực hiện gửi về Sở Công Thương trước ngày 20 hằng tháng.",
     ["Sở Công Thương"]),
]


def test_report_to_cases():
    for body, rep in REPORT_CASES:
        ts = _tasks(body, CONG_VAN)
        assert [t["report_to"] for t in ts] == [rep], body
    ts = _tasks(REPORT_CASES[2][0], CONG_VAN)
    assert (_leads(ts[0]), ts[0]["deadline"]) == (["các Sở, ban, ngành", "cơ quan, đơn vị"], None)


def test_semicolon_doer_list_with_a_framing_comma_and_a_semicolon_closing():
    ts = _tasks("1. Tổ chức thực hiện\na) Các sở, ban, ngành; Ủy ban nhân dân các xã, phường; các cơ quan, đơn vị và doanh "
                "nghiệp, căn cứ chức năng, nhiệm vụ được giao khẩn trương tổ chức triển khai thực hiện.\n"
                "Yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường; người đứng đầu các cơ quan, "
                "đơn vị nghiêm túc tổ chức triển khai thực hiện./.", CONG_VAN)
    assert [_leads(t) for t in ts] == [["các sở, ban, ngành", "UBND các xã, phường", "các cơ quan, đơn vị và doanh nghiệp"]]


def test_doer_heading_with_its_duty_words():
    ts = _tasks("1. Cục Biến đổi khí hậu có trách nhiệm:\na) Hoàn thiện dự thảo Nghị định sửa đổi, bổ sung quy định về "
                "giảm phát thải khí nhà kính.", CONG_VAN)
    assert [(t["ref"], _leads(t)) for t in ts] == [("1.a", ["Cục Biến đổi khí hậu"])]


def test_giao_post_colon_list_and_supreme_bodies():
    ts = _tasks("Giao Giám đốc: Sở Văn hóa, Thể thao và Du lịch, Sở Thông tin và Truyền thông phối hợp với các sở, ban, ngành, "
                "đoàn thể tỉnh và UBND huyện, thị xã, thành phố tiếp tục tuyên truyền theo yêu cầu tại Công văn nêu trên./.\n"
                "Bộ Công an, Bộ Y tế, Viện kiểm sát nhân dân tối cao, Tòa án nhân dân tối cao có trách nhiệm chỉ đạo thực hiện.",
                CONG_VAN)
    assert [(_leads(t), _support(t)) for t in ts] == [
        (["Sở Văn hóa, Thể thao và Du lịch", "Sở Thông tin và Truyền thông"],
         ["các sở, ban, ngành, đoàn thể tỉnh", "UBND huyện, thị xã, thành phố"]),
        (["Bộ Công an", "Bộ Y tế", "Viện kiểm sát nhân dân tối cao", "Tòa án nhân dân tối cao"], [])]


def test_document_named_above_is_the_basis():
    body = ("Ủy ban nhân dân tỉnh nhận được Công văn số 512/SXD-QLXD ngày 02/7/2026 của Sở Xây dựng về việc rà soát quy hoạch.\n"
            "Giao Sở Tài chính phối hợp với Sở Xây dựng thực hiện theo đề nghị tại Công văn nêu trên./.")
    ts = _tasks(body, CONG_VAN)
    assert [(_leads(t), t["based_on"]) for t in ts if _leads(t)] == [(["Sở Tài chính"], ["512/SXD-QLXD"])]


def test_conditions_of_a_delegation_are_the_delegates_duties():
    qd = QD_UY_QUYEN.replace(
        "Điều 2. Giám đốc Sở Y tế có trách nhiệm công khai nội dung ủy quyền cho các tổ chức, cá nhân biết.",
        "Điều 2. Điều kiện ủy quyền\n1. Chuẩn bị các nguồn lực để bảo đảm thực hiện nhiệm vụ được ủy quyền.\n"
        "2. Báo cáo kết quả thực hiện nhiệm vụ được ủy quyền cho Ủy ban nhân dân tỉnh theo quy định.")
    ts = [t for t in extract_text(qd)["tasks"] if _leads(t)]
    assert [(_leads(t), t["report_to"]) for t in ts] == [
        (["Giám đốc Sở Y tế"], []), (["Giám đốc Sở Y tế"], []), (["Giám đốc Sở Y tế"], ["UBND tỉnh"])]


def test_responsibility_line_gives_the_doers_of_the_bullets_above():
    ts = _tasks("1. Nâng cao nhận thức về bảo vệ môi trường\n- Đẩy mạnh tuyên truyền, phổ biến pháp luật về bảo vệ môi trường.\n"
                "- Nhân rộng các mô hình phân loại chất thải tại nguồn.\n"
                "Trách nhiệm chỉ đạo thực hiện: Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh; Đảng ủy Ủy ban nhân dân tỉnh.\n"
                "2. Các nhiệm vụ khác\n- Hằng năm, các cơ quan được phân công chủ trì thực hiện nhiệm vụ tại Kế hoạch này có "
                "trách nhiệm lập dự toán, trình cấp có thẩm quyền phê duyệt.", NGHI_QUYET)
    assert [(t["ref"], _leads(t)) for t in ts] == [
        ("I.1.-1", ["Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh", "Đảng ủy UBND tỉnh"]),
        ("I.1.-2", ["Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh", "Đảng ủy UBND tỉnh"]),
        ("I.2.-1", ["các cơ quan được phân công chủ trì thực hiện nhiệm vụ tại Kế hoạch này"])]


def test_a_delegation_to_a_person_is_no_task():
    ts = _tasks("Căn cứ Quy chế làm việc của UBND tỉnh, Chủ tịch UBND tỉnh ủy quyền đồng chí Nguyễn Văn Bình, Phó Chủ tịch "
                "UBND tỉnh thực hiện nhiệm vụ, quyền hạn của Chủ tịch UBND tỉnh và chịu trách nhiệm trước pháp luật về nhiệm "
                "vụ được ủy quyền.", CONG_VAN)
    assert ts == []


def test_reply_letter_closing_request_is_a_task():
    ts = _tasks("1. Về hồ sơ nạo vét lòng hồ: thực hiện theo quy định tại Nghị định số 62/2025/NĐ-CP.\n"
                "Trên đây là ý kiến của Cục An toàn kỹ thuật và Môi trường công nghiệp, đề nghị Sở Công Thương tỉnh Yên Bái "
                "nghiên cứu, hướng dẫn chủ đập thủy điện thực hiện đúng quy định./.", CONG_VAN)
    assert ["Sở Công Thương tỉnh Yên Bái"] in [_leads(t) for t in ts]


def test_all_documents_named_above_are_the_basis():
    body = ("Về đề nghị của UBND tỉnh tại Tờ trình số 88/TTr-UBND ngày 04/3/2026, ý kiến của Bộ Tài chính tại văn bản số "
            "1598/BTC-PC ngày 02/3/2026 và Bộ Tư pháp tại văn bản số 467/BTP-PLDSKT ngày 05/3/2026:\n"
            "1. Ủy ban nhân dân tỉnh Quảng Nam tiếp thu ý kiến các Bộ tại các văn bản nêu trên để hoàn thiện Đề án.")
    ts = [t for t in _tasks(body, CONG_VAN) if _leads(t)]
    assert [(_leads(t), t["based_on"]) for t in ts] == [(["UBND tỉnh Quảng Nam"], ["1598/BTC-PC", "467/BTP-PLDSKT"])]


def test_documents_of_a_kind_named_in_the_plural_are_the_basis():
    body = ("Ngày 10/3/2026, Bộ Nông nghiệp và Môi trường ban hành Văn bản hợp nhất số 48/VBHN-BNNMT và Văn bản hợp nhất "
            "số 49/VBHN-BNNMT.\n1. Đề nghị Công an tỉnh, Hiệp hội Doanh nghiệp tỉnh triển khai thực hiện nghiêm các quy "
            "định theo các văn bản hợp nhất của Bộ Nông nghiệp và Môi trường.")
    ts = [t for t in _tasks(body, CONG_VAN) if _leads(t)]
    assert [t["based_on"] for t in ts] == [["48/VBHN-BNNMT", "49/VBHN-BNNMT"]]


def test_generic_plural_documents_are_no_basis():
    body = ("1. Giao Sở Nông nghiệp và Môi trường hướng dẫn Nhân dân thực hiện các chính sách hỗ trợ theo các nghị quyết của "
            "tỉnh.")
    assert [t["based_on"] for t in _tasks(body, CONG_VAN)] == [[]]


@pytest.mark.parametrize("body,based_on", [
    # a footnote mark after words invoking rules grounds the item in the footnote's documents
    ("1. Giao các Sở, ngành thực hiện nghiêm các quy định của pháp luật trong quản lý nhà nước về khoáng sản¹.\n"
     "2. Giao Sở Tài chính bố trí kinh phí kiểm tra.\n"
     "¹ Nghị quyết số 10-NQ/TW ngày 10/02/2022 của Bộ Chính trị; Chỉ thị số 38/CT-TTg ngày 29/9/2020.",
     [["10-NQ/TW", "38/CT-TTg"], []]),
    # a mark after a plain term only glosses the term
    ("1. Giao Công ty tuân thủ đúng thiết kế mỏ đã được phê duyệt, không tự ý thay đổi thiết kế mỏ¹.\n"
     "2. Giao Sở Tài chính bố trí kinh phí kiểm tra.\n"
     "¹ Nội dung thiết kế mỏ được quy định tại Thông tư số 31/2025/TT-BCT ngày 16/5/2025.",
     [[], []]),
])
def test_footnote_grounds_only_after_words_invoking_rules(body, based_on):
    assert [t["based_on"] for t in _tasks(body, CONG_VAN)] == based_on


@pytest.mark.parametrize("body,based_on", [
    # the one Chỉ thị the text cites, named again by its kind alone, with its short number or with its issuer
    ("Thực hiện Chỉ thị số 11-CT/TU ngày 04/02/2026 của Ban Thường vụ Tỉnh ủy về khoáng sản, yêu cầu:\n"
     "1. Giao UBND các xã, phường quán triệt, tuyên truyền sâu rộng nội dung Chỉ thị; xây dựng kế hoạch thực hiện.\n"
     "2. Giao Sở Nông nghiệp và Môi trường tổ chức quán triệt Chỉ thị 11 của Ban Thường vụ Tỉnh ủy đến doanh nghiệp.\n"
     "3. Giao Sở Công Thương tổ chức quán triệt sâu rộng Chỉ thị của Ban Thường vụ Tỉnh ủy.\n"
     "4. Giao Sở Tư pháp thực hiện các Nghị quyết, Chỉ thị của Trung ương về khoáng sản.\n"
     "5. Giao Sở Nội vụ tham mưu ban hành Chỉ thị, hướng dẫn mới về kỷ luật hành chính.",
     [["11-CT/TU"], ["11-CT/TU"], ["11-CT/TU"], [], []]),
])
def test_the_one_cited_document_named_by_its_kind(body, based_on):
    assert [t["based_on"] for t in _tasks(body, CONG_VAN)] == based_on


def test_a_document_names_its_own_kind_without_grounding():
    # in a Nghị quyết, 'thực hiện Nghị quyết' is the resolution itself, not the one it cites
    ts = _tasks("1. Văn phòng Tỉnh ủy lưu trữ hồ sơ du lịch theo Nghị quyết số 05-NQ/TU ngày 02/01/2026 của Tỉnh ủy.\n"
                "2. Sở Tư pháp theo dõi, đôn đốc thực hiện Nghị quyết; báo cáo kết quả.", NGHI_QUYET)
    assert [t["based_on"] for t in ts] == [["05-NQ/TU"], []]


@pytest.mark.parametrize("body,based_on", [
    # 'căn cứ các quy định nêu trên': the normative documents quoted above, not the letter being answered
    ("1. Về hồ sơ: Cục nhận được Công văn số 1012/SCT-KTATMT ngày 05/3/2026 của Sở Công Thương.\n"
     "2. Khoản 2 Điều 14 Nghị định số 26/2026/NĐ-CP quy định giấy phép; Luật Thương mại số 69/2025/QH15 quy định thông quan.\n"
     "3. Đề nghị Sở Công Thương căn cứ các quy định nêu trên, chủ động nghiên cứu để thực hiện theo đúng quy định.",
     ["26/2026/NĐ-CP", "69/2025/QH15"]),
    ("1. Khoản 2 Điều 14 Nghị định số 26/2026/NĐ-CP quy định giấy phép; Luật Thương mại số 69/2025/QH15 quy định thông quan.\n"
     "2. Đề nghị Sở Công Thương căn cứ quy định nêu trên để thực hiện.", ["69/2025/QH15"]),
])
def test_rules_named_again(body, based_on):
    ts = [t for t in _tasks(body, CONG_VAN) if "căn cứ" in t["text"]]
    assert [t["based_on"] for t in ts] == [based_on]

# --- annex tables: a lead column named by the kind of body ('Sở, ngành chủ trì tham mưu'); a cell of groups only -----

ANNEX = """Phụ lục
MỘT SỐ NHIỆM VỤ TRỌNG TÂM
TT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu | Đơn vị phối hợp thực hiện | Thời gian thực hiện | Ghi chú
1 | Rà soát quy hoạch thăm dò khoáng sản. | Sở Nông nghiệp và Môi trường | Các sở, ban, ngành và các cơ quan, đơn vị liên quan | Xong trong tháng 9/2026 | 
2 | Tổ chức tập huấn cho cán bộ cấp xã. | Sở Nội vụ; UBND các xã, phường | Sở Tư pháp, các sở, ban, ngành | Xong trong Quý III/2026 | 
3 | Kiểm tra việc chấp hành pháp luật về đất đai. | Thanh tra tỉnh | Các sở, ngành, địa phương và các tổ chức có liên quan | Hằng năm | 
"""


@pytest.mark.parametrize("ref,leads,support,deadline", [
    ("PL.1", ["Sở Nông nghiệp và Môi trường"], ["các sở, ban, ngành", "các cơ quan, đơn vị liên quan"], "2026-09"),
    ("PL.2", ["Sở Nội vụ", "UBND các xã, phường"], ["Sở Tư pháp", "các sở, ban, ngành"], "2026-Q3"),
    ("PL.3", ["Thanh tra tỉnh"], ["các sở, ngành, địa phương", "các tổ chức có liên quan"], None),
])
def test_annex_table_lead_column_named_by_kind_of_body(ref, leads, support, deadline):
    ts = {t["ref"]: t for t in _tasks("1. Giao Sở Tài chính bố trí kinh phí thực hiện.", CONG_VAN + ANNEX)}
    t = ts[ref]
    assert (_leads(t), _support(t), t["deadline"]) == (leads, support, deadline)


# --- an inspection plan: duties given to named persons ('Ông. X - Trưởng đoàn: …'), to the team and the inspected ------

_INSPECTION = """1. Phân công nhiệm vụ
1.1. Ông. Hoàng Minh Tuấn - Trưởng đoàn: Phụ trách chung; chỉ đạo toàn diện hoạt động của Đoàn; ký các văn bản thuộc thẩm quyền của Đoàn;
1.2. Bà Lê Thị Hoa - Thư ký đoàn: Chịu trách nhiệm chính kiểm tra việc chấp hành quy định của pháp luật; lập biên bản kiểm tra.
2. Những vấn đề khác
2.1. Đối với Đoàn kiểm tra: Các thành viên Đoàn thực hiện nghiêm túc Kế hoạch và nhiệm vụ được phân công.
2.2. Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo bằng văn bản theo nội dung kiểm tra; cung cấp đầy đủ hồ sơ, tài liệu theo yêu cầu."""


@pytest.mark.parametrize("ref,leads", [
    ("1.1", ["Hoàng Minh Tuấn - Trưởng đoàn"]),
    ("1.2", ["Lê Thị Hoa - Thư ký đoàn"]),
    ("2.1", ["các thành viên Đoàn"]),
    ("2.2", ["đơn vị được kiểm tra"]),
])
def test_inspection_plan_duties_of_persons_team_and_inspected(ref, leads):
    ts = {t["ref"]: t for t in _tasks(_INSPECTION, CONG_VAN)}
    assert _leads(ts[ref]) == leads


@pytest.mark.parametrize("line,doer", __import__("loaders.patterns", fromlist=["load"]).load("tasks")["person_label"]["examples"])
def test_person_label_examples(line, doer):
    (t,) = _tasks("1. " + line, CONG_VAN)
    assert _leads(t) == [doer]


@pytest.mark.parametrize("line,doer", __import__("loaders.patterns", fromlist=["load"]).load("tasks")["post_label"]["examples"])
def test_post_label_examples(line, doer):
    (t,) = _tasks("1. " + line, CONG_VAN)
    assert _leads(t) == [doer]


# a steering committee's notice that shares out its members' duties (h9 07): 'Đồng chí <post>, <role in the committee>:'
_COMMITTEE_DUTIES = """Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh thống nhất phân công nhiệm vụ cho các thành viên như sau:
1. Phân công Thường trực Ban Chỉ đạo tỉnh
1.1. Đồng chí Phó Bí thư Thường trực Tỉnh ủy, Trưởng Ban Chỉ đạo tỉnh: Phụ trách chung.
1.2. Đồng chí Giám đốc Sở Văn hóa, Thể thao và Du lịch, Thành viên Thường trực Ban Chỉ đạo tỉnh: Theo dõi, chỉ đạo việc thực hiện dân chủ ở cơ sở trong các thiết chế văn hóa.
2. Phân công các thành viên Ban Chỉ đạo tỉnh
2.1. Đồng chí Chánh Thanh tra tỉnh, Thành viên Ban Chỉ đạo tỉnh: Theo dõi việc thực hiện dân chủ ở cơ sở trong thanh tra, giải quyết khiếu nại, tố cáo; trực tiếp theo dõi, chỉ đạo việc thực hiện dân chủ ở địa bàn thị xã La Gi.
2.2. Đồng chí Nguyễn Minh - Phó Chủ tịch UBND tỉnh: Chủ trì."""


def test_committee_member_items_are_led_by_the_post_not_the_role():
    assert [(t["ref"], _leads(t)) for t in _tasks(_COMMITTEE_DUTIES, CONG_VAN) if t["ref"] != ""] == [
        ("1.1", ["Phó Bí thư Thường trực Tỉnh ủy"]),
        ("1.2", ["Giám đốc Sở Văn hóa, Thể thao và Du lịch"]),
        ("2.1", ["Chánh Thanh tra tỉnh"]),
        ("2.2", ["Nguyễn Minh - Phó Chủ tịch UBND tỉnh"]),
    ]


# the lead-in after the grounds shares the general duties out to the committee's members (h9 07, class O); the closing that
# replaces the old notice is no task
PARTY_NOTICE = """TỈNH ỦY BÌNH THUẬN
BCĐ THỰC HIỆN QUY CHẾ
DÂN CHỦ Ở CƠ SỞ
ĐẢNG CỘNG SẢN VIỆT NAM
Bình Thuận, ngày       tháng 4 năm 2025
Số           -TB/BCĐ
THÔNG BÁO
về việc phân công nhiệm vụ thành viên Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh
{body}
Nơi nhận:
- Các thành viên Ban Chỉ đạo tỉnh,
- Lưu Văn phòng Tỉnh uỷ.
PHÓ BÍ THƯ
"""

_MEMBERS_DUTIES = """- Căn cứ Quy định số 2216-QĐ/TU, ngày 28/3/2025 của Ban Thường vụ Tỉnh ủy về chức năng, nhiệm vụ của Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh;
- Căn cứ Quyết định số 2215-QĐ/TU, ngày 28/3/2025 của Ban Thường vụ Tỉnh ủy về việc củng cố, kiện toàn Ban Chỉ đạo tỉnh thực hiện quy chế dân chủ ở cơ sở tỉnh;
Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh (gọi tắt là Ban Chỉ đạo tỉnh) thống nhất phân công nhiệm vụ cho các thành viên như sau:
I. Nhiệm vụ chung
1. Chỉ đạo, triển khai, hướng dẫn cơ quan, tổ chức nơi đang công tác thực hiện tốt chương trình, kế hoạch công tác của Ban Chỉ đạo tỉnh.
2. Định kỳ hàng quý (hoặc khi đột xuất) làm việc với cơ sở, ngành, địa phương, đơn vị được phân công phụ trách để nắm tình hình.
II. Nhiệm vụ cụ thể
1. Đồng chí Chánh Thanh tra tỉnh, Thành viên Ban Chỉ đạo tỉnh: Theo dõi việc thực hiện dân chủ ở cơ sở trong thanh tra, giải quyết khiếu nại, tố cáo.
Thông báo này thay thế Thông báo số 09-TB/BCĐ, ngày 24/4/2023 của Ban Chỉ đạo tỉnh và có hiệu lực kể từ ngày ký./."""


def test_lead_in_after_the_grounds_shares_duties_out_to_the_members():
    tasks = _tasks(_MEMBERS_DUTIES, PARTY_NOTICE)
    assert [(t["ref"], _leads(t)) for t in tasks if t["assignees"]] == [
        ("I.1", ["các thành viên Ban Chỉ đạo tỉnh"]),
        ("I.2", ["các thành viên Ban Chỉ đạo tỉnh"]),
        ("II.1", ["Chánh Thanh tra tỉnh"]),
    ]
    assert not [t for t in tasks if t["text"].startswith("Thông báo này")]


# --- a heading 'Trách nhiệm chung của X' names X; the head of the heading's bodies answers in person -----------------

@pytest.mark.parametrize("body,expected", [
    ("1. Trách nhiệm chung của các cơ quan, đơn vị\n- Lãnh đạo, chỉ đạo thực hiện nghiêm các quy định của pháp luật về "
     "khoáng sản.\n2. Trách nhiệm cụ thể của Sở Tài chính\n- Bố trí kinh phí thực hiện.",
     [("1.-1", ["các cơ quan, đơn vị"]), ("2.-1", ["Sở Tài chính"])]),
    ("9. Ủy ban nhân dân các xã, phường\n- Chủ tịch UBND các xã, phường chịu trách nhiệm toàn diện trước pháp luật nếu "
     "để xảy ra khai thác khoáng sản trái phép trên địa bàn.\n- Các xã, phường chủ động kiểm tra, xử lý vi phạm.",
     [("9.-1", ["Chủ tịch UBND các xã, phường"]), ("9.-2", ["UBND các xã, phường"])]),
])
def test_heading_names_doer_and_head_answers_in_person(body, expected):
    assert [(t["ref"], _leads(t)) for t in _tasks(body, CONG_VAN)] == expected


# --- reply letters: the closing request after a long 'Trên đây là ý kiến …' (with or without a comma), glued to 'Nơi nhận:'

@pytest.mark.parametrize("closing,lead", [
    ("Trên đây là ý kiến tham gia dự án của Sở Nông nghiệp và Môi trường đề nghị Sở Xây dựng tổng hợp, báo cáo theo "
     "quy định./.", "Sở Xây dựng"),
    ("Trên đây là ý kiến của Bộ Công Thương hướng dẫn nội dung liên quan lĩnh vực an toàn thực phẩm thuộc trách nhiệm "
     "quản lý nhà nước của Bộ quy định tại Nghị định số 17/2020/NĐ-CP, đề nghị UBND tỉnh Nam Định chỉ đạo đơn vị chức "
     "năng thực hiện,", "UBND tỉnh Nam Định"),
])
def test_reply_letter_long_closing_request(closing, lead):
    template = CONG_VAN.replace("{body}\nNơi nhận:", "{body}\n\nNơi nhận:")
    body = ("Bộ có ý kiến như sau.\nTheo quy định tại Nghị định số 15/2018/NĐ-CP, cơ sở phải công bố sản phẩm.\n\n"
            + closing)
    ts = _tasks(body, template)
    assert [lead] in [_leads(t) for t in ts]


def test_group_restricted_by_noi_co_and_competent_bodies():
    (t,) = _tasks("4. Ủy ban nhân dân các xã, phường nơi có cơ sở sản xuất tiền chất thuốc nổ có trách nhiệm phối hợp "
                  "với Sở Công Thương trong công tác quản lý; kịp thời báo cáo Sở Công Thương và các cơ quan có thẩm quyền "
                  "khi phát hiện vi phạm.", CONG_VAN)
    assert (_leads(t), t["report_to"]) == (["UBND các xã, phường nơi có cơ sở sản xuất tiền chất thuốc nổ"],
                                           ["Sở Công Thương", "các cơ quan có thẩm quyền"])


@pytest.mark.parametrize("body,leads,support", [
    ("1. Các Sở, ban, ngành và UBND cấp xã, phường nêu cao trách nhiệm người đứng đầu trong quản lý khoáng sản.",
     ["các Sở, ban, ngành", "UBND cấp xã, phường"], []),
    ("1. Các cấp, ngành chủ động xây dựng và triển khai kế hoạch thanh tra, kiểm tra.", ["các cấp, ngành"], []),
    ("1. Sở Khoa học và Công nghệ chủ trì, phối hợp với cơ quan, tổ chức liên quan thẩm định công nghệ khai thác.",
     ["Sở Khoa học và Công nghệ"], ["cơ quan, tổ chức liên quan"]),
])
def test_group_doers_by_level_and_branch(body, leads, support):
    (t,) = _tasks(body, CONG_VAN)
    assert (_leads(t), _support(t)) == (leads, support)


@pytest.mark.parametrize("body,report_to", [
    ("5. Sở Tài chính\n- Chủ trì, thẩm định chặt chẽ điều kiện về vốn chủ sở hữu của tổ chức, cá nhân khi tham mưu trình "
     "cấp có thẩm quyền chấp thuận chủ trương đầu tư.", []),
    ("5. Sở Tài chính chủ trì thẩm định hồ sơ trước khi trình UBND tỉnh xem xét.", ["UBND tỉnh"]),
])
def test_a_report_verb_in_a_when_clause_names_no_recipient(body, report_to):
    (t,) = _tasks(body, CONG_VAN)
    assert t["report_to"] == report_to


def test_closing_difficulties_after_implementing_the_plan_is_no_task():
    body = ("1. Sở Tài chính bố trí kinh phí thực hiện.\nỦy ban nhân dân tỉnh yêu cầu các Sở, ban, ngành nghiêm túc triển "
            "khai thực hiện Kế hoạch này. Trong quá trình thực hiện Kế hoạch, nếu có khó khăn, vướng mắc, kịp thời phản ánh "
            "về Sở Xây dựng để tổng hợp, hướng dẫn, giải quyết theo thẩm quyền hoặc báo cáo cấp có thẩm quyền xem xét./.")
    assert [_leads(t) for t in _tasks(body, CONG_VAN)] == [["Sở Tài chính"]]


def test_heading_body_requiring_its_units_stays_the_doer():
    body = ("2. Sở Nông nghiệp và Môi trường\n- Tổ chức kiểm tra thường xuyên hoạt động khai thác khoáng sản. Đồng thời yêu "
            "cầu các đơn vị không khai thác cát, sỏi lòng sông bằng tàu cuốc.\n- Yêu cầu các đơn vị hoạt động khai thác "
            "khoáng sản đầu tư, lắp đặt hệ thống giám sát.\n- Yêu cầu Sở Xây dựng phối hợp kiểm tra.\n- Phát triển các cụm "
            "công nghiệp là nhiệm vụ quan trọng. Ủy ban nhân dân tỉnh yêu cầu các sở, ngành nêu cao tinh thần trách nhiệm.")
    assert [(t["ref"], _leads(t)) for t in _tasks(body, CONG_VAN)] == [
        ("2.-1", ["Sở Nông nghiệp và Môi trường"]), ("2.-2", ["Sở Nông nghiệp và Môi trường"]),
        ("2.-3", ["Sở Xây dựng"]), ("2.-4", ["các sở, ngành"])]


def test_a_gloss_in_brackets_does_not_end_a_support_list():
    (t,) = _tasks("1. Chủ đầu tư phối hợp với Sở Nông nghiệp và Môi trường, Công ty TNHH Hòa Bình (đơn vị khai thác và bảo vệ "
                  "công trình thủy lợi), chính quyền địa phương kiểm tra, xác minh ảnh hưởng của dự án.", CONG_VAN)
    assert _support(t) == ["Sở Nông nghiệp và Môi trường", "Công ty TNHH Hòa Bình", "chính quyền địa phương"]


@pytest.mark.parametrize("body,report_to", [
    ("1. Đề nghị Sở Y tế tham khảo Công văn số 597/HC-QLHC ngày 27 tháng 3 năm 2026 của Cục Hóa chất gửi Sở Công Thương "
     "tỉnh Quảng Ngãi.", []),
    ("1. Giao Sở Tài chính tổng hợp báo cáo của UBND các xã gửi Sở Nội vụ trước ngày 30/6/2026.", ["Sở Nội vụ"]),
])
def test_the_address_of_a_cited_document_is_no_report_line(body, report_to):
    (t,) = _tasks(body, CONG_VAN)
    assert t["report_to"] == report_to


def test_forces_and_local_government_named_by_role_are_supports():
    (t,) = _tasks("1. Bộ Chỉ huy Bộ đội Biên phòng tỉnh tăng cường phối hợp với lực lượng chức năng và chính quyền cơ sở "
                  "tại các địa bàn giáp biên giới kiểm soát hoạt động vận chuyển khoáng sản.", CONG_VAN)
    assert _support(t) == ["lực lượng chức năng", "chính quyền cơ sở tại các địa bàn giáp biên giới"]


def test_what_a_body_also_has_not_done_names_no_doer():
    body = ("1. Về thực tế hiện nay\nĐến thời điểm hiện tại, Cục Đăng kiểm Việt Nam cũng chưa ban hành văn bản hướng dẫn các "
            "cơ quan đăng kiểm địa phương.\n2. Kiến nghị\nĐề nghị Bộ Xây dựng chỉ đạo Cục Đăng kiểm Việt Nam ban hành văn "
            "bản hướng dẫn.")
    leads = [_leads(t) for t in _tasks(body, CONG_VAN)]
    assert ["Bộ Xây dựng"] in leads and not any("Cục Đăng kiểm Việt Nam" in ls for ls in leads)


@pytest.mark.parametrize("body,report_to", [
    ("1. Giao UBND huyện Triệu Phong chủ trì kiểm tra, đánh giá hiện trạng để đề xuất UBND tỉnh xem xét theo quy định.", []),
    ("1. Giao Sở Tài chính theo dõi, kịp thời báo cáo, đề xuất UBND tỉnh xem xét.", ["UBND tỉnh"]),
])
def test_a_proposal_for_consideration_alone_is_no_report_line(body, report_to):
    (t,) = _tasks(body, CONG_VAN)
    assert t["report_to"] == report_to


def test_a_subject_narrowed_by_a_qualifier_overrides_the_heading_group():
    body = ("6. Các tổ chức, doanh nghiệp hoạt động trong lĩnh vực vật liệu nổ công nghiệp\n"
            "a) Có biện pháp giảm thiểu tiếng ồn, bụi, rung chấn gây ảnh hưởng đến khu dân cư.\n"
            "b) Tổ chức, doanh nghiệp có giấy phép dịch vụ nổ mìn phải thông báo bằng văn bản đến Ủy ban nhân dân tỉnh "
            "ít nhất 10 ngày trước khi nổ mìn.")
    assert [(t["ref"], _leads(t)) for t in _tasks(body, CONG_VAN)] == [
        ("6.a", ["các tổ chức, doanh nghiệp hoạt động trong lĩnh vực vật liệu nổ công nghiệp"]),
        ("6.b", ["Tổ chức, doanh nghiệp có giấy phép dịch vụ nổ mìn"])]


def test_conclusion_lead_in_is_no_doer_label():
    """'Phó Chủ tịch UBND tỉnh kết luận như sau:' hands the items on; it is no doer label whose whole line is a name."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/TB-UBND\nLâm Đồng, ngày 10 tháng 4 năm 2026\nTHÔNG BÁO\n"
            "Kết luận của Phó Chủ tịch UBND tỉnh\nPhó Chủ tịch UBND tỉnh kết luận như sau:\n"
            "1. Về kinh phí cho hoạt động Khoa học và Công nghệ Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính "
            "rà soát kinh phí, hoàn thành trước ngày 30/5/2026.\n"
            "Nơi nhận:\n- Như trên;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n")
    names = [a["name"] for t in extract_text(text)["tasks"] for a in t["assignees"]]
    assert names == ["Sở Tài chính"]  # (the lead named in the middle, after the topic, is still missed)


def test_letter_items_written_with_a_dot():
    """'a. …' items are read as 'a) …' items: the same tasks, doers and deadlines, the same refs."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/TB-UBND\nLâm Đồng, ngày 10 tháng 4 năm 2026\nTHÔNG BÁO\n"
            "Kết luận của Phó Chủ tịch UBND tỉnh\nPhó Chủ tịch UBND tỉnh kết luận như sau:\n"
            "1. Giao Sở Xây dựng:\n"
            "a) Rà soát hồ sơ thiết kế, hoàn thành trước ngày 30/5/2026.\n"
            "b) Phối hợp với Sở Tài chính bố trí vốn.\n"
            "Nơi nhận:\n- Như trên;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n")

    def tasks(t):
        return [(x["ref"], [(a["name"], a["role"]) for a in x["assignees"]], x["deadline"]) for x in extract_text(t)["tasks"]]

    assert tasks(text.replace("a) ", "a. ").replace("b) ", "b. ")) == tasks(text) == [
        ("1.a", [("Sở Xây dựng", "lead")], "2026-05-30"),
        ("1.b", [("Sở Xây dựng", "lead"), ("Sở Tài chính", "support")], None)]


@pytest.mark.parametrize("item,leads", [
    # a short item 'body + verb + object.' is a task whatever the verb (not a heading naming a body)
    ("Sở Tài chính kiểm soát chi chặt chẽ.", ["Sở Tài chính"]),
    ("Công an tỉnh điều tra, làm rõ vụ việc.", ["Công an tỉnh"]),
    ("Sở Nội vụ thẩm định đề án vị trí việc làm.", ["Sở Nội vụ"]),
    ("Sở Văn hóa, Thể thao và Du lịch trùng tu di tích.", ["Sở Văn hóa, Thể thao và Du lịch"]),
    # names: regional units of 2025, bodies complete without a place, 'và' inside a unit's lower-case name
    ("Kho bạc Nhà nước khu vực IX kiểm soát chi chặt chẽ.", ["Kho bạc Nhà nước khu vực IX"]),
    ("Thuế cơ sở 1 tỉnh Lào Cai đôn đốc thu nợ thuế.", ["Thuế cơ sở 1 tỉnh Lào Cai"]),
    ("Chi cục Kiểm lâm tăng cường tuần tra rừng.", ["Chi cục Kiểm lâm"]),
    ("Hội Nông dân tỉnh, Tỉnh đoàn, Hội Liên hiệp Phụ nữ tỉnh tuyên truyền, vận động hội viên.",
     ["Hội Nông dân tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh"]),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh khẩn trương hoàn thiện hồ sơ.",
     ["Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh"]),
    # a standing role given to a body is a duty ('là cơ quan thường trực, chủ trì …')
    ("Sở Y tế là cơ quan thường trực, chủ trì tổ chức triển khai Kế hoạch.", ["Sở Y tế"]),
])
def test_item_doers_of_any_verb_and_name(item, leads):
    tasks = _tasks("1. " + item, LETTER)
    assert [[a["name"] for a in t["assignees"] if a["role"] == "lead"] for t in tasks] == [leads]


def test_framing_clause_then_a_body_named_after_its_issuer():
    """'Trên cơ sở Nghị quyết … của HĐND tỉnh, Sở Tài chính tham mưu …': the comma after the cited document's issuer
    ends the framing; the body after it is the doer (not a second member of a list 'HĐND tỉnh, Sở Tài chính')."""
    item = ("Trên cơ sở Nghị quyết số 02/2026/NQ-HĐND ngày 10/01/2026 của HĐND tỉnh, Sở Tài chính tham mưu phân bổ "
            "kinh phí, trình UBND tỉnh trước ngày 15 tháng 6.")
    tasks = _tasks("1. " + item, LETTER)
    assert [([(a["name"], a["role"]) for a in t["assignees"]], t["deadline"], t["based_on"], t["report_to"]) for t in tasks] == [
        ([("Sở Tài chính", "lead")], "2026-06-15", ["02/2026/NQ-HĐND"], ["UBND tỉnh"])]


def test_article_titles_name_the_doer_of_their_duties():
    """'Điều 2. Trách nhiệm của Sở Tài chính' / 'Điều 3. Nhiệm vụ của Tổ công tác' title the duties below them; a new
    article ends them; 'Điều 5. Sở Xây dựng có trách nhiệm:' is a label, not a task."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 1500/QĐ-UBND\nLào Cai, ngày 02 tháng 6 năm 2026\nQUYẾT ĐỊNH\n"
            "Về việc ban hành Quy chế phối hợp\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\n"
            "Điều 2. Trách nhiệm của Sở Tài chính\n1. Rà soát các dự án chậm tiến độ, hoàn thành trước ngày 30/9/2026.\n"
            "2. Đề xuất UBND tỉnh xử lý các dự án vi phạm.\nĐiều 3. Nhiệm vụ của Tổ công tác\n1. Kiểm tra hiện trường các dự án.\n"
            "Điều 4. Trách nhiệm của UBND các xã, phường\nPhối hợp với Sở Tài chính cung cấp hồ sơ dự án.\n"
            "Điều 5. Sở Xây dựng có trách nhiệm:\na) Hướng dẫn thủ tục cấp phép.\n"
            "Điều 6. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài chính chịu trách nhiệm thi hành Quyết định này./.\n"
            "Nơi nhận:\n- Như Điều 6;\n- Lưu: VT.\nCHỦ TỊCH\nTrần Văn G\n")
    assert [([(a["name"], a["role"]) for a in t["assignees"]], t["deadline"]) for t in extract_text(text)["tasks"]] == [
        ([("Sở Tài chính", "lead")], "2026-09-30"),
        ([("Sở Tài chính", "lead")], None),
        ([("Tổ công tác", "lead")], None),
        ([("UBND các xã, phường", "lead"), ("Sở Tài chính", "support")], None),
        ([("Sở Xây dựng", "lead")], None)]


@pytest.mark.parametrize("item,leads,report_to", [
    # a body complete on its own does not take the document it receives as part of its name
    ("Bộ Nội vụ xây dựng, trình Thủ tướng Chính phủ Đề án kiện toàn tổ chức bộ máy.", ["Bộ Nội vụ"], ["Thủ tướng Chính phủ"]),
    # 'báo cáo kết quả thực hiện với X'
    ("Các Bộ, ngành chỉ đạo thực hiện tốt Chỉ thị này và báo cáo kết quả thực hiện với Thủ tướng Chính phủ.",
     ["các Bộ, ngành"], ["Thủ tướng Chính phủ"]),
])
def test_report_recipients(item, leads, report_to):
    tasks = _tasks("1. " + item, LETTER)
    assert [([a["name"] for a in t["assignees"] if a["role"] == "lead"], t["report_to"]) for t in tasks] == [(leads, report_to)]


def test_a_share_of_a_budget_is_no_duty():
    text = LETTER.format(body="1. Kinh phí phân bổ như sau:\n+ Bộ Công Thương: 760.000 USD;\n+ Bộ Tài chính: 140.000 USD.")
    assert [a["name"] for t in extract_text(text)["tasks"] for a in t["assignees"]] == []


def test_duties_titled_with_a_role_in_lower_case():
    text = LETTER.format(body="1. Trách nhiệm của nhà đầu tư\n- Triển khai dự án đúng tiến độ.\n- Báo cáo chính quyền địa phương khi hoàn thành.")
    assert [([a["name"] for a in t["assignees"]], t["report_to"]) for t in extract_text(text)["tasks"]] == [
        (["Nhà đầu tư"], []), (["Nhà đầu tư"], ["chính quyền địa phương"])]


@pytest.mark.parametrize("item,leads", [
    ("Thủ trưởng các cơ quan, đơn vị tại Điều 1 Quyết định này có trách nhiệm cử thành viên tham gia Hội đồng.",
     ["Thủ trưởng các cơ quan, đơn vị tại Điều 1 Quyết định này"]),
    ("Thành viên Hội đồng thẩm định có trách nhiệm nghiên cứu hồ sơ.", ["Thành viên Hội đồng thẩm định"]),
    ("Ngân hàng Nhà nước Việt Nam ký với WB Hiệp định tài trợ.", ["Ngân hàng Nhà nước Việt Nam"]),
    ("Trưởng đoàn có trách nhiệm báo cáo Giám đốc Sở kết quả kiểm tra.", ["Trưởng đoàn"]),
])
def test_doers_of_collegial_bodies_and_posts(item, leads):
    tasks = _tasks("1. " + item, LETTER)
    assert [[a["name"] for a in t["assignees"] if a["role"] == "lead"] for t in tasks] == [leads]


@pytest.mark.parametrize("item,names", [
    ("Giao UBND phường 2 Bảo Lộc phối hợp với Trung tâm Phát triển quỹ đất tỉnh tổ chức kiểm đếm.",
     [("UBND phường 2 Bảo Lộc", "lead"), ("Trung tâm Phát triển quỹ đất tỉnh", "support")]),
    ("Yêu cầu Chủ đầu tư và đơn vị thi công tập trung nhân lực, máy móc, thiết bị.",
     [("Chủ đầu tư", "lead"), ("đơn vị thi công", "lead")]),
])
def test_numbered_wards_and_builders(item, names):
    tasks = _tasks("1. " + item, LETTER)
    assert [[(a["name"], a["role"]) for a in t["assignees"]] for t in tasks] == [names]


def test_telegram_addressees_and_posts_in_lower_case():
    """A công điện names its addressees after '<sender> điện:' (not items); 'Giám đốc các sở, thủ trưởng các ban, ngành:'
    labels the duties below it."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 05/CĐ-UBND\nLào Cai, ngày 25 tháng 7 năm 2026\nCÔNG ĐIỆN\n"
            "Về việc chủ động ứng phó với mưa lớn\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:\n- Giám đốc Sở Xây dựng;\n"
            "- Chủ tịch UBND các xã, phường.\nĐể chủ động ứng phó, Chủ tịch UBND tỉnh yêu cầu:\n"
            "1. Giám đốc các sở, thủ trưởng các ban, ngành:\na) Bố trí lực lượng, phương tiện ứng phó.\n"
            "2. Sở Xây dựng bảo đảm giao thông thông suốt./.\nNơi nhận:\n- Như trên;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Thành H\n")
    r = extract_text(text)
    assert [(t["ref"], [a["name"] for a in t["assignees"]]) for t in r["tasks"]] == [
        ("1.a", ["Giám đốc các sở", "thủ trưởng các ban, ngành"]), ("2", ["Sở Xây dựng"])]


def test_purpose_clause_recipient_is_not_the_tasks():
    """'Để …, trước khi tham mưu UBND tỉnh gửi Bộ Công Thương, Sở X đề nghị các cơ quan … gửi về Sở X': the purpose clause's
    recipient is not the task's, and the order after it keeps its doers."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH DƯƠNG\nSỞ CÔNG THƯƠNG\nSố: 12/SCT-QLTM\nBình Dương, ngày 10 tháng 4 năm 2019\nV/v góp ý\n"
            "Kính gửi: Các cơ quan, đơn vị.\nĐể hoàn tất việc góp ý các dự thảo trước khi tham mưu Ủy ban nhân dân tỉnh gửi Bộ "
            "Công thương, Sở Công thương đề nghị các cơ quan, đơn vị xem xét dự thảo và có ý kiến đóng góp gửi về Sở Công thương "
            "để tổng hợp.\nNơi nhận:\n- Như trên;\nGIÁM ĐỐC\nNguyễn Văn A\n")
    assert [([a["name"] for a in t["assignees"]], t["report_to"]) for t in extract_text(text)["tasks"]] == [
        (["các cơ quan, đơn vị"], ["Sở Công Thương"])]


def test_article_titled_duties_and_powers():
    """'Điều 3. Nhiệm vụ và quyền hạn của Đoàn kiểm tra' titles the duties of the team."""
    text = ("SỞ CÔNG THƯƠNG\nSố: 1050/QĐ-SCT\nLào Cai, ngày 02 tháng 6 năm 2026\nQUYẾT ĐỊNH\nVề việc thành lập Đoàn kiểm tra\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Thành lập Đoàn kiểm tra.\nĐiều 2. Nhiệm vụ và quyền hạn của Đoàn kiểm tra\n"
            "1. Xây dựng và trình Giám đốc Sở phê duyệt Kế hoạch kiểm tra chi tiết.\n2. Lập biên bản kiểm tra.\n"
            "Điều 3. Quyết định có hiệu lực kể từ ngày ký./.\nNơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn A\n")
    assert [[a["name"] for a in t["assignees"]] for t in extract_text(text)["tasks"]] == [["Đoàn kiểm tra"], ["Đoàn kiểm tra"]]


def test_lead_in_that_names_what_to_focus_on_is_no_task():
    """'X thực hiện nhiệm vụ theo quy định …, trong đó tập trung:' hands its items on; it is no task of its own."""
    text = (LETTER.format(body="1. Đoàn kiểm tra thực hiện nhiệm vụ theo quy định tại Điều 8 Nghị định số 217/2025/NĐ-CP, trong đó tập trung:\n"
            "a) Xây dựng Kế hoạch kiểm tra chi tiết.\nb) Lập biên bản kiểm tra."))
    assert [(t["ref"], [a["name"] for a in t["assignees"]]) for t in extract_text(text)["tasks"]] == [
        ("1.a", ["Đoàn kiểm tra"]), ("1.b", ["Đoàn kiểm tra"])]


def test_polite_you_is_the_letters_addressees():
    """'… đề nghị quý cơ quan sớm có ý kiến …': the doers are the letter's addressees."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH DƯƠNG\nSỞ CÔNG THƯƠNG\nSố: 12/SCT-QLTM\nBình Dương, ngày 10 tháng 4 năm 2019\nV/v góp ý\n"
            "Kính gửi: Các cơ quan, đơn vị.\nThực hiện Công văn số 471/VPUB-KTN ngày 10/4/2019 của Văn phòng UBND tỉnh, Sở Công "
            "thương xây dựng dự thảo góp ý.\nDo thời gian rất gấp, Sở Công thương đề nghị quý cơ quan sớm có ý kiến bằng văn bản "
            "trước ngày 03/5/2019.\nNơi nhận:\n- Như trên;\nGIÁM ĐỐC\nNguyễn Văn A\n")
    assert [([a["name"] for a in t["assignees"]], t["deadline"]) for t in extract_text(text)["tasks"]] == [
        (["các cơ quan, đơn vị"], "2019-05-03")]


@pytest.mark.parametrize("item", [
    "Sở Tài chính chủ trì, cùng Sở Xây dựng rà soát dự án.",
    "Sở Tài chính chủ trì, có sự tham gia của Sở Xây dựng, rà soát dự án.",
    "Sở Tài chính chủ trì với sự phối hợp của Sở Xây dựng rà soát dự án.",
])
def test_support_in_other_words(item):
    tasks = _tasks("1. " + item, LETTER)
    assert [[(a["name"], a["role"]) for a in t["assignees"]] for t in tasks] == [[("Sở Tài chính", "lead"), ("Sở Xây dựng", "support")]]


def test_participants_of_an_event_are_no_support():
    item = "Cục Biến đổi khí hậu tổ chức diễn đàn với sự tham gia của Bộ Thông tin và Truyền thông."
    tasks = _tasks("1. " + item, LETTER)
    assert [[(a["name"], a["role"]) for a in t["assignees"]] for t in tasks] == [[("Cục Biến đổi khí hậu", "lead")]]


def test_roles_written_in_brackets():
    item = "Giao Sở Tài chính (chủ trì) và Sở Xây dựng (phối hợp) rà soát dự án, hoàn thành trước ngày 30/6/2026."
    tasks = _tasks("1. " + item, LETTER)
    assert [([(a["name"], a["role"]) for a in t["assignees"]], t["deadline"]) for t in tasks] == [
        ([("Sở Tài chính", "lead"), ("Sở Xây dựng", "support")], "2026-06-30")]


def test_report_to_the_head_of_the_issuing_body():
    item = "Đoàn kiểm tra báo cáo Giám đốc Sở kết quả kiểm tra sau khi kết thúc đợt kiểm tra."
    tasks = _tasks("1. " + item, LETTER)
    assert [t["report_to"] for t in tasks] == [["Giám đốc Sở"]]


def test_standard_boards_named_without_their_province():
    item = "Ban Quản lý các khu công nghiệp là cơ quan thường trực Hội đồng thẩm định, có trách nhiệm tổ chức họp."
    tasks = _tasks("1. " + item, LETTER)
    assert [[a["name"] for a in t["assignees"]] for t in tasks] == [["Ban Quản lý các khu công nghiệp"]]


def test_role_lines_under_a_plan_item():
    """A plan's item followed by '- Cơ quan chủ trì: …', '- Cơ quan phối hợp: …', '- Thời gian hoàn thành: …' lines:
    the lines say who does the item and by when; they are no tasks of their own."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 210/KH-UBND\nLào Cai, ngày 20 tháng 5 năm 2026\nKẾ HOẠCH\n"
            "Triển khai thực hiện Nghị quyết số 15/2026/NQ-HĐND\nII. NHIỆM VỤ, GIẢI PHÁP\n"
            "1. Rà soát, hoàn thiện cơ chế, chính sách hỗ trợ doanh nghiệp.\n- Cơ quan chủ trì: Sở Tài chính.\n"
            "- Cơ quan phối hợp: Sở Xây dựng, Sở Nội vụ.\n- Thời gian hoàn thành: Quý III/2026.\n"
            "2. Đẩy mạnh cải cách hành chính.\n- Đơn vị chủ trì: Sở Nội vụ;\n- Đơn vị phối hợp: các sở, ngành;\n"
            "Nơi nhận:\n- TT Tỉnh ủy;\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHoàng Văn E\n")
    assert [(t["ref"], [(a["name"], a["role"]) for a in t["assignees"]], t["deadline"]) for t in extract_text(text)["tasks"]] == [
        ("II.1", [("Sở Tài chính", "lead"), ("Sở Xây dựng", "support"), ("Sở Nội vụ", "support")], "2026-Q3"),
        ("II.2", [("Sở Nội vụ", "lead"), ("các sở, ngành", "support")], None)]


@pytest.mark.parametrize("body,lead,supports", [
    ("1. Công an tỉnh chủ trì; Sở Tư pháp, Sở Nội vụ phối hợp xây dựng kế hoạch, trình UBND tỉnh trước ngày 20/5/2026.",
     ["Công an tỉnh"], ["Sở Tư pháp", "Sở Nội vụ"]),
    ("1. Công an tỉnh chủ trì, Sở Tư pháp và Sở Nội vụ phối hợp xây dựng kế hoạch, trình UBND tỉnh trước ngày 20/5/2026.",
     ["Công an tỉnh"], ["Sở Tư pháp", "Sở Nội vụ"]),
    ("1. Giao Công an tỉnh chủ trì, Sở Tư pháp phối hợp hướng dẫn các xã thực hiện trước ngày 20/5/2026.",
     ["Công an tỉnh"], ["Sở Tư pháp"]),
    ("1. Sở Nội vụ là cơ quan chủ trì, Sở Tài chính phối hợp tham mưu UBND tỉnh ban hành quyết định trước ngày 20/5/2026.",
     ["Sở Nội vụ"], ["Sở Tài chính"]),
    ("1. Sở Tài chính (chủ trì), Sở Xây dựng (phối hợp) rà soát hồ sơ dự án trước ngày 20/5/2026.",
     ["Sở Tài chính"], ["Sở Xây dựng"]),
])
def test_lead_then_supports_is_one_task(body, lead, supports):
    """'X chủ trì, Y phối hợp <verb> …' names the lead, then its supports: one task, not a second one led by Y."""
    (task,) = _tasks(body, LETTER)
    assert _leads(task) == lead
    assert [a["name"] for a in task["assignees"] if a["role"] == "support"] == supports
    assert task["deadline"] == "2026-05-20"


REPLY = """BỘ CÔNG THƯƠNG
CỤC HÓA CHẤT
Số: 215/HC-QLHC
Hà Nội, ngày 12 tháng 3 năm 2026
V/v hướng dẫn cấp phép vận chuyển hóa chất
Kính gửi: Sở Công Thƣơng tỉnh Lâm Đồng
Trả lời Công văn số 88/SCT-KT ngày 02/3/2026 của Sở Công Thương tỉnh Lâm Đồng về việc đề nghị hướng dẫn cấp phép vận chuyển hóa chất, Cục Hóa chất có ý kiến như sau:
1. Về thẩm quyền cấp phép
Tại Điều 14 Nghị định số 113/2017/NĐ-CP ngày 09/10/2017 của Chính phủ quy định thẩm quyền cấp giấy phép vận chuyển hàng nguy hiểm.
2. Về hồ sơ
Việc lập hồ sơ thực hiện theo mẫu tại Phụ lục của Nghị định số 113/2017/NĐ-CP.
Trên đây là ý kiến của Cục Hóa chất, đề nghị Sở Công Thương tỉnh Lâm Đồng nghiên cứu, hướng dẫn doanh nghiệp thực hiện đúng quy định./.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CỤC TRƯỞNG
PHÓ CỤC TRƯỞNG
Nguyễn Văn Bình
"""


def test_a_reply_explains_and_only_its_requests_are_tasks():
    """A letter answering a request for guidance ('Trả lời Công văn số … về việc đề nghị hướng dẫn …'): the points it
    explains are nobody's task (not the addressee's); the request at its end is. The old font's 'ƣ' reads as 'ư'."""
    tasks = extract_text(REPLY)["tasks"]
    assert [(t["text"][:40], _leads(t)) for t in tasks] == [
        ("Trên đây là ý kiến của Cục Hóa chất, đề ", ["Sở Công Thương tỉnh Lâm Đồng"])]


def test_a_letter_that_is_no_reply_gives_its_items_to_the_addressees():
    text = REPLY.replace("Trả lời Công văn số 88/SCT-KT ngày 02/3/2026 của Sở Công Thương tỉnh Lâm Đồng về việc đề nghị "
                         "hướng dẫn cấp phép vận chuyển hóa chất, ", "Để bảo đảm an toàn, ")
    tasks = extract_text(text)["tasks"]
    assert [(t["ref"], _leads(t)) for t in tasks] == [("2", ["Sở Công Thương tỉnh Lâm Đồng"]),
                                                     ("", ["Sở Công Thương tỉnh Lâm Đồng"])]


def test_a_proposal_the_task_answers_is_not_its_ground():
    (task,) = _tasks("1. Giao Sở Tài chính có ý kiến đối với đề xuất của UBND xã Bảo Thắng tại Tờ trình số 15/TTr-UBND "
                     "ngày 02/4/2026, gửi Sở Xây dựng trước ngày 20/4/2026.", LETTER)
    assert (_leads(task), task["based_on"], task["deadline"]) == (["Sở Tài chính"], [], "2026-04-20")
    (task,) = _tasks("1. Căn cứ Kế hoạch số 141/KH-UBND ngày 16/4/2026 của UBND tỉnh, giao Sở Tài chính có ý kiến đối với "
                     "Tờ trình số 15/TTr-UBND ngày 02/4/2026, gửi Sở Xây dựng trước ngày 20/4/2026.", LETTER)
    assert task["based_on"] == ["141/KH-UBND"]


def test_what_another_document_assigns_is_no_order():
    """'Nghị định số 06/2022/NĐ-CP … giao Bộ Tài chính chủ trì …' says what a decree assigns; 'Căn cứ Nghị định …,
    giao …' and 'Kế hoạch này giao …' are orders of this document."""
    tasks = _tasks("1. Nghị định số 06/2022/NĐ-CP ngày 07/01/2022 của Chính phủ về giảm nhẹ phát thải khí nhà kính giao "
                   "Bộ Tài chính chủ trì thành lập thị trường các-bon trong nước.", LETTER)
    assert not any("Bộ Tài chính" in _leads(t) for t in tasks), tasks
    (task,) = _tasks("1. Căn cứ Nghị định số 06/2022/NĐ-CP ngày 07/01/2022 của Chính phủ, giao Sở Tài chính chủ trì "
                     "xây dựng phương án, trình UBND tỉnh trước ngày 30/6/2026.", LETTER)
    assert (_leads(task), task["based_on"]) == (["Sở Tài chính"], ["06/2022/NĐ-CP"])


def test_a_division_of_work_to_be_written_is_no_assignment():
    """'… thống nhất nội dung phân công tại Đề án theo hướng: Bộ A chủ trì …; Bộ B chủ trì …' says what the text is to
    say; only the body asked to agree on it has a task."""
    tasks = _tasks("1. Sở Tài chính làm việc, thống nhất với Sở Xây dựng về nội dung phân công tại Đề án theo hướng: "
                   "Sở Xây dựng chủ trì quản lý chất lượng công trình; Sở Tài chính chủ trì thẩm định dự toán, giao "
                   "Ban Quản lý dự án thực hiện giám sát. Sở Tài chính hoàn thành trước ngày 30/6/2026.", LETTER)
    assert [(_leads(t), t["deadline"]) for t in tasks] == [(["Sở Tài chính"], "2026-06-30")]


def test_an_item_headed_by_its_doers_keeps_its_body():
    """'3. Các sở, ban, ngành; UBND các xã, phường' / 'Căn cứ Kế hoạch này, xây dựng …': the body under the heading
    is the heading's bodies' task (not a close of the document)."""
    tasks = _tasks("1. Sở Tài chính\nTham mưu UBND tỉnh bố trí kinh phí thực hiện.\n2. Các sở, ban, ngành; UBND các xã, phường\n"
                   "Căn cứ Kế hoạch này, xây dựng kế hoạch cụ thể của đơn vị, hoàn thành trước ngày 30/5/2026.")
    assert [(t["ref"], _leads(t), t["deadline"]) for t in tasks] == [
        ("1", ["Sở Tài chính"], None), ("2", ["các sở, ban, ngành", "UBND các xã, phường"], "2026-05-30")]


def test_footnotes_at_the_foot_of_a_pdf_page():
    """A PDF page: the mark glued to a word ('mỏ1 .'), the footnote at the foot of the page inside the next item's
    sentence, a page number, and a footnote cut after 'và' that runs on past a blank line. The first mark glosses a
    plain term (no ground); the second stands after 'quy định của pháp luật' (its footnote's document grounds the
    item); the document of a footnote printed inside an item is not that item's ground."""
    body = ("1. Công ty cổ phần Khoáng sản Bình Minh có trách nhiệm:\n"
            "- Thực hiện lập, thẩm định, phê duyệt thiết kế mỏ; không tự ý thay đổi thiết kế mỏ1 .\n"
            "- Đăng ký ngày bắt đầu xây dựng cơ bản mỏ với cơ quan quản lý nhà nước có thẩm quyền, trước khi thực\n"
            "1 Nội dung thiết kế mỏ được quy định tại Thông tư số 31/2025/TT-BCT ngày 16/5/2025 của Bộ Công Thương\n"
            "2\n\n"
            "hiện hoạt động đó theo đúng quy định của pháp luật2.\n\n"
            "2 Hồ sơ đăng ký ngày bắt đầu xây dựng cơ bản mỏ được quy định tại Khoản 2 Điều 8 và\n\n"
            "Khoản 1 Điều 22 Thông tư số 36/2025/TT-BNNMT ngày 02/7/2025.\n")
    tasks = _tasks(body, LETTER)
    assert [(t["ref"], t["based_on"]) for t in tasks] == [("1.-1", []), ("1.-2", ["36/2025/TT-BNNMT"])]


def test_a_document_cited_only_in_an_annex_is_cited():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 318/QĐ-UBND\nQuảng Trị, ngày 18 tháng 11 năm 2024\nQUYẾT ĐỊNH\n"
            "Về việc công bố danh mục thủ tục hành chính\nCăn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\n"
            "Điều 2. Giao Sở Nông nghiệp và Môi trường cập nhật thủ tục lên Cơ sở dữ liệu quốc gia trước ngày 30/11/2024.\n"
            "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n"
            "PHỤ LỤC\nDANH MỤC THỦ TỤC HÀNH CHÍNH\n"
            "| STT | Tên thủ tục | Căn cứ pháp lý | Cơ quan thực hiện |\n"
            "| 1 | Cấp giấy phép khai thác | Điều 8 Nghị định số 106/2024/NĐ-CP ngày 01 tháng 8 năm 2024 | Sở Nông nghiệp và Môi trường |\n")
    assert [c["number"] for c in extract_text(text)["citations"]] == ["63/2010/NĐ-CP", "106/2024/NĐ-CP"]


def test_the_closing_request_after_the_list_is_no_part_of_its_last_item():
    body = ("1. Sở Nông nghiệp và Môi trường chủ trì xây dựng phương án chữa cháy rừng, trình UBND tỉnh trước ngày 15/4/2026.\n"
            "2. Sở Tài chính tham mưu bố trí kinh phí cho công tác phòng cháy, chữa cháy rừng.\n"
            "Yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường nghiêm túc thực hiện Chỉ thị này; định kỳ "
            "hằng quý báo cáo kết quả về UBND tỉnh.")
    assert [(t["ref"], _leads(t)) for t in _tasks(body)] == [
        ("1", ["Sở Nông nghiệp và Môi trường"]), ("2", ["Sở Tài chính"]),
        ("", ["Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các xã, phường"])]


@pytest.mark.parametrize("body,leads,deadline", [
    # a one-paragraph letter: the chair's order is its body (not 'nhiệm vụ UBND tỉnh giao', a task given earlier)
    ("Thực hiện Công văn số 427/BCA-C04 ngày 10/2/2026 của Bộ Công an, Chủ tịch UBND tỉnh giao Công an tỉnh chủ trì, phối "
     "hợp với các cơ quan, đơn vị liên quan tham mưu UBND tỉnh triển khai; báo cáo kết quả về UBND tỉnh trước ngày 25/02/2026.",
     ["Công an tỉnh"], "2026-02-25"),
    # the letter's one order ends it ('… nêu trên; … trước ngày 04/5/2026./.'): still the order, no closing formula
    ("Chủ tịch Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với Công an tỉnh nghiên cứu, triển khai thực "
     "hiện theo đề nghị của Bộ Công an tại Công văn số 2388/C04-P6 ngày 20/4/2026 nêu trên; báo cáo, tham mưu Ủy ban "
     "nhân dân tỉnh trước ngày 04/5/2026./.", ["Sở Tài chính"], "2026-05-04"),
    # the doers after a colon: 'UBND tỉnh yêu cầu: Giám đốc các Sở: …; Chủ tịch UBND các xã, phường …'
    ("Để kịp thời triển khai Nghị quyết số 02/2026/NQ-HĐND ngày 10/01/2026 của HĐND tỉnh, UBND tỉnh yêu cầu: Giám đốc "
     "các Sở: Tài chính, Nội vụ; Chủ tịch UBND các xã, phường khẩn trương triển khai thực hiện, hoàn thành trước ngày "
     "30/6/2026.", ["Giám đốc các Sở", "Chủ tịch UBND các xã, phường"], "2026-06-30"),
])
def test_a_one_paragraph_letter_gives_its_order(body, leads, deadline):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 123/UBND-NC\nLâm Đồng, ngày 10 tháng 4 năm 2026\nV/v triển khai nhiệm vụ\n"
            "Kính gửi: Công an tỉnh.\n" + body + "\nNơi nhận:\n- Như trên;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n")
    (task,) = extract_text(text)["tasks"]
    assert (_leads(task), task["deadline"]) == (leads, deadline)


def test_plan_items_with_bare_role_and_time_lines():
    """A plan's content items, each followed by '- Thực hiện: <bodies>' and '- Thời gian thực hiện: …': the item is a
    task in any words, done by the bodies of its role line, by the time of its time line ('Thường xuyên' repeats)."""
    body = ("II. NỘI DUNG CHỦ YẾU\n"
            "1. Tổ chức quán triệt, phổ biến Quy định số 178-QĐ/TW đến cán bộ, công chức, viên chức.\n"
            "- Thực hiện: Thủ trưởng các cơ quan, đơn vị, địa phương.\n"
            "- Thời gian thực hiện: Hoàn thành trong tháng 6/2026.\n"
            "2. Phổ biến, thông tin, tuyên truyền về phòng, chống tham nhũng trong công tác xây dựng pháp luật.\n"
            "- Thực hiện: Sở Tư pháp.\n"
            "- Thời gian thực hiện: Thường xuyên.\n"
            "3. Nâng cao chất lượng công tác xây dựng pháp luật.\n"
            "- Thực hiện: Sở Tư pháp và Văn phòng UBND tỉnh.\n"
            "- Thời gian thực hiện: Quý III/2026.\n")
    tasks = _tasks(body)
    assert [(t["ref"], _leads(t), t["deadline"], (t["recurrence"] or {}).get("rule")) for t in tasks] == [
        ("II.1", ["Thủ trưởng các cơ quan, đơn vị, địa phương"], "2026-06", None),
        ("II.2", ["Sở Tư pháp"], None, "continuous"),
        ("II.3", ["Sở Tư pháp", "Văn phòng UBND tỉnh"], "2026-Q3", None)]


@pytest.mark.parametrize("addressee,body,lead", [
    # a body of the 2025 reorganisation, named short in the letter to it
    ("Thi hành án dân sự tỉnh", "Giao Thi hành án dân sự chủ trì, phối hợp với các cơ quan, đơn vị có liên quan rà soát, "
     "báo cáo UBND tỉnh trước ngày 18/8/2026.", "Thi hành án dân sự tỉnh"),
    ("Sở Nội vụ", "Giao Sở Nội vụ chủ trì, phối hợp Bảo hiểm Xã hội tỉnh Lâm Đồng hướng dẫn các cơ quan, đơn vị "
     "thực hiện trước ngày 18/8/2026.", "Sở Nội vụ"),
])
def test_bodies_of_the_2025_reorganisation(addressee, body, lead):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 123/UBND-NC\nLâm Đồng, ngày 10 tháng 8 năm 2026\nV/v rà soát\n"
            f"Kính gửi: {addressee}\n{body}\nNơi nhận:\n- Như trên;\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nNguyễn Văn A\n")
    (task,) = extract_text(text)["tasks"]
    assert (_leads(task), task["deadline"]) == ([lead], "2026-08-18")
    if "Bảo hiểm" in body:
        assert [a["name"] for a in task["assignees"] if a["role"] == "support"] == ["Bảo hiểm Xã hội tỉnh Lâm Đồng"]


def test_a_note_in_brackets_after_the_doer():
    (task,) = _tasks("Điều 2. Trong thời hạn 30 ngày kể từ ngày Quyết định này có hiệu lực, Liên đoàn Bóng bàn tỉnh Bình "
                     "Thuận (trước sắp xếp) có trách nhiệm chuyển giao toàn bộ tài sản, tài chính cho Liên đoàn Bóng bàn "
                     "tỉnh Lâm Đồng.", LETTER)
    # the note stays on the name as written: it tells which body of the 2025 reorganisation is meant
    assert _leads(task) == ["Liên đoàn Bóng bàn tỉnh Bình Thuận (trước sắp xếp)"]


def test_a_post_after_a_framing_comma_names_the_doer():
    (task,) = _tasks("1. Căn cứ Kế hoạch này, thủ trưởng các cơ quan, đơn vị, địa phương căn cứ chức năng, nhiệm vụ được "
                     "giao xây dựng kế hoạch của đơn vị, hoàn thành trong tháng 6/2026.")
    assert (_leads(task), task["deadline"]) == (["thủ trưởng các cơ quan, đơn vị, địa phương"], "2026-06")


def test_the_body_after_do_does_what_the_clause_names():
    tasks = _tasks("1. Đoàn kiểm tra có nhiệm vụ:\na) Xây dựng kế hoạch kiểm tra chi tiết, trình Giám đốc Sở phê duyệt.\n"
                   "b) Nhiệm vụ cụ thể của các thành viên trong Đoàn kiểm tra do Trưởng đoàn phân công.")
    assert [(t["ref"], _leads(t)) for t in tasks] == [("1.a", ["Đoàn kiểm tra"]), ("1.b", ["Trưởng đoàn"])]


# --- closings that complete the items above, and closings that are formulas (blind set of a provincial office) ---------

def test_a_closing_request_on_the_items_above_completes_them():
    """'Yêu cầu <bodies> … theo các nội dung nêu trên, gửi về UBND tỉnh (thông qua Sở Tư pháp) chậm nhất ngày …':
    its deadline and recipients (the body it goes through too) join the items; a sentence after it still orders."""
    body = ("1. Khẩn trương rà soát toàn bộ hồ sơ, tài liệu liên quan đến các bản án hành chính chưa thi hành xong.\n"
            "2. Báo cáo cụ thể quá trình, tiến độ tổ chức thi hành từng bản án qua các thời kỳ.\n"
            "Yêu cầu các cơ quan, đơn vị, địa phương khẩn trương hoàn thành việc rà soát, báo cáo theo các nội dung nêu "
            "trên, gửi về UBND tỉnh (thông qua Sở Tư pháp) chậm nhất ngày 12/8/2026. Đồng thời, báo cáo hằng tháng, gửi "
            "về Sở Tư pháp vào ngày cuối cùng của tháng để tổng hợp.")
    ts = _tasks(body, CONG_VAN)
    assert [(t["ref"], t["deadline"], t["report_to"]) for t in ts] == [
        ("1", "2026-08-12", ["UBND tỉnh", "Sở Tư pháp"]), ("2", "2026-08-12", ["UBND tỉnh", "Sở Tư pháp"]),
        ("2", None, ["Sở Tư pháp"])]
    assert ts[0]["deadline_reason"] == "deadline: closing sentence"
    assert ts[2]["text"].startswith("Đồng thời, báo cáo hằng tháng")


def test_a_closing_request_that_names_its_doers_completes_only_their_items():
    body = ("1. Các sở, ban, ngành rà soát, xây dựng kế hoạch thực hiện các kiến nghị thanh tra.\n"
            "2. Thanh tra tỉnh khẩn trương rà soát nội dung Kết luận thanh tra.\n"
            "Yêu cầu Thủ trưởng các sở, ban, ngành nghiêm túc triển khai thực hiện các nội dung trên, báo cáo kết quả cho "
            "Ủy ban nhân dân tỉnh (qua Thanh tra tỉnh) trước ngày 30/6/2026.")
    assert [(t["ref"], t["deadline"], t["report_to"]) for t in _tasks(body, CONG_VAN)] == [
        ("1", "2026-06-30", ["UBND tỉnh", "Thanh tra tỉnh"]), ("2", None, [])]


@pytest.mark.parametrize("closing", [
    "Yêu cầu các sở, ban, ngành, đoàn thể, Ủy ban nhân dân các xã, phường, đặc khu nghiêm túc triển khai thực hiện; đề "
    "nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Viện kiểm sát nhân dân tỉnh quan tâm phối hợp; trường hợp có khó khăn, "
    "vướng mắc kịp thời trao đổi với Công an tỉnh để được hướng dẫn./.",
    "Đề nghị các sở, ban, ngành thuộc tỉnh và Ủy ban nhân dân các xã, phường, đặc khu quan tâm, chỉ đạo, thực hiện. Quá "
    "trình thực hiện nếu có khó khăn, vướng mắc, đề nghị báo cáo về Ban chỉ đạo tỉnh (qua Phòng Cảnh sát QLHC về TTXH "
    "Công an tỉnh - Email: pc06.cald@gmail.com) để tổng hợp, tham mưu, giải quyết theo quy định./.",
])
def test_closing_formulas_joined_in_one_paragraph_are_no_task(closing):
    ts = _tasks("1. Giao Công an tỉnh chủ trì theo dõi, hướng dẫn việc thực hiện.\n" + closing, CONG_VAN)
    assert [(t["ref"], _leads(t)) for t in ts] == [("1", ["Công an tỉnh"])]


def test_general_requirements_of_a_letter_are_orders_and_their_introduction_is_none():
    """'I. Yêu cầu chung' over a letter's numbered orders is no plan's aims (those follow a 'Mục đích' heading); the
    paragraph that introduces the items ('… trong đó tập trung các vấn đề trọng tâm sau đây:') is no task itself."""
    body = ("I. Yêu cầu chung\n"
            "Kiên quyết khắc phục triệt để các khuyết điểm, hạn chế đã chỉ ra qua kiểm tra, trong đó tập trung các vấn đề "
            "trọng tâm sau đây:\n"
            "1. Rà soát, xây dựng kế hoạch thực hiện các kiến nghị thanh tra; chậm nhất ngày 31/3/2026 phải hoàn thành.\n"
            "2. Thực hiện nghiêm túc việc xử lý sai phạm đã nêu trong kết luận thanh tra.\n"
            "II. Một số nhiệm vụ cụ thể\n"
            "1. Thanh tra tỉnh khẩn trương rà soát nội dung Kết luận thanh tra.")
    assert [(t["ref"], t["deadline"]) for t in _tasks(body, CONG_VAN)] == [
        ("I.1", "2026-03-31"), ("I.2", None), ("II.1", None)]
    aims = _tasks("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao nhận thức của cán bộ.\n2. Yêu cầu\n"
                  "Triển khai đồng bộ, hiệu quả.\nII. NHIỆM VỤ\n1. Sở Tư pháp chủ trì tuyên truyền.", CONG_VAN)
    assert [(t["ref"], _leads(t)) for t in aims] == [("II.1", ["Sở Tư pháp"])]


# --- sections that describe rather than order (an emulation plan, an invitation, a decision that issues rules) ---------

def test_sections_that_describe_give_only_their_explicit_orders():
    body = ("II. PHẠM VI, ĐỐI TƯỢNG VÀ NỘI DUNG THI ĐUA\n"
            "1. Đối tượng thi đua\n"
            "- Các cơ quan Trung ương đóng trên địa bàn tỉnh.\n"
            "2. Nội dung thi đua\n"
            "a) Thi đua thực hiện hiệu quả các nhiệm vụ, giải pháp cải cách hành chính.\n"
            "III. THỜI GIAN THI ĐUA VÀ TIẾN ĐỘ THỰC HIỆN\n"
            "1. Tiến độ thực hiện\n"
            "a) Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch thi đua trong tháng 12/2026.\n"
            "IV. TIÊU CHUẨN, HÌNH THỨC, HỒ SƠ KHEN THƯỞNG\n"
            "1. Tiêu chuẩn Bằng khen\n"
            "- Ủy ban nhân dân cấp xã có kết quả đánh giá chỉ số cải cách hành chính đạt loại Tốt.\n"
            "2. Giấy khen\n"
            "Căn cứ Kế hoạch này, các cơ quan, đơn vị, địa phương chủ động xây dựng, ban hành tiêu chuẩn để tặng Giấy khen.")
    assert [(t["ref"], _leads(t), t["deadline"]) for t in _tasks(body)] == [
        ("III.1.a", ["các cơ quan, đơn vị, địa phương"], "2026-12"),
        ("IV.2", ["các cơ quan, đơn vị, địa phương"], None)]


def test_an_invitation_gives_the_tasks_of_its_preparation_only():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/GM-UBND\nLâm Đồng, ngày 06 tháng 10 năm 2025\nGIẤY MỜI\n"
            "Ủy ban nhân dân tỉnh mời họp với thành phần, nội dung, thời gian và địa điểm như sau:\n"
            "I. Thành phần dự họp:\n"
            "1. Chủ trì tại điểm cầu của tỉnh: Đồng chí Lê Trọng Yên - Phó Chủ tịch Ủy ban nhân dân tỉnh.\n"
            "2. Đại diện lãnh đạo các Sở: Tư pháp, Nội vụ.\n"
            "II. Nội dung\n"
            "Hội nghị triển khai Chương trình mục tiêu quốc gia phòng, chống ma túy.\n"
            "III. Thời gian, địa điểm\n"
            "1. Thời gian: 01 buổi, bắt đầu lúc 08 giờ 00, ngày 09 tháng 10 năm 2025.\n"
            "IV. Phân công chuẩn bị\n"
            "- Giao Sở Nông nghiệp và Môi trường chuẩn bị tài liệu phục vụ cuộc họp, gửi về Văn phòng Ủy ban nhân dân "
            "tỉnh trong chiều ngày 08/10/2025.\n"
            "- Văn phòng UBND tỉnh chuẩn bị đầy đủ các điều kiện cần thiết để tổ chức Hội nghị./.\n"
            "Nơi nhận:\n- Như thành phần mời;\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nNguyễn Nhân Bản\n")
    ts = extract_text(text)["tasks"]
    assert [(t["ref"], _leads(t), t["deadline"], t["report_to"]) for t in ts] == [
        ("IV.-1", ["Sở Nông nghiệp và Môi trường"], "2025-10-08", ["Văn phòng UBND tỉnh"]),
        ("IV.-2", ["Văn phòng UBND tỉnh"], None, [])]


def test_a_decision_that_issues_rules_orders_in_its_later_articles_only():
    body = ("Điều 1. Ban hành kèm theo Quyết định này Bộ tiêu chí đánh giá cải cách hành chính các sở, trong đó Thanh "
            "tra tỉnh chỉ thực hiện đánh giá, xếp loại nhưng không xếp hạng.\n"
            "Điều 2. Giao Sở Nội vụ chủ trì tổ chức đánh giá theo Bộ tiêu chí.\n"
            "Điều 3. Căn cứ kết quả đánh giá hằng năm, các cơ quan, đơn vị xếp loại Tốt và xếp hạng Nhất, Nhì, Ba được "
            "đề xuất Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng Bằng khen.")
    assert [(t["ref"], _leads(t)) for t in _tasks(body)] == [("Điều 2", ["Sở Nội vụ"])]


# --- persons or roles, not bodies, before 'chịu trách nhiệm / có trách nhiệm' lead the duty (h9 02 and 10, class K) ----

_DECISION_DUTIES = """Điều 2. Tổ chức thực hiện
1. Tập thể lãnh đạo cấp ủy, chính quyền và người đứng đầu cơ quan, địa phương chịu trách nhiệm về danh sách đối tượng, nội dung và các tài liệu có liên quan, bảo đảm khách quan, đúng quy định.
2. Các cá nhân có tên tại danh sách kèm theo Quyết định này chịu trách nhiệm về tính chính xác của các tài liệu, thông tin cá nhân đã cung cấp.
3. Sở Nội vụ chịu trách nhiệm về nội dung thẩm định nêu tại Điều 1 Quyết định này.
4. Đối với các trường hợp cơ quan, đơn vị, địa phương thực hiện chia tách, sáp nhập, người đứng đầu cơ quan, tổ chức, doanh nghiệp có trách nhiệm chỉ đạo việc bàn giao hồ sơ, tài liệu lưu trữ."""


def test_persons_before_a_duty_lead_it():
    assert [(t["ref"], _leads(t)) for t in _tasks(_DECISION_DUTIES, LETTER)] == [
        ("Điều 2.1", ["Tập thể lãnh đạo cấp ủy, chính quyền", "người đứng đầu cơ quan, địa phương"]),
        ("Điều 2.2", ["Các cá nhân có tên tại danh sách kèm theo Quyết định này"]),
        ("Điều 2.3", ["Sở Nội vụ"]),
        ("Điều 2.4", ["người đứng đầu cơ quan, tổ chức, doanh nghiệp"]),
    ]


def test_clause_after_semicolon_with_its_own_subject_and_duty_gives_its_lead():
    body = ("Điều 2. Tổ chức thực hiện\n5. Ủy ban nhân dân phường La Gi (sau sắp xếp) chịu trách nhiệm chi trả kinh phí thực "
            "hiện chế độ, chính sách cho cán bộ, công chức tại Hội cấp huyện; Ủy ban nhân dân cấp xã (sau sắp xếp) của Ủy ban "
            "nhân dân thị xã La Gi chịu trách nhiệm chi trả kinh phí thực hiện chế độ, chính sách cho cán bộ, công chức các "
            "phường, xã (trước sắp xếp).")
    assert [_leads(t) for t in _tasks(body, LETTER)] == [
        ["UBND phường La Gi (sau sắp xếp)"], ["UBND cấp xã (sau sắp xếp) của UBND thị xã La Gi"]]


def test_a_provision_number_on_the_next_line_is_no_item():
    ts = _tasks("1. Bộ Nông nghiệp và Phát triển nông thôn khẩn trương có văn bản gửi Bộ Tài chính những nội dung liên "
                "quan theo quy định tại Khoản\n3 - Điều 61 Luật Lâm nghiệp.\n2. Bộ Tài chính tổng hợp, báo cáo.")
    assert [(t["ref"], _leads(t)) for t in ts] == [
        ("1", ["Bộ Nông nghiệp và Phát triển nông thôn"]), ("2", ["Bộ Tài chính"])]
    assert ts[0]["text"].endswith("tại Khoản 3 - Điều 61 Luật Lâm nghiệp.")


def test_group_names_keep_their_inner_commas_qualifiers_and_last_kind():
    """Group names as the text writes them (h8 04/05, h9 01/11): 'ban ngành' is one kind, 'trực thuộc UBND tỉnh' and the
    words that describe businesses stay on the group, a bare kind after 'và' ends the list as a doer of its own, and
    'sở, ban, ngành' without 'các' is a group after 'phối hợp với'."""
    body = ("1. Công an tỉnh chủ trì, phối hợp với các cơ quan, ban ngành có liên quan thực hiện hiệu quả Đợt cao điểm 180 ngày.\n"
            "2. Sở Văn hóa, Thể thao và Du lịch phối hợp với các sở, ban, ngành, lực lượng chức năng và địa phương đẩy mạnh "
            "tuyên truyền về thực hiện Luật lý lịch tư pháp.\n"
            "3. Công an tỉnh: Phối hợp với các sở, ban, ngành và các doanh nghiệp cung cấp dịch vụ an toàn thông tin, công nghệ "
            "thông tin triển khai các giải pháp bảo đảm an ninh mạng.\n"
            "4. Sở Khoa học và Công nghệ khẩn trương phối hợp với các doanh nghiệp, tập đoàn đồng hành tại Thông báo số "
            "8381/TCT ngày 18/11/2025 của Tổ Công tác; tham mưu ban hành Chiến lược dữ liệu.\n"
            "5. Các sở, ban, ngành, cơ quan, đơn vị trực thuộc Ủy ban nhân dân tỉnh và Ủy ban nhân dân các huyện, thị xã, "
            "thành phố rà soát, xây dựng kế hoạch thực hiện các kiến nghị.\n"
            "6. Văn phòng UBND tỉnh chủ trì, phối hợp với sở, ban, ngành phân công công chức, viên chức thực hiện các nhiệm vụ.")
    tasks = _tasks(body, LETTER)
    got = [(t["ref"], _leads(t), _support(t)) for t in tasks]
    assert got == [
        ("1", ["Công an tỉnh"], ["các cơ quan, ban ngành có liên quan"]),
        ("2", ["Sở Văn hóa, Thể thao và Du lịch"], ["các sở, ban, ngành", "lực lượng chức năng", "địa phương"]),
        ("3", ["Công an tỉnh"], ["các sở, ban, ngành",
                                 "các doanh nghiệp cung cấp dịch vụ an toàn thông tin, công nghệ thông tin"]),
        ("4", ["Sở Khoa học và Công nghệ"], ["các doanh nghiệp, tập đoàn đồng hành"]),
        ("5", ["các sở, ban, ngành, cơ quan, đơn vị trực thuộc UBND tỉnh", "UBND các huyện, thị xã, thành phố"], []),
        ("6", ["Văn phòng UBND tỉnh"], ["sở, ban, ngành"]),
    ]


def test_lead_list_closed_by_a_colon_keeps_every_body_and_numbered_names():
    """h8 04 item 3: 'Đề nghị A, B, C, D, E: Phối hợp …' — every body leads, names with numbers ('KV 2 Quân khu 7',
    'khu vực 2 Quân khu 7') whole, and the task's ground goes to each."""
    body = ("3. Đề nghị Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh, Thi hành dân sự tỉnh, Viện kiểm sát KV 2 Quân khu 7, "
            "Tòa án quân sự khu vực 2 Quân khu 7: Phối hợp với Công an tỉnh khẩn trương bố trí lực lượng. Đồng thời, triển khai "
            "thực hiện nghiêm túc quy định tại Thông tư liên tịch số 11/2026/TTLT-BCA-TANDTC-VKSNDTC-BQP-BTP ngày 30/6/2026.")
    (t,) = _tasks(body, LETTER)
    assert _leads(t) == ["Viện kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh", "Thi hành dân sự tỉnh",
                         "Viện kiểm sát KV 2 Quân khu 7", "Tòa án quân sự khu vực 2 Quân khu 7"]
    assert _support(t) == ["Công an tỉnh"]


def test_partners_named_by_the_provincial_media_body_are_taken():
    """h8 10 III.1.-5: 'Phối hợp với Báo và Phát thanh Truyền hình Lâm Đồng, Ban Tuyên giáo …' — the merged provincial
    newspaper and broadcaster is a body in any of its spellings."""
    body = ("1. Công an tỉnh Lâm Đồng\n"
            "- Phối hợp với Báo và Phát thanh Truyền hình Lâm Đồng, Ban Tuyên giáo và Dân vận tỉnh tham mưu công tác truyền "
            "thông, tuyên truyền về Lễ phát động tại địa phương.\n"
            "2. Sở Văn hóa, Thể thao và Du lịch phối hợp với Báo và Phát thanh, Truyền hình Lâm Đồng tuyên truyền.\n"
            "3. Sở Nội vụ phối hợp với Báo và PTTH tỉnh đưa tin.")
    tasks = _tasks(body, LETTER)
    assert [(_leads(t), _support(t)) for t in tasks] == [
        (["Công an tỉnh Lâm Đồng"], ["Báo và Phát thanh Truyền hình Lâm Đồng", "Ban Tuyên giáo và Dân vận tỉnh"]),
        (["Sở Văn hóa, Thể thao và Du lịch"], ["Báo và Phát thanh, Truyền hình Lâm Đồng"]),
        (["Sở Nội vụ"], ["Báo và PTTH tỉnh"]),
    ]


def test_doer_lines_give_each_listed_body_once_and_a_follow_up_body_supports():
    """h8 09: 'Cơ quan phối hợp: Sở Nội vụ; Sở Tư pháp và các cơ quan, đơn vị có liên quan.' gives each body once (not
    the whole item and its parts); 'Cơ quan theo dõi, hướng dẫn: Công an tỉnh.' is a doer line (support), no task."""
    body = ("II. NHIỆM VỤ\n"
            "2. Tổ chức tập huấn, bồi dưỡng kiến thức, kỹ năng về bảo vệ dữ liệu cá nhân.\n"
            "Cơ quan chủ trì: Công an tỉnh.\n"
            "Cơ quan phối hợp: Sở Nội vụ; Sở Tư pháp và các cơ quan, đơn vị có liên quan.\n"
            "3. Tổ chức rà soát, đánh giá việc thu thập, xử lý dữ liệu cá nhân.\n"
            "Cơ quan chủ trì: Các sở, ban, ngành, UBND cấp xã.\n"
            "Cơ quan theo dõi, hướng dẫn: Công an tỉnh.")
    tasks = _tasks(body, LETTER)
    assert [(t["ref"], _leads(t), _support(t)) for t in tasks] == [
        ("II.2", ["Công an tỉnh"], ["Sở Nội vụ", "Sở Tư pháp", "các cơ quan, đơn vị có liên quan"]),
        ("II.3", ["các sở, ban, ngành", "UBND cấp xã"], ["Công an tỉnh"]),
    ]


# --- a provincial office's letters: stamps among the addressees, closings that only send the results -----------------

def test_a_stamp_between_kinh_gui_and_its_lines_keeps_the_addressees():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 15/UBND-NCKSTTHC\nBình Thuận, ngày 10 tháng 01 năm 2025\n"
            "V/v triển khai thực hiện Công văn số 1202-CV/TU\nKính gửi:\nMẬT\n- Thủ trưởng các sở, ban, ngành tỉnh;\n"
            "- Chủ tịch UBND các huyện, thị xã, thành phố.\n"
            "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu triển khai thực hiện tốt các nội dung sau:\n"
            "1. Khẩn trương chỉ đạo triển khai thực hiện quyết liệt các nhiệm vụ trọng tâm về phòng, chống lãng phí.\n"
            "2. Giao Thanh tra tỉnh theo dõi, đôn đốc và hướng dẫn thực hiện.\n"
            "Yêu cầu thủ trưởng các cơ quan, đơn vị, địa phương triển khai thực hiện nghiêm túc nội dung Công văn này, báo "
            "cáo kết quả thực hiện lồng ghép trong báo cáo định kỳ về công tác phòng, chống tham nhũng, tiêu cực cho Ủy ban "
            "nhân dân tỉnh (thông qua Thanh tra tỉnh) theo quy định./.\n"
            "Nơi nhận:\n- Như trên;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n")
    ts = extract_text(text)["tasks"]
    assert [(t["ref"], _leads(t), t["report_to"]) for t in ts] == [
        ("1", ["Thủ trưởng các sở, ban, ngành tỉnh", "Chủ tịch UBND các huyện, thị xã, thành phố"],
         ["UBND tỉnh", "Thanh tra tỉnh"]),
        ("2", ["Thanh tra tỉnh"], [])]


def test_an_issuers_closing_with_a_deadline_and_a_results_sentence_completes_the_items():
    """'Ban Chỉ đạo tỉnh yêu cầu các đơn vị, địa phương nghiêm túc triển khai thực hiện; hoàn thành … trước ngày …
    Đồng thời, báo cáo kết quả về Ban Chỉ đạo tỉnh (qua Công an tỉnh …).': no task of its own; a programme named in a
    body's name ('Cơ quan thường trực Đề án 06') is no ground."""
    body = ("Thực hiện Đề án 06 của Chính phủ, Ban Chỉ đạo tỉnh đề nghị các sở, ban, ngành, UBND cấp xã triển khai thực "
            "hiện một số nội dung sau:\n"
            "(1) Chủ động nghiên cứu, lựa chọn ít nhất 01 mô hình phù hợp để tổ chức triển khai.\n"
            "(2) Giao Công an tỉnh - Cơ quan thường trực Đề án 06 tỉnh, chịu trách nhiệm đôn đốc, tổng hợp báo cáo.\n"
            "Ban Chỉ đạo tỉnh yêu cầu các đơn vị, địa phương nghiêm túc triển khai thực hiện; hoàn thành đăng ký mô hình "
            "trước ngày 20/5/2026 để tổ chức thực hiện. Đồng thời, báo cáo kết quả về Ban Chỉ đạo tỉnh (qua Công an "
            "tỉnh).")
    ts = _tasks(body, CONG_VAN)
    assert [(t["ref"], _leads(t), t["deadline"], t["report_to"], t["based_on"]) for t in ts] == [
        ("(1)", ["các sở, ban, ngành", "UBND cấp xã"], "2026-05-20", ["Ban Chỉ đạo tỉnh", "Công an tỉnh"], []),
        ("(2)", ["Công an tỉnh"], None, [], [])]


def test_a_label_glued_to_its_text_by_a_colon():
    ts = _tasks("1. Tổ chức đánh giá công tác PCTN:Thủ trưởng các sở, ban, ngành tỉnh có trách nhiệm chỉ đạo các bộ phận "
                "chuyên môn báo cáo trước ngày 31/12/2026.", CONG_VAN)
    assert [(t["ref"], _leads(t), t["deadline"]) for t in ts] == [("1", ["Thủ trưởng các sở, ban, ngành tỉnh"], "2026-12-31")]
    assert "PCTN: Thủ trưởng" in ts[0]["text"]


def test_a_decisions_article_orders_below_its_formula_and_bare_kinds_head_their_items():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 20/QĐ-UBND\nLâm Đồng, ngày 10 tháng 4 năm 2026\nQUYẾT ĐỊNH\n"
            "Về việc rút ngắn thời gian giải quyết thủ tục hành chính\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nQUYẾT ĐỊNH:\n"
            "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính được rút ngắn thời gian giải quyết.\n"
            "Điều 2. Giao nhiệm vụ:\n"
            "1. Cơ quan, đơn vị, địa phương có liên quan:\n"
            "- Ban hành quyết định phê duyệt quy trình nội bộ theo quy định.\n"
            "- Thiết lập và cập nhật quy trình điện tử đối với các thủ tục hành chính.\n"
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký ban hành.\n"
            "Giao Sở Tư pháp thực hiện việc thu hồi Thẻ giám định viên tư pháp theo quy định.\n"
            "Điều 4. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Tư pháp và các ông, bà có tên tại Điều 1 quyết "
            "định này chịu trách nhiệm thi hành./.\n"
            "Nơi nhận:\n- Như Điều 4;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n")
    r = extract_text(text)
    assert [(t["ref"], _leads(t)) for t in r["tasks"]] == [
        ("Điều 2.1.-1", ["Cơ quan, đơn vị, địa phương có liên quan"]),
        ("Điều 2.1.-2", ["Cơ quan, đơn vị, địa phương có liên quan"]),
        ("Điều 3", ["Sở Tư pháp"])]
    assert r["executors"][:2] == ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Tư pháp"]


def test_doers_listed_with_semicolons_after_a_label():
    ts = _tasks("1. Tổ chức, triển khai đánh giá công tác PCTN: Thủ trưởng các sở, ban, ngành tỉnh; chủ tịch ủy ban nhân "
                "dân các huyện, thị xã, thành phố có trách nhiệm chỉ đạo các bộ phận chuyên môn báo cáo.", CONG_VAN)
    assert [(t["ref"], _leads(t)) for t in ts] == [
        ("1", ["Thủ trưởng các sở, ban, ngành tỉnh", "chủ tịch UBND các huyện, thị xã, thành phố"])]


def test_a_lettered_time_line_times_the_item_before_it():
    body = ("2. Căn cứ Bộ chỉ số đánh giá công tác phòng, chống tham nhũng:\n"
            "a) Giao Thanh tra tỉnh:\n"
            "- Thành lập Tổ thường trực giúp việc đánh giá công tác phòng, chống tham nhũng.\n"
            "- Tổng hợp kết quả, tham mưu Ủy ban nhân dân tỉnh dự thảo kết quả đánh giá.\n"
            "b) Thời gian thực hiện: Hoàn thành trước ngày 15/12/2026.")
    assert [(t["ref"], _leads(t), t["deadline"]) for t in _tasks(body, CONG_VAN)] == [
        ("2.a.-1", ["Thanh tra tỉnh"], "2026-12-15"), ("2.a.-2", ["Thanh tra tỉnh"], "2026-12-15")]


def test_a_letter_that_forwards_a_matter_to_a_body_orders_it():
    (t,) = _tasks("Chuyển Sở Nông nghiệp và Môi trường kiểm tra, tham mưu Ủy ban nhân dân tỉnh có văn bản trả lời, báo cáo "
                  "trước ngày 15/12/2026.", CONG_VAN)
    assert (_leads(t), t["reason"], t["deadline"]) == (["Sở Nông nghiệp và Môi trường"], "explicit: chuyển", "2026-12-15")
    assert _tasks("Văn phòng đã chuyển Sở Tư pháp hồ sơ đề nghị của công dân.", CONG_VAN) == []


@pytest.mark.parametrize("body,leads", [
    ("Điều 2. Giao trách nhiệm Sở Y tế chủ trì, phối hợp với các cơ quan liên quan tổ chức triển khai thực hiện.",
     ["Sở Y tế"]),
    ("1. Giao nhiệm vụ cho các sở, ngành tổ chức thực hiện.", ["các sở, ngành"]),
])
def test_giving_the_duty_names_the_body_after_it(body, leads):
    (t,) = _tasks(body, CONG_VAN)
    assert _leads(t) == leads


def test_a_letter_recalling_what_was_asked_before_orders_only_now():
    """'… UBND tỉnh đã có Văn bản số 256/UBND-TD … chuyển Sở Tài chính chủ trì …' recalls an earlier order (no task, and
    'chuyển' opens an order only at the start of its sentence); 'Do đó, đề nghị Sở Tài chính …' is the order."""
    body = ("Liên quan đến yêu cầu của Tòa án nhân dân thành phố Đà Lạt, UBND tỉnh đã có Văn bản số 256/UBND-TD ngày "
            "09/01/2025 chuyển Sở Tài chính chủ trì phối hợp với Ủy ban nhân dân thành phố Đà Lạt tổ chức kiểm tra.\n"
            "Do đó, đề nghị Sở Tài chính khẩn trương thực hiện, báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12/2026.")
    assert [(_leads(t), t["deadline"]) for t in _tasks(body, CONG_VAN)] == [(["Sở Tài chính"], "2026-12-20")]


@pytest.mark.parametrize("text,names", [
    ("UBND phường Xuân Hương - Đà Lạt chủ trì", ["UBND phường Xuân Hương - Đà Lạt"]),  # a 2025 ward and its former town
    ("UBND xã Hiệp Thạnh - Công an xã thực hiện", ["UBND xã Hiệp Thạnh"]),  # a dash before another body
])
def test_a_ward_named_with_its_former_town(text, names):
    from loaders.orgs import scan_org_list

    assert [o.name for o in scan_org_list(text, 0)[0]] == names


def test_the_heads_named_in_an_item_are_its_doers_not_the_bodies_of_the_heading():
    body = ("Điều 3. Trách nhiệm của cơ quan thường trực và các cơ quan liên quan:\n"
            "1. Thủ trưởng các cơ quan, đơn vị tại Điều 1 Quyết định này có trách nhiệm cử thành viên tham gia Hội đồng.")
    assert [(_leads(t), t["reason"]) for t in _tasks(body, CONG_VAN)] == [
        (["Thủ trưởng các cơ quan, đơn vị tại Điều 1 Quyết định này"], "explicit: subject")]


def test_a_copy_sent_along_in_brackets_is_no_ground():
    (t,) = _tasks("Giao Sở Nội vụ nghiên cứu, tham mưu thành lập Tổ công tác cấp tỉnh (Bản sao y Quyết định số 93/QĐ-TTg "
                  "ngày 15/01/2025 của Thủ tướng Chính phủ gửi kèm).", CONG_VAN)
    assert (_leads(t), t["based_on"]) == (["Sở Nội vụ"], [])


@pytest.mark.parametrize("body,leads,report_to", [
    # a delegation to a body or its head is an order; to a person by name it is not (test_a_delegation_to_a_person…)
    ("Do bận họp đột xuất, UBND tỉnh ủy quyền cho lãnh đạo Sở Nông nghiệp và Môi trường chủ trì làm việc với thành "
     "phần tham dự; báo cáo kết quả về UBND tỉnh sau khi cuộc họp kết thúc.", ["Sở Nông nghiệp và Môi trường"], ["UBND tỉnh"]),
    ("Điều 1. Ủy quyền cho Giám đốc Sở Công Thương thực hiện một số nhiệm vụ, quyền hạn của Ủy ban nhân dân tỉnh.",
     ["Giám đốc Sở Công Thương"], []),
])
def test_a_delegation_to_a_body_is_its_task(body, leads, report_to):
    (t,) = _tasks(body, CONG_VAN)
    assert (_leads(t), t["reason"], t["report_to"]) == (leads, "explicit: ủy quyền", report_to)


def test_an_untitled_article_holds_its_items():
    body = ("Điều 2.\n1. Ban Chỉ đạo 389 tỉnh làm việc theo chế độ kiêm nhiệm, có nhiệm vụ giúp Ủy ban nhân dân tỉnh:\n"
            "a) Chỉ đạo, tổ chức phối hợp, theo dõi, kiểm tra, đôn đốc các sở, ngành.\n"
            "b) Tổng hợp tình hình, báo cáo Chủ tịch Ủy ban nhân dân tỉnh.")
    assert [(t["ref"], _leads(t), t["report_to"]) for t in _tasks(body, CONG_VAN)] == [
        ("Điều 2.1.a", ["Ban Chỉ đạo 389 tỉnh"], []), ("Điều 2.1.b", ["Ban Chỉ đạo 389 tỉnh"], ["Chủ tịch UBND tỉnh"])]


CHI_THI_PLAN = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
Số: 21/CT-UBND
Thanh Hóa, ngày 10 tháng 7 năm 2026
CHỈ THỊ
Về việc lập kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030
Để chuẩn bị lập kế hoạch, Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành, UBND các xã, phường triển khai với các nội dung sau:
I. ĐÁNH GIÁ
TÌNH HÌNH THỰC HIỆN KẾ HOẠCH ĐẦU TƯ CÔNG TRUNG HẠN GIAI ĐOẠN 2021-2025
Năm 2025, các sở, ban, ngành đã chủ động phối hợp, giải ngân đạt 95% kế hoạch vốn được giao.
Căn cứ kết quả thực hiện kế hoạch đầu tư công trung hạn giai đoạn 2021
- 2025 của tỉnh, yêu cầu các sở, ban, ngành, UBND các xã, phường khẩn trương đánh giá tình hình thực hiện kế hoạch
do đơn vị mình quản lý, gửi Sở Tài chính trước ngày 15/8/2026.
Nơi nhận:
- Như trên;
- Lưu: VT.
CHỦ TỊCH
Lê Văn Minh
"""


def test_an_evaluating_section_keeps_the_orders_it_gives():
    """'I. ĐÁNH GIÁ …' evaluates, so its paragraphs are no tasks; but one that orders bodies by a cue is (a chỉ thị's
    'Căn cứ …, yêu cầu các sở … khẩn trương đánh giá …'), and a year range wrapped at its hyphen ('2021' / '- 2025')
    does not cut it."""
    r = extract_text(CHI_THI_PLAN)
    (t,) = r["tasks"]
    assert t["text"].startswith("Căn cứ kết quả thực hiện") and "2021 - 2025 của tỉnh" in t["text"]
    assert [a["name"] for a in t["assignees"] if a["role"] == "lead"] == ["các sở, ban, ngành", "UBND các xã, phường"]
    assert (t["deadline"], t["report_to"]) == ("2026-08-15", ["Sở Tài chính"])


def test_what_a_body_advises_another_to_ask_and_what_others_are_told_to_send_are_not_the_doers():
    """'… tham mưu Thường trực HĐND đề nghị UBND Thành phố …' is what the advice asks for, not a second order; and
    after '…, yêu cầu các tổ chức, doanh nghiệp …' a 'gửi Bộ X' is theirs to send, not the doer's report."""
    ts = _tasks("1. Ban Kinh tế - Ngân sách phối hợp Ban Văn hóa - Xã hội tham mưu Thường trực HĐND đề nghị UBND "
                "Thành phố sớm thống nhất chủ trương về chính sách an sinh xã hội.\n"
                "2. UBND các xã, phường rà soát, yêu cầu các tổ chức, doanh nghiệp trên địa bàn cung cấp thông tin về "
                "dự án gửi Sở Nông nghiệp và Môi trường để tổng hợp.\n"
                "3. Các Ban HĐND tỉnh theo lĩnh vực phụ trách theo dõi tiến độ, báo cáo Thường trực HĐND tỉnh.", CONG_VAN)
    assert [(t["ref"], _leads(t), _support(t), t["report_to"]) for t in ts if "các tổ chức" not in t["text"][:20]] == [
        ("1", ["Ban Kinh tế - Ngân sách"], ["Ban Văn hóa - Xã hội"], []),
        ("2", ["UBND các xã, phường"], [], []),
        ("3", ["các Ban HĐND tỉnh"], [], ["Thường trực HĐND tỉnh"])]


def test_units_directly_under_a_body_and_the_communes_and_townships_of_a_district():
    """'các cơ quan, đơn vị trực thuộc UBND huyện' is one group (as '… thuộc UBND huyện'), and 'UBND các xã, thị trấn'
    the communes and townships of a district (before 2025), not 'UBND các xã' and a loose word."""
    (t,) = _tasks("Chủ tịch UBND huyện giao các cơ quan, đơn vị trực thuộc UBND huyện; UBND các xã, thị trấn phân công "
                  "cán bộ trực, báo cáo UBND huyện trước ngày 30/8/2026.", CONG_VAN)
    assert (_leads(t), t["deadline"]) == (["các cơ quan, đơn vị trực thuộc UBND huyện", "UBND các xã, thị trấn"],
                                          "2026-08-30")


def test_heading_of_posts_and_their_bodies():
    """A chỉ thị's headings name each body by its head's post ('Chỉ huy trưởng …', 'Tổng Biên tập …', 'Trưởng ban
    các Ban Quản lý rừng phòng hộ'), the forest owners among them; the duty under a full heading starts its own line."""
    ts = _tasks("3. Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh\n"
                "Xây dựng phương án huy động lực lượng dân quân tham gia chữa cháy rừng, hoàn thành trước ngày 30/6/2026.\n"
                "5. Giám đốc Sở Văn hóa, Thể thao và Du lịch, Tổng Biên tập Báo và Phát thanh, Truyền hình Gia Lai\n"
                "Tăng cường thời lượng tuyên truyền về bảo vệ rừng, phòng cháy, chữa cháy rừng.\n"
                "7. Giám đốc Vườn quốc gia Kon Ka Kinh, Trưởng ban các Ban Quản lý rừng phòng hộ và các chủ rừng khác trên "
                "địa bàn tỉnh\n- Xây dựng, phê duyệt phương án phòng cháy, chữa cháy rừng của đơn vị.")
    assert [(t["ref"], _leads(t)) for t in ts] == [
        ("3", ["Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"]),
        ("5", ["Giám đốc Sở Văn hóa, Thể thao và Du lịch", "Tổng Biên tập Báo và Phát thanh, Truyền hình Gia Lai"]),
        ("7.-1", ["Giám đốc Vườn quốc gia Kon Ka Kinh", "Trưởng ban các Ban Quản lý rừng phòng hộ",
                  "các chủ rừng khác trên địa bàn tỉnh"])]
    assert ts[0]["deadline"] == "2026-06-30"


def test_annex_in_ordinary_case_after_the_signature():
    """'Phụ lục' above its title after a decision's signature is read like 'PHỤ LỤC': its numbered tasks, each with
    'Đơn vị chủ trì / Đơn vị phối hợp / Thời hạn' lines; a support the item names more fully is not added again."""
    text = """ỦY BAN NHÂN DÂN
TỈNH CÀ MAU
Số: 2154/QĐ-UBND
Cà Mau, ngày 07 tháng 11 năm 2025
QUYẾT ĐỊNH
Ban hành Danh mục nhiệm vụ cao điểm chống khai thác IUU
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Danh mục nhiệm vụ cao điểm chống khai thác IUU.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Huỳnh Chí Thanh
Phụ lục
DANH MỤC NHIỆM VỤ CAO ĐIỂM CHỐNG KHAI THÁC IUU TRÊN ĐỊA BÀN TỈNH CÀ MAU
(Kèm theo Quyết định số 2154/QĐ-UBND ngày 07/11/2025 của UBND tỉnh Cà Mau)
I. QUẢN LÝ ĐỘI TÀU CÁ
1. Rà soát, cập nhật đầy đủ dữ liệu tàu cá của tỉnh trên Hệ thống cơ sở dữ liệu nghề cá quốc gia.
Đơn vị chủ trì: Sở Nông nghiệp và Môi trường.
Đơn vị phối hợp: UBND các xã, phường ven biển; Bộ Chỉ huy Bộ đội Biên phòng tỉnh.
Thời hạn: Trước ngày 20/11/2025.
2. Kiểm soát 100% tàu cá ra, vào cảng.
Đơn vị chủ trì: Ban Quản lý cảng cá tỉnh.
Đơn vị phối hợp: Chi cục Thủy sản và Kiểm ngư; Trạm Kiểm soát Biên phòng các cửa biển.
Thời hạn: Tháng 12/2025.
"""
    ts = extract_text(text)["tasks"]
    assert [(t["ref"], _leads(t), _support(t), t["deadline"]) for t in ts] == [
        ("I.1", ["Sở Nông nghiệp và Môi trường"], ["UBND các xã, phường ven biển", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"],
         "2025-11-20"),
        ("I.2", ["Ban Quản lý cảng cá tỉnh"], ["Chi cục Thủy sản và Kiểm ngư", "Trạm Kiểm soát Biên phòng các cửa biển"],
         "2025-12")]


def test_heading_with_the_role_of_its_body():
    """A heading that names its body with the role it plays in brackets ('… (chủ đầu tư):') gives the items below
    their doer, the note left out of the name."""
    ts = _tasks("a) Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh (chủ đầu tư):\n"
                "- Chỉ đạo nhà thầu thi công tăng cường nhân lực, hoàn thành trước ngày 30/6/2026.\n"
                "b) Sở Xây dựng (cơ quan thường trực):\n- Kiểm tra chất lượng công trình.")
    assert [(t["ref"], _leads(t)) for t in ts] == [
        ("a.-1", ["Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"]), ("b.-1", ["Sở Xây dựng"])]


def test_the_office_that_conveys_conclusions_is_given_tasks():
    """Văn phòng Chính phủ announcing the Prime Minister's conclusions: its own item is the Prime Minister's order to it,
    a task like the others (a Bộ's own letter saying what the Bộ does is not)."""
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 652/TB-VPCP\nHà Nội, ngày 02 tháng 12 năm 2025\nTHÔNG BÁO\n"
            "Kết luận của Thủ tướng Chính phủ tại cuộc họp trực tuyến về khắc phục hậu quả mưa lũ\n"
            "Ngày 30 tháng 11 năm 2025, Thủ tướng Chính phủ chủ trì cuộc họp trực tuyến với các địa phương. "
            "Thủ tướng Chính phủ kết luận như sau:\n"
            "1. Bộ Tài chính chủ trì tổng hợp nhu cầu hỗ trợ, báo cáo Thủ tướng Chính phủ trước ngày 10 tháng 12 năm 2025.\n"
            "2. Văn phòng Chính phủ theo dõi, đôn đốc các Bộ, cơ quan, địa phương thực hiện các nhiệm vụ tại Thông báo "
            "này; kịp thời báo cáo Thủ tướng Chính phủ những vấn đề phát sinh.\n")
    ts = extract_text(text)["tasks"]
    assert [(t["ref"], _leads(t), t["report_to"]) for t in ts] == [
        ("1", ["Bộ Tài chính"], ["Thủ tướng Chính phủ"]), ("2", ["Văn phòng Chính phủ"], ["Thủ tướng Chính phủ"])]


def test_a_state_corporation_is_a_body():
    (t,) = _tasks("1. Bộ Xây dựng chủ trì, phối hợp với các địa phương và Tổng công ty Đường sắt Việt Nam chỉ đạo các nhà "
                  "thầu khắc phục sạt lở, hoàn thành trước ngày 08/6/2026.")
    assert (_leads(t), _support(t)) == (["Bộ Xây dựng"], ["các địa phương", "Tổng công ty Đường sắt Việt Nam"])


def test_an_article_for_every_body_keeps_each_items_subject():
    """Under 'Điều 3. Trách nhiệm của các cơ quan, đơn vị' each item names who of them: its own subject, even a generic
    one, is the doer; a heading that says what its body is ('… là cơ quan thường trực …, có trách nhiệm:') names the
    body alone; the head of a working group reports ('Tổ trưởng Tổ công tác')."""
    ts = _tasks("Điều 3. Trách nhiệm của các cơ quan, đơn vị\n"
                "1. Sở Tài chính là cơ quan thường trực của Tổ công tác, có trách nhiệm:\n"
                "a) Xây dựng Kế hoạch hoạt động của Tổ công tác, trình Tổ trưởng Tổ công tác phê duyệt trước ngày 25/6/2026.\n"
                "2. Các thành viên Tổ công tác thực hiện nhiệm vụ theo sự phân công của Tổ trưởng; chủ động nắm tình hình.\n"
                "3. Các chủ đầu tư và Ủy ban nhân dân các xã, phường báo cáo tình hình giải ngân gửi Sở Tài chính "
                "trước ngày 25 hằng tháng để tổng hợp.")
    assert [(t["ref"], _leads(t), t["report_to"]) for t in ts] == [
        ("Điều 3.1.a", ["Sở Tài chính"], ["Tổ trưởng Tổ công tác"]),
        ("Điều 3.2", ["các thành viên Tổ công tác"], []),
        ("Điều 3.3", ["các chủ đầu tư", "UBND các xã, phường"], ["Sở Tài chính"])]


def test_a_heading_bodys_own_units_and_the_results_line():
    """Under '3. Ủy ban nhân dân các xã, phường', '- Chỉ đạo trạm y tế, các đoàn thể … tổ chức …' is the committee's
    duty (whom it directs is no doer); 'Kết quả triển khai các nội dung trên, … gửi về Sở Y tế (qua Phòng Nghiệp vụ Y)
    trước ngày …' completes the items above; the Sở's hospitals and clinics are groups."""
    ts = _tasks("2. Các bệnh viện, trung tâm y tế trực thuộc Sở Y tế\n"
                "- Chuẩn bị sẵn sàng giường bệnh, thuốc, dịch truyền, vật tư, trang thiết bị.\n"
                "3. Ủy ban nhân dân các xã, phường\n"
                "- Chỉ đạo trạm y tế, các đoàn thể chính trị - xã hội tổ chức ra quân vệ sinh môi trường.\n"
                "- Bố trí kinh phí từ ngân sách địa phương cho công tác phòng, chống dịch.\n"
                "Kết quả triển khai các nội dung trên, Ủy ban nhân dân các xã, phường gửi về Sở Y tế (qua Phòng Nghiệp vụ Y) "
                "trước ngày 15/7/2026 để tổng hợp.\n"
                "4. Các cơ sở khám bệnh, chữa bệnh ngoài công lập thực hiện nghiêm việc khai báo ca bệnh truyền nhiễm.")
    assert [(t["ref"], _leads(t), t["deadline"], t["report_to"]) for t in ts] == [
        ("2.-1", ["các bệnh viện, trung tâm y tế trực thuộc Sở Y tế"], None, []),
        ("3.-1", ["UBND các xã, phường"], "2026-07-15", ["Sở Y tế", "Phòng Nghiệp vụ Y"]),
        ("3.-2", ["UBND các xã, phường"], "2026-07-15", ["Sở Y tế", "Phòng Nghiệp vụ Y"]),
        ("4", ["các cơ sở khám bệnh, chữa bệnh ngoài công lập"], None, [])]


def test_the_doer_hands_the_work_on_to_its_units():
    (t,) = _tasks("1. Giao Sở Y tế tiến hành rà soát, giao nhiệm vụ các Trung tâm Y tế khu vực, Trạm Y tế cấp xã đăng ký "
                  "cung cấp dịch vụ cai nghiện ma túy tự nguyện tại gia đình, cộng đồng.")
    assert _leads(t) == ["Sở Y tế"]


def test_a_results_line_for_every_body_completes_every_item():
    ts = _tasks("1. Giao Sở Tài chính tham mưu điều chuyển kế hoạch vốn.\n"
                "2. Giao Sở Xây dựng hướng dẫn xác định đơn giá bồi thường.\n"
                "Kết quả thực hiện các nội dung trên, các cơ quan, đơn vị gửi về Sở Nội vụ trước ngày 30/6/2026.")
    assert [(_leads(t), t["deadline"], t["report_to"]) for t in ts] == [
        (["Sở Tài chính"], "2026-06-30", ["Sở Nội vụ"]), (["Sở Xây dựng"], "2026-06-30", ["Sở Nội vụ"])]


def test_village_heads_are_doers():
    """A commune's plan names the heads of its villages and residential groups by their post ('Trưởng thôn/Tổ trưởng
    tổ dân phố'), as a heading and in a list of supports."""
    ts = _tasks("1. Ban Chỉ huy Quân sự xã chủ trì, phối hợp với Công an xã, Trưởng thôn, Tổ trưởng tổ dân phố rà soát "
                "nguồn công dân trong độ tuổi gọi nhập ngũ.\n"
                "2. Trưởng thôn/Tổ trưởng tổ dân phố\n- Trực tiếp chuyển lệnh gọi khám sức khỏe đến từng công dân.")
    assert [(_leads(t), _support(t)) for t in ts] == [
        (["Ban Chỉ huy Quân sự xã"], ["Công an xã", "Trưởng thôn", "Tổ trưởng tổ dân phố"]),
        (["Trưởng thôn", "Tổ trưởng tổ dân phố"], [])]


def test_a_time_line_dates_an_item_whose_sentence_says_thuong_xuyen():
    ts = _tasks("II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n1. Củng cố, nâng cao năng lực mạng lưới y tế cơ sở\n"
                "Kiện toàn hệ thống trạm y tế xã, phường; bảo đảm 100% trạm y tế có bác sĩ làm việc thường xuyên.\n"
                "- Cơ quan chủ trì: Sở Y tế.\n- Cơ quan phối hợp: Sở Nội vụ, Sở Tài chính.\n"
                "- Thời gian hoàn thành: Quý II/2026.")
    assert [(t["ref"], _leads(t), t["deadline"], t["recurrence"]) for t in ts] == [
        ("II.1", ["Sở Y tế"], "2026-Q2", None)]


def test_the_bodies_above_send_their_results():
    """'Các sở, ngành, đơn vị và UBND các xã, phường nêu trên báo cáo kết quả thực hiện về UBND thành phố (qua Văn phòng
    UBND thành phố) trước 16 giờ ngày …./.': the close of the letter completes every item above, it is no task."""
    ts = _tasks("1. Sở Xây dựng chỉ đạo các đơn vị quản lý bến khách ngang sông tạm dừng hoạt động.\n"
                "2. Công an thành phố xây dựng phương án sơ tán dân.\n"
                "Các sở, ngành, đơn vị và Ủy ban nhân dân các xã, phường nêu trên báo cáo kết quả thực hiện về Ủy ban nhân "
                "dân tỉnh (qua Văn phòng Ủy ban nhân dân tỉnh) trước 16 giờ ngày 06/6/2026 để tổng hợp./.")
    assert [(_leads(t), t["deadline"], t["report_to"]) for t in ts] == [
        (["Sở Xây dựng"], "2026-06-06", ["UBND tỉnh", "Văn phòng UBND tỉnh"]),
        (["Công an thành phố"], "2026-06-06", ["UBND tỉnh", "Văn phòng UBND tỉnh"])]


def test_village_heads_by_name_and_party_cell_secretaries():
    ts = _tasks("1. Trưởng thôn Đông Xuyên, Trưởng thôn Phù Lưu khẩn trương đôn đốc các hộ nộp Quỹ phòng, chống thiên tai "
                "trước ngày 20/6/2026.\n"
                "2. Bí thư chi bộ các thôn lãnh đạo chi bộ tổ chức Hội nghị tổng kết công tác năm 2026 của thôn.\n"
                "3. Tổ trưởng các tổ dân phố\n- Tuyên truyền, vận động Nhân dân chấp hành quy định phòng cháy, chữa cháy.")
    assert [_leads(t) for t in ts] == [["Trưởng thôn Đông Xuyên", "Trưởng thôn Phù Lưu"], ["Bí thư chi bộ các thôn"],
                                       ["Tổ trưởng các tổ dân phố"]]


def test_a_post_under_its_bodies_heading_answers_in_person():
    ts = _tasks("8. Đối với các thôn:\n- Trưởng các thôn rà soát các hộ có hoàn cảnh khó khăn.\n"
                "- Bí thư chi bộ các thôn lãnh đạo chi bộ tổ chức hội nghị tổng kết, hoàn thành trong tháng 6/2026.")
    assert [_leads(t) for t in ts] == [["Trưởng các thôn"], ["Bí thư chi bộ các thôn"]]


def test_a_closing_that_asks_for_help_when_stuck_sends_no_results():
    """'Yêu cầu Thủ trưởng các đơn vị … nghiêm túc triển khai thực hiện Kế hoạch này; trong quá trình thực hiện nếu có
    khó khăn, vướng mắc kịp thời báo cáo UBND phường (qua Công an phường) …./.': a generic formula, no report line."""
    ts = _tasks("1. Phòng Văn hóa - Xã hội chỉ đạo Đài Truyền thanh phường tăng thời lượng tuyên truyền.\n"
                "2. Văn phòng HĐND và UBND phường bố trí lịch trực của lãnh đạo UBND phường trong dịp Tết.\n"
                "Yêu cầu Thủ trưởng các đơn vị, Tổ trưởng các tổ dân phố nghiêm túc triển khai thực hiện Kế hoạch này; trong "
                "quá trình thực hiện nếu có khó khăn, vướng mắc kịp thời báo cáo UBND phường (qua Công an phường) để xem "
                "xét, giải quyết./.")
    assert [(_leads(t), t["report_to"]) for t in ts] == [(["Phòng Văn hóa - Xã hội"], []),
                                                          (["Văn phòng HĐND và UBND phường"], [])]


def test_one_body_told_to_follow_up_is_a_task_not_a_summary():
    ts = _tasks("1. Sở Tài chính bố trí kinh phí đo đạc bản đồ địa chính.\n"
                "Kết quả thực hiện các nội dung trên, các cơ quan, đơn vị báo cáo UBND tỉnh trước ngày 20/6/2026.\n"
                "Giao Sở Nông nghiệp và Môi trường theo dõi, đôn đốc các địa phương thực hiện; tổng hợp, báo cáo UBND tỉnh "
                "kết quả thực hiện trước ngày 25/6/2026.")
    assert [(_leads(t), t["deadline"]) for t in ts] == [(["Sở Tài chính"], "2026-06-20"),
                                                          (["Sở Nông nghiệp và Môi trường"], "2026-06-25")]


def test_a_short_heading_that_ends_with_the_bodys_head_word():
    """'1. Văn phòng Sở' over 'Tham mưu Giám đốc Sở …': the heading names its body and ends there ('Sở' is the body's
    own word, the next line opens its duty); a unit whose field holds a comma ('Phòng Chính trị, tư tưởng')."""
    ts = _tasks("IV. TỔ CHỨC THỰC HIỆN\n1. Văn phòng Sở\n"
                "Tham mưu Giám đốc Sở theo dõi, đôn đốc các đơn vị triển khai Kế hoạch, hoàn thành trước ngày 30/8/2026.\n"
                "2. Tổ chức tập huấn kỹ năng an toàn cho học sinh.\n- Đơn vị chủ trì: Phòng Chính trị, tư tưởng.\n"
                "- Đơn vị phối hợp: Nhà Thiếu nhi Thành phố; Sở Văn hóa và Thể thao.")
    assert [(_leads(t), t["deadline"]) for t in ts] == [(["Văn phòng Sở"], "2026-08-30"),
                                                          (["Phòng Chính trị, tư tưởng"], None)]


def test_a_heading_of_communes_of_both_levels_named_after_a_colon():
    ts = _tasks("2. Nhiệm vụ trong thời gian tới\nĐể bảo đảm mục tiêu bàn giao toàn bộ mặt bằng cho nhà thầu thi công, đồng "
                "chí Phó Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị, địa phương tập trung thực hiện tốt các nhiệm vụ sau:\n"
                "2.1. Đối với UBND các xã, phường: Hoằng Tiến, Hoằng Thanh, Quảng Ninh, Nam Sầm Sơn\n"
                "- Tập trung lực lượng hoàn thành việc kiểm đếm đối với 214 hộ còn lại, hoàn thành trước ngày 30/6/2026.")
    assert [(_leads(t), t["deadline"]) for t in ts] == [(["UBND các xã, phường"], "2026-06-30")]


def test_a_unit_in_brackets_supports_and_a_wrap_inside_its_name_is_no_end():
    """'phối hợp với Sở Công Thương (Chi cục Quản lý' / 'thị trường), Bộ Chỉ huy …': the unit in brackets supports
    too, and the line that goes on in lower case shows no end of its name."""
    ts = _tasks("4. Công an tỉnh chủ trì, phối hợp với Sở Công Thương (Chi cục Quản lý\n"
                "thị trường), Bộ Chỉ huy Bộ đội Biên phòng tỉnh đẩy mạnh đấu tranh phòng, chống buôn lậu.")
    assert [(_leads(t), _support(t)) for t in ts] == [
        (["Công an tỉnh"], ["Sở Công Thương", "Chi cục Quản lý thị trường", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"])]


def test_a_heading_whose_note_in_brackets_names_a_committee():
    ts = _tasks("1. Sở Nông nghiệp và Môi trường (cơ quan thường trực Ban Chỉ đạo các Chương trình lâm nghiệp tỉnh)\n"
                "a) Chỉ đạo Chi cục Kiểm lâm rà soát phương án, trình UBND tỉnh phê duyệt trước ngày 15/6/2026.\n"
                "b) Vận hành hệ thống phát hiện sớm điểm cháy rừng.")
    assert [_leads(t) for t in ts] == [["Sở Nông nghiệp và Môi trường"], ["Sở Nông nghiệp và Môi trường"]]


def test_a_periodic_results_line_then_an_order_in_the_same_paragraph():
    """'Định kỳ trước ngày 20 hằng tháng, các cơ quan, đơn vị, địa phương nêu trên báo cáo kết quả thực hiện về Sở … để
    tổng hợp. Giao Sở … theo dõi, đôn đốc …; báo cáo UBND tỉnh trước …./.': the first sentence sends every item's
    results, the second is one body's task."""
    ts = _tasks("1. Thuế tỉnh rà soát hồ sơ nghĩa vụ tài chính về đất đai.\n"
                "2. Sở Tài chính tham mưu bố trí kinh phí đo đạc bản đồ địa chính.\n"
                "Định kỳ trước ngày 20 hằng tháng, các cơ quan, đơn vị, địa phương nêu trên báo cáo kết quả thực hiện về Sở "
                "Nông nghiệp và Môi trường để tổng hợp. Giao Sở Nông nghiệp và Môi trường theo dõi, đôn đốc việc thực hiện; "
                "tổng hợp kết quả, báo cáo UBND tỉnh trước ngày 10/7/2026./.")
    assert [(_leads(t), t["deadline"], t["report_to"]) for t in ts] == [
        (["Thuế tỉnh"], None, ["Sở Nông nghiệp và Môi trường"]), (["Sở Tài chính"], None, ["Sở Nông nghiệp và Môi trường"]),
        (["Sở Nông nghiệp và Môi trường"], "2026-07-10", ["UBND tỉnh"])]
