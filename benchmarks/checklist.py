"""Benchmark of the interactive checklist: prints figures, asserts nothing.

    .venv/bin/python benchmarks/checklist.py

- time from a tick to the updated progress, verdicts, next steps and chart, on the real
  checklist page and on a synthetic page of 2,500 items (100 copies of the 25 real ones);
- bytes of the checklist's JavaScript and CSS, gzipped (-9), as served (minified, one file each).

Runs Debian's Chromium headless through Playwright, like the browser tests.
"""

from __future__ import annotations

import gzip
import re
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.commands.build import build_into  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

# As built into a language folder (bundled by macros/postbuild/bundle.py, minified by minify.py).
ASSETS = [
    "assets/javascripts/checklist.js",
    "assets/stylesheets/checklist.css",
]
TICKS = 30

# Time one tick: the change handler saves and renders synchronously; the second figure also
# waits for the next frame, so style and layout of the update are included.
MEASURE = """async (id) => {
  const box = document.getElementById('crm-' + id);
  const t0 = performance.now();
  box.click();
  const t1 = performance.now();
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  return [t1 - t0, performance.now() - t0];
}"""


def synthetic(page_html: str, copies: int) -> str:
    """The checklist page with its fieldsets repeated, every id made unique per copy."""
    start = page_html.index('<fieldset class="crm-checklist__group"')
    end = page_html.rindex("</fieldset>") + len("</fieldset>")
    groups = page_html[start:end]
    ids = re.findall(r'data-item="([^"]+)"', groups)
    patterns = re.findall(r'data-pattern="([^"]+)"', groups)
    copied = []
    for copy in range(copies):
        block = groups
        for item in sorted(ids, key=len, reverse=True):
            block = block.replace(f"{item}", f"{item}-c{copy}")
        for pattern in patterns:
            block = block.replace(f'data-pattern="{pattern}"', f'data-pattern="{pattern}-c{copy}"')
        copied.append(block)
    return page_html[:start] + "\n".join(copied) + page_html[end:]


def ticks(page: Page, ids: list[str]) -> tuple[float, float]:
    """Median (script, to next frame) time in ms over TICKS ticks of different items."""
    script, frame = [], []
    for index in range(TICKS):
        a, b = page.evaluate(MEASURE, ids[(index * 7) % len(ids)])
        script.append(a)
        frame.append(b)
    return statistics.median(script), statistics.median(frame)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_into(ROOT, site, quiet=True)
        real = (site / "ja" / "checklist.html").read_text(encoding="utf-8")
        big = synthetic(real, 100)
        (site / "ja" / "checklist-2500.html").write_text(big, encoding="utf-8")

        server = Server(site)
        url = f"{server.url}/ja"
        print(f"Tick → progress, verdicts, next steps and chart updated (median of {TICKS}):")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, html in (("checklist.html", real), ("checklist-2500.html", big)):
                page = browser.new_page()
                page.goto(f"{url}/{name}")
                page.wait_for_selector("[data-crm-ready]", state="attached")
                ids = re.findall(r'data-item="([^"]+)"', html)
                script, frame = ticks(page, ids)
                print(
                    f"  {len(ids):>5} items: {script:6.2f} ms in script, "
                    f"{frame:6.2f} ms to the next frame"
                )
                page.close()
            browser.close()
        server.close()
        sizes(site / "ja")


def sizes(language_dir: Path) -> None:
    """The checklist's JS and CSS as served, each gzipped (-9), and their total."""
    print("Checklist JS + CSS as served (minified), gzip -9:")
    total = 0
    raw = b""
    for asset in ASSETS:
        data = (language_dir / asset).read_bytes()
        raw += data
        size = len(gzip.compress(data, 9))
        total += size
        print(f"  {asset}: {len(data):,} bytes, {size:,} gzipped")
    joined = len(gzip.compress(raw, 9))
    print(f"  total: {total:,} bytes gzipped as served ({joined:,} as one file)")


if __name__ == "__main__":
    main()
