"""Where the site is published, and what each language's build is configured with.

`settings` derives a language's configuration from the content alone; the MkDocs hook
(macros/engine/hooks.py) only copies it into MkDocs' config. Another engine would do the same
with its own config (see BUILD-NOTES.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from macros.content import pages
from macros.content.dataset import Content
from macros.content.schema import LANGUAGES

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # `make serve` serves here


def site_root(url: str | None = None) -> str:
    """The published address of the site root, ending in a slash: `url` (a config's site_url),
    else $SITE_URL, else the address `make serve` serves at."""
    root = url or os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return root if root.endswith("/") else root + "/"


@dataclass(frozen=True)
class Settings:
    """One language's build configuration, as plain values."""

    site_url: str  # the language's address: the root's, then `ja/` or `en/`
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
    names = content.ui.root["language_name"]
    languages = [{"code": code, "name": names[code]} for code in LANGUAGES]
    not_found = {k: ui[k] for k in ("not_found_title", "not_found_text", "nav_home_link")}
    return Settings(
        site_url=f"{root}{lang}/",
        site_name=ui["site_name"],
        site_description=ui["site_description"],
        nav=pages.nav(view),
        ui=ui,
        crm={"lang": lang, "root": root, "languages": languages, "ui": not_found},
        alternate=languages,
    )
