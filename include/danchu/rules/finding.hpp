#pragma once
/// @file
/// Findings: the verdict of one rule for one unit in one assessed period, and
/// the columnar table that batch evaluation produces and scoring consumes.
///
/// Verdicts follow XCCDF's result states, reduced to the ones a rule engine over
/// evidence can produce. A manual override (XCCDF's `override` element) keeps
/// the original verdict, who changed it, when, why and under what authority;
/// the effective verdict is the new one and `overridden()` says so. Scoring
/// configurations choose how overridden and advisory findings count.

#include <danchu/core/error.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

/// The outcome of one rule for one unit.
enum class verdict : std::uint8_t {
    pass,           ///< the condition holds
    fail,           ///< the condition does not hold
    not_applicable, ///< the rule does not apply to this unit (kind, size, period)
    unknown,        ///< evidence the rule needs is missing
    error,          ///< the rule could not be evaluated (for example a type error in data)
};

/// How well the legal fact behind a rule is established (the domain briefs'
/// VERIFIED / VERIFIED (secondary) / UNCERTAIN). `uncertain` rules are advisory.
enum class confidence : std::uint8_t { verified, secondary, uncertain };

/// XCCDF-style severity; `critical` additionally lets a scoring scheme cap a band.
enum class severity : std::uint8_t { info, low, medium, high, critical };

inline constexpr std::string_view to_string(verdict v) noexcept {
    switch (v) {
    case verdict::pass: return "pass";
    case verdict::fail: return "fail";
    case verdict::not_applicable: return "not_applicable";
    case verdict::unknown: return "unknown";
    case verdict::error: return "error";
    }
    return "error";
}

inline constexpr std::string_view to_string(confidence c) noexcept {
    switch (c) {
    case confidence::verified: return "verified";
    case confidence::secondary: return "secondary";
    case confidence::uncertain: return "uncertain";
    }
    return "uncertain";
}

inline constexpr std::string_view to_string(severity s) noexcept {
    switch (s) {
    case severity::info: return "info";
    case severity::low: return "low";
    case severity::medium: return "medium";
    case severity::high: return "high";
    case severity::critical: return "critical";
    }
    return "info";
}

/// @throws argument_error naming the accepted values.
inline verdict verdict_from_string(std::string_view s) {
    for (auto v : {verdict::pass, verdict::fail, verdict::not_applicable, verdict::unknown,
                   verdict::error})
        if (to_string(v) == s) return v;
    throw argument_error("unknown verdict \"" + std::string(s) +
                         "\": expected pass, fail, not_applicable, unknown or error");
}

/// @throws argument_error naming the accepted values.
inline confidence confidence_from_string(std::string_view s) {
    for (auto c : {confidence::verified, confidence::secondary, confidence::uncertain})
        if (to_string(c) == s) return c;
    throw argument_error("unknown confidence \"" + std::string(s) +
                         "\": expected verified, secondary or uncertain");
}

/// @throws argument_error naming the accepted values.
inline severity severity_from_string(std::string_view s) {
    for (auto v : {severity::info, severity::low, severity::medium, severity::high,
                   severity::critical})
        if (to_string(v) == s) return v;
    throw argument_error("unknown severity \"" + std::string(s) +
                         "\": expected info, low, medium, high or critical");
}

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

namespace danchu {

/// What scoring needs to know about each rule of an evaluated pack.
struct rule_meta {
    std::string id;
    std::string title_vi;
    std::string title_en;
    double weight = 1.0;
    severity sev = severity::medium;
    confidence conf = confidence::verified;
    std::vector<std::string> tags; ///< free tags, e.g. the directive task or criterion group
};

/// Columnar findings for `units` units × `rules` rules (unit-major): one
/// verdict and one credit in [0, 1] per cell. Credit is 1 for pass, 0 for fail
/// unless the rule defines partial credit (for example the share of required
/// items publicised). Explanations are produced on demand by the evaluator,
/// not stored here, so a table for 100,000 units stays small.
class finding_table {
public:
    finding_table() = default;
    finding_table(std::vector<rule_meta> rules, std::vector<std::string> unit_ids)
        : rules_(std::move(rules)), unit_ids_(std::move(unit_ids)),
          verdicts_(rules_.size() * unit_ids_.size(), verdict::unknown),
          credit_(rules_.size() * unit_ids_.size(), 0.0f) {}

    std::size_t rule_count() const noexcept { return rules_.size(); }
    std::size_t unit_count() const noexcept { return unit_ids_.size(); }
    const std::vector<rule_meta>& rules() const noexcept { return rules_; }
    const std::vector<std::string>& unit_ids() const noexcept { return unit_ids_; }

    verdict at(std::size_t unit, std::size_t rule) const noexcept {
        return verdicts_[unit * rules_.size() + rule];
    }
    double credit(std::size_t unit, std::size_t rule) const noexcept {
        return credit_[unit * rules_.size() + rule];
    }
    void set(std::size_t unit, std::size_t rule, verdict v, double credit) noexcept {
        verdicts_[unit * rules_.size() + rule] = v;
        credit_[unit * rules_.size() + rule] = credit;
    }

    /// Overrides applied to this table (the effective verdict is already in the
    /// cells; these records keep the original and the who/when/why).
    const std::vector<override_record>& overrides() const noexcept { return overrides_; }
    void add_override(override_record r) { overrides_.push_back(std::move(r)); }

    /// Raw columns, unit-major, for batch consumers (scoring, Python/NumPy).
    const std::vector<verdict>& verdicts() const noexcept { return verdicts_; }
    const std::vector<double>& credits() const noexcept { return credit_; }

private:
    std::vector<rule_meta> rules_;
    std::vector<std::string> unit_ids_;
    std::vector<verdict> verdicts_;
    std::vector<double> credit_;
    std::vector<override_record> overrides_;
};

} // namespace danchu
