#pragma once
/// @file
/// The vocabulary of findings shared by evidence (overrides supplied with it),
/// rules (which produce verdicts) and scoring (which counts them): the verdict
/// of one rule for one unit, XCCDF-style severity, and a manual override.
/// The findings table itself is `<danchu/rules/finding.hpp>`.

#include <danchu/core/enum_names.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace danchu {

/// The outcome of one rule for one unit.
enum class verdict : std::uint8_t {
    pass,           ///< the condition holds
    fail,           ///< the condition does not hold
    not_applicable, ///< the rule does not apply to this unit (kind, size, period)
    unknown,        ///< evidence the rule needs is missing
    error,          ///< the rule could not be evaluated (for example a type error in data)
};

/// XCCDF-style severity; `critical` additionally lets a scoring scheme cap a band.
enum class severity : std::uint8_t { info, low, medium, high, critical };

DANCHU_ENUM_NAMES(verdict, "verdict", {verdict::pass, "pass"}, {verdict::fail, "fail"},
                  {verdict::not_applicable, "not_applicable"}, {verdict::unknown, "unknown"},
                  {verdict::error, "error"})
DANCHU_ENUM_NAMES(severity, "severity", {severity::info, "info"}, {severity::low, "low"},
                  {severity::medium, "medium"}, {severity::high, "high"}, {severity::critical, "critical"})

/// @throws argument_error naming the accepted values.
inline verdict verdict_from_string(std::string_view s) { return from_string<verdict>(s); }
/// @throws argument_error naming the accepted values.
inline severity severity_from_string(std::string_view s) { return from_string<severity>(s); }

/// A manual override of a finding, in the XCCDF spirit: data, not code.
struct override_record {
    std::string rule_id;
    std::string unit_id;
    verdict original = verdict::unknown; ///< the verdict the rule produced
    verdict replacement = verdict::pass; ///< the verdict that now counts
    std::string who;                     ///< person or body that decided
    std::string date;                    ///< ISO date of the decision
    std::string reason;                  ///< why
    std::string authority;               ///< under what authority (document, decision)
};

} // namespace danchu
