"""Rating tasks in the store: generation, the penugasan sheet, edits by unit, the period's
dates and saving a rating through a task (DESIGN §10).

The small store of ``tests/store_fixtures.py``: KEPALA heads Dinas Uji, STAF_A..C report
to KEPALA (so each staff member has two peers).
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pandas as pd
import pytest

from kinerja import task_store as ts
from kinerja.accounts import Account, add_account, disable_account
from kinerja.errors import DataValidationError, TaskError
from kinerja.task_rating import save_task_rating
from tests.store_fixtures import (
    BERAKHLAK,
    KEPALA,
    SMALL_UNIT,
    STAF_A,
    STAF_B,
    STAF_C,
    small_store,
    table_dump,
)

P = "2026"
HR = "sri.bkpsdm"
STAF_CODES = ["M.01", "SK.01", *BERAKHLAK]
ME = Account(username="staf.satu", role="pegawai", nip=STAF_A)
PASSWORD = "Merapi-Sore-2026"


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = small_store(tmp_path)
    add_account(s, "staf.satu", "pegawai", password=PASSWORD, who="hr", nip=STAF_A)
    yield s
    s.dispose()


def _sheet(tmp_path, rows, name="penugasan.csv"):  # type: ignore[no-untyped-def]
    frame = pd.DataFrame(rows, columns=["periode", "nip_dinilai", "nip_penilai", "sumber"])
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def _pairs(store, periode=P):  # type: ignore[no-untyped-def]
    t = ts.tasks_in_force(store, periode)
    return set(zip(t["nip_penilai"], t["nip_dinilai"], t["sumber"], strict=True))


# --------------------------------------------------------------------------- generation


def test_generation_stores_the_roster_tasks_once(store):
    n = ts.generate(store, P, who=HR, seed=1)
    pairs = _pairs(store)
    assert n == len(pairs) == 4 + 3 + 3 + 3 * 2  # self, atasan, bawahan, two peers each
    assert (KEPALA, STAF_B, "atasan") in pairs and (STAF_B, KEPALA, "bawahan") in pairs
    assert ts.generate(store, P, who=HR, seed=1) == 0  # already in force: nothing written
    assert set(ts.tasks_in_force(store, P)["oleh"]) == {HR}


def test_generating_again_does_not_revive_a_task_hr_removed(store):
    ts.generate(store, P, who=HR)
    ts.remove_task(store, periode=P, nip_dinilai=STAF_A, nip_penilai=KEPALA, who=HR, units=None)
    assert (KEPALA, STAF_A, "atasan") not in _pairs(store)
    assert ts.generate(store, P, who=HR) == 0
    assert (KEPALA, STAF_A, "atasan") not in _pairs(store)


def test_generation_needs_who(store):
    with pytest.raises(TaskError):
        ts.generate(store, P, who=" ")
    assert _pairs(store) == set()


# --------------------------------------------------------------------------- the sheet


def test_a_valid_sheet_is_imported_and_a_changed_source_supersedes(store, tmp_path):
    path = _sheet(tmp_path, [[P, STAF_A, STAF_B, "rekan"], [P, STAF_A, KEPALA, "Atasan"]])
    assert ts.import_tasks(store, path, who=HR, units=[SMALL_UNIT]) == 2
    assert _pairs(store) == {(STAF_B, STAF_A, "rekan"), (KEPALA, STAF_A, "atasan")}
    assert ts.import_tasks(store, path, who=HR, units=None) == 0  # same tasks in force


def test_a_workbook_sheet_is_read(store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "penugasan"
    ws.append(["periode", "nip_dinilai", "nip_penilai", "sumber"])
    ws.append([P, STAF_C, STAF_C, "diri"])
    wb.save(tmp_path / "tugas.xlsx")
    assert ts.import_tasks(store, tmp_path / "tugas.xlsx", who=HR, units=None) == 1
    assert _pairs(store) == {(STAF_C, STAF_C, "diri")}


def test_every_problem_of_a_sheet_is_reported_and_nothing_is_stored(store, tmp_path):
    unknown = "198001012005011001"
    path = _sheet(
        tmp_path,
        [
            [P, STAF_A, STAF_B, "atasan"],  # row 2: STAF_B is not STAF_A's supervisor
            [P, KEPALA, STAF_B, "rekan"],  # row 3: STAF_B's supervisor is KEPALA
            [P, STAF_A, unknown, "rekan"],  # row 4: rater not on the roster
            [P, STAF_A, "R-001", "masyarakat"],  # row 5: no public tasks
            [P, STAF_B, STAF_A, "bawahan"],  # row 6: STAF_B is not STAF_A's supervisor
            [P, STAF_C, STAF_C, "rekan"],  # row 7: oneself is diri
            [P, STAF_A, STAF_B, "rekan"],  # row 8: the pair of row 2 again
            ["", STAF_C, KEPALA, "atasan"],  # row 9: no period
        ],
    )
    before = table_dump(store)
    with pytest.raises(DataValidationError) as err:
        ts.import_tasks(store, path, who=HR, units=None)
    p = err.value.problems
    found = set(zip(p["baris"], p["kolom"], strict=True))
    expected = {
        (2, "nip_penilai"),
        (3, "sumber"),
        (4, "nip_penilai"),
        (5, "sumber"),
        (6, "nip_penilai"),
        (7, "sumber"),
        (8, "nip_penilai"),
        (9, "periode"),
    }
    assert expected <= found
    assert set(p["berkas"]) == {"penugasan.csv"}
    assert p.loc[p["baris"] == 2, "pesan"].str.contains(KEPALA).any()  # names the real supervisor
    assert table_dump(store) == before


def test_a_petugas_cannot_import_tasks_outside_their_units(store, tmp_path):
    path = _sheet(tmp_path, [[P, STAF_A, KEPALA, "atasan"]])
    with pytest.raises(DataValidationError) as err:
        ts.import_tasks(store, path, who=HR, units=["Dinas Lain"])
    assert err.value.problems["pesan"].str.contains("di luar unit").all()
    assert _pairs(store) == set()


def test_a_missing_column_is_reported(store, tmp_path):
    path = tmp_path / "penugasan.csv"
    path.write_text(f"periode,nip_dinilai,nip_penilai\n{P},{STAF_A},{KEPALA}\n")
    with pytest.raises(DataValidationError) as err:
        ts.import_tasks(store, path, who=HR, units=None)
    assert list(err.value.problems["kolom"]) == ["sumber"]


# --------------------------------------------------------------------------- edits by unit


def test_one_task_is_added_and_removed_with_the_same_checks(store):
    pair = {"periode": P, "nip_dinilai": STAF_A, "nip_penilai": STAF_C, "who": HR}
    assert ts.add_task(store, **pair, sumber="rekan", units=[SMALL_UNIT]) == 1
    with pytest.raises(DataValidationError):  # STAF_C is not STAF_A's supervisor
        ts.add_task(store, **pair, sumber="atasan", units=None)
    with pytest.raises(DataValidationError):
        ts.add_task(store, **pair, sumber="rekan", units=["Dinas Lain"])
    with pytest.raises(TaskError):
        ts.remove_task(store, **pair, units=["Dinas Lain"])
    assert _pairs(store) == {(STAF_C, STAF_A, "rekan")}
    ts.remove_task(store, **pair, units=[SMALL_UNIT])
    assert _pairs(store) == set()
    with pytest.raises(TaskError):  # nothing in force to remove
        ts.remove_task(store, **pair, units=None)


# --------------------------------------------------------------------------- the period's dates


def test_tasks_are_open_between_the_dates_inclusive(store):
    assert ts.tasks_open(store, P, date(2026, 1, 1))  # no dates set: open
    ts.set_schedule(store, P, date(2026, 1, 5), date(2026, 1, 31), who=HR)
    assert not ts.tasks_open(store, P, date(2026, 1, 4))
    assert ts.tasks_open(store, P, date(2026, 1, 5))
    assert ts.tasks_open(store, P, date(2026, 1, 31))
    assert not ts.tasks_open(store, P, date(2026, 2, 1))
    ts.set_schedule(store, P, date(2026, 1, 5), date(2026, 2, 28), who=HR)  # extended
    assert ts.tasks_open(store, P, date(2026, 2, 1))
    with pytest.raises(TaskError):
        ts.set_schedule(store, P, date(2026, 3, 1), date(2026, 2, 1), who=HR)


# --------------------------------------------------------------------------- saving through a task


def _scores(value: int = 4) -> dict[str, int | None]:
    return dict.fromkeys(["M.01", *BERAKHLAK], value)


def test_a_rating_is_saved_through_the_task_with_its_source_and_the_account(store):
    ts.generate(store, P, who=HR)
    saved = save_task_rating(
        store, ME, P, KEPALA, _scores(), catatan="baik", today=date(2026, 1, 9)
    )
    assert saved.n_penilaian_baru == 8
    stored = store.ratings(P, nip_dinilai=KEPALA, nip_penilai=STAF_A)
    assert set(stored["sumber"]) == {"bawahan"} and set(stored["oleh"]) == {"staf.satu"}


def test_nobody_outside_the_accounts_tasks_can_be_rated(store):
    ts.generate(store, P, who=HR)
    ts.remove_task(store, periode=P, nip_dinilai=STAF_B, nip_penilai=STAF_A, who=HR, units=None)
    before = table_dump(store)
    for ratee in (STAF_B, "199001012015011001", ""):  # removed task, a stranger, nothing
        with pytest.raises(TaskError):
            save_task_rating(store, ME, P, ratee, {"M.01": 3}, today=date(2026, 1, 9))
    with pytest.raises(TaskError):  # another period has no tasks
        save_task_rating(store, ME, "2027", KEPALA, {"M.01": 3}, today=date(2026, 1, 9))
    with pytest.raises(TaskError):  # not a pegawai account, even with a NIP
        save_task_rating(store, Account("x", "petugas", nip=STAF_A), P, KEPALA, {"M.01": 3})
    with pytest.raises(TaskError):  # a competency the ratee is not rated on
        save_task_rating(store, ME, P, KEPALA, {"SK.01": 3}, today=date(2026, 1, 9))
    assert table_dump(store) == before


def test_after_the_close_date_tasks_are_read_only(store):
    ts.generate(store, P, who=HR)
    ts.set_schedule(store, P, date(2026, 1, 1), date(2026, 1, 31), who=HR)
    before = table_dump(store)
    with pytest.raises(TaskError, match="ditutup"):
        save_task_rating(store, ME, P, KEPALA, _scores(), today=date(2026, 2, 1))
    with pytest.raises(TaskError, match="dibuka"):
        save_task_rating(store, ME, P, KEPALA, _scores(), today=date(2025, 12, 31))
    assert table_dump(store) == before
    assert save_task_rating(store, ME, P, KEPALA, _scores(), today=date(2026, 1, 31)).n_total


def test_the_task_is_rechecked_inside_the_write_transaction(store, monkeypatch):
    """A task removed after the first check but before the write: the guard refuses it."""
    import kinerja.task_rating as tr

    ts.generate(store, P, who=HR)
    real = tr.ratee_competencies

    def remove_meanwhile(s, nip):  # type: ignore[no-untyped-def]
        ts.remove_task(s, periode=P, nip_dinilai=nip, nip_penilai=STAF_A, who=HR, units=None)
        return real(s, nip)

    monkeypatch.setattr(tr, "ratee_competencies", remove_meanwhile)
    before = store.ratings(P, nip_penilai=STAF_A)
    with pytest.raises(TaskError):
        save_task_rating(store, ME, P, KEPALA, _scores(), today=date(2026, 1, 9))
    assert len(store.ratings(P, nip_penilai=STAF_A)) == len(before)


def test_a_cleared_score_is_withdrawn(store):
    ts.generate(store, P, who=HR)
    day = date(2026, 1, 9)
    save_task_rating(store, ME, P, STAF_A, dict.fromkeys(STAF_CODES, 3), today=day)
    with pytest.raises(TaskError):  # nothing filled
        save_task_rating(store, ME, P, STAF_A, {"M.01": None}, today=day)
    scores = {**dict.fromkeys(STAF_CODES, 3), "M.01": None}
    saved = save_task_rating(store, ME, P, STAF_A, scores, today=day)
    assert saved.n_ditarik == 1 and saved.n_penilaian_baru == 0
    left = store.ratings(P, nip_dinilai=STAF_A, nip_penilai=STAF_A)
    assert "M.01" not in set(left["kompetensi_kode"]) and len(left) == len(STAF_CODES) - 1


def test_an_account_disabled_after_the_page_opened_cannot_save(store):
    ts.generate(store, P, who="hr")
    disable_account(store, "staf.satu")
    with pytest.raises(TaskError, match="akun pegawai"):
        save_task_rating(store, ME, P, KEPALA, {"M.01": 3}, today=date(2026, 1, 9))
    assert store.ratings(P, nip_penilai=STAF_A).empty
