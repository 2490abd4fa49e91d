"""Japanese text cut into words at build time: where a reader's query may start, and the
dictionary forms of the verbs and adjectives in it.

The analyser is Janome (pure Python, Apache 2.0), which ships the MeCab IPADIC dictionary as
package data: it installs from PyPI like any dependency and needs no download at run time.

A run of text (no spaces or punctuation in it) is cut into morphemes. Two things come out:

- word starts: the offsets where a word a reader may type can begin. Every morpheme starts one,
  except what nobody types first: symbols and suffixes (者 of 担当者); in hiragana alone,
  particles, auxiliaries and dependent words (が, ない, れる, こと), light verbs (し of 確認し,
  ある, なる) and short words that point, join or qualify (この, また, よく); digits inside a run
  (3 of 週3回). A Latin word starts one wherever the analyser puts it. Inside a compound the
  dictionary lists whole, a kanji after kana or kanji starts a word too (取 of 受け取る, 曜 of
  月曜日).
- dictionary forms: for a verb or adjective written inflected, its dictionary form (使わ → 使う,
  新しく → 新しい), also joined to the verbal noun or verb stem before it (確認し → 確認する,
  使い続け → 使い続ける), so that the forms a dictionary lists find the text.

Runs are analysed once per process (cached): the checklist page repeats every pattern's items,
and `serve` rebuilds after each edit.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when first needed: the English build never loads the dictionary
    from janome.tokenizer import Tokenizer

HIRAGANA = re.compile("^[\u3041-\u309f]+$")
# Parts of speech (IPADIC, with their first subdivision) nobody begins a query with:
_NEVER_FIRST = frozenset({"記号", "フィラー"})  # symbols and fillers; and suffixes (者, 率)
_FUNCTION_POS = frozenset({"助詞", "助動詞"})  # particles and auxiliaries (が, ない)
_DEPENDENT = frozenset({"非自立", "接尾"})  # dependent words (こと, れる)
# Short hiragana words that point, join or qualify (この, また, よく, それ, すべて).
_GRAMMAR_POS = frozenset({"連体詞", "接続詞", "副詞", "感動詞", "代名詞", "副詞可能"})
_GRAMMAR_LENGTH = 3
# Verbs (and ない) that carry grammar more than meaning when written in hiragana: する after
# 確認, ある, なる; a reader types the word before them.
_LIGHT = frozenset(
    {"する", "できる", "ある", "いる", "なる", "いう", "おる", "くる", "みる", "ない"}
)
_INFLECTING = frozenset({"動詞", "形容詞"})
# How many morphemes before an inflected verb a dictionary form may reach back (使い続ける,
# 見直しする): enough for compound verbs, few enough to keep the index small.
_REACH = 2


@dataclass(frozen=True)
class Morpheme:
    """A morpheme of a run: where it starts, its text, part of speech and dictionary form."""

    start: int
    surface: str
    pos: tuple[str, str]  # IPADIC's part of speech and its first subdivision: ("動詞", "自立")
    base: str  # dictionary form; the surface for words that do not inflect

    @property
    def inflected(self) -> bool:
        """A verb or adjective written in a form other than its dictionary form."""
        return self.pos[0] in _INFLECTING and self.base not in (self.surface, "*")


@functools.cache
def _tokenizer() -> Tokenizer:
    from janome.tokenizer import Tokenizer

    return Tokenizer()  # memory-maps the dictionary: quick, but only once


@functools.lru_cache(maxsize=1 << 16)
def analyse(run: str) -> tuple[Morpheme, ...]:
    """The morphemes of a run of text, in order, covering it exactly."""
    from janome.tokenizer import Token

    morphemes = []
    offset = 0
    for token in _tokenizer().tokenize(run):
        if not isinstance(token, Token):  # a plain string only with wakati=True
            raise TypeError(f"the analyser gave {token!r} for {run!r}")
        surface = str(token.surface)
        pos = str(token.part_of_speech).split(",")
        morphemes.append(Morpheme(offset, surface, (pos[0], pos[1]), str(token.base_form)))
        offset += len(surface)
    if offset != len(run):  # never seen; without it every offset below would be wrong
        raise ValueError(f"the analyser lost characters of {run!r}")
    return tuple(morphemes)


def _light(m: Morpheme) -> bool:
    """A light verb or ない, written in hiragana (し of 確認し, なる, ある)."""
    return m.pos[0] in _INFLECTING and m.base in _LIGHT and HIRAGANA.match(m.surface) is not None


def _typed_first(m: Morpheme, first: bool) -> bool:
    """Whether a reader may begin a query with this morpheme (`first` in its run)."""
    if m.pos[0] in _NEVER_FIRST or m.pos[1] == "接尾":
        return False
    if m.pos[1] == "数" and m.surface.isascii():
        return first  # 3 of 3か月 is typed only where the run begins
    if HIRAGANA.match(m.surface) is None:
        return True
    if m.pos[0] in _FUNCTION_POS or m.pos[1] in _DEPENDENT or _light(m):
        return False
    grammar = m.pos[0] in _GRAMMAR_POS or m.pos[1] in _GRAMMAR_POS
    return not (grammar and len(m.surface) <= _GRAMMAR_LENGTH)


def word_starts(run: str) -> list[int]:
    """Offsets in `run` where a word a reader may type begins, in order."""
    return [m.start for i, m in enumerate(analyse(run)) if _typed_first(m, i == 0)]


_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々"
# A kanji inside a word: after kana (取 of 受け取る) or another kanji (曜 of 月曜日).
_INNER_KANJI = re.compile(f"(?<=[\u3041-\u309f{_KANJI}])[{_KANJI}]")


def inner_starts(run: str) -> list[int]:
    """Offsets inside a word of three letters or more where another word may begin, at a kanji:
    取 of 受け取る and 手間取る, 曜 of 月曜日. The dictionary lists such compounds whole; a reader
    may still type 取られる or 曜日."""
    return [
        m.start + match.start()
        for m in analyse(run)
        if m.pos[0] in ("名詞", "動詞", "形容詞") and len(m.surface) >= 3
        for match in _INNER_KANJI.finditer(m.surface)
    ]


def _joins_next(m: Morpheme) -> bool:
    """Whether `m` can be the first part of a compound verb: a verbal noun or a verb stem."""
    return m.pos == ("名詞", "サ変接続") or m.pos[0] in ("接頭詞", "動詞")


def dictionary_forms(run: str) -> list[str]:
    """Dictionary forms of the inflected verbs and adjectives in `run`, alone and with the
    verbal noun or verb stems written before them, in order."""
    morphemes = analyse(run)
    forms: dict[str, None] = {}
    for i, m in enumerate(morphemes):
        if not m.inflected:
            continue
        # れる and やすい alone are nothing a reader types, nor する after 確認
        if m.pos[1] not in _DEPENDENT and not _light(m):
            forms.setdefault(m.base)
        first = i
        while first > 0 and i - first < _REACH and _joins_next(morphemes[first - 1]):
            first -= 1
            forms.setdefault(run[morphemes[first].start : m.start] + m.base)
    return list(forms)
