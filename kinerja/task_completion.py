"""Completion counted by rating tasks (DESIGN.md §10): which tasks are done, who still
has open ones, and the reminder list HR downloads.

A task (periode, nip_dinilai, nip_penilai, sumber) is **done** when the
rater has a rating in force for that ratee in that period, under the task's
source, on every competency the ratee is rated on (the job standard's
managerial, socio-cultural and technical competencies and B.01–B.07: what
:func:`kinerja.entry.competencies_to_rate` lists and the form shows).  It
is **partly done** (``sebagian``) with some of them, **open** (``belum``)
with none.  Ratings under another source do not count for the task.

The figures are counts per task and per rater, never scores: the reminder
list says who has open tasks, not what anyone answered.
"""

from __future__ import annotations

import io
from typing import Literal

import numpy as np
import pandas as pd

from kinerja import roster
from kinerja.csvwrite import csv_bytes
from kinerja.excel import write_frames
from kinerja.labels import tugas as txt
from kinerja.store import Store
from kinerja.task_generation import TASK_COLUMNS
from kinerja.task_store import unit_tasks
from kinerja.vocab import BERAKHLAK_CODES, STANDARD_TYPES

#: Columns of :func:`task_status`.
STATUS_COLUMNS: tuple[str, ...] = (*TASK_COLUMNS, "n_diharapkan", "n_terisi", "status")

#: Columns of :func:`rater_summary`.
RATER_COLUMNS: tuple[str, ...] = (
    "unit_kerja",
    "nip_penilai",
    "nama_penilai",
    "n_tugas",
    "n_selesai",
    "n_terbuka",
)


def expected_competencies(
    people: pd.DataFrame, standar: pd.DataFrame, kompetensi: pd.DataFrame
) -> pd.DataFrame:
    """``nip_dinilai, kompetensi_kode``: what each employee of ``people`` is rated on."""
    jenis = kompetensi.set_index("kode")["jenis"]
    std = standar.loc[standar["kompetensi_kode"].map(jenis).isin([t.value for t in STANDARD_TYPES])]
    jobs = people[["nip", "jabatan"]].rename(columns={"nip": "nip_dinilai"})
    own = jobs.merge(std[["jabatan", "kompetensi_kode"]], on="jabatan", validate="many_to_many")
    beh = jobs.merge(pd.DataFrame({"kompetensi_kode": list(BERAKHLAK_CODES)}), how="cross")
    out = pd.concat([own, beh], ignore_index=True)[["nip_dinilai", "kompetensi_kode"]]
    return out.drop_duplicates(ignore_index=True)


def task_status(tasks: pd.DataFrame, ratings: pd.DataFrame, expected: pd.DataFrame) -> pd.DataFrame:
    """Each task with how much of it is filled.

    Parameters
    ----------
    tasks
        Tasks in force (:data:`~kinerja.task_generation.TASK_COLUMNS`).
    ratings
        Ratings in force of the period (``nip_dinilai, nip_penilai, sumber,
        kompetensi_kode``).
    expected
        ``nip_dinilai, kompetensi_kode`` (:func:`expected_competencies`).

    Returns
    -------
    DataFrame
        :data:`STATUS_COLUMNS`: ``n_diharapkan`` competencies of the ratee,
        ``n_terisi`` of them rated by the rater under the task's source,
        ``status`` ``selesai`` (all), ``sebagian`` (some) or ``belum``.
    """
    t = tasks[list(TASK_COLUMNS)].astype(object).reset_index(drop=True)
    need = expected.astype(object).drop_duplicates()
    per_ratee = need.groupby("nip_dinilai").size()
    keys = ["nip_dinilai", "nip_penilai", "sumber"]
    r = ratings[[*keys, "kompetensi_kode"]].astype(str).drop_duplicates()
    r = r.merge(need.astype(str), on=["nip_dinilai", "kompetensi_kode"], validate="many_to_one")
    filled = r.groupby(keys).size().rename("n_terisi").reset_index()
    out = t.merge(filled.astype({"n_terisi": int}), on=keys, how="left", validate="one_to_one")
    n_need = out["nip_dinilai"].map(per_ratee).fillna(0).astype(int)
    n_done = out["n_terisi"].fillna(0).astype(int)
    status = np.select(
        [(n_done >= n_need) & (n_need > 0), n_done > 0], ["selesai", "sebagian"], "belum"
    )
    return out.assign(n_diharapkan=n_need, n_terisi=n_done, status=status)[list(STATUS_COLUMNS)]


def rater_summary(status: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Per rater: tasks, done and open (``sebagian`` counts as open), with name and unit.

    ``people`` holds the raters' roster rows (``nip, nama, unit_kerja``).
    Returns :data:`RATER_COLUMNS`, most open tasks first, then by unit and name.
    """
    done = status["status"].eq("selesai")
    g = status.assign(_done=done).groupby("nip_penilai")["_done"]
    out = pd.DataFrame({"n_tugas": g.size(), "n_selesai": g.sum().astype(int)}).reset_index()
    out = out.assign(n_terbuka=out["n_tugas"] - out["n_selesai"])
    info = people.drop_duplicates("nip").set_index("nip")
    out = out.assign(
        nama_penilai=out["nip_penilai"].map(info["nama"]),
        unit_kerja=out["nip_penilai"].map(info["unit_kerja"]),
    )
    out = out.sort_values(
        ["n_terbuka", "unit_kerja", "nama_penilai"],
        ascending=[False, True, True],
        ignore_index=True,
    )
    return out[list(RATER_COLUMNS)]


def unit_completion(store: Store, periode: str, unit: str) -> pd.DataFrame:
    """:func:`task_status` of the tasks whose ratee is in ``unit`` (that unit's rows only)."""
    tasks = unit_tasks(store, periode, unit)
    standar, kompetensi = roster.reference_tables(store)
    people = roster.employees(store, tasks["nip_dinilai"].unique())
    ratings = roster.unit_ratings(store, periode, unit)
    return task_status(tasks, ratings, expected_competencies(people, standar, kompetensi))


def unit_reminders(store: Store, periode: str, unit: str) -> pd.DataFrame:
    """The raters with open tasks towards ratees of ``unit`` (:func:`rater_summary` rows
    with ``n_terbuka`` > 0)."""
    status = unit_completion(store, periode, unit)
    people = roster.employees(store, status["nip_penilai"].unique())
    summary = rater_summary(status, people)
    return summary.loc[summary["n_terbuka"] > 0].reset_index(drop=True)


def reminder_file(reminders: pd.DataFrame, kind: Literal["csv", "xlsx"]) -> bytes:
    """The reminder list for people (Indonesian headers) as CSV or XLSX, formula-safe."""
    labels = txt.REMINDER_COLUMNS
    shown = reminders[list(labels)].rename(columns=labels)
    if kind == "csv":
        return csv_bytes(shown)
    buf = io.BytesIO()
    write_frames({txt.REMINDER_SHEET: shown}, buf)
    return buf.getvalue()
