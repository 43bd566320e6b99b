"""danchu.schedule: obligations, records, the schedule and the agenda.

The statuses are the hand-checked ones of tests/cpp/schedule_test.cpp, here
through the Python API with the bundled civil-servant calendar.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import danchu
import danchu.schedule as dsch

D = dt.date


@pytest.fixture(scope="module")
def org():
    return danchu.load_organisation(
        [
            {"id": "prov", "name": "UBND tỉnh", "kind": "province", "staff": 0},
            {"id": "so-noi-vu", "name": "Sở Nội vụ", "kind": "department", "parent": "prov", "staff": 40,
             "labels": {"role": "home_affairs"}},
            {"id": "a", "name": "Đơn vị A", "kind": "administrative_agency", "parent": "so-noi-vu", "staff": 30},
            {"id": "b", "name": "Đơn vị B", "kind": "public_service_unit", "parent": "so-noi-vu", "staff": 50},
            {"id": "c", "name": "Đơn vị C", "kind": "school", "parent": "so-noi-vu", "staff": 20},
            {"id": "tiny", "name": "Đơn vị nhỏ", "kind": "administrative_agency", "parent": "so-noi-vu",
             "staff": 5},
        ]
    )


def row(s: dsch.Schedule, obligation: str, unit: str, key: str) -> pd.Series:
    df = s.to_pandas()
    hit = df[(df.obligation == obligation) & (df.unit == unit) & (df.occurrence == key)]
    assert len(hit) == 1, (obligation, unit, key, len(hit))
    return hit.iloc[0]


# --------------------------------------------------------------------------- obligations


def test_bundled_obligations_and_frame() -> None:
    assert {"vn.decree-04-2015", "vn.law-10-2022", "vn.bac-giang.2018-05-09"} <= set(dsch.bundled_obligations())
    obs = dsch.load_obligations("vn.decree-04-2015", "vn.bac-giang.2018-05-09")
    assert obs.sources == ["vn.decree-04-2015.obligations", "vn.bac-giang.2018-05-09.obligations"]
    assert "doha-six-monthly-report" in obs
    assert len(obs) == len(obs.ids) >= 5
    df = obs.to_pandas()
    assert list(df.index) == obs.ids
    for col in ("title_vi", "title_en", "citation", "responsible_vi", "responsible_en", "recurrence",
                "deadline", "confidence", "fulfilled_by"):
        assert col in df.columns
    doha = df.loc["doha-six-monthly-report"]
    assert doha.confidence == "uncertain"
    assert doha.recurrence == "half (decree-09-2019)"
    assert doha.deadline.startswith("on day 20 of the period's last month")
    assert doha.performed_by == "role:home_affairs"  # found by its role, like BG-2018-T5-DOHA-REPORT
    assert df.loc["extraordinary-conference", "citation"].startswith("Circular 01/2016")
    assert "<table>" in obs._repr_html_()
    assert "obligations=" in repr(obs)


def test_load_obligations_from_path_and_dict(tmp_path: Path) -> None:
    src = danchu.data_dir() / "obligations" / "vn.law-10-2022.json"
    doc = json.loads(src.read_text(encoding="utf-8"))
    by_path = dsch.load_obligations(src)
    by_dict = dsch.load_obligations(doc)
    assert by_path.ids == by_dict.ids
    # Ids must be unique across the files of one set.
    with pytest.raises(danchu.ParseError, match="already defined"):
        dsch.load_obligations("vn.law-10-2022", doc)


def test_bad_obligations_are_named() -> None:
    with pytest.raises(danchu.ArgumentError, match="no-such-set"):
        dsch.load_obligations("no-such-set")
    doc = {"id": "x", "title": {"vi": "x", "en": "x"}, "obligations": [{
        "id": "o", "title": {"vi": "a", "en": "a"}, "responsible": {"vi": "a", "en": "a"},
        "source": {"document": "d"}, "confidence": "verified", "applies_to": ["school"],
        "recurrence": {"every": "year"}, "due": {"rule": "fixed_date", "month": 13, "day": 1},
        "fulfilled_by": "f"}]}
    with pytest.raises(danchu.ParseError, match=r"/obligations/0/due/month.*from 1 to 12"):
        dsch.load_obligations(doc)
    with pytest.raises(danchu.ArgumentError):
        dsch.load_obligations()


# --------------------------------------------------------------------------- statuses


def test_law_10_2022_annual_conference(org) -> None:
    # Law 10/2022/QH15 Art. 51(1): within three months after the working year.
    rec = dsch.Records.from_dict({"submissions": [
        {"unit": "a", "obligation": "annual-conference", "occurrence": "2023", "done_on": D(2024, 2, 20),
         "document": "01/BB-HN"},
        {"unit": "b", "obligation": "annual-conference", "occurrence": "2023", "done_on": "2024-04-03"},
        {"unit": "c", "obligation": "annual-conference", "occurrence": "2023", "done_on": "2023-12-20"},
    ]})
    s = dsch.build("vn.law-10-2022", org, rec, year=2024, as_of=D(2024, 4, 10))
    a = row(s, "annual-conference", "a", "2023")
    assert a.due == pd.Timestamp("2024-03-31")  # a Sunday; statutory limit kept
    assert a.status == "done_on_time" and a.document == "01/BB-HN"
    b = row(s, "annual-conference", "b", "2023")
    assert b.status == "done_late" and b.working_days_late == 3  # Mon 1 – Wed 3 April 2024
    c = row(s, "annual-conference", "c", "2023")  # held before the window opened
    assert c.status == "overdue" and c.working_days_late == 8  # 1–5 and 8–10 April 2024
    assert len(s.problems) == 1
    assert "before the window opens on 2024-01-01" in s.problems[0][1]
    # No People's Inspection Board with 7 staff or fewer (Art. 60(1)).
    df = s.to_pandas()
    assert df[(df.unit == "tiny") & (df.obligation == "inspection-board-election")].empty
    t = row(s, "inspection-board-election", "a", "term")
    assert t.status == "unknown" and pd.isna(t.due)
    assert s.as_of == D(2024, 4, 10) and s.start == D(2024, 1, 1) and s.end == D(2024, 12, 31)


def test_bac_giang_six_monthly_reports(org) -> None:
    rec = dsch.Records.from_dict({"submissions": [
        {"unit": "so-noi-vu", "obligation": "doha-six-monthly-report", "occurrence": "2018-H1",
         "done_on": "2018-06-19", "document": "123/BC-SNV"},
        {"unit": "nowhere", "obligation": "doha-six-monthly-report", "occurrence": "2018-H1",
         "done_on": "2018-06-19"},
        {"unit": "so-noi-vu", "obligation": "no-such-obligation", "occurrence": "2018-H1",
         "done_on": "2018-06-19"},
    ]})
    s = dsch.build("vn.bac-giang.2018-05-09", org, rec, year=2018, as_of="2018-06-01")
    doha = row(s, "doha-six-monthly-report", "prov", "2018-H1")
    assert doha.due == pd.Timestamp("2018-06-20")  # Wednesday
    assert doha.opens == pd.Timestamp("2017-12-15")
    # As of 1 June the report recorded on 19 June is not sent yet (regression:
    # statuses used to count records dated after the as-of date).
    assert doha.status == "due_soon"
    later = dsch.build("vn.bac-giang.2018-05-09", org, rec, year=2018, as_of="2018-06-21")
    assert row(later, "doha-six-monthly-report", "prov", "2018-H1").status == "done_on_time"
    unit = row(s, "unit-six-monthly-report", "so-noi-vu", "2018-H1")
    assert unit.due == pd.Timestamp("2018-06-18")  # Sun 17 June -> Mon 18
    assert unit.status == "due_soon"
    h2 = row(s, "unit-six-monthly-report", "so-noi-vu", "2018-H2")
    assert h2.due == pd.Timestamp("2018-12-17") and h2.status == "upcoming"
    assert [m for _, m in s.problems] == ['unknown unit "nowhere"', 'unknown obligation "no-such-obligation"']
    assert s.problems[0][0].startswith("submission #2")
    counts = s.counts()
    assert list(counts) == list(dsch.STATUSES)
    assert sum(counts.values()) == len(s)
    assert counts["done_on_time"] == 0 and counts["due_soon"] >= 2
    # NumPy columns agree with the frame.
    assert isinstance(s.status, np.ndarray) and s.due.dtype == np.dtype("datetime64[D]")
    assert (s.to_pandas().status.astype(str).to_numpy() == s.status).all()
    assert s.due[0] <= s.due[-1]  # due-date order


def test_decree_04_extraordinary_conference_and_board_term(org) -> None:
    rec = dsch.load_records({
        "submissions": [
            {"unit": "a", "obligation": "extraordinary-conference", "occurrence": "req-1",
             "done_on": "2018-03-19"},
            {"unit": "b", "obligation": "inspection-board-election", "done_on": "2016-12-20"},
        ],
        "events": [
            {"unit": "a", "event": "extraordinary_request", "id": "req-1", "date": "2018-03-02"},
            {"unit": "a", "event": "no_such_event", "id": "x", "date": "2018-03-02"},
        ],
    })
    s = dsch.build(dsch.load_obligations("vn.decree-04-2015"), org, rec, year=2018, as_of="2019-01-10")
    x = row(s, "extraordinary-conference", "a", "req-1")
    assert x.due == pd.Timestamp("2018-03-17")  # Circular 01/2016 Art. 9(1): 15 days
    assert x.status == "done_late" and x.working_days_late == 1
    e = row(s, "inspection-board-election", "b", "term after 2016-12-20")
    assert e.due == pd.Timestamp("2018-12-20") and e.status == "overdue"
    # The civil-servant calendar: 31/12/2018 (swap) and 01/01/2019 are days off
    # and Saturday 05/01/2019 is the make-up working day (Dispatch 6519/VPCP-KGVX):
    # 21, 24–28 Dec; 2–5, 7–10 Jan.
    assert e.working_days_late == 14
    assert len(s.problems) == 1 and "no_such_event" in s.problems[0][1]


def test_calendar_changes_working_days(org) -> None:
    rec = {"submissions": [{"unit": "b", "obligation": "inspection-board-election", "done_on": "2016-12-20"}]}
    # As of 04/01/2019: 21, 24–28 Dec and 2–4 Jan on the civil-servant calendar
    # (31/12 swapped off) ...
    civil = dsch.build("vn.decree-04-2015", org, rec, year=2018, as_of="2019-01-04")
    assert row(civil, "inspection-board-election", "b", "term after 2016-12-20").working_days_late == 9
    # ... and 31/12 counts on a calendar without the civil-servant swaps.
    plain = danchu.Calendar.with_weekly_rest(["sat", "sun"])
    s = dsch.build("vn.decree-04-2015", org, rec, year=2018, as_of="2019-01-04", calendar=plain)
    assert row(s, "inspection-board-election", "b", "term after 2016-12-20").working_days_late == 10
    with pytest.raises(danchu.ArgumentError, match="calendar"):
        dsch.build("vn.decree-04-2015", org, rec, year=2018, as_of="2019-01-10", calendar="vietnam")


# --------------------------------------------------------------------------- agenda


def test_agenda_by_unit(org) -> None:
    rec = {"submissions": [{"unit": "so-noi-vu", "obligation": "doha-six-monthly-report",
                            "occurrence": "2018-H1", "done_on": "2018-06-12"}]}
    s = dsch.build(["vn.decree-04-2015", "vn.bac-giang.2018-05-09"], org, rec, year=2018, as_of="2018-05-01")
    ag = s.agenda("2018-06-14", days=30)
    assert list(ag.columns[:3]) == ["unit", "unit_name", "obligation"]
    assert set(ag.status.astype(str)) <= {"overdue", "due_soon"}
    assert (ag.days_left <= 30).all()
    assert ag.due.is_monotonic_increasing or ag.unit.is_monotonic_increasing
    assert list(ag.unit) == sorted(ag.unit)
    u = ag[(ag.unit == "so-noi-vu") & (ag.obligation == "unit-six-monthly-report")].iloc[0]
    assert u.due == pd.Timestamp("2018-06-18") and u.days_left == 4 and u.status == "due_soon"
    assert u.unit_name == "Sở Nội vụ" and u.confidence == "uncertain"
    # Done already (12 June): not on the agenda.
    assert ag[ag.obligation == "doha-six-monthly-report"].empty
    # Not yet done as of 10 June: on it (statuses are as of the agenda's date).
    assert not s.agenda("2018-06-10", days=30).query("obligation == 'doha-six-monthly-report'").empty
    # The agenda reaches past the schedule's range when asked.
    late = s.agenda("2018-12-10", days=30)
    assert (late.occurrence == "2018-H2").any()
    # Default as-of: the schedule's.
    assert s.agenda(days=365).shape[0] >= 1


# --------------------------------------------------------------------------- records round trips


def test_records_dataframe_round_trip(org) -> None:
    doc = {
        "submissions": [
            {"unit": "a", "obligation": "extraordinary-conference", "occurrence": "req-1",
             "done_on": "2018-03-19", "document": "5/BB"},
            {"unit": "b", "obligation": "inspection-board-election", "occurrence": "", "done_on": "2016-12-20"},
        ],
        "events": [{"unit": "a", "event": "extraordinary_request", "id": "req-1", "date": "2018-03-02"}],
    }
    r = dsch.Records.from_dict(doc)
    assert (r.submission_count, r.event_count, len(r)) == (2, 1, 3)
    subs, evs = r.submissions, r.events
    assert list(subs.columns) == ["unit", "obligation", "occurrence", "done_on", "document"]
    assert subs.done_on.dtype.kind == "M"
    back = dsch.Records.from_pandas(subs, evs)
    assert back.to_dict() == r.to_dict()
    # Dates as datetime.date objects and ISO strings work too.
    as_objects = subs.assign(done_on=[D(2018, 3, 19), "2016-12-20"])
    assert dsch.Records.from_pandas(as_objects, evs).to_dict() == r.to_dict()
    # The same schedule from the dict and from the frames.
    s1 = dsch.build("vn.decree-04-2015", org, r, year=2018, as_of="2019-01-10")
    s2 = dsch.build("vn.decree-04-2015", org, (subs, evs), year=2018, as_of="2019-01-10")
    pd.testing.assert_frame_equal(s1.to_pandas(), s2.to_pandas())
    # Schedule frame round trip: the done submissions come back as records.
    df = s1.to_pandas()
    done = df[df.done_on.notna()]
    again = dsch.Records.from_pandas(done)
    assert again.submission_count == len(done) == 1  # the open board term is not done
    back = again.submissions.iloc[0]
    assert (back.unit, back.obligation, back.occurrence, back.document) == (
        "a", "extraordinary-conference", "req-1", "5/BB")
    assert back.done_on == pd.Timestamp("2018-03-19")


def test_records_files(tmp_path: Path, org) -> None:
    r = dsch.Records.from_dict({"submissions": [
        {"unit": "a", "obligation": "annual-conference", "occurrence": "2018", "done_on": "2018-12-20"}]})
    path = tmp_path / "records.json"
    r.save(path)
    assert dsch.Records.load(path).to_dict() == r.to_dict()
    csv = tmp_path / "subs.csv"
    csv.write_text("unit,obligation,occurrence,done_on,document\na,annual-conference,2018,2018-12-20,\n")
    assert dsch.load_records(csv).submissions.unit.tolist() == ["a"]
    both = dsch.load_records(path, csv)
    assert both.submission_count == 2
    assert (r + r).submission_count == 2
    assert repr(both) == "Records(submissions=2, events=0)"


def test_records_bad_input_names_the_column() -> None:
    good = pd.DataFrame({"unit": ["a"], "obligation": ["annual-conference"], "occurrence": ["2018"],
                         "done_on": ["2018-12-20"]})
    with pytest.raises(danchu.ArgumentError, match="missing column 'obligation'"):
        dsch.Records.from_pandas(good.drop(columns=["obligation"]))
    with pytest.raises(danchu.ArgumentError, match="missing column 'date'"):
        dsch.Records.from_pandas(events=pd.DataFrame({"unit": ["a"], "event": ["e"], "id": ["1"]}))
    with pytest.raises(danchu.ParseError, match=r"row 1, column done_on: '2018-02-30'"):
        dsch.Records.from_pandas(pd.concat([good, good.assign(done_on="2018-02-30")]))
    with pytest.raises(danchu.ParseError, match=r"row 0, column done_on"):
        dsch.Records.from_pandas(good.assign(done_on=[None]))
    with pytest.raises(danchu.ParseError, match=r"submissions row 0, column unit.*empty"):
        dsch.Records.from_pandas(good.assign(unit=[""]))
    with pytest.raises(danchu.ParseError, match=r"/submissions/0/done_on"):
        dsch.Records.from_dict({"submissions": [{"unit": "a", "obligation": "o", "done_on": "2018-02-30"}]})
    with pytest.raises(danchu.ArgumentError, match="cannot read"):
        dsch.load_records(42)
    assert isinstance(danchu.ParseError("x"), ValueError)


def test_build_bad_arguments(org) -> None:
    with pytest.raises(danchu.CalendarError, match="as_of"):
        dsch.build("vn.decree-04-2015", org, None, year=2018, as_of="2018-02-30")
    with pytest.raises(danchu.CalendarError, match="start"):
        dsch.build("vn.decree-04-2015", org, start="2018-13-01", end="2018-12-31", as_of="2018-06-01")
    with pytest.raises(danchu.ArgumentError, match="after end"):
        dsch.build("vn.decree-04-2015", org, start="2018-12-31", end="2018-01-01", as_of="2018-06-01")
    with pytest.raises(danchu.ArgumentError, match="year=, or both"):
        dsch.build("vn.decree-04-2015", org, as_of="2018-06-01")
    with pytest.raises(danchu.ArgumentError, match="not both"):
        dsch.build("vn.decree-04-2015", org, year=2018, start="2018-01-01", as_of="2018-06-01")
    with pytest.raises(danchu.ArgumentError, match="as_of"):
        dsch.build("vn.decree-04-2015", org, year=2018, as_of=20180601)
    with pytest.raises(danchu.ArgumentError, match="due_soon_days"):
        dsch.build("vn.decree-04-2015", org, year=2018, as_of="2018-06-01", due_soon_days=-1)
    with pytest.raises(danchu.ArgumentError, match="unknown-set"):
        dsch.build("unknown-set", org, year=2018, as_of="2018-06-01")


def test_display(org) -> None:
    s = dsch.build("vn.decree-04-2015", org, None, year=2018, as_of="2018-06-01")
    text = repr(s)
    assert text.startswith("Schedule(2018-01-01..2018-12-31, as_of=2018-06-01")
    html = s._repr_html_()
    assert "quá hạn / overdue" in html and "<table>" in html
    assert len(s.unit) == len(s) == len(s.key) == len(s.working_days_late)
    with pytest.raises(AttributeError):
        _ = s.no_such_column
