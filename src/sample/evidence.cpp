// Synthetic evidence and schedule records (see evidence.hpp). SYNTHETIC DATA.
#include <sample/evidence.hpp>

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/schedule/io.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace danchu::sample {

namespace {

std::uint64_t mix(std::uint64_t seed, const std::string& s) {
    std::uint64_t h = seed ^ 0xcbf29ce484222325ULL;
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    return h;
}

/// A unit's persistent synthetic quality in [0, 1]: 55% good, 30% average,
/// 15% poor.
double unit_quality(std::uint64_t seed, const std::string& unit_id) {
    rng r(mix(seed, unit_id));
    const double band = r.uniform();
    const double u = r.uniform();
    if (band < 0.55) return 0.75 + 0.23 * u;
    if (band < 0.85) return 0.45 + 0.30 * u;
    return 0.10 + 0.35 * u;
}

struct draw_state {
    std::map<std::string, double> numbers; // booleans 0/1, integers, dates
    std::map<std::string, std::vector<day_number>> events;
};

std::pair<double, double> range_of(const nlohmann::json& p, const char* key) {
    const auto& r = p.at(key);
    return {r.at(0).get<double>(), r.at(1).get<double>()};
}

} // namespace

generated_period generate_period(const organisation& org, const nlohmann::json& profiles,
                                 const period_spec& period, std::uint64_t seed) {
    using nlohmann::json;
    generated_period out;
    out.evidence = {{"period", period.label}, {"units", json::object()}};
    const auto& facts = profiles.at("facts");
    const double missing = profiles.value("missing", 0.02);
    const int months = [&] {
        const danchu::civil_date a = civil_from_days(period.start), b = civil_from_days(period.end);
        return (b.year - a.year) * 12 + (b.month - a.month) + 1;
    }();

    for (std::size_t ui = 0; ui < org.size(); ++ui) {
        const unit& u = org[ui];
        if (u.kind == unit_kind::province) continue;
        rng r(mix(seed, u.id + "@" + period.label));
        const double q = std::clamp(unit_quality(seed, u.id) + 0.2 * (r.uniform() - 0.5), 0.0, 1.0);
        if (r.chance(0.03 * (1.2 - q))) { // sends nothing this period
            out.silent_units.push_back(u.id);
            continue;
        }
        rng r_extra(mix(seed, u.id + "@" + period.label + "#extra"));
        draw_state st;
        st.numbers["unit.staff"] = static_cast<double>(u.staff);
        json values = json::object();
        const auto role = u.labels.find("role");
        // Facts may depend on others ("of", "anchor", "only_if"): draw in passes.
        std::map<std::string, bool> done;
        for (int pass = 0; pass < 6; ++pass) {
            for (auto it = facts.begin(); it != facts.end(); ++it) {
                const std::string& key = it.key();
                const json& p = it.value();
                if (done[key]) continue;
                // Facts of the "extra" stream (issue 12) draw from their own
                // generator, so adding them leaves every other draw as it was.
                rng& rd = p.value("stream", "") == "extra" ? r_extra : r;
                // A dependency is met once drawn, or when it comes from the
                // organisation ("unit.staff"). Regression: shares "of"
                // unit.staff (conference.summoned, and so attendance and votes;
                // bg.staff_reached) were never drawn.
                auto need = [&](const std::string& dep) {
                    return dep.empty() || dep == "start" || dep == "end" || done[dep] ||
                           st.numbers.count(dep) != 0;
                };
                const std::string only_if = p.value("only_if", "");
                const std::string of = p.value("of", "");
                const std::string anchor = p.value("anchor", "");
                if (!need(only_if) || !need(of) || !need(anchor)) continue;
                done[key] = true;
                if (!only_if.empty() && st.numbers.count(only_if) == 0) continue;
                if (!only_if.empty() && st.numbers[only_if] == 0.0) continue;
                if (p.contains("only_role") &&
                    (role == u.labels.end() || role->second != p["only_role"].get<std::string>()))
                    continue;
                if (rd.chance(missing * (1.5 - q))) continue; // left out: unknown
                const double p_good = p.contains("p_good") ? p["p_good"].get<double>() : 0.3 + 0.68 * q;
                bool good = rd.chance(p_good);
                if (p.contains("min_staff") && u.staff < p["min_staff"].get<std::int64_t>()) good = false;
                const std::string kind = p.at("kind").get<std::string>();
                const char* side = good ? "good" : "bad";
                if (kind == "bool") {
                    const bool v = good ? p.at("good").get<bool>() : !p.at("good").get<bool>();
                    values[key] = v;
                    st.numbers[key] = v ? 1.0 : 0.0;
                } else if (kind == "enum") {
                    values[key] = p.at(side).get<std::string>();
                } else if (kind == "int" || kind == "share" || kind == "choice") {
                    double v = 0;
                    if (kind == "int") {
                        const auto [lo, hi] = range_of(p, side);
                        v = static_cast<double>(
                            rd.between(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)));
                    } else if (kind == "choice") {
                        const auto& list = p.at(side);
                        v = list.at(static_cast<std::size_t>(
                                        rd.between(0, static_cast<std::int64_t>(list.size()) - 1)))
                                .get<double>();
                    } else {
                        const auto base = st.numbers.find(of);
                        if (base == st.numbers.end()) continue;
                        const auto [lo, hi] = range_of(p, side);
                        v = std::floor(base->second * (lo + (hi - lo) * rd.uniform()) + 0.5);
                        v = std::clamp(v, 0.0, base->second);
                    }
                    values[key] = static_cast<std::int64_t>(v);
                    st.numbers[key] = v;
                } else if (kind == "date") {
                    double base = anchor == "end" ? period.end : period.start;
                    if (anchor != "start" && anchor != "end") {
                        const auto a = st.numbers.find(anchor);
                        if (a == st.numbers.end()) continue;
                        base = a->second;
                    }
                    const auto [lo, hi] = range_of(p, side);
                    const auto d = static_cast<day_number>(base) +
                                   static_cast<day_number>(rd.between(static_cast<std::int64_t>(lo),
                                                                      static_cast<std::int64_t>(hi)));
                    values[key] = to_iso(d);
                    st.numbers[key] = d;
                } else if (kind == "term") {
                    // A term of office: elections every `years` years from
                    // `first`, drawn per unit (not per period) so that they are
                    // consistent across periods; weaker units hold them late.
                    rng tr(mix(seed, u.id + "#" + key));
                    const double qu = unit_quality(seed, u.id);
                    const int years = p.at("years").get<int>();
                    day_number d = parse_iso_date(p.at("first").get<std::string>(), key) +
                                   static_cast<day_number>(tr.between(0, 60));
                    std::vector<day_number> held;
                    while (d <= period.end) {
                        held.push_back(d);
                        const danchu::civil_date c = civil_from_days(d);
                        d = days_from_civil(c.year + years, c.month, std::min(c.day, 28)) +
                            static_cast<day_number>(tr.chance(0.25 + 0.75 * qu) ? tr.between(-20, 5)
                                                                                : tr.between(40, 300));
                    }
                    if (held.empty()) continue;
                    values[key] = to_iso(held.back());
                    st.numbers[key] = held.back();
                    st.events[key] = held;
                } else if (kind == "events") {
                    const auto [lo, hi] = range_of(p, good ? "per_month_good" : "per_month_bad");
                    std::vector<day_number> days;
                    const danchu::civil_date a = civil_from_days(period.start);
                    for (int m = 0; m < months; ++m) {
                        const int y = a.year + (a.month - 1 + m) / 12, mo = (a.month - 1 + m) % 12 + 1;
                        const auto n =
                            rd.between(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi));
                        for (std::int64_t k = 0; k < n; ++k)
                            days.push_back(days_from_civil(
                                y, mo, static_cast<int>(rd.between(1, days_in_month(y, mo)))));
                    }
                    const int at_least = good ? p.value("at_least_good", 0) : 0;
                    while (static_cast<int>(days.size()) < at_least)
                        days.push_back(period.start +
                                       static_cast<day_number>(rd.between(0, period.end - period.start)));
                    std::sort(days.begin(), days.end());
                    days.erase(std::unique(days.begin(), days.end()), days.end());
                    json list = json::array();
                    for (auto d : days) list.push_back(to_iso(d));
                    values[key] = list;
                    st.events[key] = days;
                } else {
                    throw argument_error("sample profile for \"" + key + "\": unknown kind \"" + kind + "\"");
                }
            }
        }
        // Records for the schedule, implied by the evidence.
        auto date_of = [&](const char* k) -> std::optional<day_number> {
            const auto it = st.numbers.find(k);
            if (it == st.numbers.end() || values.find(k) == values.end() || !values[k].is_string())
                return std::nullopt;
            return static_cast<day_number>(it->second);
        };
        // The conference in the evidence opens the assessed year: it is the
        // one for the previous working year (held from December, or within
        // three months under Law 10/2022). Recorded once a year, from the
        // evidence of the period that starts the year.
        const danchu::civil_date first = civil_from_days(period.start);
        if (auto d = date_of("conference.held_on"); d && first.month == 1)
            out.records.submissions.push_back(
                {u.id, "annual-conference", std::to_string(first.year - 1), civil_day::from_days(*d), ""});
        // A commune's People's Inspection Board is the Fatherland Front's,
        // not the agency board the election obligation is about.
        if (u.kind != unit_kind::commune)
            for (day_number d : st.events["bttnd.elected_on"])
                out.records.submissions.push_back(
                    {u.id, "inspection-board-election", "", civil_day::from_days(d), ""});
        if (auto d = date_of("extra.requested_on"); d && !period.law_10_2022) {
            const std::string id = "request-" + period.label;
            out.records.events.push_back({u.id, "extraordinary_request", id, civil_day::from_days(*d)});
            if (auto c = date_of("extra.convened_on"))
                out.records.submissions.push_back(
                    {u.id, "extraordinary-conference", id, civil_day::from_days(*c), ""});
        }
        if (period.law_10_2022)
            for (day_number d : st.events["resolution.checks_on"]) {
                const danchu::civil_date c = civil_from_days(d);
                out.records.submissions.push_back({u.id, "resolution-check",
                                                   std::to_string(c.year) + (c.month <= 6 ? "-H1" : "-H2"),
                                                   civil_day::from_days(d), ""});
            }
        // The province's reporting chain (departments and districts report to
        // the Department of Home Affairs, which reports to the Chairman).
        if (u.kind == unit_kind::department || u.kind == unit_kind::district) {
            if (auto d = date_of("bg.annual_review_on"))
                out.records.submissions.push_back({u.id, "annual-review",
                                                   std::to_string(civil_from_days(*d).year),
                                                   civil_day::from_days(*d), ""});
            const danchu::civil_date last = civil_from_days(period.end);
            for (int h = 1; h <= 2; ++h) {
                const int month = h == 1 ? 6 : 12;
                if (month > last.month) continue;
                if (period.label.size() == 7 && period.label.back() - '0' != h) continue;
                const std::string key = std::to_string(last.year) + (h == 1 ? "-H1" : "-H2");
                const bool home = u.labels.count("role") != 0 && u.labels.at("role") == "home_affairs";
                const day_number due = days_from_civil(last.year, month, 17);
                if (r.chance(0.08 * (1.2 - q))) continue; // never sent
                const day_number sent = r.chance(0.35 + 0.6 * q)
                                            ? due - static_cast<day_number>(r.between(0, 5))
                                            : due + static_cast<day_number>(r.between(2, 15));
                out.records.submissions.push_back({u.id, "unit-six-monthly-report", key,
                                                   civil_day::from_days(sent),
                                                   std::to_string(r.between(10, 250)) + "/BC"});
                if (home)
                    out.records.submissions.push_back(
                        {u.id, "doha-six-monthly-report", key,
                         civil_day::from_days(due + static_cast<day_number>(r.between(0, 3))),
                         std::to_string(r.between(10, 250)) + "/BC-SNV"});
            }
        }
        out.evidence["units"][u.id] = std::move(values);
    }
    return out;
}

} // namespace danchu::sample
