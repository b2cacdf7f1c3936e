"""Accounts' scope in the apps (DESIGN §9): every read and save checked in the kernel.

A widget's value can be set from outside the page over the websocket
(TECH.md §10), so the widget tests below set the ratee, unit or employee
widgets to an employee outside the account's scope (options included, as a
crafted message could) and press the buttons: the app must refuse and store
nothing.

The sample store: Sekretariat Daerah's head (``SEKDA``) heads every unit's
head; ``KABAG`` (Kepala Bagian Hukum) heads ``KASUBAG``, who heads staff
(indirect subordinates of ``KABAG``); ``STRANGER`` is in Dinas Kesehatan.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as w
import pandas as pd
import pytest
import sqlalchemy as sa

from kinerja import accounts as acc
from kinerja.access import Access, AccessDenied, has_task
from kinerja.store import Store, current_user, now
from kinerja.tasks import tasks_table
from kinerja.ui.common import Refusal
from kinerja.ui.formulir import FormulirApp
from kinerja.ui.kalibrasi import ALL_UNITS, KalibrasiApp
from kinerja.ui.lokakarya import LokakaryaApp
from kinerja.ui.profil import ProfilApp
from tests.store_fixtures import SAMPLE_PERIODE, sample_dataset, sample_store, table_dump

PASSWORD = "Merapi-Sore-2026"
UNIT_A = "Inspektorat"
UNIT_B = "Dinas Kesehatan"
SEKDA = "196702011990121681"
KABAG = "197911062006051353"
KASUBAG = "197810232006061797"


def roster() -> pd.DataFrame:
    return sample_dataset().pegawai


def people_of(unit: str) -> list[str]:
    p = roster()
    return sorted(p.loc[p["unit_kerja"] == unit, "nip"])


def team_of(root: str) -> set[str]:
    """``root`` and everyone below them, walked in pandas over the whole roster (the test's
    own computation, independent of the app's recursive query)."""
    p = roster()
    team, frontier = {root}, {root}
    while frontier:
        frontier = set(p.loc[p["nip_atasan"].isin(frontier), "nip"]) - team
        team |= frontier
    return team


def name_of(nip: str) -> str:
    p = roster()
    return str(p.loc[p["nip"] == nip, "nama"].iloc[0])


STRANGER = people_of(UNIT_B)[0]


def all_html(widget: w.Widget) -> str:
    """Every HTML value and option label shown anywhere in a widget tree."""
    parts: list[str] = []
    stack = [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, w.HTML):
            parts.append(node.value)
        if isinstance(node, w.Dropdown):
            parts.extend(str(label) for label in node._options_labels)
        stack.extend(getattr(node, "children", ()))
    return html.unescape(" ".join(parts))


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def force(dropdown: w.Dropdown, value: object) -> None:
    """Set a dropdown to ``value`` even when the app never offered it (a crafted message)."""
    values = list(dropdown._options_values)
    if value not in values:
        labels = dropdown._options_labels
        dropdown.options = [*zip(labels, values, strict=True), (str(value), value)]
    dropdown.value = value


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = sample_store(tmp_path)
    yield s
    acc.sign_in(None)
    s.dispose()


def account(store: Store, username: str, role: str, **kw: object) -> acc.Account:
    return acc.add_account(store, username, role, password=PASSWORD, who="admin", **kw)  # type: ignore[arg-type]


def signed_in_as(store: Store, username: str, role: str, **kw: object) -> acc.Account:
    made = account(store, username, role, **kw)
    acc.sign_in(username)
    return made


# --------------------------------------------------------------------------- who may open what


def test_open_mode_allows_everything_and_names_the_os_user(store: Store):
    access = Access.for_app(store, acc.KALIBRASI)
    assert access.is_open and access.who == current_user()
    assert access.allows_employee(STRANGER) and access.allows_unit(None)
    assert access.units(["b", "a"]) == ["b", "a"]


def test_a_store_with_accounts_refuses_a_page_nobody_signed_in_to(store: Store):
    account(store, "admin.bkpsdm", "admin")
    with pytest.raises(AccessDenied, match="sudah masuk"):
        Access.for_app(store, acc.PROFIL)
    view = ProfilApp.from_env(store.url)
    assert isinstance(view, Refusal) and "kinerja-ditolak" in view._dom_classes


@pytest.mark.parametrize("disabled", [True, False])
def test_an_unknown_or_disabled_account_is_refused(store: Store, disabled: bool):
    account(store, "admin.bkpsdm", "admin")
    if disabled:
        account(store, "budi.lama", "admin")
        acc.disable_account(store, "budi.lama")
    acc.sign_in("budi.lama")
    with pytest.raises(AccessDenied, match="budi.lama"):
        Access.for_app(store, acc.FORMULIR)


@pytest.mark.parametrize(
    ("role", "kw", "allowed"),
    [
        ("admin", {}, {"formulir", "profil", "kalibrasi", "lokakarya"}),
        ("petugas", {"units": [UNIT_A]}, {"formulir", "profil"}),
        ("fasilitator", {"units": [UNIT_A]}, {"kalibrasi", "profil"}),
        ("pelatih", {}, {"lokakarya"}),
        ("pegawai", {"nip": KABAG}, {"formulir", "profil"}),
    ],
)
def test_each_role_opens_its_apps_and_is_refused_the_others(store, role, kw, allowed):
    signed_in_as(store, "orang.uji", role, **kw)
    apps = {
        "formulir": lambda: FormulirApp.from_env(store.url),
        "profil": lambda: ProfilApp.from_env(store.url),
        "kalibrasi": lambda: KalibrasiApp.from_env(store.url),
        "lokakarya": lambda: LokakaryaApp.from_env(store.url),
    }
    opened = set()
    for name, build in apps.items():
        view = build()
        if isinstance(view, Refusal):
            assert "tidak boleh membuka" in text_of(view.status.value)
            assert "kinerja-ditolak" in view._dom_classes
        else:
            opened.add(name)
    assert opened == allowed


def test_a_refused_page_reads_nothing_but_the_account(store, monkeypatch):
    signed_in_as(store, "pelatih.satu", "pelatih")

    def no_roster(*args: object, **kwargs: object) -> None:
        raise AssertionError("the refused page read the roster")

    monkeypatch.setattr("kinerja.roster.units", no_roster)
    monkeypatch.setattr("kinerja.lookup.profile_periods", no_roster)
    monkeypatch.setattr(Store, "periods", no_roster)
    for build in (FormulirApp.from_env, ProfilApp.from_env, KalibrasiApp.from_env):
        assert isinstance(build(store.url), Refusal)


# --------------------------------------------------------------------------- scopes (pure)


def test_a_pegawai_scope_is_themself_and_everyone_below_them(store: Store):
    access = Access(store, account(store, "kabag.hukum", "pegawai", nip=KABAG))
    expected = team_of(KABAG)
    assert len(expected) > 3 and KASUBAG in expected
    indirect = expected - {KABAG, KASUBAG} - set(roster().query("nip_atasan == @KABAG")["nip"])
    assert indirect, "the sample has indirect subordinates of KABAG"
    everyone = list(roster()["nip"])
    assert {n for n in everyone if access.allows_employee(n)} == expected
    assert set(access.search("", limit=1000)["nip"]) == expected
    assert not access.allows_employee(SEKDA) and not access.allows_employee(STRANGER)
    assert access.units(["Inspektorat"]) == [] and not access.allows_unit(None)


def test_a_petugas_scope_is_their_units(store: Store):
    access = Access(store, account(store, "petugas.a", "petugas", units=[UNIT_A]))
    assert access.units([UNIT_B, UNIT_A]) == [UNIT_A]
    assert set(access.search("", limit=1000)["nip"]) == set(people_of(UNIT_A))
    assert access.allows_employee(people_of(UNIT_A)[0]) and not access.allows_employee(STRANGER)
    with pytest.raises(AccessDenied, match=UNIT_B):
        access.search("", unit=UNIT_B)
    with pytest.raises(AccessDenied, match="semua unit"):
        access.check_unit(None)


def test_an_account_disabled_while_its_page_is_open_is_refused_at_the_next_write(store):
    access = Access(store, account(store, "petugas.a", "petugas", units=[UNIT_A]))
    mine = people_of(UNIT_A)[0]
    access.check_write([mine])
    acc.disable_account(store, "petugas.a")
    with pytest.raises(AccessDenied, match="dinonaktifkan"):
        access.check_write([mine])


def test_a_pegawai_writes_only_their_own_tasks(store: Store):
    access = Access(store, account(store, "kasubag", "pegawai", nip=KASUBAG))
    with pytest.raises(AccessDenied, match="bukan tugas"):
        access.check_rating(SAMPLE_PERIODE, KABAG, KASUBAG)
    with store.transaction() as conn:
        conn.execute(
            tasks_table.insert().values(
                periode=SAMPLE_PERIODE,
                nip_dinilai=KABAG,
                nip_penilai=KASUBAG,
                sumber="bawahan",
                dihapus=False,
                oleh="admin",
                waktu=now(),
            )
        )
    assert has_task(store, SAMPLE_PERIODE, KABAG, KASUBAG)
    access.check_rating(SAMPLE_PERIODE, KABAG, KASUBAG)
    with pytest.raises(AccessDenied):  # someone else's task, or as someone else
        access.check_rating(SAMPLE_PERIODE, KABAG, SEKDA)


# --------------------------------------------------------------------------- Formulir


def rating_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT count(*) FROM penilaian")).scalar_one())


def test_formulir_of_a_petugas_lists_only_their_unit(store: Store):
    signed_in_as(store, "petugas.a", "petugas", units=[UNIT_A])
    app = FormulirApp(store)
    e = app.entry
    assert list(e.unit.options) == [ALL_UNITS, UNIT_A]
    e.search.value = ""
    assert {v for _, v in e.rater.options} <= set(people_of(UNIT_A))
    ratees = {v[0] for _, v in e.ratee.options}
    assert ratees and ratees <= set(people_of(UNIT_A))


def test_formulir_refuses_a_ratee_outside_the_petugas_units_and_stores_nothing(store: Store):
    signed_in_as(store, "petugas.a", "petugas", units=[UNIT_A])
    app = FormulirApp(store)
    e = app.entry
    force(e.ratee, (STRANGER, "rekan"))
    for box in e.score_inputs.values():
        box.value = 4
    before = table_dump(store)
    e.save.click()
    assert "tidak berhak" in text_of(e.status.value) and "kinerja-msg-error" in e.status.value
    assert table_dump(store) == before


def test_formulir_saves_in_the_unit_under_the_account_name(store: Store):
    signed_in_as(store, "petugas.a", "petugas", units=[UNIT_A])
    app = FormulirApp(store)
    e = app.entry
    nip, _ = e.ratee.value
    assert nip in people_of(UNIT_A)
    for box in e.score_inputs.values():
        box.value = 5
    n = rating_count(store)
    e.save.click()
    assert "kinerja-msg-ok" in e.status.value, e.status.value
    assert rating_count(store) > n
    got = store.ratings(SAMPLE_PERIODE, nip_dinilai=nip, nip_penilai=e.rater.value)
    assert set(got.loc[got["skor"] == 5, "oleh"]) == {"petugas.a"}
    assert "petugas.a" in text_of(e.who.value)


def test_formulir_refuses_a_save_once_the_account_is_disabled(store: Store):
    signed_in_as(store, "petugas.a", "petugas", units=[UNIT_A])
    app = FormulirApp(store)
    e = app.entry
    for box in e.score_inputs.values():
        box.value = 5
    acc.disable_account(store, "petugas.a")
    n = rating_count(store)
    e.save.click()
    assert "dinonaktifkan" in text_of(e.status.value)
    assert rating_count(store) == n


def test_formulir_completion_of_another_unit_is_refused(store: Store):
    signed_in_as(store, "petugas.a", "petugas", units=[UNIT_A])
    app = FormulirApp(store)
    force(app.entry.unit, UNIT_B)
    app.monitor.refresh.click()
    assert "tidak berhak" in text_of(app.monitor.status.value)
    assert STRANGER not in app.monitor.table.value


def test_imports_are_refused_to_a_petugas_and_store_nothing(store: Store):
    signed_in_as(store, "petugas.a", "petugas", units=[UNIT_A])
    app = FormulirApp(store)
    before = table_dump(store)
    app.importer.run.click()
    assert "hanya boleh dilakukan oleh admin" in text_of(app.importer.result.value)
    assert table_dump(store) == before


def test_a_pegawai_in_formulir_gets_their_tasks_view_and_no_hr_tabs(store: Store):
    signed_in_as(store, "kabag.hukum", "pegawai", nip=KABAG)
    app = FormulirApp(store)
    assert not hasattr(app, "entry") and not hasattr(app, "importer")
    assert "Penilaian saya" in all_html(app)
    assert name_of(SEKDA) not in all_html(app)


# --------------------------------------------------------------------------- Profil


def test_a_pegawai_sees_their_own_and_their_subordinates_profiles(store: Store):
    signed_in_as(store, "kabag.hukum", "pegawai", nip=KABAG)
    app = ProfilApp(store)
    assert app.profile is not None and app.profile.info["nip"] == KABAG
    indirect = sorted(team_of(KASUBAG) - {KASUBAG})[0]
    for nip in (KASUBAG, indirect):
        app.choose(nip)
        assert app.profile is not None and app.profile.info["nip"] == nip
        assert name_of(nip) in app.identity.value
    assert {v for _, v in app.employee.options} <= team_of(KABAG)


@pytest.mark.parametrize("how", ["address", "choose", "widget"])
def test_a_stranger_profile_is_refused_with_no_name_shown(store: Store, how: str):
    signed_in_as(store, "kabag.hukum", "pegawai", nip=KABAG)
    if how == "address":
        app = ProfilApp(store, nip=STRANGER)
    else:
        app = ProfilApp(store)
        if how == "choose":
            app.choose(STRANGER)
        else:
            force(app.employee, STRANGER)
    assert "tidak berhak" in text_of(app.status.value)
    assert app.profile is None
    shown = all_html(app)
    assert name_of(STRANGER) not in shown and name_of(SEKDA) not in shown


def test_a_petugas_profile_of_another_unit_is_refused(store: Store):
    signed_in_as(store, "petugas.a", "petugas", units=[UNIT_A])
    app = ProfilApp(store, nip=STRANGER)
    assert app.profile is None and name_of(STRANGER) not in all_html(app)
    assert [v for _, v in app.unit.options] == ["", UNIT_A]
    app.choose(people_of(UNIT_A)[0])
    assert app.profile is not None


# --------------------------------------------------------------------------- Kalibrasi


def adjustments(store: Store) -> pd.DataFrame:
    return store.adjustments(SAMPLE_PERIODE)


def test_a_facilitator_board_offers_only_their_units(store: Store):
    signed_in_as(store, "fasil.a", "fasilitator", units=[UNIT_A])
    app = KalibrasiApp(store)
    assert list(app.unit.options) == [UNIT_A] and app.unit.value == UNIT_A
    assert {v for _, v in app.adj_employee.options} <= set(people_of(UNIT_A))
    force(app.unit, UNIT_B)
    assert "tidak berhak" in text_of(app.status.value)
    force(app.unit, ALL_UNITS)
    assert "semua unit" in text_of(app.status.value)


def test_a_facilitator_cannot_adjust_or_undo_outside_their_units(store: Store):
    store.add_adjustment(
        periode=SAMPLE_PERIODE,
        nip=STRANGER,
        field="rating_hasil_kerja",
        new_value="di_atas",
        reason="rapat lain",
        who="admin",
    )
    signed_in_as(store, "fasil.a", "fasilitator", units=[UNIT_A])
    app = KalibrasiApp(store)
    force(app.adj_employee, STRANGER)
    app.adj_field.value = "rating_perilaku"
    app.adj_value.value = "di_bawah"
    app.adj_reason.value = "coba"
    before = adjustments(store)
    app.adj_save.click()
    assert "tidak berhak" in text_of(app.status.value)
    app.adj_undo.click()
    assert "tidak berhak" in text_of(app.status.value)
    pd.testing.assert_frame_equal(adjustments(store), before)


def test_adjustments_and_undo_are_signed_with_the_facilitator_account(store: Store):
    signed_in_as(store, "fasil.a", "fasilitator", units=[UNIT_A])
    app = KalibrasiApp(store)
    nip = app.adj_employee.value
    current = app.board.current(nip, "rating_perilaku")
    app.adj_field.value = "rating_perilaku"
    app.adj_value.value = "di_bawah" if current != "di_bawah" else "di_atas"
    app.adj_reason.value = "bukti notulen"
    app.adj_save.click()
    assert "kinerja-msg-ok" in app.status.value, app.status.value
    app.adj_undo.click()
    assert "kinerja-msg-ok" in app.status.value, app.status.value
    assert list(adjustments(store)["who"]) == ["fasil.a", "fasil.a"]
    assert "fasil.a" in text_of(app.adj_who.value)


def test_a_facilitator_cannot_recompute_the_period_rater_figures(store: Store):
    signed_in_as(store, "fasil.a", "fasilitator", units=[UNIT_A])
    app = KalibrasiApp(store)
    app.recompute_raters.click()
    assert "semua unit" in text_of(app.status.value)


def test_a_facilitator_without_units_is_refused_the_board(store: Store):
    signed_in_as(store, "fasil.kosong", "fasilitator")
    view = KalibrasiApp.from_env(store.url)
    assert isinstance(view, Refusal) and "belum diberi unit" in text_of(view.status.value)


# --------------------------------------------------------------------------- PostgreSQL


@pytest.mark.skipif(not os.environ.get("KINERJA_TEST_PG_URL"), reason="KINERJA_TEST_PG_URL not set")
def test_postgres_scopes_walk_the_hierarchy_and_units_alike():
    """The recursive walks (up for one employee, down for a search) on PostgreSQL."""
    from tests.test_store_postgres import URL, drop_everything

    drop_everything()
    store = Store(URL)
    try:
        store.import_dataset(sample_dataset(), who="penguji")
        pegawai = Access(store, acc.Account("kabag.hukum", "pegawai", nip=KABAG))
        assert set(pegawai.search("", limit=1000)["nip"]) == team_of(KABAG)
        assert pegawai.allows_employee(KASUBAG) and not pegawai.allows_employee(SEKDA)
        petugas = Access(store, acc.Account("petugas.a", "petugas", units=(UNIT_A,)))
        assert set(petugas.search("", limit=1000)["nip"]) == set(people_of(UNIT_A))
    finally:
        store.dispose()
        drop_everything()
