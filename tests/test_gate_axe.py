"""Gate: axe-core finds no WCAG 2.1 A/AA violation on any built page, in either language, in the
light or the dark palette; and our copies of Material partials stay in step with Material."""

from __future__ import annotations

import re
from pathlib import Path

import material  # type: ignore[import-untyped]
import pytest

from macros.content.schema import LANGUAGES
from tests.audit.crawl import SCHEMES, Crawl

from .conftest import ROOT

MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials"
PALETTE_FIX = (
    'if(!palette){var first=[].find.call(document.querySelectorAll("[data-md-color-media]"),'
    'function(e){return matchMedia(e.getAttribute("data-md-color-media")).matches});'
    'first&&(palette={color:{media:first.getAttribute("data-md-color-media"),'
    'scheme:first.getAttribute("data-md-color-scheme"),'
    'primary:first.getAttribute("data-md-color-primary"),'
    'accent:first.getAttribute("data-md-color-accent")}})}'
)


@pytest.mark.browser
@pytest.mark.xdist_group("crawl")
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_axe_violations_on_any_page(crawl: Crawl, lang: str, scheme: str) -> None:
    """Every page of the language, as a reader sees it in this palette, passes axe-core."""
    visits = crawl.of(lang=lang, scheme=scheme)
    paths = [visit.path for visit in visits]
    assert f"{lang}/index.html" in paths
    assert len(paths) >= 10, paths
    for visit in visits:
        used = visit.palette
        assert used == SCHEMES[scheme], f"{visit.path}: palette {used!r} in {scheme} mode"
    report = [f"{v.path} [{scheme}]\n{x.describe()}" for v in visits for x in v.violations]
    assert not report, "axe-core violations:\n" + "\n".join(report)


@pytest.mark.browser
@pytest.mark.xdist_group("crawl")
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_on_root_pages(crawl: Crawl, base_url: str, scheme: str) -> None:
    """The pages at the site root (language chooser, 404), as they are before any redirect."""
    visits = crawl.of(lang="root", scheme=scheme)
    assert "index.html" in [visit.path for visit in visits]
    for visit in visits:
        assert visit.url == f"{base_url}/{visit.path}"
    report = [f"{v.path} [{scheme}]\n{x.describe()}" for v in visits for x in v.violations]
    assert not report, "axe-core violations:\n" + "\n".join(report)


def without_comments(template: str) -> str:
    return re.sub(r"\{#.*?#\}\s*", "", template, flags=re.DOTALL).strip()


@pytest.mark.parametrize(
    ("partial", "fix"),
    [
        ("search.html", " aria-label=\"{{ lang.t('search') }}\""),
        ("progress.html", ' aria-hidden="true"'),
        # With nothing stored, the scheme the bundle will pick, before it loads.
        ("javascripts/palette.html", PALETTE_FIX),
    ],
)
def test_overridden_partials_match_material_but_for_the_fix(partial: str, fix: str) -> None:
    """overrides/partials/<name> is Material's partial plus one attribute (update on upgrade)."""
    ours = without_comments((ROOT / "overrides" / "partials" / partial).read_text("utf-8"))
    theirs = without_comments((MATERIAL_PARTIALS / partial).read_text("utf-8"))
    assert fix in ours
    assert ours.replace(fix, "", 1) == theirs, (
        f"Material's partials/{partial} changed: copy it again into overrides/partials/ "
        f"and re-apply{fix}"
    )
