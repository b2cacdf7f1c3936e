"""Schema migrations by Alembic (DESIGN.md §7): a store made by kinerja 0.1 upgrades in place.

``tests/data/store_v0_1.sqlite`` was written by kinerja 0.1.0 itself (commit
85a08d3) from ``tests/data/sample_v0_1/`` plus one adjustment; see
``tests/data/make_store_v0_1.py``, which made it.
"""

from __future__ import annotations

import shutil
import sqlite3
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import kinerja
from kinerja.errors import StorageError
from kinerja.results import employee_summary, period_results
from kinerja.store import (
    SCHEMA_VERSION,
    Store,
    StoreError,
    meta_table,
    metadata,
    migration_revisions,
    sqlite_url,
)
from tests.data.make_store_v0_1 import adjustment

DATA = Path(__file__).resolve().parent / "data"
STORE_V0_1 = DATA / "store_v0_1.sqlite"
SAMPLE_V0_1 = DATA / "sample_v0_1"
PERIODE = "2025"
REPO = Path(__file__).resolve().parents[1]


def copy_v0_1(tmp_path: Path) -> Path:
    target = tmp_path / "lama.sqlite"
    shutil.copyfile(STORE_V0_1, target)
    return target


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that can neither change nor create the file (the checked-in store stays 0.1)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def tables_of(path: Path) -> set[str]:
    with read_only(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def alembic_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another connection holds the SQLite write lock (``BEGIN IMMEDIATE``) during the block."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def fresh_store(tmp_path: Path) -> Store:
    """A new store with the reduced data and the adjustment, imported by today's code."""
    store = Store(sqlite_url(tmp_path / "baru.sqlite"))
    store.import_dataset(kinerja.load_dataset(SAMPLE_V0_1), who="kinerja 0.1")
    args = adjustment(SAMPLE_V0_1)
    old_value = args.pop("old_value")
    store.add_adjustment(**args)
    assert store.adjustments(PERIODE)["old_value"].tolist() == [old_value]
    return store


def comparable_ratings(store: Store) -> pd.DataFrame:
    keys = ["periode", "nip_dinilai", "nip_penilai", "kompetensi_kode"]
    columns = [*keys, "sumber", "skor", "catatan", "dihapus", "oleh"]
    ratings = store.ratings(PERIODE)[columns].sort_values(keys, ignore_index=True)
    return ratings.assign(dihapus=ratings["dihapus"].astype(bool))  # 0/1 on SQLite


def comparable_adjustments(store: Store) -> pd.DataFrame:
    return store.adjustments(PERIODE).drop(columns=["id", "when"])


def scores(store: Store) -> kinerja.Scores:
    return kinerja.score_dataset(
        store.dataset(PERIODE), PERIODE, adjustments=store.adjustments(PERIODE)
    )


# --------------------------------------------------------------------------- the 0.1 store


def test_the_checked_in_store_is_a_0_1_store_without_alembic():
    assert "alembic_version" not in tables_of(STORE_V0_1)
    with read_only(STORE_V0_1) as conn:
        assert conn.execute("SELECT key, value FROM kinerja_meta").fetchall() == [
            ("schema_version", "1")
        ]


def test_a_0_1_store_is_stamped_and_upgraded_to_the_newest_revision_in_place(tmp_path):
    path = copy_v0_1(tmp_path)
    store = Store(sqlite_url(path))
    assert alembic_revision(store) == SCHEMA_VERSION
    assert store.schema_version() == SCHEMA_VERSION
    assert set(metadata.tables) | {"alembic_version"} <= tables_of(path)
    store.dispose()


def test_an_upgraded_0_1_store_holds_the_same_ratings_adjustments_and_results_as_a_fresh_import(
    tmp_path,
):
    old = Store(sqlite_url(copy_v0_1(tmp_path)))
    new = fresh_store(tmp_path)
    assert len(comparable_ratings(old)) == 3380
    pd.testing.assert_frame_equal(comparable_ratings(old), comparable_ratings(new))
    pd.testing.assert_frame_equal(comparable_adjustments(old), comparable_adjustments(new))
    a, b = scores(old), scores(new)
    for name in ("kompetensi", "ringkasan", "penilai", "distribusi"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    adjusted = adjustment(SAMPLE_V0_1)
    row = a.ringkasan.loc[a.ringkasan["nip"] == adjusted["nip"]].iloc[0]
    assert row["dikalibrasi"] and row["rating_hasil_kerja"] == adjusted["new_value"]


def test_an_upgraded_0_1_store_is_scored_once_and_stores_the_results_of_a_fresh_import(tmp_path):
    old = Store(sqlite_url(copy_v0_1(tmp_path)))
    new = fresh_store(tmp_path)
    stored_old, stored_new = period_results(old, PERIODE), period_results(new, PERIODE)
    assert len(stored_old["ringkasan_pegawai.csv"]) == 41
    for name, frame in stored_new.items():
        pd.testing.assert_frame_equal(stored_old[name], frame, obj=name)
    adjusted = adjustment(SAMPLE_V0_1)
    summary = employee_summary(old, PERIODE, adjusted["nip"]).iloc[0]
    assert summary["dikalibrasi"] and summary["rating_hasil_kerja"] == adjusted["new_value"]


def test_a_0_1_store_opened_read_only_is_still_upgraded(tmp_path):
    path = copy_v0_1(tmp_path)
    store = Store(sqlite_url(path), create=False)
    assert alembic_revision(store) == SCHEMA_VERSION
    assert store.periods() == [PERIODE]
    store.dispose()


def test_a_0_1_store_under_another_writers_lock_is_refused_as_locked_and_left_as_it_was(
    tmp_path,
):
    path = copy_v0_1(tmp_path)
    with write_lock_held(path), pytest.raises(StorageError) as caught:
        Store(sqlite_url(path), timeout=0.1)
    assert caught.value.kind == "locked"
    assert "alembic_version" not in tables_of(path)


def test_an_upgraded_store_opens_under_another_writers_lock(tmp_path):
    path = copy_v0_1(tmp_path)
    Store(sqlite_url(path)).dispose()
    with write_lock_held(path):
        store = Store(sqlite_url(path), timeout=0)
        assert store.schema_version() == SCHEMA_VERSION
        assert store.periods() == [PERIODE]
        store.dispose()


# --------------------------------------------------------------------------- new stores


def test_a_new_store_is_created_at_the_newest_revision(tmp_path):
    store = Store(sqlite_url(tmp_path / "baru.sqlite"))
    assert alembic_revision(store) == SCHEMA_VERSION
    assert store.is_empty()
    with store.engine.connect() as conn:  # no 0.1 version row: Alembic keeps the revision
        assert conn.execute(sa.select(meta_table)).all() == []
    store.dispose()


def test_a_new_store_opens_under_another_writers_lock_once_created(tmp_path):
    path = tmp_path / "baru.sqlite"
    Store(sqlite_url(path)).dispose()
    with write_lock_held(path):
        store = Store(sqlite_url(path), timeout=0)
        assert store.is_empty()
        store.dispose()


def test_the_migrated_schema_is_the_schema_of_the_live_tables(tmp_path):
    store = Store(sqlite_url(tmp_path / "baru.sqlite"))
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert [d for d in differences if not is_version_table(d)] == []
    store.dispose()


def is_version_table(diff: object) -> bool:
    """A difference that is Alembic's own version table (not among the live tables)."""
    return (
        isinstance(diff, tuple)
        and diff[:1] == ("remove_table",)
        and diff[1].name == "alembic_version"
    )


def test_schema_version_is_the_newest_shipped_migration():
    revisions = migration_revisions()
    assert revisions[0] == "0001"
    assert revisions[-1] == SCHEMA_VERSION


def test_a_store_of_a_newer_kinerja_is_refused_without_the_write_lock_and_left_as_it_was(tmp_path):
    path = tmp_path / "baru.sqlite"
    Store(sqlite_url(path)).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with write_lock_held(path), pytest.raises(StoreError, match="versi kinerja yang lebih baru"):
        Store(sqlite_url(path), timeout=0)  # refused in the plain read, not waiting for the lock
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999",)]


def test_the_migrations_are_packaged():
    packages = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"
    ]
    assert {"kinerja.migrations", "kinerja.migrations.versions"} <= set(packages)
