"""Warnings that do not block an import: ratings against the roster's hierarchy (DESIGN §3)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from kinerja.codes import codes_of, object_text
from kinerja.dataset import Dataset
from kinerja.errors import PROBLEM_COLUMNS
from kinerja.labels import validation as wording
from kinerja.vocab import Source


def hierarchy_warnings(dataset: Dataset, sources: Mapping[str, str]) -> pd.DataFrame:
    """Non-blocking warnings of a data set: ratings against the hierarchy, units without staff.

    ``sources`` names the file of each table read (for messages); the
    ``unit_kerja`` check runs only when that table was read.
    """
    found = _against_hierarchy(dataset, sources.get("penilaian", "penilaian"))
    if "unit_kerja" in sources:
        found = pd.concat([found, _unknown_units(dataset, sources["unit_kerja"])])
    return found.reset_index(drop=True)


def _against_hierarchy(dataset: Dataset, src: str) -> pd.DataFrame:
    """Ratings whose source disagrees with the roster's hierarchy (warnings, DESIGN §3).

    One warning per (periode, ratee, rater, source), on its first row: an
    ``atasan`` who is not the listed supervisor, a ``bawahan`` whose listed
    supervisor is not the ratee.  Computed on integer codes of the rating
    columns; only the roster's few thousand NIPs are looked up as text.
    """
    p = dataset.penilaian
    periode = codes_of(p["periode"])[0]
    ratee, ratees = codes_of(p["nip_dinilai"])
    rater, raters = codes_of(p["nip_penilai"])
    sumber, sources = codes_of(p["sumber"])
    source_text = np.asarray(sources.astype(str), dtype=object)
    boss_of_ratee, boss_of_rater = _bosses(dataset.pegawai, ratees, raters)
    found = [
        _disagree(sumber, source_text, Source.SUPERVISOR, ratee, rater, boss_of_ratee),
        _disagree(sumber, source_text, Source.SUBORDINATE, rater, ratee, boss_of_rater),
    ]
    rows = np.concatenate(found)
    is_sup = np.repeat([True, False], [len(found[0]), len(found[1])])
    if len(rows):
        keys = np.column_stack([c[rows] for c in (periode, ratee, rater, sumber)])
        _, first = np.unique(keys, axis=0, return_index=True)
        order = np.argsort(rows[first], kind="stable")
        rows, is_sup = rows[first][order], is_sup[first][order]
    bad = p.iloc[rows]
    pesan = np.where(is_sup, wording.NOT_THE_SUPERVISOR, wording.NOT_A_SUBORDINATE)
    return pd.DataFrame(
        {
            "berkas": src,
            "baris": bad.index.to_numpy() + 2,
            "kolom": "nip_penilai",
            "nilai": bad["nip_penilai"].astype(str).to_numpy(),
            "pesan": pesan,
            "tingkat": "peringatan",
        },
        columns=list(PROBLEM_COLUMNS),
    )


def _disagree(
    sumber: np.ndarray,
    source_text: np.ndarray,
    source: Source,
    person: np.ndarray,
    other: np.ndarray,
    boss_of_person: np.ndarray,
) -> np.ndarray:
    """Rows of ``source`` whose ``other`` is not the listed supervisor of ``person``.

    For ``atasan`` the person is the ratee and the other the rater; for
    ``bawahan`` the other way round.  Only that source's rows are touched.
    """
    code = np.flatnonzero(source_text == source.value)
    if not len(code):
        return np.zeros(0, dtype=np.int64)
    rows = np.flatnonzero(sumber == code[0])
    rows = rows[person[rows] >= 0]
    expected = boss_of_person[person[rows]]
    return rows[expected != other[rows]]


def _bosses(
    pegawai: pd.DataFrame, ratees: pd.Index, raters: pd.Index
) -> tuple[np.ndarray, np.ndarray]:
    """The listed supervisor of each ratee as a rater code, and of each rater as a
    ratee code (-1: none, or not among them).

    One factorisation of the roster's and the ratings' few thousand NIPs;
    everything after it is integer lookups.  The first roster row of a NIP counts.
    """
    parts = [object_text(pegawai["nip"]), object_text(pegawai["nip_atasan"])]
    parts += [object_text(ratees), object_text(raters)]
    codes = pd.factorize(np.concatenate(parts))[0]
    nip, boss, ratee, rater = np.split(codes, np.cumsum([len(p) for p in parts])[:-1])
    size = int(codes.max(initial=-1)) + 2  # the last slot serves code -1 (missing): it stays -1
    boss_of = np.full(size, -1, dtype=np.int64)
    listed = np.flatnonzero(nip >= 0)
    _, first = np.unique(nip[listed], return_index=True)  # the first row of a repeated NIP
    boss_of[nip[listed[first]]] = boss[listed[first]]
    as_rater = np.full(size, -1, dtype=np.int64)
    as_rater[rater] = np.arange(len(rater))
    as_ratee = np.full(size, -1, dtype=np.int64)
    as_ratee[ratee] = np.arange(len(ratee))
    return as_rater[boss_of[ratee]], as_ratee[boss_of[rater]]


def _unknown_units(dataset: Dataset, src: str) -> pd.DataFrame:
    units = dataset.unit_kerja
    bad = units[~units["unit_kerja"].isin(set(dataset.pegawai["unit_kerja"]))]
    return pd.DataFrame(
        {
            "berkas": src,
            "baris": bad.index.to_numpy() + 2,
            "kolom": "unit_kerja",
            "nilai": bad["unit_kerja"].to_numpy(),
            "pesan": wording.UNIT_WITHOUT_STAFF,
            "tingkat": "peringatan",
        },
        columns=list(PROBLEM_COLUMNS),
    )
