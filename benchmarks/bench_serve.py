"""How fast ``kinerja serve`` gives a usable Formulir, and how much memory it holds.

Prints figures, asserts nothing::

    python benchmarks/bench_serve.py            # cold, --preheat, then 20 page loads
    python benchmarks/bench_serve.py --loads 5 --runs 1

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
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
FORMULIR = "/voila/render/formulir_penilaian.ipynb"
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="start-up runs per mode (2)")
    parser.add_argument("--loads", type=int, default=20, help="page loads for memory (20)")
    args = parser.parse_args(argv)

    print(
        f"machine: {os.cpu_count()} CPU, load average {os.getloadavg()[0]:.1f}; "
        f"memory via {'psutil' if psutil else '/proc'}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as tmp:
        db = f"sqlite:///{tmp}/bench.sqlite"
        t = time.monotonic()
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
        )
        print(f"kinerja import sample_data: {time.monotonic() - t:.1f} s", flush=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            startup(browser, db, preheat=False, runs=args.runs)
            startup(browser, db, preheat=True, runs=args.runs)
            memory(browser, db, args.loads)
            browser.close()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
