"""The store (DESIGN.md §7): schema versioning, all-or-nothing imports (also
when the process is killed), concurrent writers, append-only ratings with
corrections and withdrawals, form saves and calibration adjustments."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic import command

from kinerja.errors import DataValidationError, StoreError
from kinerja.loaders import load_dataset
from kinerja.pipeline import score_dataset
from kinerja.results import RESULT_TABLES
from kinerja.store import (
    ENV_DB,
    SCHEMA_VERSION,
    Store,
    alembic_config,
    migration_revisions,
    sqlite_url,
)
from tests.store_fixtures import (
    BERAKHLAK,
    KEPALA,
    REPO,
    SAMPLE_PERIODE,
    SMALL_PERIODE,
    STAF_A,
    STAF_B,
    concurrent_saver,
    row_counts,
    sample_dataset,
    sample_store,
    small_store,
    small_tables,
    table_dump,
    write_folder,
)


def an_atasan_rating(store: Store) -> dict[str, str]:
    """Key of one imported atasan rating (periode 2025)."""
    r = store.ratings(SAMPLE_PERIODE)
    row = r.loc[r["sumber"] == "atasan"].iloc[0]
    return {
        k: str(row[k])
        for k in ("periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode")
    }


def form_rows(key: dict[str, str], **values: object) -> pd.DataFrame:
    return pd.DataFrame([{**key, **values}])


# --------------------------------------------------------------------------- schema


def test_new_store_records_the_current_schema_version(tmp_path):
    store = Store(sqlite_url(tmp_path / "baru.sqlite"))
    assert store.schema_version() == SCHEMA_VERSION
    assert store.is_empty()


def test_reopening_an_existing_file_keeps_its_data_and_version(tmp_path):
    store = sample_store(tmp_path)
    before = table_dump(store)
    store.dispose()
    again = Store(sqlite_url(tmp_path / "kinerja.sqlite"))
    assert again.schema_version() == SCHEMA_VERSION
    assert table_dump(again) == before
    assert row_counts(again)["penilaian"] == len(sample_dataset().penilaian)


def test_a_store_of_the_previous_revision_is_upgraded_in_place_without_losing_data(tmp_path):
    store = sample_store(tmp_path)
    previous = migration_revisions()[-2]
    with store.transaction() as conn:
        command.downgrade(alembic_config(conn), previous)
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == previous
    before = {k: v for k, v in table_dump(store).items() if k != "alembic_version"}
    store.dispose()
    again = Store(sqlite_url(tmp_path / "kinerja.sqlite"))
    assert again.schema_version() == SCHEMA_VERSION != previous
    assert {k: v for k, v in table_dump(again).items() if k in before} == before


def test_database_url_comes_from_the_environment_when_not_given(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DB, sqlite_url(tmp_path / "env.sqlite"))
    Store().dispose()
    assert (tmp_path / "env.sqlite").exists()


def test_store_without_any_database_url_is_refused(monkeypatch):
    monkeypatch.delenv(ENV_DB, raising=False)
    with pytest.raises(StoreError, match="KINERJA_DB"):
        Store()


# ----------------------------------------------------------------------- import is all or nothing


def test_import_failing_half_way_into_an_empty_store_leaves_every_table_unchanged(tmp_path):
    store = Store(sqlite_url(tmp_path / "kosong.sqlite"))
    ds = sample_dataset()
    before = table_dump(store)
    with pytest.raises(RuntimeError, match="simulated failure"):
        store.import_dataset(ds, who="penguji", _fail_after=len(ds.penilaian) // 2)
    assert table_dump(store) == before
    assert store.is_empty()
    # the same import without the fault stores everything: the check above is not vacuous
    result = store.import_dataset(ds, who="penguji")
    assert result.n_penilaian_baru == len(ds.penilaian)
    assert row_counts(store)["penilaian"] == len(ds.penilaian)


def _changed_sample(n_changed: int) -> tuple:
    """The sample data set with ``n_changed`` scores and one employee name changed."""
    ds = sample_dataset()
    pen = ds.penilaian.copy()
    pen["skor"] = pen["skor"].astype(int)
    idx = pen.index[:n_changed]
    pen.loc[idx, "skor"] = pen.loc[idx, "skor"] % 5 + 1
    pen["skor"] = pen["skor"].astype("int8")
    peg = ds.pegawai.copy()
    peg.loc[0, "nama"] = "Nama Diubah"
    return dataclasses.replace(ds, penilaian=pen, pegawai=peg), idx


def test_import_failing_half_way_into_a_filled_store_leaves_every_table_unchanged(tmp_path):
    store = sample_store(tmp_path)
    store.add_adjustment(
        periode=SAMPLE_PERIODE, nip=sample_dataset().pegawai["nip"].iloc[0],
        field="rating_perilaku", new_value="di_atas", reason="rapat", who="fasilitator",
    )  # fmt: skip
    changed, _ = _changed_sample(40)
    before = table_dump(store)
    with pytest.raises(RuntimeError, match="simulated failure"):
        store.import_dataset(changed, who="penguji", _fail_after=20)
    assert table_dump(store) == before
    result = store.import_dataset(changed, who="penguji")
    assert result.n_penilaian_baru == 40
    assert table_dump(store) != before


# --------------------------------------------------------------------------- killed process

_CHILD = r"""
import sys, time
from kinerja.loaders import load_dataset
from kinerja import store as st

folder, url, mode = sys.argv[1:4]
dataset = load_dataset(folder)
original_insert = st._insert_rows
batches = 0


def batched(conn, table, frame, constants):
    # splits every bulk rating insert into batches of 2000 rows and reports each batch
    global batches
    if table is not st.penilaian_table:
        return original_insert(conn, table, frame, constants)
    for i in range(0, len(frame), 2000):
        original_insert(conn, table, frame.iloc[i:i + 2000], constants)
        batches += 1
        print(f"BATCH {batches}", flush=True)
        if mode == "pause" and batches == 1:
            time.sleep(120)


st._insert_rows = batched
store = st.Store(url)
print("READY", flush=True)
store.import_dataset(dataset, who="anak")
print("COMMITTED", flush=True)
"""


@functools.cache
def _cohort_folder() -> tuple[Path, int]:
    """A synthetic cohort (about 29 000 ratings) written once as CSV files."""
    from kinerja.synthetic import make_cohort, write_cohort

    folder = Path(tempfile.mkdtemp(prefix="kinerja-cohort-"))
    cohort = make_cohort(300, seed=7)
    write_cohort(cohort, folder)
    return folder, len(cohort.penilaian)


def _run_child_until(db: Path, mode: str, kill_on: str) -> tuple[list[str], int]:
    """Start the importing child, SIGKILL it when it prints ``kill_on``; its output and status."""
    folder, _ = _cohort_folder()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(folder), sqlite_url(db), mode],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
    )  # fmt: skip
    watchdog = threading.Timer(90, proc.kill)
    watchdog.start()
    lines = []
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line.strip())
            if lines[-1] == kill_on:
                if mode == "pause":
                    # the rows written so far are in the file's WAL but not visible: uncommitted
                    with contextlib.closing(sqlite3.connect(db)) as peek:
                        assert peek.execute("SELECT count(*) FROM penilaian").fetchone()[0] == 0
                os.kill(proc.pid, signal.SIGKILL)
                break
        status = proc.wait(timeout=30)
    finally:
        watchdog.cancel()
        proc.kill()
        err = proc.stderr.read() if proc.stderr else ""  # type: ignore[union-attr]
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    assert "READY" in lines, err
    return lines, status


def _assert_all_or_nothing(db: Path, n_total: int) -> int:
    store = Store(sqlite_url(db))
    counts = row_counts(store)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    store.dispose()
    assert counts["penilaian"] in (0, n_total)
    if counts["penilaian"] == 0:
        assert counts["impor"] == counts["pegawai"] == counts["hasil_kerja"] == 0
    return counts["penilaian"]


def test_killed_import_paused_inside_its_transaction_stores_nothing(tmp_path):
    db = tmp_path / "mati.sqlite"
    Store(sqlite_url(db)).dispose()
    _, n_total = _cohort_folder()
    lines, status = _run_child_until(db, "pause", "BATCH 1")
    assert status == -signal.SIGKILL
    assert "COMMITTED" not in lines
    assert _assert_all_or_nothing(db, n_total) == 0


def test_import_killed_while_writing_ratings_leaves_none_or_all_of_them(tmp_path):
    _, n_total = _cohort_folder()
    landed_mid_transaction = False
    for attempt in range(3):  # bounded: the kill lands mid-transaction on the first try in practice
        db = tmp_path / f"mati-{attempt}.sqlite"
        Store(sqlite_url(db)).dispose()
        lines, status = _run_child_until(db, "run", "BATCH 3")
        stored = _assert_all_or_nothing(db, n_total)
        if status == -signal.SIGKILL and "COMMITTED" not in lines:
            landed_mid_transaction = True
            assert stored == 0
            break
    assert landed_mid_transaction


# --------------------------------------------------------------------------- concurrent writers


def test_two_processes_saving_at_the_same_moment_lose_nothing(tmp_path):
    store = small_store(tmp_path)
    before = row_counts(store)["penilaian"]
    store.dispose()
    n_saves = 8
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=concurrent_saver, args=(store.url, who, n_saves, barrier, results))
        for who in ("petugas-1", "petugas-2")
    ]
    for w in workers:
        w.start()
    try:
        reports = [results.get(timeout=120) for _ in workers]
    finally:
        for w in workers:
            w.join(timeout=60)
            if w.is_alive():
                w.terminate()
    assert [r[3] for r in reports] == ["", ""]
    (_, s1, e1, _), (_, s2, e2, _) = reports
    assert max(s1, s2) < min(e1, e2)  # the two writers did run at the same time

    store = Store(store.url)
    assert row_counts(store)["penilaian"] == before + 2 * n_saves * 3
    history = store.rating_history(periode=SMALL_PERIODE, nip_dinilai=STAF_A, nip_penilai=KEPALA)
    for who in ("petugas-1", "petugas-2"):
        mine = history.loc[history["oleh"] == who]
        assert sorted(mine["catatan"]) == sorted(
            f"{who}-{i}-{k}" for i in range(n_saves) for k in range(3)
        )
    # in force is the newest record per key, whoever wrote it
    current = store.ratings(SMALL_PERIODE, nip_dinilai=STAF_A, nip_penilai=KEPALA).set_index(
        "kompetensi_kode"
    )
    newest = history.sort_values("id").drop_duplicates("kompetensi_kode", keep="last")
    assert current.loc[newest["kompetensi_kode"], "id"].tolist() == newest["id"].tolist()


# -------------------------------------------------------------------- corrections and withdrawals


def test_correction_supersedes_and_history_keeps_every_record_in_order(tmp_path):
    store = small_store(tmp_path)
    key = an_atasan_rating(store)
    first = store.rating_history(
        periode=key["periode"], nip_dinilai=key["nip_dinilai"], nip_penilai=key["nip_penilai"]
    )
    first = first.loc[first["kompetensi_kode"] == key["kompetensi_kode"]].reset_index(drop=True)
    assert len(first) == 1
    old = int(first.loc[0, "skor"])
    s1, s2 = old % 5 + 1, (old + 1) % 5 + 1

    assert (
        store.save_ratings(form_rows(key, skor=s1, catatan="koreksi 1"), who="petugas").n_total == 1
    )
    assert (
        store.save_ratings(form_rows(key, skor=s2, catatan="koreksi 2"), who="atasan-baru").n_total
        == 1
    )

    current = store.ratings(
        key["periode"], nip_dinilai=key["nip_dinilai"], nip_penilai=key["nip_penilai"]
    )
    in_force = current.loc[current["kompetensi_kode"] == key["kompetensi_kode"]]
    assert in_force[["skor", "catatan", "oleh"]].values.tolist() == [
        [s2, "koreksi 2", "atasan-baru"]
    ]

    history = store.rating_history(
        periode=key["periode"], nip_dinilai=key["nip_dinilai"], nip_penilai=key["nip_penilai"]
    )
    history = history.loc[history["kompetensi_kode"] == key["kompetensi_kode"]].reset_index(
        drop=True
    )
    assert history["skor"].tolist() == [old, s1, s2]
    assert history["id"].is_monotonic_increasing
    assert history["waktu"].is_monotonic_increasing
    assert history["oleh"].tolist() == ["penguji", "petugas", "atasan-baru"]
    cols = ["id", "skor", "sumber", "oleh", "waktu", "dihapus", "impor_id"]
    assert history.loc[0, cols].tolist() == first.loc[0, cols].tolist()  # the raw record as it was
    # the scored data set uses the correction
    ds = store.dataset(SAMPLE_PERIODE)
    p = ds.penilaian
    hit = p.loc[
        (p["nip_dinilai"] == key["nip_dinilai"])
        & (p["nip_penilai"] == key["nip_penilai"])
        & (p["kompetensi_kode"] == key["kompetensi_kode"])
    ]
    assert hit["skor"].tolist() == [s2]


def test_withdrawal_hides_ratings_and_keeps_their_history(tmp_path):
    store = small_store(tmp_path)
    key = an_atasan_rating(store)
    who = {
        "periode": key["periode"],
        "nip_dinilai": key["nip_dinilai"],
        "nip_penilai": key["nip_penilai"],
    }
    before = store.ratings(
        key["periode"], nip_dinilai=key["nip_dinilai"], nip_penilai=key["nip_penilai"]
    )
    n_all = len(store.ratings(SAMPLE_PERIODE))
    assert len(before) > 0

    assert store.withdraw_rating(**who, who="petugas") == len(before)

    assert (
        len(
            store.ratings(
                key["periode"], nip_dinilai=key["nip_dinilai"], nip_penilai=key["nip_penilai"]
            )
        )
        == 0
    )
    assert len(store.ratings(SAMPLE_PERIODE)) == n_all - len(before)
    history = store.rating_history(
        periode=key["periode"], nip_dinilai=key["nip_dinilai"], nip_penilai=key["nip_penilai"]
    )
    assert len(history) == 2 * len(before)
    assert history.loc[~history["dihapus"], "id"].tolist() == before["id"].tolist()
    assert history.loc[history["dihapus"], "oleh"].eq("petugas").all()
    p = store.dataset(SAMPLE_PERIODE).penilaian
    gone = (p["nip_dinilai"] == key["nip_dinilai"]) & (p["nip_penilai"] == key["nip_penilai"])
    assert not gone.any()
    # nothing left to withdraw the second time
    assert store.withdraw_rating(**who, who="petugas") == 0


def test_a_withdrawn_rating_saved_again_is_back_in_force(tmp_path):
    store = small_store(tmp_path)
    key = an_atasan_rating(store)
    store.withdraw_rating(
        periode=key["periode"],
        nip_dinilai=key["nip_dinilai"],
        nip_penilai=key["nip_penilai"],
        who="x",
    )
    store.save_ratings(form_rows(key, skor=2), who="petugas")
    current = store.ratings(
        key["periode"], nip_dinilai=key["nip_dinilai"], nip_penilai=key["nip_penilai"]
    )
    assert current[["kompetensi_kode", "skor"]].values.tolist() == [[key["kompetensi_kode"], 2]]


@pytest.mark.parametrize("who", ["", "   "])
def test_withdrawal_without_the_name_of_who_withdraws_is_refused(tmp_path, who):
    store = small_store(tmp_path)
    key = an_atasan_rating(store)
    before = table_dump(store)
    with pytest.raises(StoreError):
        store.withdraw_rating(
            periode=key["periode"],
            nip_dinilai=key["nip_dinilai"],
            nip_penilai=key["nip_penilai"],
            who=who,
        )
    assert table_dump(store) == before


# ----------------------------------------------------------------------- form saves are validated


@pytest.mark.parametrize(
    ("bad", "kolom"),
    [
        ({"skor": 7}, "skor"),
        ({"skor": 0}, "skor"),
        ({"nip_penilai": "198001012005011001"}, "nip_penilai"),  # well-formed NIP of nobody
        ({"kompetensi_kode": "X.99"}, "kompetensi_kode"),
    ],
    ids=["skor-7", "skor-0", "unknown-rater", "unknown-competency"],
)
def test_save_with_one_invalid_row_raises_and_stores_nothing_of_the_call(tmp_path, bad, kolom):
    store = small_store(tmp_path)
    before = table_dump(store)
    valid = {
        "periode": SMALL_PERIODE,
        "nip_dinilai": STAF_B,
        "nip_penilai": KEPALA,
        "sumber": "atasan",
    }
    rows = pd.DataFrame(
        [
            {**valid, "kompetensi_kode": "M.01", "skor": 5},
            {**valid, "kompetensi_kode": "SK.01", "skor": 4},
            {**valid, "kompetensi_kode": "B.01", "skor": 4, **bad},
        ]
    )
    with pytest.raises(DataValidationError) as err:
        store.save_ratings(rows, who="petugas")
    assert err.value.problems["kolom"].tolist() == [kolom]
    assert table_dump(store) == before


def test_save_of_valid_rows_stores_them_against_the_stored_roster(tmp_path):
    store = small_store(tmp_path)
    before = row_counts(store)["penilaian"]
    rows = pd.DataFrame(
        {
            "periode": SMALL_PERIODE, "nip_dinilai": STAF_B, "nip_penilai": KEPALA,
            "sumber": "Atasan", "kompetensi_kode": ["m.01", "SK.01"], "skor": [5, 4],
        }
    )  # fmt: skip
    assert store.save_ratings(rows, who="petugas").n_penilaian_baru == 2
    assert row_counts(store)["penilaian"] == before + 2
    current = store.ratings(SMALL_PERIODE, nip_dinilai=STAF_B).set_index("kompetensi_kode")
    assert current.loc[["M.01", "SK.01"], "skor"].tolist() == [5, 4]
    assert set(current.loc[["M.01", "SK.01"], "sumber"]) == {"atasan"}


@pytest.mark.parametrize("who", ["", "   ", None])
def test_save_without_the_name_of_who_saves_is_refused(tmp_path, who):
    store = small_store(tmp_path)
    before = table_dump(store)
    rows = pd.DataFrame(
        [{"periode": SMALL_PERIODE, "nip_dinilai": STAF_B, "nip_penilai": KEPALA,
          "sumber": "atasan", "kompetensi_kode": "M.01", "skor": 5}]
    )  # fmt: skip
    with pytest.raises(StoreError):
        store.save_ratings(rows, who=who)  # type: ignore[arg-type]
    assert table_dump(store) == before


# ------------------------------------------------------------------------ calibration adjustments


def _baik_to_sangat_baik_candidate(scores) -> pd.Series:  # type: ignore[no-untyped-def]
    """An employee with predikat baik (hasil sesuai, perilaku di_atas) in a unit with a curve."""
    r = scores.ringkasan
    units = set(scores.distribusi["unit_kerja"])
    pick = r.loc[
        (r["predikat"] == "baik")
        & (r["rating_hasil_kerja"] == "sesuai")
        & (r["rating_perilaku"] == "di_atas")
        & r["unit_kerja"].isin(units)
    ]
    assert len(pick), "sample data need such an employee"
    return pick.iloc[0]


@pytest.mark.parametrize(
    "changes",
    [
        {"reason": ""},
        {"reason": "   "},
        {"reason": None},
        {"who": ""},
        {"who": "  "},
        {"field": "predikat"},
        {"new_value": "sangat_baik"},
        {"new_value": ""},
        {"nip": "198001012005011001"},
    ],
    ids=["no-reason", "blank-reason", "none-reason", "no-who", "blank-who", "bad-field",
         "bad-value", "empty-value", "unknown-nip"],
)  # fmt: skip
def test_adjustment_without_reason_or_author_or_with_bad_values_is_refused(tmp_path, changes):
    store = small_store(tmp_path)
    before = table_dump(store)
    args = {
        "periode": SMALL_PERIODE, "nip": STAF_A, "field": "rating_hasil_kerja",
        "new_value": "di_atas", "reason": "hasil rapat", "who": "fasilitator", **changes,
    }  # fmt: skip
    with pytest.raises(StoreError):
        store.add_adjustment(**args)
    assert table_dump(store) == before
    assert len(store.adjustments()) == 0


def test_adjustments_are_appended_and_never_edited(tmp_path):
    store = small_store(tmp_path)
    common = {"periode": SMALL_PERIODE, "nip": STAF_A, "field": "rating_hasil_kerja"}
    id1 = store.add_adjustment(**common, new_value="di_atas", reason="r1", who="f")
    log1 = store.adjustments()
    id2 = store.add_adjustment(**common, new_value="sesuai", reason="r2", who="g")
    id3 = store.add_adjustment(
        periode=SMALL_PERIODE, nip=STAF_B, field="rating_perilaku", new_value="di_bawah",
        reason="  r3  ", who=" h ",
    )  # fmt: skip
    log = store.adjustments()
    assert id1 < id2 < id3
    assert log["id"].tolist() == [id1, id2, id3]
    pd.testing.assert_frame_equal(log.iloc[[0]], log1)
    assert log["reason"].tolist() == ["r1", "r2", "r3"]
    assert log["who"].tolist() == ["f", "g", "h"]
    assert log["old_value"].tolist()[:2] == ["sesuai", "di_atas"]
    assert log["when"].is_monotonic_increasing
    assert store.adjustments(periode="2024").empty


def test_adjustment_changes_predikat_and_distribution_and_undo_restores_them(tmp_path):
    store = sample_store(tmp_path)
    raw_before = {k: v for k, v in table_dump(store).items() if k != "kalibrasi"}
    ds = store.dataset(SAMPLE_PERIODE)
    plain = score_dataset(ds, SAMPLE_PERIODE)
    emp = _baik_to_sangat_baik_candidate(plain)

    store.add_adjustment(
        periode=SAMPLE_PERIODE, nip=emp["nip"], field="rating_hasil_kerja",
        new_value="di_atas", reason="Capaian kinerja melampaui target", who="fasilitator",
    )  # fmt: skip
    adjusted = score_dataset(ds, SAMPLE_PERIODE, adjustments=store.adjustments(SAMPLE_PERIODE))

    r = adjusted.ringkasan.set_index("nip")
    assert r.loc[emp["nip"], ["rating_hasil_kerja", "predikat", "kinerja"]].tolist() == [
        "di_atas", "sangat_baik", "di_atas",
    ]  # fmt: skip
    assert bool(r.loc[emp["nip"], "dikalibrasi"])
    assert int(r["dikalibrasi"].sum()) == 1
    pd.testing.assert_frame_equal(adjusted.ringkasan_awal, plain.ringkasan_awal)

    # distribution: the unit's rows counting 'baik' lose one, those counting 'sangat_baik' gain one
    d0, d1 = plain.distribusi, adjusted.distribusi
    assert d0[["unit_kerja", "aturan", "predikat"]].equals(d1[["unit_kerja", "aturan", "predikat"]])
    names = d0["predikat"].str.split("+")
    in_unit = d0["unit_kerja"].eq(emp["unit_kerja"])
    expected = (
        d0["jumlah"]
        - (in_unit & names.map(lambda n: "baik" in n)).astype(int)
        + (in_unit & names.map(lambda n: "sangat_baik" in n)).astype(int)
    )
    assert d1["jumlah"].tolist() == expected.tolist()
    assert (d1["jumlah"] != d0["jumlah"]).any()
    pd.testing.assert_frame_equal(d1.loc[~in_unit], d0.loc[~in_unit])

    # undo: a newer adjustment back to the old value
    store.add_adjustment(
        periode=SAMPLE_PERIODE, nip=emp["nip"], field="rating_hasil_kerja",
        new_value="sesuai", reason="Dibatalkan setelah verifikasi", who="fasilitator",
    )  # fmt: skip
    undone = score_dataset(ds, SAMPLE_PERIODE, adjustments=store.adjustments(SAMPLE_PERIODE))
    pd.testing.assert_frame_equal(undone.distribusi, plain.distribusi)
    pd.testing.assert_frame_equal(
        undone.ringkasan.drop(columns="dikalibrasi"), plain.ringkasan.drop(columns="dikalibrasi")
    )
    assert len(store.adjustments(SAMPLE_PERIODE)) == 2

    # the raw ratings and every other table are untouched by calibration (results are derived)
    derived = {"kalibrasi", *RESULT_TABLES}
    assert {k: v for k, v in table_dump(store).items() if k not in derived} == {
        k: v for k, v in raw_before.items() if k not in derived
    }


def test_adjustments_of_another_period_do_not_change_this_period(tmp_path):
    store = sample_store(tmp_path)
    ds = store.dataset(SAMPLE_PERIODE)
    plain = score_dataset(ds, SAMPLE_PERIODE)
    emp = _baik_to_sangat_baik_candidate(plain)
    store.add_adjustment(
        periode="2024", nip=emp["nip"], field="rating_hasil_kerja", new_value="di_atas",
        reason="periode lain", who="fasilitator",
    )  # fmt: skip
    other = score_dataset(ds, SAMPLE_PERIODE, adjustments=store.adjustments())
    assert other.ringkasan.set_index("nip").loc[emp["nip"], "predikat"] == "baik"
    pd.testing.assert_frame_equal(other.distribusi, plain.distribusi)


# --------------------------------------------------------------------------- misc


def test_periods_and_emptiness_reflect_the_stored_data(tmp_path):
    empty = Store(sqlite_url(tmp_path / "kosong.sqlite"))
    assert empty.is_empty() and empty.periods() == []
    store = sample_store(tmp_path)
    assert not store.is_empty()
    assert store.periods() == [SAMPLE_PERIODE]


def teardown_module() -> None:
    if _cohort_folder.cache_info().currsize:
        shutil.rmtree(_cohort_folder()[0], ignore_errors=True)


# ------------------------------------------------- ratings that would replace each other (issue 12)


def _ratings_of(store: Store, ratee: str, rater: str) -> pd.DataFrame:
    current = store.ratings(SMALL_PERIODE, nip_dinilai=ratee, nip_penilai=rater)
    return current.sort_values("kompetensi_kode", ignore_index=True)


def _rows(ratee: str, rater: str, sumber: str, scores: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "periode": SMALL_PERIODE,
            "nip_dinilai": ratee,
            "nip_penilai": rater,
            "sumber": sumber,
            "kompetensi_kode": list(scores),
            "skor": list(scores.values()),
        }
    )


def test_public_rating_under_the_supervisors_nip_is_refused_and_replaces_nothing(tmp_path):
    # the reproduction: it replaced KEPALA's B.01-B.07 ratings of STAF_A
    store = small_store(tmp_path)
    before = table_dump(store)
    rows = _rows(STAF_A, KEPALA, "masyarakat", {b: 1 for b in BERAKHLAK})
    with pytest.raises(DataValidationError) as err:
        store.save_ratings(rows, who="petugas")
    problems = err.value.problems
    assert set(problems["kolom"]) == {"nip_penilai"}
    assert problems["pesan"].str.contains("tidak boleh NIP pegawai").all()
    assert table_dump(store) == before


@pytest.mark.parametrize("sumber", ["atasan", "rekan", "bawahan"])
def test_form_self_rating_filed_under_another_source_is_refused(tmp_path, sumber):
    store = small_store(tmp_path)
    before = table_dump(store)
    with pytest.raises(DataValidationError) as err:
        store.save_ratings(_rows(STAF_B, STAF_B, sumber, {"M.01": 5}), who="petugas")
    assert err.value.problems[["kolom", "nilai"]].values.tolist() == [["sumber", sumber]]
    assert table_dump(store) == before


def test_a_save_with_another_source_than_the_one_in_force_is_refused(tmp_path):
    store = small_store(tmp_path)  # KEPALA rated STAF_A as atasan on M.01, SK.01, B.01-B.07
    before = table_dump(store)
    with pytest.raises(DataValidationError) as err:
        store.save_ratings(_rows(STAF_A, KEPALA, "rekan", {"M.01": 5}), who="petugas")
    problem = err.value.problems.iloc[0]
    assert (problem["berkas"], problem["kolom"], problem["nilai"]) == (
        "formulir",
        "sumber",
        "rekan",
    )
    assert "sumber 'atasan'" in problem["pesan"] and "koreksi sumber" in problem["pesan"]
    assert table_dump(store) == before


def test_an_import_with_another_source_than_the_one_in_force_is_refused_naming_its_row(tmp_path):
    store = small_store(tmp_path)
    before = table_dump(store)
    tables = small_tables()
    p = tables["penilaian"]
    # row 29 of the file: STAF_A rated KEPALA as bawahan on M.01 in the store
    p.loc[len(p)] = [SMALL_PERIODE, KEPALA, STAF_A, "rekan", "B.01", "4", ""]
    p.loc[len(p)] = [SMALL_PERIODE, KEPALA, STAF_A, "rekan", "B.02", "4", ""]
    p.loc[p["nip_dinilai"].eq(KEPALA) & p["kompetensi_kode"].eq("M.01"), "sumber"] = "rekan"
    dataset = load_dataset(write_folder(tmp_path / "data", tables))
    with pytest.raises(DataValidationError) as err:
        store.import_dataset(dataset, who="penguji")
    assert err.value.problems[["berkas", "baris", "kolom", "nilai"]].values.tolist() == [
        ["penilaian", 29, "sumber", "rekan"]
    ]
    assert table_dump(store) == before


def test_a_source_correction_by_hr_supersedes_every_rating_of_the_rater_and_keeps_history(
    tmp_path,
):
    store = small_store(tmp_path)
    old = _ratings_of(store, STAF_A, KEPALA)
    assert set(old["sumber"]) == {"atasan"} and len(old) == 9

    written = store.save_ratings(
        _rows(STAF_A, KEPALA, "rekan", {"M.01": 5}), who="Sri (SDM)", correct_source=True
    )

    assert written.n_penilaian_baru == len(old)  # M.01 with its new score, eight filed again
    new = _ratings_of(store, STAF_A, KEPALA)
    assert set(new["sumber"]) == {"rekan"}
    assert set(new["oleh"]) == {"Sri (SDM)"}
    kept = old.set_index("kompetensi_kode")["skor"].drop("M.01")
    assert new.set_index("kompetensi_kode")["skor"].drop("M.01").to_dict() == kept.to_dict()
    assert new.set_index("kompetensi_kode").loc["M.01", "skor"] == 5
    history = store.rating_history(periode=SMALL_PERIODE, nip_dinilai=STAF_A, nip_penilai=KEPALA)
    assert len(history) == 2 * len(old)
    assert history.loc[history["id"].isin(old["id"]), "sumber"].eq("atasan").all()
    # the scored data set sees one rater with one source
    p = store.dataset(SMALL_PERIODE).penilaian
    mine = p.loc[(p["nip_dinilai"] == STAF_A) & (p["nip_penilai"] == KEPALA)]
    assert set(mine["sumber"].astype(str)) == {"rekan"}


def test_an_import_may_correct_sources_when_asked_to(tmp_path):
    store = small_store(tmp_path)
    tables = small_tables()
    p = tables["penilaian"]
    p.loc[p["nip_dinilai"].eq(KEPALA), "sumber"] = "rekan"
    dataset = load_dataset(write_folder(tmp_path / "data", tables))
    result = store.import_dataset(dataset, who="penguji", correct_source=True)
    assert result.n_penilaian_baru == 1
    assert _ratings_of(store, KEPALA, STAF_A)["sumber"].tolist() == ["rekan"]


def test_a_withdrawn_rating_may_come_back_under_another_source(tmp_path):
    store = small_store(tmp_path)
    store.withdraw_rating(
        periode=SMALL_PERIODE, nip_dinilai=KEPALA, nip_penilai=STAF_A, who="petugas"
    )
    assert (
        store.save_ratings(_rows(KEPALA, STAF_A, "rekan", {"M.01": 4}), who="petugas").n_total == 1
    )
    assert _ratings_of(store, KEPALA, STAF_A)["sumber"].tolist() == ["rekan"]


def test_saving_the_same_values_again_stores_nothing_and_says_so(tmp_path):
    store = small_store(tmp_path)
    rows = _rows(STAF_B, KEPALA, "atasan", {"M.01": 5, "SK.01": 4})
    assert store.save_ratings(rows, who="petugas").n_total == 2
    before = table_dump(store)
    assert store.save_ratings(rows, who="petugas").n_total == 0
    assert store.save_ratings(rows, who="petugas-lain").n_total == 0
    assert table_dump(store) == before
    # one changed value: only that one is new
    changed = rows.assign(skor=[5, 2])
    assert store.save_ratings(changed, who="petugas").n_total == 1
    history = store.rating_history(periode=SMALL_PERIODE, nip_dinilai=STAF_B, nip_penilai=KEPALA)
    # the imported record, the first save, and for SK.01 the change
    assert history.groupby("kompetensi_kode").size()[["M.01", "SK.01"]].tolist() == [2, 3]


def test_withdrawing_a_code_not_in_force_stores_nothing(tmp_path):
    store = small_store(tmp_path)
    rows = _rows(STAF_A, KEPALA, "atasan", {"M.01": 3})  # as stored
    before = table_dump(store)
    assert store.save_ratings(rows, who="petugas", withdraw=["T.99", "M.02"]).n_total == 0
    assert table_dump(store) == before
    assert store.save_ratings(rows, who="petugas", withdraw=["SK.01"]).n_ditarik == 1
    assert store.save_ratings(rows, who="petugas", withdraw=["SK.01"]).n_total == 0
    assert "SK.01" not in set(_ratings_of(store, STAF_A, KEPALA)["kompetensi_kode"])


def test_a_save_of_many_pairs_refuses_a_changed_source_and_skips_unchanged_values(tmp_path):
    store = sample_store(tmp_path)  # more rater pairs than a save reads one by one
    current = store.ratings(SAMPLE_PERIODE)
    pairs = current.drop_duplicates(["nip_dinilai", "nip_penilai"]).head(60)
    rows = pairs[
        ["periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode", "skor", "catatan"]
    ]
    before = row_counts(store)["penilaian"]
    assert store.save_ratings(rows, who="petugas").n_total == 0
    by_colleague = rows["sumber"].isin(["atasan", "bawahan"])
    changed = rows.loc[by_colleague].assign(sumber="rekan")
    assert len(changed) > 0
    with pytest.raises(DataValidationError) as err:
        store.save_ratings(changed, who="petugas")
    assert len(err.value.problems) == len(changed)
    assert row_counts(store)["penilaian"] == before
