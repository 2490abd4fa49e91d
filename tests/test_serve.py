"""The serve command: rebuilds on a dataset edit, keeps serving the last good site on a mistake."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from macros.content import dataset

from .conftest import free_port


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        body: bytes = response.read()
        return body.decode("utf-8")


MARKER = "Edited while serving"


def marker_absent(body: str) -> bool:
    return MARKER not in body


def wait_until(url: str, ready: Callable[[str], bool], what: str, timeout: float = 60) -> str:
    """Poll `url` until its body satisfies `ready`; return the body."""
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            body = fetch(url)
            if ready(body):
                return body
        except OSError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"{url} never {what}; last body started {body[:200]!r}")


def wait_for(url: str, text: str) -> str:
    return wait_until(url, lambda body: text in body, f"showed {text!r}")


class Output:
    """What a process prints, line by line, read as it comes (so that its pipe never fills)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, text: str, after: int, timeout: float = 120) -> None:
        """Wait until a line printed after the first `after` lines contains `text`."""
        with self.changed:
            if not self.changed.wait_for(
                lambda: any(text in line for line in self.lines[after:]), timeout
            ):
                raise AssertionError(f"serve never printed {text!r}: {self.lines[after:]}")


# Three builds of its own (a process pool each): started early, in a worker of its own turn.
pytestmark = pytest.mark.xdist_group("serve")


@pytest.fixture
def served(project: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str], Output]]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "macros", "serve", "--port", str(port), "--project", str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = Output(process)
    try:
        yield f"http://127.0.0.1:{port}", project, process, output
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl+C: serve removes its temporary site
        process.wait(timeout=10)


def test_serve_rebuilds_on_yaml_edit_and_survives_a_mistake(
    served: tuple[str, Path, subprocess.Popen[str], Output],
) -> None:
    """Editing the YAML updates the page; a broken YAML keeps the last good page served."""
    url, project, process, output = served
    data = project / "docs" / "data" / "patterns.yml"
    text = data.read_text(encoding="utf-8")
    pattern = dataset.load(data.parent).dataset.patterns[0]
    page = f"{url}/en/patterns/{pattern.id}.html"
    assert marker_absent(wait_for(page, '<h1 id="top"'))
    root = wait_for(f"{url}/", "ja/index.html")
    assert "en/index.html" in root

    assert text.count(pattern.title.en) == 1
    data.write_text(text.replace(pattern.title.en, MARKER), "utf-8")
    wait_for(page, MARKER)

    printed = len(output.lines)
    data.write_text(data.read_text(encoding="utf-8") + "\n  - id: [broken\n", "utf-8")
    # The rebuild fails and says so; the server must keep answering with the last good page.
    output.wait_for("Still serving the last good build", after=printed)
    assert MARKER in fetch(page)
    assert process.poll() is None, "the server must keep running"

    data.write_text(text, "utf-8")
    wait_until(page, marker_absent, "dropped the edit after the YAML was restored")


def test_serve_restarts_itself_when_the_builds_python_changes(
    project: Path, tmp_path: Path
) -> None:
    """Workers and this process keep the Python they imported: an edit to the build's code
    makes serve start again (same process, same address) and serve the site again."""
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "macros",
                "serve",
                "--port",
                str(port),
                "--project",
                str(project),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        pattern = dataset.load(project / "docs" / "data").dataset.patterns[0]
        page = f"http://127.0.0.1:{port}/en/patterns/{pattern.id}.html"
        ready = lambda body: '<h1 id="top"' in body  # noqa: E731
        wait_until(page, ready, "came up", timeout=300)  # a first build on a busy machine
        module = project / "macros" / "content" / "pages.py"
        module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
        deadline = time.monotonic() + 120
        while "restarting" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.25)
        assert "restarting" in log.read_text(), log.read_text()[-2000:]
        wait_until(page, ready, "came up again", timeout=300)
        assert process.poll() is None, "the same process serves again"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
