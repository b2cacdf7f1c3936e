"""Kalibrasi in a real browser: ``kinerja serve`` + Voilà + Playwright + Debian Chromium.

The employee is chosen from the served database at test time (not
hard-coded).  Race guard (TECH.md §3.3): the field, value, reason and name
are set first and the employee last; the test then waits for the kernel's
answer to the employee change (the "Kini … predikat" line) before clicking
save, so every earlier widget update has reached the kernel.
"""

from __future__ import annotations

import sqlite3

import pytest
from playwright.sync_api import Page, expect

from kinerja.board import CalibrationBoard
from kinerja.labels import ADJUSTABLE_FIELD, RATING
from kinerja.store import Store, current_user
from kinerja.vocab import AdjustableField, Predikat, Rating
from tests.e2e.conftest import KinerjaServer

pytestmark = pytest.mark.e2e

PERIODE = "2025"
UNIT = "Dinas Pertanian dan Pangan"  # breaks its curve in sample_data
NOTEBOOK = "kalibrasi.ipynb"
LOAD_TIMEOUT = 90_000  # ms: the page runs the workbook in a new kernel
KERNEL_TIMEOUT = 60_000  # ms: one widget change answered by the kernel
WHO = current_user()  # the e2e server runs open (no accounts): the OS user signs
REASON = "Capaian target utama hanya sesuai rencana (uji e2e)"


def kini(page: Page) -> list[int]:
    return [int(t) for t in page.locator(".kinerja-distribusi .kinerja-kini").all_inner_texts()]


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


def served_unit(server: KinerjaServer) -> tuple[list[str], dict[str, str]]:
    """NIPs of the unit in the app's (alphabetical) order and their calibrated predikat."""
    store = Store(f"sqlite:///{server.db_path}")
    try:
        s = CalibrationBoard(store, PERIODE).summary(UNIT).sort_values("nama")
    finally:
        store.dispose()
    return s["nip"].tolist(), dict(zip(s["nip"], s["predikat"], strict=True))


def audit_rows(server: KinerjaServer) -> list[tuple]:
    with sqlite3.connect(server.db_path) as con:
        return con.execute(
            "SELECT periode, nip, field, old_value, new_value, reason FROM kalibrasi"
            " WHERE who=? AND reason=? ORDER BY id",
            (WHO, REASON),
        ).fetchall()


def test_an_adjustment_in_the_browser_moves_the_counts_and_is_stored(
    offline_context, kinerja_server: KinerjaServer
):
    order, predikat = served_unit(kinerja_server)
    first = order[0]  # selected when the unit opens
    target = next(n for n in order if predikat[n] == Predikat.VERY_GOOD and n != first)
    assert predikat[first] != Predikat.VERY_GOOD  # so the 'Kini' line proves the selection arrived
    assert audit_rows(kinerja_server) == []

    page = offline_context().new_page()
    page.goto(f"{kinerja_server.base_url}/voila/render/{NOTEBOOK}", wait_until="commit")
    expect(page.locator(".kinerja-distribusi")).to_be_visible(timeout=LOAD_TIMEOUT)
    expect(page.locator(".kinerja-distribusi .kinerja-kini")).to_have_count(
        len(Predikat), timeout=KERNEL_TIMEOUT
    )
    unit = page.locator(".kinerja-unit select")
    if unit.input_value() != UNIT:  # another test may have moved another unit off its curve
        unit.select_option(value=UNIT)
    expect(page.locator(".kinerja-distribusi")).to_contain_text(
        f"Sebaran predikat {UNIT}", timeout=KERNEL_TIMEOUT
    )
    expect(page.locator(".kinerja-distribusi")).to_contain_text("melanggar")
    expect(page.locator(".kinerja-adjust-predikat")).not_to_have_text(
        "Sangat Baik"
    )  # the first one
    before = kini(page)

    page.locator(".kinerja-adjust-field select").select_option(
        label=ADJUSTABLE_FIELD[AdjustableField("rating_hasil_kerja")]
    )
    page.locator(".kinerja-adjust-nilai select").select_option(label=RATING[Rating.AS_EXPECTED])
    page.locator(".kinerja-adjust-alasan textarea").fill(REASON)
    expect(page.locator(".kinerja-oleh")).to_contain_text(WHO)  # who signs: not typed
    option = page.locator(".kinerja-adjust-pegawai select option", has_text=target)
    expect(option).to_have_count(1)
    page.locator(".kinerja-adjust-pegawai select").select_option(label=option.inner_text().strip())
    expect(page.locator(".kinerja-adjust-predikat")).to_have_text(
        "Sangat Baik", timeout=KERNEL_TIMEOUT
    )

    page.locator(".kinerja-adjust-simpan").click()
    expect(page.locator(".kinerja-status")).to_contain_text(
        "tersimpan: predikat Sangat Baik → Baik.", timeout=KERNEL_TIMEOUT
    )
    page.wait_for_function(
        "(b) => { const k = [...document.querySelectorAll('.kinerja-distribusi .kinerja-kini')]"
        ".map((e) => +e.innerText);"
        " return k.length === b.length && k.some((v, i) => v !== b[i]); }",
        arg=before,
        timeout=KERNEL_TIMEOUT,
    )
    after = kini(page)
    order_p = [p.value for p in Predikat]
    sb, b = order_p.index("sangat_baik"), order_p.index("baik")
    assert after[sb] == before[sb] - 1 and after[b] == before[b] + 1
    assert [a for i, a in enumerate(after) if i not in (sb, b)] == [
        x for i, x in enumerate(before) if i not in (sb, b)
    ]
    expect(page.locator(".kinerja-log")).to_contain_text(REASON)
    expect(page.locator(".kinerja-adjust-predikat")).to_have_text("Baik")

    assert audit_rows(kinerja_server) == [
        (PERIODE, target, "rating_hasil_kerja", "di_atas", "sesuai", REASON),
    ]
    assert_clean(page)
