"""The meeting a notice reports, on every level of government: chair, kind, whether there is one at all."""

import pytest

from loaders import patterns

from loaders.meeting import Chair, chair_from_text, chair_from_title, is_inspection_title, is_meeting_title

CHAIR_IN_TEXT = [
    # post before the name, no 'đồng chí' (central government)
    ("Ngày 12 tháng 3 năm 2025, tại trụ sở Chính phủ, Phó Thủ tướng Chính phủ Trần Văn Sơn chủ trì cuộc họp về Đề án X.",
     Chair("Trần Văn Sơn", "Phó Thủ tướng Chính phủ")),
    ("Ngày 4/6/2025, Thủ tướng Chính phủ Lê Minh Quang chủ trì Hội nghị trực tuyến với các địa phương.",
     Chair("Lê Minh Quang", "Thủ tướng Chính phủ")),
    ("Ngày 20/5/2025, Bộ trưởng Bộ Nông nghiệp và Môi trường Đỗ Đức Duy đã chủ trì cuộc họp về quản lý rừng.",
     Chair("Đỗ Đức Duy", "Bộ trưởng Bộ Nông nghiệp và Môi trường")),
    # the place between the post and the name
    ("Ngày 02/4/2026, Chủ tịch UBND xã Tân Lập Nguyễn Văn Bình chủ trì cuộc họp giao ban.",
     Chair("Nguyễn Văn Bình", "Chủ tịch UBND xã Tân Lập")),
    ("Ngày 02/4/2026, Phó Chủ tịch UBND tỉnh Hà Giang Lê Văn An chủ trì cuộc họp.",
     Chair("Lê Văn An", "Phó Chủ tịch UBND tỉnh Hà Giang")),
    # name before the post, party posts kept as written
    ("Ngày 5/3/2026, đồng chí Lê Văn Dũng - Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp.",
     Chair("Lê Văn Dũng", "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh")),
    ("Ngày 5/3/2026, Ủy ban nhân dân tỉnh tổ chức cuộc họp về tiến độ dự án do đồng chí Hoàng Thị Mai, Phó Chủ tịch UBND tỉnh chủ trì.",
     Chair("Hoàng Thị Mai", "Phó Chủ tịch UBND tỉnh")),
    ("Sau khi nghe báo cáo, Phó Thủ tướng Chính phủ Trần Văn Sơn kết luận như sau:",
     Chair("Trần Văn Sơn", "Phó Thủ tướng Chính phủ")),
    ("Ngày 10/5/2026, Phó Chủ tịch Thường trực UBND tỉnh Nguyễn Văn An đã chủ trì cuộc họp.",
     Chair("Nguyễn Văn An", "Phó Chủ tịch Thường trực UBND tỉnh")),
    ("Ngày 10/5/2026, Phó Chủ tịch UBND tỉnh, đồng chí Nguyễn Văn An chủ trì cuộc họp.", Chair("Nguyễn Văn An", "Phó Chủ tịch UBND tỉnh")),
    ("Ngày 10/5/2026, Bộ trưởng Lê Thành Long chủ trì cuộc họp.", Chair("Lê Thành Long", "Bộ trưởng")),
    ("Ngày 20/5/2025, Phó Thủ tướng Chính phủ Trần Văn Sơn - Trưởng Ban Chỉ đạo nhà nước các công trình trọng điểm chủ trì "
     "cuộc họp.", Chair("Trần Văn Sơn", "Phó Thủ tướng Chính phủ")),
    # a post and a place, no person: no chair from the text
    ("Ngày 02/4/2026, Chủ tịch UBND tỉnh Lạng Sơn chủ trì cuộc họp.", None),
    ("Ngày 02/4/2026, Chủ tịch UBND tỉnh Hà Giang chủ trì cuộc họp.", None),
    ("Ngày 02/4/2026, Sở Tài chính chủ trì cuộc họp với các đơn vị.", None),
]


@pytest.mark.parametrize("text,chair", CHAIR_IN_TEXT)
def test_chair_in_opening(text, chair):
    assert chair_from_text(text) == chair


CHAIR_IN_TITLE = [
    ("Kết luận của đồng chí Trần Thanh Bình, Phó Chủ tịch UBND tỉnh tại buổi làm việc với các sở",
     Chair("Trần Thanh Bình", "Phó Chủ tịch UBND tỉnh"), "buổi làm việc với các sở"),
    ("Kết luận của Phó Thủ tướng Chính phủ tại cuộc họp về hạ tầng số", Chair(None, "Phó Thủ tướng Chính phủ"), "cuộc họp về hạ tầng số"),
    ("Kết luận của Phó Thủ tướng Chính phủ Trần Văn Sơn tại cuộc họp về hạ tầng số",
     Chair("Trần Văn Sơn", "Phó Thủ tướng Chính phủ"), "cuộc họp về hạ tầng số"),
    ("KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TRẦN VĂN SƠN TẠI CUỘC HỌP VỀ ĐỀ ÁN THỊ TRƯỜNG",
     Chair("Trần Văn Sơn", "Phó Thủ tướng Chính phủ"), "CUỘC HỌP VỀ ĐỀ ÁN THỊ TRƯỜNG"),
    ("KẾT LUẬN CỦA ĐỒNG CHÍ PHÓ CHỦ TỊCH UBND TỈNH LÊ VĂN AN TẠI BUỔI LÀM VIỆC",
     Chair("Lê Văn An", "Phó Chủ tịch UBND tỉnh"), "BUỔI LÀM VIỆC"),
    ("KẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH TẠI BUỔI LÀM VIỆC", Chair(None, "Chủ tịch UBND tỉnh"), "BUỔI LÀM VIỆC"),
    ("Kết luận của đồng chí Trần Thanh Bình, Phó Chủ tịch UBND tỉnh kiểm tra công tác tại xã Tân Lập",
     Chair("Trần Thanh Bình", "Phó Chủ tịch UBND tỉnh"), "kiểm tra công tác tại xã Tân Lập"),
    ("Kế hoạch thực hiện Kết luận số 75-KL/TW", None, "Kế hoạch thực hiện Kết luận số 75-KL/TW"),
    ("KẾT LUẬN CỦA ĐỒNG CHÍ NGUYỄN VĂN AN, PHÓ CHỦ TỊCH UBND TỈNH TẠI BUỔI LÀM VIỆC VỚI SỞ Y TẾ",
     Chair("Nguyễn Văn An", "Phó Chủ tịch UBND tỉnh"), "BUỔI LÀM VIỆC VỚI SỞ Y TẾ"),
    ("Ý kiến chỉ đạo của Phó Chủ tịch UBND tỉnh Nguyễn Văn An tại buổi kiểm tra công trình",
     Chair("Nguyễn Văn An", "Phó Chủ tịch UBND tỉnh"), "buổi kiểm tra công trình"),
    ("Kết luận chỉ đạo của đồng chí Lê Văn Tâm - Chủ tịch UBND xã tại cuộc họp giao ban",
     Chair("Lê Văn Tâm", "Chủ tịch UBND xã"), "cuộc họp giao ban"),
]


@pytest.mark.parametrize("title,chair,event", CHAIR_IN_TITLE)
def test_chair_in_title(title, chair, event):
    assert chair_from_title(title) == (chair, event)


@pytest.mark.parametrize("words,after_level,k", [
    ("Tân Lập Nguyễn Văn Bình", True, 2), ("Trần Hồng Minh", False, 0), ("Hà Giang Lê Văn An", True, 2), ("Giàng A Pháo", False, 0),
    ("Lê Văn", False, 0), ("Hồ Chí Minh Nguyễn Văn Nên", True, 3), ("Nguyễn Văn An", True, 0), ("Hà Giang", True, None),
    ("Nguyễn Hoàng Anh Tuấn", False, 0), ("Lạng Sơn", True, None), ("Hồ Chí Minh", True, None), ("HỒ CHÍ MINH", True, None)])
def test_name_start(words, after_level, k):
    from loaders.meeting import name_start
    assert name_start(words.split(), after_level) == k


@pytest.mark.parametrize("title,meeting,inspection", [
    ("Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về giải phóng mặt bằng", True, False),
    ("KẾT LUẬN CUỘC HỌP VỀ ĐỀ ÁN PHÁT TRIỂN THỊ TRƯỜNG", True, False),
    ("Chương trình hành động thực hiện Kết luận số 75-KL/TW của Bộ Chính trị", False, False),
    ("Kết quả kiểm tra việc chấp hành quy định về an toàn vật liệu nổ", False, True),
    ("Kết luận thanh tra công tác quản lý đất đai", False, True),
    ("Về việc triển khai Nghị định số 49/2026/NĐ-CP", False, False),
])
def test_meeting_and_inspection_titles(title, meeting, inspection):
    assert (is_meeting_title(title), is_inspection_title(title)) == (meeting, inspection)


@pytest.mark.parametrize("title,post", [
    ("Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh"),
    ("Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh"),
    ("Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh", "Chủ tịch HĐND tỉnh"),
    ("Bí thư Tỉnh ủy", "Bí thư Tỉnh ủy"),
])
def test_state_post(title, post):
    from loaders.meeting import state_post
    assert state_post(title) == post


ATTENDEES = [
    ("Tham dự cuộc họp có lãnh đạo các Bộ: Tài chính, Tài nguyên và Môi trường, đại diện các Bộ: Nông nghiệp và "
     "Phát triển nông thôn, Tư pháp.",
     ["Bộ Tài chính", "Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Tư pháp"]),
    ("Tham dự cuộc họp có đại diện lãnh đạo các Bộ, cơ quan: Tài chính, Tư pháp, Ngân hàng Nhà nước Việt Nam.",
     ["Bộ Tài chính", "Bộ Tư pháp", "Ngân hàng Nhà nước Việt Nam"]),
    ("Tham dự có đại diện lãnh đạo các Sở: Nội vụ, Tài chính.", ["Sở Nội vụ", "Sở Tài chính"]),
    ("Tham dự buổi làm việc có lãnh đạo các sở, ngành: Xây dựng (và đại diện các phòng chuyên môn); Tài chính; Nội vụ ; "
     "Văn phòng UBND tỉnh.", ["Sở Xây dựng", "Sở Tài chính", "Sở Nội vụ", "Văn phòng UBND tỉnh"]),
    ("Tham dự có lãnh đạo Văn phòng UBND tỉnh, Sở Khoa học và Công nghệ, Sở Y tế.",
     ["Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ", "Sở Y tế"]),
    ("Cùng dự có đồng chí Lê Văn Hòa - Giám đốc Sở Y tế; đồng chí Trần Thị Lan - Phó Giám đốc Sở Tài chính.",
     ["Sở Y tế", "Sở Tài chính"]),
    ("Tham dự cuộc họp có Bộ trưởng Bộ Tài chính, Thứ trưởng Bộ Xây dựng; đại diện lãnh đạo Bộ Tư pháp, Văn phòng Chính phủ.",
     ["Bộ Tài chính", "Bộ Xây dựng", "Bộ Tư pháp", "Văn phòng Chính phủ"]),
    ("Tham dự có đồng chí Lê Văn Hòa, Phó Chủ tịch UBND tỉnh và lãnh đạo các Sở: Xây dựng, Công Thương.",
     ["Sở Xây dựng", "Sở Công Thương"]),
]


@pytest.mark.parametrize("sentence,expected", ATTENDEES)
def test_attendees_on_every_level(sentence, expected):
    from loaders.notice import attendees
    assert attendees([sentence]) == expected


@pytest.mark.parametrize("sentence,expected", patterns.load("meetings")["attend_openings"]["examples"] + [
    # a body named whole after the list of fields is no field of it; a commune's own unit is no provincial agency
    ("Tham dự cuộc họp có đại diện lãnh đạo các Sở: Văn hóa, Thể thao và Du lịch, Tài chính, Y tế; Công an tỉnh; "
     "Tỉnh Đoàn; Báo và Phát thanh, Truyền hình Lâm Đồng.",
     ["Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính", "Sở Y tế", "Công an tỉnh", "Tỉnh Đoàn",
      "Báo và Phát thanh, Truyền hình Lâm Đồng"]),
    ("Tham dự buổi làm việc có lãnh đạo các sở, ngành: Giáo dục và Đào tạo, Nội vụ; Văn phòng UBND tỉnh; lãnh đạo UBND, "
     "Phòng Văn hóa - Xã hội các xã.", ["Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Văn phòng UBND tỉnh"]),
    # a Sở's own giao ban: its phòng and Chi cục listed by field
    ("Tham dự cuộc họp có lãnh đạo Văn phòng Sở, các phòng: Kế hoạch - Tài chính, Tổ chức cán bộ, Tài nguyên nước và "
     "Khoáng sản; lãnh đạo các Chi cục: Kiểm lâm, Thủy lợi.",
     ["Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ", "Phòng Tài nguyên nước và Khoáng sản",
      "Chi cục Kiểm lâm", "Chi cục Thủy lợi"]),
])
def test_who_went_along_attended(sentence, expected):
    from loaders.notice import attendees
    assert attendees([sentence]) == expected


# --- whole documents of several levels and types (written for these tests), plain and hard-wrapped ------------

import textwrap
from pathlib import Path

LEVELS = Path(__file__).parent / "fixtures" / "levels"
DOCS = {
    "so_kt.txt": ("215/TB-SCT", "2026-05-14", "Hoàng Văn Thuận", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "2026-05-08", "inspection", None, []),
    "ttg_tb.txt": ("301/TB-VPCP", "2025-07-10", "Nguyễn Văn Thắng", ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"], "2025-07-05",
                   "other", {"name": "Trần Văn Sơn", "title": "Phó Thủ tướng Chính phủ"}, ["Bộ Xây dựng", "Bộ Tài chính", "Bộ Tư pháp"]),
    "ubnd_cv.txt": ("1520/UBND-NL1", "2026-03-03", "Trần Báu Hà", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], None, None, None, None),
    "ubnd_tb.txt": ("88/TB-UBND", "2026-04-21", "Nguyễn Thị Hồng Nhung", ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
                    "2026-04-17", "other", {"name": "Lê Quang Tiến", "title": "Phó Chủ tịch UBND tỉnh"},
                    ["Sở Xây dựng", "Sở Tài chính", "Sở Nông nghiệp và Môi trường"]),
}


DOCS.update({
    "xa_tb.txt": ("45/TB-UBND", "2026-05-06", "Nguyễn Văn Bình", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "2026-05-04", "regular_meeting",
                  {"name": "Nguyễn Văn Bình", "title": "Chủ tịch UBND xã Tân Lập"},
                  ["Văn phòng HĐND và UBND xã", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội"]),
    # a decision that cites a meeting's conclusions reports no meeting
    "ubnd_qd.txt": ("1210/QĐ-UBND", "2026-06-12", "Hoàng Nam", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], None, None, None, None),
})
COMMUNES = {"xa_tb.txt": ["xã Tân Lập"]}


def _facts(rec):
    n, m = rec["notice"], rec["meeting"]
    return (n["number"], n["date"], (n["signer"] or {}).get("name"), (n["signer"] or {}).get("chain"),
            m and m["date"], m and m["kind"], m and m["chair"], m and m["attendees"])


@pytest.mark.parametrize("name,communes", sorted(COMMUNES.items()))
def test_meeting_communes_stop_at_the_chair_name(name, communes):
    from loaders.extract import extract_text
    assert extract_text((LEVELS / name).read_text(encoding="utf-8"))["meeting"]["communes"] == communes


def _wrap(text, width):
    return "\n".join("\n".join(textwrap.wrap(l, width, break_long_words=False, break_on_hyphens=False)) if l.strip() else ""
                     for l in text.splitlines())


@pytest.mark.parametrize("name", sorted(DOCS))
@pytest.mark.parametrize("width", [None, 50, 64, 78])
def test_documents_plain_and_wrapped(name, width):
    from loaders.extract import extract_text
    text = (LEVELS / name).read_text(encoding="utf-8")
    rec = extract_text(_wrap(text, width) if width else text)
    assert _facts(rec) == DOCS[name]


def test_wrapped_post_line_is_rejoined():
    from loaders.normalize import normalize
    from loaders.notice import parse_signature
    from loaders.structure import build_layout
    block = "1. Sở Y tế thực hiện.\n\nNơi nhận:     KT. CHỦ\nTỊCH\n- Như trên;     PHÓ CHỦ\nTỊCH\n- Lưu: VT.\n\n     Trần Báu Hà\n"
    sig, _, _ = parse_signature(build_layout(normalize(block)))
    assert (sig.name, sig.chain) == ("Trần Báu Hà", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])


def _sig(block):
    from loaders.normalize import normalize
    from loaders.notice import parse_signature
    from loaders.structure import build_layout
    sig, _, _ = parse_signature(build_layout(normalize("1. Sở Y tế thực hiện.\n\n" + block)))
    return sig.name, sig.chain


@pytest.mark.parametrize("block,name,chain", [
    # the wrap cut the post line and the name after its family name
    ("Nơi nhận:      KT. CHỦ\nTỊCH\n- Như trên;\n- Chủ tịch UBND tỉnh;      PHÓ CHỦ\nTỊCH\n- Lưu: VT.\n\n      Phan\nVăn Bảo\n",
     "Phan Văn Bảo", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("Nơi nhận:      T/M\nBAN THƯỜNG VỤ\n- Như trên;\nPHÓ BÍ THƯ\n- Lưu: VT.\n\nLê Thị Thu Hà\n",
     "Lê Thị Thu Hà", ["TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]),
    ("Nơi nhận:      KT. BỘ TRƯỞNG, CHỦ\nNHIỆM\n- Như trên;      PHÓ CHỦ NHIỆM\n- Lưu: VT.\n\n      Đỗ Minh Tâm\n",
     "Đỗ Minh Tâm", ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"]),
    # a table row wrapped: the post ran on after the last recipient
    ("Nơi nhận: - Ban Bí thư Trung ương Đảng; - Các bộ, cơ quan ngang bộ; - HĐND, UBND các tỉnh; - Lưu: VT, NN (2). THỦ TƯỚNG     Lê Minh Quang\n",
     "Lê Minh Quang", ["THỦ TƯỚNG"]),
    ("Nơi nhận: - Như trên; - Các Bộ: Tài chính, Xây dựng; - VPCP: BTCN, các Vụ: KTTH, NN; - Lưu: VT, NN (2). Kh KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Đỗ Minh Tâm\n",
     "Đỗ Minh Tâm", ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"]),
    # two upper-case lines that are each a post line stay two
    ("Nơi nhận:      KT. GIÁM ĐỐC\n- Như trên;\nPHÓ GIÁM ĐỐC\n- Lưu: VT.\n\nHoàng Văn Thuận\n", "Hoàng Văn Thuận", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
])
def test_signature_blocks_cut_by_wrapping(block, name, chain):
    assert _sig(block) == (name, chain)


# --- joint documents: several bodies sign side by side, the lead body on the right of the first row --------------

JOINT = ["Trần Văn Thành", "Lê Minh Khoa", "Phạm Ngọc Lan"]


@pytest.mark.parametrize("width", [None, 50, 64, 78])
def test_joint_document_signers(width):
    from loaders.extract import extract_text
    text = (LEVELS / "lien_tich.txt").read_text(encoding="utf-8")
    n = extract_text(_wrap(text, width) if width else text)["notice"]
    assert (n["kind"], n["number"], n["issuer"]) == (
        "HƯỚNG DẪN LIÊN NGÀNH", "12/HDLN-BYT-BTC-BGDĐT", "Bộ Y tế - Bộ Tài chính - Bộ Giáo dục và Đào tạo")
    assert n["signer"] == {"name": "Trần Văn Thành", "title": "Thứ trưởng Bộ Y tế", "chain": ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]}
    assert [(s["name"], s["title"], s["body"]) for s in n["signers"]] == [
        ("Trần Văn Thành", "Thứ trưởng Bộ Y tế", "Bộ Y tế"), ("Lê Minh Khoa", "Thứ trưởng Bộ Tài chính", "Bộ Tài chính"),
        ("Phạm Ngọc Lan", "Thứ trưởng Bộ Giáo dục và Đào tạo", "Bộ Giáo dục và Đào tạo")]


def test_one_signer_is_the_signers_list():
    from loaders.extract import extract_text
    n = extract_text((LEVELS / "ubnd_cv.txt").read_text(encoding="utf-8"))["notice"]
    assert n["signers"] == [n["signer"]]


@pytest.mark.parametrize("cell,name", [
    ("Thượng tướng Nguyễn Văn Long", "Nguyễn Văn Long"), ("*Thiếu tướng Lê Văn Minh", "Lê Văn Minh"),
    ("- Trần Văn Thuấn", "Trần Văn Thuấn"), ("THỨ TRƯỞNG", None), ("Nơi nhận:", None)])
def test_signer_name_cell(cell, name):
    from loaders.notice import signer_name
    assert signer_name(cell) == name


@pytest.mark.parametrize("prev,frag,whole", [
    ("KT. BỘ", "TRƯỞNG", "KT. BỘ TRƯỞNG"), ("BỘ CÔNG", "AN", "BỘ CÔNG AN"), ("KT. CHÁNH", "VĂN PHÒNG", "KT. CHÁNH VĂN PHÒNG"),
    ("Thượng tướng Nguyễn", "Văn Long", "Thượng tướng Nguyễn Văn Long"),
    ("KT. BỘ TRƯỞNG", "BỘ Y TẾ", None), ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", None)])
def test_signaturewhole_cells(prev, frag, whole):
    from loaders.notice import whole_cell
    assert whole_cell(prev, frag) == whole





@pytest.mark.parametrize("chain,issuer,level,title", [
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "UBND", "trung ương", "Phó Chủ tịch UBND tỉnh"),  # a header read as bare 'UBND'
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "UBND xã Tân Lập", "xã", "Phó Chủ tịch UBND xã"),
    (["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], "Bộ Y tế", "trung ương", "Thứ trưởng Bộ Y tế"),
])
def test_signer_title(chain, issuer, level, title):
    from loaders.notice import Signature, signer_title
    assert signer_title(Signature(name="Lê Văn An", chain=chain), issuer, level, "") == title


@pytest.mark.parametrize("text,chair", [
    ("Ngày 5/3/2026, đồng chí Lê Văn Dũng, Phó Chủ tịch UBND tỉnh cùng lãnh đạo các sở đã kiểm tra công trình và kết luận như sau:",
     Chair("Lê Văn Dũng", "Phó Chủ tịch UBND tỉnh")),
    ("Ngày 5/3/2026, đồng chí Trần Văn Bình, Giám đốc Sở Xây dựng báo cáo tiến độ; đồng chí Lê Văn Dũng, Phó Chủ tịch UBND tỉnh "
     "kết luận như sau:", Chair("Lê Văn Dũng", "Phó Chủ tịch UBND tỉnh")),
])
def test_chair_is_the_person_the_verb_follows(text, chair):
    assert chair_from_text(text) == chair


@pytest.mark.parametrize("intro,date,kind", [
    (["Thực hiện Kế hoạch số 12/KH-UBND ngày 02/01/2026 của UBND tỉnh, ngày 10/5/2026, đồng chí Lê Văn An, Phó Chủ tịch UBND "
      "tỉnh chủ trì cuộc họp về tiến độ dự án. Sau khi nghe báo cáo, đồng chí Phó Chủ tịch kết luận như sau:"], "2026-05-10", "other"),
    (["Thực hiện Quyết định số 1050/QĐ-SCT ngày 06/3/2026 của Giám đốc Sở Công Thương, Đoàn kiểm tra đã kiểm tra việc chấp hành "
      "quy định về an toàn hóa chất. Sở Công Thương thông báo kết quả như sau:"], None, None),
])
def test_meeting_date_from_a_clause(intro, date, kind):
    from loaders.meeting import read_meeting
    m = read_meeting("Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp", "THÔNG BÁO", None, intro)
    assert (m.date, m.kind if date else None) == (date, kind)


@pytest.mark.parametrize("title,kind,opening,reports", [
    ("Về việc treo cờ Tổ quốc", "THÔNG BÁO", "Ngày 02/9/2026, UBND tỉnh nhận được Văn bản số 12/BTC-VP của Ban Tổ chức.", False),
    ("Về kết quả làm việc", "THÔNG BÁO", "Ngày 21/5/2026, đồng chí Lê Văn An, Phó Chủ tịch UBND tỉnh làm việc với UBND xã Tân Lập.", True),
    ("V/v triển khai nhiệm vụ", "CÔNG VĂN", "Ngày 25/02/2026, UBND tỉnh ban hành Thông báo số 12/TB-UBND tại cuộc họp.", False),
    ("V/v triển khai nhiệm vụ", "CÔNG VĂN", "Ngày 25/02/2026, UBND tỉnh tổ chức hội nghị trực tuyến với các xã.", True),
    ("Kết quả kiểm tra công tác phòng cháy", "THÔNG BÁO", None, True),
])
def test_reports_meeting(title, kind, opening, reports):
    from loaders.meeting import reports_meeting
    assert reports_meeting(title, kind, opening, [opening] if opening else []) is reports


@pytest.mark.parametrize("block,name,chain", [
    # a flattened signature cell wrapped after a word no post ends with, the name beside the rest
    ("Nơi nhận: - Như trên; - Lưu: VT. | KT. BỘ TRƯỞNG THỨ\nTRƯỞNG     Đỗ Minh Tâm\n", "Đỗ Minh Tâm", ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]),
    ("Nơi nhận: - Như trên; - Lưu: VT. | KT. BỘ\nTRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Đỗ Minh Tâm\n", "Đỗ Minh Tâm",
     ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"]),
])
def test_signature_cell_cut_after_a_dangling_word(block, name, chain):
    assert _sig(block) == (name, chain)


def test_one_signer_in_two_cells_is_not_a_joint_document():
    assert _sig("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC     PHÓ GIÁM ĐỐC\n\nHoàng Văn Thuận\n") == (
        "Hoàng Văn Thuận", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])


def test_a_meeting_named_before_its_date_dates_the_notice():
    """'Tại hội nghị ngày 10/6/2026, sau khi nghe …, Ban Thường vụ Tỉnh ủy kết luận như sau:' (a party committee's
    notice): the meeting opens the paragraph, its date follows."""
    from loaders.extract import extract_text

    notice = ("ĐẢNG BỘ TỈNH LÂM ĐỒNG\nTỈNH ỦY\nSố 45-TB/TU\nLâm Đồng, ngày 12 tháng 6 năm 2026\nTHÔNG BÁO\n"
              "kết luận của Ban Thường vụ Tỉnh ủy\nTại hội nghị ngày 10/6/2026, sau khi nghe báo cáo và ý kiến thảo luận, "
              "Ban Thường vụ Tỉnh ủy kết luận như sau:\n1. Văn phòng Tỉnh ủy theo dõi.\n2. Ban Tuyên giáo chủ trì.\n"
              "Nơi nhận:\n- Lưu VT.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Văn Dũng\n")
    m = extract_text(notice)["meeting"]
    assert (m["date"], m["kind"]) == ("2026-06-10", "conference")


PARTY_NOTICE = """    TỈNH ỦY LÀO CAI                   ĐẢNG CỘNG SẢN VIỆT NAM
            *
      Số 125-TB/TU                   Lào Cai, ngày 17 tháng 7 năm 2026


                             THÔNG BÁO
            KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY
  về tình hình, kết quả sau 01 năm vận hành mô hình chính quyền địa
      phương 2 cấp và nhiệm vụ trọng tâm 6 tháng cuối năm 2026
                                     -----
     Tại phiên họp thường kỳ ngày 14/7/2026, dưới sự chủ trì của đồng chí
Nguyễn Đình Hưng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Ban Thường
vụ Tỉnh ủy đã nghe Ban cán sự đảng UBND tỉnh báo cáo. Dự họp có lãnh đạo
Văn phòng Tỉnh ủy; lãnh đạo các sở: Nội vụ, Tài chính. Sau khi thảo luận,
Ban Thường vụ Tỉnh ủy kết luận như sau:
     1. Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện Thông báo này.
""" + "".join(f"     {k}. Đảng ủy các xã, phường quán triệt, triển khai nội dung {k} của Thông báo.\n" for k in range(2, 20)) + """\
Nơi nhận:                                    T/M BAN THƯỜNG VỤ
- Ban Bí thư Trung ương Đảng (để b/c),     PHÓ BÍ THƯ THƯỜNG TRỰC
- Ban cán sự đảng UBND tỉnh,
- Đảng ủy Công an tỉnh,                       Hà Thị Minh Nguyệt
- Lưu Văn phòng Tỉnh ủy.
"""


def test_a_party_notice_laid_out_in_columns():
    """A party's header has two column lines (no motto): its signature beside 'Nơi nhận' shows the layout; the
    rule under the title ends it; 'Tại phiên họp … dưới sự chủ trì của đồng chí X' dates the meeting and names the chair."""
    from loaders.extract import extract_text
    rec = extract_text(PARTY_NOTICE)
    assert rec["notice"]["title"].endswith("6 tháng cuối năm 2026")
    assert rec["notice"]["signer"]["name"] == "Hà Thị Minh Nguyệt"
    m = rec["meeting"]
    assert (m["date"], m["kind"], m["chair"]["name"], m["chair"]["title"]) == (
        "2026-07-14", "regular_meeting", "Nguyễn Đình Hưng", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy")
    assert m["attendees"] == ["Văn phòng Tỉnh ủy", "Sở Nội vụ", "Sở Tài chính"]


def test_a_chain_signed_for_a_standing_committee_by_its_office():
    from loaders.extract import extract_text
    text = PARTY_NOTICE.replace("""Nơi nhận:                                    T/M BAN THƯỜNG VỤ
- Ban Bí thư Trung ương Đảng (để b/c),     PHÓ BÍ THƯ THƯỜNG TRỰC
- Ban cán sự đảng UBND tỉnh,
- Đảng ủy Công an tỉnh,                       Hà Thị Minh Nguyệt
- Lưu Văn phòng Tỉnh ủy.
""", """Nơi nhận:                                      T/L BAN THƯỜNG VỤ
- Ban Thường vụ Tỉnh ủy (để b/c),              CHÁNH VĂN PHÒNG
- Các chi bộ trực thuộc,
- UBND, Ủy ban MTTQ Việt Nam xã,                   (đã ký)
- Lưu Văn phòng Đảng ủy.
                                                 Vũ Thị Hằng
""")
    assert rec_signer(extract_text(text)) == ("Vũ Thị Hằng", ["TL. BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"])


def rec_signer(rec):
    return rec["notice"]["signer"]["name"], rec["notice"]["signer"]["chain"]


@pytest.mark.parametrize("text,units", [
    ("làm việc với UBND các xã Đam Rông 1, Đam Rông 2, Đam Rông 3 về phương án", ["xã Đam Rông 1", "xã Đam Rông 2", "xã Đam Rông 3"]),
    ("tại xã Bảo Lâm 2, xã Tân Hà 15 hộ chưa bàn giao", ["xã Bảo Lâm 2", "xã Tân Hà"]),  # a count is no part of the name
])
def test_communes_named_with_a_number(text, units):
    from loaders.notice import admin_units
    assert admin_units(text) == units


def test_the_kind_line_and_its_upper_case_title_joined_in_one_line():
    from loaders.extract import extract_text
    rec = extract_text(PARTY_NOTICE.replace("""                             THÔNG BÁO
            KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY
  về tình hình""", """                        THÔNG BÁO KẾT LUẬN
            của Ban Thường vụ Tỉnh ủy về tình hình"""))
    assert rec["notice"]["title"].startswith("KẾT LUẬN của Ban Thường vụ Tỉnh ủy về tình hình")
    assert rec["meeting"]["date"] == "2026-07-14"


def test_a_nơi_nhận_line_in_capitals_is_no_signer():
    from loaders.extract import extract_text
    text = PARTY_NOTICE.replace("""Nơi nhận:                                    T/M BAN THƯỜNG VỤ
- Ban Bí thư Trung ương Đảng (để b/c),     PHÓ BÍ THƯ THƯỜNG TRỰC
- Ban cán sự đảng UBND tỉnh,
- Đảng ủy Công an tỉnh,                       Hà Thị Minh Nguyệt
""", """ Nơi nhận:                                       TL. CHỦ TỊCH
 - Chủ tịch, các PCT UBND tỉnh;               KT. CHÁNH VĂN PHÒNG
 - Các Sở: TC, NN&MT, XD, CT, GD&ĐT,           PHÓ CHÁNH VĂN PHÒNG
   DT&TG, NV;
 - Công ty Điện lực Đắk Lắk;
                                                    Lê Minh Tâm
""")
    assert rec_signer(extract_text(text)) == ("Lê Minh Tâm", ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"])
