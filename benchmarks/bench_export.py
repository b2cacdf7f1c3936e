"""The Excel export (``kinerja export``) of stored results: where its time goes (figures only).

Exports the cached sample store (``benchmarks/_stores.py``) and, with
``--employees N``, a synthetic year of N employees, ``--runs`` times each in
this process after one untimed export, and prints, wall and CPU milliseconds
(medians): reading the stored results (:func:`kinerja.excel.read_stored_export`),
building the sheets for people (:func:`kinerja.excel.export_sheets`), writing
the workbook (:func:`kinerja.excel.write_frames`, openpyxl's write-only mode),
the whole :func:`kinerja.excel.export_workbook`, the cells written, and
whether openpyxl writes its XML with lxml.

Usage: python benchmarks/bench_export.py [--employees 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _stores import sample_store, synthetic_store
from openpyxl.xml import LXML

from kinerja.excel import (
    export_sheets,
    export_workbook,
    read_stored_export,
    stored_periods,
    write_frames,
)
from kinerja.store import Store, sqlite_url


def _timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def bench(label: str, db: Path, runs: int) -> None:
    store = Store(sqlite_url(db))
    periods = stored_periods(store)
    out = Path(tempfile.mkdtemp(prefix="kinerja-export-")) / "hasil.xlsx"
    export_workbook(store, periods, out)  # untimed: first-call set-up
    data = read_stored_export(store, periods)
    sheets = export_sheets(data)
    frames = {name: frame for name, (frame, _) in sheets.items()}
    formats = {name: f for name, (_, f) in sheets.items()}
    cells = sum(frame.size + len(frame.columns) for frame in frames.values())
    print(f"\n== {label}: {cells} cells in {len(frames)} sheets ==", flush=True)
    steps: dict[str, Callable[[], object]] = {
        "read_stored_export": lambda: read_stored_export(store, periods),
        "export_sheets": lambda: export_sheets(data),
        "write_frames": lambda: write_frames(frames, out, number_formats=formats),
        "export_workbook (all)": lambda: export_workbook(store, periods, out),
    }
    for name, action in steps.items():
        wall, cpu = _timed(action, runs)
        print(f"  {name:<24} wall {wall:8.1f} ms  CPU {cpu:8.1f} ms", flush=True)
    store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"openpyxl writes XML with {'lxml' if LXML else 'et_xmlfile (no lxml)'}")
    bench("sample", sample_store(), args.runs)
    if args.employees:
        bench(f"{args.employees} employees", synthetic_store(args.employees), args.runs)


if __name__ == "__main__":
    main()
