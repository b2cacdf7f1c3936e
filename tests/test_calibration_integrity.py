"""Issue 12: anonymity in the calibration views, and two facilitators at once.

Anonymity (DESIGN §4 step 2, §10).  The reproduction: a ratee (``STAF_A``)
with one supervisor who gives 1 on every competency and one peer
(``STAF_B``, withheld: 1 rater < k = 3) who gives 4 on every competency.  The
profile shows only the supervisor's score (1.00); the calibration views must
not show the peer's scores through a disagreement range, must not link the
peer to the ratee (unit rater table, the queue's "rated by a lenient rater"),
while the per-rater leniency of ``penilai.csv`` (the peer is ``lunak`` over
its own cells) stays as specified.  Nor may the peer's ratings show through
the supervisor: over all cells the supervisor is ``keras`` (deviation −3,
from comparing with the withheld peer), so every figure that flags a ratee
by their raters (the queue) or sits next to a unit's ratees (a unit's rater
table) uses the leniency over the ratings that count, where the supervisor
has no comparable cell at all.

Two facilitators (DESIGN §5 adjustments, §7 last bullet): two
:class:`CalibrationBoard` (and two :class:`KalibrasiApp`) on one SQLite file
through two :class:`Store` objects.  The store reads the old value inside the
write transaction, undo undoes the store's latest adjustment, a board shows
the store's value after every action, a change to the value in force is
refused, and an undo back to the original value clears ``dikalibrasi``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kinerja.agreement import agreement_by_unit, disagreement_by_ratee
from kinerja.board import CalibrationBoard, discussion_queue
from kinerja.calibration import (
    apply_adjustments,
    counted_rater_leniency,
    propose_adjustment,
    rater_leniency,
    rater_links,
)
from kinerja.errors import AdjustmentError, StoreError
from kinerja.loaders import load_dataset
from kinerja.pipeline import score_dataset
from kinerja.store import Store, sqlite_url
from kinerja.ui.kalibrasi import ALL_UNITS, KalibrasiApp
from kinerja.ui.lokakarya import CalibrationStep
from tests.store_fixtures import (
    BERAKHLAK,
    KEPALA,
    SMALL_PERIODE,
    SMALL_UNIT,
    STAF_A,
    STAF_B,
    STAF_C,
    small_store,
    small_tables,
    write_folder,
)
from tests.test_ui_kalibrasi import tables

PEER = STAF_B
CODES = ("M.01", "SK.01", *BERAKHLAK)


# --------------------------------------------------------------------------- the reproduction


def lone_peer_tables() -> dict[str, pd.DataFrame]:
    """The small data set where STAF_A's supervisor gives 1 and a lone peer gives 4 everywhere."""
    t = small_tables()
    p = t["penilaian"]
    p.loc[p["nip_dinilai"].eq(STAF_A) & p["sumber"].eq("atasan"), "skor"] = "1"
    peer = pd.DataFrame(
        [[SMALL_PERIODE, STAF_A, PEER, "rekan", kode, "4", ""] for kode in CODES],
        columns=p.columns,
    )
    t["penilaian"] = pd.concat([p, peer], ignore_index=True)
    return t


@pytest.fixture(scope="module")
def lone_peer_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_folder(tmp_path_factory.mktemp("lone-peer") / "data", lone_peer_tables())


@pytest.fixture()
def lone_peer_store(lone_peer_folder: Path, tmp_path: Path) -> Store:
    store = Store(sqlite_url(tmp_path / "lone.sqlite"))
    store.import_dataset(load_dataset(lone_peer_folder), who="penguji")
    return store


def test_the_reproduction_publishes_only_the_supervisors_score_and_flags_the_peer_lunak(
    lone_peer_folder: Path,
):
    ds = load_dataset(lone_peer_folder)
    scores = score_dataset(ds, SMALL_PERIODE)
    mine = scores.kompetensi.loc[scores.kompetensi["nip"] == STAF_A]
    assert set(mine["skor"]) == {1.0}
    assert set(mine["n_penilai"]) == {1}
    # penilai.csv stays as specified: the peer's deviation over its own cells is +3
    peer = rater_leniency(ds.penilaian, periode=SMALL_PERIODE).set_index("nip_penilai").loc[PEER]
    assert (peer["n_sel"], peer["deviasi"], peer["label"]) == (len(CODES), 3.0, "lunak")


def test_disagreement_and_agreement_leave_a_withheld_group_out(lone_peer_folder: Path):
    ds = load_dataset(lone_peer_folder)
    spread = disagreement_by_ratee(ds.penilaian, ds.pegawai, periode=SMALL_PERIODE)
    assert STAF_A not in set(spread["nip"])  # no cell with two raters once the peer is out
    agreement = agreement_by_unit(ds.penilaian, ds.pegawai, periode=SMALL_PERIODE)
    assert agreement["n_dinilai"].sum() == 0 and agreement["n_penilaian"].sum() == 0


def test_rater_links_never_link_a_ratee_to_a_rater_of_a_withheld_group(lone_peer_folder: Path):
    ds = load_dataset(lone_peer_folder)
    links = rater_links(ds.penilaian, periode=SMALL_PERIODE)
    pairs = set(zip(links["nip_penilai"], links["nip_dinilai"], strict=True))
    assert (PEER, STAF_A) not in pairs
    assert (STAF_A, KEPALA) not in pairs  # the lone subordinate of the head is withheld too
    assert {(KEPALA, STAF_A), (KEPALA, STAF_B), (KEPALA, STAF_C)} <= pairs


def test_penilai_csv_makes_the_supervisor_keras_by_the_withheld_peer_but_counted_leniency_not(
    lone_peer_folder: Path,
):
    ds = load_dataset(lone_peer_folder)
    everyone = rater_leniency(ds.penilaian, periode=SMALL_PERIODE).set_index("nip_penilai")
    # DESIGN §5 over all cells: the supervisor's 1s against the peer's 4s on STAF_A
    assert tuple(everyone.loc[KEPALA, ["n_sel", "deviasi", "label"]]) == (len(CODES), -3.0, "keras")
    counted = counted_rater_leniency(ds.penilaian, periode=SMALL_PERIODE)
    # without the withheld peer no cell of STAF_A (nor of anyone) has two counted raters
    assert KEPALA not in set(counted["nip_penilai"])
    assert PEER not in set(counted["nip_penilai"])
    assert list(counted.columns) == ["periode", "nip_penilai", "n_sel", "deviasi", "label"]


def discussion_queue_of(folder: Path) -> pd.DataFrame:
    ds = load_dataset(folder)
    scores = score_dataset(ds, SMALL_PERIODE)
    return discussion_queue(
        scores.ringkasan,
        scores.distribusi,
        ds.penilaian,
        disagreement_by_ratee(ds.penilaian, ds.pegawai, periode=SMALL_PERIODE),
        scores.kompetensi,
        periode=SMALL_PERIODE,
        means=scores.means,
    )


def test_the_queue_built_from_the_pure_functions_names_no_lenient_rater_of_the_ratee(
    lone_peer_folder: Path,
):
    reasons = discussion_queue_of(lone_peer_folder).set_index("nip")["alasan"].get(STAF_A, "")
    assert "terlalu murah" not in reasons
    assert "berbeda pendapat" not in reasons


def test_the_pure_queue_flags_no_ratee_by_a_supervisor_made_severe_by_the_withheld_peer(
    lone_peer_folder: Path,
):
    queue = discussion_queue_of(lone_peer_folder).set_index("nip")["alasan"]
    assert "dinilai penilai yang" not in queue.get(STAF_A, "")
    # the supervisor's other ratees were flagged through the same figure
    assert not queue.str.contains("dinilai penilai yang", regex=False).any()


def test_the_board_shows_no_figure_of_the_withheld_peer(lone_peer_store: Store):
    board = CalibrationBoard(lone_peer_store, SMALL_PERIODE)
    assert STAF_A not in set(board.disagreement()["nip"])
    assert STAF_A not in set(board.disagreement(SMALL_UNIT)["nip"])
    assert board.agreement(SMALL_UNIT)["n_dinilai"].sum() == 0
    assert PEER not in set(board.raters(SMALL_UNIT)["nip_penilai"])
    # the all-units table is penilai.csv itself: the peer stays lunak there
    everyone = board.raters().set_index("nip_penilai")
    assert everyone.loc[PEER, "label"] == "lunak"
    for unit in (None, SMALL_UNIT):
        reasons = board.queue(unit).set_index("nip")["alasan"].get(STAF_A, "")
        assert "terlalu murah" not in reasons and "berbeda pendapat" not in reasons


def test_the_board_flags_no_ratee_by_a_supervisor_made_severe_by_the_withheld_peer(
    lone_peer_store: Store,
):
    board = CalibrationBoard(lone_peer_store, SMALL_PERIODE)
    for unit in (None, SMALL_UNIT):
        queue = board.queue(unit).set_index("nip")["alasan"]
        assert "dinilai penilai yang" not in queue.get(STAF_A, ""), unit
        assert not queue.str.contains("dinilai penilai yang", regex=False).any(), unit
    # the unit's rater table shows the counted-only figures: the supervisor is not keras there
    assert KEPALA not in set(board.raters(SMALL_UNIT)["nip_penilai"])
    assert "keras" not in set(board.raters(SMALL_UNIT)["label"])
    # the all-units table is penilai.csv: there the supervisor stays keras (DESIGN §5)
    assert board.raters().set_index("nip_penilai").at[KEPALA, "label"] == "keras"


def test_the_kalibrasi_app_shows_no_figure_of_the_withheld_peer(lone_peer_store: Store):
    app = KalibrasiApp(lone_peer_store)
    for unit in (SMALL_UNIT, *[o for o in app.unit.options if o != SMALL_UNIT]):
        app.unit.value = unit
        spread = tables(app.agreement.value)[-1]
        assert "Staf Satu" not in set(spread["Pegawai"]), unit
        assert "3,00" not in app.agreement.value and "3.00" not in app.agreement.value
        queue = tables(app.queue.value)[0]
        staf_a = queue.loc[queue["Pegawai"] == "Staf Satu", "Alasan"].tolist()
        assert not any("terlalu murah" in r or "berbeda pendapat" in r for r in staf_a), unit
    app.unit.value = SMALL_UNIT
    assert "Staf Dua" not in set(tables(app.raters.value)[0]["Penilai"])


def test_the_kalibrasi_queue_panel_flags_no_ratee_by_a_supervisor_made_severe_by_the_peer(
    lone_peer_store: Store,
):
    app = KalibrasiApp(lone_peer_store)
    for unit in app.unit.options:
        app.unit.value = unit
        queue = tables(app.queue.value)[0]
        staf_a = queue.loc[queue["Pegawai"] == "Staf Satu", "Alasan"].tolist()
        assert not any("terlalu pelit" in r for r in staf_a), unit
        assert "dinilai penilai yang" not in app.queue.value, unit
    app.unit.value = SMALL_UNIT
    raters = tables(app.raters.value)[0]
    assert "Kepala Uji" not in set(raters.get("Penilai", []))
    assert "-3,00" not in app.raters.value and "-3.00" not in app.raters.value


def test_the_kalibrasi_rater_table_of_all_units_is_penilai_csv_in_indonesian_numbers(
    lone_peer_store: Store,
):
    app = KalibrasiApp(lone_peer_store)
    app.unit.value = ALL_UNITS
    raters = tables(app.raters.value)[0].set_index("Penilai")
    assert raters.at["Kepala Uji", "Deviasi"] == "-3,00"
    assert raters.at["Staf Dua", "Deviasi"] == "3,00"


# --------------------------------------------------------------------------- two facilitators


def two_boards(tmp_path: Path) -> tuple[Store, Store, CalibrationBoard, CalibrationBoard]:
    first = small_store(tmp_path)
    second = Store(first.url)  # another kernel: its own Store on the same file
    return (
        first,
        second,
        CalibrationBoard(first, SMALL_PERIODE),
        CalibrationBoard(second, SMALL_PERIODE),
    )


HK = "rating_hasil_kerja"


def test_old_value_is_the_value_in_force_in_the_store_not_the_boards_memory(tmp_path: Path):
    _, store_b, a, b = two_boards(tmp_path)
    first = a.adjust(nip=STAF_A, field=HK, new_value="di_atas", reason="r1", who="A")
    assert b.current(STAF_A, HK) == "sesuai"  # b has not looked yet
    second = b.adjust(nip=STAF_A, field=HK, new_value="di_bawah", reason="r2", who="B")
    log = store_b.adjustments(SMALL_PERIODE)
    assert log["old_value"].tolist() == ["sesuai", "di_atas"]
    assert (first.old_value, second.old_value) == ("sesuai", "di_atas")


def test_undo_undoes_the_stores_latest_adjustment_not_the_boards_memory(tmp_path: Path):
    store_a, _, a, b = two_boards(tmp_path)
    a.adjust(nip=STAF_A, field=HK, new_value="di_atas", reason="r1", who="A")
    b.adjust(nip=STAF_A, field=HK, new_value="di_bawah", reason="r2", who="B")
    undone = a.undo(nip=STAF_A, who="A")
    log = store_a.adjustments(SMALL_PERIODE)
    assert log[["old_value", "new_value"]].values.tolist()[-1] == ["di_bawah", "di_atas"]
    assert log["reason"].iloc[-1] == f"Pembatalan penyesuaian #{int(log['id'].iloc[1])}"
    assert (undone.old_value, undone.new_value) == ("di_bawah", "di_atas")
    assert a.current(STAF_A, HK) == "di_atas"


def test_a_board_shows_the_stores_value_after_every_action(tmp_path: Path):
    _, _, a, b = two_boards(tmp_path)
    b.adjust(nip=STAF_A, field=HK, new_value="di_atas", reason="r1", who="B")
    a.adjust(nip=STAF_A, field="rating_perilaku", new_value="di_atas", reason="r2", who="A")
    assert a.current(STAF_A, HK) == "di_atas"  # a's own action read b's adjustment
    assert a.current(STAF_A, "predikat") == "sangat_baik"
    a.undo(nip=STAF_A, who="A", field=HK)
    b.undo(nip=STAF_A, who="B", field="rating_perilaku")
    assert b.current(STAF_A, HK) == "sesuai"  # b's action read a's undo
    assert b.current(STAF_A, "rating_perilaku") == "sesuai"
    assert a.current(STAF_A, "rating_perilaku") == "di_atas"  # a has not looked yet
    assert a.refresh() == [STAF_A]
    assert a.current(STAF_A, "rating_perilaku") == "sesuai"
    assert a.current(STAF_A, "predikat") == "baik"
    assert (
        a.distribution(SMALL_UNIT)["jumlah"].tolist()
        == b.distribution(SMALL_UNIT)["jumlah"].tolist()
    )


@pytest.mark.parametrize("field", [HK, "rating_perilaku"])
def test_an_adjustment_to_the_value_in_force_is_refused(tmp_path: Path, field: str):
    store_a, _, a, b = two_boards(tmp_path)
    with pytest.raises(StoreError, match="Tidak ada perubahan"):
        a.adjust(nip=STAF_A, field=field, new_value="sesuai", reason="sama", who="A")
    a.adjust(nip=STAF_A, field=field, new_value="di_atas", reason="r1", who="A")
    with pytest.raises(StoreError, match="Tidak ada perubahan"):  # b still believes 'sesuai'
        b.adjust(nip=STAF_A, field=field, new_value="di_atas", reason="r2", who="B")
    assert len(store_a.adjustments(SMALL_PERIODE)) == 1
    assert b.current(STAF_A, field) == "di_atas"


def test_an_undo_back_to_the_original_value_is_no_longer_calibrated(tmp_path: Path):
    store_a, _, a, b = two_boards(tmp_path)
    a.adjust(nip=STAF_A, field=HK, new_value="di_atas", reason="r1", who="A")
    assert bool(a.calibrated.at[STAF_A, "dikalibrasi"])
    b.undo(nip=STAF_A, who="B")
    a.refresh(STAF_A)
    for board in (a, b):
        assert not bool(board.calibrated.at[STAF_A, "dikalibrasi"])
        assert not board.calibrated["dikalibrasi"].any()
    fresh = CalibrationBoard(store_a, SMALL_PERIODE)
    assert not fresh.calibrated["dikalibrasi"].any()
    scored = score_dataset(
        store_a.dataset(SMALL_PERIODE), SMALL_PERIODE, adjustments=store_a.adjustments()
    )
    assert not scored.ringkasan["dikalibrasi"].any()


def test_two_kalibrasi_apps_on_one_file_show_the_stores_value(tmp_path: Path):
    store_a = small_store(tmp_path)
    app_a, app_b = KalibrasiApp(store_a), KalibrasiApp(Store(store_a.url))
    for app in (app_a, app_b):
        app.unit.value = SMALL_UNIT
    app_a.adj_employee.value = STAF_A
    app_a.adj_field.value = HK
    app_a.adj_value.value = "di_atas"
    app_a.adj_reason.value = "r1"
    app_a.adj_save.click()
    assert "kinerja-msg-ok" in app_a.status.value
    # b shows the employee: it reads the store first
    app_b.adj_employee.value = STAF_B
    app_b.adj_employee.value = STAF_A
    assert "Di Atas Ekspektasi" in app_b.adj_current.value
    assert "(dikalibrasi)" in app_b.adj_current.value
    # b's undo undoes a's adjustment; a's next redraw shows it and no calibration mark
    app_b.adj_undo.click()
    assert "kinerja-msg-ok" in app_b.status.value
    app_a.refresh()
    assert "Sesuai Ekspektasi" in app_a.adj_current.value
    assert "(dikalibrasi)" not in app_a.adj_current.value
    assert len(tables(app_a.adj_log.value)[0]) == 2
    # the same value again is refused with a message, nothing stored
    app_a.adj_value.value = "sesuai"
    app_a.adj_reason.value = "sama"
    app_a.adj_save.click()
    assert "Tidak ada perubahan" in app_a.status.value
    assert len(store_a.adjustments(SMALL_PERIODE)) == 2


def test_two_stores_on_one_file_record_the_value_in_force_and_undo_the_latest(tmp_path: Path):
    one = small_store(tmp_path)
    two = Store(one.url)
    args = {"periode": SMALL_PERIODE, "nip": STAF_C, "field": HK}
    one.add_adjustment(**args, new_value="di_atas", reason="r1", who="A")
    two.add_adjustment(**args, new_value="di_bawah", reason="r2", who="B")
    one.undo_adjustment(periode=SMALL_PERIODE, nip=STAF_C, who="A")
    log = two.adjustments(SMALL_PERIODE, nip=STAF_C)
    assert log[["old_value", "new_value"]].values.tolist() == [
        ["sesuai", "di_atas"],
        ["di_atas", "di_bawah"],
        ["di_bawah", "di_atas"],
    ]
    assert two.adjustments(SMALL_PERIODE, nip=STAF_A).empty


def test_rating_perilaku_old_value_is_the_stored_uncalibrated_value_not_a_callers_claim(
    tmp_path: Path,
):
    store = small_store(tmp_path)
    args = {"periode": SMALL_PERIODE, "nip": STAF_A, "field": "rating_perilaku"}
    raw = store.dataset(SMALL_PERIODE)  # the value scored from the ratings, no adjustment
    scored = score_dataset(raw, SMALL_PERIODE).ringkasan.set_index("nip")
    before = scored.at[STAF_A, "rating_perilaku"]
    other = "di_bawah" if before != "di_bawah" else "di_atas"
    with pytest.raises(TypeError):  # no way to claim the old value
        store.add_adjustment(**args, new_value=other, reason="r", who="A", base_value=other)
    store.add_adjustment(**args, new_value=other, reason="r1", who="A")
    third = next(r for r in ("di_atas", "sesuai", "di_bawah") if r not in (before, other))
    store.add_adjustment(**args, new_value=third, reason="r2", who="A")  # the log decides now
    assert store.adjustments(SMALL_PERIODE)["old_value"].tolist() == [before, other]


def test_undo_without_an_adjustment_is_refused(tmp_path: Path):
    _, _, a, _ = two_boards(tmp_path)
    with pytest.raises(StoreError, match="belum punya penyesuaian"):
        a.undo(nip=STAF_A, who="A")


# --------------------------------------------------------------------------- pure and Lokakarya


def test_apply_adjustments_marks_only_values_that_differ_from_the_raw_ones():
    summary = pd.DataFrame(
        {
            "periode": SMALL_PERIODE,
            "nip": ["a", "b"],
            "rating_hasil_kerja": ["sesuai", "sesuai"],
            "rating_perilaku": ["sesuai", "sesuai"],
            "jpm": [95.0, 95.0],
            "kategori_jpm": ["optimal", "optimal"],
        }
    )
    log = pd.DataFrame(
        {
            "periode": SMALL_PERIODE,
            "nip": ["a", "a", "b"],
            "field": [HK, HK, HK],
            "old_value": ["sesuai", "di_atas", "sesuai"],
            "new_value": ["di_atas", "sesuai", "di_atas"],
            "reason": "r",
            "who": "f",
            "when": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"], utc=True),
        }
    )
    out = apply_adjustments(summary, log).set_index("nip")
    assert out["dikalibrasi"].to_dict() == {"a": False, "b": True}


def test_propose_adjustment_takes_the_value_in_force_and_refuses_no_change():
    summary = pd.DataFrame({"nip": ["a"], HK: ["sesuai"], "rating_perilaku": ["di_atas"]})
    common = {"periode": SMALL_PERIODE, "nip": "a", "reason": "r", "who": "p"}
    empty = pd.DataFrame()
    with pytest.raises(AdjustmentError, match="Tidak ada perubahan"):
        propose_adjustment(summary, empty, field="rating_perilaku", new_value="di_atas", **common)
    log = propose_adjustment(summary, empty, field=HK, new_value="di_atas", **common)
    log = propose_adjustment(summary, log, field=HK, new_value="di_bawah", **common)
    assert log["old_value"].tolist() == ["sesuai", "di_atas"]
    with pytest.raises(AdjustmentError, match="Tidak ada perubahan"):
        propose_adjustment(summary, log, field=HK, new_value="di_bawah", **common)


def test_lokakarya_practice_refuses_di_atas_to_di_atas_and_records_the_value_in_force():
    step = CalibrationStep()
    raw = step.unit_raw.set_index("nip")
    nip = raw.index[raw["rating_perilaku"] == "di_atas"][0]
    step.employee.value = nip
    step.field.value = "rating_perilaku"
    step.value.value = "di_atas"
    step.reason.value = "sama saja"
    step.apply.click()
    assert "Tidak ada perubahan" in step.status.value and step.proposals.empty
    step.value.value = "sesuai"
    step.reason.value = "r1"
    step.apply.click()
    step.value.value = "di_bawah"
    step.reason.value = "r2"
    step.apply.click()
    assert step.proposals["old_value"].tolist() == ["di_atas", "sesuai"]
    step.value.value = "di_atas"
    step.reason.value = "r3"
    step.apply.click()  # back to the raw value: no longer calibrated
    assert not bool(step.calibrated().set_index("nip").at[nip, "dikalibrasi"])


def test_minutes_and_exports_carry_the_other_boards_adjustments(tmp_path: Path):
    store_a = small_store(tmp_path)
    app_a = KalibrasiApp(store_a)
    other = CalibrationBoard(Store(store_a.url), SMALL_PERIODE)
    other.adjust(nip=STAF_C, field=HK, new_value="di_atas", reason="dari papan lain", who="B")
    log, _, _ = app_a.minutes_frames()
    assert log["reason"].tolist() == ["dari papan lain"]
    # the Excel summary comes from the store's stored rows (no period re-scored in the kernel)
    scored = app_a.board.export_table(*app_a.selection()).set_index("nip")
    assert scored.at[STAF_C, HK] == "di_atas" and bool(scored.at[STAF_C, "dikalibrasi"])
