"""The names the Python build, the checklist's script and the tests share (storage keys, the
share link's fragment, component attributes, the risk flag's geometry), read from the one file
that holds them: overrides/assets/javascripts/checklist/contract.json (the script imports it)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

RELATIVE = Path("overrides") / "assets" / "javascripts" / "checklist" / "contract.json"


def path() -> Path:
    """contract.json, found from this file upwards (so the module may move within macros/)."""
    for folder in Path(__file__).resolve().parents:
        if (folder / RELATIVE).is_file():
            return folder / RELATIVE
    raise FileNotFoundError(f"{RELATIVE} not found above {__file__}")


@functools.cache
def load() -> dict[str, Any]:
    """The contract, parsed once per process."""
    data: dict[str, Any] = json.loads(path().read_text(encoding="utf-8"))
    return data
