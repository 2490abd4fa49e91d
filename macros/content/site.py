"""Where the site is published: $SITE_URL (`make serve` sets it to the address it serves at).

Without it the build makes no absolute address up: canonical links, hreflang alternates,
og:image and sitemap entries need the published one, so they are left out, and pages link
relatively as ever (they work from any host and from disk). The build says at its end that
SITE_URL is needed for publishing (macros/postbuild/sitemap.py, write_index).
"""

from __future__ import annotations

import os


def published_root(url: str | None = None) -> str | None:
    """The published address of the site root, ending in a slash: `url` (a config's site_url),
    else $SITE_URL; None when neither is set."""
    root = url or os.environ.get("SITE_URL") or ""
    if not root:
        return None
    return root if root.endswith("/") else root + "/"


def site_root(url: str | None = None) -> str:
    """The site root for links that must work from any path (404 pages, which a host serves for
    every missing address): the published address, else `/` (as MkDocs does for its 404 page)."""
    return published_root(url) or "/"
