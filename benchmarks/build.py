"""Full bilingual build of synthetic datasets (5, 50, 500 patterns): time, page and site size.

Each size is built `--repeat` times in its own process (`python -m macros build --project …`) on
a scratch copy of the project whose patterns have texts of their own (benchmarks/synthetic.py);
the median wall time, the median CPU time of all its processes, the largest peak resident
memory, the size of one pattern page (the first pattern's, in Japanese) and of the whole site
are reported. The build runs its languages in parallel worker processes, so memory and CPU time
are summed over the whole process tree (sampled every 50 ms), and the per-language times
overlap. CPU time says more than wall time on a machine that others are using too.

`--code DIR …` builds with the code of other trees too (a `git worktree` of another commit, say),
one run of each in turn, so that a busy machine slows all of them alike.

Goals from 50 to 500 patterns (issue 16): build time at most 10 times, one pattern page at most
1.5 times (uncompressed bytes), the whole site at most 11 times; 500 patterns in at most 30 s on
the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python benchmarks/build.py`

from benchmarks.common import PYTHON, ROOT, gzipped, kib, median, note, row, timed_run
from benchmarks.synthetic import write_scaled
from macros.content import dataset

SIZES = (5, 50, 500)
LIMIT_500 = 30.0  # seconds
GROWTH = {"time": 10.0, "page": 1.5, "site": 11.0}  # 500 patterns / 50 patterns


@dataclass
class Run:
    seconds: float
    cpu: float
    peak: int
    per_language: dict[str, float]
    page: int  # bytes of the first pattern's Japanese page
    page_gz: int
    site: int  # bytes of every file of the site


def copy_code(code: Path, target: Path) -> Path:
    """A scratch project: what a build reads, from the tree `code`."""
    for name in ("docs", "overrides", "macros"):
        shutil.copytree(code / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(code / "mkdocs.yml", target / "mkdocs.yml")
    return target


def build_once(project: Path, site: Path) -> Run:
    """Build `project` with its own copy of the code (PYTHONPATH), into `site`."""
    command = [PYTHON, "-m", "macros", "build", "--project", str(project), "--site-dir", str(site)]
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    measured = timed_run(command, cwd=project, env=env)
    found = re.finditer(r"Built (\w+) in ([\d.]+) s", measured.output)
    first = dataset.load(project / "docs" / "data").dataset.patterns[0].id
    body = (site / "ja" / "patterns" / f"{first}.html").read_bytes()
    size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    return Run(
        measured.seconds,
        measured.cpu,
        measured.tree_peak,
        {m[1]: float(m[2]) for m in found},
        len(body),
        gzipped(body),
        size,
    )


def report(label: str, size: int, runs: list[Run]) -> None:
    name = f"build {size} patterns{label}"
    seconds = median([r.seconds for r in runs])
    target = f"≤ {LIMIT_500:.0f} s" if size == 500 else ""
    row(f"{name}: wall time", f"{seconds:.1f} s", target)
    row(f"{name}: CPU time (all processes)", f"{median([r.cpu for r in runs]):.1f} s")
    languages = ", ".join(
        f"{lang} {median([r.per_language[lang] for r in runs]):.1f} s"
        for lang in runs[0].per_language
    )
    row(f"{name}: per language", languages)
    row(f"{name}: peak memory (all processes)", f"{max(r.peak for r in runs) / 2**20:.0f} MiB")
    row(f"{name}: one pattern page", f"{kib(runs[0].page)}, {kib(runs[0].page_gz)} gz")
    row(f"{name}: whole site", f"{runs[0].site / 2**20:.1f} MiB")


def growth(label: str, small: list[Run], large: list[Run]) -> None:
    """The 500 / 50 ratios against the goals."""
    figures = {
        "time": (median([r.seconds for r in large]) / median([r.seconds for r in small])),
        "page": large[0].page / small[0].page,
        "site": large[0].site / small[0].site,
    }
    cpu = median([r.cpu for r in large]) / median([r.cpu for r in small])
    row(
        f"build growth 500 / 50 patterns{label}: wall time",
        f"{figures['time']:.1f}×",
        f"≤ {GROWTH['time']:.0f}×",
    )
    row(f"build growth 500 / 50 patterns{label}: CPU time", f"{cpu:.1f}×")
    row(
        f"build growth 500 / 50 patterns{label}: one pattern page",
        f"{figures['page']:.2f}×",
        f"≤ {GROWTH['page']}×",
    )
    row(
        f"build growth 500 / 50 patterns{label}: whole site",
        f"{figures['site']:.1f}×",
        f"≤ {GROWTH['site']:.0f}×",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="builds per size (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument(
        "--code", type=Path, nargs="+", default=[ROOT], help="trees whose code to build with"
    )
    args = parser.parse_args(argv)
    codes = [path.resolve() for path in args.code]
    labels = {code: "" if len(codes) == 1 else f" ({code.name})" for code in codes}
    results: dict[tuple[Path, int], list[Run]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for size in args.sizes:
            projects = {}
            for i, code in enumerate(codes):
                projects[code] = copy_code(code, Path(tmp) / f"project-{size}-{i}")
                write_scaled(projects[code], size)
            for n in range(args.repeat):
                for code in codes:  # in turn: a busy machine slows each alike
                    note(f"build: {size} patterns{labels[code]}, run {n + 1}/{args.repeat} …")
                    site = Path(tmp) / f"site-{size}"
                    shutil.rmtree(site, ignore_errors=True)
                    results.setdefault((code, size), []).append(build_once(projects[code], site))
            for code in codes:
                report(labels[code], size, results[code, size])
    for code in codes:
        if (code, 50) in results and (code, 500) in results:
            growth(labels[code], results[code, 50], results[code, 500])
    return 0


if __name__ == "__main__":
    sys.exit(main())
