"""Shared pieces of the widget apps: opening the store, banners, HTML tables, downloads."""

from __future__ import annotations

import base64
import functools
import html
import os
import traceback
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as w
import pandas as pd

from kinerja.access import AccessDenied
from kinerja.errors import KinerjaError
from kinerja.labels import fmt
from kinerja.labels.akses import HEAD as REFUSED_HEAD
from kinerja.labels.apps import ALL_UNITS as ALL_UNITS  # the apps' "every unit" choice
from kinerja.labels.apps import MORE_ROWS, SAMPLE_NOTICE, UNEXPECTED_ERROR
from kinerja.labels.times import now_local
from kinerja.paths import sample_data_dir
from kinerja.store import ENV_DB, Store
from kinerja.ui.style import APP_CSS

#: Set by ``kinerja serve`` when the store is the demo store seeded from sample data.
ENV_DEMO = "KINERJA_DEMO"

WIB = timezone(timedelta(hours=7), "WIB")

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

SAMPLE_BANNER = (
    "<div class='kinerja-demo' style='background:#fff3cd;border:1px solid #e0b100;"
    f"padding:6px 10px;border-radius:4px;margin:4px 0'>{SAMPLE_NOTICE}</div>"
)


def demo_db_path() -> Path:
    """Where the demo store lives: ``$XDG_DATA_HOME/kinerja/demo.sqlite``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kinerja" / "demo.sqlite"


def open_demo_store(path: Path | None = None) -> Store:
    """The demo store, seeded from the bundled sample data on first use."""
    from kinerja.loaders import load_dataset

    path = path or demo_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(str(path))
    if store.is_empty():
        store.import_dataset(
            load_dataset(sample_data_dir()), who="kinerja (data contoh)", source="sample_data"
        )
    return store


def open_store(url: str | None = None) -> tuple[Store, bool]:
    """The store the apps use and whether it is the demo (sample-data) store.

    ``url`` (a notebook parameter) or ``KINERJA_DB`` names the database;
    without either the demo store is used.  ``KINERJA_DEMO=1`` (set by
    ``kinerja serve``) marks a configured store as the demo store.
    """
    url = url or os.environ.get(ENV_DB)
    demo = os.environ.get(ENV_DEMO, "") == "1"
    if url:
        return Store(url), demo
    return open_demo_store(), True


class StoreUnavailable(w.VBox):
    """What a workbook shows instead of its app when the store cannot be opened or read.

    ``status`` is the app's error banner holding the one Indonesian line of
    the error (locked, missing, unreachable, unusable URL …), so Voilà shows
    no traceback; ``error`` is the error itself.
    """

    def __init__(self, error: KinerjaError, *, css_class: str):
        self.error = error
        self.status = w.HTML(message(html.escape(str(error)), "error"))
        super().__init__([self.status])
        self.add_class("kinerja-store-error")
        self.add_class(css_class)


class Refusal(w.VBox):
    """What a page shows instead of its app when the account may not use it (DESIGN §9).

    Nothing of the store beyond the account was read.  ``status`` holds the
    Indonesian reason; ``error`` is the :class:`kinerja.access.AccessDenied`.
    """

    def __init__(self, error: AccessDenied, *, css_class: str):
        self.error = error
        self.status = w.HTML(
            message(f"<b>{REFUSED_HEAD}</b>: {html.escape(str(error))}", "error")
        ).add_class("kinerja-status")
        super().__init__([self.status])
        self.add_class("kinerja-ditolak")
        self.add_class(css_class)


AppT = TypeVar("AppT", bound=w.Widget)


def open_app(
    build: Callable[[Store, bool], AppT], url: str | None = None, *, css_class: str
) -> AppT | StoreUnavailable | Refusal:
    """``build(store, demo)`` on the store of :func:`open_store`; a :class:`KinerjaError`
    while opening the store or building the app gives a :class:`StoreUnavailable` view,
    an account refused by the app (:class:`kinerja.access.AccessDenied`) a :class:`Refusal`.

    The workbooks call this (through each app's ``from_env``) outside any
    guarded callback: without it a store that cannot be opened would show a
    traceback in the page.
    """
    store: Store | None = None
    try:
        store, demo = open_store(url)
        return build(store, demo)
    except AccessDenied as exc:
        if store is not None:
            store.dispose()
        return Refusal(exc, css_class=css_class)
    except KinerjaError as exc:
        if store is not None:
            store.dispose()
        return StoreUnavailable(exc, css_class=css_class)


def now_wib() -> datetime:
    """Current time in the display zone (WIB unless ``KINERJA_TZ`` says otherwise)."""
    return now_local()


def message(text: str, kind: str = "info") -> str:
    """A coloured message box (``info``, ``ok``, ``error``, ``warning``)."""
    colours = {
        "info": ("#e7f1ff", "#3d7bd9"),
        "ok": ("#e6f4ea", "#2e7d32"),
        "error": ("#fdecea", "#c62828"),
        "warning": ("#fff3cd", "#e0b100"),
    }
    bg, border = colours.get(kind, colours["info"])
    return (
        f"<div class='kinerja-msg kinerja-msg-{kind}' style='background:{bg};border-left:4px solid "
        f"{border};padding:6px 10px;margin:4px 0'>{text}</div>"
    )


def html_table(
    frame: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    max_rows: int = 500,
    css_class: str = "kinerja-table",
) -> str:
    """An escaped HTML table of a frame (at most ``max_rows`` rows, the rest counted)."""
    labels = labels or {}
    cols = list(frame.columns)
    head = "".join(f"<th>{html.escape(str(labels.get(c, c)))}</th>" for c in cols)
    body = []
    for row in frame.head(max_rows).itertuples(index=False, name=None):
        cells = "".join(f"<td>{_fmt(v)}</td>" for v in row)
        body.append(f"<tr>{cells}</tr>")
    more = ""
    if len(frame) > max_rows:
        more = f"<p>{MORE_ROWS.format(n=len(frame) - max_rows)}</p>"
    style = (
        "<style>.kinerja-table{border-collapse:collapse;font-size:13px}"
        ".kinerja-table th,.kinerja-table td{border:1px solid #ccc;padding:3px 6px;text-align:left}"
        ".kinerja-table th{background:#f2f2f2}</style>"
    )
    return (
        f"{style}<table class='{css_class}'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>{more}"
    )


def _fmt(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, float):
        return fmt(value)  # DESIGN §11: decimal comma, two decimals
    return html.escape(str(value))


#: How a download link looks: a light button with the link colour, underlined, so it reads
#: as something to click (class ``kinerja-download``; contrast of #0b57a4 on #eef4fb > 6:1).
DOWNLOAD_STYLE = (
    "display:inline-block;margin:4px 0;padding:4px 10px;border:1px solid #0b57a4;"
    "border-radius:4px;background:#eef4fb;color:#0b57a4;text-decoration:underline;"
    "font-weight:600;cursor:pointer"
)


def download_link(data: bytes, filename: str, text: str, *, mime: str = XLSX_MIME) -> str:
    """An HTML link styled as a button that downloads ``data`` as ``filename``
    (no server round trip)."""
    b64 = base64.b64encode(data).decode("ascii")
    return (
        f"<a class='kinerja-download' style='{DOWNLOAD_STYLE}' download='{html.escape(filename)}' "
        f"href='data:{mime};base64,{b64}'>&#11015; {html.escape(text)}</a>"
    )


def guarded(status: w.HTML) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a widget callback so an exception shows in ``status`` instead of vanishing.

    In Voilà an uncaught callback exception is invisible to the user.
    """

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - shown to the user, logged below
                traceback.print_exc()
                text = (
                    str(exc)
                    if isinstance(exc, KinerjaError)
                    else UNEXPECTED_ERROR.format(error=html.escape(type(exc).__name__))
                )
                status.value = message(
                    html.escape(text) if isinstance(exc, KinerjaError) else text, "error"
                )
                return None

        return wrapper

    return decorate


#: The app classes the page-wide rules below apply to.
_APPS = ":is(.kinerja-formulir,.kinerja-profil,.kinerja-kalibrasi,.kinerja-lokakarya)"

#: Page-wide rules of the apps: no label, tab title or toggle button is ever cut off
#: (ipywidgets gives them fixed widths with an ellipsis); short labels keep the usual
#: width, so forms stay aligned.
APP_STYLE = (
    "<style>"
    f"{_APPS} :is(.jupyter-widget-inline-hbox,.widget-inline-hbox) "
    ":is(.jupyter-widget-label,.widget-label){width:auto;"
    "min-width:var(--jp-widgets-inline-label-width);max-width:none;overflow:visible;"
    "text-overflow:clip;white-space:nowrap}"
    f"{_APPS} .jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab{{flex:0 0 auto;"
    "max-width:none}"
    f"{_APPS} .jupyter-widget-tab .lm-TabBar-tabLabel{{overflow:visible;text-overflow:clip}}"
    f"{_APPS} :is(.jupyter-widget-toggle-buttons,.widget-toggle-buttons) "
    ":is(.jupyter-widget-toggle-button,.widget-toggle-button){width:auto;"
    "min-width:var(--jp-widgets-inline-width-tiny);padding:0 12px;overflow:visible}"
    f"{_APPS} .kinerja-download:focus{{outline:2px solid #0b57a4;outline-offset:2px}}"
    ".kinerja-ringkasan{background:#f5f8fc;border-radius:6px}"
    ".kinerja-lokakarya{--jp-widgets-inline-label-width:112px}"  # its sliders stay aligned
    "</style>"
)


def header(*, demo: bool) -> w.HTML:
    """The app's top: the apps' stylesheet (:data:`APP_CSS`), the page-wide style rules
    and, when ``demo``, the sample-data banner.

    The workbook's markdown cell carries the title and says what the page is
    for; the app repeats neither.
    """
    banner = SAMPLE_BANNER if demo else ""
    return w.HTML(APP_CSS + APP_STYLE + banner).add_class("kinerja-header")
