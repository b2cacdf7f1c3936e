"""Cached benchmark stores: the sample data and synthetic years, each imported once.

``/tmp/kinerja-bench/store-sample/store.sqlite`` holds ``sample_data`` and
``/tmp/kinerja-bench/store-N/store.sqlite`` a synthetic year of N employees
(``kinerja.synthetic.make_cohort``, seed 7), both written with
``kinerja import`` (the province, 100,000 employees and about 9.6 million
ratings, takes some 5 minutes and 2.4 GB).  A store is built under another
name and renamed when complete, so an interrupted build is not reused.
Benchmarks that change a store (saves, adjustments) change the cached one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("KINERJA_BENCH_CACHE", "/tmp/kinerja-bench"))


def _import(data: Path, db: Path) -> float:
    """``kinerja import`` of ``data`` into ``db`` (built aside, then renamed); seconds."""
    from kinerja.store import sqlite_url

    building = db.with_name("building.sqlite")
    building.unlink(missing_ok=True)
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kinerja", "import", "--data", str(data)]
        + ["--db", sqlite_url(building), "--oleh", "bench"],
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
    )
    building.rename(db)
    return time.perf_counter() - t


def sample_store() -> Path:
    """The sample data's store (228 employees)."""
    db = CACHE / "store-sample" / "store.sqlite"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        print(f"sample store: kinerja import {_import(REPO / 'sample_data', db):.1f} s", flush=True)
    return db


def synthetic_store(n_employees: int) -> Path:
    """A synthetic year of ``n_employees`` employees (seed 7)."""
    from kinerja.synthetic import make_cohort, write_cohort

    folder = CACHE / f"store-{n_employees}"
    db = folder / "store.sqlite"
    if not db.exists():
        folder.mkdir(parents=True, exist_ok=True)
        data = folder / "data"
        if not (data / ".complete").exists():
            write_cohort(make_cohort(n_employees, seed=7), data)
            (data / ".complete").write_text("seed 7\n")
        seconds = _import(data, db)
        print(f"{n_employees} employees: kinerja import {seconds:.1f} s", flush=True)
    return db
