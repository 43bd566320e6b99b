"""Facts derived from dated events (issue 11), from Python and the command line.

The conference covering working year 2024 held on 20/03/2025 is judged in the
2025 assessment (Law 10/2022 Art. 51(1): within three months after the working
year) and passes; a unit that declares it held none fails; one that reports
nothing stays unknown.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import danchu
from conftest import danchu_exe

UNITS = {
    "units": [
        {"id": "prov", "name": "UBND tỉnh", "kind": "province", "staff": 0},
        {"id": "SNV", "name": "Sở Nội vụ", "kind": "department", "parent": "prov", "staff": 64},
        {"id": "STC", "name": "Sở Tài chính", "kind": "department", "parent": "prov", "staff": 50},
        {"id": "BV", "name": "Bệnh viện", "kind": "public_service_unit", "parent": "prov", "staff": 300},
    ]
}

EVENTS = {
    "events": [
        {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular",
         "covers_year": 2024, "form": "full", "summoned": 64, "present": 58, "votes_for": 55},
    ],
    "none": [
        {"unit": "STC", "kind": "conference_held", "from": "2025-01-01", "to": "2025-03-31",
         "note": "Chưa tổ chức hội nghị"},
    ],
}

RULE = "L10-ART51-CONF-ANNUAL"


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    units = tmp_path / "units.json"
    events = tmp_path / "events.json"
    units.write_text(json.dumps(UNITS, ensure_ascii=False), encoding="utf-8")
    events.write_text(json.dumps(EVENTS, ensure_ascii=False), encoding="utf-8")
    return units, events


def test_evidence_from_events_held_declared_none_and_not_reported(files: tuple[Path, Path]) -> None:
    units, events = files
    pack = danchu.load_pack("vn.law-10-2022")
    org = danchu.load_organisation(units)
    ev = danchu.Evidence.from_events(events, pack, org, period="2025")
    assert ev.value("SNV", "conference.held_on").isoformat() == "2025-03-20"
    assert ev.declared_none("STC", "conference.held_on")
    assert not ev.declared_none("BV", "conference.held_on")
    findings = danchu.evaluate(pack, org, ev, "2025")
    assert findings.verdict("SNV", RULE) == "pass"
    assert findings.verdict("STC", RULE) == "fail"
    assert findings.verdict("BV", RULE) == "unknown"
    x = danchu.explain(pack, org, ev, "2025", "STC", RULE)
    assert x["declared_none"] == ["conference.held_on"]
    assert x["missing"] == []


def test_the_2024_assessment_does_not_fail_the_conference_held_in_2025(files: tuple[Path, Path]) -> None:
    units, events = files
    pack = danchu.load_pack("vn.law-10-2022")
    org = danchu.load_organisation(units)
    ev = danchu.Evidence.from_events([events], pack, org, period="2024")
    assert danchu.evaluate(pack, org, ev, "2024").verdict("SNV", RULE) == "unknown"


def test_cli_evaluate_with_events(files: tuple[Path, Path]) -> None:
    units, events = files
    r = subprocess.run(
        [danchu_exe(), "evaluate", "--units", str(units), "--events", str(events), "--period", "2025",
         "--pack", "vn.law-10-2022", "--format", "json"],
        capture_output=True, text=True, check=True,
    )
    doc = json.loads(r.stdout)
    verdicts = {(f["unit"], f["rule"]): f["verdict"] for f in doc["findings"]}
    assert verdicts[("SNV", RULE)] == "pass"
    assert verdicts[("STC", RULE)] == "fail"
    assert verdicts[("BV", RULE)] == "unknown"
    x = subprocess.run(
        [danchu_exe(), "explain", "--units", str(units), "--events", str(events), "--period", "2025",
         "--pack", "vn.law-10-2022", "--unit", "STC", "--rule", RULE, "--lang", "en"],
        capture_output=True, text=True, check=True,
    )
    assert "declared none by the unit" in x.stdout


def test_cli_events_problems_are_all_listed_with_exit_2(files: tuple[Path, Path], tmp_path: Path) -> None:
    units, _ = files
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"events": [
        {"unit": "NOWHERE", "kind": "conference_held", "date": "2025-03-20", "session": "regular"},
        {"unit": "SNV", "kind": "conference_helt", "date": "2025-03-20"},
        {"unit": "SNV", "kind": "recommendation_answered", "date": "2025-03-20", "recommendation": "KN-9"},
    ]}), encoding="utf-8")
    r = subprocess.run(
        [danchu_exe(), "evaluate", "--units", str(units), "--events", str(bad), "--period", "2025",
         "--pack", "vn.law-10-2022"],
        capture_output=True, text=True,
    )
    assert r.returncode == 2
    assert "3 problem(s)" in r.stderr
    assert "NOWHERE" in r.stderr and "conference_helt" in r.stderr and "KN-9" in r.stderr
    assert "bad.json" in r.stderr


def test_cli_needs_evidence_or_events(files: tuple[Path, Path]) -> None:
    units, _ = files
    r = subprocess.run(
        [danchu_exe(), "evaluate", "--units", str(units), "--period", "2025"],
        capture_output=True, text=True,
    )
    assert r.returncode == 2
    assert "--evidence" in r.stderr and "--events" in r.stderr


# --------------------------------------------------------------------------- Events (the log itself)


def test_events_load_to_pandas_and_back(files: tuple[Path, Path]) -> None:
    units, events = files
    org = danchu.load_organisation(units)
    log = danchu.Events.load(events, org)
    assert len(log) == 1 and "conference_held" in log.kinds
    df = log.to_pandas()
    assert list(df.columns[:6]) == ["unit", "kind", "date", "id", "file", "pointer"]
    row = df.iloc[0]
    assert (row.unit, row.kind, str(row.date.date()), row.present, row.session) == (
        "SNV", "conference_held", "2025-03-20", 58, "regular")
    assert row.pointer == "/events/0" and row.file.endswith("events.json")
    nones = log.nones_to_pandas()
    assert list(nones.unit) == ["STC"] and str(nones["to"][0].date()) == "2025-03-31"
    # The same events from a table: the same facts.
    back = danchu.Events.from_dataframe(df.drop(columns=["id", "file", "pointer"]), org)
    assert len(back) == 1
    pack = danchu.load_pack("vn.law-10-2022")
    a = danchu.Evidence.from_event_log(back, pack, org, period="2025")
    b = danchu.Evidence.from_events(events, pack, org, period="2025")
    for fact in ("conference.held_on", "conference.attendance", "conference.window_to"):
        assert a.value("SNV", fact) == b.value("SNV", fact)


def test_events_from_dataframe_bad_rows_name_the_row(files: tuple[Path, Path]) -> None:
    import pandas as pd

    units, _ = files
    org = danchu.load_organisation(units)
    df = pd.DataFrame([
        {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular"},
        {"unit": "SNV", "kind": "conference_helt", "date": "2025-03-21", "session": None},
    ])
    with pytest.raises(danchu.Error, match=r"/events/1"):
        danchu.Events.from_dataframe(df, org)
    with pytest.raises(danchu.Error, match="missing columns"):
        danchu.Events.from_dataframe(df.drop(columns=["date"]), org)
    with pytest.raises(danchu.Error, match="duplicate columns"):
        danchu.Events.from_dataframe(pd.concat([df, df[["unit"]]], axis=1), org)
    with pytest.raises(danchu.Error, match="DataFrame"):
        danchu.Events.from_dataframe([{"unit": "SNV"}], org)


# --------------------------------------------------------------------------- 2023: two regimes by date

Y2023 = {
    "events": [
        {"unit": "SNV", "kind": "conference_held", "date": "2023-01-15", "session": "regular",
         "covers_year": 2022, "form": "full", "summoned": 64, "present": 58, "votes_for": 55},
        {"unit": "SNV", "kind": "briefing_held", "date": "2023-03-06"},
        {"unit": "SNV", "kind": "briefing_held", "date": "2023-09-05"},
    ],
}


def test_cli_a_2023_period_is_judged_under_both_regimes_by_date(files: tuple[Path, Path], tmp_path: Path) -> None:
    # Law 10/2022 Art. 90(1): in force from 01/07/2023; the January conference (covering 2022)
    # is judged under Circular 01/2016 Art. 3(1), and nothing falls due under Law 10 in 2023.
    units, _ = files
    events = tmp_path / "y2023.json"
    events.write_text(json.dumps(Y2023), encoding="utf-8")
    r = subprocess.run(
        [danchu_exe(), "evaluate", "--units", str(units), "--events", str(events), "--period", "2023",
         "--format", "json"],
        capture_output=True, text=True, check=True,
    )
    doc = json.loads(r.stdout)
    verdicts = {(f["unit"], f["rule"]): f["verdict"] for f in doc["findings"]}
    assert verdicts[("SNV", "D04-ART5-CONF-ANNUAL")] == "pass"
    assert verdicts[("SNV", RULE)] == "not_applicable"
    assert "vn.decree-04-2015" in doc["pack"] and "vn.law-10-2022" in doc["pack"]
    x = subprocess.run(
        [danchu_exe(), "explain", "--units", str(units), "--events", str(events), "--period", "2023",
         "--unit", "SNV", "--rule", "D04-ART5-CONF-ANNUAL", "--lang", "en"],
        capture_output=True, text=True, check=True,
    )
    assert "2023-01-01/2023-06-30" in x.stdout and "vn.decree-04-2015" in x.stdout
    # The report names both regimes with their days.
    rep = danchu.report.build(units, None, "2023", events=[events], generated_on="2024-01-15")
    names = [g["name"]["en"] for g in json.loads(rep.to_json())["header"]["regimes"]]
    assert len(names) == 2
    assert "2023-01-01 to 2023-06-30" in names[0] and "2023-07-01 to 2023-12-31" in names[1]


def test_what_if_judges_the_same_events_under_the_other_regime(files: tuple[Path, Path]) -> None:
    units, events = files
    r = subprocess.run(
        [danchu_exe(), "explain", "--units", str(units), "--events", str(events), "--period", "2025",
         "--unit", "SNV", "--rule", "D04-ART5-CONF-ANNUAL", "--what-if", "--lang", "en", "--json"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(r.stdout)["rule"] == "D04-ART5-CONF-ANNUAL"
    rep = danchu.report.build(units, None, "2025", events=[events], what_if=True, generated_on="2025-12-20")
    header = json.loads(rep.to_json())["header"]
    assert "what-if" in header["regimes"][0]["name"]["en"]
    assert header["regimes"][0]["id"] == "vn.decree-04-2015"


def test_the_report_tells_declared_none_from_not_reported(files: tuple[Path, Path]) -> None:
    # STC declared it held no conference in the window (a rule fails on it); BV said nothing.
    units, events = files
    rep = danchu.report.build(units, None, "2025", events=[events], generated_on="2025-12-20")
    rows = {u["id"]: u for u in json.loads(rep.to_json())["units"]}
    assert rows["STC"]["declared_none"] >= 1
    assert rows["SNV"]["declared_none"] == 0
    # SNV reported its conference (form, attendance, votes): fewer rules left unknown than STC's.
    assert rows["STC"]["not_reported"] > rows["SNV"]["not_reported"]
    assert "BV" not in rows  # sent nothing at all: a missing report, listed, without a row
