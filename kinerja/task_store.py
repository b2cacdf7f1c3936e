"""Rating tasks in the store (DESIGN.md §10): read, generate, import, edit; the period's dates.

Tasks are append-only records of :data:`kinerja.tasks.tasks_table`: the
newest record of a (periode, nip_dinilai, nip_penilai) is in force and
``dihapus`` removes it.  Every write is one transaction with who; what is
in force is read inside it.  Functions that change tasks take ``units``,
the units whose ratees the caller may touch (a petugas's; None for the
admin), and refuse rows outside them.

A period's dates (:data:`kinerja.tasks.schedule_table`) decide when
pegawai accounts may fill their tasks (:func:`tasks_open`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kinerja.errors import TaskError
from kinerja.labels import tugas as txt
from kinerja.store import Store, distinct_leading, now, pegawai_table
from kinerja.task_generation import TASK_COLUMNS, generate_tasks
from kinerja.task_import import ROSTER_COLUMNS, check_tasks, read_task_sheet
from kinerja.tasks import schedule_table, tasks_table


@dataclass(frozen=True)
class Schedule:
    """A period's open and close dates (both days included)."""

    periode: str
    dibuka: date
    ditutup: date

    def state(self, today: date) -> Literal["open", "closed", "not_yet"]:
        """``open`` from ``dibuka`` to ``ditutup`` inclusive, ``not_yet`` before, else closed."""
        if today < self.dibuka:
            return "not_yet"
        return "open" if today <= self.ditutup else "closed"


#: The local day (WIB) decides whether a period is open.
WIB = timezone(timedelta(hours=7), "WIB")

_PAIR = ["periode", "nip_dinilai", "nip_penilai"]
_READ = ["id", *_PAIR, "sumber", "dihapus", "oleh", "waktu"]
#: Up to this many pairs a write reads what is in force pair by pair (indexed), else by period.
_PAIR_QUERIES = 50


def today_wib() -> date:
    """Today's date in Western Indonesia Time."""
    return datetime.now(WIB).date()


# ------------------------------------------------------------------ reading


def _records(conn: Connection, where: sa.ColumnElement[bool]) -> pd.DataFrame:
    """Task records matching ``where``, reduced to the latest per pair (removed ones kept)."""
    t = tasks_table
    stmt = sa.select(*[t.c[c] for c in _READ]).where(where).order_by(t.c.id)
    rows = conn.execute(stmt).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=_READ, dtype=object)
    return frame.drop_duplicates(_PAIR, keep="last").reset_index(drop=True)


def _in_force(frame: pd.DataFrame) -> pd.DataFrame:
    live = frame.loc[~frame["dihapus"].astype(bool)] if len(frame) else frame
    return live[[*_PAIR, "sumber", "oleh", "waktu"]].sort_values(
        ["nip_dinilai", "nip_penilai"], ignore_index=True
    )


def tasks_in_force(
    store: Store,
    periode: str,
    *,
    nip_penilai: str | None = None,
    nip_dinilai: str | None = None,
) -> pd.DataFrame:
    """The tasks in force of a period, optionally one rater's or one ratee's (by index).

    Returns
    -------
    DataFrame
        ``periode, nip_dinilai, nip_penilai, sumber, oleh, waktu``.
    """
    t = tasks_table
    where = t.c.periode == str(periode)
    if nip_penilai is not None:
        where = sa.and_(where, t.c.nip_penilai == str(nip_penilai))
    if nip_dinilai is not None:
        where = sa.and_(where, t.c.nip_dinilai == str(nip_dinilai))
    with store.engine.connect() as conn:
        return _in_force(_records(conn, where))


def task_periods(store: Store) -> list[str]:
    """The periods that have task records, oldest first (a loose index scan)."""
    with store.engine.connect() as conn:
        return distinct_leading(conn, tasks_table.c.periode)


def rater_periods(store: Store, nip_penilai: str) -> list[str]:
    """The periods in which ``nip_penilai`` has task records, oldest first.

    By index: the task periods by a loose index scan, then one seek per period.
    """
    t = tasks_table
    with store.engine.connect() as conn:
        return [
            periode
            for periode in distinct_leading(conn, t.c.periode)
            if conn.execute(
                sa.select(t.c.id)
                .where(t.c.periode == periode, t.c.nip_penilai == str(nip_penilai))
                .limit(1)
            ).first()
            is not None
        ]


def unit_tasks(store: Store, periode: str, unit: str) -> pd.DataFrame:
    """The tasks in force of a period whose ratee is in ``unit`` (one indexed semi-join)."""
    t, p = tasks_table, pegawai_table
    members = sa.select(p.c.nip).where(p.c.unit_kerja == unit)
    where = sa.and_(t.c.periode == str(periode), t.c.nip_dinilai.in_(members))
    with store.engine.connect() as conn:
        return _in_force(_records(conn, where))


def task_source(conn: Connection, periode: str, ratee: str, rater: str) -> str | None:
    """The source of the task in force for (periode, ratee, rater), or None."""
    t = tasks_table
    where = sa.and_(t.c.periode == periode, t.c.nip_penilai == rater, t.c.nip_dinilai == ratee)
    found = _in_force(_records(conn, where))
    return None if not len(found) else str(found["sumber"].iloc[0])


# ------------------------------------------------------------------ writing


def _who(who: str | None) -> str:
    if not who or not str(who).strip():
        raise TaskError(txt.NO_WHO)
    return str(who).strip()


def _existing(conn: Connection, tasks: pd.DataFrame) -> pd.DataFrame:
    """The latest record (in force or removed) of each pair of ``tasks``."""
    t = tasks_table
    pairs = tasks[_PAIR].drop_duplicates()
    if len(pairs) > _PAIR_QUERIES:
        periods = sorted(pairs["periode"].astype(str).unique())
        return _records(conn, t.c.periode.in_(periods))
    frames = [
        _records(
            conn,
            sa.and_(t.c.periode == p, t.c.nip_dinilai == ratee, t.c.nip_penilai == rater),
        )
        for p, ratee, rater in pairs.itertuples(index=False)
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=_READ)


def _to_write(tasks: pd.DataFrame, existing: pd.DataFrame, *, replace: bool) -> pd.DataFrame:
    """The tasks that change the store.

    Without ``replace`` (generation) a pair with any record — in force, or
    removed by HR — is left alone; with it (an import, an edit) a pair is
    written unless its task in force already has the same source.
    """
    t = tasks[[*_PAIR, "sumber"]].astype(str)
    ex = existing.assign(
        _same=existing["sumber"].astype(str), _live=~existing["dihapus"].astype(bool)
    )[[*_PAIR, "_same", "_live"]].astype({c: str for c in _PAIR})
    merged = t.merge(ex, on=_PAIR, how="left", validate="one_to_one")
    if not replace:
        return t.loc[merged["_live"].isna().to_numpy()]
    unchanged = merged["_live"].eq(True) & (merged["_same"] == merged["sumber"])
    return t.loc[~unchanged.to_numpy()]


def store_tasks(store: Store, tasks: pd.DataFrame, *, who: str, replace: bool = False) -> int:
    """Append tasks in one transaction; returns how many records were written.

    ``tasks`` holds :data:`~kinerja.task_generation.TASK_COLUMNS` (already
    checked).  What is in force is read inside the write transaction.
    Without ``replace`` (generation) a pair that has any record — a task in
    force, or one HR removed — is skipped, so generating again never undoes
    HR's changes; with ``replace`` (import, edit) a pair whose task in force
    has another source gets a newer record.
    """
    who = _who(who)
    tasks = tasks[list(TASK_COLUMNS)].drop_duplicates(_PAIR, keep="last")
    stamp = now()
    with store.transaction() as conn:
        new = _to_write(tasks, _existing(conn, tasks), replace=replace)
        if len(new):
            rows = [
                {str(k): v for k, v in r.items()}
                for r in new.assign(dihapus=False, oleh=who, waktu=stamp).to_dict("records")
            ]
            conn.execute(tasks_table.insert(), rows)
    return len(new)


def _roster(store: Store, nips: list[str] | None = None) -> pd.DataFrame:
    """Roster rows (``nip, nip_atasan, unit_kerja``): of ``nips`` by key, or every one."""
    p = pegawai_table
    stmt = sa.select(p.c.nip, p.c.nip_atasan, p.c.unit_kerja)
    if nips is not None:
        stmt = stmt.where(p.c.nip.in_(sorted(set(nips))))
    with store.engine.connect() as conn:
        rows = conn.execute(stmt.order_by(p.c.nip)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=list(ROSTER_COLUMNS), dtype=object)


def generate(store: Store, periode: str, *, who: str, seed: int = 0) -> int:
    """Derive a period's tasks from the stored roster and store the new ones (see
    :func:`kinerja.task_generation.generate_tasks` and :func:`store_tasks`)."""
    if not str(periode).strip():
        raise TaskError(txt.NO_PERIOD)
    tasks = generate_tasks(_roster(store), str(periode).strip(), seed=seed)
    return store_tasks(store, tasks, who=who)


def import_tasks(store: Store, path: str | Path, *, who: str, units: Collection[str] | None) -> int:
    """Check and store a ``penugasan`` sheet (CSV or XLSX) in one transaction.

    Every problem is reported together (:class:`DataValidationError`) and
    nothing is stored when any exists (see :mod:`kinerja.task_import`).
    ``units``: the units whose ratees the importer may touch (None: all).
    Returns the number of task records written.
    """
    who = _who(who)
    frame, source = read_task_sheet(path)
    tasks = check_tasks(frame, source, _roster(store), units=units)
    return store_tasks(store, tasks, who=who, replace=True)


def add_task(
    store: Store,
    *,
    periode: str,
    nip_dinilai: str,
    nip_penilai: str,
    sumber: str,
    who: str,
    units: Collection[str] | None,
) -> int:
    """Add one task (or change its source), re-checked like an imported row; returns the
    records written (0 when the same task is already in force)."""
    who = _who(who)
    frame = pd.DataFrame(
        [[periode, nip_dinilai, nip_penilai, sumber]], columns=list(TASK_COLUMNS), dtype=object
    )
    tasks = check_tasks(
        frame, txt.TASK_SHEET, _roster(store, [str(nip_dinilai), str(nip_penilai)]), units=units
    )
    return store_tasks(store, tasks, who=who, replace=True)


def remove_task(
    store: Store,
    *,
    periode: str,
    nip_dinilai: str,
    nip_penilai: str,
    who: str,
    units: Collection[str] | None,
) -> None:
    """Remove a task in force (a newer record with ``dihapus``); ratings already saved stay.

    Refused when the task is not in force or its ratee is outside ``units``.
    """
    who = _who(who)
    periode, ratee, rater = str(periode), str(nip_dinilai), str(nip_penilai)
    roster_rows = _roster(store, [ratee])
    if units is not None:
        unit = roster_rows["unit_kerja"].iloc[0] if len(roster_rows) else None
        if unit not in set(units):
            shown = ", ".join(sorted(units)) or txt.NO_UNITS
            raise TaskError(txt.OUTSIDE_UNITS.format(unit=unit or "-", units=shown))
    with store.transaction() as conn:
        sumber = task_source(conn, periode, ratee, rater)
        if sumber is None:
            raise TaskError(txt.NO_SUCH_TASK.format(penilai=rater, dinilai=ratee))
        conn.execute(
            tasks_table.insert().values(
                periode=periode,
                nip_dinilai=ratee,
                nip_penilai=rater,
                sumber=sumber,
                dihapus=True,
                oleh=who,
                waktu=now(),
            )
        )


# ------------------------------------------------------------------ the period's dates


def set_schedule(store: Store, periode: str, dibuka: date, ditutup: date, *, who: str) -> None:
    """Set (or replace) a period's open and close dates, with who and when."""
    who = _who(who)
    if dibuka > ditutup:
        raise TaskError(txt.BAD_SCHEDULE.format(dibuka=_day(dibuka), ditutup=_day(ditutup)))
    values = {"dibuka": dibuka, "ditutup": ditutup, "oleh": who, "waktu": now()}
    with store.transaction() as conn:
        t = schedule_table
        done = conn.execute(t.update().where(t.c.periode == str(periode)).values(**values))
        if not done.rowcount:
            conn.execute(t.insert().values(periode=str(periode), **values))


def schedule_in(conn: Connection, periode: str) -> Schedule | None:
    t = schedule_table
    row = conn.execute(sa.select(t).where(t.c.periode == str(periode))).first()
    return None if row is None else Schedule(str(periode), row.dibuka, row.ditutup)


def schedule(store: Store, periode: str) -> Schedule | None:
    """The period's dates, or None when HR has not set them."""
    with store.engine.connect() as conn:
        return schedule_in(conn, periode)


def tasks_open(store: Store, periode: str, today: date) -> bool:
    """Whether pegawai accounts may fill their tasks of ``periode`` on ``today``.

    Open from the opening date to the closing date inclusive; a period
    without dates is open (HR has set no deadline).
    """
    found = schedule(store, periode)
    return found is None or found.state(today) == "open"


def check_open(found: Schedule | None, periode: str, today: date) -> None:
    if found is None:
        return
    state = found.state(today)
    if state == "closed":
        raise TaskError(txt.PERIOD_CLOSED.format(periode=periode, ditutup=_day(found.ditutup)))
    if state == "not_yet":
        raise TaskError(txt.PERIOD_NOT_OPEN.format(periode=periode, dibuka=_day(found.dibuka)))


def _day(d: date) -> str:
    """A date as people read it (DESIGN §11): ``07-12-2026``."""
    return d.strftime("%d-%m-%Y")
