"""Python API of the calendar engine: lunar calendar, holidays, working days,
report periods and iCalendar export.

Vectors come from the calendar brief (kept in the tests so CI needs only the
repository): §2.4 (official 2018-2026 schedules, sources per row in
data/schedules/*.json), §1.6 (2026 Decree 09 periods, [D4]-[D6]), §3.2-§3.4
(lunar dates, [P2])."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import danchu
from danchu import lunar

D = dt.date


@pytest.fixture(scope="module")
def cal() -> danchu.Calendar:
    return danchu.Calendar.vietnam()


# --- lunar ------------------------------------------------------------------

@pytest.mark.parametrize(
    "year,tet",
    [(1985, D(1985, 1, 21)), (2007, D(2007, 2, 17)), (2030, D(2030, 2, 2)),
     (2053, D(2053, 2, 18)), (1968, D(1968, 1, 29)), (2026, D(2026, 2, 17))],
)
def test_tet_vietnamese_dates(year: int, tet: dt.date) -> None:  # brief §3.2, [P2]
    assert lunar.lunar_new_year(year) == tet
    assert lunar.to_solar(year, 1, 1) == tet
    ld = lunar.to_lunar(tet)
    assert (ld.year, ld.month, ld.day, ld.leap) == (year, 1, 1, False)


@pytest.mark.parametrize(
    "day", [D(2009, 4, 4), D(2037, 4, 24), D(2038, 4, 13), D(2026, 4, 26)]
)
def test_hung_kings(day: dt.date) -> None:  # brief §3.2 and §3.4, [P2]
    assert lunar.to_solar(day.year, 3, 10) == day
    assert lunar.to_lunar(day.isoformat()) == lunar.LunarDate(day.year, 3, 10)


def test_lunar_errors_name_the_value() -> None:
    with pytest.raises(danchu.CalendarError, match="no leap month 3"):
        lunar.to_solar(2026, 3, 1, leap=True)
    with pytest.raises(danchu.CalendarError, match="2300"):
        lunar.to_solar(2300, 1, 1)
    with pytest.raises(danchu.CalendarError, match="2026-02-30"):
        lunar.to_lunar("2026-02-30")
    with pytest.raises(ValueError):  # every danchu error is a ValueError
        lunar.to_lunar(D(1899, 12, 31))
    assert lunar.to_solar(2025, 6, 1, leap=True) > lunar.to_solar(2025, 6, 1)


def test_lunar_vectorised_round_trip() -> None:
    days = np.arange(np.datetime64("1900-01-01"), np.datetime64("2200-01-01"))
    y, m, d, leap = lunar.to_lunar_array(days)
    assert len(y) == len(days) == 109573
    # spot-check against the scalar form and round-trip a sample through to_solar
    for i in range(0, len(days), 997):
        day = days[i].astype(object)
        assert lunar.to_solar(int(y[i]), int(m[i]), int(d[i]), bool(leap[i])) == day
    # the vectorised inverse gives back every day of 1900-2199
    assert (lunar.to_solar_array(y, m, d, leap) == days).all()


def test_to_solar_array_checks_each_date() -> None:
    # Tết 2026 is 2026-02-17 (docs/calendar.md); scalars broadcast
    assert lunar.to_solar_array(2026, 1, [1, 2]).tolist() == [D(2026, 2, 17), D(2026, 2, 18)]
    assert lunar.to_solar_array([2025], [6], [1], [True])[0] == np.datetime64(lunar.to_solar(2025, 6, 1, True))
    with pytest.raises(danchu.CalendarError, match="element 1"):
        lunar.to_solar_array([2026, 2026], [1, 1], [1, 31])
    assert lunar.leap_month(2026) != 1  # no leap 1st month in 2026: both forms refuse it
    with pytest.raises(danchu.CalendarError):
        lunar.to_solar(2026, 1, 1, True)
    with pytest.raises(danchu.CalendarError, match="element 0"):
        lunar.to_solar_array([2026], [1], [1], [True])


# --- holidays ---------------------------------------------------------------

BRIEF_2_4 = {  # brief §2.4 verbatim (one row a year, as written there)
    2018: "off 2018-02-14..2018-02-16, 2018-02-19, 2018-02-20 | 2018-04-25 | 2018-04-30, 2018-05-01 | 2018-09-03 (comp) | 2018-12-31 (swap)",  # noqa: E501
    2019: "work 2019-01-05 | off 2019-02-04..2019-02-08 | 2019-04-15 (comp) | 2019-04-29 (swap), 2019-04-30, 2019-05-01 | work 2019-05-04 | off 2019-09-02",  # noqa: E501
    2020: "off 2020-01-23, 2020-01-24, 2020-01-27..2020-01-29 | 2020-04-02 | 2020-04-30, 2020-05-01 | 2020-09-02",
    2021: "off 2021-02-10..2021-02-12, 2021-02-15, 2021-02-16 | 2021-04-21 | 2021-04-30, 2021-05-03 (comp) | 2021-09-02, 2021-09-03",  # noqa: E501
    2022: "off 2022-01-31..2022-02-04 | 2022-04-11 (comp) | 2022-05-02, 2022-05-03 (comp) | 2022-09-01, 2022-09-02",
    2023: "off 2023-01-20, 2023-01-23..2023-01-26 | 2023-05-01, 2023-05-02 (comp), 2023-05-03 (comp) | 2023-09-01, 2023-09-04 (comp)",  # noqa: E501
    2024: "off 2024-02-08, 2024-02-09, 2024-02-12..2024-02-14 | 2024-04-18 | 2024-04-29 (swap), 2024-04-30, 2024-05-01 | work 2024-05-04 | off 2024-09-02, 2024-09-03",  # noqa: E501
    2025: "work 2025-04-26 | off 2025-01-27..2025-01-31 | 2025-04-07 | 2025-04-30, 2025-05-01, 2025-05-02 (swap) | 2025-09-01, 2025-09-02",  # noqa: E501
    2026: "off 2026-01-02 (swap) | work 2026-01-10 | off 2026-02-16..2026-02-20 | 2026-04-27 (comp) | 2026-04-30, 2026-05-01 | work 2026-08-22 | off 2026-08-31 (swap), 2026-09-01, 2026-09-02",  # noqa: E501
}
# New Year weekdays off, left out of the §2.4 rows: 1/1 on a weekday (Labour
# Code), compensatory Mondays 03/01/2022 and 02/01/2023 ([P5], [H40]).
NEW_YEAR = ["2018-01-01", "2019-01-01", "2020-01-01", "2021-01-01", "2022-01-03",
            "2023-01-02", "2024-01-01", "2025-01-01", "2026-01-01"]


def _parse(row: str) -> tuple[set[dt.date], set[dt.date]]:
    off: set[dt.date] = set()
    work: set[dt.date] = set()
    target = off
    for tok in row.replace("|", " ").replace(",", " ").split():
        if tok == "off":
            target = off
        elif tok == "work":
            target = work
        elif tok.startswith("("):
            continue
        elif ".." in tok:
            a, b = (D.fromisoformat(x) for x in tok.split(".."))
            target.update(a + dt.timedelta(i) for i in range((b - a).days + 1))
        else:
            target.add(D.fromisoformat(tok))
    return off, work


@pytest.mark.parametrize("year", sorted(BRIEF_2_4))
def test_every_day_matches_brief_2_4(cal: danchu.Calendar, year: int) -> None:
    off, work = _parse(BRIEF_2_4[year])
    off |= {D.fromisoformat(s) for s in NEW_YEAR if s.startswith(str(year))}
    days = np.arange(np.datetime64(f"{year}-01-01"), np.datetime64(f"{year + 1}-01-01"))
    got = cal.is_working_day(days)
    for day, flag in zip(days.astype(object), got):
        expected = (day.weekday() < 5 and day not in off) or day in work
        assert bool(flag) == expected, day
        assert cal.is_working_day(day) == expected


def test_holidays_items_and_dict_lookup(cal: danchu.Calendar) -> None:
    hs = cal.holidays(2026)
    assert len(hs) == 14
    assert D(2026, 4, 26) in hs and "2026-04-27" in hs
    assert D(2026, 3, 3) not in hs
    h = hs["2026-04-27"]
    assert (h.date, h.kind, h.holiday_id) == (D(2026, 4, 27), "compensatory", "hung-kings")
    assert hs[D(2026, 1, 1)].name_vi == "Tết Dương lịch"
    assert hs[0].name_en == "New Year's Day"
    assert hs.get("2026-03-03") is None
    with pytest.raises(KeyError):
        hs["2026-03-03"]
    assert {h.kind for h in hs} == {"statutory", "compensatory", "swapped_day_off"}
    makeups = [e for e in cal.entries(2026) if e.kind == "makeup_working_day"]
    assert [e.date for e in makeups] == [D(2026, 1, 10), D(2026, 8, 22)]
    df = hs.to_pandas()
    assert list(df.columns[:3]) == ["date", "kind", "holiday"] and len(df) == 14
    assert "<table>" in hs._repr_html_() and "Quốc khánh" in repr(hs)
    derived = cal.holidays(2030)
    assert all(h.derived for h in derived) and not cal.has_official_schedule(2030)


def test_holiday_arrays_batch_form(cal: danchu.Calendar) -> None:
    arr = cal.holiday_arrays(2018, 2026)
    listed = [h for y in range(2018, 2027) for h in cal.holidays(y)]
    assert arr.date.dtype == np.dtype("datetime64[D]")
    assert arr.date.astype(object).tolist() == [h.date for h in listed]
    assert arr.kind.tolist() == [h.kind for h in listed]
    assert arr.name_vi.tolist() == [h.name_vi for h in listed]
    assert arr.holiday_id.tolist() == [h.holiday_id for h in listed]
    full = cal.holiday_arrays(2026, days_off_only=False)
    assert "makeup_working_day" in set(full.kind) and len(full.date) == 16
    assert len(cal.holiday_arrays(1901, 2100).date) > 2000
    assert list(full.to_pandas().columns) == ["date", "kind", "holiday_id", "name_vi", "name_en"]


def test_working_day_arithmetic(cal: danchu.Calendar) -> None:
    assert cal.add_working_days("2024-04-26", 1) == D(2024, 5, 2)
    assert cal.add_working_days(D(2024, 5, 3), 1) == D(2024, 5, 4)  # make-up Saturday
    assert cal.add_working_days("2026-02-23", -1) == D(2026, 2, 13)
    assert cal.next_working_day("2026-02-13") == D(2026, 2, 23)
    assert cal.previous_working_day("2026-02-23") == D(2026, 2, 13)
    assert cal.working_days_between("2026-02-13", "2026-02-23") == 1
    assert cal.working_days_between("2025-12-31", "2026-12-31") == 250
    assert cal.add_working_days(np.datetime64("2026-02-13"), 1) == D(2026, 2, 23)


def test_vectorised_forms(cal: danchu.Calendar) -> None:
    dates = np.array(["2026-02-13", "2026-02-14", "2024-05-03"], dtype="datetime64[D]")
    assert cal.is_working_day(dates).tolist() == [True, False, True]
    assert cal.is_working_day(["2026-01-10", D(2026, 1, 2)]).tolist() == [True, False]
    out = cal.add_working_days(dates, 1)
    assert out.dtype == np.dtype("datetime64[D]")
    assert out.tolist() == [D(2026, 2, 23), D(2026, 2, 23), D(2024, 5, 4)]
    assert cal.add_working_days(dates, np.array([1, 2, -1])).tolist() == [
        D(2026, 2, 23), D(2026, 2, 24), D(2024, 5, 2)]
    n = cal.working_days_between(dates, np.datetime64("2026-02-23"))
    assert n.tolist()[:2] == [1, 1]
    assert cal.add_working_days("2026-02-13", [1, 2]).tolist() == [D(2026, 2, 23), D(2026, 2, 24)]
    ints = dates.astype(np.int64)
    assert cal.is_working_day(ints).tolist() == [True, False, True]
    import pandas as pd
    s = pd.Series(pd.to_datetime(["2026-02-13", "2026-02-14"]))
    assert cal.is_working_day(s).tolist() == [True, False]
    with pytest.raises(danchu.ArgumentError, match="counts for"):
        cal.add_working_days(dates, np.array([1, 2]))
    with pytest.raises(danchu.CalendarError, match="outside"):
        cal.is_working_day(np.array(["2300-01-01"], dtype="datetime64[D]"))


def test_custom_weekly_rest() -> None:
    c = danchu.Calendar.with_weekly_rest(["sun"])
    assert not c.is_civil_servant and c.rest_days == ["sun"]
    assert c.is_working_day("2026-03-07")  # Saturday
    assert c.is_working_day("2026-01-02")  # no civil-servant swap
    assert not c.is_working_day("2026-04-27")  # compensatory for Sunday 26/04
    with pytest.raises(danchu.ArgumentError, match="weekly rest day"):
        danchu.Calendar.with_weekly_rest(["sunday"])


def test_user_adds_a_year(tmp_path) -> None:
    f = tmp_path / "2027.json"
    f.write_text(
        '{"year": 2027, "entries": [{"date": "2027-02-13", "kind": "makeup_working_day",'
        ' "holiday": "tet", "name": {"vi": "Làm bù", "en": "Make-up day"},'
        ' "source": {"document": "Test notice"}, "confidence": "uncertain"}]}',
        encoding="utf-8",
    )
    c = danchu.Calendar.vietnam(extra_files=[f])
    assert c.has_official_schedule(2027) and c.is_working_day("2027-02-13")
    bad = tmp_path / "bad.json"
    bad.write_text('{"year": 2027, "entries": [{"date": "2027-13-01"}]}', encoding="utf-8")
    with pytest.raises(danchu.ParseError, match=r"bad\.json:/entries/0/date"):
        danchu.Calendar.vietnam(extra_files=[bad])


def test_bad_dates_raise_calendar_error(cal: danchu.Calendar) -> None:
    with pytest.raises(danchu.CalendarError, match="2026-02-30"):
        cal.is_working_day("2026-02-30")
    with pytest.raises(danchu.CalendarError, match="1899"):
        cal.holidays(1899)
    with pytest.raises(danchu.CalendarError, match="goes past"):
        cal.add_working_days("2199-12-01", 100)


# --- Hypothesis: working-day arithmetic --------------------------------------

dates = st.dates(min_value=D(1902, 1, 1), max_value=D(2197, 12, 31))


@settings(max_examples=300, deadline=None)
@given(d=dates, n=st.integers(min_value=0, max_value=500))
def test_add_then_count_is_identity(d: dt.date, n: int) -> None:
    cal = danchu.Calendar.vietnam()
    r = cal.add_working_days(d, n)
    assert cal.working_days_between(d, r) == n
    if n > 0:
        assert cal.is_working_day(r) and r > d


@settings(max_examples=300, deadline=None)
@given(d=dates, n=st.integers(min_value=1, max_value=500))
def test_backwards_inverts_forwards_from_a_working_day(d: dt.date, n: int) -> None:
    cal = danchu.Calendar.vietnam()
    w = cal.roll_forward(d)
    assert cal.is_working_day(w) and w >= d
    assert cal.add_working_days(cal.add_working_days(w, n), -n) == w


@settings(max_examples=200, deadline=None)
@given(a=dates, b=dates, c=dates)
def test_count_is_additive_and_antisymmetric(a: dt.date, b: dt.date, c: dt.date) -> None:
    cal = danchu.Calendar.vietnam()
    assert cal.working_days_between(a, b) == -cal.working_days_between(b, a)
    assert cal.working_days_between(a, c) == (
        cal.working_days_between(a, b) + cal.working_days_between(b, c))
    span = abs((b - a).days)
    assert abs(cal.working_days_between(a, b)) <= span


@settings(max_examples=100, deadline=None)
@given(d=st.dates(min_value=D(1900, 1, 1), max_value=D(2199, 12, 31)))
def test_lunar_round_trip(d: dt.date) -> None:
    ld = lunar.to_lunar(d)
    assert lunar.to_solar(ld.year, ld.month, ld.day, ld.leap) == d
    assert 1 <= ld.day <= lunar.lunar_month_length(ld.year, ld.month, ld.leap)


# --- report periods -----------------------------------------------------------

BRIEF_1_6 = [  # brief §1.6: kind, index, start, end, deadline, weekday
    ("month", 3, "2026-02-15", "2026-03-14", "2026-03-25", "Wed"),
    ("month", 4, "2026-03-15", "2026-04-14", "2026-04-25", "Sat"),
    ("quarter", 1, "2025-12-15", "2026-03-14", "2026-03-25", "Wed"),
    ("quarter", 2, "2026-03-15", "2026-06-14", "2026-06-25", "Thu"),
    ("quarter", 3, "2026-06-15", "2026-09-14", "2026-09-25", "Fri"),
    ("quarter", 4, "2026-09-15", "2026-12-14", "2026-12-25", "Fri"),
    ("half", 1, "2025-12-15", "2026-06-14", "2026-06-25", "Thu"),
    ("half", 2, "2026-06-15", "2026-12-14", "2026-12-25", "Fri"),
    ("year", None, "2025-12-15", "2026-12-14", "2026-12-25", "Fri"),
]


@pytest.mark.parametrize("kind,index,start,end,deadline,wd", BRIEF_1_6)
def test_report_periods_2026(kind, index, start, end, deadline, wd) -> None:
    p = danchu.report_period(kind, 2026, index)
    assert p.start == D.fromisoformat(start)
    assert p.end == D.fromisoformat(end)
    assert p.deadline == D.fromisoformat(deadline)
    assert p.deadline.strftime("%a") == wd
    assert p.working_days_after_cutoff >= 1  # Decree 09 Art. 8(5)(b)


def test_report_period_policies_and_regimes() -> None:
    assert danchu.report_period("month", 2026, 4, policy="next_working_day").deadline == D(2026, 4, 28)
    assert danchu.report_period("month", 2026, 4, policy="previous_working_day").deadline == D(2026, 4, 24)
    stat = danchu.report_period("month", 2028, 2, regime="statistical-calendar")
    assert (stat.start, stat.end, stat.deadline) == (D(2028, 2, 1), D(2028, 2, 29), None)
    assert danchu.report_period("quarter", 2026, 1, regime="moha-581-admin-reform").deadline == D(2026, 3, 20)
    assert len(danchu.report_periods("month", 2026)) == 12
    assert "2026-H1" in repr(danchu.report_period("half", 2026, 1))
    with pytest.raises(danchu.ArgumentError, match="index is required"):
        danchu.report_period("quarter", 2026)
    with pytest.raises(danchu.ArgumentError, match=r"must be 1\.\.4"):
        danchu.report_period("quarter", 2026, 5)
    with pytest.raises(danchu.ArgumentError, match="expected one of month, quarter, half, year"):
        danchu.report_period("week", 2026, 1)
    with pytest.raises(danchu.ArgumentError, match="known regimes are"):
        danchu.report_period("year", 2026, regime="nope")
    with pytest.raises(danchu.ArgumentError, match="expected one of keep"):
        danchu.report_period("year", 2026, policy="roll")


# --- iCalendar -------------------------------------------------------------------

def test_ical_parses_with_icalendar(cal: danchu.Calendar, tmp_path) -> None:
    import icalendar

    path = tmp_path / "2026.ics"
    text = cal.to_ical(2026, path=path, dtstamp="20261127T120000Z")
    raw = path.read_bytes()
    assert raw.decode("utf-8") == text
    assert all(line.endswith(b"\r") for line in raw.split(b"\n")[:-1])
    assert all(len(line.rstrip(b"\r")) <= 75 for line in raw.split(b"\n"))
    parsed = icalendar.Calendar.from_ical(raw)
    events = list(parsed.walk("VEVENT"))
    # 16 entries (14 days off + 2 make-up Saturdays) + 12 + 4 + 2 + 1 deadlines
    assert len(events) == 16 + 19
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    by_uid = {str(e["UID"]): e for e in events}
    tet = by_uid["2026-02-16-statutory-tet@danchu"]
    assert tet.decoded("DTSTART") == D(2026, 2, 16)
    assert tet.decoded("DTEND") == D(2026, 2, 17)
    assert str(tet["SUMMARY"]) == "Tết Nguyên đán"
    h1 = by_uid["decree-09-2019-2026-H1-deadline@danchu"]
    assert h1.decoded("DTSTART") == D(2026, 6, 25)
    assert "2025-12-15" in str(h1["DESCRIPTION"])
    en = icalendar.Calendar.from_ical(cal.to_ical([2025, 2026], regime=None, lang="en"))
    summaries = [str(e["SUMMARY"]) for e in en.walk("VEVENT")]
    assert "Victory Day (30 April)" in summaries and len(summaries) == 13 + 16


# --- data files against their JSON Schemas ------------------------------------

def test_schedule_and_regime_files_match_their_schemas() -> None:
    import json

    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource

    base = danchu.data_dir()
    resources = []
    for f in (base / "schemas").glob("*.schema.json"):
        doc = json.loads(f.read_text(encoding="utf-8"))
        resources.append((doc["$id"], Resource.from_contents(doc)))
    registry = Registry().with_resources(resources)
    checked = 0
    for kind, folder in (("schedule", "schedules"), ("regime", "regimes")):
        schema = json.loads((base / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, registry=registry)
        for f in sorted((base / folder).glob("*.json")):
            errors = [e.message for e in validator.iter_errors(json.loads(f.read_text(encoding="utf-8")))]
            assert errors == [], f"{f.name}: {errors}"
            checked += 1
    assert checked >= 13  # eras + 2018..2026 + 3 regimes
    # and the schema rejects what the loader rejects
    schema = json.loads((base / "schemas" / "schedule.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    bad = {"year": 2030, "entries": [{"date": "2030-01-01", "kind": "holiday", "holiday": "x",
                                      "name": {"vi": "x", "en": "x"},
                                      "source": {"document": "d"}, "confidence": "verified"}]}
    assert list(validator.iter_errors(bad))


def test_ical_rejects_a_dtstamp_that_is_not_a_utc_time(cal: danchu.Calendar) -> None:
    # Regression (issue 15, item 15): a DTSTAMP holding CR LF was written as is.
    with pytest.raises(danchu.Error, match="expected a UTC time YYYYMMDDTHHMMSSZ"):
        cal.to_ical(2026, dtstamp="20260101T000000Z\r\nX-EVIL:1")
    assert "DTSTAMP:20260101T000000Z\r\n" in cal.to_ical(2026, dtstamp="20260101T000000Z")
