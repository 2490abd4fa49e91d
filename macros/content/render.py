"""Render the project's Jinja templates (overrides/crm/) with escaping on by default."""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError

_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


@functools.lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list"])


def inline(text: str) -> Markup:
    """Dataset text as HTML: its HTML escaped, its inline Markdown (emphasis, links) rendered."""
    converter = _markdown()
    html = converter.reset().convert(str(escape(text)))
    match = _PARAGRAPH.match(html)
    return Markup(match.group(1) if match else html)


def relative(target: str, page: str) -> str:
    """Link from the source file `page` to the source file `target`, both relative to docs_dir."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def href(target: str, page: str) -> str:
    """URL of the built page `target` from the built page `page`; empty on the same page.

    For HTML written by templates, which MkDocs does not rewrite (use_directory_urls is off).
    """
    if target == page:
        return ""
    return posixpath.splitext(relative(target, page))[0] + ".html"


@functools.lru_cache(maxsize=4)
def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,  # dataset text is data: `<script>` in a title must show as text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = inline
    env.filters["relative"] = relative
    env.filters["href"] = href
    return env


def render(templates: Path, name: str, **context: Any) -> str:
    """Render `name`; a missing value (e.g. a UI string) fails with the template and the fix."""
    try:
        return environment(templates).get_template(name).render(**context)
    except jinja2.UndefinedError as error:
        raise PluginError(
            f"{templates / name}: {error.message}. If it is an interface string, "
            "add it to docs/data/ui.yml in both languages."
        ) from None
