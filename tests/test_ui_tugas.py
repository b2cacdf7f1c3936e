""" "Penilaian saya" (``kinerja.ui.tugas``) driven as plain widgets: no kernel, no browser.

The small store: KEPALA heads Dinas Uji, STAF_A..C report to KEPALA.  After
generation STAF_A's tasks are: self, KEPALA (bawahan) and two peers (STAF_B, STAF_C).
"""

from __future__ import annotations

from datetime import date

import pytest

from kinerja import task_store as ts
from kinerja.accounts import Account, add_account
from kinerja.ui.tugas import TugasView
from tests.store_fixtures import BERAKHLAK, KEPALA, STAF_A, STAF_B, STAF_C, small_store, table_dump

P = "2026"
DAY = date(2026, 1, 9)
ME = Account(username="staf.satu", role="pegawai", nip=STAF_A)
PASSWORD = "Merapi-Sore-2026"
NAMES = {KEPALA: "Kepala Uji", STAF_A: "Staf Satu", STAF_B: "Staf Dua", STAF_C: "Staf Tiga"}


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = small_store(tmp_path)
    add_account(s, "staf.satu", "pegawai", password=PASSWORD, who="hr", nip=STAF_A)
    add_account(s, "kepala", "pegawai", password=PASSWORD, who="hr", nip=KEPALA)
    ts.generate(s, P, who="hr")
    yield s
    s.dispose()


def _without(store, ratee):  # type: ignore[no-untyped-def]
    ts.remove_task(store, periode=P, nip_dinilai=ratee, nip_penilai=STAF_A, who="hr", units=None)


def test_the_promise_comes_first_and_the_list_names_each_task_and_role(store):
    view = TugasView(store, ME, P, today=DAY)
    assert view.children.index(view.promise) < view.children.index(view.tasks_list)
    assert "tidak pernah ditampilkan" in view.promise.value and "3" in view.promise.value
    assert "kinerja-tugas" in view.tasks_list._dom_classes
    listed = view.tasks_list.value
    assert "Staf Satu — Penilaian diri" in listed
    assert "Kepala Uji — Sebagai bawahan" in listed
    assert "Staf Dua — Sebagai rekan" in listed and "Staf Tiga — Sebagai rekan" in listed


def test_a_supervisor_sees_sebagai_atasan(store):
    view = TugasView(store, Account("kepala", "pegawai", nip=KEPALA), P, today=DAY)
    assert view.tasks_list.value.count("Sebagai atasan") == 3


def test_the_ratee_list_holds_only_the_accounts_tasks(store):
    _without(store, STAF_C)
    view = TugasView(store, ME, P, today=DAY)
    assert "kinerja-ratee" in view.ratee._dom_classes
    assert sorted(v for _, v in view.ratee.options) == sorted([STAF_A, KEPALA, STAF_B])
    labels = " ".join(label for label, _ in view.ratee.options)
    assert NAMES[STAF_C] not in labels and NAMES[STAF_C] not in view.tasks_list.value


def test_the_form_shows_the_ratees_competencies_with_guidance(store):
    view = TugasView(store, ME, P, today=DAY)
    view.ratee.value = KEPALA
    assert list(view.score_inputs) == ["M.01", *BERAKHLAK]
    assert "kinerja-score-M01" in view.score_inputs["M.01"]._dom_classes
    html = " ".join(
        c.value
        for row in view.scores_box.children
        for c in row.children
        if isinstance(c.value, str)
    )
    assert "Standar jabatan: level 4" in html and "BerAKHLAK" in html
    assert "anonim" in view.role_note.value  # a subordinate's task: the promise again
    view.ratee.value = STAF_A
    assert view.role_note.value == ""  # self-rating is not anonymous


def test_saving_stores_the_rating_under_the_tasks_source_and_marks_it_done(store):
    view = TugasView(store, ME, P, today=DAY)
    view.ratee.value = KEPALA
    for box in view.score_inputs.values():
        box.value = 4
    view.save.click()
    assert "Tersimpan 8 nilai" in view.status.value
    stored = store.ratings(P, nip_dinilai=KEPALA, nip_penilai=STAF_A)
    assert set(stored["sumber"]) == {"bawahan"} and set(stored["oleh"]) == {"staf.satu"}
    assert "Kepala Uji — Sebagai bawahan · Selesai" in view.tasks_list.value


def test_an_out_of_scope_ratee_set_from_outside_is_refused_and_nothing_is_stored(store):
    _without(store, STAF_C)
    view = TugasView(store, ME, P, today=DAY)
    view.ratee.value = STAF_B
    for box in view.score_inputs.values():
        box.value = 2
    before = table_dump(store)
    # a value the list never offered, as a tampered page could send it
    view.ratee.options = [*view.ratee.options, ("x", STAF_C)]
    view.ratee.value = STAF_C
    assert view.score_inputs == {} and "tidak punya penugasan" in view.status.value
    assert NAMES[STAF_C] not in view.status.value + view.role_note.value
    view.save.click()
    assert "Tidak disimpan" in view.status.value
    assert table_dump(store) == before


def test_a_closed_period_is_read_only(store):
    ts.set_schedule(store, P, date(2026, 1, 1), date(2026, 1, 5), who="hr")
    view = TugasView(store, ME, P, today=DAY)
    assert "ditutup" in view.schedule_note.value and view.save.disabled
    view.ratee.value = KEPALA
    assert all(box.disabled for box in view.score_inputs.values())
    before = table_dump(store)
    for box in view.score_inputs.values():
        box.value = 3
    view.save.disabled = False  # a page may send the click anyway
    view.save.click()
    assert "ditutup" in view.status.value
    assert table_dump(store) == before


def test_an_account_without_a_nip_sees_a_refusal_only(store):
    view = TugasView(store, Account("sri", "petugas", units=("Dinas Uji",)), P, today=DAY)
    assert "hanya untuk akun pegawai" in view.status.value
    assert view.ratee.options == () and view.tasks_list.value == ""


def test_the_view_imports_no_app_module_so_formulir_can_embed_it():
    import ast
    from pathlib import Path

    import kinerja.ui.tugas as module

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    apps = {
        "kinerja.ui.formulir",
        "kinerja.ui.profil",
        "kinerja.ui.kalibrasi",
        "kinerja.ui.lokakarya",
    }
    assert imported & apps == set()


# --------------------------------------------------------------------------- HR's monitor


def _download(link_html: str, ext: str) -> bytes:
    import base64
    import re

    found = re.search(rf"download='[^']*\.{ext}' href='data:[^;]+;base64,([^']+)'", link_html)
    assert found, link_html
    return base64.b64decode(found.group(1))


def test_the_monitor_counts_tasks_and_lists_raters_with_open_ones(store):
    from kinerja.ui.penugasan import TugasMonitor

    view = TugasMonitor(store, P, units=["Dinas Uji"])
    assert list(view.unit.options) == ["Dinas Uji"]
    assert "0 dari 16 tugas selesai" in view.summary.value
    assert set(view.reminders["nip_penilai"]) == {KEPALA, STAF_A, STAF_B, STAF_C}
    csv = _download(view.download.value, "csv").decode("utf-8")
    assert csv.startswith("Unit kerja,NIP penilai,Nama penilai,Jumlah tugas")
    assert "Kepala Uji" in csv and "skor" not in csv.lower()
    assert _download(view.download.value, "xlsx")[:2] == b"PK"
    # STAF_A finishes the self-rating: one task fewer open
    from kinerja.task_rating import save_task_rating

    save_task_rating(
        store, ME, P, STAF_A, dict.fromkeys(["M.01", "SK.01", *BERAKHLAK], 3), today=DAY
    )
    view.refresh_button.click()
    assert "1 dari 16 tugas selesai" in view.summary.value
    row = view.reminders.set_index("nip_penilai").loc[STAF_A]
    assert (row["n_selesai"], row["n_terbuka"]) == (1, 3)


def test_the_monitor_refuses_a_unit_outside_the_accounts_units(store):
    from kinerja.ui.penugasan import TugasMonitor

    view = TugasMonitor(store, P, units=["Dinas Lain"])
    assert "0 dari" not in view.summary.value
    view.unit.options = ["Dinas Lain", "Dinas Uji"]  # a value the list never offered
    view.unit.value = "Dinas Uji"
    assert "di luar unit" in view.status.value
    assert view.summary.value == "" and view.download.value == "" and len(view.reminders) == 0


def test_a_period_without_tasks_says_so_and_offers_nobody(store):
    view = TugasView(store, ME, "2030", today=DAY)
    assert "tidak punya tugas penilaian" in view.tasks_list.value
    assert view.ratee.options == () and view.score_inputs == {}
    view.save.click()
    assert "Tidak disimpan" in view.status.value
