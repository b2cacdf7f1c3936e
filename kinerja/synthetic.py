"""Seeded synthetic cohorts in the shape of the data contract (DESIGN.md §3).

:func:`make_cohort` builds a fictitious instansi of any size: a roster with a
supervisor hierarchy, job standards, 360° ratings (atasan, about three rekan,
bawahan, diri) on every standard competency and the seven BerAKHLAK values,
hasil kerja ratings and unit predikat.  Rater effects can be planted
(``lenient``, ``severe``, ``halo``, ``central``) and are listed in
:attr:`Cohort.planted`, so a workshop can ask "find the biased rater" and
check the answer.  (The leniency rule compares a rater with the others in
the same cells, so a colleague who shares many cells with a planted severe
rater can come out lenient too: that is part of what a workshop discusses.)

Everything is vectorised with numpy: no Python loop runs over employees or
ratings, so 10,000 employees (about a million ratings) take well under a
second and 100,000 employees (about ten million ratings) a few seconds and a
few hundred megabytes (the key columns of ``penilaian`` are categorical).

Example
-------
>>> from kinerja.synthetic import make_cohort, write_cohort
>>> cohort = make_cohort(500, seed=1, n_lenient=1, n_severe=1)
>>> sorted(cohort.frames())  # doctest: +NORMALIZE_WHITESPACE
['hasil_kerja', 'pegawai', 'penilaian', 'standar_kompetensi', 'unit_kerja']
>>> paths = write_cohort(cohort, "/tmp/kohort")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja import reference
from kinerja.vocab import BERAKHLAK_CODES, Rating, Source

#: Rater effects that can be planted, with what they do to a rater's scores.
RATER_EFFECTS: Mapping[str, str] = {
    "lenient": "+1 to +1.5 on every rating (one offset per rater)",
    "severe": "-1 to -1.5 on every rating (one offset per rater)",
    "halo": "the same score on every competency of a ratee",
    "central": "always 3",
}

#: Competencies every synthetic jabatan has a standard for (M.01–M.08, SK.01).
STANDARD_CODES: tuple[str, ...] = (*(f"M.{i:02d}" for i in range(1, 9)), "SK.01")

#: Competencies every ratee is rated on: the standard ones and B.01–B.07.
RATED_CODES: tuple[str, ...] = (*STANDARD_CODES, *BERAKHLAK_CODES)

#: Output order of the sources within one ratee.
SOURCE_ORDER: tuple[str, ...] = (
    Source.SELF.value,
    Source.SUPERVISOR.value,
    Source.PEER.value,
    Source.SUBORDINATE.value,
)
_SELF, _SUPERVISOR, _PEER, _SUBORDINATE = range(4)

#: Mean score shift of each source (self ratings run high).
_SOURCE_SHIFT = np.array([0.35, 0.0, 0.05, 0.1], dtype=np.float32)

# Jabatan tiers by depth in a unit's tree: (jabatan, jenis_jabatan, level, golongan choices).
_ROOT_JOB = ("Sekretaris Daerah", "jpt_pratama", 4, ("IV/d", "IV/e"))
_HEAD_JOB = ("Kepala Perangkat Daerah", "jpt_pratama", 4, ("IV/c", "IV/d"))
_ADMIN_JOB = ("Kepala Bidang", "administrator", 3, ("IV/a", "IV/b"))
_SUPERVISOR_JOB = ("Kepala Seksi", "pengawas", 3, ("III/c", "III/d"))
_STAFF_JOBS = (
    ("Analis Kebijakan Ahli Muda", "fungsional", 3, ("III/c", "III/d")),
    ("Analis Kebijakan Ahli Pertama", "fungsional", 2, ("III/a", "III/b")),
    ("Pranata Komputer Ahli Pertama", "fungsional", 2, ("III/a", "III/b")),
    ("Auditor Ahli Pertama", "fungsional", 2, ("III/a", "III/b")),
    ("Pengadministrasi Perkantoran", "pelaksana", 2, ("II/c", "II/d", "III/a")),
    ("Pengelola Keuangan", "pelaksana", 2, ("II/d", "III/a", "III/b")),
    ("Penata Layanan Operasional", "pelaksana", 2, ("II/b", "II/c", "II/d")),
)
_JOBS = (_ROOT_JOB, _HEAD_JOB, _ADMIN_JOB, _SUPERVISOR_JOB, *_STAFF_JOBS)

_FIRST_NAMES = np.array(
    "Agus Budi Dewi Endah Fajar Gita Hadi Indah Joko Kartika Lestari Made Nanda Okta "
    "Putri Rina Sari Tri Utami Wahyu Yoga Yuni Bambang Siti Eko Ratna Dimas Ayu".split(),
    dtype=object,
)
_LAST_NAMES = np.array(
    "Wibowo Susanti Pratama Handayani Santoso Lestari Nugroho Rahayu Setiawan Kusuma "
    "Saputra Purnomo Hidayat Wulandari Prasetyo Sulistyowati Utomo Maharani Gunawan "
    "Anggraini".split(),
    dtype=object,
)


@dataclass(frozen=True)
class Cohort:
    """A synthetic data set: the contract's input frames and the planted rater effects.

    Attributes
    ----------
    pegawai, standar_kompetensi, penilaian, hasil_kerja, unit_kerja
        Frames with the columns of DESIGN.md §3.  The key columns of
        ``penilaian`` are categorical and ``skor`` is ``int8`` (memory);
        ``catatan`` is empty.
    planted
        ``nip_penilai, effect``: one row per rater with a planted effect
        (see :data:`RATER_EFFECTS`), sorted by ``nip_penilai``.
    periode
        The period of the ratings.
    """

    pegawai: pd.DataFrame
    standar_kompetensi: pd.DataFrame
    penilaian: pd.DataFrame
    hasil_kerja: pd.DataFrame
    unit_kerja: pd.DataFrame
    planted: pd.DataFrame
    periode: str

    def frames(self) -> dict[str, pd.DataFrame]:
        """Table name -> frame, for the five data-contract tables."""
        return {
            "pegawai": self.pegawai,
            "standar_kompetensi": self.standar_kompetensi,
            "penilaian": self.penilaian,
            "hasil_kerja": self.hasil_kerja,
            "unit_kerja": self.unit_kerja,
        }


# --------------------------------------------------------------------------- public API


def make_cohort(
    n_employees: int = 200,
    *,
    seed: int = 0,
    periode: str = "2025",
    n_units: int | None = None,
    peers_per_ratee: int = 3,
    branching: int = 4,
    rater_effects: Mapping[str, str] | None = None,
    n_lenient: int = 0,
    n_severe: int = 0,
    n_halo: int = 0,
    n_central: int = 0,
) -> Cohort:
    """Generate a seeded synthetic cohort (roster, standards, 360° ratings, outcomes).

    Parameters
    ----------
    n_employees
        Size of the roster (at least 1).
    seed
        Seed of every random draw: the same arguments give the same cohort.
    periode
        Period written in ``penilaian``, ``hasil_kerja`` and ``unit_kerja``.
    n_units
        Number of unit kerja; default one per 200 employees.  The first units
        are named after the perangkat daerah of Gunungkidul, later ones
        ``Unit Kerja 0050`` and so on.
    peers_per_ratee
        Peers (``rekan``) rating each employee, drawn from the employees at the
        same depth of the same unit (the unit heads are each other's peers);
        fewer when the group is smaller.
    branching
        Direct subordinates per supervisor inside a unit (a complete tree).
    rater_effects
        Explicit planted effects: NIP -> one of :data:`RATER_EFFECTS`.
    n_lenient, n_severe, n_halo, n_central
        Further raters given each effect, chosen deterministically from the
        seed among raters not named in ``rater_effects``.

    Returns
    -------
    Cohort
        The frames and the planted effects.

    Raises
    ------
    ValueError
        For a non-positive size, an unknown effect or NIP, or more planted
        raters than there are raters.
    """
    if n_employees < 1:
        raise ValueError("n_employees must be at least 1")
    if peers_per_ratee < 0 or branching < 1:
        raise ValueError("peers_per_ratee must be >= 0 and branching >= 1")
    streams = np.random.SeedSequence(seed).spawn(4)
    people_rng, effect_rng, score_rng, outcome_rng = (np.random.default_rng(s) for s in streams)
    n_units = n_units or max(1, -(-n_employees // 200))
    n_units = min(n_units, n_employees)

    nips = _nip_strings(_draw_nips(people_rng, n_employees))
    unit = _unit_of(people_rng, n_employees, n_units)
    parent, depth = _hierarchy(unit, branching)
    job = _job_tier(people_rng, parent, depth)
    ratee, rater, source = _assignments(unit, parent, depth, peers_per_ratee)
    effect = _rater_effects(
        effect_rng,
        nips,
        rater,
        source,
        rater_effects or {},
        {"lenient": n_lenient, "severe": n_severe, "halo": n_halo, "central": n_central},
    )
    level = _standard_levels(people_rng)
    ability = score_rng.normal(0.0, 0.45, n_employees).astype(np.float32)
    skor = _scores(score_rng, ability, level[job], ratee, rater, source, effect)
    units = _unit_names(n_units)
    return Cohort(
        pegawai=_pegawai_frame(people_rng, nips, units[unit], job, parent),
        standar_kompetensi=_standar_frame(level),
        penilaian=_penilaian_frame(periode, nips, ratee, rater, source, skor),
        hasil_kerja=_hasil_kerja_frame(outcome_rng, periode, nips, ability),
        unit_kerja=_unit_kerja_frame(outcome_rng, periode, units),
        planted=_planted_frame(nips, effect),
        periode=str(periode),
    )


def write_cohort(cohort: Cohort, folder: str | Path) -> list[Path]:
    """Write the cohort's tables as ``<name>.csv`` (UTF-8, comma) into ``folder``.

    ``planted.csv`` is not written: it is the workshop's answer key.

    Returns
    -------
    list of Path
        The files written.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in cohort.frames().items():
        path = out / f"{name}.csv"
        if name == "penilaian":
            _write_penilaian(frame, path)
        else:
            frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        written.append(path)
    return written


# --------------------------------------------------------------------------- roster


def _draw_nips(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` distinct valid PNS NIPs as int64 (birth date, TMT, gender, serial)."""
    nips = _nip_numbers(rng, n)
    while True:  # a few rounds at most: redraw collisions, not one employee at a time
        _, first = np.unique(nips, return_index=True)
        dup = np.setdiff1d(np.arange(n), first)
        if not len(dup):
            return nips
        nips[dup] = _nip_numbers(rng, len(dup))


def _nip_numbers(rng: np.random.Generator, n: int) -> np.ndarray:
    born = np.datetime64("1964-01-01") + rng.integers(0, 36 * 365, n).astype("timedelta64[D]")
    year = born.astype("datetime64[Y]").astype(np.int64) + 1970
    month = born.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (born - born.astype("datetime64[M]")).astype(np.int64) + 1
    tmt_year = np.minimum(year + rng.integers(20, 31, n), 2024)
    tmt_month = rng.integers(1, 13, n)
    gender = rng.integers(1, 3, n)
    serial = rng.integers(1, 1000, n)
    birth = year * 10_000 + month * 100 + day
    tmt = tmt_year * 100 + tmt_month
    return birth * 10**10 + tmt * 10**4 + gender * 1000 + serial


def _nip_strings(nips: np.ndarray) -> np.ndarray:
    return np.char.zfill(nips.astype("U18"), 18).astype(object)


def _unit_of(rng: np.random.Generator, n: int, n_units: int) -> np.ndarray:
    """Unit index of each employee; units are contiguous and sizes vary (gamma weights)."""
    floor = min(n // n_units, 8)
    weights = rng.gamma(4.0, size=n_units)
    sizes = floor + np.floor(weights / weights.sum() * (n - floor * n_units)).astype(np.int64)
    sizes[: n - sizes.sum()] += 1
    return np.repeat(np.arange(n_units), sizes)


def _hierarchy(unit: np.ndarray, branching: int) -> tuple[np.ndarray, np.ndarray]:
    """Parent index (-1 for the root) and depth in the unit's tree of each employee.

    Inside a unit the employees form a complete ``branching``-ary tree in
    roster order; each unit head reports to employee 0 (the Sekretaris Daerah,
    head of the first unit).
    """
    n = len(unit)
    start = np.searchsorted(unit, unit, side="left")
    local = np.arange(n) - start
    parent = np.where(local > 0, start + (local - 1) // branching, 0)
    parent[0] = -1
    depth = np.zeros(n, dtype=np.int64)
    node = local.copy()
    while node.any():  # one round per tree level, not per employee
        moved = node > 0
        depth += moved
        node = np.where(moved, (node - 1) // branching, 0)
    return parent, depth


def _job_tier(rng: np.random.Generator, parent: np.ndarray, depth: np.ndarray) -> np.ndarray:
    """Index into the jabatan table by depth; staff get one of the staff jobs at random."""
    staff = 4 + rng.integers(0, len(_STAFF_JOBS), len(depth))
    job = np.select([depth == 0, depth == 1, depth == 2], [1, 2, 3], staff)
    job[parent < 0] = 0
    return job


def _unit_names(n_units: int) -> np.ndarray:
    known = reference.opd_gunungkidul()["unit_kerja"].to_numpy(dtype=object)
    extra = np.array(
        [f"Unit Kerja {i:04d}" for i in range(len(known), max(n_units, len(known)))], dtype=object
    )
    return np.concatenate([known, extra])[:n_units]


def _names(rng: np.random.Generator, n: int) -> pd.Series:
    first = pd.Series(_FIRST_NAMES[rng.integers(0, len(_FIRST_NAMES), n)])
    last = pd.Series(_LAST_NAMES[rng.integers(0, len(_LAST_NAMES), n)])
    return first + " " + last


def _pegawai_frame(
    rng: np.random.Generator,
    nips: np.ndarray,
    unit_names: np.ndarray,
    job: np.ndarray,
    parent: np.ndarray,
) -> pd.DataFrame:
    titles = np.array([j[0] for j in _JOBS], dtype=object)
    kinds = np.array([j[1] for j in _JOBS], dtype=object)
    grade_table = [np.array(j[3], dtype=object) for j in _JOBS]
    pick = rng.integers(0, 1 << 30, len(job))
    golongan = np.empty(len(job), dtype=object)
    for tier, grades in enumerate(grade_table):  # one round per jabatan tier
        here = job == tier
        golongan[here] = grades[pick[here] % len(grades)]
    atasan = np.where(parent >= 0, nips[np.maximum(parent, 0)], None)
    return pd.DataFrame(
        {
            "nip": nips,
            "nama": _names(rng, len(nips)).to_numpy(dtype=object),
            "unit_kerja": unit_names,
            "jabatan": titles[job],
            "jenis_jabatan": kinds[job],
            "golongan": golongan,
            "nip_atasan": atasan,
        }
    )


# --------------------------------------------------------------------------- standards


def _standard_levels(rng: np.random.Generator) -> np.ndarray:
    """Required level per jabatan (row, index of ``_JOBS``) and standard competency.

    The tier's level, moved by one on about a fifth of the competencies,
    within 1–5; B.01–B.07 have no standard and are given the neutral 3 for
    the score model only.
    """
    base = np.array([j[2] for j in _JOBS])[:, None]
    shift = rng.choice([-1, 0, 1], size=(len(_JOBS), len(STANDARD_CODES)), p=[0.1, 0.8, 0.1])
    level = np.clip(base + shift, 1, 5)
    behaviour = np.full((len(_JOBS), len(BERAKHLAK_CODES)), 3)
    return np.hstack([level, behaviour])


def _standar_frame(level: np.ndarray) -> pd.DataFrame:
    k = len(STANDARD_CODES)
    titles = np.array([j[0] for j in _JOBS], dtype=object)
    return pd.DataFrame(
        {
            "jabatan": np.repeat(titles, k),
            "kompetensi_kode": np.tile(np.array(STANDARD_CODES, dtype=object), len(titles)),
            "level": level[:, :k].ravel().astype(np.int64),
        }
    )


# --------------------------------------------------------------------------- who rates whom


def _assignments(
    unit: np.ndarray, parent: np.ndarray, depth: np.ndarray, peers: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ratee, rater, source) per rater pair, sorted by ratee, source, rater.

    Self for everyone; the supervisor rates each subordinate and each
    subordinate rates the supervisor; peers are the next ``peers`` members of
    the ratee's peer group in a circle.  Peers share a depth, so a pair never
    repeats across sources.
    """
    n = len(unit)
    everyone = np.arange(n)
    child = everyone[parent >= 0]
    peer_ratee, peer_rater = _peer_pairs(_peer_group(unit, parent, depth), peers)
    ratee = np.concatenate([everyone, child, peer_ratee, parent[child]])
    rater = np.concatenate([everyone, parent[child], peer_rater, child])
    source = np.concatenate(
        [
            np.full(n, _SELF),
            np.full(len(child), _SUPERVISOR),
            np.full(len(peer_ratee), _PEER),
            np.full(len(child), _SUBORDINATE),
        ]
    ).astype(np.int8)
    order = np.lexsort((rater, source, ratee))
    return ratee[order], rater[order], source[order]


def _peer_group(unit: np.ndarray, parent: np.ndarray, depth: np.ndarray) -> np.ndarray:
    """Peer group id: (unit, depth); all unit heads form one group; the root is alone."""
    group = unit.astype(np.int64) * (depth.max() + 1) + depth + 1
    group[depth == 0] = 0
    group[parent < 0] = -1
    return group


def _peer_pairs(group: np.ndarray, peers: int) -> tuple[np.ndarray, np.ndarray]:
    """(ratee, rater) for the next ``peers`` members of each group, circularly."""
    order = np.argsort(group, kind="stable")
    keys = group[order]
    _, start, size = np.unique(keys, return_index=True, return_counts=True)
    which = np.repeat(np.arange(len(start)), size)
    pos = np.arange(len(keys)) - start[which]
    ratees, raters = [], []
    for k in range(1, peers + 1):  # one round per peer rank, not per employee
        ok = size[which] > k
        ok &= keys >= 0
        ratees.append(order[ok])
        raters.append(order[start[which[ok]] + (pos[ok] + k) % size[which[ok]]])
    if not ratees:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    return np.concatenate(ratees), np.concatenate(raters)


# --------------------------------------------------------------------------- rater effects

_NONE, _LENIENT, _SEVERE, _HALO, _CENTRAL = range(5)
_EFFECT_CODES = {"lenient": _LENIENT, "severe": _SEVERE, "halo": _HALO, "central": _CENTRAL}
_EFFECT_NAMES = np.array(["", "lenient", "severe", "halo", "central"], dtype=object)


def _rater_effects(
    rng: np.random.Generator,
    nips: np.ndarray,
    rater: np.ndarray,
    source: np.ndarray,
    explicit: Mapping[str, str],
    counts: Mapping[str, int],
) -> np.ndarray:
    """Effect code per employee (0: none): the explicit ones, then ``counts`` drawn from the seed.

    Drawn raters are employees who rate at least two colleagues other than
    themselves, so their effect shows in the leniency figures.
    """
    effect = np.zeros(len(nips), dtype=np.int8)
    if explicit:
        unknown = sorted(set(explicit.values()) - set(_EFFECT_CODES))
        if unknown:
            raise ValueError(f"unknown rater effect(s) {unknown}; use {sorted(_EFFECT_CODES)}")
        index = pd.Index(nips).get_indexer(list(explicit))
        if (index < 0).any():
            missing = [nip for nip, i in zip(explicit, index, strict=True) if i < 0]
            raise ValueError(f"rater_effects names NIPs not in the roster: {missing[:5]}")
        effect[index] = [_EFFECT_CODES[e] for e in explicit.values()]
    wanted = np.repeat([_EFFECT_CODES[e] for e in counts], list(counts.values()))
    if not len(wanted):
        return effect
    rates = np.bincount(rater[source != _SELF], minlength=len(nips))
    candidates = np.flatnonzero((rates >= 2) & (effect == _NONE))
    if len(wanted) > len(candidates):
        raise ValueError(f"cannot plant {len(wanted)} effects among {len(candidates)} raters")
    effect[rng.choice(candidates, size=len(wanted), replace=False)] = wanted
    return effect


def _planted_frame(nips: np.ndarray, effect: np.ndarray) -> pd.DataFrame:
    hit = np.flatnonzero(effect)
    frame = pd.DataFrame({"nip_penilai": nips[hit], "effect": _EFFECT_NAMES[effect[hit]]})
    return frame.sort_values("nip_penilai", ignore_index=True)


# --------------------------------------------------------------------------- scores


def _scores(
    rng: np.random.Generator,
    ability: np.ndarray,
    level: np.ndarray,
    ratee: np.ndarray,
    rater: np.ndarray,
    source: np.ndarray,
    effect: np.ndarray,
) -> np.ndarray:
    """Integer scores 1–5, shape (pairs, competencies).

    A ratee's true level on a competency is the job's required level plus the
    ratee's ability plus a competency-specific deviation; each rating adds
    the source's shift, a small per-rater bias and noise, then the rater's
    planted effect (self ratings are never biased by it).
    """
    n: int
    k: int
    n, k = level.shape
    deviation = rng.normal(0, 0.35, (n, k)).astype(np.float32)
    true = level.astype(np.float32) + ability[:, None] + deviation
    bias = rng.normal(0, 0.12, n).astype(np.float32)
    offset = rng.uniform(1.0, 1.5, n).astype(np.float32)
    pair_shift = _SOURCE_SHIFT[source] + bias[rater]
    noise = rng.normal(0, 0.45, (len(ratee), k)).astype(np.float32)
    raw = true[ratee] + pair_shift[:, None] + noise
    kind = np.where(source == _SELF, _NONE, effect[rater])
    shift = np.select([kind == _LENIENT, kind == _SEVERE], [offset[rater], -offset[rater]], 0)
    raw += shift.astype(np.float32)[:, None]
    halo = kind == _HALO
    raw[halo] = (true[ratee[halo]].mean(axis=1) + pair_shift[halo] + noise[halo, 0])[:, None]
    raw[kind == _CENTRAL] = 3.0
    return np.clip(np.rint(raw), 1, 5).astype(np.int8)


def _penilaian_frame(
    periode: str,
    nips: np.ndarray,
    ratee: np.ndarray,
    rater: np.ndarray,
    source: np.ndarray,
    skor: np.ndarray,
) -> pd.DataFrame:
    pairs, k = skor.shape
    n = pairs * k
    code_dtype = np.int32 if len(nips) < 2**31 else np.int64
    nip_dtype = pd.CategoricalDtype(nips)  # type: ignore[arg-type]  # stubs: any array-like

    def categorical(codes: np.ndarray, dtype: pd.CategoricalDtype) -> pd.Categorical:
        return pd.Categorical.from_codes(codes, dtype=dtype)

    return pd.DataFrame(
        {
            "periode": categorical(np.zeros(n, dtype=np.int8), pd.CategoricalDtype([str(periode)])),
            "nip_dinilai": categorical(np.repeat(ratee.astype(code_dtype), k), nip_dtype),
            "nip_penilai": categorical(np.repeat(rater.astype(code_dtype), k), nip_dtype),
            "sumber": categorical(np.repeat(source, k), pd.CategoricalDtype(list(SOURCE_ORDER))),
            "kompetensi_kode": categorical(
                np.tile(np.arange(k, dtype=np.int8), pairs), pd.CategoricalDtype(list(RATED_CODES))
            ),
            "skor": skor.ravel(),
            "catatan": categorical(np.full(n, -1, dtype=np.int8), pd.CategoricalDtype(["-"])),
        }
    )


def _write_penilaian(frame: pd.DataFrame, path: Path, chunk: int = 1_000_000) -> None:
    """Write ``penilaian`` in chunks (bounded memory for ten million rows)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        for begin in range(0, max(len(frame), 1), chunk):  # one round per million rows
            frame.iloc[begin : begin + chunk].to_csv(
                fh, index=False, header=begin == 0, lineterminator="\n"
            )


# --------------------------------------------------------------------------- outcomes


def _hasil_kerja_frame(
    rng: np.random.Generator, periode: str, nips: np.ndarray, ability: np.ndarray
) -> pd.DataFrame:
    """Hasil kerja correlated with ability: about 20 % di_atas, 8 % di_bawah."""
    z = ability + rng.normal(0, 0.4, len(nips))
    high, low = np.quantile(z, [0.8, 0.08]) if len(z) else (0.0, 0.0)
    rating = np.select(
        [z >= high, z < low], [Rating.ABOVE.value, Rating.BELOW.value], Rating.AS_EXPECTED.value
    ).astype(object)
    return pd.DataFrame({"periode": str(periode), "nip": nips, "rating_hasil_kerja": rating})


def _unit_kerja_frame(rng: np.random.Generator, periode: str, units: np.ndarray) -> pd.DataFrame:
    """Unit predikat: mostly baik, some istimewa, a few butuh_perbaikan."""
    choices = ["baik", "istimewa", "butuh_perbaikan"]
    predikat = rng.choice(choices, size=len(units), p=[0.8, 0.15, 0.05]).astype(object)
    return pd.DataFrame(
        {"periode": str(periode), "unit_kerja": units, "predikat_organisasi": predikat}
    )


__all__ = ["RATER_EFFECTS", "Cohort", "make_cohort", "write_cohort"]
