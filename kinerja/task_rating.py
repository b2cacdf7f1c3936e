"""Saving a rating through a task (DESIGN.md §10): a pegawai account rates only whom
its tasks name, while the period is open, under the task's source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kinerja import roster
from kinerja.accounts import Account, accounts_table
from kinerja.entry import competencies_to_rate
from kinerja.errors import TaskError
from kinerja.labels import tugas as txt
from kinerja.store import SaveResult, Store
from kinerja.task_store import check_open, schedule_in, task_source, today_wib


def ratee_competencies(store: Store, nip: str) -> pd.DataFrame:
    """What a ratee is rated on (the job standard, then B.01–B.07), read by key.

    :func:`kinerja.entry.competencies_to_rate` on the ratee's roster row.
    """
    standar, kompetensi = roster.reference_tables(store)
    return competencies_to_rate(roster.employees(store, [nip]), standar, kompetensi, str(nip))


def _task_guard(
    account: Account, periode: str, ratee: str, today: date
) -> Callable[[Connection], None]:
    """The re-check run inside the save's write transaction: the account still an active
    ``pegawai`` account of the same NIP, the task in force, the period open."""

    def guard(conn: Connection) -> None:
        row = conn.execute(
            sa.select(
                accounts_table.c.peran, accounts_table.c.nip, accounts_table.c.nonaktif
            ).where(accounts_table.c.username == account.username)
        ).first()
        if row is None or row.nonaktif or row.peran != "pegawai" or row.nip != account.nip:
            raise TaskError(txt.NOT_A_PEGAWAI)
        check_open(schedule_in(conn, periode), periode, today)
        if task_source(conn, periode, ratee, str(account.nip)) is None:
            raise TaskError(txt.NOT_YOUR_TASK.format(periode=periode))

    return guard


def save_task_rating(
    store: Store,
    account: Account,
    periode: str,
    nip_dinilai: str,
    scores: Mapping[str, int | None],
    *,
    catatan: str | None = None,
    today: date | None = None,
) -> SaveResult:
    """Save a pegawai account's rating of one ratee through their task.

    The account must be an active ``pegawai`` account with a NIP; the task
    (periode, ``nip_dinilai``, the account's NIP) must be in force and the
    period open on ``today`` (WIB by default) — both re-checked inside the
    write transaction.  The source comes from the task, never from the
    caller; scores are for the ratee's competencies only (a code with
    ``None`` withdraws a stored score).  Stored by
    :meth:`~kinerja.store.Store.save_ratings` with ``who`` the username.

    Raises
    ------
    TaskError
        Not a pegawai account, not the account's task, the period closed,
        an unknown competency or no score.
    kinerja.errors.DataValidationError
        A score the import rules refuse (not 1–5), or the rater's stored
        ratings of this ratee carry another source.
    """
    if account.role != "pegawai" or not account.nip or account.disabled:
        raise TaskError(txt.NOT_A_PEGAWAI)
    periode, ratee, rater = str(periode), str(nip_dinilai), str(account.nip)
    today = today or today_wib()
    with store.engine.connect() as conn:  # a clear refusal before anything is read
        check_open(schedule_in(conn, periode), periode, today)
        sumber = task_source(conn, periode, ratee, rater)
    if sumber is None:
        raise TaskError(txt.NOT_YOUR_TASK.format(periode=periode))
    allowed = set(ratee_competencies(store, ratee)["kompetensi_kode"])
    unknown = sorted(set(scores) - allowed)
    if unknown:
        raise TaskError(txt.UNKNOWN_CODES.format(codes=", ".join(unknown)))
    filled = {k: v for k, v in scores.items() if v is not None}
    stored = store.ratings(periode, nip_dinilai=ratee, nip_penilai=rater)
    cleared = sorted(set(stored["kompetensi_kode"]) & {k for k, v in scores.items() if v is None})
    if not filled:  # as in the HR form: a save carries at least one score
        raise TaskError(txt.NO_SCORE)
    note = (catatan or "").strip() or None
    frame = pd.DataFrame(
        [
            {
                "periode": periode,
                "nip_dinilai": ratee,
                "nip_penilai": rater,
                "sumber": sumber,
                "kompetensi_kode": k,
                "skor": v,
                "catatan": note,
            }
            for k, v in sorted(filled.items())
        ],
        columns=[
            "periode",
            "nip_dinilai",
            "nip_penilai",
            "sumber",
            "kompetensi_kode",
            "skor",
            "catatan",
        ],
    )
    return store.save_ratings(
        frame,
        who=account.username,
        withdraw=cleared,
        guard=_task_guard(account, periode, ratee, today),
    )
