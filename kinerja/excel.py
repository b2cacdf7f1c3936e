"""Excel output: safe workbooks from frames, the export of a scored period, the empty template.

A text cell is always written as text with Excel's quote prefix, so a value
such as ``=HYPERLINK(...)``, ``+62…``, ``-`` or ``@x`` never runs as a
formula, in Excel or in LibreOffice, and a NIP stays text when a person edits
its cell.  This covers every value the contract's rule
(:func:`kinerja.csvwrite.formula_like`, which the CSV writer applies) marks;
a workbook types its cells, so no value needs the CSV's leading ``'``.
"""

from __future__ import annotations

import io
import math
import os
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.calibration import check_distribution
from kinerja.contracts import CONTRACTS
from kinerja.errors import OutputError
from kinerja.pipeline import Scores
from kinerja.scoring import SUMMARY_COLUMNS

_HEADER_FONT = Font(bold=True)


def _cell(ws: Worksheet, value: object, *, header: bool = False) -> WriteOnlyCell:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        value = None
    elif hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalar -> Python
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula
        cell.quotePrefix = True  # stays text when a person edits the cell
    if header:
        cell.font = _HEADER_FONT
    return cell


def write_frames(sheets: Mapping[str, pd.DataFrame], target: str | Path | io.BytesIO) -> None:
    """Write frames as sheets (name -> frame) of one workbook; text cells are never formulas.

    A path is written atomically (a temporary file in the same folder, renamed
    into place) with the usual permissions of a new file (``0o666`` less the
    umask, e.g. ``0o644``).  A file that cannot be written raises
    :class:`kinerja.errors.OutputError`.
    """
    if isinstance(target, io.BytesIO):
        _workbook(sheets).save(target)
        return
    target = Path(target)
    try:
        with _replacing(target) as fh:  # opened first: a bad folder fails before any work
            _workbook(sheets).save(fh)
    except OSError as exc:
        raise OutputError(target, exc) from exc


def _workbook(sheets: Mapping[str, pd.DataFrame]) -> Workbook:
    wb = Workbook(write_only=True)
    for name, frame in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append([_cell(ws, str(c), header=True) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            ws.append([_cell(ws, v) for v in row])
    return wb


@contextmanager
def _replacing(target: Path) -> Iterator[BinaryIO]:
    """A new file that replaces ``target`` when the block ends without error.

    It is a temporary file of the same folder created with mode ``0o666``, so
    the umask decides the permissions as for any new file
    (``tempfile.mkstemp`` would leave ``0o600``, unreadable to the colleagues
    an export is for); on an error it is removed and ``target`` is untouched.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def template_sheets() -> dict[str, pd.DataFrame]:
    """The empty input workbook: one sheet per input table with its headers (DESIGN §3)."""
    return {name: pd.DataFrame(columns=list(c.names)) for name, c in CONTRACTS.items()}


def write_template(target: str | Path | io.BytesIO) -> None:
    """Write the empty Excel template HR staff fill in (sheets and headers)."""
    write_frames(template_sheets(), target)


#: Columns of the summary compared before and after calibration.
CALIBRATED_FIELDS: tuple[str, ...] = (
    "rating_hasil_kerja",
    "rating_perilaku",
    "predikat",
    "kinerja",
    "kotak",
)


def calibration_table(scores: Scores) -> pd.DataFrame:
    """The calibrated summary with the original (``*_awal``) value beside each calibrated field."""
    raw = scores.ringkasan_awal.set_index("nip")
    out = scores.ringkasan[[*SUMMARY_COLUMNS, "dikalibrasi"]].copy()
    for field in CALIBRATED_FIELDS:
        out[f"{field}_awal"] = out["nip"].map(raw[field])
    return out


def export_workbook(scores: Scores, target: str | Path | io.BytesIO) -> None:
    """The scored period as one workbook (``kinerja export``).

    Sheets: one per output file, the summary with original and calibrated
    values side by side, the adjustment log and, when adjustments exist, the
    distribution before calibration.
    """
    frames = scores.frames()
    sheets = {
        "ringkasan_pegawai": calibration_table(scores),
        "skor_kompetensi": frames["skor_kompetensi.csv"],
        "penilai": frames["penilai.csv"],
        "distribusi": frames["distribusi.csv"],
        "kalibrasi": scores.adjustments.reset_index(drop=True),
    }
    if len(scores.adjustments):
        units = scores.distribusi[
            ["periode", "unit_kerja", "predikat_organisasi"]
        ].drop_duplicates()
        sheets["distribusi_awal"] = check_distribution(
            scores.ringkasan_awal, units, periode=scores.periode
        )
    write_frames(sheets, target)
