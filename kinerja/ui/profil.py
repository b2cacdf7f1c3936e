"""Profil Kompetensi: one employee's profile and printable report.

The notebook is ``workbooks/profil_kompetensi.ipynb``.

The app reads only what it shows (DESIGN.md §7): people are found by search
within a unit (:func:`kinerja.results.search_employees`, at most
:data:`MATCH_LIMIT` at a time), and one employee's profile comes from their
one-ratee data set scored on its own (:func:`kinerja.lookup.employee_scores`),
with their history from the stored results of every period.  Nothing read
grows with the number of employees in the period.

Every number comes from :func:`kinerja.profile.build_profile`, which already
hides what anonymity forbids; charts are inline SVG rendered in the kernel
(offline, and readable by tests through ``.value``).
"""

from __future__ import annotations

import html
import os
import urllib.parse
from typing import Any

import ipywidgets as w
import pandas as pd

from kinerja import charts, lookup, roster
from kinerja.access import Access, AccessDenied
from kinerja.accounts import PROFIL
from kinerja.config import Policy
from kinerja.labels import SOURCE, akses, fmt, label
from kinerja.labels import apps as text
from kinerja.profile import (
    BLIND_SPOT,
    HIDDEN_STRENGTH,
    NOTE_NO_TRAINING,
    EmployeeProfile,
    build_profile,
)
from kinerja.report import profile_pdf, unit_pdf
from kinerja.store import Store
from kinerja.ui.common import (
    Refusal,
    StoreUnavailable,
    download_link,
    guarded,
    header,
    html_table,
    message,
    open_app,
)
from kinerja.ui.views import matrix_html
from kinerja.vocab import JpmCategory, Predikat, Rating, Source

PDF_MIME = "application/pdf"


def query_nip() -> str | None:
    """The ``?nip=`` of the page address in Voilà (None elsewhere)."""
    try:
        from voila.utils import get_query_string

        qs = get_query_string() or ""
    except Exception:  # noqa: BLE001 - not running under Voilà
        qs = os.environ.get("QUERY_STRING", "")
    return urllib.parse.parse_qs(qs).get("nip", [None])[0]


#: The most people the list of matches offers at a time.
MATCH_LIMIT = 30


class ProfilApp(w.VBox):
    """The Profil Kompetensi app."""

    def __init__(
        self,
        store: Store,
        *,
        demo: bool = False,
        nip: str | None = None,
        policy: Policy | None = None,
        access: Access | None = None,
    ):
        #: The signed-in account's scope: checked before anything else is read (DESIGN §9).
        self.access = access or Access.for_app(store, PROFIL)
        self.store = store
        self.policy = policy or Policy()
        periods = lookup.profile_periods(store) or ["-"]
        self.status = w.HTML().add_class("kinerja-status")
        f = text.PROFIL_FIELDS
        self.periode = w.Dropdown(options=periods, value=periods[-1], description=f["periode"])
        self.periode.add_class("kinerja-periode")
        self.unit = w.Dropdown(
            options=[
                (text.ALL_UNITS, ""),
                *((u, u) for u in self.access.units(roster.units(store))),
            ],
            description=f["unit"],
            layout=w.Layout(width="480px"),
        )
        self.unit.add_class("kinerja-unit")
        self.search = w.Text(description=f["search"], placeholder=f["search_hint"])
        self.search.add_class("kinerja-cari")
        self.employee = w.Dropdown(description=f["employee"], layout=w.Layout(width="640px"))
        self.employee.add_class("kinerja-pegawai")
        self.matches = w.HTML().add_class("kinerja-cari-info")
        self._quiet = False  # True while the app itself refills the choosers
        self.identity = w.HTML().add_class("kinerja-profil-header")
        self.summary = w.HTML().add_class("kinerja-predikat")
        self.matrix = w.HTML().add_class("kinerja-matriks-panel")
        self.calibration = w.HTML().add_class("kinerja-kalibrasi-tanda")
        self.chart_competency = w.HTML().add_class("kinerja-chart-kompetensi")
        self.chart_berakhlak = w.HTML().add_class("kinerja-chart-berakhlak")
        self.chart_sources = w.HTML().add_class("kinerja-chart-sumber")
        self.table = w.HTML().add_class("kinerja-tabel-kompetensi")
        self.strengths = w.HTML().add_class("kinerja-kekuatan")
        self.plan = w.HTML().add_class("kinerja-rencana")
        self.explanation = w.HTML().add_class("kinerja-penjelasan")
        self.comments = w.HTML().add_class("kinerja-catatan")
        self.history = w.HTML().add_class("kinerja-riwayat")
        self.chart_history = w.HTML().add_class("kinerja-chart-riwayat")
        self.pdf = w.Button(description=f["pdf"], icon="file-pdf-o")
        self.pdf.add_class("kinerja-pdf")
        self.pdf_unit = w.Button(description=f["pdf_unit"], icon="files-o")
        self.pdf_unit.add_class("kinerja-pdf-unit")
        self.progress = w.IntProgress(min=0, max=1, value=0, description=f["progress"])
        self.progress.add_class("kinerja-pdf-progress")
        self.download = w.HTML().add_class("kinerja-unduh")
        self.profile: EmployeeProfile | None = None
        self.last_charts: dict[str, Any] = {}
        explanation_box = w.Accordion(children=[self.explanation])
        explanation_box.set_title(0, f["how"])
        #: The header card: who, predikat, JPM, box and the PDF buttons, on top of the page.
        self.card = w.VBox(
            [
                self.identity,
                self.summary,
                w.HBox([self.pdf, self.pdf_unit, self.progress]),
                self.download,
            ],
            layout=w.Layout(
                border="1px solid #b8c4d6", padding="4px 14px 8px 14px", margin="8px 0"
            ),
        ).add_class("kinerja-ringkasan")
        self.card.layout.display = "none"  # until someone is shown
        super().__init__(
            [
                header(demo=demo),
                w.HBox([self.periode, self.unit]),
                w.HBox([self.search, self.employee]),
                self.matches,
                self.status,
                self.card,
                self.calibration,
                self.chart_competency,
                self.table,
                self.strengths,
                self.plan,
                self.matrix,
                w.HBox([self.chart_berakhlak, self.chart_sources]),
                self.comments,
                self.history,
                self.chart_history,
                explanation_box,
            ]
        )
        self.add_class("kinerja-profil")
        on = guarded(self.status)
        self.search.observe(on(self._on_filter), names="value")
        self.unit.observe(on(self._on_filter), names="value")
        self.periode.observe(on(self.show), names="value")
        self.employee.observe(on(self._on_employee), names="value")
        self.pdf.on_click(on(self._on_pdf))
        self.pdf_unit.on_click(on(self._on_pdf_unit))
        on(self._open)(nip)  # an error here shows in the banner, not as a traceback

    @classmethod
    def from_env(
        cls, db: str | None = None, nip: str | None = None
    ) -> ProfilApp | StoreUnavailable | Refusal:
        """Build the app on ``db``, else ``KINERJA_DB``, else the demo store;
        a store that cannot be opened gives a :class:`StoreUnavailable` view saying why,
        an account that may not open Profil a :class:`Refusal`.

        The employee is ``nip`` or the ``?nip=`` query parameter.
        """
        return open_app(
            lambda store, demo: cls(store, demo=demo, nip=nip or query_nip()),
            db,
            css_class="kinerja-profil",
        )

    # ------------------------------------------------------------ choosing

    def _open(self, nip: str | None) -> None:
        """The first thing shown: ``nip`` when given, else the first match of the first unit."""
        if nip is None and self.access.role == "pegawai":
            nip = self.access.account.nip if self.access.account else None  # their own profile
        if nip is not None:
            self.choose(nip)
            return
        self._first_unit()
        self._refresh_employees()

    def _first_unit(self) -> None:
        """Choose the first unit of the roster (the list then holds its first people)."""
        units = list(self.unit.options)
        if len(units) > 1:
            self._set_quietly(self.unit, units[1][1])

    def choose(self, nip: str) -> None:
        """Show the employee with this NIP: their unit is chosen and they are in the list.

        An unknown NIP shows the message and nobody (not the first of the list);
        a NIP outside the account's scope shows a refusal and nothing of that person.
        """
        if not self.access.allows_employee(nip):
            self._refuse(nip)
            return
        entry = lookup.roster_entry(self.store, nip)
        if entry is None:
            if not self.employee.options:  # the list to choose from: the first unit's people
                self._first_unit()
                self._refresh_employees(show=False)
            self._set_quietly(self.employee, None)
            self._clear()
            self.status.value = message(text.NIP_NOT_FOUND.format(nip=html.escape(nip)), "error")
            return
        self._set_quietly(self.search, "")
        units = [v for _, v in self.unit.options]
        self._set_quietly(self.unit, entry.unit_kerja if entry.unit_kerja in units else "")
        self._refresh_employees(select=entry)

    def _refuse(self, nip: str) -> None:
        """Nobody shown and the refusal said: no name, no figure of ``nip``."""
        self._set_quietly(self.employee, None)
        self._clear()
        refusal = AccessDenied(akses.EMPLOYEE_REFUSED.format(nip=nip))
        self.status.value = message(html.escape(str(refusal)), "error")

    def _set_quietly(self, widget: w.ValueWidget, value: object) -> None:
        self._quiet = True
        try:
            widget.value = value
        finally:
            self._quiet = False

    def _on_filter(self, *_: Any) -> None:
        if not self._quiet:
            self._refresh_employees()

    def _on_employee(self, *_: Any) -> None:
        if not self._quiet:
            self.show()

    def _refresh_employees(
        self, *, select: lookup.RosterEntry | None = None, show: bool = True
    ) -> None:
        """Fill the list with the first matches of the search within the unit, and show one.

        The employee shown stays when they still match; else the first match
        is shown (nobody when nothing matches).  ``select`` is added to the
        list when the first matches leave them out, and shown.
        """
        found = self.access.search(
            self.search.value, unit=self.unit.value or None, limit=MATCH_LIMIT + 1
        )
        more = len(found) > MATCH_LIMIT
        found = found.head(MATCH_LIMIT)
        options = [(f"{r.nama} — {r.nip} · {r.unit_kerja}", str(r.nip)) for r in found.itertuples()]
        if select is not None and select.nip not in [v for _, v in options]:
            options.append((f"{select.nama} — {select.nip} · {select.unit_kerja}", select.nip))
        values = [v for _, v in options]
        previous = select.nip if select is not None else self.employee.value
        target = previous if previous in values else (values[0] if values else None)
        self._quiet = True
        try:
            self.employee.options = options
            self.employee.value = target
        finally:
            self._quiet = False
        self.matches.value = (
            text.MORE_MATCHES.format(n=MATCH_LIMIT) if more else ("" if values else text.NO_MATCHES)
        )
        shown = None if self.profile is None else self.profile.info["nip"]
        if not show:
            return
        if target is None:
            self._clear()
        elif target != shown or select is not None:
            self.show()

    # ------------------------------------------------------------ showing

    def _clear(self) -> None:
        """Empty every panel of the profile: nobody is shown."""
        self.profile = None
        self.last_charts = {}
        self.card.layout.display = "none"
        for panel in (
            self.identity,
            self.summary,
            self.matrix,
            self.calibration,
            self.chart_competency,
            self.chart_berakhlak,
            self.chart_sources,
            self.table,
            self.strengths,
            self.plan,
            self.explanation,
            self.comments,
            self.history,
            self.chart_history,
            self.download,
        ):
            panel.value = ""

    def build(self, nip: str) -> EmployeeProfile:
        """The profile of one employee in the chosen period, from their own data only."""
        ds, scores = lookup.employee_scores(self.store, self.periode.value, nip, policy=self.policy)
        return build_profile(
            scores,
            nip=nip,
            pegawai=ds.pegawai,
            kompetensi=ds.kompetensi,
            penilaian=ds.penilaian,
            pelatihan=ds.pelatihan,
            policy=self.policy,
        )

    def show(self, *_: Any) -> None:
        """Fill every panel for the chosen employee."""
        nip = self.employee.value
        if nip is None:
            self._clear()
            return
        if not self.access.allows_employee(nip):  # a value set from outside the page
            self._refuse(nip)
            return
        profile = self.build(nip)
        self.profile = profile
        info = profile.info
        self.identity.value = (
            f"<h2 style='margin:6px 0 2px 0' class='kinerja-nama'>"
            f"{html.escape(str(info['nama']))}</h2>"
            + text.IDENTITY.format(
                nip=html.escape(str(info["nip_tampil"])),
                jabatan=html.escape(str(info["jabatan"])),
                unit=html.escape(str(info["unit_kerja"])),
                golongan=html.escape(str(info.get("golongan") or "–")),
                periode=html.escape(str(info["periode"])),
            )
        )
        mark = (
            " <span class='kinerja-dikalibrasi' "
            "style='background:#edae49;padding:1px 6px;border-radius:3px'>"
            f"{text.CALIBRATED_BADGE}</span>"
            if info.get("dikalibrasi")
            else ""
        )
        jpm = (
            "–"
            if pd.isna(info.get("jpm"))
            else f"{fmt(info['jpm'], 1)} % ({label(info['kategori_jpm'], JpmCategory)})"
        )
        box = (
            "–"
            if pd.isna(info.get("kotak"))
            else text.BOX_LINE.format(
                box=int(info["kotak"]), advice=html.escape(str(info.get("rekomendasi", "")))
            )
        )
        predikat = html.escape(label(info.get("predikat"), Predikat))
        hasil_kerja, perilaku = info.get("rating_hasil_kerja"), info.get("rating_perilaku")
        self.summary.value = (
            "<div style='font-size:18px;margin:4px 0'>"
            f"{text.PREDIKAT_LINE.format(predikat=predikat, mark=mark)} · "
            f"{text.JPM_LINE.format(jpm=jpm)}</div><div>{box}</div>"
        )
        self.matrix.value = (
            f"{text.HEAD_MATRIX}<div>"
            + text.RATINGS_LINE.format(
                hasil_kerja=label(hasil_kerja, Rating), perilaku=label(perilaku, Rating)
            )
            + "</div>"
            + matrix_html(hasil_kerja, perilaku)
        )
        if len(profile.adjustments):
            items = "".join(
                "<li>"
                + text.ADJUSTED_ITEM.format(
                    field=html.escape(str(a.label)),
                    old=label(a.old_value, Rating),
                    new=label(a.new_value, Rating),
                    reason=html.escape(str(a.reason)),
                    who=html.escape(str(a.who)),
                )
                + "</li>"
                for a in profile.adjustments.itertuples()
            )
            self.calibration.value = message(f"{text.HEAD_CALIBRATED}<ul>{items}</ul>", "warning")
        else:
            self.calibration.value = ""
        self._charts(profile)
        self._tables(profile)
        self._history(nip)
        self.download.value = ""
        self.status.value = ""
        self.card.layout.display = None

    def _charts(self, profile: EmployeeProfile) -> None:
        comp = charts.competency_chart(profile.competencies)
        beh = charts.berakhlak_chart(profile.competencies)
        self.last_charts = {"kompetensi": comp, "berakhlak": beh}
        self.chart_competency.value = charts.to_svg(comp)
        self.chart_berakhlak.value = charts.to_svg(beh)
        if len(profile.sources):
            src = charts.source_chart(profile.sources)
            self.last_charts["sumber"] = src
            self.chart_sources.value = charts.to_svg(src)
        else:
            self.chart_sources.value = ""
        if profile.withheld:
            hidden = ", ".join(SOURCE[Source(s)] for s in profile.withheld)
            withheld = text.WITHHELD.format(k=self.policy.anonymity_k, sources=html.escape(hidden))
            self.chart_sources.value += (
                f"<div class='kinerja-dirahasiakan' style='color:#555'>{withheld}</div>"
            )

    def _history(self, nip: str) -> None:
        """Predikat, JPM and box per stored period, and the competency scores over time."""
        periods = [str(p) for p in self.periode.options if p != "-"]
        summary = lookup.summary_history(self.store, nip, periods)
        if not len(summary):
            self.history.value = self.chart_history.value = ""
            self.last_charts.pop("riwayat", None)
            return
        rows = pd.DataFrame(
            {
                "periode": summary["periode"],
                "predikat": [
                    label(p, Predikat) + (text.HISTORY_CALIBRATED if c else "")
                    for p, c in zip(summary["predikat"], summary["dikalibrasi"], strict=True)
                ],
                "jpm": [
                    "–" if pd.isna(j) else f"{fmt(j, 1)} % ({label(k, JpmCategory)})"
                    for j, k in zip(summary["jpm"], summary["kategori_jpm"], strict=True)
                ],
                "kotak": ["–" if pd.isna(b) else str(int(b)) for b in summary["kotak"]],
            }
        )
        self.history.value = text.HEAD_HISTORY + html_table(
            rows, labels=text.HISTORY_COLUMNS, css_class="kinerja-table kinerja-riwayat-tabel"
        )
        scores = lookup.competency_history(self.store, nip, list(summary["periode"]))
        if scores["periode"].nunique() < 2:
            self.chart_history.value = ""
            self.last_charts.pop("riwayat", None)
            return
        chart = charts.competency_history_chart(scores)
        self.last_charts["riwayat"] = chart
        self.chart_history.value = charts.to_svg(chart)

    def _tables(self, profile: EmployeeProfile) -> None:
        comp = profile.competencies
        marks = (
            comp["tanda"]
            .map(
                {
                    BLIND_SPOT: text.MARKS["blind_spot"],
                    HIDDEN_STRENGTH: text.MARKS["hidden_strength"],
                }
            )
            .fillna("")
        )
        table = comp.assign(tanda=marks)[
            ["kompetensi_kode", "nama", "skor", "skor_diri", "standar", "gap", "tanda"]
        ]
        self.table.value = text.HEAD_SCORES + html_table(table, labels=text.PROFILE_COLUMNS)
        good = "".join(f"<li>{html.escape(s)}</li>" for s in profile.strengths) or "<li>–</li>"
        areas = (
            "".join(f"<li>{html.escape(s)}</li>" for s in profile.development_areas)
            or f"<li>{text.NO_GAP}</li>"
        )
        self.strengths.value = text.STRENGTHS.format(good=good, areas=areas)
        plan = profile.plan[["kompetensi_kode", "pelatihan_nama", "jalur", "jp", "catatan"]]
        none = plan["catatan"].eq(NOTE_NO_TRAINING)  # a gap the catalogue has nothing for
        hours = plan["jp"].map(lambda v: fmt(v, 0))  # lesson hours are whole numbers
        plan = plan.assign(jp=hours.where(~none, text.PLAN_NO_TRAINING))
        enough = profile.plan_jp >= 20
        self.plan.value = text.PLAN_LINE.format(
            jp=fmt(profile.plan_jp, 0), met=text.PLAN_MET[bool(enough)]
        ) + html_table(plan, labels=text.PROFILE_COLUMNS)
        steps = "".join(
            f"<p><b>{html.escape(a)}</b><br>{html.escape(b)}</p>" for a, b in profile.explanation
        )
        self.explanation.value = (
            steps + text.HEAD_FORMULAS + html_table(profile.formulas, labels=text.PROFILE_COLUMNS)
        )
        if profile.comments:
            items = "".join(f"<li>{html.escape(c)}</li>" for c in profile.comments)
            self.comments.value = f"{text.HEAD_COMMENTS}<ul>{items}</ul>"
        else:
            self.comments.value = ""

    # ------------------------------------------------------------ PDF

    def _on_pdf(self, *_: Any) -> None:
        if self.profile is None:
            return
        self.access.check_employee(str(self.profile.info["nip"]))
        self.pdf.disabled = True
        try:
            data = profile_pdf(self.profile)
            nip = self.profile.info["nip"]
            self.last_pdf = data
            self.download.value = download_link(
                data, f"profil_{nip}.pdf", text.DOWNLOAD_PROFILE, mime=PDF_MIME
            )
        finally:
            self.pdf.disabled = False

    def _on_pdf_unit(self, *_: Any) -> None:
        if self.profile is None:
            return
        unit = str(self.profile.info["unit_kerja"])
        if self.access.role != "pegawai":
            self.access.check_unit(unit)
        nips = self.access.filter_employees(lookup.unit_nips(self.store, unit))
        self.progress.max = max(len(nips), 1)
        self.progress.value = 0
        self.pdf_unit.disabled = True

        def step(done: int, total: int) -> None:
            self.progress.value = done

        try:
            profiles = (self.build(n) for n in nips)  # one by key at a time
            data = unit_pdf(profiles, unit=unit, total=len(nips), progress=step)
            self.last_pdf = data
            safe = "".join(ch if ch.isalnum() else "_" for ch in unit)
            self.download.value = download_link(
                data,
                f"profil_{safe}.pdf",
                text.DOWNLOAD_UNIT.format(unit=unit, n=len(nips)),
                mime=PDF_MIME,
            )
        finally:
            self.pdf_unit.disabled = False
