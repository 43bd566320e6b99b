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
bench/bench_units.py) and its pass counts are checked too.

The two JSON Logic packages install the same module name (``json_logic``), so
each lives in its own ``pip install --target`` folder (``--peers-dir``;
created with pip when missing).

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
    if not (folder / "json_logic").exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(folder), package],
                       check=True)
    for name in [m for m in sys.modules if m == "json_logic" or m.startswith("json_logic.")]:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    try:
        module = importlib.import_module("json_logic")
    finally:
        sys.path.remove(str(folder))
    return module.jsonLogic


def package_version(folder: Path | None, name: str) -> str:
    from importlib import metadata
    try:
        if folder is None:
            return metadata.version(name)
        dists = metadata.distributions(path=[str(folder)])
        for d in dists:
            if d.metadata["Name"].lower().replace("_", "-") == name:
                return d.version
    except Exception:
        pass
    return "?"


def run_cxx(binary: str, cols: dict[str, np.ndarray], n: int, work: Path) -> tuple[float, list[int]]:
    """The C++ benchmark on the same units: (CPU seconds per run, pass counts)."""
    csv = work / f"units-{n}.csv"
    bench_units.write_csv(csv, cols)
    out = subprocess.run(
        [binary, "--benchmark_filter=BM_logic_ten_conditions", "--benchmark_format=json",
         "--benchmark_repetitions=3", "--benchmark_min_time=0.5"],
        check=True, capture_output=True, text=True, env=dict(os.environ, DANCHU_BENCH_UNITS=str(csv)))
    runs = [b for b in json.loads(out.stdout)["benchmarks"] if b.get("run_type") == "iteration"]
    if not runs:
        raise SystemExit("the C++ benchmark reported no run")
    secs = statistics.median(b["cpu_time"] for b in runs) / 1e3  # milliseconds -> seconds
    passes = [int(runs[0][f"pass_{i}"]) for i in range(len(CONDITIONS))]
    if int(runs[0]["units"]) != n:
        raise SystemExit(f"the C++ benchmark read {runs[0]['units']} units, expected {n}")
    return secs, passes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peers-dir", type=Path, default=Path(__file__).resolve().parent.parent / "build" / "peers")
    ap.add_argument("--skip", nargs="*", default=[],
                    help="implementations to skip: dicts, evaluate, apply, zen, panzi, qubit")
    ap.add_argument("--cxx", help="path of the logic_bench executable (C++ on the same units)")
    args = ap.parse_args()
    n = args.units
    cols = bench_units.columns(n)
    dcols = danchu_columns(cols)
    tdicts = typed_dicts(cols, n)
    pdicts = plain_dicts(cols, n)
    evals = n * len(CONDITIONS)
    programs = [logic.compile(typed, FACTS) for _, typed, _, _ in CONDITIONS]
    plain = [p for _, _, p, _ in CONDITIONS]
    period = {"period_start": "2018-01-01", "period_end": "2018-12-31"}

    # Each implementation: () -> list (per condition) of boolean arrays "the result is True".
    impls: dict[str, Callable[[], list[np.ndarray]]] = {}
    impls["danchu batch (evaluate_batch, NumPy columns)"] = lambda: [
        p.evaluate_batch(dcols, **period) == 1 for p in programs]
    if "dicts" not in args.skip:
        impls["danchu batch (evaluate, list of dicts)"] = lambda: [
            p.evaluate(tdicts, **period) == 1 for p in programs]
    if "evaluate" not in args.skip:
        def per_call_evaluate() -> list[np.ndarray]:
            out = []
            for p in programs:
                ev = p.evaluate
                out.append(np.array([ev(u, **period) is True for u in tdicts]))
            return out
        impls["danchu per call (Program.evaluate(dict))"] = per_call_evaluate

    def per_call(fn: Callable[[Any, Any], Any]) -> Callable[[], list[np.ndarray]]:
        return lambda: [np.array([fn(rule, u) is True for u in pdicts]) for rule in plain]

    if "apply" not in args.skip:
        impls["danchu per call (logic.apply(rule, dict))"] = per_call(logic.apply)
    versions = {"danchu": danchu.__version__, "numpy": np.__version__}
    if "zen" not in args.skip:
        import zen
        exprs = [zen.compile_expression(z) for _, _, _, z in CONDITIONS]
        impls["zen-engine per call (compiled expression)"] = lambda: [
            np.array([e.evaluate(u) is True for u in pdicts]) for e in exprs]
        versions["zen-engine"] = package_version(None, "zen-engine")
    for key, package in (("panzi", "panzi-json-logic"), ("qubit", "json-logic-qubit")):
        if key in args.skip:
            continue
        impls[f"{package} per call"] = per_call(load_json_logic(args.peers_dir / key, package))
        versions[package] = package_version(args.peers_dir / key, package)

    load_before = os.getloadavg()
    times: dict[str, list[float]] = {name: [] for name in impls}
    reference: list[np.ndarray] | None = None
    mismatches = []
    for rep in range(args.repeat):
        for name, fn in impls.items():
            t0 = time.process_time()
            result = fn()
            times[name].append(time.process_time() - t0)
            if reference is None:
                reference = result
                continue
            if rep == 0:
                for i, (a, b) in enumerate(zip(reference, result)):
                    if not np.array_equal(a, b):
                        bad = np.flatnonzero(a != b)
                        mismatches.append(f"{name}: condition {CONDITIONS[i][0]!r} differs for "
                                          f"{len(bad)} units (first: unit {bad[0]})")
    load_after = os.getloadavg()
    assert reference is not None
    passes = [int(r.sum()) for r in reference]

    cxx = None
    if args.cxx:
        cxx_secs, cxx_passes = run_cxx(args.cxx, cols, n, args.peers_dir.parent / "bench-data")
        if cxx_passes != passes:
            mismatches.append(f"C++ logic_bench pass counts {cxx_passes} != Python {passes}")
        cxx = cxx_secs

    print(f"{n:,} units x {len(CONDITIONS)} conditions = {evals:,} evaluations; "
          f"Python {platform.python_version()}; " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"CPU time (time.process_time), {args.repeat} interleaved repeats; load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after ({os.cpu_count()} CPUs)")
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"| {'implementation':45} | median CPU s | min CPU s | ns per evaluation |")
    print("|---|---:|---:|---:|")
    if cxx is not None:
        print(f"| {'danchu C++ (logic_bench, same units)':45} | {cxx:.3f} | – | {cxx / evals * 1e9:.0f} |")
    for name, ts in times.items():
        print(f"| {name:45} | {med[name]:.3f} | {min(ts):.3f} | {med[name] / evals * 1e9:.0f} |")

    def ratio(slow: str, fast: str) -> None:
        if slow in med and fast in med:
            print(f"| {fast} | {slow} | {med[slow] / med[fast]:.1f}x |")

    print("\nLike-for-like pairs (ratio of median CPU times; > 1: danchu faster)")
    print("| danchu | peer | ratio |")
    print("|---|---|---:|")
    batch = "danchu batch (evaluate_batch, NumPy columns)"
    peers = [k for k in impls if not k.startswith("danchu")]
    for p in peers:
        ratio(p, batch)
    for p in peers:
        ratio(p, "danchu batch (evaluate, list of dicts)")
    for p in peers:
        ratio(p, "danchu per call (Program.evaluate(dict))")
    for p in peers:
        ratio(p, "danchu per call (logic.apply(rule, dict))")
    if cxx is not None:
        print(f"| Python batch / C++ on the same units | | {med[batch] / cxx:.2f} |")
    print("pass counts per condition:", dict(zip([c[0] for c in CONDITIONS], passes)))
    if mismatches:
        print("MISMATCH:\n  " + "\n  ".join(mismatches))
        return 1
    print("every result of every implementation agrees with danchu's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
