"""The Vietnamese lunar calendar (âm lịch), computed for UTC+7.

The C++ core computes the lunations of 1900-2199 from Meeus' formulas and the
rules of the Vietnamese calendar, each lunar year on first use (the whole range
on the first ``to_lunar``; see docs/calendar.md); these functions only convert
types.

>>> from danchu import lunar
>>> lunar.to_lunar("2026-02-17")
LunarDate(year=2026, month=1, day=1, leap=False)
>>> lunar.to_solar(2026, 3, 10)
datetime.date(2026, 4, 26)
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np

from ._core import calendar as _cal
from ._core.calendar import LunarDate
from ._dates import as_day_numbers

__all__ = [
    "LunarDate",
    "leap_month",
    "lunar_month_length",
    "lunar_new_year",
    "to_lunar",
    "to_lunar_array",
    "to_solar",
    "to_solar_array",
]


def to_lunar(d: datetime.date | str) -> LunarDate:
    """The lunar date of a Gregorian date (``datetime.date`` or ISO string).

    Raises ``danchu.CalendarError`` outside 1900-01-01..2199-12-31.
    """
    return _cal.to_lunar(d)


def to_solar(year: int, month: int, day: int, leap: bool = False) -> datetime.date:
    """The Gregorian date of a lunar date.

    Raises ``danchu.CalendarError`` for an impossible date (a leap flag where the
    year has no such leap month, day 30 of a 29-day month, a year out of range).
    """
    return _cal.to_solar(year, month, day, leap)


def lunar_new_year(year: int) -> datetime.date:
    """Tết Nguyên đán (1st day of the 1st lunar month) of ``year``."""
    return _cal.lunar_new_year(year)


def leap_month(year: int) -> int:
    """The leap month of lunar year ``year`` (1..12), or 0 if it has none."""
    return _cal.leap_month(year)


def lunar_month_length(year: int, month: int, leap: bool = False) -> int:
    """Number of days (29 or 30) of a lunar month."""
    return _cal.lunar_month_length(year, month, leap)


def to_lunar_array(dates: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised ``to_lunar``: arrays ``(year, month, day, leap)``.

    ``dates`` is anything ``numpy.asarray`` accepts: ``datetime64`` values,
    ``datetime.date`` objects, ISO strings, or integers (days since 1970-01-01).
    """
    return _cal._to_lunar_days(as_day_numbers(dates))


def to_solar_array(year: Any, month: Any, day: Any, leap: Any = False) -> np.ndarray:
    """Vectorised ``to_solar``: the Gregorian dates (``datetime64[D]``) of lunar
    dates given as arrays (or scalars, broadcast) of year, month, day and leap
    flag, e.g. the four arrays ``to_lunar_array`` returns.

    Raises ``danchu.CalendarError`` naming the first impossible element.
    """
    y, m, d, lp = np.broadcast_arrays(
        np.asarray(year, dtype=np.int32), np.asarray(month, dtype=np.int32),
        np.asarray(day, dtype=np.int32), np.asarray(leap, dtype=bool))
    days = _cal._to_solar_days(y.ravel(), m.ravel(), d.ravel(), lp.ravel())
    return days.astype(np.int64).astype("datetime64[D]").reshape(y.shape)
