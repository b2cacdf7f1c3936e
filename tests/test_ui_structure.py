"""The apps' modules stand alone: an app shares view helpers through ``kinerja.ui.common`` or
``kinerja.ui.views``, never by importing another app's module (issue 13, item 5)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kinerja.ui
from kinerja.ui import _APPS

APP_MODULES = sorted(set(_APPS.values()))


def imported_modules(path: Path, package: str) -> set[str]:
    """Every module a file imports (``from kinerja.ui import x`` counts as ``kinerja.ui.x``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the file's package
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)
    return names


def test_every_app_module_is_found():
    folder = Path(kinerja.ui.__file__).parent
    assert {f"kinerja.ui.{p.stem}" for p in folder.glob("*.py")} >= set(APP_MODULES)
    assert len(APP_MODULES) == 4


@pytest.mark.parametrize("module", APP_MODULES)
def test_an_app_module_imports_no_other_app_module(module: str):
    path = Path(kinerja.ui.__file__).parent / f"{module.rsplit('.', 1)[1]}.py"
    others = set(APP_MODULES) - {module}
    assert imported_modules(path, "kinerja.ui") & others == set()
