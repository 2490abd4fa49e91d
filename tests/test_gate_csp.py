"""Gate: every page ships a content security policy that its own scripts, styles, search worker
and instant navigation live with (no violation over http or from file://), and that stops a
script injected into the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, expect

from macros.content import dataset
from tests.audit.crawl import RECORD, Crawl

from .conftest import ROOT, parse

PATTERN = dataset.load(ROOT / "docs" / "data").dataset.patterns[0]


def policy_of(soup: BeautifulSoup) -> str:
    metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1
    return str(metas[0]["content"])


def directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {name: sources for name, *sources in parts}


def pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def test_every_page_has_a_strict_policy_first(site_dir: Path) -> None:
    """Each page's policy comes before any script or style, allows inline scripts only by hash,
    no eval, nothing from another host, no plugins."""
    for path in pages(site_dir):
        soup = parse(path)
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, path
        earlier = meta.find_all_previous(["script", "style", "link"])
        assert earlier == [], f"{path}: {earlier} before the policy"
        policy = directives(policy_of(soup))
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        for name, sources in policy.items():
            for source in sources:
                allowed = source in {"'self'", "'none'", "'unsafe-hashes'", "data:"}
                assert allowed or re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", source), (
                    f"{path}: {name} {source}"
                )
        assert "'unsafe-hashes'" not in policy["script-src"]


@pytest.fixture
def watched(context: BrowserContext) -> tuple[BrowserContext, list[str]]:
    """The test's context, with violations reported to the console collected as well."""
    console: list[str] = []
    context.add_init_script(RECORD)
    context.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return context, console


def violations(page: Page) -> list[str]:
    found: list[str] = page.evaluate("window.crmViolations")
    return found


@pytest.mark.browser
@pytest.mark.xdist_group("crawl")
def test_no_page_violates_its_policy_over_http(
    crawl: Crawl, watched: tuple[BrowserContext, list[str]], base_url: str, site_dir: Path
) -> None:
    """Every page of both languages (and the root pages) loads with no policy violation, in
    either palette (the crawl of tests/audit/crawl.py), and the root page's redirect runs."""
    visited = {visit.path for visit in crawl.visits}
    assert visited == {p.relative_to(site_dir).as_posix() for p in pages(site_dir)}
    found = [f"{v.path} [{v.scheme}]: {x}" for v in crawl.visits for x in v.policy]
    assert found == [], "policy violations:\n" + "\n".join(found)
    assert crawl.console == []
    assert crawl.errors == [], f"uncaught errors in the page: {crawl.errors}"
    # The root page sends the reader on at once (the crawl keeps it in place): it is allowed to.
    context, console = watched
    page = context.new_page()
    page.goto(f"{base_url}/index.html")
    expect(page).to_have_url(re.compile(r"/(ja|en)/index\.html$"))
    assert console == []


@pytest.mark.browser
def test_search_and_instant_navigation_live_with_the_policy(
    watched: tuple[BrowserContext, list[str]], base_url: str
) -> None:
    """Search (its worker) and instant navigation between page types report no violation."""
    context, console = watched
    page = context.new_page()
    page.goto(f"{base_url}/ja/index.html?q={PATTERN.short_title.ja}")
    result = page.locator(f'.md-search-result__item a[href*="patterns/{PATTERN.id}.html"]')
    expect(result.first).to_be_visible(timeout=20_000)  # indexing is slow on a busy machine
    page.keyboard.press("Escape")
    page.evaluate("window.crmSameDocument = true")
    for target in (f"patterns/{PATTERN.id}.html", "checklist.html", "cycle.html", "sources.html"):
        page.locator(f'.md-nav a[href$="{target}"]').first.click()
        expect(page).to_have_url(re.compile(re.escape(target) + "(#.*)?$"))
    assert page.evaluate("window.crmSameDocument === true"), "navigation was not instant"
    assert violations(page) == []
    assert console == []


@pytest.mark.browser
def test_search_from_disk_lives_with_the_policy(browser: Browser, site_dir: Path) -> None:
    """Opened from file://, search runs through the worker shim with no violation."""
    context = browser.new_context()
    context.add_init_script(RECORD)
    console: list[str] = []
    context.on("console", lambda m: console.append(m.text))
    page = context.new_page()
    page.goto((site_dir / "ja" / "index.html").as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type(PATTERN.short_title.ja)
    page.keyboard.press("End")  # Material searches on keyup
    result = page.locator(f'.md-search-result__item a[href*="patterns/{PATTERN.id}.html"]')
    expect(result.first).to_be_visible(timeout=20_000)  # indexing is slow on a busy machine
    assert violations(page) == []
    assert [m for m in console if "Content Security Policy" in m] == []
    context.close()


@pytest.mark.browser
def test_an_injected_script_is_blocked(
    watched: tuple[BrowserContext, list[str]], base_url: str
) -> None:
    """An inline script and an event-handler attribute put into a page do not run (eval is
    checked by the policy's sources above: DevTools' own evaluation is exempt from it)."""
    context, _ = watched
    page = context.new_page()
    page.goto(f"{base_url}/en/checklist.html")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.crmInjected = 'script'";
          document.body.append(script);
          const holder = document.createElement("div");
          holder.innerHTML = '<img src="data:," onerror="window.crmInjected = \\'handler\\'">';
          document.body.append(holder);
        }"""
    )
    # Done once both have run or both refusals are reported (the event comes in a task of its own).
    page.wait_for_function(
        "() => window.crmInjected || window.crmViolations.filter("
        "(v) => v.startsWith('script-src')).length >= 2"
    )
    assert page.evaluate("window.crmInjected") is None
    found = violations(page)
    assert any(v.startswith("script-src") for v in found), found
