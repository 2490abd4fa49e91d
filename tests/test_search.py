"""Search finds what a reader types: recall and precision gates, the search dialog, the index."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from macros import search_index
from macros.build import build_into

from .conftest import ARTIFACTS, Server, copy_project
from .search import quality, words

KANJI_ONLY = re.compile(f"^[{search_index.KANJI}]+$")


def test_word_lists_are_in_step_with_the_content(site_dir: Path) -> None:
    """The committed word lists give the pages the built site has for each word."""
    drift = words.stale(site_dir)
    assert drift == [], f"{drift} out of date: run `python -m tests.search.words`"


def test_pages_opened_from_disk_search_the_same_index(site_dir: Path) -> None:
    """The index inlined for file:// (offline plugin) is the one with substring keys."""
    folder = site_dir / "ja" / "search"
    index = (folder / "search_index.json").read_text(encoding="utf-8")
    assert "text_keys" in index
    inlined = folder / "search_index.js"
    if inlined.exists():
        assert inlined.read_text(encoding="utf-8") == f"var __index = {index}"


def test_every_substring_is_the_start_of_a_key() -> None:
    """A word anywhere in Japanese text, or a Latin word in it, starts one of the index keys."""
    text = "災害用伝言ダイヤルは、CRM導入の見過ごされる点。Excel"
    keys = search_index.substring_keys(text)
    for run in ("災害用伝言ダイヤルは", "crm導入の見過ごされる点"):
        for i in range(len(run)):
            for j in range(i + 1, len(run) + 1):
                if not (run[i].isascii() and i > 0 and run[i - 1].isascii()):
                    assert any(key.startswith(run[i:j]) for key in keys), run[i:j]
    assert any(key.startswith("excel") for key in keys)
    assert not any(key.startswith(("、", "。")) for key in keys), "keys stop at punctuation"


def test_no_index_token_is_kanji_only() -> None:
    """Material splits a kanji query at kanji-only index tokens, so the index has none."""
    docs = [{"location": "a.html", "title": "出典", "text": "<p>営業担当者。目標</p><p>夢</p>"}]
    index = search_index.add_keys({"config": {}, "docs": docs})
    separator = re.compile(index["config"]["separator"])
    for doc in index["docs"]:
        for name in index["config"]["fields"]:
            value = re.sub("<[^>]*>", " ", doc.get(name, ""))
            tokens = [t for t in separator.split(value) if t]
            assert tokens or name == "tags"
            assert not [t for t in tokens if KANJI_ONLY.match(t)], name


def test_shown_text_reads_the_same() -> None:
    """The title and text shown in the results keep their characters and markup."""
    text = '<p>CRMを<a href="x.html">入れた</a>だけでは&amp;何も変わりません。</p>'
    marked = search_index.mark_words(text)
    invisible = f"[{search_index.WORD_BREAK}{search_index.JOINER}]"
    assert re.sub(invisible, "", marked) == text
    assert marked != text


# --- In the browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stock_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built with Material's search as shipped (without macros/search_hooks.py)."""
    project = quality.as_shipped(copy_project(tmp_path_factory.mktemp("stock-search")))
    build_into(project, project / "site", quiet=True)
    server = Server(project / "site")
    yield server.url
    server.close()


def measure(context: BrowserContext, url: str, site: Path, lang: str) -> quality.Score:
    page = context.new_page()
    page.goto(f"{url}/{lang}/index.html")
    word_list = words.load(lang)
    run = quality.search(page, [w.word for w in word_list])
    page.close()
    return quality.score(word_list, words.page_texts(site, lang), run.found)


@pytest.mark.browser
def test_japanese_search_finds_every_word(
    context: BrowserContext, base_url: str, site_dir: Path
) -> None:
    """Every word of the Japanese list finds all its pages, and at least 90% of hits are right."""
    score = measure(context, base_url, site_dir, "ja")
    print(f"ja: {score.summary()}\n{score.details()}")
    assert score.recall == 1.0, f"{score.summary()}\n{score.details()}"
    assert score.precision >= 0.9, f"{score.summary()}\n{score.details()}"


@pytest.mark.browser
def test_english_search_is_as_good_as_materials(
    context: BrowserContext, base_url: str, site_dir: Path, stock_url: str
) -> None:
    """English search keeps at least the recall and precision of Material's search as shipped."""
    ours = measure(context, base_url, site_dir, "en")
    stock = measure(context, stock_url, site_dir, "en")
    report = f"ours: {ours.summary()}\nMaterial's: {stock.summary()}\n{ours.details()}"
    print(report)
    assert ours.recall >= stock.recall, report
    assert ours.precision >= stock.precision, report


def standalone_word() -> words.Word:
    """A two-kanji word of the Japanese list that is on a few pages only."""
    return next(w for w in words.load("ja") if w.kind == "kanji-2" and 1 < len(w.pages) < 5)


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_search_dialog_lists_the_pages_with_a_japanese_word(
    browser: Browser, base_url: str, site_dir: Path, width: int
) -> None:
    """A Japanese query lists exactly the pages that contain the word, with the word marked."""
    word = standalone_word().word
    expected = words.pages_containing(word, words.page_texts(site_dir, "ja"))
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/ja/index.html?q={word}")
    items = page.locator(".md-search-result__item")
    expect(items).to_have_count(len(expected))
    links = page.locator(".md-search-result__item > a.md-search-result__link:first-child")
    base = f"{base_url}/ja/"
    listed = {
        urljoin(page.url, href).split("?")[0].split("#")[0].removeprefix(base)
        for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    }
    assert listed == set(expected)
    for item in items.all():
        expect(item.locator("mark").filter(has_text=word).first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-ja-{width}.png"))  # the dialog as seen
    context.close()
