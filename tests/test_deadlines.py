"""Deadlines on a whole notice: clock time, repeating times, and a 'Thời hạn:' line under an item."""

from __future__ import annotations

import pytest

from loaders.extract import extract_text

NOTICE = """ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN

Số: 12/TB-UBND

Lạng Sơn, ngày 10 tháng 5 năm 2026

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với các sở, ngành

Ngày 05/5/2026, Chủ tịch UBND tỉnh làm việc với các sở, ngành. Chủ tịch UBND tỉnh kết luận như sau:

1. Giao Sở Tài chính rà soát danh mục dự án đầu tư công năm 2026.
Thời gian hoàn thành: trước ngày 30/6/2026.

2. Giao Sở Xây dựng hướng dẫn các xã lập quy hoạch chung. Hoàn thành trong tháng 7/2026.

3. Giao Sở Nội vụ tổng hợp kết quả cải cách hành chính, báo cáo UBND tỉnh trước ngày 15 hằng tháng.

4. Giao Sở Y tế tổ chức Hội nghị tổng kết vào ngày 20/6/2026.

5. Giao Công an tỉnh báo cáo UBND tỉnh trước 14 giờ ngày 08/6/2026.

6. Giao Sở Công Thương chủ trì xây dựng kế hoạch phát triển thương mại điện tử, báo cáo UBND tỉnh.
Thời hạn: 30/9/2026.

7. Giao Sở Tư pháp thường xuyên kiểm tra, đôn đốc việc thực hiện, báo cáo UBND tỉnh.

8. Giao Sở Văn hóa, Thể thao và Du lịch chủ trì xây dựng đề án phát triển du lịch cộng đồng.
Hoàn thành trong tháng 8/2026.

Nơi nhận:
- Như trên;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn A
"""


@pytest.fixture(scope="module")
def tasks() -> dict:
    return {t["ref"]: t for t in extract_text(NOTICE)["tasks"]}


@pytest.mark.parametrize("ref, deadline, time, recurrence", [
    ("1", "2026-06-30", None, None),  # the 'Thời gian hoàn thành:' line under the item
    ("2", "2026-07", None, None),  # the next sentence of the item
    ("3", None, None, {"rule": "monthly", "on": "15", "text": "trước ngày 15 hằng tháng"}),
    ("4", None, None, None),  # an event date is not a deadline
    ("5", "2026-06-08", "14:00", None),
    ("6", "2026-09-30", None, None),  # 'Thời hạn:' line
    ("7", None, None, {"rule": "continuous", "on": None, "text": "thường xuyên"}),
    ("8", "2026-08", None, None),  # a line under the item that is only its deadline
])
def test_deadline_forms(tasks, ref, deadline, time, recurrence):
    t = tasks[ref]
    assert (t["deadline"], t["deadline_time"], t["recurrence"]) == (deadline, time, recurrence)


def test_deadline_line_is_not_a_task(tasks):
    assert sorted(tasks) == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert not any(t["text"].startswith(("Thời hạn", "Thời gian hoàn thành", "Hoàn thành")) for t in tasks.values())


@pytest.mark.parametrize("text, expected", [
    ("Sở Y tế báo cáo trước ngày 30/6 hằng năm.", ("yearly", "06-30")),
    ("Sở Y tế báo cáo trước ngày 29/02 hằng năm.", ("yearly", "02-29")),
    # no such day: the rule stands, without a day; never an impossible date
    ("Sở Y tế báo cáo trước ngày 31/02 hằng năm.", ("yearly", None)),
    ("Sở Y tế báo cáo trước ngày 45 hằng tháng.", ("monthly", None)),
    ("Sở Y tế báo cáo trước ngày 15 tháng 54 năm 2026.", None),
])
def test_no_impossible_day_in_deadlines_or_recurrences(text, expected):
    from loaders.dates import find_deadlines, find_recurrence
    rec = find_recurrence(text)
    assert ((rec.rule, rec.on) if rec else None) == expected
    assert find_deadlines(text, 2026) == []
