#pragma once
/// @file
/// SYNTHETIC evidence and schedule records for a sample province, drawn from
/// the generation profiles in `data/sample/profiles.json` (for each fact: what
/// a compliant and a non-compliant value look like). Each unit has a synthetic
/// "quality" that persists across periods with some drift, so that the sample
/// shows a realistic mix of good and poor compliance and change over time. A
/// few units send no evidence at all (coverage gaps) and a few facts are left
/// out (unknown verdicts). Nothing here describes a real agency.

#include <danchu/core/date.hpp>
#include <sample/sample.hpp>
#include <danchu/schedule/io.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace danchu::sample {

/// One period to generate.
struct period_spec {
    std::string label;        ///< "2018-H1" or "2018"
    day_number start = 0;     ///< first day of the assessed period
    day_number end = 0;       ///< last day
    bool law_10_2022 = false; ///< which regime's obligations the records are for
};

/// The generated evidence document (the JSON evidence format) and the
/// schedule records implied by it.
struct generated_period {
    nlohmann::json evidence;
    schedule_records records;
    std::vector<std::string> silent_units; ///< units that sent no evidence
};

/// Generates one period's evidence and records for `org`.
/// @param profiles the parsed `data/sample/profiles.json`.
/// @throws argument_error for a malformed profile (naming the fact).
generated_period generate_period(const organisation& org, const nlohmann::json& profiles,
                                 const period_spec& period, std::uint64_t seed = 2018);

} // namespace danchu::sample
