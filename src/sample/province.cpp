// The whole synthetic sample province as files (see province.hpp). SYNTHETIC DATA.
#include <sample/province.hpp>

#include <danchu/core/period.hpp>

#include <danchu/core/data.hpp>
#include <danchu/core/error.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/evidence/migrate.hpp>
#include <danchu/io/detail/output_file.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/rules/plan.hpp>
#include <danchu/schedule/from_events.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <tuple>

namespace danchu::sample {

civil_day law_10_2022_from(const std::string& data_dir) {
    return regime_choice::from_library(pack_library(data_dir)).first_day(regime_id(true));
}

period_spec period_from_label(const std::string& label, civil_day law_10_2022_from) {
    const auto parsed = assessment_period::try_parse(label);
    if (!parsed || parsed->is_range() ||
        (*parsed->kind() != period_kind::year && *parsed->kind() != period_kind::half) ||
        parsed->year() < 1900 || parsed->year() > 2199)
        throw argument_error("period \"" + label + "\": expected YYYY, YYYY-H1 or YYYY-H2 (1900..2199)");
    period_spec p;
    p.label = label;
    p.start = parsed->first().days();
    p.end = parsed->last().days();
    p.law_10_2022 = p.start >= law_10_2022_from.days();
    return p;
}

std::vector<std::string> standard_period_labels() {
    return {"2017-H1", "2017-H2", "2018-H1", "2018-H2", "2023-H1", "2023-H2", "2024-H1", "2024-H2"};
}

std::vector<period_spec> standard_periods(civil_day law_10_2022_from) {
    std::vector<period_spec> out;
    for (const auto& l : standard_period_labels()) out.push_back(period_from_label(l, law_10_2022_from));
    return out;
}

const char* regime_id(bool law_10_2022) noexcept {
    return law_10_2022 ? "vn.law-10-2022" : "vn.decree-04-2015";
}

void merge_records(schedule_records& into, const schedule_records& from) {
    std::set<std::tuple<civil_day, std::string, std::string, std::string>> seen;
    for (const auto& s : into.submissions) seen.insert({s.done_on, s.unit, s.obligation, s.occurrence});
    for (const auto& s : from.submissions)
        if (seen.insert({s.done_on, s.unit, s.obligation, s.occurrence}).second)
            into.submissions.push_back(s);
    for (const auto& e : from.events) into.events.push_back(e);
}

nlohmann::json records_to_json(const schedule_records& r) {
    nlohmann::json subs = nlohmann::json::array(), events = nlohmann::json::array();
    for (const auto& s : r.submissions) {
        nlohmann::json j = {{"unit", s.unit},
                            {"obligation", s.obligation},
                            {"occurrence", s.occurrence},
                            {"done_on", to_iso(s.done_on)}};
        if (!s.document.empty()) j["document"] = s.document;
        subs.push_back(std::move(j));
    }
    for (const auto& e : r.events)
        events.push_back({{"unit", e.unit}, {"event", e.event}, {"id", e.id}, {"date", to_iso(e.date)}});
    return {{"submissions", std::move(subs)}, {"events", std::move(events)}};
}

schedule_records regime_records(const organisation& org, const nlohmann::json& profiles, bool law_10_2022,
                                civil_day law_10_2022_from, std::uint64_t seed) {
    schedule_records out;
    for (const auto& p : standard_periods(law_10_2022_from))
        if (p.law_10_2022 == law_10_2022) merge_records(out, generate_period(org, profiles, p, seed).records);
    return out;
}

namespace {

void write_json_file(const std::filesystem::path& p, const nlohmann::json& j) {
    danchu::detail::write_output_file(p, j.dump(1) + '\n');
}

/// The sample's half-years were generated one by one, so two of them can
/// disagree (a board elected in one, declared absent over the same days in
/// the other). Real files would be corrected by their unit; the sample drops
/// the records the strict loader refuses, so that its events file loads.
nlohmann::json consistent_events(nlohmann::json doc, const std::shared_ptr<const event_kinds>& kinds,
                                 const organisation& org) {
    std::vector<input_problem> problems;
    (void)events_from_json(doc, "events.json", kinds, org, &problems);
    std::set<std::pair<std::string, std::size_t>, std::greater<>> drop;
    for (const auto& pr : problems) {
        // locations look like /events/12 or /none/3 (possibly followed by a field)
        for (const char* member : {"events", "none"}) {
            const std::string prefix = std::string("/") + member + "/";
            if (pr.location.rfind(prefix, 0) != 0) continue;
            drop.insert({member, std::stoul(pr.location.substr(prefix.size()))});
        }
    }
    for (const auto& [member, i] : drop) doc[member].erase(i);
    return doc;
}

} // namespace

province_summary write_province(const std::string& out_dir, const nlohmann::json& profiles,
                                civil_day law_10_2022_from, std::size_t units, std::uint64_t seed,
                                const std::function<void(std::size_t, std::size_t)>& on_period,
                                const std::string& data_dir) {
    namespace fs = std::filesystem;
    const organisation org = bac_giang_2018(units, seed);
    const fs::path out(out_dir);
    std::error_code ec;
    fs::create_directories(out / "evidence", ec);
    if (ec)
        throw danchu::error("io",
                            (out / "evidence").string() + ": cannot create the folder: " + ec.message());
    province_summary sum;
    sum.units = org.size();
    auto write = [&](const fs::path& p, const nlohmann::json& j) {
        write_json_file(p, j);
        sum.files.push_back(p.string());
    };
    // Every unit carries the label synthetic=true (the loaders accept no extra
    // top-level keys).
    write(out / "organisation.json", organisation_to_json(org));
    schedule_records d04, l10_records;
    const std::string data = data_dir.empty() ? default_data_dir() : data_dir;
    const auto dict = std::make_shared<const fact_dictionary>(load_default_fact_dictionary(data));
    const auto kinds = load_event_kinds(data);
    const event_windows windows = load_event_windows(data);
    migration events;
    const auto periods = standard_periods(law_10_2022_from);
    for (const auto& p : periods) {
        if (on_period) on_period(sum.periods, periods.size());
        const generated_period g = generate_period(org, profiles, p, seed);
        write(out / "evidence" / (p.label + ".json"), g.evidence);
        const std::string file = "evidence/" + p.label + ".json";
        migrate_evidence(evidence_from_json(g.evidence, file, dict, org), file, assessment_period(p.label),
                         *kinds, windows, events, true);
        merge_records(p.law_10_2022 ? l10_records : d04, g.records);
        sum.silent += g.silent_units.size();
        ++sum.periods;
    }
    // The schedule's records are events too (issue 11: nothing entered twice):
    // the reports sent, the requests and the conferences that answer them,
    // converted by the obligations' own `fulfilled_by_event` declarations.
    nlohmann::json doc = events.events_document();
    for (const bool l10 : {false, true}) {
        obligation_set obs;
        const std::string base = regime_id(l10),
                          province = l10 ? "vn.bac-giang.2018-05-09.l10" : "vn.bac-giang.2018-05-09";
        for (const std::string* id : {&base, &province})
            if (fs::is_regular_file(data + "/obligations/" + *id + ".json", ec))
                obs.add_file(data + "/obligations/" + *id + ".json");
        nlohmann::json converted = schedule_records_to_events(l10 ? l10_records : d04, obs, *kinds);
        for (auto& e : converted["events"]) doc["events"].push_back(std::move(e));
    }
    write(out / "events.json", consistent_events(std::move(doc), kinds, org));
    fs::create_directories(out / "facts", ec);
    for (const auto& p : periods)
        write(out / "facts" / (p.label + ".json"), events.standing_document(p.label));
    write(out / (std::string("records-") + regime_id(false) + ".json"), records_to_json(d04));
    write(out / (std::string("records-") + regime_id(true) + ".json"), records_to_json(l10_records));
    if (on_period) on_period(sum.periods, periods.size());
    return sum;
}

} // namespace danchu::sample
