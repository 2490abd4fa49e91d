"""Where the site is published: $SITE_URL (`make serve` sets it to the address it serves at).

Without it the build makes no absolute address up: canonical links, hreflang alternates,
og:image and sitemap entries need the published one, so they are left out, and pages link
relatively as ever (they work from any host and from disk). The build says at its end that
SITE_URL is needed for publishing (macros/postbuild/sitemap.py, write_index).

`settings` derives a language's configuration from the content alone; the MkDocs hook
(macros/engine/hooks.py) only copies it into MkDocs' config. Another engine would do the same
with its own config (ARCHITECTURE.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from macros.content import pages
from macros.content.dataset import Content
from macros.content.schema import LANGUAGES


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


@dataclass(frozen=True)
class Settings:
    """One language's build configuration, as plain values."""

    site_url: str | None  # the language's published address (root, then `ja/`), if known
    site_name: str
    site_description: str
    nav: list[Any]  # in MkDocs' `nav:` form, titles translated and escaped
    ui: dict[str, str]  # the interface strings: Material's palette toggle names are keys here
    crm: dict[str, Any]  # extra.crm: what our templates read
    alternate: list[dict[str, str]]  # extra.alternate: makes Material's header show the selector


def settings(content: Content, lang: str, site_url: str | None = None) -> Settings:
    """The configuration of the `lang` build of the site published at `site_url` (site_root)."""
    view = pages.view(content, lang)
    ui = view["ui"]
    root = site_root(site_url)
    published = published_root(site_url)
    names = content.ui.root["language_name"]
    languages = [{"code": code, "name": names[code]} for code in LANGUAGES]
    not_found = {k: ui[k] for k in ("not_found_title", "not_found_text", "nav_home_link")}
    return Settings(
        # No made-up address without SITE_URL: no canonical_url, so no absolute links.
        site_url=f"{published}{lang}/" if published else None,
        site_name=ui["site_name"],
        site_description=ui["site_description"],
        nav=pages.nav(view),
        ui=ui,
        crm={"lang": lang, "root": root, "languages": languages, "ui": not_found},
        alternate=languages,
    )
