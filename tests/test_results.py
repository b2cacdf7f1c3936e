"""Stored results (DESIGN.md §7, issue 14): the tables equal scoring, and are read by key."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kinerja import lookup, results
from kinerja.cli import main
from kinerja.dataset import Dataset
from kinerja.loaders import load_dataset
from kinerja.pipeline import OUTPUT_FILES, score_dataset
from kinerja.store import Store, sqlite_url
from kinerja.synthetic import make_cohort, write_cohort
from tests.store_fixtures import SAMPLE_DATA, SAMPLE_PERIODE, sample_dataset, sample_store

P = SAMPLE_PERIODE

#: Columns compared as numbers (floats to 1e-12), the others as codes/text.
NUMERIC = {
    "skor",
    "skor_diri",
    "standar",
    "gap",
    "n_penilai",
    "jpm",
    "skor_perilaku",
    "kotak",
    "n_sel",
    "deviasi",
    "jumlah",
    "batas",
    "selisih",
}

#: Row keys of each output file.
KEYS = {
    "skor_kompetensi.csv": ["nip", "kompetensi_kode"],
    "ringkasan_pegawai.csv": ["nip"],
    "penilai.csv": ["nip_penilai"],
    "distribusi.csv": ["unit_kerja", "aturan", "predikat"],
}


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    return str(value)


def assert_same_rows(a: pd.DataFrame, b: pd.DataFrame, keys: list[str], what: str) -> None:
    """Equal value for value: numbers to 1e-12 (empty equals empty), codes and text exactly."""
    assert list(a.columns) == list(b.columns), what
    assert len(a) == len(b), what
    a = a.astype({k: str for k in keys}).sort_values(keys, ignore_index=True)
    b = b.astype({k: str for k in keys}).sort_values(keys, ignore_index=True)
    for col in a.columns:
        if col in NUMERIC:
            x = pd.to_numeric(a[col].replace("", np.nan)).astype(float).to_numpy()
            y = pd.to_numeric(b[col].replace("", np.nan)).astype(float).to_numpy()
            np.testing.assert_allclose(x, y, rtol=0, atol=1e-12, err_msg=f"{what}.{col}")
        else:
            assert [_cell(v) for v in a[col]] == [_cell(v) for v in b[col]], f"{what}.{col}"


def assert_store_equals_rescoring(store: Store, *, raters: bool = True) -> None:
    """The stored tables equal scoring the whole period from the store (with its adjustments)."""
    scores = score_dataset(store.dataset(P), P, adjustments=store.adjustments(P))
    stored = results.period_results(store, P)
    for name, frame in scores.frames().items():
        if name == "penilai.csv" and not raters:
            continue
        assert_same_rows(stored[name], frame, KEYS[name], name)


def first_rating(store: Store) -> pd.Series:
    ratings = store.ratings(P)
    return ratings.loc[ratings["sumber"] == "atasan"].iloc[0]


def changed_rating(store: Store) -> tuple[dict[str, object], str]:
    first = first_rating(store)
    row = {
        c: first[c] for c in ("periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode")
    }
    return {**row, "skor": 1 if first["skor"] != 1 else 5}, str(first["nip_dinilai"])


# --------------------------------------------------------------------------- equal to scoring


def test_stored_results_equal_the_csv_files_of_kinerja_score(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["score", "--data", str(SAMPLE_DATA), "--periode", P, "--out", str(out)]) == 0
    stored = results.period_results(sample_store(tmp_path), P)
    for name, (_, columns) in OUTPUT_FILES.items():
        csv = pd.read_csv(out / name, dtype=str, keep_default_na=False)
        assert list(csv.columns) == list(columns)
        assert_same_rows(stored[name], csv, KEYS[name], name)


def test_status_after_import_says_every_figure_is_fresh(tmp_path: Path) -> None:
    status = results.result_status(sample_store(tmp_path), P)
    assert status is not None and status.penilai_terkini
    assert status.dihitung == status.diubah


def test_form_save_updates_the_ratee_and_unit_like_rescoring_the_period(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    row, nip = changed_rating(store)
    before = results.employee_competencies(store, P, nip)
    store.save_ratings(pd.DataFrame([row]), who="uji")
    after = results.employee_competencies(store, P, nip)
    assert not before["skor"].equals(after["skor"])
    assert_store_equals_rescoring(store, raters=False)


def test_rater_figures_are_marked_stale_after_a_save_until_refreshed(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    row, _ = changed_rating(store)
    store.save_ratings(pd.DataFrame([row]), who="uji")
    status = results.result_status(store, P)
    assert status is not None and not status.penilai_terkini
    store.refresh_rater_figures(P)
    status = results.result_status(store, P)
    assert status is not None and status.penilai_terkini
    assert_store_equals_rescoring(store)


def test_an_adjustment_leaves_the_rater_figures_current(tmp_path: Path) -> None:
    """Rater leniency ignores calibration, so a meeting's adjustments mark nothing stale."""
    store = sample_store(tmp_path)
    summary = results.unit_summary(store, P, results.worst_unit(store, P) or "")
    target = summary.loc[summary["rating_hasil_kerja"].notna()].iloc[0]
    new = "di_bawah" if target["rating_hasil_kerja"] != "di_bawah" else "di_atas"
    store.add_adjustment(
        periode=P,
        nip=str(target["nip"]),
        field="rating_hasil_kerja",
        new_value=new,
        reason="uji",
        who="uji",
    )
    status = results.result_status(store, P)
    assert status is not None and status.penilai_terkini


def test_adjustment_and_undo_update_the_stored_summary_and_distribution(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    summary = results.unit_summary(store, P, results.worst_unit(store, P) or "")
    target = summary.loc[summary["rating_hasil_kerja"].notna()].iloc[0]
    nip, unit = str(target["nip"]), str(target["unit_kerja"])
    new = "di_atas" if target["rating_hasil_kerja"] != "di_atas" else "di_bawah"
    store.add_adjustment(
        periode=P, nip=nip, field="rating_hasil_kerja", new_value=new, reason="uji", who="fasil"
    )
    row = results.employee_summary(store, P, nip).iloc[0]
    assert row["rating_hasil_kerja"] == new and bool(row["dikalibrasi"])
    assert row["rating_hasil_kerja_awal"] == target["rating_hasil_kerja"]
    assert_store_equals_rescoring(store)
    store.undo_adjustment(periode=P, nip=nip, who="fasil")
    row = results.employee_summary(store, P, nip).iloc[0]
    assert row["rating_hasil_kerja"] == target["rating_hasil_kerja"] and not row["dikalibrasi"]
    assert_store_equals_rescoring(store)
    assert len(results.unit_distribution(store, P, unit))


def test_source_correction_and_withdrawal_update_the_stored_results(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    ratings = store.ratings(P)
    pair = ratings.loc[ratings["sumber"] == "rekan"].iloc[0]
    row = {c: pair[c] for c in ("periode", "nip_dinilai", "nip_penilai", "kompetensi_kode", "skor")}
    store.save_ratings(pd.DataFrame([{**row, "sumber": "bawahan"}]), who="sdm", correct_source=True)
    assert_store_equals_rescoring(store, raters=False)
    n = store.withdraw_rating(
        periode=P, nip_dinilai=pair["nip_dinilai"], nip_penilai=pair["nip_penilai"], who="sdm"
    )
    assert n > 0
    assert_store_equals_rescoring(store, raters=False)


def test_work_result_saved_in_a_form_updates_the_summary(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    target = results.unit_summary(store, P, results.worst_unit(store, P) or "").iloc[0]
    new = "di_bawah" if target["rating_hasil_kerja"] != "di_bawah" else "di_atas"
    hk = pd.DataFrame([{"periode": P, "nip": target["nip"], "rating_hasil_kerja": new}])
    first = store.ratings(P, nip_dinilai=str(target["nip"])).iloc[0]
    rating = first[["periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode", "skor"]]
    store.save_ratings(pd.DataFrame([rating.to_dict()]), who="uji", hasil_kerja=hk)
    assert (
        results.employee_summary(store, P, str(target["nip"]))["rating_hasil_kerja"].iloc[0] == new
    )
    assert_store_equals_rescoring(store, raters=False)


# --------------------------------------------------------------------------- one ratee


@pytest.fixture(scope="module")
def cohort_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Dataset]:
    folder = tmp_path_factory.mktemp("cohort")
    write_cohort(make_cohort(150, seed=11, peers_per_ratee=2), folder / "data")
    ds = load_dataset(folder / "data")
    store = Store(sqlite_url(folder / "kinerja.sqlite"))
    store.import_dataset(ds, who="uji")
    return store, ds


def test_one_ratee_scoring_equals_the_whole_period_with_withheld_peer_groups(
    cohort_store: tuple[Store, Dataset],
) -> None:
    store, ds = cohort_store
    whole = score_dataset(ds, P)
    assert whole.means["withheld"].astype(bool).any()  # the case that matters is present
    nips = whole.ringkasan["nip"].astype(str).tolist()
    with store.engine.connect() as conn:
        for nip in nips:
            one = store._score_ratee(conn, P, nip)
            for attribute, keys in (
                ("kompetensi", KEYS["skor_kompetensi.csv"]),
                ("ringkasan", ["nip"]),
            ):
                a = getattr(one, attribute)
                b = getattr(whole, attribute)
                b = b.loc[b["nip"].astype(str) == nip]
                assert_same_rows(a, b, keys, f"{attribute} {nip}")


def test_stored_cohort_results_equal_scoring_its_files(cohort_store: tuple[Store, Dataset]) -> None:
    store, ds = cohort_store
    stored = results.period_results(store, P)
    for name, frame in score_dataset(ds, P).frames().items():
        assert_same_rows(stored[name], frame, KEYS[name], name)


# --------------------------------------------------------------------------- reads by key


def test_reads_by_key_return_only_the_asked_rows(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    pegawai = sample_dataset().pegawai
    nip, unit = str(pegawai["nip"].iloc[5]), str(pegawai["unit_kerja"].iloc[5])
    assert results.employee_summary(store, P, nip)["nip"].tolist() == [nip]
    assert set(results.employee_competencies(store, P, nip)["nip"]) == {nip}
    members = results.unit_summary(store, P, unit)
    assert sorted(members["nip"]) == sorted(pegawai.loc[pegawai["unit_kerja"] == unit, "nip"])
    assert set(results.unit_distribution(store, P, unit)["unit_kerja"]) == {unit}
    assert results.employee_summary(store, "1999", nip).empty
    assert results.result_status(store, "1999") is None


def test_worst_unit_is_the_unit_with_the_largest_stored_curve_violation(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    dist = results.period_results(store, P)["distribusi.csv"]
    total = dist.assign(v=dist["selisih"].abs()).groupby("unit_kerja")["v"].sum()
    assert total.max() > 0
    assert results.worst_unit(store, P) == sorted(total.index[total == total.max()])[0]


def test_search_finds_name_or_nip_any_case_within_a_unit_up_to_the_limit(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    pegawai = sample_dataset().pegawai
    person = pegawai.iloc[7]
    by_name = results.search_employees(store, str(person["nama"]).upper()[:8])
    assert str(person["nip"]) in set(by_name["nip"])
    assert results.search_employees(store, str(person["nip"])[-6:])["nip"].tolist() == [
        str(n) for n in pegawai.loc[pegawai["nip"].str.contains(str(person["nip"])[-6:]), "nip"]
    ]
    unit = str(person["unit_kerja"])
    in_unit = results.search_employees(store, "", unit=unit, limit=1000)
    assert set(in_unit["unit_kerja"]) == {unit}
    assert len(in_unit) == (pegawai["unit_kerja"] == unit).sum()
    assert len(results.search_employees(store, "a", limit=4)) == 4


def test_history_holds_the_summary_of_every_stored_period(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    ds = sample_dataset()
    earlier = dataclasses.replace(
        ds,
        penilaian=ds.penilaian.assign(periode="2024"),
        hasil_kerja=ds.hasil_kerja.assign(periode="2024"),
        unit_kerja=ds.unit_kerja.assign(periode="2024"),
    )
    store.import_dataset(earlier, who="uji")
    nip = str(ds.pegawai["nip"].iloc[0])
    history = lookup.summary_history(store, nip, ["2024", P])
    assert history["periode"].tolist() == ["2024", P] and set(history["nip"]) == {nip}
    assert_store_equals_rescoring(store)


# --------------------------------------------------------------------------- transactions


def _fail_on_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    real = results._insert

    def failing(conn, table, frame):  # type: ignore[no-untyped-def]
        if table is results.ringkasan_table:
            raise RuntimeError("simulated failure while writing results")
        real(conn, table, frame)

    monkeypatch.setattr(results, "_insert", failing)


def test_failure_while_writing_results_rolls_back_the_saved_ratings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = sample_store(tmp_path)
    before = store.ratings(P)
    stored_before = results.period_results(store, P)
    row, _ = changed_rating(store)
    _fail_on_summary(monkeypatch)
    with pytest.raises(RuntimeError):
        store.save_ratings(pd.DataFrame([row]), who="uji")
    pd.testing.assert_frame_equal(store.ratings(P), before)
    for name, frame in results.period_results(store, P).items():
        pd.testing.assert_frame_equal(frame, stored_before[name])


def test_failure_while_writing_results_rolls_back_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(sqlite_url(tmp_path / "kosong.sqlite"))
    _fail_on_summary(monkeypatch)
    with pytest.raises(RuntimeError):
        store.import_dataset(sample_dataset(), who="uji")
    assert store.is_empty() and store.periods() == []
    assert results.result_status(store, P) is None


# ----------------------------------------------------------------- what an import re-scores


def test_an_import_that_changes_nothing_rescores_nothing(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    before = results.result_status(store, P)
    store.import_dataset(sample_dataset(), who="uji")
    assert results.result_status(store, P) == before


def test_a_roster_change_rescores_every_stored_period(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    ds = sample_dataset()
    earlier = dataclasses.replace(
        ds,
        penilaian=ds.penilaian.assign(periode="2024"),
        hasil_kerja=ds.hasil_kerja.assign(periode="2024"),
        unit_kerja=ds.unit_kerja.assign(periode="2024"),
    )
    store.import_dataset(earlier, who="uji")
    nip = str(ds.pegawai["nip"].iloc[3])
    renamed = ds.pegawai.assign(
        nama=ds.pegawai["nama"].where(ds.pegawai["nip"] != nip, "Nama Baru")
    )
    store.import_dataset(dataclasses.replace(ds, pegawai=renamed), who="uji")
    history = lookup.summary_history(store, nip, ["2024", P])
    assert history["nama"].tolist() == ["Nama Baru", "Nama Baru"]
    assert_store_equals_rescoring(store)
