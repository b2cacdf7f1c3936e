"""Stored results (kinerja.results): import, save, adjustment and reads by key (figures only).

Builds (once, cached under /tmp/kinerja-bench/results-N) a SQLite store of a
synthetic year (``kinerja.synthetic.make_cohort``, seed 7) and times:

- the import, with the results written in its transaction, beside the same
  import with the results step switched off (first build only);
- ``save_ratings`` of one changed rating (store write, re-scoring of that
  ratee, that unit's distribution), N times on different ratees;
- ``add_adjustment`` and ``undo_adjustment`` (store write, that employee's
  calibrated values, that unit's distribution), N times each;
- the reads by key a page opens with (one employee, one unit, the worst unit,
  a search), N times each;
- ``refresh_rater_figures`` (a whole-period read, an explicit action), once.

Figures are wall-clock milliseconds (median, min, max) with the CPU time beside
them; on the shared 2-core machines compare the CPU and minimum figures.

Usage: python benchmarks/bench_results.py [--employees 10000] [--n 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from kinerja import results
from kinerja.loaders import load_dataset
from kinerja.store import Store, now
from kinerja.synthetic import make_cohort, write_cohort

PERIODE = "2025"


def _timed_import(db: Path, data: Path, *, with_results: bool) -> float:
    ds = load_dataset(data)
    store = Store(str(db))
    original = Store._score_period
    if not with_results:
        Store._score_period = lambda self, conn, periode, stamp: None  # type: ignore[method-assign]
    try:
        t = time.perf_counter()
        store.import_dataset(ds, who="bench", source=str(data))
        return time.perf_counter() - t
    finally:
        Store._score_period = original  # type: ignore[method-assign]
        store.dispose()


def store_for(n_employees: int) -> Store:
    folder = Path(f"/tmp/kinerja-bench/results-{n_employees}")
    db = folder / "store.sqlite"
    if not db.exists():
        folder.mkdir(parents=True, exist_ok=True)
        data = folder / "data"
        write_cohort(make_cohort(n_employees, seed=7), data)
        bare = _timed_import(folder / "bare.sqlite", data, with_results=False)
        full = _timed_import(db, data, with_results=True)
        (folder / "bare.sqlite").unlink()
        print(f"import of {n_employees} employees: {full:.1f} s with results, {bare:.1f} s without")
    return Store(str(db))


def _measure(label: str, actions: list[Callable[[], object]]) -> None:
    wall, cpu = [], []
    for action in actions:
        t, c = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    print(
        f"{label:<34} median {statistics.median(wall):7.1f} ms  min {min(wall):7.1f}  "
        f"max {max(wall):7.1f}  (CPU median {statistics.median(cpu):7.1f} ms, n={len(wall)})"
    )


def _save_action(store: Store, rating: pd.Series) -> Callable[[], object]:
    cols = ["periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode"]
    row = {c: rating[c] for c in cols} | {"skor": 1 if rating["skor"] != 1 else 5}
    return lambda: store.save_ratings(pd.DataFrame([row]), who="bench")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--n", type=int, default=20)
    args = parser.parse_args()
    store = store_for(args.employees)
    unit = results.worst_unit(store, PERIODE) or ""
    people = results.unit_summary(store, PERIODE, unit)
    nips = people["nip"].astype(str).tolist()[: args.n]
    firsts = [store.ratings(PERIODE, nip_dinilai=nip).iloc[0] for nip in nips]
    more = people["nip"].astype(str).tolist()[args.n : 2 * args.n]
    others = [store.ratings(PERIODE, nip_dinilai=nip).iloc[0] for nip in more]
    _measure("save_ratings (one rating)", [_save_action(store, r) for r in firsts])
    original = Store._rescore_ratees
    Store._rescore_ratees = lambda self, conn, ratees, stamp: None  # type: ignore[method-assign]
    try:  # the same saves without the results step: what the results cost
        _measure("  other ratees, results step off", [_save_action(store, r) for r in others])
    finally:
        Store._rescore_ratees = original  # type: ignore[method-assign]
    with store.transaction() as conn:  # the saves without results: score the period again
        store._score_period(conn, PERIODE, now())

    def adjust(nip: str) -> Callable[[], object]:
        def run() -> object:
            now = results.employee_summary(store, PERIODE, nip)["rating_perilaku"].iloc[0]
            new = "sesuai" if now != "sesuai" else "di_atas"
            return store.add_adjustment(
                periode=PERIODE,
                nip=nip,
                field="rating_perilaku",
                new_value=new,
                reason="bench",
                who="bench",
            )

        return run

    _measure("add_adjustment (+ summary read)", [adjust(n) for n in nips])
    undo = [
        (lambda n=n: store.undo_adjustment(periode=PERIODE, nip=n, who="bench"))  # type: ignore[misc]
        for n in nips
    ]
    _measure("undo_adjustment", undo)
    _measure(
        "employee_summary", [lambda n=n: results.employee_summary(store, PERIODE, n) for n in nips]
    )  # type: ignore[misc]
    _measure(
        "employee_competencies",
        [lambda n=n: results.employee_competencies(store, PERIODE, n) for n in nips],  # type: ignore[misc]
    )
    _measure("unit_summary", [lambda: results.unit_summary(store, PERIODE, unit)] * args.n)
    _measure(
        "unit_distribution", [lambda: results.unit_distribution(store, PERIODE, unit)] * args.n
    )
    _measure("worst_unit", [lambda: results.worst_unit(store, PERIODE)] * args.n)
    _measure("search_employees('sri')", [lambda: results.search_employees(store, "sri")] * args.n)
    _measure("refresh_rater_figures (whole period)", [lambda: store.refresh_rater_figures(PERIODE)])


if __name__ == "__main__":
    main()
