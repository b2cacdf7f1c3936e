"""View helpers more than one app draws: predikat bars, the predikat matrix, Indonesian numbers."""

from __future__ import annotations

import html

import pandas as pd

from kinerja import reference
from kinerja.labels import PREDIKAT, RATING, fmt, label
from kinerja.labels.apps import BAR_COUNTS, MATRIX_CORNER
from kinerja.vocab import Predikat, Rating

PREDIKAT_COLOURS = {
    "sangat_baik": "#1b7837",
    "baik": "#7fbf7b",
    "butuh_perbaikan": "#e3a6c9",
    "kurang_misconduct": "#d6604d",
    "sangat_kurang": "#8e0152",
}


def readable_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its decimal columns as Indonesian text (``3,00``, ``-0,50``; empty ``–``).

    DESIGN §11: decimal comma, two decimals; whole-number columns stay as they are.
    """
    floats = [c for c in frame.columns if frame[c].dtype.kind == "f"]
    if not floats:
        return frame
    return frame.assign(**{c: frame[c].map(fmt) for c in floats})


def bars_html(before: pd.DataFrame, after: pd.DataFrame) -> str:
    """Before/after predikat counts as horizontal bars (pure HTML, fast to redraw)."""
    top = max(int(before["jumlah"].max() or 0), int(after["jumlah"].max() or 0), 1)
    rows = []
    for p in Predikat:
        b = int(before.loc[before["predikat"] == p.value, "jumlah"].iloc[0])
        a = int(after.loc[after["predikat"] == p.value, "jumlah"].iloc[0])
        colour = PREDIKAT_COLOURS[p.value]
        rows.append(
            f"<tr data-predikat='{p.value}'>"
            "<td class='kinerja-bar-label' style='padding-right:8px'>"
            f"{html.escape(PREDIKAT[p])}</td><td style='width:420px'>"
            f"<div style='background:{colour};opacity:.45;height:10px;"
            f"width:{100 * b / top:.1f}%'></div>"
            f"<div style='background:{colour};height:14px;width:{100 * a / top:.1f}%'></div></td>"
            f"<td>{BAR_COUNTS.format(before=b, after=a)}</td></tr>"
        )
    return "<table class='kinerja-bars'>" + "".join(rows) + "</table>"


def matrix_html(hasil: object, perilaku: object) -> str:
    """The PermenPANRB 6/2022 predikat matrix with this employee's cell highlighted."""
    m = reference.predikat_matrix()
    cols = [Rating.BELOW.value, Rating.AS_EXPECTED.value, Rating.ABOVE.value]
    rows = [Rating.ABOVE.value, Rating.AS_EXPECTED.value, Rating.BELOW.value]
    head = "".join(f"<th>{html.escape(RATING[Rating(c)])}</th>" for c in cols)
    body = []
    for r in rows:
        cells = []
        for c in cols:
            p = m.loc[
                (m["rating_hasil_kerja"] == r) & (m["rating_perilaku"] == c), "predikat"
            ].iloc[0]
            hit = r == hasil and c == perilaku
            style = "background:#16425b;color:#fff;font-weight:bold" if hit else ""
            cls = " class='kinerja-matriks-sel'" if hit else ""
            cells.append(f"<td style='{style}'{cls}>{html.escape(label(p, Predikat))}</td>")
        body.append(f"<tr><th>{html.escape(RATING[Rating(r)])}</th>{''.join(cells)}</tr>")
    return (
        "<table class='kinerja-table kinerja-matriks'><thead><tr>"
        f"<th>{html.escape(MATRIX_CORNER)}</th>"
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
