"""Kernel time of one calibration adjustment on a 10,000-employee store (figures only).

Builds (once, cached under /tmp) a SQLite store with a synthetic Gunungkidul-sized
year, opens the Kalibrasi board on one unit and times, over N adjustments:

- ``board.adjust``: store write + re-derivation of that employee + that unit's curve;
- ``app adjust``: the same through the widget app, every panel updated
  (distribution, nine-box, queue, current values, log).

Usage: python benchmarks/bench_calibration.py [--employees 10000] [--n 30]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kinerja.loaders import load_dataset
from kinerja.store import Store
from kinerja.synthetic import make_cohort, write_cohort


def store_for(n_employees: int) -> Store:
    folder = Path(f"/tmp/kinerja-bench/kalibrasi-{n_employees}")
    db = folder / "store.sqlite"
    if not db.exists():
        folder.mkdir(parents=True, exist_ok=True)
        data = folder / "data"
        write_cohort(make_cohort(n_employees, seed=7), data)
        t = time.perf_counter()
        Store(str(db)).import_dataset(load_dataset(data), who="bench", source=str(data))
        print(f"import of {n_employees} employees: {time.perf_counter() - t:.1f} s")
    return Store(str(db))


def _another(value: str | None) -> str:
    """A rating other than the one in force (an adjustment to the same value is refused)."""
    return "sesuai" if value != "sesuai" else "di_atas"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--n", type=int, default=30)
    args = parser.parse_args()
    store = store_for(args.employees)

    from kinerja.ui.kalibrasi import KalibrasiApp

    t = time.perf_counter()
    app = KalibrasiApp(store)
    print(f"board open (read store, score, all panels): {time.perf_counter() - t:.1f} s")
    unit = app.board.unit_names()[0]
    app.unit.value = unit
    people = app.board.summary(unit)
    nips = people.loc[people["predikat"].notna(), "nip"].tolist()[: args.n]

    board_ms, app_ms, board_cpu, app_cpu = [], [], [], []
    for nip in nips:
        value = _another(app.board.current(nip, "rating_perilaku"))
        t, c = time.perf_counter(), time.process_time()
        app.board.adjust(
            nip=nip, field="rating_perilaku", new_value=value, reason="benchmark", who="bench"
        )
        board_ms.append(1000 * (time.perf_counter() - t))
        board_cpu.append(1000 * (time.process_time() - c))
    for nip in nips:
        app.adj_employee.value = nip
        app.adj_field.value = "rating_hasil_kerja"
        app.adj_value.value = _another(app.board.current(nip, "rating_hasil_kerja"))
        app.adj_reason.value = "benchmark"
        app.adj_who.value = "bench"
        t, c = time.perf_counter(), time.process_time()
        app.adj_save.click()
        app_ms.append(1000 * (time.perf_counter() - t))
        app_cpu.append(1000 * (time.process_time() - c))

    def show(label: str, values: list[float]) -> None:
        q = statistics.quantiles(values, n=20)
        print(
            f"{label}: median {statistics.median(values):.1f} ms, p95 {q[18]:.1f} ms, "
            f"max {max(values):.1f} ms over {len(values)} adjustments"
        )

    print(f"store: {args.employees} employees, unit '{unit}' ({len(people)} employees)")
    show("board.adjust (write + recompute), wall", board_ms)
    show("board.adjust (write + recompute), kernel CPU", board_cpu)
    show("app adjust (write + recompute + every panel), wall", app_ms)
    show("app adjust (write + recompute + every panel), kernel CPU", app_cpu)


if __name__ == "__main__":
    main()
