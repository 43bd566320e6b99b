"""`danchu calendar` as installed with the package (src/cli/calendar.cpp)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _danchu() -> str:
    local = Path(sys.executable).parent / "danchu"
    if local.exists():
        return str(local)
    found = shutil.which("danchu")
    if not found:
        pytest.skip("the danchu command-line tool is not installed next to this Python")
    return found


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_danchu(), *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=120)


def test_calendar_2026_in_vietnamese() -> None:
    r = _run("calendar", "2026")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Lịch làm việc năm 2026" in out
    assert "16/02/2026" in out and "Tết Nguyên đán" in out
    assert "10/01/2026" in out and "làm bù" in out          # make-up Saturday
    assert "31/08/2026" in out and "nghỉ hoán đổi" in out    # swapped day off
    assert "Số ngày làm việc trong năm: 250" in out
    # Decree 09 deadlines (brief §1.6): 25/04/2026 is a Saturday, kept by default
    assert "Quý 1/2026" in out and "hạn 25/03/2026" in out
    assert "hạn 25/04/2026 (Thứ Bảy, ngày nghỉ)" in out


def test_calendar_english_and_policy() -> None:
    r = _run("calendar", "2026", "--lang", "en", "--policy", "next_working_day")
    assert r.returncode == 0, r.stderr
    assert "National Day (2 September)" in r.stdout
    assert "due 28/04/2026 (Tue, moved from 25/04/2026)" in r.stdout


def test_calendar_derived_year_says_so() -> None:
    r = _run("calendar", "2031", "--lang", "en", "--no-deadlines")
    assert r.returncode == 0, r.stderr
    assert "No official notice yet" in r.stdout
    assert "Report periods" not in r.stdout


def test_calendar_ics(tmp_path: Path) -> None:
    import icalendar

    path = tmp_path / "lich-2026.ics"
    r = _run("calendar", "2026", "-o", str(path))  # --ics is the older name of -o
    assert r.returncode == 0, r.stderr
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 16 + 19  # 16 entries, 12 + 4 + 2 + 1 deadlines
    assert any(str(e["UID"]) == "decree-09-2019-2026-Q2-deadline@danchu" for e in events)


def test_calendar_bad_input() -> None:
    r = _run("calendar", "2300")
    assert r.returncode == 2
    assert "[danchu.calendar] year 2300 is outside 1900..2199" in r.stderr
    r = _run("calendar", "2026", "--regime", "nope")
    assert r.returncode == 2 and "known regimes are" in r.stderr
