"""Completion counted by tasks (``kinerja.task_completion``, DESIGN §10)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from kinerja import task_store as ts
from kinerja.task_completion import (
    reminder_file,
    task_status,
    unit_completion,
    unit_reminders,
)
from tests.store_fixtures import KEPALA, SMALL_UNIT, STAF_A, STAF_B, small_store

P = "2025"  # the small store's ratings are of 2025


def _frame(rows, columns):  # type: ignore[no-untyped-def]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def test_a_task_is_done_when_every_competency_is_rated_under_its_source():
    tasks = _frame(
        [[P, "X", "A", "atasan"], [P, "X", "B", "rekan"], [P, "X", "C", "rekan"]],
        ["periode", "nip_dinilai", "nip_penilai", "sumber"],
    )
    expected = _frame([["X", "M.01"], ["X", "B.01"]], ["nip_dinilai", "kompetensi_kode"])
    ratings = _frame(
        [
            ["X", "A", "atasan", "M.01"],
            ["X", "A", "atasan", "B.01"],
            ["X", "B", "rekan", "M.01"],
            ["X", "C", "atasan", "M.01"],  # another source: not this task's
            ["X", "C", "atasan", "B.01"],
        ],
        ["nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode"],
    )
    out = task_status(tasks, ratings, expected).set_index("nip_penilai")
    assert out.loc["A", "status"] == "selesai" and out.loc["A", "n_terisi"] == 2
    assert out.loc["B", "status"] == "sebagian" and out.loc["B", "n_terisi"] == 1
    assert out.loc["C", "status"] == "belum" and out.loc["C", "n_diharapkan"] == 2


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = small_store(tmp_path)
    ts.generate(s, P, who="hr")
    yield s
    s.dispose()


def test_unit_completion_counts_the_stored_ratings(store):
    status = unit_completion(store, P, SMALL_UNIT)
    by = status.set_index(["nip_penilai", "nip_dinilai"])["status"]
    assert by[(KEPALA, STAF_A)] == "selesai"  # the small set: KEPALA rated every staff fully
    assert by[(STAF_A, KEPALA)] == "sebagian"  # STAF_A rated KEPALA on M.01 only
    assert by[(STAF_B, STAF_B)] == "belum"
    assert len(status) == len(ts.unit_tasks(store, P, SMALL_UNIT))


def test_the_reminder_list_names_raters_with_open_tasks_only(store):
    reminders = unit_reminders(store, P, SMALL_UNIT)
    row = reminders.set_index("nip_penilai")
    assert row.loc[KEPALA, "n_terbuka"] == 1  # only the self-rating is open
    assert row.loc[KEPALA, "n_selesai"] == 3
    assert (reminders["n_terbuka"] > 0).all()
    assert list(reminders["n_terbuka"]) == sorted(reminders["n_terbuka"], reverse=True)


def test_the_reminder_file_is_formula_safe_in_csv_and_xlsx():
    reminders = pd.DataFrame(
        [["=Unit", "1", "=HYPERLINK(1)", 3, 1, 2]],
        columns=["unit_kerja", "nip_penilai", "nama_penilai", "n_tugas", "n_selesai", "n_terbuka"],
    )
    text = reminder_file(reminders, "csv").decode("utf-8")
    assert text.splitlines()[0].startswith("Unit kerja,NIP penilai,Nama penilai")
    assert "'=HYPERLINK(1)" in text and "'=Unit" in text
    wb = openpyxl.load_workbook(io.BytesIO(reminder_file(reminders, "xlsx")))
    ws = wb.active
    assert ws.cell(2, 3).data_type == "s" and ws.cell(2, 3).value == "=HYPERLINK(1)"
