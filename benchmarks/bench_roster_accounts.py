"""Time ``kinerja users add-from-roster`` on a Gunungkidul-sized roster (10,000 employees).

Prints figures only.  The roster comes from :func:`kinerja.synthetic.make_cohort`
(seed 2025) and is written straight into the ``pegawai`` table of a fresh
SQLite store; then :func:`kinerja.accounts.add_roster_accounts` creates one
account per employee (one transaction) and the one-time passwords are
written to an xlsx, as the command does.  For comparison it also times a few
hashes with Jupyter's own argon2 parameters.

    python3 benchmarks/bench_roster_accounts.py [--employees 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from jupyter_server.auth import passwd

from kinerja import accounts
from kinerja.cli import write_passwords
from kinerja.store import Store, pegawai_table
from kinerja.synthetic import make_cohort


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=10_000)
    n = parser.parse_args().employees
    roster = make_cohort(n_employees=n, seed=2025).frames()["pegawai"]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'roster.sqlite'}")
        columns = [c.name for c in pegawai_table.columns]
        rows = roster[[c for c in columns if c in roster.columns]].to_dict("records")
        with store.transaction() as conn:
            conn.execute(pegawai_table.insert(), rows)
        out = Path(tmp) / "sandi.xlsx"
        start = time.perf_counter()
        cpu = time.process_time()
        issued = accounts.add_roster_accounts(
            store, who="bench", deliver=lambda made: write_passwords(made, out)
        )
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"add-from-roster: {len(issued)} accounts in {wall:.1f} s ({cpu:.1f} s CPU)")
        start = time.perf_counter()
        for _ in range(5):
            passwd("Merapi-Sore-2026")
        each = (time.perf_counter() - start) / 5
        print(
            f"Jupyter's argon2 parameters: {each * 1000:.0f} ms a hash, "
            f"{each * len(issued) / 60:.1f} min for {len(issued)} accounts"
        )
        store.dispose()


if __name__ == "__main__":
    main()
