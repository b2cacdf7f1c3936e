"""Charts (``kinerja.charts``) checked on their Vega-Lite spec (``to_dict()``) and rendered offline.

The rule of the module: a chart receives aggregated frames, at most one data
row per mark it draws.  The profile charts are built from a sample profile
(:func:`tests.test_profile.rich_sample_nip`) and from the hand-made ratee with
two peers, whose peer mean (1.5) must never reach a chart.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kinerja import charts
from kinerja.labels import PREDIKAT, SOURCE
from kinerja.vocab import Predikat, Source
from tests.test_profile import (
    PEER_MEAN,
    PERIODE,
    RATEE,
    anon_dataset,
    profile_of,
    rich_sample_nip,
    sample_profile,
)


def layers(spec: dict) -> list[dict]:
    """The layers of a spec (a single-view spec is its own layer)."""
    return spec.get("layer", [spec])


def rows_of(spec: dict, layer: dict) -> list[dict]:
    """The data rows a layer draws from (its own data, else the top-level data)."""
    data = layer.get("data") or spec.get("data")
    assert data is not None and "name" in data, "chart data must be inline named datasets"
    return spec["datasets"][data["name"]]


@pytest.fixture(scope="module")
def profile():
    return sample_profile(rich_sample_nip())


@pytest.fixture(scope="module")
def anon_profile(tmp_path_factory: pytest.TempPathFactory):
    from kinerja.pipeline import score_dataset

    ds = anon_dataset(tmp_path_factory.mktemp("anon") / "data")
    return profile_of(ds, score_dataset(ds, PERIODE), RATEE)


# --------------------------------------------------------------------------- competency chart


def test_competency_chart_has_one_data_row_per_competency(profile):
    spec = charts.competency_chart(profile.competencies).to_dict()
    comp = profile.competencies
    for layer in layers(spec):
        rows = rows_of(spec, layer)
        assert len(rows) == len(comp)  # never more rows than the bars drawn
        labels = [r["label"] for r in rows]
        assert labels == [
            f"{c} {n}" for c, n in zip(comp["kompetensi_kode"], comp["nama"], strict=True)
        ]
    assert len(spec["datasets"]) == 1  # the three layers share one frame


def test_competency_chart_layers_are_score_bar_standard_tick_and_self_point(profile):
    spec = charts.competency_chart(profile.competencies).to_dict()
    marks = [(layer["mark"]["type"], layer["encoding"]["x"]["field"]) for layer in layers(spec)]
    assert marks == [("bar", "skor"), ("tick", "standar"), ("point", "skor_diri")]
    for layer in layers(spec):
        assert layer["encoding"]["x"]["scale"]["domain"] == [0, 5]
        assert layer["encoding"]["y"]["field"] == "label"


def test_competency_chart_rows_carry_score_standard_and_self_rating(profile):
    spec = charts.competency_chart(profile.competencies).to_dict()
    rows = rows_of(spec, layers(spec)[0])
    for row, c in zip(rows, profile.competencies.itertuples(), strict=True):
        assert row["skor"] == pytest.approx(c.skor)
        assert (
            (row["standar"] is None)
            if pd.isna(c.standar)
            else row["standar"] == pytest.approx(float(c.standar))
        )
        assert (
            (row["skor_diri"] is None)
            if pd.isna(c.skor_diri)
            else row["skor_diri"] == pytest.approx(c.skor_diri)
        )


def test_competency_chart_keeps_the_profile_order_on_the_axis(profile):
    spec = charts.competency_chart(profile.competencies).to_dict()
    comp = profile.competencies
    want = [f"{c} {n}" for c, n in zip(comp["kompetensi_kode"], comp["nama"], strict=True)]
    assert all(layer["encoding"]["y"]["sort"] == want for layer in layers(spec))


def test_berakhlak_chart_draws_the_seven_values_against_the_expected_three(profile):
    spec = charts.berakhlak_chart(profile.competencies).to_dict()
    bars, rule = layers(spec)
    assert bars["mark"]["type"] == "bar" and rule["mark"]["type"] == "rule"
    rows = rows_of(spec, bars)
    assert [r["label"].split()[0] for r in rows] == [f"B.{i:02d}" for i in range(1, 8)]
    assert rows_of(spec, rule) == [{"y": 3.0}]


def test_source_chart_is_aggregated_to_one_row_per_source(profile):
    assert len(profile.sources) > len(profile.sources["sumber"].unique())  # many rows in …
    spec = charts.source_chart(profile.sources).to_dict()
    rows = rows_of(spec, layers(spec)[0])  # … one bar per source out
    want = profile.sources.groupby("sumber")["rata_rata"].mean()
    assert sorted(r["sumber"] for r in rows) == sorted(SOURCE[Source(s)] for s in want.index)
    for r in rows:
        code = next(s for s in want.index if SOURCE[Source(s)] == r["sumber"])
        assert r["rata_rata"] == pytest.approx(want[code])


def test_charts_of_a_ratee_with_two_peers_show_no_peer_group_or_peer_mean(anon_profile):
    built = [
        charts.competency_chart(anon_profile.competencies),
        charts.berakhlak_chart(anon_profile.competencies),
        charts.source_chart(anon_profile.sources),
    ]
    for chart in built:
        spec = chart.to_dict()
        data = json.dumps(spec["datasets"])
        assert SOURCE[Source.PEER] not in data and "rekan" not in data
        values = [v for rows in spec["datasets"].values() for r in rows for v in r.values()]
        assert PEER_MEAN not in values
    src_rows = rows_of(built[2].to_dict(), layers(built[2].to_dict())[0])
    assert sorted(r["sumber"] for r in src_rows) == ["Atasan", "Bawahan"]


# --------------------------------------------------------------------------- calibration charts


def test_distribution_chart_has_one_row_per_bar_and_the_regulation_order():
    counts = pd.DataFrame(
        {
            "predikat": ["baik", "sangat_baik", "butuh_perbaikan", "baik", "sangat_baik"],
            "jumlah": [10, 3, 1, 8, 5],
            "tahap": ["awal", "awal", "awal", "sesudah", "sesudah"],
        }
    )
    spec = charts.distribution_chart(counts).to_dict()
    for layer in layers(spec):
        assert len(rows_of(spec, layer)) == len(counts)
    bars = layers(spec)[0]
    assert bars["encoding"]["x"]["sort"] == [PREDIKAT[p] for p in Predikat]
    assert bars["encoding"]["xOffset"]["field"] == "tahap"


def test_to_svg_renders_the_chart_in_process_as_svg_text(profile):
    svg = charts.to_svg(charts.competency_chart(profile.competencies, title="Judul Uji Grafik"))
    assert svg.lstrip().startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "Judul Uji Grafik" in svg
    first = profile.competencies.iloc[0]
    assert f"{first.kompetensi_kode} {first.nama}" in svg


def test_to_png_renders_png_bytes(profile):
    png = charts.to_png(charts.berakhlak_chart(profile.competencies), scale=1.0)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1000


# --------------------------------------------------------------------------- history chart


def test_history_chart_has_one_row_per_competency_and_period_and_a_standard_tick(profile):
    comp = profile.competencies[["kompetensi_kode", "skor", "standar"]]
    history = pd.concat(
        [comp.assign(periode="2024", skor=comp["skor"] - 0.5), comp.assign(periode="2025")],
        ignore_index=True,
    )
    spec = charts.competency_history_chart(history).to_dict()
    marks = [layer["mark"]["type"] for layer in layers(spec)]
    assert marks == ["bar", "tick"]
    for layer in layers(spec):
        rows = rows_of(spec, layer)
        assert len(rows) == len(history)  # one bar and one tick per competency and period
        assert layer["encoding"]["xOffset"]["field"] == "periode"
    rows = rows_of(spec, layers(spec)[0])
    got = {(r["periode"], r["kompetensi_kode"]): r["skor"] for r in rows}
    for r in history.itertuples():
        if pd.notna(r.skor):
            assert got[(r.periode, r.kompetensi_kode)] == pytest.approx(r.skor)
    assert charts.to_svg(charts.competency_history_chart(history)).lstrip().startswith("<svg")


def test_chart_numbers_are_written_with_a_decimal_comma():
    import altair as alt

    frame = pd.DataFrame({"x": [0.5, 1.5, 2.5], "y": ["a", "b", "c"]})
    chart = alt.Chart(frame).mark_bar().encode(x=alt.X("x:Q", axis=alt.Axis(format=".1f")), y="y")
    svg = charts.to_svg(chart)
    ticks = [t for t in ("0,5", "1,0", "1,5", "2,0", "2,5") if f">{t}<" in svg]
    assert ticks and ">0.5<" not in svg and ">1.0<" not in svg
