"""One employee's competency profile: the data behind the Profil Kompetensi app and PDF.

Pure functions over a scored period (:class:`kinerja.pipeline.Scores`) or one
employee's scores (:class:`kinerja.pipeline.EmployeeScores`).
Anonymity is enforced here, once, for every view built on it: per-source
means appear only for sources that are not withheld, no individual rating
of a peer, subordinate or member of the public is ever returned, and
comments come without their author and only from sources that count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd

from kinerja import reference
from kinerja.config import Policy
from kinerja.development import (
    MIN_JP_PER_YEAR,
    NOTE_NO_TRAINING,
    development_needs,
    development_plan,
    strengths,
)
from kinerja.labels import ADJUSTABLE_FIELD, fmt, label
from kinerja.labels import messages as msg
from kinerja.labels.messages import BLIND_SPOT, HIDDEN_STRENGTH
from kinerja.pipeline import EmployeeScores, Scores
from kinerja.vocab import (
    BERAKHLAK_CODES,
    AdjustableField,
    JpmCategory,
    Potential,
    Predikat,
    Rating,
    Source,
)

#: Self and others differ by at least this much: a "blind spot" or a "hidden strength".
SELF_GAP = 1.0


def format_nip(nip: str) -> str:
    """``196502222007011005`` -> ``19650222 200701 1 005`` (other strings unchanged)."""
    s = str(nip)
    if len(s) == 18 and s.isdigit():
        return f"{s[:8]} {s[8:14]} {s[14]} {s[15:]}"
    return s


@dataclass(frozen=True)
class EmployeeProfile:
    """Everything one profile page or PDF shows.

    Attributes
    ----------
    info
        ``nip, nip_tampil, nama, unit_kerja, jabatan, golongan, periode`` and the
        summary values (``jpm, kategori_jpm, skor_perilaku, rating_perilaku,
        rating_hasil_kerja, predikat, kinerja, potensial, kotak, lengkap,
        dikalibrasi``) plus ``rekomendasi`` of the box.
    competencies
        ``kompetensi_kode, nama, jenis, skor, skor_diri, standar, gap, tanda``
        (``tanda``: blind spot / hidden strength / empty).
    sources
        ``kompetensi_kode, sumber, rata_rata, n`` — only sources that count
        (not withheld) and never self (shown as ``skor_diri``).
    withheld
        Source codes withheld for this employee (too few raters).
    strengths, development_areas
        Plain Indonesian sentences.
    plan
        The development plan rows; ``plan_jp`` its JP total.
    adjustments
        Latest calibration adjustment per field with its reason.
    comments
        Unattributed comments from sources that count.
    explanation
        "Bagaimana skor ini dihitung": ``(langkah, rumus)`` pairs with this
        employee's numbers; ``formulas`` the per-competency formula table.
    """

    info: dict[str, Any]
    competencies: pd.DataFrame
    sources: pd.DataFrame
    withheld: list[str]
    strengths: list[str]
    development_areas: list[str]
    plan: pd.DataFrame
    plan_jp: float
    adjustments: pd.DataFrame
    comments: list[str]
    explanation: list[tuple[str, str]] = field(default_factory=list)
    formulas: pd.DataFrame = field(default_factory=pd.DataFrame)


def _info(scores: Scores | EmployeeScores, pegawai: pd.DataFrame, nip: str) -> dict[str, Any]:
    person = pegawai.loc[pegawai["nip"] == nip]
    if not len(person):
        raise KeyError(f"unknown NIP {nip}")
    row = cast(
        dict[str, Any], scores.ringkasan.loc[scores.ringkasan["nip"] == nip].iloc[0].to_dict()
    )
    p = person.iloc[0]
    box = row.get("kotak")
    rec = ""
    if pd.notna(box):
        boxes = reference.nine_box().set_index("kotak")
        rec = str(boxes.loc[int(box), "rekomendasi"])
    return {
        **row,
        "nip_tampil": format_nip(nip),
        "golongan": p.get("golongan"),
        "rekomendasi": rec,
    }


def _competencies(
    scores: Scores | EmployeeScores, kompetensi: pd.DataFrame, nip: str
) -> pd.DataFrame:
    c = scores.kompetensi.loc[scores.kompetensi["nip"] == nip].copy()
    names = kompetensi.set_index("kode")["nama"]
    diff = c["skor_diri"] - c["skor"]
    tanda = pd.Series("", index=c.index, dtype=object)
    tanda[diff >= SELF_GAP - 1e-9] = BLIND_SPOT
    tanda[diff <= -SELF_GAP + 1e-9] = HIDDEN_STRENGTH
    order = c["kompetensi_kode"].isin(BERAKHLAK_CODES).astype(int)
    c = c.assign(nama=c["kompetensi_kode"].map(names), tanda=tanda, _o=order)
    c = c.sort_values(["_o", "kompetensi_kode"], kind="stable")
    return c[
        [
            "kompetensi_kode",
            "nama",
            "jenis",
            "skor",
            "skor_diri",
            "standar",
            "gap",
            "n_penilai",
            "tanda",
        ]
    ].reset_index(drop=True)


def visible_sources(means: pd.DataFrame, nip: str) -> tuple[pd.DataFrame, list[str]]:
    """Per-source means that may be shown for one ratee, and the withheld sources.

    Self is left out (it is ``skor_diri``); a withheld source is never shown.
    """
    m = means.loc[means["nip"] == nip]
    withheld = sorted(m.loc[m["withheld"], "sumber"].unique())
    shown = m.loc[~m["withheld"] & (m["sumber"] != Source.SELF.value)]
    out = shown.rename(columns={"mean": "rata_rata"})[
        ["kompetensi_kode", "sumber", "rata_rata", "n"]
    ]
    return out.reset_index(drop=True), withheld


def visible_comments(
    penilaian: pd.DataFrame, means: pd.DataFrame, *, nip: str, periode: str
) -> list[str]:
    """Distinct comments on a ratee, without author, only from sources that count.

    Self comments and comments of a withheld source are left out.
    """
    p = penilaian
    r = p.loc[(p["periode"].astype(str) == str(periode)) & (p["nip_dinilai"].astype(str) == nip)]
    r = r.loc[r["catatan"].notna() & (r["sumber"].astype(str) != Source.SELF.value)]
    m = means.loc[means["nip"] == nip]
    withheld = set(m.loc[m["withheld"], "sumber"])
    r = r.loc[~r["sumber"].astype(str).isin(withheld)]
    texts = [str(t).strip() for t in r["catatan"]]
    return sorted({t for t in texts if t})


def _sentences(comp: pd.DataFrame) -> tuple[list[str], list[str]]:
    std = comp.loc[comp["standar"].notna() & comp["skor"].notna()]
    good = strengths(std.assign(nip="x"), top=3)
    by_code = comp.set_index("kompetensi_kode")
    strengths_text = [
        (msg.STRENGTH_ABOVE if r.gap > 1e-9 else msg.STRENGTH_MEETS).format(
            kode=r.kompetensi_kode,
            nama=by_code.loc[r.kompetensi_kode, "nama"],
            skor=fmt(by_code.loc[r.kompetensi_kode, "skor"]),
            gap=fmt(r.gap),
        )
        for r in cast(Iterable[Any], good.itertuples())
    ]
    needs = development_needs(comp.assign(nip="x"))
    areas = []
    r: Any  # itertuples fields are typed as the full Scalar union
    for r in needs.itertuples():
        kode, nama = r.kompetensi_kode, by_code.loc[r.kompetensi_kode, "nama"]
        if kode in BERAKHLAK_CODES:
            areas.append(msg.NEED_BEHAVIOUR.format(kode=kode, nama=nama, skor=fmt(r.gap + 3.0)))
        else:
            areas.append(msg.NEED_COMPETENCY.format(kode=kode, nama=nama, gap=fmt(-r.gap)))
    return strengths_text, areas


def competency_formulas(
    means: pd.DataFrame, comp: pd.DataFrame, nip: str, policy: Policy
) -> pd.DataFrame:
    """Per competency, the weighted-mean formula written out with this employee's numbers."""
    m = means.loc[(means["nip"] == nip) & ~means["withheld"] & (means["weight"] > 0)]
    rows = []
    for c in comp.itertuples():
        parts = m.loc[m["kompetensi_kode"] == c.kompetensi_kode]
        if not len(parts):
            rows.append((c.kompetensi_kode, msg.NO_SOURCE_COUNTED))
            continue
        terms = " + ".join(
            f"{fmt(r.weight, 1)}×{fmt(r.mean)} ({label(r.sumber, Source)})"
            for r in cast(Iterable[Any], parts.itertuples())
        )
        total = fmt(parts["weight"].sum(), 1)
        rows.append((c.kompetensi_kode, f"({terms}) ÷ {total} = {fmt(c.skor)}"))
    return pd.DataFrame(rows, columns=["kompetensi_kode", "rumus"])


def explain(
    info: dict[str, Any],
    comp: pd.DataFrame,
    withheld: list[str],
    policy: Policy,
    adjustments: pd.DataFrame | None = None,
) -> list[tuple[str, str]]:
    """The steps from ratings to predikat and box, with this employee's numbers.

    ``adjustments`` (:func:`latest_adjustment_notes`) marks a calibrated rating
    as such, with its reason, so a step never claims that the numbers give
    the calibrated value.
    """
    from kinerja.scoring import perilaku_rating

    adjusted = {} if adjustments is None else {str(a.field): a for a in adjustments.itertuples()}

    def calibrated(field: str) -> str:
        a = adjusted.get(field)
        return "" if a is None else msg.CALIBRATED_BECAUSE.format(reason=a.reason)

    weights = ", ".join(f"{label(s)} {fmt(w, 1)}" for s, w in policy.weights.items() if w > 0)
    text = msg.SCORE_FORMULA.format(weights=weights)
    if withheld:
        hidden = ", ".join(label(s, Source) for s in withheld)
        text += msg.SOURCES_WITHHELD.format(sources=hidden, k=policy.anonymity_k)
    steps = [(msg.STEP_SCORE, text)]
    std = comp.loc[comp["standar"].notna()]
    text = msg.JPM_MISSING
    if pd.notna(info.get("jpm")):
        capped = std[["skor", "standar"]].min(axis=1) if policy.jpm_cap_at_standard else std["skor"]
        text = msg.JPM_FORMULA.format(
            skor=fmt(capped.sum()),
            standar=fmt(float(std["standar"].sum()), 0),
            jpm=fmt(info["jpm"], 1),
            kategori=label(info["kategori_jpm"], JpmCategory),
            optimal=fmt(policy.jpm_optimal, 0),
            cukup=fmt(policy.jpm_cukup_optimal, 0),
        )
    steps.append((msg.STEP_JPM, text))
    text = msg.PERILAKU_MISSING
    if pd.notna(info.get("skor_perilaku")):
        from_mean = perilaku_rating(pd.Series([float(info["skor_perilaku"])]), policy).iloc[0]
        text = msg.PERILAKU_FORMULA.format(
            skor=fmt(info["skor_perilaku"]),
            rating=label(from_mean, Rating),
            di_atas=fmt(policy.perilaku_di_atas, 1),
            sesuai=fmt(policy.perilaku_sesuai, 1),
        )
        if "rating_perilaku" in adjusted:
            text += msg.PERILAKU_CALIBRATED.format(
                rating=label(info["rating_perilaku"], Rating),
                reason=adjusted["rating_perilaku"].reason,
            )
    steps.append((msg.STEP_PERILAKU, text))
    text = msg.PREDIKAT_MISSING
    if pd.notna(info.get("predikat")):
        text = msg.PREDIKAT_FORMULA.format(
            hasil=label(info["rating_hasil_kerja"], Rating) + calibrated("rating_hasil_kerja"),
            perilaku=label(info["rating_perilaku"], Rating) + calibrated("rating_perilaku"),
            predikat=label(info["predikat"], Predikat),
        )
    steps.append((msg.STEP_PREDIKAT, text))
    text = msg.BOX_MISSING
    if pd.notna(info.get("kotak")):
        text = msg.BOX_FORMULA.format(
            kinerja=label(info["kinerja"], Rating),
            potensial=label(info["potensial"], Potential),
            kotak=int(info["kotak"]),
            rekomendasi=info.get("rekomendasi", ""),
        )
    steps.append((msg.STEP_BOX, text))
    return steps


def latest_adjustment_notes(adjustments: pd.DataFrame, nip: str) -> pd.DataFrame:
    """The adjustment in force per field for one employee.

    Columns: ``field, label, old_value, new_value, reason, who, when``.
    """
    from kinerja.calibration import latest_adjustments

    columns = ["field", "label", "old_value", "new_value", "reason", "who", "when"]
    mine = pd.DataFrame()
    if adjustments is not None and len(adjustments):
        latest = latest_adjustments(adjustments)
        mine = latest.loc[latest["nip"] == nip].copy()
    if not len(mine):  # the same empty frame whether others were adjusted or not
        return pd.DataFrame(columns=columns)
    mine["label"] = mine["field"].map(lambda f: ADJUSTABLE_FIELD[AdjustableField(f)])
    return mine[columns].reset_index(drop=True)


def build_profile(
    scores: Scores | EmployeeScores,
    *,
    nip: str,
    pegawai: pd.DataFrame,
    kompetensi: pd.DataFrame,
    penilaian: pd.DataFrame,
    pelatihan: pd.DataFrame,
    policy: Policy | None = None,
) -> EmployeeProfile:
    """Assemble the profile of one employee from a scored period.

    ``scores`` may be the whole period (:func:`kinerja.pipeline.score_dataset`)
    or that employee's own scoring (:func:`kinerja.lookup.employee_scores`):
    the profile reads only the employee's rows, so both give the same profile.
    """
    policy = policy or Policy()
    info = _info(scores, pegawai, nip)
    comp = _competencies(scores, kompetensi, nip)
    sources, withheld = visible_sources(scores.means, nip)
    good, areas = _sentences(comp)
    plan = development_plan(comp.assign(nip=nip), pelatihan)
    adjustments = latest_adjustment_notes(scores.adjustments, nip)
    return EmployeeProfile(
        info=info,
        competencies=comp,
        sources=sources,
        withheld=withheld,
        strengths=good,
        development_areas=areas,
        plan=plan,
        plan_jp=float(plan["jp"].sum()),
        adjustments=adjustments,
        comments=visible_comments(penilaian, scores.means, nip=nip, periode=scores.periode),
        explanation=explain(info, comp, withheld, policy, adjustments),
        formulas=competency_formulas(scores.means, comp, nip, policy),
    )


__all__ = [
    "BLIND_SPOT",
    "HIDDEN_STRENGTH",
    "MIN_JP_PER_YEAR",
    "NOTE_NO_TRAINING",
    "EmployeeProfile",
    "build_profile",
    "format_nip",
    "visible_comments",
    "visible_sources",
]
