"""PDF reports (``kinerja.report``): read back with pypdf and searched as text.

- one employee's PDF names the employee and shows NIP (grouped), predikat and JPM;
- the PDF of the hand-made ratee with two peers (``tests.test_profile``) has no
  peer mean: in the per-source table "Rekan Sejawat" never stands beside a number,
  the value 1,50 appears nowhere, and only the comments of counted sources appear;
- a calibrated predikat is marked with the reason;
- the unit PDF holds every employee of the unit and reports progress up to the total
  (the small four-employee unit of ``tests.store_fixtures``, to keep it fast);
- without DejaVu fonts the PDF still builds (core font, symbols spelled out).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd
import pypdf
import pytest

from kinerja import report
from kinerja.labels import ADJUSTABLE_FIELD, JPM_CATEGORY, PREDIKAT, fmt
from kinerja.loaders import load_dataset
from kinerja.pipeline import score_dataset
from kinerja.profile import format_nip
from kinerja.vocab import AdjustableField, JpmCategory, Predikat
from tests.store_fixtures import SMALL_PERIODE, SMALL_UNIT, write_folder
from tests.test_profile import (
    ATASAN,
    COMMENT_ATASAN,
    COMMENT_BAWAHAN,
    PEER1,
    PEER2,
    PERIODE,
    RATEE,
    RATEE_NAME,
    RATER_NAMES,
    SECRET,
    anon_dataset,
    profile_of,
    rich_sample_nip,
    sample_profile,
    small_tables_with_catalogue,
)


def pdf_text(data: bytes) -> str:
    assert data[:5] == b"%PDF-"
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def section(text: str, start: str, end: str) -> str:
    """The text between two headings."""
    assert start in text, f"{start!r} not in the PDF"
    rest = text.split(start, 1)[1]
    return rest.split(end, 1)[0] if end in rest else rest


def flat(text: str) -> str:
    """Whitespace collapsed (pypdf spaces justified lines out)."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def anon(tmp_path_factory: pytest.TempPathFactory):
    ds = anon_dataset(tmp_path_factory.mktemp("anon") / "data")
    return ds, score_dataset(ds, PERIODE)


@pytest.fixture(scope="module")
def anon_pdf_text(anon) -> str:
    ds, scores = anon
    return pdf_text(report.profile_pdf(profile_of(ds, scores, RATEE)))


# --------------------------------------------------------------------------- one employee


def test_profile_pdf_shows_name_grouped_nip_predikat_and_jpm():
    profile = sample_profile(rich_sample_nip())
    info = profile.info
    text = pdf_text(report.profile_pdf(profile))
    assert info["nama"] in text
    assert f"NIP {format_nip(info['nip'])}" in text
    assert f"Predikat kinerja {PREDIKAT[Predikat(info['predikat'])]}" in text
    jpm = f"JPM {fmt(info['jpm'], 1)} % ({JPM_CATEGORY[JpmCategory(info['kategori_jpm'])]})"
    assert jpm in text
    assert f"Kotak talenta {int(info['kotak'])}" in text
    assert f"total {fmt(profile.plan_jp, 0)} JP" in text
    for code in profile.competencies["kompetensi_kode"]:
        assert re.search(rf"^{re.escape(code)} ", text, re.M), code


def test_profile_pdf_of_ratee_with_two_peers_has_no_peer_mean_in_the_source_table(anon_pdf_text):
    text = anon_pdf_text
    table = section(text, "Rata-rata per sumber penilai", "Kekuatan")
    lines = [ln.strip() for ln in table.splitlines() if ln.strip()]
    assert "Atasan 4,00" in lines and "Bawahan 5,00" in lines
    assert not [ln for ln in lines if "Rekan" in ln and re.search(r"\d", ln.split("Rekan", 1)[1])]
    assert not [ln for ln in lines if ln.startswith("Masyarakat") and re.search(r"\d", ln)]
    assert "Dirahasiakan (kurang dari ambang anonimitas): Masyarakat, Rekan Sejawat." in flat(table)


def test_profile_pdf_of_ratee_with_two_peers_shows_the_peer_mean_nowhere(anon_pdf_text):
    text = flat(anon_pdf_text)
    assert "1,50" not in text and "1.50" not in text
    assert not re.search(
        r"Rekan Sejawat:? \d,\d\d", text
    )  # "Bobot: … Rekan Sejawat 0,3" is a weight, not a mean
    for who in (PEER1, PEER2, *RATER_NAMES):
        assert who not in text
    # every competency score is the counted sources' score, 4,29, never the one with peers (3,45)
    assert "3,45" not in text and text.count("4,29 3,00 3 1,29") == 3


def test_profile_pdf_comments_are_unattributed_and_from_counted_sources_only(anon_pdf_text):
    comments = flat(
        section(anon_pdf_text, "Catatan penilai (tanpa nama)", "Profil Kompetensi " + RATEE_NAME)
    )
    assert COMMENT_ATASAN in comments and COMMENT_BAWAHAN in comments
    assert SECRET not in flat(anon_pdf_text)
    assert (
        ATASAN not in comments
        and "Atasan" not in comments
        and "Bawahan" not in comments.replace("Catatan bawahan", "")
    )


def test_profile_pdf_marks_calibrated_predikat_with_the_reason(anon):
    ds, _ = anon
    log = pd.DataFrame(
        [
            {
                "periode": PERIODE,
                "nip": RATEE,
                "field": "rating_hasil_kerja",
                "old_value": "di_atas",
                "new_value": "sesuai",
                "reason": "Target SKP belum tercapai penuh",
                "who": "Tim Kalibrasi",
                "when": pd.Timestamp("2025-12-01T10:00:00Z"),
            }
        ]
    )
    text = flat(
        pdf_text(
            report.profile_pdf(profile_of(ds, score_dataset(ds, PERIODE, adjustments=log), RATEE))
        )
    )
    assert "Predikat kinerja Baik (dikalibrasi)" in text
    label = ADJUSTABLE_FIELD[AdjustableField.RATING_HASIL_KERJA]
    assert (
        f"Dikalibrasi: {label} Di Atas Ekspektasi → Sesuai Ekspektasi. "
        "Alasan: Target SKP belum tercapai penuh (Tim Kalibrasi)."
    ) in text


def test_uncalibrated_profile_pdf_has_no_calibration_mark(anon_pdf_text):
    assert "dikalibrasi" not in anon_pdf_text.lower()


def test_profile_pdf_builds_with_the_core_font_when_dejavu_is_missing(anon, monkeypatch):
    ds, scores = anon
    monkeypatch.setattr(report, "FONT_CANDIDATES", (Path("/tidak/ada/DejaVuSans.ttf"),))
    text = flat(pdf_text(report.profile_pdf(profile_of(ds, scores, RATEE))))
    assert RATEE_NAME in text and "19800101 200501 1 002" in text
    assert "-> Sangat Baik" in text  # "→" spelled out for the Latin-1 core font


# --------------------------------------------------------------------------- unit


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    ds = load_dataset(
        write_folder(tmp_path_factory.mktemp("kecil") / "data", small_tables_with_catalogue())
    )
    return ds, score_dataset(ds, SMALL_PERIODE)


def test_unit_pdf_contains_every_employee_of_the_unit_and_progress_reaches_the_total(small):
    ds, scores = small
    roster = ds.pegawai.loc[ds.pegawai["unit_kerja"] == SMALL_UNIT].sort_values("nama")
    assert len(roster) == 4
    calls: list[tuple[int, int]] = []
    data = report.unit_pdf(
        (profile_of(ds, scores, nip) for nip in roster["nip"]),
        unit=SMALL_UNIT,
        total=len(roster),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(i, 4) for i in range(1, 5)]
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 4
    text = pdf_text(data)
    for row in roster.itertuples():
        assert row.nama in text and format_nip(row.nip) in text
    assert text.count("Profil Kompetensi — Periode 2025") == 4  # one report per employee


def test_profile_pdf_footer_is_printed_in_wib_with_the_zone(anon, monkeypatch):
    """DESIGN §11: the print time is WIB (KINERJA_TZ), not the server's clock without a zone."""
    fixed = dt.datetime(2026, 12, 7, 8, 30, tzinfo=dt.UTC)  # 15:30 in Jakarta
    monkeypatch.delenv("KINERJA_TZ", raising=False)
    monkeypatch.setattr(report, "now_local", lambda: fixed)
    text = flat(pdf_text(report.profile_pdf(profile_of(*anon, RATEE))))
    assert "dicetak 07-12-2026 15:30 WIB" in text
    monkeypatch.setenv("KINERJA_TZ", "Asia/Makassar")
    text = flat(pdf_text(report.profile_pdf(profile_of(*anon, RATEE))))
    assert "dicetak 07-12-2026 16:30 WITA" in text
