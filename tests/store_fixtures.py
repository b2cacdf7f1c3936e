"""Shared helpers of the store, import/export, agreement and development tests.

Nothing here is a pytest fixture: helpers are plain functions, so test
modules import them without a ``conftest.py``.

- :func:`sample_dataset` loads ``sample_data/`` once per test session;
  :func:`sample_store` gives each test its own copy of a SQLite file into which
  the sample data were imported once (so a test pays a file copy, not an
  import).
- :func:`small_tables` is a tiny valid data set (four employees) for tests
  that need a fast store (many saves, subprocesses).
- :func:`table_dump` and :func:`row_counts` read every table of a store, for
  "the database is exactly as it was" checks.
- :func:`concurrent_saver` runs in a spawned process of the concurrency test.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from kinerja.dataset import Dataset
from kinerja.loaders import load_dataset
from kinerja.store import Store, metadata, sqlite_url

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DATA = REPO / "sample_data"
SAMPLE_PERIODE = "2025"

# four employees of the small data set (NIPs valid by the DESIGN §3 rules)
KEPALA = "196502222007011005"
STAF_A = "197001012000031002"
STAF_B = "197101012000032003"
STAF_C = "197202022001121004"
SMALL_PERIODE = "2025"
SMALL_UNIT = "Dinas Uji"
BERAKHLAK = tuple(f"B.{i:02d}" for i in range(1, 8))


# --------------------------------------------------------------------------- sample data


@functools.cache
def sample_dataset() -> Dataset:
    """``sample_data/`` loaded once (do not mutate the frames)."""
    return load_dataset(SAMPLE_DATA)


@functools.cache
def _sample_db_template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="kinerja-sample-db-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "sample.sqlite"
    store = Store(sqlite_url(path))
    store.import_dataset(sample_dataset(), who="penguji", source=str(SAMPLE_DATA))
    store.dispose()  # last connection closed: the WAL is checkpointed into the file
    return path


def sample_store(tmp_path: Path, name: str = "kinerja.sqlite") -> Store:
    """A store of its own (a SQLite file under ``tmp_path``) holding the imported sample data."""
    target = tmp_path / name
    shutil.copyfile(_sample_db_template(), target)
    return Store(sqlite_url(target))


def copy_sample_folder(target: Path) -> Path:
    """A copy of ``sample_data/`` (CSV files only) that a test may edit."""
    target.mkdir(parents=True, exist_ok=True)
    for path in SAMPLE_DATA.glob("*.csv"):
        shutil.copyfile(path, target / path.name)
    return target


def read_csv_text(path: Path) -> pd.DataFrame:
    """An input CSV read as text, exactly as written (no type guessing, empty stays empty)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def write_csv_text(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


# --------------------------------------------------------------------------- small data set


def small_tables() -> dict[str, pd.DataFrame]:
    """A tiny valid data set as text frames (one unit, four employees, period 2025)."""
    pegawai = pd.DataFrame(
        [
            [KEPALA, "Kepala Uji", SMALL_UNIT, "Kepala Dinas", "jpt_pratama", "IV/c", ""],
            [STAF_A, "Staf Satu", SMALL_UNIT, "Pelaksana", "pelaksana", "III/a", KEPALA],
            [STAF_B, "Staf Dua", SMALL_UNIT, "Pelaksana", "pelaksana", "III/a", KEPALA],
            [STAF_C, "Staf Tiga", SMALL_UNIT, "Pelaksana", "pelaksana", "III/b", KEPALA],
        ],
        columns=["nip", "nama", "unit_kerja", "jabatan", "jenis_jabatan", "golongan", "nip_atasan"],
    )
    standar = pd.DataFrame(
        [["Kepala Dinas", "M.01", "4"], ["Pelaksana", "M.01", "2"], ["Pelaksana", "SK.01", "1"]],
        columns=["jabatan", "kompetensi_kode", "level"],
    )
    rows = []
    for ratee in (STAF_A, STAF_B, STAF_C):
        for kode in ("M.01", "SK.01", *BERAKHLAK):
            rows.append([SMALL_PERIODE, ratee, KEPALA, "atasan", kode, "3", ""])
    rows.append([SMALL_PERIODE, KEPALA, STAF_A, "bawahan", "M.01", "4", ""])
    penilaian = pd.DataFrame(
        rows,
        columns=[
            "periode",
            "nip_dinilai",
            "nip_penilai",
            "sumber",
            "kompetensi_kode",
            "skor",
            "catatan",
        ],
    )
    hasil_kerja = pd.DataFrame(
        [[SMALL_PERIODE, n, "sesuai"] for n in (STAF_A, STAF_B, STAF_C)],
        columns=["periode", "nip", "rating_hasil_kerja"],
    )
    unit_kerja = pd.DataFrame(
        [[SMALL_PERIODE, SMALL_UNIT, "baik"]],
        columns=["periode", "unit_kerja", "predikat_organisasi"],
    )
    return {
        "pegawai": pegawai,
        "standar_kompetensi": standar,
        "penilaian": penilaian,
        "hasil_kerja": hasil_kerja,
        "unit_kerja": unit_kerja,
    }


def write_folder(folder: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """Write text frames as ``<name>.csv`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        write_csv_text(frame, folder / f"{name}.csv")
    return folder


@functools.cache
def _small_db_template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="kinerja-small-db-"))
    atexit.register(shutil.rmtree, folder, True)
    store = Store(sqlite_url(folder / "kecil.sqlite"))
    store.import_dataset(load_dataset(write_folder(folder / "data", small_tables())), who="penguji")
    store.dispose()
    return folder / "kecil.sqlite"


def small_store(tmp_path: Path, name: str = "kecil.sqlite") -> Store:
    """A store of its own under ``tmp_path`` holding the imported small data set."""
    target = tmp_path / name
    shutil.copyfile(_small_db_template(), target)
    return Store(sqlite_url(target))


# --------------------------------------------------------------------------- database state


def table_dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the schema the database has (``impor`` and
    ``kinerja_meta`` included), ordered."""
    dump = {}
    with store.engine.connect() as conn:
        existing = set(sa.inspect(conn).get_table_names())
        for table in metadata.sorted_tables:
            if table.name not in existing:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows = conn.execute(sa.select(table).order_by(*order)).all()
            dump[table.name] = [tuple(r) for r in rows]
    return dump


def row_counts(store: Store) -> dict[str, int]:
    """Row count per table of the schema."""
    with store.engine.connect() as conn:
        return {
            t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
            for t in metadata.sorted_tables
        }


# --------------------------------------------------------------------------- concurrency worker


def concurrent_saver(url: str, who: str, n_saves: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    """Run in a spawned process: wait for the other writer, then save ``n_saves`` small batches.

    Every batch is three ratings of STAF_A by KEPALA (one transaction each);
    ``catatan`` names the writer and the batch so every record can be found
    afterwards.  Reports ``(who, start, end, error)`` on ``results``.
    """
    try:
        store = Store(url)
        barrier.wait(timeout=60)
        start = time.monotonic()
        for i in range(n_saves):
            batch = pd.DataFrame(
                {
                    "periode": SMALL_PERIODE,
                    "nip_dinilai": STAF_A,
                    "nip_penilai": KEPALA,
                    "sumber": "atasan",
                    "kompetensi_kode": ["M.01", "SK.01", "B.01"],
                    "skor": [1 + i % 5, 1 + (i + 1) % 5, 1 + (i + 2) % 5],
                    "catatan": [f"{who}-{i}-{k}" for k in range(3)],
                }
            )
            store.save_ratings(batch, who=who)
        end = time.monotonic()
        store.dispose()
        results.put((who, start, end, ""))
    except BaseException as exc:  # reported to the parent, which fails the test
        results.put((who, 0.0, 0.0, repr(exc)))
