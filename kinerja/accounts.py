"""Accounts and sign-in (DESIGN.md §9): who may use the served apps, in which role.

Accounts live in the store (tables ``akun``, ``akun_unit`` and
``login_gagal``).  A password is kept only as an argon2id hash made by
Jupyter's own :func:`jupyter_server.auth.passwd` (argon2-cffi underneath); it
is never stored, logged or passed on a command line.

- :func:`add_account`, :func:`set_password`, :func:`disable_account` write
  in one transaction each, with who did it.
- :func:`authenticate` checks a sign-in: five failed attempts for one
  username within :data:`LOCK_WINDOW` lock it for :data:`LOCK_DURATION`,
  whatever password comes next.
- :func:`sign_in` / :func:`signed_in`: the kernel-side record of the account
  a page belongs to.  The server's prelaunch hook inserts the first cell that
  calls :func:`sign_in`; the browser cannot change it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, get_args

import sqlalchemy as sa
from jupyter_server.auth import passwd, passwd_check
from sqlalchemy.engine import Connection

from kinerja.errors import AccountError, LoginRefused
from kinerja.labels import akun as txt
from kinerja.store import Store, metadata, now, pegawai_table

Role = Literal["admin", "petugas", "fasilitator", "pelatih", "pegawai"]
ROLES: tuple[Role, ...] = get_args(Role)

#: The apps (workbook file names) each role may open.
FORMULIR = "formulir_penilaian.ipynb"
PROFIL = "profil_kompetensi.ipynb"
KALIBRASI = "kalibrasi.ipynb"
LOKAKARYA = "lokakarya.ipynb"
ROLE_APPS: dict[Role, frozenset[str]] = {
    "admin": frozenset({FORMULIR, PROFIL, KALIBRASI, LOKAKARYA}),
    "petugas": frozenset({FORMULIR, PROFIL}),
    "fasilitator": frozenset({KALIBRASI, PROFIL}),
    "pelatih": frozenset({LOKAKARYA}),
    "pegawai": frozenset({FORMULIR, PROFIL}),
}

MIN_PASSWORD_LENGTH = 10
MAX_FAILURES = 5
LOCK_WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")

#: Passwords refused whatever their length (lower-cased comparison; the username is checked too).
COMMON_PASSWORDS: frozenset[str] = frozenset(
    {
        "1234567890",
        "0123456789",
        "12345678910",
        "1111111111",
        "0000000000",
        "qwertyuiop",
        "password123",
        "password1234",
        "passw0rd123",
        "katasandi",
        "katasandi123",
        "rahasia123",
        "bismillah",
        "bismillah123",
        "indonesia",
        "indonesia123",
        "gunungkidul",
        "gunungkidul123",
        "yogyakarta",
        "jogjakarta",
        "adminadmin",
        "admin12345",
        "administrator",
        "kinerja123",
        "kinerja2026",
        "pegawai123",
        "bkpsdm123",
        "bkppd12345",
        "iloveyou123",
        "abcdefghij",
        "asdfghjkl1",
        "1q2w3e4r5t",
        "qwerty1234",
        "1234qwer!!",
        "selamatpagi",
    }
)


@dataclass(frozen=True)
class Account:
    """One account: who signs in, in which role, for which employee and units."""

    username: str
    role: Role
    nip: str | None = None
    units: tuple[str, ...] = ()
    disabled: bool = False
    must_change_password: bool = False
    last_login: datetime | None = None

    @property
    def apps(self) -> frozenset[str]:
        """The workbooks this account may open."""
        return ROLE_APPS[self.role]

    def may_open(self, notebook: str) -> bool:
        """True when the role may open ``notebook`` (a workbook file name)."""
        return notebook in self.apps


accounts_table = sa.Table(
    "akun",
    metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("peran", sa.String(20), nullable=False),
    sa.Column("nip", sa.String(32)),
    sa.Column("hash_sandi", sa.String(255), nullable=False),
    sa.Column("nonaktif", sa.Boolean, nullable=False),
    sa.Column("ganti_sandi", sa.Boolean, nullable=False),
    sa.Column("dibuat", sa.DateTime(timezone=True), nullable=False),
    sa.Column("dibuat_oleh", sa.String(200), nullable=False),
    sa.Column("login_terakhir", sa.DateTime(timezone=True)),
)

account_units_table = sa.Table(
    "akun_unit",
    metadata,
    sa.Column("username", sa.String(64), sa.ForeignKey("akun.username"), primary_key=True),
    sa.Column("unit_kerja", sa.String(200), primary_key=True),
)

login_failures_table = sa.Table(
    "login_gagal",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_login_gagal_pengguna", "username", "waktu"),
)


# ------------------------------------------------------------------ passwords


def check_password(password: str, username: str) -> None:
    """Refuse a password that is too short, common, or contains the username."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(txt.PASSWORD_TOO_SHORT.format(n=MIN_PASSWORD_LENGTH))
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) <= 2:
        raise AccountError(txt.PASSWORD_TOO_COMMON)
    if username.lower() in lowered:
        raise AccountError(txt.PASSWORD_IS_USERNAME)


def one_time_password() -> str:
    """A random password to hand out (to be changed at first sign-in)."""
    return secrets.token_urlsafe(12)


# ------------------------------------------------------------------ reading


def _aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes: they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _units(conn: Connection, username: str) -> tuple[str, ...]:
    rows = conn.execute(
        sa.select(account_units_table.c.unit_kerja)
        .where(account_units_table.c.username == username)
        .order_by(account_units_table.c.unit_kerja)
    )
    return tuple(r[0] for r in rows)


def _account(conn: Connection, row: sa.Row) -> Account:
    return Account(
        username=row.username,
        role=row.peran,
        nip=row.nip,
        units=_units(conn, row.username),
        disabled=bool(row.nonaktif),
        must_change_password=bool(row.ganti_sandi),
        last_login=_aware(row.login_terakhir),
    )


def get_account(store: Store, username: str) -> Account | None:
    """The account ``username``, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(accounts_table).where(accounts_table.c.username == username)
        ).first()
        return None if row is None else _account(conn, row)


def list_accounts(store: Store) -> list[Account]:
    """Every account, by username."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(accounts_table).order_by(accounts_table.c.username))
        return [_account(conn, row) for row in rows.all()]


def has_accounts(store: Store) -> bool:
    """True when the store holds at least one account that is not disabled."""
    with store.engine.connect() as conn:
        stmt = sa.select(accounts_table.c.username).where(~accounts_table.c.nonaktif).limit(1)
        return conn.execute(stmt).first() is not None


# ------------------------------------------------------------------ writing


def _require(conn: Connection, username: str) -> None:
    found = conn.execute(
        sa.select(accounts_table.c.username).where(accounts_table.c.username == username)
    ).first()
    if found is None:
        raise AccountError(txt.NO_SUCH_ACCOUNT.format(username=username))


def _check_roster(conn: Connection, nip: str | None, units: Iterable[str]) -> None:
    if nip is not None:
        known = conn.execute(
            sa.select(pegawai_table.c.nip).where(pegawai_table.c.nip == nip).limit(1)
        ).first()
        if known is None:
            raise AccountError(txt.UNKNOWN_NIP.format(nip=nip))
    for unit in units:
        known = conn.execute(
            sa.select(pegawai_table.c.unit_kerja).where(pegawai_table.c.unit_kerja == unit).limit(1)
        ).first()
        if known is None:
            raise AccountError(txt.UNKNOWN_UNIT.format(unit=unit))


def add_account(
    store: Store,
    username: str,
    role: str,
    *,
    password: str,
    who: str,
    nip: str | None = None,
    units: Iterable[str] = (),
    must_change_password: bool = False,
) -> Account:
    """Create an account (one transaction); refused when any part is invalid."""
    if not USERNAME_PATTERN.match(username):
        raise AccountError(txt.BAD_USERNAME.format(username=username))
    if role not in ROLES:
        raise AccountError(txt.BAD_ROLE.format(role=role, roles=", ".join(ROLES)))
    if role == "pegawai" and not nip:
        raise AccountError(txt.PEGAWAI_NEEDS_NIP)
    check_password(password, username)
    units = tuple(dict.fromkeys(units))
    with store.transaction() as conn:
        exists = conn.execute(
            sa.select(accounts_table.c.username).where(accounts_table.c.username == username)
        ).first()
        if exists is not None:
            raise AccountError(txt.ACCOUNT_EXISTS.format(username=username))
        _check_roster(conn, nip, units)
        conn.execute(
            accounts_table.insert().values(
                username=username,
                peran=role,
                nip=nip,
                hash_sandi=passwd(password),
                nonaktif=False,
                ganti_sandi=must_change_password,
                dibuat=now(),
                dibuat_oleh=who,
            )
        )
        if units:
            conn.execute(
                account_units_table.insert(),
                [{"username": username, "unit_kerja": u} for u in units],
            )
    account = get_account(store, username)
    assert account is not None
    return account


def set_password(
    store: Store, username: str, password: str, *, must_change_password: bool = False
) -> None:
    """Replace an account's password (checked for strength first); clears its lock."""
    check_password(password, username)
    with store.transaction() as conn:
        _require(conn, username)
        conn.execute(
            accounts_table.update()
            .where(accounts_table.c.username == username)
            .values(hash_sandi=passwd(password), ganti_sandi=must_change_password)
        )
        conn.execute(
            login_failures_table.delete().where(login_failures_table.c.username == username)
        )


def disable_account(store: Store, username: str) -> None:
    """Disable an account: it can no longer sign in (its records stay)."""
    with store.transaction() as conn:
        _require(conn, username)
        conn.execute(
            accounts_table.update()
            .where(accounts_table.c.username == username)
            .values(nonaktif=True)
        )


# ------------------------------------------------------------------ signing in


def locked_until(store: Store, username: str, at: datetime | None = None) -> datetime | None:
    """When the lock on ``username`` ends, or None if it is not locked at ``at``.

    Locked from the moment the :data:`MAX_FAILURES`-th failure within
    :data:`LOCK_WINDOW` happened, for :data:`LOCK_DURATION`.
    """
    at = at or now()
    with store.engine.connect() as conn:
        return _locked_until(conn, username, at)


def _locked_until(conn: Connection, username: str, at: datetime) -> datetime | None:
    since = at - LOCK_WINDOW - LOCK_DURATION
    times = [
        _aware(t)
        for (t,) in conn.execute(
            sa.select(login_failures_table.c.waktu)
            .where(
                login_failures_table.c.username == username,
                login_failures_table.c.waktu > since,
            )
            .order_by(login_failures_table.c.waktu)
        )
    ]
    end: datetime | None = None
    for i in range(MAX_FAILURES - 1, len(times)):
        first, last = times[i - MAX_FAILURES + 1], times[i]
        assert first is not None and last is not None
        if last - first <= LOCK_WINDOW and at < last + LOCK_DURATION:
            end = max(end or last, last + LOCK_DURATION)
    return end


def authenticate(
    store: Store, username: str, password: str, *, at: datetime | None = None
) -> Account:
    """The account when ``password`` is right; :class:`LoginRefused` otherwise.

    A locked username is refused without checking the password; a wrong
    password (or an unknown username) records a failure.
    """
    at = at or now()
    with store.transaction() as conn:
        until = _locked_until(conn, username, at)
        if until is not None:
            minutes = max(1, -(-int((until - at).total_seconds()) // 60))
            raise LoginRefused("locked", txt.LOGIN_LOCKED.format(menit=minutes))
        row = conn.execute(
            sa.select(accounts_table).where(accounts_table.c.username == username)
        ).first()
        if row is None or not passwd_check(row.hash_sandi, password):
            conn.execute(login_failures_table.insert().values(username=username, waktu=at))
            refused = LoginRefused("invalid", txt.LOGIN_INVALID)
        elif row.nonaktif:
            refused = LoginRefused("disabled", txt.LOGIN_DISABLED)
        else:
            conn.execute(
                accounts_table.update()
                .where(accounts_table.c.username == username)
                .values(login_terakhir=at)
            )
            return _account(conn, row)
    raise refused  # after the commit: the failure stays recorded


# ------------------------------------------------------------------ the kernel's account

_signed_in: str | None = None


def sign_in(username: str | None) -> None:
    """Record, in this kernel, the account the page was served to (the hook's first cell)."""
    global _signed_in
    _signed_in = username


def signed_in() -> str | None:
    """The username :func:`sign_in` recorded in this kernel, or None (an open server)."""
    return _signed_in
