"""Stored results (kinerja.results): saves, adjustments and reads by key (figures only).

Uses the cached stores of ``benchmarks/_stores.py`` (a synthetic year of N
employees, ``kinerja.synthetic.make_cohort`` seed 7, written with
``kinerja import`` once under /tmp/kinerja-bench/store-N) and times, for each
``--employees`` size given:

- ``save_ratings`` of one changed rating (validation against the roster read
  by key, store write, re-scoring of that ratee, that unit's distribution),
  N times on different ratees of the largest unit, and the same saves with
  the results step switched off;
- ``add_adjustment`` and ``undo_adjustment`` (store write, that employee's
  calibrated values, that unit's distribution), N times each;
- the reads by key a page opens with (one employee, one unit, the worst unit,
  a search), N times each;
- with ``--refresh``: ``refresh_rater_figures`` (a whole-period read, an
  explicit action), once.

Figures are milliseconds: the kernel's CPU time (``time.process_time``, what
one Voilà kernel spends; median, 95th percentile) beside the wall clock
(median, min, max); on the shared 2-core machines compare the CPU figures.
A last table puts the sizes side by side.  The saves and adjustments change
the cached store (each save changes a rating; an adjustment is undone).

Usage: python benchmarks/bench_results.py [--employees 10000 100000] [--n 20] [--refresh]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import sqlalchemy as sa
from _stores import synthetic_store

from kinerja import results
from kinerja.store import Store, now, penilaian_table, sqlite_url

PERIODE = "2025"


def _measure(label: str, actions: list[Callable[[], object]]) -> tuple[float, float]:
    """Run ``actions``, print their figures; returns the CPU median and 95th percentile."""
    wall, cpu = [], []
    for action in actions:
        t, c = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    med, p95 = statistics.median(cpu), float(np.percentile(cpu, 95))
    print(
        f"{label:<36} CPU median {med:6.1f} ms  p95 {p95:6.1f}  | wall median "
        f"{statistics.median(wall):7.1f}  min {min(wall):7.1f}  max {max(wall):7.1f}  "
        f"(n={len(wall)})",
        flush=True,
    )
    return med, p95


def _save_action(store: Store, rating: pd.Series) -> Callable[[], object]:
    cols = ["periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode"]
    row = {c: rating[c] for c in cols} | {"skor": 1 if rating["skor"] != 1 else 5}
    return lambda: store.save_ratings(pd.DataFrame([row]), who="bench")


def bench_size(n_employees: int, n: int, *, refresh: bool) -> dict[str, tuple[float, float]]:
    """Every measure on the store of ``n_employees``; the CPU figures by label."""
    store = Store(sqlite_url(synthetic_store(n_employees)))
    with store.engine.connect() as conn:
        n_ratings = conn.execute(
            sa.select(sa.func.count()).select_from(penilaian_table)
        ).scalar_one()
    unit = results.worst_unit(store, PERIODE) or ""
    people = results.unit_summary(store, PERIODE, unit)
    print(
        f"\n== {n_employees} employees, {n_ratings} rating records; unit {unit!r} "
        f"({len(people)} employees) ==",
        flush=True,
    )
    nips = people["nip"].astype(str).tolist()[:n]
    firsts = [store.ratings(PERIODE, nip_dinilai=nip).iloc[0] for nip in nips]
    more = people["nip"].astype(str).tolist()[n : 2 * n]
    others = [store.ratings(PERIODE, nip_dinilai=nip).iloc[0] for nip in more]
    saves = [_save_action(store, r) for r in firsts]
    figures = {"save": _measure("save_ratings (one rating)", saves)}
    original = Store._rescore_ratees
    Store._rescore_ratees = lambda self, conn, ratees, stamp: None  # type: ignore[method-assign]
    try:  # the same saves without the results step: what the results cost
        _measure("  other ratees, results step off", [_save_action(store, r) for r in others])
    finally:
        Store._rescore_ratees = original  # type: ignore[method-assign]
    with store.transaction() as conn:  # the saves without results: re-score those ratees
        store._rescore_ratees(conn, {(PERIODE, str(r["nip_dinilai"])) for r in others}, now())

    def adjust(nip: str) -> Callable[[], object]:
        def run() -> object:
            current = results.employee_summary(store, PERIODE, nip)["rating_perilaku"].iloc[0]
            return store.add_adjustment(
                periode=PERIODE,
                nip=nip,
                field="rating_perilaku",
                new_value="sesuai" if current != "sesuai" else "di_atas",
                reason="bench",
                who="bench",
            )

        return run

    figures["adjust"] = _measure("add_adjustment (+ summary read)", [adjust(n) for n in nips])
    undo = [
        (lambda n=n: store.undo_adjustment(periode=PERIODE, nip=n, who="bench"))  # type: ignore[misc]
        for n in nips
    ]
    figures["undo"] = _measure("undo_adjustment", undo)
    _measure(
        "employee_summary", [lambda n=n: results.employee_summary(store, PERIODE, n) for n in nips]
    )  # type: ignore[misc]
    _measure(
        "employee_competencies",
        [lambda n=n: results.employee_competencies(store, PERIODE, n) for n in nips],  # type: ignore[misc]
    )
    _measure("unit_summary", [lambda: results.unit_summary(store, PERIODE, unit)] * n)
    _measure("unit_distribution", [lambda: results.unit_distribution(store, PERIODE, unit)] * n)
    _measure("worst_unit", [lambda: results.worst_unit(store, PERIODE)] * n)
    _measure("search_employees('sri')", [lambda: results.search_employees(store, "sri")] * n)
    if refresh:
        refresh_all = [lambda: store.refresh_rater_figures(PERIODE)]
        _measure("refresh_rater_figures (whole period)", refresh_all)
    store.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, nargs="+", default=[10_000])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--refresh", action="store_true", help="also the whole-period refresh")
    args = parser.parse_args()
    by_size = {size: bench_size(size, args.n, refresh=args.refresh) for size in args.employees}
    print("\nkernel CPU per action, ms: median (p95)")
    print(f"{'employees':>10} | {'save':>15} | {'adjustment':>15} | {'undo':>15}")
    for size, f in by_size.items():
        cells = [f"{f[k][0]:6.1f} ({f[k][1]:6.1f})" for k in ("save", "adjust", "undo")]
        print(f"{size:>10} | " + " | ".join(f"{c:>15}" for c in cells))


if __name__ == "__main__":
    main()
