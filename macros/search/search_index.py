"""Japanese search that finds the words a reader types, and their dictionary forms.

Material's search runs Lunr in the browser: a query term matches an indexed token it is a
prefix of (Material appends `*` to every term), and the terms of a query are OR'ed. The query is
cut only at the separator (below); with `lang: ja` the index is cut by TinySegmenter, which
misses words inside compounds and conjugated verbs, and Material splits a kanji query at the
kanji-only tokens of the index it starts with, so 訪問件数 also returns every page with 訪問
(measured: benchmarks/RESULTS.md).

So the Japanese index gets keys of its own, made at build time with a morphological analyser
(macros/search/japanese.py: Janome with IPADIC),
in fields the results list never shows (`title_keys`,
`text_keys`). Per section, for every run of text between separators:

- a surface key at every word start: the rest of the run from there (災害用伝言ダイヤルは,
  伝言ダイヤルは, ダイヤルは), and inside a compound where a kanji follows kana (取られる in
  受け取られる). A word of the text is a prefix of the key that starts where the word starts, so
  the query finds exactly the sections holding it, however the words are compounded or
  conjugated. Starts inside a word, and before particles and auxiliaries (が, ない, れる), get
  no key: nobody types a query from there, and those keys were most of the old index, which had
  one at every character;
- a key for the dictionary form of every inflected verb and adjective (使わ → 使う, 新しく →
  新しい, 確認し → 確認する). A reader typing 使う finds the page saying 使われない.

A key that is a prefix of another key of the same field is left out: whatever matches it
matches the longer key.

The title and text that the results list shows stay indexed too, because Material highlights a
match, and shows only the matching paragraphs, only when a query matches them. Material
highlights whole tokens, so they are cut by invisible word breaks (U+200B, as Material does for
Chinese) where a word starts in another script than the letter before it: 推進力です, 翌週の,
ダイヤルを, but 振り返る whole.

The browser side stays Material's worker; its settings, made here, agree with these tokens:
- no segmenter and no stemmer (`lang: en`, empty pipeline), or the keys would be cut again;
- a separator of spaces, punctuation and U+200B: a query is cut where the text is cut;
- no token is kanji only. Material's worker splits a kanji query at the longest kanji-only tokens
  of the index it starts with ("Chinese segmentation"), which would turn 営業担当者 into
  営業 OR 担当. A kanji-only key ends with SENTINEL; a shown token ending in kanji gets an
  invisible U+2060.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from macros.search import japanese

# Languages written without spaces between words: their index gets word keys.
KEYED_LANGUAGES = frozenset({"ja"})

WORD_BREAK = "\u200b"  # zero-width space: a separator, invisible in the results list
JOINER = "\u2060"  # word joiner: invisible, not a separator, not kanji
SENTINEL = "$"  # ends a kanji-only key: not a separator, not kanji, not typed after a word

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
# Kana after kanji or katakana is part of the same run (okurigana, particles): 確かめる, データを;
# so is a word after a Latin one, read as one by a reader who types it (CRM導入, PDCAサイクル).
_NO_BREAK = frozenset(
    {("kanji", "hiragana"), ("katakana", "hiragana"), ("latin", "kanji"), ("latin", "katakana")}
)


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
_SEPARATOR_SPLIT = re.compile(f"({SEPARATOR})")
_ALNUM = re.compile(r"[a-z0-9]")
_KANJI_ONLY = re.compile(f"^[{KANJI}]+$")


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment from the index: block tags end a line, inline tags vanish."""

    def replace(match: re.Match[str]) -> str:
        name = re.match(r"</?([a-zA-Z0-9]+)", match.group(1))
        return "" if name and name.group(1).lower() in _INLINE else "\n"

    return html.unescape(_TAG.sub(replace, fragment))


def outside_latin_words(run: str) -> list[int]:
    """Offsets of `run` that are not inside a word of ASCII letters and digits.

    Nobody searches for "xcel": a Latin word is typed from its start.
    """
    return [
        i
        for i in range(len(run))
        if i == 0 or not (_ALNUM.match(run[i].lower()) and _ALNUM.match(run[i - 1].lower()))
    ]


def run_keys(run: str) -> list[str]:
    """The keys of a run of text (no separator in it), lower-cased: the rest of the run from
    every word start, then the dictionary forms of its inflected words."""
    allowed = outside_latin_words(run)
    if run.isascii():  # Latin text: every word start, no analyser needed
        starts = allowed
    else:
        words = {*japanese.word_starts(run), *japanese.inner_starts(run)}
        starts = sorted(words.intersection(allowed))
    keys = [run[i:] for i in starts] + japanese.dictionary_forms(run)
    return [key.lower() for key in keys]


def shown_tokens(fragment: str) -> list[str]:
    """The tokens Material's worker indexes for a shown field (tags cut text, as in its
    tokenizer), lower-cased."""
    return [token.lower() for token in _SEPARATOR.split(_TAG.sub(" ", fragment)) if token]


def word_keys(text: str, shown: Iterable[str] = ()) -> list[str]:
    """The keys of a text, in order of appearance, without those a query can do without: a
    key that starts another key or a `shown` token (indexed as well) adds no match.

    A word of the text that begins where a reader may start typing is a prefix of a key or of
    a shown token.
    """
    keys = dict.fromkeys(key for run in _SEPARATOR.split(text) if run for key in run_keys(run))
    ordered = sorted({*keys, *shown})  # a string's extensions sort right after it
    covered = {key for key, after in itertools.pairwise(ordered) if after.startswith(key)}
    covered.update(shown)
    return [key + SENTINEL if _KANJI_ONLY.match(key) else key for key in keys if key not in covered]


def _break_run(run: str) -> str:
    """A run with WORD_BREAK where a word starts in another script than the letter before it:
    not inside one word (振り返る stays whole), nor before a particle (CRMを)."""
    changes = {match.end() for match in _SCRIPT_CHANGE.finditer(run)}
    if not changes:
        return run
    breaks = sorted(changes.intersection(japanese.word_starts(run)))
    pieces = [run[i:j] for i, j in itertools.pairwise([0, *breaks, len(run)])]
    return WORD_BREAK.join(pieces)


def break_words(text: str) -> str:
    """Plain text with WORD_BREAK between words of different scripts (see _break_run) and
    JOINER after a kanji-only token."""
    runs = _SEPARATOR_SPLIT.split(text)  # separators kept at odd positions
    broken = "".join(part if i % 2 else _break_run(part) for i, part in enumerate(runs))
    return _KANJI_TOKEN.sub(rf"\g<0>{JOINER}", broken)


def mark_words(fragment: str) -> str:
    """An HTML fragment with break_words applied to its text, tags left as they are."""
    return "".join(
        part if i % 2 else break_words(part) for i, part in enumerate(_TAG.split(fragment))
    )


def add_keys(index: dict[str, Any]) -> dict[str, Any]:
    """The index with word keys in every document and the browser settings they need."""
    docs = []
    for doc in index["docs"]:
        shown = {name: mark_words(doc[name]) for name in ("title", "text")}
        keys = {
            f"{name}_keys": " ".join(word_keys(plain_text(doc[name]), shown_tokens(value)))
            for name, value in shown.items()
        }
        docs.append({**doc, **shown, **keys})
    config = {
        **index["config"],
        "lang": ["en"],  # Lunr without a language plugin: no TinySegmenter, no stemmer
        "pipeline": [],
        "separator": SEPARATOR,
        "fields": FIELDS,
    }
    return {**index, "config": config, "docs": docs}


def rewrite(path: Path) -> None:
    """Add word keys to the search index file at `path` (written by Material's plugin)."""
    index = json.loads(path.read_text(encoding="utf-8"))
    data = json.dumps(add_keys(index), ensure_ascii=False, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
