"""Dates, times and percentages as people read them (DESIGN §11; kinerja.labels.times)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from kinerja.errors import ConfigError
from kinerja.labels import fmt_percent
from kinerja.labels.times import ENV_TZ, fmt_date, fmt_time, now_local

UTC_MORNING = dt.datetime(2026, 12, 7, 8, 30, 30, 846630, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _default_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_TZ, raising=False)


@pytest.mark.parametrize(
    "value",
    [
        UTC_MORNING,
        pd.Timestamp(UTC_MORNING),
        "2026-12-07 08:30:30.846630+00:00",  # how SQLite hands a stored time back
        dt.datetime(2026, 12, 7, 8, 30, 30),  # a naive stored time is UTC
        pd.Timestamp("2026-12-07 10:30:30+02:00"),  # any zone is converted
    ],
)
def test_a_stored_utc_time_is_shown_in_wib(value: object):
    assert fmt_time(value) == "07-12-2026 15:30 WIB"
    assert fmt_time(value, seconds=True) == "07-12-2026 15:30:30 WIB"


def test_a_time_after_wib_midnight_shows_the_wib_date():
    late = dt.datetime(2026, 12, 7, 18, 5, tzinfo=dt.UTC)  # 01:05 on the 8th in Jakarta
    assert fmt_time(late) == "08-12-2026 01:05 WIB"
    assert fmt_date(late) == "08-12-2026"
    assert fmt_date(dt.date(2026, 12, 7)) == "07-12-2026"


@pytest.mark.parametrize("empty", [None, "", pd.NaT, float("nan")])
def test_an_empty_time_shows_a_dash(empty: object):
    assert fmt_time(empty) == "–" and fmt_date(empty) == "–"


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("Asia/Makassar", "07-12-2026 16:30 WITA"),
        ("Asia/Jayapura", "07-12-2026 17:30 WIT"),
        ("Europe/Amsterdam", "07-12-2026 09:30 CET"),
    ],
)
def test_kinerja_tz_chooses_the_zone(monkeypatch: pytest.MonkeyPatch, zone: str, shown: str):
    monkeypatch.setenv(ENV_TZ, zone)
    assert fmt_time(UTC_MORNING) == shown
    assert now_local().tzinfo == ZoneInfo(zone)


def test_an_unknown_kinerja_tz_is_a_configuration_error_in_indonesian(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv(ENV_TZ, "Asia/Gunungkidul")
    with pytest.raises(ConfigError, match="bukan zona waktu yang dikenal"):
        fmt_time(UTC_MORNING)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(87.93, "87,9 %"), (100.0, "100,0 %"), (0, "0,0 %"), (1234.56, "1.234,6 %"), (None, "–")],
)
def test_percentages_have_one_decimal_and_a_comma(value: object, shown: str):
    assert fmt_percent(value) == shown
