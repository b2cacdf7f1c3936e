"""Strengths, development areas and the yearly development plan.

Every competency below standard gets trainings from the catalogue
(``pelatihan``) for that competency, largest gap first; the plan reaches at
least 20 JP a year where the catalogue allows (PP 11/2017 as amended: every
PNS is entitled to at least 20 JP of competency development a year), and
prefers non-classroom paths (coaching, mentoring, e-learning, …) where the
catalogue has them (LAN's 70:20:10).  Vectorised over all employees at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.labels.messages import NOTE_NO_TRAINING
from kinerja.vocab import BERAKHLAK_CODES

#: Yearly competency development entitlement (PP 11/2017 as amended), in JP.
MIN_JP_PER_YEAR = 20.0

#: Expected level of a BerAKHLAK value on the 1–5 scale ("sesuai ekspektasi").
BERAKHLAK_EXPECTED = 3.0

#: A gap smaller than this is float noise (3.0000000000000004 - 3), not a need.
GAP_TOLERANCE = 1e-9

#: A JP total within this of ``min_jp`` counts as reaching it (DESIGN §4 tolerance):
#: sums of decimal JP such as 0.2 + 16.4 + 3.4 are not exact in binary floating point.
JP_TOLERANCE = 1e-9

#: Training paths counted as classroom; every other ``jalur`` is non-classroom.
CLASSROOM = "klasikal"

#: Columns of :func:`development_plan`.
PLAN_COLUMNS: tuple[str, ...] = (
    "nip",
    "urutan",
    "kompetensi_kode",
    "gap",
    "pelatihan_kode",
    "pelatihan_nama",
    "jalur",
    "jp",
    "jp_kumulatif",
    "catatan",
)


def development_needs(competencies: pd.DataFrame) -> pd.DataFrame:
    """Competencies below standard (BerAKHLAK below 3), largest gap first per employee.

    Returns
    -------
    DataFrame
        ``nip, kompetensi_kode, gap, peringkat`` (1 = largest gap).
    """
    c = competencies
    beh = c["kompetensi_kode"].isin(BERAKHLAK_CODES)
    gap = c["gap"].where(~beh, c["skor"] - BERAKHLAK_EXPECTED)
    needs = pd.DataFrame({"nip": c["nip"], "kompetensi_kode": c["kompetensi_kode"], "gap": gap})
    needs = needs.loc[needs["gap"] < -GAP_TOLERANCE]
    needs = (
        needs.assign(_urut=needs["gap"].round(9))  # equal gaps tie on code, not on float noise
        .sort_values(["nip", "_urut", "kompetensi_kode"], kind="stable", ignore_index=True)
        .drop(columns="_urut")
    )
    return needs.assign(peringkat=needs.groupby("nip").cumcount() + 1)


def strengths(competencies: pd.DataFrame, *, top: int = 3) -> pd.DataFrame:
    """Competencies most above standard per employee: ``nip, kompetensi_kode, gap``."""
    c = competencies.loc[competencies["gap"] >= 0, ["nip", "kompetensi_kode", "gap"]]
    c = c.sort_values(
        ["nip", "gap", "kompetensi_kode"], ascending=[True, False, True], kind="stable"
    )
    return c.groupby("nip", sort=False).head(top).reset_index(drop=True)


def development_plan(
    competencies: pd.DataFrame,
    pelatihan: pd.DataFrame,
    *,
    min_jp: float = MIN_JP_PER_YEAR,
) -> pd.DataFrame:
    """The yearly development plan of every employee in ``competencies``.

    Parameters
    ----------
    competencies
        ``skor_kompetensi`` rows (``nip, kompetensi_kode, skor, gap``).
    pelatihan
        The training catalogue: ``kode, nama, kompetensi_kode, jp, jalur``.
    min_jp
        JP the plan should reach when the catalogue allows.

    Returns
    -------
    DataFrame
        :data:`PLAN_COLUMNS`, one row per planned training, in plan order,
        plus one row with an empty training and a ``catatan`` for each gap
        the catalogue has nothing for.

    Notes
    -----
    Round 1 gives every gap its first choice (a non-classroom path when the
    catalogue has one, else the shortest classroom training), largest gap
    first.  Further rounds add each gap's next option, again largest gap
    first, while the plan is still below ``min_jp``.
    """
    needs = development_needs(competencies)
    cat = pelatihan.rename(columns={"kode": "pelatihan_kode", "nama": "pelatihan_nama"})[
        ["pelatihan_kode", "pelatihan_nama", "kompetensi_kode", "jp", "jalur"]
    ]
    cat = cat.assign(
        jp=pd.to_numeric(cat["jp"], errors="coerce").astype(
            float
        ),  # no catalogue: empty text column
        jalur=cat["jalur"].fillna(CLASSROOM),
        _kelas=cat["jalur"].fillna(CLASSROOM).str.lower().eq(CLASSROOM),
    )
    options = needs.merge(cat, on="kompetensi_kode", how="left", validate="many_to_many")
    missing = options["pelatihan_kode"].isna()
    notes = options.loc[missing, ["nip", "kompetensi_kode", "gap", "peringkat"]]

    opt = options.loc[~missing].sort_values(
        ["nip", "peringkat", "_kelas", "jp", "pelatihan_kode"], kind="stable"
    )
    opt = opt.assign(ronde=opt.groupby(["nip", "kompetensi_kode"]).cumcount())
    opt = opt.sort_values(["nip", "ronde", "peringkat"], kind="stable", ignore_index=True)
    before = opt.groupby("nip")["jp"].cumsum() - opt["jp"]
    # round 0 comes first, so the running total is monotone: once reached, the rest is cut
    plan = opt.loc[(opt["ronde"] == 0) | (before < min_jp - JP_TOLERANCE)].assign(catatan="")
    notes = notes.assign(
        pelatihan_kode=np.nan,
        pelatihan_nama=np.nan,
        jalur=np.nan,
        jp=0.0,
        ronde=0,
        catatan=NOTE_NO_TRAINING,
    )
    out = pd.concat([plan, notes], ignore_index=True)
    out = out.sort_values(["nip", "ronde", "peringkat"], kind="stable", ignore_index=True)
    out = out.assign(
        urutan=out.groupby("nip").cumcount() + 1,
        jp_kumulatif=out.groupby("nip")["jp"].cumsum(),
    )
    return out[list(PLAN_COLUMNS)]
