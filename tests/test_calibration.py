"""Calibration rules of DESIGN.md §5 with hand-computed values.

Rater leniency (``penilai.csv``), the SE MenPANRB 3/2023 distribution check
(``distribusi.csv``) and calibration adjustments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja import reference
from kinerja.calibration import (
    apply_adjustments,
    check_distribution,
    latest_adjustments,
    rater_deviations,
    rater_leniency,
)
from kinerja.config import Policy
from tests.factories import PERIODE, penilaian, predikat_summary, rating, unit_kerja

FIVE = ("M.01", "M.02", "M.03", "SK.01", "T.01")


def leniency(rows, policy=None) -> pd.DataFrame:
    return rater_leniency(penilaian(rows), periode=PERIODE, policy=policy)


def by_rater(table: pd.DataFrame) -> dict[str, tuple[int, float, str]]:
    return {r.nip_penilai: (r.n_sel, r.deviasi, r.label) for r in table.itertuples()}


def three_rater_cells(codes, skor_l: int, skor_o1: int, skor_o2: int) -> list:
    """Ratee A: L (atasan), O1 (rekan), O2 (bawahan) rate every code in ``codes``."""
    rows = []
    for kode in codes:
        rows += [
            rating("A", "L", "atasan", kode, skor_l),
            rating("A", "O1", "rekan", kode, skor_o1),
            rating("A", "O2", "bawahan", kode, skor_o2),
        ]
    return rows


# ---------------------------------------------------------------------- leniency


def test_deviation_is_against_the_mean_of_the_other_raters():
    rows = [
        rating("A", "S", "atasan", "M.01", 5),
        rating("A", "R1", "rekan", "M.01", 3),
        rating("A", "W1", "bawahan", "M.01", 4),
        rating("A", "A", "diri", "M.01", 1),
        rating("A", "X1", "masyarakat", "M.01", 1),
    ]
    dev = rater_deviations(penilaian(rows), periode=PERIODE)
    d = dict(zip(dev["nip_penilai"], dev["d"], strict=True))
    # S: 5 - (3+4)/2 = 1.5; R1: 3 - (5+4)/2 = -1.5; W1: 4 - (5+3)/2 = 0
    assert d == {"S": pytest.approx(1.5), "R1": pytest.approx(-1.5), "W1": pytest.approx(0.0)}
    assert set(dev["nip_dinilai"]) == {"A"}
    assert set(dev["kompetensi_kode"]) == {"M.01"}
    table = by_rater(leniency(rows))
    assert table["S"] == (1, pytest.approx(1.5), "wajar")  # n_sel 1 < 5
    assert set(table) == {"R1", "S", "W1"}


def test_self_and_public_raters_are_not_compared():
    rows = [
        rating("A", "S", "atasan", "M.01", 5),
        rating("A", "A", "diri", "M.01", 1),
        rating("A", "X1", "masyarakat", "M.01", 1),
        rating("A", "X2", "masyarakat", "M.01", 1),
    ]
    # S is the only leniency-source rater of the cell: nothing comparable
    assert rater_deviations(penilaian(rows), periode=PERIODE).empty
    table = leniency(rows)
    assert table.empty
    assert list(table.columns) == ["periode", "nip_penilai", "n_sel", "deviasi", "label"]


def test_cell_with_a_single_rater_is_not_comparable():
    rows = [rating("A", "S", "atasan", "M.01", 5), rating("A", "R1", "rekan", "M.02", 1)]
    rows += [rating("B", "S", "atasan", "M.01", 4), rating("B", "R1", "rekan", "M.01", 2)]
    table = by_rater(leniency(rows))
    # only cell (B, M.01) is comparable: S 4 - 2 = 2, R1 2 - 4 = -2
    assert table == {"R1": (1, -2.0, "wajar"), "S": (1, 2.0, "wajar")}


def test_deviasi_exactly_0_5_over_5_cells_is_lunak():
    table = by_rater(leniency(three_rater_cells(FIVE, 4, 3, 4)))
    # L: 4 - (3+4)/2 = 0.5; O1: 3 - (4+4)/2 = -1; O2: 4 - (4+3)/2 = 0.5
    assert table["L"] == (5, 0.5, "lunak")
    assert table["O1"] == (5, -1.0, "keras")
    assert table["O2"] == (5, 0.5, "lunak")


def test_deviasi_0_5_over_4_cells_is_wajar():
    table = by_rater(leniency(three_rater_cells(FIVE[:4], 4, 3, 4)))
    assert table["L"] == (4, 0.5, "wajar")
    assert table["O1"] == (4, -1.0, "wajar")


def test_deviasi_exactly_minus_0_5_over_5_cells_is_keras():
    table = by_rater(leniency(three_rater_cells(FIVE, 3, 3, 4)))
    # L: 3 - (3+4)/2 = -0.5; O1: 3 - (3+4)/2 = -0.5; O2: 4 - (3+3)/2 = 1
    assert table["L"] == (5, -0.5, "keras")
    assert table["O1"] == (5, -0.5, "keras")
    assert table["O2"] == (5, 1.0, "lunak")


def test_deviasi_just_under_0_5_is_wajar_unless_tolerance_allows_it():
    rows = three_rater_cells(FIVE[:4], 4, 3, 4) + three_rater_cells(["B.01"], 4, 4, 4)
    # L: d = 0.5 on four cells and 0 on one: deviasi 2/5 = 0.4
    assert by_rater(leniency(rows))["L"] == (5, pytest.approx(0.4), "wajar")
    loose = by_rater(leniency(rows, Policy(tolerance=0.1 + 1e-12)))
    assert loose["L"][2] == "lunak"


def test_leniency_threshold_and_minimum_cells_come_from_policy():
    rows = three_rater_cells(FIVE[:2], 4, 3, 4)
    table = by_rater(leniency(rows, Policy(leniency_min_cells=2, leniency_threshold=1.0)))
    assert table["L"] == (2, 0.5, "wajar")  # 0.5 < 1.0
    assert table["O1"] == (2, -1.0, "keras")  # -1 <= -1.0


def test_n_sel_counts_cells_across_ratees_and_ignores_other_periods():
    rows = []
    for ratee in ("A", "B", "C"):
        for kode in ("M.01", "M.02"):
            rows += [rating(ratee, "L", "rekan", kode, 5), rating(ratee, "O", "rekan", kode, 4)]
    rows += [
        rating("A", "L", "rekan", "B.01", 1, "2024"),
        rating("A", "O", "rekan", "B.01", 5, "2024"),
    ]
    table = by_rater(leniency(rows))
    assert table["L"] == (6, 1.0, "lunak")
    assert table["O"] == (6, -1.0, "keras")


def test_leniency_table_is_sorted_by_rater_and_typed():
    rows = [rating("A", "Z9", "atasan", "M.01", 5), rating("A", "B2", "rekan", "M.01", 3)]
    rows += [rating("A", "M5", "bawahan", "M.01", 4)]
    table = leniency(rows)
    assert table["nip_penilai"].tolist() == ["B2", "M5", "Z9"]
    assert table["periode"].tolist() == [PERIODE] * 3
    assert table["n_sel"].tolist() == [1, 1, 1]


def test_categorical_ratings_give_the_same_leniency():
    rows = three_rater_cells(FIVE, 4, 3, 4)
    plain = rater_leniency(penilaian(rows), periode=PERIODE)
    cat = rater_leniency(penilaian(rows, categorical=True), periode=PERIODE)
    assert by_rater(plain) == by_rater(cat)


# ------------------------------------------------------------------ distribution


def check(counts, predikat_organisasi, *, tanpa_predikat=None) -> pd.DataFrame:
    summary = predikat_summary({"U": counts}, tanpa_predikat=tanpa_predikat)
    return check_distribution(summary, unit_kerja({"U": predikat_organisasi}), periode=PERIODE)


def rules(out: pd.DataFrame) -> dict[tuple[str, str], tuple[int, int, int, str]]:
    return {
        (r.aturan, r.predikat): (int(r.jumlah), int(r.batas), int(r.selisih), r.status)
        for r in out.itertuples()
    }


def test_distribution_output_has_the_contract_columns_and_one_row_per_rule():
    out = check({"baik": 2, "sangat_baik": 1}, "baik")
    assert list(out.columns) == [
        "periode",
        "unit_kerja",
        "predikat_organisasi",
        "aturan",
        "predikat",
        "jumlah",
        "batas",
        "status",
        "selisih",
    ]
    assert len(out) == 3
    assert set(out["unit_kerja"]) == {"U"}
    assert set(out["predikat_organisasi"]) == {"baik"}
    assert set(out["periode"]) == {PERIODE}


def test_istimewa_at_n_3_allows_floor_2_1_sangat_baik():
    assert rules(check({"sangat_baik": 2, "baik": 1}, "istimewa")) == {
        ("maks", "sangat_baik"): (2, 2, 0, "ok"),  # floor(0.7*3) = 2
        ("terbanyak", "sangat_baik"): (2, 1, 0, "ok"),
    }


def test_istimewa_with_all_sangat_baik_must_move_one_out():
    assert rules(check({"sangat_baik": 3}, "istimewa")) == {
        ("maks", "sangat_baik"): (3, 2, -1, "melanggar"),
        ("terbanyak", "sangat_baik"): (3, 0, 0, "ok"),
    }


def test_istimewa_sangat_baik_not_the_largest_group_violates_terbanyak():
    assert rules(check({"sangat_baik": 1, "baik": 2}, "istimewa")) == {
        ("maks", "sangat_baik"): (1, 2, 0, "ok"),
        ("terbanyak", "sangat_baik"): (1, 2, 1, "melanggar"),
    }


def test_terbanyak_allows_ties():
    got = rules(check({"sangat_baik": 2, "baik": 2, "butuh_perbaikan": 1}, "istimewa"))
    assert got[("terbanyak", "sangat_baik")] == (2, 2, 0, "ok")
    assert got[("maks", "sangat_baik")] == (2, 3, 0, "ok")  # floor(3.5) = 3


def test_maks_floor_is_taken_within_tolerance_at_n_90():
    # 0.7 * 90 is 62.99999999999999 in floating point; the limit is 63
    assert 0.7 * 90 < 63
    got = rules(check({"sangat_baik": 63, "baik": 27}, "istimewa"))
    assert got[("maks", "sangat_baik")] == (63, 63, 0, "ok")
    got = rules(check({"sangat_baik": 64, "baik": 26}, "istimewa"))
    assert got[("maks", "sangat_baik")] == (64, 63, -1, "melanggar")


def test_baik_at_n_10_allows_exactly_7_baik():
    assert rules(check({"baik": 7, "sangat_baik": 2, "butuh_perbaikan": 1}, "baik")) == {
        ("maks", "baik"): (7, 7, 0, "ok"),
        ("terbanyak", "baik"): (7, 2, 0, "ok"),
        ("min_jumlah", "butuh_perbaikan+kurang_misconduct"): (1, 1, 0, "ok"),
    }


def test_baik_min_jumlah_counts_both_predikat():
    got = rules(check({"baik": 8, "kurang_misconduct": 1, "butuh_perbaikan": 1}, "baik"))
    assert got[("min_jumlah", "butuh_perbaikan+kurang_misconduct")] == (2, 1, 0, "ok")
    assert got[("maks", "baik")] == (8, 7, -1, "melanggar")
    only_km = rules(check({"baik": 2, "kurang_misconduct": 1}, "baik"))
    assert only_km[("min_jumlah", "butuh_perbaikan+kurang_misconduct")] == (1, 1, 0, "ok")


def test_baik_without_butuh_perbaikan_or_misconduct_violates_min_jumlah():
    assert rules(check({"baik": 2, "sangat_baik": 1}, "baik")) == {
        ("maks", "baik"): (2, 2, 0, "ok"),  # floor(2.1) = 2
        ("terbanyak", "baik"): (2, 1, 0, "ok"),
        ("min_jumlah", "butuh_perbaikan+kurang_misconduct"): (0, 1, 1, "melanggar"),
    }


def test_butuh_perbaikan_at_n_5_needs_ceil_3_0_and_no_sangat_baik():
    assert rules(check({"butuh_perbaikan": 3, "sangat_baik": 1, "baik": 1}, "butuh_perbaikan")) == {
        ("min", "butuh_perbaikan"): (3, 3, 0, "ok"),  # ceil(0.6*5) = 3
        ("maks", "sangat_baik"): (1, 0, -1, "melanggar"),  # floor(0.5) = 0
    }


def test_butuh_perbaikan_short_of_60_percent_needs_more():
    got = rules(check({"butuh_perbaikan": 2, "baik": 3}, "butuh_perbaikan"))
    assert got[("min", "butuh_perbaikan")] == (2, 3, 1, "melanggar")
    assert got[("maks", "sangat_baik")] == (0, 0, 0, "ok")


def test_kurang_at_n_3_rounds_shares_up_for_minimums():
    assert rules(check({"kurang_misconduct": 2, "butuh_perbaikan": 1}, "kurang")) == {
        ("min", "kurang_misconduct"): (2, 2, 0, "ok"),  # ceil(1.8) = 2
        ("min", "butuh_perbaikan"): (1, 1, 0, "ok"),  # ceil(0.3) = 1
        ("maks", "sangat_baik"): (0, 0, 0, "ok"),  # floor(0.3) = 0
    }


def test_kurang_violations_report_positive_selisih():
    assert rules(check({"kurang_misconduct": 1, "baik": 2}, "kurang")) == {
        ("min", "kurang_misconduct"): (1, 2, 1, "melanggar"),
        ("min", "butuh_perbaikan"): (0, 1, 1, "melanggar"),
        ("maks", "sangat_baik"): (0, 0, 0, "ok"),
    }


def test_sangat_kurang_allows_no_sangat_baik_at_all():
    got = rules(
        check(
            {"sangat_kurang": 6, "butuh_perbaikan": 1, "sangat_baik": 1, "baik": 2}, "sangat_kurang"
        )
    )
    assert got == {
        ("min", "sangat_kurang"): (6, 6, 0, "ok"),
        ("min", "butuh_perbaikan+kurang_misconduct"): (1, 1, 0, "ok"),  # ceil(1.0) = 1
        ("maks", "sangat_baik"): (1, 0, -1, "melanggar"),  # maks 0 %
    }


def test_sangat_kurang_two_predikat_minimum_counts_both():
    got = rules(
        check({"sangat_kurang": 3, "kurang_misconduct": 1, "butuh_perbaikan": 1}, "sangat_kurang")
    )
    assert got == {
        ("min", "sangat_kurang"): (3, 3, 0, "ok"),
        ("min", "butuh_perbaikan+kurang_misconduct"): (2, 1, 0, "ok"),  # ceil(0.5) = 1
        ("maks", "sangat_baik"): (0, 0, 0, "ok"),
    }


def test_n_counts_only_employees_with_a_predikat():
    # 3 with a predikat, 4 without: n = 3, so maks baik = floor(2.1) = 2 (not floor(4.9))
    got = rules(check({"baik": 3}, "baik", tanpa_predikat={"U": 4}))
    assert got[("maks", "baik")] == (3, 2, -1, "melanggar")


def test_min_ceiling_is_taken_within_tolerance(monkeypatch):
    # a share whose product with n lands just above an integer: 0.1*3 * 10 = 3.0000000000000004
    p = 0.1 * 3
    assert p * 10 > 3
    fake = pd.DataFrame(
        {
            "predikat_organisasi": ["baik", "baik"],
            "aturan": ["min", "maks"],
            "predikat": ["baik", "sangat_baik"],
            "proporsi": [p, p],
        }
    )
    monkeypatch.setattr(reference, "distribution_rules", lambda: fake.copy())
    got = rules(check({"baik": 3, "sangat_baik": 3, "butuh_perbaikan": 4}, "baik"))
    assert got[("min", "baik")] == (3, 3, 0, "ok")
    assert got[("maks", "sangat_baik")] == (3, 3, 0, "ok")


def test_units_missing_from_unit_kerja_get_no_rows():
    summary = predikat_summary({"U": {"baik": 2}, "V": {"sangat_baik": 5}, "W": {"baik": 1}})
    units = pd.concat(
        [unit_kerja({"U": "baik"}), unit_kerja({"W": "istimewa"}, periode="2024")],
        ignore_index=True,
    )
    out = check_distribution(summary, units, periode=PERIODE)
    assert set(out["unit_kerja"]) == {"U"}
    assert len(out) == 3


def test_each_unit_is_checked_against_its_own_predikat_organisasi():
    summary = predikat_summary(
        {"U": {"sangat_baik": 1, "baik": 2}, "V": {"sangat_baik": 1, "sangat_kurang": 2}}
    )
    out = check_distribution(
        summary, unit_kerja({"U": "istimewa", "V": "sangat_kurang"}), periode=PERIODE
    )
    u = rules(out[out["unit_kerja"] == "U"])
    v = rules(out[out["unit_kerja"] == "V"])
    assert u == {
        ("maks", "sangat_baik"): (1, 2, 0, "ok"),
        ("terbanyak", "sangat_baik"): (1, 2, 1, "melanggar"),
    }
    assert v == {
        ("min", "sangat_kurang"): (2, 2, 0, "ok"),  # ceil(1.8) = 2
        ("min", "butuh_perbaikan+kurang_misconduct"): (0, 1, 1, "melanggar"),
        ("maks", "sangat_baik"): (1, 0, -1, "melanggar"),
    }


def test_no_units_for_the_period_gives_an_empty_table():
    out = check_distribution(predikat_summary({"U": {"baik": 1}}), unit_kerja({}), periode=PERIODE)
    assert out.empty
    assert "selisih" in out.columns


# ------------------------------------------------------------------- adjustments


def summary() -> pd.DataFrame:
    """Three employees with outcomes derived by hand from DESIGN §4's tables."""
    return pd.DataFrame(
        {
            "periode": [PERIODE] * 3,
            "nip": ["A", "B", "C"],
            "unit_kerja": ["U", "U", "U"],
            "kategori_jpm": ["optimal", "cukup_optimal", "kurang_optimal"],
            "rating_hasil_kerja": ["sesuai", "di_atas", None],
            "rating_perilaku": ["sesuai", "di_atas", "sesuai"],
            "predikat": ["baik", "sangat_baik", None],
            "kinerja": ["sesuai", "di_atas", None],
            "potensial": ["tinggi", "menengah", "rendah"],
            "kotak": pd.array([8, 7, None], dtype="Int64"),
        }
    ).astype({c: object for c in ("rating_hasil_kerja", "rating_perilaku", "predikat")})


def adjustments(*rows: tuple[str, str, str, str, str]) -> pd.DataFrame:
    """Log rows ``(nip, field, new_value, when, periode)``."""
    return pd.DataFrame(
        {
            "periode": [r[4] for r in rows],
            "nip": [r[0] for r in rows],
            "field": [r[1] for r in rows],
            "old_value": ["" for _ in rows],
            "new_value": [r[2] for r in rows],
            "reason": ["rapat kalibrasi" for _ in rows],
            "who": ["fasilitator" for _ in rows],
            "when": [r[3] for r in rows],
        }
    )


T1, T2, T3 = "2026-01-10T09:00:00", "2026-01-10T10:00:00", "2026-01-11T08:00:00"


def test_latest_adjustment_wins_and_outcomes_are_derived_again():
    log = adjustments(
        ("A", "rating_perilaku", "di_atas", T1, PERIODE),
        ("A", "rating_perilaku", "di_bawah", T2, PERIODE),
    )
    out = apply_adjustments(summary(), log).set_index("nip")
    assert out.loc["A", "rating_perilaku"] == "di_bawah"
    assert out.loc["A", "predikat"] == "kurang_misconduct"  # sesuai x di_bawah
    assert out.loc["A", "kinerja"] == "di_bawah"
    assert out.loc["A", "potensial"] == "tinggi"
    assert out.loc["A", "kotak"] == 6  # di_bawah x tinggi


def test_latest_is_by_time_not_by_log_position():
    log = adjustments(
        ("A", "rating_perilaku", "di_bawah", T2, PERIODE),
        ("A", "rating_perilaku", "di_atas", T1, PERIODE),
    )
    out = apply_adjustments(summary(), log).set_index("nip")
    assert out.loc["A", "rating_perilaku"] == "di_bawah"


def test_same_time_adjustments_are_ordered_by_the_log():
    log = adjustments(
        ("A", "rating_hasil_kerja", "di_bawah", T1, PERIODE),
        ("A", "rating_hasil_kerja", "di_atas", T1, PERIODE),
    )
    out = apply_adjustments(summary(), log).set_index("nip")
    assert out.loc["A", "rating_hasil_kerja"] == "di_atas"
    assert out.loc["A", "predikat"] == "baik"  # di_atas x sesuai
    assert len(latest_adjustments(log)) == 1


def test_undo_by_a_newer_adjustment_restores_the_original_outcome():
    log = adjustments(
        ("B", "rating_perilaku", "sesuai", T1, PERIODE),
        ("B", "rating_perilaku", "di_atas", T2, PERIODE),
    )
    first = apply_adjustments(summary(), log.iloc[:1]).set_index("nip")
    assert first.loc["B", "predikat"] == "baik"  # di_atas x sesuai
    assert first.loc["B", "kotak"] == 5  # sesuai x menengah
    undone = apply_adjustments(summary(), log).set_index("nip")
    assert undone.loc["B", "rating_perilaku"] == "di_atas"
    assert undone.loc["B", "predikat"] == "sangat_baik"
    assert undone.loc["B", "kotak"] == 7


def test_adjusting_a_missing_hasil_kerja_gives_a_predikat():
    log = adjustments(("C", "rating_hasil_kerja", "di_atas", T1, PERIODE))
    out = apply_adjustments(summary(), log).set_index("nip")
    assert out.loc["C", "predikat"] == "baik"  # di_atas x sesuai
    assert out.loc["C", "kinerja"] == "sesuai"
    assert out.loc["C", "kotak"] == 2  # sesuai x rendah


def test_both_fields_of_one_employee_can_be_adjusted():
    log = adjustments(
        ("A", "rating_hasil_kerja", "di_bawah", T1, PERIODE),
        ("A", "rating_perilaku", "di_bawah", T2, PERIODE),
    )
    out = apply_adjustments(summary(), log).set_index("nip")
    assert out.loc["A", "predikat"] == "sangat_kurang"
    assert out.loc["A", "kotak"] == 6


def test_adjustments_of_other_periods_are_ignored():
    log = adjustments(("A", "rating_perilaku", "di_bawah", T3, "2024"))
    out = apply_adjustments(summary(), log).set_index("nip")
    assert out.loc["A", "rating_perilaku"] == "sesuai"
    assert out.loc["A", "predikat"] == "baik"
    assert not out["dikalibrasi"].any()


def test_dikalibrasi_marks_only_adjusted_employees():
    log = adjustments(
        ("A", "rating_perilaku", "di_bawah", T1, PERIODE),
        ("C", "rating_hasil_kerja", "sesuai", T2, PERIODE),
    )
    out = apply_adjustments(summary(), log)
    assert dict(zip(out["nip"], out["dikalibrasi"], strict=True)) == {
        "A": True,
        "B": False,
        "C": True,
    }


def test_input_summary_is_not_changed():
    before = summary()
    given = summary()
    log = adjustments(
        ("A", "rating_perilaku", "di_bawah", T1, PERIODE),
        ("C", "rating_hasil_kerja", "di_atas", T1, PERIODE),
    )
    apply_adjustments(given, log)
    pd.testing.assert_frame_equal(given, before)
    assert "dikalibrasi" not in given.columns


def test_no_adjustments_keep_every_value_and_flag_nothing():
    for log in (adjustments(), None):
        out = apply_adjustments(summary(), log)
        pd.testing.assert_frame_equal(out.drop(columns="dikalibrasi"), summary())
        assert out["dikalibrasi"].tolist() == [False, False, False]


def test_distribution_uses_the_calibrated_predikat():
    base = summary()
    units = unit_kerja({"U": "baik"})
    raw = rules(check_distribution(base, units, periode=PERIODE))
    assert raw[("min_jumlah", "butuh_perbaikan+kurang_misconduct")] == (0, 1, 1, "melanggar")
    log = adjustments(("A", "rating_perilaku", "di_bawah", T1, PERIODE))
    calibrated = apply_adjustments(base, log)
    got = rules(check_distribution(calibrated, units, periode=PERIODE))
    # A becomes kurang_misconduct; n = 2 (C has no predikat)
    assert got[("min_jumlah", "butuh_perbaikan+kurang_misconduct")] == (1, 1, 0, "ok")
    assert got[("maks", "baik")] == (0, 1, 0, "ok")  # floor(0.7*2) = 1
    assert got[("terbanyak", "baik")] == (0, 1, 1, "melanggar")


def test_summary_read_back_from_csv_without_any_hasil_kerja_can_be_adjusted(tmp_path):
    path = tmp_path / "ringkasan_pegawai.csv"
    summary().assign(rating_hasil_kerja=None, predikat=None, kinerja=None, kotak=None).to_csv(
        path, index=False
    )
    read_back = pd.read_csv(path, dtype={"periode": str})
    assert read_back["rating_hasil_kerja"].dtype.kind == "f"  # all empty: float NaN
    log = adjustments(("B", "rating_hasil_kerja", "sesuai", T1, PERIODE))
    out = apply_adjustments(read_back, log).set_index("nip")
    assert out.loc["B", "rating_hasil_kerja"] == "sesuai"
    assert out.loc["B", "predikat"] == "baik"  # sesuai x di_atas
    assert out.loc["B", "kotak"] == 5  # sesuai x menengah
    assert pd.isna(out.loc["A", "rating_hasil_kerja"])
    assert pd.isna(out.loc["A", "predikat"])
