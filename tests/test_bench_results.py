"""benchmarks/run.py reads each benchmark's printed figures into the results table, and keeps
the rest of what it printed, its own tables whole, under it."""

from __future__ import annotations

from benchmarks.run import parse

OUTPUT = """\
| build 5 patterns: wall time | 2.2 s | < 60 s |
| serve: fastest / slowest edit | 1.99 s / 2.44 s |
Side by side:

| page | plain Material (reference) | this site |
| --- | --- | --- |
| ja home | 99.8 | 100.0 |
| en home | 99.8 | 100.0 |

| tick timing at 2,500 statements | 19.2 ms | ≤ 50 ms |
"""


def test_figures_become_rows_and_a_table_of_its_own_stays_whole() -> None:
    rows, other = parse(OUTPUT)
    assert rows == [
        ["build 5 patterns: wall time", "2.2 s", "< 60 s"],
        ["serve: fastest / slowest edit", "1.99 s / 2.44 s", ""],
        ["tick timing at 2,500 statements", "19.2 ms", "≤ 50 ms"],
    ]
    assert other.splitlines() == [
        "Side by side:",
        "| page | plain Material (reference) | this site |",
        "| --- | --- | --- |",
        "| ja home | 99.8 | 100.0 |",
        "| en home | 99.8 | 100.0 |",
    ]
