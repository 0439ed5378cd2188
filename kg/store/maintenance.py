"""Store maintenance: check a store (``doctor``), fix what can be fixed (``repair``), back it up and restore it.

Every function takes paths, returns a typed result and never prints; the problems and what was
done are one Vietnamese line each (``problems``, ``repaired``), ready for the CLI
(``kg doctor [--repair]``, ``kg backup``, ``kg restore``).

What ``doctor`` checks, and what ``repair`` does about it:

- the file itself: missing, empty (0 bytes), not a Ladybug file. Repair sets an empty file aside
  (``graph.lbug.empty-<UTC>``) so that the next ingest makes a new store; a file that is not a
  Ladybug store is left alone (it may be something else the path points at by mistake).
- the log: torn by a crash (the engine refuses it), or a checkpoint left unfinished. Repair opens
  the store for writing, which replays the log up to its last complete commit and keeps the
  damaged log aside (see :class:`kg.store.ladybug_store.LadybugStore`).
- the format: older than this version (repair migrates it), newer (nothing to do but update
  chidao-kg).
- counts: nodes per label and relations per type; every property of every one is read, so a damaged
  page (bytes that are no longer text) is found here rather than in a question.
- facts that belong to no notice (a task, meeting or relation whose notice is not in the store):
  none can arise from an ingest or a remove, which are atomic, so they mean damage; repair deletes
  them.
- each notice against its source file: missing or changed since it was ingested (sha256 of the
  file's bytes). Repair does **not** touch these: a missing file may have been moved or archived
  and its facts are still true, and a changed file is an update that ``kg ingest PATH`` applies
  (extraction is not the store's business). They are listed with the command to run.

``backup`` checkpoints the store (so the database file holds every committed write), copies that
one file while holding the store open (no writer can start meanwhile), then opens the copy to
prove it. ``restore`` checks the backup opens, keeps the current store aside
(``graph.lbug.before-restore-<UTC>``, with its log files) and puts the copy in place with an
atomic rename.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError
from kg.store.ladybug_store import (DEFAULT_FILENAME, DISK_RESERVE_BYTES, FileCheck, LadybugStore, StoreOpenError,
                                    check_file, engine_files, keep_aside, require_room, utc_stamp)

__all__ = ["SourceIssue", "DoctorReport", "doctor", "BackupResult", "backup", "RestoreResult", "restore",
           "MaintenanceError"]

OWN_LABELS = ("Task", "Meeting")  # nodes that belong to one notice (their ``notice`` property)


class MaintenanceError(KGError):
    """A backup or restore that cannot be done; the message is one Vietnamese line naming the file."""


@dataclass(frozen=True)
class SourceIssue:
    """A notice whose source file is ``"missing"`` or ``"changed"`` since it was ingested."""

    notice: str
    path: str
    problem: str


@dataclass
class DoctorReport:
    path: str
    file: FileCheck
    opened: bool = False
    format: int | None = None
    engine: str | None = None
    nodes: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    dangling: int = 0  # facts of notices not in the store
    sources: list[SourceIssue] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one Vietnamese line each
    repaired: list[str] = field(default_factory=list)  # what repair did, one line each

    @property
    def ok(self) -> bool:
        """Nothing wrong with the store itself (source files aside: they are reported, not store damage)."""
        return self.opened and not self.problems

    @property
    def notices(self) -> int:
        return self.nodes.get("Notice", 0)


def _store_path(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p / DEFAULT_FILENAME if p.is_dir() else p


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _counts(store: LadybugStore) -> tuple[dict[str, int], dict[str, int]]:
    nodes, rels = {}, {}
    for t in store.run("CALL show_tables() RETURN name, type"):
        name = t["name"]
        if t["type"] == "NODE":
            nodes[name] = store.run(f"MATCH (n:`{name}`) RETURN count(n) AS n")[0]["n"]
        elif t["type"] == "REL":
            rels[name] = store.run(f"MATCH ()-[r:`{name}`]->() RETURN count(r) AS n")[0]["n"]
    return nodes, rels


READ_CHUNK = 50_000  # rows per statement of the full read (by internal offset): memory bounded at any size


def _read_everything(store: LadybugStore, nodes: dict[str, int], rels: dict[str, int]) -> None:
    """Read every property of every node and relation, so that a damaged page fails here, not in a question.

    The text columns (strings and lists of strings) come to Python, where a page damaged into bytes that are not
    UTF-8 fails to decode (the engine hands them over as they are); the others are read by the engine (an aggregate
    over each column). Rows are read ``READ_CHUNK`` at a time by their internal offset, each column as one list, and
    the connection's plans dropped after each chunk (a kept plan holds its result in the engine's buffer pool), so a
    store of 100,000 notices (2.6 million tasks, 16 million relations) is read in about four minutes within a
    bounded memory; reading whole tables at once filled the pool there and took the store for damaged."""
    for table, pattern, var, in [(label, "(n:`{}`)", "n") for label in nodes] + \
            [(rtype, "()-[r:`{}`]->()", "r") for rtype in rels]:
        match = "MATCH " + pattern.format(table)
        cols = store.run(f"CALL table_info('{table}') RETURN name, type")
        text = [c["name"] for c in cols if c["type"] in ("STRING", "STRING[]")]
        other = [c for c in cols if c["type"] not in ("STRING", "STRING[]")]
        if other:
            store.run(match + " RETURN " + ", ".join(
                (f"sum(size({var}.`{c['name']}`))" if c["type"].endswith("]") else f"min({var}.`{c['name']}`)")
                + f" AS c{i}" for i, c in enumerate(other)))
        if not text:
            continue
        top = store.run(f"{match} RETURN max(offset(id({var}))) AS m")[0]["m"]
        reads = ", ".join(f"collect({var}.`{name}`) AS c{i}" for i, name in enumerate(text))
        for start in range(0, (top if top is not None else -1) + 1, READ_CHUNK):
            store.run(f"{match} WHERE offset(id({var})) >= $a AND offset(id({var})) < $b RETURN {reads}",
                      {"a": start, "b": start + READ_CHUNK})
            store.release_plans()  # the plan kept its result (a chunk of rows) in the pool: the next chunk needs it


def _dangling(store: LadybugStore, rels: dict[str, int], delete: bool) -> int:
    """Facts whose notice is not in the store (deleted when ``delete``); returns how many there were. Each row's
    notice is looked up by key (``EXISTS``): a list of every notice key (``IN $keys``) costs a comparison per key
    and row, minutes at 100,000 notices."""
    tables = {t["name"] for t in store.run("CALL show_tables() RETURN name")}
    if "Notice" not in tables:
        return 0
    held = "EXISTS { MATCH (m:Notice) WHERE m.key = %s.notice }"
    wheres = []  # (counting, deleting) statements
    for label in OWN_LABELS:
        if label in tables:
            where = f"MATCH (n:`{label}`) WHERE n.notice IS NULL OR NOT {held % 'n'}"
            wheres.append((f"{where} RETURN count(n) AS n", f"{where} DETACH DELETE n"))
    for rtype in rels:
        if "notice" in {r["name"] for r in store.run(f"CALL table_info('{rtype}') RETURN name")}:
            where = f"MATCH ()-[r:`{rtype}`]->() WHERE r.notice IS NOT NULL AND r.notice <> '' AND NOT {held % 'r'}"
            wheres.append((f"{where} RETURN count(r) AS n", f"{where} DELETE r"))
    total = sum(store.run(count)[0]["n"] for count, _ in wheres)
    if delete and total:
        for _, remove in reversed(wheres):  # relations first, then the nodes
            store.run(remove)
        if "DeadlineDay" in tables:  # tasks deleted: their DeadlineDay groups recounted (kg/days.py)
            from kg.days import rebuild_days

            rebuild_days(store)
    return total


def _sources(store: LadybugStore) -> list[SourceIssue]:
    out = []
    tables = {t["name"] for t in store.run("CALL show_tables() RETURN name")}
    if "Notice" not in tables:
        return out
    for r in store.run("MATCH (n:Notice) RETURN n.key AS key, n.path AS path, n.sha256 AS sha256 ORDER BY path, key"):
        p = Path(r["path"] or "")
        if not r["path"] or not p.is_file():
            out.append(SourceIssue(r["key"], r["path"] or "", "missing"))
            continue
        try:
            digest = _sha256(p)
        except OSError:
            out.append(SourceIssue(r["key"], r["path"], "missing"))
            continue
        if r["sha256"] and digest != r["sha256"]:
            out.append(SourceIssue(r["key"], r["path"], "changed"))
    return out


def doctor(path: str | os.PathLike, *, repair: bool = False) -> DoctorReport:
    """Check the store at ``path`` (a file, or a directory holding ``graph.lbug``); with ``repair``, fix
    what can be fixed first (see the module docstring). Without ``repair`` the store is opened read-only
    and nothing is changed."""
    p = _store_path(path)
    rep = DoctorReport(os.fspath(p), check_file(p))
    if rep.file.state == "missing":
        rep.problems.append(f"{p}: không có kho đồ thị ở đây (chưa nạp gì, hoặc sai đường dẫn --store)")
        return rep
    if rep.file.state == "not_ladybug":
        rep.problems.append(f"{p}: không phải tệp kho đồ thị Ladybug (thiếu chữ ký LBUG ở đầu tệp): hãy kiểm tra "
                            "đường dẫn --store, hoặc khôi phục từ bản sao lưu (kg restore)")
        return rep
    if rep.file.state == "empty":
        if not repair:
            rep.problems.append(f"{p}: tệp kho đồ thị rỗng (0 byte): chạy kg doctor --repair để để nó sang bên "
                                "(lần nạp sau tạo kho mới), hoặc khôi phục từ bản sao lưu (kg restore)")
            return rep
        kept = keep_aside(p, "empty")
        rep.repaired.append(f"{p}: tệp kho rỗng (0 byte) đã được để sang bên ở {kept.name}; lần nạp sau sẽ tạo kho mới")
        rep.file = check_file(p)
        return rep
    if _in_use(p):  # a writer's log is half-written by design: nothing to judge until it is done
        rep.problems.append(f"{p}: kho đồ thị đang được một tiến trình khác ghi; chạy lại kg doctor khi lệnh đó xong")
        return rep
    if repair:
        from kg.graph import KnowledgeGraph  # the graph's own open: recovers the log, migrates, ensures the schema

        try:
            kg = KnowledgeGraph.open(p)
        except StoreOpenError as e:
            rep.problems.append(e.message)
            return rep
        try:
            rep.repaired.extend(n.message for n in kg.store_notices)
            _, rels = _counts(kg.store)
            with kg.store.transaction():
                gone = _dangling(kg.store, rels, delete=True)
            if gone:
                rep.repaired.append(f"{p}: đã xóa {gone} dữ kiện không thuộc thông báo nào trong kho")
        finally:
            kg.close()
    try:
        store = LadybugStore(p, read_only=True)
    except StoreOpenError as e:
        if e.kind == "engine" and "checkpoint" in e.message.lower():
            rep.problems.append(f"{p}: kho còn một lần lưu (checkpoint) dở dang do bị ngắt: chạy kg doctor --repair "
                                "(hoặc một lệnh ghi như kg ingest) để hoàn tất")
        else:
            rep.problems.append(e.message)
        return rep
    with store:
        rep.opened = True
        try:
            _check_open(store, rep, p)
        except Exception as e:  # noqa: BLE001 — a damaged page: the engine or the decoding of what it read fails
            text = " ".join(str(e).split())[:300]
            if "buffer pool is full" in text.lower():  # not damage: the engine lacked memory to read it
                rep.problems.append(f"{p}: không đủ bộ nhớ đệm của kho để đọc hết dữ liệu ({text}); đặt biến môi "
                                    "trường KG_BUFFER_POOL_MB lớn hơn (ví dụ 2048) rồi chạy lại kg doctor")
                return rep
            rep.problems.append(f"{p}: dữ liệu trong kho bị hỏng, không đọc được ({type(e).__name__}: {text}); "
                                "khôi phục từ bản sao lưu (kg restore), hoặc nạp lại các tệp nguồn vào một kho mới")
    return rep


def _check_open(store: LadybugStore, rep: DoctorReport, p: Path) -> None:
    from kg.store.format import FORMAT_VERSION, read_format

    fmt = read_format(store)
    if fmt is not None:
        rep.format, rep.engine = fmt.format, fmt.engine
        if fmt.format < FORMAT_VERSION:
            rep.problems.append(f"{p}: kho có định dạng cũ {fmt.format} (hiện tại {FORMAT_VERSION}): chạy "
                                "kg doctor --repair (hoặc một lệnh ghi như kg ingest) để nâng định dạng")
        elif fmt.format > FORMAT_VERSION:
            rep.problems.append(f"{p}: kho có định dạng {fmt.format}, mới hơn định dạng {FORMAT_VERSION} mà bản "
                                "chidao-kg này đọc được: hãy cập nhật chidao-kg (pip install -U chidao-kg)")
    rep.nodes, rep.relations = _counts(store)
    _read_everything(store, rep.nodes, rep.relations)
    rep.dangling = _dangling(store, rep.relations, delete=False)
    if rep.dangling:
        rep.problems.append(f"{p}: {rep.dangling} dữ kiện không thuộc thông báo nào trong kho: chạy "
                            "kg doctor --repair để xóa")
    rep.sources = _sources(store)


@dataclass(frozen=True)
class BackupResult:
    store: str
    dest: str
    bytes: int
    notices: int
    notes: tuple[str, ...] = ()  # what opening the store did on its own (a torn log recovered), one line each


def _notices(store: LadybugStore) -> int:
    tables = {t["name"] for t in store.run("CALL show_tables() RETURN name")}
    return store.run("MATCH (n:Notice) RETURN count(n) AS n")[0]["n"] if "Notice" in tables else 0


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _in_use(path: Path) -> bool:
    """Whether another process holds the engine's lock on the database file (POSIX record lock, as Ladybug
    takes it). On Windows there is no such test: there, renaming a file another process has open fails,
    and restore reports that instead."""
    try:
        import fcntl
    except ImportError:  # Windows
        return False
    try:
        with open(path, "r+b") as f:
            try:
                fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.lockf(f, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


def backup(store: str | os.PathLike, dest: str | os.PathLike) -> BackupResult:
    """Copy the store at ``store`` to ``dest`` (a new file; a directory gets ``graph-<UTC>.lbug`` in it).

    The store is opened for writing (so no other writer runs during the copy, and a torn log is
    recovered first), checkpointed, and its database file copied; the copy is written under a
    temporary name, then renamed, then opened read-only and its notices counted.
    """
    src = _store_path(store)
    d = Path(dest)
    if d.is_dir():
        d = d / f"graph-{utc_stamp()}.lbug"
    if d.exists():
        raise MaintenanceError(f"{d}: tệp đích đã có; hãy chọn tên khác cho bản sao lưu")
    if check_file(src).state != "ladybug":
        LadybugStore(src, read_only=True).close()  # raises the one-line reason (missing, empty, not Ladybug)
    d.parent.mkdir(parents=True, exist_ok=True)
    tmp = d.with_name(d.name + f".partial-{os.getpid()}")
    with LadybugStore(src) as s:
        notes = tuple(n.message for n in s.notices)
        s.check_room()  # the checkpoint writes the log into the file
        if not s.checkpoint():
            raise MaintenanceError(f"{src}: không ghi được kho vào tệp (checkpoint) trước khi sao lưu")
        count = _notices(s)
        require_room(d.parent, DISK_RESERVE_BYTES + src.stat().st_size)  # (refused before a byte of the copy)
        try:
            shutil.copyfile(src, tmp)
            _fsync(tmp)
            os.replace(tmp, d)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise MaintenanceError(f"{d}: không ghi được bản sao lưu ({e.strerror or e})") from e
    with LadybugStore(d, read_only=True) as c:
        copied = _notices(c)
    if copied != count:  # pragma: no cover — a copy that does not hold what the store held
        raise MaintenanceError(f"{d}: bản sao lưu có {copied} thông báo, kho có {count}")
    return BackupResult(os.fspath(src), os.fspath(d), d.stat().st_size, count, notes)


@dataclass(frozen=True)
class RestoreResult:
    store: str
    backup: str
    notices: int
    kept: str | None  # where the store that was replaced now is (None: there was none)


def restore(backup_path: str | os.PathLike, store: str | os.PathLike) -> RestoreResult:
    """Put the backup ``backup_path`` in place of the store at ``store``, keeping the old one aside.

    The backup must open (read-only) as a Ladybug store. The store must not be open by another
    process. The old database file and its log files move to ``<store>.before-restore-<UTC>``
    (``…​.wal`` beside it), then the copy, written under a temporary name, is renamed into place.
    """
    b = Path(backup_path)
    dst = _store_path(store)
    if check_file(b).state != "ladybug" or not b.is_file():
        LadybugStore(b, read_only=True).close()  # raises the one-line reason
        raise MaintenanceError(f"{b}: không phải bản sao lưu kho đồ thị")
    with LadybugStore(b, read_only=True) as s:
        count = _notices(s)
    if b.resolve() == dst.resolve():
        raise MaintenanceError(f"{b}: bản sao lưu chính là kho cần khôi phục")
    if check_file(dst).state != "missing" and _in_use(dst):
        raise MaintenanceError(f"{dst}: kho đồ thị đang được một tiến trình khác dùng; hãy chờ lệnh đó xong rồi "
                               "khôi phục")
    dst.parent.mkdir(parents=True, exist_ok=True)
    require_room(dst.parent, DISK_RESERVE_BYTES + b.stat().st_size)  # the store kept aside is renamed, not copied
    tmp = dst.with_name(dst.name + f".restoring-{os.getpid()}")
    try:
        shutil.copyfile(b, tmp)
        _fsync(tmp)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise MaintenanceError(f"{dst}: không chép được bản sao lưu {b} ({e.strerror or e})") from e
    kept = None
    try:
        if dst.exists() or engine_files(dst):
            kept = dst.with_name(f"{dst.name}.before-restore-{utc_stamp()}")
            for companion in engine_files(dst):  # the old log must not be replayed onto the backup
                os.replace(companion, kept.with_name(kept.name + companion.name[len(dst.name):]))
            if dst.exists():
                os.replace(dst, kept)
        os.replace(tmp, dst)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise MaintenanceError(f"{dst}: không thay được kho bằng bản sao lưu ({e.strerror or e})") from e
    with LadybugStore(dst, read_only=True) as s:
        restored = _notices(s)
    return RestoreResult(os.fspath(dst), os.fspath(b), restored if restored is not None else count,
                         os.fspath(kept) if kept else None)
