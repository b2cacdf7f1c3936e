"""Kalibrasi: the live calibration board for facilitators (``workbooks/kalibrasi.ipynb``).

Small views (a selection bar, distribution, raters, nine-box and queue
panels, the adjustment form, the log and minutes) draw plain HTML and
buttons from :class:`kinerja.board.CalibrationBoard`, which holds what the
app knows; :class:`KalibrasiApp` composes them and wires the callbacks.  An
adjustment redraws everything in milliseconds (no chart rendering on the hot
path); a projector mode switches to large type and high contrast.

The page reads only what it shows (DESIGN §7): it opens on the unit with the
largest curve violation and reads that unit's stored results, the same
unit's previous period (shown beside the current distribution) and the
ratings of the unit's ratees; choosing another unit reads that unit.  "All
units" shows stored figures only (the curve check of every unit, predikat
and box counts, the stored rater figures); agreement, disagreement and the
discussion queue are per unit.  Stored rater figures older than the last
change say so, with a button that recomputes them.

The page shows what the store holds: every redraw, every choice of an
employee and every adjustment first re-reads the store's adjustment log
(:meth:`kinerja.board.CalibrationBoard.refresh`), so a second facilitator's
adjustments appear here and an undo undoes the store's latest adjustment.

Anonymity (DESIGN §10): the rater table of one unit and the discussion queue
show the counted-only figures of :class:`kinerja.board.CalibrationBoard`
(withheld groups left out); only the all-units rater table is ``penilai.csv``.
Every number people read uses the Indonesian format (:func:`readable_numbers`).
"""

from __future__ import annotations

import html
import io
from datetime import datetime
from typing import Any

import ipywidgets as w
import pandas as pd

from kinerja.access import Access, AccessDenied
from kinerja.accounts import KALIBRASI
from kinerja.board import CalibrationBoard, rating_label
from kinerja.excel import write_frames
from kinerja.labels import ADJUSTABLE_FIELD, LENIENCY, RATING, akses, label
from kinerja.labels import apps as text
from kinerja.labels.apps import ALL_LEVELS, BOARD_COLUMNS
from kinerja.report import minutes_pdf
from kinerja.results import worst_unit
from kinerja.roster import units
from kinerja.store import Store
from kinerja.ui.common import (
    ALL_UNITS,
    WIB,
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
from kinerja.ui.style import PROJECTOR_CSS
from kinerja.ui.views import bars_html, readable_numbers
from kinerja.vocab import AdjustableField, JpmCategory, Predikat, PredikatOrganisasi, Rating

#: The box shown by each of the nine buttons, row by row (high performance and potential top right).
BOX_ORDER = (4, 7, 9, 2, 5, 8, 1, 3, 6)
F = text.KALIBRASI_FIELDS


class SelectionBar(w.HBox):
    """Period, unit and level choices and the projector switch."""

    def __init__(self, periods: list[str]):
        self.periode = w.Dropdown(
            options=periods, value=periods[-1], description=F["periode"]
        ).add_class("kinerja-periode")
        self.unit = w.Dropdown(description=F["unit"], layout=w.Layout(width="520px")).add_class(
            "kinerja-unit"
        )
        self.level = w.Dropdown(description=F["level"]).add_class("kinerja-level")
        self.projector = w.ToggleButton(description=F["projector"], icon="desktop").add_class(
            "kinerja-proyektor-tombol"
        )
        super().__init__([self.periode, self.unit, self.level, self.projector])

    def selection(self) -> tuple[str | None, str | None]:
        """The unit and level chosen (None = all)."""
        unit = None if self.unit.value in (None, ALL_UNITS) else self.unit.value
        level = None if self.level.value in (None, ALL_LEVELS) else self.level.value
        return unit, level


class DistributionPanel(w.VBox):
    """Before/after predikat bars and the curve check (of every unit, or of one)."""

    def __init__(self) -> None:
        self.distribution = w.HTML().add_class("kinerja-distribusi")
        super().__init__([self.distribution])

    def show(self, board: CalibrationBoard, unit: str | None, level: str | None) -> None:
        before = board.predikat_counts(unit, level, calibrated=False)
        after = board.predikat_counts(unit, level)
        where = text.EVERY_UNIT if unit is None else html.escape(unit)
        parts = [
            text.HEAD_SPREAD.format(unit=where),
            "<div style='display:flex;gap:32px;align-items:flex-start'>"
            f"<div>{bars_html(before, after)}</div>{previous_html(board, unit, level)}</div>",
        ]
        if unit is None:
            parts.append(
                text.HEAD_CURVES + html_table(board.violations_by_unit(), labels=BOARD_COLUMNS)
            )
        elif len(table := board.distribution_table(unit)):
            org = label(board.distribution(unit)["predikat_organisasi"].iloc[0], PredikatOrganisasi)
            parts.append(text.HEAD_CURVE.format(org=html.escape(org)) + curve_table_html(table))
        else:
            parts.append(message(text.NO_ORG_PREDIKAT, "info"))
        self.distribution.value = "".join(parts)


def curve_table_html(table: pd.DataFrame) -> str:
    """The curve check of a unit (:meth:`CalibrationBoard.distribution_table`) as a table:
    each rule in words (its predikat named in it), counts, status and advice."""
    shown = table.drop(columns=["predikat"])
    return html_table(readable_numbers(shown), labels=BOARD_COLUMNS)


def previous_html(board: CalibrationBoard, unit: str | None, level: str | None) -> str:
    """The previous period's predikat counts of the selection (and its curve check of a unit)."""
    prev = board.previous_periode
    if prev is None:
        body = message(text.NO_PREVIOUS, "info")
    else:
        counts = board.previous_counts(unit, level)
        shown = counts.assign(predikat=counts["predikat"].map(lambda p: label(p, Predikat)))
        body = text.HEAD_PREVIOUS.format(periode=html.escape(prev)) + html_table(
            shown, labels=text.PREVIOUS_COLUMNS
        )
        if unit is not None and len(board.previous_distribution):
            bad = int((board.previous_distribution["status"] == "melanggar").sum())
            body += f"<p>{text.PREVIOUS_CURVE.format(periode=html.escape(prev), n=bad)}</p>"
    return f"<div class='kinerja-sebelumnya'>{body}</div>"


def wib(moment: datetime | None) -> str:
    """A stored UTC time as ``07-12-2026 13:05 WIB`` (``–`` when none)."""
    return "–" if moment is None else moment.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")


class RatersPanel(w.VBox):
    """Rater leniency, inter-rater agreement and the ratees raters disagree on most."""

    def __init__(self) -> None:
        self.note = w.HTML().add_class("kinerja-penilai-catatan")
        self.recompute = w.Button(
            description=text.RATERS_REFRESH, icon="refresh", layout=w.Layout(width="auto")
        ).add_class("kinerja-penilai-hitung")
        self.raters = w.HTML().add_class("kinerja-penilai")
        self.agreement = w.HTML().add_class("kinerja-kesepakatan")
        super().__init__([self.note, self.recompute, self.raters, self.agreement])

    def show(self, board: CalibrationBoard, unit: str | None) -> None:
        r = board.raters(unit)
        r = r.assign(label=r["label"].map(LENIENCY))
        self.raters.value = text.HEAD_RATERS + html_table(
            readable_numbers(r.head(40)), labels=text.RATER_COLUMNS
        )
        stale = unit is None and board.rater_figures_stale()
        status = board.status
        if unit is not None:
            self.note.value = message(text.RATERS_UNIT_NOTE, "info")
        elif stale and status is not None:
            self.note.value = message(
                text.RATERS_STALE.format(
                    computed=wib(status.penilai_dihitung), changed=wib(status.diubah)
                ),
                "warning",
            )
        else:
            computed = wib(None if status is None else status.penilai_dihitung)
            self.note.value = message(text.RATERS_STORED.format(computed=computed), "info")
        self.recompute.layout.display = None if stale else "none"
        a = board.agreement(unit)
        if unit is not None:
            agree = text.HEAD_AGREEMENT + html_table(
                readable_numbers(a[["kompetensi_kode", "alpha", "n_dinilai"]]),
                labels=BOARD_COLUMNS,
            )
        else:
            agree = message(text.PER_UNIT_ONLY.format(what=text.WHAT_AGREEMENT), "info")
        d = board.disagreement(unit).head(10)
        names = board.pegawai.set_index("nip")["nama"]
        d = d.assign(nama=d["nip"].map(names))[["nama", "sebaran", "kompetensi_terbesar"]]
        self.agreement.value = (
            agree + text.HEAD_DISAGREEMENT + html_table(readable_numbers(d), labels=BOARD_COLUMNS)
        )


class NineBoxPanel(w.VBox):
    """The nine talent boxes as buttons and the people of the box clicked."""

    def __init__(self) -> None:
        self.box_buttons = [w.Button(layout=w.Layout(width="100%")) for _ in BOX_ORDER]
        self.grid = w.GridBox(
            self.box_buttons,
            layout=w.Layout(grid_template_columns="repeat(3, 1fr)", width="560px"),
        ).add_class("kinerja-box")
        self.box_people = w.HTML().add_class("kinerja-box-daftar")
        super().__init__([self.grid, self.box_people])

    def show(self, board: CalibrationBoard, unit: str | None, level: str | None) -> None:
        counts = board.nine_box(unit, level).set_index("kotak")["jumlah"]
        for box, button in zip(BOX_ORDER, self.box_buttons, strict=True):
            button.description = text.BOX_BUTTON.format(box=box, n=int(counts.get(box, 0)))
            button.button_style = "info" if counts.get(box, 0) else ""

    def show_box(
        self, board: CalibrationBoard, box: int, unit: str | None, level: str | None
    ) -> pd.DataFrame:
        people = board.people_in_box(box, unit, level)
        shown = people.assign(
            predikat=people["predikat"].map(lambda p: label(p, Predikat)),
            kategori_jpm=people["kategori_jpm"].map(lambda k: label(k, JpmCategory)),
        )
        n = int(board.nine_box(unit, level).set_index("kotak")["jumlah"].get(box, 0))
        more = f" {text.BOX_FIRST.format(n=len(people))}" if len(people) < n else ""
        self.box_people.value = (
            text.HEAD_BOX.format(box=box, n=n) + more + html_table(shown, labels=text.BOX_COLUMNS)
        )
        return people


class QueuePanel(w.VBox):
    """The discussion queue, most urgent first."""

    def __init__(self) -> None:
        self.queue = w.HTML().add_class("kinerja-antrian")
        super().__init__([self.queue])

    def show(self, board: CalibrationBoard, unit: str | None, level: str | None) -> None:
        q = board.queue(unit, level)
        q = q.assign(predikat=q["predikat"].map(lambda p: label(p, Predikat)))
        shown = q[["nama", "unit_kerja", "predikat", "skor_prioritas", "alasan"]].head(60)
        per_unit = message(text.PER_UNIT_ONLY.format(what=text.WHAT_QUEUE), "info")
        self.queue.value = (
            (per_unit if unit is None else "")
            + text.HEAD_QUEUE.format(n=len(q))
            + html_table(readable_numbers(shown), labels=BOARD_COLUMNS)
        )


class AdjustmentForm(w.VBox):
    """One reasoned adjustment: employee, rating, new value, reason, facilitator; save or undo."""

    def __init__(self, signer: str = ""):
        self.adj_employee = w.Dropdown(
            description=F["employee"], layout=w.Layout(width="640px")
        ).add_class("kinerja-adjust-pegawai")
        self.adj_field = w.Dropdown(
            options=[(ADJUSTABLE_FIELD[f], f.value) for f in AdjustableField],
            description=F["field"],
        ).add_class("kinerja-adjust-field")
        self.adj_value = w.Dropdown(
            options=[(RATING[r], r.value) for r in Rating], description=F["value"]
        ).add_class("kinerja-adjust-nilai")
        self.adj_current = w.HTML().add_class("kinerja-adjust-kini")
        self.adj_reason = w.Textarea(
            description=F["reason"],
            placeholder=F["reason_hint"],
            layout=w.Layout(width="640px", height="60px"),
        ).add_class("kinerja-adjust-alasan")
        #: Who the adjustments name: the signed-in account, never typed (DESIGN §9).
        self.adj_who = w.HTML(
            text.SIGNED_AS.format(label=F["who"], who=html.escape(signer))
        ).add_class("kinerja-oleh")
        self.adj_save = w.Button(
            description=F["save"],
            button_style="warning",
            icon="check",
            layout=w.Layout(width="auto"),
        ).add_class("kinerja-adjust-simpan")
        self.adj_undo = w.Button(
            description=F["undo"], icon="undo", layout=w.Layout(width="auto")
        ).add_class("kinerja-adjust-undo")
        super().__init__(
            [
                w.HTML(f"<h3 style='margin:8px 0 2px 0'>{text.HEAD_ADJUST}</h3>"),
                self.adj_employee,
                self.adj_current,
                w.HBox([self.adj_field, self.adj_value]),
                self.adj_reason,
                w.HBox([self.adj_who, self.adj_save, self.adj_undo]),
            ]
        )

    def show_employees(self, board: CalibrationBoard, unit: str | None, level: str | None) -> None:
        """The selection's employees as choices, each with their predikat; keeps the choice."""
        s = board.summary(unit, level).sort_values("nama")
        options = [
            (f"{r.nama} — {r.nip} · {label(r.predikat, Predikat)}", r.nip) for r in s.itertuples()
        ]
        current = self.adj_employee.value
        self.adj_employee.options = options
        values = [v for _, v in options]
        self.adj_employee.value = current if current in values else (values[0] if values else None)

    def show_current(self, board: CalibrationBoard, nip: str) -> None:
        """The chosen employee's values in force, as the board last read them."""
        mark = text.CALIBRATED_MARK if bool(board.calibrated.at[nip, "dikalibrasi"]) else ""
        self.adj_current.value = text.CURRENT_VALUES.format(
            hasil_kerja=rating_label(board.current(nip, "rating_hasil_kerja")),
            perilaku=rating_label(board.current(nip, "rating_perilaku")),
            predikat=html.escape(label(board.current(nip, "predikat"), Predikat)),
            mark=mark,
        )


class MinutesPanel(w.VBox):
    """The adjustment log, the participants and the minutes' downloads (PDF, Excel)."""

    def __init__(self) -> None:
        self.adj_log = w.HTML().add_class("kinerja-log")
        self.participants = w.Textarea(
            description=F["participants"],
            placeholder=F["participants_hint"],
            layout=w.Layout(width="640px", height="70px"),
        ).add_class("kinerja-peserta")
        self.minutes_pdf = w.Button(description=F["pdf"], icon="file-pdf-o").add_class(
            "kinerja-ba-pdf"
        )
        self.minutes_xlsx = w.Button(description=F["xlsx"], icon="file-excel-o").add_class(
            "kinerja-ba-xlsx"
        )
        self.download = w.HTML().add_class("kinerja-unduh")
        super().__init__(
            [
                self.adj_log,
                w.HTML(f"<h3 style='margin:8px 0 2px 0'>{text.HEAD_MINUTES}</h3>"),
                self.participants,
                w.HBox([self.minutes_pdf, self.minutes_xlsx]),
                self.download,
            ]
        )

    def show_log(self, board: CalibrationBoard, unit: str | None) -> None:
        log = board.log(unit)
        shown = log.assign(
            field=log["field"].map(lambda f: ADJUSTABLE_FIELD[AdjustableField(f)]),
            old_value=log["old_value"].map(rating_label),
            new_value=log["new_value"].map(rating_label),
        )
        self.adj_log.value = text.HEAD_LOG.format(n=len(log)) + html_table(
            shown[["id", "nama", "field", "old_value", "new_value", "reason", "who"]].iloc[::-1],
            labels=BOARD_COLUMNS,
        )


class KalibrasiApp(w.VBox):
    """The calibration board: the views above over one :class:`CalibrationBoard` per period.

    The widgets people act on are also attributes of the app (``app.unit``,
    ``app.adj_save`` …), so a test drives the app as a facilitator would.
    """

    def __init__(self, store: Store, *, demo: bool = False, access: Access | None = None):
        #: The account's scope, checked before anything else is read and on every
        #: selection and adjustment (DESIGN §9).
        self.access = access or Access.for_app(store, KALIBRASI)
        if not self.access.allows_unit(None) and not self.access.units(units(store)):
            raise AccessDenied(akses.NO_UNITS)
        self.store = store
        self.status = w.HTML().add_class("kinerja-status")
        self.bar = SelectionBar(store.periods() or ["-"])
        self.distribution_panel = DistributionPanel()
        self.raters_panel = RatersPanel()
        self.nine_box_panel = NineBoxPanel()
        self.queue_panel = QueuePanel()
        self.form = AdjustmentForm(self.access.who)
        self.minutes = MinutesPanel()
        # the views' widgets under the app's own names too (the tests and benchmarks use them)
        bar, nine, form, minutes = self.bar, self.nine_box_panel, self.form, self.minutes
        self.periode, self.unit, self.level = bar.periode, bar.unit, bar.level
        self.projector, self.distribution = bar.projector, self.distribution_panel.distribution
        self.raters, self.agreement = self.raters_panel.raters, self.raters_panel.agreement
        self.raters_note = self.raters_panel.note
        self.recompute_raters = self.raters_panel.recompute
        self.box_buttons, self.box_people = nine.box_buttons, nine.box_people
        self.queue, self.adj_employee = self.queue_panel.queue, form.adj_employee
        self.adj_field, self.adj_value = form.adj_field, form.adj_value
        self.adj_current, self.adj_reason = form.adj_current, form.adj_reason
        self.adj_who, self.adj_save, self.adj_undo = form.adj_who, form.adj_save, form.adj_undo
        self.adj_log, self.participants = minutes.adj_log, minutes.participants
        self.minutes_pdf, self.minutes_xlsx = minutes.minutes_pdf, minutes.minutes_xlsx
        self.download = minutes.download
        self.tabs = w.Tab(
            children=[
                self.distribution_panel,
                self.raters_panel,
                self.nine_box_panel,
                self.queue_panel,
            ],
            titles=text.KALIBRASI_TABS,
        ).add_class("kinerja-tabs")
        super().__init__(
            [
                w.HTML(PROJECTOR_CSS),
                header(demo=demo),
                self.bar,
                self.status,
                self.tabs,
                self.form,
                self.minutes,
            ]
        )
        self.add_class("kinerja-kalibrasi")
        on = guarded(self.status)
        self.bar.periode.observe(on(self._load), names="value")
        self.bar.unit.observe(on(self.refresh), names="value")
        self.bar.level.observe(on(self.refresh), names="value")
        self.bar.projector.observe(on(self._projector), names="value")
        self.form.adj_employee.observe(on(self._show_current), names="value")
        self.form.adj_field.observe(on(self._show_current), names="value")
        self.form.adj_save.on_click(on(self._on_adjust))
        self.form.adj_undo.on_click(on(self._on_undo))
        self.minutes.minutes_pdf.on_click(on(self._on_minutes_pdf))
        self.minutes.minutes_xlsx.on_click(on(self._on_minutes_xlsx))
        self.raters_panel.recompute.on_click(on(self._on_recompute_raters))
        for box, b in zip(BOX_ORDER, self.nine_box_panel.box_buttons, strict=True):
            b.on_click(on(lambda _b, box=box: self.show_box(box)))
        self._load()

    @classmethod
    def from_env(cls, db: str | None = None) -> KalibrasiApp | StoreUnavailable | Refusal:
        """Build the board on ``db``, else ``KINERJA_DB``, else the demo store;
        a store that cannot be opened gives a :class:`StoreUnavailable` view saying why,
        an account that may not open Kalibrasi a :class:`Refusal`."""
        return open_app(
            lambda store, demo: cls(store, demo=demo), db, css_class="kinerja-kalibrasi"
        )

    # ----------------------------------------------------------- state

    def _load(self, *_: Any) -> None:
        # opens on the unit with the largest curve violation (the stored distribution)
        # among the units of the account
        access, periode = self.access, self.bar.periode.value
        mine = None if access.unrestricted else access.units(units(self.store))
        self.board = CalibrationBoard(
            self.store, periode, unit=worst_unit(self.store, periode, units=mine)
        )
        self._loading = True
        try:
            units_ = access.units(self.board.unit_names())
            everything = [ALL_UNITS] if access.allows_unit(None) else []
            self.bar.unit.options = [*everything, *units_]
            self.bar.unit.value = (
                self.board.unit if self.board.unit in units_ else self.bar.unit.options[0]
            )
            self.bar.level.options = [ALL_LEVELS, *self.board.level_names()]
            self.bar.level.value = ALL_LEVELS
        finally:
            self._loading = False
        self.refresh()

    def selection(self) -> tuple[str | None, str | None]:
        """The unit and level chosen (None = all), refused outside the account's units."""
        unit, level = self.bar.selection()
        self.access.check_unit(unit)  # the unit's value may have been set from outside
        return unit, level

    # ----------------------------------------------------------- panels

    def refresh(self, *_: Any) -> None:
        """Redraw every panel from the board, after reading the store's adjustment log."""
        if getattr(self, "_loading", False):
            return
        unit = self.selection()[0]
        if unit is not None and unit != self.board.unit:
            self.board.open(unit)  # reads that unit only
        self.board.refresh()
        self.raters_panel.show(self.board, self.selection()[0])
        self._redraw()

    def _redraw(self) -> None:
        """Every panel an adjustment can change (the raters' panel cannot)."""
        unit, level = self.selection()
        self.distribution_panel.show(self.board, unit, level)
        self.nine_box_panel.show(self.board, unit, level)
        self.queue_panel.show(self.board, unit, level)
        self.form.show_employees(self.board, unit, level)  # the choices show each predikat
        self._show_current()
        self.minutes.show_log(self.board, unit)

    def show_box(self, box: int) -> pd.DataFrame:
        """List the people of one box (what a click on the box does)."""
        return self.nine_box_panel.show_box(self.board, box, *self.selection())

    def _show_current(self, *_: Any) -> None:
        nip = self.form.adj_employee.value
        if nip is None:
            self.form.adj_current.value = ""
        elif not self.access.allows_employee(nip):
            self.form.adj_current.value = ""
            raise AccessDenied(akses.EMPLOYEE_REFUSED.format(nip=nip))
        elif self.board.refresh(nip) and not getattr(self, "_loading", False):
            self.refresh()  # another board changed this employee: every panel is stale
        else:
            self.form.show_current(self.board, nip)

    # ----------------------------------------------------------- actions

    def _after_change(self, done: str) -> None:
        self.board.refresh()  # other facilitators' adjustments too
        self._redraw()
        self.status.value = message(done, "ok")

    def _on_adjust(self, *_: Any) -> None:
        nip = self.form.adj_employee.value
        if nip is None:
            return
        self.access.check_write([nip])  # the account against this employee, now (DESIGN §9)
        r = self.board.adjust(
            nip=nip,
            field=self.form.adj_field.value,
            new_value=self.form.adj_value.value,
            reason=self.form.adj_reason.value,
            who=self.access.who,
        )
        self.form.adj_reason.value = ""
        before, after = (label(p, Predikat) for p in (r.predikat_before, r.predikat_after))
        self._after_change(text.ADJUST_SAVED.format(id=r.adjustment_id, before=before, after=after))

    def _on_undo(self, *_: Any) -> None:
        nip = self.form.adj_employee.value
        if nip is None:
            return
        form = self.form
        self.access.check_write([nip])
        r = self.board.undo(nip=nip, who=self.access.who, reason=form.adj_reason.value)
        form.adj_reason.value = ""
        value = rating_label(r.new_value)
        self._after_change(text.ADJUST_UNDONE.format(id=r.adjustment_id, value=value))

    def minutes_frames(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The minutes' frames of the selection (:meth:`CalibrationBoard.minutes_frames`),
        after reading the store's log: the minutes carry every facilitator's adjustments."""
        self.board.refresh()
        return self.board.minutes_frames(*self.selection())

    def _on_minutes_pdf(self, *_: Any) -> None:
        unit, _level = self.selection()
        log, dist, counts = self.minutes_frames()
        self.minutes.minutes_pdf.disabled = True
        try:
            self.last_minutes = minutes_pdf(
                periode=self.board.periode,
                unit=unit or text.MINUTES_ALL_UNITS,
                tanggal=now_wib().strftime("%d-%m-%Y"),
                peserta=self.minutes.participants.value.splitlines(),
                adjustments=log,
                distribution=dist,
                counts=counts,
            )
            self.minutes.download.value = download_link(
                self.last_minutes,
                f"berita_acara_kalibrasi_{self.board.periode}.pdf",
                text.DOWNLOAD_MINUTES,
                mime="application/pdf",
            )
        finally:
            self.minutes.minutes_pdf.disabled = False

    def _on_minutes_xlsx(self, *_: Any) -> None:
        unit, level = self.selection()
        log, dist, counts = self.minutes_frames()
        table = self.board.export_table(unit, level)
        buf = io.BytesIO()
        write_frames(
            {"ringkasan_kalibrasi": table, "kalibrasi": log, "distribusi": dist, "sebaran": counts},
            buf,
        )
        self.last_workbook = buf.getvalue()
        self.minutes.download.value = download_link(
            self.last_workbook, f"kalibrasi_{self.board.periode}.xlsx", text.DOWNLOAD_RECAP
        )

    def _on_recompute_raters(self, *_: Any) -> None:
        """Recompute the stored rater figures of the period (reads the period's ratings once)."""
        self.access.check_unit_write(None)  # a period-wide write: every unit in scope only
        self.raters_panel.recompute.disabled = True
        try:
            self.board.refresh_rater_figures()
        finally:
            self.raters_panel.recompute.disabled = False
        self.raters_panel.show(self.board, self.selection()[0])
        self.status.value = message(text.RATERS_REFRESHED, "ok")

    def _projector(self, *_: Any) -> None:
        if self.bar.projector.value:
            self.add_class("kinerja-proyektor")
        else:
            self.remove_class("kinerja-proyektor")
