"""The page model: the dataset seen in one language, with what pages need derived once.

Templates read this view only, so they never choose a language or resolve a reference themselves.
"""

from __future__ import annotations

import re
from typing import Any

from macros.content.dataset import Content
from macros.content.schema import LANGUAGES

View = dict[str, Any]

_CJK = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def tidy(text: str) -> str:
    """One line of text: YAML line breaks become spaces, except between Japanese characters."""
    return " ".join(_CJK_BREAK.sub("", text).split())


def localize(value: Any, lang: str) -> Any:
    """Replace every {ja: …, en: …} mapping by its text in `lang`, recursively."""
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES):
            return tidy(value[lang])
        return {key: localize(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [localize(item, lang) for item in value]
    return value


def pattern_src(pattern_id: str) -> str:
    """Source path of a pattern's generated page (the same in every language)."""
    return f"patterns/{pattern_id}.md"


def site_view(content: Content, lang: str) -> View:
    """Everything templates need for one language."""
    data = localize(content.dataset.model_dump(), lang)
    steps = {step["id"]: step for step in data["cycle"]}
    phases = {phase["id"]: phase for phase in data["pdca"]}
    patterns = data["patterns"]
    by_id = {p["id"]: p for p in patterns}
    for index, pattern in enumerate(patterns):
        pattern["number"] = index + 1
        pattern["src"] = pattern_src(pattern["id"])
        pattern["step"] = steps[pattern["cycle_step"]]
        pattern["previous"] = patterns[index - 1] if index > 0 else None
        pattern["next"] = patterns[index + 1] if index + 1 < len(patterns) else None
        measures = {m["id"]: m for m in pattern["countermeasures"]}
        for item in pattern["checklist"]:
            item["measure"] = measures[item["countermeasure"]]
            item["pattern"] = pattern["id"]
    for pattern in patterns:
        pattern["related_patterns"] = [by_id[ref] for ref in pattern["related"]]
    for step in data["cycle"]:
        step["phase"] = phases[step["pdca"]]
        step["patterns"] = [p for p in patterns if p["cycle_step"] == step["id"]]
    for phase in data["pdca"]:
        phase["steps"] = [s for s in data["cycle"] if s["pdca"] == phase["id"]]
    return {
        "lang": lang,
        "ui": localize(content.ui.model_dump(), lang),
        "patterns": patterns,
        "cycle": data["cycle"],
        "pdca": data["pdca"],
    }
