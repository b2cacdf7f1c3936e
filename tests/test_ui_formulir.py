"""Formulir Penilaian (``kinerja.ui.formulir``) driven as plain widgets: no kernel, no browser.

Outside a kernel, setting a widget value fires its observers synchronously and
``Button.click()`` runs the handlers (TECH.md §6), so each test types into the
form, clicks, and looks at the store and at the status HTML.

Most tests use the small store of ``tests/store_fixtures.py`` (Dinas Uji: the
head ``KEPALA`` and three Pelaksana ``STAF_A..C`` reporting to KEPALA; KEPALA
has rated each Pelaksana as ``atasan`` with 3 on M.01, SK.01 and B.01–B.07,
and STAF_A has rated KEPALA as ``bawahan`` on M.01).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kinerja import roster
from kinerja.entry import rating_targets
from kinerja.results import search_employees
from kinerja.store import Store, current_user, sqlite_url
from kinerja.ui.formulir import (
    ALL_UNITS,
    MAX_MATCHES,
    MODE_EMPLOYEE,
    MODE_PUBLIC,
    FormulirApp,
)
from kinerja.ui.rating_form import css_code
from tests.store_fixtures import (
    BERAKHLAK,
    KEPALA,
    SMALL_UNIT,
    STAF_A,
    STAF_B,
    STAF_C,
    sample_store,
    small_store,
    small_tables,
    table_dump,
)

PERIODE = "2025"
PELAKSANA_CODES = ["M.01", "SK.01", *BERAKHLAK]  # the small set's Pelaksana standard + BerAKHLAK
KEPALA_CODES = ["M.01", *BERAKHLAK]
PETUGAS = current_user()  # open mode (no accounts): the records name the OS user


# --------------------------------------------------------------------------- helpers


class _Tables(HTMLParser):
    """Every ``<table>`` of an HTML fragment as a list of rows of cell texts (header first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._cell is not None:
            self._cell.append(data)


def tables_in(fragment: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(fragment)
    return parser.tables


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", fragment, flags=re.S))


def download_bytes(fragment: str) -> tuple[str, bytes]:
    """(file name, decoded bytes) of the first data-URL download link in ``fragment``."""
    m = re.search(r"download='([^']+)' href='data:[^;]+;base64,([^']+)'", fragment)
    assert m, fragment[:300]
    return m.group(1), base64.b64decode(m.group(2))


def ratee_options(app: FormulirApp) -> list[tuple[str, str]]:
    return [value for _, value in app.entry.ratee.options]


def fill(app: FormulirApp, scores: dict[str, int], *, note: str = "") -> None:
    e = app.entry
    for code, value in scores.items():
        e.score_inputs[code].value = value
    e.comment.value = note


def choose(app: FormulirApp, rater: str, ratee: str, sumber: str) -> None:
    app.entry.rater.value = rater
    app.entry.ratee.value = (ratee, sumber)


def current(store: Store, rater: str, ratee: str) -> dict[str, int]:
    got = store.ratings(PERIODE, nip_dinilai=ratee, nip_penilai=rater)
    return dict(zip(got["kompetensi_kode"], got["skor"].astype(int), strict=True))


def upload(app: FormulirApp, files: dict[str, bytes]) -> None:
    """Put files into the FileUpload widget as the browser would, then press the button."""
    now = dt.datetime.now(dt.UTC)
    app.importer.upload.value = tuple(
        {
            "name": name,
            "type": "",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": now,
        }
        for name, data in files.items()
    )
    app.importer.run.click()


def csv_files(tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    return {
        f"{name}.csv": frame.to_csv(index=False).encode("utf-8") for name, frame in tables.items()
    }


def xlsx_file(tables: dict[str, pd.DataFrame]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, frame in tables.items():
        ws = wb.create_sheet(name)
        ws.append(list(frame.columns))
        for r in frame.itertuples(index=False):
            ws.append([str(v) for v in r])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small data set imported once; each test gets a copy of the file."""
    template = small_store(tmp_path_factory.mktemp("formulir-db"))
    template.dispose()  # checkpoints the WAL into the file
    return Path(template.engine.url.database)


@pytest.fixture
def store(tmp_path: Path, small_db: Path) -> Store:
    target = tmp_path / "formulir.sqlite"
    shutil.copyfile(small_db, target)
    s = Store(sqlite_url(target))
    yield s
    s.dispose()


@pytest.fixture
def app(store: Store) -> FormulirApp:
    return FormulirApp(store)


# --------------------------------------------------------------------------- layout and defaults


def test_app_has_four_tabs_and_css_hooks(app: FormulirApp):
    assert [app.tabs.get_title(i) for i in range(4)] == [
        "Entri penilaian",
        "Kelengkapan",
        "Penugasan",
        "Impor data",
    ]
    e = app.entry
    assert e.periode.options == (PERIODE,) and e.periode.value == PERIODE
    assert e.unit.options == (ALL_UNITS, SMALL_UNIT)
    assert "kinerja-save" in e.save._dom_classes and "kinerja-status" in e.status._dom_classes
    assert "kinerja-oleh" in e.who._dom_classes and PETUGAS in text_of(e.who.value)
    # the first rater (by name) is chosen and the first target opened: KEPALA rates himself
    assert e.rater.value == KEPALA
    assert e.ratee.value == (KEPALA, "diri")
    assert list(e.score_inputs) == KEPALA_CODES
    for code, box in e.score_inputs.items():
        assert f"kinerja-score-{css_code(code)}" in box._dom_classes
        assert box.value is None
    assert "data-sumber='diri'" in e.source.value
    assert "DATA CONTOH" not in app.children[0].value  # a configured store is not the demo


# --------------------------------------------------------------------------- save


def test_fill_save_and_find_it_in_the_store(app: FormulirApp, store: Store):
    e = app.entry
    choose(app, KEPALA, KEPALA, "diri")
    scores = dict(zip(KEPALA_CODES, [5, 4, 3, 2, 1, 2, 3, 4], strict=True))
    fill(app, scores, note="Penilaian diri akhir tahun")
    e.save.click()

    assert "Tersimpan 8 nilai" in e.status.value and "kinerja-msg-ok" in e.status.value
    assert "belum diisi" not in e.status.value
    got = store.ratings(PERIODE, nip_dinilai=KEPALA, nip_penilai=KEPALA)
    assert current(store, KEPALA, KEPALA) == scores
    assert set(got["sumber"]) == {"diri"}
    assert set(got["oleh"]) == {PETUGAS}
    assert set(got["catatan"]) == {"Penilaian diri akhir tahun"}
    assert "Riwayat penyimpanan" in e.history.value and PETUGAS in e.history.value
    assert not e.save.disabled


def test_partial_save_counts_what_is_missing(app: FormulirApp, store: Store):
    e = app.entry
    choose(app, STAF_A, STAF_A, "diri")
    fill(app, {"M.01": 2, "B.01": 4})
    e.save.click()
    assert "Tersimpan 2 nilai" in e.status.value and "(7 kompetensi belum diisi)" in e.status.value
    assert current(store, STAF_A, STAF_A) == {"M.01": 2, "B.01": 4}


def test_incomplete_form_is_refused_and_kept(app, store):
    e = app.entry
    choose(app, KEPALA, KEPALA, "diri")
    before = table_dump(store)
    fill(app, {}, note="catatan saya")
    e.save.click()
    assert "Isi minimal satu skor" in e.status.value and "kinerja-msg-error" in e.status.value
    assert table_dump(store) == before
    assert not any(b.value is not None for b in e.score_inputs.values())
    assert e.comment.value == "catatan saya"


def test_invalid_entry_shows_the_problem_stores_nothing_and_keeps_the_input(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    """The roster the form shows can be ahead of the store (e.g. read before an import was
    rolled back): the save is validated against the *stored* roster, every problem is
    listed, nothing is written and what was typed stays in the inputs."""
    ghost = "198001012010011001"  # a well-formed NIP that the store does not know
    read_circle = roster.rater_circle

    def circle_with_ghost(s: Store, nip: str) -> pd.DataFrame:
        people = read_circle(s, nip)
        extra = people.loc[people["nip"] == STAF_B].assign(nip=ghost, nama="Belum Terdaftar")
        return pd.concat([people, extra], ignore_index=True)

    monkeypatch.setattr(roster, "rater_circle", circle_with_ghost)
    app = FormulirApp(store)
    e = app.entry
    choose(app, KEPALA, ghost, "atasan")
    scores = dict.fromkeys(PELAKSANA_CODES, 4)
    fill(app, scores, note="perlu dicek")
    before = table_dump(store)
    e.save.click()

    assert "Tidak disimpan" in e.status.value and "kinerja-msg-error" in e.status.value
    (problems,) = tables_in(e.status.value)
    assert problems[0] == ["Berkas", "Baris", "Kolom", "Nilai", "Masalah"]
    assert len(problems) - 1 == len(PELAKSANA_CODES)  # one problem per row typed
    assert {r[2] for r in problems[1:]} == {"nip_dinilai"}
    assert {r[3] for r in problems[1:]} == {ghost}
    assert all("tidak ada di daftar pegawai" in r[4] for r in problems[1:])
    assert table_dump(store) == before
    assert {k: b.value for k, b in e.score_inputs.items()} == scores
    assert e.comment.value == "perlu dicek"
    assert not e.save.disabled


def test_unexpected_error_is_shown_and_the_input_kept(app: FormulirApp, store, monkeypatch):
    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(store, "save_ratings", boom)
    e = app.entry
    choose(app, KEPALA, KEPALA, "diri")
    fill(app, {"M.01": 3})
    e.save.click()
    assert "Terjadi kesalahan tak terduga: RuntimeError" in e.status.value
    assert e.score_inputs["M.01"].value == 3
    assert not e.save.disabled  # re-enabled by the finally block


# --------------------------------------------------------------------------- who rates whom


def test_head_rates_self_and_direct_subordinates(app: FormulirApp):
    app.entry.rater.value = KEPALA
    assert ratee_options(app) == [
        (KEPALA, "diri"),
        (STAF_B, "atasan"),
        (STAF_A, "atasan"),
        (STAF_C, "atasan"),
    ]  # self first, then by name: Staf Dua, Staf Satu, Staf Tiga


def test_staff_rates_self_supervisor_and_peers(app: FormulirApp):
    app.entry.rater.value = STAF_A
    assert ratee_options(app) == [
        (STAF_A, "diri"),
        (KEPALA, "bawahan"),
        (STAF_B, "rekan"),
        (STAF_C, "rekan"),
    ]
    labels = [label for label, _ in app.entry.ratee.options]
    assert "sumber: Bawahan" in labels[1] and "sumber: Rekan Sejawat" in labels[2]
    app.entry.ratee.value = (KEPALA, "bawahan")
    assert "data-sumber='bawahan'" in app.entry.source.value
    assert list(app.entry.score_inputs) == KEPALA_CODES  # the ratee's standard, not the rater's
    app.entry.ratee.value = (STAF_B, "rekan")
    assert list(app.entry.score_inputs) == PELAKSANA_CODES


def test_ratee_choices_match_the_hierarchy_on_sample_data(tmp_path: Path):
    store = sample_store(tmp_path)
    app = FormulirApp(store)
    pegawai = store.dataset().pegawai  # the whole roster, read by the test only
    heads = pegawai.loc[pegawai["nip"].isin(pegawai["nip_atasan"])]
    for nip in [*heads["nip"].head(3), pegawai["nip"].iloc[-1]]:
        app.entry.search.value = nip  # the rater list holds the matches only
        app.entry.rater.value = nip
        want = rating_targets(pegawai, nip)
        assert ratee_options(app) == list(zip(want["nip_dinilai"], want["sumber"], strict=True))
        assert ratee_options(app)[0] == (nip, "diri")
    store.dispose()


def test_unit_and_search_narrow_the_raters(app: FormulirApp):
    e = app.entry
    e.unit.value = SMALL_UNIT
    assert len(e.rater.options) == 4
    e.search.value = "tiga"
    assert [v for _, v in e.rater.options] == [STAF_C] and e.rater.value == STAF_C
    assert ratee_options(app)[0] == (STAF_C, "diri")
    e.search.value = KEPALA[:8]
    assert [v for _, v in e.rater.options] == [KEPALA]
    e.search.value = "tidak ada orang ini"
    assert e.rater.options == () and e.rater.value is None
    assert e.ratee.options == () and e.score_inputs == {} and e.scores_box.children == ()
    e.search.value = ""
    assert len(e.rater.options) == 4


def test_public_feedback_is_entered_under_a_respondent_id(app: FormulirApp, store: Store):
    e = app.entry
    e.mode.value = MODE_PUBLIC
    assert e.respondent.layout.display is None and e.rater.layout.display == "none"
    assert ratee_options(app) == [
        (KEPALA, "masyarakat"),
        (STAF_B, "masyarakat"),
        (STAF_A, "masyarakat"),
        (STAF_C, "masyarakat"),
    ]
    e.ratee.value = (STAF_A, "masyarakat")
    fill(app, {"B.01": 5, "B.02": 4})
    before = table_dump(store)
    e.save.click()  # no respondent id yet
    assert "Isi id responden" in e.status.value and table_dump(store) == before

    e.respondent.value = "R-UJI-0001"  # opening (no rating yet) clears the inputs
    fill(app, {"B.01": 5, "B.02": 4})
    e.save.click()
    assert "Tersimpan 2 nilai" in e.status.value
    got = store.ratings(PERIODE, nip_penilai="R-UJI-0001")
    assert set(got["sumber"]) == {"masyarakat"} and set(got["nip_dinilai"]) == {STAF_A}
    assert current(store, "R-UJI-0001", STAF_A) == {"B.01": 5, "B.02": 4}

    # the same respondent again opens the stored values; another respondent starts empty
    e.respondent.value = "R-UJI-0002"
    assert all(b.value is None for b in e.score_inputs.values())
    e.respondent.value = "R-UJI-0001"
    assert e.score_inputs["B.01"].value == 5 and e.score_inputs["B.02"].value == 4

    e.mode.value = MODE_EMPLOYEE
    assert e.rater.layout.display is None and e.respondent.layout.display == "none"
    assert ratee_options(app)[0] == (e.rater.value, "diri")


# --------------------------------------------------------------------------- existing ratings


def test_opening_an_existing_rating_shows_its_values(app: FormulirApp):
    e = app.entry
    choose(app, KEPALA, STAF_A, "atasan")
    assert list(e.score_inputs) == PELAKSANA_CODES
    assert {k: b.value for k, b in e.score_inputs.items()} == dict.fromkeys(PELAKSANA_CODES, 3)
    assert "Penilaian ini sudah ada (9 nilai, terakhir oleh penguji)" in text_of(e.status.value)
    (hist,) = tables_in(e.history.value)
    assert hist[0] == ["Petugas", "Waktu", "Jumlah nilai"]
    assert [r[0] for r in hist[1:]] == ["penguji"] and hist[1][2] == "9"
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d WIB", hist[1][1])  # DESIGN §11
    # a partial existing rating: STAF_A rated KEPALA on M.01 only
    choose(app, STAF_A, KEPALA, "bawahan")
    assert {k: b.value for k, b in e.score_inputs.items() if b.value is not None} == {"M.01": 4}


def test_switching_ratee_clears_the_previous_message(app: FormulirApp):
    """Regression: the 'already rated' notice of one ratee stayed under the next one."""
    e = app.entry
    choose(app, KEPALA, STAF_A, "atasan")
    assert "sudah ada" in e.status.value
    e.ratee.value = (KEPALA, "diri")  # nothing stored for this pair
    assert e.status.value == "" and e.history.value == ""
    assert all(b.value is None for b in e.score_inputs.values())


def test_saving_again_supersedes_and_keeps_the_history(app: FormulirApp, store: Store):
    e = app.entry
    choose(app, KEPALA, STAF_A, "atasan")
    e.score_inputs["M.01"].value = 5
    e.score_inputs["B.07"].value = 2
    e.save.click()
    # only what changed is stored (issue 12: not another full set of rows)
    assert "Tersimpan 2 nilai (7 lainnya tidak berubah)" in e.status.value

    want = {**dict.fromkeys(PELAKSANA_CODES, 3), "M.01": 5, "B.07": 2}
    assert current(store, KEPALA, STAF_A) == want
    hist = store.rating_history(periode=PERIODE, nip_dinilai=STAF_A, nip_penilai=KEPALA)
    assert len(hist) == len(PELAKSANA_CODES) + 2
    m01 = hist.loc[hist["kompetensi_kode"] == "M.01"].sort_values("id")
    assert list(m01["skor"]) == [3, 5] and list(m01["oleh"]) == ["penguji", PETUGAS]
    (versions,) = tables_in(e.history.value)
    assert [r[0] for r in versions[1:]] == ["penguji", PETUGAS]

    # reopening shows the superseding values
    e.ratee.value = (STAF_B, "atasan")
    e.ratee.value = (STAF_A, "atasan")
    assert {k: b.value for k, b in e.score_inputs.items()} == want
    assert f"terakhir oleh {PETUGAS}" in text_of(e.status.value)


def test_clearing_a_stored_score_withdraws_it_and_keeps_the_history(app: FormulirApp, store: Store):
    e = app.entry
    choose(app, KEPALA, STAF_A, "atasan")
    assert e.score_inputs["M.01"].value == 3  # the stored rating is shown
    e.score_inputs["M.01"].value = None
    e.save.click()
    assert "1 nilai lama dihapus (M.01)" in text_of(e.status.value)
    assert "M.01" not in current(store, KEPALA, STAF_A)
    hist = store.rating_history(periode=PERIODE, nip_dinilai=STAF_A, nip_penilai=KEPALA)
    m01 = hist.loc[hist["kompetensi_kode"] == "M.01"].sort_values("id")
    assert list(m01["dihapus"].astype(bool)) == [False, True] and m01["skor"].iloc[0] == 3
    e.ratee.value = (STAF_B, "atasan")
    e.ratee.value = (STAF_A, "atasan")
    assert e.score_inputs["M.01"].value is None


def test_typing_a_new_respondent_id_keeps_the_typed_scores(app: FormulirApp, store: Store):
    e = app.entry
    e.mode.value = MODE_PUBLIC
    e.ratee.value = (STAF_A, "masyarakat")
    fill(app, {"B.01": 4})
    e.respondent.value = "R-BARU-0009"  # nothing stored for this respondent yet
    assert e.score_inputs["B.01"].value == 4


# ------------------------------------------------- ratings that would replace each other (issue 12)


def test_public_mode_refuses_an_employee_nip_as_respondent_id_and_shows_nothing_of_theirs(
    app: FormulirApp, store: Store
):
    # the reproduction: STAF_A's self-assessment was replaced through public mode
    own = pd.DataFrame(
        {"periode": PERIODE, "nip_dinilai": STAF_A, "nip_penilai": STAF_A, "sumber": "diri",
         "kompetensi_kode": ["B.01", "B.02"], "skor": [5, 5]}
    )  # fmt: skip
    store.save_ratings(own, who="penguji")
    before = table_dump(store)
    e = app.entry
    e.mode.value = MODE_PUBLIC
    e.ratee.value = (STAF_A, "masyarakat")
    e.respondent.value = STAF_A
    assert "adalah NIP pegawai" in text_of(e.status.value) and "kinerja-msg-error" in e.status.value
    assert all(b.value is None for b in e.score_inputs.values())  # the self-assessment not shown
    fill(app, {"B.01": 1, "B.02": 1})
    e.save.click()
    assert "adalah NIP pegawai" in text_of(e.status.value)
    assert table_dump(store) == before
    assert current(store, STAF_A, STAF_A) == {"B.01": 5, "B.02": 5}


def test_saving_unchanged_values_stores_nothing_and_says_so(app: FormulirApp, store: Store):
    e = app.entry
    choose(app, KEPALA, STAF_A, "atasan")  # opens the stored 3s
    before = table_dump(store)
    e.save.click()
    assert "Tidak ada perubahan; tidak ada yang disimpan." in text_of(e.status.value)
    assert "kinerja-msg-ok" not in e.status.value
    assert table_dump(store) == before


def _staf_a_rated_staf_b_as_atasan(store: Store) -> None:
    rows = pd.DataFrame(
        {"periode": PERIODE, "nip_dinilai": STAF_B, "nip_penilai": STAF_A, "sumber": "atasan",
         "kompetensi_kode": ["M.01", "SK.01", "B.01"], "skor": [2, 3, 4]}
    )  # fmt: skip
    store.save_ratings(rows, who="penguji")


def test_a_rating_stored_under_another_source_is_changed_only_by_a_source_correction(
    app: FormulirApp, store: Store
):
    _staf_a_rated_staf_b_as_atasan(store)
    e = app.entry
    assert e.correct_source.layout.display == "none"
    choose(app, STAF_A, STAF_B, "rekan")  # the hierarchy makes STAF_A a peer of STAF_B
    assert "bersumber 'Atasan', bukan 'Rekan Sejawat'" in text_of(e.status.value)  # labels
    assert e.correct_source.layout.display is None and e.correct_source.value is False
    assert "kinerja-koreksi-sumber" in e.correct_source._dom_classes
    e.score_inputs["M.01"].value = 5
    before = table_dump(store)
    e.save.click()
    assert "Tidak disimpan" in e.status.value and "koreksi sumber" in text_of(e.status.value)
    assert table_dump(store) == before

    e.correct_source.value = True
    e.save.click()
    assert "Tersimpan 3 nilai" in text_of(e.status.value)
    got = store.ratings(PERIODE, nip_dinilai=STAF_B, nip_penilai=STAF_A)
    assert set(got["sumber"]) == {"rekan"} and set(got["oleh"]) == {PETUGAS}
    assert current(store, STAF_A, STAF_B) == {"M.01": 5, "SK.01": 3, "B.01": 4}
    hist = store.rating_history(periode=PERIODE, nip_dinilai=STAF_B, nip_penilai=STAF_A)
    assert hist["sumber"].tolist() == ["atasan"] * 3 + ["rekan"] * 3
    assert e.correct_source.layout.display == "none" and e.correct_source.value is False


def test_the_source_correction_box_is_unticked_on_every_other_rating(app: FormulirApp, store):
    _staf_a_rated_staf_b_as_atasan(store)
    e = app.entry
    choose(app, STAF_A, STAF_B, "rekan")
    e.correct_source.value = True
    choose(app, STAF_A, STAF_C, "rekan")
    choose(app, STAF_A, STAF_B, "rekan")
    assert e.correct_source.value is False


def test_a_source_stored_elsewhere_after_opening_offers_the_correction_on_save(
    app: FormulirApp, store: Store
):
    e = app.entry
    choose(app, STAF_A, STAF_B, "rekan")  # nothing stored yet: no correction offered
    assert e.correct_source.layout.display == "none"
    _staf_a_rated_staf_b_as_atasan(store)  # another kernel saves meanwhile
    fill(app, {"M.01": 5})
    e.save.click()
    assert "Tidak disimpan" in e.status.value
    assert e.correct_source.layout.display is None
    e.correct_source.value = True
    e.save.click()
    assert set(store.ratings(PERIODE, nip_dinilai=STAF_B, nip_penilai=STAF_A)["sumber"]) == {
        "rekan"
    }


def test_import_that_changes_a_stored_source_lists_the_row_and_stores_nothing(
    app: FormulirApp, store: Store
):
    tables = small_tables()
    p = tables["penilaian"]
    p.loc[p["nip_dinilai"].eq(KEPALA), "sumber"] = "rekan"  # stored: STAF_A as bawahan
    before = table_dump(store)
    upload(app, csv_files(tables))
    assert "Tidak ada yang disimpan" in app.importer.result.value
    (problems,) = tables_in(app.importer.result.value)
    assert [r[:4] for r in problems[1:]] == [["penilaian", "29", "sumber", "rekan"]]
    assert "sumber 'bawahan'" in problems[1][4]
    assert table_dump(store) == before
    assert (
        app.importer.progress.value == app.importer.progress.max and not app.importer.run.disabled
    )


# --------------------------------------------------------------------------- completion monitor


def test_completion_monitor_numbers(app: FormulirApp, store: Store):
    mon = app.monitor
    mon.update()
    (summary,) = tables_in(mon.summary.value)
    # expected: 4 diri + 3 atasan + 3 bawahan (pairs) + 4 rekan rows (one per ratee) = 14;
    # complete: KEPALA's three atasan ratings
    assert summary == [
        ["Unit kerja", "Penilaian diharapkan", "Lengkap", "% lengkap"],
        [SMALL_UNIT, "14", "3", "21,4 %"],
    ]
    assert "Belum lengkap: 11" in mon.table.value
    (missing,) = tables_in(mon.table.value)
    assert missing[0] == ["Penilai", "Dinilai", "Unit", "Sumber", "Diharapkan", "Terisi", "Status"]
    partial = [r for r in missing[1:] if r[6] == "Sebagian"]
    assert partial == [["Staf Satu", "Kepala Uji", SMALL_UNIT, "Bawahan", "8", "1", "Sebagian"]]
    peers = [r for r in missing[1:] if r[3] == "Rekan Sejawat"]
    assert peers and all(r[0] == "3 rekan sejawat (siapa saja)" for r in peers)
    assert "kinerja-catatan-rekan" in mon.table.value  # the note explaining peer rows

    name, data = download_bytes(mon.download.value)
    assert name == "kelengkapan_2025.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Belum lengkap", "Ringkasan"]
    sheet = wb["Belum lengkap"]
    assert sheet.max_row == 1 + 11
    assert [c.value for c in sheet[1]] == missing[0]  # Indonesian headers, not codes
    assert {c.value for c in sheet["D"][1:]} <= {
        "Atasan",
        "Bawahan",
        "Diri Sendiri",
        "Rekan Sejawat",
    }
    assert [c.value for c in wb["Ringkasan"][1]] == summary[0]

    # a complete self rating moves the numbers
    choose(app, KEPALA, KEPALA, "diri")
    fill(app, dict.fromkeys(KEPALA_CODES, 3))
    app.entry.save.click()
    mon.refresh.click()
    (summary,) = tables_in(mon.summary.value)
    assert summary[1] == [SMALL_UNIT, "14", "4", "28,6 %"]
    assert "Belum lengkap: 10" in mon.table.value


def test_completion_follows_the_unit_of_the_entry_tab(app: FormulirApp):
    app.entry.unit.value = SMALL_UNIT
    assert set(app.monitor.compute()["unit_kerja"]) == {SMALL_UNIT}
    assert len(app.monitor.compute()) == 14


# --------------------------------------------------------------------------- import tab


def test_template_download_link_is_present(app: FormulirApp):
    name, data = download_bytes(app.importer.template.value)
    assert name == "template_penilaian.xlsx"
    assert "Unduh template Excel kosong" in app.importer.template.value
    sheets = openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    assert {"pegawai", "standar_kompetensi", "penilaian"} <= set(sheets)


def test_import_valid_csv_files_are_stored(app: FormulirApp, store: Store):
    tables = small_tables()
    nxt = tables["penilaian"].assign(periode="2026", skor="4")
    tables["penilaian"] = nxt
    tables["hasil_kerja"] = tables["hasil_kerja"].assign(periode="2026")
    tables["unit_kerja"] = tables["unit_kerja"].assign(periode="2026")
    upload(app, csv_files(tables))

    res = text_of(app.importer.result.value)
    assert "Tersimpan (impor #2)" in res and f"{len(nxt)} penilaian baru" in res
    assert (
        app.importer.progress.value == app.importer.progress.max and not app.importer.run.disabled
    )
    got = store.ratings("2026")
    assert len(got) == len(nxt) and set(got["oleh"]) == {PETUGAS} and set(got["skor"]) == {4}
    # the app re-read the periods: the new one is offered, the current one kept
    assert app.entry.periode.options == ("2025", "2026") and app.entry.periode.value == "2025"
    app.entry.periode.value = "2026"
    choose(app, KEPALA, STAF_A, "atasan")
    assert {b.value for b in app.entry.score_inputs.values()} == {4}


def test_import_shows_the_stores_steps_on_a_growing_bar(app: FormulirApp):
    tables = small_tables()
    tables["penilaian"] = tables["penilaian"].assign(periode="2026")
    tables["hasil_kerja"] = tables["hasil_kerja"].assign(periode="2026")
    tables["unit_kerja"] = tables["unit_kerja"].assign(periode="2026")
    bar = app.importer.progress
    seen: list[tuple[int, str]] = []
    bar.observe(lambda change: seen.append((change["new"], app.importer.step.value)), "value")
    upload(app, csv_files(tables))
    assert "Tersimpan" in app.importer.result.value
    assert bar.value == bar.max and app.importer.step.value == "Selesai"
    values = [v for v, _ in seen]
    assert values == sorted(values) and 0 < values[0] and values[-1] == bar.max
    steps = [html.unescape(app.importer.step.value)]
    steps += [html.unescape(step) for _, step in seen]
    for name in ("Menyimpan penilaian", "Menghitung hasil periode 2026", "Selesai"):
        assert name in steps


def test_import_valid_xlsx_workbook_is_stored(app: FormulirApp, store: Store):
    tables = small_tables()
    extra = (
        tables["penilaian"]
        .iloc[[0]]
        .assign(nip_penilai=STAF_B, nip_dinilai=STAF_A, sumber="rekan", skor="5")
    )
    tables["penilaian"] = pd.concat([tables["penilaian"], extra], ignore_index=True)
    upload(app, {"Penilaian Dinas Uji.xlsx": xlsx_file(tables)})
    assert "Tersimpan" in app.importer.result.value and "1 penilaian baru" in text_of(
        app.importer.result.value
    )
    assert current(store, STAF_B, STAF_A) == {"M.01": 5}


def test_import_invalid_files_list_every_problem_and_store_nothing(app: FormulirApp, store):
    tables = small_tables()
    tables["penilaian"].loc[0, "skor"] = "7"
    tables["penilaian"].loc[2, "kompetensi_kode"] = "X.99"
    tables["pegawai"].loc[1, "nip"] = "1.97001E+17"
    before = table_dump(store)
    upload(app, csv_files(tables))

    assert "Tidak ada yang disimpan" in app.importer.result.value
    (problems,) = tables_in(app.importer.result.value)
    assert problems[0] == ["Berkas", "Baris", "Kolom", "Nilai", "Masalah"]
    rows = {(r[0], r[1], r[2]): r[4] for r in problems[1:]}
    assert "Skor harus bilangan bulat 1 sampai 5." == rows[("penilaian.csv", "2", "skor")]
    assert "kamus kompetensi" in rows[("penilaian.csv", "4", "kompetensi_kode")]
    assert "notasi ilmiah" in rows[("pegawai.csv", "3", "nip")]
    assert f"Data tidak valid: {len(problems) - 1} masalah" in app.importer.result.value
    assert table_dump(store) == before
    assert (
        app.importer.progress.value == app.importer.progress.max and not app.importer.run.disabled
    )


def test_import_needs_files(app: FormulirApp, store: Store):
    before = table_dump(store)
    app.importer.run.click()
    assert "Pilih berkas" in app.importer.result.value
    assert table_dump(store) == before


# --------------------------------------------------------------------------- store selection


def test_from_env_uses_kinerja_db_and_the_demo_flag(store: Store, monkeypatch):
    monkeypatch.setenv("KINERJA_DB", store.url)
    monkeypatch.setenv("KINERJA_DEMO", "1")
    app = FormulirApp.from_env()
    assert app.store.url == store.url and app.demo
    assert "DATA CONTOH" in app.children[0].value
    monkeypatch.setenv("KINERJA_DEMO", "0")
    explicit = FormulirApp.from_env(store.url)
    assert not explicit.demo and explicit.entry.rater.value == KEPALA


# --------------------------------------------------------------------------- reads by key


@pytest.fixture
def by_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The sample store (228 employees) where a whole-roster or whole-period read fails."""
    s = sample_store(tmp_path)
    read_ratings = s.ratings

    def whole_dataset(*args: object, **kwargs: object) -> None:
        raise AssertionError("the form read the whole data set")

    def ratings(periode=None, *, nip_dinilai=None, nip_penilai=None):  # type: ignore[no-untyped-def]
        if nip_dinilai is None or nip_penilai is None:
            raise AssertionError("the form read more than one rater's ratings of one ratee")
        return read_ratings(periode, nip_dinilai=nip_dinilai, nip_penilai=nip_penilai)

    monkeypatch.setattr(s, "dataset", whole_dataset)
    monkeypatch.setattr(s, "ratings", ratings)
    yield s
    s.dispose()


def test_the_form_never_lists_more_than_max_matches_people(by_key: Store):
    app = FormulirApp(by_key)
    e = app.entry
    n_people = len(sample_store_roster(by_key))
    assert n_people > MAX_MATCHES
    assert len(e.rater.options) == MAX_MATCHES  # every unit, no search: the first matches
    assert "yang pertama" in e.more.value
    assert "kinerja-cari" in e.search._dom_classes
    e.unit.value = e.unit.options[1]
    assert 0 < len(e.rater.options) <= MAX_MATCHES
    e.mode.value = MODE_PUBLIC
    e.unit.value = ALL_UNITS
    assert len(e.ratee.options) == MAX_MATCHES
    e.search.value = e.ratee.options[3][1][0]  # one NIP: one match
    assert len(e.ratee.options) == 1 and e.more.value == ""
    e.mode.value = MODE_EMPLOYEE
    assert len(e.rater.options) == 1 and e.ratee.value == (e.rater.value, "diri")


def test_the_monitor_reads_the_chosen_units_people_and_ratings_only(
    by_key: Store, monkeypatch: pytest.MonkeyPatch
):
    app = FormulirApp(by_key)
    units = list(app.entry.unit.options[1:])
    unit = units[1]
    read: list[str] = []
    read_unit = roster.unit_ratings

    def unit_ratings(store: Store, periode: str, u: str) -> pd.DataFrame:
        read.append(u)
        return read_unit(store, periode, u)

    monkeypatch.setattr(roster, "unit_ratings", unit_ratings)
    app.entry.unit.value = unit
    app.monitor.update()
    (summary,) = tables_in(app.monitor.summary.value)
    assert [row[0] for row in summary[1:]] == [unit] and read == [unit]
    # every unit: the monitor covers the chosen rater's unit
    app.entry.unit.value = ALL_UNITS
    rater_unit = roster.employees(by_key, [app.entry.rater.value])["unit_kerja"].iloc[0]
    app.monitor.update()
    (summary,) = tables_in(app.monitor.summary.value)
    assert [row[0] for row in summary[1:]] == [rater_unit] and read[-1] == rater_unit


def test_the_monitor_asks_for_a_unit_when_nothing_is_chosen(app: FormulirApp):
    app.entry.search.value = "tidak ada orang ini"
    app.monitor.update()
    assert "Pilih satu unit kerja" in app.monitor.summary.value
    assert app.monitor.table.value == "" and len(app.monitor.compute()) == 0


def sample_store_roster(store: Store) -> pd.DataFrame:
    """The whole roster, read by the test (the app may not)."""
    return roster.employees(store, search_employees(store, "", limit=10_000)["nip"])
