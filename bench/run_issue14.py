"""Every row of issue 14's table in ONE interleaved run: builds the C++
benchmarks, writes the data (one generator per benchmark for C++ and Python),
then runs --repeat rounds, each round running every row once, and prints a
Markdown table (median and minimum CPU time of the rounds, the ratios, the
targets) with the load average and the command that reproduces each row.

Rows (each benchmark checks its results and the run fails, exit status 1, on a
mismatch):

  A  the Decree 04/2015 pack over N units, C++: per-unit interpreter against the
     column evaluator (bench/evaluate_bench.cpp; units of bench/bench_evidence.py)
  B  the same evaluation from Python, one `danchu.evaluate` call, against C++
     (bench/pack_batch.py; every verdict and credit compared)
  C  ten conditions x N units: danchu (C++, batch, per call) against zen-engine,
     panzi-json-logic and json-logic-qubit (bench/logic_vs_peers.py, logic_bench)
  D  one year's holidays against `holidays`, warm, fresh process, import
     (bench/calendar_year.py)
  E  facts derived from dated events against evaluating them
     (bench/derive_bench.cpp; 10,000 units below --units 100000, else 100,000)
  F  evidence and events ingest, reference reader against simdjson
     (bench/ingest_bench.cpp; fixed sizes: 20,000 units, the sample's events)
  G  with --cli: `danchu report` and `danchu sample --units N` (CPU and peak
     RSS from /usr/bin/time; sample once, report every round)

Times are CPU time of the measuring process (`time.process_time`, Google
Benchmark's CPU time with MeasureProcessCPUTime where the benchmark sets it).
The Python package must be the one built from this tree (scripts/wheel.sh);
the peers are installed when missing (bench/requirements-peers.txt).

    python bench/run_issue14.py --units 100000 --repeat 5 --cli   # the full run
    python bench/run_issue14.py --units 2000 --repeat 1          # a quick check
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# the executables each row needs
TARGETS = {"A": "evaluate_bench", "B": "evaluate_bench", "C": "logic_bench", "E": "derive_bench",
           "F": "ingest_bench", "G": "danchu_cli"}


def sh(cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, text=True, **kw)


def rel(p: Path | str) -> str:
    try:
        return str(Path(p).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(p)


def build(build_dir: Path, jobs: int, targets: list[str]) -> None:
    if not targets:
        return
    if not (build_dir / "CMakeCache.txt").exists():
        sh(["cmake", "-S", str(ROOT), "-B", str(build_dir), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
            "-DDANCHU_BUILD_BENCH=ON", "-DDANCHU_BUILD_CLI=ON", "-DDANCHU_BUILD_TESTS=OFF",
            "-DDANCHU_BUILD_EXAMPLES=OFF"],
           stdout=subprocess.DEVNULL)
    else:  # an existing build folder: the benchmarks and the tool switched on (a no-op when they are)
        sh(["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DDANCHU_BUILD_BENCH=ON", "-DDANCHU_BUILD_CLI=ON"],
           stdout=subprocess.DEVNULL)
    print(f"building {' '.join(targets)} in {rel(build_dir)} (-j{jobs})", file=sys.stderr)
    sh(["cmake", "--build", str(build_dir), "-j", str(jobs), "--target", *targets], stdout=subprocess.DEVNULL)


def gbench(binary: Path, filt: str, min_time: float, env: dict[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """One run of a Google Benchmark executable: benchmark name -> its JSON record."""
    out = sh([str(binary), f"--benchmark_filter={filt}", "--benchmark_format=json", "--benchmark_repetitions=1",
              f"--benchmark_min_time={min_time}"], capture_output=True, env=dict(os.environ, **(env or {})))
    return {b["name"]: b for b in json.loads(out.stdout)["benchmarks"]
            if b.get("run_type", "iteration") == "iteration"}


def ms(b: dict[str, Any]) -> float:
    """A Google Benchmark record's CPU time per iteration in seconds."""
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
    return float(b["cpu_time"]) * scale


def timed_cli(cmd: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and peak RSS (MB) of a command, from /usr/bin/time."""
    with open(os.devnull, "w") as null:
        r = subprocess.run(["/usr/bin/time", "-f", "TIME %U %S %M", *cmd], stdout=null, stderr=subprocess.PIPE,
                           text=True)
    m = re.search(r"TIME ([\d.]+) ([\d.]+) (\d+)", r.stderr)
    if r.returncode != 0 or not m:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {r.returncode}):\n{r.stderr[-2000:]}")
    return float(m.group(1)) + float(m.group(2)), int(m.group(3)) / 1024


class Run:
    """Per-round measurements: key -> list of values (seconds, or MB / MB/s as named)."""

    def __init__(self) -> None:
        self.values: dict[str, list[float]] = {}
        self.problems: list[str] = []
        self.loads: list[float] = []

    def add(self, key: str, v: float) -> None:
        self.values.setdefault(key, []).append(v)

    def med(self, key: str) -> float:
        return statistics.median(self.values[key])

    def low(self, key: str) -> float:
        return min(self.values[key])

    def high(self, key: str) -> float:
        return max(self.values[key])

    def has(self, *keys: str) -> bool:
        return all(k in self.values for k in keys)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=100_000, help="units of rows A, B, C and G (default 100000)")
    ap.add_argument("--repeat", type=int, default=5, help="interleaved rounds (default 5)")
    ap.add_argument("--min-time", type=float, default=0.5, help="CPU seconds per C++ / Python pack timing")
    ap.add_argument("--cli", action="store_true", help="also row G: danchu sample and danchu report (minutes)")
    ap.add_argument("--province", type=Path, default=None,
                    help="row G: run `danchu report` on this province (organisation.json, evidence/2017-H1.json, "
                         "2017-H2.json; e.g. from bench/make_report_inputs) instead of making one with "
                         "`danchu sample` (which then is not timed)")
    ap.add_argument("--only", default="ABCDEFG", help="rows to run, e.g. ABC (default all; G needs --cli)")
    ap.add_argument("--keep-province", action="store_true",
                    help="keep row G's sample province and report under --work (removed by default: large)")
    ap.add_argument("--danchu", type=Path, help="the danchu tool for row G (default: built in --build-dir)")
    ap.add_argument("--build-dir", type=Path, default=ROOT / "build" / "bench")
    ap.add_argument("--no-build", action="store_true", help="use the executables already built")
    ap.add_argument("--jobs", type=int, default=1, help="build jobs (default 1)")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "bench-data", help="data written here")
    ap.add_argument("--json", type=Path, help="also write every round's measurements here")
    args = ap.parse_args()
    for a in ("danchu", "build_dir", "work", "json"):  # relative to where the script was started
        if getattr(args, a) is not None:
            setattr(args, a, getattr(args, a).resolve())
    os.chdir(ROOT)  # the commands printed are relative to the source tree
    rows = set(args.only.upper()) - (set() if args.cli else {"G"})
    n, bdir = args.units, args.build_dir
    exe = bdir / "bench"
    started = dt.datetime.now(dt.timezone.utc)
    if not args.no_build:
        need = {TARGETS[r] for r in rows if r in TARGETS and not (r == "G" and args.danchu)}
        build(bdir, args.jobs, sorted(need))
    args.work.mkdir(parents=True, exist_ok=True)
    py = os.path.relpath(sys.executable) if sys.executable.startswith(str(Path.cwd()) + os.sep) else "python"
    derive_n = 100_000 if n >= 100_000 else 10_000

    import numpy as np

    import danchu

    run = Run()
    checked: set[str] = set()
    cmds: dict[str, str] = {}
    steps: list[tuple[str, Callable[[int], None]]] = []

    if rows & {"A", "B"}:
        import pack_batch

        pb = pack_batch.PackBatch(n, str(exe / "evaluate_bench"), args.work, args.min_time)
        evdir = rel(pb.folder)
        cmds["A"] = (f"{py} bench/bench_evidence.py --units {n} -o {evdir} && DANCHU_BENCH_EVIDENCE={evdir} "
                     f"{rel(exe / 'evaluate_bench')} --benchmark_repetitions={args.repeat}")
        if "B" in rows:
            cmds["B"] = (f"{py} bench/pack_batch.py --units {n} --repeat {args.repeat} "
                         f"--cxx {rel(exe / 'evaluate_bench')}")

        def pack_round(r: int) -> None:
            for k, s in pb.cxx_round().items():
                run.add(f"pack {k}", s)
            if not pb.checked:
                run.problems += pb.check()
                checked.add("the pack's findings cell by cell (Python and both C++ evaluators)")
            if "B" in rows:
                run.add("pack python", pb.python_round())

        steps.append(("A/B pack", pack_round))

    if "C" in rows:
        import logic_vs_peers as lvp

        lb = lvp.LogicVsPeers(n, ROOT / "build" / "peers", [], str(exe / "logic_bench"))
        cmds["C"] = (f"{py} bench/logic_vs_peers.py --units {n} --repeat {args.repeat} "
                     f"--cxx {rel(exe / 'logic_bench')}")

        def logic_round(r: int) -> None:
            t, m = lb.round()
            for k, v in t.items():
                run.add(f"logic {k}", v)
            run.problems += m
            checked.add("the ten conditions unit by unit against every peer, and the C++ pass counts")

        steps.append(("C logic", logic_round))

    if "D" in rows:
        import calendar_year

        cy = calendar_year.CalendarYear()
        run.problems += cy.mismatches
        checked.add("each year's Lunar New Year (holidays against danchu)")
        cmds["D"] = f"{py} bench/calendar_year.py --repeat {args.repeat}"

        def calendar_round(r: int) -> None:
            for k, v in cy.round().items():
                run.add(f"calendar {k}", v)

        steps.append(("D calendar", calendar_round))

    if "E" in rows:
        filt = f"BM_(derive|evaluate_derived)/{derive_n}/"
        cmds["E"] = f"{rel(exe / 'derive_bench')} --benchmark_filter='{filt}' --benchmark_repetitions={args.repeat}"

        def derive_round(r: int) -> None:
            res = gbench(exe / "derive_bench", filt, args.min_time)
            for name, b in res.items():
                run.add(f"derive {name.split('/')[0]}/{name.split('/')[2]}", ms(b))
            if not any(k.startswith("BM_derive/") for k in res):
                run.problems.append(f"derive_bench reported {sorted(res)}")
            passes = {k: int(b["pass"]) for k, b in res.items() if k.startswith("BM_evaluate_derived/")}
            if len(set(passes.values())) > 1:
                run.problems.append(f"derive_bench: the evaluators' pass counts differ: {passes}")
            if len(passes) > 1:
                checked.add("the derived facts' pass counts, interpreter against column evaluator")

        steps.append(("E derive", derive_round))

    if "F" in rows:
        cmds["F"] = f"{rel(exe / 'ingest_bench')} --benchmark_repetitions={args.repeat}"

        def ingest_round(r: int) -> None:
            for name, b in gbench(exe / "ingest_bench", ".", args.min_time).items():
                if b.get("error_occurred"):
                    run.problems.append(f"ingest_bench {name}: {b.get('error_message', 'error')}")
                    continue
                run.add(f"ingest {name} s", ms(b))
                if "bytes_per_second" in b:
                    run.add(f"ingest {name} MB/s", b["bytes_per_second"] / 1e6)

        steps.append(("F ingest", ingest_round))

    if "G" in rows:
        cli = args.danchu or bdir / "src" / "danchu"
        prov = args.province or args.work / f"province-{n}"
        rep = args.work / f"report-{n}"
        sample_cmd = [str(cli), "-q", "sample", "--units", str(n), "-o", str(prov)]
        report_cmd = [str(cli), "-q", "report", "--units", str(prov / "organisation.json"),
                      "--evidence", str(prov / "evidence" / "2017-H2.json"),
                      "--previous-evidence", str(prov / "evidence" / "2017-H1.json"),
                      "--period", "2017-H2", "--previous-period", "2017-H1", "--pack", "vn.decree-04-2015",
                      "--as-of", "2017-12-14", "--generated-on", "2018-01-01", "-o", str(rep)]
        cmds["G"] = (f"rm -rf {rel(prov)}; /usr/bin/time -v {shlex.join(rel(c) if '/' in c else c for c in sample_cmd)}"
                     f" && /usr/bin/time -v {shlex.join(rel(c) if '/' in c else c for c in report_cmd)}")
        if args.province:
            cmds["G"] = f"/usr/bin/time -v {shlex.join(rel(c) if '/' in c else c for c in report_cmd)}"

        failed: list[str] = []

        def cli_round(r: int) -> None:
            # a failure (e.g. out of memory) is reported in the table; the other rows go on
            try:
                if r == 0 and not args.province:
                    sh(["rm", "-rf", str(prov), str(rep)])
                    cpu, rss = timed_cli(sample_cmd)
                    run.add("cli sample s", cpu)
                    run.add("cli sample MB", rss)
                if not failed:
                    cpu, rss = timed_cli(report_cmd)
                    run.add("cli report s", cpu)
                    run.add("cli report MB", rss)
            except SystemExit as e:
                failed.append(str(e).splitlines()[0])
                run.problems.append(f"row G: {e}")

        steps.append(("G cli", cli_round))

    # the rounds
    t_start = time.monotonic()
    for r in range(args.repeat):
        for label, fn in steps:
            run.loads.append(os.getloadavg()[0])
            t0 = time.monotonic()
            fn(r)
            print(f"round {r + 1}/{args.repeat}: {label} {time.monotonic() - t0:.0f} s wall", file=sys.stderr,
                  flush=True)
    run.loads.append(os.getloadavg()[0])
    wall = time.monotonic() - t_start
    if "G" in rows and not args.keep_province and not args.province:
        sh(["rm", "-rf", str(prov), str(rep)])  # the sample province is large (events.json)

    # the table
    def cell(key: str, scale: float, unit: str, digits: int = 1) -> str:
        if not run.has(key):
            return "–"
        if len(run.values[key]) == 1:
            return f"{run.med(key) * scale:,.{digits}f} {unit}"
        return f"{run.med(key) * scale:,.{digits}f} ({run.low(key) * scale:,.{digits}f}) {unit}"

    def ratio(slow: str, fast: str, note: str = "") -> str:
        return f"{run.med(slow) / run.med(fast):,.1f}×{note}" if run.has(slow, fast) else "–"

    lines = ["| row | what | danchu | compared with | ratio | target |", "|---|---|---:|---:|---:|---|"]

    def row(r: str, what: str, mine: str, other: str, rat: str, target: str = "") -> None:
        lines.append(f"| {r} | {what} | {mine} | {other} | {rat} | {target} |")

    nu = f"{n:,}"
    if run.has("pack columnar:1", "pack columnar:0"):
        ok = "met" if run.med("pack columnar:1") <= 0.050 else "not met"
        row("A", f"Decree 04 pack × {nu} units, C++: column evaluator vs interpreter",
            cell("pack columnar:1", 1e3, "ms"), cell("pack columnar:0", 1e3, "ms"),
            ratio("pack columnar:0", "pack columnar:1"),
            f"≤ 50 ms at 100,000 units: {ok}" if n == 100_000 else "≤ 50 ms at 100,000 units")
    if run.has("pack python", "pack columnar:1"):
        q = run.med("pack python") / run.med("pack columnar:1")
        row("B", "the same from Python, one `danchu.evaluate` call, vs C++ column evaluator",
            cell("pack python", 1e3, "ms"), cell("pack columnar:1", 1e3, "ms"),
            f"{q:.2f} (Python / C++)", f"≤ 1.2: {'met' if q <= 1.2 else 'not met'}")
    if "C" in rows:
        import logic_vs_peers as lvp

        k = {name[len("logic "):]: name for name in run.values if name.startswith("logic ")}
        med = {short: run.med(full) for short, full in k.items()}
        targets = {("danchu per call (Program.evaluate(dict))", "zen-engine per call (compiled expression)"): 3.0,
                   ("danchu per call (logic.apply(rule, dict))", "panzi-json-logic per call"): 5.0}
        for mine, peer, rat in lvp.pairs(med):
            t = targets.get((mine, peer))
            row("C", f"10 conditions × {nu} units: {mine} vs {peer}", cell(k[mine], 1e3, "ms", 0),
                cell(k[peer], 1e3, "ms", 0), f"{rat:,.1f}×",
                f"≥ {t:.0f}×: {'met' if rat >= t else 'not met'}" if t else "")
        if lvp.CXX in k:
            row("C", f"10 conditions × {nu} units: Python batch (`evaluate_batch`) vs C++ `logic_bench`",
                cell(k[lvp.BATCH], 1e3, "ms", 0), cell(k[lvp.CXX], 1e3, "ms", 0),
                f"{med[lvp.BATCH] / med[lvp.CXX]:.2f} (Python / C++)", "")
    if "D" in rows:
        import calendar_year

        for label, d, h, unit, scale in calendar_year.ROWS:
            target = "" if label.startswith("the import") else "≥ 50×"
            q = run.med(f"calendar {h}") / run.med(f"calendar {d}")
            row("D", f"one year's holidays vs `holidays`: {label}", cell(f"calendar {d}", scale, unit, 3),
                cell(f"calendar {h}", scale, unit, 3), f"{q:,.1f}×",
                f"{target}: {'met' if q >= 50 else 'not met'}" if target else "")
    if run.has("derive BM_derive/0", "derive BM_evaluate_derived/0"):
        dn = f"{derive_n:,}"
        row("E", f"derive the Law 10/2022 facts, {dn} units, vs evaluating them (interpreter)",
            cell("derive BM_derive/0", 1e3, "ms", 0), cell("derive BM_evaluate_derived/0", 1e3, "ms", 0),
            ratio("derive BM_derive/0", "derive BM_evaluate_derived/0", " (derive / evaluate)"),
            "≤ 2× (issue 11)")
        if run.has("derive BM_evaluate_derived/1"):
            row("E", "the same vs the column evaluator", cell("derive BM_derive/0", 1e3, "ms", 0),
                cell("derive BM_evaluate_derived/1", 1e3, "ms", 1),
                ratio("derive BM_derive/0", "derive BM_evaluate_derived/1", " (derive / evaluate)"), "")
    if "F" in rows:
        for what, ref, fast in (("evidence JSON, 20,000 units", "BM_evidence_reference/20000",
                                 "BM_evidence_fast/20000/0"),
                                ("the sample's events JSON, 330 units", "BM_events_reference", "BM_events_fast/0")):
            r_, f_ = f"ingest {ref} MB/s", f"ingest {fast} MB/s"
            if run.has(r_, f_):
                ok = "met" if run.med(f_) >= 500 else "not met"
                row("F", f"read {what}: simdjson (`danchu::ingest`) vs reference reader",
                    cell(f_, 1, "MB/s", 0), cell(r_, 1, "MB/s", 0), f"{run.med(f_) / run.med(r_):.1f}×",
                    f"≥ 500 MB/s: {ok}")
    if run.has("cli report s"):
        s_, m_ = run.med("cli report s"), run.high("cli report MB")
        row("G", f"`danchu report`, {nu} units (CPU; peak RSS, the largest round)",
            f"{cell('cli report s', 1, 's')}; {m_:,.0f} MB", "", "",
            "≤ 5 s and < 600 MB at 100,000 units" + (f": {'met' if s_ <= 5 and m_ < 600 else 'not met'}"
                                                          if n == 100_000 else ""))
    if run.has("cli sample s"):
        s_ = run.med("cli sample s")
        row("G", f"`danchu sample --units {n}` (CPU; peak RSS; once)",
            f"{s_:,.1f} s; {run.med('cli sample MB'):,.0f} MB", "", "",
            "≤ 20 s at 100,000 units" + (f": {'met' if s_ <= 20 else 'not met'}" if n == 100_000 else ""))

    head = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                          text=True).stdout.strip()
    cache = bdir / "CMakeCache.txt"
    cxx_id = "C++"
    if cache.exists():
        m = re.search(r"CMAKE_CXX_COMPILER:\w+=(.*)", cache.read_text(errors="replace"))
        if m:
            v = subprocess.run([m.group(1), "--version"], capture_output=True, text=True).stdout
            cxx_id = v.splitlines()[0] if v else cxx_id
    print(f"\nIssue 14, one interleaved run: {started:%Y-%m-%d %H:%M}–{dt.datetime.now(dt.timezone.utc):%H:%M} UTC, "
          f"{args.repeat} rounds, {wall / 60:.1f} min wall; commit {head}")
    print(f"{platform.machine()}, {os.cpu_count()} CPUs; {cxx_id} Release ({rel(bdir)}); Python "
          f"{platform.python_version()}, NumPy {np.__version__}, danchu {danchu.__version__} "
          f"({rel(Path(danchu.__file__).parent)})")
    if run.loads:
        print(f"load average (1 min) {run.loads[0]:.2f} at the start, {run.loads[-1]:.2f} at the end, "
              f"{min(run.loads):.2f}–{max(run.loads):.2f} over the run")
    print("CPU time; median (minimum) of the rounds; ratio of the medians (> 1: the first column faster, "
          "unless named)\n")
    print("\n".join(lines))
    print("\nCommands (each reproduces its rows on its own):\n")
    for r in sorted(cmds):
        print(f"- {r}: `{cmds[r]}`")
    if args.json:
        args.json.write_text(json.dumps({"units": n, "repeat": args.repeat, "commit": head, "loads": run.loads,
                                         "values": run.values, "commands": cmds, "problems": run.problems},
                                        indent=1), encoding="utf-8")
    if run.problems:
        print("\nPROBLEMS (mismatches or failures; the run fails):\n  " + "\n  ".join(run.problems))
        return 1
    print("\nChecked, all equal: " + ("; ".join(sorted(checked)) or "nothing (rows F and G time only)") + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
