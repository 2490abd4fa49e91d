"""Words a reader may search for, taken from the built pages, with the pages that contain each.

`python -m tests.search.words` builds the site and writes tests/search/words-<lang>.yml;
`--check` exits 1 when the files are out of step with the content (tests/test_search.py runs the
same check). The files are committed so that a review shows what search must find and how a
content change moves it; the browser test recomputes the pages from the site it searches.

Words are chosen by rule from the page text (a spread from rare to common, so precision is
measured on words that are not everywhere), plus a few listed by hand in curated-ja.yml.

A page holds a word when its text contains it (a Latin word at a word start), or, in Japanese,
when a verb or adjective on it has a dictionary form that starts with the word: 使う is on the
page that says 使われない. Dictionary forms come from the analyser the index uses
(macros/search/japanese.py), applied to the page's own text run by run.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from ruamel.yaml import YAML

from macros.search import japanese, search_index

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGS = ("ja", "en")

KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々"
KATAKANA = "\u30a1-\u30fa\u30fc"
# Elements whose text is a block of its own: their words never run into the next element's.
BLOCKS = re.split(
    r"\s+",
    "p li dt dd h1 h2 h3 h4 h5 h6 td th caption figcaption summary label div section "
    "blockquote pre table tr ul ol dl details aside nav header footer form fieldset legend text br",
)
STOPWORDS = frozenset(
    re.split(
        r"\s+",
        """about after again against also among another because been before being below between
    both cannot could does doing down during each every from further have having here into
    itself just more most much must only other ours over same should since some such than that
    their them then there these they this those through under until very were what when where
    which while whom with without would your yours""",
    )
)


@dataclass(frozen=True)
class Word:
    """A query and the pages (paths under the language folder) whose text contains it."""

    word: str
    kind: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Pages:
    """The searchable pages of a language: article text and dictionary forms, by path."""

    texts: dict[str, str]
    forms: dict[str, frozenset[str]]


def article_text(path: Path) -> str:
    """The text of a page's article, one line per block, without permalinks and without what
    the page keeps out of search (`data-search-exclude`)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    if article is None:
        return ""
    for hidden in article.select(".headerlink, [data-search-exclude]"):
        hidden.decompose()  # not text, or kept out of search on purpose
    for block in article.find_all(BLOCKS):
        assert isinstance(block, Tag)
        block.insert_before("\n")
        block.insert_after("\n")
    return article.get_text("")


def page_texts(site: Path, lang: str) -> dict[str, str]:
    """Article text of every searchable page of a language, by path (e.g. `patterns/x.html`).

    Searchable pages are those the search index lists: a page kept out of search in its front
    matter (`search: exclude`, the report) is not expected in any result."""
    root = site / lang
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    listed = {doc["location"].split("#")[0] for doc in index["docs"]}
    return {
        path.relative_to(root).as_posix(): article_text(path)
        for path in sorted(root.rglob("*.html"))
        if path.relative_to(root).as_posix() in listed
    }


def text_runs(text: str) -> list[str]:
    """The runs of a text between the separators search cuts it at."""
    return [run for run in re.split(search_index.SEPARATOR, text) if run]


def dictionary_forms(text: str) -> frozenset[str]:
    """Dictionary forms of the inflected verbs and adjectives of a Japanese text, lower-cased."""
    return frozenset(
        form.lower() for run in text_runs(text) for form in japanese.dictionary_forms(run)
    )


@functools.cache
def site_pages(site: Path, lang: str) -> Pages:
    """The searchable pages of a built site in one language (read and analysed once: several
    search tests ask for the same site's pages, and the Japanese analysis takes seconds)."""
    texts = page_texts(site, lang)
    forms = {
        path: dictionary_forms(text) if lang == "ja" else frozenset()
        for path, text in texts.items()
    }
    return Pages(texts, forms)


def pattern(word: str) -> re.Pattern[str]:
    """Where a reader expects a word to match: anywhere, but a Latin word only at a word start.

    Search matches a typed word as the start of an indexed word ("plan" finds "planning"), and
    in Japanese anywhere in the text ("伝言" inside "災害用伝言ダイヤル").
    """
    body = re.escape(word.lower())
    return re.compile(("(?<![a-z0-9])" if re.match(r"[a-z0-9]", word.lower()) else "") + body)


def pages_containing(word: str, pages: Pages) -> tuple[str, ...]:
    """The pages that hold a word: in their text, or as the start of a dictionary form."""
    found = pattern(word)
    lower = word.lower()
    return tuple(
        path
        for path, text in pages.texts.items()
        if found.search(text.lower()) or any(form.startswith(lower) for form in pages.forms[path])
    )


def spread(candidates: Iterable[str], pages: Pages, count: int) -> list[str]:
    """`count` candidates evenly spaced from rarest to most common (by pages, then occurrences)."""
    pool = sorted(set(candidates))
    if len(pool) <= count:
        return pool

    def rank(word: str) -> tuple[int, int, str]:
        found = pattern(word)
        occurrences = sum(len(found.findall(text.lower())) for text in pages.texts.values())
        return (len(pages_containing(word, pages)), -occurrences, word)

    ranked = sorted(pool, key=rank)
    step = (len(ranked) - 1) / (count - 1)
    return [ranked[round(i * step)] for i in range(count)]


def runs(texts: dict[str, str], chars: str) -> collections.Counter[str]:
    """Maximal runs of `chars` (a character class body) with their number of occurrences.

    A run right after a digit is left out: it starts with a counter (3人以上, 1件入力), which is
    not a word a reader types on its own."""
    found = re.compile(f"(?<![0-9０-９{chars}])[{chars}]+")
    return collections.Counter(m.group() for text in texts.values() for m in found.finditer(text))


# --- Japanese ------------------------------------------------------------------------------------


def kanji_words(texts: dict[str, str]) -> list[str]:
    """Two-kanji words standing alone (between kana or punctuation), seen at least twice."""
    return [w for w, n in runs(texts, KANJI).items() if len(w) == 2 and n >= 2]


def kanji_compounds(texts: dict[str, str]) -> list[str]:
    """Compounds of three to five kanji standing alone, seen at least twice."""
    return [w for w, n in runs(texts, KANJI).items() if 3 <= len(w) <= 5 and n >= 2]


def compound_parts(texts: dict[str, str]) -> list[str]:
    """Two-kanji words that never stand alone, only inside longer compounds.

    A two-kanji piece counts when it begins compounds that go on differently (失注 in 失注理由 and
    失注案件) or ends compounds that begin differently (曜日 in 月曜日, 火曜日), and is a word:
    one the dictionary knows (曜日), or one the analyser cuts out of every such compound whole,
    not from a suffix on (失注 of 失注理由, but not 者数 of 利用者数). A piece across a word
    boundary (録率 of 登録率, 記録率) is neither.
    """
    kanji = runs(texts, KANJI)
    alone = {w for w in kanji if len(w) == 2}
    # What comes after a piece that starts a compound, and before one that ends it.
    after: dict[str, set[str]] = collections.defaultdict(set)
    before: dict[str, set[str]] = collections.defaultdict(set)
    whole: dict[str, bool] = collections.defaultdict(lambda: True)  # cut out whole everywhere
    for compound in kanji:
        if len(compound) >= 3:
            cut = {m.start: m for m in japanese.analyse(compound)}
            end = len(compound) - 2
            after[compound[:2]].add(compound[2])
            before[compound[-2:]].add(compound[-3])
            whole[compound[:2]] &= 2 in cut and cut[0].pos[1] != "接尾"
            whole[compound[-2:]] &= end in cut and cut[end].pos[1] != "接尾"
    pieces = {p for p, seen in [*after.items(), *before.items()] if len(seen) >= 2}
    return sorted(p for p in pieces - alone if whole[p] or len(japanese.analyse(p)) == 1)


def katakana_words(texts: dict[str, str]) -> list[str]:
    return [w for w in runs(texts, KATAKANA) if len(w) >= 2 and not w.startswith("ー")]


def latin_words(texts: dict[str, str]) -> list[str]:
    """Latin-script words inside Japanese text (CRM, Excel, RFP), at least two letters."""
    return [w for w in runs(texts, "A-Za-z0-9") if len(w) >= 2 and w[0].isalpha()]


def mixed_words(texts: dict[str, str]) -> list[str]:
    """A Latin word written together with the Japanese word after it (CRM導入, PDCAサイクル)."""
    found = re.compile(f"[A-Za-z][A-Za-z0-9]*(?:[{KANJI}]+|[{KATAKANA}]+)")
    return sorted({m.group() for text in texts.values() for m in found.finditer(text)})


def morphemes(texts: dict[str, str]) -> Iterator[tuple[japanese.Morpheme, ...]]:
    """The analysed runs of every text (macros/search/japanese.py)."""
    for text in texts.values():
        for run in text_runs(text):
            yield japanese.analyse(run)


def inflected(texts: dict[str, str], pos: str) -> Iterator[tuple[japanese.Morpheme, str]]:
    """Each inflected word of a part of speech (動詞, 形容詞) written with a kanji, and how the
    text writes it: with the auxiliaries and endings after it (使われない, 振り返って)."""
    has_kanji = re.compile(f"[{KANJI}]")
    for run in morphemes(texts):
        for i, m in enumerate(run):
            if m.pos == (pos, "自立") and m.inflected and has_kanji.search(m.base):
                end = i + 1
                while end < len(run) and (
                    run[end].pos[0] == "助動詞"
                    or (run[end].pos[0] in ("動詞", "形容詞") and run[end].pos[1] != "自立")
                    or run[end].pos == ("助詞", "接続助詞")
                ):
                    end += 1
                yield m, "".join(x.surface for x in run[i:end])


def dictionary_verbs(texts: dict[str, str]) -> list[str]:
    """Dictionary forms of verbs the text writes inflected (使う for 使われない)."""
    return sorted({m.base for m, _ in inflected(texts, "動詞")})


def written_verbs(texts: dict[str, str]) -> list[str]:
    """Inflected verbs as the text writes them (使われない, 振り返って)."""
    return sorted({written for _, written in inflected(texts, "動詞") if len(written) >= 2})


def dictionary_adjectives(texts: dict[str, str]) -> list[str]:
    """Dictionary forms of adjectives the text writes inflected (新しい for 新しく)."""
    return sorted({m.base for m, _ in inflected(texts, "形容詞")})


def written_adjectives(texts: dict[str, str]) -> list[str]:
    """Inflected adjectives as the text writes them (新しく, 少なかった); not a bare stem
    (速 of 速さ), which is no word to type."""
    return sorted({written for _, written in inflected(texts, "形容詞") if len(written) >= 2})


def curated(lang: str) -> dict[str, list[str]]:
    """Hand-picked words by kind (curated-<lang>.yml), if the language has any."""
    path = HERE / f"curated-{lang}.yml"
    if not path.exists():
        return {}
    data: dict[str, list[str]] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return data


# --- English -------------------------------------------------------------------------------------


def english_words(texts: dict[str, str]) -> collections.Counter[str]:
    found = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
    return collections.Counter(m.group() for text in texts.values() for m in found.finditer(text))


def english_frequent(texts: dict[str, str]) -> list[str]:
    return [w for w, n in english_words(texts).items() if len(w) >= 5 and w not in STOPWORDS]


def english_rare(texts: dict[str, str]) -> list[str]:
    """Words of at least seven letters on a single page."""
    words = english_words(texts)
    return [
        w
        for w in words
        if len(w) >= 7 and sum(bool(pattern(w).search(t.lower())) for t in texts.values()) == 1
    ]


def english_inflected(texts: dict[str, str]) -> list[str]:
    return [w for w in english_words(texts) if len(w) >= 6 and re.search("(?:ing|ed|ies|s)$", w)]


def english_hyphenated(texts: dict[str, str]) -> list[str]:
    found = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b")
    return sorted({m.group() for text in texts.values() for m in found.finditer(text)})


def acronyms(texts: dict[str, str]) -> list[str]:
    return [w for w in runs(texts, "A-Z") if len(w) >= 2]


# --- The lists -----------------------------------------------------------------------------------

Rule = tuple[str, Callable[[dict[str, str]], list[str]], int]
RULES: dict[str, list[Rule]] = {
    "ja": [
        ("kanji-2", kanji_words, 16),
        ("kanji-compound", kanji_compounds, 10),
        ("compound-part", compound_parts, 10),
        ("katakana", katakana_words, 14),
        ("latin", latin_words, 10),
        ("latin+japanese", mixed_words, 6),
        ("verb-written", written_verbs, 12),
        ("verb-dictionary", dictionary_verbs, 14),
        ("adjective-written", written_adjectives, 6),
        ("adjective-dictionary", dictionary_adjectives, 8),
    ],
    "en": [
        ("word", english_frequent, 16),
        ("rare", english_rare, 10),
        ("inflected", english_inflected, 12),
        ("hyphenated", english_hyphenated, 8),
        ("acronym", acronyms, 5),
    ],
}


def word_list(pages: Pages, lang: str) -> list[Word]:
    """The words of a language, each with the pages that hold it, in a stable order."""
    chosen: dict[str, str] = {}
    for kind, rule, count in RULES[lang]:
        for word in spread(rule(pages.texts), pages, count):
            chosen.setdefault(word, kind)
    for kind, words in curated(lang).items():
        for word in words:
            if not pages_containing(word, pages):
                raise SystemExit(
                    f"curated-{lang}.yml: '{word}' ({kind}) is on no page any more, in no "
                    "inflection: remove it or pick another word from the content"
                )
            chosen.setdefault(word, kind)
    return [Word(word, kind, pages_containing(word, pages)) for word, kind in chosen.items()]


def render(words: list[Word], lang: str) -> str:
    lines = [
        "# Generated by `python -m tests.search.words` from the built pages: do not edit.",
        "# A word a reader may search for, and the pages that hold it (in any inflection).",
        f"lang: {lang}",
        "words:",
    ]
    for w in words:
        lines.append(
            f"  - {{word: {quote(w.word)}, kind: {w.kind}, pages: [{', '.join(w.pages)}]}}"
        )
    return "\n".join(lines) + "\n"


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def load(lang: str) -> list[Word]:
    """The committed word list of a language."""
    data = YAML(typ="safe").load((HERE / f"words-{lang}.yml").read_text(encoding="utf-8"))
    return [Word(str(w["word"]), str(w["kind"]), tuple(w["pages"])) for w in data["words"]]


def stale(site: Path) -> list[Path]:
    """The committed lists that differ from what the site's pages give."""
    return [
        HERE / f"words-{lang}.yml"
        for lang in LANGS
        if (HERE / f"words-{lang}.yml").read_text(encoding="utf-8")
        != render(word_list(site_pages(site, lang), lang), lang)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.search.words", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the lists are stale")
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site_dir
        if site is None:
            from macros.commands.build import build_into

            site = Path(tmp) / "site"
            build_into(ROOT, site, quiet=True)
        if args.check:
            drift = stale(site)
            for path in drift:
                print(f"{path.relative_to(ROOT)} is stale: run `python -m tests.search.words`")
            return 1 if drift else 0
        for lang in LANGS:
            words = word_list(site_pages(site, lang), lang)
            path = HERE / f"words-{lang}.yml"
            path.write_text(render(words, lang), encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)} ({len(words)} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
