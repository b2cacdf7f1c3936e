"""A widget class of the apps names one widget per page: the browser tests and people's
scripts find a control by its class (``.kinerja-unit select``), so two controls with
the same class on one page make that lookup ambiguous.  And Formulir's Penugasan tab
shows words, not internal codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import ipywidgets as w
import pytest

from kinerja import task_store as ts
from kinerja.access import Access
from kinerja.accounts import add_account, get_account
from kinerja.ui.formulir import FormulirApp
from tests.display_codes import codes_in, shown_text
from tests.store_fixtures import SMALL_UNIT, small_store

PASSWORD = "Merapi-Sore-2026"
#: Classes that name one control of a page (not styling classes shared on purpose).
CONTROL_CLASSES = (
    "kinerja-unit",
    "kinerja-periode",
    "kinerja-rater",
    "kinerja-ratee",
    "kinerja-save",
    "kinerja-status",
)


def widgets(root: w.Widget) -> Iterator[w.Widget]:
    yield root
    for child in getattr(root, "children", ()):
        yield from widgets(child)


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = small_store(tmp_path)
    add_account(s, "sri", "petugas", password=PASSWORD, who="hr", units=[SMALL_UNIT])
    ts.generate(s, "2026", who="hr")
    yield s
    s.dispose()


def test_formulir_for_hr_staff_has_one_widget_per_control_class(store):
    app = FormulirApp(store, access=Access(store, get_account(store, "sri")))
    assert app.tasks.monitor_box.children  # the Penugasan monitor is on the page
    found = Counter(c for x in widgets(app) for c in x._dom_classes if c in CONTROL_CLASSES)
    assert {c: found[c] for c in CONTROL_CLASSES if found[c] != 1} == {}


def test_the_penugasan_tab_shows_no_internal_code(store):
    """The tab's help names the sheet's columns in words (DESIGN §11), not as codes."""
    app = FormulirApp(store, access=Access(store, get_account(store, "sri")))
    assert codes_in(shown_text(app.tasks)) == []
