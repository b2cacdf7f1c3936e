"""Where the bundled folders are: ``workbooks/`` and ``sample_data/``.

In a wheel they are installed inside the package (``kinerja.workbooks``,
``kinerja.sample_data``, see pyproject.toml); in a source checkout they are
the top-level folders beside ``kinerja/``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled(name: str) -> Path:
    """Path of a bundled top-level folder (``workbooks`` or ``sample_data``)."""
    source_tree = Path(__file__).resolve().parents[1] / name
    if source_tree.is_dir():
        return source_tree
    try:
        return Path(str(resources.files(f"kinerja.{name}")))
    except ModuleNotFoundError as exc:  # pragma: no cover - broken installation
        raise FileNotFoundError(f"bundled folder {name!r} not found") from exc


def sample_data_dir() -> Path:
    """The bundled sample data (a fictitious Gunungkidul year 2025)."""
    return bundled("sample_data")


def workbooks_dir() -> Path:
    """The bundled Voilà workbooks."""
    return bundled("workbooks")
