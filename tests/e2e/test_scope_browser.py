"""What each account sees inside the apps, in Chromium (DESIGN §9): the kernel-side scope.

A pegawai reads their own profile and their subordinates' (direct and indirect), and
is refused a stranger's (their own supervisor's here) with nothing of that person on
the page; a petugas is refused a profile outside their unit.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import PASSWORD, PEGAWAI_NIP, AccountsServer, make_offline_context

pytestmark = pytest.mark.e2e

LOAD_TIMEOUT = 180_000  # ms: a new kernel runs the workbook on a loaded machine
PROFIL = "profil_kompetensi.ipynb"
#: sample_data: PEGAWAI_NIP's subordinate's subordinate, PEGAWAI_NIP's own supervisor, and an
#: employee of another unit than the petugas's (Sekretariat Daerah).
INDIRECT_SUBORDINATE = ("199210242017121666", "Hadi Purnomo")
SUPERVISOR = ("196702011990121681", "Sumarno")
OTHER_UNIT = ("197308042001051183", "Widi Darmawan")


def _signed_in_page(browser: Browser, server: AccountsServer, username: str) -> Page:
    page = make_offline_context(browser).new_page()
    page.goto(server.base_url + "/", wait_until="load")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button.kinerja-masuk").click()
    expect(page.locator(".kinerja-kartu").first).to_be_visible()
    return page


def _profile(page: Page, server: AccountsServer, nip: str) -> None:
    page.goto(f"{server.base_url}/voila/render/{PROFIL}?nip={nip}", wait_until="load")
    expect(page.locator(".kinerja-profil").first).to_be_visible(timeout=LOAD_TIMEOUT)


def test_a_pegawai_reads_an_indirect_subordinate_and_is_refused_their_supervisor(
    browser: Browser, accounts_server: AccountsServer
) -> None:
    page = _signed_in_page(browser, accounts_server, PEGAWAI_NIP)
    nip, name = INDIRECT_SUBORDINATE
    _profile(page, accounts_server, nip)
    expect(page.locator(".kinerja-nama")).to_contain_text(name, timeout=LOAD_TIMEOUT)

    nip, name = SUPERVISOR
    _profile(page, accounts_server, nip)
    expect(page.locator(".kinerja-status")).to_contain_text("tidak berhak", timeout=LOAD_TIMEOUT)
    assert name not in page.locator("body").inner_text()
    # the employee list holds only the account's team: never the supervisor
    options = page.locator(".kinerja-profil select").all_inner_texts()
    assert not any(name in o for o in options)
    page.context.close()


def test_a_petugas_is_refused_a_profile_outside_their_unit(
    browser: Browser, accounts_server: AccountsServer
) -> None:
    page = _signed_in_page(browser, accounts_server, "petugas1")
    nip, name = OTHER_UNIT
    _profile(page, accounts_server, nip)
    expect(page.locator(".kinerja-status")).to_contain_text("tidak berhak", timeout=LOAD_TIMEOUT)
    assert name not in page.locator("body").inner_text()
    page.context.close()
