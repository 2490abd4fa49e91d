"""MkDocs hooks of the reference build (benchmarks/reference.py): the site's page generation and
navigation (macros/hooks.py), without anything that changes how pages load (merged styles,
minified scripts, security policy)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from macros import hooks, sitemap

on_config = hooks.on_config
on_files = hooks.on_files


def on_post_build(config: MkDocsConfig) -> None:
    # Material fetches a sitemap next to every hreflang link; without one it logs 404s.
    sitemap.write_folder_sitemaps(Path(config.site_dir), config.site_url or "")
