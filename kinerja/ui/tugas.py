""" "Penilaian saya": a pegawai account fills its own rating tasks (DESIGN.md §10).

A self-contained view for Formulir: the anonymity promise first, the list of
the account's open and finished tasks (``kinerja-tugas``), a ratee list
holding only those tasks (``kinerja-ratee``), the rating form of the chosen
ratee (standard competencies and BerAKHLAK with level titles and behaviour
indicators, as in the HR form) and a save button (``kinerja-save``).

The view never decides what the account may do: every read of a ratee
re-checks the account's tasks in the store, and every save goes through
:func:`kinerja.task_rating.save_task_rating`, which re-checks task, period
and source inside the write transaction.  Nobody outside the account's
tasks is read or shown, whatever value the ratee list is given.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date
from typing import Any, cast

import ipywidgets as w
import pandas as pd

from kinerja import roster
from kinerja.accounts import Account
from kinerja.config import Policy
from kinerja.errors import DataValidationError, KinerjaError
from kinerja.labels import tugas as txt
from kinerja.labels.formulir import HEAD_SCORES, PROBLEM_COLUMNS
from kinerja.store import Store
from kinerja.task_completion import expected_competencies, task_status
from kinerja.task_rating import ratee_competencies, save_task_rating
from kinerja.task_store import schedule, tasks_in_force, today_wib
from kinerja.ui.common import guarded, html_table, message, now_wib
from kinerja.ui.rating_form import ReferenceData, score_rows
from kinerja.vocab import ANONYMOUS_SOURCES, Source

_ORDER = {"belum": 0, "sebagian": 1, "selesai": 2}


class TugasView(w.VBox):
    """The account's rating tasks of one period, and the form to fill them.

    Parameters
    ----------
    store
        The appraisal store.
    account
        The signed-in account (a ``pegawai`` account with a NIP; any other
        shows a refusal and nothing else).
    periode
        The period of the tasks.
    today
        The day that decides whether the period is open (WIB today by default).
    """

    def __init__(
        self,
        store: Store,
        account: Account,
        periode: str,
        *,
        today: date | None = None,
        policy: Policy | None = None,
    ):
        self.store = store
        self.account = account
        self.periode = str(periode)
        self.today = today or today_wib()
        self.k = (policy or Policy()).anonymity_k
        self.status = w.HTML().add_class("kinerja-status")
        self.promise = w.HTML(message(txt.PROMISE.format(k=self.k), "info")).add_class(
            "kinerja-janji"
        )
        self.schedule_note = w.HTML().add_class("kinerja-jadwal")
        self.tasks_list = w.HTML().add_class("kinerja-tugas")
        self.ratee = w.Dropdown(description=txt.RATEE, layout=w.Layout(width="620px"))
        self.ratee.add_class("kinerja-ratee")
        self.role_note = w.HTML().add_class("kinerja-peran")
        self.scores_box = w.VBox().add_class("kinerja-scores")
        self.score_inputs: dict[str, w.Dropdown] = {}
        self.comment = w.Textarea(
            description=txt.COMMENT, layout=w.Layout(width="620px", height="60px")
        )
        self.comment.add_class("kinerja-catatan")
        self.save = w.Button(description=txt.SAVE, button_style="primary", icon="save")
        self.save.add_class("kinerja-save")
        #: The account's tasks in force with their status (read from the store).
        self.tasks = pd.DataFrame(columns=["nip_dinilai", "sumber", "nama", "status"])
        super().__init__()
        self.add_class("kinerja-penilaian-saya")
        if account.role != "pegawai" or not account.nip or account.disabled:
            self.status.value = message(txt.REFUSED, "error")
            self.children = [w.HTML(txt.TITLE), self.status]
            return
        self.ref = ReferenceData(store)
        self.children = [
            w.HTML(txt.TITLE),
            self.promise,
            self.schedule_note,
            self.tasks_list,
            self.ratee,
            self.role_note,
            w.HTML(HEAD_SCORES),
            self.scores_box,
            self.comment,
            self.save,
            self.status,
        ]
        on = guarded(self.status)
        self.ratee.observe(on(self._ratee_changed), names="value")
        self.save.on_click(on(self._on_save))
        self.refresh()

    # ------------------------------------------------------------ the tasks

    def _own_tasks(self) -> pd.DataFrame:
        """The account's tasks in force, with the ratee's name and the task's status."""
        nip = str(self.account.nip)
        tasks = tasks_in_force(self.store, self.periode, nip_penilai=nip)
        people = roster.employees(self.store, tasks["nip_dinilai"])
        ratings = self.store.ratings(self.periode, nip_penilai=nip)
        ratings = (
            ratings
            if len(ratings)
            else pd.DataFrame(columns=["nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode"])
        )
        need = expected_competencies(people, self.ref.standar, self.ref.kompetensi)
        status = task_status(tasks, ratings, need)
        names = people.set_index("nip")["nama"]
        status = status.assign(
            nama=status["nip_dinilai"].map(names),
            _o=status["status"].map(_ORDER),
            _self=status["sumber"].ne(Source.SELF.value),
        )
        return status.sort_values(["_o", "_self", "nama"], ignore_index=True).drop(
            columns=["_o", "_self"]
        )

    def refresh(self) -> None:
        """Re-read the account's tasks and the period's dates; keep the chosen ratee."""
        self.tasks = self._own_tasks()
        self._show_schedule()
        self._show_tasks()
        options = [
            (txt.RATEE_OPTION.format(nama=r.nama, peran=txt.ROLE[r.sumber]), r.nip_dinilai)
            for r in cast(Iterable[Any], self.tasks.itertuples())
        ]
        current = self.ratee.value
        self.ratee.options = options
        values = [v for _, v in options]
        self.ratee.value = current if current in values else (values[0] if values else None)

    def _show_schedule(self) -> None:
        found = schedule(self.store, self.periode)
        state = "open" if found is None else found.state(self.today)
        self.is_open = state == "open"
        if found is None:
            self.schedule_note.value = ""
        else:
            day = {
                "dibuka": found.dibuka.strftime("%d-%m-%Y"),
                "ditutup": found.ditutup.strftime("%d-%m-%Y"),
            }
            text = {
                "open": txt.SCHEDULE_OPEN,
                "closed": txt.SCHEDULE_CLOSED,
                "not_yet": txt.SCHEDULE_NOT_YET,
            }
            kind = "info" if self.is_open else "warning"
            self.schedule_note.value = message(text[state].format(**day), kind)
        self.save.disabled = not self.is_open
        self.comment.disabled = not self.is_open

    def _show_tasks(self) -> None:
        if not len(self.tasks):
            self.tasks_list.value = txt.NO_TASKS.format(periode=html.escape(self.periode))
            return
        done = int(self.tasks["status"].eq("selesai").sum())
        items = "".join(
            f"<li class='kinerja-tugas-{r.status}' data-status='{r.status}'>"
            + html.escape(
                txt.TASK_ITEM.format(
                    nama=r.nama, peran=txt.ROLE[r.sumber], status=txt.STATUS[r.status]
                )
            )
            + "</li>"
            for r in cast(Iterable[Any], self.tasks.itertuples())
        )
        head = txt.HEAD_TASKS.format(
            periode=html.escape(self.periode), selesai=done, n=len(self.tasks)
        )
        self.tasks_list.value = f"{head}<ul>{items}</ul>"

    def _task_of(self, nip: object) -> str | None:
        """The source of the account's task in force towards ``nip`` (read now), or None."""
        if not isinstance(nip, str) or not nip:
            return None
        found = tasks_in_force(
            self.store, self.periode, nip_penilai=str(self.account.nip), nip_dinilai=nip
        )
        return None if not len(found) else str(found["sumber"].iloc[0])

    # ------------------------------------------------------------ the form

    def _clear_form(self) -> None:
        self.scores_box.children = []
        self.score_inputs = {}
        self.comment.value = ""
        self.role_note.value = ""

    def _ratee_changed(self, *_: Any) -> None:
        self.status.value = ""
        self._clear_form()
        nip = self.ratee.value
        if nip is None:
            return
        sumber = self._task_of(nip)
        if sumber is None:  # a value from outside the list: nothing of that person is read
            self.status.value = message(
                txt.NOT_YOUR_TASK.format(periode=html.escape(self.periode)), "error"
            )
            return
        row = self.tasks.loc[self.tasks["nip_dinilai"] == nip]
        nama = str(row["nama"].iloc[0]) if len(row) else ""
        if Source(sumber) in ANONYMOUS_SOURCES:
            self.role_note.value = message(
                html.escape(txt.PROMISE_HERE.format(nama=nama, k=self.k)), "info"
            )
        rows, inputs = score_rows(
            ratee_competencies(self.store, nip), self.ref, disabled=not self.is_open
        )
        self.score_inputs = inputs
        self.scores_box.children = rows
        self._load_own(nip)

    def _load_own(self, nip: str) -> None:
        """The account's own stored answers for this ratee (never anyone else's)."""
        mine = self.store.ratings(self.periode, nip_dinilai=nip, nip_penilai=str(self.account.nip))
        r: Any
        for r in mine.itertuples():
            box = self.score_inputs.get(r.kompetensi_kode)
            if box is not None and pd.notna(r.skor):
                box.value = int(r.skor)
        notes = mine["catatan"].dropna() if len(mine) else pd.Series(dtype=object)
        self.comment.value = str(notes.iloc[-1]) if len(notes) else ""

    def _on_save(self, *_: Any) -> None:
        scores = {k: box.value for k, box in self.score_inputs.items()}
        self.save.disabled = True
        try:
            saved = save_task_rating(
                self.store,
                self.account,
                self.periode,
                self.ratee.value,
                scores,
                catatan=self.comment.value,
                today=self.today,
            )
        except DataValidationError as err:
            self.status.value = message(
                html.escape(txt.NOT_SAVED.format(reason="")), "error"
            ) + html_table(err.problems[list(PROBLEM_COLUMNS)], labels=PROBLEM_COLUMNS)
            return
        except KinerjaError as err:
            self.status.value = message(html.escape(txt.NOT_SAVED.format(reason=err)), "error")
            return
        finally:
            self.save.disabled = not self.is_open
        if saved.n_total == 0:
            self.status.value = message(txt.NOTHING_CHANGED, "info")
        else:
            stamp = now_wib().strftime(txt.SAVED_STAMP)
            self.status.value = message(
                txt.SAVED.format(n=saved.n_penilaian_baru, stamp=stamp), "ok"
            )
        keep = self.status.value
        self.refresh()
        self.status.value = keep
