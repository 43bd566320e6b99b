"""Python path of the schedule and agenda on a SYNTHETIC province.

    python bench/schedule_bench.py [--units 10000] [--repeat 3]

Generates the sample province (danchu.sample, seed 2018) and its Decree
04/2015-regime records, then times: loading the records from a DataFrame,
building the 2018 schedule (Decree 04/2015 + the Bắc Giang letter) as of
2018-06-14 on the civil-servant calendar, the 30-day agenda, and the
schedule's DataFrame. Reports the best of `repeat` runs, wall-clock and
process CPU time (the CPU time is the fair figure on a busy machine).
"""

from __future__ import annotations

import argparse
import time

import danchu.sample as sample
import danchu.schedule as dsch


def timed(label: str, fn, repeat: int):
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(f"| {label} | {best_cpu * 1e3:.0f} ms | {best_wall * 1e3:.0f} ms |")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()

    org = sample.province(units=a.units, seed=2018)
    rec = timed("`sample.records(org, \"vn.decree-04-2015\")` (generate)",
                lambda: sample.records(org, "vn.decree-04-2015", seed=2018), a.repeat)
    subs, events = rec.submissions, rec.events
    print(f"<!-- {len(org)} units, {rec.submission_count} submissions, {rec.event_count} events -->")
    rec2 = timed("`Records.from_pandas(submissions, events)`",
                 lambda: dsch.Records.from_pandas(subs, events), a.repeat)
    obs = dsch.load_obligations("vn.decree-04-2015", "vn.bac-giang.2018-05-09")
    dsch.build(obs, org, rec2, year=2018, as_of="2018-06-14")  # warm the calendar cache
    s = timed("`build(..., year=2018, as_of=\"2018-06-14\")`",
              lambda: dsch.build(obs, org, rec2, year=2018, as_of="2018-06-14"), a.repeat)
    print(f"<!-- {len(s)} occurrences, {len(s.problems)} problems -->")
    timed("`Schedule.to_pandas()`", lambda: dsch.Schedule(s.raw).to_pandas(), a.repeat)
    ag = timed("`Schedule.agenda(days=30)`", lambda: s.agenda(days=30), a.repeat)
    print(f"<!-- agenda: {len(ag)} rows -->")


if __name__ == "__main__":
    main()
