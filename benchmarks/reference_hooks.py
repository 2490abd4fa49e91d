"""MkDocs hooks of the reference build (benchmarks/reference.py): the site's page generation and
navigation (macros/engine/hooks.py), without anything that changes how pages load (merged styles,
minified scripts, security policy)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from macros.engine import hooks
from macros.postbuild import sitemap

on_files = hooks.on_files


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    hooks.configure(config)  # not assets.prepare: Material loads its own files its own way
    return config


def on_post_build(config: MkDocsConfig) -> None:
    # Material fetches a sitemap next to every hreflang link; without one it logs 404s.
    sitemap.write_folder_sitemaps(Path(config.site_dir), config.site_url or "")
