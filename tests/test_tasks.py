"""Tasks on short passages in the shape of real notices: which paragraphs are tasks, their doers, report_to,
and the reason / confidence recorded on each."""

from __future__ import annotations

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
    (a,) = t["assignees"]
    assert (a["name"], a["members"], a["generic"]) == ("các Bộ", ["Bộ Công an", "Bộ Tài chính", "Bộ Xây dựng"], True)
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
