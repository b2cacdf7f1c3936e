"""The calibration meeting's state and figures (no widgets): what the Kalibrasi board shows.

:class:`CalibrationBoard` scores a period once, keeps the calibrated summary
in memory and, on an adjustment, appends it to the store and re-derives only
that employee's outcome and only that unit's distribution — so a facilitator
gets an answer in milliseconds on a 10,000-employee store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from kinerja import reference
from kinerja.agreement import agreement_by_unit, disagreement_by_ratee
from kinerja.calibration import ADJUSTMENT_COLUMNS, check_distribution, latest_adjustments
from kinerja.config import Policy
from kinerja.labels import PREDIKAT, label
from kinerja.pipeline import Scores, score_dataset
from kinerja.scoring import derive_outcomes
from kinerja.store import Store, StoreError, now
from kinerja.vocab import AdjustableField, Predikat, Rating

ALL = None

#: Queue reasons and their weight in the ordering (higher first).
QUEUE_WEIGHTS: dict[str, int] = {
    "kurva": 4,
    "penilai": 3,
    "sebaran": 2,
    "diri": 1,
    "tidak_lengkap": 1,
}


def distribution_message(row: pd.Series) -> str:
    """``perlu −2 Sangat Baik``-style advice for one distribution rule row."""
    names = " + ".join(PREDIKAT[Predikat(p)] for p in str(row["predikat"]).split("+"))
    if row["status"] == "ok":
        return "sesuai"
    n = int(row["selisih"])
    if row["aturan"] == "maks":
        return f"perlu {n:+d} {names} (maksimal {int(row['batas'])})".replace("-", "−")
    if row["aturan"] == "terbanyak":
        return (
            f"{names} harus kelompok terbanyak: sekarang {int(row['jumlah'])}, "
            f"kelompok lain {int(row['batas'])} (selisih {n})"
        )
    return f"perlu +{n} {names} (minimal {int(row['batas'])})"


def predikat_counts(summary: pd.DataFrame) -> pd.DataFrame:
    """``predikat, jumlah`` for the five predikat (zeros included)."""
    order = [p.value for p in Predikat]
    counts = summary["predikat"].value_counts().reindex(order, fill_value=0)
    return pd.DataFrame({"predikat": order, "jumlah": counts.to_numpy().astype(int)})


def nine_box_counts(summary: pd.DataFrame) -> pd.DataFrame:
    """``kotak, kinerja, potensial, jumlah`` for the nine boxes (zeros included)."""
    boxes = reference.nine_box()[["kotak", "kinerja", "potensial"]]
    counts = summary["kotak"].dropna().astype(int).value_counts()
    return boxes.assign(jumlah=boxes["kotak"].map(counts).fillna(0).astype(int))


CURVE_TEXT = "unit melanggar kurva distribusi pada predikat ini"


def curve_reasons(summary: pd.DataFrame, distribusi: pd.DataFrame) -> pd.DataFrame:
    """Employees in an over-represented predikat of a unit that breaks its curve.

    ``summary`` holds every employee of the units concerned: the group sizes
    behind a ``terbanyak`` violation are counted on it.

    Returns ``nip, jenis, teks`` (``jenis`` = ``kurva``).
    """
    bad = distribusi.loc[distribusi["status"] == "melanggar"]
    over = bad.loc[bad["aturan"] == "maks", ["unit_kerja", "predikat"]]
    over = over.assign(predikat=over["predikat"].str.split("+")).explode("predikat")
    largest = bad.loc[bad["aturan"] == "terbanyak", ["unit_kerja", "predikat", "jumlah"]]
    if len(largest):
        # the predikat that must be largest is short: the groups bigger than it are over-represented
        sizes = summary.groupby(["unit_kerja", "predikat"]).size().rename("n").reset_index()
        others = largest.merge(sizes.rename(columns={"predikat": "lain"}), on="unit_kerja")
        bigger = (others["lain"] != others["predikat"]) & (others["n"] > others["jumlah"])
        others = others.loc[bigger, ["unit_kerja", "lain"]]
        over = pd.concat([over, others.rename(columns={"lain": "predikat"})], ignore_index=True)
    if not len(over):
        return pd.DataFrame(columns=["nip", "jenis", "teks"])
    hit = summary[["nip", "unit_kerja", "predikat"]].merge(
        over.drop_duplicates(), on=["unit_kerja", "predikat"], validate="many_to_one"
    )
    return pd.DataFrame(
        {
            "nip": hit["nip"],
            "jenis": "kurva",
            "teks": CURVE_TEXT,
        }
    )


def standing_reasons(
    summary: pd.DataFrame,
    raters: pd.DataFrame,
    rater_links: pd.DataFrame,
    disagreement: pd.DataFrame,
    competencies: pd.DataFrame,
    *,
    top_disagreement: int = 10,
) -> pd.DataFrame:
    """Reasons that do not change with adjustments: flagged raters, disagreement,
    self/others gaps, incomplete data.  Returns ``nip, jenis, teks``."""
    reasons: list[pd.DataFrame] = []
    flagged = raters.loc[raters["label"] != "wajar", ["nip_penilai", "label"]]
    if len(flagged):
        links = rater_links.merge(flagged, on="nip_penilai").drop_duplicates(
            ["nip_dinilai", "label"]
        )
        reasons.append(
            pd.DataFrame(
                {
                    "nip": links["nip_dinilai"],
                    "jenis": "penilai",
                    "teks": "dinilai penilai yang "
                    + links["label"].map(
                        {"lunak": "terlalu murah (lunak)", "keras": "terlalu pelit (keras)"}
                    ),
                }
            )
        )
    if len(disagreement):
        top = disagreement.loc[disagreement["sebaran"] > 0]
        top = top.groupby("unit_kerja", sort=False).head(top_disagreement)
        reasons.append(
            pd.DataFrame(
                {
                    "nip": top["nip"],
                    "jenis": "sebaran",
                    "teks": "penilai sangat berbeda pendapat (rentang rata-rata "
                    + top["sebaran"].round(2).astype(str)
                    + ")",
                }
            )
        )
    gap = (competencies["skor_diri"] - competencies["skor"]).abs()
    big = competencies.loc[gap >= 1.5].drop_duplicates("nip")
    if len(big):
        reasons.append(
            pd.DataFrame(
                {
                    "nip": big["nip"],
                    "jenis": "diri",
                    "teks": "penilaian diri jauh dari penilaian orang lain",
                }
            )
        )
    incomplete = summary.loc[~summary["lengkap"].astype(bool)]
    reasons.append(
        pd.DataFrame(
            {"nip": incomplete["nip"], "jenis": "tidak_lengkap", "teks": "data belum lengkap"}
        )
    )
    return pd.concat(reasons, ignore_index=True)


QUEUE_COLUMNS = ["nip", "nama", "unit_kerja", "predikat", "skor_prioritas", "alasan"]


def aggregate_reasons(reasons: pd.DataFrame) -> pd.DataFrame:
    """Per employee: summed weight (:data:`QUEUE_WEIGHTS`) and the reasons joined, in order.

    Returns a frame indexed by ``nip`` with ``skor_prioritas, alasan``.
    """
    r = reasons.drop_duplicates(["nip", "teks"])
    r = r.assign(bobot=r["jenis"].map(QUEUE_WEIGHTS))
    return r.groupby("nip").agg(skor_prioritas=("bobot", "sum"), alasan=("teks", "; ".join))


def order_queue(summary: pd.DataFrame, *ranked: pd.DataFrame) -> pd.DataFrame:
    """The queue of ``summary``'s employees from aggregated reasons (earlier frames' text first).

    Returns ``nip, nama, unit_kerja, predikat, skor_prioritas, alasan``,
    most severe first; employees without a reason are left out.
    """
    q = summary[["nip", "nama", "unit_kerja", "predikat"]].reset_index(drop=True)
    score = np.zeros(len(q), dtype=int)
    text = np.full(len(q), "", dtype=object)
    for part in ranked:
        joined = q[["nip"]].join(part, on="nip")
        add = joined["alasan"].fillna("").to_numpy(dtype=object)
        score += joined["skor_prioritas"].fillna(0).astype(int).to_numpy()
        text = np.where((text != "") & (add != ""), text + "; " + add, text + add)
    q = q.assign(skor_prioritas=score, alasan=text).loc[score > 0]
    q = q.sort_values(["skor_prioritas", "nama"], ascending=[False, True], ignore_index=True)
    return q[QUEUE_COLUMNS]


def rank_queue(reasons: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """Order employees by the summed weight of their reasons (:data:`QUEUE_WEIGHTS`).

    Returns ``nip, nama, unit_kerja, predikat, skor_prioritas, alasan``,
    most severe first; only employees of ``summary``.
    """
    return order_queue(summary, aggregate_reasons(reasons))


def discussion_queue(
    summary: pd.DataFrame,
    distribusi: pd.DataFrame,
    raters: pd.DataFrame,
    rater_links: pd.DataFrame,
    disagreement: pd.DataFrame,
    competencies: pd.DataFrame,
    *,
    top_disagreement: int = 10,
) -> pd.DataFrame:
    """Cases to discuss first, most severe first, each with why it is on the queue.

    Reasons and their weights (:data:`QUEUE_WEIGHTS`): the employee's predikat
    is over-represented in a unit breaking its curve (4), a rater of the
    employee is flagged lenient or severe (3), the raters disagree most (2,
    the top ``top_disagreement`` per unit), self and others differ by 1.5 or
    more on a competency (1), the data are incomplete (1).

    Returns
    -------
    DataFrame
        ``nip, nama, unit_kerja, predikat, skor_prioritas, alasan`` sorted by
        ``skor_prioritas`` descending.
    """
    standing = standing_reasons(
        summary, raters, rater_links, disagreement, competencies, top_disagreement=top_disagreement
    )
    reasons = pd.concat([curve_reasons(summary, distribusi), standing], ignore_index=True)
    return rank_queue(reasons, summary)


@dataclass
class AdjustmentResult:
    """What one adjustment changed."""

    adjustment_id: int
    nip: str
    field: str
    old_value: str | None
    new_value: str
    predikat_before: str | None
    predikat_after: str | None


class CalibrationBoard:
    """One period of one store, scored once, with calibration applied incrementally.

    Parameters
    ----------
    store
        The appraisal store (adjustments are appended to it).
    periode
        The period under calibration.
    policy
        Scoring policy.
    """

    def __init__(self, store: Store, periode: str, *, policy: Policy | None = None):
        self.store = store
        self.periode = str(periode)
        self.policy = policy or Policy()
        self.dataset = store.dataset(self.periode)
        self.adjustments = store.adjustments(self.periode)
        self.scores: Scores = score_dataset(
            self.dataset, self.periode, policy=self.policy, adjustments=self.adjustments
        )
        self.raw = self.scores.ringkasan_awal.set_index("nip", drop=False)
        self.calibrated = self.scores.ringkasan.set_index("nip", drop=False)
        self.levels = self.dataset.pegawai.set_index("nip")["jenis_jabatan"]
        self.units = self.dataset.unit_kerja.loc[
            self.dataset.unit_kerja["periode"].astype(str) == self.periode
        ]
        self._distribution = check_distribution(
            self.scores.ringkasan, self.units, periode=self.periode, policy=self.policy
        )
        self._distribution_raw = check_distribution(
            self.scores.ringkasan_awal, self.units, periode=self.periode, policy=self.policy
        )
        p = self.dataset.penilaian
        self.links = pd.DataFrame(
            {
                "nip_penilai": p["nip_penilai"].astype(str),
                "nip_dinilai": p["nip_dinilai"].astype(str),
            }
        ).drop_duplicates()
        self._disagreement: pd.DataFrame | None = None
        self._agreement: pd.DataFrame | None = None
        self._standing: pd.DataFrame | None = None
        self._row_cache: dict[tuple[str | None, str | None], np.ndarray] = {}

    # ----------------------------------------------------------- selections

    def unit_names(self) -> list[str]:
        """Units of the roster, sorted."""
        return sorted(self.dataset.pegawai["unit_kerja"].dropna().unique())

    def level_names(self) -> list[str]:
        """Jabatan levels (``jenis_jabatan``) present, sorted."""
        return sorted(self.levels.dropna().astype(str).unique())

    def summary(
        self, unit: str | None = ALL, level: str | None = ALL, *, calibrated: bool = True
    ) -> pd.DataFrame:
        """Employee summary filtered by unit and jabatan level."""
        frame = self.calibrated if calibrated else self.raw
        return frame.iloc[self._rows(unit, level)]

    def _rows(self, unit: str | None, level: str | None) -> np.ndarray:
        """Row positions of a selection (cached: adjustments never move rows)."""
        key = (unit, level)
        if key not in self._row_cache:
            frame = self.calibrated
            mask = np.ones(len(frame), dtype=bool)
            if unit is not None:
                mask &= (frame["unit_kerja"] == unit).to_numpy()
            if level is not None:
                mask &= (frame["nip"].map(self.levels) == level).to_numpy()
            self._row_cache[key] = np.flatnonzero(mask)
        return self._row_cache[key]

    def distribution(self, unit: str | None = ALL, *, calibrated: bool = True) -> pd.DataFrame:
        """Distribution rule rows (of one unit or all)."""
        d = self._distribution if calibrated else self._distribution_raw
        return d if unit is None else d.loc[d["unit_kerja"] == unit]

    def distribution_table(self, unit: str) -> pd.DataFrame:
        """Raw vs calibrated rule rows of one unit with the advice text."""
        before = self.distribution(unit, calibrated=False)
        after = self.distribution(unit)
        out = after[["aturan", "predikat", "batas", "jumlah", "status", "selisih"]].copy()
        out.insert(
            3, "jumlah_awal", before["jumlah"].to_numpy() if len(before) == len(after) else np.nan
        )
        out["saran"] = [distribution_message(r) for _, r in after.iterrows()]
        out["predikat"] = out["predikat"].map(
            lambda s: " + ".join(PREDIKAT[Predikat(p)] for p in s.split("+"))
        )
        return out.reset_index(drop=True)

    def violations_by_unit(self) -> pd.DataFrame:
        """``unit_kerja, predikat_organisasi, n_melanggar, saran`` for every unit."""
        d = self._distribution
        rows = []
        for unit, g in d.groupby("unit_kerja", sort=True):
            bad = g.loc[g["status"] == "melanggar"]
            rows.append(
                {
                    "unit_kerja": unit,
                    "predikat_organisasi": g["predikat_organisasi"].iloc[0],
                    "n_melanggar": len(bad),
                    "saran": "; ".join(distribution_message(r) for _, r in bad.iterrows())
                    or "sesuai",
                }
            )
        return pd.DataFrame(
            rows, columns=["unit_kerja", "predikat_organisasi", "n_melanggar", "saran"]
        )

    def raters(self, unit: str | None = ALL) -> pd.DataFrame:
        """Leniency per rater, flagged first, with names (raters of the unit's ratees)."""
        r = self.scores.penilai
        if unit is not None:
            ratees = set(self.summary(unit)["nip"])
            mine = set(self.links.loc[self.links["nip_dinilai"].isin(ratees), "nip_penilai"])
            r = r.loc[r["nip_penilai"].isin(mine)]
        names = self.dataset.pegawai.set_index("nip")["nama"]
        r = r.assign(nama=r["nip_penilai"].map(names), _o=(r["label"] == "wajar").astype(int))
        r = r.sort_values(["_o", "deviasi"], ascending=[True, False])
        return r[["nip_penilai", "nama", "n_sel", "deviasi", "label"]].reset_index(drop=True)

    def agreement(self, unit: str | None = ALL) -> pd.DataFrame:
        """Krippendorff's alpha per competency (computed once per board)."""
        if self._agreement is None:
            self._agreement = agreement_by_unit(
                self.dataset.penilaian,
                self.dataset.pegawai,
                periode=self.periode,
                policy=self.policy,
            )
        a = self._agreement
        return a if unit is None else a.loc[a["unit_kerja"] == unit]

    def disagreement(self, unit: str | None = ALL) -> pd.DataFrame:
        """Ratees whose raters disagree most."""
        if self._disagreement is None:
            self._disagreement = disagreement_by_ratee(
                self.dataset.penilaian,
                self.dataset.pegawai,
                periode=self.periode,
                policy=self.policy,
            )
        d = self._disagreement
        return d if unit is None else d.loc[d["unit_kerja"] == unit]

    def nine_box(self, unit: str | None = ALL, level: str | None = ALL) -> pd.DataFrame:
        """Counts per box of the calibrated summary."""
        return nine_box_counts(self.summary(unit, level))

    def people_in_box(
        self, box: int, unit: str | None = ALL, level: str | None = ALL
    ) -> pd.DataFrame:
        """``nip, nama, jabatan, predikat, kategori_jpm`` of the employees in one box."""
        s = self.summary(unit, level)
        s = s.loc[s["kotak"].astype("Float64") == box]
        return (
            s[["nip", "nama", "jabatan", "predikat", "kategori_jpm"]]
            .sort_values("nama")
            .reset_index(drop=True)
        )

    def queue(self, unit: str | None = ALL, level: str | None = ALL) -> pd.DataFrame:
        """The discussion queue of the selection (same result as :func:`discussion_queue`).

        The standing reasons are ranked once per unit and kept; an adjustment
        only re-derives the curve reasons, so the queue answers in
        milliseconds.
        """
        s = self.summary(unit, level)
        # group sizes of the curve are those of the whole unit, not of the level shown
        curve = curve_reasons(self.summary(unit).reset_index(drop=True), self.distribution(unit))
        return order_queue(s, aggregate_reasons(curve), self._standing_ranked(unit))

    def _standing_ranked(self, unit: str | None) -> pd.DataFrame:
        """Per employee of the unit: weight and text of the standing reasons (cached per unit)."""
        if self._standing is None:
            self._standing = standing_reasons(
                self.calibrated.reset_index(drop=True),
                self.scores.penilai,
                self.links,
                self.disagreement(),
                self.scores.kompetensi,
            )
            self._standing_units: dict[str | None, pd.DataFrame] = {}
        if unit not in self._standing_units:
            r = self._standing
            if unit is not None:
                mine = self.calibrated.index[self.calibrated["unit_kerja"] == unit]
                r = r.loc[r["nip"].isin(mine)]
            self._standing_units[unit] = aggregate_reasons(r)
        return self._standing_units[unit]

    # ----------------------------------------------------------- adjusting

    def current(self, nip: str, field: str) -> str | None:
        """The value in force (calibrated) of a field."""
        v = self.calibrated.at[nip, field]
        return None if pd.isna(v) else str(v)  # type: ignore[arg-type]  # stubs: .at vs isna

    def adjust(
        self, *, nip: str, field: str, new_value: str, reason: str, who: str
    ) -> AdjustmentResult:
        """Append an adjustment and update the calibrated figures of that employee and unit.

        Raises
        ------
        kinerja.store.StoreError
            Empty reason or author, unknown field/value, or unknown NIP.
        """
        if nip not in self.calibrated.index:
            raise StoreError(f"NIP {nip} tidak ada pada periode {self.periode}.")
        field = (
            AdjustableField(field).value if field in {f.value for f in AdjustableField} else field
        )
        old = self.current(nip, field)
        adj_id = self.store.add_adjustment(
            periode=self.periode,
            nip=nip,
            field=field,
            new_value=new_value,
            reason=reason,
            who=who,
            old_value=old,
        )
        before = self.current(nip, "predikat")
        record = {
            "id": adj_id,
            "periode": self.periode,
            "nip": nip,
            "field": field,
            "old_value": old,
            "new_value": Rating(new_value).value,
            "reason": reason.strip(),
            "who": who.strip(),
            "when": now(),
        }
        self.adjustments = pd.concat(
            [self.adjustments, pd.DataFrame([record], columns=["id", *ADJUSTMENT_COLUMNS])],
            ignore_index=True,
        )
        self._rederive(nip, field, Rating(new_value).value)
        return AdjustmentResult(
            adj_id, nip, field, old, Rating(new_value).value, before, self.current(nip, "predikat")
        )

    def undo(self, *, nip: str, who: str, reason: str = "") -> AdjustmentResult:
        """Undo the employee's latest adjustment by appending a newer one back to its old value."""
        mine = self.adjustments.loc[self.adjustments["nip"] == nip]
        if not len(mine):
            raise StoreError("Pegawai ini belum punya penyesuaian untuk dibatalkan.")
        last = mine.iloc[-1]
        target = last["old_value"]
        if target is None or pd.isna(target):
            raise StoreError("Nilai sebelum penyesuaian kosong; tidak dapat dibatalkan otomatis.")
        text = reason.strip() or f"Pembatalan penyesuaian #{int(last['id'])}"
        return self.adjust(
            nip=nip, field=str(last["field"]), new_value=str(target), reason=text, who=who
        )

    def _rederive(self, nip: str, field: str, value: str) -> None:
        row = self.calibrated.loc[[nip]].copy()
        row[field] = value
        row["dikalibrasi"] = True
        row = derive_outcomes(row)
        for col in (
            "rating_hasil_kerja",
            "rating_perilaku",
            "predikat",
            "kinerja",
            "potensial",
            "kotak",
            "dikalibrasi",
        ):
            self.calibrated.at[nip, col] = row.at[nip, col]  # type: ignore[assignment]  # stubs
        unit = self.calibrated.at[nip, "unit_kerja"]
        if (self.units["unit_kerja"] == unit).any():
            fresh = check_distribution(
                self.summary(cast(str, unit)).reset_index(drop=True),
                self.units.loc[self.units["unit_kerja"] == unit],
                periode=self.periode,
                policy=self.policy,
            )
            keep = self._distribution.loc[self._distribution["unit_kerja"] != unit]
            self._distribution = pd.concat([keep, fresh], ignore_index=True).sort_values(
                "unit_kerja", kind="stable", ignore_index=True
            )

    def calibrated_scores(self) -> Scores:
        """The period's scores with the adjustments so far (for exports and minutes)."""
        return score_dataset(
            self.dataset,
            self.periode,
            policy=self.policy,
            adjustments=self.adjustments.drop(columns="id", errors="ignore"),
        )

    def latest(self) -> pd.DataFrame:
        """Adjustments in force (latest per employee and field)."""
        return latest_adjustments(self.adjustments)


def rating_label(value: object) -> str:
    """Display label of a rating code (``–`` when empty)."""
    return label(value, Rating)
