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
