"""Scoring rules of DESIGN.md §4: competency scores, JPM, perilaku, predikat, nine-box.

The rules live here: the thresholds, the outcome lookups, and the public
functions with their formulas.  Each public function is one step of the one
scoring path (:func:`kinerja.score_dataset` runs :func:`source_means`,
:func:`score_competencies` and :func:`summarize_employees` in turn); the
grouping and joining behind them is the private :mod:`kinerja._engine`.
Regulated tables (predikat matrix, nine-box) are read from the packaged data
files (:mod:`kinerja.reference`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

from kinerja import _engine, reference
from kinerja.config import Policy
from kinerja.vocab import JpmCategory, Potential, Predikat, Rating

#: Columns of ``skor_kompetensi.csv`` (DESIGN.md §6).
COMPETENCY_COLUMNS: tuple[str, ...] = (
    "periode",
    "nip",
    "kompetensi_kode",
    "jenis",
    "skor",
    "skor_diri",
    "standar",
    "gap",
    "n_penilai",
)

#: Columns of ``ringkasan_pegawai.csv`` (DESIGN.md §6).
SUMMARY_COLUMNS: tuple[str, ...] = (
    "periode",
    "nip",
    "nama",
    "unit_kerja",
    "jabatan",
    "jpm",
    "kategori_jpm",
    "skor_perilaku",
    "rating_perilaku",
    "rating_hasil_kerja",
    "predikat",
    "kinerja",
    "potensial",
    "kotak",
    "lengkap",
)

#: Nine-box kinerja axis from the predikat (PermenPANRB 3/2020 as DESIGN §4 applies it).
KINERJA_BY_PREDIKAT: Mapping[str, str] = MappingProxyType(
    {
        Predikat.VERY_GOOD: Rating.ABOVE,
        Predikat.GOOD: Rating.AS_EXPECTED,
        Predikat.NEEDS_IMPROVEMENT: Rating.BELOW,
        Predikat.POOR: Rating.BELOW,
        Predikat.VERY_POOR: Rating.BELOW,
    }
)

#: Nine-box potensial axis from the JPM category.
POTENTIAL_BY_JPM: Mapping[str, str] = MappingProxyType(
    {
        JpmCategory.OPTIMAL: Potential.HIGH,
        JpmCategory.FAIRLY_OPTIMAL: Potential.MEDIUM,
        JpmCategory.SUBOPTIMAL: Potential.LOW,
    }
)


def source_means(penilaian: pd.DataFrame, *, periode: str, policy: Policy) -> pd.DataFrame:
    """Mean score per ratee, competency and source, with the anonymity decision (step 1–2).

    Returns
    -------
    DataFrame
        ``nip, kompetensi_kode, sumber, mean, n, withheld, weight``, one row
        per (ratee, competency, source) with a score in the period: ``n``
        counts the ratings, ``withheld`` is true when the source is anonymous
        (``policy.anonymous_sources``) and the ratee has ``1 <= n_g < k``
        distinct raters of that source over all competencies of the period
        (``k = policy.anonymity_k``), ``weight`` is the policy weight ``w_g``
        of the source (NaN for a source the policy does not know).

    Notes
    -----
    ``m_g = mean(skor)`` over the ratings of source ``g`` in the cell.
    """
    return _engine.cell_means(penilaian, periode=periode, policy=policy)


def combine_sources(means: pd.DataFrame) -> pd.DataFrame:
    """Weighted score per ratee and competency from :func:`source_means` (step 3).

    Returns
    -------
    DataFrame
        ``nip, kompetensi_kode, skor, skor_diri, n_penilai, atasan``, sorted
        by ``nip, kompetensi_kode``: ``skor_diri`` is the self mean,
        ``n_penilai`` the ratings that counted, ``atasan`` whether a
        supervisor rated the cell.

    Notes
    -----
    ``skor = Σ w_g·m_g / Σ w_g`` over the sources present, not withheld and
    with ``w_g > 0``; empty when there is none.
    """
    return _engine.combine(means)


def score_competencies(
    penilaian: pd.DataFrame,
    pegawai: pd.DataFrame,
    standar: pd.DataFrame,
    kompetensi: pd.DataFrame,
    *,
    periode: str,
    policy: Policy | None = None,
    means: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Score every competency of every employee in one period (``skor_kompetensi``).

    One row per employee of ``pegawai`` and competency that is in the
    standard of the employee's jabatan (types manajerial, sosial_kultural,
    teknis), is a BerAKHLAK value (B.01–B.07), or was rated for that
    employee.  Ratees missing from ``pegawai`` get no rows.

    Parameters
    ----------
    means
        :func:`source_means` of ``penilaian``, when already computed.

    Returns
    -------
    DataFrame
        ``periode, nip, kompetensi_kode, jenis, skor, skor_diri, standar, gap,
        n_penilai`` (:data:`COMPETENCY_COLUMNS`) plus ``atasan`` (bool: a
        supervisor rated it), sorted by ``nip, kompetensi_kode``.  ``skor``,
        ``skor_diri``, ``n_penilai`` and ``atasan`` as in
        :func:`combine_sources` (empty, empty, 0, false when not rated);
        ``standar`` the level of the standard (Int64, empty outside it).

    Raises
    ------
    ValueError
        When a jabatan has two levels for one competency, or a NIP with a
        standard is listed twice in ``pegawai`` (validated data never has).

    Notes
    -----
    ``skor = Σ w_g·m_g / Σ w_g`` (sources present, not withheld, ``w_g > 0``);
    ``gap = skor − standar``.
    """
    if means is None:
        means = source_means(penilaian, periode=periode, policy=policy or Policy())
    out = _engine.competency_rows(pegawai, standar, kompetensi, combine_sources(means))
    out = out.assign(
        periode=pd.Series(str(periode), index=out.index, dtype="str"),
        gap=out["skor"] - out["standar"].astype(float),
        n_penilai=out["n_penilai"].fillna(0).astype(int),
        atasan=out["atasan"].fillna(False).astype(bool),
    )
    return out[[*COMPETENCY_COLUMNS, "atasan"]]


def _at_least(values: pd.Series, threshold: float, tolerance: float) -> pd.Series:
    return values >= threshold - tolerance


def jpm_category(jpm: pd.Series, policy: Policy) -> pd.Series:
    """``optimal`` (≥ 90), ``cukup_optimal`` (≥ 78), ``kurang_optimal``; NaN stays empty."""
    tol = policy.tolerance
    cat = np.select(
        [_at_least(jpm, policy.jpm_optimal, tol), _at_least(jpm, policy.jpm_cukup_optimal, tol)],
        [JpmCategory.OPTIMAL.value, JpmCategory.FAIRLY_OPTIMAL.value],
        JpmCategory.SUBOPTIMAL.value,
    )
    return pd.Series(cat, index=jpm.index, dtype=object).where(jpm.notna())


def perilaku_rating(skor: pd.Series, policy: Policy) -> pd.Series:
    """``di_atas`` (≥ 3.5), ``sesuai`` (≥ 2.5), ``di_bawah``; NaN stays empty."""
    tol = policy.tolerance
    rating = np.select(
        [
            _at_least(skor, policy.perilaku_di_atas, tol),
            _at_least(skor, policy.perilaku_sesuai, tol),
        ],
        [Rating.ABOVE.value, Rating.AS_EXPECTED.value],
        Rating.BELOW.value,
    )
    return pd.Series(rating, index=skor.index, dtype=object).where(skor.notna())


def employee_measures(competencies: pd.DataFrame, *, policy: Policy | None = None) -> pd.DataFrame:
    """JPM, its category and the perilaku score and rating per employee (step 4–5).

    Returns
    -------
    DataFrame
        Indexed by ``nip`` (order of first appearance): ``jpm, kategori_jpm,
        skor_perilaku, rating_perilaku, standar_lengkap`` (every standard and
        BerAKHLAK competency has an atasan rating).

    Notes
    -----
    ``jpm = 100 · Σ skor / Σ standar`` over competencies with a standard,
    empty when any of them has no score or none has a standard; with
    ``jpm_cap_at_standard`` each skor is first capped at its standar.
    ``kategori_jpm`` by :func:`jpm_category`.  ``skor_perilaku`` is the mean
    of B.01–B.07, empty when any is empty; ``rating_perilaku`` by
    :func:`perilaku_rating`.
    """
    policy = policy or Policy()
    sums = _engine.employee_sums(competencies, cap_at_standard=policy.jpm_cap_at_standard)
    return pd.DataFrame(
        {
            "jpm": sums["jpm"],
            "kategori_jpm": jpm_category(sums["jpm"], policy),
            "skor_perilaku": sums["skor_perilaku"],
            "rating_perilaku": perilaku_rating(sums["skor_perilaku"], policy),
            "standar_lengkap": sums["standar_lengkap"],
        }
    )


def _pairs(a: pd.Series, b: pd.Series) -> list[tuple[object, object]]:
    """The pairs ``(a[i], b[i])`` as a list (a missing value stays as it is)."""
    return list(zip(a.tolist(), b.tolist(), strict=True))


# the two axes as plain text, looked up by any cell value (a missing one finds nothing)
_KINERJA: Mapping[object, str] = {str(k): str(v) for k, v in KINERJA_BY_PREDIKAT.items()}
_POTENTIAL: Mapping[object, str] = {str(k): str(v) for k, v in POTENTIAL_BY_JPM.items()}


def derive_outcomes(frame: pd.DataFrame) -> pd.DataFrame:
    """Predikat, kinerja, potensial and kotak from the two ratings and the JPM category.

    ``frame`` needs ``rating_hasil_kerja, rating_perilaku, kategori_jpm``; a
    copy with ``predikat, kinerja, potensial, kotak`` (re)computed is
    returned.  ``predikat`` from the matrix of PermenPANRB 6/2022 (empty
    without both ratings); ``kinerja`` by :data:`KINERJA_BY_PREDIKAT`,
    ``potensial`` by :data:`POTENTIAL_BY_JPM`; ``kotak`` (Int64) from the
    nine-box of PermenPANRB 3/2020 (empty without both axes).
    """
    m = reference.predikat_matrix()
    matrix = _pairs(m["rating_hasil_kerja"], m["rating_perilaku"])
    predikat_of = dict(zip(matrix, m["predikat"], strict=True))
    b = reference.nine_box()
    kotak_of = dict(zip(_pairs(b["kinerja"], b["potensial"]), b["kotak"].tolist(), strict=True))
    predikat = [
        predikat_of.get(r) for r in _pairs(frame["rating_hasil_kerja"], frame["rating_perilaku"])
    ]
    kinerja = [_KINERJA.get(p) for p in predikat]
    potensial = [_POTENTIAL.get(j) for j in frame["kategori_jpm"].tolist()]
    kotak = [kotak_of.get(axes) for axes in zip(kinerja, potensial, strict=True)]
    return frame.assign(
        predikat=pd.Series(predikat, index=frame.index, dtype=object),
        kinerja=pd.Series(kinerja, index=frame.index, dtype=object),
        potensial=pd.Series(potensial, index=frame.index, dtype=object),
        kotak=pd.array(kotak, dtype="Int64"),
    )


def summarize_employees(
    competencies: pd.DataFrame,
    pegawai: pd.DataFrame,
    hasil_kerja: pd.DataFrame,
    means: pd.DataFrame | None = None,
    *,
    periode: str,
    policy: Policy | None = None,
) -> pd.DataFrame:
    """One row per employee of ``pegawai`` (``ringkasan_pegawai``), sorted by ``nip``.

    Parameters
    ----------
    competencies
        Output of :func:`score_competencies` for the period.
    means
        Output of :func:`source_means`; used for ``lengkap`` (no withheld
        source of positive weight).  Taken as no source withheld when ``None``.

    Returns
    -------
    DataFrame
        ``periode, nip, nama, unit_kerja, jabatan`` (rows without a NIP
        last), the measures of :func:`employee_measures` (``jpm,
        kategori_jpm, skor_perilaku, rating_perilaku``), the period's
        ``rating_hasil_kerja``, the outcomes of :func:`derive_outcomes`
        (``predikat, kinerja, potensial, kotak``) and ``lengkap``
        (:data:`SUMMARY_COLUMNS`).  ``lengkap`` is true when the employee has
        an atasan rating on every competency of the standard and B.01–B.07,
        no withheld source of positive weight and a ``rating_hasil_kerja``.

    Raises
    ------
    ValueError
        When a NIP is listed twice in ``pegawai``, or has two
        ``rating_hasil_kerja`` in the period (validated data never has).
    """
    base = _engine.employee_rows(pegawai)
    nip = base["nip"].astype("str")
    measures = employee_measures(competencies, policy=policy)
    measures = measures[measures.index.notna()].reindex(nip)
    hasil = _engine.hasil_per_nip(hasil_kerja, nip, periode=periode)
    withheld = pd.Series(False, index=nip.index)
    if means is not None:
        bad = means.loc[means["withheld"].astype(bool) & (means["weight"] > 0), "nip"]
        withheld = nip.isin(bad.unique())
    lengkap = measures["standar_lengkap"].fillna(False).to_numpy(dtype=bool)
    out = derive_outcomes(
        base.assign(
            jpm=measures["jpm"].to_numpy(),
            kategori_jpm=measures["kategori_jpm"].to_numpy(),
            skor_perilaku=measures["skor_perilaku"].to_numpy(),
            rating_perilaku=measures["rating_perilaku"].to_numpy(),
            rating_hasil_kerja=hasil,
            periode=str(periode),
            lengkap=lengkap & ~withheld.to_numpy() & pd.notna(hasil) & nip.notna().to_numpy(),
        )
    )
    return out[list(SUMMARY_COLUMNS)]
