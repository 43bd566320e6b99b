"""Date conversions shared by the calendar modules (no business rules)."""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np

from ._core import ArgumentError, CalendarError

_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1


def is_scalar_date(value: Any) -> bool:
    """True for one date: a ``datetime.date``, an ISO string or a ``numpy.datetime64``."""
    return isinstance(value, (datetime.date, str, np.datetime64))


def to_date(value: Any) -> Any:
    """A ``datetime.date`` or ISO string for the C++ caster (``numpy.datetime64`` converted)."""
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            raise CalendarError("[danchu.calendar] NaT is not a date")
        return value.astype("datetime64[D]").item()
    return value


def as_day_numbers(values: Any) -> np.ndarray:
    """Days since 1970-01-01 as a C-contiguous int32 array.

    Accepts ``datetime64`` arrays (any unit; truncated to days), integer arrays
    (already day numbers), and sequences of ``datetime.date`` or ISO strings.
    """
    if hasattr(values, "to_numpy"):  # pandas Series / Index
        values = values.to_numpy()
    a = np.asarray(values)
    if a.dtype.kind == "M":
        if np.isnat(a).any():
            raise CalendarError("[danchu.calendar] the dates contain NaT (not a time)")
        days = a.astype("datetime64[D]").astype(np.int64)
    elif a.dtype.kind in "iu":
        days = a.astype(np.int64)
    elif a.dtype.kind in "OU":
        try:
            days = a.astype("datetime64[D]").astype(np.int64)
        except (ValueError, TypeError) as exc:
            raise CalendarError(f"[danchu.calendar] not dates: {exc}") from None
    else:
        raise ArgumentError(
            f"[danchu.argument] dates of dtype {a.dtype}: expected datetime64, integer "
            "day numbers, datetime.date objects or ISO strings"
        )
    if days.size and (days.min() < _INT32_MIN or days.max() > _INT32_MAX):
        raise CalendarError("[danchu.calendar] a date is far outside 1900-2199")
    return np.ascontiguousarray(days, dtype=np.int32)


def is_date_like(value: Any) -> bool:
    """True for a ``datetime.date`` (or ``datetime``), a ``numpy.datetime64`` or a
    pandas ``Timestamp`` (anything with a ``date()`` method and ``isoformat``)."""
    if isinstance(value, (datetime.date, np.datetime64)):
        return True
    return callable(getattr(value, "date", None)) and hasattr(value, "isoformat")


def iso_date(value: Any, what: str, *, optional: bool = False) -> str:
    """The ISO text ``YYYY-MM-DD`` of a date argument: a ``datetime.date``, an
    ISO string (passed on: the C++ side validates it), a ``datetime`` or pandas
    ``Timestamp`` (its date part) or a ``numpy.datetime64``. ``None`` gives ""
    when the argument is ``optional`` (the C++ default). Anything else raises
    ``danchu.ArgumentError`` naming ``what``."""
    if value is None and optional:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            raise ArgumentError(f"[danchu.argument] {what}: NaT is not a date")
        return str(value.astype("datetime64[D]"))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if is_date_like(value):  # pandas.Timestamp
        return str(value.date().isoformat())
    raise ArgumentError(
        f"[danchu.argument] {what}: expected a datetime.date or an ISO date YYYY-MM-DD, "
        f"got {type(value).__name__} {value!r}"
    )


def days_to_datetime64(days: np.ndarray) -> np.ndarray:
    """int day numbers -> ``datetime64[D]``."""
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]")
