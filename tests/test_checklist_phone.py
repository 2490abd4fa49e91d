"""The checklist on a phone: no zoom into fields, big enough targets, dialogs without showModal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.checklist_helpers import FIRST, Errors, dialog_button, notice, ready, stored

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def phone(cl_browser: Browser, cl_errors: Errors) -> Iterator[BrowserContext]:
    context = cl_browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.on("page", cl_errors.watch)
    yield context
    context.close()
    assert not cl_errors, f"errors in the browser console: {cl_errors}"


def with_action(page: Page, url: str) -> Page:
    ready(page, url)
    page.click(f"[aria-controls=crm-notebox-{FIRST}]")
    page.locator("[data-crm-next] .crm-cl__add").first.click()
    return page


def font_size(page: Page, selector: str) -> float:
    return float(page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_text_field_is_16px_so_ios_does_not_zoom(
    phone: BrowserContext, base_url: str, lang: str
) -> None:
    """Note, owner, date, status, title, participants, round name and import: ≥ 16 px."""
    page = with_action(phone.new_page(), f"{base_url}/{lang}/checklist.html")
    fields = [
        f"#crm-note-{FIRST}",
        f"#crm-owner-{FIRST}",
        f"#crm-due-{FIRST}",
        f"#crm-status-{FIRST}",
        "#crm-meta-title",
        "#crm-meta-participants",
    ]
    sizes = {field: font_size(page, field) for field in fields}
    page.click("[data-crm-action=rounds]")
    sizes["round name"] = font_size(page, "#crm-field-cl_round_name")
    page.keyboard.press("Escape")
    page.click("[data-crm-action=import]")
    sizes["import"] = font_size(page, "#crm-field-cl_import_file")
    assert all(size >= 16 for size in sizes.values()), sizes


def test_touch_targets_are_at_least_24px(phone: BrowserContext, base_url: str) -> None:
    """The "not applicable" box and label, note toggles and plan controls: ≥ 24 × 24 px."""
    page = with_action(phone.new_page(), f"{base_url}/en/checklist.html")
    targets = {
        "n/a box": f"#crm-na-{FIRST}",
        "n/a label": f"label[for=crm-na-{FIRST}]",
        "note toggle": f"[aria-controls=crm-notebox-{FIRST}]",
        "add to plan": "[data-crm-next] .crm-cl__add >> nth=1",
        "owner": f"#crm-owner-{FIRST}",
        "due": f"#crm-due-{FIRST}",
        "status": f"#crm-status-{FIRST}",
        "remove": "[data-crm-plan-list] .crm-cl__remove",
        "propose": "[data-crm-action=plan]",
    }
    small = {}
    for name, selector in targets.items():
        box = page.locator(selector).bounding_box()
        assert box, name
        if box["width"] < 24 or box["height"] < 24:
            small[name] = (box["width"], box["height"])
    assert small == {}
    # Nothing sticks out of a 390 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_dialogs_work_where_show_modal_is_missing(phone: BrowserContext, base_url: str) -> None:
    """Without HTMLDialogElement.showModal (iOS before 15.4) dialogs still show and close."""
    phone.add_init_script("delete HTMLDialogElement.prototype.showModal")
    page = ready(phone.new_page(), f"{base_url}/en/checklist.html")
    assert page.evaluate("typeof HTMLDialogElement.prototype.showModal") == "undefined"
    opener = page.locator("[data-crm-action=rounds]")
    opener.click()
    box = page.locator("dialog[data-crm-dialog]")
    expect(box).to_be_visible()
    expect(box.get_by_role("heading")).to_have_text("Rounds (your PDCA record)")
    expect(page.locator("#crm-field-cl_round_name")).to_be_focused()
    dialog_button(page, "Save the current answers")
    expect(box.locator(".crm-cl__rounds li")).to_have_count(1)
    assert len(stored(page)["rounds"]) == 1
    page.keyboard.press("Escape")
    expect(box).to_be_hidden()
    expect(opener).to_be_focused()
    # A confirmation, then its action.
    page.check(f"#crm-{FIRST}")
    page.click("[data-crm-action=reset]")
    expect(box).to_contain_text("Reset your answers?")
    dialog_button(page, "Reset")
    expect(box).to_be_hidden()
    assert notice(page) == "Your answers were reset."
    # Close works too, and the page behind stays usable.
    page.click("[data-crm-action=share]")
    dialog_button(page, "Close")
    expect(box).to_be_hidden()
    page.check(f"#crm-{FIRST}")
    assert stored(page)["items"][FIRST]["state"] == "done"
