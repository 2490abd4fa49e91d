"""The reference the site is measured against: the same content as plain Material ships it.

A scratch copy of the project whose language configs take away everything of ours that changes
how a page loads or searches: our stylesheets and scripts (checklist included), our template
overrides (Material's own head and scripts), the offline plugin and its worker shim, and the
Japanese search rewrite (stock `lang: ja` search). Page generation stays (macros/engine/hooks.py via
benchmarks/reference_hooks.py), so both sites have the same pages, text and navigation.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python benchmarks/…`

from benchmarks.common import ROOT
from macros.commands.build import build_into
from macros.content.schema import LANGUAGES
from tests.conftest import copy_project

HOOKS = Path(__file__).resolve().with_name("reference_hooks.py")

# Lists replace the inherited ones; plugin and extra entries merge key by key.
CONFIG = """\
INHERIT: ../mkdocs.yml
docs_dir: {lang}
site_dir: ../site/{lang}
theme:
  language: {lang}
hooks:
  - {hooks}
extra_css: []
extra_javascript: []
plugins:
  search:
    lang: {lang}
  offline:
    enabled: false
extra:
  polyfills: []
  checklist_assets: []
"""


def build_reference(scratch: Path, target: Path) -> None:
    """Build the reference site of both languages into `target` ($SITE_URL as for the site)."""
    project = copy_project(scratch)
    overrides = project / "overrides"
    (overrides / "main.html").unlink()
    shutil.rmtree(overrides / "partials")
    for folder in ("javascripts", "stylesheets"):
        shutil.rmtree(overrides / "assets" / folder)
    for lang in LANGUAGES:
        text = CONFIG.format(lang=lang, hooks=HOOKS)
        (project / "docs" / f"{lang}.yml").write_text(text, encoding="utf-8")
    build_into(project, target, quiet=True)


if __name__ == "__main__":  # build into ./reference-site to look at it
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        build_reference(Path(tmp) / "project", ROOT / "reference-site")
    print(ROOT / "reference-site")
