#pragma once
/// @file
/// Roll-ups of a scorecard over the organisation tree (province → departments
/// and districts → units): per node, over the node itself and everything
/// below it, the weighted mean (by staff count or equal weights), the minimum
/// and who has it, the count of units per band, and coverage: units without
/// a scorecard row or that sent no evidence at all (missing reports, see
/// no_evidence_policy), units with missing evidence or pending
/// appraisal, and units not eligible for classification are counted and can
/// be listed, never silently dropped. Nodes are ranked among their siblings,
/// and two roll-ups (this half-year and the last, this year and the last)
/// compare node by node with rank changes. Drill-down lists the findings
/// behind any node.

#include <danchu/core/error.hpp>
#include <danchu/organisation/unit.hpp>
#include <danchu/rules/finding.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <numeric>

namespace danchu {

/// How unit scores are weighted in a node's mean.
enum class weighting : std::uint8_t {
    staff, ///< by staff count (units with 0 staff weigh nothing)
    equal, ///< every unit counts once
};

DANCHU_ENUM_NAMES(weighting, "weighting", {weighting::staff, "staff"}, {weighting::equal, "equal"})

/// @throws argument_error naming the accepted values.
inline weighting weighting_from_string(std::string_view s) { return from_string<weighting>(s); }

/// Options of a roll-up.
struct rollup_options {
    weighting weigh = weighting::staff;
    /// Whether root units (e.g. the provincial People's Committee) are
    /// expected to have their own scorecard row; other units always are.
    bool expect_roots = false;
    std::string label; ///< the period, e.g. "2025-H1" (shown in comparisons)
    /// Units that sent no evidence at all: counted as unclassified (slot B+1)
    /// and left out of means, minima and ranks, whatever their scorecard says
    /// (the six-monthly report lists them as not classified). Without this
    /// list, a scorecard row of status missing_report counts as a missing report.
    std::vector<std::string> silent;
    /// Whether units to which nothing the scheme scores applies (status
    /// not_applicable) are counted; the report leaves them out.
    bool count_not_applicable = true;
    /// Whether scorecard rows of units the organisation lacks are skipped
    /// (the report lists what it knows) instead of being an error.
    bool skip_unknown_units = false;
};

/// Competition ranks ("1, 1, 3") of `values`, highest first: values within
/// 1e-9 of the one before share its rank; NaN is unranked (0). Ties keep the
/// input order. The one ranking of the library: siblings in a roll-up and
/// units in the six-monthly report are ranked by it.
inline std::vector<std::size_t> competition_ranks(const std::vector<double>& values) {
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isnan(values[i])) idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
    std::vector<std::size_t> rank(values.size(), 0);
    for (std::size_t k = 0; k < idx.size(); ++k)
        rank[idx[k]] =
            k > 0 && std::fabs(values[idx[k]] - values[idx[k - 1]]) <= 1e-9 ? rank[idx[k - 1]] : k + 1;
    return rank;
}

/// Units per band slot of the nodes sharing a key (e.g. a district or a sector).
struct band_group {
    std::string key;
    std::vector<std::size_t> counts; ///< per band slot (rollup::band_slots())
};

/// Coverage lists of one node's subtree (unit ids, in tree order).
struct coverage_lists {
    /// expected, but no scorecard row, or a row that is a missing report
    /// (class_status::missing_report: the unit sent no evidence at all)
    std::vector<std::string> missing;
    std::vector<std::string> missing_evidence; ///< a rule the scheme uses is unknown or error
    std::vector<std::string> missing_input;    ///< self-assessment or appraisal not entered
    std::vector<std::string> not_eligible;     ///< not eligible for classification
    std::vector<std::string> not_classified;   ///< no band reached
};

/// One finding behind a node (drill-down).
struct finding_row {
    std::string unit;
    std::string rule;
    verdict result = verdict::unknown;
    double credit = 0.0;
};

/// A roll-up: per node of the organisation, aggregates of its subtree.
class rollup {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    rollup() = default;

    /// @throws scoring_error naming a unit that has a scorecard row but is
    ///   not in the organisation.
    rollup(const organisation& org, const scorecard& sc, rollup_options opts = {});

    std::size_t size() const noexcept { return ids_.size(); }
    const rollup_options& options() const noexcept { return opts_; }
    const std::vector<std::string>& ids() const noexcept { return ids_; }
    const std::string& id(std::size_t i) const noexcept { return ids_[i]; }
    const std::string& name(std::size_t i) const noexcept { return names_[i]; }
    unit_kind kind(std::size_t i) const noexcept { return kinds_[i]; }
    std::size_t parent(std::size_t i) const noexcept { return parent_[i]; }
    std::size_t depth(std::size_t i) const noexcept { return depth_[i]; }
    std::int64_t staff(std::size_t i) const noexcept { return staff_[i]; }
    /// Index of a node by id, or npos.
    std::size_t find(std::string_view id) const {
        const auto& m = index_->get(ids_);
        auto it = m.find(std::string(id));
        return it == m.end() ? npos : it->second;
    }
    /// Children of a node, in organisation order.
    std::vector<std::size_t> children(std::size_t i) const {
        return {child_.begin() + static_cast<std::ptrdiff_t>(child_start_[i]),
                child_.begin() + static_cast<std::ptrdiff_t>(child_start_[i + 1])};
    }
    /// The node and everything below it, parents before children.
    std::vector<std::size_t> subtree(std::size_t i) const;

    // The node's own result (if it has a scorecard row).
    bool has_own(std::size_t i) const noexcept { return own_row_[i] != npos; }
    double own_total(std::size_t i) const noexcept { return own_total_[i]; }
    int own_band(std::size_t i) const noexcept { return own_band_[i]; }
    class_status own_status(std::size_t i) const noexcept {
        return static_cast<class_status>(own_status_[i]);
    }

    // Aggregates over the subtree.
    std::size_t units(std::size_t i) const noexcept { return units_[i]; }   ///< with a row
    std::size_t scored(std::size_t i) const noexcept { return scored_[i]; } ///< in the mean
    double weight(std::size_t i) const noexcept { return weight_[i]; }
    /// Weighted mean of the totals of eligible, classified units (NaN if none or weight 0).
    double mean(std::size_t i) const noexcept { return mean_[i]; }
    double minimum(std::size_t i) const noexcept { return min_[i]; }
    /// The node with the minimum (npos if none).
    std::size_t minimum_unit(std::size_t i) const noexcept { return min_unit_[i]; }
    /// Units per band: indices 0..B-1 are the scheme's bands, B is
    /// not eligible, B+1 is not classified (no band reached or no bands).
    std::size_t band_count(std::size_t i, std::size_t b) const noexcept {
        return band_counts_[i * (n_bands_ + 2) + b];
    }
    std::size_t band_slots() const noexcept { return n_bands_ + 2; }
    /// band_count / units (0 when the node has no units).
    double band_share(std::size_t i, std::size_t b) const noexcept {
        return units_[i] ? static_cast<double>(band_count(i, b)) / static_cast<double>(units_[i]) : 0.0;
    }
    /// Missing reports in the subtree: expected units without a scorecard row
    /// or whose row is class_status::missing_report.
    std::size_t missing(std::size_t i) const noexcept { return missing_[i]; }
    std::size_t incomplete(std::size_t i) const noexcept { return incomplete_[i]; }
    std::size_t not_eligible(std::size_t i) const noexcept { return band_count(i, n_bands_); }
    /// The band slot the node's own result is counted in (0..B-1 a band of the
    /// scheme, B not eligible, B+1 unclassified), or npos when the node is
    /// not counted (no scorecard row; not applicable and not counted).
    std::size_t own_slot(std::size_t i) const noexcept { return own_slot_[i]; }
    /// Whether the node is one of the options' silent units.
    bool silent(std::size_t i) const noexcept { return silent_[i] != 0; }
    /// Whether the node is a grouping-only node (is_grouping), left out of
    /// the counts and of the coverage lists.
    bool grouping_only(std::size_t i) const noexcept { return grouping_[i] != 0; }
    /// Units per band slot of the counted nodes grouped by `key_of_node`
    /// (one key per node), groups in the order their first node comes in
    /// the organisation.
    /// @throws argument_error if `key_of_node` does not have one key per node.
    std::vector<band_group> band_counts_by(const std::vector<std::string>& key_of_node) const;
    /// Rank among siblings by mean, highest first (1 = best; ties share a
    /// rank; 0 when the node has no mean).
    std::size_t rank(std::size_t i) const noexcept { return rank_[i]; }

    /// Band ids and names of the scheme (for display).
    const std::vector<band>& bands() const noexcept { return bands_; }

    /// Lists of the units behind the coverage counts of a node.
    coverage_lists coverage(std::size_t i) const;

    /// The findings behind a node: every cell of `table` for the units of
    /// its subtree that are in the table.
    std::vector<finding_row> drill_down(std::size_t i, const finding_table& table) const;

private:
    rollup_options opts_;
    std::vector<std::string> ids_, names_;
    std::vector<unit_kind> kinds_;
    std::vector<std::size_t> parent_, depth_, child_start_, child_;
    std::vector<std::int64_t> staff_;
    std::shared_ptr<detail::lazy_index> index_ = std::make_shared<detail::lazy_index>();
    std::vector<band> bands_;
    std::size_t n_bands_ = 0;
    std::vector<std::size_t> own_row_;
    std::vector<double> own_total_;
    std::vector<int> own_band_;
    std::vector<std::uint8_t> own_status_, own_cov_;
    std::vector<char> silent_;
    std::vector<char> grouping_; ///< grouping nodes left out (grouping_only)
    std::vector<std::size_t> own_slot_;
    std::vector<char> expected_;
    std::vector<std::size_t> units_, scored_, min_unit_, missing_, incomplete_, rank_, band_counts_;
    std::vector<double> weight_, mean_, min_;
};

/// One node compared across two periods.
struct comparison_row {
    std::string id;
    std::string name;
    double mean_now = std::numeric_limits<double>::quiet_NaN();
    double mean_before = std::numeric_limits<double>::quiet_NaN();
    double delta = std::numeric_limits<double>::quiet_NaN(); ///< now − before
    std::size_t rank_now = 0, rank_before = 0;               ///< 0: unranked
    /// rank_before − rank_now: positive = moved up; 0 when either is unranked.
    long rank_change = 0;
    std::string band_now, band_before; ///< own band ids ("" if none)
    bool in_before = false;            ///< the node exists in the earlier roll-up
};

/// Compares two roll-ups node by node (matched by id; nodes only in `now`
/// have in_before = false).
inline std::vector<comparison_row> compare(const rollup& now, const rollup& before);

} // namespace danchu

namespace danchu {

inline rollup::rollup(const organisation& org, const scorecard& sc, rollup_options opts)
    : opts_(std::move(opts)) {
    const std::size_t N = org.size();
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    ids_.reserve(N);
    names_.reserve(N);
    kinds_.reserve(N);
    staff_.reserve(N);
    parent_.resize(N);
    depth_.assign(N, 0);
    for (std::size_t i = 0; i < N; ++i) {
        const unit& u = org[i];
        ids_.push_back(u.id);
        names_.push_back(u.name);
        kinds_.push_back(u.kind);
        staff_.push_back(u.staff);
        parent_[i] = org.parent(i) == organisation::npos ? npos : org.parent(i);
    }
    // Children (CSR, organisation order) and depth.
    child_start_.assign(N + 1, 0);
    for (std::size_t i = 0; i < N; ++i)
        if (parent_[i] != npos) ++child_start_[parent_[i] + 1];
    for (std::size_t i = 0; i < N; ++i) child_start_[i + 1] += child_start_[i];
    child_.resize(child_start_[N]);
    {
        std::vector<std::size_t> fill(child_start_.begin(), child_start_.end() - 1);
        for (std::size_t i = 0; i < N; ++i)
            if (parent_[i] != npos) child_[fill[parent_[i]]++] = i;
    }
    for (std::size_t i = 0; i < N; ++i) {
        std::size_t d = 0;
        for (std::size_t j = parent_[i]; j != npos; j = parent_[j]) ++d;
        depth_[i] = d;
    }

    bands_ = sc.scheme().bands().bands();
    n_bands_ = bands_.size();
    const std::size_t S = n_bands_ + 2;

    own_row_.assign(N, npos);
    own_total_.assign(N, nan);
    own_band_.assign(N, -1);
    own_status_.assign(N, 0);
    own_cov_.assign(N, 0);
    std::size_t hint = 0; // findings usually follow the organisation's order
    for (std::size_t r = 0; r < sc.unit_count(); ++r) {
        const std::string& uid = sc.unit_ids()[r];
        std::size_t i = hint < N && ids_[hint] == uid ? hint : org.find(uid);
        if (i == organisation::npos) i = npos;
        hint = i == npos ? hint : i + 1;
        if (i == npos) {
            if (!opts_.skip_unknown_units)
                throw scoring_error("unit \"" + sc.unit_ids()[r] +
                                    "\" has a scorecard but is not in the organisation");
            continue;
        }
        own_row_[i] = r;
        own_total_[i] = sc.total(r);
        own_band_[i] = sc.band(r);
        own_status_[i] = static_cast<std::uint8_t>(sc.status(r));
        own_cov_[i] = sc.coverage(r);
    }
    silent_.assign(N, 0);
    for (const auto& id : opts_.silent)
        if (const std::size_t i = org.find(id); i != organisation::npos) silent_[i] = 1;
    own_slot_.assign(N, npos);
    expected_.assign(N, 1);
    if (!opts_.expect_roots)
        for (std::size_t i = 0; i < N; ++i)
            if (parent_[i] == npos) expected_[i] = 0;
    // Grouping-only nodes (is_grouping: a district as the grouping of its
    // units) are not expected to have a row of their own.
    grouping_.assign(N, 0);
    for (std::size_t i = 0; i < N; ++i)
        if (is_grouping(org[i])) grouping_[i] = 1, expected_[i] = 0;

    units_.assign(N, 0);
    scored_.assign(N, 0);
    missing_.assign(N, 0);
    incomplete_.assign(N, 0);
    band_counts_.assign(N * S, 0);
    weight_.assign(N, 0.0);
    std::vector<double> sum(N, 0.0);
    min_.assign(N, nan);
    min_unit_.assign(N, npos);
    for (std::size_t i = 0; i < N; ++i) {
        const auto st = static_cast<class_status>(own_status_[i]);
        // A grouping node is not assessed: a row of its own (the table has
        // one for every unit) is not a unit's result; left out, not missing.
        if (grouping_[i]) continue;
        // No scorecard row, or a row that is a missing report (the unit sent
        // no evidence at all, and the scorecard counts that as a missing
        // report): counted and listed as missing, nothing else.
        if (own_row_[i] == npos || (st == class_status::missing_report && !silent_[i])) {
            if (!expected_[i]) continue;
            for (std::size_t j = i; j != npos; j = parent_[j]) ++missing_[j];
            continue;
        }
        if (st == class_status::not_applicable && !opts_.count_not_applicable) continue;
        const std::size_t slot = silent_[i]                         ? n_bands_ + 1
                                 : st == class_status::not_eligible ? n_bands_
                                 : own_band_[i] >= 0                ? static_cast<std::size_t>(own_band_[i])
                                                                    : n_bands_ + 1;
        own_slot_[i] = slot;
        const bool in_mean = !silent_[i] &&
                             (st == class_status::classified || st == class_status::not_classified) &&
                             std::isfinite(own_total_[i]);
        const double w = opts_.weigh == weighting::equal ? 1.0 : static_cast<double>(staff_[i]);
        const double x = own_total_[i];
        for (std::size_t j = i; j != npos; j = parent_[j]) {
            ++units_[j];
            ++band_counts_[j * S + slot];
            if (own_cov_[i]) ++incomplete_[j];
            if (!in_mean) continue;
            ++scored_[j];
            weight_[j] += w;
            sum[j] += w * x;
            if (min_unit_[j] == npos || x < min_[j]) {
                min_[j] = x;
                min_unit_[j] = i;
            }
        }
    }
    mean_.assign(N, nan);
    for (std::size_t i = 0; i < N; ++i)
        if (scored_[i] && weight_[i] > 0) mean_[i] = sum[i] / weight_[i];

    // Rank among siblings (roots rank among roots).
    rank_.assign(N, 0);
    auto rank_group = [&](const std::vector<std::size_t>& g) {
        std::vector<double> means;
        means.reserve(g.size());
        for (std::size_t k : g) means.push_back(mean_[k]);
        const auto ranks = competition_ranks(means);
        for (std::size_t k = 0; k < g.size(); ++k) rank_[g[k]] = ranks[k];
    };
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < N; ++i)
        if (parent_[i] == npos) roots.push_back(i);
    rank_group(roots);
    for (std::size_t i = 0; i < N; ++i)
        if (child_start_[i + 1] > child_start_[i]) rank_group(children(i));
}

inline std::vector<band_group> rollup::band_counts_by(const std::vector<std::string>& key_of_node) const {
    if (key_of_node.size() != size())
        throw argument_error("rollup::band_counts_by: " + std::to_string(key_of_node.size()) + " keys for " +
                             std::to_string(size()) + " nodes: expected one key per node");
    std::vector<band_group> out;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < size(); ++i) {
        if (own_slot_[i] == npos) continue;
        auto [it, added] = index.emplace(key_of_node[i], out.size());
        if (added) out.push_back({key_of_node[i], std::vector<std::size_t>(band_slots(), 0)});
        ++out[it->second].counts[own_slot_[i]];
    }
    return out;
}

inline std::vector<std::size_t> rollup::subtree(std::size_t i) const {
    std::vector<std::size_t> out{i};
    for (std::size_t k = 0; k < out.size(); ++k)
        for (std::size_t c = child_start_[out[k]]; c < child_start_[out[k] + 1]; ++c)
            out.push_back(child_[c]);
    return out;
}

inline coverage_lists rollup::coverage(std::size_t i) const {
    coverage_lists out;
    for (std::size_t k : subtree(i)) {
        const auto st = static_cast<class_status>(own_status_[k]);
        if (grouping_[k]) continue;
        if (own_row_[k] == npos || (st == class_status::missing_report && !silent_[k])) {
            if (expected_[k]) out.missing.push_back(ids_[k]);
            continue;
        }
        const auto cov = own_cov_[k];
        constexpr auto ev = static_cast<std::uint8_t>(coverage_flag::missing_evidence) |
                            static_cast<std::uint8_t>(coverage_flag::evaluation_error);
        constexpr auto in = static_cast<std::uint8_t>(coverage_flag::missing_self) |
                            static_cast<std::uint8_t>(coverage_flag::pending_appraisal);
        if (cov & ev) out.missing_evidence.push_back(ids_[k]);
        if (cov & in) out.missing_input.push_back(ids_[k]);
        if (st == class_status::not_eligible)
            out.not_eligible.push_back(ids_[k]);
        else if (st == class_status::not_classified || st == class_status::not_applicable)
            out.not_classified.push_back(ids_[k]);
    }
    return out;
}

inline std::vector<finding_row> rollup::drill_down(std::size_t i, const finding_table& table) const {
    std::unordered_map<std::string, std::size_t> rows;
    rows.reserve(table.unit_count());
    for (std::size_t u = 0; u < table.unit_count(); ++u) rows.emplace(table.unit_ids()[u], u);
    std::vector<finding_row> out;
    for (std::size_t k : subtree(i)) {
        auto it = rows.find(ids_[k]);
        if (it == rows.end()) continue;
        for (std::size_t r = 0; r < table.rule_count(); ++r)
            out.push_back({ids_[k], table.rules()[r].id, table(it->second, r), table.credit(it->second, r)});
    }
    return out;
}

inline std::vector<comparison_row> compare(const rollup& now, const rollup& before) {
    std::vector<comparison_row> out;
    out.reserve(now.size());
    auto band_id = [](const rollup& r, std::size_t i) -> std::string {
        const int b = r.own_band(i);
        return b >= 0 ? r.bands()[static_cast<std::size_t>(b)].id : std::string();
    };
    for (std::size_t i = 0; i < now.size(); ++i) {
        comparison_row row;
        row.id = now.id(i);
        row.name = now.name(i);
        row.mean_now = now.mean(i);
        row.rank_now = now.rank(i);
        row.band_now = band_id(now, i);
        const std::size_t j = before.find(row.id);
        if (j != rollup::npos) {
            row.in_before = true;
            row.mean_before = before.mean(j);
            row.rank_before = before.rank(j);
            row.band_before = band_id(before, j);
            row.delta = row.mean_now - row.mean_before;
            if (row.rank_now && row.rank_before)
                row.rank_change = static_cast<long>(row.rank_before) - static_cast<long>(row.rank_now);
        }
        out.push_back(std::move(row));
    }
    return out;
}

} // namespace danchu
