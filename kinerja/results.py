"""Stored results of scoring (DESIGN.md §7): the tables, their writing, their reading by key.

Results are stored, not recomputed per page.  The tables are named after the
output contract (DESIGN §6) and hold the same rows as ``kinerja score`` on
the data in the store:

- ``skor_kompetensi``: one row per employee and competency;
- ``ringkasan_pegawai``: one row per employee and period, with the
  calibrated values in the contract's columns, the value before calibration
  of each calibrated field as ``<field>_awal`` and ``dikalibrasi``;
- ``penilai``: rater figures (leniency), which depend on many ratees: they
  are written by an import and by :func:`refresh_rater_figures`, not by a
  save; ``status_hasil`` tells when they were computed;
- ``distribusi``: the curve checks per unit, on the calibrated summary;
- ``status_hasil``: per period, when it was last scored as a whole
  (``dihitung``), when the rater figures were computed
  (``penilai_dihitung``) and when a rating or work result last changed it
  (``diubah``; an adjustment does not count: rater figures ignore
  calibration).  Rater figures older than ``diubah`` may be stale.

Who writes them (:class:`kinerja.store.Store`, inside its write
transactions): an import re-scores whole periods
(:func:`replace_period`); a form save or a withdrawal re-scores the
affected ratees (:func:`replace_employee`) and their unit's distribution
(:func:`refresh_unit_distribution`); an adjustment re-derives one
employee's calibrated fields (:func:`recalibrate_employee`).

Results are scored under the default :class:`kinerja.config.Policy`
(:data:`RESULTS_POLICY`); a store-level policy can come later.

The readers (:func:`employee_summary` …) read one employee, one unit or a
few raters through indexed queries, never a whole period: they are the
functions that the accounts' scoping will wrap.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kinerja.calibration import (
    DISTRIBUTION_COLUMNS,
    RATER_COLUMNS,
    apply_adjustments,
    check_distribution,
)
from kinerja.config import Policy
from kinerja.pipeline import EmployeeScores, Scores
from kinerja.scoring import COMPETENCY_COLUMNS, SUMMARY_COLUMNS
from kinerja.store import (
    Store,
    _fetch,
    _insert_rows,
    adjustments_table,
    metadata,
    pegawai_table,
    penilaian_table,
    unit_table,
)

#: The policy results are stored under (the documented defaults).
RESULTS_POLICY = Policy()

#: Summary fields that calibration may change; each is stored raw as ``<field>_awal`` too.
CALIBRATED_FIELDS: tuple[str, ...] = (
    "rating_perilaku",
    "rating_hasil_kerja",
    "predikat",
    "kinerja",
    "kotak",
)

#: Columns of the stored summary: the contract's, the raw values, ``dikalibrasi``.
STORED_SUMMARY_COLUMNS: tuple[str, ...] = (
    *SUMMARY_COLUMNS,
    *(f"{f}_awal" for f in CALIBRATED_FIELDS),
    "dikalibrasi",
)


def _text(name: str, length: int, **kw: object) -> sa.Column:
    return sa.Column(name, sa.String(length), **kw)  # type: ignore[arg-type]


skor_kompetensi_table = sa.Table(
    "skor_kompetensi",
    metadata,
    _text("periode", 20, nullable=False),
    _text("nip", 32, nullable=False),
    _text("kompetensi_kode", 20, nullable=False),
    _text("jenis", 30),
    sa.Column("skor", sa.Float),
    sa.Column("skor_diri", sa.Float),
    sa.Column("standar", sa.Integer),
    sa.Column("gap", sa.Float),
    sa.Column("n_penilai", sa.Integer, nullable=False),
    sa.Index("ix_skor_kompetensi_pegawai", "periode", "nip"),
)

ringkasan_table = sa.Table(
    "ringkasan_pegawai",
    metadata,
    _text("periode", 20, primary_key=True),
    _text("nip", 32, primary_key=True),
    _text("nama", 200),
    _text("unit_kerja", 200),
    _text("jabatan", 200),
    sa.Column("jpm", sa.Float),
    _text("kategori_jpm", 30),
    sa.Column("skor_perilaku", sa.Float),
    _text("rating_perilaku", 20),
    _text("rating_hasil_kerja", 20),
    _text("predikat", 30),
    _text("kinerja", 20),
    _text("potensial", 20),
    sa.Column("kotak", sa.Integer),
    sa.Column("lengkap", sa.Boolean, nullable=False),
    _text("rating_perilaku_awal", 20),
    _text("rating_hasil_kerja_awal", 20),
    _text("predikat_awal", 30),
    _text("kinerja_awal", 20),
    sa.Column("kotak_awal", sa.Integer),
    sa.Column("dikalibrasi", sa.Boolean, nullable=False),
    sa.Index("ix_ringkasan_pegawai_unit", "periode", "unit_kerja"),
)

penilai_table = sa.Table(
    "penilai",
    metadata,
    _text("periode", 20, nullable=False),
    _text("nip_penilai", 64, nullable=False),
    sa.Column("n_sel", sa.Integer, nullable=False),
    sa.Column("deviasi", sa.Float),
    _text("label", 20),
    sa.Index("ix_penilai_kunci", "periode", "nip_penilai"),
)

distribusi_table = sa.Table(
    "distribusi",
    metadata,
    _text("periode", 20, nullable=False),
    _text("unit_kerja", 200, nullable=False),
    _text("predikat_organisasi", 30),
    _text("aturan", 20),
    _text("predikat", 60),
    sa.Column("jumlah", sa.Integer, nullable=False),
    sa.Column("batas", sa.Integer, nullable=False),
    _text("status", 20),
    sa.Column("selisih", sa.Integer, nullable=False),
    sa.Index("ix_distribusi_unit", "periode", "unit_kerja"),
)

status_table = sa.Table(
    "status_hasil",
    metadata,
    _text("periode", 20, primary_key=True),
    sa.Column("dihitung", sa.DateTime(timezone=True), nullable=False),
    sa.Column("penilai_dihitung", sa.DateTime(timezone=True)),
    sa.Column("diubah", sa.DateTime(timezone=True), nullable=False),
)

#: A rater's tasks: the ratings one rater gives in one period.
ix_penilaian_penilai = sa.Index(
    "ix_penilaian_penilai", penilaian_table.c.periode, penilaian_table.c.nip_penilai
)

#: Finding people within a unit.
ix_pegawai_unit = sa.Index("ix_pegawai_unit", pegawai_table.c.unit_kerja)

#: A supervisor's subordinates (the rater's circle, the hierarchy's tasks).
ix_pegawai_atasan = sa.Index("ix_pegawai_atasan", pegawai_table.c.nip_atasan)

#: Names of the tables that hold stored results (derived from the records, never edited).
RESULT_TABLES: tuple[str, ...] = (
    "skor_kompetensi",
    "ringkasan_pegawai",
    "penilai",
    "distribusi",
    "status_hasil",
)

#: Stored table -> the contract's columns it holds (in order).
_COLUMNS: dict[str, tuple[str, ...]] = {
    skor_kompetensi_table.name: COMPETENCY_COLUMNS,
    ringkasan_table.name: STORED_SUMMARY_COLUMNS,
    penilai_table.name: RATER_COLUMNS,
    distribusi_table.name: DISTRIBUTION_COLUMNS,
}


@dataclass(frozen=True)
class ResultStatus:
    """How fresh a period's stored results are.

    ``penilai_terkini`` is false when a rating or work result changed the
    period after the rater figures were computed (they may be stale until
    :meth:`kinerja.store.Store.refresh_rater_figures`).
    """

    periode: str
    dihitung: datetime
    penilai_dihitung: datetime | None
    diubah: datetime

    @property
    def penilai_terkini(self) -> bool:
        """True when the rater figures are at least as new as the last change."""
        return self.penilai_dihitung is not None and self.penilai_dihitung >= self.diubah


# --------------------------------------------------------------------------- writing


def stored_summary(scores: Scores | EmployeeScores) -> pd.DataFrame:
    """The summary rows as stored: calibrated contract columns, raw values, ``dikalibrasi``."""
    raw = scores.ringkasan_awal.set_index("nip")
    out = scores.ringkasan.copy()
    for name in CALIBRATED_FIELDS:
        out[f"{name}_awal"] = out["nip"].map(raw[name]).to_numpy()
    return out[list(STORED_SUMMARY_COLUMNS)]


def _frames(scores: Scores) -> dict[sa.Table, pd.DataFrame]:
    return {
        skor_kompetensi_table: scores.kompetensi[list(COMPETENCY_COLUMNS)],
        ringkasan_table: stored_summary(scores),
        penilai_table: scores.penilai[list(RATER_COLUMNS)],
        distribusi_table: scores.distribusi[list(DISTRIBUTION_COLUMNS)],
    }


def _insert(conn: Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    """Bulk insert of result rows (text columns as plain strings)."""
    plain = pd.DataFrame(
        {
            c: frame[c].astype(object)
            if isinstance(frame[c].dtype, pd.CategoricalDtype)
            else frame[c]
            for c in frame.columns
        }
    )
    _insert_rows(conn, table, plain.reset_index(drop=True), {})


def replace_period(conn: Connection, scores: Scores, *, stamp: datetime) -> None:
    """Replace every stored result row of ``scores.periode`` (an import, or a first save)."""
    periode = scores.periode
    for table, frame in _frames(scores).items():
        conn.execute(sa.delete(table).where(table.c.periode == periode))
        _insert(conn, table, frame)
    conn.execute(sa.delete(status_table).where(status_table.c.periode == periode))
    conn.execute(
        sa.insert(status_table).values(
            periode=periode, dihitung=stamp, penilai_dihitung=stamp, diubah=stamp
        )
    )


def replace_employee(conn: Connection, scores: EmployeeScores, nip: str) -> str | None:
    """Replace one employee's competency and summary rows; returns their unit.

    ``scores`` is a one-ratee scoring (:func:`kinerja.pipeline.score_employees`
    of the data set :class:`kinerja.store.Store` reads for that ratee);
    rater figures and distribution are not touched here.
    """
    periode = scores.periode
    kompetensi = scores.kompetensi[list(COMPETENCY_COLUMNS)]
    summary = stored_summary(scores)
    for table, frame in ((skor_kompetensi_table, kompetensi), (ringkasan_table, summary)):
        conn.execute(sa.delete(table).where(table.c.periode == periode, table.c.nip == nip))
        _insert(conn, table, frame.loc[frame["nip"].astype(str) == nip])
    unit = summary.loc[summary["nip"].astype(str) == nip, "unit_kerja"]
    return None if not len(unit) else str(unit.iloc[0])


def stored_employee_row(conn: Connection, periode: str, nip: str) -> dict[str, object] | None:
    """One employee's stored summary row (raw ``*_awal`` values included), read by key."""
    t = ringkasan_table
    row = conn.execute(sa.select(t).where(t.c.periode == periode, t.c.nip == nip)).first()
    return None if row is None else dict(row._mapping)


def recalibrate_employee(conn: Connection, periode: str, nip: str) -> str | None:
    """Re-derive one stored summary row from its raw values and the adjustments in force.

    Returns the employee's unit, or None when the period holds no row of
    them.  The rules are :func:`kinerja.calibration.apply_adjustments`.
    """
    t = ringkasan_table
    stored = _read(conn, t, sa.and_(t.c.periode == periode, t.c.nip == nip))
    if not len(stored):
        return None
    raw = stored.assign(**{f: stored[f"{f}_awal"] for f in CALIBRATED_FIELDS})
    a = adjustments_table
    log = pd.read_sql(
        sa.select(a).where(a.c.periode == periode, a.c.nip == nip).order_by(a.c.id), conn
    )
    calibrated = apply_adjustments(raw[list(SUMMARY_COLUMNS)], log)
    values = {f: _scalar(calibrated[f].iloc[0]) for f in CALIBRATED_FIELDS}
    values["dikalibrasi"] = bool(calibrated["dikalibrasi"].iloc[0])
    conn.execute(sa.update(t).where(t.c.periode == periode, t.c.nip == nip).values(**values))
    return str(stored["unit_kerja"].iloc[0])


def _scalar(value: object) -> object:
    """A frame cell as a value for SQL (missing -> None, numpy -> Python)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return getattr(value, "item", lambda: value)()


def refresh_unit_distribution(
    conn: Connection, periode: str, unit: str, *, policy: Policy = RESULTS_POLICY
) -> None:
    """Recompute one unit's ``distribusi`` rows from its stored (calibrated) summary rows.

    The unit's row is locked first (``FOR UPDATE`` on PostgreSQL; SQLite's
    writers are serialised already), so two saves in one unit at once each
    count the other's committed change.
    """
    u = unit_table
    units = pd.read_sql(
        sa.select(u).where(u.c.periode == periode, u.c.unit_kerja == unit).with_for_update(), conn
    )
    t = ringkasan_table
    summary = _read(conn, t, sa.and_(t.c.periode == periode, t.c.unit_kerja == unit))
    rows = check_distribution(summary, units, periode=periode, policy=policy)
    d = distribusi_table
    conn.execute(sa.delete(d).where(d.c.periode == periode, d.c.unit_kerja == unit))
    _insert(conn, d, rows)


def replace_rater_figures(
    conn: Connection, periode: str, figures: pd.DataFrame, *, stamp: datetime
) -> None:
    """Replace the period's rater figures and record when they were computed."""
    conn.execute(sa.delete(penilai_table).where(penilai_table.c.periode == periode))
    _insert(conn, penilai_table, figures[list(RATER_COLUMNS)])
    s = status_table
    conn.execute(sa.update(s).where(s.c.periode == periode).values(penilai_dihitung=stamp))


def mark_changed(conn: Connection, periode: str, *, stamp: datetime) -> None:
    """Record that a rating or a work result changed the period's results."""
    s = status_table
    conn.execute(sa.update(s).where(s.c.periode == periode).values(diubah=stamp))


def is_scored(conn: Connection, periode: str) -> bool:
    """Whether the period has stored results."""
    s = status_table
    return conn.execute(sa.select(s.c.periode).where(s.c.periode == periode)).first() is not None


# --------------------------------------------------------------------------- reading


def _read(conn: Connection, table: sa.Table, where: sa.ColumnElement[bool]) -> pd.DataFrame:
    """Rows of a result table with the output frames' types (floats, Int64, bool, text)."""
    columns = list(_COLUMNS[table.name])
    frame = pd.read_sql(sa.select(*[table.c[c] for c in columns]).where(where), conn)
    return _typed(frame, table)


def _typed(frame: pd.DataFrame, table: sa.Table) -> pd.DataFrame:
    out = frame.copy()
    for name in out.columns:
        kind = table.c[name].type
        col = out[name]
        if isinstance(kind, sa.Boolean):
            out[name] = col.astype(bool)
        elif isinstance(kind, sa.Integer):
            nullable = name in ("standar", "kotak", "kotak_awal")
            out[name] = col.astype("Int64") if nullable else col.astype("int64")
        elif isinstance(kind, sa.Float):
            out[name] = pd.to_numeric(col).astype(float)
        else:
            out[name] = col.astype(object).where(col.notna(), None)
    return out.reset_index(drop=True)


def _select(
    store: Store, table: sa.Table, where: sa.ColumnElement[bool], order: Sequence[str]
) -> pd.DataFrame:
    with store.engine.connect() as conn:
        frame = _read(conn, table, where)
    return frame.sort_values(list(order), kind="stable", ignore_index=True)


def employee_summary(store: Store, periode: str, nip: str) -> pd.DataFrame:
    """One employee's stored summary row of a period (no row when there is none).

    Columns: :data:`STORED_SUMMARY_COLUMNS`.
    """
    t = ringkasan_table
    return _select(store, t, sa.and_(t.c.periode == str(periode), t.c.nip == nip), ["nip"])


def employee_competencies(store: Store, periode: str, nip: str) -> pd.DataFrame:
    """One employee's competency rows of a period, by code (``skor_kompetensi`` columns)."""
    t = skor_kompetensi_table
    where = sa.and_(t.c.periode == str(periode), t.c.nip == nip)
    return _select(store, t, where, ["kompetensi_kode"])


def unit_summary(store: Store, periode: str, unit: str) -> pd.DataFrame:
    """The summary rows of one unit in a period, by NIP."""
    t = ringkasan_table
    where = sa.and_(t.c.periode == str(periode), t.c.unit_kerja == unit)
    return _select(store, t, where, ["nip"])


def unit_distribution(store: Store, periode: str, unit: str) -> pd.DataFrame:
    """One unit's curve checks of a period (``distribusi`` columns, rule order kept)."""
    t = distribusi_table
    where = sa.and_(t.c.periode == str(periode), t.c.unit_kerja == unit)
    return _select(store, t, where, ["aturan", "predikat"])


def worst_unit(store: Store, periode: str, *, units: Collection[str] | None = None) -> str | None:
    """The unit with the largest curve violation (sum of ``|selisih|``) in a period.

    Among ``units`` when given (an account's units).  Ties, and a period
    without violations, go to the first unit by name; None when the period
    has no stored distribution.
    """
    t = distribusi_table
    total = sa.func.sum(sa.func.abs(t.c.selisih)).label("total")
    stmt = (
        sa.select(t.c.unit_kerja, total)
        .where(t.c.periode == str(periode))
        .where(sa.true() if units is None else t.c.unit_kerja.in_(sorted(units)))
        .group_by(t.c.unit_kerja)
        .order_by(total.desc(), t.c.unit_kerja)
        .limit(1)
    )
    with store.engine.connect() as conn:
        row = conn.execute(stmt).first()
    return None if row is None else str(row[0])


def search_employees(
    store: Store,
    text: str,
    *,
    unit: str | None = None,
    limit: int = 30,
    units: Collection[str] | None = None,
    among: sa.Select[tuple[str]] | None = None,
) -> pd.DataFrame:
    """Employees whose name or NIP contains ``text`` (any case), at most ``limit``, by name.

    Within ``unit`` when given; within ``units`` and among the NIPs the query
    ``among`` selects when given (an account's scope, :mod:`kinerja.access`).
    Columns: ``nip, nama, unit_kerja, jabatan``.
    """
    t = pegawai_table
    needle = str(text).strip().lower()
    stmt = sa.select(t.c.nip, t.c.nama, t.c.unit_kerja, t.c.jabatan)
    if needle:
        stmt = stmt.where(
            sa.or_(
                sa.func.lower(t.c.nama).contains(needle, autoescape=True),
                t.c.nip.contains(needle, autoescape=True),
            )
        )
    if unit is not None:
        stmt = stmt.where(t.c.unit_kerja == unit)
    if units is not None:
        stmt = stmt.where(t.c.unit_kerja.in_(sorted(units)))
    if among is not None:
        stmt = stmt.where(t.c.nip.in_(among))
    stmt = stmt.order_by(t.c.nama, t.c.nip).limit(max(0, int(limit)))
    with store.engine.connect() as conn:
        return pd.read_sql(stmt, conn)


def period_results(store: Store, periode: str) -> dict[str, pd.DataFrame]:
    """Every stored result row of a period, as the four contract frames (by output file name).

    A whole-period read, for an export or a check, never for a page.
    """
    frames = {
        "skor_kompetensi.csv": (
            skor_kompetensi_table,
            COMPETENCY_COLUMNS,
            ["nip", "kompetensi_kode"],
        ),
        "ringkasan_pegawai.csv": (ringkasan_table, SUMMARY_COLUMNS, ["nip"]),
        "penilai.csv": (penilai_table, RATER_COLUMNS, ["nip_penilai"]),
        "distribusi.csv": (
            distribusi_table,
            DISTRIBUTION_COLUMNS,
            ["unit_kerja", "aturan", "predikat"],
        ),
    }
    out = {}
    for name, (table, columns, order) in frames.items():
        frame = _select(store, table, table.c.periode == str(periode), order)
        out[name] = frame[list(columns)]
    return out


# --------------------------------------------------------------------------- one unit (Kalibrasi)


#: Key columns of a rating that the calibration views read as categories.
_RATING_KEYS = ("periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode")


def ratings_of_unit(store: Store, periode: str, unit: str) -> pd.DataFrame:
    """The ratings in force of one unit's ratees in a period: one indexed query.

    Joins ``pegawai.unit_kerja`` (``ix_pegawai_unit``) to the ratings by
    ratee (``ix_penilaian_kunci``, a semi-join on ``nip_dinilai``), reads
    the records in id order and keeps
    the latest of each key; withdrawn ratings are left out.  Every rating of
    each of the unit's ratees is read (from raters of any unit), so what is
    decided per ratee (a withheld group, DESIGN §4 step 2) is decided exactly
    as on the whole period.

    Columns as :attr:`kinerja.dataset.Dataset.penilaian`: ``periode,
    nip_dinilai, nip_penilai, sumber, kompetensi_kode`` (categorical),
    ``skor`` (int8), ``catatan``.
    """
    p, e = penilaian_table, pegawai_table
    columns = ["id", *_RATING_KEYS, "skor", "catatan", "dihapus"]
    # a semi-join (IN) rather than a JOIN: SQLite then walks ix_pegawai_unit and looks
    # each ratee up in ix_penilaian_kunci, instead of scanning the period's ratings
    members = sa.select(e.c.nip).where(e.c.unit_kerja == unit)
    stmt = (
        sa.select(*[p.c[c] for c in columns])
        .where(p.c.periode == str(periode), p.c.nip_dinilai.in_(members))
        .order_by(p.c.id)
    )
    with store.engine.connect() as conn:
        frame = _fetch(conn, stmt, columns)
    key = ["periode", "nip_dinilai", "nip_penilai", "kompetensi_kode"]
    frame = frame.drop_duplicates(key, keep="last")
    frame = frame.loc[~frame["dihapus"].astype(bool)].reset_index(drop=True)
    return pd.DataFrame(
        {
            **{k: frame[k].astype(str).astype("category") for k in _RATING_KEYS},
            "skor": frame["skor"].astype("int8"),
            "catatan": frame["catatan"].astype(object).where(frame["catatan"].notna(), None),
        }
    )


def unit_competencies(store: Store, periode: str, unit: str) -> pd.DataFrame:
    """The stored competency rows of one unit's employees in a period, by NIP and code."""
    t, e = skor_kompetensi_table, pegawai_table
    members = sa.select(e.c.nip).where(e.c.unit_kerja == unit)
    where = sa.and_(t.c.periode == str(periode), t.c.nip.in_(members))
    return _select(store, t, where, ["nip", "kompetensi_kode"])


def unit_row(store: Store, periode: str, unit: str) -> pd.DataFrame:
    """The unit's ``unit_kerja`` row of a period (``periode, unit_kerja, predikat_organisasi``)."""
    u = unit_table
    stmt = sa.select(u).where(u.c.periode == str(periode), u.c.unit_kerja == unit)
    with store.engine.connect() as conn:
        return pd.read_sql(stmt, conn)


def previous_period(store: Store, periode: str) -> str | None:
    """The latest period with stored results before ``periode`` (None when there is none)."""
    s = status_table
    stmt = sa.select(sa.func.max(s.c.periode)).where(s.c.periode < str(periode))
    with store.engine.connect() as conn:
        value = conn.execute(stmt).scalar()
    return None if value is None else str(value)


# --------------------------------------------------------------------------- every unit, counted


def period_distribution(store: Store, periode: str) -> pd.DataFrame:
    """Every unit's stored curve checks of a period (units × rules rows: small), by unit."""
    t = distribusi_table
    return _select(store, t, t.c.periode == str(periode), ["unit_kerja"])


def period_counts(
    store: Store, periode: str, column: str, *, level: str | None = None
) -> pd.Series:
    """Employees of a period per value of a stored summary column, counted in SQL.

    ``column`` is e.g. ``predikat``, ``predikat_awal`` or ``kotak``; only
    the counts leave the database.  ``level`` keeps one ``jenis_jabatan``.
    """
    t, e = ringkasan_table, pegawai_table
    col = t.c[column]
    stmt = sa.select(col, sa.func.count()).where(t.c.periode == str(periode), col.is_not(None))
    if level is not None:
        stmt = stmt.join(e, e.c.nip == t.c.nip).where(e.c.jenis_jabatan == level)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt.group_by(col)).all()
    return pd.Series({r[0]: int(r[1]) for r in rows}, dtype="int64")


def period_box_members(
    store: Store, periode: str, box: int, *, level: str | None = None, limit: int = 100
) -> pd.DataFrame:
    """At most ``limit`` employees of a period in one box, by name (stored summary columns)."""
    t, e = ringkasan_table, pegawai_table
    where = sa.and_(t.c.periode == str(periode), t.c.kotak == int(box))
    if level is not None:
        members = sa.select(e.c.nip).where(e.c.jenis_jabatan == level)
        where = sa.and_(where, t.c.nip.in_(members))
    columns = list(STORED_SUMMARY_COLUMNS)
    stmt = sa.select(*[t.c[c] for c in columns]).where(where)
    stmt = stmt.order_by(t.c.nama, t.c.nip).limit(max(0, int(limit)))
    with store.engine.connect() as conn:
        return _typed(pd.read_sql(stmt, conn), t)


def period_summary(store: Store, periode: str, *, level: str | None = None) -> pd.DataFrame:
    """Every stored summary row of a period (of one ``jenis_jabatan``): for an export only."""
    t, e = ringkasan_table, pegawai_table
    where = t.c.periode == str(periode)
    if level is not None:
        where = sa.and_(where, t.c.nip.in_(sa.select(e.c.nip).where(e.c.jenis_jabatan == level)))
    return _select(store, t, where, ["nip"])


def flagged_raters(store: Store, periode: str, *, limit: int = 40) -> pd.DataFrame:
    """The first ``limit`` stored rater figures of a period, flagged first, with names.

    ``penilai.csv``'s figures (DESIGN §5: per rater over all their cells,
    naming no ratee); flagged (``lunak``/``keras``) first, then by
    deviation, largest first.  Columns: ``nip_penilai, nama, n_sel,
    deviasi, label``.
    """
    t, e = penilai_table, pegawai_table
    flagged = sa.case((t.c.label == "wajar", 1), else_=0)
    stmt = (
        sa.select(t.c.nip_penilai, e.c.nama, t.c.n_sel, t.c.deviasi, t.c.label)
        .join(e, e.c.nip == t.c.nip_penilai, isouter=True)
        .where(t.c.periode == str(periode))
        .order_by(flagged, t.c.deviasi.desc(), t.c.nip_penilai)
        .limit(max(0, int(limit)))
    )
    with store.engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    return frame.assign(
        n_sel=frame["n_sel"].astype("int64"), deviasi=frame["deviasi"].astype(float)
    )


def result_status(store: Store, periode: str) -> ResultStatus | None:
    """When the period's results were computed and last changed; None when not stored."""
    s = status_table
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(s).where(s.c.periode == str(periode))).mappings().first()
    if row is None:
        return None
    return ResultStatus(
        periode=str(row["periode"]),
        dihitung=_utc(row["dihitung"]),
        penilai_dihitung=None if row["penilai_dihitung"] is None else _utc(row["penilai_dihitung"]),
        diubah=_utc(row["diubah"]),
    )


def _utc(value: datetime) -> datetime:
    """A stored time as an aware UTC time (SQLite drops the zone; stored as UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


__all__ = [
    "CALIBRATED_FIELDS",
    "RESULTS_POLICY",
    "RESULT_TABLES",
    "STORED_SUMMARY_COLUMNS",
    "ResultStatus",
    "employee_competencies",
    "employee_summary",
    "flagged_raters",
    "period_box_members",
    "period_counts",
    "period_distribution",
    "period_results",
    "period_summary",
    "previous_period",
    "ratings_of_unit",
    "result_status",
    "search_employees",
    "unit_competencies",
    "unit_distribution",
    "unit_row",
    "unit_summary",
    "worst_unit",
]
