"""Scoring rules of DESIGN.md §4 with hand-computed values (through score_dataset), and Policy."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.config import Policy, load_policy, policy_from_mapping
from kinerja.errors import ConfigError
from kinerja.scoring import jpm_category, perilaku_rating, summarize_employees
from kinerja.vocab import Source
from tests.factories import (
    BERAKHLAK,
    PERIODE,
    cell,
    hasil_kerja,
    pegawai,
    penilaian,
    rating,
    ratings,
    row_of,
    same_score,
    score,
    standar,
)

ALL_J1 = ("M.01", "SK.01", *BERAKHLAK)


def roster_a(jabatan: str = "J1") -> pd.DataFrame:
    return pegawai(("A", "U", jabatan))


def std_j1() -> pd.DataFrame:
    """J1 requires M.01 at level 3 and SK.01 at level 2."""
    return standar({"J1": {"M.01": 3, "SK.01": 2}})


def full_360(skor_atasan: int, skor_rekan: int, skor_bawahan: int, codes=ALL_J1) -> list:
    """Ratee A rated on ``codes`` by one atasan, three peers and three subordinates."""
    rows = same_score("A", "S", "atasan", codes, skor_atasan)
    for i in (1, 2, 3):
        rows += same_score("A", f"R{i}", "rekan", codes, skor_rekan)
        rows += same_score("A", f"W{i}", "bawahan", codes, skor_bawahan)
    return rows


# --------------------------------------------------------------- competency score


def test_single_atasan_score_is_that_rating():
    comp, _, _ = score(same_score("A", "S", "atasan", ["M.01"], 4), roster_a(), std_j1())
    assert cell(comp, "A", "M.01")["skor"] == 4.0
    assert cell(comp, "A", "M.01")["n_penilai"] == 1


def test_all_three_sources_use_the_default_weights():
    # atasan 5; peers 2, 3, 4 (mean 3); subordinates 1, 1, 4 (mean 2)
    rows = [rating("A", "S", "atasan", "M.01", 5)]
    rows += [rating("A", f"R{i}", "rekan", "M.01", s) for i, s in ((1, 2), (2, 3), (3, 4))]
    rows += [rating("A", f"W{i}", "bawahan", "M.01", s) for i, s in ((1, 1), (2, 1), (3, 4))]
    comp, _, _ = score(rows, roster_a(), std_j1())
    # 0.5*5 + 0.3*3 + 0.2*2 = 2.5 + 0.9 + 0.4 = 3.8
    assert cell(comp, "A", "M.01")["skor"] == pytest.approx(3.8, abs=1e-12)
    assert cell(comp, "A", "M.01")["n_penilai"] == 7


def test_missing_source_renormalises_the_remaining_weights():
    rows = [rating("A", "S", "atasan", "M.01", 4)]
    rows += [rating("A", f"R{i}", "rekan", "M.01", s) for i, s in ((1, 1), (2, 2), (3, 3))]
    comp, _, _ = score(rows, roster_a(), std_j1())
    # (0.5*4 + 0.3*2) / 0.8 = 2.6 / 0.8 = 3.25
    assert cell(comp, "A", "M.01")["skor"] == pytest.approx(3.25, abs=1e-12)
    assert cell(comp, "A", "M.01")["n_penilai"] == 4


def test_only_peers_gives_the_peer_mean():
    rows = [rating("A", f"R{i}", "rekan", "M.01", s) for i, s in ((1, 2), (2, 2), (3, 5))]
    comp, _, _ = score(rows, roster_a(), std_j1())
    assert cell(comp, "A", "M.01")["skor"] == pytest.approx(3.0, abs=1e-12)


def test_two_supervisors_are_averaged_within_their_source():
    rows = [rating("A", "S1", "atasan", "M.01", 2), rating("A", "S2", "atasan", "M.01", 5)]
    rows += [rating("A", f"R{i}", "rekan", "M.01", 4) for i in (1, 2, 3)]
    comp, _, _ = score(rows, roster_a(), std_j1())
    # atasan mean 3.5: (0.5*3.5 + 0.3*4) / 0.8 = (1.75 + 1.2) / 0.8 = 3.6875
    assert cell(comp, "A", "M.01")["skor"] == pytest.approx(3.6875, abs=1e-12)
    assert cell(comp, "A", "M.01")["n_penilai"] == 5


def test_tolerance_case_weighted_3_5_counts_as_di_atas():
    # 0.5*4 + 0.3*3 + 0.2*3 = 3.5 on every competency
    _, summ, _ = score(full_360(4, 3, 3), roster_a(), std_j1(), hasil_kerja({"A": "di_atas"}))
    r = row_of(summ, "A")
    assert r["skor_perilaku"] == pytest.approx(3.5, abs=1e-12)
    assert r["rating_perilaku"] == "di_atas"
    # jpm = 100 * (3.5 + 3.5) / (3 + 2) = 140
    assert r["jpm"] == pytest.approx(140.0, abs=1e-9)
    assert r["kategori_jpm"] == "optimal"
    assert r["predikat"] == "sangat_baik"
    assert r["kinerja"] == "di_atas"
    assert r["potensial"] == "tinggi"
    assert r["kotak"] == 9
    assert bool(r["lengkap"]) is True


# -------------------------------------------------------------------- anonymity


@pytest.mark.parametrize("n_peers", [1, 2])
def test_peer_group_below_k_is_withheld_from_the_score(n_peers):
    rows = same_score("A", "S", "atasan", ALL_J1, 4)
    for i in range(1, n_peers + 1):
        rows += same_score("A", f"R{i}", "rekan", ALL_J1, 1)
    comp, summ, means = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}))
    assert cell(comp, "A", "M.01")["skor"] == 4.0
    assert cell(comp, "A", "M.01")["n_penilai"] == 1
    assert means.loc[means["sumber"] == "rekan", "withheld"].all()
    assert bool(row_of(summ, "A")["lengkap"]) is False


def test_three_peers_are_included_in_the_score():
    rows = same_score("A", "S", "atasan", ALL_J1, 4)
    rows += ratings("A", "R1", "rekan", dict.fromkeys(ALL_J1, 2))
    rows += ratings("A", "R2", "rekan", dict.fromkeys(ALL_J1, 2))
    rows += ratings("A", "R3", "rekan", dict.fromkeys(ALL_J1, 5))
    comp, summ, means = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}))
    # peer mean 3: (0.5*4 + 0.3*3) / 0.8 = 2.9 / 0.8 = 3.625
    assert cell(comp, "A", "M.01")["skor"] == pytest.approx(3.625, abs=1e-12)
    assert cell(comp, "A", "M.01")["n_penilai"] == 4
    assert not means["withheld"].any()
    assert bool(row_of(summ, "A")["lengkap"]) is True


def test_two_subordinates_are_withheld():
    rows = same_score("A", "S", "atasan", ALL_J1, 2)
    rows += same_score("A", "W1", "bawahan", ALL_J1, 5)
    rows += same_score("A", "W2", "bawahan", ALL_J1, 5)
    comp, summ, _ = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}))
    assert cell(comp, "A", "SK.01")["skor"] == 2.0
    assert bool(row_of(summ, "A")["lengkap"]) is False


def test_withheld_counts_distinct_peers_over_all_competencies():
    # R1, R2 rate M.01; R3 rates only B.01: three distinct peers, so none is withheld
    rows = same_score("A", "S", "atasan", ["M.01", "B.01"], 4)
    rows += [rating("A", "R1", "rekan", "M.01", 2), rating("A", "R2", "rekan", "M.01", 3)]
    rows += [rating("A", "R3", "rekan", "B.01", 5)]
    comp, _, means = score(rows, roster_a(), std_j1())
    # M.01: peer mean 2.5 -> (0.5*4 + 0.3*2.5)/0.8 = 2.75/0.8 = 3.4375
    assert cell(comp, "A", "M.01")["skor"] == pytest.approx(3.4375, abs=1e-12)
    assert cell(comp, "A", "M.01")["n_penilai"] == 3
    # B.01: peer mean 5 -> (2 + 1.5)/0.8 = 4.375
    assert cell(comp, "A", "B.01")["skor"] == pytest.approx(4.375, abs=1e-12)
    assert not means["withheld"].any()


def test_many_ratings_by_two_peers_still_count_as_two_raters():
    rows = same_score("A", "S", "atasan", ["M.01"], 3)
    rows += same_score("A", "R1", "rekan", ALL_J1, 5)
    rows += same_score("A", "R2", "rekan", ALL_J1, 5)
    comp, _, _ = score(rows, roster_a(), std_j1())
    assert cell(comp, "A", "M.01")["skor"] == 3.0
    assert np.isnan(cell(comp, "A", "B.01")["skor"])


def test_withheld_is_decided_per_ratee_and_period():
    roster = pegawai(("A", "U", "J1"), ("B", "U", "J1"))
    rows = [rating("A", "S", "atasan", "M.01", 4)]
    # 2025: A has peers R1, R2 only; R3 rates B (another ratee) and A in 2024
    rows += [rating("A", "R1", "rekan", "M.01", 1), rating("A", "R2", "rekan", "M.01", 1)]
    rows += [rating("B", "R3", "rekan", "M.01", 1)]
    rows += [rating("A", "R3", "rekan", "M.01", 1, periode="2024")]
    comp, _, _ = score(rows, roster, std_j1())
    assert cell(comp, "A", "M.01")["skor"] == 4.0
    assert np.isnan(cell(comp, "B", "M.01")["skor"])


def test_ratings_of_other_periods_are_ignored():
    rows = [rating("A", "S", "atasan", "M.01", 4), rating("A", "S", "atasan", "M.01", 1, "2024")]
    rows += [rating("A", "S", "atasan", "M.02", 5, "2024")]
    comp, _, _ = score(rows, roster_a(), std_j1())
    assert cell(comp, "A", "M.01")["skor"] == 4.0
    assert "M.02" not in set(comp["kompetensi_kode"])
    assert set(comp["periode"]) == {PERIODE}


def test_smaller_anonymity_threshold_from_policy_includes_two_peers():
    rows = [rating("A", "S", "atasan", "M.01", 4)]
    rows += [rating("A", "R1", "rekan", "M.01", 1), rating("A", "R2", "rekan", "M.01", 2)]
    comp, _, _ = score(rows, roster_a(), std_j1(), policy=Policy(anonymity_k=2))
    # (0.5*4 + 0.3*1.5) / 0.8 = 2.45 / 0.8 = 3.0625
    assert cell(comp, "A", "M.01")["skor"] == pytest.approx(3.0625, abs=1e-12)


def test_source_not_anonymous_by_policy_is_never_withheld():
    rows = [rating("A", "S", "atasan", "M.01", 4), rating("A", "R1", "rekan", "M.01", 2)]
    policy = Policy(anonymous_sources=frozenset({Source.SUBORDINATE, Source.PUBLIC}))
    comp, _, _ = score(rows, roster_a(), std_j1(), policy=policy)
    # (0.5*4 + 0.3*2) / 0.8 = 3.25
    assert cell(comp, "A", "M.01")["skor"] == pytest.approx(3.25, abs=1e-12)


# ------------------------------------------------------------ diri, masyarakat


def test_self_rating_is_shown_as_skor_diri_and_not_in_the_score():
    rows = [rating("A", "S", "atasan", "M.01", 3), rating("A", "A", "diri", "M.01", 5)]
    comp, _, _ = score(rows, roster_a(), std_j1())
    c = cell(comp, "A", "M.01")
    assert c["skor"] == 3.0
    assert c["skor_diri"] == 5.0
    assert c["n_penilai"] == 1
    assert np.isnan(cell(comp, "A", "SK.01")["skor_diri"])


def test_public_respondents_do_not_enter_the_score():
    rows = [rating("A", "S", "atasan", "M.01", 4)]
    rows += [rating("A", f"X{i}", "masyarakat", "M.01", 1) for i in (1, 2, 3)]
    comp, _, _ = score(rows, roster_a(), std_j1())
    assert cell(comp, "A", "M.01")["skor"] == 4.0
    assert cell(comp, "A", "M.01")["n_penilai"] == 1


def test_positive_public_weight_from_policy_enters_the_score():
    rows = [rating("A", "S", "atasan", "M.01", 4)]
    rows += [rating("A", f"X{i}", "masyarakat", "M.01", s) for i, s in ((1, 1), (2, 1), (3, 4))]
    policy = Policy().with_weights(masyarakat=0.5)
    comp, _, _ = score(rows, roster_a(), std_j1(), policy=policy)
    # (0.5*4 + 0.5*2) / 1.0 = 3.0
    assert cell(comp, "A", "M.01")["skor"] == pytest.approx(3.0, abs=1e-12)
    assert cell(comp, "A", "M.01")["n_penilai"] == 4


def test_no_counting_source_gives_empty_score_and_empty_jpm():
    rows = [rating("A", "A", "diri", "M.01", 5), rating("A", "A", "diri", "SK.01", 5)]
    rows += [rating("A", "R1", "rekan", "SK.01", 4)]  # withheld: one peer
    comp, summ, _ = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "di_atas"}))
    assert np.isnan(cell(comp, "A", "M.01")["skor"])
    assert np.isnan(cell(comp, "A", "M.01")["gap"])
    assert cell(comp, "A", "M.01")["skor_diri"] == 5.0
    assert cell(comp, "A", "M.01")["n_penilai"] == 0
    assert np.isnan(cell(comp, "A", "SK.01")["skor"])
    assert cell(comp, "A", "SK.01")["n_penilai"] == 0
    r = row_of(summ, "A")
    assert pd.isna(r["jpm"])
    assert pd.isna(r["kategori_jpm"])
    assert pd.isna(r["potensial"])
    assert pd.isna(r["kotak"])


def test_n_penilai_counts_only_raters_that_counted():
    rows = [rating("A", "S", "atasan", "M.01", 4), rating("A", "A", "diri", "M.01", 4)]
    rows += [rating("A", f"R{i}", "rekan", "M.01", 4) for i in (1, 2, 3)]
    rows += [rating("A", f"W{i}", "bawahan", "M.01", 4) for i in (1, 2)]  # withheld
    rows += [rating("A", f"X{i}", "masyarakat", "M.01", 4) for i in (1, 2, 3)]  # weight 0
    comp, _, _ = score(rows, roster_a(), std_j1())
    assert cell(comp, "A", "M.01")["n_penilai"] == 4


def test_zero_weight_source_from_policy_does_not_count():
    rows = [rating("A", "S", "atasan", "M.01", 4)]
    rows += [rating("A", f"R{i}", "rekan", "M.01", 1) for i in (1, 2, 3)]
    comp, _, _ = score(rows, roster_a(), std_j1(), policy=Policy().with_weights(rekan=0))
    assert cell(comp, "A", "M.01")["skor"] == 4.0
    assert cell(comp, "A", "M.01")["n_penilai"] == 1


# ------------------------------------------------------------ skor_kompetensi rows


def test_competency_rows_are_standard_union_berakhlak_union_rated():
    roster = pegawai(("A", "U", "J1"), ("B", "U", "J2"))
    std = standar({"J1": {"M.01": 3, "SK.01": 2, "T.01": 4, "B.01": 3}, "J2": {"M.02": 1}})
    rows = [
        rating("A", "S", "atasan", "M.01", 5),
        rating("A", "S", "atasan", "SK.01", 1),
        rating("A", "S", "atasan", "M.03", 4),  # rated, not in the standard
        rating("A", "S", "atasan", "M.02", 4, periode="2024"),  # other period
        rating("Z", "S", "atasan", "M.01", 4),  # ratee not in pegawai
    ]
    comp, _, _ = score(rows, roster, std)
    assert list(comp.columns[:9]) == [
        "periode",
        "nip",
        "kompetensi_kode",
        "jenis",
        "skor",
        "skor_diri",
        "standar",
        "gap",
        "n_penilai",
    ]
    expected_keys = [("A", k) for k in sorted([*BERAKHLAK, "M.01", "M.03", "SK.01", "T.01"])]
    expected_keys += [("B", k) for k in sorted([*BERAKHLAK, "M.02"])]
    assert list(zip(comp["nip"], comp["kompetensi_kode"], strict=True)) == expected_keys

    jenis = dict(zip(comp["kompetensi_kode"], comp["jenis"], strict=False))
    assert jenis["M.01"] == "manajerial" and jenis["SK.01"] == "sosial_kultural"
    assert jenis["T.01"] == "teknis" and jenis["B.03"] == "perilaku"

    standar_of = {
        (n, k): (None if pd.isna(s) else int(s))
        for n, k, s in zip(comp["nip"], comp["kompetensi_kode"], comp["standar"], strict=True)
    }
    assert standar_of[("A", "M.01")] == 3
    assert standar_of[("A", "SK.01")] == 2
    assert standar_of[("A", "T.01")] == 4
    assert standar_of[("A", "B.01")] is None  # perilaku has no standard even if listed
    assert standar_of[("A", "M.03")] is None
    assert standar_of[("B", "M.02")] == 1
    assert all(standar_of[("B", b)] is None for b in BERAKHLAK)

    assert cell(comp, "A", "M.01")["gap"] == 2.0  # 5 - 3
    assert cell(comp, "A", "SK.01")["gap"] == -1.0  # 1 - 2
    assert np.isnan(cell(comp, "A", "T.01")["gap"])  # not rated
    assert np.isnan(cell(comp, "A", "M.03")["gap"])  # no standard
    assert cell(comp, "A", "M.03")["skor"] == 4.0
    assert np.isnan(cell(comp, "B", "M.02")["skor"])
    assert cell(comp, "B", "M.02")["n_penilai"] == 0


def test_employee_without_any_rating_still_gets_standard_and_berakhlak_rows():
    comp, summ, _ = score([], roster_a(), std_j1())
    assert sorted(comp["kompetensi_kode"]) == sorted([*BERAKHLAK, "M.01", "SK.01"])
    assert comp["skor"].isna().all()
    assert (comp["n_penilai"] == 0).all()
    assert len(summ) == 1
    assert bool(row_of(summ, "A")["lengkap"]) is False


def test_categorical_ratings_score_like_plain_ones():
    rows = full_360(4, 2, 5) + [rating("A", "A", "diri", "M.01", 3)]
    plain, s_plain, _ = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}))
    cat, s_cat, _ = score(
        rows, roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}), categorical=True
    )
    # (0.5*4 + 0.3*2 + 0.2*5) = 3.6 everywhere
    assert cat["skor"].to_numpy() == pytest.approx([3.6] * 9, abs=1e-12)
    pd.testing.assert_frame_equal(plain, cat)
    pd.testing.assert_frame_equal(s_plain, s_cat)


# ---------------------------------------------------------------------- JPM


def test_jpm_is_100_times_sum_of_scores_over_sum_of_standards():
    std = standar({"J1": {"M.01": 3, "SK.01": 2, "T.01": 4}})
    rows = ratings("A", "S", "atasan", {"M.01": 4, "SK.01": 1, "T.01": 3, "M.02": 5})
    _, summ, _ = score(rows, roster_a(), std)
    # M.02 is not in the standard: 100 * (4 + 1 + 3) / (3 + 2 + 4) = 800 / 9
    assert row_of(summ, "A")["jpm"] == pytest.approx(800 / 9, abs=1e-9)
    assert row_of(summ, "A")["kategori_jpm"] == "cukup_optimal"


def test_jpm_exactly_90_from_integers_is_optimal():
    std = standar({"J1": {"M.01": 5, "SK.01": 5}})
    _, summ, _ = score(ratings("A", "S", "atasan", {"M.01": 4, "SK.01": 5}), roster_a(), std)
    assert row_of(summ, "A")["jpm"] == 90.0  # 100 * 9 / 10
    assert row_of(summ, "A")["kategori_jpm"] == "optimal"


def test_jpm_just_below_90_is_cukup_optimal():
    std = standar({"J1": {"M.01": 3, "M.02": 3, "M.03": 3}})
    rows = ratings("A", "S", "atasan", {"M.01": 3, "M.02": 3, "M.03": 2})
    _, summ, _ = score(rows, roster_a(), std)
    assert row_of(summ, "A")["jpm"] == pytest.approx(800 / 9, abs=1e-9)  # 88.9
    assert row_of(summ, "A")["kategori_jpm"] == "cukup_optimal"


def test_jpm_exactly_78_from_integers_is_cukup_optimal():
    # two supervisors: M.03 atasan mean (3 + 4)/2 = 3.5; sum 4+4+4+4+3.5 = 19.5 of 25
    codes = ("M.01", "M.02", "M.03", "SK.01", "T.01")
    std = standar({"J1": dict.fromkeys(codes, 5)})
    rows = same_score("A", "S1", "atasan", codes, 4)
    rows += ratings("A", "S2", "atasan", {"M.01": 4, "M.02": 4, "M.03": 3, "SK.01": 4, "T.01": 4})
    _, summ, _ = score(rows, roster_a(), std)
    assert row_of(summ, "A")["jpm"] == pytest.approx(78.0, abs=1e-12)
    assert row_of(summ, "A")["kategori_jpm"] == "cukup_optimal"


def test_jpm_just_below_78_is_kurang_optimal():
    std = standar({"J1": {"M.01": 3, "M.02": 3, "M.03": 3}})
    rows = ratings("A", "S", "atasan", {"M.01": 3, "M.02": 2, "M.03": 2})
    _, summ, _ = score(rows, roster_a(), std)
    assert row_of(summ, "A")["jpm"] == pytest.approx(700 / 9, abs=1e-9)  # 77.8
    assert row_of(summ, "A")["kategori_jpm"] == "kurang_optimal"
    assert row_of(summ, "A")["potensial"] == "rendah"


def test_floating_jpm_at_78_within_tolerance_is_cukup_optimal():
    # M.01 (std 2): atasan 1, peers 3, subordinates 1 -> 0.5 + 0.9 + 0.2 = 1.6
    # SK.01 (std 3): atasan 1, peers 4, subordinates 3 -> 0.5 + 1.2 + 0.6 = 2.3
    # jpm = 100 * 3.9 / 5 = 78 exactly, but not in binary floating point
    std = standar({"J1": {"M.01": 2, "SK.01": 3}})
    rows = same_score("A", "S", "atasan", ["M.01", "SK.01"], 1)
    for i in (1, 2, 3):
        rows += ratings("A", f"R{i}", "rekan", {"M.01": 3, "SK.01": 4})
        rows += ratings("A", f"W{i}", "bawahan", {"M.01": 1, "SK.01": 3})
    _, summ, _ = score(rows, roster_a(), std)
    exact = Fraction(100) * (Fraction(16, 10) + Fraction(23, 10)) / 5
    assert exact == 78
    assert 100 * ((0.5 * 1 + 0.3 * 3 + 0.2 * 1) + (0.5 * 1 + 0.3 * 4 + 0.2 * 3)) / 5 < 78
    assert row_of(summ, "A")["jpm"] == pytest.approx(78.0, abs=1e-9)
    assert row_of(summ, "A")["kategori_jpm"] == "cukup_optimal"


def test_floating_jpm_at_90_within_tolerance_is_optimal():
    # M.01 (std 2): atasan 1, peers 3, subordinates 2 -> 0.5 + 0.9 + 0.4 = 1.8; 100*1.8/2 = 90
    std = standar({"J1": {"M.01": 2}})
    rows = [rating("A", "S", "atasan", "M.01", 1)]
    rows += [rating("A", f"R{i}", "rekan", "M.01", 3) for i in (1, 2, 3)]
    rows += [rating("A", f"W{i}", "bawahan", "M.01", 2) for i in (1, 2, 3)]
    _, summ, _ = score(rows, roster_a(), std)
    assert 100 * (0.5 * 1 + 0.3 * 3 + 0.2 * 2) / 2 < 90
    assert row_of(summ, "A")["jpm"] == pytest.approx(90.0, abs=1e-9)
    assert row_of(summ, "A")["kategori_jpm"] == "optimal"


def test_jpm_is_empty_when_a_standard_competency_has_no_score():
    rows = ratings("A", "S", "atasan", {"M.01": 5})
    _, summ, _ = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}))
    r = row_of(summ, "A")
    assert pd.isna(r["jpm"])
    assert pd.isna(r["kategori_jpm"])
    assert pd.isna(r["potensial"])
    assert pd.isna(r["kotak"])


def test_jpm_is_empty_without_any_standard_competency():
    roster = pegawai(("A", "U", "J1"), ("B", "U", "J9"))
    rows = same_score("B", "S", "atasan", ["M.01", *BERAKHLAK], 4)
    _, summ, _ = score(rows, roster, std_j1())
    assert pd.isna(row_of(summ, "B")["jpm"])
    assert row_of(summ, "B")["skor_perilaku"] == 4.0


def test_jpm_cap_at_standard_caps_each_score_first():
    rows = ratings("A", "S", "atasan", {"M.01": 5, "SK.01": 1})
    comp, summ, _ = score(rows, roster_a(), std_j1())
    # uncapped: 100 * (5 + 1) / (3 + 2) = 120
    assert row_of(summ, "A")["jpm"] == pytest.approx(120.0, abs=1e-9)
    assert row_of(summ, "A")["kategori_jpm"] == "optimal"
    comp_c, summ_c, _ = score(rows, roster_a(), std_j1(), policy=Policy(jpm_cap_at_standard=True))
    # capped: 100 * (min(5,3) + min(1,2)) / 5 = 80
    assert row_of(summ_c, "A")["jpm"] == pytest.approx(80.0, abs=1e-9)
    assert row_of(summ_c, "A")["kategori_jpm"] == "cukup_optimal"
    # the cap is for the JPM only: skor and gap stay raw
    assert cell(comp_c, "A", "M.01")["skor"] == 5.0
    assert cell(comp_c, "A", "M.01")["gap"] == 2.0


def test_jpm_cap_keeps_empty_jpm_when_a_score_is_missing():
    rows = ratings("A", "S", "atasan", {"M.01": 5})
    _, summ, _ = score(rows, roster_a(), std_j1(), policy=Policy(jpm_cap_at_standard=True))
    assert pd.isna(row_of(summ, "A")["jpm"])


@pytest.mark.parametrize(
    ("jpm", "kategori"),
    [
        (150.0, "optimal"),
        (90.0, "optimal"),
        (90.0 - 5e-10, "optimal"),
        ((0.3 + 0.6) * 100, "optimal"),  # 89.99999999999999
        (90.0 - 1e-8, "cukup_optimal"),
        (89.99, "cukup_optimal"),
        (78.0, "cukup_optimal"),
        (78.0 - 5e-10, "cukup_optimal"),
        ((0.7 + 0.08) * 100, "cukup_optimal"),  # 77.99999999999999
        (78.0 - 1e-8, "kurang_optimal"),
        (77.99, "kurang_optimal"),
        (0.0, "kurang_optimal"),
    ],
)
def test_jpm_category_thresholds_with_tolerance(jpm, kategori):
    out = jpm_category(pd.Series([jpm]), Policy())
    assert out.iloc[0] == kategori


def test_jpm_category_of_empty_jpm_is_empty():
    out = jpm_category(pd.Series([np.nan, 95.0]), Policy())
    assert pd.isna(out.iloc[0])
    assert out.iloc[1] == "optimal"


# -------------------------------------------------------------------- perilaku


def test_skor_perilaku_is_the_mean_of_the_seven_values():
    scores = dict(zip(BERAKHLAK, (5, 4, 4, 3, 3, 3, 2), strict=True))
    rows = ratings("A", "S", "atasan", scores)
    _, summ, _ = score(rows, roster_a(), std_j1())
    assert row_of(summ, "A")["skor_perilaku"] == pytest.approx(24 / 7, abs=1e-12)
    assert row_of(summ, "A")["rating_perilaku"] == "sesuai"


def test_skor_perilaku_exactly_2_5_is_sesuai():
    rows = same_score("A", "S1", "atasan", BERAKHLAK, 2)
    rows += same_score("A", "S2", "atasan", BERAKHLAK, 3)
    _, summ, _ = score(rows, roster_a(), std_j1())
    assert row_of(summ, "A")["skor_perilaku"] == 2.5
    assert row_of(summ, "A")["rating_perilaku"] == "sesuai"


def test_skor_perilaku_below_2_5_is_di_bawah():
    scores = dict(zip(BERAKHLAK, (2, 2, 2, 3, 3, 3, 2), strict=True))
    _, summ, _ = score(ratings("A", "S", "atasan", scores), roster_a(), std_j1())
    assert row_of(summ, "A")["skor_perilaku"] == pytest.approx(17 / 7, abs=1e-12)
    assert row_of(summ, "A")["rating_perilaku"] == "di_bawah"


def test_skor_perilaku_is_empty_when_one_value_is_missing():
    rows = same_score("A", "S", "atasan", ["M.01", "SK.01", *BERAKHLAK[:6]], 5)
    _, summ, _ = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "di_atas"}))
    r = row_of(summ, "A")
    assert pd.isna(r["skor_perilaku"])
    assert pd.isna(r["rating_perilaku"])
    assert pd.isna(r["predikat"])
    assert pd.isna(r["kinerja"])
    assert pd.isna(r["kotak"])
    assert r["potensial"] == "tinggi"  # jpm 100*10/5 = 200 is still there
    assert bool(r["lengkap"]) is False


def test_behaviour_value_with_only_a_withheld_source_empties_skor_perilaku():
    rows = same_score("A", "S", "atasan", ["M.01", "SK.01", *BERAKHLAK[:6]], 4)
    rows += [rating("A", "R1", "rekan", "B.07", 4)]
    comp, summ, _ = score(rows, roster_a(), std_j1())
    assert np.isnan(cell(comp, "A", "B.07")["skor"])
    assert pd.isna(row_of(summ, "A")["skor_perilaku"])


@pytest.mark.parametrize(
    ("skor", "expected"),
    [
        (5.0, "di_atas"),
        (3.5, "di_atas"),
        (3.5 - 5e-10, "di_atas"),
        (3.5 - 1e-8, "sesuai"),
        (2.5, "sesuai"),
        (2.5 - 5e-10, "sesuai"),
        (2.5 - 1e-8, "di_bawah"),
        (1.0, "di_bawah"),
    ],
)
def test_perilaku_rating_thresholds_with_tolerance(skor, expected):
    assert perilaku_rating(pd.Series([skor]), Policy()).iloc[0] == expected


def test_perilaku_rating_of_empty_score_is_empty():
    assert pd.isna(perilaku_rating(pd.Series([np.nan]), Policy()).iloc[0])


# ------------------------------------------------------------- summary, lengkap


def test_summary_has_one_row_per_employee_with_contract_columns():
    roster = pegawai(("A", "U", "J1"), ("B", "V", "J1"), ("C", "V", "J1"))
    _, summ, _ = score(full_360(4, 3, 3), roster, std_j1(), hasil_kerja({"A": "sesuai"}))
    assert list(summ.columns) == [
        "periode",
        "nip",
        "nama",
        "unit_kerja",
        "jabatan",
        "jpm",
        "kategori_jpm",
        "skor_perilaku",
        "rating_perilaku",
        "rating_hasil_kerja",
        "predikat",
        "kinerja",
        "potensial",
        "kotak",
        "lengkap",
    ]
    assert summ["nip"].tolist() == ["A", "B", "C"]
    assert summ["unit_kerja"].tolist() == ["U", "V", "V"]
    assert row_of(summ, "A")["predikat"] == "baik"  # sesuai x di_atas
    assert row_of(summ, "A")["kotak"] == 8  # sesuai x tinggi


def test_complete_employee_is_lengkap():
    _, summ, _ = score(full_360(3, 3, 3), roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}))
    assert bool(row_of(summ, "A")["lengkap"]) is True


def test_missing_atasan_on_one_standard_competency_is_not_lengkap():
    rows = same_score("A", "S", "atasan", ["M.01", *BERAKHLAK], 3)
    for i in (1, 2, 3):
        rows += same_score("A", f"R{i}", "rekan", ALL_J1, 3)
    _, summ, _ = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}))
    r = row_of(summ, "A")
    assert r["jpm"] == pytest.approx(120.0, abs=1e-9)  # SK.01 still has a (peer) score
    assert r["predikat"] == "baik"
    assert bool(r["lengkap"]) is False


def test_missing_atasan_on_one_berakhlak_value_is_not_lengkap():
    rows = same_score("A", "S", "atasan", ["M.01", "SK.01", *BERAKHLAK[:6]], 3)
    for i in (1, 2, 3):
        rows += same_score("A", f"R{i}", "rekan", ALL_J1, 3)
    _, summ, _ = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}))
    # (0.5·3 + 0.3·3) / 0.8 is 2.9999999999999996 in floating point: equal within the tolerance
    assert row_of(summ, "A")["skor_perilaku"] == pytest.approx(3.0, abs=1e-9)
    assert bool(row_of(summ, "A")["lengkap"]) is False


def test_missing_hasil_kerja_is_not_lengkap_and_has_no_predikat():
    roster = pegawai(("A", "U", "J1"))
    _, summ, _ = score(
        full_360(4, 4, 4), roster, std_j1(), hasil_kerja({"A": "di_atas"}, periode="2024")
    )
    r = row_of(summ, "A")
    assert pd.isna(r["rating_hasil_kerja"])
    assert r["rating_perilaku"] == "di_atas"
    assert pd.isna(r["predikat"])
    assert pd.isna(r["kotak"])
    assert bool(r["lengkap"]) is False


def test_withheld_public_source_of_zero_weight_keeps_lengkap():
    rows = full_360(3, 3, 3) + [rating("A", "X1", "masyarakat", "M.01", 1)]
    _, summ, means = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}))
    assert means.loc[means["sumber"] == "masyarakat", "withheld"].all()
    assert bool(row_of(summ, "A")["lengkap"]) is True


def test_withheld_peer_of_zero_weight_keeps_lengkap():
    rows = same_score("A", "S", "atasan", ALL_J1, 3) + same_score("A", "R1", "rekan", ALL_J1, 3)
    policy = Policy().with_weights(rekan=0)
    _, summ, _ = score(rows, roster_a(), std_j1(), hasil_kerja({"A": "sesuai"}), policy=policy)
    assert bool(row_of(summ, "A")["lengkap"]) is True


def test_lengkap_of_one_employee_does_not_leak_to_another():
    roster = pegawai(("A", "U", "J1"), ("B", "U", "J1"))
    rows = full_360(3, 3, 3)
    rows += same_score("B", "S", "atasan", ALL_J1, 3) + same_score("B", "R1", "rekan", ALL_J1, 3)
    _, summ, _ = score(rows, roster, std_j1(), hasil_kerja({"A": "sesuai", "B": "sesuai"}))
    assert bool(row_of(summ, "A")["lengkap"]) is True
    assert bool(row_of(summ, "B")["lengkap"]) is False


# ---------------------------------------------------------------------- Policy


def test_policy_defaults_are_the_documented_local_policy():
    p = Policy()
    assert dict(p.weights) == {
        Source.SUPERVISOR: 0.5,
        Source.PEER: 0.3,
        Source.SUBORDINATE: 0.2,
        Source.SELF: 0.0,
        Source.PUBLIC: 0.0,
    }
    assert p.anonymity_k == 3
    assert p.anonymous_sources == {Source.PEER, Source.SUBORDINATE, Source.PUBLIC}
    assert p.tolerance == 1e-9
    assert p.jpm_cap_at_standard is False
    assert (p.jpm_optimal, p.jpm_cukup_optimal) == (90.0, 78.0)
    assert (p.perilaku_di_atas, p.perilaku_sesuai) == (3.5, 2.5)
    assert (p.leniency_threshold, p.leniency_min_cells) == (0.5, 5)
    assert p.leniency_sources == {Source.SUPERVISOR, Source.PEER, Source.SUBORDINATE}


def test_load_policy_without_path_gives_defaults():
    assert load_policy(None) == Policy()


def test_load_policy_reads_a_toml_file(tmp_path):
    path = tmp_path / "kebijakan.toml"
    path.write_text(
        "[weights]\natasan = 0.6\nrekan = 0.2\nbawahan = 0.2\n\n"
        "[scoring]\nanonymity_k = 4\njpm_cap_at_standard = true\n\n"
        '[calibration]\nleniency_min_cells = 3\nleniency_sources = ["atasan"]\n',
        encoding="utf-8",
    )
    p = load_policy(path)
    assert p.weights[Source.SUPERVISOR] == 0.6
    assert p.weights[Source.PEER] == 0.2
    assert p.weights[Source.SUBORDINATE] == 0.2
    assert p.weights[Source.SELF] == 0.0  # not listed: 0
    assert p.weights[Source.PUBLIC] == 0.0
    assert p.anonymity_k == 4
    assert p.jpm_cap_at_standard is True
    assert p.leniency_min_cells == 3
    assert p.leniency_sources == frozenset({Source.SUPERVISOR})
    assert p.tolerance == 1e-9  # untouched default


def test_policy_from_file_changes_the_score(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text("[weights]\natasan = 1\nrekan = 1\n", encoding="utf-8")
    rows = [rating("A", "S", "atasan", "M.01", 5)]
    rows += [rating("A", f"R{i}", "rekan", "M.01", 2) for i in (1, 2, 3)]
    rows += [rating("A", f"W{i}", "bawahan", "M.01", 1) for i in (1, 2, 3)]
    comp, _, _ = score(rows, roster_a(), std_j1(), policy=load_policy(path))
    # (1*5 + 1*2) / 2 = 3.5; bawahan weight 0
    assert cell(comp, "A", "M.01")["skor"] == pytest.approx(3.5, abs=1e-12)
    assert cell(comp, "A", "M.01")["n_penilai"] == 4


@pytest.mark.parametrize(
    "text",
    [
        "[weights]\natasan = -0.5\nrekan = 1\n",
        "[weights]\natasan = 0\nrekan = 0\nbawahan = 0\n",
        "[weights]\natasan = 'banyak'\n",
        "[weights]\nkepala = 0.5\n",
        "[weights]\natasan = nan\nrekan = 0.3\n",
        "[weights]\natasan = inf\nrekan = 0.3\n",
        "[scoring]\nanonymity_k = 0\n",
        "[scoring]\nunknown_setting = 1\n",
        "[scoring]\njpm_cap_at_standard = 'false'\n",
        "[scoring]\ntolerance = 'kecil'\n",
        "[scoring]\nanonymity_k = 2.5\n",
        "[calibration]\nleniency_sources = ['atasan', 'kepala']\n",
        "[weights\natasan = 1\n",  # not TOML
    ],
)
def test_invalid_policy_file_is_rejected_with_config_error(tmp_path, text):
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_policy(path)


def test_missing_policy_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError):
        load_policy(tmp_path / "tidak_ada.toml")


@pytest.mark.parametrize(
    "weights",
    [
        {"atasan": -1.0, "rekan": 1.0},
        {"atasan": 0.0},
        {},
        {"atasan": float("nan"), "rekan": 0.3},
        {"atasan": float("inf")},
        {"kepala": 1.0},
    ],
)
def test_invalid_weights_are_rejected(weights):
    with pytest.raises(ConfigError):
        Policy(weights=weights)


def test_policy_from_mapping_accepts_codes_as_keys():
    p = policy_from_mapping({"weights": {"atasan": 2, "diri": 1}})
    assert p.weights[Source.SUPERVISOR] == 2.0
    assert p.weights[Source.SELF] == 1.0
    assert p.weights[Source.PEER] == 0.0


def test_with_weights_returns_a_changed_copy():
    base = Policy()
    changed = base.with_weights(atasan=1.0, rekan=0.0)
    assert changed.weights[Source.SUPERVISOR] == 1.0
    assert changed.weights[Source.PEER] == 0.0
    assert changed.weights[Source.SUBORDINATE] == 0.2  # kept
    assert base.weights[Source.SUPERVISOR] == 0.5  # original unchanged
    assert base.weights[Source.PEER] == 0.3
    assert changed.anonymity_k == base.anonymity_k


def test_with_weights_validates_the_result():
    with pytest.raises(ConfigError):
        Policy().with_weights(atasan=0, rekan=0, bawahan=0)
    with pytest.raises(ConfigError):
        Policy().with_weights(rekan=-0.1)
    with pytest.raises(ConfigError):
        Policy().with_weights(kepala=0.5)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"jpm_cap_at_standard": "false"},
        {"anonymity_k": "3"},
        {"anonymity_k": True},
        {"tolerance": float("nan")},
        {"jpm_optimal": "90"},
        {"leniency_min_cells": 2.5},
        {"leniency_sources": frozenset({"atasan", "kepala"})},
    ],
)
def test_policy_settings_of_the_wrong_type_are_rejected(kwargs):
    with pytest.raises(ConfigError):
        Policy(**kwargs)


def test_policy_accepts_integers_for_float_settings_and_codes_for_sources():
    p = Policy(jpm_optimal=85, anonymous_sources=frozenset({"rekan"}))
    assert p.jpm_optimal == 85
    assert p.anonymous_sources == frozenset({Source.PEER})


def test_policy_weights_cannot_be_mutated():
    p = Policy()
    with pytest.raises(TypeError):
        p.weights[Source.SUPERVISOR] = 1.0  # type: ignore[index]


# ----------------------------------------------------------- hypothesis properties

RATERS = {
    "atasan": ["S1", "S2"],
    "rekan": ["R1", "R2", "R3", "R4"],
    "bawahan": ["W1", "W2", "W3"],
    "masyarakat": ["X1", "X2", "X3"],
    "diri": ["SELF"],
}
PROP_CODES = ("M.01", "SK.01", "B.01")
DEFAULT_W = {"atasan": 0.5, "rekan": 0.3, "bawahan": 0.2, "diri": 0.0, "masyarakat": 0.0}
ANON = {"rekan", "bawahan", "masyarakat"}

_one_rating = st.tuples(
    st.sampled_from(["A", "B"]),
    st.sampled_from([(s, r) for s, rs in RATERS.items() for r in rs]),
    st.sampled_from(PROP_CODES),
    st.integers(1, 5),
)
rating_sets = st.lists(
    _one_rating, min_size=1, max_size=40, unique_by=lambda t: (t[0], t[1][1], t[2])
)


def _rows(drawn) -> list:
    rows = []
    for ratee, (sumber, rater), kode, skor in drawn:
        rater = ratee if sumber == "diri" else rater
        rows.append(rating(ratee, rater, sumber, kode, skor))
    # a self rater is the ratee: keep one rating per (ratee, rater, kode)
    seen, out = set(), []
    for r in rows:
        key = (r[1], r[2], r[4])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _oracle(rows) -> dict:
    """Independent re-computation of DESIGN §4 steps 1–5: {(ratee, kode): (skor, means, n)}."""
    raters: dict = {}
    cells: dict = {}
    for _, ratee, rater, sumber, kode, skor, _ in rows:
        raters.setdefault((ratee, sumber), set()).add(rater)
        cells.setdefault((ratee, kode), {}).setdefault(sumber, []).append(skor)
    out = {}
    for (ratee, kode), by_source in cells.items():
        used, counted = {}, 0
        for sumber, scores in by_source.items():
            n_g = len(raters[(ratee, sumber)])
            withheld = sumber in ANON and 1 <= n_g < 3
            if DEFAULT_W[sumber] > 0 and not withheld:
                used[sumber] = Fraction(sum(scores), len(scores))
                counted += len(scores)
        if used:
            total_w = sum(Fraction(DEFAULT_W[s]).limit_denominator(10) for s in used)
            value = sum(Fraction(DEFAULT_W[s]).limit_denominator(10) * m for s, m in used.items())
            out[(ratee, kode)] = (float(value / total_w), used, counted)
        else:
            out[(ratee, kode)] = (math.nan, used, 0)
    return out


_roster_ab = pegawai(("A", "U", "J1"), ("B", "U", "J1"))
_prop_settings = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_prop_settings
@given(rating_sets)
def test_property_score_lies_within_the_source_means_that_formed_it(drawn):
    rows = _rows(drawn)
    comp, _, _ = score(rows, _roster_ab, std_j1())
    expected = _oracle(rows)
    for (ratee, kode), (value, used, counted) in expected.items():
        got = cell(comp, ratee, kode)["skor"]
        assert cell(comp, ratee, kode)["n_penilai"] == counted
        if not used:
            assert np.isnan(got)
            continue
        lo, hi = float(min(used.values())), float(max(used.values()))
        assert lo - 1e-9 <= got <= hi + 1e-9
        assert 1.0 - 1e-9 <= got <= 5.0 + 1e-9
        assert got == pytest.approx(value, abs=1e-9)


@_prop_settings
@given(rating_sets, st.randoms(use_true_random=False))
def test_property_scoring_is_invariant_to_row_order(drawn, rnd):
    rows = _rows(drawn)
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    hk = hasil_kerja({"A": "sesuai", "B": "di_atas"})
    comp1, summ1, _ = score(rows, _roster_ab, std_j1(), hk)
    comp2, summ2, _ = score(shuffled, _roster_ab, std_j1(), hk)
    pd.testing.assert_frame_equal(comp1, comp2, check_exact=False, rtol=0, atol=1e-12)
    pd.testing.assert_frame_equal(summ1, summ2, check_exact=False, rtol=0, atol=1e-12)


_RANK = {"kurang_optimal": 0, "cukup_optimal": 1, "optimal": 2}


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=0, max_value=250, allow_nan=False),
    st.floats(min_value=0, max_value=250, allow_nan=False),
)
def test_property_jpm_category_is_monotone_in_jpm(a, b):
    lo, hi = min(a, b), max(a, b)
    cats = jpm_category(pd.Series([lo, hi]), Policy())
    assert _RANK[cats.iloc[0]] <= _RANK[cats.iloc[1]]
    assert cats.iloc[1] == ("optimal" if hi >= 90 - 1e-9 else cats.iloc[1])
    assert cats.iloc[0] == ("kurang_optimal" if lo < 78 - 1e-9 else cats.iloc[0])


def test_penilaian_factory_keeps_the_given_rows():
    # guard for the helpers the properties rely on
    frame = penilaian([rating("A", "S", "atasan", "M.01", 4)])
    assert frame.iloc[0].tolist() == [PERIODE, "A", "S", "atasan", "M.01", 4, ""]


def test_pipeline_summary_equals_the_public_function_on_a_loaded_cohort(tmp_path):
    """score_dataset's summary is summarize_employees' on files read by the loader.

    A cohort with withheld peer groups (two peers each), employees without a
    hasil kerja rating and one employee nobody rated; the loaded frames are
    categorical where the factories' are plain.
    """
    from kinerja.loaders import load_dataset
    from kinerja.pipeline import score_dataset
    from kinerja.synthetic import make_cohort, write_cohort

    write_cohort(make_cohort(120, seed=3), tmp_path)
    hasil = pd.read_csv(tmp_path / "hasil_kerja.csv", dtype=str)
    hasil = hasil[hasil.index % 7 != 0]  # some have none
    hasil.to_csv(tmp_path / "hasil_kerja.csv", index=False)
    ratings = pd.read_csv(tmp_path / "penilaian.csv", dtype=str, keep_default_na=False)
    ratees = ratings["nip_dinilai"].drop_duplicates()
    lonely = ratees.iloc[0]
    # every fifth ratee loses one peer: two peers are fewer than k = 3, the group is withheld
    peers = ratings[ratings["sumber"].eq("rekan") & ratings["nip_dinilai"].isin(ratees.iloc[1::5])]
    dropped = peers.drop_duplicates("nip_dinilai")[["nip_dinilai", "nip_penilai"]]
    merged = ratings.merge(dropped, how="left", indicator=True)
    gone = merged["_merge"].eq("both").to_numpy() | ratings["nip_dinilai"].eq(lonely).to_numpy()
    ratings[~gone].to_csv(tmp_path / "penilaian.csv", index=False)
    dataset = load_dataset(tmp_path)

    scores = score_dataset(dataset, "2025")
    expected = summarize_employees(
        scores.kompetensi,
        dataset.pegawai,
        dataset.hasil_kerja,
        scores.means,
        periode="2025",
    )
    pd.testing.assert_frame_equal(scores.ringkasan_awal, expected)
    summary = scores.ringkasan_awal.set_index("nip")
    assert pd.isna(summary.loc[lonely, "skor_perilaku"])
    assert summary["rating_hasil_kerja"].notna().sum() == len(hasil)
    assert 0 < summary["lengkap"].sum() < len(summary)
    assert scores.means["withheld"].any()


def test_summary_refuses_a_nip_listed_twice_in_the_roster_or_the_hasil_kerja():
    comp, _, means = score(full_360(3, 3, 3), roster_a(), std_j1())
    twice = pegawai(("A", "U", "J1"), ("A", "V", "J1"))
    with pytest.raises(ValueError, match="pegawai: satu NIP tercantum dua kali"):
        summarize_employees(comp, twice, hasil_kerja({}), means, periode=PERIODE)
    hasil = pd.concat([hasil_kerja({"A": "sesuai"}), hasil_kerja({"A": "di_atas"})])
    with pytest.raises(ValueError, match="hasil_kerja: satu NIP punya dua rating"):
        summarize_employees(comp, roster_a(), hasil, means, periode=PERIODE)
    other_period = pd.concat([hasil_kerja({"A": "sesuai"}), hasil_kerja({"A": "di_atas"}, "2024")])
    summary = summarize_employees(comp, roster_a(), other_period, means, periode=PERIODE)
    assert summary["rating_hasil_kerja"].tolist() == ["sesuai"]
