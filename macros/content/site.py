"""Where the site is published."""

from __future__ import annotations

import os

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # `make serve` serves here


def site_root(url: str | None = None) -> str:
    """The published address of the site root, ending in a slash: `url` (a config's site_url),
    else $SITE_URL, else the address `make serve` serves at."""
    root = url or os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return root if root.endswith("/") else root + "/"
