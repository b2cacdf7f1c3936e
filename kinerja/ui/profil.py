"""Profil Kompetensi: one employee's profile and printable report.

The notebook is ``workbooks/profil_kompetensi.ipynb``.

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

from kinerja import charts
from kinerja.config import Policy
from kinerja.dataset import Dataset
from kinerja.labels import SOURCE, label
from kinerja.labels import apps as text
from kinerja.pipeline import Scores, score_dataset
from kinerja.profile import BLIND_SPOT, HIDDEN_STRENGTH, EmployeeProfile, build_profile, fmt
from kinerja.report import profile_pdf, unit_pdf
from kinerja.store import Store
from kinerja.ui.common import (
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


class PeriodScores:
    """The scored period the profile reads, with calibration applied; recomputed per period."""

    def __init__(self, store: Store, policy: Policy):
        self.store = store
        self.policy = policy
        self._cache: dict[str, tuple[Dataset, Scores]] = {}

    def get(self, periode: str) -> tuple[Dataset, Scores]:
        if periode not in self._cache:
            ds = self.store.dataset(periode)
            scores = score_dataset(
                ds, periode, policy=self.policy, adjustments=self.store.adjustments(periode)
            )
            self._cache = {periode: (ds, scores)}
        return self._cache[periode]


class ProfilApp(w.VBox):
    """The Profil Kompetensi app."""

    def __init__(
        self,
        store: Store,
        *,
        demo: bool = False,
        nip: str | None = None,
        policy: Policy | None = None,
    ):
        self.store = store
        self.policy = policy or Policy()
        self.data = PeriodScores(store, self.policy)
        periods = store.periods() or ["-"]
        self.status = w.HTML().add_class("kinerja-status")
        f = text.PROFIL_FIELDS
        self.periode = w.Dropdown(options=periods, value=periods[-1], description=f["periode"])
        self.periode.add_class("kinerja-periode")
        self.search = w.Text(description=f["search"], placeholder=f["search_hint"])
        self.search.add_class("kinerja-cari")
        self.employee = w.Dropdown(description=f["employee"], layout=w.Layout(width="640px"))
        self.employee.add_class("kinerja-pegawai")
        self.identity = w.HTML().add_class("kinerja-profil-header")
        self.summary = w.HTML().add_class("kinerja-predikat")
        self.calibration = w.HTML().add_class("kinerja-kalibrasi-tanda")
        self.chart_competency = w.HTML().add_class("kinerja-chart-kompetensi")
        self.chart_berakhlak = w.HTML().add_class("kinerja-chart-berakhlak")
        self.chart_sources = w.HTML().add_class("kinerja-chart-sumber")
        self.table = w.HTML().add_class("kinerja-tabel-kompetensi")
        self.strengths = w.HTML().add_class("kinerja-kekuatan")
        self.plan = w.HTML().add_class("kinerja-rencana")
        self.explanation = w.HTML().add_class("kinerja-penjelasan")
        self.comments = w.HTML().add_class("kinerja-catatan")
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
        super().__init__(
            [
                header(text.PROFIL_SUBTITLE, demo=demo),
                w.HBox([self.periode, self.search]),
                self.employee,
                self.status,
                self.identity,
                self.calibration,
                self.summary,
                self.chart_competency,
                w.HBox([self.chart_berakhlak, self.chart_sources]),
                self.table,
                self.strengths,
                self.plan,
                explanation_box,
                self.comments,
                w.HBox([self.pdf, self.pdf_unit, self.progress]),
                self.download,
            ]
        )
        self.add_class("kinerja-profil")
        on = guarded(self.status)
        self.search.observe(on(self._refresh_employees), names="value")
        self.periode.observe(on(self._refresh_employees), names="value")
        self.employee.observe(on(self.show), names="value")
        self.pdf.on_click(on(self._on_pdf))
        self.pdf_unit.on_click(on(self._on_pdf_unit))
        on(self._refresh_employees)(
            select=nip
        )  # an error here shows in the banner, not as a traceback

    @classmethod
    def from_env(
        cls, db: str | None = None, nip: str | None = None
    ) -> ProfilApp | StoreUnavailable:
        """Build the app on ``db``, else ``KINERJA_DB``, else the demo store;
        a store that cannot be opened gives a :class:`StoreUnavailable` view saying why.

        The employee is ``nip`` or the ``?nip=`` query parameter.
        """
        return open_app(
            lambda store, demo: cls(store, demo=demo, nip=nip or query_nip()),
            db,
            css_class="kinerja-profil",
        )

    # ------------------------------------------------------------ choosing

    def _refresh_employees(self, *_: Any, select: str | None = None) -> None:
        ds, _scores = self.data.get(self.periode.value)
        p = ds.pegawai
        term = self.search.value.strip().lower()
        if term:
            p = p.loc[
                p["nama"].str.lower().str.contains(term, regex=False)
                | p["nip"].str.contains(term, regex=False)
            ]
        p = p.sort_values(["unit_kerja", "nama"])
        options = [(f"{r.nama} — {r.nip} · {r.unit_kerja}", r.nip) for r in p.itertuples()]
        values = [v for _, v in options]
        if select is not None and select not in values:
            # an unknown NIP in the address: say so and show nobody (not the first of the list)
            self.employee.options = options
            self.employee.value = None
            self._clear()
            self.status.value = message(text.NIP_NOT_FOUND.format(nip=html.escape(select)), "error")
            return
        previous = select or self.employee.value
        self.employee.options = options
        if previous in values:
            self.employee.value = previous
        elif values:
            self.employee.value = values[0]
        if self.employee.value is not None and self.profile is None:
            self.show()

    # ------------------------------------------------------------ showing

    def _clear(self) -> None:
        """Empty every panel of the profile: nobody is shown."""
        self.profile = None
        self.last_charts = {}
        for panel in (
            self.identity,
            self.summary,
            self.calibration,
            self.chart_competency,
            self.chart_berakhlak,
            self.chart_sources,
            self.table,
            self.strengths,
            self.plan,
            self.explanation,
            self.comments,
            self.download,
        ):
            panel.value = ""

    def show(self, *_: Any) -> None:
        """Fill every panel for the chosen employee."""
        nip = self.employee.value
        if nip is None:
            self._clear()
            return
        ds, scores = self.data.get(self.periode.value)
        profile = build_profile(
            scores,
            nip=nip,
            pegawai=ds.pegawai,
            kompetensi=ds.kompetensi,
            penilaian=ds.penilaian,
            pelatihan=ds.pelatihan,
            policy=self.policy,
        )
        self.profile = profile
        info = profile.info
        self.identity.value = (
            f"<h3 style='margin:6px 0' class='kinerja-nama'>{html.escape(str(info['nama']))}</h3>"
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
            "<div style='font-size:18px'>"
            f"{text.PREDIKAT_LINE.format(predikat=predikat, mark=mark)}</div><div>"
            + text.RATINGS_LINE.format(
                hasil_kerja=label(hasil_kerja, Rating), perilaku=label(perilaku, Rating)
            )
            + "</div>"
            + matrix_html(hasil_kerja, perilaku)
            + f"<div>{text.JPM_LINE.format(jpm=jpm)}</div><div>{box}</div>"
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
        self.download.value = ""
        self.status.value = ""

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
        ds, scores = self.data.get(self.periode.value)
        nips = ds.pegawai.loc[ds.pegawai["unit_kerja"] == unit].sort_values("nama")["nip"].tolist()
        self.progress.max = max(len(nips), 1)
        self.progress.value = 0
        self.pdf_unit.disabled = True

        def step(done: int, total: int) -> None:
            self.progress.value = done

        try:
            profiles = (
                build_profile(
                    scores,
                    nip=n,
                    pegawai=ds.pegawai,
                    kompetensi=ds.kompetensi,
                    penilaian=ds.penilaian,
                    pelatihan=ds.pelatihan,
                    policy=self.policy,
                )
                for n in nips
            )
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
