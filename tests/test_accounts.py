"""Accounts in the store: creation rules, argon2 hashes, sign-in and the lockout (DESIGN §9)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from kinerja import accounts as acc
from kinerja.store import now
from tests.store_fixtures import KEPALA, SMALL_UNIT, small_store

GOOD = "Merapi-Sore-2026"


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = small_store(tmp_path)
    yield s
    s.dispose()


def test_an_account_is_stored_with_an_argon2_hash_never_the_password(store):
    account = acc.add_account(
        store, "budi", "petugas", password=GOOD, who="admin", units=[SMALL_UNIT]
    )
    assert account == acc.get_account(store, "budi")
    assert account.units == (SMALL_UNIT,)
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(acc.accounts_table.c.hash_sandi)).scalar_one()
    assert stored.startswith("argon2:$argon2id$") and GOOD not in stored
    assert acc.authenticate(store, "budi", GOOD).username == "budi"
    assert acc.get_account(store, "budi").last_login is not None


@pytest.mark.parametrize(
    ("args", "kwargs", "fragment"),
    [
        (("Budi Santoso", "petugas"), {}, "tidak sah"),
        (("budi", "kepala"), {}, "tidak dikenal"),
        (("budi", "pegawai"), {}, "--nip"),
        (("budi", "pegawai"), {"nip": "199999999999999999"}, "tidak ada di data pegawai"),
        (("budi", "petugas"), {"units": ["Dinas Entah"]}, "Dinas Entah"),
        (("budi", "petugas"), {"password": "pendek"}, "terlalu pendek"),
        (("budi", "petugas"), {"password": "gunungkidul123"}, "mudah ditebak"),
        (("budi", "petugas"), {"password": "budi-sore-2026"}, "nama pengguna"),
    ],
)
def test_an_invalid_account_is_refused_and_nothing_is_stored(store, args, kwargs, fragment):
    kwargs = {"password": GOOD, **kwargs}
    with pytest.raises(acc.AccountError, match=fragment):
        acc.add_account(store, *args, who="admin", **kwargs)
    assert acc.list_accounts(store) == []
    assert not acc.has_accounts(store)


def test_a_pegawai_account_links_an_employee_of_the_roster(store):
    account = acc.add_account(store, KEPALA, "pegawai", password=GOOD, who="admin", nip=KEPALA)
    assert account.nip == KEPALA and account.may_open(acc.PROFIL)
    assert not account.may_open(acc.KALIBRASI)


def test_a_second_account_with_the_same_name_is_refused(store):
    acc.add_account(store, "budi", "admin", password=GOOD, who="admin")
    with pytest.raises(acc.AccountError, match="sudah ada"):
        acc.add_account(store, "budi", "pelatih", password=GOOD, who="admin")


def test_wrong_password_unknown_user_and_disabled_account_are_refused(store):
    acc.add_account(store, "budi", "admin", password=GOOD, who="admin")
    with pytest.raises(acc.LoginRefused) as wrong:
        acc.authenticate(store, "budi", GOOD + "x")
    assert wrong.value.reason == "invalid"
    with pytest.raises(acc.LoginRefused) as unknown:
        acc.authenticate(store, "siapa", GOOD)
    assert unknown.value.reason == "invalid"
    acc.disable_account(store, "budi")
    with pytest.raises(acc.LoginRefused) as disabled:
        acc.authenticate(store, "budi", GOOD)
    assert disabled.value.reason == "disabled"
    assert not acc.has_accounts(store)


def test_five_failures_in_fifteen_minutes_lock_the_username_for_fifteen_minutes(store):
    acc.add_account(store, "budi", "admin", password=GOOD, who="admin")
    start = now()
    for i in range(acc.MAX_FAILURES):
        with pytest.raises(acc.LoginRefused) as refused:
            acc.authenticate(store, "budi", "salah", at=start + timedelta(minutes=2 * i))
        assert refused.value.reason == "invalid"
    fifth = start + timedelta(minutes=8)
    # the right password is refused while the lock lasts
    with pytest.raises(acc.LoginRefused) as locked:
        acc.authenticate(store, "budi", GOOD, at=fifth + timedelta(minutes=14))
    assert locked.value.reason == "locked" and "1 menit" in str(locked.value)
    assert acc.authenticate(store, "budi", GOOD, at=fifth + timedelta(minutes=15, seconds=1))


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(store):
    acc.add_account(store, "budi", "admin", password=GOOD, who="admin")
    start = now()
    for i in range(acc.MAX_FAILURES):
        with pytest.raises(acc.LoginRefused):
            acc.authenticate(store, "budi", "salah", at=start + timedelta(minutes=4 * i))
    assert acc.authenticate(store, "budi", GOOD, at=start + timedelta(minutes=17))


def test_a_new_password_replaces_the_old_one_and_lifts_the_lock(store):
    acc.add_account(store, "budi", "admin", password=GOOD, who="admin")
    for _ in range(acc.MAX_FAILURES):
        with pytest.raises(acc.LoginRefused):
            acc.authenticate(store, "budi", "salah")
    acc.set_password(store, "budi", "Kaliurang-Pagi-77")
    with pytest.raises(acc.LoginRefused):
        acc.authenticate(store, "budi", GOOD)
    assert acc.authenticate(store, "budi", "Kaliurang-Pagi-77").username == "budi"


def test_the_kernel_remembers_the_account_the_page_was_served_to():
    acc.sign_in("budi")
    try:
        assert acc.signed_in() == "budi"
    finally:
        acc.sign_in(None)  # type: ignore[arg-type]
