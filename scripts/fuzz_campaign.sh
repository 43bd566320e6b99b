#!/usr/bin/env bash
# A longer fuzz campaign: run libFuzzer targets ONE AT A TIME, at the lowest CPU
# priority, each up to RUNS executions or its share of the time left before END.
#
#   scripts/fuzz_campaign.sh BIN_DIR OUT_DIR END TARGET...
#
# BIN_DIR holds the built targets (<name>_fuzz, e.g. a copy of build/fuzz/tests/fuzz);
# a target whose binary is not there yet is deferred until it appears, so targets
# can be added while the campaign runs. END is a time `date -d` understands
# ("12:15 UTC"). Each target gets (END - now) / (targets left) seconds at most.
# OUT_DIR gets <name>.log (libFuzzer's output), corpus-<name>/ (the grown corpus,
# seeded from tests/fuzz/corpus/<name>), crash-*/timeout-*/oom-* artifacts and
# summary.tsv: target, executions, seconds, corpus files, corpus bytes, findings.
# RUNS (default 10000000), RSS_MB (1024) and TIMEOUT (5) may be set in the environment.
set -u
bin=$1 out=$2 end=$(date -d "$3" +%s) && shift 3
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
[ -f "$out/summary.tsv" ] || printf 'target\texecutions\tseconds\tcorpus_files\tcorpus_bytes\tfindings\n' >"$out/summary.tsv"
pending=("$@")
while [ ${#pending[@]} -gt 0 ]; do
  now=$(date +%s)
  [ "$now" -ge "$end" ] && { echo "time is up; not run: ${pending[*]}" >>"$out/summary.log"; break; }
  ran=0 left=()
  for t in "${pending[@]}"; do
    if [ $ran = 1 ] || [ ! -x "$bin/${t}_fuzz" ]; then left+=("$t"); continue; fi
    share=$(((end - $(date +%s)) / ${#pending[@]}))
    [ "$share" -lt 30 ] && share=30
    corpus="$out/corpus-$t" && mkdir -p "$corpus"
    start=$(date +%s)
    nice -n 19 "$bin/${t}_fuzz" -runs="${RUNS:-10000000}" -max_total_time="$share" \
      -rss_limit_mb="${RSS_MB:-1024}" -timeout="${TIMEOUT:-5}" -print_final_stats=1 \
      -artifact_prefix="$out/$t-" "$corpus" "$src/tests/fuzz/corpus/$t" >"$out/$t.log" 2>&1
    rc=$?
    secs=$(($(date +%s) - start))
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$t.log" | grep -o '[0-9]*$' | tail -1)
    files=$(find "$corpus" -type f | wc -l) bytes=$(du -sb "$corpus" | cut -f1)
    finds=$(find "$out" -maxdepth 1 -name "$t-*" -type f | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s (exit %s)\n' "$t" "${runs:-?}" "$secs" "$files" "$bytes" "$finds" "$rc" >>"$out/summary.tsv"
    ran=1
  done
  pending=("${left[@]}")
  [ $ran = 0 ] && sleep 30
done
exit 0
