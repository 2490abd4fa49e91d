"""MkDocs hooks: glue between MkDocs and the engine-free parts of the build.

Runs in every language build (docs/ja.yml, docs/en.yml). The dataset is checked in `on_config`,
before MkDocs cleans the site directory, so a broken dataset leaves the last good site untouched.
What is configured (macros/content/site.py, settings), the generated pages
(macros/content/pages.py, generated) and the post-build steps (macros/postbuild/) are functions
of plain values; the hooks only pass MkDocs' config and files to them (BUILD-NOTES.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.content import dataset, pages, site
from macros.content.schema import LANGUAGES
from macros.postbuild import assets, bundle, csp, phrases, sitemap


def language(config: MkDocsConfig) -> str:
    """The build's language: the name of its docs folder (docs/ja → ja)."""
    lang = Path(config.docs_dir).name
    if lang not in LANGUAGES:
        raise PluginError(
            f"docs_dir '{config.docs_dir}' is not a language folder ({', '.join(LANGUAGES)}). "
            "mkdocs.yml is the shared base: build with `python -m macros build`, "
            "or one language with `mkdocs build -f docs/ja.yml`."
        )
    return lang


def data_dir(config: MkDocsConfig) -> Path:
    return Path(config.docs_dir).parent / "data"


def templates_dir(config: MkDocsConfig) -> Path:
    custom = config.theme.custom_dir
    if not custom:
        raise PluginError("theme.custom_dir must point at overrides/")
    return Path(custom) / "crm"


@event_priority(100)  # before every plugin, so nothing runs on a broken dataset
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    configure(config)
    assets.prepare(config)
    return config


def configure(config: MkDocsConfig) -> None:
    """Check the dataset and set what the pages need: language, names, navigation."""
    found = site.settings(dataset.load(data_dir(config)), language(config), config.site_url)
    config.site_url = found.site_url
    config.site_name = found.site_name
    config.site_description = found.site_description
    config.use_directory_urls = False  # pages open from disk (file://) and on any static host
    config.nav = found.nav
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = found.ui["permalink"]
    for entry in config.theme["palette"]:
        key = entry["toggle"]["name"]
        entry["toggle"]["name"] = found.ui.get(key, key)
    extra: Any = config.extra
    extra["crm"] = found.crm
    extra["alternate"] = found.alternate


def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = language(config)
    view = pages.view(dataset.load(data_dir(config)), lang)
    for src_uri, text in pages.generated(view, templates_dir(config)):
        files.append(File.generated(config, src_uri, content=text))
    return files


def on_page_content(html: str, page: Page, **_: Any) -> str:
    assets.mark(html, page)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    """Sitemaps in each sub-folder (Material fetches one next to every hreflang link: no 404),
    the checklist's modules bundled into one script, our own scripts and styles minified, and
    last, once the pages are final, the security policy."""
    built = Path(config.site_dir)
    sitemap.write_folder_sitemaps(built, config.site_url or "")
    bundle.write(Path(config.theme.custom_dir or "overrides"), built)  # before minifying it
    assets.write(config)
    if language(config) == "ja":
        phrases.mark_site(built)  # <wbr> between phrases; before the policy hashes the pages
    csp.protect_site(built)
