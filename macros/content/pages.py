"""Pages generated from the dataset: one per pattern, in dataset order, plus the nav."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markupsafe import escape

from macros.content import cycle, model
from macros.content.dataset import Content
from macros.content.render import inline, render

REPORT_SRC = "report.md"  # the report for the steering meeting, reached from the checklist


@functools.lru_cache(maxsize=4)
def view(content: Content, lang: str) -> model.View:
    """The page model for `lang`, computed once per dataset version (one Content per version)."""
    return model.site_view(content, lang)


# Up to this many patterns the navigation lists them all, in dataset order. Beyond, every page
# would carry every pattern's link (at 500 patterns, 161 of a pattern page's 229 KB), so they are
# grouped by the dream-cycle step they break, a large group in runs of this many (titled by
# their first and last numbers), and Material's `navigation.prune` writes only the open group's
# links: the other groups are one link each, to their first pattern.
FLAT_NAV_MAX = 12


def nav(view: model.View) -> list[Any]:
    """Navigation with translated titles, patterns in dataset order (grouped by cycle step when
    there are more than FLAT_NAV_MAX).

    Titles are HTML-escaped here: Material writes nav titles into the page unescaped.
    """
    ui = {key: str(escape(text)) for key, text in view["ui"].items()}

    def links(patterns: list[dict[str, Any]]) -> list[Any]:
        return [{str(escape(f"{p['number']}. {p['short_title']}")): p["src"]} for p in patterns]

    def runs(patterns: list[dict[str, Any]]) -> list[Any]:
        if len(patterns) <= FLAT_NAV_MAX:
            return links(patterns)
        parts = [patterns[i : i + FLAT_NAV_MAX] for i in range(0, len(patterns), FLAT_NAV_MAX)]
        return [{f"{part[0]['number']}–{part[-1]['number']}": links(part)} for part in parts]

    patterns = links(view["patterns"])
    if len(patterns) > FLAT_NAV_MAX:
        patterns = [
            {str(escape(step["label"])): runs(step["patterns"])}
            for step in view["cycle"]
            if step["patterns"]
        ]
    return [
        {ui["nav_home"]: "index.md"},
        {ui["nav_patterns"]: patterns},
        {ui["nav_cycle"]: "cycle.md"},
        {ui["nav_checklist"]: "checklist.md"},
        {ui["nav_sources"]: "sources.md"},
    ]


def plain(text: str) -> str:
    """Dataset text as the page shows it, without markup (what the checklist reads as text)."""
    return inline(text).striptags()


def catalogue(view: model.View) -> dict[str, Any]:
    """The steps, patterns and statements the report script needs, as plain text (for JSON)."""
    return {
        "steps": [{"id": step["id"], "label": step["label"]} for step in view["cycle"]],
        "patterns": [
            {
                "id": p["id"],
                "title": f"{p['number']}. {plain(p['short_title'])}",
                "step": p["cycle_step"],
                "items": [
                    {
                        "id": item["id"],
                        "text": plain(item["text"]),
                        "measure": plain(item["measure"]["title"]),
                    }
                    for item in p["checklist"]
                ],
            }
            for p in view["patterns"]
        ],
    }


def generated(view: model.View, templates: Path) -> Iterator[tuple[str, str]]:
    """(source path, Markdown) of every generated page: the patterns, then the report."""
    for pattern in view["patterns"]:
        yield pattern["src"], render(templates, "pattern.md", pattern=pattern, **pattern, **view)
    geo = cycle.layout(view["cycle"], view["patterns"])
    report = render(
        templates, "report.md", page_src=REPORT_SRC, geo=geo, catalogue=catalogue(view), **view
    )
    yield REPORT_SRC, report
