"""Gate: no page asks any other host for anything (fonts, scripts, shims, analytics), checked by
recording every request the browser makes while loading each built page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Request

from macros.content.schema import LANGUAGES
from tests.audit import site

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", [*LANGUAGES, "root"])
def test_no_page_requests_another_host(
    context: BrowserContext, site_dir: Path, base_url: str, lang: str
) -> None:
    """Loading every page of the language (until the network is idle) stays on the test server."""
    host = urlsplit(base_url).netloc
    elsewhere: list[str] = []
    current = [""]

    def record(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
            elsewhere.append(f"{current[0]} → {request.url} ({request.resource_type})")

    context.on("request", record)
    paths = [
        p
        for p in site.pages(site_dir)
        if p.startswith(f"{lang}/") or (lang == "root" and "/" not in p)
    ]
    assert paths, f"no pages for {lang}"
    for path in paths:
        current[0] = path
        page = context.new_page()
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
        page.close()
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
