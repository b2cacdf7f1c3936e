"""Scoring rules of DESIGN.md §4: competency scores, JPM, perilaku, predikat, nine-box.

All functions are pure and vectorised: long frames in, tidy frames out, no
loop over employees.  Regulated tables (predikat matrix, nine-box) are read
from the packaged data files (:mod:`kinerja.reference`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import cast

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


def period_mask(frame: pd.DataFrame, periode: str) -> np.ndarray:
    """``frame["periode"].astype(str) == str(periode)``; a categorical compares its categories."""
    col = frame["periode"]
    if isinstance(col.dtype, pd.CategoricalDtype):
        same = np.asarray(col.cat.categories.astype(str) == str(periode), dtype=bool)
        hit = np.append(same, False)  # code -1 (missing) is not the period
        return hit[col.cat.codes.to_numpy()]
    return np.asarray(col.astype(str) == str(periode), dtype=bool)


def in_period(frame: pd.DataFrame, periode: str) -> pd.DataFrame:
    """Rows of ``frame`` of one period (the frame itself, not a copy, when all are)."""
    mask = period_mask(frame, periode)
    return frame if mask.all() else frame[mask]


def _codes(col: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of ``col`` (-1 for missing) and the values they index.

    A categorical column gives its own codes; any other column is factorised
    (values in order of first appearance).
    """
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col.cat.codes.to_numpy(), col.cat.categories
    if isinstance(col.dtype, pd.StringDtype) or col.dtype == object:
        # hashing the object array directly is faster than through the string dtype
        codes, uniques = pd.factorize(col.to_numpy(dtype=object))
        return codes, pd.Index(uniques, dtype=col.dtype)
    codes, unique_index = pd.factorize(col)
    return codes, pd.Index(unique_index)


def _sum_count(values: pd.Series, key: np.ndarray) -> pd.DataFrame:
    """``values.groupby(key, sort=False).agg(["sum", "count"])``, groups in first-appearance order.

    Integer values are summed with ``np.bincount`` (exact); others by pandas.
    ``key`` holds non-negative integers.
    """
    plain_int = pd.api.types.is_integer_dtype(values.dtype) and isinstance(values.dtype, np.dtype)
    if not plain_int:
        return values.groupby(key, sort=False).agg(["sum", "count"])
    space = int(key.max()) + 1 if len(key) else 0
    if space <= 4 * len(key) + (1 << 20):  # dense keys: count into bins, no hashing
        count = np.bincount(key, minlength=space)
        present = np.flatnonzero(count)
        first = np.full(space, len(key), dtype=np.int64)
        np.minimum.at(first, key, np.arange(len(key), dtype=np.int64))
        order = present[np.argsort(first[present], kind="stable")]
        total = np.bincount(key, weights=values.to_numpy(), minlength=space)[order]
        return pd.DataFrame(
            {"sum": total.astype(np.int64), "count": count[order].astype(np.int64)},
            index=pd.Index(order),
        )
    group, keys = pd.factorize(key)
    total = np.bincount(group, weights=values.to_numpy(), minlength=len(keys)).astype(np.int64)
    count = np.bincount(group, minlength=len(keys)).astype(np.int64)
    return pd.DataFrame({"sum": total, "count": count}, index=pd.Index(keys))


def _text(codes: np.ndarray, values: pd.Index) -> pd.Series:
    """``values[codes]`` as text, like ``Series.astype(str)`` on the matching categorical."""
    return pd.Series(pd.Categorical.from_codes(codes, categories=values)).astype(str)


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
    # Vectorised on integer codes (no string keys are hashed per rating): a cell is
    # (ratee, competency, source), a group for the anonymity rule (ratee, source).
    r = in_period(penilaian, periode)
    ratee, ratee_values = _codes(r["nip_dinilai"])
    comp, comp_values = _codes(r["kompetensi_kode"])
    src, src_values = _codes(r["sumber"])
    rater, rater_values = _codes(r["nip_penilai"])
    n_src, n_comp = len(src_values), len(comp_values)
    pair = ratee.astype(np.int64) * n_src + src
    keyed = (ratee >= 0) & (src >= 0)
    cell_key = (pair * n_comp + comp)[keyed & (comp >= 0)]
    skor = r["skor"] if keyed.all() and (comp >= 0).all() else r["skor"][keyed & (comp >= 0)]
    cell = _sum_count(skor, cell_key)
    cell_key_of = cell.index.to_numpy(dtype=np.int64)
    cell_pair = cell_key_of // max(n_comp, 1)
    # n_g: distinct raters per (ratee, source) over all competencies of the period
    distinct = pd.unique(pair[keyed] * (len(rater_values) + 1) + rater[keyed] + 1)
    n_g = np.bincount(distinct // (len(rater_values) + 1), minlength=len(ratee_values) * n_src)
    source_names = _text(np.arange(n_src), src_values)
    anonymous = source_names.isin([s.value for s in policy.anonymous_sources]).to_numpy()
    withheld = np.tile(anonymous, len(ratee_values)) & (n_g >= 1) & (n_g < policy.anonymity_k)
    weights = {s.value: w for s, w in policy.weights.items()}
    weight = source_names.map(weights).astype(float).to_numpy()
    return pd.DataFrame(
        {
            "nip": _text(cell_pair // max(n_src, 1), ratee_values),
            "kompetensi_kode": _text(cell_key_of % max(n_comp, 1), comp_values),
            "sumber": _text(cell_pair % max(n_src, 1), src_values),
            "mean": (cell["sum"] / cell["count"]).to_numpy(),
            "n": cell["count"].astype(int).to_numpy(),
            "withheld": withheld[cell_pair].astype(bool),
            "weight": weight[cell_pair % max(n_src, 1)],
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
    sumber = means["sumber"].to_numpy(dtype=object)
    frame = pd.DataFrame(
        {
            "wm": w * means["mean"],
            "w": w,
            "n_penilai": means["n"].where(counts, 0),
            "skor_diri": means["mean"].where(sumber == Source.SELF.value),
            "atasan": sumber == Source.SUPERVISOR.value,
        }
    )
    # group on one integer key per (nip, kompetensi_kode): same groups, same order
    nip, nip_values = _codes(means["nip"])
    kode, kode_values = _codes(means["kompetensi_kode"])
    keyed = (nip >= 0) & (kode >= 0)
    key = nip.astype(np.int64) * len(kode_values) + kode
    agg = (
        frame[keyed]
        .groupby(key[keyed], sort=False)
        .agg(
            wm=("wm", "sum"),
            w=("w", "sum"),
            n_penilai=("n_penilai", "sum"),
            skor_diri=("skor_diri", "max"),
            atasan=("atasan", "any"),
        )
    )
    skor = (agg["wm"] / agg["w"]).where(agg["w"] > 0)
    group = agg.index.to_numpy(dtype=np.int64)
    return pd.DataFrame(
        {
            "nip": nip_values.take(group // max(len(kode_values), 1)),
            "kompetensi_kode": kode_values.take(group % max(len(kode_values), 1)),
            "skor": skor.to_numpy(),
            "skor_diri": agg["skor_diri"].to_numpy(),
            "n_penilai": agg["n_penilai"].astype(int).to_numpy(),
            "atasan": agg["atasan"].to_numpy(),
        }
    )


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
    # drop_duplicates + a left merge on std, on integer pair keys (same rows, same order)
    (key,) = _pair_keys(keys)
    first = ~pd.Series(key).duplicated().to_numpy()
    keys = keys[first].reset_index(drop=True)
    position = _positions(key[: len(std)], key[first])
    if position is None:  # duplicate standards: let merge report it as before
        rows = keys.merge(std, on=["nip", "kompetensi_kode"], how="left", validate="one_to_one")
    else:
        level = std["standar"].reset_index(drop=True).reindex(position)
        rows = keys.assign(standar=level.to_numpy())
    return rows.assign(jenis=rows["kompetensi_kode"].map(jenis))


def _pair_keys(*frames: pd.DataFrame) -> list[np.ndarray]:
    """One int64 key per ``(nip, kompetensi_kode)`` row, equal for equal pairs across frames."""
    return _pair_codes(*frames)[0]


def _pair_codes(*frames: pd.DataFrame) -> tuple[list[np.ndarray], np.ndarray]:
    """Pair keys per frame (see :func:`_pair_keys`) and, for all rows, the stable order
    of ``sort_values(["nip", "kompetensi_kode"], kind="stable")`` within each frame,
    as a lexsort key: ``(kode rank, nip rank)`` stacked (missing values rank last).
    """
    bounds = np.cumsum([len(f) for f in frames])[:-1]

    def joint(column: str) -> tuple[np.ndarray, int, np.ndarray]:
        values = np.concatenate([f[column].to_numpy(dtype=object) for f in frames])
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        rank_of = pd.factorize(uniques, sort=True)[0]  # uniques are distinct: their sort rank
        rank = np.where(codes < 0, len(uniques), np.append(rank_of, 0)[codes])
        return codes.astype(np.int64) + 1, len(uniques) + 1, rank  # missing: a value of its own

    nip, _, nip_rank = joint("nip")
    kode, n_kode, kode_rank = joint("kompetensi_kode")
    return np.split(nip * n_kode + kode, bounds), np.vstack([kode_rank, nip_rank])


def _positions(unique_keys: np.ndarray, keys: np.ndarray) -> np.ndarray | None:
    """Position of each of ``keys`` in ``unique_keys`` (-1 when absent); None if not unique."""
    index = pd.Index(unique_keys)
    return index.get_indexer(keys) if index.is_unique else None


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
    (row_key, combined_key), ranks = _pair_codes(rows, combined)
    position = _positions(combined_key, row_key)
    if position is None:
        out = rows.merge(combined, on=["nip", "kompetensi_kode"], how="left", validate="one_to_one")
    else:  # the same left merge, by position
        found = combined.drop(columns=["nip", "kompetensi_kode"]).reset_index(drop=True)
        out = rows.assign(**{c: found[c].reindex(position).to_numpy() for c in found.columns})
    out = out.assign(
        periode=str(periode),
        n_penilai=out["n_penilai"].fillna(0).astype(int),
        atasan=out["atasan"].astype("boolean").fillna(False).astype(bool),
        standar=out["standar"].astype("Int64"),
    )
    out = out.assign(gap=out["skor"] - out["standar"].astype(float))
    # sort_values(["nip", "kompetensi_kode"], kind="stable") on the codes: same order
    order = np.lexsort(ranks[:, : len(rows)])
    out = out.take(order).reset_index(drop=True)
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
        [
            _at_least(skor, policy.perilaku_di_atas, tol),
            _at_least(skor, policy.perilaku_sesuai, tol),
        ],
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
    # grouped on integer codes of nip (first appearance order), not on the strings
    code = pd.factorize(c["nip"], use_na_sentinel=True)[0]
    has_nip = code >= 0
    has_std = c["standar"].notna()
    std = c.loc[has_std & has_nip]
    skor = std["skor"]
    if policy.jpm_cap_at_standard:
        skor = cast(pd.Series, np.minimum(skor, std["standar"].astype(float)))
    jpm_parts = (
        pd.DataFrame({"s": skor, "std": std["standar"].astype(float), "miss": skor.isna()})
        .groupby(code[(has_std & has_nip).to_numpy()])
        .agg(s=("s", "sum"), std=("std", "sum"), miss=("miss", "any"))
    )
    jpm = (100.0 * jpm_parts["s"] / jpm_parts["std"]).where(
        ~jpm_parts["miss"] & (jpm_parts["std"] > 0)
    )

    is_beh = c["kompetensi_kode"].isin(BERAKHLAK_CODES).to_numpy() & has_nip
    beh = c.loc[is_beh]
    beh_parts = beh["skor"].groupby(code[is_beh]).agg(["mean", "count", "size"])
    skor_perilaku = beh_parts["mean"].where(beh_parts["count"] == len(BERAKHLAK_CODES))

    is_needed = (has_std.to_numpy() | is_beh) & has_nip
    atasan_all = c.loc[is_needed, "atasan"].groupby(code[is_needed]).all()

    nips = pd.Index(c["nip"].unique(), name="nip")
    missing = np.asarray(pd.isna(nips), dtype=bool)
    at = np.where(missing, -1, np.cumsum(~missing) - 1)  # the code of each of nips
    out = pd.DataFrame(index=nips)
    out["jpm"] = jpm.reindex(at).to_numpy()
    out["kategori_jpm"] = jpm_category(out["jpm"], policy)
    out["skor_perilaku"] = skor_perilaku.reindex(at).to_numpy()
    out["rating_perilaku"] = perilaku_rating(out["skor_perilaku"], policy)
    out["standar_lengkap"] = atasan_all.reindex(at).fillna(False).astype(bool).to_numpy()
    return out


_KINERJA: Mapping[str, str] = MappingProxyType(
    {str(k): str(v) for k, v in KINERJA_BY_PREDIKAT.items()}
)
_POTENTIAL: Mapping[str, str] = MappingProxyType(
    {str(k): str(v) for k, v in POTENTIAL_BY_JPM.items()}
)


@cache
def _outcome_lookups() -> tuple[dict[str, str], dict[str, int]]:
    """Lookups from the packaged tables.

    ``"hasil|perilaku" -> predikat`` and ``"kinerja|potensial" -> kotak``.
    """
    m = reference.predikat_matrix()
    predikat_of = dict(
        zip(m["rating_hasil_kerja"] + "|" + m["rating_perilaku"], m["predikat"], strict=True)
    )
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


def _merge_one_to_one(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    """``left.merge(right, on="nip", how="left", validate="one_to_one")``.

    Uniqueness is checked with two cheap ``is_unique``; only when it fails does
    merge validate (and raise its usual error).
    """
    if left["nip"].is_unique and right["nip"].is_unique:
        return left.merge(right, on="nip", how="left")
    return left.merge(right, on="nip", how="left", validate="one_to_one")


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
    hk = hasil_kerja.loc[
        hasil_kerja["periode"].astype(str) == str(periode), ["nip", "rating_hasil_kerja"]
    ]
    roster = pegawai[["nip", "nama", "unit_kerja", "jabatan"]]
    base = _merge_one_to_one(roster, measures.reset_index())
    base = _merge_one_to_one(base, hk)
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
