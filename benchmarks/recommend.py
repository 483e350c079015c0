"""`advisor recommend --json`, whole process, against `python -c "import pydantic, yaml, rapidfuzz"`.

    python benchmarks/recommend.py [--runs 15]

The two commands are run alternately, so a busy machine slows both alike; the figure is the ratio
of the medians. Bar: at most 1.3. The pack cache is warmed first (it is built once per rule-pack
version; see advisor/pack/cache.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BAR = 1.3
ADVISOR = [
    sys.executable,
    "-m",
    "advisor",
    "recommend",
    "--answer",
    "budget=0",
    "--answer",
    "runtime=1",
    "--answer",
    "hardware=gpu",
    "--json",
]
BASELINE = [sys.executable, "-c", "import pydantic, yaml, rapidfuzz"]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "ADVISOR_CACHE_DIR": tempfile.mkdtemp(prefix="advisor-bench-")}
    timed(ADVISOR, env)  # builds the pack cache
    ours, base = [], []
    for _ in range(args.runs):
        ours.append(timed(ADVISOR, env))
        base.append(timed(BASELINE, env))
    ratio = statistics.median(ours) / statistics.median(base)
    print(f"advisor recommend --json: median {statistics.median(ours) * 1000:.0f} ms")
    print(f"import pydantic, yaml, rapidfuzz: median {statistics.median(base) * 1000:.0f} ms")
    print(f"ratio {ratio:.2f} (bar: at most {BAR}) {'PASS' if ratio <= BAR else 'FAIL'}")
    return 0 if ratio <= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
