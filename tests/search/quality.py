"""Recall and precision of the site's search, measured with Material's own search worker.

The queries run in Chromium through the worker Material's search box talks to, with the index
the page loads, so the results are what a reader gets (a browser test checks that the results
list shows the same pages). Running them in one page, one message after another, takes well
under a second per language instead of a page load per word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from .words import Pages, Word, pages_containing

# The same messages Material's search box sends its worker (SETUP, then QUERY → RESULT).
_SEARCH = """async ([queries, given]) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const base = new URL(config.base + "/", location.href)
  const index = given ?? await (await fetch(new URL("search/search_index.json", base))).json()
  const worker = new Worker(new URL(config.search, location.href))
  const reply = () => new Promise(resolve =>
    worker.addEventListener("message", event => resolve(event.data), { once: true }))
  const options = { suggest: config.features.includes("search.suggest") }
  const setup = performance.now()
  worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options } })
  await reply()
  const ready = performance.now()
  const found = {}
  for (const query of queries) {
    worker.postMessage({ type: 2, data: query })
    const { data } = await reply()
    found[query] = data.items.map(group => [
      new URL(group[0].location, base).href,
      group.some(doc => /<mark/.test(doc.title + doc.text)),
    ])
  }
  worker.terminate()
  return [base.href, found, ready - setup, performance.now() - ready]
}"""


def as_shipped(project: Path) -> Path:
    """Make a project copy use Material's search as shipped: drop macros/engine/search_hooks.py."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not re.match(r"\s*- \S*search_hooks\.py", x)]
    assert len(kept) == len(lines) - 1, "mkdocs.yml should list macros/engine/search_hooks.py once"
    config.write_text("".join(kept), encoding="utf-8")
    return project


@dataclass(frozen=True)
class Hit:
    """A page in the results list, and whether its entry shows the match highlighted."""

    page: str
    marked: bool


@dataclass(frozen=True)
class Run:
    """The hits of every query, and how long the worker took to index and to answer."""

    found: dict[str, list[Hit]]
    setup_ms: float
    query_ms: float


def search(page: Page, queries: Iterable[str], index: dict[str, Any] | None = None) -> Run:
    """The pages (paths under the language folder) each query lists, best first.

    `page` must show a page of the site in the language to search; its worker searches the
    index that page loads, or `index` (a search_index.json as a dict) when given.
    """
    base, found, setup_ms, query_ms = page.evaluate(_SEARCH, [list(queries), index])
    hits = {
        query: [Hit(url.removeprefix(base).split("#")[0], marked) for url, marked in hits]
        for query, hits in found.items()
    }
    return Run(hits, setup_ms, query_ms)


@dataclass
class Score:
    """Recall and precision over all (word, page) pairs, with what was missed or extra."""

    expected: int = 0
    returned: int = 0
    correct: int = 0
    marked: int = 0
    misses: dict[str, list[str]] = field(default_factory=dict)
    extras: dict[str, list[str]] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.returned if self.returned else 1.0

    @property
    def highlighted(self) -> float:
        """Share of the right pages whose entry in the results shows the match marked."""
        return self.marked / self.correct if self.correct else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.expected + other.expected,
            self.returned + other.returned,
            self.correct + other.correct,
            self.marked + other.marked,
            {**self.misses, **other.misses},
            {**self.extras, **other.extras},
        )

    def summary(self) -> str:
        return (
            f"recall {self.recall:.1%} ({self.correct}/{self.expected}), "
            f"precision {self.precision:.1%} ({self.correct}/{self.returned}), "
            f"highlighted {self.highlighted:.0%}"
        )

    def details(self) -> str:
        lines = [f"missed  {word}: {', '.join(pages)}" for word, pages in self.misses.items()]
        lines += [f"extra   {word}: {', '.join(pages)}" for word, pages in self.extras.items()]
        return "\n".join(lines)


def score(words: Iterable[Word], pages: Pages, found: dict[str, list[Hit]]) -> Score:
    """Compare what search returned with the pages that hold each word."""
    result = Score()
    for word in words:
        expected = set(pages_containing(word.word, pages))
        returned = {hit.page for hit in found[word.word]}
        result.marked += sum(hit.marked for hit in found[word.word] if hit.page in expected)
        result.expected += len(expected)
        result.returned += len(returned)
        result.correct += len(expected & returned)
        if expected - returned:
            result.misses[word.word] = sorted(expected - returned)
        if returned - expected:
            result.extras[word.word] = sorted(returned - expected)
    return result


def scores_by_kind(
    words: Iterable[Word], pages: Pages, found: dict[str, list[Hit]]
) -> dict[str, Score]:
    """The score of each kind of word (kanji-2, verb-dictionary, …), in list order."""
    kinds: dict[str, list[Word]] = {}
    for word in words:
        kinds.setdefault(word.kind, []).append(word)
    return {kind: score(group, pages, found) for kind, group in kinds.items()}
