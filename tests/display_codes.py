"""Internal codes that people must never read in an app or a PDF (DESIGN §11: labels, not codes).

:data:`INTERNAL_CODES` holds every vocabulary code and every column name of
the data contract and the stored results that has an underscore
(``di_atas``, ``butuh_perbaikan``, ``min_jumlah``, ``kompetensi_kode``,
``jp_kumulatif`` …): a word of that shape on a page is a code that slipped
through.  Codes without an underscore (``maks``, ``ok``) are ordinary words
too, so tests of the views that show them check those cells directly.
CSV outputs keep the codes: they are the machine contract.
"""

from __future__ import annotations

import re
from enum import StrEnum
from html import unescape

import ipywidgets as w

from kinerja import vocab
from kinerja.calibration import ADJUSTMENT_COLUMNS, DISTRIBUTION_COLUMNS, RATER_COLUMNS
from kinerja.contracts import TABLE_COLUMNS
from kinerja.scoring import COMPETENCY_COLUMNS, SUMMARY_COLUMNS

#: Column names of frames the apps build for their tables (not in a contract).
VIEW_COLUMNS = (
    "jp_kumulatif",
    "pelatihan_nama",
    "jumlah_awal",
    "n_melanggar",
    "skor_prioritas",
    "sd_dalam",
    "sd_antar",
    "porsi_tiga",
    "n_penilaian",
    "rata_rata",
    "kompetensi_terbesar",
    "n_dinilai",
    "old_value",
    "new_value",
    "bobot_baru",
    "n_predikat_berubah",
    "n_kotak_berubah",
    "n_pegawai",
)


def _codes() -> frozenset[str]:
    enums = [v for v in vars(vocab).values() if isinstance(v, type) and issubclass(v, StrEnum)]
    values = {m.value for e in enums if e is not StrEnum for m in e}
    columns = {c for req, opt in TABLE_COLUMNS.values() for c in (*req, *opt)}
    columns |= {
        *COMPETENCY_COLUMNS,
        *SUMMARY_COLUMNS,
        *RATER_COLUMNS,
        *DISTRIBUTION_COLUMNS,
        *ADJUSTMENT_COLUMNS,
        *VIEW_COLUMNS,
    }
    return frozenset(c for c in values | columns if "_" in c)


INTERNAL_CODES: frozenset[str] = _codes()

_WORD = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
_TAG = re.compile(r"<[^>]*>")


def codes_in(text: str) -> list[str]:
    """The internal codes that stand as words in ``text`` (HTML tags and attributes ignored).

    ``butuh_perbaikan+kurang_misconduct`` yields both of its codes.
    """
    plain = unescape(_TAG.sub(" ", re.sub(r"<style.*?</style>", " ", text, flags=re.S)))
    return sorted({m for m in _WORD.findall(plain) if m in INTERNAL_CODES})


def shown_text(widget: w.Widget) -> str:
    """Every text a widget tree shows: HTML values, dropdown choices, button captions."""
    parts: list[str] = []
    if isinstance(widget, w.HTML):
        parts.append(widget.value)
    if isinstance(widget, w.Dropdown | w.SelectMultiple):
        parts += [str(o[0] if isinstance(o, tuple) else o) for o in widget.options]
    if isinstance(widget, w.Button | w.ToggleButton):
        parts.append(widget.description)
    for child in getattr(widget, "children", ()):
        parts.append(shown_text(child))
    return "\n".join(parts)
