"""Geometry of the dream-cycle diagram: where each step, arrow, phase band and pattern badge goes.

The steps sit on one oval track. The arrows are that track between the pills, stopping a clear gap
short of each pill, and they are all about as long as one another; a tinted band under the track
shows the PDCA phases. Each pattern's badge bites into the outer edge of its step's pill. Plain
numbers only; the SVG markup is in overrides/crm/cycle.html.

One viewBox unit is one CSS pixel on a 360 px phone (its content column is about 328 px wide), so
a font size of 16 here is at least 16 px on a phone, like the body text, and larger on a desk.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import Any

from macros.content import contract

WIDTH = 328  # widest the drawing may be: the content column on a 360 px phone
LABEL_LATIN, LABEL_WIDE = 16, 18  # step label size; Japanese reads better a little larger
PAD = 18  # inside a pill, either side of its label: clear of the "at risk" flag
GAP = 7  # between a pill and the end of an arrow
HEAD_L, HEAD_W = 10, 10  # arrowhead length and width
MIN_ARROW = 32  # shortest arrow, head included, that still reads as an arrow
BAND = 26  # width of the PDCA band under the track
BADGE = 14  # radius of a pattern badge (its number is 16 units)
BITE = 6  # how far a badge reaches into its pill
# Where checklist.js draws a step's "at risk" flag: the pill's rect x+dx, y+dy, radius r
# (contract.json: the script reads the same numbers).
_FLAG = contract.load()["flag"]
FLAG = (int(_FLAG["dx"]), int(_FLAG["dy"]), int(_FLAG["r"]))
PHASE_SIZE = 16  # PDCA labels
HUB_SIZE = 20  # "PDCA" in the middle
MARGIN = 3  # around everything, inside the viewBox
SAMPLES = 1024  # points per turn when measuring the track

Point = tuple[float, float]
Circle = tuple[float, float, float]
Box = tuple[float, float, float, float]


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def text_width(text: str, size: float) -> float:
    """A generous estimate of `text`'s width in bold system fonts at `size` (no font metrics)."""
    width = 0.0
    for char in text:
        if is_wide(char):
            width += 1.0
        elif char in "fijlrt.,:;'!|() ":
            width += 0.36
        elif char.isupper() or char in "mw":
            width += 0.74
        else:
            width += 0.61
    return width * size


@dataclass(frozen=True)
class Pill:
    """A capsule centred at (x, y), `w` wide and `h` high: a step's pill, or a label's box."""

    x: float
    y: float
    w: float
    h: float

    def distance(self, px: float, py: float) -> float:
        """Distance from a point to the outline (negative inside)."""
        dx = max(abs(px - self.x) - (self.w - self.h) / 2, 0.0)
        return math.hypot(dx, py - self.y) - self.h / 2

    def outline(self, every: float) -> list[Point]:
        """Points `every` units apart around the outline, clockwise from its right end."""
        half, r = (self.w - self.h) / 2, self.h / 2
        length = 4 * half + 2 * math.pi * r
        points = []
        for i in range(max(8, int(length / every))):
            s = i * length / max(8, int(length / every))
            if s < math.pi * r / 2:  # right cap, lower half
                a = s / r
                points.append((self.x + half + r * math.cos(a), self.y + r * math.sin(a)))
            elif s < math.pi * r / 2 + 2 * half:  # bottom edge, right to left
                points.append((self.x + half - (s - math.pi * r / 2), self.y + r))
            elif s < 3 * math.pi * r / 2 + 2 * half:  # left cap
                a = (s - 2 * half) / r
                points.append((self.x - half + r * math.cos(a), self.y + r * math.sin(a)))
            elif s < 3 * math.pi * r / 2 + 4 * half:  # top edge, left to right
                points.append((self.x - half + (s - 3 * math.pi * r / 2 - 2 * half), self.y - r))
            else:  # right cap, upper half
                a = (s - 4 * half) / r
                points.append((self.x + half + r * math.cos(a), self.y + r * math.sin(a)))
        return points


@dataclass(frozen=True)
class Track:
    """The oval the steps sit on: x = a sin t, y = -b cos t around the origin (t = 0 at the top)."""

    a: float
    b: float

    def at(self, t: float) -> Point:
        return self.a * math.sin(t), -self.b * math.cos(t)

    def param(self, x: float, y: float) -> float:
        return math.atan2(x / self.a, -y / self.b) % math.tau

    def length(self, start: float, end: float) -> float:
        n = max(2, int((end - start) / math.tau * SAMPLES))
        points = [self.at(start + (end - start) * i / n) for i in range(n + 1)]
        return sum(math.dist(p, q) for p, q in pairwise(points))

    def back(self, end: float, length: float) -> float:
        """The parameter `length` units of track before `end`."""
        lo, hi = end - math.pi, end
        for _ in range(30):
            mid = (lo + hi) / 2
            if self.length(mid, end) > length:
                lo = mid
            else:
                hi = mid
        return hi

    def path(self, start: float, end: float) -> str:
        """SVG path of the track clockwise from parameter `start` to `end`."""
        (ax, ay), (bx, by) = self.at(start), self.at(end)
        large = 1 if end - start > math.pi else 0
        return f"M {ax:.2f} {ay:.2f} A {self.a:.2f} {self.b:.2f} 0 {large} 1 {bx:.2f} {by:.2f}"

    def samples(self, start: float, end: float, every: float = 4.0) -> list[Circle]:
        """Points along the track, as circles the width of an arrow's line."""
        n = max(2, int(self.length(start, end) / every))
        return [(*self.at(start + (end - start) * i / n), 1.5) for i in range(n + 1)]


def positions(count: int, track: Track) -> list[float]:
    """Starting parameters for the steps, clockwise from the top, evenly spaced in height.

    Even heights keep consecutive pills apart on a narrow phone, where the pills of one side stand
    almost in a column; the arrows are evened out afterwards."""
    params = []
    for index in range(count):
        u = index / count
        y = track.b * (-1 + 4 * u if u <= 0.5 else 3 - 4 * u)
        x = track.a * math.sqrt(max(0.0, 1 - (y / track.b) ** 2))
        params.append(track.param(x if u <= 0.5 else -x, y))
    return params


def flag_of(pill: Pill) -> Circle:
    """Where checklist.js draws the pill's "at risk" flag, when its step is at risk."""
    return (pill.x - pill.w / 2 + FLAG[0], pill.y - pill.h / 2 + FLAG[1], float(FLAG[2]))


def clearance(pill: Pill, point: Point, flag: bool = True) -> float:
    """Distance from a point to the pill or (with `flag`) to its flag, whichever is nearer."""
    fx, fy, fr = flag_of(pill)
    return min(pill.distance(*point), math.dist(point, (fx, fy)) - fr if flag else math.inf)


def clear_of(pill: Pill, track: Track, t: float, step: float, flag: bool) -> float:
    """First parameter from `t` in direction `step` where the track is GAP clear of `pill` (and,
    with `flag`, of its flag: an arrowhead under the flag would not read)."""
    lo = t
    while clearance(pill, track.at(t), flag) < GAP:
        lo, t = t, t + step
    hi = t
    for _ in range(24):
        mid = (lo + hi) / 2
        if clearance(pill, track.at(mid), flag) < GAP:
            lo = mid
        else:
            hi = mid
    return hi


def spans(
    track: Track, params: list[float], w: float, h: float, flag: bool = True
) -> list[tuple[float, float]]:
    """For each step, the stretch of track from its pill to the next one's, clear of both."""
    pills = [Pill(*track.at(t), w, h) for t in params]
    result = []
    for index, pill in enumerate(pills):
        after = (index + 1) % len(pills)
        end = params[after] + (math.tau if after == 0 else 0.0)
        result.append(
            (
                clear_of(pill, track, params[index], 1 / 128, flag),
                clear_of(pills[after], track, end, -1 / 128, flag),
            )
        )
    return result


def lengths(track: Track, stretches: list[tuple[float, float]]) -> list[float]:
    return [track.length(s, e) if e > s else -track.length(e, s) for s, e in stretches]


def fit_track(count: int, a: float, w: float, h: float) -> tuple[Track, list[float]]:
    """The least tall oval `a` wide on which the gaps between the pills are all about as long as
    one another and every arrow is long enough to read; the first step stays at the top.

    The gaps are evened out without the flags, which sit on one side only: the drawing stays
    symmetric, and an arrow that ends at a flag is just a little shorter."""
    b = max(a * 0.85, h * count / 4)
    params = positions(count, Track(a, b))
    while True:
        track = Track(a, b)
        # Slide the pills along the track until the arrows are within a unit of one another.
        for _ in range(80):
            gaps = lengths(track, spans(track, params, w, h, flag=False))
            if max(gaps) - min(gaps) < 1:
                break
            for index in range(1, count):
                speed = math.hypot(a * math.cos(params[index]), b * math.sin(params[index]))
                params[index] += 0.4 * (gaps[index] - gaps[index - 1]) / 2 / speed
        shortest = min(lengths(track, spans(track, params, w, h)))
        if shortest >= MIN_ARROW:
            return track, params
        b += max(2.0, (MIN_ARROW - shortest) * count / 8)


def arrow(track: Track, start: float, end: float) -> dict[str, Any]:
    """The line from `start` to the arrowhead's base, and the head, its tip at `end`."""
    (tx, ty), (bx, by) = track.at(end), track.at(track.back(end, HEAD_L))
    ux, uy = (tx - bx) / HEAD_L, (ty - by) / HEAD_L
    left, right = (
        (bx - uy * HEAD_W / 2, by + ux * HEAD_W / 2),
        (bx + uy * HEAD_W / 2, by - ux * HEAD_W / 2),
    )
    return {
        "path": track.path(start, track.back(end, HEAD_L)),
        "head": "M {:.2f} {:.2f} L {:.2f} {:.2f} L {:.2f} {:.2f} Z".format(tx, ty, *left, *right),
        "start": track.at(start),
        "tip": (tx, ty),
        "length": track.length(start, end),
    }


def badge_spots(
    pill: Pill, outward: Point, count: int, avoid: list[Circle], keep_out: list[Pill]
) -> list[Point]:
    """Centres for `count` badges biting into the pill's edge, grouped around its outer side.

    `avoid` holds circles to keep clear of (the flag, the arrows, other badges), `keep_out` the
    other pills and this pill's label. When the edge is full, the next badges go further out."""
    spots: list[Point] = []
    ring = 0
    while len(spots) < count:
        # The line the centres sit on: just outside the pill, so that a badge bites its border.
        grow = 2 * (BADGE - BITE) + ring * 4 * BADGE
        line = Pill(pill.x, pill.y, pill.w + grow, pill.h + grow)
        reach = line.w / 2 + 2 * BADGE + 2  # only what is this close can be in the way
        near = [c for c in avoid if math.dist(c[:2], (pill.x, pill.y)) < reach + c[2]]

        # Badges of earlier rings are in the way only if they sit next to this one.
        inner = [q for q in spots if line.distance(*q) > -2 * BADGE - 2]
        found: list[Point] = []

        def free(point: Point, near: list[Circle] = near, ours: list[Point] = inner) -> bool:
            circles = near + [(x, y, float(BADGE)) for x, y in ours]
            return all(math.dist(point, c[:2]) >= c[2] + BADGE + 2 for c in circles) and all(
                shape.distance(*point) >= BADGE + 1 for shape in keep_out
            )

        every = 1.0 if ring == 0 else 2.0
        outline = line.outline(every)
        n = len(outline)
        # The outer point: where the line meets the ray from the centre along `outward`.
        origin = max(range(n), key=lambda i: _dot(outline[i], pill, outward))
        wanted = count - len(spots)
        # First choice: the badges side by side, centred on the outer point.
        spacing = round((2 * BADGE + 6) / every)  # along a curve the chord is a little shorter
        for k in range(wanted):
            point = outline[(origin + round((k - (wanted - 1) / 2) * spacing)) % n]
            if not free(point, ours=inner + found):
                found.clear()
                break
            found.append(point)
        # Otherwise the free points nearest the outer point, one by one.
        if not found:
            for i in sorted(range(n), key=lambda i: min((i - origin) % n, (origin - i) % n)):
                if free(outline[i], ours=inner + found):
                    found.append(outline[i])
                    if len(found) == wanted:
                        break
        spots += sorted(found, key=lambda p: (round(p[1]), p[0]))  # in reading order
        ring += 1
    return spots


def _dot(point: Point, pill: Pill, direction: Point) -> float:
    """How far `point` lies along `direction` from the pill's centre, per unit of distance."""
    dx, dy = point[0] - pill.x, point[1] - pill.y
    return (dx * direction[0] + dy * direction[1]) / (math.hypot(dx, dy) or 1.0)


def layout(steps: list[dict[str, Any]], patterns: list[dict[str, Any]]) -> dict[str, Any]:
    """Everything the template draws, for `steps` clockwise from the top and their patterns."""
    here = [[p for p in patterns if p["cycle_step"] == step["id"]] for step in steps]
    labels = tuple(step["label"] for step in steps)
    geo = dict(_geometry(labels, tuple(s["pdca"] for s in steps), tuple(map(len, here))))
    geo["nodes"] = [
        {
            **node,
            "step": step,
            "markers": [
                {"pattern": p, "x": x, "y": y} for p, (x, y) in zip(at, node["spots"], strict=True)
            ],
        }
        for node, step, at in zip(geo["nodes"], steps, here, strict=True)
    ]
    return geo


@functools.cache
def _geometry(
    labels: tuple[str, ...], pdca: tuple[str, ...], badges: tuple[int, ...]
) -> dict[str, Any]:
    """The numbers of a diagram (cached: a build draws the same diagram on several pages)."""
    size = LABEL_WIDE if all(is_wide(c) for label in labels for c in label) else LABEL_LATIN
    h = round(size * 2.15)
    w = max(h * 1.6, max(text_width(label, size) for label in labels) + 2 * PAD)
    a = (WIDTH - w) / 2 - BADGE - MARGIN
    for _ in range(6):
        geo = _draw(labels, pdca, badges, size, w, h, a)
        # Badges or labels may stick out further than planned: pull the sides in and try again.
        if geo["width"] <= WIDTH + 0.01 or a <= w / 2 + GAP:
            break
        a = max(w / 2 + GAP, a - (geo["width"] - WIDTH) / 2 - 1)  # the sides never touch
    return geo


def _draw(
    labels: tuple[str, ...],
    pdca: tuple[str, ...],
    badges: tuple[int, ...],
    size: int,
    w: float,
    h: int,
    a: float,
) -> dict[str, Any]:
    count = len(labels)
    track, params = fit_track(count, a, w, h)
    pills = [Pill(*track.at(t), w, h) for t in params]
    stretches = spans(track, params, w, h)
    arrows = [arrow(track, start, end) for start, end in stretches]
    for item, gap in zip(arrows, lengths(track, spans(track, params, w, h, False)), strict=True):
        item["gap"] = gap  # the space between the two pills, flags aside
    lines = [c for start, end in stretches for c in track.samples(start, end)]

    # PDCA bands: from halfway before a phase's first step to halfway after its last.
    bounds = [params[0] - (params[0] - params[-1] + math.tau) / 2]
    bounds += [(params[i - 1] + params[i]) / 2 for i in range(1, count)]
    bounds.append(bounds[0] + math.tau)
    hairline = 3 / max(track.a, track.b)  # a thin gap between neighbouring phases
    phases: list[dict[str, Any]] = []
    index = 0
    for phase_id, group in groupby(pdca):
        n = len(list(group))
        start, end = bounds[index] + hairline, bounds[index + n] - hairline
        phases.append({"id": phase_id, "path": track.path(start, end), "mid": (start + end) / 2})
        index += n

    nodes: list[dict[str, Any]] = []
    flags: list[Circle] = []
    taken: list[Circle] = []
    for label, count_here, pill in zip(labels, badges, pills, strict=True):
        left, top = pill.x - pill.w / 2, pill.y - pill.h / 2
        flag = flag_of(pill)
        flags.append(flag)
        # The oval's normal at the pill's centre points away from the middle.
        nx, ny = pill.x / track.a**2, pill.y / track.b**2
        outward = (nx / (math.hypot(nx, ny) or 1.0), ny / (math.hypot(nx, ny) or 1.0))
        text = Pill(pill.x, pill.y, text_width(label, size) + size, size)
        keep_out = [p for p in pills if p is not pill] + [text]
        spots = badge_spots(pill, outward, count_here, [flag, *lines, *taken], keep_out)
        taken += [(x, y, float(BADGE)) for x, y in spots]
        nodes.append(
            {
                "x": round(pill.x, 2),
                "y": round(pill.y, 2),
                "left": round(left, 2),
                "top": round(top, 2),
                "flag": flag,
                "spots": [(round(x, 2), round(y, 2)) for x, y in spots],
            }
        )

    boxes: list[Box] = [(p.x - p.w / 2, p.y - p.h / 2, p.x + p.w / 2, p.y + p.h / 2) for p in pills]
    boxes += [(x - r, y - r, x + r, y + r) for x, y, r in taken + flags]
    obstacles = boxes + [(x - r, y - r, x + r, y + r) for x, y, r in lines]
    for phase in phases:
        phase.update(_phase_label(track, phase["mid"], phase["id"].capitalize(), obstacles))
        boxes.append(obstacles[-1])
    hub = _hub(obstacles)
    x0 = min(box[0] for box in boxes) - MARGIN
    y0 = min(box[1] for box in boxes) - MARGIN
    x1 = max(box[2] for box in boxes) + MARGIN
    y1 = max(box[3] for box in boxes) + MARGIN
    return {
        "view": f"{x0:.2f} {y0:.2f} {x1 - x0:.2f} {y1 - y0:.2f}",
        "width": x1 - x0,
        "height": y1 - y0,
        "label_size": size,
        "node_w": round(w, 2),
        "node_h": h,
        "badge": BADGE,
        "track": track,
        "pills": pills,
        "nodes": nodes,
        "arrows": arrows,
        "phases": phases,
        "hub": hub,
    }


def _overlaps(box: Box, others: list[Box], margin: float = 3) -> bool:
    return any(
        box[0] < o[2] + margin
        and o[0] < box[2] + margin
        and box[1] < o[3] + margin
        and o[1] < box[3] + margin
        for o in others
    )


def _phase_label(track: Track, mid: float, word: str, obstacles: list[Box]) -> dict[str, Any]:
    """The phase's name inside the oval, as close to its band as the pills and arrows allow."""
    half_w, half_h = text_width(word, PHASE_SIZE) / 2, PHASE_SIZE * 0.7
    tx, ty = track.at(mid)
    norm = math.hypot(tx, ty) or 1.0
    box = (tx - half_w, ty - half_h, tx + half_w, ty + half_h)
    for inset in range(int(BAND / 2), int(norm)):
        x, y = tx - tx / norm * inset, ty - ty / norm * inset
        box = (x - half_w, y - half_h, x + half_w, y + half_h)
        if not _overlaps(box, obstacles):
            break
    obstacles.append(box)
    return {
        "word": word,
        "x": round((box[0] + box[2]) / 2, 2),
        "y": round((box[1] + box[3]) / 2, 2),
    }


def _hub(obstacles: list[Box]) -> dict[str, Any] | None:
    """The word PDCA in the middle of the oval, when it fits there."""
    half_w, half_h = text_width("PDCA", HUB_SIZE) / 2 + 4, HUB_SIZE * 0.7
    if _overlaps((-half_w, -half_h, half_w, half_h), obstacles):
        return None
    return {"word": "PDCA", "x": 0.0, "y": 0.0}
