"""A build without SITE_URL makes no address up (issue 17, section 7): no 127.0.0.1, no
canonical, hreflang, og:image or sitemap entries, a note at the end that publishing needs
SITE_URL; and the language switch still keeps the reader on the page. With SITE_URL (the
session's site) every absolute address is there."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import BrowserContext, expect

from macros.content.schema import LANGUAGES
from macros.postbuild import sitemap
from tests.conftest import ROOT, Server, copy_project, open_page, parse
from tests.test_browser import PATTERNS, switch_language

TEXT_FILES = ("*.html", "*.xml", "*.txt", "*.json", "*.js", "*.css")


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site built without SITE_URL, and what the build wrote to stderr. In a process of
    its own: the build's workers take the environment of the first build in a process."""
    project = copy_project(tmp_path_factory.mktemp("no-site-url"))
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    command = [sys.executable, "-m", "macros", "build", "--site-dir", str(project / "site")]
    done = subprocess.run(
        [*command, "--project", str(project)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return project / "site", done.stderr


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_made_up_address_without_site_url(local_build: tuple[Path, str]) -> None:
    """Nothing the build writes names 127.0.0.1 or localhost (Material's own source map may
    mention it in a comment: not ours, not an address)."""
    site, _ = local_build
    found = [
        str(path.relative_to(site))
        for pattern in TEXT_FILES
        for path in site.rglob(pattern)
        if "127.0.0.1" in (text := path.read_text(encoding="utf-8", errors="replace"))
        or "localhost:" in text
    ]
    assert not found, f"a local address in: {found}"


def test_no_absolute_links_that_need_the_published_address(local_build: tuple[Path, str]) -> None:
    site, _ = local_build
    problems = []
    for path in pages(site):
        page: BeautifulSoup = parse(path)
        name = str(path.relative_to(site))
        if page.find("link", rel="canonical"):
            problems.append(f"{name}: canonical")
        if page.select("link[rel=alternate][hreflang]"):
            problems.append(f"{name}: hreflang alternates")
        for key in ("og:url", "og:image", "twitter:image"):
            if page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key}):
                problems.append(f"{name}: {key}")
    for lang in LANGUAGES:
        urls = (site / lang / "sitemap.xml").read_text(encoding="utf-8")
        if "<url>" in urls:
            problems.append(f"{lang}/sitemap.xml lists pages without an absolute address")
    for name in ("sitemap.xml", "robots.txt"):
        if (site / name).exists():
            problems.append(f"{name} written without SITE_URL")
    assert not problems, "\n".join(problems)


def test_pages_still_describe_themselves(local_build: tuple[Path, str]) -> None:
    """Title, description and a plain card stay: they need no address."""
    page = parse(local_build[0] / "ja" / "index.html")
    assert page.find("meta", attrs={"property": "og:title"})
    assert page.find("meta", attrs={"property": "og:description"})
    card = page.find("meta", attrs={"name": "twitter:card"})
    assert card is not None
    assert card.get("content") == "summary"


def test_404_links_from_the_host_root(local_build: tuple[Path, str]) -> None:
    """Served for any missing address, the 404 page cannot link relatively."""
    page = parse(local_build[0] / "404.html")
    assert {a["href"] for a in page.select("a[hreflang]")} == {
        f"/{lang}/index.html" for lang in LANGUAGES
    }


def test_the_build_says_site_url_is_needed_to_publish(local_build: tuple[Path, str]) -> None:
    _, err = local_build
    lines = [line for line in err.splitlines() if "SITE_URL" in line]
    assert lines == [sitemap.NOT_PUBLISHABLE]
    assert err.rstrip().endswith(sitemap.NOT_PUBLISHABLE), "not at the end of the build"


def test_no_note_with_a_published_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sitemap.write_index(tmp_path, "https://example.org/crm/", LANGUAGES)
    assert "SITE_URL" not in capsys.readouterr().err
    assert "Sitemap: https://example.org/crm/sitemap.xml" in (tmp_path / "robots.txt").read_text()


def test_absolute_addresses_with_site_url(site_dir: Path, base_url: str) -> None:
    """The session's site is built with SITE_URL: canonical, alternates and the card image
    name it."""
    page = parse(site_dir / "ja" / f"patterns/{PATTERNS[0].id}.html")
    canonical = page.find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == f"{base_url}/ja/patterns/{PATTERNS[0].id}.html"
    alternates = {link["hreflang"]: link["href"] for link in page.select("link[hreflang]")}
    assert alternates["en"] == f"{base_url}/en/patterns/{PATTERNS[0].id}.html"
    image = page.find("meta", attrs={"property": "og:image"})
    assert image is not None
    assert str(image["content"]).startswith(f"{base_url}/ja/")
    assert (site_dir / "robots.txt").is_file()


@pytest.fixture(scope="module")
def local_server(local_build: tuple[Path, str]) -> Iterator[Server]:
    """Serves the build without SITE_URL (closed after the browser contexts that use it)."""
    server = Server(local_build[0])
    yield server
    server.close()


@pytest.mark.browser
def test_language_switch_without_site_url(local_server: Server, context: BrowserContext) -> None:
    """Without SITE_URL (no sitemap entries, no alternates) the selector still opens the same
    page in the other language."""
    pattern = PATTERNS[1]
    page = open_page(context, f"{local_server.url}/ja/patterns/{pattern.id}.html")
    switch_language(page, "en")
    expect(page).to_have_url(f"{local_server.url}/en/patterns/{pattern.id}.html")
    expect(page.locator("h1")).to_contain_text(pattern.title.en)
