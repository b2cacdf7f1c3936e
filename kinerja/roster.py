"""The roster read by key: units, people, a rater's or a unit's circle (DESIGN.md §7).

The Formulir never loads the whole roster: it finds people by search
(:func:`kinerja.results.search_employees`), lists the units
(:func:`units`), reads the few people around one rater
(:func:`rater_circle`) or one unit (:func:`unit_circle`), and the ratings of
one unit's ratees (:func:`unit_ratings`).  Each is a handful of queries on
``pegawai.nip`` (the key), ``pegawai.nip_atasan`` and ``pegawai.unit_kerja``
(indexed), never a read of every employee or every rating of a period.

The circles are exact: :func:`kinerja.entry.rating_targets` and
:func:`kinerja.entry.completion` give on them the same rows as on the whole
roster (tests/test_roster.py proves it on the sample data).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import sqlalchemy as sa

from kinerja import reference, results
from kinerja.store import (
    Store,
    kompetensi_table,
    pegawai_table,
    standar_table,
)

#: Roster columns the form reads (the ``pegawai`` table's).
PEGAWAI_COLUMNS: tuple[str, ...] = tuple(c.name for c in pegawai_table.columns)

#: Rating columns :func:`unit_ratings` returns (what the completion monitor counts).
UNIT_RATING_COLUMNS: tuple[str, ...] = (
    "periode",
    "nip_dinilai",
    "nip_penilai",
    "sumber",
    "kompetensi_kode",
)


def _people(store: Store, where: sa.ColumnElement[bool]) -> pd.DataFrame:
    t = pegawai_table
    stmt = sa.select(*[t.c[c] for c in PEGAWAI_COLUMNS]).where(where).order_by(t.c.nip)
    with store.engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    return frame.astype(object).where(frame.notna(), None)


def units(store: Store) -> list[str]:
    """The distinct units of the roster, by name (one query on the unit index)."""
    t = pegawai_table
    stmt = sa.select(t.c.unit_kerja).distinct().order_by(t.c.unit_kerja)
    with store.engine.connect() as conn:
        return [str(u) for u in conn.scalars(stmt) if u is not None]


def employees(store: Store, nips: Iterable[str]) -> pd.DataFrame:
    """The roster rows of the given NIPs (by key); unknown NIPs give no row."""
    wanted = sorted({str(n) for n in nips if n})
    if not wanted:
        return pd.DataFrame(columns=list(PEGAWAI_COLUMNS))
    return _people(store, pegawai_table.c.nip.in_(wanted))


def _union(frames: list[pd.DataFrame]) -> pd.DataFrame:
    out = pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)
    return out.drop_duplicates("nip", ignore_index=True)


def rater_circle(store: Store, nip: str) -> pd.DataFrame:
    """The rater and everyone the hierarchy lets them rate, with what that needs.

    The rater, their supervisor, their direct subordinates and their unit's
    colleagues of the same level (same ``jenis_jabatan``; without one, the
    same supervisor): :func:`kinerja.entry.rating_targets` on these rows
    equals it on the whole roster.  Empty when the NIP is unknown.  One
    query per relation (an OR of them would keep SQLite off the indexes).
    """
    t = pegawai_table
    me = employees(store, [nip])
    if not len(me):
        return me
    row = me.iloc[0]
    boss, unit, level = row["nip_atasan"], row["unit_kerja"], row["jenis_jabatan"]
    in_unit = t.c.unit_kerja == unit
    if level is not None and str(level) != "":
        peers = sa.and_(in_unit, t.c.jenis_jabatan == level)
    elif boss is not None:
        no_level = sa.or_(t.c.jenis_jabatan.is_(None), t.c.jenis_jabatan == "")
        peers = sa.and_(in_unit, t.c.nip_atasan == boss, no_level)
    else:
        peers = sa.false()
    return _union(
        [
            me,
            employees(store, [] if boss is None else [boss]),
            _people(store, t.c.nip_atasan == nip),
            _people(store, peers),
        ]
    )


def unit_circle(store: Store, unit: str) -> pd.DataFrame:
    """A unit's employees, their supervisors and their direct subordinates.

    Every expected rating of a ratee in the unit has its rater among these
    rows, so :func:`kinerja.entry.completion` with ``unit_kerja=unit`` on
    them equals it on the whole roster.
    """
    t = pegawai_table
    members = _people(store, t.c.unit_kerja == unit)
    bosses = employees(store, members["nip_atasan"].dropna())
    below = _people(store, t.c.nip_atasan.in_(list(members["nip"])))
    return _union([members, bosses, below]).sort_values("nip", ignore_index=True)


def unit_ratings(store: Store, periode: str, unit: str) -> pd.DataFrame:
    """The ratings in force of a period whose ratee is in ``unit`` (withdrawn ones left out).

    :func:`kinerja.results.ratings_of_unit` (one indexed semi-join) as plain
    objects.  Columns: :data:`UNIT_RATING_COLUMNS`.
    """
    frame = results.ratings_of_unit(store, periode, unit)
    return frame[list(UNIT_RATING_COLUMNS)].astype(object).reset_index(drop=True)


def reference_tables(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The job standards and the competency dictionary (stored rows over packaged ones).

    Small tables (jobs x competencies; the dictionary), read whole; the same
    values as :meth:`kinerja.store.Store.dataset` gives.
    """
    with store.engine.connect() as conn:
        standar = pd.read_sql(sa.select(standar_table), conn)
        stored = pd.read_sql(sa.select(kompetensi_table), conn)
    packaged = reference.competencies()
    stored = stored.assign(definisi=stored["definisi"].fillna(""))
    kompetensi = pd.concat(
        [packaged[~packaged["kode"].isin(stored["kode"])], stored], ignore_index=True
    ).sort_values("kode", kind="stable", ignore_index=True)
    standar = standar.assign(level=standar["level"].astype(int))
    return standar, kompetensi


def unit_roster(store: Store, unit: str) -> pd.DataFrame:
    """The roster rows of one unit (``nip, nama, jabatan, jenis_jabatan``), by NIP."""
    t = pegawai_table
    stmt = (
        sa.select(t.c.nip, t.c.nama, t.c.jabatan, t.c.jenis_jabatan)
        .where(t.c.unit_kerja == unit)
        .order_by(t.c.nip)
    )
    with store.engine.connect() as conn:
        return pd.read_sql(stmt, conn)


def employee_names(store: Store, nips: Sequence[str]) -> pd.Series:
    """``nama`` by NIP of the given employees (those not on the roster left out)."""
    t = pegawai_table
    wanted = sorted({str(n) for n in nips})
    stmt = sa.select(t.c.nip, t.c.nama).where(t.c.nip.in_(wanted))
    with store.engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    return frame.set_index("nip")["nama"]


def level_names(store: Store) -> list[str]:
    """The jabatan levels (``jenis_jabatan``) of the roster, sorted."""
    t = pegawai_table
    stmt = sa.select(t.c.jenis_jabatan).distinct()
    with store.engine.connect() as conn:
        return sorted(str(v) for v in conn.execute(stmt).scalars() if v is not None)


#: Deepest chain of supervisors the hierarchy walks follow (a guard against a cycle).
MAX_DEPTH = 64


def team_query(root: str) -> sa.Select[tuple[str]]:
    """A query of the NIPs of ``root`` and everyone below them (direct or indirect).

    A recursive walk down ``pegawai.nip_atasan`` (indexed), for use inside
    another query (the scope of a ``pegawai`` account's search).
    """
    t = pegawai_table
    depth = sa.literal(0).label("depth")
    team = sa.select(t.c.nip, depth).where(t.c.nip == str(root)).cte("tim", recursive=True)
    below = (
        sa.select(t.c.nip, (team.c.depth + 1).label("depth"))
        .select_from(t.join(team, t.c.nip_atasan == team.c.nip))
        .where(team.c.depth < MAX_DEPTH)
    )
    team = team.union_all(below)
    return sa.select(team.c.nip).distinct()


def is_in_team(store: Store, root: str, nip: str) -> bool:
    """True when ``nip`` is ``root`` or below them in the hierarchy (direct or indirect).

    Walks up from ``nip`` through ``nip_atasan`` by key (one recursive
    query, a handful of rows), never reading the roster.
    """
    if str(nip) == str(root):
        return employees(store, [nip]).shape[0] > 0
    t = pegawai_table
    depth = sa.literal(0).label("depth")
    chain = (
        sa.select(t.c.nip, t.c.nip_atasan, depth)
        .where(t.c.nip == str(nip))
        .cte("naik", recursive=True)
    )
    above = (
        sa.select(t.c.nip, t.c.nip_atasan, (chain.c.depth + 1).label("depth"))
        .select_from(t.join(chain, t.c.nip == chain.c.nip_atasan))
        .where(chain.c.depth < MAX_DEPTH)
    )
    chain = chain.union_all(above)
    stmt = sa.select(chain.c.nip).where(chain.c.nip == str(root)).limit(1)
    with store.engine.connect() as conn:
        return conn.execute(stmt).first() is not None


def unit_of(store: Store, nip: str) -> str | None:
    """The unit of one employee (by key); None when the NIP is not on the roster."""
    t = pegawai_table
    with store.engine.connect() as conn:
        unit = conn.execute(sa.select(t.c.unit_kerja).where(t.c.nip == str(nip))).scalar()
    return None if unit is None else str(unit)


__all__ = [
    "PEGAWAI_COLUMNS",
    "UNIT_RATING_COLUMNS",
    "employee_names",
    "employees",
    "is_in_team",
    "level_names",
    "rater_circle",
    "team_query",
    "reference_tables",
    "unit_circle",
    "unit_of",
    "unit_ratings",
    "unit_roster",
    "units",
]
