"""Load a validated :class:`~kinerja.dataset.Dataset` from files (DESIGN.md §3)."""

from __future__ import annotations

from pathlib import Path

from kinerja.dataset import Dataset
from kinerja.readers import read_tables
from kinerja.schema import validate_tables


def load_dataset(path: str | Path) -> Dataset:
    """Read and validate a folder of CSV files or one XLSX workbook.

    Parameters
    ----------
    path
        A folder holding ``pegawai.csv``, ``standar_kompetensi.csv``,
        ``penilaian.csv`` and optionally ``hasil_kerja.csv``,
        ``unit_kerja.csv``, ``kompetensi.csv``, ``pelatihan.csv``; or an
        ``.xlsx`` workbook with sheets of the same names.

    Returns
    -------
    Dataset
        Normalised frames (codes, typed numbers) and non-blocking warnings.

    Raises
    ------
    kinerja.errors.DataValidationError
        When any problem exists; ``err.problems`` lists every one of them.
    """
    return validate_tables(read_tables(path))
