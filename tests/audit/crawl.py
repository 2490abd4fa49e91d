"""One visit of every built page, in the light and the dark palette, that gathers at once what the
page-by-page gates assert on: axe-core's violations, content security policy violations, requests
to other hosts, uncaught errors and the palette in use.

Three crawls (axe, CSP, requests) loaded every page once each; this one loads each page once per
palette and keeps every finding by page, so that tests/test_gate_axe.py, test_gate_csp.py and
test_gate_requests.py still report apart what broke.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route

from macros.content.schema import LANGUAGES
from tests.audit import axe, site
from tests.conftest import SETTLED

# The palette follows the system: emulating the preference must switch Material's scheme.
SCHEMES = {"light": "default", "dark": "slate"}
# A root page sends the reader on to a language; answering that navigation 204 cancels it, so
# the page stays as it is before any redirect (what readers without JS see).
INTO_A_LANGUAGE = re.compile(f"/({'|'.join(LANGUAGES)})/index\\.html")

# Collects every violation the page reports, from the first script on.
RECORD = """
window.crmViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const { violatedDirective, blockedURI, sourceFile, lineNumber } = event;
  window.crmViolations.push(`${violatedDirective} ${blockedURI} ${sourceFile}:${lineNumber}`);
});
"""


@dataclass(frozen=True)
class Visit:
    """What one page showed in one palette."""

    path: str  # under the site, e.g. `ja/index.html`
    scheme: str  # the emulated preference: light or dark
    palette: str | None  # Material's data-md-color-scheme (None on the root pages)
    url: str  # where the page was when checked (root pages must not have moved)
    violations: tuple[axe.Violation, ...]
    policy: tuple[str, ...]  # content security policy violations the page reported
    elsewhere: tuple[str, ...]  # requests to other hosts: "URL (resource type)"


@dataclass
class Crawl:
    """Every visit, and what the browser reported outside any one page's checks."""

    visits: list[Visit] = field(default_factory=list)
    console: list[str] = field(default_factory=list)  # console messages about the policy
    errors: list[tuple[str, str]] = field(default_factory=list)  # (page, uncaught error)
    redirects: list[str] = field(default_factory=list)  # root pages' cancelled redirects

    def of(self, *, lang: str | None = None, scheme: str | None = None) -> list[Visit]:
        """Visits of one language's pages (`root`: the site root's), of one palette."""

        def wanted(visit: Visit) -> bool:
            in_lang = lang is None or folder(visit.path) == lang
            return in_lang and (scheme is None or visit.scheme == scheme)

        return [visit for visit in self.visits if wanted(visit)]


def folder(path: str) -> str:
    """The language a page belongs to (`root` for the site root's pages)."""
    return path.split("/")[0] if "/" in path else "root"


def run(
    browser: Browser, site_dir: Path, base_url: str, schemes: Sequence[str] = tuple(SCHEMES)
) -> Crawl:
    """Visit every page of the built site served at `base_url`, once per palette."""
    crawl = Crawl()
    for scheme in schemes:
        visit_all(browser, site.pages(site_dir), base_url, scheme, crawl)
    return crawl


def visit_all(browser: Browser, paths: list[str], base_url: str, scheme: str, crawl: Crawl) -> None:
    """Visit each page in one palette (one browser profile) and add what it showed to `crawl`."""
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    context.set_default_timeout(20_000)
    context.add_init_script(RECORD)
    host = urlsplit(base_url).netloc
    current = [""]
    elsewhere: list[str] = []

    def request(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
            elsewhere.append(f"{request.url} ({request.resource_type})")

    def console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            crawl.console.append(f"{current[0]} [{scheme}]: {message.text}")

    context.on("request", request)
    context.on("console", console)
    context.on("weberror", lambda e: crawl.errors.append((current[0], str(e.error))))
    for path in paths:
        current[0] = path
        elsewhere.clear()
        page = context.new_page()
        palette = None
        if "/" not in path:
            visit_root(page, base_url, path, crawl)
        else:
            page.goto(f"{base_url}/{path}")
            page.wait_for_load_state("load")
            palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            page.wait_for_function(SETTLED)
        found = axe.violations(page)
        policy: list[str] = page.evaluate("window.crmViolations")
        url = page.url
        page.close()
        visit = Visit(path, scheme, palette, url, tuple(found), tuple(policy), tuple(elsewhere))
        crawl.visits.append(visit)
    context.close()


def visit_root(page: Page, base_url: str, path: str, crawl: Crawl) -> None:
    """Open a root page and keep it there: its redirect into a language is answered 204."""

    def cancel(route: Route) -> None:
        crawl.redirects.append(f"{path} → {route.request.url}")
        route.fulfill(status=204)

    page.route(INTO_A_LANGUAGE, cancel)
    page.goto(f"{base_url}/{path}", wait_until="commit")
    page.wait_for_function("document.readyState === 'complete'")
