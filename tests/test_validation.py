"""Validation of the input files (DESIGN.md §3): every bad-input class is refused
with a problem naming file, Excel row, column, value and an Indonesian message."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kinerja import DataValidationError, load_dataset
from kinerja.errors import PROBLEM_COLUMNS
from tests.datafiles import (
    BAD_INPUTS,
    KEPALA,
    PERIODE,
    PPPK,
    STAF_A,
    STAF_B,
    STRANGER,
    BadInput,
    Expected,
    add_rating,
    csv_case,
    valid_tables,
    write_csv_folder,
)


def problems_of(path: Path) -> pd.DataFrame:
    """The problems table of the DataValidationError that loading ``path`` must raise."""
    with pytest.raises(DataValidationError) as info:
        load_dataset(path)
    problems = info.value.problems
    assert list(problems.columns) == list(PROBLEM_COLUMNS)
    return problems


def matching(problems: pd.DataFrame, expected: Expected) -> pd.DataFrame:
    """Problem rows of the expected file, column and message."""
    return problems[
        (problems["berkas"] == expected.berkas)
        & (problems["kolom"] == expected.kolom)
        & problems["pesan"].str.contains(expected.pesan, regex=False)
    ]


def is_empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and pd.isna(value))


@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda c: c.id)
def test_bad_input_is_refused_naming_file_row_column_value_and_message(
    tmp_path: Path, case: BadInput
) -> None:
    problems = problems_of(case.write(tmp_path))
    expected = case.expected
    found = matching(problems, expected)
    assert len(found) == 1, f"expected one problem like {expected}, got:\n{problems}"
    row = found.iloc[0]
    if expected.baris is None:
        assert is_empty(row["baris"]), f"whole-file problem has a row: {row['baris']!r}"
    else:
        assert int(row["baris"]) == expected.baris
    if expected.nilai == "":
        assert is_empty(row["nilai"])
    else:
        assert str(row["nilai"]) == expected.nilai
    assert row["tingkat"] == "galat"
    if case.only:
        assert len(problems) == 1, f"only one problem expected:\n{problems}"


def test_error_message_counts_problems_in_indonesian(tmp_path: Path) -> None:
    case = next(c for c in BAD_INPUTS if c.id == "score-6")
    with pytest.raises(DataValidationError) as info:
        load_dataset(case.write(tmp_path))
    assert "1 masalah" in str(info.value)
    assert "penilaian.csv, baris 5, kolom skor: nilai '6'" in info.value.report()


def test_many_problems_in_several_files_are_reported_together(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["pegawai"].append(
        nip="19700101200003100", nama="Baru", unit_kerja="Dinas A", jabatan="Pelaksana"
    )
    tables["penilaian"].set(0, "skor", "6")
    tables["penilaian"].set(4, "kompetensi_kode", "M.99")
    tables["standar_kompetensi"].set(0, "level", "0")
    tables["hasil_kerja"].set(0, "rating_hasil_kerja", "Luar Biasa")
    tables["unit_kerja"].set(0, "predikat_organisasi", "Hebat")
    tables["pelatihan"].set(1, "jp", "0")
    problems = problems_of(write_csv_folder(tmp_path / "data", tables))

    got = set(
        zip(problems["berkas"], problems["baris"].astype(int), problems["kolom"], strict=True)
    )
    assert got == {
        ("pegawai.csv", 6, "nip"),
        ("penilaian.csv", 2, "skor"),
        ("penilaian.csv", 6, "kompetensi_kode"),
        ("standar_kompetensi.csv", 2, "level"),
        ("hasil_kerja.csv", 2, "rating_hasil_kerja"),
        ("unit_kerja.csv", 2, "predikat_organisasi"),
        ("pelatihan.csv", 3, "jp"),
    }


def test_many_bad_rows_of_one_check_are_all_listed(tmp_path: Path) -> None:
    tables = valid_tables()
    for i in range(5):
        tables["penilaian"].set(i, "skor", str(6 + i))
    problems = problems_of(write_csv_folder(tmp_path / "data", tables))
    assert sorted(problems["baris"].astype(int)) == [2, 3, 4, 5, 6]
    assert list(problems["nilai"].astype(str)) == ["6", "7", "8", "9", "10"]


def test_unreadable_file_is_reported_together_with_problems_of_other_files(
    tmp_path: Path,
) -> None:
    tables = valid_tables()
    tables["pegawai"].set(1, "nama", "")
    folder = write_csv_folder(tmp_path / "data", tables)
    (folder / "hasil_kerja.csv").write_bytes(b"\x00\x01\x02binary")
    problems = problems_of(folder)
    assert set(problems["berkas"]) == {"pegawai.csv", "hasil_kerja.csv"}


def test_problems_in_a_workbook_name_the_sheet_and_excel_row(tmp_path: Path) -> None:
    case = next(c for c in BAD_INPUTS if c.id == "score-6-in-xlsx")
    problems = problems_of(case.write(tmp_path))
    assert problems[["berkas", "baris", "kolom"]].values.tolist() == [
        ["data.xlsx, sheet penilaian", 5, "skor"]
    ]


def test_blank_csv_line_still_counts_as_an_excel_row(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["penilaian"].set(3, "skor", "6")  # Excel row 5 without the blank line
    folder = write_csv_folder(tmp_path / "data", tables)
    path = folder / "penilaian.csv"
    lines = path.read_bytes().split(b"\r\n")
    lines.insert(2, b"")  # blank line between data rows 0 and 1
    path.write_bytes(b"\r\n".join(lines))
    problems = problems_of(folder)
    assert problems[["baris", "kolom"]].values.tolist() == [[6, "skor"]]


def test_problem_rows_in_a_workbook_count_empty_rows_above(tmp_path: Path) -> None:
    from tests.datafiles import write_xlsx

    tables = valid_tables()
    tables["penilaian"].rows.insert(1, [""] * len(tables["penilaian"].columns))
    tables["penilaian"].set(4, "skor", 6)  # Excel row 6
    problems = problems_of(write_xlsx(tmp_path / "data.xlsx", tables))
    assert problems[["baris", "kolom"]].values.tolist() == [[6, "skor"]]


# --------------------------------------------------------------------------- accepted


def test_pppk_number_with_digit_13_equal_2_is_accepted(tmp_path: Path) -> None:
    dataset = load_dataset(write_csv_folder(tmp_path / "data", valid_tables()))
    assert PPPK[12] == "2"
    assert PPPK in set(dataset.pegawai["nip"])
    assert PPPK in set(dataset.penilaian["nip_dinilai"].astype(str))


def test_public_respondent_id_need_not_be_in_roster(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["penilaian"].append(
        periode=PERIODE,
        nip_dinilai=STAF_B,
        nip_penilai=STRANGER,  # a NIP-like respondent id of someone outside the roster
        sumber="masyarakat",
        kompetensi_kode="M.01",
        skor="4",
    )
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    public = dataset.penilaian[dataset.penilaian["sumber"] == "masyarakat"]
    assert set(public["nip_penilai"].astype(str)) == {"R-001", STRANGER}


def test_valid_data_set_loads_without_problems_or_warnings(tmp_path: Path) -> None:
    dataset = load_dataset(write_csv_folder(tmp_path / "data", valid_tables()))
    assert len(dataset.pegawai) == 4
    assert len(dataset.penilaian) == 15
    assert dataset.warnings.empty


# --------------------------------------------------------------------------- warnings


def test_atasan_who_is_not_the_listed_supervisor_is_a_warning_not_an_error(
    tmp_path: Path,
) -> None:
    # PPPK rates STAF_B as atasan, but the roster lists KEPALA as STAF_B's supervisor
    write = csv_case(add_rating(nip_dinilai=STAF_B, nip_penilai=PPPK, sumber="atasan"))
    dataset = load_dataset(write(tmp_path))

    warnings = dataset.warnings
    assert len(warnings) == 1
    row = warnings.iloc[0]
    assert row["tingkat"] == "peringatan"
    assert row["berkas"] == "penilaian.csv"
    assert int(row["baris"]) == 17
    assert row["kolom"] == "nip_penilai"
    assert row["nilai"] == PPPK
    assert "atasan" in row["pesan"]
    # the rating is kept
    rated = dataset.penilaian[
        (dataset.penilaian["nip_dinilai"] == STAF_B) & (dataset.penilaian["nip_penilai"] == PPPK)
    ]
    assert list(rated["sumber"].astype(str)) == ["atasan"]


def test_bawahan_who_is_not_a_listed_subordinate_is_a_warning_not_an_error(
    tmp_path: Path,
) -> None:
    # STAF_B rates STAF_A as bawahan, but STAF_B reports to KEPALA, not to STAF_A
    write = csv_case(add_rating(nip_dinilai=STAF_A, nip_penilai=STAF_B, sumber="bawahan"))
    dataset = load_dataset(write(tmp_path))
    assert dataset.warnings[["baris", "nilai", "tingkat"]].values.tolist() == [
        [17, STAF_B, "peringatan"]
    ]
    assert "bawahan" in dataset.warnings.iloc[0]["pesan"]


def test_a_second_source_of_one_rater_for_one_ratee_is_an_error_even_beside_the_right_one(
    tmp_path: Path,
) -> None:
    # KEPALA rightly rates STAF_A as atasan (rows 2-10) and also as bawahan on M.02, M.03
    def edit(tables: dict) -> None:
        for kode in ("M.02", "M.03"):
            add_rating(
                nip_dinilai=STAF_A, nip_penilai=KEPALA, sumber="bawahan", kompetensi_kode=kode
            )(tables)

    problems = problems_of(csv_case(edit)(tmp_path))
    assert problems[["berkas", "baris", "kolom", "nilai", "tingkat"]].values.tolist() == [
        ["penilaian.csv", 17, "sumber", "bawahan", "galat"],
        ["penilaian.csv", 18, "sumber", "bawahan", "galat"],
    ]
    assert problems["pesan"].str.contains("sumber 'atasan' (baris 2)", regex=False).all()


def test_hierarchy_warning_is_given_once_per_rater_ratee_and_source(tmp_path: Path) -> None:
    def edit(tables: dict) -> None:
        for kode in ("M.02", "M.03", "M.04"):
            tables["penilaian"].append(
                periode=PERIODE,
                nip_dinilai=STAF_B,
                nip_penilai=PPPK,
                sumber="atasan",
                kompetensi_kode=kode,
                skor="3",
            )

    dataset = load_dataset(csv_case(edit)(tmp_path))
    assert dataset.warnings[["baris", "nilai"]].values.tolist() == [[17, PPPK]]


def test_a_check_that_raises_is_an_error_not_a_silent_pass() -> None:
    import pandera.pandas as pa

    from kinerja import validation

    def broken(s: pd.Series) -> pd.Series:
        raise ValueError("Can only compare identically-labeled Series objects")

    table = validation._Table("pegawai", pd.DataFrame({"nip": ["1", None]}), "pegawai.csv")
    check = pa.Check(broken, name="atasan_bukan_diri")
    frame_schema = pa.DataFrameSchema({"nip": pa.Column(checks=[check], nullable=True)})
    with pytest.raises(RuntimeError, match="gagal dijalankan"):
        validation._run(frame_schema, table)


def test_rater_checks_work_beside_an_empty_rater_cell(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["penilaian"].set(1, "nip_penilai", "")  # Excel row 3: empty rater
    tables["penilaian"].append(
        periode=PERIODE,
        nip_dinilai=STAF_A,
        nip_penilai=STAF_B,
        sumber="diri",
        kompetensi_kode="SK.01",
        skor="3",
    )  # Excel row 17: a self rating entered by someone else
    problems = problems_of(write_csv_folder(tmp_path / "data", tables))
    found = {(int(r.baris), r.kolom, r.pesan.split(".")[0]) for r in problems.itertuples()}
    assert (3, "nip_penilai", "Wajib diisi") in found
    assert any(b == 17 and k == "nip_penilai" and "diri" in p for b, k, p in found)
    assert len(problems) == 2


def test_nip_rules_take_only_ascii_digits_and_read_each_digit_in_place() -> None:
    """Non-ASCII digits, a space or a mark fail ``angka18``; NIPs are read digit by digit."""
    from kinerja.nip import nip_rules, sci_of

    arabic = "".join(chr(0x0660 + int(c)) for c in "196502031990031005")
    values = pd.Series(
        [
            "196502031990031005",  # PNS: born 1965-02-03, TMT 1990-03, male
            "199902302020031005",  # 30 February
            "196502031990131005",  # TMT month 13
            "199001012021213001",  # PPPK 2021 (digit 13 = 2, digit 14 = 1); gender digit 3
            arabic,
            " 196502031990031005",
            "1.96502E+17",
            None,
        ],
        dtype=object,
    )
    rules = nip_rules(values)
    assert rules["angka18"].tolist() == [True, True, True, True, False, False, False, False]
    assert rules["lahir"].tolist() == [True, False, True, True, True, True, True, True]
    assert rules["tmt"].tolist() == [True, True, False, True, True, True, True, True]
    assert rules["kelamin"].tolist() == [True, True, True, False, True, True, True, True]
    assert sci_of(values).tolist() == [False] * 6 + [True, False]


def test_supervisor_lookup_uses_the_first_roster_row_of_a_nip() -> None:
    """Hierarchy warnings read each NIP's listed supervisor from its first roster row."""
    from kinerja.hierarchy import _bosses

    pegawai = pd.DataFrame(
        {"nip": ["A", "B", "A", "C"], "nip_atasan": ["B", None, "C", None]}, dtype=object
    )
    ratees = pd.Index(["A", "C"], dtype=object)
    raters = pd.Index(["C", "B"], dtype=object)
    boss_of_ratee, boss_of_rater = _bosses(pegawai, ratees, raters)
    assert boss_of_ratee.tolist() == [1, -1]  # A's supervisor is B (rater 1); C has none
    assert boss_of_rater.tolist() == [-1, -1]  # neither C nor B has a supervisor listed


def test_one_self_rating_filed_as_atasan_beside_diri_ones_is_one_problem(tmp_path: Path) -> None:
    # STAF_A rated themself as diri on M.01 (row 11); SK.01 filed as atasan is the one wrong row
    write = csv_case(add_rating(nip_dinilai=STAF_A, nip_penilai=STAF_A, sumber="atasan"))
    problems = problems_of(write(tmp_path))
    assert problems[["baris", "kolom", "nilai"]].values.tolist() == [[17, "sumber", "atasan"]]
    assert "harus bersumber diri" in problems.iloc[0]["pesan"]
