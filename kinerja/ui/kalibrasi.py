"""Kalibrasi: the live calibration board for facilitators (``workbooks/kalibrasi.ipynb``).

Panels are plain HTML and buttons built from :class:`kinerja.board.CalibrationBoard`
figures, so an adjustment redraws everything in milliseconds (no chart
rendering on the hot path); a projector mode switches to large type and
high contrast.

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
from typing import Any

import ipywidgets as w
import pandas as pd

from kinerja.board import CalibrationBoard, predikat_counts, rating_label
from kinerja.excel import calibration_table, write_frames
from kinerja.labels import ADJUSTABLE_FIELD, JPM_CATEGORY, LENIENCY, PREDIKAT, RATING
from kinerja.profile import fmt
from kinerja.report import minutes_pdf
from kinerja.store import Store
from kinerja.ui.common import (
    ALL_UNITS,
    StoreUnavailable,
    download_link,
    guarded,
    header,
    html_table,
    message,
    now_wib,
    open_app,
)
from kinerja.vocab import AdjustableField, JpmCategory, Predikat, Rating

ALL_LEVELS = "(semua jenjang)"
PREDIKAT_COLOURS = {
    "sangat_baik": "#1b7837",
    "baik": "#7fbf7b",
    "butuh_perbaikan": "#e3a6c9",
    "kurang_misconduct": "#d6604d",
    "sangat_kurang": "#8e0152",
}

PROJECTOR_CSS = (
    "<style>\n"
    ".kinerja-kalibrasi.kinerja-proyektor { font-size: 20px; background: #000; color: #fff; }\n"
    ".kinerja-kalibrasi.kinerja-proyektor .widget-html-content, "
    ".kinerja-kalibrasi.kinerja-proyektor label,\n"
    ".kinerja-kalibrasi.kinerja-proyektor .widget-label "
    "{ font-size: 20px !important; color: #fff !important; }\n"
    ".kinerja-kalibrasi.kinerja-proyektor .kinerja-table { font-size: 20px; color: #fff; }\n"
    ".kinerja-kalibrasi.kinerja-proyektor .kinerja-table th { background: #333; color: #ffeb3b; }\n"
    ".kinerja-kalibrasi.kinerja-proyektor .kinerja-box button { font-size: 22px; height: 90px; }\n"
    ".kinerja-kalibrasi.kinerja-proyektor .kinerja-bar-label { color: #fff; }\n"
    ".kinerja-box button { height: 64px; font-weight: bold; white-space: pre-line; }\n"
    "</style>"
)


def readable_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its decimal columns as Indonesian text (``3,00``, ``-0,50``; empty ``–``).

    DESIGN §11: decimal comma, two decimals; whole-number columns stay as they are.
    """
    floats = [c for c in frame.columns if frame[c].dtype.kind == "f"]
    if not floats:
        return frame
    return frame.assign(**{c: frame[c].map(fmt) for c in floats})


def bars_html(before: pd.DataFrame, after: pd.DataFrame) -> str:
    """Before/after predikat counts as horizontal bars (pure HTML, fast to redraw)."""
    top = max(int(before["jumlah"].max() or 0), int(after["jumlah"].max() or 0), 1)
    rows = []
    for p in Predikat:
        b = int(before.loc[before["predikat"] == p.value, "jumlah"].iloc[0])
        a = int(after.loc[after["predikat"] == p.value, "jumlah"].iloc[0])
        colour = PREDIKAT_COLOURS[p.value]
        rows.append(
            f"<tr data-predikat='{p.value}'>"
            "<td class='kinerja-bar-label' style='padding-right:8px'>"
            f"{html.escape(PREDIKAT[p])}</td><td style='width:420px'>"
            f"<div style='background:{colour};opacity:.45;height:10px;"
            f"width:{100 * b / top:.1f}%'></div>"
            f"<div style='background:{colour};height:14px;width:{100 * a / top:.1f}%'></div></td>"
            f"<td>awal <b class='kinerja-awal'>{b}</b> → "
            f"kini <b class='kinerja-kini'>{a}</b></td></tr>"
        )
    return "<table class='kinerja-bars'>" + "".join(rows) + "</table>"


class KalibrasiApp(w.VBox):
    """The calibration board."""

    def __init__(self, store: Store, *, demo: bool = False, default_who: str = ""):
        self.store = store
        periods = store.periods() or ["-"]
        self.status = w.HTML().add_class("kinerja-status")
        self.periode = w.Dropdown(options=periods, value=periods[-1], description="Periode")
        self.periode.add_class("kinerja-periode")
        self.unit = w.Dropdown(description="Unit kerja", layout=w.Layout(width="520px"))
        self.unit.add_class("kinerja-unit")
        self.level = w.Dropdown(description="Jenjang")
        self.level.add_class("kinerja-level")
        self.projector = w.ToggleButton(description="Mode proyektor", icon="desktop")
        self.projector.add_class("kinerja-proyektor-tombol")
        self.distribution = w.HTML().add_class("kinerja-distribusi")
        self.raters = w.HTML().add_class("kinerja-penilai")
        self.agreement = w.HTML().add_class("kinerja-kesepakatan")
        self.box_buttons = [w.Button(layout=w.Layout(width="100%")) for _ in range(9)]
        self.grid = w.GridBox(
            self.box_buttons, layout=w.Layout(grid_template_columns="repeat(3, 1fr)", width="560px")
        )
        self.grid.add_class("kinerja-box")
        self.box_people = w.HTML().add_class("kinerja-box-daftar")
        self.queue = w.HTML().add_class("kinerja-antrian")
        # adjustment form
        self.adj_employee = w.Dropdown(description="Pegawai", layout=w.Layout(width="640px"))
        self.adj_employee.add_class("kinerja-adjust-pegawai")
        self.adj_field = w.Dropdown(
            options=[(ADJUSTABLE_FIELD[f], f.value) for f in AdjustableField], description="Rating"
        )
        self.adj_field.add_class("kinerja-adjust-field")
        self.adj_value = w.Dropdown(
            options=[(RATING[r], r.value) for r in Rating], description="Menjadi"
        )
        self.adj_value.add_class("kinerja-adjust-nilai")
        self.adj_current = w.HTML().add_class("kinerja-adjust-kini")
        self.adj_reason = w.Textarea(
            description="Alasan",
            placeholder="wajib: dasar penyesuaian",
            layout=w.Layout(width="640px", height="60px"),
        )
        self.adj_reason.add_class("kinerja-adjust-alasan")
        self.adj_who = w.Text(value=default_who, description="Fasilitator", placeholder="nama")
        self.adj_who.add_class("kinerja-adjust-oleh")
        self.adj_save = w.Button(
            description="Simpan penyesuaian",
            button_style="warning",
            icon="check",
            layout=w.Layout(width="auto"),
        )
        self.adj_save.add_class("kinerja-adjust-simpan")
        self.adj_undo = w.Button(
            description="Batalkan penyesuaian terakhir", icon="undo", layout=w.Layout(width="auto")
        )
        self.adj_undo.add_class("kinerja-adjust-undo")
        self.adj_log = w.HTML().add_class("kinerja-log")
        # minutes
        self.participants = w.Textarea(
            description="Peserta",
            placeholder="satu nama per baris",
            layout=w.Layout(width="640px", height="70px"),
        )
        self.participants.add_class("kinerja-peserta")
        self.minutes_pdf = w.Button(description="Berita acara (PDF)", icon="file-pdf-o")
        self.minutes_pdf.add_class("kinerja-ba-pdf")
        self.minutes_xlsx = w.Button(description="Rekap (Excel)", icon="file-excel-o")
        self.minutes_xlsx.add_class("kinerja-ba-xlsx")
        self.download = w.HTML().add_class("kinerja-unduh")

        tabs = w.Tab(
            children=[
                w.VBox([self.distribution]),
                w.VBox([self.raters, self.agreement]),
                w.VBox([self.grid, self.box_people]),
                w.VBox([self.queue]),
            ]
        )
        for i, t in enumerate(
            ["Distribusi", "Penilai & kesepakatan", "Kotak talenta", "Antrian diskusi"]
        ):
            tabs.set_title(i, t)
        tabs.add_class("kinerja-tabs")
        self.tabs = tabs
        adjust = w.VBox(
            [
                w.HTML("<h3 style='margin:8px 0 2px 0'>Penyesuaian</h3>"),
                self.adj_employee,
                self.adj_current,
                w.HBox([self.adj_field, self.adj_value]),
                self.adj_reason,
                w.HBox([self.adj_who, self.adj_save, self.adj_undo]),
                self.adj_log,
                w.HTML("<h3 style='margin:8px 0 2px 0'>Berita acara</h3>"),
                self.participants,
                w.HBox([self.minutes_pdf, self.minutes_xlsx]),
                self.download,
            ]
        )
        super().__init__(
            [
                w.HTML(PROJECTOR_CSS),
                header(
                    "Papan kalibrasi: sebaran predikat terhadap kurva, penilai, kotak talenta dan "
                    "penyesuaian beralasan.",
                    demo=demo,
                ),
                w.HBox([self.periode, self.unit, self.level, self.projector]),
                self.status,
                tabs,
                adjust,
            ]
        )
        self.add_class("kinerja-kalibrasi")
        on = guarded(self.status)
        self.periode.observe(on(self._load), names="value")
        self.unit.observe(on(self.refresh), names="value")
        self.level.observe(on(self.refresh), names="value")
        self.projector.observe(on(self._projector), names="value")
        self.adj_employee.observe(on(self._show_current), names="value")
        self.adj_field.observe(on(self._show_current), names="value")
        self.adj_save.on_click(on(self._on_adjust))
        self.adj_undo.on_click(on(self._on_undo))
        self.minutes_pdf.on_click(on(self._on_minutes_pdf))
        self.minutes_xlsx.on_click(on(self._on_minutes_xlsx))
        for i, b in enumerate(self.box_buttons):
            b.on_click(on(lambda _b, i=i: self.show_box(self._box_at(i))))
        self._load()

    @classmethod
    def from_env(cls, db: str | None = None) -> KalibrasiApp | StoreUnavailable:
        """Build the board on ``db``, else ``KINERJA_DB``, else the demo store;
        a store that cannot be opened gives a :class:`StoreUnavailable` view saying why."""
        return open_app(
            lambda store, demo: cls(store, demo=demo), db, css_class="kinerja-kalibrasi"
        )

    # ----------------------------------------------------------- state

    def _load(self, *_: Any) -> None:
        self.board = CalibrationBoard(self.store, self.periode.value)
        units = self.board.unit_names()
        violations = self.board.violations_by_unit()
        worst = violations.loc[violations["n_melanggar"] > 0, "unit_kerja"].tolist()
        self._loading = True
        try:
            self.unit.options = [ALL_UNITS, *units]
            self.unit.value = (
                worst[0] if worst else ALL_UNITS
            )  # open on the unit breaking its curve
            self.level.options = [ALL_LEVELS, *self.board.level_names()]
            self.level.value = ALL_LEVELS
        finally:
            self._loading = False
        self.refresh()

    def selection(self) -> tuple[str | None, str | None]:
        """The unit and level chosen (None = all)."""
        unit = None if self.unit.value in (None, ALL_UNITS) else self.unit.value
        level = None if self.level.value in (None, ALL_LEVELS) else self.level.value
        return unit, level

    def _box_at(self, i: int) -> int:
        return [4, 7, 9, 2, 5, 8, 1, 3, 6][i]

    # ----------------------------------------------------------- panels

    def refresh(self, *_: Any) -> None:
        """Redraw every panel from the board, after reading the store's adjustment log."""
        if getattr(self, "_loading", False):
            return
        self.board.refresh()
        unit, level = self.selection()
        self._distribution_panel(unit, level)
        self._raters_panel(unit)
        self._nine_box_panel(unit, level)
        self._queue_panel(unit, level)
        self._employees(unit, level)
        self._log_panel(unit)

    def _distribution_panel(self, unit: str | None, level: str | None) -> None:
        b = self.board
        before = predikat_counts(b.summary(unit, level, calibrated=False))
        after = predikat_counts(b.summary(unit, level))
        parts = [
            f"<b>Sebaran predikat {'seluruh unit' if unit is None else html.escape(unit)}</b>",
            bars_html(before, after),
        ]
        if unit is None:
            parts.append(
                "<b>Pemeriksaan kurva per unit</b>"
                + html_table(
                    b.violations_by_unit(),
                    labels={
                        "unit_kerja": "Unit",
                        "predikat_organisasi": "Predikat organisasi",
                        "n_melanggar": "Aturan dilanggar",
                        "saran": "Saran",
                    },
                )
            )
        else:
            table = b.distribution_table(unit)
            if len(table):
                org = b.distribution(unit)["predikat_organisasi"].iloc[0]
                parts.append(
                    f"<b>Kurva untuk predikat organisasi: {html.escape(org)}</b>"
                    + html_table(
                        readable_numbers(table),
                        labels={
                            "aturan": "Aturan",
                            "predikat": "Predikat",
                            "batas": "Batas",
                            "jumlah_awal": "Awal",
                            "jumlah": "Kini",
                            "status": "Status",
                            "selisih": "Selisih",
                            "saran": "Saran",
                        },
                    )
                )
            else:
                parts.append(
                    message("Unit ini belum punya predikat organisasi untuk periode ini.", "info")
                )
        self.distribution.value = "".join(parts)

    def _raters_panel(self, unit: str | None) -> None:
        r = self.board.raters(unit)
        r = r.assign(label=r["label"].map(LENIENCY))
        self.raters.value = (
            "<b>Kemurahan penilai</b> (deviasi dari rata-rata penilai lain pada sel yang sama)"
            + html_table(
                readable_numbers(r.head(40)),
                labels={
                    "nip_penilai": "NIP",
                    "nama": "Penilai",
                    "n_sel": "Sel",
                    "deviasi": "Deviasi",
                    "label": "Label",
                },
            )
        )
        a = self.board.agreement(unit)
        if unit is not None and len(a):
            agree = "<b>Kesepakatan antar-penilai</b> (Krippendorff α per kompetensi)" + html_table(
                readable_numbers(a[["kompetensi_kode", "alpha", "n_dinilai"]]),
                labels={"kompetensi_kode": "Kompetensi", "alpha": "α", "n_dinilai": "Pegawai"},
            )
        else:
            mean = a["alpha"].mean() if len(a) else float("nan")
            agree = (
                f"<b>Kesepakatan antar-penilai</b>: rata-rata α = {fmt(mean)} "
                "(pilih unit untuk rinciannya)"
            )
        d = self.board.disagreement(unit).head(10)
        names = self.board.dataset.pegawai.set_index("nip")["nama"]
        d = d.assign(nama=d["nip"].map(names))[["nama", "sebaran", "kompetensi_terbesar"]]
        self.agreement.value = (
            agree
            + "<b>Pegawai dengan penilai paling berbeda pendapat</b>"
            + html_table(
                readable_numbers(d),
                labels={
                    "nama": "Pegawai",
                    "sebaran": "Rentang rata-rata",
                    "kompetensi_terbesar": "Kompetensi",
                },
            )
        )

    def _nine_box_panel(self, unit: str | None, level: str | None) -> None:
        counts = self.board.nine_box(unit, level).set_index("kotak")["jumlah"]
        for i, button in enumerate(self.box_buttons):
            box = self._box_at(i)
            button.description = f"Kotak {box}: {int(counts.get(box, 0))} org"
            button.button_style = "info" if counts.get(box, 0) else ""

    def show_box(self, box: int) -> pd.DataFrame:
        """List the people of one box (what a click on the box does)."""
        unit, level = self.selection()
        people = self.board.people_in_box(box, unit, level)
        shown = people.assign(
            predikat=people["predikat"].map(
                lambda p: PREDIKAT[Predikat(p)] if isinstance(p, str) else "–"
            ),
            kategori_jpm=people["kategori_jpm"].map(
                lambda k: JPM_CATEGORY[JpmCategory(k)] if isinstance(k, str) else "–"
            ),
        )
        self.box_people.value = f"<b>Kotak {box}</b> ({len(people)} pegawai)" + html_table(
            shown,
            labels={
                "nip": "NIP",
                "nama": "Nama",
                "jabatan": "Jabatan",
                "predikat": "Predikat",
                "kategori_jpm": "JPM",
            },
        )
        return people

    def _queue_panel(self, unit: str | None, level: str | None) -> None:
        q = self.board.queue(unit, level)
        q = q.assign(
            predikat=q["predikat"].map(
                lambda p: PREDIKAT[Predikat(p)] if isinstance(p, str) else "–"
            )
        )
        self.queue.value = (
            f"<b>Antrian diskusi</b> ({len(q)} kasus, paling mendesak dulu)"
            + html_table(
                readable_numbers(
                    q[["nama", "unit_kerja", "predikat", "skor_prioritas", "alasan"]].head(60)
                ),
                labels={
                    "nama": "Pegawai",
                    "unit_kerja": "Unit",
                    "predikat": "Predikat",
                    "skor_prioritas": "Prioritas",
                    "alasan": "Alasan",
                },
            )
        )

    def _employees(self, unit: str | None, level: str | None) -> None:
        s = self.board.summary(unit, level).sort_values("nama")
        options = [
            (
                f"{r.nama} — {r.nip} · "
                f"{PREDIKAT[Predikat(r.predikat)] if isinstance(r.predikat, str) else '–'}",
                r.nip,
            )
            for r in s.itertuples()
        ]
        current = self.adj_employee.value
        self.adj_employee.options = options
        values = [v for _, v in options]
        self.adj_employee.value = current if current in values else (values[0] if values else None)
        self._show_current()

    def _show_current(self, *_: Any) -> None:
        nip = self.adj_employee.value
        if nip is None:
            self.adj_current.value = ""
            return
        b = self.board
        if b.refresh(nip) and not getattr(self, "_loading", False):
            self.refresh()  # another board changed this employee: every panel is stale
            return
        mark = " <b>(dikalibrasi)</b>" if bool(b.calibrated.at[nip, "dikalibrasi"]) else ""
        hasil_kerja = rating_label(b.current(nip, "rating_hasil_kerja"))
        predikat = b.current(nip, "predikat")
        predikat_text = html.escape(PREDIKAT[Predikat(predikat)]) if predikat else "–"
        self.adj_current.value = (
            f"Kini: hasil kerja <b>{hasil_kerja}</b>, perilaku "
            f"<b>{rating_label(b.current(nip, 'rating_perilaku'))}</b> → predikat "
            f"<b class='kinerja-adjust-predikat'>{predikat_text}</b>{mark}"
        )

    def _log_panel(self, unit: str | None) -> None:
        log = self.board.adjustments
        names = self.board.calibrated  # indexed by nip: nama, unit_kerja
        if unit is not None:
            log = log.loc[log["nip"].map(names["unit_kerja"]) == unit]
        shown = log.assign(
            nama=log["nip"].map(names["nama"]),
            field=log["field"].map(lambda f: ADJUSTABLE_FIELD[AdjustableField(f)]),
            old_value=log["old_value"].map(rating_label),
            new_value=log["new_value"].map(rating_label),
        )
        self.adj_log.value = f"<b>Log penyesuaian</b> ({len(log)})" + html_table(
            shown[["id", "nama", "field", "old_value", "new_value", "reason", "who"]].iloc[::-1],
            labels={
                "id": "#",
                "nama": "Pegawai",
                "field": "Rating",
                "old_value": "Dari",
                "new_value": "Menjadi",
                "reason": "Alasan",
                "who": "Oleh",
            },
        )

    # ----------------------------------------------------------- actions

    def _after_change(self, text: str) -> None:
        self.board.refresh()  # other facilitators' adjustments too
        unit, level = self.selection()
        self._distribution_panel(unit, level)
        self._nine_box_panel(unit, level)
        self._queue_panel(unit, level)
        self._employees(unit, level)  # the choices show each employee's predikat: relabel them
        self._log_panel(unit)
        self.status.value = message(text, "ok")

    def _on_adjust(self, *_: Any) -> None:
        nip = self.adj_employee.value
        if nip is None:
            return
        r = self.board.adjust(
            nip=nip,
            field=self.adj_field.value,
            new_value=self.adj_value.value,
            reason=self.adj_reason.value,
            who=self.adj_who.value,
        )
        self.adj_reason.value = ""
        self._after_change(
            f"Penyesuaian #{r.adjustment_id} tersimpan: predikat "
            f"{PREDIKAT[Predikat(r.predikat_before)] if r.predikat_before else '–'} → "
            f"{PREDIKAT[Predikat(r.predikat_after)] if r.predikat_after else '–'}."
        )

    def _on_undo(self, *_: Any) -> None:
        nip = self.adj_employee.value
        if nip is None:
            return
        r = self.board.undo(nip=nip, who=self.adj_who.value, reason=self.adj_reason.value)
        self.adj_reason.value = ""
        self._after_change(
            f"Penyesuaian dibatalkan (#{r.adjustment_id}); nilai kembali ke "
            f"{rating_label(r.new_value)}."
        )

    def minutes_frames(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Adjustments (with names), distribution rows and before/after counts of the selection.

        The store's log is read first: the minutes carry every facilitator's adjustments.
        """
        self.board.refresh()
        unit, level = self.selection()
        names = self.board.dataset.pegawai.set_index("nip")
        log = self.board.adjustments
        if unit is not None:
            log = log.loc[log["nip"].map(names["unit_kerja"]) == unit]
        log = log.assign(nama=log["nip"].map(names["nama"]))
        dist = (
            self.board.distribution_table(unit)
            if unit is not None
            else pd.DataFrame(
                columns=["aturan", "predikat", "batas", "jumlah_awal", "jumlah", "status", "saran"]
            )
        )
        before = predikat_counts(self.board.summary(unit, level, calibrated=False))
        after = predikat_counts(self.board.summary(unit, level))
        counts = pd.DataFrame(
            {"predikat": before["predikat"], "awal": before["jumlah"], "sesudah": after["jumlah"]}
        )
        return log, dist, counts

    def _on_minutes_pdf(self, *_: Any) -> None:
        unit, _level = self.selection()
        log, dist, counts = self.minutes_frames()
        self.minutes_pdf.disabled = True
        try:
            data = minutes_pdf(
                periode=self.board.periode,
                unit=unit or "Seluruh unit",
                tanggal=now_wib().strftime("%d-%m-%Y"),
                peserta=self.participants.value.splitlines(),
                adjustments=log,
                distribution=dist,
                counts=counts,
            )
            self.last_minutes = data
            self.download.value = download_link(
                data,
                f"berita_acara_kalibrasi_{self.board.periode}.pdf",
                "Unduh berita acara (PDF)",
                mime="application/pdf",
            )
        finally:
            self.minutes_pdf.disabled = False

    def _on_minutes_xlsx(self, *_: Any) -> None:
        unit, level = self.selection()
        scores = self.board.calibrated_scores()
        table = calibration_table(scores)
        keep = set(self.board.summary(unit, level)["nip"])
        table = table.loc[table["nip"].isin(keep)]
        log, dist, counts = self.minutes_frames()
        buf = io.BytesIO()
        write_frames(
            {"ringkasan_kalibrasi": table, "kalibrasi": log, "distribusi": dist, "sebaran": counts},
            buf,
        )
        self.last_workbook = buf.getvalue()
        self.download.value = download_link(
            self.last_workbook,
            f"kalibrasi_{self.board.periode}.xlsx",
            "Unduh rekap kalibrasi (Excel)",
        )

    def _projector(self, *_: Any) -> None:
        if self.projector.value:
            self.add_class("kinerja-proyektor")
        else:
            self.remove_class("kinerja-proyektor")
