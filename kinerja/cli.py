"""The ``kinerja`` command line: score, import, export, serve and users.

Exit status: 0 success, 2 invalid input or usage (every problem on standard
error, nothing written), 1 a failure of the environment: the database is
locked, full, read-only, missing or unreachable (one line on standard error,
nothing stored; :class:`kinerja.errors.StorageError`), or an output file or
folder cannot be written (:class:`kinerja.errors.OutputError`, nothing left
half-written).  Commands that only read (``export``, ``users list``) never
create a database.

``kinerja users`` manages the accounts of the served apps (DESIGN §9): a
password comes from the environment variable ``KINERJA_PASSWORD`` when it is
set (scripts, the first admin of a service), else it is asked twice without
echo; it is never a command-line argument.  The author of an account change
is the operating-system user.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from kinerja.config import load_policy
from kinerja.errors import DataValidationError, KinerjaError, OutputError, format_problems
from kinerja.labels import akun as txt
from kinerja.labels import messages as msg

if TYPE_CHECKING:
    from kinerja.accounts import Account, IssuedPassword
    from kinerja.pipeline import Scores

EXIT_INVALID = 2
#: The environment variable a password is read from (never a command-line argument).
ENV_PASSWORD = "KINERJA_PASSWORD"
#: The time zone of the times people read (DESIGN §11).
WIB = ZoneInfo("Asia/Jakarta")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kinerja", description=msg.CLI_DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True, metavar=msg.COMMAND_METAVAR)

    score = sub.add_parser("score", help=msg.HELP_SCORE)
    score.add_argument("--data", required=True, type=Path, help=msg.HELP_DATA)
    score.add_argument("--periode", required=True, help=msg.HELP_SCORED_PERIOD)
    score.add_argument("--out", required=True, type=Path, help=msg.HELP_OUT_FOLDER)
    score.add_argument("--policy", type=Path, help=msg.HELP_POLICY)
    score.set_defaults(func=_cmd_score)

    imp = sub.add_parser("import", help=msg.HELP_IMPORT)
    imp.add_argument("--data", required=True, type=Path, help=msg.HELP_DATA)
    imp.add_argument("--db", help=msg.HELP_DB)
    imp.add_argument("--oleh", help=msg.HELP_BY)
    imp.set_defaults(func=_cmd_import)

    exp = sub.add_parser("export", help=msg.HELP_EXPORT)
    exp.add_argument("--periode", required=True, action="append", help=msg.HELP_EXPORT_PERIOD)
    exp.add_argument("--db", help=msg.HELP_DB)
    exp.add_argument("--out", required=True, type=Path, help=msg.HELP_OUT_XLSX)
    exp.set_defaults(func=_cmd_export)

    srv = sub.add_parser("serve", help=msg.HELP_SERVE)
    srv.add_argument("--db", help=msg.HELP_DB_SERVE)
    srv.add_argument("--port", type=int, default=8866, help=msg.HELP_PORT)
    srv.add_argument("--dev", action="store_true", help=msg.HELP_DEV)
    srv.add_argument("--preheat", action="store_true", help=msg.HELP_PREHEAT)
    srv.add_argument("--cull-idle", type=int, default=300, help=msg.HELP_CULL_IDLE)
    srv.add_argument("--host", default="127.0.0.1", help=txt.HELP_HOST)
    srv.add_argument(
        "--allow-host", action="append", default=[], metavar="NAMA", help=txt.HELP_ALLOW_HOST
    )
    srv.add_argument("--max-kernels-per-user", type=int, default=3, help=txt.HELP_MAX_KERNELS)
    srv.add_argument("--session-hours", type=float, default=9.0, help=txt.HELP_SESSION_HOURS)
    srv.set_defaults(func=_cmd_serve)

    _users_parser(sub.add_parser("users", help=txt.HELP_USERS))

    from kinerja.cli_tasks import add_task_commands  # rating tasks (DESIGN §10)

    add_task_commands(sub)
    return parser


def _users_parser(users: argparse.ArgumentParser) -> None:
    sub = users.add_subparsers(dest="users_command", required=True, metavar=msg.COMMAND_METAVAR)
    roles = tuple(txt.ROLE_LABELS)

    add = sub.add_parser("add", help=txt.HELP_USERS_ADD)
    add.add_argument("username", help=txt.HELP_USERNAME)
    add.add_argument("--role", required=True, choices=roles, help=txt.HELP_ROLE)
    add.add_argument("--nip", help=txt.HELP_NIP)
    add.add_argument("--unit", action="append", default=[], help=txt.HELP_UNIT)
    add.add_argument("--db", help=msg.HELP_DB)
    add.set_defaults(func=_cmd_users_add)

    lst = sub.add_parser("list", help=txt.HELP_USERS_LIST)
    lst.add_argument("--db", help=msg.HELP_DB)
    lst.set_defaults(func=_cmd_users_list)

    dis = sub.add_parser("disable", help=txt.HELP_USERS_DISABLE)
    dis.add_argument("username", help=txt.HELP_USERNAME)
    dis.add_argument("--db", help=msg.HELP_DB)
    dis.set_defaults(func=_cmd_users_disable)

    pwd = sub.add_parser("password", help=txt.HELP_USERS_PASSWORD)
    pwd.add_argument("username", help=txt.HELP_USERNAME)
    pwd.add_argument("--db", help=msg.HELP_DB)
    pwd.set_defaults(func=_cmd_users_password)

    ros = sub.add_parser("add-from-roster", help=txt.HELP_USERS_ROSTER)
    ros.add_argument("--role", required=True, choices=("pegawai",), help=txt.HELP_ROLE)
    ros.add_argument("--unit", action="append", default=[], help=txt.HELP_ROSTER_UNIT)
    ros.add_argument("--out", type=Path, help=txt.HELP_ROSTER_OUT)
    ros.add_argument("--db", help=msg.HELP_DB)
    ros.set_defaults(func=_cmd_users_roster)


def _cmd_score(args: argparse.Namespace) -> int:
    from kinerja.loaders import load_dataset
    from kinerja.pipeline import score_dataset

    if args.out.exists() and not args.out.is_dir():
        raise KinerjaError(msg.OUT_NOT_FOLDER.format(out=args.out))
    policy = load_policy(args.policy)
    dataset = load_dataset(args.data)
    _print_warnings(dataset.warnings)
    if str(args.periode) not in dataset.periods():
        ada = ", ".join(dataset.periods()) or "-"
        print(msg.PERIOD_NOT_IN_DATA.format(periode=args.periode, ada=ada), file=sys.stderr)
        return EXIT_INVALID
    scores = score_dataset(dataset, args.periode, policy=policy)
    for path in _write_scores(scores, args.out):
        print(msg.WRITTEN.format(path=path))
    return 0


def _write_scores(scores: Scores, out: Path) -> list[Path]:
    """Write the four CSV files into ``out``; a folder that cannot be written is an
    :class:`OutputError` (one line, exit 1).

    ``Scores.write_csv`` stages the files in a temporary folder inside ``out``
    and moves them into place, removing the staging folder on failure; ``out``
    itself, when this call created it, is removed again, so a failure leaves
    nothing behind.
    """
    created = _missing_folders(out)
    try:
        return scores.write_csv(out)
    except OSError as exc:
        for folder in created:  # innermost first; a folder someone filled meanwhile stays
            try:
                folder.rmdir()
            except OSError:
                break
        raise OutputError(out, exc, noun=msg.FOLDER) from exc


def _missing_folders(path: Path) -> list[Path]:
    """``path`` and those of its parents that do not exist yet, innermost first."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists() or folder.is_symlink():
            break
        missing.append(folder)
    return missing


def _cmd_import(args: argparse.Namespace) -> int:
    from kinerja.loaders import load_dataset
    from kinerja.store import Store, default_url

    if not (args.db or default_url()):
        raise KinerjaError(msg.NO_DATABASE)
    from kinerja.cli_tasks import cmd_import, is_task_sheet

    if is_task_sheet(args.data):  # a penugasan sheet on its own: the rating tasks
        return cmd_import(args)
    dataset = load_dataset(args.data)
    _print_warnings(dataset.warnings)
    from kinerja.progress import TerminalProgress

    store = Store(args.db)
    progress = TerminalProgress.for_cli(sys.stderr, sys.stdout)
    try:
        result = store.import_dataset(
            dataset, who=args.oleh, source=str(args.data), progress=progress
        )
    finally:
        progress.end()
    print(msg.IMPORTED.format(**vars(result)))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    """The stored results of one or more periods as a workbook for people; only reads."""
    from kinerja.excel import export_workbook, stored_periods
    from kinerja.store import Store

    if args.out.suffix.lower() != ".xlsx":
        raise KinerjaError(msg.OUT_NOT_XLSX.format(name=args.out.name))
    if args.out.is_dir():
        raise KinerjaError(msg.OUT_IS_FOLDER.format(out=args.out))
    store = Store(args.db, create=False)  # only reads: a missing SQLite file is refused
    periods = list(dict.fromkeys(str(p) for p in args.periode))
    stored = stored_periods(store)
    if missing := [p for p in periods if p not in stored]:
        ada = ", ".join(stored) or "-"
        print(msg.PERIOD_NOT_STORED.format(periode=", ".join(missing), ada=ada), file=sys.stderr)
        return EXIT_INVALID
    export_workbook(store, periods, args.out)
    print(msg.WRITTEN.format(path=args.out))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from kinerja.serve import serve

    return serve(
        db=args.db,
        port=args.port,
        dev=args.dev,
        preheat=args.preheat,
        cull_idle=args.cull_idle,
        host=args.host,
        allow_hosts=args.allow_host,
        max_kernels=args.max_kernels_per_user,
        session_hours=args.session_hours,
    )


def _new_password(username: str) -> str:
    """``KINERJA_PASSWORD``, else asked twice without echo; checked for strength."""
    from kinerja.accounts import AccountError, check_password

    password = os.environ.get(ENV_PASSWORD)
    if not password:
        password = getpass.getpass(txt.PROMPT_PASSWORD.format(username=username))
        if getpass.getpass(txt.PROMPT_PASSWORD_AGAIN) != password:
            raise AccountError(txt.PASSWORDS_DIFFER)
    check_password(password, username)
    return password


def _cmd_users_add(args: argparse.Namespace) -> int:
    from kinerja.accounts import add_account
    from kinerja.store import Store, current_user

    password = _new_password(args.username)
    account = add_account(
        Store(args.db),
        args.username,
        args.role,
        password=password,
        who=current_user(),
        nip=args.nip,
        units=args.unit,
    )
    print(txt.ACCOUNT_ADDED.format(username=account.username, peran=txt.ROLE_LABELS[account.role]))
    return 0


def _cmd_users_list(args: argparse.Namespace) -> int:
    from kinerja.accounts import list_accounts
    from kinerja.store import Store

    accounts = list_accounts(Store(args.db, create=False))
    print(format_accounts(accounts) if accounts else txt.NO_ACCOUNTS)
    return 0


def format_time(moment: datetime | None) -> str:
    """A stored UTC time as people read it: ``07-12-2026 15:30 WIB`` (``–`` when none)."""
    return txt.NONE if moment is None else moment.astimezone(WIB).strftime(txt.TIME_FORMAT)


def format_accounts(accounts: Sequence[Account]) -> str:
    """The accounts as an aligned text table (labels, never codes; times in WIB)."""
    rows = [txt.LIST_COLUMNS] + [
        (
            a.username,
            txt.ROLE_LABELS[a.role],
            a.nip or txt.NONE,
            ", ".join(a.units) or txt.NONE,
            txt.NO if a.disabled else txt.YES,
            format_time(a.last_login),
        )
        for a in accounts
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(txt.LIST_COLUMNS))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def _cmd_users_disable(args: argparse.Namespace) -> int:
    from kinerja.accounts import disable_account
    from kinerja.store import Store

    disable_account(Store(args.db, create=False), args.username)
    print(txt.ACCOUNT_DISABLED.format(username=args.username))
    return 0


def _cmd_users_password(args: argparse.Namespace) -> int:
    from kinerja.accounts import set_password
    from kinerja.store import Store

    store = Store(args.db, create=False)
    set_password(store, args.username, _new_password(args.username))
    print(txt.PASSWORD_SET.format(username=args.username))
    return 0


def _cmd_users_roster(args: argparse.Namespace) -> int:
    """One ``pegawai`` account per employee without one; one-time passwords into an xlsx.

    The file is written to a temporary name beside ``--out`` inside the
    accounts' transaction and moved into place after the commit, so either
    both the accounts and the file exist, or neither.
    """
    from kinerja.accounts import add_roster_accounts
    from kinerja.store import Store, current_user

    out: Path = args.out or Path(datetime.now(WIB).strftime("sandi_awal_%Y%m%d_%H%M.xlsx"))
    if out.suffix.lower() != ".xlsx":
        raise KinerjaError(msg.OUT_NOT_XLSX.format(name=out.name))
    if out.exists():
        raise KinerjaError(txt.ROSTER_OUT_EXISTS.format(path=out))
    partial = out.with_name(f".{out.name}.tmp")
    store = Store(args.db, create=False)

    def deliver(issued: Sequence[IssuedPassword]) -> None:
        if issued:
            try:
                write_passwords(issued, partial)
            except OSError as exc:
                raise OutputError(out, exc) from exc

    try:
        issued = add_roster_accounts(store, who=current_user(), units=args.unit, deliver=deliver)
        if issued:
            os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    if not issued:
        print(txt.ROSTER_NOTHING)
        return 0
    print(txt.ROSTER_ADDED.format(n=len(issued), path=out))
    return 0


def write_passwords(issued: Sequence[IssuedPassword], path: Path) -> None:
    """The one-time passwords as a workbook for HR, readable only by its owner.

    Every cell is text (a NIP keeps its 18 digits; nothing is a formula).
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = txt.ROSTER_SHEET
    sheet.append(list(txt.ROSTER_COLUMNS))
    for p in issued:
        sheet.append([p.nip, p.nama, p.unit_kerja, p.username, p.password])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = TYPE_STRING
            cell.number_format = "@"
    sheet.append([])
    sheet.append([txt.ROSTER_NOTE])
    for column, width in zip("ABCDE", (22, 32, 32, 22, 26), strict=True):
        sheet.column_dimensions[column].width = width
    path.touch(mode=0o600)
    os.chmod(path, 0o600)
    book.save(path)


def _print_warnings(warnings) -> None:  # type: ignore[no-untyped-def]
    if len(warnings):
        print(msg.WARNINGS.format(n=len(warnings)), file=sys.stderr)
        print(format_problems(warnings), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kinerja`` console script."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except DataValidationError as err:
        print(f"{err}", file=sys.stderr)
        print(err.report(), file=sys.stderr)
        return EXIT_INVALID
    except KinerjaError as err:
        print(msg.ERROR_LINE.format(error=err), file=sys.stderr)
        return err.exit_status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
