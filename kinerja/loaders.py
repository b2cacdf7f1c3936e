"""Load a :class:`~kinerja.dataset.Dataset`: read, validate, assemble (DESIGN.md §3)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pandas as pd

from kinerja import reference
from kinerja.contracts import CONTRACTS
from kinerja.dataset import Dataset, empty_frame
from kinerja.hierarchy import hierarchy_warnings
from kinerja.readers import RawTables, read_tables
from kinerja.validation import StoredReference, validate

#: The rating columns held as categoricals in a data set.
_RATING_CATEGORIES = ("periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode")


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


def validate_tables(raw: RawTables) -> Dataset:
    """Validate raw tables and assemble them with their warnings (see :func:`load_dataset`)."""
    dataset = assemble(validate(raw))
    return replace(dataset, warnings=hierarchy_warnings(dataset, raw.sources))


def validate_rows(raw: RawTables, stored: StoredReference) -> Dataset:
    """Validate new rows (a form's save) against the stored reference, read by key.

    ``raw`` holds only the new tables (``penilaian``, ``hasil_kerja``); the
    roster and dictionary checks use ``stored`` (see
    :class:`~kinerja.validation.StoredReference`), so the cost follows the
    rows, not the size of the store.  The same rules and messages as
    :func:`validate_tables`; no hierarchy warnings (a form shows none).
    """
    return assemble(validate(raw, stored=stored))


def assemble(frames: Mapping[str, pd.DataFrame]) -> Dataset:
    """A :class:`Dataset` of validated tables, by contract name; absent tables are empty.

    Each frame is cut to its contract's columns.  The ratings' key columns
    become categoricals (a categorical from the validation is kept as it is,
    nothing is recoded) and ``skor`` ``int8``; the other tables hold plain
    text; ``kompetensi`` is merged into the packaged dictionary.
    """
    penilaian = _frame(frames, "penilaian")
    standar = _frame(frames, "standar_kompetensi")
    return Dataset(
        pegawai=_frame(frames, "pegawai"),
        standar=standar.assign(level=standar["level"].astype(int)),
        penilaian=penilaian.assign(
            **{k: penilaian[k].astype("category") for k in _RATING_CATEGORIES},
            skor=penilaian["skor"].astype("int8"),
        ),
        hasil_kerja=_frame(frames, "hasil_kerja"),
        unit_kerja=_frame(frames, "unit_kerja"),
        kompetensi=_dictionary(frames.get("kompetensi")),
        pelatihan=_frame(frames, "pelatihan"),
    )


def _frame(frames: Mapping[str, pd.DataFrame], name: str) -> pd.DataFrame:
    """The table cut to its contract's columns; categoricals only served the checks,
    so outside ``penilaian`` they become plain text again."""
    contract = CONTRACTS[name]
    if name not in frames:
        return empty_frame(contract.names)
    frame = frames[name].reindex(columns=list(contract.names))
    if name == "penilaian":
        return frame
    coded = [c for c in contract.names if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    return frame.assign(**{c: frame[c].astype(object) for c in coded}) if coded else frame


def _dictionary(user: pd.DataFrame | None) -> pd.DataFrame:
    """Packaged competency dictionary overridden/extended by the user's ``kompetensi``."""
    packaged = reference.competencies()
    if user is None:
        return packaged
    user = user.reindex(columns=list(CONTRACTS["kompetensi"].names)).dropna(subset=["kode"])
    user = user.assign(definisi=user["definisi"].astype(object).fillna(""))  # may be absent
    merged = pd.concat([packaged[~packaged["kode"].isin(user["kode"])], user], ignore_index=True)
    return merged.sort_values("kode", kind="stable", ignore_index=True)
