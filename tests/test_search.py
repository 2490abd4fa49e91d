"""Search finds what a reader types: recall and precision gates, the search dialog, the index."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from macros.search import japanese, search_index

from .conftest import ARTIFACTS, Server, build, copy_project
from .search import quality, words

KANJI_ONLY = re.compile(f"^[{search_index.KANJI}]+$")


def test_word_lists_are_in_step_with_the_content(site_dir: Path) -> None:
    """The committed word lists give the pages the built site has for each word."""
    drift = words.stale(site_dir)
    assert drift == [], f"{drift} out of date: run `python -m tests.search.words`"


def test_pages_opened_from_disk_search_the_same_index(site_dir: Path) -> None:
    """The index inlined for file:// (offline plugin) is the one with word keys."""
    folder = site_dir / "ja" / "search"
    index = (folder / "search_index.json").read_text(encoding="utf-8")
    assert "text_keys" in index
    inlined = folder / "search_index.js"
    if inlined.exists():
        assert inlined.read_text(encoding="utf-8") == f"var __index = {index}"


def index_of(*texts: str) -> dict[str, Any]:
    """A rewritten index of one page per text (a.html, b.html, …), each a paragraph."""
    docs = [
        {"location": f"{chr(ord('a') + i)}.html", "title": "", "text": f"<p>{text}</p>"}
        for i, text in enumerate(texts)
    ]
    return search_index.add_keys({"config": {}, "docs": docs})


def tokens(index: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    """The tokens Material's worker indexes for a document: every field, cut at tags and at
    the separator, lower-cased (no segmenter, empty pipeline)."""
    separator = re.compile(index["config"]["separator"])
    values = [re.sub("<[^>]*>", " ", doc.get(name) or "") for name in index["config"]["fields"]]
    return [t.lower() for value in values for t in separator.split(value) if t]


def found(index: dict[str, Any], query: str) -> list[str]:
    """The pages a one-word query finds, as Lunr matches it: the start of a token."""
    return [
        doc["location"]
        for doc in index["docs"]
        if any(token.startswith(query.lower()) for token in tokens(index, doc))
    ]


def test_every_word_of_the_text_starts_a_token() -> None:
    """Words inside compounds, conjugated verbs and Latin words start an indexed token."""
    index = index_of(
        "災害用伝言ダイヤルは、CRM導入の見過ごされる点を営業担当者が確かめた。Excel",
        "監視として受け取られる",
    )
    for word in (
        *("災害用伝言ダイヤル", "伝言", "伝言ダイヤル", "ダイヤル", "CRM導入", "導入"),
        *("見過ごされる点", "見過ごされ", "営業担当者が確かめた", "担当者", "確かめた", "excel"),
    ):
        assert found(index, word) == ["a.html"], word
    assert found(index, "取られる") == ["b.html"], "the second verb of a compound verb"


def test_keys_start_only_where_a_reader_starts_typing() -> None:
    """No key starts at punctuation, a particle, an auxiliary or inside a Latin word."""
    keys = search_index.word_keys("CRMを入れた。見過ごされない、Excelで")
    assert keys, "the text has keys"
    assert not [key for key in keys if key.startswith(("、", "。", "を", "れ", "な", "で", "xcel"))]


def test_no_key_starts_another() -> None:
    """A key that starts a longer key (or a shown token) is left out: it adds no match."""
    index = index_of("担当者が記録する。担当者が確認した。担当")
    keys = index["docs"][0]["text_keys"].split(" ")
    assert len(keys) == len(set(keys))
    assert not [(a, b) for a in keys for b in keys if a != b and b.startswith(a)]


@pytest.mark.parametrize(
    ("dictionary_form", "text"),
    [
        ("使う", "現場で使われないシステム"),
        ("集まる", "入力が集まらない"),
        ("振り返る", "結果を振り返った"),
        ("拒む", "営業に拒まれる画面"),
        ("使い続ける", "同じ表を使い続けた"),
        ("確認する", "上司が確認しなかった"),
        ("新しい", "新しく入った担当者"),
        ("少ない", "項目は少なかった"),
    ],
)
def test_dictionary_form_finds_a_page_that_inflects_it(dictionary_form: str, text: str) -> None:
    """Typing the dictionary form finds the page with an inflection, and not another page."""
    index = index_of(text, "売上の数字を毎週見直す会議")
    assert found(index, dictionary_form) == ["a.html"]
    assert found(index, text[:2]) == ["a.html"], "the text is found as written"


def test_analyser_gives_the_dictionary_forms_of_inflected_words() -> None:
    """Janome (IPADIC) gives the dictionary forms a reader types, and no bare する or れる, and
    the word starts a reader types from."""
    forms = japanese.dictionary_forms("営業が使われないと言い、誰も確認しなかった")
    assert {"使う", "使われる", "言う", "確認する"} <= set(forms)
    assert not {"する", "れる"} & set(forms)
    run = "営業担当者が入力しない"
    assert [run[i:] for i in japanese.word_starts(run)] == [
        "営業担当者が入力しない",
        "担当者が入力しない",
        "入力しない",
    ], "no word starts at the suffix 者, the particle が or the light verb し"


def test_no_index_token_is_kanji_only() -> None:
    """Material splits a kanji query at kanji-only index tokens, so the index has none."""
    docs = [{"location": "a.html", "title": "出典", "text": "<p>営業担当者。目標</p><p>夢</p>"}]
    index = search_index.add_keys({"config": {}, "docs": docs})
    all_tokens = tokens(index, index["docs"][0])
    assert {"出典\u2060", "目標\u2060", "夢\u2060"} <= set(all_tokens)
    assert not [t for t in all_tokens if KANJI_ONLY.match(t)]


def test_the_built_index_has_no_kanji_only_token(site_dir: Path) -> None:
    """Not one token of the site's Japanese index, in any field, is kanji only."""
    index = json.loads((site_dir / "ja" / "search" / "search_index.json").read_text("utf-8"))
    kanji_only = {t for doc in index["docs"] for t in tokens(index, doc) if KANJI_ONLY.match(t)}
    assert kanji_only == set()
    assert sum(len(tokens(index, doc)) for doc in index["docs"]) > 1000


def test_shown_text_reads_the_same() -> None:
    """The title and text shown in the results keep their characters and markup."""
    text = '<p>CRMを<a href="x.html">入れた</a>だけでは&amp;何も変わりません。</p>'
    marked = search_index.mark_words(text)
    invisible = f"[{search_index.WORD_BREAK}{search_index.JOINER}]"
    assert re.sub(invisible, "", marked) == text
    assert marked != text


def test_shown_text_breaks_between_words_not_inside_one() -> None:
    """Shown text breaks where a word starts in another script, so Material highlights the
    word typed; a word written in two scripts (振り返る), or after a Latin word (CRM導入), stays
    one token, highlighted whole."""
    marked = search_index.break_words("定期的に振り返る場で、CRM導入をPDCAサイクルで回す")
    assert marked.split(search_index.WORD_BREAK) == [
        *("定期的に", "振り返る", "場で、CRM導入を", "PDCAサイクルで", "回す"),
    ]


def test_a_curated_word_gone_from_the_content_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the content no longer holds a curated word, the list generator names the word."""
    monkeypatch.setattr(words, "curated", lambda lang: {"verb-dictionary": ["拒む", "振り返る"]})
    text = "現場に拒まれる画面"
    pages = words.Pages({"a.html": text}, {"a.html": words.dictionary_forms(text)})
    with pytest.raises(SystemExit, match="'振り返る' \\(verb-dictionary\\) is on no page"):
        words.word_list(pages, "ja")


# --- In the browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stock_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built with Material's search as shipped (without macros/engine/search_hooks.py):
    English only, the language it is compared in."""
    project = quality.as_shipped(copy_project(tmp_path_factory.mktemp("stock-search")))
    build(project, project / "site", languages=["en"])
    server = Server(project / "site")
    yield server.url
    server.close()


def measure(context: BrowserContext, url: str, site: Path, lang: str) -> dict[str, quality.Score]:
    """Recall and precision of each kind of word of a language's list, searched at `url`."""
    page = context.new_page()
    page.goto(f"{url}/{lang}/index.html")
    word_list = words.load(lang)
    run = quality.search(page, [w.word for w in word_list])
    page.close()
    return quality.scores_by_kind(word_list, words.site_pages(site, lang), run.found)


def overall(scores: dict[str, quality.Score]) -> quality.Score:
    return functools.reduce(quality.Score.__add__, scores.values(), quality.Score())


def report(scores: dict[str, quality.Score]) -> str:
    lines = [f"{kind:>22}: {score.summary()}" for kind, score in scores.items()]
    lines += [f"{'all':>22}: {overall(scores).summary()}"]
    lines += [score.details() for score in scores.values() if score.details()]
    return "\n".join(lines)


@pytest.mark.browser
def test_japanese_search_finds_every_word_and_dictionary_form(
    context: BrowserContext, base_url: str, site_dir: Path
) -> None:
    """Every word of the Japanese list, of every kind (nouns, verbs and adjectives as written and
    in their dictionary forms, …), finds all its pages, and at least 95% of hits are right."""
    scores = measure(context, base_url, site_dir, "ja")
    print(f"ja:\n{report(scores)}")
    assert {"verb-dictionary", "adjective-dictionary", "verb-written"} <= scores.keys()
    for kind, score in scores.items():
        assert score.recall == 1.0, f"{kind}\n{report(scores)}"
        assert score.precision >= 0.95, f"{kind}\n{report(scores)}"


@pytest.mark.browser
def test_english_search_is_as_good_as_materials(
    context: BrowserContext, base_url: str, site_dir: Path, stock_url: str
) -> None:
    """English search keeps at least the recall and precision of Material's search as shipped."""
    ours = overall(measure(context, base_url, site_dir, "en"))
    stock = overall(measure(context, stock_url, site_dir, "en"))
    text = f"ours: {ours.summary()}\nMaterial's: {stock.summary()}\n{ours.details()}"
    print(text)
    assert ours.recall >= stock.recall, text
    assert ours.precision >= stock.precision, text


@pytest.mark.browser
def test_materials_worker_finds_dictionary_forms_in_a_small_index(
    context: BrowserContext, base_url: str
) -> None:
    """Material's own worker, given a rewritten index of three pages, finds each dictionary
    form on the page that inflects it, and a surface word on the page that has it."""
    index = index_of("現場で使われない画面", "入力が集まらず、拒まれる", "結果を振り返った人")
    page = context.new_page()
    page.goto(f"{base_url}/ja/index.html")
    queries = {"使う": ["a.html"], "集まる": ["b.html"], "拒む": ["b.html"]}
    queries |= {"振り返る": ["c.html"], "画面": ["a.html"], "見直す": []}
    run = quality.search(page, queries, index)
    page.close()
    assert {query: [hit.page for hit in hits] for query, hits in run.found.items()} == queries


def standalone_word() -> words.Word:
    """A two-kanji word of the Japanese list that is on a few pages only."""
    return next(w for w in words.load("ja") if w.kind == "kanji-2" and 1 < len(w.pages) < 5)


def listed_pages(page: Page, base_url: str) -> set[str]:
    """The pages the search dialog lists (paths under ja/)."""
    links = page.locator(".md-search-result__item > a.md-search-result__link:first-child")
    base = f"{base_url}/ja/"
    return {
        urljoin(page.url, href).split("?")[0].split("#")[0].removeprefix(base)
        for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    }


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_search_dialog_lists_the_pages_with_a_japanese_word(
    browser: Browser, base_url: str, site_dir: Path, width: int
) -> None:
    """A Japanese query lists exactly the pages that contain the word, with the word marked."""
    word = standalone_word().word
    expected = words.pages_containing(word, words.site_pages(site_dir, "ja"))
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/ja/index.html?q={word}")
    items = page.locator(".md-search-result__item")
    expect(items).to_have_count(len(expected))
    assert listed_pages(page, base_url) == set(expected)
    for item in items.all():
        expect(item.locator("mark").filter(has_text=word).first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-ja-{width}.png"))  # the dialog as seen
    context.close()


@pytest.mark.browser
def test_search_dialog_finds_a_page_by_a_dictionary_form(
    browser: Browser, base_url: str, site_dir: Path
) -> None:
    """Typing a curated dictionary form lists every page that holds it in any inflection,
    among them a page that only inflects it."""
    pages = words.site_pages(site_dir, "ja")
    only_inflected = [
        (w.word, path)
        for w in words.load("ja")
        if w.kind == "verb-dictionary" and w.word in words.curated("ja")["verb-dictionary"]
        for path in w.pages
        if w.word not in pages.texts[path]
    ]
    assert only_inflected, "a curated dictionary form is only inflected on some page"
    word, path = only_inflected[0]
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/ja/index.html?q={word}")
    expected = words.pages_containing(word, pages)
    expect(page.locator(".md-search-result__item")).to_have_count(len(expected))
    listed = listed_pages(page, base_url)
    assert listed == set(expected)
    assert path in listed
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-ja-dictionary-form-390.png"))
    context.close()
