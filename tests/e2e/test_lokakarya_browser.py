"""Lokakarya in a real browser: every step reached with the next button, offline and error-free."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import KinerjaServer

pytestmark = pytest.mark.e2e

NOTEBOOK = "lokakarya.ipynb"
LOAD_TIMEOUT = 90_000  # ms: the page runs the workbook in a new kernel
STEP_TIMEOUT = 60_000  # ms: a step is built in the kernel on its first visit

#: What each step shows once built (step 1 is the method's tables).
STEP_CONTENT = {
    1: ".kinerja-metode",
    2: ".kinerja-vignette-kirim",
    3: ".kinerja-bobot-hasil table",
    4: ".kinerja-tebakan select",
    5: ".kinerja-latihan-distribusi .kinerja-kini",
    6: ".kinerja-rencana-hasil .kinerja-rencana-jp",
    7: ".kinerja-sensitivitas-hitung",
}


def assert_clean(page: Page) -> None:
    """No traceback or error output, no error message, no page error, nothing external."""
    bad = page.locator(".jp-OutputArea-output").evaluate_all(
        "els => els.map((e) => e.innerText).filter((t) => /Traceback|Error/.test(t))"
    )
    assert bad == []
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    assert page.locator('[data-mime-type="application/vnd.jupyter.error"]').count() == 0
    assert page.locator(".kinerja-msg-error").count() == 0
    assert page.context.page_errors == []  # type: ignore[attr-defined]
    assert page.context.external_requests == []  # type: ignore[attr-defined]


def test_next_walks_through_all_seven_steps(offline_context, kinerja_server: KinerjaServer):
    page = offline_context().new_page()
    page.goto(f"{kinerja_server.base_url}/voila/render/{NOTEBOOK}", wait_until="commit")
    title = page.locator(".kinerja-langkah-judul")
    expect(title).to_contain_text("Langkah 1 dari 7", timeout=LOAD_TIMEOUT)
    expect(page.locator(STEP_CONTENT[1]).first).to_be_visible()
    expect(page.locator(".kinerja-back")).to_be_disabled()
    for n in range(2, 8):
        page.locator(".kinerja-next").click()
        expect(title).to_contain_text(f"Langkah {n} dari 7", timeout=STEP_TIMEOUT)
        expect(page.locator(STEP_CONTENT[n]).first).to_be_visible(timeout=STEP_TIMEOUT)
        assert page.locator(".kinerja-langkah").count() == 1
        assert_clean(page)
    expect(page.locator(".kinerja-next")).to_be_disabled()
    expect(page.locator(".kinerja-back")).to_be_enabled()
    assert_clean(page)
