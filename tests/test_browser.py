"""The site in headless Chromium: language switch, root redirect, no request to other hosts."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from macros.content import dataset
from macros.content.schema import LANGUAGES

from .conftest import ROOT, open_page, screenshot, settled

pytestmark = pytest.mark.browser
PATTERNS = dataset.load(ROOT / "docs" / "data").dataset.patterns


def switch_language(page: Page, lang: str) -> None:
    """Use the header's language selector like a reader: open it, pick the language."""
    page.locator(".md-header .md-select button").hover()
    page.locator(f"a.md-select__link[hreflang={lang}]").click()
    page.wait_for_load_state("load")


def test_language_switch_stays_on_the_same_page(context: BrowserContext, base_url: str) -> None:
    """From a pattern page in Japanese, the selector opens the same pattern in English."""
    pattern = PATTERNS[1]
    page = open_page(context, f"{base_url}/ja/patterns/{pattern.id}.html")
    switch_language(page, "en")
    expect(page).to_have_url(f"{base_url}/en/patterns/{pattern.id}.html")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text(pattern.title.en)


def test_language_switch_after_instant_navigation(context: BrowserContext, base_url: str) -> None:
    """After moving through the nav without a reload, the selector follows the new page."""
    page = open_page(context, f"{base_url}/en/index.html")
    target = PATTERNS[2]
    page.locator(f'.crm-cards a[href$="patterns/{target.id}.html"]').click()
    # navigation.tracking may add the current section's anchor: compare without it.
    expect(page).to_have_url(re.compile(re.escape(f"{base_url}/en/patterns/{target.id}.html")))
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    switch_language(page, "ja")
    # The switch keeps the section, so the anchor tracking added may come along.
    expect(page).to_have_url(
        re.compile(re.escape(f"{base_url}/ja/patterns/{target.id}.html") + r"(#[\w-]+)?$")
    )
    expect(page.locator("h1")).to_contain_text(target.title.ja)


def test_language_switch_keeps_the_section(context: BrowserContext, base_url: str) -> None:
    """Anchors are the same in both languages, so the switch keeps the reader's place."""
    pattern = PATTERNS[0]
    page = open_page(context, f"{base_url}/ja/patterns/{pattern.id}.html#checklist")
    switch_language(page, "en")
    expect(page).to_have_url(f"{base_url}/en/patterns/{pattern.id}.html#checklist")


@pytest.mark.parametrize(
    ("preferred", "expected"), [("ja-JP", "ja"), ("en-GB", "en"), ("fr", "en")]
)
def test_root_sends_visitors_to_their_language(
    browser: Browser, base_url: str, preferred: str, expected: str
) -> None:
    """The site root opens the browser's language, English when it has neither."""
    context = browser.new_context(locale=preferred)
    page = context.new_page()
    page.goto(f"{base_url}/")
    expect(page).to_have_url(f"{base_url}/{expected}/index.html")
    expect(page.locator("html")).to_have_attribute("lang", expected)
    context.close()


def test_root_without_javascript_offers_links(browser: Browser, base_url: str) -> None:
    """With JS off the root page stays and offers a link per language."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/")
    expect(page).to_have_url(f"{base_url}/")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{base_url}/en/index.html")
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_request_nothing_from_other_hosts(
    context: BrowserContext, base_url: str, lang: str
) -> None:
    """Loading each kind of page makes requests only to the host that serves the site."""
    host = urlsplit(base_url).netloc
    elsewhere: list[str] = []
    context.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if urlsplit(request.url).netloc not in (host, "")
            else None
        ),
    )
    for path in ("index.html", f"patterns/{PATTERNS[0].id}.html", "cycle.html", "checklist.html"):
        page = settled(open_page(context, f"{base_url}/{lang}/{path}"))
        page.close()
    assert elsewhere == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_home_and_a_pattern(
    browser: Browser, base_url: str, lang: str, width: int
) -> None:
    """Home and a pattern page render at phone and desk width (saved under test-artifacts/)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    for name, path in (("home", "index.html"), ("pattern", f"patterns/{PATTERNS[0].id}.html")):
        page = open_page(context, f"{base_url}/{lang}/{path}")
        expect(page.locator("h1")).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} ({lang}, {width}px) scrolls sideways by {overflow}px"
        screenshot(page, f"{name}-{lang}-{width}")
        page.close()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_pages_do_not_scroll_sideways_without_javascript(
    browser: Browser, base_url: str, lang: str
) -> None:
    """Before the scripts arrive, and without JS at all, nothing sticks out of a phone's width
    (the header then has no search button, and the language menu is its last item)."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    for path in ("index.html", f"patterns/{PATTERNS[0].id}.html", "checklist.html"):
        page = context.new_page()
        page.goto(f"{base_url}/{lang}/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} ({lang}, 360px, no JS) scrolls sideways by {overflow}px"
        page.close()
    context.close()
