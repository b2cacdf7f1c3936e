"""Inter-rater agreement (DESIGN.md §5): Krippendorff's alpha (interval) per
unit and competency, and the ratees whose raters disagree most.

Alpha is checked against Krippendorff's own worked example and against a
direct implementation of the definition written here:

    alpha = 1 − D_o / D_e, with squared (interval) distance,
    D_o = 1/n · Σ_u 1/(m_u − 1) · Σ_{i≠j in u} (v_i − v_j)²,
    D_e = 1/(n(n − 1)) · Σ_{i≠j over all pairable values} (v_i − v_j)²,

where u runs over ratees with m_u ≥ 2 ratings and n = Σ m_u.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kinerja.agreement import (
    AGREEMENT_COLUMNS,
    DISAGREEMENT_COLUMNS,
    agreement_by_unit,
    disagreement_by_ratee,
    krippendorff_alpha,
)
from kinerja.config import Policy
from tests.store_fixtures import SAMPLE_PERIODE, sample_dataset

PERIODE = "2025"

#: The hand-built frames below have one peer or subordinate per ratee; with k = 1 no
#: group is withheld, so they test the figures themselves (anonymity is tested apart).
NO_WITHHOLDING = Policy(anonymity_k=1)


def alpha_by_definition(units: list[list[int]]) -> float:
    """Interval alpha straight from the definition, over lists of values per unit."""
    units = [list(u) for u in units if len(u) >= 2]
    values = np.array([v for u in units for v in u], dtype=float)
    n = len(values)
    if n < 2:
        return math.nan
    d_o = (
        sum(((np.subtract.outer(u, u) ** 2).sum()) / (len(u) - 1) for u in map(np.asarray, units))
        / n
    )
    d_e = (np.subtract.outer(values, values) ** 2).sum() / (n * (n - 1))
    return math.nan if d_e == 0 else 1.0 - d_o / d_e


def counts_of(units: list[list[int]]) -> np.ndarray:
    """Ratees × values 1–5 count matrix of lists of scores."""
    out = np.zeros((len(units), 5), dtype=int)
    for i, u in enumerate(units):
        for v in u:
            out[i, v - 1] += 1
    return out


# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the example
# with missing data: 4 observers, 12 units, values 1–5 (None = not coded).
# Reported alphas: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
TEXTBOOK = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
TEXTBOOK_UNITS = [[obs[u] for obs in TEXTBOOK if obs[u] is not None] for u in range(12)]


# --------------------------------------------------------------------------- alpha itself


def test_alpha_is_one_when_every_ratee_gets_the_same_score_from_all_raters():
    assert krippendorff_alpha(
        counts_of([[3, 3, 3], [4, 4], [1, 1, 1, 1], [5, 5]])
    ) == pytest.approx(1.0)


def test_alpha_reproduces_krippendorffs_worked_example_interval_0_849():
    assert alpha_by_definition(TEXTBOOK_UNITS) == pytest.approx(0.849, abs=5e-4)
    assert krippendorff_alpha(counts_of(TEXTBOOK_UNITS)) == pytest.approx(0.849, abs=5e-4)
    assert krippendorff_alpha(counts_of(TEXTBOOK_UNITS)) == pytest.approx(
        alpha_by_definition(TEXTBOOK_UNITS), rel=1e-12
    )


def test_alpha_is_negative_when_raters_disagree_more_than_chance():
    # each ratee gets a 1 and a 5: D_o = 16, D_e = 128/12, alpha = 1 − 16·12/128 = −0.5
    units = [[1, 5], [1, 5]]
    assert alpha_by_definition(units) == pytest.approx(-0.5)
    assert krippendorff_alpha(counts_of(units)) == pytest.approx(-0.5)


@pytest.mark.parametrize("seed", range(6))
def test_alpha_equals_the_pairwise_definition_on_random_tables(seed):
    rng = np.random.default_rng(seed)
    units = [list(rng.integers(1, 6, size=rng.integers(1, 6))) for _ in range(rng.integers(3, 25))]
    expected = alpha_by_definition(units)
    assert not math.isnan(expected)
    assert krippendorff_alpha(counts_of(units)) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_ratees_with_a_single_rating_do_not_change_alpha():
    units = [[2, 3, 3], [4, 5], [1, 2, 2]]
    with_singles = [*units, [5], [1], [3]]
    assert krippendorff_alpha(counts_of(with_singles)) == pytest.approx(
        krippendorff_alpha(counts_of(units))
    )


@pytest.mark.parametrize(
    "units",
    [
        [[3], [4], [5]],  # nobody rated twice
        [[3, 3], [3, 3, 3]],  # every rating the same value: no variation to agree on
        [[4, 4], [2]],  # the only pairable values are all equal
        [],  # nothing at all
    ],
    ids=["single-ratings", "one-value", "one-pairable-value", "empty"],
)
def test_alpha_is_nan_when_it_cannot_be_computed(units):
    assert math.isnan(krippendorff_alpha(counts_of(units).reshape(len(units), 5)))


# ------------------------------------------------------------------------ per unit and competency


def ratings(rows: list[tuple[str, str, str, str, int]], periode: str = PERIODE) -> pd.DataFrame:
    """``penilaian`` rows from ``(ratee, rater, source, competency, score)``."""
    return pd.DataFrame(
        {
            "periode": periode,
            "nip_dinilai": [r[0] for r in rows],
            "nip_penilai": [r[1] for r in rows],
            "sumber": [r[2] for r in rows],
            "kompetensi_kode": [r[3] for r in rows],
            "skor": [r[4] for r in rows],
        }
    )


PEGAWAI = pd.DataFrame(
    {
        "nip": ["a1", "a2", "a3", "b1", "b2"],
        "unit_kerja": ["Unit A", "Unit A", "Unit A", "Unit B", "Unit B"],
    }
)

UNIT_RATINGS = ratings(
    [
        # Unit A, M.01: every ratee scored alike by all of its raters -> alpha 1
        ("a1", "a2", "atasan", "M.01", 3), ("a1", "a3", "rekan", "M.01", 3),
        ("a2", "a1", "atasan", "M.01", 4), ("a2", "a3", "rekan", "M.01", 4),
        ("a2", "b1", "bawahan", "M.01", 4),
        # Unit A, B.01: raters disagree
        ("a1", "a2", "atasan", "B.01", 2), ("a1", "a3", "rekan", "B.01", 4),
        ("a2", "a1", "atasan", "B.01", 3), ("a2", "a3", "rekan", "B.01", 5),
        ("a3", "a1", "atasan", "B.01", 1), ("a3", "a2", "rekan", "B.01", 2),
        ("a3", "b1", "bawahan", "B.01", 2),
        # Unit B, M.01: one rating per ratee -> alpha cannot be computed
        ("b1", "b2", "atasan", "M.01", 4), ("b2", "b1", "rekan", "M.01", 2),
    ]
)  # fmt: skip


def test_agreement_by_unit_gives_alpha_and_counts_per_unit_and_competency():
    out = agreement_by_unit(UNIT_RATINGS, PEGAWAI, periode=PERIODE, policy=NO_WITHHOLDING)
    assert list(out.columns) == list(AGREEMENT_COLUMNS)
    out = out.set_index(["unit_kerja", "kompetensi_kode"])
    assert set(out.index) == {("Unit A", "M.01"), ("Unit A", "B.01"), ("Unit B", "M.01")}
    assert out.loc[("Unit A", "M.01"), "alpha"] == pytest.approx(1.0)
    assert out.loc[("Unit A", "B.01"), "alpha"] == pytest.approx(
        alpha_by_definition([[2, 4], [3, 5], [1, 2, 2]])
    )
    assert math.isnan(out.loc[("Unit B", "M.01"), "alpha"])
    assert out.loc[("Unit A", "M.01"), ["n_dinilai", "n_penilaian"]].tolist() == [2, 5]
    assert out.loc[("Unit A", "B.01"), ["n_dinilai", "n_penilaian"]].tolist() == [3, 7]
    assert out.loc[("Unit B", "M.01"), ["n_dinilai", "n_penilaian"]].tolist() == [0, 0]
    assert set(out["periode"]) == {PERIODE}


def test_agreement_ignores_self_and_public_ratings_and_other_periods():
    noise = pd.concat(
        [
            ratings([("a1", "a1", "diri", "M.01", 5), ("a1", "R-01", "masyarakat", "M.01", 1)]),
            ratings([("a1", "a2", "atasan", "M.01", 1), ("a2", "a3", "rekan", "M.01", 5)], "2024"),
        ]
    )
    plain = agreement_by_unit(UNIT_RATINGS, PEGAWAI, periode=PERIODE)
    noisy = agreement_by_unit(
        pd.concat([UNIT_RATINGS, noise], ignore_index=True), PEGAWAI, periode=PERIODE
    )
    pd.testing.assert_frame_equal(noisy, plain)


def _without_small_groups(penilaian: pd.DataFrame, k: int = 3) -> pd.DataFrame:
    """Ratings of the period without peer/subordinate/public groups of 1 to k − 1 raters
    of a ratee (DESIGN §4 step 2, counted here independently of kinerja.scoring)."""
    p = penilaian.loc[penilaian["periode"].astype(str) == SAMPLE_PERIODE].astype(
        {"nip_dinilai": str, "sumber": str, "nip_penilai": str}
    )
    n = p.groupby(["nip_dinilai", "sumber"])["nip_penilai"].transform("nunique")
    small = p["sumber"].isin(["rekan", "bawahan", "masyarakat"]) & (n < k)
    return p.loc[~small]


def test_agreement_on_the_sample_data_equals_the_definition_for_every_unit_and_competency():
    ds = sample_dataset()
    out = agreement_by_unit(ds.penilaian, ds.pegawai, periode=SAMPLE_PERIODE)
    p = _without_small_groups(ds.penilaian)
    p = p.loc[p["sumber"].isin(["atasan", "rekan", "bawahan"])].merge(
        ds.pegawai[["nip", "unit_kerja"]], left_on="nip_dinilai", right_on="nip"
    )
    expected = {
        key: alpha_by_definition(
            [g["skor"].astype(int).tolist() for _, g in block.groupby("nip_dinilai", observed=True)]
        )
        for key, block in p.groupby(["unit_kerja", "kompetensi_kode"], observed=True)
    }
    got = {(r.unit_kerja, r.kompetensi_kode): r.alpha for r in out.itertuples()}
    assert set(got) == set(expected)
    assert sum(not math.isnan(v) for v in got.values()) > 0.9 * len(got)
    for key, value in expected.items():
        if math.isnan(value):
            assert math.isnan(got[key]), key
        else:
            assert got[key] == pytest.approx(value, rel=1e-9, abs=1e-12), key


def test_agreement_is_empty_when_the_period_has_no_comparable_ratings():
    only_self = ratings([("a1", "a1", "diri", "M.01", 3), ("a2", "a2", "diri", "M.01", 4)])
    for frame, periode in ((only_self, PERIODE), (UNIT_RATINGS, "2024")):
        out = agreement_by_unit(frame, PEGAWAI, periode=periode)
        assert out.empty
        assert list(out.columns) == list(AGREEMENT_COLUMNS)


# --------------------------------------------------------------------------- disagreement per ratee


def test_the_ratee_whose_raters_disagree_most_ranks_first():
    rows = ratings(
        [
            # x: raters agree everywhere (range 0)
            ("x", "r1", "atasan", "M.01", 4), ("x", "r2", "rekan", "M.01", 4),
            ("x", "r1", "atasan", "B.01", 3), ("x", "r2", "rekan", "B.01", 3),
            ("x", "x", "diri", "B.01", 1),  # self rating does not count
            # y: range 4 on M.01 (1 vs 5), 0 on B.01 -> mean 2.0
            ("y", "r1", "atasan", "M.01", 1), ("y", "r2", "rekan", "M.01", 5),
            ("y", "r3", "bawahan", "M.01", 3),
            ("y", "r1", "atasan", "B.01", 3), ("y", "r2", "rekan", "B.01", 3),
            # z: range 1 on M.01 -> mean 1.0; its B.01 has a single rater (not a cell)
            ("z", "r1", "atasan", "M.01", 2), ("z", "r2", "rekan", "M.01", 3),
            ("z", "r1", "atasan", "B.01", 5),
        ]
    )  # fmt: skip
    peg = pd.DataFrame({"nip": ["x", "y", "z"], "unit_kerja": ["U", "U", "V"]})
    out = disagreement_by_ratee(rows, peg, periode=PERIODE, policy=NO_WITHHOLDING)
    assert list(out.columns) == list(DISAGREEMENT_COLUMNS)
    assert out["nip"].tolist() == ["y", "z", "x"]
    y = out.iloc[0]
    assert (y["sebaran"], y["n_sel"], y["kompetensi_terbesar"], y["rentang_terbesar"]) == (
        2.0,
        2,
        "M.01",
        4,
    )
    assert out.set_index("nip").loc["z", ["sebaran", "n_sel"]].tolist() == [1.0, 1]
    assert out.set_index("nip").loc["x", "sebaran"] == 0.0
    assert out["unit_kerja"].tolist() == ["U", "V", "U"]


def test_disagreement_is_empty_when_no_cell_has_two_raters():
    rows = ratings([("x", "r1", "atasan", "M.01", 4), ("x", "x", "diri", "M.01", 1)])
    out = disagreement_by_ratee(
        rows, pd.DataFrame({"nip": ["x"], "unit_kerja": ["U"]}), periode=PERIODE
    )
    assert out.empty
    assert list(out.columns) == list(DISAGREEMENT_COLUMNS)


def test_disagreement_on_the_sample_data_is_sorted_most_first_and_matches_the_ratings():
    ds = sample_dataset()
    out = disagreement_by_ratee(ds.penilaian, ds.pegawai, periode=SAMPLE_PERIODE)
    assert len(out) > 100
    assert out["sebaran"].is_monotonic_decreasing
    top = out.iloc[0]
    p = _without_small_groups(ds.penilaian)
    mine = p.loc[
        (p["nip_dinilai"] == top["nip"]) & p["sumber"].isin(["atasan", "rekan", "bawahan"])
    ]
    cells = mine.groupby("kompetensi_kode", observed=True)["skor"].agg(["min", "max", "size"])
    cells = cells.loc[cells["size"] >= 2]
    assert top["sebaran"] == pytest.approx((cells["max"] - cells["min"]).astype(float).mean())
    assert top["n_sel"] == len(cells)
    assert top["rentang_terbesar"] == (cells["max"] - cells["min"]).max()
