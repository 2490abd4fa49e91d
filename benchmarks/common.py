"""What the benchmark scripts share: the project root, a scratch copy, figures printed as rows.

Scripts are run as `python benchmarks/<name>.py` (by benchmarks/run.py or by hand); each puts
the project root on sys.path first, so `benchmarks` and `tests` import as packages. Every
benchmark prints its figures as Markdown table rows, `| figure | value | target |`
(target may be empty), plus any notes as plain lines; benchmarks/run.py gathers the rows of all
scripts into one table.
"""

from __future__ import annotations

import gzip
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"


def row(figure: str, value: str, target: str = "") -> None:
    """Print one figure as a table row (read back by benchmarks/run.py)."""
    print(f"| {figure} | {value} | {target} |", flush=True)


def note(text: str) -> None:
    """Progress for the person watching, on stderr so it stays out of the table."""
    print(text, file=sys.stderr, flush=True)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def gzipped(body: bytes) -> int:
    """Size of `body` as a server sends it with gzip (level 6, the usual default)."""
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def tree_usage(root: int) -> tuple[int, dict[int, float]]:
    """Resident memory (bytes) of a process and all its descendants, and the CPU seconds each
    of them has used so far (by process id), read from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            resident = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
        fields = stat.rsplit(")", 1)[1].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        rss[int(entry.name)] = resident * page
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    total, found, todo = 0, {}, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        found[pid] = cpu.get(pid, 0.0)
        todo += children.get(pid, [])
    return total, found


def tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, read from /proc."""
    return tree_usage(root)[0]


@dataclass(frozen=True)
class Measured:
    seconds: float
    tree_peak: int  # bytes: largest sum of the tree's resident memory (shared pages per process)
    output: str
    cpu: float = 0.0  # CPU seconds of the whole tree (as last sampled: within `every` of it)


def timed_run(
    command: Sequence[str],
    cwd: Path = ROOT,
    every: float = 0.05,
    env: dict[str, str] | None = None,
) -> Measured:
    """Run a command; its wall time, peak memory and output.

    The build runs its languages in worker processes, so the memory that counts is that of the
    whole process tree, sampled every `every` seconds while it runs.
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        peak = 0
        cpu: dict[int, float] = {}
        while process.poll() is None:
            rss, seen = tree_usage(process.pid)
            peak = max(peak, rss)
            cpu.update(seen)
            time.sleep(every)
        elapsed = time.perf_counter() - started
        log.seek(0)
        output = log.read()
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output}")
    return Measured(elapsed, peak, output, sum(cpu.values()))


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        chromium = "not installed"
    packages = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("mkdocs", "mkdocs-material", "playwright")
    )
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "Memory": memory,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Chromium": chromium,
        "Packages": packages,
        "Date": time.strftime("%Y-%m-%d %H:%M %Z"),
        # Other work on the machine slows every figure down: say how busy it was.
        "Load average at start": " ".join(f"{load:.1f}" for load in os.getloadavg()),
    }
