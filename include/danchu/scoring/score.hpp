#pragma once
/// @file
/// XCCDF scoring models and the policy for verdicts that are neither pass nor
/// fail. The four models follow NISTIR 7275 Rev 4 (Tables 40–41) as OpenSCAP
/// implements them (src/XCCDF/result_scoring.c); see docs/scoring.md.
///
/// - default: rule s = 100 if it passes else 0, count 1; a group keeps the
///   children with a non-zero count, S = Σ s·w / Σ w (not normalised when
///   Σ w = 0), and its own weight scales it inside its parent.
/// - flat: score = Σ w over passing scored rules, max = Σ w over scored rules;
///   rules of weight 0 are skipped; group weights are ignored.
/// - flat_unweighted: flat with every w = 1.
/// - absolute: 1 if the flat score equals the flat maximum, else 0 (so 1 when
///   nothing is scored, as in OpenSCAP); the maximum reported is the flat one.
///
/// Arithmetic is in double precision (OpenSCAP uses float).

#include <danchu/scoring/classify.hpp>
#include <danchu/core/error.hpp>
#include <danchu/rules/finding.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

/// How a verdict that is not pass or fail counts.
enum class edge_count : std::uint8_t {
    as_fail, ///< scored, not passing (credit 0)
    exclude, ///< not scored (like XCCDF notapplicable)
    as_pass, ///< scored, passing (credit 1)
};

DANCHU_ENUM_NAMES(edge_count, "counting", {edge_count::as_fail, "fail"}, {edge_count::exclude, "exclude"},
                  {edge_count::as_pass, "pass"})

/// @throws argument_error naming the accepted values.
inline edge_count edge_count_from_string(std::string_view s) { return from_string<edge_count>(s); }

/// Which verdict of an overridden finding counts.
enum class override_use : std::uint8_t {
    effective, ///< the replacement verdict (XCCDF: an override replaces the result)
    original,  ///< the verdict the rule produced, ignoring overrides
};

DANCHU_ENUM_NAMES(override_use, "override use", {override_use::effective, "effective"},
                  {override_use::original, "original"})

/// How findings count. The defaults follow XCCDF/OpenSCAP: unknown and error
/// are scored and do not pass, not_applicable is not scored, an override's
/// new verdict counts. Advisory findings (rules of confidence `uncertain`)
/// are not scored by default, like XCCDF's `unscored` role: a rule whose
/// legal basis is unsettled must not move a unit's band.
struct counting_policy {
    edge_count unknown = edge_count::as_fail;
    edge_count error = edge_count::as_fail;
    edge_count not_applicable = edge_count::exclude;
    bool advisory_scored = false;
    override_use overridden = override_use::effective;
};

/// One cell after the counting policy: scored or not, passing or not, and
/// its credit in [0, 1] (the table's credit for pass and fail, 0 or 1 for
/// the edge states counted as fail or pass).
struct counted {
    bool scored = false;
    bool passed = false;
    double credit = 0.0;
};

/// Applies the policy to one verdict.
/// @param table_credit the credit stored with the finding.
/// @param advisory the rule's confidence is `uncertain`.
inline counted count_finding(const counting_policy& p, verdict v, double table_credit,
                             bool advisory) noexcept {
    if (advisory && !p.advisory_scored) return {};
    auto edge = [](edge_count e) -> counted {
        switch (e) {
        case edge_count::as_fail: return {true, false, 0.0};
        case edge_count::as_pass: return {true, true, 1.0};
        case edge_count::exclude: return {};
        }
        return {};
    };
    switch (v) {
    case verdict::pass: return {true, true, table_credit};
    case verdict::fail: return {true, false, table_credit};
    case verdict::unknown: return edge(p.unknown);
    case verdict::error: return edge(p.error);
    case verdict::not_applicable: return edge(p.not_applicable);
    }
    return {};
}

/// The four XCCDF scoring models.
enum class xccdf_model : std::uint8_t { default_model, flat, flat_unweighted, absolute };

/// The short names, then the URNs (accepted on input).
DANCHU_ENUM_NAMES(xccdf_model, "scoring model", {xccdf_model::default_model, "default"},
                  {xccdf_model::flat, "flat"}, {xccdf_model::flat_unweighted, "flat_unweighted"},
                  {xccdf_model::absolute, "absolute"},
                  {xccdf_model::default_model, "urn:xccdf:scoring:default"},
                  {xccdf_model::flat, "urn:xccdf:scoring:flat"},
                  {xccdf_model::flat_unweighted, "urn:xccdf:scoring:flat-unweighted"},
                  {xccdf_model::absolute, "urn:xccdf:scoring:absolute"})

/// The XCCDF URN of a model, e.g. "urn:xccdf:scoring:flat-unweighted".
inline std::string xccdf_urn(xccdf_model m) {
    for (const auto& e : enum_entries<xccdf_model>())
        if (e.value == m && e.id.substr(0, 4) == "urn:") return std::string(e.id);
    return {};
}

/// Accepts the short names and the URNs.
/// @throws argument_error naming the accepted values.
inline xccdf_model xccdf_model_from_string(std::string_view s) { return from_string<xccdf_model>(s); }

/// A group of the XCCDF hierarchy: rules and sub-groups, with a weight that
/// scales the group inside its parent (default model only).
struct xccdf_group {
    std::string id;
    bilingual_text title;
    double weight = 1.0;
    std::vector<std::string> rules;
    std::vector<xccdf_group> groups;
};

/// An XCCDF score: the model's score and maximum (the maximum is 100 for
/// the default model).
struct xccdf_result {
    double score = 0.0;
    double maximum = 0.0;
    std::size_t scored = 0; ///< rules scored (0: nothing applied to the unit)
    /// The score on a 0–100 scale, used for bands: default → score;
    /// flat and flat_unweighted → 100·score/max (0 when max is 0);
    /// absolute → 100·score.
    double percent(xccdf_model m) const noexcept {
        switch (m) {
        case xccdf_model::default_model: return score;
        case xccdf_model::flat:
        case xccdf_model::flat_unweighted: return maximum > 0 ? 100.0 * score / maximum : 0.0;
        case xccdf_model::absolute: return 100.0 * score;
        }
        return score;
    }
};

namespace detail {

/// A compiled XCCDF tree: nodes in pre-order (a parent before its children),
/// leaves pointing to a table column. Evaluated children-first by walking the
/// nodes backwards.
struct xccdf_tree {
    struct node {
        std::size_t parent; ///< npos for the root
        double weight;
    };
    struct leaf {
        std::size_t column; ///< the rule's column in the finding table
        std::size_t node;   ///< the group it belongs to
        double weight;
    };
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::vector<node> nodes;
    std::vector<leaf> leaves;
};

/// Scratch space for one evaluation (reused across units).
struct xccdf_scratch {
    std::vector<double> score, acc;
    std::vector<std::size_t> count;
};

/// Scores one unit. `cell(column)` returns the counted cell.
template <class CellFn>
xccdf_result evaluate_xccdf(const xccdf_tree& t, xccdf_model model, CellFn&& cell, xccdf_scratch& s) {
    if (model != xccdf_model::default_model) {
        const bool unweighted = model == xccdf_model::flat_unweighted;
        double score = 0.0, max = 0.0;
        std::size_t n = 0;
        for (const auto& l : t.leaves) {
            const counted c = cell(l.column);
            if (!c.scored) continue;
            ++n;
            const double w = unweighted ? 1.0 : l.weight;
            if (w == 0.0) continue; // OpenSCAP skips children of zero weight
            max += w;
            if (c.passed) score += w;
        }
        if (model == xccdf_model::absolute) return {score == max ? 1.0 : 0.0, max, n};
        return {score, max, n};
    }
    const std::size_t n = t.nodes.size();
    s.score.assign(n, 0.0);
    s.acc.assign(n, 0.0);
    s.count.assign(n, 0);
    std::size_t n_scored = 0;
    for (const auto& l : t.leaves) {
        const counted c = cell(l.column);
        if (!c.scored) continue;
        ++n_scored;
        s.score[l.node] += (c.passed ? 100.0 : 0.0) * l.weight;
        s.acc[l.node] += l.weight;
        ++s.count[l.node];
    }
    for (std::size_t i = n; i-- > 0;) {
        if (s.count[i] != 0 && s.acc[i] != 0.0) s.score[i] /= s.acc[i];
        const std::size_t p = t.nodes[i].parent;
        if (p == xccdf_tree::npos || s.count[i] == 0) continue;
        s.score[p] += s.score[i] * t.nodes[i].weight;
        s.acc[p] += t.nodes[i].weight;
        ++s.count[p];
    }
    return {s.score[0], 100.0, n_scored};
}

} // namespace detail
} // namespace danchu
