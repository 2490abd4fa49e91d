"""Gate: Lighthouse (mobile) scores 100 in accessibility, best practices and SEO on every kind
of page, in both languages, served over http like the published site."""

from __future__ import annotations

import pytest

from macros.content import dataset
from macros.content.schema import LANGUAGES
from tests.audit import lighthouse

from .conftest import ROOT

# One Lighthouse run (the module fixture) for every page: the tests stay in one xdist worker.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("lighthouse")]

CATEGORIES = ("accessibility", "best-practices", "seo")
FIRST_PATTERN = dataset.load(ROOT / "docs" / "data").dataset.patterns[0].id
# One page of each kind: home, a (generated) pattern page, the cycle, the checklist, sources,
# and the (generated) report.
PAGES = (
    "index.html",
    f"patterns/{FIRST_PATTERN}.html",
    "cycle.html",
    "checklist.html",
    "sources.html",
    "report.html",
)
TARGETS = [(lang, path) for lang in LANGUAGES for path in PAGES]


@pytest.fixture(scope="module")
def reports(base_url: str) -> dict[str, lighthouse.Report]:
    """One Lighthouse run per page (≈6 s each), all with one Chromium, shared by the tests."""
    urls = [f"{base_url}/{lang}/{path}" for lang, path in TARGETS]
    return dict(zip(urls, lighthouse.run(urls, CATEGORIES), strict=True))


@pytest.mark.parametrize(("lang", "path"), TARGETS)
def test_lighthouse_scores_100(
    reports: dict[str, lighthouse.Report], base_url: str, lang: str, path: str
) -> None:
    """Accessibility, best practices and SEO are each 100; failures name audit and element."""
    report = reports[f"{base_url}/{lang}/{path}"]
    below = {name: score for name, score in report.scores.items() if score != 100}
    details = "\n".join(failure.describe() for failure in report.failures)
    assert set(report.scores) == set(CATEGORIES)
    assert not below, f"Lighthouse on {lang}/{path}: {below}\n{details}"
    assert not report.failures, f"Lighthouse on {lang}/{path}:\n{details}"
