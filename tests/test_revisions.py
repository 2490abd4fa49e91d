"""Statement revisions: a reworded statement cannot pass the check without a new revision or an
explicit "same meaning", as a dependency lock keeps its packages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.commands import cli
from macros.content import dataset, revisions

from .conftest import ROOT

DATA = ROOT / "docs" / "data"
CONTENT = dataset.load(DATA)
# The first statement still at its first revision: set_revision() gives it an explicit one.
FIRST = next(item for item in revisions.statements(CONTENT) if item.revision == 1)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the real data folder, lock included."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def edit(data_dir: Path, old: str, new: str) -> None:
    path = data_dir / "patterns.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should appear once in the dataset"
    path.write_text(text.replace(old, new), encoding="utf-8")


def reword(data_dir: Path) -> None:
    """Change the English text of the first statement."""
    edit(data_dir, FIRST.text["en"], FIRST.text["en"] + " (reworded)")


def set_revision(data_dir: Path, revision: int) -> None:
    """Give the first statement an explicit revision, right after its countermeasure."""
    edit(
        data_dir,
        f"id: {FIRST.id}\n",
        f"id: {FIRST.id}\n        revision: {revision}\n",
    )


def test_the_committed_lock_is_in_step_with_the_dataset() -> None:
    """Every statement's texts and revision are as locked: `python -m macros check` passes."""
    locked = revisions.read_lock(DATA / revisions.LOCK_NAME)
    assert revisions.drift(CONTENT, locked) == []
    assert set(locked) == {item.id for item in revisions.statements(CONTENT)}


def test_a_rewording_without_a_new_revision_fails_the_check(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check names the file, the statement's line and both ways out."""
    reword(data_dir)
    assert cli.main(["check", str(data_dir)]) == 1
    err = capsys.readouterr().err
    line = revisions.line_of(data_dir / "patterns.yml", FIRST.id)
    assert line > 1
    assert f"patterns.yml:{line}: statement '{FIRST.id}' changed its text" in err
    assert f"revision: {FIRST.revision + 1}" in err
    assert f"--same-meaning {FIRST.id}" in err


def test_lock_refuses_a_rewording_and_leaves_the_lock_alone(data_dir: Path) -> None:
    """`python -m macros lock` will not accept a new text under the old revision."""
    lock = data_dir / revisions.LOCK_NAME
    before = lock.read_text(encoding="utf-8")
    reword(data_dir)
    assert cli.main(["lock", str(data_dir)]) == 1
    assert lock.read_text(encoding="utf-8") == before


def test_same_meaning_accepts_a_new_wording_under_the_old_revision(data_dir: Path) -> None:
    reword(data_dir)
    assert cli.main(["lock", str(data_dir), "--same-meaning", FIRST.id]) == 0
    assert cli.main(["check", str(data_dir)]) == 0
    locked = revisions.read_lock(data_dir / revisions.LOCK_NAME)
    assert locked[FIRST.id] == {
        "revision": 1,
        "ja": FIRST.text["ja"],
        "en": FIRST.text["en"] + " (reworded)",
    }


def test_a_new_revision_is_accepted_by_lock_and_then_passes(data_dir: Path) -> None:
    reword(data_dir)
    set_revision(data_dir, 2)
    assert cli.main(["check", str(data_dir)]) == 1  # the lock is behind until it is written
    assert cli.main(["lock", str(data_dir)]) == 0
    assert cli.main(["check", str(data_dir)]) == 0
    assert revisions.read_lock(data_dir / revisions.LOCK_NAME)[FIRST.id]["revision"] == 2


def test_a_revision_never_goes_down(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_revision(data_dir, 2)
    assert cli.main(["lock", str(data_dir)]) == 0
    path = data_dir / "patterns.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            f"id: {FIRST.id}\n        revision: 2\n", f"id: {FIRST.id}\n        revision: 1\n"
        ),
        encoding="utf-8",
    )
    assert cli.main(["lock", str(data_dir), "--same-meaning", FIRST.id]) == 1
    assert "a revision never goes down" in capsys.readouterr().err


def test_a_broken_lock_is_refused_with_the_fix(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / revisions.LOCK_NAME).write_text("{not json", encoding="utf-8")
    assert cli.main(["check", str(data_dir)]) == 1
    assert "run `python -m macros lock`" in capsys.readouterr().err
