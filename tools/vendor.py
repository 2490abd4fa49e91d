"""Vendor the iframe-worker shim that lets Material's search run from file:// pages.

Material's offline plugin would load it from a CDN on every page; the site ships its own copy
instead (mkdocs.yml, extra.polyfills). The copy is the pinned npm package's file, byte for byte,
under a licence header. `python -m tools.vendor` rewrites it after `npm install` of a new version;
the offline gate fails while the copy and the pinned package differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "iframe-worker"
TARGET = ROOT / "overrides" / "assets" / "javascripts" / "vendor" / "iframe-worker"

HEADER = """\
/*! iframe-worker {version} (shim/index.js) | MIT License | {copyright}
 * {homepage} – full licence text in LICENSE next to this file.
 * Vendored from the npm package pinned in package.json by `python -m tools.vendor`; do not edit.
 */
"""


def expected() -> dict[Path, str]:
    """The vendored files as the pinned npm package says they should be."""
    if not PACKAGE.exists():
        raise SystemExit(f"{PACKAGE} is missing: run `npm ci` first")
    meta = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
    licence = (PACKAGE / "LICENSE").read_text(encoding="utf-8")
    copyright_line = next(line for line in licence.splitlines() if line.startswith("Copyright"))
    header = HEADER.format(
        version=meta["version"], copyright=copyright_line, homepage=meta["homepage"]
    )
    shim = (PACKAGE / "shim" / "index.js").read_text(encoding="utf-8")
    return {TARGET / "shim.js": header + shim, TARGET / "LICENSE": licence}


def stale() -> list[Path]:
    """Vendored files that differ from the pinned package (empty when up to date)."""
    return [
        path
        for path, text in expected().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main() -> int:
    for path, text in expected().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
