"""One year's holidays: danchu against the `holidays` package, warm and in a
fresh process, CPU time of interleaved repeats, every year's result checked.

* warm: the libraries imported and each year already asked for once; for each
  year of 2000-2099, `danchu.Calendar.vietnam().holidays(y)` (which returns the
  year's list kept by the calendar) against
  `holidays.country_holidays("VN", years=y)` (the package computes a year
  when its object is made; its per-year cache lives in that object). danchu's
  pass over the 100 years is timed 100 times in a row (one pass is too short
  for the clock), `holidays`' once;
* fresh process: a new Python process imports the library, then times the
  first year (2025) from nothing: danchu loads its data and builds the
  calendar, `holidays` builds its object. The import itself is reported
  apart.

Check: each year, the day `holidays` names "Lunar New Year" must be danchu's
`lunar.lunar_new_year(y)` and a day off in danchu's list; any other result
fails the run (exit 1). `holidays` is installed when missing (bench/peers.py).
bench/run_issue14.py runs the same rounds interleaved with the other
benchmarks of issue 14.

    python bench/calendar_year.py --repeat 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peers

peers.ensure("holidays")
import holidays  # noqa: E402

import danchu  # noqa: E402
from danchu import lunar  # noqa: E402

YEARS = range(2000, 2100)
WARM_PASSES = 100  # danchu's warm pass is repeated this many times per timing

FRESH = {
    "danchu": (
        "import time, danchu; t0 = time.process_time(); "
        "h = danchu.Calendar.vietnam().holidays(2025); t1 = time.process_time(); "
        "assert len(h) > 0; print(t1 - t0)"
    ),
    "holidays": (
        "import time, holidays; t0 = time.process_time(); "
        "h = holidays.country_holidays('VN', years=2025); t1 = time.process_time(); "
        "assert len(h) > 0; print(t1 - t0)"
    ),
}
IMPORT = {"danchu": "import danchu", "holidays": "import holidays"}


def fresh(lib: str) -> float:
    out = subprocess.run([sys.executable, "-c", FRESH[lib]], check=True, capture_output=True, text=True)
    return float(out.stdout)


def import_cpu(lib: str) -> float:
    code = f"import time; t0 = time.process_time(); {IMPORT[lib]}; print(time.process_time() - t0)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout)


ROWS = (("warm (per year, 2000-2099)", "d_warm", "h_warm", "µs", 1e6),
        ("fresh process (2025, after the import)", "d_fresh", "h_fresh", "ms", 1e3),
        ("the import itself", "d_import", "h_import", "ms", 1e3))


class CalendarYear:
    """Both libraries loaded and every year checked once; `round` times each task once."""

    def __init__(self) -> None:
        self.cal = danchu.Calendar.vietnam()
        self.versions = {"danchu": danchu.__version__, "holidays": holidays.__version__}
        self.mismatches = []
        for y, dl, hl in zip(YEARS, self.d_warm(), self.h_warm()):
            tet = [d for d, name in hl.items() if name == "Lunar New Year"]
            days_off = {h.date for h in dl}
            if tet != [lunar.lunar_new_year(y)] or tet[0] not in days_off:
                self.mismatches.append(f"{y}: holidays' Lunar New Year {tet}, danchu {lunar.lunar_new_year(y)}")

    def d_warm(self) -> list:
        return [self.cal.holidays(y) for y in YEARS]

    def h_warm(self) -> list:
        return [holidays.country_holidays("VN", years=y) for y in YEARS]

    def round(self) -> dict[str, float]:
        """CPU seconds of each task once (warm: per year)."""
        t: dict[str, float] = {}
        for key, fn, passes in (("d_warm", self.d_warm, WARM_PASSES), ("h_warm", self.h_warm, 1)):
            t0 = time.process_time()
            for _ in range(passes):
                fn()
            t[key] = (time.process_time() - t0) / (passes * len(YEARS))
        t["d_fresh"] = fresh("danchu")
        t["h_fresh"] = fresh("holidays")
        t["d_import"] = import_cpu("danchu")
        t["h_import"] = import_cpu("holidays")
        return t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    b = CalendarYear()
    load_before = os.getloadavg()
    times: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for k, v in b.round().items():
            times.setdefault(k, []).append(v)
    load_after = os.getloadavg()
    med = {k: statistics.median(v) for k, v in times.items()}
    low = {k: min(v) for k, v in times.items()}
    print(f"danchu {danchu.__version__}, holidays {holidays.__version__}; CPU time (time.process_time), "
          f"{args.repeat} interleaved repeats; load average {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after ({os.cpu_count()} CPUs)")
    print("| one year's holidays | danchu (median / min) | holidays (median / min) | ratio of medians |")
    print("|---|---:|---:|---:|")
    for label, d, h, unit, scale in ROWS:
        print(f"| {label} | {med[d] * scale:.3f} / {low[d] * scale:.3f} {unit} "
              f"| {med[h] * scale:.3f} / {low[h] * scale:.3f} {unit} | {med[h] / med[d]:.1f}x |")
    if b.mismatches:
        print("MISMATCH:\n  " + "\n  ".join(b.mismatches))
        return 1
    print(f"every year's Lunar New Year agrees ({len(YEARS)} years)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
