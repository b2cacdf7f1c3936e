"""Errors a user can fix (``KinerjaError`` and subclasses, messages in Bahasa Indonesia).

The hierarchy, with the command line's exit status of each::

    KinerjaError                 2  invalid input or usage (base class)
    ├── ConfigError              2  the policy file or a setting such as KINERJA_DB_TIMEOUT
    ├── DataValidationError      2  the input data break the contract (``.problems``)
    ├── kinerja.store.StoreError 2  a storage action was refused (no database given …)
    ├── kinerja.serve.ServeError 2  ``kinerja serve`` cannot start (port taken …)
    ├── StorageError             1  the database is locked, full, read-only, missing,
    │                               unreachable or its URL unusable (one line)
    └── OutputError              1  an output file or folder cannot be written

Errors only a developer can fix are built-in exceptions with English messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

import pandas as pd

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
        super().__init__(f"Data tidak valid: {n} masalah ditemukan; tidak ada yang disimpan.")

    def report(self) -> str:
        """All problems as text lines, one per problem."""
        return format_problems(self.problems)


#: One line per kind of storage failure: what happened and what to do (DESIGN §7).
STORAGE_MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "locked": (
            "Basis data sedang dikunci oleh program lain yang menyimpan data; tutup program "
            "itu atau tunggu sebentar, lalu coba lagi. Tidak ada yang disimpan."
        ),
        "full": (
            "Disk penuh: basis data tidak dapat ditulis. Kosongkan ruang disk, lalu coba "
            "lagi. Tidak ada yang disimpan."
        ),
        "readonly": (
            "Basis data hanya dapat dibaca: periksa izin tulis berkas basis data dan "
            "foldernya, lalu coba lagi. Tidak ada yang disimpan."
        ),
        "cantopen": (
            "Berkas basis data tidak dapat dibuka: periksa URL/path basis data (--db atau "
            "KINERJA_DB) dan izin foldernya."
        ),
        "missing": (
            "Berkas basis data {detail} tidak ada: periksa URL/path basis data (--db atau "
            "KINERJA_DB); basis data baru dibuat oleh kinerja import."
        ),
        "notadb": (
            "Berkas itu bukan basis data kinerja atau sudah rusak: periksa URL/path basis "
            "data (--db atau KINERJA_DB)."
        ),
        "io": (
            "Basis data tidak dapat dibaca atau ditulis (galat disk): periksa disk dan "
            "berkas basis data, lalu coba lagi. Tidak ada yang disimpan."
        ),
        "unreachable": (
            "Basis data tidak dapat dihubungi: periksa URL basis data (--db atau KINERJA_DB), "
            "nama basis data, pengguna, dan apakah server basis data berjalan."
        ),
        "url": (
            "URL basis data tidak dapat dipakai: periksa URL (--db atau KINERJA_DB), "
            "mis. sqlite:///kinerja.sqlite atau postgresql+psycopg://pengguna@host/kinerja."
        ),
        "driver": (
            "Driver basis data untuk URL ini belum terpasang ({detail}): periksa URL "
            "(--db atau KINERJA_DB) atau pasang drivernya."
        ),
    }
)


class StorageError(KinerjaError):
    """The database failed (locked, full, read-only, unreachable …); nothing was stored.

    The message is one line in Bahasa Indonesia saying what happened and what
    to do; ``kind`` is the key of :data:`STORAGE_MESSAGES`.  The command line
    exits with status 1 (a failure of the environment, not of the input).
    """

    exit_status: ClassVar[int] = 1

    def __init__(self, kind: str, *, detail: str = ""):
        self.kind = kind
        super().__init__(STORAGE_MESSAGES[kind].format(detail=detail))


class OutputError(KinerjaError):
    """An output file could not be written (no space, no permission, no such folder).

    The command line exits with status 1, as for :class:`StorageError`.
    """

    exit_status: ClassVar[int] = 1

    def __init__(self, path: object, error: OSError, *, noun: str = "Berkas"):
        self.path = path
        reason = error.strerror or type(error).__name__
        super().__init__(
            f"{noun} {path} tidak dapat ditulis ({reason}): periksa folder, izin tulis dan "
            "ruang disk, lalu coba lagi."
        )


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
