"""Check a ``penugasan`` sheet (or one task) against the roster, the hierarchy and the
allowed units (DESIGN.md §3 and §10).

Pure functions over frames; :func:`kinerja.tasks.import_tasks` and
:func:`kinerja.tasks.add_task` read the roster rows and call them before
writing.  Every problem is collected (file, Excel row, column, value, what
is expected, in Bahasa Indonesia) and nothing is stored when any exists.

Rules beyond the column checks of :mod:`kinerja.validation` (periode
filled; both NIPs on the roster; ``sumber`` one of ``diri``, ``atasan``,
``rekan``, ``bawahan`` — ``masyarakat`` is never a task; ``diri`` exactly
when the rater is the ratee; one row per (periode, nip_dinilai,
nip_penilai)):

- ``atasan``: the rater is the ratee's ``nip_atasan``;
- ``bawahan``: the ratee is the rater's ``nip_atasan``;
- ``rekan``: neither is the other's direct supervisor (any other colleague
  may be a peer: HR may pick peers across supervisors);
- with ``units`` given (a petugas's units), every ratee is in one of them.

Unlike imported ratings, where a source against the hierarchy is only a
warning (people move during a year), a task is what the hierarchy lets a
person fill in for themself, so a task against it is an error.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.errors import PROBLEM_COLUMNS, DataValidationError
from kinerja.labels import tugas as txt
from kinerja.readers import read_single_table
from kinerja.task_generation import TASK_COLUMNS
from kinerja.validation import validate_table
from kinerja.vocab import Source

#: Roster columns the checks need.
ROSTER_COLUMNS: tuple[str, ...] = ("nip", "nip_atasan", "unit_kerja")


def read_task_sheet(path: str | Path) -> tuple[pd.DataFrame, str]:
    """The ``penugasan`` sheet as text cells and its name for messages.

    A CSV file, or an XLSX workbook's sheet ``penugasan`` (or its only
    sheet); a file that cannot be read raises :class:`DataValidationError`.
    """
    raw = read_single_table(path, txt.TASK_SHEET)
    if raw.problems or txt.TASK_SHEET not in raw.frames:
        raise DataValidationError(pd.DataFrame(raw.problems, columns=list(PROBLEM_COLUMNS)))
    return raw.frames[txt.TASK_SHEET], raw.sources[txt.TASK_SHEET]


def check_tasks(
    frame: pd.DataFrame,
    source: str,
    pegawai: pd.DataFrame,
    *,
    units: Collection[str] | None,
) -> pd.DataFrame:
    """The tasks of ``frame`` normalised, or :class:`DataValidationError` listing every problem.

    Parameters
    ----------
    frame
        Text cells with the ``penugasan`` columns (codes or labels for
        ``sumber``); its index + 2 is the Excel row.
    source
        The file or sheet name used in messages.
    pegawai
        Roster rows with :data:`ROSTER_COLUMNS`, holding at least every NIP
        the frame names (the whole roster, or those rows read by key).
    units
        The units whose ratees may be touched; None: every unit (admin).

    Returns
    -------
    DataFrame
        :data:`kinerja.task_generation.TASK_COLUMNS` as plain text, in the
        frame's row order (index kept).
    """
    roster = pegawai[list(ROSTER_COLUMNS)].astype(object).drop_duplicates("nip")
    roster = roster.assign(nip=roster["nip"].astype(str))
    tasks, problems = validate_table(txt.TASK_SHEET, frame, source, nips=roster["nip"])
    if set(TASK_COLUMNS) <= set(tasks.columns):
        tasks = tasks[list(TASK_COLUMNS)].astype(object)
        problems = pd.concat(
            [
                p
                for p in (
                    problems,
                    _hierarchy(tasks, roster, source),
                    _scope(tasks, roster, source, units),
                )
                if len(p)
            ]
            or [problems],
            ignore_index=True,
        )
    if len(problems):
        raise DataValidationError(_ordered(problems))
    return tasks.where(tasks.notna(), None)


def _problems(
    rows: pd.DataFrame, source: str, column: str, messages: list[str] | str
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "berkas": source,
            "baris": rows.index.to_numpy() + 2,
            "kolom": column,
            "nilai": rows[column].astype(str).to_numpy(),
            "pesan": messages,
            "tingkat": "galat",
        },
        columns=list(PROBLEM_COLUMNS),
    )


def _hierarchy(tasks: pd.DataFrame, roster: pd.DataFrame, source: str) -> pd.DataFrame:
    """Tasks whose source the roster's hierarchy contradicts (both NIPs on the roster)."""
    boss_of = roster.set_index("nip")["nip_atasan"]
    known = tasks["nip_dinilai"].isin(boss_of.index) & tasks["nip_penilai"].isin(boss_of.index)
    t = tasks.loc[known]
    ratee_boss = t["nip_dinilai"].map(boss_of)
    rater_boss = t["nip_penilai"].map(boss_of)
    found = []
    sup = t.loc[(t["sumber"] == Source.SUPERVISOR.value) & (ratee_boss != t["nip_penilai"])]
    found.append(
        _problems(
            sup, source, "nip_penilai", _expected(txt.NOT_THE_SUPERVISOR, ratee_boss[sup.index])
        )
    )
    sub = t.loc[(t["sumber"] == Source.SUBORDINATE.value) & (rater_boss != t["nip_dinilai"])]
    found.append(
        _problems(
            sub, source, "nip_penilai", _expected(txt.NOT_A_SUBORDINATE, rater_boss[sub.index])
        )
    )
    related = (ratee_boss == t["nip_penilai"]) | (rater_boss == t["nip_dinilai"])
    peer = t.loc[(t["sumber"] == Source.PEER.value) & related]
    found.append(_problems(peer, source, "sumber", txt.PEER_IN_HIERARCHY))
    return pd.concat(found, ignore_index=True)


def _expected(template: str, bosses: pd.Series) -> list[str]:
    """The message naming the supervisor the roster lists (or none)."""
    return [
        template.format(
            atasan=txt.LISTED_AS.format(nip=b) if isinstance(b, str) and b else txt.NO_SUPERVISOR
        )
        for b in bosses
    ]


def _scope(
    tasks: pd.DataFrame, roster: pd.DataFrame, source: str, units: Collection[str] | None
) -> pd.DataFrame:
    """Tasks whose ratee (on the roster) is outside the allowed units."""
    if units is None:
        return pd.DataFrame(columns=list(PROBLEM_COLUMNS))
    unit_of = roster.set_index("nip")["unit_kerja"]
    unit = tasks["nip_dinilai"].map(unit_of)
    outside = tasks.loc[unit.notna() & ~unit.isin(list(units))]
    allowed = ", ".join(sorted(units)) or txt.NO_UNITS
    messages = [txt.OUTSIDE_UNITS.format(unit=u, units=allowed) for u in unit[outside.index]]
    return _problems(outside, source, "nip_dinilai", messages)


def _ordered(problems: pd.DataFrame) -> pd.DataFrame:
    key = pd.to_numeric(problems["baris"], errors="coerce").fillna(0).to_numpy()
    order = np.lexsort((problems["kolom"].astype(str).to_numpy(), key))
    return problems.iloc[order].reset_index(drop=True)
