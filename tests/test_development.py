"""Development plan (PP 11/2017: at least 20 JP a year; LAN 70:20:10):
largest gap first, non-classroom paths first, at least 20 JP when the
catalogue allows and no more rounds once reached, a note for a gap the
catalogue has nothing for, everything available when 20 JP cannot be reached."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kinerja.development import (
    JP_TOLERANCE,
    MIN_JP_PER_YEAR,
    NOTE_NO_TRAINING,
    PLAN_COLUMNS,
    development_needs,
    development_plan,
    strengths,
)
from kinerja.pipeline import score_dataset
from tests.store_fixtures import SAMPLE_PERIODE, sample_dataset


def plan_totals(plan: pd.DataFrame, *, min_jp: float = MIN_JP_PER_YEAR) -> pd.DataFrame:
    """Per employee: ``nip, total_jp, memenuhi_20_jp, n_pelatihan, n_tanpa_katalog``."""
    out = (
        plan.assign(_tanpa=plan["catatan"].eq(NOTE_NO_TRAINING))
        .groupby("nip")
        .agg(
            total_jp=("jp", "sum"),
            n_pelatihan=("pelatihan_kode", "count"),
            n_tanpa_katalog=("_tanpa", "sum"),
        )
        .reset_index()
    )
    return out.assign(memenuhi_20_jp=out["total_jp"] >= min_jp - JP_TOLERANCE)


def competencies(
    nip: str, gaps: dict[str, float], skor: dict[str, float] | None = None
) -> pd.DataFrame:
    """``skor_kompetensi`` rows of one employee: competency -> gap (skor 3 unless given)."""
    skor = skor or {}
    return pd.DataFrame(
        {
            "nip": nip,
            "kompetensi_kode": list(gaps),
            "skor": [skor.get(k, 3.0) for k in gaps],
            "gap": list(gaps.values()),
        }
    )


def catalogue(*rows: tuple[str, str, float, str | None]) -> pd.DataFrame:
    """Training catalogue from ``(kode, kompetensi_kode, jp, jalur)``."""
    return pd.DataFrame(
        {
            "kode": [r[0] for r in rows],
            "nama": [f"Pelatihan {r[0]}" for r in rows],
            "kompetensi_kode": [r[1] for r in rows],
            "jp": [float(r[2]) for r in rows],
            "jalur": [r[3] for r in rows],
        }
    )


def codes(plan: pd.DataFrame, nip: str | None = None) -> list[object]:
    p = plan if nip is None else plan.loc[plan["nip"] == nip]
    return p["pelatihan_kode"].tolist()


# --------------------------------------------------------------------------- needs


def test_needs_put_the_largest_gap_first_and_include_berakhlak_below_three():
    comp = competencies(
        "e1",
        {"M.01": -1.0, "M.02": -2.0, "M.03": 0.0, "SK.01": 1.0, "B.01": math.nan, "B.02": math.nan},
        skor={"B.01": 1.5, "B.02": 3.0},
    )
    needs = development_needs(comp)
    assert needs["kompetensi_kode"].tolist() == ["M.02", "B.01", "M.01"]
    assert needs["gap"].tolist() == [-2.0, -1.5, -1.0]
    assert needs["peringkat"].tolist() == [1, 2, 3]


def test_equal_gaps_up_to_float_noise_are_ordered_by_code():
    # 0.7 − 1.0 is −0.30000000000000004: the same gap as −0.3 for the plan
    comp = competencies("e1", {"M.03": 0.7 - 1.0, "M.01": -0.3, "M.02": -0.31})
    needs = development_needs(comp)
    assert needs["kompetensi_kode"].tolist() == ["M.02", "M.01", "M.03"]


def test_strengths_are_the_competencies_most_above_standard():
    comp = competencies("e1", {"M.01": 2.0, "M.02": 0.0, "M.03": 1.0, "SK.01": 0.5, "T.01": -1.0})
    assert strengths(comp)["kompetensi_kode"].tolist() == ["M.01", "M.03", "SK.01"]
    assert strengths(comp, top=1)["kompetensi_kode"].tolist() == ["M.01"]


# --------------------------------------------------------------------------- the plan

CATALOGUE = catalogue(
    ("K-M01", "M.01", 16, "klasikal"),
    ("C-M01", "M.01", 6, "mentoring"),
    ("K-M02", "M.02", 24, "klasikal"),
    ("E-M02", "M.02", 8, "e-learning"),
    ("C-M02", "M.02", 4, "coaching"),
    ("K-M03", "M.03", 3, "klasikal"),
)


def test_plan_covers_the_largest_gap_first():
    plan = development_plan(competencies("e1", {"M.01": -1.0, "M.02": -2.0}), CATALOGUE)
    assert list(plan.columns) == list(PLAN_COLUMNS)
    assert plan.loc[0, "kompetensi_kode"] == "M.02"
    assert plan.loc[0, "gap"] == -2.0
    assert plan["urutan"].tolist() == list(range(1, len(plan) + 1))


def test_plan_prefers_non_classroom_paths_even_when_a_classroom_one_is_shorter():
    cat = catalogue(
        ("K-1", "M.01", 2, "klasikal"), ("E-1", "M.01", 10, "e-learning"),
        ("K-2", "M.02", 3, "Klasikal"), ("C-2", "M.02", 12, "coaching"),
        ("K-3", "M.03", 1, None), ("M-3", "M.03", 9, "magang"),
    )  # fmt: skip
    plan = development_plan(
        competencies("e1", {"M.01": -3.0, "M.02": -2.0, "M.03": -1.0}), cat, min_jp=0.0
    )
    # round 1 alone (min_jp 0): the first choice of every gap, all non-classroom
    assert codes(plan) == ["E-1", "C-2", "M-3"]


def test_plan_reaches_20_jp_when_the_catalogue_allows_and_stops_adding_once_reached():
    plan = development_plan(competencies("e1", {"M.01": -1.0, "M.02": -2.0}), CATALOGUE)
    # round 1: C-M02 (4) + C-M01 (6) = 10 < 20; round 2: E-M02 (8) -> 18 < 20, K-M01 (16) -> 34
    assert codes(plan) == ["C-M02", "C-M01", "E-M02", "K-M01"]
    assert plan["jp_kumulatif"].tolist() == [4.0, 10.0, 18.0, 34.0]
    assert "K-M02" not in codes(plan)  # 20 JP reached: round 3 adds nothing
    totals = plan_totals(plan).set_index("nip")
    assert totals.loc["e1", "total_jp"] == 34.0
    assert bool(totals.loc["e1", "memenuhi_20_jp"])
    # every training after round 1 was added while the plan was still below 20 JP
    later = plan.iloc[2:]
    assert ((later["jp_kumulatif"] - later["jp"]) < MIN_JP_PER_YEAR).all()


def test_plan_adds_nothing_after_round_one_when_round_one_already_reaches_20_jp():
    cat = catalogue(
        ("E-1", "M.01", 12, "e-learning"), ("K-1", "M.01", 8, "klasikal"),
        ("E-2", "M.02", 10, "e-learning"), ("K-2", "M.02", 8, "klasikal"),
    )  # fmt: skip
    plan = development_plan(competencies("e1", {"M.01": -2.0, "M.02": -1.0}), cat)
    assert codes(plan) == ["E-1", "E-2"]
    assert plan["jp_kumulatif"].iloc[-1] == 22.0


def test_plan_gives_every_gap_its_first_choice_even_beyond_20_jp():
    cat = catalogue(("K-1", "M.01", 30, "klasikal"), ("E-2", "M.02", 8, "e-learning"))
    plan = development_plan(competencies("e1", {"M.01": -2.0, "M.02": -1.0}), cat)
    assert codes(plan) == ["K-1", "E-2"]


def test_plan_stays_below_20_with_everything_the_catalogue_has_when_it_cannot_reach_it():
    cat = catalogue(
        ("E-1", "M.01", 4, "e-learning"), ("K-1", "M.01", 5, "klasikal"),
        ("C-2", "M.02", 3, "coaching"), ("X-9", "M.03", 40, "klasikal"),  # M.03 is no gap
    )  # fmt: skip
    plan = development_plan(competencies("e1", {"M.01": -1.0, "M.02": -2.0, "M.03": 0.5}), cat)
    assert sorted(codes(plan)) == ["C-2", "E-1", "K-1"]
    totals = plan_totals(plan).set_index("nip")
    assert totals.loc["e1", "total_jp"] == 12.0
    assert not bool(totals.loc["e1", "memenuhi_20_jp"])
    assert totals.loc["e1", "n_pelatihan"] == 3


def test_a_plan_of_exactly_20_jp_in_decimal_jp_counts_as_reached_and_stops_adding():
    # 0.2 + 16.4 + 3.4 is 19.999999999999996 in binary floating point: that is 20 JP
    cat = catalogue(
        ("C-1", "M.01", 0.2, "coaching"), ("K-1", "M.01", 3.4, "klasikal"),
        ("E-2", "M.02", 16.4, "e-learning"), ("K-2", "M.02", 2, "klasikal"),
    )  # fmt: skip
    plan = development_plan(competencies("e1", {"M.01": -2.0, "M.02": -1.0}), cat)
    assert codes(plan) == ["C-1", "E-2", "K-1"]  # K-2 would be a training beyond 20 JP
    totals = plan_totals(plan).set_index("nip")
    assert totals.loc["e1", "total_jp"] == pytest.approx(20.0)
    assert bool(totals.loc["e1", "memenuhi_20_jp"])


def test_plan_emits_a_note_row_for_a_gap_the_catalogue_has_nothing_for():
    plan = development_plan(competencies("e1", {"T.01": -2.0, "M.01": -1.0}), CATALOGUE)
    note = plan.loc[plan["kompetensi_kode"] == "T.01"]
    assert len(note) == 1
    row = note.iloc[0]
    assert row["catatan"] == NOTE_NO_TRAINING
    assert pd.isna(row["pelatihan_kode"]) and row["jp"] == 0.0
    assert row["urutan"] == 1  # still listed in gap order
    assert (plan.loc[plan["kompetensi_kode"] != "T.01", "catatan"] == "").all()
    totals = plan_totals(plan).set_index("nip")
    assert totals.loc["e1", "n_tanpa_katalog"] == 1
    assert totals.loc["e1", "total_jp"] == 22.0  # C-M01 6 + K-M01 16


def test_employee_without_gaps_gets_no_plan_rows():
    comp = pd.concat(
        [competencies("e1", {"M.01": 0.0, "M.02": 1.0}), competencies("e2", {"M.01": -1.0})]
    )
    plan = development_plan(comp, CATALOGUE)
    assert set(plan["nip"]) == {"e2"}


def test_each_employees_plan_is_independent_of_the_others():
    e1 = competencies("e1", {"M.01": -1.0, "M.02": -2.0})
    e2 = competencies("e2", {"M.02": -0.5, "M.03": -1.5, "T.01": -1.0})
    both = development_plan(pd.concat([e2, e1], ignore_index=True), CATALOGUE)
    for nip, comp in (("e1", e1), ("e2", e2)):
        alone = development_plan(comp, CATALOGUE)
        pd.testing.assert_frame_equal(
            both.loc[both["nip"] == nip].reset_index(drop=True), alone, check_dtype=False
        )


# --------------------------------------------------------------------------- sample data


@pytest.fixture(scope="module")
def sample_plan() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ds = sample_dataset()
    comp = score_dataset(ds, SAMPLE_PERIODE).kompetensi
    return comp, ds.pelatihan, development_plan(comp, ds.pelatihan)


def test_sample_plans_reach_20_jp_or_take_everything_the_catalogue_offers(sample_plan):
    comp, cat, plan = sample_plan
    needs = development_needs(comp)
    available = needs.merge(cat, on="kompetensi_kode").groupby("nip")["jp"].sum()
    totals = plan_totals(plan).set_index("nip")
    assert set(totals.index) == set(needs["nip"])
    reach = available.reindex(totals.index, fill_value=0.0) >= MIN_JP_PER_YEAR
    assert reach.sum() > 0
    assert (totals.loc[reach[reach].index, "total_jp"] >= MIN_JP_PER_YEAR).all()
    short = reach[~reach].index
    np.testing.assert_allclose(
        totals.loc[short, "total_jp"], available.reindex(short, fill_value=0.0).to_numpy()
    )


def test_sample_plans_list_gaps_largest_first_in_round_one_and_never_repeat_a_training(sample_plan):
    comp, _, plan = sample_plan
    assert not plan.duplicated(["nip", "pelatihan_kode"]).loc[plan["pelatihan_kode"].notna()].any()
    needs = development_needs(comp)
    n_gaps = needs.groupby("nip").size()
    for nip, p in plan.groupby("nip"):
        first = p.head(n_gaps[nip])  # round 1: one row per gap, in gap order
        assert (
            first["kompetensi_kode"].tolist()
            == needs.loc[needs["nip"] == nip, "kompetensi_kode"].tolist()
        )
        assert first["gap"].round(9).is_monotonic_increasing
        later = p.iloc[n_gaps[nip] :]
        assert ((later["jp_kumulatif"] - later["jp"]) < MIN_JP_PER_YEAR).all()
