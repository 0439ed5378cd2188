"""Every record extracted from the sample notices honours loaders/notice-record.schema.json."""

from __future__ import annotations

import hashlib

import pytest
from jsonschema import Draft202012Validator

from conftest import NOTICE_PATHS
from loaders.extract import extract_path, extract_source
from loaders.read import read_source


def test_schema_is_valid_draft_2020_12(record_schema):
    Draft202012Validator.check_schema(record_schema)


@pytest.fixture(scope="module")
def records():
    return {p.name: extract_path(p) for p in NOTICE_PATHS}


@pytest.mark.parametrize("path", NOTICE_PATHS, ids=[p.name for p in NOTICE_PATHS])
def test_record_validates(records, record_schema, path):
    rec = records[path.name]
    errors = sorted(Draft202012Validator(record_schema).iter_errors(rec), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors[:20])


@pytest.mark.parametrize("path", NOTICE_PATHS, ids=[p.name for p in NOTICE_PATHS])
def test_record_source(records, path):
    src = records[path.name]["source"]
    assert src["path"] == str(path)
    assert src["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("path", NOTICE_PATHS, ids=[p.name for p in NOTICE_PATHS])
def test_record_is_internally_consistent(records, path):
    """What the schema cannot say: cross-references inside one record."""
    rec = records[path.name]
    numbers = [c["number"] for c in rec["citations"]]
    assert len(numbers) == len(set(numbers)), "citations are listed once each"
    for t in rec["tasks"]:
        assert set(t["based_on"]) <= set(numbers), (t["ref"], t["based_on"])
    text_len = len(read_source(path).text)
    spans = [t["span"] for t in rec["tasks"] if "span" in t]
    spans += [s for c in rec["citations"] for s in c.get("spans", [])]
    for start, end in spans:
        assert 0 <= start < end <= text_len, (start, end)
    ids = [t["id"] for t in rec["tasks"] if "id" in t]
    assert len(ids) == len(set(ids)), "task ids are unique"
    for r in rec.get("relations", []):
        assert r["kind"] in ("implements", "refers_to"), r
        assert r["target"] in numbers or r["source"] in numbers, r


def test_extract_path_is_extract_source_of_read_source():
    path = NOTICE_PATHS[0]
    assert extract_path(path) == extract_source(read_source(path))
