"""Benchmark of ``kinerja score`` against a bare pandas read + groupby (DESIGN.md §8).

Run ``python3 benchmarks/bench_score.py`` (Gunungkidul-sized year: 10,000
employees, about a million ratings) or add ``--province`` for the ten-times
variant (100,000 employees, about ten million ratings).  The synthetic data
(:mod:`kinerja.synthetic`) is generated once into a cache folder under /tmp.

Each step runs in its own fresh process (so one step's memory does not
inflate another's) and prints labelled figures:

(a) bare pandas: ``pd.read_csv(penilaian.csv)`` + groupby-mean;
(b) load + validate: ``kinerja.load_dataset``;
(c) score: ``kinerja.score_dataset`` alone (data already loaded);
(d) the whole ``kinerja score`` command in-process (files in, files out);
(e) the ratio (d)/(a).

The steps run in ``--rounds`` rounds (2 by default), each step in a fresh
process doing ``--runs`` runs (3 by default; 1 round of 1 run with
``--province``).  A process's first run is cold (imports and first-call
set-up, as one command pays them); seconds are the median and the minimum of
the warm runs, wall clock, with the CPU time beside them (steadier when other
work shares the machine), and the cold first run.  Memory: the process's
peak resident set (``ru_maxrss``, including Python and the imports) and,
unless ``--no-tracemalloc``, the tracemalloc peak of the step itself (an
extra, untimed run).  The script never asserts: it prints figures only.
Targets: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing as mp
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

PERIODE = "2025"
SIZES = {"kabupaten": 10_000, "provinsi": 100_000}


# --------------------------------------------------------------------------- data


def ensure_data(n_employees: int, seed: int, cache: Path) -> Path:
    """Generate the synthetic cohort into ``cache`` once; return its folder."""
    folder = cache / f"kohort-{n_employees}-seed{seed}"
    marker = folder / ".complete"
    if marker.exists():
        return folder
    from kinerja.synthetic import make_cohort, write_cohort

    start = time.perf_counter()
    cohort = make_cohort(n_employees, seed=seed, n_lenient=5, n_severe=5, n_halo=3, n_central=3)
    made = time.perf_counter() - start
    write_cohort(cohort, folder)
    marker.write_text(f"{len(cohort.penilaian)}\n", encoding="utf-8")
    print(
        f"  data generated in {made:.2f} s, written in {time.perf_counter() - start - made:.2f} s: "
        f"{folder}",
        flush=True,
    )
    return folder


# --------------------------------------------------------------------------- steps
# Each step is (setup, run): setup prepares untimed state, run(state) is timed.


def _bare_setup(folder: Path) -> Path:
    return folder / "penilaian.csv"


def _bare_run(path: Path) -> object:
    import pandas as pd

    frame = pd.read_csv(path)
    return frame.groupby(["nip_dinilai", "kompetensi_kode", "sumber"]).skor.mean()


def _load_run(folder: Path) -> object:
    import kinerja

    return kinerja.load_dataset(folder)


def _score_setup(folder: Path) -> object:
    import kinerja

    return kinerja.load_dataset(folder)


def _score_run(dataset: object) -> object:
    import kinerja

    return kinerja.score_dataset(dataset, PERIODE)  # type: ignore[arg-type]


def _cli_run(folder: Path) -> object:
    from kinerja.cli import main

    with tempfile.TemporaryDirectory(prefix="kinerja-bench-out-") as out:
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            status = main(["score", "--data", str(folder), "--periode", PERIODE, "--out", out])
        if status != 0:
            raise RuntimeError(f"kinerja score exited {status}:\n{sink.getvalue()[-2000:]}")
    return status


def _identity(folder: Path) -> Path:
    return folder


STEPS: dict[str, tuple[str, Callable[[Path], object], Callable[[object], object]]] = {
    "a": ("bare pandas read_csv + groupby-mean", _bare_setup, _bare_run),  # type: ignore[dict-item]
    "b": ("load + validate (kinerja.load_dataset)", _identity, _load_run),  # type: ignore[dict-item]
    "c": ("score (kinerja.score_dataset)", _score_setup, _score_run),
    "d": ("whole CLI (kinerja score, files in/out)", _identity, _cli_run),  # type: ignore[dict-item]
}


def _child(key: str, folder: str, runs: int, trace: bool, queue: mp.Queue) -> None:
    """Run one step ``runs`` times in this fresh process; report seconds and memory."""
    _, setup, run = STEPS[key]
    state = setup(Path(folder))
    seconds, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), _cpu_seconds()
        result = run(state)
        seconds.append(time.perf_counter() - start)
        cpu.append(_cpu_seconds() - start_cpu)
        del result
    traced = None
    if trace:
        tracemalloc.start()
        run(state)
        traced = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    queue.put({"seconds": seconds, "cpu": cpu, "traced": traced, "rss": rss * 1024})


def _cpu_seconds() -> float:
    """CPU time of this process (user + system): steadier than wall time on a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(key: str, folder: Path, runs: int, trace: bool) -> dict[str, object]:
    """Run step ``key`` in a spawned process and return its figures."""
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(key, str(folder), runs, trace, queue))
    proc.start()
    proc.join()
    if proc.exitcode != 0:
        return {"error": f"step ({key}) failed with exit code {proc.exitcode}"}
    return queue.get()


# --------------------------------------------------------------------------- report


def _mb(value: object) -> str:
    return "-" if value is None else f"{int(value) / 2**20:,.0f} MB"  # type: ignore[call-overload]


def run_case(
    label: str, n_employees: int, *, runs: int, rounds: int, seed: int, cache: Path, trace: bool
) -> None:
    """Generate (or reuse) one data size and print its figures.

    The steps run in ``rounds`` rounds (a, b, c, d, then again), each step in a
    fresh process doing ``runs`` runs, so that a slow spell of a shared machine
    touches every step alike.  The first run of a process is cold (imports,
    first-call set-up: what one ``kinerja score`` command pays); the others are
    warm.  Figures: the median and the minimum of the warm runs.
    """
    print(f"\n== {label}: {n_employees:,} employees ==", flush=True)
    folder = ensure_data(n_employees, seed, cache)
    ratings = int((folder / ".complete").read_text(encoding="utf-8"))
    size = (folder / "penilaian.csv").stat().st_size
    print(
        f"  penilaian.csv: {ratings:,} ratings, {size / 2**20:,.0f} MB; "
        f"{rounds} round(s) x {runs} run(s) per step"
    )
    figures: dict[str, list[dict[str, object]]] = {key: [] for key in STEPS}
    for _ in range(rounds):
        for key in STEPS:
            fig = measure(key, folder, runs, trace)
            if "error" not in fig:
                figures[key].append(fig)
    warm: dict[str, list[float]] = {}
    warm_cpu: dict[str, list[float]] = {}
    cold: dict[str, list[float]] = {}
    for key, (title, _, _) in STEPS.items():
        if not figures[key]:
            print(f"  ({key}) {title:<44} failed", flush=True)
            continue
        seconds = [f["seconds"] for f in figures[key]]
        cpus = [f["cpu"] for f in figures[key]]
        cold[key] = [s[0] for s in seconds]  # type: ignore[index]
        warm[key] = [x for s in seconds for x in (s[1:] or s)]  # type: ignore[union-attr]
        warm_cpu[key] = [x for c in cpus for x in (c[1:] or c)]  # type: ignore[union-attr]
        rss = max(int(f["rss"]) for f in figures[key])  # type: ignore[call-overload]
        traced = [f["traced"] for f in figures[key] if f["traced"] is not None]
        print(
            f"  ({key}) {title:<44} {statistics.median(warm[key]):8.3f} s  "
            f"(min {min(warm[key]):.3f}, cpu {statistics.median(warm_cpu[key]):.3f} s; "
            f"cold first run {statistics.median(cold[key]):.3f} s)  "
            f"peak RSS {_mb(rss)}, tracemalloc peak {_mb(max(traced) if traced else None)}",
            flush=True,
        )
    if "a" in warm and "d" in warm:
        median = statistics.median(warm["d"]) / statistics.median(warm["a"])
        least = min(warm["d"]) / min(warm["a"])
        cpu = statistics.median(warm_cpu["d"]) / statistics.median(warm_cpu["a"])
        first = statistics.median(cold["d"]) / statistics.median(cold["a"])
        print(
            f"  (e) ratio whole CLI / bare pandas (d)/(a){'':<12}{median:8.2f} x"
            f"  (min {least:.2f} x, cpu {cpu:.2f} x; cold first runs {first:.2f} x)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--province",
        action="store_true",
        help="also run the province variant (100,000 employees, ~10M ratings)",
    )
    parser.add_argument(
        "--only-province", action="store_true", help="run the province variant only"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per process for 10k (the first is cold)"
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="rounds of all steps for 10k (default 2)"
    )
    parser.add_argument("--seed", type=int, default=2025, help="seed of the synthetic cohort")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kinerja-bench",
        help="folder for the generated data (reused between runs)",
    )
    parser.add_argument(
        "--no-tracemalloc",
        dest="trace",
        action="store_false",
        help="skip the extra tracemalloc run of each step",
    )
    args = parser.parse_args(argv)

    import numpy as np
    import pandas as pd
    import pandera

    print(
        f"python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}, "
        f"pandera {pandera.__version__}, {os.cpu_count()} CPU, {platform.machine()}"
    )
    if not args.only_province:
        run_case(
            "kabupaten (Gunungkidul-sized)",
            SIZES["kabupaten"],
            runs=args.runs,
            rounds=args.rounds,
            seed=args.seed,
            cache=args.cache,
            trace=args.trace,
        )
    if args.province or args.only_province:
        run_case(
            "provinsi (ten times)",
            SIZES["provinsi"],
            runs=1,
            rounds=1,
            seed=args.seed,
            cache=args.cache,
            trace=args.trace,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
