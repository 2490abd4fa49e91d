"""Run axe-core (pinned in package.json) in a Playwright page and return its violations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

from tests.audit.programs import npm_file

# WCAG 2.1 levels A and AA, the standard the site commits to.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact || "",
    help: v.help,
    nodes: v.nodes.map((n) => ({
      target: n.target.map(String).join(" "),
      html: n.html.slice(0, 300),
      summary: n.failureSummary || "",
    })),
  }));
}"""


@dataclass(frozen=True)
class Node:
    target: str
    html: str
    summary: str


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on a page, with every element that breaks it."""

    rule: str
    impact: str
    help: str
    nodes: tuple[Node, ...]

    def describe(self) -> str:
        lines = [f"  {self.rule} ({self.impact}): {self.help}"]
        for node in self.nodes:
            opening_tag = " ".join(node.html.split(">", 1)[0].split()) + ">"
            summary = " ".join(node.summary.split())
            lines.append(f"      - {node.target}  {opening_tag}\n        {summary}")
        return "\n".join(lines)


def _violation(raw: dict[str, Any]) -> Violation:
    nodes = tuple(Node(n["target"], n["html"], n["summary"]) for n in raw["nodes"])
    return Violation(raw["rule"], raw["impact"], raw["help"], nodes)


def inject(page: Page) -> None:
    """Load axe-core into the page, once. Through the debugger, not a <script> tag: the site's
    content security policy blocks inline scripts, as it should."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(npm_file("axe-core", "axe.min.js").read_text(encoding="utf-8"))


def violations(page: Page, tags: tuple[str, ...] = WCAG_TAGS) -> list[Violation]:
    """axe-core's violations of `tags` in the page as it is now."""
    inject(page)
    found: list[dict[str, Any]] = page.evaluate(RUN, list(tags))
    return [_violation(raw) for raw in found]
