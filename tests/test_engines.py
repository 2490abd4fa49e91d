"""The core checklist scenario, once per engine: Chromium, WebKit (WebKitGTK) and Firefox ESR.

Readers come mostly on iPhones (Safari is WebKit) and some on Firefox; the rest of the suite runs
Chromium only. The scenario is written once against tests/engines/drivers.py; its selectors are in
tests/engines/selectors.py. Every engine is Debian's or npm's package: nothing is downloaded.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.content import dataset
from tests.checklist_helpers import KEY
from tests.conftest import ROOT
from tests.engines import selectors as sel
from tests.engines.drivers import ENGINES, Driver, missing, start
from tests.engines.server import RecordingServer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.engines,
    # One engine at a time (WebKit under Xvfb and Firefox are heavy on two cores).
    pytest.mark.xdist_group("engines"),
    # Selenium's own WebKitGTK service still uses an API it deprecated; not ours to fix.
    pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning"),
]

PATTERN = dataset.load(ROOT / "docs" / "data").dataset.patterns[1]
DONE, NA, NOTED = (item.id for item in PATTERN.checklist[:3])
NOTE = "Ask sales first. 営業に確認"
SAVED_NOTE = """(key, id, note) => {
    const items = (JSON.parse(localStorage.getItem(key) || "{}").items || {});
    return !!items[id] && items[id].note === note;
}"""
PERSISTED = """async () => navigator.storage && navigator.storage.persisted
    ? await navigator.storage.persisted() : 'no Storage API'"""
SEARCH = {"en": "checklist", "ja": "チェックリスト"}


@pytest.fixture(scope="module")
def site(site_dir: Path) -> Iterator[str]:
    """The site conftest.py builds, served with an error recorder in every page (server.py)."""
    server = RecordingServer(site_dir)
    yield server.url
    server.close()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Driver]:
    """A fresh profile of one engine (the test id names it)."""
    name: str = request.param
    if reason := missing(name):
        pytest.fail(reason)
    chromium = request.getfixturevalue("browser") if name == "chromium" else None
    started = time.monotonic()
    with start(name, tmp_path, chromium) as driver:
        print(f"\n{name} {driver.version}: started in {time.monotonic() - started:.1f} s")
        yield driver


def answers(driver: Driver) -> dict[str, object]:
    """The three answers as the page shows them."""
    return dict(
        driver.js(
            """(done, na, noted) => ({
                done: document.querySelector(done).checked,
                na: document.querySelector(na).checked,
                note: document.querySelector(noted).value,
            })""",
            sel.box(DONE),
            sel.not_applicable(NA),
            sel.note(NOTED),
        )
    )


EXPECTED = {"done": True, "na": True, "note": NOTE}


def open_checklist(driver: Driver, url: str) -> None:
    driver.open(url)
    driver.wait_for(sel.ROOT_READY)


def no_horizontal_overflow(driver: Driver) -> list[int]:
    """[page width, viewport width] in CSS pixels."""
    return list(
        driver.js(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    )


def test_core_scenario(engine: Driver, site: str) -> None:
    """Tick, n/a, note, reload, other language, share link, search, switch, 390 px, no errors."""
    d = engine
    open_checklist(d, f"{site}/en/checklist.html")
    # The error recorder must run (a content security policy could block it without a word).
    assert d.js("() => Array.isArray(window.__crmEngineErrors)"), "recorder.js did not run"

    # Answer like a reader: a tick, a "not applicable", a note typed key by key.
    d.click(sel.box(DONE))
    d.click(sel.not_applicable(NA))
    d.click(sel.note_toggle(NOTED))
    d.type(sel.note(NOTED), NOTE)
    d.wait(SAVED_NOTE, KEY, NOTED, NOTE)  # notes save shortly after the typing stops
    assert answers(d) == EXPECTED
    assert d.js("(s) => document.querySelector(s).disabled", sel.box(NA)), "n/a disables the tick"
    # The page says whether the browser may delete the answers (persistent storage asked for).
    status = d.wait("(s) => document.querySelector(s).textContent", sel.PERSIST_STATUS)
    print(f"{d.name}: persistent storage: {d.js(PERSISTED)!r}; the page says: {status}")

    # A reload keeps them; the other language shows the same answers.
    d.reload()
    d.wait_for(sel.ROOT_READY)
    assert answers(d) == EXPECTED
    open_checklist(d, f"{site}/ja/checklist.html")
    assert answers(d) == EXPECTED

    # A share link, taken from its dialog, brings the answers into an empty browser.
    d.click(sel.SHARE)
    d.wait_for(sel.DIALOG_OPEN)
    link = d.wait(
        """(open) => [...document.querySelectorAll(open + " input")]
            .map((input) => input.value).find((value) => value.includes("#cl="))""",
        sel.DIALOG_OPEN,
    )
    d.click(sel.DIALOG_CLOSE)
    d.wait("(open) => !document.querySelector(open)", sel.DIALOG_OPEN)
    d.open(f"{site}/en/index.html")
    d.js("() => localStorage.clear()")
    open_checklist(d, str(link))
    d.wait_for(sel.DIALOG_OPEN)
    assert answers(d) == {"done": False, "na": False, "note": ""}, "nothing changes before Load"
    d.click(sel.DIALOG_MAIN)
    d.wait("(open) => !document.querySelector(open)", sel.DIALOG_OPEN)
    assert answers(d) == EXPECTED
    assert "#cl=" not in d.url(), "the answers leave the address once loaded"

    # Search from the address (?q=) lists pages, in both languages.
    for lang, word in SEARCH.items():
        d.open(f"{site}/{lang}/index.html?q={word}")
        count = d.wait("(s) => document.querySelectorAll(s).length", sel.SEARCH_RESULT)
        assert count > 0, f"no result for {word!r}"

    # The language selector keeps the reader on the same page.
    d.open(f"{site}/ja/patterns/{PATTERN.id}.html")
    d.click(sel.LANGUAGE_BUTTON)  # the list opens on focus, as on a phone's tap
    d.take_recorded()  # the click below leaves the page
    d.click(sel.LANGUAGE_LINK.format(lang="en"))
    # Mid-navigation a document may not have its root element yet (seen in Firefox).
    d.wait("(lang) => document.documentElement?.lang === lang", "en")
    assert d.url().split("#")[0] == f"{site}/en/patterns/{PATTERN.id}.html"
    d.wait_for(sel.ROOT_READY)
    assert answers(d) == EXPECTED

    # A phone's width: nothing wider than the screen, in either language.
    d.resize(390, 844)
    for lang in ("ja", "en"):
        for path in ("checklist.html", f"patterns/{PATTERN.id}.html"):
            open_checklist(d, f"{site}/{lang}/{path}")
            width, viewport = no_horizontal_overflow(d)
            assert viewport <= 390
            assert width <= viewport, f"{lang}/{path} is {width} px wide at {viewport} px"

    assert d.errors() == []
