"""Read the raw input tables from a folder of CSV files or one XLSX workbook.

Reading only: every cell becomes text (``str``) or missing, header names are
normalised (case-insensitive, surrounding spaces dropped) and every problem
that stops a table from being read is collected as a problem row.  Checking
the values is :mod:`kinerja.validation`'s job.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from kinerja.contracts import CONTRACTS, NIP_COLUMNS, REQUIRED_TABLES
from kinerja.errors import PROBLEM_COLUMNS


@dataclass
class RawTables:
    """Tables as read: text cells, normalised headers, with their display names.

    ``frames[name]`` has one column per header found (extra columns kept);
    ``sources[name]`` names the file or sheet for messages, e.g.
    ``penilaian.csv`` or ``data.xlsx, sheet penilaian``.
    """

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[dict[str, object]] = field(default_factory=list)


def problem(
    berkas: str, pesan: str, *, baris: int | None = None, kolom: str = "", nilai: object = ""
) -> dict[str, object]:
    """One problem row (see :data:`kinerja.errors.PROBLEM_COLUMNS`)."""
    row: dict[str, object] = dict.fromkeys(PROBLEM_COLUMNS, "")
    row.update(berkas=berkas, baris=baris, kolom=kolom, nilai=nilai, pesan=pesan, tingkat="galat")
    return row


def normalise_header(name: object) -> str:
    """``' NIP_Dinilai '`` -> ``'nip_dinilai'``; inner spaces become underscores."""
    return "_".join(str(name).strip().lower().split())


def read_tables(path: str | Path) -> RawTables:
    """Read every known table from a folder of CSV files or an XLSX workbook."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(path)
    raw = RawTables()
    if not path.exists():
        raw.problems.append(problem(str(path), "Folder atau berkas data tidak ditemukan."))
    else:
        raw.problems.append(
            problem(
                path.name,
                "Jenis berkas tidak dikenal: berikan folder berisi berkas CSV "
                "atau satu buku kerja Excel (.xlsx).",
            )
        )
    return raw


def _read_folder(folder: Path) -> RawTables:
    raw = RawTables()
    files = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    for name in CONTRACTS:
        file = files.get(f"{name}.csv")
        if file is None:
            if name in REQUIRED_TABLES:
                raw.problems.append(
                    problem(f"{name}.csv", f"Berkas wajib {name}.csv tidak ada di folder {folder}.")
                )
            continue
        frame, problems = read_csv_text(file)
        raw.sources[name] = file.name
        if problems:
            raw.problems.extend(problems)
        else:
            raw.frames[name] = frame
    return raw


#: Every column is read as dictionary-encoded text: no type guessing, few distinct strings.
_TEXT = pa.dictionary(pa.int32(), pa.string())

#: At most this many rows with a wrong number of cells are listed per file.
MAX_BAD_ROWS = 20


def read_csv_text(file: Path | io.BytesIO) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """Read one CSV as text cells; return ``(frame, problems)``.

    Comma or semicolon separated (whichever the header row holds more of),
    UTF-8 with or without BOM, read by :func:`pyarrow.csv.read_csv` into
    categoricals: every cell is text (``000123`` and ``NA`` stay as they are),
    only an empty field is missing.  The frame's index counts the data rows,
    blank ones included, so a row's Excel number is its index + 2; fully
    empty rows are dropped.  A row with fewer cells than the header gets
    empty cells (pandas reads it).  A binary or undecodable file, or a row
    with more cells than the header (a comma inside an unquoted value such as
    ``3,0``), gives an empty frame and problems naming the file and the rows.
    """
    name = file.name if isinstance(file, Path) else "berkas CSV"
    data = file.getvalue() if isinstance(file, io.BytesIO) else Path(file).read_bytes()
    header = re.match(rb"[^\r\n]*", data)
    first_line = header.group(0) if header else b""
    if b"\x00" in data:
        return pd.DataFrame(), [_file_problem(name, data, data.find(b"\x00"), _BINARY)]
    if not first_line.strip(b" \t\xef\xbb\xbf;,"):
        return pd.DataFrame(), [problem(name, _EMPTY)]
    if not data.endswith((b"\n", b"\r")):
        data += b"\n"  # a header without a line break is a table without rows
    sep = ";" if first_line.count(b";") > first_line.count(b",") else ","
    try:
        frame = _read_arrow(data, sep)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:  # a ragged row, a cell not UTF-8, ...
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            return pd.DataFrame(), [_file_problem(name, data, err.start, _NOT_UTF8)]
        bad = _ragged_rows(data, sep)
        long = [row for row in bad if row.actual_columns > row.expected_columns]
        if long:
            return pd.DataFrame(), _long_rows(name, long, sep)
        try:
            if not bad:  # Arrow refused for another reason (a row longer than its block)
                raise exc
            frame = _read_pandas(data, sep)  # short rows: pandas fills in the empty cells
        except (pa.ArrowInvalid, pd.errors.ParserError, ValueError) as failure:
            return pd.DataFrame(), [_parse_problem(name, failure)]
    frame.columns = _unique_headers(frame.columns)
    if frame.shape[1] and frame.iloc[:, 0].notna().all():  # the usual case: no empty row
        return frame, []
    return frame.dropna(how="all"), []


def _unique_headers(names: Iterable[object]) -> list[str]:
    """Normalised header names; a blank one is ``kolom_N``, a repeated one ``name.1``, ..."""
    out: list[str] = []
    for i, raw in enumerate(names):
        name = (normalise_header(raw) if raw is not None else "") or f"kolom_{i + 1}"
        base, n = name, 0
        while name in out:
            n += 1
            name = f"{base}.{n}"
        out.append(name)
    return out


def _read_arrow(
    data: bytes, sep: str, on_ragged: Callable[[pacsv.InvalidRow], str] | None = None
) -> pd.DataFrame:
    """The table as text; a row whose number of cells differs from the header's is
    refused, or handed to ``on_ragged`` (then read on one thread, rows numbered)."""
    parse = pacsv.ParseOptions(
        delimiter=sep,
        # a line break inside a value needs quotes; without any, blocks are split in parallel
        newlines_in_values=b'"' in data,
        ignore_empty_lines=False,  # a blank line is an empty row: row numbers stay right
        invalid_row_handler=on_ragged,
    )
    names = pacsv.open_csv(pa.BufferReader(data), parse_options=parse).schema.names
    table = pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(use_threads=on_ragged is None),
        parse_options=parse,
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, _TEXT),
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
    )
    return table.to_pandas()


def _ragged_rows(data: bytes, sep: str) -> list[pacsv.InvalidRow]:
    """The rows (UTF-8 text) whose number of cells differs from the header's, numbered."""
    bad: list[pacsv.InvalidRow] = []

    def skip(row: pacsv.InvalidRow) -> str:
        if row.number is not None:  # the header read (open_csv) sees the first block unnumbered
            bad.append(row)
        return "skip"

    try:
        _read_arrow(data, sep, skip)
    except pa.ArrowInvalid:
        pass  # what else Arrow refuses is reported by the caller
    return bad


def _read_pandas(data: bytes, sep: str) -> pd.DataFrame:
    """The tolerant reader for a file with short rows: their missing cells are empty."""
    return pd.read_csv(
        io.BytesIO(data),
        sep=sep,
        dtype=object,
        encoding="utf-8-sig",
        keep_default_na=False,
        na_values=[""],
        skip_blank_lines=False,  # keep Excel row numbers: row = index + 2
        index_col=False,  # no row has more cells than the header: never an index column
    )


_BINARY = "Berkas bukan teks CSV (berisi data biner): simpan sebagai CSV UTF-8"
_NOT_UTF8 = "Berkas tidak dapat dibaca sebagai UTF-8: simpan sebagai CSV UTF-8"
_EMPTY = "Berkas kosong: baris pertama harus berisi nama kolom."


def _file_problem(name: str, data: bytes, at: int, message: str) -> dict[str, object]:
    """A problem of the whole file, first seen on the line that holds byte ``at``."""
    line = data.count(b"\n", 0, at) + 1
    return problem(name, f"{message} (pertama di baris {line}).")


def _parse_problem(name: str, exc: Exception) -> dict[str, object]:
    """A file the CSV parsers cannot split into rows, on the row they name when they do."""
    found = re.search(r"(?:line|row) (\d+)", str(exc))
    return problem(
        name,
        "Berkas CSV rusak atau tidak dapat diurai (periksa tanda kutip dan pemisah); "
        "simpan ulang sebagai CSV UTF-8.",
        baris=int(found.group(1)) if found else None,
    )


def _long_rows(name: str, rows: list[pacsv.InvalidRow], sep: str) -> list[dict[str, object]]:
    """One problem per row with more cells than the header (the first :data:`MAX_BAD_ROWS`)."""
    found = [
        problem(
            name,
            f"Baris ini berisi {row.actual_columns} sel, padahal baris judul berisi "
            f"{row.expected_columns} kolom. Nilai yang memuat pemisah '{sep}' (mis. 3{sep}0) "
            "harus diapit tanda kutip; angka desimal ditulis dengan titik (3.0).",
            baris=row.number,
            nilai=row.text if len(row.text) <= 80 else row.text[:77] + "...",
        )
        for row in rows[:MAX_BAD_ROWS]
    ]
    if len(rows) > MAX_BAD_ROWS:
        found.append(
            problem(name, f"... dan {len(rows) - MAX_BAD_ROWS} baris lain dengan sel berlebih.")
        )
    return found


def _read_workbook(path: Path) -> RawTables:
    import openpyxl  # local: only needed for workbooks
    from openpyxl.utils.exceptions import InvalidFileException

    raw = RawTables()
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raw.problems.append(
            problem(
                path.name, f"Buku kerja Excel tidak dapat dibuka (rusak atau bukan .xlsx): {exc}"
            )
        )
        return raw
    except Exception as exc:  # zipfile.BadZipFile and friends
        raw.problems.append(
            problem(
                path.name, f"Buku kerja Excel tidak dapat dibuka (rusak atau bukan .xlsx): {exc}"
            )
        )
        return raw
    try:
        sheets = {normalise_header(ws.title): ws for ws in wb.worksheets}
        for name in CONTRACTS:
            ws = sheets.get(name)
            label = f"{path.name}, sheet {name}"
            if ws is None:
                if name in REQUIRED_TABLES:
                    raw.problems.append(
                        problem(label, f"Sheet wajib '{name}' tidak ada di buku kerja {path.name}.")
                    )
                continue
            raw.sources[name] = label
            rows = list(ws.iter_rows(values_only=True))
            if not rows or all(v is None for v in rows[0]):
                raw.problems.append(
                    problem(label, "Sheet kosong: baris 1 harus berisi nama kolom.")
                )
                continue
            raw.frames[name] = _sheet_frame(rows)
    finally:
        wb.close()
    return raw


def _sheet_frame(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    header = _unique_headers(rows[0])
    columns = {}
    for j, name in enumerate(header):
        cells = [r[j] if j < len(r) else None for r in rows[1:]]
        columns[name] = _cells_to_text(cells, nip=name in NIP_COLUMNS)
    # fully empty rows Excel often keeps are ignored; the index still counts
    # them so problems name the row the user sees (row = index + 2)
    return pd.DataFrame(columns, columns=header).dropna(how="all")


def _cells_to_text(cells: Iterable[object], *, nip: bool) -> np.ndarray:
    """Excel cell values as text; numeric NIP cells keep Excel's scientific rendering.

    An 18-digit NIP stored as a number has lost its last digits (Excel keeps 15
    significant digits), so it is rendered like Excel shows it (``1.96502E+17``)
    and the NIP check refuses it instead of accepting a corrupted number.
    """
    out: list[object] = []
    for v in cells:
        if v is None or (isinstance(v, str) and not v.strip()):
            out.append(np.nan)
        elif isinstance(v, bool):
            out.append(str(v).upper())
        elif isinstance(v, int | float):
            if nip and abs(v) >= 1e11:
                out.append(f"{float(v):.5E}")
            elif float(v).is_integer():
                out.append(str(int(v)))
            else:
                out.append(repr(float(v)))
        else:
            out.append(str(v))
    return np.array(out, dtype=object)


def read_single_table(path: str | Path, name: str) -> RawTables:
    """Read one table on its own: a CSV file (any file name), or the sheet ``name`` of an
    XLSX workbook (a workbook of one sheet: that sheet, whatever its title).

    Used for sheets imported apart from a data set (the ``penugasan`` sheet);
    problems that stop the table from being read are collected as for
    :func:`read_tables`.
    """
    path = Path(path)
    raw = RawTables()
    if not path.is_file():
        raw.problems.append(problem(str(path), "Berkas tidak ditemukan."))
        return raw
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl  # local: only needed for workbooks

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # a damaged or foreign file: zipfile, openpyxl, OS errors
            raw.problems.append(
                problem(
                    path.name,
                    f"Buku kerja Excel tidak dapat dibuka (rusak atau bukan .xlsx): {exc}",
                )
            )
            return raw
        try:
            sheets = {normalise_header(ws.title): ws for ws in wb.worksheets}
            ws = sheets.get(name) or (wb.worksheets[0] if len(wb.worksheets) == 1 else None)
            label = f"{path.name}, sheet {name}"
            if ws is None:
                raw.problems.append(
                    problem(label, f"Sheet '{name}' tidak ada di buku kerja {path.name}.")
                )
                return raw
            rows = list(ws.iter_rows(values_only=True))
        finally:
            wb.close()
        if not rows or all(v is None for v in rows[0]):
            raw.problems.append(problem(label, "Sheet kosong: baris 1 harus berisi nama kolom."))
            return raw
        raw.frames[name], raw.sources[name] = _sheet_frame(rows), label
        return raw
    frame, problems = read_csv_text(path)
    raw.sources[name] = path.name
    if problems:
        raw.problems.extend(problems)
    else:
        raw.frames[name] = frame
    return raw
