"""Reads by key for the Profil app (DESIGN.md §7): one employee, one unit, never a period.

Every function here reads a few rows through an indexed query (or a small
reference table: units, the training catalogue), so opening a profile costs
the same on the sample store as on a province.  They are the per-employee and
per-unit reads the accounts' scoping will wrap.

- :func:`profile_periods` fills the app's period chooser (units: :func:`kinerja.roster.units`);
- :func:`roster_entry` and :func:`unit_nips` find people;
- :func:`employee_scores` scores one employee from their one-ratee data set
  (:func:`kinerja.pipeline.score_employees`, with their adjustments), which
  gives the same rows as scoring the whole period;
- :func:`summary_history` and :func:`competency_history` collect the stored
  summary and competency rows of the employee's periods (their history).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from kinerja import results
from kinerja.config import Policy
from kinerja.dataset import Dataset
from kinerja.pipeline import EmployeeScores, score_employees
from kinerja.store import Store, pegawai_table, pelatihan_table


@dataclass(frozen=True)
class RosterEntry:
    """One employee as the roster holds them."""

    nip: str
    nama: str
    unit_kerja: str


def profile_periods(store: Store) -> list[str]:
    """The periods with stored results, oldest first.

    A store without stored results (nothing imported yet) falls back to
    :meth:`kinerja.store.Store.periods`, which is then cheap.
    """
    s = results.status_table
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(s.c.periode).order_by(s.c.periode)).scalars().all()
    return [str(p) for p in stored] or store.periods()


def roster_entry(store: Store, nip: str) -> RosterEntry | None:
    """The roster row of one NIP (by primary key); None when nobody has it."""
    t = pegawai_table
    stmt = sa.select(t.c.nip, t.c.nama, t.c.unit_kerja).where(t.c.nip == str(nip))
    with store.engine.connect() as conn:
        row = conn.execute(stmt).first()
    return None if row is None else RosterEntry(str(row[0]), str(row[1]), str(row[2]))


def unit_nips(store: Store, unit: str) -> list[str]:
    """The NIPs of one unit's roster, by name then NIP (the unit PDF's order)."""
    t = pegawai_table
    stmt = sa.select(t.c.nip).where(t.c.unit_kerja == unit).order_by(t.c.nama, t.c.nip)
    with store.engine.connect() as conn:
        return [str(n) for n in conn.execute(stmt).scalars().all()]


def training_catalogue(store: Store) -> pd.DataFrame:
    """The training catalogue (a reference table, independent of the roster's size)."""
    with store.engine.connect() as conn:
        frame = pd.read_sql(sa.select(pelatihan_table), conn)
    text = [c for c in frame.columns if c != "jp"]
    return frame.assign(
        **{c: frame[c].astype(object).where(frame[c].notna(), np.nan) for c in text},
        jp=frame["jp"].astype(float),
    )


def ratee_dataset(store: Store, periode: str, nip: str) -> Dataset:
    """The one-ratee data set of ``nip`` in ``periode``, with the training catalogue.

    Roster row, every rating of them in force, their work result, the
    standard of their jabatan, their unit and the dictionary, as
    :class:`kinerja.store.Store` reads them for re-scoring one ratee.
    """
    ds = store.dataset(str(periode), nip=str(nip))
    return Dataset(
        pegawai=ds.pegawai,
        standar=ds.standar,
        penilaian=ds.penilaian,
        hasil_kerja=ds.hasil_kerja,
        unit_kerja=ds.unit_kerja,
        kompetensi=ds.kompetensi,
        pelatihan=training_catalogue(store),
    )


def employee_scores(
    store: Store, periode: str, nip: str, *, policy: Policy | None = None
) -> tuple[Dataset, EmployeeScores]:
    """One employee's data set and scores of a period, calibrated with their adjustments.

    Equal to that employee's rows of :func:`kinerja.pipeline.score_dataset`
    on the whole period with the period's adjustment log.
    """
    ds = ratee_dataset(store, periode, nip)
    adjustments = store.adjustments(str(periode), nip=str(nip))
    scores = score_employees(ds, str(periode), policy=policy, adjustments=adjustments)
    return ds, scores


def summary_history(store: Store, nip: str, periods: list[str]) -> pd.DataFrame:
    """One employee's stored summary row in each of ``periods``, oldest first.

    One query per period on the summary's key (a lookup by NIP alone would
    scan every period's summary); periods without a row are left out.
    Columns: :data:`kinerja.results.STORED_SUMMARY_COLUMNS`.
    """
    frames = [results.employee_summary(store, p, nip) for p in sorted(periods)]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=list(results.STORED_SUMMARY_COLUMNS))
    return pd.concat(frames, ignore_index=True)


def competency_history(store: Store, nip: str, periods: list[str]) -> pd.DataFrame:
    """The stored competency rows of one employee in each of ``periods`` (one query each).

    Columns: ``periode`` and those of ``skor_kompetensi``; periods without
    rows are left out.
    """
    frames = [results.employee_competencies(store, p, nip).assign(periode=str(p)) for p in periods]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=["periode", "kompetensi_kode", "skor", "standar"])
    return pd.concat(frames, ignore_index=True)


__all__ = [
    "RosterEntry",
    "competency_history",
    "employee_scores",
    "profile_periods",
    "ratee_dataset",
    "roster_entry",
    "summary_history",
    "training_catalogue",
    "unit_nips",
]
