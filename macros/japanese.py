"""Japanese text cut into words at build time: where a reader's query may start, and the
dictionary forms of the verbs and adjectives in it.

The analyser is Janome (pure Python, Apache 2.0), which ships the MeCab IPADIC dictionary as
package data: it installs from PyPI like any dependency and needs no download at run time.

A run of text (no spaces or punctuation in it) is cut into morphemes. Two things come out:

- word starts: the offsets where a word a reader may type can begin. Every morpheme starts one,
  except what nobody types first: particles, auxiliaries and dependent morphemes written in
  hiragana alone (が, ない, れる, こと), and する・できる after a verbal noun (確認する is typed
  from 確認). A Latin word starts one wherever the analyser puts it. Inside a compound the
  dictionary lists whole, a kanji after kana starts a word too (取 of 受け取る).
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

from janome.tokenizer import Token, Tokenizer

HIRAGANA = re.compile("^[\u3041-\u309f]+$")
# Parts of speech (IPADIC) nobody begins a query with, when written in hiragana alone.
_FUNCTION_POS = frozenset({"助詞", "助動詞", "記号", "フィラー"})
_DEPENDENT = frozenset({"非自立", "接尾"})
# Verbs that make a verb of the noun before them (確認する, 対応できる).
_LIGHT_VERBS = frozenset({"する", "できる"})
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
    def end(self) -> int:
        return self.start + len(self.surface)

    @property
    def inflected(self) -> bool:
        """A verb or adjective written in a form other than its dictionary form."""
        return self.pos[0] in _INFLECTING and self.base not in (self.surface, "*")


@functools.cache
def _tokenizer() -> Tokenizer:
    return Tokenizer()  # memory-maps the dictionary: quick, but only once


@functools.lru_cache(maxsize=1 << 16)
def analyse(run: str) -> tuple[Morpheme, ...]:
    """The morphemes of a run of text, in order, covering it exactly."""
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


def _light_verb_after_noun(morphemes: tuple[Morpheme, ...], i: int) -> bool:
    m = morphemes[i]
    return (
        i > 0
        and m.base in _LIGHT_VERBS
        and morphemes[i - 1].pos == ("名詞", "サ変接続")
        and HIRAGANA.match(m.surface) is not None
    )


def word_starts(run: str) -> list[int]:
    """Offsets in `run` where a word a reader may type begins, in order."""
    morphemes = analyse(run)
    starts = []
    for i, m in enumerate(morphemes):
        hiragana = HIRAGANA.match(m.surface) is not None
        if hiragana and (m.pos[0] in _FUNCTION_POS or m.pos[1] in _DEPENDENT):
            continue
        if _light_verb_after_noun(morphemes, i):
            continue
        starts.append(m.start)
    return starts


_KANA_THEN_KANJI = re.compile("(?<=[\u3041-\u309f])[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")


def inner_starts(run: str) -> list[int]:
    """Offsets inside a word where a second word begins after kana: 取 of 受け取る, 返 of
    振り返る. The dictionary lists such compounds whole; a reader may still type 取られる."""
    return [
        m.start + match.start()
        for m in analyse(run)
        if m.pos[0] in ("名詞", "動詞", "形容詞")
        for match in _KANA_THEN_KANJI.finditer(m.surface)
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
        if m.pos[1] not in _DEPENDENT and not _light_verb_after_noun(morphemes, i):
            forms.setdefault(m.base)
        first = i
        while first > 0 and i - first < _REACH and _joins_next(morphemes[first - 1]):
            first -= 1
            forms.setdefault(run[morphemes[first].start : m.start] + m.base)
    return list(forms)
