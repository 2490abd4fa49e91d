"""The dream-cycle diagram as a reader sees it: arrows that stop clear of the pills, badges on their
step, nothing overlapping, text as large as body text on a phone; for the real dataset, for other
step counts and crowded steps, and in the built pages of both languages."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser
from ruamel.yaml import YAML

from macros.commands.build import build_into
from macros.content import cycle, dataset, pages
from macros.content.schema import LANGUAGES

from .conftest import ROOT, parse

Html = Callable[[str], BeautifulSoup]
NUMBER = r"-?\d+(?:\.\d+)?"
VIEWS = {lang: pages.view(dataset.load(ROOT / "docs" / "data"), lang) for lang in LANGUAGES}
STEP_COUNT = len(VIEWS["en"]["cycle"])
LONG_WORDS = ["Reflection", "Improvement", "Commitment", "Measurement", "Review", "Adoption"]
WORDS = [step["label"] for step in VIEWS["en"]["cycle"]]


def synthetic(count: int, per_step: list[int], words: list[str]) -> tuple[list[Any], list[Any]]:
    """`count` steps labelled from `words`, and per_step[i] patterns at step i."""
    phases = ["plan", "do", "check", "act"]
    steps = [
        {"id": f"s{i}", "label": words[i % len(words)], "pdca": phases[i * 4 // count]}
        for i in range(count)
    ]
    patterns: list[dict[str, str]] = []
    for index, n in enumerate(per_step):
        for _ in range(n):
            patterns.append({"id": f"p{len(patterns) + 1}", "cycle_step": f"s{index}"})
    return steps, patterns


CASES = {
    "real-ja": (VIEWS["ja"]["cycle"], VIEWS["ja"]["patterns"]),
    "real-en": (VIEWS["en"]["cycle"], VIEWS["en"]["patterns"]),
    "3-steps": synthetic(3, [2, 1, 0], LONG_WORDS),
    "5-steps-ja": synthetic(5, [1, 0, 3, 0, 1], ["夢", "希望", "目標", "行動", "反省"]),
    "6-steps-crowded": synthetic(6, [4, 0, 5, 1, 0, 3], LONG_WORDS),
    "8-steps-every-step": synthetic(8, [1] * 8, LONG_WORDS),
    "12-steps": synthetic(12, [1, 2, 0] * 4, WORDS),
    "12-long-steps": synthetic(12, [0, 2, 1] * 4, LONG_WORDS),
}


def arrow_line(arrow: dict[str, Any], geo: dict[str, Any]) -> list[tuple[float, float]]:
    """Points along an arrow's line, from its start to its tip."""
    track: cycle.Track = geo["track"]
    start, tip = track.param(*arrow["start"]), track.param(*arrow["tip"])
    end = tip if tip > start else tip + math.tau
    return [track.at(start + (end - start) * i / 40) for i in range(41)]


@pytest.mark.parametrize("case", CASES)
def test_arrows_follow_the_track_and_stop_clear_of_every_pill(case: str) -> None:
    """Each arrow runs from one pill to the next with a visible gap at both ends, and is long."""
    geo = cycle.layout(*CASES[case])
    pills: list[cycle.Pill] = geo["pills"]
    assert len(geo["arrows"]) == len(pills) == len(CASES[case][0])
    for arrow in geo["arrows"]:
        for point in arrow_line(arrow, geo):
            assert min(p.distance(*point) for p in pills) >= cycle.GAP - 0.5, (case, point)
            # Nor does it run under the flag checklist.js draws on a step at risk.
            for fx, fy, fr in (cycle.flag_of(p) for p in pills):
                assert math.dist(point, (fx, fy)) >= fr + cycle.GAP - 0.5, (case, point)
        assert arrow["length"] >= cycle.MIN_ARROW
    spread = [a["gap"] for a in geo["arrows"]]
    assert max(spread) - min(spread) < 3, f"{case}: pills unevenly spaced {spread}"
    # Mirror-symmetric about the vertical axis, the first step at the top.
    centres = [(round(p.x), round(p.y)) for p in pills]
    assert centres[0][0] == 0
    for index in range(1, len(pills)):
        (x, y), (mx, my) = centres[index], centres[-index]
        assert abs(x + mx) <= 1, f"{case}: not symmetric"
        assert abs(y - my) <= 1, f"{case}: not symmetric"
    for index, pill in enumerate(pills):
        # The arrow leaving a pill starts next to it (or its flag), the one arriving ends there.
        assert cycle.clearance(pill, geo["arrows"][index]["start"]) < cycle.GAP + 1
        assert cycle.clearance(pill, geo["arrows"][index - 1]["tip"]) < cycle.GAP + 1
        for other in pills[index + 1 :]:
            assert math.dist((pill.x, pill.y), (other.x, other.y)) > pill.h, "pills overlap"


@pytest.mark.parametrize("case", CASES)
def test_each_badge_sits_on_its_own_step_and_covers_nothing(case: str) -> None:
    """A badge overlaps its step's pill edge, keeps off other pills, badges and the arrows."""
    steps, patterns = CASES[case]
    geo = cycle.layout(steps, patterns)
    pills: list[cycle.Pill] = geo["pills"]
    lines = [point for arrow in geo["arrows"] for point in arrow_line(arrow, geo)]
    badges = []
    for node, pill in zip(geo["nodes"], pills, strict=True):
        own = [p["id"] for p in patterns if p["cycle_step"] == node["step"]["id"]]
        assert [m["pattern"]["id"] for m in node["markers"]] == own
        for marker in node["markers"]:
            centre = (marker["x"], marker["y"])
            if len(own) <= 3:  # a crowded step may need a second row; a light one never does
                assert abs(pill.distance(*centre)) < cycle.BADGE, f"{case}: badge off its pill"
            assert all(p.distance(*centre) >= cycle.BADGE for p in pills if p is not pill)
            assert min(math.dist(centre, q) for q in lines) >= cycle.BADGE + 1
            # The flag checklist.js puts on a step at risk stays clear of the badge.
            fx, fy, fr = node["flag"]
            assert math.dist(centre, (fx, fy)) >= cycle.BADGE + fr
            badges.append(centre)
    assert len(badges) == len(patterns)
    for index, a in enumerate(badges):
        for b in badges[index + 1 :]:
            assert math.dist(a, b) >= 2 * cycle.BADGE, f"{case}: badges overlap"


@pytest.mark.parametrize("case", ["real-ja", "real-en", "3-steps", "5-steps-ja", "12-steps"])
def test_drawing_fits_a_phone_column_so_text_stays_at_body_size(case: str) -> None:
    """At most 328 units wide: on a 360 px phone a 16-unit label is at least 16 px.

    (Words as long as "Measurement" on twelve steps may not fit; the drawing then grows wider.)"""
    geo = cycle.layout(*CASES[case])
    assert geo["width"] <= cycle.WIDTH + 0.01
    assert geo["label_size"] >= 16
    assert min(cycle.PHASE_SIZE, cycle.HUB_SIZE) >= 16
    # Every label fits inside its pill, with room for the at-risk flag at the pill's left.
    words = [step["label"] for step in CASES[case][0]]
    room = geo["node_w"] - 2 * (cycle.FLAG[0] + cycle.FLAG[2])
    assert max(cycle.text_width(w, geo["label_size"]) for w in words) <= room + 0.01


@pytest.mark.parametrize("case", CASES)
def test_every_pdca_phase_is_named_clear_of_the_pills(case: str) -> None:
    """Each run of steps in one phase has a band and a label that no pill or badge covers."""
    steps, _ = CASES[case]
    geo = cycle.layout(*CASES[case])
    runs = [s["pdca"] for i, s in enumerate(steps) if i == 0 or steps[i - 1]["pdca"] != s["pdca"]]
    assert [p["id"] for p in geo["phases"]] == runs
    for phase in geo["phases"]:
        assert phase["word"] == phase["id"].capitalize()
        centre = (phase["x"], phase["y"])
        half = cycle.text_width(phase["word"], cycle.PHASE_SIZE) / 2
        for pill in geo["pills"]:
            assert pill.distance(*centre) > cycle.PHASE_SIZE / 2 or abs(centre[0] - pill.x) > (
                pill.w / 2 + half
            ), f"{case}: {phase['word']} under a pill"


# The built pages


def pill_of(rect: Tag) -> cycle.Pill:
    x, y, w, h = (float(str(rect[k])) for k in ("x", "y", "width", "height"))
    return cycle.Pill(x + w / 2, y + h / 2, w, h)


def check_built_diagram(svg: Tag, steps: int, markers: int) -> None:
    """The SVG as written: steps, arrows clear of the pills, each badge on its step's pill."""
    nodes = svg.select(".crm-cycle__node[data-step]")
    assert len(nodes) == steps
    pills = {str(n["data-step"]): pill_of(n.rect) for n in nodes if n.rect}
    lines = svg.select("path.crm-cycle__arrow")
    heads = svg.select("path.crm-cycle__arrowhead")
    assert len(lines) == len(heads) == steps
    for line, head in zip(lines, heads, strict=True):
        start = [float(v) for v in re.findall(NUMBER, str(line["d"]))[:2]]
        tip = [float(v) for v in re.findall(NUMBER, str(head["d"]))[:2]]
        for point in (start, tip):
            assert min(p.distance(*point) for p in pills.values()) >= cycle.GAP - 0.5
    badges = svg.select("a.crm-cycle__marker")
    assert len(badges) == markers
    for badge in badges:
        circle = badge.circle
        assert circle is not None
        centre = (float(str(circle["cx"])), float(str(circle["cy"])))
        own = pills[str(badge["data-step"])]
        assert abs(own.distance(*centre)) < float(str(circle["r"]))
        assert badge.get("aria-label")
        assert badge.get("xlink:href")


@pytest.mark.parametrize("page", ["cycle.html", "checklist.html"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_diagram_is_drawn_clear_in_both_languages(html: Html, lang: str, page: str) -> None:
    """On the cycle page and in the checklist results, every step, arrow and badge is in place."""
    svg = html(f"{lang}/{page}").select_one("figure.crm-cycle svg")
    assert svg is not None
    check_built_diagram(svg, STEP_COUNT, len(VIEWS[lang]["patterns"]))
    labels = [t.get_text() for t in svg.select(".crm-cycle__node text")]
    assert labels == [step["label"] for step in VIEWS[lang]["cycle"]]
    # The text alternative stays: the legend names every pattern and its step.
    figure = svg.find_parent("figure")
    assert figure is not None
    legend = [" ".join(li.get_text().split()) for li in figure.select("ol li")]
    patterns = VIEWS[lang]["patterns"]
    assert len(legend) == len(patterns)
    assert all(p["step"]["label"] in item for p, item in zip(patterns, legend, strict=True))


def test_a_dataset_with_more_steps_and_crowded_steps_draws_clear(project: Path) -> None:
    """Nine steps, three patterns on one step: the built pages draw every arrow and badge clear."""
    path = project / "docs" / "data" / "patterns.yml"
    yaml = YAML()
    data = yaml.load(path)
    extra = {
        "id": "review",
        "label": {"ja": "見直し", "en": "Review"},
        "meaning": {"ja": "進め方を見直します。", "en": "Review the way of working."},
        "pdca": "act",
    }
    data["cycle"].append(extra)
    for pattern in data["patterns"][:3]:
        pattern["cycle_step"] = "review"
    yaml.dump(data, path)
    build_into(project, project / "site", quiet=True)
    for lang in LANGUAGES:
        for name in ("cycle.html", "checklist.html"):
            svg = parse(project / "site" / lang / name).select_one("figure.crm-cycle svg")
            assert svg is not None
            check_built_diagram(svg, STEP_COUNT + 1, len(data["patterns"]))
            review = svg.select('a.crm-cycle__marker[data-step="review"]')
            assert len(review) == 3


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagram_text_is_body_size_on_a_small_phone(
    browser: Browser, base_url: str, lang: str
) -> None:
    """At 360 px, every word and number in the diagram is at least as large as the body text."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{base_url}/{lang}/cycle.html")
    sizes = page.evaluate(
        """() => {
          const svg = document.querySelector('figure.crm-cycle svg');
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize);
          return {body, texts: [...svg.querySelectorAll('text')].map(t =>
            [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale])};
        }"""
    )
    context.close()
    assert sizes["texts"], "no text in the diagram"
    small = [(text, round(px, 1)) for text, px in sizes["texts"] if px < sizes["body"] - 0.01]
    assert not small, f"smaller than body text ({sizes['body']} px): {small}"
