"""Synthetic datasets: the real patterns repeated until there are N, with unique ids and titles.

Used by benchmarks/build.py and benchmarks/serve.py on a scratch copy of the project; nothing
here is committed data.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML


def scale(data: dict[str, Any], count: int) -> dict[str, Any]:
    """The dataset with `count` patterns: copy k of a pattern gets ids and titles ending in -k."""
    originals = data["patterns"]
    patterns = []
    for n in range(count):
        source = originals[n % len(originals)]
        round_ = n // len(originals)
        suffix = f"-{round_ + 1}" if round_ else ""
        pattern = copy.deepcopy(source)
        pattern["id"] = source["id"] + suffix
        pattern["related"] = [ref + suffix for ref in source.get("related", [])]
        for item in pattern["checklist"]:
            item["id"] += suffix
        if round_:
            for key in ("title", "short_title"):
                for lang in pattern[key]:
                    pattern[key][lang] = f"{pattern[key][lang]} ({round_ + 1})"
        patterns.append(pattern)
    return {**data, "patterns": patterns}


def write_scaled(project: Path, count: int) -> None:
    """Replace the project copy's patterns.yml with a dataset of `count` patterns."""
    path = project / "docs" / "data" / "patterns.yml"
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    data = yaml.load(path.read_text(encoding="utf-8"))
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(scale(data, count), out)
