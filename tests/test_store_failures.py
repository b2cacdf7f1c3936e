"""Storage failures (DESIGN.md §7): a locked, full, read-only or unreachable
database gives one line in Bahasa Indonesia and exit status 1, never a
traceback, and stores nothing; commands that only read never take the write
lock.

Every failure is real: the lock is held by another process (``BEGIN
IMMEDIATE``), the read-only database is opened with SQLite's ``mode=ro``
(the tests run as root, which file permissions do not stop), the full disk
is SQLite's ``max_page_count`` reached (``SQLITE_FULL``, as on a full disk).
``KINERJA_DB_TIMEOUT`` shortens the 30-second wait for a lock.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

import kinerja.store as store_module
from kinerja.cli import main
from kinerja.errors import StorageError
from kinerja.store import (
    ENV_DB_TIMEOUT,
    SCHEMA_VERSION,
    Store,
    db_timeout,
    meta_table,
    sqlite_url,
    storage_failure_kind,
)
from tests.store_fixtures import (
    KEPALA,
    SAMPLE_DATA,
    SMALL_PERIODE,
    small_store,
    small_tables,
    table_dump,
    write_folder,
)

#: Another process that takes the write lock, says so, and keeps it until its stdin closes.
LOCK_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("terkunci", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""

#: Words of the driver's English messages that must never reach the user.
ENGLISH = ("Traceback", "database is locked", "disk is full", "readonly", "Error", "unable to")


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another process holds the SQLite write lock of ``path`` for the duration of the block."""
    proc = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "terkunci"
        yield
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=60)


@pytest.fixture(autouse=True)
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DB_TIMEOUT, "0.2")


def one_indonesian_line(err: str, *phrases: str) -> str:
    """The single line on standard error, checked for the phrases and for English driver text."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for phrase in phrases:
        assert phrase in lines[0], err
    for word in ENGLISH:
        assert word not in err
    return lines[0]


def changed_folder(tmp_path: Path) -> Path:
    """The small data set with one supervisor rating changed (an import would store it)."""
    tables = small_tables()
    pen = tables["penilaian"]
    pen.loc[0, "skor"] = "4" if pen.loc[0, "skor"] != "4" else "2"
    return write_folder(tmp_path / "data", tables)


def stored_small(tmp_path: Path) -> tuple[str, Path, dict[str, list]]:
    """A small store on disk (URL, path) and a dump of every table; no connection left open."""
    store = small_store(tmp_path)
    before = table_dump(store)
    store.dispose()
    return store.url, tmp_path / "kecil.sqlite", before


def dump_of(path: Path) -> dict[str, list]:
    store = Store(sqlite_url(path))
    try:
        return table_dump(store)
    finally:
        store.dispose()


# --------------------------------------------------------------------------- a held write lock


def test_import_while_another_process_holds_the_write_lock_exits_1_and_stores_nothing(
    tmp_path, capsys
):
    url, path, before = stored_small(tmp_path)
    data = changed_folder(tmp_path)
    with write_lock_held(path):
        code = main(["import", "--data", str(data), "--db", url, "--oleh", "hr"])
    assert code == 1
    one_indonesian_line(capsys.readouterr().err, "dikunci", "tutup program", "coba lagi")
    assert dump_of(path) == before
    # the same import succeeds once the other program is done
    assert main(["import", "--data", str(data), "--db", url, "--oleh", "hr"]) == 0


def test_export_reads_while_another_process_holds_the_write_lock(tmp_path, capsys):
    url, path, before = stored_small(tmp_path)
    out = tmp_path / "hasil.xlsx"
    with write_lock_held(path):
        code = main(["export", "--periode", SMALL_PERIODE, "--db", url, "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert out.exists()
    assert dump_of(path) == before


def test_opening_an_up_to_date_store_takes_no_write_lock(tmp_path):
    _url, path, _before = stored_small(tmp_path)
    with write_lock_held(path):
        store = Store(sqlite_url(path), timeout=0)
        assert store.periods() == [SMALL_PERIODE]
        assert store.schema_version() == SCHEMA_VERSION
        store.dispose()


def test_a_due_migration_under_a_held_lock_raises_the_locked_message(tmp_path):
    path = tmp_path / "lama.sqlite"
    with sqlite3.connect(path) as conn:  # a store of version 0: the meta table without a version
        conn.execute("CREATE TABLE kinerja_meta (key VARCHAR(64) PRIMARY KEY, value VARCHAR(255))")
    with write_lock_held(path), pytest.raises(StorageError) as caught:
        Store(sqlite_url(path), timeout=0.1)
    assert caught.value.kind == "locked"
    assert "dikunci" in str(caught.value)
    store = Store(sqlite_url(path))  # migrated once the lock is free
    assert store.schema_version() == SCHEMA_VERSION
    store.dispose()


def test_a_write_transaction_under_a_held_lock_raises_storage_error_and_writes_nothing(tmp_path):
    _url, path, before = stored_small(tmp_path)
    store = Store(sqlite_url(path), timeout=0.1)
    with write_lock_held(path), pytest.raises(StorageError) as caught:
        with store.transaction() as conn:
            conn.execute(sa.insert(meta_table).values(key="x", value="y"))
    assert caught.value.kind == "locked"
    store.dispose()
    assert dump_of(path) == before


def test_lock_wait_comes_from_the_environment_or_the_caller(monkeypatch):
    monkeypatch.setenv(ENV_DB_TIMEOUT, "2.5")
    assert db_timeout() == 2.5
    assert db_timeout(0.25) == 0.25
    monkeypatch.delenv(ENV_DB_TIMEOUT)
    assert db_timeout() == store_module.DEFAULT_DB_TIMEOUT


def test_an_invalid_lock_wait_is_refused_with_exit_2(tmp_path, capsys, monkeypatch):
    url, _path, _before = stored_small(tmp_path)
    monkeypatch.setenv(ENV_DB_TIMEOUT, "lama")
    out = tmp_path / "hasil.xlsx"
    assert main(["export", "--periode", SMALL_PERIODE, "--db", url, "--out", str(out)]) == 2
    one_indonesian_line(capsys.readouterr().err, ENV_DB_TIMEOUT, "lama")
    assert not out.exists()


# --------------------------------------------------------------------------- read-only


def read_only_url(path: Path) -> str:
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def test_import_into_a_read_only_database_exits_1_and_stores_nothing(tmp_path, capsys):
    _url, path, before = stored_small(tmp_path)
    data = changed_folder(tmp_path)
    assert main(["import", "--data", str(data), "--db", read_only_url(path), "--oleh", "hr"]) == 1
    one_indonesian_line(capsys.readouterr().err, "hanya dapat dibaca", "izin")
    assert dump_of(path) == before


def test_export_from_a_read_only_database_works(tmp_path, capsys):
    _url, path, _before = stored_small(tmp_path)
    out = tmp_path / "hasil.xlsx"
    args = ["export", "--periode", SMALL_PERIODE, "--db", read_only_url(path), "--out", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    assert out.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files anyway")
def test_import_into_a_database_in_a_read_only_folder_exits_1(tmp_path, capsys):
    url, path, before = stored_small(tmp_path)
    data = changed_folder(tmp_path / "x")
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        assert main(["import", "--data", str(data), "--db", url]) == 1
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)
    one_indonesian_line(capsys.readouterr().err, "izin")
    assert dump_of(path) == before


# --------------------------------------------------------------------------- a full disk


def test_import_onto_a_full_disk_exits_1_and_stores_nothing(tmp_path, capsys, monkeypatch):
    path = tmp_path / "penuh.sqlite"
    empty = Store(sqlite_url(path))
    before = table_dump(empty)
    empty.dispose()
    real_make_engine = store_module.make_engine

    def full_disk_engine(url: str, *, timeout: float | None = None) -> sa.Engine:
        engine = real_make_engine(url, timeout=timeout)

        @sa.event.listens_for(engine, "connect")
        def _no_room(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count={pages}")  # no page may be added

        return engine

    monkeypatch.setattr(store_module, "make_engine", full_disk_engine)
    url = sqlite_url(path)
    assert main(["import", "--data", str(SAMPLE_DATA), "--db", url, "--oleh", "hr"]) == 1
    one_indonesian_line(capsys.readouterr().err, "Disk penuh", "Kosongkan ruang disk")
    monkeypatch.undo()
    assert dump_of(path) == before


# ----------------------------------------------------------------- unreachable or unusable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(importlib.util.find_spec("psycopg") is None, reason="psycopg not installed")
def test_export_from_an_unreachable_postgresql_exits_1_with_one_line(tmp_path, capsys):
    url = f"postgresql+psycopg://kinerja@127.0.0.1:{free_port()}/kinerja"
    out = tmp_path / "hasil.xlsx"
    assert main(["export", "--periode", SMALL_PERIODE, "--db", url, "--out", str(out)]) == 1
    one_indonesian_line(capsys.readouterr().err, "tidak dapat dihubungi", "periksa URL")
    assert not out.exists()


@pytest.mark.skipif(importlib.util.find_spec("pg8000") is not None, reason="pg8000 installed")
def test_a_url_whose_driver_is_missing_exits_1_with_one_line(tmp_path, capsys):
    url = f"postgresql+pg8000://kinerja@127.0.0.1:{free_port()}/kinerja"
    out = tmp_path / "hasil.xlsx"
    assert main(["export", "--periode", SMALL_PERIODE, "--db", url, "--out", str(out)]) == 1
    one_indonesian_line(capsys.readouterr().err, "Driver", "pg8000", "periksa URL")
    assert not out.exists()


@pytest.mark.parametrize(
    ("url", "phrase"),
    [
        ("tidakada://server/kinerja", "URL basis data tidak dapat dipakai"),
        ("postgresql+psycopg://kinerja@server:port/kinerja", "URL basis data tidak dapat dipakai"),
        ("sqlite:////tidak/ada/folder/kinerja.sqlite", "tidak ada"),
    ],
)
def test_an_unusable_database_url_exits_1_with_one_line(tmp_path, capsys, url, phrase):
    out = tmp_path / "hasil.xlsx"
    assert main(["export", "--periode", SMALL_PERIODE, "--db", url, "--out", str(out)]) == 1
    one_indonesian_line(capsys.readouterr().err, phrase, "periksa")
    assert not out.exists()


def test_import_into_a_folder_that_does_not_exist_exits_1_with_one_line(capsys):
    url = "sqlite:////tidak/ada/folder/kinerja.sqlite"
    assert main(["import", "--data", str(SAMPLE_DATA), "--db", url]) == 1
    one_indonesian_line(capsys.readouterr().err, "tidak dapat dibuka", "periksa")
    assert not Path("/tidak").exists()


def test_a_file_that_is_not_a_database_exits_1_with_one_line(tmp_path, capsys):
    path = tmp_path / "bukan.sqlite"
    path.write_bytes(b"bukan basis data " * 500)
    out = tmp_path / "hasil.xlsx"
    args = ["export", "--periode", SMALL_PERIODE, "--db", sqlite_url(path), "--out", str(out)]
    assert main(args) == 1
    one_indonesian_line(capsys.readouterr().err, "bukan basis data kinerja")
    assert not out.exists()


# --------------------------------------------------------------------------- the translation


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("database is locked", "locked"),
        ("database or disk is full", "full"),
        ("attempt to write a readonly database", "readonly"),
        ("unable to open database file", "cantopen"),
    ],
)
def test_sqlite_messages_without_an_error_name_are_still_recognised(message, kind):
    assert storage_failure_kind(sqlite3.OperationalError(message)) == kind


def test_programming_errors_are_not_taken_for_storage_failures():
    assert storage_failure_kind(sqlite3.OperationalError("no such table: x")) is None
    assert storage_failure_kind(sqlite3.IntegrityError("UNIQUE constraint failed")) is None
    assert storage_failure_kind(ValueError("x")) is None


def test_postgresql_codes_name_the_failure():
    class OperationalError(Exception):  # a DBAPI error as psycopg raises it
        def __init__(self, sqlstate: str | None):
            self.sqlstate = sqlstate

    assert storage_failure_kind(OperationalError("53100")) == "full"
    assert storage_failure_kind(OperationalError("25006")) == "readonly"
    assert storage_failure_kind(OperationalError("55P03")) == "locked"
    assert storage_failure_kind(OperationalError("08006")) == "unreachable"
    assert storage_failure_kind(OperationalError(None)) == "unreachable"


def test_a_store_api_write_under_a_held_lock_gives_the_banner_message(tmp_path):
    """The apps show ``str(error)`` of a KinerjaError in their banner: the same one line."""
    _url, path, before = stored_small(tmp_path)
    store = Store(sqlite_url(path), timeout=0.1)
    with write_lock_held(path), pytest.raises(StorageError) as caught:
        store.withdraw_rating(
            periode=SMALL_PERIODE, nip_dinilai=small_tables()["penilaian"].loc[0, "nip_dinilai"],
            nip_penilai=KEPALA, who="hr",
        )  # fmt: skip
    assert "\n" not in str(caught.value)
    assert "dikunci" in str(caught.value)
    store.dispose()
    assert dump_of(path) == before


# ------------------------------------------------------------ read-only commands create nothing


def sqlite_files(path: Path) -> list[Path]:
    """``path`` and SQLite's companion files of it that exist."""
    names = (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal")
    return [path.parent / n for n in names if (path.parent / n).exists()]


@pytest.mark.parametrize("form", ["url", "path", "uri"])
def test_export_from_a_sqlite_file_that_does_not_exist_exits_1_and_creates_nothing(
    tmp_path, capsys, form
):
    path = tmp_path / "salah_ketik.sqlite"
    db = {"url": sqlite_url(path), "path": str(path), "uri": f"sqlite:///file:{path}?uri=true"}
    out = tmp_path / "hasil.xlsx"
    assert main(["export", "--periode", SMALL_PERIODE, "--db", db[form], "--out", str(out)]) == 1
    line = one_indonesian_line(
        capsys.readouterr().err, "tidak ada", "periksa URL", "kinerja import"
    )
    assert str(path) in line
    assert sqlite_files(path) == []
    assert not out.exists()


def test_export_from_a_database_without_the_kinerja_schema_exits_1_and_adds_no_table(
    tmp_path, capsys
):
    path = tmp_path / "kosong.sqlite"
    sqlite3.connect(path).close()
    out = tmp_path / "hasil.xlsx"
    args = ["export", "--periode", SMALL_PERIODE, "--db", sqlite_url(path), "--out", str(out)]
    assert main(args) == 1
    one_indonesian_line(capsys.readouterr().err, "bukan basis data kinerja")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []
    assert not out.exists()


def test_a_store_that_must_not_create_opens_sqlite_read_write_only(tmp_path):
    """``create=False`` opens the file with ``mode=rw``: a file removed after the store was
    opened is not created again by the next connection."""
    path = tmp_path / "ada.sqlite"
    Store(sqlite_url(path)).dispose()
    store = Store(sqlite_url(path), create=False)
    assert store.periods() == []
    store.dispose()
    for file in sqlite_files(path):
        file.unlink()
    with pytest.raises(StorageError) as caught:
        store.periods()
    assert caught.value.kind == "cantopen"
    assert sqlite_files(path) == []


def test_import_still_creates_a_new_store(tmp_path, capsys):
    path = tmp_path / "baru.sqlite"
    assert main(["import", "--data", str(SAMPLE_DATA), "--db", sqlite_url(path)]) == 0
    assert Store(sqlite_url(path), create=False).periods() != []


# ------------------------------------------------------------------- kinerja score's output


def test_score_into_a_folder_under_a_file_exits_1_with_one_line(tmp_path, capsys):
    blocker = tmp_path / "berkas.txt"
    blocker.write_text("bukan folder")
    out = blocker / "hasil"
    args = ["score", "--data", str(SAMPLE_DATA), "--periode", "2025", "--out", str(out)]
    assert main(args) == 1
    captured = capsys.readouterr()
    one_indonesian_line(captured.err, f"Folder {out} tidak dapat ditulis", "izin tulis")
    assert "ditulis:" not in captured.out
    assert blocker.read_text() == "bukan folder"


#: Runs ``kinerja score`` with files limited to 100 kB (the first CSV is about 240 kB): a write
#: fails as on a full disk (EFBIG instead of ENOSPC; root is not exempt from the limit).
SCORE_WITH_SMALL_FILES = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
from kinerja.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("existing", [False, True])
def test_score_whose_files_cannot_be_written_exits_1_and_leaves_nothing_half_written(
    tmp_path, existing
):
    out = tmp_path / "keluaran" / "2025"
    if existing:  # an earlier run's files stay as they were
        out.mkdir(parents=True)
        (out / "ringkasan_pegawai.csv").write_text("lama\n")
    args = ["score", "--data", str(SAMPLE_DATA), "--periode", "2025", "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run(
        [sys.executable, "-c", SCORE_WITH_SMALL_FILES, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    one_indonesian_line(proc.stderr, f"Folder {out} tidak dapat ditulis", "ruang disk")
    assert "ditulis:" not in proc.stdout
    if existing:
        assert [p.name for p in out.iterdir()] == ["ringkasan_pegawai.csv"]
        assert (out / "ringkasan_pegawai.csv").read_text() == "lama\n"
    else:
        assert list(tmp_path.iterdir()) == []
