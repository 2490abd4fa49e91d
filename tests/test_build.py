"""The built site: every pattern in both languages, navigation, alternates, escaping, offline."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import material as material_package  # type: ignore[import-untyped]
import pytest
from bs4 import BeautifulSoup, Tag
from ruamel.yaml import YAML

from benchmarks.synthetic import write_scaled
from macros.commands.build import build_into, build_language
from macros.content import dataset, pages
from macros.content.schema import LANGUAGES
from macros.postbuild import bundle, compile_hints

from .conftest import ROOT, copy_project, parse

Html = Callable[[str], BeautifulSoup]
CONTENT = dataset.load(ROOT / "docs" / "data")
CHECKLIST_CSS = "overrides/assets/stylesheets/checklist.css"
PATTERNS = CONTENT.dataset.patterns


def heading(tag: Tag | None) -> str:
    """Text of a heading without its permalink mark."""
    assert tag is not None
    return "".join(
        str(part) if isinstance(part, str) else part.get_text()
        for part in tag.children
        if getattr(part, "get", lambda _k: None)("class") != ["headerlink"]
    ).strip()


PAGES = ["index.html", "cycle.html", "checklist.html", "sources.html", "report.html"] + [
    f"patterns/{p.id}.html" for p in PATTERNS
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pattern_has_a_page_in_every_language(html: Html, lang: str) -> None:
    """Each pattern's page carries its title, its sections and its checklist items."""
    for pattern in PATTERNS:
        page = html(f"{lang}/patterns/{pattern.id}.html")
        assert heading(page.h1) == pattern.title[lang]
        for anchor in ("symptoms", "causes", "countermeasures", "cycle", "checklist", "related"):
            assert page.find(id=anchor), f"{pattern.id} ({lang}) lacks #{anchor}"
        boxes = page.select("form[data-crm-checklist] input.crm-checklist__box")
        assert [b["name"] for b in boxes] == [item.id for item in pattern.checklist]
        for box in boxes:
            assert page.find("label", attrs={"for": box["id"]}), "every checkbox has a label"
        for measure in pattern.countermeasures:
            assert page.find(id=f"cm-{measure.id}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nav_lists_patterns_in_dataset_order_with_translated_titles(html: Html, lang: str) -> None:
    """The navigation shows the patterns in dataset order under a translated section title."""
    page = html(f"{lang}/index.html")
    # get_text() joins the text around phrase marks (<wbr>) as the reader sees it.
    labels = [
        " ".join(a.get_text().split()) for a in page.select("nav.md-nav--primary a.md-nav__link")
    ]
    expected = [f"{i}. {p.short_title[lang]}" for i, p in enumerate(PATTERNS, 1)]
    positions = [labels.index(title) for title in expected]
    assert positions == sorted(positions)
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    nav_text = " ".join(nav.get_text().split())
    assert CONTENT.ui.root["nav_patterns"][lang] in nav_text


def test_many_patterns_are_grouped_by_cycle_step_and_pages_carry_one_group(
    project: Path,
) -> None:
    """Past FLAT_NAV_MAX patterns the nav groups them by cycle step, in cycle order, each once;
    a page's HTML holds the links of its own group only (navigation.prune), the other groups
    one link each, so that a page does not grow with every pattern added."""
    write_scaled(project, 10 * pages.FLAT_NAV_MAX)  # the benchmark's synthetic patterns
    view = pages.view(dataset.load(project / "docs" / "data"), "en")
    section = pages.nav(view)[1][CONTENT.ui.root["nav_patterns"]["en"]]
    for group in section:  # a large group comes in runs of at most FLAT_NAV_MAX
        for runs in group.values():
            assert len(runs) <= pages.FLAT_NAV_MAX
            for run in runs:
                for links in run.values():
                    assert isinstance(links, str) or len(links) <= pages.FLAT_NAV_MAX

    write_scaled(project, 15)  # small groups: the pattern links themselves
    view = pages.view(dataset.load(project / "docs" / "data"), "en")
    section = pages.nav(view)[1][CONTENT.ui.root["nav_patterns"]["en"]]
    groups = {
        title: [Path(src).with_suffix(".html").name for link in links for src in link.values()]
        for group in section
        for title, links in group.items()
    }
    assert list(groups) == [step["label"] for step in view["cycle"] if step["patterns"]]
    listed = sorted(name for names in groups.values() for name in names)
    assert listed == sorted(f"{p['id']}.html" for p in view["patterns"])

    build_language(project, "en", project / "site", strict=True)
    first = f"{view['patterns'][0]['id']}.html"
    nav = parse(project / "site" / "patterns" / first).select_one("nav.md-nav--primary")
    assert nav is not None
    linked = {str(a["href"]) for a in nav.select("a[href]")}
    for names in groups.values():
        if first in names:
            assert set(names) <= linked, "the open group lists all its patterns"
        else:
            assert set(names) & linked == {names[0]}, "a closed group is one link"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_declare_language_and_absolute_per_page_alternates(
    html: Html, lang: str, base_url: str
) -> None:
    """`<html lang>` is right and hreflang links point at this page in each language."""
    for path in PAGES:
        page = html(f"{lang}/{path}")
        assert page.html is not None
        assert page.html["lang"] == lang
        alternates = {
            link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")
        }
        assert alternates == {
            "ja": f"{base_url}/ja/{path}",
            "en": f"{base_url}/en/{path}",
            "x-default": f"{base_url}/",
        }


def test_every_page_has_a_counterpart_with_the_same_anchors(site_dir: Path) -> None:
    """Both languages have the same pages, and each page has the same heading ids."""
    for path in PAGES:
        ids = [
            {h["id"] for h in parse(site_dir / lang / path).select("h1[id], h2[id], h3[id]")}
            for lang in LANGUAGES
        ]
        assert ids[0] == ids[1], path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_fetches_from_another_host(site_dir: Path, lang: str) -> None:
    """No src, stylesheet or preconnect points at another host (no web fonts, no CDN)."""
    for page_path in (site_dir / lang).rglob("*.html"):
        page = parse(page_path)
        for tag in page.select("[src], link[href]"):
            url = str(tag.get("src") or tag.get("href"))
            rel = tag.get_attribute_list("rel")
            if "alternate" in rel or "canonical" in rel:
                continue  # metadata, not fetched by the browser (see main.html)
            assert not re.match(r"^(https?:)?//", url), f"{page_path}: {tag}"
    for asset in (site_dir / lang / "assets").rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", asset.read_text(encoding="utf-8"))


def test_home_links_every_pattern_and_the_checklist(html: Html) -> None:
    """The home page has a card per pattern and a way into the checklist, in both languages."""
    for lang in LANGUAGES:
        page = html(f"{lang}/index.html")
        links = {a["href"] for a in page.select(".crm-cards a[href]")}
        assert {f"patterns/{p.id}.html" for p in PATTERNS} <= links
        assert page.select_one('a.md-button[href="checklist.html"]')


def test_cycle_diagram_is_labelled_and_marks_every_pattern(html: Html) -> None:
    """The SVG has a title and description, eight steps, and a marker for each pattern."""
    for lang in LANGUAGES:
        page = html(f"{lang}/cycle.html")
        svg = page.select_one("figure.crm-cycle svg")
        assert svg is not None
        assert svg.title is not None
        assert svg.title.get_text() == CONTENT.ui.root["cycle_title"][lang]
        labels = [t.get_text() for t in svg.select(".crm-cycle__node text")]
        assert labels == [step.label[lang] for step in CONTENT.dataset.cycle]
        markers = {m["data-pattern"] for m in svg.select(".crm-cycle__marker")}
        assert markers == {p.id for p in PATTERNS}
        legend = page.select(".crm-cycle__legend a")
        assert [a.get_text() for a in legend] == [p.short_title[lang] for p in PATTERNS]


def test_checklist_page_lists_every_item_grouped_by_pattern(html: Html) -> None:
    """The checklist page has one group per pattern and a labelled checkbox per item."""
    for lang in LANGUAGES:
        page = html(f"{lang}/checklist.html")
        groups = page.select("form[data-crm-checklist] fieldset[data-pattern]")
        assert [g["data-pattern"] for g in groups] == [p.id for p in PATTERNS]
        for group, pattern in zip(groups, PATTERNS, strict=True):
            assert group.legend is not None
            names = [box["name"] for box in group.select("input.crm-checklist__box")]
            assert names == [item.id for item in pattern.checklist]


def test_search_index_holds_each_language_only(site_dir: Path) -> None:
    """A Japanese word from the content is in the ja search index and not in the en one."""
    word = PATTERNS[0].short_title.ja
    indexes = {
        lang: json.loads((site_dir / lang / "search" / "search_index.json").read_text("utf-8"))
        for lang in LANGUAGES
    }
    assert "text_keys" in indexes["ja"]["config"]["fields"]  # word keys: search_index.py
    assert word in json.dumps(indexes["ja"], ensure_ascii=False)
    assert word not in json.dumps(indexes["en"], ensure_ascii=False)
    english = PATTERNS[0].title.en
    assert english in json.dumps(indexes["en"], ensure_ascii=False)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_controls_kept_out_of_search_stay_out_of_the_index(site_dir: Path, lang: str) -> None:
    """Buttons and results marked data-search-exclude are not indexed (search finds items).

    Material's search parser compares elements by tag name, so an element of the excluded
    element's own tag inside it ends the exclusion early: templates must not nest one."""
    root = site_dir / lang
    index = json.loads((root / "search" / "search_index.json").read_text("utf-8"))
    # Without the invisible word breaks the Japanese index inserts, and with single spaces.
    indexed = " ".join(
        re.sub(r"\s+", " ", re.sub("[\u200b\u2060]", "", doc["title"] + " " + doc["text"]))
        for doc in index["docs"]
    )
    for path in sorted(root.rglob("*.html")):
        for hidden in parse(path).select("[data-search-exclude]"):
            assert hidden.find(hidden.name) is None, (
                f"{path.relative_to(site_dir)}: <{hidden.name} data-search-exclude> holds a "
                f"<{hidden.name}>: Material's search would index what follows it"
            )
    checklist = parse(root / "checklist.html")
    labels = [b.get_text(strip=True) for b in checklist.select("[data-crm-action]")]
    assert len(labels) >= 3, "the checklist's tools"
    toolbar = " ".join(labels[:3])  # the tools as they read in a row, not a word of the text
    assert toolbar not in indexed, f"the checklist's tools are in the search index: {toolbar}"


def test_root_page_offers_both_languages_without_javascript(html: Html) -> None:
    """The root page links each language, so a visitor without JS still gets in."""
    page = html("index.html")
    links = {a["hreflang"]: a["href"] for a in page.select("main a[hreflang]")}
    assert links == {lang: f"{lang}/index.html" for lang in LANGUAGES}


def add_pattern(data: Any, pattern_id: str, title: str) -> None:
    """Append a copy of the first pattern under a new id, as a maintainer would."""
    new = json.loads(json.dumps(data["patterns"][0]))
    new["id"] = pattern_id
    new["title"] = {"ja": f"{title}（日本語）", "en": title}
    new["short_title"] = {"ja": "新しい失敗", "en": title}
    new["related"] = [data["patterns"][0]["id"]]
    for item in new["checklist"]:
        item["id"] = f"{pattern_id}-{item['id']}"
    data["patterns"].append(new)


def remove_last_pattern(data: Any) -> str:
    """Delete the last pattern and every reference to it; its id."""
    gone: str = data["patterns"].pop()["id"]
    for pattern in data["patterns"]:
        pattern["related"] = [ref for ref in pattern["related"] if ref != gone]
    return gone


def make_first_pattern_hostile(data: Any) -> Any:
    """Markup in the first pattern's English texts, and inline Markdown; the pattern."""
    first = data["patterns"][0]
    first["title"]["en"] = "<script>alert(1)</script> & co"
    first["short_title"]["en"] = "<b>Bold</b> claim"
    first["description"]["en"] = 'He said "hi" <img src=x onerror=alert(1)>'
    first["summary"]["en"] = "Read *carefully* and see [the checklist](../checklist.md)."
    return first


@dataclass(frozen=True)
class Edited:
    """A project copy edited as a maintainer would, and its built site."""

    site: Path
    gone: str  # the id of the pattern removed
    first: Any  # the first pattern, with markup in its texts


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Edited:
    """One copy of the project with the edits of the three tests below, built once: the last
    pattern removed, then a new one added (a copy of the first), then markup put into the
    first pattern's texts. The edits touch different patterns, so each test reads its own."""
    project = copy_project(tmp_path_factory.mktemp("edited"))
    path = project / "docs" / "data" / "patterns.yml"
    yaml = YAML()
    data = yaml.load(path)
    gone = remove_last_pattern(data)
    add_pattern(data, "no-owner", "Nobody owns the CRM")
    first = json.loads(json.dumps(make_first_pattern_hostile(data)))
    yaml.dump(data, path)
    build_into(project, project / "site", quiet=True)
    return Edited(project / "site", gone, first)


@pytest.mark.xdist_group("edited-site")
def test_a_new_pattern_in_the_yaml_appears_everywhere(edited: Edited) -> None:
    """One YAML entry gives a page per language, nav, card, cycle marker and checklist group."""
    for lang in LANGUAGES:
        page = parse(edited.site / lang / "patterns" / "no-owner.html")
        assert "Nobody owns the CRM" in heading(page.h1)
        home = parse(edited.site / lang / "index.html")
        assert home.select_one('.crm-cards a[href="patterns/no-owner.html"]')
        nav = home.select_one("nav.md-nav--primary")
        assert nav is not None
        assert ("新しい失敗" if lang == "ja" else "Nobody owns the CRM") in nav.get_text()
        cycle = parse(edited.site / lang / "cycle.html")
        assert cycle.select_one('.crm-cycle__marker[data-pattern="no-owner"]')
        checklist = parse(edited.site / lang / "checklist.html")
        assert checklist.select_one('fieldset[data-pattern="no-owner"]')
        index = (edited.site / lang / "search" / "search_index.json").read_text("utf-8")
        assert "patterns/no-owner.html" in index


@pytest.mark.xdist_group("edited-site")
def test_removing_a_pattern_removes_it_everywhere(edited: Edited) -> None:
    """Deleting a pattern (and references to it) removes its page, card, marker and items."""
    gone = edited.gone
    for lang in LANGUAGES:
        assert not (edited.site / lang / "patterns" / f"{gone}.html").exists()
        home = (edited.site / lang / "index.html").read_text("utf-8")
        assert f"patterns/{gone}.html" not in home
        checklist = (edited.site / lang / "checklist.html").read_text("utf-8")
        assert f'data-pattern="{gone}"' not in checklist


@pytest.mark.xdist_group("edited-site")
def test_dataset_text_is_escaped_but_inline_markdown_renders(edited: Edited) -> None:
    """A `<script>` in a title shows as text; *emphasis* and links in text render."""
    first = edited.first
    site = edited.site / "en"
    page = parse(site / "patterns" / f"{first['id']}.html")
    assert page.select("article script") == []
    assert heading(page.h1) == "<script>alert(1)</script> & co"
    assert page.title is not None
    assert "<script>" in page.title.get_text()  # shown as text in the tab title
    assert page.select_one("article em") is not None
    assert page.select_one('article a[href="../checklist.html"]') is not None
    description = page.select_one('meta[name="description"]')
    assert description is not None
    assert description["content"] == first["description"]["en"]
    for other in ("index.html", "checklist.html", "cycle.html"):
        built = parse(site / other)
        assert built.select("img[src=x]") == []
        assert built.select("article b, nav b") == []
        assert "<b>Bold</b> claim" in built.get_text()


def test_root_404_links_both_homes_absolutely(html: Html, base_url: str) -> None:
    """The 404 page a static host serves for any missing address leads home in each language."""
    page = html("404.html")
    links = {a["hreflang"]: a["href"] for a in page.select("main a[hreflang]")}
    assert links == {lang: f"{base_url}/{lang}/index.html" for lang in LANGUAGES}
    assert page.select_one('meta[name="robots"][content="noindex"]')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_404_speaks_the_language_and_leads_home(
    html: Html, base_url: str, lang: str
) -> None:
    """Each language's 404 page says so in that language and links that language's home."""
    page = html(f"{lang}/404.html")
    article = page.select_one("article.md-content__inner")
    assert article is not None
    assert heading(article.h1) == CONTENT.ui.root["not_found_title"][lang]
    assert CONTENT.ui.root["not_found_text"][lang] in article.get_text()
    home = article.select_one("a.md-button")
    assert home is not None
    assert home["href"] == f"{base_url}/{lang}/index.html"
    assert home.get_text() == CONTENT.ui.root["nav_home_link"][lang]


def test_own_scripts_and_styles_are_served_minified(site_dir: Path) -> None:
    """Readers download our JS and CSS without comments; vendored files stay byte-identical."""
    for built, source in (
        ("assets/javascripts/checklist.js", bundle.source(ROOT / "overrides")),  # joined modules
        ("assets/stylesheets/checklist.css", (ROOT / CHECKLIST_CSS).read_text(encoding="utf-8")),
    ):
        text = (site_dir / "ja" / built).read_text(encoding="utf-8")
        assert "/*" not in text
        assert len(text) < 0.8 * len(source)
    shim = "assets/javascripts/vendor/iframe-worker/shim.js"
    assert (site_dir / "en" / shim).read_bytes() == (ROOT / "overrides" / shim).read_bytes()


def test_scripts_run_on_load_carry_the_compile_hint_and_maps_still_point_right(
    site_dir: Path,
) -> None:
    """Material's bundle and the checklist's script start with V8's compile hint (the bundle is
    otherwise Material's, byte for byte); the bundle's source map gains one empty line in
    front, so every position still maps to the same source."""
    scripts = site_dir / "ja" / "assets" / "javascripts"
    material = Path(material_package.__file__).parent / "templates" / "assets" / "javascripts"
    built = next(scripts.glob("bundle.*.min.js"))
    shipped = material / built.name
    assert built.read_text("utf-8") == compile_hints.HINT + shipped.read_text("utf-8")
    ours = json.loads((scripts / f"{built.name}.map").read_text("utf-8"))
    theirs = json.loads((material / f"{built.name}.map").read_text("utf-8"))
    assert ours["mappings"] == ";" + theirs["mappings"]
    assert {k: v for k, v in ours.items() if k != "mappings"} == {
        k: v for k, v in theirs.items() if k != "mappings"
    }
    assert (scripts / "checklist.js").read_text("utf-8").startswith(compile_hints.HINT)
