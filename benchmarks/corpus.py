"""A synthetic corpus of NoticeRecords for benchmarks, derived from the five real sample notices.

>>> recs = make_corpus(12)
>>> len(recs), len({r["source"]["sha256"] for r in recs})
(12, 12)

The five notices of ``tests/fixtures/notices`` are extracted once (``loaders.extract.extract_path``);
records 0-4 are those real records unchanged, every later record ``k`` is a variant of sample
``k % 5``, derived deterministically from ``(seed, k)``:

* a province drawn from :data:`PROVINCES` ('Lạng Sơn' in the issuer, scope, citations and texts
  becomes e.g. 'Lào Cai'), so entity scoping applies;
* the communes and districts the sample names are renamed to communes of that province (a fixed
  pool of :data:`COMMUNES_PER_PROVINCE` per province, so communes recur across notices), and the
  people outside Lạng Sơn get names from a per-province pool (a province's leaders recur too);
* dates shifted by a whole number of months (plus a few days for full dates), keeping the ISO shapes
  (YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY); deadline phrases are rewritten to match;
* local citations renumbered ('141/KH-UBND' -> '153/KH-UBND', one offset per notice from a small
  range, so a province's local documents are cited by several notices), national ones
  ('…/NĐ-CP', '…-NQ/TW', '…/TT-BYT') kept with their dates: they are shared by the whole corpus;
* some tasks dropped, some given an extra supporting agency from a common pool, and a few an agency
  no other notice names (a project board, a company);
* its own ``source.path`` and ``source.sha256`` (of the variant's content), and task ids from it.

:func:`changed` gives a record the same path with new content (for update benchmarks).
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import hashlib
import json
import random
import re
import sys
from functools import cache, lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES_DIR = ROOT / "tests" / "fixtures" / "notices"
BASE_PROVINCE = "Lạng Sơn"
PROVINCES = ["Lạng Sơn", "Lào Cai", "Lâm Đồng", "Cao Bằng", "Thái Nguyên", "Tuyên Quang", "Phú Thọ", "Quảng Ninh"]
COMMUNES_PER_PROVINCE = 80
LOCAL_OFFSETS = 40  # a local document number gets one of this many offsets per province
MONTH_SHIFT = (-24, 12)
DAY_SHIFT = (-10, 10)
KEEP_TASK = 0.85  # share of a sample's tasks a variant keeps
EXTRA_SUPPORT = 0.35  # share of variants where one task gets a supporting agency from SHARED_AGENCIES
UNIQUE_AGENCY = 0.15  # share of variants with one agency nobody else names

_SYL1 = ["Tân", "Phú", "Hòa", "Bình", "Long", "Thạnh", "Vĩnh", "An", "Quang", "Hưng", "Đông", "Tây", "Nam", "Bắc",
         "Kim", "Xuân", "Minh", "Thượng", "Hạ", "Đại", "Hồng", "Thanh", "Ngọc", "Trung"]
_SYL2 = ["Sơn", "Lợi", "Hòa", "Thịnh", "Phong", "Thành", "Lâm", "Khê", "Tiến", "Yên", "Lộc", "Hà", "Điền", "Mỹ",
         "Phúc", "Hải", "Châu", "Xá", "Quý", "Nguyên"]
_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Nông",
             "Hà", "Lương", "Triệu", "Lục"]
_MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Xuân", "Công", "Anh", "Hoài"]
_GIVEN = ["Hùng", "Dũng", "Tuấn", "Hà", "Lan", "Hương", "Sơn", "Thắng", "Quân", "Hải", "Long", "Nam", "Bình", "Tâm",
          "Thủy", "Hiền", "Trung", "Phong", "Khánh", "Linh", "Huy", "Cường", "Thành", "Vinh", "Tùng", "Hòa", "Mai",
          "Đông", "Phúc", "Toàn"]
SHARED_AGENCIES = ["Sở Tài chính", "Sở Công Thương", "Sở Khoa học và Công nghệ", "Công an tỉnh",
                   "Bộ Chỉ huy Quân sự tỉnh", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Nội vụ", "Sở Tư pháp",
                   "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Văn hóa, Thể thao và Du lịch",
                   "Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh", "Thuế tỉnh", "Kho bạc Nhà nước khu vực",
                   "Ban Quản lý Khu kinh tế", "Văn phòng UBND tỉnh", "Đài Phát thanh và Truyền hình tỉnh",
                   "Bảo hiểm xã hội tỉnh"]
_UNIQUE_KINDS = ["Ban Quản lý dự án đầu tư xây dựng", "Công ty TNHH", "Hợp tác xã", "Trường THPT", "Ban Quản lý chợ"]

_UNIT_NAME = re.compile(r"(?<!\w)(?:xã|phường|huyện|thị trấn) (\w+ \w+)")
_LOCAL_NUMBER = re.compile(r"(\d+)([/-]\S+)")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


# ---------------------------------------------------------------------------------------------------
# the samples
# ---------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _samples() -> tuple[tuple[dict, str, tuple[str, ...], tuple[str, ...]], ...]:
    """(record, record as JSON, unit names, people names) of each sample, extracted once per process."""
    from loaders.extract import extract_path

    out = []
    for f in sorted(SAMPLES_DIR.glob("*.txt")):
        rec = extract_path(f)
        text = json.dumps(rec, ensure_ascii=False)
        units = sorted({m.group(1) for m in _UNIT_NAME.finditer(text)
                        if all(w[0].isupper() for w in m.group(1).split())})
        people = set()
        n, m = rec["notice"], rec.get("meeting") or {}
        for p in [n.get("signer") or {}, m.get("chair") or {}, *(m.get("leaders") or [])]:
            if p.get("name"):
                people.add(p["name"])
        out.append((rec, text, tuple(units), tuple(sorted(people))))
    if len(out) != 5:
        raise RuntimeError(f"expected the five sample notices in {SAMPLES_DIR}, found {len(out)}")
    return tuple(out)


def sample_records() -> list[dict]:
    """The five real records (copies)."""
    return [copy.deepcopy(s[0]) for s in _samples()]


@cache
def communes(province: str) -> tuple[str, ...]:
    """The commune names of a (synthetic) province: a fixed sample of syllable pairs."""
    names = [f"{a} {b}" for a in _SYL1 for b in _SYL2 if a != b]
    return tuple(random.Random(f"communes:{province}").sample(names, COMMUNES_PER_PROVINCE))


def _person(province: str, name: str) -> str:
    h = int.from_bytes(hashlib.sha256(f"{province}|{name}".encode()).digest()[:8], "big")
    return f"{_SURNAMES[h % len(_SURNAMES)]} {_MIDDLE[(h >> 8) % len(_MIDDLE)]} {_GIVEN[(h >> 16) % len(_GIVEN)]}"


# ---------------------------------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------------------------------

def _add_months(y: int, m: int, months: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + months
    return t // 12, t % 12 + 1


def shift_date(value: str | None, months: int, days: int) -> str | None:
    """Shift a possibly partial ISO date, keeping its shape; None and unknown shapes are returned as is."""
    if not value:
        return value
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        y, mo = _add_months(int(m.group(1)), int(m.group(2)), months)
        d = dt.date(y, mo, min(int(m.group(3)), calendar.monthrange(y, mo)[1])) + dt.timedelta(days=days)
        return d.isoformat()
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = _add_months(int(m.group(1)), int(m.group(2)), months)
        return f"{y:04d}-{mo:02d}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        y, mo = _add_months(int(m.group(1)), 3 * int(m.group(2)) - 2, months)
        return f"{y:04d}-Q{(mo - 1) // 3 + 1}"
    if re.fullmatch(r"\d{4}", value):
        return f"{_add_months(int(value), 6, months)[0]:04d}"
    return value


def _deadline_phrase(text: str | None, value: str | None) -> str | None:
    """Rewrite the date in a deadline phrase ('trước ngày 10/6/2026') to ``value``."""
    if not text or not value:
        return text
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        y, mo, d = (int(x) for x in m.groups())
        return re.sub(r"\d{1,2}/\d{1,2}/\d{4}", f"{d:02d}/{mo}/{y}", text)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = (int(x) for x in m.groups())
        return re.sub(r"tháng \d{1,2}(/| năm )\d{4}", lambda x: f"tháng {mo}{x.group(1)}{y}", text)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        y, q = int(m.group(1)), int(m.group(2))
        return re.sub(r"([Qq]uý) [IV]+/\d{4}", lambda x: f"{x.group(1)} {_ROMAN[q]}/{y}", text)
    return text


# ---------------------------------------------------------------------------------------------------
# records
# ---------------------------------------------------------------------------------------------------

def content_sha(rec: dict) -> str:
    """sha256 of a record's content (everything but its sha256 and task ids), as a synthetic 'file hash'."""
    body = {k: v for k, v in rec.items() if k != "source"}
    body["path"] = rec["source"]["path"]
    body["tasks"] = [{k: v for k, v in t.items() if k != "id"} for t in rec.get("tasks") or []]
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _seal(rec: dict) -> dict:
    sha = content_sha(rec)
    rec["source"]["sha256"] = sha
    from loaders.ids import assign_task_ids, record_identity

    rec["notice"]["doc_id"] = record_identity(rec["notice"])
    for t, tid in zip(rec.get("tasks") or [], assign_task_ids(rec["notice"]["doc_id"], rec.get("tasks") or [])):
        t["id"] = tid
    return rec


def _replace_all(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + r")(?!\w)")
    return rx.sub(lambda m: mapping[m.group(0)], text)


def _is_national(number: str, issuer: str | None, province: str) -> bool:
    from kg.resolve import Scope, document_scope

    return document_scope(number, issuer, Scope(f"tỉnh {province}")) == "vn"


def variant(k: int, seed: int = 0) -> dict:
    """Record ``k`` of the corpus of ``seed`` (``k`` < 5: the real sample ``k``)."""
    samples = _samples()
    base, base_json, units, people = samples[k % len(samples)]
    if k < len(samples):
        return copy.deepcopy(base)
    rng = random.Random(f"chidao-corpus:{seed}:{k}")
    province = rng.choice(PROVINCES)
    months, days = rng.randint(*MONTH_SHIFT), rng.randint(*DAY_SHIFT)
    offset = rng.randrange(LOCAL_OFFSETS)

    # names and local numbers, replaced in every string of the record at once
    mapping: dict[str, str] = {}
    if province != BASE_PROVINCE:
        mapping[BASE_PROVINCE] = province
        for p in people:
            mapping[p] = _person(province, p)
    for old, new in zip(units, rng.sample(communes(province), len(units))):
        mapping[old] = new
    renumbered: set[str] = set()
    for c in base["citations"]:
        num = c["number"]
        m = _LOCAL_NUMBER.fullmatch(num)
        if m and not _is_national(num, c.get("issuer"), BASE_PROVINCE):
            n = int(m.group(1)) + offset
            mapping[num] = f"{n:0{len(m.group(1))}d}{m.group(2)}"
            renumbered.add(mapping[num])
    rec = json.loads(_replace_all(base_json, mapping))

    n = rec["notice"]
    n["date"] = shift_date(n.get("date"), months, days)
    if n.get("number") and (m := _LOCAL_NUMBER.fullmatch(n["number"])):
        n["number"] = f"{int(m.group(1)) + k // len(samples)}{m.group(2)}"
    if rec.get("meeting"):
        rec["meeting"]["date"] = shift_date(rec["meeting"].get("date"), months, days)
    for c in rec["citations"]:
        if c["number"] in renumbered:
            c["date"] = shift_date(c.get("date"), months, days)

    tasks = [t for t in rec["tasks"] if rng.random() < KEEP_TASK] or rec["tasks"][:1]
    for t in tasks:
        if t.get("deadline"):
            old_text = t.get("deadline_text")
            t["deadline"] = shift_date(t["deadline"], months, days)
            t["deadline_text"] = _deadline_phrase(old_text, t["deadline"])
            if old_text and t["deadline_text"] and old_text in t["text"]:
                t["text"] = t["text"].replace(old_text, t["deadline_text"])
        for d in t.get("deadlines") or []:
            v = shift_date(d.get("value"), months, days)
            d["text"], d["value"] = _deadline_phrase(d.get("text"), v), v
    with_assignees = [t for t in tasks if t["assignees"]]
    if with_assignees and rng.random() < EXTRA_SUPPORT:
        t = rng.choice(with_assignees)
        name = rng.choice(SHARED_AGENCIES)
        if all(a["name"] != name for a in t["assignees"]):
            t["assignees"].append({"name": name, "role": "support"})
    if with_assignees and rng.random() < UNIQUE_AGENCY:
        t = rng.choice(with_assignees)
        t["assignees"].append({"name": f"{rng.choice(_UNIQUE_KINDS)} {rng.choice(_SYL1)} {rng.choice(_SYL2)} số {k}",
                               "role": "support"})
    rec["tasks"] = tasks

    stem = Path(base["source"]["path"]).stem.split("_")[0]
    rec["source"] = {"path": f"corpus/{seed}/{k:06d}_{stem}.txt", "sha256": ""}
    return _seal(rec)


def make_corpus(n: int, seed: int = 0) -> list[dict]:
    """``n`` NoticeRecords (plain dicts, as ``extract_path`` returns): the 5 samples, then variants."""
    return [variant(k, seed) for k in range(n)]


def changed(rec: dict, i: int = 0) -> dict:
    """The same file (same path) with new content: a task reworded, the last task dropped, new sha256."""
    out = copy.deepcopy(rec)
    tasks = out.get("tasks") or []
    if len(tasks) > 1:
        tasks.pop()
    if tasks:
        tasks[0]["text"] = tasks[0]["text"].rstrip(".") + f" (bổ sung lần {i + 1})."
    return _seal(out)


if __name__ == "__main__":  # a quick look: python benchmarks/corpus.py 10
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    for r in make_corpus(count):
        print(r["source"]["path"], r["notice"]["issuer"], r["notice"]["date"], len(r["tasks"]),
              [c["number"] for c in r["citations"]][:4])
