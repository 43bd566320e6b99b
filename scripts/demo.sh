#!/usr/bin/env bash
# The demo, from a fresh machine: installs what is missing, installs danchu into
# .venv, and runs it on the bundled SYNTHETIC sample province (shaped like Bắc
# Giang in 2018): generate, evaluate, score and roll up, compare with the
# previous half-year, list what is overdue and due next, show the calendar, and
# write the Department of Home Affairs' six-monthly report for 2018-H1, ending
# with its files: the report as DOCX and PDF in the Decree 30/2020 format.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$DANCHU_SRC"
install_python_package
D="$VENV/bin/danchu"
out="$DANCHU_SRC/build/demo"
prov="$out/province"
mkdir -p "$out"
"$D" --version

echo; echo "== 1. The sample province (synthetic)"
"$D" sample -o "$prov"

echo; echo "== 2. Evaluate 2018-H1 and 2017-H2 under Decree 04/2015 + the Bắc Giang letter of 09/05/2018"
for p in 2017-H2 2018-H1; do
  "$D" evaluate --pack vn.bac-giang.2018-05-09 --units "$prov/organisation.json" \
    --evidence "$prov/evidence/$p.json" --period "$p" --json -o "$out/findings-$p.json"
done
"$D" evaluate --pack vn.bac-giang.2018-05-09 --units "$prov/organisation.json" \
  --evidence "$prov/evidence/2018-H1.json" --period 2018-H1 --lang en | tail -n 12

echo; echo "== 2b. The same half-year from dated events (events.json; facts/2018-H1.json: the facts that are not events)"
"$D" evaluate --pack vn.bac-giang.2018-05-09 --units "$prov/organisation.json" --events "$prov/events.json" \
  --evidence "$prov/facts/2018-H1.json" --period 2018-H1 --lang en | tail -n 5

echo; echo "== 3. Score, classify and roll up (province -> departments and districts -> units)"
"$D" score "$out/findings-2018-H1.json" --scheme default-vn.bac-giang.2018-05-09 \
  --units "$prov/organisation.json" --previous-findings "$out/findings-2017-H2.json" \
  --period 2018-H1 --previous-period 2017-H2 --lang en -o "$out/score-2018-H1.txt"
# The first units of the scorecard, then the roll-up: the province's line first,
# then its departments and districts (the full output is in score-2018-H1.txt).
sed -n '1,12p' "$out/score-2018-H1.txt"
echo "  … (every unit: $out/score-2018-H1.txt)"
awk '/^roll-up \(/ { on = 1 } on && n < 16 { print; n++ }' "$out/score-2018-H1.txt"
grep -E '^(missing reports|missing evidence) \(' "$out/score-2018-H1.txt" | cut -c1-120

echo; echo "== 4. Obligations overdue on 14/06/2018 (the 2018-H1 cut-off) and due in the next 30 days"
"$D" agenda --units "$prov/organisation.json" --events "$prov/events.json" \
  --obligations vn.decree-04-2015 --obligations vn.bac-giang.2018-05-09 \
  --as-of 2018-06-14 --days 30 --lang en 2>/dev/null | tail -n 15

echo; echo "== 5. The 2018 civil-servant calendar and report deadlines"
"$D" calendar 2018 --lang en -o "$out/calendar-2018.ics" | sed -n '1,30p'
echo; echo "== 6. The six-monthly report to the provincial Chairman, 2018-H1 (data window 15/12/2017 - 14/06/2018), from the dated events"
"$D" report --units "$prov/organisation.json" \
  --events "$prov/events.json" --evidence "$prov/facts/2018-H1.json" --period 2018-H1 \
  --previous-evidence "$prov/facts/2017-H2.json" --previous-period 2017-H2 \
  --pack vn.bac-giang.2018-05-09 \
  --as-of 2018-06-14 -o "$out/report-2018-H1" --docx --pdf --xlsx \
  --config "$DANCHU_SRC/data/templates/report-config.json"
echo; echo "== 7. The same report for 2024-H1, under the law in force: Law 10/2022 (Art. 85 for the province) and the letter's tasks continued from 01/07/2023"
"$D" report --units "$prov/organisation.json" \
  --events "$prov/events.json" --evidence "$prov/facts/2024-H1.json" --period 2024-H1 \
  --previous-evidence "$prov/facts/2023-H2.json" --previous-period 2023-H2 \
  --pack vn.bac-giang.2018-05-09.l10 \
  --as-of 2024-06-14 -o "$out/report-2024-H1"
echo
echo "Outputs in $out (findings JSON, calendar-2018.ics, report-2018-H1/ and report-2024-H1/: HTML, Markdown, JSON, CSV, iCalendar)."
echo
echo "== The Department's files: the 2018-H1 report as an official document (Decree 30/2020/NĐ-CP format) and its Excel appendix"
for f in report.docx report.pdf appendix.xlsx; do
  echo "  $out/report-2018-H1/$f"
done
