"""The six-monthly report from the data: `danchu report` and `danchu.report.build`
(one C++ implementation), on the SYNTHETIC sample province, with bad input."""

from __future__ import annotations

import datetime
import json
import subprocess
from pathlib import Path

import pytest

import danchu
from conftest import danchu_exe as _cli
from danchu.report import Report, build


def _args(province: Path) -> list[str]:
    return ["--units", str(province / "organisation.json"),
            "--evidence", str(province / "evidence/2018-H1.json"),
            "--previous-evidence", str(province / "evidence/2017-H2.json"),
            "--previous-period", "2017-H2", "--pack", "vn.bac-giang.2018-05-09",
            "--records", str(province / "records-vn.decree-04-2015.json"),
            "--period", "2018-H1", "--as-of", "2018-06-14", "--generated-on", "2018-06-18"]


def test_cli_writes_every_format(province: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    run = subprocess.run([_cli(), "report", *_args(province), "-o", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    for name in ["report.json", "units.csv", "overdue.csv", "upcoming.csv", "report.md",
                 "report.html", "deadlines.ics"]:
        assert (out / name).stat().st_size > 0, name
    assert str(out / "report.html") in run.stdout
    assert "Tỷ lệ đạt" in run.stdout and "Vấn đề về dữ liệu" in run.stdout
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    # every unit but the provincial committee and those that sent nothing (missing reports)
    silent = doc["current"]["no_evidence"]["units"]
    assessed = 119 - len(silent)
    assert f"Đơn vị được đánh giá: {assessed}" in run.stdout
    assert doc["header"]["period"]["data_from"] == "2017-12-15"
    assert doc["header"]["period"]["data_to"] == "2018-06-14"
    assert doc["header"]["synthetic"] is True
    assert doc["previous"]["period_id"] == "2017-H2"
    assert sum(doc["current"]["band_counts"]) == doc["current"]["units_assessed"] == assessed
    assert not set(silent) & {u["id"] for u in doc["units"]}
    assert [f["id"] for f in doc["failings"]] == ["dissemination", "evaluation",
                                                   "inspection_board", "leadership"]
    assert (out / "units.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    ics = (out / "deadlines.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") == len(
        doc["schedule"]["upcoming"])
    # the same document through Python
    again = Report.load(out / "report.json")
    assert again.summary()["units_assessed"] == assessed


def test_cli_english_summary(province: Path, tmp_path: Path) -> None:
    run = subprocess.run([_cli(), "report", *_args(province), "-o", str(tmp_path), "--lang", "en"],
                         capture_output=True, text=True, check=True)
    doc = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert f"Units assessed: {119 - len(doc['current']['no_evidence']['units'])}" in run.stdout
    assert "HTML report:" in run.stdout
    assert 'lang="en"' in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_cli_bad_input_is_listed_not_fatal(province: Path, tmp_path: Path) -> None:
    ev = json.loads((province / "evidence/2018-H1.json").read_text(encoding="utf-8"))
    ev["units"]["no-such-unit"] = {"bttnd.exists": True}
    bad_ev = tmp_path / "ev.json"
    bad_ev.write_text(json.dumps(ev, ensure_ascii=False), encoding="utf-8")
    rec = {"submissions": [
        {"unit": "so-noi-vu", "obligation": "no-such-obligation", "occurrence": "2018-H1",
         "done_on": "2018-06-01"},
        {"unit": "so-noi-vu", "obligation": "unit-six-monthly-report", "occurrence": "2018-H3",
         "done_on": "2018-06-01"}]}
    bad_rec = tmp_path / "rec.json"
    bad_rec.write_text(json.dumps(rec), encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run(
        [_cli(), "report", "--units", str(province / "organisation.json"), "--evidence", str(bad_ev),
         "--pack", "vn.bac-giang.2018-05-09", "--records", str(bad_rec),
         "--records", str(tmp_path / "missing.json"), "--period", "2018-H1", "-o", str(out)],
        capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_kind = {(p["kind"], p.get("subject", "")) for p in doc["problems"]}
    assert ("unknown_unit", "no-such-unit") in by_kind
    assert ("unknown_obligation", "no-such-obligation") in by_kind
    assert ("unknown_period", "2018-H3") in by_kind
    assert any(p["kind"] == "parse" and p["source"].endswith("missing.json") for p in doc["problems"])
    assert "no-such-unit" in (out / "report.html").read_text(encoding="utf-8")


def test_cli_fails_only_when_nothing_can_be_produced(province: Path, tmp_path: Path) -> None:
    run = subprocess.run(
        [_cli(), "report", "--units", str(tmp_path / "none.json"), "--evidence",
         str(province / "evidence/2018-H1.json"), "--period", "2018-H1", "-o", str(tmp_path)],
        capture_output=True, text=True)
    assert run.returncode == 2
    assert "none.json" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run(
        [_cli(), "report", "--units", str(province / "organisation.json"), "--evidence",
         str(province / "evidence/2018-H1.json"), "--period", "2018-H7", "-o", str(tmp_path)],
        capture_output=True, text=True)
    assert run.returncode == 2
    assert "2018-H7" in run.stderr


def test_python_build_matches_the_cli(province: Path, tmp_path: Path) -> None:
    r = build(province / "organisation.json", province / "evidence/2018-H1.json", "2018-H1",
              previous_evidence=province / "evidence/2017-H2.json", previous_period="2017-H2",
              pack="vn.bac-giang.2018-05-09",
              records=[province / "records-vn.decree-04-2015.json"],
              as_of=datetime.date(2018, 6, 14), generated_on="2018-06-18")
    assert isinstance(r, Report)
    assert r.period["data_to"] == datetime.date(2018, 6, 14)
    assert r.generated_on == datetime.date(2018, 6, 18)
    assert r.synthetic
    subprocess.run([_cli(), "report", *_args(province), "-o", str(tmp_path)], check=True,
                   capture_output=True)
    assert r == Report.load(tmp_path / "report.json")
    frame = r.to_pandas()
    silent = r.summary()["no_evidence_units"]
    assert len(frame) == 119 - len(silent)  # the units that sent nothing are missing reports
    problems = r.problems()
    assert set(problems.columns) == {"kind", "source", "location", "subject", "message"}
    assert sorted(problems[problems["kind"] == "missing_evidence"]["subject"]) == sorted(silent)
    saved = r.save(tmp_path / "deadlines.ics")
    assert saved.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_python_build_errors(province: Path) -> None:
    with pytest.raises(danchu.Error):
        build(province / "organisation.json", province / "evidence/2018-H1.json", "2018-H9")
    with pytest.raises(ValueError):
        build(province / "organisation.json", province / "evidence/2018-H1.json", "2018-H1",
              as_of=20180614)  # type: ignore[arg-type]


def test_python_build_names_the_organisation_argument(province: Path) -> None:
    """`organisation` is the argument's name; `units`, the name it shipped with,
    still works as a keyword and warns that it is deprecated."""
    org, ev = province / "organisation.json", province / "evidence/2018-H1.json"
    now = build(organisation=org, evidence=ev, period="2018-H1", generated_on="2018-06-18")
    with pytest.warns(DeprecationWarning, match="`units` is deprecated; use `organisation`"):
        before = build(units=org, evidence=ev, period="2018-H1", generated_on="2018-06-18")
    assert before == now
    with pytest.raises(danchu.ArgumentError, match="not both"), pytest.warns(DeprecationWarning):
        build(org, ev, "2018-H1", units=org)
    with pytest.raises(danchu.ArgumentError, match=r"missing evidence \(or events\), period"):
        build(org)
