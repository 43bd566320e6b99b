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
