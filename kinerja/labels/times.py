"""Dates and times as people read them (DESIGN §11): ``07-12-2026``, ``07-12-2026 15:30 WIB``.

The store keeps times in UTC; every app, PDF and message shows them in the
office's time zone: Asia/Jakarta (WIB) unless ``KINERJA_TZ`` names another
IANA zone (``Asia/Makassar`` shows WITA, ``Asia/Jayapura`` WIT).  A time
without a zone is taken as UTC, the store's convention.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from kinerja.errors import ConfigError

#: The environment variable naming the time zone of displayed times.
ENV_TZ = "KINERJA_TZ"
DEFAULT_TZ = "Asia/Jakarta"

#: Indonesian abbreviations of the zones (``%Z`` of the tz database gives ``WIB`` only
#: for some versions; these are fixed).
ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}

DATE_FORMAT = "%d-%m-%Y"
TIME_FORMAT = "%d-%m-%Y %H:%M"


#: Shown when ``KINERJA_TZ`` names no time zone.
UNKNOWN_ZONE = (
    "{env}='{name}' bukan zona waktu yang dikenal; pakai nama IANA seperti "
    "Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)."
)


def display_zone() -> ZoneInfo:
    """The zone of displayed times: ``KINERJA_TZ``, else Asia/Jakarta.

    Raises
    ------
    kinerja.errors.ConfigError
        When ``KINERJA_TZ`` is not a known IANA zone name (an administrator
        fixes it).
    """
    name = os.environ.get(ENV_TZ, "").strip() or DEFAULT_TZ
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(UNKNOWN_ZONE.format(env=ENV_TZ, name=name)) from None


def zone_name(moment: datetime) -> str:
    """``WIB``/``WITA``/``WIT`` for a time in an Indonesian zone, else the zone's abbreviation."""
    key = getattr(moment.tzinfo, "key", "")
    return ZONE_NAMES.get(key) or moment.strftime("%Z")


def _moment(value: object) -> datetime | None:
    """A timezone-aware datetime from a datetime, Timestamp or ISO text (naive = UTC)."""
    if value is None or value is pd.NaT or value is pd.NA or value == "":
        return None
    if isinstance(value, float) and value != value:
        return None
    stamp = value if isinstance(value, datetime) else pd.Timestamp(str(value))
    if isinstance(stamp, pd.Timestamp):
        if pd.isna(stamp):
            return None
        stamp = stamp.to_pydatetime()
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)


def local_time(value: object) -> datetime | None:
    """``value`` (a stored UTC time) in the display zone; None when empty."""
    moment = _moment(value)
    return None if moment is None else moment.astimezone(display_zone())


def fmt_time(value: object, *, seconds: bool = False) -> str:
    """A time the Indonesian way in the display zone: ``07-12-2026 15:30 WIB``; empty -> ``–``.

    ``value`` is a datetime, a pandas Timestamp or ISO text; one without a
    zone is UTC (the store's convention).
    """
    moment = local_time(value)
    if moment is None:
        return "–"
    pattern = TIME_FORMAT + (":%S" if seconds else "")
    return f"{moment.strftime(pattern)} {zone_name(moment)}"


def fmt_date(value: object) -> str:
    """A date the Indonesian way: ``07-12-2026``; a time is first put in the display zone."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.strftime(DATE_FORMAT)
    moment = local_time(value)
    return "–" if moment is None else moment.strftime(DATE_FORMAT)


def now_local() -> datetime:
    """The current time in the display zone."""
    return datetime.now(display_zone())
