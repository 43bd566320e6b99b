"""The condition language against other rule evaluators: same conditions, same
units, every result checked, CPU time of interleaved repeats.

Ten representative conditions of a democracy-compliance pack (boolean facts,
counts against thresholds, a 2/3 ratio, date windows) over the synthetic
units of bench/bench_units.py (the generator bench/logic_bench.cpp reads
too). Implementations:

* danchu batch: ``Program.evaluate_batch(columns)`` (NumPy columns, dates as
  datetime64; one C++ loop per condition);
* danchu batch from dicts: ``Program.evaluate(list_of_dicts)`` (one call);
* danchu per call: ``Program.evaluate(unit_dict)`` (typed; the unit's facts
  as a dict of Python values, dates as ``datetime.date``);
* danchu per call: ``danchu.logic.apply(rule, unit_dict)`` (plain JSON Logic
  over day numbers, like the JSON Logic peers);
* ``zen-engine``: the conditions in its expression language, compiled once
  (``zen.compile_expression``), ``evaluate(unit_dict)`` per unit: its
  fastest path from Python (it has no batch entry point for expressions);
* ``panzi-json-logic`` and ``json-logic-qubit``: ``jsonLogic(rule, unit)``
  per unit (dates as day numbers).

Every implementation's result for every (unit, condition) is compared with
danchu's batch result ("passes" = the result is ``True``); any difference
fails the run (exit status 1). Times are CPU seconds of this process
(``time.process_time``); each implementation runs --repeat times, the
repeats interleaved (round-robin), and the median and the minimum are
reported with the load average. With ``--cxx PATH`` the C++ benchmark
(bench/logic_bench.cpp) runs on the same units (written to a CSV by
bench/bench_units.py) once per repeat, interleaved with the others, and its
pass counts are checked too.

The peers are installed when missing (bench/peers.py, at the versions of
bench/requirements-peers.txt). The two JSON Logic packages install the same
module name (``json_logic``), so each lives in its own ``pip install
--target`` folder (``--peers-dir``). bench/run_issue14.py runs the same
rounds interleaved with the other benchmarks of issue 14.

    python bench/logic_vs_peers.py --units 100000 --repeat 3 --cxx build/bench/bench/logic_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_units
import peers

import danchu
from danchu import logic

FACTS = bench_units.FACTS
PS, PE = bench_units.PS, bench_units.PE
PE3 = (dt.date(2019, 3, 31) - bench_units.EPOCH).days  # end of "three months after the year"

V = lambda name: {"var": name}  # noqa: E731

# (name, danchu typed rule, plain JSON Logic rule over day numbers, zen expression)
CONDITIONS = [
    ("conference held",
     {"==": [V("conference_held"), True]},
     {"==": [V("conference_held"), True]},
     "conference_held == true"),
    ("quorum 2/3",
     {"and": [V("conference_held"), {"ratio_at_least": [V("attended"), V("staff"), 2, 3]}]},
     {"and": [V("conference_held"), {">=": [{"*": [V("attended"), 3]}, {"*": [V("staff"), 2]}]}]},
     "conference_held and attended * 3 >= staff * 2"),
    ("meetings >= 2",
     {">=": [V("meetings"), 2]},
     {">=": [V("meetings"), 2]},
     "meetings >= 2"),
    ("conference in period",
     {"in_period": V("conference_date")},
     {"<=": [V("ps"), V("conference_date"), V("pe")]},
     "conference_date >= ps and conference_date <= pe"),
    ("report within 3 months after year end",
     {"in_window": [V("report_date"), {"period_end": []}, {"months": 3}]},
     {"and": [{"!=": [V("report_date"), None]}, {"<=": [V("pe"), V("report_date"), V("pe3")]}]},
     "report_date != null and report_date >= pe and report_date <= pe3"),
    ("convened within 15 days of request",
     {"<=": [0, {"days_between": [V("request_date"), V("convened_date")]}, 15]},
     {"<=": [0, {"-": [V("convened_date"), V("request_date")]}, 15]},
     "convened_date - request_date >= 0 and convened_date - request_date <= 15"),
    ("complaints resolved",
     {"or": [{"==": [V("complaints_received"), 0]},
             {">=": [V("complaints_resolved"), V("complaints_received")]}]},
     {"or": [{"==": [V("complaints_received"), 0]},
             {">=": [V("complaints_resolved"), V("complaints_received")]}]},
     "complaints_received == 0 or complaints_resolved >= complaints_received"),
    ("board if staff >= 100",
     {"or": [{"<": [V("staff"), 100]}, {">=": [V("board_members"), 3]}]},
     {"or": [{"<": [V("staff"), 100]}, {">=": [V("board_members"), 3]}]},
     "staff < 100 or board_members >= 3"),
    ("dissemination by size",
     {"if": [{">=": [V("staff"), 200]}, {">=": [V("dissemination"), 4]}, {">=": [V("dissemination"), 2]}]},
     {"if": [{">=": [V("staff"), 200]}, {">=": [V("dissemination"), 4]}, {">=": [V("dissemination"), 2]}]},
     "staff >= 200 ? dissemination >= 4 : dissemination >= 2"),
    ("inspected and reported",
     {"and": [V("inspection_done"), V("report_sent")]},
     {"and": [V("inspection_done"), V("report_sent")]},
     "inspection_done and report_sent"),
]


def danchu_columns(cols: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Dates as datetime64[D] (the int64 minimum is NaT: missing)."""
    return {k: (c.astype("datetime64[D]") if FACTS[k] == "date" else c) for k, c in cols.items()}


def typed_dicts(cols: dict[str, np.ndarray], n: int) -> list[dict[str, Any]]:
    """One dict of Python values per unit, as Program.evaluate takes them."""
    keys = list(cols)
    lists = []
    for k in keys:
        c = cols[k]
        if FACTS[k] == "date":
            lists.append([None if m else bench_units.EPOCH + dt.timedelta(days=int(d))
                          for d, m in zip(c.tolist(), bench_units.missing(c).tolist())])
        else:
            lists.append(c.tolist())
    return [{k: lst[i] for k, lst in zip(keys, lists)} for i in range(n)]


def plain_dicts(cols: dict[str, np.ndarray], n: int) -> list[dict[str, Any]]:
    """One dict per unit for the JSON Logic peers: dates as day numbers (None when missing)."""
    keys = list(cols)
    lists = []
    for k in keys:
        c = cols[k]
        lst = c.tolist()
        if FACTS[k] == "date":
            lst = [None if m else d for d, m in zip(lst, bench_units.missing(c).tolist())]
        lists.append(lst)
    units = []
    for i in range(n):
        u = {k: lst[i] for k, lst in zip(keys, lists)}
        u["ps"], u["pe"], u["pe3"] = PS, PE, PE3
        units.append(u)
    return units


def load_json_logic(folder: Path, package: str) -> Callable[[Any, Any], Any]:
    """Imports `json_logic` from its own --target folder (installing it if missing)."""
    peers.ensure(package, target=folder)
    for name in [m for m in sys.modules if m == "json_logic" or m.startswith("json_logic.")]:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    try:
        module = importlib.import_module("json_logic")
    finally:
        sys.path.remove(str(folder))
    return module.jsonLogic


BATCH = "danchu batch (evaluate_batch, NumPy columns)"
CXX = "danchu C++ (logic_bench, same units)"


class LogicVsPeers:
    """The units and every implementation prepared once; `round` runs each once,
    checked against danchu's batch result."""

    def __init__(self, units: int, peers_dir: Path, skip: list[str], cxx: str | None = None) -> None:
        n = self.units = units
        cols = bench_units.columns(n)
        dcols = danchu_columns(cols)
        tdicts = typed_dicts(cols, n)
        pdicts = plain_dicts(cols, n)
        self.evals = n * len(CONDITIONS)
        programs = [logic.compile(typed, FACTS) for _, typed, _, _ in CONDITIONS]
        plain = [p for _, _, p, _ in CONDITIONS]
        period = {"period_start": "2018-01-01", "period_end": "2018-12-31"}

        # Each implementation: () -> list (per condition) of boolean arrays "the result is True".
        impls: dict[str, Callable[[], list[np.ndarray]]] = {}
        impls[BATCH] = lambda: [p.evaluate_batch(dcols, **period) == 1 for p in programs]
        if "dicts" not in skip:
            impls["danchu batch (evaluate, list of dicts)"] = lambda: [
                p.evaluate(tdicts, **period) == 1 for p in programs]
        if "evaluate" not in skip:
            def per_call_evaluate() -> list[np.ndarray]:
                out = []
                for p in programs:
                    ev = p.evaluate
                    out.append(np.array([ev(u, **period) is True for u in tdicts]))
                return out
            impls["danchu per call (Program.evaluate(dict))"] = per_call_evaluate

        def per_call(fn: Callable[[Any, Any], Any]) -> Callable[[], list[np.ndarray]]:
            return lambda: [np.array([fn(rule, u) is True for u in pdicts]) for rule in plain]

        if "apply" not in skip:
            impls["danchu per call (logic.apply(rule, dict))"] = per_call(logic.apply)
        self.versions = {"danchu": danchu.__version__, "numpy": np.__version__}
        if "zen" not in skip:
            self.versions["zen-engine"] = peers.ensure("zen-engine")
            import zen
            exprs = [zen.compile_expression(z) for _, _, _, z in CONDITIONS]
            impls["zen-engine per call (compiled expression)"] = lambda: [
                np.array([e.evaluate(u) is True for u in pdicts]) for e in exprs]
        for key, package in (("panzi", "panzi-json-logic"), ("qubit", "json-logic-qubit")):
            if key in skip:
                continue
            impls[f"{package} per call"] = per_call(load_json_logic(peers_dir / key, package))
            self.versions[package] = peers.version(package, peers_dir / key) or "?"
        self.impls = impls
        self.reference = impls[BATCH]()
        self.passes = [int(r.sum()) for r in self.reference]
        self.cxx = cxx
        self.csv = peers_dir.parent / "bench-data" / f"units-{n}.csv"
        if cxx:
            bench_units.write_csv(self.csv, cols)

    def round(self) -> tuple[dict[str, float], list[str]]:
        """Every implementation once (and the C++ benchmark if given): CPU
        seconds, and the results that differ from danchu's batch result."""
        times: dict[str, float] = {}
        mismatches: list[str] = []
        for name, fn in self.impls.items():
            t0 = time.process_time()
            result = fn()
            times[name] = time.process_time() - t0
            for i, (a, b) in enumerate(zip(self.reference, result)):
                if not np.array_equal(a, b):
                    bad = np.flatnonzero(a != b)
                    mismatches.append(f"{name}: condition {CONDITIONS[i][0]!r} differs for "
                                      f"{len(bad)} units (first: unit {bad[0]})")
        if self.cxx:
            secs, cxx_passes = self.cxx_round()
            times[CXX] = secs
            if cxx_passes != self.passes:
                mismatches.append(f"C++ logic_bench pass counts {cxx_passes} != Python {self.passes}")
        return times, mismatches

    def cxx_round(self) -> tuple[float, list[int]]:
        """The C++ benchmark on the same units, one repetition: (CPU seconds per run, pass counts)."""
        assert self.cxx
        out = subprocess.run(
            [self.cxx, "--benchmark_filter=BM_logic_ten_conditions", "--benchmark_format=json",
             "--benchmark_repetitions=1", "--benchmark_min_time=0.5"],
            check=True, capture_output=True, text=True, env=dict(os.environ, DANCHU_BENCH_UNITS=str(self.csv)))
        runs = [b for b in json.loads(out.stdout)["benchmarks"] if b.get("run_type", "iteration") == "iteration"]
        if not runs:
            raise SystemExit("the C++ benchmark reported no run")
        if int(runs[0]["units"]) != self.units:
            raise SystemExit(f"the C++ benchmark read {runs[0]['units']} units, expected {self.units}")
        return runs[0]["cpu_time"] / 1e3, [int(runs[0][f"pass_{i}"]) for i in range(len(CONDITIONS))]


PAIRS_NOTE = "Like-for-like pairs (ratio of median CPU times; > 1: danchu faster)"


def pairs(med: dict[str, float]) -> list[tuple[str, str, float]]:
    """(danchu implementation, peer, ratio of medians) for the like-for-like pairs."""
    out = []
    peer_names = [k for k in med if not k.startswith("danchu")]
    for mine in (BATCH, "danchu batch (evaluate, list of dicts)", "danchu per call (Program.evaluate(dict))",
                 "danchu per call (logic.apply(rule, dict))"):
        for p in peer_names:
            if mine in med and p in med:
                out.append((mine, p, med[p] / med[mine]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peers-dir", type=Path, default=Path(__file__).resolve().parent.parent / "build" / "peers")
    ap.add_argument("--skip", nargs="*", default=[],
                    help="implementations to skip: dicts, evaluate, apply, zen, panzi, qubit")
    ap.add_argument("--cxx", help="path of the logic_bench executable (C++ on the same units)")
    args = ap.parse_args()
    b = LogicVsPeers(args.units, args.peers_dir, args.skip, args.cxx)
    load_before = os.getloadavg()
    times: dict[str, list[float]] = {}
    mismatches: list[str] = []
    for _ in range(args.repeat):
        t, m = b.round()
        for k, v in t.items():
            times.setdefault(k, []).append(v)
        mismatches += m
    load_after = os.getloadavg()
    evals = b.evals

    print(f"{b.units:,} units x {len(CONDITIONS)} conditions = {evals:,} evaluations; "
          f"Python {platform.python_version()}; " + ", ".join(f"{k} {v}" for k, v in b.versions.items()))
    print(f"CPU time (time.process_time), {args.repeat} interleaved repeats; load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after ({os.cpu_count()} CPUs)")
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"| {'implementation':45} | median CPU s | min CPU s | ns per evaluation |")
    print("|---|---:|---:|---:|")
    for name, ts in times.items():
        print(f"| {name:45} | {med[name]:.3f} | {min(ts):.3f} | {med[name] / evals * 1e9:.0f} |")

    print("\n" + PAIRS_NOTE)
    print("| danchu | peer | ratio |")
    print("|---|---|---:|")
    for mine, p, r in pairs(med):
        print(f"| {mine} | {p} | {r:.1f}x |")
    if CXX in med:
        print(f"| Python batch / C++ on the same units | | {med[BATCH] / med[CXX]:.2f} |")
    print("pass counts per condition:", dict(zip([c[0] for c in CONDITIONS], b.passes)))
    if mismatches:
        print("MISMATCH:\n  " + "\n  ".join(mismatches))
        return 1
    print("every result of every implementation agrees with danchu's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
