"""Every Indonesian text people read, in one package; this module: the vocabularies' labels.

Codes (``di_atas``) are what is stored and exported; labels (``Di Atas
Ekspektasi``) are what people read, and are accepted on input too.  Other
user-facing text lives in the submodules of this package (one per area), so
the whole UI can be translated in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import pandas as pd

from kinerja.vocab import (
    AdjustableField,
    CompetencyType,
    DistributionRule,
    JpmCategory,
    Potential,
    Predikat,
    PredikatOrganisasi,
    Rating,
    Source,
)

SOURCE: Mapping[Source, str] = MappingProxyType(
    {
        Source.SELF: "Diri Sendiri",
        Source.SUPERVISOR: "Atasan",
        Source.PEER: "Rekan Sejawat",
        Source.SUBORDINATE: "Bawahan",
        Source.PUBLIC: "Masyarakat",
    }
)

COMPETENCY_TYPE: Mapping[CompetencyType, str] = MappingProxyType(
    {
        CompetencyType.MANAGERIAL: "Manajerial",
        CompetencyType.SOCIOCULTURAL: "Sosial Kultural",
        CompetencyType.TECHNICAL: "Teknis",
        CompetencyType.BEHAVIOUR: "Perilaku (BerAKHLAK)",
    }
)

RATING: Mapping[Rating, str] = MappingProxyType(
    {
        Rating.ABOVE: "Di Atas Ekspektasi",
        Rating.AS_EXPECTED: "Sesuai Ekspektasi",
        Rating.BELOW: "Di Bawah Ekspektasi",
    }
)

PREDIKAT: Mapping[Predikat, str] = MappingProxyType(
    {
        Predikat.VERY_GOOD: "Sangat Baik",
        Predikat.GOOD: "Baik",
        Predikat.NEEDS_IMPROVEMENT: "Butuh Perbaikan",
        Predikat.POOR: "Kurang/Misconduct",
        Predikat.VERY_POOR: "Sangat Kurang",
    }
)

PREDIKAT_ORGANISASI: Mapping[PredikatOrganisasi, str] = MappingProxyType(
    {
        PredikatOrganisasi.OUTSTANDING: "Istimewa",
        PredikatOrganisasi.GOOD: "Baik",
        PredikatOrganisasi.NEEDS_IMPROVEMENT: "Butuh Perbaikan",
        PredikatOrganisasi.POOR: "Kurang",
        PredikatOrganisasi.VERY_POOR: "Sangat Kurang",
    }
)

JPM_CATEGORY: Mapping[JpmCategory, str] = MappingProxyType(
    {
        JpmCategory.OPTIMAL: "Optimal",
        JpmCategory.FAIRLY_OPTIMAL: "Cukup Optimal",
        JpmCategory.SUBOPTIMAL: "Kurang Optimal",
    }
)

POTENTIAL: Mapping[Potential, str] = MappingProxyType(
    {Potential.HIGH: "Tinggi", Potential.MEDIUM: "Menengah", Potential.LOW: "Rendah"}
)

DISTRIBUTION_RULE: Mapping[DistributionRule, str] = MappingProxyType(
    {
        DistributionRule.MAX: "paling banyak",
        DistributionRule.MIN: "paling sedikit",
        DistributionRule.MIN_COUNT: "minimal 1 orang",
        DistributionRule.LARGEST: "kelompok terbanyak",
    }
)

ADJUSTABLE_FIELD: Mapping[AdjustableField, str] = MappingProxyType(
    {
        AdjustableField.RATING_HASIL_KERJA: "Rating Hasil Kerja",
        AdjustableField.RATING_PERILAKU: "Rating Perilaku Kerja",
    }
)

LENIENCY: Mapping[str, str] = MappingProxyType(
    {"lunak": "Lunak (terlalu murah)", "keras": "Keras (terlalu pelit)", "wajar": "Wajar"}
)

#: Every label table by the enum it describes.
_TABLES: Mapping[type[StrEnum], Mapping[Any, str]] = MappingProxyType(
    {
        Source: SOURCE,
        CompetencyType: COMPETENCY_TYPE,
        Rating: RATING,
        Predikat: PREDIKAT,
        PredikatOrganisasi: PREDIKAT_ORGANISASI,
        JpmCategory: JPM_CATEGORY,
        Potential: POTENTIAL,
    }
)


def fmt(value: object, digits: int = 2) -> str:
    """A number the Indonesian way (DESIGN §11: decimal comma, ``3,50``); empty -> ``–``."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, int | float):
        number = float(value)
        if round(number, digits) == 0:
            number = 0.0  # -0.001 is "0,00", never "-0,00"
        text = f"{number:,.{digits}f}"
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    return str(value)


def fmt_percent(value: object) -> str:
    """A percentage the Indonesian way (DESIGN §11: one decimal): ``87,9 %``; empty -> ``–``."""
    text = fmt(value, 1)
    return text if text == "–" or not isinstance(value, int | float) else f"{text} %"


def label(value: object, enum: type[StrEnum] | None = None) -> str:
    """Display label of a code; an empty value (None, "", NaN) gives ``"–"``.

    ``enum`` is needed when ``value`` is a plain string code.
    """
    if value is None or value == "" or value != value:  # NaN
        return "–"
    member = enum(str(value)) if enum is not None else value
    table = _TABLES.get(type(member)) if isinstance(member, StrEnum) else None
    return table[member] if table is not None else str(value)


def code_lookup(enum: type[StrEnum]) -> dict[str, str]:
    """Map every accepted spelling (code or label, lower case) to its code."""
    lookup = {m.value.lower(): m.value for m in enum}
    table = _TABLES.get(enum, {})
    for member, text in table.items():
        lookup[text.lower()] = member.value
    if enum is Predikat:
        lookup["kurang"] = Predikat.POOR.value
        lookup["kurang/misconduct"] = Predikat.POOR.value
    if enum is Rating:
        for member, text in RATING.items():
            lookup[text.lower().replace(" ekspektasi", "")] = member.value
    return lookup


def expected(enum: type[StrEnum]) -> str:
    """Human list of the accepted codes of a vocabulary, for error messages."""
    return ", ".join(m.value for m in enum)
