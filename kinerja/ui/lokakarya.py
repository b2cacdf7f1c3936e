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
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import pandas as pd

from kinerja import reference
from kinerja.access import Access
from kinerja.accounts import LOKAKARYA, signed_in
from kinerja.board import curve_rows, predikat_counts
from kinerja.calibration import (
    ADJUSTMENT_COLUMNS,
    apply_adjustments,
    check_distribution,
    propose_adjustment,
)
from kinerja.config import Policy
from kinerja.development import development_plan
from kinerja.labels import ADJUSTABLE_FIELD, JPM_CATEGORY, RATING, SOURCE, fmt, label
from kinerja.labels import apps as text
from kinerja.labels.apps import BOARD_COLUMNS, STEP_TITLES, VIGNETTE
from kinerja.pipeline import Scores
from kinerja.profile import competency_formulas
from kinerja.store import Store
from kinerja.ui.common import (
    Refusal,
    StoreUnavailable,
    guarded,
    header,
    html_table,
    message,
    open_app,
)
from kinerja.ui.views import bars_html, matrix_html
from kinerja.vocab import AdjustableField, JpmCategory, Potential, Predikat, Rating, Source
from kinerja.workshop import (
    VIGNETTE_CODES,
    WorkshopRoom,
    class_spread,
    policy_from_sliders,
    rater_effect_figures,
    rater_effects,
    sample_dataset,
    score_one,
    weight_sensitivity,
    workshop_cohort,
)

SCORE_OPTIONS: list[tuple[str, int | None]] = [("–", None)] + [(str(i), i) for i in range(1, 6)]
PERIODE = "2025"


def with_readout(slider: w.FloatSlider, show: Callable[[float], str]) -> w.HBox:
    """``slider`` with its value written the Indonesian way beside it (``0,50``, ``10,0 %``):
    the slider's own readout always prints a decimal point."""
    slider.readout = False
    readout = w.HTML(show(slider.value)).add_class("kinerja-readout")
    slider.observe(lambda change: setattr(readout, "value", show(change["new"])), names="value")
    return w.HBox([slider, readout])


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
        box = box.assign(
            kinerja=box["kinerja"].map(lambda v: label(v, Rating)),
            potensial=box["potensial"].map(lambda v: label(v, Potential)),
        )
        tables = (
            html_table(sources),
            html_table(lv),
            html_table(ber, labels=text.BERAKHLAK_COLUMNS),
            matrix_html(None, None),
            f"<p>{text.JPM_FORMULA}</p>" + html_table(jpm),
            html_table(box, labels=text.NINE_BOX_COLUMNS),
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
        super().__init__(
            [
                self.employee,
                *(with_readout(s, fmt) for s in self.sliders.values()),
                self.k,
                self.status,
                self.result,
            ]
        )
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


def percent(share: object) -> str:
    """A share (0–1) as an Indonesian percentage with one decimal: ``37,5 %`` (empty ``–``)."""
    if share is None or share != share:
        return "–"
    return text.PERCENT.format(value=fmt(100 * float(share), 1))  # type: ignore[arg-type]


#: Step 4's orderings: the figure and its direction (most suspicious first).
BIAS_ORDER: dict[str, tuple[str, bool]] = {
    "deviasi_tinggi": ("deviasi", False),
    "deviasi_rendah": ("deviasi", True),
    "sd_dalam": ("sd_dalam", True),
    "porsi_tiga": ("porsi_tiga", False),
    "nama": ("nama", True),
}


def sorted_raters(figures: pd.DataFrame, by: str) -> pd.DataFrame:
    """``figures`` (with ``nama``) in the order of :data:`BIAS_ORDER` ``[by]``, ties by name."""
    column, ascending = BIAS_ORDER[by]
    keys = [column] if column == "nama" else [column, "nama"]
    return figures.sort_values(keys, ascending=[ascending, True][: len(keys)], na_position="last")


class BiasStep(w.VBox):
    """Step 4: a synthetic cohort with planted rater effects; guess, then reveal.

    Every rater is listed (a scrolling table) with the figures that reveal
    each effect — deviation from the other raters (lenient, severe), spread
    within one ratee (halo), share of 3s (central tendency) — and the table
    can be ordered by each figure.
    """

    def __init__(self) -> None:
        self.cohort, self.dataset = workshop_cohort()
        self.figures = rater_effect_figures(self.dataset.penilaian, periode=self.cohort.periode)
        names = self.dataset.pegawai.set_index("nip")["nama"]
        self.named = self.figures.assign(nama=self.figures["nip_penilai"].map(names))
        self.guess = w.SelectMultiple(
            options=[
                (text.BIAS_TEXT["mean"].format(nama=r.nama, mean=fmt(r.rata_rata)), r.nip_penilai)
                for r in self.named.sort_values("nama").itertuples()
            ],
            description=text.BIAS_TEXT["guess"],
            rows=8,
            layout=w.Layout(width="560px"),
        )
        self.guess.add_class("kinerja-tebakan")
        self.order = w.Dropdown(
            options=[(v, k) for k, v in text.BIAS_SORT.items()],
            value="deviasi_tinggi",
            description=text.BIAS_SORT_LABEL,
            layout=w.Layout(width="560px"),
        ).add_class("kinerja-bias-urut")
        self.reveal = w.Button(description=text.BIAS_TEXT["reveal"], button_style="warning")
        self.reveal.add_class("kinerja-ungkap")
        self.overview = w.HTML().add_class("kinerja-bias-tabel")
        self.result = w.HTML().add_class("kinerja-ungkap-hasil")
        super().__init__(
            [
                w.HTML(f"<p>{text.BIAS_INTRO.format(n=len(self.figures))}</p>"),
                self.order,
                self.overview,
                self.guess,
                self.reveal,
                self.result,
            ]
        )
        on = guarded(self.result)
        self.order.observe(on(self.show_table), names="value")
        self.reveal.on_click(on(self.show_reveal))
        self.show_table()

    def table(self) -> pd.DataFrame:
        """Every rater with the figures, in the chosen order."""
        columns = list(text.BIAS_ALL_COLUMNS)
        return sorted_raters(self.named, self.order.value)[columns].reset_index(drop=True)

    def show_table(self, *_: Any) -> None:
        t = self.table()
        shown = t.assign(porsi_tiga=t["porsi_tiga"].map(percent))
        self.overview.value = (
            "<div class='kinerja-scroll'>"
            + html_table(shown, labels=text.BIAS_ALL_COLUMNS, max_rows=len(t))
            + "</div>"
        )

    def show_reveal(self, *_: Any) -> pd.DataFrame:
        """What the figures find (:func:`kinerja.workshop.rater_effects`) next to the planted
        effects and the guesses."""
        planted = self.cohort.planted.set_index("nip_penilai")["effect"]
        found = rater_effects(self.figures)
        nips = self.named["nip_penilai"]
        f = self.named.assign(
            ditanam=nips.map(planted).map(text.PLANTED_EFFECT).fillna(""),
            temuan=nips.map(found).fillna("").map(text.RATER_EFFECT),
            tebakan=nips.isin(set(self.guess.value)).map({True: text.YES, False: ""}),
        )
        shown = f.loc[(f["ditanam"] != "") | (f["temuan"] != "") | (f["tebakan"] != "")]
        hits = len(set(self.guess.value) & set(planted.index))
        table = shown[list(text.REVEAL_COLUMNS)]
        self.result.value = f"<p>{text.BIAS_TEXT['hits'].format(hits=hits, n=len(planted))}</p>" + (
            html_table(
                table.assign(porsi_tiga=table["porsi_tiga"].map(percent)),
                labels=text.REVEAL_COLUMNS,
            )
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
        self.field.add_class("kinerja-latihan-field")
        self.value = w.Dropdown(
            options=[(RATING[r], r.value) for r in Rating], description=t["value"]
        )
        self.value.add_class("kinerja-latihan-nilai")
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
        unit = units.loc[units["unit_kerja"] == self.UNIT]
        dist = check_distribution(after, unit, periode=PERIODE)
        raw = check_distribution(self.unit_raw, unit, periode=PERIODE)
        rules = curve_rows(dist, raw).drop(columns=["predikat"])
        self.view.value = (
            bars_html(predikat_counts(self.unit_raw), predikat_counts(after))
            + html_table(rules, labels=BOARD_COLUMNS)
            + html_table(self.proposals_shown(), labels=text.PROPOSAL_NAME_COLUMNS)
        )

    def proposals_shown(self) -> pd.DataFrame:
        """The proposals as people read them: names and labels, never codes."""
        p = self.proposals
        names = self.unit_raw.set_index("nip")["nama"]
        shown = p.assign(
            nama=p["nip"].map(names),
            field=p["field"].map(lambda f: ADJUSTABLE_FIELD[AdjustableField(f)]),
            old_value=p["old_value"].map(lambda v: label(v, Rating)),
            new_value=p["new_value"].map(lambda v: label(v, Rating)),
        )
        return shown[list(text.PROPOSAL_NAME_COLUMNS)]

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
        names = self.dataset.kompetensi.set_index("kode")["nama"]
        gaps = comp.loc[comp["gap"] < 0].sort_values("gap")
        gaps = gaps.assign(nama=gaps["kompetensi_kode"].map(names))[list(text.GAP_COLUMNS)]
        self.view.value = (
            text.PLAN_TEXT["gaps"]
            + html_table(gaps, labels=text.GAP_COLUMNS)
            + text.PLAN_TEXT["plan"].format(jp=fmt(plan["jp"].sum(), 0))
            + html_table(plan[list(text.PLAN_COLUMNS)], labels=text.PLAN_COLUMNS)
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
                w.HBox([with_readout(self.delta, percent), self.run]),
                self.view,
            ]
        )
        self.run.on_click(guarded(self.view)(self.update))

    def update(self, *_: Any) -> None:
        self.run.disabled = True
        try:
            t = weight_sensitivity(sample_dataset(), PERIODE, delta=self.delta.value)
            self.table = t
            shown = t.assign(
                sumber=t["sumber"].map(lambda s: SOURCE[Source(s)]),
                perubahan=t["perubahan"].map(lambda d: ("+" if d > 0 else "") + percent(d)),
            )
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
    def from_env(
        cls, db: str | None = None, room: str = "kelas"
    ) -> LokakaryaApp | StoreUnavailable | Refusal:
        """The workshop; it never reads a real store's data.

        When an account is signed in (a server with accounts), ``db`` (else
        ``KINERJA_DB``) is opened only to read that account: a role that may
        not open the workshop gets a :class:`Refusal`.  Nobody signed in
        (an open server, JupyterLab): the workshop, with no store opened.
        """
        if signed_in() is None:
            return cls(room=room)
        return open_app(
            lambda store, _demo: cls._checked(store, room), db, css_class="kinerja-lokakarya"
        )

    @classmethod
    def _checked(cls, store: Store, room: str) -> LokakaryaApp:
        try:
            Access.for_app(store, LOKAKARYA)
        finally:
            store.dispose()  # the workshop keeps nothing of the store
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
            f"<div class='kinerja-muted'>{text.STEP_OF.format(i=i + 1, n=len(STEP_TITLES))}</div>"
        )
        self.back.disabled = i == 0
        self.next.disabled = i == len(STEP_TITLES) - 1
        self.status.value = ""

    def current(self) -> w.Widget:
        """The widget of the current step."""
        return self.steps[self.step]
