"""Workshop logic (kinerja/workshop.py): the shared vignette room, one employee
scored live, the planted-rater figures and the weight sensitivity."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from kinerja.config import Policy
from kinerja.errors import ConfigError
from kinerja.pipeline import score_dataset
from kinerja.synthetic import make_cohort
from kinerja.workshop import (
    PLANTED_AS_FOUND,
    WorkshopRoom,
    class_spread,
    cohort_dataset,
    policy_from_sliders,
    rater_effect_figures,
    rater_effects,
    room_path,
    sample_dataset,
    score_one,
    weight_sensitivity,
    workshop_cohort,
)

PERIODE = "2025"


@pytest.fixture
def room_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KINERJA_LOKAKARYA_DIR", str(tmp_path))
    return tmp_path


# --------------------------------------------------------------------------- the room


def test_two_room_instances_share_the_answers_of_one_class(room_dir: Path):
    first, second = WorkshopRoom("kelas-a"), WorkshopRoom("kelas-a")  # two kernels, one class
    assert first.submit("Ani", {"M.01": 3, "M.02": 4, "B.01": None}) == 2
    assert second.submit("Budi", {"M.01": 2}) == 1
    for room in (first, second):
        got = room.answers().sort_values(["peserta", "kompetensi_kode"])
        assert got[["peserta", "kompetensi_kode", "skor"]].values.tolist() == [
            ["Ani", "M.01", 3],
            ["Ani", "M.02", 4],
            ["Budi", "M.01", 2],
        ]
    second.submit(" Ani ", {"M.01": 5})  # a newer answer replaces the old one
    latest = first.answers().set_index(["peserta", "kompetensi_kode"])["skor"]
    assert latest[("Ani", "M.01")] == 5 and len(latest) == 3
    assert room_path("kelas-a").parent == room_dir and room_path("kelas-a").is_file()

    other = WorkshopRoom("kelas-b")  # another class code is another room
    assert other.answers().empty


def test_room_refuses_a_nameless_participant_and_stays_in_its_folder(room_dir: Path):
    room = WorkshopRoom("kelas")
    with pytest.raises(ValueError):
        room.submit("   ", {"M.01": 3})
    assert room.submit("Ani", {"M.01": None}) == 0
    assert room.answers().empty
    escaped = room_path("../../etc/x y")
    assert escaped.parent == room_dir and "/" not in escaped.name


def test_class_spread_per_competency_and_agreement():
    answers = pd.DataFrame(
        {
            "peserta": ["A", "B", "A", "B"],
            "kompetensi_kode": ["M.01", "M.01", "M.02", "M.02"],
            "skor": [2, 2, 5, 5],
        }
    )
    table, alpha = class_spread(answers)
    t = table.set_index("kompetensi_kode")
    assert t.loc["M.01", "rata_rata"] == 2 and t.loc["M.02", "simpangan"] == 0
    assert alpha == pytest.approx(1.0)  # everyone agrees, competencies differ
    answers.loc[1, "skor"] = 5
    answers.loc[3, "skor"] = 2
    _, alpha = class_spread(answers)
    assert alpha < 0  # systematic disagreement
    empty, nan = class_spread(answers.iloc[0:0])
    assert empty.empty and math.isnan(nan)


# --------------------------------------------------------------------------- one employee


def test_score_one_equals_the_full_scoring_of_that_employee():
    ds = sample_dataset()
    policy = policy_from_sliders({"atasan": 0.7, "rekan": 0.2, "bawahan": 0.1}, 2)
    full = score_dataset(ds, PERIODE, policy=policy)
    for nip in ds.pegawai["nip"].iloc[[0, 57, 150]]:
        one = score_one(ds, nip, PERIODE, policy)
        mine = full.kompetensi.loc[full.kompetensi["nip"] == nip].reset_index(drop=True)
        pd.testing.assert_frame_equal(
            one.kompetensi.reset_index(drop=True), mine, check_dtype=False, check_categorical=False
        )
        cols = ["jpm", "skor_perilaku", "rating_perilaku", "predikat", "kotak"]
        pd.testing.assert_frame_equal(
            one.ringkasan[cols].reset_index(drop=True),
            full.ringkasan.loc[full.ringkasan["nip"] == nip, cols].reset_index(drop=True),
            check_dtype=False,
        )


def test_policy_from_sliders_needs_one_positive_weight():
    p = policy_from_sliders(
        {"atasan": 0.0, "rekan": 1.0, "bawahan": 0.0, "diri": 0.0, "masyarakat": 0.0}, 4
    )
    assert p.anonymity_k == 4 and p.weights[next(s for s in p.weights if s.value == "rekan")] == 1.0
    with pytest.raises(ConfigError):
        policy_from_sliders({"atasan": 0.0, "rekan": 0.0}, 3)


# --------------------------------------------------------------------------- biased raters


@pytest.fixture(scope="module")
def cohorts():
    """The workshop's cohort (seed 2) and one of another seed, with their figures."""
    out = {}
    for seed in (2, 11):
        cohort, dataset = workshop_cohort(seed=seed)
        out[seed] = (cohort, rater_effect_figures(dataset.penilaian, periode=cohort.periode))
    return out


@pytest.mark.parametrize("seed", [2, 11])
def test_planted_rater_effects_show_in_the_figures(cohorts, seed):
    cohort, figures = cohorts[seed]
    f = figures.set_index("nip_penilai")
    planted = cohort.planted.set_index("nip_penilai")["effect"]
    assert sorted(planted) == ["central", "halo", "lenient", "severe"]
    by_effect = {effect: nip for nip, effect in planted.items()}
    assert f.loc[by_effect["lenient"], "label"] == "lunak"
    assert f.loc[by_effect["lenient"], "deviasi"] >= 0.5
    assert f.loc[by_effect["severe"], "label"] == "keras"
    assert f.loc[by_effect["severe"], "deviasi"] <= -0.5
    assert f.loc[by_effect["halo"], "sd_dalam"] == pytest.approx(0.0, abs=1e-12)
    assert f.loc[by_effect["central"], "porsi_tiga"] == 1.0
    assert f.loc[by_effect["central"], "sd_antar"] == pytest.approx(0.0, abs=1e-12)
    # the planted halo and central raters stand out from everyone unplanted
    unplanted = f.drop(index=planted.index)
    assert unplanted["sd_dalam"].min() > 0.1
    assert unplanted["porsi_tiga"].max() < 1.0


def test_the_workshop_cohort_flags_exactly_its_lenient_and_severe_raters(cohorts):
    cohort, figures = cohorts[2]
    planted = cohort.planted.set_index("nip_penilai")["effect"]
    flagged = figures.loc[figures["label"] != "wajar"].set_index("nip_penilai")["label"].to_dict()
    assert flagged == {
        nip: {"lenient": "lunak", "severe": "keras"}[e]
        for nip, e in planted.items()
        if e in ("lenient", "severe")
    }


def test_the_workshop_figures_find_exactly_the_four_planted_raters(cohorts):
    """Step 4 can be solved: the leniency rule and the halo/central figures find the four
    planted raters and nobody else (the seed is kept so that this holds)."""
    cohort, figures = cohorts[2]
    planted = cohort.planted.set_index("nip_penilai")["effect"].map(PLANTED_AS_FOUND)
    found = rater_effects(figures)
    assert found.loc[found != ""].sort_index().to_dict() == planted.sort_index().to_dict()
    assert set(planted) == {"lunak", "keras", "halo", "tengah"}


def test_rater_effects_read_each_figure():
    figures = pd.DataFrame(
        {
            "nip_penilai": ["a", "b", "c", "d", "e"],
            "label": ["lunak", "keras", "wajar", "wajar", "wajar"],
            "sd_dalam": [0.5, 0.5, 0.0, 0.0, 0.8],
            "porsi_tiga": [0.1, 0.1, 0.3, 1.0, 0.4],
        }
    )
    assert rater_effects(figures).tolist() == ["lunak", "keras", "halo", "tengah", ""]


def test_rater_effect_figures_have_one_row_per_rater_of_the_counted_sources(cohorts):
    cohort, figures = cohorts[2]
    p = cohort.penilaian
    counted = p.loc[p["sumber"].astype(str).isin(["atasan", "rekan", "bawahan"])]
    assert sorted(figures["nip_penilai"]) == sorted(counted["nip_penilai"].astype(str).unique())
    n = counted.groupby(counted["nip_penilai"].astype(str), observed=True).size()
    assert figures.set_index("nip_penilai")["n_penilaian"].equals(
        n.reindex(figures["nip_penilai"]).rename("n_penilaian").rename_axis("nip_penilai")
    )


# --------------------------------------------------------------------------- sensitivity


def test_weight_sensitivity_of_the_sample_has_six_rows_with_counts_in_range():
    ds = sample_dataset()
    t = weight_sensitivity(ds, PERIODE)
    n = int(score_dataset(ds, PERIODE).ringkasan["predikat"].notna().sum())
    assert len(t) == 6
    assert list(t.columns) == [
        "sumber",
        "perubahan",
        "bobot_baru",
        "n_predikat_berubah",
        "n_kotak_berubah",
        "n_pegawai",
    ]
    assert t["sumber"].tolist() == ["atasan", "atasan", "rekan", "rekan", "bawahan", "bawahan"]
    assert t["perubahan"].tolist() == pytest.approx([-0.1, 0.1] * 3)
    assert t["bobot_baru"].tolist() == pytest.approx([0.45, 0.55, 0.27, 0.33, 0.18, 0.22])
    assert (t["n_pegawai"] == n).all() and n > 0
    for col in ("n_predikat_berubah", "n_kotak_berubah"):
        assert t[col].between(0, n).all()


def test_weight_sensitivity_counts_real_changes_only():
    cohort = make_cohort(60, seed=4)
    ds = cohort_dataset(cohort)
    unchanged = weight_sensitivity(ds, cohort.periode, delta=0.0)
    assert (unchanged[["n_predikat_berubah", "n_kotak_berubah"]] == 0).all().all()
    only_boss = Policy(weights={"atasan": 1.0})
    t = weight_sensitivity(ds, cohort.periode, policy=only_boss, delta=0.5)
    # one source: its weight cancels out of Σw·m/Σw, nothing can move
    assert t["sumber"].tolist() == ["atasan", "atasan"]
    assert (t[["n_predikat_berubah", "n_kotak_berubah"]] == 0).all().all()
