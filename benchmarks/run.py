"""Benchmarks: every number is a ratio of two things measured side by side in one run.

    python benchmarks/run.py            # the full run; writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # small sizes, few repeats: a smoke test for CI

Machines are noisy, so goals are checked here, never in timed unit tests; a run prints
each goal as met or missed with its numbers.  What is measured:

- cold start: a whole process that imports the package and calls get_event(), against
  the pydantic floor (import pydantic, define a two-field model, validate one JSON
  object); interleaved pairs, medians; and, where valgrind is installed, the
  instructions each executes (callgrind), which no other load on the machine changes;
- load at scale: load_dataset() of synthetic datasets (benchmarks/synthetic.py) against
  json.loads of the same bytes with the garbage collector paused (the parse floor), and
  at the goal size what each step of the load costs (CPU time): validation alone, the
  duplicate-key count, the fast integrity pass against the detailed checker, indexing;
  peak and held memory (tracemalloc) against json.loads' dicts;
- the whole process that loads the 10,000-event file and reads one event, against one
  that only json.loads it; and a full collection (gc.collect) while the data is held,
  with and without gc.freeze();
- search: the first search (the index build) and a two-word query at 1, 10,000 and
  100,000 events, in separate processes on freshly loaded datasets, against a copy of
  the home-made index the package had before SQLite FTS5 (benchmarks/homemade_index.py),
  with the memory each index adds to the process;
- queries: get_event, sessions_by_topic and search at 1, 10,000 and 100,000 events;
- exports: every export (CSV, datapackage, Parquet, xlsx, JSON-LD, annotations, html,
  SQLite) at 1,000 and 10,000 events, the growth per 10x events (linear: at most 12x),
  and the Parquet files beside the CSV tables, time and bytes on disk (needs the extras
  ``parquet`` and ``xlsx``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import make_bytes  # noqa: E402

import aseanplus3_events as apt  # noqa: E402
from aseanplus3_events import loading  # noqa: E402

FLOOR = """
from pydantic import BaseModel
class M(BaseModel):
    a: int
    b: str
M.model_validate_json(b'{"a": 1, "b": "x"}')
"""
OURS = "import aseanplus3_events as a; a.get_event()"

Row = tuple[str, str, str, str]  # what, measured, goal, verdict
ROWS: list[Row] = []


def report(what: str, measured: str, goal: str = "", met: bool | None = None) -> None:
    verdict = "" if met is None else ("met" if met else "MISSED")
    ROWS.append((what, measured, goal, verdict))
    print(f"  {what:<58} {measured:<34} {goal:<14} {verdict}", flush=True)


def run_process(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


# --- cold start ------------------------------------------------------------------------


def cold_start(runs: int, *, count: bool) -> None:
    print(f"cold start, whole process (median of {runs} interleaved pairs)")
    floor: list[float] = []
    ours: list[float] = []
    run_process([sys.executable, "-c", FLOOR])  # warm the file cache for both
    run_process([sys.executable, "-c", OURS])
    for _ in range(runs):
        floor.append(run_process([sys.executable, "-c", FLOOR]))
        ours.append(run_process([sys.executable, "-c", OURS]))
    f, o = statistics.median(floor), statistics.median(ours)
    pairs = sorted(b / a for a, b in zip(floor, ours, strict=True))
    report("pydantic floor", f"{f * 1000:.1f} ms")
    report("import aseanplus3_events; get_event()", f"{o * 1000:.1f} ms")
    report("ratio of the medians", f"{o / f:.3f}x", "<= 1.10x", o / f <= 1.10)
    report(
        "ratio within pairs: quartiles",
        f"{pairs[len(pairs) // 4]:.3f}x / {statistics.median(pairs):.3f}x / "
        f"{pairs[3 * len(pairs) // 4]:.3f}x",
    )
    floor_count = instructions(FLOOR) if count else None
    ours_count = instructions(OURS) if count else None
    if floor_count and ours_count:
        report("pydantic floor: instructions (valgrind)", f"{floor_count / 1e6:,.1f} M")
        report("import aseanplus3_events; get_event(): instructions", f"{ours_count / 1e6:,.1f} M")
        ratio = ours_count / floor_count
        report("instructions ratio", f"{ratio:.3f}x", "<= 1.10x", ratio <= 1.10)


def instructions(code: str) -> int | None:
    """Instructions a whole ``python -c code`` executes (valgrind's callgrind), or None
    where valgrind is not installed."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        return None
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", code],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", result.stderr)
    return int(found.group(1)) if found else None


# --- load at scale ------------------------------------------------------------------------


def _json_floor(path: Path) -> float:
    start = time.perf_counter()
    gc.disable()
    try:
        json.loads(path.read_bytes())
    finally:
        gc.enable()
    return time.perf_counter() - start


def _load(path: Path) -> float:
    start = time.perf_counter()
    apt.load_dataset(path)
    return time.perf_counter() - start


def _load_collector_on(path: Path) -> float:
    # The same work as load_dataset without pausing the collector, to show what it costs.
    start = time.perf_counter()
    data = path.read_bytes()
    apt.Dataset(loading.parse_catalog(data, str(path)))
    return time.perf_counter() - start


def _median(fn: Callable[[Path], float], path: Path, trials: int) -> float:
    times = []
    for _ in range(trials):
        gc.collect()
        times.append(fn(path))
    return statistics.median(times)


def load_at_scale(files: dict[int, Path], trials: dict[int, int], goal_size: int) -> None:
    print("load at scale: load_dataset against json.loads with the collector paused")
    for size, path in files.items():
        n = trials[size]
        floor: list[float] = []
        ours: list[float] = []
        for _ in range(n):  # interleaved
            gc.collect()
            floor.append(_json_floor(path))
            gc.collect()
            ours.append(_load(path))
        f, o = statistics.median(floor), statistics.median(ours)
        mb = path.stat().st_size / 1e6
        report(f"{size:>7,} events ({mb:.0f} MB): json.loads floor", f"{f:.3f} s")
        report(f"{size:>7,} events: load_dataset", f"{o:.3f} s")
        goal = "<= 2.2x" if size == goal_size else ""
        report(f"{size:>7,} events: ratio", f"{o / f:.2f}x", goal, o / f <= 2.2 if goal else None)
        if size == goal_size:
            on = _median(_load_collector_on, path, n)
            report(
                f"{size:>7,} events: same load, collector left on", f"{on:.3f} s ({on / f:.2f}x)"
            )
            steps(path, size)


def _cpu(fn: Callable[[], object], trials: int = 3) -> float:
    """The least CPU time of ``trials`` calls, with the collector paused as the load does."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(trials):
            start = time.process_time()
            fn()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def steps(path: Path, size: int) -> None:
    """What each step of load_dataset costs, in CPU time against json.loads: what bounds
    the load ratio."""
    from aseanplus3_events import checks
    from aseanplus3_events.models import Catalog

    data = path.read_bytes()
    catalog = Catalog.model_validate_json(data)
    dataset = apt.Dataset(catalog)
    floor = _cpu(lambda: json.loads(data))
    parts = {
        "validation (model_validate_json)": _cpu(lambda: Catalog.model_validate_json(data)),
        "duplicate-key count": _cpu(lambda: loading._may_repeat_a_key(data, catalog)),
        "integrity checks, fast pass": _cpu(lambda: checks._all_good(catalog)),
        "indices": _cpu(lambda: dataset._build(catalog, "x")),
        "whole load_dataset": _cpu(lambda: apt.load_dataset(path)),
        "integrity checks, detailed checker (failure path only)": _cpu(
            lambda: checks._Checker(catalog).run()
        ),
    }
    report(f"{size:>7,} events, CPU time: json.loads", f"{floor * 1000:.0f} ms")
    for what, seconds in parts.items():
        report(f"  {what}", f"{seconds * 1000:.0f} ms ({seconds / floor:.2f}x)")


_MEMORY = """
import gc, json, sys, tracemalloc
path, kind = sys.argv[1], sys.argv[2]
import aseanplus3_events as apt
if kind == "ours":
    apt.default_dataset()  # the package's own start-up is not the data's cost
tracemalloc.start()
if kind == "json":
    gc.disable()
    held = json.loads(open(path, "rb").read())
    gc.enable()
else:
    held = apt.load_dataset(path)
gc.collect()
current, peak = tracemalloc.get_traced_memory()
print(current, peak)
"""


def memory(path: Path, size: int) -> None:
    print(f"memory at {size:,} events (tracemalloc, separate processes)")
    got = {}
    for kind in ("json", "ours"):
        out = subprocess.run([sys.executable, "-c", _MEMORY, str(path), kind],
                             check=True, capture_output=True, text=True).stdout  # fmt: skip
        held, peak = map(int, out.split())
        got[kind] = (held, peak)
    (jh, jp), (oh, op) = got["json"], got["ours"]
    report("json.loads: held / peak", f"{jh / 1e6:.0f} MB / {jp / 1e6:.0f} MB")
    report("load_dataset: held / peak", f"{oh / 1e6:.0f} MB / {op / 1e6:.0f} MB")
    report("held ratio", f"{oh / jh:.2f}x", "<= 2.0x", oh / jh <= 2.0)
    report("peak ratio", f"{op / jp:.2f}x", "<= 2.0x", op / jp <= 2.0)


_PROCESS_OURS = """
import sys, aseanplus3_events as apt
ds = apt.load_dataset(sys.argv[1])
ds.get_event("event-000001")
"""
_PROCESS_JSON = """
import sys, json
data = json.loads(open(sys.argv[1], "rb").read())
data["events"][1]
"""
_COLLECT = """
import gc, sys, time, json, aseanplus3_events as apt
kind = sys.argv[2]
if kind == "json":
    held = json.loads(open(sys.argv[1], "rb").read())
else:
    held = apt.load_dataset(sys.argv[1], freeze=kind == "frozen")
times = []
for _ in range(5):
    start = time.perf_counter(); gc.collect(); times.append(time.perf_counter() - start)
print(sorted(times)[2])
"""


def whole_process(path: Path, size: int, runs: int) -> None:
    print(f"whole process at {size:,} events: start to exit (median of {runs})")
    ours, floor = [], []
    for _ in range(runs):
        floor.append(run_process([sys.executable, "-c", _PROCESS_JSON, str(path)]))
        ours.append(run_process([sys.executable, "-c", _PROCESS_OURS, str(path)]))
    f, o = statistics.median(floor), statistics.median(ours)
    report("json.loads and read one event", f"{f:.3f} s")
    report("load_dataset and get_event", f"{o:.3f} s ({o / f:.2f}x)")
    collect = {}
    for kind in ("json", "ours", "frozen"):
        out = subprocess.run([sys.executable, "-c", _COLLECT, str(path), kind],
                             check=True, capture_output=True, text=True).stdout  # fmt: skip
        collect[kind] = float(out)
    report("a full gc.collect() holding json.loads' dicts", f"{collect['json'] * 1000:.1f} ms")
    report("a full gc.collect() holding the dataset", f"{collect['ours'] * 1000:.1f} ms")
    report("... loaded with freeze=True (the opt-in)", f"{collect['frozen'] * 1000:.2f} ms")


# --- search: the FTS5 index against the home-made one it replaced -------------------------------

_SEARCH = """
import json, sys, time, timeit, tracemalloc
sys.path.insert(0, sys.argv[3])
import aseanplus3_events as apt
import homemade_index

path, side, what = sys.argv[1], sys.argv[2], sys.argv[4]
memory = what == "memory"
ds = apt.load_dataset(path)
last = ds.get_event(max(e.id for e in ds.list_events()))
two = " ".join(last.name.split()[-2:])  # a title word and the event's number
if memory:  # a run of its own: tracing slows the build
    tracemalloc.start()
if what == "collected":  # without the collection a fresh load leaves to the next caller
    import gc
    gc.collect()
start = time.perf_counter()
if side == "old":
    index = homemade_index.SearchIndex(homemade_index.hits(ds))
    index.find(two)
    query = lambda q, limit=None: index.find(q)[:limit]
else:
    ds.search(two)
    index = ds._search_index
    query = lambda q, limit=None: ds.search(q, limit=limit)
build = time.perf_counter() - start
if memory:  # Python's allocations that the index holds, and SQLite's pages
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(json.dumps({"held": held, "sqlite": index.size() if side == "new" else 0}))
    sys.exit()
assert last.id in [h.id for h in query(two)], query(two)

def per_call(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number

# each index caches per query word (the old: which records hold it; FTS5: how many)
(index._containing if side == "old" else index._idfs).clear()
start = time.perf_counter()
query(two)
cold = time.perf_counter() - start
out = {
    "cold": cold,
    "build": build,
    "two": per_call(lambda: query(two), 50),
    "common": per_call(lambda: query("carbon market", 10), 3),
}
print(json.dumps(out))
"""


def _search_run(path: Path, side: str, what: str = "time") -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _SEARCH, str(path), side, str(HERE), what],
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    result: dict[str, float] = json.loads(out)
    return result


def search_index(files: dict[int, Path], trials: dict[int, int], goal_size: int) -> None:
    print("search: first search (index build) and queries, FTS5 against the old home-made index")
    print("  (separate processes, each on a freshly loaded dataset; interleaved; medians)")
    large = max(files)
    for size, path in files.items():
        runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
        for trial in range(trials[size]):
            for side in ("old", "new") if trial % 2 == 0 else ("new", "old"):
                runs[side].append(_search_run(path, side))
        got = {side: {k: statistics.median(r[k] for r in rs) for k in rs[0]}
               for side, rs in runs.items()}  # fmt: skip
        old, new = got["old"], got["new"]
        ratio = new["build"] / old["build"]
        report(f"{size:>7,} events: first search, old index", f"{old['build']:.3f} s")
        report(f"{size:>7,} events: first search, FTS5", f"{new['build']:.3f} s")
        at_goal = size == goal_size
        report(f"{size:>7,} events: build ratio", f"{ratio:.2f}x", "<= 0.5x" if at_goal else "",
               ratio <= 0.5 if at_goal else None)  # fmt: skip
        per_10k = new["build"] / size * 10_000
        if size >= 1000:  # below, a fixed cost (importing sqlite3, ...) is most of it
            report(f"{size:>7,} events: FTS5 build per 10,000 events", f"{per_10k:.3f} s",
                   "< 0.5 s" if at_goal else "", per_10k < 0.5 if at_goal else None)  # fmt: skip
        if at_goal:
            # A fresh load leaves its objects to the collector's first passes, which the
            # first search pays (as any first call that makes many objects would): the
            # same build, the dataset collected first.
            old_c, new_c = (
                _search_run(path, "old", "collected"),
                _search_run(path, "new", "collected"),
            )
            report(f"{size:>7,} events: the same, dataset collected first, old / FTS5",
                   f"{old_c['build']:.3f} s / {new_c['build']:.3f} s "
                   f"({new_c['build'] / old_c['build']:.2f}x)")  # fmt: skip
            old_mem, new_mem = (
                _search_run(path, "old", "memory"),
                _search_run(path, "new", "memory"),
            )
            report(f"{size:>7,} events: index memory, old (Python objects, tracemalloc)",
                   f"{old_mem['held'] / 1e6:.1f} MB")  # fmt: skip
            report(f"{size:>7,} events: index memory, FTS5 (Python objects; SQLite pages)",
                   f"{new_mem['held'] / 1e6:.1f} MB; {new_mem['sqlite'] / 1e6:.1f} MB")  # fmt: skip
        two = new["two"] * 1000
        report(f"{size:>7,} events: two-word query, old / FTS5",
               f"{old['two'] * 1000:.3f} ms / {two:.3f} ms",
               "< 10 ms" if size == large else "", two < 10 if size == large else None)  # fmt: skip
        report(f"{size:>7,} events: the same, first time (caches emptied), old / FTS5",
               f"{old['cold'] * 1000:.3f} ms / {new['cold'] * 1000:.3f} ms")  # fmt: skip
        report(f"{size:>7,} events: two common words, best 10, old / FTS5",
               f"{old['common'] * 1000:.1f} ms / {new['common'] * 1000:.1f} ms")  # fmt: skip


# --- queries ---------------------------------------------------------------------------------


def _per_call(fn: Callable[[], object], number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def queries(files: dict[int, Path]) -> None:
    print("queries (best of 5 repeats, time per call)")
    results: dict[str, dict[int, float]] = {"get_event": {}, "sessions_by_topic": {},
                                            "search (rare word)": {}}  # fmt: skip
    for size, path in files.items():
        ds = apt.load_dataset(path)
        last = f"event-{size - 1:06d}"
        rare = ds.get_event(last).name.rsplit(" ", 1)[1]  # the event's own number
        ds.search(rare)  # build the index once, as the first search does
        results["get_event"][size] = _per_call(lambda ds=ds, i=last: ds.get_event(i), 200_000)
        results["sessions_by_topic"][size] = _per_call(
            lambda ds=ds: ds.sessions_by_topic("Carbon markets"), 200_000
        )
        results["search (rare word)"][size] = _per_call(lambda ds=ds, q=rare: ds.search(q), 200)
        del ds
        gc.collect()
    sizes = sorted(files)
    small, large = sizes[0], sizes[-1]
    for name, by_size in results.items():
        cells = ", ".join(f"{s:,}: {by_size[s] * 1e9:,.0f} ns" for s in sizes)
        report(f"{name}", cells)
        ratio = by_size[large] / by_size[small]
        if name == "search (rare word)":
            mid = sizes[-2]
            growth = by_size[large] / by_size[mid]
            report(f"  {name}: {large:,} / {mid:,} events", f"{growth:.2f}x (linear: "
                   f"{large / mid:.0f}x)", "sub-linear", growth < large / mid)  # fmt: skip
        else:
            under = by_size[large] < 1e-6
            report(f"  {name}: under 1 us at {large:,} events", f"{by_size[large] * 1e9:.0f} ns",
                   "< 1000 ns", under)  # fmt: skip
            report(f"  {name}: {large:,} / {small:,} events", f"{ratio:.2f}x", "<= 1.5x",
                   ratio <= 1.5)  # fmt: skip
    bundled = _per_call(lambda: apt.get_event("apt-low-carbon-seminar-2023"), 200_000)
    report("apt.get_event(id), module level, bundled data", f"{bundled * 1e9:.0f} ns")


# --- exports ----------------------------------------------------------------------------------


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


def _writers() -> dict[str, Callable[[Path, apt.Dataset], object]]:
    """Every export, each writing into an empty folder (its cost includes the bytes)."""
    from aseanplus3_events.exports import tables
    from aseanplus3_events.exports.annotations import to_annotations
    from aseanplus3_events.exports.html import write_html
    from aseanplus3_events.exports.jsonld import to_jsonld_graph
    from aseanplus3_events.exports.parquet import write_parquet
    from aseanplus3_events.exports.xlsx import write_xlsx

    def dump(data: object, path: Path) -> None:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    writers: dict[str, Callable[[Path, apt.Dataset], object]] = {
        "csv": tables.write_csv,
        "datapackage": tables.write_datapackage,
        "parquet": write_parquet,
        "xlsx": lambda out, ds: write_xlsx(out / "events.xlsx", ds),
        "jsonld": lambda out, ds: dump(to_jsonld_graph(ds), out / "events.jsonld"),
        "annotations": lambda out, ds: dump(to_annotations(ds), out / "annotations.json"),
        "html": write_html,
    }
    try:
        from aseanplus3_events.exports.sqlite import write_sqlite

        writers["sqlite"] = lambda out, ds: write_sqlite(out / "events.db", ds)
    except ImportError:  # before the SQLite export exists
        pass
    return writers


def exports(files: dict[int, Path], sizes: tuple[int, int], trials: dict[int, int]) -> None:
    """Every export at two sizes, 10x apart: the time ratio says whether it is linear."""
    small, large = sizes
    print(f"exports at {small:,} and {large:,} events (CPU time, median; growth per 10x)")
    times: dict[str, dict[int, float]] = {}
    sizes_on_disk: dict[str, int] = {}
    writers = _writers()
    for size in sizes:
        ds = apt.load_dataset(files[size]) if size in files else apt.Dataset(
            apt.Catalog.model_validate_json(make_bytes(size))
        )  # fmt: skip
        for name, write in writers.items():
            runs = []
            for n in range(trials[size] + (size == small)):  # a first run imports the writer
                with tempfile.TemporaryDirectory() as tmp:
                    gc.collect()
                    start = time.process_time()
                    write(Path(tmp), ds)
                    if n or size != small:
                        runs.append(time.process_time() - start)
                    sizes_on_disk[name] = _folder_bytes(Path(tmp))
            times.setdefault(name, {})[size] = statistics.median(runs)
    for name, at in times.items():
        growth = at[large] / at[small] * 10 / (large / small)
        report(
            f"export {name}: {small:,} -> {large:,} events",
            f"{at[small]:.2f} s -> {at[large]:.2f} s ({growth:.1f}x per 10x)",
            "<= 12x per 10x",
            growth <= 12 if small >= 1000 else None,  # tiny sizes (--quick): no verdict
        )
    c, p = times["csv"][large], times["parquet"][large]
    report(f"Parquet / CSV at {large:,} events: time", f"{p / c:.2f}x")
    report(
        f"Parquet / CSV at {large:,} events: bytes on disk",
        f"{sizes_on_disk['parquet'] / sizes_on_disk['csv']:.2f}x",
    )


# --- the report --------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    import pydantic

    return [
        f"- machine: {cpu}, {os.cpu_count()} cores{memory}, {platform.system()} "
        f"{platform.release()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"pydantic {pydantic.VERSION}, aseanplus3-events {apt.__version__}",
    ]


def write_results(path: Path, mode: str, seconds: float) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py{' --quick' if mode == 'quick' else ''}` on "
        f"{time.strftime('%Y-%m-%d')}, in {seconds:.0f} s. Each ratio compares two "
        "measurements taken side by side in the same run.",
        "",
        *machine(),
        "",
        "| measurement | result | goal | verdict |",
        "|---|---|---|---|",
        *(f"| {w.strip()} | {m} | {g} | {v} |" for w, m, g, v in ROWS),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument("--out", type=Path, help="default: benchmarks/RESULTS.md (full run)")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.quick:
        sizes, goal_size, trials, runs = [1, 100, 1000], 1000, {1: 1, 100: 1, 1000: 1}, 3
        search_trials = {1: 1, 100: 1, 1000: 1}
    else:
        sizes, goal_size = [1, 1000, 10_000, 100_000], 10_000
        trials, runs = {1: 5, 1000: 9, 10_000: 5, 100_000: 3}, 31
        search_trials = {1: 3, 1000: 3, 10_000: 3, 100_000: 1}
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for size in sizes:
            files[size] = Path(tmp) / f"events-{size}.json"
            files[size].write_bytes(make_bytes(size))
        cold_start(runs, count=not args.quick)  # valgrind takes a minute: not in CI
        load_at_scale({s: p for s, p in files.items() if s > 1}, trials, goal_size)
        memory(files[goal_size], goal_size)
        whole_process(files[goal_size], goal_size, 3 if args.quick else 5)
        search_index(files, search_trials, goal_size)
        queries(files)
        if args.quick:  # tiny: a smoke test of every export
            exports(files, (10, 100), {10: 1, 100: 1})
        else:
            exports(files, (1000, 10_000), {1000: 3, 10_000: 1})
    out = args.out or (None if args.quick else HERE / "RESULTS.md")
    if out is not None:
        write_results(out, "quick" if args.quick else "full", time.perf_counter() - started)
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
