"""The mkdocs-macros entry point (mkdocs.yml, `module_name`): the macros hand-written pages call.

Hand-written pages (docs/<lang>/*.md) call the macros defined here; pattern pages are generated
by the hooks in `macros/engine/hooks.py`. Both render templates from overrides/crm/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.content import cycle, dataset, pages
from macros.content.render import render


def define_env(env: Any) -> None:
    """Register the macros hand-written pages use (mkdocs-macros entry point)."""
    config = env.conf
    docs = Path(config["docs_dir"])
    templates = Path(config["theme"].custom_dir) / "crm"
    lang = docs.name

    def context() -> dict[str, Any]:
        view = pages.view(dataset.load(docs.parent / "data"), lang)
        return {"page_src": env.page.file.src_uri, **view}

    def pattern_cards() -> str:
        """Grid cards linking to every pattern page."""
        return render(templates, "cards.md", **context())

    def checklist() -> str:
        """Every checklist item, grouped by pattern, as a plain HTML form."""
        ctx = context()
        geo = cycle.layout(ctx["cycle"], ctx["patterns"])
        groups = ctx["patterns"]
        return render(templates, "checklist.html", groups=groups, headings=True, geo=geo, **ctx)

    def cycle_diagram() -> str:
        """The dream-cycle diagram (inline SVG) with its legend."""
        ctx = context()
        geo = cycle.layout(ctx["cycle"], ctx["patterns"])
        return render(templates, "cycle.html", geo=geo, **ctx)

    def cycle_steps() -> str:
        """The steps of the dream cycle as a table, with PDCA phase and patterns."""
        return render(templates, "cycle_steps.md", **context())

    for macro in (pattern_cards, checklist, cycle_diagram, cycle_steps):
        env.macro(macro)
