"""Shared fixtures: a built site, a local server for it, parsed HTML, and a scratch project copy."""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from macros.commands.build import build_into

# The checklist tests' cl_* fixtures.
pytest_plugins = ("tests.checklist_helpers",)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def copy_project(target: Path) -> Path:
    """A scratch copy of everything a build reads, so a test may edit it freely."""
    for name in ("docs", "overrides", "macros"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project."""
    return copy_project(tmp_path / "project")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (for servers that need a port number up front)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server:
    """A static file server on 127.0.0.1 for one directory, on a free port; `handler` answers
    the requests (a subclass of QuietHandler may rewrite what it serves)."""

    def __init__(
        self, directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
    ) -> None:
        self.directory = directory
        serve = functools.partial(handler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), serve)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def server_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server started before the build, so the build's site_url can name its address."""
    server = Server(tmp_path_factory.mktemp("served"))
    yield server
    server.close()


@pytest.fixture(scope="session")
def site_dir(server_port: Server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with site_url set to the test server."""
    project = copy_project(tmp_path_factory.mktemp("site-project"))
    mp = pytest.MonkeyPatch()
    mp.setenv("SITE_URL", server_port.url + "/")
    try:
        build_into(project, project / "site", quiet=True)
    finally:
        mp.undo()
    shutil.copytree(project / "site", server_port.directory, dirs_exist_ok=True)
    return server_port.directory


@pytest.fixture(scope="session")
def base_url(site_dir: Path, server_port: Server) -> str:
    """Address of the built site on the local test server (no trailing slash)."""
    return server_port.url


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def html(site_dir: Path) -> Callable[[str], BeautifulSoup]:
    """Parsed HTML of a built page, by its path under the site (e.g. `ja/index.html`)."""

    @functools.cache
    def load(relative: str) -> BeautifulSoup:
        return parse(site_dir / relative)

    return load


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, started once per session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile per test (empty storage), that fails the test on a page error."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(10_000)
    errors: list[str] = []
    ctx.on("weberror", lambda error: errors.append(str(error.error)))
    yield ctx
    ctx.close()
    assert errors == [], f"uncaught errors in the page: {errors}"


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ (kept by CI, looked at by people)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def enhanced(page: Page) -> Page:
    """Wait until the page's scripts have run and Material's instant navigation is armed (it
    needs the sitemap). The scripts load after the first paint (assets/javascripts/loader.js), so
    right after `goto` a link may still be a plain link, as it is for a reader that quick."""
    page.wait_for_function("() => typeof document$ !== 'undefined'")
    page.wait_for_load_state("networkidle")
    return page


def open_page(context: BrowserContext, url: str) -> Page:
    """A new page at `url`, once its scripts have run (enhanced)."""
    page = context.new_page()
    page.goto(url)
    return enhanced(page)
