"""The ``kinerja`` command line: score, import, export and serve.

Exit status: 0 success, 2 invalid input or usage (every problem on standard
error, nothing written), 1 a failure of the environment: the database is
locked, full, read-only, missing or unreachable (one line on standard error,
nothing stored; :class:`kinerja.errors.StorageError`), or an output file or
folder cannot be written (:class:`kinerja.errors.OutputError`, nothing left
half-written).  Commands that only read (``export``) never create a database.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kinerja.config import load_policy
from kinerja.errors import DataValidationError, KinerjaError, OutputError, format_problems
from kinerja.labels import messages as msg

if TYPE_CHECKING:
    from kinerja.pipeline import Scores

EXIT_INVALID = 2


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
    srv.set_defaults(func=_cmd_serve)

    from kinerja.cli_tasks import add_task_commands  # rating tasks (DESIGN §10)

    add_task_commands(sub)
    return parser


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
        db=args.db, port=args.port, dev=args.dev, preheat=args.preheat, cull_idle=args.cull_idle
    )


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
