"""The quality bar: `kg extract` on the five sample notices, scored by the shared scorer against the gold."""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import GOLD_DIR, NOTICE_PATHS, ROOT

BAR = {"citations": 0.95, "assignments": 0.85, "deadlines": 0.90, "dependencies": 0.80}
META_BAR = 0.9
META_FIELDS = ["notice.number", "notice.date", "notice.signer", "meeting.date", "meeting.chair",
               "meeting.communes", "meeting.attendees"]


def _scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "scoring" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    import contextlib
    import io

    from kg.cli import main as cli
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("records")
    res = CliRunner().invoke(cli, ["extract", *map(str, NOTICE_PATHS), "--out", str(out)])
    assert res.exit_code == 0, res.output
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = _scorer().main(["score.py", str(GOLD_DIR), str(out), "--json"])
    assert rc == 0
    return json.loads(buf.getvalue())


@pytest.mark.parametrize("kind", sorted(BAR))
def test_fact_f1_meets_bar(scores, kind):
    assert scores[kind]["f1"] >= BAR[kind], scores[kind]


def test_task_recall(scores):
    assert scores["task_recall"] >= 0.90


@pytest.mark.parametrize("field", META_FIELDS)
def test_metadata_accuracy(scores, field):
    assert scores["meta_accuracy"][field] >= META_BAR, scores["meta_accuracy"]


def test_no_missing_records(scores):
    assert scores["missing_records"] == []
