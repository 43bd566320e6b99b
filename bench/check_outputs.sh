#!/usr/bin/env bash
# Findings, scores, explanations and the report of the sample province, made
# by two builds of the danchu command-line tool, compared byte for byte: a
# speed change must not change a single output.
#
# Usage: bench/check_outputs.sh BEFORE_DANCHU AFTER_DANCHU [WORK_DIR]
#   BEFORE_DANCHU / AFTER_DANCHU: paths to two `danchu` executables (for
#   example one built from the base commit and one from the working tree).
#   Both read the rule packs and data of this source tree (DANCHU_DATA_DIR).
# Exits 0 when every output is identical, 1 (and shows the differences) if not.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: bench/check_outputs.sh BEFORE_DANCHU AFTER_DANCHU [WORK_DIR]" >&2
  exit 2
fi
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
before=$(realpath "$1") after=$(realpath "$2")
work=${3:-$(mktemp -d)}
export DANCHU_DATA_DIR="$src/data"

run() { # run DANCHU OUT_DIR
  local d=$1 out=$2
  rm -rf "$out" && mkdir -p "$out" && cd "$out"
  "$d" sample -o province >/dev/null
  for period in 2017-H2 2018-H1; do
    "$d" evaluate --units province/organisation.json --evidence "province/evidence/$period.json" \
      --period "$period" --format json -o "findings-$period.json"
    "$d" evaluate --units province/organisation.json --evidence "province/evidence/$period.json" \
      --period "$period" --format csv -o "findings-$period.csv"
    "$d" score "findings-$period.json" --units province/organisation.json >"score-$period.txt"
  done
  "$d" explain --units province/organisation.json --events province/events.json \
    --evidence province/facts/2018-H1.json --period 2018-H1 --unit so-noi-vu \
    --rule D04-ART5-CONF-ANNUAL >explain.txt
  "$d" report --units province/organisation.json --events province/events.json \
    --evidence province/facts/2018-H1.json --previous-evidence province/facts/2017-H2.json \
    --period 2018-H1 --pack vn.bac-giang.2018-05-09 --records province/records-vn.decree-04-2015.json \
    --as-of 2018-06-14 -o report >/dev/null
  "$d" report --units province/organisation.json --evidence province/evidence/2018-H1.json \
    --previous-evidence province/evidence/2017-H2.json --period 2018-H1 --previous-period 2017-H2 \
    --pack vn.decree-04-2015 --records province/records-vn.decree-04-2015.json \
    --as-of 2018-06-14 -o report-facts >/dev/null
}

(run "$before" "$work/before")
(run "$after" "$work/after")
files=$(cd "$work/after" && find . -type f | wc -l)
if diff -r "$work/before" "$work/after" >"$work/diff.txt"; then
  echo "identical: $files files ($work/before vs $work/after)"
else
  head -40 "$work/diff.txt"
  echo "DIFFERENT outputs (full diff: $work/diff.txt)" >&2
  exit 1
fi
