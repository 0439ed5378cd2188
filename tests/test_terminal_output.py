"""What the listing commands print to a person: tables that fit the terminal's width (``--wide`` for everything),
and no internal keys or English kind names in ``kg stats`` / ``kg show``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sample_store
from kg import tables
from kg.cli import main

pytest.importorskip("ladybug")

KEY = re.compile(r"\b(?:agency|committee|agencygroup|group|doc|notice|person|post|unit|meeting|task):\S|@(?:tinh|xa|phuong)-")
ENGLISH = re.compile(r"\b(?:Agency|Committee|AgencyGroup|Document|Person|Notice|Task|AdminUnit|missing word|garbled word)\b")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return sample_store.build(tmp_path_factory.mktemp("terminal") / "g.lbug")


def run(runner, args, store, columns=None):
    env = {"COLUMNS": str(columns)} if columns else {"COLUMNS": ""}
    res = runner.invoke(main, [*args, "--store", str(store)], env=env)
    assert res.exit_code == 0, res.stderr
    return res.stdout


def widths(text: str) -> list[int]:
    return [tables.width(line) for line in text.splitlines()]


# ---------------------------------------------------------------------------------------------------
# kg.tables


def test_a_table_fits_the_width_and_keeps_every_word():
    text = "Báo cáo kết quả thực hiện về UBND tỉnh trước ngày 30/6/2026 qua Sở Nội vụ tổng hợp"
    rows = [["NV-e42617", "2026-06-10", ["Sở Y tế", "UBND xã Khuất Xá"], text]]
    out = tables.table(["Mã", "Hạn", "Chủ trì", "Nội dung"], rows, max_widths={3: 60}, total_width=50)
    assert max(widths(out)) <= 50
    lines = out.splitlines()
    assert lines[0].startswith("Mã        | Hạn        | Chủ trì") and lines[0].endswith("| Nội dung")
    assert [ln.split(" | ")[0].strip() for ln in lines[2:]][0] == "NV-e42617"  # short codes are not broken
    words = " ".join(ln.split(" | ")[3].strip() for ln in lines[2:] if len(ln.split(" | ")) > 3)
    assert words.split() == text.split()
    assert tables.table(["Mã", "Nội dung"], [["NV-1", text]]) == tables.table(["Mã", "Nội dung"], [["NV-1", text]],
                                                                             total_width=None)


def test_headers_wrap_when_their_column_must_narrow():
    out = tables.table(["Mã", "Được giao với tư cách", "Nội dung"], [["NV-1", "nhóm UBND các xã", "x " * 40]],
                       max_widths={2: 60}, total_width=40)
    assert max(widths(out)) <= 40
    assert out.splitlines()[0].startswith("Mã   | Được giao") and "tư cách" in out.splitlines()[1]


def test_floors_win_over_a_width_too_small():
    out = tables.table(["Mã", "Nội dung"], [["NV-e42617", "một hai ba bốn năm sáu bảy"]], total_width=5)
    assert [ln for ln in out.splitlines() if ln.startswith("NV")] == ["NV-e42617 | một"]  # ids stay whole
    assert tables.fit_widths([9, 40], [6, 6], 5) == [6, 6]


# ---------------------------------------------------------------------------------------------------
# the commands


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_listings_fit_the_terminal(runner, store, columns):
    for args in (["deadlines", "--as-of", "01/06/2026"], ["workload", "Sở Y tế", "--as-of", "01/06/2026"],
                 ["trace", "Nghị quyết 02/2026"], ["show", "notice", "97/TB-UBND"], ["show", "task", "NV-e42617"],
                 ["show", "agency", "Sở Y tế"], ["show", "leader", "Trần Thanh Nhân"], ["show", "doc", "141/KH-UBND"],
                 ["stats"]):
        if args[0] == "trace" and columns < 100:
            continue  # nine columns: ids, numbers and dates are never broken, so trace needs 100
        out = run(runner, args, store, columns)
        too_wide = [ln for ln in out.splitlines() if tables.width(ln) > columns]
        assert too_wide == [], (args, columns, too_wide[:3])


def test_wide_shows_whole_texts_on_one_line(runner, store):
    narrow = run(runner, ["deadlines", "--as-of", "01/06/2026"], store, 80)
    wide = run(runner, ["deadlines", "--as-of", "01/06/2026", "--wide"], store, 80)
    assert max(widths(narrow)) <= 80 < max(widths(wide))
    from kg.graph import KnowledgeGraph

    with KnowledgeGraph.open(store, read_only=True) as kg:
        rows = kg.deadlines(as_of=__import__("datetime").date(2026, 6, 1))
    longest = max((r["text"] for r in rows), key=len)
    assert len(longest) > 200
    assert longest in wide and longest not in narrow  # whole, on one line, only with --wide
    assert len(wide.splitlines()) < len(narrow.splitlines())


def test_a_pipe_without_columns_keeps_the_column_caps(runner, store):
    """Output to a file or pipe (no terminal, no $COLUMNS): the commands' own caps, as before."""
    out = run(runner, ["deadlines", "--as-of", "01/06/2026"], store)
    assert 80 < max(widths(out)) <= 9 + 24 + 24 + 30 + 10 + 36 + 60 + 6 * 3


def test_stats_and_show_print_no_internal_keys_nor_english_kind_names(runner, store):
    outputs = {" ".join(a): run(runner, a, store, 100) for a in (
        ["stats"], ["show", "agency", "Sở Y tế"], ["show", "agency", "UBND tỉnh Lạng Sơn"],
        ["show", "leader", "Trần Thanh Nhân"], ["show", "notice", "97/TB-UBND"], ["show", "task", "NV-e42617"],
        ["show", "doc", "141/KH-UBND"])}
    for args, out in outputs.items():
        assert KEY.findall(out) == [], args
        assert ENGLISH.findall(out) == [], args
    assert "Khóa" not in "".join(outputs.values())
    stats = outputs["stats"]
    assert "Tên chưa gộp được vì chưa rõ thuộc đơn vị nào (1):\n  - 06 (văn bản, tỉnh Lạng Sơn)\n" in stats
    agency = outputs["show agency Sở Y tế"].splitlines()
    assert agency[:3] == ["Tên:     Sở Y tế", "Loại:    cơ quan, đơn vị", "Phạm vi: tỉnh Lạng Sơn"]
    assert outputs["show agency UBND tỉnh Lạng Sơn"].splitlines()[1] == "Loại:    UBND, HĐND"


def test_json_keeps_the_keys_for_machines(runner, store):
    import json

    res = runner.invoke(main, ["stats", "--json", "--store", str(store)])
    assert [a["key"] for a in json.loads(res.stdout)["ambiguous"]] == ["doc:de-an-06@tinh-lang-son"]
