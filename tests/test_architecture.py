"""The layout of macros/ (ARCHITECTURE.md): one sub-package per job, imports that run one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

MACROS = ROOT / "macros"
# A package may import only packages of a lower rank (and itself): content knows nothing of
# MkDocs' hooks or the command line; the hooks never drive a build.
RANK = {"content": 0, "search": 1, "postbuild": 1, "engine": 2, "commands": 3}


def package(path: Path) -> str:
    return path.relative_to(MACROS).parts[0]


def imported_packages(path: Path) -> set[str]:
    """The sub-packages of macros/ that a module imports, at any depth of its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "macros" and len(parts) > 1:
                found.add(parts[1])
    return found


MODULES = sorted(p for p in MACROS.rglob("*.py") if p.parent != MACROS)


def test_every_module_sits_in_a_known_package() -> None:
    """Every module of macros/ is in one of the packages ARCHITECTURE.md describes."""
    assert {package(p) for p in MODULES} == set(RANK)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(MACROS)))
def test_imports_run_one_way(path: Path) -> None:
    """A module imports only from its own package or from packages below it."""
    own = package(path)
    upward = {p for p in imported_packages(path) if p != own and RANK.get(p, 99) >= RANK[own]}
    assert not upward, f"macros/{path.relative_to(MACROS)} imports {sorted(upward)}"


def test_importing_the_package_runs_nothing() -> None:
    """macros/__init__.py imports nothing, so no submodule is shadowed by a name in it."""
    tree = ast.parse((MACROS / "__init__.py").read_text(encoding="utf-8"))
    assert not [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
