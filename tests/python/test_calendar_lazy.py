"""The lazy calendar from Python (docs/calendar.md, "Lazy loading and per-year
caches"): one list per year and calendar, read-only; one year's holidays read
only that year's schedule file. Expected days: calendar brief §2.4, row 2025
(Tết off 2025-01-27..2025-01-31, from the official notice cited in
data/schedules/2025.json)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import danchu
from danchu import _core

TET_2025 = [dt.date(2025, 1, d) for d in range(27, 32)]


def test_one_list_per_year_and_calendar() -> None:
    cal = danchu.Calendar.vietnam()
    first = cal.holidays(2025)
    assert cal.holidays(2025) is first
    assert danchu.Calendar.vietnam().holidays(2025) is first  # one calendar per data directory
    assert [h.date for h in first if h.holiday_id == "tet"] == TET_2025
    assert cal.entries(2025) is cal.entries(2025)
    assert len(cal.entries(2025)) == len(first) + 1  # the make-up Saturday 2025-04-26
    assert cal.holidays(2026) is not first and cal.holidays(2026).year == 2026


def test_the_kept_list_cannot_be_changed() -> None:
    hl = danchu.Calendar.vietnam().holidays(2025)
    with pytest.raises(AttributeError):
        hl.year = 2030  # type: ignore[misc]
    with pytest.raises(AttributeError):
        hl.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        hl[0] = hl[1]  # type: ignore[index]
    hl[:].clear()  # a slice is a new list
    hl.values().clear()
    assert [h.date for h in hl if h.holiday_id == "tet"] == TET_2025
    assert dt.date(2025, 1, 27) in hl and hl["2025-01-27"].holiday_id == "tet"


def test_errors_are_not_kept_as_results() -> None:
    cal = danchu.Calendar.vietnam()
    for _ in range(2):
        with pytest.raises(danchu.CalendarError, match="1899"):
            cal.holidays(1899)


def _data_with_a_bad_2024(tmp_path: Path) -> Path:
    base = danchu.data_dir()
    (tmp_path / "schedules").mkdir()
    for name in ("eras.json", "2025.json"):
        shutil.copy(base / "schedules" / name, tmp_path / "schedules" / name)
    bad = {"year": 2024, "entries": [{"date": "2024-02-30"}]}
    (tmp_path / "schedules" / "2024.json").write_text(json.dumps(bad), encoding="utf-8")
    return tmp_path


def test_one_year_reads_only_its_own_file(tmp_path: Path) -> None:
    data = _data_with_a_bad_2024(tmp_path)
    cal = danchu.Calendar.vietnam(data_dir=data)  # the bad entry is not read yet
    assert cal.has_official_schedule(2024)
    assert [h.date for h in cal.holidays(2025) if h.holiday_id == "tet"] == TET_2025
    assert all(h.derived for h in cal.holidays(2030))  # by the era's rules
    for _ in range(2):  # reported by every call that needs the file
        with pytest.raises(danchu.ParseError, match=r"2024\.json:/entries/0/date"):
            cal.holidays(2024)
    with pytest.raises(danchu.ParseError, match=r"2024\.json:/entries/0/date"):
        cal.is_working_day("2025-01-27")  # the day index needs every year
    hd = _core.calendar.HolidayData.load_directory(str(data / "schedules"))
    assert hd.official_years == [2024, 2025]
    with pytest.raises(danchu.ParseError, match=r"2024\.json:/entries/0/date"):
        hd.load_all()
