"""The store on PostgreSQL, run when ``KINERJA_TEST_PG_URL`` names a disposable database.

    KINERJA_TEST_PG_URL=postgresql+psycopg://user:pw@127.0.0.1/kinerja_test \
        python3 -m pytest tests/test_store_postgres.py

(needs ``psycopg``); skipped otherwise.  The same code path as SQLite, so the
point is the dialect: the driver-level bulk insert and reads, placeholders,
transactions.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

import kinerja
from kinerja.store import Store, metadata

URL = os.environ.get("KINERJA_TEST_PG_URL", "")
SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"

pytestmark = pytest.mark.skipif(not URL, reason="KINERJA_TEST_PG_URL not set (no PostgreSQL)")


@pytest.fixture
def store() -> Store:
    engine = sa.create_engine(URL)
    metadata.drop_all(engine)
    engine.dispose()
    s = Store(URL)
    yield s
    s.dispose()


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
    store.add_adjustment(
        periode="2025",
        nip=row["nip_dinilai"],
        field="rating_perilaku",
        new_value="sesuai",
        reason="uji",
        who="pg",
    )
    assert len(store.adjustments("2025")) == 1


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
        base_value=now,
    )
    check()
    store.undo_adjustment(periode="2025", nip=nip, who="pg")
    check()
    assert results.search_employees(store, str(nip)[-5:])["nip"].tolist()
    assert results.worst_unit(store, "2025") is not None
