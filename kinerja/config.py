"""Policy: every tunable number of the scoring and calibration rules.

The defaults are the local policy of DESIGN.md §4–5 (not regulation, except
where the docstring says so).  A policy can be read from a TOML file::

    [weights]
    atasan = 0.6
    rekan = 0.2
    bawahan = 0.2

    [scoring]
    anonymity_k = 3
    jpm_cap_at_standard = false
"""

from __future__ import annotations

import math
import numbers
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kinerja.errors import ConfigError
from kinerja.labels import messages as msg
from kinerja.vocab import ANONYMOUS_SOURCES, Source

_DEFAULT_WEIGHTS: Mapping[Source, float] = MappingProxyType(
    {
        Source.SUPERVISOR: 0.5,
        Source.PEER: 0.3,
        Source.SUBORDINATE: 0.2,
        Source.SELF: 0.0,
        Source.PUBLIC: 0.0,
    }
)


@dataclass(frozen=True)
class Policy:
    """Scoring and calibration policy with the documented defaults.

    Attributes
    ----------
    weights
        Weight per rater source; the score is the weighted mean over the
        sources present, not withheld, with a positive weight (local policy).
    anonymity_k
        An anonymous source with ``1 <= n < anonymity_k`` distinct raters of
        one ratee in one period is withheld.
    anonymous_sources
        Sources subject to the anonymity threshold.
    tolerance
        A value within ``tolerance`` of a threshold counts as reaching it.
    jpm_cap_at_standard
        Cap each competency score at its standard before summing the JPM.
    jpm_optimal, jpm_cukup_optimal
        JPM category thresholds (Peraturan BKN 26/2019).
    perilaku_di_atas, perilaku_sesuai
        Thresholds of the mean BerAKHLAK score for the perilaku rating.
    leniency_threshold, leniency_min_cells
        A rater is ``lunak``/``keras`` when ``|deviasi| >= leniency_threshold``
        over at least ``leniency_min_cells`` comparable cells.
    leniency_sources
        Sources whose raters are compared for leniency.
    """

    weights: Mapping[Source, float] = field(default_factory=lambda: dict(_DEFAULT_WEIGHTS))
    anonymity_k: int = 3
    anonymous_sources: frozenset[Source] = ANONYMOUS_SOURCES
    tolerance: float = 1e-9
    jpm_cap_at_standard: bool = False
    jpm_optimal: float = 90.0
    jpm_cukup_optimal: float = 78.0
    perilaku_di_atas: float = 3.5
    perilaku_sesuai: float = 2.5
    leniency_threshold: float = 0.5
    leniency_min_cells: int = 5
    leniency_sources: frozenset[Source] = frozenset(
        {Source.SUPERVISOR, Source.PEER, Source.SUBORDINATE}
    )

    def __post_init__(self) -> None:
        try:
            weights = {Source(k): float(v) for k, v in self.weights.items()}
        except (TypeError, ValueError) as exc:
            raise ConfigError(msg.BAD_WEIGHT.format(error=exc)) from exc
        for source in Source:
            weights.setdefault(source, 0.0)
        if not all(math.isfinite(w) for w in weights.values()):
            raise ConfigError(msg.WEIGHT_NOT_FINITE)
        if any(w < 0 for w in weights.values()):
            raise ConfigError(msg.WEIGHT_NEGATIVE)
        if not any(w > 0 for w in weights.values()):
            raise ConfigError(msg.NO_POSITIVE_WEIGHT)
        _check_types(self)
        if self.anonymity_k < 1:
            raise ConfigError(msg.ANONYMITY_K_TOO_SMALL)
        object.__setattr__(self, "weights", MappingProxyType(weights))

    def with_weights(self, **weights: float) -> Policy:
        """Return a copy with some source weights changed (keys are source codes)."""
        # unknown codes fail in __post_init__
        merged: dict[Any, float] = {**self.weights, **weights}
        return replace(self, weights=merged)


def _check_types(policy: Policy) -> None:
    """Reject scalar settings of the wrong type (a TOML ``"false"`` is truthy, ``"3"`` no int)."""
    for f in fields(policy):
        value = getattr(policy, f.name)
        if f.type == "bool" and not isinstance(value, bool):
            raise ConfigError(msg.SETTING_NOT_BOOL.format(name=f.name, value=value))
        if f.type == "int" and (isinstance(value, bool) or not isinstance(value, numbers.Integral)):
            raise ConfigError(msg.SETTING_NOT_INT.format(name=f.name, value=value))
        if f.type == "float" and (
            isinstance(value, bool)
            or not isinstance(value, numbers.Real)
            or not math.isfinite(value)
        ):
            raise ConfigError(msg.SETTING_NOT_NUMBER.format(name=f.name, value=value))
        if f.type == "frozenset[Source]":
            try:
                object.__setattr__(policy, f.name, frozenset(Source(v) for v in value))
            except (TypeError, ValueError) as exc:
                raise ConfigError(msg.UNKNOWN_SOURCE_IN.format(name=f.name, error=exc)) from exc


_SCALAR_FIELDS = {f.name for f in fields(Policy)} - {
    "weights",
    "anonymous_sources",
    "leniency_sources",
}


def policy_from_mapping(data: Mapping[str, Any]) -> Policy:
    """Build a policy from a mapping shaped like the TOML file (see module docstring)."""
    kwargs: dict[str, Any] = {}
    if "weights" in data:
        try:
            kwargs["weights"] = {Source(k): float(v) for k, v in data["weights"].items()}
        except ValueError as exc:
            raise ConfigError(msg.BAD_WEIGHT.format(error=exc)) from exc
    for section in ("scoring", "calibration"):
        for key, value in data.get(section, {}).items():
            if key in ("anonymous_sources", "leniency_sources"):
                kwargs[key] = value if isinstance(value, list) else [value]
            elif key in _SCALAR_FIELDS:
                kwargs[key] = value
            else:
                raise ConfigError(msg.UNKNOWN_SETTING.format(section=section, key=key))
    return Policy(**kwargs)


def load_policy(path: str | Path | None = None) -> Policy:
    """Read a policy from a TOML file; ``None`` gives the defaults."""
    if path is None:
        return Policy()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(msg.POLICY_UNREADABLE.format(path=path, error=exc)) from exc
    return policy_from_mapping(data)
