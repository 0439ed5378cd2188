"""Formatting noise must not change the result: markdown, <sup> marks, hard line breaks, stray spaces."""

from __future__ import annotations

import re

import pytest

from conftest import NOTICES_DIR
from kg.recipes import Registry
from loaders.extract import extract_text
from loaders.normalize import normalize
from loaders.structure import build_layout


def facts(rec):
    return {
        "number": rec["notice"]["number"], "date": rec["notice"]["date"],
        "signer": (rec["notice"]["signer"] or {}).get("name"),
        "meeting": {k: rec["meeting"][k] for k in ("date", "kind", "communes", "attendees")} if rec["meeting"] else None,
        "citations": sorted((c["number"], c["type"], c["date"], c["issuer"]) for c in rec["citations"]),
        "tasks": [(t["ref"], tuple((a["name"], a["role"]) for a in t["assignees"]), t["deadline"], tuple(t["based_on"]),
                   tuple(t["report_to"])) for t in rec["tasks"]],
    }


def demarkdown(text: str) -> str:
    text = re.sub(r"<sup>(\d+)</sup>", lambda m: m.group(1).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")), text)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    return text.replace("***", "").replace("**", "")


def test_markdown_and_sup_marks_do_not_change_the_result():
    raw = (NOTICES_DIR / "001_3532e76df9f04fae.txt").read_text(encoding="utf-8")
    assert "**" in raw and "<sup>" in raw
    assert facts(extract_text(demarkdown(raw))) == facts(extract_text(raw))


def test_hard_line_breaks_do_not_change_the_result():
    raw = (NOTICES_DIR / "003_1b646a5e51cf4e82.txt").read_text(encoding="utf-8")
    # the same notice with one line per paragraph
    paras = build_layout(normalize(raw)).paragraphs
    flowed = "\n\n".join(p.text for p in paras)
    assert len(flowed.splitlines()) < len(raw.splitlines()) / 2
    assert facts(extract_text(flowed)) == facts(extract_text(raw))


def test_stray_spaces_and_crlf_do_not_change_the_result():
    raw = (NOTICES_DIR / "004_35c0fac5215235e0.txt").read_text(encoding="utf-8")
    noisy = raw.replace("\n", "  \r\n").replace("Số: 97 /TB-UBND", "Số:  97 / TB-UBND")
    a, b = facts(extract_text(raw)), facts(extract_text(noisy))
    assert a == b and a["number"] == "97/TB-UBND"


def test_every_shipped_recipe_loads_with_its_declared_parameters():
    reg = Registry.load()
    assert {"trace_document", "workload", "deadlines", "find_documents", "find_orgs", "stats", "ambiguous",
            "leader_meetings", "notice_info"} <= set(reg.names())
    for name in reg.names():
        r = reg.get(name)
        assert r.description and r.path.endswith(".cypher")


def test_pieces_of_notices_never_crash_the_extractor():
    """Truncated and shuffled pieces of real notices: a record or a clear InputError, never a crash."""
    import random

    from loaders.errors import InputError

    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(NOTICES_DIR.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((NOTICES_DIR.parent / "extra").glob("*.txt"))]
    records = refused = 0
    for _ in range(150):
        t = rng.choice(texts)
        # half the pieces keep the document's head (a truncated notice), half are cut from its middle (a body
        # fragment without the header or signature frame, which is refused as not a document)
        a = 0 if rng.random() < 0.5 else rng.randrange(len(t))
        piece = t[a:a + rng.randrange(50, 6000)]
        if rng.random() < 0.3:
            lines = piece.split("\n")
            rng.shuffle(lines)
            piece = "\n".join(lines)
        try:
            rec = extract_text(piece)
        except InputError as e:
            assert "không phải" in str(e) or "rỗng" in str(e)
            refused += 1
            continue
        records += 1
        assert all(t["text"] for t in rec["tasks"])
    assert records > 50 and refused > 30
