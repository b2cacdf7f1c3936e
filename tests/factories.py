"""Small, explicit frame builders for the scoring and calibration tests.

Every builder takes the values it puts in the frame; nothing is random and
nothing is read from the package's reference data, so a test states its
whole input.  The competency dictionary here is typed by hand (a few codes of
each type), independent of ``kinerja/data/kompetensi.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from kinerja.config import Policy
from kinerja.dataset import Dataset, empty_frame
from kinerja.pipeline import score_dataset

PERIODE = "2025"

#: The seven BerAKHLAK codes (DESIGN §3), typed here, not imported.
BERAKHLAK = ("B.01", "B.02", "B.03", "B.04", "B.05", "B.06", "B.07")

#: A hand-typed competency dictionary: code -> jenis.
KOMPETENSI_JENIS: dict[str, str] = {
    "M.01": "manajerial",
    "M.02": "manajerial",
    "M.03": "manajerial",
    "SK.01": "sosial_kultural",
    "T.01": "teknis",
    **{code: "perilaku" for code in BERAKHLAK},
}

PENILAIAN_COLUMNS = (
    "periode",
    "nip_dinilai",
    "nip_penilai",
    "sumber",
    "kompetensi_kode",
    "skor",
    "catatan",
)


def kompetensi(jenis: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Competency dictionary ``kode, nama, jenis, definisi`` (default: :data:`KOMPETENSI_JENIS`)."""
    jenis = dict(KOMPETENSI_JENIS if jenis is None else jenis)
    return pd.DataFrame(
        {
            "kode": list(jenis),
            "nama": [f"Kompetensi {k}" for k in jenis],
            "jenis": list(jenis.values()),
            "definisi": ["" for _ in jenis],
        }
    )


def pegawai(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """Roster from ``(nip, unit_kerja, jabatan)`` tuples; ``nama`` is ``"Pegawai <nip>"``."""
    return pd.DataFrame(
        {
            "nip": [r[0] for r in rows],
            "nama": [f"Pegawai {r[0]}" for r in rows],
            "unit_kerja": [r[1] for r in rows],
            "jabatan": [r[2] for r in rows],
        }
    )


def standar(levels: Mapping[str, Mapping[str, int]]) -> pd.DataFrame:
    """``standar_kompetensi`` from ``{jabatan: {kompetensi_kode: level}}``."""
    rows = [(jab, kode, lvl) for jab, codes in levels.items() for kode, lvl in codes.items()]
    return pd.DataFrame(
        {
            "jabatan": [r[0] for r in rows],
            "kompetensi_kode": [r[1] for r in rows],
            "level": pd.array([r[2] for r in rows], dtype=int),
        }
    )


def rating(
    nip_dinilai: str,
    nip_penilai: str,
    sumber: str,
    kode: str,
    skor: int,
    periode: str = PERIODE,
) -> tuple[str, str, str, str, str, int, str]:
    """One rating row (periode, nip_dinilai, nip_penilai, sumber, kode, skor, catatan)."""
    return (periode, nip_dinilai, nip_penilai, sumber, kode, skor, "")


def ratings(
    nip_dinilai: str,
    nip_penilai: str,
    sumber: str,
    scores: Mapping[str, int],
    periode: str = PERIODE,
) -> list[tuple[str, str, str, str, str, int, str]]:
    """One rater's ratings of one ratee: ``{kompetensi_kode: skor}``."""
    return [rating(nip_dinilai, nip_penilai, sumber, k, s, periode) for k, s in scores.items()]


def same_score(
    nip_dinilai: str,
    nip_penilai: str,
    sumber: str,
    codes: Iterable[str],
    skor: int,
    periode: str = PERIODE,
) -> list[tuple[str, str, str, str, str, int, str]]:
    """One rater giving the same ``skor`` on every code in ``codes``."""
    return ratings(nip_dinilai, nip_penilai, sumber, dict.fromkeys(codes, skor), periode)


def penilaian(
    rows: Sequence[tuple[str, str, str, str, str, int, str]], *, categorical: bool = False
) -> pd.DataFrame:
    """``penilaian`` frame from rating rows; ``categorical`` mimics the loader's dtypes."""
    frame = pd.DataFrame(list(rows), columns=list(PENILAIAN_COLUMNS))
    frame = frame.astype({c: object for c in PENILAIAN_COLUMNS if c != "skor"})
    frame["skor"] = frame["skor"].astype("int64")
    if categorical:
        keys = ["periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode"]
        frame = frame.assign(
            **{k: frame[k].astype("category") for k in keys}, skor=frame["skor"].astype("int8")
        )
    return frame


def hasil_kerja(ratings_by_nip: Mapping[str, str], periode: str = PERIODE) -> pd.DataFrame:
    """``hasil_kerja`` from ``{nip: rating_hasil_kerja}``."""
    return pd.DataFrame(
        {
            "periode": [periode] * len(ratings_by_nip),
            "nip": list(ratings_by_nip),
            "rating_hasil_kerja": list(ratings_by_nip.values()),
        },
        dtype=object,
    )


def unit_kerja(predikat_by_unit: Mapping[str, str], periode: str = PERIODE) -> pd.DataFrame:
    """``unit_kerja`` from ``{unit_kerja: predikat_organisasi}``."""
    return pd.DataFrame(
        {
            "periode": [periode] * len(predikat_by_unit),
            "unit_kerja": list(predikat_by_unit),
            "predikat_organisasi": list(predikat_by_unit.values()),
        },
        dtype=object,
    )


def predikat_summary(
    counts_by_unit: Mapping[str, Mapping[str, int]],
    *,
    tanpa_predikat: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Employee summary with ``nip, unit_kerja, predikat`` from counts per unit.

    ``{"U": {"baik": 2, "sangat_baik": 1}}`` gives three employees of unit U;
    ``tanpa_predikat={"U": 1}`` adds employees of U with an empty predikat.
    """
    nips, units, predikat = [], [], []
    for unit, counts in counts_by_unit.items():
        for code, count in counts.items():
            for _ in range(count):
                nips.append(f"{unit}-{len(nips)}")
                units.append(unit)
                predikat.append(code)
    for unit, count in (tanpa_predikat or {}).items():
        for _ in range(count):
            nips.append(f"{unit}-{len(nips)}")
            units.append(unit)
            predikat.append(None)
    return pd.DataFrame(
        {"periode": PERIODE, "nip": nips, "unit_kerja": units, "predikat": predikat}, dtype=object
    )


def score(
    rows: Sequence[tuple[str, str, str, str, str, int, str]],
    roster: pd.DataFrame,
    standard: pd.DataFrame,
    hasil: pd.DataFrame | None = None,
    *,
    policy: Policy | None = None,
    periode: str = PERIODE,
    categorical: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Score through the production path (:func:`kinerja.pipeline.score_dataset`).

    Returns ``(skor_kompetensi, ringkasan_pegawai, source means)``; no unit
    has a predikat_organisasi and there is no calibration.
    """
    dataset = Dataset(
        pegawai=roster,
        standar=standard,
        penilaian=penilaian(rows, categorical=categorical),
        hasil_kerja=hasil_kerja({}) if hasil is None else hasil,
        unit_kerja=unit_kerja({}),
        kompetensi=kompetensi(),
        pelatihan=empty_frame(("kode", "nama", "kompetensi_kode", "jp", "jalur")),
    )
    scores = score_dataset(dataset, periode, policy=policy)
    return scores.kompetensi, scores.ringkasan_awal, scores.means


def cell(frame: pd.DataFrame, nip: str, kode: str) -> pd.Series:
    """The one ``skor_kompetensi`` row of ``nip`` and ``kode`` (fails unless exactly one)."""
    hit = frame[(frame["nip"] == nip) & (frame["kompetensi_kode"] == kode)]
    assert len(hit) == 1, f"expected one row for {nip} {kode}, got {len(hit)}"
    return hit.iloc[0]


def row_of(summary: pd.DataFrame, nip: str) -> pd.Series:
    """The one ``ringkasan_pegawai`` row of ``nip``."""
    hit = summary[summary["nip"] == nip]
    assert len(hit) == 1, f"expected one row for {nip}, got {len(hit)}"
    return hit.iloc[0]
