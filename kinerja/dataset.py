"""The validated data set of one import: normalised frames, codes only."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja.errors import PROBLEM_COLUMNS


def empty_frame(columns: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """An empty frame with the given columns."""
    return pd.DataFrame(dict.fromkeys(columns, []), columns=list(columns), dtype=object)


@dataclass(frozen=True)
class Dataset:
    """All input tables after validation (DESIGN.md §3), with codes, not labels.

    Each frame holds its contract's columns (:data:`kinerja.contracts.CONTRACTS`;
    ``standar`` is ``standar_kompetensi``), as built by
    :func:`kinerja.loaders.assemble`: ``standar.level`` is an integer,
    ``penilaian.skor`` ``int8`` and the ratings' key columns categorical (a
    million ratings hold a few thousand distinct values); ``kompetensi`` is
    the packaged dictionary merged with the optional ``kompetensi`` file.
    ``warnings`` lists problems that do not block the import
    (``tingkat == 'peringatan'``).
    """

    pegawai: pd.DataFrame
    standar: pd.DataFrame
    penilaian: pd.DataFrame
    hasil_kerja: pd.DataFrame
    unit_kerja: pd.DataFrame
    kompetensi: pd.DataFrame
    pelatihan: pd.DataFrame
    warnings: pd.DataFrame = field(default_factory=lambda: empty_frame(PROBLEM_COLUMNS))

    def periods(self) -> list[str]:
        """Periods present in the ratings, sorted."""
        values = _distinct_text(self.penilaian["periode"]) | _distinct_text(
            self.hasil_kerja["periode"]
        )
        return sorted(values)


def _distinct_text(col: pd.Series) -> set[str]:
    """Distinct non-missing values as text; a categorical answers from its used categories."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        counts = np.bincount(col.cat.codes.to_numpy() + 1, minlength=1)[1:]  # code -1: missing
        return {str(col.cat.categories[int(c)]) for c in np.flatnonzero(counts)}
    return {str(v) for v in col.dropna().unique()}
