"""The kill suite: the real CLI killed at many moments of an ingest, the store recovered, the graph exact.

``kg ingest`` runs as a subprocess on the sample notices and the extra13 texts into a temporary
store and is killed (SIGKILL; ``Popen.kill`` on Windows) at moments chosen from the store's own
files, polled while it runs, never from sleeps: when its log (``graph.lbug.wal``) has grown past N
bytes in all (a spread of N over a whole ingest, so most kills land while a transaction is being
written to the log), when a checkpoint has frozen the log (``graph.lbug.wal.checkpoint``) or is
writing its pages (``graph.lbug.shadow``), when the database file has grown past N bytes, and as
soon as the store file exists.

Kills come in chains on one store: after each kill the store must open with no manual action
(a torn log recovered, one notice line), hold every notice it held before the kill (a batch
reported stored is durable) and hold each notice whole or not at all (a batch is atomic); the
next ingest is then killed again, until one runs to completion, whose graph must equal a clean
ingest's in as many batches (every node and relation with all its properties, sorted). An update (changed files at their paths) is
killed the same way: each notice is then its old or its new version, whole. Marked ``slow``: run by
``.ci/run`` (``KG_RUN_SLOW=1``); about 3 and 1 minutes on 2 CPUs.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

pytest.importorskip("ladybug")

from kg.graph import KnowledgeGraph  # noqa: E402
from sample_store import dump  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "tests" / "fixtures" / "notices", ROOT / "tests" / "fixtures" / "extra13" / "texts"]
KILLS = 50
# one chain in three ingests in two batches of 9 (two commits, two checkpoints; the second checkpoint, into a
# store that holds data, costs the engine ~1.5 s); the others in one batch, as the CLI does by default
BATCHES = (500, 500, 9)
CLI = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]


@dataclass
class Watch:
    """What the poller saw of a store's files during one run."""

    wal_written: int = 0  # bytes the log grew by, summed over the run (it is emptied at each checkpoint)
    frozen: int = 0  # times a checkpoint froze the log
    shadow: int = 0  # times a checkpoint wrote its shadow pages
    data: int = 0  # largest size of the database file
    killed_at: str | None = None
    log_at_kill: int = -1  # the log's size when killed


@dataclass
class Moment:
    kind: str  # "wal" | "frozen" | "shadow" | "data" | "created"
    n: int

    def reached(self, w: Watch, store_exists: bool) -> bool:
        if self.kind == "wal":
            return w.wal_written > self.n
        if self.kind == "frozen":
            return w.frozen >= self.n
        if self.kind == "shadow":
            return w.shadow >= self.n
        if self.kind == "data":
            return w.data > self.n
        return store_exists  # "created"

    def __str__(self) -> str:
        return f"{self.kind}>{self.n}"


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return -1


def run_ingest(store: Path, moment: Moment | None, batch: int,
               sources: list[Path] = SOURCES) -> tuple[subprocess.CompletedProcess | None, Watch]:
    """Run ``kg ingest`` into ``store``; kill it when ``moment`` is reached (None: let it finish)."""
    wal, frozen, shadow = (store.with_name(store.name + s) for s in (".wal", ".wal.checkpoint", ".shadow"))
    cmd = CLI + ["ingest", *map(str, sources), "--store", str(store), "--batch", str(batch)]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    w = Watch()
    last_wal, saw_frozen, saw_shadow = 0, False, False
    while p.poll() is None:
        n = _size(wal)
        if n > last_wal:
            w.wal_written += n - last_wal
        last_wal = max(n, 0)
        f, s = frozen.exists(), shadow.exists()
        w.frozen += f and not saw_frozen
        w.shadow += s and not saw_shadow
        saw_frozen, saw_shadow = f, s
        w.data = max(w.data, _size(store))
        if moment is not None and moment.reached(w, w.data >= 0):
            p.kill()
            w.killed_at = str(moment)
            w.log_at_kill = n
            p.communicate()
            return None, w
    out, err = p.communicate()
    return subprocess.CompletedProcess(cmd, p.returncode, out.decode("utf-8"), err.decode("utf-8")), w


def own_facts(lines: list[str]) -> dict[str, list[str]]:
    """Each notice's own facts (its Notice node, its tasks and meetings, the relations it stated)."""
    facts: dict[str, list[str]] = {}
    for line in lines:
        row = json.loads(line)
        props = row[-1]
        if row[0] == "Notice":
            key = props["key"]
        elif len(row) == 2 and row[0] in ("Task", "Meeting"):
            key = props.get("notice")
        elif len(row) == 6 and row[0] != "MISSPELLING_OF":  # recomputed over the whole store
            key = props.get("notice")
        else:
            continue
        if key:
            facts.setdefault(key, []).append(line)
    return facts


@dataclass
class Tally:
    kills: list[str] = field(default_factory=list)
    torn: int = 0  # kills after which the log was torn and recovered on open
    with_log: int = 0  # kills that left a log behind
    chains: int = 0


def check_after_kill(store: Path, clean: dict[str, list[str]], before: set[str], tally: Tally, what: str) -> set[str]:
    """The store opens with no manual action; nothing held before is lost; every notice is whole or absent."""
    if any(store.with_name(store.name + s).exists() for s in (".wal", ".wal.checkpoint")):
        tally.with_log += 1
    kg = KnowledgeGraph.open(store)  # what every command does first
    try:
        kinds = [n.kind for n in kg.store_notices]
    finally:
        kg.close()
    assert set(kinds) <= {"log_recovered"}, (what, kg.store_notices)
    tally.torn += "log_recovered" in kinds
    facts = own_facts(dump(store))
    held = set(facts)
    assert held <= set(clean), (what, held - set(clean))
    assert before <= held, (what, "lost", before - held)
    for key in held:
        assert sorted(facts[key]) == sorted(clean[key]), (what, "notice not whole", key)
    return held


def test_kill_ingest_at_many_moments(tmp_path):
    clean_lines: dict[int, list[str]] = {}
    full: dict[int, Watch] = {}
    for batch in sorted(set(BATCHES)):
        clean_store = tmp_path / f"clean{batch}" / "graph.lbug"
        res, full[batch] = run_ingest(clean_store, None, batch)
        assert res is not None and res.returncode == 0, res and res.stderr
        assert res.stdout.strip() == "Mới: 18, cập nhật: 0, không đổi: 0, lỗi: 0"
        clean_lines[batch] = dump(clean_store)
    clean = own_facts(clean_lines[BATCHES[0]])
    w = full[BATCHES[0]]
    assert len(clean) == 18 and w.wal_written > 100_000 and w.frozen >= 1
    assert all(own_facts(lines) == clean for lines in clean_lines.values())

    rng = random.Random(20261202)
    moments = ([Moment("wal", int(w.wal_written * (i + 0.5) / 32)) for i in range(32)]
               + [Moment("frozen", 1 + i % max(1, w.frozen)) for i in range(6)]
               + [Moment("shadow", 1 + i % max(1, w.shadow)) for i in range(6)]
               + [Moment("data", int(w.data * (i + 1) / 5)) for i in range(4)]
               + [Moment("created", 0) for _ in range(2)])
    rng.shuffle(moments)
    tally = Tally()
    store: Path | None = None
    batch = BATCHES[0]
    held: set[str] = set()
    attempts = 0
    while len(tally.kills) < KILLS:
        attempts += 1
        assert attempts <= 4 * KILLS, f"only {len(tally.kills)} kills in {attempts - 1} runs"
        if store is None:
            tally.chains += 1
            store = tmp_path / f"chain{tally.chains}" / "graph.lbug"
            batch = BATCHES[tally.chains % len(BATCHES)]
            held = set()
        moment = moments[(attempts - 1) % len(moments)]
        res, seen = run_ingest(store, moment, batch)
        if res is None:  # killed
            tally.kills.append(f"{moment} batch {batch} (log {seen.log_at_kill} B)")
            held = check_after_kill(store, clean, held, tally, f"kill {len(tally.kills)} at {moment}, batch {batch}")
            continue
        # the ingest finished before that moment: the chain ends with the graph of a clean ingest
        assert res.returncode == 0, res.stderr
        assert dump(store) == clean_lines[batch], f"chain {tally.chains} differs from a clean ingest"
        store = None
    if store is not None:  # finish the last chain
        res, _ = run_ingest(store, None, batch)
        assert res is not None and res.returncode == 0, res.stderr
        assert dump(store) == clean_lines[batch], f"chain {tally.chains} differs from a clean ingest"
    # moments inside the log write: kills that tore the log and were recovered on the next open
    print(f"\n{len(tally.kills)} kills in {tally.chains} chains, {tally.with_log} left a log, "
          f"{tally.torn} tore it (recovered on open)")
    assert len(tally.kills) >= KILLS
    assert tally.with_log >= KILLS // 4, tally
    assert tally.torn >= 1, tally  # at least one kill landed inside a log write (7 and 10 of 50 when measured)


UPDATE_KILLS = 10


def test_kill_update_at_many_moments(tmp_path):
    """An update (six files changed at their paths: their old facts removed, the new ones written, in one
    transaction) killed at moments spread over its log writes: each notice is its old or its new version,
    whole, never both and never neither; run again, the graph equals a clean update's."""
    src = tmp_path / "src"
    dirs = []
    for d in SOURCES:
        shutil.copytree(d, src / d.name)
        dirs.append(src / d.name)
    files = sorted(f for d in dirs for f in d.iterdir())
    changed = files[::3]
    base = tmp_path / "base" / "graph.lbug"
    res, _ = run_ingest(base, None, 500, dirs)
    assert res is not None and res.returncode == 0, res and res.stderr
    old = own_facts(dump(base))
    originals = {f: f.read_bytes() for f in changed}
    for f in changed:  # a real edit: one more sentence at the end
        f.write_bytes(originals[f] + "\nVăn phòng UBND tỉnh theo dõi, đôn đốc.\n".encode("utf-8"))
    clean_store = tmp_path / "clean" / "graph.lbug"
    shutil.copytree(base.parent, clean_store.parent)
    res, w = run_ingest(clean_store, None, 500, dirs)
    assert res is not None and res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"Mới: 0, cập nhật: {len(changed)}, không đổi: {len(files) - len(changed)}, lỗi: 0"
    clean_lines = dump(clean_store)
    new = own_facts(clean_lines)
    assert w.wal_written > 10_000 and set(new) != set(old)
    moments = [Moment("wal", int(w.wal_written * (i + 0.5) / UPDATE_KILLS)) for i in range(UPDATE_KILLS)]
    tally = Tally()
    for i, moment in enumerate(moments):
        store = tmp_path / f"u{i}" / "graph.lbug"
        shutil.copytree(base.parent, store.parent)
        res, seen = run_ingest(store, moment, 500, dirs)
        if res is None:
            tally.kills.append(str(moment))
            if any(store.with_name(store.name + s).exists() for s in (".wal", ".wal.checkpoint")):
                tally.with_log += 1
            kg = KnowledgeGraph.open(store)
            try:
                kinds = [n.kind for n in kg.store_notices]
                notices = {r["key"]: r["path"] for r in kg.notices()}
            finally:
                kg.close()
            assert set(kinds) <= {"log_recovered"}, kinds
            tally.torn += "log_recovered" in kinds
            facts = own_facts(dump(store))
            assert set(facts) == set(notices)
            for key in facts:  # whole, old or new
                assert sorted(facts[key]) == sorted(new.get(key) or old[key]), (moment, key)
            by_path: dict[str, list[str]] = {}
            for key, path in notices.items():
                by_path.setdefault(path, []).append(key)
            assert sorted(by_path) == sorted(str(f) for f in files), moment  # never neither
            assert all(len(keys) == 1 for keys in by_path.values()), moment  # never both
            res, _ = run_ingest(store, None, 500, dirs)
            assert res is not None and res.returncode == 0, res.stderr
        assert dump(store) == clean_lines, f"update killed at {moment} differs from a clean update"
    print(f"\n{len(tally.kills)} update kills, {tally.with_log} left a log, {tally.torn} tore it")
    assert len(tally.kills) >= UPDATE_KILLS // 2


BULK_NOTICES, BULK_BATCH, BULK_KILLS = 60, 6, 8
_BULK = """
import sys
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + "/benchmarks")
import corpus
from kg.graph import KnowledgeGraph
recs = corpus.make_corpus(int(sys.argv[3]), seed=0)
done = 0
def progress(n):
    global done
    done += n
    print(done, flush=True)  # after a committed batch: these notices are reported stored
with KnowledgeGraph.open(sys.argv[2]) as kg:
    kg.ingest(recs, batch=int(sys.argv[4]), progress=progress)
print("end", flush=True)
"""


def run_bulk(store: Path, wal_bytes: int | None) -> tuple[list[str], Watch]:
    """A bulk load of synthetic notices in many batches (their checkpoints deferred: every commit stays in the
    log) killed once its log has grown by ``wal_bytes`` (None: to its end); the lines it printed."""
    import threading

    cmd = [sys.executable, "-c", _BULK, str(ROOT), str(store), str(BULK_NOTICES), str(BULK_BATCH)]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(line.strip() for line in p.stdout), daemon=True)
    reader.start()
    wal = store.with_name(store.name + ".wal")
    w, last = Watch(), 0
    while p.poll() is None:
        n = _size(wal)
        if n > last:
            w.wal_written += n - last
        last = max(n, 0)
        if wal_bytes is not None and w.wal_written > wal_bytes:
            p.kill()
            w.killed_at = f"wal>{wal_bytes}"
            w.log_at_kill = n
            break
    p.wait()
    reader.join(timeout=30)
    err = p.stderr.read()
    assert w.killed_at or p.returncode == 0, err
    return lines, w


def test_kill_bulk_load_of_many_batches(tmp_path):
    """A load of many batches whose checkpoints wait (LadybugStore.deferred_checkpoints) killed while its log
    grows: every notice reported stored is there and whole, no notice is half-written, and running the load
    again ends with the graph of a load never killed."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    keys = [f"notice:{r['source']['sha256'][:24]}" for r in corpus.make_corpus(BULK_NOTICES, seed=0)]
    clean_store = tmp_path / "clean" / "graph.lbug"
    lines, w = run_bulk(clean_store, None)
    assert lines[-1] == "end" and lines[-2] == str(BULK_NOTICES)
    clean_lines = dump(clean_store)
    clean = own_facts(clean_lines)
    assert set(clean) == set(keys) and w.wal_written > 1_000_000
    tally = Tally()
    for i in range(BULK_KILLS):
        store = tmp_path / f"k{i}" / "graph.lbug"
        lines, seen = run_bulk(store, int(w.wal_written * (i + 0.5) / BULK_KILLS))
        if not seen.killed_at:
            continue
        tally.kills.append(seen.killed_at)
        reported = max((int(x) for x in lines if x.isdigit()), default=0)
        held = check_after_kill(store, clean, set(keys[:reported]), tally, f"bulk kill {i} at {seen.killed_at}")
        assert len(held) >= reported
        lines, _ = run_bulk(store, None)
        assert lines[-1] == "end"
        assert dump(store) == clean_lines, f"bulk load killed at {seen.killed_at} then run again differs"
    print(f"\n{len(tally.kills)} bulk kills, {tally.with_log} left a log, {tally.torn} tore it")
    assert len(tally.kills) >= BULK_KILLS - 1 and tally.with_log >= BULK_KILLS // 2


_FIRST_LOAD = _BULK.replace("kg.ingest(recs, batch=int(sys.argv[4]), progress=progress)",
                            "kg.ingest(recs, batch=int(sys.argv[4]), progress=progress, bulk=True)")
FIRST_LOAD_KILLS = 10


def run_first_load(store: Path, when: Callable[[Path, float], bool] | None) -> tuple[list[str], str | None]:
    """A first load by the bulk loader (kg/bulk.py) killed at the first poll where ``when(folder, seconds)`` holds
    (``folder``: the load's working folder; None: to its end); the lines it printed and what the kill met."""
    import threading
    import time

    assert _FIRST_LOAD != _BULK
    cmd = [sys.executable, "-c", _FIRST_LOAD, str(ROOT), str(store), str(BULK_NOTICES), str(BULK_BATCH)]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    errs: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(line.strip() for line in p.stdout), daemon=True)
    reader.start()
    err_reader = threading.Thread(target=lambda: errs.append(p.stderr.read()), daemon=True)
    err_reader.start()
    folder, start, met = store.with_name(store.name + ".bulk"), time.monotonic(), None
    while p.poll() is None:
        if when is not None and when(folder, time.monotonic() - start):
            p.kill()  # the parent alone: its builder processes must see it gone and exit
            met = ", ".join(sorted(f.name for f in folder.iterdir())) if folder.exists() else "no folder"
            break
        time.sleep(0.002)
    p.wait()
    # the pipes close once every process holding them has exited: the builders of a killed load included
    reader.join(timeout=30)
    err_reader.join(timeout=30)
    assert not reader.is_alive() and not err_reader.is_alive(), f"killed at {met}: its workers outlived it"
    assert met or p.returncode == 0, errs
    return lines, met


def test_kill_a_first_load_by_the_bulk_loader(tmp_path):
    """Killed while it stages the records, writes the files, copies them into the new database or puts it in place,
    a first load leaves the store empty or whole: it opens with no manual action, holds every notice reported stored
    and no part of one, and running the load again ends with the graph of a load never killed."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus
    import time

    keys = [f"notice:{r['source']['sha256'][:24]}" for r in corpus.make_corpus(BULK_NOTICES, seed=0)]
    clean_store = tmp_path / "clean" / "graph.lbug"
    t0 = time.monotonic()
    lines, _ = run_first_load(clean_store, None)
    took = time.monotonic() - t0
    assert lines[-2:] == [str(BULK_NOTICES), "end"]  # reported once, when stored
    clean_lines = dump(clean_store)
    clean = own_facts(clean_lines)
    assert set(clean) == set(keys) and not clean_store.with_name("graph.lbug.bulk").exists()

    def seen(name: str) -> Callable[[Path, float], bool]:
        return lambda folder, _: (folder / name).exists()

    def after(share: float) -> Callable[[Path, float], bool]:
        return lambda _, s: s > took * share

    moments = [seen("records.jsonl"), seen("Task.nodes.csv"), seen("graph.lbug"), seen("graph.lbug.wal"),
               *(after(0.3 + 0.1 * i) for i in range(FIRST_LOAD_KILLS - 4))]
    outcomes: list[str] = []
    for i, when in enumerate(moments):
        store = tmp_path / f"k{i}" / "graph.lbug"
        lines, met = run_first_load(store, when)
        if met is None:
            continue
        reported = max((int(x) for x in lines if x.isdigit()), default=0)
        tally = Tally()
        held = check_after_kill(store, clean, set(keys[:reported]), tally, f"first load killed at {met}")
        assert held in (set(), set(keys)), f"killed at {met}: {len(held)} of {len(keys)} notices"
        outcomes.append("whole" if held else "empty")
        lines, _ = run_first_load(store, None)
        assert lines[-1] == "end"
        assert dump(store) == clean_lines, f"first load killed at {met} then run again differs"
        assert not store.with_name("graph.lbug.bulk").exists()
    print(f"\n{len(outcomes)} kills of a first load: {outcomes.count('empty')} left it empty, "
          f"{outcomes.count('whole')} whole")
    assert len(outcomes) >= FIRST_LOAD_KILLS - 2 and outcomes.count("empty") >= 4
