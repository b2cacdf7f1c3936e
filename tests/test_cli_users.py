"""``kinerja users``: accounts from the command line (DESIGN §9)."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime

import openpyxl
import pytest
from jupyter_server.auth import passwd_check

from kinerja import accounts as acc
from kinerja import cli
from kinerja.store import current_user, pegawai_table
from tests.store_fixtures import KEPALA, SMALL_UNIT, STAF_A, small_store

GOOD = "Merapi-Sore-2026"


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = small_store(tmp_path)
    yield s
    s.dispose()


@pytest.fixture
def password(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(cli.ENV_PASSWORD, GOOD)
    return GOOD


def _run(*argv: str) -> int:
    return cli.main(list(argv))


def test_users_add_takes_the_password_from_the_environment(store, password, capsys):
    status = _run(
        "users", "add", "budi", "--role", "petugas", "--unit", SMALL_UNIT, "--db", store.url
    )
    assert status == 0
    assert "Petugas SDM" in capsys.readouterr().out
    account = acc.get_account(store, "budi")
    assert account is not None and account.role == "petugas" and account.units == (SMALL_UNIT,)
    assert acc.authenticate(store, "budi", GOOD).username == "budi"


def test_the_author_of_an_account_is_the_operating_system_user(store, password):
    import sqlalchemy as sa

    _run("users", "add", "budi", "--role", "admin", "--db", store.url)
    with store.engine.connect() as conn:
        who = conn.execute(sa.select(acc.accounts_table.c.dibuat_oleh)).scalar_one()
    assert who == current_user()


def test_users_add_asks_twice_without_the_environment(store, monkeypatch, capsys):
    monkeypatch.delenv(cli.ENV_PASSWORD, raising=False)
    answers = iter([GOOD, GOOD])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(answers))
    assert _run("users", "add", "budi", "--role", "pelatih", "--db", store.url) == 0
    assert acc.authenticate(store, "budi", GOOD).role == "pelatih"


def test_two_different_answers_are_refused_and_nothing_is_stored(store, monkeypatch, capsys):
    monkeypatch.delenv(cli.ENV_PASSWORD, raising=False)
    answers = iter([GOOD, GOOD + "!"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(answers))
    assert _run("users", "add", "budi", "--role", "pelatih", "--db", store.url) == 2
    assert "tidak sama" in capsys.readouterr().err
    assert acc.list_accounts(store) == []


@pytest.mark.parametrize(
    ("weak", "fragment"),
    [
        ("pendek", "terlalu pendek"),
        ("gunungkidul123", "mudah ditebak"),
        ("budi-2026-sore", "nama pengguna"),
    ],
)
def test_a_weak_password_is_refused_with_exit_2(store, monkeypatch, capsys, weak, fragment):
    monkeypatch.setenv(cli.ENV_PASSWORD, weak)
    assert _run("users", "add", "budi", "--role", "admin", "--db", store.url) == 2
    err = capsys.readouterr().err
    assert fragment in err and weak not in err.replace(fragment, "")
    assert acc.list_accounts(store) == []


def test_users_list_shows_labels_units_and_last_login_in_wib(store, password, capsys):
    _run("users", "add", "budi", "--role", "petugas", "--unit", SMALL_UNIT, "--db", store.url)
    _run("users", "add", KEPALA, "--role", "pegawai", "--nip", KEPALA, "--db", store.url)
    _run("users", "disable", KEPALA, "--db", store.url)
    acc.authenticate(store, "budi", GOOD, at=datetime(2026, 12, 7, 8, 30, tzinfo=UTC))
    capsys.readouterr()
    assert _run("users", "list", "--db", store.url) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "Nama",
        "pengguna",
        "Peran",
        "NIP",
        "Unit",
        "Aktif",
        "Login",
        "terakhir",
    ]
    kepala = next(line for line in lines if line.startswith(KEPALA))
    budi = next(line for line in lines if line.startswith("budi"))
    assert "Pegawai" in kepala and "tidak" in kepala and kepala.rstrip().endswith("–")
    assert "Petugas SDM" in budi and SMALL_UNIT in budi and " ya " in budi
    assert budi.rstrip().endswith("07-12-2026 15:30 WIB")
    assert "petugas" not in budi  # the label, never the code


def test_users_password_replaces_the_password(store, password, monkeypatch):
    _run("users", "add", "budi", "--role", "admin", "--db", store.url)
    monkeypatch.setenv(cli.ENV_PASSWORD, "Kaliurang-Pagi-77")
    assert _run("users", "password", "budi", "--db", store.url) == 0
    assert acc.authenticate(store, "budi", "Kaliurang-Pagi-77")
    with pytest.raises(acc.LoginRefused):
        acc.authenticate(store, "budi", GOOD)


def test_disabling_an_unknown_account_exits_2(store, capsys):
    assert _run("users", "disable", "siapa", "--db", store.url) == 2
    assert "tidak ada" in capsys.readouterr().err


def _roster_nips(store) -> set[str]:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        return set(conn.execute(sa.select(pegawai_table.c.nip)).scalars())


def test_add_from_roster_creates_one_account_per_employee_and_an_xlsx_for_hr(
    store, password, tmp_path, capsys
):
    _run("users", "add", STAF_A, "--role", "pegawai", "--nip", STAF_A, "--db", store.url)
    out = tmp_path / "sandi.xlsx"
    assert (
        _run("users", "add-from-roster", "--role", "pegawai", "--out", str(out), "--db", store.url)
        == 0
    )
    expected = _roster_nips(store) - {STAF_A}
    assert f"{len(expected)} akun" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out).active
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] and r[4]]
    assert {r[0] for r in rows} == expected
    for nip, _nama, unit, username, one_time in rows:
        assert isinstance(nip, str) and len(nip) == 18 and username == nip and unit
        account = acc.get_account(store, nip)
        assert account is not None and account.role == "pegawai" and account.nip == nip
        assert account.must_change_password
        assert acc.authenticate(store, nip, one_time).username == nip
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    # the account made by hand keeps its password
    assert acc.authenticate(store, STAF_A, GOOD)
    # a second run finds nobody left and writes nothing
    again = tmp_path / "lagi.xlsx"
    assert (
        _run(
            "users", "add-from-roster", "--role", "pegawai", "--out", str(again), "--db", store.url
        )
        == 0
    )
    assert "sudah punya akun" in capsys.readouterr().out and not again.exists()


def test_add_from_roster_limits_to_the_units_given_and_refuses_unknown_ones(
    store, tmp_path, capsys
):
    out = tmp_path / "x.xlsx"
    assert (
        _run(
            "users",
            "add-from-roster",
            "--role",
            "pegawai",
            "--unit",
            "Dinas Entah",
            "--out",
            str(out),
            "--db",
            store.url,
        )
        == 2
    )
    assert "Dinas Entah" in capsys.readouterr().err and not out.exists()
    assert acc.list_accounts(store) == []
    assert (
        _run(
            "users",
            "add-from-roster",
            "--role",
            "pegawai",
            "--unit",
            SMALL_UNIT,
            "--out",
            str(out),
            "--db",
            store.url,
        )
        == 0
    )
    assert {a.nip for a in acc.list_accounts(store)} == _roster_nips(
        store
    )  # the small roster is one unit


def test_a_passwords_file_that_cannot_be_written_stores_no_account(store, tmp_path, capsys):
    out = tmp_path / "tidak-ada" / "sandi.xlsx"
    assert (
        _run("users", "add-from-roster", "--role", "pegawai", "--out", str(out), "--db", store.url)
        == 1
    )
    assert acc.list_accounts(store) == []
    assert not list(tmp_path.glob("**/*.tmp"))


def test_an_existing_passwords_file_is_never_overwritten(store, tmp_path, capsys):
    out = tmp_path / "sandi.xlsx"
    out.write_bytes(b"lama")
    assert (
        _run("users", "add-from-roster", "--role", "pegawai", "--out", str(out), "--db", store.url)
        == 2
    )
    assert out.read_bytes() == b"lama" and acc.list_accounts(store) == []


def test_one_time_passwords_get_a_cheap_hash_that_jupyter_checks():
    hashed = acc.one_time_hash("abcdefghijklmnop")
    assert hashed.startswith("argon2:$argon2id$") and "m=1024,t=1,p=1" in hashed
    assert passwd_check(hashed, "abcdefghijklmnop")
    assert not passwd_check(hashed, "abcdefghijklmnoq")
