"""Errors a user can fix (``KinerjaError`` and subclasses, messages in Bahasa Indonesia).

Errors only a developer can fix are built-in exceptions with English messages.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

#: Columns of a problems table (one row per problem found in the input).
PROBLEM_COLUMNS: tuple[str, ...] = ("berkas", "baris", "kolom", "nilai", "pesan", "tingkat")


class KinerjaError(Exception):
    """Base class of every error a user can fix; the message is Bahasa Indonesia."""


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
        super().__init__(f"Data tidak valid: {n} masalah ditemukan; tidak ada yang disimpan.")

    def report(self) -> str:
        """All problems as text lines, one per problem."""
        return format_problems(self.problems)


def format_problems(problems: pd.DataFrame) -> str:
    """Render a problems table as lines ``berkas, baris N, kolom K: nilai 'v' — pesan``."""
    lines = []
    rec: Any  # itertuples rows: pandas-stubs types the fields as the full Scalar union
    for rec in problems.itertuples(index=False):
        where = [str(rec.berkas)]
        if pd.notna(rec.baris) and rec.baris != "":
            where.append(f"baris {int(rec.baris)}")
        if isinstance(rec.kolom, str) and rec.kolom:
            where.append(f"kolom {rec.kolom}")
        value = "" if pd.isna(rec.nilai) or rec.nilai == "" else f": nilai '{rec.nilai}'"
        lines.append(f"{', '.join(where)}{value} — {rec.pesan}")
    return "\n".join(lines)
