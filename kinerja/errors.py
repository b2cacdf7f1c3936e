"""Errors a user can fix (``KinerjaError`` and subclasses, messages in Bahasa Indonesia).

The hierarchy, with the command line's exit status of each::

    KinerjaError                 2  invalid input or usage (base class)
    ├── ConfigError              2  the policy file or a setting such as KINERJA_DB_TIMEOUT
    ├── DataValidationError      2  the input data break the contract (``.problems``)
    ├── StoreError               2  a storage action was refused (no database given, no
    │                               author, unknown NIP, nothing to undo …)
    ├── AdjustmentError          2  a calibration adjustment was refused (no reason, no change …)
    ├── TaskError                2  a rating-task action was refused (not the account's task,
    │                               the period closed, no such task …)
    ├── AccountError             2  an account action was refused (unknown role, weak
    │                               password, unknown NIP …)
    ├── LoginRefused             2  a sign-in was refused (wrong password, locked, disabled)
    ├── ServeError               2  ``kinerja serve`` cannot start (port taken …)
    ├── AccessDenied             2  the signed-in account may not open, see or change this
    ├── StorageError             1  the database is locked, full, read-only, missing,
    │                               unreachable or its URL unusable (one line)
    └── OutputError              1  an output file or folder cannot be written

The messages are in :mod:`kinerja.labels.messages`.

Errors only a developer can fix are built-in exceptions with English messages.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import pandas as pd

from kinerja.labels import messages as msg

#: Columns of a problems table (one row per problem found in the input).
PROBLEM_COLUMNS: tuple[str, ...] = ("berkas", "baris", "kolom", "nilai", "pesan", "tingkat")


class KinerjaError(Exception):
    """Base class of every error a user can fix; the message is Bahasa Indonesia.

    ``exit_status`` is the command line's exit status for the error: 2
    (invalid input or usage) unless a subclass says otherwise.
    """

    exit_status: ClassVar[int] = 2


class ConfigError(KinerjaError):
    """The policy file or a policy value is invalid."""


class DataValidationError(KinerjaError):
    """The input data break the data contract; nothing was stored or written.

    Attributes
    ----------
    problems
        One row per problem with the columns of :data:`PROBLEM_COLUMNS`:
        ``berkas`` (file or sheet), ``baris`` (row as Excel shows it, the
        header being row 1; empty for a whole-file problem), ``kolom``,
        ``nilai`` (the bad value), ``pesan`` (what is expected) and
        ``tingkat`` (``galat``).
    """

    def __init__(self, problems: pd.DataFrame):
        self.problems = problems.reset_index(drop=True)
        n = len(self.problems)
        super().__init__(msg.INVALID_DATA.format(n=n))

    def report(self) -> str:
        """All problems as text lines, one per problem."""
        return format_problems(self.problems)


class StoreError(KinerjaError):
    """A storage action was refused (no database given, no author, unknown NIP …)."""


class AdjustmentError(KinerjaError):
    """A calibration adjustment was refused (no reason, unknown value, no change …)."""


class TaskError(KinerjaError):
    """A rating-task action was refused (not the account's task, period closed, no such task …)."""


class AccountError(KinerjaError):
    """An account action was refused (unknown role, weak password, unknown NIP …)."""


class LoginRefused(KinerjaError):
    """A sign-in was refused; ``reason`` is ``invalid``, ``locked`` or ``disabled``."""

    def __init__(self, reason: Literal["invalid", "locked", "disabled"], message: str):
        self.reason = reason
        super().__init__(message)


class ServeError(KinerjaError):
    """``kinerja serve`` cannot start (port taken, Voilà template missing)."""


class AccessDenied(KinerjaError):
    """The signed-in account may not open, see or change this (:mod:`kinerja.access`)."""


class StorageError(KinerjaError):
    """The database failed (locked, full, read-only, unreachable …); nothing was stored.

    The message is one line in Bahasa Indonesia saying what happened and what
    to do; ``kind`` is its key in :data:`kinerja.labels.messages.STORAGE`.  The command line
    exits with status 1 (a failure of the environment, not of the input).
    """

    exit_status: ClassVar[int] = 1

    def __init__(self, kind: str, *, detail: str = ""):
        self.kind = kind
        super().__init__(msg.STORAGE[kind].format(detail=detail))


class OutputError(KinerjaError):
    """An output file could not be written (no space, no permission, no such folder).

    The command line exits with status 1, as for :class:`StorageError`.
    """

    exit_status: ClassVar[int] = 1

    def __init__(self, path: object, error: OSError, *, noun: str = msg.FILE):
        self.path = path
        reason = error.strerror or type(error).__name__
        super().__init__(msg.UNWRITABLE.format(noun=noun, path=path, reason=reason))


def format_problems(problems: pd.DataFrame) -> str:
    """Render a problems table as lines ``berkas, baris N, kolom K: nilai 'v' — pesan``."""
    lines = []
    rec: Any  # itertuples rows: pandas-stubs types the fields as the full Scalar union
    for rec in problems.itertuples(index=False):
        where = [str(rec.berkas)]
        if pd.notna(rec.baris) and rec.baris != "":
            where.append(msg.PROBLEM_ROW.format(baris=int(rec.baris)))
        if isinstance(rec.kolom, str) and rec.kolom:
            where.append(msg.PROBLEM_COLUMN.format(kolom=rec.kolom))
        empty = pd.isna(rec.nilai) or rec.nilai == ""
        value = "" if empty else msg.PROBLEM_VALUE.format(nilai=rec.nilai)
        lines.append(f"{', '.join(where)}{value} — {rec.pesan}")
    return "\n".join(lines)
