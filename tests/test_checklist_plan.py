"""The action plan: proposed, edited, ticked done, shared across tabs, languages and links."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.checklist_helpers import (
    FIRST,
    OTHER,
    SECOND,
    dialog,
    dialog_button,
    export_data,
    notice,
    ready,
    statement,
    stored,
    write,
)

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=window.pwned=1>"
# The five patterns' first items, riskiest first and then in dream-cycle order: all patterns
# are at high risk on a fresh checklist, so the proposal follows the cycle (hope, goal, goal,
# action, reflection) and then dataset order.
FIRST_OF_VISION = "image-first-purpose-written"


def plan_rows(page: Page) -> list[str]:
    return page.locator("[data-crm-plan-list] .crm-cl__action-text").all_inner_texts()


def propose(page: Page) -> list[str]:
    """Ask for a proposal and take it; the statements it added."""
    page.get_by_role("button", name="Propose where to start").click()
    proposed = page.locator("dialog[open] .crm-cl__proposal li").all_inner_texts()
    dialog_button(page, f"Add to the plan ({len(proposed)})")
    return proposed


def test_a_proposal_starts_the_plan_riskiest_first_in_cycle_order(
    cl_page: Page, base_url: str
) -> None:
    """A fresh checklist proposes five open statements, by risk, then cycle step, then order."""
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.check(f"#crm-{FIRST}")
    page.get_by_role("button", name="Propose where to start").click()
    assert "Statements that do not hold yet, from the riskiest patterns first" in dialog(page)
    items = page.locator("dialog[open] .crm-cl__proposal li")
    expect(items).to_have_count(5)
    # Top-down, purpose unshared breaks "hope", the earliest step of a pattern: it comes first.
    expect(items.first).to_contain_text("2. Top-down, purpose unshared")
    texts = items.all_inner_texts()
    assert not any(statement(FIRST) in text for text in texts)  # done
    dialog_button(page, "Add to the plan (5)")
    assert notice(page) == "Added to the action plan: 5."
    assert len(plan_rows(page)) == 5
    expect(page.locator("[data-crm-plan-summary]")).to_have_text("Actions: 5 (0 done)")
    # The plan comes first in the results.
    first = page.locator("[data-crm-results] > :is(div, p, figure, h4, ol)").first
    expect(first).to_have_attribute("data-crm-plan", "")
    plan = stored(page)["plan"]
    assert len(plan) == 5
    assert FIRST not in plan
    assert FIRST_OF_VISION in plan


def test_the_plan_is_edited_ticked_done_and_kept_across_tabs_and_languages(
    cl_context: BrowserContext, base_url: str
) -> None:
    """Owner, date and status are saved, reach another tab at once, and show in Japanese."""
    page = ready(cl_context.new_page(), f"{base_url}/en/checklist.html")
    page.locator("[data-crm-next] li:has(a) >> nth=0").get_by_role("button").click()
    assert plan_rows(page)[0].startswith(statement(FIRST))
    page.fill(f"#crm-owner-{FIRST}", f"Aiko {HOSTILE}")
    page.fill(f"#crm-due-{FIRST}", "2026-03-31")
    page.select_option(f"#crm-status-{FIRST}", label="In progress")
    entry = stored(page)["plan"][FIRST]
    assert (entry["owner"], entry["due"], entry["status"]) == (
        f"Aiko {HOSTILE}",
        "2026-03-31",
        "doing",
    )

    other = ready(cl_context.new_page(), f"{base_url}/en/checklist.html")
    expect(other.locator(f"#crm-owner-{FIRST}")).to_have_value(f"Aiko {HOSTILE}")
    other.select_option(f"#crm-status-{FIRST}", label="Done")
    expect(page.locator(f"#crm-status-{FIRST}")).to_have_value("done")  # the first tab follows
    expect(page.locator("[data-crm-plan-summary]")).to_have_text("Actions: 1 (1 done)")

    page.goto(f"{base_url}/ja/checklist.html")
    page.wait_for_selector("[data-crm-ready]", state="attached")
    expect(page.locator(f"#crm-owner-{FIRST}")).to_have_value(f"Aiko {HOSTILE}")
    expect(page.locator(f"#crm-due-{FIRST}")).to_have_value("2026-03-31")
    expect(page.locator(f"#crm-status-{FIRST} option:checked")).to_have_text("完了")
    expect(page.get_by_label("担当者", exact=True)).to_have_count(1)
    assert page.evaluate("window.pwned") is None


def test_an_action_is_removed_with_undo_and_stays_removed_in_other_tabs(
    cl_context: BrowserContext, base_url: str
) -> None:
    """Removing an action is undoable; another tab sees the removal, not the old entry."""
    page = ready(cl_context.new_page(), f"{base_url}/en/checklist.html")
    propose(page)
    other = ready(cl_context.new_page(), f"{base_url}/en/checklist.html")
    first = plan_rows(page)[0]
    page.locator("[data-crm-plan-list] li").first.get_by_role("button", name="Remove").click()
    assert notice(page).startswith("Removed “")
    assert first not in plan_rows(page)
    expect(other.locator("[data-crm-plan-list] li")).to_have_count(4)
    page.click("[data-crm-undo]")
    assert plan_rows(page)[0] == first
    expect(other.locator("[data-crm-plan-list] li")).to_have_count(5)


def test_an_invalid_date_is_refused_and_nothing_is_lost(cl_page: Page, base_url: str) -> None:
    """Where the browser has no date picker, a typed impossible date is refused in words."""
    page = ready(cl_page, f"{base_url}/ja/checklist.html")
    page.locator("[data-crm-next] li:has(a) >> nth=0").get_by_role("button").click()
    page.fill(f"#crm-due-{FIRST}", "2026-04-30")
    # A browser without a date picker shows a text field.
    page.evaluate(f"document.getElementById('crm-due-{FIRST}').type = 'text'")
    page.fill(f"#crm-due-{FIRST}", "2026-02-30")
    page.keyboard.press("Tab")
    expect(page.locator("[data-crm-plan-list] [role=alert]")).to_have_text(
        "日付が正しくありません。実在する日付をYYYY-MM-DDの形で入力してください。"
    )
    assert stored(page)["plan"][FIRST]["due"] == "2026-04-30"


def test_an_import_with_an_invalid_date_is_refused(
    cl_page: Page, base_url: str, tmp_path: Path
) -> None:
    """A file whose plan holds an impossible date changes nothing and says why."""
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.check(f"#crm-{FIRST}")
    bad = json.loads(export_data({}))
    bad["version"] = 2
    bad["plan"] = {SECOND: {"owner": "x", "due": "2026-13-01", "status": "planned"}}
    page.click("[data-crm-action=import]")
    page.set_input_files("#crm-field-cl_import_file", write(tmp_path, "bad.json", json.dumps(bad)))
    expect(page.locator("dialog[open] [role=alert]")).to_have_text(
        "bad.json: This is not a valid date. Enter a real date as YYYY-MM-DD."
    )
    assert stored(page)["plan"] == {}
    assert stored(page)["items"][FIRST]["state"] == "done"


def test_the_plan_travels_in_the_json_export_and_the_share_link(
    cl_page: Page, cl_browser: Browser, base_url: str, tmp_path: Path
) -> None:
    """Export and link carry the plan; loading them replaces the plan, with undo."""
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.fill("#crm-meta-title", f"CRM 2026 {HOSTILE}")
    page.fill("#crm-meta-participants", "Aiko, Ben")
    page.keyboard.press("Tab")
    propose(page)
    page.fill(f"#crm-owner-{FIRST_OF_VISION}", "Ben")
    page.keyboard.press("Tab")
    page.click("[data-crm-action=share]")
    assert "The action plan travels in the link too." in dialog(page)
    link = page.input_value("#crm-field-cl_link_label")
    with page.expect_download() as info:
        dialog_button(page, "JSON (everything; to import or combine)")
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["plan"][FIRST_OF_VISION]["owner"] == "Ben"
    assert exported["meta"]["title"] == f"CRM 2026 {HOSTILE}"
    assert exported["meta"]["participants"] == "Aiko, Ben"

    other = cl_browser.new_context()
    receiver = ready(other.new_page(), f"{base_url}/ja/checklist.html")
    receiver.goto("about:blank")
    receiver.goto(link.replace("/en/", "/ja/"))
    receiver.wait_for_selector("[data-crm-ready]", state="attached")
    dialog_button(receiver, "置き換える")
    expect(receiver.locator(f"#crm-owner-{FIRST_OF_VISION}")).to_have_value("Ben")
    expect(receiver.locator("[data-crm-plan-list] li")).to_have_count(5)
    receiver.click("[data-crm-undo]")
    expect(receiver.locator("[data-crm-plan-list] li")).to_have_count(0)

    receiver.click("[data-crm-action=import]")
    receiver.set_input_files(
        "#crm-field-cl_import_file",
        write(tmp_path, "plan.json", json.dumps(exported)),
    )
    dialog_button(receiver, "置き換える")
    expect(receiver.locator("[data-crm-plan-list] li")).to_have_count(5)
    expect(receiver.locator("#crm-meta-title")).to_have_value(f"CRM 2026 {HOSTILE}")
    assert receiver.evaluate("window.pwned") is None
    other.close()


def test_a_plan_too_long_for_a_link_is_left_out_and_the_dialog_says_so(
    cl_page: Page, base_url: str
) -> None:
    """Past the link's size budget only the answers travel, and the share dialog says so."""
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.evaluate(
        """() => document.querySelectorAll('[data-crm-next] .crm-cl__add')
                   .forEach((b) => b.click())"""
    )
    for owner in page.locator("[data-crm-plan-list] input[type=text]").all():
        owner.fill("A long owner name for every single action " + "x" * 30)
    page.keyboard.press("Tab")
    page.click("[data-crm-action=share]")
    assert "The action plan is too long for a link and is left out" in dialog(page)


def test_saved_and_exported_events_are_dispatched(cl_page: Page, base_url: str) -> None:
    """Other modules learn of every save and download through document events."""
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.evaluate(
        """() => {
          window.events = [];
          for (const name of ['crm-checklist:saved', 'crm-checklist:exported'])
            document.addEventListener(name, (e) => window.events.push([name, e.detail]));
        }"""
    )
    page.check(f"#crm-{OTHER}")
    page.click("[data-crm-action=share]")
    with page.expect_download():
        dialog_button(page, "CSV (spreadsheet)")
    events = page.evaluate("window.events")
    assert events[0][0] == "crm-checklist:saved"
    assert events[0][1]["updated"] > 1_700_000_000_000
    assert ["crm-checklist:exported", {"format": "csv"}] in events


def test_the_icalendar_export_is_offered_once_an_action_has_a_due_date(
    cl_page: Page, base_url: str
) -> None:
    """No .ics button without a dated action (RFC 5545 wants one event); then a real calendar."""
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    ics = page.get_by_role("button", name="iCalendar (.ics): due dates for your calendar")
    page.click("[data-crm-action=share]")
    dialog(page)
    expect(ics).to_have_count(0)
    page.keyboard.press("Escape")
    page.locator("[data-crm-next] li:has(a) >> nth=0").get_by_role("button").click()
    page.fill(f"#crm-owner-{FIRST}", "Aiko")
    page.fill(f"#crm-due-{FIRST}", "2026-03-31")
    page.locator(f"#crm-due-{FIRST}").blur()
    page.evaluate(
        "() => document.addEventListener('crm-checklist:exported',"
        " (e) => { window.format = e.detail.format })"
    )
    page.click("[data-crm-action=share]")
    with page.expect_download() as info:
        dialog_button(page, "iCalendar (.ics): due dates for your calendar")
    assert info.value.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert events[0].decoded("DTSTART") == datetime.date(2026, 3, 31)
    assert "Aiko" in str(events[0]["DESCRIPTION"])
    assert str(events[0]["UID"]).startswith(FIRST + ".")
    assert page.evaluate("window.format") == "ics"


def test_combining_members_files_is_kept_for_the_report(
    cl_page: Page, base_url: str, tmp_path: Path
) -> None:
    """Who took part and where they disagree are stored after combining."""
    files = [
        write(tmp_path, "a.json", export_data({FIRST: {"state": "done"}}, name="Sales <b>")),
        write(tmp_path, "b.json", export_data({}, name="IT")),
    ]
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.click("[data-crm-action=combine]")
    page.set_input_files("#crm-field-cl_combine_files", files)
    expect(page.locator("dialog[open] table")).to_be_visible()
    combined = stored(page)["combined"]
    assert combined["members"] == ["Sales <b>", "IT"]
    assert combined["split"] == [FIRST]
