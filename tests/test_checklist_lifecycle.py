"""One start-up for the checklist's components: a checklist whose markup the script cannot use
stays the plain form and says so, and the rest of the page still starts."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, expect

from macros.content import contract, dataset
from tests.checklist_helpers import FIRST
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

UI = dataset.load(ROOT / "docs" / "data").ui.root
CATALOGUE = contract.load()["elements"]["catalogue"]


def broken_catalogue(route: Route) -> None:
    """The page as built, but with a checklist catalogue that is not JSON."""
    response = route.fetch()
    body = response.text().replace(f"{CATALOGUE}='", f"{CATALOGUE}='not json", 1)
    route.fulfill(response=response, body=body)


def test_a_checklist_that_cannot_start_says_so_and_stays_a_plain_form(
    browser: Browser, base_url: str
) -> None:
    """The failure is logged and shown in the page; the boxes still tick; the report link on
    the page works; no uncaught error escapes the start-up."""
    context = browser.new_context()
    page: Page = context.new_page()
    errors: list[str] = []
    uncaught: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: uncaught.append(str(error)))
    page.route("**/en/checklist.html", broken_catalogue)
    page.goto(f"{base_url}/en/checklist.html")
    page.locator("[data-crm-root]").scroll_into_view_if_needed()
    root = page.locator("[data-crm-root]")
    expect(root).to_have_attribute("data-crm-failed", "checklist")
    expect(page.locator(".crm-cl__failed")).to_have_text(UI["cl_err_script"].en)
    expect(page.locator(".crm-cl__failed")).to_be_visible()
    assert any("checklist could not start" in text for text in errors), errors
    assert not uncaught, uncaught
    expect(root).not_to_have_attribute("data-crm-ready", "")
    page.check(f"#crm-{FIRST}")  # the plain form still works
    expect(page.locator(f"#crm-{FIRST}")).to_be_checked()
    context.close()
