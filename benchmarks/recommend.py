"""`advisor recommend --json`, whole process, against `python -c "import pydantic, yaml, rapidfuzz"`.

    python benchmarks/recommend.py [--runs 15]

The two commands are run alternately, so a busy machine slows both alike; the figure is the median
of the paired ratios (see common.py). Bar: at most 1.3. The pack cache is warmed first (it is built once per rule-pack
version; see advisor/pack/cache.py), and advisor runs as installed (see common.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

from common import advisor_command, alternate, as_installed, report

BAR = 1.3
ADVISOR = advisor_command("recommend", "-a", "budget=0", "-a", "runtime=1", "-a", "hardware=gpu", "--json")
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
    as_installed()
    ours, base = alternate(lambda cmd: timed(cmd, env), ADVISOR, BASELINE, args.runs)
    return report("advisor recommend --json", ours, "import pydantic, yaml, rapidfuzz", base, BAR)


if __name__ == "__main__":
    sys.exit(main())
