#pragma once
/// @file
/// Umbrella header: includes every public concept header.

#include <danchu/calendar.hpp>
#include <danchu/civil.hpp>
#include <danchu/data.hpp>
#include <danchu/deadline.hpp>
#include <danchu/error.hpp>
#include <danchu/finding.hpp>
#include <danchu/holiday.hpp>
#include <danchu/ical.hpp>
#include <danchu/lunar.hpp>
#include <danchu/period.hpp>
#include <danchu/report.hpp> // not report_json.hpp: opt-in, it includes nlohmann/json
#include <danchu/unit.hpp>
#include <danchu/version.hpp>
#include <danchu/classify.hpp>
#include <danchu/score.hpp> // not scorecard.hpp / rollup.hpp: opt-in, they load JSON schemes (nlohmann/json)
// Not logic.hpp (the condition language): opt-in, it includes nlohmann/json.
// Not the rules engine (fact.hpp, rule.hpp, rule_pack.hpp, evidence.hpp,
// evidence_io.hpp, organisation_io.hpp, evaluate.hpp, rule_test.hpp): opt-in,
// they read JSON documents (nlohmann/json).
// Not sample_province.hpp (the synthetic province as files): opt-in, it reads
// and writes JSON (nlohmann/json) and files (<filesystem>).
// Not province_report.hpp (the report's assembly from the pipeline and from
// files): opt-in, it loads JSON documents (nlohmann/json).
