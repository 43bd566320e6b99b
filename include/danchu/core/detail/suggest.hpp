#pragma once
/// @file
/// Internal: "did you mean …" for mistyped ids (units, rules, packs, schemes).
/// Edit distance over bytes (ids are ASCII), case-insensitive.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace danchu::detail {

/// Levenshtein distance between `a` and `b`, ASCII letters compared
/// case-insensitively.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    auto low = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (low(a[i - 1]) == low(b[j - 1]) ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

/// The candidates closest to `wrong`, best first (at most `limit`, ties in the
/// candidates' order): those within max(2, |wrong| / 3) edits, or containing
/// `wrong` (or contained in it) when it is at least 3 characters long.
inline std::vector<std::string> closest(std::string_view wrong, const std::vector<std::string>& candidates,
                                        std::size_t limit = 3) {
    const std::size_t threshold = std::max<std::size_t>(2, wrong.size() / 3);
    std::vector<std::pair<std::size_t, std::size_t>> scored; // (distance, index)
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const std::string& c = candidates[i];
        if (c == wrong) continue;
        std::size_t d = edit_distance(wrong, c);
        if (d > threshold && wrong.size() >= 3 &&
            (c.find(wrong) != std::string::npos || wrong.find(c) != std::string_view::npos))
            d = threshold;
        if (d <= threshold) scored.emplace_back(d, i);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (std::size_t k = 0; k < scored.size() && k < limit; ++k) out.push_back(candidates[scored[k].second]);
    return out;
}

/// "; did you mean \"x\" or \"y\"?" for the closest candidates, or "" when none is close.
inline std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& candidates) {
    const auto best = closest(wrong, candidates);
    if (best.empty()) return {};
    std::string s = "; did you mean ";
    for (std::size_t i = 0; i < best.size(); ++i)
        s += (i == 0 ? "" : i + 1 == best.size() ? " or " : ", ") + ("\"" + best[i] + "\"");
    return s + "?";
}

} // namespace danchu::detail
