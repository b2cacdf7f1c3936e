"""Data-entry rules for the rating form: who may rate whom, what to rate, what is missing.

Pure functions over the roster (``pegawai``), the job standards and the
current ratings; the Formulir Penilaian app only wires widgets to them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.labels.formulir import RESPONDENT_IS_EMPLOYEE
from kinerja.vocab import BERAKHLAK_CODES, STANDARD_TYPES, Source

#: Columns of :func:`rating_targets` and :func:`expected_pairs`.
TARGET_COLUMNS: tuple[str, ...] = ("nip_penilai", "nip_dinilai", "sumber")


def _peers(pegawai: pd.DataFrame) -> pd.DataFrame:
    """Pairs of colleagues of the same unit and level (same jenis_jabatan; else same atasan)."""
    p = pegawai[["nip", "unit_kerja", "jenis_jabatan", "nip_atasan"]].copy()
    p["_level"] = p["jenis_jabatan"].fillna("").astype(str)
    pairs = p.merge(p, on=["unit_kerja", "_level"], suffixes=("_a", "_b"), validate="many_to_many")
    pairs = pairs.loc[pairs["nip_a"] != pairs["nip_b"]]
    no_level = pairs["_level"] == ""
    same_boss = pairs["nip_atasan_a"].fillna("-") == pairs["nip_atasan_b"].fillna("+")
    pairs = pairs.loc[~no_level | same_boss]
    return pd.DataFrame(
        {"nip_penilai": pairs["nip_a"], "nip_dinilai": pairs["nip_b"], "sumber": Source.PEER.value}
    )


def _hierarchy_pairs(pegawai: pd.DataFrame) -> list[pd.DataFrame]:
    """The self, supervisor and subordinate pairs of the roster (no peers)."""
    p = pegawai[["nip", "nip_atasan"]]
    has_boss = p.loc[p["nip_atasan"].notna() & p["nip_atasan"].isin(p["nip"])]
    return [
        pd.DataFrame(
            {"nip_penilai": p["nip"], "nip_dinilai": p["nip"], "sumber": Source.SELF.value}
        ),
        pd.DataFrame(
            {
                "nip_penilai": has_boss["nip_atasan"],
                "nip_dinilai": has_boss["nip"],
                "sumber": Source.SUPERVISOR.value,
            }
        ),
        pd.DataFrame(
            {
                "nip_penilai": has_boss["nip"],
                "nip_dinilai": has_boss["nip_atasan"],
                "sumber": Source.SUBORDINATE.value,
            }
        ),
    ]


def _pairs(frames: list[pd.DataFrame]) -> pd.DataFrame:
    out = pd.concat(frames, ignore_index=True).drop_duplicates(["nip_penilai", "nip_dinilai"])
    return out[list(TARGET_COLUMNS)].reset_index(drop=True)


def expected_pairs(pegawai: pd.DataFrame) -> pd.DataFrame:
    """Every (rater, ratee, source) the roster's hierarchy implies.

    ``atasan`` rates each direct subordinate, each subordinate rates the
    supervisor as ``bawahan``, colleagues of the same unit and level rate each
    other as ``rekan`` and everyone rates themselves as ``diri``.
    """
    return _pairs([*_hierarchy_pairs(pegawai), _peers(pegawai)])


_SOURCE_ORDER = {
    Source.SELF.value: 0,
    Source.SUPERVISOR.value: 1,
    Source.SUBORDINATE.value: 2,
    Source.PEER.value: 3,
}


def rating_targets(pegawai: pd.DataFrame, nip_penilai: str) -> pd.DataFrame:
    """Whom one rater may rate, with the source the hierarchy gives, self first.

    Returns
    -------
    DataFrame
        ``nip_dinilai, nama, jabatan, sumber`` ordered self, subordinates
        (``atasan``), supervisor (``bawahan``), peers (``rekan``), then name.
    """
    pairs = expected_pairs(pegawai)
    mine = pairs.loc[pairs["nip_penilai"] == nip_penilai, ["nip_dinilai", "sumber"]]
    mine = mine.merge(
        pegawai[["nip", "nama", "jabatan"]].rename(columns={"nip": "nip_dinilai"}),
        on="nip_dinilai",
        how="left",
        validate="one_to_one",
    )
    mine = mine.assign(_o=mine["sumber"].map(_SOURCE_ORDER))
    return mine.sort_values(["_o", "nama"], ignore_index=True).drop(columns="_o")


def competencies_to_rate(
    pegawai: pd.DataFrame, standar: pd.DataFrame, kompetensi: pd.DataFrame, nip: str
) -> pd.DataFrame:
    """The competencies an employee is rated on: the job standard, then B.01–B.07.

    Returns
    -------
    DataFrame
        ``kompetensi_kode, nama, jenis, standar`` (standar empty for BerAKHLAK).
    """
    row = pegawai.loc[pegawai["nip"] == nip]
    if not len(row):
        raise KeyError(f"unknown NIP {nip}")
    jabatan = row["jabatan"].iloc[0]
    dictionary = kompetensi.set_index("kode")
    std = standar.loc[standar["jabatan"] == jabatan, ["kompetensi_kode", "level"]]
    std = std.loc[
        std["kompetensi_kode"].map(dictionary["jenis"]).isin([t.value for t in STANDARD_TYPES])
    ]
    beh = pd.DataFrame({"kompetensi_kode": list(BERAKHLAK_CODES), "level": np.nan})
    out = pd.concat([std.sort_values("kompetensi_kode"), beh], ignore_index=True)
    return pd.DataFrame(
        {
            "kompetensi_kode": out["kompetensi_kode"],
            "nama": out["kompetensi_kode"].map(dictionary["nama"]),
            "jenis": out["kompetensi_kode"].map(dictionary["jenis"]),
            "standar": out["level"].astype("Int64"),
        }
    )


def completion(
    pegawai: pd.DataFrame,
    standar: pd.DataFrame,
    kompetensi: pd.DataFrame,
    ratings: pd.DataFrame,
    *,
    unit_kerja: str | None = None,
    min_peers: int = 3,
) -> pd.DataFrame:
    """Completion of the expected ratings (HR data-entry view only: it names raters).

    Parameters
    ----------
    ratings
        Current ratings of the period (``nip_penilai, nip_dinilai, sumber,
        kompetensi_kode``).
    unit_kerja
        Restrict to ratees of one unit.
    min_peers
        Peer raters needed per ratee (the anonymity threshold): peers are a
        sample, so completion counts distinct peer raters, not every pair.

    Returns
    -------
    DataFrame
        ``nip_penilai, nama_penilai, nip_dinilai, nama_dinilai, unit_kerja,
        sumber, n_diharapkan, n_terisi, status`` with ``status`` ``lengkap``,
        ``sebagian`` or ``belum``: one row per expected supervisor, subordinate
        and self rating (counting competencies), and one ``rekan`` row per
        ratee (counting distinct peer raters; ``nip_penilai`` empty).
    """
    names = pegawai.set_index("nip")
    # peers are counted per ratee below, so their pairs (quadratic in a unit's size) are
    # never built here: the same rows as expected_pairs without its rekan pairs
    pairs = _pairs(_hierarchy_pairs(pegawai))
    jenis = kompetensi.set_index("kode")["jenis"]
    std = standar.loc[standar["kompetensi_kode"].map(jenis).isin([t.value for t in STANDARD_TYPES])]
    per_job = std.groupby("jabatan").size() + len(BERAKHLAK_CODES)
    expected = pairs["nip_dinilai"].map(names["jabatan"]).map(per_job).fillna(len(BERAKHLAK_CODES))
    pairs = pairs.assign(n_diharapkan=expected.astype(int))
    r = ratings[["nip_penilai", "nip_dinilai", "sumber", "kompetensi_kode"]].astype(str)
    done = r.groupby(["nip_penilai", "nip_dinilai"])["kompetensi_kode"].nunique().rename("n_terisi")
    pairs = pairs.merge(
        done.reset_index(), on=["nip_penilai", "nip_dinilai"], how="left", validate="one_to_one"
    )
    peers = r.loc[r["sumber"] == Source.PEER.value].groupby("nip_dinilai")["nip_penilai"].nunique()
    peer_rows = pd.DataFrame(
        {
            "nip_penilai": "",
            "nip_dinilai": pegawai["nip"].to_numpy(),
            "sumber": Source.PEER.value,
            "n_diharapkan": int(min_peers),
            "n_terisi": pegawai["nip"].map(peers).to_numpy(),
        }
    )
    table = pd.concat([pairs, peer_rows], ignore_index=True)
    table = table.assign(unit_kerja=table["nip_dinilai"].map(names["unit_kerja"]))
    if unit_kerja is not None:
        table = table.loc[table["unit_kerja"] == unit_kerja]
    n_done = table["n_terisi"].fillna(0).astype(int)
    status = np.select(
        [n_done >= table["n_diharapkan"], n_done > 0], ["lengkap", "sebagian"], "belum"
    )
    out = table.assign(
        nama_penilai=table["nip_penilai"].map(names["nama"]).fillna(""),
        nama_dinilai=table["nip_dinilai"].map(names["nama"]),
        n_terisi=n_done,
        status=status,
    )
    columns = [
        "nip_penilai",
        "nama_penilai",
        "nip_dinilai",
        "nama_dinilai",
        "unit_kerja",
        "sumber",
        "n_diharapkan",
        "n_terisi",
        "status",
    ]
    return out[columns].sort_values(["unit_kerja", "nama_dinilai", "sumber"], ignore_index=True)


def completion_share(table: pd.DataFrame) -> pd.DataFrame:
    """Per unit: ``unit_kerja, n_pasangan, n_lengkap, persen_lengkap``."""
    g = table.assign(_ok=table["status"].eq("lengkap")).groupby("unit_kerja")
    out = g.agg(n_pasangan=("_ok", "size"), n_lengkap=("_ok", "sum")).reset_index()
    return out.assign(persen_lengkap=100.0 * out["n_lengkap"] / out["n_pasangan"])


def respondent_id_problem(pegawai: pd.DataFrame, respondent: str) -> str | None:
    """Why ``respondent`` cannot be a masyarakat respondent id (``None``: it can).

    A respondent id is never an employee's NIP: an employee who rates is a
    ``rekan``, ``bawahan`` or ``atasan``, never an anonymous citizen.
    """
    respondent = respondent.strip()
    if respondent and pegawai["nip"].astype(str).eq(respondent).any():
        return RESPONDENT_IS_EMPLOYEE.format(respondent=respondent)
    return None


def stored_source_differs(existing: pd.DataFrame, sumber: str) -> str | None:
    """The source in force of a rater's stored ratings when it is not ``sumber``.

    ``existing`` holds one rater's current ratings of one ratee; one rater has
    one source per ratee and period, so saving under another source needs an
    explicit source correction.  ``None`` when nothing is stored or the
    source is the same.
    """
    if not len(existing):
        return None
    others = sorted(set(existing["sumber"].astype(str)) - {sumber})
    return ", ".join(others) or None
