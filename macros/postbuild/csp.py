"""A content security policy in every built page, as a `<meta http-equiv>` (static hosts such as
GitHub Pages send no headers).

Scripts run only from the site itself or, inline, by hash: the hashes are computed from the
built pages, after every other change to them, so they match the bytes a browser reads. One
policy covers all pages of a build: Material's instant navigation keeps the first page's policy
and runs the inline scripts of the pages it brings in, so every page must allow all of them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from pathlib import Path

META_ANCHOR = '<meta charset="utf-8">'
SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style>", re.S | re.I)
STYLE_ATTR = re.compile(r"""\sstyle=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.I)
DATA_TYPE = re.compile(r"""\stype=["']?application/(?:ld\+)?json""", re.I)
SEARCH_WORKER = re.compile(r'"search":\s*"(?P<url>[^"]+)"')
SHIM = Path("assets/javascripts/vendor/iframe-worker/shim.js")
# The shim's helpers, as its frame script embeds them (Function.prototype.toString of each).
SHIM_FUNCTION = re.compile(r"function (?P<name>[cd])\((?P<rest>.*?)\}(?=function |var )", re.S)

# Everything from the site itself; nothing from any other host. `data:` images are Material's
# icons in its stylesheets. No frame may embed another site's page, no plugin runs, no form posts
# elsewhere, and no <base> can move relative addresses.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' {scripts}"),
    ("style-src", "'self' {styles}"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def digest(text: str) -> str:
    """A CSP hash source for `text` as the browser reads it (UTF-8)."""
    raw = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(raw).decode('ascii')}'"


def inline_scripts(page: str) -> list[str]:
    """The bodies of a page's inline scripts that a browser runs (not JSON data blocks)."""
    found = []
    for match in SCRIPT.finditer(page):
        attrs = match["attrs"]
        if re.search(r"\ssrc=", attrs, re.I) or DATA_TYPE.search(attrs):
            continue
        found.append(match["body"])
    return found


def inline_styles(page: str) -> tuple[list[str], list[str]]:
    """A page's `<style>` bodies and its `style` attribute values (e.g. table alignment that
    Python-Markdown writes), unescaped as the browser hashes them."""
    attrs = [
        html.unescape(m["dq"] if m["dq"] is not None else m["sq"])
        for m in STYLE_ATTR.finditer(page)
    ]
    return [m["body"] for m in STYLE.finditer(page)], attrs


def shim_frame_scripts(site_dir: Path, pages: Iterable[str]) -> list[str]:
    """The inline script the iframe-worker shim writes into its frame from file:// (the frame
    inherits this policy). It embeds the worker's address as the page gives it, so there is one
    per folder depth: collected from each page's Material config."""
    shim = site_dir / SHIM
    if not shim.is_file():
        return []
    functions = {
        m["name"]: f"function {m['name']}({m['rest']}}}"
        for m in SHIM_FUNCTION.finditer(shim.read_text("utf-8"))
    }
    if set(functions) != {"c", "d"}:
        raise ValueError(f"{shim}: the iframe-worker shim changed; update macros/postbuild/csp.py")
    workers = {m["url"] for page in pages for m in SEARCH_WORKER.finditer(page)}
    return [
        f"postMessage={functions['c']};importScripts={functions['d']};"
        'addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",'
        f'{{filename:"{url}",error}}))}})'
        for url in sorted(workers)
    ]


def policy(scripts: Iterable[str], styles: Iterable[str], style_attrs: Iterable[str]) -> str:
    script_sources = sorted({digest(s) for s in scripts})
    style_sources = sorted({digest(s) for s in styles})
    attr_sources = sorted({digest(s) for s in style_attrs})
    if attr_sources:  # hashes of style attributes count only with 'unsafe-hashes'
        style_sources = ["'unsafe-hashes'", *style_sources, *attr_sources]
    values = {"scripts": " ".join(script_sources), "styles": " ".join(style_sources)}
    return "; ".join(f"{name} {value.format(**values).strip()}" for name, value in DIRECTIVES)


def meta(content: str) -> str:
    value = content.replace("&", "&amp;").replace('"', "&quot;")  # hashes and keywords stay legible
    return f'<meta http-equiv="Content-Security-Policy" content="{value}">'


def protect(site_dir: Path, paths: Iterable[Path]) -> str:
    """Write one policy, allowing the inline scripts and styles of all `paths`, into each of
    them, right after `<meta charset>` (before anything it governs). Returns the policy."""
    files = sorted(paths)
    pages = {path: path.read_text(encoding="utf-8") for path in files}
    scripts: list[str] = []
    styles: list[str] = []
    attrs: list[str] = []
    for text in pages.values():
        scripts += inline_scripts(text)
        page_styles, page_attrs = inline_styles(text)
        styles += page_styles
        attrs += page_attrs
    scripts += shim_frame_scripts(site_dir, pages.values())
    content = policy(scripts, styles, attrs)
    tag = meta(content)
    for path, text in pages.items():
        if META_ANCHOR not in text:
            raise ValueError(f"{path}: no {META_ANCHOR} to put the security policy after")
        path.write_text(text.replace(META_ANCHOR, META_ANCHOR + tag, 1), encoding="utf-8")
    return content


def protect_site(site_dir: Path) -> str:
    """The policy for every page of one built language (`on_post_build`)."""
    return protect(site_dir, site_dir.rglob("*.html"))
