"""Every page works where the browser refuses storage, or where one of Material's own storage
keys holds a bad value: search, instant navigation and the palette, with no uncaught error.

The `context` fixture fails a test on any uncaught page error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from macros.content import dataset

from .conftest import ROOT, enhanced

pytestmark = pytest.mark.browser
PATTERN = dataset.load(ROOT / "docs" / "data").dataset.patterns[0]
UI = dataset.load(ROOT / "docs" / "data").ui.root

# As Chrome does with "block all cookies": every access to window.localStorage throws.
REFUSE_STORAGE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); }
});
"""


def bad_palette(value: str) -> str:
    """An init script that stores `value` under Material's palette key of the ja site."""
    return f"localStorage.setItem('/ja/.__palette', {value!r});"


def search_finds_a_pattern(page: Page, base_url: str) -> None:
    word = PATTERN.short_title.ja
    page.goto(f"{base_url}/ja/index.html?q={word}")
    result = page.locator(f'.md-search-result__item a[href*="patterns/{PATTERN.id}.html"]')
    expect(result.first).to_be_visible(timeout=20_000)  # indexing is slow on a busy machine


def navigates_instantly(page: Page, base_url: str) -> None:
    """Follow a navigation link; the page's scripts survive (no full load), the content changes."""
    page.goto(f"{base_url}/ja/index.html")
    enhanced(page)
    page.evaluate("window.crmSameDocument = true")
    page.locator(f'.md-nav a[href$="patterns/{PATTERN.id}.html"]').first.click()
    # navigation.tracking may add a section's anchor: compare without it.
    expect(page).to_have_url(re.compile(re.escape(f"{base_url}/ja/patterns/{PATTERN.id}.html")))
    expect(page.locator("h1")).to_contain_text(PATTERN.title.ja)
    assert page.evaluate("window.crmSameDocument === true"), "a full load, not instant navigation"


def palette_switches_to_dark(page: Page, base_url: str) -> None:
    """The toggle goes auto → light → dark; dark stays after an instant navigation."""
    page.goto(f"{base_url}/ja/index.html")
    body = page.locator("body")
    # The visible toggle names the next scheme (Material moves its title into a tooltip).
    toggle = page.locator("[data-md-component=palette] label:visible")
    expect(toggle).to_have_attribute("title", UI["palette_light"]["ja"])
    toggle.click()
    expect(body).to_have_attribute("data-md-color-media", "(prefers-color-scheme: light)")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator(f'.md-nav a[href$="patterns/{PATTERN.id}.html"]').first.click()
    expect(page.locator("h1")).to_contain_text(PATTERN.title.ja)
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


@pytest.fixture
def refused(context: BrowserContext) -> BrowserContext:
    context.add_init_script(REFUSE_STORAGE)
    return context


def test_search_works_with_storage_refused(refused: BrowserContext, base_url: str) -> None:
    """With storage refused, opening a page with ?q= lists the matching pattern page."""
    search_finds_a_pattern(refused.new_page(), base_url)


def test_instant_navigation_works_with_storage_refused(
    refused: BrowserContext, base_url: str
) -> None:
    """With storage refused, a navigation link changes the page without a full load."""
    navigates_instantly(refused.new_page(), base_url)


def test_palette_works_for_the_visit_with_storage_refused(
    refused: BrowserContext, base_url: str
) -> None:
    """With storage refused, the palette toggle switches to dark and keeps it while navigating."""
    palette_switches_to_dark(refused.new_page(), base_url)


def test_english_pages_work_with_storage_refused(refused: BrowserContext, base_url: str) -> None:
    """With storage refused, an English page's search lists the matching pattern page."""
    page = refused.new_page()
    page.goto(f"{base_url}/en/index.html?q={PATTERN.short_title.en}")
    result = page.locator(f'.md-search-result__item a[href*="patterns/{PATTERN.id}.html"]')
    expect(result.first).to_be_visible(timeout=20_000)  # indexing is slow on a busy machine


@pytest.mark.parametrize(
    "value",
    ["{not json", '{"index": "x", "color": 5}', "42", '{"index": 1, "color": {"scheme": 7}}'],
)
def test_a_bad_palette_value_is_dropped(context: BrowserContext, base_url: str, value: str) -> None:
    """A bad value in Material's palette key: search, navigation and the palette still work,
    and the bad value is replaced by a good one once the reader picks a scheme."""
    # Seeded once per tab, before Material's scripts run on the first page.
    context.add_init_script(
        "if (location.protocol === 'http:' && !sessionStorage.crmSeeded) "
        f" {{ sessionStorage.crmSeeded = '1'; {bad_palette(value)} }}"
    )
    page = context.new_page()
    search_finds_a_pattern(page, base_url)
    navigates_instantly(page, base_url)
    palette_switches_to_dark(page, base_url)
    stored = page.evaluate("JSON.parse(localStorage.getItem('/ja/.__palette'))")
    assert stored["color"]["scheme"] == "slate"


def test_palette_choice_is_kept_when_storage_works(context: BrowserContext, base_url: str) -> None:
    """Where storage works, the chosen scheme survives a full reload (Material's behaviour)."""
    page = context.new_page()
    palette_switches_to_dark(page, base_url)
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
