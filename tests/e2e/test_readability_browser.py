"""Every app readable in a real browser (DESIGN §8, §11): contrast and words, not codes.

Each app is opened in Chromium against ``kinerja serve`` and every tab,
step and mode is visited; in each, every visible text must reach WCAG AA
contrast (4.5:1, large text 3:1; :mod:`tests.e2e.contrast`) and no internal
code (``di_atas``, ``min_jumlah``, ``jp_kumulatif`` …;
:mod:`tests.display_codes`) may be readable.  The first test checks the
contrast helper itself on a page whose answers are known.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.display_codes import codes_in
from tests.e2e.conftest import KinerjaServer
from tests.e2e.contrast import contrast_failures, measure, visible_text

pytestmark = pytest.mark.e2e

LOAD_TIMEOUT = 90_000  # ms: the page runs the workbook in a new kernel
KERNEL_TIMEOUT = 60_000  # ms: one action answered by the kernel


def assert_readable(page: Page, where: str) -> None:
    """No text below its contrast, no internal code readable."""
    bad = contrast_failures(page)
    assert bad == [], f"{where}:\n" + "\n".join(map(str, bad[:20]))
    codes = codes_in(visible_text(page))
    assert codes == [], f"{where}: {codes}"


def open_app(page: Page, server: KinerjaServer, notebook: str, ready: str) -> None:
    page.goto(f"{server.base_url}/voila/render/{notebook}", wait_until="commit")
    expect(page.locator(ready).first).to_be_visible(timeout=LOAD_TIMEOUT)


def visit_tabs(page: Page, app: str, where: str) -> None:
    """Click every tab of the app's tab bar in turn and check each."""
    tabs = page.locator(f"{app} .lm-TabBar-tab")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        expect(tabs.nth(i)).to_have_class(re.compile("lm-mod-current"))
        assert_readable(page, f"{where}, tab {tabs.nth(i).inner_text()}")


# --------------------------------------------------------------------------- the helper itself

KNOWN = """
<body style="background:#fff;margin:0">
  <p id="ok" style="color:#000">hitam di atas putih</p>
  <div style="background:#fff"><p style="color:#fff">putih di atas putih</p></div>
  <button style="background:#f57c00;color:#fff;font-size:13px">oranye</button>
  <button style="background:#a84e00;color:#fff;font-size:13px">oranye gelap</button>
  <p style="color:rgba(0,0,0,0.54);background:#eee">tab pudar</p>
  <div style="background:rgba(0,0,0,0.5)"><p style="color:#555">abu di atas abu</p></div>
  <p style="color:#777;font-size:24px">besar abu</p>
  <button disabled style="color:#ccc;background:#fff">nonaktif</button>
  <svg width="200" height="40"><text x="0" y="20" fill="#ddd">label grafik</text></svg>
</body>
"""


def test_contrast_helper_finds_exactly_the_unreadable_texts(page: Page):
    page.set_content(KNOWN)
    bad = {c.text: c for c in contrast_failures(page)}
    assert set(bad) == {
        "putih di atas putih",
        "oranye",
        "tab pudar",
        "abu di atas abu",
        "label grafik",
    }
    assert bad["putih di atas putih"].ratio == pytest.approx(1.0)
    assert bad["oranye"].ratio == pytest.approx(2.7, abs=0.05)
    assert bad["tab pudar"].ratio == pytest.approx(4.43, abs=0.05)  # alpha composited
    assert bad["label grafik"].kind == "svg"
    ok = {c.text: c for c in measure(page)}
    assert ok["besar abu"].need == 3.0 and ok["besar abu"].ratio >= 3.0  # large text
    assert ok["hitam di atas putih"].ratio == pytest.approx(21.0)
    assert "nonaktif" not in ok  # inactive controls are exempt


# --------------------------------------------------------------------------- the apps


def test_formulir_is_readable_on_every_tab(offline_context, kinerja_server: KinerjaServer):
    page = offline_context().new_page()
    open_app(page, kinerja_server, "formulir_penilaian.ipynb", ".kinerja-save")
    assert_readable(page, "Formulir")
    visit_tabs(page, ".kinerja-formulir", "Formulir")


def test_profil_is_readable_with_its_explanation_open(
    offline_context, kinerja_server: KinerjaServer
):
    page = offline_context().new_page()
    open_app(page, kinerja_server, "profil_kompetensi.ipynb", ".kinerja-predikat")
    assert_readable(page, "Profil")
    page.locator(".kinerja-profil .jupyter-widget-Collapse-header").first.click()
    expect(page.locator(".kinerja-profil .jupyter-widget-Collapse-open")).to_have_count(1)
    assert_readable(page, "Profil, penjelasan terbuka")


def test_kalibrasi_is_readable_on_every_tab_in_both_modes(
    offline_context, kinerja_server: KinerjaServer
):
    page = offline_context().new_page()
    open_app(page, kinerja_server, "kalibrasi.ipynb", ".kinerja-distribusi .kinerja-kini")
    expect(page.locator(".kinerja-distribusi table.kinerja-table")).to_have_count(
        1, timeout=KERNEL_TIMEOUT
    )
    for mode in ("biasa", "proyektor"):
        if mode == "proyektor":
            page.locator(".kinerja-proyektor-tombol").click()
            expect(page.locator(".kinerja-kalibrasi.kinerja-proyektor")).to_have_count(
                1, timeout=KERNEL_TIMEOUT
            )
        visit_tabs(page, ".kinerja-kalibrasi", f"Kalibrasi, mode {mode}")
        page.locator(".kinerja-kalibrasi .lm-TabBar-tab").nth(2).click()  # the nine boxes
        page.locator(".kinerja-box button").nth(4).click()  # box 5: its people listed
        expect(page.locator(".kinerja-box-daftar table")).to_have_count(1, timeout=KERNEL_TIMEOUT)
        assert_readable(page, f"Kalibrasi, mode {mode}, kotak 5")
    # the projector mode's curve table: the rules in words, light on dark
    page.locator(".kinerja-kalibrasi .lm-TabBar-tab").first.click()
    cells = page.locator(".kinerja-distribusi table.kinerja-table td")
    expect(cells.first).to_be_visible()
    curve = [c for c in measure(page, ".kinerja-distribusi") if c.kind == "text"]
    assert any("paling sedikit 1 pegawai" in c.text for c in curve)
    assert all(c.ratio >= c.need for c in curve)


def test_lokakarya_is_readable_on_every_step(offline_context, kinerja_server: KinerjaServer):
    page = offline_context().new_page()
    open_app(page, kinerja_server, "lokakarya.ipynb", ".kinerja-metode")
    title = page.locator(".kinerja-langkah-judul")
    assert_readable(page, "Lokakarya, langkah 1")
    ready = {
        2: ".kinerja-vignette-kirim",
        3: ".kinerja-bobot-hasil table",
        4: ".kinerja-bias-tabel table",
        5: ".kinerja-latihan-distribusi table",
        6: ".kinerja-rencana-hasil table",
        7: ".kinerja-sensitivitas-hitung",
    }
    for n in range(2, 8):
        page.locator(".kinerja-next").click()
        expect(title).to_contain_text(f"Langkah {n} dari 7", timeout=KERNEL_TIMEOUT)
        expect(page.locator(ready[n]).first).to_be_visible(timeout=KERNEL_TIMEOUT)
        if n == 4:
            page.locator(".kinerja-ungkap").click()
            expect(page.locator(".kinerja-ungkap-hasil table")).to_have_count(
                1, timeout=KERNEL_TIMEOUT
            )
        if n == 7:
            page.locator(".kinerja-sensitivitas-hitung").click()
            expect(page.locator(".kinerja-sensitivitas table")).to_have_count(
                1, timeout=KERNEL_TIMEOUT
            )
        assert_readable(page, f"Lokakarya, langkah {n}")
