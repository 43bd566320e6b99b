"""The synthetic units of the condition-language benchmarks: one generator for
the C++ (bench/logic_bench.cpp) and the Python (bench/logic_vs_peers.py)
benchmarks, so that both measure the same data.

Fourteen facts per unit, drawn with NumPy's PCG64 from a fixed seed; dates are
day numbers since 1970-01-01; one report date in twenty is missing (None /
NaT / an empty CSV cell), so that unknown results occur.

    python bench/bench_units.py --units 100000 -o build/bench-data/units-100000.csv

writes the units as CSV (one row per unit, integers, booleans as 0/1, an empty
cell for a missing value) for the C++ benchmark, which reads the file named by
the environment variable DANCHU_BENCH_UNITS.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np

EPOCH = dt.date(1970, 1, 1)
PS = (dt.date(2018, 1, 1) - EPOCH).days
PE = (dt.date(2018, 12, 31) - EPOCH).days
SEED = 2018

# name -> type, in the C++ benchmark's slot order
FACTS = {
    "staff": "number", "attended": "number", "conference_held": "boolean",
    "conference_date": "date", "report_date": "date", "request_date": "date",
    "convened_date": "date", "meetings": "number", "complaints_received": "number",
    "complaints_resolved": "number", "board_members": "number", "dissemination": "number",
    "inspection_done": "boolean", "report_sent": "boolean",
}


def columns(n: int, seed: int = SEED) -> dict[str, np.ndarray]:
    """The units as columns: int64 numbers and day numbers, bool flags; a
    missing date is the int64 minimum (NumPy's NaT when viewed as
    datetime64[D])."""
    rng = np.random.default_rng(seed)
    staff = rng.integers(5, 401, n)
    req = PS + rng.integers(0, 301, n)
    received = rng.integers(0, 21, n)
    report = PE + rng.integers(-20, 121, n)
    report[rng.random(n) < 0.05] = np.iinfo(np.int64).min
    return {
        "staff": staff,
        "attended": staff * rng.integers(40, 101, n) // 100,
        "conference_held": rng.random(n) < 0.8,
        "conference_date": PS + rng.integers(-30, 381, n),
        "report_date": report,
        "request_date": req,
        "convened_date": req + rng.integers(0, 26, n),
        "meetings": rng.integers(0, 5, n),
        "complaints_received": received,
        "complaints_resolved": np.maximum(received - rng.integers(0, 4, n), 0),
        "board_members": rng.integers(0, 6, n),
        "dissemination": rng.integers(0, 7, n),
        "inspection_done": rng.random(n) < 0.7,
        "report_sent": rng.random(n) < 0.9,
    }


def missing(col: np.ndarray) -> np.ndarray:
    return col == np.iinfo(np.int64).min if col.dtype == np.int64 else np.zeros(len(col), bool)


def write_csv(path: Path, cols: dict[str, np.ndarray]) -> None:
    names = list(FACTS)
    n = len(cols[names[0]])
    text = []
    for name in names:
        c = cols[name]
        s = c.astype(np.int64).astype(str).astype(object)
        s[missing(c)] = ""
        text.append(s)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(names) + "\n")
        for i in range(n):
            f.write(",".join(t[i] for t in text) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    write_csv(args.output, columns(args.units, args.seed))
    print(f"wrote {args.units} units to {args.output}")


if __name__ == "__main__":
    main()
