"""The store on PostgreSQL, run when ``KINERJA_TEST_PG_URL`` names a disposable database.

    KINERJA_TEST_PG_URL=postgresql+psycopg://user:pw@127.0.0.1/kinerja_test \
        python3 -m pytest tests/test_store_postgres.py

(needs ``psycopg``); skipped otherwise.  The same code path as SQLite, so the
point is the dialect: the driver-level bulk insert and reads, placeholders,
transactions, and the schema upgrade by Alembic (a store with the content of
``tests/data/store_v0_1.sqlite`` in the 0.1 schema is upgraded in place).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

import kinerja
from kinerja.errors import StorageError
from kinerja.store import (
    _MIGRATION_LOCK_KEY,
    SCHEMA_VERSION,
    Store,
    alembic_config,
    metadata,
    sqlite_url,
)
from tests.test_migrations import (
    PERIODE,
    comparable_adjustments,
    comparable_ratings,
    copy_v0_1,
    fresh_store,
    is_version_table,
    scores,
)

URL = os.environ.get("KINERJA_TEST_PG_URL", "")
SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"

pytestmark = pytest.mark.skipif(not URL, reason="KINERJA_TEST_PG_URL not set (no PostgreSQL)")


def drop_everything() -> None:
    """Empty the test database: every kinerja table and Alembic's version table."""
    engine = sa.create_engine(URL)
    metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()


@pytest.fixture
def store() -> Iterator[Store]:
    drop_everything()
    s = Store(URL)
    yield s
    s.dispose()


@pytest.fixture
def empty() -> Iterator[None]:
    drop_everything()
    yield
    drop_everything()


def revision_of(url: str) -> str | None:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
    engine.dispose()
    return revision


@contextmanager
def other_writer(*, table_lock: bool) -> Iterator[None]:
    """Another connection holds the migration lock and, optionally, a write lock on ``penilaian``
    (the PostgreSQL counterpart of another SQLite connection in ``BEGIN IMMEDIATE``)."""
    engine = sa.create_engine(URL)
    with engine.connect() as conn:
        conn.execute(sa.select(sa.func.pg_advisory_lock(_MIGRATION_LOCK_KEY)))
        if table_lock:
            conn.exec_driver_sql("LOCK TABLE penilaian IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            conn.rollback()
            conn.execute(sa.select(sa.func.pg_advisory_unlock(_MIGRATION_LOCK_KEY)))
            conn.commit()
    engine.dispose()


#: The test URL with a short lock wait, so that a store that waited for a lock fails fast.
SHORT_WAIT_URL = f"{URL}{'&' if '?' in URL else '?'}options=-c%20lock_timeout%3D200"


def test_postgres_new_store_is_at_the_newest_revision(store: Store):
    assert revision_of(URL) == SCHEMA_VERSION
    assert store.schema_version() == SCHEMA_VERSION
    assert store.is_empty()


def test_postgres_migrated_schema_is_the_schema_of_the_live_tables(store: Store):
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert [d for d in differences if not is_version_table(d)] == []


def test_postgres_opening_an_up_to_date_store_takes_no_lock(store: Store):
    store.import_dataset(kinerja.load_dataset(SAMPLE), who="pg")
    with other_writer(table_lock=True):
        reader = Store(SHORT_WAIT_URL)
        assert reader.periods() == ["2025"]
        reader.dispose()


def test_postgres_a_due_upgrade_waits_for_the_migration_lock(empty: None):
    with other_writer(table_lock=False), pytest.raises(StorageError) as caught:
        Store(SHORT_WAIT_URL)
    assert caught.value.kind == "locked"
    assert revision_of(URL) is None


def test_postgres_a_0_1_store_is_upgraded_in_place_and_scores_like_a_fresh_import(
    empty: None, tmp_path: Path
):
    schema_0_1 = ScriptDirectory.from_config(alembic_config()).get_revision("0001")
    assert schema_0_1 is not None
    tables = schema_0_1.module.metadata
    source = sa.create_engine(sqlite_url(copy_v0_1(tmp_path)))
    target = sa.create_engine(URL)
    with source.connect() as read, target.begin() as write:
        tables.create_all(write)
        for table in tables.sorted_tables:
            rows = [dict(r._mapping) for r in read.execute(sa.select(table))]
            if rows:
                write.execute(table.insert(), rows)
    source.dispose()
    target.dispose()
    assert revision_of(URL) is None

    old = Store(URL)
    assert revision_of(URL) == SCHEMA_VERSION
    new = fresh_store(tmp_path)
    pd.testing.assert_frame_equal(comparable_ratings(old), comparable_ratings(new))
    pd.testing.assert_frame_equal(comparable_adjustments(old), comparable_adjustments(new))
    a, b = scores(old), scores(new)
    for name in ("kompetensi", "ringkasan", "penilai", "distribusi"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert old.periods() == [PERIODE]
    old.dispose()
    new.dispose()


def test_postgres_import_is_idempotent_and_scores_like_the_files(store: Store):
    ds = kinerja.load_dataset(SAMPLE)
    assert store.import_dataset(ds, who="pg").n_penilaian_baru == len(ds.penilaian)
    assert store.import_dataset(ds, who="pg").n_penilaian_baru == 0
    a = kinerja.score_dataset(ds, "2025")
    b = kinerja.score_dataset(store.dataset("2025"), "2025")
    for name in ("kompetensi", "ringkasan", "penilai", "distribusi"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_postgres_failed_import_leaves_nothing(store: Store):
    ds = kinerja.load_dataset(SAMPLE)
    with pytest.raises(RuntimeError):
        store.import_dataset(ds, who="pg", _fail_after=5000)
    assert store.is_empty() and store.periods() == []


def test_postgres_correction_supersedes_and_adjustment_is_appended(store: Store):
    from kinerja import results

    ds = kinerja.load_dataset(SAMPLE)
    store.import_dataset(ds, who="pg")
    first = store.ratings("2025").iloc[0]
    row = {
        c: first[c] for c in ("periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode")
    }
    new_score = 5 if first["skor"] != 5 else 4
    store.save_ratings(pd.DataFrame([{**row, "skor": new_score}]), who="koreksi")
    hist = store.rating_history(
        periode="2025", nip_dinilai=row["nip_dinilai"], nip_penilai=row["nip_penilai"]
    )
    mine = hist.loc[hist["kompetensi_kode"] == row["kompetensi_kode"]]
    assert list(mine["skor"]) == [first["skor"], new_score]
    raw = results.employee_summary(store, "2025", row["nip_dinilai"])["rating_perilaku"].iloc[0]
    store.add_adjustment(
        periode="2025",
        nip=row["nip_dinilai"],
        field="rating_perilaku",
        new_value="sesuai" if raw != "sesuai" else "di_atas",
        reason="uji",
        who="pg",
    )
    log = store.adjustments("2025")
    assert len(log) == 1 and log["old_value"].tolist() == [raw]  # the store's value, not a claim


def test_postgres_stored_results_equal_rescoring_after_import_save_and_adjustment(store: Store):
    from kinerja import results
    from tests.test_results import KEYS, assert_same_rows

    ds = kinerja.load_dataset(SAMPLE)
    store.import_dataset(ds, who="pg")

    def check() -> None:
        scores = kinerja.score_dataset(
            store.dataset("2025"), "2025", adjustments=store.adjustments("2025")
        )
        stored = results.period_results(store, "2025")
        for name, frame in scores.frames().items():
            assert_same_rows(stored[name], frame, KEYS[name], name)

    check()
    first = store.ratings("2025").iloc[0]
    row = {
        c: first[c] for c in ("periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode")
    }
    store.save_ratings(pd.DataFrame([{**row, "skor": 5 if first["skor"] != 5 else 4}]), who="pg")
    store.refresh_rater_figures("2025")
    check()
    nip = str(first["nip_dinilai"])
    now = results.employee_summary(store, "2025", nip)["rating_perilaku"].iloc[0]
    store.add_adjustment(
        periode="2025",
        nip=nip,
        field="rating_perilaku",
        new_value="sesuai" if now != "sesuai" else "di_atas",
        reason="uji",
        who="pg",
    )
    check()
    store.undo_adjustment(periode="2025", nip=nip, who="pg")
    check()
    assert results.search_employees(store, str(nip)[-5:])["nip"].tolist()
    assert results.worst_unit(store, "2025") is not None


def test_the_kalibrasi_board_reads_one_unit_on_postgresql(store: Store):
    from kinerja import results
    from kinerja.board import CalibrationBoard
    from kinerja.ui.kalibrasi import ALL_UNITS, KalibrasiApp

    ds = kinerja.load_dataset(SAMPLE)
    store.import_dataset(ds, who="pg")
    board = CalibrationBoard(store, "2025")
    assert board.unit == results.worst_unit(store, "2025")
    mine = set(ds.pegawai.loc[ds.pegawai["unit_kerja"] == board.unit, "nip"])
    assert len(board.penilaian) == int(ds.penilaian["nip_dinilai"].isin(mine).sum())
    assert board.previous_periode is None
    nip = board.summary(board.unit).query("predikat == 'sangat_baik'")["nip"].iloc[0]
    done = board.adjust(
        nip=nip, field="rating_hasil_kerja", new_value="sesuai", reason="uji", who="pg"
    )
    assert (done.predikat_before, done.predikat_after) == ("sangat_baik", "baik")
    app = KalibrasiApp(store)
    app.unit.value = ALL_UNITS
    assert "kinerja-msg-error" not in app.status.value
    assert "sebelum perubahan terakhir" not in app.raters_note.value  # leniency ignores calibration
    first = store.ratings("2025").iloc[0]
    key = ("periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode")
    changed = {**{c: first[c] for c in key}, "skor": 5 if first["skor"] != 5 else 4}
    store.save_ratings(pd.DataFrame([changed]), who="pg")  # a rating change makes them stale
    app.unit.value = board.unit
    app.unit.value = ALL_UNITS
    assert "sebelum perubahan terakhir" in app.raters_note.value
    app.recompute_raters.click()
    assert "sebelum perubahan terakhir" not in app.raters_note.value


def test_postgres_accounts_sign_in_lock_and_a_task_save_carries_the_account(store: Store):
    from datetime import date, timedelta

    from kinerja import accounts as acc
    from kinerja import task_store as ts
    from kinerja.task_rating import save_task_rating

    ds = kinerja.load_dataset(SAMPLE)
    store.import_dataset(ds, who="pg")
    nip = str(ds.pegawai.loc[ds.pegawai["nip_atasan"].notna(), "nip"].iloc[0])
    account = acc.add_account(
        store, "pegawai.pg", "pegawai", password=PG_PASSWORD, who="pg", nip=nip
    )
    start = acc.now()
    for i in range(acc.MAX_FAILURES):
        with pytest.raises(kinerja.LoginRefused):
            acc.authenticate(store, "pegawai.pg", "salah", at=start + timedelta(minutes=i))
    with pytest.raises(kinerja.LoginRefused) as locked:
        acc.authenticate(store, "pegawai.pg", PG_PASSWORD, at=start + timedelta(minutes=10))
    assert locked.value.reason == "locked"
    assert acc.authenticate(store, "pegawai.pg", PG_PASSWORD, at=start + timedelta(minutes=20))

    assert ts.generate(store, "2026", who="pg") > 0
    saved = save_task_rating(store, account, "2026", nip, {"B.01": 4}, today=date(2026, 3, 1))
    assert saved.n_penilaian_baru == 1
    stored = store.ratings("2026", nip_dinilai=nip, nip_penilai=nip)
    assert list(stored["sumber"]) == ["diri"] and list(stored["oleh"]) == ["pegawai.pg"]


PG_PASSWORD = "Merapi-Sore-2026"
