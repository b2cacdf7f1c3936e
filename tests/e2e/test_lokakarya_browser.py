"""Lokakarya in a real browser: every step reached with the next button, offline and error-free."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kinerja.labels.apps import BIAS_SORT
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


def test_step_4_lists_every_rater_and_step_5_refuses_a_change_to_the_same_value(
    offline_context, kinerja_server: KinerjaServer
):
    page = offline_context().new_page()
    page.goto(f"{kinerja_server.base_url}/voila/render/{NOTEBOOK}", wait_until="commit")
    title = page.locator(".kinerja-langkah-judul")
    expect(title).to_contain_text("Langkah 1 dari 7", timeout=LOAD_TIMEOUT)
    for n in (2, 3, 4):
        page.locator(".kinerja-next").click()
        expect(title).to_contain_text(f"Langkah {n} dari 7", timeout=STEP_TIMEOUT)

    # step 4: all 120 raters in a scrolling table, ordered by the figure chosen
    rows = page.locator(".kinerja-bias-tabel .kinerja-scroll table tbody tr")
    expect(rows).to_have_count(120, timeout=STEP_TIMEOUT)
    box = page.locator(".kinerja-bias-tabel .kinerja-scroll").bounding_box()
    assert box is not None and box["height"] <= 430  # scrolls instead of filling the page
    first = rows.first.locator("td").first.inner_text()
    page.locator(".kinerja-bias-urut select").select_option(label=BIAS_SORT["deviasi_rendah"])
    expect(rows.first.locator("td").first).not_to_have_text(first, timeout=STEP_TIMEOUT)

    # step 5: 'Di Atas' -> 'Di Atas' is refused with a message in Indonesian
    page.locator(".kinerja-next").click()
    expect(title).to_contain_text("Langkah 5 dari 7", timeout=STEP_TIMEOUT)
    # the first of the unit has rating perilaku 'Di Atas Ekspektasi', the field and value
    # chosen when the step opens: proposing it unchanged is what a hurried participant does
    field = page.locator(".kinerja-latihan-field select option:checked")
    expect(field).to_have_text("Rating perilaku")
    expect(page.locator(".kinerja-latihan-nilai select option:checked")).to_have_text(
        "Di Atas Ekspektasi"
    )
    page.locator(".kinerja-latihan-alasan input").fill("Tidak ada perubahan nyata")
    page.locator(".kinerja-latihan-simpan").click()
    expect(page.locator(".kinerja-msg-error")).to_contain_text(
        "Tidak ada perubahan: nilai yang berlaku sudah Di Atas Ekspektasi.", timeout=STEP_TIMEOUT
    )
    proposals = page.locator(".kinerja-latihan-distribusi table").nth(2).locator("tbody tr")
    expect(proposals).to_have_count(0)
