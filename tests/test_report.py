"""The report for the management meeting (report.html): its content from saved answers, what it says
without JavaScript, without answers and without storage, its printed length, and axe."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from tests import report_helpers as R
from tests.checklist_helpers import Errors, axe
from tests.conftest import ARTIFACTS, parse

pytestmark = pytest.mark.browser

REFUSED = """Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
});"""
READY = "[data-crm-report-body]:not([hidden]), [data-crm-report-status]:not([hidden])"


@pytest.fixture
def report_context(cl_browser: Browser) -> Iterator[tuple[BrowserContext, Errors]]:
    """A fresh profile that records errors."""
    errors = Errors()
    context = cl_browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.on("page", errors.watch)
    yield context, errors
    context.close()


def open_report(
    context: BrowserContext, base_url: str, lang: str, data: dict[str, Any] | None
) -> Page:
    """The report page of `lang`, with `data` saved in this browser beforehand (None: nothing)."""
    if data is not None:
        context.add_init_script(R.seed_script(data))
    page = context.new_page()
    page.goto(f"{base_url}/{lang}/report.html")
    page.wait_for_selector(READY)
    return page


def cells(page: Page, selector: str) -> list[list[str]]:
    """The text of each cell of the table rows `selector`, row by row."""
    rows: list[list[str]] = page.eval_on_selector_all(
        selector, "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))"
    )
    return rows


def test_report_shows_every_section_with_hostile_text_as_text(
    report_context: tuple[BrowserContext, Errors], base_url: str
) -> None:
    """Title, date, round, participants, plan (first), verdicts, steps, disagreements, notes."""
    context, errors = report_context
    page = open_report(context, base_url, "en", R.state("en"))
    report = page.locator("[data-crm-report]")
    pairs = page.eval_on_selector_all(
        "[data-crm-report-meta] > div",
        "rows => rows.map(r => [r.querySelector('dt').innerText, r.querySelector('dd').innerText])",
    )
    assert pairs == [
        ["Project", "Project <img src=x onerror=window.pwned=2> 全社CRM"],
        ["Date", "December 1, 2025"],
        [
            "Round",
            "Current answers (changed since the round “Q3 <b>review</b>” of September 2, 2025)",
        ],
        ["Participants", "Sato, Suzuki, <i>Tanaka</i>, 営業部"],
    ]
    headings = report.get_by_role("heading", level=2).all_inner_texts()
    assert headings == [
        "Action plan",
        "Risk by pattern",
        "Dream-cycle steps at risk",
        "Where members disagree",
        "Notes",
    ]
    plan = page.get_by_role("table").first
    rows = cells(page, ".crm-report__plan tbody tr")
    assert [row[1:] for row in rows] == [
        [R.HOSTILE.replace("\n", " "), "Dec 5, 2025", "Planned"],
        ["佐藤（営業企画）", "Dec 19, 2025", "In progress"],
        ["Suzuki, IT", "Jan 16, 2026", "Planned"],
        ["Not recorded", "Feb 27, 2026", "Done"],
        ["田中", "No date", "Planned"],
    ]
    expect(plan.get_by_role("columnheader")).to_have_text(
        ["Target (statement)", "Owner", "Due", "Status"]
    )
    assert "gone" not in plan.inner_text(), "a removed action is not shown"
    expect(page.locator("[data-crm-report-verdict]")).to_have_text(
        "Patterns at high risk: 3. Start with “1. Over-specified system”."
    )
    chart = page.locator("[data-crm-report-chart] svg[role=img]")
    expect(chart).to_have_attribute(
        "aria-label",
        "Risk by pattern: "
        + "; ".join(
            row for row in page.locator("[data-crm-report-chart] text").all_text_contents()
        ),
    )
    verdicts = cells(page, "[data-crm-report-verdicts] tr")
    assert [v[:2] for v in verdicts] == [
        ["1. Over-specified system", "High risk"],
        ["2. Top-down, purpose unshared", "High risk"],
        ["5. An improvement cycle that never turns", "High risk"],
        ["3. Departmental silos", "Medium risk"],
        ["4. Too slow for reps", "Medium risk"],
    ]
    assert verdicts[1][2] == "2 of 4 (1 not applicable)"
    steps = page.locator("[data-crm-report-steps] li").all_inner_texts()
    assert steps[0] == "Hope: High risk (2. Top-down, purpose unshared)"
    assert len(steps) == 5  # patterns 1 and 3 now break different steps (plan, goal)
    expect(page.locator(".crm-cycle__node.is-risk")).to_have_count(5)
    combined = page.locator("[data-crm-report-combined]")
    expect(combined).to_be_visible()
    expect(combined.locator("p")).to_have_text(
        "Answers combined on November 29, 2025: 3 (Sales, IT, =cmd|' /C calc'!A0). "
        "Statements they disagree on: 3."
    )
    expect(combined.locator("li")).to_have_count(3)
    notes = page.locator("[data-crm-report-notes] li")
    expect(notes).to_have_count(6)
    expect(notes.last.locator(".crm-report__note")).to_have_text(R.HOSTILE)
    expect(notes.first).to_contain_text("1. Over-specified system · Not yet")
    # Nothing typed became markup, and nothing ran.
    assert page.evaluate("window.pwned") is None
    assert report.locator("script, img, b, i").count() == 0
    # None of the checklist page's instructions or controls.
    assert page.locator(".md-content").locator("form, [data-crm-root], #how-to-use").count() == 0
    assert not errors, errors


def test_report_never_writes_and_follows_another_tab(
    report_context: tuple[BrowserContext, Errors], base_url: str
) -> None:
    """Storage is as it was after the report is shown; a change in another tab shows up."""
    context, errors = report_context
    data = R.state("en")
    page = open_report(context, base_url, "en", data)
    raw = page.evaluate("key => localStorage.getItem(key)", R.KEY)
    assert json.loads(raw) == data
    other = context.new_page()
    other.goto(f"{base_url}/en/sources.html")
    changed = {**data, "meta": {**data["meta"], "title": "Renamed in another tab"}}
    other.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [R.KEY, json.dumps(changed)])
    expect(page.locator("[data-crm-report-meta] dd").first).to_have_text("Renamed in another tab")
    assert page.evaluate("key => localStorage.getItem(key)", R.KEY) == json.dumps(changed)
    assert not errors, errors


def test_without_javascript_it_says_where_the_report_comes_from(
    cl_browser: Browser, base_url: str
) -> None:
    """No JavaScript: the report is built from this browser's answers; a link to the checklist."""
    context = cl_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/ja/report.html")
    expect(page.locator(".crm-report__source")).to_have_text(
        "この報告書は、このブラウザに保存したチェックリストの回答から作られます。"
        "回答がサーバーに送られることはありません。"
    )
    fallback = page.locator("[data-crm-report-fallback]")
    expect(fallback).to_be_visible()
    expect(fallback).to_contain_text("JavaScriptが必要ですが、このブラウザでは無効になっています")
    fallback.get_by_role("link", name="チェックリストを開く").click()
    expect(page).to_have_url(f"{base_url}/ja/checklist.html")
    context.close()


@pytest.mark.parametrize(
    ("stored", "message"),
    [
        (None, "No answers are saved in this browser yet."),
        ({"version": 1, "items": {}, "rounds": []}, "No answers are saved in this browser yet."),
        ({"version": 99, "items": {}}, "come from a newer version of this site"),
        ("{not json", "The saved answers could not be read."),
    ],
    ids=["nothing", "reset", "future", "garbage"],
)
def test_without_answers_it_says_so_and_links_to_the_checklist(
    report_context: tuple[BrowserContext, Errors], base_url: str, stored: Any, message: str
) -> None:
    """Nothing saved, all cleared, a newer format or garbage: a message and the checklist link."""
    context, errors = report_context
    if stored is not None:
        raw = stored if isinstance(stored, str) else json.dumps(stored)
        context.add_init_script(R.store_script(raw))
    page = open_report(context, base_url, "en", None)
    status = page.locator("[data-crm-report-status]")
    expect(status).to_contain_text(message)
    expect(status.get_by_role("link", name="Open the checklist")).to_have_attribute(
        "href", re.compile(r"(^|/en/)checklist\.html$")
    )
    expect(page.locator("[data-crm-report-body]")).to_be_hidden()
    expect(page.locator("[data-crm-report-fallback]")).to_be_hidden()
    expect(page.get_by_role("button", name="Print the report")).to_be_hidden()
    assert not errors, errors


def test_refused_storage_says_the_answers_could_not_be_read(
    cl_browser: Browser, base_url: str
) -> None:
    """Every use of localStorage throws: a message in the page's language, no error of ours."""
    context = cl_browser.new_context()
    context.add_init_script(REFUSED)
    page = context.new_page()
    # Material's own scripts throw here (platform notes); none of the checklist's may.
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.goto(f"{base_url}/ja/report.html")
    status = page.locator("[data-crm-report-status]")
    expect(status).to_contain_text("このブラウザに保存した回答を読み込めませんでした。")
    expect(status.get_by_role("link", name="チェックリストを開く")).to_be_visible()
    assert [e for e in errors if "javascripts/checklist" in e] == []
    context.close()


def test_the_checklist_links_to_the_report(
    report_context: tuple[BrowserContext, Errors], base_url: str
) -> None:
    """From the checklist's tools and results to the report, by instant navigation."""
    context, errors = report_context
    context.add_init_script(R.seed_script(R.state("ja")))
    page = context.new_page()
    page.goto(f"{base_url}/ja/checklist.html")
    page.wait_for_selector("[data-crm-root][data-crm-ready]", state="attached")
    results = page.locator(".crm-cl__report")
    expect(results.get_by_role("link", name="経営会議向けの報告書を開く（印刷用）")).to_be_visible()
    page.get_by_role("group", name="チェックリストの操作").get_by_role(
        "link", name="報告書（印刷用）"
    ).click()
    expect(page).to_have_url(re.compile(rf"^{base_url}/ja/report\.html(#.*)?$"))
    expect(page.locator("[data-crm-report-plan] tbody tr")).to_have_count(5)
    assert not errors, errors


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_report_prints_on_at_most_two_a4_pages(
    report_context: tuple[BrowserContext, Errors], base_url: str, lang: str
) -> None:
    """A full answer set (25 answers, notes, 5 actions, a combination) prints on ≤ 2 A4 pages."""
    context, _ = report_context
    page = open_report(context, base_url, lang, R.state(lang))
    pdf = page.pdf(format="A4")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"report-{lang}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2, f"{len(reader.pages)} pages"
    text = "".join(p.extract_text() for p in reader.pages)
    plan = "アクションプラン" if lang == "ja" else "Action plan"
    assert plan in text
    # The site's header, navigation and the report's buttons stay on the screen.
    search = "検索" if lang == "ja" else "Search"
    button = "報告書を印刷" if lang == "ja" else "Print the report"
    assert search not in text
    assert button not in text


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_axe_finds_nothing_on_the_report(
    cl_browser: Browser, base_url: str, lang: str, scheme: str
) -> None:
    """WCAG 2.1 A/AA: zero violations on the full report, in both palettes."""
    context = cl_browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = open_report(context, base_url, lang, R.state(lang))
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", "slate" if scheme == "dark" else "default"
    )
    assert axe(page) == []
    context.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_report_page_carries_the_catalogue_and_stays_out_of_nav_and_search(
    site_dir: Path, lang: str
) -> None:
    """Every statement in dataset order as plain text; reachable from the checklist, not nav."""
    page = parse(site_dir / lang / "report.html")
    root = page.select_one("[data-crm-report]")
    assert root is not None
    catalogue = json.loads(str(root["data-crm-catalogue"]))
    assert [i["id"] for p in catalogue["patterns"] for i in p["items"]] == R.IDS
    assert [s["id"] for s in catalogue["steps"]] == [s.id for s in R.CONTENT.dataset.cycle]
    texts = [i["text"] for p in catalogue["patterns"] for i in p["items"]]
    assert all("<" not in text and "*" not in text for text in texts)
    strings = json.loads(str(root["data-crm-strings"]))
    assert strings == R.strings(lang)
    assert not page.select('.md-nav a[href$="report.html"]')
    checklist = parse(site_dir / lang / "checklist.html")
    assert len(checklist.select('a[href="report.html"]')) == 2
    index = (site_dir / lang / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "report.html" not in index


def test_report_downloads_the_due_dates_as_a_calendar(
    report_context: tuple[BrowserContext, Errors], base_url: str
) -> None:
    """The calendar button gives an .ics file with one event per dated action."""
    context, errors = report_context
    page = open_report(context, base_url, "en", R.state("en"))
    page.evaluate(
        """() => document.addEventListener("crm-checklist:exported",
             (e) => (window.exported = e.detail.format))"""
    )
    with page.expect_download() as info:
        page.get_by_role("button", name="Add the due dates to a calendar (.ics)").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    text = Path(download.path()).read_text(encoding="utf-8")
    events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert sorted(event.decoded("DTSTART").isoformat() for event in events) == [
        "2025-12-05",
        "2025-12-19",
        "2026-01-16",
        "2026-02-27",
    ]
    assert page.evaluate("window.exported") == "ics"
    assert not errors, errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_empty_report(
    cl_browser: Browser, base_url: str, scheme: str
) -> None:
    """WCAG 2.1 A/AA: zero violations on the message shown when nothing is saved."""
    context = cl_browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = open_report(context, base_url, "ja", None)
    expect(page.locator("[data-crm-report-status]")).to_be_visible()
    assert axe(page) == []
    context.close()
