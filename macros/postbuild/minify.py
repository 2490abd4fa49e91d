"""Minify the project's own page scripts and styles in the built site.

The sources in overrides/assets stay readable (and Node's tests import them); readers download
the minified copies. rjsmin and rcssmin only drop comments and white space, so behaviour is kept.
Material's assets are minified already; vendored files are left exactly as shipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify(site_dir: Path, paths: Iterable[str]) -> list[Path]:
    """Minify each of `paths` (relative to `site_dir`) that is ours; return the files changed."""
    changed = []
    for relative in paths:
        path = site_dir / relative
        minifier = MINIFIERS.get(path.suffix)
        if minifier is None or "/vendor/" in f"/{relative}" or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(minifier(text), encoding="utf-8")
        changed.append(path)
    return changed
