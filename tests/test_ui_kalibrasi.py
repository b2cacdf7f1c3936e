"""KalibrasiApp without a browser: widgets driven in plain Python (TECH.md §6).

The app runs on a store of its own into which ``sample_data`` was imported.
Read-only checks share one app per module (``board_app``); a calibration
meeting that fixes the planted unit's curve is played once per module
(``meeting``) and several tests read its outcome; single adjust/undo steps get
a fresh app.
"""

from __future__ import annotations

import io
import re
import sqlite3
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.board import CalibrationBoard, distribution_message, predikat_counts
from kinerja.labels import LENIENCY, PREDIKAT
from kinerja.labels.apps import CURVE_STATUS
from kinerja.results import RESULT_TABLES
from kinerja.store import Store, current_user
from kinerja.ui.kalibrasi import ALL_UNITS, KalibrasiApp
from kinerja.vocab import Predikat
from tests.display_codes import codes_in, shown_text
from tests.store_fixtures import SAMPLE_PERIODE, sample_store, table_dump

UNIT = "Dinas Pertanian dan Pangan"  # organisation predikat baik; breaks its curve
LENIENT = "199602082019011355"
SEVERE = "199009112014072514"
WHO = current_user()  # open mode (no accounts): the records name the OS user


# --------------------------------------------------------------------------- helpers


class _Tables(HTMLParser):
    """Every ``<table>`` of an HTML string as a list of rows (header row first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._cell is not None:
            self._cell.append(data)


def tables(html_text: str) -> list[pd.DataFrame]:
    """The HTML tables of a panel as frames (first row = header)."""
    p = _Tables()
    p.feed(html_text)
    return [pd.DataFrame(t[1:], columns=t[0]) if t else pd.DataFrame() for t in p.tables]


def kini_counts(app: KalibrasiApp) -> dict[str, int]:
    """The 'now' count of each predikat in the distribution bars."""
    rows = re.findall(
        r"data-predikat='(\w+)'.*?class='kinerja-kini'>(\d+)<", app.distribution.value
    )
    return {p: int(n) for p, n in rows}


def awal_counts(app: KalibrasiApp) -> dict[str, int]:
    rows = re.findall(
        r"data-predikat='(\w+)'.*?class='kinerja-awal'>(\d+)<", app.distribution.value
    )
    return {p: int(n) for p, n in rows}


def kalibrasi_rows(store: Store) -> list[tuple]:
    """The audit table read straight from the SQLite file."""
    path = store.engine.url.database
    with sqlite3.connect(path) as con:
        return con.execute(
            "SELECT id, periode, nip, field, old_value, new_value, reason, who"
            " FROM kalibrasi ORDER BY id"
        ).fetchall()


def adjust(app: KalibrasiApp, nip: str, field: str, value: str, reason: str) -> None:
    """What a facilitator does: pick, choose, type the reason, click save."""
    app.adj_employee.value = nip
    app.adj_field.value = field
    app.adj_value.value = value
    app.adj_reason.value = reason
    app.adj_save.click()


def with_predikat(app: KalibrasiApp, predikat: str) -> list[str]:
    s = app.board.summary(UNIT)
    return sorted(s.loc[s["predikat"] == predikat, "nip"])


def status_ok(app: KalibrasiApp) -> bool:
    return "kinerja-msg-ok" in app.status.value


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def board_app(tmp_path_factory: pytest.TempPathFactory) -> KalibrasiApp:
    """One app for the read-only checks (nothing is adjusted on it)."""
    return KalibrasiApp(sample_store(tmp_path_factory.mktemp("kalibrasi-baca")))


@pytest.fixture
def fresh_app(tmp_path: Path) -> KalibrasiApp:
    return KalibrasiApp(sample_store(tmp_path))


@dataclass
class Meeting:
    app: KalibrasiApp
    store: Store
    before: dict[str, list[tuple]]  # every table before the meeting
    counts_before: dict[str, int]
    made: list[tuple[str, str, str, str]]  # (nip, field, new value, reason) in order
    participants: list[str]


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> Meeting:
    """A meeting that fixes the planted unit's curve through the app.

    Sangat Baik outnumbers Baik and nobody is Butuh Perbaikan: enough Sangat
    Baik employees get hasil kerja 'sesuai' (→ Baik) until Baik is the largest
    group, and one gets 'di_bawah' (→ Butuh Perbaikan).  One extra adjustment
    is made on someone else and undone, as happens in real meetings.
    """
    store = sample_store(tmp_path_factory.mktemp("kalibrasi-rapat"))
    app = KalibrasiApp(store)
    assert app.unit.value == UNIT
    before = table_dump(store)
    counts_before = kini_counts(app)
    sb = with_predikat(app, "sangat_baik")
    n_sb, n_b = counts_before["sangat_baik"], counts_before["baik"]
    moves = (n_sb - n_b) // 2 + 1  # Baik then outnumbers Sangat Baik even after one leaves for BP
    made = []
    for i, nip in enumerate(sb[:moves]):
        made.append(
            (nip, "rating_hasil_kerja", "sesuai", f"Target kinerja nomor {i + 1} tidak terlampaui")
        )
    made.append(
        (sb[moves], "rating_hasil_kerja", "di_bawah", "Laporan akhir tahun terlambat dua bulan")
    )
    for nip, field, value, reason in made:
        adjust(app, nip, field, value, reason)
        assert status_ok(app), app.status.value
    extra = with_predikat(app, "baik")[0]
    adjust(app, extra, "rating_perilaku", "di_bawah", "Salah pilih saat rapat")
    assert status_ok(app), app.status.value
    app.adj_undo.click()
    assert status_ok(app), app.status.value
    participants = ["Ibu Sri Wahyuni (Kepala BKPSDM)", "Bapak Joko Santoso"]
    app.participants.value = "\n".join(participants)
    return Meeting(app, store, before, counts_before, made, participants)


# --------------------------------------------------------------------------- opening the board


def test_board_opens_on_the_unit_that_breaks_its_curve(board_app: KalibrasiApp):
    assert board_app.periode.value == SAMPLE_PERIODE
    assert board_app.unit.value == UNIT
    assert board_app.status.value == ""
    html_text = board_app.distribution.value
    assert f"Sebaran predikat {UNIT}" in html_text
    rules = tables(html_text)[-1]
    assert {"melanggar"} <= set(rules["Status"])
    dist = board_app.board.distribution(UNIT).reset_index(drop=True)
    assert rules["Status"].tolist() == dist["status"].map(CURVE_STATUS).tolist()
    # DESIGN §11: the rules in words, never their codes (maks, min_jumlah, butuh_perbaikan+…)
    assert sorted(rules["Aturan"]) == [
        "Baik kelompok terbanyak",
        "paling banyak 70,0 % Baik",
        "paling sedikit 1 pegawai Butuh Perbaikan atau Kurang/Misconduct",
    ]
    assert "Predikat" not in rules.columns  # named in the rule
    assert "predikat organisasi: Baik" in html_text
    cells = set(rules.to_numpy().ravel())
    assert not cells & {"maks", "min_jumlah", "terbanyak", "ok", "butuh_perbaikan"}
    assert not any("_" in c for c in cells)
    assert rules["Saran"].tolist() == [distribution_message(r) for _, r in dist.iterrows()]
    assert any("harus kelompok terbanyak" in s for s in rules["Saran"])
    assert "perlu +1 Butuh Perbaikan + Kurang/Misconduct (minimal 1)" in rules["Saran"].tolist()


def test_distribution_bars_show_the_units_predikat_counts(board_app: KalibrasiApp):
    counts = (
        predikat_counts(board_app.board.summary(UNIT)).set_index("predikat")["jumlah"].to_dict()
    )
    assert kini_counts(board_app) == counts == awal_counts(board_app)
    assert counts["sangat_baik"] > counts["baik"] and counts["butuh_perbaikan"] == 0


def test_raters_panel_of_all_units_flags_exactly_the_planted_raters(board_app: KalibrasiApp):
    board_app.unit.value = ALL_UNITS
    try:
        assert board_app.status.value == ""
        shown = tables(board_app.raters.value)[0]
        flagged = shown.loc[shown["Label"] != LENIENCY["wajar"]]
        assert dict(zip(flagged["NIP"], flagged["Label"], strict=True)) == {
            LENIENT: LENIENCY["lunak"],
            SEVERE: LENIENCY["keras"],
        }
        assert shown["NIP"].tolist()[:2] == [LENIENT, SEVERE]  # flagged first
    finally:
        board_app.unit.value = UNIT


def test_clicking_a_nine_box_button_lists_its_people(board_app: KalibrasiApp):
    s = board_app.board.summary(UNIT)
    box = int(s["kotak"].dropna().astype(int).mode().iloc[0])
    i = [4, 7, 9, 2, 5, 8, 1, 3, 6].index(box)  # grid position of the box
    expected = set(s.loc[s["kotak"].astype("Float64") == box, "nip"])
    assert board_app.box_buttons[i].description == f"Kotak {box}: {len(expected)} org"
    board_app.box_buttons[i].click()
    listed = tables(board_app.box_people.value)[0]
    assert f"<b>Kotak {box}</b> ({len(expected)} pegawai)" in board_app.box_people.value
    assert set(listed["NIP"]) == expected
    assert board_app.status.value == ""


def test_discussion_queue_lists_the_over_represented_employees_with_reasons(
    board_app: KalibrasiApp,
):
    shown = tables(board_app.queue.value)[0]
    s = board_app.board.summary(UNIT)
    names = s.set_index("nip")["nama"]
    over = s.loc[s["predikat"] == "sangat_baik", "nip"]  # Sangat Baik outnumbers Baik
    curve = shown.loc[shown["Alasan"].str.contains("unit melanggar kurva distribusi", regex=False)]
    assert set(curve["Pegawai"]) == set(names[over])
    assert set(curve["Predikat"]) == {PREDIKAT[Predikat.VERY_GOOD]}
    assert set(shown["Unit"]) == {UNIT}
    prio = shown["Prioritas"].astype(int)
    assert prio.is_monotonic_decreasing
    assert prio.iloc[: len(over)].min() >= 4  # the curve reason weighs 4
    assert (shown["Alasan"].str.len() > 0).all()


def test_projector_mode_toggles_the_css_class(board_app: KalibrasiApp):
    assert "kinerja-proyektor" not in board_app._dom_classes
    board_app.projector.value = True
    assert "kinerja-proyektor" in board_app._dom_classes
    board_app.projector.value = False
    assert "kinerja-proyektor" not in board_app._dom_classes
    assert "kinerja-kalibrasi" in board_app._dom_classes


def test_an_empty_reason_is_refused_and_nothing_is_written(board_app: KalibrasiApp):
    store = board_app.store
    nip = with_predikat(board_app, "sangat_baik")[0]
    counts = kini_counts(board_app)
    for reason in ("", "   \n "):
        adjust(board_app, nip, "rating_hasil_kerja", "sesuai", reason)
        assert "kinerja-msg-error" in board_app.status.value
        assert "Alasan kalibrasi wajib diisi." in board_app.status.value
    assert kalibrasi_rows(store) == []
    assert board_app.board.adjustments.empty
    assert board_app.board.current(nip, "predikat") == "sangat_baik"
    assert kini_counts(board_app) == counts
    board_app.status.value = ""


# --------------------------------------------------------------------------- one adjustment, undo


def test_an_adjustment_moves_the_counts_and_writes_one_audit_row(fresh_app: KalibrasiApp):
    app = fresh_app
    nip = with_predikat(app, "sangat_baik")[0]
    before = kini_counts(app)
    adjust(app, nip, "rating_hasil_kerja", "sesuai", "Dua target utama tidak tercapai")

    assert app.status.value.count("Penyesuaian #1 tersimpan: predikat Sangat Baik → Baik.") == 1
    after = kini_counts(app)
    assert after["sangat_baik"] == before["sangat_baik"] - 1
    assert after["baik"] == before["baik"] + 1
    assert awal_counts(app) == before  # the 'before' bars keep the raw counts
    assert kalibrasi_rows(app.store) == [
        (
            1,
            SAMPLE_PERIODE,
            nip,
            "rating_hasil_kerja",
            "di_atas",
            "sesuai",
            "Dua target utama tidak tercapai",
            WHO,
        ),
    ]
    assert app.adj_reason.value == ""  # ready for the next case
    assert "Dua target utama tidak tercapai" in app.adj_log.value
    assert "class='kinerja-adjust-predikat'>Baik<" in app.adj_current.value
    labels = {v: label for label, v in app.adj_employee.options}
    assert labels[nip].endswith("· Baik")  # the choice list shows the predikat in force
    assert app.adj_employee.value == nip


def test_undo_appends_a_newer_row_and_restores_predikat_and_counts(fresh_app: KalibrasiApp):
    app = fresh_app
    nip = with_predikat(app, "sangat_baik")[0]
    counts = kini_counts(app)
    dist = app.board.distribution(UNIT).reset_index(drop=True)
    adjust(app, nip, "rating_hasil_kerja", "di_bawah", "Salah ketik")
    assert app.board.current(nip, "predikat") == "butuh_perbaikan"
    assert kini_counts(app) != counts

    app.adj_undo.click()
    assert status_ok(app) and "Penyesuaian dibatalkan (#2)" in app.status.value
    rows = kalibrasi_rows(app.store)
    assert [r[0] for r in rows] == [1, 2]
    assert rows[1][2:6] == (nip, "rating_hasil_kerja", "di_bawah", "di_atas")
    assert rows[1][6] == "Pembatalan penyesuaian #1"
    assert app.board.current(nip, "predikat") == "sangat_baik"
    assert app.board.current(nip, "rating_hasil_kerja") == "di_atas"
    assert kini_counts(app) == counts
    pd.testing.assert_frame_equal(app.board.distribution(UNIT).reset_index(drop=True), dist)


# --------------------------------------------------------------------------- a whole meeting


def test_a_facilitator_fixes_the_curve_through_the_app(meeting: Meeting):
    app = meeting.app
    assert set(app.board.distribution(UNIT)["status"]) == {"ok"}
    rules = tables(app.distribution.value)[-1]
    assert set(rules["Status"]) == {"terpenuhi"} and set(rules["Saran"]) == {"sesuai"}
    # what is in the store gives the same answer
    fresh = CalibrationBoard(meeting.store, SAMPLE_PERIODE)
    assert set(fresh.distribution(UNIT)["status"]) == {"ok"}
    assert app.board.violations_by_unit()["n_melanggar"].sum() == 0


def test_the_meeting_wrote_one_row_per_adjustment_and_undo(meeting: Meeting):
    rows = kalibrasi_rows(meeting.store)
    assert len(rows) == len(meeting.made) + 2
    made = [
        (nip, field, value, reason)
        for (nip, field, _old, value, reason) in (
            (r[2], r[3], r[4], r[5], r[6]) for r in rows[: len(meeting.made)]
        )
    ]
    assert made == meeting.made
    assert {r[7] for r in rows} == {WHO}


def test_the_raw_ratings_are_unchanged_by_the_meeting(meeting: Meeting):
    after = table_dump(meeting.store)
    assert set(after) == set(meeting.before)
    for name, rows in meeting.before.items():
        if name not in {"kalibrasi", *RESULT_TABLES}:  # stored results follow the adjustments
            assert after[name] == rows, name
    raw = meeting.app.board.summary(UNIT, calibrated=False)
    assert predikat_counts(raw).set_index("predikat")["jumlah"].to_dict() == meeting.counts_before


def test_minutes_pdf_has_every_adjustment_reason_participants_and_counts(meeting: Meeting):
    app = meeting.app
    app.minutes_pdf.click()
    assert "kinerja-msg-error" not in app.status.value
    assert "berita_acara_kalibrasi_2025.pdf" in app.download.value
    reader = PdfReader(io.BytesIO(app.last_minutes))
    raw_text = "\n".join(page.extract_text() for page in reader.pages)
    text = " ".join(raw_text.split())
    assert UNIT in text
    assert f"Peserta {', '.join(meeting.participants)}" in text
    names = app.board.pegawai.set_index("nip")["nama"]  # the unit's roster (no period read)
    n_log = len(app.board.adjustments)
    assert f"Penyesuaian ({n_log})" in text
    for nip, _field, _value, reason in meeting.made:
        assert f"{names[nip]} ({nip})" in text
        assert f"Alasan: {reason}. Oleh: {WHO}." in text
    assert "Alasan: Salah pilih saat rapat." in text and "Pembatalan penyesuaian #" in text
    after = kini_counts(app)
    lines = [" ".join(line.split()) for line in raw_text.splitlines()]
    for p in Predikat:
        row = f"{PREDIKAT[p]} {meeting.counts_before[p.value]} {after[p.value]}"
        assert row in lines, row


def test_excel_minutes_have_original_and_calibrated_columns_and_the_log(meeting: Meeting):
    app = meeting.app
    app.minutes_xlsx.click()
    assert "kinerja-msg-error" not in app.status.value
    wb = load_workbook(io.BytesIO(app.last_workbook), read_only=True)
    assert {"ringkasan_kalibrasi", "kalibrasi", "distribusi", "sebaran"} <= set(wb.sheetnames)

    def frame(name: str) -> pd.DataFrame:
        rows = list(wb[name].iter_rows(values_only=True))
        return pd.DataFrame(rows[1:], columns=rows[0])

    summary = frame("ringkasan_kalibrasi").set_index("nip")
    for col in ("rating_hasil_kerja", "predikat", "kotak"):
        assert {col, f"{col}_awal"} <= set(summary.columns)
    assert set(summary["unit_kerja"]) == {UNIT}
    for nip, field, value, _reason in meeting.made:
        assert summary.loc[nip, field] == value
        assert summary.loc[nip, f"{field}_awal"] == "di_atas"
        assert summary.loc[nip, "predikat_awal"] == "sangat_baik"
        assert summary.loc[nip, "predikat"] != "sangat_baik"
    log = frame("kalibrasi")
    assert len(log) == len(meeting.made) + 2
    assert log["reason"].tolist()[: len(meeting.made)] == [m[3] for m in meeting.made]
    assert set(log["who"]) == {WHO}
    spread = frame("sebaran").set_index("predikat")
    assert spread["awal"].to_dict() == meeting.counts_before
    assert spread["sesudah"].to_dict() == kini_counts(app)


# --------------------------------------------------------------------------- labels, not codes


def test_no_panel_shows_an_internal_code(tmp_path: Path):
    """DESIGN §11: every panel of one unit and of all units, the boxes' lists and the log after
    an adjustment show labels (Di Atas Ekspektasi, Butuh Perbaikan), never codes."""
    app = KalibrasiApp(sample_store(tmp_path))
    nip = with_predikat(app, "sangat_baik")[0]
    adjust(app, nip, "rating_hasil_kerja", "sesuai", "Target utama tidak tercapai")
    assert status_ok(app), app.status.value
    for unit in (UNIT, ALL_UNITS):
        app.unit.value = unit
        for box in range(1, 10):
            app.show_box(box)
            assert codes_in(shown_text(app)) == [], (unit, box)
    app.unit.value = UNIT
    assert "Butuh Perbaikan atau Kurang/Misconduct" in app.distribution.value
    assert "Di Atas Ekspektasi" in app.adj_log.value
