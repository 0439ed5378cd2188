"""The quality bar: `kg extract` on scored document sets, scored by the shared scorer against the gold.

Two sets: the five sample notices (``tests/fixtures/notices`` + ``gold``) and thirteen real documents
from two other provinces as offices keep them (``tests/fixtures/extra13``: drafts, công văn, a
pdftotext layout export). Each bar sits within 0.03 of what the extractor achieves, so that a
regression fails; raise them when the extractor improves.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json

import pytest

from conftest import FIXTURES, GOLD_DIR, NOTICES_DIR, ROOT

SETS = {
    "samples": (NOTICES_DIR, GOLD_DIR),
    "extra13": (FIXTURES / "extra13" / "texts", FIXTURES / "extra13" / "gold"),
}
# per set: fact F1 bars, the macro F1 bar (the shared scorer's headline number) and metadata accuracy bars
BAR = {
    "samples": {"citations": 0.97, "assignments": 0.97, "deadlines": 0.97, "dependencies": 0.95, "report_to": 0.97,
                "macro_f1": 0.97, "task_recall": 0.97},
    "extra13": {"citations": 0.97, "assignments": 0.95, "deadlines": 0.94, "dependencies": 0.97, "report_to": 0.86,
                "macro_f1": 0.96, "task_recall": 0.97},
}
META_BAR = {
    "samples": dict.fromkeys(["notice.number", "notice.date", "notice.signer", "meeting.date", "meeting.chair",
                              "meeting.kind", "meeting.communes", "meeting.attendees"], 0.97),
    "extra13": {"notice.number": 0.97, "notice.date": 0.97, "notice.signer": 0.97, "meeting.date": 0.97,
                "meeting.chair": 0.97, "meeting.kind": 0.97, "meeting.communes": 0.97, "meeting.attendees": 0.97},
}


def _scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "scoring" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request, tmp_path_factory):
    from click.testing import CliRunner

    from kg.cli import main as cli

    texts, gold = SETS[request.param]
    out = tmp_path_factory.mktemp(f"records-{request.param}")
    res = CliRunner().invoke(cli, ["extract", str(texts), "--out", str(out)])
    assert res.exit_code == 0, res.output
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = _scorer().main(["score.py", str(gold), str(out), "--json"])
    assert rc == 0
    return request.param, json.loads(buf.getvalue())


def test_fact_f1_meets_bar(scored):
    name, scores = scored
    low = {k: scores[k]["f1"] for k in ("citations", "assignments", "deadlines", "dependencies", "report_to")
           if scores[k]["f1"] < BAR[name][k]}
    assert not low, (name, low)


def test_macro_f1_and_task_recall(scored):
    name, scores = scored
    assert scores["macro_f1"] >= BAR[name]["macro_f1"], (name, scores["macro_f1"])
    assert scores["task_recall"] >= BAR[name]["task_recall"], (name, scores["task_recall"])


def test_metadata_accuracy(scored):
    name, scores = scored
    low = {k: v for k, v in scores["meta_accuracy"].items() if v < META_BAR[name][k]}
    assert not low, (name, low)


def test_no_missing_records(scored):
    assert scored[1]["missing_records"] == []
