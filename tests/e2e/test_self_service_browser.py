"""Self-service 360° in Chromium (issue 17, DESIGN §9–§10): a ``pegawai`` account fills its
own rating tasks in Formulir, and an HR officer follows the tasks of their unit.

The employee is chosen by query from the served store (a supervisor, direct
subordinates and peer tasks: :func:`tests.e2e.conftest.pick_self_service_rater`);
what the page must show is read from the store with the package's own queries
(:func:`kinerja.task_store.tasks_in_force`, :func:`kinerja.task_completion.unit_completion`).
The widget-level refusal of a ratee set from outside the list is
``tests/test_ui_tugas.py::test_an_out_of_scope_ratee_set_from_outside_is_refused_and_nothing_is_stored``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

from kinerja.labels import tugas as txt
from kinerja.store import Store, pegawai_table
from kinerja.task_completion import unit_completion, unit_reminders
from kinerja.task_rating import ratee_competencies
from kinerja.task_store import tasks_in_force
from tests.e2e.conftest import (
    FORMULIR,
    PASSWORD,
    SELF_USER,
    UNIT_PETUGAS,
    SelfServiceServer,
    make_offline_context,
)

pytestmark = pytest.mark.e2e

LOAD_TIMEOUT = 180_000  # ms: a page load runs the workbook in a new kernel
KERNEL_TIMEOUT = 60_000  # ms: one widget change answered by the kernel
NBSP = "\xa0"


@pytest.fixture
def store(self_service_server: SelfServiceServer) -> Iterator[Store]:
    s = Store(f"sqlite:///{self_service_server.db_path}")
    yield s
    s.dispose()


def roster_names(store: Store) -> pd.Series:
    with store.engine.connect() as conn:
        people = pd.read_sql(pegawai_table.select(), conn)
    return people.set_index("nip")["nama"]


def open_formulir(browser: Browser, server: SelfServiceServer, username: str) -> Page:
    ctx = make_offline_context(browser)
    page = ctx.new_page()
    page.goto(server.base_url + "/", wait_until="load")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button.kinerja-masuk").click()
    expect(page.locator(".kinerja-kartu").first).to_be_visible()
    page.goto(f"{server.base_url}/voila/render/{FORMULIR}", timeout=LOAD_TIMEOUT)
    return page


def assert_clean(page: Page) -> None:
    """No traceback or error output, no uncaught page error, nothing external."""
    bad = page.locator(".jp-OutputArea-output").evaluate_all(
        "els => els.map((e) => e.innerText).filter((t) => /Traceback|Error/.test(t))"
    )
    assert bad == []
    assert page.context.page_errors == []  # type: ignore[attr-defined]
    assert page.context.external_requests == []  # type: ignore[attr-defined]


def test_an_employee_sees_exactly_their_tasks_and_saves_a_self_rating(
    browser: Browser, self_service_server: SelfServiceServer, store: Store
) -> None:
    server, nip = self_service_server, self_service_server.nip
    tasks = tasks_in_force(store, server.periode, nip_penilai=nip)
    names = roster_names(store)
    assert set(tasks["sumber"]) == {"diri", "bawahan", "atasan", "rekan"}  # the chosen one
    expected = {
        txt.RATEE_OPTION.format(nama=names[r.nip_dinilai], peran=txt.ROLE[r.sumber])
        for r in tasks.itertuples()
    }
    page = open_formulir(browser, server, SELF_USER)
    items = page.locator(".kinerja-tugas li")
    expect(items).to_have_count(len(tasks), timeout=LOAD_TIMEOUT)
    listed = items.all_inner_texts()
    # each item is "nama — peran · status": exactly one item per task
    assert {item.rsplit(" · ", 1)[0] for item in listed} == expected
    # a dropdown's labels come with no-break spaces (ipywidgets)
    options = page.locator(".kinerja-ratee select option").all_inner_texts()
    assert sorted(o.replace(NBSP, " ") for o in options) == sorted(expected)

    # nobody outside the tasks is named anywhere in the page (options and hidden text included)
    text = (page.locator("body").text_content() or "").replace(NBSP, " ")
    inside = {names[n] for n in tasks["nip_dinilai"]}
    others = [
        n
        for n in names.drop(tasks["nip_dinilai"]).unique()
        if not any(n in m or m in n for m in inside)
    ]
    assert len(others) > 100
    assert [n for n in others if n in text] == []

    # the anonymity promise is shown, above the task list and the form
    promise = page.locator(".kinerja-janji")
    expect(promise).to_be_visible()
    expect(promise).to_contain_text("dirahasiakan")
    above = page.evaluate(
        """() => {
          const y = (s) => document.querySelector(s).getBoundingClientRect().top;
          const top = y('.kinerja-janji');
          return top < y('.kinerja-tugas') && top < y('.kinerja-ratee');
        }"""
    )
    assert above

    # the self task: every score filled, then saved
    mine = txt.RATEE_OPTION.format(nama=names[nip], peran=txt.ROLE["diri"])
    self_item = page.locator(".kinerja-tugas li", has_text=names[nip])
    expect(self_item).to_have_attribute("data-status", "belum")  # no self-rating stored yet
    page.locator(".kinerja-ratee select").select_option(label=mine.replace(" ", NBSP))
    codes = list(ratee_competencies(store, nip)["kompetensi_kode"])
    selects = page.locator(".kinerja-scores select")
    expect(selects).to_have_count(len(codes), timeout=KERNEL_TIMEOUT)
    scores = {code: 3 + i % 2 for i, code in enumerate(codes)}
    for code, value in scores.items():
        box = page.locator(f".kinerja-score-{code.replace('.', '')} select")
        box.select_option(label=str(value))
        expect(box).to_have_value(str(value))
    page.locator(".kinerja-save").click()
    expect(page.locator(".kinerja-status")).to_contain_text("Tersimpan", timeout=KERNEL_TIMEOUT)
    # the list now counts the self task as done
    expect(self_item).to_have_attribute("data-status", "selesai", timeout=KERNEL_TIMEOUT)
    assert_clean(page)
    page.context.close()

    saved = store.ratings(server.periode, nip_dinilai=nip, nip_penilai=nip)
    assert dict(zip(saved["kompetensi_kode"], saved["skor"].astype(int), strict=True)) == scores
    assert set(saved["sumber"]) == {"diri"}
    assert set(saved["oleh"]) == {SELF_USER}


def test_an_hr_officer_follows_only_their_units_tasks(
    browser: Browser, self_service_server: SelfServiceServer, store: Store
) -> None:
    server = self_service_server
    page = open_formulir(browser, server, UNIT_PETUGAS)
    tab = page.locator(".kinerja-tabs .lm-TabBar-tab", has_text="Penugasan")
    expect(tab).to_be_visible(timeout=LOAD_TIMEOUT)
    tab.click()
    monitor = page.locator(".kinerja-penugasan")
    expect(monitor).to_be_visible(timeout=KERNEL_TIMEOUT)
    units = monitor.locator(".kinerja-tugas-unit select option").all_inner_texts()
    assert [u.replace(NBSP, " ") for u in units] == [server.unit]
    expect(page.locator(".kinerja-tugas-buat")).to_have_count(0)  # generating is the admin's

    status = unit_completion(store, server.periode, server.unit)
    counts = status["status"].value_counts()
    summary = txt.MONITOR_SUMMARY.format(
        periode=server.periode,
        unit=server.unit,
        n=len(status),
        **{k: int(counts.get(k, 0)) for k in ("selesai", "sebagian", "belum")},
    )
    assert len(status) > 0
    expect(monitor.locator(".kinerja-tugas-ringkas")).to_have_text(summary)
    open_raters = unit_reminders(store, server.periode, server.unit)
    assert len(open_raters) > 0
    rows = monitor.locator(".kinerja-tugas-pengingat tbody tr")
    expect(rows).to_have_count(len(open_raters))
    expect(monitor.locator(".kinerja-tugas-unduh a")).to_have_count(2)
    assert_clean(page)
    page.context.close()
