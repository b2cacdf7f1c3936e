"""Storage (DESIGN.md §7): SQLite by default, PostgreSQL by URL, through SQLAlchemy Core.

- Every import and every save is one transaction: all or nothing.
- Ratings (``penilaian``, ``hasil_kerja``) and calibration adjustments are
  append-only records with who and when; a correction is a newer record for
  the same key, which supersedes the older one while the history stays
  readable.  A rating is withdrawn by a newer record with ``dihapus`` true.
- Reference tables (``pegawai``, ``standar_kompetensi``, ``unit_kerja``,
  ``kompetensi``, ``pelatihan``) hold the latest imported version.
- SQLite runs in WAL mode with a busy timeout, so two kernels or processes
  saving at once both succeed.

Schema changes are Alembic migrations shipped in the package
(``kinerja/migrations/versions/``).  Opening a :class:`Store` upgrades the
database in place:

- the revision (Alembic's ``alembic_version`` table) is read in a plain
  read transaction.  At :data:`SCHEMA_VERSION` (the newest revision)
  nothing else happens, so readers never take the write lock;
- otherwise one write transaction (``BEGIN IMMEDIATE`` on SQLite, an
  advisory lock on PostgreSQL) reads the revision again, since another
  process may have upgraded meanwhile.  A store made by kinerja 0.1 has no
  ``alembic_version`` but ``kinerja_meta.schema_version`` = 1: it is
  stamped as revision ``0001`` (:data:`LEGACY_REVISIONS`), whose schema it
  has.  Then every newer migration runs on that connection; an empty
  database goes from nothing to the newest revision.  All or nothing: a
  failed upgrade leaves the store as it was.

Adding a migration (a developer's task; ``alembic revision`` is not needed):
copy ``kinerja/migrations/versions/0001_schema_0_1.py`` to
``NNNN_what.py`` with ``revision = "NNNN"`` and ``down_revision`` = the
previous revision, write ``upgrade()`` with ``alembic.op`` (``op.create_table``,
``op.add_column``, ``op.create_index``, ``op.execute`` … spelled out in the
script: never import the live tables below, which keep changing), change the
live tables below to match, and set :data:`SCHEMA_VERSION` to ``"NNNN"``.
``tests/test_migrations.py`` checks that the migrated schema equals the live
tables and that a 0.1 store still upgrades.
"""

from __future__ import annotations

import getpass
import math
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import numpy as np
import pandas as pd
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from kinerja.calibration import ADJUSTMENT_COLUMNS, no_change_message
from kinerja.contracts import CONTRACTS, TABLE_COLUMNS, Column, Kind
from kinerja.dataset import Dataset
from kinerja.errors import (
    PROBLEM_COLUMNS,
    ConfigError,
    DataValidationError,
    StorageError,
    StoreError,
)
from kinerja.labels import messages as msg
from kinerja.loaders import assemble, validate_rows
from kinerja.pipeline import EmployeeScores, Scores, score_dataset, score_employees
from kinerja.progress import STEP_END as _STEP_END
from kinerja.progress import ImportProgress as _ImportProgress
from kinerja.readers import RawTables
from kinerja.validation import StoredReference
from kinerja.vocab import AdjustableField, Rating

#: Environment variable holding the database URL.
ENV_DB = "KINERJA_DB"

#: Environment variable holding how long (seconds) a writer waits for another's lock.
ENV_DB_TIMEOUT = "KINERJA_DB_TIMEOUT"

#: Default of :data:`ENV_DB_TIMEOUT`, seconds.
DEFAULT_DB_TIMEOUT = 30.0

#: Alembic revision of the newest migration in ``kinerja/migrations/versions`` (the schema of
#: the tables below); a test checks that it is the scripts' head.
SCHEMA_VERSION = "0003"

#: ``kinerja_meta.schema_version`` of a store made before Alembic (0.1) -> the revision it equals.
LEGACY_REVISIONS: dict[str, str] = {"1": "0001"}

#: Key of the PostgreSQL advisory lock that serialises two processes upgrading one database.
_MIGRATION_LOCK_KEY = 0x6B696E65  # "kine"

metadata = sa.MetaData()

meta_table = sa.Table(
    "kinerja_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(255), nullable=False),
)

imports_table = sa.Table(
    "impor",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sumber_data", sa.String(500), nullable=False),
    sa.Column("oleh", sa.String(200), nullable=False),
    sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
    sa.Column("n_penilaian_baru", sa.Integer, nullable=False),
)


def _sql_type(column: Column) -> sa.types.TypeEngine[Any]:
    """How a contract column is stored."""
    if column.kind is Kind.LEVEL:
        return sa.Integer()
    if column.kind is Kind.POSITIVE:
        return sa.Float()
    return sa.Text() if column.width is None else sa.String(column.width)


def _input_table(
    name: str, *extra: sa.Column | sa.Index, records: bool = False, nullable: tuple[str, ...] = ()
) -> sa.Table:
    """The store's table of an input table: its contract's columns, then ``extra``.

    A reference table's key is its primary key.  A record table (ratings,
    work results) keys by ``id`` and ends with who stored a record, when,
    and from which import.  ``nullable`` names required columns the store
    may leave empty (a withdrawn rating's ``skor``).
    """
    contract = CONTRACTS[name]
    columns = [
        sa.Column(
            c.name,
            _sql_type(c),
            primary_key=not records and c.name in contract.key,
            nullable=not c.required or c.name in nullable,
        )
        for c in contract.columns
    ]
    if not records:
        return sa.Table(name, metadata, *columns, *extra)
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        *columns,
        *extra,
        sa.Column("oleh", sa.String(200), nullable=False),
        sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
        sa.Column("impor_id", sa.Integer, sa.ForeignKey("impor.id")),
    )


pegawai_table = _input_table("pegawai")
standar_table = _input_table("standar_kompetensi")
unit_table = _input_table("unit_kerja")
kompetensi_table = _input_table("kompetensi")
pelatihan_table = _input_table("pelatihan")
penilaian_table = _input_table(
    "penilaian",
    sa.Column("dihapus", sa.Boolean, nullable=False, default=False),
    sa.Index(
        "ix_penilaian_kunci", "periode", "nip_dinilai", "nip_penilai", "kompetensi_kode", "id"
    ),
    records=True,
    nullable=("skor",),
)
hasil_kerja_table = _input_table(
    "hasil_kerja", sa.Index("ix_hasil_kerja_kunci", "periode", "nip", "id"), records=True
)

adjustments_table = sa.Table(
    "kalibrasi",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("periode", sa.String(20), nullable=False),
    sa.Column("nip", sa.String(32), nullable=False),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("old_value", sa.String(20)),
    sa.Column("new_value", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("when", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_kalibrasi_kunci", "periode", "nip", "id"),
)

RATING_KEY = ("periode", "nip_dinilai", "nip_penilai", "kompetensi_kode")

#: One rater's ratings of one ratee in one period: they share one source.
RATER_PAIR = ("periode", "nip_dinilai", "nip_penilai")

#: A save of more rater pairs than this reads its periods at once instead of pair by pair.
_PAIR_QUERIES = 50

#: The columns a rating record carries besides who/when.
_RATING_VALUES = [*RATING_KEY, "sumber", "skor", "catatan"]

#: The NIP columns of a rating a save looks up in the roster (by key).
_RATING_NIPS = ("nip_dinilai", "nip_penilai")

#: Columns read when only the ratings in force matter (no per-row timestamps to parse).
_RATING_READ = [*RATING_KEY, "sumber", "skor", "catatan", "dihapus"]


def alembic_config(conn: Connection | None = None) -> Config:
    """Alembic's configuration for the migrations shipped in ``kinerja/migrations``.

    No ``alembic.ini``: the script location is the package folder, and
    ``conn`` (the open connection the migrations run on, inside the
    caller's transaction) goes to ``env.py`` as ``attributes["connection"]``.
    """
    cfg = Config()
    folder = str(resources.files("kinerja") / "migrations")
    cfg.set_main_option("script_location", folder.replace("%", "%%"))
    cfg.attributes["connection"] = conn
    return cfg


def migration_revisions() -> list[str]:
    """The revisions of the shipped migrations, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in reversed(list(script.walk_revisions()))]


def _legacy_revision(conn: Connection) -> str | None:
    """The revision a store made before Alembic equals, from ``kinerja_meta.schema_version``."""
    if not sa.inspect(conn).has_table(meta_table.name):
        return None
    row = conn.execute(
        sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
    ).first()
    return LEGACY_REVISIONS.get(str(row[0])) if row else None


def _refuse_unknown(revision: str | None) -> None:
    """Refuse a database at a revision this version does not ship (made by a newer kinerja)."""
    if revision is not None and revision not in migration_revisions():
        raise StoreError(msg.NEWER_SCHEMA.format(revision=revision))


def _revision(conn: Connection) -> str | None:
    """The database's Alembic revision; None for an empty database or a 0.1 store."""
    return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True)
class ImportResult:
    """What one import stored."""

    impor_id: int
    n_penilaian_baru: int
    n_hasil_kerja_baru: int
    n_pegawai: int


@dataclass(frozen=True)
class SaveResult:
    """What one form save really stored (records equal to those in force are not stored)."""

    n_penilaian_baru: int
    n_hasil_kerja_baru: int
    n_ditarik: int

    @property
    def n_total(self) -> int:
        """Every record written; 0 means nothing changed and nothing was stored."""
        return self.n_penilaian_baru + self.n_hasil_kerja_baru + self.n_ditarik


def now() -> datetime:
    """The current time, UTC (stored with every record)."""
    return datetime.now(UTC)


def current_user() -> str:
    """The operating-system user, as the default author of imports."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no passwd entry in a container
        return msg.UNKNOWN_USER


def default_url() -> str | None:
    """The database URL from ``KINERJA_DB``, if set."""
    return os.environ.get(ENV_DB) or None


def sqlite_url(path: str | Path) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path).resolve()}"


def db_timeout(timeout: float | None = None) -> float:
    """Seconds a writer waits for another writer's lock: ``timeout``, else ``KINERJA_DB_TIMEOUT``,
    else :data:`DEFAULT_DB_TIMEOUT`."""
    if timeout is None:
        raw = os.environ.get(ENV_DB_TIMEOUT, "").strip()
        if not raw:
            return DEFAULT_DB_TIMEOUT
        try:
            timeout = float(raw)
        except ValueError:
            timeout = math.nan
        if not (math.isfinite(timeout) and timeout >= 0):
            raise ConfigError(msg.BAD_DB_TIMEOUT.format(env=ENV_DB_TIMEOUT, raw=raw))
    return timeout


def make_engine(url: str, *, timeout: float | None = None) -> Engine:
    """An engine; SQLite gets WAL, a busy timeout and foreign keys on every connection.

    pysqlite's own lazy transaction handling is switched off so that writes
    start with ``BEGIN IMMEDIATE``: two writers then queue on the busy
    timeout (``timeout`` seconds, see :func:`db_timeout`) instead of failing
    with "database is locked" half-way.  Reads start with a plain ``BEGIN``
    and, in WAL mode, never wait for a writer.

    Every storage failure of the driver (locked, full, read-only,
    unreachable …) is raised as :class:`kinerja.errors.StorageError`, one
    Indonesian line; so is a URL that cannot be used or whose driver is
    missing.  Programming errors (bad SQL, constraint violations) are not
    translated.
    """
    if "://" not in url:
        url = sqlite_url(url)
    seconds = db_timeout(timeout)
    try:
        engine = _create_engine(url, seconds)
    except ImportError as exc:
        raise StorageError("driver", detail=exc.name or str(exc)) from exc
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise StorageError("url") from exc
    sa.event.listen(engine, "handle_error", _translate_error)
    return engine


def _create_engine(url: str, timeout: float) -> Engine:
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url, connect_args={"timeout": timeout})
    busy_ms = int(timeout * 1000)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={busy_ms}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        write = conn.get_execution_options().get("kinerja_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


#: SQLite primary result codes -> kind of storage failure (:data:`kinerja.labels.messages.STORAGE`).
_SQLITE_KINDS: dict[str, str] = {
    "SQLITE_BUSY": "locked",
    "SQLITE_LOCKED": "locked",
    "SQLITE_FULL": "full",
    "SQLITE_READONLY": "readonly",
    "SQLITE_CANTOPEN": "cantopen",
    "SQLITE_NOTADB": "notadb",
    "SQLITE_CORRUPT": "notadb",
    "SQLITE_IOERR": "io",
    "SQLITE_PERM": "readonly",
    "SQLITE_AUTH": "readonly",
}

#: SQLite messages -> kind, for Python builds whose errors carry no ``sqlite_errorname``.
_SQLITE_MESSAGES: dict[str, str] = {
    "database is locked": "locked",
    "database table is locked": "locked",
    "database or disk is full": "full",
    "attempt to write a readonly database": "readonly",
    "unable to open database file": "cantopen",
    "file is not a database": "notadb",
    "database disk image is malformed": "notadb",
    "disk i/o error": "io",
}

#: PostgreSQL SQLSTATE (exact code, else its two-character class) -> kind.
_SQLSTATE_KINDS: dict[str, str] = {
    "53100": "full",  # disk_full
    "25006": "readonly",  # read_only_sql_transaction
    "55P03": "locked",  # lock_not_available
    "40P01": "locked",  # deadlock_detected: another writer; trying again succeeds
    "40001": "locked",  # serialization_failure: likewise
    "3D000": "unreachable",  # invalid_catalog_name: no such database
    "08": "unreachable",  # connection exception
    "28": "unreachable",  # invalid authorization
    "57P01": "unreachable",  # admin_shutdown
    "57P02": "unreachable",  # crash_shutdown
    "57P03": "unreachable",  # cannot_connect_now (server starting)
    "58": "io",  # system error (I/O)
}


def storage_failure_kind(exc: BaseException) -> str | None:
    """The kind of storage failure a driver exception means, or None for a programming error.

    ``exc`` is the driver's own exception (``sqlite3.OperationalError``,
    ``psycopg.OperationalError`` …) or SQLAlchemy's wrapper of it.
    """
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, sqlite3.Error):
        name = str(getattr(orig, "sqlite_errorname", ""))
        primary = "_".join(name.split("_")[:2])
        if primary in _SQLITE_KINDS:
            return _SQLITE_KINDS[primary]
        return _SQLITE_MESSAGES.get(str(orig).strip().lower())
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(code, str) and code:
        kind = _SQLSTATE_KINDS.get(code) or _SQLSTATE_KINDS.get(code[:2])
        if kind:
            return kind
    names = {cls.__name__ for cls in type(orig).__mro__}
    if {"OperationalError", "InterfaceError"} & names:
        return "unreachable"  # a DBAPI's connection-level failure without a known code
    return None


def _translate_error(context: sa.engine.ExceptionContext) -> None:
    """``handle_error`` hook: raise a storage failure as one Indonesian line."""
    if context.is_pre_ping:  # the pool reconnects on its own
        return
    kind = storage_failure_kind(context.original_exception)
    if kind is not None:
        raise StorageError(kind) from context.original_exception


def _sqlite_file(url: sa.URL) -> Path | None:
    """The file a SQLite URL would create when missing; None for other databases, memory, or a
    URI that names its own ``mode`` (``ro``/``rw`` never create)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    database = str(url.database)
    if str(url.query.get("uri", "")).lower() in ("true", "1"):
        if "mode" in url.query or not database.startswith("file:"):
            return None
        database = database.removeprefix("file:").removeprefix("//")
        database = database.split("?", 1)[0]
    return Path(database)


def _refuse_to_create(engine: Engine) -> None:
    """For ``Store(create=False)``: refuse a missing SQLite file or a database without the
    schema, and open SQLite files with ``mode=rw`` so that SQLite itself never creates one."""
    path = _sqlite_file(engine.url)
    if path is not None:
        if not path.exists():
            raise StorageError("missing", detail=str(path))

        @sa.event.listens_for(engine, "do_connect")
        def _open_existing(_dialect, _record, cargs, cparams):  # type: ignore[no-untyped-def]
            if cargs and not cparams.get("uri"):
                cargs[0] = f"file:{quote(str(Path(cargs[0]).resolve()))}?mode=rw"
                cparams["uri"] = True

    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(meta_table.name):
            raise StorageError("notadb")


class Store:
    """The appraisal database.

    Parameters
    ----------
    url
        SQLAlchemy URL (``sqlite:///path.sqlite``, ``postgresql+psycopg://…``)
        or a plain file path for SQLite.  ``None`` takes ``KINERJA_DB``.
    timeout
        Seconds a write waits for another writer's lock before it fails
        with :class:`kinerja.errors.StorageError`; ``None`` takes
        ``KINERJA_DB_TIMEOUT``, else 30.
    create
        False for a caller that only reads (``kinerja export``): a SQLite
        file that does not exist is refused (``StorageError`` of kind
        ``missing``) and never created, and a database without the kinerja
        schema is refused (kind ``notadb``) instead of receiving it.  An
        existing kinerja database of an older version is still migrated.

    Raises
    ------
    kinerja.errors.StorageError
        From the constructor and every method, when the database is locked,
        full, read-only, unreachable or its URL unusable: one Indonesian
        line; a write transaction is rolled back first.
    """

    def __init__(
        self, url: str | Path | None = None, *, timeout: float | None = None, create: bool = True
    ):
        url = str(url) if url is not None else default_url()
        if url is None:
            raise StoreError(msg.NO_DATABASE)
        self.url = url
        self.engine = make_engine(url, timeout=timeout)
        if not create:
            _refuse_to_create(self.engine)
        self._migrate()

    # ----------------------------------------------------------------- schema

    def _migrate(self) -> None:
        """Bring the schema up to date; takes the write lock only when a migration is due.

        The revision is first read in a plain read transaction, so opening an
        up-to-date store (``kinerja export``, the apps' readers) never waits
        for a writer; when a migration is due the revision is read again
        inside the write transaction, since another process may have
        migrated meanwhile (see the module docstring).
        """
        with self.engine.connect() as conn:
            current = _revision(conn)
        if current == SCHEMA_VERSION:
            return
        _refuse_unknown(current)
        with self.transaction() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK_KEY)))
            cfg = alembic_config(conn)
            current = _revision(conn)
            if current is None:
                legacy = _legacy_revision(conn)
                if legacy is not None:
                    command.stamp(cfg, legacy)
            _refuse_unknown(current)
            command.upgrade(cfg, "head")
            self._score_unscored_periods(conn)

    def _score_unscored_periods(self, conn: Connection) -> None:
        """Score every stored period that has no stored results yet (a store from before 0002)."""
        stamp = now()
        for periode in self._periods(conn):
            if not _results.is_scored(conn, periode):
                self._score_period(conn, periode, stamp)

    def schema_version(self) -> str | None:
        """The database's Alembic revision (:data:`SCHEMA_VERSION` once the store is open)."""
        with self.engine.connect() as conn:
            return _revision(conn)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back on any exception.

        On SQLite it begins with ``BEGIN IMMEDIATE`` (the write lock, waited for
        up to the busy timeout); a storage failure raises
        :class:`kinerja.errors.StorageError` after the rollback.
        """
        with self.engine.connect() as conn:
            conn = conn.execution_options(kinerja_write=True)
            with conn.begin():
                yield conn

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    # ----------------------------------------------------------------- import

    def import_dataset(
        self,
        dataset: Dataset,
        *,
        who: str | None = None,
        source: str = "",
        correct_source: bool = False,
        progress: Callable[[str, float], None] | None = None,
        _fail_after: int | None = None,
    ) -> ImportResult:
        """Store a validated data set in one transaction; re-importing adds nothing new.

        Reference tables are replaced row by row by key (latest import wins);
        a rating is appended only when no current record for its key has the
        same values.  A rater has one source towards one ratee in one period:
        a rating whose (periode, nip_dinilai, nip_penilai) has another source
        in force is refused, unless ``correct_source`` (an explicit source
        correction by HR staff, see :meth:`save_ratings`).
        ``_fail_after`` is a test hook that raises after that many rating
        rows were written, to prove the transaction.

        The same transaction re-scores, from the store's own state, the
        periods whose stored results the import changes, and replaces their
        stored results (:mod:`kinerja.results`; default policy): the periods
        of new ratings, work results and unit rows and the data set's periods
        not scored yet; every stored period when a roster, standard or
        dictionary row changed.  An import that changes nothing re-scores
        nothing.

        ``progress(step, fraction)``, when given, is called at each step
        (the step's name in Bahasa Indonesia,
        :data:`kinerja.labels.messages.IMPORT_STEPS`; the share
        done, never decreasing, the last call 1.0): reference tables, the
        check of the ratings, the ratings in chunks, the work results, each
        period's results.  It runs inside the transaction: an exception it
        raises rolls the import back.

        Raises
        ------
        kinerja.errors.DataValidationError
            A rating changes the source of a stored rater (file ``penilaian``,
            its row, column ``sumber``); nothing is stored.
        """
        who = who or current_user()
        stamp = now()
        report = _ImportProgress(progress)
        with self.transaction() as conn:
            impor_id = conn.execute(  # type: ignore[index]  # never None for an INSERT
                sa.insert(imports_table).values(
                    sumber_data=source or "-", oleh=who, waktu=stamp, n_penilaian_baru=0
                )
            ).inserted_primary_key[0]
            report("reference", 0.0)
            reference = [
                self._upsert(conn, pegawai_table, dataset.pegawai),
                self._upsert(conn, standar_table, dataset.standar),
                self._upsert(conn, kompetensi_table, dataset.kompetensi),
            ]
            units = self._upsert(conn, unit_table, dataset.unit_kerja)
            self._upsert(conn, pelatihan_table, dataset.pelatihan)
            report("check", _STEP_END["reference"])
            new_ratings = self._new_ratings(conn, dataset.penilaian, correct_source=correct_source)
            report("ratings", _STEP_END["check"])
            self._append(
                conn,
                penilaian_table,
                new_ratings,
                who,
                stamp,
                impor_id,
                _fail_after,
                progress=report.span("ratings", _STEP_END["check"], _STEP_END["ratings"]),
            )
            report("work", _STEP_END["ratings"])
            new_hk = self._new_results(conn, dataset.hasil_kerja)
            self._append(conn, hasil_kerja_table, new_hk, who, stamp, impor_id, None)
            conn.execute(
                sa.update(imports_table)
                .where(imports_table.c.id == impor_id)
                .values(n_penilaian_baru=len(new_ratings))
            )
            scored = set(map(str, conn.scalars(sa.select(_results.status_table.c.periode))))
            due = set(dataset.periods()) - scored  # never scored yet
            due |= {str(p) for frame in (new_ratings, new_hk, units) for p in frame["periode"]}
            if any(len(changed) for changed in reference):  # roster, standards, dictionary
                due |= scored | set(dataset.periods())
            start, periods = _STEP_END["work"], sorted(due)
            for i, periode in enumerate(periods):
                share = start + (1.0 - start) * i / len(periods)
                report("scoring", share, periode=periode)
                self._score_period(conn, periode, stamp)
            report("done", 1.0)
        return ImportResult(int(impor_id), len(new_ratings), len(new_hk), len(dataset.pegawai))

    def _upsert(self, conn: Connection, table: sa.Table, frame: pd.DataFrame) -> pd.DataFrame:
        """Write ``frame``'s rows by key (latest wins); returns the rows that are new or changed."""
        if frame is None or not len(frame):
            return pd.DataFrame(columns=[c.name for c in table.columns])
        cols = [c.name for c in table.columns]
        frame = frame.reindex(columns=cols)
        keys = [c.name for c in table.primary_key.columns]
        existing = pd.read_sql(sa.select(table), conn)
        same = (
            _already_stored(frame, existing, cols) if len(existing) else np.zeros(len(frame), bool)
        )
        merged = frame[keys].merge(
            existing[keys].assign(_old=True), on=keys, how="left", validate="one_to_one"
        )
        old = merged["_old"].eq(True).to_numpy()
        records = _records(frame)
        update = old & ~same
        if update.any():
            stmt = (
                sa.update(table)
                .where(*[table.c[k] == sa.bindparam(f"k_{k}") for k in keys])
                .values({c: sa.bindparam(c) for c in cols if c not in keys})
            )
            conn.execute(
                stmt,
                [
                    {**r, **{f"k_{k}": r[k] for k in keys}}
                    for r, u in zip(records, update, strict=True)
                    if u
                ],
            )
        new = [r for r, o in zip(records, old, strict=True) if not o]
        if new:
            conn.execute(sa.insert(table), new)
        return frame.loc[~same]

    def _new_ratings(
        self, conn: Connection, penilaian: pd.DataFrame, *, correct_source: bool
    ) -> pd.DataFrame:
        incoming = _plain(penilaian, _RATING_VALUES)
        if not len(incoming):
            return incoming
        periods = sorted(incoming["periode"].unique())
        current = self._current(
            conn, penilaian_table, list(RATING_KEY), periods, columns=_RATING_READ
        )
        return _ratings_to_store(
            incoming,
            current,
            rows=penilaian.index.to_numpy() + 2,
            berkas="penilaian",
            correct_source=correct_source,
        )

    def _new_results(self, conn: Connection, hasil_kerja: pd.DataFrame) -> pd.DataFrame:
        incoming = _plain(hasil_kerja, ["periode", "nip", "rating_hasil_kerja"])
        if not len(incoming):
            return incoming
        periods = sorted(incoming["periode"].unique())
        cols = ["periode", "nip", "rating_hasil_kerja"]
        current = self._current(conn, hasil_kerja_table, ["periode", "nip"], periods, columns=cols)
        return incoming.loc[~_already_stored(incoming, current, cols)]

    def _append(
        self,
        conn: Connection,
        table: sa.Table,
        frame: pd.DataFrame,
        who: str,
        stamp: datetime,
        impor_id: int | None,
        fail_after: int | None,
        *,
        progress: Callable[[float], None] | None = None,
        chunk: int = 50_000,
    ) -> None:
        """Insert new records in chunks; ``progress(share)`` after each chunk (share of rows)."""
        if not len(frame):
            return
        extra: dict[str, object] = {"oleh": who, "waktu": stamp, "impor_id": impor_id}
        if table is penilaian_table:
            extra["dihapus"] = False
        for start in range(0, len(frame), chunk):
            if fail_after is not None and start >= fail_after:
                raise RuntimeError("simulated failure in the middle of an import")
            part = frame.iloc[start : start + chunk]
            if fail_after is not None and start + len(part) > fail_after:
                _insert_rows(conn, table, part.iloc[: fail_after - start], extra)
                raise RuntimeError("simulated failure in the middle of an import")
            _insert_rows(conn, table, part, extra)
            if progress is not None:
                progress((start + len(part)) / len(frame))

    # ----------------------------------------------------------------- ratings

    def save_ratings(
        self,
        ratings: pd.DataFrame,
        *,
        who: str,
        hasil_kerja: pd.DataFrame | None = None,
        withdraw: list[str] | None = None,
        correct_source: bool = False,
        guard: Callable[[Connection], None] | None = None,
    ) -> SaveResult:
        """Validate and store ratings entered in a form, in one transaction.

        ``ratings`` has the ``penilaian`` columns (codes or labels); each row
        is checked with the same rules as a file import against the stored
        roster and dictionary (the NIPs the rows name, looked up by key, and
        the dictionary's codes: never the whole roster), and appended
        (superseding an older record of the same key) unless the record in
        force already holds the same values.  ``withdraw`` lists competency
        codes whose score this rater cleared: a tombstone is appended for each
        one in force, in the same transaction.

        A rater has one source towards one ratee in one period: ratings whose
        (periode, nip_dinilai, nip_penilai) has another source in force are
        refused, unless ``correct_source`` is true (an explicit source
        correction by HR staff): then every in-force rating of that rater for
        that ratee is superseded by a record with the new source (the ones
        not in ``ratings`` keep their score and note), with ``who`` and the
        time, like any correction; the history keeps the old records.

        Everything is decided against the store inside the write transaction
        (what is in force, what changes), not against what the caller saw.
        ``guard``, when given, is called first inside that transaction (on its
        connection): a permission re-checked at the moment of writing (a
        rating task still in force, the period still open); what it raises
        rolls the save back.
        Before it commits, the stored results of every changed ratee and of
        their unit's distribution are updated (:mod:`kinerja.results`).

        Returns
        -------
        SaveResult
            How many rating, work-result and withdrawal records were really
            written; ``n_total`` is 0 when nothing changed (nothing stored).

        Raises
        ------
        kinerja.errors.DataValidationError
            When any row breaks a rule, or changes a stored source without
            ``correct_source``; nothing is stored.
        """
        if not who or not str(who).strip():
            raise StoreError("Nama petugas yang menyimpan wajib diisi.")
        raw = RawTables()
        raw.frames["penilaian"] = _as_text(ratings, TABLE_COLUMNS["penilaian"])
        raw.sources["penilaian"] = "formulir"
        if hasil_kerja is not None and len(hasil_kerja):
            raw.frames["hasil_kerja"] = _as_text(hasil_kerja, TABLE_COLUMNS["hasil_kerja"])
            raw.sources["hasil_kerja"] = "formulir"
        checked = validate_rows(raw, self._stored_reference(raw))
        stamp = now()
        incoming = _plain(checked.penilaian, _RATING_VALUES)
        with self.transaction() as conn:
            if guard is not None:
                guard(conn)
            current = self._pairs_in_force(conn, incoming)
            rows = _ratings_to_store(
                incoming,
                current,
                rows=np.arange(len(incoming)) + 2,
                berkas="formulir",
                correct_source=correct_source,
            )
            tombs = _tombstones(incoming, current, withdraw or [])
            if len(tombs):  # a withdrawn code is not filed again under a corrected source
                rows = rows.loc[~_key_in(rows, tombs)]
            hk = self._new_results(conn, checked.hasil_kerja)
            self._append(conn, penilaian_table, rows, str(who), stamp, None, None)
            self._append(conn, hasil_kerja_table, hk, str(who), stamp, None, None)
            if len(tombs):
                _insert_rows(
                    conn,
                    penilaian_table,
                    tombs,
                    {"dihapus": True, "oleh": str(who), "waktu": stamp},
                )
            changed = {
                (str(p), str(n))
                for frame, ratee in ((rows, "nip_dinilai"), (tombs, "nip_dinilai"), (hk, "nip"))
                if len(frame)
                for p, n in zip(frame["periode"], frame[ratee], strict=True)
            }
            self._rescore_ratees(conn, changed, stamp)
        return SaveResult(len(rows), len(hk), len(tombs))

    def _pairs_in_force(self, conn: Connection, incoming: pd.DataFrame) -> pd.DataFrame:
        """The latest records of the (periode, ratee, rater) pairs of ``incoming``.

        One indexed query per pair (a form saves one): a save never reads a
        whole period, unless it brings more than :data:`_PAIR_QUERIES` pairs.
        """
        pairs = incoming[list(RATER_PAIR)].drop_duplicates()
        if len(pairs) > _PAIR_QUERIES:
            periods = sorted(pairs["periode"].astype(str).unique())
            return self._current(
                conn, penilaian_table, list(RATING_KEY), periods, columns=_RATING_READ
            )
        frames = [
            self._current(
                conn,
                penilaian_table,
                list(RATING_KEY),
                [str(periode)],
                where={"nip_dinilai": str(ratee), "nip_penilai": str(rater)},
                columns=_RATING_READ,
            )
            for periode, ratee, rater in pairs.itertuples(index=False)
        ]
        if not frames:
            return pd.DataFrame(columns=["id", *_RATING_READ])
        return pd.concat(frames, ignore_index=True)

    def withdraw_rating(self, *, periode: str, nip_dinilai: str, nip_penilai: str, who: str) -> int:
        """Withdraw every current rating of a rater for a ratee by appending tombstones.

        The ratee's stored results are updated in the same transaction.
        """
        if not who or not str(who).strip():
            raise StoreError(msg.WITHDRAWER_REQUIRED)
        with self.transaction() as conn:  # what is in force is read where it is written
            current = self._current(
                conn,
                penilaian_table,
                list(RATING_KEY),
                [str(periode)],
                where={"nip_dinilai": nip_dinilai, "nip_penilai": nip_penilai},
                columns=_RATING_READ,
            )
            live = current.loc[~current["dihapus"].astype(bool)] if len(current) else current
            tomb = live[[*RATING_KEY, "sumber"]].assign(skor=None, catatan=None)
            stamp = now()
            _insert_rows(
                conn, penilaian_table, tomb, {"dihapus": True, "oleh": who, "waktu": stamp}
            )
            if len(tomb):
                self._rescore_ratees(conn, {(str(periode), str(nip_dinilai))}, stamp)
        return len(tomb)

    def _stored_reference(self, raw: RawTables) -> StoredReference:
        """The roster NIPs among those ``raw``'s rows name (read by key) and the stored
        dictionary's codes: what a form's rows are validated against."""
        named: set[str] = set()
        for name, columns in (("penilaian", _RATING_NIPS), ("hasil_kerja", ("nip",))):
            frame = raw.frames.get(name, pd.DataFrame())
            for column in (c for c in columns if c in frame.columns):
                named.update(frame[column].dropna().astype(str).str.strip())
        t, k = pegawai_table, kompetensi_table
        with self.engine.connect() as conn:
            nips = _in_chunks(conn, t.c.nip, sorted(named))
            codes = conn.execute(sa.select(k.c.kode)).scalars().all()
        return StoredReference(nips=frozenset(nips), codes=frozenset(map(str, codes)))

    def _current(
        self,
        conn: Connection,
        table: sa.Table,
        key: list[str],
        periods: list[str] | None,
        *,
        where: dict[str, str] | None = None,
        columns: list[str] | None = None,
    ) -> pd.DataFrame:
        """Latest record per key (all history reduced to what is in force).

        The records are read in id order through the driver's cursor (no
        per-row ORM work) and reduced with pandas; ``where`` filters on
        equality in SQL, ``columns`` limits what is read.
        """
        cols = columns or [c.name for c in table.columns]
        if "id" not in cols:
            cols = ["id", *cols]
        stmt = sa.select(*[table.c[c] for c in cols])
        if periods is not None:
            stmt = stmt.where(table.c.periode.in_(periods))
        for name, value in (where or {}).items():
            stmt = stmt.where(table.c[name] == value)
        frame = _fetch(conn, stmt.order_by(table.c.id), cols)
        return frame.drop_duplicates(key, keep="last").reset_index(drop=True)

    def ratings(
        self,
        periode: str | None = None,
        *,
        nip_dinilai: str | None = None,
        nip_penilai: str | None = None,
    ) -> pd.DataFrame:
        """Current ratings (withdrawn ones left out), optionally filtered."""
        where = {k: v for k, v in (("nip_dinilai", nip_dinilai), ("nip_penilai", nip_penilai)) if v}
        with self.engine.connect() as conn:
            current = self._current(
                conn,
                penilaian_table,
                list(RATING_KEY),
                None if periode is None else [str(periode)],
                where=where,
            )
        current = current.loc[~current["dihapus"].astype(bool)]
        current = current.assign(waktu=pd.to_datetime(current["waktu"], utc=True, format="mixed"))
        return _objects(current.sort_values("id", ignore_index=True))

    def rating_history(
        self, *, periode: str, nip_dinilai: str, nip_penilai: str | None = None
    ) -> pd.DataFrame:
        """Every record ever stored for a ratee (and rater), oldest first."""
        t = penilaian_table
        stmt = sa.select(t).where(t.c.periode == str(periode), t.c.nip_dinilai == nip_dinilai)
        if nip_penilai is not None:
            stmt = stmt.where(t.c.nip_penilai == nip_penilai)
        with self.engine.connect() as conn:
            return pd.read_sql(stmt.order_by(t.c.id), conn)

    def periods(self) -> list[str]:
        """Periods that have ratings or work results."""
        with self.engine.connect() as conn:
            return self._periods(conn)

    @staticmethod
    def _periods(conn: Connection) -> list[str]:
        a = distinct_leading(conn, penilaian_table.c.periode)
        b = distinct_leading(conn, hasil_kerja_table.c.periode)
        return sorted(set(a) | set(b))

    def is_empty(self) -> bool:
        """True when no employee is stored yet."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(pegawai_table)).scalar() == 0

    def dataset(self, periode: str | None = None, *, nip: str | None = None) -> Dataset:
        """The stored data as a :class:`Dataset` (current records only).

        Scoring it gives the same results as scoring the files it was
        imported from.  With ``nip`` (and a ``periode``): that employee's
        one-ratee data set, read by key (see :meth:`_read_dataset`).
        """
        if nip is not None and periode is None:
            raise ValueError("a one-ratee data set needs a periode")
        with self.engine.connect() as conn:
            return self._read_dataset(
                conn,
                None if periode is None else str(periode),
                nip=None if nip is None else str(nip),
            )

    def _read_dataset(
        self, conn: Connection, periode: str | None, *, nip: str | None = None
    ) -> Dataset:
        """The data set as stored, read through ``conn`` (inside a write transaction too).

        With ``nip``: the one-ratee data set of that employee (their roster
        row, every rating of them in force from every rater, their work
        result, the standard of their jabatan, their unit's rows and the
        dictionary; no training catalogue), which scores to the same rows of
        that employee as the whole data set (anonymity, JPM and the summary
        are per ratee; rater figures and the distribution are not).
        """
        periods = None if periode is None else [periode]
        one = {} if nip is None else {"nip_dinilai": nip}
        pt = pegawai_table
        roster = sa.select(pt).order_by(pt.c.nip)
        standar_q, unit_q = sa.select(standar_table), sa.select(unit_table)
        pelatihan_q = sa.select(pelatihan_table)
        if nip is not None:
            roster = roster.where(pt.c.nip == nip)
            jabatan = sa.select(pt.c.jabatan).where(pt.c.nip == nip).scalar_subquery()
            unit = sa.select(pt.c.unit_kerja).where(pt.c.nip == nip).scalar_subquery()
            standar_q = standar_q.where(standar_table.c.jabatan == jabatan)
            unit_q = unit_q.where(unit_table.c.unit_kerja == unit)
            pelatihan_q = pelatihan_q.where(sa.false())
        pegawai = pd.read_sql(roster, conn)
        standar = pd.read_sql(standar_q, conn)
        unit_kerja = pd.read_sql(unit_q, conn)
        kompetensi = pd.read_sql(sa.select(kompetensi_table), conn)
        pelatihan = pd.read_sql(pelatihan_q, conn)
        ratings = self._current(
            conn, penilaian_table, list(RATING_KEY), periods, where=one, columns=_RATING_READ
        )
        hk = self._current(
            conn,
            hasil_kerja_table,
            ["periode", "nip"],
            periods,
            where={} if nip is None else {"nip": nip},
            columns=["periode", "nip", "rating_hasil_kerja"],
        )
        ratings = _objects(ratings.loc[~ratings["dihapus"].astype(bool)].sort_values("id"))
        return assemble(
            {
                "pegawai": _objects(pegawai),
                "standar_kompetensi": _objects(standar),
                "penilaian": ratings.reset_index(drop=True),
                "hasil_kerja": _objects(hk.reset_index(drop=True)),
                "unit_kerja": _objects(unit_kerja),
                "kompetensi": _objects(kompetensi),
                "pelatihan": _objects(pelatihan),
            }
        )

    # ----------------------------------------------------------------- stored results

    def _adjustment_log(
        self, conn: Connection, periode: str, *, nip: str | None = None
    ) -> pd.DataFrame:
        """The adjustment log of a period (and employee), oldest first, read through ``conn``."""
        t = adjustments_table
        stmt = sa.select(t).where(t.c.periode == periode).order_by(t.c.id)
        if nip is not None:
            stmt = stmt.where(t.c.nip == nip)
        frame = pd.read_sql(stmt, conn)
        frame["when"] = pd.to_datetime(frame["when"], utc=True)
        return _objects(frame[["id", *ADJUSTMENT_COLUMNS]])

    def _score(self, conn: Connection, periode: str) -> Scores:
        """Score a whole period from the store's state seen by ``conn`` (default policy)."""
        return score_dataset(
            self._read_dataset(conn, periode),
            periode,
            policy=_results.RESULTS_POLICY,
            adjustments=self._adjustment_log(conn, periode),
        )

    def _score_ratee(self, conn: Connection, periode: str, nip: str) -> EmployeeScores:
        """Score one ratee of a period from their one-ratee data set (same rows as the period)."""
        return score_employees(
            self._read_dataset(conn, periode, nip=nip),
            periode,
            policy=_results.RESULTS_POLICY,
            adjustments=self._adjustment_log(conn, periode, nip=nip),
        )

    def _score_period(self, conn: Connection, periode: str, stamp: datetime) -> None:
        """Re-score a whole period and replace its stored results."""
        _results.replace_period(conn, self._score(conn, periode), stamp=stamp)

    def _rescore_ratees(
        self, conn: Connection, ratees: set[tuple[str, str]], stamp: datetime
    ) -> None:
        """Update the stored results of the changed ratees (periode, nip) and their units.

        A period without stored results yet, or a change of more than
        :data:`_PAIR_QUERIES` ratees of one period, re-scores the whole period.
        """
        for periode in sorted({p for p, _ in ratees}):
            nips = sorted({n for p, n in ratees if p == periode})
            if len(nips) > _PAIR_QUERIES or not _results.is_scored(conn, periode):
                self._score_period(conn, periode, stamp)
                continue
            units = set()
            for nip in nips:  # in NIP order: two saves lock ratees in the same order
                self._lock_employee(conn, nip)  # a concurrent save of this ratee commits first
                unit = _results.replace_employee(conn, self._score_ratee(conn, periode, nip), nip)
                if unit is not None:
                    units.add(unit)
            for unit in sorted(units):
                _results.refresh_unit_distribution(conn, periode, unit)
            _results.mark_changed(conn, periode, stamp=stamp)

    def _recalibrate(self, conn: Connection, periode: str, nip: str) -> None:
        """Update one employee's stored calibrated values and their unit's distribution."""
        unit = _results.recalibrate_employee(conn, periode, nip)
        if unit is not None:  # rater figures ignore adjustments: they stay current
            _results.refresh_unit_distribution(conn, periode, unit)

    def refresh_rater_figures(self, periode: str) -> None:
        """Recompute and store the rater figures of a period (reads the whole period).

        Saves do not update them (one rater's figure depends on every ratee
        of theirs); :func:`kinerja.results.result_status` tells when they
        are older than the last change.
        """
        from kinerja.calibration import rater_leniency

        periode = str(periode)
        with self.transaction() as conn:
            if not _results.is_scored(conn, periode):
                self._score_period(conn, periode, now())
                return
            ratings = self._read_dataset(conn, periode).penilaian
            figures = rater_leniency(ratings, periode=periode, policy=_results.RESULTS_POLICY)
            _results.replace_rater_figures(conn, periode, figures, stamp=now())

    # ----------------------------------------------------------------- calibration

    def add_adjustment(
        self,
        *,
        periode: str,
        nip: str,
        field: str,
        new_value: str,
        reason: str,
        who: str,
    ) -> int:
        """Append one calibration adjustment; reason and author are required.

        The recorded ``old_value`` is the value in force in the store when the
        transaction commits (DESIGN §7), read inside the write transaction,
        never taken from the caller: the ``new_value`` of the latest
        adjustment of (periode, nip, field), else the uncalibrated value: the
        stored summary's ``<field>_awal`` (the value scored from the ratings
        and work results in force; a ``rating_hasil_kerja`` not yet scored is
        the ``hasil_kerja`` record in force).  Nothing the caller holds is
        taken for it.  An adjustment to the value already in force is refused.
        The employee's stored summary and their unit's distribution are
        updated before the transaction commits.  Returns the adjustment id.

        Raises
        ------
        StoreError
            Empty reason or author, unknown field or value, unknown NIP, or
            a new value equal to the value in force ("tidak ada perubahan").
        """
        if not reason or not str(reason).strip():
            raise StoreError(msg.CALIBRATION_REASON_REQUIRED)
        if not who or not str(who).strip():
            raise StoreError(msg.FACILITATOR_REQUIRED)
        try:
            field = AdjustableField(field).value
            new_value = Rating(new_value).value
        except ValueError as exc:
            raise StoreError(msg.ADJUSTABLE_ONLY) from exc
        with self.transaction() as conn:
            self._lock_employee(conn, nip)
            latest = self._latest_adjustment(conn, str(periode), nip, field)
            if latest is not None:
                old = latest["new_value"]
            else:
                old = self._uncalibrated(conn, str(periode), nip, field)
            adjustment = self._append_adjustment(
                conn,
                periode=str(periode),
                nip=nip,
                field=field,
                old_value=old,
                new_value=new_value,
                reason=str(reason).strip(),
                who=str(who).strip(),
            )
            self._recalibrate(conn, str(periode), nip)
            return adjustment

    def undo_adjustment(
        self, *, periode: str, nip: str, who: str, reason: str = "", field: str | None = None
    ) -> int:
        """Undo the store's latest adjustment of an employee (of one ``field``, or of any).

        Inside one write transaction the latest adjustment is read from the
        store (not from any kernel's memory) and a newer adjustment is
        appended that restores its ``old_value``; its own ``old_value`` is the
        value in force, the undone record's ``new_value``.  Returns the new
        adjustment's id.

        Raises
        ------
        StoreError
            Empty author, no adjustment to undo, or an undone record without
            an old value (the rating was empty before).
        """
        if not who or not str(who).strip():
            raise StoreError(msg.FACILITATOR_REQUIRED)
        if field is not None:
            try:
                field = AdjustableField(field).value
            except ValueError as exc:
                raise StoreError(msg.ADJUSTABLE_FIELDS_ONLY) from exc
        with self.transaction() as conn:
            self._lock_employee(conn, nip)
            last = self._latest_adjustment(conn, str(periode), nip, field)
            if last is None:
                raise StoreError(msg.NOTHING_TO_UNDO)
            if last["old_value"] is None:
                raise StoreError(msg.UNDO_WITHOUT_OLD_VALUE)
            adjustment = self._append_adjustment(
                conn,
                periode=str(periode),
                nip=nip,
                field=str(last["field"]),
                old_value=last["new_value"],
                new_value=str(last["old_value"]),
                reason=str(reason).strip() or msg.UNDO_REASON.format(id=int(last["id"])),
                who=str(who).strip(),
            )
            self._recalibrate(conn, str(periode), nip)
            return adjustment

    @staticmethod
    def _lock_employee(conn: Connection, nip: str) -> None:
        """Check the NIP and lock its roster row: adjustments of one employee queue up.

        SQLite's ``BEGIN IMMEDIATE`` already serialises writers; on PostgreSQL
        ``FOR UPDATE`` keeps two kernels from reading the same value in force.
        """
        t = pegawai_table
        row = conn.execute(sa.select(t.c.nip).where(t.c.nip == nip).with_for_update()).first()
        if row is None:
            raise StoreError(msg.NIP_NOT_IN_ROSTER.format(nip=nip))

    @staticmethod
    def _latest_adjustment(
        conn: Connection, periode: str, nip: str, field: str | None
    ) -> sa.RowMapping | None:
        """The newest adjustment record of (periode, nip[, field]), by id."""
        t = adjustments_table
        stmt = sa.select(t).where(t.c.periode == periode, t.c.nip == nip)
        if field is not None:
            stmt = stmt.where(t.c.field == field)
        return conn.execute(stmt.order_by(t.c.id.desc()).limit(1)).mappings().first()

    def _uncalibrated(self, conn: Connection, periode: str, nip: str, field: str) -> str | None:
        """The value of ``field`` before any calibration, from the stored results."""
        summary = _results.stored_employee_row(conn, periode, nip)
        if summary is not None:
            value = summary[f"{field}_awal"]
            return None if value is None else str(value)
        if field == AdjustableField.RATING_HASIL_KERJA.value:
            return self._hasil_kerja_in_force(conn, periode, nip)
        return None

    @staticmethod
    def _hasil_kerja_in_force(conn: Connection, periode: str, nip: str) -> str | None:
        """The stored ``rating_hasil_kerja`` in force (latest record), if any."""
        t = hasil_kerja_table
        stmt = (
            sa.select(t.c.rating_hasil_kerja)
            .where(t.c.periode == periode, t.c.nip == nip)
            .order_by(t.c.id.desc())
            .limit(1)
        )
        value = conn.execute(stmt).scalar()
        return None if value is None else str(value)

    @staticmethod
    def _append_adjustment(
        conn: Connection,
        *,
        periode: str,
        nip: str,
        field: str,
        old_value: str | None,
        new_value: str,
        reason: str,
        who: str,
    ) -> int:
        """Insert one adjustment record; refused when it changes nothing."""
        if old_value == new_value:
            raise StoreError(no_change_message(old_value))
        result = conn.execute(
            sa.insert(adjustments_table).values(
                periode=periode,
                nip=nip,
                field=field,
                old_value=old_value,
                new_value=new_value,
                reason=reason,
                who=who,
                when=now(),
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]  # never None (INSERT)

    def adjustments(self, periode: str | None = None, *, nip: str | None = None) -> pd.DataFrame:
        """The adjustment log (oldest first), of one period and one employee when given.

        Columns: those of ``ADJUSTMENT_COLUMNS`` and ``id``.
        """
        t = adjustments_table
        stmt = sa.select(t).order_by(t.c.id)
        if periode is not None:
            stmt = stmt.where(t.c.periode == str(periode))
        if nip is not None:
            stmt = stmt.where(t.c.nip == nip)
        with self.engine.connect() as conn:
            frame = pd.read_sql(stmt, conn)
        # SQLite drops the zone; stored as UTC
        frame["when"] = pd.to_datetime(frame["when"], utc=True)
        return _objects(frame[["id", *ADJUSTMENT_COLUMNS]])


#: Why a rating that changes its rater's source is refused, and what to do.
SOURCE_CHANGE_MESSAGE = (
    "Penilai {rater} sudah tercatat menilai {ratee} pada periode {periode} dengan sumber "
    "'{old}', bukan '{new}'. Satu penilai hanya punya satu sumber terhadap satu pegawai dalam "
    "satu periode: perbaiki sumbernya, atau petugas SDM mencatat koreksi sumber."
)


def _ratings_to_store(
    incoming: pd.DataFrame,
    current: pd.DataFrame,
    *,
    rows: np.ndarray,
    berkas: str,
    correct_source: bool,
) -> pd.DataFrame:
    """The rating records to append for ``incoming`` given the records ``current`` in force.

    ``current`` holds the latest record per key (tombstones included) of at
    least the pairs of ``incoming``.  A row equal to the record in force is
    left out (nothing new).  A pair whose source in force differs is an
    error naming ``berkas``, the row (``rows[i]`` for incoming row ``i``) and
    column ``sumber``; with ``correct_source`` it is a correction instead,
    and the pair's other in-force ratings are filed again under the new source.
    """
    if not len(incoming):
        return incoming
    if len(current):
        current = current.loc[~current["dihapus"].astype(bool)]
    changes = _source_changes(incoming, current)
    if len(changes) and not correct_source:
        raise DataValidationError(
            pd.DataFrame(
                {
                    "berkas": berkas,
                    "baris": rows[changes.index.to_numpy()],
                    "kolom": "sumber",
                    "nilai": changes["sumber"].to_numpy(),
                    "pesan": [
                        SOURCE_CHANGE_MESSAGE.format(
                            rater=c.nip_penilai,
                            ratee=c.nip_dinilai,
                            periode=c.periode,
                            old=c.sumber_lama,
                            new=c.sumber,
                        )
                        for c in changes.itertuples()
                    ],
                    "tingkat": "galat",
                },
                columns=list(PROBLEM_COLUMNS),
            )
        )
    new = incoming.loc[~_already_stored(incoming, current, _RATING_VALUES)]
    if not len(changes):
        return new
    return pd.concat([new, _refiled(incoming, current, changes)], ignore_index=True)


def _source_changes(incoming: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Pairs of ``incoming`` whose in-force records (``current``) have another source.

    One row per such pair, indexed by the position of its first incoming
    row: ``periode, nip_dinilai, nip_penilai, sumber, sumber_lama``.
    """
    pair = list(RATER_PAIR)
    if not len(current):
        return pd.DataFrame(columns=[*pair, "sumber", "sumber_lama"])
    mine = incoming[[*pair, "sumber"]].drop_duplicates(pair)
    stored = current[[*pair, "sumber"]].drop_duplicates().rename(columns={"sumber": "sumber_lama"})
    both = mine.reset_index(names="_pos").merge(stored, on=pair, how="inner")
    both = both.loc[both["sumber"].astype(str) != both["sumber_lama"].astype(str)]
    return both.drop_duplicates("_pos").set_index("_pos").rename_axis(None)


def _refiled(incoming: pd.DataFrame, current: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """The corrected pairs' in-force ratings that ``incoming`` does not cover, new source."""
    pair = list(RATER_PAIR)
    target = changes[[*pair, "sumber"]].rename(columns={"sumber": "_baru"})
    old = current.merge(target, on=pair, how="inner")
    old = old.loc[(old["sumber"].astype(str) != old["_baru"]) & ~_key_in(old, incoming)]
    return old.assign(sumber=old["_baru"])[_RATING_VALUES].reset_index(drop=True)


def _tombstones(incoming: pd.DataFrame, current: pd.DataFrame, withdraw: list[str]) -> pd.DataFrame:
    """Tombstones for the codes in ``withdraw`` of the first incoming row's pair.

    Only codes in force there (per the store, not the caller) and not rated
    again in ``incoming`` get one; each carries its record's source.
    """
    if not withdraw or not len(incoming) or not len(current):
        return pd.DataFrame(columns=_RATING_VALUES)
    first = incoming.iloc[0]
    live = current.loc[~current["dihapus"].astype(bool)]
    mask = live["kompetensi_kode"].isin([str(k) for k in withdraw])
    for col in RATER_PAIR:
        mask &= live[col].astype(str) == str(first[col])
    live = live.loc[mask]
    live = live.loc[~_key_in(live, incoming)]
    return live[[*RATING_KEY, "sumber"]].assign(skor=None, catatan=None).reset_index(drop=True)


def _key_in(frame: pd.DataFrame, other: pd.DataFrame) -> np.ndarray:
    """Whether each row's rating key is among ``other``'s."""
    keys = list(RATING_KEY)
    if not len(frame) or not len(other):
        return np.zeros(len(frame), dtype=bool)
    seen = other[keys].astype(str).drop_duplicates().assign(_in=True)
    return frame[keys].astype(str).merge(seen, on=keys, how="left")["_in"].eq(True).to_numpy()


def _already_stored(incoming: pd.DataFrame, current: pd.DataFrame, cols: list[str]) -> np.ndarray:
    """Which incoming rows equal the record in force for their key (nothing new to store)."""
    if not len(current):
        return np.zeros(len(incoming), dtype=bool)

    def fingerprint(frame: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {c: frame[c].astype(object).where(frame[c].notna(), "").astype(str) for c in cols}
        ).assign(
            **(
                {"skor": pd.to_numeric(frame["skor"]).astype(float).astype(str)}
                if "skor" in cols
                else {}
            )
        )

    merged = fingerprint(incoming).merge(
        fingerprint(current).assign(_same=True), on=cols, how="left", validate="many_to_one"
    )
    return merged["_same"].eq(True).to_numpy()


def _plain(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Columns as plain Python-friendly values (categoricals to str, NaN to None)."""
    if frame is None or not len(frame):
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(index=frame.index)
    for c in columns:
        col = frame[c]
        if isinstance(col.dtype, pd.CategoricalDtype):
            col = col.astype(str)
        out[c] = col
    return out.reset_index(drop=True)


def distinct_leading(conn: Connection, column: sa.Column[Any]) -> list[str]:
    """The distinct values of an index's leading column, one index seek per value.

    A loose index scan (``min(column) WHERE column > previous``): a page
    listing the periods reads a few index entries, not the ~10 million
    ratings a ``SELECT DISTINCT`` walks on a province's store.
    """
    found: list[str] = []
    value = conn.execute(sa.select(sa.func.min(column))).scalar()
    while value is not None:
        found.append(str(value))
        value = conn.execute(sa.select(sa.func.min(column)).where(column > value)).scalar()
    return found


def _in_chunks(conn: Connection, column: sa.Column[Any], values: list[str]) -> list[str]:
    """The ``values`` present in ``column`` (an indexed key), asked in chunks of 500."""
    found: list[str] = []
    for start in range(0, len(values), 500):
        part = values[start : start + 500]
        found += conn.execute(sa.select(column).where(column.in_(part))).scalars().all()
    return [str(v) for v in found]


def _fetch(conn: Connection, stmt: sa.Select, columns: list[str]) -> pd.DataFrame:
    """Run a select through the driver's cursor and build a frame (fast for large reads)."""
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.params
    args = tuple(params[k] for k in compiled.positiontup or ()) if compiled.positional else params
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), args)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return pd.DataFrame.from_records(rows, columns=columns)


def _insert_rows(
    conn: Connection, table: sa.Table, frame: pd.DataFrame, constants: dict[str, object]
) -> None:
    """Bulk insert through the driver's ``executemany`` (SQLAlchemy's per-row work skipped).

    Values go through each column type's bind processor, so stored values
    are exactly what SQLAlchemy itself would store.
    """
    if not len(frame):
        return
    dialect = conn.dialect
    columns = [*frame.columns, *constants]
    lists: list[list[object]] = []
    for name in frame.columns:
        col = frame[name]
        values = col.astype(object).where(col.notna(), None).tolist()
        proc = table.c[name].type.bind_processor(dialect)
        lists.append([proc(v) for v in values] if proc else values)
    for name, value in constants.items():
        proc = table.c[name].type.bind_processor(dialect)
        lists.append([proc(value) if proc else value] * len(frame))
    quote = dialect.identifier_preparer.quote
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join([marker] * len(columns))})"
    )
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, list(zip(*lists, strict=True)))
    finally:
        cursor.close()


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as dicts with None for missing and Python scalars for numpy ones."""
    clean = frame.astype(object).where(frame.notna(), None)
    # pandas boxes numpy scalars to Python ones
    return cast(list[dict[str, object]], clean.to_dict("records"))


def _as_text(frame: pd.DataFrame, spec: tuple[tuple[str, ...], tuple[str, ...]]) -> pd.DataFrame:
    """A stored or entered frame as the text cells a reader would produce."""
    cols = [c for c in (*spec[0], *spec[1]) if c in frame.columns]
    out = pd.DataFrame(index=range(len(frame)))
    for c in cols:
        col = frame[c].reset_index(drop=True)
        if pd.api.types.is_float_dtype(col) and col.dropna().eq(col.dropna().round()).all():
            col = col.astype("Int64")
        out[c] = (
            col.astype(object)
            .where(col.notna(), np.nan)
            .map(lambda v: v if isinstance(v, str) else np.nan if pd.isna(v) else str(v))
        )
    return out


def _objects(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as object dtype with NaN for missing, like the loaders produce."""
    out = frame.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].astype(object).where(out[c].notna(), np.nan)
    return out


# The stored results', accounts' and tasks' tables live on :data:`metadata` too; imported last
# (they import this module).
from kinerja import accounts as _accounts  # noqa: E402,F401
from kinerja import results as _results  # noqa: E402
from kinerja import tasks as _tasks  # noqa: E402,F401
