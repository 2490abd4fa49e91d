"""Time from a YAML edit to the edited page served again by `python -m macros serve`.

The serve command runs on a scratch copy of the project (real dataset, or `--patterns N` of the
synthetic one). Each edit appends a marker to the first pattern's Japanese title; the pattern's
page is polled every 50 ms until the marker appears. Median of `--edits` edits.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python benchmarks/serve.py`

from benchmarks.common import PYTHON, median, note, row
from benchmarks.synthetic import write_scaled
from macros.content import dataset
from tests.conftest import copy_project, free_port

POLL = 0.05  # seconds between requests
TIMEOUT = 120.0  # seconds to wait for the server or for one edit


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str) -> float:
    """Poll `url` until its body contains `text`; return when that happened."""
    deadline = time.perf_counter() + TIMEOUT
    while time.perf_counter() < deadline:
        if text in fetch(url):
            return time.perf_counter()
        time.sleep(POLL)
    raise TimeoutError(f"{url} did not show {text!r} within {TIMEOUT:.0f} s")


def measure(project: Path, edits: int) -> list[float]:
    data = project / "docs" / "data" / "patterns.yml"
    pattern = dataset.load(data.parent).dataset.patterns[0]
    original = data.read_text(encoding="utf-8")
    line = f"ja: {pattern.title.ja}"
    assert line in original, f"cannot find the title line {line!r} to edit"
    port = free_port()
    url = f"http://127.0.0.1:{port}/ja/patterns/{pattern.id}.html"
    command = [PYTHON, "-m", "macros", "serve", "--port", str(port), "--project", str(project)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for(url, pattern.title.ja)
            latencies = []
            for n in range(edits):
                marker = f"計測{n}"
                time.sleep(1.0)  # let the watcher settle after the previous build
                data.write_text(original.replace(line, f"{line} {marker}", 1), encoding="utf-8")
                edited = time.perf_counter()
                latencies.append(wait_for(url, marker) - edited)
                note(f"serve: edit {n + 1}/{edits} served after {latencies[-1]:.2f} s")
            return latencies
        finally:
            process.send_signal(signal.SIGINT)  # serve removes its temporary site on Ctrl+C
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--patterns", type=int, help="use a synthetic dataset of N patterns")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = copy_project(Path(tmp) / "project")
        if args.patterns:
            write_scaled(project, args.patterns)
        latencies = measure(project, args.edits)
    size = f"{args.patterns} patterns" if args.patterns else "real dataset"
    row(
        f"serve: YAML edit → page served ({size}, median of {args.edits})",
        f"{median(latencies):.2f} s",
    )
    row("serve: fastest / slowest edit", f"{min(latencies):.2f} s / {max(latencies):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
