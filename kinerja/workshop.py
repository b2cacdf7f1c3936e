"""Logic of the trainers' workshop (Lokakarya): the method step by step, on sample data.

No widgets here: the shared classroom room (a temporary SQLite file, never
the organisation's store), one employee scored live under any policy, the
rater-effect figures behind "find the biased rater", and the weight
sensitivity of predikat and box.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import replace
from functools import cache
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from kinerja.agreement import krippendorff_alpha
from kinerja.calibration import rater_leniency
from kinerja.config import Policy
from kinerja.dataset import Dataset
from kinerja.labels.apps import VIGNETTE as VIGNETTE  # the case rated in step 2
from kinerja.loaders import load_dataset
from kinerja.paths import sample_data_dir
from kinerja.pipeline import Scores, score_dataset
from kinerja.store import make_engine, now
from kinerja.synthetic import Cohort, make_cohort, write_cohort
from kinerja.vocab import Source

#: Competencies rated in the vignette exercise.
VIGNETTE_CODES: tuple[str, ...] = ("M.01", "M.02", "M.03", "M.04", "B.01", "B.06")

ROOM_COLUMNS = ("peserta", "kompetensi_kode", "skor", "waktu")


def room_path(code: str) -> Path:
    """The temporary SQLite file of one workshop room (class code), outside any real store."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", code.strip() or "kelas")[:40]
    base = Path(
        os.environ.get("KINERJA_LOKAKARYA_DIR") or Path(tempfile.gettempdir()) / "kinerja-lokakarya"
    )
    base.mkdir(parents=True, exist_ok=True)
    return base / f"{safe}.sqlite"


class WorkshopRoom:
    """The classroom's shared answers to the vignette (append-only; latest per participant)."""

    def __init__(self, code: str = "kelas"):
        self.code = code
        self.engine = make_engine(str(room_path(code)))
        self.meta = sa.MetaData()
        self.table = sa.Table(
            "jawaban",
            self.meta,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("peserta", sa.String(100), nullable=False),
            sa.Column("kompetensi_kode", sa.String(20), nullable=False),
            sa.Column("skor", sa.Integer, nullable=False),
            sa.Column("waktu", sa.DateTime(timezone=True), nullable=False),
        )
        with self.engine.connect() as conn:
            conn = conn.execution_options(kinerja_write=True)
            with conn.begin():
                self.meta.create_all(conn)

    def submit(self, participant: str, scores: dict[str, int]) -> int:
        """Store one participant's scores (a newer answer replaces theirs in the results)."""
        name = participant.strip()
        if not name:
            raise ValueError("participant name is empty")
        rows = [
            {"peserta": name, "kompetensi_kode": k, "skor": int(v), "waktu": now()}
            for k, v in scores.items()
            if v is not None
        ]
        if not rows:
            return 0
        with self.engine.connect() as conn:
            conn = conn.execution_options(kinerja_write=True)
            with conn.begin():
                conn.execute(sa.insert(self.table), rows)
        return len(rows)

    def answers(self) -> pd.DataFrame:
        """Latest score per participant and competency."""
        with self.engine.connect() as conn:
            frame = pd.read_sql(sa.select(self.table).order_by(self.table.c.id), conn)
        return frame.drop_duplicates(["peserta", "kompetensi_kode"], keep="last")[
            list(ROOM_COLUMNS)
        ]


def class_spread(answers: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """Per competency: ``kompetensi_kode, n, rata_rata, simpangan, min, max``; and the class's
    Krippendorff alpha (competencies as units, participants as raters)."""
    if not len(answers):
        return pd.DataFrame(
            columns=["kompetensi_kode", "n", "rata_rata", "simpangan", "min", "max"]
        ), float("nan")
    g = answers.groupby("kompetensi_kode")["skor"]
    table = pd.DataFrame(
        {
            "n": g.size(),
            "rata_rata": g.mean(),
            "simpangan": g.std(ddof=0),
            "min": g.min(),
            "max": g.max(),
        }
    ).reset_index()
    counts = pd.crosstab(answers["kompetensi_kode"], answers["skor"]).reindex(
        columns=range(1, 6), fill_value=0
    )
    return table, krippendorff_alpha(counts.to_numpy())


# --------------------------------------------------------------------------- sample data


@cache
def _sample_dataset() -> Dataset:
    return load_dataset(sample_data_dir())


def sample_dataset() -> Dataset:
    """The bundled sample data set (loaded once per kernel)."""
    return _sample_dataset()


def one_employee(dataset: Dataset, nip: str) -> Dataset:
    """The data set cut down to one ratee (for live re-scoring under another policy)."""
    p = dataset.penilaian
    mine = p.loc[p["nip_dinilai"].astype(str) == nip]
    mine = mine.assign(
        **{
            c: mine[c].astype(str).astype("category")
            for c in ("periode", "nip_dinilai", "nip_penilai", "sumber", "kompetensi_kode")
        }
    )
    return replace(
        dataset,
        pegawai=dataset.pegawai.loc[dataset.pegawai["nip"] == nip],
        penilaian=mine.reset_index(drop=True),
        hasil_kerja=dataset.hasil_kerja.loc[dataset.hasil_kerja["nip"] == nip],
    )


def score_one(dataset: Dataset, nip: str, periode: str, policy: Policy) -> Scores:
    """Score one employee under ``policy`` (fast: only their ratings)."""
    return score_dataset(one_employee(dataset, nip), periode, policy=policy)


def policy_from_sliders(weights: dict[str, float], anonymity_k: int) -> Policy:
    """A policy from the workshop's weight sliders and anonymity threshold."""
    return Policy(
        weights={Source(k): float(v) for k, v in weights.items()}, anonymity_k=int(anonymity_k)
    )


# --------------------------------------------------------------------------- biased raters


def cohort_dataset(cohort: Cohort) -> Dataset:
    """Validate a synthetic cohort exactly like imported files."""
    with tempfile.TemporaryDirectory(prefix="kinerja-kohort-") as tmp:
        write_cohort(cohort, tmp)
        return load_dataset(tmp)


def workshop_cohort(seed: int = 2, n_employees: int = 120) -> tuple[Cohort, Dataset]:
    """The "find the biased rater" cohort.

    One lenient, one severe, one halo and one central rater.
    """
    cohort = make_cohort(
        n_employees, seed=seed, n_lenient=1, n_severe=1, n_halo=1, n_central=1, peers_per_ratee=3
    )
    return cohort, cohort_dataset(cohort)


def rater_effect_figures(
    penilaian: pd.DataFrame, *, periode: str, policy: Policy | None = None
) -> pd.DataFrame:
    """Figures that reveal rater effects, one row per rater of atasan/rekan/bawahan.

    Returns
    -------
    DataFrame
        ``nip_penilai, n_penilaian, rata_rata, deviasi, label, sd_dalam, sd_antar,
        porsi_tiga``: ``deviasi``/``label`` from the leniency rule (DESIGN §5);
        ``sd_dalam`` the mean standard deviation of the rater's scores across
        the competencies of one ratee (near 0: halo — every competency the
        same); ``sd_antar`` the spread of the rater's per-ratee means (near 0
        together with ``porsi_tiga`` near 1: central tendency — everyone 3).

    Notes
    -----
    Halo and central tendency are teaching figures, not part of the
    leniency rule; they are shown for participants to interpret.
    """
    policy = policy or Policy()
    sources = [s.value for s in policy.leniency_sources]
    p = penilaian.loc[
        (penilaian["periode"].astype(str) == str(periode)) & penilaian["sumber"].isin(sources)
    ]
    r = pd.DataFrame(
        {
            "rater": p["nip_penilai"].astype(str),
            "ratee": p["nip_dinilai"].astype(str),
            "skor": p["skor"].astype(float),
        }
    )
    per_ratee = r.groupby(["rater", "ratee"])["skor"]
    within = per_ratee.std(ddof=0).groupby(level=0).mean()
    between = per_ratee.mean().groupby(level=0).std(ddof=0)
    basic = r.groupby("rater")["skor"].agg(n_penilaian="size", rata_rata="mean")
    tiga = (r["skor"] == 3).groupby(r["rater"]).mean()
    out = (
        basic.assign(sd_dalam=within, sd_antar=between, porsi_tiga=tiga)
        .reset_index()
        .rename(columns={"rater": "nip_penilai"})
    )
    lenient = rater_leniency(penilaian, periode=periode, policy=policy)[
        ["nip_penilai", "deviasi", "label"]
    ]
    out = out.merge(lenient, on="nip_penilai", how="left", validate="one_to_one")
    out["label"] = out["label"].fillna("wajar")
    return out[
        [
            "nip_penilai",
            "n_penilaian",
            "rata_rata",
            "deviasi",
            "label",
            "sd_dalam",
            "sd_antar",
            "porsi_tiga",
        ]
    ]


#: A rater whose scores of one ratee hardly vary across competencies shows a halo effect.
HALO_MAX_SD = 0.1
#: A rater who gives 3 this often (share of their scores) shows central tendency.
CENTRAL_MIN_SHARE = 0.9


def rater_effects(figures: pd.DataFrame) -> pd.Series:
    """What the figures of :func:`rater_effect_figures` find per rater, indexed by ``nip_penilai``.

    ``lunak``/``keras`` from the leniency rule (DESIGN §5); ``tengah``
    (central tendency) when ``porsi_tiga`` ≥ :data:`CENTRAL_MIN_SHARE`;
    ``halo`` when ``sd_dalam`` ≤ :data:`HALO_MAX_SD` and not central (a
    rater who gives everyone 3 also has no spread within a ratee); ``""``
    when nothing is found.
    """
    f = figures.set_index("nip_penilai")
    found = pd.Series("", index=f.index, dtype=object)
    found = found.mask(f["sd_dalam"] <= HALO_MAX_SD, "halo")
    found = found.mask(f["porsi_tiga"] >= CENTRAL_MIN_SHARE, "tengah")
    return found.mask(f["label"] != "wajar", f["label"])


#: The planted effects of :func:`kinerja.synthetic.make_cohort` as :func:`rater_effects` names them.
PLANTED_AS_FOUND = {"lenient": "lunak", "severe": "keras", "halo": "halo", "central": "tengah"}


# --------------------------------------------------------------------------- sensitivity


def weight_sensitivity(
    dataset: Dataset, periode: str, *, policy: Policy | None = None, delta: float = 0.10
) -> pd.DataFrame:
    """How many employees change predikat or box when one source weight moves by ±delta.

    Each positive weight is multiplied by ``1 ± delta`` in turn (the score
    renormalises over the sources present), the cohort is re-scored and
    compared with the baseline.

    Returns
    -------
    DataFrame
        ``sumber, perubahan`` (the relative change, ``-0.1`` or ``0.1``), ``bobot_baru,
        n_predikat_berubah, n_kotak_berubah, n_pegawai``.
    """
    policy = policy or Policy()
    base = score_dataset(dataset, periode, policy=policy).ringkasan.set_index("nip")
    rows = []
    for source, weight in policy.weights.items():
        if weight <= 0:
            continue
        for sign in (-1, 1):
            new_weight = weight * (1 + sign * delta)
            varied = policy.with_weights(**{source.value: new_weight})
            s = score_dataset(dataset, periode, policy=varied).ringkasan.set_index("nip")
            changed_p = (s["predikat"].fillna("-") != base["predikat"].fillna("-")).sum()
            changed_b = (
                s["kotak"].astype("Float64").fillna(-1)
                != base["kotak"].astype("Float64").fillna(-1)
            ).sum()
            rows.append(
                {
                    "sumber": source.value,
                    "perubahan": sign * delta,
                    "bobot_baru": new_weight,
                    "n_predikat_berubah": int(changed_p),
                    "n_kotak_berubah": int(changed_b),
                    "n_pegawai": int(base["predikat"].notna().sum()),
                }
            )
    return pd.DataFrame(rows)


__all__ = [
    "VIGNETTE",
    "VIGNETTE_CODES",
    "WorkshopRoom",
    "class_spread",
    "cohort_dataset",
    "one_employee",
    "policy_from_sliders",
    "rater_effect_figures",
    "rater_effects",
    "room_path",
    "sample_dataset",
    "score_one",
    "weight_sensitivity",
    "workshop_cohort",
]
