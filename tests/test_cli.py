"""The ``kg`` command line, end to end through click's CliRunner."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import kg
from kg import tables
from kg.cli import main
from kg.cli.extract import fmt_date

NOT_A_NOTICE = (
    "Cách nấu phở bò\n\nNguyên liệu: xương bò, bánh phở, hành, gừng, quế, hồi.\n"
    "Ninh xương trong 6 giờ, nêm nước mắm vừa ăn, chan nước dùng lên bánh phở.\n"
)
TABLE_HEADERS = [
    "Số:", "Cơ quan ban hành:", "Ngày:", "Người ký:",
    "Ngày họp:", "Hình thức:", "Chủ trì:", "Địa bàn:", "Thành phần:",
    "Số hiệu", "Loại", "Ngày", "Cơ quan ban hành",
    "Mục", "Chủ trì", "Phối hợp", "Hạn", "Căn cứ", "Báo cáo", "Nội dung",
]


def error_lines(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("Lỗi:")]


def test_extract_one_prints_record(runner, notice_paths):
    path = notice_paths[0]
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    assert rec["source"]["path"] == str(path)
    assert rec["source"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    for key in ("notice", "meeting", "citations", "tasks"):
        assert key in rec
    assert "\\u" not in result.stdout  # ensure_ascii=False: Vietnamese stays readable
    assert result.stdout.startswith("{\n  ")  # indented by default
    assert error_lines(result) == []


def test_extract_compact(runner, notice_paths):
    result = runner.invoke(main, ["extract", "--compact", str(notice_paths[1])])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert json.loads(result.stdout)["source"]["path"] == str(notice_paths[1])


@pytest.mark.parametrize("compact", [False, True])
def test_extract_several_prints_array(runner, notice_paths, compact):
    args = ["extract", *map(str, notice_paths[:3])] + (["--compact"] if compact else [])
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    recs = json.loads(result.stdout)
    assert [r["source"]["path"] for r in recs] == [str(p) for p in notice_paths[:3]]
    if not compact:  # same text as json.dumps(list, indent=2)
        assert result.stdout.rstrip("\n") == json.dumps(recs, ensure_ascii=False, indent=2)


def test_extract_directory_expands_sorted(runner, notices_dir, notice_paths):
    result = runner.invoke(main, ["extract", str(notices_dir)])
    assert result.exit_code == 0, result.stderr
    recs = json.loads(result.stdout)
    assert [r["source"]["path"] for r in recs] == [str(p) for p in notice_paths]


def test_extract_out_writes_one_file_per_notice(runner, notice_paths, tmp_path):
    out = tmp_path / "records" / "nested"
    result = runner.invoke(main, ["extract", *map(str, notice_paths), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(p.stem + ".json" for p in notice_paths)
    for p in notice_paths:
        rec = json.loads((out / f"{p.stem}.json").read_text(encoding="utf-8"))
        assert rec["source"]["sha256"] == hashlib.sha256(p.read_bytes()).hexdigest()
    lines = result.stderr.splitlines()
    for p in notice_paths:
        assert any(str(p) in ln and "nhiệm vụ" in ln for ln in lines)
    assert lines[-1] == "Đã trích xuất 5/5 tệp; 0 lỗi"


def test_extract_table(runner, notice_paths):
    result = runner.invoke(main, ["extract", "--format", "table", str(notice_paths[0])])
    assert result.exit_code == 0, result.stderr
    for header in TABLE_HEADERS:
        assert header in result.stdout, header
    assert "Văn bản được trích dẫn" in result.stdout and "Nhiệm vụ" in result.stdout
    assert "Cuộc họp" in result.stdout
    widest = max(len(ln) for ln in result.stdout.splitlines())
    assert widest < 250


def test_table_content_is_truncated(runner, notice_paths):
    result = runner.invoke(main, ["extract", "--format", "table", str(notice_paths[2])])
    assert result.exit_code == 0, result.stderr
    task_lines = [ln for ln in result.stdout.splitlines() if ln.count(" | ") >= 6]
    assert task_lines
    assert all(len(ln.rsplit(" | ", 1)[1]) <= 70 for ln in task_lines)


def _bad_inputs(tmp_path):
    """name -> path of a file that must fail with a one-line error."""
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\t\r\n ")
    (d / "binary.txt").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    (d / "recipe.txt").write_text(NOT_A_NOTICE, encoding="utf-8")
    (d / "notice.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (d / "notice.wpd").write_bytes(b"\xffWPC WordPerfect")
    (d / "empty_dir").mkdir()
    return {
        "missing": (d / "missing.txt", "không tìm thấy tệp"),
        "empty": (d / "empty.txt", "tệp rỗng"),
        "whitespace": (d / "blank.txt", "tệp rỗng"),
        "binary": (d / "binary.txt", "không phải tệp văn bản"),
        "not a notice": (d / "recipe.txt", "không phải thông báo"),
        "corrupt word": (d / "notice.docx", "không đọc được tệp Word .docx"),
        "unsupported": (d / "notice.wpd", "định dạng chưa được hỗ trợ: .wpd"),
        "empty directory": (d / "empty_dir", "thư mục không có tệp"),
    }


BAD_CASES = ["missing", "empty", "whitespace", "binary", "not a notice", "corrupt word", "unsupported", "empty directory"]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_is_one_line_and_batch_goes_on(runner, notice_paths, tmp_path, case):
    bad, reason = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    good = notice_paths[:2]
    result = runner.invoke(main, ["extract", str(good[0]), str(bad), str(good[1]), "--out", str(out)])
    assert result.exit_code == 1
    errors = error_lines(result)
    assert errors == [errors[0]] and len(errors) == 1, result.stderr
    assert errors[0].startswith(f"Lỗi: {bad}: ")
    assert reason in errors[0]
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + ".json" for p in good)
    assert result.stderr.splitlines()[-1] == "Đã trích xuất 2/3 tệp; 1 lỗi"


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_single_input_to_stdout(runner, tmp_path, case):
    bad, reason = _bad_inputs(tmp_path)[case]
    result = runner.invoke(main, ["extract", str(bad)])
    assert result.exit_code == 1
    assert len(error_lines(result)) == 1 and reason in error_lines(result)[0]
    assert "Traceback" not in result.stderr


def test_all_bad_inputs_in_one_batch(runner, notice_paths, tmp_path):
    bad = _bad_inputs(tmp_path)
    result = runner.invoke(main, ["extract", str(notice_paths[0]), *(str(p) for p, _ in bad.values())])
    assert result.exit_code == 1
    errors = error_lines(result)
    assert len(errors) == len(bad)
    for (path, reason), line in zip(bad.values(), errors):
        assert line.startswith(f"Lỗi: {path}: ") and reason in line
    recs = json.loads(result.stdout)
    assert [r["source"]["path"] for r in recs] == [str(notice_paths[0])]
    assert result.stderr.splitlines()[-1] == f"Đã trích xuất 1/{len(bad) + 1} tệp; {len(bad)} lỗi"


def test_unexpected_exception_is_one_line(runner, notice_paths, tmp_path, monkeypatch):
    from loaders import extract

    real = extract.extract_path
    victim = notice_paths[1]

    def flaky(path):
        if str(path) == str(victim):
            raise KeyError("không có khóa\nnhiều dòng")
        return real(path)

    monkeypatch.setattr(extract, "extract_path", flaky)
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", *map(str, notice_paths), "--out", str(out)])
    assert result.exit_code == 1
    errors = error_lines(result)
    assert len(errors) == 1 and errors[0].startswith(f"Lỗi: {victim}: ") and "KeyError" in errors[0]
    assert "Traceback" not in result.stderr
    assert len(list(out.iterdir())) == 4


def test_same_stem_twice_is_an_error_not_an_overwrite(runner, notice_paths, tmp_path):
    copy = tmp_path / "other" / notice_paths[0].name
    copy.parent.mkdir()
    copy.write_bytes(notice_paths[0].read_bytes())
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(notice_paths[0]), str(copy), "--out", str(out)])
    assert result.exit_code == 1
    errors = error_lines(result)
    assert len(errors) == 1 and str(copy) in errors[0] and "trùng tên" in errors[0]
    rec = json.loads((out / f"{notice_paths[0].stem}.json").read_text(encoding="utf-8"))
    assert rec["source"]["path"] == str(notice_paths[0])


def test_directory_takes_supported_formats_only(runner, notice_paths, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "b.md").write_bytes(notice_paths[1].read_bytes())
    (d / "a.txt").write_bytes(notice_paths[0].read_bytes())
    (d / "c.wpd").write_bytes(b"\xffWPC")
    (d / "notes.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(d)])
    assert result.exit_code == 0, result.stderr
    assert [r["source"]["path"] for r in json.loads(result.stdout)] == [str(d / "a.txt"), str(d / "b.md")]


def test_usage_error_exit_code(runner):
    assert runner.invoke(main, ["extract"]).exit_code == 2
    assert runner.invoke(main, ["extract", "--format", "xml", "x.txt"]).exit_code == 2


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kg {kg.__version__}"


@pytest.mark.parametrize("args", [[], ["extract"], ["demo"]])
def test_help_has_example(runner, args):
    result = runner.invoke(main, [*args, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert "    kg " in result.stdout


def test_demo(runner, notice_paths, tmp_path):
    out = tmp_path / "demo"
    result = runner.invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    for p in notice_paths:
        assert p.name in result.stdout
    assert result.stdout.count("=== Thông báo:") == 5
    last = [ln for ln in result.stdout.splitlines() if ln.startswith("Tổng cộng:")]
    assert len(last) == 1
    for word in ("5 thông báo", "văn bản được trích dẫn", "nhiệm vụ", "đơn vị được giao"):
        assert word in last[0]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + ".json" for p in notice_paths)


def test_samples_match_fixtures(notice_paths):
    from kg.cli.extract import sample_names
    from importlib import resources

    assert sample_names() == [p.name for p in notice_paths]
    root = resources.files("kg").joinpath("samples")
    for p in notice_paths:
        assert root.joinpath(p.name).read_bytes() == p.read_bytes()


@pytest.mark.parametrize("iso, shown", [
    ("2026-05-21", "21/05/2026"), ("2026-05", "05/2026"), ("2026", "2026"),
    ("2024-Q3", "Quý III/2024"), (None, None), ("sớm", "sớm"),
])
def test_fmt_date(iso, shown):
    assert fmt_date(iso) == shown


def test_table_widths_vietnamese():
    nfd = "Nghi\u0323 quyê\u0301t"  # NFD: combining marks take no column
    assert tables.width("Nghị quyết") == tables.width(nfd) == 10
    assert tables.width("漢字") == 4
    assert tables.truncate("Nghị quyết số 24", 8) == "Nghị qu…"
    text = tables.table(["Số hiệu", "Loại"], [["24-NQ/TU", nfd], [None, ["a", "b"]]])
    lines = text.splitlines()
    assert lines[0] == "Số hiệu  | Loại"
    assert lines[2] == "24-NQ/TU | Nghị quyết"  # NFC in the output
    assert lines[3:] == ["—        | a", "         | b"]


@pytest.mark.parametrize("name,kind", [("tinh_uy_ke_hoach.txt", "Kế hoạch"), ("ttg_quyet_dinh.txt", "Quyết định"),
                                       ("xa_cong_dien.txt", "Công điện"), ("bo_cong_van.txt", "Công văn")])
def test_table_title_names_the_document_type(runner, name, kind):
    path = Path(__file__).parent / "fixtures" / "header" / name
    result = runner.invoke(main, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"=== {kind}: {path} ==="
