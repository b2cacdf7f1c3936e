"""HR's monitor of rating tasks (DESIGN.md §10): per unit, how many tasks are done and
which raters still have open ones, with the reminder list as CSV or Excel.

Only counts per rater are shown and downloaded, never scores or who rated whom.
The units offered are the caller's (a petugas's units; None: every unit), and a unit
set from outside that list is refused before anything is read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from typing import Any

import ipywidgets as w
import pandas as pd

from kinerja import roster
from kinerja.labels import tugas as txt
from kinerja.store import Store
from kinerja.task_completion import rater_summary, reminder_file, unit_completion
from kinerja.ui.common import XLSX_MIME, download_link, guarded, html_table, message


class TugasMonitor(w.VBox):
    """Completion by tasks for one unit and the downloadable reminder list.

    Parameters
    ----------
    store
        The appraisal store.
    periode
        The period of the tasks.
    units
        The units the viewer may see (a petugas's); None: every unit (admin).
    """

    def __init__(self, store: Store, periode: str, *, units: Collection[str] | None):
        self.store = store
        self.periode = str(periode)
        self.allowed = None if units is None else set(units)
        choices = roster.units(store) if units is None else sorted(set(units))
        self.status = w.HTML().add_class("kinerja-status")
        self.unit = w.Dropdown(options=choices, description=txt.MONITOR_UNIT)
        self.unit.add_class("kinerja-unit")
        self.refresh_button = w.Button(description=txt.MONITOR_REFRESH, icon="refresh")
        self.summary = w.HTML().add_class("kinerja-tugas-ringkas")
        self.table = w.HTML().add_class("kinerja-tugas-pengingat")
        self.download = w.HTML().add_class("kinerja-tugas-unduh")
        #: The raters with open tasks of the unit shown (counts only).
        self.reminders = pd.DataFrame()
        super().__init__(
            [
                w.HTML(txt.MONITOR_TITLE),
                w.HBox([self.unit, self.refresh_button]),
                self.status,
                self.summary,
                self.download,
                self.table,
            ]
        )
        self.add_class("kinerja-penugasan")
        on = guarded(self.status)
        self.unit.observe(on(self.update), names="value")
        self.refresh_button.on_click(on(self.update))
        if not choices:
            self.status.value = message(txt.MONITOR_NO_UNITS, "info")
        self.update()

    def _clear(self) -> None:
        self.summary.value = self.table.value = self.download.value = ""
        self.reminders = pd.DataFrame()

    def update(self, *_: Any) -> None:
        """Read the chosen unit's tasks and ratings and show the counts and the list."""
        self._clear()
        unit = self.unit.value
        if unit is None:
            return
        if self.allowed is not None and unit not in self.allowed:  # set from outside the list
            shown = ", ".join(sorted(self.allowed)) or txt.NO_UNITS
            self.status.value = message(
                html.escape(txt.OUTSIDE_UNITS.format(unit=unit, units=shown)), "error"
            )
            return
        self.status.value = ""
        status = unit_completion(self.store, self.periode, str(unit))
        if not len(status):
            self.summary.value = message(
                html.escape(txt.MONITOR_NO_TASKS.format(periode=self.periode)), "info"
            )
            return
        counts = status["status"].value_counts()
        self.summary.value = html.escape(
            txt.MONITOR_SUMMARY.format(
                periode=self.periode,
                unit=unit,
                n=len(status),
                **{k: int(counts.get(k, 0)) for k in ("selesai", "sebagian", "belum")},
            )
        )
        people = roster.employees(self.store, status["nip_penilai"].unique())
        summary = rater_summary(status, people)
        self.reminders = summary.loc[summary["n_terbuka"] > 0].reset_index(drop=True)
        if not len(self.reminders):
            self.table.value = message(txt.MONITOR_NONE_OPEN, "ok")
            return
        labels = txt.REMINDER_COLUMNS
        self.table.value = html_table(self.reminders[list(labels)], labels=labels)
        name = re.sub(
            r"[^A-Za-z0-9]+", "_", txt.REMINDER_FILE.format(periode=self.periode, unit=unit)
        )
        self.download.value = " · ".join(
            [
                download_link(
                    reminder_file(self.reminders, "csv"),
                    f"{name}.csv",
                    txt.DOWNLOAD_CSV,
                    mime="text/csv",
                ),
                download_link(
                    reminder_file(self.reminders, "xlsx"),
                    f"{name}.xlsx",
                    txt.DOWNLOAD_XLSX,
                    mime=XLSX_MIME,
                ),
            ]
        )
