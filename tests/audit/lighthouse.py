"""Run Lighthouse on pages and report category scores and the audits that cost points."""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.audit.programs import CHROMIUM, CHROMIUM_ARGS, npm_file, program

RUNNER = Path(__file__).with_name("lighthouse.mjs")
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
    "total-byte-weight",  # bytes transferred (compressed as the server sent them)
)
# Requests that held back the first paint (Lighthouse 12 insight; the older audit as fallback).
BLOCKING_AUDITS = ("render-blocking-insight", "render-blocking-resources")


@dataclass(frozen=True)
class Failure:
    """One audit that lost points in a category, with what it flagged."""

    category: str
    audit: str
    title: str
    items: tuple[str, ...]

    def describe(self) -> str:
        lines = [f"  [{self.category}] {self.audit}: {self.title}"]
        lines += [f"      - {item}" for item in self.items]
        return "\n".join(lines)


@dataclass(frozen=True)
class Report:
    """Scores (0–100) of one page, and every weighted audit that did not pass."""

    url: str
    scores: dict[str, int | None]
    failures: tuple[Failure, ...]
    metrics: dict[str, float]
    # Performance insights that estimate a saving (title, estimate), e.g. render-blocking requests.
    hints: tuple[tuple[str, str], ...]
    blocking: tuple[str, ...] = ()  # URLs of render-blocking requests
    # Unrounded scores (0–100): medians of rounded ones hide differences of a fraction of a point.
    exact: dict[str, float] = field(default_factory=dict)


def describe_item(item: dict[str, Any]) -> str:
    """One flagged thing in words: an element (selector and markup), a URL, or a message."""
    node = item.get("node")
    if isinstance(node, dict):
        reason = str(node.get("explanation", "")).replace("\n", " ")
        return f"{node.get('selector', '?')}  {node.get('snippet', '')}  {reason}".strip()
    parts = [str(item[key]) for key in ("description", "source", "url") if item.get(key)]
    location = item.get("sourceLocation")
    if isinstance(location, dict) and location.get("url"):
        parts.append(str(location["url"]))
    return "  ".join(parts) or json.dumps(item, ensure_ascii=False)[:300]


def flagged_items(audit: dict[str, Any], limit: int = 8) -> tuple[str, ...]:
    details = audit.get("details") or {}
    items = [i for i in details.get("items", []) if isinstance(i, dict)]
    described = [describe_item(i) for i in items[:limit]]
    if len(items) > limit:
        described.append(f"… and {len(items) - limit} more")
    return tuple(described)


def parse_report(lhr: dict[str, Any]) -> Report:
    """Scores and failing weighted audits of a Lighthouse result (LHR)."""
    audits: dict[str, Any] = lhr["audits"]
    scores: dict[str, int | None] = {}
    exact: dict[str, float] = {}
    failures: list[Failure] = []
    for name, category in lhr["categories"].items():
        score = category["score"]
        scores[name] = None if score is None else round(score * 100)
        weights = [(ref["weight"], audits[ref["id"]]["score"]) for ref in category["auditRefs"]]
        total = sum(weight for weight, _ in weights)
        if score is not None and total:  # the category score before Lighthouse rounds it
            exact[name] = 100 * sum(weight * (s or 0) for weight, s in weights) / total
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failures.append(Failure(name, ref["id"], audit["title"], flagged_items(audit)))
    metrics = {
        key: float(audits[key]["numericValue"])
        for key in METRICS
        if key in audits and audits[key].get("numericValue") is not None
    }
    return Report(
        lhr["finalDisplayedUrl"],
        scores,
        tuple(failures),
        metrics,
        _hints(lhr),
        _blocking(lhr),
        exact,
    )


def _blocking(lhr: dict[str, Any]) -> tuple[str, ...]:
    for name in BLOCKING_AUDITS:
        audit = lhr["audits"].get(name)
        if audit is not None:
            items = (audit.get("details") or {}).get("items", [])
            return tuple(str(i.get("url", "?")) for i in items if isinstance(i, dict))
    return ()


def _hints(lhr: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """Unweighted performance audits that fail and estimate a saving on a metric."""
    category = lhr["categories"].get("performance")
    if category is None:
        return ()
    hints = []
    for ref in category["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        savings = audit.get("metricSavings") or {}
        if audit["score"] is not None and audit["score"] < 1 and any(savings.values()):
            shown = ", ".join(f"{k} {v:.0f}" for k, v in savings.items() if v)
            hints.append((str(audit["title"]), str(audit.get("displayValue") or shown)))
    return tuple(hints)


def run(urls: Sequence[str], categories: Sequence[str]) -> list[Report]:
    """Lighthouse (mobile, default config) on each URL in turn, with one Chromium."""
    npm_file("lighthouse", "package.json")  # a clear message if `npm ci` was not run
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        work = Path(tmp)
        outputs = [work / f"{i}.json" for i in range(len(urls))]
        spec = {
            "chrome": CHROMIUM,
            "flags": list(CHROMIUM_ARGS),
            "categories": list(categories),
            "urls": [[url, str(out)] for url, out in zip(urls, outputs, strict=True)],
        }
        (work / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
        done = subprocess.run(
            [program("node"), str(RUNNER), str(work / "spec.json")],
            capture_output=True,
            text=True,
            timeout=120 + 60 * len(urls),
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"Lighthouse failed ({done.returncode}):\n{done.stderr[-3000:]}")
        return [parse_report(json.loads(out.read_text(encoding="utf-8"))) for out in outputs]
