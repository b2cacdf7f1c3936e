"""Session-wide environment for the test run.

The workbooks run under nbval open the *demo* store when no database is
configured (``kinerja.ui.common.open_store``): ``$XDG_DATA_HOME/kinerja/demo.sqlite``.
So that a test run never touches the user's own demo store, ``pytest_configure``
points ``XDG_DATA_HOME`` at a fresh temporary folder and removes ``KINERJA_DB``
/ ``KINERJA_DEMO`` from the environment; nbval's kernels inherit it.  Nothing
else is global here: fixtures live in the test modules and plain helpers in
``tests/store_fixtures.py``.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_SAVED: dict[str, str | None] = {}
_TMP: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    tmp = tempfile.mkdtemp(prefix="kinerja-test-xdg-")
    _TMP.append(tmp)
    for name in ("XDG_DATA_HOME", "KINERJA_DB", "KINERJA_DEMO"):
        _SAVED[name] = os.environ.get(name)
    os.environ["XDG_DATA_HOME"] = tmp
    os.environ.pop("KINERJA_DB", None)
    os.environ.pop("KINERJA_DEMO", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    for name, value in _SAVED.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    for tmp in _TMP:
        shutil.rmtree(tmp, ignore_errors=True)
