"""Gate: the site also builds with ProperDocs, the maintained fork of MkDocs 1.6, and yields the
same pages with the same links and anchors, so switching generator stays a one-line change.

ProperDocs lives in its own virtualenv (.venv-properdocs, made by the Makefile): installed next to
MkDocs it makes plugins print a "switch to ProperDocs" banner in every MkDocs run.
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from macros.content.schema import LANGUAGES
from tests.audit import site

from .conftest import ROOT

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"


pytestmark = pytest.mark.xdist_group("properdocs")  # one ProperDocs build for both tests


@pytest.fixture(scope="module")
def properdocs_site(
    tmp_path_factory: pytest.TempPathFactory, site_dir: Path, base_url: str
) -> Path:
    """Both languages built by ProperDocs --strict, for the same address as the MkDocs build."""
    if not PROPERDOCS.exists():
        pytest.fail(f"{PROPERDOCS} is missing: run `make .venv-properdocs/.installed`")
    out = tmp_path_factory.mktemp("properdocs")
    env = {**os.environ, "SITE_URL": f"{base_url}/", "NO_MKDOCS_2_WARNING": "1"}
    # The languages build side by side, as build_into does with MkDocs.
    builds = {
        lang: subprocess.Popen(
            [
                *(str(PROPERDOCS), "build", "--strict", "-q"),
                *("-f", str(ROOT / "docs" / f"{lang}.yml"), "-d", str(out / lang)),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for lang in LANGUAGES
    }
    for lang, build in builds.items():
        _, stderr = build.communicate(timeout=300)
        assert build.returncode == 0, f"properdocs build {lang} failed:\n{stderr[-3000:]}"
    return out


def language_pages(root: Path) -> set[str]:
    return {p for p in site.pages(root) if p.split("/")[0] in LANGUAGES}


def test_properdocs_builds_the_same_pages(properdocs_site: Path, site_dir: Path) -> None:
    """Every page of the MkDocs build exists in the ProperDocs build, and no other."""
    assert language_pages(properdocs_site) == language_pages(site_dir)


def test_properdocs_pages_have_the_same_links_and_anchors(
    properdocs_site: Path, site_dir: Path
) -> None:
    """Each page links to the same URLs and offers the same ids in both builds."""
    differences = []
    for page in sorted(language_pages(site_dir) & language_pages(properdocs_site)):
        ours, theirs = (
            Counter((link.attribute, link.url) for link in site.links(root, page))
            for root in (site_dir, properdocs_site)
        )
        if ours != theirs:
            differences.append(
                f"{page}: only MkDocs {sorted((ours - theirs).elements())[:5]}, "
                f"only ProperDocs {sorted((theirs - ours).elements())[:5]}"
            )
        if site.ids(site_dir, page) != site.ids(properdocs_site, page):
            gone = site.ids(site_dir, page) ^ site.ids(properdocs_site, page)
            differences.append(f"{page}: ids differ: {sorted(gone)[:10]}")
    assert not differences, "\n".join(differences)
