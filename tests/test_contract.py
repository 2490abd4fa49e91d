"""The names Python, the checklist's script and the tests share (contract.json), and the data
the pages hand the script: each side reads the one file, and the built pages carry what it says."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup

from macros.content import contract, cycle, dataset, pages
from macros.content.schema import LANGUAGES
from macros.postbuild import assets

from .conftest import ROOT

Html = Callable[[str], BeautifulSoup]
CONTENT = dataset.load(ROOT / "docs" / "data")
SCRIPTS = ROOT / "overrides" / "assets" / "javascripts" / "checklist"
# A complete string key in the script's source ("cl_saved_at"), not a prefix ("cl_level_" + …).
KEY_LITERAL = re.compile(r"""["'](cl_[a-z0-9_]*[a-z0-9])["']""")


def test_python_reads_the_names_the_script_imports() -> None:
    """The build's storage key, share fragment, elements and flag are contract.json's."""
    names = contract.load()
    elements, flag = names["elements"], names["flag"]
    assert (names["storage"]["key"], names["shareFragment"]) == (
        assets.CHECKLIST_SAVED,
        assets.CHECKLIST_SHARED,
    )
    assert (elements["checklist"], elements["report"]) == assets.CHECKLIST_ELEMENTS
    assert (flag["dx"], flag["dy"], flag["r"]) == cycle.FLAG
    model = (SCRIPTS / "model" / "contract.mjs").read_text("utf-8")
    assert 'from "../contract.json"' in model


def test_storage_format_documents_the_contract_key() -> None:
    """STORAGE.md names the key the script and the build use."""
    text = (ROOT / "overrides" / "assets" / "javascripts" / "STORAGE.md").read_text("utf-8")
    storage = contract.load()["storage"]
    for key in (storage["key"], storage["unreadable"], storage["backup"]):
        assert key in text


def test_every_string_the_script_names_is_in_both_languages() -> None:
    """Each cl_* key the modules name in full is a UI string in every language."""
    keys = {
        match
        for path in SCRIPTS.rglob("*.mjs")
        for match in KEY_LITERAL.findall(path.read_text("utf-8"))
    }
    assert len(keys) > 50, "the pattern finds the script's keys"
    for lang in LANGUAGES:
        ui = pages.view(CONTENT, lang)["ui"]
        missing = sorted(key for key in keys if key not in ui)
        assert not missing, f"{lang}: strings the script needs but ui.yml lacks: {missing}"


def checklist_root(page: BeautifulSoup) -> Any:
    root = page.select_one(f"[{contract.load()['elements']['checklist']}]")
    assert root is not None
    return root


@pytest.mark.parametrize("lang", LANGUAGES)
def test_checklist_carries_the_report_catalogue(html: Html, lang: str) -> None:
    """The checklist page hands the script the same statements, in the same words, as the report
    page does (one catalogue, from the dataset; the script no longer reads them off the DOM)."""
    elements = contract.load()["elements"]
    root = checklist_root(html(f"{lang}/checklist.html"))
    assert root.has_attr(elements["strings"])
    catalogue = json.loads(str(root[elements["catalogue"]]))
    assert catalogue == pages.catalogue(pages.view(CONTENT, lang))["patterns"]
    report = html(f"{lang}/report.html").select_one(f"[{elements['report']}]")
    assert report is not None
    assert json.loads(str(report[elements["catalogue"]]))["patterns"] == catalogue
    # The statements as the form shows them (what the script used to read) are the same words.
    shown = [label.get_text().strip() for label in root.select("label[data-crm-text]")]
    assert shown == [item["text"] for group in catalogue for item in group["items"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pattern_page_checklist_carries_its_own_pattern(html: Html, lang: str) -> None:
    """A pattern page's checklist catalogue holds that pattern only."""
    first = CONTENT.dataset.patterns[0]
    root = checklist_root(html(f"{lang}/patterns/{first.id}.html"))
    catalogue = json.loads(str(root[contract.load()["elements"]["catalogue"]]))
    assert [group["id"] for group in catalogue] == [first.id]
    assert [item["id"] for item in catalogue[0]["items"]] == [i.id for i in first.checklist]
