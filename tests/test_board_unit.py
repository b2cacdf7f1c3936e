"""Issue 14: the Kalibrasi board reads one unit, never a whole period.

The board opens on the unit with the largest curve violation (from the
stored distribution), reads that unit's stored rows, the same unit's
previous period and only the ratings of the unit's ratees; the stored rater
figures say when they are older than the last change.  Whole-period reads
(``Store.dataset``, scoring) are made to fail here, and the ratings of the
other units are made unreadable, so a board that read them would break.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from kinerja import pipeline
from kinerja.agreement import agreement_by_unit, disagreement_by_ratee
from kinerja.board import CalibrationBoard, predikat_counts
from kinerja.calibration import counted_rater_leniency, rater_leniency
from kinerja.loaders import load_dataset
from kinerja.pipeline import score_dataset
from kinerja.results import ratings_of_unit, result_status
from kinerja.store import Store, current_user, sqlite_url
from kinerja.ui.kalibrasi import ALL_UNITS, KalibrasiApp
from tests.store_fixtures import (
    KEPALA,
    SAMPLE_PERIODE,
    SMALL_PERIODE,
    SMALL_UNIT,
    STAF_A,
    STAF_B,
    sample_dataset,
    sample_store,
    small_store,
    small_tables,
    write_folder,
)
from tests.test_ui_kalibrasi import tables

UNIT = "Dinas Pertanian dan Pangan"  # the sample unit that breaks its curve
WHO = current_user()  # open mode (no accounts): the records name the OS user


def no_whole_period_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every whole-period read and every scoring in the kernel fail."""

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("a whole period was read or scored")

    monkeypatch.setattr(Store, "dataset", refuse)
    monkeypatch.setattr(pipeline, "score_dataset", refuse)
    monkeypatch.setattr(pipeline, "score_employees", refuse)


def spoil_other_units(store: Store, unit: str) -> int:
    """Empty the score of every rating of another unit's ratees; returns how many."""
    with sqlite3.connect(store.engine.url.database) as con:
        cur = con.execute(
            "UPDATE penilaian SET skor = NULL WHERE nip_dinilai IN"
            " (SELECT nip FROM pegawai WHERE unit_kerja != ?)",
            (unit,),
        )
        return cur.rowcount


def unit_nips(unit: str) -> set[str]:
    p = sample_dataset().pegawai
    return set(p.loc[p["unit_kerja"] == unit, "nip"])


# --------------------------------------------------------------------------- one unit only


def test_the_board_reads_only_the_ratings_of_its_units_ratees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    store = sample_store(tmp_path)
    ds = sample_dataset()
    expected = ds.penilaian.loc[ds.penilaian["nip_dinilai"].isin(unit_nips(UNIT))]
    assert spoil_other_units(store, UNIT) > len(expected)  # most ratings are of other units
    no_whole_period_reads(monkeypatch)

    board = CalibrationBoard(store, SAMPLE_PERIODE)
    assert board.unit == UNIT
    assert len(board.penilaian) == len(expected)
    assert set(board.penilaian["nip_dinilai"].astype(str)) == unit_nips(UNIT)
    assert board.penilaian["skor"].notna().all()


def test_the_kalibrasi_app_works_on_a_unit_without_reading_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    store = sample_store(tmp_path)
    spoil_other_units(store, UNIT)
    no_whole_period_reads(monkeypatch)

    app = KalibrasiApp(store)
    assert app.unit.value == UNIT and app.status.value == ""
    assert len(tables(app.queue.value)[0]) and len(tables(app.raters.value)[0])
    nip = app.board.summary(UNIT).query("predikat == 'sangat_baik'")["nip"].iloc[0]
    app.adj_employee.value = nip
    app.adj_field.value = "rating_hasil_kerja"
    app.adj_value.value = "sesuai"
    app.adj_reason.value = "bukti"
    app.adj_save.click()
    assert "kinerja-msg-ok" in app.status.value, app.status.value
    assert app.board.current(nip, "predikat") == "baik"
    app.unit.value = ALL_UNITS  # stored figures only: nothing of the ratings is read
    assert app.status.value.count("kinerja-msg-error") == 0
    app.minutes_xlsx.click()
    assert "kinerja-msg-error" not in app.status.value


def test_the_units_figures_equal_the_whole_period_figures_of_that_unit(tmp_path: Path):
    board = CalibrationBoard(sample_store(tmp_path), SAMPLE_PERIODE, unit=UNIT)
    ds = sample_dataset()
    mine = unit_nips(UNIT)
    spread = disagreement_by_ratee(ds.penilaian, ds.pegawai, periode=SAMPLE_PERIODE)
    spread = spread.loc[spread["nip"].isin(mine)].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        board.disagreement(UNIT).reset_index(drop=True), spread, check_dtype=False
    )
    alpha = agreement_by_unit(ds.penilaian, ds.pegawai, periode=SAMPLE_PERIODE)
    alpha = alpha.loc[alpha["unit_kerja"] == UNIT].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        board.agreement(UNIT).reset_index(drop=True), alpha, check_dtype=False
    )
    # the unit's rater table: counted-only leniency over the unit's cells (the documented choice)
    ratings = ds.penilaian.loc[ds.penilaian["nip_dinilai"].isin(mine)]
    counted = counted_rater_leniency(ratings, periode=SAMPLE_PERIODE).set_index("nip_penilai")
    shown = board.raters(UNIT).set_index("nip_penilai")
    assert set(shown.index) <= set(counted.index)
    pd.testing.assert_frame_equal(
        shown[["n_sel", "deviasi", "label"]].sort_index(),
        counted.loc[shown.index, ["n_sel", "deviasi", "label"]].sort_index(),
        check_dtype=False,
    )


def test_ratings_of_a_unit_are_the_ratings_in_force(tmp_path: Path):
    store = small_store(tmp_path)
    rating = {
        "periode": SMALL_PERIODE,
        "nip_dinilai": STAF_A,
        "nip_penilai": KEPALA,
        "sumber": "atasan",
    }
    store.save_ratings(pd.DataFrame([{**rating, "kompetensi_kode": "M.01", "skor": 5}]), who="x")
    store.withdraw_rating(periode=SMALL_PERIODE, nip_dinilai=STAF_B, nip_penilai=KEPALA, who="x")
    got = ratings_of_unit(store, SMALL_PERIODE, SMALL_UNIT)
    expected = store.ratings(SMALL_PERIODE)
    key = ["nip_dinilai", "nip_penilai", "kompetensi_kode"]

    def rows(frame: pd.DataFrame) -> list[tuple[str, str, str, int]]:
        cols = [frame[k].astype(str) for k in key]
        return sorted(zip(*cols, frame["skor"].astype(int), strict=True))

    assert rows(got) == rows(expected)
    assert STAF_B not in set(got["nip_dinilai"].astype(str))  # withdrawn
    assert ratings_of_unit(store, SMALL_PERIODE, "Unit Lain").empty


# --------------------------------------------------------------------------- the worst unit


def test_the_board_opens_on_the_unit_with_the_largest_curve_violation(tmp_path: Path):
    store = sample_store(tmp_path)
    assert CalibrationBoard(store, SAMPLE_PERIODE).unit == UNIT
    # push another unit far off its curve: everybody Sangat Baik
    units = sample_dataset().unit_kerja
    other = units.loc[
        (units["predikat_organisasi"] == "baik") & (units["unit_kerja"] != UNIT), "unit_kerja"
    ].iloc[0]
    for nip in sorted(unit_nips(other)):
        for field in ("rating_hasil_kerja", "rating_perilaku"):
            try:
                store.add_adjustment(
                    periode=SAMPLE_PERIODE,
                    nip=nip,
                    field=field,
                    new_value="di_atas",
                    reason="uji",
                    who=WHO,
                )
            except Exception as exc:  # already di_atas
                assert "Tidak ada perubahan" in str(exc)
    scored = score_dataset(
        sample_dataset(), SAMPLE_PERIODE, adjustments=store.adjustments(SAMPLE_PERIODE)
    ).distribusi
    total = scored.assign(v=scored["selisih"].abs()).groupby("unit_kerja")["v"].sum()
    worst = total.sort_index().idxmax()
    assert worst == other
    assert CalibrationBoard(store, SAMPLE_PERIODE).unit == other
    assert KalibrasiApp(store).unit.value == other


# --------------------------------------------------------------------------- previous period


def two_period_store(tmp_path: Path) -> Store:
    """The small data set in 2024 (STAF_A's work result below expectations) and 2025."""
    t = small_tables()
    earlier = t["penilaian"].assign(periode="2024")
    t["penilaian"] = pd.concat([earlier, t["penilaian"]], ignore_index=True)
    hk = t["hasil_kerja"]
    before = hk.assign(periode="2024")
    before.loc[before["nip"] == STAF_A, "rating_hasil_kerja"] = "di_bawah"
    t["hasil_kerja"] = pd.concat([before, hk], ignore_index=True)
    u = t["unit_kerja"]
    t["unit_kerja"] = pd.concat([u.assign(periode="2024"), u], ignore_index=True)
    store = Store(sqlite_url(tmp_path / "dua.sqlite"))
    store.import_dataset(load_dataset(write_folder(tmp_path / "data", t)), who="penguji")
    return store


def test_the_board_shows_the_previous_period_of_its_unit(tmp_path: Path):
    store = two_period_store(tmp_path)
    ds = store.dataset("2024")
    expected = predikat_counts(score_dataset(ds, "2024").ringkasan).set_index("predikat")
    board = CalibrationBoard(store, SMALL_PERIODE)
    assert board.unit == SMALL_UNIT and board.previous_periode == "2024"
    got = board.previous_counts(SMALL_UNIT).set_index("predikat")["jumlah"]
    assert got.to_dict() == expected["jumlah"].to_dict()
    assert (
        got.to_dict() != board.predikat_counts(SMALL_UNIT).set_index("predikat")["jumlah"].to_dict()
    )
    assert set(board.previous_distribution["periode"]) == {"2024"}

    app = KalibrasiApp(store)
    shown = app.distribution.value
    assert "Periode sebelumnya (2024)" in shown and "kinerja-sebelumnya" in shown
    previous = tables(shown)[1]  # beside the bars, before the curve check
    assert dict(zip(previous["Predikat"], previous["Jumlah"].astype(int), strict=True)) == {
        "Sangat Baik": int(expected.at["sangat_baik", "jumlah"]),
        "Baik": int(expected.at["baik", "jumlah"]),
        "Butuh Perbaikan": int(expected.at["butuh_perbaikan", "jumlah"]),
        "Kurang/Misconduct": int(expected.at["kurang_misconduct", "jumlah"]),
        "Sangat Kurang": int(expected.at["sangat_kurang", "jumlah"]),
    }


def test_a_first_period_says_there_is_no_previous_one(tmp_path: Path):
    app = KalibrasiApp(small_store(tmp_path))
    assert app.board.previous_periode is None
    assert "Belum ada periode sebelumnya" in app.distribution.value


# --------------------------------------------------------------------------- stale rater figures


def test_stale_rater_figures_are_marked_and_can_be_recomputed(tmp_path: Path):
    store = small_store(tmp_path)
    app = KalibrasiApp(store)
    app.unit.value = ALL_UNITS
    assert "sebelum perubahan terakhir" not in app.raters_note.value
    assert app.recompute_raters.layout.display == "none"

    # a supervisor's new score makes the stored figures older than the last change
    store.save_ratings(
        pd.DataFrame(
            [
                {
                    "periode": SMALL_PERIODE,
                    "nip_dinilai": KEPALA,
                    "nip_penilai": STAF_B,
                    "sumber": "bawahan",
                    "kompetensi_kode": "M.01",
                    "skor": 1,
                }
            ]
        ),
        who="x",
    )
    status = result_status(store, SMALL_PERIODE)
    assert status is not None and not status.penilai_terkini
    app.refresh()
    assert "sebelum perubahan terakhir" in app.raters_note.value
    assert "kinerja-msg-warning" in app.raters_note.value
    assert app.recompute_raters.layout.display is None

    app.recompute_raters.click()
    assert "kinerja-msg-ok" in app.status.value, app.status.value
    assert "sebelum perubahan terakhir" not in app.raters_note.value
    assert app.recompute_raters.layout.display == "none"
    status = result_status(store, SMALL_PERIODE)
    assert status is not None and status.penilai_terkini
    fresh = rater_leniency(store.dataset(SMALL_PERIODE).penilaian, periode=SMALL_PERIODE)
    shown = app.board.raters().set_index("nip_penilai")
    assert shown.loc[fresh["nip_penilai"], "deviasi"].tolist() == pytest.approx(
        fresh["deviasi"].tolist()
    )


def test_the_unit_view_says_its_rater_figures_are_the_units_own(tmp_path: Path):
    app = KalibrasiApp(small_store(tmp_path))
    assert app.unit.value == SMALL_UNIT
    assert "pegawai unit ini saja" in app.raters_note.value
    assert app.recompute_raters.layout.display == "none"
