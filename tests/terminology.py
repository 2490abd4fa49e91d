"""The terminology rules of docs/data/terms.yml, and the text they are checked against.

Kept apart from the test so that a maintainer can run the check on its own:
`python -m tests.terminology site/` lists every break of a rule in a built site.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "docs" / "data" / "terms.yml"
UI = ROOT / "docs" / "data" / "ui.yml"


@dataclass(frozen=True)
class Rule:
    preferred: str
    pattern: re.Pattern[str]
    bad: str
    good: str


@dataclass(frozen=True)
class Finding:
    where: str
    found: str
    preferred: str
    context: str

    def __str__(self) -> str:
        return f"{self.where}: 「{self.found}」 → {self.preferred}  (…{self.context}…)"


def rules(lang: str, path: Path = TERMS) -> list[Rule]:
    """The rules for `lang`; a banned term becomes a pattern that matches it literally."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    out = []
    for entry in data[lang]:
        if "pattern" in entry:
            out.append(
                Rule(entry["preferred"], re.compile(entry["pattern"]), entry["bad"], entry["good"])
            )
            continue
        banned = sorted(entry["banned"], key=len, reverse=True)
        flags = re.IGNORECASE if lang == "en" else 0
        pattern = re.compile("|".join(re.escape(word) for word in banned), flags)
        out.append(Rule(entry["preferred"], pattern, banned[0], entry["preferred"]))
    return out


def check(text: str, where: str, lang_rules: Iterable[Rule]) -> Iterator[Finding]:
    """Every break of a rule in `text`."""
    for rule in lang_rules:
        for match in rule.pattern.finditer(text):
            start, end = max(match.start() - 12, 0), match.end() + 12
            yield Finding(where, match.group(), rule.preferred, text[start:end])


def page_text(html: str) -> str:
    """What a reader reads on a built page: title, description and the article, no quotations.

    Text is joined as the browser shows it (``<strong>…。</strong> 「`` keeps its space; blocks
    are apart by the line breaks between them). Nav, header and footer come from the dataset or
    from Material and are checked where they are written.
    """
    soup = BeautifulSoup(html, "html.parser")
    parts = []
    if soup.title:
        parts.append(soup.title.get_text())
    description = soup.find("meta", attrs={"name": "description"})
    if description:
        parts.append(str(description.get("content", "")))
    article = soup.find("article")
    if article:
        for quote in article.find_all("blockquote"):
            quote.decompose()  # quotations keep the spelling of what they quote
        for tag in article.find_all(class_="headerlink"):
            tag.decompose()
        parts.append(article.get_text())
    return "\n".join(parts)


def check_site(site: Path, lang: str) -> list[Finding]:
    """Every break of a rule on the built pages of `lang`."""
    lang_rules = rules(lang)
    found: list[Finding] = []
    for page in sorted((site / lang).rglob("*.html")):
        text = page_text(page.read_text(encoding="utf-8"))
        found += check(text, str(page.relative_to(site)), lang_rules)
    return found


def script_strings(path: Path = UI) -> dict[str, dict[str, str]]:
    """The `cl_*` strings of ui.yml: the checklist scripts show them as they are."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if key.startswith("cl_")}


def check_strings(path: Path, lang: str) -> list[Finding]:
    """Every break of a rule in the `cl_*` strings of `path`, in `lang`."""
    lang_rules = rules(lang)
    found: list[Finding] = []
    for key, value in script_strings(path).items():
        found += check(str(value[lang]), f"{path.name}: {key}", lang_rules)
    return found


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    found = [*check_strings(UI, "ja"), *check_site(site, "ja"), *check_site(site, "en")]
    for finding in found:
        print(finding)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
