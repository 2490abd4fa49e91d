"""Pages generated from the dataset: one per pattern, in dataset order, plus the nav."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markupsafe import escape

from macros import model
from macros.dataset import Content
from macros.render import render


@functools.lru_cache(maxsize=4)
def view(content: Content, lang: str) -> model.View:
    """The page model for `lang`, computed once per dataset version (one Content per version)."""
    return model.site_view(content, lang)


def nav(view: model.View) -> list[Any]:
    """Navigation with translated titles, patterns in dataset order.

    Titles are HTML-escaped here: Material writes nav titles into the page unescaped.
    """
    ui = {key: str(escape(text)) for key, text in view["ui"].items()}
    patterns = [
        {str(escape(f"{p['number']}. {p['short_title']}")): p["src"]} for p in view["patterns"]
    ]
    return [
        {ui["nav_home"]: "index.md"},
        {ui["nav_patterns"]: patterns},
        {ui["nav_cycle"]: "cycle.md"},
        {ui["nav_checklist"]: "checklist.md"},
        {ui["nav_sources"]: "sources.md"},
    ]


def generated(view: model.View, templates: Path) -> Iterator[tuple[str, str]]:
    """(source path, Markdown) of every generated page."""
    for pattern in view["patterns"]:
        yield pattern["src"], render(templates, "pattern.md", pattern=pattern, **pattern, **view)
