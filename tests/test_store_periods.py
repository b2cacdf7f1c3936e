"""``Store.periods`` lists the periods by index seeks, never scanning the ratings (issue 14).

Formulir and Kalibrasi list the periods when they open; on a province's
store a ``SELECT DISTINCT`` over the ratings took 1.6 s of every opening.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from kinerja.loaders import load_dataset
from kinerja.store import Store, sqlite_url
from tests.store_fixtures import small_tables, write_folder


def _three_periods(tmp_path) -> Store:  # type: ignore[no-untyped-def]
    tables = small_tables()
    p, hk = tables["penilaian"], tables["hasil_kerja"]
    tables["penilaian"] = pd.concat([p, p.assign(periode="2024")], ignore_index=True)
    tables["hasil_kerja"] = pd.concat([hk, hk.assign(periode="2023")], ignore_index=True)
    store = Store(sqlite_url(tmp_path / "tiga.sqlite"))
    store.import_dataset(load_dataset(write_folder(tmp_path / "data", tables)), who="penguji")
    return store


def test_periods_of_ratings_and_of_work_results_are_listed_in_order(tmp_path):
    assert _three_periods(tmp_path).periods() == ["2023", "2024", "2025"]


def test_listing_the_periods_seeks_the_index_and_scans_no_table(tmp_path):
    store = _three_periods(tmp_path)
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", record)
    store.periods()
    sa.event.remove(store.engine, "before_cursor_execute", record)
    assert seen
    with store.engine.connect() as conn:
        plans = [
            " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {s}", p))
            for s, p in seen
        ]
    assert not [p for p in plans if "SCAN" in p], plans
