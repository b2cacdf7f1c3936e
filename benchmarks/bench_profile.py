"""Profil Kompetensi in the kernel: time and memory to build the app and show one employee.

Prints figures, asserts nothing::

    python benchmarks/bench_profile.py                    # sample store and 10,000 employees
    python benchmarks/bench_profile.py --employees 2000 --runs 1

Two stores, each built once under ``/tmp/kinerja-bench/profile-*/`` with
``kinerja import``: the bundled sample data (228 employees) and a synthetic
year of ``--employees`` employees (``kinerja.synthetic.make_cohort``, seed 7).

Two versions of the app, each measured in a fresh process per run (as one
Voilà kernel would be):

- *before*: main's ``kinerja/ui/profil.py`` (read with ``git show`` from the
  ``--before`` revision, default ``main``): the whole period read
  (``Store.dataset(periode)``) and scored (``score_dataset``) before one
  person is shown, and a dropdown of every employee;
- *after*: this tree's app (search within a unit, one employee scored from
  their one-ratee data set, history from the stored results).

Per run: ``ProfilApp(store, nip=...)`` (the page opening with ``?nip=``:
everything the kernel does until the profile is on the widgets, charts
rendered to SVG included), then showing a second employee of another unit.
Wall-clock and CPU milliseconds; memory as the growth of the process's
resident set over the imported modules (``ru_maxrss`` peak minus the resident
set before the store was opened) and, in one more untimed opening, the
tracemalloc peak of the Python allocations.  The chart renderer is warmed up
before timing (a kernel pays that once, either version alike).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = Path("/tmp/kinerja-bench")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _import(data: Path, db: Path) -> float:
    """``kinerja import`` of ``data`` into a new SQLite store ``db``; seconds."""
    from kinerja.store import sqlite_url

    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kinerja", "import", "--data", str(data)]
        + ["--db", sqlite_url(db), "--oleh", "bench"],
        check=True,
        env=_env(),
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - t


def sample_store() -> Path:
    db = CACHE / "profile-sample" / "store.sqlite"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        print(f"sample store: import {_import(REPO / 'sample_data', db):.1f} s")
    return db


def cohort_store(n: int) -> Path:
    from kinerja.synthetic import make_cohort, write_cohort

    folder = CACHE / f"profile-{n}"
    db = folder / "store.sqlite"
    if not db.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_cohort(make_cohort(n, seed=7), folder / "data")
        print(f"{n} employees: import {_import(folder / 'data', db):.1f} s")
    return db


def two_employees(db: Path) -> tuple[str, str, int, int]:
    """An employee from the middle of the roster and one of another unit; roster and ratings."""
    import sqlalchemy as sa

    from kinerja.store import Store, pegawai_table, penilaian_table, sqlite_url

    store = Store(sqlite_url(db))
    p = pegawai_table
    with store.engine.connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(p)).scalar_one()
        ratings = conn.execute(sa.select(sa.func.count()).select_from(penilaian_table)).scalar_one()
        first = conn.execute(sa.select(p.c.nip, p.c.unit_kerja).order_by(p.c.nip).offset(n // 2))
        nip, unit = first.first()  # type: ignore[misc]
        other = conn.execute(
            sa.select(p.c.nip).where(p.c.unit_kerja != unit).order_by(p.c.nip).limit(1)
        ).scalar_one()
    store.dispose()
    return str(nip), str(other), int(n), int(ratings)


# --------------------------------------------------------------------------- one kernel


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _app_class(version: str, before_rev: str) -> type:
    if version == "after":
        from kinerja.ui.profil import ProfilApp

        return ProfilApp
    import importlib.util

    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{before_rev}:kinerja/ui/profil.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "profil_before.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("profil_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ProfilApp  # type: ignore[no-any-return]


def kernel(version: str, db: str, nip: str, other: str, before_rev: str) -> None:
    """One run in this process; prints one JSON line."""
    import tracemalloc

    import altair as alt
    import pandas as pd

    from kinerja import charts
    from kinerja.store import Store, sqlite_url

    app_class = _app_class(version, before_rev)
    charts.to_svg(alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q"))  # warm-up
    rss0 = _rss_mb()
    store = Store(sqlite_url(Path(db)))
    t, c = time.perf_counter(), time.process_time()
    app = app_class(store, nip=nip)
    open_ms = (time.perf_counter() - t) * 1000
    open_cpu = (time.process_time() - c) * 1000
    assert app.profile is not None and app.profile.info["nip"] == nip, app.status.value
    t, c = time.perf_counter(), time.process_time()
    if version == "after":
        app.choose(other)
    else:
        app.employee.value = other
    other_ms = (time.perf_counter() - t) * 1000
    other_cpu = (time.process_time() - c) * 1000
    assert app.profile.info["nip"] == other
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss0
    options = len(app.employee.options)
    del app
    tracemalloc.start()
    app_class(Store(sqlite_url(Path(db))), nip=nip)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "open_ms": open_ms,
                "open_cpu": open_cpu,
                "other_ms": other_ms,
                "other_cpu": other_cpu,
                "rss_mb": peak_rss,
                "traced_mb": traced,
                "options": options,
            }
        )
    )


def run_kernel(version: str, db: Path, nip: str, other: str, before_rev: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--kernel", version, "--db", str(db)]
        + ["--nip", nip, "--other", other, "--before", before_rev],
        check=True,
        env=_env(),
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def report(name: str, db: Path, runs: int, before_rev: str) -> None:
    nip, other, n, ratings = two_employees(db)
    print(f"\n{name}: {n} employees, {ratings} rating records ({db})")
    print(
        f"  {'version':<8} {'open ms':>9} {'(CPU)':>8} {'2nd ms':>8} {'(CPU)':>8} "
        f"{'RSS +MB':>8} {'traced MB':>10} {'list':>6}"
    )
    for version in ("before", "after"):
        rows = [run_kernel(version, db, nip, other, before_rev) for _ in range(runs)]

        def med(key: str, rows: list[dict] = rows) -> float:
            return statistics.median(r[key] for r in rows)

        print(
            f"  {version:<8} {med('open_ms'):9.0f} {med('open_cpu'):8.0f} {med('other_ms'):8.0f} "
            f"{med('other_cpu'):8.0f} {med('rss_mb'):8.0f} {med('traced_mb'):10.1f} "
            f"{int(med('options')):6d}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per figure (median)")
    parser.add_argument("--before", default="main", help="git revision of the 'before' app")
    parser.add_argument("--kernel", choices=["before", "after"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--nip", help=argparse.SUPPRESS)
    parser.add_argument("--other", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kernel:
        kernel(args.kernel, args.db, args.nip, args.other, args.before)
        return
    print(
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; medians of {args.runs}"
    )
    report("sample store", sample_store(), args.runs, args.before)
    report("synthetic store", cohort_store(args.employees), args.runs, args.before)


if __name__ == "__main__":
    main()
