"""Where the audit tools live: npm packages pinned in package.json, Debian's Chromium, Java."""

from __future__ import annotations

import shutil
from pathlib import Path

# The same browser and flags as the Playwright fixtures: Debian's Chromium, no network of its own.
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "MissingTool", "npm_file", "program"]

NODE_MODULES = ROOT / "node_modules"


class MissingTool(RuntimeError):
    """A tool the gates need is not installed; the message says how to install it."""


def npm_file(package: str, *parts: str) -> Path:
    """A file of an npm devDependency, or MissingTool naming the install command."""
    path = NODE_MODULES.joinpath(package, *parts)
    if not path.exists():
        raise MissingTool(f"{path} is missing: run `npm ci` (package.json pins {package})")
    return path


def program(name: str) -> str:
    """Absolute path of a program on PATH, or MissingTool."""
    found = shutil.which(name)
    if found is None:
        raise MissingTool(f"`{name}` is not on PATH (make test installs it)")
    return found
