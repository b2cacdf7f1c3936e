"""Kinerja: penilaian kinerja ASN berbasis kompetensi.

The public API, one way in for the apps, scripts and notebooks::

    import kinerja
    ds = kinerja.load_dataset("sample_data")
    scores = kinerja.score_dataset(ds, "2025")
    scores.ringkasan  # one row per employee: jpm, predikat, kotak, ...
"""

from kinerja.calibration import (
    apply_adjustments,
    check_distribution,
    rater_deviations,
    rater_leniency,
)
from kinerja.config import Policy, load_policy
from kinerja.dataset import Dataset
from kinerja.errors import ConfigError, DataValidationError, KinerjaError
from kinerja.loaders import load_dataset
from kinerja.pipeline import Scores, score_dataset
from kinerja.scoring import (
    combine_sources,
    derive_outcomes,
    employee_measures,
    score_competencies,
    source_means,
    summarize_employees,
)
from kinerja.vocab import (
    CompetencyType,
    JpmCategory,
    Potential,
    Predikat,
    PredikatOrganisasi,
    Rating,
    Source,
)

__version__ = "0.1.0"

__all__ = [
    "CompetencyType",
    "ConfigError",
    "DataValidationError",
    "Dataset",
    "JpmCategory",
    "KinerjaError",
    "Policy",
    "Potential",
    "Predikat",
    "PredikatOrganisasi",
    "Rating",
    "Scores",
    "Source",
    "apply_adjustments",
    "check_distribution",
    "combine_sources",
    "derive_outcomes",
    "employee_measures",
    "load_dataset",
    "load_policy",
    "rater_deviations",
    "rater_leniency",
    "score_competencies",
    "score_dataset",
    "source_means",
    "summarize_employees",
]
