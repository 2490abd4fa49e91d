"""Synthetic datasets: the real patterns repeated until there are N, each copy with texts of its
own, as real content would have.

Copy k of a pattern gets ids and titles ending in -k / (k), and every text of it (both languages)
has its words replaced by words of the same kind drawn from the whole real dataset: kanji
compounds by kanji compounds, katakana words by katakana words, English words by English words.
Kana, particles, punctuation and Markdown stay, so the Japanese reads as Japanese to the
analyser and the pages keep their shape; but sentences are not repeated, so the build's caches
(Japanese analysis of each run of text, say) cost what they would on real content. The draw is
seeded by the copy's position: the same `count` always gives the same dataset.

Used by benchmarks/build.py and benchmarks/serve.py on a scratch copy of the project; nothing
here is committed data.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from macros.content.schema import LANGUAGES

# Words that are swapped; a link target `](…)` is left alone, as are shorter English words
# (a, the, of: the grammar), so that the English stays English too.
WORDS = re.compile(
    r"(?P<link>\]\([^)]*\))|(?P<kanji>[\u4e00-\u9fff々]+)|(?P<katakana>[\u30a1-\u30faー]{2,})"
    r"|(?P<latin>[A-Za-z]{4,})"
)


def _texts(node: Any) -> Iterator[dict[str, str]]:
    """Every {ja: …, en: …} mapping under `node`, in document order."""
    if isinstance(node, dict):
        if set(node) == set(LANGUAGES):
            yield node
            return
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def vocabulary(data: dict[str, Any]) -> dict[str, list[str]]:
    """The words of each kind in the dataset's texts, sorted (a stable order to draw from)."""
    found: dict[str, set[str]] = {"kanji": set(), "katakana": set(), "latin": set()}
    for text in _texts(data):
        for value in text.values():
            for match in WORDS.finditer(value):
                kind = match.lastgroup
                if kind and kind != "link":
                    found[kind].add(match[kind].lower() if kind == "latin" else match[kind])
    return {kind: sorted(words) for kind, words in found.items()}


def reword(text: str, words: dict[str, list[str]], rng: random.Random) -> str:
    """`text` with each word replaced by a word of its kind drawn with `rng`."""

    def swap(match: re.Match[str]) -> str:
        kind = match.lastgroup
        if kind is None or kind == "link":
            return match[0]
        word = rng.choice(words[kind])
        return word.capitalize() if match[0][0].isupper() else word

    return WORDS.sub(swap, text)


def scale(data: dict[str, Any], count: int) -> dict[str, Any]:
    """The dataset with `count` patterns: copy k of a pattern gets ids and titles ending in -k
    and texts of its own (see the module's doc)."""
    originals = data["patterns"]
    words = vocabulary(data)
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
            rng = random.Random(n)  # seeded: the same dataset every run
            for text in _texts(pattern):
                for lang in LANGUAGES:
                    text[lang] = reword(text[lang], words, rng)
            for key in ("title", "short_title"):
                for lang in pattern[key]:
                    pattern[key][lang] = f"{pattern[key][lang]} ({round_ + 1})"
        patterns.append(pattern)
    ids = {pattern["id"] for pattern in patterns}
    for pattern in patterns:  # a last, partial round: no copy of some related patterns
        pattern["related"] = [ref for ref in pattern["related"] if ref in ids]
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
