"""`danchu sample` and `danchu agenda` through the installed tool."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import danchu_exe as _cli


def test_sample_is_deterministic_and_synthetic(province: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    subprocess.run([_cli(), "sample", "-o", str(again), "--units", "120", "--seed", "7"],
                   check=True, capture_output=True)
    for rel in ["organisation.json", "evidence/2018-H1.json", "records-vn.law-10-2022.json"]:
        assert (province / rel).read_bytes() == (again / rel).read_bytes(), rel
    org = json.loads((province / "organisation.json").read_text())
    units = org["units"]
    assert len(units) == 120
    assert all(u.get("labels", {}).get("synthetic") == "true" for u in units)
    assert sum(u["kind"] == "district" for u in units) == 10


def test_sample_evidence_evaluates(province: Path) -> None:
    out = subprocess.run(
        [_cli(), "evaluate", "--pack", "vn.bac-giang.2018-05-09", "--units",
         str(province / "organisation.json"), "--evidence", str(province / "evidence/2018-H1.json"),
         "--period", "2018-H1", "--json"], check=True, capture_output=True, text=True)
    findings = json.loads(out.stdout)
    assert findings  # a findings document the scorer reads


def test_agenda_lists_overdue_and_upcoming(province: Path) -> None:
    out = subprocess.run(
        [_cli(), "agenda", "--units", str(province / "organisation.json"),
         "--records", str(province / "records-vn.decree-04-2015.json"),
         "--obligations", "vn.decree-04-2015", "--obligations", "vn.bac-giang.2018-05-09",
         "--as-of", "2018-06-14", "--format", "json"], check=True, capture_output=True, text=True)
    doc = json.loads(out.stdout)
    statuses = {i["status"] for i in doc["items"]}
    assert statuses <= {"overdue", "due_soon", "upcoming"}
    assert "due_soon" in statuses  # the 2018-H1 six-monthly reports fall due on 18 and 20 June
    for item in doc["items"]:
        if item["obligation"] == "doha-six-monthly-report" and item["occurrence"] == "2018-H1":
            assert item["due"] == "2018-06-20"


def test_agenda_reports_bad_input_in_one_line(province: Path, tmp_path: Path) -> None:
    bad = tmp_path / "records.json"
    bad.write_text('{"submissions": [{"unit": "x", "obligation": "y", "done_on": "2018-02-30"}]}')
    out = subprocess.run(
        [_cli(), "agenda", "--units", str(province / "organisation.json"), "--records", str(bad),
         "--as-of", "2018-06-14"], capture_output=True, text=True)
    assert out.returncode == 2
    assert "records.json:/submissions/0/done_on" in out.stderr
    assert "Traceback" not in out.stderr
