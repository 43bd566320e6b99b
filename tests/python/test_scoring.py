"""Scoring from Python: schemes, scorecards as DataFrames, roll-ups, errors."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pytest

import danchu
import danchu.scoring as ds

BANDS = [
    {"id": "tot", "name": {"vi": "Tốt", "en": "Good"}, "min": 80, "source": {"document": "t"}},
    {"id": "kha", "name": {"vi": "Khá", "en": "Fair"}, "min": 65, "source": {"document": "t"}},
    {"id": "tb", "name": {"vi": "Trung bình", "en": "Average"}, "min": 50,
     "source": {"document": "t"}},
    {"id": "yeu", "name": {"vi": "Yếu", "en": "Weak"}},
]

ONE_CRITERION = {
    "id": "one",
    "title": {"vi": "một", "en": "one"},
    "kind": "scorecard",
    "criteria": [{"id": "all", "title": {"vi": "tổng", "en": "all"}, "max_points": 100,
                  "from": "self"}],
    "bands": BANDS,
    "ineligible": [{"id": "discipline", "title": {"vi": "kỷ luật", "en": "discipline"},
                    "source": {"document": "t"}}],
}


def test_bundled_schemes_include_the_xccdf_models_and_bac_giang() -> None:
    names = ds.bundled_schemes()
    for n in ["xccdf-default", "xccdf-flat", "xccdf-flat-unweighted", "xccdf-absolute",
              "bac-giang-chinh-quyen-than-thien"]:
        assert n in names
    s = ds.load_scheme("bac-giang-chinh-quyen-than-thien")
    assert s.kind == "scorecard"
    assert len(s.criteria) == 6
    assert s.bands[0]["min"] == 80
    assert "Scheme(" in repr(s)


@pytest.mark.parametrize(
    ("model", "score", "maximum"),
    [("xccdf-default", 400 / 6, 100), ("xccdf-flat", 4, 6), ("xccdf-flat-unweighted", 2, 3),
     ("xccdf-absolute", 0, 6)],
)
def test_xccdf_models_by_hand(model: str, score: float, maximum: float) -> None:
    # r1 (w1) pass, r2 (w2) fail, r3 (w3) pass, r4 (w1) not applicable
    t = ds.findings_table(
        [{"id": "r1", "weight": 1}, {"id": "r2", "weight": 2}, {"id": "r3", "weight": 3},
         {"id": "r4", "weight": 1}],
        ["u"],
        [["pass", "fail", "pass", "not_applicable"]],
    )
    card = ds.score(model, t)
    assert card.xccdf_scores[0] == pytest.approx(score)
    assert card.maxima[0] == pytest.approx(maximum)


def _card(points: dict[str, float], disciplined: tuple[str, ...] = ()) -> ds.Scorecard:
    scheme = ds.parse_scheme(ONE_CRITERION)
    t = ds.findings_table([], list(points), np.zeros((len(points), 0), dtype=np.uint8))
    a = ds.assessment(
        points=[{"unit": u, "criterion": "all", "points": p, "kind": "self"}
                for u, p in points.items()],
        ineligible=[{"unit": u, "condition": "discipline", "who": "Sở Nội vụ",
                     "date": dt.date(2025, 10, 1), "reason": "khiển trách"}
                    for u in disciplined],
    )
    return ds.score(scheme, t, a)


def test_boundaries_and_ineligibility_in_a_dataframe() -> None:
    card = _card({"A": 80.0, "B": 79.99, "C": 95.0}, disciplined=("C",))
    df = card.to_pandas()
    assert df.loc["A", "band"] == "tot"
    assert df.loc["B", "band"] == "kha"
    assert df.loc["C", "status"] == "not_eligible"
    assert df.loc["C", "band_vi"] == "Không đủ điều kiện xếp loại"
    assert card.declarations[0]["date"] == "2025-10-01"
    html = card._repr_html_()
    assert html is not None and "Tốt" in html
    assert "Scorecard(scheme='one'" in repr(card)


def test_an_assessment_date_given_as_a_datetime_keeps_its_date_only() -> None:
    """Regression: danchu.scoring had its own ISO helper that wrote a datetime
    as "2025-10-01T09:30:00"; the one helper of danchu writes its date."""
    scheme = ds.parse_scheme(ONE_CRITERION)
    t = ds.findings_table([], ["A"], np.zeros((1, 0), dtype=np.uint8))
    a = ds.assessment(ineligible=[{"unit": "A", "condition": "discipline", "who": "Sở Nội vụ",
                                   "date": dt.datetime(2025, 10, 1, 9, 30), "reason": "r"}])
    assert ds.score(scheme, t, a).declarations[0]["date"] == "2025-10-01"
    with pytest.raises(danchu.ArgumentError, match=r"ineligible\[0\]\.date: NaT"):
        ds.assessment(ineligible=[{"unit": "A", "date": np.datetime64("NaT")}])


def test_scoring_organisation_is_the_one_loader(tmp_path) -> None:
    """danchu.scoring.organisation, danchu.scoring.load_organisation and
    danchu.load_organisation are one function (same strictness, same errors)."""
    assert ds.load_organisation is danchu.load_organisation
    with pytest.raises(danchu.ArgumentError, match=r"records\[0\]: missing \"staff\""):
        ds.organisation([{"id": "A", "kind": "department"}])
    path = tmp_path / "org.json"
    path.write_text('{"units": [{"id": "A", "kind": "department", "staff": 3}]}')
    assert ds.load_organisation(path).ids == ["A"]


def test_bac_giang_pass_rule_from_python() -> None:
    s = ds.load_scheme("bac-giang-chinh-quyen-than-thien")
    ids = [c["id"] for c in s.criteria]
    maxima = [c["max_points"] for c in s.criteria]  # 20, 16, 16, 16, 16, 16
    cases = {
        "pass": [16, 13, 13, 13, 13, 12],       # 80, each ≥ half
        "total": [16, 13, 13, 13, 12, 12.9],    # 79.9
        "share": [20, 16, 16, 16, 7, 7],        # 82, two of six under half (8)
        "zero": [20, 16, 16, 16, 16, 0],        # 84, one at zero
    }
    t = ds.findings_table([], list(cases), np.zeros((len(cases), 0), dtype=np.uint8))
    a = ds.assessment(points=[
        {"unit": u, "criterion": c, "points": p, "kind": "self"}
        for u, pts in cases.items() for c, p in zip(ids, pts)
    ])
    assert sum(maxima) == 100
    df = ds.score(s, t, a).to_pandas()
    assert list(df["band"]) == ["dat", "khong_dat", "khong_dat", "khong_dat"]
    assert df.loc["pass", "total"] == pytest.approx(80)
    unmet = ds.score(s, t, a).unmet_top
    assert list(unmet) == [0, ds.UNMET_FLAGS["score"], ds.UNMET_FLAGS["achieved_share"],
                           ds.UNMET_FLAGS["zero_criterion"]]


def _tree() -> object:
    return ds.organisation([
        {"id": "P", "name": "Tỉnh", "kind": "province", "staff": 0},
        {"id": "S1", "name": "Sở 1", "kind": "department", "parent": "P", "staff": 10},
        {"id": "S1a", "name": "Đơn vị 1a", "kind": "public_service_unit", "parent": "S1",
         "staff": 30},
        {"id": "D1", "name": "Huyện 1", "kind": "district", "parent": "P", "staff": 20},
        {"id": "C1", "name": "Xã 1", "kind": "commune", "parent": "D1", "staff": 10},
        {"id": "C2", "name": "Xã 2", "kind": "commune", "parent": "D1", "staff": 30},
        {"id": "C3", "name": "Xã 3", "kind": "commune", "parent": "D1", "staff": 5},
    ])


def test_rollup_over_three_levels_by_hand() -> None:
    card = _card({"S1": 90, "S1a": 70, "D1": 60, "C1": 40, "C2": 95}, disciplined=("C2",))
    r = ds.Rollup(_tree(), card, label="2025-H2")
    df = r.to_pandas()
    assert df.loc["S1", "mean"] == pytest.approx(75)
    assert df.loc["D1", "mean"] == pytest.approx(1600 / 30)
    assert df.loc["P", "mean"] == pytest.approx(4600 / 70)
    assert df.loc["P", "minimum_unit"] == "C1"
    assert df.loc["P", "missing"] == 1
    assert df.loc["P", "n_not_eligible"] == 1
    assert math.isnan(df.loc["C2", "mean"])
    assert r.coverage("P")["missing"] == ["C3"]
    assert r.band_shares().loc["P", "tot"] == pytest.approx(0.2)
    eq = ds.Rollup(_tree(), card, weighting="equal")
    assert eq.to_pandas().loc["P", "mean"] == pytest.approx(65)
    assert r._repr_html_() is not None


def test_period_comparison_and_drill_down() -> None:
    now = ds.Rollup(_tree(), _card({"S1": 90, "S1a": 70, "D1": 60, "C1": 40, "C2": 95},
                                   disciplined=("C2",)), label="2025-H2")
    before = ds.Rollup(_tree(), _card({"S1": 60, "S1a": 70, "D1": 80, "C1": 40, "C2": 95}),
                       label="2025-H1")
    cmp = now.compare(before)
    assert cmp.loc["S1", "rank_change"] == 1
    assert cmp.loc["D1", "rank_change"] == -1
    assert cmp.loc["S1", "delta"] == pytest.approx(7.5)
    t = ds.findings_table(["r1"], ["D1", "C1"], [["pass"], ["fail"]])
    rows = now.drill_down("D1", t)
    assert list(rows["unit"]) == ["D1", "C1"]
    assert list(rows["verdict"]) == ["pass", "fail"]


def test_plot_helpers(tmp_path: object) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    now = ds.Rollup(_tree(), _card({"S1": 90, "S1a": 70, "D1": 60, "C1": 40, "C2": 95}),
                    label="2025-H2")
    ax = ds.plot_band_distribution(now, kind="district")
    assert len(ax.patches) == 6  # one district × (4 bands + 2 other slots)
    ax2 = ds.plot_score_trend([now, now], ["P", "D1"])
    assert len(ax2.lines) == 2


def test_errors_name_file_and_pointer(tmp_path: object) -> None:
    bad = dict(ONE_CRITERION, bands=[BANDS[1], BANDS[0], BANDS[3]])
    with pytest.raises(danchu.ParseError, match=r"bad\.json:/bands/1/min"):
        ds.parse_scheme(bad, "bad.json")
    with pytest.raises(ValueError, match=r"/weights/r1"):
        ds.parse_scheme(dict(ONE_CRITERION, weights={"r1": -2}), "w.json")
    with pytest.raises(danchu.ScoringError, match="cycle"):
        ds.organisation([{"id": "A", "parent": "B", "staff": 1, "kind": "commune"},
                         {"id": "B", "parent": "A", "staff": 1, "kind": "commune"}])
    scheme = ds.parse_scheme(
        {"id": "x", "title": {"vi": "x", "en": "x"}, "kind": "scorecard",
         "criteria": [{"id": "k", "title": {"vi": "k", "en": "k"}, "max_points": 10,
                       "items": [{"rule": "nope", "points": 10}]}]}, "x.json")
    with pytest.raises(danchu.ParseError, match=r'x\.json:/criteria/0/items/0/rule: unknown rule "nope"'):
        ds.score(scheme, ds.findings_table(["r1"], ["u"], [["pass"]]))
    with pytest.raises(danchu.ArgumentError, match="unknown verdict"):
        ds.findings_table(["r1"], ["u"], [["maybe"]])
    with pytest.raises(danchu.ScoringError, match='"ZZ" has a scorecard but is not in the organisation'):
        ds.Rollup(_tree(), _card({"ZZ": 50}))


def test_findings_file_round_trip(tmp_path: object) -> None:
    from pathlib import Path

    p = Path(str(tmp_path)) / "f.json"
    p.write_text(json.dumps({
        "rules": [{"id": "r1"}, {"id": "r2", "weight": 3}],
        "findings": [{"unit": "A", "rule": "r1", "verdict": "pass"},
                     {"unit": "A", "rule": "r2", "verdict": "fail", "credit": 0.25}],
    }), encoding="utf-8")
    t = ds.load_findings(p)
    assert t.unit_ids == ["A"]
    assert t.verdicts.tolist() == [[0, 1]]
    assert t.credits[0, 1] == pytest.approx(0.25)
    assert ds.score("xccdf-flat", t).xccdf_scores[0] == 1.0


def test_bundled_schemes_match_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    root = danchu.data_dir()
    common = json.loads((root / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    schema = json.loads((root / "schemas" / "scoring.schema.json").read_text(encoding="utf-8"))
    from referencing import Registry, Resource

    registry = Registry().with_resource(common["$id"], Resource.from_contents(common))
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    for p in sorted(Path(root / "scoring").glob("*.json")):
        errors = list(validator.iter_errors(json.loads(p.read_text(encoding="utf-8"))))
        assert errors == [], (p.name, [e.message for e in errors[:3]])


def test_nothing_applicable_is_a_status_of_its_own() -> None:
    t = ds.findings_table(["r1"], ["A", "B"], [["pass"], ["not_applicable"]])
    card = ds.score("xccdf-default", t)
    df = card.to_pandas()
    assert df.loc["B", "status"] == "not_applicable"
    assert df.loc["A", "status"] == "classified"
    # Regression (issue 15, item 21): its total was 0; it has none.
    assert math.isnan(df.loc["B", "total"]) and df.loc["A", "total"] == 100


def test_why_a_unit_missed_the_top_band_is_said_in_words() -> None:
    # Regression (issue 15, item 21): only the bit field unmet_top said why.
    from danchu._core import scoring as core

    s = ds.load_scheme("bac-giang-chinh-quyen-than-thien")
    ids = [c["id"] for c in s.criteria]
    cases = {"pass": [16, 13, 13, 13, 13, 12], "total": [16, 13, 13, 13, 12, 12.9],
             "share": [20, 16, 16, 16, 7, 7], "zero": [20, 16, 16, 16, 16, 0]}
    t = ds.findings_table([], list(cases), np.zeros((len(cases), 0), dtype=np.uint8))
    a = ds.assessment(points=[{"unit": u, "criterion": c, "points": p, "kind": "self"}
                              for u, pts in cases.items() for c, p in zip(ids, pts)])
    df = ds.score(s, t, a).to_pandas()
    assert list(df["unmet_top"]) == ["", "score", "achieved_share", "zero_criterion"]
    assert df.loc["total", "unmet_top_en"] == "total below the threshold"
    assert df.loc["share", "unmet_top_en"] == "too few criteria achieved"
    assert df.loc["zero", "unmet_top_vi"] == "có tiêu chí 0 điểm"
    assert df.loc["pass", "unmet_top_vi"] == ""
    assert ds.UNMET_FLAGS == {"score": 1, "achieved_share": 2, "zero_criterion": 4}  # from C++
    assert core.unmet_label(5) == {"vi": "tổng điểm dưới ngưỡng; có tiêu chí 0 điểm",
                                   "en": "total below the threshold; a criterion scored zero"}
    assert core.unmet_ids(bits=3) == ["score", "achieved_share"]


def test_a_unit_that_sent_no_evidence_is_a_missing_report_unless_scored_as_not_passing() -> None:
    # Regression (issue 15, item 19): it was scored 0, graded the lowest band and
    # pulled down its district's mean and minimum.
    t = ds.findings_table(["r1", "r2"], ["S1", "C1", "C2"],
                          [["pass", "pass"], ["unknown", "unknown"], ["pass", "fail"]])
    card = ds.score("xccdf-default", t)
    assert card.no_evidence_policy == "missing_report"
    df = card.to_pandas()
    assert df.loc["C1", "status"] == "missing_report"
    assert df.loc["C1", "band_vi"] == "Thiếu báo cáo"
    assert math.isnan(df.loc["C1", "total"])
    assert bool(df.loc["C1", "no_evidence"]) and not bool(df.loc["C2", "no_evidence"])
    roll = ds.Rollup(_tree(), card, weighting="equal")
    r = roll.to_pandas()
    assert r.loc["D1", "mean"] == pytest.approx(50)
    assert r.loc["D1", "minimum"] == pytest.approx(50)
    assert r.loc["D1", "missing"] == 3  # D1 and C3 (no row), C1 (nothing sent)
    assert "C1" in roll.coverage("D1")["missing"]

    scored = ds.score("xccdf-default", t, no_evidence="not_passing")
    assert scored.no_evidence_policy == "not_passing"
    sdf = scored.to_pandas()
    assert sdf.loc["C1", "status"] == "classified" and sdf.loc["C1", "total"] == 0
    r2 = ds.Rollup(_tree(), scored, weighting="equal").to_pandas()
    assert r2.loc["D1", "mean"] == pytest.approx(25)
    assert r2.loc["D1", "minimum"] == 0
    assert ds.NO_EVIDENCE_POLICIES == ("missing_report", "not_passing")
    with pytest.raises(danchu.ArgumentError, match="expected one of missing_report, not_passing"):
        ds.score("xccdf-default", t, no_evidence="zero")


def test_not_classified_is_one_id_defined_in_cpp() -> None:
    # Regression: the scorecard wrote "unclassified", the report "not_classified".
    from danchu._core import scoring as core

    assert ds.STATUS == ("classified", "not_eligible", "not_classified", "not_applicable", "missing_report")
    assert core.status_label(status="not_classified") == {"vi": "Chưa xếp loại", "en": "Not classified"}
    assert core.status_label("unclassified") == core.status_label("not_classified")
    with pytest.raises(danchu.ArgumentError, match="expected one of classified, not_eligible"):
        core.status_label("graded")
    r = ds.Rollup(_tree(), _card({"S1": 90, "D1": 60}))
    assert "n_not_classified" in r.to_pandas().columns
    assert "not_classified" in r.coverage("P")
    assert list(r.band_shares().columns[-2:]) == ["not_eligible", "not_classified"]
