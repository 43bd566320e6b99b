#pragma once
/// @file
/// Roll-ups of a scorecard over the organisation tree (province → departments
/// and districts → units): per node, over the node itself and everything
/// below it, the weighted mean (by staff count or equal weights), the minimum
/// and who has it, the count of units per band, and coverage: units without
/// a scorecard row (missing reports), units with missing evidence or pending
/// appraisal, and units not eligible for classification are counted and can
/// be listed, never silently dropped. Nodes are ranked among their siblings,
/// and two roll-ups (this half-year and the last, this year and the last)
/// compare node by node with rank changes. Drill-down lists the findings
/// behind any node.

#include <danchu/error.hpp>
#include <danchu/finding.hpp>
#include <danchu/scorecard.hpp>
#include <danchu/unit.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace danchu {

/// How unit scores are weighted in a node's mean.
enum class weighting : std::uint8_t {
    staff, ///< by staff count (units with 0 staff weigh nothing)
    equal, ///< every unit counts once
};

inline constexpr std::string_view to_string(weighting w) noexcept {
    return w == weighting::staff ? "staff" : "equal";
}

/// @throws argument_error naming the accepted values.
inline weighting weighting_from_string(std::string_view s) {
    if (s == "staff") return weighting::staff;
    if (s == "equal") return weighting::equal;
    throw argument_error("unknown weighting \"" + std::string(s) + "\": expected staff or equal");
}

/// Options of a roll-up.
struct rollup_options {
    weighting weigh = weighting::staff;
    /// Whether root units (e.g. the provincial People's Committee) are
    /// expected to have their own scorecard row; other units always are.
    bool expect_roots = false;
    std::string label; ///< the period, e.g. "2025-H1" (shown in comparisons)
};

/// Coverage lists of one node's subtree (unit ids, in tree order).
struct coverage_lists {
    std::vector<std::string> missing;           ///< expected, but no scorecard row
    std::vector<std::string> missing_evidence;  ///< a rule the scheme uses is unknown or error
    std::vector<std::string> missing_input;     ///< self-assessment or appraisal not entered
    std::vector<std::string> not_eligible;      ///< not eligible for classification
    std::vector<std::string> unclassified;      ///< no band reached
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
    /// not eligible, B+1 is unclassified (no band reached or no bands).
    std::size_t band_count(std::size_t i, std::size_t b) const noexcept {
        return band_counts_[i * (n_bands_ + 2) + b];
    }
    std::size_t band_slots() const noexcept { return n_bands_ + 2; }
    /// band_count / units (0 when the node has no units).
    double band_share(std::size_t i, std::size_t b) const noexcept {
        return units_[i] ? static_cast<double>(band_count(i, b)) / static_cast<double>(units_[i]) : 0.0;
    }
    std::size_t missing(std::size_t i) const noexcept { return missing_[i]; }
    std::size_t incomplete(std::size_t i) const noexcept { return incomplete_[i]; }
    std::size_t not_eligible(std::size_t i) const noexcept { return band_count(i, n_bands_); }
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

#include <danchu/detail/score_rollup.hpp>
