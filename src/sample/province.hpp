#pragma once
/// @file
/// The whole SYNTHETIC sample province as files: the organisation, evidence
/// for each standard half-year and the schedule records of each regime. One
/// implementation shared by `danchu sample` (src/cli/sample.cpp) and
/// `danchu.sample` in Python (src/register_schedule.cpp).
///
/// Nothing here describes a real agency: see `sample.hpp` and `docs/sample.md`.

#include <danchu/core/date.hpp>
#include <danchu/core/period.hpp>
#include <danchu/io/detail/output_file.hpp>
#include <danchu/core/error.hpp>
#include <danchu/organisation/io.hpp>
#include <sample/sample.hpp>
#include <sample/evidence.hpp>
#include <danchu/schedule/io.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace danchu::sample {

/// First day of the Law 10/2022/QH15 regime (its Art. 90: in force from
/// 1 July 2023); before it the Decree 04/2015/NĐ-CP regime applies. The same
/// switch date as `regime_choice` in `evaluate.hpp`.
inline day_number law_10_2022_from() { return days_from_civil(2023, 7, 1); }

/// A period spec from a label: "YYYY-H1", "YYYY-H2" or "YYYY" (a calendar
/// year). The regime is the one in force on the period's first day.
/// @throws argument_error naming the label and the accepted forms.
inline period_spec period_from_label(const std::string& label) {
    const auto parsed = assessment_period::try_parse(label);
    if (!parsed || parsed->is_range() ||
        (*parsed->kind() != period_kind::year && *parsed->kind() != period_kind::half) ||
        parsed->year() < 1900 || parsed->year() > 2199)
        throw argument_error("period \"" + label + "\": expected YYYY, YYYY-H1 or YYYY-H2 (1900..2199)");
    period_spec p;
    p.label = label;
    p.start = parsed->first().days();
    p.end = parsed->last().days();
    p.law_10_2022 = p.start >= law_10_2022_from();
    return p;
}

/// The half-years the sample province carries evidence for: 2017-H1 … 2018-H2
/// and 2023-H1 (Decree 04/2015 regime), 2023-H2 … 2024-H2 (Law 10/2022).
inline std::vector<period_spec> standard_periods() {
    std::vector<period_spec> out;
    for (const char* l : {"2017-H1", "2017-H2", "2018-H1", "2018-H2", "2023-H1", "2023-H2", "2024-H1",
                          "2024-H2"})
        out.push_back(period_from_label(l));
    return out;
}

/// The regime ids of the bundled obligation files, by flag.
inline const char* regime_id(bool law_10_2022) noexcept {
    return law_10_2022 ? "vn.law-10-2022" : "vn.decree-04-2015";
}

/// Appends `from` to `into`, keeping each submission once: the same
/// fulfilment can be implied by several periods' evidence (an election stays
/// on record). Events are kept as they are (each period draws its own).
inline void merge_records(schedule_records& into, const schedule_records& from) {
    std::set<std::tuple<civil_day, std::string, std::string, std::string>> seen;
    for (const auto& s : into.submissions) seen.insert({s.done_on, s.unit, s.obligation, s.occurrence});
    for (const auto& s : from.submissions)
        if (seen.insert({s.done_on, s.unit, s.obligation, s.occurrence}).second) into.submissions.push_back(s);
    for (const auto& e : from.events) into.events.push_back(e);
}

/// Records as the JSON records document (`schedule_io.hpp`).
inline nlohmann::json records_to_json(const schedule_records& r) {
    nlohmann::json subs = nlohmann::json::array(), events = nlohmann::json::array();
    for (const auto& s : r.submissions) {
        nlohmann::json j = {{"unit", s.unit}, {"obligation", s.obligation},
                            {"occurrence", s.occurrence}, {"done_on", to_iso(s.done_on)}};
        if (!s.document.empty()) j["document"] = s.document;
        subs.push_back(std::move(j));
    }
    for (const auto& e : r.events)
        events.push_back({{"unit", e.unit}, {"event", e.event}, {"id", e.id}, {"date", to_iso(e.date)}});
    return {{"submissions", std::move(subs)}, {"events", std::move(events)}};
}

/// The schedule records of one regime over the standard periods (deduplicated,
/// in generation order): what `records-<regime>.json` holds.
inline schedule_records regime_records(const organisation& org, const nlohmann::json& profiles,
                                       bool law_10_2022, std::uint64_t seed = 2018) {
    schedule_records out;
    for (const auto& p : standard_periods())
        if (p.law_10_2022 == law_10_2022) merge_records(out, generate_period(org, profiles, p, seed).records);
    return out;
}

/// What `write_province` wrote.
struct province_summary {
    std::size_t units = 0;
    std::size_t periods = 0;
    std::size_t silent = 0; ///< unit-periods without evidence
    std::vector<std::string> files; ///< paths written
};

namespace detail {

inline void write_json_file(const std::filesystem::path& p, const nlohmann::json& j) {
    danchu::detail::write_output_file(p, j.dump(1) + '\n');
}

} // namespace detail

/// Writes the sample province into `out_dir` (created if needed):
/// `organisation.json`, `evidence/<half-year>.json` for each standard period,
/// `records-vn.decree-04-2015.json` and `records-vn.law-10-2022.json`.
/// @param profiles the parsed `data/sample/profiles.json`.
/// @throws argument_error if `units` is below 31; error("io") if a file cannot be written.
/// `on_period(done, total)`, if given, is called before each half-year is
/// generated and once at the end (progress for long runs).
inline province_summary write_province(const std::string& out_dir, const nlohmann::json& profiles,
                                       std::size_t units = 330, std::uint64_t seed = 2018,
                                       const std::function<void(std::size_t, std::size_t)>& on_period = {}) {
    namespace fs = std::filesystem;
    const organisation org = bac_giang_2018(units, seed);
    const fs::path out(out_dir);
    std::error_code ec;
    fs::create_directories(out / "evidence", ec);
    if (ec) throw danchu::error("io", (out / "evidence").string() + ": cannot create the folder: " + ec.message());
    province_summary sum;
    sum.units = org.size();
    auto write = [&](const fs::path& p, const nlohmann::json& j) {
        detail::write_json_file(p, j);
        sum.files.push_back(p.string());
    };
    // Every unit carries the label synthetic=true (the loaders accept no extra
    // top-level keys).
    write(out / "organisation.json", organisation_to_json(org));
    schedule_records d04, l10;
    const auto periods = standard_periods();
    for (const auto& p : periods) {
        if (on_period) on_period(sum.periods, periods.size());
        const generated_period g = generate_period(org, profiles, p, seed);
        write(out / "evidence" / (p.label + ".json"), g.evidence);
        merge_records(p.law_10_2022 ? l10 : d04, g.records);
        sum.silent += g.silent_units.size();
        ++sum.periods;
    }
    write(out / (std::string("records-") + regime_id(false) + ".json"), records_to_json(d04));
    write(out / (std::string("records-") + regime_id(true) + ".json"), records_to_json(l10));
    if (on_period) on_period(sum.periods, periods.size());
    return sum;
}

} // namespace danchu::sample
