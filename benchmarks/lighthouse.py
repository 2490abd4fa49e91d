"""Lighthouse performance (mobile preset) of every kind of page, both languages; prints figures,
asserts nothing. Goal: 100 on every page.

    .venv/bin/python benchmarks/lighthouse.py            # median of 3 runs per page
    .venv/bin/python benchmarks/lighthouse.py --runs 1

Builds the site into a scratch folder for a local address, serves it on 127.0.0.1 (like the
gates in tests/test_gate_lighthouse.py, whose runner it reuses) and runs Lighthouse with Debian's
Chromium: each round is one Chromium over all pages, so the 3 runs of a page come from 3 fresh
browsers. Lighthouse simulates a mid-range phone on slow 4G (its default), so the figures are
comparable with PageSpeed Insights' mobile ones, not with the machine's own speed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python benchmarks/…`

from benchmarks.common import ROOT, note, row
from macros import dataset
from macros.build import build_into
from macros.schema import LANGUAGES
from tests.audit import lighthouse
from tests.conftest import Server

PATTERN = dataset.load(ROOT / "docs" / "data").dataset.patterns[0].id
PAGES = {
    "home": "index.html",
    "pattern": f"patterns/{PATTERN}.html",
    "cycle": "cycle.html",
    "checklist": "checklist.html",
    "sources": "sources.html",
    "404": "404.html",
}


class CompressingServer(Server):
    """The test server, but answering with gzip like a real static host (GitHub Pages, Netlify):
    Lighthouse's simulated slow 4G charges the bytes actually sent."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.httpd.RequestHandlerClass = functools.partial(GzipHandler, directory=str(directory))


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in self.TEXT and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def seconds(ms: float) -> str:
    return f"{ms / 1000:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median is shown)")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="lighthouse-bench-") as tmp:
        served = Path(tmp) / "site"
        served.mkdir()
        server = CompressingServer(served)
        try:
            note("Building the site …")
            os.environ["SITE_URL"] = f"{server.url}/"
            build_into(ROOT, served, quiet=True)
            targets = [(kind, lang, path) for lang in LANGUAGES for kind, path in PAGES.items()]
            urls = [f"{server.url}/{lang}/{path}" for _, lang, path in targets]
            rounds = []
            for number in range(1, runs + 1):
                note(f"Lighthouse round {number}/{runs} ({len(urls)} pages) …")
                rounds.append(lighthouse.run(urls, ["performance"]))
        finally:
            server.close()
    # Insight title → page → its estimates over the runs (a page below 100 only).
    hints: defaultdict[str, dict[str, list[str]]] = defaultdict(dict)
    for index, (kind, lang, _) in enumerate(targets):
        reports = [r[index] for r in rounds]
        score = statistics.median(r.scores["performance"] or 0 for r in reports)
        metric = {
            key: statistics.median(r.metrics.get(key, 0.0) for r in reports)
            for key in lighthouse.METRICS
        }
        row(
            f"Lighthouse performance: {kind} ({lang}), median of {runs}",
            f"{score:.0f} (FCP {seconds(metric['first-contentful-paint'])}, "
            f"LCP {seconds(metric['largest-contentful-paint'])}, "
            f"TBT {metric['total-blocking-time']:.0f} ms, "
            f"CLS {metric['cumulative-layout-shift']:.3f}, "
            f"SI {seconds(metric['speed-index'])})",
            "100",
        )
        if score < 100:
            for report in reports:
                for title, estimate in report.hints:
                    hints[title].setdefault(f"{kind} ({lang})", []).append(estimate)
    if hints:
        print("\nWhat Lighthouse says holds back the pages below 100 (pages; estimates per run):")
        for title, pages in sorted(hints.items(), key=lambda item: -len(item[1])):
            example, estimates = next(iter(pages.items()))
            print(f"- {title}: {len(pages)} pages, e.g. {example}: {' / '.join(estimates)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
