"""Terminology: one spelling per term on every built page and in the checklist's strings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from . import terminology
from .conftest import ROOT

LANGS = ("ja", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_catches_its_bad_example_and_passes_its_good_one(lang: str) -> None:
    """Each rule of terms.yml reports its own bad example and lets the preferred form through."""
    for rule in terminology.rules(lang):
        assert list(terminology.check(rule.bad, "bad", [rule])), f"misses {rule.bad!r}"
        assert not list(terminology.check(rule.good, "good", [rule])), f"flags {rule.good!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_checklist_script_strings_use_the_preferred_terms(lang: str) -> None:
    """The `cl_*` strings the checklist scripts show follow every rule of their language."""
    found = terminology.check_strings(terminology.UI, lang)
    assert not found, "\n".join(map(str, found))


LEVEL_WORDS = {"ja": ("リスク", "危険"), "en": ("risk", "exposed")}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", ["high", "mid", "low", "none"])
def test_a_verdict_does_not_repeat_its_label(lang: str, level: str) -> None:
    """Exports print 「{level}：{verdict}」: the verdict says what to do, not the level again."""
    strings = terminology.script_strings()
    label = strings[f"cl_level_{level}"][lang]
    verdict = strings[f"cl_verdict_{level}"][lang]
    assert label.lower() not in verdict.lower(), f"cl_verdict_{level} repeats {label!r}"
    for word in LEVEL_WORDS[lang]:
        assert word not in verdict.lower(), f"cl_verdict_{level} names the level: {word!r}"


def test_the_answer_states_have_one_name_each() -> None:
    """「できている」「まだ」「対象外」: the states, the CSV and the counts use the same words."""
    strings = terminology.script_strings()
    assert [strings[f"cl_state_{s}"]["ja"] for s in ("done", "open", "na")] == [
        "できている",
        "まだ",
        "対象外",
    ]
    counts = {
        "できている": [
            "cl_progress",
            "cl_progress_na",
            "cl_score",
            "cl_incoming_text",
            "cl_round_row",
        ],
        "まだ": ["cl_chart_row", "cl_verdict_high", "cl_verdict_mid", "cl_next_none"],
    }
    for state, keys in counts.items():
        for key in keys:
            assert f"「{state}」" in strings[key]["ja"], f"{key} names the state another way"


@pytest.mark.parametrize("lang", LANGS)
def test_built_pages_use_the_preferred_terms(site_dir: Path, lang: str) -> None:
    """No built page (title, description, article) uses a banned variant."""
    assert list((site_dir / lang).rglob("*.html")), "nothing built"
    found = terminology.check_site(site_dir, lang)
    assert not found, "\n".join(map(str, found))


def test_a_banned_variant_on_a_built_page_is_reported(site_dir: Path, tmp_path: Path) -> None:
    """A scratch copy of a built page with ガートナー in its text fails, naming page and fix."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir / "ja", copy / "ja")
    page = copy / "ja" / "index.html"
    html = page.read_text(encoding="utf-8")
    marker = "元記事は、"
    assert marker in html, "home page changed: pick another marker"
    page.write_text(html.replace(marker, "ガートナーのレポートによれば、", 1), encoding="utf-8")
    found = terminology.check_site(copy, "ja")
    assert [(f.where, f.found, f.preferred) for f in found] == [
        ("ja/index.html", "ガートナー", "Gartner")
    ]


def test_a_quotation_keeps_the_spelling_it_quotes(tmp_path: Path) -> None:
    """Text inside a blockquote is exempt; the same text outside it is not."""
    rules = terminology.rules("ja")
    quoted = "<article><blockquote><p>ガートナーの予測</p></blockquote></article>"
    plain = "<article><p>ガートナーの予測</p></article>"
    assert not list(terminology.check(terminology.page_text(quoted), "q", rules))
    assert list(terminology.check(terminology.page_text(plain), "p", rules))


def test_a_half_width_space_before_a_counter_in_ui_strings_is_reported(tmp_path: Path) -> None:
    """A scratch ui.yml whose cl_overall_high reads 「{n} つ」 fails, naming the key."""
    yaml = YAML()
    data = yaml.load((ROOT / "docs" / "data" / "ui.yml").read_text(encoding="utf-8"))
    data["cl_overall_high"]["ja"] = "リスクの高いパターンが{n} つあります。"
    data["nav_home"]["ja"] = "{n} つ"  # not a cl_ string: the scripts never show it
    scratch = tmp_path / "ui.yml"
    with scratch.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    found = terminology.check_strings(scratch, "ja")
    assert [(f.where, f.found) for f in found] == [("ui.yml: cl_overall_high", "} つ")]
