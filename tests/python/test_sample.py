"""danchu.sample: the SYNTHETIC sample province from Python, and that it is the
same data `danchu sample` writes (one C++ implementation)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import danchu
import danchu.sample as ds
import danchu.schedule as dsch


@pytest.fixture(scope="module")
def org():
    return ds.province(units=120, seed=7)


def test_province_shape_and_determinism(org) -> None:
    assert len(org) == 120
    units = ds.units_frame(org)
    assert list(units.index) == list(org.ids)
    assert (units.kind == "district").sum() == 10
    assert (units.kind == "department").sum() == 20
    assert (units.kind == "province").sum() == 1
    assert (units.synthetic == "true").all()
    assert units.loc["so-noi-vu", "role"] == "home_affairs"
    assert units.district.nunique() == 11  # ten districts and "cấp tỉnh"
    again = ds.units_frame(ds.province(units=120, seed=7))
    assert again.equals(units)
    other = ds.units_frame(ds.province(units=120, seed=8))
    assert list(other.index) == list(units.index)  # same tree
    assert not np.array_equal(other.staff.to_numpy(), units.staff.to_numpy())  # other staff counts
    assert len(ds.province()) == 330


def test_province_bad_arguments() -> None:
    with pytest.raises(danchu.ArgumentError, match="at least 31"):
        ds.province(units=10)
    with pytest.raises(danchu.ArgumentError, match="seed"):
        ds.province(seed=-1)
    with pytest.raises(danchu.ArgumentError, match="units"):
        ds.province(units="many")


def test_evidence_evaluates_with_the_bundled_packs(org) -> None:
    ev = ds.evidence(org, "2018-H1", seed=7)
    assert ev.period == "2018-H1"
    assert list(ev.unit_ids) == list(org.ids)  # columnar over the organisation
    assert len(ev) > 50 * 100  # tens of facts for each unit that reported
    assert ev.value("bac-giang", "conference.held_on") is None  # the province itself sends none
    again = ds.evidence(org, "2018-H1", seed=7)
    assert len(again) == len(ev)
    assert again.value("so-noi-vu", "conference.held_on") == ev.value("so-noi-vu", "conference.held_on")
    assert len(ds.evidence(org, "2018-H1", seed=8)) != len(ev)
    findings = danchu.evaluate("vn.bac-giang.2018-05-09", org, ev, "2018-H1")
    v = findings.verdict_codes
    assert v.shape[0] == len(findings.unit_ids)
    assert (v == 0).any() and (v == 1).any()  # a realistic mix of pass and fail
    # Law 10/2022 evidence for 2024-H1, checked against its pack by default.
    ev24 = ds.evidence(org, "2024-H1", seed=7)
    f24 = danchu.evaluate("vn.law-10-2022", org, ev24, "2024-H1")
    assert (f24.verdict_codes == 0).any()
    with pytest.raises(danchu.ArgumentError, match="2018-H3"):
        ds.evidence(org, "2018-H3")


def test_records_feed_the_schedule(org) -> None:
    rec = ds.records(org, "vn.decree-04-2015", seed=7)
    assert rec.submission_count > 0 and rec.event_count > 0
    subs = rec.submissions
    assert set(subs.obligation) >= {"annual-conference", "unit-six-monthly-report", "doha-six-monthly-report"}
    assert set(subs.unit) <= set(org.ids)
    assert rec.to_dict() == ds.records(org, "decree-04-2015", seed=7).to_dict()
    l10 = ds.records(org, "vn.law-10-2022", seed=7)
    assert "resolution-check" in set(l10.submissions.obligation)
    s = dsch.build(["vn.decree-04-2015", "vn.bac-giang.2018-05-09"], org, rec, year=2018, as_of="2018-06-14")
    counts = s.counts()
    assert counts["done_on_time"] > 0 and counts["done_late"] > 0 and counts["due_soon"] > 0
    ag = s.agenda(days=30)
    doha = ag[(ag.obligation == "doha-six-monthly-report") & (ag.occurrence == "2018-H1")]
    assert doha.empty or (doha.due == np.datetime64("2018-06-20")).all()
    with pytest.raises(danchu.ArgumentError, match="regime"):
        ds.records(org, "vn.bac-giang.2018-05-09")


def _cli() -> str:
    exe = shutil.which("danchu", path=str(Path(sys.executable).parent))
    assert exe is not None
    return exe


def test_write_matches_the_command_line(tmp_path: Path, org) -> None:
    summary = ds.write(tmp_path / "py", units=120, seed=7)
    assert summary["units"] == 120 and summary["periods"] == len(ds.STANDARD_PERIODS) == 8
    assert summary["synthetic"] is True
    assert len(summary["files"]) == 1 + 8 + 2 + 1 + 8  # + events.json, facts/<half-year>.json
    subprocess.run([_cli(), "sample", "-o", str(tmp_path / "cli"), "--units", "120", "--seed", "7"],
                   check=True, capture_output=True)
    for f in summary["files"]:
        rel = f.relative_to(tmp_path / "py")
        assert f.read_bytes() == (tmp_path / "cli" / rel).read_bytes(), rel
    # The in-memory generators give the same data as the files.
    on_disk = json.loads((tmp_path / "py" / "records-vn.decree-04-2015.json").read_text(encoding="utf-8"))
    assert ds.records(org, "vn.decree-04-2015", seed=7).to_dict() == on_disk
    ev_doc = json.loads((tmp_path / "py" / "evidence" / "2018-H1.json").read_text(encoding="utf-8"))
    ev = ds.evidence(org, "2018-H1", seed=7)
    assert len(ev) == sum(len(v) for v in ev_doc["units"].values())
    silent = sorted(set(org.ids) - set(ev_doc["units"]))
    assert "bac-giang" in silent
    unit = "so-noi-vu" if "so-noi-vu" in ev_doc["units"] else next(iter(ev_doc["units"]))
    for fact, value in ev_doc["units"][unit].items():
        got = ev.value(unit, fact)
        if isinstance(got, list):
            got = [g.isoformat() if hasattr(g, "isoformat") else g for g in got]
        elif hasattr(got, "isoformat"):
            got = got.isoformat()
        assert got == value, fact
        assert all(ev.value(u, fact) is None for u in silent)
    loaded = danchu.load_organisation(tmp_path / "py" / "organisation.json")
    assert list(loaded.ids) == list(org.ids)
