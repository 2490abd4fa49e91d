"""Shared fixtures: a built site, a local server for it, parsed HTML, and a scratch project copy."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import pickle
import shutil
import socket
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup
from filelock import FileLock
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from macros.commands.build import build_into, build_language
from macros.content.schema import LANGUAGES

if TYPE_CHECKING:
    from tests.audit.crawl import Crawl

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


# Under pytest-xdist (pyproject.toml: `-n 2 --dist loadscope`) the tests of one module run in one
# worker, so a module fixture (Lighthouse's run, the Nu checker's) runs once. `--dist loadgroup`
# would also keep an xdist_group together across modules (the crawl's three gates), but with
# pytest 9.2 xdist 3.8 cannot tag the node ids it groups by, so it groups nothing. The marks stay:
# they order the longest modules first, so no worker is left with one of them at the end.
FIRST_GROUPS = ("crawl", "serve", "lighthouse", "engines", "properdocs", "vnu", "edited-site")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        mark = item.get_closest_marker("xdist_group")
        name = None if mark is None else mark.args[0] if mark.args else mark.kwargs.get("name")
        if name == "crawl" and item.path.name != "test_gate_axe.py":
            return len(FIRST_GROUPS) + 1  # the axe gate's module makes the crawl; these read it
        return FIRST_GROUPS.index(name) if name in FIRST_GROUPS else len(FIRST_GROUPS)

    items.sort(key=rank)  # stable: the order within a rank is the collection's


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


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that says nothing when a browser drops a connection (a page
    closed while a file was on its way), and reports any other error as usual."""

    # Both workers' browsers share this server; the default backlog of 5 drops connections in a
    # burst (a crawl in one worker while the other opens a page), and a dropped request can be
    # the sitemap, which Material does not ask for again.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Server:
    """A static file server on 127.0.0.1 for one directory, on a free port; `handler` answers
    the requests (a subclass of QuietHandler may rewrite what it serves)."""

    def __init__(
        self, directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
    ) -> None:
        self.directory = directory
        serve = functools.partial(handler, directory=str(directory))
        self.httpd = QuietServer(("127.0.0.1", 0), serve)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Served:
    """Where the session's site is served: its address and the directory behind it.

    Under pytest-xdist the controller serves one directory for every worker (its address is the
    site_url the site is built for, so one build serves them all); alone, the session does.
    """

    def __init__(self, url: str, directory: Path, lock: Path | None) -> None:
        self.url = url
        self.directory = directory
        self.lock = lock  # a file lock shared by the workers, None without xdist


SHARED_SITE = "crm_shared_site"  # the workerinput key the controller passes to each worker


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist, in the controller: serve one directory for every worker (started with the
    first worker, closed when the session ends), and tell each worker where it is."""
    config: pytest.Config = node.config
    shared = getattr(config, "_crm_shared_site", None)
    if shared is None:
        scratch = Path(tempfile.mkdtemp(prefix="crm-tests-"))
        (scratch / "served").mkdir()
        server = Server(scratch / "served")
        shared = {"url": server.url, "directory": str(scratch / "served")}
        shared["lock"] = str(scratch / "build.lock")
        config._crm_shared_site = shared  # type: ignore[attr-defined]
        config.add_cleanup(lambda: shutil.rmtree(scratch, ignore_errors=True))
        config.add_cleanup(server.close)
    node.workerinput[SHARED_SITE] = json.dumps(shared)


@pytest.fixture(scope="session")
def site_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The address the session's site is built for and served at (started before the build, so
    that the build's site_url can name it)."""
    shared = getattr(request.config, "workerinput", {}).get(SHARED_SITE)
    if shared is not None:
        given = json.loads(shared)
        yield Served(given["url"], Path(given["directory"]), Path(given["lock"]))
        return
    server = Server(tmp_path_factory.mktemp("served"))
    yield Served(server.url, server.directory, None)
    server.close()


@pytest.fixture(scope="session")
def site_dir(site_server: Served, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session (once for all xdist workers: the first to need it
    builds under a file lock, the others wait and read it) with site_url set to the server."""
    with FileLock(site_server.lock) if site_server.lock else contextlib.nullcontext():
        done = site_server.directory.with_name(f"{site_server.directory.name}.built")
        if not done.exists():
            project = copy_project(tmp_path_factory.mktemp("site-project"))
            build(project, project / "site", url=site_server.url)
            shutil.copytree(project / "site", site_server.directory, dirs_exist_ok=True)
            done.touch()
    return site_server.directory


def build(
    project: Path, target: Path, *, languages: Sequence[str] = LANGUAGES, url: str | None = None
) -> Path:
    """Build `project` into `target`, for the address `url` when given (its site_url).

    Every language and the root pages through build_into (a process per language), or only
    `languages`: one MkDocs build each in this process, for a test that reads one language
    (half the work, and no process pool to start).
    """
    mp = pytest.MonkeyPatch()
    if url is not None:
        mp.setenv("SITE_URL", url.rstrip("/") + "/")
    try:
        if list(languages) == list(LANGUAGES):
            build_into(project, target, quiet=True)
        else:
            for lang in languages:
                build_language(project, lang, target / lang, strict=True)
    finally:
        mp.undo()
    return target


@pytest.fixture(scope="session")
def base_url(site_dir: Path, site_server: Served) -> str:
    """Address of the built site on the local test server (no trailing slash)."""
    return site_server.url


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


@pytest.fixture(scope="session")
def crawl(browser: Browser, site_dir: Path, base_url: str, site_server: Served) -> Crawl:
    """Every page visited once per palette, with axe-core's and the policy's violations and the
    requests to other hosts (tests/audit/crawl.py): read by the axe, CSP and requests gates.
    Under xdist the first worker to need it crawls (under a file lock) and saves the result for
    the other."""
    from tests.audit import crawl as crawler  # it reads READY from this module

    if site_server.lock is None:
        return crawler.run(browser, site_dir, base_url)
    saved = site_server.lock.with_name("crawl.pickle")
    with FileLock(site_server.lock.with_name("crawl.lock")):
        if not saved.exists():
            saved.write_bytes(pickle.dumps(crawler.run(browser, site_dir, base_url)))
        found: Crawl = pickle.loads(saved.read_bytes())
        return found


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ (kept by CI, looked at by people)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# True once Material's bundle has set the page up: its document$ has emitted (our loader fires
# DOMContentLoaded for it) or, from file://, where Material's instant navigation completes
# document$ without a value, has completed. Over http, also once instant navigation is armed:
# Material intercepts a click only after the sitemap has come.
READY = """() => {
  if (typeof document$ === "undefined") return false;
  let state = "";
  document$.subscribe({
    next: () => { state = "emitted"; },
    complete: () => { state = state || "completed"; },
  }).unsubscribe();
  if (location.protocol === "file:") return state !== "";
  return state === "emitted" &&
    performance.getEntriesByType("resource").some((e) => /\\/sitemap\\.xml$/.test(e.name));
}"""


# A page of a language has settled once Material is set up (READY) and the requests it makes at
# start have completed: the search index and worker, and the checklist's or the report's code where
# that part of the page is near enough to be loaded (then it is enhanced, for axe to see).
SETTLED = f"""() => {{
  if (!({READY})()) return false;
  const done = new Set(performance.getEntriesByType("resource").map((e) => e.name));
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base.replace(/\\/?$/, "/"), location.href);
  if (location.protocol !== "file:" && document.forms.namedItem("search")) {{
    if (!done.has(new URL("search/search_index.json", base).href)) return false;
    if (!done.has(new URL(config.search, location.href).href)) return false;
  }}
  const scripts = [...document.scripts].filter((s) => s.src);
  if (!scripts.every((s) => done.has(s.src))) return false;
  const loaded = (name) => scripts.some((s) => s.src.endsWith(`/${{name}}`));
  const near = JSON.parse(document.querySelector("[data-crm-near]")?.dataset.crmNear || "null");
  if (near && near.scripts.every((path) => loaded(path.split("/").pop()))) {{
    if (document.querySelector("[data-crm-root]:not([data-crm-ready])")) return false;
    const report = document.querySelector("[data-crm-report]");
    const shown = "[data-crm-report-body]:not([hidden]), [data-crm-report-status]:not([hidden])";
    if (report && !report.querySelector(shown)) return false;
  }}
  return true;
}}"""


# What a page that never became READY had done: said when a wait fails, so that a failure in CI
# can be told apart (no bundle, no document$, no sitemap).
DIAGNOSIS = """() => ({
  readyState: document.readyState,
  material: typeof document$ !== "undefined",
  scripts: [...document.scripts].filter((s) => s.src).map((s) => s.src.split("/").pop()),
  requests: performance.getEntriesByType("resource").map((e) => e.name.split("/").pop()),
})"""


def enhanced(page: Page) -> Page:
    """Wait until the page's scripts have run and Material's instant navigation is armed (it
    needs the sitemap). The scripts load after the first paint (assets/javascripts/loader.js), so
    right after `goto` a link may still be a plain link, as it is for a reader that quick.

    On a loaded machine a request of the page's start can be lost; Material then gives up on
    the sitemap without asking again, as it would for a reader on a bad line, who reloads. So
    does this, once, with a warning that says what the page had done; a page that is not ready
    after the reload fails the test with that account."""
    try:
        page.wait_for_function(READY)
    except PlaywrightTimeoutError:
        first = page.evaluate(DIAGNOSIS)
        warnings.warn(f"{page.url} was not ready after 30 s, reloaded: {first}", stacklevel=2)
        page.reload()
        try:
            page.wait_for_function(READY)
        except PlaywrightTimeoutError:
            pytest.fail(
                f"{page.url} never became ready (Material's document$ and the sitemap): "
                f"first {first}, after a reload {page.evaluate(DIAGNOSIS)}"
            )
    return page


def settled(page: Page) -> Page:
    """Wait until the page is enhanced and every request its scripts make at start is done
    (SETTLED): what a test that records a page's requests, or checks all of it, waits for."""
    page.wait_for_function(SETTLED)
    return page


def open_page(context: BrowserContext, url: str) -> Page:
    """A new page at `url`, once its scripts have run (enhanced)."""
    page = context.new_page()
    page.goto(url)
    return enhanced(page)
