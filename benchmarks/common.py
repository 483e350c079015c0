"""What the whole-process benchmarks share: the program as installed, and a fair comparison.

As installed: ``pip install`` compiles every module to bytecode, so a person's ``advisor`` never
compiles Python at start. A checkout installed in editable mode, on a machine that sets
``PYTHONDONTWRITEBYTECODE`` (this one does), would compile advisor's modules on every run and
charge it about 20 ms that no user pays; so the benchmarks compile them first, as pip would.

A fair comparison: the program and its floor run alternately, so a busy machine slows both
alike, and the figure is the median of the paired ratios: each run divided by the floor run next
to it. That is the statistic alternation is for. The ratio of the two medians is printed too,
but it pairs runs from different moments: on the same code and machine it swung from 0.93 to
1.26 over four runs of startup.py, while the paired median stayed between 1.05 and 1.09.
"""

from __future__ import annotations

import compileall
import shutil
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import advisor


def as_installed() -> None:
    """Compile advisor's modules to bytecode, as ``pip install`` does."""
    compileall.compile_dir(Path(advisor.__file__).parent, quiet=1)


def advisor_command(*args: str) -> list[str]:
    """The ``advisor`` console script of this environment (what people run), else ``-m advisor``."""
    script = Path(sys.executable).parent / "advisor"
    if script.is_file():
        return [str(script), *args]
    found = shutil.which("advisor")
    return [found, *args] if found else [sys.executable, "-m", "advisor", *args]


def alternate(
    measure: Callable[[list[str]], float], ours: list[str], floor: list[str], runs: int
) -> tuple[list[float], list[float]]:
    """Time ``ours`` and ``floor`` alternately ``runs`` times each, after one unmeasured run of each."""
    measure(ours)  # warms the pack cache and the disk
    measure(floor)
    ours_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(runs):
        ours_times.append(measure(ours))
        floor_times.append(measure(floor))
    return ours_times, floor_times


def report(ours_name: str, ours: list[float], floor_name: str, floor: list[float], bar: float) -> int:
    """Print both medians and the paired ratio against the bar; exit status 0 (met) or 1."""
    ratio = statistics.median(ours) / statistics.median(floor)
    paired = statistics.median(a / b for a, b in zip(ours, floor, strict=True))
    width = max(len(ours_name), len(floor_name))
    for name, times in ((ours_name, ours), (floor_name, floor)):
        print(f"{name:<{width}}  median {statistics.median(times) * 1000:5.0f} ms (fastest {min(times) * 1000:.0f} ms)")
    print(f"ratio of the medians {ratio:.2f}")
    verdict = "PASS" if paired <= bar else "FAIL"
    print(f"ratio, median of {len(ours)} alternated pairs: {paired:.2f} (bar: at most {bar}) {verdict}")
    return 0 if paired <= bar else 1
