"""Reference data shipped with the package (``kinerja/data/*.csv``), loaded once.

The files and their sources are described in ``kinerja/data/SOURCES.md``.
Every loader returns a fresh copy so callers may not mutate the cache.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd


@cache
def _read(name: str) -> pd.DataFrame:
    with resources.files("kinerja.data").joinpath(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def competencies() -> pd.DataFrame:
    """Packaged competency dictionary: ``kode, nama, jenis, definisi``.

    M.01–M.08 and SK.01 (PermenPANRB 38/2017) and B.01–B.07 (BerAKHLAK,
    SE MenPANRB 20/2021).
    """
    return _read("kompetensi.csv").copy()


def competency_levels() -> pd.DataFrame:
    """Level titles of M.01–M.08 and SK.01: ``kode, level (int), judul, deskripsi``."""
    df = _read("kompetensi_level.csv").copy()
    return df.assign(level=df["level"].astype(int))


def berakhlak_indicators() -> pd.DataFrame:
    """The three behaviour indicators of each BerAKHLAK value: ``kode, nomor, indikator``."""
    df = _read("berakhlak_indikator.csv").copy()
    return df.assign(nomor=df["nomor"].astype(int))


def nine_box() -> pd.DataFrame:
    """Nine-box of PermenPANRB 3/2020: ``kotak (int), kinerja, potensial, judul, rekomendasi``."""
    df = _read("kotak.csv").copy()
    return df.assign(kotak=df["kotak"].astype(int))


def predikat_matrix() -> pd.DataFrame:
    """PermenPANRB 6/2022 matrix: ``rating_hasil_kerja, rating_perilaku, predikat``."""
    return _read("predikat.csv").copy()


def distribution_rules() -> pd.DataFrame:
    """SE MenPANRB 3/2023 curve: ``predikat_organisasi, aturan, predikat, proporsi (float|NaN)``."""
    df = _read("distribusi.csv").copy()
    return df.assign(proporsi=pd.to_numeric(df["proporsi"].replace("", None)))


def opd_gunungkidul() -> pd.DataFrame:
    """Perangkat daerah of Kabupaten Gunungkidul (snapshot, see SOURCES.md)."""
    return _read("opd_gunungkidul.csv").copy()
