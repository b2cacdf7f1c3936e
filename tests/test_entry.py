"""The data-entry rules of ``kinerja.entry`` on small hand-built rosters.

Who may rate whom (``atasan`` for direct subordinates, ``bawahan`` for one's
own supervisor, ``rekan`` for colleagues of the same unit and level, ``diri``
for oneself), which competencies a ratee is rated on, and the completion
monitor's counts.  No store, no widgets: every frame is typed here.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja.entry import (
    TARGET_COLUMNS,
    competencies_to_rate,
    completion,
    completion_share,
    expected_pairs,
    rating_targets,
    respondent_id_problem,
    stored_source_differs,
)

BERAKHLAK = tuple(f"B.{i:02d}" for i in range(1, 8))

# nip, nama, unit, jabatan, jenis_jabatan, nip_atasan
ROSTER_ROWS = [
    # Dinas A: a head, two administrators, three pelaksana under two bosses
    ("KA", "Kepala A", "Dinas A", "Kepala Dinas", "jpt_pratama", None),
    ("S1", "Sekretaris", "Dinas A", "Sekretaris Dinas", "administrator", "KA"),
    ("S2", "Kabid", "Dinas A", "Kepala Bidang", "administrator", "KA"),
    ("P1", "Ani", "Dinas A", "Pelaksana", "pelaksana", "S1"),
    ("P2", "Budi", "Dinas A", "Pelaksana", "pelaksana", "S1"),
    ("P3", "Citra", "Dinas A", "Pelaksana", "pelaksana", "S2"),
    # Dinas B: same levels as in Dinas A (never peers across units); no jenis_jabatan for X*
    ("KB", "Kepala B", "Dinas B", "Kepala Dinas", "jpt_pratama", None),
    ("PB", "Dewi", "Dinas B", "Pelaksana", "pelaksana", "KB"),
    ("X1", "Eko", "Dinas B", "Pengadministrasi", None, "KB"),
    ("X2", "Fajar", "Dinas B", "Pengadministrasi", None, "KB"),
    ("X3", "Gita", "Dinas B", "Pengadministrasi", None, "PB"),
    # supervisor outside the roster: no atasan/bawahan pair
    ("OR", "Hadi", "Dinas B", "Pengadministrasi", "fungsional", "ZZ"),
]


def roster(rows=ROSTER_ROWS) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return pd.DataFrame(
        [(n, nama, u, j, jj, "III/a", a) for n, nama, u, j, jj, a in rows],
        columns=["nip", "nama", "unit_kerja", "jabatan", "jenis_jabatan", "golongan", "nip_atasan"],
    )


def kompetensi() -> pd.DataFrame:
    jenis = {
        "M.01": "manajerial",
        "M.02": "manajerial",
        "SK.01": "sosial_kultural",
        "T.01": "teknis",
        **{b: "perilaku" for b in BERAKHLAK},
    }
    return pd.DataFrame(
        {"kode": list(jenis), "nama": [f"Nama {k}" for k in jenis], "jenis": list(jenis.values())}
    )


def standar() -> pd.DataFrame:
    rows = [
        ("Kepala Dinas", "M.01", 4),
        ("Kepala Dinas", "M.02", 4),
        ("Kepala Dinas", "SK.01", 4),
        ("Pelaksana", "T.01", 2),
        ("Pelaksana", "M.01", 1),
        ("Pelaksana", "B.03", 3),  # a behaviour code in a job standard is not rated twice
    ]
    return pd.DataFrame(rows, columns=["jabatan", "kompetensi_kode", "level"])


def pairs_set(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(frame[list(TARGET_COLUMNS)].itertuples(index=False, name=None))


# --------------------------------------------------------------------------- expected_pairs


def test_expected_pairs_follow_the_hierarchy():
    got = expected_pairs(roster())
    assert list(got.columns) == list(TARGET_COLUMNS)
    assert not got.duplicated(["nip_penilai", "nip_dinilai"]).any()
    pairs = pairs_set(got)

    # diri: everyone rates themselves, and only diri pairs have rater == ratee
    assert {(n, n, "diri") for n, *_ in ROSTER_ROWS} <= pairs
    assert {p for p in pairs if p[0] == p[1]} == {(n, n, "diri") for n, *_ in ROSTER_ROWS}

    by_source = {s: {(a, b) for a, b, src in pairs if src == s} for s in ("atasan", "bawahan")}
    direct = {
        ("KA", "S1"),
        ("KA", "S2"),
        ("S1", "P1"),
        ("S1", "P2"),
        ("S2", "P3"),
        ("KB", "PB"),
        ("KB", "X1"),
        ("KB", "X2"),
        ("PB", "X3"),
    }
    assert by_source["atasan"] == direct  # direct subordinates only (KA does not rate P1)
    assert by_source["bawahan"] == {(b, a) for a, b in direct}  # own supervisor only


def test_peers_are_same_unit_and_level():
    rekan = {(a, b) for a, b, s in pairs_set(expected_pairs(roster())) if s == "rekan"}
    pelaksana_a = {"P1", "P2", "P3"}  # same level although P3 has another supervisor
    admins = {"S1", "S2"}
    expected = {(a, b) for grp in (pelaksana_a, admins) for a in grp for b in grp if a != b}
    expected |= {("X1", "X2"), ("X2", "X1")}  # no level: peers only under the same supervisor
    assert rekan == expected
    # never across units (KA/KB and P*/PB share a level but not a unit)
    assert ("KA", "KB") not in rekan and ("P1", "PB") not in rekan
    # X3 has no level and another supervisor; OR is alone at its level
    assert not {p for p in rekan if "X3" in p or "OR" in p}


def test_supervisor_outside_the_roster_gives_no_pair():
    pairs = pairs_set(expected_pairs(roster()))
    assert {p for p in pairs if "OR" in p[:2]} == {("OR", "OR", "diri")}
    assert not {p for p in pairs if "ZZ" in p[:2]}


def test_supervisor_of_same_level_is_atasan_not_rekan():
    rows = [
        ("C1", "Koordinator", "Dinas C", "Pelaksana", "pelaksana", None),
        ("C2", "Anggota", "Dinas C", "Pelaksana", "pelaksana", "C1"),
    ]
    pairs = pairs_set(expected_pairs(roster(rows)))
    assert pairs == {
        ("C1", "C1", "diri"),
        ("C2", "C2", "diri"),
        ("C1", "C2", "atasan"),
        ("C2", "C1", "bawahan"),
    }


# --------------------------------------------------------------------------- rating_targets


def test_rating_targets_of_a_middle_manager_self_first():
    got = rating_targets(roster(), "S1")
    cols = ["nip_dinilai", "nama", "jabatan", "sumber"]
    assert sorted(got.columns) == sorted(cols)
    assert list(got[cols].itertuples(index=False, name=None)) == [
        ("S1", "Sekretaris", "Sekretaris Dinas", "diri"),
        ("P1", "Ani", "Pelaksana", "atasan"),  # subordinates by name
        ("P2", "Budi", "Pelaksana", "atasan"),
        ("KA", "Kepala A", "Kepala Dinas", "bawahan"),
        ("S2", "Kabid", "Kepala Bidang", "rekan"),
    ]


def test_rating_targets_of_a_staff_member_and_of_a_head():
    staff = rating_targets(roster(), "P3")
    assert list(zip(staff["nip_dinilai"], staff["sumber"], strict=True)) == [
        ("P3", "diri"),
        ("S2", "bawahan"),
        ("P1", "rekan"),
        ("P2", "rekan"),
    ]
    head = rating_targets(roster(), "KA")
    assert list(zip(head["nip_dinilai"], head["sumber"], strict=True)) == [
        ("KA", "diri"),
        ("S2", "atasan"),
        ("S1", "atasan"),  # Kabid < Sekretaris by name
    ]


def test_rating_targets_of_an_unknown_rater_is_empty():
    assert rating_targets(roster(), "NOPE").empty


# --------------------------------------------------------------------------- competencies_to_rate


def test_competencies_job_standard_then_berakhlak():
    got = competencies_to_rate(roster(), standar(), kompetensi(), "P1")
    assert list(got.columns) == ["kompetensi_kode", "nama", "jenis", "standar"]
    assert list(got["kompetensi_kode"]) == ["M.01", "T.01", *BERAKHLAK]
    assert list(got["standar"].iloc[:2]) == [1, 2]
    assert got["standar"].iloc[2:].isna().all()
    assert list(got["nama"].iloc[:2]) == ["Nama M.01", "Nama T.01"]
    assert got["kompetensi_kode"].is_unique  # B.03 of the standard is not repeated


def test_competencies_of_a_job_without_standard_are_berakhlak_only():
    got = competencies_to_rate(roster(), standar(), kompetensi(), "X1")
    assert list(got["kompetensi_kode"]) == list(BERAKHLAK)
    assert set(got["jenis"]) == {"perilaku"}


def test_competencies_of_unknown_nip_raise():
    with pytest.raises(KeyError, match="NOPE"):
        competencies_to_rate(roster(), standar(), kompetensi(), "NOPE")


# --------------------------------------------------------------------------- completion


def ratings_of(*entries: tuple[str, str, str, tuple[str, ...]]) -> pd.DataFrame:
    """``(rater, ratee, sumber, codes)`` -> penilaian rows with skor 3."""
    rows = [
        ("2025", ratee, rater, sumber, code, 3, None)
        for rater, ratee, sumber, codes in entries
        for code in codes
    ]
    return pd.DataFrame(
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


PELAKSANA_CODES = ("M.01", "T.01", *BERAKHLAK)  # 9 expected


def row(table: pd.DataFrame, rater: str, ratee: str, sumber: str) -> pd.Series:
    hit = table.loc[
        (table["nip_penilai"] == rater)
        & (table["nip_dinilai"] == ratee)
        & (table["sumber"] == sumber)
    ]
    assert len(hit) == 1, (rater, ratee, sumber, hit)
    return hit.iloc[0]


def test_completion_counts_and_statuses():
    ratings = ratings_of(
        ("S1", "P1", "atasan", PELAKSANA_CODES),  # complete
        ("S1", "P2", "atasan", ("M.01", "B.01")),  # partial
        ("P1", "P1", "diri", PELAKSANA_CODES),
        ("P2", "P1", "rekan", ("B.01",)),
        ("P3", "P1", "rekan", ("B.01", "B.02")),
        ("R-01", "P1", "masyarakat", ("B.01",)),  # public feedback is not an expected pair
    )
    table = completion(roster(), standar(), kompetensi(), ratings, unit_kerja="Dinas A")
    assert list(table.columns) == [
        "nip_penilai",
        "nama_penilai",
        "nip_dinilai",
        "nama_dinilai",
        "unit_kerja",
        "sumber",
        "n_diharapkan",
        "n_terisi",
        "status",
    ]
    assert set(table["unit_kerja"]) == {"Dinas A"}
    p1 = row(table, "S1", "P1", "atasan")
    assert (p1["n_diharapkan"], p1["n_terisi"], p1["status"]) == (9, 9, "lengkap")
    assert (p1["nama_penilai"], p1["nama_dinilai"]) == ("Sekretaris", "Ani")
    p2 = row(table, "S1", "P2", "atasan")
    assert (p2["n_terisi"], p2["status"]) == (2, "sebagian")
    assert row(table, "P1", "P1", "diri")["status"] == "lengkap"
    assert row(table, "P2", "P2", "diri")["status"] == "belum"
    boss = row(table, "P1", "S1", "bawahan")  # Sekretaris Dinas has no standard: 7 expected
    assert (boss["n_diharapkan"], boss["n_terisi"], boss["status"]) == (7, 0, "belum")
    head = row(table, "S1", "KA", "bawahan")  # Kepala Dinas: M.01, M.02, SK.01 + 7
    assert head["n_diharapkan"] == 10
    # peers: one row per ratee counting distinct peer raters against min_peers
    peer = row(table, "", "P1", "rekan")
    assert (peer["n_diharapkan"], peer["n_terisi"], peer["status"]) == (3, 2, "sebagian")
    assert peer["nama_penilai"] == ""
    assert not (table["sumber"] == "masyarakat").any()
    # one row per expected non-peer pair of Dinas A ratees plus one peer row per ratee
    a = [n for n, _, u, *_ in ROSTER_ROWS if u == "Dinas A"]
    exp = expected_pairs(roster())
    exp = exp.loc[exp["nip_dinilai"].isin(a) & (exp["sumber"] != "rekan")]
    assert len(table) == len(exp) + len(a)


def test_completion_min_peers_and_all_units():
    ratings = ratings_of(("P2", "P1", "rekan", ("B.01",)), ("P3", "P1", "rekan", ("B.01",)))
    table = completion(roster(), standar(), kompetensi(), ratings, min_peers=2)
    assert row(table, "", "P1", "rekan")["status"] == "lengkap"
    assert set(table["unit_kerja"]) == {"Dinas A", "Dinas B"}
    assert row(table, "", "P2", "rekan")["status"] == "belum"


def test_completion_with_no_ratings_is_all_belum():
    empty = ratings_of()
    table = completion(roster(), standar(), kompetensi(), empty, unit_kerja="Dinas B")
    assert set(table["status"]) == {"belum"} and (table["n_terisi"] == 0).all()


def test_completion_share_per_unit():
    ratings = ratings_of(
        ("S1", "P1", "atasan", PELAKSANA_CODES),
        ("KB", "KB", "diri", BERAKHLAK),  # Kepala Dinas needs 10, so still partial
        ("PB", "PB", "diri", PELAKSANA_CODES),
    )
    table = completion(roster(), standar(), kompetensi(), ratings)
    share = completion_share(table).set_index("unit_kerja")
    assert list(share.columns) == ["n_pasangan", "n_lengkap", "persen_lengkap"]
    for unit in ("Dinas A", "Dinas B"):
        sub = table.loc[table["unit_kerja"] == unit]
        assert share.loc[unit, "n_pasangan"] == len(sub)
    assert share.loc["Dinas A", "n_lengkap"] == 1
    assert share.loc["Dinas B", "n_lengkap"] == 1
    assert share.loc["Dinas A", "persen_lengkap"] == pytest.approx(
        100.0 / share.loc["Dinas A", "n_pasangan"]
    )


# ---------------------------------------------------------- respondent ids and stored sources


def test_an_employee_nip_is_not_a_respondent_id() -> None:
    pegawai = pd.DataFrame({"nip": ["196502222007011005", "197001012000031002"]})
    problem = respondent_id_problem(pegawai, " 197001012000031002 ")
    assert problem is not None and "197001012000031002 adalah NIP pegawai" in problem
    assert respondent_id_problem(pegawai, "R-DKS-0012") is None
    assert respondent_id_problem(pegawai, "") is None


def test_a_stored_source_is_reported_only_when_it_differs() -> None:
    existing = pd.DataFrame({"sumber": ["atasan", "atasan"]})
    assert stored_source_differs(existing, "rekan") == "atasan"
    assert stored_source_differs(existing, "atasan") is None
    assert stored_source_differs(existing.iloc[:0], "rekan") is None
