"""The benchmark corpus generator (benchmarks/corpus.py) makes valid, distinct, deterministic records.

Fast on purpose (one small corpus); no timing assertions.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402

ISO = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-Q[1-4])?$")
N = 60


@pytest.fixture(scope="module")
def recs() -> list[dict]:
    return corpus.make_corpus(N, seed=0)


def test_count_and_plain_dicts(recs):
    assert len(recs) == N
    assert all(type(r) is dict and type(r["notice"]) is dict and type(r["tasks"]) is list for r in recs)


def test_first_five_are_the_real_samples(recs):
    from loaders.extract import extract_path

    real = [extract_path(p) for p in sorted(corpus.SAMPLES_DIR.glob("*.txt"))]
    assert recs[:5] == real


def test_distinct_paths_shas_and_notice_keys(recs):
    from kg.model import notice_key

    assert len({r["source"]["path"] for r in recs}) == N
    assert len({r["source"]["sha256"] for r in recs}) == N
    assert len({notice_key(r) for r in recs}) == N
    assert all(re.fullmatch(r"[0-9a-f]{64}", r["source"]["sha256"]) for r in recs)
    ids = [t["id"] for r in recs for t in r["tasks"]]
    assert len(ids) == len(set(ids))


def test_deterministic():
    a = corpus.make_corpus(12, seed=3)
    assert a == corpus.make_corpus(12, seed=3)
    assert [r["source"]["sha256"] for r in a[5:]] != [r["source"]["sha256"] for r in corpus.make_corpus(12, seed=4)[5:]]


def test_schema_valid(recs, record_schema):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(record_schema)
    for r in recs[::7] + recs[-3:]:
        errors = sorted(validator.iter_errors(r), key=str)
        assert not errors, (r["source"]["path"], [e.message for e in errors[:3]])


def test_dates_keep_iso_shapes(recs):
    dates = []
    for r in recs:
        dates += [r["notice"]["date"], (r["meeting"] or {}).get("date")]
        dates += [c["date"] for c in r["citations"]]
        dates += [t["deadline"] for t in r["tasks"]]
        dates += [d["value"] for t in r["tasks"] for d in t.get("deadlines") or []]
    dates = [d for d in dates if d is not None]
    assert dates and all(ISO.match(d) for d in dates)
    from loaders.dates import last_day

    for d in dates:  # and they are real calendar dates
        import datetime as dt

        dt.date.fromisoformat(last_day(d))


def test_provinces_rotate_and_scope_follows(recs):
    from kg.resolve import scope_of

    provinces = Counter(r["notice"]["province"] for r in recs)
    assert len(provinces) >= 4
    for r in recs:
        p = r["notice"]["province"]
        assert p and p.removeprefix("tỉnh ") in corpus.PROVINCES
        assert scope_of(r).province == p
        if r["notice"]["issuer"].startswith("UBND tỉnh"):
            assert r["notice"]["issuer"] == "UBND " + p


def test_citations_national_kept_local_renumbered(recs):
    from kg.resolve import Scope, document_scope

    base = {c["number"] for r in recs[:5] for c in r["citations"]}
    variants = Counter(c["number"] for r in recs[5:] for c in r["citations"])
    national = {n for n in variants if document_scope(n, None, Scope("tỉnh Lạng Sơn")) == "vn"}
    assert national and national <= base  # national numbers are never renumbered ...
    assert any(variants[n] > 1 for n in national)  # ... so several notices cite them
    local_new = [n for n in variants if n not in base]
    assert local_new  # local numbers are
    for r in recs:  # references stay consistent with the citations
        nums = {c["number"] for c in r["citations"]}
        assert all(b in nums for t in r["tasks"] for b in t["based_on"])
        assert all(x["source"] in nums and x["target"] in nums for x in r.get("relations") or [])


def test_agencies_shared_and_some_unique(recs):
    names = Counter()
    for r in recs[5:]:
        for n in {a["name"] for t in r["tasks"] for a in t["assignees"]}:
            names[n] += 1
    assert sum(1 for c in names.values() if c > 1) >= 10  # reused across notices
    assert any(c == 1 for c in names.values())  # and some named once


def test_changed_keeps_path_new_sha(recs):
    r = recs[7]
    c = corpus.changed(r, 0)
    assert c["source"]["path"] == r["source"]["path"]
    assert c["source"]["sha256"] != r["source"]["sha256"]
    assert corpus.changed(r, 1)["source"]["sha256"] != c["source"]["sha256"]
    assert r == corpus.make_corpus(8)[7]  # the original is untouched
