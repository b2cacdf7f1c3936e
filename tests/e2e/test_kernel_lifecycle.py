"""A page's kernel ends within seconds of its tab closing (not only when culled)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import KinerjaServer, alive, descendants

pytestmark = pytest.mark.e2e

LOAD_TIMEOUT = 90_000  # ms


def kernel_pids(server: KinerjaServer, kernel_id: str) -> list[int]:
    """Processes below the server whose command line names the kernel's connection file."""
    found = []
    for pid in descendants(server.proc.pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if f"kernel-{kernel_id}" in cmdline and alive(pid):
            found.append(pid)
    return found


def test_closing_a_tab_ends_its_kernel_within_seconds(
    kinerja_server: KinerjaServer, offline_context
) -> None:
    page = offline_context().new_page()
    page.goto(f"{kinerja_server.base_url}/voila/render/lokakarya.ipynb", wait_until="commit")
    expect(page.locator(".kinerja-next").first).to_be_visible(timeout=LOAD_TIMEOUT)
    kernel_id = page.evaluate(
        "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    assert kernel_pids(kinerja_server, kernel_id), "the page's kernel is not running"
    cookies = {c["name"] for c in page.context.cookies()}
    assert "_xsrf" in cookies  # what Voilà's shutdown request needs

    page.close(run_before_unload=True)
    deadline = time.monotonic() + 20  # culling would take minutes (--cull-idle 300)
    while kernel_pids(kinerja_server, kernel_id) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert kernel_pids(kinerja_server, kernel_id) == [], kinerja_server.log_tail()
    assert f"Kernel shutdown: {kernel_id}" in kinerja_server.log_path.read_text()
