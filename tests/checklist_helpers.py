"""Fixtures and helpers of the interactive checklist's browser tests (tests/test_checklist_*).

tests/conftest.py registers these `cl_*` fixtures as a plugin. The tests drive Debian's Chromium
through Playwright against the site that conftest.py builds and serves.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page

from macros.content import contract, dataset
from tests.audit.axe import inject
from tests.conftest import ROOT

KEY: str = contract.load()["storage"]["key"]  # the checklist's (contract.json)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FIRST = "over-spec-field-interviewed"  # first item of the first pattern
SECOND = "over-spec-fields-justified"
OTHER = "department-silos-shared-goal"  # an item of the third pattern


def statement(item_id: str, lang: str = "en") -> str:
    """A checklist statement as the dataset words it, so that tests never repeat the wording."""
    for pattern in dataset.load(ROOT / "docs" / "data").dataset.patterns:
        for item in pattern.checklist:
            if item.id == item_id:
                return item.text[lang]
    raise KeyError(item_id)


@pytest.fixture(scope="session")
def cl_browser(browser: Browser) -> Browser:
    """The session's Chromium (tests/conftest.py): one Playwright per session."""
    return browser


class Errors(list[str]):
    """Uncaught errors and console errors of every page of a context, for asserting none."""

    def watch(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.append(f"uncaught: {error}"))
        page.on("console", self.console)

    def console(self, message: ConsoleMessage) -> None:
        url = str(message.location.get("url", ""))
        # A missing file of the site (the theme looks for sitemap.xml and favicons) is not a
        # script error; a missing checklist asset is.
        missing = message.text.startswith("Failed to load resource")
        if message.type == "error" and (not missing or "/checklist" in url):
            self.append(f"console: {message.text} ({url})")


@pytest.fixture
def cl_errors() -> Errors:
    return Errors()


@pytest.fixture
def cl_context(cl_browser: Browser, cl_errors: Errors) -> Iterator[BrowserContext]:
    """A fresh browser profile (empty storage); every page in it is watched for errors."""
    context = cl_browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.on("page", cl_errors.watch)
    yield context
    context.close()
    assert not cl_errors, f"errors in the browser console: {cl_errors}"


@pytest.fixture
def cl_page(cl_context: BrowserContext) -> Page:
    return cl_context.new_page()


def enhanced_checklist(page: Page) -> Page:
    """Wait until the page's checklist is enhanced (its script runs after the first paint)."""
    page.wait_for_selector("[data-crm-root][data-crm-ready]", state="attached")
    return page


def reach(page: Page) -> Page:
    """Scroll to the page's checklist, as a reader who uses it does, and wait until it is
    enhanced: its code comes once it is near the screen (far below the fold on a pattern page)."""
    page.locator("[data-crm-root], [data-crm-report]").first.scroll_into_view_if_needed()
    return enhanced_checklist(page)


def ready(page: Page, url: str) -> Page:
    """Open `url` at its checklist and wait until the checklist is enhanced."""
    page.goto(url)
    return reach(page)


def reload(page: Page) -> Page:
    """Reload the page and wait until the checklist is enhanced again (its script runs after the
    first paint: until then the boxes show the page as built, unticked)."""
    page.reload()
    return reach(page)


def stored(page: Page) -> Any:
    """What the checklist saved in this browser (parsed), or None."""
    raw = page.evaluate("key => localStorage.getItem(key)", KEY)
    return None if raw is None else json.loads(raw)


def store_raw(page: Page, raw: str) -> None:
    """Put `raw` into the checklist's storage (the page must be open on the site)."""
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [KEY, raw])


def state_of(page: Page, item: str) -> str:
    """An item's answer as the page shows it: done, na or open."""
    if page.is_checked(f"#crm-na-{item}"):
        return "na"
    return "done" if page.is_checked(f"#crm-{item}") else "open"


def notice(page: Page) -> str:
    return page.inner_text("[data-crm-notice]")


def dialog(page: Page) -> str:
    """Text of the open checklist dialog."""
    page.wait_for_selector("dialog[data-crm-dialog][open]")
    return page.inner_text("dialog[data-crm-dialog]")


def dialog_button(page: Page, name: str) -> None:
    page.locator("dialog[data-crm-dialog][open]").get_by_role(
        "button", name=name, exact=True
    ).click()


def export_data(items: dict[str, Any], **extra: Any) -> str:
    """An export file's text, as the checklist writes it."""
    body = {"format": "crm-failure-patterns/checklist", "version": 1, "items": items, **extra}
    return json.dumps(body)


def entry(state: str, note: str = "", updated: int = 1) -> dict[str, Any]:
    return {"state": state, "note": note, "updated": updated}


# Resolves once the page has drawn two frames (style changes made so far have started their
# transitions) and every CSS transition then running has ended.
STILL = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const moving = document.getAnimations().filter((a) => a instanceof CSSTransition);
  await Promise.all(moving.map((a) => a.finished.catch(() => null)));
}"""


def still(page: Page) -> Page:
    """Wait until no CSS transition runs on the page (after a hover, scroll or change)."""
    page.evaluate(STILL)
    return page


def axe(page: Page) -> list[str]:
    """WCAG 2.1 A/AA violations axe-core finds on the page, one line each."""
    page.mouse.move(0, 0)  # no hover effect under a pointer left on a button
    still(page)  # nor a colour halfway through a transition
    inject(page)
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        f"{v['id']}: {node['target']} {node['failureSummary']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path
