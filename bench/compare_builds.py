#!/usr/bin/env python3
"""The same Google Benchmark programs built from two commits, compared like for like.

Runs each program of build A and build B in turn (A, B, A, B, ...: interleaved,
so both see the same machine load), ``--rounds`` times, and reports for every
benchmark the median and the minimum CPU time of each build and the ratio
B / A of the medians. The load average is printed with the figures.

Results are checked, not only timed: every counter a benchmark reports that is
not a rate or a time (units, rules, output bytes, values read) must be equal in
both builds, or the script says so and exits 1.

Usage:
  bench/compare_builds.py BUILD_A BUILD_B [--rounds 5] [--filter REGEX] PROGRAM...
e.g. (BENCHMARKS.md, "Before and after issue 10"):
  bench/compare_builds.py ../before/build/bench build/bench --rounds 5 \\
      calendar_bench evaluate_bench logic_bench report_bench scoring_bench
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

# Counters that measure speed or memory rather than describe the result.
TIMING_WORDS = ("/s", "_ms", "MiB", "per_second", "bytes_per_unit")


def run(build: Path, program: str, bench_filter: str) -> dict[str, dict[str, float]]:
    exe = build / "bench" / program
    out = subprocess.run(
        [str(exe), f"--benchmark_filter={bench_filter}", "--benchmark_format=json",
         "--benchmark_min_time=0.2"],
        check=True, capture_output=True, text=True)
    results: dict[str, dict[str, float]] = {}
    for b in json.loads(out.stdout)["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        unit = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b.get("time_unit", "ns")]
        row = {"cpu_ms": float(b["cpu_time"]) * unit}
        for k, v in b.items():
            if isinstance(v, (int, float)) and k not in (
                "cpu_time", "real_time", "iterations", "repetitions", "repetition_index",
                "threads", "family_index", "per_family_instance_index", "items_per_second",
                "bytes_per_second"):
                row["counter:" + k] = float(v)
        results[b["name"]] = row
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build_a", type=Path)
    ap.add_argument("build_b", type=Path)
    ap.add_argument("programs", nargs="+")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--filter", default=".")
    args = ap.parse_args()

    samples: dict[tuple[str, str], dict[str, list[float]]] = {}
    counters: dict[tuple[str, str], dict[str, dict[str, float]]] = {}
    for _ in range(args.rounds):
        for program in args.programs:
            for label, build in (("A", args.build_a), ("B", args.build_b)):
                for name, row in run(build, program, args.filter).items():
                    key = (program, name)
                    samples.setdefault(key, {"A": [], "B": []})[label].append(row["cpu_ms"])
                    counters.setdefault(key, {})[label] = {
                        k: v for k, v in row.items()
                        if k.startswith("counter:") and not any(w in k for w in TIMING_WORDS)}

    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{args.rounds} interleaved rounds; CPU time per iteration")
    print("| program | benchmark | A median (min) ms | B median (min) ms | B / A |")
    print("|---|---|---|---|---|")
    mismatches = []
    for (program, name), s in sorted(samples.items()):
        if not s["A"] or not s["B"]:
            mismatches.append(f"{program} {name}: only in build {'A' if s['A'] else 'B'}")
            continue
        a, b = statistics.median(s["A"]), statistics.median(s["B"])
        print(f"| {program} | `{name}` | {a:.4g} ({min(s['A']):.4g}) | {b:.4g} ({min(s['B']):.4g}) | {b / a:.2f} |")
        ca, cb = counters[(program, name)].get("A", {}), counters[(program, name)].get("B", {})
        for k in sorted(set(ca) & set(cb)):
            if ca[k] != cb[k]:
                mismatches.append(f"{program} {name}: {k[8:]} is {ca[k]} in A, {cb[k]} in B")
    for m in mismatches:
        print("MISMATCH: " + m, file=sys.stderr)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
