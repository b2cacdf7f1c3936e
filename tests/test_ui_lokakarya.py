"""LokakaryaApp without a browser: the seven steps driven in plain Python (TECH.md §6).

The vignette room lives in ``tmp_path`` (``KINERJA_LOKAKARYA_DIR``).  Expected
scores are computed here by hand from ``sample_data/penilaian.csv``: per
competency Σ w_g·m_g / Σ w_g over the sources with a positive weight that are
not withheld (an anonymous source with 1 ≤ distinct raters < k is withheld).
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as w
import pytest

from kinerja.ui.common import demo_db_path
from kinerja.ui.lokakarya import (
    STEP_TITLES,
    BiasStep,
    CalibrationStep,
    LokakaryaApp,
    MethodStep,
    PlanStep,
    SensitivityStep,
    VignetteStep,
    WeightsStep,
)
from kinerja.workshop import PLANTED_AS_FOUND, VIGNETTE_CODES, rater_effects
from tests.display_codes import codes_in, shown_text
from tests.store_fixtures import SAMPLE_DATA
from tests.test_ui_kalibrasi import tables

PERIODE = "2025"
ANONYMOUS = {"rekan", "bawahan", "masyarakat"}
STEP_TYPES = (
    MethodStep,
    VignetteStep,
    WeightsStep,
    BiasStep,
    CalibrationStep,
    PlanStep,
    SensitivityStep,
)


# --------------------------------------------------------------------------- by hand


def ratings_of(nip: str) -> list[dict[str, str]]:
    with open(SAMPLE_DATA / "penilaian.csv", newline="", encoding="utf-8") as fh:
        return [
            r for r in csv.DictReader(fh) if r["periode"] == PERIODE and r["nip_dinilai"] == nip
        ]


def raters_per_source(nip: str) -> dict[str, int]:
    raters: dict[str, set[str]] = defaultdict(set)
    for r in ratings_of(nip):
        raters[r["sumber"]].add(r["nip_penilai"])
    return {s: len(v) for s, v in raters.items()}


def by_hand(nip: str, weights: dict[str, float], k: int) -> dict[str, float]:
    """Competency code -> Σ w·m / Σ w (NaN when no source counts)."""
    withheld = {s for s, n in raters_per_source(nip).items() if s in ANONYMOUS and 1 <= n < k}
    cells: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in ratings_of(nip):
        cells[r["kompetensi_kode"]][r["sumber"]].append(int(r["skor"]))
    out = {}
    for code, sources in cells.items():
        num = den = 0.0
        for source, scores in sources.items():
            w = weights.get(source, 0.0)
            if w > 0 and source not in withheld:
                num += w * sum(scores) / len(scores)
                den += w
        out[code] = num / den if den else math.nan
    return out


def first_employee(**need: int) -> str:
    """The first ratee (by NIP) whose distinct raters per source are exactly ``need``
    (``rekan=3`` means at least 3 peers)."""
    with open(SAMPLE_DATA / "penilaian.csv", newline="", encoding="utf-8") as fh:
        nips = sorted({r["nip_dinilai"] for r in csv.DictReader(fh) if r["periode"] == PERIODE})
    for nip in nips:
        n = raters_per_source(nip)
        if all((n.get(s, 0) >= v) if s == "rekan" else n.get(s, 0) == v for s, v in need.items()):
            return nip
    raise AssertionError(f"sample data has no ratee with {need}")


def shown_scores(step: WeightsStep) -> dict[str, float]:
    comp = step.scores.kompetensi
    return dict(zip(comp["kompetensi_kode"], comp["skor"].astype(float), strict=True))


def assert_scores(got: dict[str, float], want: dict[str, float]) -> None:
    assert set(got) >= set(want)
    for code, value in got.items():
        expected = want.get(code, math.nan)
        if math.isnan(expected):
            assert math.isnan(value), code
        else:
            assert value == pytest.approx(expected, abs=1e-12), code


def title_text(app: LokakaryaApp) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", app.title.value).split())


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def room_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "lokakarya"
    monkeypatch.setenv("KINERJA_LOKAKARYA_DIR", str(folder))
    return folder


@pytest.fixture
def app(room_dir: Path) -> LokakaryaApp:
    return LokakaryaApp()


@pytest.fixture(scope="module")
def weights_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LokakaryaApp]:
    """One app on step 3 for the slider tests."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KINERJA_LOKAKARYA_DIR", str(tmp_path_factory.mktemp("lokakarya")))
        a = LokakaryaApp()
        a.go(2)
        yield a


# --------------------------------------------------------------------------- step 3: weights


def test_moving_a_weight_slider_rescores_as_the_formula_says(weights_app: LokakaryaApp):
    step = weights_app.current()
    assert isinstance(step, WeightsStep)
    nip = first_employee(atasan=1, rekan=3)
    step.employee.value = nip
    k = step.k.value
    defaults = {s: sl.value for s, sl in step.sliders.items()}
    assert_scores(shown_scores(step), by_hand(nip, defaults, k))
    before = shown_scores(step)

    step.sliders["atasan"].value = 0.8
    after = shown_scores(step)
    assert_scores(after, by_hand(nip, {**defaults, "atasan": 0.8}, k))
    assert any(not math.isclose(after[c], before[c]) for c in after if not math.isnan(before[c]))
    assert "0,8×" in step.result.value  # the formula column shows the new weight
    assert step.status.value == "" and weights_app.status.value == ""
    step.sliders["atasan"].value = defaults["atasan"]


def test_anonymity_slider_withholds_and_includes_a_small_group(weights_app: LokakaryaApp):
    step = weights_app.current()
    nip = first_employee(atasan=1, bawahan=2, rekan=0)
    step.employee.value = nip
    weights = {s: sl.value for s, sl in step.sliders.items()}

    def bawahan_withheld() -> set[bool]:
        m = step.scores.means
        return set(m.loc[m["sumber"] == "bawahan", "withheld"])

    step.k.value = 3  # 2 subordinates < 3: withheld
    assert bawahan_withheld() == {True}
    assert_scores(shown_scores(step), by_hand(nip, weights, 3))
    assert "Bawahan" not in step.result.value
    withheld = shown_scores(step)

    step.k.value = 2  # 2 subordinates reach the threshold: included
    assert bawahan_withheld() == {False}
    assert_scores(shown_scores(step), by_hand(nip, weights, 2))
    assert "Bawahan" in step.result.value
    assert shown_scores(step) != withheld
    assert step.status.value == ""
    step.k.value = 3


def test_setting_every_weight_to_zero_is_explained_not_crashed(weights_app: LokakaryaApp):
    step = weights_app.current()
    saved = {s: sl.value for s, sl in step.sliders.items()}
    try:
        for sl in step.sliders.values():
            sl.value = 0.0
        assert "kinerja-msg-error" in step.status.value
    finally:
        for s, v in saved.items():
            step.sliders[s].value = v
    assert step.status.value == ""


# --------------------------------------------------------------------------- navigation


def test_next_and_back_walk_through_all_seven_steps_without_error(app: LokakaryaApp):
    assert title_text(app) == f"{STEP_TITLES[0]} Langkah 1 dari 7"
    assert app.back.disabled and not app.next.disabled
    for i in range(1, 7):
        app.next.click()
        assert app.step == i
        assert title_text(app) == f"{STEP_TITLES[i]} Langkah {i + 1} dari 7"
        assert app.status.value == "", app.status.value
        assert isinstance(app.body.children[0], STEP_TYPES[i])
    assert app.next.disabled and not app.back.disabled
    app.next.click()  # past the end stays on the last step
    assert app.step == 6 and app.status.value == ""
    seen = [app.current()]
    for i in range(5, -1, -1):
        app.back.click()
        assert app.step == i and f"Langkah {i + 1} dari 7" in title_text(app)
        assert app.status.value == ""
        seen.append(app.current())
    assert app.back.disabled
    app.next.click()
    assert app.current() is seen[-2]  # a visited step keeps its state


def test_reset_returns_to_step_one_with_fresh_exercises(app: LokakaryaApp):
    app.go(4)
    step = app.current()
    assert isinstance(step, CalibrationStep) and step.proposals.empty
    current = step.unit_raw.set_index("nip").at[step.employee.value, step.field.value]
    step.value.value = "sesuai" if current != "sesuai" else "di_bawah"  # a real change
    step.reason.value = "Target utama tidak tercapai"
    step.apply.click()
    assert len(step.proposals) == 1
    app.go(2)
    app.current().sliders["atasan"].value = 0.9

    app.reset.click()
    assert app.step == 0 and title_text(app).endswith("Langkah 1 dari 7")
    assert list(app.steps) == [0] and app.back.disabled and app.status.value == ""
    app.go(4)
    assert app.current() is not step and app.current().proposals.empty
    app.go(2)
    assert app.current().sliders["atasan"].value == 0.5


# --------------------------------------------------------------------------- what each step does


def test_the_steps_own_actions_work(app: LokakaryaApp):
    app.go(3)
    bias = app.current()
    planted = bias.cohort.planted.set_index("nip_penilai")["effect"]
    bias.guess.value = tuple(n for n, e in planted.items() if e in ("lenient", "severe"))
    shown = bias.show_reveal()
    assert "class='kinerja-tebakan-benar'>2</b> dari 4" in bias.result.value
    assert set(planted.index) <= set(shown["nip_penilai"])

    app.go(4)
    cal = app.current()
    cal.reason.value = "  "
    cal.apply.click()
    assert "Alasan wajib diisi" in cal.status.value and cal.proposals.empty
    before = re.findall(r"class='kinerja-kini'>(\d+)<", cal.view.value)
    sb = cal.unit_raw.loc[cal.unit_raw["predikat"] == "sangat_baik", "nip"].iloc[0]
    cal.employee.value = sb
    cal.field.value = "rating_hasil_kerja"
    cal.value.value = "sesuai"
    cal.reason.value = "Target utama tidak tercapai"
    cal.apply.click()
    after = re.findall(r"class='kinerja-kini'>(\d+)<", cal.view.value)
    assert [int(a) - int(b) for a, b in zip(after, before, strict=True)] == [-1, 1, 0, 0, 0]

    app.go(5)
    plan = app.current()
    assert "kinerja-rencana-jp" in plan.view.value and "Kesenjangan" in plan.view.value

    app.go(6)
    sens = app.current()
    sens.run.click()
    assert sens.table is not None and len(sens.table) == 6
    assert "Predikat berubah" in sens.view.value
    assert app.status.value == ""


def test_calibration_exercise_shows_only_its_units_curve_and_can_be_fixed(room_dir: Path):
    cal = CalibrationStep()
    rules = tables(cal.view.value)[1]
    assert len(rules) == 3  # the three rules of an organisation predikat 'baik'
    assert rules["Status"].tolist() == ["terpenuhi", "melanggar", "melanggar"]
    assert rules["Aturan"].tolist() == [
        "paling banyak 70,0 % Baik",
        "Baik kelompok terbanyak",
        "paling sedikit 1 pegawai Butuh Perbaikan atau Kurang/Misconduct",
    ]
    raw = cal.unit_raw.sort_values("nip")
    sb = raw.loc[raw["predikat"] == "sangat_baik", "nip"].tolist()
    n_sb, n_b = len(sb), int((raw["predikat"] == "baik").sum())
    moves = (n_sb - n_b) // 2 + 1
    for i, nip in enumerate(sb[: moves + 1]):
        cal.employee.value = nip
        cal.field.value = "rating_hasil_kerja"
        cal.value.value = "sesuai" if i < moves else "di_bawah"
        cal.reason.value = f"Alasan {i}"
        cal.apply.click()
        assert "kinerja-msg-ok" in cal.status.value
    rules = tables(cal.view.value)[1]
    assert rules["Status"].tolist() == ["terpenuhi"] * 3
    assert set(rules["Saran"]) == {"sesuai"}
    assert rules["Awal"].tolist() != rules["Kini"].tolist()  # the counts before stay beside
    proposals = tables(cal.view.value)[2]
    assert len(proposals) == moves + 1  # the proposals listed, in words
    assert set(proposals["Dari"]) == {"Di Atas Ekspektasi"}
    assert set(proposals["Menjadi"]) == {"Sesuai Ekspektasi", "Di Bawah Ekspektasi"}
    assert set(proposals["Rating"]) == {"Rating Hasil Kerja"}
    assert (
        proposals["Pegawai"].tolist() == raw.set_index("nip").loc[sb[: moves + 1], "nama"].tolist()
    )


# --------------------------------------------------------------------------- the vignette room


def test_vignette_answers_are_shared_between_two_kernels_and_never_touch_the_store(
    room_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    db = tmp_path / "instansi.sqlite"
    monkeypatch.setenv("KINERJA_DB", f"sqlite:///{db}")
    first, second = LokakaryaApp.from_env(), LokakaryaApp.from_env(f"sqlite:///{db}")
    first.go(1)
    second.go(1)
    a, b = first.current(), second.current()
    assert isinstance(a, VignetteStep) and isinstance(b, VignetteStep)

    a.inputs[VIGNETTE_CODES[0]].value = 3
    a.submit.click()
    assert "Isi nama Anda dulu" in a.status.value

    a.participant.value = "Ani"
    for i, code in enumerate(VIGNETTE_CODES):
        a.inputs[code].value = 1 + i % 5
    a.submit.click()
    assert "Terkirim" in a.status.value
    b.participant.value = "Budi"
    b.inputs[VIGNETTE_CODES[0]].value = 5
    b.submit.click()
    assert "Terkirim" in b.status.value

    a.refresh.click()
    for step in (a, b):
        assert "<b>Hasil kelas</b>: 2 peserta" in step.results.value
    answers = a.room.answers()
    assert sorted(answers["peserta"].unique()) == ["Ani", "Budi"]
    assert len(answers) == len(VIGNETTE_CODES) + 1

    assert (room_dir / "kelas.sqlite").is_file()
    assert not db.exists()
    assert not demo_db_path().exists()


# --------------------------------------------------------------------------- labels, not codes


def test_no_step_shows_an_internal_code(app: LokakaryaApp):
    """DESIGN §11: di_atas, min_jumlah, butuh_perbaikan+kurang_misconduct, kompetensi_kode,
    jp_kumulatif … never reach the page; every step, after its action too."""
    for i in range(len(STEP_TITLES)):
        app.go(i)
        step = app.current()
        if isinstance(step, BiasStep):
            step.show_reveal()
        if isinstance(step, CalibrationStep):
            raw = step.unit_raw
            step.employee.value = raw.loc[raw["predikat"] == "sangat_baik", "nip"].iloc[0]
            step.field.value = "rating_hasil_kerja"
            step.value.value = "sesuai"
            step.reason.value = "uji"
            step.apply.click()
        if isinstance(step, SensitivityStep):
            step.run.click()
        assert codes_in(shown_text(app)) == [], STEP_TITLES[i]


def test_method_step_names_the_nine_boxes_in_words(room_dir: Path):
    boxes = tables(MethodStep().content.value)[-1]
    assert list(boxes.columns) == ["Kotak", "Kinerja", "Potensial", "Rekomendasi"]
    assert set(boxes["Kinerja"]) == {
        "Di Atas Ekspektasi",
        "Sesuai Ekspektasi",
        "Di Bawah Ekspektasi",
    }
    assert set(boxes["Potensial"]) == {"Tinggi", "Menengah", "Rendah"}


def test_plan_step_has_indonesian_headers(room_dir: Path):
    gaps, plan = tables(PlanStep().view.value)
    assert list(gaps.columns) == ["Kode", "Kompetensi", "Skor", "Standar", "Gap"]
    assert list(plan.columns) == [
        "Urutan",
        "Kode",
        "Pelatihan",
        "Jalur",
        "JP",
        "JP kumulatif",
        "Catatan",
    ]
    assert all(re.fullmatch(r"-?\d+,\d\d", v) for v in gaps["Skor"])  # two decimals, comma


def test_sensitivity_shows_the_change_as_a_percentage_with_one_decimal(room_dir: Path):
    step = SensitivityStep()
    step.run.click()
    shown = tables(step.view.value)[0]
    assert shown["Perubahan"].tolist() == ["-10,0 %", "+10,0 %"] * 3


# --------------------------------------------------------------------------- step 4 can be solved


def test_bias_step_lists_every_rater_with_the_figures_that_reveal_each_effect(room_dir: Path):
    step = BiasStep()
    shown = tables(step.overview.value)[0]
    assert len(shown) == len(step.figures) == 120  # every rater, not the first 30
    assert "kinerja-scroll" in step.overview.value
    assert list(shown.columns) == [
        "Penilai",
        "Penilaian",
        "Rata-rata",
        "Deviasi dari penilai lain",
        "Simpangan dalam pegawai",
        "Simpangan antar pegawai",
        "Porsi skor 3",
    ]
    assert all(re.fullmatch(r"\d+,\d %", v) for v in shown["Porsi skor 3"])


@pytest.mark.parametrize(
    ("order", "effect"),
    [
        ("deviasi_tinggi", "lenient"),
        ("deviasi_rendah", "severe"),
        ("sd_dalam", "central"),  # central raters have no spread within a ratee either
        ("porsi_tiga", "central"),
    ],
)
def test_each_ordering_puts_its_planted_rater_on_top(room_dir: Path, order: str, effect: str):
    step = BiasStep()
    step.order.value = order
    planted = step.cohort.planted.set_index("effect")["nip_penilai"]
    names = step.dataset.pegawai.set_index("nip")["nama"]
    top = tables(step.overview.value)[0]["Penilai"].tolist()
    assert top[0] == names[planted[effect]]
    if order == "sd_dalam":  # the halo rater right after the central one
        assert top[1] == names[planted["halo"]]


def test_bias_reveal_finds_exactly_the_planted_raters(room_dir: Path):
    step = BiasStep()
    planted = step.cohort.planted.set_index("nip_penilai")["effect"]
    found = rater_effects(step.figures)
    assert found.loc[found != ""].to_dict() == planted.map(PLANTED_AS_FOUND).to_dict()
    shown = step.show_reveal()
    assert set(shown["nip_penilai"]) == set(planted.index)  # no guess: the planted ones only


def test_sliders_show_their_values_with_a_decimal_comma(room_dir: Path):
    weights = WeightsStep()
    weights.sliders["rekan"].value = 0.8
    readouts = {
        c.children[0].description: c.children[1].value
        for c in weights.children
        if isinstance(c, w.HBox)
    }
    assert readouts["Atasan"] == "0,50" and readouts["Rekan Sejawat"] == "0,80"
    assert all(not s.readout for s in weights.sliders.values())
    sens = SensitivityStep()
    sens.delta.value = 0.15
    assert "15,0 %" in shown_text(sens)
