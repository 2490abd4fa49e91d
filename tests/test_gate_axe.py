"""Gate: axe-core finds no WCAG 2.1 A/AA violation on any built page, in either language, in the
light or the dark palette; and our copies of Material partials stay in step with Material."""

from __future__ import annotations

import re
from pathlib import Path

import material  # type: ignore[import-untyped]
import pytest
from playwright.sync_api import Browser

from macros.content.schema import LANGUAGES
from tests.audit import axe, site

from .conftest import ROOT, enhanced

pytestmark = pytest.mark.browser

# The palette follows the system: emulating the preference must switch Material's scheme.
SCHEMES = {"light": "default", "dark": "slate"}
MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials"
PALETTE_FIX = (
    'if(!palette){var first=[].find.call(document.querySelectorAll("[data-md-color-media]"),'
    'function(e){return matchMedia(e.getAttribute("data-md-color-media")).matches});'
    'first&&(palette={color:{media:first.getAttribute("data-md-color-media"),'
    'scheme:first.getAttribute("data-md-color-scheme"),'
    'primary:first.getAttribute("data-md-color-primary"),'
    'accent:first.getAttribute("data-md-color-accent")}})}'
)
INTO_A_LANGUAGE = re.compile(f"/({'|'.join(LANGUAGES)})/index\\.html")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_axe_violations_on_any_page(
    browser: Browser, site_dir: Path, base_url: str, lang: str, scheme: str
) -> None:
    """Every page of the language, as a reader sees it in this palette, passes axe-core."""
    paths = [p for p in site.pages(site_dir) if p.startswith(f"{lang}/")]
    assert f"{lang}/index.html" in paths
    assert len(paths) >= 10, paths
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    report = []
    for path in paths:
        page = context.new_page()
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("load")
        used = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert used == SCHEMES[scheme], f"{path}: palette {used!r} in {scheme} mode"
        enhanced(page)
        report += [f"{path} [{scheme}]\n{v.describe()}" for v in axe.violations(page)]
        page.close()
    context.close()
    assert not report, "axe-core violations:\n" + "\n".join(report)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_on_root_pages(
    browser: Browser, site_dir: Path, base_url: str, scheme: str
) -> None:
    """The pages at the site root (language chooser, 404), as they are before any redirect."""
    paths = [p for p in site.pages(site_dir) if "/" not in p]
    assert "index.html" in paths
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    report = []
    for path in paths:
        page = context.new_page()
        # A 204 answer cancels a navigation and leaves the page as it is, so the chooser stays
        # in place of the language it would send the browser to (what readers without JS see).
        page.route(INTO_A_LANGUAGE, lambda route: route.fulfill(status=204))
        page.goto(f"{base_url}/{path}", wait_until="commit")
        page.wait_for_function("document.readyState === 'complete'")
        assert page.url == f"{base_url}/{path}"
        report += [f"{path} [{scheme}]\n{v.describe()}" for v in axe.violations(page)]
        page.close()
    context.close()
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
