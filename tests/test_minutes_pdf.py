"""The calibration minutes (berita acara) as a PDF, read back with pypdf.

The signatures never stand alone on a page, a reason that ends with a full
stop is not printed with two, long cells wrap instead of being cut with
``…``, and the rules are in words.
"""

from __future__ import annotations

import io

import pandas as pd
import pypdf
import pytest

from kinerja.board import curve_rows
from kinerja.report import minutes_pdf, sentence
from kinerja.vocab import Predikat

SIGNERS = "Pimpinan unit kerja"
LONG_REASON = (
    "Capaian target utama hanya sesuai rencana kerja tahunan dan bukti dukung yang diserahkan "
    "belum lengkap, disepakati semua peserta."
)


def rules() -> pd.DataFrame:
    rows = [
        ("maks", "baik", 22, 11, "ok", 0),
        ("terbanyak", "baik", 21, 11, "melanggar", 10),
        ("min_jumlah", "butuh_perbaikan+kurang_misconduct", 1, 0, "melanggar", 1),
    ]
    frame = pd.DataFrame(
        rows, columns=["aturan", "predikat", "batas", "jumlah", "status", "selisih"]
    )
    return curve_rows(frame.assign(predikat_organisasi="baik"), frame)


def adjustments(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "nip": [f"19900101201501{i:04d}" for i in range(n)],
            "nama": [f"Pegawai Nomor {i}" for i in range(n)],
            "field": "rating_hasil_kerja",
            "old_value": "di_atas",
            "new_value": "sesuai",
            "reason": LONG_REASON,
            "who": "Fasilitator Uji",
        }
    )


def counts() -> pd.DataFrame:
    return pd.DataFrame({"predikat": [p.value for p in Predikat], "awal": 1, "sesudah": 1})


def pages(n_adjustments: int) -> list[str]:
    data = minutes_pdf(
        periode="2025",
        unit="Dinas Pertanian dan Pangan",
        tanggal="07-12-2026",
        peserta=["Ibu Sri Wahyuni", "Bapak Joko Santoso"],
        adjustments=adjustments(n_adjustments),
        distribution=rules(),
        counts=counts(),
    )
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("n", [0, 6, 9, 12, 20])
def test_the_signatures_share_their_page_with_the_last_rule_of_the_check(n: int):
    text = pages(n)
    last = text[-1]
    assert SIGNERS in last and sum(SIGNERS in t for t in text) == 1
    assert "Baik kelompok terbanyak" in flat(last) or "kelompok terbanyak" in flat(last)
    assert "paling sedikit 1 pegawai" in flat(last)  # the last rule, above the signatures


def test_a_reason_ending_with_a_full_stop_is_printed_with_one():
    text = flat(" ".join(pages(2)))
    assert "disepakati semua peserta. Oleh: Fasilitator Uji." in text
    assert ".." not in text.replace("(.", "").replace(".)", "").replace("...", "")


def test_long_cells_wrap_instead_of_being_cut():
    text = flat(" ".join(pages(1)))
    assert "…" not in text
    assert "paling sedikit 1 pegawai Butuh Perbaikan atau Kurang/Misconduct" in text
    assert "perlu +1 Butuh Perbaikan + Kurang/Misconduct (minimal 1)" in text


def test_the_check_shows_rules_in_words_not_codes():
    text = flat(" ".join(pages(1)))
    assert "paling banyak 70,0 % Baik" in text and "terpenuhi" in text
    for code in ("maks", "min_jumlah", "butuh_perbaikan", "di_atas", "sesuai Ekspektasi"):
        assert code not in text


@pytest.mark.parametrize(
    ("given", "expected"),
    [("peserta.", "peserta"), ("peserta", "peserta"), (" a... ", "a"), ("v1.2 ok", "v1.2 ok")],
)
def test_sentence_drops_only_closing_full_stops(given: str, expected: str):
    assert sentence(given) == expected
