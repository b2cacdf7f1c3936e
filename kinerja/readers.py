"""Read the raw input tables from a folder of CSV files or one XLSX workbook.

Reading only: every cell becomes text (``str``) or missing, header names are
normalised (case-insensitive, surrounding spaces dropped) and every problem
that stops a table from being read is collected as a problem row.  Checking
the values is :mod:`kinerja.schema`'s job.
"""

from __future__ import annotations

import contextlib
import csv
import io
import mmap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.errors import PROBLEM_COLUMNS

#: Table name -> (required columns, optional columns).  DESIGN.md §3.
TABLE_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pegawai": (
        ("nip", "nama", "unit_kerja", "jabatan"),
        ("jenis_jabatan", "golongan", "nip_atasan"),
    ),
    "standar_kompetensi": (("jabatan", "kompetensi_kode", "level"), ()),
    "penilaian": (
        ("periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode", "skor"),
        ("catatan",),
    ),
    "hasil_kerja": (("periode", "nip", "rating_hasil_kerja"), ()),
    "unit_kerja": (("periode", "unit_kerja", "predikat_organisasi"), ()),
    "kompetensi": (("kode", "nama", "jenis"), ("definisi",)),
    "pelatihan": (("kode", "nama", "kompetensi_kode", "jp"), ("jalur",)),
}

REQUIRED_TABLES: tuple[str, ...] = ("pegawai", "standar_kompetensi", "penilaian")

#: Columns holding a NIP: numeric cells there are Excel-mangled and must be flagged.
NIP_COLUMNS: frozenset[str] = frozenset({"nip", "nip_atasan", "nip_dinilai", "nip_penilai"})


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
    for name in TABLE_COLUMNS:
        file = files.get(f"{name}.csv")
        if file is None:
            if name in REQUIRED_TABLES:
                raw.problems.append(
                    problem(f"{name}.csv", f"Berkas wajib {name}.csv tidak ada di folder {folder}.")
                )
            continue
        frame, issue = read_csv_text(file)
        raw.sources[name] = file.name
        if issue:
            raw.problems.append(problem(file.name, issue))
        else:
            raw.frames[name] = frame
    return raw


def read_csv_text(file: Path | io.BytesIO, name: str = "") -> tuple[pd.DataFrame, str]:
    """Read one CSV as text cells; return ``(frame, problem message or '')``.

    Comma or semicolon separated, UTF-8 with or without BOM.  A binary or
    undecodable file gives an empty frame and a message.  A file on disk is
    memory-mapped, not copied into memory first (a year's ratings are 50 MB).
    """
    if isinstance(file, io.BytesIO):
        return _read_csv_data(file.getvalue(), None)
    with _mapped(Path(file)) as data:
        return _read_csv_data(data, Path(file))


@contextlib.contextmanager
def _mapped(path: Path) -> Iterator[bytes | mmap.mmap]:
    """The file's bytes as a read-only memory map (an empty file: ``b""``).

    Only sliced and searched here (no buffer of it is handed out, so it always
    closes); Arrow maps the file on its own.
    """
    with open(path, "rb") as handle:
        try:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped
            yield b""
            return
        with mapped:
            yield mapped


def _read_csv_data(data: bytes | mmap.mmap, path: Path | None) -> tuple[pd.DataFrame, str]:
    """:func:`read_csv_text` of the bytes ``data`` (read from ``path`` when given)."""
    head = data[:8192]
    if b"\x00" in head:
        return (
            pd.DataFrame(),
            "Berkas bukan teks CSV (berisi data biner); simpan sebagai CSV UTF-8.",
        )
    try:
        first_line = head.decode("utf-8-sig", errors="strict").splitlines()[0] if head else ""
    except UnicodeDecodeError:
        # a cut multi-byte character at 8192 is fine; decode the full first line instead
        try:
            first_line = _first_line(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            return (
                pd.DataFrame(),
                "Berkas tidak dapat dibaca sebagai UTF-8; simpan sebagai CSV UTF-8.",
            )
    if not first_line.strip():
        return pd.DataFrame(), "Berkas kosong: baris pertama harus berisi nama kolom."
    sep = ";" if first_line.count(";") > first_line.count(",") else ","
    frame = _read_arrow(data, sep, path)
    if frame is not None:
        return _drop_empty_rows(frame), ""
    try:
        frame = pd.read_csv(
            io.BytesIO(data),  # a copy, on this rare path only
            sep=sep,
            dtype=object,  # text as Python str: faster to parse and hash than the "str" dtype
            encoding="utf-8-sig",
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,  # keep Excel row numbers: row = index + 2
            skipinitialspace=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except UnicodeDecodeError:
        return pd.DataFrame(), "Berkas tidak dapat dibaca sebagai UTF-8; simpan sebagai CSV UTF-8."
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        return pd.DataFrame(), f"Berkas CSV rusak atau tidak dapat diurai: {exc}"
    frame.columns = [normalise_header(c) for c in frame.columns]
    # fully empty rows (blank lines, ";;;;" that Excel exports) are ignored; the
    # index still counts them so problems name the row the user sees
    return _drop_empty_rows(frame), ""


def _read_arrow(data: bytes | mmap.mmap, sep: str, path: Path | None) -> pd.DataFrame | None:
    """The fast path: a well-formed CSV read by pyarrow straight into categoricals.

    Every column is read as dictionary-encoded text (no type guessing, only
    an empty field is missing), so a million ratings arrive as a few thousand
    distinct strings plus integer codes and no later step hashes them again.
    Returns ``None`` for anything unusual (a ragged row, invalid UTF-8,
    duplicate headers): :func:`pandas.read_csv` then reads the file and
    reports the problem the user can act on.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    text = pa.dictionary(pa.int32(), pa.string())
    names = _header_names(data, sep)
    if not names or len({normalise_header(n) for n in names}) != len(names):
        return None
    try:
        table = pacsv.read_csv(
            # no copy of the bytes: Arrow maps the file itself, or reads the bytes in place
            pa.memory_map(str(path)) if path is not None else pa.BufferReader(data),
            read_options=pacsv.ReadOptions(use_threads=True),
            parse_options=pacsv.ParseOptions(
                delimiter=sep,
                # a line break inside a value needs quotes; without any, blocks split freely
                newlines_in_values=data.find(b'"') >= 0,
                ignore_empty_lines=False,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, text),
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except pa.ArrowException:
        return None
    if table.column_names != names or not all(
        pa.types.is_dictionary(t) for t in table.schema.types
    ):
        return None
    frame = table.to_pandas()
    frame.columns = [normalise_header(c) for c in frame.columns]
    return frame


def _first_line(data: bytes | mmap.mmap) -> bytes:
    """The bytes before the first line break (all of them when there is none)."""
    end = data.find(b"\n")
    return data[: end if end >= 0 else len(data)]


def _header_names(data: bytes | mmap.mmap, sep: str) -> list[str]:
    """The raw header cells of the first line (quotes resolved), or ``[]``."""
    try:
        first = _first_line(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        return []
    return next(csv.reader([first.rstrip("\r")], delimiter=sep), [])


def _drop_empty_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame.dropna(how="all")``, without a copy when no row is empty (the usual case)."""
    if frame.shape[1] == 0:
        return frame.dropna(how="all")
    empty = frame.iloc[:, 0].isna().to_numpy()
    for j in range(1, frame.shape[1]):
        if not empty.any():
            return frame
        empty = empty & frame.iloc[:, j].isna().to_numpy()
    return frame[~empty] if empty.any() else frame


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
        for name in TABLE_COLUMNS:
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
    header = [
        normalise_header(v) if v is not None else f"kolom_{i + 1}" for i, v in enumerate(rows[0])
    ]
    body = rows[1:]
    width = len(header)
    columns = {}
    for j, name in enumerate(header):
        cells = [r[j] if j < len(r) else None for r in body]
        columns[name] = _cells_to_text(cells, nip=name in NIP_COLUMNS)
    # fully empty rows Excel often keeps are ignored; the index still counts
    # them so problems name the row the user sees (row = index + 2)
    return pd.DataFrame(columns, columns=header[:width]).dropna(how="all")


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
