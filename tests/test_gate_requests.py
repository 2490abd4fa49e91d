"""Gate: no page asks any other host for anything (fonts, scripts, shims, analytics), checked by
recording every request the browser makes while loading each built page (the crawl of
tests/audit/crawl.py, in both palettes, until the page's scripts and their requests are done)."""

from __future__ import annotations

import pytest

from macros.content.schema import LANGUAGES
from tests.audit.crawl import Crawl, folder

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("crawl")]


@pytest.mark.parametrize("lang", [*LANGUAGES, "root"])
def test_no_page_requests_another_host(crawl: Crawl, lang: str) -> None:
    """Loading every page of the language stays on the test server."""
    visits = crawl.of(lang=lang)
    assert visits, f"no pages for {lang}"
    elsewhere = [f"{v.path} [{v.scheme}] → {url}" for v in visits for url in v.elsewhere]
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
    errors = [f"{path}: {error}" for path, error in crawl.errors if folder(path) == lang]
    assert errors == [], f"uncaught errors in the page: {errors}"
