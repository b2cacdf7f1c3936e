"""Screenshots of the apps for the README: ``python -m tests.e2e.screenshots [--out DIR]``.

Uses the browser tests' tooling (:mod:`tests.e2e.conftest`): imports
``sample_data`` into a temporary SQLite store with ``kinerja import``, serves
it with ``kinerja serve`` on a free port of 127.0.0.1, opens each page in
Debian's Chromium (Playwright, offline: nothing leaves the machine) at
1200x800, waits for the app to render and saves one PNG per page under
``docs/img/`` (the landing page, Formulir, Profil, Kalibrasi, Lokakarya).
The server it started is stopped at the end.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FORMULIR,
    ROOT,
    _stop,
    free_port,
    http_get,
    make_offline_context,
    wait_for_port,
)

VIEWPORT = {"width": 1200, "height": 800}
LOAD_TIMEOUT = 180_000  # ms: each page runs its workbook in a new kernel


@dataclass(frozen=True)
class Shot:
    """One screenshot: the file name, the page address and what shows it is rendered."""

    name: str
    path: str
    ready: str  # CSS selector visible once the app has rendered


SHOTS = (
    Shot("beranda.png", "/", "a[href*='formulir_penilaian']"),
    Shot("formulir.png", f"/voila/render/{FORMULIR}", ".kinerja-formulir .kinerja-rater select"),
    Shot("profil.png", "/voila/render/profil_kompetensi.ipynb", ".kinerja-predikat-nilai"),
    Shot("kalibrasi.png", "/voila/render/kalibrasi.ipynb", ".kinerja-distribusi .kinerja-kini"),
    Shot("lokakarya.png", "/voila/render/lokakarya.ipynb", ".kinerja-next"),
)


def _import_sample(db: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "kinerja", "import", "--data", str(ROOT / "sample_data")]
        + ["--db", db, "--oleh", "tangkapan-layar"],
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=300,
    )


def take(out: Path) -> list[Path]:
    """Serve the sample store and save one PNG per app in ``out``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="kinerja-shots-") as tmp:
        db = f"sqlite:///{Path(tmp) / 'contoh.sqlite'}"
        _import_sample(db)
        port = free_port()
        with open(Path(tmp) / "serve.log", "w") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "kinerja", "serve", "--db", db, "--port", str(port)],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_for_port(port, proc, timeout=120)
            http_get(port, f"/voila/render/{FORMULIR}", timeout=240)  # warm-up (TECH.md §3.4)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for shot in SHOTS:
                    ctx = make_offline_context(browser)
                    page = ctx.new_page()
                    page.set_viewport_size(VIEWPORT)
                    page.goto(f"http://127.0.0.1:{port}{shot.path}", wait_until="commit")
                    page.locator(shot.ready).first.wait_for(state="visible", timeout=LOAD_TIMEOUT)
                    time.sleep(1.0)  # let charts and fonts settle
                    target = out / shot.name
                    page.screenshot(path=str(target), scale="css")
                    written.append(target)
                    ctx.close()
                browser.close()
        finally:
            _stop(proc)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args(argv)
    for path in take(args.out):
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
            f"{path.stat().st_size // 1024} KB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
