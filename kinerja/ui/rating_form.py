"""Pieces of the rating form that more than one view draws (the HR form, "Penilaian saya"):
the 1–5 score choices, the CSS class of a score input, the reference data with the
level titles and behaviour indicators shown beside each score, and the rows of score inputs.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import ipywidgets as w
import pandas as pd

from kinerja import reference, roster
from kinerja.labels import formulir as text
from kinerja.store import Store

SCORE_OPTIONS: list[tuple[str, int | None]] = [("–", None)] + [(str(i), i) for i in range(1, 6)]


def css_code(kode: str) -> str:
    """``M.01`` -> ``M01`` (the CSS class suffix of a score input)."""
    return kode.replace(".", "")


class ReferenceData:
    """What the form needs from the store for every ratee, loaded once per app.

    The job standards and the competency dictionary (small tables), never
    the roster: people are read by search and by key.
    """

    def __init__(self, store: Store):
        self.standar, self.kompetensi = roster.reference_tables(store)
        self.levels = reference.competency_levels()
        self.indicators = reference.berakhlak_indicators()

    def guidance(self, kode: str, standar: Any) -> str:
        """Level titles (M/SK) or behaviour indicators (BerAKHLAK) as HTML."""
        items: Iterable[object]
        if kode.startswith("B."):
            items = self.indicators.loc[self.indicators["kode"] == kode, "indikator"]
            title = text.GUIDE_BERAKHLAK
        else:
            lv = self.levels.loc[self.levels["kode"] == kode]
            items = [text.GUIDE_LEVEL.format(level=r.level, judul=r.judul) for r in lv.itertuples()]
            title = (
                text.GUIDE_STANDARD.format(level=standar)
                if pd.notna(standar)
                else text.GUIDE_LEVELS
            )
        lis = "".join(f"<li>{html.escape(str(i))}</li>" for i in items)
        if not lis:
            return f"<span class='kinerja-muted'>{html.escape(title)}</span>"
        return (
            f"<details><summary style='color:#555'>{html.escape(title)}</summary>"
            f"<ul style='margin:2px 0 2px 16px'>{lis}</ul></details>"
        )


def score_rows(
    competencies: pd.DataFrame, ref: ReferenceData, *, disabled: bool = False
) -> tuple[list[w.HBox], dict[str, w.Dropdown]]:
    """One row per competency to rate (code and name, a 1–5 score input, the guidance),
    and the score inputs by competency code.

    ``competencies``: ``kompetensi_kode, nama, standar``
    (:func:`kinerja.entry.competencies_to_rate`).
    """
    rows, inputs = [], {}
    c: Any  # itertuples fields are typed as the full Scalar union
    for c in competencies.itertuples():
        box = w.Dropdown(options=SCORE_OPTIONS, value=None, layout=w.Layout(width="70px"))
        box.add_class(f"kinerja-score-{css_code(c.kompetensi_kode)}")
        box.disabled = disabled
        inputs[c.kompetensi_kode] = box
        label = w.HTML(
            f"<b>{html.escape(c.kompetensi_kode)}</b> {html.escape(str(c.nama))}",
            layout=w.Layout(width="300px"),
        )
        rows.append(w.HBox([label, box, w.HTML(ref.guidance(c.kompetensi_kode, c.standar))]))
    return rows, inputs
