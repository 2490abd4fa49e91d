"""Gate: the site works opened from disk (file://) with no network: navigation, search and the
checklist; the Web Worker shim that makes search work there is our vendored copy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from macros.content import dataset
from tools import vendor

from .checklist_helpers import enhanced_checklist
from .conftest import ROOT, enhanced

pytestmark = pytest.mark.browser
PATTERN = dataset.load(ROOT / "docs" / "data").dataset.patterns[0]


@pytest.fixture
def offline(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh profile that fails the test on page errors or on any request leaving the disk."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    errors: list[str] = []
    fetched: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    context.on(
        "request",
        lambda request: None if request.url.startswith("file:") else fetched.append(request.url),
    )
    yield context
    context.close()
    assert errors == [], f"uncaught errors in the page: {errors}"
    assert fetched == [], f"pages opened from disk requested: {fetched}"


def open_file(context: BrowserContext, path: Path) -> Page:
    page = context.new_page()
    page.goto(path.as_uri())
    return enhanced(page)


def test_navigation_from_disk(offline: BrowserContext, site_dir: Path) -> None:
    """Clicking a pattern card on the home page opens the pattern page from disk."""
    page = open_file(offline, site_dir / "ja" / "index.html")
    page.locator(f'.crm-cards a[href$="patterns/{PATTERN.id}.html"]').click()
    expect(page).to_have_url((site_dir / "ja" / "patterns" / f"{PATTERN.id}.html").as_uri())
    expect(page.locator("h1")).to_contain_text(PATTERN.title.ja)


def test_search_from_disk(offline: BrowserContext, site_dir: Path) -> None:
    """Typing a pattern's name into the search box lists that pattern's page (index inlined)."""
    page = open_file(offline, site_dir / "ja" / "index.html")
    assert page.evaluate("window.Worker === window.IFrameWorker"), "shim not active on file://"
    page.locator(".md-search__input").click()
    page.keyboard.type(PATTERN.short_title.ja)
    # Playwright enters Japanese text without key events; Material searches on keyup, as when a
    # reader commits IME input. Without this the test passed only when it typed before the index
    # was ready (Material then runs the box's query once ready) and failed on a slower machine.
    page.keyboard.press("End")
    result = page.locator(f'.md-search-result__item a[href*="patterns/{PATTERN.id}.html"]')
    expect(result.first).to_be_visible()


def test_checklist_ticks_survive_a_reload_from_disk(
    offline: BrowserContext, site_dir: Path
) -> None:
    """A statement ticked on the checklist page opened from disk is still ticked when reopened."""
    url = (site_dir / "ja" / "checklist.html").as_uri()
    page = enhanced_checklist(open_file(offline, site_dir / "ja" / "checklist.html"))
    box = page.locator("form[data-crm-checklist] input[type=checkbox]").first
    name = box.get_attribute("name")
    page.locator(f'label[for="{box.get_attribute("id")}"]').click()
    expect(box).to_be_checked()
    page.close()
    # A new page (not reload(), which may restore form state by itself) reads the saved ticks.
    again = offline.new_page()
    again.goto(url)
    expect(again.locator(f'form[data-crm-checklist] input[name="{name}"]')).to_be_checked()
    again.reload()
    expect(again.locator(f'form[data-crm-checklist] input[name="{name}"]')).to_be_checked()


def test_search_over_http_uses_a_real_worker(context: BrowserContext, base_url: str) -> None:
    """Served over http the shim stays out of the way and instant navigation stays on."""
    page = context.new_page()
    page.goto(f"{base_url}/en/index.html")
    enhanced(page)
    assert page.evaluate("window.Worker !== window.IFrameWorker")
    page.locator(f'.crm-cards a[href$="patterns/{PATTERN.id}.html"]').click()
    expect(page.locator("h1")).to_contain_text(PATTERN.title.en)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


def test_pages_load_the_vendored_shim_not_a_cdn(site_dir: Path) -> None:
    """Every page loads the shim from the site itself (its loader, from disk); no script comes
    from another host."""
    for page in sorted(site_dir.glob("*/**/*.html")):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=\"(https?:)?//", text), page
        assert 'data-crm-offline="assets/javascripts/vendor/iframe-worker/shim.js"' in text, page


def test_vendored_shim_is_the_pinned_npm_package() -> None:
    """overrides/…/vendor/iframe-worker matches package.json's iframe-worker, licence included."""
    assert vendor.stale() == [], "vendored shim out of date: run `python -m tools.vendor`"
