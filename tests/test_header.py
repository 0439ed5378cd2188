"""Header, signature and refusal on every level, issuer and document type (issue 6).

The fixtures in tests/fixtures/header/ are small documents written for these tests in the national formats
(Nghị định 30/2020/NĐ-CP; Quy định 66-QĐ/TW for the party one), each in another export layout."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from loaders import patterns
from loaders.errors import InputError
from loaders.extract import extract_text
from loaders.normalize import normalize
from loaders.notice import (issuer_from_lines, document_signs, org_case, parse_header, post_title, signature_pieces,
                            signer_title, Signature)
from loaders.structure import build_layout

HEADER = FIXTURES / "header"

# file -> (kind, number, date, issuer, place, signer name, signer title, chain)
DOCUMENTS = {
    "vpcp_thong_bao.txt": ("THÔNG BÁO", "215/TB-VPCP", "2025-05-09", "Văn phòng Chính phủ", "Hà Nội", "Trần Văn Minh",
                           "Phó Chủ nhiệm Văn phòng Chính phủ", ["TL. THỦ TƯỚNG", "KT. CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"]),
    "bo_cong_van.txt": ("CÔNG VĂN", "1520/BNNMT-BĐKH", "2025-03-14", "Bộ Nông nghiệp và Môi trường", "Hà Nội", "Phạm Thị Lan",
                        "Thứ trưởng Bộ Nông nghiệp và Môi trường", ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]),
    "ttg_quyet_dinh.txt": ("QUYẾT ĐỊNH", "2764/QĐ-TTg", "2024-12-12", "Thủ tướng Chính phủ", "Hà Nội", "Lê Minh Khải",
                           "Thủ tướng Chính phủ", ["THỦ TƯỚNG"]),
    "tinh_uy_ke_hoach.txt": ("KẾ HOẠCH", "45-KH/TU", "2024-04-25", "Tỉnh ủy Lai Châu", "Lai Châu", "Hoàng Văn Sơn",
                             "Phó Bí thư Tỉnh ủy", ["TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]),
    "so_cong_van_markdown.txt": ("CÔNG VĂN", "830/SYT-NVY", "2025-07-03", "Sở Y tế tỉnh Lai Châu", "Lai Châu", "Lò Thị Hạnh",
                                 "Quyền Giám đốc Sở Y tế", ["Q. GIÁM ĐỐC"]),
    "xa_cong_dien.txt": ("CÔNG ĐIỆN", None, "2026-05", "UBND xã Tam Đường", "Tam Đường", "Giàng A Pháo", "Chủ tịch UBND xã",
                         ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    "hdnd_nghi_quyet.txt": ("NGHỊ QUYẾT", "12/2025/NQ-HĐND", "2025-07-10", "HĐND tỉnh Điện Biên", "Điện Biên", "Lò Văn Mừng",
                            "Chủ tịch HĐND tỉnh", ["CHỦ TỊCH"]),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_header_and_signature_of_each_level_and_type(name):
    n = extract_text((HEADER / name).read_text(encoding="utf-8"))["notice"]
    s = n["signer"] or {}
    got = (n["kind"], n["number"], n["date"], n["issuer"], n["place"], s.get("name"), s.get("title"), s.get("chain"))
    assert got == DOCUMENTS[name]


TITLES = {
    "ttg_quyet_dinh.txt": "Phê duyệt Chương trình phát triển thị trường các-bon",
    "bo_cong_van.txt": "triển khai kiểm kê khí nhà kính năm 2025",
    "so_cong_van_markdown.txt": "tăng cường phòng, chống dịch sốt xuất huyết",
    "tinh_uy_ke_hoach.txt": "thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ",
    "hdnd_nghi_quyet.txt": "Quy định mức hỗ trợ phát triển sản xuất nông nghiệp trên địa bàn tỉnh",
    "xa_cong_dien.txt": "Về việc chủ động ứng phó với mưa lớn, lũ quét, sạt lở đất",
    "vpcp_thong_bao.txt": "Kết luận của Phó Thủ tướng Chính phủ tại cuộc họp về phát triển hạ tầng số",
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_title_stops_before_the_authority_and_the_opening(name):
    assert extract_text((HEADER / name).read_text(encoding="utf-8"))["notice"]["title"] == TITLES[name]


@pytest.mark.parametrize("name", ["not_a_document_readme.md", "not_a_document_article.txt"])
def test_texts_that_are_not_documents_are_refused(name):
    with pytest.raises(InputError, match="không phải thông báo hay văn bản chỉ đạo"):
        extract_text((HEADER / name).read_text(encoding="utf-8"))


def test_an_index_table_quoting_numbers_and_dates_is_not_a_document():
    index = ("# Danh sách văn bản\n\n| số | ngày | loại |\n|---|---|---|\n| Số: 97/TB-UBND | Lạng Sơn, ngày 27 tháng 4 năm 2026 | THÔNG BÁO |\n"
             "| Số: 12/KH-UBND | Lai Châu, ngày 3 tháng 5 năm 2026 | KẾ HOẠCH |\n") * 3
    assert document_signs(normalize(index).text) == []
    with pytest.raises(InputError):
        extract_text(index)


@pytest.mark.parametrize("text,signs", [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/TB-UBND", ["quốc hiệu", "số hiệu"]),
    ("ĐẢNG CỘNG SẢN VIỆT NAM\nSố 45-KH/TU", ["quốc hiệu", "số hiệu"]),
    ("CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ["quốc hiệu"]),
    ("Lai Châu, ngày 25\ntháng 4 năm 2024", ["địa danh, ngày tháng"]),
    ("Số:    /CĐ-UBND | Tam Đường, ngày    tháng 5 năm 2026", ["số hiệu", "địa danh, ngày tháng"]),
    ("KẾ HOẠCH\nthực hiện Nghị quyết", ["tên loại văn bản"]),
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện Kết luận số 75-KL/TW", ["tên loại văn bản"]),
    ("V/v triển khai", ["tên loại văn bản"]),
    ("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU Số: 12/UBND-VX Lai Châu, ngày 3 tháng 5 năm 2026", ["số hiệu", "địa danh, ngày tháng"]),
    ("Nơi nhận:\n- Như trên;\nT/M BAN THƯỜNG VỤ", ["nơi nhận, chữ ký"]),
    ("| field | example |\n| number | Số: 97/TB-UBND |", []),
    ("Chiều 14/6, Chủ tịch UBND thành phố đã chỉ đạo, kết luận tại cuộc họp. Kính gửi lời chúc.", []),
])
def test_document_signs(text, signs):
    assert document_signs(text) == signs


@pytest.mark.parametrize("lines,issuer,level", [
    (["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"], "UBND tỉnh Lạng Sơn", "tỉnh"),
    (["UBND TỈNH LÀO CAI", "VĂN PHÒNG"], "Văn phòng UBND tỉnh Lào Cai", "tỉnh"),
    (["UBND TỈNH LAI CHÂU", "SỞ Y TẾ"], "Sở Y tế tỉnh Lai Châu", "tỉnh"),
    (["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIẾT NAM"],
     "Sở Nông nghiệp và Môi trường tỉnh Lào Cai", "tỉnh"),
    (["BỘ NÔNG NGHIỆP VÀ", "MÔI TRƯỜNG"], "Bộ Nông nghiệp và Môi trường", "trung ương"),
    (["BỘ TÀI CHÍNH"], "Bộ Tài chính", "trung ương"),
    (["BỘ TÀI CHÍNH", "CỤC THUẾ"], "Cục Thuế", "trung ương"),
    (["VĂN PHÒNG CHÍNH PHỦ"], "Văn phòng Chính phủ", "trung ương"),
    (["THỦ TƯỚNG CHÍNH PHỦ"], "Thủ tướng Chính phủ", "trung ương"),
    (["BAN CHỈ ĐẠO QUỐC GIA VỀ PHÒNG, CHỐNG THIÊN TAI"], "Ban Chỉ đạo Quốc gia về phòng, chống thiên tai", "trung ương"),
    (["ĐẢNG BỘ TỈNH LAI CHÂU", "TỈNH ỦY"], "Tỉnh ủy Lai Châu", "tỉnh"),
    (["TỈNH ỦY HÀ GIANG", "BAN THƯỜNG VỤ"], "Ban Thường vụ Tỉnh ủy Hà Giang", "tỉnh"),
    (["TỈNH ỦY LẠNG SƠN"], "Tỉnh ủy Lạng Sơn", "tỉnh"),
    (["ĐẢNG BỘ TỈNH LÀO CAI", "ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH"], "Đảng ủy UBND tỉnh Lào Cai", "tỉnh"),
    (["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "HĐND thành phố Hà Nội", "thành phố"),
    (["UBND HUYỆN LỘC BÌNH", "PHÒNG TÀI CHÍNH - KẾ HOẠCH"], "Phòng Tài chính - Kế hoạch huyện Lộc Bình", "huyện"),
    (["ỦY BAN NHÂN DÂN", "XÃ TAM ĐƯỜNG", "CỘNG"], "UBND xã Tam Đường", "xã"),
    (["ỦY BAN NHÂN DÂN", "PHƯỜNG 2"], "UBND phường 2", "phường"),
    (["HỎA TỐC", "ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"], "UBND tỉnh Lai Châu", "tỉnh"),
    (["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU SỞ TÀI CHÍNH"], "Sở Tài chính tỉnh Lai Châu", "tỉnh"),  # a cell's two lines joined
    (["UBND TỈNH LÀO CAI VĂN PHÒNG"], "Văn phòng UBND tỉnh Lào Cai", "tỉnh"),
    (["SỞ Y TẾ TỈNH LAI CHÂU", "TRUNG TÂM KIỂM SOÁT BỆNH TẬT"], "Trung tâm Kiểm soát bệnh tật tỉnh Lai Châu", "tỉnh"),
    (["CÔNG AN TỈNH LAI CHÂU"], "Công an tỉnh Lai Châu", "tỉnh"),
])
def test_issuer_from_header_lines(lines, issuer, level):
    assert issuer_from_lines(lines) == (issuer, level)


@pytest.mark.parametrize("cell,pieces", [
    ("KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Nguyễn Sỹ Hiệp", ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Nguyễn Sỹ Hiệp"]),
    ("THỦ TƯỚNG     Phạm Minh Chính", ["THỦ TƯỚNG", "Phạm Minh Chính"]),
    ("KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Công Thành", ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Lê Công Thành"]),
    ("Nơi nhận:                                    KT. BỘ TRƯỞNG", ["Nơi nhận:", "KT. BỘ TRƯỞNG"]),
    ("TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG", ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
    ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ", ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]),
    ("PHÓ TRƯỞNG BAN THƯỜNG TRỰC", ["PHÓ TRƯỞNG BAN THƯỜNG TRỰC"]),
    ("GIÁM ĐỐC SỞ TƯ PHÁP", ["GIÁM ĐỐC SỞ TƯ PHÁP"]),
    ("PHÓ CHỦ NHIỆM (Đã ký)", ["PHÓ CHỦ NHIỆM"]),
    ("Q. GIÁM ĐỐC<br><br>Lò Thị Hạnh", ["Q. GIÁM ĐỐC", "Lò Thị Hạnh"]),
])
def test_signature_pieces(cell, pieces):
    assert [p for _, p in signature_pieces(cell)] == pieces


@pytest.mark.parametrize("chain,issuer,level,title", [
    (["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], "Bộ Tài chính", "trung ương", "Thứ trưởng Bộ Tài chính"),
    (["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"], "Ủy ban Dân tộc", "trung ương", "Phó Chủ nhiệm Ủy ban Dân tộc"),
    (["KT. BỘ TRƯỞNG, CHỦ NHIỆM"], "Văn phòng Chính phủ", "trung ương", "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"),
    (["TL. THỦ TƯỚNG", "KT. CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"], "Văn phòng Chính phủ", "trung ương", "Phó Chủ nhiệm Văn phòng Chính phủ"),
    (["THỦ TƯỚNG"], "Thủ tướng Chính phủ", "trung ương", "Thủ tướng Chính phủ"),
    (["TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], "Tỉnh ủy Lai Châu", "tỉnh", "Phó Bí thư Tỉnh ủy"),
    (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "UBND xã Tam Đường", "xã", "Chủ tịch UBND xã"),
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "UBND tỉnh Lào Cai", "tỉnh", "Phó Chủ tịch UBND tỉnh"),
    (["Q. GIÁM ĐỐC"], "Sở Y tế tỉnh Lai Châu", "tỉnh", "Quyền Giám đốc Sở Y tế"),
    (["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ TƯ PHÁP"], "UBND tỉnh Lai Châu", "tỉnh", "Giám đốc Sở Tư pháp"),
    (["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], "Ban Chỉ đạo phòng, chống thiên tai", "trung ương",
     "Phó Trưởng Ban Chỉ đạo phòng, chống thiên tai"),
    (["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], "UBND tỉnh Lạng Sơn", "tỉnh", "Phó Chánh Văn phòng UBND tỉnh"),
    (["CHÁNH VĂN PHÒNG"], "Văn phòng Tỉnh ủy Lai Châu", "tỉnh", "Chánh Văn phòng Tỉnh ủy"),
    (["TM. ỦY BAN NHÂN DÂN"], "UBND tỉnh Quảng Ninh", "tỉnh", None),
])
def test_signer_title(chain, issuer, level, title):
    assert signer_title(Signature(chain=chain), issuer, level, "") == title


@pytest.mark.parametrize("text,number,date", [
    ("Số: 2764/QĐ-\nTTg\nHà Nội, ngày 12 tháng 12 năm 2024\nQUYẾT ĐỊNH\nVề việc", "2764/QĐ-TTg", "2024-12-12"),
    ("Số: 45/KH-UBND | Lai Châu, ngày 25\ntháng 4 năm 2024\nKẾ HOẠCH\nThực hiện", "45/KH-UBND", "2024-04-25"),
    ("Số:   /TB-UBND | Lạng Sơn, ngày    tháng 5 năm 2026\nTHÔNG BÁO\nKết luận", None, "2026-05"),
    ("Số: /QĐ-UBND\nHà Nội, ngày tháng năm 2026\nQUYẾT ĐỊNH\nPhê duyệt", None, "2026"),
    ("Số 2449-CV/ĐU\nvề việc triển khai\nLào Cai, ngày 07 tháng 9 năm 2026", "2449-CV/ĐU", "2026-09-07"),
    ("| Số: 3479/VPCP-NN V/v xây dựng Đề án | Hà Nội, ngày 26 tháng 5 năm 2021 |\nKính gửi: Bộ Tài chính", "3479/VPCP-NN", "2021-05-26"),
    ("Số: 7432 /UBND-XD                      Lào Cai, ngày 21 tháng 7 năm 2026\nV/v triển khai", "7432/UBND-XD", "2026-07-21"),
    ("Số: 2764/QĐ-                 Hà Nội, ngày 12 tháng 12 năm 2024\nTTg\nQUYẾT ĐỊNH\nPhê duyệt", "2764/QĐ-TTg", "2024-12-12"),
    ("Số: 24 /HDLN-BCA-BQP-BYT-              Hà Nội, ngày 25 tháng 6 năm 2026\n BTC-VKSNDTC\nHƯỚNG DẪN LIÊN NGÀNH\nVề việc",
     "24/HDLN-BCA-BQP-BYT-BTC-VKSNDTC", "2026-06-25"),
    # a number padded with blanks by the văn thư: the blanks join, its code leaks into no name
    ("BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP\n      Số: 7    /QĐ-BQLCKCN\n          Lào Cai, ngày 15 tháng 01 năm 2026\nQUYẾT ĐỊNH\nVề việc",
     "7/QĐ-BQLCKCN", "2026-01-15"),
    ("UBND TỈNH LÀO CAI\n Số:   4390     /UBND-NLN                  Lào Cai, ngày 27 tháng 5 năm 2026\nV/v tổ chức",
     "4390/UBND-NLN", "2026-05-27"),
    ("CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15 | /2026/NQ-CP | Hà Nội, ngày 27 tháng 4 năm 2026\nNGHỊ QUYẾT\nVề việc",
     "15/2026/NQ-CP", "2026-04-27"),
    # no such day: no date (a reading is settled only against the documents cited, in extract_text)
    ("Số: 1696 /QĐ-UBND                 Lào Cai, ngày15 tháng 54 năm 2026\nQUYẾT ĐỊNH\nVề việc", "1696/QĐ-UBND", None),
    ("Số: 12/QĐ-UBND                 Lào Cai, ngày 31 tháng 02 năm 2026\nQUYẾT ĐỊNH\nVề việc", "12/QĐ-UBND", None),
    # a day or month the scan garbled counts as left blank
    ("Số: 32/BTC-QLCS Hà Nội, ngày / tháng 6 năm 2026\nV/v Triển khai", "32/BTC-QLCS", "2026-06"),
    ("Số: 813/HC-CNHC Hà Nội, ngày sÈŸ tháng 4 năm 2026\nV/v trao đổi", "813/HC-CNHC", "2026-04"),
    ("Số: 56/BCT-ATMT\nV/v triển khai thực hiện Hà Nội, ngày0) thángh năm 2026\nGiấy phép", "56/BCT-ATMT", "2026"),
])
def test_number_and_date_layouts(text, number, date):
    h, _ = parse_header(build_layout(normalize(text)))
    assert (h.number, h.date) == (number, date)
    assert h.issuer is None or "/" not in h.issuer


_GARBLED = ("UBND TỈNH LÀO CAI\nSố: 1696/QĐ-UBND                 Lào Cai, ngày 15 tháng 54 năm 2026\nQUYẾT ĐỊNH\n"
            "Về việc ủy quyền\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Quyết định số 1522/QĐ-UBND ngày {cited} của UBND tỉnh;\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Giao Sở Công Thương thực hiện.\n")


@pytest.mark.parametrize("cited,date", [
    ("04/5/2026", "2026-05-15"),  # month 4 would date it before the decision it cites: only May remains
    ("04/3/2026", None),  # April and May both possible: no date rather than a guess
])
def test_garbled_header_date_is_settled_only_when_one_reading_remains(cited, date):
    assert extract_text(_GARBLED.format(cited=cited))["notice"]["date"] == date


@pytest.mark.parametrize("up,name", [
    ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Bộ Nông nghiệp và Môi trường"),
    ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "UBND tỉnh Lai Châu"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"),
    ("CỤC BIẾN ĐỔI KHÍ HẬU", "Cục Biến đổi khí hậu"),
])
def test_org_case(up, name):
    assert org_case(up) == name


def test_post_title():
    assert [post_title(x) for x in ("PHÓ CHÁNH VĂN PHÒNG", "GIÁM ĐỐC SỞ TƯ PHÁP", "THỨ TRƯỞNG", "BỘ TRƯỞNG, CHỦ NHIỆM")] == [
        "Phó Chánh Văn phòng", "Giám đốc Sở Tư pháp", "Thứ trưởng", "Bộ trưởng, Chủ nhiệm"]


# --- the pattern data: every entry's example is read as intended
_HD = patterns.load("headers")


@pytest.mark.parametrize("entry", _HD["kind_lines"], ids=lambda e: e["kind"])
def test_kind_line_examples(entry):
    text = f"Số: 1/XX-UBND\n{entry['example']}\nVề việc thử"
    h, _ = parse_header(build_layout(normalize(text)))
    assert h.doc_kind == entry["kind"]


@pytest.mark.parametrize("example", _HD["sign_posts"]["examples"])
def test_sign_post_examples_are_chain_lines(example):
    from loaders.notice import _SIGN_CHAIN
    assert _SIGN_CHAIN.match(example)


@pytest.mark.parametrize("example", _HD["header_heads"]["examples"])
def test_header_head_examples(example):
    from loaders.notice import _HEADER_HEAD
    assert _HEADER_HEAD.match(example)


@pytest.mark.parametrize("example", _HD["urgency_marks"]["examples"])
def test_urgency_marks_are_not_issuers(example):
    assert issuer_from_lines([example, "BỘ Y TẾ"]) == ("Bộ Y tế", "trung ương")


@pytest.mark.parametrize("example", _HD["not_signed_marks"]["examples"])
def test_not_signed_marks(example):
    from loaders.notice import _NOT_SIGNED
    assert _NOT_SIGNED.match(example)


def test_central_bodies_keep_their_spelling():
    for body in _HD["central_bodies"]:
        assert org_case(body.upper()) == body


# --- what the document itself does with what it cites: implements vs legal basis
_DOC = """UBND TỈNH LAI CHÂU | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: {number} | Lai Châu, ngày 5 tháng 3 năm 2026
{kind}
{title}
{opening}
1. Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan tổ chức thực hiện.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Hùng
"""


@pytest.mark.parametrize("number,kind,title,opening,expected", [
    ("141/KH-UBND", "KẾ HOẠCH", "Thực hiện Nghị quyết số 02/2026/NQ-HĐND ngày 10/01/2026 của HĐND tỉnh",
     "Để triển khai có hiệu quả Nghị quyết, UBND tỉnh ban hành Kế hoạch như sau:",
     [("141/KH-UBND", "02/2026/NQ-HĐND", "implements")]),
    ("   /KH-UBND", "KẾ HOẠCH", "Về phát triển nông nghiệp năm 2026",
     "Thực hiện Nghị quyết số 24-NQ/TU ngày 03/3/2026 của Ban Thường vụ Tỉnh ủy, UBND tỉnh ban hành Kế hoạch thực hiện như sau:",
     [(None, "24-NQ/TU", "implements")]),
    ("88/QĐ-UBND", "QUYẾT ĐỊNH", "Về việc ban hành Quy chế làm việc",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025; Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;",
     [("88/QĐ-UBND", "30/2020/NĐ-CP", "refers_to")]),
    ("312/UBND-KT", "", "V/v triển khai thực hiện Quyết định số 1074/QĐ-BXD ngày 29/6/2026 của Bộ Xây dựng",
     "Kính gửi: Sở Xây dựng", [("312/UBND-KT", "1074/QĐ-BXD", "implements")]),
    ("312/UBND-KT", "", "V/v báo cáo tình hình giải ngân",
     "Kính gửi: Sở Tài chính", []),
    # a plan cited with what it implements: the relation is between those two, not the document's own
    ("45/UBND-TH", "", "V/v rà soát tiến độ",
     "Kính gửi: Sở Công Thương", []),
])
def test_own_relations(number, kind, title, opening, expected):
    rec = extract_text(_DOC.format(number=number, kind=kind, title=title, opening=opening))
    assert [(r["source"], r["target"], r["kind"]) for r in rec["relations"] if r.get("own")] == expected


def test_a_cited_plan_implements_the_resolution_it_names():
    opening = ("Căn cứ Kế hoạch số 134/KH-UBND ngày 26/3/2026 của Ủy ban nhân dân tỉnh thực hiện Nghị quyết số 34-NQ/TU "
               "ngày 27/12/2025 của Tỉnh ủy Lai Châu về phát triển công nghiệp, UBND tỉnh yêu cầu:")
    rec = extract_text(_DOC.format(number="50/UBND-KT", kind="", title="V/v phát triển cụm công nghiệp", opening=opening))
    assert [(r["source"], r["target"], r["kind"]) for r in rec["relations"] if not r.get("own")] == [
        ("134/KH-UBND", "34-NQ/TU", "implements")]


def _wrap(text: str, width: int) -> str:
    """Hard-wrap every line at ``width`` columns, as PDF and e-mail exports do (not using the extractor)."""
    import textwrap
    return "\n".join("\n".join(textwrap.wrap(line, width)) if line.strip() else "" for line in text.split("\n"))


def _head(rec):
    n = rec["notice"]
    return (n["number"], n["date"], n["issuer"], n["kind"], (n["signer"] or {}).get("name"), (n["signer"] or {}).get("title"))


_WRAPPED = sorted((FIXTURES / "notices").glob("*.txt")) + [
    HEADER / n for n in sorted(DOCUMENTS) if n != "so_cong_van_markdown.txt"]  # a Markdown row broken is no table


@pytest.mark.parametrize("path", _WRAPPED, ids=lambda p: p.name)
@pytest.mark.parametrize("width", [50, 64, 78, 100])
def test_header_survives_hard_wrapping(path, width):
    text = path.read_text(encoding="utf-8")
    assert _head(extract_text(_wrap(text, width))) == _head(extract_text(text))


@pytest.mark.parametrize("line,kept", [
    ("NGHĨA VIỆT NAM", ""),
    ("UBND TỈNH LÂM ĐỒNG VIỆT NAM", "UBND TỈNH LÂM ĐỒNG"),
    ("ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA", "ỦY BAN NHÂN DÂN"),
    ("SẢN VIỆT NAM", ""),
    ("XÃ TAM ĐƯỜNG", "XÃ TAM ĐƯỜNG"),
    ("UBND XÃ HÒA AN", "UBND XÃ HÒA AN"),
])
def test_motto_fragments(line, kept):
    from loaders.notice import _motto_fragments
    assert _motto_fragments(line) == kept


@pytest.mark.parametrize("text,kind,title", [
    ("Số: 12/KH-UBND\nLai Châu, ngày 2 tháng 3 năm 2026\nKẾ HOẠCH TRIỂN KHAI NGHỊ QUYẾT SỐ 57-NQ/TW\nI. MỤC ĐÍCH",
     "KẾ HOẠCH", "TRIỂN KHAI NGHỊ QUYẾT SỐ 57-NQ/TW"),
    ("Số 06-CTr/TU\nLai Châu, ngày 2 tháng 3 năm 2026\nCHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện Kết luận số 75-KL/TW\nThực hiện Kết luận, Ban Thường vụ ban hành Chương trình.",
     "CHƯƠNG TRÌNH HÀNH ĐỘNG", "thực hiện Kết luận số 75-KL/TW"),
    ("Số: 9/CT-UBND\nLai Châu, ngày 2 tháng 3 năm 2026\nCHỈ THỊ\nVề tăng cường phòng cháy, chữa cháy\n___\nThời gian qua, công tác phòng cháy được quan tâm.",
     "CHỈ THỊ", "Về tăng cường phòng cháy, chữa cháy"),
    ("Số: 3/QC-UBND\nLai Châu, ngày 2 tháng 3 năm 2026\nQUY CHẾ\nPhối hợp quản lý cụm công nghiệp\n(Ban hành kèm theo Quyết định số 5/QĐ-UBND)\nChương I",
     "QUY CHẾ", "Phối hợp quản lý cụm công nghiệp (Ban hành kèm theo Quyết định số 5/QĐ-UBND)"),
])
def test_kind_and_title(text, kind, title):
    h, _ = parse_header(build_layout(normalize(text)))
    assert (h.doc_kind, h.title) == (kind, title)


@pytest.mark.parametrize("name,province", [
    ("tinh_uy_ke_hoach.txt", "tỉnh Lai Châu"), ("so_cong_van_markdown.txt", "tỉnh Lai Châu"),
    ("hdnd_nghi_quyet.txt", "tỉnh Điện Biên"), ("bo_cong_van.txt", None), ("vpcp_thong_bao.txt", None),
])
def test_province_of_the_issuer(name, province):
    assert extract_text((HEADER / name).read_text(encoding="utf-8"))["notice"]["province"] == province


def test_recipients_beside_a_signature_column_and_in_one_cell():
    text = (HEADER / "bo_cong_van.txt").read_text(encoding="utf-8")
    assert extract_text(text)["notice"]["recipients"] == ["Như trên", "Bộ trưởng (để báo cáo)"]
    row = ("| Nơi nhận: - Thủ tướng Chính phủ; - Các Bộ: TC, XD. - Lưu: VT, NN. | KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     "
           "Nguyễn Văn An |")
    n = extract_text(text.split("Nơi nhận:")[0] + row)["notice"]
    assert (n["recipients"], n["signer"]["name"], n["signer"]["chain"]) == (
        ["Thủ tướng Chính phủ", "Các Bộ: TC, XD"], "Nguyễn Văn An", ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"])


def test_header_flattened_onto_one_line():
    text = "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU Số: 12/UBND-VX Lai Châu, ngày 3 tháng 5 năm 2026\nV/v xây dựng kế hoạch\nKính gửi: Sở Tài chính"
    h, _ = parse_header(build_layout(normalize(text)))
    assert (h.issuer, h.number, h.date, h.doc_kind, h.title) == (
        "UBND tỉnh Lai Châu", "12/UBND-VX", "2026-05-03", "CÔNG VĂN", "xây dựng kế hoạch")


def test_republished_body_is_read_with_its_source_line():
    # a portal republishes a công văn's body: a 'V/v' line, the conclusion lead-in, the order and a source line
    text = ("THÔNG TIN CHỈ ĐẠO\nCao Bằng\n\nV/v sửa chữa đường giao thông nông thôn xã Minh Tâm\n\n"
            "UBND tỉnh có ý kiến như sau:\n\n"
            "Giao Sở Xây dựng chủ trì, phối hợp với UBND xã Minh Tâm kiểm tra hiện trạng, đề xuất phương án sửa chữa; "
            "hoàn thành trước ngày 15/7/2025.\n\n(Theo Công văn số 812/UBND-KT, ngày 02/7/2025)\n")
    r = extract_text(text)
    assert (r["notice"]["number"], r["notice"]["date"], r["notice"]["kind"], r["notice"]["issuer"]) == \
        ("812/UBND-KT", "2025-07-02", "CÔNG VĂN", "UBND tỉnh")
    assert r["citations"] == []
    assert [([a["name"] for a in t["assignees"]], t["deadline"]) for t in r["tasks"]] == \
        [(["Sở Xây dựng", "UBND xã Minh Tâm"], "2025-07-15")]


def test_republished_body_with_its_number_after_the_subject():
    # the number and date in brackets after the trích yếu: the document's own, not a citation
    text = ("Về việc báo cáo tình hình ô nhiễm môi trường tại khu vực nông thôn (3585/VP-KTN, ngày 23/10/2017).\n\n"
            "Thực hiện Công văn số 11034/VPCP-KGVX ngày 17/10/2017 của Văn phòng Chính phủ, đồng chí Phó Chủ tịch UBND "
            "tỉnh có ý kiến như sau:\n\nGiao Sở Tài nguyên và Môi trường chủ trì thực hiện và báo cáo Bộ Tài nguyên và "
            "Môi trường.\n\nVăn phòng UBND tỉnh thông báo để Sở Tài nguyên và Môi trường thực hiện./.\n")
    r = extract_text(text)
    assert (r["notice"]["number"], r["notice"]["date"]) == ("3585/VP-KTN", "2017-10-23")
    assert [c["number"] for c in r["citations"]] == ["11034/VPCP-KGVX"]


def test_one_frame_part_without_a_directive_body_is_refused():
    text = ("Hướng dẫn sử dụng\n\nV/v cài đặt phần mềm quản lý văn bản\n\n"
            "Tài liệu này mô tả cách cài đặt phần mềm, cấu hình máy chủ và sao lưu dữ liệu hằng tuần cho văn thư.\n")
    with pytest.raises(InputError):
        extract_text(text)


@pytest.mark.parametrize("label_and_number,number", [
    ("Số:\n33/2009/QĐ-UBND", "33/2009/QĐ-UBND"),  # a cell wrapped after its label: the number on the next line
    ("Số: 33/2009/QĐ-UBND", "33/2009/QĐ-UBND"),
    ("Số:\n|", None),  # nothing after the label: no number
])
def test_number_on_the_line_after_its_label(label_and_number, number):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TIỀN GIANG\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n|\n"
            f"{label_and_number}\n|\nMỹ Tho, ngày 24 tháng 12 năm 2009\n|\nQUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH VỀ MẠNG TIN HỌC\n"
            "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy định về mạng tin học.\n"
            "Điều 2. Giám đốc Sở Thông tin và Truyền thông tổ chức triển khai thực hiện Quyết định này.\n"
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn Khang\n")
    rec = extract_text(text)
    assert rec["notice"]["number"] == number
    assert [c["number"] for c in rec["citations"]] == []

def test_body_without_frame_is_read_when_it_orders_and_closes():
    # a portal copy of a Sở's letter: no header, no signature, but an order to bodies and the closing mark './.'
    text = ("Sở Y tế lấy ý kiến dự thảo kế hoạch phòng, chống dịch mùa hè\n\n"
            "Để hoàn thiện dự thảo trước khi trình UBND tỉnh, Sở Y tế đề nghị các cơ quan, đơn vị có ý kiến bằng văn bản "
            "gửi về Sở Y tế trước ngày 20/5/2025 để tổng hợp.\n\n"
            "Sở Y tế rất mong nhận được sự phối hợp của quý cơ quan./.\n")
    r = extract_text(text)
    first = r["tasks"][0]
    assert ([a["name"] for a in first["assignees"]], first["deadline"]) == (["các cơ quan, đơn vị"], "2025-05-20")
    assert "Sở Y tế" in first["report_to"]


def test_body_marks_alone_without_an_order_are_refused():
    with pytest.raises(InputError):
        extract_text("Ghi chú cuộc họp nhóm phát triển\n\nNhóm đã thống nhất lịch phát hành phiên bản mới "
                     "vào cuối tháng và cập nhật tài liệu hướng dẫn./.\n")


def test_column_header_with_the_blanks_a_clerk_fills_in():
    """A page laid out in columns (wide gaps between the header's halves) where the number and the day are still blank:
    the blanks are no column gaps ('Số:      /UBND-NC', 'ngày      tháng      năm 2025')."""
    text = ("ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "       TỈNH LÂM ĐỒNG                          Độc lập - Tự do - Hạnh phúc\n\n"
            "     Số:             /UBND-NC                      Lâm Đồng, ngày         tháng      năm 2025     \n"
            "V/v xây dựng báo cáo hoạt động đào tạo nguồn nhân lực\n"
            "                                   Kính gửi: Công an tỉnh\n"
            "Chủ tịch Ủy ban nhân dân tỉnh giao Công an tỉnh chủ trì xây dựng báo cáo./.\n"
            "Nơi nhận:          TL. CHỦ TỊCH\n- Như trên;          CHÁNH VĂN PHÒNG\n\nNguyễn Nhân Bản\n")
    n = extract_text(text)["notice"]
    assert (n["issuer"], n["number"], n["date"], n["signer"]["title"]) == (
        "UBND tỉnh Lâm Đồng", None, "2025", "Chánh Văn phòng UBND tỉnh")


def test_footnotes_a_word_export_prints_after_the_signature_are_read_for_citations():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 12/UBND-NCKSTTHC\nBình Thuận, ngày 10 tháng 3 năm 2025\n"
            "V/v chấn chỉnh công tác văn thư, lưu trữ\nKính gửi: Các sở, ban, ngành tỉnh.\n"
            "Giao các sở, ban, ngành nộp lưu hồ sơ vào Lưu trữ lịch sử tỉnh đúng quy định./.\n"
            "Nơi nhận:\n- Như trên;\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nNguyễn Ngọc Nam\n"
            " Quy định tại mục VI Phụ lục I ban hành kèm theo Quyết định số 1904/QĐ-UBND ngày 07/9/2023 của Chủ tịch UBND "
            "tỉnh. ↑\n")
    assert [c["number"] for c in extract_text(text)["citations"]] == ["1904/QĐ-UBND"]


def test_why_a_copy_is_sent_is_no_part_of_the_recipients_name():
    from loaders.extract import recipient_orgs

    assert recipient_orgs(["Phòng HCQT (chuẩn bị phòng họp);", "Báo và PTTH Lâm Đồng (cử PV);", "Thường trực Tỉnh ủy (b/c);",
                           "Hội Golf tỉnh Bình Thuận (trước sắp xếp);", "Sở Tư pháp (Phòng PBGDPL);"]) == [
        "Phòng HCQT", "Báo và PTTH Lâm Đồng", "Thường trực Tỉnh ủy", "Hội Golf tỉnh Bình Thuận (trước sắp xếp)",
        "Sở Tư pháp (Phòng PBGDPL)"]


# pages that republish a directive body without its frame (portal news, replies to businesses and citizens): the body
# is read when it orders a body after a lead-in, and the document is named by the news lead or the source line


def _leads(r: dict) -> list[list[str]]:
    return [[a["name"] for a in t["assignees"] if a["role"] == "lead"] for t in r["tasks"]]


def test_a_news_lead_names_the_republished_document_and_its_orders_are_read():
    text = ("Ngày 04/12, UBND tỉnh ban hành Công văn số 2231 /UBND-TH về việc giải trình ý kiến thẩm tra.\n"
            "Công văn nêu rõ: UBND tỉnh nhận được Báo cáo số 560/BC-HĐND ngày 01/12/2025 của HĐND tỉnh. Sau khi "
            "xem xét, Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau: Giao các sở, ngành theo chức năng, nhiệm vụ giải "
            "trình các nội dung theo Báo cáo số 560/BC-HĐND. Báo cáo gửi về Văn phòng UBND tỉnh trước ngày 05/12/2025.\n")
    r = extract_text(text)
    assert (r["notice"]["number"], r["notice"]["date"]) == ("2231/UBND-TH", None)
    assert [c["number"] for c in r["citations"]] == ["560/BC-HĐND"]  # its own number is not a citation
    assert _leads(r) == [["các sở, ngành"]] and r["tasks"][0]["deadline"] == "2025-12-05"


def test_a_source_line_joined_to_the_last_paragraph_names_the_document():
    text = ("Về việc bổ sung quy hoạch sử dụng đất\n\nUBND tỉnh có ý kiến như sau:\n\n"
            "Giao Sở Nông nghiệp và Môi trường hướng dẫn UBND xã Hải Lăng hoàn thiện hồ sơ theo đúng quy định. "
            "Báo cáo UBND tỉnh kết quả trước ngày 25/3/2026\n\n(Theo Công văn 917/UBND-KT ngày 13/3/2026)\n")
    r = extract_text(text)
    assert (r["notice"]["number"], r["notice"]["date"]) == ("917/UBND-KT", "2026-03-13")
    assert r["citations"] == []
    (t,) = r["tasks"]
    assert (_leads(r), t["deadline"], t["report_to"]) == ([["Sở Nông nghiệp và Môi trường"]], "2026-03-25", ["UBND tỉnh"])


def test_a_news_item_of_a_cong_dien_with_numbered_orders_is_read():
    text = ("Tặng quà người dân nhân dịp Quốc khánh\n"
            "(Báo điện tử) - Thủ tướng Chính phủ vừa có Công điện số 151/CĐ-TTg ngày 28/8/2026 về việc tặng quà "
            "người dân nhân dịp Quốc khánh 2/9.\n\n"
            "Để kịp thời triển khai, Thủ tướng Chính phủ yêu cầu:\n\n"
            "1. Bộ Tài chính, Bộ Công an và Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương triển khai ngay "
            "việc chuyển quà đến người dân, xong trước ngày Quốc khánh 02/9/2026.\n\n"
            "2. Bộ Tài chính chủ trì, phối hợp với các cơ quan liên quan báo cáo cấp có thẩm quyền trước ngày 29/8/2026.\n")
    r = extract_text(text)
    assert (r["notice"]["number"], r["notice"]["date"]) == ("151/CĐ-TTg", "2026-08-28")
    assert _leads(r) == [["Bộ Tài chính", "Bộ Công an", "UBND các tỉnh, thành phố trực thuộc Trung ương"], ["Bộ Tài chính"]]
    assert [t["deadline"] for t in r["tasks"]] == ["2026-09-02", "2026-08-29"]


@pytest.mark.parametrize("text", [
    # a lead-in, but the 'order' gives things, not a body
    "Biên bản họp nhóm\n\nGiao các nội dung trên cho nhóm phát triển.\nNhóm thống nhất kết luận như sau: phát hành bản mới "
    "vào cuối tháng và cập nhật tài liệu.\n",
    # an order to a body, but neither a lead-in nor the closing mark
    "Hỏi: Doanh nghiệp đề nghị được hướng dẫn thủ tục.\nTrả lời: UBND tỉnh giao Thanh tra tỉnh kiểm tra, rà soát lại vụ việc.\n",
])
def test_body_marks_without_an_order_after_a_lead_in_are_refused(text):
    with pytest.raises(InputError):
        extract_text(text)


def test_a_source_line_that_says_nguon_names_the_document():
    text = ("ỦY BAN NHÂN DÂN HUYỆN CÔN ĐẢO\n\nĐể tổ chức tốt các hoạt động kỷ niệm, UBND huyện có ý kiến chỉ đạo như sau:\n\n"
            "1. Phòng Văn hóa và Thông tin huyện: Xây dựng kế hoạch tuyên truyền, hoàn thành trước ngày 30/4/2026.\n\n"
            "(Nguồn: Từ Công văn số 1160/UBND-VP ngày 22/04/2026)\n")
    r = extract_text(text)
    assert (r["notice"]["number"], r["notice"]["date"], r["citations"]) == ("1160/UBND-VP", "2026-04-22", [])
    assert _leads(r) == [["Phòng Văn hóa và Thông tin huyện"]] and r["tasks"][0]["deadline"] == "2026-04-30"


def test_a_document_forwarded_in_an_e_mail():
    """An office's e-mail that carries a công văn: the mail's fields and greeting come first; the header is the
    document's, its 'Kính gửi' list addresses it (no task), its items are the tasks."""
    from loaders.extract import extract_text
    text = ("Từ: Phòng Kinh tế - VP UBND tỉnh Gia Lai <pkt.vpubnd@gialai.gov.vn>\nGửi: snnmt@gialai.gov.vn\n"
            "Ngày gửi: Thứ Năm, 13/11/2025 16:05\nTiêu đề: CV 5126/VP-KT - y kien chi dao cua Chu tich UBND tinh\n\n"
            "Kính gửi các cơ quan, đơn vị,\nPhòng Kinh tế gửi nội dung Công văn số 5126/VP-KT để các đơn vị triển khai.\n\n"
            "UBND TỈNH GIA LAI\nVĂN PHÒNG\nSố: 5126/VP-KT\nV/v triển khai ý kiến chỉ đạo của Chủ tịch UBND tỉnh\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nGia Lai, ngày 13 tháng 11 năm 2025\n\n"
            "Kính gửi:\n- Sở NN&MT;\n- Sở Tài chính;\n- UBND các xã, phường có dự án ĐTC.\n\n"
            "Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:\n"
            "1. Giao Sở NN&MT rà soát vướng mắc về GPMB, báo cáo UBND tỉnh trước ngày 20/11/2025.\n"
            "2. Giao Sở Tài chính tham mưu điều chuyển kế hoạch vốn trước ngày 25/11/2025.\n\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, KT.\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nNguyễn Văn A\n")
    rec = extract_text(text)
    assert (rec["notice"]["number"], rec["notice"]["date"]) == ("5126/VP-KT", "2025-11-13")
    assert [(t["ref"], [a["name"] for a in t["assignees"]]) for t in rec["tasks"]] == [
        ("1", ["Sở Nông nghiệp và Môi trường"]), ("2", ["Sở Tài chính"])]
