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

Seconds are the median of ``--runs`` runs (3 by default, 1 with
``--province``), wall clock, with the process's CPU time beside it (steadier
when other work shares the machine).  Memory: the process's peak resident set (``ru_maxrss``,
including Python and the imports) and, unless ``--no-tracemalloc``, the
tracemalloc peak of the step itself (an extra, untimed run).  The script
never asserts: it prints figures only.  Targets: benchmarks/README.md.
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
    label: str, n_employees: int, *, runs: int, seed: int, cache: Path, trace: bool
) -> None:
    """Generate (or reuse) one data size and print its figures."""
    print(f"\n== {label}: {n_employees:,} employees ==", flush=True)
    folder = ensure_data(n_employees, seed, cache)
    ratings = int((folder / ".complete").read_text(encoding="utf-8"))
    size = (folder / "penilaian.csv").stat().st_size
    print(f"  penilaian.csv: {ratings:,} ratings, {size / 2**20:,.0f} MB; runs per step: {runs}")
    medians: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for key, (title, _, _) in STEPS.items():
        fig = measure(key, folder, runs, trace)
        if "error" in fig:
            print(f"  ({key}) {title:<44} {fig['error']}", flush=True)
            continue
        seconds = fig["seconds"]
        medians[key] = statistics.median(seconds)  # type: ignore[arg-type]
        cpu[key] = statistics.median(fig["cpu"])  # type: ignore[arg-type]
        every = ", ".join(f"{s:.3f}" for s in seconds)  # type: ignore[union-attr]
        print(
            f"  ({key}) {title:<44} {medians[key]:8.3f} s  (cpu {cpu[key]:.3f} s)  "
            f"[runs: {every}]  "
            f"peak RSS {_mb(fig['rss'])}, tracemalloc peak {_mb(fig['traced'])}",
            flush=True,
        )
    if "a" in medians and "d" in medians:
        ratio = medians["d"] / medians["a"]
        print(
            f"  (e) ratio whole CLI / bare pandas (d)/(a){'':<12}{ratio:8.2f} x"
            f"  (cpu {cpu['d'] / cpu['a']:.2f} x)"
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
        "--runs", type=int, default=3, help="runs per step for 10k (median; default 3)"
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
            seed=args.seed,
            cache=args.cache,
            trace=args.trace,
        )
    if args.province or args.only_province:
        run_case(
            "provinsi (ten times)",
            SIZES["provinsi"],
            runs=1,
            seed=args.seed,
            cache=args.cache,
            trace=args.trace,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
