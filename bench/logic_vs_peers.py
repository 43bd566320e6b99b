"""The condition language against other rule evaluators, on the same data.

Ten representative conditions of a democracy-compliance pack (boolean facts,
counts against thresholds, a 2/3 ratio, date windows) over the same synthetic
units, evaluated by

* danchu, batch path: ``danchu.logic.compile(...).evaluate_batch(columns)``
  (typed mode, dates as ``datetime64``; the C++ loop over units);
* danchu, per unit: ``danchu.logic.apply(rule, unit)`` (plain JSON Logic, like
  the peers);
* ``panzi-json-logic`` and ``json-logic-qubit`` (JSON Logic in Python; dates
  as day numbers since the peers have none);
* ``zen-engine`` (GoRules; the conditions rewritten in its expression
  language, compiled once with ``zen.compile_expression``).

The two JSON Logic packages install the same module name (``json_logic``), so
each lives in its own ``pip install --target`` folder (``--peers-dir``;
created with pip when missing). Every implementation's pass counts are checked
against danchu's. Results go to BENCHMARKS.md.

    python bench/logic_vs_peers.py --units 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

import danchu
from danchu import logic

EPOCH = dt.date(1970, 1, 1)
PS = (dt.date(2018, 1, 1) - EPOCH).days
PE = (dt.date(2018, 12, 31) - EPOCH).days
PE3 = (dt.date(2019, 3, 31) - EPOCH).days  # end of "three months after the year"

FACTS = {
    "staff": "number", "attended": "number", "conference_held": "boolean",
    "conference_date": "date", "report_date": "date", "request_date": "date",
    "convened_date": "date", "meetings": "number", "complaints_received": "number",
    "complaints_resolved": "number", "board_members": "number", "dissemination": "number",
    "inspection_done": "boolean", "report_sent": "boolean",
}

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
     {"<=": [V("ps"), V("conference_day"), V("pe")]},
     "conference_day >= ps and conference_day <= pe"),
    ("report within 3 months after year end",
     {"in_window": [V("report_date"), {"period_end": []}, {"months": 3}]},
     {"<=": [V("pe"), V("report_day"), V("pe3")]},
     "report_day >= pe and report_day <= pe3"),
    ("convened within 15 days of request",
     {"<=": [0, {"days_between": [V("request_date"), V("convened_date")]}, 15]},
     {"<=": [0, {"-": [V("convened_day"), V("request_day")]}, 15]},
     "convened_day - request_day >= 0 and convened_day - request_day <= 15"),
    ("complaints resolved",
     {"or": [{"==": [V("complaints_received"), 0]}, {">=": [V("complaints_resolved"), V("complaints_received")]}]},
     {"or": [{"==": [V("complaints_received"), 0]}, {">=": [V("complaints_resolved"), V("complaints_received")]}]},
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


def make_units(n: int, seed: int = 2018):
    rng = np.random.default_rng(seed)
    staff = rng.integers(5, 401, n)
    req = PS + rng.integers(0, 301, n)
    received = rng.integers(0, 21, n)
    cols = {
        "staff": staff,
        "attended": staff * rng.integers(40, 101, n) // 100,
        "conference_held": rng.random(n) < 0.8,
        "conference_day": PS + rng.integers(-30, 381, n),
        "report_day": PE + rng.integers(-20, 121, n),
        "request_day": req,
        "convened_day": req + rng.integers(0, 26, n),
        "meetings": rng.integers(0, 5, n),
        "complaints_received": received,
        "complaints_resolved": np.maximum(received - rng.integers(0, 4, n), 0),
        "board_members": rng.integers(0, 6, n),
        "dissemination": rng.integers(0, 7, n),
        "inspection_done": rng.random(n) < 0.7,
        "report_sent": rng.random(n) < 0.9,
    }
    return cols


def danchu_columns(cols):
    out = {k: v for k, v in cols.items() if not k.endswith("_day")}
    for k in ("conference", "report", "request", "convened"):
        out[f"{k}_date"] = cols[f"{k}_day"].astype("datetime64[D]")
    return out


def unit_dicts(cols, n):
    keys = list(cols)
    lists = [cols[k].tolist() for k in keys]
    units = []
    for i in range(n):
        u = {k: lst[i] for k, lst in zip(keys, lists)}
        u["ps"], u["pe"], u["pe3"] = PS, PE, PE3
        units.append(u)
    return units


def load_json_logic(folder: Path, package: str):
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


def timed(fn):
    """CPU seconds of this process (the machine may be shared) and the result."""
    t0 = time.process_time()
    result = fn()
    return time.process_time() - t0, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--peers-dir", type=Path, default=Path(__file__).resolve().parent.parent / "build" / "peers")
    ap.add_argument("--skip", nargs="*", default=[], help="implementations to skip (panzi, qubit, zen, apply)")
    args = ap.parse_args()
    n = args.units
    cols = make_units(n)
    dcols = danchu_columns(cols)
    evals = n * len(CONDITIONS)
    rows = []

    # danchu batch path (reference pass counts)
    programs = [logic.compile(typed, FACTS) for _, typed, _, _ in CONDITIONS]
    def batch():
        return [p.evaluate_batch(dcols, period_start="2018-01-01", period_end="2018-12-31") for p in programs]
    secs, outs = timed(batch)
    reference = [int((o == 1).sum()) for o in outs]
    rows.append(("danchu (Python batch, compiled)", secs, reference))

    units = unit_dicts(cols, n)
    plain = [p for _, _, p, _ in CONDITIONS]

    def per_unit(apply_fn):
        return [sum(1 for u in units if apply_fn(rule, u) is True) for rule in plain]

    if "apply" not in args.skip:
        secs, counts = timed(lambda: per_unit(logic.apply))
        rows.append(("danchu.logic.apply (per unit, JSON)", secs, counts))
    if "zen" not in args.skip:
        import zen
        exprs = [zen.compile_expression(z) for _, _, _, z in CONDITIONS]
        secs, counts = timed(lambda: [sum(1 for u in units if e.evaluate(u) is True) for e in exprs])
        rows.append(("zen-engine (compiled expressions)", secs, counts))
    for key, package in (("panzi", "panzi-json-logic"), ("qubit", "json-logic-qubit")):
        if key in args.skip:
            continue
        json_logic = load_json_logic(args.peers_dir / key, package)
        secs, counts = timed(lambda: per_unit(json_logic))
        rows.append((f"{package} (per unit)", secs, counts))

    print(f"{n} units x {len(CONDITIONS)} conditions = {evals} evaluations; danchu {danchu.__version__}")
    print(f"{'implementation':42} {'CPU s':>9} {'evals/s':>12} {'vs danchu batch':>16}  agrees")
    base = rows[0][1]
    for name, secs, counts in rows:
        agree = "yes" if counts == reference else f"NO {counts}"
        print(f"{name:42} {secs:9.3f} {evals / secs:12.0f} {secs / base:15.1f}x  {agree}")
    print("pass counts per condition:", dict(zip([c[0] for c in CONDITIONS], reference)))
    return 0 if all(r[2] == reference for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
