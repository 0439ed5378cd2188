"""Extraction is linear in the input: doubling a pathological input at most about doubles the work.

The work is counted, not timed: calls of the organisation scan (``orgs.scan_org``, wrapped in every module that
calls it) and every Python-level call and regex search during the extraction (``sys.setprofile``). A scan that
re-reads a list at each of its commas (quadratic) shows as a ratio of four.
"""

from __future__ import annotations

import sys

import pytest

from conftest import FIXTURES, NOTICES_DIR
import loaders
from loaders import orgs
from loaders.extract import extract_text

BASE = (NOTICES_DIR / "000_e9c322011b9ab118.txt").read_text(encoding="utf-8")
LETTER = (FIXTURES / "extra13" / "texts" / "07_lamdong-cv-chi-dao-cai-thien-chi-so-par-papi-pci-12-2025.txt").read_text(encoding="utf-8")
BODY = "2. Nhiệm vụ trong thời gian tới\n"
REAL = ["Sở Tài chính", "Sở Y tế", "Sở Nông nghiệp và Môi trường", "Công an tỉnh", "UBND xã Khuất Xá", "Văn phòng UBND tỉnh"]


def _name(k: int) -> str:
    """'Sở Aaa', 'Sở Baa', …: distinct names of bodies."""
    return f"Sở {chr(65 + k % 26)}{chr(97 + (k // 26) % 26)}{chr(97 + (k // 676) % 26)}"


def _in_body(s: str) -> str:
    i = BASE.index(BODY) + len(BODY)
    return BASE[:i] + "\n" + s + "\n" + BASE[i:]


CASES = {
    # the report's sentence: 'Giao Sở A, Sở B, … chủ trì'
    "giao": lambda n: _in_body("Giao " + ", ".join(_name(k) for k in range(n)) + " chủ trì thực hiện."),
    # a list after a group ('các sở, ngành:'): each comma asked whether it is inside a list that began before it
    "group-list": lambda n: _in_body("Yêu cầu các sở, ngành: " + ", ".join(REAL[k % 6] for k in range(n)) + " khẩn trương thực hiện."),
    # a công văn addressed to many bodies: each addressee compared with those already kept
    "addressees": lambda n: LETTER.replace("Kính gửi:", "Kính gửi: " + ", ".join(_name(k) for k in range(n)) + "\n", 1),
    # a long 'Nơi nhận' list after the signature
    "recipients": lambda n: BASE + "\nNơi nhận:\n" + "\n".join(f"- {_name(k)};" for k in range(n)) + "\n",
    # many numbered items: each cue's clause start, each clause start's cue lists
    "items": lambda n: _in_body("\n".join(f"{k + 1}. Giao Sở Y tế chủ trì thực hiện nhiệm vụ {k}; báo cáo trước ngày 15/6/2026."
                                          for k in range(n))),
    # a sentence citing many documents: each citation checked against those already taken
    "citations": lambda n: _in_body("Giao Sở Y tế thực hiện theo " + ", ".join(
        f"Quyết định số {k}/QĐ-UBND ngày 1/2/2026" for k in range(1, n)) + "."),
}


class _Counter:
    def __init__(self):
        self.scans = 0
        self.calls = 0

    def profile(self, frame, event, arg):
        if event in ("call", "c_call"):
            self.calls += 1


def _work(monkeypatch, text: str) -> _Counter:
    counter = _Counter()
    real = orgs.scan_org

    def counted(*args, **kwargs):
        counter.scans += 1
        return real(*args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith(loaders.__name__ + ".") and getattr(module, "scan_org", None) is real:
            monkeypatch.setattr(module, "scan_org", counted)
    extract_text(text)  # warm: compiled patterns and vocabularies are loaded once, not per document
    counter.scans = 0
    sys.setprofile(counter.profile)
    try:
        extract_text(text)
    finally:
        sys.setprofile(None)
    monkeypatch.undo()
    return counter


@pytest.mark.parametrize("case", sorted(CASES))
def test_doubling_a_long_list_of_bodies_at_most_about_doubles_the_work(monkeypatch, case):
    small = _work(monkeypatch, CASES[case](300))
    large = _work(monkeypatch, CASES[case](600))
    if case in ("giao", "group-list", "addressees"):  # (the other lists are not lists of names in one sentence)
        assert small.scans > 300  # the list is read: one scan per name at least
    assert large.scans <= 2.2 * small.scans, (case, small.scans, large.scans)
    assert large.calls <= 2.2 * small.calls, (case, small.calls, large.calls)


def test_every_name_of_a_long_list_is_a_doer():
    rec = extract_text(CASES["giao"](600))
    task = next(t for t in rec["tasks"] if t["text"].startswith("Giao Sở Aaa"))
    assert [a["name"] for a in task["assignees"]] == [_name(k) for k in range(600)]
