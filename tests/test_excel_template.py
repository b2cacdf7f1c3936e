"""The empty Excel template HR staff fill in (kinerja.excel.template_workbook), read back
with openpyxl: the Petunjuk sheet, text-formatted NIP columns and the allowed-value lists."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.contracts import CONTRACTS, Kind
from kinerja.excel import write_template
from kinerja.labels import PREDIKAT_ORGANISASI, RATING, SOURCE, code_lookup
from kinerja.loaders import load_dataset
from kinerja.vocab import CompetencyType, PredikatOrganisasi, Rating, Source
from tests.store_fixtures import small_tables

NIP_COLUMNS = {
    ("pegawai", "nip"),
    ("pegawai", "nip_atasan"),
    ("penilaian", "nip_dinilai"),
    ("penilaian", "nip_penilai"),
    ("hasil_kerja", "nip"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "template.xlsx"
    write_template(path)
    return path


@pytest.fixture(scope="module")
def wb(template: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(template)


def column_of(ws: Worksheet, name: str) -> str:
    for cell in ws[1]:
        if cell.value == name:
            return str(cell.column_letter)
    raise AssertionError(f"no column {name} in {ws.title}")


def validation_of(ws: Worksheet, name: str):
    letter = column_of(ws, name)
    found = [dv for dv in ws.data_validations.dataValidation if f"{letter}2" in dv.sqref]
    assert len(found) == 1, (ws.title, name, found)
    return found[0]


def listed(wb: openpyxl.Workbook, ws: Worksheet, name: str) -> list[str]:
    """The values of the list a column's validation points at (``'Daftar'!$A$2:$A$6``)."""
    dv = validation_of(ws, name)
    assert dv.type == "list"
    sheet, cells = dv.formula1.split("!")
    rows = wb[sheet.strip("'")][cells.replace("$", "")]
    return [str(r[0].value) for r in rows]


def test_the_petunjuk_sheet_comes_first_in_indonesian_and_the_input_sheets_follow(wb):
    assert wb.sheetnames[0] == "Petunjuk" and wb.sheetnames[-1] == "Daftar"
    assert wb.sheetnames[1:-1] == list(CONTRACTS)
    guide = " ".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)
    assert guide.startswith("Petunjuk pengisian")
    for words in ("berformat teks", "penilaian", "skor 1–5", "Impor data", "Daftar"):
        assert words in guide
    for name, contract in CONTRACTS.items():
        assert [c.value for c in wb[name][1]] == list(contract.names)


def test_every_nip_and_period_column_is_formatted_as_text(wb):
    found = set()
    for name, contract in CONTRACTS.items():
        ws = wb[name]
        for column in contract.columns:
            fmt = ws.column_dimensions[column_of(ws, column.name)].number_format
            if column.kind in (Kind.NIP, Kind.ROSTER_NIP, Kind.RATER):
                assert fmt == "@", (name, column.name)
                found.add((name, column.name))
            elif column.name == "periode":
                assert fmt == "@", (name, column.name)
            else:
                assert fmt == "General", (name, column.name)
    assert found == NIP_COLUMNS


def test_vocabulary_columns_offer_their_labels_and_every_label_is_accepted(wb):
    cases = [
        ("penilaian", "sumber", Source, list(SOURCE.values())),
        ("hasil_kerja", "rating_hasil_kerja", Rating, list(RATING.values())),
        (
            "unit_kerja",
            "predikat_organisasi",
            PredikatOrganisasi,
            list(PREDIKAT_ORGANISASI.values()),
        ),
        ("kompetensi", "jenis", CompetencyType, None),
    ]
    for sheet, column, enum, expected in cases:
        values = listed(wb, wb[sheet], column)
        if expected is not None:
            assert values == expected
        accepted = code_lookup(enum)
        assert {accepted[v.lower()] for v in values} == {m.value for m in enum}
        assert validation_of(wb[sheet], column).errorStyle in (None, "stop")  # refuses others


def test_jabatan_levels_and_competency_codes_are_offered_with_a_warning_only(wb):
    assert listed(wb, wb["pegawai"], "jenis_jabatan") == [
        "jpt_pratama",
        "administrator",
        "pengawas",
        "fungsional",
        "pelaksana",
    ]
    codes = listed(wb, wb["penilaian"], "kompetensi_kode")
    assert {"M.01", "SK.01", "B.01"} <= set(codes)
    for sheet, column in (("pegawai", "jenis_jabatan"), ("penilaian", "kompetensi_kode")):
        assert (
            validation_of(wb[sheet], column).errorStyle == "warning"
        )  # a local value may be right


@pytest.mark.parametrize(
    ("sheet", "column"), [("penilaian", "skor"), ("standar_kompetensi", "level")]
)
def test_scores_and_levels_are_whole_numbers_from_1_to_5(wb, sheet: str, column: str):
    dv = validation_of(wb[sheet], column)
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("whole", "between", "1", "5")
    assert "1 sampai 5" in dv.error


def test_a_template_filled_with_the_offered_labels_loads(template: Path, tmp_path: Path):
    """What a person picks from the lists is what the import accepts."""
    tables = small_tables()
    wb = openpyxl.load_workbook(template)
    by_code = {s.value: SOURCE[s] for s in Source}
    for name in ("pegawai", "standar_kompetensi", "penilaian"):
        frame = tables[name]
        if name == "penilaian":
            frame = frame.assign(sumber=frame["sumber"].map(by_code))  # labels, as picked
        ws = wb[name]
        header = [c.value for c in ws[1]]
        for row in frame.itertuples(index=False):
            values = dict(zip(frame.columns, row, strict=True))
            ws.append([values.get(h) for h in header])
    filled = tmp_path / "isi.xlsx"
    wb.save(filled)
    ds = load_dataset(filled)
    assert len(ds.penilaian) == len(tables["penilaian"])
    assert set(ds.penilaian["sumber"]) == set(tables["penilaian"]["sumber"])  # stored as codes
    assert set(ds.pegawai["nip"]) == set(tables["pegawai"]["nip"])
