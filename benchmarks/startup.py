"""Cold start of the whole process: ``import aseanplus3_events; get_event()`` against the
pydantic floor (a process that imports pydantic, defines one two-field model and
validates one JSON object).  Runs are interleaved so that machine noise hits both alike;
the ratio of the medians is the number to watch (goal: at most 1.10).

    python benchmarks/startup.py [--runs N] [--python PATH]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

FLOOR = """
from pydantic import BaseModel
class M(BaseModel):
    a: int
    b: str
M.model_validate_json(b'{"a": 1, "b": "x"}')
"""
OURS = "import aseanplus3_events as a; a.get_event()"


def run(python: str, code: str) -> float:
    start = time.perf_counter()
    subprocess.run([python, "-c", code], check=True)
    return time.perf_counter() - start


def measure(python: str, runs: int) -> tuple[float, float]:
    floor: list[float] = []
    ours: list[float] = []
    run(python, FLOOR)  # warm the file cache for both
    run(python, OURS)
    for _ in range(runs):
        floor.append(run(python, FLOOR))
        ours.append(run(python, OURS))
    return statistics.median(floor), statistics.median(ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    floor, ours = measure(args.python, args.runs)
    print(f"median of {args.runs} interleaved runs")
    print(f"pydantic floor      {floor * 1000:8.1f} ms")
    print(f"import + get_event  {ours * 1000:8.1f} ms")
    print(f"ratio               {ours / floor:8.3f}x  (goal <= 1.10x)")


if __name__ == "__main__":
    main()
