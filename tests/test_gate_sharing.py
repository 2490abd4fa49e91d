"""Gate: search engines and link previews get what they need: Open Graph and Twitter card tags on
every page, the card image, and sitemaps with every page's language alternates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.content.schema import LANGUAGES
from macros.postbuild import sitemap
from tests.audit import site
from tools import social_card

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
LOCALES = {"ja": "ja_JP", "en": "en_GB"}


def meta(page: BeautifulSoup, key: str) -> str | None:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return None if tag is None else str(tag.get("content"))


def content_pages(site_dir: Path, lang: str) -> list[str]:
    """The language's pages that are meant to be shared and indexed (all but 404)."""
    return [
        p.removeprefix(f"{lang}/")
        for p in site.pages(site_dir)
        if p.startswith(f"{lang}/") and not p.endswith("404.html")
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_sharing_tags(site_dir: Path, base_url: str, lang: str) -> None:
    """og:* and twitter:* describe the page itself: its title, description, URL and language."""
    card = f"{base_url}/{lang}/assets/images/social-card.png"
    other = [LOCALES[code] for code in LANGUAGES if code != lang]
    problems = []
    for path in content_pages(site_dir, lang):
        page = site.parsed(site_dir / lang / path)
        canonical = page.find("link", rel="canonical")
        description = meta(page, "description")
        title = meta(page, "og:title")
        expected = {
            "og:url": canonical and canonical.get("href"),
            "og:description": description,
            "og:type": "website" if path == "index.html" else "article",
            "og:locale": LOCALES[lang],
            "og:image": card,
            "og:image:width": "1200",
            "og:image:height": "630",
            "twitter:card": "summary_large_image",
            "twitter:title": title,
            "twitter:description": description,
            "twitter:image": card,
        }
        for key, value in expected.items():
            if meta(page, key) != value or not value:
                problems.append(f"{lang}/{path}: {key}={meta(page, key)!r}, expected {value!r}")
        alternates = [
            str(t["content"]) for t in page.select('meta[property="og:locale:alternate"]')
        ]
        if alternates != other:
            problems.append(f"{lang}/{path}: og:locale:alternate {alternates}, expected {other}")
        # The document title is "<page> - <site>" (the site's name alone on the home page).
        document_title = page.title.get_text() if page.title else ""
        site_name = meta(page, "og:site_name")
        shown = site_name if path == "index.html" else f"{title} - {site_name}"
        if not title or document_title != shown:
            problems.append(f"{lang}/{path}: og:title {title!r} vs <title> {document_title!r}")
        for key in ("og:site_name", "og:image:alt", "twitter:image:alt"):
            if not meta(page, key):
                problems.append(f"{lang}/{path}: no {key}")
    assert not problems, "\n".join(problems)


def test_the_card_image_is_1200_by_630_and_up_to_date() -> None:
    """The committed PNG has the card size, stays small, and was rendered from today's texts."""
    png = social_card.OUTPUT.read_bytes()
    size, texts = social_card.png_info(png)
    assert size == social_card.SIZE
    assert len(png) < 150_000, f"{len(png)} bytes: a sharing card should stay small"
    rendered_from = texts.get(social_card.SOURCE_KEY)
    assert rendered_from == social_card.source_hash(social_card.card_html()), (
        "the card's template or the site's name changed: run `python -m tools.social_card`"
    )


def urlset(path: Path) -> dict[str, dict[str, str]]:
    """Sitemap entries: page URL → {hreflang: alternate URL}."""
    root = ET.parse(path).getroot()
    return {
        str(url.findtext("s:loc", namespaces=NS)): {
            str(link.get("hreflang")): str(link.get("href"))
            for link in url.findall("x:link", NS)
            if link.get("rel") == "alternate"
        }
        for url in root.findall("s:url", NS)
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sitemap_lists_every_page_with_its_alternates(
    site_dir: Path, base_url: str, lang: str
) -> None:
    """Each language's sitemap has every page, each with every language and x-default."""
    entries = urlset(site_dir / lang / "sitemap.xml")
    pages = content_pages(site_dir, lang)
    assert set(entries) == {f"{base_url}/{lang}/{path}" for path in pages}
    for path in pages:
        alternates = entries[f"{base_url}/{lang}/{path}"]
        expected = {code: f"{base_url}/{code}/{path}" for code in LANGUAGES}
        assert alternates == {**expected, "x-default": f"{base_url}/"}, path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_folder_with_pages_has_a_sitemap_of_its_pages(
    site_dir: Path, base_url: str, lang: str
) -> None:
    """Material fetches sitemap.xml next to each alternate link: it exists in every folder."""
    for folder in {Path(p).parent for p in content_pages(site_dir, lang)} - {Path(".")}:
        path = site_dir / lang / folder / "sitemap.xml"
        assert path.exists(), f"{path.relative_to(site_dir)} missing (macros/postbuild/sitemap.py)"
        prefix = f"{base_url}/{lang}/{folder.as_posix()}/"
        entries = urlset(path)
        assert entries, path
        assert all(url.startswith(prefix) for url in entries), entries


def test_root_has_a_sitemap_index_and_robots_txt(site_dir: Path, base_url: str) -> None:
    """The site root indexes the language sitemaps and robots.txt points crawlers at it."""
    index = ET.parse(site_dir / "sitemap.xml").getroot()
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    locs = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert locs == [f"{base_url}/{lang}/sitemap.xml" for lang in LANGUAGES]
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base_url}/sitemap.xml" in robots.splitlines()


def test_sitemap_module_keeps_each_folder_to_its_own_pages(tmp_path: Path) -> None:
    """A folder's sitemap lists that folder's pages (with alternates); the index each language."""
    (tmp_path / "ja" / "patterns").mkdir(parents=True)
    alternate = '<xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/{}"/>'
    pages = "".join(
        f"<url><loc>https://example.org/ja/{path}</loc>{alternate.format(path)}</url>"
        for path in ("index.html", "patterns/a.html", "patterns/b.html")
    )
    (tmp_path / "ja" / "sitemap.xml").write_text(
        f'<urlset xmlns="{NS["s"]}" xmlns:xhtml="{NS["x"]}">{pages}</urlset>', encoding="utf-8"
    )
    written = sitemap.write_folder_sitemaps(tmp_path / "ja", "https://example.org/ja/")
    assert written == [tmp_path / "ja" / "patterns" / "sitemap.xml"]
    assert urlset(written[0]) == {
        f"https://example.org/ja/patterns/{name}": {"en": f"https://example.org/en/patterns/{name}"}
        for name in ("a.html", "b.html")
    }
    sitemap.write_index(tmp_path, "https://example.org/", LANGUAGES)
    index = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert [loc.text for loc in index.findall("s:sitemap/s:loc", NS)] == [
        f"https://example.org/{lang}/sitemap.xml" for lang in LANGUAGES
    ]
