"""Bad storage never breaks the page or loses saved answers: each case gets a clear message."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.checklist_helpers import (
    FIRST,
    KEY,
    SECOND,
    notice,
    ready,
    reload,
    state_of,
    store_raw,
    stored,
)

pytestmark = pytest.mark.browser


def reload_with(page: Page, url: str, raw: str) -> Page:
    ready(page, url)
    store_raw(page, raw)
    return ready(page, url)


@pytest.mark.parametrize("raw", ["{not json", "[]", "42", '{"items":"x"}', '"\\u0000"'])
def test_unreadable_data_is_set_aside_not_lost(cl_page: Page, base_url: str, raw: str) -> None:
    page = reload_with(cl_page, f"{base_url}/ja/checklist.html", raw)
    assert (
        notice(page)
        == "保存されていたデータを読めなかったため、別の場所に退避して新しく始めました。"
    )
    assert page.evaluate("k => localStorage.getItem(k + ':unreadable')", KEY) == raw
    page.check(f"#crm-{FIRST}")
    assert stored(page)["items"][FIRST]["state"] == "done"
    reload(page)
    assert state_of(page, FIRST) == "done"
    assert notice(page) == ""  # said once, not on every visit


def test_data_from_a_newer_version_is_left_untouched(cl_page: Page, base_url: str) -> None:
    newer = json.dumps({"version": 3, "answers": {FIRST: "yes"}})
    page = reload_with(cl_page, f"{base_url}/en/checklist.html", newer)
    expect(page.locator("[data-crm-saved]")).to_have_text(
        "Your saved answers come from a newer version of this site and cannot be read here. "
        "To keep them safe, changes here are not saved."
    )
    page.check(f"#crm-{SECOND}")  # the page keeps working, in memory
    expect(page.locator("[data-crm-progress]")).to_have_text("1 of 25 statements hold")
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == newer


def test_hostile_values_are_ignored_and_valid_answers_kept(cl_page: Page, base_url: str) -> None:
    hostile = {
        "version": 1,
        "items": {
            "__proto__": {"state": "done"},
            "constructor": {"state": "done"},
            FIRST: {"state": "done", "note": "<script>window.pwned = 1</script>", "updated": 5},
            SECOND: {"state": "<img src=x onerror=window.pwned=2>"},
            "<b>": {"state": "done"},
        },
        "rounds": [{"id": "r1", "name": "<img src=x onerror=window.pwned=3>", "items": {}}, 7],
    }
    page = reload_with(cl_page, f"{base_url}/en/checklist.html", json.dumps(hostile))
    assert state_of(page, FIRST) == "done"
    assert state_of(page, SECOND) == "open"
    expect(page.locator(f"#crm-note-{FIRST}")).to_have_value("<script>window.pwned = 1</script>")
    page.click("[data-crm-action=rounds]")
    expect(page.locator("dialog[open] .crm-cl__rounds li")).to_contain_text(
        "<img src=x onerror=window.pwned=3>"
    )
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("({}).state") is None


def test_storage_that_cannot_be_used_leaves_a_working_page(
    cl_browser: Browser, base_url: str
) -> None:
    context = cl_browser.new_context()
    # As with storage disabled in the browser's settings: any use of it throws.
    context.add_init_script(
        """Storage.prototype.getItem = Storage.prototype.setItem = function () {
             throw new DOMException('The operation is insecure.', 'SecurityError');
           };"""
    )
    page = context.new_page()
    # Material's own scripts (palette, search) throw here; none of the checklist's may.
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    ready(page, f"{base_url}/ja/checklist.html")
    expect(page.locator("[data-crm-saved]")).to_have_text(
        "このブラウザでは回答を保存できません。"
        "ページを閉じる前に「共有・書き出し」で書き出してください。"
    )
    page.check(f"#crm-{FIRST}")
    expect(page.locator("[data-crm-progress]")).to_have_text("「できている」：1 / 25問")
    assert [e for e in errors if "javascripts/checklist" in e] == []
    context.close()


def test_full_storage_says_so_and_keeps_the_answers_on_the_page(
    cl_page: Page, base_url: str
) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.check(f"#crm-{SECOND}")
    page.evaluate(
        """() => {
          Storage.prototype.setItem = function () {
            throw new DOMException('Quota exceeded', 'QuotaExceededError');
          };
        }"""
    )
    page.check(f"#crm-{FIRST}")
    assert notice(page) == (
        "Could not save: this browser's storage is full. "
        "Your answers stay only while this page is open."
    )
    expect(page.locator(f"#crm-{FIRST}")).to_be_checked()
    expect(page.locator("[data-crm-progress]")).to_have_text("2 of 25 statements hold")
    # The last good save is intact; the failed one did not damage it.
    items = stored(page)["items"]
    assert items[SECOND]["state"] == "done"
    assert FIRST not in items
