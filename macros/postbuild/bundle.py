"""Join the checklist's modules into the one script the site ships.

The sources are small files with one job each under overrides/assets/javascripts/checklist/
(Node's tests import them one by one); a page loads a single file, assets/javascripts/checklist.js.
No bundler is needed: each module is an IIFE that publishes `window.CrmChecklist<Name>`, so
joining them in dependency order is enough. The order is listed here, and only here.
"""

from __future__ import annotations

from pathlib import Path

SOURCE = Path("assets") / "javascripts" / "checklist"
TARGET = Path("assets") / "javascripts" / "checklist.js"

# Dependency order: pure logic first (Node-tested), then the page's modules, then the app.
MODULES = (
    "score.js",
    "plan.js",
    "rounds.js",
    "state.js",
    "share.js",
    "formats.js",
    "dom.js",
    "dialog.js",
    "store.js",
    "render.js",
    "plan-view.js",
    "rounds-view.js",
    "sharing.js",
    "report.js",
    "persist.js",
    "app.js",
)


def source(overrides: Path) -> str:
    """The modules under `overrides`, joined in order, each introduced by its file name."""
    parts = []
    for name in MODULES:
        text = (overrides / SOURCE / name).read_text(encoding="utf-8")
        parts.append(f"// ---- checklist/{name}\n{text.rstrip()}\n")
    return "\n".join(parts)


def write(overrides: Path, site_dir: Path) -> Path:
    """Write the joined script into the built site and drop the copies of the joined modules
    that the theme copied along (nothing loads them)."""
    target = site_dir / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source(overrides), encoding="utf-8")
    for name in MODULES:
        (site_dir / SOURCE / name).unlink(missing_ok=True)
    folder = site_dir / SOURCE
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return target
