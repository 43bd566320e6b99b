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

#include <danchu/core/citation.hpp>
#include <danchu/core/verdict.hpp>
#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/text.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

/// What scoring needs to know about each rule of an evaluated pack.
struct rule_meta {
    std::string id;
    bilingual_text title;
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

    /// The verdict of `rule` for `unit`, unchecked (like std::vector's
    /// operator[]): for loops that already stay within unit_count() × rule_count().
    verdict operator()(std::size_t unit, std::size_t rule) const noexcept {
        return verdicts_[unit * rules_.size() + rule];
    }
    /// The verdict of `rule` for `unit`, checked (like std::vector::at).
    /// @throws argument_error naming the index that is out of range and the size.
    verdict at(std::size_t unit, std::size_t rule) const {
        if (unit >= unit_ids_.size())
            throw argument_error("finding_table::at: unit index " + std::to_string(unit) +
                                 " is out of range (" + std::to_string(unit_ids_.size()) + " units)");
        if (rule >= rules_.size())
            throw argument_error("finding_table::at: rule index " + std::to_string(rule) +
                                 " is out of range (" + std::to_string(rules_.size()) + " rules)");
        return (*this)(unit, rule);
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
