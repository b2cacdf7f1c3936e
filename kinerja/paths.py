"""Where the bundled folders are: ``workbooks/`` and ``sample_data/``.

In a wheel they are installed inside the package (``kinerja.workbooks``,
``kinerja.sample_data``, see pyproject.toml); in a source checkout they are
the top-level folders beside ``kinerja/``.
"""

from __future__ import annotations

from pathlib import Path


def bundled(name: str) -> Path:
    """Path of a bundled top-level folder (``workbooks`` or ``sample_data``)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parent / name):  # installed wheel, then source tree
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found beside {here}")


def sample_data_dir() -> Path:
    """The bundled sample data (a fictitious Gunungkidul year 2025)."""
    return bundled("sample_data")


def workbooks_dir() -> Path:
    """The bundled Voilà workbooks."""
    return bundled("workbooks")
