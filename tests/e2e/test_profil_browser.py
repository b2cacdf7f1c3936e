"""Profil Kompetensi in a real browser: ``kinerja serve`` + Voilà + Playwright + Debian Chromium.

The page is opened with ``?nip=`` for a sample employee who is *not* the one the
app shows by default (the first of the list), so the test proves the address
chooses the employee.  The expected predikat comes from scoring ``sample_data``
(the served database was imported from it).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kinerja.labels import PREDIKAT
from kinerja.profile import format_nip
from kinerja.vocab import Predikat
from tests.e2e.conftest import KinerjaServer
from tests.store_fixtures import sample_dataset
from tests.test_profile import sample_scores

pytestmark = pytest.mark.e2e

PROFIL = "profil_kompetensi.ipynb"
#: The classes of the app's panels that show one employee's profile.
PROFILE_PANELS = (
    "kinerja-profil-header",
    "kinerja-predikat",
    "kinerja-kalibrasi-tanda",
    "kinerja-chart-kompetensi",
    "kinerja-chart-berakhlak",
    "kinerja-chart-sumber",
    "kinerja-tabel-kompetensi",
    "kinerja-kekuatan",
    "kinerja-rencana",
    "kinerja-penjelasan",
    "kinerja-catatan",
    "kinerja-unduh",
)
LOAD_TIMEOUT = 90_000  # ms: the page runs the workbook in a new kernel (scoring + charts)


def chosen_nip() -> tuple[str, str]:
    """A sample employee with a predikat, not the one shown first; and the predikat label."""
    r = sample_scores().ringkasan.dropna(subset=["predikat"])
    p = sample_dataset().pegawai.sort_values(["unit_kerja", "nama"])
    default = p["nip"].iloc[0]  # the first employee of the list (ProfilApp's order)
    # prefer a less common predikat, so a wrong employee is unlikely to show the same text
    counts = r["predikat"].value_counts()
    r = r.assign(_n=r["predikat"].map(counts)).sort_values(["_n", "nip"])
    row = r.loc[r["nip"] != default].iloc[0]
    return str(row["nip"]), PREDIKAT[Predikat(row["predikat"])]


def assert_clean(page: Page) -> None:
    """No traceback/error output, no app error message, nothing requested outside 127.0.0.1."""
    bad = page.locator(".jp-OutputArea-output").evaluate_all(
        "els => els.map((e) => e.innerText).filter((t) => /Traceback|Error/.test(t))"
    )
    assert bad == []
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    assert page.locator('[data-mime-type="application/vnd.jupyter.error"]').count() == 0
    assert page.locator(".kinerja-msg-error").count() == 0
    assert "Traceback" not in page.locator("body").inner_text()
    assert page.context.external_requests == []  # type: ignore[attr-defined]
    assert page.context.page_errors == []  # type: ignore[attr-defined]


def test_profile_page_opened_with_nip_shows_that_employees_predikat_and_chart(
    kinerja_server: KinerjaServer, offline_context
):
    nip, predikat = chosen_nip()
    page = offline_context().new_page()
    page.goto(f"{kinerja_server.base_url}/voila/render/{PROFIL}?nip={nip}", wait_until="commit")

    value = page.locator(".kinerja-predikat-nilai")
    try:
        value.wait_for(state="visible", timeout=LOAD_TIMEOUT)
    except Exception:
        print(kinerja_server.log_tail())
        raise
    assert value.inner_text().strip() == predikat
    expect(page.locator(".kinerja-nip")).to_have_text(format_nip(nip))
    chart = page.locator(".kinerja-chart-kompetensi svg").first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    k = sample_scores().kompetensi
    codes = set(k.loc[k["nip"] == nip, "kompetensi_kode"])
    texts = page.locator(".kinerja-chart-kompetensi svg text").all_text_contents()
    assert {t.split()[0] for t in texts if re.match(r"^(M|SK|T|B)\.\d\d ", t)} == codes
    assert (
        nip in page.locator(".kinerja-pegawai select").input_value()
    )  # the option label holds the NIP
    assert_clean(page)


def test_profile_page_opened_with_an_unknown_nip_says_so_and_shows_nobody(
    kinerja_server: KinerjaServer, offline_context
):
    page = offline_context().new_page()
    page.goto(f"{kinerja_server.base_url}/voila/render/{PROFIL}?nip=123", wait_until="commit")

    status = page.locator(".kinerja-status .kinerja-msg-error")
    try:
        status.wait_for(state="visible", timeout=LOAD_TIMEOUT)
    except Exception:
        print(kinerja_server.log_tail())
        raise
    expect(status).to_contain_text("NIP 123 tidak ditemukan")
    expect(page.locator(".kinerja-pegawai select")).to_be_visible()  # the list to choose from
    assert page.locator(".kinerja-predikat-nilai").count() == 0
    assert page.locator(".kinerja-nip").count() == 0
    expect(page.locator(".kinerja-ringkasan")).to_be_hidden()  # no header card of nobody
    assert page.locator(".kinerja-chart-kompetensi svg").count() == 0
    for panel in PROFILE_PANELS:  # every panel of a profile is empty
        assert page.locator(f".{panel}").text_content().strip() == "", panel
    assert "Traceback" not in page.locator("body").inner_text()
    assert page.context.external_requests == []  # type: ignore[attr-defined]
    assert page.context.page_errors == []  # type: ignore[attr-defined]


def test_profile_opens_with_the_header_card_on_top_and_decimal_commas_in_every_table(
    kinerja_server: KinerjaServer, offline_context
):
    nip, predikat = chosen_nip()
    page = offline_context().new_page()
    page.set_viewport_size({"width": 1200, "height": 800})
    page.goto(f"{kinerja_server.base_url}/voila/render/{PROFIL}?nip={nip}", wait_until="commit")
    card = page.locator(".kinerja-ringkasan")
    try:
        card.locator(".kinerja-predikat-nilai").wait_for(state="visible", timeout=LOAD_TIMEOUT)
    except Exception:
        print(kinerja_server.log_tail())
        raise
    # who, predikat, JPM, box and the PDF buttons in the card, within the first screen
    expect(card.locator(".kinerja-nip")).to_have_text(format_nip(nip))
    expect(card.locator(".kinerja-predikat-nilai")).to_have_text(predikat)
    expect(card.locator(".kinerja-jpm")).to_contain_text(" %")
    expect(card).to_contain_text("Kotak ")
    for button in (".kinerja-pdf", ".kinerja-pdf-unit"):
        expect(card.locator(button)).to_be_visible()
        box = card.locator(button).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 800, button
    card_box, table_box = (
        card.bounding_box(),
        page.locator(".kinerja-tabel-kompetensi").bounding_box(),
    )
    assert card_box is not None and table_box is not None and card_box["y"] < table_box["y"]

    # every number in the profile's tables is written the Indonesian way
    cells = page.locator(".kinerja-profil td").evaluate_all(
        "cells => cells.map((c) => c.textContent.trim())"
    )
    assert len(cells) > 20
    assert not [c for c in cells if re.search(r"\d\.\d", c)]  # no decimal point
    assert [c for c in cells if re.fullmatch(r"-?\d+,\d\d", c)]  # scores: two decimals
    assert_clean(page)
