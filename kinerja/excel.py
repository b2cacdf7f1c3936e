"""Excel output: safe workbooks from frames, the export of stored results, the empty template.

A text cell is always written as text with Excel's quote prefix, so a value
such as ``=HYPERLINK(...)``, ``+62…``, ``-`` or ``@x`` never runs as a
formula, in Excel or in LibreOffice, and a NIP stays text when a person edits
its cell.  This covers every value the contract's rule
(:func:`kinerja.csvwrite.formula_like`, which the CSV writer applies) marks;
a workbook types its cells, so no value needs the CSV's leading ``'``.

The export (:func:`export_workbook`) is for people (DESIGN §6, §11): it
reads the stored results (:mod:`kinerja.results`) of one or more periods,
never scores again and never writes to the store, and shows labels, not
codes (the text is in :mod:`kinerja.labels.export`); numbers stay number
cells with an Excel number format, so Excel shows the reader's decimal
separator.  A sheet longer than Excel's row limit continues on
``<name> (2)``, ``<name> (3)`` ….
"""

from __future__ import annotations

import io
import math
import os
import secrets
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

import pandas as pd
import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kinerja import labels, reference
from kinerja.calibration import (
    ADJUSTMENT_COLUMNS,
    DISTRIBUTION_COLUMNS,
    RATER_COLUMNS,
    check_distribution,
)
from kinerja.contracts import CONTRACTS, Kind
from kinerja.errors import OutputError
from kinerja.labels import export as xl
from kinerja.labels import template as tpl
from kinerja.results import CALIBRATED_FIELDS as STORED_CALIBRATED
from kinerja.results import (
    RESULTS_POLICY,
    STORED_SUMMARY_COLUMNS,
    period_results,
    ringkasan_table,
    status_table,
)
from kinerja.scoring import COMPETENCY_COLUMNS, SUMMARY_COLUMNS
from kinerja.store import Store, kompetensi_table
from kinerja.vocab import DistributionRule, Predikat

_HEADER_FONT = Font(bold=True)

#: Data rows of one sheet: Excel's 1,048,576 rows less the header.
MAX_SHEET_ROWS = 1_048_575

#: The time zone of the times people read (DESIGN §11: WIB).
_JAKARTA = ZoneInfo("Asia/Jakarta")


def _cell(
    ws: Worksheet, value: object, *, header: bool = False, number_format: str | None = None
) -> WriteOnlyCell:
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
    elif number_format is not None and value is not None and not isinstance(value, bool):
        cell.number_format = number_format
    if header:
        cell.font = _HEADER_FONT
    return cell


def write_frames(
    sheets: Mapping[str, pd.DataFrame],
    target: str | Path | io.BytesIO,
    *,
    number_formats: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """Write frames as sheets (name -> frame) of one workbook; text cells are never formulas.

    ``number_formats`` (sheet -> column -> Excel number format, e.g. ``0.00``)
    formats the number and date cells of those columns; numbers stay numbers.

    A path is written atomically (a temporary file in the same folder, renamed
    into place) with the usual permissions of a new file (``0o666`` less the
    umask, e.g. ``0o644``).  A file that cannot be written raises
    :class:`kinerja.errors.OutputError`.
    """
    if isinstance(target, io.BytesIO):
        _workbook(sheets, number_formats or {}).save(target)
        return
    target = Path(target)
    try:
        with _replacing(target) as fh:  # opened first: a bad folder fails before any work
            _workbook(sheets, number_formats or {}).save(fh)
    except OSError as exc:
        raise OutputError(target, exc) from exc


def _workbook(
    sheets: Mapping[str, pd.DataFrame], number_formats: Mapping[str, Mapping[str, str]]
) -> Workbook:
    wb = Workbook(write_only=True)
    for name, frame in sheets.items():
        given = number_formats.get(name, {})
        formats = [given.get(str(c)) for c in frame.columns]
        starts = range(0, max(len(frame), 1), MAX_SHEET_ROWS)
        for part, start in enumerate(starts, start=1):
            title = name[:31] if part == 1 else f"{name[:25]} ({part})"
            ws = wb.create_sheet(title=title)
            ws.append([_cell(ws, str(c), header=True) for c in frame.columns])
            rows = frame.iloc[start : start + MAX_SHEET_ROWS].itertuples(index=False, name=None)
            for row in rows:
                cells = zip(row, formats, strict=True)
                ws.append([_cell(ws, v, number_format=f) for v, f in cells])
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


#: Rows of a template sheet that carry the data-validation lists and text format.
TEMPLATE_ROWS = 5000


def template_choices() -> dict[str, list[str]]:
    """The allowed values people pick from in the template, by list name (kinerja.labels.template).

    Vocabulary columns offer their labels (the loader accepts labels and codes alike);
    ``jenis_jabatan`` offers the usual levels; ``kompetensi_kode`` the national dictionary.
    """
    return {
        "sumber": list(labels.SOURCE.values()),
        "rating_hasil_kerja": list(labels.RATING.values()),
        "predikat_organisasi": list(labels.PREDIKAT_ORGANISASI.values()),
        "jenis": list(labels.COMPETENCY_TYPE.values()),
        "jenis_jabatan": list(tpl.JOB_LEVELS),
        "kompetensi_kode": [str(k) for k in reference.competencies()["kode"]],
    }


def _add_validation(ws: Any, column: int, validation: DataValidation) -> None:
    letter = get_column_letter(column)
    validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    ws.add_data_validation(validation)


def _template_sheet(wb: Workbook, name: str, lists: Mapping[str, str]) -> None:
    """One input sheet: bold headers, NIP and period columns as text, validation lists."""
    ws = wb.create_sheet(name)
    contract = CONTRACTS[name]
    for i, column in enumerate(contract.columns, start=1):
        cell = ws.cell(row=1, column=i, value=column.name)
        cell.font = _HEADER_FONT
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(14, len(column.name) + 4)
        if column.kind in _TEXT_KINDS or column.name == "periode":
            # the column's own format: Excel and LibreOffice give it to every cell typed in
            # the column, so a NIP stays text instead of becoming 1,97E+17
            ws.column_dimensions[letter].number_format = "@"
        if column.name in lists:
            strict = column.name not in _SOFT_LISTS
            _add_validation(
                ws,
                i,
                DataValidation(
                    type="list",
                    formula1=lists[column.name],
                    allow_blank=not column.required,
                    showErrorMessage=True,
                    errorStyle="stop" if strict else "warning",
                    errorTitle=tpl.ERROR_TITLE,
                    error=tpl.ERROR_LIST,
                ),
            )
        elif column.kind is Kind.LEVEL:
            _add_validation(
                ws,
                i,
                DataValidation(
                    type="whole",
                    operator="between",
                    formula1="1",
                    formula2="5",
                    showErrorMessage=True,
                    errorTitle=tpl.ERROR_TITLE,
                    error=tpl.ERROR_LEVEL,
                ),
            )
        elif column.kind is Kind.POSITIVE:
            _add_validation(
                ws,
                i,
                DataValidation(
                    type="decimal",
                    operator="greaterThan",
                    formula1="0",
                    showErrorMessage=True,
                    errorTitle=tpl.ERROR_TITLE,
                    error=tpl.ERROR_POSITIVE,
                ),
            )
    ws.freeze_panes = "A2"


#: Column kinds kept as text in the template (NIPs and respondent ids).
_TEXT_KINDS = frozenset({Kind.NIP, Kind.ROSTER_NIP, Kind.RATER})
#: Lists that warn rather than refuse (a local value may be right).
_SOFT_LISTS = frozenset({"jenis_jabatan", "kompetensi_kode"})


def template_workbook() -> Workbook:
    """The empty input workbook for HR staff (DESIGN §3, §11).

    A ``Petunjuk`` sheet first (how to fill it in, in Bahasa Indonesia); one
    sheet per input table with its headers; NIP, respondent-id and period
    columns formatted as text (``@``) so Excel keeps a NIP's 18 digits;
    allowed values as data-validation lists read from the ``Daftar`` sheet
    (sources, ratings, predikat organisasi, competency types, jabatan levels,
    competency codes); scores and levels limited to whole numbers 1–5.
    """
    wb = Workbook()
    guide = wb.active
    guide.title = tpl.GUIDE_SHEET
    guide.column_dimensions["A"].width = 110
    for i, line in enumerate(tpl.GUIDE, start=1):
        cell = guide.cell(row=i, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if i == 1:
            cell.font = Font(bold=True, size=14)
    choices = template_choices()
    lists_ws = wb.create_sheet(tpl.LISTS_SHEET)
    refs: dict[str, str] = {}
    for i, (name, values) in enumerate(choices.items(), start=1):
        letter = get_column_letter(i)
        lists_ws.cell(row=1, column=i, value=tpl.LIST_HEADERS[name]).font = _HEADER_FONT
        lists_ws.column_dimensions[letter].width = 26
        for row, value in enumerate(values, start=2):
            lists_ws.cell(row=row, column=i, value=value)
        refs[name] = f"'{tpl.LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    for name in CONTRACTS:
        _template_sheet(wb, name, refs)
    wb.move_sheet(tpl.LISTS_SHEET, offset=len(wb.sheetnames))  # the lists last
    return wb


def write_template(target: str | Path | io.BytesIO) -> None:
    """Write the empty Excel template HR staff fill in (:func:`template_workbook`)."""
    wb = template_workbook()
    if isinstance(target, io.BytesIO):
        wb.save(target)
        return
    target = Path(target)
    try:
        with _replacing(target) as fh:
            wb.save(fh)
    except OSError as exc:
        raise OutputError(target, exc) from exc


#: Columns of the summary compared before and after calibration.
CALIBRATED_FIELDS: tuple[str, ...] = (
    "rating_hasil_kerja",
    "rating_perilaku",
    "predikat",
    "kinerja",
    "kotak",
)


def stored_periods(store: Store) -> list[str]:
    """The periods that have stored results, in order."""
    s = status_table
    with store.engine.connect() as conn:
        return sorted(str(p) for p in conn.execute(sa.select(s.c.periode)).scalars())


def _stored_summary(store: Store, periode: str) -> pd.DataFrame:
    """A period's stored summary rows with the raw ``<field>_awal`` values, by NIP."""
    t = ringkasan_table
    stmt = sa.select(*[t.c[c] for c in STORED_SUMMARY_COLUMNS]).where(t.c.periode == periode)
    with store.engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    for name in ("lengkap", "dikalibrasi"):
        frame[name] = frame[name].astype(bool)
    return frame.sort_values("nip", kind="stable", ignore_index=True)


def _competency_names(store: Store) -> dict[str, str]:
    t = kompetensi_table
    with store.engine.connect() as conn:
        return {str(k): str(n) for k, n in conn.execute(sa.select(t.c.kode, t.c.nama))}


@dataclass(frozen=True)
class StoredExport:
    """The stored results of the exported periods, one frame per output (codes, all periods).

    ``ringkasan_pegawai`` carries the raw ``<field>_awal`` values and
    ``dikalibrasi``; ``distribusi_awal`` is the curve check of the raw
    summary (empty when no exported period has an adjustment);
    ``kalibrasi`` is the adjustment log of the periods, oldest first.
    """

    periods: tuple[str, ...]
    ringkasan_pegawai: pd.DataFrame
    skor_kompetensi: pd.DataFrame
    penilai: pd.DataFrame
    distribusi: pd.DataFrame
    distribusi_awal: pd.DataFrame
    kalibrasi: pd.DataFrame
    competency_names: Mapping[str, str]


def read_stored_export(store: Store, periods: Sequence[str]) -> StoredExport:
    """Read the stored results of ``periods`` (each must have them: :func:`stored_periods`).

    Only reads (no write transaction): the export runs while another
    process holds the write lock.
    """
    periods = tuple(dict.fromkeys(str(p) for p in periods))
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in _OUTPUTS}
    summaries, before, logs = [], [], []
    for periode in periods:
        frames = period_results(store, periode)
        for key, file in _OUTPUTS.items():
            parts[key].append(frames[file])
        summary = _stored_summary(store, periode)
        summaries.append(summary)
        log = store.adjustments(periode)
        logs.append(log)
        if len(log):
            raw = summary.drop(columns=list(STORED_CALIBRATED)).rename(
                columns={f"{f}_awal": f for f in STORED_CALIBRATED}
            )
            units = frames["distribusi.csv"][
                ["periode", "unit_kerja", "predikat_organisasi"]
            ].drop_duplicates()
            before.append(check_distribution(raw, units, periode=periode, policy=RESULTS_POLICY))
    return StoredExport(
        periods=periods,
        ringkasan_pegawai=_concat(summaries),
        skor_kompetensi=_concat(parts["skor_kompetensi"]),
        penilai=_concat(parts["penilai"]),
        distribusi=_concat(parts["distribusi"]),
        distribusi_awal=_concat(before),
        kalibrasi=_concat(logs),
        competency_names=_competency_names(store),
    )


_OUTPUTS = {
    "skor_kompetensi": "skor_kompetensi.csv",
    "penilai": "penilai.csv",
    "distribusi": "distribusi.csv",
}


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


#: Excel number formats (Excel shows them with the reader's decimal separator).
SCORE_FORMAT = "0.00"
PERCENT_FORMAT = "0.0"
COUNT_FORMAT = "0"
TIME_FORMAT = "DD-MM-YYYY HH:MM"

#: Column -> number format of the exported sheets.
NUMBER_FORMATS: Mapping[str, str] = MappingProxyType(
    {
        "jpm": PERCENT_FORMAT,
        "skor_perilaku": SCORE_FORMAT,
        "skor": SCORE_FORMAT,
        "skor_diri": SCORE_FORMAT,
        "gap": SCORE_FORMAT,
        "deviasi": SCORE_FORMAT,
        "standar": COUNT_FORMAT,
        "n_penilai": COUNT_FORMAT,
        "n_sel": COUNT_FORMAT,
        "kotak": COUNT_FORMAT,
        "kotak_awal": COUNT_FORMAT,
        "jumlah": COUNT_FORMAT,
        "batas": COUNT_FORMAT,
        "selisih": COUNT_FORMAT,
        "id": COUNT_FORMAT,
        "when": TIME_FORMAT,
    }
)

#: Column -> the labels of its codes (the vocabulary columns of the summary and the log).
_VOCABULARY: Mapping[str, Mapping[Any, str]] = MappingProxyType(
    {
        "kategori_jpm": labels.JPM_CATEGORY,
        "rating_perilaku": labels.RATING,
        "rating_hasil_kerja": labels.RATING,
        "kinerja": labels.RATING,
        "rating_perilaku_awal": labels.RATING,
        "rating_hasil_kerja_awal": labels.RATING,
        "kinerja_awal": labels.RATING,
        "old_value": labels.RATING,
        "new_value": labels.RATING,
        "predikat": labels.PREDIKAT,
        "predikat_awal": labels.PREDIKAT,
        "potensial": labels.POTENTIAL,
        "jenis": labels.COMPETENCY_TYPE,
        "label": labels.LENIENCY,
        "predikat_organisasi": labels.PREDIKAT_ORGANISASI,
        "field": labels.ADJUSTABLE_FIELD,
        "status": xl.STATUS,
    }
)


def _labelled(values: pd.Series, table: Mapping[Any, str]) -> pd.Series:
    """Codes as labels; an empty value stays an empty cell; an unknown code shows as is."""
    by_code = {str(k): v for k, v in table.items()}
    return values.map(lambda v: None if _empty(v) else by_code.get(str(v), str(v)))


def _empty(value: object) -> bool:
    return value is None or value is pd.NA or value == "" or value != value  # NaN


def _predikat_group(codes: object) -> str | None:
    """``butuh_perbaikan+kurang_misconduct`` as ``Butuh Perbaikan + Kurang/Misconduct``."""
    if _empty(codes):
        return None
    return " + ".join(labels.label(p, Predikat) for p in str(codes).split("+"))


def _share(proportion: float) -> str:
    """``0.7`` as ``70``, ``0.125`` as ``12,5`` (a percentage in words, decimal comma)."""
    return f"{round(proportion * 100, 1):g}".replace(".", ",")


def _rule_words(distribution: pd.DataFrame) -> list[str]:
    """Each rule row's rule in words: ``paling banyak 70 %``, ``minimal 1 orang``."""
    shares: dict[tuple[str, str, str], float] = {
        (str(org), str(rule), str(predikat)): float(p)
        for org, rule, predikat, p in reference.distribution_rules()[
            ["predikat_organisasi", "aturan", "predikat", "proporsi"]
        ].itertuples(index=False, name=None)
    }
    words = []
    columns = ["predikat_organisasi", "aturan", "predikat"]
    for org, rule, predikat in distribution[columns].itertuples(index=False, name=None):
        name = labels.DISTRIBUTION_RULE.get(DistributionRule(rule), str(rule))
        share = shares.get((str(org), str(rule), str(predikat)), math.nan)
        if math.isnan(share):
            words.append(name)
        else:
            words.append(xl.RULE_SHARE.format(rule=name, share=_share(share)))
    return words


def _wib(when: pd.Series) -> pd.Series:
    """UTC times as naive WIB (Asia/Jakarta) wall-clock times to the second, for Excel."""
    stamps = pd.to_datetime(when, utc=True).dt.tz_convert(_JAKARTA).dt.tz_localize(None)
    return stamps.dt.floor("s").astype(object).where(stamps.notna(), None)


def _insert_after(frame: pd.DataFrame, after: str, name: str, values: list[object]) -> None:
    position = list(frame.columns).index(after) + 1
    frame.insert(position, name, pd.Series(values, index=frame.index, dtype=object))


def _people_frame(frame: pd.DataFrame, key: str, data: StoredExport) -> pd.DataFrame:
    """One sheet's frame with labels for codes, Ya/Tidak for booleans (columns still named)."""
    out = frame.copy()
    if key in ("distribusi", "distribusi_awal"):
        out["aturan"] = pd.Series(_rule_words(frame), index=out.index, dtype=object)
        out["predikat"] = frame["predikat"].map(_predikat_group)
    if key == "skor_kompetensi":
        competencies = data.competency_names
        names = [competencies.get(str(k)) for k in out["kompetensi_kode"]]
        _insert_after(out, "kompetensi_kode", "kompetensi_nama", list(names))
    if key == "kalibrasi":
        summary = data.ringkasan_pegawai
        by_key: dict[tuple[str, str], object] = {}
        if len(summary):
            keys = zip(summary["periode"], summary["nip"], summary["nama"], strict=True)
            by_key = {(str(p), str(n)): name for p, n, name in keys}
        pairs = zip(out["periode"], out["nip"], strict=True)
        _insert_after(out, "nip", "nama", [by_key.get((str(p), str(n))) for p, n in pairs])
        out["when"] = _wib(out["when"])
    for column in out.columns:
        if column in _VOCABULARY and not (key.startswith("distribusi") and column == "predikat"):
            out[column] = _labelled(out[column], _VOCABULARY[column])
        elif column in ("lengkap", "dikalibrasi"):
            out[column] = out[column].map(lambda v: xl.YES_NO[bool(v)])
    return out


def _summary_order() -> list[str]:
    """The summary's columns with each calibrated field's raw value right after it."""
    order: list[str] = []
    for name in SUMMARY_COLUMNS:
        order.append(name)
        if name in STORED_CALIBRATED:
            order.append(f"{name}_awal")
    return [*order, "dikalibrasi"]


def _header(column: str) -> str:
    if column.endswith("_awal"):
        return xl.BEFORE_CALIBRATION.format(header=xl.HEADERS[column.removesuffix("_awal")])
    return xl.HEADERS[column]


def export_sheets(data: StoredExport) -> dict[str, tuple[pd.DataFrame, dict[str, str]]]:
    """The workbook for people: sheet name -> (frame with Indonesian headers, number formats).

    One sheet per output with a ``Periode`` column for all exported periods
    (a table people filter and pivot across periods), the summary with the
    value before calibration beside each calibrated field, the adjustment log
    and, when a period has adjustments, the curve check before calibration.
    """
    frames: dict[str, pd.DataFrame] = {
        "ringkasan_pegawai": data.ringkasan_pegawai.reindex(columns=_summary_order()),
        "skor_kompetensi": data.skor_kompetensi.reindex(columns=list(COMPETENCY_COLUMNS)),
        "penilai": data.penilai.reindex(columns=list(RATER_COLUMNS)),
        "distribusi": data.distribusi.reindex(columns=list(DISTRIBUTION_COLUMNS)),
        "kalibrasi": data.kalibrasi.reindex(columns=["id", *ADJUSTMENT_COLUMNS]),
    }
    if len(data.distribusi_awal):
        frames["distribusi_awal"] = data.distribusi_awal[list(DISTRIBUTION_COLUMNS)]
    sheets = {}
    for key in xl.SHEETS:
        if key not in frames:
            continue
        people = _people_frame(frames[key], key, data)
        formats = {_header(c): NUMBER_FORMATS[c] for c in people.columns if c in NUMBER_FORMATS}
        sheets[xl.SHEETS[key]] = (people.rename(columns=_header), formats)
    return sheets


def export_workbook(store: Store, periods: Sequence[str], target: str | Path | io.BytesIO) -> None:
    """The stored results of ``periods`` as one workbook for people (``kinerja export``).

    Reads only (:func:`read_stored_export`); every period must have stored
    results (:func:`stored_periods`).  Labels, not codes; numbers stay
    numbers with an Excel number format; text never runs as a formula.
    """
    sheets = export_sheets(read_stored_export(store, periods))
    write_frames(
        {name: frame for name, (frame, _) in sheets.items()},
        target,
        number_formats={name: formats for name, (_, formats) in sheets.items()},
    )
