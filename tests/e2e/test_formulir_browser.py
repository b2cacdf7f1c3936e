"""Formulir Penilaian in a real browser: ``kinerja serve`` + Voilà + Playwright + Debian Chromium.

The rater/ratee pairs are chosen from the served database (not hard-coded), so
the test follows ``sample_data`` if it is regenerated.  Waits follow TECH.md
§3.3: after every dropdown change the test waits for the kernel's answer (the
ratee list of the new rater, the score rows of the new ratee with the stored
values) before touching the next widget or clicking save.

The tests of this module share one page (``form_page``, opened from the
landing page) and run in file order; page loads are the expensive part
(each one starts a kernel that runs the workbook).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from kinerja.entry import competencies_to_rate, rating_targets
from kinerja.labels.times import fmt_time
from kinerja.paths import workbooks_dir
from kinerja.serve import APPS
from kinerja.store import Store, current_user
from kinerja.ui.formulir import MAX_MATCHES
from tests.e2e.conftest import FORMULIR, KinerjaServer, http_get, make_offline_context

pytestmark = pytest.mark.e2e

PERIODE = "2025"
LOAD_TIMEOUT = 180_000  # ms: a page load runs the workbook in a new kernel (slow on a busy machine)
KERNEL_TIMEOUT = 60_000  # ms: one widget change answered by the kernel


# --------------------------------------------------------------------------- choosing pairs


@dataclass(frozen=True)
class Pair:
    unit: str
    n_unit: int  # rater choices after choosing the unit: its employees, at most MAX_MATCHES
    rater: str
    n_targets: int  # ratee choices of the rater
    self_codes: tuple[str, ...]  # the rater's own competencies (the ratee opened first)
    ratee: str
    sumber: str
    codes: tuple[str, ...]  # the ratee's competencies, in form order


class Roster:
    """The served roster and dictionary, and helpers that read the served database."""

    def __init__(self, server: KinerjaServer):
        self.db_path = server.db_path
        store = Store(f"sqlite:///{server.db_path}")
        ref = store.dataset(periode="__tidak-ada__")
        store.dispose()
        self.pegawai, self.standar, self.kompetensi = ref.pegawai, ref.standar, ref.kompetensi

    def codes(self, nip: str) -> tuple[str, ...]:
        got = competencies_to_rate(self.pegawai, self.standar, self.kompetensi, nip)
        return tuple(got["kompetensi_kode"])

    def pair(self, rater: str, ratee: str) -> Pair:
        p = self.pegawai.set_index("nip")
        targets = rating_targets(self.pegawai, rater)
        sumber = targets.set_index("nip_dinilai").loc[ratee, "sumber"]
        unit = p.loc[rater, "unit_kerja"]
        return Pair(
            unit=unit,
            n_unit=min(int((self.pegawai["unit_kerja"] == unit).sum()), MAX_MATCHES),
            rater=rater,
            n_targets=len(targets),
            self_codes=self.codes(rater),
            ratee=ratee,
            sumber=str(sumber),
            codes=self.codes(ratee),
        )

    def pairs(self, n: int) -> list[Pair]:
        """``n`` supervisor -> direct-subordinate pairs, each in a different unit."""
        out: list[Pair] = []
        p = self.pegawai
        bosses = p.loc[p["nip"].isin(p["nip_atasan"])].sort_values(["unit_kerja", "nip"])
        for boss in bosses.itertuples():
            if boss.unit_kerja in {x.unit for x in out}:
                continue
            subs = p.loc[(p["nip_atasan"] == boss.nip) & (p["unit_kerja"] == boss.unit_kerja)]
            if len(subs):
                out.append(self.pair(boss.nip, subs["nip"].iloc[0]))
            if len(out) == n:
                return out
        raise AssertionError("sample data has too few supervisor/subordinate pairs")

    def current(self, rater: str, ratee: str) -> dict[str, int]:
        """The scores in force for (rater, ratee) in the served database."""
        with sqlite3.connect(self.db_path) as con:
            rows = con.execute(
                "SELECT kompetensi_kode, skor, dihapus FROM penilaian WHERE id IN ("
                " SELECT max(id) FROM penilaian WHERE periode=? AND nip_penilai=? AND nip_dinilai=?"
                " GROUP BY kompetensi_kode)",
                (PERIODE, rater, ratee),
            ).fetchall()
        return {code: int(skor) for code, skor, gone in rows if not gone and skor is not None}

    def count(self, **where: str) -> int:
        sql = "SELECT count(*) FROM penilaian"
        if where:
            sql += " WHERE " + " AND ".join(f"{k}=?" for k in where)
        with sqlite3.connect(self.db_path) as con:
            return int(con.execute(sql, tuple(where.values())).fetchone()[0])

    def last_id(self) -> int:
        with sqlite3.connect(self.db_path) as con:
            return int(con.execute("SELECT coalesce(max(id), 0) FROM penilaian").fetchone()[0])

    def saved_by(self, who: str, *, after: int = 0) -> pd.DataFrame:
        """The records naming ``who`` stored after the record ``after``."""
        with sqlite3.connect(self.db_path) as con:
            return pd.read_sql(
                "SELECT nip_penilai, nip_dinilai, sumber, kompetensi_kode, skor FROM penilaian"
                " WHERE oleh=? AND id>? ORDER BY id",
                con,
                params=(who, after),
            )


def new_scores(codes: tuple[str, ...], existing: dict[str, int], shift: int) -> dict[str, int]:
    """A complete rating that differs from what is stored (so the reload proves the save)."""
    return {c: (existing.get(c, i + shift) % 5) + 1 for i, c in enumerate(codes)}


# --------------------------------------------------------------------------- page helpers


STATE_JS = """
() => {
  const q = (s) => document.querySelector(s);
  const scores = [...document.querySelectorAll("[class*='kinerja-score-'] select")];
  const src = q('.kinerja-sumber-kode');
  const ratee = q('.kinerja-ratee select');
  return {
    ratee: ratee ? ratee.value : null,
    ratees: ratee ? [...ratee.options].map((o) => o.value) : [],
    sumber: src ? src.dataset.sumber : null,
    codes: scores.map((s) => [...s.closest('[class*="kinerja-score-"]').classList]
                 .find((c) => c.startsWith('kinerja-score-')).slice(14)),
    values: scores.map((s) => s.value),
  };
}
"""


def css(code: str) -> str:
    return code.replace(".", "")


def wait_form_state(
    page: Page,
    *,
    ratee: str,
    sumber: str,
    codes: tuple[str, ...],
    values: dict[str, int],
    n_ratees: int | None = None,
    first_ratee: str | None = None,
) -> None:
    """Wait until the kernel has opened ``ratee`` with exactly these score rows and values."""
    want = {
        "ratee": ratee,
        "sumber": sumber,
        "codes": [css(c) for c in codes],
        # an empty score shows as "–" or, before anything was chosen, as a blank select
        "values": [str(values[c]) if c in values else None for c in codes],
        "n_ratees": n_ratees,
        "first": first_ratee,
    }
    try:
        page.wait_for_function(
            f"""(w) => {{
              const s = ({STATE_JS})();
              return s.ratee !== null && s.ratee.includes(w.ratee) && s.sumber === w.sumber
                && JSON.stringify(s.codes) === JSON.stringify(w.codes)
                && s.values.length === w.values.length
                && w.values.every((v, i) => v === null ? ['', '–'].includes(s.values[i])
                                                       : s.values[i] === v)
                && (w.n_ratees === null || s.ratees.length === w.n_ratees)
                && (w.first === null || (s.ratees.length > 0 && s.ratees[0].includes(w.first)));
            }}""",
            arg=want,
            timeout=KERNEL_TIMEOUT,
        )
    except PlaywrightTimeoutError:
        state = page.evaluate(f"({STATE_JS})()")
        state["n_ratees"], state["ratees"] = len(state["ratees"]), state["ratees"][:3]
        status = page.locator(".kinerja-status").inner_text()
        raise AssertionError(
            f"form did not reach {want}\nit shows {state}\nstatus: {status}"
        ) from None


def wait_form_loaded(page: Page) -> None:
    expect(page.locator(".kinerja-unit select")).to_be_visible(timeout=LOAD_TIMEOUT)
    expect(page.locator(".kinerja-save")).to_be_visible(timeout=KERNEL_TIMEOUT)
    page.wait_for_function(
        "() => document.querySelectorAll(\"[class*='kinerja-score-'] select\").length > 0",
        timeout=KERNEL_TIMEOUT,
    )


def option_value(page: Page, selector: str, needle: str) -> str:
    return page.locator(selector).evaluate(
        "(s, n) => { const o = [...s.options].find((o) => o.value.includes(n));"
        " return o ? o.value : null; }",
        needle,
    )


def choose(page: Page, pair: Pair, roster: Roster) -> None:
    """Unit, rater, ratee — each time waiting for the kernel's answer.

    The rater list holds the unit's first MAX_MATCHES people by name; a rater
    beyond them is found by typing their NIP into the search box.
    """
    search = page.locator(".kinerja-cari input")
    if search.input_value():
        search.fill("")
        search.press("Enter")
    page.locator(".kinerja-unit select").select_option(value=pair.unit)
    page.wait_for_function(
        "(n) => document.querySelectorAll('.kinerja-rater select option').length === n",
        arg=pair.n_unit,
        timeout=KERNEL_TIMEOUT,
    )
    if option_value(page, ".kinerja-rater select", pair.rater) is None:
        search.fill(pair.rater)
        search.press("Enter")
    page.wait_for_function(
        "(nip) => [...document.querySelectorAll('.kinerja-rater select option')]"
        ".some((x) => x.value.includes(nip))",
        arg=pair.rater,
        timeout=KERNEL_TIMEOUT,
    )
    rater = option_value(page, ".kinerja-rater select", pair.rater)
    if page.locator(".kinerja-rater select").input_value() != rater:
        page.locator(".kinerja-rater select").select_option(value=rater)
    # the rater's ratee list arrived and the first one (the rater, diri) is open
    wait_form_state(
        page,
        ratee=pair.rater,
        sumber="diri",
        codes=pair.self_codes,
        values=roster.current(pair.rater, pair.rater),
        n_ratees=pair.n_targets,
        first_ratee=pair.rater,
    )
    page.locator(".kinerja-ratee select").select_option(
        value=option_value(page, ".kinerja-ratee select", pair.ratee)
    )
    wait_form_state(
        page,
        ratee=pair.ratee,
        sumber=pair.sumber,
        codes=pair.codes,
        values=roster.current(pair.rater, pair.ratee),
    )


#: Who the records name: the page's account; the e2e server runs open (no accounts), so the
#: OS user running the server (the same user as the tests).
WHO = current_user()


def enter(page: Page, scores: dict[str, int]) -> None:
    for code, value in scores.items():
        page.locator(f".kinerja-score-{css(code)} select").select_option(value=str(value))


def assert_clean(page: Page) -> None:
    """No traceback or error output, no stderr output, no uncaught page error, nothing external."""
    bad = page.locator(".jp-OutputArea-output").evaluate_all(
        "els => els.map((e) => e.innerText).filter((t) => /Traceback|Error/.test(t))"
    )
    assert bad == []
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    assert page.locator('[data-mime-type="application/vnd.jupyter.error"]').count() == 0
    assert page.context.page_errors == []  # type: ignore[attr-defined]
    assert page.context.external_requests == []  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def roster(kinerja_server: KinerjaServer) -> Roster:
    return Roster(kinerja_server)


@pytest.fixture(scope="module")
def form_page(browser: Browser, kinerja_server: KinerjaServer) -> Page:
    """The Formulir opened the way a user does: landing page, then its card's link."""
    ctx = make_offline_context(browser)
    page = ctx.new_page()
    page.goto(kinerja_server.base_url + "/")
    page.locator(f".kinerja-kartu[data-notebook='{FORMULIR}'] a.buka").click()
    wait_form_loaded(page)
    yield page
    ctx.close()


@pytest.fixture(scope="module")
def second_page(browser: Browser, kinerja_server: KinerjaServer) -> Page:
    """A second browser context on the Formulir; its load is only started here (the test that
    first asks for it lets the load overlap its own work)."""
    ctx = make_offline_context(browser)
    page = ctx.new_page()
    page.goto(kinerja_server.form_url, wait_until="commit")
    yield page
    ctx.close()


# --------------------------------------------------------------------------- tests


def test_landing_page_lists_the_four_apps(browser: Browser, kinerja_server: KinerjaServer):
    ctx: BrowserContext = make_offline_context(browser)
    page = ctx.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.goto(kinerja_server.base_url + "/", wait_until="load")

    cards = page.locator(".kinerja-kartu")
    expect(cards).to_have_count(4)
    assert cards.locator("h2").all_inner_texts() == [a.judul for a in APPS]
    available = {p.name for p in workbooks_dir().glob("*.ipynb")}
    for app in APPS:
        card = page.locator(f".kinerja-kartu[data-notebook='{app.notebook}']")
        link = card.locator("a.buka")
        if app.notebook in available:
            expect(link).to_have_attribute("href", f"/voila/render/{app.notebook}")
        else:
            expect(link).to_have_count(0)
            expect(card.locator(".segera")).to_have_text("Segera hadir")
    assert FORMULIR in available
    assert failed == []
    assert ctx.external_requests == []  # type: ignore[attr-defined]
    ctx.close()


def test_formulir_link_opens_the_form(form_page: Page, kinerja_server: KinerjaServer):
    assert form_page.url.split("?")[0] == kinerja_server.form_url
    expect(form_page.locator(".kinerja-tabs")).to_be_visible()
    expect(form_page.locator(".kinerja-periode select")).to_have_value(PERIODE)
    assert "DATA CONTOH" not in form_page.locator(".kinerja-header").inner_text()  # --db given
    assert_clean(form_page)


def test_enter_save_reload_and_see_the_values(
    form_page: Page, second_page: Page, kinerja_server: KinerjaServer, roster: Roster
):
    # second_page (used by the next test) is loading meanwhile
    page = form_page
    pair = roster.pairs(1)[0]
    who, mark = WHO, roster.last_id()
    before = roster.current(pair.rater, pair.ratee)
    scores = new_scores(pair.codes, before, shift=1)
    assert scores != before and set(scores) == set(pair.codes)

    choose(page, pair, roster)
    n_selects = page.locator("[class*='kinerja-score-'] select").count()
    assert n_selects == len(pair.codes)
    expect(page.locator(".kinerja-oleh").first).to_contain_text(who)  # the form says who saves
    enter(page, scores)
    page.locator(".kinerja-save").click()
    expect(page.locator(".kinerja-status")).to_contain_text(
        f"Tersimpan {len(scores)} nilai", timeout=KERNEL_TIMEOUT
    )
    expect(page.locator(".kinerja-status")).not_to_contain_text("belum diisi")

    saved = roster.saved_by(who, after=mark)
    assert len(saved) == len(scores)
    assert set(saved["nip_penilai"]) == {pair.rater} and set(saved["nip_dinilai"]) == {pair.ratee}
    assert set(saved["sumber"]) == {pair.sumber}
    assert dict(zip(saved["kompetensi_kode"], saved["skor"], strict=True)) == scores
    assert roster.current(pair.rater, pair.ratee) == scores
    assert_clean(page)

    page.reload(wait_until="commit")
    wait_form_loaded(page)
    choose(page, pair, roster)  # waits until the score rows show the stored values …
    shown = dict(
        zip(
            pair.codes,
            page.locator("[class*='kinerja-score-'] select").evaluate_all(
                "els => els.map((s) => s.value)"
            ),
            strict=True,
        )
    )
    assert shown == {c: str(v) for c, v in scores.items()}  # … which are the ones just saved
    expect(page.locator(".kinerja-status")).to_contain_text("Penilaian ini sudah ada")
    expect(page.locator(".kinerja-riwayat")).to_contain_text(who)
    assert_clean(page)


def test_two_browsers_saving_at_once_lose_nothing(
    form_page: Page, second_page: Page, roster: Roster
):
    other = second_page  # another browser context: its own cookies and its own kernel
    assert other.context is not form_page.context
    first, second = roster.pairs(3)[1:]
    scores = {
        "a": new_scores(first.codes, roster.current(first.rater, first.ratee), shift=2),
        "b": new_scores(second.codes, roster.current(second.rater, second.ratee), shift=3),
    }
    choose(form_page, first, roster)
    enter(form_page, scores["a"])
    wait_form_loaded(other)
    choose(other, second, roster)
    enter(other, scores["b"])

    total, mark = roster.count(), roster.last_id()
    form_page.locator(".kinerja-save").click()
    other.locator(".kinerja-save").click()
    for page, key in ((form_page, "a"), (other, "b")):
        expect(page.locator(".kinerja-status")).to_contain_text(
            f"Tersimpan {len(scores[key])} nilai", timeout=KERNEL_TIMEOUT
        )
    assert roster.count() == total + len(scores["a"]) + len(scores["b"])
    saved = roster.saved_by(WHO, after=mark)
    for pair, key in ((first, "a"), (second, "b")):
        mine = (saved["nip_penilai"] == pair.rater) & (saved["nip_dinilai"] == pair.ratee)
        assert int(mine.sum()) == len(scores[key])
    assert roster.current(first.rater, first.ratee) == scores["a"]
    assert roster.current(second.rater, second.ratee) == scores["b"]
    assert_clean(form_page)
    assert_clean(other)


def test_saving_unchanged_values_stores_nothing_and_says_so(form_page: Page, roster: Roster):
    page = form_page
    pair = roster.pairs(1)[0]  # saved by the first test: the form opens the stored values
    choose(page, pair, roster)
    total = roster.count()
    page.locator(".kinerja-save").click()
    expect(page.locator(".kinerja-status")).to_contain_text(
        "Tidak ada perubahan; tidak ada yang disimpan.", timeout=KERNEL_TIMEOUT
    )
    assert roster.count() == total
    assert_clean(page)


def test_public_mode_refuses_an_employee_nip_as_respondent_id(form_page: Page, roster: Roster):
    """Issue 12: a respondent id equal to the ratee's NIP replaced their self-assessment."""
    page = form_page
    page.locator(".kinerja-mode button", has_text="Masyarakat").click()
    expect(page.locator(".kinerja-responden input")).to_be_visible(timeout=KERNEL_TIMEOUT)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.kinerja-ratee select option')]"
        ".some((o) => o.selected)",
        timeout=KERNEL_TIMEOUT,
    )
    label = page.locator(".kinerja-ratee select").evaluate("(s) => s.options[s.selectedIndex].text")
    nip = re.findall(r"\d{18}", label)[-1]  # "nama — nip" (the page shows no-break spaces)
    assert nip in set(roster.pegawai["nip"])
    total = roster.count()
    page.locator(".kinerja-responden input").fill(nip)
    page.locator(".kinerja-responden input").press("Enter")
    expect(page.locator(".kinerja-status")).to_contain_text(
        "adalah NIP pegawai", timeout=KERNEL_TIMEOUT
    )
    shown = page.locator("[class*='kinerja-score-'] select").evaluate_all(
        "els => els.map((s) => s.value)"
    )
    assert roster.current(nip, nip)  # the employee has a self-assessment …
    assert set(shown) == {""}  # … which is not shown: no score is selected
    first = page.locator("[class*='kinerja-score-'] select").first
    first.select_option(value="1")
    page.locator(".kinerja-save").click()
    # the kernel answers in order: once the mode switch is answered, the save was handled
    page.locator(".kinerja-mode button", has_text="Pegawai").click()
    expect(page.locator(".kinerja-rater select")).to_be_visible(timeout=KERNEL_TIMEOUT)
    assert roster.count() == total
    assert_clean(page)


def test_no_broken_links_on_the_landing_page(browser: Browser, kinerja_server: KinerjaServer):
    """Last on purpose: a GET of a workbook URL starts a kernel that runs it.  Voilà sends the
    status before executing, so only the status line is read."""
    ctx = make_offline_context(browser)
    page = ctx.new_page()
    page.goto(kinerja_server.base_url + "/")
    hrefs = page.locator("a[href]").evaluate_all("els => els.map((a) => a.getAttribute('href'))")
    ctx.close()
    links = [h for h in hrefs if not h.startswith("data:")]
    assert f"/voila/render/{FORMULIR}" in links
    for href in links:
        assert href.startswith("/voila/render/"), href
        assert (workbooks_dir() / Path(href).name).is_file(), href
        status, _ = http_get(kinerja_server.port, href, timeout=60, body=False)
        assert status == 200, href
    assert http_get(kinerja_server.port, "/voila/render/tidak_ada.ipynb", timeout=60)[0] == 404


# --------------------------------------------------------------------------- display (DESIGN §11)

WIB_TIME = r"\d\d-\d\d-\d{4} \d\d:\d\d WIB"


def stored_saves(roster: Roster, pair: Pair) -> list[tuple[str, str]]:
    """(who, time as people read it) of every save of the pair's rating, oldest first."""
    with sqlite3.connect(roster.db_path) as con:
        rows = con.execute(
            "SELECT oleh, waktu, min(id) FROM penilaian WHERE periode=? AND nip_penilai=?"
            " AND nip_dinilai=? GROUP BY oleh, waktu ORDER BY min(id)",
            (PERIODE, pair.rater, pair.ratee),
        ).fetchall()
    return [(str(who), fmt_time(when)) for who, when, _ in rows]


def table_cells(page: Page, selector: str) -> list[list[str]]:
    return page.locator(f"{selector} tbody tr").evaluate_all(
        "rows => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.innerText.trim()))"
    )


def test_save_history_and_message_show_wib_times(form_page: Page, roster: Roster):
    page = form_page
    pair = roster.pairs(1)[0]
    choose(page, pair, roster)
    scores = new_scores(pair.codes, roster.current(pair.rater, pair.ratee), shift=4)
    enter(page, scores)
    page.locator(".kinerja-save").click()
    status = page.locator(".kinerja-status")
    expect(status).to_contain_text(f"Tersimpan {len(scores)} nilai", timeout=KERNEL_TIMEOUT)
    assert re.search(r"pada \d\d-\d\d-\d{4} \d\d:\d\d:\d\d WIB", status.inner_text())
    history = page.locator(".kinerja-riwayat-simpan")
    expect(history).to_contain_text(WHO, timeout=KERNEL_TIMEOUT)
    head = history.locator("th").all_inner_texts()
    assert [h.strip() for h in head] == ["Petugas", "Waktu", "Jumlah nilai"]
    expected = stored_saves(roster, pair)
    # the history is refreshed before the saved message: it already holds this save
    assert history.locator("tbody tr").count() == len(expected)
    rows = table_cells(page, ".kinerja-riwayat-simpan")
    assert all(re.fullmatch(WIB_TIME, r[1]) for r in rows), rows  # never '2026-…+00:00'
    assert [(r[0], r[1]) for r in rows] == expected  # the stored UTC, in WIB
    assert_clean(page)


def test_completion_monitor_numbers_use_decimal_commas(form_page: Page, roster: Roster):
    page = form_page
    pair = roster.pairs(1)[0]  # the previous test left its unit chosen in the entry tab
    assert page.locator(".kinerja-unit select").input_value() == pair.unit
    page.locator(".kinerja-tabs .lm-TabBar-tab", has_text="Kelengkapan").click()
    page.locator(".kinerja-kelengkapan-perbarui").click()
    summary = page.locator(".kinerja-kelengkapan-ringkas table")
    expect(summary).to_contain_text(pair.unit, timeout=KERNEL_TIMEOUT)
    cells = [c for row in table_cells(page, ".kinerja-kelengkapan-ringkas") for c in row]
    cells += [c for row in table_cells(page, ".kinerja-kelengkapan") for c in row]
    assert not [c for c in cells if re.search(r"\d\.\d", c)]  # no decimal point anywhere
    assert [c for c in cells if re.fullmatch(r"\d+,\d %", c)]  # the share: one decimal, comma
    assert not [c for c in cells if c in {"rekan", "atasan", "bawahan", "diri", "sebagian"}]
    page.locator(".kinerja-tabs .lm-TabBar-tab", has_text="Entri penilaian").click()
    assert_clean(page)


def test_no_tab_title_toggle_button_or_label_is_cut_off(form_page: Page):
    """'Masyarakat (respon…' and tab titles with an ellipsis: every one shows its whole text."""
    page = form_page
    selectors = ".kinerja-mode button, .kinerja-tabs .lm-TabBar-tab, .kinerja-formulir label"
    cut = page.locator(selectors).evaluate_all(
        "els => els.filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)"
        ".map((e) => e.innerText)"
    )
    texts = page.locator(".kinerja-mode button").all_inner_texts()
    assert "Masyarakat (responden)" in [t.strip() for t in texts]
    assert cut == []
