"""Formulir Penilaian: the data-entry app for HR staff (``workbooks/formulir_penilaian.ipynb``).

Three tabs:

- **Entri penilaian** — period, unit, rater found by name or NIP (at most
  :data:`MAX_MATCHES` matches listed, never the whole roster), the ratee among
  the people that rater may rate (source from the hierarchy, read around the
  rater by key: :func:`kinerja.roster.rater_circle`), one 1–5 input
  per competency with the level titles or BerAKHLAK indicators as guidance,
  a comment; save validates with the import rules and stores one
  transaction; an existing rating opens with its values, saving again
  supersedes it (a save that changes nothing stores nothing).  One rater has
  one source per ratee and period: a stored rating under another source is
  changed only by an explicit source correction ("Koreksi sumber").  Public
  (masyarakat) feedback is entered under a respondent id, never an
  employee's NIP.
- **Kelengkapan** — for one unit (the unit chosen, else the rater's), who has
  rated whom and what is missing, the share complete, the missing list as
  Excel; it reads that unit's people and ratings only.
- **Impor** — an Excel workbook or CSV files, a progress bar with the step
  (the store's import steps, :mod:`kinerja.progress`), every problem
  in a table and nothing stored when invalid; the empty template.

This is the HR data-entry view: it is the only place where raters are shown
next to their ratings.
"""

from __future__ import annotations

import html
import io
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

import ipywidgets as w
import pandas as pd

from kinerja import roster
from kinerja.access import Access
from kinerja.accounts import FORMULIR
from kinerja.entry import (
    competencies_to_rate,
    completion,
    completion_share,
    rating_targets,
    respondent_id_problem,
    stored_source_differs,
)
from kinerja.errors import DataValidationError
from kinerja.excel import write_frames, write_template
from kinerja.labels import SOURCE, akses, fmt_percent
from kinerja.labels import formulir as text
from kinerja.labels.times import fmt_time
from kinerja.loaders import load_dataset
from kinerja.store import SaveResult, Store
from kinerja.task_store import rater_periods
from kinerja.ui.common import (
    ALL_UNITS,
    Refusal,
    StoreUnavailable,
    download_link,
    guarded,
    header,
    html_table,
    message,
    now_wib,
    open_app,
)
from kinerja.ui.penugasan import TugasTab
from kinerja.ui.rating_form import ReferenceData, score_rows
from kinerja.ui.tugas import TugasView
from kinerja.vocab import Source

MODE_EMPLOYEE, MODE_PUBLIC = "employee", "public"  # values of the rater-mode toggle
PROBLEMS = text.PROBLEM_COLUMNS
#: Most people a search lists (the rater list, the public ratee list).
MAX_MATCHES = 30


def save_history(hist: pd.DataFrame) -> pd.DataFrame:
    """One row per save of a rating (``oleh, waktu, n_nilai``), oldest first, with the time
    as people read it (``07-12-2026 15:30 WIB``: DESIGN §11) from the stored UTC time."""
    versions = hist.groupby(["oleh", "waktu"], sort=False).size().reset_index(name="n_nilai")
    return versions.assign(waktu=versions["waktu"].map(fmt_time))


def missing_for_people(missing: pd.DataFrame) -> pd.DataFrame:
    """The completion rows not complete, as the monitor shows them (:data:`text.MISSING_COLUMNS`):
    sources and statuses as labels, and a peer row's rater cell saying how many peers
    are needed (peers are counted per ratee, never paired: kinerja.entry.completion)."""
    peer = missing["sumber"].eq(Source.PEER.value)
    anyone = missing["n_diharapkan"].map(lambda n: text.ANY_PEERS.format(n=n))
    out = missing.assign(
        nama_penilai=missing["nama_penilai"].where(~peer, anyone),
        sumber=missing["sumber"].map(lambda s: SOURCE[Source(s)]),
        status=missing["status"].map(text.STATUS),
    )
    return out[list(text.MISSING_COLUMNS)]


def share_for_people(share: pd.DataFrame) -> pd.DataFrame:
    """The per-unit completion share with the percentage written ``87,5 %`` (one decimal)."""
    return share.assign(persen_lengkap=share["persen_lengkap"].map(fmt_percent))


class EntryView(w.VBox):
    """Tab 1: enter or correct one rater's rating of one ratee."""

    def __init__(self, store: Store, ref: ReferenceData, *, periods: list[str], access: Access):
        self.store = store
        self.ref = ref
        #: The account's scope: every read and save below asks it (DESIGN §9).
        self.access = access
        self.status = w.HTML().add_class("kinerja-status")
        units = access.units(roster.units(store))
        #: Roster rows of the people the form shows now (the matches or the rater's circle).
        self.known = pd.DataFrame(columns=list(roster.PEGAWAI_COLUMNS))
        self._matches = self.known
        f = text.FIELDS
        self.periode = w.Dropdown(options=periods, value=periods[-1], description=f["periode"])
        self.periode.add_class("kinerja-periode")
        self.unit = w.Dropdown(
            options=[ALL_UNITS, *units], description=f["unit"], layout=w.Layout(width="520px")
        )
        self.unit.add_class("kinerja-unit")
        modes = [(text.MODES[m], m) for m in (MODE_EMPLOYEE, MODE_PUBLIC)]
        self.mode = w.ToggleButtons(
            options=modes,
            description=f["mode"],
            style={"button_width": "auto"},  # each button as wide as its label, never cut
        )
        self.mode.add_class("kinerja-mode")
        self.search = w.Text(description=f["search"], placeholder=f["search_hint"])
        self.search.add_class("kinerja-cari")
        self.search.add_class("kinerja-rater-cari")
        self.more = w.HTML().add_class("kinerja-cari-info")
        self.rater = w.Dropdown(description=f["rater"], layout=w.Layout(width="620px"))
        self.rater.add_class("kinerja-rater")
        self.respondent = w.Text(
            description=f["respondent"],
            placeholder=f["respondent_hint"],
            layout=w.Layout(display="none"),
            continuous_update=False,
        )
        self.respondent.add_class("kinerja-responden")
        self.ratee = w.Dropdown(description=f["ratee"], layout=w.Layout(width="620px"))
        self.ratee.add_class("kinerja-ratee")
        self.source = w.HTML().add_class("kinerja-sumber")
        self.correct_source = w.Checkbox(
            value=False,
            description=text.SOURCE_CORRECTION,
            indent=False,
            layout=w.Layout(display="none", width="620px"),
        )
        self.correct_source.add_class("kinerja-koreksi-sumber")
        self.scores_box = w.VBox().add_class("kinerja-scores")
        self.score_inputs: dict[str, w.Dropdown] = {}
        self.comment = w.Textarea(
            description=f["comment"],
            placeholder=f["comment_hint"],
            layout=w.Layout(width="620px", height="60px"),
        )
        self.comment.add_class("kinerja-catatan")
        #: Who the saved records name: the account (open mode: the OS user), never typed.
        self.who = w.HTML(signer_html(access)).add_class("kinerja-oleh")
        self.save = w.Button(description=f["save"], button_style="primary", icon="save")
        self.save.add_class("kinerja-save")
        self.history = w.HTML().add_class("kinerja-riwayat")
        super().__init__(
            [
                w.HBox([self.periode, self.unit]),
                self.mode,
                w.HBox([self.search, self.more]),
                self.rater,
                self.respondent,
                self.ratee,
                self.source,
                self.correct_source,
                w.HTML(text.HEAD_SCORES),
                self.scores_box,
                self.comment,
                w.HBox([self.who, self.save]),
                self.status,
                self.history,
            ]
        )
        on = guarded(self.status)
        self.unit.observe(on(self._refresh_raters), names="value")
        self.search.observe(on(self._refresh_raters), names="value")
        self.mode.observe(on(self._mode_changed), names="value")
        self.rater.observe(on(self._refresh_ratees), names="value")
        self.ratee.observe(on(self._ratee_changed), names="value")
        self.periode.observe(on(self._ratee_changed), names="value")
        self.respondent.observe(on(self._respondent_changed), names="value")
        self.save.on_click(on(self._on_save))
        self._refresh_raters()

    # ------------------------------------------------------------ choices

    def _chosen_unit(self) -> str | None:
        return None if self.unit.value == ALL_UNITS else str(self.unit.value)

    def _refresh_raters(self, *_: Any) -> None:
        """Search the unit (or every unit) by name or NIP: at most MAX_MATCHES people.

        The matches fill the rater list, or in public mode the ratee list.
        """
        found = self.access.search(
            self.search.value, unit=self._chosen_unit(), limit=MAX_MATCHES + 1
        )
        more = len(found) > MAX_MATCHES
        self._matches = found.head(MAX_MATCHES).reset_index(drop=True)
        self.more.value = text.MORE_MATCHES.format(n=MAX_MATCHES) if more else ""
        if self.mode.value == MODE_PUBLIC:
            self._refresh_ratees()
            return
        options = [
            (f"{r.nama} — {r.nip} ({r.jabatan})", r.nip)
            for r in cast(Iterable[Any], self._matches.itertuples())
        ]
        self.rater.options = options
        self.rater.value = options[0][1] if options else None

    def _mode_changed(self, *_: Any) -> None:
        public = self.mode.value == MODE_PUBLIC
        self.rater.layout.display = "none" if public else None
        self.respondent.layout.display = None if public else "none"
        hint = "search_hint_public" if public else "search_hint"
        self.search.placeholder = text.FIELDS[hint]
        self._refresh_raters()
        if not public:
            self._refresh_ratees()

    def _refresh_ratees(self, *_: Any) -> None:
        if self.mode.value == MODE_PUBLIC:
            self.known = self._matches
            options = [
                (f"{r.nama} — {r.nip}", (r.nip, Source.PUBLIC.value))
                for r in cast(Iterable[Any], self._matches.itertuples())
            ]
        elif self.rater.value is None:
            self.known = self._matches.iloc[0:0]
            options = []
        else:
            self.access.check_employee(self.rater.value)
            self.known = roster.rater_circle(self.store, self.rater.value)
            targets = rating_targets(self.known, self.rater.value)
            mine = self.access.filter_employees(targets["nip_dinilai"])  # ratees in scope
            targets = targets.loc[targets["nip_dinilai"].isin(mine)]
            options = [
                (
                    text.RATEE_OPTION.format(
                        nama=r.nama, nip=r.nip_dinilai, sumber=SOURCE[Source(r.sumber)]
                    ),
                    (r.nip_dinilai, r.sumber),
                )
                for r in cast(Iterable[Any], targets.itertuples())
            ]
        self.ratee.options = options
        self.ratee.value = options[0][1] if options else None
        self._ratee_changed()

    def monitor_unit(self) -> str | None:
        """The unit the completion monitor covers: the unit chosen, else the rater's
        (in public mode the ratee's); None when there is neither."""
        chosen = self._chosen_unit()
        if chosen is not None:
            return chosen
        public = self.mode.value == MODE_PUBLIC
        who = (self.ratee.value or (None,))[0] if public else self.rater.value
        if not who:
            return None
        row = self.known.loc[self.known["nip"] == who, "unit_kerja"]
        return str(row.iloc[0]) if len(row) else None

    # ------------------------------------------------------------ scores

    def current_rater(self) -> str:
        """NIP of the rater, or the respondent id for public feedback."""
        if self.mode.value == MODE_PUBLIC:
            return self.respondent.value.strip()
        return self.rater.value or ""

    def _ratee_changed(self, *_: Any) -> None:
        self.status.value = ""  # a message about the previous ratee must not linger
        if self.ratee.value is None:
            self.scores_box.children = []
            self.score_inputs = {}
            self.source.value = ""
            return
        nip, sumber = self.ratee.value
        comps = competencies_to_rate(self.known, self.ref.standar, self.ref.kompetensi, nip)
        rows, inputs = score_rows(comps, self.ref)
        self.score_inputs = inputs
        self.scores_box.children = rows
        self.comment.value = ""
        self.source.value = text.SOURCE_LINE.format(
            code=sumber, sumber=html.escape(SOURCE[Source(sumber)])
        )
        self._load_existing()

    def _respondent_changed(self, *_: Any) -> None:
        """Another respondent id: show their stored answers; values shown from another
        respondent's stored rating are cleared, values typed for a new one are kept."""
        if getattr(self, "_loaded_from", None) not in (None, self.current_rater()):
            for box in self.score_inputs.values():
                box.value = None
            self.comment.value = ""
        self._load_existing()

    def _respondent_problem(self) -> str | None:
        """Why the respondent id typed cannot be used (public mode only)."""
        if self.mode.value != MODE_PUBLIC:
            return None
        respondent = self.respondent.value.strip()
        return respondent_id_problem(roster.employees(self.store, [respondent]), respondent)

    def _load_existing(self) -> None:
        rater = self.current_rater()
        self.history.value = ""
        self._loaded_from = None
        self.correct_source.value = False
        self.correct_source.layout.display = "none"
        if not rater or self.ratee.value is None:
            return
        problem = self._respondent_problem()
        if problem is not None:  # an employee's ratings are not shown under a respondent id
            self.status.value = message(html.escape(problem), "error")
            return
        nip, sumber = self.ratee.value
        if not self.access.allows_employee(nip):  # a value set from outside the page
            self.status.value = message(
                html.escape(akses.EMPLOYEE_REFUSED.format(nip=nip)), "error"
            )
            return
        existing = self.store.ratings(self.periode.value, nip_dinilai=nip, nip_penilai=rater)
        self._loaded_from = rater if len(existing) else None
        row: Any
        for row in existing.itertuples():
            box = self.score_inputs.get(row.kompetensi_kode)
            if box is not None and pd.notna(row.skor):
                box.value = int(row.skor)
        notes = existing["catatan"].dropna() if len(existing) else pd.Series(dtype=object)
        self.comment.value = str(notes.iloc[-1]) if len(notes) else ""
        if len(existing):
            last = existing.sort_values("id").iloc[-1]
            who = html.escape(str(last["oleh"]))
            self.status.value = message(text.EXISTING.format(n=len(existing), who=who), "info")
            other = stored_source_differs(existing, sumber)
            if other is not None:
                stored = ", ".join(SOURCE[Source(c)] for c in other.split(", "))
                warning = text.OTHER_SOURCE.format(
                    stored=html.escape(stored), chosen=html.escape(SOURCE[Source(sumber)])
                )
                self.status.value += message(warning, "warning")
                self.correct_source.layout.display = None
            self._show_history(nip, rater)

    def _show_history(self, nip: str, rater: str) -> None:
        hist = self.store.rating_history(
            periode=self.periode.value, nip_dinilai=nip, nip_penilai=rater
        )
        if not len(hist):
            self.history.value = ""
            return
        self.history.value = text.HEAD_HISTORY + html_table(
            save_history(hist),
            labels=text.HISTORY_COLUMNS,
            css_class="kinerja-table kinerja-riwayat-simpan",
        )

    def ratings_frame(self) -> pd.DataFrame:
        """The rating as typed, one row per filled score (the ``penilaian`` columns)."""
        if self.ratee.value is None:
            return pd.DataFrame()
        nip, sumber = self.ratee.value
        comment = self.comment.value.strip() or None
        rows = [
            {
                "periode": self.periode.value,
                "nip_dinilai": nip,
                "nip_penilai": self.current_rater(),
                "sumber": sumber,
                "kompetensi_kode": kode,
                "skor": box.value,
                "catatan": comment,
            }
            for kode, box in self.score_inputs.items()
            if box.value is not None
        ]
        return pd.DataFrame(rows)

    def _on_save(self, *_: Any) -> None:
        if self.mode.value == MODE_PUBLIC and not self.respondent.value.strip():
            self.status.value = message(text.NO_RESPONDENT, "error")
            return
        problem = self._respondent_problem()
        if problem is not None:
            self.status.value = message(html.escape(problem), "error")
            return
        frame = self.ratings_frame()
        if not len(frame):
            self.status.value = message(text.NO_SCORE, "error")
            return
        nip, _ = self.ratee.value
        # the account against this ratee and period, at the moment of writing (DESIGN §9)
        self.access.check_rating(self.periode.value, nip, self.current_rater())
        stored = self.store.ratings(
            self.periode.value, nip_dinilai=nip, nip_penilai=self.current_rater()
        )
        cleared = sorted(
            set(stored["kompetensi_kode"])
            & {k for k, b in self.score_inputs.items() if b.value is None}
        )
        self.save.disabled = True
        try:
            try:
                saved = self.store.save_ratings(
                    frame,
                    who=self.access.who,
                    withdraw=cleared,
                    correct_source=bool(self.correct_source.value),
                )
            except DataValidationError as err:
                self.status.value = message(text.NOT_SAVED, "error") + html_table(
                    err.problems[list(PROBLEMS)], labels=PROBLEMS
                )
                if err.problems["pesan"].astype(str).str.contains("koreksi sumber").any():
                    self.correct_source.layout.display = None  # stored meanwhile elsewhere
                return
            self._loaded_from = (
                self.current_rater()
            )  # what is shown is now this rater's stored rating
            if saved.n_total == 0:
                self.status.value = message(text.NOTHING_CHANGED, "info")
                return
            self.correct_source.value = False
            self.correct_source.layout.display = "none"
            nip, _ = self.ratee.value
            self._show_history(nip, self.current_rater())  # before the message: both show the save
            self.status.value = message(self._saved_text(saved, len(frame), cleared), "ok")
        finally:
            self.save.disabled = False

    def _saved_text(self, saved: SaveResult, n_filled: int, cleared: list[str]) -> str:
        """What a save stored: new or changed scores, unchanged ones, withdrawn ones."""
        t = text.SAVED
        parts = []
        if saved.n_penilaian_baru:
            same = n_filled - saved.n_penilaian_baru
            parts.append(
                t["new"].format(n=saved.n_penilaian_baru)
                + (t["same"].format(n=same) if same > 0 else "")
            )
        if saved.n_ditarik:
            codes = f" ({', '.join(cleared)})" if len(cleared) == saved.n_ditarik else ""
            parts.append(t["withdrawn"].format(n=saved.n_ditarik, codes=codes))
        total = len(self.score_inputs)
        missing = "" if n_filled >= total else t["missing"].format(n=total - n_filled)
        stamp = fmt_time(now_wib(), seconds=True)
        return t["done"].format(parts="; ".join(parts), stamp=stamp, missing=missing)


class CompletionView(w.VBox):
    """Tab 2: who has rated whom in one unit, and the missing list as Excel."""

    def __init__(self, store: Store, ref: ReferenceData, entry: EntryView):
        self.store = store
        self.ref = ref
        self.entry = entry
        self.status = w.HTML()
        self.refresh = w.Button(description=text.REFRESH, icon="refresh")
        self.refresh.add_class("kinerja-kelengkapan-perbarui")
        self.summary = w.HTML().add_class("kinerja-kelengkapan-ringkas")
        self.table = w.HTML().add_class("kinerja-kelengkapan")
        self.download = w.HTML().add_class("kinerja-kelengkapan-unduh")
        super().__init__([self.refresh, self.status, self.summary, self.download, self.table])
        self.refresh.on_click(guarded(self.status)(self.update))

    def compute(self) -> pd.DataFrame:
        """The completion table of the period and of the unit of the entry tab
        (:meth:`EntryView.monitor_unit`): that unit's people and ratings only."""
        unit = self.entry.monitor_unit()
        if unit is not None:
            self.entry.access.check_unit(unit)
        if unit is None:  # nothing chosen: an empty table
            people = roster.employees(self.store, [])
            ratings = pd.DataFrame(columns=list(roster.UNIT_RATING_COLUMNS))
        else:
            people = roster.unit_circle(self.store, unit)
            ratings = roster.unit_ratings(self.store, self.entry.periode.value, unit)
        return completion(people, self.ref.standar, self.ref.kompetensi, ratings, unit_kerja=unit)

    def update(self, *_: Any) -> None:
        if self.entry.monitor_unit() is None:
            self.summary.value = message(text.CHOOSE_UNIT, "info")
            self.table.value = self.download.value = self.status.value = ""
            return
        table = self.compute()
        share = completion_share(table)
        periode = html.escape(self.entry.periode.value)
        self.summary.value = text.HEAD_PERIOD.format(periode=periode) + html_table(
            share_for_people(share), labels=text.SHARE_COLUMNS
        )
        missing = missing_for_people(table.loc[table["status"] != "lengkap"])
        note = ""
        if missing["sumber"].eq(SOURCE[Source.PEER]).any():
            note = f"<p class='kinerja-catatan-rekan' style='color:#444'>{text.PEER_NOTE}</p>"
        self.table.value = (
            text.HEAD_MISSING.format(n=len(missing))
            + html_table(missing, labels=text.MISSING_COLUMNS, max_rows=300)
            + note
        )
        sheets = text.MISSING_SHEETS
        buf = io.BytesIO()
        write_frames(
            {
                sheets["missing"]: missing.rename(columns=text.MISSING_COLUMNS),
                sheets["share"]: share.rename(columns=text.SHARE_COLUMNS),
            },
            buf,
            number_formats={sheets["share"]: {text.SHARE_COLUMNS["persen_lengkap"]: "0.0"}},
        )
        self.download.value = download_link(
            buf.getvalue(),
            f"kelengkapan_{self.entry.periode.value}.xlsx",
            text.DOWNLOAD_MISSING,
        )
        self.status.value = ""


class ImportView(w.VBox):
    """Tab 3: import an Excel workbook or CSV files.

    Every problem is listed; nothing is stored if the input is invalid.
    """

    def __init__(self, store: Store, access: Access, on_imported: Any = None):
        self.store = store
        #: Imports are for admin (and open mode) only: checked when the button is pressed.
        self.access = access
        self.on_imported = on_imported
        f = text.IMPORT_FIELDS
        self.upload = w.FileUpload(accept=".xlsx,.csv", multiple=True, description=f["upload"])
        self.upload.add_class("kinerja-unggah")
        self.who = w.HTML(signer_html(access)).add_class("kinerja-oleh")
        self.run = w.Button(description=f["run"], button_style="primary", icon="upload")
        self.run.add_class("kinerja-import")
        self.progress = w.IntProgress(min=0, max=100, value=0, description=f["progress"])
        self.progress.add_class("kinerja-import-progress")
        self.step = w.HTML().add_class("kinerja-import-langkah")
        self.result = w.HTML().add_class("kinerja-import-result")
        buf = io.BytesIO()
        write_template(buf)
        self.template = w.HTML(
            download_link(buf.getvalue(), "template_penilaian.xlsx", f["template"])
        )
        super().__init__(
            [
                w.HTML(
                    text.IMPORT_HELP
                    if access.unrestricted
                    else message(html.escape(akses.IMPORT_NOTE), "info")
                ),
                self.template,
                w.HBox([self.upload, self.who, self.run]),
                w.HBox([self.progress, self.step]),
                self.result,
            ]
        )
        self.run.on_click(guarded(self.result)(self._on_run))

    def _on_run(self, *_: Any) -> None:
        files = [(f["name"], bytes(f["content"])) for f in self.upload.value]
        self.import_files(files)

    def _show_step(self, step: str, percent: float) -> None:
        """Move the bar (never backwards within one import) and say which step runs."""
        self.step.value = html.escape(step)
        self.progress.value = max(self.progress.value, min(self.progress.max, round(percent)))

    def _store_progress(self, step: str, fraction: float) -> None:
        """The store's import steps fill the bar from 20 % to 100 %."""
        self._show_step(step, 20 + 80 * fraction)

    def import_files(self, files: list[tuple[str, bytes]]) -> None:
        """Validate and store uploaded files (name, content)."""
        self.access.check_import()
        if not files:
            self.result.value = message(text.NO_FILES, "error")
            return
        self.run.disabled = True
        self.progress.value = 0
        stages = text.IMPORT_STAGES
        self._show_step(stages["files"], 0)
        try:
            with tempfile.TemporaryDirectory(prefix="kinerja-impor-") as tmp:
                folder = Path(tmp)
                xlsx = [n for n, _ in files if n.lower().endswith((".xlsx", ".xlsm"))]
                for name, content in files:
                    (folder / Path(name).name.lower()).write_bytes(content)
                self._show_step(stages["validate"], 5)
                target = folder / Path(xlsx[0]).name.lower() if xlsx else folder
                try:
                    dataset = load_dataset(target)
                    result = self.store.import_dataset(
                        dataset,
                        who=self.access.who,
                        source=", ".join(n for n, _ in files),
                        progress=self._store_progress,
                    )
                except DataValidationError as err:  # the files, or a source changed by them
                    self._show_step(stages["invalid"], self.progress.max)
                    self.result.value = message(
                        text.INVALID.format(n=len(err.problems)), "error"
                    ) + html_table(err.problems[list(PROBLEMS)], labels=PROBLEMS)
                    return
                warn = ""
                if len(dataset.warnings):
                    warn = message(
                        text.WARNINGS.format(n=len(dataset.warnings)), "warning"
                    ) + html_table(dataset.warnings[list(PROBLEMS)], labels=PROBLEMS, max_rows=100)
                self.result.value = (
                    message(
                        text.IMPORTED.format(
                            id=result.impor_id,
                            n_pegawai=result.n_pegawai,
                            n_penilaian=result.n_penilaian_baru,
                            n_hasil_kerja=result.n_hasil_kerja_baru,
                        ),
                        "ok",
                    )
                    + warn
                )
                if self.on_imported is not None:
                    self.on_imported()
        finally:
            self.run.disabled = False


def signer_html(access: Access) -> str:
    """What the form says about the author of its records (the account, never typed)."""
    return text.SIGNED_AS.format(who=html.escape(access.who))


def own_tasks_view(store: Store, access: Access) -> w.Widget:
    """What a ``pegawai`` account sees in Formulir: "Penilaian saya" (DESIGN §10).

    The account's tasks of the newest period it has tasks in (else the
    store's newest period, else this year): :class:`kinerja.ui.tugas.TugasView`,
    which re-checks task, period and account at every save.
    """
    assert access.account is not None and access.account.nip
    periods = rater_periods(store, access.account.nip) or store.periods()
    periode = periods[-1] if periods else str(now_wib().year)
    return TugasView(store, access.account, periode)


class FormulirApp(w.VBox):
    """The whole Formulir Penilaian app.

    Parameters
    ----------
    store
        The appraisal store.
    demo
        Show the sample-data banner.
    access
        The account's scope; by default the signed-in account's
        (:meth:`kinerja.access.Access.for_app`), which raises
        :class:`kinerja.access.AccessDenied` before anything is read when the
        account may not open Formulir.  A ``pegawai`` account gets their own
        rating tasks (:func:`own_tasks_view`) instead of the HR tabs.
    """

    def __init__(self, store: Store, *, demo: bool = False, access: Access | None = None):
        self.access = access or Access.for_app(store, FORMULIR)
        self.store = store
        self.demo = demo
        if self.access.role == "pegawai":
            super().__init__([header(demo=demo), own_tasks_view(store, self.access)])
            self.add_class("kinerja-formulir")
            return
        self.ref = ReferenceData(store)
        periods = store.periods() or [str(now_wib().year)]
        self.entry = EntryView(store, self.ref, periods=periods, access=self.access)
        self.monitor = CompletionView(store, self.ref, self.entry)
        self.importer = ImportView(store, self.access, on_imported=self.reload)
        self.tasks = TugasTab(store, self.access, periods)
        self.tabs = w.Tab(children=[self.entry, self.monitor, self.tasks, self.importer])
        for i, title in enumerate(text.TABS):
            self.tabs.set_title(i, title)
        self.tabs.add_class("kinerja-tabs")
        super().__init__([header(demo=demo), self.tabs])
        self.add_class("kinerja-formulir")

    @classmethod
    def from_env(cls, db: str | None = None) -> FormulirApp | StoreUnavailable | Refusal:
        """Build the app on ``db``, else ``KINERJA_DB``, else the demo store;
        a store that cannot be opened gives a :class:`StoreUnavailable` view saying why,
        an account that may not open Formulir a :class:`Refusal`."""
        return open_app(lambda store, demo: cls(store, demo=demo), db, css_class="kinerja-formulir")

    def reload(self) -> None:
        """Re-read units, periods and the current matches after an import."""
        self.ref = ReferenceData(self.store)
        self.entry.ref = self.ref
        self.monitor.ref = self.ref
        periods = self.store.periods() or list(self.entry.periode.options)
        current = self.entry.periode.value
        self.entry.periode.options = periods
        self.entry.periode.value = current if current in periods else periods[-1]
        current_unit = self.entry.unit.value
        units = [ALL_UNITS, *self.access.units(roster.units(self.store))]
        self.entry.unit.options = units
        self.entry.unit.value = current_unit if current_unit in units else ALL_UNITS
        self.entry._refresh_raters()
