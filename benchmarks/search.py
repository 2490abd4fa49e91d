"""Search quality and cost: Material's search as shipped against ours, on the same content.

Both sites are built from scratch copies of the project (the "as shipped" one without
macros/search_hooks.py); the word lists of tests/search/ are searched with Material's own worker
in headless Chromium. Reported per language and variant: recall, precision, the share of right
pages whose entry shows the word marked, the search index size (gzip), and the time the worker
takes to index it and to answer the whole word list.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python benchmarks/search.py`

from playwright.sync_api import Browser, sync_playwright

from benchmarks.common import CHROMIUM, gzipped, kib, median, note, row
from macros.build import build_into
from tests.conftest import CHROMIUM_ARGS, Server, copy_project
from tests.search import quality, words

RUNS = 3  # worker timings: median of this many fresh pages


def report(browser: Browser, site: Path, variant: str, lang: str) -> None:
    server = Server(site)
    word_list = words.load(lang)
    runs = []
    for _ in range(RUNS):
        page = browser.new_page()
        page.goto(f"{server.url}/{lang}/index.html")
        runs.append(quality.search(page, [w.word for w in word_list]))
        page.close()
    server.close()
    score = quality.score(word_list, words.page_texts(site, lang), runs[0].found)
    index = (site / lang / "search" / "search_index.json").read_bytes()
    name = f"search {lang}, {variant}"
    target = {"ja, ours": "recall 100%, precision ≥ 90%"}.get(f"{lang}, {variant}", "")
    row(f"{name}: {len(word_list)} words", score.summary(), target)
    row(
        f"{name}: index, worker",
        f"index {kib(gzipped(index))} gz; indexing {median([r.setup_ms for r in runs]):.0f} ms; "
        f"{len(word_list)} queries {median([r.query_ms for r in runs]):.0f} ms",
    )


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        sites = {}
        for variant in ("as shipped", "ours"):
            project = copy_project(Path(tmp) / variant.replace(" ", "-"))
            if variant == "as shipped":
                quality.as_shipped(project)
            note(f"search: building the site with {variant} search …")
            build_into(project, project / "site", quiet=True)
            sites[variant] = project / "site"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang in ("ja", "en"):
                for variant, site in sites.items():
                    report(browser, site, variant, lang)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
