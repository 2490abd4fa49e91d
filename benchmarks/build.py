"""Full bilingual build of synthetic datasets (5, 50, 500 patterns): wall time and peak memory.

Each size is built `--repeat` times in its own process (`python -m macros build --project …`) on
a scratch copy of the project; the median time and the largest peak resident memory are
reported. The build runs its languages in parallel worker processes, so memory is the sum over
the whole process tree (sampled every 50 ms), and the per-language times overlap.

Targets: the 500-pattern build under 60 s on the 2-core reference machine, and growth close to
linear (500 patterns at most 12 times the 50-pattern time).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python benchmarks/build.py`

from benchmarks.common import PYTHON, median, note, row, timed_run
from benchmarks.synthetic import write_scaled
from tests.conftest import copy_project

SIZES = (5, 50, 500)
LIMIT_500 = 60.0  # seconds
GROWTH = 12.0  # time(500) / time(50)


def build_once(project: Path, site: Path) -> tuple[float, int, dict[str, float]]:
    """Wall time, peak memory of the process tree, and the per-language times it reports."""
    command = [PYTHON, "-m", "macros", "build", "--project", str(project)]
    measured = timed_run([*command, "--site-dir", str(site)])
    found = re.finditer(r"Built (\w+) in ([\d.]+) s", measured.output)
    return measured.seconds, measured.tree_peak, {m[1]: float(m[2]) for m in found}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="builds per size (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args(argv)
    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for size in args.sizes:
            project = copy_project(Path(tmp) / f"project-{size}")
            write_scaled(project, size)
            runs = []
            for n in range(args.repeat):
                note(f"build: {size} patterns, run {n + 1}/{args.repeat} …")
                runs.append(build_once(project, Path(tmp) / f"site-{size}"))
            times[size] = median([r[0] for r in runs])
            peak = max(r[1] for r in runs)
            per_language = ", ".join(
                f"{lang} {median([r[2][lang] for r in runs]):.1f} s" for lang in runs[0][2]
            )
            target = f"< {LIMIT_500:.0f} s" if size == 500 else ""
            row(f"build {size} patterns: wall time", f"{times[size]:.1f} s", target)
            row(f"build {size} patterns: per language", per_language)
            row(f"build {size} patterns: peak memory (all processes)", f"{peak / 2**20:.0f} MiB")
    if 50 in times and 500 in times:
        growth = times[500] / times[50]
        row("build growth 500 / 50 patterns", f"{growth:.1f}×", f"≤ {GROWTH:.0f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
