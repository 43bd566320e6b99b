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
declare -A stalled=()
while [ ${#pending[@]} -gt 0 ]; do
  now=$(date +%s)
  [ "$now" -ge "$end" ] && { echo "time is up; not run: ${pending[*]}" >>"$out/summary.log"; break; }
  ran=0 left=()
  for t in "${pending[@]}"; do
    if [ $ran = 1 ] || [ ! -x "$bin/${t}_fuzz" ]; then left+=("$t"); continue; fi
    share=$(((end - $(date +%s)) / ${#pending[@]}))
    [ "$share" -lt 30 ] && share=30
    corpus="$out/corpus-$t" && mkdir -p "$corpus"
    start=$(date +%s) && touch "$out/.start-$t"
    nice -n 19 "$bin/${t}_fuzz" -runs="${RUNS:-10000000}" -max_total_time="$share" \
      -rss_limit_mb="${RSS_MB:-1024}" -timeout="${TIMEOUT:-5}" -print_final_stats=1 \
      -artifact_prefix="$out/$t-" "$corpus" "$src/tests/fuzz/corpus/$t" >"$out/$t.log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$t.log" | grep -o '[0-9]*$' | tail -1)
    # A timeout among the first inputs, while the target loads its data at the
    # lowest priority on a busy machine, may be a stall, not a hang: the input
    # is run again at normal priority; if it passes there, the stall is noted
    # (the artifact kept as <name>-stall-*) and the target fuzzed once more.
    if [ "$rc" != 0 ] && [ "${runs:-0}" -lt 100 ] && grep -q 'SUMMARY: libFuzzer: timeout' "$out/$t.log" &&
      [ -z "${stalled[$t]:-}" ]; then
      art=$(find "$out" -maxdepth 1 -name "$t-timeout-*" -type f -newer "$out/.start-$t" | head -1)
      if [ -n "$art" ] && "$bin/${t}_fuzz" -timeout="${TIMEOUT:-5}" "$art" >"$out/$t.stall.log" 2>&1; then
        mv "$art" "${art/-timeout-/-stall-}"
        printf '%s\tstall\t-\t-\t-\t%s re-ran at normal priority without a timeout\n' "$t" "$(basename "$art")" >>"$out/summary.tsv"
        stalled[$t]=1 left+=("$t") ran=1
        continue
      fi
    fi
    secs=$(($(date +%s) - start))
    files=$(find "$corpus" -type f | wc -l) bytes=$(du -sb "$corpus" | cut -f1)
    finds=$(find "$out" -maxdepth 1 -name "$t-*" ! -name "$t-stall-*" -type f | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s (exit %s)\n' "$t" "${runs:-?}" "$secs" "$files" "$bytes" "$finds" "$rc" >>"$out/summary.tsv"
    ran=1
  done
  pending=("${left[@]}")
  [ $ran = 0 ] && sleep 30
done
exit 0
