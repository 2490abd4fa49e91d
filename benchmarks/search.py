"""Search quality and cost: Material's search as shipped against ours, on the same content.

Both sites are built from scratch copies of the project (the "as shipped" one without
macros/engine/search_hooks.py); the word lists of tests/search/ are searched with Material's own
worker in headless Chromium. Reported per language and variant: recall, precision, the share of
right pages whose entry shows the word marked, per kind of word for Japanese (nouns, verbs and
adjectives as written, dictionary forms, …), the search index size (gzip) and the time the
worker takes to index it and to answer the whole word list. For ours, also what the index
rewrite costs the build (macros/search/search_index.py with the analyser,
macros/search/japanese.py).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python benchmarks/search.py`

from playwright.sync_api import Browser, sync_playwright

from benchmarks.common import CHROMIUM, gzipped, kib, median, note, row
from macros.commands.build import build_into
from macros.search import japanese, search_index
from tests.conftest import CHROMIUM_ARGS, Server, copy_project
from tests.search import quality, words

RUNS = 5  # worker timings: median of this many fresh pages per site
TARGETS = {
    "ja, ours": "recall 100%, precision ≥ 95%, every kind",
    "ja, ours index": "≤ 2× as shipped",
}


def index_size(site: Path, lang: str) -> int:
    return gzipped((site / lang / "search" / "search_index.json").read_bytes())


def runs(browser: Browser, sites: dict[str, Path], lang: str) -> dict[str, list[quality.Run]]:
    """The word list searched RUNS times in each site, alternating, so load hits both alike."""
    servers = {variant: Server(site) for variant, site in sites.items()}
    queries = [w.word for w in words.load(lang)]
    found: dict[str, list[quality.Run]] = {variant: [] for variant in sites}
    for _ in range(RUNS):
        for variant, server in servers.items():
            page = browser.new_page()
            page.goto(f"{server.url}/{lang}/index.html")
            found[variant].append(quality.search(page, queries))
            page.close()
    for server in servers.values():
        server.close()
    return found


def report(site: Path, variant: str, lang: str, measured: list[quality.Run], stock: int) -> None:
    word_list = words.load(lang)
    pages = words.site_pages(site, lang)
    scores = quality.scores_by_kind(word_list, pages, measured[0].found)
    name = f"search {lang}, {variant}"
    total = sum(scores.values(), quality.Score())
    row(f"{name}: {len(word_list)} words", total.summary(), TARGETS.get(f"{lang}, {variant}", ""))
    if lang == "ja":
        for kind, score in scores.items():
            row(f"{name}: {kind} ({sum(w.kind == kind for w in word_list)} words)", score.summary())
    size = index_size(site, lang)
    ratio = f" ({size / stock:.2f}× as shipped)" if variant != "as shipped" else ""
    row(
        f"{name}: index, worker",
        f"index {kib(size)} gz{ratio}; indexing {median([r.setup_ms for r in measured]):.0f} ms; "
        f"{len(word_list)} queries {median([r.query_ms for r in measured]):.0f} ms",
        TARGETS.get(f"{lang}, {variant} index", ""),
    )


def rewrite_cost(stock_site: Path) -> None:
    """Time the index rewrite on Material's own Japanese index, as a build runs it: first with
    nothing analysed yet (a fresh build), then again (serve's rebuilds, runs analysed already)."""
    index = json.loads((stock_site / "ja" / "search" / "search_index.json").read_text("utf-8"))
    chars = sum(len(search_index.plain_text(d["title"] + d["text"])) for d in index["docs"])
    loads, colds, warms = [], [], []
    for _ in range(RUNS):
        japanese.analyse.cache_clear()
        japanese._tokenizer.cache_clear()
        start = time.perf_counter()
        japanese.analyse("準備")  # loads the dictionary
        loaded = time.perf_counter()
        search_index.add_keys(index)
        cold = time.perf_counter()
        search_index.add_keys(index)
        loads.append(loaded - start)
        colds.append(cold - start)
        warms.append(time.perf_counter() - cold)
    row(
        "search ja, ours: index rewrite at build time",
        f"{median(colds) * 1000:.0f} ms for {chars} characters (dictionary load "
        f"{median(loads) * 1000:.0f} ms); rebuild {median(warms) * 1000:.0f} ms",
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
        rewrite_cost(sites["as shipped"])  # first: nothing analysed yet in this process
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang in ("ja", "en"):
                stock = index_size(sites["as shipped"], lang)
                for variant, measured in runs(browser, sites, lang).items():
                    report(sites[variant], variant, lang, measured, stock)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
