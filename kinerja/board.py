"""The calibration meeting's state and figures (no widgets): what the Kalibrasi board shows.

:class:`CalibrationBoard` scores a period once, keeps the calibrated summary
in memory and, on an adjustment, appends it to the store and re-derives only
that employee's outcome and only that unit's distribution — so a facilitator
gets an answer in milliseconds on a 10,000-employee store.

Two facilitators at once (DESIGN §7): the store, not the board, decides an
adjustment's old value and what an undo undoes; after every action (and
before the Kalibrasi app shows an employee) the board re-reads the store's
adjustment log, so it shows the value the store holds.

Anonymity (DESIGN §4 step 2, §10): a withheld group's ratings never feed a
figure shown per ratee or per unit (disagreement, agreement, queue reasons, a
unit's rater table), and no view links a ratee to a rater of a withheld group.
The board computes once per load, from the ratings that count
(:func:`kinerja.calibration.ratings_not_withheld`), the rater links and the
counted-only leniency (:func:`kinerja.calibration.counted_rater_leniency`);
the queue and a unit's rater table use only those.  The all-units rater table
is ``penilai.csv`` (DESIGN §5: per rater, over all cells, naming no ratee).

Numbers people read (queue reasons, panel texts) use the Indonesian format
(:func:`kinerja.profile.fmt`: decimal comma, two decimals).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from kinerja import reference
from kinerja.agreement import agreement_by_unit, disagreement_by_ratee
from kinerja.calibration import (
    apply_adjustments,
    check_distribution,
    latest_adjustments,
    links_of,
    rater_leniency,
    ratings_not_withheld,
)
from kinerja.config import Policy
from kinerja.errors import StoreError
from kinerja.labels import apps as text
from kinerja.labels import label
from kinerja.pipeline import Scores, score_dataset
from kinerja.profile import fmt
from kinerja.store import Store
from kinerja.vocab import Predikat, Rating

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
    names = predikat_names(row["predikat"])
    if row["status"] == "ok":
        return text.CURVE_OK
    n, limit = int(row["selisih"]), int(row["batas"])
    if row["aturan"] == "maks":
        return text.CURVE_MAX.format(n=n, names=names, limit=limit).replace("-", "−")
    if row["aturan"] == "terbanyak":
        return text.CURVE_LARGEST.format(names=names, n=int(row["jumlah"]), limit=limit, gap=n)
    return text.CURVE_MIN.format(n=n, names=names, limit=limit)


def predikat_names(codes: object) -> str:
    """``sangat_baik+baik`` as ``Sangat Baik + Baik``."""
    return " + ".join(label(p, Predikat) for p in str(codes).split("+"))


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


CURVE_TEXT = text.REASON_CURVE


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
    self/others gaps, incomplete data.  Returns ``nip, jenis, teks``.

    Anonymity (DESIGN §10): no reason may come from a withheld group.
    ``raters`` must be :func:`kinerja.calibration.counted_rater_leniency`
    (leniency over the ratings that count: a withheld peer's ratings cannot
    make the ratee's supervisor lenient or severe), never ``penilai.csv``'s
    :func:`kinerja.calibration.rater_leniency` over all cells;
    ``rater_links`` must be :func:`kinerja.calibration.rater_links` (a rater
    of a withheld group is not linked to the ratee, so "rated by a lenient
    rater" never points at them); ``disagreement`` must be
    :func:`kinerja.agreement.disagreement_by_ratee` (withheld groups left
    out); the self/others gap uses ``skor``, which excludes them.  Numbers in
    the texts use the Indonesian format (``rentang rata-rata 3,00``).
    """
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
                    "teks": text.REASON_RATED_BY + links["label"].map(text.REASON_RATER),
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
                    "teks": [
                        text.REASON_SPREAD.format(spread=fmt(float(v))) for v in top["sebaran"]
                    ],
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
                    "teks": text.REASON_SELF,
                }
            )
        )
    incomplete = summary.loc[~summary["lengkap"].astype(bool)]
    reasons.append(
        pd.DataFrame(
            {"nip": incomplete["nip"], "jenis": "tidak_lengkap", "teks": text.REASON_INCOMPLETE}
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
    penilaian: pd.DataFrame,
    disagreement: pd.DataFrame,
    competencies: pd.DataFrame,
    *,
    periode: str,
    policy: Policy | None = None,
    means: pd.DataFrame | None = None,
    top_disagreement: int = 10,
) -> pd.DataFrame:
    """Cases to discuss first, most severe first, each with why it is on the queue.

    Reasons and their weights (:data:`QUEUE_WEIGHTS`): the employee's predikat
    is over-represented in a unit breaking its curve (4), a rater of the
    employee is flagged lenient or severe (3), the raters disagree most (2,
    the top ``top_disagreement`` per unit), self and others differ by 1.5 or
    more on a competency (1), the data are incomplete (1).

    A withheld group's ratings feed no reason and link no rater to the ratee
    (DESIGN §10): the rater links and the raters' leniency are computed here
    from the ratings that count
    (:func:`kinerja.calibration.ratings_not_withheld` of ``penilaian``), not
    from ``penilai.csv``; ``disagreement`` must be
    :func:`kinerja.agreement.disagreement_by_ratee` (see
    :func:`standing_reasons`).

    Parameters
    ----------
    penilaian
        The raw ratings (any periods; ``periode`` is used).
    means
        :func:`kinerja.scoring.source_means` of the same ratings and policy
        (``Scores.means``), when already computed.

    Returns
    -------
    DataFrame
        ``nip, nama, unit_kerja, predikat, skor_prioritas, alasan`` sorted by
        ``skor_prioritas`` descending.
    """
    counted = ratings_not_withheld(penilaian, periode=periode, policy=policy, means=means)
    standing = standing_reasons(
        summary,
        rater_leniency(counted, periode=periode, policy=policy),
        links_of(counted),
        disagreement,
        competencies,
        top_disagreement=top_disagreement,
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
        # who rated whom and the raters' leniency over the ratings that count,
        # withheld groups left out (DESIGN §10); once per load, never per adjustment
        counted = ratings_not_withheld(
            self.dataset.penilaian,
            periode=self.periode,
            policy=self.policy,
            means=self.scores.means,
        )
        self.links = links_of(counted)
        self.counted_raters = rater_leniency(counted, periode=self.periode, policy=self.policy)
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
        out["predikat"] = out["predikat"].map(predikat_names)
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
                    or text.CURVE_OK,
                }
            )
        return pd.DataFrame(
            rows, columns=["unit_kerja", "predikat_organisasi", "n_melanggar", "saran"]
        )

    def raters(self, unit: str | None = ALL) -> pd.DataFrame:
        """Leniency per rater, flagged first, with names (raters of the unit's ratees).

        All units: ``penilai.csv`` itself, per rater over all their cells
        (DESIGN §5), naming no ratee.  One unit: the table links its raters
        to its ratees, so it lists only raters linked to them outside
        withheld groups (:func:`kinerja.calibration.rater_links`) and shows
        their counted-only figures
        (:func:`kinerja.calibration.counted_rater_leniency`): neither who in
        a withheld group rated whom nor, through a deviation, what they gave.
        A rater without a comparable counted cell is not listed.
        """
        r = self.scores.penilai
        if unit is not None:
            ratees = set(self.summary(unit)["nip"])
            mine = set(self.links.loc[self.links["nip_dinilai"].isin(ratees), "nip_penilai"])
            r = self.counted_raters
            r = r.loc[r["nip_penilai"].isin(mine)]
        names = self.dataset.pegawai.set_index("nip")["nama"]
        r = r.assign(nama=r["nip_penilai"].map(names), _o=(r["label"] == "wajar").astype(int))
        r = r.sort_values(["_o", "deviasi"], ascending=[True, False])
        return r[["nip_penilai", "nama", "n_sel", "deviasi", "label"]].reset_index(drop=True)

    def agreement(self, unit: str | None = ALL) -> pd.DataFrame:
        """Krippendorff's alpha per competency (computed once per board; no withheld group)."""
        if self._agreement is None:
            self._agreement = agreement_by_unit(
                self.dataset.penilaian,
                self.dataset.pegawai,
                periode=self.periode,
                policy=self.policy,
                means=self.scores.means,
            )
        a = self._agreement
        return a if unit is None else a.loc[a["unit_kerja"] == unit]

    def disagreement(self, unit: str | None = ALL) -> pd.DataFrame:
        """Ratees whose raters disagree most (withheld groups left out)."""
        if self._disagreement is None:
            self._disagreement = disagreement_by_ratee(
                self.dataset.penilaian,
                self.dataset.pegawai,
                periode=self.periode,
                policy=self.policy,
                means=self.scores.means,
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
        milliseconds.  "Rated by a lenient/severe rater" comes from the
        counted-only leniency and links computed at load (withheld groups
        left out, DESIGN §10), never from ``penilai.csv``.
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
                self.counted_raters,
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
        """The value in force (calibrated) of a field, as the board last read it from the store."""
        v = self.calibrated.at[nip, field]
        return None if pd.isna(v) else str(v)  # type: ignore[arg-type]  # stubs: .at vs isna

    def refresh(self, nip: str | None = None) -> list[str]:
        """Re-read the store's adjustment log (of one employee, or of the period).

        Employees whose log changed since the board last read it (another
        board's adjustments included) get their values in force, outcomes and
        unit distribution derived again.  Returns their NIPs.
        """
        log = self.store.adjustments(self.periode, nip=nip)
        mine = self.adjustments
        if nip is not None:
            mine = mine.loc[mine["nip"] == nip]
        known = set(mine["id"].astype(int)) if len(mine) else set()
        fresh = set(log["id"].astype(int)) if len(log) else set()
        changed = sorted(set(log.loc[log["id"].astype(int).isin(fresh - known), "nip"]))
        if not changed:
            return []
        others = self.adjustments
        if nip is not None:
            others = others.loc[others["nip"] != nip]
        else:
            others = others.iloc[0:0]
        frames = [f for f in (others, log) if len(f)]
        self.adjustments = pd.concat(frames, ignore_index=True).sort_values("id", ignore_index=True)
        units = {self._rederive(n) for n in changed if n in self.calibrated.index}
        for unit in units:
            self._redistribute(unit)
        return changed

    def adjust(
        self, *, nip: str, field: str, new_value: str, reason: str, who: str
    ) -> AdjustmentResult:
        """Append an adjustment and show the store's values of that employee and unit.

        The store records the value in force as the old value and refuses a
        new value equal to it (:meth:`kinerja.store.Store.add_adjustment`);
        the board passes only the uncalibrated ``rating_perilaku``, which the
        store cannot derive without the scoring policy.

        Raises
        ------
        kinerja.store.StoreError
            Empty reason or author, unknown field/value, unknown NIP, or no
            change.
        """
        if nip not in self.calibrated.index:
            raise StoreError(text.UNKNOWN_NIP.format(nip=nip, periode=self.periode))
        self.refresh(nip)
        before = self.current(nip, "predikat")
        adj_id = self.store.add_adjustment(
            periode=self.periode,
            nip=nip,
            field=field,
            new_value=new_value,
            reason=reason,
            who=who,
        )
        return self._result(adj_id, nip, before)

    def undo(
        self, *, nip: str, who: str, reason: str = "", field: str | None = None
    ) -> AdjustmentResult:
        """Undo the store's latest adjustment of the employee (of ``field``, or of any).

        The store appends a newer adjustment back to the undone one's old
        value (:meth:`kinerja.store.Store.undo_adjustment`); what this board
        remembers plays no part.
        """
        if nip not in self.calibrated.index:
            raise StoreError(text.UNKNOWN_NIP.format(nip=nip, periode=self.periode))
        self.refresh(nip)
        before = self.current(nip, "predikat")
        adj_id = self.store.undo_adjustment(
            periode=self.periode, nip=nip, who=who, reason=reason, field=field
        )
        return self._result(adj_id, nip, before)

    def _result(self, adj_id: int, nip: str, before: str | None) -> AdjustmentResult:
        """Read the store back after an action and describe the record it wrote."""
        self.refresh(nip)
        record = self.adjustments.loc[self.adjustments["id"].astype(int) == adj_id].iloc[0]
        old = record["old_value"]
        return AdjustmentResult(
            adj_id,
            nip,
            str(record["field"]),
            None if old is None or pd.isna(old) else str(old),
            str(record["new_value"]),
            before,
            self.current(nip, "predikat"),
        )

    def _rederive(self, nip: str) -> object:
        """Values in force of one employee from the log and the raw summary; returns the unit."""
        mine = self.adjustments.loc[self.adjustments["nip"] == nip]
        row = apply_adjustments(self.raw.loc[[nip]], mine.drop(columns="id", errors="ignore"))
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
        return self.calibrated.at[nip, "unit_kerja"]

    def _redistribute(self, unit: object) -> None:
        """The distribution rows of one unit, from its calibrated summary."""
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
        """The period's scores with the store's adjustments so far (for exports and minutes)."""
        self.refresh()
        return score_dataset(
            self.dataset,
            self.periode,
            policy=self.policy,
            adjustments=self.adjustments.drop(columns="id", errors="ignore"),
        )

    def minutes_frames(
        self, unit: str | None = ALL, level: str | None = ALL
    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The minutes' adjustments (with names), distribution rows and before/after counts.

        Pure: the board's log as last read (call :meth:`refresh` first for every
        facilitator's adjustments); no distribution rows for all units.
        """
        names = self.dataset.pegawai.set_index("nip")
        log = self.adjustments
        if unit is not None:
            log = log.loc[log["nip"].map(names["unit_kerja"]) == unit]
        log = log.assign(nama=log["nip"].map(names["nama"]))
        columns = ["aturan", "predikat", "batas", "jumlah_awal", "jumlah", "status", "saran"]
        dist = self.distribution_table(unit) if unit is not None else pd.DataFrame(columns=columns)
        before = predikat_counts(self.summary(unit, level, calibrated=False))
        after = predikat_counts(self.summary(unit, level))
        counts = pd.DataFrame(
            {"predikat": before["predikat"], "awal": before["jumlah"], "sesudah": after["jumlah"]}
        )
        return log, dist, counts

    def latest(self) -> pd.DataFrame:
        """Adjustments in force (latest per employee and field)."""
        return latest_adjustments(self.adjustments)


def rating_label(value: object) -> str:
    """Display label of a rating code (``–`` when empty)."""
    return label(value, Rating)
