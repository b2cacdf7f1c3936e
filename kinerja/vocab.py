"""Controlled vocabularies of the data contract (DESIGN.md §3).

Every enum's value is the code that is stored and exported (``di_atas``,
``sangat_baik``, …).  Indonesian display labels live in :mod:`kinerja.labels`.
"""

from __future__ import annotations

from enum import StrEnum


class Source(StrEnum):
    """Rater source (``sumber``)."""

    SELF = "diri"
    SUPERVISOR = "atasan"
    PEER = "rekan"
    SUBORDINATE = "bawahan"
    PUBLIC = "masyarakat"


class CompetencyType(StrEnum):
    """Competency type (``jenis``)."""

    MANAGERIAL = "manajerial"
    SOCIOCULTURAL = "sosial_kultural"
    TECHNICAL = "teknis"
    BEHAVIOUR = "perilaku"


class Rating(StrEnum):
    """Three-level rating of PermenPANRB 6/2022 (hasil kerja, perilaku)."""

    ABOVE = "di_atas"
    AS_EXPECTED = "sesuai"
    BELOW = "di_bawah"


class Predikat(StrEnum):
    """Employee predikat kinerja (PermenPANRB 6/2022), best first."""

    VERY_GOOD = "sangat_baik"
    GOOD = "baik"
    NEEDS_IMPROVEMENT = "butuh_perbaikan"
    POOR = "kurang_misconduct"
    VERY_POOR = "sangat_kurang"


class PredikatOrganisasi(StrEnum):
    """Organisation predikat (SE MenPANRB 3/2023)."""

    OUTSTANDING = "istimewa"
    GOOD = "baik"
    NEEDS_IMPROVEMENT = "butuh_perbaikan"
    POOR = "kurang"
    VERY_POOR = "sangat_kurang"


class JpmCategory(StrEnum):
    """Job Person Match category (Peraturan BKN 26/2019)."""

    OPTIMAL = "optimal"
    FAIRLY_OPTIMAL = "cukup_optimal"
    SUBOPTIMAL = "kurang_optimal"


class Potential(StrEnum):
    """Potensial axis of the nine-box (PermenPANRB 3/2020)."""

    HIGH = "tinggi"
    MEDIUM = "menengah"
    LOW = "rendah"


class DistributionRule(StrEnum):
    """Kind of a distribution rule row in ``distribusi.csv`` (DESIGN.md §5)."""

    MAX = "maks"
    MIN = "min"
    MIN_COUNT = "min_jumlah"
    LARGEST = "terbanyak"


class AdjustableField(StrEnum):
    """Fields a calibration adjustment may change."""

    RATING_HASIL_KERJA = "rating_hasil_kerja"
    RATING_PERILAKU = "rating_perilaku"


#: Sources whose raters are anonymous (subject to the anonymity threshold).
ANONYMOUS_SOURCES: frozenset[Source] = frozenset({Source.PEER, Source.SUBORDINATE, Source.PUBLIC})

#: Sources whose raters must be employees in ``pegawai``.
EMPLOYEE_SOURCES: frozenset[Source] = frozenset(
    {Source.SELF, Source.SUPERVISOR, Source.PEER, Source.SUBORDINATE}
)

#: Competency types that have a job standard and enter the JPM.
STANDARD_TYPES: frozenset[CompetencyType] = frozenset(
    {CompetencyType.MANAGERIAL, CompetencyType.SOCIOCULTURAL, CompetencyType.TECHNICAL}
)

#: The seven BerAKHLAK values, in the order of SE MenPANRB 20/2021.
BERAKHLAK_CODES: tuple[str, ...] = tuple(f"B.{i:02d}" for i in range(1, 8))
