"""Run every benchmark, print one table, and write it to benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py            # everything (about 15 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # one build per size, fewer edits, no Lighthouse
    .venv/bin/python benchmarks/run.py --skip lighthouse --skip serve

Each benchmark is a script in this folder, run in its own process. Scripts print their figures as
Markdown rows `| figure | value | target |`; those rows make the table, anything else they print is
kept under it, a table of their own (a header row over a rule) whole. Scripts other people own
(checklist.py, lighthouse.py) run when they exist.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python benchmarks/run.py`

from benchmarks.common import PYTHON, ROOT, machine

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
TIMEOUT = 30 * 60  # seconds per benchmark

# name → (arguments for a full run, arguments for --quick); None: skipped by --quick.
BENCHMARKS: dict[str, tuple[list[str], list[str] | None]] = {
    "build": ([], ["--repeat", "1"]),
    "serve": ([], ["--edits", "3"]),
    "weight": ([], []),
    "search": ([], []),
    "checklist": ([], []),
    "lighthouse": ([], None),
}


@dataclass
class Outcome:
    name: str
    rows: list[list[str]]
    other: str
    seconds: float
    status: int
    load: float  # 1-minute load average when it ended: other work on the machine skews figures


def cells(line: str) -> list[str] | None:
    """The cells of a Markdown table line, or None for any other line."""
    if not line.lstrip().startswith("|"):
        return None
    found = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return found if len(found) >= 2 else None


def is_rule(row: list[str] | None) -> bool:
    return row is not None and set("".join(row)) <= set("-: ")


def parse(output: str) -> tuple[list[list[str]], str]:
    """Figure rows (`| figure | value | target |`) and the remaining lines. A table of the
    script's own (a header row over a `| --- |` rule) stays whole among the remaining lines."""
    lines = output.splitlines()
    rows, other = [], []
    own_table = False
    for i, line in enumerate(lines):
        row = cells(line)
        if row is None:
            own_table = False
        elif not own_table and i + 1 < len(lines) and is_rule(cells(lines[i + 1])):
            own_table = True
        if own_table:
            other.append(line)
        elif row is not None and not is_rule(row):
            rows.append([*row, "", ""][:3])
        elif line.strip():
            other.append(line)
    return rows, "\n".join(other)


def run(name: str, args: list[str]) -> Outcome:
    script = HERE / f"{name}.py"
    print(f"== {name} ==", file=sys.stderr, flush=True)
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [PYTHON, str(script), *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        output, status = done.stdout, done.returncode
    except subprocess.TimeoutExpired as error:
        output, status = str(error.stdout or ""), -1
    rows, other = parse(output)
    if status:
        other = f"{other}\n(exit status {status})".strip()
    return Outcome(name, rows, other, time.perf_counter() - started, status, os.getloadavg()[0])


def table(outcomes: list[Outcome]) -> str:
    lines = ["| Benchmark | Figure | Value | Target |", "| --- | --- | --- | --- |"]
    for outcome in outcomes:
        for figure, value, target in outcome.rows:
            lines.append(f"| {outcome.name} | {figure} | {value} | {target} |")
    return "\n".join(lines)


def markdown(outcomes: list[Outcome], command: str, facts: dict[str, str]) -> str:
    parts = [
        "# Benchmark results",
        "",
        f"Written by `{command}`; run it again to refresh this file.",
        "",
        "| Machine | |",
        "| --- | --- |",
        *[f"| {key} | {value} |" for key, value in facts.items()],
        "",
        table(outcomes),
    ]
    for outcome in outcomes:
        if outcome.other:
            parts += ["", f"## {outcome.name}: other output", "", "```text", outcome.other, "```"]
    times = ", ".join(f"{o.name} {o.seconds:.0f} s (load {o.load:.1f})" for o in outcomes)
    parts += ["", f"Time taken (1-minute load average at the end): {times}.", ""]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no Lighthouse")
    parser.add_argument("--skip", action="append", default=[], choices=sorted(BENCHMARKS))
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    args = parser.parse_args(argv)
    facts = machine()  # before the benchmarks load the machine
    outcomes = []
    for name, (full, quick) in BENCHMARKS.items():
        chosen = quick if args.quick else full
        if name in args.skip or chosen is None or not (HERE / f"{name}.py").exists():
            continue
        outcomes.append(run(name, chosen))
    print(table(outcomes))
    for outcome in outcomes:
        if outcome.other:
            print(f"\n{outcome.name}:\n{outcome.other}")
    if not args.no_write:
        flags = " --quick" if args.quick else ""
        flags += "".join(f" --skip {name}" for name in args.skip)
        RESULTS.write_text(markdown(outcomes, f"benchmarks/run.py{flags}", facts), encoding="utf-8")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 1 if any(o.status for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
