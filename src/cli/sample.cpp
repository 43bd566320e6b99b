// `danchu sample`: writes a SYNTHETIC province (organisation, evidence per
// half-year, schedule records per regime) for demos, notebooks and benchmarks.

#include "cli.hpp"

#include <danchu/organisation_io.hpp>
#include <danchu/sample_evidence.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <tuple>

namespace danchu::cli {

namespace {

struct sample_args {
    std::string out = "sample-province";
    std::size_t units = 330;
    std::uint64_t seed = 2018;
};

void write_json(const std::filesystem::path& p, const nlohmann::json& j) {
    std::ofstream f(p, std::ios::binary);
    if (!f) throw danchu::error("io", p.string() + ": cannot write the file");
    f << j.dump(1) << '\n';
}

nlohmann::json records_json(const schedule_records& r) {
    // The same fulfilment can be implied by several periods' evidence
    // (an election stays on record): keep each once, in date order.
    std::set<std::tuple<day_number, std::string, std::string, std::string>> seen;
    nlohmann::json subs = nlohmann::json::array(), events = nlohmann::json::array();
    for (const auto& s : r.submissions) {
        if (!seen.insert({s.done_on, s.unit, s.obligation, s.occurrence}).second) continue;
        nlohmann::json j = {{"unit", s.unit}, {"obligation", s.obligation},
                            {"occurrence", s.occurrence}, {"done_on", to_iso(s.done_on)}};
        if (!s.document.empty()) j["document"] = s.document;
        subs.push_back(std::move(j));
    }
    for (const auto& e : r.events)
        events.push_back({{"unit", e.unit}, {"event", e.event}, {"id", e.id}, {"date", to_iso(e.date)}});
    return {{"submissions", subs}, {"events", events}};
}

int run_sample(const options& opts, const sample_args& a) {
    namespace fs = std::filesystem;
    const fs::path data = resolve_data_dir(opts);
    const nlohmann::json profiles = detail::read_json_file((data / "sample" / "profiles.json").string());
    const organisation org = sample::bac_giang_2018(a.units, a.seed);
    fs::create_directories(fs::path(a.out) / "evidence");
    // Every unit carries the label synthetic=true (the loaders accept no
    // extra top-level keys).
    write_json(fs::path(a.out) / "organisation.json", organisation_to_json(org));

    struct spec { const char* label; int y; int h; bool l10; };
    const spec periods[] = {{"2017-H1", 2017, 1, false}, {"2017-H2", 2017, 2, false},
                            {"2018-H1", 2018, 1, false}, {"2018-H2", 2018, 2, false},
                            {"2023-H1", 2023, 1, false}, {"2023-H2", 2023, 2, true},
                            {"2024-H1", 2024, 1, true},  {"2024-H2", 2024, 2, true}};
    schedule_records d04, l10;
    std::size_t silent = 0;
    for (const auto& p : periods) {
        sample::period_spec ps{p.label, days_from_civil(p.y, p.h == 1 ? 1 : 7, 1),
                               days_from_civil(p.y, p.h == 1 ? 6 : 12, p.h == 1 ? 30 : 31), p.l10};
        auto g = sample::generate_period(org, profiles, ps, a.seed);
        write_json(fs::path(a.out) / "evidence" / (std::string(p.label) + ".json"), g.evidence);
        auto& into = p.l10 ? l10 : d04;
        for (auto& s : g.records.submissions) into.submissions.push_back(std::move(s));
        for (auto& e : g.records.events) into.events.push_back(std::move(e));
        silent += g.silent_units.size();
    }
    write_json(fs::path(a.out) / "records-vn.decree-04-2015.json", records_json(d04));
    write_json(fs::path(a.out) / "records-vn.law-10-2022.json", records_json(l10));
    std::cout << "SYNTHETIC sample province: " << org.size() << " units, "
              << std::size(periods) << " half-years of evidence (" << silent
              << " unit-periods without evidence) written to " << a.out << '\n';
    return 0;
}

} // namespace

void add_sample_command(CLI::App& app, options& opts) {
    auto args = std::make_shared<sample_args>();
    auto* cmd = app.add_subcommand(
        "sample", "Write a SYNTHETIC province shaped like Bắc Giang in 2018 (organisation, "
                  "evidence for 2017-2018 and 2023-2024, schedule records)");
    cmd->add_option("--out", args->out, "Output directory")->capture_default_str();
    cmd->add_option("--units", args->units, "Number of units (at least 31)")->capture_default_str();
    cmd->add_option("--seed", args->seed, "Random seed (same seed, same data)")->capture_default_str();
    cmd->callback([&opts, args] { opts.run = [&opts, args] { return run_sample(opts, *args); }; });
}

} // namespace danchu::cli
