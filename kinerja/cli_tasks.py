"""The ``kinerja tasks`` commands (DESIGN.md §10): generate, import, schedule, remind.

Kept apart from :mod:`kinerja.cli` so that its parser gains them in one call
(:func:`add_task_commands`); ``kinerja import --data penugasan.csv`` is routed
here by :func:`is_task_sheet`.  Errors are :class:`kinerja.errors.KinerjaError`
and leave :func:`kinerja.cli.main` with its exit status.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from kinerja.errors import KinerjaError, OutputError
from kinerja.labels import messages as msg
from kinerja.labels import tugas as txt


def add_task_commands(sub: Any) -> None:
    """Add ``kinerja tasks generate|import|schedule|remind`` to the command parser."""
    tasks = sub.add_parser("tasks", help=txt.HELP_TASKS)
    cmds = tasks.add_subparsers(dest="task_command", required=True, metavar="PERINTAH")

    gen = cmds.add_parser("generate", help=txt.HELP_GENERATE)
    gen.add_argument("--periode", required=True, help=txt.HELP_PERIODE)
    gen.add_argument("--seed", type=int, default=0, help=txt.HELP_SEED)
    _store_options(gen)
    gen.set_defaults(func=cmd_generate)

    imp = cmds.add_parser("import", help=txt.HELP_TASK_IMPORT)
    imp.add_argument("--data", required=True, type=Path, help=txt.HELP_TASK_FILE)
    imp.add_argument("--unit", action="append", help=txt.HELP_UNIT)
    _store_options(imp)
    imp.set_defaults(func=cmd_import)

    sch = cmds.add_parser("schedule", help=txt.HELP_SCHEDULE)
    sch.add_argument("--periode", required=True, help=txt.HELP_PERIODE)
    sch.add_argument("--dibuka", required=True, type=_date, help=txt.HELP_DATE)
    sch.add_argument("--ditutup", required=True, type=_date, help=txt.HELP_DATE)
    _store_options(sch)
    sch.set_defaults(func=cmd_schedule)

    rem = cmds.add_parser("remind", help=txt.HELP_REMIND)
    rem.add_argument("--periode", required=True, help=txt.HELP_PERIODE)
    rem.add_argument("--unit", required=True, help=txt.HELP_REMIND_UNIT)
    rem.add_argument("--out", required=True, type=Path, help=txt.HELP_REMIND_OUT)
    rem.add_argument("--db", help=msg.HELP_DB)
    rem.set_defaults(func=cmd_remind)


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help=msg.HELP_DB)
    parser.add_argument("--oleh", help=msg.HELP_BY)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(txt.BAD_DATE.format(value=value)) from None


def _store(args: argparse.Namespace, *, create: bool = True) -> Any:
    from kinerja.store import Store, default_url

    if not (args.db or default_url()):
        raise KinerjaError(msg.NO_DATABASE)
    return Store(args.db, create=create)


def _who(args: argparse.Namespace) -> str:
    from kinerja.store import current_user

    return str(getattr(args, "oleh", None) or current_user())


def is_task_sheet(path: Path) -> bool:
    """True for a file named ``penugasan.csv`` or ``.xlsx`` (``kinerja import`` routes it)."""
    return path.is_file() and path.stem.lower() == txt.TASK_SHEET


def cmd_generate(args: argparse.Namespace) -> int:
    from kinerja.task_store import generate

    store = _store(args)
    if store.is_empty():
        raise KinerjaError(txt.NO_ROSTER)
    n = generate(store, args.periode, who=_who(args), seed=args.seed)
    print(txt.GENERATED.format(periode=args.periode, n=n))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from kinerja.task_store import import_tasks

    store = _store(args)
    n = import_tasks(store, args.data, who=_who(args), units=getattr(args, "unit", None))
    print(txt.IMPORTED.format(n=n))
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    from kinerja.task_store import set_schedule

    store = _store(args)
    set_schedule(store, args.periode, args.dibuka, args.ditutup, who=_who(args))
    day = "%d-%m-%Y"
    print(
        txt.SCHEDULED.format(
            periode=args.periode,
            dibuka=args.dibuka.strftime(day),
            ditutup=args.ditutup.strftime(day),
        )
    )
    return 0


def cmd_remind(args: argparse.Namespace) -> int:
    from kinerja.task_completion import reminder_file, unit_reminders

    kind = args.out.suffix.lower().lstrip(".")
    if kind not in ("csv", "xlsx"):
        raise KinerjaError(txt.BAD_OUT.format(name=args.out.name))
    store = _store(args, create=False)  # only reads
    reminders = unit_reminders(store, args.periode, args.unit)
    data = reminder_file(reminders, "csv" if kind == "csv" else "xlsx")
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        raise OutputError(args.out, exc) from exc
    print(txt.REMINDERS.format(n=len(reminders), path=args.out))
    return 0
