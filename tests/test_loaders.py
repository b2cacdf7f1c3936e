"""Loading messy but valid files (DESIGN.md §3): separators, BOM, headers,
labels instead of codes, workbooks, optional files, the competency dictionary."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kinerja import load_dataset
from kinerja.readers import read_tables
from tests.datafiles import (
    KEPALA,
    PERIODE,
    PPPK,
    STAF_A,
    STAF_B,
    UNIT,
    Table,
    valid_tables,
    write_csv_folder,
    write_xlsx,
)

PACKAGED_CODES = {
    *(f"M.{i:02d}" for i in range(1, 9)),
    "SK.01",
    *(f"B.{i:02d}" for i in range(1, 8)),
}


def ratings(dataset) -> list[tuple[str, str, str, str, int]]:  # type: ignore[no-untyped-def]
    """Ratings as plain tuples (periode, ratee, rater, source, code) + score, in file order."""
    p = dataset.penilaian
    return [
        (
            str(r.periode),
            str(r.nip_dinilai),
            str(r.nip_penilai),
            str(r.sumber),
            str(r.kompetensi_kode),
            int(r.skor),
        )
        for r in p.itertuples(index=False)
    ]


def reference_dataset(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The valid set written plainly (comma, no BOM, codes) and loaded."""
    return load_dataset(write_csv_folder(tmp_path / "plain", valid_tables()))


# --------------------------------------------------------------------------- CSV dialects


@pytest.mark.parametrize(
    ("sep", "bom"),
    [(",", False), (";", False), (",", True), (";", True)],
    ids=["comma", "semicolon", "comma-bom", "semicolon-bom"],
)
def test_csv_with_comma_or_semicolon_with_or_without_bom_loads_the_same(
    tmp_path: Path, sep: str, bom: bool
) -> None:
    folder = write_csv_folder(tmp_path / "data", valid_tables(), sep=sep, bom=bom)
    dataset = load_dataset(folder)
    reference = reference_dataset(tmp_path)
    assert ratings(dataset) == ratings(reference)
    pd.testing.assert_frame_equal(dataset.pegawai, reference.pegawai)
    pd.testing.assert_frame_equal(dataset.standar, reference.standar)
    pd.testing.assert_frame_equal(dataset.hasil_kerja, reference.hasil_kerja)


def test_bom_does_not_stick_to_the_first_column_name(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "data", valid_tables(), sep=";", bom=True)
    raw = read_tables(folder)
    assert raw.problems == []
    assert list(raw.frames["pegawai"].columns)[0] == "nip"
    assert list(raw.frames["penilaian"].columns)[0] == "periode"


def test_semicolon_file_keeps_commas_inside_values(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["pegawai"].set(0, "nama", "Drs. Kepala, M.Si.")
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables, sep=";"))
    assert dataset.pegawai.loc[0, "nama"] == "Drs. Kepala, M.Si."


def test_headers_in_upper_case_with_stray_spaces_are_recognised(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["penilaian"].rename("nip_dinilai", " NIP_Dinilai ")
    tables["penilaian"].rename("periode", "PERIODE")
    tables["penilaian"].rename("kompetensi_kode", "Kompetensi_Kode  ")
    tables["pegawai"].rename("nip", " Nip")
    tables["pegawai"].rename("nip_atasan", "NIP_ATASAN ")
    tables["standar_kompetensi"].rename("level", "  LEVEL")
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables, sep=";", bom=True))
    assert ratings(dataset) == ratings(reference_dataset(tmp_path))
    assert list(dataset.pegawai["nip_atasan"].fillna("")) == ["", KEPALA, KEPALA, KEPALA]
    assert list(dataset.standar["level"]) == [4, 2, 1]


def test_csv_file_names_are_case_insensitive(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "data", valid_tables())
    (folder / "pegawai.csv").rename(folder / "Pegawai.CSV")
    (folder / "penilaian.csv").rename(folder / "PENILAIAN.csv")
    dataset = load_dataset(folder)
    assert len(dataset.pegawai) == 4
    assert len(dataset.penilaian) == 15


def test_values_with_surrounding_spaces_are_trimmed(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["penilaian"].set(0, "nip_dinilai", f" {STAF_A} ")
    tables["penilaian"].set(0, "skor", " 4 ")
    tables["penilaian"].set(0, "sumber", " atasan")
    tables["pegawai"].set(1, "jabatan", "Pelaksana ")
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    assert ratings(dataset)[0] == (PERIODE, STAF_A, KEPALA, "atasan", "M.01", 4)
    assert dataset.pegawai.loc[1, "jabatan"] == "Pelaksana"


def test_trailing_empty_rows_excel_exports_as_separators_are_ignored(tmp_path: Path) -> None:
    tables = valid_tables()
    for _ in range(3):
        tables["penilaian"].append()  # ";;;;;;" lines
    tables["pegawai"].append()
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables, sep=";"))
    assert len(dataset.penilaian) == 15
    assert len(dataset.pegawai) == 4


# --------------------------------------------------------------------------- vocabularies


def test_vocabulary_labels_in_any_case_are_turned_into_codes(tmp_path: Path) -> None:
    tables = valid_tables()
    pen = tables["penilaian"]
    pen.set(0, "sumber", "Atasan")
    pen.set(1, "sumber", "ATASAN")
    pen.set(9, "sumber", "Diri Sendiri")
    pen.set(11, "sumber", "Rekan Sejawat")
    pen.set(12, "sumber", "bawahan")
    pen.set(13, "sumber", "MASYARAKAT")
    tables["hasil_kerja"].set(0, "rating_hasil_kerja", "Di Atas Ekspektasi")
    tables["hasil_kerja"].set(1, "rating_hasil_kerja", "sesuai ekspektasi")
    tables["unit_kerja"].set(0, "predikat_organisasi", "Baik")
    tables["kompetensi"].set(0, "jenis", "Teknis")
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))

    sources = list(dataset.penilaian["sumber"].astype(str))
    assert sources[0] == sources[1] == "atasan"
    assert sources[9] == "diri"
    assert sources[11] == "rekan"
    assert sources[12] == "bawahan"
    assert sources[13] == "masyarakat"
    assert list(dataset.hasil_kerja["rating_hasil_kerja"]) == ["di_atas", "sesuai"]
    assert list(dataset.unit_kerja["predikat_organisasi"]) == ["baik"]
    t01 = dataset.kompetensi.set_index("kode").loc["T.01"]
    assert t01["jenis"] == "teknis"


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Di Bawah Ekspektasi", "di_bawah"),
        ("DI BAWAH EKSPEKTASI", "di_bawah"),
        ("di_bawah", "di_bawah"),
        ("Di_Atas", "di_atas"),
        ("Sesuai Ekspektasi", "sesuai"),
    ],
)
def test_rating_hasil_kerja_accepts_code_or_label(tmp_path: Path, label: str, code: str) -> None:
    tables = valid_tables()
    tables["hasil_kerja"].set(0, "rating_hasil_kerja", label)
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    assert dataset.hasil_kerja.loc[0, "rating_hasil_kerja"] == code


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Istimewa", "istimewa"),
        ("Butuh Perbaikan", "butuh_perbaikan"),
        ("SANGAT KURANG", "sangat_kurang"),
        ("kurang", "kurang"),
    ],
)
def test_predikat_organisasi_accepts_code_or_label(tmp_path: Path, label: str, code: str) -> None:
    tables = valid_tables()
    tables["unit_kerja"].set(0, "predikat_organisasi", label)
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    assert dataset.unit_kerja.loc[0, "predikat_organisasi"] == code


def test_lower_case_competency_codes_are_read_as_upper_case(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["penilaian"].set(0, "kompetensi_kode", "m.01")
    tables["penilaian"].set(1, "kompetensi_kode", " sk.01")
    tables["penilaian"].set(2, "kompetensi_kode", "b.01")
    tables["standar_kompetensi"].set(2, "kompetensi_kode", "sk.01")
    tables["pelatihan"].set(1, "kompetensi_kode", "t.01")
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    assert list(dataset.penilaian["kompetensi_kode"].astype(str))[:3] == ["M.01", "SK.01", "B.01"]
    assert list(dataset.standar["kompetensi_kode"]) == ["M.01", "M.01", "SK.01"]
    assert list(dataset.pelatihan["kompetensi_kode"]) == ["M.01", "T.01"]


# --------------------------------------------------------------------------- text is kept as text


def test_leading_zeros_in_text_columns_are_preserved(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["penilaian"].set(13, "nip_penilai", "0012")  # masyarakat respondent id
    tables["penilaian"].set(0, "catatan", "007")
    tables["pegawai"].set(0, "golongan", "04")
    tables["pelatihan"].set(0, "kode", "0001")
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    assert dataset.penilaian["nip_penilai"].astype(str).iloc[13] == "0012"
    assert dataset.penilaian["catatan"].iloc[0] == "007"
    assert dataset.pegawai.loc[0, "golongan"] == "04"
    assert dataset.pelatihan.loc[0, "kode"] == "0001"


def test_nips_are_kept_as_18_character_text(tmp_path: Path) -> None:
    dataset = load_dataset(write_csv_folder(tmp_path / "data", valid_tables()))
    assert list(dataset.pegawai["nip"]) == [KEPALA, STAF_A, STAF_B, PPPK]
    assert all(isinstance(n, str) for n in dataset.pegawai["nip"])


# --------------------------------------------------------------------------- workbooks


def test_xlsx_workbook_loads_like_the_csv_folder(tmp_path: Path) -> None:
    tables = valid_tables()
    for row in tables["penilaian"].rows:  # numbers typed as numbers in Excel
        row[tables["penilaian"].col("skor")] = int(str(row[tables["penilaian"].col("skor")]))
        row[tables["penilaian"].col("periode")] = int(PERIODE)
    dataset = load_dataset(write_xlsx(tmp_path / "data.xlsx", tables))
    reference = reference_dataset(tmp_path)
    assert ratings(dataset) == ratings(reference)
    pd.testing.assert_frame_equal(dataset.pegawai, reference.pegawai)
    pd.testing.assert_frame_equal(dataset.standar, reference.standar)


def test_xlsx_sheet_names_are_case_insensitive(tmp_path: Path) -> None:
    names = {
        "pegawai": "PEGAWAI",
        "penilaian": "Penilaian",
        "standar_kompetensi": "Standar_Kompetensi",
        "hasil_kerja": "HASIL_kerja",
    }
    dataset = load_dataset(write_xlsx(tmp_path / "data.xlsx", valid_tables(), sheet_names=names))
    assert len(dataset.pegawai) == 4
    assert len(dataset.penilaian) == 15
    assert list(dataset.hasil_kerja["nip"]) == [STAF_A, STAF_B]


def test_xlsx_nips_stored_as_text_are_kept_exactly(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["penilaian"].set(13, "nip_penilai", "0012")
    dataset = load_dataset(write_xlsx(tmp_path / "data.xlsx", tables))
    assert list(dataset.pegawai["nip"]) == [KEPALA, STAF_A, STAF_B, PPPK]
    assert dataset.penilaian["nip_penilai"].astype(str).iloc[13] == "0012"
    assert set(dataset.penilaian["nip_dinilai"].astype(str)) == {STAF_A, STAF_B, KEPALA, PPPK}


def test_xlsx_headers_with_stray_spaces_and_trailing_empty_rows_are_accepted(
    tmp_path: Path,
) -> None:
    tables = valid_tables()
    tables["penilaian"].rename("nip_dinilai", " NIP_Dinilai ")
    tables["penilaian"].append()
    tables["penilaian"].append()
    dataset = load_dataset(write_xlsx(tmp_path / "data.xlsx", tables))
    assert len(dataset.penilaian) == 15


def test_xlsx_extension_in_upper_case_is_read_as_workbook(tmp_path: Path) -> None:
    dataset = load_dataset(write_xlsx(tmp_path / "DATA.XLSX", valid_tables()))
    assert len(dataset.pegawai) == 4


# --------------------------------------------------------------------------- optional files


def test_optional_files_absent_give_empty_frames_with_their_columns(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "data", valid_tables(optional=False))
    dataset = load_dataset(folder)
    assert dataset.hasil_kerja.empty
    assert list(dataset.hasil_kerja.columns) == ["periode", "nip", "rating_hasil_kerja"]
    assert dataset.unit_kerja.empty
    assert list(dataset.unit_kerja.columns) == ["periode", "unit_kerja", "predikat_organisasi"]
    assert dataset.pelatihan.empty
    assert list(dataset.pelatihan.columns) == ["kode", "nama", "kompetensi_kode", "jp", "jalur"]
    assert set(dataset.kompetensi["kode"]) == PACKAGED_CODES
    assert len(dataset.penilaian) == 15


def test_optional_sheets_absent_from_workbook_give_empty_frames(tmp_path: Path) -> None:
    dataset = load_dataset(write_xlsx(tmp_path / "data.xlsx", valid_tables(optional=False)))
    assert dataset.hasil_kerja.empty
    assert dataset.unit_kerja.empty
    assert dataset.pelatihan.empty
    assert set(dataset.kompetensi["kode"]) == PACKAGED_CODES


def test_optional_columns_absent_are_empty(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["pegawai"].drop("golongan").drop("jenis_jabatan")
    tables["penilaian"].drop("catatan")
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    assert dataset.pegawai["golongan"].isna().all()
    assert dataset.penilaian["catatan"].isna().all()


# --------------------------------------------------------------------------- competency dictionary


def test_kompetensi_file_extends_the_packaged_dictionary_with_technical_codes(
    tmp_path: Path,
) -> None:
    tables = valid_tables()
    tables["kompetensi"].append(kode="t.02", nama="Pengadaan Barang", jenis="teknis")
    tables["standar_kompetensi"].append(jabatan="Pelaksana", kompetensi_kode="T.01", level="3")
    tables["penilaian"].append(
        periode=PERIODE,
        nip_dinilai=STAF_A,
        nip_penilai=KEPALA,
        sumber="atasan",
        kompetensi_kode="T.02",
        skor="4",
    )
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    kamus = dataset.kompetensi.set_index("kode")
    assert set(kamus.index) == PACKAGED_CODES | {"T.01", "T.02"}
    assert kamus.loc["T.01", "nama"] == "Pengelolaan Arsip"
    assert kamus.loc["T.02", "nama"] == "Pengadaan Barang"
    assert kamus.loc["T.02", "jenis"] == "teknis"
    assert kamus.loc["M.01", "nama"] == "Integritas"  # packaged entry kept
    assert "T.01" in set(dataset.standar["kompetensi_kode"])


def test_kompetensi_file_overrides_a_packaged_entry_by_code(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["kompetensi"].append(kode="M.01", nama="Integritas Daerah", jenis="manajerial")
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    kamus = dataset.kompetensi
    assert (kamus["kode"] == "M.01").sum() == 1
    assert kamus.set_index("kode").loc["M.01", "nama"] == "Integritas Daerah"


def test_technical_code_is_unknown_without_the_kompetensi_file(tmp_path: Path) -> None:
    from kinerja import DataValidationError

    tables = valid_tables()
    del tables["kompetensi"]
    del tables["pelatihan"]  # its T.01 row would be a second problem
    tables["standar_kompetensi"].append(jabatan="Pelaksana", kompetensi_kode="T.01", level="3")
    with pytest.raises(DataValidationError) as info:
        load_dataset(write_csv_folder(tmp_path / "data", tables))
    problems = info.value.problems
    assert problems[["berkas", "baris", "kolom", "nilai"]].values.tolist() == [
        ["standar_kompetensi.csv", 5, "kompetensi_kode", "T.01"]
    ]


# --------------------------------------------------------------------------- result types


def test_loaded_numbers_are_typed_and_units_kept_as_text(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["pelatihan"].set(0, "jp", "24,5")  # Indonesian decimal comma
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    assert dataset.penilaian["skor"].dtype.kind == "i"
    assert dataset.standar["level"].dtype.kind == "i"
    assert list(dataset.pelatihan["jp"]) == [24.5, 16.0]
    assert list(dataset.unit_kerja["unit_kerja"]) == [UNIT]
    assert dataset.periods() == [PERIODE]


def test_unknown_extra_columns_are_ignored(tmp_path: Path) -> None:
    tables = valid_tables()
    extra = Table(
        [*tables["pegawai"].columns, "keterangan"],
        [[*r, "catatan bebas"] for r in tables["pegawai"].rows],
    )
    tables["pegawai"] = extra
    dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    assert "keterangan" not in dataset.pegawai.columns
    assert len(dataset.pegawai) == 4


# --------------------------------------------------------------------------- the CSV reader


def test_well_formed_csv_arrives_as_categoricals_with_text_kept_verbatim(tmp_path: Path) -> None:
    from kinerja.readers import read_csv_text

    file = tmp_path / "penilaian.csv"
    file.write_text(
        "periode,nip_dinilai,catatan\n2025,000123,NA\n2025,000123,null\n2025,4.0,\n",
        encoding="utf-8",
    )
    frame, problems = read_csv_text(file)
    assert problems == []
    assert all(isinstance(t, pd.CategoricalDtype) for t in frame.dtypes)
    # no type guessing: leading zeros, "4.0" and the words NA/null stay text; only "" is missing
    assert frame["nip_dinilai"].astype(object).tolist() == ["000123", "000123", "4.0"]
    assert frame["catatan"].astype(object).tolist()[:2] == ["NA", "null"]
    assert pd.isna(frame["catatan"].iloc[2])


def test_blank_lines_inside_a_csv_keep_the_row_numbers_users_see(tmp_path: Path) -> None:
    from kinerja.readers import read_csv_text

    file = tmp_path / "pegawai.csv"
    file.write_text("nip,nama\n1,A\n\n,\n2,B\n", encoding="utf-8")
    frame, problems = read_csv_text(file)
    assert problems == []
    assert frame.index.tolist() == [0, 3]  # Excel rows 2 and 5
    assert frame["nama"].astype(object).tolist() == ["A", "B"]


def test_a_short_row_is_read_by_the_tolerant_reader_with_empty_cells(tmp_path: Path) -> None:
    from kinerja.readers import read_csv_text

    file = tmp_path / "pegawai.csv"
    file.write_text("nip,nama,jabatan\n1,A,Staf\n2,B\n", encoding="utf-8")
    frame, problems = read_csv_text(file)
    assert problems == []
    assert frame["nama"].tolist() == ["A", "B"]
    assert pd.isna(frame["jabatan"].iloc[1])


def test_quoted_values_with_separators_and_line_breaks_are_one_cell(tmp_path: Path) -> None:
    from kinerja.readers import read_csv_text

    file = tmp_path / "penilaian.csv"
    file.write_text('nip,catatan\n1,"baik, teliti\nrapi"\n2,"kata ""ya"""\n', encoding="utf-8")
    frame, _ = read_csv_text(file)
    assert frame["catatan"].astype(object).tolist() == ["baik, teliti\nrapi", 'kata "ya"']


def test_ratings_from_csv_and_from_a_messy_csv_have_the_same_column_types(tmp_path: Path) -> None:
    clean = load_dataset(write_csv_folder(tmp_path / "a", valid_tables()))
    tables = valid_tables()
    tables["penilaian"].set(0, "sumber", " Atasan ")  # merged with "atasan" when normalised
    code = str(tables["penilaian"].get(1, "kompetensi_kode"))
    tables["penilaian"].set(1, "kompetensi_kode", code.lower())
    messy = load_dataset(write_csv_folder(tmp_path / "b", tables, sep=";"))
    assert clean.penilaian.dtypes.to_dict() == messy.penilaian.dtypes.to_dict()


@pytest.mark.parametrize(
    "content",
    [
        b'nip,catatan\n1,"baik, teliti\nrapi"\n2,ok\n',  # quoted line break (Arrow's slow mode)
        b"nip;nama\n1;A\n2;B",  # semicolons, no final line break
        "nip,nama\n1,Élan\n".encode("utf-8-sig"),  # BOM
        b"nip,nama\n1,A\n2,B,C\n",  # a long row: refused
        b"nip,nama\n1,A\n2\n",  # a short row: the pandas path
        b"nip,nama\n1,\xff\n",  # not UTF-8
        b"",  # empty: nothing to map
        b"\x00\x01binary",
    ],
)
def test_a_file_on_disk_reads_like_the_same_bytes_uploaded(tmp_path: Path, content: bytes) -> None:
    """Files on disk and uploads (bytes in memory) give the same frame and messages."""
    import io

    from kinerja.readers import read_csv_text

    file = tmp_path / "tabel.csv"
    file.write_bytes(content)
    from_disk, disk_problems = read_csv_text(file)
    uploaded, upload_problems = read_csv_text(io.BytesIO(content))
    assert [(p["baris"], p["pesan"]) for p in disk_problems] == [
        (p["baris"], p["pesan"]) for p in upload_problems
    ]
    pd.testing.assert_frame_equal(from_disk, uploaded)


def test_blank_and_repeated_header_cells_get_names_of_their_own(tmp_path: Path) -> None:
    """Trailing separators Excel writes and a repeated header cell keep one column each."""
    from kinerja.readers import read_csv_text

    file = tmp_path / "pegawai.csv"
    file.write_text("nip,Nama,NAMA,,\n1,A,B,,\n", encoding="utf-8")
    frame, problems = read_csv_text(file)
    assert problems == []
    assert list(frame.columns) == ["nip", "nama", "nama.1", "kolom_4", "kolom_5"]
    assert frame.iloc[0, :3].astype(object).tolist() == ["1", "A", "B"]


def test_a_row_with_more_cells_than_the_header_is_refused_naming_its_row(tmp_path: Path) -> None:
    from kinerja.readers import read_csv_text

    file = tmp_path / "standar_kompetensi.csv"
    file.write_text("jabatan,kompetensi_kode,level\nStaf,M.01,2\nStaf,M.02,3,0\n", encoding="utf-8")
    frame, problems = read_csv_text(file)
    assert frame.empty
    assert [(p["berkas"], p["baris"], p["nilai"]) for p in problems] == [
        ("standar_kompetensi.csv", 3, "Staf,M.02,3,0")
    ]
    assert "4 sel" in str(problems[0]["pesan"]) and "3 kolom" in str(problems[0]["pesan"])


def test_kompetensi_file_without_the_optional_definisi_column_loads_without_warnings(
    tmp_path: Path,
) -> None:
    """The absent column is empty text (pandas 4 refuses to fill a float column with "")."""
    import warnings

    tables = valid_tables()
    tables["kompetensi"].drop("definisi")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dataset = load_dataset(write_csv_folder(tmp_path / "data", tables))
    t01 = dataset.kompetensi.set_index("kode").loc["T.01"]
    assert (t01["nama"], t01["definisi"]) == ("Pengelolaan Arsip", "")
