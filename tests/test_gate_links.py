"""Gate: every internal link and anchor of the built site resolves, and every page has its
counterpart in the other language."""

from __future__ import annotations

from pathlib import Path

from macros.content.schema import LANGUAGES
from tests.audit import site


def test_every_internal_link_and_anchor_resolves(site_dir: Path, base_url: str) -> None:
    """href, src, SVG xlink:href and sharing URLs lead to an existing file and id, in every page."""
    checked = 0
    broken = []
    for page in site.pages(site_dir):
        for link in site.links(site_dir, page):
            checked += site.resolve(link, base_url) is not None
            if (why := site.problem(site_dir, link, base_url)) is not None:
                broken.append(why)
    assert checked > 500, f"only {checked} internal links found: is the site built?"
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)


def test_the_link_checker_reports_a_broken_link_and_anchor(tmp_path: Path) -> None:
    """A missing page, a missing id and a missing SVG target are each reported with the page."""
    (tmp_path / "ja").mkdir()
    (tmp_path / "ja" / "a.html").write_text(
        '<h2 id="here">x</h2><a href="b.html">b</a><a href="a.html#gone">g</a>'
        '<a href="#here">ok</a><svg><a xlink:href="c.html"></a></svg>'
        '<a href="https://example.org/x.html">elsewhere</a>',
        encoding="utf-8",
    )
    problems = [
        site.problem(tmp_path, link, "http://127.0.0.1:1/")
        for link in site.links(tmp_path, "ja/a.html")
    ]
    reported = [p for p in problems if p]
    assert len(reported) == 3, reported
    assert reported[0].startswith("ja/a.html: ")
    assert "no file ja/b.html" in reported[0]
    assert "no id 'gone'" in reported[1]
    assert "xlink:href" in reported[2]


def test_every_page_has_a_counterpart_in_every_language(site_dir: Path) -> None:
    """The same page paths exist under every language folder (the selector relies on it)."""
    by_lang = {
        lang: {p.removeprefix(f"{lang}/") for p in site.pages(site_dir) if p.startswith(f"{lang}/")}
        for lang in LANGUAGES
    }
    every = set().union(*by_lang.values())
    missing = [f"{lang}/{path}" for lang in LANGUAGES for path in sorted(every - by_lang[lang])]
    assert "index.html" in every
    assert not missing, f"pages without a counterpart: {missing}"
