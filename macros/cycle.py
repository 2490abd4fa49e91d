"""Geometry of the dream-cycle diagram: where each step, arc, arrow and pattern marker goes.

Plain numbers only; the SVG markup is in overrides/crm/cycle.html.
"""

from __future__ import annotations

import math
from itertools import groupby
from typing import Any

SIZE = 480  # viewBox width and height
CENTER = SIZE / 2
RADIUS = 160  # circle the step nodes sit on
NODE_W, NODE_H = 104, 46  # a step node: fits "Reflection" at 15 px
RING = 96  # radius of the PDCA ring inside the nodes
BADGE = 15  # radius of a pattern marker
BADGE_RADIUS = 224  # pattern markers sit outside their step


def polar(angle: float, radius: float) -> tuple[float, float]:
    """(x, y) at `angle` (radians, 0 = top, clockwise) on a circle around the centre."""
    return (
        round(CENTER + radius * math.sin(angle), 2),
        round(CENTER - radius * math.cos(angle), 2),
    )


def arc(start: float, end: float, radius: float) -> str:
    """SVG path of a clockwise arc between two angles."""
    (ax, ay), (bx, by) = polar(start, radius), polar(end, radius)
    large = 1 if end - start > math.pi else 0
    return f"M {ax} {ay} A {radius} {radius} 0 {large} 1 {bx} {by}"


def _node_gap(angle: float) -> float:
    """Angle from a node's centre to where an arrow may start, clear of the node's box."""
    # Half the node's extent along the tangent: between its half-width and half-height.
    half = abs(math.cos(angle)) * NODE_W / 2 + abs(math.sin(angle)) * NODE_H / 2
    return math.asin(min(1.0, (half + 8) / RADIUS))


def layout(steps: list[dict[str, Any]], patterns: list[dict[str, Any]]) -> dict[str, Any]:
    """Positions for `steps` clockwise from the top, PDCA arcs, and each pattern's marker."""
    count = len(steps)
    step_angle = 2 * math.pi / count
    nodes = []
    for index, step in enumerate(steps):
        angle = index * step_angle
        x, y = polar(angle, RADIUS)
        markers = []
        here = [p for p in patterns if p["cycle_step"] == step["id"]]
        for offset, pattern in enumerate(here):
            spread = (offset - (len(here) - 1) / 2) * 0.2
            bx, by = polar(angle + spread, BADGE_RADIUS)
            markers.append({"pattern": pattern, "x": bx, "y": by})
        nodes.append({"step": step, "x": x, "y": y, "markers": markers})
    arrows = []
    for index in range(count):
        start = index * step_angle
        end = start + step_angle
        arrows.append(arc(start + _node_gap(start), end - _node_gap(end), RADIUS))
    phases = []
    index = 0
    for phase_id, group in groupby(steps, key=lambda s: s["pdca"]):
        size = len(list(group))
        start = (index - 0.5) * step_angle + 0.05
        end = (index + size - 0.5) * step_angle - 0.05
        lx, ly = polar((start + end) / 2, RING - 26)
        phases.append({"id": phase_id, "path": arc(start, end, RING), "x": lx, "y": ly})
        index += size
    return {
        "size": SIZE,
        "center": CENTER,
        "node_w": NODE_W,
        "node_h": NODE_H,
        "badge": BADGE,
        "nodes": nodes,
        "arrows": arrows,
        "phases": phases,
    }
