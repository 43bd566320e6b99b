"""danchu.logic: the JSON Logic conformance suites through Python, typed
compilation, dates and the columnar batch path."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
import pytest

import danchu
from danchu import logic

SUITES = Path(__file__).resolve().parent.parent / "conformance" / "jsonlogic"


def _cases():
    for name in json.loads((SUITES / "index.json").read_text()):
        for i, case in enumerate(json.loads((SUITES / name).read_text(encoding="utf-8"))):
            if isinstance(case, dict):
                yield pytest.param(case, id=f"{name}#{i}")


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


CASES = list(_cases())


def test_suite_size():
    assert len(CASES) == 1138


@pytest.mark.parametrize("case", CASES)
def test_conformance(case):
    data = case.get("data")
    if "error" in case:
        with pytest.raises(danchu.RuleError) as info:
            logic.apply(case["rule"], data)
        assert _same(info.value.thrown, case["error"]), str(info.value)
    else:
        assert _same(logic.apply(case["rule"], data), case["result"])


def test_errors_are_value_errors_with_location():
    with pytest.raises(ValueError) as info:
        logic.apply({"and": [True, {"fooo": [1]}]}, {})
    assert info.value.thrown == {"type": "Unknown Operator"}
    assert "/and/1/fooo" in str(info.value)
    with pytest.raises(danchu.RuleError) as info:
        logic.apply({"throw": {"type": "Custom", "detail": 3}})
    assert info.value.thrown == {"type": "Custom", "detail": 3}


def test_dates_in_and_out():
    held = dt.date(2018, 2, 10)
    assert logic.apply({"add_months": [{"var": "d"}, 1]}, {"d": held}) == dt.date(2018, 3, 10)
    assert logic.apply({"add_months": ["2018-01-31", 1, "keep_last"]}) == dt.date(2018, 2, 28)
    assert logic.apply({"<": [{"var": "d"}, "2018-03-01"]}, {"d": held}) is True
    assert logic.apply({"days_between": ["2018-01-01", {"var": "d"}]}, {"d": held}) == 40
    assert logic.apply({"var": "x"}, {"x": (1, 2)}) == [1, 2]


def test_compile_checks_facts_and_types():
    facts = {"staff": "number", "held_on": "date", "meetings": "events"}
    with pytest.raises(danchu.RuleError, match='did you mean "staff"'):
        logic.compile({">=": [{"var": "staf"}, 1]}, facts, file="packs/x.json", pointer="/rules/3/condition")
    with pytest.raises(danchu.RuleError, match=r"packs/x.json:/rules/3/condition/\+/0"):
        logic.compile({"+": [{"var": "held_on"}, 1]}, facts, file="packs/x.json", pointer="/rules/3/condition")
    p = logic.compile({"in_window": [{"var": "held_on"}, {"period_end": []}, {"months": 3}]}, facts)
    assert p.result_type == "boolean"
    assert "boolean" in repr(p)
    assert p.evaluate({"held_on": "2019-03-01"}, period_start="2018-01-01", period_end="2018-12-31") is True
    assert p.evaluate({"held_on": None}, period_start="2018-01-01", period_end="2018-12-31") is None
    with pytest.raises(danchu.ArgumentError):
        p.evaluate({"nope": 1})


def test_batch_matches_single_unit_evaluation():
    facts = {"staff": "number", "attended": "number", "held": "boolean", "held_on": "date"}
    rule = {
        "and": [
            {"var": "held"},
            {"ratio_at_least": [{"var": "attended"}, {"var": "staff"}, 2, 3]},
            {"in_period": {"var": "held_on"}},
        ]
    }
    p = logic.compile(rule, facts)
    rng = np.random.default_rng(4)
    n = 500
    staff = rng.integers(10, 200, n).astype(float)
    attended = np.floor(staff * rng.uniform(0.3, 1.0, n))
    attended[::17] = np.nan  # missing evidence
    held = rng.random(n) < 0.8
    held_on = np.datetime64("2018-01-01") + rng.integers(-60, 400, n).astype("timedelta64[D]")
    out = p.evaluate_batch(
        {"staff": staff, "attended": attended, "held": held, "held_on": held_on},
        period_start="2018-01-01",
        period_end=dt.date(2018, 12, 31),
    )
    assert out.dtype == np.int8 and out.shape == (n,)
    for i in range(n):
        one = p.evaluate(
            {
                "staff": float(staff[i]),
                "attended": None if math.isnan(attended[i]) else float(attended[i]),
                "held": bool(held[i]),
                "held_on": str(held_on[i]),
            },
            period_start="2018-01-01",
            period_end="2018-12-31",
        )
        assert out[i] == (-1 if one is None else int(bool(one)))
    assert (out == -1).any() and (out == 1).any() and (out == 0).any()


def test_batch_rejects_ragged_columns():
    p = logic.compile({">": [{"var": "a"}, {"var": "b"}]}, {"a": "number", "b": "number"})
    with pytest.raises(danchu.ArgumentError, match="rows"):
        p.evaluate_batch({"a": np.zeros(3), "b": np.zeros(4)})


def test_a_list_of_dicts_or_a_dataframe_goes_through_the_batch_path():
    pd = pytest.importorskip("pandas")
    facts = {"staff": "number", "attended": "number", "held_on": "date"}
    p = logic.compile(
        {"and": [{"ratio_at_least": [{"var": "attended"}, {"var": "staff"}, 2, 3]}, {"in_period": {"var": "held_on"}}]},
        facts,
    )
    units = [
        {"staff": 90, "attended": 60, "held_on": dt.date(2018, 3, 1)},  # 2/3 exactly, in the period
        {"staff": 90, "attended": 59, "held_on": dt.date(2018, 3, 1)},  # short of 2/3
        {"staff": 90, "attended": None, "held_on": dt.date(2018, 3, 1)},  # unknown
        {"staff": 90, "attended": 90, "held_on": dt.date(2019, 1, 2)},  # after the period
    ]
    period = {"period_start": "2018-01-01", "period_end": "2018-12-31"}
    one_by_one = [p.evaluate(u, **period) for u in units]
    assert one_by_one == [True, False, None, False]
    batch = p.evaluate(units, **period)
    assert batch.dtype == np.int8 and batch.tolist() == [1, 0, -1, 0]
    frame = pd.DataFrame(
        {"staff": [90.0] * 4, "attended": [60, 59, np.nan, 90],
         "held_on": pd.to_datetime(["2018-03-01", "2018-03-01", "2018-03-01", "2019-01-02"])}
    )
    assert p.evaluate(frame, **period).tolist() == [1, 0, -1, 0]
    with pytest.raises(danchu.ArgumentError, match='unknown fact "staf"'):
        p.evaluate([{"staf": 1}])
    with pytest.raises(danchu.ArgumentError, match="item 1"):
        p.evaluate([units[0], 3])
    with pytest.raises(TypeError, match="unexpected keyword"):
        p.evaluate(units[0], period=2018)


def test_apply_caches_rules_by_content_and_reads_only_what_a_rule_reads():
    rule = {">=": [{"var": "a"}, 2]}
    assert logic.apply(rule, {"a": 3}) is True
    assert logic.apply(rule, {"a": 1}) is False  # same rule, other data
    rule[">="][1] = 0  # the same dict changed: compiled again, not found in the cache
    assert logic.apply(rule, {"a": 1}) is True
    assert logic.apply({">=": [{"var": "a"}, 2.0]}, {"a": 2}) is True  # 2 and 2.0 are one number
    assert logic.apply({"==": [{"var": "x"}, True]}, {"x": 1}) is True
    assert logic.apply({"===": [{"var": "x"}, True]}, {"x": 1}) is False  # True is not 1 in a rule
    # members the rule does not read are not converted (an object danchu cannot convert)
    assert logic.apply({"var": "a"}, {"a": 1, "b": object()}) == 1
    # the whole data when the path is empty or computed
    assert logic.apply({"var": ""}, {"a": 1, "b": [2]}) == {"a": 1, "b": [2]}
    assert logic.apply({"var": {"cat": ["b", ""]}}, {"a": 1, "b": 7}) == 7
    with pytest.raises(danchu.ArgumentError):
        logic.apply({"var": ""}, {"a": object()})
    with pytest.raises(TypeError):
        logic.apply()
    # more rules than the cache keeps (512): still right
    assert [logic.apply({"+": [{"var": "a"}, i]}, {"a": 1}) for i in range(600)] == [1 + i for i in range(600)]
