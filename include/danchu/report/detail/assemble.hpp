#pragma once
/// @file
/// Internals of the report assembly (see <danchu/report/province.hpp>): unit
/// rows of one period, ranks, legend, citations. Not API.

#include <danchu/evidence/evidence.hpp>
#include <danchu/rules/finding.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/report/document.hpp>
#include <danchu/rules/pack.hpp>
#include <danchu/scoring/rollup.hpp>
#include <danchu/scoring/scorecard.hpp>
#include <danchu/organisation/unit.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace danchu::report::detail {

/// One unit's result in one period, before it becomes a report row.
struct period_row {
    std::size_t org_index = 0;
    std::optional<double> score; ///< on 0..100
    std::string band;            ///< legend id
    bool graded = false;         ///< in a band of the scheme (rankable)
    bool passed = false;         ///< in a band above the scheme's lowest
    bool in_mean = false;        ///< counted in the mean score
    bool complete = false;       ///< complete evidence
    std::optional<std::size_t> rank;
};

/// Whether the legend is the standard one: every band id of the scheme is one
/// of tot, kha, trung_binh, yeu.
inline bool standard_scale(const band_scale& scale) {
    static const char* ids[] = {"tot", "kha", "trung_binh", "yeu"};
    if (scale.empty()) return false;
    for (const auto& b : scale.bands())
        if (std::find_if(std::begin(ids), std::end(ids), [&](const char* s) { return b.id == s; }) ==
            std::end(ids))
            return false;
    return true;
}

/// "#rrggbb" between grey (#9a9a9a, t = 0) and green (#1a7f37, t = 1).
inline std::string grey_to_green(double t) {
    const int from[3] = {0x9a, 0x9a, 0x9a}, to[3] = {0x1a, 0x7f, 0x37};
    static const char* hex = "0123456789abcdef";
    std::string s = "#";
    for (int i = 0; i < 3; ++i) {
        const int v = static_cast<int>(std::lround(from[i] + (to[i] - from[i]) * t));
        s += hex[(v >> 4) & 15];
        s += hex[v & 15];
    }
    return s;
}

/// The legend for a scheme: the standard bands when the scheme uses (some of)
/// tot/kha/trung_binh/yeu, else the scheme's own bands (highest first, grey to
/// green), followed by not_eligible and not_classified in both cases.
inline std::vector<band> legend_for(const band_scale& scale) {
    if (standard_scale(scale)) return standard_bands();
    std::vector<band> out;
    const std::size_t n = scale.size();
    for (std::size_t i = 0; i < n; ++i) {
        const auto& b = scale[i];
        const double t = n == 1 ? 1.0 : 1.0 - static_cast<double>(i) / static_cast<double>(n - 1);
        out.push_back({b.id,
                       {b.name.vi.empty() ? b.id : b.name.vi, b.name.en.empty() ? b.id : b.name.en},
                       grey_to_green(0.25 + 0.75 * t),
                       true});
    }
    for (auto& b : standard_bands())
        if (!b.graded) out.push_back(b);
    return out;
}

/// A unit's district as shown: its label `district`, else the name of its
/// top-level ancestor below the root (the root itself for the root).
inline std::string district_of(const organisation& org, std::size_t i) {
    const unit& u = org[i];
    if (auto it = u.labels.find("district"); it != u.labels.end() && !it->second.empty()) return it->second;
    std::size_t k = i;
    while (org.parent(k) != organisation::npos && org.parent(org.parent(k)) != organisation::npos)
        k = org.parent(k);
    return org[k].name.empty() ? org[k].id : org[k].name;
}

/// A unit's sector as shown: its label `sector`, else its kind.
inline std::string sector_of(const unit& u) {
    if (auto it = u.labels.find("sector"); it != u.labels.end() && !it->second.empty()) return it->second;
    return std::string(to_string(u.kind));
}

/// Whether a unit supplied no evidence value at all.
inline bool no_evidence(const evidence& ev, std::size_t u) {
    const auto& dict = *ev.dictionary();
    for (std::size_t f = 0; f < dict.size(); ++f)
        if (!dict[f].from_organisation && ev.has(u, f)) return false;
    return true;
}

/// True if `ids` are the organisation's unit ids in its order.
inline bool in_org_order(const organisation& org, const std::vector<std::string>& ids) {
    if (ids.size() != org.size()) return false;
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids[i] != org[i].id) return false;
    return true;
}

/// The units of the organisation with a row in `table` that sent no
/// evidence at all, in organisation order: told from the evidence when there
/// is one, else from the findings (danchu::sent_no_evidence).
inline std::vector<std::string> silent_units(const organisation& org, const finding_table& table,
                                             const evidence* ev) {
    // Tables and evidence are mostly in the organisation's order: then the
    // index is the row, and no map of 100,000 ids is built.
    const bool rows_in_order = in_org_order(org, table.unit_ids());
    const bool ev_in_order = ev && in_org_order(org, ev->unit_ids());
    std::unordered_map<std::string, std::size_t> row_of;
    if (!rows_in_order) {
        row_of.reserve(table.unit_count());
        for (std::size_t r = 0; r < table.unit_count(); ++r) row_of.emplace(table.unit_ids()[r], r);
    }
    std::unordered_map<std::string, std::size_t> ev_of;
    if (ev && !ev_in_order)
        for (std::size_t k = 0; k < ev->unit_count(); ++k) ev_of.emplace(ev->unit_ids()[k], k);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < org.size(); ++i) {
        std::size_t row = i;
        if (!rows_in_order) {
            const auto it = row_of.find(org[i].id);
            if (it == row_of.end()) continue;
            row = it->second;
        }
        bool silent = false;
        if (ev) {
            if (ev_in_order) {
                silent = no_evidence(*ev, i);
            } else {
                const auto e = ev_of.find(org[i].id);
                silent = e == ev_of.end() || no_evidence(*ev, e->second);
            }
        } else {
            silent = sent_no_evidence(table, row);
        }
        if (silent) out.push_back(org[i].id);
    }
    return out;
}

/// The band id of a roll-up band slot: the scheme's band, not_eligible or
/// not_classified.
inline std::string band_of_slot(const rollup& roll, std::size_t slot) {
    const std::size_t n = roll.bands().size();
    return slot < n    ? roll.bands()[slot].id
           : slot == n ? std::string(to_string(class_status::not_eligible))
                       : std::string(to_string(class_status::not_classified));
}

/// Band counts in the legend's order from a roll-up's counts per band slot.
inline std::vector<std::size_t> legend_counts(const rollup& roll, const std::vector<band>& legend,
                                              const std::vector<std::size_t>& slot_counts) {
    std::vector<std::size_t> out(legend.size(), 0);
    for (std::size_t s = 0; s < slot_counts.size(); ++s) {
        const std::string id = band_of_slot(roll, s);
        for (std::size_t b = 0; b < legend.size(); ++b)
            if (legend[b].id == id) out[b] += slot_counts[s];
    }
    return out;
}

/// One period: the roll-up of its scorecard over the organisation and the
/// report's rows (bands, ranks and band counts all come from the roll-up).
struct period_result {
    rollup roll;
    std::vector<period_row> rows;
};

/// The rows of one period: every unit of the organisation that has a row in
/// the finding table, is counted by the roll-up and is not wholly outside the
/// scheme, in organisation order. The roll-up is the one `danchu score` makes:
/// a unit that sent no evidence at all is, under
/// no_evidence_policy::missing_report, a missing report (its scorecard status;
/// no row here, not among the units assessed, not in band counts, means or
/// ranks; the figures list it), and under not_passing is scored like the
/// others. Band and band counts are the roll-up's; ranks are competition
/// ranks (`competition_ranks`) by score of the graded rows.
inline period_result period_rows(const organisation& org, const finding_table& table, const scorecard& sc) {
    const bool rows_in_order = in_org_order(org, table.unit_ids()); // then every unit has a row
    std::unordered_map<std::string, std::size_t> row_of;
    if (!rows_in_order) {
        row_of.reserve(table.unit_count());
        for (std::size_t r = 0; r < table.unit_count(); ++r) row_of.emplace(table.unit_ids()[r], r);
    }
    rollup_options opts;
    opts.weigh = weighting::equal;
    opts.count_not_applicable = false;
    opts.skip_unknown_units = true;
    period_result out{rollup(org, sc, std::move(opts)), {}};
    const rollup& roll = out.roll;
    const std::size_t n_bands = roll.bands().size();
    const double max = sc.scheme().kind() == scheme_kind::xccdf ? 100.0 : sc.scheme().main_maximum();
    constexpr auto incomplete = static_cast<std::uint8_t>(coverage_flag::missing_evidence) |
                                static_cast<std::uint8_t>(coverage_flag::evaluation_error);
    for (std::size_t i = 0; i < org.size(); ++i) {
        const std::size_t slot = roll.own_slot(i);
        if (slot == rollup::npos || (!rows_in_order && row_of.find(org[i].id) == row_of.end())) continue;
        period_row row;
        row.org_index = i;
        row.band = band_of_slot(roll, slot);
        const std::size_t s = sc.find(org[i].id);
        const double total = sc.total(s);
        if (std::isfinite(total) && max > 0)
            row.score = std::clamp(sc.scheme().kind() == scheme_kind::xccdf ? total : 100.0 * total / max,
                                   0.0, 100.0);
        row.complete = (sc.coverage(s) & incomplete) == 0;
        row.graded = slot < n_bands;
        row.passed = row.graded && (n_bands == 1 || slot + 1 < n_bands);
        row.in_mean = slot != n_bands && row.score.has_value();
        out.rows.push_back(std::move(row));
    }
    std::vector<double> by_score;
    by_score.reserve(out.rows.size());
    for (const auto& r : out.rows)
        by_score.push_back(r.graded && r.score ? *r.score : std::numeric_limits<double>::quiet_NaN());
    const auto ranks = competition_ranks(by_score);
    for (std::size_t k = 0; k < out.rows.size(); ++k)
        if (ranks[k]) out.rows[k].rank = ranks[k];
    return out;
}

/// The figures of one period: band counts from the roll-up (its root nodes'
/// subtree counts), completeness, pass rate and mean score from the rows.
inline figures figures_of(const period_result& p, const std::vector<band>& legend,
                          const std::string& period_id) {
    figures f;
    f.period_id = period_id;
    f.units_assessed = p.rows.size();
    std::vector<std::size_t> slots(p.roll.band_slots(), 0);
    for (std::size_t i = 0; i < p.roll.size(); ++i)
        if (p.roll.parent(i) == rollup::npos)
            for (std::size_t s = 0; s < slots.size(); ++s) slots[s] += p.roll.band_count(i, s);
    f.band_counts = legend_counts(p.roll, legend, slots);
    std::size_t passed = 0, n_mean = 0;
    double sum = 0.0;
    for (const auto& r : p.rows) {
        f.units_complete += r.complete ? 1 : 0;
        passed += r.passed ? 1 : 0;
        if (r.in_mean) {
            sum += *r.score;
            ++n_mean;
        }
    }
    if (!p.rows.empty()) f.pass_rate = static_cast<double>(passed) / static_cast<double>(p.rows.size());
    if (n_mean) f.mean_score = std::clamp(sum / static_cast<double>(n_mean), 0.0, 100.0);
    return f;
}

/// Band counts per group (district or sector, as shown) from the roll-up.
inline std::vector<group_counts> groups_of(const period_result& p, const std::vector<band>& legend,
                                           const std::vector<std::string>& key_of_unit) {
    std::vector<group_counts> out;
    for (const auto& g : p.roll.band_counts_by(key_of_unit))
        out.push_back({g.key, legend_counts(p.roll, legend, g.counts)});
    return out;
}

/// A rule's citation in the report's form ("Điều 5" for article 5), with the
/// document's official number when the rule set declares it.
inline citation cite_rule(const rule_set& rules, const rule& r) {
    citation c;
    const regime_document* d = rules.document(r.cite.document);
    c.document = d && !d->number.empty() ? d->number : r.cite.document;
    if (c.document.empty()) c.document = rules.id();
    if (!r.cite.article.empty()) c.article = "Điều " + r.cite.article;
    c.clause = r.cite.clause;
    c.point = r.cite.point;
    c.confidence = std::string(to_string(r.conf));
    return c;
}

/// An obligation's citation in the report's form.
inline citation cite_obligation(const obligation& o) {
    citation c;
    c.document = o.cite.document;
    if (!o.cite.article.empty()) c.article = "Điều " + o.cite.article;
    c.clause = o.cite.clause;
    c.point = o.cite.point;
    c.confidence = std::string(to_string(o.conf));
    return c;
}

/// The first "quoted" word of a message, or empty.
inline std::string first_quoted(const std::string& msg) {
    const auto a = msg.find('"');
    if (a == std::string::npos) return {};
    const auto b = msg.find('"', a + 1);
    return b == std::string::npos ? std::string() : msg.substr(a + 1, b - a - 1);
}

/// The number N of "submission #N ..." / "event #N ..." (1-based), or 0.
inline std::size_t record_number(const std::string& where, const std::string& what) {
    const std::string head = what + " #";
    if (where.rfind(head, 0) != 0) return 0;
    std::size_t n = 0, i = head.size();
    for (; i < where.size() && where[i] >= '0' && where[i] <= '9'; ++i)
        n = n * 10 + static_cast<std::size_t>(where[i] - '0');
    return n;
}

} // namespace danchu::report::detail
