"""Run the Nu HTML Checker (vnu.jar, pinned in package.json) and match its errors to an allowlist.

The allowlist (tests/vnu-allowlist.txt) holds errors in Material's own markup only. An entry is
`MESSAGE-REGEX || MARKUP-REGEX` (both searched, the second in the checker's extract of the page),
with the reason in the comment lines above it.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.audit.programs import npm_file, program

ALLOWLIST = Path(__file__).resolve().parent.parent / "vnu-allowlist.txt"


@dataclass(frozen=True)
class Message:
    """One error the checker reported: page, line, message and the markup around it."""

    page: str
    line: int
    message: str
    extract: str

    def describe(self) -> str:
        extract = " ".join(self.extract.split())
        return f"{self.page}:{self.line}: {self.message}\n      {extract}"


@dataclass(frozen=True)
class Allowed:
    """An allowlist entry: which message, in which markup, and why it is accepted."""

    message: re.Pattern[str]
    markup: re.Pattern[str]
    reason: str

    def matches(self, error: Message) -> bool:
        return bool(self.message.search(error.message) and self.markup.search(error.extract))


def load_allowlist(path: Path = ALLOWLIST) -> list[Allowed]:
    """Entries of the allowlist file; each must follow a comment giving its reason."""
    entries: list[Allowed] = []
    reason: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line.startswith("#"):
            reason.append(line.lstrip("# "))
        elif line:
            message, sep, markup = line.partition(" || ")
            if not sep or not reason:
                raise ValueError(
                    f"{path}:{number}: write `MESSAGE-REGEX || MARKUP-REGEX` after a # reason"
                )
            entries.append(Allowed(re.compile(message), re.compile(markup), " ".join(reason)))
            reason = []
        else:
            reason = []
    return entries


def check(site_dir: Path) -> list[Message]:
    """Errors (not warnings) the checker finds in every HTML file under `site_dir`."""
    jar = npm_file("vnu-jar", "build", "dist", "vnu.jar")
    done = subprocess.run(
        [program("java"), "-jar", str(jar), "--format", "json", "--skip-non-html", str(site_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # Exit status 1 only means "errors found"; the JSON report goes to stderr.
    try:
        report = json.loads(done.stderr)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"vnu.jar failed ({done.returncode}): {done.stderr[-2000:]}") from error
    errors = []
    for item in report["messages"]:
        if item["type"] not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlsplit(item.get("url", "")).path))
        page = path.relative_to(site_dir).as_posix() if path.is_relative_to(site_dir) else str(path)
        line = int(item.get("lastLine", item.get("firstLine", 0)))
        errors.append(Message(page, line, item["message"], item.get("extract", "")))
    return errors
