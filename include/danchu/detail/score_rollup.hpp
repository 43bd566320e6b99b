#pragma once
// Implementation of rollup.hpp. Not API; include <danchu/rollup.hpp>.

#include <danchu/rollup.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

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
        if (i == npos)
            throw scoring_error("unit \"" + sc.unit_ids()[r] +
                                "\" has a scorecard but is not in the organisation");
        own_row_[i] = r;
        own_total_[i] = sc.total(r);
        own_band_[i] = sc.band(r);
        own_status_[i] = static_cast<std::uint8_t>(sc.status(r));
        own_cov_[i] = sc.coverage(r);
    }
    expected_.assign(N, 1);
    if (!opts_.expect_roots)
        for (std::size_t i = 0; i < N; ++i)
            if (parent_[i] == npos) expected_[i] = 0;

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
        if (own_row_[i] == npos) {
            if (!expected_[i]) continue;
            for (std::size_t j = i; j != npos; j = parent_[j]) ++missing_[j];
            continue;
        }
        const auto st = static_cast<class_status>(own_status_[i]);
        const std::size_t slot = st == class_status::not_eligible ? n_bands_
                                 : own_band_[i] >= 0 ? static_cast<std::size_t>(own_band_[i])
                                                     : n_bands_ + 1;
        const bool in_mean = (st == class_status::classified || st == class_status::unclassified) &&
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
    auto rank_group = [&](std::vector<std::size_t> g) {
        g.erase(std::remove_if(g.begin(), g.end(), [&](std::size_t k) { return std::isnan(mean_[k]); }),
                g.end());
        std::stable_sort(g.begin(), g.end(),
                         [&](std::size_t a, std::size_t b) { return mean_[a] > mean_[b]; });
        for (std::size_t k = 0; k < g.size(); ++k)
            rank_[g[k]] = k > 0 && std::fabs(mean_[g[k]] - mean_[g[k - 1]]) <= 1e-9
                              ? rank_[g[k - 1]]
                              : k + 1;
    };
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < N; ++i)
        if (parent_[i] == npos) roots.push_back(i);
    rank_group(roots);
    for (std::size_t i = 0; i < N; ++i)
        if (child_start_[i + 1] > child_start_[i]) rank_group(children(i));
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
        if (own_row_[k] == npos) {
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
        const auto st = static_cast<class_status>(own_status_[k]);
        if (st == class_status::not_eligible) out.not_eligible.push_back(ids_[k]);
        else if (st == class_status::unclassified || st == class_status::not_applicable)
            out.unclassified.push_back(ids_[k]);
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
            out.push_back({ids_[k], table.rules()[r].id, table.at(it->second, r),
                           table.credit(it->second, r)});
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
