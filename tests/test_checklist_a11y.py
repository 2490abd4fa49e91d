"""Accessibility of the checklist: axe-core (WCAG 2.1 A/AA) in every state, keyboard use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.checklist_helpers import (
    FIRST,
    OTHER,
    SECOND,
    axe,
    dialog,
    dialog_button,
    entry,
    export_data,
    ready,
    statement,
    write,
)

pytestmark = pytest.mark.browser


def part_ticked(page: Page) -> None:
    page.check(f"#crm-{FIRST}")
    page.check(f"#crm-na-{SECOND}")
    page.click(f"[aria-controls=crm-notebox-{OTHER}]")
    page.fill(f"#crm-note-{OTHER}", "memo")


def open_action(name: str) -> Callable[[Page, Path], None]:
    def run(page: Page, tmp: Path) -> None:
        part_ticked(page)
        page.click(f"[data-crm-action={name}]")
        dialog(page)

    return run


def incoming(page: Page, tmp: Path) -> None:
    open_action("import")(page, tmp)
    path = write(tmp, "a.json", export_data({FIRST: entry("done")}, name="A"))
    page.set_input_files("#crm-field-cl_import_file", path)
    expect(page.locator("dialog[open] h2")).to_have_text("Load these answers?")


def compared(page: Page, tmp: Path) -> None:
    incoming(page, tmp)
    dialog_button(page, "Compare")
    expect(page.locator("dialog[open] h2")).to_contain_text("Comparison")


def combined(page: Page, tmp: Path) -> None:
    open_action("combine")(page, tmp)
    files = [
        write(tmp, "a.json", export_data({FIRST: entry("done")}, name="A")),
        write(tmp, "b.json", export_data({}, name="B")),
        write(tmp, "c.json", "not json"),
    ]
    page.set_input_files("#crm-field-cl_combine_files", files)
    expect(page.locator("dialog[open] table")).to_be_visible()


def rounds_listed(page: Page, tmp: Path) -> None:
    open_action("rounds")(page, tmp)
    dialog_button(page, "Save the current answers")
    expect(page.locator("dialog[open] .crm-cl__rounds li")).to_have_count(1)


def reset_asked(page: Page, tmp: Path) -> None:
    open_action("reset")(page, tmp)


def error_shown(page: Page, tmp: Path) -> None:
    open_action("import")(page, tmp)
    page.set_input_files("#crm-field-cl_import_file", write(tmp, "x.json", "nope"))
    expect(page.locator("dialog[open] [role=alert]")).not_to_be_empty()


def proposed(page: Page, tmp: Path) -> None:
    part_ticked(page)
    page.click("[data-crm-action=plan]")
    expect(page.locator("dialog[open] .crm-cl__proposal li")).to_have_count(5)


def planned(page: Page, tmp: Path) -> None:
    proposed(page, tmp)
    dialog_button(page, "Add to the plan (5)")
    page.locator("[data-crm-plan-list] input[type=text]").first.fill("Aiko")
    page.locator("[data-crm-plan-list] select").first.select_option("done")


def round_dialog(button: str) -> Callable[[Page, Path], None]:
    def run(page: Page, tmp: Path) -> None:
        rounds_listed(page, tmp)
        page.locator("dialog[open] .crm-cl__rounds li").get_by_role("button", name=button).click()
        expect(page.locator("dialog[open] h2")).to_contain_text(button)

    return run


def trend_shown(page: Page, tmp: Path) -> None:
    rounds_listed(page, tmp)
    page.keyboard.press("Escape")
    page.check(f"#crm-{OTHER}")
    expect(page.locator("[data-crm-trend] table")).to_be_visible()


STATES: dict[str, Callable[[Page, Path], None]] = {
    "propose": proposed,
    "plan": planned,
    "round-rename": round_dialog("Rename"),
    "round-delete": round_dialog("Delete"),
    "trend": trend_shown,
    "empty": lambda page, tmp: None,
    "part-ticked": lambda page, tmp: part_ticked(page),
    "rounds": rounds_listed,
    "share": open_action("share"),
    "import-error": error_shown,
    "incoming": incoming,
    "compare": compared,
    "combine": combined,
    "reset": reset_asked,
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", list(STATES))
def test_axe_finds_nothing(
    cl_browser: Browser, base_url: str, tmp_path: Path, state: str, scheme: str
) -> None:
    context = cl_browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = ready(context.new_page(), f"{base_url}/en/checklist.html")
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", "slate" if scheme == "dark" else "default"
    )
    STATES[state](page, tmp_path)
    assert axe(page) == []
    context.close()


@pytest.mark.parametrize("path", ["ja/checklist.html", "ja/patterns/field-rejects-ui.html"])
def test_axe_finds_nothing_in_japanese_and_on_pattern_pages(
    cl_page: Page, base_url: str, path: str
) -> None:
    page = ready(cl_page, f"{base_url}/{path}")
    part_ticked(page) if "checklist" in path else page.check("#crm-field-rejects-ui-entry-timed")
    assert axe(page) == []


def test_every_control_works_from_the_keyboard(cl_page: Page, base_url: str) -> None:
    page = ready(cl_page, f"{base_url}/en/patterns/over-spec.html")
    page.focus(f"#crm-{FIRST}")
    page.keyboard.press("Space")
    expect(page.locator(f"#crm-{FIRST}")).to_be_checked()
    page.keyboard.press("Tab")  # the countermeasure link
    page.keyboard.press("Tab")
    expect(page.locator(f"#crm-na-{FIRST}")).to_be_focused()
    page.keyboard.press("Tab")
    toggle = page.locator(f"[aria-controls=crm-notebox-{FIRST}]")
    expect(toggle).to_be_focused()
    expect(toggle).to_have_accessible_name("Note")
    expect(toggle).to_have_accessible_description(statement(FIRST))
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(f"#crm-note-{FIRST}")).to_be_focused()
    expect(page.locator(f"#crm-note-{FIRST}")).to_have_accessible_name(
        "Note (up to 500 characters)"
    )
    page.keyboard.type("typed")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(page.locator(f"#crm-{FIRST}")).to_be_disabled()  # now "not applicable"
    expect(page.locator("fieldset [data-crm-score]")).to_have_text(
        "High risk: 0 of 4 statements hold"
    )


def test_dialogs_keep_focus_and_give_it_back(cl_page: Page, base_url: str) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.focus("[data-crm-action=share]")
    page.keyboard.press("Enter")
    expect(page.locator("#crm-field-cl_share_name")).to_be_focused()
    for _ in range(10):
        page.keyboard.press("Tab")
        # Inside the dialog, or out to the browser's own controls (body): never the page.
        assert page.evaluate(
            "!!document.activeElement.closest('dialog') || document.activeElement === document.body"
        )
    page.keyboard.press("Escape")
    expect(page.locator("dialog[open]")).to_have_count(0)
    expect(page.locator("[data-crm-action=share]")).to_be_focused()


def test_focus_is_visible(cl_page: Page, base_url: str) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.focus("body")
    page.keyboard.press("Tab")
    page.focus("[data-crm-action=rounds]")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
