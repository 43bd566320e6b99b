"""danchu.rules: packs, evidence (dict, JSON, CSV, DataFrame), evaluation, explanations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import danchu
from danchu import rules


@pytest.fixture(scope="module")
def d04() -> rules.Pack:
    return danchu.load_pack("vn.decree-04-2015")


@pytest.fixture(scope="module")
def bg() -> rules.Pack:
    return danchu.load_pack("vn.bac-giang.2018-05-09")


@pytest.fixture(scope="module")
def org():
    return danchu.load_organisation(
        [
            {"id": "SNV", "name": "Sở Nội vụ", "kind": "department", "staff": 64, "labels": {"role": "home_affairs"}},
            {"id": "BV", "kind": "public_service_unit", "staff": 300},
        ]
    )


def test_bundled_packs_are_listed_and_load(d04, bg):
    assert danchu.rules.list_packs() == [
        "vn.bac-giang.2018-05-09", "vn.bac-giang.2018-05-09.l10", "vn.decree-04-2015", "vn.law-10-2022",
        "vn.law-10-2022.province",
    ]
    assert len(d04) == 30
    assert bg.chain == ["vn.decree-04-2015", "vn.bac-giang.2018-05-09"]
    assert repr(d04) == "Pack('vn.decree-04-2015', rules=30)"
    r = {x["id"]: x for x in d04.rules}["D04-TT01-CONF-QUORUM"]
    assert r["citation"] == "TT01 Art. 2(3)" and r["confidence"] == "verified"
    assert "<table>" in d04._repr_html_()
    assert set(d04.to_pandas().columns) >= {"id", "title_vi", "confidence", "tags"}


def test_pack_from_dict_is_type_checked(d04):
    doc = {
        "id": "my.pack",
        "title": {"vi": "Thử", "en": "Test"},
        "version": "1",
        "extends": "vn.decree-04-2015",
        "regime": {"documents": []},
        "rules": [
            {
                "id": "X1",
                "title": {"vi": "a", "en": "b"},
                "citation": {"document": "ND04", "article": "5"},
                "confidence": "secondary",
                "frequency": "annual",
                "condition": {"==": [{"var": "conference.prep_meeting_held"}, True]},
            }
        ],
    }
    p = danchu.load_pack(doc)
    assert len(p) == len(d04) + 1  # the base pack and the overlay's one rule
    doc["rules"][0]["condition"] = {"==": [{"var": "conference.prep_meting_held"}, True]}
    with pytest.raises(danchu.Error, match=r"/rules/0/condition"):
        danchu.load_pack(doc)
    doc["rules"][0]["colour"] = "red"
    with pytest.raises(danchu.ParseError, match=r"/rules/0/colour: unknown key"):
        danchu.load_pack(doc)


def test_evaluate_from_dict_with_dates_and_overrides(d04, org):
    ev = danchu.Evidence.from_dict(
        {
            "SNV": {
                "conference.held_on": dt.date(2018, 1, 12),
                "conference.type": "full",
                "conference.summoned": 64,
                "conference.attendance": {"value": 30, "source": {"document": "02/BB", "issuer": "SNV"}},
                "conference.d04_contents_covered": 7,
            }
        },
        d04,
        org,
        period=2018,
        overrides=[
            {
                "unit": "SNV",
                "rule": "D04-ART5-CONF-AGENDA",
                "verdict": "pass",
                "who": "Giám đốc",
                "date": dt.date(2019, 1, 15),
                "reason": "covered elsewhere",
                "authority": "12/KL-SNV",
            }
        ],
    )
    assert ev.value("SNV", "conference.held_on") == dt.date(2018, 1, 12)
    assert ev.value("BV", "conference.held_on") is None
    f = danchu.evaluate(d04, org, ev, period=2018)
    assert f.verdict("SNV", "D04-ART5-CONF-ANNUAL") == "pass"
    assert f.verdict("SNV", "D04-TT01-CONF-QUORUM") == "fail"
    assert f.verdict("SNV", "D04-ART5-CONF-AGENDA") == "pass"
    assert f.overrides()[0]["original"] == "fail"
    assert f.verdict("BV", "D04-ART5-CONF-ANNUAL") == "unknown"
    codes = f.verdict_codes
    assert codes.shape == (2, 30) and codes.dtype == np.uint8
    df = f.to_pandas()
    assert len(df) == 60
    assert set(df["verdict"].cat.categories) == set(rules.VERDICTS)
    row = df[(df.unit == "SNV") & (df.rule == "D04-TT01-CONF-QUORUM")].iloc[0]
    assert row.verdict == "fail" and row.confidence == "verified"
    s = f.summary()
    assert s.loc["SNV", "fail"] >= 1 and "D04-TT01-CONF-QUORUM" in s.loc["SNV", "failed"]
    assert "<table>" in f._repr_html_()
    doc = f.to_json()
    assert doc["pack"] == "vn.decree-04-2015" and len(doc["findings"]) == 2 * len(d04)  # 2 units


def test_explanation(d04, org):
    ev = danchu.Evidence.from_dict(
        {"SNV": {"conference.type": "full", "conference.summoned": 64, "conference.attendance": 30}}, d04, org
    )
    x = danchu.explain(d04, org, ev, "2018", unit="SNV", rule="D04-TT01-CONF-QUORUM")
    assert x.verdict == "fail"
    assert x["citation"]["document_number"] == "01/2016/TT-BNV"
    assert "ratio_at_least" in json.dumps(x["failed"]["expression"])
    assert "Kết luận: không đạt" in str(x)
    assert "Verdict: fail" in x.text_en
    with pytest.raises(danchu.ArgumentError, match="has no rule"):
        danchu.explain(d04, org, ev, "2018", unit="SNV", rule="NOPE")


def test_evidence_errors_name_unit_fact_and_type(d04, org):
    with pytest.raises(danchu.EvidenceError,
                       match=r'unit "SNV", fact "conference.attendance".*expected a whole number'):
        danchu.Evidence.from_dict({"SNV": {"conference.attendance": "many"}}, d04, org)
    with pytest.raises(danchu.EvidenceError, match=r"impossible"):
        danchu.Evidence.from_dict({"SNV": {"conference.summoned": 65}}, d04, org)
    with pytest.raises(danchu.EvidenceError, match=r'unknown fact "conference.atendance"'):
        danchu.Evidence.from_dict({"SNV": {"conference.atendance": 1}}, d04, org)
    with pytest.raises(danchu.EvidenceError, match=r"existing date"):
        danchu.Evidence.from_dict({"SNV": {"conference.held_on": "2018-02-30"}}, d04, org)


def test_csv_json_and_dataframe_evidence_agree(d04, org, tmp_path):
    csv = (
        "unit,conference.held_on,conference.summoned,conference.attendance,briefings.held_on,bttnd.exists\n"
        "SNV,2018-01-12,64,50,2018-01-05;2018-02-05,true\n"
        "BV,,,,,false\n"
    )
    p = tmp_path / "ev.csv"
    p.write_text(csv, encoding="utf-8")
    a = danchu.Evidence.from_csv(str(p), d04, org, period=2018)
    b = danchu.Evidence.from_csv(csv, d04, org, period=2018)
    df = pd.DataFrame(
        {
            "unit": ["SNV", "BV"],
            "conference.held_on": [pd.Timestamp("2018-01-12"), pd.NaT],
            "conference.summoned": [64, np.nan],
            "conference.attendance": [50, np.nan],
            "briefings.held_on": [[dt.date(2018, 1, 5), dt.date(2018, 2, 5)], np.nan],
            "bttnd.exists": [True, False],
        }
    )
    c = danchu.Evidence.from_dataframe(df, d04, org, period=2018)
    j = danchu.Evidence.from_json(
        {"period": "2018", "units": {"SNV": {"conference.held_on": "2018-01-12", "conference.summoned": 64,
                                             "conference.attendance": 50,
                                             "briefings.held_on": ["2018-01-05", "2018-02-05"], "bttnd.exists": True},
                                     "BV": {"bttnd.exists": False}}},
        d04,
        org,
    )
    for ev in (a, b, c, j):
        assert ev.value("SNV", "briefings.held_on") == [dt.date(2018, 1, 5), dt.date(2018, 2, 5)]
        assert ev.value("SNV", "conference.attendance") == 50
        assert ev.value("BV", "bttnd.exists") is False
        assert ev.value("BV", "conference.summoned") is None
    results = [danchu.evaluate(d04, org, ev, 2018).verdict_codes for ev in (a, b, c, j)]
    for r in results[1:]:
        assert np.array_equal(results[0], r)


def test_long_dataframe_and_template_roundtrip(bg, org):
    tpl = bg.template("csv", units=["SNV", "BV"])
    assert tpl.startswith("\ufeffunit,fact,value,document,issuer,date,type")  # Excel-friendly: BOM
    assert "Các ngày tổ chức tuyên truyền" in tpl
    empty = danchu.Evidence.from_csv(tpl, bg, org, period=2018)  # an unfilled template loads
    assert len(empty) == 0
    long = pd.DataFrame({"unit": ["SNV"], "fact": ["bg.dissemination_sessions"], "value": ["2018-03-01;2018-09-01"]})
    ev = danchu.Evidence.from_dataframe(long, bg, org, period=2018)
    f = danchu.evaluate(bg, org, ev, 2018)
    assert f.verdict("SNV", "BG-2018-T1-DISSEMINATION") == "pass"
    jt = bg.template("json", units=["SNV"], period=2018)
    assert jt["units"]["SNV"]["bg.head_signed_plan"] is None
    assert "BG-2018-T2-HEAD-LEADS" in jt["help"]["bg.head_signed_plan"]["rules"]
    danchu.Evidence.from_json(jt, bg, org)
    facts = {x["key"]: x for x in bg.facts()}
    assert "BG-2018-T1-DISSEMINATION" in facts["bg.dissemination_sessions"]["rules"]


def test_failings_by_directive_tag(bg, org):
    ev = danchu.Evidence.from_dict(
        {"SNV": {"bg.head_signed_plan": False, "bg.head_chairs_steering": True, "bg.dissemination_sessions": []}},
        bg,
        org,
    )
    f = danchu.evaluate(bg, org, ev, 2018)
    fl = f.failings("bg:")
    assert {"bg:head-leads", "bg:dissemination"} <= set(fl["tag"])
    assert set(fl["unit"]) == {"SNV"}


def test_regime_choice_and_what_if(org):
    assert danchu.rules.regime_pack(dt.date(2023, 6, 30)) == "vn.decree-04-2015"
    assert danchu.rules.regime_pack("2023-07-01") == "vn.law-10-2022"
    assert danchu.rules.regime_pack("2023-07-01", switch_date="2023-08-15") == "vn.decree-04-2015"
    units = {"SNV": {"publicity.max_delay_working_days": 4}}
    l10 = danchu.load_pack("vn.law-10-2022")
    d04 = danchu.load_pack("vn.decree-04-2015")
    a = danchu.evaluate(d04, org, danchu.Evidence.from_dict(units, d04, org), 2023)
    b = danchu.evaluate(l10, org, danchu.Evidence.from_dict(units, l10, org), 2023)
    assert a.verdict("SNV", "D04-ART8-TIMING") == "fail"
    assert b.verdict("SNV", "L10-ART47-PUBLISH-5WD") == "pass"


@pytest.mark.parametrize("pack", ["vn.decree-04-2015", "vn.law-10-2022", "vn.bac-giang.2018-05-09"])
def test_bundled_rule_tests_pass(pack):
    rep = danchu.rules.run_tests(pack)
    assert rep["ok"], rep
    assert rep["cases"] >= 3


def test_main_names_are_exported():
    for name in ("load_pack", "Evidence", "evaluate", "explain", "load_organisation", "Findings"):
        assert name in danchu.__all__
        assert hasattr(danchu, name)


def test_evidence_and_pack_with_swapped_facts_are_refused(d04, org, tmp_path):
    # Regression (issue 15, item 1): a pack compiled with a dictionary of the same
    # size but two facts swapped read the evidence out of bounds (a segfault).
    from danchu import _data

    facts = json.loads((Path(_data.data_dir()) / "facts.json").read_text(encoding="utf-8"))
    facts["facts"][0], facts["facts"][-1] = facts["facts"][-1], facts["facts"][0]
    facts.pop("$schema", None)
    swapped = tmp_path / "facts.json"
    swapped.write_text(json.dumps(facts), encoding="utf-8")
    other = danchu.load_pack("vn.decree-04-2015", facts=swapped)
    ev = danchu.Evidence.from_dict({"SNV": {"conference.type": "full"}}, d04, org, period=2018)
    with pytest.raises(danchu.Error, match="different fact dictionary than the pack"):
        danchu.evaluate(other, org, ev, 2018)


def test_organisation_records_are_as_strict_as_the_json_loader():
    # Regression (issue 15, item 14): records without kind or staff were accepted,
    # a NaN staff became 0, None ids and staff=1e30 gave raw pybind11 messages,
    # and duplicate DataFrame columns gave a pandas AttributeError.
    with pytest.raises(danchu.Error, match=r'records\[0\]: missing "kind"'):
        danchu.load_organisation([{"id": "A", "staff": 3}])
    with pytest.raises(danchu.Error, match=r'records\[0\]: missing "staff"'):
        danchu.load_organisation([{"id": "A", "kind": "school"}])
    with pytest.raises(danchu.Error, match=r'records\[0\]: missing "id"'):
        danchu.load_organisation([{"id": None, "kind": "school", "staff": 1}])
    with pytest.raises(danchu.Error, match=r"records\[1\]\.staff: expected a whole number >= 0, found 1e\+30"):
        danchu.load_organisation([{"id": "A", "kind": "school", "staff": 1},
                                  {"id": "B", "kind": "school", "staff": 1e30}])
    with pytest.raises(danchu.Error, match=r"records\[0\]\.staff: expected a whole number >= 0, found nan"):
        danchu.load_organisation(pd.DataFrame({"id": ["A"], "kind": ["school"], "staff": [float("nan")]}))
    with pytest.raises(danchu.Error, match=r"records\[0\]\.id: expected a string, found int"):
        danchu.load_organisation([{"id": 7, "kind": "school", "staff": 1}])
    with pytest.raises(danchu.Error, match="the columns id appear twice"):
        danchu.load_organisation(pd.DataFrame([["A", "B", "school", 1]], columns=["id", "id", "kind", "staff"]))
    with pytest.raises(danchu.Error, match=r'records\[0\]: unknown key "staf"'):
        danchu.load_organisation([{"id": "A", "kind": "school", "staff": 1, "staf": 2}])
    org = danchu.load_organisation(pd.DataFrame({"id": ["A", "B"], "kind": ["school", "school"],
                                                 "staff": np.array([3, 4], dtype=np.int64),
                                                 "parent": [None, "A"], "district": ["x", float("nan")]}))
    assert len(org) == 2
    assert len(danchu.scoring.organisation([{"id": "A", "kind": "school", "staff": 2.0}])) == 1


def test_evidence_takes_the_organisation_as_records_too(d04, org):
    """Evidence.from_* read the organisation argument through the loader
    evaluate uses: the organisation object, or records, a path, a DataFrame."""
    records = [{"id": "SNV", "kind": "department", "staff": 64}]
    ev = danchu.Evidence.from_dict({"SNV": {"conference.summoned": 64}}, d04, records)
    assert ev.unit_ids == ["SNV"]
    with pytest.raises(danchu.ArgumentError, match=r"records\[0\]: missing \"staff\""):
        danchu.Evidence.from_dict({"SNV": {}}, d04, [{"id": "SNV", "kind": "department"}])
    assert danchu.Evidence.from_dict({"SNV": {}}, d04, org).unit_ids == ["SNV", "BV"]
