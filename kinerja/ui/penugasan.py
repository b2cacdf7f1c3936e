"""HR's monitor of rating tasks (DESIGN.md §10): per unit, how many tasks are done and
which raters still have open ones, with the reminder list as CSV or Excel.

Only counts per rater are shown and downloaded, never scores or who rated whom.
The units offered are the caller's (a petugas's units; None: every unit), and a unit
set from outside that list is refused before anything is read.
"""

from __future__ import annotations

import html
import re
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from kinerja import roster
from kinerja.access import Access
from kinerja.errors import AccessDenied, DataValidationError
from kinerja.labels import tugas as txt
from kinerja.labels.formulir import PROBLEM_COLUMNS
from kinerja.store import Store
from kinerja.task_completion import rater_summary, reminder_file, unit_completion
from kinerja.task_store import generate, import_tasks, task_periods
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
        self.status = w.HTML().add_class("kinerja-tugas-status")
        self.unit = w.Dropdown(options=choices, description=txt.MONITOR_UNIT)
        self.unit.add_class("kinerja-tugas-unit")
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


class TugasTab(w.VBox):
    """Formulir's "Penugasan" tab for HR staff: a period's tasks per unit, and changing them.

    - the completion by tasks of one unit (:class:`TugasMonitor`), in the
      account's units;
    - importing a ``penugasan`` sheet (CSV/XLSX), checked row by row, with
      the importer's units as the limit (:func:`kinerja.task_store.import_tasks`);
    - for an admin (and the open server), generating the period's tasks from
      the roster (:func:`kinerja.task_store.generate`).

    Every change re-checks the account in the store first (:class:`~kinerja.access.Access`).
    """

    def __init__(self, store: Store, access: Access, periods: Collection[str]):
        self.store = store
        self.access = access
        choices = sorted(set(periods) | set(task_periods(store)))
        self.periode = w.Dropdown(options=choices, description=txt.TAB_PERIOD)
        self.periode.add_class("kinerja-tugas-periode")
        self.upload = w.FileUpload(accept=".xlsx,.csv", multiple=False, description=txt.TAB_UPLOAD)
        self.upload.add_class("kinerja-tugas-unggah")
        self.run_import = w.Button(description=txt.TAB_IMPORT, icon="upload")
        self.run_import.add_class("kinerja-tugas-impor")
        self.run_generate = w.Button(description=txt.TAB_GENERATE, icon="cogs")
        self.run_generate.add_class("kinerja-tugas-buat")
        self.status = w.HTML().add_class("kinerja-penugasan-status")
        self.problems = w.HTML()
        self.monitor_box = w.VBox()
        tools: list[w.Widget] = [self.upload, self.run_import]
        if access.unrestricted:
            tools.append(self.run_generate)
        super().__init__(
            [
                self.periode,
                w.HTML(txt.TAB_HELP),
                w.HBox(tools),
                self.status,
                self.problems,
                self.monitor_box,
            ]
        )
        self.add_class("kinerja-penugasan-tab")
        on = guarded(self.status)
        self.periode.observe(on(self.show), names="value")
        self.run_import.on_click(on(self._on_import))
        self.run_generate.on_click(on(self._on_generate))
        self.show()

    def _units(self) -> list[str] | None:
        """The units whose tasks this account may see and change (None: every unit)."""
        return None if self.access.unrestricted else self.access.units(roster.units(self.store))

    def show(self, *_: Any) -> None:
        """Show the chosen period's monitor."""
        periode = self.periode.value
        self.monitor_box.children = (
            [] if periode is None else [TugasMonitor(self.store, periode, units=self._units())]
        )

    def import_file(self, name: str, data: bytes) -> int:
        """Check and store one uploaded ``penugasan`` sheet; the number of records written."""
        self.access.check_active()
        if self.access.role == "pegawai":
            raise AccessDenied(txt.TAB_REFUSED)
        self.problems.value = ""
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / Path(name).name
            path.write_bytes(data)
            try:
                n = import_tasks(self.store, path, who=self.access.who, units=self._units())
            except DataValidationError as err:
                self.status.value = message(html.escape(str(err)), "error")
                self.problems.value = html_table(
                    err.problems[list(PROBLEM_COLUMNS)], labels=PROBLEM_COLUMNS
                )
                return 0
        self.status.value = message(html.escape(txt.IMPORTED.format(n=n)), "ok")
        self._refresh_periods()
        return n

    def _on_import(self, *_: Any) -> None:
        files = list(self.upload.value)
        if not files:
            self.status.value = message(txt.TAB_NO_FILE, "error")
            return
        f = files[0]
        self.import_file(str(f["name"]), bytes(f["content"]))

    def generate(self, periode: str) -> int:
        """Generate ``periode``'s tasks from the roster (admin and the open server only)."""
        self.access.check_active()
        if not self.access.unrestricted:
            raise AccessDenied(txt.TAB_GENERATE_REFUSED)
        n = generate(self.store, periode, who=self.access.who)
        self.status.value = message(html.escape(txt.GENERATED.format(periode=periode, n=n)), "ok")
        self._refresh_periods(periode)
        return n

    def _on_generate(self, *_: Any) -> None:
        if self.periode.value is None:
            self.status.value = message(txt.NO_PERIOD, "error")
            return
        self.generate(str(self.periode.value))

    def _refresh_periods(self, keep: str | None = None) -> None:
        keep = keep or self.periode.value
        self.periode.options = sorted(set(self.periode.options) | set(task_periods(self.store)))
        if keep in self.periode.options and self.periode.value != keep:
            self.periode.value = keep
        else:
            self.show()
