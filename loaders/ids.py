"""Identity that lasts: the public ids of documents and tasks.

Every later feature publishes these ids (web URLs, RDF IRIs, Neo4j keys, the marks and
corrections an office attaches to a task), so they depend on *what* a thing is, never on
*where* the extractor found it:

* a **document** is its issuer + type + number (+ the year, since most numbers restart
  every year). A number's symbol carries the type (``141/KH-UBND``: KH, Kế hoạch) or, for a
  công văn, the issuing unit (``3009/UBND-TH``), so the identity of a numbered document is
  read from the issuer and the number alone and does not move when the type is read better;
  a draft without a number is its issuer + type + date + normalised title;
* a **task** is its document plus a fingerprint of the normalised sentence it came from
  (NFC, case-folded, whitespace collapsed, list markers and numbering stripped), plus its
  doer when one sentence gives several tasks. Wrapping a line, renumbering the list or
  inserting a paragraph above leaves the id as it was;
* a **copy** of a document (its Word file, its PDF, a text export of either) is found by
  :func:`content_fingerprint`: the words of the text, whatever the layout, with the blanks a
  văn thư fills in at issue (the number and the day) ignored. :func:`carry_task_ids` keeps
  the task ids of a draft when its issued version replaces it.

>>> doc = document_identity("UBND tỉnh Lạng Sơn", "KẾ HOẠCH", "141/KH-UBND", "2026-04-16")
>>> doc
'ubnd-tinh-lang-son/141-kh-ubnd/2026'
>>> a = task_id(doc, "3. Sở Y tế chủ trì triển khai\\n thực hiện  kế hoạch.")
>>> a == task_id(doc, "b) Sở Y tế chủ trì triển khai thực hiện kế hoạch.")
True
>>> a.startswith("NV-"), len(a)
(True, 9)
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from . import patterns
from .normalize import fold

PREFIX = "NV-"
SHORT, LONG = 6, 8  # hex digits of a task id: six, eight when six collide within a record

# leading list markers: '1.', '2.1.', 'a)', 'b.', 'II.', '-', '+', '•', '(3)', 'Điều 2.', 'Mục 1.' (repeated: '2. a)')
_MARKER = re.compile(r"^(?:\s*(?:(?:điều|mục|khoản|phần)\s+\w+\s*[.:]|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]+|"
                     r"\(?[a-zđ](?:\.[0-9]{1,3})*[.)]+|\(?[ivxlc]{1,6}(?:\.[0-9]{1,3})*[.)]+|[-–—+•*▪●◦]+)(?=\s))+\s*")
_EDGE_PUNCT = " \t.;:,-–—"
_SLUG = re.compile(r"[^a-z0-9]+")
_YEAR_IN_NUMBER = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _slug(s: str) -> str:
    return _SLUG.sub("-", fold(s)).strip("-")


@lru_cache(maxsize=1)
def _issuer_abbreviations() -> tuple[tuple[str, str], ...]:
    rows = patterns.load("ids")["issuer_abbreviations"]
    return tuple(sorted(((r["long"], r["short"]) for r in rows), key=lambda x: -len(x[0])))


def issuer_slug(issuer: str | None) -> str:
    """The issuer part of an identity: spelled-out and abbreviated names agree.

    >>> issuer_slug("Ủy ban nhân dân tỉnh Lạng Sơn") == issuer_slug("UBND tỉnh  Lạng Sơn") == "ubnd-tinh-lang-son"
    True
    """
    s = " ".join(unicodedata.normalize("NFC", issuer or "").casefold().split())
    for long, short in _issuer_abbreviations():
        s = s.replace(long, short)
    return _slug(s) or "unknown"


def normalise_sentence(text: str, ref: str | None = None) -> str:
    """The sentence as its fingerprint sees it: NFC, case-folded, whitespace collapsed, the
    leading list markers (and the item's ``ref``) stripped, edge punctuation dropped.

    >>> normalise_sentence("  2.1. Giao  Sở Y tế\\nchủ trì;  ")
    'giao sở y tế chủ trì'
    >>> normalise_sentence("a) - Ｓở Tài chính báo cáo.") == normalise_sentence("c) Sở Tài chính báo cáo")
    True
    >>> normalise_sentence("3.b Sở Xây dựng kiểm tra.", ref="3.b")
    'sở xây dựng kiểm tra'
    """
    s = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    if ref:
        r = unicodedata.normalize("NFKC", ref).casefold().strip()
        if r and s.startswith(r) and (len(s) == len(r) or not s[len(r)].isalnum()):
            s = s[len(r):].lstrip(" .)")
    s = _MARKER.sub("", s)
    return s.strip(_EDGE_PUNCT)


def fingerprint(text: str, ref: str | None = None) -> str:
    """Hex SHA-256 of :func:`normalise_sentence`.

    >>> fingerprint("1. Sở Y tế báo cáo.") == fingerprint("- Sở Y tế\\n  báo cáo")
    True
    """
    return hashlib.sha256(normalise_sentence(text, ref).encode("utf-8")).hexdigest()


def number_year(number: str | None, date: str | None) -> str | None:
    """The year a number belongs to: written in it ('02/2026/NQ-HĐND'), else the year of the date.

    >>> number_year("02/2026/NQ-HĐND", "2026-01-05"), number_year("141/KH-UBND", "2026-04-16"), number_year("97/TB", None)
    ('2026', '2026', None)
    """
    if number:
        m = _YEAR_IN_NUMBER.search(number)
        if m:
            return m.group(1)
    return date[:4] if date and re.match(r"\d{4}", date) else None


def document_identity(issuer: str | None, kind: str | None, number: str | None, date: str | None,
                      title: str | None = None, content: str | None = None) -> str:
    """A document's lasting identity: issuer scope / type / number / year.

    A draft without a number (``Số: /TB-UBND``) is its issuer / type / ``draft-`` + a hash of
    its date and normalised title, or of its normalised ``content`` when it has no title.

    >>> document_identity("Ủy ban nhân dân tỉnh Lạng Sơn", "Nghị quyết", "02/2026/NQ-HĐND", None)
    'ubnd-tinh-lang-son/02-2026-nq-hdnd/2026'
    >>> document_identity("UBND tỉnh Lạng Sơn", None, "02/2026/NQ-HĐND", "2026-01-05")
    'ubnd-tinh-lang-son/02-2026-nq-hdnd/2026'
    >>> d = document_identity("UBND tỉnh Lạng Sơn", "THÔNG BÁO", None, "2026-05", "Kết luận của  đồng chí\\nA")
    >>> d.startswith("ubnd-tinh-lang-son/thong-bao/draft-")
    True
    >>> d == document_identity("UBND tỉnh Lạng Sơn", "Thông báo", "", "2026-05", "kết luận của đồng chí a")
    True
    """
    who = issuer_slug(issuer)
    if number and re.search(r"\d", number):
        year = number_year(number, date)
        return f"{who}/{_slug(number)}" + (f"/{year}" if year else "")
    head = f"{who}/{_slug(kind or '') or 'van-ban'}"
    basis = f"{date or ''}|{normalise_sentence(title)}" if title else normalise_sentence(content or "")
    return f"{head}/draft-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def task_id(doc_identity: str, sentence: str, doer: str | None = None, ref: str | None = None,
            digits: int = SHORT, *, fp: str | None = None) -> str:
    """``NV-`` + hex digits of (document identity, sentence fingerprint, doer when given).

    >>> task_id("d", "Sở Y tế chủ trì.") != task_id("d", "Sở Y tế chủ trì.", doer="Sở Tài chính")
    True
    >>> len(task_id("d", "x", digits=8))
    11
    """
    parts = [doc_identity, fp or fingerprint(sentence, ref)]
    if doer:
        parts.append(_slug(doer))
    return PREFIX + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:digits]


def _lead(task: dict) -> str | None:
    names = [a.get("name") for a in task.get("assignees") or [] if a.get("role", "lead") == "lead" and a.get("name")]
    names = names or [a.get("name") for a in task.get("assignees") or [] if a.get("name")]
    return ", ".join(sorted(names)) if names else None


def assign_task_ids(doc_identity: str, tasks: list[dict]) -> list[str]:
    """Public ids for the tasks of one record, unique within it, never from position.

    The doer joins the fingerprint only for tasks that share a sentence; ids that still
    collide in six digits take eight; identical (sentence, doer) pairs, which nothing tells
    apart, get ``-2``, ``-3`` … in reading order.

    >>> ts = [{"text": "Sở Y tế, Sở Tài chính thực hiện.", "assignees": [{"name": "Sở Y tế"}]},
    ...       {"text": "Sở Y tế, Sở Tài chính thực hiện.", "assignees": [{"name": "Sở Tài chính"}]},
    ...       {"text": "2. Sở Xây dựng kiểm tra.", "ref": "2", "assignees": []}]
    >>> ids = assign_task_ids("d", ts)
    >>> len(set(ids)) == 3 and ids[2] == task_id("d", "Sở Xây dựng kiểm tra")
    True
    """
    fps = [fingerprint(t.get("text") or "", t.get("ref")) for t in tasks]
    count = Counter(fps)
    inputs = [(fp, _lead(t) if count[fp] > 1 else None) for t, fp in zip(tasks, fps)]
    ids = [task_id(doc_identity, "", d, fp=fp) for fp, d in inputs]
    seen_ids = Counter(ids)
    ids = [task_id(doc_identity, "", d, digits=LONG, fp=fp) if seen_ids[i] > 1 else i for i, (fp, d) in zip(ids, inputs)]
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
        out.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    return out


def record_identity(notice: dict, body: str | None = None) -> str:
    """:func:`document_identity` of a record's ``notice`` part (``body``: the text, for a draft with no title)."""
    return document_identity(notice.get("issuer"), notice.get("kind"), notice.get("number"), notice.get("date"),
                             notice.get("title"), body)


# -- copies of one document -------------------------------------------------------------------------

# zero-width and formatting characters (soft hyphen, joiners, BOM, bidi marks) split or hide nothing
_INVISIBLE_CHARS = tuple("\u00ad\ufeff") + tuple(map(chr, [*range(0x200b, 0x2010), *range(0x202a, 0x202f), *range(0x2060, 0x2065)]))
_INVISIBLE = re.compile("[%s]" % "".join(_INVISIBLE_CHARS))
# a line that is only a page number: '2', '- 2 -', 'Trang 2', '2/5'
_PAGE_LINE = re.compile(r"^[ \t\f]*(?:[-–—][ \t]*)?(?:trang[ \t]+)?\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?(?:[ \t]*[-–—])?[ \t\f]*$",
                        re.M | re.I)
_HEAD = 1500  # characters (blanks collapsed) in which the number line and the date line are looked for
_BLANK = r"[\s\d.…_]*"  # what a văn thư fills in, or the dots and blanks left for it
_NUMBER_LINE = re.compile(rf"(?<!\w)(số\s*:){_BLANK}(?=[/-])", re.I)  # 'Số: 7432 /UBND-XD', 'Số:    /UBND-NC'
_DATE_LINE = re.compile(rf"(?<!\w)ngày{_BLANK}tháng{_BLANK}năm(?!\w)", re.I)  # 'ngày 21 tháng 7 năm', 'ngày   tháng 01 năm'
_WORD = re.compile(r"\w+")


def content_words(text: str) -> list[str]:
    """The words a copy of a document shares with every other copy, sorted (see :func:`content_fingerprint`).

    >>> content_words("Số: 12/TB-UBND   Lạng Sơn, ngày 05 tháng 3 năm 2026\\nSở Y tế báo cáo.\\n- 2 -")
    ['2026', 'báo', 'cáo', 'lạng', 'ngày', 'năm', 'sơn', 'số', 'sở', 'tb', 'tháng', 'tế', 'ubnd', 'y']
    """
    s = nfkc(text)
    if any(c in s for c in _INVISIBLE_CHARS):  # (17 substring tests cost less than the class searched once)
        s = _INVISIBLE.sub("", s)
    s = _PAGE_LINE.sub(" ", s.casefold())
    # the blanks collapsed: the head is the first _HEAD characters of that; the rest is cut into words, which the
    # blanks between them do not change, so only a prefix that ends at a blank is collapsed (the rest as it is)
    cut = min((k for k in (s.find(" ", 2 * _HEAD), s.find("\n", 2 * _HEAD)) if k >= 0), default=len(s))
    flat = " ".join(s[:cut].split())
    if len(flat) < _HEAD:
        flat, cut = " ".join(s.split()), len(s)
    head = _NUMBER_LINE.sub(r"\1 ", flat[:_HEAD], count=1)
    head = _DATE_LINE.sub("ngày tháng năm", head, count=1)
    # (sorting the distinct words is 4× faster than all of them)
    counts = Counter(_WORD.findall(head + flat[_HEAD:] + " " + s[cut:]))
    return [w for w in sorted(counts) for _ in range(counts[w])]


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, line by line where a line needs it: a line break never combines
    with its neighbours, so normalising the lines apart gives the same text, and the lines already normalised
    (nearly all) cost a quick check instead of a full decomposition.

    >>> nfkc("Vụ Pháp chế¹\\nﬁ") == unicodedata.normalize("NFKC", "Vụ Pháp chế¹\\nﬁ") == "Vụ Pháp chế1\\nfi"
    True
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    return "\n".join(line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
                     for line in text.split("\n"))


def content_fingerprint(text: str) -> str:
    """What every copy of one document shares: 32 hex digits of SHA-256 over its words.

    Copies of one document differ in layout, not in words: a PDF's text breaks lines and
    pages where Word does not, puts the two header and signature columns side by side or one
    after the other, numbers its pages; a Word table's cells come joined by `` | ``. So the
    text is NFKC-normalised, case-folded, cleared of invisible characters and of lines that are
    only a page number, cut into words (punctuation and line breaks dropped), and the words are
    taken in sorted order. The blanks a văn thư fills in at issue are ignored: the digits of the
    number after the first ``Số:`` and of the day and month of the first ``ngày … tháng … năm``,
    both within the header (the first 1,500 characters). A draft and its issued version, a Word
    file and its PDF, share a fingerprint; a changed word (a deadline, a name) changes it.
    Whether two documents with one fingerprint are one document is the caller's to decide
    from the blanks themselves (two different numbers are two documents).

    >>> draft = "UBND TỈNH A\\nSố:      /TB-UBND\\nA, ngày    tháng 01 năm 2026\\nSở Y tế báo cáo trước ngày 15/02/2026."
    >>> issued = "UBND TỈNH A   Số: 97 /TB-UBND  A, ngày 22 tháng 01 năm 2026\\n\\nSở Y tế báo cáo\\ntrước ngày 15/02/2026.\\n2"
    >>> content_fingerprint(draft) == content_fingerprint(issued)
    True
    >>> content_fingerprint(draft) == content_fingerprint(draft.replace("15/02", "20/02"))
    False
    """
    return hashlib.sha256(" ".join(content_words(text)).encode("utf-8")).hexdigest()[:32]


def carry_task_ids(old: list[dict], new: list[dict]) -> list[str]:
    """Ids for ``new`` tasks that keep the ids of the ``old`` tasks they repeat.

    When the issued version of a draft replaces it (or a changed file replaces its older text), a
    task whose sentence (and lead, when one sentence gives several tasks) is unchanged keeps the id
    it had; other tasks keep their own (``new[i]["id"]``). Each old id is given at most once; if
    the ids would then not be unique, the new ids are kept as they are.

    >>> old = [{"id": "NV-aaaaaa", "text": "1. Sở Y tế báo cáo."}, {"id": "NV-bbbbbb", "text": "Sở Xây dựng kiểm tra."}]
    >>> new = [{"id": "NV-111111", "text": "a) Sở Xây dựng kiểm tra"}, {"id": "NV-222222", "text": "Sở Tài chính bố trí."}]
    >>> carry_task_ids(old, new)
    ['NV-bbbbbb', 'NV-222222']
    """
    pools: dict[tuple, list[str]] = {}
    for t in old:
        fp = fingerprint(t.get("text") or "", t.get("ref"))
        for k in ((fp, _lead(t)), (fp, None)):
            pools.setdefault(k, []).append(t["id"])
    given: set[str] = set()
    out = []
    for t in new:
        fp = fingerprint(t.get("text") or "", t.get("ref"))
        pick = None
        for k in ((fp, _lead(t)), (fp, None)):
            free = [i for i in pools.get(k, ()) if i not in given]
            if free:
                pick = free[0]
                break
        out.append(pick or t.get("id"))
        if pick:
            given.add(pick)
    return out if len(set(out)) == len(out) else [t.get("id") for t in new]
