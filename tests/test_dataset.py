"""The dataset check: every mistake reported with file, line and fix; nothing built from it."""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from macros.commands import cli
from macros.content import dataset, schema

from .conftest import FIXTURES, ROOT

Edit = Callable[[str], str]


def replace(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text, f"fixture changed: {old!r} not found"
        return text.replace(old, new, 1)

    return edit


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding the small valid fixture dataset and the real UI strings."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy2(FIXTURES / "patterns.yml", folder / "patterns.yml")
    shutil.copy2(ROOT / "docs" / "data" / "ui.yml", folder / "ui.yml")
    return folder


def problems_after(data_dir: Path, edit: Edit, name: str = "patterns.yml") -> str:
    path = data_dir / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(dataset.ContentError) as caught:
        dataset.load(data_dir)
    return str(caught.value)


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_fixture_and_real_dataset_are_valid(data_dir: Path) -> None:
    """Both the small test dataset and the shipped dataset pass the check."""
    assert [p.id for p in dataset.load(data_dir).dataset.patterns] == ["alpha", "beta"]
    assert len(dataset.load(ROOT / "docs" / "data").dataset.patterns) >= 5


CASES = [
    # (rule, edit, text on the line the error must point at, words the message must contain)
    (
        "yaml syntax",
        replace("    cycle_step: goal", "    cycle_step: [goal"),
        "related:",
        "YAML syntax",
    ),
    (
        "required field",
        replace("    monday: {ja: 月曜に聞きます。, en: Listen on Monday.}\n", ""),
        "- id: alpha",
        "patterns[0].monday: Field required → add `monday:`",
    ),
    (
        "every part of a metric",
        replace("            threshold: {ja: 半分以上, en: At least half}\n", ""),
        "- name: {ja: 聞き取り率",
        "patterns[0].countermeasures[0].metrics[0].threshold: Field required",
    ),
    (
        "both languages",
        replace("{ja: 月曜に聞きます。, en: Listen on Monday.}", "{ja: 月曜に聞きます。}"),
        "monday:",
        "patterns[0].monday.en: Field required → add the English text",
    ),
    (
        "no empty text",
        replace("short_title: {ja: アルファ, en: Alpha}", 'short_title: {ja: "  ", en: Alpha}'),
        "short_title: {ja:",
        "patterns[0].short_title.ja",
    ),
    (
        "unique pattern ids",
        replace("  - id: beta\n", "  - id: alpha # again\n"),
        "id: alpha # again",
        "pattern id 'alpha' is already used",
    ),
    (
        "unique item ids across patterns",
        replace("id: beta-owner", "id: alpha-listened"),
        "id: alpha-listened, text: {ja: 担当者",
        "checklist item id 'alpha-listened' is already used",
    ),
    (
        "related resolves",
        replace("related: [beta]", "related: [gamma]"),
        "related: [gamma]",
        "related pattern 'gamma' does not exist",
    ),
    (
        "cycle step resolves",
        replace("cycle_step: goal", "cycle_step: dreams"),
        "cycle_step: dreams",
        "cycle_step 'dreams' is not a dream-cycle step",
    ),
    (
        "countermeasure resolves",
        replace("countermeasure: listen}", "countermeasure: talk}"),
        "countermeasure: talk}",
        "countermeasure 'talk' is not one of this pattern's countermeasures",
    ),
    (
        "no stray Jinja",
        replace("Alpha *in short*", "Alpha {{ in short }}"),
        "{{ in short }}",
        "Jinja delimiter",
    ),
    (
        "no unknown keys",
        replace(
            "    icon: material/tune-variant\n",
            "    icon: material/tune-variant\n    colour: red\n",
        ),
        "colour: red",
        "patterns[0].colour: Extra inputs are not permitted",
    ),
    (
        "no key twice",
        replace("    cycle_step: goal\n", "    cycle_step: goal\n    cycle_step: hope\n"),
        "cycle_step: hope",
        'found duplicate key "cycle_step"',
    ),
    (
        "text, not a number (YAML 1.2: 1e3 is a float)",
        replace("{ja: 兆候その一, en: Sign one}", "{ja: 兆候その一, en: 1e3}"),
        "en: 1e3",
        "patterns[0].symptoms[0].en: Input should be a valid string",
    ),
    (
        "id format",
        replace("  - id: beta\n", "  - id: Beta_2\n"),
        "id: Beta_2",
        "use lower-case letters, digits and single hyphens",
    ),
]


@pytest.mark.parametrize(
    ("rule", "edit", "line_text", "message"), CASES, ids=[case[0] for case in CASES]
)
def test_each_rule_names_file_line_and_fix(
    data_dir: Path, rule: str, edit: Edit, line_text: str, message: str
) -> None:
    """A broken rule is reported with the file, the line of the mistake, and what to change."""
    report = problems_after(data_dir, edit)
    path = data_dir / "patterns.yml"
    line = line_of(path, line_text)
    assert message in report, report
    assert f"patterns.yml:{line}:" in report, report


def test_a_valid_file_is_read_once_with_the_fast_parser(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A valid dataset never needs the slow round-trip parser, and the fast reading types plain
    scalars as YAML 1.2 does (`yes` is text), so both readings give the same content."""
    path = data_dir / "patterns.yml"
    path.write_text(
        replace("{ja: 兆候その一, en: Sign one}", "{ja: 兆候その一, en: yes}")(
            path.read_text(encoding="utf-8")
        ),
        encoding="utf-8",
    )
    located = dataset.load_file(path, schema.Dataset)  # before the round-trip parser is refused

    def refuse(_path: Path) -> None:
        raise AssertionError("the round-trip parser ran on a valid file")

    path.touch()  # a new version of the file: not the cached reading
    monkeypatch.setattr(dataset, "_parse", refuse)
    fast = dataset.load_file(path, schema.Dataset)
    assert isinstance(fast, schema.Dataset)
    assert fast.patterns[0].symptoms[0].en == "yes"
    assert fast == located


def test_workers_reuse_the_parents_reading(data_dir: Path) -> None:
    """A reading handed to another process (pickled) is used there while the files are
    unchanged, and read again once one of them changes."""
    content = pickle.loads(pickle.dumps(dataset.load(data_dir)))
    dataset.prime(content)
    assert dataset.load(data_dir) is content
    path = data_dir / "ui.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = dataset.load(data_dir)
    assert again is not content
    assert again.dataset == content.dataset


def test_ui_strings_need_both_languages(data_dir: Path) -> None:
    """A UI string without its English text is reported in ui.yml with its line."""
    report = problems_after(
        data_dir, replace("nav_home: {ja: ホーム, en: Home}", "nav_home: {ja: ホーム}"), "ui.yml"
    )
    assert f"ui.yml:{line_of(data_dir / 'ui.yml', 'nav_home:')}:" in report
    assert "nav_home.en: Field required → add the English text" in report


def test_every_problem_is_reported_at_once(data_dir: Path) -> None:
    """Three mistakes in two files give three lines in one report, in file order."""
    path = data_dir / "patterns.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("related: [beta]", "related: [gamma]")
    text = text.replace("id: beta-owner", "id: alpha-listened")
    path.write_text(text, encoding="utf-8")
    report = problems_after(data_dir, replace("en: Home}", "en: ''}"), "ui.yml")
    assert "2 problems in the pattern dataset" in report
    assert "related pattern 'gamma'" in report
    assert "checklist item id 'alpha-listened' is already used" in report
    assert "ui.yml: 1 problem" in report


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, timeout=300)


def break_dataset(project: Path) -> None:
    path = project / "docs" / "data" / "patterns.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [broken\n", encoding="utf-8")


def test_build_command_refuses_broken_dataset_and_keeps_site(project: Path) -> None:
    """`python -m macros build` exits 1 with the problem, no traceback, last site untouched."""
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", encoding="utf-8")
    break_dataset(project)
    result = run(
        sys.executable,
        "-m",
        "macros",
        "build",
        "--project",
        str(project),
        "--site-dir",
        str(site),
        cwd=project,
    )
    assert result.returncode == 1
    assert "patterns.yml:" in result.stderr
    assert "YAML syntax" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def test_mkdocs_itself_stops_before_cleaning_the_site(project: Path) -> None:
    """Plain `mkdocs build` (or serve) also stops on the dataset before touching site/."""
    site = project / "site" / "ja"
    site.mkdir(parents=True)
    (site / "keep.html").write_text("last good page", encoding="utf-8")
    break_dataset(project)
    result = run(sys.executable, "-m", "mkdocs", "build", "-f", "docs/ja.yml", cwd=project)
    assert result.returncode == 1
    assert "patterns.yml:" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "keep.html").read_text(encoding="utf-8") == "last good page"


def test_check_command_is_quick_and_clear(project: Path) -> None:
    """`python -m macros check` says OK with counts, or lists the problems and exits 1."""
    ok = run(sys.executable, "-m", "macros", "check", "docs/data", cwd=project)
    assert ok.returncode == 0
    assert "OK (" in ok.stdout
    break_dataset(project)
    bad = run(sys.executable, "-m", "macros", "check", "docs/data", cwd=project)
    assert bad.returncode == 1
    assert "patterns.yml:" in bad.stderr


def test_json_schema_is_in_step_with_the_validator() -> None:
    """The committed JSON Schemas equal the ones derived from the models, and accept the data."""
    assert cli.main(["schema", "--check"]) == 0
    yaml = YAML(typ="safe")
    for name in ("patterns", "ui"):
        schema = json.loads((cli.SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
        data = yaml.load(ROOT / "docs" / "data" / f"{name}.yml")
        jsonschema.validate(data, schema)
        broken = dict(data)
        broken["unknown_key_for_test" if name == "patterns" else "Bad Key"] = 1
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)
