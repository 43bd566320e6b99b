"""The synthetic units of the rule-pack benchmarks: one generator for the C++
(bench/evaluate_bench.cpp) and the Python (bench/pack_batch.py) evaluation of
the Decree 04/2015 pack (`vn.decree-04-2015`), so that both evaluate the same
evidence.

N units of five kinds (department, district, public service unit, school,
commune; staff 10-409) and 26 facts each, drawn with NumPy's PCG64 from a
fixed seed: the conference (date in January-March 2018, type full or delegate,
summoned <= staff, attendance <= summoned, votes <= attendance, contents
covered 0-9), publicity (items 0-8, delay 0-5 working days, posting 20-39
days), 6-12 monthly briefings (an `events` fact), the people's inspection
board (recommendations 0-3 received and some resolved, exists 4 in 5, 3-9
members, elected in 2017) and eleven yes/no facts (2 in 3 yes). Most facts
are missing for one unit in ten (summoned, attendance, recommendations and
`bttnd.exists` are always given), so that every verdict occurs.

    python bench/bench_evidence.py --units 100000 -o build/bench-data/decree04-100000

writes `organisation.csv` (id, kind, staff) and `evidence.csv` (wide: unit,
one column per fact, an empty cell for a missing value, the briefings' dates
joined by `;`) into the folder; evaluate_bench reads the folder named by the
environment variable DANCHU_BENCH_EVIDENCE. `frame(n)` gives the same units
as a pandas DataFrame (what `danchu.Evidence.from_dataframe` takes).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np

SEED = 42
PACK = "vn.decree-04-2015"
PERIOD = "2018"
KINDS = np.array(["department", "district", "public_service_unit", "school", "commune"], dtype=object)
YES_NO = [
    "conference.head_presided", "conference.union_co_organised", "conference.prep_meeting_held",
    "publicity.forms_ok", "consultation.held", "consultation.results_published",
    "citizens.reception_place", "citizens.suggestion_box", "conference.bttnd_reported",
    "report.democracy_report_sent", "extra.request_received",
]
# the briefings of a unit that held m of them (m = 6..12): the 5th of months 1..m
BRIEFINGS = np.array(
    [";".join(f"2018-{k:02d}-05" for k in range(1, m + 1)) for m in range(13)], dtype=object)


def units(n: int, seed: int = SEED) -> dict[str, Any]:
    """The units and their evidence as columns. Numbers are int64 with a
    boolean mask `<fact>#given`; dates are datetime64[D] (NaT: missing);
    yes/no facts are bool with a mask; strings are object arrays (None: missing)."""
    rng = np.random.default_rng(seed)

    def given() -> np.ndarray:
        return rng.random(n) >= 0.1

    def day(year: int, month: np.ndarray, dom: np.ndarray) -> np.ndarray:
        months = np.datetime64(f"{year}-01", "M") + month.astype("timedelta64[M]")
        return months.astype("datetime64[D]") + (dom - 1).astype("timedelta64[D]")

    kind = KINDS[rng.integers(0, 5, n)]
    staff = 10 + rng.integers(0, 400, n)
    c: dict[str, Any] = {"id": np.char.add("U", np.arange(n).astype(str)).astype(object),
                         "kind": kind, "staff": staff}
    held = day(2018, rng.integers(0, 3, n), 10 + rng.integers(0, 10, n))
    held[~given()] = np.datetime64("NaT")
    c["conference.held_on"] = held
    ctype = np.where(rng.random(n) < 0.75, "full", "delegate").astype(object)
    ctype[~given()] = None
    c["conference.type"] = ctype
    summoned = rng.integers(0, staff + 1)
    attendance = rng.integers(0, summoned + 1)
    c["conference.summoned"] = (summoned, np.ones(n, bool))
    c["conference.attendance"] = (attendance, np.ones(n, bool))
    c["conference.resolution_votes_for"] = (rng.integers(0, attendance + 1), given())
    c["conference.d04_contents_covered"] = (rng.integers(0, 10, n), given())
    c["publicity.d04_items_published"] = (rng.integers(0, 9, n), given())
    c["publicity.max_delay_working_days"] = (rng.integers(0, 6, n), given())
    c["publicity.min_posting_days"] = (rng.integers(20, 40, n), given())
    briefings = BRIEFINGS[rng.integers(6, 13, n)]
    briefings[~given()] = None
    c["briefings.held_on"] = briefings
    received = rng.integers(0, 4, n)
    c["bttnd.recommendations_received"] = (received, np.ones(n, bool))
    c["bttnd.recommendations_resolved"] = (rng.integers(0, received + 1), np.ones(n, bool))
    c["bttnd.exists"] = (rng.random(n) < 0.8, np.ones(n, bool))
    c["bttnd.members"] = (rng.integers(3, 10, n), given())
    elected = day(2017, rng.integers(0, 9, n), np.full(n, 15))
    elected[~given()] = np.datetime64("NaT")
    c["bttnd.elected_on"] = elected
    for k in YES_NO:
        c[k] = (rng.random(n) < 2 / 3, given())
    return c


def organisation_frame(cols: dict[str, Any]) -> Any:
    import pandas as pd

    return pd.DataFrame({"id": cols["id"], "kind": cols["kind"], "staff": cols["staff"]})


def frame(cols: dict[str, Any]) -> Any:
    """The evidence as a wide DataFrame: `unit` and one column per fact
    (nullable Int64 / boolean, datetime64 with NaT, object with None)."""
    import pandas as pd

    out: dict[str, Any] = {"unit": cols["id"]}
    for k, v in cols.items():
        if k in ("id", "kind", "staff"):
            continue
        if isinstance(v, tuple):
            values, mask = v
            dtype = "boolean" if values.dtype == bool else "Int64"
            out[k] = pd.array(values, dtype=dtype)
            out[k][~mask] = pd.NA
        else:
            out[k] = v
    return pd.DataFrame(out)


def write(folder: Path, cols: dict[str, Any]) -> None:
    """organisation.csv and evidence.csv (the text Evidence.from_dataframe would parse)."""
    folder.mkdir(parents=True, exist_ok=True)
    organisation_frame(cols).to_csv(folder / "organisation.csv", index=False, lineterminator="\n")
    frame(cols).to_csv(folder / "evidence.csv", index=False, date_format="%Y-%m-%d", lineterminator="\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    write(args.output, units(args.units, args.seed))
    print(f"wrote {args.units} units to {args.output}/organisation.csv and evidence.csv")


if __name__ == "__main__":
    main()
