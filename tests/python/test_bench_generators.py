"""The one generator of the rule-pack benchmarks (bench/bench_evidence.py) gives
C++ and Python the same evidence: the CSV files evaluate_bench reads and the
DataFrame bench/pack_batch.py passes to `Evidence.from_dataframe` evaluate to the
same findings, cell by cell (issue 14 §5: one data generator for the C++ and
Python benchmarks, every result checked)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import danchu

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
bench_evidence = pytest.importorskip("bench_evidence")
pytest.importorskip("pandas")


def test_files_and_dataframe_give_the_same_findings(tmp_path: Path) -> None:
    cols = bench_evidence.units(400, seed=3)
    bench_evidence.write(tmp_path, cols)
    pack = danchu.load_pack(bench_evidence.PACK)
    org = danchu.load_organisation(str(tmp_path / "organisation.csv"))
    assert len(org) == 400
    from_files = danchu.Evidence.from_csv(str(tmp_path / "evidence.csv"), pack, org, period=bench_evidence.PERIOD)
    from_frame = danchu.Evidence.from_dataframe(bench_evidence.frame(cols), pack, org, period=bench_evidence.PERIOD)
    assert len(from_files) == len(from_frame)
    a = danchu.evaluate(pack, org, from_files, period=bench_evidence.PERIOD)
    b = danchu.evaluate(pack, org, from_frame, period=bench_evidence.PERIOD)
    assert np.array_equal(np.asarray(a.verdict_codes), np.asarray(b.verdict_codes))
    assert np.array_equal(np.asarray(a.credits), np.asarray(b.credits))
    # the data exercises the pack: passes, failures, not applicable and unknown all occur
    codes = set(np.unique(np.asarray(a.verdict_codes)).tolist())
    assert {0, 1, 2, 3} <= codes


def test_the_generator_is_deterministic_and_keeps_the_facts_in_range() -> None:
    a, b = bench_evidence.units(300), bench_evidence.units(300)
    assert all(np.array_equal(np.asarray(a[k], dtype=object), np.asarray(b[k], dtype=object)) for k in a
               if not isinstance(a[k], tuple))
    summoned, _ = a["conference.summoned"]
    attendance, _ = a["conference.attendance"]
    votes, _ = a["conference.resolution_votes_for"]
    assert (summoned <= a["staff"]).all() and (attendance <= summoned).all() and (votes <= attendance).all()
    given = a["conference.resolution_votes_for"][1]
    assert 0.8 < given.mean() < 0.97  # about one value in ten missing
