"""The data behind Profil Kompetensi (``kinerja.profile``): content, anonymity, CLI agreement.

Two data sets:

- the bundled sample data (``sample_data/``, period 2025), scored once per
  session (:func:`sample_scores`), for content and for agreement with
  ``kinerja score``;
- a hand-made data set (:func:`anon_tables`) in which one ratee has one
  supervisor (all 4), **two** peers (1 and 2: mean 1.5, a withheld group), three
  subordinates (all 5: a group that meets the threshold k = 3), a self rating
  (all 3) and one member of the public (withheld).  Every rater writes one
  comment; the peers', the public's and the self comment contain ``RAHASIA``.
  So a peer mean would show as 1.5 and a peer comment as ``RAHASIA``.

The builders here are plain functions, shared by ``test_charts``,
``test_report`` and ``test_ui_profil``.
"""

from __future__ import annotations

import functools
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kinerja import lookup, reference
from kinerja.config import Policy
from kinerja.dataset import Dataset
from kinerja.labels import PREDIKAT, RATING, SOURCE
from kinerja.loaders import load_dataset
from kinerja.pipeline import Scores, score_dataset
from kinerja.profile import (
    HIDDEN_STRENGTH,
    EmployeeProfile,
    build_profile,
    fmt,
    format_nip,
    visible_comments,
    visible_sources,
)
from kinerja.store import Store, sqlite_url
from kinerja.vocab import Predikat, Rating, Source
from tests.store_fixtures import (
    KEPALA,
    REPO,
    SAMPLE_DATA,
    SAMPLE_PERIODE,
    STAF_A,
    sample_dataset,
    sample_store,
    small_tables,
    write_folder,
)

# --------------------------------------------------------------------------- hand-made data set

PERIODE = "2025"
ANON_UNIT = "Bidang Uji Anonimitas"
ATASAN = "197001012000011001"
RATEE = "198001012005011002"
PEER1 = "198102022006022003"
PEER2 = "198203032007031004"
SUBS = ("199001012015011005", "199102022016022006", "199203032017031007")
PUBLIC = "R-0001"  # a respondent id, not a NIP
RATEE_NAME = "Ratna Dinilai"
RATER_NAMES = (
    "Kepala Bidang Uji",
    "Rekan Pertama",
    "Rekan Kedua",
    "Bawahan Satu",
    "Bawahan Dua",
    "Bawahan Tiga",
)
ANON_CODES = ("M.01", "M.02", "SK.01", *(f"B.{i:02d}" for i in range(1, 8)))
PEER_MEAN = 1.5  # peers give 1 and 2 on every competency
#: the score when only the counted sources enter: (0.5·4 + 0.2·5) / 0.7
ANON_SKOR = (0.5 * 4 + 0.2 * 5) / 0.7
COMMENT_ATASAN = "Catatan atasan: memimpin rapat dengan baik."
COMMENT_BAWAHAN = "Catatan bawahan: mudah diajak berdiskusi."
SECRET = "RAHASIA"


def anon_tables() -> dict[str, pd.DataFrame]:
    """The hand-made data set as text frames (see the module docstring)."""
    pegawai = pd.DataFrame(
        [
            [ATASAN, RATER_NAMES[0], ANON_UNIT, "Kepala Bidang", "administrator", "IV/a", ""],
            [RATEE, RATEE_NAME, ANON_UNIT, "Analis", "fungsional", "III/c", ATASAN],
            [PEER1, RATER_NAMES[1], ANON_UNIT, "Analis", "fungsional", "III/c", ATASAN],
            [PEER2, RATER_NAMES[2], ANON_UNIT, "Analis", "fungsional", "III/b", ATASAN],
            *[
                [s, n, ANON_UNIT, "Pengadministrasi", "pelaksana", "II/c", RATEE]
                for s, n in zip(SUBS, RATER_NAMES[3:], strict=True)
            ],
        ],
        columns=["nip", "nama", "unit_kerja", "jabatan", "jenis_jabatan", "golongan", "nip_atasan"],
    )
    standar = pd.DataFrame(
        [
            [j, k, "3"]
            for j in ("Kepala Bidang", "Analis", "Pengadministrasi")
            for k in ("M.01", "M.02", "SK.01")
        ],
        columns=["jabatan", "kompetensi_kode", "level"],
    )
    rows: list[list[str]] = []

    def rate(
        rater: str, sumber: str, skor: int, note_on: str | None = None, note: str = ""
    ) -> None:
        for kode in ANON_CODES:
            rows.append(
                [PERIODE, RATEE, rater, sumber, kode, str(skor), note if kode == note_on else ""]
            )

    rate(ATASAN, "atasan", 4, "M.01", COMMENT_ATASAN)
    rate(PEER1, "rekan", 1, "M.02", f"{SECRET} rekan pertama: sering terlambat.")
    rate(PEER2, "rekan", 2, "SK.01", f"{SECRET} rekan kedua: kurang terbuka.")
    for i, sub in enumerate(SUBS):
        rate(sub, "bawahan", 5, "M.02" if i == 0 else None, COMMENT_BAWAHAN)
    rate(RATEE, "diri", 3, "M.01", f"{SECRET} penilaian diri: saya sudah berusaha.")
    rows.append([PERIODE, RATEE, PUBLIC, "masyarakat", "B.01", "5", f"{SECRET} masyarakat: ramah."])
    penilaian = pd.DataFrame(
        rows,
        columns=[
            "periode",
            "nip_dinilai",
            "nip_penilai",
            "sumber",
            "kompetensi_kode",
            "skor",
            "catatan",
        ],
    )
    return {
        "pegawai": pegawai,
        "standar_kompetensi": standar,
        "penilaian": penilaian,
        "hasil_kerja": pd.DataFrame(
            [[PERIODE, RATEE, "di_atas"]], columns=["periode", "nip", "rating_hasil_kerja"]
        ),
        "unit_kerja": pd.DataFrame(
            [[PERIODE, ANON_UNIT, "baik"]], columns=["periode", "unit_kerja", "predikat_organisasi"]
        ),
        "pelatihan": pd.DataFrame(
            [["PLT-U1", "Pelatihan Uji", "M.01", "8", "klasikal"]],
            columns=["kode", "nama", "kompetensi_kode", "jp", "jalur"],
        ),
    }


def anon_dataset(folder: Path) -> Dataset:
    """The hand-made data set written as CSV files under ``folder`` and loaded like user files."""
    return load_dataset(write_folder(folder, anon_tables()))


def profile_of(
    ds: Dataset, scores: Scores, nip: str, policy: Policy | None = None
) -> EmployeeProfile:
    return build_profile(
        scores,
        nip=nip,
        pegawai=ds.pegawai,
        kompetensi=ds.kompetensi,
        penilaian=ds.penilaian,
        pelatihan=ds.pelatihan,
        policy=policy,
    )


def peer_mean_texts() -> tuple[str, ...]:
    """The ways the peer mean 1.5 could be printed."""
    return ("1,50", "1.50", "1,5 ", "1.5 ", "1,5<", "1.5<", ": 1.5", ": 1,5")


def profile_texts(profile: EmployeeProfile) -> str:
    """Every value of a profile as one text (info, frames, lists, explanation)."""
    parts = [repr(profile.info)]
    for frame in (
        profile.competencies,
        profile.sources,
        profile.plan,
        profile.adjustments,
        profile.formulas,
    ):
        parts.append(frame.to_csv(index=False))
    parts += profile.strengths + profile.development_areas + profile.comments + profile.withheld
    parts += [f"{a} {b}" for a, b in profile.explanation]
    return "\n".join(parts)


def small_tables_with_catalogue() -> dict[str, pd.DataFrame]:
    """The four-employee data set of ``tests.store_fixtures`` plus a one-line training catalogue
    (a data set without ``pelatihan`` cannot be profiled yet: see
    :func:`test_data_set_without_training_catalogue_gives_an_empty_plan`)."""
    tables = small_tables()
    tables["pelatihan"] = pd.DataFrame(
        [["PLT-K1", "Pelatihan Integritas Uji", "M.01", "10", "klasikal"]],
        columns=["kode", "nama", "kompetensi_kode", "jp", "jalur"],
    )
    return tables


# --------------------------------------------------------------------------- sample data


@functools.cache
def sample_scores() -> Scores:
    """The sample data scored for period 2025 (once per session; do not mutate)."""
    return score_dataset(sample_dataset(), SAMPLE_PERIODE)


def sample_profile(nip: str) -> EmployeeProfile:
    return profile_of(sample_dataset(), sample_scores(), nip)


@functools.cache
def rich_sample_nip() -> str:
    """A sample employee whose profile fills every panel: predikat, box, areas, plan, comments,
    a withheld source, and a self rating that differs from the others somewhere."""
    r = sample_scores().ringkasan
    for row in r.loc[r["predikat"].notna() & r["kotak"].notna()].sort_values("nip").itertuples():
        p = sample_profile(row.nip)
        if (
            p.development_areas
            and p.strengths
            and len(p.plan)
            and p.comments
            and p.withheld
            and (p.competencies["tanda"] != "").any()
            and p.info.get("golongan")
        ):
            return str(row.nip)
    raise AssertionError("no sample employee with a complete profile")


@pytest.fixture(scope="module")
def anon(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, Scores, EmployeeProfile]:
    ds = anon_dataset(tmp_path_factory.mktemp("anon") / "data")
    scores = score_dataset(ds, PERIODE)
    return ds, scores, profile_of(ds, scores, RATEE)


@pytest.fixture(scope="module")
def rich() -> EmployeeProfile:
    return sample_profile(rich_sample_nip())


# --------------------------------------------------------------------------- format_nip, fmt


def test_format_nip_groups_birth_date_tmt_gender_and_sequence():
    assert format_nip("196502222007011005") == "19650222 200701 1 005"
    assert format_nip("199001012020122001") == "19900101 202012 2 001"


@pytest.mark.parametrize(
    "value",
    ["R-0001", "19650222200701100", "1965022220070110050", "19650222200701100X", "", "1.96502E+17"],
)
def test_format_nip_leaves_anything_but_18_digits_unchanged(value):
    assert format_nip(value) == value


def test_fmt_writes_numbers_the_indonesian_way_and_empty_as_dash():
    assert fmt(4.285714) == "4,29"
    assert fmt(1234.5, 1) == "1.234,5"
    assert fmt(3, 0) == "3"
    assert fmt(float("nan")) == "–"
    assert fmt(None) == "–"


# --------------------------------------------------------------------------- anonymity


def test_ratee_with_two_peers_has_the_peer_group_withheld(anon):
    _, scores, profile = anon
    m = scores.means.loc[(scores.means["nip"] == RATEE) & (scores.means["sumber"] == "rekan")]
    assert set(m["mean"]) == {PEER_MEAN} and m["withheld"].all()  # the data set is what it claims
    assert profile.withheld == [Source.PUBLIC.value, Source.PEER.value]


def test_profile_sources_hold_only_groups_that_meet_the_threshold(anon):
    _, _, profile = anon
    assert set(profile.sources["sumber"]) == {"atasan", "bawahan"}
    assert (profile.sources["n"].loc[profile.sources["sumber"] == "bawahan"] == 3).all()
    assert not (profile.sources["rata_rata"] == PEER_MEAN).any()


def test_withheld_peers_do_not_enter_the_competency_score(anon):
    _, _, profile = anon
    comp = profile.competencies
    assert list(comp["kompetensi_kode"]) == list(ANON_CODES)
    assert comp["skor"].tolist() == pytest.approx([ANON_SKOR] * len(ANON_CODES))
    assert (comp["n_penilai"] == 4).all()  # one supervisor + three subordinates
    assert (comp["skor_diri"] == 3).all()


def test_no_part_of_the_profile_carries_a_peer_mean_or_a_peer_identity(anon):
    _, _, profile = anon
    text = profile_texts(profile)
    assert not [t for t in peer_mean_texts() if t in text]
    for who in (PEER1, PEER2, PUBLIC, *RATER_NAMES):
        assert who not in text
    assert SOURCE[Source.PEER] not in profile.formulas.to_csv()
    assert (
        "Atasan" in profile.formulas["rumus"].iloc[0]
        and "Bawahan" in profile.formulas["rumus"].iloc[0]
    )


def test_comments_are_unattributed_and_only_from_sources_that_meet_the_threshold(anon):
    _, _, profile = anon
    assert profile.comments == sorted([COMMENT_ATASAN, COMMENT_BAWAHAN])
    assert all(isinstance(c, str) for c in profile.comments)
    assert not [c for c in profile.comments if SECRET in c]


def test_lowering_the_threshold_to_two_lets_the_peers_and_their_comments_in(anon):
    ds, _, _ = anon
    policy = Policy(anonymity_k=2)
    scores = score_dataset(ds, PERIODE, policy=policy)
    sources, withheld = visible_sources(scores.means, RATEE)
    assert withheld == [Source.PUBLIC.value]
    assert set(sources.loc[sources["sumber"] == "rekan", "rata_rata"]) == {PEER_MEAN}
    comments = visible_comments(ds.penilaian, scores.means, nip=RATEE, periode=PERIODE)
    assert len([c for c in comments if c.startswith(f"{SECRET} rekan")]) == 2
    assert not [
        c for c in comments if "diri" in c or "masyarakat" in c
    ]  # self never, public still withheld


def test_explanation_names_the_withheld_groups_without_numbers_of_theirs(anon):
    _, _, profile = anon
    step, text = profile.explanation[0]
    assert step.startswith("1.")
    assert "Rekan Sejawat" in text and "Masyarakat" in text and "dirahasiakan" in text


def test_higher_rating_by_others_than_by_self_is_a_hidden_strength(anon):
    _, _, profile = anon
    assert (profile.competencies["tanda"] == HIDDEN_STRENGTH).all()  # self 3, others 4.29


# --------------------------------------------------------------------------- content (sample data)


def test_profile_info_has_identity_box_recommendation_and_grouped_nip(rich):
    info = rich.info
    person = sample_dataset().pegawai.set_index("nip").loc[info["nip"]]
    assert info["nama"] == person["nama"] and info["jabatan"] == person["jabatan"]
    assert info["golongan"] == person["golongan"] and info["periode"] == SAMPLE_PERIODE
    assert info["nip_tampil"] == format_nip(info["nip"]) and info["nip_tampil"].count(" ") == 3
    boxes = reference.nine_box().set_index("kotak")
    assert info["rekomendasi"] == boxes.loc[int(info["kotak"]), "rekomendasi"] != ""


def test_competencies_are_one_row_each_standard_first_then_berakhlak(rich):
    comp = rich.competencies
    codes = list(comp["kompetensi_kode"])
    assert len(codes) == len(set(codes))
    behaviour = [c for c in codes if c.startswith("B.")]
    assert behaviour == [f"B.{i:02d}" for i in range(1, 8)] and codes[-7:] == behaviour
    names = sample_dataset().kompetensi.set_index("kode")["nama"]
    assert list(comp["nama"]) == [names[c] for c in codes]


def test_strengths_meet_the_standard_and_areas_fall_short_of_it(rich):
    comp = rich.competencies.set_index("kompetensi_kode")
    for sentence in rich.strengths:
        code = sentence.split()[0]
        assert comp.loc[code, "gap"] >= -1e-9, sentence
    below = comp.loc[comp["standar"].notna() & (comp["gap"] < -1e-9)].index
    area_codes = [s.split()[0] for s in rich.development_areas]
    assert set(below) <= set(area_codes)
    for code in area_codes:
        if not code.startswith("B."):
            assert (
                f"{fmt(-comp.loc[code, 'gap'])} di bawah standar"
                in rich.development_areas[area_codes.index(code)]
            )


def test_plan_covers_the_areas_and_its_total_is_the_sum_of_jp(rich):
    area_codes = {s.split()[0] for s in rich.development_areas}
    assert set(rich.plan["kompetensi_kode"]) <= area_codes
    assert rich.plan_jp == pytest.approx(float(rich.plan["jp"].sum())) and rich.plan_jp > 0


def test_explanation_shows_this_employees_own_numbers(rich):
    info, comp = rich.info, rich.competencies
    steps = dict(rich.explanation)
    assert [s.split(".")[0] for s in steps] == ["1", "2", "3", "4", "5"]
    std = comp.loc[comp["standar"].notna()]
    jpm_text = next(t for s, t in steps.items() if s.startswith("2."))
    sums = f"100 × {fmt(std['skor'].sum())} ÷ {fmt(float(std['standar'].sum()), 0)}"
    assert f"{sums} = {fmt(info['jpm'], 1)} %" in jpm_text
    behaviour = next(t for s, t in steps.items() if s.startswith("3."))
    assert (
        f"= {fmt(info['skor_perilaku'])} → {RATING[Rating(info['rating_perilaku'])]}" in behaviour
    )
    predikat = next(t for s, t in steps.items() if s.startswith("4."))
    assert predikat.endswith(f"→ {PREDIKAT[Predikat(info['predikat'])]}.")
    box = next(t for s, t in steps.items() if s.startswith("5."))
    assert f"kotak {int(info['kotak'])}: {info['rekomendasi']}" in box
    formulas = rich.formulas.set_index("kompetensi_kode")["rumus"]
    assert list(formulas.index) == list(comp["kompetensi_kode"])
    for row in comp.itertuples():
        assert formulas[row.kompetensi_kode].endswith(f"= {fmt(row.skor)}")


def test_employee_without_work_result_has_no_predikat_and_says_so():
    r = sample_scores().ringkasan
    nip = r.loc[r["rating_hasil_kerja"].isna() & r["jpm"].notna(), "nip"].sort_values().iloc[0]
    profile = sample_profile(nip)
    assert (
        pd.isna(profile.info["predikat"])
        and pd.isna(profile.info["kotak"])
        and profile.info["rekomendasi"] == ""
    )
    steps = dict(profile.explanation)
    assert steps["4. Predikat kinerja (PermenPANRB 6/2022)"].startswith("Belum ada")


def test_data_set_without_training_catalogue_gives_an_empty_plan(tmp_path):
    ds = load_dataset(write_folder(tmp_path / "data", small_tables()))  # no pelatihan.csv
    scores = score_dataset(ds, PERIODE)
    profile = profile_of(ds, scores, STAF_A)
    assert profile.plan_jp == 0 and profile.info["predikat"] == "baik"


def test_small_data_set_profiles_its_head_with_the_grouped_nip_and_no_score(tmp_path):
    ds = load_dataset(write_folder(tmp_path / "data", small_tables_with_catalogue()))
    profile = profile_of(ds, score_dataset(ds, PERIODE), KEPALA)
    assert profile.info["nip_tampil"] == "19650222 200701 1 005"
    # one subordinate only: withheld, so M.01 has no score and no JPM can be computed
    assert profile.withheld == ["bawahan"] and profile.sources.empty
    assert pd.isna(profile.info["jpm"]) and profile.comments == []


def test_unknown_nip_is_refused():
    with pytest.raises(KeyError):
        sample_profile("199912312099121999")


def test_adjustment_recalibrates_predikat_and_is_noted_with_its_reason(anon):
    ds, _, _ = anon
    log = pd.DataFrame(
        [
            {
                "periode": PERIODE,
                "nip": RATEE,
                "field": "rating_hasil_kerja",
                "old_value": "di_atas",
                "new_value": "sesuai",
                "reason": "Target SKP belum tercapai penuh",
                "who": "Tim Kalibrasi",
                "when": pd.Timestamp("2025-12-01T10:00:00Z"),
            }
        ]
    )
    scores = score_dataset(ds, PERIODE, adjustments=log)
    profile = profile_of(ds, scores, RATEE)
    assert bool(profile.info["dikalibrasi"])
    assert profile.info["rating_hasil_kerja"] == "sesuai" and profile.info["predikat"] == "baik"
    assert int(profile.info["kotak"]) == 8  # sesuai x tinggi
    notes = profile.adjustments
    assert list(notes["field"]) == ["rating_hasil_kerja"]
    assert (
        notes["reason"].iloc[0] == "Target SKP belum tercapai penuh"
        and notes["new_value"].iloc[0] == "sesuai"
    )
    step4 = dict(profile.explanation)["4. Predikat kinerja (PermenPANRB 6/2022)"]
    assert "dikalibrasi" in step4 and "Target SKP belum tercapai penuh" in step4


def test_calibrated_behaviour_rating_does_not_contradict_the_behaviour_mean(anon):
    ds, _, _ = anon
    log = pd.DataFrame(
        [
            {
                "periode": PERIODE,
                "nip": RATEE,
                "field": "rating_perilaku",
                "old_value": "di_atas",
                "new_value": "sesuai",
                "reason": "Keluhan layanan terverifikasi",
                "who": "Tim Kalibrasi",
                "when": pd.Timestamp("2025-12-01T10:00:00Z"),
            }
        ]
    )
    profile = profile_of(ds, score_dataset(ds, PERIODE, adjustments=log), RATEE)
    step3 = dict(profile.explanation)["3. Rating perilaku kerja (BerAKHLAK)"]
    # the mean 4,29 is above 3,5: the step must not claim it gives "Sesuai" without the calibration
    assert "= 4,29 → Di Atas Ekspektasi" in step3
    assert (
        "dikalibrasi menjadi sesuai ekspektasi" in step3.lower()
        and "Keluhan layanan terverifikasi" in step3
    )
    step4 = dict(profile.explanation)["4. Predikat kinerja (PermenPANRB 6/2022)"]
    assert (
        "perilaku Sesuai Ekspektasi (dikalibrasi; alasan: Keluhan layanan terverifikasi)" in step4
    )
    assert step4.endswith("→ Baik.")


# ------------------------------------------------------------------- agreement with `kinerja score`


@pytest.fixture(scope="module")
def cli_summary(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("score")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kinerja",
            "score",
            "--data",
            str(SAMPLE_DATA),
            "--periode",
            SAMPLE_PERIODE,
            "--out",
            str(out),
        ],
        check=True,
        cwd=REPO,
        capture_output=True,
        timeout=300,
    )
    return pd.read_csv(out / "ringkasan_pegawai.csv", dtype={"nip": str, "kotak": "Int64"})


def cli_sample_nips(summary: pd.DataFrame) -> list[str]:
    """One employee per predikat (and one without), plus the rich one: a spread of cases."""
    nips = summary.dropna(subset=["predikat"]).groupby("predikat")["nip"].first().tolist()
    nips.append(summary.loc[summary["predikat"].isna(), "nip"].iloc[0])
    nips.append(summary.loc[summary["jpm"].isna(), "nip"].iloc[0])
    return sorted({*nips, rich_sample_nip()})


def test_profile_agrees_with_kinerja_score_on_jpm_predikat_and_box(cli_summary):
    nips = cli_sample_nips(cli_summary)
    assert cli_summary["predikat"].dropna().nunique() >= 3 and len(nips) >= 5
    rows = cli_summary.set_index("nip")
    for nip in nips:
        info = sample_profile(nip).info
        want = rows.loc[nip]
        if pd.isna(want["jpm"]):
            assert pd.isna(info["jpm"]), nip
        else:
            assert math.isclose(info["jpm"], want["jpm"], rel_tol=1e-12), nip
        assert (None if pd.isna(info["predikat"]) else info["predikat"]) == (
            None if pd.isna(want["predikat"]) else want["predikat"]
        ), nip
        assert (None if pd.isna(info["kotak"]) else int(info["kotak"])) == (
            None if pd.isna(want["kotak"]) else int(want["kotak"])
        ), nip
        assert info["kategori_jpm"] == want["kategori_jpm"] or (
            pd.isna(info["kategori_jpm"]) and pd.isna(want["kategori_jpm"])
        )


# --------------------------------------------------------------------------- by key


def assert_same_profile(by_key: EmployeeProfile, whole: EmployeeProfile) -> None:
    """Two profiles hold the same values (frames by value and type, missing values alike)."""
    assert by_key.info.keys() == whole.info.keys()
    for key, value in whole.info.items():
        other = by_key.info[key]
        assert (pd.isna(value) and pd.isna(other)) or other == value, key
    for name in ("competencies", "sources", "plan", "adjustments", "formulas"):
        pd.testing.assert_frame_equal(
            getattr(by_key, name).reset_index(drop=True),
            getattr(whole, name).reset_index(drop=True),
            obj=name,
        )
    for name in (
        "withheld",
        "strengths",
        "development_areas",
        "plan_jp",
        "comments",
        "explanation",
    ):
        assert getattr(by_key, name) == getattr(whole, name), name


@pytest.fixture(scope="module")
def calibrated_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, str]:
    """The sample store with one employee's work result calibrated upwards."""
    r = sample_scores().ringkasan
    nip = str(r.loc[r["rating_hasil_kerja"] == "sesuai", "nip"].sort_values().iloc[-1])
    store = sample_store(tmp_path_factory.mktemp("bykey"))
    store.add_adjustment(
        periode=SAMPLE_PERIODE,
        nip=nip,
        field="rating_hasil_kerja",
        new_value="di_atas",
        reason="Capaian melampaui target",
        who="Tim Kalibrasi",
    )
    return store, nip


def by_key_sample_nips(calibrated: str) -> dict[str, str]:
    """Sample employees of every kind the profile treats differently."""
    r = sample_scores().ringkasan.sort_values("nip")
    no_work_result = r.loc[r["rating_hasil_kerja"].isna() & r["jpm"].notna(), "nip"].iloc[0]
    no_jpm = r.loc[r["jpm"].isna(), "nip"]
    return {
        "withheld group": rich_sample_nip(),
        "calibrated": calibrated,
        "no work result": str(no_work_result),
        "no JPM": str(no_jpm.iloc[0]) if len(no_jpm) else str(r["nip"].iloc[1]),
        "first": str(r["nip"].iloc[0]),
        "last": str(r["nip"].iloc[-1]),
    }


def test_profile_built_by_key_equals_the_profile_built_from_the_whole_period(calibrated_store):
    store, calibrated = calibrated_store
    ds = store.dataset(SAMPLE_PERIODE)
    whole = score_dataset(ds, SAMPLE_PERIODE, adjustments=store.adjustments(SAMPLE_PERIODE))
    nips = by_key_sample_nips(calibrated)
    for kind, nip in nips.items():
        one, scores = lookup.employee_scores(store, SAMPLE_PERIODE, nip)
        assert len(one.pegawai) == 1 and set(one.penilaian["nip_dinilai"]) <= {nip}, kind
        by_key = profile_of(one, scores, nip)
        assert_same_profile(by_key, profile_of(ds, whole, nip))
    cal = profile_of(*lookup.employee_scores(store, SAMPLE_PERIODE, calibrated), calibrated)
    assert cal.info["dikalibrasi"] and list(cal.adjustments["field"]) == ["rating_hasil_kerja"]
    assert sample_profile(nips["withheld group"]).withheld  # the case is really there


def test_profile_built_by_key_keeps_a_withheld_peer_group_withheld(tmp_path):
    store = Store(sqlite_url(tmp_path / "anon.sqlite"))
    ds = anon_dataset(tmp_path / "data")
    store.import_dataset(ds, who="penguji")
    one, scores = lookup.employee_scores(store, PERIODE, RATEE)
    by_key = profile_of(one, scores, RATEE)
    assert by_key.withheld == ["masyarakat", "rekan"]
    stored = store.dataset(PERIODE)
    assert_same_profile(by_key, profile_of(stored, score_dataset(stored, PERIODE), RATEE))
