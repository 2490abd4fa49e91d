"""Pages load no render-blocking file of our own and fetch no script before their first paint,
load the checklist's code only where a checklist is and once it nears the screen, keep a tick
made before that code arrives, and still run it after an instant navigation from a page without
one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, BrowserContext, Request, Route, expect

from .checklist_helpers import FIRST, KEY, enhanced_checklist, entry, stored
from .conftest import ROOT, enhanced, open_page, parse, settled


def checklist_assets() -> list[str]:
    """The one list of the checklist's files, `extra.checklist_assets` in mkdocs.yml."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "checklist_assets:")
    items = []
    for line in lines[start + 1 :]:
        if not line.strip().startswith("- "):
            break
        items.append(line.strip()[2:].split("#")[0].strip())
    return items


ASSETS = checklist_assets()
CHECKLIST_FILES = tuple(Path(path).name for path in ASSETS)
CHECKLIST_SCRIPTS = [Path(path).name for path in ASSETS if path.endswith(".js")]


def built_pages(site_dir: Path) -> list[Path]:
    return [p for lang in ("ja", "en") for p in sorted((site_dir / lang).rglob("*.html"))]


def loader(soup: BeautifulSoup) -> Tag:
    """The page's one inline loader."""
    loaders = soup.select("head script[data-crm-scripts]")
    assert len(loaders) == 1
    return loaders[0]


def loader_list(soup: BeautifulSoup) -> list[str]:
    """The scripts a page's loader will request, in order (file names)."""
    return [Path(p).name for p in str(loader(soup)["data-crm-scripts"]).split()]


def near_list(soup: BeautifulSoup) -> list[str]:
    """The scripts a page's loader requests once the checklist nears the screen (file names)."""
    raw = loader(soup).get("data-crm-near")
    return [Path(p).name for p in json.loads(str(raw))["scripts"]] if raw else []


def test_one_stylesheet_and_no_script_file_in_the_markup(site_dir: Path) -> None:
    """Each page links one stylesheet (Material's and ours merged) and names no script file for
    the browser to fetch while it parses (the worker shim's writer acts only from file://): the
    loader lists Material's bundle first, then ours."""
    for path in built_pages(site_dir):
        soup = parse(path)
        sheets = soup.select('link[rel="stylesheet"]')
        assert len(sheets) == 1, path
        href = str(sheets[0]["href"])  # the 404 page's addresses start at the site root
        target = site_dir / href.lstrip("/") if href.startswith("/") else path.parent / href
        assert target.is_file(), path
        assert soup.select("script[src]") == [], path
        scripts = loader_list(soup)
        assert scripts[0].startswith("bundle."), path
        assert "language-switch.js" in scripts, path
        for name in scripts:
            assert (
                site_dir / path.relative_to(site_dir).parts[0] / "assets" / "javascripts" / name
            ).is_file()
        icon = soup.select_one('link[rel="icon"]')
        assert icon is not None, path
        assert str(icon["href"]).startswith("data:image/svg+xml,"), path


def test_the_merged_stylesheet_holds_ours_after_materials(site_dir: Path) -> None:
    """Our stylesheet's rules are in the merged file, after Material's palette."""
    soup = parse(site_dir / "ja" / "index.html")
    sheet = soup.select_one('link[rel="stylesheet"]')
    assert sheet is not None
    text = (site_dir / "ja" / str(sheet["href"])).read_text(encoding="utf-8")
    palette = text.index("/* assets/stylesheets/palette.")
    assert palette < text.index("/* assets/stylesheets/crm.css")
    assert ".crm-cards" in text


def test_checklist_code_only_where_a_checklist_is(site_dir: Path) -> None:
    """Pages with [data-crm-root] or [data-crm-report] inline the checklist's styles and name
    its scripts for when the checklist nears the screen, not among every page's; no other page
    names them."""
    for path in built_pages(site_dir):
        text = path.read_text(encoding="utf-8")
        soup = parse(path)
        has_checklist = bool(soup.select("[data-crm-root], [data-crm-report]"))
        assert [n for n in loader_list(soup) if n in CHECKLIST_SCRIPTS] == [], path
        if has_checklist:
            assert near_list(soup) == CHECKLIST_SCRIPTS, path
            assert ".crm-cl" in "".join(s.get_text() for s in soup.select("head style"))
        else:
            assert near_list(soup) == [], path
            assert not any(f in text for f in CHECKLIST_FILES), path


@pytest.mark.browser
def test_pages_without_a_checklist_request_none_of_its_files(
    context: BrowserContext, base_url: str
) -> None:
    """Home, cycle and sources over http request no checklist file and not the worker shim."""
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for name in ("index.html", "cycle.html", "sources.html"):
        page.goto(f"{base_url}/ja/{name}")
        settled(page)  # its scripts have run and made their requests
    assert [u for u in requested if any(f in u for f in CHECKLIST_FILES)] == []
    assert [u for u in requested if "iframe-worker" in u] == []


@pytest.mark.browser
def test_checklist_runs_after_instant_navigation_from_home(
    context: BrowserContext, base_url: str
) -> None:
    """From the home page (no checklist code) an instant navigation to the checklist runs its
    scripts once: the checklist is enhanced, and a tick is kept on the way back and forth."""
    loaded: list[Request] = []
    context.on("request", lambda r: loaded.append(r) if "checklist" in r.url else None)
    page = open_page(context, f"{base_url}/en/index.html")
    page.evaluate("window.crmSameDocument = true")
    page.locator("nav.md-nav a[href$='checklist.html']").first.click()
    page.wait_for_selector("[data-crm-root][data-crm-ready]", state="attached")
    first = page.locator("[data-crm-root] input[type=checkbox]").first
    first.check()
    page.locator("nav.md-nav a[href$='over-spec.html']").first.click()
    page.wait_for_selector("[data-scope=over-spec][data-crm-ready]", state="attached")
    page.go_back()
    page.wait_for_selector("[data-crm-root][data-crm-ready]", state="attached")
    expect(page.locator("[data-crm-root] input[type=checkbox]").first).to_be_checked()
    assert page.evaluate("window.crmSameDocument === true"), "a full load, not instant navigation"
    scripts = [r.url.rsplit("/", 1)[-1] for r in loaded if r.resource_type == "script"]
    assert sorted(scripts) == sorted(CHECKLIST_SCRIPTS)


def test_checklist_assets_are_listed_once_in_mkdocs_yml() -> None:
    """The checklist's files are named in one list of mkdocs.yml, not among every page's."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert any(path.endswith(".js") for path in ASSETS)
    for path in ASSETS:
        assert text.count(path) == 1, path


@pytest.mark.browser
@pytest.mark.parametrize("name", ["index.html", "checklist.html"])
def test_no_script_is_fetched_before_the_first_paint(
    context: BrowserContext, base_url: str, name: str
) -> None:
    """Every script file starts loading after the first contentful paint, and they still run:
    Material's (the search box answers) and the checklist's (it is enhanced)."""
    page = context.new_page()
    page.goto(f"{base_url}/en/{name}")
    page.wait_for_function("() => typeof document$ !== 'undefined'")
    if name == "checklist.html":
        page.wait_for_selector("[data-crm-root][data-crm-ready]", state="attached")
    timing = page.evaluate(
        """() => ({
          paint: performance.getEntriesByName("first-contentful-paint")[0].startTime,
          scripts: performance.getEntriesByType("resource")
            .filter(e => e.initiatorType === "script" && /\\.js$/.test(e.name))
            .map(e => [e.name.split("/").pop(), e.startTime]),
        })"""
    )
    names = [n for n, _ in timing["scripts"]]
    assert any(n.startswith("bundle.") for n in names), names
    assert ("checklist.js" in names) == (name == "checklist.html")
    early = [(n, t) for n, t in timing["scripts"] if t < timing["paint"]]
    assert early == [], f"requested before the first paint at {timing['paint']:.0f} ms: {early}"
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("CRM")
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.browser
def test_the_stylesheet_is_not_loaded_again_once_the_scripts_run(
    context: BrowserContext, base_url: str
) -> None:
    """Material's bundle makes the page's addresses absolute (for instant navigation). Our loader
    does so for the stylesheet before the first paint, so the bundle does not load and apply it
    a second time, restyling the whole page in the middle of its start-up."""
    context.add_init_script(
        """document.addEventListener("DOMContentLoaded", () => {
             window.__sheet = document.querySelector("link[rel=stylesheet]").sheet;
           });"""
    )
    page = open_page(context, f"{base_url}/ja/patterns/over-spec.html")
    link = page.locator("link[rel=stylesheet]")
    assert (link.get_attribute("href") or "").startswith(base_url)
    assert link.evaluate("link => link.sheet === window.__sheet")


@pytest.mark.browser
def test_without_javascript_the_colours_are_the_sites_own(browser: Browser, base_url: str) -> None:
    """A reader without JS sees the site's own colours, the same as with JS (a light system
    preference), not Material's default indigo."""
    seen = {}
    for javascript in (False, True):
        context = browser.new_context(java_script_enabled=javascript, color_scheme="light")
        page = context.new_page()
        page.goto(f"{base_url}/en/index.html")
        if javascript:
            enhanced(page)
        seen[javascript] = page.evaluate(
            """() => {
              const header = getComputedStyle(document.querySelector(".md-header"));
              const link = getComputedStyle(document.querySelector(".md-content a"));
              return [header.backgroundColor, header.color, link.color];
            }"""
        )
        context.close()
    assert seen[False] == seen[True]


def checklist_requests(context: BrowserContext) -> list[str]:
    """File names of the checklist's scripts the context requests, as they are requested."""
    names: list[str] = []

    def seen(request: Request) -> None:
        name = request.url.rsplit("/", 1)[-1]
        if name in CHECKLIST_SCRIPTS:
            names.append(name)

    context.on("request", seen)
    return names


@pytest.mark.browser
def test_a_pattern_page_requests_the_checklist_code_as_the_reader_nears_it(
    context: BrowserContext, base_url: str
) -> None:
    """A pattern page's checklist is far below the fold: the page loads without its code, which
    comes as the reader scrolls towards it; then the checklist works."""
    requested = checklist_requests(context)
    page = open_page(context, f"{base_url}/ja/patterns/over-spec.html")
    assert requested == []
    expect(page.locator("[data-crm-root][data-crm-ready]")).to_have_count(0)
    page.locator("[data-crm-root]").scroll_into_view_if_needed()
    enhanced_checklist(page)
    assert sorted(requested) == sorted(CHECKLIST_SCRIPTS)
    page.check(f"#crm-{FIRST}")
    assert stored(page)["items"][FIRST]["state"] == "done"


@pytest.mark.browser
def test_saved_answers_or_a_share_link_bring_the_checklist_code_at_once(
    context: BrowserContext, base_url: str
) -> None:
    """A reader with saved answers sees them on a pattern page without scrolling (printing it
    shows them too), and a share link is read on arrival: in both cases the code comes at once."""
    page = context.new_page()
    page.goto(f"{base_url}/en/patterns/over-spec.html#cl=garbage!")
    enhanced_checklist(page)  # no scrolling: the share link needs the code
    expect(page.locator("[data-crm-notice]")).to_contain_text("The share link is damaged")

    saved = {"version": 2, "items": {FIRST: entry("done")}}
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [KEY, json.dumps(saved)])
    page.goto(f"{base_url}/ja/patterns/over-spec.html")
    enhanced_checklist(page)
    expect(page.locator(f"#crm-{FIRST}")).to_be_checked()


@pytest.mark.browser
def test_a_tick_made_before_the_checklist_code_arrives_is_kept(
    context: BrowserContext, base_url: str
) -> None:
    """On a slow link the plain form is there before its code: a box ticked then is still ticked
    once the code runs, and saved, rather than overwritten by the (empty) stored answers."""
    held: list[Route] = []
    page = context.new_page()
    page.route("**/assets/javascripts/checklist.js", lambda route: held.append(route))
    page.goto(f"{base_url}/en/checklist.html")
    page.wait_for_function("() => typeof document$ !== 'undefined'")
    while not held:
        page.wait_for_timeout(50)
    page.check(f"#crm-{FIRST}")
    held[0].continue_()
    enhanced_checklist(page)
    expect(page.locator(f"#crm-{FIRST}")).to_be_checked()
    assert stored(page)["items"][FIRST]["state"] == "done"
