"""MkDocs hook: word keys and dictionary forms in the Japanese search index (search_index.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from macros.search import search_index


def search_languages(config: MkDocsConfig) -> list[str]:
    """The `lang` of the build's search plugin as configured; empty without search."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and plugin.config.get("enabled", True):
            lang: list[str] = plugin.config.get("lang") or []
            return lang
    return []


# After Material's search plugin (priority 0) has written the index, before Material's offline
# plugin (-100) copies it into search_index.js for pages opened from disk.
@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    if not search_index.KEYED_LANGUAGES.intersection(search_languages(config)):
        return
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        raise PluginError(f"{path} is missing: Material's search plugin wrote no index")
    search_index.rewrite(path)
