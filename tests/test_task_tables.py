"""Task tables (an annex's rows of tasks) in the three layouts they reach us in, and inside a whole document.

The tables are written here in the national style of a Kế hoạch's annex (PHỤ LỤC / Biểu phân công nhiệm vụ);
each test gives the exact tasks expected.
"""

from __future__ import annotations

import textwrap

import pytest

from loaders.extract import extract_text
from loaders.normalize import normalize
from loaders.task_tables import find_task_tables, read_time_cell, split_bodies, table_tasks

# (a) a Word table read as one line per row, cells joined by ' | ' (loaders/office.py); a cell of two
# paragraphs runs on over the next line; a row with no number whose text goes on in lower case continues the row above
WORD = """PHỤ LỤC
DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH
TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm
I | Nhóm nhiệm vụ hoàn thiện thể chế |  |  |  | 
1 | Rà soát, sửa đổi quy định về quản lý cụm công nghiệp trên địa bàn tỉnh | Sở Công Thương | Sở Tài chính; Sở Xây dựng | Quý IV/2026 | Quyết định của UBND tỉnh
2 | Ban hành quy chế phối hợp quản lý dữ liệu đất đai | Sở Nông nghiệp và Môi trường | - Sở Tư pháp
- UBND các xã, phường | Năm 2027 | Quy chế
II | Nhóm nhiệm vụ tuyên truyền |  |  |  | 
1 | Tổ chức tuyên truyền, phổ biến Kế hoạch đến cán bộ, công chức | Sở Văn hóa, Thể thao và Du lịch | Báo Lạng Sơn, Đài Phát thanh và Truyền hình tỉnh | Thường xuyên | 
 | và Nhân dân trên các phương tiện thông tin đại chúng |  |  |  | """

# (b) a Markdown table (edges, a |---| rule, bold cells); a numbered row over its sub-rows
MARKDOWN = """**PHỤ LỤC**
| STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |
|---|---|---|---|---|
| 1 | Xây dựng Đề án chuyển đổi số ngành y tế | **Sở Y tế** | Sở Khoa học và Công nghệ, Sở Tài chính | Quý III, IV/2026 |
| 1.1 | Khảo sát hiện trạng hạ tầng số tại các cơ sở y tế |  | Trung tâm Y tế các xã | 2025 - 2026 |
| 2 | Tổ chức hội nghị sơ kết việc thực hiện Kế hoạch | Văn phòng UBND tỉnh và Sở Nội vụ | Các sở, ban, ngành | Hằng năm |"""

# (c) a pdftotext / web export: each cell on its own line, a row opened by its number; row b) is cut by a
# page break: the rest of its text and of its lead cell come after the time cell
LINES = """PHỤ LỤC
BIỂU PHÂN CÔNG NHIỆM VỤ
TT
Nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian thực hiện
1
Rà soát, đánh giá tình hình thực hiện các chương trình mục tiêu
a)
Tổng hợp số liệu về kết quả giải ngân vốn đầu tư công năm 2025.
Sở Tài chính
Kho bạc Nhà nước khu vực; UBND các xã, phường
Tháng 3/2026
b)
Đánh giá hiệu quả các dự án sử dụng vốn ngân sách tỉnh và đề xuất
Sở Xây dựng, Sở
Sở Tài chính
Quý II, III/2026
điều chỉnh danh mục dự án.
Nông nghiệp và Môi trường
2
Kiểm tra, đôn đốc việc thực hiện Kế hoạch.
Văn phòng UBND tỉnh
Các sở, ban, ngành
Thường xuyên"""

# (c) again, from a narrow-column PDF: every cell wrapped over lines, no row number on the table's own page
WRAPPED = """TT
Nội dung công việc
Đơn vị chủ trì
Đơn vị phối hợp
Thời hạn
1
Xây dựng cơ sở dữ liệu về
cán bộ, công chức, viên
chức của tỉnh
Sở Nội vụ
Sở Khoa học và
Công nghệ; Văn phòng
UBND tỉnh
Quý II/2026
2
Tổ chức thi tuyển công chức
năm 2026
Sở Nội vụ
Các cơ quan, đơn vị
có liên quan
Năm 2026"""


def _short(t: dict) -> tuple:
    return (t["ref"], t["text"], [(a["name"], a["role"]) for a in t["assignees"]], t["deadline"],
            (t["recurrence"] or {}).get("rule"))


CASES = [
    ("word", WORD, "cells", [
        ("PL.I.1", "Rà soát, sửa đổi quy định về quản lý cụm công nghiệp trên địa bàn tỉnh",
         [("Sở Công Thương", "lead"), ("Sở Tài chính", "support"), ("Sở Xây dựng", "support")], "2026-Q4", None),
        ("PL.I.2", "Ban hành quy chế phối hợp quản lý dữ liệu đất đai",
         [("Sở Nông nghiệp và Môi trường", "lead"), ("Sở Tư pháp", "support"), ("UBND các xã, phường", "support")],
         "2027", None),
        ("PL.II.1", "Tổ chức tuyên truyền, phổ biến Kế hoạch đến cán bộ, công chức và Nhân dân trên các phương tiện "
                    "thông tin đại chúng",
         [("Sở Văn hóa, Thể thao và Du lịch", "lead"), ("Báo Lạng Sơn", "support"),
          ("Đài Phát thanh và Truyền hình tỉnh", "support")], None, "continuous"),
    ]),
    ("markdown", MARKDOWN, "cells", [
        ("PL.1", "Xây dựng Đề án chuyển đổi số ngành y tế",
         [("Sở Y tế", "lead"), ("Sở Khoa học và Công nghệ", "support"), ("Sở Tài chính", "support")], "2026-Q4", None),
        ("PL.1.1", "Khảo sát hiện trạng hạ tầng số tại các cơ sở y tế",  # '2025 - 2026': the period, no deadline
         [("Sở Y tế", "lead"), ("Trung tâm Y tế các xã", "support")], None, None),
        ("PL.2", "Tổ chức hội nghị sơ kết việc thực hiện Kế hoạch",
         [("Văn phòng UBND tỉnh", "lead"), ("Sở Nội vụ", "lead"), ("các sở, ban, ngành", "support")], None, "yearly"),
    ]),
    ("lines", LINES, "lines", [
        ("PL.1.a", "Tổng hợp số liệu về kết quả giải ngân vốn đầu tư công năm 2025.",
         [("Sở Tài chính", "lead"), ("Kho bạc Nhà nước khu vực", "support"), ("UBND các xã, phường", "support")],
         "2026-03", None),
        ("PL.1.b", "Đánh giá hiệu quả các dự án sử dụng vốn ngân sách tỉnh và đề xuất điều chỉnh danh mục dự án.",
         [("Sở Xây dựng", "lead"), ("Sở Nông nghiệp và Môi trường", "lead"), ("Sở Tài chính", "support")],
         "2026-Q3", None),
        ("PL.2", "Kiểm tra, đôn đốc việc thực hiện Kế hoạch.",
         [("Văn phòng UBND tỉnh", "lead"), ("các sở, ban, ngành", "support")], None, "continuous"),
    ]),
    ("lines-wrapped", WRAPPED, "lines", [
        ("1", "Xây dựng cơ sở dữ liệu về cán bộ, công chức, viên chức của tỉnh",
         [("Sở Nội vụ", "lead"), ("Sở Khoa học và Công nghệ", "support"), ("Văn phòng UBND tỉnh", "support")],
         "2026-Q2", None),
        ("2", "Tổ chức thi tuyển công chức năm 2026",
         [("Sở Nội vụ", "lead"), ("các cơ quan, đơn vị có liên quan", "support")], "2026", None),
    ]),
]


@pytest.mark.parametrize("name,text,layout,expected", CASES, ids=[c[0] for c in CASES])
def test_layouts(name, text, layout, expected):
    nt = normalize(text)
    tables = find_task_tables(nt.text, nt.raw_lines)
    assert [t.layout for t in tables] == [layout]
    tasks = table_tasks(tables[0], [], 2026)
    assert [_short(t) for t in tasks] == expected
    lead_title = tables[0].column("lead").title
    assert {t["reason"] for t in tasks} == {f"table: {lead_title}"}
    for t in tasks:  # spans point at the text cell
        a, b = t["span"]
        assert nt.text[a:b].startswith(t["text"][:20])


@pytest.mark.parametrize("width", [50, 64, 78, 100])
@pytest.mark.parametrize("name,text,layout,expected", CASES, ids=[c[0] for c in CASES])
def test_layouts_hard_wrapped(name, text, layout, expected, width):
    """The same tables hard-wrapped at 50-100 columns (as a text export does) give the same tasks."""
    wrapped = "\n".join(part for line in text.split("\n") for part in (textwrap.wrap(line, width) or [""]))
    assert wrapped != text or layout == "lines"  # rows of cells are cut; a cell per line is mostly shorter
    nt = normalize(wrapped)
    tasks = [t for tb in find_task_tables(nt.text, nt.raw_lines) for t in table_tasks(tb, [], 2026)]
    assert [_short(t) for t in tasks] == expected


def test_topics_products_and_confidence():
    nt = normalize(WORD)
    tasks = table_tasks(find_task_tables(nt.text, nt.raw_lines)[0], [], 2026)
    assert [t["topic"] for t in tasks] == ["Nhóm nhiệm vụ hoàn thiện thể chế"] * 2 + ["Nhóm nhiệm vụ tuyên truyền"]
    assert [t["product"] for t in tasks] == ["Quyết định của UBND tỉnh", "Quy chế", None]
    nt = normalize(LINES)
    tasks = table_tasks(find_task_tables(nt.text, nt.raw_lines)[0], [], 2026)
    assert [t["confidence"] for t in tasks] == [0.85, 0.75, 0.85]  # row b) was mended after a page break


def test_sub_header_splits_the_doer_column():
    text = ("TT | Nội dung | Cơ quan thực hiện |  | Thời gian\n"
            " |  | Chủ trì | Phối hợp | \n"
            "1 | Lập quy hoạch chung đô thị | Sở Xây dựng | UBND xã Tân Lập | Năm 2026")
    nt = normalize(text)
    t = find_task_tables(nt.text, nt.raw_lines)[0]
    assert [c.role for c in t.columns] == ["ref", "text", "lead", "support", "deadline"]
    assert [_short(x) for x in table_tasks(t)] == [
        ("1", "Lập quy hoạch chung đô thị", [("Sở Xây dựng", "lead"), ("UBND xã Tân Lập", "support")], "2026", None)]


@pytest.mark.parametrize("text", [
    # labels with their values under an item are not a header ('Cơ quan chủ trì: …')
    "1. Nhiệm vụ: Xây dựng kế hoạch\nCơ quan chủ trì: Sở Nội vụ\nCơ quan phối hợp: Sở Tài chính\nThời hạn: Quý II/2026",
    # a results table has no doer column
    "TT | Đơn vị | Kết quả thực hiện | Ghi chú\n1 | Sở Y tế | Đạt | ",
    # a report of what was done, even with a doer column
    "TT | Nhiệm vụ | Cơ quan chủ trì | Kết quả thực hiện\n1 | Rà soát quy hoạch | Sở Xây dựng | Đã hoàn thành",
    # the header and signature tables of a notice
    "UBND TỈNH LẠNG SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND | Lạng Sơn, ngày 5 tháng 3 năm 2026",
])
def test_not_a_task_table(text):
    nt = normalize(text)
    assert find_task_tables(nt.text, nt.raw_lines) == []


TIME_CELLS = [
    ("Quý IV/2026", "2026-Q4", None),
    ("Quý III, IV/2026", "2026-Q4", None),
    ("Quý IV/2026, 2027", "2027", None),
    ("Quý III, IV/2026, 2027", "2027", None),
    ("Năm 2025", "2025", None),
    ("2025 - 2030", None, None),  # the period the work runs over, not a time to finish by
    ("Giai đoạn 2026-2030", None, None),
    ("Từ năm 2026 đến năm 2030", None, None),
    ("Tháng 8/2024", "2024-08", None),
    ("Trước ngày 30/6/2026", "2026-06-30", None),
    ("Thường xuyên", None, "continuous"),
    ("10/2026 - 12/2026", "2026-12", None),  # months with their years: no day '26' read out of '2026'
    ("10-11/2026", "2026-11", None),  # a span of months, not the 10th of November
    ("Ngày 10-11/2026", "2026-11-10", None),
    ("6 tháng đầu năm 2027", "2027-06", None),
    ("Hằng năm", None, "yearly"),
    ("Trước ngày 15/12 hằng năm", None, "yearly"),
    ("Từ năm 2026", None, None),  # a start is not a deadline
    ("", None, None),
]


@pytest.mark.parametrize("cell,value,rule", TIME_CELLS, ids=[c[0] or "empty" for c in TIME_CELLS])
def test_time_cell(cell, value, rule):
    tc = read_time_cell(cell, 2026)
    assert (tc.value, (tc.recurrence or {}).get("rule")) == (value, rule)


BODY_CELLS = [
    ("Vụ Pháp chế; các cơ quan, đơn vị có liên quan", ["Vụ Pháp chế", "các cơ quan, đơn vị có liên quan"]),
    ("Cục Lâm nghiệp và Cục Kiểm lâm", ["Cục Lâm nghiệp", "Cục Kiểm lâm"]),
    ("Cục Lâm nghiệp và Kiểm lâm", ["Cục Lâm nghiệp và Kiểm lâm"]),
    ("Viện Chiến lược, Chính sách tài nguyên và môi trường", ["Viện Chiến lược, Chính sách tài nguyên và môi trường"]),
    ("Cục Biến đổi khí hậu, Vụ Hợp tác quốc tế và các đơn vị có liên quan.",
     ["Cục Biến đổi khí hậu", "Vụ Hợp tác quốc tế", "các đơn vị có liên quan"]),
    ("- Sở Tư pháp;\n- Ủy ban nhân dân các xã, phường", ["Sở Tư pháp", "UBND các xã, phường"]),
    ("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]),
    ("Văn phòng Sở/ Phòng Kế hoạch - Tài chính.", ["Văn phòng Sở", "Phòng Kế hoạch - Tài chính"]),  # alternatives
    ("UBND các huyện/thành phố", ["UBND các huyện/thành phố"]),  # a slash inside a name
    ("Ban Chỉ đạo 35/BCĐ tỉnh", ["Ban Chỉ đạo 35/BCĐ tỉnh"]),  # a number's sign
    ("Ban Quản lý dự án /Tư vấn giám sát", ["Ban Quản lý dự án", "Tư vấn giám sát"]),
]


@pytest.mark.parametrize("cell,names", BODY_CELLS, ids=[c[0][:30] for c in BODY_CELLS])
def test_split_bodies(cell, names):
    assert [n for n, _ in split_bodies(cell)] == names


# --- inside a whole document ---------------------------------------------------------------------------------

PLAN = """UBND TỈNH LẠNG SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 | Độc lập - Tự do - Hạnh phúc
Số: 45/KH-UBND | Lạng Sơn, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Triển khai thực hiện Nghị quyết số 02/2026/NQ-HĐND ngày 15/01/2026 của HĐND tỉnh
Thực hiện Nghị quyết số 02/2026/NQ-HĐND ngày 15/01/2026 của HĐND tỉnh, UBND tỉnh ban hành Kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
Triển khai kịp thời, đồng bộ các nhiệm vụ được giao.
II. NHIỆM VỤ CỤ THỂ
TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành
1 | Xây dựng kế hoạch bảo vệ rừng giai đoạn 2026 - 2030 | Sở Nông nghiệp và Môi trường | Sở Tài chính | Quý II/2026
2 | Rà soát quy hoạch ba loại rừng theo Nghị quyết số 02/2026/NQ-HĐND | Sở Nông nghiệp và Môi trường | UBND các xã, phường | Quý IV/2026
III. TỔ CHỨC THỰC HIỆN
Giao Sở Nông nghiệp và Môi trường theo dõi, đôn đốc, báo cáo UBND tỉnh trước ngày 15/12/2026.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def test_in_a_document_rows_are_read_once():
    rec = extract_text(PLAN)
    got = [(t["ref"], t["text"][:30], t["deadline"], t["reason"]) for t in rec["tasks"]]
    table = [g for g in got if g[3].startswith("table:")]
    assert table == [("1", "Xây dựng kế hoạch bảo vệ rừng ", "2026-Q2", "table: Cơ quan chủ trì"),
                     ("2", "Rà soát quy hoạch ba loại rừng", "2026-Q4", "table: Cơ quan chủ trì")]
    assert not any(" | " in t["text"] for t in rec["tasks"])  # no row read again as prose
    assert any(t["text"].startswith("Giao Sở Nông nghiệp") and t["deadline"] == "2026-12-15" for t in rec["tasks"])
    row2 = next(t for t in rec["tasks"] if t["ref"] == "2")
    assert row2["based_on"] == ["02/2026/NQ-HĐND"]
    assert all(t.get("id") for t in rec["tasks"])


def test_word_document_table(tmp_path):
    """A real Word table: a group row merged across, a lead cell merged down over two rows, a cell of two
    paragraphs; read by loaders/office.py and extracted."""
    docx = pytest.importorskip("docx")
    from loaders.extract import extract_path

    d = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN TỈNH CAO BẰNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Số: 88/KH-UBND", "Cao Bằng, ngày 2 tháng 4 năm 2026", "KẾ HOẠCH", "Thực hiện chuyển đổi số năm 2026",
                 "I. NHIỆM VỤ"]:
        d.add_paragraph(line)
    rows = [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            ["I", "Hạ tầng số", "", "", ""],
            ["1", "Phủ sóng di động 4G đến các thôn, bản", "", "Viettel Cao Bằng\nVNPT Cao Bằng", "Quý III/2026"],
            ["2", "Nâng cấp Trung tâm dữ liệu tỉnh", "", "Sở Tài chính", "Năm 2027"],
            ["II", "Chính quyền số", "", "", ""],
            ["1", "Số hóa hồ sơ thủ tục hành chính", "Văn phòng UBND tỉnh", "UBND các xã, phường", "Thường xuyên"]]
    t = d.add_table(rows=len(rows), cols=5)
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            t.cell(i, j).text = v
    t.cell(1, 1).merge(t.cell(1, 4))
    t.cell(4, 1).merge(t.cell(4, 4))
    t.cell(2, 2).merge(t.cell(3, 2)).text = "Sở Khoa học và Công nghệ"
    d.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    d.add_paragraph("Giao Sở Khoa học và Công nghệ theo dõi, tổng hợp, báo cáo UBND tỉnh trước ngày 20/12/2026.")
    for line in ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Bình"]:
        d.add_paragraph(line)
    path = tmp_path / "kh.docx"
    d.save(path)
    rec = extract_path(path)
    got = [_short(x) + (x["topic"],) for x in rec["tasks"] if x["reason"].startswith("table:")]
    assert got == [
        ("I.1", "Phủ sóng di động 4G đến các thôn, bản", [("Sở Khoa học và Công nghệ", "lead"),
         ("Viettel Cao Bằng", "support"), ("VNPT Cao Bằng", "support")], "2026-Q3", None, "Hạ tầng số"),
        ("I.2", "Nâng cấp Trung tâm dữ liệu tỉnh", [("Sở Khoa học và Công nghệ", "lead"), ("Sở Tài chính", "support")],
         "2027", None, "Hạ tầng số"),
        ("II.1", "Số hóa hồ sơ thủ tục hành chính", [("Văn phòng UBND tỉnh", "lead"), ("UBND các xã, phường", "support")],
         None, "continuous", "Chính quyền số"),
    ]
    assert len(rec["tasks"]) == 4  # and the closing 'Giao …' paragraph, once


def test_no_number_column():
    """With no TT column, the number opens the text cell."""
    text = ("Nội dung công việc | Đơn vị thực hiện | Thời gian thực hiện\n"
            "1. Tổng kết công tác phòng, chống thiên tai năm 2026 | Sở Nông nghiệp và Môi trường | Tháng 12/2026\n"
            "2. Diễn tập ứng phó sự cố tràn dầu | Bộ Chỉ huy Quân sự tỉnh | Quý III/2026")
    nt = normalize(text)
    tasks = table_tasks(find_task_tables(nt.text, nt.raw_lines)[0])
    assert [_short(t) for t in tasks] == [
        ("1", "Tổng kết công tác phòng, chống thiên tai năm 2026", [("Sở Nông nghiệp và Môi trường", "lead")], "2026-12", None),
        ("2", "Diễn tập ứng phó sự cố tràn dầu", [("Bộ Chỉ huy Quân sự tỉnh", "lead")], "2026-Q3", None)]
    a, b = tasks[1]["span"]
    assert nt.text[a:b] == "Diễn tập ứng phó sự cố tràn dầu"


def test_group_row_repeated_in_every_merged_cell():
    """A Word export repeats a heading merged across the row in every cell it spans: a group row (the topic of the rows
    below), not a task led by its own heading."""
    text = ("TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n"
            "I | HOÀN THIỆN THỂ CHẾ, CƠ CHẾ | HOÀN THIỆN THỂ CHẾ, CƠ CHẾ | HOÀN THIỆN THỂ CHẾ, CƠ CHẾ | "
            "HOÀN THIỆN THỂ CHẾ, CƠ CHẾ\n"
            "1 | Rà soát văn bản quy phạm pháp luật của tỉnh | Sở Tư pháp | Các sở, ban, ngành tỉnh | Quý II/2026\n")
    nt = normalize(text)
    tasks = table_tasks(find_task_tables(nt.text, nt.raw_lines)[0])
    assert [(t["ref"], t["topic"], [a["name"] for a in t["assignees"]]) for t in tasks] == [
        ("I.1", "HOÀN THIỆN THỂ CHẾ, CƠ CHẾ", ["Sở Tư pháp", "các sở, ban, ngành tỉnh"])]


def test_lines_group_rows_in_capitals_and_numbers_on_the_text_line():
    text = """TT
Nhiệm vụ
Đơn vị chủ trì
Đơn vị phối hợp
Tiến độ
I
NHIỆM VỤ VỀ CẢI CÁCH HÀNH CHÍNH
1. Công bố danh mục thủ tục hành chính được chuẩn hóa
Văn phòng UBND tỉnh
Các sở, ngành
Quý I/2027
2. Kiểm tra công vụ tại các xã, phường
Sở Nội vụ
Thanh tra tỉnh
Năm 2026"""
    nt = normalize(text)
    tasks = table_tasks(find_task_tables(nt.text, nt.raw_lines)[0])
    assert [_short(t) + (t["topic"],) for t in tasks] == [
        ("I.1", "Công bố danh mục thủ tục hành chính được chuẩn hóa",
         [("Văn phòng UBND tỉnh", "lead"), ("các sở, ngành", "support")], "2027-Q1", None, "NHIỆM VỤ VỀ CẢI CÁCH HÀNH CHÍNH"),
        ("I.2", "Kiểm tra công vụ tại các xã, phường", [("Sở Nội vụ", "lead"), ("Thanh tra tỉnh", "support")], "2026", None,
         "NHIỆM VỤ VỀ CẢI CÁCH HÀNH CHÍNH"),
    ]


@pytest.mark.parametrize("width", [50, 64, 78, 100])
def test_document_hard_wrapped(width):
    """The whole Kế hoạch hard-wrapped: the same tasks (the same sentences, so the same lasting ids when the
    header reads the same)."""
    def key(rec):
        return [(t["ref"], t["text"], [(a["name"], a["role"]) for a in t["assignees"]], t["deadline"], t["reason"])
                for t in rec["tasks"]]

    wrapped = "\n".join(part for line in PLAN.split("\n") for part in (textwrap.wrap(line, width) or [""]))
    assert key(extract_text(wrapped)) == key(extract_text(PLAN))


def test_record_with_table_validates(record_schema):
    from jsonschema import Draft202012Validator

    rec = extract_text(PLAN)
    errors = list(Draft202012Validator(record_schema).iter_errors(rec))
    assert not errors, [e.message for e in errors[:5]]
    row = next(t for t in rec["tasks"] if t["ref"] == "1")
    assert set(row["spans"]) == {"ref", "text", "lead", "support", "deadline"}


def test_unknown_heads_are_marked():
    """'Nhóm công tác' is no head the organisation scanner knows: the name is kept whole and marked for review
    ('Vụ' is one now: 'Vụ Pháp chế' is a body)."""
    assert split_bodies("Nhóm công tác liên ngành; Sở Tư pháp") == [("Nhóm công tác liên ngành", False), ("Sở Tư pháp", True)]
    assert split_bodies("Vụ Pháp chế; Sở Tư pháp") == [("Vụ Pháp chế", True), ("Sở Tư pháp", True)]
    nt = normalize("TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn\n"
                   "1 | Rà soát văn bản quy phạm pháp luật | Nhóm công tác liên ngành | Sở Tư pháp | Năm 2026")
    t = table_tasks(find_task_tables(nt.text, nt.raw_lines)[0])[0]
    assert t["assignees"] == [{"name": "Nhóm công tác liên ngành", "role": "lead", "reason": "agency: not in vocabulary"},
                              {"name": "Sở Tư pháp", "role": "support"}]
    assert t["confidence"] == 0.85


# --- a schedule: the time column first, merged down over the rows of a group ---------------------------------

# A Sở's plan (Word rows, ' | ' between cells): a two-row header ('Thực hiện' over 'Đơn vị chủ trì | Đơn vị
# phối hợp'), a column naming the body that answers for the matter (no doer), group rows ('I | GIAI ĐOẠN …',
# '1 | Khảo sát'), time cells merged down (empty under the first row of a group), month ranges, leads given as
# alternatives, a lead cell that defers the doer, and a step left to the Thủ tướng.
SCHEDULE = """Thời gian | Nội dung công việc | Cơ quan chịu trách nhiệm quản lý nhà nước | Thực hiện
 |  |  | Đơn vị chủ trì | Đơn vị phối hợp
I | GIAI ĐOẠN 1: CHUẨN BỊ ĐIỀU TRA
1 | Khảo sát hiện trạng
3-4/2026 | Thu thập tài liệu về hiện trạng sử dụng đất rừng phòng hộ. | Sở Nông nghiệp và Môi trường | Chi cục Kiểm lâm | - Ban Quản lý rừng phòng hộ; - UBND các xã.
 | Lập báo cáo khảo sát hiện trạng. | Sở Nông nghiệp và Môi trường | Chi cục Kiểm lâm/ Trung tâm Quy hoạch nông nghiệp | - Sở Tài chính.
2 | Lập đề cương
05/2026 | Trình UBND tỉnh phê duyệt đề cương điều tra | Sở Nông nghiệp và Môi trường | Chi cục Kiểm lâm | - Sở Tài chính.
 | Lấy ý kiến thành viên Hội đồng thẩm định | Hội đồng thẩm định | Do Chủ tịch Hội đồng quyết định | - Chi cục Kiểm lâm.
06/2026 | Phê duyệt chủ trương điều tra | Thủ tướng Chính phủ |  | 
II | GIAI ĐOẠN 2: ĐIỀU TRA THỰC ĐỊA
7-10/2026 | Điều tra thực địa tại các xã có rừng | Sở Nông nghiệp và Môi trường | Trung tâm Quy hoạch nông nghiệp | - UBND các xã.
 | Tổng hợp kết quả điều tra | Sở Nông nghiệp và Môi trường | Chi cục Kiểm lâm | - Sở Tài chính."""


def test_schedule_time_first():
    nt = normalize(SCHEDULE)
    (tb,) = find_task_tables(nt.text, nt.raw_lines)
    assert [c.role for c in tb.columns] == ["deadline", "text", "note", "lead", "support"]
    tasks = table_tasks(tb, default_year=2026)
    assert [_short(t) for t in tasks] == [
        ("I.1.1", "Thu thập tài liệu về hiện trạng sử dụng đất rừng phòng hộ.",
         [("Chi cục Kiểm lâm", "lead"), ("Ban Quản lý rừng phòng hộ", "support"), ("UBND các xã", "support")], "2026-04", None),
        ("I.1.2", "Lập báo cáo khảo sát hiện trạng.", [("Chi cục Kiểm lâm", "lead"),
         ("Trung tâm Quy hoạch nông nghiệp", "lead"), ("Sở Tài chính", "support")], "2026-04", None),
        ("I.2.1", "Trình UBND tỉnh phê duyệt đề cương điều tra", [("Chi cục Kiểm lâm", "lead"), ("Sở Tài chính", "support")],
         "2026-05", None),
        ("II.1", "Điều tra thực địa tại các xã có rừng",
         [("Trung tâm Quy hoạch nông nghiệp", "lead"), ("UBND các xã", "support")], "2026-10", None),
        ("II.2", "Tổng hợp kết quả điều tra", [("Chi cục Kiểm lâm", "lead"), ("Sở Tài chính", "support")], "2026-10", None),
    ]
    assert [t["topic"] for t in tasks] == ["Khảo sát hiện trạng", "Khảo sát hiện trạng", "Lập đề cương",
                                           "GIAI ĐOẠN 2: ĐIỀU TRA THỰC ĐỊA", "GIAI ĐOẠN 2: ĐIỀU TRA THỰC ĐỊA"]
    assert tasks[2]["report_to"] == ["UBND tỉnh"]


def test_schedule_lead_column_after_the_time():
    """A time cell at the END of the row is no schedule: an empty one stays empty (no time merged down)."""
    nt = normalize("TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn\n"
                   "1 | Kiểm kê rừng trên địa bàn tỉnh | Chi cục Kiểm lâm | 8-9/2026\n"
                   "2 | Tuyên truyền bảo vệ rừng | Sở Văn hóa, Thể thao và Du lịch | ")
    tasks = table_tasks(find_task_tables(nt.text, nt.raw_lines)[0])
    assert [(t["ref"], t["deadline"]) for t in tasks] == [("1", "2026-09"), ("2", None)]


# --- cells side by side (pdftotext -layout) ------------------------------------------------------------------

# header titles wrapped over two lines ('Cơ quan' / 'chủ trì'), cells wrapped over lines, group rows
SIDE = """                         PHỤ LỤC
           DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH

 TT          Nhiệm vụ                    Cơ quan          Cơ quan phối      Thời gian
                                         chủ trì              hợp          hoàn thành
  I   NHIỆM VỤ HOÀN THIỆN THỂ CHẾ
  1   Rà soát, sửa đổi quy định về    Sở Công Thương    Sở Tài chính;     Quý IV/2026
      quản lý cụm công nghiệp trên                      Sở Xây dựng
      địa bàn tỉnh.
  2   Ban hành quy chế phối hợp       Sở Nông nghiệp    Sở Tư pháp;       Năm 2027
      quản lý dữ liệu đất đai.        và Môi trường     UBND các xã,
                                                        phường
 II   NHIỆM VỤ TUYÊN TRUYỀN
  1   Tổ chức tuyên truyền, phổ biến  Sở Văn hóa, Thể   Báo Lạng Sơn      Thường xuyên
      Kế hoạch đến cán bộ, công       thao và Du lịch
      chức và Nhân dân."""

# a schedule: 'Thực hiện' over two sub-columns, a three-line title, a first column of group labels and times,
# a merged time cell, a step left to the Thủ tướng, a name wrapped over three lines
SIDE_SCHEDULE = """                              NỘI DUNG CHI TIẾT
   Thời gian      Nội dung công việc          Cơ quan chịu                Thực hiện
                                              trách nhiệm        Đơn vị chủ     Đơn vị phối
                                              quản lý nhà nước   trì            hợp
       I     GIAI ĐOẠN 1: CHUẨN BỊ ĐIỀU TRA
       1     Khảo sát hiện trạng
   3-4/2026  Thu thập tài liệu về hiện    Sở Nông nghiệp và  Chi cục Kiểm   - Ban Quản lý
             trạng sử dụng đất rừng.      Môi trường         lâm            rừng phòng hộ;
                                                                            - UBND các xã.
             Lập báo cáo khảo sát hiện    Sở Nông nghiệp và  Chi cục Kiểm   - Sở Tài chính.
             trạng.                       Môi trường         lâm
   06/2026   Phê duyệt chủ trương điều    Thủ tướng Chính
             tra                          phủ
       II    GIAI ĐOẠN 2: ĐIỀU TRA THỰC ĐỊA
   7-10/2026  Điều tra thực địa tại các   Sở Nông nghiệp và  Trung tâm Quy  - UBND các xã.
              xã có rừng                  Môi trường         hoạch nông
                                                             nghiệp"""


def test_side_by_side():
    nt = normalize(SIDE)
    (tb,) = find_task_tables(nt.text, nt.raw_lines)
    assert tb.layout == "layout" and [c.title for c in tb.columns] == [
        "TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    assert [_short(t) + (t["topic"],) for t in table_tasks(tb)] == [
        ("PL.I.1", "Rà soát, sửa đổi quy định về quản lý cụm công nghiệp trên địa bàn tỉnh.",
         [("Sở Công Thương", "lead"), ("Sở Tài chính", "support"), ("Sở Xây dựng", "support")], "2026-Q4", None,
         "NHIỆM VỤ HOÀN THIỆN THỂ CHẾ"),
        ("PL.I.2", "Ban hành quy chế phối hợp quản lý dữ liệu đất đai.",
         [("Sở Nông nghiệp và Môi trường", "lead"), ("Sở Tư pháp", "support"), ("UBND các xã, phường", "support")],
         "2027", None, "NHIỆM VỤ HOÀN THIỆN THỂ CHẾ"),
        ("PL.II.1", "Tổ chức tuyên truyền, phổ biến Kế hoạch đến cán bộ, công chức và Nhân dân.",
         [("Sở Văn hóa, Thể thao và Du lịch", "lead"), ("Báo Lạng Sơn", "support")], None, "continuous",
         "NHIỆM VỤ TUYÊN TRUYỀN"),
    ]


def test_side_by_side_schedule():
    nt = normalize(SIDE_SCHEDULE)
    (tb,) = find_task_tables(nt.text, nt.raw_lines)
    assert [(c.role, c.title) for c in tb.columns] == [
        ("deadline", "Thời gian"), ("text", "Nội dung công việc"), ("note", "Cơ quan chịu trách nhiệm quản lý nhà nước"),
        ("lead", "Đơn vị chủ trì"), ("support", "Đơn vị phối hợp")]
    assert [_short(t) for t in table_tasks(tb)] == [
        ("I.1.1", "Thu thập tài liệu về hiện trạng sử dụng đất rừng.",
         [("Chi cục Kiểm lâm", "lead"), ("Ban Quản lý rừng phòng hộ", "support"), ("UBND các xã", "support")], "2026-04", None),
        ("I.1.2", "Lập báo cáo khảo sát hiện trạng.", [("Chi cục Kiểm lâm", "lead"), ("Sở Tài chính", "support")],
         "2026-04", None),
        ("II.1", "Điều tra thực địa tại các xã có rừng",
         [("Trung tâm Quy hoạch nông nghiệp", "lead"), ("UBND các xã", "support")], "2026-10", None),
    ]


SIDE_PLAN = """      ỦY BAN NHÂN DÂN                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
       TỈNH CAO BẰNG                               Độc lập - Tự do - Hạnh phúc

     Số: 77/KH-UBND                             Cao Bằng, ngày 12 tháng 4 năm 2026

                                       KẾ HOẠCH
                     Kiểm kê rừng trên địa bàn tỉnh năm 2026

      Thực hiện Luật Lâm nghiệp năm 2017, Ủy ban nhân dân tỉnh ban hành Kế hoạch
kiểm kê rừng năm 2026 như sau:
      I. NHIỆM VỤ CỤ THỂ

 TT          Nhiệm vụ                    Cơ quan          Cơ quan phối      Thời gian
                                         chủ trì              hợp          hoàn thành
  1   Xây dựng phương án kiểm kê      Sở Nông nghiệp    Sở Tài chính;     Tháng 5/2026
      rừng trên địa bàn tỉnh.         và Môi trường     UBND các xã
  2   Tập huấn nghiệp vụ kiểm kê      Chi cục Kiểm      Trung tâm Khuyến  Quý III/2026
      cho lực lượng kiểm lâm.         lâm               nông
      II. TỔ CHỨC THỰC HIỆN
      Giao Sở Nông nghiệp và Môi trường theo dõi, đôn đốc, tổng hợp, báo cáo Ủy
ban nhân dân tỉnh trước ngày 15/12/2026.

Nơi nhận:                                                 TM. ỦY BAN NHÂN DÂN
- Như trên;                                                      CHỦ TỊCH
- Lưu: VT.

                                                             Hoàng Văn Nam"""


def test_side_by_side_in_a_document():
    """The rows are read once, as rows; the heading after the table ends it and its paragraph is prose."""
    rec = extract_text(SIDE_PLAN)
    assert [(t["ref"], t["text"][:40], [(a["name"], a["role"]) for a in t["assignees"]], t["deadline"], t["reason"])
            for t in rec["tasks"]] == [
        ("II", "Giao Sở Nông nghiệp và Môi trường theo d", [("Sở Nông nghiệp và Môi trường", "lead")], "2026-12-15",
         "explicit: giao"),
        ("1", "Xây dựng phương án kiểm kê rừng trên địa", [("Sở Nông nghiệp và Môi trường", "lead"),
         ("Sở Tài chính", "support"), ("UBND các xã", "support")], "2026-05", "table: Cơ quan chủ trì"),
        ("2", "Tập huấn nghiệp vụ kiểm kê cho lực lượng", [("Chi cục Kiểm lâm", "lead"),
         ("Trung tâm Khuyến nông", "support")], "2026-Q3", "table: Cơ quan chủ trì"),
    ]


def test_side_by_side_prose_is_no_table():
    """Justified prose with wide gaps, naming 'chủ trì' at a line's end, is no table."""
    text = ("      Giao Sở Nội vụ  chủ trì\n"
            "phối hợp với các sở, ngành  triển khai  thực hiện Kế hoạch này.\n"
            "      Sở Tài chính  bố trí kinh phí  thực hiện.")
    nt = normalize(text)
    assert find_task_tables(nt.text, nt.raw_lines) == []


def test_schedule_one_cell_a_line():
    """The schedule exported one cell a line (empty cells left out): a row opens with its time, or, under a
    time merged down, with its work after the doers of the row above."""
    text = "\n".join(c.strip() for line in SCHEDULE.split("\n") for c in line.split(" | ") if c.strip())
    nt = normalize(text)
    (tb,) = find_task_tables(nt.text, nt.raw_lines)
    assert tb.layout == "lines"
    want = table_tasks(find_task_tables(normalize(SCHEDULE).text, normalize(SCHEDULE).raw_lines)[0], default_year=2026)
    assert [_short(t) for t in table_tasks(tb, default_year=2026)] == [_short(t) for t in want]
    assert len(want) == 5


def test_lines_work_naming_a_year_opens_no_row():
    """'Tổng kết năm 2026' names a year but is work, not a time cell."""
    text = ("Thời gian\nNội dung công việc\nĐơn vị chủ trì\n"
            "Quý I/2027\nTổng kết năm 2026\nSở Nội vụ\n"
            "Quý II/2027\nĐánh giá, xếp loại chính quyền cơ sở\nSở Nội vụ")
    nt = normalize(text)
    tasks = table_tasks(find_task_tables(nt.text, nt.raw_lines)[0])
    assert [(t["text"], t["deadline"]) for t in tasks] == [("Tổng kết năm 2026", "2027-Q1"),
                                                            ("Đánh giá, xếp loại chính quyền cơ sở", "2027-Q2")]


# numbers centred in their cells: each row's work, doers and time open a line above its number
SIDE_CENTRED = """ TT          Nhiệm vụ                    Cơ quan          Cơ quan phối      Thời gian
                                         chủ trì              hợp          hoàn thành
      Rà soát, sửa đổi quy định về    Sở Công Thương    Sở Tài chính;     Quý IV/2026
  1   quản lý cụm công nghiệp trên                      Sở Xây dựng
      địa bàn tỉnh.
      Ban hành quy chế phối hợp       Sở Nông nghiệp    Sở Tư pháp;       Năm 2027
  2   quản lý dữ liệu đất đai.        và Môi trường     UBND các xã,
                                                        phường
      Tổ chức tuyên truyền, phổ biến  Sở Văn hóa, Thể   Báo Lạng Sơn      Thường xuyên
  3   Kế hoạch đến cán bộ, công       thao và Du lịch
      chức và Nhân dân."""


def test_side_by_side_numbers_centred():
    nt = normalize(SIDE_CENTRED)
    (tb,) = find_task_tables(nt.text, nt.raw_lines)
    assert [c.title for c in tb.columns][1:3] == ["Nhiệm vụ", "Cơ quan chủ trì"]  # no data line in the titles
    assert [_short(t) for t in table_tasks(tb)] == [
        ("1", "Rà soát, sửa đổi quy định về quản lý cụm công nghiệp trên địa bàn tỉnh.",
         [("Sở Công Thương", "lead"), ("Sở Tài chính", "support"), ("Sở Xây dựng", "support")], "2026-Q4", None),
        ("2", "Ban hành quy chế phối hợp quản lý dữ liệu đất đai.",
         [("Sở Nông nghiệp và Môi trường", "lead"), ("Sở Tư pháp", "support"), ("UBND các xã, phường", "support")],
         "2027", None),
        ("3", "Tổ chức tuyên truyền, phổ biến Kế hoạch đến cán bộ, công chức và Nhân dân.",
         [("Sở Văn hóa, Thể thao và Du lịch", "lead"), ("Báo Lạng Sơn", "support")], None, "continuous"),
    ]


# narrow columns: names wrapped before a capital ('Trung tâm Công nghệ' / 'TT&TT'), after 'các' ('các đơn vị
# thuộc các' / 'Sở'), a word cut at its hyphen ('các-' / 'bon'); a new name after ';' or at a body's head
SIDE_NARROW = """ TT   Nhiệm vụ                     Cơ quan chủ trì      Cơ quan phối hợp      Thời hạn
 1    Kiểm kê phát thải khí nhà    Trung tâm Công nghệ  Sở Tài chính; các     Quý IV/2026
      kính và tín chỉ các-         TT&TT                đơn vị thuộc các
      bon của tỉnh.                                     Sở
 2    Xây dựng cơ sở dữ liệu môi   Sở Nông nghiệp và    Sở Tài chính
      trường.                      Môi trường           Sở Khoa học và Công
                                                        nghệ"""


def test_side_by_side_wrapped_names():
    nt = normalize(SIDE_NARROW)
    (tb,) = find_task_tables(nt.text, nt.raw_lines)
    assert [_short(t) for t in table_tasks(tb)] == [
        ("1", "Kiểm kê phát thải khí nhà kính và tín chỉ các-bon của tỉnh.",
         [("Trung tâm Công nghệ TT&TT", "lead"), ("Sở Tài chính", "support"), ("các đơn vị thuộc các Sở", "support")],
         "2026-Q4", None),
        ("2", "Xây dựng cơ sở dữ liệu môi trường.", [("Sở Nông nghiệp và Môi trường", "lead"),
         ("Sở Tài chính", "support"), ("Sở Khoa học và Công nghệ", "support")], None, None),
    ]


SUB_HEADERS = [
    # Word: the title over two sub-columns printed once, the row under it one cell longer
    "TT | Nhiệm vụ | Cơ quan | Thời gian\n |  | Chủ trì | Phối hợp | \n"
    "1 | Rà soát quy định về phí, lệ phí | Sở Tư pháp | Sở Tài chính | Quý IV/2026",
    "TT | Nhiệm vụ | Phân công thực hiện | Thời gian\n |  | Chủ trì | Phối hợp | \n"
    "1 | Rà soát quy định về phí, lệ phí | Sở Tư pháp | Sở Tài chính | Quý IV/2026",
    # Markdown: the spanning title leaves an empty cell after it
    "| TT | Nhiệm vụ | Cơ quan | | Thời gian |\n|---|---|---|---|---|\n| | | Chủ trì | Phối hợp | |\n"
    "| 1 | Rà soát quy định về phí, lệ phí | Sở Tư pháp | Sở Tài chính | Quý IV/2026 |",
]


@pytest.mark.parametrize("text", SUB_HEADERS, ids=["word", "word-phan-cong", "markdown"])
def test_two_row_header_merged_by_position(text):
    nt = normalize(text)
    (tb,) = find_task_tables(nt.text, nt.raw_lines)
    assert [c.role for c in tb.columns] == ["ref", "text", "lead", "support", "deadline"]
    assert [_short(t) for t in table_tasks(tb)] == [
        ("1", "Rà soát quy định về phí, lệ phí", [("Sở Tư pháp", "lead"), ("Sở Tài chính", "support")], "2026-Q4", None)]


def test_group_column_gives_the_topic():
    """A 'Nhóm nhiệm vụ' column, its cell merged down over the rows beside it (empty below the first)."""
    nt = normalize("STT | Nhóm nhiệm vụ | Nhiệm vụ cụ thể | Cơ quan chủ trì | Thời hạn\n"
                   "1 | Hạ tầng số | Phủ sóng 5G tại trung tâm các xã | Sở Khoa học và Công nghệ | Quý IV/2026\n"
                   "2 |  | Nâng cấp Trung tâm dữ liệu tỉnh | Văn phòng UBND tỉnh | Năm 2027\n"
                   "3 | Nhân lực số | Đào tạo kỹ năng số cho cán bộ cấp xã | Sở Nội vụ | Năm 2026")
    (tb,) = find_task_tables(nt.text, nt.raw_lines)
    assert [(t["ref"], t["topic"], t["deadline"]) for t in table_tasks(tb)] == [
        ("1", "Hạ tầng số", "2026-Q4"), ("2", "Hạ tầng số", "2027"), ("3", "Nhân lực số", "2026")]


# a page break inside the table: the page's number and the header printed again on the new page
SIDE_PAGES = """ TT          Nhiệm vụ                    Cơ quan          Cơ quan phối      Thời gian
                                         chủ trì              hợp          hoàn thành
  1   Rà soát, sửa đổi quy định về    Sở Công Thương    Sở Tài chính;     Quý IV/2026
      quản lý cụm công nghiệp trên                      Sở Xây dựng
      địa bàn tỉnh.

\f                                        5
 TT          Nhiệm vụ                    Cơ quan          Cơ quan phối      Thời gian
                                         chủ trì              hợp          hoàn thành
  2   Ban hành quy chế phối hợp       Sở Nông nghiệp    Sở Tư pháp;       Năm 2027
      quản lý dữ liệu đất đai.        và Môi trường     UBND các xã,
                                                        phường"""


def test_side_by_side_over_a_page_break():
    nt = normalize(SIDE_PAGES)
    (tb,) = find_task_tables(nt.text, nt.raw_lines)
    assert [_short(t) for t in table_tasks(tb)] == [
        ("1", "Rà soát, sửa đổi quy định về quản lý cụm công nghiệp trên địa bàn tỉnh.",
         [("Sở Công Thương", "lead"), ("Sở Tài chính", "support"), ("Sở Xây dựng", "support")], "2026-Q4", None),
        ("2", "Ban hành quy chế phối hợp quản lý dữ liệu đất đai.",
         [("Sở Nông nghiệp và Môi trường", "lead"), ("Sở Tư pháp", "support"), ("UBND các xã, phường", "support")],
         "2027", None),
    ]


def test_a_row_naming_the_cited_resolution_by_its_kind_is_grounded_in_it():
    plan = PLAN.replace("2 | Rà soát quy hoạch ba loại rừng theo Nghị quyết số 02/2026/NQ-HĐND |",
                        "2 | Tuyên truyền sâu rộng nội dung Nghị quyết của HĐND tỉnh |")
    rows = {t["ref"]: t["based_on"] for t in extract_text(plan)["tasks"] if t["reason"].startswith("table:")}
    assert rows == {"1": [], "2": ["02/2026/NQ-HĐND"]}


def test_a_two_column_table_of_bodies_and_their_duties_completed_by_the_line_under_it():
    """'Cơ quan | Nhiệm vụ': each row a body, then its duty; the results line under the table gives every row its
    deadline and recipient, and is no task of its own."""
    from loaders.extract import extract_text
    rec = extract_text(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 120/UBND-KT | Lâm Đồng, ngày 10 tháng 7 năm 2026\nV/v triển khai các nhiệm vụ trọng tâm | \n"
        "Kính gửi: | - Các sở, ban, ngành tỉnh;\n- UBND các xã, phường, đặc khu.\n"
        "Chủ tịch UBND tỉnh giao nhiệm vụ cho các cơ quan, đơn vị như sau:\n"
        "Cơ quan | Nhiệm vụ\n"
        "Sở Tài chính | Rà soát các chỉ tiêu tăng trưởng theo kịch bản; đề xuất giải pháp điều hành.\n"
        "Sở Tài chính, Sở Xây dựng | Phối hợp tháo gỡ vướng mắc về thủ tục đầu tư đối với 12 dự án ngoài ngân sách.\n"
        "Thuế tỉnh Lâm Đồng | Tăng cường quản lý thu, chống thất thu ngân sách.\n"
        "Các cơ quan, đơn vị nêu trên báo cáo kết quả thực hiện về Văn phòng UBND tỉnh trước ngày 10/9/2026.\n"
        "Nơi nhận: | KT. CHỦ TỊCH\n- Như trên; | PHÓ CHỦ TỊCH\n- Lưu: VT. | Nguyễn Văn A\n")
    assert [([a["name"] for a in t["assignees"]], t["deadline"], t["report_to"]) for t in rec["tasks"]] == [
        (["Sở Tài chính"], "2026-09-10", ["Văn phòng UBND tỉnh"]),
        (["Sở Tài chính", "Sở Xây dựng"], "2026-09-10", ["Văn phòng UBND tỉnh"]),
        (["Thuế tỉnh Lâm Đồng"], "2026-09-10", ["Văn phòng UBND tỉnh"])]


def test_a_lead_cell_that_names_its_roles():
    """'Chủ đầu tư: Ban Quản lý dự án …; phối hợp: UBND xã …' in the doer column: the lead, then who supports."""
    from loaders.extract import extract_text
    rec = extract_text(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 121/TB-UBND | Lâm Đồng, ngày 10 tháng 7 năm 2026\nTHÔNG BÁO\nKết luận của Phó Chủ tịch UBND tỉnh\n"
        "Phó Chủ tịch UBND tỉnh kết luận như sau:\n"
        "TT | Dự án | Nội dung cần thực hiện | Đơn vị thực hiện | Thời hạn\n"
        "1 | Đường ĐT.725 | Hoàn thành chi trả bồi thường | Chủ đầu tư: Ban Quản lý dự án đầu tư xây dựng số 1; phối hợp: "
        "UBND xã Nam Ban Lâm Hà, UBND xã Tân Hà Lâm Hà | Trước 30/6/2026\n"
        "2 | Trường THPT Hiệp Thạnh | Phê duyệt điều chỉnh thiết kế | Ban Quản lý dự án đầu tư xây dựng số 2; phối hợp: Sở Giáo "
        "dục và Đào tạo | Quý III/2026\n"
        "3 | Đường nội thị | Rà soát hồ sơ | Sở Xây dựng; Sở Tài chính | Tháng 8/2026\n"
        "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n"
        "Nơi nhận: | TL. CHỦ TỊCH\n- Như trên; | CHÁNH VĂN PHÒNG\n- Lưu: VT. | Nguyễn Văn A\n")
    assert [[(a["name"], a["role"]) for a in t["assignees"]] for t in rec["tasks"]] == [
        [("Ban Quản lý dự án đầu tư xây dựng số 1", "lead"), ("UBND xã Nam Ban Lâm Hà", "support"),
         ("UBND xã Tân Hà Lâm Hà", "support")],
        [("Ban Quản lý dự án đầu tư xây dựng số 2", "lead"), ("Sở Giáo dục và Đào tạo", "support")],
        [("Sở Xây dựng", "lead"), ("Sở Tài chính", "lead")]]


def test_layout_table_rows_set_apart_by_blank_lines_with_their_numbers_centred():
    """pdftotext -layout of a Word table whose numbers sit in the middle of their rows, rows set apart by blank lines:
    the lines above a number belong to its row, not to the row before."""
    from loaders.extract import extract_text
    table = (
        " TT   Nội dung nhiệm vụ                       Cơ quan chủ trì   Cơ quan phối hợp     Thời gian\n"
        "                                                                                     hoàn thành\n"
        "\n"
        "      Kiểm tra, kiểm soát 100% tàu cá xuất,   Sở Nông nghiệp    Bộ Chỉ huy Bộ đội\n"
        " 1    nhập bến tại cảng cá; giám sát sản      và Môi trường     Biên phòng tỉnh;     Thường xuyên\n"
        "      lượng thủy sản bốc dỡ qua cảng theo                       Ban Quản lý cảng cá\n"
        "      quy định                                                  tỉnh\n"
        "\n"
        "      Hoàn thành cập nhật dữ liệu tàu cá,     Sở Nông nghiệp    UBND các xã, phường\n"
        "      giấy phép khai thác thủy sản trên Cơ    và Môi trường     ven biển\n"
        " 2    sở dữ liệu nghề cá quốc gia                                                    Trước\n"
        "      (VNFishbase); xóa đăng ký đối với tàu                                          15/9/2026\n"
        "      cá đã mất tích\n"
        "\n"
        "      Điều tra, xử lý dứt điểm các vụ việc    Công an tỉnh      Bộ Chỉ huy Bộ đội\n"
        "      tàu cá, ngư dân vi phạm vùng biển nước                    Biên phòng tỉnh;\n"
        " 3    ngoài; xử lý hình sự các đối tượng môi                    Viện kiểm sát nhân   Tháng 9/2026\n"
        "      giới                                                      dân tỉnh\n"
        "\n")
    rec = extract_text(
        "      ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "      TỈNH KHÁNH HÒA                          Độc lập - Tự do - Hạnh phúc\n"
        "      Số: 215/KH-UBND                   Khánh Hòa, ngày 05 tháng 8 năm 2026\n\n"
        "                                  KẾ HOẠCH\n                 Cao điểm chống khai thác IUU\n\n"
        "      I. NHIỆM VỤ CỤ THỂ\n" + table +
        "      Nơi nhận:                                         KT. CHỦ TỊCH\n"
        "      - Như trên;                                       PHÓ CHỦ TỊCH\n"
        "      - Lưu: VT.                                        Trần Văn B\n")
    rows = [t for t in rec["tasks"] if t["ref"] in ("1", "2", "3")]
    assert [(t["ref"], t["text"].split(",")[0], [(a["name"], a["role"]) for a in t["assignees"]], t["deadline"])
            for t in rows] == [
        ("1", "Kiểm tra", [("Sở Nông nghiệp và Môi trường", "lead"), ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "support"),
                           ("Ban Quản lý cảng cá tỉnh", "support")], None),
        ("2", "Hoàn thành cập nhật dữ liệu tàu cá", [("Sở Nông nghiệp và Môi trường", "lead"),
                                                     ("UBND các xã, phường ven biển", "support")], "2026-09-15"),
        ("3", "Điều tra", [("Công an tỉnh", "lead"), ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "support"),
                           ("Viện kiểm sát nhân dân tỉnh", "support")], "2026-09")]


def test_a_rows_text_names_who_supports_when_no_column_does():
    from loaders.extract import extract_text
    rec = extract_text(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 122/UBND-KT | Lâm Đồng, ngày 10 tháng 7 năm 2026\nV/v triển khai các nhiệm vụ trọng tâm | \n"
        "Kính gửi: | - Các sở, ban, ngành tỉnh.\n"
        "Chủ tịch UBND tỉnh giao nhiệm vụ cho các cơ quan, đơn vị như sau:\n"
        "Cơ quan | Nhiệm vụ\n"
        "Sở Tài chính | Chủ trì, phối hợp với các sở, ngành rà soát các chỉ tiêu tăng trưởng theo kịch bản.\n"
        "Ban Quản lý các khu công nghiệp tỉnh | Phối hợp với Sở Tài chính, Sở Nông nghiệp và Môi trường giải quyết kiến "
        "nghị của nhà đầu tư.\n"
        "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n"
        "Nơi nhận: | KT. CHỦ TỊCH\n- Như trên; | PHÓ CHỦ TỊCH\n- Lưu: VT. | Nguyễn Văn A\n")
    assert [[(a["name"], a["role"]) for a in t["assignees"]] for t in rec["tasks"]] == [
        [("Sở Tài chính", "lead"), ("các sở, ngành", "support")],
        [("Ban Quản lý các khu công nghiệp tỉnh", "lead"), ("Sở Tài chính", "support"),
         ("Sở Nông nghiệp và Môi trường", "support")]]
