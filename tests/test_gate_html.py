"""Gate: the Nu HTML Checker finds no error in any built page, except the few in Material's own
markup that tests/vnu-allowlist.txt lists with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.audit import vnu

# One run of the checker (the module fixture) for both tests: they stay in one xdist worker.
pytestmark = pytest.mark.xdist_group("vnu")


@pytest.fixture(scope="module")
def errors(site_dir: Path) -> list[vnu.Message]:
    """Every error of every page (one run of vnu.jar, ≈3 s)."""
    return vnu.check(site_dir)


def test_no_html_errors_but_allowlisted_ones(errors: list[vnu.Message]) -> None:
    """Each error is in Material's markup and allowlisted; ours are fixed at their source."""
    allowed = vnu.load_allowlist()
    ours = [error for error in errors if not any(entry.matches(error) for entry in allowed)]
    assert not ours, f"{len(ours)} HTML errors:\n" + "\n".join(e.describe() for e in ours)


def test_every_allowlist_entry_is_still_needed(errors: list[vnu.Message]) -> None:
    """An entry that matches no error any more is removed (the list cannot grow stale)."""
    unused = [entry.reason for entry in vnu.load_allowlist() if not any(map(entry.matches, errors))]
    assert not unused, f"allowlist entries that match nothing, remove them: {unused}"


def test_the_checker_reports_our_errors(tmp_path: Path) -> None:
    """A page with a duplicate id is reported with its path and line (the gate can fail)."""
    (tmp_path / "ja").mkdir()
    (tmp_path / "ja" / "bad.html").write_text(
        '<!doctype html><html lang="ja"><head><title>x</title></head>\n'
        '<body>\n<p id="a">1</p>\n<p id="a">2</p>\n</body></html>\n',
        encoding="utf-8",
    )
    found = vnu.check(tmp_path)
    assert [(e.page, e.line) for e in found] == [("ja/bad.html", 4)], found
    assert "Duplicate ID" in found[0].message
