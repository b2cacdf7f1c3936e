"""How fast ``kinerja serve`` gives usable pages, and how much memory they hold.

Prints figures, asserts nothing::

    python benchmarks/bench_serve.py                      # every section below
    python benchmarks/bench_serve.py --only pages         # 3: sample and province stores
    python benchmarks/bench_serve.py --only pages --employees 30000
    python benchmarks/bench_serve.py --only startup memory --loads 5 --runs 1

1. *Start → usable form*, cold and with ``--preheat``: ``kinerja serve`` is
   started on the sample data (imported once with ``kinerja import``) and
   Chromium (``/usr/bin/chromium``, launched beforehand, not timed) opens the
   Formulir as soon as the port is open, without a warm-up request.  "Usable"
   means the score inputs and the save button are on the page.  Also timed:
   a second page load on the same server (with ``--preheat`` after the kernel
   pool had time to refill).
2. *Memory*: a server with ``--cull-idle 20`` gets ``--loads`` browser page
   loads one after another (each page closed once usable); the resident memory
   (psutil if installed, else ``/proc``) of ``kinerja serve``, Voilà and every
   kernel is printed right after the last load and again after culling had
   time to run (Voilà checks every 30 s).

3. *Pages on a small and a large store* (``--only pages``): the sample store
   and a synthetic year of ``--employees`` employees (100,000 by default, the
   province: about 9.6 million ratings), both cached by
   ``benchmarks/_stores.py``, are each served with ``kinerja serve``; after a
   warm-up request, Chromium opens Formulir, Profil (``?nip=`` of an employee
   from the middle of the roster) and Kalibrasi, ``--repeat`` times each, one
   tab at a time.  Per page: the time from navigation until the page is
   usable (Formulir: score inputs and save button; Profil: the predikat and
   the competency chart; Kalibrasi: the unit's distribution and the
   adjustment form) and the resident memory of that page's kernel (the
   ``ipykernel`` child of the server that appeared with the page), when it
   became usable and its peak (``VmHWM``).  Targets (issue 14): the large
   store within 1.5 x the sample's time, each kernel at most 400 MB.

Timings depend on the machine and on what else runs on it (the load average
is printed); Voilà's first browser load on a fresh server can stall
(TECH.md §3.4), which is reported as such.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _stores import sample_store, synthetic_store
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
FORMULIR = "/voila/render/formulir_penilaian.ipynb"
PROFIL = "/voila/render/profil_kompetensi.ipynb"
KALIBRASI = "/voila/render/kalibrasi.ipynb"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOAD_TIMEOUT_MS = 150_000

try:  # optional
    import psutil
except ImportError:  # pragma: no cover - depends on the environment
    psutil = None


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _proc_table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) from /proc."""
    out = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        out[int(entry.name)] = (ppid, cmd)
    return out


def process_tree(pid: int) -> dict[int, str]:
    """``pid`` and all its descendants: pid -> command line."""
    table = _proc_table()
    found = {pid: table.get(pid, (0, ""))[1]}
    frontier = [pid]
    while frontier:
        kids = [p for p, (pp, _) in table.items() if pp in frontier]
        found.update({k: table[k][1] for k in kids})
        frontier = kids
    return found


def rss_mb(pid: int) -> float:
    if psutil is not None:
        try:
            return psutil.Process(pid).memory_info().rss / 2**20
        except psutil.Error:
            return 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (``VmHWM``), MB; 0 when gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def kernels_of(serve_pid: int) -> set[int]:
    """The kernel processes below ``kinerja serve``."""
    return {p for p, cmd in process_tree(serve_pid).items() if "ipykernel_launcher" in cmd}


def memory_report(serve_pid: int) -> str:
    tree = process_tree(serve_pid)
    kernels = [p for p, cmd in tree.items() if "ipykernel_launcher" in cmd]
    voila = [p for p, cmd in tree.items() if " -m kinerja.voila_app " in cmd]
    serve = rss_mb(serve_pid)
    v = sum(rss_mb(p) for p in voila)
    k = [rss_mb(p) for p in kernels]
    total = serve + v + sum(k)
    per = f", {statistics.mean(k):.0f} MB each" if k else ""
    return (
        f"total {total:.0f} MB = kinerja serve {serve:.0f} + voila {v:.0f} + "
        f"{len(k)} kernel(s) {sum(k):.0f} MB{per}"
    )


class Server:
    def __init__(self, db: str, *extra: str):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile("w+", prefix="kinerja-serve-", suffix=".log")
        env = {k: v for k, v in os.environ.items() if k not in ("KINERJA_DB", "KINERJA_DEMO")}
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kinerja",
                "serve",
                "--db",
                db,
                "--port",
                str(self.port),
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{FORMULIR}"

    def wait_port(self, timeout: float = 120) -> float:
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return time.monotonic() - self.t0
            except OSError:
                if self.proc.poll() is not None or time.monotonic() - self.t0 > timeout:
                    raise RuntimeError("kinerja serve did not open its port") from None
                time.sleep(0.05)

    def stop(self) -> None:
        below = process_tree(self.proc.pid)
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=45)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        time.sleep(1)
        for pid in below:  # only what this server started, if SIGTERM left anything
            if pid != self.proc.pid and Path(f"/proc/{pid}").exists():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.log.close()


# --------------------------------------------------------------------------- browser


def load_form(browser: Browser, url: str) -> float | None:
    """Seconds from navigation to a usable form (None when it did not get there)."""
    ctx = browser.new_context()
    page = ctx.new_page()
    t = time.monotonic()
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_selector(".kinerja-save", state="visible", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function(
            "() => document.querySelectorAll(\"[class*='kinerja-score-'] select\").length > 0",
            timeout=LOAD_TIMEOUT_MS,
        )
        return time.monotonic() - t
    except Exception:  # noqa: BLE001 - reported as a stall
        return None
    finally:
        ctx.close()


def fmt(x: float | None) -> str:
    return "stalled" if x is None else f"{x:5.1f} s"


def startup(browser: Browser, db: str, *, preheat: bool, runs: int) -> None:
    label = "--preheat" if preheat else "cold     "
    for run in range(1, runs + 1):
        server = Server(db, *(["--preheat"] if preheat else []))
        try:
            port = server.wait_port()
            first = load_form(browser, server.url)
            usable = None if first is None else time.monotonic() - server.t0
            if preheat:
                time.sleep(30)  # let Voilà refill its pool of one pre-executed kernel
            second = load_form(browser, server.url)
            print(
                f"{label} run {run}: port open {port:4.1f} s | start -> usable form {fmt(usable)}"
                f" (page load {fmt(first)}) | next page load {fmt(second)}",
                flush=True,
            )
        finally:
            server.stop()


def memory(browser: Browser, db: str, loads: int) -> None:
    server = Server(db, "--cull-idle", "20")
    try:
        server.wait_port()
        times = [load_form(browser, server.url) for _ in range(loads)]
        ok = [t for t in times if t is not None]
        print(
            f"{loads} page loads (--cull-idle 20): median {statistics.median(ok):.1f} s, "
            f"max {max(ok):.1f} s, stalled {len(times) - len(ok)}",
            flush=True,
        )
        print(f"  memory right after load {loads}: {memory_report(server.proc.pid)}", flush=True)
        time.sleep(65)
        print(f"  memory 65 s later (culled):  {memory_report(server.proc.pid)}", flush=True)
    finally:
        server.stop()


def _usable_formulir(page: Page) -> None:
    page.wait_for_selector(".kinerja-save", state="visible", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelectorAll(\"[class*='kinerja-score-'] select\").length > 0",
        timeout=LOAD_TIMEOUT_MS,
    )


def _usable_profil(page: Page) -> None:
    page.wait_for_selector(".kinerja-predikat-nilai", state="visible", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(
        ".kinerja-chart-kompetensi svg", state="visible", timeout=LOAD_TIMEOUT_MS
    )


def _usable_kalibrasi(page: Page) -> None:
    page.wait_for_selector(
        ".kinerja-distribusi .kinerja-kini", state="attached", timeout=LOAD_TIMEOUT_MS
    )
    page.wait_for_selector(
        ".kinerja-adjust-pegawai select", state="visible", timeout=LOAD_TIMEOUT_MS
    )


def middle_employee(db: Path) -> str:
    """An employee from the middle of the roster (by NIP), for Profil's ``?nip=``."""
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        (n,) = conn.execute("SELECT count(*) FROM pegawai").fetchone()
        (nip,) = conn.execute(
            "SELECT nip FROM pegawai ORDER BY nip LIMIT 1 OFFSET ?", (n // 2,)
        ).fetchone()
    return str(nip)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used, seconds (0 when gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


Figures = dict[str, float | None]


def open_page(browser: Browser, server: Server, path: str, usable) -> Figures:  # type: ignore[no-untyped-def]
    """Seconds until ``usable(page)`` returns; the new kernel's CPU seconds and memory (MB)."""
    before = kernels_of(server.proc.pid)
    ctx = browser.new_context()
    page = ctx.new_page()
    t = time.monotonic()
    seconds: float | None
    try:
        page.goto(f"http://127.0.0.1:{server.port}{path}", wait_until="commit")
        usable(page)
        seconds = time.monotonic() - t
    except Exception:  # noqa: BLE001 - reported as a stall
        seconds = None
    new = kernels_of(server.proc.pid) - before
    figures: Figures = {
        "s": seconds,
        "cpu": sum(cpu_seconds(k) for k in new) if new else None,
        "rss": sum(rss_mb(k) for k in new) if new else None,
        "peak": sum(peak_rss_mb(k) for k in new) if new else None,
    }
    ctx.close()
    deadline = time.monotonic() + 20  # the tab closed: its kernel shuts down
    while new & kernels_of(server.proc.pid) and time.monotonic() < deadline:
        time.sleep(0.5)
    return figures


def _median(figures: list[Figures], key: str) -> float | None:
    values = [f[key] for f in figures if f[key] is not None]
    return statistics.median(values) if values else None  # type: ignore[type-var]


def _cell(figures: list[Figures]) -> str:
    times = ", ".join(fmt(f["s"]).strip() for f in figures)
    cpu, peak = _median(figures, "cpu"), max((f["peak"] or 0.0) for f in figures)
    return (
        f"usable {fmt(_median(figures, 's'))} (runs {times}) | kernel CPU "
        + ("n/a" if cpu is None else f"{cpu:4.1f} s")
        + f" | kernel RSS {max((f['rss'] or 0.0) for f in figures):4.0f} MB, peak {peak:4.0f} MB"
    )


PAGES = (
    ("Formulir", FORMULIR, _usable_formulir),
    ("Profil ?nip=", PROFIL, _usable_profil),
    ("Kalibrasi", KALIBRASI, _usable_kalibrasi),
)


def pages(browser: Browser, n_employees: int, repeat: int) -> None:
    """Both stores served side by side; each page opened on one then the other, in rounds,
    so that a busy spell of the machine touches both alike."""
    stores = {"sample": sample_store(), f"{n_employees} employees": synthetic_store(n_employees)}
    servers = {label: Server(f"sqlite:///{db}") for label, db in stores.items()}
    found: dict[str, dict[str, list[Figures]]] = {s: {p[0]: [] for p in PAGES} for s in stores}
    try:
        for label, server in servers.items():
            server.wait_port()
            urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=120).read()
            db = stores[label]
            print(f"{label}: {db} ({db.stat().st_size / 2**20:.0f} MB)", flush=True)
        nips = {label: middle_employee(db) for label, db in stores.items()}
        for run in range(1, repeat + 1):
            for name, path, usable in PAGES:
                for label, server in servers.items():
                    where = f"{path}?nip={nips[label]}" if path == PROFIL else path
                    f = open_page(browser, server, where, usable)
                    found[label][name].append(f)
                    print(
                        f"  run {run} {name:<13} {label:<17} usable {fmt(f['s'])}, kernel CPU "
                        f"{f['cpu'] or 0:4.1f} s, RSS {f['rss'] or 0:4.0f} MB",
                        flush=True,
                    )
        for label, server in servers.items():
            print(f"{label} server after the pages: {memory_report(server.proc.pid)}")
    finally:
        for server in servers.values():
            server.stop()
    small, large = list(stores)
    for label in stores:
        print(f"\n== {label} ==")
        for name in found[label]:
            print(f"  {name:<13} {_cell(found[label][name])}")
    print(f"\n{'page':<13} | time {large} / {small} | kernel CPU ratio | kernel peak ({large})")
    for name in found[small]:
        a, b = found[small][name], found[large][name]
        ratios = []
        for key in ("s", "cpu"):
            x, y = _median(a, key), _median(b, key)
            ratios.append(f"{y / x:5.2f}" if x and y else "  n/a")
        peak = max((f["peak"] or 0.0) for f in b)
        print(f"{name:<13} | {ratios[0]:>30} | {ratios[1]:>16} | {peak:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="start-up runs per mode (2)")
    parser.add_argument("--loads", type=int, default=20, help="page loads for memory (20)")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["startup", "memory", "pages"],
        default=["startup", "memory", "pages"],
        help="sections to run (all)",
    )
    parser.add_argument("--employees", type=int, default=100_000, help="large store (100000)")
    parser.add_argument("--repeat", type=int, default=2, help="openings of each page (2)")
    args = parser.parse_args(argv)

    print(
        f"machine: {os.cpu_count()} CPU, load average {os.getloadavg()[0]:.1f}; "
        f"memory via {'psutil' if psutil else '/proc'}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as tmp:
        db = f"sqlite:///{tmp}/bench.sqlite"
        t = time.monotonic()
        needs_db = bool({"startup", "memory"} & set(args.only))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kinerja",
                "import",
                "--data",
                str(ROOT / "sample_data"),
                "--db",
                db,
            ],
            check=True,
            cwd=ROOT,
            capture_output=True,
        ) if needs_db else None
        if needs_db:
            print(f"kinerja import sample_data: {time.monotonic() - t:.1f} s", flush=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            if "startup" in args.only:
                startup(browser, db, preheat=False, runs=args.runs)
                startup(browser, db, preheat=True, runs=args.runs)
            if "memory" in args.only:
                memory(browser, db, args.loads)
            if "pages" in args.only:
                pages(browser, args.employees, args.repeat)
            browser.close()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
