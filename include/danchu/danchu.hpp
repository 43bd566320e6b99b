#pragma once
/// @file
/// Umbrella header: includes every public header of the library (each concept
/// folder's headers, not their detail/ folders). Including one concept's
/// headers instead compiles faster; scripts/check_includes.py checks that this
/// list is complete. Left out on purpose (opt-in): <danchu/core/boost_date.hpp>,
/// the Boost.Date_Time conversions.

#include <danchu/calendar/calendar.hpp>
#include <danchu/calendar/deadline.hpp>
#include <danchu/calendar/holiday.hpp>
#include <danchu/calendar/ical.hpp>
#include <danchu/calendar/lunar.hpp>
#include <danchu/calendar/period.hpp>
#include <danchu/core/citation.hpp>
#include <danchu/core/data.hpp>
#include <danchu/core/date.hpp>
#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/period.hpp>
#include <danchu/core/problem.hpp>
#include <danchu/core/text.hpp>
#include <danchu/core/verdict.hpp>
#include <danchu/io/csv.hpp>
#include <danchu/evidence/derive.hpp>
#include <danchu/evidence/event.hpp>
#include <danchu/evidence/event_csv.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/event_kinds_io.hpp>
#include <danchu/evidence/event_log.hpp>
#include <danchu/evidence/evidence.hpp>
#include <danchu/evidence/fact.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/evidence/migrate.hpp>
#include <danchu/evidence/windows.hpp>
#include <danchu/logic/logic.hpp>
#include <danchu/logic/program.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/organisation/unit.hpp>
#include <danchu/report/build.hpp>
#include <danchu/report/csv.hpp>
#include <danchu/report/data_file.hpp>
#include <danchu/report/document.hpp>
#include <danchu/report/html.hpp>
#include <danchu/report/json.hpp>
#include <danchu/report/markdown.hpp>
#include <danchu/report/province.hpp>
#include <danchu/report/report.hpp>
#include <danchu/report/validate.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/rules/explain.hpp>
#include <danchu/rules/finding.hpp>
#include <danchu/rules/findings_io.hpp>
#include <danchu/rules/pack.hpp>
#include <danchu/rules/plan.hpp>
#include <danchu/rules/rule.hpp>
#include <danchu/rules/rule_test.hpp>
#include <danchu/rules/template.hpp>
#include <danchu/schedule/io.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/schedule/schedule.hpp>
#include <danchu/scoring/classify.hpp>
#include <danchu/scoring/io.hpp>
#include <danchu/scoring/rollup.hpp>
#include <danchu/scoring/score.hpp>
#include <danchu/scoring/scorecard.hpp>
#include <danchu/version.hpp>
