"""Calibration figures of DESIGN.md §5 that need no storage.

- :func:`rater_leniency`: lenient (``lunak``) and severe (``keras``) raters;
- :func:`check_distribution`: the SE MenPANRB 3/2023 curve per unit;
- :func:`apply_adjustments`: calibrated ratings from an adjustment log;
- :func:`ratings_not_withheld`, :func:`rater_links` and
  :func:`counted_rater_leniency`: the ratings, the rater–ratee links and the
  leniency that a view may use per ratee or per unit (DESIGN §10).

Anonymity in the calibration views (DESIGN §4 step 2, §10): a withheld group
(an anonymous source with ``1 ≤ n_g < k`` raters of a ratee, decided by
:func:`kinerja.scoring.source_means`) never feeds a figure shown per ratee
(disagreement, agreement, queue reasons, self/others gaps), and no view links a
ratee to a rater of a withheld group.

Two leniency figures follow from that rule:

- :func:`rater_leniency` over all of a rater's cells, withheld groups
  included, is the per-rater figure of DESIGN §5: ``penilai.csv`` and the
  all-units rater table, which name no ratee;
- :func:`counted_rater_leniency`, the same rule over the ratings that count
  (:func:`ratings_not_withheld`), is the only leniency a view may use to flag
  a ratee by their raters (the discussion queue's "rated by a lenient/severe
  rater") or to show next to a unit's ratees (a unit's rater table).
  Otherwise a withheld peer's ratings would still show through: a supervisor
  who gives 1 where a lone, withheld peer gives 4 is ``keras`` (deviation −3)
  over all cells, and "rated by a severe rater" would tell the meeting that
  somebody else rated the ratee much higher.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja import reference
from kinerja._engine import in_period, period_mask
from kinerja.codes import codes_of, group_keys, sorted_codes, text_of
from kinerja.config import Policy
from kinerja.errors import AdjustmentError
from kinerja.labels import label
from kinerja.labels import messages as msg
from kinerja.scoring import derive_outcomes, source_means
from kinerja.vocab import AdjustableField, DistributionRule, Predikat, Rating

#: Columns of ``penilai.csv``.
RATER_COLUMNS: tuple[str, ...] = ("periode", "nip_penilai", "n_sel", "deviasi", "label")

#: Columns of ``distribusi.csv``.
DISTRIBUTION_COLUMNS: tuple[str, ...] = (
    "periode",
    "unit_kerja",
    "predikat_organisasi",
    "aturan",
    "predikat",
    "jumlah",
    "batas",
    "status",
    "selisih",
)

#: Columns of an adjustment log.
ADJUSTMENT_COLUMNS: tuple[str, ...] = (
    "periode",
    "nip",
    "field",
    "old_value",
    "new_value",
    "reason",
    "who",
    "when",
)


def no_change_message(value: object) -> str:
    """The refusal of an adjustment whose new value is the value in force."""
    shown = label(value, Rating) if value in {r.value for r in Rating} else msg.EMPTY_VALUE
    return msg.NO_CHANGE.format(value=shown)


def ratings_not_withheld(
    penilaian: pd.DataFrame,
    *,
    periode: str,
    policy: Policy | None = None,
    means: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The period's ratings that may feed a figure shown per ratee.

    A rating of a withheld (ratee, source) group is left out: an anonymous
    source with ``1 ≤ n_g < k`` raters of that ratee in the period, exactly as
    scoring decides it (:func:`kinerja.scoring.source_means`'s ``withheld``).
    Such ratings never feed a figure shown per ratee, and their raters are
    never linked to the ratee (DESIGN §4 step 2, §10).

    Parameters
    ----------
    means
        :func:`kinerja.scoring.source_means` of the same ratings and policy
        (``Scores.means``), when already computed.

    Returns
    -------
    DataFrame
        The rows of ``penilaian`` of the period, withheld groups left out.
    """
    policy = policy or Policy()
    m = source_means(penilaian, periode=periode, policy=policy) if means is None else means
    hidden = m.loc[m["withheld"].astype(bool), ["nip", "sumber"]].drop_duplicates()
    p = in_period(penilaian, periode)
    if not len(hidden):
        return p
    suspect = p["nip_dinilai"].isin(set(hidden["nip"].astype(str))).to_numpy()
    if not suspect.any():
        return p
    pairs = set(zip(hidden["nip"].astype(str), hidden["sumber"].astype(str), strict=True))
    s = p.loc[suspect]
    drop = [
        pair in pairs
        for pair in zip(s["nip_dinilai"].astype(str), s["sumber"].astype(str), strict=True)
    ]
    keep = np.ones(len(p), dtype=bool)
    keep[np.flatnonzero(suspect)[np.asarray(drop, dtype=bool)]] = False
    return p.loc[keep]


def rater_links(
    penilaian: pd.DataFrame,
    *,
    periode: str,
    policy: Policy | None = None,
    means: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Who rated whom, as a view may show it: ``nip_penilai, nip_dinilai``, one row per pair.

    Raters of a withheld group of a ratee are not linked to that ratee
    (:func:`ratings_not_withheld`), so neither the queue's "rated by a lenient
    rater" reason nor a unit's rater table reveals who rated whom.
    """
    counted = ratings_not_withheld(penilaian, periode=periode, policy=policy, means=means)
    return links_of(counted)


def links_of(ratings: pd.DataFrame) -> pd.DataFrame:
    """``nip_penilai, nip_dinilai`` of ``ratings``, one row per pair.

    Pass the ratings that count (:func:`ratings_not_withheld`) to get
    :func:`rater_links` without filtering twice.
    """
    return (
        pd.DataFrame(
            {
                "nip_penilai": ratings["nip_penilai"].astype(str).to_numpy(),
                "nip_dinilai": ratings["nip_dinilai"].astype(str).to_numpy(),
            }
        )
        .drop_duplicates()
        .reset_index(drop=True)
    )


def rater_deviations(
    penilaian: pd.DataFrame, *, periode: str, policy: Policy | None = None
) -> pd.DataFrame:
    """Each comparable rating's deviation from the other raters of its cell.

    Returns
    -------
    DataFrame
        ``nip_penilai, nip_dinilai, kompetensi_kode, skor, d`` for every rating
        of a leniency source (atasan, rekan, bawahan) in a cell
        (periode, nip_dinilai, kompetensi_kode) that at least one other such
        rater also rated.

    Notes
    -----
    ``d = skor − mean(skor of the other raters in the cell)``
    ``= skor − (Σ skor − skor) / (n − 1)``.
    """
    dev = _deviations(penilaian, periode=periode, policy=policy or Policy())
    r = penilaian.iloc[dev.rows[dev.comparable]]
    return pd.DataFrame(
        {
            "nip_penilai": r["nip_penilai"].astype(str),
            "nip_dinilai": r["nip_dinilai"].astype(str),
            "kompetensi_kode": r["kompetensi_kode"].astype(str),
            "skor": r["skor"].astype(float),
            "d": pd.Series(dev.d[dev.comparable], index=r.index),
        }
    )


@dataclass(frozen=True)
class _Deviations:
    """Every counted rating of a period with its cell and deviation, on integer codes.

    ``rows`` are positions in ``penilaian``; ``comparable`` marks the ratings
    whose cell another counted rater also rated (``d`` is NaN elsewhere);
    ``rater`` indexes ``raters``.
    """

    rows: np.ndarray
    comparable: np.ndarray
    d: np.ndarray
    rater: np.ndarray
    raters: pd.Index


def _deviations(penilaian: pd.DataFrame, *, periode: str, policy: Policy) -> _Deviations:
    """Deviation ``d`` of each rating of a leniency source from the others of its cell.

    Computed on integer codes of (nip_dinilai, kompetensi_kode), with one
    pass per step over the counted ratings: no string is hashed per rating
    and nothing is compressed twice.
    """
    p = penilaian
    sources = [s.value for s in policy.leniency_sources]
    src, src_values = codes_of(p["sumber"])
    ratee, ratee_values = codes_of(p["nip_dinilai"])
    comp, comp_values = codes_of(p["kompetensi_kode"])
    rater, raters = codes_of(p["nip_penilai"])
    skor_all = p["skor"].to_numpy(dtype=float, na_value=np.nan)
    counted = np.append(np.isin(np.asarray(src_values.astype(str), dtype=object), sources), False)
    keep = period_mask(p, periode) & counted[src] & (ratee >= 0) & (comp >= 0) & (rater >= 0)
    if p["skor"].hasnans:
        keep &= ~np.isnan(skor_all)
    rows = np.flatnonzero(keep)
    skor = skor_all[rows]
    # cell sums and counts per (ratee, competency); the key space is small (ratees × codes)
    _, cell = group_keys(ratee[rows].astype(np.int64) * len(comp_values) + comp[rows])
    n = np.bincount(cell)[cell]
    total = np.bincount(cell, weights=skor)[cell]
    comparable = n >= 2
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(comparable, skor - (total - skor) / (n - 1), np.nan)
    return _Deviations(rows, comparable, d, rater[rows], raters)


def rater_leniency(
    penilaian: pd.DataFrame, *, periode: str, policy: Policy | None = None
) -> pd.DataFrame:
    """Leniency/severity per rater (``penilai.csv``).

    Returns
    -------
    DataFrame
        ``periode, nip_penilai, n_sel, deviasi, label``: ``n_sel`` comparable
        cells, ``deviasi`` the mean deviation ``d`` (see
        :func:`rater_deviations`), ``label`` ``lunak`` when deviasi ≥ 0.5 and
        n_sel ≥ 5, ``keras`` when deviasi ≤ −0.5 and n_sel ≥ 5, else
        ``wajar``; one row per rater with at least one comparable cell,
        sorted by ``nip_penilai``.

    Notes
    -----
    Over all of ``penilaian``'s cells.  Given every rating, that is the
    per-rater figure of DESIGN §5 (``penilai.csv``, the all-units rater
    table), withheld groups included: it names no ratee.  A view that flags a
    ratee by their raters' leniency, or shows it next to a unit's ratees,
    uses :func:`counted_rater_leniency` and :func:`rater_links` instead,
    which leave withheld groups out.
    """
    policy = policy or Policy()
    dev = _deviations(penilaian, periode=periode, policy=policy)
    size = len(dev.raters)
    n_all = np.bincount(dev.rater, weights=dev.comparable, minlength=size)
    d_all = np.bincount(dev.rater, weights=np.where(dev.comparable, dev.d, 0.0), minlength=size)
    names, rank = sorted_codes(dev.raters)
    who = np.flatnonzero(n_all > 0)
    who = who[np.argsort(rank[who], kind="stable")]  # by nip_penilai as text
    n_sel = n_all[who].astype(int)
    deviasi = d_all[who] / n_sel
    enough = n_sel >= policy.leniency_min_cells
    tol = policy.tolerance
    label = np.select(
        [
            enough & (deviasi >= policy.leniency_threshold - tol),
            enough & (deviasi <= -policy.leniency_threshold + tol),
        ],
        ["lunak", "keras"],
        "wajar",
    )
    return pd.DataFrame(
        {
            "periode": pd.Series(str(periode), index=range(len(who)), dtype="str"),
            "nip_penilai": text_of(rank[who], names),
            "n_sel": n_sel,
            "deviasi": deviasi,
            "label": pd.Series(label, dtype="str"),
        },
        columns=list(RATER_COLUMNS),
    )


def counted_rater_leniency(
    penilaian: pd.DataFrame,
    *,
    periode: str,
    policy: Policy | None = None,
    means: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Leniency per rater over the ratings that count: what a per-ratee or per-unit view uses.

    :func:`rater_leniency` over :func:`ratings_not_withheld`: a withheld
    group's ratings neither count as a rater's cells nor as "the other raters"
    of a cell.  The discussion queue flags a ratee "rated by a lenient/severe
    rater" and a unit's rater table shows a rater's figures only from this
    table, so a withheld rater's scores never show through a figure next to a
    ratee (DESIGN §10).  ``penilai.csv`` keeps :func:`rater_leniency` over all
    cells (DESIGN §5).

    Parameters
    ----------
    means
        :func:`kinerja.scoring.source_means` of the same ratings and policy
        (``Scores.means``), when already computed.

    Returns
    -------
    DataFrame
        The columns of :data:`RATER_COLUMNS`, as :func:`rater_leniency`.
    """
    counted = ratings_not_withheld(penilaian, periode=periode, policy=policy, means=means)
    return rater_leniency(counted, periode=periode, policy=policy)


def _rule_members(rules: pd.DataFrame) -> np.ndarray:
    """Boolean matrix rule × predikat: which predikat a rule counts (``a+b`` counts both)."""
    order = [p.value for p in Predikat]
    parts = rules["predikat"].str.split("+")
    return np.array(
        [[code in set(names) for code in order] for names in parts], dtype=bool
    ).reshape(len(rules), len(order))


def check_distribution(
    summary: pd.DataFrame, unit_kerja: pd.DataFrame, *, periode: str, policy: Policy | None = None
) -> pd.DataFrame:
    """Check each unit's predikat counts against its organisation's curve (``distribusi.csv``).

    Parameters
    ----------
    summary
        Employee summary with ``unit_kerja`` and ``predikat`` (raw or calibrated).
    unit_kerja
        ``periode, unit_kerja, predikat_organisasi``; units not listed for the
        period get no rows.

    Returns
    -------
    DataFrame
        One row per unit and rule with the columns of
        :data:`DISTRIBUTION_COLUMNS`.

    Notes
    -----
    n = employees of the unit with a predikat.  ``maks``: batas = ⌊p·n⌋,
    selisih = min(0, batas − jumlah); ``min``: batas = ⌈p·n⌉; ``min_jumlah``:
    batas = 1; ``terbanyak``: batas = largest count among the other
    predikat; for those selisih = max(0, batas − jumlah).  floor and ceil
    honour the policy tolerance.
    """
    policy = policy or Policy()
    tol = policy.tolerance
    order = [p.value for p in Predikat]
    units = unit_kerja.loc[unit_kerja["periode"].astype(str) == str(periode)]
    rules = units[["unit_kerja", "predikat_organisasi"]].merge(
        reference.distribution_rules(),
        on="predikat_organisasi",
        how="inner",
        validate="many_to_many",
    )
    rated = summary.loc[summary["predikat"].notna(), ["unit_kerja", "predikat"]]
    unit_index = pd.Index(units["unit_kerja"].unique())
    u = unit_index.get_indexer(rated["unit_kerja"])
    k = pd.Index(order).get_indexer(rated["predikat"])  # type: ignore[arg-type]  # stubs: any array-like
    ok = (u >= 0) & (k >= 0)
    flat = np.bincount(u[ok] * len(order) + k[ok], minlength=len(unit_index) * len(order))
    c = flat.reshape(len(unit_index), len(order))[unit_index.get_indexer(rules["unit_kerja"])]
    member = _rule_members(rules)
    n = c.sum(axis=1)
    jumlah = (c * member).sum(axis=1)
    others = np.where(member, -1, c).max(axis=1, initial=0)
    p = rules["proporsi"].to_numpy(dtype=float)
    aturan = rules["aturan"].to_numpy()
    batas = np.select(
        [
            aturan == DistributionRule.MAX,
            aturan == DistributionRule.MIN,
            aturan == DistributionRule.MIN_COUNT,
        ],
        [np.floor(np.nan_to_num(p) * n + tol), np.ceil(np.nan_to_num(p) * n - tol), 1],
        others,
    ).astype(int)
    selisih = np.where(
        aturan == DistributionRule.MAX, np.minimum(0, batas - jumlah), np.maximum(0, batas - jumlah)
    )
    out = rules.assign(
        periode=str(periode),
        jumlah=jumlah.astype(int),
        batas=batas,
        selisih=selisih.astype(int),
        status=np.where(selisih == 0, "ok", "melanggar"),
    )
    return out[list(DISTRIBUTION_COLUMNS)].reset_index(drop=True)


def latest_adjustments(adjustments: pd.DataFrame) -> pd.DataFrame:
    """The newest adjustment per (periode, nip, field); the log order breaks ties in ``when``."""
    if adjustments is None or not len(adjustments):
        return pd.DataFrame(columns=list(ADJUSTMENT_COLUMNS))
    ordered = adjustments.reset_index(drop=True).reset_index(names="_seq")
    ordered = ordered.sort_values(["when", "_seq"], kind="stable")
    return ordered.drop_duplicates(["periode", "nip", "field"], keep="last").drop(columns="_seq")


def apply_adjustments(summary: pd.DataFrame, adjustments: pd.DataFrame) -> pd.DataFrame:
    """Calibrated summary: the latest adjustment replaces a rating, outcomes are derived again.

    Parameters
    ----------
    summary
        Employee summary of one period (:func:`kinerja.scoring.summarize_employees`).
    adjustments
        Log with the columns of :data:`ADJUSTMENT_COLUMNS` (any periods);
        ``field`` is ``rating_hasil_kerja`` or ``rating_perilaku``.

    Returns
    -------
    DataFrame
        A copy of ``summary`` with the adjusted ratings, ``predikat``,
        ``kinerja``, ``potensial`` and ``kotak`` derived again, and a boolean
        ``dikalibrasi`` column: true when a rating in force differs from the
        raw one (an adjustment undone back to the raw value leaves it false).
        Raw ratings are never changed.
    """
    out = summary.copy()
    out["dikalibrasi"] = False
    latest = latest_adjustments(adjustments)
    if not len(latest) or not len(out):
        return out
    periods = set(out["periode"].astype(str))
    latest = latest.loc[latest["periode"].astype(str).isin(periods)]
    for field in AdjustableField:
        adj = latest.loc[latest["field"] == field.value].set_index("nip")["new_value"]
        hit = out["nip"].isin(adj.index)
        if hit.any() and out[field.value].dtype.kind == "f":
            # an all-empty rating column (e.g. read back from CSV) is float: make room for codes
            out[field.value] = out[field.value].astype(object)
        out.loc[hit, field.value] = out.loc[hit, "nip"].map(adj)
        out.loc[hit & _differs(out[field.value], summary[field.value]), "dikalibrasi"] = True
    return derive_outcomes(out)


def _differs(a: pd.Series, b: pd.Series) -> pd.Series:
    """Element-wise ``a != b`` where two empty values are equal."""
    return (a != b) & ~(a.isna() & b.isna())


def value_in_force(
    summary: pd.DataFrame, adjustments: pd.DataFrame, *, nip: str, field: str
) -> str | None:
    """The value of ``field`` in force for ``nip``: the latest adjustment's, else the raw one.

    ``summary`` is the uncalibrated summary (any index, with ``nip``).
    """
    log = adjustments
    mine = log.loc[(log["nip"].astype(str) == nip) & (log["field"] == field)] if len(log) else log
    if len(mine):
        return str(latest_adjustments(mine)["new_value"].iloc[-1])
    raw = summary.loc[summary["nip"] == nip, field]
    if not len(raw) or pd.isna(raw.iloc[0]):
        return None
    return str(raw.iloc[0])


def propose_adjustment(
    summary: pd.DataFrame,
    adjustments: pd.DataFrame,
    *,
    periode: str,
    nip: str,
    field: str,
    new_value: str,
    reason: str,
    who: str,
) -> pd.DataFrame:
    """An in-memory adjustment log with one more adjustment (the store's rules, no store).

    ``old_value`` is the value in force (:func:`value_in_force`), never the
    caller's; an adjustment to the value already in force, or without a
    reason, is refused.

    Returns
    -------
    DataFrame
        ``adjustments`` with the new record appended (:data:`ADJUSTMENT_COLUMNS`).

    Raises
    ------
    AdjustmentError
        Empty reason, unknown field or value, unknown NIP, or no change.
    """
    if not reason.strip():
        raise AdjustmentError(msg.REASON_REQUIRED)
    try:
        field, new_value = AdjustableField(field).value, Rating(new_value).value
    except ValueError as exc:
        raise AdjustmentError(msg.UNKNOWN_ADJUSTMENT) from exc
    if not (summary["nip"] == nip).any():
        raise AdjustmentError(msg.NIP_NOT_IN_SUMMARY.format(nip=nip))
    old = value_in_force(summary, adjustments, nip=nip, field=field)
    if old == new_value:
        raise AdjustmentError(no_change_message(old))
    record = {
        "periode": str(periode),
        "nip": nip,
        "field": field,
        "old_value": old,
        "new_value": new_value,
        "reason": reason.strip(),
        "who": who.strip(),
        "when": pd.Timestamp.now(tz="UTC"),
    }
    new = pd.DataFrame([record], columns=list(ADJUSTMENT_COLUMNS))
    return new if not len(adjustments) else pd.concat([adjustments, new], ignore_index=True)
