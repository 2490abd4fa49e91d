"""Team work without a server: export, import, share links, combining, rounds, reset, print."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.checklist_helpers import (
    FIRST,
    OTHER,
    SECOND,
    dialog,
    dialog_button,
    entry,
    export_data,
    notice,
    ready,
    reload,
    state_of,
    statement,
    stored,
    write,
)

pytestmark = pytest.mark.browser


def download(page: Page, name: str) -> str:
    """Click an export button in the share dialog; the downloaded file's text."""
    with page.expect_download() as info:
        dialog_button(page, name)
    path = info.value.path()
    return Path(path).read_text(encoding="utf-8-sig")


def answer(page: Page) -> None:
    page.check(f"#crm-{FIRST}")
    page.check(f"#crm-na-{SECOND}")
    page.click(f"[aria-controls=crm-notebox-{OTHER}]")
    page.fill(f"#crm-note-{OTHER}", '<b>"Ask sales"</b>, then IT')
    page.keyboard.press("Tab")


def test_json_export_imports_back_in_another_browser(
    cl_page: Page, cl_browser: Browser, base_url: str, tmp_path: Path
) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    answer(page)
    page.click("[data-crm-action=share]")
    page.fill("#crm-field-cl_share_name", "Sales")
    text = download(page, "JSON (everything; to import or combine)")
    exported = json.loads(text)
    assert exported["name"] == "Sales"
    assert exported["items"] == stored(page)["items"]
    assert notice(page).startswith("Exported crm-checklist-")

    other = cl_browser.new_context()
    fresh = ready(other.new_page(), f"{base_url}/ja/checklist.html")
    fresh.check("#crm-image-first-owner-named")
    fresh.click("[data-crm-action=import]")
    fresh.set_input_files("#crm-field-cl_import_file", write(tmp_path, "sales.json", text))
    # The file is read in the background: the dialog names it once it has been read.
    expect(fresh.locator("dialog[data-crm-dialog][open]")).to_contain_text("Sales")
    assert "Sales" in dialog(fresh)
    assert "1項目を満たし、1項目が対象外です" in dialog(fresh)
    assert state_of(fresh, FIRST) == "open"  # nothing changes before the choice
    dialog_button(fresh, "置き換える")
    assert notice(fresh) == "回答を置き換えました。"
    assert (state_of(fresh, FIRST), state_of(fresh, SECOND)) == ("done", "na")
    assert state_of(fresh, "image-first-owner-named") == "open"
    expect(fresh.locator(f"#crm-note-{OTHER}")).to_have_value('<b>"Ask sales"</b>, then IT')
    # Undo brings the replaced answers back.
    fresh.click("[data-crm-undo]")
    assert state_of(fresh, "image-first-owner-named") == "done"
    assert state_of(fresh, FIRST) == "open"
    assert notice(fresh) == "元に戻しました。"
    other.close()


def test_markdown_and_csv_exports(cl_page: Page, base_url: str) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    answer(page)
    page.click("[data-crm-action=share]")
    markdown = download(page, "Markdown (GitHub task list)")
    lines = markdown.splitlines()
    assert lines[0].startswith("# CRM failure patterns checklist (")
    assert f"- [x] {statement(FIRST)}" in lines
    assert f"- [ ] ~~{statement(SECOND)}~~ (Not applicable)" in lines
    assert '  - Note: \\<b\\>"Ask sales"\\</b\\>, then IT' in lines
    assert (
        "_High risk: Highly exposed to this failure. Statements that do not hold yet: 3._"
    ) in lines
    csv = download(page, "CSV (spreadsheet)")
    rows = csv.splitlines()
    # The last three columns are the action plan's (empty: nothing is planned here).
    assert (
        rows[0]
        == "Pattern,Item ID,Statement,Answer,Note,Countermeasure,Owner,Due date,Action status"
    )
    assert any(
        row.endswith(
            f",{OTHER},{statement(OTHER)},Not yet,"
            '"<b>""Ask sales""</b>, then IT",Agree on one goal every department shares,,,'
        )
        for row in rows
    ), rows


def test_share_link_asks_then_loads_or_compares(
    cl_page: Page, cl_browser: Browser, base_url: str
) -> None:
    page = ready(cl_page, f"{base_url}/ja/checklist.html")
    answer(page)
    page.click("[data-crm-action=share]")
    link = page.input_value("#crm-field-cl_link_label")
    assert "#cl=" in link

    other = cl_browser.new_context()
    receiver = other.new_page()
    ready(receiver, f"{base_url}/en/checklist.html")
    receiver.check(f"#crm-{SECOND}")
    receiver.goto("about:blank")  # the link opens as a new page, as from a chat or an email
    receiver.goto(link.replace("/ja/", "/en/"))
    receiver.wait_for_selector("[data-crm-ready]", state="attached")
    assert "Share link" in dialog(receiver)
    assert "#cl=" not in receiver.url  # a reload does not ask again
    dialog_button(receiver, "Compare")
    text = dialog(receiver)
    assert "Comparison: Your answers now → Share link" in text
    assert "Improved (1)" in text
    assert statement(FIRST) in text
    assert "Slipped" not in text
    assert "Marked or unmarked not applicable (1)" in text
    assert state_of(receiver, SECOND) == "done"
    dialog_button(receiver, "Replace my answers")
    assert (state_of(receiver, FIRST), state_of(receiver, SECOND)) == ("done", "na")
    receiver.click("[data-crm-undo]")
    assert (state_of(receiver, FIRST), state_of(receiver, SECOND)) == ("open", "done")
    other.close()


@pytest.mark.parametrize(
    "fragment",
    [
        "cl=garbage!",
        "cl=eyJ2IjoxLCJpIjp7",  # cut short
        "cl=" + base64.urlsafe_b64encode(b'{"v":1,"i":[1]}').decode().rstrip("="),
        "cl=" + base64.urlsafe_b64encode(b"\xff\xfe").decode().rstrip("="),
    ],
)
def test_a_tampered_share_link_changes_nothing(cl_page: Page, base_url: str, fragment: str) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.check(f"#crm-{FIRST}")
    page.goto(f"{base_url}/en/patterns/over-spec.html#{fragment}")
    page.wait_for_selector("[data-crm-ready]", state="attached")
    assert notice(page) == (
        "The share link is damaged and could not be read. Copy the whole link again."
    )
    assert state_of(page, FIRST) == "done"
    expect(page.locator("dialog[open]")).to_have_count(0)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("notes.txt", "just some notes", "This is not a JSON file."),
        ("other.json", '{"hello": "world"}', "This file does not hold answers to this checklist."),
        ("list.json", "[1, 2, 3]", "This file does not hold answers to this checklist."),
        (
            "future.json",
            json.dumps({"format": "crm-failure-patterns/checklist", "version": 9, "items": {}}),
            "This data comes from a newer version of this site and cannot be read here.",
        ),
        ("huge.json", " " * 2_000_001, "The file is too large (2 MB at most)."),
    ],
)
def test_bad_import_files_are_refused_with_a_message(
    cl_page: Page, base_url: str, tmp_path: Path, name: str, text: str, message: str
) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.check(f"#crm-{FIRST}")
    page.click("[data-crm-action=import]")
    page.set_input_files("#crm-field-cl_import_file", write(tmp_path, name, text))
    expect(page.locator("dialog[open] [role=alert]")).to_contain_text(f"{name}: {message}")
    assert state_of(page, FIRST) == "done"


def test_imported_html_is_shown_as_text(cl_page: Page, base_url: str, tmp_path: Path) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    hostile = "<img src=x onerror=window.pwned=1>"
    text = export_data({FIRST: entry("done", hostile)}, name=hostile)
    page.click("[data-crm-action=import]")
    page.set_input_files("#crm-field-cl_import_file", write(tmp_path, "x.json", text))
    assert hostile in dialog(page)
    dialog_button(page, "Replace my answers")
    expect(page.locator(f"#crm-note-{FIRST}")).to_have_value(hostile)
    assert page.evaluate("window.pwned") is None


def test_combining_the_team_shows_counts_and_disagreement(
    cl_page: Page, base_url: str, tmp_path: Path
) -> None:
    files = [
        write(tmp_path, "sales.json", export_data({FIRST: entry("done")}, name="Sales")),
        write(
            tmp_path, "it.json", export_data({FIRST: entry("done"), OTHER: entry("na")}, name="IT")
        ),
        write(tmp_path, "ops.json", export_data({}, name="Sales ops")),
        write(tmp_path, "broken.json", "{"),
    ]
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.click("[data-crm-action=combine]")
    page.set_input_files("#crm-field-cl_combine_files", files)
    text = dialog(page)
    assert "broken.json: This is not a JSON file." in text
    assert "Combined answers (3): Sales, IT, Sales ops" in text
    assert "Statements people disagree on: 1." in text
    row = page.locator("dialog[open] tr", has_text=statement(FIRST))
    expect(row.locator("td")).to_have_text(["2", "1", "0", "Disagreement"])
    row = page.locator("dialog[open] tr", has_text=statement(OTHER))
    expect(row.locator("td")).to_have_text(["0", "2", "1", ""])


def test_combined_names_are_listed_the_japanese_way(
    cl_page: Page, base_url: str, tmp_path: Path
) -> None:
    """On the Japanese page, the combined answers' names are joined with 、, not a comma."""
    files = [
        write(tmp_path, "a.json", export_data({FIRST: entry("done")}, name="営業部")),
        write(tmp_path, "b.json", export_data({}, name="情報システム部")),
    ]
    page = ready(cl_page, f"{base_url}/ja/checklist.html")
    page.click("[data-crm-action=combine]")
    page.set_input_files("#crm-field-cl_combine_files", files)
    assert "2件の回答：営業部、情報システム部" in dialog(page)


def test_rounds_save_compare_and_start_again(cl_page: Page, base_url: str) -> None:
    page = ready(cl_page, f"{base_url}/en/checklist.html")
    page.check(f"#crm-{FIRST}")
    page.check(f"#crm-{SECOND}")
    page.click("[data-crm-action=rounds]")
    assert "No rounds saved yet." in dialog(page)
    page.fill("#crm-field-cl_round_name", "Q1 <review>")
    dialog_button(page, "Save the current answers")
    expect(page.locator("dialog[open] .crm-cl__rounds li")).to_have_count(1)
    expect(page.locator("dialog[open] .crm-cl__rounds li")).to_contain_text("Q1 <review> (")
    expect(page.locator("dialog[open] .crm-cl__rounds li")).to_contain_text("2 of 25)")
    assert notice(page) == "Saved “Q1 <review>”."
    page.keyboard.press("Escape")
    page.uncheck(f"#crm-{SECOND}")
    page.check(f"#crm-{OTHER}")
    page.click("[data-crm-action=rounds]")
    dialog_button(page, "Compare with now")
    text = dialog(page)
    assert "Comparison: Q1 <review> → Your answers now" in text
    assert "Improved (1)" in text
    assert "Slipped (1)" in text
    assert statement(SECOND) in page.inner_text("dialog .crm-cl__slipped")
    dialog_button(page, "Close")
    # A new round keeps the old answers as a round and clears the list, with undo.
    page.click("[data-crm-action=rounds]")
    dialog_button(page, "Start a new round")
    assert "every answer is cleared" in dialog(page)
    dialog_button(page, "Start a new round")
    assert notice(page).startswith("New round started.")
    assert state_of(page, FIRST) == "open"
    assert len(stored(page)["rounds"]) == 2
    page.click("[data-crm-undo]")
    assert (state_of(page, FIRST), state_of(page, OTHER)) == ("done", "done")
    reload(page)
    page.click("[data-crm-action=rounds]")
    expect(page.locator("dialog[open] .crm-cl__rounds li")).to_have_count(2)


def test_reset_asks_first_and_can_be_undone(cl_page: Page, base_url: str) -> None:
    page = ready(cl_page, f"{base_url}/ja/checklist.html")
    answer(page)
    page.click("[data-crm-action=reset]")
    assert "すべてのパターンの回答とメモを消します" in dialog(page)
    dialog_button(page, "キャンセル")
    assert state_of(page, FIRST) == "done"
    expect(page.locator("[data-crm-action=reset]")).to_be_focused()
    page.click("[data-crm-action=reset]")
    dialog_button(page, "リセット")
    assert notice(page) == "回答をリセットしました。"
    assert (state_of(page, FIRST), state_of(page, SECOND)) == ("open", "open")
    expect(page.locator(f"#crm-note-{OTHER}")).to_have_value("")
    page.click("[data-crm-undo]")
    assert (state_of(page, FIRST), state_of(page, SECOND)) == ("done", "na")
    expect(page.locator(f"#crm-note-{OTHER}")).to_have_value('<b>"Ask sales"</b>, then IT')
    reload(page)
    assert state_of(page, FIRST) == "done"


def test_print_shows_answers_notes_verdicts_and_the_date(
    cl_context: BrowserContext, base_url: str
) -> None:
    page = ready(cl_context.new_page(), f"{base_url}/en/checklist.html")
    answer(page)
    page.evaluate("window.print = () => window.dispatchEvent(new Event('beforeprint'))")
    page.click("[data-crm-action=print]")
    page.emulate_media(media="print")
    expect(page.locator("[data-crm-printed]")).to_be_visible()
    expect(page.locator("[data-crm-printed]")).to_contain_text("Printed on ")
    for hidden in ("[data-crm-action=reset]", f"#crm-na-{FIRST}", f"#crm-note-{OTHER}"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(f"li[data-item={OTHER}] [data-crm-note-print]")).to_have_text(
        '<b>"Ask sales"</b>, then IT'
    )
    expect(page.locator(f"li[data-item={SECOND}] [data-crm-badge]")).to_be_visible()
    expect(page.locator("[data-crm-verdict]")).to_be_visible()
    expect(page.locator(f"#crm-{FIRST}")).to_be_checked()
    artifacts = Path(__file__).resolve().parent.parent / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=artifacts / "checklist-print.png", full_page=True)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "other.json",
            '{"format": "another-tool", "items": {}}',
            "このチェックリストのデータではありません。",
        ),
        ("huge.json", " " * 2_000_001, "ファイルが大きすぎます（2 MBまで）。"),
    ],
)
def test_bad_import_files_are_refused_in_japanese_too(
    cl_page: Page, base_url: str, tmp_path: Path, name: str, text: str, message: str
) -> None:
    """On the Japanese page the refusal is in Japanese, and the answers stay."""
    page = ready(cl_page, f"{base_url}/ja/checklist.html")
    page.check(f"#crm-{FIRST}")
    page.click("[data-crm-action=import]")
    page.set_input_files("#crm-field-cl_import_file", write(tmp_path, name, text))
    expect(page.locator("dialog[open] [role=alert]")).to_have_text(f"{name}：{message}")
    assert stored(page)["items"][FIRST]["state"] == "done"
