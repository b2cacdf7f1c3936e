"""``kinerja serve``: the workbooks as Voilà web apps, on 127.0.0.1 or the office network.

- The store comes from ``--db`` or ``KINERJA_DB``; without either, a demo
  store seeded from the bundled sample data, labelled as such in every app.
- A project Voilà template (``kinerja``) extends JupyterLab's ``lab``
  template without its two CDN stylesheets and adds a landing page in
  Bahasa Indonesia, so nothing is fetched from the internet.
- A page's kernel ends when its tab closes (:mod:`kinerja.voila_app` makes
  Voilà's shutdown request acceptable); idle kernels are culled as the
  safety net, so memory stays bounded over a day of page loads.
- Source code and tracebacks are hidden unless ``--dev``.
- A store without accounts is served open, on 127.0.0.1 only; ``--host``
  with any other address requires accounts in the store (DESIGN §9), and
  then every page needs a sign-in (:mod:`kinerja.web_auth`).  ``--preheat``
  is refused with accounts: preheated kernels run without the hook that
  checks the role and signs the page's kernel in.
"""

from __future__ import annotations

import html
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kinerja.accounts import Account
from kinerja.errors import ServeError
from kinerja.labels import akun as txt
from kinerja.labels import messages as msg
from kinerja.paths import workbooks_dir
from kinerja.store import ENV_DB, Store, sqlite_url


@dataclass(frozen=True)
class AppCard:
    """One app on the landing page."""

    notebook: str
    judul: str
    pengguna: str
    keterangan: str


APPS: tuple[AppCard, ...] = tuple(AppCard(nb, *text) for nb, text in msg.APP_CARDS.items())

CDN_MARKER = "cdn.jsdelivr.net/npm/@fortawesome"


def landing_page(
    available: set[str],
    *,
    demo: bool,
    account: Account | None = None,
    base_url: str = "{{ base_url }}",
) -> str:
    """The landing page HTML.

    Without ``account`` (the open server on one PC) every app is listed;
    with one, only the apps its role may open, with who is signed in and a
    Keluar (sign out) link.  ``base_url`` defaults to a Jinja placeholder
    (the page written as Voilà's ``tree.html`` template); the server's
    landing handler passes the real one.
    """
    page = resources.files("kinerja.voila").joinpath("tree.html").read_text(encoding="utf-8")
    cards = []
    for app in APPS:
        if account is not None and not account.may_open(app.notebook):
            continue
        if app.notebook in available:
            href = f"{base_url}voila/render/{app.notebook}"
            text = html.escape(msg.OPEN_APP.format(judul=app.judul))
            action = f'<a class="buka" href="{href}">{text}</a>'
        else:
            action = f'<span class="segera">{msg.COMING_SOON}</span>'
        cards.append(
            f'    <section class="kartu kinerja-kartu" data-notebook="{app.notebook}">\n'
            f"      <h2>{html.escape(app.judul)}</h2>\n"
            f'      <div class="untuk">{html.escape(app.pengguna)}</div>\n'
            f"      <p>{html.escape(app.keterangan)}</p>\n      {action}\n    </section>"
        )
    banner = f'<div class="demo kinerja-demo">{msg.DEMO_BANNER}</div>' if demo else ""
    who, footer = "", txt.LOCAL_FOOTER
    if account is not None:
        signed = txt.SIGNED_IN_AS.format(
            username=html.escape(account.username),
            peran=html.escape(txt.ROLE_LABELS[account.role]),
        )
        who = (
            f'<div class="akun kinerja-akun">{signed}'
            f'<a class="kinerja-sandi" href="{base_url}sandi">{txt.CHANGE_LINK}</a>'
            f'<a class="kinerja-keluar" href="{base_url}logout">{txt.LOGOUT}</a></div>'
        )
        footer = txt.LAN_FOOTER
    return (
        page.replace("<!--KARTU-->", "\n".join(cards))
        .replace("<!--DEMO-->", banner)
        .replace("<!--AKUN-->", who)
        .replace("<!--KAKI-->", html.escape(footer))
    )


def available_apps() -> set[str]:
    """The workbooks shipped (file names)."""
    return {p.name for p in workbooks_dir().glob("*.ipynb")}


def lab_index_template() -> Path:
    """JupyterLab-style notebook page template shipped with Voilà."""
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("voila", "templates", "lab"):
        candidate = Path(base) / "index.html.j2"
        if candidate.exists():
            return candidate
    raise ServeError(msg.NO_LAB_TEMPLATE)


def write_template(root: Path, *, demo: bool) -> Path:
    """Write the ``kinerja`` Voilà template under ``root`` (a JUPYTER_PATH entry)."""
    folder = root / "voila" / "templates" / "kinerja"
    folder.mkdir(parents=True, exist_ok=True)
    lines = lab_index_template().read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "index.html.j2").write_text(
        "".join(line for line in lines if CDN_MARKER not in line), encoding="utf-8"
    )
    (folder / "conf.json").write_text('{"base_template": "lab"}\n', encoding="utf-8")
    (folder / "tree.html").write_text(landing_page(available_apps(), demo=demo), encoding="utf-8")
    forbidden = resources.files("kinerja.voila").joinpath("403.html").read_text(encoding="utf-8")
    (folder / "403.html").write_text(forbidden, encoding="utf-8")
    return folder


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on host:port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def check_exposure(url: str, *, host: str, preheat: bool) -> bool:
    """Whether the store has accounts; refuses a network address or ``--preheat`` that
    would expose it wrongly (:class:`ServeError`, exit 2)."""
    from kinerja.accounts import has_accounts
    from kinerja.web_auth import is_loopback

    store = Store(url)
    try:
        with_accounts = has_accounts(store)
    finally:
        store.dispose()
    if not with_accounts and not is_loopback(host):
        raise ServeError(txt.HOST_NEEDS_ACCOUNTS.format(host=host))
    if with_accounts and preheat:
        raise ServeError(txt.PREHEAT_WITH_ACCOUNTS)
    return with_accounts


def resolve_store(db: str | None) -> tuple[str, bool]:
    """The database URL to serve and whether it is the demo store (seeded on first start)."""
    url = db or os.environ.get(ENV_DB)
    if url:
        Store(url).dispose()  # create or migrate the schema before any kernel starts
        return url, False
    from kinerja.ui.common import demo_db_path, open_demo_store

    store = open_demo_store()
    store.dispose()
    return sqlite_url(demo_db_path()), True


def voila_command(
    port: int,
    *,
    dev: bool,
    preheat: bool,
    cull_idle: int,
    template: str = "kinerja",
    host: str = "127.0.0.1",
    allow_hosts: Sequence[str] = (),
    max_kernels: int = 3,
    session_hours: float = 9.0,
) -> list[str]:
    """The Voilà command line ``kinerja serve`` runs (see :mod:`kinerja.voila_app`)."""
    from kinerja import voila_app

    cmd = [
        sys.executable,
        "-m",
        "kinerja.voila_app",
        str(workbooks_dir()),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        f"--template={template}",
        "--VoilaConfiguration.classic_tree=True",
        f"--show_tracebacks={dev}",
        f"--strip_sources={not dev}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
        "--MappingKernelManager.cull_interval=30",
        "--MappingKernelManager.cull_connected=False",
        "--VoilaExecutor.timeout=300",
        f"{voila_app.MAX_KERNELS}{max_kernels}",
        f"{voila_app.SESSION_HOURS}{session_hours}",
        *(f"{voila_app.ALLOW_HOST}{name}" for name in allow_hosts),
    ]
    if preheat:  # Voilà refuses a prelaunch hook with preheated kernels
        cmd += ["--preheat_kernel=True", "--pool_size=1", voila_app.NO_HOOKS]
    return cmd


def _interrupt(_signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(
    *,
    db: str | None = None,
    port: int = 8866,
    dev: bool = False,
    preheat: bool = False,
    cull_idle: int = 300,
    host: str = "127.0.0.1",
    allow_hosts: Sequence[str] = (),
    max_kernels: int = 3,
    session_hours: float = 9.0,
) -> int:
    """Run Voilà until Ctrl-C; returns the exit status."""
    url, demo = resolve_store(db)
    with_accounts = check_exposure(url, host=host, preheat=preheat)
    if not port_free(port, host):
        raise ServeError(msg.PORT_TAKEN.format(port=port, next_port=port + 1))
    tmp = Path(tempfile.mkdtemp(prefix="kinerja-serve-"))
    try:
        write_template(tmp, demo=demo)
        env = {
            **os.environ,
            ENV_DB: url,
            "KINERJA_DEMO": "1" if demo else "0",
            "JUPYTER_PATH": os.pathsep.join(
                filter(None, [str(tmp), os.environ.get("JUPYTER_PATH")])
            ),
        }
        command = voila_command(
            port,
            dev=dev,
            preheat=preheat,
            cull_idle=cull_idle,
            host=host,
            allow_hosts=allow_hosts,
            max_kernels=max_kernels,
            session_hours=session_hours,
        )
        proc = subprocess.Popen(
            command,
            env=env,
            start_new_session=True,  # Ctrl-C reaches us; we stop Voilà without its y/n prompt
        )
        where = msg.DEMO_DATABASE if demo else url
        if with_accounts:
            print(txt.RUNNING_LAN.format(host=host, port=port, where=where), flush=True)
        else:
            print(msg.RUNNING.format(port=port, where=where), flush=True)
        print(msg.STOP_HINT, flush=True)
        try:
            # SIGTERM (service stop, test teardown) must stop Voilà too: it runs in its own
            # session, so without this it would outlive us, holding the port and its kernels
            signal.signal(signal.SIGTERM, _interrupt)
        except ValueError:  # not the main thread: SIGTERM keeps its default
            pass
        try:
            return proc.wait()
        except KeyboardInterrupt:
            print(msg.STOPPING, flush=True)
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
            return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
