"""The workbooks' apps when their store cannot be opened (DESIGN.md §7, §10).

A workbook builds its app with ``App.from_env(DB)`` outside any guarded
callback; a store that cannot be opened or read must show its one Indonesian
line in the app's error banner, never a traceback in the page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kinerja.errors import StorageError
from kinerja.store import ENV_DB_TIMEOUT, sqlite_url
from kinerja.ui import FormulirApp, KalibrasiApp, ProfilApp
from kinerja.ui.common import StoreUnavailable, download_link, open_app
from tests.store_fixtures import small_store

APPS = [FormulirApp, KalibrasiApp, ProfilApp]


def banner_text(view: object) -> str:
    assert isinstance(view, StoreUnavailable)
    return str(view.status.value)


@pytest.mark.parametrize("app", APPS, ids=lambda a: a.__name__)
def test_an_app_whose_sqlite_folder_does_not_exist_shows_the_message_in_its_banner(app):
    view = app.from_env("sqlite:////tidak/ada/folder/kinerja.sqlite")
    text = banner_text(view)
    assert "Berkas basis data tidak dapat dibuka" in text
    assert "kinerja-msg-error" in text
    assert "Traceback" not in text and "sqlite3" not in text
    assert isinstance(view.error, StorageError) and view.error.kind == "cantopen"


@pytest.mark.parametrize("app", APPS, ids=lambda a: a.__name__)
def test_an_app_on_a_file_that_is_not_a_database_shows_the_message_in_its_banner(tmp_path, app):
    path = tmp_path / "bukan.sqlite"
    path.write_bytes(b"bukan basis data " * 500)
    text = banner_text(app.from_env(sqlite_url(path)))
    assert "bukan basis data kinerja" in text


def test_an_unusable_kinerja_db_shows_the_message_in_the_banner(monkeypatch):
    monkeypatch.setenv("KINERJA_DB", "tidakada://server/kinerja")
    text = banner_text(FormulirApp.from_env())
    assert "URL basis data tidak dapat dipakai" in text


def test_an_invalid_lock_wait_shows_the_message_in_the_banner(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DB_TIMEOUT, "lama")
    text = banner_text(KalibrasiApp.from_env(sqlite_url(tmp_path / "baru.sqlite")))
    assert ENV_DB_TIMEOUT in text and "lama" in text


def test_the_banner_escapes_the_message(tmp_path):
    def refused(_store: object, _demo: bool) -> object:
        raise StorageError("missing", detail="<b>x</b>.sqlite")

    view = open_app(refused, sqlite_url(tmp_path / "baru.sqlite"), css_class="kinerja-formulir")
    text = banner_text(view)
    assert "&lt;b&gt;x&lt;/b&gt;.sqlite" in text and "<b>x</b>" not in text
    assert "kinerja-formulir" in view._dom_classes


def test_an_app_on_a_good_store_is_built_as_before(tmp_path):
    store = small_store(tmp_path)
    app = FormulirApp.from_env(store.url)
    assert isinstance(app, FormulirApp)
    assert app.store.url == store.url


def test_an_error_of_the_code_is_not_hidden_behind_the_banner(tmp_path):
    def broken(_store: object, _demo: bool) -> object:
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        open_app(broken, sqlite_url(tmp_path / "baru.sqlite"), css_class="kinerja-formulir")


def test_a_workbook_on_a_store_that_cannot_be_opened_shows_no_traceback(tmp_path, monkeypatch):
    """The real workbook, run as Voilà runs it: no cell ends in an error output."""
    nbclient = pytest.importorskip("nbclient")
    nbformat = pytest.importorskip("nbformat")
    monkeypatch.setenv("KINERJA_DB", "sqlite:////tidak/ada/folder/kinerja.sqlite")
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[1]))
    workbook = Path(__file__).resolve().parents[1] / "workbooks" / "formulir_penilaian.ipynb"
    nb = nbformat.read(workbook, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert all(out.output_type != "error" for out in outputs)
    shown = " ".join(str(out.get("data", {}).get("text/plain", "")) for out in outputs)
    assert "StoreUnavailable" in shown


def test_tables_show_decimal_commas_and_two_decimals():
    import pandas as pd

    from kinerja.ui.common import html_table

    page = html_table(pd.DataFrame({"skor": [3.5, -0.25, float("nan")], "n": [1, 2, 3]}))
    assert "3,50" in page and "-0,25" in page and "–" in page
    assert "3.50" not in page and "0.25" not in page


def test_the_app_header_repeats_no_subtitle_and_keeps_labels_whole(tmp_path):
    """The workbook's markdown cell says what the page is for; the app adds only the style
    rules (no label, tab title or toggle button cut off) and the sample-data banner."""
    store = small_store(tmp_path)
    for app in (FormulirApp(store, demo=True), ProfilApp(store)):
        top = app.children[0]
        assert "kinerja-header" in top._dom_classes
        text = re.sub(r"<style>.*?</style>", "", top.value, flags=re.S)
        assert "DATA CONTOH" in text if app.__class__ is FormulirApp else text == ""
        assert "text-overflow:clip" in top.value and "lm-TabBar-tab" in top.value
    store.dispose()


def test_download_links_look_like_something_to_click():
    link = download_link(b"x", "a.xlsx", "Unduh")
    assert "class='kinerja-download'" in link
    assert "text-decoration:underline" in link and "color:#0b57a4" in link
    assert "download='a.xlsx'" in link and "Unduh" in link
