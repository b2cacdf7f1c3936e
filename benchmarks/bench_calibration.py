"""Kalibrasi on a 10,000-employee store: opening the board and one adjustment (figures only).

Builds (once, cached under /tmp) a SQLite store with a synthetic Gunungkidul-sized
year; every run works on a fresh copy of it (adjustments do not pile up), then:

- opens the board (``CalibrationBoard``) and the whole app (``KalibrasiApp``, every
  panel drawn): wall and CPU time, the kernel's resident memory before/after and
  its peak (``ru_maxrss``), and the Python allocations' peak (``tracemalloc``, a
  second opening measured on its own: tracing slows it down);
- times, over N adjustments, ``board.adjust`` (store write, which updates the stored
  summary and the unit's distribution, + reading back that employee's row and the
  unit's distribution) and the same through the widget app, every panel updated
  (distribution, nine-box, queue, current values, log).

Runs against whichever ``kinerja`` is on the path, so the figures before and after a
change come from the same script: e.g. ``git archive <commit> kinerja | tar -x -C
/tmp/before`` and ``PYTHONPATH=/tmp/before python benchmarks/bench_calibration.py``.

Usage: python benchmarks/bench_calibration.py [--employees 10000] [--n 30] [--unit NAME]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from kinerja.loaders import load_dataset
from kinerja.store import Store, sqlite_url
from kinerja.synthetic import make_cohort, write_cohort


def template_for(n_employees: int) -> Path:
    """The cached store file (built once); never written by the timing runs."""
    folder = Path(f"/tmp/kinerja-bench/kalibrasi-{n_employees}")
    db = folder / "store.sqlite"
    if not db.exists():
        folder.mkdir(parents=True, exist_ok=True)
        data = folder / "data"
        write_cohort(make_cohort(n_employees, seed=7), data)
        t = time.perf_counter()
        store = Store(sqlite_url(db))
        store.import_dataset(load_dataset(data), who="bench", source=str(data))
        store.dispose()
        print(f"import of {n_employees} employees: {time.perf_counter() - t:.1f} s")
    return db


def fresh_copy(template: Path, target: Path) -> Store:
    """A consistent copy of the template (SQLite's backup: safe while others read it).

    The copy is opened once in a child process, which upgrades an older
    template's copy in place (scoring it), so this process's memory figures
    hold only what the board and the app read.
    """
    with sqlite3.connect(template) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    code = "import sys; from kinerja.store import Store; Store(sys.argv[1]).dispose()"
    subprocess.run([sys.executable, "-c", code, sqlite_url(target)], check=True)
    return Store(sqlite_url(target))


def rss_mb() -> float:
    """Resident memory of this process now, MB."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _another(value: str | None) -> str:
    """A rating other than the one in force (an adjustment to the same value is refused)."""
    return "sesuai" if value != "sesuai" else "di_atas"


def show(label: str, values: list[float]) -> None:
    q = statistics.quantiles(values, n=20)
    print(
        f"{label}: median {statistics.median(values):.1f} ms, p95 {q[18]:.1f} ms, "
        f"max {max(values):.1f} ms over {len(values)} adjustments"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--unit", help="adjust in this unit (default: the one the app opens on)")
    args = parser.parse_args()
    template = template_for(args.employees)
    work = Path(tempfile.mkdtemp(prefix="kinerja-bench-kalibrasi-"))
    store = fresh_copy(template, work / "store.sqlite")

    from kinerja.board import CalibrationBoard
    from kinerja.ui.kalibrasi import ALL_UNITS, KalibrasiApp

    periode = store.periods()[-1]
    gc.collect()
    base = rss_mb()
    t, c = time.perf_counter(), time.process_time()
    board = CalibrationBoard(store, periode)
    board_wall, board_cpu = time.perf_counter() - t, time.process_time() - c
    board_rss = rss_mb()
    del board
    gc.collect()
    t, c = time.perf_counter(), time.process_time()
    app = KalibrasiApp(store)
    app_wall, app_cpu = time.perf_counter() - t, time.process_time() - c
    app_rss, app_peak = rss_mb(), peak_rss_mb()

    tracemalloc.start()
    CalibrationBoard(store, periode)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    unit = args.unit or app.unit.value
    unit = unit if unit != ALL_UNITS else app.board.unit_names()[0]
    app.unit.value = unit
    people = app.board.summary(unit)
    print(f"store: {args.employees} employees, unit '{unit}' ({len(people)} employees)")
    print(f"board open (CalibrationBoard): {board_wall:.2f} s wall, {board_cpu:.2f} s CPU")
    print(f"app open (KalibrasiApp, every panel): {app_wall:.2f} s wall, {app_cpu:.2f} s CPU")
    print(
        f"kernel memory: {base:.0f} MB before, {board_rss:.0f} MB with the board, "
        f"{app_rss:.0f} MB with the app; peak RSS {app_peak:.0f} MB"
    )
    print(f"tracemalloc peak while a board opens: {traced_peak / 2**20:.0f} MB")

    nips = people.loc[people["predikat"].notna(), "nip"].tolist()[: args.n]
    board_ms, app_ms, board_cpu_ms, app_cpu_ms = [], [], [], []
    for nip in nips:
        value = _another(app.board.current(nip, "rating_perilaku"))
        t, c = time.perf_counter(), time.process_time()
        app.board.adjust(
            nip=nip, field="rating_perilaku", new_value=value, reason="benchmark", who="bench"
        )
        board_ms.append(1000 * (time.perf_counter() - t))
        board_cpu_ms.append(1000 * (time.process_time() - c))
    for nip in nips:
        app.adj_employee.value = nip
        app.adj_field.value = "rating_hasil_kerja"
        app.adj_value.value = _another(app.board.current(nip, "rating_hasil_kerja"))
        app.adj_reason.value = "benchmark"
        t, c = time.perf_counter(), time.process_time()
        app.adj_save.click()
        app_ms.append(1000 * (time.perf_counter() - t))
        app_cpu_ms.append(1000 * (time.process_time() - c))

    show("board.adjust (write + read back), wall", board_ms)
    show("board.adjust (write + read back), kernel CPU", board_cpu_ms)
    show("app adjust (write + read back + every panel), wall", app_ms)
    show("app adjust (write + read back + every panel), kernel CPU", app_cpu_ms)
    store.dispose()
    for path in work.iterdir():
        path.unlink()
    work.rmdir()


if __name__ == "__main__":
    main()
