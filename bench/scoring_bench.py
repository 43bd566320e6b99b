"""Python path of scoring and rolling up 100,000 units (compare bench/scoring_bench.cpp).

    python bench/scoring_bench.py [--units 100000] [--repeat 5]

Synthetic data: a province root, 20 departments and 10 districts, the other
units spread over them in turn; verdicts drawn with a fixed seed for the rules
of the bundled Law 10/2022 default scheme. Reports the best of `repeat` runs,
wall-clock and process CPU time (the CPU time is the fair figure on a busy
machine), for: score, roll-up, and score + roll-up + the NumPy columns and
DataFrames an analyst would take.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import danchu.scoring as ds


def build(n_units: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    records = [{"id": "P", "name": "Tỉnh", "kind": "province", "staff": 0}]
    parents = []
    for i in range(20):
        records.append({"id": f"S{i:02d}", "name": f"Sở {i}", "kind": "department",
                        "parent": "P", "staff": 50})
        parents.append(f"S{i:02d}")
    for i in range(10):
        records.append({"id": f"H{i:02d}", "name": f"Huyện {i}", "kind": "district",
                        "parent": "P", "staff": 80})
        parents.append(f"H{i:02d}")
    staff = rng.integers(5, 120, size=n_units)
    for i in range(n_units - len(records)):
        records.append({"id": f"U{i:06d}", "name": f"Đơn vị {i}", "kind": "commune",
                        "parent": parents[i % len(parents)], "staff": int(staff[i])})
    org = ds.organisation(records)
    scheme = ds.load_scheme("default-vn.law-10-2022")
    rules = [{"id": it["rule"], "weight": 1.0 + k % 3}
             for k, it in enumerate(i for c in scheme.criteria for i in c["items"])]
    units = [r["id"] for r in records[1:]]
    x = rng.random((len(units), len(rules)))
    verdicts = np.select([x < 0.70, x < 0.88, x < 0.96], [0, 1, 2], 3).astype(np.uint8)
    credits = np.where(verdicts == 0, 1.0, np.where(verdicts == 1, rng.random(x.shape), 0.0))
    table = ds.findings_table(rules, units, verdicts, credits.astype(np.float32))
    return org, scheme, table


def best(fn, repeat: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return min(wall) * 1e3, min(cpu) * 1e3


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    org, scheme, table = build(a.units)
    card = ds.score(scheme, table)

    def full() -> None:
        c = ds.score(scheme, table)
        r = ds.Rollup(org, c)
        _ = c.totals, c.bands, r.means, r.band_counts

    def frames() -> None:
        c = ds.score(scheme, table)
        r = ds.Rollup(org, c)
        c.to_pandas()
        r.to_pandas()

    rows = [
        ("score", lambda: ds.score(scheme, table)),
        ("rollup", lambda: ds.Rollup(org, card)),
        ("score + rollup + NumPy columns", full),
        ("score + rollup + DataFrames", frames),
    ]
    print(f"{a.units} units, {len(table.rule_ids)} rules, best of {a.repeat}")
    for name, fn in rows:
        w, c = best(fn, a.repeat)
        print(f"{name:34s} wall {w:8.1f} ms   cpu {c:8.1f} ms")


if __name__ == "__main__":
    main()
