"""Make ``store_v0_1.sqlite``: a store written by kinerja 0.1.0 itself, for test_migrations.py.

kinerja 0.1.0 is commit 85a08d3 (its store kept ``kinerja_meta.schema_version``
= 1 and had no Alembic).  Run from the repository root::

    git worktree add /tmp/kinerja_v01 85a08d3
    python3 tests/data/make_store_v0_1.py /tmp/kinerja_v01
    git worktree remove /tmp/kinerja_v01

It writes ``tests/data/sample_v0_1/``, the sample data reduced to the first
two units of ``unit_kerja.csv`` (their employees with every rating of them
by a rater who is in those units or no employee at all, their standards and
hasil kerja, and all competencies and trainings), imports that folder with
0.1's ``python3 -m kinerja import`` into ``tests/data/store_v0_1.sqlite``,
and adds one adjustment (:func:`adjustment`) through 0.1's ``Store.add_adjustment(...,
old_value=...)``.  The test imports the same folder and adjustment with
today's code and compares.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[1] / "sample_data"
DATA = HERE / "sample_v0_1"
STORE = HERE / "store_v0_1.sqlite"
COMMIT = "85a08d3"
PERIODE = "2025"
N_UNITS = 2

#: The one calibration adjustment of the store, of the first employee of the reduced
#: ``hasil_kerja.csv``: ``old_value`` is that record (the value in force), ``new_value`` another.
ADJUSTMENT = {
    "field": "rating_hasil_kerja",
    "reason": "Dibuat oleh kinerja 0.1 untuk uji migrasi",
    "who": "uji migrasi",
}


def reduce_sample(out: Path) -> None:
    """Write the reduced copy of ``sample_data/`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    read = {"dtype": str, "keep_default_na": False}
    units = pd.read_csv(SAMPLE / "unit_kerja.csv", **read)
    chosen = list(dict.fromkeys(units["unit_kerja"]))[:N_UNITS]
    pegawai = pd.read_csv(SAMPLE / "pegawai.csv", **read)
    everyone = set(pegawai["nip"])
    pegawai = pegawai[pegawai["unit_kerja"].isin(chosen)].copy()
    kept = set(pegawai["nip"])
    pegawai.loc[~pegawai["nip_atasan"].isin(kept), "nip_atasan"] = ""
    penilaian = pd.read_csv(SAMPLE / "penilaian.csv", **read)
    rater_ok = penilaian["nip_penilai"].isin(kept) | ~penilaian["nip_penilai"].isin(everyone)
    penilaian = penilaian[penilaian["nip_dinilai"].isin(kept) & rater_ok]
    hasil = pd.read_csv(SAMPLE / "hasil_kerja.csv", **read)
    standar = pd.read_csv(SAMPLE / "standar_kompetensi.csv", **read)
    tables = {
        "unit_kerja": units[units["unit_kerja"].isin(chosen)],
        "pegawai": pegawai,
        "penilaian": penilaian,
        "hasil_kerja": hasil[hasil["nip"].isin(kept)],
        "standar_kompetensi": standar[standar["jabatan"].isin(set(pegawai["jabatan"]))],
        "kompetensi": pd.read_csv(SAMPLE / "kompetensi.csv", **read),
        "pelatihan": pd.read_csv(SAMPLE / "pelatihan.csv", **read),
    }
    for name, frame in tables.items():
        frame.to_csv(out / f"{name}.csv", index=False)


def adjustment(data: Path) -> dict[str, str]:
    """The adjustment's arguments (0.1's ``add_adjustment`` also takes ``old_value``)."""
    first = pd.read_csv(data / "hasil_kerja.csv", dtype=str).iloc[0]
    old = str(first["rating_hasil_kerja"])
    new = "di_atas" if old != "di_atas" else "sesuai"
    return {
        "periode": PERIODE,
        "nip": str(first["nip"]),
        "new_value": new,
        "old_value": old,
        **ADJUSTMENT,
    }


_ADJUST_WITH_V01 = """
import json, sys
from kinerja.store import Store
args = json.loads(sys.argv[1])
store = Store(args.pop("url"))
print(store.add_adjustment(**args))
"""


def main(v01: Path) -> None:
    head = subprocess.run(
        ["git", "-C", str(v01), "rev-parse", "--short", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not head.startswith(COMMIT):
        sys.exit(f"{v01} is at {head}, not kinerja 0.1.0 ({COMMIT})")
    env = {"PYTHONPATH": str(v01), "PATH": "/usr/bin:/bin"}
    reduce_sample(DATA)
    STORE.unlink(missing_ok=True)
    url = f"sqlite:///{STORE}"
    run = {"check": True, "cwd": v01, "env": env}
    subprocess.run(
        [sys.executable, "-m", "kinerja", "import", "--data", str(DATA), "--db", url]
        + ["--oleh", "kinerja 0.1"],
        **run,  # type: ignore[call-overload]
    )
    args = {"url": url, **adjustment(DATA)}
    subprocess.run([sys.executable, "-c", _ADJUST_WITH_V01, json.dumps(args)], **run)  # type: ignore[call-overload]
    # one file, no -wal/-shm beside it
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
            "c.execute('PRAGMA journal_mode=DELETE'); c.execute('VACUUM'); c.close()",
            str(STORE),
        ],
        check=True,
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/kinerja_v01").resolve())
