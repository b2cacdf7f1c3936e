"""Scoring rules of DESIGN.md §4: competency scores, JPM, perilaku, predikat, nine-box.

All functions are pure and vectorised: long frames in, tidy frames out, no
loop over employees.  Regulated tables (predikat matrix, nine-box) are read
from the packaged data files (:mod:`kinerja.reference`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

import numpy as np
import pandas as pd

from kinerja import reference
from kinerja.config import Policy
from kinerja.vocab import (
    BERAKHLAK_CODES,
    STANDARD_TYPES,
    JpmCategory,
    Potential,
    Predikat,
    Rating,
    Source,
)

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
        Predikat.SANGAT_BAIK: Rating.ABOVE,
        Predikat.BAIK: Rating.AS_EXPECTED,
        Predikat.BUTUH_PERBAIKAN: Rating.BELOW,
        Predikat.KURANG_MISCONDUCT: Rating.BELOW,
        Predikat.SANGAT_KURANG: Rating.BELOW,
    }
)

#: Nine-box potensial axis from the JPM category.
POTENTIAL_BY_JPM: Mapping[str, str] = MappingProxyType(
    {
        JpmCategory.OPTIMAL: Potential.HIGH,
        JpmCategory.CUKUP_OPTIMAL: Potential.MEDIUM,
        JpmCategory.KURANG_OPTIMAL: Potential.LOW,
    }
)


def source_means(penilaian: pd.DataFrame, *, periode: str, policy: Policy) -> pd.DataFrame:
    """Mean score per ratee, competency and source, with the anonymity decision.

    Returns
    -------
    DataFrame
        ``nip, kompetensi_kode, sumber, mean, n, withheld, weight`` where ``n``
        counts the raters of that source on that competency, ``withheld`` is
        true when an anonymous source has ``1 <= n_g < k`` distinct raters of
        the ratee over all competencies of the period, and ``weight`` is the
        policy weight of the source.

    Notes
    -----
    ``m_g = mean(skor)`` over raters of source g in a cell (DESIGN §4 step 1–2).
    """
    r = penilaian[penilaian["periode"].astype(str) == str(periode)]
    keys = ["nip_dinilai", "kompetensi_kode", "sumber"]
    cell = r.groupby(keys, observed=True, sort=False)["skor"].agg(["sum", "count"]).reset_index()
    raters = r.drop_duplicates(["nip_dinilai", "sumber", "nip_penilai"])
    n_g = raters.groupby(["nip_dinilai", "sumber"], observed=True).size().rename("n_g").reset_index()
    anonymous = n_g["sumber"].astype(str).isin([s.value for s in policy.anonymous_sources])
    n_g["withheld"] = anonymous & (n_g["n_g"] >= 1) & (n_g["n_g"] < policy.anonymity_k)
    cell = cell.merge(n_g[["nip_dinilai", "sumber", "withheld"]], on=["nip_dinilai", "sumber"],
                      how="left", validate="many_to_one")
    sumber = cell["sumber"].astype(str)
    weights = {s.value: w for s, w in policy.weights.items()}
    return pd.DataFrame(
        {
            "nip": cell["nip_dinilai"].astype(str),
            "kompetensi_kode": cell["kompetensi_kode"].astype(str),
            "sumber": sumber,
            "mean": cell["sum"] / cell["count"],
            "n": cell["count"].astype(int),
            "withheld": cell["withheld"].astype(bool),
            "weight": sumber.map(weights).astype(float),
        }
    )


def combine_sources(means: pd.DataFrame) -> pd.DataFrame:
    """Weighted score per ratee and competency from :func:`source_means`.

    Returns
    -------
    DataFrame
        ``nip, kompetensi_kode, skor, skor_diri, n_penilai, atasan``:
        ``skor = Σ w_g·m_g / Σ w_g`` over sources present, not withheld, with
        ``w_g > 0`` (NaN when none); ``skor_diri`` the self mean;
        ``n_penilai`` the raters that counted; ``atasan`` whether a
        supervisor rated the cell.
    """
    counts = (means["weight"] > 0) & ~means["withheld"]
    w = means["weight"].where(counts, 0.0)
    frame = pd.DataFrame(
        {
            "nip": means["nip"],
            "kompetensi_kode": means["kompetensi_kode"],
            "wm": w * means["mean"],
            "w": w,
            "n_penilai": means["n"].where(counts, 0),
            "skor_diri": means["mean"].where(means["sumber"] == Source.SELF.value),
            "atasan": means["sumber"] == Source.SUPERVISOR.value,
        }
    )
    agg = frame.groupby(["nip", "kompetensi_kode"], sort=False).agg(
        wm=("wm", "sum"),
        w=("w", "sum"),
        n_penilai=("n_penilai", "sum"),
        skor_diri=("skor_diri", "max"),
        atasan=("atasan", "any"),
    )
    skor = (agg["wm"] / agg["w"]).where(agg["w"] > 0)
    return pd.DataFrame(
        {
            "skor": skor,
            "skor_diri": agg["skor_diri"],
            "n_penilai": agg["n_penilai"].astype(int),
            "atasan": agg["atasan"],
        }
    ).reset_index()


def competency_rows(
    pegawai: pd.DataFrame, standar: pd.DataFrame, kompetensi: pd.DataFrame, rated: pd.DataFrame
) -> pd.DataFrame:
    """The (nip, kompetensi_kode) rows of ``skor_kompetensi`` with jenis and standar.

    One row per employee and competency that is in the employee's standard,
    is a BerAKHLAK value, or was rated for that employee (``rated`` has
    ``nip, kompetensi_kode``).  ``standar`` is set only for competencies of a
    type that has a standard (manajerial, sosial_kultural, teknis).
    """
    jenis = kompetensi.set_index("kode")["jenis"]
    std = pegawai[["nip", "jabatan"]].merge(standar, on="jabatan", validate="many_to_many")
    std = std.loc[std["kompetensi_kode"].map(jenis).isin([t.value for t in STANDARD_TYPES])]
    std = std.rename(columns={"level": "standar"})[["nip", "kompetensi_kode", "standar"]]
    behaviour = pd.DataFrame(
        {
            "nip": np.repeat(pegawai["nip"].to_numpy(), len(BERAKHLAK_CODES)),
            "kompetensi_kode": np.tile(np.array(BERAKHLAK_CODES, dtype=object), len(pegawai)),
        }
    )
    rated = rated.loc[rated["nip"].isin(pegawai["nip"]), ["nip", "kompetensi_kode"]]
    keys = pd.concat([std[["nip", "kompetensi_kode"]], behaviour, rated], ignore_index=True)
    keys = keys.drop_duplicates(ignore_index=True)
    rows = keys.merge(std, on=["nip", "kompetensi_kode"], how="left", validate="one_to_one")
    return rows.assign(jenis=rows["kompetensi_kode"].map(jenis))


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

    ``means`` (from :func:`source_means`) may be passed when already computed.

    Returns
    -------
    DataFrame
        The columns of :data:`COMPETENCY_COLUMNS` plus ``atasan`` (bool: a
        supervisor rated it), sorted by ``nip, kompetensi_kode``.

    Notes
    -----
    ``skor = Σ w_g·m_g / Σ w_g`` (sources present, not withheld, ``w_g > 0``);
    ``gap = skor − standar``.
    """
    policy = policy or Policy()
    if means is None:
        means = source_means(penilaian, periode=periode, policy=policy)
    combined = combine_sources(means)
    rows = competency_rows(pegawai, standar, kompetensi, combined)
    out = rows.merge(combined, on=["nip", "kompetensi_kode"], how="left", validate="one_to_one")
    out = out.assign(
        periode=str(periode),
        n_penilai=out["n_penilai"].fillna(0).astype(int),
        atasan=out["atasan"].astype("boolean").fillna(False).astype(bool),
        standar=out["standar"].astype("Int64"),
    )
    out = out.assign(gap=out["skor"] - out["standar"].astype(float))
    out = out.sort_values(["nip", "kompetensi_kode"], kind="stable", ignore_index=True)
    return out[[*COMPETENCY_COLUMNS, "atasan"]]


def _at_least(values: pd.Series, threshold: float, tolerance: float) -> pd.Series:
    return values >= threshold - tolerance


def jpm_category(jpm: pd.Series, policy: Policy) -> pd.Series:
    """``optimal`` (≥ 90), ``cukup_optimal`` (≥ 78), ``kurang_optimal``; NaN stays empty."""
    tol = policy.tolerance
    cat = np.select(
        [_at_least(jpm, policy.jpm_optimal, tol), _at_least(jpm, policy.jpm_cukup_optimal, tol)],
        [JpmCategory.OPTIMAL.value, JpmCategory.CUKUP_OPTIMAL.value],
        JpmCategory.KURANG_OPTIMAL.value,
    )
    return pd.Series(cat, index=jpm.index, dtype=object).where(jpm.notna())


def perilaku_rating(skor: pd.Series, policy: Policy) -> pd.Series:
    """``di_atas`` (≥ 3.5), ``sesuai`` (≥ 2.5), ``di_bawah``; NaN stays empty."""
    tol = policy.tolerance
    rating = np.select(
        [_at_least(skor, policy.perilaku_di_atas, tol), _at_least(skor, policy.perilaku_sesuai, tol)],
        [Rating.ABOVE.value, Rating.AS_EXPECTED.value],
        Rating.BELOW.value,
    )
    return pd.Series(rating, index=skor.index, dtype=object).where(skor.notna())


def employee_measures(competencies: pd.DataFrame, *, policy: Policy | None = None) -> pd.DataFrame:
    """JPM, its category and the perilaku score and rating per employee.

    Returns
    -------
    DataFrame
        Indexed by ``nip``: ``jpm, kategori_jpm, skor_perilaku, rating_perilaku,
        standar_lengkap`` (every standard and BerAKHLAK competency has an
        atasan rating).

    Notes
    -----
    ``jpm = 100 · Σ skor / Σ standar`` over competencies with a standard,
    empty when any of them has no score; with ``jpm_cap_at_standard`` each
    skor is first capped at its standar.  ``skor_perilaku`` is the mean of
    B.01–B.07, empty when any is empty.
    """
    policy = policy or Policy()
    c = competencies
    has_std = c["standar"].notna()
    std = c.loc[has_std]
    skor = std["skor"]
    if policy.jpm_cap_at_standard:
        skor = np.minimum(skor, std["standar"].astype(float))
    jpm_parts = pd.DataFrame(
        {"nip": std["nip"], "s": skor, "std": std["standar"].astype(float), "miss": skor.isna()}
    ).groupby("nip").agg(s=("s", "sum"), std=("std", "sum"), miss=("miss", "any"))
    jpm = (100.0 * jpm_parts["s"] / jpm_parts["std"]).where(~jpm_parts["miss"] & (jpm_parts["std"] > 0))

    beh = c.loc[c["kompetensi_kode"].isin(BERAKHLAK_CODES)]
    beh_parts = pd.DataFrame({"nip": beh["nip"], "s": beh["skor"]}).groupby("nip")["s"].agg(
        ["mean", "count", "size"]
    )
    skor_perilaku = beh_parts["mean"].where(beh_parts["count"] == len(BERAKHLAK_CODES))

    needed = c.loc[has_std | c["kompetensi_kode"].isin(BERAKHLAK_CODES)]
    atasan_all = needed.groupby("nip")["atasan"].all()

    nips = pd.Index(c["nip"].unique(), name="nip")
    out = pd.DataFrame(index=nips)
    out["jpm"] = jpm.reindex(nips)
    out["kategori_jpm"] = jpm_category(out["jpm"], policy)
    out["skor_perilaku"] = skor_perilaku.reindex(nips)
    out["rating_perilaku"] = perilaku_rating(out["skor_perilaku"], policy)
    out["standar_lengkap"] = atasan_all.reindex(nips).fillna(False).astype(bool)
    return out


_KINERJA: Mapping[str, str] = MappingProxyType({str(k): str(v) for k, v in KINERJA_BY_PREDIKAT.items()})
_POTENTIAL: Mapping[str, str] = MappingProxyType({str(k): str(v) for k, v in POTENTIAL_BY_JPM.items()})


@cache
def _outcome_lookups() -> tuple[dict[str, str], dict[str, int]]:
    """``"hasil|perilaku" -> predikat`` and ``"kinerja|potensial" -> kotak`` from the packaged tables."""
    m = reference.predikat_matrix()
    predikat_of = dict(zip(m["rating_hasil_kerja"] + "|" + m["rating_perilaku"], m["predikat"], strict=True))
    b = reference.nine_box()
    box_of = dict(zip(b["kinerja"] + "|" + b["potensial"], b["kotak"].astype(int), strict=True))
    return predikat_of, box_of


def derive_outcomes(frame: pd.DataFrame) -> pd.DataFrame:
    """Predikat, kinerja, potensial and kotak from the two ratings and the JPM category.

    ``frame`` needs ``rating_hasil_kerja, rating_perilaku, kategori_jpm``; a
    copy with ``predikat, kinerja, potensial, kotak`` (re)computed is
    returned.  An empty input gives an empty output (no predikat without
    both ratings, no box without both axes).
    """
    predikat_of, box_of = _outcome_lookups()
    hasil = frame["rating_hasil_kerja"].astype(object)
    perilaku = frame["rating_perilaku"].astype(object)
    predikat = (hasil + "|" + perilaku).map(predikat_of).astype(object)
    kinerja = predikat.map(dict(_KINERJA)).astype(object)
    potensial = frame["kategori_jpm"].astype(object).map(dict(_POTENTIAL)).astype(object)
    box = (kinerja + "|" + potensial).map(box_of).to_numpy()
    return frame.assign(
        predikat=predikat,
        kinerja=kinerja,
        potensial=potensial,
        kotak=pd.array(box, dtype="Int64"),
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
        source of positive weight).  Computed as absent when ``None``.

    Returns
    -------
    DataFrame
        The columns of :data:`SUMMARY_COLUMNS`; ``lengkap`` is true when the
        employee has an atasan rating on every competency of the standard and
        B.01–B.07, no withheld source of positive weight and a
        ``rating_hasil_kerja``.
    """
    policy = policy or Policy()
    measures = employee_measures(competencies, policy=policy)
    hk = hasil_kerja.loc[hasil_kerja["periode"].astype(str) == str(periode), ["nip", "rating_hasil_kerja"]]
    base = pegawai[["nip", "nama", "unit_kerja", "jabatan"]].merge(
        measures.reset_index(), on="nip", how="left", validate="one_to_one"
    )
    base = base.merge(hk, on="nip", how="left", validate="one_to_one")
    if means is not None and len(means):
        bad = means.loc[means["withheld"] & (means["weight"] > 0), "nip"].unique()
    else:
        bad = np.array([], dtype=object)
    lengkap = (
        base["standar_lengkap"].astype("boolean").fillna(False).astype(bool)
        & ~base["nip"].isin(bad)
        & base["rating_hasil_kerja"].notna()
    )
    out = derive_outcomes(base.assign(periode=str(periode), lengkap=lengkap))
    out = out.sort_values("nip", kind="stable", ignore_index=True)  # same order from files or store
    return out[list(SUMMARY_COLUMNS)]
