"""Vectorised engine behind :mod:`kinerja.scoring`: the grouping, joining and summing of its rules.

Private: the public functions of :mod:`kinerja.scoring` are its only callers
(the pipeline goes through them too), and they carry the formulas and the
columns in their docstrings.  The million ratings of a year are grouped on
integer codes (:func:`cell_means`); every later step sees a few hundred
thousand rows at most and is plain pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.codes import codes_of, group_keys, text_of
from kinerja.config import Policy
from kinerja.vocab import BERAKHLAK_CODES, STANDARD_TYPES, Source

KEY = ["nip", "kompetensi_kode"]


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


def cell_means(penilaian: pd.DataFrame, *, periode: str, policy: Policy) -> pd.DataFrame:
    """One row per (ratee, competency, source) of the period: mean, n, withheld, weight.

    On integer codes (a categorical column gives its own): a cell's key is
    ``(ratee × sources + source) × codes + competency``, so that summing a
    million scores is two ``bincount`` calls.  Rows are sorted by (ratee,
    source, competency) codes.
    """
    r = in_period(penilaian, periode)
    ratee, ratee_values = codes_of(r["nip_dinilai"])
    comp, comp_values = codes_of(r["kompetensi_kode"])
    src, src_values = codes_of(r["sumber"])
    rater, rater_values = codes_of(r["nip_penilai"])
    n_src, n_comp = max(len(src_values), 1), max(len(comp_values), 1)
    skor = r["skor"].to_numpy(dtype=float, na_value=np.nan)
    keyed = (ratee >= 0) & (src >= 0)
    pair = ratee.astype(np.int64) * n_src + src  # the (ratee, source) group
    scored = keyed & (comp >= 0) & ~np.isnan(skor)
    cell_key, cell_of = group_keys((pair * n_comp + comp)[scored])
    total = np.bincount(cell_of, weights=skor[scored], minlength=len(cell_key))
    count = np.bincount(cell_of, minlength=len(cell_key))
    cell_pair = cell_key // n_comp
    names = np.asarray(src_values.astype(str), dtype=object)
    anonymous = np.isin(names, [s.value for s in policy.anonymous_sources])
    # n_g: distinct raters per (ratee, source) over all competencies of the period,
    # counted for the anonymous sources only (the others are never withheld)
    width = len(rater_values) + 1
    counted = keyed & np.append(anonymous, False)[src]
    distinct = np.unique(pair[counted] * width + rater[counted] + 1)
    n_g = np.bincount(distinct // width, minlength=len(ratee_values) * n_src)
    withheld = np.tile(anonymous, len(ratee_values)) & (n_g >= 1) & (n_g < policy.anonymity_k)
    weights = {s.value: w for s, w in policy.weights.items()}
    weight = np.array([weights.get(name, np.nan) for name in names], dtype=float)
    return pd.DataFrame(
        {
            "nip": text_of(cell_pair // n_src, ratee_values),
            "kompetensi_kode": text_of(cell_key % n_comp, comp_values),
            "sumber": text_of(cell_pair % n_src, src_values),
            "mean": total / count,
            "n": count,
            "withheld": withheld[cell_pair],
            "weight": weight[cell_pair % n_src],
        }
    )


def combine(means: pd.DataFrame) -> pd.DataFrame:
    """Per (nip, kompetensi_kode) of :func:`cell_means`' frame: skor, skor_diri, n_penilai, atasan.

    Sorted by ``nip, kompetensi_kode``; a pair with no counting source has an
    empty ``skor``.
    """
    counts = means["weight"].gt(0) & ~means["withheld"].astype(bool)
    w = means["weight"].where(counts, 0.0)
    parts = pd.DataFrame(
        {
            "nip": means["nip"],
            "kompetensi_kode": means["kompetensi_kode"],
            "w": w,
            "wm": (w * means["mean"]).where(counts, 0.0),
            "n_penilai": means["n"].where(counts, 0),
            # a cell is one (ratee, competency, source): at most one self cell per pair
            "skor_diri": means["mean"].where(means["sumber"].eq(Source.SELF.value)),
            "atasan": means["sumber"].eq(Source.SUPERVISOR.value),
        }
    )
    pairs = parts.groupby(KEY).agg(  # sorted; a row with a missing key belongs to no pair
        w=("w", "sum"),
        wm=("wm", "sum"),
        n_penilai=("n_penilai", "sum"),
        skor_diri=("skor_diri", "max"),
        atasan=("atasan", "any"),
    )
    skor = (pairs["wm"] / pairs["w"]).where(pairs["w"] > 0)
    out = pairs.assign(skor=skor, n_penilai=pairs["n_penilai"].astype(np.int64))
    return out[["skor", "skor_diri", "n_penilai", "atasan"]].reset_index()


def competency_rows(
    pegawai: pd.DataFrame, standar: pd.DataFrame, kompetensi: pd.DataFrame, rated: pd.DataFrame
) -> pd.DataFrame:
    """The rows of ``skor_kompetensi`` with ``jenis, standar`` and ``rated``'s columns beside them.

    Each listed employee's standard (through the jabatan; only types with a
    standard), the BerAKHLAK values, and the pairs of ``rated`` (sorted by
    ``nip, kompetensi_kode``) of listed employees.  The outer join sorts the
    keys: the rows come sorted by ``nip, kompetensi_kode``.
    """
    jenis_of = kompetensi.drop_duplicates("kode").set_index("kode")["jenis"]
    roster = pd.DataFrame(
        {"nip": _text(pegawai["nip"]), "jabatan": _text(pegawai["jabatan"])}
    ).dropna(subset=["nip"])
    std = pd.DataFrame(
        {
            "jabatan": _text(standar["jabatan"]),
            "kompetensi_kode": _text(standar["kompetensi_kode"]),
            "standar": standar["level"].astype("Int64"),
        }
    )
    typed = std["kompetensi_kode"].map(jenis_of).isin([t.value for t in STANDARD_TYPES])
    std = std[typed & std["jabatan"].notna()]
    standard = roster.merge(std, on="jabatan")[[*KEY, "standar"]]
    if standard.duplicated(KEY).any():
        raise ValueError(
            "standar_kompetensi: satu jabatan punya lebih dari satu level untuk kompetensi "
            "yang sama, atau satu NIP tercantum dua kali di pegawai"
        )
    nips = roster["nip"].unique()
    behaviour = pd.DataFrame(
        {
            "nip": np.repeat(nips, len(BERAKHLAK_CODES)),
            "kompetensi_kode": np.tile(np.array(BERAKHLAK_CODES, dtype=object), len(nips)),
        }
    ).astype("str")
    strangers = pd.Index(rated["nip"].unique()).difference(nips)  # ratees not in pegawai
    rated = rated[~rated["nip"].isin(strangers)]
    needed = pd.concat([standard, behaviour]).drop_duplicates(KEY)  # the standard's level first
    rows = needed.merge(rated, on=KEY, how="outer")
    return rows.assign(jenis=rows["kompetensi_kode"].map(jenis_of).astype("str"))


def _text(col: pd.Series) -> pd.Series:
    """``col`` as pandas' string dtype (missing stays missing), for keys that must match."""
    return col.astype("str")


def employee_sums(competencies: pd.DataFrame, *, cap_at_standard: bool) -> pd.DataFrame:
    """Per nip of ``competencies`` (order of first appearance): jpm, skor_perilaku, standar_lengkap.

    ``jpm`` is empty when a competency with a standard has no score or none
    has a standard; ``skor_perilaku`` when one of B.01–B.07 has no score.
    """
    c = competencies
    skor = c["skor"].to_numpy(dtype=float, na_value=np.nan)
    level = c["standar"].to_numpy(dtype=float, na_value=np.nan)
    has_std = ~np.isnan(level)
    capped = np.minimum(skor, level) if cap_at_standard else skor
    behaviour = c["kompetensi_kode"].isin(BERAKHLAK_CODES).to_numpy()
    needed = has_std | behaviour
    parts = pd.DataFrame(
        {
            "nip": c["nip"],
            "std_sum": np.where(has_std, level, 0.0),
            "std_scored": np.where(has_std & ~np.isnan(capped), capped, 0.0),
            "std_unscored": has_std & np.isnan(capped),
            "beh_sum": np.where(behaviour & ~np.isnan(skor), skor, 0.0),
            "beh_n": behaviour & ~np.isnan(skor),
            "needed": needed,
            "needed_no_atasan": needed & ~c["atasan"].to_numpy(dtype=bool),
        }
    )
    s = parts.groupby("nip", sort=False, dropna=False).sum()
    jpm = (100.0 * s["std_scored"] / s["std_sum"]).where(
        (s["std_unscored"] == 0) & (s["std_sum"] > 0)
    )
    skor_perilaku = (s["beh_sum"] / s["beh_n"]).where(s["beh_n"] == len(BERAKHLAK_CODES))
    return pd.DataFrame(
        {
            "jpm": jpm,
            "skor_perilaku": skor_perilaku,
            "standar_lengkap": (s["needed"] > 0) & (s["needed_no_atasan"] == 0),
        }
    )


def employee_rows(pegawai: pd.DataFrame) -> pd.DataFrame:
    """``nip, nama, unit_kerja, jabatan`` of each employee, sorted by the NIP's text.

    Rows without a NIP come last, in file order: the same order whether the
    roster came from files or from the store.
    """
    nip = _text(pegawai["nip"])
    if nip.dropna().duplicated().any():
        raise ValueError("pegawai: satu NIP tercantum dua kali")
    order = nip.reset_index(drop=True).sort_values(kind="stable", na_position="last").index
    return pegawai[["nip", "nama", "unit_kerja", "jabatan"]].iloc[order].reset_index(drop=True)


def hasil_per_nip(hasil_kerja: pd.DataFrame, nips: pd.Series, *, periode: str) -> np.ndarray:
    """``rating_hasil_kerja`` of the period for each of ``nips`` (text; empty: none)."""
    hk = in_period(hasil_kerja, periode)
    ratings = pd.DataFrame(
        {"nip": _text(hk["nip"]), "rating": hk["rating_hasil_kerja"].to_numpy(dtype=object)}
    ).dropna(subset=["nip"])
    found = pd.DataFrame({"nip": nips}).merge(ratings, on="nip", how="left")
    if len(found) > len(nips):
        raise ValueError("hasil_kerja: satu NIP punya dua rating hasil kerja dalam satu periode")
    return found["rating"].to_numpy(dtype=object)
