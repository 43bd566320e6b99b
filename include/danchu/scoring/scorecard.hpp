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

#include <danchu/core/error.hpp>
#include <danchu/rules/finding.hpp>
#include <danchu/scoring/classify.hpp>
#include <danchu/scoring/score.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

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

/// Options of score().
struct score_options {
    no_evidence_policy no_evidence = no_evidence_policy::missing_report;
    /// The units that sent no evidence at all, when the caller knows them from
    /// the evidence itself (the report does); otherwise they are told from the
    /// findings (sent_no_evidence) and the assessment (no points entered).
    std::optional<std::vector<std::string>> no_evidence_units;
};

/// Whether row `row` of `table` looks like a unit that sent no evidence at
/// all: none of its findings is pass, fail or error, and at least one is
/// unknown (a unit to which nothing applies sent nothing it needed to).
inline bool sent_no_evidence(const finding_table& table, std::size_t row) {
    bool unknown = false;
    for (std::size_t r = 0; r < table.rule_count(); ++r) {
        const verdict v = table(row, r);
        if (v == verdict::pass || v == verdict::fail || v == verdict::error) return false;
        unknown = unknown || v == verdict::unknown;
    }
    return unknown;
}

/// Scores every unit of `table` under `scheme` (see the definition below).
inline scorecard score(std::shared_ptr<const scoring_scheme> scheme, const finding_table& table,
                       const assessment& input, const score_options& options = {});

/// Where a criterion's points come from.
enum class points_source : std::uint8_t {
    rules,    ///< computed from the findings of the criterion's rules
    self,     ///< entered by the unit in its self-assessment (no rule covers it)
    superior, ///< awarded by the superior level (Bắc Kạn: 10 of 100 points)
};

DANCHU_ENUM_NAMES(points_source, "points source", {points_source::rules, "rules"},
                  {points_source::self, "self"}, {points_source::superior, "superior"})

/// How a rule's finding turns into points.
enum class item_credit : std::uint8_t {
    full,         ///< all the item's points if the rule passes, none otherwise
    proportional, ///< points × the finding's credit (e.g. share of items publicised)
};

DANCHU_ENUM_NAMES(item_credit, "item credit", {item_credit::full, "full"},
                  {item_credit::proportional, "proportional"})

/// One rule's contribution to a criterion.
struct criterion_item {
    std::string rule;
    double points = 0.0;
    item_credit credit = item_credit::full;
};

/// A criterion (or criteria group) of a points scorecard.
struct criterion {
    std::string id;
    bilingual_text title;
    double max_points = 0.0;
    points_source from = points_source::rules;
    bool bonus = false;                ///< bonus points: outside the main maximum and pass conditions
    std::vector<criterion_item> items; ///< for `rules`: item points add up to max_points
    std::string source;                ///< citation
};

/// The two kinds of scheme.
enum class scheme_kind : std::uint8_t { xccdf, scorecard };

DANCHU_ENUM_NAMES(scheme_kind, "scheme kind", {scheme_kind::xccdf, "xccdf"},
                  {scheme_kind::scorecard, "scorecard"})

/// Which total bands are applied to.
enum class score_basis : std::uint8_t {
    appraised, ///< after the superior's appraisal (equal to self when nothing was adjusted)
    self,      ///< the unit's self-assessment
};

DANCHU_ENUM_NAMES(score_basis, "score basis", {score_basis::appraised, "appraised"},
                  {score_basis::self, "self"})

/// Everything a scheme says, as plain data; `scoring_scheme` validates it.
/// Containers mirror the JSON document, so problems are reported with the
/// JSON pointer of the offending member (`/criteria/2/max_points`).
struct scheme_spec {
    std::string file = "<memory>"; ///< named in error messages
    std::string id;
    bilingual_text title;
    std::string source;
    confidence conf = confidence::verified;
    std::string pack; ///< the pack the scheme was written for (informative)
    scheme_kind kind = scheme_kind::scorecard;
    counting_policy counting;
    // XCCDF
    xccdf_model model = xccdf_model::default_model;
    xccdf_group root;                                    ///< empty: every rule of the pack, in table order
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

DANCHU_ENUM_NAMES(entry_kind, "entry kind", {entry_kind::self, "self"}, {entry_kind::appraisal, "appraisal"})

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
    std::string date; ///< ISO date
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
    no_evidence = 16,      ///< the unit sent no evidence at all (see no_evidence_policy)
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
    /// Whether the unit sent no evidence at all (coverage_flag::no_evidence).
    bool no_evidence(std::size_t u) const noexcept {
        return (coverage_[u] & static_cast<std::uint8_t>(coverage_flag::no_evidence)) != 0;
    }
    /// How units that sent no evidence were counted.
    no_evidence_policy no_evidence_counted_as() const noexcept { return no_evidence_; }

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
    friend scorecard score(std::shared_ptr<const scoring_scheme>, const finding_table&, const assessment&,
                           const score_options&);
    std::shared_ptr<const scoring_scheme> scheme_;
    no_evidence_policy no_evidence_ = no_evidence_policy::missing_report;
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
inline scorecard score(const scoring_scheme& scheme, const finding_table& table, const assessment& input,
                       const score_options& options = {}) {
    return score(std::make_shared<const scoring_scheme>(scheme), table, input, options);
}

/// Convenience overload (copies the scheme), without an assessment.
inline scorecard score(const scoring_scheme& scheme, const finding_table& table) {
    return score(std::make_shared<const scoring_scheme>(scheme), table, assessment{});
}

} // namespace danchu

namespace danchu {
namespace detail {

inline std::string ptr_join(const std::string& base, const std::string& token) {
    std::string t;
    t.reserve(token.size());
    for (char ch : token) { // RFC 6901 escaping
        if (ch == '~')
            t += "~0";
        else if (ch == '/')
            t += "~1";
        else
            t += ch;
    }
    return base + "/" + t;
}
inline std::string ptr_join(const std::string& base, std::size_t i) { return base + "/" + std::to_string(i); }

inline bool finite_non_negative(double x) noexcept { return std::isfinite(x) && x >= 0.0; }

inline void collect_group_refs(const xccdf_group& g, const std::string& ptr,
                               std::vector<std::pair<std::string, std::string>>& out) {
    for (std::size_t i = 0; i < g.rules.size(); ++i)
        out.emplace_back(g.rules[i], ptr_join(ptr_join(ptr, "rules"), i));
    for (std::size_t i = 0; i < g.groups.size(); ++i)
        collect_group_refs(g.groups[i], ptr_join(ptr_join(ptr, "groups"), i), out);
}

inline void validate_group(const xccdf_group& g, const std::string& file, const std::string& ptr,
                           bool is_root) {
    if (!is_root && g.id.empty())
        throw parse_error(file, ptr_join(ptr, "id"), "expected a non-empty group id");
    if (!finite_non_negative(g.weight))
        throw parse_error(file, ptr_join(ptr, "weight"), "expected a weight that is a finite number >= 0");
    for (std::size_t i = 0; i < g.groups.size(); ++i)
        validate_group(g.groups[i], file, ptr_join(ptr_join(ptr, "groups"), i), false);
}

} // namespace detail

inline std::vector<std::pair<std::string, std::string>> scoring_scheme::rule_references() const {
    using detail::ptr_join;
    std::vector<std::pair<std::string, std::string>> out;
    detail::collect_group_refs(spec_.root, "/benchmark", out);
    for (const auto& [rule, w] : spec_.weights) out.emplace_back(rule, ptr_join("/weights", rule));
    for (std::size_t c = 0; c < spec_.criteria.size(); ++c)
        for (std::size_t i = 0; i < spec_.criteria[c].items.size(); ++i)
            out.emplace_back(spec_.criteria[c].items[i].rule,
                             "/criteria/" + std::to_string(c) + "/items/" + std::to_string(i) + "/rule");
    for (std::size_t c = 0; c < spec_.caps.size(); ++c)
        for (std::size_t i = 0; i < spec_.caps[c].rules.size(); ++i)
            out.emplace_back(spec_.caps[c].rules[i],
                             "/caps/" + std::to_string(c) + "/rules/" + std::to_string(i));
    for (std::size_t c = 0; c < spec_.ineligible.size(); ++c)
        if (!spec_.ineligible[c].rule.empty())
            out.emplace_back(spec_.ineligible[c].rule, "/ineligible/" + std::to_string(c) + "/rule");
    return out;
}

inline scoring_scheme::scoring_scheme(scheme_spec spec) : spec_(std::move(spec)) {
    using detail::ptr_join;
    const std::string& f = spec_.file;
    if (spec_.id.empty()) throw parse_error(f, "/id", "expected a non-empty scheme id");
    // weights
    for (const auto& [rule, w] : spec_.weights)
        if (!detail::finite_non_negative(w))
            throw parse_error(f, ptr_join("/weights", rule),
                              "expected a weight that is a finite number >= 0");
    detail::validate_group(spec_.root, f, "/benchmark", true);
    {
        std::unordered_set<std::string> seen;
        std::vector<std::pair<std::string, std::string>> refs;
        detail::collect_group_refs(spec_.root, "/benchmark", refs);
        for (const auto& [rule, ptr] : refs)
            if (!seen.insert(rule).second)
                throw parse_error(f, ptr,
                                  "rule \"" + rule +
                                      "\" appears twice in the benchmark (XCCDF "
                                      "selects each rule once)");
    }
    // criteria
    if (spec_.kind == scheme_kind::scorecard && spec_.criteria.empty())
        throw parse_error(f, "/criteria", "a scorecard needs at least one criterion");
    double main = 0.0;
    for (std::size_t c = 0; c < spec_.criteria.size(); ++c) {
        const auto& k = spec_.criteria[c];
        const std::string p = ptr_join("/criteria", c);
        if (k.id.empty()) throw parse_error(f, ptr_join(p, "id"), "expected a non-empty criterion id");
        for (std::size_t j = 0; j < c; ++j)
            if (spec_.criteria[j].id == k.id)
                throw parse_error(f, ptr_join(p, "id"), "criterion id \"" + k.id + "\" appears twice");
        if (!(std::isfinite(k.max_points) && k.max_points > 0))
            throw parse_error(f, ptr_join(p, "max_points"),
                              "expected the maximum points as a finite number > 0");
        if (k.from == points_source::rules) {
            if (k.items.empty())
                throw parse_error(f, ptr_join(p, "items"),
                                  "a criterion scored from rules needs at least one item");
            double sum = 0.0;
            for (std::size_t i = 0; i < k.items.size(); ++i) {
                const double pts = k.items[i].points;
                if (!detail::finite_non_negative(pts))
                    throw parse_error(f, ptr_join(ptr_join(ptr_join(p, "items"), i), "points"),
                                      "expected points as a finite number >= 0");
                sum += pts;
            }
            if (std::fabs(sum - k.max_points) > 1e-6)
                throw parse_error(f, ptr_join(p, "items"),
                                  "the items' points add up to " + std::to_string(sum) +
                                      ", not to the criterion's max_points " + std::to_string(k.max_points));
        } else if (!k.items.empty()) {
            throw parse_error(f, ptr_join(p, "items"),
                              "a criterion whose points are entered (" + std::string(to_string(k.from)) +
                                  ") has no rule items");
        }
        if (!k.bonus) main += k.max_points;
    }
    if (spec_.kind == scheme_kind::scorecard) {
        main_max_ = main;
        if (spec_.max_points && std::fabs(*spec_.max_points - main) > 1e-6)
            throw parse_error(f, "/max_points",
                              "the main criteria add up to " + std::to_string(main) + " points, not " +
                                  std::to_string(*spec_.max_points));
        if (spec_.max_total && !(std::isfinite(*spec_.max_total) && *spec_.max_total >= main))
            throw parse_error(f, "/max_total", "expected a cap of the total at least the main maximum");
    }
    if (spec_.round.decimals < 0 || spec_.round.decimals > 6)
        throw parse_error(f, "/rounding/decimals", "expected 0 to 6 decimals");
    // bands
    if (auto prob = band_scale::problem(spec_.bands))
        throw parse_error(f, ptr_join(ptr_join("/bands", prob->index), prob->field), prob->message);
    for (std::size_t i = 0; i < spec_.bands.size(); ++i) {
        const auto& k = spec_.bands[i].conditions;
        if (!k.achieved_fraction) continue;
        if (spec_.kind != scheme_kind::scorecard)
            throw parse_error(f, ptr_join(ptr_join("/bands", i), "achieved_fraction"),
                              "criteria conditions need a scorecard scheme");
        if (achieved_fraction_ &&
            (*achieved_fraction_ != *k.achieved_fraction || achieved_bound_ != k.achieved_boundary))
            throw parse_error(f, ptr_join(ptr_join("/bands", i), "achieved_fraction"),
                              "every band must use the same achieved_fraction and boundary");
        achieved_fraction_ = k.achieved_fraction;
        achieved_bound_ = k.achieved_boundary;
    }
    scale_ = band_scale(spec_.bands);
    // caps and ineligibility
    for (std::size_t i = 0; i < spec_.caps.size(); ++i) {
        const auto& c = spec_.caps[i];
        const std::string p = ptr_join("/caps", i);
        if (c.id.empty()) throw parse_error(f, ptr_join(p, "id"), "expected a non-empty cap id");
        if (scale_.find(c.max_band) < 0)
            throw parse_error(f, ptr_join(p, "max_band"),
                              "unknown band \"" + c.max_band + "\": expected one of the scheme's bands");
        if (!c.any_critical_failure && c.rules.empty())
            throw parse_error(f, p, "a cap needs \"critical_failure\": true or a list of rules");
    }
    for (std::size_t i = 0; i < spec_.ineligible.size(); ++i) {
        const auto& c = spec_.ineligible[i];
        const std::string p = ptr_join("/ineligible", i);
        if (c.id.empty()) throw parse_error(f, ptr_join(p, "id"), "expected a non-empty condition id");
        for (std::size_t j = 0; j < i; ++j)
            if (spec_.ineligible[j].id == c.id)
                throw parse_error(f, ptr_join(p, "id"), "condition id \"" + c.id + "\" appears twice");
    }
}

inline double scorecard::criterion_max(std::size_t u, std::size_t c) const noexcept {
    return state(u, c) == criterion_state::not_applicable ? 0.0 : scheme_->criteria()[c].max_points;
}

namespace detail {

/// Rule id → table column, with a located error for an unknown id.
inline std::size_t resolve_rule(const std::unordered_map<std::string, std::size_t>& cols,
                                const std::string& rule, const std::string& file, const std::string& ptr,
                                const finding_table& table) {
    auto it = cols.find(rule);
    if (it != cols.end()) return it->second;
    std::string known;
    for (std::size_t i = 0; i < table.rule_count() && i < 5; ++i)
        known += (i ? ", " : "") + table.rules()[i].id;
    if (table.rule_count() > 5) known += ", …";
    throw parse_error(file, ptr,
                      "unknown rule \"" + rule + "\": the evaluated pack has no such rule (it has " +
                          std::to_string(table.rule_count()) + " rules" +
                          (known.empty() ? std::string() : ": " + known) + ")");
}

inline void build_tree(const xccdf_group& g, std::size_t parent, const std::string& ptr,
                       const std::unordered_map<std::string, std::size_t>& cols,
                       const std::vector<double>& weight, const std::string& file, const finding_table& table,
                       xccdf_tree& t) {
    const std::size_t me = t.nodes.size();
    t.nodes.push_back({parent, g.weight});
    for (std::size_t i = 0; i < g.rules.size(); ++i) {
        const std::size_t col =
            resolve_rule(cols, g.rules[i], file, ptr_join(ptr_join(ptr, "rules"), i), table);
        t.leaves.push_back({col, me, weight[col]});
    }
    for (std::size_t i = 0; i < g.groups.size(); ++i)
        build_tree(g.groups[i], me, ptr_join(ptr_join(ptr, "groups"), i), cols, weight, file, table, t);
}

} // namespace detail

inline scorecard score(std::shared_ptr<const scoring_scheme> scheme_ptr, const finding_table& table,
                       const assessment& input, const score_options& options) {
    using detail::ptr_join;
    if (!scheme_ptr) throw argument_error("score: the scheme is null");
    const scoring_scheme& sch = *scheme_ptr;
    const scheme_spec& sp = sch.spec();
    const std::string& sf = sp.file;
    const std::size_t R = table.rule_count();
    const std::size_t U = table.unit_count();
    const std::size_t C = sp.kind == scheme_kind::scorecard ? sp.criteria.size() : 0;
    const counting_policy& pol = sp.counting;

    // Columns, weights, advisory flags.
    std::unordered_map<std::string, std::size_t> cols;
    cols.reserve(R);
    std::vector<double> weight(R);
    std::vector<char> advisory(R);
    for (std::size_t r = 0; r < R; ++r) {
        const auto& m = table.rules()[r];
        if (!cols.emplace(m.id, r).second)
            throw scoring_error("the finding table has rule \"" + m.id + "\" twice");
        if (!detail::finite_non_negative(m.weight))
            throw scoring_error("rule \"" + m.id + "\" has weight " + std::to_string(m.weight) +
                                ": expected a finite number >= 0");
        weight[r] = m.weight;
        advisory[r] = m.conf == confidence::uncertain;
    }
    for (const auto& [rule, w] : sp.weights)
        weight[detail::resolve_rule(cols, rule, sf, ptr_join("/weights", rule), table)] = w;

    // Every reference resolves (also the ones used below by index).
    std::vector<char> used(R, 0);
    for (const auto& [rule, ptr] : sch.rule_references())
        used[detail::resolve_rule(cols, rule, sf, ptr, table)] = 1;

    detail::xccdf_tree tree;
    if (sp.kind == scheme_kind::xccdf) {
        if (sp.root.rules.empty() && sp.root.groups.empty()) {
            tree.nodes.push_back({detail::xccdf_tree::npos, 1.0});
            for (std::size_t r = 0; r < R; ++r) {
                tree.leaves.push_back({r, 0, weight[r]});
                used[r] = 1;
            }
        } else {
            detail::build_tree(sp.root, detail::xccdf_tree::npos, "/benchmark", cols, weight, sf, table,
                               tree);
        }
    }
    std::vector<std::size_t> used_cols;
    for (std::size_t r = 0; r < R; ++r)
        if (used[r]) used_cols.push_back(r);

    // Criterion items as columns.
    std::vector<std::vector<std::size_t>> item_col(C);
    for (std::size_t c = 0; c < C; ++c)
        for (const auto& it : sp.criteria[c].items) item_col[c].push_back(cols.at(it.rule));
    std::vector<std::vector<std::size_t>> cap_cols(sp.caps.size());
    for (std::size_t k = 0; k < sp.caps.size(); ++k) {
        for (const auto& r : sp.caps[k].rules) cap_cols[k].push_back(cols.at(r));
        if (sp.caps[k].any_critical_failure)
            for (std::size_t r = 0; r < R; ++r)
                if (table.rules()[r].sev == severity::critical && (!advisory[r] || pol.advisory_scored))
                    cap_cols[k].push_back(r);
    }
    std::vector<std::size_t> inelig_col(sp.ineligible.size(), detail::xccdf_tree::npos);
    for (std::size_t k = 0; k < sp.ineligible.size(); ++k)
        if (!sp.ineligible[k].rule.empty()) inelig_col[k] = cols.at(sp.ineligible[k].rule);

    // Original verdicts of overridden findings, when the policy asks for them.
    std::unordered_map<std::size_t, verdict> originals;
    if (pol.overridden == override_use::original && !table.overrides().empty()) {
        std::unordered_map<std::string, std::size_t> units;
        for (std::size_t u = 0; u < U; ++u) units.emplace(table.unit_ids()[u], u);
        for (const auto& o : table.overrides()) {
            auto uu = units.find(o.unit_id);
            auto rr = cols.find(o.rule_id);
            if (uu == units.end() || rr == cols.end()) continue;
            originals.emplace(uu->second * R + rr->second, o.original); // first = original
        }
    }
    auto verdict_at = [&](std::size_t u, std::size_t r) -> verdict {
        if (!originals.empty()) {
            auto it = originals.find(u * R + r);
            if (it != originals.end()) return it->second;
        }
        return table(u, r);
    };
    auto cell = [&](std::size_t u, std::size_t r) -> counted {
        const verdict v = verdict_at(u, r);
        double cr = static_cast<double>(table.credit(u, r));
        if (!originals.empty() && originals.count(u * R + r)) cr = v == verdict::pass ? 1.0 : 0.0;
        cr = std::clamp(std::isfinite(cr) ? cr : 0.0, 0.0, 1.0);
        return count_finding(pol, v, cr, advisory[r] != 0);
    };

    scorecard out;
    out.scheme_ = scheme_ptr;
    out.no_evidence_ = options.no_evidence;
    out.unit_ids_ = table.unit_ids();
    out.n_crit_ = C;

    // Manual entries, validated and indexed.
    const std::string& af = input.file;
    std::unordered_map<std::size_t, double> self_in, appr_in;
    for (std::size_t i = 0; i < input.points.size(); ++i) {
        const auto& e = input.points[i];
        const std::string p = ptr_join("/points", i);
        const std::size_t u = out.find(e.unit);
        if (u == scorecard::npos)
            throw parse_error(af, ptr_join(p, "unit"), "unknown unit \"" + e.unit + "\": it has no findings");
        const int c = sch.find_criterion(e.criterion);
        if (c < 0)
            throw parse_error(af, ptr_join(p, "criterion"),
                              "unknown criterion \"" + e.criterion + "\" in scheme \"" + sp.id + "\"");
        const auto& k = sp.criteria[static_cast<std::size_t>(c)];
        if (!(std::isfinite(e.points) && e.points >= 0 && e.points <= k.max_points + 1e-9))
            throw parse_error(af, ptr_join(p, "points"),
                              "expected points between 0 and " + std::to_string(k.max_points) +
                                  " (the maximum of criterion \"" + k.id + "\")");
        if (e.kind == entry_kind::self && k.from != points_source::self)
            throw parse_error(af, ptr_join(p, "kind"),
                              "criterion \"" + k.id + "\" is " +
                                  (k.from == points_source::rules
                                       ? "scored from rules: change it by appraisal"
                                       : "awarded by the superior: use kind \"appraisal\""));
        (e.kind == entry_kind::self ? self_in : appr_in)[u * C + static_cast<std::size_t>(c)] = e.points;
        out.adjustments_.push_back(e);
    }
    std::unordered_map<std::size_t, int> declared;
    for (std::size_t i = 0; i < input.ineligible.size(); ++i) {
        const auto& e = input.ineligible[i];
        const std::string p = ptr_join("/ineligible", i);
        const std::size_t u = out.find(e.unit);
        if (u == scorecard::npos)
            throw parse_error(af, ptr_join(p, "unit"), "unknown unit \"" + e.unit + "\": it has no findings");
        int k = -1;
        for (std::size_t j = 0; j < sp.ineligible.size(); ++j)
            if (sp.ineligible[j].id == e.condition) k = static_cast<int>(j);
        if (k < 0)
            throw parse_error(af, ptr_join(p, "condition"),
                              "unknown ineligibility condition \"" + e.condition + "\" in scheme \"" + sp.id +
                                  "\"");
        declared.emplace(u, k);
        out.declarations_.push_back(e);
    }

    // Units that sent no evidence at all: as the caller says, or told from the
    // findings and the assessment (a unit with points entered sent something).
    std::vector<char> silent(U, 0);
    if (options.no_evidence_units) {
        for (const auto& id : *options.no_evidence_units)
            if (const std::size_t u = out.find(id); u != scorecard::npos) silent[u] = 1;
    } else {
        for (std::size_t u = 0; u < U; ++u) silent[u] = sent_no_evidence(table, u) ? 1 : 0;
        for (const auto& e : input.points)
            if (const std::size_t u = out.find(e.unit); u != scorecard::npos) silent[u] = 0;
    }
    constexpr double no_total = std::numeric_limits<double>::quiet_NaN();

    out.self_.assign(U * C, 0.0);
    out.appraised_.assign(U * C, 0.0);
    out.state_.assign(U * C, 0);
    out.self_total_.assign(U, 0.0);
    out.appraised_total_.assign(U, 0.0);
    out.total_.assign(U, 0.0);
    out.xccdf_score_.assign(U, 0.0);
    out.maximum_.assign(U, sch.main_maximum());
    out.status_.assign(U, 0);
    out.unmet_.assign(U, 0);
    out.coverage_.assign(U, 0);
    out.band_.assign(U, -1);
    out.uncapped_.assign(U, -1);
    out.cap_.assign(U, -1);
    out.inelig_.assign(U, -1);
    out.stats_.assign(U, {});
    out.unknown_.assign(U, 0);
    out.errors_.assign(U, 0);

    const band_scale& scale = sch.bands();
    const double main_max = sch.main_maximum();
    detail::xccdf_scratch scratch;
    for (std::size_t u = 0; u < U; ++u) {
        std::uint8_t cov = 0;
        for (std::size_t r : used_cols) {
            const verdict v = verdict_at(u, r);
            if (v == verdict::unknown)
                ++out.unknown_[u];
            else if (v == verdict::error)
                ++out.errors_[u];
        }
        if (out.unknown_[u]) cov |= static_cast<std::uint8_t>(coverage_flag::missing_evidence);
        if (out.errors_[u]) cov |= static_cast<std::uint8_t>(coverage_flag::evaluation_error);
        if (silent[u]) cov |= static_cast<std::uint8_t>(coverage_flag::no_evidence);

        double basis = 0.0;
        criteria_stats st;
        bool nothing_applies = false;
        if (sp.kind == scheme_kind::xccdf) {
            const auto res = detail::evaluate_xccdf(
                tree, sp.model, [&](std::size_t r) { return cell(u, r); }, scratch);
            out.xccdf_score_[u] = res.score;
            out.maximum_[u] = res.maximum;
            basis = res.percent(sp.model);
            nothing_applies = res.scored == 0;
            out.self_total_[u] = out.appraised_total_[u] = basis;
        } else {
            double self_main = 0, appr_main = 0, self_bonus = 0, appr_bonus = 0, na_max = 0;
            for (std::size_t c = 0; c < C; ++c) {
                const auto& k = sp.criteria[c];
                const std::size_t at = u * C + c;
                double self = 0.0;
                auto st_c = criterion_state::scored;
                if (k.from == points_source::rules) {
                    double earned = 0.0, applicable = 0.0;
                    for (std::size_t i = 0; i < k.items.size(); ++i) {
                        const counted x = cell(u, item_col[c][i]);
                        if (!x.scored) continue;
                        applicable += k.items[i].points;
                        const double f =
                            k.items[i].credit == item_credit::full ? (x.passed ? 1.0 : 0.0) : x.credit;
                        earned += k.items[i].points * f;
                    }
                    if (applicable > 0)
                        self = earned / applicable * k.max_points;
                    else
                        st_c = criterion_state::not_applicable;
                } else if (k.from == points_source::self) {
                    auto it = self_in.find(at);
                    if (it != self_in.end())
                        self = it->second;
                    else {
                        st_c = criterion_state::missing;
                        cov |= static_cast<std::uint8_t>(coverage_flag::missing_self);
                    }
                }
                double appr = self;
                if (auto it = appr_in.find(at); it != appr_in.end()) {
                    appr = it->second;
                    if (st_c == criterion_state::not_applicable) st_c = criterion_state::scored;
                } else if (k.from == points_source::superior) {
                    st_c = criterion_state::missing;
                    cov |= static_cast<std::uint8_t>(coverage_flag::pending_appraisal);
                }
                out.self_[at] = self;
                out.appraised_[at] = appr;
                out.state_[at] = static_cast<std::uint8_t>(st_c);
                if (k.bonus) {
                    self_bonus += self;
                    appr_bonus += appr;
                    continue;
                }
                if (st_c == criterion_state::not_applicable) {
                    na_max += k.max_points;
                    continue;
                }
                self_main += self;
                appr_main += appr;
                const double pts = sp.classify_on == score_basis::self ? self : appr;
                ++st.counted;
                if (pts <= threshold_tolerance) ++st.zero;
                if (sch.achieved_fraction() &&
                    meets(pts, *sch.achieved_fraction() * k.max_points, sch.achieved_boundary()))
                    ++st.achieved;
            }
            // Wholly not-applicable criteria: rescale the rest to the main maximum.
            const double scale_na =
                na_max > 0 && main_max - na_max > 0 ? main_max / (main_max - na_max) : 1.0;
            double self_t = self_main * scale_na + self_bonus;
            double appr_t = appr_main * scale_na + appr_bonus;
            if (sp.max_total) {
                self_t = std::min(self_t, *sp.max_total);
                appr_t = std::min(appr_t, *sp.max_total);
            }
            out.self_total_[u] = self_t;
            out.appraised_total_[u] = appr_t;
            out.xccdf_score_[u] = appr_t;
            basis = sp.classify_on == score_basis::self ? self_t : appr_t;
            nothing_applies = st.counted == 0;
        }
        const double total = sp.round.apply(basis);
        out.total_[u] = total;
        out.stats_[u] = st;
        out.coverage_[u] = cov;

        // Eligibility, band, cap.
        int inel = -1;
        for (std::size_t k = 0; k < inelig_col.size() && inel < 0; ++k)
            if (inelig_col[k] != detail::xccdf_tree::npos && verdict_at(u, inelig_col[k]) == verdict::fail)
                inel = static_cast<int>(k);
        if (inel < 0)
            if (auto it = declared.find(u); it != declared.end()) inel = it->second;
        out.inelig_[u] = inel;
        if (inel >= 0) {
            out.status_[u] = static_cast<std::uint8_t>(class_status::not_eligible);
            continue;
        }
        // No score to show for these two: no total (NaN), not 0. A silent unit
        // to which nothing applies (no rule the scheme uses is unknown for it)
        // needed to send nothing.
        if (silent[u] && options.no_evidence == no_evidence_policy::missing_report &&
            (out.unknown_[u] > 0 || !nothing_applies)) {
            out.status_[u] = static_cast<std::uint8_t>(class_status::missing_report);
            out.self_total_[u] = out.appraised_total_[u] = out.total_[u] = out.xccdf_score_[u] = no_total;
            continue;
        }
        if (nothing_applies) {
            out.status_[u] = static_cast<std::uint8_t>(class_status::not_applicable);
            out.self_total_[u] = out.appraised_total_[u] = out.total_[u] = no_total;
            continue;
        }
        if (scale.empty()) continue;
        out.unmet_[u] = scale.check(0, total, st);
        int b = scale.classify(total, st);
        out.uncapped_[u] = b;
        if (b < 0) {
            out.status_[u] = static_cast<std::uint8_t>(class_status::not_classified);
            continue;
        }
        for (std::size_t k = 0; k < cap_cols.size(); ++k) {
            const int cb = scale.find(sp.caps[k].max_band);
            if (b >= cb) continue;
            for (std::size_t r : cap_cols[k])
                if (verdict_at(u, r) == verdict::fail) {
                    b = cb;
                    out.cap_[u] = static_cast<int>(k);
                    break;
                }
        }
        out.band_[u] = b;
    }
    return out;
}

} // namespace danchu
