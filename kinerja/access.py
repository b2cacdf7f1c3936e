"""Who may see and change what (DESIGN.md §9): the signed-in account's scope, checked in the kernel.

A widget's value can be set from outside the page over the websocket
(TECH.md §10), so the apps never decide by hiding widgets: every read and
every save asks an :class:`Access` built from the account the page was
served to (:func:`kinerja.accounts.signed_in`) and the store.

========================  ==========================================================
role                      employees and units in scope
========================  ==========================================================
open mode (no account)    everything (a store without accounts, served on 127.0.0.1)
``admin``                 everything; imports
``petugas``               employees of their units (``akun_unit``)
``fasilitator``           employees of their units (``akun_unit``)
``pelatih``               nobody (the workshop works on its own sample data)
``pegawai``               themself and everyone below them through ``nip_atasan``
                          (direct or indirect); in Formulir only their own rating tasks
========================  ==========================================================

Which apps a role opens is :data:`kinerja.accounts.ROLE_APPS`.  Every write
(:meth:`Access.check_write`, :meth:`Access.check_rating`,
:meth:`Access.check_import`) reads the account again first, so an account
disabled (or given other units) while a page is open is refused at its next
save.  Who a record names is :attr:`Access.who`: the account's username, in
open mode the operating-system user.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from kinerja import roster
from kinerja.accounts import ROLE_APPS, Account, Role, get_account, has_accounts, signed_in
from kinerja.errors import AccessDenied
from kinerja.labels import akses as txt
from kinerja.labels.akun import ROLE_LABELS
from kinerja.results import search_employees
from kinerja.store import Store, current_user
from kinerja.task_store import task_source

#: Roles whose scope is the units of their account.
UNIT_ROLES: frozenset[Role] = frozenset({"petugas", "fasilitator"})


def resolve_account(store: Store, username: str | None) -> Account | None:
    """The account a page belongs to; None in open mode (a store without accounts).

    Raises :class:`AccessDenied` when the store has accounts and nobody is
    signed in, or the username is unknown or disabled.
    """
    if username is None:
        if has_accounts(store):
            raise AccessDenied(txt.NOT_SIGNED_IN)
        return None
    account = get_account(store, username)
    if account is None or account.disabled:
        raise AccessDenied(txt.NO_ACCOUNT.format(username=username))
    return account


class Access:
    """What one account may see and change in one store.

    Parameters
    ----------
    store
        The appraisal store (accounts and roster are read from it by key).
    account
        The signed-in account; None is open mode, where everything is allowed.

    Answers about employees are cached per instance (a page's lifetime);
    writes re-read the account first (:meth:`check_active`).
    """

    def __init__(self, store: Store, account: Account | None):
        self.store = store
        self.account = account
        self._employees: dict[str, bool] = {}

    @classmethod
    def for_app(cls, store: Store, notebook: str, *, username: str | None = None) -> Access:
        """The access of the signed-in account (or ``username``) to the app ``notebook``.

        Raises :class:`AccessDenied` when nobody may be served (see
        :func:`resolve_account`) or the role may not open this app.
        """
        access = cls(store, resolve_account(store, username or signed_in()))
        access.check_open(notebook)
        return access

    # ------------------------------------------------------------ who

    @property
    def is_open(self) -> bool:
        """True in open mode (no account: everything allowed)."""
        return self.account is None

    @property
    def role(self) -> Role | None:
        """The account's role (None in open mode)."""
        return None if self.account is None else self.account.role

    @property
    def unrestricted(self) -> bool:
        """True when every employee and unit is in scope (open mode, ``admin``)."""
        return self.account is None or self.account.role == "admin"

    @property
    def who(self) -> str:
        """The author of every record this page writes."""
        return current_user() if self.account is None else self.account.username

    def describe(self) -> str:
        """``Masuk sebagai <username> (<peran>)`` as HTML; empty in open mode."""
        if self.account is None:
            return ""
        role = ROLE_LABELS.get(self.account.role, self.account.role)
        return txt.SIGNED_IN_AS.format(username=self.account.username, peran=role)

    # ------------------------------------------------------------ apps

    def may_open(self, notebook: str) -> bool:
        """True when this account may open the app ``notebook`` (a workbook file name)."""
        return self.account is None or notebook in ROLE_APPS[self.account.role]

    def check_open(self, notebook: str) -> None:
        """Refuse an app the role may not open."""
        if not self.may_open(notebook):
            assert self.account is not None
            raise AccessDenied(
                txt.APP_REFUSED.format(
                    username=self.account.username,
                    peran=ROLE_LABELS.get(self.account.role, self.account.role),
                    app=txt.APP_NAMES.get(notebook, notebook),
                )
            )

    # ------------------------------------------------------------ units

    def units(self, all_units: Iterable[str]) -> list[str]:
        """The units of ``all_units`` this account may choose (in their order)."""
        units = list(all_units)
        if self.unrestricted:
            return units
        assert self.account is not None
        if self.account.role not in UNIT_ROLES:
            return []
        mine = set(self.account.units)
        return [u for u in units if u in mine]

    def allows_unit(self, unit: str | None) -> bool:
        """True when ``unit`` is in scope; None (every unit at once) only when unrestricted."""
        if self.unrestricted:
            return True
        assert self.account is not None
        return unit is not None and self.account.role in UNIT_ROLES and unit in self.account.units

    def check_unit(self, unit: str | None) -> None:
        """Refuse a unit outside the scope (None: every unit at once)."""
        if not self.allows_unit(unit):
            message = txt.ALL_UNITS_REFUSED if unit is None else txt.UNIT_REFUSED
            raise AccessDenied(message.format(unit=unit))

    # ------------------------------------------------------------ employees

    def allows_employee(self, nip: str) -> bool:
        """True when the employee ``nip`` is in scope (read by key; cached per instance)."""
        if self.unrestricted:
            return True
        nip = str(nip)
        if nip not in self._employees:
            self._employees[nip] = self._in_scope(nip)
        return self._employees[nip]

    def _in_scope(self, nip: str) -> bool:
        account = self.account
        assert account is not None
        if account.role in UNIT_ROLES:
            return roster.unit_of(self.store, nip) in set(account.units)
        if account.role == "pegawai" and account.nip:
            return roster.is_in_team(self.store, account.nip, nip)
        return False

    def check_employee(self, nip: str) -> None:
        """Refuse an employee outside the scope."""
        if not self.allows_employee(nip):
            raise AccessDenied(txt.EMPLOYEE_REFUSED.format(nip=nip))

    def filter_employees(self, nips: Iterable[str]) -> list[str]:
        """The NIPs of ``nips`` in scope, in their order."""
        return [n for n in nips if self.allows_employee(n)]

    def search(self, text: str, *, unit: str | None = None, limit: int = 30) -> pd.DataFrame:
        """:func:`kinerja.results.search_employees` within the scope (one query).

        ``unit`` None searches every unit in scope.  Columns: ``nip, nama, unit_kerja, jabatan``.
        """
        account = self.account
        if account is None or account.role == "admin":
            return search_employees(self.store, text, unit=unit, limit=limit)
        if account.role in UNIT_ROLES:
            if unit is not None:
                self.check_unit(unit)
            return search_employees(self.store, text, unit=unit, limit=limit, units=account.units)
        if account.role == "pegawai" and account.nip:
            team = roster.team_query(account.nip)
            return search_employees(self.store, text, unit=unit, limit=limit, among=team)
        return search_employees(self.store, text, limit=limit, units=())  # nobody

    @property
    def _team_role(self) -> bool:
        return self.account is not None and self.account.role == "pegawai"

    # ------------------------------------------------------------ writes

    def check_active(self) -> None:
        """Read the account again: refuse when it is gone or disabled (and keep its new units).

        In open mode, refuse when the store has got accounts since the page opened.
        """
        if self.account is None:
            if has_accounts(self.store):
                raise AccessDenied(txt.NOT_SIGNED_IN)
            return
        fresh = resolve_account(self.store, self.account.username)
        assert fresh is not None
        if fresh != self.account:
            self.account = fresh
            self._employees.clear()

    def check_write(self, nips: Iterable[str]) -> None:
        """Before a write touching these employees: the account is active and each is in scope."""
        self.check_active()
        self._employees.clear()  # the roster may have changed: ask the store again
        for nip in dict.fromkeys(str(n) for n in nips):
            self.check_employee(nip)

    def check_unit_write(self, unit: str | None) -> None:
        """Before a write touching a unit (None: every unit): active account, unit in scope."""
        self.check_active()
        self.check_unit(unit)

    def check_rating(self, periode: str, nip_dinilai: str, nip_penilai: str) -> None:
        """Before saving or withdrawing a rating: may this account write it?

        A ``pegawai`` writes only their own rating tasks (DESIGN §10: a task
        ``penugasan`` in force with them as rater); other roles write the
        ratings of the employees in their scope.
        """
        self.check_active()
        if self._team_role:
            assert self.account is not None
            if nip_penilai != self.account.nip or not has_task(
                self.store, str(periode), str(nip_dinilai), str(nip_penilai)
            ):
                raise AccessDenied(txt.TASK_REFUSED.format(nip=nip_dinilai, periode=periode))
            return
        self._employees.clear()
        self.check_employee(nip_dinilai)

    def check_import(self) -> None:
        """Imports replace rosters and reference tables: admin (and open mode) only."""
        self.check_active()
        if not self.unrestricted:
            raise AccessDenied(txt.IMPORT_REFUSED)


def has_task(store: Store, periode: str, nip_dinilai: str, nip_penilai: str) -> bool:
    """True when a rating task (``penugasan``) of this rater and ratee is in force."""
    with store.engine.connect() as conn:
        return task_source(conn, periode, nip_dinilai, nip_penilai) is not None


__all__ = ["UNIT_ROLES", "Access", "AccessDenied", "has_task", "resolve_account"]
