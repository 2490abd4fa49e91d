"""Render the sharing card (og:image, 1200×630 PNG) from tools/social-card.html with Chromium.

`python -m tools.social_card` rewrites overrides/assets/images/social-card.png. The PNG carries a
hash of the HTML it was rendered from (a tEXt chunk), so a test can tell, without rendering
again (fonts differ between machines), that the committed image is stale after a change of the
template or of the site's name in docs/data/ui.yml.
"""

from __future__ import annotations

import hashlib
import html
import struct
import sys
import zlib
from pathlib import Path
from string import Template

from macros.content import dataset

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).with_name("social-card.html")
OUTPUT = ROOT / "overrides" / "assets" / "images" / "social-card.png"
SIZE = (1200, 630)
SOURCE_KEY = b"crm-source-sha256"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def card_html(data_dir: Path = dataset.DATA_DIR) -> str:
    """The card's HTML with the site's name and sections in both languages."""
    ui = dataset.load(data_dir).ui.root

    def text(key: str, lang: str) -> str:
        # Spaces kept as written (tidy() would join Japanese words): they are the break points.
        return html.escape(" ".join(ui[key][lang].split()))

    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        title_ja=text("site_name", "ja"),
        title_en=text("site_name", "en"),
        tag_ja=f"{text('nav_patterns', 'ja')}・{text('nav_checklist', 'ja')}",
        tag_en=f"{text('nav_patterns', 'en')} · {text('nav_checklist', 'en')}",
    )


def source_hash(page: str) -> str:
    return hashlib.sha256(page.encode("utf-8")).hexdigest()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_text_chunk(png: bytes, key: bytes, value: str) -> bytes:
    """The PNG with a tEXt chunk inserted right after IHDR (signature 8 + IHDR 25 bytes)."""
    head = 8 + 25
    return png[:head] + _chunk(b"tEXt", key + b"\0" + value.encode("latin-1")) + png[head:]


def png_info(png: bytes) -> tuple[tuple[int, int], dict[bytes, str]]:
    """(width, height) and the tEXt entries of a PNG."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", png[16:24])
    texts: dict[bytes, str] = {}
    offset = 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        if kind == b"tEXt":
            key, _, value = png[offset + 8 : offset + 8 + length].partition(b"\0")
            texts[key] = value.decode("latin-1")
        offset += 12 + length
    return (width, height), texts


def render(page: str) -> bytes:
    """Screenshot of the page at the card's size, with Debian's Chromium."""
    from playwright.sync_api import sync_playwright  # only needed to render, not to check

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page_ = browser.new_page(viewport={"width": SIZE[0], "height": SIZE[1]})
        page_.set_content(page, wait_until="load")
        page_.evaluate("document.fonts.ready")
        png = page_.screenshot(type="png")
        browser.close()
    return png


def main() -> int:
    page = card_html()
    png = with_text_chunk(render(page), SOURCE_KEY, source_hash(page))
    OUTPUT.write_bytes(png)
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(png) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
