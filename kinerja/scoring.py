"""Scoring rules of DESIGN.md §4: competency scores, JPM, perilaku, predikat, nine-box.

All functions are pure and vectorised: long frames in, tidy frames out, no
loop over employees.  Regulated tables (predikat matrix, nine-box) are read
from the packaged data files (:mod:`kinerja.reference`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

import numpy as np
import pandas as pd

from kinerja import reference
from kinerja.codes import (
    codes_of,
    group_keys,
    key_positions,
    object_text,
    sorted_codes,
    take_at,
    text_of,
)
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


@dataclass(frozen=True)
class SourceCells:
    """One row per (ratee, competency, source) cell, on integer codes (DESIGN §4 steps 1–2).

    The form :func:`source_means` returns as a frame (:meth:`frame`); kept on
    codes so that scoring a year never turns a million keys into text.

    ``ratee``/``comp``/``src`` index ``ratee_values``/``comp_values``/``src_values``;
    ``total`` and ``count`` sum the cell's scores; ``withheld`` is the
    anonymity decision of the (ratee, source) group; ``weight`` the policy
    weight of the source.  Cells are sorted by (ratee, source, competency).
    """

    ratee: np.ndarray
    comp: np.ndarray
    src: np.ndarray
    total: np.ndarray
    count: np.ndarray
    withheld: np.ndarray
    weight: np.ndarray
    ratee_values: pd.Index
    comp_values: pd.Index
    src_values: pd.Index

    @property
    def mean(self) -> np.ndarray:
        return self.total / self.count

    def is_source(self, source: Source) -> np.ndarray:
        """Whether each cell is of ``source``."""
        hit = np.asarray(self.src_values.astype(str) == source.value, dtype=bool)
        return hit[self.src]

    def frame(self, rows: np.ndarray | None = None) -> pd.DataFrame:
        """The cells as :func:`source_means` returns them; only ``rows`` (a mask) when given."""
        keep = np.ones(len(self.ratee), dtype=bool) if rows is None else rows
        return pd.DataFrame(
            {
                "nip": text_of(self.ratee[keep], self.ratee_values),
                "kompetensi_kode": text_of(self.comp[keep], self.comp_values),
                "sumber": text_of(self.src[keep], self.src_values),
                "mean": self.mean[keep],
                "n": self.count[keep].astype(int),
                "withheld": self.withheld[keep],
                "weight": self.weight[keep],
            }
        )


def source_cells(penilaian: pd.DataFrame, *, periode: str, policy: Policy) -> SourceCells:
    """Cell sums of one period's ratings and the anonymity decision, on integer codes."""
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
    count = np.bincount(cell_of, minlength=len(cell_key)).astype(np.int64)
    cell_pair = cell_key // n_comp
    names = np.asarray(src_values.astype(str), dtype=object)
    anonymous = np.isin(names, [s.value for s in policy.anonymous_sources])
    # n_g: distinct raters per (ratee, source) over all competencies of the period,
    # counted for the anonymous sources only (the others are never withheld)
    width = len(rater_values) + 1
    counted = keyed & np.append(anonymous, False)[src]
    distinct = np.sort(pair[counted] * width + rater[counted] + 1)  # sorting beats hashing here
    distinct = distinct[np.append(True, distinct[1:] != distinct[:-1])[: len(distinct)]]
    n_g = np.bincount(distinct // width, minlength=len(ratee_values) * n_src)
    withheld = np.tile(anonymous, len(ratee_values)) & (n_g >= 1) & (n_g < policy.anonymity_k)
    weights = {s.value: w for s, w in policy.weights.items()}
    weight = np.array([weights.get(name, np.nan) for name in names], dtype=float)
    return SourceCells(
        ratee=cell_pair // n_src,
        comp=cell_key % n_comp,
        src=cell_pair % n_src,
        total=total,
        count=count,
        withheld=withheld[cell_pair].astype(bool),
        weight=weight[cell_pair % n_src],
        ratee_values=ratee_values,
        comp_values=comp_values,
        src_values=src_values,
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
    return source_cells(penilaian, periode=periode, policy=policy).frame()


@dataclass(frozen=True)
class _Combined:
    """Weighted score per (ratee, competency) pair that has at least one cell."""

    ratee: np.ndarray
    comp: np.ndarray
    skor: np.ndarray
    skor_diri: np.ndarray
    n_penilai: np.ndarray
    atasan: np.ndarray
    ratee_values: pd.Index
    comp_values: pd.Index


def _combine(cells: SourceCells) -> _Combined:
    """``skor = Σ w_g·m_g / Σ w_g`` over the counting sources of each pair (DESIGN §4 step 3)."""
    n_comp = max(len(cells.comp_values), 1)
    pair, group = group_keys(cells.ratee.astype(np.int64) * n_comp + cells.comp)
    counts = (cells.weight > 0) & ~cells.withheld
    w = np.where(counts, cells.weight, 0.0)
    mean = cells.mean
    n = len(pair)
    wm = np.bincount(group, weights=np.where(counts, w * mean, 0.0), minlength=n)
    w_sum = np.bincount(group, weights=w, minlength=n)
    n_penilai = np.bincount(group, weights=np.where(counts, cells.count, 0), minlength=n)
    # a cell is one (ratee, competency, source): at most one self and one atasan cell per pair
    skor_diri = np.full(n, np.nan)
    is_self = cells.is_source(Source.SELF)
    skor_diri[group[is_self]] = mean[is_self]
    atasan = np.zeros(n, dtype=bool)
    atasan[group[cells.is_source(Source.SUPERVISOR)]] = True
    with np.errstate(invalid="ignore", divide="ignore"):
        skor = np.where(w_sum > 0, wm / w_sum, np.nan)
    return _Combined(
        ratee=pair // n_comp,
        comp=pair % n_comp,
        skor=skor,
        skor_diri=skor_diri,
        n_penilai=n_penilai.astype(np.int64),
        atasan=atasan,
        ratee_values=cells.ratee_values,
        comp_values=cells.comp_values,
    )


def _cells_of_means(means: pd.DataFrame) -> SourceCells:
    """:func:`source_means`' frame back on codes (for the public :func:`combine_sources`)."""
    ratee, ratee_values = codes_of(means["nip"])
    comp, comp_values = codes_of(means["kompetensi_kode"])
    src, src_values = codes_of(means["sumber"])
    keep = (ratee >= 0) & (comp >= 0) & (src >= 0)
    n = means["n"].to_numpy(dtype=np.int64)[keep]
    return SourceCells(
        ratee=ratee[keep],
        comp=comp[keep],
        src=src[keep],
        total=means["mean"].to_numpy(dtype=float)[keep] * n,
        count=n,
        withheld=means["withheld"].to_numpy(dtype=bool)[keep],
        weight=means["weight"].to_numpy(dtype=float)[keep],
        ratee_values=ratee_values,
        comp_values=comp_values,
        src_values=src_values,
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
    c = _combine(_cells_of_means(means))
    return pd.DataFrame(
        {
            "nip": text_of(c.ratee, c.ratee_values),
            "kompetensi_kode": text_of(c.comp, c.comp_values),
            "skor": c.skor,
            "skor_diri": c.skor_diri,
            "n_penilai": c.n_penilai.astype(int),
            "atasan": c.atasan,
        }
    )


@dataclass(frozen=True)
class _Roster:
    """The roster's NIPs sorted as text and each ``pegawai`` row's position among them.

    ``rank`` is -1 for a row without a NIP; rows whose NIP text repeats share
    a position (``repeated`` tells).
    """

    nips: pd.Index
    rank: np.ndarray

    @property
    def repeated(self) -> bool:
        listed = self.rank[self.rank >= 0]
        return len(listed) > len(self.nips)

    def positions(self, nip: pd.Series | pd.Index) -> np.ndarray:
        """Position of each of ``nip`` among :attr:`nips` (-1: missing or not listed).

        A column's distinct values are looked up once (a categorical gives its own).
        """
        if isinstance(nip, pd.Index):
            return self._lookup(nip)
        code, values = codes_of(nip)
        return np.append(self._lookup(values), -1)[code]

    def _lookup(self, values: pd.Index) -> np.ndarray:
        return np.asarray(
            self.nips.get_indexer(pd.Index(object_text(values), dtype=object)), dtype=np.int64
        )


def _roster(pegawai: pd.DataFrame) -> _Roster:
    has = pegawai["nip"].notna().to_numpy(dtype=bool)
    listed = object_text(pegawai["nip"].to_numpy()[has])
    nips, employee = sorted_codes(pd.Index(listed, dtype=object))
    rank = np.full(len(pegawai), -1, dtype=np.int64)
    rank[has] = employee
    return _Roster(nips, rank)


@dataclass(frozen=True)
class _RowSet:
    """The rows of ``skor_kompetensi`` and, on integer codes, what later steps need of them.

    ``employee`` (per row) and ``ratee_employee`` (per rated NIP value) index
    the roster's sorted NIPs; ``position`` is each row's pair in the combined
    scores (-1: not rated); ``behaviour`` marks the BerAKHLAK rows.
    """

    frame: pd.DataFrame
    position: np.ndarray
    employee: np.ndarray
    behaviour: np.ndarray
    ratee_employee: np.ndarray


def _rows(
    roster: _Roster,
    pegawai: pd.DataFrame,
    standar: pd.DataFrame,
    kompetensi: pd.DataFrame,
    rated: _Combined,
) -> _RowSet:
    """The rows of ``skor_kompetensi`` (sorted by nip, kompetensi_kode) with jenis and standar,
    and for each row the position of its pair in ``rated`` (-1: not rated).

    Pairs are numbered ``nip rank × K + code rank`` over the sorted employees
    and codes, so the sorted distinct keys are the output order.  The
    employees' standards are expanded through their jabatan on integer codes.
    """
    listed = np.flatnonzero(roster.rank >= 0)
    employee = roster.rank[listed]
    nips = roster.nips
    jenis_of = kompetensi.drop_duplicates("kode").set_index("kode")["jenis"]
    has_standard = jenis_of.isin([t.value for t in STANDARD_TYPES])
    std = standar[standar["kompetensi_kode"].map(has_standard).fillna(False).astype(bool)]
    std = std[std["jabatan"].notna()]
    rated_code = pd.Index(np.asarray(rated.comp_values.astype(str), dtype=object))
    all_codes = np.concatenate(
        [
            std["kompetensi_kode"].to_numpy(dtype=object),
            np.array(BERAKHLAK_CODES, dtype=object),
            rated_code.to_numpy(),
        ]
    )
    codes, _ = sorted_codes(pd.Index(pd.unique(all_codes)))
    n_codes = len(codes)

    def keys(nip: np.ndarray, code: np.ndarray) -> np.ndarray:
        return nip.astype(np.int64) * n_codes + code

    # standards: each employee gets the rows of their jabatan (a ragged repeat on codes)
    jabatan = pd.Index(pd.unique(std["jabatan"].to_numpy(dtype=object)), dtype=object)
    std_jabatan = jabatan.get_indexer(pd.Index(std["jabatan"].to_numpy(dtype=object)))
    std_code = codes.get_indexer(pd.Index(std["kompetensi_kode"].to_numpy(dtype=object)))
    by_jabatan = np.argsort(std_jabatan, kind="stable")
    per_jabatan = np.bincount(std_jabatan, minlength=len(jabatan))
    start = np.cumsum(per_jabatan) - per_jabatan
    emp_jabatan = jabatan.get_indexer(
        pd.Index(pegawai["jabatan"].to_numpy(dtype=object)[listed], dtype=object)
    )
    reps = np.where(emp_jabatan >= 0, per_jabatan[np.maximum(emp_jabatan, 0)], 0)
    emp_row = np.repeat(np.arange(len(listed)), reps)
    offset = np.arange(len(emp_row)) - np.repeat(np.cumsum(reps) - reps, reps)
    std_row = by_jabatan[start[emp_jabatan[emp_row]] + offset]
    std_key = keys(employee[emp_row], std_code[std_row])

    behaviour = codes.get_indexer(pd.Index(list(BERAKHLAK_CODES)))
    beh_key = keys(np.repeat(np.arange(len(nips)), len(behaviour)), np.tile(behaviour, len(nips)))
    ratee_employee = roster.positions(rated.ratee_values)
    rated_nip = ratee_employee[rated.ratee]
    rated_ok = rated_nip >= 0
    rated_key = np.where(rated_ok, keys(rated_nip, codes.get_indexer(rated_code)[rated.comp]), -1)
    row_key, _ = group_keys(np.concatenate([std_key, beh_key, rated_key[rated_ok]]))

    std_at = key_positions(std_key, row_key)
    if std_at is None:
        raise ValueError(
            "standar_kompetensi: satu jabatan punya lebih dari satu level untuk kompetensi "
            "yang sama, atau satu NIP tercantum dua kali di pegawai"
        )
    level = std["level"].to_numpy(dtype=float)[std_row]
    standar_of = pd.array(take_at(level, std_at, np.nan), dtype="Int64")
    position = key_positions(rated_key, row_key)
    if position is None:  # two distinct rated values with the same text
        raise ValueError("penilaian: satu NIP dinilai tercantum dengan dua ejaan")
    code_of_row = row_key % n_codes
    row_employee = row_key // n_codes
    jenis = np.asarray(pd.Series(codes).map(jenis_of), dtype=object)
    is_behaviour = np.zeros(n_codes + 1, dtype=bool)
    is_behaviour[behaviour] = True  # a code missing from the rows (-1) lands in the spare slot
    frame = pd.DataFrame(
        {
            "nip": text_of(row_employee, nips),
            "kompetensi_kode": text_of(code_of_row, codes),
            "standar": standar_of,
            "jenis": text_of(code_of_row, pd.Index(jenis, dtype=object)),
        }
    )
    return _RowSet(frame, position, row_employee, is_behaviour[code_of_row], ratee_employee)


def competency_rows(
    pegawai: pd.DataFrame, standar: pd.DataFrame, kompetensi: pd.DataFrame, rated: pd.DataFrame
) -> pd.DataFrame:
    """The (nip, kompetensi_kode) rows of ``skor_kompetensi`` with jenis and standar.

    One row per employee and competency that is in the employee's standard,
    is a BerAKHLAK value, or was rated for that employee (``rated`` has
    ``nip, kompetensi_kode``).  ``standar`` is set only for competencies of a
    type that has a standard (manajerial, sosial_kultural, teknis).  Sorted
    by ``nip, kompetensi_kode``.
    """
    nip, nip_values = codes_of(rated["nip"])
    comp, comp_values = codes_of(rated["kompetensi_kode"])
    keep = (nip >= 0) & (comp >= 0)
    empty = np.zeros(int(keep.sum()))
    pairs = _Combined(
        ratee=nip[keep],
        comp=comp[keep],
        skor=empty,
        skor_diri=empty,
        n_penilai=empty.astype(np.int64),
        atasan=empty.astype(bool),
        ratee_values=nip_values,
        comp_values=comp_values,
    )
    return _rows(_roster(pegawai), pegawai, standar, kompetensi, pairs).frame


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
        cells = source_cells(penilaian, periode=periode, policy=policy)
    else:
        cells = _cells_of_means(means)
    return score_cells(cells, pegawai, standar, kompetensi, periode=periode)


def score_cells(
    cells: SourceCells,
    pegawai: pd.DataFrame,
    standar: pd.DataFrame,
    kompetensi: pd.DataFrame,
    *,
    periode: str,
) -> pd.DataFrame:
    """:func:`score_competencies` from the cells of :func:`source_cells`."""
    return _score(cells, _roster(pegawai), pegawai, standar, kompetensi, periode=periode)[0]


def _score(
    cells: SourceCells,
    roster: _Roster,
    pegawai: pd.DataFrame,
    standar: pd.DataFrame,
    kompetensi: pd.DataFrame,
    *,
    periode: str,
) -> tuple[pd.DataFrame, _RowSet]:
    """:func:`score_cells`, with the rows' integer codes for the employee summary."""
    combined = _combine(cells)
    rows = _rows(roster, pegawai, standar, kompetensi, combined)
    position = rows.position
    skor = take_at(combined.skor, position, np.nan)
    frame = rows.frame
    out = frame.assign(
        periode=pd.Series(str(periode), index=frame.index, dtype="str"),
        skor=skor,
        skor_diri=take_at(combined.skor_diri, position, np.nan),
        gap=skor - frame["standar"].to_numpy(dtype=float, na_value=np.nan),
        n_penilai=take_at(combined.n_penilai, position, 0).astype(int),
        atasan=take_at(combined.atasan, position, False).astype(bool),
    )
    return out[[*COMPETENCY_COLUMNS, "atasan"]], rows


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
    # grouped on integer codes of nip (first appearance order) with bincount, not on strings
    code, _ = pd.factorize(c["nip"], use_na_sentinel=True)
    nips = pd.Index(c["nip"].unique(), name="nip")
    missing_nip = np.asarray(pd.isna(nips), dtype=bool)
    measures = _measures(
        code,
        int((~missing_nip).sum()),
        c,
        c["kompetensi_kode"].isin(BERAKHLAK_CODES).to_numpy(),
        policy,
    )
    at = np.where(missing_nip, -1, np.cumsum(~missing_nip) - 1)  # the code of each of nips
    out = pd.DataFrame(index=nips)
    for name, values in measures.items():
        out[name] = pd.Series(_per_row(values, at), index=nips, dtype=values.dtype)
    return out


def _per_row(values: np.ndarray, at: np.ndarray) -> np.ndarray:
    """``values[at]`` for per-employee ``values``; at -1 the measure's empty value
    (NaN for numbers, false for flags, ``None`` for text)."""
    return take_at(values, at, {"f": np.nan, "b": False}.get(values.dtype.kind))


def _measures(
    employee: np.ndarray, n: int, rows: pd.DataFrame, behaviour: np.ndarray, policy: Policy
) -> dict[str, np.ndarray]:
    """:func:`employee_measures` on integer codes: one array per measure, indexed by employee.

    ``employee`` gives each competency row's employee (0 … n−1; -1: none, dropped);
    ``rows`` holds ``skor, standar, atasan``; ``behaviour`` marks the B.01–B.07 rows.
    """
    group = np.where(employee >= 0, employee, n)  # rows without an employee: a spare bin

    def total(values: np.ndarray, where: np.ndarray) -> np.ndarray:
        return np.bincount(group[where], weights=values[where], minlength=n + 1)[:n]

    def count(where: np.ndarray) -> np.ndarray:
        return np.bincount(group[where], minlength=n + 1)[:n]

    skor = rows["skor"].to_numpy(dtype=float, na_value=np.nan)
    level = rows["standar"].to_numpy(dtype=float, na_value=np.nan)
    has_std = ~np.isnan(level)
    capped = np.minimum(skor, level) if policy.jpm_cap_at_standard else skor
    scored = ~np.isnan(capped)
    std_sum = total(level, has_std)
    missing = count(has_std & ~scored) > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        jpm = np.where(
            ~missing & (std_sum > 0), 100.0 * total(capped, has_std & scored) / std_sum, np.nan
        )
    beh_scored = behaviour & ~np.isnan(skor)
    beh_count = count(beh_scored)
    with np.errstate(invalid="ignore", divide="ignore"):
        skor_perilaku = np.where(
            beh_count == len(BERAKHLAK_CODES), total(skor, beh_scored) / beh_count, np.nan
        )
    is_needed = has_std | behaviour
    atasan = rows["atasan"].to_numpy(dtype=bool)
    standar_lengkap = (count(is_needed) > 0) & (count(is_needed & ~atasan) == 0)
    return {
        "jpm": jpm,
        "kategori_jpm": jpm_category(pd.Series(jpm), policy).to_numpy(dtype=object),
        "skor_perilaku": skor_perilaku,
        "rating_perilaku": perilaku_rating(pd.Series(skor_perilaku), policy).to_numpy(dtype=object),
        "standar_lengkap": standar_lengkap,
    }


_KINERJA: Mapping[str, str] = MappingProxyType(
    {str(k): str(v) for k, v in KINERJA_BY_PREDIKAT.items()}
)
_POTENTIAL: Mapping[str, str] = MappingProxyType(
    {str(k): str(v) for k, v in POTENTIAL_BY_JPM.items()}
)


@cache
def _outcome_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The packaged tables as arrays indexed by vocabulary position (last index: missing).

    ``predikat[hasil, perilaku]``, ``kinerja[predikat]``, ``potensial[kategori_jpm]``
    and ``kotak[kinerja, potensial]`` (0: no box), positions in the order of
    :class:`Rating`, :class:`Predikat`, :class:`JpmCategory` and :class:`Potential`.
    """
    ratings = [r.value for r in Rating]
    predikats = [p.value for p in Predikat]
    potentials = [p.value for p in Potential]
    predikat = np.full((len(ratings) + 1, len(ratings) + 1), None, dtype=object)
    m = reference.predikat_matrix()
    for hasil, perilaku, value in zip(
        m["rating_hasil_kerja"], m["rating_perilaku"], m["predikat"], strict=True
    ):
        predikat[ratings.index(hasil), ratings.index(perilaku)] = value
    kinerja = np.array([*(_KINERJA[p] for p in predikats), None], dtype=object)
    potensial = np.array([*(_POTENTIAL[j.value] for j in JpmCategory), None], dtype=object)
    kotak = np.zeros((len(ratings) + 1, len(potentials) + 1), dtype=np.int64)
    b = reference.nine_box()
    for k, p, box in zip(b["kinerja"], b["potensial"], b["kotak"].astype(int), strict=True):
        kotak[ratings.index(k), potentials.index(p)] = box
    return predikat, kinerja, potensial, kotak


def _positions_in(values: pd.Series, vocabulary: list[str]) -> np.ndarray:
    """Position of each value in ``vocabulary``; missing or unknown: -1."""
    text = values.to_numpy(dtype=object)
    out = np.full(len(text), -1, dtype=np.int64)
    for i, word in enumerate(vocabulary):  # a handful of codes: one comparison each
        out[text == word] = i
    return out


def derive_outcomes(frame: pd.DataFrame) -> pd.DataFrame:
    """Predikat, kinerja, potensial and kotak from the two ratings and the JPM category.

    ``frame`` needs ``rating_hasil_kerja, rating_perilaku, kategori_jpm``; a
    copy with ``predikat, kinerja, potensial, kotak`` (re)computed is
    returned.  An empty input gives an empty output (no predikat without
    both ratings, no box without both axes).  Looked up by vocabulary
    position in the packaged tables (PermenPANRB 6/2022 and 3/2020).
    """
    predikat_of, kinerja_of, potensial_of, kotak_of = _outcome_tables()
    ratings = [r.value for r in Rating]
    hasil = _positions_in(frame["rating_hasil_kerja"], ratings)
    perilaku = _positions_in(frame["rating_perilaku"], ratings)
    predikat = predikat_of[hasil, perilaku]  # -1 is the last (missing) row or column
    kinerja = kinerja_of[_positions_in(pd.Series(predikat), [p.value for p in Predikat])]
    potensial = potensial_of[_positions_in(frame["kategori_jpm"], [j.value for j in JpmCategory])]
    box = kotak_of[
        _positions_in(pd.Series(kinerja), ratings),
        _positions_in(pd.Series(potensial), [p.value for p in Potential]),
    ]
    return frame.assign(
        predikat=pd.Series(predikat, index=frame.index, dtype=object),
        kinerja=pd.Series(kinerja, index=frame.index, dtype=object),
        potensial=pd.Series(potensial, index=frame.index, dtype=object),
        kotak=pd.array(np.where(box > 0, box, np.nan), dtype="Int64"),
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

    Raises
    ------
    ValueError
        When a NIP is listed twice in ``pegawai``, or has two
        ``rating_hasil_kerja`` in the period (validated data never has).
    """
    policy = policy or Policy()
    roster = _roster(pegawai)
    employee = roster.positions(competencies["nip"])
    behaviour = competencies["kompetensi_kode"].isin(BERAKHLAK_CODES).to_numpy()
    measures = _measures(employee, len(roster.nips), competencies, behaviour, policy)
    withheld = np.zeros(len(roster.nips), dtype=bool)
    if means is not None and len(means):
        bad = roster.positions(means.loc[means["withheld"] & (means["weight"] > 0), "nip"])
        withheld[bad[bad >= 0]] = True
    return _summary(pegawai, roster, measures, withheld, hasil_kerja, periode=periode)


def _summary(
    pegawai: pd.DataFrame,
    roster: _Roster,
    measures: dict[str, np.ndarray],
    withheld: np.ndarray,
    hasil_kerja: pd.DataFrame,
    *,
    periode: str,
) -> pd.DataFrame:
    """:func:`summarize_employees` from per-employee arrays (indexed like ``roster.nips``)."""
    if roster.repeated:
        raise ValueError("pegawai: satu NIP tercantum dua kali")
    hk = hasil_kerja.loc[hasil_kerja["periode"].astype(str) == str(periode)]
    hk_at = roster.positions(hk["nip"])
    hk_listed = hk_at >= 0
    if len(np.unique(hk_at[hk_listed])) < hk_listed.sum():
        raise ValueError("hasil_kerja: satu NIP punya dua rating hasil kerja dalam satu periode")
    rating_hk = np.full(len(roster.nips), None, dtype=object)
    rating_hk[hk_at[hk_listed]] = hk["rating_hasil_kerja"].to_numpy(dtype=object)[hk_listed]
    # sorted by nip (rows without one last, in file order): the same order from files or store
    order = np.argsort(np.where(roster.rank >= 0, roster.rank, len(roster.nips)), kind="stable")
    at = roster.rank[order]
    base = pegawai[["nip", "nama", "unit_kerja", "jabatan"]].iloc[order].reset_index(drop=True)
    columns = {
        name: _per_row(values, at) for name, values in measures.items() if name != "standar_lengkap"
    }
    hasil = _per_row(rating_hk, at)
    lengkap = (
        _per_row(measures["standar_lengkap"], at) & ~take_at(withheld, at, True) & pd.notna(hasil)
    )
    out = derive_outcomes(
        base.assign(
            **columns,
            rating_hasil_kerja=hasil,
            periode=str(periode),
            lengkap=lengkap.astype(bool),
        )
    )
    return out[list(SUMMARY_COLUMNS)]


def competencies_and_summary(
    cells: SourceCells,
    pegawai: pd.DataFrame,
    standar: pd.DataFrame,
    kompetensi: pd.DataFrame,
    hasil_kerja: pd.DataFrame,
    *,
    periode: str,
    policy: Policy,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``skor_kompetensi`` and ``ringkasan_pegawai`` of one period from its cells.

    The same frames as :func:`score_cells` followed by
    :func:`summarize_employees` (with the withheld cells of positive weight),
    but the summary is built on the competency rows' integer codes: no NIP is
    looked up as text a second time.
    """
    roster = _roster(pegawai)
    scored, rows = _score(cells, roster, pegawai, standar, kompetensi, periode=periode)
    measures = _measures(rows.employee, len(roster.nips), scored, rows.behaviour, policy)
    withheld = np.zeros(len(roster.nips), dtype=bool)
    bad = rows.ratee_employee[cells.ratee[cells.withheld & (cells.weight > 0)]]
    withheld[bad[bad >= 0]] = True
    summary = _summary(pegawai, roster, measures, withheld, hasil_kerja, periode=periode)
    return scored, summary
