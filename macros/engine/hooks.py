"""MkDocs hooks: check the dataset first, derive per-language settings, add generated pages.

Runs in every language build (docs/ja.yml, docs/en.yml). The dataset is checked in `on_config`,
before MkDocs cleans the site directory, so a broken dataset leaves the last good site untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.content import dataset, pages
from macros.content.schema import LANGUAGES
from macros.content.site import published_root, site_root
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
    lang = language(config)
    content = dataset.load(data_dir(config))
    view = pages.view(content, lang)
    ui = view["ui"]
    root = site_root(config.site_url)
    published = published_root(config.site_url)
    # No made-up address without SITE_URL: no canonical_url, so no absolute links (site.py).
    config.site_url = f"{published}{lang}/" if published else None
    config.site_name = ui["site_name"]
    config.site_description = ui["site_description"]
    config.use_directory_urls = False  # pages open from disk (file://) and on any static host
    config.nav = pages.nav(view)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = ui["permalink"]
    for entry in config.theme["palette"]:
        key = entry["toggle"]["name"]
        entry["toggle"]["name"] = ui.get(key, key)
    names = content.ui.root["language_name"]
    languages = [{"code": code, "name": names[code]} for code in LANGUAGES]
    extra: Any = config.extra
    not_found = {k: ui[k] for k in ("not_found_title", "not_found_text", "nav_home_link")}
    extra["crm"] = {"lang": lang, "root": root, "languages": languages, "ui": not_found}
    extra["alternate"] = languages  # makes Material's header show the selector (our partial)


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
    site = Path(config.site_dir)
    sitemap.write_folder_sitemaps(site, config.site_url or "")
    bundle.write(Path(config.theme.custom_dir or "overrides"), site)  # before minifying it
    assets.write(config)
    if language(config) == "ja":
        phrases.mark_site(site)  # <wbr> between phrases; before the policy hashes the pages
    csp.protect_site(site)
