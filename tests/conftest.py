"""Shared test fixtures: paths to the five sample notices and the record schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
NOTICES_DIR = FIXTURES / "notices"
GOLD_DIR = FIXTURES / "gold"
SCHEMA_PATH = ROOT / "loaders" / "notice-record.schema.json"
NOTICE_PATHS = sorted(NOTICES_DIR.glob("*.txt"))


@pytest.fixture(autouse=True, scope="session")
def _own_data_home(tmp_path_factory):
    """Tests never touch the user's own store nor OCR cache: the default store lives in a folder of the test run
    ($XDG_DATA_HOME), so does the OCR cache ($KG_OCR_CACHE), and $KG_STORE is unset unless a test sets it (as is
    $COLUMNS, the width tables fit); the commands extract in the test's own process ($KG_JOBS=1) unless a test
    passes -j."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
        mp.delenv("KG_STORE", raising=False)
        mp.setenv("KG_OCR_CACHE", str(tmp_path_factory.mktemp("ocr-cache")))  # OCR text of the run's scans
        mp.delenv("KG_OCR", raising=False)
        mp.delenv("COLUMNS", raising=False)  # tables fit $COLUMNS when set: the tests choose it
        mp.setenv("KG_JOBS", "1")  # extraction in the test's process (tests patch the extractor); -j tests say -j
        mp.delenv("KG_CHECK_DISK", raising=False)  # the room on the disk is checked (tests/test_disk_full.py)
        yield


@pytest.fixture
def notices_dir() -> Path:
    return NOTICES_DIR


@pytest.fixture
def notice_paths() -> list[Path]:
    assert len(NOTICE_PATHS) == 5, NOTICE_PATHS
    return list(NOTICE_PATHS)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    """The five sample notices extracted, once per test module (a module that needs others defines its own)."""
    from loaders.extract import extract_path

    return [extract_path(p) for p in NOTICE_PATHS]


@pytest.fixture(scope="session")
def record_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def runner():
    """A click CliRunner that keeps stderr apart from stdout (click 8.1 and 8.2+)."""
    from click.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2: stderr is always separate
        return CliRunner()


def pytest_collection_modifyitems(config, items):
    """Tests marked ``slow`` run only with ``KG_RUN_SLOW=1`` (``.ci/run`` sets it)."""
    import os

    if os.environ.get("KG_RUN_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: set KG_RUN_SLOW=1 to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
