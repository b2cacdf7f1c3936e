"""Browser tests against a real ``kinerja serve`` (Voilà) with Debian's Chromium.

- ``kinerja_server`` (session): imports ``sample_data`` into a temporary SQLite
  file with ``kinerja import``, starts ``kinerja serve`` on a free port as a
  subprocess, waits for the port, then makes one plain warm-up GET of the
  Formulir page (TECH.md §3.4: the first browser load on a fresh Voilà server
  can stall).  Teardown sends SIGTERM to ``kinerja serve`` and checks that its
  Voilà and kernel processes are gone.
- ``browser_type_launch_args``: ``/usr/bin/chromium`` with the TECH.md §3.2
  flags (never ``playwright install``).
- ``offline_context``: a browser context in which every request that does not
  go to 127.0.0.1 is aborted and recorded (``context.external_requests``), and
  uncaught page errors are recorded (``context.page_errors``).
- ``accounts_server`` (session): ``kinerja serve`` on a store of the sample
  data with one account per role (:data:`ACCOUNTS`, password
  :data:`PASSWORD`), a locked-out test account and a one-time-password
  account; ``SignedIn`` signs in over plain HTTP (cookie jar).
"""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, BrowserContext

if TYPE_CHECKING:
    from kinerja.store import Store

ROOT = Path(__file__).resolve().parents[2]
FORMULIR = "formulir_penilaian.ipynb"

CHROMIUM = "/usr/bin/chromium"
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
NOT_LOOPBACK = re.compile(r"^(?!(?:https?|wss?)://127\.0\.0\.1[:/])[a-z][a-z0-9+.-]*://")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"kinerja serve exited with {proc.returncode}") from None
            if time.monotonic() > deadline:
                raise TimeoutError(f"port {port} not open after {timeout} s") from None
            time.sleep(0.1)


def start_serve(
    db: str, tmp: Path, env: dict[str, str]
) -> tuple[int, Path, subprocess.Popen, float]:
    """Start ``kinerja serve`` on ``db`` at a free port, logging to ``tmp/serve.log``:
    (port, log path, process, start time)."""
    port = free_port()
    log_path = tmp / "serve.log"
    with open(log_path, "w") as log:
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "kinerja", "serve", "--db", db, "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return port, log_path, proc, started


def http_get(port: int, path: str, *, timeout: float, body: bool = True) -> tuple[int, bytes]:
    """GET ``path``; with ``body=False`` only the status (Voilà sends it before executing)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read() if body else b""
    finally:
        conn.close()


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, grandchildren…), read from /proc."""
    parent: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        kids = [p for p, pp in parent.items() if pp in frontier]
        found += kids
        frontier = kids
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@dataclass
class KinerjaServer:
    """A running ``kinerja serve``."""

    port: int
    db_path: Path
    log_path: Path
    proc: subprocess.Popen
    started: float  # time.monotonic() at launch
    ready_after: float  # seconds from launch to the warm-up page delivered

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def form_url(self) -> str:
        return f"{self.base_url}/voila/render/{FORMULIR}"

    def log_tail(self, n: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def kinerja_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KinerjaServer]:
    tmp = tmp_path_factory.mktemp("kinerja-serve")
    db_path = tmp / "t.sqlite"
    db = f"sqlite:///{db_path}"
    env = {k: v for k, v in os.environ.items() if k not in ("KINERJA_DB", "KINERJA_DEMO")}
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
            "--oleh",
            "penguji-e2e",
        ],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    port, log_path, proc, started = start_serve(db, tmp, env)
    server = KinerjaServer(port, db_path, log_path, proc, started, 0.0)
    try:
        wait_for_port(port, proc, timeout=120)
        # warm-up (TECH.md §3.4): one plain GET of the form before any browser load
        status, _ = http_get(port, f"/voila/render/{FORMULIR}", timeout=240)
        assert status == 200, server.log_tail()
        server.ready_after = time.monotonic() - started
    except BaseException:
        _stop(proc)
        raise
    yield server
    leftover = _stop(proc)
    assert proc.returncode is not None
    assert not leftover, f"processes left after SIGTERM to kinerja serve: {leftover}"


def _stop(proc: subprocess.Popen) -> list[int]:
    """SIGTERM ``kinerja serve``; returns (and kills) processes of it that outlived it."""
    below = descendants(proc.pid)
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=45)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    deadline = time.monotonic() + 15
    while any(alive(p) for p in below) and time.monotonic() < deadline:
        time.sleep(0.2)
    leftover = [p for p in below if alive(p)]
    for pid in leftover:  # only processes this fixture started
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return leftover


def make_offline_context(browser: Browser) -> BrowserContext:
    """A context that aborts and records every non-loopback request and records page errors."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.external_requests = []  # type: ignore[attr-defined]
    ctx.page_errors = []  # type: ignore[attr-defined]

    def block(route):  # type: ignore[no-untyped-def]
        ctx.external_requests.append(route.request.url)  # type: ignore[attr-defined]
        route.abort()

    ctx.route(NOT_LOOPBACK, block)
    ctx.on("page", lambda page: page.on("pageerror", lambda e: ctx.page_errors.append(str(e))))  # type: ignore[attr-defined]
    return ctx


@pytest.fixture
def offline_context(browser: Browser) -> Iterator[Callable[[], BrowserContext]]:
    """Factory of offline contexts, closed after the test."""
    made: list[BrowserContext] = []

    def make() -> BrowserContext:
        ctx = make_offline_context(browser)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


# ------------------------------------------------------------------ a server with accounts

PASSWORD = "Merapi-Sore-2026"
#: A roster employee of sample_data (the pegawai account's NIP) and a unit.
PEGAWAI_NIP = "197911062006051353"
UNIT = "Sekretariat Daerah"
#: username -> role of the accounts on ``accounts_server``.
ACCOUNTS = {
    "admin": "admin",
    "petugas1": "petugas",
    "fasil1": "fasilitator",
    "pelatih1": "pelatih",
    PEGAWAI_NIP: "pegawai",
}
#: An account for the lockout test, and one that must change its one-time password.
LOCKED_USER = "dikunci"
NEW_USER = "baru1"
NEW_USER_PASSWORD = "Sekali-Pakai-Awal-1"
#: An account whose password is reset and which is then disabled while signed in.
RESET_USER = "ganti1"


@dataclass
class AccountsServer(KinerjaServer):
    """A running ``kinerja serve`` whose store has accounts."""

    def kernels(self) -> list[int]:
        """The server's kernel processes."""
        found = []
        for pid in descendants(self.proc.pid):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if any(b"ipykernel" in part for part in cmdline) and alive(pid):
                found.append(pid)
        return found

    def connection_file(self, pid: int) -> str:
        """The connection file of a kernel process (its ``-f`` argument)."""
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        return args[args.index("-f") + 1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


class SignedIn:
    """An HTTP client of a server (a cookie jar; redirects are not followed)."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def request(
        self, path: str, data: dict[str, str] | None = None, *, timeout: float = 60
    ) -> tuple[int, dict[str, str], str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            resp = self.opener.open(self.base_url + path, body, timeout=timeout)
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read().decode(errors="replace")
        return resp.status, dict(resp.headers), resp.read().decode(errors="replace")

    def login(self, username: str, password: str) -> tuple[int, dict[str, str], str]:
        _, _, form = self.request("/login")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form)
        assert xsrf is not None, form
        fields = {"_xsrf": xsrf.group(1), "username": username, "password": password}
        return self.request("/login", {**fields, "next": "/"})


@pytest.fixture(scope="session")
def accounts_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AccountsServer]:
    from kinerja import accounts
    from kinerja.store import Store

    tmp = tmp_path_factory.mktemp("kinerja-akun")
    db_path = tmp / "akun.sqlite"
    db = f"sqlite:///{db_path}"
    env = {k: v for k, v in os.environ.items() if k not in ("KINERJA_DB", "KINERJA_DEMO")}
    subprocess.run(
        [sys.executable, "-m", "kinerja", "import", "--data", str(ROOT / "sample_data")]
        + ["--db", db, "--oleh", "penguji-e2e"],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    store = Store(db)
    for username, role in ACCOUNTS.items():
        nip = username if role == "pegawai" else None
        units = [UNIT] if role in ("petugas", "fasilitator") else []
        accounts.add_account(
            store, username, role, password=PASSWORD, who="penguji", nip=nip, units=units
        )
    accounts.add_account(store, LOCKED_USER, "pelatih", password=PASSWORD, who="penguji")
    accounts.add_account(store, RESET_USER, "pelatih", password=PASSWORD, who="penguji")
    accounts.add_account(
        store,
        NEW_USER,
        "pelatih",
        password=NEW_USER_PASSWORD,
        who="penguji",
        must_change_password=True,
    )
    store.dispose()
    port, log_path, proc, started = start_serve(db, tmp, env)
    server = AccountsServer(port, db_path, log_path, proc, started, 0.0)
    try:
        wait_for_port(port, proc, timeout=120)
        # warm-up (TECH.md §3.4), signed in: one plain GET of a page before any browser load
        client = SignedIn(server.base_url)
        status, _, _ = client.login("admin", PASSWORD)
        assert status == 302, server.log_tail()
        status, _, _ = client.request("/voila/render/lokakarya.ipynb", timeout=240)
        assert status == 200, server.log_tail()
        server.ready_after = time.monotonic() - started
    except BaseException:
        _stop(proc)
        raise
    yield server
    leftover = _stop(proc)
    assert not leftover, f"processes left after SIGTERM to kinerja serve: {leftover}"


# ------------------------------------------------------------------ a server with rating tasks

#: The period of the sample data, for which ``self_service_server`` generates rating tasks.
TASK_PERIODE = "2025"
#: The accounts of ``self_service_server`` besides ``admin``: an employee and an HR officer.
SELF_USER = "pegawai.mandiri"
UNIT_PETUGAS = "petugas.unit"


def pick_self_service_rater(store: Store, periode: str) -> str:
    """An employee with a supervisor, ≥ 1 direct subordinate and ≥ 1 peer task in ``periode``.

    Chosen by query from the store's roster and tasks (not hard-coded); among those,
    one without stored self-ratings comes first, then by NIP.
    """
    import pandas as pd

    from kinerja.store import pegawai_table
    from kinerja.task_store import tasks_in_force

    with store.engine.connect() as conn:
        people = pd.read_sql(pegawai_table.select(), conn)
    tasks = tasks_in_force(store, periode)
    bosses = set(people["nip_atasan"].dropna())
    peer_raters = set(tasks.loc[tasks["sumber"] == "rekan", "nip_penilai"])
    ratings = store.ratings(periode)
    rated_self = set(ratings.loc[ratings["sumber"] == "diri", "nip_penilai"])
    fits = sorted(
        (nip in rated_self, nip)
        for nip, boss in zip(people["nip"], people["nip_atasan"], strict=True)
        if isinstance(boss, str) and boss and nip in bosses and nip in peer_raters
    )
    assert fits, "sample_data has no employee with a supervisor, subordinates and peers"
    return fits[0][1]


@dataclass
class SelfServiceServer(AccountsServer):
    """A running ``kinerja serve`` whose store has the period's tasks, an employee's
    ``pegawai`` account (:data:`SELF_USER`, NIP ``nip``) and a petugas of ``unit``."""

    periode: str = TASK_PERIODE
    nip: str = ""
    unit: str = ""


@pytest.fixture(scope="module")
def self_service_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SelfServiceServer]:
    """``kinerja serve`` on the sample data with :data:`TASK_PERIODE`'s tasks generated
    (:func:`kinerja.task_store.generate`), an ``admin``, a ``pegawai`` account for the
    employee :func:`pick_self_service_rater` chooses and a ``petugas`` of that employee's
    unit (password :data:`PASSWORD`).  Module scope: stopped after the module's tests."""
    from kinerja import accounts, roster
    from kinerja.store import Store
    from kinerja.task_store import generate

    tmp = tmp_path_factory.mktemp("kinerja-tugas")
    db_path = tmp / "tugas.sqlite"
    db = f"sqlite:///{db_path}"
    env = {k: v for k, v in os.environ.items() if k not in ("KINERJA_DB", "KINERJA_DEMO")}
    subprocess.run(
        [sys.executable, "-m", "kinerja", "import", "--data", str(ROOT / "sample_data")]
        + ["--db", db, "--oleh", "penguji-e2e"],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    store = Store(db)
    try:
        generate(store, TASK_PERIODE, who="penguji")
        nip = pick_self_service_rater(store, TASK_PERIODE)
        unit = roster.unit_of(store, nip)
        assert unit is not None
        accounts.add_account(store, "admin", "admin", password=PASSWORD, who="penguji")
        accounts.add_account(store, SELF_USER, "pegawai", password=PASSWORD, who="penguji", nip=nip)
        accounts.add_account(
            store, UNIT_PETUGAS, "petugas", password=PASSWORD, who="penguji", units=[unit]
        )
    finally:
        store.dispose()
    port, log_path, proc, started = start_serve(db, tmp, env)
    server = SelfServiceServer(port, db_path, log_path, proc, started, 0.0, TASK_PERIODE, nip, unit)
    try:
        wait_for_port(port, proc, timeout=120)
        # warm-up (TECH.md §3.4), signed in: one plain GET of a page before any browser load
        client = SignedIn(server.base_url)
        status, _, _ = client.login("admin", PASSWORD)
        assert status == 302, server.log_tail()
        status, _, _ = client.request("/voila/render/lokakarya.ipynb", timeout=240)
        assert status == 200, server.log_tail()
        server.ready_after = time.monotonic() - started
    except BaseException:
        _stop(proc)
        raise
    yield server
    leftover = _stop(proc)
    assert not leftover, f"processes left after SIGTERM to kinerja serve: {leftover}"
