"""The interactive checklist in a browser: answers, scores, persistence, tabs, no JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from macros.content import dataset
from tests.checklist_helpers import (
    FIRST,
    OTHER,
    SECOND,
    entry,
    ready,
    reload,
    state_of,
    store_raw,
    stored,
)

pytestmark = pytest.mark.browser
PATTERNS = dataset.load().dataset.patterns


def test_ticks_notes_and_na_are_saved_and_shown_in_both_languages(
    cl_page: Page, base_url: str
) -> None:
    page = ready(cl_page, f"{base_url}/ja/checklist.html")
    expect(page.locator("[data-crm-saved]")).to_have_text(
        "回答はこのブラウザにだけ保存されます。サーバーには送信されません。"
    )
    page.check(f"#crm-{FIRST}")
    page.check(f"#crm-na-{SECOND}")
    page.click(f"[aria-controls=crm-notebox-{OTHER}]")
    expect(page.locator(f"#crm-note-{OTHER}")).to_be_focused()
    page.keyboard.type("営業部と話す")
    page.keyboard.press("Tab")  # leaving the field saves at once
    expect(page.locator("[data-crm-saved-at]")).to_contain_text("保存しました")
    items = stored(page)["items"]
    assert items[FIRST]["state"] == "done"
    assert items[SECOND]["state"] == "na"
    assert items[OTHER]["note"] == "営業部と話す"

    reload(page)
    assert (state_of(page, FIRST), state_of(page, SECOND)) == ("done", "na")
    expect(page.locator(f"#crm-{SECOND}")).to_be_disabled()
    expect(page.locator(f"#crm-note-{OTHER}")).to_have_value("営業部と話す")

    en = ready(page, f"{base_url}/en/checklist.html")
    assert (state_of(en, FIRST), state_of(en, SECOND)) == ("done", "na")
    expect(en.locator(f"#crm-note-{OTHER}")).to_be_visible()
    expect(en.locator(f"#crm-note-{OTHER}")).to_have_value("営業部と話す")
    expect(en.locator("[data-crm-progress]")).to_have_text(
        "1 of 24 statements hold (1 more not applicable)"
    )

    pattern = ready(page, f"{base_url}/en/patterns/over-spec.html")
    assert (state_of(pattern, FIRST), state_of(pattern, SECOND)) == ("done", "na")
    expect(pattern.locator("[data-crm-progress]")).to_have_text(
        "1 of 4 statements hold (1 more not applicable)"
    )


def test_a_closed_browser_keeps_the_answers(
    cl_browser: Browser, base_url: str, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    context = cl_browser.new_context()
    page = ready(context.new_page(), f"{base_url}/ja/checklist.html")
    page.check(f"#crm-{FIRST}")
    context.storage_state(path=state)
    context.close()
    again = cl_browser.new_context(storage_state=state)
    page = ready(again.new_page(), f"{base_url}/en/patterns/over-spec.html")
    assert state_of(page, FIRST) == "done"
    again.close()


def test_progress_verdicts_and_next_steps_follow_the_ticks(cl_page: Page, base_url: str) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    group = page.locator("fieldset[data-pattern=over-spec]")
    expect(group.locator("[data-crm-score]")).to_have_text("High risk: 0 of 5 statements hold")
    expect(page.locator("[data-crm-verdict]")).to_contain_text("Patterns at high risk: 5.")
    first_next = page.locator("[data-crm-next] li:visible").first
    expect(page.locator("[data-crm-next] li:visible")).to_have_count(25)
    for item in group.locator("li[data-item]").all()[:4]:
        item.locator(".crm-checklist__box").check()
    expect(group.locator("[data-crm-score]")).to_have_text("Medium risk: 4 of 5 statements hold")
    page.check("#crm-na-over-spec-usage-tracked")
    expect(group.locator("[data-crm-score]")).to_have_text("Low risk: 4 of 4 statements hold")
    expect(page.locator("[data-crm-verdict]")).to_contain_text("Patterns at high risk: 4.")
    expect(page.locator("[data-crm-next] li:visible")).to_have_count(20)
    # Each next step links to its countermeasure on the pattern page.
    link = first_next.get_by_role("link")
    first_open = PATTERNS[1].checklist[0]  # over-spec is at low risk now: image-first leads
    expect(link).to_have_attribute(
        "href", re.compile(rf"/en/patterns/image-first\.html#cm-{first_open.countermeasure}$")
    )
    # The chart and the cycle tell the risk in words too.
    chart = page.locator("[data-crm-chart] svg")
    expect(chart).to_have_attribute("role", "img")
    label = chart.get_attribute("aria-label") or ""
    assert "1. Over-specified system: Low risk (0 of 4 not yet)" in label
    legend = page.locator(".crm-cycle__legend li[data-pattern=over-spec]")
    expect(legend).to_contain_text("(Low risk)")
    goal = page.locator(".crm-cycle__node[data-step=goal]")
    expect(goal).to_have_class("crm-cycle__node crm-cycle__node--plan is-risk is-high")
    # Announced politely once the ticking pauses, not on every tick.
    live = page.locator("[data-crm-live]")
    expect(live).to_have_attribute("role", "status")
    expect(live).to_be_empty()
    expect(live).to_contain_text("4 of 24 statements hold", timeout=4000)


def test_two_tabs_share_ticks_and_neither_loses_the_other(
    cl_context: BrowserContext, base_url: str
) -> None:
    one = ready(cl_context.new_page(), f"{base_url}/ja/checklist.html")
    two = ready(cl_context.new_page(), f"{base_url}/en/checklist.html")
    one.check(f"#crm-{FIRST}")
    expect(two.locator(f"#crm-{FIRST}")).to_be_checked()
    two.check(f"#crm-{SECOND}")
    expect(one.locator(f"#crm-{SECOND}")).to_be_checked()
    one.check(f"#crm-{OTHER}")
    one.uncheck(f"#crm-{FIRST}")
    expect(two.locator(f"#crm-{FIRST}")).not_to_be_checked()
    items = stored(two)["items"]
    assert {k: v["state"] for k, v in items.items()} == {
        FIRST: "open",
        SECOND: "done",
        OTHER: "done",
    }


def test_back_forward_and_instant_navigation_show_current_answers(
    cl_page: Page, base_url: str
) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.check(f"#crm-{FIRST}")
    # Instant navigation (Material) swaps the page without reloading the scripts.
    page.locator("nav.md-nav a[href$='over-spec.html']").first.click()
    page.wait_for_selector("[data-scope=over-spec][data-crm-ready]", state="attached")
    assert state_of(page, FIRST) == "done"
    page.check(f"#crm-{SECOND}")
    page.go_back()
    # navigation.tracking may have added the section's anchor to the address: ignore it.
    page.wait_for_url(re.compile(r"/en/checklist\.html(#[\w-]+)?$"))
    expect(page.locator(f"#crm-{SECOND}")).to_be_checked()
    page.go_forward()
    expect(page.locator(f"#crm-{SECOND}")).to_be_checked()
    assert page.locator("[data-crm-bar]").count() == 1


def test_initialising_twice_is_harmless(cl_page: Page, base_url: str) -> None:
    page = ready(cl_page, f"{base_url}/ja/checklist.html")
    # Resolves once both copies have loaded and run (a failed load is a console error).
    page.evaluate(
        """() => Promise.all(['checklist.js', 'checklist.js'].map((src) =>
          new Promise((done) => {
            const s = document.createElement('script');
            s.src = 'assets/javascripts/' + src;
            s.onload = s.onerror = done;
            document.body.append(s);
          })))"""
    )
    page.check(f"#crm-{FIRST}")
    expect(page.locator("[data-crm-next] li:visible")).to_have_count(24)
    expect(page.locator(".crm-cycle__node[data-step=goal] .crm-cl__flag")).to_have_count(1)
    assert stored(page)["items"][FIRST]["state"] == "done"


def test_works_from_file_urls(cl_page: Page, site_dir: Path) -> None:
    page = ready(cl_page, (site_dir / "ja" / "checklist.html").as_uri())
    page.check(f"#crm-{FIRST}")
    reload(page)
    assert state_of(page, FIRST) == "done"


def test_notes_are_text_never_markup(cl_page: Page, base_url: str) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    store_raw(page, json.dumps({"version": 1, "items": {FIRST: entry("open", hostile)}}))
    reload(page)
    # Once the note is shown, markup taken from it would be in the page already: no element of
    # it anywhere, so no handler of it can run later.
    expect(page.locator(f"#crm-note-{FIRST}")).to_have_value(hostile)
    assert page.locator("[data-crm-root] img").count() == 0
    assert (
        page.locator("img[onerror], script:not([src])").evaluate_all(
            "found => found.filter(e => /pwned/.test(e.outerHTML)).length"
        )
        == 0
    )
    assert page.evaluate("window.pwned") is None


def test_without_javascript_the_plain_list_is_readable(cl_browser: Browser, base_url: str) -> None:
    context = cl_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/ja/checklist.html")
    expect(page.locator("li[data-item]")).to_have_count(25)
    expect(page.locator(f"#crm-{FIRST}")).to_be_visible()
    page.check(f"#crm-{FIRST}")  # still a working checkbox
    # Nothing that needs the script shows.
    for selector in (
        "[data-crm-bar]",
        "[data-crm-results]",
        "[data-crm-extra]",
        "[data-crm-score]",
        "dialog",
        "button",
    ):
        for element in page.locator(f"[data-crm-root] {selector}").all():
            expect(element).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator("li[data-item]").first).to_be_visible()
    context.close()


def test_removed_items_keep_their_state(cl_page: Page, base_url: str) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    old = {"retired-item": entry("done", "from an old dataset"), FIRST: entry("done")}
    store_raw(page, json.dumps({"version": 1, "items": old}))
    reload(page)
    assert state_of(page, FIRST) == "done"
    page.check(f"#crm-{SECOND}")
    items = stored(page)["items"]
    assert items["retired-item"] == entry("done", "from an old dataset")
    assert items[FIRST]["state"] == "done"
