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
from kinerja.errors import (
    AccessDenied,
    AccountError,
    AdjustmentError,
    ConfigError,
    DataValidationError,
    KinerjaError,
    LoginRefused,
    OutputError,
    ServeError,
    StorageError,
    StoreError,
    TaskError,
)
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

#: Heavier parts of the API, imported on first use (``kinerja.Store`` …).
_LAZY = {
    "Store": "kinerja.store",
    "agreement_by_unit": "kinerja.agreement",
    "disagreement_by_ratee": "kinerja.agreement",
    "development_plan": "kinerja.development",
    "export_workbook": "kinerja.excel",
    "write_template": "kinerja.excel",
    "build_profile": "kinerja.profile",
    "CalibrationBoard": "kinerja.board",
    "make_cohort": "kinerja.synthetic",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kinerja' has no attribute {name!r}")


__all__ = [
    "AccessDenied",
    "AccountError",
    "AdjustmentError",
    "CalibrationBoard",
    "CompetencyType",
    "ConfigError",
    "DataValidationError",
    "Dataset",
    "JpmCategory",
    "KinerjaError",
    "LoginRefused",
    "OutputError",
    "Policy",
    "Potential",
    "Predikat",
    "PredikatOrganisasi",
    "Rating",
    "Scores",
    "ServeError",
    "Source",
    "StorageError",
    "Store",
    "StoreError",
    "TaskError",
    "agreement_by_unit",
    "apply_adjustments",
    "build_profile",
    "check_distribution",
    "combine_sources",
    "derive_outcomes",
    "development_plan",
    "disagreement_by_ratee",
    "employee_measures",
    "export_workbook",
    "load_dataset",
    "load_policy",
    "make_cohort",
    "rater_deviations",
    "rater_leniency",
    "score_competencies",
    "score_dataset",
    "source_means",
    "summarize_employees",
    "write_template",
]
