"""How the pages load their styles and scripts, so that none of ours holds back the first paint.

- `extra_css` (every page) is merged, minified, after Material's own stylesheets into one file:
  a page asks for one stylesheet, as a plain Material page asks for its own.
- No script is fetched before the first paint. Material's bundle, `extra_javascript` (every
  page) and the checklist's scripts are listed on an inline loader (assets/javascripts/loader.js,
  minified into every page's head; templates: main.html) that requests them, in that order, once
  the page's content is on screen, and after an instant navigation loads what the new page lists.
  They are classic scripts run in order, as `defer` would run them.
- `extra.checklist_assets` is loaded only on pages with a checklist (`[data-crm-root]`) or a
  report (`[data-crm-report]`), decided per page from its HTML at build time: stylesheets are
  inlined; scripts are requested once the checklist is near the screen (on a pattern page it is
  far below the fold), or at once for a reader with saved answers or a share link.
- The favicon comes inside each page (a `data:` address): browsers ask for it when the page has
  loaded, which is before the first paint once no script holds the load event back.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from macros.content import contract
from macros.postbuild import compile_hints, minify

# The elements that use the checklist's code: found in a page's HTML at build time (the
# marker), and near the screen by the loader in the browser (the selector). Their names, the
# storage key and the share link's fragment are the checklist's (contract.json): either of the
# last two in the browser means its code is needed at once (tests/test_asset_loading.py).
_NAMES = contract.load()
CHECKLIST_ELEMENTS = (_NAMES["elements"]["checklist"], _NAMES["elements"]["report"])
CHECKLIST_MARKER = re.compile(rf"<[^>]*\s(?:{'|'.join(CHECKLIST_ELEMENTS)})[\s=>]")
CHECKLIST_SELECTOR = ", ".join(f"[{name}]" for name in CHECKLIST_ELEMENTS)
CHECKLIST_SAVED: str = _NAMES["storage"]["key"]
CHECKLIST_SHARED: str = _NAMES["shareFragment"]
# Material's stylesheets, as its base.html links them (block styles): main, then the palette.
MATERIAL_STYLES = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
MATERIAL_BUNDLE = "assets/javascripts/bundle.*.min.js"
LOADER = "assets/javascripts/loader.js"  # inlined into every page, not shipped as a file


@dataclass
class Assets:
    """What the templates need: the merged stylesheet, and the checklist's scripts and CSS."""

    stylesheet: str  # path of the merged stylesheet in the site
    bundle: str  # Material's bundle (its name carries a hash)
    stylesheet_text: str
    loader: str  # the inline script that loads the page's scripts after the first paint
    favicon: str  # `data:` address of theme.favicon
    scripts: list[str] = field(default_factory=list)  # every page, after Material's bundle
    checklist_scripts: list[str] = field(default_factory=list)
    checklist_near: str = ""  # JSON for the loader: when to request checklist_scripts
    checklist_style: str = ""  # minified, inlined
    own: list[str] = field(default_factory=list)  # our files to minify in the built site


def source(config: MkDocsConfig, relative: str) -> Path:
    """A theme file (ours first, then Material's), as MkDocs would copy it into the site."""
    for folder in config.theme.dirs:
        path = Path(folder) / relative
        if path.is_file():
            return path
    raise PluginError(f"{relative}: no such file in {', '.join(config.theme.dirs)}")


def material_file(config: MkDocsConfig, pattern: str) -> tuple[str, str]:
    for folder in config.theme.dirs:
        found = sorted(Path(folder).glob(pattern))
        if found:
            return found[0].relative_to(folder).as_posix(), found[0].read_text("utf-8")
    raise PluginError(f"Material's {pattern} not found: was Material upgraded?")


def data_address(path: Path) -> str:
    """An SVG as a `data:` address, escaped only where a URL or an HTML attribute needs it."""
    text = " ".join(path.read_text("utf-8").split()).replace('"', "'")
    return "data:image/svg+xml," + quote(text, safe="'/:=;,.-_()")


def prepare(config: MkDocsConfig) -> Assets:
    """Work out the page assets (on_config); empties `extra_css`, which the merge replaces."""
    extra: Any = config.extra
    parts = []
    wanted = MATERIAL_STYLES if config.theme["palette"] else MATERIAL_STYLES[:1]
    for pattern in wanted:
        name, text = material_file(config, pattern)
        parts.append(f"/* {name} */\n{text}")
    own_css = [str(path) for path in config.extra_css]
    for relative in own_css:
        text = rcssmin.cssmin(source(config, relative).read_text("utf-8"))
        parts.append(f"/* {relative} */\n{text}")
    text = "\n".join(parts) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    checklist = [str(path) for path in extra.get("checklist_assets", [])]
    unknown = [path for path in checklist if Path(path).suffix not in {".css", ".js"}]
    if unknown:
        raise PluginError(f"extra.checklist_assets: only .css and .js files, not {unknown}")
    styles = [
        rcssmin.cssmin(source(config, path).read_text("utf-8"))
        for path in checklist
        if path.endswith(".css")
    ]
    checklist_scripts = [path for path in checklist if path.endswith(".js")]
    assets = Assets(
        stylesheet=f"assets/stylesheets/site.{digest}.min.css",
        bundle=material_file(config, MATERIAL_BUNDLE)[0],
        stylesheet_text=text,
        loader=rjsmin.jsmin(source(config, LOADER).read_text("utf-8")).strip(),
        favicon=data_address(source(config, str(config.theme["favicon"]))),
        scripts=[str(script) for script in config.extra_javascript],
        checklist_scripts=checklist_scripts,
        checklist_near=json.dumps(
            {
                "scripts": checklist_scripts,
                "of": CHECKLIST_SELECTOR,
                "saved": CHECKLIST_SAVED,
                "hash": CHECKLIST_SHARED,
            },
            separators=(",", ":"),
        ),
        checklist_style="".join(styles),
        own=[str(script) for script in config.extra_javascript] + own_css + checklist,
    )
    config.extra_css = []  # merged into assets.stylesheet, linked by main.html
    extra["crm_assets"] = assets
    return assets


def mark(html: str, page: Page) -> None:
    """Note on the page whether it holds a checklist or a report (on_page_content)."""
    page.meta["crm_checklist"] = bool(CHECKLIST_MARKER.search(html))


def write(config: MkDocsConfig) -> None:
    """Write the merged stylesheet, minify our own files in the built site and mark the scripts
    that run on load for compiling in the background (on_post_build)."""
    assets: Assets = config.extra["crm_assets"]
    site = Path(config.site_dir)
    target = site / assets.stylesheet
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(assets.stylesheet_text, encoding="utf-8")
    (site / LOADER).unlink(missing_ok=True)  # inlined in the pages
    minify.minify(site, assets.own)
    compile_hints.mark(site, [assets.bundle, *assets.checklist_scripts])
