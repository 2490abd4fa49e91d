"""Sitemaps beyond each language's own (which overrides/sitemap.xml renders): a sitemap per
sub-folder, and the site root's sitemap index and robots.txt.

Why sub-folder sitemaps: Material fetches `sitemap.xml` next to every `<link rel=alternate>` of a
page. Our alternates are per page (absolute hreflang links), so a page in `ja/patterns/` makes it
fetch `ja/patterns/sitemap.xml` and `en/patterns/sitemap.xml`, and the x-default link the root's
`sitemap.xml`. Each missing file is a 404 in the browser console (Lighthouse best practices).
A sitemap may list URLs under its own folder only, so each folder gets the subset of its
language's sitemap that lives there: valid files, not copies.

Use: `write_folder_sitemaps(Path(config.site_dir), config.site_url)` after each language build
(hook `on_post_build`), and `write_index(site_dir, root, LANGUAGES)` once both are built.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NOT_PUBLISHABLE = (
    "NOTE - SITE_URL is not set: this build has no canonical links, hreflang alternates, og:image "
    "or sitemaps. To publish, build with SITE_URL=https://<host>/<path>/ (the published address)."
)
ET.register_namespace("", SITEMAP_NS)
ET.register_namespace("xhtml", XHTML_NS)


def _tag(name: str) -> str:
    return f"{{{SITEMAP_NS}}}{name}"


def _write(tree: ET.Element, path: Path) -> None:
    ET.indent(tree, space="  ")
    body = ET.tostring(tree, encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n', encoding="utf-8")


def write_folder_sitemaps(language_dir: Path, language_url: str) -> list[Path]:
    """Write `<folder>/sitemap.xml` for every sub-folder of the language that holds pages.

    `language_url` is the language's site_url (e.g. `https://example.org/ja/`); the language's
    own `sitemap.xml` must exist. Returns the files written.
    """
    urlset = ET.parse(language_dir / "sitemap.xml").getroot()
    folders: dict[str, list[ET.Element]] = {}
    for url in urlset.iter(_tag("url")):
        loc = url.findtext(_tag("loc"), default="")
        if not loc.startswith(language_url):
            continue
        folder = str(PurePosixPath(loc[len(language_url) :]).parent)
        if folder != ".":
            folders.setdefault(folder, []).append(url)
    written = []
    for folder, urls in sorted(folders.items()):
        subset = ET.Element(_tag("urlset"))
        subset.extend(urls)
        path = language_dir / folder / "sitemap.xml"
        _write(subset, path)
        written.append(path)
    return written


def write_index(site_dir: Path, root: str, languages: Sequence[str]) -> None:
    """Write the root `sitemap.xml` (an index of the language sitemaps) and `robots.txt`.

    `root` is the site's published address, ending in a slash (SITE_URL). A sitemap lists
    absolute addresses only: without one (a build without SITE_URL, `root` is then `/`) neither
    file is written, and the build says once, at its end, that SITE_URL is needed to publish.
    """
    if not root.startswith(("http://", "https://")):
        print(NOT_PUBLISHABLE, file=sys.stderr, flush=True)
        return
    index = ET.Element(_tag("sitemapindex"))
    for lang in languages:
        entry = ET.SubElement(index, _tag("sitemap"))
        ET.SubElement(entry, _tag("loc")).text = f"{root}{lang}/sitemap.xml"
    _write(index, site_dir / "sitemap.xml")
    # Crawlers read robots.txt at the host's root only; it is harmless under a sub-path.
    (site_dir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {root}sitemap.xml\n", encoding="utf-8"
    )
