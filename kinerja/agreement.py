"""Inter-rater agreement (DESIGN.md §5): Krippendorff's alpha per unit and competency.

Alpha comes from the ``krippendorff`` package (fast, numpy-based, the
reference implementation used in content-analysis research; GPL-3.0-or-later,
used as an installed dependency and not vendored).  It is computed from the
per-ratee value counts, so no rater identity is needed and the cost is one
crosstab per period, not a loop over ratees.

Anonymity (DESIGN §4 step 2, §10): the ratings of a withheld group (an
anonymous source with too few raters of a ratee, as scoring decides it) never
feed these figures: a unit of one ratee would otherwise show that ratee's
withheld peers through alpha, and the disagreement per ratee would show them
directly (:func:`kinerja.calibration.ratings_not_withheld`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.calibration import ratings_not_withheld
from kinerja.config import Policy

#: Columns of :func:`agreement_by_unit`.
AGREEMENT_COLUMNS: tuple[str, ...] = (
    "periode",
    "unit_kerja",
    "kompetensi_kode",
    "alpha",
    "n_dinilai",
    "n_penilaian",
)

#: Columns of :func:`disagreement_by_ratee`.
DISAGREEMENT_COLUMNS: tuple[str, ...] = (
    "periode",
    "nip",
    "unit_kerja",
    "sebaran",
    "n_sel",
    "kompetensi_terbesar",
    "rentang_terbesar",
)


def _comparable(
    penilaian: pd.DataFrame, periode: str, policy: Policy, means: pd.DataFrame | None
) -> pd.DataFrame:
    """The atasan/rekan/bawahan ratings of the period, withheld groups left out."""
    sources = [s.value for s in policy.leniency_sources]
    p = ratings_not_withheld(penilaian, periode=periode, policy=policy, means=means)
    r = p.loc[p["sumber"].isin(sources)]
    return pd.DataFrame(
        {
            "nip": r["nip_dinilai"].astype(str).to_numpy(),
            "kompetensi_kode": r["kompetensi_kode"].astype(str).to_numpy(),
            "skor": r["skor"].astype(int).to_numpy(),
        }
    )


def krippendorff_alpha(value_counts: np.ndarray) -> float:
    """Interval-level Krippendorff's alpha from a ratees × values count matrix.

    Rows with fewer than two ratings carry no information; NaN when fewer
    than two pairable ratings remain or when every rating has the same value.
    """
    import krippendorff

    counts = np.asarray(value_counts, dtype=float)
    counts = counts[counts.sum(axis=1) >= 2]
    if counts.shape[0] == 0 or (counts.sum(axis=0) > 0).sum() < 2:
        return float("nan")
    domain = np.arange(1, counts.shape[1] + 1)
    return float(
        krippendorff.alpha(
            value_counts=counts, value_domain=domain, level_of_measurement="interval"
        )
    )


def agreement_by_unit(
    penilaian: pd.DataFrame,
    pegawai: pd.DataFrame,
    *,
    periode: str,
    policy: Policy | None = None,
    means: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Krippendorff's alpha of the atasan/rekan/bawahan ratings per unit and competency.

    Returns
    -------
    DataFrame
        :data:`AGREEMENT_COLUMNS`: ``alpha`` (NaN when it cannot be
        computed), ``n_dinilai`` ratees with at least two ratings,
        ``n_penilaian`` ratings used.  The ratings of withheld groups are
        left out (``means``: :func:`kinerja.scoring.source_means` of the same
        ratings, when already computed).

    Notes
    -----
    ``alpha = 1 − D_o / D_e`` with squared (interval) distance; 1 is perfect
    agreement, 0 agreement at chance level.
    """
    policy = policy or Policy()
    r = _comparable(penilaian, periode, policy, means)
    r = r.merge(pegawai[["nip", "unit_kerja"]], on="nip", how="inner", validate="many_to_one")
    counts = pd.crosstab([r["unit_kerja"], r["kompetensi_kode"], r["nip"]], r["skor"]).reindex(
        columns=range(1, 6), fill_value=0
    )
    rows = []
    for (unit, kode), block in counts.groupby(level=[0, 1], sort=True):
        values = block.to_numpy()
        rated = values.sum(axis=1)
        rows.append(
            {
                "periode": str(periode),
                "unit_kerja": unit,
                "kompetensi_kode": kode,
                "alpha": krippendorff_alpha(values),
                "n_dinilai": int((rated >= 2).sum()),
                "n_penilaian": int(rated[rated >= 2].sum()),
            }
        )
    return pd.DataFrame(rows, columns=list(AGREEMENT_COLUMNS))


def disagreement_by_ratee(
    penilaian: pd.DataFrame,
    pegawai: pd.DataFrame,
    *,
    periode: str,
    policy: Policy | None = None,
    means: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Ratees whose raters disagree most, most disagreement first.

    Returns
    -------
    DataFrame
        :data:`DISAGREEMENT_COLUMNS`: ``sebaran`` the mean range (max − min)
        of the atasan/rekan/bawahan scores over the ratee's cells with at
        least two raters, ``n_sel`` such cells, and the competency with the
        largest range.  No individual score is shown.  The ratings of a
        withheld group are left out (a ratee with one supervisor and a lone
        peer has no cell with two raters, so no row): the range would reveal
        the withheld peer's scores next to the published one.
    """
    policy = policy or Policy()
    r = _comparable(penilaian, periode, policy, means)
    cell = r.groupby(["nip", "kompetensi_kode"], sort=False)["skor"].agg(["min", "max", "size"])
    cell = cell.loc[cell["size"] >= 2].assign(rentang=lambda c: c["max"] - c["min"]).reset_index()
    if not len(cell):
        return pd.DataFrame(columns=list(DISAGREEMENT_COLUMNS))
    per = cell.groupby("nip").agg(sebaran=("rentang", "mean"), n_sel=("rentang", "size"))
    top = cell.sort_values(["nip", "rentang", "kompetensi_kode"], ascending=[True, False, True])
    top = top.drop_duplicates("nip").set_index("nip")
    out = per.join(top[["kompetensi_kode", "rentang"]]).reset_index()
    out = out.rename(
        columns={"kompetensi_kode": "kompetensi_terbesar", "rentang": "rentang_terbesar"}
    )
    out = out.merge(pegawai[["nip", "unit_kerja"]], on="nip", how="left", validate="one_to_one")
    out = out.assign(periode=str(periode), rentang_terbesar=out["rentang_terbesar"].astype(int))
    out = out.sort_values(["sebaran", "nip"], ascending=[False, True], ignore_index=True)
    return out[list(DISAGREEMENT_COLUMNS)]
