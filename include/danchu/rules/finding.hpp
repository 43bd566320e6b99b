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

#include <algorithm>
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

    /// The rules of several tables for the same units, side by side, in
    /// order (a period judged under two regimes, rules/by_date.hpp); the
    /// overrides of every part are kept. A rule in several parts (the same
    /// id) is one column, as the first part has it, whose cell is the worst
    /// of the parts' (`combine_verdicts`): a duty judged on both sides of a
    /// change of regime passes only if it passed on both.
    /// @throws argument_error when a part is null or the parts are for different units.
    static finding_table concatenate(const std::vector<const finding_table*>& parts) {
        std::vector<rule_meta> rules;
        std::vector<std::vector<std::size_t>> column(parts.size());
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const finding_table* p = parts[i];
            if (!p) throw argument_error("finding_table::concatenate: a part is null");
            if (p->unit_ids_ != parts.front()->unit_ids_)
                throw argument_error("finding_table::concatenate: the parts are for different units");
            for (const auto& m : p->rules_) {
                std::size_t c = 0;
                while (c < rules.size() && rules[c].id != m.id) ++c;
                if (c == rules.size()) rules.push_back(m);
                column[i].push_back(c);
            }
        }
        finding_table t(std::move(rules),
                        parts.empty() ? std::vector<std::string>{} : parts.front()->unit_ids_);
        std::vector<char> seen(t.rule_count(), 0);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const finding_table& p = *parts[i];
            for (std::size_t r = 0; r < p.rule_count(); ++r) {
                const std::size_t c = column[i][r];
                for (std::size_t u = 0; u < t.unit_count(); ++u) {
                    const verdict v = p(u, r);
                    const double k = p.credit(u, r);
                    if (!seen[c]) {
                        t.set(u, c, v, k);
                    } else {
                        const verdict was = t(u, c);
                        const double kw = t.credit(u, c);
                        const verdict w = combine_verdicts(was, v);
                        t.set(u, c, w, was == v ? std::min(kw, k) : (w == was ? kw : k));
                    }
                }
                seen[c] = 1;
            }
            for (const auto& o : p.overrides_) t.overrides_.push_back(o);
        }
        return t;
    }

    /// The verdict of a duty judged twice (on two sides of a change of
    /// regime): error, then fail, then unknown win; pass over not applicable.
    static verdict combine_verdicts(verdict a, verdict b) noexcept {
        auto rank = [](verdict v) {
            switch (v) {
            case verdict::error: return 4;
            case verdict::fail: return 3;
            case verdict::unknown: return 2;
            case verdict::pass: return 1;
            default: return 0;
            }
        };
        return rank(a) >= rank(b) ? a : b;
    }

    /// Raw columns, unit-major, for batch consumers (scoring, Python/NumPy).
    const std::vector<verdict>& verdicts() const noexcept { return verdicts_; }
    const std::vector<double>& credits() const noexcept { return credit_; }
    /// The cells for an evaluator to fill (evaluate.hpp): unit-major, one row
    /// of rule_count() cells per unit, verdicts and credits in parallel.
    verdict* verdict_cells() noexcept { return verdicts_.data(); }
    double* credit_cells() noexcept { return credit_.data(); }

private:
    std::vector<rule_meta> rules_;
    std::vector<std::string> unit_ids_;
    std::vector<verdict> verdicts_;
    std::vector<double> credit_;
    std::vector<override_record> overrides_;
};

} // namespace danchu
