"""Japanese search that finds any word a reader types: substring keys added to the search index.

Material's search runs Lunr in the browser. A query term matches an indexed token it is a prefix
of (Material appends `*` to every term), and the terms of a query are OR'ed. With `lang: ja` the
index is cut into words by TinySegmenter, which misses words inside longer compounds and
conjugated verbs, and Material splits a kanji query at the kanji-only words of the index it starts
with, so 訪問件数 also returns every page with 訪問 (measured: benchmarks/RESULTS.md).

So for Japanese the index gets, per section, one extra token for every position in the text: the
rest of the text up to the next separator (a suffix). Any word that occurs in the text is then a
prefix of one of these tokens, so a query finds exactly the sections that contain it, whatever
the word boundaries. The keys live in fields of their own (`title_keys`, `text_keys`) that the
results list never shows.

The title and text that the results list shows stay indexed too, because Material highlights a
match and shows only the matching paragraphs when a query matches them. Material highlights
whole tokens, so they are cut into short runs by invisible word breaks (U+200B, as Material does
for Chinese) where the script changes: 推進力です, 翌週の, ダイヤルを.

The browser side must agree with these tokens, so its settings are made here, not in YAML:
- no segmenter and no stemmer (`lang: en`, empty pipeline), or the keys would be cut again;
- a separator of spaces, punctuation and U+200B: a query is cut where the keys are cut;
- no token is kanji only. Material's worker splits a kanji query at the longest kanji-only tokens
  of the index it starts with ("Chinese segmentation"), which would turn 営業担当者 into
  営業 OR 担当. Keys end with SENTINEL; a shown token ending in kanji gets an invisible U+2060.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

# Languages written without spaces between words: their index gets substring keys.
SUBSTRING_LANGUAGES = frozenset({"ja"})

WORD_BREAK = "\u200b"  # zero-width space: a separator, invisible in the results list
JOINER = "\u2060"  # word joiner: invisible, not a separator, not kanji
SENTINEL = "$"  # ends every key: not a separator, not kanji, not typed after a word

# Spaces and punctuation, ASCII and full-width, and WORD_BREAK (a JavaScript RegExp too).
_SEPARATOR_CHARS = (
    r"\s\u200b\-\u3000、。，．・「」『』（）()［］\[\]【】〈〉《》：:；;！!？?…‥,.\"'“”‘’/／"
)
SEPARATOR = f"[{_SEPARATOR_CHARS}]+"

# Boosts as Material gives title and text: a match in the title ranks first.
FIELDS = {
    "title": {"boost": 1000.0},
    "text": {"boost": 1.0},
    "tags": {"boost": 1000000.0},
    "title_keys": {"boost": 1000.0},
    "text_keys": {"boost": 1.0},
}

# The Han script, as in Material's query segmentation (\p{sc=Han}).
KANJI = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SCRIPTS = {
    "kanji": KANJI,
    "hiragana": "\u3041-\u309f",
    "katakana": "\u30a0-\u30ff\uff66-\uff9f",
    "latin": "A-Za-z0-9",
}
# Kana after kanji or katakana is part of the same run (okurigana, particles): 確かめる, データを.
_NO_BREAK = frozenset({("kanji", "hiragana"), ("katakana", "hiragana")})


def _breaks_after(script: str) -> str:
    """The letters a word break goes in front of, after a letter of `script`."""
    return "".join(
        chars
        for other, chars in _SCRIPTS.items()
        if other != script and (script, other) not in _NO_BREAK
    )


# A letter followed by a letter of another script, but not inside _NO_BREAK pairs. HTML
# entities (&amp;) hold no letters of two scripts side by side, so no break lands inside one.
_SCRIPT_CHANGE = re.compile(
    "|".join(f"[{chars}](?=[{_breaks_after(name)}])" for name, chars in _SCRIPTS.items())
)
_KANJI_TOKEN = re.compile(f"(?<![^{_SEPARATOR_CHARS}])[{KANJI}]+(?![^{_SEPARATOR_CHARS}])")

_TAG = re.compile(r"(<[^>]*>)")
_INLINE = frozenset({"code", "sub", "sup", "a", "em", "strong", "span", "mark", "abbr"})
_SEPARATOR = re.compile(SEPARATOR)
_ALNUM = re.compile(r"[a-z0-9]")


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment from the index: block tags end a line, inline tags vanish."""

    def replace(match: re.Match[str]) -> str:
        name = re.match(r"</?([a-zA-Z0-9]+)", match.group(1))
        return "" if name and name.group(1).lower() in _INLINE else "\n"

    return html.unescape(_TAG.sub(replace, fragment))


def starts(run: str) -> list[int]:
    """Where a word may start in a run: anywhere, except inside a word of ASCII letters/digits.

    Nobody searches for "xcel"; skipping those starts keeps the index smaller.
    """
    return [
        i
        for i in range(len(run))
        if i == 0 or not (_ALNUM.match(run[i]) and _ALNUM.match(run[i - 1]))
    ]


def substring_keys(text: str) -> list[str]:
    """Every suffix of every run of `text` (lower-cased), each ending in SENTINEL, in order.

    A word occurs in `text` exactly when it is a prefix of one of the keys.
    """
    keys: dict[str, None] = {}
    for run in _SEPARATOR.split(text.lower()):
        for i in starts(run):
            keys[run[i:] + SENTINEL] = None
    return list(keys)


def break_words(text: str) -> str:
    """Plain text with WORD_BREAK where the script changes and JOINER after a kanji-only token."""
    return _KANJI_TOKEN.sub(rf"\g<0>{JOINER}", _SCRIPT_CHANGE.sub(rf"\g<0>{WORD_BREAK}", text))


def mark_words(fragment: str) -> str:
    """An HTML fragment with break_words applied to its text, tags left as they are."""
    return "".join(
        part if i % 2 else break_words(part) for i, part in enumerate(_TAG.split(fragment))
    )


def add_keys(index: dict[str, Any]) -> dict[str, Any]:
    """The index with substring keys in every document and the browser settings they need."""
    docs = []
    for doc in index["docs"]:
        title = " ".join(substring_keys(plain_text(doc["title"])))
        text = " ".join(substring_keys(plain_text(doc["text"])))
        docs.append(
            {
                **doc,
                "title": mark_words(doc["title"]),
                "text": mark_words(doc["text"]),
                "title_keys": title,
                "text_keys": text,
            }
        )
    config = {
        **index["config"],
        "lang": ["en"],  # Lunr without a language plugin: no TinySegmenter, no stemmer
        "pipeline": [],
        "separator": SEPARATOR,
        "fields": FIELDS,
    }
    return {**index, "config": config, "docs": docs}


def rewrite(path: Path) -> None:
    """Add substring keys to the search index file at `path` (written by Material's plugin)."""
    index = json.loads(path.read_text(encoding="utf-8"))
    data = json.dumps(add_keys(index), ensure_ascii=False, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
