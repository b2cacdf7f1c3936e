"""A form's save is validated against the stored roster and dictionary read by key (issue 14).

The rules and messages are those of a file import (tests/test_validation.py,
tests/test_store.py); these tests pin what the by-key reference must still
catch and that a save no longer reads the whole roster.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from kinerja.errors import DataValidationError
from kinerja.loaders import load_dataset
from kinerja.store import Store, sqlite_url
from tests.store_fixtures import (
    KEPALA,
    SMALL_PERIODE,
    STAF_A,
    STAF_B,
    small_store,
    small_tables,
    table_dump,
    write_folder,
)

#: A well-formed NIP that is nobody in the small roster.
NOBODY = "198001012005011001"


def _row(**values: object) -> dict[str, object]:
    base = {
        "periode": SMALL_PERIODE,
        "nip_dinilai": STAF_B,
        "nip_penilai": KEPALA,
        "sumber": "atasan",
        "kompetensi_kode": "M.01",
        "skor": 5,
    }
    return base | values


def _statements(store: Store) -> list[str]:
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(" ".join(statement.split()).lower())

    sa.event.listen(store.engine, "before_cursor_execute", record)
    return seen


def test_a_save_reads_the_roster_by_key_never_whole(tmp_path):
    store = small_store(tmp_path)
    seen = _statements(store)
    store.save_ratings(pd.DataFrame([_row(skor=4)]), who="petugas")
    roster_reads = [s for s in seen if s.startswith("select") and "from pegawai" in s]
    assert roster_reads, "the save checks its NIPs against the roster"
    assert all(" where " in s for s in roster_reads), roster_reads
    standards = [s for s in seen if s.startswith("select") and "from standar_kompetensi" in s]
    assert all(" where " in s for s in standards), standards


def test_a_save_rating_someone_not_in_the_roster_is_refused(tmp_path):
    store = small_store(tmp_path)
    before = table_dump(store)
    with pytest.raises(DataValidationError) as err:
        store.save_ratings(pd.DataFrame([_row(nip_dinilai=NOBODY)]), who="petugas")
    problems = err.value.problems
    assert problems[["berkas", "kolom", "nilai"]].values.tolist() == [
        ["formulir", "nip_dinilai", NOBODY]
    ]
    assert "pegawai" in problems["pesan"].iloc[0]
    assert table_dump(store) == before


def test_a_work_result_of_someone_not_in_the_roster_is_refused(tmp_path):
    store = small_store(tmp_path)
    before = table_dump(store)
    hk = pd.DataFrame([{"periode": SMALL_PERIODE, "nip": NOBODY, "rating_hasil_kerja": "sesuai"}])
    with pytest.raises(DataValidationError) as err:
        store.save_ratings(pd.DataFrame([_row(skor=4)]), who="petugas", hasil_kerja=hk)
    assert err.value.problems[["kolom", "nilai"]].values.tolist() == [["nip", NOBODY]]
    assert table_dump(store) == before


def test_nips_are_looked_up_as_the_roster_holds_them_spaces_trimmed(tmp_path):
    store = small_store(tmp_path)
    saved = store.save_ratings(
        pd.DataFrame([_row(nip_dinilai=f" {STAF_B} ", nip_penilai=f"{KEPALA} ", skor=4)]),
        who="petugas",
    )
    assert saved.n_penilaian_baru == 1


def test_a_public_respondent_named_by_an_employees_nip_is_still_refused(tmp_path):
    store = small_store(tmp_path)
    with pytest.raises(DataValidationError) as err:
        store.save_ratings(
            pd.DataFrame([_row(nip_dinilai=STAF_A, nip_penilai=STAF_B, sumber="masyarakat")]),
            who="petugas",
        )
    assert err.value.problems["kolom"].tolist() == ["nip_penilai"]


def _store_with_own_dictionary(tmp_path: Path) -> Store:
    tables = small_tables()
    tables["kompetensi"] = pd.DataFrame(
        [["T.01", "Pengelolaan Arsip", "teknis", ""]],
        columns=["kode", "nama", "jenis", "definisi"],
    )
    store = Store(sqlite_url(tmp_path / "kamus.sqlite"))
    store.import_dataset(load_dataset(write_folder(tmp_path / "data", tables)), who="penguji")
    return store


def test_a_competency_of_the_stored_dictionary_is_accepted_and_an_unknown_one_refused(tmp_path):
    store = _store_with_own_dictionary(tmp_path)
    assert store.save_ratings(pd.DataFrame([_row(kompetensi_kode="t.01")]), who="petugas").n_total
    with pytest.raises(DataValidationError) as err:
        store.save_ratings(pd.DataFrame([_row(kompetensi_kode="T.02")]), who="petugas")
    assert err.value.problems[["kolom", "nilai"]].values.tolist() == [["kompetensi_kode", "T.02"]]
