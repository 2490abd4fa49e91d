"""Page weight per page type: what a first visit transfers, gzipped, in headless Chromium.

The real site is built and served locally; each page is opened in a fresh browser profile (empty
cache) and every response until the network is idle is counted (HTML, CSS, JS, the search index
Material fetches on load, images, the search worker and what it loads). Text responses are
counted at their gzip size (level 6), others as they are. The project's own JS and CSS (files from
overrides/assets/) are also given on their own; our styles reach readers merged into one
stylesheet with Material's (macros/postbuild/assets.py), given apart.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python benchmarks/weight.py`

from playwright.sync_api import Browser, Response, sync_playwright

from benchmarks.common import CHROMIUM, ROOT, gzipped, kib, note, row
from macros.commands.build import build_into
from macros.content import dataset
from tests.conftest import CHROMIUM_ARGS, Server

TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".mjs", ".map")
OWN = {
    p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides" / "assets").rglob("*")
}


def page_types() -> dict[str, str]:
    first = dataset.load(ROOT / "docs" / "data").dataset.patterns[0].id
    return {
        "home": "index.html",
        "pattern": f"patterns/{first}.html",
        "cycle": "cycle.html",
        "checklist": "checklist.html",
        "sources": "sources.html",
    }


@dataclass
class Load:
    """What one page load transferred, in bytes (gzipped where a server would gzip)."""

    total: int = 0
    requests: int = 0
    own_js: int = 0
    own_css: int = 0
    search_index: int = 0
    merged_css: int = 0
    seen: set[str] = field(default_factory=set)

    def add(self, url: str, body: bytes) -> None:
        path = urlsplit(url).path
        if url in self.seen:
            return
        self.seen.add(url)
        size = gzipped(body) if path.endswith(TEXT) else len(body)
        self.total += size
        self.requests += 1
        asset = path.split("/", 2)[-1]  # "/ja/assets/x.js" → "assets/x.js"
        if asset in OWN and path.endswith(".js"):
            self.own_js += size
        if asset in OWN and path.endswith(".css"):
            self.own_css += size
        if asset.startswith("assets/stylesheets/site."):  # Material's and ours, merged
            self.merged_css += size
        if path.endswith(("search_index.json", "search_index.js")):
            self.search_index += size


def measure(browser: Browser, url: str) -> Load:
    """Everything a first visit of `url` transfers, with an empty cache."""
    context = browser.new_context()
    responses: list[Response] = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    load = Load()
    for response in responses:
        if response.ok:
            load.add(response.url, response.body())
    context.close()
    return load


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-weight-") as tmp:
        site = Path(tmp) / "site"
        note("weight: building the site …")
        build_into(ROOT, site, quiet=True)
        server = Server(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang in ("ja", "en"):
                for kind, path in page_types().items():
                    load = measure(browser, f"{server.url}/{lang}/{path}")
                    row(
                        f"page weight: {kind} ({lang})",
                        f"{kib(load.total)} in {load.requests} requests; own JS "
                        f"{kib(load.own_js)}, own CSS {kib(load.own_css)} "
                        f"(stylesheet with Material's {kib(load.merged_css)}), "
                        f"search index {kib(load.search_index)}",
                    )
            browser.close()
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
