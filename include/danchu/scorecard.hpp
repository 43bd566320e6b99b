#pragma once
/// @file
/// Scoring schemes and scorecards. A scheme is configuration (a JSON file
/// under `data/scoring/`, see docs/scoring.md): either an XCCDF model over the
/// pack's rules, or a points scorecard of criteria (Bắc Giang's six groups,
/// Bắc Kạn's 90 self-assessed + 10 superior points) with bands, caps and
/// ineligibility conditions. `score()` applies a scheme to a finding table and
/// an optional assessment (manually entered and appraised points, declared
/// ineligibility) and returns a columnar scorecard: per unit and criterion the
/// self-assessed and the appraised points side by side, totals, band, cap,
/// eligibility and coverage flags.

#include <danchu/classify.hpp>
#include <danchu/error.hpp>
#include <danchu/finding.hpp>
#include <danchu/score.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace danchu {

namespace detail {

/// An id → position index built on first use (thread-safe), shared by copies
/// of an immutable object whose ids it indexes.
struct lazy_index {
    const std::unordered_map<std::string, std::size_t>& get(const std::vector<std::string>& ids) {
        std::call_once(once_, [&] {
            map_.reserve(ids.size());
            for (std::size_t i = 0; i < ids.size(); ++i) map_.emplace(ids[i], i);
        });
        return map_;
    }

private:
    std::once_flag once_;
    std::unordered_map<std::string, std::size_t> map_;
};

} // namespace detail

class scorecard;
class scoring_scheme;
struct assessment;

/// Scores every unit of `table` under `scheme` (see the definition below).
inline scorecard score(std::shared_ptr<const scoring_scheme> scheme, const finding_table& table,
                       const assessment& input);

/// Where a criterion's points come from.
enum class points_source : std::uint8_t {
    rules,    ///< computed from the findings of the criterion's rules
    self,     ///< entered by the unit in its self-assessment (no rule covers it)
    superior, ///< awarded by the superior level (Bắc Kạn: 10 of 100 points)
};

inline constexpr std::string_view to_string(points_source s) noexcept {
    switch (s) {
    case points_source::rules: return "rules";
    case points_source::self: return "self";
    case points_source::superior: return "superior";
    }
    return "rules";
}

/// How a rule's finding turns into points.
enum class item_credit : std::uint8_t {
    full,         ///< all the item's points if the rule passes, none otherwise
    proportional, ///< points × the finding's credit (e.g. share of items publicised)
};

inline constexpr std::string_view to_string(item_credit c) noexcept {
    return c == item_credit::full ? "full" : "proportional";
}

/// One rule's contribution to a criterion.
struct criterion_item {
    std::string rule;
    double points = 0.0;
    item_credit credit = item_credit::full;
};

/// A criterion (or criteria group) of a points scorecard.
struct criterion {
    std::string id;
    scoring_text title;
    double max_points = 0.0;
    points_source from = points_source::rules;
    bool bonus = false;                ///< bonus points: outside the main maximum and pass conditions
    std::vector<criterion_item> items; ///< for `rules`: item points add up to max_points
    std::string source;                ///< citation
};

/// The two kinds of scheme.
enum class scheme_kind : std::uint8_t { xccdf, scorecard };

/// Which total bands are applied to.
enum class score_basis : std::uint8_t {
    appraised, ///< after the superior's appraisal (equal to self when nothing was adjusted)
    self,      ///< the unit's self-assessment
};

/// Everything a scheme says, as plain data; `scoring_scheme` validates it.
/// Containers mirror the JSON document, so problems are reported with the
/// JSON pointer of the offending member (`/criteria/2/max_points`).
struct scheme_spec {
    std::string file = "<memory>"; ///< named in error messages
    std::string id;
    scoring_text title;
    std::string source;
    confidence conf = confidence::verified;
    std::string pack;              ///< the pack the scheme was written for (informative)
    scheme_kind kind = scheme_kind::scorecard;
    counting_policy counting;
    // XCCDF
    xccdf_model model = xccdf_model::default_model;
    xccdf_group root;              ///< empty: every rule of the pack, in table order
    std::vector<std::pair<std::string, double>> weights; ///< rule weight refinements
    // scorecard
    std::vector<criterion> criteria;
    std::optional<double> max_points; ///< if given, must equal Σ main criteria maxima
    std::optional<double> max_total;  ///< cap of the total including bonus points
    score_basis classify_on = score_basis::appraised;
    // classification
    rounding round;
    std::vector<band> bands;
    std::vector<cap_rule> caps;
    std::vector<ineligibility_rule> ineligible;
};

/// A validated scheme (immutable).
class scoring_scheme {
public:
    /// @throws parse_error naming `spec.file` and the JSON pointer of the problem.
    explicit scoring_scheme(scheme_spec spec);
    /// The achieved fraction the bands use (Bắc Giang: 0.5), if any.
    std::optional<double> achieved_fraction() const noexcept { return achieved_fraction_; }
    boundary achieved_boundary() const noexcept { return achieved_bound_; }

    const scheme_spec& spec() const noexcept { return spec_; }
    const std::string& id() const noexcept { return spec_.id; }
    scheme_kind kind() const noexcept { return spec_.kind; }
    const band_scale& bands() const noexcept { return scale_; }
    const std::vector<criterion>& criteria() const noexcept { return spec_.criteria; }
    /// Σ max_points of the main (non-bonus) criteria; 100 for XCCDF schemes.
    double main_maximum() const noexcept { return main_max_; }
    /// Index of a criterion by id, or -1.
    int find_criterion(std::string_view id) const noexcept {
        for (std::size_t i = 0; i < spec_.criteria.size(); ++i)
            if (spec_.criteria[i].id == id) return static_cast<int>(i);
        return -1;
    }
    /// Every rule id the scheme refers to, with the JSON pointer of the reference.
    std::vector<std::pair<std::string, std::string>> rule_references() const;

private:
    scheme_spec spec_;
    band_scale scale_;
    double main_max_ = 100.0;
    std::optional<double> achieved_fraction_;
    boundary achieved_bound_ = boundary::at_least;
};

/// Who entered a number: the unit itself, or the superior's appraisal.
enum class entry_kind : std::uint8_t { self, appraisal };

inline constexpr std::string_view to_string(entry_kind k) noexcept {
    return k == entry_kind::self ? "self" : "appraisal";
}

/// Points entered by hand, with who, when and why. A `self` entry gives the
/// points of a criterion whose points come from the self-assessment; an
/// `appraisal` entry sets the appraised points of any criterion (the superior
/// re-scoring, e.g. 87 → 78) or awards a `superior` criterion.
struct points_entry {
    std::string unit;
    std::string criterion;
    double points = 0.0;
    entry_kind kind = entry_kind::appraisal;
    std::string who;
    std::string date;   ///< ISO date
    std::string reason;
};

/// A declared ineligibility condition (e.g. an official disciplined at
/// reprimand or above this year), with who recorded it, when and why.
struct ineligibility_entry {
    std::string unit;
    std::string condition; ///< the id of one of the scheme's ineligibility rules
    std::string who;
    std::string date;
    std::string reason;
};

/// What the assessors add to the findings.
struct assessment {
    std::string file = "<memory>";
    std::vector<points_entry> points;
    std::vector<ineligibility_entry> ineligible;
};

/// State of one criterion for one unit.
enum class criterion_state : std::uint8_t {
    scored,         ///< points computed or entered
    not_applicable, ///< every rule of the criterion is excluded (e.g. not applicable)
    missing,        ///< points must be entered and were not (counted as 0)
};

/// Coverage flags of one unit (bit flags).
enum class coverage_flag : std::uint8_t {
    none = 0,
    missing_evidence = 1,  ///< a rule the scheme uses is `unknown`
    evaluation_error = 2,  ///< a rule the scheme uses is `error`
    missing_self = 4,      ///< a self-assessed criterion has no entry
    pending_appraisal = 8, ///< a superior criterion has not been awarded
};

/// The result of scoring: columns per unit, and unit × criterion matrices
/// (unit-major) of self-assessed and appraised points.
class scorecard {
public:
    scorecard() = default;

    const scoring_scheme& scheme() const noexcept { return *scheme_; }
    std::shared_ptr<const scoring_scheme> scheme_ptr() const noexcept { return scheme_; }
    std::size_t unit_count() const noexcept { return unit_ids_.size(); }
    std::size_t criterion_count() const noexcept { return n_crit_; }
    const std::vector<std::string>& unit_ids() const noexcept { return unit_ids_; }
    /// Index of a unit, or npos.
    std::size_t find(std::string_view unit_id) const {
        const auto& m = index_->get(unit_ids_);
        auto it = m.find(std::string(unit_id));
        return it == m.end() ? npos : it->second;
    }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    // per unit × criterion (unit-major)
    double self_points(std::size_t u, std::size_t c) const noexcept { return self_[u * n_crit_ + c]; }
    double appraised_points(std::size_t u, std::size_t c) const noexcept {
        return appraised_[u * n_crit_ + c];
    }
    criterion_state state(std::size_t u, std::size_t c) const noexcept {
        return static_cast<criterion_state>(state_[u * n_crit_ + c]);
    }
    /// Maximum of criterion c for unit u (0 when not applicable).
    double criterion_max(std::size_t u, std::size_t c) const noexcept;

    // per unit
    double self_total(std::size_t u) const noexcept { return self_total_[u]; }
    double appraised_total(std::size_t u) const noexcept { return appraised_total_[u]; }
    /// The total bands are applied to, after rounding (for XCCDF: the percent score).
    double total(std::size_t u) const noexcept { return total_[u]; }
    /// The XCCDF score and maximum (XCCDF schemes only; else total and main maximum).
    double xccdf_score(std::size_t u) const noexcept { return xccdf_score_[u]; }
    double maximum(std::size_t u) const noexcept { return maximum_[u]; }
    class_status status(std::size_t u) const noexcept { return static_cast<class_status>(status_[u]); }
    /// Band index into scheme().bands(), or -1.
    int band(std::size_t u) const noexcept { return band_[u]; }
    /// Band before a cap was applied (equal to band() when no cap applied).
    int uncapped_band(std::size_t u) const noexcept { return uncapped_[u]; }
    /// Index of the cap that applied (into spec().caps), or -1.
    int cap(std::size_t u) const noexcept { return cap_[u]; }
    /// Index of the ineligibility rule that holds, or -1.
    int ineligible(std::size_t u) const noexcept { return inelig_[u]; }
    /// Why the unit missed the top band (`unmet` bit flags; 0 if it reached it).
    std::uint8_t unmet_top(std::size_t u) const noexcept { return unmet_[u]; }
    criteria_stats stats(std::size_t u) const noexcept { return stats_[u]; }
    std::uint8_t coverage(std::size_t u) const noexcept { return coverage_[u]; }
    std::uint32_t unknown_count(std::size_t u) const noexcept { return unknown_[u]; }
    std::uint32_t error_count(std::size_t u) const noexcept { return errors_[u]; }

    /// The manual entries applied, in input order (who, when, why).
    const std::vector<points_entry>& adjustments() const noexcept { return adjustments_; }
    const std::vector<ineligibility_entry>& declarations() const noexcept { return declarations_; }

    /// Raw columns for batch consumers (Python/NumPy).
    const std::vector<double>& totals() const noexcept { return total_; }
    const std::vector<double>& self_totals() const noexcept { return self_total_; }
    const std::vector<double>& appraised_totals() const noexcept { return appraised_total_; }
    const std::vector<int>& bands_column() const noexcept { return band_; }
    const std::vector<std::uint8_t>& status_column() const noexcept { return status_; }
    const std::vector<double>& self_matrix() const noexcept { return self_; }
    const std::vector<double>& appraised_matrix() const noexcept { return appraised_; }

private:
    friend scorecard score(std::shared_ptr<const scoring_scheme>, const finding_table&,
                           const assessment&);
    std::shared_ptr<const scoring_scheme> scheme_;
    std::vector<std::string> unit_ids_;
    std::size_t n_crit_ = 0;
    std::vector<double> self_, appraised_;
    std::vector<std::uint8_t> state_;
    std::vector<double> self_total_, appraised_total_, total_, xccdf_score_, maximum_;
    std::vector<std::uint8_t> status_, unmet_, coverage_;
    std::vector<int> band_, uncapped_, cap_, inelig_;
    std::vector<criteria_stats> stats_;
    std::vector<std::uint32_t> unknown_, errors_;
    std::vector<points_entry> adjustments_;
    std::vector<ineligibility_entry> declarations_;
    std::shared_ptr<detail::lazy_index> index_ = std::make_shared<detail::lazy_index>();
};

/// Scores without an assessment (no manual points, no declarations).
inline scorecard score(std::shared_ptr<const scoring_scheme> scheme, const finding_table& table) {
    return score(std::move(scheme), table, assessment{});
}

/// Convenience overload (copies the scheme).
inline scorecard score(const scoring_scheme& scheme, const finding_table& table,
                       const assessment& input) {
    return score(std::make_shared<const scoring_scheme>(scheme), table, input);
}

/// Convenience overload (copies the scheme), without an assessment.
inline scorecard score(const scoring_scheme& scheme, const finding_table& table) {
    return score(std::make_shared<const scoring_scheme>(scheme), table, assessment{});
}

} // namespace danchu

#include <danchu/detail/score_engine.hpp>
#include <danchu/detail/score_io.hpp>
