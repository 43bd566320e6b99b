"""A rule pack over N units from Python (one batch call) against C++, on the
same evidence, every finding checked, CPU time of interleaved repeats.

The units come from bench/bench_evidence.py (one generator for C++ and
Python): its columns go to Python as a DataFrame
(``danchu.Evidence.from_dataframe``, timed once as "evidence from the
DataFrame") and to the C++ benchmark bench/evaluate_bench.cpp as the CSV files
the same generator writes (read with danchu's loaders). Timed:

* Python batch: ``danchu.evaluate(pack, organisation, evidence, period=2018)``,
  one call for all units (the column evaluator, through the binding);
* C++: ``danchu::evaluate`` in evaluate_bench, column evaluator
  (``columnar:1``) and the per-unit interpreter (``columnar:0``).

Check: evaluate_bench writes its findings (DANCHU_BENCH_FINDINGS) and every
cell (verdict and credit of each unit and rule, for both C++ evaluators) must
equal Python's; any difference fails the run (exit status 1).

Times are CPU time: ``time.process_time`` around the Python call (repeated
until --min-time seconds, the mean per call) and Google Benchmark's
MeasureProcessCPUTime (CLOCK_PROCESS_CPUTIME_ID; --benchmark_min_time, the mean
per iteration). Each repeat runs the C++ benchmark once (one repetition) and
the Python call; the median and minimum of the repeats are printed with the
load average.

    python bench/pack_batch.py --units 100000 --repeat 5 --cxx build/bench/bench/evaluate_bench
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_evidence

import danchu

ROOT = Path(__file__).resolve().parent.parent
CXX_NAMES = {"columnar:1": "C++ column evaluator", "columnar:0": "C++ interpreter"}


class PackBatch:
    """The evidence written and loaded once; `python_round` and `cxx_round`
    time one repeat each; `check` compares the findings."""

    def __init__(self, units: int, cxx: str | None, work: Path, min_time: float = 0.5) -> None:
        self.units = units
        self.cxx = cxx
        self.min_time = min_time
        self.folder = work / f"decree04-{units}"
        cols = bench_evidence.units(units)
        bench_evidence.write(self.folder, cols)
        self.pack = danchu.load_pack(bench_evidence.PACK)
        self.org = danchu.load_organisation(str(self.folder / "organisation.csv"))
        frame = bench_evidence.frame(cols)
        t0 = time.process_time()
        self.evidence = danchu.Evidence.from_dataframe(frame, self.pack, self.org, period=bench_evidence.PERIOD)
        self.evidence_secs = time.process_time() - t0
        self.findings = self.evaluate()
        self.cells = len(self.findings.unit_ids) * len(self.findings.rule_ids)
        self.checked = False

    def evaluate(self) -> Any:
        return danchu.evaluate(self.pack, self.org, self.evidence, period=bench_evidence.PERIOD)

    def python_round(self) -> float:
        """Mean CPU seconds of one Python batch call, over at least min_time (after
        one call not timed, as Google Benchmark's first run is not reported)."""
        self.evaluate()
        calls = 0
        t0 = time.process_time()
        while True:
            self.evaluate()
            calls += 1
            elapsed = time.process_time() - t0
            if elapsed >= self.min_time:
                return elapsed / calls

    def cxx_round(self) -> dict[str, float]:
        """One run of evaluate_bench (both evaluators): CPU seconds per evaluation.
        The first run also writes the findings, which are then checked."""
        assert self.cxx is not None
        env = dict(os.environ, DANCHU_BENCH_EVIDENCE=str(self.folder))
        if not self.checked:
            env["DANCHU_BENCH_FINDINGS"] = str(self.folder)
        out = subprocess.run(
            [self.cxx, "--benchmark_filter=bm_evaluate_decree04", "--benchmark_format=json",
             "--benchmark_repetitions=1", f"--benchmark_min_time={self.min_time}"],
            check=True, capture_output=True, text=True, env=env)
        secs: dict[str, float] = {}
        for b in json.loads(out.stdout)["benchmarks"]:
            if b.get("run_type", "iteration") != "iteration":
                continue
            for key in CXX_NAMES:
                if key in b["name"]:
                    if int(b["units"]) != self.units:
                        raise SystemExit(f"evaluate_bench read {b['units']} units, expected {self.units}")
                    secs[key] = b["cpu_time"] / 1e3  # milliseconds -> seconds
        if set(secs) != set(CXX_NAMES):
            raise SystemExit(f"evaluate_bench reported {sorted(secs)}, expected {sorted(CXX_NAMES)}")
        return secs

    def check(self) -> list[str]:
        """Every cell of both C++ evaluators' findings against Python's."""
        self.checked = True
        problems: list[str] = []
        verdicts = np.asarray(self.findings.verdict_codes).reshape(-1)
        credits = np.asarray(self.findings.credits, dtype=np.float64).reshape(-1)
        head = (self.folder / "findings.txt").read_text(encoding="utf-8").split("\n")
        n_units, n_rules = (int(x) for x in head[0].split())
        rule_ids = [r for r in head[1:] if r]
        py_rules = list(self.findings.rule_ids)
        if (n_units, rule_ids) != (len(self.findings.unit_ids), py_rules):
            extra = sorted(set(rule_ids) ^ set(py_rules))
            problems.append(f"C++ findings are {n_units} units x {len(rule_ids)} rules, Python's "
                            f"{len(self.findings.unit_ids)} x {len(py_rules)} (rules in one only: {extra}; "
                            "is the Python package built from this tree?)")
            return problems
        for key, label in CXX_NAMES.items():
            raw = (self.folder / f"findings-{key.replace(':', '')}.bin").read_bytes()
            if len(raw) != self.cells * 9:
                problems.append(f"{label}: {len(raw)} bytes of findings, expected {self.cells * 9}")
                continue
            v = np.frombuffer(raw, dtype=np.uint8, count=self.cells)
            c = np.frombuffer(raw, dtype="<f8", offset=self.cells)
            for what, a, b in (("verdict", v, verdicts), ("credit", c, credits)):
                bad = np.flatnonzero(a != b)
                if len(bad):
                    u, r = divmod(int(bad[0]), n_rules)
                    problems.append(f"{label}: {len(bad)} cells differ from Python's in the {what} (first: "
                                    f"unit {self.findings.unit_ids[u]}, rule {rule_ids[r]}: C++ {a[bad[0]]}, "
                                    f"Python {b[bad[0]]})")
        return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--min-time", type=float, default=0.5, help="seconds of CPU per timing (both sides)")
    ap.add_argument("--cxx", default=str(ROOT / "build" / "bench" / "bench" / "evaluate_bench"),
                    help="path of the evaluate_bench executable")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "bench-data")
    args = ap.parse_args()
    b = PackBatch(args.units, args.cxx, args.work, args.min_time)
    load_before = os.getloadavg()
    times: dict[str, list[float]] = {"Python batch": [], **{k: [] for k in CXX_NAMES}}
    problems: list[str] = []
    for _ in range(args.repeat):
        for k, s in b.cxx_round().items():
            times[k].append(s)
        if not b.checked:
            problems += b.check()
        times["Python batch"].append(b.python_round())
    load_after = os.getloadavg()
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{bench_evidence.PACK}: {args.units:,} units x {len(b.findings.rule_ids)} rules = {b.cells:,} cells; "
          f"danchu {danchu.__version__}, Python {platform.python_version()}, NumPy {np.__version__}")
    print(f"CPU time, {args.repeat} interleaved repeats; load average {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after ({os.cpu_count()} CPUs)")
    print("| one evaluation | median ms | min ms | ns per cell |")
    print("|---|---:|---:|---:|")
    for key, label in (("columnar:0", "C++ interpreter"), ("columnar:1", "C++ column evaluator"),
                       ("Python batch", "Python batch, danchu.evaluate(...)")):
        print(f"| {label} | {med[key] * 1e3:.1f} | {min(times[key]) * 1e3:.1f} | {med[key] / b.cells * 1e9:.1f} |")
    print(f"| (evidence from the DataFrame, once) | {b.evidence_secs * 1e3:.0f} | | |")
    print(f"Python batch / C++ column evaluator: {med['Python batch'] / med['columnar:1']:.2f} (target <= 1.2); "
          f"interpreter / column evaluator: {med['columnar:0'] / med['columnar:1']:.1f}x")
    if problems:
        print("MISMATCH:\n  " + "\n  ".join(problems))
        return 1
    print(f"every cell agrees: Python and both C++ evaluators ({b.cells:,} verdicts and credits each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
