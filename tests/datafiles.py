"""Small, explicit, valid input data sets written into a temporary folder.

A test takes :func:`valid_tables`, breaks exactly one thing with the
:class:`Table` helpers, and writes the result as a CSV folder
(:func:`write_csv_folder`) or one XLSX workbook (:func:`write_xlsx`).

Row numbers: data row ``i`` (0-based, as in ``Table.rows``) is Excel row
``i + 2`` because the header is row 1 (:func:`excel_row`).

The valid set (period 2025, unit "Dinas A"):

- ``KEPALA`` heads the unit (Kepala Dinas, no supervisor);
- ``STAF_A`` and ``STAF_B`` are Pelaksana reporting to ``KEPALA``;
- ``PPPK`` is a PPPK employee (digit 13 of the NIP is ``2``) reporting to ``KEPALA``.

``STAF_A`` is complete (atasan rating on M.01, SK.01 and B.01–B.07 plus a
hasil kerja rating); ``STAF_B`` is not (atasan rating on M.01 only).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

KEPALA = "196502222007011005"
STAF_A = "197001012000031002"
STAF_B = "197101012000032003"
PPPK = "199001012024211001"
PERIODE = "2025"
UNIT = "Dinas A"
BERAKHLAK = tuple(f"B.{i:02d}" for i in range(1, 8))


def excel_row(index: int) -> int:
    """Excel row number of the data row at 0-based ``index`` (header is row 1)."""
    return index + 2


@dataclass
class Table:
    """One input table: header names and rows of cell values (strings, or ints for XLSX)."""

    columns: list[str]
    rows: list[list[object]] = field(default_factory=list)

    def col(self, name: str) -> int:
        return self.columns.index(name)

    def get(self, row: int, column: str) -> object:
        return self.rows[row][self.col(column)]

    def set(self, row: int, column: str, value: object) -> Table:
        """Set one cell; returns self so calls chain."""
        self.rows[row][self.col(column)] = value
        return self

    def append(self, **values: object) -> int:
        """Append a row (missing columns empty); returns its 0-based index."""
        unknown = set(values) - set(self.columns)
        if unknown:
            raise KeyError(f"unknown columns {sorted(unknown)}")
        self.rows.append([values.get(c, "") for c in self.columns])
        return len(self.rows) - 1

    def copy_row(self, row: int, **changes: object) -> int:
        """Append a copy of ``row`` with some cells changed; returns its index."""
        values = dict(zip(self.columns, self.rows[row], strict=True))
        values.update(changes)
        return self.append(**values)

    def drop(self, column: str) -> Table:
        """Remove a column."""
        j = self.col(column)
        self.columns.pop(j)
        for r in self.rows:
            r.pop(j)
        return self

    def rename(self, old: str, new: str) -> Table:
        """Rename a header cell (e.g. to a messy spelling)."""
        self.columns[self.col(old)] = new
        return self

    def find(self, **match: object) -> int:
        """Index of the first row whose cells equal ``match``."""
        for i, r in enumerate(self.rows):
            if all(r[self.col(k)] == v for k, v in match.items()):
                return i
        raise LookupError(f"no row matches {match}")


def valid_tables(*, optional: bool = True) -> dict[str, Table]:
    """A fresh valid data set; with ``optional=False`` only the three required tables."""
    pegawai = Table(
        ["nip", "nama", "unit_kerja", "jabatan", "jenis_jabatan", "golongan", "nip_atasan"],
        [
            [KEPALA, "Kepala", UNIT, "Kepala Dinas", "jpt_pratama", "IV/c", ""],
            [STAF_A, "Staf Satu", UNIT, "Pelaksana", "pelaksana", "III/a", KEPALA],
            [STAF_B, "Staf Dua", UNIT, "Pelaksana", "pelaksana", "III/a", KEPALA],
            [PPPK, "Pegawai PPPK", UNIT, "Pelaksana", "pelaksana", "IX", KEPALA],
        ],
    )
    standar = Table(
        ["jabatan", "kompetensi_kode", "level"],
        [
            ["Kepala Dinas", "M.01", "4"],
            ["Pelaksana", "M.01", "2"],
            ["Pelaksana", "SK.01", "1"],
        ],
    )
    cols = ["periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode", "skor", "catatan"]
    rows: list[list[object]] = [
        [PERIODE, STAF_A, KEPALA, "atasan", "M.01", "4", "Baik sekali"],
        [PERIODE, STAF_A, KEPALA, "atasan", "SK.01", "3", ""],
        *[[PERIODE, STAF_A, KEPALA, "atasan", b, "3", ""] for b in BERAKHLAK],
        [PERIODE, STAF_A, STAF_A, "diri", "M.01", "5", ""],
        [PERIODE, STAF_B, KEPALA, "atasan", "M.01", "2", ""],
        [PERIODE, STAF_B, STAF_A, "rekan", "M.01", "3", ""],
        [PERIODE, KEPALA, STAF_A, "bawahan", "M.01", "4", ""],
        [PERIODE, KEPALA, "R-001", "masyarakat", "M.01", "5", "responden"],
        [PERIODE, PPPK, KEPALA, "atasan", "M.01", "3", ""],
    ]
    tables = {
        "pegawai": pegawai,
        "standar_kompetensi": standar,
        "penilaian": Table(cols, rows),
    }
    if optional:
        tables["hasil_kerja"] = Table(
            ["periode", "nip", "rating_hasil_kerja"],
            [[PERIODE, STAF_A, "di_atas"], [PERIODE, STAF_B, "sesuai"]],
        )
        tables["unit_kerja"] = Table(
            ["periode", "unit_kerja", "predikat_organisasi"], [[PERIODE, UNIT, "baik"]]
        )
        tables["kompetensi"] = Table(
            ["kode", "nama", "jenis", "definisi"],
            [["T.01", "Pengelolaan Arsip", "teknis", "Mengelola arsip dinamis."]],
        )
        tables["pelatihan"] = Table(
            ["kode", "nama", "kompetensi_kode", "jp", "jalur"],
            [
                ["PLT-001", "Pelatihan Integritas", "M.01", "24", "klasikal"],
                ["PLT-002", "Kearsipan Dasar", "T.01", "16", "e-learning"],
            ],
        )
    return copy.deepcopy(tables)


def _csv_cell(value: object, sep: str) -> str:
    text = "" if value is None else str(value)
    if any(ch in text for ch in (sep, '"', "\n")):
        text = '"' + text.replace('"', '""') + '"'
    return text


def write_csv(
    path: Path,
    table: Table,
    *,
    sep: str = ",",
    bom: bool = False,
    encoding: str = "utf-8",
) -> Path:
    """Write one table as CSV exactly as given (no quoting beyond what is needed)."""
    lines = [sep.join(_csv_cell(c, sep) for c in table.columns)]
    lines += [sep.join(_csv_cell(v, sep) for v in r) for r in table.rows]
    text = "\r\n".join(lines) + "\r\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def write_csv_folder(
    folder: Path,
    tables: dict[str, Table],
    *,
    sep: str = ",",
    bom: bool = False,
    encoding: str = "utf-8",
) -> Path:
    """Write every table as ``<name>.csv`` into ``folder`` (created); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        write_csv(folder / f"{name}.csv", table, sep=sep, bom=bom, encoding=encoding)
    return folder


def write_xlsx(
    path: Path,
    tables: dict[str, Table],
    *,
    sheet_names: dict[str, str] | None = None,
) -> Path:
    """Write every table as a sheet of one workbook.

    Cell values are written with their Python type: a ``str`` NIP is a text
    cell, an ``int`` NIP a number cell.  ``sheet_names`` renames sheets
    (e.g. ``{"penilaian": "PENILAIAN"}``).
    """
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, table in tables.items():
        ws = wb.create_sheet((sheet_names or {}).get(name, name))
        ws.append(list(table.columns))
        for r in table.rows:
            ws.append([None if v == "" else v for v in r])
    wb.save(path)
    return path


def valid_folder(tmp_path: Path, name: str = "data", **kwargs: object) -> Path:
    """A folder with the valid CSV data set."""
    return write_csv_folder(tmp_path / name, valid_tables(), **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- bad inputs
#
# Each BadInput writes the valid data set with exactly one thing broken and
# names the problem the loader must report.  test_validation checks it through
# the Python API, test_cli_score through ``kinerja score``.

#: A well-formed NIP of nobody in the roster (born 1980-01-01, TMT 2005-01, male).
STRANGER = "198001012005011001"


@dataclass(frozen=True)
class Expected:
    """One problem row the loader must report (``pesan`` is a substring)."""

    berkas: str
    baris: int | None
    kolom: str
    nilai: str
    pesan: str


@dataclass(frozen=True)
class BadInput:
    """A data set with one defect: ``write(tmp_path)`` returns the path to load."""

    id: str
    write: Callable[[Path], Path]
    expected: Expected
    #: True when the defect must be the only problem reported.
    only: bool = True


Edit = Callable[[dict[str, Table]], object]


def csv_case(edit: Edit) -> Callable[[Path], Path]:
    """Writer of the valid CSV folder after ``edit(tables)``."""

    def write(tmp_path: Path) -> Path:
        tables = valid_tables()
        edit(tables)
        return write_csv_folder(tmp_path / "data", tables)

    return write


def xlsx_case(edit: Edit, **kwargs: object) -> Callable[[Path], Path]:
    """Writer of the valid workbook ``data.xlsx`` after ``edit(tables)``."""

    def write(tmp_path: Path) -> Path:
        tables = valid_tables()
        edit(tables)
        return write_xlsx(tmp_path / "data.xlsx", tables, **kwargs)  # type: ignore[arg-type]

    return write


def raw_file_case(name: str, data: bytes) -> Callable[[Path], Path]:
    """Writer of the valid CSV folder with ``name`` replaced by raw bytes."""

    def write(tmp_path: Path) -> Path:
        folder = write_csv_folder(tmp_path / "data", valid_tables())
        (folder / name).write_bytes(data)
        return folder

    return write


def raw_path_case(name: str, data: bytes) -> Callable[[Path], Path]:
    """Writer of a single file ``name`` holding raw bytes (e.g. a corrupt workbook)."""

    def write(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def add_employee(nip: object, *, jabatan: str = "Pelaksana") -> Edit:
    """Edit: append an employee (data row 4, Excel row 6) with this NIP."""

    def edit(tables: dict[str, Table]) -> None:
        tables["pegawai"].append(
            nip=nip, nama="Pegawai Baru", unit_kerja=UNIT, jabatan=jabatan, nip_atasan=KEPALA
        )

    return edit


def set_cell(table: str, row: int, column: str, value: object) -> Edit:
    """Edit: set one cell."""
    return lambda tables: tables[table].set(row, column, value)


def add_rating(**values: object) -> Edit:
    """Edit: append a rating (Excel row 17); unspecified cells default."""
    base = {"periode": PERIODE, "kompetensi_kode": "SK.01", "skor": "3"}

    def edit(tables: dict[str, Table]) -> None:
        tables["penilaian"].append(**{**base, **values})

    return edit


#: Excel row of the first row appended to each table of the valid set.
NEW_PEGAWAI_ROW = excel_row(len(valid_tables()["pegawai"].rows))  # 6
NEW_PENILAIAN_ROW = excel_row(len(valid_tables()["penilaian"].rows))  # 17


def _drop(table: str, column: str) -> Edit:
    return lambda tables: tables[table].drop(column)


def _without(table: str) -> Edit:
    return lambda tables: tables.pop(table)


def _dup_rating(tables: dict[str, Table]) -> None:
    # same key as data row 0 (Excel row 2), spelled differently, other score
    tables["penilaian"].copy_row(0, kompetensi_kode="m.01", skor="5", sumber="Atasan")


def _xlsx_number_nip(tables: dict[str, Table]) -> None:
    add_employee(int("197501012000031001"))(tables)


def _xlsx_number_ratee(tables: dict[str, Table]) -> None:
    tables["penilaian"].set(0, "nip_dinilai", int(STAF_A))


_E = Expected
_NIP_LENGTH = "18 digit"
_ROSTER = "tidak ada di daftar pegawai"

BAD_INPUTS: list[BadInput] = [
    # --- NIP format (pegawai.nip)
    BadInput(
        "nip-17-digit",
        csv_case(add_employee("19700101200003100")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "19700101200003100", _NIP_LENGTH),
    ),
    BadInput(
        "nip-19-digit",
        csv_case(add_employee("1970010120000310041")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "1970010120000310041", _NIP_LENGTH),
    ),
    BadInput(
        "nip-with-letter",
        csv_case(add_employee("19700101200003100A")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "19700101200003100A", _NIP_LENGTH),
    ),
    BadInput(
        "nip-birth-date-30-feb",
        csv_case(add_employee("197102302000031004")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "197102302000031004", "tanggal lahir"),
    ),
    BadInput(
        "nip-birth-month-13",
        csv_case(add_employee("197113012000031004")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "197113012000031004", "tanggal lahir"),
    ),
    BadInput(
        "nip-tmt-month-13",
        csv_case(add_employee("197001012000131004")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "197001012000131004", "TMT"),
    ),
    BadInput(
        "nip-tmt-month-00",
        csv_case(add_employee("197001012000001004")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "197001012000001004", "TMT"),
    ),
    BadInput(
        "nip-tmt-year-equals-birth-year",
        csv_case(add_employee("197001011970031004")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "197001011970031004", "TMT"),
    ),
    BadInput(
        "nip-tmt-year-before-birth-year",
        csv_case(add_employee("197001011965031004")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "197001011965031004", "TMT"),
    ),
    BadInput(
        "nip-pppk-digit-14-zero",
        csv_case(add_employee("199001012024201001")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "199001012024201001", "TMT"),
    ),
    BadInput(
        "nip-gender-digit-3",
        csv_case(add_employee("197001012000033004")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "197001012000033004", "jenis kelamin"),
    ),
    BadInput(
        "nip-scientific-notation-in-csv",
        csv_case(add_employee("1.96502E+17")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "1.96502E+17", "notasi ilmiah"),
    ),
    BadInput(
        "nip-scientific-notation-lowercase-e-in-csv",
        csv_case(add_employee("1.97501e+17")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "1.97501e+17", "notasi ilmiah"),
    ),
    BadInput(
        "ratee-nip-scientific-notation-in-csv",
        csv_case(set_cell("penilaian", 2, "nip_dinilai", "1.97001E+17")),
        _E("penilaian.csv", 4, "nip_dinilai", "1.97001E+17", "notasi ilmiah"),
    ),
    BadInput(
        "rater-nip-scientific-notation-in-csv",
        csv_case(set_cell("penilaian", 2, "nip_penilai", "1.96502E+17")),
        _E("penilaian.csv", 4, "nip_penilai", "1.96502E+17", "notasi ilmiah"),
    ),
    BadInput(
        "nip-number-cell-in-xlsx",
        xlsx_case(_xlsx_number_nip),
        _E("data.xlsx, sheet pegawai", NEW_PEGAWAI_ROW, "nip", "1.97501E+17", "notasi ilmiah"),
    ),
    BadInput(
        "ratee-nip-number-cell-in-xlsx",
        xlsx_case(_xlsx_number_ratee),
        _E("data.xlsx, sheet penilaian", 2, "nip_dinilai", "1.97001E+17", "notasi ilmiah"),
    ),
    BadInput(
        "nip-empty",
        csv_case(add_employee("")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", "", "Wajib diisi"),
    ),
    BadInput(
        "duplicate-nip",
        csv_case(lambda t: t["pegawai"].copy_row(1, nama="Staf Satu Lagi")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "nip", STAF_A, "baris 3"),
    ),
    # --- columns and files
    BadInput(
        "missing-required-column-jabatan",
        csv_case(_drop("pegawai", "jabatan")),
        _E("pegawai.csv", None, "jabatan", "", "Kolom wajib"),
    ),
    BadInput(
        "missing-required-column-skor",
        csv_case(_drop("penilaian", "skor")),
        _E("penilaian.csv", None, "skor", "", "Kolom wajib"),
    ),
    BadInput(
        "missing-required-file-standar",
        csv_case(_without("standar_kompetensi")),
        _E("standar_kompetensi.csv", None, "", "", "wajib"),
    ),
    BadInput(
        "binary-file-named-penilaian-csv",
        raw_file_case("penilaian.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x02\xff"),
        _E("penilaian.csv", None, "", "", "biner"),
    ),
    BadInput(
        "latin-1-file",
        raw_file_case(
            "penilaian.csv",
            (
                "periode,nip_dinilai,nip_penilai,sumber,kompetensi_kode,skor,catatan\r\n"
                f"2025,{STAF_A},{KEPALA},atasan,M.01,4,Pelayanan prima di kafé\r\n"
            ).encode("latin-1"),
        ),
        _E("penilaian.csv", None, "", "", "UTF-8"),
    ),
    BadInput(
        "empty-csv-file",
        raw_file_case("penilaian.csv", b""),
        _E("penilaian.csv", None, "", "", "kosong"),
    ),
    BadInput(
        "corrupt-xlsx",
        raw_path_case("data.xlsx", b"PK\x03\x04 this is not really a zip archive"),
        _E("data.xlsx", None, "", "", "tidak dapat dibuka"),
    ),
    BadInput(
        "csv-text-named-xlsx",
        raw_path_case("data.xlsx", b"nip,nama\r\n1,a\r\n"),
        _E("data.xlsx", None, "", "", "tidak dapat dibuka"),
    ),
    BadInput(
        "xlsx-without-penilaian-sheet",
        xlsx_case(_without("penilaian")),
        _E("data.xlsx, sheet penilaian", None, "", "", "Sheet wajib"),
    ),
    # --- vocabularies and dictionary
    BadInput(
        "unknown-competency-code-in-penilaian",
        csv_case(set_cell("penilaian", 0, "kompetensi_kode", "M.99")),
        _E("penilaian.csv", 2, "kompetensi_kode", "M.99", "kamus kompetensi"),
    ),
    BadInput(
        "unknown-competency-code-in-standar",
        csv_case(set_cell("standar_kompetensi", 2, "kompetensi_kode", "T.09")),
        _E("standar_kompetensi.csv", 4, "kompetensi_kode", "T.09", "kamus kompetensi"),
    ),
    BadInput(
        "unknown-competency-code-in-pelatihan",
        csv_case(set_cell("pelatihan", 1, "kompetensi_kode", "X.01")),
        _E("pelatihan.csv", 3, "kompetensi_kode", "X.01", "kamus kompetensi"),
    ),
    BadInput(
        "unknown-source",
        csv_case(set_cell("penilaian", 11, "sumber", "teman")),
        _E("penilaian.csv", 13, "sumber", "teman", "Sumber tidak dikenal"),
    ),
    BadInput(
        "unknown-rating-label-in-hasil-kerja",
        csv_case(set_cell("hasil_kerja", 1, "rating_hasil_kerja", "Luar Biasa")),
        _E("hasil_kerja.csv", 3, "rating_hasil_kerja", "Luar Biasa", "Rating tidak dikenal"),
    ),
    BadInput(
        "unknown-organisation-predikat",
        csv_case(set_cell("unit_kerja", 0, "predikat_organisasi", "Hebat")),
        _E("unit_kerja.csv", 2, "predikat_organisasi", "Hebat", "Predikat organisasi"),
    ),
    BadInput(
        "unknown-competency-type-in-kompetensi",
        csv_case(set_cell("kompetensi", 0, "jenis", "teknikal")),
        _E("kompetensi.csv", 2, "jenis", "teknikal", "Jenis kompetensi"),
    ),
    # --- numbers
    *[
        BadInput(
            f"score-{label}",
            csv_case(set_cell("penilaian", 3, "skor", value)),
            _E("penilaian.csv", 5, "skor", value, "Skor harus bilangan bulat 1 sampai 5"),
        )
        for label, value in [("0", "0"), ("6", "6"), ("3.5", "3.5"), ("x", "x"), ("neg", "-1")]
    ],
    BadInput(
        "score-empty",
        csv_case(set_cell("penilaian", 3, "skor", "")),
        _E("penilaian.csv", 5, "skor", "", "Wajib diisi"),
    ),
    *[
        BadInput(
            f"level-{label}",
            csv_case(set_cell("standar_kompetensi", 1, "level", value)),
            _E("standar_kompetensi.csv", 3, "level", value, "Level harus bilangan bulat"),
        )
        for label, value in [("0", "0"), ("6", "6"), ("2.5", "2.5"), ("x", "dua")]
    ],
    *[
        BadInput(
            f"jp-{label}",
            csv_case(set_cell("pelatihan", 0, "jp", value)),
            _E("pelatihan.csv", 2, "jp", value, "JP"),
        )
        for label, value in [("0", "0"), ("negative", "-8"), ("text", "banyak")]
    ],
    BadInput(
        "score-6-in-xlsx",
        xlsx_case(set_cell("penilaian", 3, "skor", 6)),
        _E("data.xlsx, sheet penilaian", 5, "skor", "6", "Skor harus"),
    ),
    # --- cross-table rules
    BadInput(
        "ratee-not-in-roster",
        csv_case(add_rating(nip_dinilai=STRANGER, nip_penilai=KEPALA, sumber="atasan")),
        _E("penilaian.csv", NEW_PENILAIAN_ROW, "nip_dinilai", STRANGER, _ROSTER),
    ),
    *[
        BadInput(
            f"{source}-rater-not-in-roster",
            csv_case(add_rating(nip_dinilai=STAF_B, nip_penilai=STRANGER, sumber=source)),
            _E("penilaian.csv", NEW_PENILAIAN_ROW, "nip_penilai", STRANGER, "Penilai"),
        )
        for source in ("atasan", "rekan", "bawahan")
    ],
    BadInput(
        "diri-rater-not-in-roster",
        csv_case(add_rating(nip_dinilai=STRANGER, nip_penilai=STRANGER, sumber="diri")),
        _E("penilaian.csv", NEW_PENILAIAN_ROW, "nip_penilai", STRANGER, "Penilai"),
        only=False,  # the ratee is not in the roster either
    ),
    BadInput(
        "self-rating-entered-by-someone-else",
        csv_case(add_rating(nip_dinilai=STAF_B, nip_penilai=PPPK, sumber="diri")),
        _E("penilaian.csv", NEW_PENILAIAN_ROW, "nip_penilai", PPPK, "Penilaian diri"),
    ),
    *[
        BadInput(
            f"self-rating-filed-as-{source}",
            csv_case(add_rating(nip_dinilai=STAF_B, nip_penilai=STAF_B, sumber=source)),
            _E("penilaian.csv", NEW_PENILAIAN_ROW, "sumber", source, "harus bersumber diri"),
            only=source != "masyarakat",  # an employee's NIP as a respondent id, too
        )
        for source in ("atasan", "rekan", "bawahan", "masyarakat")
    ],
    BadInput(
        "public-respondent-id-is-an-employee-nip",
        csv_case(add_rating(nip_dinilai=STAF_B, nip_penilai=PPPK, sumber="masyarakat")),
        _E("penilaian.csv", NEW_PENILAIAN_ROW, "nip_penilai", PPPK, "tidak boleh NIP pegawai"),
    ),
    BadInput(
        # KEPALA rates STAF_A as atasan in rows 2-10
        "one-rater-with-two-sources-for-one-ratee",
        csv_case(
            add_rating(
                nip_dinilai=STAF_A, nip_penilai=KEPALA, sumber="rekan", kompetensi_kode="M.02"
            )
        ),
        _E("penilaian.csv", NEW_PENILAIAN_ROW, "sumber", "rekan", "sumber 'atasan' (baris 2)"),
    ),
    BadInput(
        "same-rating-twice",
        csv_case(_dup_rating),
        _E("penilaian.csv", NEW_PENILAIAN_ROW, "kompetensi_kode", "M.01", "baris 2"),
    ),
    BadInput(
        "jabatan-without-standard",
        csv_case(add_employee("197501012000031001", jabatan="Analis Data")),
        _E("pegawai.csv", NEW_PEGAWAI_ROW, "jabatan", "Analis Data", "standar kompetensi"),
    ),
    BadInput(
        "supervisor-not-in-roster",
        csv_case(set_cell("pegawai", 3, "nip_atasan", STRANGER)),
        _E("pegawai.csv", 5, "nip_atasan", STRANGER, _ROSTER),
    ),
    BadInput(
        # the roster's head has no supervisor: the check must work beside empty cells
        "supervisor-is-the-employee-itself",
        csv_case(set_cell("pegawai", 1, "nip_atasan", STAF_A)),
        _E("pegawai.csv", 3, "nip_atasan", STAF_A, "tidak boleh sama"),
    ),
    BadInput(
        "hasil-kerja-nip-not-in-roster",
        csv_case(set_cell("hasil_kerja", 1, "nip", STRANGER)),
        _E("hasil_kerja.csv", 3, "nip", STRANGER, _ROSTER),
    ),
    BadInput(
        "required-value-empty",
        csv_case(set_cell("pegawai", 2, "nama", "   ")),
        _E("pegawai.csv", 4, "nama", "", "Wajib diisi"),
    ),
]
