"""A seeded generator of realistic directive document texts with their ground truth.

Each document is built from grammars of the constructions real documents use (the two-column header
of issuer and national motto, number and place-date line, title block, ``Căn cứ …`` citations, numbered
sections, ``Giao Sở X chủ trì, phối hợp với Y … trước ngày …`` tasks, ``Nơi nhận``, signature block),
recombined over levels (Văn phòng Chính phủ, a Bộ, a province's UBND and its Sở, a xã or phường after the
2025 reorganisation), types (thông báo kết luận, công văn, công điện, chỉ thị, kế hoạch, quyết định with
its articles) and provinces with their communes. No real document's text is copied. Documents are about
15 KB (narrative paragraphs of assessment between the parts that carry facts, as real ones have).

The truth of a document is what the generator put in it, in the shared gold format
(``tests/fixtures/gold``): number, date, signer, meeting, citations and tasks with their leads, supports,
deadline, grounds (``based_on``) and ``report_to``; it is never read back from the text.

>>> a, b = document(0, 7), document(0, 7)
>>> a.text == b.text and a.truth == b.truth, document(1, 7).text != a.text
(True, True)
>>> 12_000 < len(a.text.encode("utf-8")) < 22_000
True
>>> a.truth["source"] == a.name and a.truth["tasks"][0]["assignees"][0]["role"]
'lead'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

# --------------------------------------------------------------------------------------------------
# vocabularies (real names: provinces and communes as of the 2025 reorganisation, agencies, ministries)
# --------------------------------------------------------------------------------------------------

PROVINCES: dict[str, list[str]] = {
    "Lạng Sơn": ["xã Chi Lăng", "xã Nhân Lý", "xã Quan Sơn", "xã Khuất Xá", "xã Bằng Mạc", "xã Vạn Linh",
                 "phường Tam Thanh", "phường Đông Kinh", "phường Kỳ Lừa", "xã Na Sầm", "xã Thất Khê", "xã Đình Lập",
                 "xã Lộc Bình", "xã Văn Quan", "xã Bắc Sơn", "xã Hữu Lũng"],
    "Lào Cai": ["phường Cam Đường", "phường Văn Phú", "phường Nam Cường", "phường Âu Lâu", "xã Bảo Thắng",
                "xã Bảo Yên", "xã Bát Xát", "xã Mường Khương", "xã Si Ma Cai", "phường Sa Pa", "xã Văn Bàn",
                "xã Lục Yên", "xã Trấn Yên", "xã Mù Cang Chải", "xã Bắc Hà", "xã Phong Hải"],
    "Lâm Đồng": ["phường Lâm Viên", "phường Cam Ly", "phường Phan Thiết", "phường Mũi Né", "phường Gia Nghĩa",
                 "xã Đức Trọng", "xã Lạc Dương", "xã Đơn Dương", "xã Di Linh", "xã Đạ Huoai", "xã Cát Tiên",
                 "xã Bảo Lâm", "xã Đam Rông", "xã Tuy Phong", "xã Hàm Thuận", "xã Krông Nô"],
    "Hà Tĩnh": ["phường Thành Sen", "phường Trần Phú", "phường Hà Huy Tập", "phường Sông Trí", "xã Cẩm Xuyên",
                "xã Thạch Hà", "xã Can Lộc", "xã Đức Thọ", "xã Hương Sơn", "xã Hương Khê", "xã Nghi Xuân",
                "xã Vũ Quang", "xã Lộc Hà", "xã Kỳ Xuân", "xã Thiên Cầm", "xã Cổ Đạm"],
    "Quảng Trị": ["phường Đồng Hới", "phường Đồng Thuận", "phường Đông Hà", "phường Nam Đông Hà", "xã Gio Linh",
                  "xã Vĩnh Linh", "xã Hải Lăng", "xã Triệu Phong", "xã Lệ Thủy", "xã Cam Lộ", "xã Hướng Hóa",
                  "xã Khe Sanh", "xã Bố Trạch", "xã Tuyên Hóa", "xã Minh Hóa", "xã Quảng Trạch"],
    "Thái Nguyên": ["phường Phan Đình Phùng", "phường Quyết Thắng", "phường Gia Sàng", "phường Tích Lương",
                    "phường Đức Xuân", "xã Đại Từ", "xã Phú Bình", "xã Võ Nhai", "xã Định Hóa", "xã Phú Lương",
                    "xã Đồng Hỷ", "xã Ba Bể", "xã Chợ Đồn", "xã Na Rì", "xã Ngân Sơn", "xã Bạch Thông"],
    "Tuyên Quang": ["phường Minh Xuân", "phường Nông Tiến", "phường An Tường", "phường Mỹ Lâm", "xã Sơn Dương",
                    "xã Yên Sơn", "xã Chiêm Hóa", "xã Hàm Yên", "xã Na Hang", "xã Đồng Văn", "xã Mèo Vạc",
                    "xã Lâm Bình", "xã Bắc Quang", "xã Vị Xuyên", "xã Quản Bạ", "xã Yên Minh"],
    "Phú Thọ": ["phường Việt Trì", "phường Thanh Miếu", "phường Vĩnh Yên", "phường Hòa Bình", "phường Phúc Yên",
                "xã Tam Nông", "xã Thanh Sơn", "xã Cẩm Khê", "xã Lâm Thao", "xã Đoan Hùng", "xã Hạ Hòa",
                "xã Thanh Thủy", "xã Tam Đảo", "xã Lập Thạch", "xã Mai Châu", "xã Lạc Sơn"],
    "Quảng Ninh": ["phường Bãi Cháy", "phường Hồng Gai", "phường Cẩm Phả", "phường Uông Bí", "phường Đông Triều",
                   "phường Quảng Yên", "xã Tiên Yên", "xã Đầm Hà", "xã Hải Hà", "xã Ba Chẽ", "xã Bình Liêu",
                   "xã Hoành Bồ", "xã Quảng Tân", "xã Đường Hoa", "xã Lục Hồn", "xã Thống Nhất"],
    "Cao Bằng": ["phường Thục Phán", "phường Nùng Trí Cao", "phường Tân Giang", "xã Trùng Khánh", "xã Hà Quảng",
                 "xã Bảo Lạc", "xã Nguyên Bình", "xã Quảng Uyên", "xã Hòa An", "xã Thạch An", "xã Hạ Lang",
                 "xã Bảo Lâm", "xã Thông Nông", "xã Trà Lĩnh", "xã Phục Hòa", "xã Đông Khê"],
}

PROVINCE_AGENCIES = [
    "Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương", "Sở Y tế", "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ", "Thanh tra tỉnh", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
    "Văn phòng UBND tỉnh", "Thuế tỉnh", "Ban Quản lý Khu kinh tế tỉnh", "Bảo hiểm xã hội tỉnh",
]
MINISTRIES = [
    "Bộ Tài chính", "Bộ Xây dựng", "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường", "Bộ Khoa học và Công nghệ",
    "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Y tế", "Bộ Giáo dục và Đào tạo", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Công an",
    "Bộ Quốc phòng", "Bộ Ngoại giao", "Bộ Dân tộc và Tôn giáo", "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ",
]
MINISTRY_CODES = {"Bộ Tài chính": "BTC", "Bộ Xây dựng": "BXD", "Bộ Công Thương": "BCT", "Bộ Y tế": "BYT",
                  "Bộ Nông nghiệp và Môi trường": "BNNMT", "Bộ Nội vụ": "BNV", "Bộ Tư pháp": "BTP",
                  "Bộ Khoa học và Công nghệ": "BKHCN", "Bộ Giáo dục và Đào tạo": "BGDĐT"}
COMMUNE_UNITS = ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND {u}", "Công an {u}",
                 "Ban Chỉ huy Quân sự {u}", "Trạm Y tế {u}", "Trung tâm Phục vụ hành chính công {u}"]
DEPARTMENT_UNITS = {  # a Sở's own units
    "Sở Y tế": ["Phòng Nghiệp vụ Y", "Phòng Kế hoạch - Tài chính", "Trung tâm Kiểm soát bệnh tật tỉnh", "Chi cục Dân số"],
    "Sở Xây dựng": ["Phòng Quản lý xây dựng", "Phòng Quản lý giao thông", "Phòng Kinh tế - Vật liệu xây dựng",
                    "Trung tâm Kiểm định chất lượng xây dựng"],
    "Sở Nông nghiệp và Môi trường": ["Chi cục Thủy lợi", "Chi cục Kiểm lâm", "Phòng Quản lý đất đai",
                                     "Chi cục Chăn nuôi và Thú y"],
    "Sở Công Thương": ["Phòng Quản lý thương mại", "Phòng Quản lý năng lượng", "Phòng Kỹ thuật an toàn - Môi trường",
                       "Trung tâm Khuyến công và Xúc tiến thương mại"],
}

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Nông",
            "Lương", "Triệu", "Lục", "Đoàn", "Vi", "Hà"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Xuân", "Công", "Anh", "Hoài", "Thế"]
GIVEN = ["Hùng", "Dũng", "Tuấn", "Lan", "Hương", "Thắng", "Quân", "Hải", "Long", "Nam", "Bình", "Tâm", "Thủy",
         "Hiền", "Trung", "Phong", "Khánh", "Linh", "Huy", "Cường", "Thành", "Vinh", "Tùng", "Mai", "Phúc", "Toàn"]

# national and provincial documents a text may rest on: (type, number pattern, issuer)
NATIONAL_DOCS = [
    ("Nghị quyết", "{n}-NQ/TW", "Bộ Chính trị"), ("Kết luận", "{n}-KL/TW", "Bộ Chính trị"),
    ("Nghị định", "{n}/{y}/NĐ-CP", "Chính phủ"), ("Nghị quyết", "{n}/NQ-CP", "Chính phủ"),
    ("Quyết định", "{n}/QĐ-TTg", "Thủ tướng Chính phủ"), ("Chỉ thị", "{n}/CT-TTg", "Thủ tướng Chính phủ"),
    ("Công điện", "{n}/CĐ-TTg", "Thủ tướng Chính phủ"), ("Thông tư", "{n}/{y}/TT-BTC", "Bộ Tài chính"),
]
LOCAL_DOCS = [
    ("Nghị quyết", "{n}-NQ/TU", "Ban Thường vụ Tỉnh ủy"), ("Nghị quyết", "{n}/{y}/NQ-HĐND", "HĐND tỉnh"),
    ("Kế hoạch", "{n}/KH-UBND", "UBND tỉnh"), ("Quyết định", "{n}/QĐ-UBND", "UBND tỉnh"),
    ("Chỉ thị", "{n}/CT-UBND", "UBND tỉnh"), ("Công văn", "{n}/UBND-KT", "UBND tỉnh"),
]

TOPICS = [
    ("giải ngân vốn đầu tư công năm {y}", ["đẩy nhanh tiến độ giải ngân vốn đầu tư công các dự án được giao",
                                           "rà soát, điều chuyển kế hoạch vốn của các dự án chậm giải ngân",
                                           "hoàn thiện hồ sơ thanh toán khối lượng hoàn thành của các công trình"]),
    ("công tác giải phóng mặt bằng các dự án trọng điểm", [
        "tập trung giải quyết dứt điểm các vướng mắc trong bồi thường, hỗ trợ, tái định cư",
        "xác định nguồn gốc đất, lập phương án bồi thường cho các hộ dân bị ảnh hưởng",
        "bố trí quỹ đất tái định cư bảo đảm điều kiện sinh hoạt cho người dân"]),
    ("cải cách hành chính và chuyển đổi số", [
        "nâng cao tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình",
        "rà soát, cắt giảm thành phần hồ sơ và thời gian giải quyết thủ tục hành chính",
        "triển khai nền tảng số dùng chung và kết nối cơ sở dữ liệu chuyên ngành"]),
    ("phòng, chống thiên tai và tìm kiếm cứu nạn", [
        "kiểm tra, gia cố các công trình đê điều, hồ chứa xung yếu trước mùa mưa bão",
        "rà soát các khu dân cư có nguy cơ sạt lở, lũ quét để chủ động di dời",
        "chuẩn bị lực lượng, vật tư, phương tiện ứng phó theo phương châm bốn tại chỗ"]),
    ("phát triển sản phẩm OCOP và du lịch nông thôn", [
        "hỗ trợ các chủ thể hoàn thiện hồ sơ đánh giá, phân hạng sản phẩm OCOP",
        "xây dựng các tuyến du lịch cộng đồng gắn với sản phẩm đặc trưng của địa phương",
        "tổ chức các hoạt động xúc tiến thương mại, kết nối tiêu thụ sản phẩm"]),
    ("quản lý đất đai, khoáng sản và bảo vệ môi trường", [
        "tăng cường kiểm tra, xử lý vi phạm trong khai thác khoáng sản trái phép",
        "hoàn thiện hồ sơ cấp giấy chứng nhận quyền sử dụng đất cho các hộ gia đình",
        "thu gom, xử lý chất thải rắn sinh hoạt tại các khu dân cư tập trung"]),
    ("xóa nhà tạm, nhà dột nát và bảo đảm an sinh xã hội", [
        "rà soát danh sách hộ nghèo, hộ cận nghèo có nhu cầu hỗ trợ nhà ở",
        "vận động nguồn lực xã hội hóa hỗ trợ xây mới, sửa chữa nhà ở cho người có công",
        "chi trả kịp thời, đầy đủ các chế độ trợ cấp xã hội cho đối tượng bảo trợ"]),
    ("phòng, chống dịch bệnh trên gia súc, gia cầm", [
        "tổ chức tiêm phòng vắc xin cho đàn gia súc, gia cầm đạt tỷ lệ theo quy định",
        "giám sát chặt chẽ việc vận chuyển, giết mổ và kinh doanh động vật",
        "tiêu độc, khử trùng môi trường chăn nuôi tại các vùng có nguy cơ cao"]),
    ("thu ngân sách nhà nước và quản lý tài chính công", [
        "tăng cường quản lý thu, chống thất thu ngân sách nhà nước trên địa bàn",
        "đôn đốc thu hồi nợ đọng thuế, phí và lệ phí của các tổ chức, cá nhân",
        "thực hành tiết kiệm, chống lãng phí trong chi thường xuyên"]),
    ("đầu tư hạ tầng giao thông và cụm công nghiệp", [
        "hoàn thiện thủ tục đầu tư hạ tầng kỹ thuật các cụm công nghiệp đã được thành lập",
        "đẩy nhanh tiến độ thi công các tuyến đường kết nối vùng động lực",
        "kiểm tra chất lượng công trình, xử lý các hạng mục thi công chậm tiến độ"]),
]
ACTIONS = [
    "chủ động tham mưu các giải pháp cụ thể, khả thi để tháo gỡ khó khăn, vướng mắc",
    "tổng hợp kết quả thực hiện, đề xuất xử lý trách nhiệm đối với các đơn vị chậm trễ",
    "hướng dẫn các đơn vị liên quan thực hiện đúng trình tự, thủ tục theo quy định",
    "tổ chức kiểm tra thực tế hiện trường, xác định rõ nguyên nhân và giải pháp khắc phục",
    "xây dựng lộ trình chi tiết, phân công rõ người, rõ việc, rõ thời gian hoàn thành",
    "rà soát các quy định hiện hành để sửa đổi, bổ sung cho phù hợp với thực tiễn",
    "đẩy mạnh công tác tuyên truyền, vận động để người dân đồng thuận, hưởng ứng",
    "theo dõi, đôn đốc việc thực hiện và kịp thời xử lý các kiến nghị của cơ sở",
]
NARRATIVE = [
    "Thời gian qua, công tác lãnh đạo, chỉ đạo, điều hành được triển khai quyết liệt, đồng bộ, bám sát mục tiêu, "
    "kế hoạch đề ra; nhiều chỉ tiêu chủ yếu đạt và vượt so với cùng kỳ năm trước.",
    "Tình hình kinh tế - xã hội trên địa bàn tiếp tục ổn định, an ninh chính trị, trật tự an toàn xã hội được "
    "giữ vững; đời sống vật chất và tinh thần của nhân dân từng bước được cải thiện.",
    "Sản xuất nông, lâm nghiệp được triển khai đúng khung thời vụ; công tác phòng, chống dịch bệnh trên cây trồng, "
    "vật nuôi được quan tâm; phong trào làm thủy lợi, giao thông nông thôn được triển khai rộng khắp.",
    "Các lĩnh vực văn hóa - xã hội, an sinh xã hội, cải cách hành chính, chuyển đổi số, quốc phòng - an ninh tiếp "
    "tục được quan tâm thực hiện; công tác tuyển quân đạt 100% chỉ tiêu được giao.",
    "Tuy nhiên, vẫn còn một số tồn tại, hạn chế như: tiến độ thực hiện một số chỉ tiêu kinh tế - xã hội còn chậm; "
    "giải ngân vốn đầu tư công chưa đạt yêu cầu; công tác phối hợp giữa các cơ quan có lúc chưa chặt chẽ.",
    "Sau sắp xếp đơn vị hành chính, khối lượng công việc tăng trong khi một bộ phận đội ngũ cán bộ, công chức cấp "
    "xã chưa thật sự đáp ứng được yêu cầu nhiệm vụ trong tình hình mới.",
    "Nguyên nhân chủ yếu là do điều kiện tự nhiên khó khăn, nguồn lực đầu tư còn hạn chế; một số quy định của pháp "
    "luật còn chồng chéo; sự vào cuộc của một số cấp ủy, chính quyền cơ sở chưa quyết liệt.",
    "Thu ngân sách nhà nước trên địa bàn ước đạt trên 45% dự toán được giao, tăng so với cùng kỳ; chi ngân sách bảo "
    "đảm kịp thời cho các nhiệm vụ chính trị quan trọng và an sinh xã hội.",
    "Công tác chăm sóc sức khỏe nhân dân được bảo đảm; chất lượng giáo dục và đào tạo có chuyển biến tích cực; các "
    "hoạt động văn hóa, thể thao chào mừng các ngày lễ lớn được tổ chức sôi nổi, an toàn, tiết kiệm.",
    "Hạ tầng giao thông, thủy lợi, điện, nước sạch nông thôn tiếp tục được đầu tư; diện mạo nông thôn có nhiều khởi "
    "sắc; số xã đạt chuẩn nông thôn mới nâng cao tăng lên so với đầu năm.",
    "Việc vận hành bộ máy chính quyền địa phương hai cấp cơ bản thông suốt; thủ tục hành chính được tiếp nhận và giải "
    "quyết kịp thời, tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.",
    "Công tác quản lý đất đai, tài nguyên, khoáng sản còn một số bất cập; tình trạng lấn chiếm đất công, xây dựng "
    "trái phép vẫn còn xảy ra ở một số địa bàn nhưng chưa được phát hiện, xử lý kịp thời.",
]


# meeting kinds (gold ``meeting.kind``) and how a notice of conclusions names the meeting
MEETING_KINDS = [("inspection", "buổi kiểm tra"), ("working_session", "buổi làm việc"), ("conference", "hội nghị"),
                 ("regular_meeting", "cuộc họp giao ban"), ("other", "cuộc họp")]


@dataclass(frozen=True)
class Generated:
    """One generated document: its file name, text, and ground truth (gold format, ``tests/fixtures/gold``)."""

    name: str
    text: str
    truth: dict


# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------


def _person(r: random.Random) -> str:
    return f"{r.choice(SURNAMES)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"


def _day(r: random.Random, lo: dt.date, span: int) -> dt.date:
    return lo + dt.timedelta(days=r.randrange(span))


def _dmy(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def _long(d: dt.date, zero: bool) -> str:
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}" if zero else f"ngày {d.day} tháng {d.month} năm {d.year}"


def _column(left: str, right: str, width: int = 40) -> str:
    return f"  {left:<{width}}{right}".rstrip()


def _cite(r: random.Random, rows: list, issued: dt.date, province_docs: bool) -> dict:
    """A document the text cites: number, type, date (before the issuing day) and issuer."""
    pool = NATIONAL_DOCS + (LOCAL_DOCS if province_docs else [])
    typ, pat, issuer = r.choice(pool)
    d = issued - dt.timedelta(days=r.randrange(20, 700))
    number = pat.format(n=r.randrange(2, 3000) if "-" not in pat.split("/")[0] else r.randrange(2, 90), y=d.year)
    return {"number": number, "type": typ, "date": d.isoformat(), "issuer": issuer}


def _cite_text(c: dict) -> str:
    d = dt.date.fromisoformat(c["date"])
    return f"{c['type']} số {c['number']} ngày {_dmy(d)} của {c['issuer']}"


def _deadline(r: random.Random, issued: dt.date) -> tuple[str, str]:
    """A deadline phrase and its ISO value: a day, or the end of a month."""
    d = issued + dt.timedelta(days=r.randrange(10, 200))
    if r.random() < 0.75:
        return f"trước ngày {_dmy(d)}", d.isoformat()
    return f"trong tháng {d.month} năm {d.year}", f"{d.year}-{d.month:02d}"


# --------------------------------------------------------------------------------------------------
# the levels: who issues, who signs, whom tasks go to
# --------------------------------------------------------------------------------------------------


@dataclass
class Level:
    kind: str  # "vpcp", "bo", "tinh", "so", "xa"
    header_left: list[str]
    issuer: str  # as the truth names it
    place: str  # the place in the date line
    doers: list[str]  # bodies tasks go to
    superior: str  # whom reports go to
    chair_title: str  # who concludes a meeting
    sign: tuple[str, str]  # signature block lines (on behalf, title)
    code: str  # number suffix after the type code
    province: str | None = None


def _level(r: random.Random, kind: str) -> Level:
    prov = r.choice(sorted(PROVINCES))
    if kind == "vpcp":
        return Level(kind, ["VĂN PHÒNG CHÍNH PHỦ", "-------"], "Văn phòng Chính phủ", "Hà Nội", MINISTRIES,
                     "Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ", ("KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"),
                     "VPCP")
    if kind == "bo":
        bo = r.choice(sorted(MINISTRY_CODES))
        return Level(kind, [bo.upper(), "-------"], bo, "Hà Nội",
                     [f"UBND tỉnh {p}" for p in sorted(PROVINCES)], bo, "Thứ trưởng",
                     ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"), MINISTRY_CODES[bo])
    if kind == "so":
        so = r.choice(sorted(DEPARTMENT_UNITS))
        return Level(kind, [f"UBND TỈNH {prov.upper()}", so.upper()], f"{so} tỉnh {prov}", prov,
                     DEPARTMENT_UNITS[so], f"Giám đốc {so}", f"Giám đốc {so}", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
                     "S" + "".join(w[0] for w in so.split()[1:]).upper(), prov)
    if kind == "xa":
        unit = r.choice(PROVINCES[prov])
        return Level(kind, ["ỦY BAN NHÂN DÂN", unit.upper()], f"UBND {unit}", unit.split(" ", 1)[1],
                     [u.format(u=unit.split(" ", 1)[0]) for u in COMMUNE_UNITS], f"UBND {unit.split(' ', 1)[0]}",
                     f"Chủ tịch UBND {unit}", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "UBND", prov)
    return Level("tinh", ["ỦY BAN NHÂN DÂN", f"TỈNH {prov.upper()}"], f"UBND tỉnh {prov}", prov,
                 PROVINCE_AGENCIES + [f"UBND {c}" for c in PROVINCES[prov][:6]], "UBND tỉnh", "Phó Chủ tịch UBND tỉnh",
                 ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "UBND", prov)


# document types each level issues: (type name, code, title word)
TYPES = {
    "vpcp": [("thông báo kết luận", "TB", "THÔNG BÁO")],
    "bo": [("công văn", "", ""), ("công điện", "CĐ", "CÔNG ĐIỆN")],
    "tinh": [("thông báo kết luận", "TB", "THÔNG BÁO"), ("công văn", "", ""), ("công điện", "CĐ", "CÔNG ĐIỆN"),
             ("chỉ thị", "CT", "CHỈ THỊ"), ("kế hoạch", "KH", "KẾ HOẠCH"), ("quyết định", "QĐ", "QUYẾT ĐỊNH")],
    "so": [("công văn", "", ""), ("kế hoạch", "KH", "KẾ HOẠCH")],
    "xa": [("thông báo kết luận", "TB", "THÔNG BÁO"), ("kế hoạch", "KH", "KẾ HOẠCH")],
}
LEVEL_WEIGHTS = [("vpcp", 1), ("bo", 1), ("tinh", 5), ("so", 2), ("xa", 3)]


# --------------------------------------------------------------------------------------------------
# tasks
# --------------------------------------------------------------------------------------------------


def _names(xs: list[str]) -> str:
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + " và " + xs[-1]


def _task(r: random.Random, lv: Level, topic: list[str], issued: dt.date, grounds: list[dict]) -> tuple[str, dict]:
    """One task sentence and its truth (lead, supports, deadline, based_on, report_to)."""
    lead, *others = r.sample(lv.doers, k=min(len(lv.doers), 1 + r.choice([0, 0, 1, 1, 2])))
    what = r.choice(topic)
    how = r.choice(ACTIONS)
    dl_text, dl = _deadline(r, issued) if r.random() < 0.6 else ("", None)
    report = r.random() < 0.35
    based = r.choice(grounds) if grounds and r.random() < 0.2 else None
    parts = []
    if based:
        parts.append(f"Căn cứ {_cite_text(based)}, ")
        parts.append(f"{lead} " if not others else f"{lead} chủ trì, phối hợp với {_names(others)} ")
    elif others:
        parts.append(r.choice([f"Giao {lead} chủ trì, phối hợp với {_names(others)} ",
                               f"{lead} chủ trì, phối hợp với {_names(others)} "]))
    else:
        parts.append(r.choice([f"Giao {lead} ", f"{lead} ", f"Yêu cầu {lead} "]))
    parts.append(f"{what}; {how}")
    if report:
        parts.append(f", báo cáo {lv.superior} kết quả thực hiện")
    if dl:
        parts.append(f" {dl_text}")
    sentence = "".join(parts) + "."
    truth = {"text_start": sentence[:60],
             "assignees": [{"name": lead, "role": "lead"}] + [{"name": o, "role": "support"} for o in others],
             "deadline": dl, "based_on": [based["number"]] if based else [],
             "report_to": [lv.superior] if report else []}
    return sentence, truth


# --------------------------------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------------------------------

TARGET_BYTES = 15_000


def document(seed: int, i: int) -> Generated:
    """The ``i``-th document of the corpus ``seed``: deterministic in (seed, i) alone."""
    r = random.Random(f"{seed}:{i}")
    kind = r.choices([k for k, _ in LEVEL_WEIGHTS], weights=[w for _, w in LEVEL_WEIGHTS])[0]
    lv = _level(r, kind)
    typ, code, word = r.choice(TYPES[kind])
    issued = _day(r, dt.date(2025, 7, 1), 540)
    n = r.randrange(5, 9000)
    number = f"{n}/{code}-{lv.code}" if code else f"{n}/{lv.code}-{r.choice(['KT', 'TH', 'NC', 'VX', 'XD'])}"
    if kind == "vpcp" or (kind == "tinh" and typ == "thông báo kết luận" and r.random() < 0.5):
        number = f"{n}/TB-VPCP" if kind == "vpcp" else f"{n}/TB-VPUBND"
    topic_name, topic = r.choice(TOPICS)
    topic_name = topic_name.format(y=issued.year)
    grounds = [_cite(r, [], issued, kind != "vpcp") for _ in range(r.randrange(2, 5))]
    signer = _person(r)
    zero = r.random() < 0.5

    lines: list[str] = []
    lines.append(_column(lv.header_left[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    lines.append(_column(lv.header_left[1], "Độc lập - Tự do - Hạnh phúc"))
    lines.append("")
    lines.append(_column(f"Số: {number}", f"{lv.place}, {_long(issued, zero)}", 44))
    if not word:
        lines.append(f"  V/v {topic_name}")
    lines.append("")
    meeting = None
    if word:
        lines.append(f"{'':32}{word}")
        if typ == "thông báo kết luận":
            chair = _person(r)
            mkind_i = r.randrange(len(MEETING_KINDS))
            lines.append(f"      Kết luận của đồng chí {chair}, {lv.chair_title} tại {MEETING_KINDS[mkind_i][1]} về "
                         f"{topic_name}")
        else:
            lines.append(f"      Về việc {topic_name}" if typ != "kế hoạch" else f"      Thực hiện {topic_name}")
        lines.append("")
    body: list[str] = []
    tasks_truth: list[dict] = []
    cited: list[dict] = []  # in the order the text first names them

    def cite(c: dict) -> str:
        if c not in cited:
            cited.append(c)
        return _cite_text(c)
    if typ == "quyết định":
        body.append(f"{'':20}CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {lv.province.upper()}")
        body.append("")
        body.append("Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;")
        for c in grounds:
            body.append(f"Căn cứ {cite(c)};")
        body.append(f"Theo đề nghị của Giám đốc {r.choice(PROVINCE_AGENCIES[:12])}.")
        body.append("")
        body.append(f"{'':32}QUYẾT ĐỊNH:")
        body.append("")
    elif typ == "thông báo kết luận":
        met = issued - dt.timedelta(days=r.randrange(1, 12))
        attendees = r.sample([d for d in lv.doers if not d.startswith("UBND")], k=min(4, len(lv.doers)))
        mkind, how = MEETING_KINDS[mkind_i]
        communes = []
        if kind == "xa":
            communes = [lv.issuer.split(" ", 1)[1]]
        elif kind == "tinh" and mkind in ("inspection", "working_session"):
            communes = r.sample(PROVINCES[lv.province], k=r.randrange(1, 3))
        where = f" với UBND {_names(communes)}" if kind == "tinh" and communes else ""
        meeting = {"date": met.isoformat(), "kind": mkind, "chair": {"name": chair, "title": lv.chair_title},
                   "communes": communes, "attendees": attendees}
        body.append(f"Ngày {_dmy(met)}, đồng chí {chair}, {lv.chair_title} chủ trì {how}{where} về {topic_name}. Tham dự có "
                    f"đại diện lãnh đạo {_names(attendees)}. Sau khi nghe báo cáo và ý kiến của các đại biểu "
                    f"dự họp, đồng chí {lv.chair_title} kết luận như sau:")
    else:
        body.append(f"Thực hiện {cite(grounds[0])}, để triển khai hiệu quả công tác {topic_name}, "
                    f"{'Chủ tịch ' + lv.superior if kind in ('tinh', 'xa') else lv.issuer} yêu cầu như sau:")
    body.append("")
    # an assessment section, then the tasks, until the text has its size
    sec = 1
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
             "XVII", "XVIII", "XIX", "XX"]
    if typ == "quyết định":
        body.append(f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện {topic_name}.")
        narrative_heading = None
    else:
        narrative_heading = f"{roman[0] if typ == 'kế hoạch' else '1'}. {'MỤC ĐÍCH, YÊU CẦU' if typ == 'kế hoạch' else 'Đánh giá chung'}"
        body.append(narrative_heading)
    for _ in range(r.randrange(3, 6)):
        body.append(" ".join(r.sample(NARRATIVE, 3)))
    task_heading = 0
    size = sum(len(x.encode("utf-8")) + 1 for x in lines + body)
    while size < TARGET_BYTES - 1500 or not tasks_truth:
        sec += 1
        if typ == "quyết định":
            heading = f"Điều {sec}. Tổ chức thực hiện nhiệm vụ về {r.choice(TOPICS)[0].format(y=issued.year)}:"
        else:
            task_heading += 1
            heading = f"{roman[sec - 1] if typ == 'kế hoạch' else sec}. Nhiệm vụ trọng tâm thời gian tới"
        body.append(heading)
        for k in range(r.randrange(3, 8)):
            sent, truth = _task(r, lv, topic, issued, grounds)
            for c in grounds:
                if c["number"] in truth["based_on"] and c not in cited:
                    cited.append(c)
            marker = "abcdefgh"[k]
            body.append(f"{marker}) {sent}")
            truth["ref"] = f"{sec}.{marker}"
            tasks_truth.append(truth)
            size += len(sent.encode("utf-8")) + 4
        body.append(" ".join(r.sample(NARRATIVE, r.choice([1, 2]))))
        size += len(body[-1].encode("utf-8")) + 1
        size += len(heading.encode("utf-8")) + 1
    if typ == "quyết định":
        sec += 1
        body.append(f"Điều {sec}. Quyết định này có hiệu lực kể từ ngày ký.")
    lines += ["      " + x if x and not x.startswith(" ") else x for x in body]
    lines.append("")
    recipients = ["- Như trên;" if typ != "quyết định" else f"- Như Điều {sec};",
                  f"- {r.choice(['Thường trực', 'Chủ tịch, các Phó Chủ tịch'])} {lv.superior};", "- Lưu: VT."]
    sig_name = signer
    lines.append(_column("Nơi nhận:", lv.sign[0], 52))
    lines.append(_column(recipients[0], lv.sign[1], 52))
    lines += ["  " + x for x in recipients[1:]]
    lines.append("")
    lines.append(f"{'':52}{sig_name}")
    text = "\n".join(lines) + "\n"
    name = f"{i:07d}_{typ.replace(' ', '-')}.txt"
    truth = {"source": name,
             "notice": {"number": number, "issuer": lv.issuer, "date": issued.isoformat(),
                        "signer": {"name": signer, "title": lv.sign[1].capitalize()}},
             "meeting": meeting, "citations": cited, "tasks": tasks_truth}
    return Generated(name, text, truth)


def generate(folder: str | Path, n: int, seed: int = 0) -> Iterator[Path]:
    """Write documents 0..n-1 of corpus ``seed`` into ``folder`` one at a time (``NAME.txt``), with their truth as
    one JSON line each in ``folder/truth.jsonl``; yields each path once written. Nothing is held in memory."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "truth.jsonl", "w", encoding="utf-8", newline="\n") as tf:
        for i in range(n):
            d = document(seed, i)
            p = folder / d.name
            p.write_bytes(d.text.encode("utf-8"))
            tf.write(json.dumps(d.truth, ensure_ascii=False) + "\n")
            yield p


def digest(seed: int, n: int) -> str:
    """sha256 over the first ``n`` documents' bytes (what a determinism check compares)."""
    h = hashlib.sha256()
    for i in range(n):
        h.update(document(seed, i).text.encode("utf-8"))
    return h.hexdigest()
