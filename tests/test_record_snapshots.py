"""The full records of every real fixture document, compared exactly with the committed snapshot.

Each document under ``tests/fixtures`` (``.txt``, ``.md``, ``.docx``, ``.pdf``; the snapshots themselves and the
gold files aside) has its expected record, or its one-line refusal, in ``tests/fixtures/records/<path>.json``.
A change to the extractor that changes any field of any of them fails here; speed work (``loaders``) must keep
them byte-identical. The paths in a record and in an error are written relative to ``tests/fixtures`` with ``/``
(so the snapshot does not depend on the checkout's location or the OS).

Regenerate only deliberately, after checking the differences, with::

    python tests/test_record_snapshots.py --write
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SNAPSHOTS = FIXTURES / "records"
SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def documents() -> list[Path]:
    """The fixture documents a snapshot is kept for (sorted, the snapshot folder excluded)."""
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                  and SNAPSHOTS not in p.parents)


def label(path: Path) -> str:
    return path.relative_to(FIXTURES).as_posix()


def snapshot_path(path: Path) -> Path:
    return SNAPSHOTS / (label(path) + ".json")


def current(path: Path) -> dict:
    """What the extractor gives for ``path`` now: the record, or ``{"error": <message>}`` for a refused file."""
    from loaders.errors import InputError
    from loaders.extract import extract_path

    try:
        rec = extract_path(path)
    except InputError as e:
        return {"error": str(e).replace(str(path), label(path))}
    rec["source"]["path"] = label(path)
    return rec


def dumps(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False, indent=1) + "\n"


def test_every_document_has_a_snapshot():
    docs = documents()
    assert len(docs) >= 50, len(docs)
    missing = [label(p) for p in docs if not snapshot_path(p).is_file()]
    assert missing == []
    stale = sorted(p.relative_to(SNAPSHOTS).as_posix() for p in SNAPSHOTS.rglob("*.json")
                   if not (FIXTURES / p.relative_to(SNAPSHOTS).as_posix()[:-len(".json")]).is_file())
    assert stale == []


@pytest.mark.parametrize("path", documents(), ids=label)
def test_record_unchanged(path: Path):
    expected = snapshot_path(path).read_text(encoding="utf-8")
    assert dumps(current(path)) == expected


if __name__ == "__main__":  # python tests/test_record_snapshots.py --write
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    sys.path.insert(0, str(FIXTURES.parent.parent))
    for p in documents():
        target = snapshot_path(p)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dumps(current(p)), encoding="utf-8", newline="\n")
        print(target)
