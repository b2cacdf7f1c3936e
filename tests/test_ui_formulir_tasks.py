"""Formulir and rating tasks (DESIGN §10): a pegawai gets "Penilaian saya" instead of the HR
tabs; HR staff get the "Penugasan" tab (monitor, sheet import in their units, generation
for admins).  Driven as plain widgets on the small store.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja import task_store as ts
from kinerja.access import Access
from kinerja.accounts import add_account, get_account
from kinerja.errors import AccessDenied
from kinerja.ui.formulir import FormulirApp
from kinerja.ui.penugasan import TugasTab
from kinerja.ui.tugas import TugasView
from tests.store_fixtures import KEPALA, SMALL_UNIT, STAF_A, STAF_B, STAF_C, small_store

P = "2026"
PASSWORD = "Merapi-Sore-2026"


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = small_store(tmp_path)
    add_account(s, "staf.satu", "pegawai", password=PASSWORD, who="hr", nip=STAF_A)
    add_account(s, "sri", "petugas", password=PASSWORD, who="hr", units=[SMALL_UNIT])
    add_account(s, "admin", "admin", password=PASSWORD, who="hr")
    yield s
    s.dispose()


def _access(store, username):  # type: ignore[no-untyped-def]
    return Access(store, get_account(store, username))


def test_a_pegawai_opens_formulir_on_their_own_tasks_of_the_newest_task_period(store):
    ts.generate(store, "2025", who="hr")
    ts.generate(store, P, who="hr")
    ts.remove_task(store, periode=P, nip_dinilai=STAF_C, nip_penilai=STAF_A, who="hr", units=None)
    app = FormulirApp(store, access=_access(store, "staf.satu"))
    (view,) = [c for c in app.children if isinstance(c, TugasView)]
    assert view.periode == P and not hasattr(app, "tabs")
    assert sorted(v for _, v in view.ratee.options) == sorted([STAF_A, KEPALA, STAF_B])


def test_hr_staff_get_a_penugasan_tab_on_their_units(store):
    ts.generate(store, P, who="hr")
    app = FormulirApp(store, access=_access(store, "sri"))
    assert isinstance(app.tasks, TugasTab) and P in app.tasks.periode.options
    (monitor,) = app.tasks.monitor_box.children
    assert list(monitor.unit.options) == [SMALL_UNIT]
    assert app.tasks.run_generate not in app.tasks.children[2].children  # admins only


def _sheet(rows: list[list[str]]) -> bytes:
    frame = pd.DataFrame(rows, columns=["periode", "nip_dinilai", "nip_penilai", "sumber"])
    return frame.to_csv(index=False).encode()


def test_an_imported_sheet_changes_the_tasks_and_a_bad_row_stores_nothing(store):
    tab = TugasTab(store, _access(store, "sri"), [P])
    bad = _sheet([[P, STAF_A, STAF_B, "rekan"], [P, STAF_A, "199999999999999999", "rekan"]])
    assert tab.import_file("penugasan.csv", bad) == 0
    assert "baris" in tab.problems.value.lower() and ts.tasks_in_force(store, P).empty
    assert tab.import_file("penugasan.csv", _sheet([[P, STAF_A, STAF_B, "rekan"]])) == 1
    (task,) = ts.tasks_in_force(store, P).itertuples()
    assert (task.nip_penilai, task.sumber, task.oleh) == (STAF_B, "rekan", "sri")


def test_only_an_admin_generates_a_periods_tasks(store):
    with pytest.raises(AccessDenied):
        TugasTab(store, _access(store, "sri"), [P]).generate(P)
    assert ts.tasks_in_force(store, P).empty
    admin = TugasTab(store, _access(store, "admin"), [P])
    assert admin.generate(P) > 0
    assert set(ts.tasks_in_force(store, P)["oleh"]) == {"admin"}


def test_a_pegawai_account_cannot_import_tasks_even_through_the_tab(store):
    tab = TugasTab(store, _access(store, "staf.satu"), [P])
    with pytest.raises(AccessDenied):
        tab.import_file("penugasan.csv", _sheet([[P, STAF_A, STAF_B, "rekan"]]))
    assert ts.tasks_in_force(store, P).empty
