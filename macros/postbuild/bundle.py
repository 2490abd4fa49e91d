"""Bundle the checklist's ES modules into the one script the site ships.

The sources are small modules with one job each under overrides/assets/javascripts/checklist/
(Node's tests import them directly); a page loads a single classic script,
assets/javascripts/checklist.js, which also runs from file:// where module scripts do not load.
esbuild (an npm dev dependency: `make site` installs it) follows the imports from main.mjs, so
the order of the modules is theirs to say; contract.json is inlined.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

SOURCE = Path("assets") / "javascripts" / "checklist"
ENTRY = SOURCE / "main.mjs"
TARGET = Path("assets") / "javascripts" / "checklist.js"
ESBUILD = Path("node_modules") / ".bin" / "esbuild"
# Safari on iPhones is a main reader: ES2019 syntax parses in every Safari since 12.1 (the DOM
# calls the checklist makes, such as replaceChildren, need Safari 14 anyway); esbuild lowers
# anything newer that creeps in. One classic script (iife): it runs from file:// too.
OPTIONS = [
    "--bundle",
    "--format=iife",
    "--target=es2019",
    "--charset=utf8",
    "--legal-comments=none",
]


def esbuild(project: Path) -> Path:
    """The project's esbuild, or a PluginError that says how to install it. A scratch copy of
    the project (tests, benchmarks) has no node_modules of its own: the checkout's is used, found
    from the working folder or from this file."""
    here = Path(__file__).resolve().parents
    for folder in (project, *project.parents, Path.cwd(), *here):
        if (folder / ESBUILD).is_file():
            return folder / ESBUILD
    raise PluginError(f"{ESBUILD}: esbuild is missing; run `make site` (or `npm ci`) to install it")


def source(overrides: Path, *, minify: bool = False) -> str:
    """The bundle of the modules under `overrides` (the project is its parent folder)."""
    root = overrides.resolve().parent
    flags = [*OPTIONS, "--minify"] if minify else OPTIONS
    result = subprocess.run(
        [str(esbuild(root)), str(overrides / ENTRY), *flags, "--log-level=warning"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=root,
    )
    if result.returncode:
        raise PluginError(f"esbuild could not bundle {overrides / ENTRY}:\n{result.stderr}")
    return result.stdout


def write(overrides: Path, site_dir: Path) -> Path:
    """Write the bundle into the built site and drop the module sources the theme copied
    along (nothing loads them; the compile hint and the security policy come after this)."""
    target = site_dir / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source(overrides, minify=True), encoding="utf-8")
    shutil.rmtree(site_dir / SOURCE, ignore_errors=True)
    return target
