"""Charts as small functions returning ``alt.Chart``, fed with aggregated frames only.

Rendering is offline: :func:`to_svg` / :func:`to_png` use vl-convert in
the kernel (no CDN, no browser).  Every chart receives at most one row per
mark it draws.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kinerja.labels import label
from kinerja.labels import messages as msg
from kinerja.vocab import Predikat, Source

FONT = "DejaVu Sans, Arial, sans-serif"
COLOUR_SCORE = "#16425b"
COLOUR_STANDARD = "#d1495b"
COLOUR_SELF = "#edae49"
PREDIKAT_COLOURS = ["#1b7837", "#7fbf7b", "#f1b6da", "#d6604d", "#8e0152"]


def _config(chart: alt.Chart, *, large: bool = False) -> alt.Chart:
    size = 16 if large else 12
    return (
        chart.configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=size, titleFontSize=size)
        .configure_legend(labelFont=FONT, titleFont=FONT, labelFontSize=size, titleFontSize=size)
        .configure_title(font=FONT, subtitleFont=FONT, fontSize=size + 2)
        .configure_view(stroke=None)
    )


def competency_chart(competencies: pd.DataFrame, *, title: str = msg.CHART_COMPETENCY) -> alt.Chart:
    """Dumbbell/bullet chart: score bar, standard tick and self-rating point per competency.

    ``competencies`` has ``kompetensi_kode, nama, skor, skor_diri, standar`` (one row each).
    """
    data = competencies.assign(
        label=competencies["kompetensi_kode"] + " " + competencies["nama"].astype(str),
        skor=competencies["skor"].astype(float),
        skor_diri=competencies["skor_diri"].astype(float),
        standar=competencies["standar"].astype(float),
    )[["label", "skor", "skor_diri", "standar"]]
    order = list(data["label"])
    y = alt.Y("label:N", sort=order, title=None)
    scale = alt.Scale(domain=[0, 5])
    bars = (
        alt.Chart(data)
        .mark_bar(color=COLOUR_SCORE, height=12)
        .encode(
            y=y,
            x=alt.X("skor:Q", scale=scale, title=msg.CHART_SCORE_AXIS),
            tooltip=["label", "skor", "standar", "skor_diri"],
        )
    )
    standard = (
        alt.Chart(data)
        .mark_tick(color=COLOUR_STANDARD, thickness=3, size=20)
        .encode(y=y, x=alt.X("standar:Q", scale=scale))
    )
    self_point = (
        alt.Chart(data)
        .mark_point(color=COLOUR_SELF, filled=True, size=70, shape="diamond")
        .encode(y=y, x=alt.X("skor_diri:Q", scale=scale))
    )
    chart = (bars + standard + self_point).properties(
        title=alt.TitleParams(title, subtitle=msg.CHART_COMPETENCY_KEY),
        width=420,
        height=alt.Step(22),
    )
    return _config(chart)


def berakhlak_chart(competencies: pd.DataFrame) -> alt.Chart:
    """BerAKHLAK profile: B.01–B.07 scores against the expected 3."""
    data = competencies.loc[competencies["kompetensi_kode"].str.startswith("B.")]
    data = data.assign(
        label=data["kompetensi_kode"] + " " + data["nama"].astype(str),
        skor=data["skor"].astype(float),
    )[["label", "skor"]]
    bars = (
        alt.Chart(data)
        .mark_bar(color="#00798c")
        .encode(
            x=alt.X("label:N", sort=list(data["label"]), title=None, axis=alt.Axis(labelAngle=-30)),
            y=alt.Y("skor:Q", scale=alt.Scale(domain=[0, 5]), title=msg.CHART_SCORE),
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"y": [3.0]}))
        .mark_rule(color=COLOUR_STANDARD, strokeDash=[4, 3])
        .encode(y="y:Q")
    )
    return _config((bars + rule).properties(title=msg.CHART_BERAKHLAK, width=420, height=200))


def source_chart(sources: pd.DataFrame) -> alt.Chart:
    """Per-source mean over competencies, only for sources that may be shown.

    ``sources`` has ``kompetensi_kode, sumber, rata_rata``; it is aggregated
    here to one row per source.
    """
    agg = sources.groupby("sumber", as_index=False)["rata_rata"].mean()
    agg = agg.assign(sumber=agg["sumber"].map(lambda s: label(s, Source)))
    chart = (
        alt.Chart(agg)
        .mark_bar(color=COLOUR_SCORE)
        .encode(
            y=alt.Y("sumber:N", title=None),
            x=alt.X("rata_rata:Q", scale=alt.Scale(domain=[0, 5]), title=msg.CHART_MEAN_SCORE),
        )
    )
    return _config(chart.properties(title=msg.CHART_SOURCES, width=420))


def competency_history_chart(history: pd.DataFrame) -> alt.Chart:
    """One employee's score per competency and period, against the standard of that period.

    ``history`` has ``periode, kompetensi_kode, skor, standar``, one row per
    competency and period (:func:`kinerja.lookup.competency_history`): a bar
    per row, grouped by competency, and a red tick at that period's standard.
    """
    data = history.assign(
        periode=history["periode"].astype(str),
        kompetensi_kode=history["kompetensi_kode"].astype(str),
        skor=pd.to_numeric(history["skor"]).astype(float),
        standar=pd.to_numeric(history["standar"]).astype(float),
    )[["periode", "kompetensi_kode", "skor", "standar"]]
    x = alt.X("kompetensi_kode:N", title=None, sort=sorted(set(data["kompetensi_kode"])))
    offset = alt.XOffset("periode:N", sort=sorted(set(data["periode"])))
    scale = alt.Scale(domain=[0, 5])
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            xOffset=offset,
            y=alt.Y("skor:Q", scale=scale, title=msg.CHART_SCORE_AXIS),
            color=alt.Color(
                "periode:N",
                title=msg.CHART_PERIOD,
                scale=alt.Scale(scheme="blues"),
                sort=sorted(set(data["periode"])),
            ),
            tooltip=["periode", "kompetensi_kode", "skor", "standar"],
        )
    )
    standard = (
        alt.Chart(data)
        .mark_tick(color=COLOUR_STANDARD, thickness=2)
        .encode(x=x, xOffset=offset, y=alt.Y("standar:Q", scale=scale))
    )
    chart = (bars + standard).properties(
        title=alt.TitleParams(msg.CHART_HISTORY, subtitle=msg.CHART_HISTORY_KEY),
        width=alt.Step(12),
        height=160,
    )
    return _config(chart)


def distribution_chart(
    counts: pd.DataFrame, *, title: str = msg.CHART_DISTRIBUTION, large: bool = False
) -> alt.Chart:
    """Predikat counts, grouped by ``tahap`` (e.g. awal / sesudah kalibrasi) when present.

    ``counts`` has ``predikat, jumlah`` and optionally ``tahap``; one row per bar.
    """
    order = [label(p) for p in Predikat]
    data = counts.assign(label=counts["predikat"].map(lambda p: label(p, Predikat)))
    enc = {
        "x": alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        "y": alt.Y("jumlah:Q", title=msg.CHART_EMPLOYEES),
        "color": alt.Color(
            "label:N",
            sort=order,
            scale=alt.Scale(domain=order, range=PREDIKAT_COLOURS),
            legend=None,
        ),
    }
    if "tahap" in data.columns:
        enc["xOffset"] = alt.XOffset("tahap:N")
        enc["opacity"] = alt.Opacity(
            "tahap:N", scale=alt.Scale(range=[0.45, 1.0]), title=msg.CHART_STAGE
        )
    chart = alt.Chart(data).mark_bar().encode(**enc)
    text = (
        alt.Chart(data)
        .mark_text(dy=-6, fontSize=16 if large else 11)
        .encode(
            x=enc["x"],
            y="jumlah:Q",
            text="jumlah:Q",
            **({"xOffset": enc["xOffset"]} if "xOffset" in enc else {}),
        )
    )
    return _config(
        (chart + text).properties(title=title, width=520 if large else 420, height=260), large=large
    )


#: Numbers in charts the Indonesian way (DESIGN §11): ``0,5`` and ``1.000`` on axes and labels.
FORMAT_LOCALE: dict[str, object] = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["Rp", ""],
}


def to_svg(chart: alt.Chart) -> str:
    """Render a chart to SVG text in-process (offline), numbers with a decimal comma."""
    import vl_convert as vlc

    return str(
        vlc.vegalite_to_svg(chart.to_dict(), vl_version=_vl_version(), format_locale=FORMAT_LOCALE)
    )


def to_png(chart: alt.Chart, *, scale: float = 2.0) -> bytes:
    """Render a chart to PNG bytes in-process (offline), for PDFs (numbers with a decimal comma)."""
    import vl_convert as vlc

    return bytes(
        vlc.vegalite_to_png(
            chart.to_dict(), scale=scale, vl_version=_vl_version(), format_locale=FORMAT_LOCALE
        )
    )


def _vl_version() -> str:
    major_minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return "_".join(["v" + major_minor[0], major_minor[1]])
