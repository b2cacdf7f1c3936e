"""Score one period of a data set into the four output frames of DESIGN.md §6."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.calibration import (
    ADJUSTMENT_COLUMNS,
    DISTRIBUTION_COLUMNS,
    RATER_COLUMNS,
    apply_adjustments,
    check_distribution,
    rater_leniency,
)
from kinerja.config import Policy
from kinerja.csvwrite import write_csv
from kinerja.dataset import Dataset
from kinerja.scoring import (
    COMPETENCY_COLUMNS,
    SUMMARY_COLUMNS,
    score_competencies,
    source_means,
    summarize_employees,
)

#: Output file name -> (attribute of :class:`Scores`, the contract's columns).  DESIGN.md §6.
OUTPUT_FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "skor_kompetensi.csv": ("kompetensi", COMPETENCY_COLUMNS),
    "ringkasan_pegawai.csv": ("ringkasan", SUMMARY_COLUMNS),
    "penilai.csv": ("penilai", RATER_COLUMNS),
    "distribusi.csv": ("distribusi", DISTRIBUTION_COLUMNS),
}


@dataclass(frozen=True)
class Scores:
    """The scored period.

    Attributes
    ----------
    periode
        The period scored.
    kompetensi
        ``skor_kompetensi`` (plus an ``atasan`` helper column not exported).
    ringkasan
        ``ringkasan_pegawai``; calibrated when adjustments were given, with a
        ``dikalibrasi`` column.
    penilai
        ``penilai``: leniency per rater.
    distribusi
        ``distribusi``: the curve checks, on the (calibrated) summary.
    ringkasan_awal
        The summary before calibration (equal to ``ringkasan`` without
        adjustments).
    adjustments
        The adjustment log applied (empty when none).
    means
        Per-source means with the anonymity decision
        (:func:`kinerja.scoring.source_means`; internal, never exported: it
        would expose small anonymous groups).
    """

    periode: str
    kompetensi: pd.DataFrame
    ringkasan: pd.DataFrame
    penilai: pd.DataFrame
    distribusi: pd.DataFrame
    ringkasan_awal: pd.DataFrame
    adjustments: pd.DataFrame
    means: pd.DataFrame = field(repr=False)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Output file name -> frame with exactly the contract's columns."""
        return {
            name: getattr(self, attribute)[list(columns)]
            for name, (attribute, columns) in OUTPUT_FILES.items()
        }

    def write_csv(self, out_dir: str | Path) -> list[Path]:
        """Write the four CSV files (comma, UTF-8, floats unrounded) all or nothing."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".kinerja-", dir=out))
        try:
            for name, frame in self.frames().items():
                to_csv(frame, staging / name)
            written = []
            for name in self.frames():
                os.replace(staging / name, out / name)
                written.append(out / name)
            return written
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def to_csv(frame: pd.DataFrame, path: Path) -> None:
    """CSV as the contract wants it: empty values empty, booleans ``true``/``false``.

    See :mod:`kinerja.csvwrite` (vectorised; pandas' writer formats each float in Python).
    """
    write_csv(frame, path)


@dataclass(frozen=True)
class EmployeeScores:
    """The per-employee part of a scored period: competencies and summary.

    Attributes as in :class:`Scores`.  Each employee's rows depend only on
    that employee's roster row, standard, ratings and work result (anonymity,
    JPM and the summary are decided per ratee), so scoring a data set of one
    ratee gives that ratee's rows of the whole period.
    """

    periode: str
    kompetensi: pd.DataFrame
    ringkasan: pd.DataFrame
    ringkasan_awal: pd.DataFrame
    adjustments: pd.DataFrame
    means: pd.DataFrame = field(repr=False)


def score_employees(
    dataset: Dataset,
    periode: str,
    *,
    policy: Policy | None = None,
    adjustments: pd.DataFrame | None = None,
) -> EmployeeScores:
    """Score the employees of one period: competencies and (calibrated) summary.

    The first part of :func:`score_dataset`, without the figures that depend
    on many employees (rater leniency, distribution); parameters as there.
    """
    policy = policy or Policy()
    periode = str(periode)
    ds = dataset
    means = source_means(ds.penilaian, periode=periode, policy=policy)
    kompetensi = score_competencies(
        ds.penilaian, ds.pegawai, ds.standar, ds.kompetensi, periode=periode, means=means
    )
    ringkasan = summarize_employees(
        kompetensi, ds.pegawai, ds.hasil_kerja, means, periode=periode, policy=policy
    )
    raw = ringkasan
    if adjustments is not None and len(adjustments):
        ringkasan = apply_adjustments(ringkasan, adjustments)
    else:
        ringkasan = ringkasan.assign(dikalibrasi=False)
        adjustments = pd.DataFrame(columns=list(ADJUSTMENT_COLUMNS))
    return EmployeeScores(
        periode=periode,
        kompetensi=kompetensi,
        ringkasan=ringkasan,
        ringkasan_awal=raw,
        adjustments=adjustments,
        means=means,
    )


def score_dataset(
    dataset: Dataset,
    periode: str,
    *,
    policy: Policy | None = None,
    adjustments: pd.DataFrame | None = None,
) -> Scores:
    """Score one period: competencies, employee summary, raters, distribution.

    Parameters
    ----------
    dataset
        A validated data set (:func:`kinerja.load_dataset` or the store).
    periode
        The period to score, e.g. ``"2025"``.
    policy
        Scoring policy; the documented defaults when ``None``.
    adjustments
        Calibration adjustment log; when given, the summary and the
        distribution use the latest adjustment per employee and field.
    """
    policy = policy or Policy()
    periode = str(periode)
    e = score_employees(dataset, periode, policy=policy, adjustments=adjustments)
    return Scores(
        periode=periode,
        kompetensi=e.kompetensi,
        ringkasan=e.ringkasan,
        penilai=rater_leniency(dataset.penilaian, periode=periode, policy=policy),
        distribusi=check_distribution(
            e.ringkasan, dataset.unit_kerja, periode=periode, policy=policy
        ),
        means=e.means,
        ringkasan_awal=e.ringkasan_awal,
        adjustments=e.adjustments,
    )


__all__ = [
    "OUTPUT_FILES",
    "EmployeeScores",
    "Scores",
    "score_competencies",
    "score_dataset",
    "score_employees",
    "to_csv",
]
