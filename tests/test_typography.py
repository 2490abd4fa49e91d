"""Japanese typography a business reader expects (issue 17, section 6): lines break between
phrases, not inside them; no slanted kanji; done and not-applicable are not struck through;
checkboxes of one size; chart labels of 12 px (9 pt on paper) at least."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page

from macros.content import dataset
from macros.postbuild import phrases
from tests import report_helpers as R
from tests.conftest import ROOT, settled

PATTERN = dataset.load(ROOT / "docs" / "data").dataset.patterns[0].id
PAGES = ["index.html", f"patterns/{PATTERN}.html", "checklist.html", "report.html", "cycle.html"]
WIDTHS = [390, 1280]
MEDIA: tuple[Literal["screen", "print"], ...] = ("screen", "print")
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
MARKED = "h1, h2, h3, h4, h5, h6, th, td"
SKIPPED = ["script", "style", "code", "pre", "svg", "textarea", "title"]

# Every phrase between two <wbr> (or spaces) of a marked element, as a Range: a phrase whose
# boxes sit on two lines was broken inside. A phrase wider than its element (not a cell) must
# break and is left out. Returns how many phrases were measured, and the broken ones.
BROKEN_PHRASES = r"""
(selector) => {
  const japanese = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
  const skip = "svg, code, kbd, samp, pre, script, style, textarea, select";
  const found = { measured: 0, broken: [] };
  for (const el of document.querySelectorAll(selector)) {
    if (!el.querySelector("wbr") || !el.getClientRects().length) continue;
    const phrases = [];
    let current = [];
    const flush = () => { if (current.length) phrases.push(current); current = []; };
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) =>
        n.nodeType === 1 && n.matches(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === 1) {
        const inline = getComputedStyle(n).display === "inline";
        if (n.localName === "wbr" || n.localName === "br" || !inline) flush();
        continue;
      }
      // A line may always break at a space, and before an opening bracket (JIS X 4051).
      let start = 0;
      for (const gap of n.data.matchAll(/\s+|(?=[（「『【〔〈《])/g)) {
        if (gap.index > start) current.push([n, start, gap.index]);
        flush();
        start = gap.index + gap[0].length;
      }
      if (start < n.data.length) current.push([n, start, n.data.length]);
    }
    flush();
    let box = el;  // an inline element (a label) wraps within its block
    while (box.parentElement && !box.clientWidth) box = box.parentElement;
    const style = getComputedStyle(box);
    const width = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const parts of phrases) {
      const text = parts.map(([n, a, b]) => n.data.slice(a, b)).join("");
      if (!japanese.test(text)) continue;
      const range = document.createRange();
      range.setStart(parts[0][0], parts[0][1]);
      range.setEnd(parts[parts.length - 1][0], parts[parts.length - 1][2]);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length) continue;
      found.measured++;
      const total = rects.reduce((sum, r) => sum + r.width, 0);
      const first = rects[0];
      const lines = rects.some((r) => r.top >= first.bottom - 2 || r.bottom <= first.top + 2);
      // A phrase wider than its line must break, but never in a table cell: the column
      // grows to its longest phrase.
      if (lines && (total <= width || el.matches("th, td"))) {
        const whole = el.textContent.trim().slice(0, 40);
        found.broken.push(`<${el.localName}> 「${whole}」: 「${text}」`);
      }
    }
  }
  return found;
}
"""


@pytest.fixture
def ja_context(browser: Browser) -> Iterator[BrowserContext]:
    """A profile with a team's saved answers (notes, a plan with a done action, N/A items,
    rounds), so the checklist and the report show all they can."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)  # a shared, busy machine: the scripts come after paint
    context.add_init_script(R.seed_script(R.state("ja")))
    yield context
    context.close()


def open_ja(context: BrowserContext, base_url: str, path: str, width: int = 1280) -> Page:
    """A Japanese page, once its scripts (and the checklist's, where there is one) have run."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/ja/{path}")
    root = page.locator("[data-crm-root], [data-crm-report]")
    if root.count():
        root.first.scroll_into_view_if_needed()  # the checklist's code comes when it is near
    return settled(page)


# (a) Lines break between phrases ------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_breaks_inside_a_phrase(
    ja_context: BrowserContext, base_url: str, width: int
) -> None:
    """Headings, table cells, buttons and labels of the Japanese pages, at a phone's and a
    laptop's width: every phrase BudouX marked sits on one line."""
    targets = ", ".join(sorted(phrases.TARGET_TAGS)) + ", .md-button, .md-nav__link"
    broken = []
    measured = 0
    for path in PAGES:
        page = open_ja(ja_context, base_url, path, width)
        found: dict[str, Any] = page.evaluate(BROKEN_PHRASES, targets)
        measured += found["measured"]
        broken += [f"ja/{path} at {width} px: {line}" for line in found["broken"]]
        page.close()
    assert measured > 100, f"only {measured} marked phrases found on the Japanese pages"
    assert not broken, "a line breaks inside a phrase:\n" + "\n".join(broken)


# (b) The build marks phrases, and only in text ----------------------------------------------


def ja_pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / "ja").rglob("*.html"))


def test_japanese_headings_and_cells_carry_phrase_marks(
    site_dir: Path, html: Callable[[str], BeautifulSoup]
) -> None:
    """Every Japanese heading or table cell of more than one phrase has a <wbr> between them."""
    unmarked = []
    checked = 0
    for path in ja_pages(site_dir):
        for el in html(path).select(MARKED):
            if el.find(SKIPPED) or el.find(["br", "p", "div", "ul", "ol"]):
                continue  # several runs of text: checked on their own elsewhere
            text = el.get_text()
            if not phrases.boundaries(text):
                continue
            checked += 1
            if not el.find("wbr"):
                unmarked.append(f"{path}: <{el.name}> {text.strip()[:60]}")
    assert checked > 50, f"only {checked} Japanese headings and cells of several phrases"
    assert not unmarked, "no phrase marks in:\n" + "\n".join(unmarked)


def test_phrase_marks_only_in_text(site_dir: Path, html: Callable[[str], BeautifulSoup]) -> None:
    """No <wbr> in scripts, styles, code, SVG, form fields, attribute values, the search index
    or the English pages."""
    problems = []
    for path in ja_pages(site_dir):
        page = html(path)
        for el in page.find_all(SKIPPED):
            if el.find("wbr") or "<wbr" in "".join(el.strings):
                problems.append(f"{path}: <wbr> inside <{el.name}>")
        for el in page.find_all(True):
            for name, value in el.attrs.items():
                joined = " ".join(value) if isinstance(value, list) else str(value)
                if "<wbr" in joined:
                    problems.append(f"{path}: <wbr> in <{el.name} {name}>")
    for lang in ("ja", "en"):
        for index in (site_dir / lang / "search").glob("search_index.*"):
            if "wbr" in index.read_text(encoding="utf-8"):
                problems.append(f"{index.relative_to(site_dir)}: <wbr> in the search index")
    for english in (site_dir / "en").rglob("*.html"):
        if "<wbr>" in english.read_text(encoding="utf-8"):
            problems.append(f"{english.relative_to(site_dir)}: <wbr> on an English page")
    assert not problems, "\n".join(problems)


def test_marks_change_nothing_but_text() -> None:
    """Tags, attributes, references and skipped elements keep their bytes; a mark never goes
    inside a character reference."""
    page = (
        '<h2 id="a" title="危険が高い状態です">この失敗に<strong>陥る危険が</strong>高い状態です。'
        '<a class="headerlink" href="#a">&para;</a></h2>'
        "<td>A&amp;B社の&#x5b9f;施計画<code>取り組みましょう</code></td>"
        '<p>本文は対象外です。</p><script>var a = "<h1>取り組みましょう</h1>";</script>'
        "<button>報告書（印刷用）</button><svg><text>取り組みましょう</text></svg>"
    )
    marked = phrases.mark(page)
    assert marked.replace("<wbr>", "") == page
    assert "この<wbr>失敗に<wbr><strong>陥る<wbr>危険が<wbr></strong>高い<wbr>状態です。" in marked
    assert "&para;" in marked
    assert "&#x5b9f;" in marked
    assert "<code>取り組みましょう</code>" in marked
    assert "<p>本文は対象外です。</p>" in marked
    assert '"<h1>取り組みましょう</h1>"' in marked
    assert "報告書<wbr>（印刷用）" in marked
    assert "<text>取り組みましょう</text>" in marked


# (c) No slanted kanji -----------------------------------------------------------------------

ITALIC_JAPANESE = r"""
() => {
  const japanese = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
  const slanted = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
    const always = el.matches("figcaption, em, i, cite, .crm-checklist__note-print");
    if (!(japanese.test(own) || (always && el.closest(":lang(ja)")))) continue;
    if (getComputedStyle(el).fontStyle !== "normal") {
      const text = el.textContent.trim().slice(0, 30);
      slanted.push(`<${el.localName} class="${el.className}"> ${text}`);
    }
  }
  return slanted;
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["checklist.html", "report.html", f"patterns/{PATTERN}.html"])
def test_no_italic_japanese_text(ja_context: BrowserContext, base_url: str, path: str) -> None:
    """Captions, emphasis and notes on the Japanese pages are upright, on screen and printed."""
    page = open_ja(ja_context, base_url, path)
    found = []
    for media in MEDIA:
        page.emulate_media(media=media)
        found += [f"{media}: {line}" for line in page.evaluate(ITALIC_JAPANESE)]
    assert not found, f"ja/{path}: italic Japanese text:\n" + "\n".join(found)


# (d) Done and not applicable are not struck through -----------------------------------------

STRUCK = r"""
(selector) => {
  const els = [...document.querySelectorAll(selector)];
  const struck = els.filter((el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).textDecorationLine.includes("line-through")) return true;
    }
    return false;
  });
  return { count: els.length, struck: struck.map((el) => el.textContent.trim().slice(0, 40)) };
}
"""


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("checklist.html", ".crm-checklist__item.is-na .crm-checklist__label"),
        ("checklist.html", ".crm-cl__action.is-done .crm-cl__action-text"),
        ("report.html", ".crm-report__plan tr.is-done .crm-report__action"),
    ],
)
def test_done_and_not_applicable_are_not_struck_through(
    ja_context: BrowserContext, base_url: str, path: str, selector: str
) -> None:
    """A strike reads as 取消 (cancelled) to a Japanese reader: never on done or N/A."""
    page = open_ja(ja_context, base_url, path)
    for media in MEDIA:
        page.emulate_media(media=media)
        found: dict[str, Any] = page.evaluate(STRUCK, selector)
        assert found["count"], f"ja/{path}: nothing matches {selector}"
        assert not found["struck"], f"ja/{path} ({media}): struck through: {found['struck']}"


# Checkboxes of one size, chart labels of 12 px ------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_checkboxes_have_one_size(ja_context: BrowserContext, base_url: str, width: int) -> None:
    """Statement and not-applicable boxes, on a pattern page and on the checklist."""
    sizes = set()
    for path in ["checklist.html", f"patterns/{PATTERN}.html"]:
        page = open_ja(ja_context, base_url, path, width)
        boxes = page.evaluate(
            """() => [...document.querySelectorAll(".crm-cl input[type=checkbox]")]
              .map((b) => b.getBoundingClientRect()).filter((r) => r.width)
              .map((r) => `${Math.round(r.width)}×${Math.round(r.height)}`)"""
        )
        assert boxes, f"ja/{path}: no checkbox shown"
        sizes |= {f"{size} ({path})" for size in boxes}
        page.close()
    assert len({s.split(" ")[0] for s in sizes}) == 1, f"checkboxes of several sizes: {sizes}"


LABEL_SIZES = r"""
() => [...document.querySelectorAll(".crm-cl__svg text, .crm-cl__trend-svg text")]
  .filter((t) => t.getClientRects().length)
  .map((t) => ({
    text: t.textContent,
    px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
    chart: t.ownerSVGElement.getBoundingClientRect().width,
  }))
"""


@pytest.mark.browser
@pytest.mark.parametrize(("path", "media", "width"), [
    ("checklist.html", "screen", 390),
    ("report.html", "screen", 390),
    ("report.html", "screen", 1280),
    ("report.html", "print", 688),  # A4 less the report's margins (182 mm)
])  # fmt: skip
def test_chart_labels_are_at_least_12_px(
    ja_context: BrowserContext,
    base_url: str,
    path: str,
    media: Literal["screen", "print"],
    width: int,
) -> None:
    """12 px on a 390 px phone; 12 px is 9 pt on paper."""
    page = open_ja(ja_context, base_url, path, width)
    page.emulate_media(media=media)
    labels: list[dict[str, Any]] = page.evaluate(LABEL_SIZES)
    assert labels, f"ja/{path}: no chart label shown"
    narrow = {round(label["chart"]) for label in labels if label["chart"] < 250}
    assert not narrow, f"ja/{path}: a chart only {narrow} px wide"
    small = [f"{label['text']}: {label['px']:.1f} px" for label in labels if label["px"] < 11.95]
    assert not small, f"ja/{path} ({media}, {width} px): labels under 12 px:\n" + "\n".join(small)


def test_a_held_phrase_closes_before_the_next_element() -> None:
    """A phrase kept whole (digits meeting kana, closing punctuation) is wrapped inside its own
    text: the wrapper closes before a heading's permalink, so the page stays well formed."""
    heading = '<h3 id="x">画面を1つつくる<a class="headerlink" href="#x">&para;</a></h3>'
    marked = phrases.mark(heading)
    assert '<span class="crm-phrase">1つつくる</span><wbr><a class="headerlink"' in marked
    caption = phrases.mark("<figcaption>判定は60%未満ならリスク高です</figcaption>")
    assert '<span class="crm-phrase">60%未満なら</span>' in caption
