#pragma once
/// @file
/// Validation of a report document (internal; included by <danchu/report/report.hpp>).
/// Problems are located by the JSON pointer the field has in the JSON form
/// (data/schemas/report.schema.json), so the same check serves `validate()`
/// (argument_error) and `from_json()` (parse_error naming the file).

#include <danchu/core/error.hpp>
#include <danchu/report/document.hpp>

#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace danchu::report::detail {

/// The first problem found: where (a JSON pointer) and what.
struct problem {
    std::string pointer;
    std::string message;
};

/// True for a real calendar date written YYYY-MM-DD (years 1000-9999).
inline bool is_iso_date(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    auto num = [&](std::size_t a, std::size_t n) {
        int v = 0;
        for (std::size_t i = a; i < a + n; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + ((m == 2 && leap) ? 1 : 0);
}

inline bool is_colour(std::string_view s) noexcept {
    if (s.size() != 7 || s[0] != '#') return false;
    for (std::size_t i = 1; i < 7; ++i) {
        const char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    }
    return true;
}

/// Collects the first problem; each check is a no-op once one is found.
class checker {
public:
    explicit checker(const document& doc) : doc_(doc) {
        for (const auto& b : doc.bands) band_ids_.insert(b.id);
    }

    std::optional<problem> run() {
        header();
        bands();
        figures_of(doc_.current, "/current");
        if (doc_.previous) figures_of(*doc_.previous, "/previous");
        groups(doc_.by_district, "/by_district");
        groups(doc_.by_sector, "/by_sector");
        failings();
        schedule();
        changes();
        units();
        return first_;
    }

private:
    void fail(const std::string& ptr, const std::string& msg) {
        if (!first_) first_ = problem{ptr, msg};
    }
    void nonempty(const std::string& s, const std::string& ptr) {
        if (s.empty()) fail(ptr, "must not be empty");
    }
    void txt(const bilingual_text& t, const std::string& ptr) {
        nonempty(t.vi, ptr + "/vi");
        nonempty(t.en, ptr + "/en");
    }
    void date(const std::string& s, const std::string& ptr) {
        if (!is_iso_date(s))
            fail(ptr, "\"" + s + "\" is not a date: expected YYYY-MM-DD (a real calendar day)");
    }
    void cite(const citation& c, const std::string& ptr) {
        nonempty(c.document, ptr + "/document");
        if (c.confidence != "verified" && c.confidence != "secondary" && c.confidence != "uncertain")
            fail(ptr + "/confidence",
                 "unknown confidence \"" + c.confidence + "\": expected verified, secondary or uncertain");
    }
    void score(const std::optional<double>& v, const std::string& ptr) {
        if (v && !(std::isfinite(*v) && *v >= 0.0 && *v <= 100.0))
            fail(ptr, "score " + std::to_string(*v) + " is outside [0, 100]");
    }
    void band_ref(const std::string& id, const std::string& ptr, bool allow_empty) {
        if (id.empty() && allow_empty) return;
        if (band_ids_.count(id) == 0) {
            std::string known;
            for (const auto& b : doc_.bands) known += (known.empty() ? "" : ", ") + b.id;
            fail(ptr, "unknown band \"" + id + "\": expected one of the legend's ids (" + known + ")");
        }
    }
    void counts(const std::vector<std::size_t>& c, const std::string& ptr) {
        if (c.size() != doc_.bands.size())
            fail(ptr, "has " + std::to_string(c.size()) + " counts: expected one per band (" +
                          std::to_string(doc_.bands.size()) + ")");
    }

    void header() {
        const auto& h = doc_.head;
        txt(h.province, "/header/province");
        txt(h.reporting_body, "/header/reporting_body");
        txt(h.recipient, "/header/recipient");
        const auto& p = h.period;
        nonempty(p.id, "/header/period/id");
        date(p.start, "/header/period/start");
        date(p.end, "/header/period/end");
        date(p.data_from, "/header/period/data_from");
        date(p.data_to, "/header/period/data_to");
        if (!first_ && p.end < p.start)
            fail("/header/period/end", "the period ends (" + p.end + ") before it starts (" + p.start + ")");
        if (!first_ && p.data_to < p.data_from)
            fail("/header/period/data_to",
                 "the data window ends (" + p.data_to + ") before it starts (" + p.data_from + ")");
        date(h.generated_on, "/header/generated_on");
        if (h.regimes.empty()) fail("/header/regimes", "must name at least one regime");
        refs(h.regimes, "/header/regimes");
        refs(h.packs, "/header/packs");
        if (h.legal_basis.empty()) fail("/header/legal_basis", "must cite at least one legal document");
        for (std::size_t i = 0; i < h.legal_basis.size(); ++i)
            cite(h.legal_basis[i], "/header/legal_basis/" + std::to_string(i));
        if (!h.synthetic_note.vi.empty() || !h.synthetic_note.en.empty())
            txt(h.synthetic_note, "/header/synthetic_note");
    }
    void refs(const std::vector<source_ref>& v, const std::string& ptr) {
        for (std::size_t i = 0; i < v.size(); ++i) {
            nonempty(v[i].id, ptr + "/" + std::to_string(i) + "/id");
            txt(v[i].name, ptr + "/" + std::to_string(i) + "/name");
        }
    }
    void bands() {
        if (doc_.bands.empty()) fail("/bands", "the legend must have at least one band");
        std::set<std::string> seen;
        for (std::size_t i = 0; i < doc_.bands.size(); ++i) {
            const auto& b = doc_.bands[i];
            const std::string ptr = "/bands/" + std::to_string(i);
            nonempty(b.id, ptr + "/id");
            if (!seen.insert(b.id).second) fail(ptr + "/id", "band id \"" + b.id + "\" repeats");
            txt(b.label, ptr + "/label");
            if (!is_colour(b.colour))
                fail(ptr + "/colour", "\"" + b.colour + "\" is not a colour: expected #rrggbb");
        }
    }
    void figures_of(const figures& f, const std::string& ptr) {
        nonempty(f.period_id, ptr + "/period_id");
        counts(f.band_counts, ptr + "/band_counts");
        std::size_t sum = 0;
        for (auto c : f.band_counts) sum += c;
        if (!first_ && sum != f.units_assessed)
            fail(ptr + "/band_counts", "the counts add up to " + std::to_string(sum) +
                                           ": expected units_assessed (" + std::to_string(f.units_assessed) +
                                           ")");
        if (f.units_complete > f.units_assessed) fail(ptr + "/units_complete", "exceeds units_assessed");
        if (f.pass_rate && !(std::isfinite(*f.pass_rate) && *f.pass_rate >= 0.0 && *f.pass_rate <= 1.0))
            fail(ptr + "/pass_rate", "must be in [0, 1]");
        score(f.mean_score, ptr + "/mean_score");
        if (!f.no_evidence_policy.empty() && !try_from_string<no_evidence_policy>(f.no_evidence_policy))
            fail(ptr + "/no_evidence/policy", "unknown no-evidence policy \"" + f.no_evidence_policy +
                                                  "\": expected " + enum_expected<no_evidence_policy>());
        if (f.no_evidence_policy.empty() && !f.no_evidence_units.empty())
            fail(ptr + "/no_evidence", "units that sent no evidence are listed without the policy they "
                                       "were counted by");
        for (std::size_t i = 0; i < f.no_evidence_units.size(); ++i)
            nonempty(f.no_evidence_units[i], ptr + "/no_evidence/units/" + std::to_string(i));
    }
    void groups(const std::vector<group_counts>& g, const std::string& ptr) {
        for (std::size_t i = 0; i < g.size(); ++i) {
            nonempty(g[i].key, ptr + "/" + std::to_string(i) + "/key");
            counts(g[i].band_counts, ptr + "/" + std::to_string(i) + "/band_counts");
        }
    }
    void failings() {
        std::set<std::string> ids;
        for (std::size_t i = 0; i < doc_.failings.size(); ++i) {
            const auto& f = doc_.failings[i];
            const std::string ptr = "/failings/" + std::to_string(i);
            nonempty(f.id, ptr + "/id");
            if (!ids.insert(f.id).second) fail(ptr + "/id", "failing id \"" + f.id + "\" repeats");
            txt(f.title, ptr + "/title");
            cite(f.source, ptr + "/source");
            std::set<std::string> rules;
            for (std::size_t r = 0; r < f.rules.size(); ++r) {
                const std::string rp = ptr + "/rules/" + std::to_string(r);
                nonempty(f.rules[r].id, rp + "/id");
                rules.insert(f.rules[r].id);
                txt(f.rules[r].title, rp + "/title");
                for (std::size_t c = 0; c < f.rules[r].citations.size(); ++c)
                    cite(f.rules[r].citations[c], rp + "/citations/" + std::to_string(c));
            }
            for (std::size_t u = 0; u < f.units.size(); ++u) {
                const std::string up = ptr + "/units/" + std::to_string(u);
                nonempty(f.units[u].unit_id, up + "/unit_id");
                for (std::size_t k = 0; k < f.units[u].rule_ids.size(); ++k)
                    if (rules.count(f.units[u].rule_ids[k]) == 0)
                        fail(up + "/rule_ids/" + std::to_string(k),
                             "rule \"" + f.units[u].rule_ids[k] + "\" is not among this failing's rules");
            }
        }
    }
    template <class Item> void item(const Item& it, const std::string& ptr) {
        nonempty(it.unit_id, ptr + "/unit_id");
        nonempty(it.obligation_id, ptr + "/obligation_id");
        txt(it.obligation, ptr + "/obligation");
        date(it.due, ptr + "/due");
        if (it.source) cite(*it.source, ptr + "/source");
    }
    void schedule() {
        const auto& s = doc_.schedule;
        if (!s.as_of.empty() || !s.overdue.empty() || !s.upcoming.empty()) date(s.as_of, "/schedule/as_of");
        if (s.horizon_days < 0) fail("/schedule/horizon_days", "must not be negative");
        for (std::size_t i = 0; i < s.overdue.size(); ++i) {
            const std::string ptr = "/schedule/overdue/" + std::to_string(i);
            item(s.overdue[i], ptr);
            if (s.overdue[i].working_days_late < 1)
                fail(ptr + "/working_days_late", "an overdue item is at least 1 working day late");
        }
        for (std::size_t i = 0; i < s.upcoming.size(); ++i) {
            const std::string ptr = "/schedule/upcoming/" + std::to_string(i);
            item(s.upcoming[i], ptr);
            if (s.upcoming[i].working_days_left < 0) fail(ptr + "/working_days_left", "must not be negative");
        }
    }
    // Per unit (a province has 100,000): the checks first, the JSON pointer
    // put into words only for a row that fails one.
    static bool score_ok(const std::optional<double>& v) {
        return !v || (std::isfinite(*v) && *v >= 0.0 && *v <= 100.0);
    }
    bool band_ok(const std::string& id, bool allow_empty) const {
        return (id.empty() && allow_empty) || band_ids_.count(id) != 0;
    }
    void changes() {
        for (std::size_t i = 0; i < doc_.changes.size(); ++i) {
            const auto& c = doc_.changes[i];
            if (!c.unit_id.empty() && score_ok(c.score_before) && score_ok(c.score_after) &&
                band_ok(c.band_before, true) && band_ok(c.band_after, true) &&
                !((c.rank_before && *c.rank_before == 0) || (c.rank_after && *c.rank_after == 0)))
                continue;
            const std::string ptr = "/changes/" + std::to_string(i);
            nonempty(c.unit_id, ptr + "/unit_id");
            score(c.score_before, ptr + "/score_before");
            score(c.score_after, ptr + "/score_after");
            band_ref(c.band_before, ptr + "/band_before", true);
            band_ref(c.band_after, ptr + "/band_after", true);
            if ((c.rank_before && *c.rank_before == 0) || (c.rank_after && *c.rank_after == 0))
                fail(ptr, "ranks start at 1");
        }
    }
    void units() {
        std::unordered_set<std::string_view> ids;
        ids.reserve(doc_.units.size());
        for (std::size_t i = 0; i < doc_.units.size(); ++i) {
            const auto& u = doc_.units[i];
            const bool repeats = !ids.insert(u.id).second;
            if (!u.id.empty() && !repeats && score_ok(u.score) && band_ok(u.band, false) &&
                !(u.rank && *u.rank == 0))
                continue;
            const std::string ptr = "/units/" + std::to_string(i);
            nonempty(u.id, ptr + "/id");
            if (repeats) fail(ptr + "/id", "unit id \"" + u.id + "\" repeats");
            score(u.score, ptr + "/score");
            band_ref(u.band, ptr + "/band", false);
            if (u.rank && *u.rank == 0) fail(ptr + "/rank", "ranks start at 1");
        }
        for (std::size_t i = 0; i < doc_.problems.size(); ++i)
            nonempty(doc_.problems[i].message, "/problems/" + std::to_string(i) + "/message");
    }

    const document& doc_;
    std::set<std::string> band_ids_;
    std::optional<problem> first_;
};

} // namespace danchu::report::detail

namespace danchu::report {

/// Checks what the renderers rely on: non-empty texts, real ISO dates,
/// periods that do not end before they start, #rrggbb colours, band ids known
/// to the legend, one count per band adding up to the units assessed, scores
/// in [0, 100], rates in [0, 1], unique ids.
/// @throws argument_error naming the field by its JSON pointer.
inline void validate(const document& doc) {
    if (auto p = detail::checker(doc).run())
        throw argument_error("report document: " + p->pointer + ": " + p->message);
}

/// The legend index of a band id, or the legend's size when unknown.
inline std::size_t band_index(const document& doc, std::string_view id) noexcept {
    for (std::size_t i = 0; i < doc.bands.size(); ++i)
        if (doc.bands[i].id == id) return i;
    return doc.bands.size();
}

/// Units by band, grouped by district (`by_sector` false) or sector, in the
/// order each group first appears in `units`: a helper for the assembly step
/// when the figures come straight from the appendix rows.
/// @throws argument_error for a unit whose band is not in the legend.
inline std::vector<group_counts> count_by_group(const document& doc, bool by_sector) {
    std::vector<group_counts> out;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < doc.units.size(); ++i) {
        const auto& u = doc.units[i];
        const std::size_t b = band_index(doc, u.band);
        if (b == doc.bands.size())
            throw argument_error("report document: /units/" + std::to_string(i) + "/band: unknown band \"" +
                                 u.band + "\"");
        const std::string& key = by_sector ? u.sector : u.district;
        auto [it, added] = index.emplace(key, out.size());
        if (added) out.push_back({key, std::vector<std::size_t>(doc.bands.size(), 0)});
        ++out[it->second].band_counts[b];
    }
    return out;
}

} // namespace danchu::report
