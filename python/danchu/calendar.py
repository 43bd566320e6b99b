"""Vietnamese holidays, working days and report periods.

Everything is computed by the C++ core (``danchu._core``); this module converts
dates (``datetime.date`` and ISO strings in, ``datetime.date`` out; NumPy
arrays for the vectorised forms) and adds display helpers.

>>> import danchu
>>> cal = danchu.Calendar.vietnam()
>>> cal.is_working_day("2026-01-10")        # make-up Saturday
True
>>> cal.add_working_days("2026-02-13", 1)   # across the Tết break
datetime.date(2026, 2, 23)
>>> danchu.report_period("half", 2026, 1).deadline
datetime.date(2026, 6, 25)
"""

from __future__ import annotations

import datetime
import functools
import html
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Union, overload

import numpy as np

from ._core import ArgumentError
from ._core import calendar as _cal
from ._core.calendar import Holiday, Regime, ReportPeriod
from ._data import data_dir
from ._dates import as_day_numbers, days_to_datetime64, is_scalar_date, to_date

__all__ = [
    "Calendar",
    "Holiday",
    "HolidayArrays",
    "HolidayList",
    "Regime",
    "ReportPeriod",
    "regimes",
    "report_period",
    "report_periods",
]

DateLike = Union[datetime.date, str, np.datetime64]


class HolidayList(Sequence[Holiday]):
    """A year's calendar entries, in date order (read-only).

    A sequence of :class:`Holiday` (``.date .name_vi .name_en .kind``) that also
    works like a dict keyed by date, as the ``holidays`` package does:
    ``date in hl``, ``hl[date]`` (the entry), ``hl.get(date)``, ``keys()``,
    ``values()``, ``items()``. Dates may be ``datetime.date`` or ISO strings.
    A :class:`Calendar` makes one list per year and returns that same list on
    later calls, so the list cannot be changed.
    """

    __slots__ = ("_by_date", "_items", "_year")

    def __init__(self, year: int, items: Sequence[Holiday]) -> None:
        self._year = year
        self._items = tuple(items)
        self._by_date: dict[datetime.date, Holiday] | None = None  # made on the first look-up by date

    @property
    def year(self) -> int:
        return self._year

    def _index(self) -> dict[datetime.date, Holiday]:
        if self._by_date is None:
            self._by_date = {h.date: h for h in self._items}
        return self._by_date

    @staticmethod
    def _key(d: Any) -> datetime.date:
        d = to_date(d)
        if isinstance(d, str):
            return datetime.date.fromisoformat(d)
        if isinstance(d, datetime.datetime):
            return d.date()
        if isinstance(d, datetime.date):
            return d
        raise TypeError(f"not a date: {type(d).__name__}")

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, key: int) -> Holiday: ...
    @overload
    def __getitem__(self, key: slice) -> list[Holiday]: ...
    @overload
    def __getitem__(self, key: DateLike) -> Holiday: ...
    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int):
            return self._items[key]
        if isinstance(key, slice):
            return list(self._items[key])
        try:
            return self._index()[self._key(key)]
        except (KeyError, ValueError):
            raise KeyError(key) from None

    def __contains__(self, key: object) -> bool:
        try:
            return self._key(key) in self._index()
        except (TypeError, ValueError, AttributeError):
            return False

    def __iter__(self) -> Iterator[Holiday]:
        return iter(self._items)

    def get(self, key: DateLike, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def keys(self) -> list[datetime.date]:
        return [h.date for h in self._items]

    def values(self) -> list[Holiday]:
        return list(self._items)

    def items(self) -> list[tuple[datetime.date, Holiday]]:
        return [(h.date, h) for h in self._items]

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with one row per entry."""
        import pandas as pd

        return pd.DataFrame(
            {
                "date": [h.date for h in self._items],
                "kind": [h.kind for h in self._items],
                "holiday": [h.holiday_id for h in self._items],
                "name_vi": [h.name_vi for h in self._items],
                "name_en": [h.name_en for h in self._items],
                "derived": [h.derived for h in self._items],
                "confidence": [h.confidence for h in self._items],
                "source": [h.source_document for h in self._items],
            }
        )

    def __repr__(self) -> str:
        lines = [f"HolidayList({self._year}, {len(self._items)} entries)"]
        lines += [f"  {h.date.isoformat()}  {h.kind:<18} {h.name_vi}" for h in self._items]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v))}</td>"
                for v in (
                    h.date.isoformat(),
                    h.kind,
                    h.name_vi,
                    h.name_en,
                    "derived" if h.derived else h.source_document,
                )
            )
            + "</tr>"
            for h in self._items
        )
        head = "".join(
            f"<th>{c}</th>" for c in ("date", "kind", "tên", "name", "source")
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


_KIND_NAMES = np.array(
    ["statutory", "compensatory", "swapped_day_off", "makeup_working_day"], dtype=object
)


class HolidayArrays(NamedTuple):
    """Holidays of several years as parallel NumPy arrays (see ``Calendar.holiday_arrays``)."""

    date: np.ndarray
    kind: np.ndarray
    holiday_id: np.ndarray
    name_vi: np.ndarray
    name_en: np.ndarray

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with one row per entry."""
        import pandas as pd

        return pd.DataFrame(self._asdict())


class Calendar:
    """A working-day calendar over 1900-01-01..2199-12-31.

    ``Calendar.vietnam()`` is the civil-servant calendar (Saturday and Sunday
    rest, official schedules with their swaps for the years that have one,
    statutory and compensatory days derived by rule elsewhere).
    ``Calendar.with_weekly_rest(["sun"])`` is the calendar of another weekly
    rest pattern (statutory days, compensatory days for that pattern, no swaps).

    Scalar methods take a ``datetime.date`` or ISO string; passing an array
    (NumPy, pandas, list) gives the vectorised form and returns a NumPy array.
    ``working_days_between(a, b)`` counts working days ``d`` with
    ``a < d <= b`` (start excluded, end included), negative when ``b < a``.
    """

    def __init__(self, core: _cal.Calendar) -> None:
        self._core = core
        # Each year's list as converted from the C++ core, made on first use
        # (the core computes and keeps the year itself); see docs/calendar.md.
        self._holidays: dict[int, HolidayList] = {}
        self._entries: dict[int, HolidayList] = {}

    # --- construction -------------------------------------------------------
    @classmethod
    def vietnam(
        cls, data_dir: str | Path | None = None, extra_files: Sequence[str | Path] = ()
    ) -> Calendar:
        """The Vietnamese civil-servant calendar from the bundled data.

        ``extra_files`` are more schedule files (e.g. next year's notice); a file
        for a year already present replaces it.
        """
        return _vietnam(str(data_dir) if data_dir else None, tuple(str(f) for f in extra_files))

    @classmethod
    def with_weekly_rest(
        cls,
        rest_days: Sequence[str],
        data_dir: str | Path | None = None,
        extra_files: Sequence[str | Path] = (),
    ) -> Calendar:
        """A calendar whose weekly rest days are ``rest_days`` (e.g. ``["sun"]``)."""
        data = _holiday_data(str(data_dir) if data_dir else None, tuple(str(f) for f in extra_files))
        return cls(_cal.Calendar.with_weekly_rest(data, list(rest_days)))

    @property
    def rest_days(self) -> list[str]:
        return self._core.rest_days

    @property
    def is_civil_servant(self) -> bool:
        return self._core.is_civil_servant

    def has_official_schedule(self, year: int) -> bool:
        """True if ``year`` uses an official schedule rather than rule-derived days."""
        return self._core.has_official_schedule(year)

    # --- holidays -----------------------------------------------------------
    def holidays(self, year: int) -> HolidayList:
        """The days off of ``year`` (statutory, compensatory, swapped), including
        holidays that fall on a weekly rest day.

        Computed on the first call for ``year`` (that year alone); later calls
        return the same read-only list."""
        hl = self._holidays.get(year)
        if hl is None:
            hl = self._holidays[year] = HolidayList(year, self._core.holidays(year))
        return hl

    def entries(self, year: int) -> HolidayList:
        """All entries of ``year``: days off and make-up working days (cached
        per year as :meth:`holidays`)."""
        hl = self._entries.get(year)
        if hl is None:
            hl = self._entries[year] = HolidayList(year, self._core.entries(year))
        return hl

    def holiday_arrays(
        self, first_year: int, last_year: int | None = None, days_off_only: bool = True
    ) -> HolidayArrays:
        """Batch form of :meth:`holidays` for a span of years, as NumPy arrays.

        Returns ``HolidayArrays(date, kind, holiday_id, name_vi, name_en)``:
        ``date`` is ``datetime64[D]``, the others are object arrays. With
        ``days_off_only=False`` make-up working days are included.
        """
        last = first_year if last_year is None else last_year
        days, kinds, idx, vi, en, ids = self._core._holiday_arrays(first_year, last, days_off_only)
        return HolidayArrays(
            days_to_datetime64(days),
            _KIND_NAMES[kinds],
            np.array(ids, dtype=object)[idx] if len(ids) else np.array([], dtype=object),
            np.array(vi, dtype=object)[idx] if len(vi) else np.array([], dtype=object),
            np.array(en, dtype=object)[idx] if len(en) else np.array([], dtype=object),
        )

    # --- working days -------------------------------------------------------
    def is_working_day(self, d: Any) -> Any:
        """Whether ``d`` is a working day (``bool``, or a bool array for arrays)."""
        if is_scalar_date(d):
            return self._core.is_working_day(to_date(d))
        return self._core._is_working_day_days(as_day_numbers(d))

    def next_working_day(self, d: DateLike) -> datetime.date:
        """The first working day strictly after ``d``."""
        return self._core.next_working_day(to_date(d))

    def previous_working_day(self, d: DateLike) -> datetime.date:
        """The last working day strictly before ``d``."""
        return self._core.previous_working_day(to_date(d))

    def roll_forward(self, d: DateLike) -> datetime.date:
        """``d`` if it is a working day, else the next one."""
        return self._core.roll_forward(to_date(d))

    def roll_backward(self, d: DateLike) -> datetime.date:
        """``d`` if it is a working day, else the previous one."""
        return self._core.roll_backward(to_date(d))

    def add_working_days(self, d: Any, n: Any) -> Any:
        """The ``n``-th working day after ``d`` (before it if ``n < 0``; ``d`` if 0).

        Vectorised: ``d`` an array, ``n`` an int or an array of the same length;
        returns ``datetime64[D]``.
        """
        if is_scalar_date(d) and np.ndim(n) == 0:
            return self._core.add_working_days(to_date(d), int(n))
        days = as_day_numbers(d if not is_scalar_date(d) else [to_date(d)])
        counts = np.ascontiguousarray(np.atleast_1d(np.asarray(n, dtype=np.int64)))
        if days.size == 1 and counts.size > 1:
            days = np.full(counts.shape, days[0], dtype=np.int32)
        return days_to_datetime64(self._core._add_working_days_days(days, counts))

    def working_days_between(self, a: Any, b: Any) -> Any:
        """Working days ``d`` with ``a < d <= b`` (negative when ``b < a``)."""
        if is_scalar_date(a) and is_scalar_date(b):
            return self._core.working_days_between(to_date(a), to_date(b))
        da, db = as_day_numbers(a), as_day_numbers(b)
        if da.size == 1 and db.size != 1:
            da = np.full(db.shape, da[0], dtype=np.int32)
        if db.size == 1 and da.size != 1:
            db = np.full(da.shape, db[0], dtype=np.int32)
        return self._core._working_days_between_days(da, db)

    # --- export -------------------------------------------------------------
    def to_ical(
        self,
        years: int | Sequence[int],
        regime: str | None = "decree-09-2019",
        lang: str = "vi",
        kinds: Sequence[str] = ("month", "quarter", "half", "year"),
        policy: str | None = None,
        path: str | Path | None = None,
        dtstamp: str | None = None,
    ) -> str:
        """iCalendar (RFC 5545) text of the holidays of ``years`` and, unless
        ``regime`` is None, the deadlines of that regime's periods; written to
        ``path`` if given."""
        ys = [years] if isinstance(years, int) else list(years)
        reg = regimes()[regime] if regime else None
        name = "Lịch nghỉ lễ và hạn báo cáo" if lang == "vi" else "Holidays and report deadlines"
        text = _cal.ical(self._core, ys, reg, list(kinds), lang, name, dtstamp, policy)
        if path is not None:
            Path(path).write_bytes(text.encode("utf-8"))
        return text

    def __repr__(self) -> str:
        kind = "civil servants" if self.is_civil_servant else "rest " + "+".join(self.rest_days)
        return f"Calendar({kind}, 1900-01-01..2199-12-31)"


@functools.lru_cache(maxsize=8)
def _holiday_data(directory: str | None, extra: tuple[str, ...]) -> _cal.HolidayData:
    base = Path(directory) if directory else data_dir()
    data = _cal.HolidayData.load_directory(str(base / "schedules"))
    for f in extra:
        data.add_file(f)
    return data


@functools.lru_cache(maxsize=8)
def _vietnam(directory: str | None, extra: tuple[str, ...]) -> Calendar:
    return Calendar(_cal.Calendar.civil_servant(_holiday_data(directory, extra)))


@functools.lru_cache(maxsize=4)
def _regimes(directory: str | None) -> _cal.RegimeSet:
    base = Path(directory) if directory else data_dir()
    return _cal.RegimeSet.load_directory(str(base / "regimes"))


def regimes(data_dir: str | Path | None = None) -> _cal.RegimeSet:
    """The bundled reporting regimes (``regimes()["decree-09-2019"]``, ``.ids()``)."""
    return _regimes(str(data_dir) if data_dir else None)


def report_period(
    kind: str,
    year: int,
    index: int | None = None,
    regime: str = "decree-09-2019",
    policy: str | None = None,
    calendar: Calendar | None = None,
) -> ReportPeriod:
    """The report period ``index`` of ``kind`` in ``year`` under ``regime``.

    ``kind`` is "month", "quarter", "half" or "year" (``index`` 1..12, 1..4,
    1..2, or None for "year"). ``policy`` overrides the regime's rule for a
    deadline on a non-working day: "keep", "next_working_day" or
    "previous_working_day". The result has ``.start``, ``.end`` (the data
    window, inclusive) and ``.deadline`` (None if the regime defines none).
    """
    if index is None:
        if kind != "year":
            raise ArgumentError(
                f"[danchu.argument] report_period: index is required for a {kind!r} period "
                "(month 1..12, quarter 1..4, half 1..2)"
            )
        index = 1
    cal = calendar or Calendar.vietnam()
    return _cal.make_report_period(regimes()[regime], kind, year, index, cal._core, policy)


def report_periods(
    kind: str,
    year: int,
    regime: str = "decree-09-2019",
    policy: str | None = None,
    calendar: Calendar | None = None,
) -> list[ReportPeriod]:
    """Every period of ``kind`` in ``year`` (see :func:`report_period`)."""
    cal = calendar or Calendar.vietnam()
    return list(_cal.report_periods(regimes()[regime], kind, year, cal._core, policy))
