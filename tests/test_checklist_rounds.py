"""Rounds over time: rename, delete with a confirmation and an undo, and the trend per pattern."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.checklist_helpers import (
    FIRST,
    OTHER,
    SECOND,
    dialog,
    dialog_button,
    notice,
    ready,
    reload,
    statement,
    store_raw,
    stored,
)

pytestmark = pytest.mark.browser

DAY = 86_400_000
HOSTILE = "<img src=x onerror=window.pwned=1>"


def with_rounds(page: Page, url: str) -> Page:
    """The checklist with two saved rounds (Q1: nothing done; Q2: two statements done)."""
    ready(page, url)
    done = {"state": "done", "note": "", "updated": 0}
    rounds = [
        {"id": "r1", "name": "Q1", "date": 1_764_000_000_000, "items": {}},
        {
            "id": "r2",
            "name": "Q2",
            "date": 1_764_000_000_000 + 90 * DAY,
            "items": {FIRST: done, SECOND: done},
        },
    ]
    store_raw(
        page, json.dumps({"version": 1, "items": {FIRST: {**done, "updated": 5}}, "rounds": rounds})
    )
    return ready(page, url)


def test_a_round_is_renamed_and_the_new_name_shown_as_text(cl_page: Page, base_url: str) -> None:
    """Rename asks for the new name, refuses an empty one, and keeps markup as text."""
    page = with_rounds(cl_page, f"{base_url}/en/checklist.html")
    page.click("[data-crm-action=rounds]")
    page.locator("dialog[open] .crm-cl__rounds li", has_text="Q1").get_by_role(
        "button", name="Rename"
    ).click()
    assert "Rename “Q1”" in dialog(page)
    page.fill("#crm-field-cl_round_new_name", "   ")
    dialog_button(page, "Rename")
    expect(page.locator("dialog[open] [role=alert]")).to_have_text("Enter a name.")
    page.fill("#crm-field-cl_round_new_name", f"Kick-off {HOSTILE}")
    page.keyboard.press("Enter")
    expect(page.locator("dialog[open] .crm-cl__rounds li").last).to_contain_text(
        f"Kick-off {HOSTILE} ("
    )
    assert notice(page) == f"Renamed to “Kick-off {HOSTILE}”."
    assert [r["name"] for r in stored(page)["rounds"]] == [f"Kick-off {HOSTILE}", "Q2"]
    page.keyboard.press("Escape")
    expect(page.locator(".crm-cl__trend-table thead")).to_contain_text(f"Kick-off {HOSTILE}")
    assert page.evaluate("window.pwned") is None


def test_a_round_is_deleted_after_asking_and_comes_back_with_undo(
    cl_page: Page, base_url: str
) -> None:
    """Delete asks first; the round leaves the list and the trend; Undo brings it back."""
    page = with_rounds(cl_page, f"{base_url}/ja/checklist.html")
    page.click("[data-crm-action=rounds]")
    page.locator("dialog[open] .crm-cl__rounds li", has_text="Q2").get_by_role(
        "button", name="削除"
    ).click()
    assert "「Q2」を削除しますか？" in dialog(page)
    dialog_button(page, "キャンセル")
    assert not any(r.get("deleted") for r in stored(page)["rounds"])  # nothing written
    page.click("[data-crm-action=rounds]")
    page.locator("dialog[open] .crm-cl__rounds li", has_text="Q2").get_by_role(
        "button", name="削除"
    ).click()
    dialog_button(page, "削除")
    assert notice(page) == "「Q2」を削除しました。"
    expect(page.locator(".crm-cl__trend-table thead th")).to_have_text(
        ["パターン", "Q1 (2025年11月24日)", "現在"]
    )
    page.click("[data-crm-undo]")
    assert notice(page) == "元に戻しました。"
    expect(page.locator(".crm-cl__trend-table thead th")).to_have_count(4)
    reload(page)
    page.click("[data-crm-action=rounds]")
    expect(page.locator("dialog[open] .crm-cl__rounds li")).to_have_count(2)


def test_the_trend_shows_every_pattern_per_round_with_its_table(
    cl_page: Page, base_url: str
) -> None:
    """A chart and its table give each pattern's score per round; moves since the last round."""
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    expect(page.locator("[data-crm-trend]")).to_be_hidden()  # no round yet
    page = with_rounds(cl_page, f"{base_url}/en/checklist.html")
    trend = page.locator("[data-crm-trend]")
    expect(trend.get_by_role("heading", name="Rounds over time")).to_be_visible()
    expect(trend.get_by_role("img")).to_have_accessible_name(
        "The share of statements that hold, per pattern and round. The numbers by the lines "
        "are the pattern numbers; the table below gives the same figures."
    )
    expect(trend.locator("polyline")).to_have_count(5)
    table = trend.get_by_role("table")
    expect(table.locator("caption")).to_have_text(
        "Share of statements that hold, by pattern and round"
    )
    expect(table.locator("tbody tr")).to_have_count(5)
    # Over-specified system: 0 % in Q1, 2 of 5 in Q2, 1 of 5 now.
    expect(table.locator("tbody tr").first.locator("td")).to_have_text(["0%", "40%", "20%"])
    expect(trend.locator(".crm-cl__since")).to_have_text("Since the last round, “Q2”")
    expect(trend.locator(".crm-cl__since-improved")).to_have_text("Improved: 0")
    expect(trend.locator(".crm-cl__since-slipped")).to_have_text("Slipped: 1")
    expect(trend.locator("ul li")).to_have_text([statement(SECOND)])
    # A tick updates the last column and what moved.
    page.check(f"#crm-{OTHER}")
    expect(trend.locator(".crm-cl__since-improved")).to_have_text("Improved: 1")
