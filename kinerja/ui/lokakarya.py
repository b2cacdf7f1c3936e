"""Lokakarya: the trainers' workshop workbook (``workbooks/lokakarya.ipynb``).

Seven steps with next/back, each a small view over :mod:`kinerja.workshop`:

1. Metode — sources, competency levels, BerAKHLAK, predikat matrix, JPM, nine-box, as tables.
2. Nilai sendiri — a vignette; each participant scores it; the class's spread and agreement live
   (a temporary room file shared by all kernels, never the organisation's store).
3. Bobot — sliders for the source weights and the anonymity threshold re-score one employee.
4. Penilai bias — a seeded synthetic cohort with planted rater effects: guess, then reveal.
5. Kalibrasi — a unit that breaks its curve; propose reasoned adjustments, see the curve move.
6. Rencana pengembangan — from gaps to trainings and JP.
7. Seberapa yakin — how many predikat and boxes change when a weight moves by ±10 %.

The workshop never opens ``KINERJA_DB``: it works on the bundled sample data.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from kinerja import reference
from kinerja.board import predikat_counts
from kinerja.calibration import (
    ADJUSTMENT_COLUMNS,
    apply_adjustments,
    check_distribution,
    propose_adjustment,
)
from kinerja.config import Policy
from kinerja.development import development_plan
from kinerja.labels import JPM_CATEGORY, LENIENCY, RATING, SOURCE, fmt, label
from kinerja.labels import apps as text
from kinerja.labels.apps import STEP_TITLES, VIGNETTE
from kinerja.pipeline import Scores
from kinerja.profile import competency_formulas
from kinerja.ui.common import guarded, header, html_table, message
from kinerja.ui.views import bars_html, matrix_html
from kinerja.vocab import JpmCategory, Predikat, Rating, Source
from kinerja.workshop import (
    VIGNETTE_CODES,
    WorkshopRoom,
    class_spread,
    policy_from_sliders,
    rater_effect_figures,
    sample_dataset,
    score_one,
    weight_sensitivity,
    workshop_cohort,
)

SCORE_OPTIONS: list[tuple[str, int | None]] = [("–", None)] + [(str(i), i) for i in range(1, 6)]
PERIODE = "2025"


class MethodStep(w.VBox):
    """Step 1: the method's tables."""

    def __init__(self) -> None:
        dictionary = reference.competencies()
        levels = reference.competency_levels()
        indicators = reference.berakhlak_indicators()
        boxes = reference.nine_box()
        policy = Policy()
        sources = pd.DataFrame(
            [
                (SOURCE[s], fmt(w_, 1), text.YES if s in policy.anonymous_sources else text.NO)
                for s, w_ in policy.weights.items()
            ],
            columns=text.SOURCE_COLUMNS,
        )
        lv = levels.pivot(index="kode", columns="level", values="judul").reset_index()
        lv.columns = [
            text.BERAKHLAK_COLUMNS["kode"],
            *[text.LEVEL_COLUMN.format(level=c) for c in lv.columns[1:]],
        ]
        ber = (
            indicators.merge(dictionary[["kode", "nama"]], on="kode")
            .groupby(["kode", "nama"])["indikator"]
            .apply("; ".join)
            .reset_index()
        )
        jpm = pd.DataFrame(
            dict(
                zip(
                    text.JPM_COLUMNS,
                    (text.JPM_BANDS, [JPM_CATEGORY[c] for c in JpmCategory]),
                    strict=True,
                )
            )
        )
        box = boxes[["kotak", "kinerja", "potensial", "rekomendasi"]]
        tables = (
            html_table(sources),
            html_table(lv),
            html_table(ber, labels=text.BERAKHLAK_COLUMNS),
            matrix_html(None, None),
            f"<p>{text.JPM_FORMULA}</p>" + html_table(jpm),
            html_table(box),
        )
        self.content = w.HTML(
            "".join(f"<h3>{h}</h3>{t}" for h, t in zip(text.METHOD_HEADINGS, tables, strict=True))
        ).add_class("kinerja-metode")
        super().__init__([self.content])


class VignetteStep(w.VBox):
    """Step 2: rate a case; the class's spread and agreement appear live."""

    def __init__(self, room: WorkshopRoom) -> None:
        self.room = room
        names = reference.competencies().set_index("kode")["nama"]
        self.participant = w.Text(description=text.VIGNETTE_TEXT["name"])
        self.participant.add_class("kinerja-peserta")
        self.inputs = {}
        rows = []
        for code in VIGNETTE_CODES:
            box = w.Dropdown(options=SCORE_OPTIONS, value=None, layout=w.Layout(width="70px"))
            box.add_class(f"kinerja-vignette-{code.replace('.', '')}")
            self.inputs[code] = box
            rows.append(
                w.HBox(
                    [
                        w.HTML(
                            f"<b>{code}</b> {html.escape(names[code])}",
                            layout=w.Layout(width="320px"),
                        ),
                        box,
                    ]
                )
            )
        self.submit = w.Button(description=text.VIGNETTE_TEXT["submit"], button_style="primary")
        self.submit.add_class("kinerja-vignette-kirim")
        self.refresh = w.Button(description=text.VIGNETTE_TEXT["refresh"], icon="refresh")
        self.refresh.add_class("kinerja-vignette-perbarui")
        self.status = w.HTML()
        self.results = w.HTML().add_class("kinerja-vignette-hasil")
        super().__init__(
            [
                w.HTML(
                    f"<h3>{html.escape(VIGNETTE['nama'])}</h3><i>{html.escape(VIGNETTE['jabatan'])}</i>"
                    f"<p>{html.escape(VIGNETTE['cerita'])}</p>"
                    f"<p>{text.VIGNETTE_TEXT['scale']}</p>"
                ),
                self.participant,
                *rows,
                w.HBox([self.submit, self.refresh]),
                self.status,
                self.results,
            ]
        )
        on = guarded(self.status)
        self.submit.on_click(on(self._on_submit))
        self.refresh.on_click(on(self.show_results))

    def _on_submit(self, *_: Any) -> None:
        if not self.participant.value.strip():
            self.status.value = message(text.VIGNETTE_TEXT["no_name"], "error")
            return
        scores = {k: b.value for k, b in self.inputs.items() if b.value is not None}
        if not scores:
            self.status.value = message(text.VIGNETTE_TEXT["no_score"], "error")
            return
        self.room.submit(self.participant.value, scores)
        self.status.value = message(text.VIGNETTE_TEXT["sent"], "ok")
        self.show_results()

    def show_results(self, *_: Any) -> None:
        answers = self.room.answers()
        table, alpha = class_spread(answers)
        n = answers["peserta"].nunique() if len(answers) else 0
        self.results.value = (
            text.VIGNETTE_TEXT["results"].format(n=n, alpha=fmt(alpha))
            + html_table(table, labels=text.VIGNETTE_COLUMNS)
            + f"<p>{text.VIGNETTE_TEXT['moral']}</p>"
        )


class WeightsStep(w.VBox):
    """Step 3: source weights and anonymity threshold re-score one employee live."""

    def __init__(self) -> None:
        self.dataset = sample_dataset()
        p = self.dataset.pegawai.sort_values("nama")
        self.employee = w.Dropdown(
            options=[(f"{r.nama} — {r.jabatan}", r.nip) for r in p.itertuples()],
            description=text.WEIGHTS_TEXT["employee"],
            layout=w.Layout(width="620px"),
        )
        self.employee.add_class("kinerja-lokakarya-pegawai")
        defaults = Policy()
        self.sliders: dict[str, w.FloatSlider] = {}
        for source in Source:
            s = w.FloatSlider(
                value=defaults.weights[source],
                min=0.0,
                max=1.0,
                step=0.05,
                description=SOURCE[source],
                readout_format=".2f",
                continuous_update=False,
            )
            s.add_class(f"kinerja-bobot-{source.value}")
            self.sliders[source.value] = s
        self.k = w.IntSlider(
            value=defaults.anonymity_k,
            min=1,
            max=5,
            description=text.WEIGHTS_TEXT["threshold"],
            continuous_update=False,
        )
        self.k.add_class("kinerja-ambang")
        self.status = w.HTML()
        self.result = w.HTML().add_class("kinerja-bobot-hasil")
        self.scores: Scores | None = None
        super().__init__([self.employee, *self.sliders.values(), self.k, self.status, self.result])
        on = guarded(self.status)
        self.employee.observe(on(self.update), names="value")
        for s in [*self.sliders.values(), self.k]:
            s.observe(on(self.update), names="value")
        self.update()

    def policy(self) -> Policy:
        """The policy the sliders describe."""
        return policy_from_sliders({k: s.value for k, s in self.sliders.items()}, self.k.value)

    def update(self, *_: Any) -> None:
        try:
            policy = self.policy()
        except Exception as exc:  # noqa: BLE001 - invalid slider combination, explained to the user
            self.status.value = message(html.escape(str(exc)), "error")
            return
        self.status.value = ""
        nip = self.employee.value
        self.scores = score_one(self.dataset, nip, PERIODE, policy)
        row = self.scores.ringkasan.iloc[0]
        comp = self.scores.kompetensi
        names = self.dataset.kompetensi.set_index("kode")["nama"]
        formulas = competency_formulas(
            self.scores.means, comp.assign(nama=comp["kompetensi_kode"].map(names)), nip, policy
        )
        table = comp[["kompetensi_kode", "skor", "standar", "gap"]].merge(
            formulas, on="kompetensi_kode"
        )
        result = text.WEIGHTS_RESULT.format(
            jpm=fmt(row["jpm"], 1),
            kategori=label(row["kategori_jpm"], JpmCategory),
            skor=fmt(row["skor_perilaku"]),
            perilaku=label(row["rating_perilaku"], Rating),
            predikat=label(row["predikat"], Predikat),
            kotak="–" if pd.isna(row["kotak"]) else int(row["kotak"]),
        )
        self.result.value = f"<p>{result}</p>" + html_table(table, labels=text.WEIGHTS_COLUMNS)


class BiasStep(w.VBox):
    """Step 4: a synthetic cohort with planted rater effects; guess, then reveal."""

    def __init__(self) -> None:
        self.cohort, self.dataset = workshop_cohort()
        self.figures = rater_effect_figures(self.dataset.penilaian, periode=self.cohort.periode)
        names = self.dataset.pegawai.set_index("nip")["nama"]
        fig = self.figures.assign(nama=self.figures["nip_penilai"].map(names))
        self.guess = w.SelectMultiple(
            options=[
                (text.BIAS_TEXT["mean"].format(nama=r.nama, mean=fmt(r.rata_rata)), r.nip_penilai)
                for r in fig.sort_values("nama").itertuples()
            ],
            description=text.BIAS_TEXT["guess"],
            rows=8,
            layout=w.Layout(width="560px"),
        )
        self.guess.add_class("kinerja-tebakan")
        self.reveal = w.Button(description=text.BIAS_TEXT["reveal"], button_style="warning")
        self.reveal.add_class("kinerja-ungkap")
        self.overview = w.HTML(
            f"<p>{text.BIAS_TEXT['intro']}</p>"
            + html_table(
                fig[
                    ["nama", "n_penilaian", "rata_rata", "sd_dalam", "sd_antar", "porsi_tiga"]
                ].sort_values("rata_rata"),
                labels=text.BIAS_COLUMNS,
                max_rows=30,
            )
        )
        self.result = w.HTML().add_class("kinerja-ungkap-hasil")
        super().__init__([self.overview, self.guess, self.reveal, self.result])
        self.reveal.on_click(guarded(self.result)(self.show_reveal))

    def show_reveal(self, *_: Any) -> pd.DataFrame:
        """The leniency rule's findings next to the planted effects and the guesses."""
        names = self.dataset.pegawai.set_index("nip")["nama"]
        planted = self.cohort.planted.set_index("nip_penilai")["effect"]
        f = self.figures.assign(
            nama=self.figures["nip_penilai"].map(names),
            ditanam=self.figures["nip_penilai"].map(planted).map(text.PLANTED_EFFECT).fillna(""),
            temuan=self.figures["label"].map(LENIENCY),
            tebakan=self.figures["nip_penilai"]
            .isin(set(self.guess.value))
            .map({True: text.YES, False: ""}),
        )
        shown = f.loc[(f["ditanam"] != "") | (f["label"] != "wajar") | (f["tebakan"] != "")]
        hits = len(set(self.guess.value) & set(planted.index))
        self.result.value = f"<p>{text.BIAS_TEXT['hits'].format(hits=hits, n=len(planted))}</p>" + (
            html_table(shown[list(text.REVEAL_COLUMNS)], labels=text.REVEAL_COLUMNS)
        )
        return shown


class CalibrationStep(w.VBox):
    """Step 5: a unit that breaks its curve.

    Reasoned adjustments move the distribution (in memory).
    """

    UNIT = "Dinas Pertanian dan Pangan"

    def __init__(self) -> None:
        self.dataset = sample_dataset()
        from kinerja.pipeline import score_dataset

        self.raw = score_dataset(self.dataset, PERIODE).ringkasan
        self.unit_raw = self.raw.loc[self.raw["unit_kerja"] == self.UNIT]
        self.proposals = pd.DataFrame(columns=list(ADJUSTMENT_COLUMNS))
        people = self.unit_raw.sort_values("nama")
        self.employee = w.Dropdown(
            options=[
                (f"{r.nama} — {label(r.predikat, Predikat)}", r.nip) for r in people.itertuples()
            ],
            description=text.WEIGHTS_TEXT["employee"],
            layout=w.Layout(width="560px"),
        )
        self.employee.add_class("kinerja-latihan-pegawai")
        t = text.EXERCISE_TEXT
        self.field = w.Dropdown(options=text.EXERCISE_FIELDS, description=t["field"])
        self.value = w.Dropdown(
            options=[(RATING[r], r.value) for r in Rating], description=t["value"]
        )
        self.reason = w.Text(description=t["reason"], placeholder=t["reason_hint"])
        self.reason.add_class("kinerja-latihan-alasan")
        self.apply = w.Button(description=t["apply"], button_style="warning")
        self.apply.add_class("kinerja-latihan-simpan")
        self.status = w.HTML()
        self.view = w.HTML().add_class("kinerja-latihan-distribusi")
        super().__init__(
            [
                w.HTML(f"<p>{t['intro'].format(unit=self.UNIT)}</p>"),
                self.employee,
                w.HBox([self.field, self.value]),
                self.reason,
                self.apply,
                self.status,
                self.view,
            ]
        )
        self.apply.on_click(guarded(self.status)(self._on_apply))
        self.update()

    def calibrated(self) -> pd.DataFrame:
        """The unit's summary with the proposed adjustments."""
        return (
            apply_adjustments(self.unit_raw, self.proposals)
            if len(self.proposals)
            else self.unit_raw
        )

    def update(self) -> None:
        after = self.calibrated()
        units = self.dataset.unit_kerja
        dist = check_distribution(
            after, units.loc[units["unit_kerja"] == self.UNIT], periode=PERIODE
        )
        from kinerja.board import distribution_message

        dist = dist.assign(saran=[distribution_message(r) for _, r in dist.iterrows()])
        self.view.value = (
            bars_html(predikat_counts(self.unit_raw), predikat_counts(after))
            + html_table(dist[["aturan", "predikat", "batas", "jumlah", "status", "saran"]])
            + html_table(self.proposals[list(text.PROPOSAL_COLUMNS)], labels=text.PROPOSAL_COLUMNS)
        )

    def _on_apply(self, *_: Any) -> None:
        """Propose one adjustment under the store's rules: the old value is the value in force,
        a change to the same value is refused (:func:`kinerja.calibration.propose_adjustment`)."""
        self.proposals = propose_adjustment(
            self.unit_raw,
            self.proposals,
            periode=PERIODE,
            nip=self.employee.value,
            field=self.field.value,
            new_value=self.value.value,
            reason=self.reason.value,
            who="peserta",
        )
        self.reason.value = ""
        self.status.value = message(text.EXERCISE_TEXT["applied"], "ok")
        self.update()


class PlanStep(w.VBox):
    """Step 6: from gaps to a development plan."""

    def __init__(self) -> None:
        self.dataset = sample_dataset()
        from kinerja.pipeline import score_dataset

        self.scores = score_dataset(self.dataset, PERIODE)
        gaps = self.scores.kompetensi.loc[self.scores.kompetensi["gap"] < 0, "nip"].unique()
        p = self.dataset.pegawai.loc[self.dataset.pegawai["nip"].isin(gaps)].sort_values("nama")
        self.employee = w.Dropdown(
            options=[(f"{r.nama} — {r.jabatan}", r.nip) for r in p.itertuples()],
            description=text.WEIGHTS_TEXT["employee"],
            layout=w.Layout(width="620px"),
        )
        self.employee.add_class("kinerja-rencana-pegawai")
        self.view = w.HTML().add_class("kinerja-rencana-hasil")
        super().__init__(
            [
                w.HTML(f"<p>{text.PLAN_TEXT['intro']}</p>"),
                self.employee,
                self.view,
            ]
        )
        self.employee.observe(guarded(self.view)(self.update), names="value")
        self.update()

    def update(self, *_: Any) -> None:
        comp = self.scores.kompetensi.loc[self.scores.kompetensi["nip"] == self.employee.value]
        plan = development_plan(comp, self.dataset.pelatihan)
        gaps = comp.loc[comp["gap"] < 0, ["kompetensi_kode", "skor", "standar", "gap"]].sort_values(
            "gap"
        )
        self.view.value = (
            text.PLAN_TEXT["gaps"]
            + html_table(gaps)
            + (
                text.PLAN_TEXT["plan"].format(jp=fmt(plan["jp"].sum(), 0))
                + html_table(
                    plan[
                        [
                            "urutan",
                            "kompetensi_kode",
                            "pelatihan_nama",
                            "jalur",
                            "jp",
                            "jp_kumulatif",
                            "catatan",
                        ]
                    ]
                )
            )
        )


class SensitivityStep(w.VBox):
    """Step 7: how many predikat and boxes move when a weight moves by ±10 %."""

    def __init__(self) -> None:
        self.delta = w.FloatSlider(
            value=0.10,
            min=0.05,
            max=0.30,
            step=0.05,
            description=text.SENSITIVITY_TEXT["delta"],
            readout_format=".0%",
            continuous_update=False,
        )
        self.delta.add_class("kinerja-sensitivitas-delta")
        self.run = w.Button(description=text.SENSITIVITY_TEXT["run"], button_style="primary")
        self.run.add_class("kinerja-sensitivitas-hitung")
        self.view = w.HTML().add_class("kinerja-sensitivitas")
        self.table: pd.DataFrame | None = None
        super().__init__(
            [
                w.HTML(f"<p>{text.SENSITIVITY_TEXT['intro']}</p>"),
                w.HBox([self.delta, self.run]),
                self.view,
            ]
        )
        self.run.on_click(guarded(self.view)(self.update))

    def update(self, *_: Any) -> None:
        self.run.disabled = True
        try:
            t = weight_sensitivity(sample_dataset(), PERIODE, delta=self.delta.value)
            self.table = t
            shown = t.assign(sumber=t["sumber"].map(lambda s: SOURCE[Source(s)]))
            self.view.value = html_table(shown, labels=text.SENSITIVITY_COLUMNS)
        finally:
            self.run.disabled = False


class LokakaryaApp(w.VBox):
    """The guided workshop: seven steps with next/back and a reset."""

    def __init__(self, *, room: str = "kelas") -> None:
        self.room = WorkshopRoom(room)
        self.title = w.HTML().add_class("kinerja-langkah-judul")
        self.back = w.Button(description=text.NAV["back"], icon="arrow-left")
        self.back.add_class("kinerja-back")
        self.next = w.Button(
            description=text.NAV["next"], icon="arrow-right", button_style="primary"
        )
        self.next.add_class("kinerja-next")
        self.reset = w.Button(description=text.NAV["reset"], icon="refresh")
        self.reset.add_class("kinerja-reset")
        self.status = w.HTML()
        self.body = w.Box().add_class("kinerja-langkah")
        self.step = 0
        super().__init__(
            [
                header(demo=False),  # the page-wide style rules; Lokakarya is sample data only
                w.HBox([self.back, self.next, self.reset]),
                self.title,
                self.status,
                self.body,
            ]
        )
        self.add_class("kinerja-lokakarya")
        on = guarded(self.status)
        self.back.on_click(on(lambda _b: self.go(self.step - 1)))
        self.next.on_click(on(lambda _b: self.go(self.step + 1)))
        self.reset.on_click(on(lambda _b: self.restart()))
        self.restart()

    @classmethod
    def from_env(cls, db: str | None = None, room: str = "kelas") -> LokakaryaApp:
        """The workshop (``db`` is ignored on purpose: the workshop never touches a real store)."""
        return cls(room=room)

    def _build(self, i: int) -> w.Widget:
        builders = (
            MethodStep,
            lambda: VignetteStep(self.room),
            WeightsStep,
            BiasStep,
            CalibrationStep,
            PlanStep,
            SensitivityStep,
        )
        return builders[i]()

    def restart(self) -> None:
        """Back to step 1 with every exercise fresh."""
        self.steps: dict[int, w.Widget] = {}
        self.go(0)

    def go(self, i: int) -> None:
        """Show step ``i`` (clamped to 0–6); steps are built on first visit."""
        i = max(0, min(len(STEP_TITLES) - 1, i))
        self.step = i
        if i not in self.steps:
            self.steps[i] = self._build(i)
        self.body.children = [self.steps[i]]
        self.title.value = (
            f"<h2 style='margin:6px 0'>{html.escape(STEP_TITLES[i])}</h2>"
            f"<div style='color:#555'>{text.STEP_OF.format(i=i + 1, n=len(STEP_TITLES))}</div>"
        )
        self.back.disabled = i == 0
        self.next.disabled = i == len(STEP_TITLES) - 1
        self.status.value = ""

    def current(self) -> w.Widget:
        """The widget of the current step."""
        return self.steps[self.step]
