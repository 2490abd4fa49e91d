"""The built site as files: its pages, and every link and anchor in them, resolved to files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

# Attributes that point at another resource, per element name (SVG links use href or xlink:href).
URL_ATTRIBUTES = {
    "a": ("href", "xlink:href"),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
# Sharing tags whose content is a URL of the site (they must resolve like links).
URL_METAS = ("og:url", "og:image", "twitter:image")
NOT_FETCHED = ("mailto:", "tel:", "javascript:", "data:", "blob:")


def pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to it (`ja/index.html`, …)."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


@cache
def _parsed(path: Path, _mtime: float) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def parsed(path: Path) -> BeautifulSoup:
    """Parsed HTML of a file (cached until the file changes)."""
    return _parsed(path, path.stat().st_mtime)


@dataclass(frozen=True)
class Link:
    """One URL written in a page: where, in which attribute, and the element (for messages)."""

    page: str
    attribute: str
    url: str
    element: str


def _describe(tag: Tag) -> str:
    text = " ".join(tag.get_text(" ", strip=True).split())[:60]
    attrs = " ".join(
        f'{k}="{" ".join(v) if isinstance(v, list) else v}"'
        for k, v in tag.attrs.items()
        if k in ("id", "class", "rel", "property", "name")
    )
    return f"<{tag.name} {attrs}>{text}".replace(" >", ">")


def links(site_dir: Path, page: str) -> Iterator[Link]:
    """Every URL in a page's markup: href/src/xlink:href, and sharing URLs in meta tags."""
    soup = parsed(site_dir / page)
    for tag in soup.find_all(True):
        for attribute in URL_ATTRIBUTES.get(tag.name, ()):
            value = tag.get(attribute)
            if isinstance(value, str):
                yield Link(page, attribute, value, _describe(tag))
        if tag.name == "meta" and tag.get("property", tag.get("name")) in URL_METAS:
            yield Link(page, "content", str(tag.get("content", "")), _describe(tag))


def ids(site_dir: Path, page: str) -> set[str]:
    """Fragment targets of a page: every id, and the name of every <a name>."""
    soup = parsed(site_dir / page)
    found = {str(tag["id"]) for tag in soup.find_all(id=True)}
    found |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
    return found


@dataclass(frozen=True)
class Target:
    """Where an internal link leads: a file of the site and an optional fragment."""

    path: str
    fragment: str


def resolve(link: Link, site_url: str) -> Target | None:
    """The file and fragment an internal link points at; None for other sites and non-fetches.

    `site_url` is the address the site was built for and is served at: the link is resolved
    against the page's address there, as a browser would (relative, root-relative, absolute).
    """
    url = link.url.strip()
    if not url or url.startswith(NOT_FETCHED):
        return None
    root = site_url.rstrip("/") + "/"
    absolute = urljoin(root + link.page, url)
    if not absolute.startswith(root):
        return None  # another site (or above the site's folder on its host)
    parts = urlsplit(absolute)
    path = unquote(parts.path[len(urlsplit(root).path) :])
    if path == "" or path.endswith("/"):
        path += "index.html"
    return Target(path, unquote(parts.fragment))


def problem(site_dir: Path, link: Link, site_url: str) -> str | None:
    """Why a link is broken (page, element, URL and what is missing), or None if it resolves."""
    target = resolve(link, site_url)
    if target is None:
        return None
    where = f"{link.page}: {link.element} {link.attribute}={link.url!r}"
    file = site_dir / target.path
    if not file.is_file():
        return f"{where} → no file {target.path}"
    is_page = target.path.endswith(".html")
    if target.fragment and is_page and target.fragment not in ids(site_dir, target.path):
        return f"{where} → {target.path} has no id {target.fragment!r}"
    return None
