"""Python values that danchu writes as JSON on their way to C++ (issue 15, item 14):
NumPy scalars and dates, sets and bytes in the dicts users pass (evidence, packs,
schemes, assessments, obligations, records, reports), and verdict codes in
arrays. Each converts correctly or raises danchu.Error naming its place; none
raises a bare TypeError or turns into something else."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

import danchu
import danchu.scoring as ds
from danchu.report import Report
from danchu.schedule import Records, load_obligations

ONE_CRITERION = {
    "id": "one",
    "title": {"vi": "một", "en": "one"},
    "kind": "scorecard",
    "criteria": [{"id": "all", "title": {"vi": "tổng", "en": "all"}, "max_points": 100,
                  "from": "self"}],
    "bands": [{"id": "dat", "name": {"vi": "Đạt", "en": "Pass"}, "min": 50, "source": {"document": "t"}},
              {"id": "khong_dat", "name": {"vi": "Không đạt", "en": "Fail"}}],
    "ineligible": [{"id": "discipline", "title": {"vi": "kỷ luật", "en": "discipline"},
                    "source": {"document": "t"}}],
}


@pytest.fixture(scope="module")
def d04() -> danchu.rules.Pack:
    return danchu.load_pack("vn.decree-04-2015")


@pytest.fixture(scope="module")
def org() -> object:
    return danchu.load_organisation(
        [{"id": "SNV", "name": "Sở Nội vụ", "kind": "department", "staff": 64}])


def test_scoring_inputs_take_numpy_values_and_name_what_json_cannot_hold() -> None:
    # Before: json.dumps raised TypeError (np.int64, np.bool_, bytes, sets).
    scheme = ds.parse_scheme(dict(ONE_CRITERION, max_points=np.int64(100),
                                  criteria=[dict(ONE_CRITERION["criteria"][0], max_points=np.int64(100),
                                                 bonus=np.bool_(False))]))
    assert scheme.main_maximum == 100
    t = ds.findings_table([], ["A"], np.zeros((1, 0), dtype=np.uint8))
    a = ds.assessment(
        points=[{"unit": np.str_("A"), "criterion": "all", "points": np.int64(72), "kind": "self"}],
        ineligible=[{"unit": "A", "condition": "discipline", "who": "Sở Nội vụ",
                     "date": np.datetime64("2025-10-01T09:30"), "reason": "khiển trách"}],
    )
    card = ds.score(scheme, t, a)
    assert card.self_totals[0] == 72
    assert card.declarations[0]["date"] == "2025-10-01"
    with pytest.raises(danchu.ArgumentError, match=r"points\[0\]\.reason: bytes are not text"):
        ds.assessment(points=[{"unit": "A", "criterion": "all", "points": 1, "kind": "self",
                               "reason": b"\xc4\x91"}])
    # a set is written as a sorted list, which the scheme's reader then refuses by pointer
    with pytest.raises(danchu.ParseError, match=r"s\.json:/criteria/0/title"):
        ds.parse_scheme(dict(ONE_CRITERION, criteria=[dict(ONE_CRITERION["criteria"][0],
                                                           title={"vi", "en"})]), "s.json")
    with pytest.raises(danchu.ArgumentError, match=r"points\[0\]\.date: NaT"):
        ds.assessment(points=[{"unit": "A", "date": np.datetime64("NaT")}])
    with pytest.raises(danchu.ArgumentError, match=r"points\[0\]\.who: object .* cannot be written as JSON"):
        ds.assessment(points=[{"unit": "A", "who": object()}])


def test_evidence_and_packs_from_dicts_take_numpy_values_sets_and_refuse_bytes(d04, org) -> None:
    ev = danchu.Evidence.from_dict(
        {"SNV": {"conference.held_on": np.datetime64("2018-01-12"),
                 "conference.prep_meeting_held": np.bool_(True),
                 "conference.summoned": np.int64(64),
                 "conference.attendance": np.float64(60.0)}},
        d04, org, period=2018)
    assert ev.value("SNV", "conference.held_on") == dt.date(2018, 1, 12)
    assert ev.value("SNV", "conference.prep_meeting_held") is True
    assert ev.value("SNV", "conference.summoned") == 64
    with pytest.raises(danchu.ArgumentError, match=r"units\.SNV\['conference\.type'\]: bytes are not text"):
        danchu.Evidence.from_dict({"SNV": {"conference.type": b"full"}}, d04, org, period=2018)
    with pytest.raises(danchu.ArgumentError, match=r"source\.units: the key .*not text"):
        danchu.Evidence.from_json({"units": {("SNV",): {}}}, d04, org)
    doc = {"id": "my.pack", "title": {"vi": "Thử", "en": "Test"}, "version": "1",
           "extends": "vn.decree-04-2015", "regime": {"documents": []},
           "rules": [{"id": "X1", "title": {"vi": "a", "en": "b"},
                      "citation": {"document": "ND04", "article": "5"}, "confidence": "secondary",
                      "frequency": "annual", "weight": np.int64(2), "tags": {"b", "a"},
                      "condition": {"==": [{"var": "conference.prep_meeting_held"}, np.bool_(True)]}}]}
    p = danchu.load_pack(doc)
    x1 = {r["id"]: r for r in p.rules}["X1"]
    assert x1["weight"] == 2 and x1["tags"] == ["a", "b"]  # a set: sorted, it has no order


def test_records_obligations_and_reports_from_dicts_raise_danchu_errors(repo_root) -> None:
    recs = Records.from_dict({"events": [{"unit": "SNV", "event": "extraordinary_conference_requested", "id": "E1",
                                          "date": np.datetime64("2018-03-05")}]})
    assert recs.to_dict()["events"][0]["date"] == "2018-03-05"
    with pytest.raises(danchu.ArgumentError, match=r"doc\.events\[0\]\.id: bytes are not text"):
        Records.from_dict({"events": [{"unit": "SNV", "event": "extraordinary_conference_requested", "id": b"E1",
                                       "date": "2018-03-05"}]})
    with pytest.raises(danchu.Error, match=r"sources\[0\]"):
        load_obligations({"id": "x", "obligations": [{"id": b"o"}]})
    doc = json.loads((repo_root / "tests/render/example-report.json").read_text(encoding="utf-8"))
    doc["current"]["units_assessed"] = np.int64(doc["current"]["units_assessed"])
    assert Report.from_json(doc).summary()["units_assessed"] == doc["current"]["units_assessed"]
    doc["header"]["generated_on"] = np.datetime64("2018-06-18")
    assert Report.from_json(doc).to_dict()["header"]["generated_on"] == "2018-06-18"
    doc["header"]["province"]["vi"] = b"B\xe1\xba\xafc Giang"
    with pytest.raises(danchu.ArgumentError, match=r"data\.header\.province\.vi: bytes are not text"):
        Report.from_json(doc)


@pytest.mark.parametrize(
    ("verdicts", "place", "value"),
    [(np.array([[256]]), "row 0, column 0", "256"),           # wrapped to 0, pass
     (np.array([[0, 1], [2, -1]]), "row 1, column 1", "-1"),  # wrapped to 255
     (np.array([[0.0, 1.5]]), "row 0, column 1", "1.5"),      # truncated to 1, fail
     ([[0, 1, 5]], "row 0, column 2", "5")],
)
def test_findings_table_refuses_a_verdict_code_outside_the_enum(verdicts, place, value) -> None:
    n_rules = np.asarray(verdicts).shape[1]
    rules = [f"r{k}" for k in range(n_rules)]
    units = [f"u{k}" for k in range(np.asarray(verdicts).shape[0])]
    with pytest.raises(danchu.ArgumentError, match=rf"verdicts: {place}: {value} is not a verdict code"):
        ds.findings_table(rules, units, verdicts)


def test_findings_table_names_the_cell_of_an_unknown_verdict_and_keeps_good_codes() -> None:
    with pytest.raises(danchu.ArgumentError, match=r"verdicts: row 1, column 0: unknown verdict 'maybe'"):
        ds.findings_table(["r1"], ["u", "v"], [["pass"], ["maybe"]])
    with pytest.raises(danchu.ArgumentError, match=r"got an array of bool"):
        ds.findings_table(["r1"], ["u"], np.array([[True]]))
    t = ds.findings_table(["r1", "r2"], ["u"], np.array([[4.0, 2.0]]))
    assert t.verdicts.tolist() == [[4, 2]]
    with pytest.raises(danchu.ArgumentError, match=r"verdicts: row 1, column 1: 9 is not"):
        ds.findings_table(["r1", "r2"], ["u", "v"], np.array([0, 1, 3, 9]))  # flat, row-major


def test_logic_data_takes_numpy_booleans_and_dates() -> None:
    # Before: np.bool_(True) became the number 1 (so === true failed) and a
    # numpy.datetime64 raised a raw pybind11 RuntimeError.
    from danchu import logic

    assert logic.apply({"===": [{"var": "x"}, True]}, {"x": np.bool_(True)}) is True
    assert logic.apply({"var": "d"}, {"d": np.datetime64("2018-01-02")}) == dt.date(2018, 1, 2)
    assert logic.apply({"var": "n"}, {"n": np.int64(3)}) == 3
    with pytest.raises(danchu.ArgumentError, match="NaT is not a date"):
        logic.apply({"var": "d"}, {"d": np.datetime64("NaT")})
    with pytest.raises(danchu.ArgumentError, match="cannot convert a <class 'bytes'>"):
        logic.apply({"var": "b"}, {"b": b"x"})
