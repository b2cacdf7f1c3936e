"""Profil Kompetensi (``kinerja.ui.profil``) driven as plain widgets: no kernel, no browser.

Outside a kernel, ``app.choose(nip)`` (or setting ``app.employee.value`` to one of
the listed matches) runs ``show`` synchronously and
``Button.click()`` runs the handlers (TECH.md §6); every panel is an ``HTML``
widget, so the tests read ``.value``.  Stores:

- the sample data (one shared store; a store of its own for the calibration tests,
  which add an adjustment with ``Store.add_adjustment``);
- the hand-made ratee with two peers of ``tests.test_profile`` (anonymity);
- the four-employee unit of ``tests.store_fixtures`` with a training catalogue (unit PDF).
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

import ipywidgets as w
import pandas as pd
import pypdf
import pytest

from kinerja import pipeline, results
from kinerja.labels import JPM_CATEGORY, PREDIKAT, RATING, fmt
from kinerja.loaders import load_dataset
from kinerja.profile import format_nip
from kinerja.store import Store, sqlite_url
from kinerja.ui.profil import MATCH_LIMIT, ProfilApp, query_nip
from kinerja.vocab import JpmCategory, Predikat, Rating
from tests.store_fixtures import (
    SMALL_UNIT,
    STAF_A,
    copy_sample_folder,
    read_csv_text,
    sample_dataset,
    sample_store,
    write_csv_text,
    write_folder,
)
from tests.test_profile import (
    COMMENT_ATASAN,
    COMMENT_BAWAHAN,
    PEER1,
    PEER2,
    PUBLIC,
    RATEE,
    RATER_NAMES,
    SECRET,
    anon_tables,
    rich_sample_nip,
    sample_profile,
    sample_scores,
    small_tables_with_catalogue,
)

PERIODE = "2025"
REASON = "Capaian SKP melampaui target (notulen rapat 12/2025)"
WHO = "Tim Kalibrasi BKPSDM"


# --------------------------------------------------------------------------- helpers


def html_values(widget: w.Widget) -> list[str]:
    """The ``value`` of every HTML widget under ``widget`` (accordion included)."""
    out: list[str] = []
    if isinstance(widget, w.HTML):
        out.append(widget.value)
    for child in getattr(widget, "children", ()):
        out += html_values(child)
    return out


def without_svg(text: str) -> str:
    return re.sub(r"<svg.*?</svg>", "", text, flags=re.S)


def matrix(summary_html: str) -> tuple[list[str], list[tuple[str, list[tuple[str, bool]]]]]:
    """The predikat matrix: column headers, and per row its header and (cell text, highlighted)."""
    table = re.search(
        r"<table class='kinerja-table kinerja-matriks'>(.*?)</table>", summary_html, re.S
    )
    assert table, "no predikat matrix"
    head, body = table.group(1).split("</thead>")
    cols = [html.unescape(c) for c in re.findall(r"<th>(.*?)</th>", head)][1:]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        header = html.unescape(re.search(r"<th>(.*?)</th>", tr).group(1))
        cells = [
            (html.unescape(t), "kinerja-matriks-sel" in attrs)
            for attrs, t in re.findall(r"<td([^>]*)>(.*?)</td>", tr)
        ]
        rows.append((header, cells))
    return cols, rows


def highlighted(summary_html: str) -> list[tuple[str, str, str]]:
    """(row header, column header, cell text) of every highlighted cell."""
    cols, rows = matrix(summary_html)
    return [(r, cols[i], text) for r, cells in rows for i, (text, hit) in enumerate(cells) if hit]


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def link_pdf(download_html: str) -> tuple[str, bytes]:
    m = re.search(r"download='([^']+)' href='data:application/pdf;base64,([^']+)'", download_html)
    assert m, download_html[:200]
    return m.group(1), base64.b64decode(m.group(2))


def import_store(path: Path, tables: dict) -> Store:
    store = Store(sqlite_url(path.with_suffix(".sqlite")))
    store.import_dataset(load_dataset(write_folder(path, tables)), who="penguji")
    return store


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return sample_store(tmp_path_factory.mktemp("profil"))


@pytest.fixture(scope="module")
def app(store: Store) -> ProfilApp:
    return ProfilApp(store)


@pytest.fixture(scope="module")
def anon_app(tmp_path_factory: pytest.TempPathFactory) -> ProfilApp:
    return ProfilApp(
        import_store(tmp_path_factory.mktemp("anon") / "data", anon_tables()), nip=RATEE
    )


def rating_combos(n: int) -> list[str]:
    """Sample employees with ``n`` different (hasil kerja, perilaku) pairs."""
    r = (
        sample_scores()
        .ringkasan.dropna(subset=["rating_hasil_kerja", "rating_perilaku"])
        .sort_values("nip")
    )
    firsts = r.groupby(["rating_hasil_kerja", "rating_perilaku"])["nip"].first()
    assert len(firsts) >= n
    return list(firsts.iloc[:n])


# --------------------------------------------------------------------------- every panel


def test_the_header_card_on_top_holds_who_predikat_jpm_box_and_the_pdf_buttons(app: ProfilApp):
    app.choose(rich_sample_nip())
    card = app.card
    assert "kinerja-ringkasan" in card._dom_classes and card.layout.display is None
    panels = list(app.children)
    first_profile_panel = min(
        panels.index(p) for p in panels if p is card or p in (app.calibration, app.chart_competency)
    )
    assert panels[first_profile_panel] is card  # the card comes before every detail
    inside = [card.children[0], card.children[1], *card.children[2].children, card.children[3]]
    assert inside == [app.identity, app.summary, app.pdf, app.pdf_unit, app.progress, app.download]
    assert "kinerja-predikat-nilai" in app.summary.value and "kinerja-jpm" in app.summary.value
    assert "Kotak " in app.summary.value
    assert "kinerja-matriks" not in app.summary.value and "kinerja-matriks" in app.matrix.value


def test_choosing_an_employee_fills_every_panel(app: ProfilApp):
    nip = rich_sample_nip()
    app.choose(nip)
    p = sample_profile(nip)
    info = p.info
    assert app.profile is not None and app.profile.info["nip"] == nip
    assert app.status.value == ""

    ident = app.identity.value
    assert html.escape(str(info["nama"])) in ident
    assert f"<b class='kinerja-nip'>{format_nip(nip)}</b>" in ident
    for key in ("jabatan", "unit_kerja", "golongan"):
        assert html.escape(str(info[key])) in ident

    summary = app.summary.value
    assert (
        f"<b class='kinerja-predikat-nilai'>{PREDIKAT[Predikat(info['predikat'])]}</b>" in summary
    )
    jpm = f"{fmt(info['jpm'], 1)} % ({JPM_CATEGORY[JpmCategory(info['kategori_jpm'])]})"
    assert f"<b class='kinerja-jpm'>{jpm}</b>" in summary
    assert f"Kotak {int(info['kotak'])}: {html.escape(info['rekomendasi'])}" in summary
    assert "dikalibrasi" not in summary and app.calibration.value == ""

    for panel in (app.chart_competency, app.chart_berakhlak, app.chart_sources):
        assert panel.value.lstrip().startswith("<svg") and "</svg>" in panel.value
    assert set(app.last_charts) == {"kompetensi", "berakhlak", "sumber"}

    for code in p.competencies["kompetensi_kode"]:
        assert f"<td>{code}</td>" in app.table.value
    for sentence in p.strengths + p.development_areas:
        assert f"<li>{html.escape(sentence)}</li>" in app.strengths.value
    assert f"<b class='kinerja-total-jp'>{fmt(p.plan_jp, 0)} JP</b>" in app.plan.value
    assert "hak minimal 20 JP" in app.plan.value
    for name in p.plan["pelatihan_nama"].dropna():
        assert html.escape(name) in app.plan.value
    for step, text in p.explanation:
        assert f"<b>{html.escape(step)}</b><br>{html.escape(text)}" in app.explanation.value
    assert f"= {fmt(info['jpm'], 1)} %" in app.explanation.value
    for comment in p.comments:
        assert f"<li>{html.escape(comment)}</li>" in app.comments.value
    assert "Dirahasiakan" in app.chart_sources.value  # the rich employee has a withheld source


@pytest.mark.parametrize("index", range(3))
def test_predikat_matrix_highlights_exactly_the_employees_cell(app: ProfilApp, index: int):
    nip = rating_combos(3)[index]
    app.choose(nip)
    info = sample_profile(nip).info
    want = (
        RATING[Rating(info["rating_hasil_kerja"])],
        RATING[Rating(info["rating_perilaku"])],
        PREDIKAT[Predikat(info["predikat"])],
    )
    assert highlighted(app.matrix.value) == [want]


def test_choosing_another_employee_replaces_every_panel(app: ProfilApp):
    first, second = rating_combos(2)  # different rating pairs, so the summaries differ too
    panels = ("identity", "summary", "chart_competency", "chart_berakhlak", "table", "explanation")
    app.choose(first)
    before = {k: getattr(app, k).value for k in panels}
    app.choose(second)
    assert app.profile.info["nip"] == second
    assert format_nip(second) in app.identity.value and format_nip(first) not in app.identity.value
    assert html.escape(sample_profile(second).info["nama"]) in app.identity.value
    assert [k for k in panels if getattr(app, k).value in ("", before[k])] == []


def test_plan_total_is_compared_with_the_20_jp_entitlement(app: ProfilApp):
    r = sample_scores().ringkasan.sort_values("nip")
    below = above = None
    for nip in r["nip"]:
        jp = sample_profile(nip).plan_jp
        if 0 < jp < 20 and below is None:
            below = nip
        if jp >= 20 and above is None:
            above = nip
        if below and above:
            break
    assert below and above, "sample data should have plans on both sides of 20 JP"
    app.choose(below)
    assert "(belum terpenuhi)" in app.plan.value
    app.choose(above)
    assert "(terpenuhi)" in app.plan.value


# --------------------------------------------------------------------------- calibration


def test_calibrated_values_are_marked_dikalibrasi_with_the_reason(tmp_path: Path):
    r = sample_scores().ringkasan
    cand = r.loc[
        (r["rating_hasil_kerja"] == "sesuai") & (r["rating_perilaku"] == "di_atas")
    ].sort_values("nip")
    nip = cand["nip"].iloc[0]
    store = sample_store(tmp_path)
    store.add_adjustment(
        periode=PERIODE,
        nip=nip,
        field="rating_hasil_kerja",
        new_value="di_atas",
        reason=REASON,
        who=WHO,
    )
    app = ProfilApp(store, nip=nip)
    assert app.employee.value == nip
    summary = app.summary.value
    assert (
        "<b class='kinerja-predikat-nilai'>Sangat Baik</b>" in summary
    )  # sesuai x di_atas was Baik
    assert "class='kinerja-dikalibrasi'" in summary and ">dikalibrasi</span>" in summary
    assert highlighted(app.matrix.value) == [
        ("Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik")
    ]
    cal = app.calibration.value
    assert "Dikalibrasi" in cal and html.escape(REASON) in cal and html.escape(WHO) in cal
    assert "Sesuai Ekspektasi → <b>Di Atas Ekspektasi</b>" in cal
    assert "dikalibrasi; alasan: " + html.escape(REASON) in app.explanation.value

    other = r.loc[r["nip"] != nip, "nip"].sort_values().iloc[0]
    app.choose(other)
    assert "dikalibrasi" not in app.summary.value.lower() and app.calibration.value == ""


def test_calibrated_profile_pdf_carries_the_mark_and_the_reason(tmp_path: Path):
    nip = rating_combos(1)[0]
    store = sample_store(tmp_path)
    store.add_adjustment(
        periode=PERIODE,
        nip=nip,
        field="rating_perilaku",
        new_value="di_bawah",
        reason=REASON,
        who=WHO,
    )
    app = ProfilApp(store, nip=nip)
    app.pdf.click()
    text = re.sub(r"\s+", " ", pdf_text(link_pdf(app.download.value)[1]))
    assert "(dikalibrasi)" in text and REASON in text


# --------------------------------------------------------------------------- anonymity


def test_ratee_with_two_peers_sees_no_peer_mean_in_any_panel(anon_app: ProfilApp):
    assert anon_app.employee.value == RATEE and anon_app.status.value == ""
    text = "\n".join(without_svg(v) for v in html_values(anon_app))
    assert not re.search(r"(?<![\d.,])1[.,]50?(?!\d)", text)  # the peer mean 1.5, in any notation
    for secret in (PEER1, PEER2, PUBLIC, *RATER_NAMES, SECRET):
        assert secret not in text
    assert (
        "Dirahasiakan (kurang dari 3 penilai): Masyarakat, Rekan Sejawat"
        in anon_app.chart_sources.value
    )
    assert "<td>4,29</td>" in anon_app.table.value  # the score of the counted sources only
    assert "Rekan Sejawat" not in re.sub(
        r"<p><b>1\. Skor kompetensi.*?</p>", "", anon_app.explanation.value
    )


def test_ratee_with_two_peers_has_no_peer_group_in_the_chart_data(anon_app: ProfilApp):
    for name, chart in anon_app.last_charts.items():
        rows = [r for data in chart.to_dict()["datasets"].values() for r in data]
        assert 1.5 not in [v for r in rows for v in r.values()], name
        assert "Rekan Sejawat" not in repr(rows) and "Masyarakat" not in repr(rows), name
    source_rows = next(iter(anon_app.last_charts["sumber"].to_dict()["datasets"].values()))
    assert sorted(r["sumber"] for r in source_rows) == ["Atasan", "Bawahan"]


def test_comments_appear_unattributed_and_only_from_counted_sources(anon_app: ProfilApp):
    items = [html.unescape(t) for t in re.findall(r"<li>(.*?)</li>", anon_app.comments.value)]
    assert items == sorted([COMMENT_ATASAN, COMMENT_BAWAHAN])
    assert "(tanpa nama)" in anon_app.comments.value


def test_pdf_button_of_ratee_with_two_peers_gives_a_pdf_without_peer_mean(anon_app: ProfilApp):
    anon_app.pdf.click()
    name, data = link_pdf(anon_app.download.value)
    assert name == f"profil_{RATEE}.pdf" and anon_app.last_pdf == data
    text = pdf_text(data)
    per_source = text.split("Rata-rata per sumber penilai", 1)[1].split("Kekuatan", 1)[0]
    assert [ln for ln in per_source.splitlines() if re.search(r"\d", ln)] == [
        "Atasan 4,00",
        "Bawahan 5,00",
    ]
    assert "1,50" not in text and SECRET not in text
    assert format_nip(RATEE) in text


# --------------------------------------------------------------------------- choosing


def test_query_nip_reads_the_nip_of_the_page_address(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QUERY_STRING", "x=1&nip=196805261994012436")
    assert query_nip() == "196805261994012436"
    monkeypatch.setenv("QUERY_STRING", "x=1")
    assert query_nip() is None
    monkeypatch.delenv("QUERY_STRING")
    assert query_nip() is None


def test_from_env_opens_the_employee_named_in_the_address(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    nip = rating_combos(2)[1]
    monkeypatch.setenv("QUERY_STRING", f"nip={nip}")
    app = ProfilApp.from_env(str(store.engine.url))
    assert app.employee.value == nip and format_nip(nip) in app.identity.value
    assert "DATA CONTOH" not in html_values(app)[0]  # a configured store is not the demo store


@pytest.mark.parametrize("unknown", ["123", "199912312099121999"])
def test_unknown_nip_in_the_address_shows_the_message_and_no_profile(store: Store, unknown: str):
    app = ProfilApp(store, nip=unknown)
    assert f"NIP {unknown} tidak ditemukan" in app.status.value
    assert app.employee.value is None and app.profile is None
    # the list to choose from: the first people of the first unit (no longer everybody)
    first_unit = sorted(sample_dataset().pegawai["unit_kerja"])[0]
    assert app.unit.value == first_unit
    assert 0 < len(app.employee.options) <= MATCH_LIMIT
    assert all(label.endswith(f" · {first_unit}") for label, _ in app.employee.options)
    shown = " ".join(html_values(app)).replace(app.status.value, "")  # every panel but the message
    pegawai = sample_dataset().pegawai
    assert not [n for n in pegawai["nip"] if n in shown or format_nip(n) in shown]
    assert not [n for n in pegawai["nama"] if n in shown]
    assert "kinerja-predikat-nilai" not in shown and "<svg" not in shown
    app.pdf.click()
    assert app.download.value == ""  # no PDF of anybody
    assert app.card.layout.display == "none"  # no header card of nobody
    # choosing an employee from the list shows that employee
    nip = app.employee.options[-1][1]
    app.employee.value = nip
    assert app.profile is not None and format_nip(nip) in app.identity.value
    assert app.status.value == ""
    # and so does choosing one by NIP
    nip = rich_sample_nip()
    app.choose(nip)
    assert app.profile is not None and format_nip(nip) in app.identity.value


def test_search_narrows_the_list_by_name_or_nip(app: ProfilApp):
    nip = rich_sample_nip()
    name = sample_dataset().pegawai.set_index("nip").loc[nip, "nama"]
    app.unit.value = ""  # every unit
    try:
        app.search.value = name.split(",")[0].lower()
        assert nip in [v for _, v in app.employee.options]
        assert all(name.split(",")[0].lower() in label.lower() for label, _ in app.employee.options)
        app.search.value = nip[:12]
        assert [v for _, v in app.employee.options if v.startswith(nip[:12])] == [
            v for _, v in app.employee.options
        ]
        assert app.employee.value in [v for _, v in app.employee.options]
    finally:
        app.search.value = ""
    # no search: the first MATCH_LIMIT people, never the whole roster
    assert len(sample_dataset().pegawai) > MATCH_LIMIT
    assert len(app.employee.options) == MATCH_LIMIT and "pegawai pertama" in app.matches.value


# --------------------------------------------------------------------------- PDF buttons


def test_pdf_button_offers_the_pdf_of_the_shown_employee(app: ProfilApp):
    nip = rich_sample_nip()
    app.choose(nip)
    app.pdf.click()
    name, data = link_pdf(app.download.value)
    assert name == f"profil_{nip}.pdf" and not app.pdf.disabled
    text = pdf_text(data)
    info = sample_profile(nip).info
    assert info["nama"] in text and format_nip(nip) in text
    assert PREDIKAT[Predikat(info["predikat"])] in text and f"{fmt(info['jpm'], 1)} %" in text


def test_unit_pdf_button_covers_every_employee_and_fills_the_progress_bar(tmp_path: Path):
    store = import_store(tmp_path / "kecil", small_tables_with_catalogue())
    app = ProfilApp(store, nip=STAF_A)
    seen: list[int] = []
    app.progress.observe(lambda ch: seen.append(ch["new"]), names="value")
    app.pdf_unit.click()
    assert app.status.value == ""
    assert app.progress.max == 4 and app.progress.value == app.progress.max
    assert seen[-4:] == [1, 2, 3, 4]
    name, data = link_pdf(app.download.value)
    assert (
        name == f"profil_{SMALL_UNIT.replace(' ', '_')}.pdf" and "(4 pegawai)" in app.download.value
    )
    text = pdf_text(data)
    roster = store.dataset(PERIODE).pegawai
    for row in roster.loc[roster["unit_kerja"] == SMALL_UNIT].itertuples():
        assert row.nama in text and format_nip(row.nip) in text
    assert not app.pdf_unit.disabled


# --------------------------------------------------------------------------- search, by key


def unit_sizes() -> pd.Series:
    return sample_dataset().pegawai["unit_kerja"].value_counts()


def test_search_offers_at_most_the_limit_and_only_people_of_the_chosen_unit(app: ProfilApp):
    big = unit_sizes().index[0]
    assert unit_sizes()[big] > MATCH_LIMIT  # the sample has a unit larger than the list
    app.unit.value = big
    options = app.employee.options
    assert len(options) == MATCH_LIMIT and "pegawai pertama" in app.matches.value
    roster = sample_dataset().pegawai.set_index("nip")
    assert {roster.loc[nip, "unit_kerja"] for _, nip in options} == {big}
    assert app.profile is not None and app.profile.info["unit_kerja"] == big
    try:
        app.search.value = "a"
        in_unit = roster.loc[
            (roster["unit_kerja"] == big) & roster["nama"].str.lower().str.contains("a")
        ]
        want = in_unit.sort_values("nama").index[:MATCH_LIMIT].tolist()
        assert [nip for _, nip in app.employee.options] == want
        app.search.value = "tidak-ada-nama-seperti-ini"
        assert app.employee.options == () and app.employee.value is None
        assert app.profile is None and app.matches.value != ""
    finally:
        app.search.value = ""


def test_small_unit_lists_all_its_people_by_name(app: ProfilApp):
    small = unit_sizes().index[-1]
    app.unit.value = small
    roster = sample_dataset().pegawai
    want = roster.loc[roster["unit_kerja"] == small].sort_values(["nama", "nip"])["nip"].tolist()
    assert [nip for _, nip in app.employee.options] == want and app.matches.value == ""


def test_without_nip_the_first_person_of_the_first_unit_is_shown(store: Store):
    app = ProfilApp(store)
    roster = sample_dataset().pegawai
    first_unit = sorted(roster["unit_kerja"])[0]
    first = roster.loc[roster["unit_kerja"] == first_unit].sort_values(["nama", "nip"]).iloc[0]
    assert app.unit.value == first_unit and app.employee.value == first["nip"]
    assert app.profile is not None and app.profile.info["nip"] == first["nip"]


def test_employee_of_a_large_unit_named_in_the_address_is_in_the_list(store: Store):
    big = unit_sizes().index[0]
    roster = sample_dataset().pegawai
    last = roster.loc[roster["unit_kerja"] == big].sort_values(["nama", "nip"])["nip"].iloc[-1]
    app = ProfilApp(store, nip=last)  # beyond the first MATCH_LIMIT of the unit
    assert app.employee.value == last and app.profile.info["nip"] == last
    assert app.unit.value == big and len(app.employee.options) == MATCH_LIMIT + 1


def test_the_app_never_reads_or_scores_a_whole_period(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a whole-period read")

    read_one = Store._read_dataset

    def read_one_ratee(self: Store, conn: object, periode: str | None, **kw: object) -> object:
        if kw.get("nip") is None:
            refuse()
        return read_one(self, conn, periode, **kw)

    read_set = Store.dataset

    def dataset_of_one(self: Store, periode: str | None = None, **kw: object) -> object:
        if kw.get("nip") is None:  # only a one-ratee data set may be read
            refuse()
        return read_set(self, periode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "dataset", dataset_of_one)
    monkeypatch.setattr(Store, "periods", refuse)
    monkeypatch.setattr(Store, "ratings", refuse)
    monkeypatch.setattr(Store, "_read_dataset", read_one_ratee)
    monkeypatch.setattr(pipeline, "score_dataset", refuse)
    app = ProfilApp(store, nip=rich_sample_nip())
    assert app.profile is not None and app.status.value == ""
    app.unit.value = unit_sizes().index[-1]
    app.search.value = "a"
    app.search.value = ""
    app.employee.value = app.employee.options[-1][1]
    app.periode.value = app.periode.options[0]
    app.pdf_unit.click()
    assert app.status.value == "" and "Unduh PDF" in app.download.value


# --------------------------------------------------------------------------- history


CHANGED_BY = 1  # the 2024 scores of the changed employee are one lower (at least 1)


@pytest.fixture(scope="module")
def two_periods(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, str]:
    """The sample store plus the sample data imported again as period 2024, one employee's
    scores lowered there."""
    tmp = tmp_path_factory.mktemp("riwayat")
    store = sample_store(tmp)
    folder = copy_sample_folder(tmp / "data2024")
    nip = rich_sample_nip()
    for name in ("penilaian.csv", "hasil_kerja.csv", "unit_kerja.csv"):
        frame = read_csv_text(folder / name)
        frame["periode"] = "2024"
        if name == "penilaian.csv":
            mine = frame["nip_dinilai"] == nip
            lowered = (frame.loc[mine, "skor"].astype(int) - CHANGED_BY).clip(lower=1)
            frame.loc[mine, "skor"] = lowered.astype(str)
        write_csv_text(frame, folder / name)
    store.import_dataset(load_dataset(folder), who="penguji")
    return store, nip


def test_profile_shows_predikat_jpm_and_box_of_every_period(two_periods):
    store, nip = two_periods
    app = ProfilApp(store, nip=nip)
    assert list(app.periode.options) == ["2024", "2025"] and app.periode.value == "2025"
    rows = re.findall(r"<tr>(.*?)</tr>", app.history.value.split("</thead>")[1], re.S)
    cells = [[html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", r)] for r in rows]
    assert [c[0] for c in cells] == ["2024", "2025"]
    for row in cells:
        stored = results.employee_summary(store, row[0], nip).iloc[0]
        category = JPM_CATEGORY[JpmCategory(stored["kategori_jpm"])]
        assert row[1] == PREDIKAT[Predikat(stored["predikat"])]
        assert row[2] == f"{fmt(stored['jpm'], 1)} % ({category})"
        assert row[3] == str(int(stored["kotak"]))
    assert cells[1][1] == PREDIKAT[Predikat(app.profile.info["predikat"])]  # the period shown
    assert cells[0][2] != cells[1][2]  # lower scores in 2024: another JPM


def test_history_chart_plots_each_competency_per_period_against_the_standard(two_periods):
    store, nip = two_periods
    app = ProfilApp(store, nip=nip)
    assert app.chart_history.value.lstrip().startswith("<svg")
    spec = app.last_charts["riwayat"].to_dict()
    data = [r for rows in spec["datasets"].values() for r in rows]
    now = results.employee_competencies(store, "2025", nip).set_index("kompetensi_kode")
    before = results.employee_competencies(store, "2024", nip).set_index("kompetensi_kode")
    assert len(data) == len(now) + len(before)  # one row per bar (and per standard tick)
    got = {(r["periode"], r["kompetensi_kode"]): (r["skor"], r["standar"]) for r in data}
    for periode, frame in (("2024", before), ("2025", now)):
        for code, row in frame.iterrows():
            skor, standar = got[(periode, code)]
            assert skor == pytest.approx(row["skor"]) or (pd.isna(row["skor"]) and skor is None)
            assert standar == row["standar"] or (pd.isna(row["standar"]) and standar is None)
    lower = [c for c in now.index if pd.notna(now.loc[c, "skor"]) and now.loc[c, "skor"] > 1.5]
    assert lower and all(before.loc[c, "skor"] < now.loc[c, "skor"] for c in lower)


def test_choosing_the_earlier_period_shows_that_periods_profile(two_periods):
    store, nip = two_periods
    app = ProfilApp(store, nip=nip)
    now = app.profile.competencies.set_index("kompetensi_kode")["skor"]
    app.periode.value = "2024"
    assert app.profile.info["periode"] == "2024" and "periode 2024" in app.identity.value
    before = app.profile.competencies.set_index("kompetensi_kode")["skor"]
    stored = results.employee_competencies(store, "2024", nip).set_index("kompetensi_kode")
    assert before.to_dict() == pytest.approx(stored["skor"].to_dict(), nan_ok=True)
    assert (before.dropna() <= now.dropna()).all() and (before.dropna() < now.dropna()).any()


def test_a_single_period_shows_its_row_and_no_history_chart(app: ProfilApp):
    app.choose(rich_sample_nip())
    assert "<td>2025</td>" in app.history.value and app.chart_history.value == ""
    assert "riwayat" not in app.last_charts


def test_a_plan_row_without_training_says_so_instead_of_zero_jp(store: Store):
    from kinerja.labels.apps import PLAN_NO_TRAINING

    app = ProfilApp(store, nip="196702011990121681")  # T.13 has no training in the catalogue
    rows = [r for r in app.plan.value.split("<tr>") if "<td>T.13</td>" in r]
    assert len(rows) == 1
    assert f"<td>{PLAN_NO_TRAINING}</td>" in rows[0] and "0,00" not in rows[0]


def test_plan_lesson_hours_are_whole_numbers(app: ProfilApp):
    app.choose(rich_sample_nip())
    (_, *rows) = [r for r in app.plan.value.split("<tr>")[1:]]
    hours = [re.findall(r"<td>(.*?)</td>", r)[3] for r in rows]
    trained = [h for h in hours if h != "belum ada pelatihan di katalog"]
    assert trained and all(re.fullmatch(r"\d+", h) for h in trained), hours  # '24', not '24,00'
