"""The calibration meeting's state and figures (no widgets): what the Kalibrasi board shows.

:class:`CalibrationBoard` reads one unit at a time from the stored results
(DESIGN §7, :mod:`kinerja.results`): the unit's stored summary and
distribution, the previous period's of the same unit, and the ratings of the
unit's ratees only for the figures that need raw ratings.  It never reads or
scores a whole period: an adjustment goes through the store, which updates
the stored summary and the unit's distribution in its transaction, and the
board reads back that employee's row and the unit's distribution — so a
facilitator gets an answer in milliseconds on any size of store.

Two facilitators at once (DESIGN §7): the store, not the board, decides an
adjustment's old value and what an undo undoes; after every action (and
before the Kalibrasi app shows an employee) the board re-reads the store's
adjustment log, so it shows the value the store holds.

Anonymity (DESIGN §4 step 2, §10): a withheld group's ratings never feed a
figure shown per ratee or per unit (disagreement, agreement, queue reasons, a
unit's rater table), and no view links a ratee to a rater of a withheld group.
The board computes once per unit, from the unit's ratings that count
(:func:`kinerja.calibration.ratings_not_withheld`; a withheld group is
decided per ratee, and every rating of the unit's ratees is read, so exactly
as on the whole period), the rater links and the counted-only leniency over
the unit's cells; the queue and a unit's rater table use only those.  The
all-units rater table is the stored ``penilai.csv`` (DESIGN §5: per rater,
over all cells, naming no ratee).

Numbers people read (queue reasons, panel texts) use the Indonesian format
(:func:`kinerja.labels.fmt`: decimal comma, two decimals).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd
import sqlalchemy as sa

from kinerja import reference
from kinerja.agreement import (
    AGREEMENT_COLUMNS,
    DISAGREEMENT_COLUMNS,
    agreement_by_unit,
    disagreement_by_ratee,
)
from kinerja.calibration import (
    check_distribution,
    latest_adjustments,
    links_of,
    rater_leniency,
    ratings_not_withheld,
)
from kinerja.config import Policy
from kinerja.errors import StoreError
from kinerja.labels import apps as text
from kinerja.labels import fmt, label
from kinerja.results import (
    CALIBRATED_FIELDS,
    RESULTS_POLICY,
    ResultStatus,
    employee_summary,
    flagged_raters,
    period_box_members,
    period_counts,
    period_distribution,
    period_summary,
    previous_period,
    ratings_of_unit,
    result_status,
    stored_employee_row,
    unit_competencies,
    unit_distribution,
    unit_row,
    unit_summary,
    worst_unit,
)
from kinerja.roster import employee_names, level_names, unit_roster, units
from kinerja.scoring import SUMMARY_COLUMNS, source_means
from kinerja.store import Store, adjustments_table
from kinerja.vocab import Predikat, PredikatOrganisasi, Rating

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


def rule_text(predikat_organisasi: object, aturan: object, predikat: object) -> str:
    """A distribution rule in words (DESIGN §11): ``paling banyak 70,0 % Baik``,
    ``paling sedikit 1 pegawai Butuh Perbaikan atau Kurang/Misconduct``.

    The share comes from the packaged rule table
    (:func:`kinerja.reference.distribution_rules`) for the row's
    ``predikat_organisasi``, ``aturan`` and ``predikat`` (one decimal,
    decimal comma).
    """
    names = text.RULE_OR.join(label(p, Predikat) for p in str(predikat).split("+"))
    rules = _rule_shares()
    share = rules.get((str(predikat_organisasi), str(aturan), str(predikat)), float("nan"))
    template = text.RULE_TEXT.get(str(aturan), "{names}")
    return template.format(share=fmt(100 * share, 1), names=names)


def _rule_shares() -> dict[tuple[str, str, str], float]:
    r = reference.distribution_rules()
    keys = zip(r["predikat_organisasi"], r["aturan"], r["predikat"], strict=True)
    return dict(zip(keys, r["proporsi"].astype(float), strict=True))


def curve_rows(after: pd.DataFrame, before: pd.DataFrame | None = None) -> pd.DataFrame:
    """Distribution rule rows as people read them (DESIGN §11: words, not codes).

    ``after`` (and ``before``, the same rules before calibration) are rows of
    ``distribusi.csv`` (:func:`kinerja.calibration.check_distribution`).

    Returns
    -------
    DataFrame
        ``aturan`` (the rule in words, :func:`rule_text`), ``predikat``
        (labels), ``batas``, ``jumlah_awal`` (only with ``before``),
        ``jumlah``, ``status`` (``terpenuhi`` / ``melanggar``), ``selisih``,
        ``saran`` (:func:`distribution_message`).
    """
    a = after.reset_index(drop=True)
    out = pd.DataFrame(
        {
            "aturan": [
                rule_text(o, r, p)
                for o, r, p in zip(
                    a["predikat_organisasi"], a["aturan"], a["predikat"], strict=True
                )
            ],
            "predikat": a["predikat"].map(predikat_names),
            "batas": a["batas"].astype(int),
        }
    )
    if before is not None:  # matched by rule, not by position (the stored order may differ)
        key = ["aturan", "predikat"]
        awal = a[key].merge(before[[*key, "jumlah"]], on=key, how="left", validate="one_to_one")
        out["jumlah_awal"] = awal["jumlah"].astype("Int64").to_numpy()
    out["jumlah"] = a["jumlah"].astype(int)
    out["status"] = a["status"].map(text.CURVE_STATUS)
    out["selisih"] = a["selisih"].astype(int)
    out["saran"] = [distribution_message(r) for _, r in a.iterrows()]
    return out


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


class _Worst:
    """The default unit of a board: the one with the largest curve violation."""

    def __repr__(self) -> str:
        return "WORST"


#: Open the board on the unit with the largest curve violation (:func:`kinerja.results.worst_unit`).
WORST = _Worst()

#: Columns of the minutes' Excel summary: the contract's, ``dikalibrasi``, the values before.
EXPORT_COLUMNS: tuple[str, ...] = (
    *SUMMARY_COLUMNS,
    "dikalibrasi",
    *(f"{f}_awal" for f in CALIBRATED_FIELDS),
)

_MINUTES_DIST_COLUMNS = ["aturan", "predikat", "batas", "jumlah_awal", "jumlah", "status", "saran"]


class CalibrationBoard:
    """One unit of one period, read from the stored results; adjustments go through the store.

    The board reads only what it shows (DESIGN §7, issue 14):

    - the unit it is open on (:attr:`unit`; at first the unit with the
      largest curve violation, :func:`kinerja.results.worst_unit`): the
      unit's stored summary rows and distribution, its roster rows, its
      stored competency rows, the same unit's stored summary and
      distribution of the previous period, and the ratings in force of the
      unit's ratees (:func:`kinerja.results.ratings_of_unit`, one indexed
      query) for the figures that need raw ratings: disagreement per ratee,
      agreement per competency, the queue's reasons and the unit's rater
      table;
    - the period's adjustment log (a meeting's worth of rows) and its
      result status (:func:`kinerja.results.result_status`);
    - for "all units" (``unit=None`` in the methods): stored figures only,
      counted in SQL or read from the small per-unit tables (the curve check
      of every unit, predikat and box counts, the first rows of the stored
      rater figures).  No figure that needs every rating of the period
      (agreement, disagreement, the discussion queue) exists for all units.

    Asking a method for another unit opens that unit (:meth:`open`).
    Nothing is scored in the kernel: an adjustment is written by
    :meth:`kinerja.store.Store.add_adjustment` (which updates the stored
    summary and the unit's distribution in its transaction), then the board
    re-reads that employee's stored row and the unit's distribution.

    Counted-only leniency in a unit view: a rater's figure is
    :func:`kinerja.calibration.rater_leniency` over the unit's cells
    (the unit's ratees × competencies) of the ratings that count
    (:func:`kinerja.calibration.ratings_not_withheld`): a withheld group's
    ratings are neither a rater's cells nor "the other raters" of a cell,
    so no withheld rater is listed, linked or seen through a deviation.
    It may differ from the same rater's figure over all their cells; the
    minimum of cells for a label applies to the unit's cells.  The stored
    figures (``penilai.csv``, over all cells, withheld groups included,
    DESIGN §5) appear only in the all-units table, which names no ratee.

    Parameters
    ----------
    store
        The appraisal store (adjustments are appended to it).
    periode
        The period under calibration.
    unit
        The unit to open; default :data:`WORST`.  None opens no unit.
    """

    def __init__(self, store: Store, periode: str, *, unit: str | None | _Worst = WORST):
        self.store = store
        self.periode = str(periode)
        self.policy = RESULTS_POLICY  # the stored results are scored under it
        self.status: ResultStatus | None = result_status(store, self.periode)
        self.adjustments = store.adjustments(self.periode)
        self.previous_periode = previous_period(store, self.periode)
        self._overview: dict[str, object] = {}
        if isinstance(unit, _Worst):
            unit = worst_unit(store, self.periode)
        self.open(unit)

    # ----------------------------------------------------------- reading one unit

    def open(self, unit: str | None) -> None:
        """Read one unit's stored rows and its ratees' ratings (None: no unit)."""
        self.unit = unit
        self._row_cache: dict[tuple[str | None, str | None], np.ndarray] = {}
        self._agreement: pd.DataFrame | None = None
        self._disagreement: pd.DataFrame | None = None
        self._standing: pd.DataFrame | None = None
        name = "" if unit is None else unit
        roster = unit_roster(self.store, name)
        self.pegawai = roster.assign(unit_kerja=name)
        self.levels = roster.set_index("nip")["jenis_jabatan"]
        self.units = unit_row(self.store, self.periode, name)
        self._read_unit()
        self.penilaian = ratings_of_unit(self.store, self.periode, name)
        self.means = source_means(self.penilaian, periode=self.periode, policy=self.policy)
        counted = ratings_not_withheld(
            self.penilaian, periode=self.periode, policy=self.policy, means=self.means
        )
        # who rated whom and the raters' leniency over the unit's counted cells (DESIGN §10)
        self.links = links_of(counted)
        self.counted_raters = rater_leniency(counted, periode=self.periode, policy=self.policy)
        self.competencies = unit_competencies(self.store, self.periode, name)
        raters = set(self.links["nip_penilai"]) | set(self.counted_raters["nip_penilai"])
        self.rater_names = employee_names(self.store, sorted(raters))
        prev = self.previous_periode
        self.previous_summary = (
            unit_summary(self.store, prev, name) if prev else self.calibrated.iloc[0:0]
        )
        self.previous_distribution = (
            unit_distribution(self.store, prev, name) if prev else self._distribution.iloc[0:0]
        )

    def _read_unit(self) -> None:
        """The unit's stored summary (calibrated and before calibration) and distribution."""
        name = "" if self.unit is None else self.unit
        stored = unit_summary(self.store, self.periode, name)
        self.calibrated = stored.set_index("nip", drop=False)
        raw = stored.assign(
            **{f: stored[f"{f}_awal"] for f in CALIBRATED_FIELDS}, dikalibrasi=False
        )
        self.raw = raw.set_index("nip", drop=False)
        self._distribution = unit_distribution(self.store, self.periode, name)
        self._distribution_raw = check_distribution(
            self.raw, self.units, periode=self.periode, policy=self.policy
        )

    def _reread_rows(self, nips: list[str]) -> None:
        """Re-read some employees' stored rows of the unit and the unit's distribution."""
        with self.store.engine.connect() as conn:  # plain rows by key: no frame per row
            rows = {nip: stored_employee_row(conn, self.periode, nip) for nip in nips}
        for nip, row in rows.items():
            if row is None or nip not in self.calibrated.index:
                continue
            for col in self.calibrated.columns:
                self.calibrated.at[nip, col] = row[col]  # type: ignore[assignment]  # stubs
        name = "" if self.unit is None else self.unit
        self._distribution = unit_distribution(self.store, self.periode, name)

    def _at(self, unit: str | None) -> None:
        """Open ``unit`` when the board holds another one (None: the all-units figures)."""
        if unit is not None and unit != self.unit:
            self.open(unit)

    # ----------------------------------------------------------- selections

    def unit_names(self) -> list[str]:
        """Units of the roster, sorted."""
        return units(self.store)

    def level_names(self) -> list[str]:
        """Jabatan levels (``jenis_jabatan``) of the roster, sorted."""
        return level_names(self.store)

    def summary(
        self, unit: str | None = ALL, level: str | None = ALL, *, calibrated: bool = True
    ) -> pd.DataFrame:
        """The stored summary rows of a unit, filtered by jabatan level.

        All units (None): no rows; the board holds no period-wide summary
        (:meth:`predikat_counts` and :meth:`nine_box` count it in SQL).
        """
        if unit is None:
            return self.calibrated.iloc[0:0]
        self._at(unit)
        frame = self.calibrated if calibrated else self.raw
        return frame.iloc[self._rows(level)]

    def _rows(self, level: str | None) -> np.ndarray:
        """Row positions of a level in the unit (cached: adjustments never move rows)."""
        key = (self.unit, level)
        if key not in self._row_cache:
            frame = self.calibrated
            mask = np.ones(len(frame), dtype=bool)
            if level is not None:
                mask &= (frame["nip"].map(self.levels) == level).to_numpy()
            self._row_cache[key] = np.flatnonzero(mask)
        return self._row_cache[key]

    def predikat_counts(
        self, unit: str | None = ALL, level: str | None = ALL, *, calibrated: bool = True
    ) -> pd.DataFrame:
        """``predikat, jumlah`` of a unit, or of every unit (counted in SQL)."""
        if unit is not None:
            return predikat_counts(self.summary(unit, level, calibrated=calibrated))
        column = "predikat" if calibrated else "predikat_awal"
        counts = self._counted(column, level)
        order = [p.value for p in Predikat]
        return pd.DataFrame(
            {"predikat": order, "jumlah": counts.reindex(order, fill_value=0).to_numpy(int)}
        )

    def _counted(self, column: str, level: str | None) -> pd.Series:
        key = f"count:{column}:{level}"
        if key not in self._overview:
            self._overview[key] = period_counts(self.store, self.periode, column, level=level)
        return cast(pd.Series, self._overview[key])

    def previous_counts(self, unit: str | None = ALL, level: str | None = ALL) -> pd.DataFrame:
        """``predikat, jumlah`` of the previous period (final values; empty without one)."""
        prev = self.previous_periode
        order = [p.value for p in Predikat]
        if prev is None:
            return pd.DataFrame({"predikat": order, "jumlah": 0}).iloc[0:0]
        if unit is None:
            counts = period_counts(self.store, prev, "predikat", level=level)
            jumlah = counts.reindex(order, fill_value=0).to_numpy(int)
            return pd.DataFrame({"predikat": order, "jumlah": jumlah})
        self._at(unit)
        s = self.previous_summary
        if level is not None:
            s = s.loc[s["nip"].map(self.levels) == level]
        return predikat_counts(s)

    def distribution(self, unit: str | None = ALL, *, calibrated: bool = True) -> pd.DataFrame:
        """Distribution rule rows of one unit (stored), or of every unit (stored, calibrated)."""
        if unit is None:
            if not calibrated:
                raise ValueError("the distribution before calibration is kept per unit only")
            return self._period_distribution()
        self._at(unit)
        return self._distribution if calibrated else self._distribution_raw

    def _period_distribution(self) -> pd.DataFrame:
        if "distribusi" not in self._overview:
            self._overview["distribusi"] = period_distribution(self.store, self.periode)
        return cast(pd.DataFrame, self._overview["distribusi"])

    def distribution_table(self, unit: str) -> pd.DataFrame:
        """Raw vs calibrated rule rows of one unit in words (:func:`curve_rows`)."""
        return curve_rows(self.distribution(unit), self.distribution(unit, calibrated=False))

    def violations_by_unit(self) -> pd.DataFrame:
        """``unit_kerja, predikat_organisasi`` (label), ``n_melanggar, saran`` for every unit
        (stored)."""
        d = self._period_distribution()
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
        out = pd.DataFrame(
            rows, columns=["unit_kerja", "predikat_organisasi", "n_melanggar", "saran"]
        )
        org = out["predikat_organisasi"].map(lambda o: label(o, PredikatOrganisasi))
        return out.assign(predikat_organisasi=org)

    def raters(self, unit: str | None = ALL, *, limit: int = 40) -> pd.DataFrame:
        """Leniency per rater, flagged first, with names.

        All units: the stored ``penilai.csv`` figures, per rater over all
        their cells (DESIGN §5), naming no ratee: the first ``limit``
        (:func:`kinerja.results.flagged_raters`; :meth:`rater_figures_stale`
        tells whether they predate the last change).  One unit: the
        counted-only figures over the unit's cells of the raters linked to
        its ratees outside withheld groups (see the class docstring): neither
        who in a withheld group rated whom nor, through a deviation, what
        they gave.  A rater without a comparable counted cell is not listed.
        """
        columns = ["nip_penilai", "nama", "n_sel", "deviasi", "label"]
        if unit is None:
            return flagged_raters(self.store, self.periode, limit=limit)[columns]
        self._at(unit)
        mine = set(self.links["nip_penilai"])
        r = self.counted_raters.loc[self.counted_raters["nip_penilai"].isin(mine)]
        r = r.assign(
            nama=r["nip_penilai"].map(self.rater_names), _o=(r["label"] == "wajar").astype(int)
        )
        r = r.sort_values(["_o", "deviasi"], ascending=[True, False])
        return r[columns].reset_index(drop=True)

    def rater_figures_stale(self) -> bool:
        """True when the stored rater figures predate the period's last change."""
        return self.status is not None and not self.status.penilai_terkini

    def refresh_rater_figures(self) -> None:
        """Recompute the stored rater figures of the period (reads its ratings once).

        :meth:`kinerja.store.Store.refresh_rater_figures`; then the status is read again.
        """
        self.store.refresh_rater_figures(self.periode)
        self.status = result_status(self.store, self.periode)

    def agreement(self, unit: str | None = ALL) -> pd.DataFrame:
        """Krippendorff's alpha per competency of a unit (no withheld group); none for all units."""
        if unit is None:
            return pd.DataFrame(columns=list(AGREEMENT_COLUMNS))
        self._at(unit)
        if self._agreement is None:
            self._agreement = agreement_by_unit(
                self.penilaian,
                self.pegawai,
                periode=self.periode,
                policy=self.policy,
                means=self.means,
            )
        return self._agreement

    def disagreement(self, unit: str | None = ALL) -> pd.DataFrame:
        """Ratees of a unit whose raters disagree most (withheld groups left out).

        None for all units: it needs every rating of the period.
        """
        if unit is None:
            return pd.DataFrame(columns=list(DISAGREEMENT_COLUMNS))
        self._at(unit)
        if self._disagreement is None:
            self._disagreement = disagreement_by_ratee(
                self.penilaian,
                self.pegawai,
                periode=self.periode,
                policy=self.policy,
                means=self.means,
            )
        return self._disagreement

    def nine_box(self, unit: str | None = ALL, level: str | None = ALL) -> pd.DataFrame:
        """Counts per box of the calibrated summary (all units: counted in SQL)."""
        if unit is not None:
            return nine_box_counts(self.summary(unit, level))
        boxes = reference.nine_box()[["kotak", "kinerja", "potensial"]]
        counts = self._counted("kotak", level)
        counts = pd.Series(counts.to_numpy(), index=counts.index.astype(int))
        return boxes.assign(jumlah=boxes["kotak"].map(counts).fillna(0).astype(int))

    def people_in_box(
        self, box: int, unit: str | None = ALL, level: str | None = ALL, *, limit: int = 100
    ) -> pd.DataFrame:
        """``nip, nama, jabatan, predikat, kategori_jpm`` of the employees in one box.

        All units: the first ``limit`` by name.
        """
        if unit is None:
            s = period_box_members(self.store, self.periode, box, level=level, limit=limit)
        else:
            s = self.summary(unit, level)
            s = s.loc[s["kotak"].astype("Float64") == box]
        return (
            s[["nip", "nama", "jabatan", "predikat", "kategori_jpm"]]
            .sort_values("nama")
            .reset_index(drop=True)
        )

    def queue(self, unit: str | None = ALL, level: str | None = ALL) -> pd.DataFrame:
        """The discussion queue of a unit (same result as :func:`discussion_queue` on its rows).

        The standing reasons are ranked once per unit and kept; an adjustment
        only re-derives the curve reasons.  "Rated by a lenient/severe rater"
        comes from the counted-only leniency and links of the unit (withheld
        groups left out, DESIGN §10), never from ``penilai.csv``.  All units:
        no queue (it would need every rating of the period).
        """
        if unit is None:
            return pd.DataFrame(columns=QUEUE_COLUMNS)
        s = self.summary(unit, level)
        # group sizes of the curve are those of the whole unit, not of the level shown
        curve = curve_reasons(self.summary(unit).reset_index(drop=True), self.distribution(unit))
        return order_queue(s, aggregate_reasons(curve), self._standing_ranked())

    def _standing_ranked(self) -> pd.DataFrame:
        """Per employee of the unit: weight and text of the standing reasons (cached)."""
        if self._standing is None:
            self._standing = aggregate_reasons(
                standing_reasons(
                    self.calibrated.reset_index(drop=True),
                    self.counted_raters,
                    self.links,
                    self.disagreement(self.unit),
                    self.competencies,
                )
            )
        return self._standing

    # ----------------------------------------------------------- adjusting

    def current(self, nip: str, field: str) -> str | None:
        """The value in force (calibrated) of a field, as the board last read it from the store."""
        v = self.calibrated.at[nip, field]
        return None if pd.isna(v) else str(v)  # type: ignore[arg-type]  # stubs: .at vs isna

    def refresh(self, nip: str | None = None) -> list[str]:
        """Re-read the store's adjustment log (of one employee, or of the period).

        Employees whose log changed since the board last read it (another
        board's adjustments included) get their stored rows read again, and
        the unit's distribution too; when the period changed otherwise (a
        rating saved meanwhile), the unit's stored summary and distribution
        are read again.  Returns the NIPs whose log changed.
        """
        mine = self.adjustments
        if nip is not None:
            mine = mine.loc[mine["nip"] == nip]
        known = set(mine["id"].astype(int)) if len(mine) else set()
        changed: list[str] = []
        if self._log_mark(nip) != (len(known), max(known, default=None)):
            log = self.store.adjustments(self.periode, nip=nip)
            fresh = set(log["id"].astype(int)) if len(log) else set()
            changed = sorted(set(log.loc[log["id"].astype(int).isin(fresh - known), "nip"]))
        status = result_status(self.store, self.periode)
        moved = status is not None and (self.status is None or status.diubah != self.status.diubah)
        self.status = status
        if changed:
            others = self.adjustments
            others = others.loc[others["nip"] != nip] if nip is not None else others.iloc[0:0]
            frames = [f for f in (others, log) if len(f)]
            self.adjustments = pd.concat(frames, ignore_index=True).sort_values(
                "id", ignore_index=True
            )
        if changed or moved:
            self._overview.clear()
            if changed:
                self._reread_rows([n for n in changed if n in self.calibrated.index])
            else:
                self._read_unit()  # something else changed: the unit's stored rows again
        return changed

    def _log_mark(self, nip: str | None) -> tuple[int, int | None]:
        """``(count, newest id)`` of the store's log (of one employee): an append-only log
        read in full only when this changes."""
        a = adjustments_table
        stmt = sa.select(sa.func.count(), sa.func.max(a.c.id)).where(a.c.periode == self.periode)
        if nip is not None:
            stmt = stmt.where(a.c.nip == nip)
        with self.store.engine.connect() as conn:
            n, newest = conn.execute(stmt).one()
        return int(n), None if newest is None else int(newest)

    def _ensure(self, nip: str) -> None:
        """Open the unit of ``nip`` when the board holds another one."""
        if nip in self.calibrated.index:
            return
        row = employee_summary(self.store, self.periode, nip)
        if not len(row):
            raise StoreError(text.UNKNOWN_NIP.format(nip=nip, periode=self.periode))
        self.open(str(row["unit_kerja"].iloc[0]))

    def adjust(
        self, *, nip: str, field: str, new_value: str, reason: str, who: str
    ) -> AdjustmentResult:
        """Append an adjustment and show the store's values of that employee and unit.

        The store records the value in force as the old value and refuses a
        new value equal to it (:meth:`kinerja.store.Store.add_adjustment`),
        and updates the stored summary and the unit's distribution in the
        same transaction; the board then reads them back.

        Raises
        ------
        kinerja.store.StoreError
            Empty reason or author, unknown field/value, unknown NIP, or no
            change.
        """
        self._ensure(nip)
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
        self._ensure(nip)
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

    # ----------------------------------------------------------- minutes

    def log(self, unit: str | None = ALL) -> pd.DataFrame:
        """The adjustment log as last read (of a unit's employees, or all) with ``nama``."""
        log = self.adjustments
        if unit is not None:
            self._at(unit)
            log = log.loc[log["nip"].isin(self.calibrated.index)]
            names = self.calibrated["nama"]
        else:
            names = employee_names(self.store, log["nip"].tolist()) if len(log) else pd.Series()
        return log.assign(nama=log["nip"].map(names))

    def export_table(self, unit: str | None = ALL, level: str | None = ALL) -> pd.DataFrame:
        """The minutes' Excel summary: calibrated values with the values before beside them.

        One unit: its stored rows.  All units: every stored row of the
        period (a whole-period read of the stored summary, on request only).
        """
        if unit is None:
            s = period_summary(self.store, self.periode, level=level)
        else:
            s = self.summary(unit, level)
        return s[list(EXPORT_COLUMNS)].reset_index(drop=True)

    def minutes_frames(
        self, unit: str | None = ALL, level: str | None = ALL
    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The minutes' adjustments (with names), distribution rows and before/after counts.

        From the board's log as last read (call :meth:`refresh` first for
        every facilitator's adjustments) and the stored rows; no distribution
        rows for all units.
        """
        log = self.log(unit)
        if unit is not None:
            dist = self.distribution_table(unit)
        else:
            dist = pd.DataFrame(columns=_MINUTES_DIST_COLUMNS)
        before = self.predikat_counts(unit, level, calibrated=False)
        after = self.predikat_counts(unit, level)
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
