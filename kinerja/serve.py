"""``kinerja serve``: the workbooks as Voilà web apps on 127.0.0.1.

- The store comes from ``--db`` or ``KINERJA_DB``; without either, a demo
  store seeded from the bundled sample data, labelled as such in every app.
- A project Voilà template (``kinerja``) extends JupyterLab's ``lab``
  template without its two CDN stylesheets and adds a landing page in
  Bahasa Indonesia, so nothing is fetched from the internet.
- A page's kernel ends when its tab closes (:mod:`kinerja.voila_app` makes
  Voilà's shutdown request acceptable); idle kernels are culled as the
  safety net, so memory stays bounded over a day of page loads.
- Source code and tracebacks are hidden unless ``--dev``.
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
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kinerja.errors import ServeError
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


def landing_page(available: set[str], *, demo: bool) -> str:
    """The landing page HTML (a Jinja template for Voilà: ``{{ base_url }}`` is kept)."""
    page = resources.files("kinerja.voila").joinpath("tree.html").read_text(encoding="utf-8")
    cards = []
    for app in APPS:
        if app.notebook in available:
            href = f"{{{{ base_url }}}}voila/render/{app.notebook}"
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
    return page.replace("<!--KARTU-->", "\n".join(cards)).replace("<!--DEMO-->", banner)


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
    available = {p.name for p in workbooks_dir().glob("*.ipynb")}
    (folder / "tree.html").write_text(landing_page(available, demo=demo), encoding="utf-8")
    return folder


def port_free(port: int) -> bool:
    """True when nothing listens on 127.0.0.1:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


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
    port: int, *, dev: bool, preheat: bool, cull_idle: int, template: str = "kinerja"
) -> list[str]:
    """The Voilà command line ``kinerja serve`` runs."""
    cmd = [
        sys.executable,
        "-m",
        "kinerja.voila_app",
        str(workbooks_dir()),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--template={template}",
        "--VoilaConfiguration.classic_tree=True",
        f"--show_tracebacks={dev}",
        f"--strip_sources={not dev}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
        "--MappingKernelManager.cull_interval=30",
        "--MappingKernelManager.cull_connected=False",
        "--VoilaExecutor.timeout=300",
    ]
    if preheat:  # Voilà refuses a prelaunch hook with preheated kernels
        cmd += ["--preheat_kernel=True", "--pool_size=1", "--no-hooks"]
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
) -> int:
    """Run Voilà until Ctrl-C; returns the exit status."""
    if not port_free(port):
        raise ServeError(msg.PORT_TAKEN.format(port=port, next_port=port + 1))
    url, demo = resolve_store(db)
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
        proc = subprocess.Popen(
            voila_command(port, dev=dev, preheat=preheat, cull_idle=cull_idle),
            env=env,
            start_new_session=True,  # Ctrl-C reaches us; we stop Voilà without its y/n prompt
        )
        print(msg.RUNNING.format(port=port, where=msg.DEMO_DATABASE if demo else url), flush=True)
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
