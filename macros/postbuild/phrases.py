"""Japanese lines break between phrases, never inside a word: `<wbr>` at BudouX's phrase
boundaries in the Japanese pages' headings, table cells, buttons and labels (after the build).

Japanese has no spaces, so a browser may break a line between any two characters: 「取り組みましょ
/ う。」. crm.css sets `word-break: keep-all` on these elements where they carry a `<wbr>`, so a
line breaks only at the marks (and at spaces); `word-break: auto-phrase` does the same in Chromium
on its own, but WebKit (the iPhone) and Firefox have no such thing, hence marks in the HTML.

- Only text is changed: a `<wbr>` goes between two characters of a text node (or between two
  text nodes); tags, attribute values and everything else keep their exact bytes.
- Never inside `<script>`, `<style>`, `<svg>` (SVG text does not wrap), code, form fields'
  contents or `<title>`. The search index is not touched: Material's search plugin builds it
  from the page content before this runs, and it lives in search/, not in an .html file.
- Inline elements (a, strong, span …) do not end a phrase; other elements (br, p, div …) do.
- Runs before the security policy (csp.py), which hashes the final bytes; adds no style.
- BudouX parses each distinct text once per process (the navigation repeats on every page).
"""

from __future__ import annotations

import functools
import html
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import budoux

# Elements whose text is marked: their whole text (inline children included) is one unit.
TARGET_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "th", "td", "caption", "button", "label", "legend"}
    | {"summary", "figcaption", "dt"}
)
# Links that look like buttons, and the navigation's entries (narrow columns that wrap).
TARGET_CLASSES = frozenset({"md-button", "md-nav__link"})
# Never marked inside: not wrapped text (svg, title), not prose (code), or no markup allowed.
SKIP_TAGS = frozenset(
    {"script", "style", "svg", "math", "code", "kbd", "samp", "pre", "textarea", "select"}
    | {"option", "template", "title", "noscript"}
)
# Elements inside a phrase: they do not end it.
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark"}
    | {"q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "label"}
    | {"ruby", "rb", "rt", "rp"}
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
MARK = "<wbr>"
HOLD = ('<span class="crm-phrase">', "</span>")  # a phrase that must not break inside
CLOSE, WBR, OPEN = 0, 1, 2  # at one offset: a hold closes, then a mark, then a hold opens
BREAKS_AFTER = frozenset("」』）〕】〉》、。，．！？・")


def is_japanese(char: str) -> bool:
    """Kana, kanji and full-width forms: where a browser may otherwise break between any two."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x30FF  # punctuation, hiragana, katakana
        or 0x3400 <= code <= 0x9FFF  # kanji
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or unicodedata.east_asian_width(char) in "WF"
    )


@functools.cache
def _parser() -> budoux.Parser:
    return budoux.load_default_japanese_parser()


@functools.cache
def boundaries(text: str) -> tuple[int, ...]:
    """Offsets in `text` where a `<wbr>` goes: between BudouX's phrases, where neither side is
    a space and one side is Japanese (Latin words already break at spaces only)."""
    if not any(is_japanese(c) for c in text):
        return ()
    found = []
    offset = 0
    for chunk in _parser().parse(text)[:-1]:
        offset += len(chunk)
        before, after = text[offset - 1], text[offset]
        if before.isspace() or after.isspace():
            continue
        if is_japanese(before) or is_japanese(after):
            found.append(offset)
    return tuple(found)


@dataclass
class _Piece:
    text: str
    source: int  # offset of the text in the page
    length: int  # of its source: a character reference (&para;) is one character, not six

    @property
    def exact(self) -> bool:
        """The page holds `text` as is, so a mark may go between any two of its characters."""
        return self.length == len(self.text)


@dataclass
class _Run:
    """Text of one element that reads as one line of words."""

    pieces: list[_Piece] = field(default_factory=list)

    def marks(self) -> list[tuple[int, int]]:
        """Where the marks go: (page offset, CLOSE | WBR | OPEN), in the order they are written."""
        text = "".join(p.text for p in self.pieces)
        cuts = list(boundaries(text))
        # A single phrase gets a mark at its end, so the CSS (keyed on <wbr>) keeps it whole.
        if not cuts and any(is_japanese(c) for c in text):
            cuts = [len(text.rstrip())]
        found = [(offset, WBR) for offset in map(self.source, cuts) if offset is not None]
        # keep-all still breaks after closing punctuation: 「使いにくい」 / と. Such a phrase
        # is held together, where it lies in one text node.
        for start, end in pairwise([0, *cuts, len(text)]):
            if not any(joined(text, i) for i in range(start + 1, end)):
                continue
            first, last = self.source(start, inside=True), self.source(end)
            piece = self.piece_at(start)
            if first is not None and last is not None and piece and piece is self.piece_at(end - 1):
                found += [(first, OPEN), (last, CLOSE)]
        return found

    def piece_at(self, index: int) -> _Piece | None:
        start = 0
        for piece in self.pieces:
            if start <= index < start + len(piece.text):
                return piece
            start += len(piece.text)
        return None

    def source(self, cut: int, inside: bool = False) -> int | None:
        """The page offset of text offset `cut` (between two characters); None inside a
        character reference. At a piece's end it is after that piece, unless `inside` asks
        for a position in the piece that holds the character at `cut`."""
        start = 0
        for index, piece in enumerate(self.pieces):
            end = start + len(piece.text)
            if cut < end or (cut == end and not (inside and index + 1 < len(self.pieces))):
                if cut == end:
                    return piece.source + piece.length
                return piece.source + cut - start if piece.exact or cut == start else None
            start = end
        return None


def joined(text: str, index: int) -> bool:
    """Whether a browser with keep-all may still break before `text[index]`: after closing
    punctuation inside a phrase (not before more punctuation or a space), and where a digit or
    a Latin letter meets kana or kanji (60% / 未満)."""
    before, here = text[index - 1], text[index]
    if before.isspace() or here.isspace():
        return False
    if before in BREAKS_AFTER:
        return here not in BREAKS_AFTER
    return is_japanese(before) != is_japanese(here)


class _Marker(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        self.page = page
        self.lines = [0]
        for line in page.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.stack: list[str] = []
        self.root: int | None = None  # depth of the open target element
        self.skip: int | None = None  # depth of the open skipped element
        self.run = _Run()
        self.offsets: list[tuple[int, int]] = []

    def _here(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _end_run(self) -> None:
        if self.run.pieces:
            self.offsets += self.run.marks()
        self.run = _Run()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cells = {"td", "th"}
        # An unclosed cell ends where the next one starts.
        if self.root is not None and self.skip is None and {tag, self.stack[self.root]} <= cells:
            self._close_to(self.root)
        if tag in VOID_TAGS:
            if self.root is not None and tag not in INLINE_TAGS:
                self._end_run()  # <br>, <img>, <input>: a new line of text
            return
        self.stack.append(tag)
        depth = len(self.stack) - 1
        if self.skip is not None:
            return
        if tag in SKIP_TAGS:
            self.skip = depth
            self._end_run()
            return
        if self.root is None:
            classes = set((dict(attrs).get("class") or "").split())
            if tag in TARGET_TAGS or classes & TARGET_CLASSES:
                self.root = depth
        elif tag not in INLINE_TAGS:
            self._end_run()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.root is not None and self.skip is None and tag not in INLINE_TAGS:
            self._end_run()  # <path/> or <br/>: never holds text

    def _close_to(self, depth: int) -> None:
        del self.stack[depth:]
        if self.skip is not None and self.skip >= depth:
            self.skip = None
        if self.root is not None:
            if self.root >= depth:
                self._end_run()
                self.root = None
            elif self.skip is None:
                self._end_run()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth] == tag:
                inline = tag in INLINE_TAGS and (self.root is not None and depth > self.root)
                if inline and self.skip is None:
                    del self.stack[depth:]
                else:
                    self._close_to(depth)
                return

    def _text(self, text: str, length: int) -> None:
        if self.root is not None and self.skip is None:
            self.run.pieces.append(_Piece(text, self._here(), length))

    def _reference(self, text: str, source: str) -> None:
        """A character reference: `source` without its optional semicolon."""
        end = self._here() + len(source)
        self._text(text, len(source) + (1 if self.page.startswith(";", end) else 0))

    def handle_data(self, data: str) -> None:
        self._text(data, len(data))

    def handle_entityref(self, name: str) -> None:
        self._reference(html.unescape(f"&{name};"), f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(html.unescape(f"&#{name};"), f"&#{name}")

    def handle_comment(self, data: str) -> None:
        if self.root is not None and self.skip is None:
            self._end_run()


def mark(page: str) -> str:
    """`page` with `<wbr>` between the phrases of its Japanese headings, cells and labels."""
    marker = _Marker(page)
    marker.feed(page)
    marker.close()
    marker._end_run()
    marks = sorted(set(marker.offsets))
    if not marks:
        return page
    written = {CLOSE: HOLD[1], WBR: MARK, OPEN: HOLD[0]}
    parts = []
    last = 0
    for offset, kind in marks:
        parts.append(page[last:offset])
        parts.append(written[kind])
        last = offset
    parts.append(page[last:])
    return "".join(parts)


def mark_pages(paths: Iterable[Path]) -> int:
    """Mark each page in place; returns how many changed."""
    changed = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        marked = mark(text)
        if marked != text:
            path.write_text(marked, encoding="utf-8")
            changed += 1
    return changed


def mark_site(language_dir: Path) -> int:
    """Every page of the Japanese build (on_post_build, before csp.protect_site)."""
    return mark_pages(language_dir.rglob("*.html"))
