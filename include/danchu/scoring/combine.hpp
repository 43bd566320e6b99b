#pragma once
/// @file
/// One scheme for a period judged under two regimes (rules/by_date.hpp): the
/// schemes of the segments, each weighted by its share of the period's days.
/// A 2023 annual assessment scores the Decree 04/2015 criteria on 181/365 of
/// the points and the Law 10/2022 criteria on 184/365; the bands, rounding,
/// counting and classification basis are those of the last segment's scheme
/// (the law in force at the period's end); caps and ineligibility rules of
/// every part apply. This weighting is danchu's (no text says how to score a
/// year judged under two regimes): docs/scoring.md.

#include <danchu/core/error.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <memory>
#include <string>
#include <vector>

namespace danchu {

/// A scheme and the share of the period it scores.
struct weighted_scheme {
    std::shared_ptr<const scoring_scheme> scheme;
    double share = 1.0;  ///< in (0, 1]; the shares add up to 1
    bilingual_text what; ///< appended to each criterion's title, e.g. the segment's dates
};

/// The schemes of the segments as one (see the file comment). Scorecard
/// schemes: every criterion of every part, its points (and its items')
/// times the part's share, its id suffixed with `@<part number>`. XCCDF
/// schemes over every rule of the table (no groups) combine as the last part.
/// @throws argument_error for no part, a null part, shares that are not
///   positive or do not add up to 1, parts of different kinds, or XCCDF
///   schemes with groups.
inline std::shared_ptr<const scoring_scheme> combine_schemes(const std::vector<weighted_scheme>& parts) {
    if (parts.empty()) throw argument_error("combine_schemes: no scheme");
    double total = 0.0;
    for (const auto& p : parts) {
        if (!p.scheme) throw argument_error("combine_schemes: a scheme is null");
        if (!(p.share > 0.0)) throw argument_error("combine_schemes: a share is not positive");
        if (p.scheme->kind() != parts.front().scheme->kind())
            throw argument_error("combine_schemes: \"" + p.scheme->id() + "\" and \"" +
                                 parts.front().scheme->id() + "\" are schemes of different kinds");
        total += p.share;
    }
    if (total < 1.0 - 1e-9 || total > 1.0 + 1e-9)
        throw argument_error("combine_schemes: the shares do not add up to 1");
    if (parts.size() == 1) return parts.front().scheme;
    scheme_spec spec = parts.back().scheme->spec();
    spec.file = "<combined>";
    spec.id.clear();
    spec.title = {};
    spec.pack.clear();
    spec.max_points.reset();
    spec.caps.clear();
    spec.ineligible.clear();
    if (spec.kind == scheme_kind::scorecard) spec.criteria.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const scheme_spec& s = parts[i].scheme->spec();
        const std::string n = std::to_string(i + 1);
        spec.id += (i ? "+" : "") + s.id;
        spec.title.vi += (i ? " + " : "") + s.title.vi;
        spec.title.en += (i ? " + " : "") + s.title.en;
        spec.pack += (i ? "+" : "") + s.pack;
        for (cap_rule c : s.caps) spec.caps.push_back((c.id += "@" + n, std::move(c)));
        for (ineligibility_rule r : s.ineligible) spec.ineligible.push_back((r.id += "@" + n, std::move(r)));
        if (s.kind == scheme_kind::xccdf) {
            if (!s.root.rules.empty() || !s.root.groups.empty())
                throw argument_error("combine_schemes: XCCDF scheme \"" + s.id +
                                     "\" has groups; only schemes over every rule combine");
            continue;
        }
        for (criterion c : s.criteria) {
            c.id += "@" + n;
            if (!parts[i].what.vi.empty()) c.title.vi += " (" + parts[i].what.vi + ")";
            if (!parts[i].what.en.empty()) c.title.en += " (" + parts[i].what.en + ")";
            c.max_points *= parts[i].share;
            for (auto& item : c.items) item.points *= parts[i].share;
            spec.criteria.push_back(std::move(c));
        }
    }
    return std::make_shared<const scoring_scheme>(std::move(spec));
}

} // namespace danchu
