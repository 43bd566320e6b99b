// The SYNTHETIC sample province as files (sample_province.hpp): periods,
// regime records and the writer shared by `danchu sample` and danchu.sample.
#include "catch.hpp"

#include <sample/province.hpp>
#include <danchu/core/data.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/evidence/migrate.hpp>
#include <danchu/io/detail/output_file.hpp>
#include <danchu/io/detail/text_file.hpp>

#include <filesystem>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

namespace {

nlohmann::json profiles() {
    return danchu::detail::read_json_file(std::string(DANCHU_TEST_SOURCE_DIR) + "/data/sample/profiles.json");
}

/// The regime switch from the bundled packs.
danchu::civil_day switch_day() {
    static const auto d = danchu::sample::law_10_2022_from(std::string(DANCHU_TEST_SOURCE_DIR) + "/data");
    return d;
}

danchu::sample::period_spec period_from_label(const std::string& label) {
    return danchu::sample::period_from_label(label, switch_day());
}

} // namespace

TEST_CASE("sample periods: labels, bounds and the regime in force", "[sample]") {
    using danchu::days_from_civil;
    const auto h1 = period_from_label("2018-H1");
    CHECK(h1.start == days_from_civil(2018, 1, 1));
    CHECK(h1.end == days_from_civil(2018, 6, 30));
    CHECK_FALSE(h1.law_10_2022);
    // Law 10/2022/QH15 Art. 90: in force from 1 July 2023 (read from the pack's regime.valid_from).
    CHECK(switch_day() == danchu::civil_day(2023, 7, 1));
    CHECK_FALSE(period_from_label("2023-H1").law_10_2022);
    CHECK(period_from_label("2023-H2").law_10_2022);
    const auto y = period_from_label("2024");
    CHECK(y.end == days_from_civil(2024, 12, 31));
    CHECK(y.law_10_2022);
    for (const char* bad : {"2018-H3", "18-H1", "2018H1", "1899", "2018-Q1", ""})
        CHECK_THROWS_AS(period_from_label(bad), danchu::argument_error);
    const auto all = danchu::sample::standard_periods(switch_day());
    REQUIRE(all.size() == 8);
    CHECK(all.front().label == "2017-H1");
    CHECK(all.back().label == "2024-H2");
}

TEST_CASE("sample regime records are deduplicated and deterministic", "[sample]") {
    const auto org = danchu::sample::bac_giang_2018(90, 3);
    const auto p = profiles();
    const auto a = danchu::sample::regime_records(org, p, false, switch_day(), 3);
    const auto b = danchu::sample::regime_records(org, p, false, switch_day(), 3);
    REQUIRE_FALSE(a.submissions.empty());
    CHECK(danchu::sample::records_to_json(a) == danchu::sample::records_to_json(b));
    std::set<std::tuple<danchu::civil_day, std::string, std::string, std::string>> seen;
    for (const auto& s : a.submissions)
        CHECK(seen.insert({s.done_on, s.unit, s.obligation, s.occurrence}).second);
    // Law 10/2022 records carry the six-monthly resolution checks (Art. 52(3)).
    const auto l10 = danchu::sample::regime_records(org, p, true, switch_day(), 3);
    bool check = false;
    for (const auto& s : l10.submissions) check = check || s.obligation == "resolution-check";
    CHECK(check);
    // The JSON form reads back as the same records.
    const auto again = danchu::schedule_records_from_json(danchu::sample::records_to_json(a), "<test>");
    CHECK(again.submissions.size() == a.submissions.size());
    CHECK(again.events.size() == a.events.size());
}

TEST_CASE("write_province writes the organisation, 8 half-years, 2 record files and the events", "[sample]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "danchu-sample-test";
    fs::remove_all(dir);
    const std::string data = DANCHU_TEST_SOURCE_DIR "/data";
    const auto sum = danchu::sample::write_province(dir.string(), profiles(), switch_day(), 40, 11, {}, data);
    CHECK(sum.units == 40);
    CHECK(sum.periods == 8);
    CHECK(sum.files.size() == 20); // + events.json and 8 facts/<half-year>.json
    // The events load strictly: every kind, field and date is valid, nothing contradicts.
    const auto events = danchu::load_events({(dir / "events.json").string()}, danchu::load_event_kinds(data),
                                            danchu::load_organisation((dir / "organisation.json").string()));
    CHECK(events.size() > 40);
    CHECK_FALSE(events.nones().empty());
    for (const auto& f : sum.files) CHECK(fs::file_size(f) > 20);
    const auto org = danchu::load_organisation((dir / "organisation.json").string());
    CHECK(org.size() == 40);
    CHECK(org[0].labels.at("synthetic") == "true");
    danchu::schedule_records r;
    danchu::load_schedule_records((dir / "records-vn.decree-04-2015.json").string(), r);
    CHECK_FALSE(r.submissions.empty());
    fs::remove_all(dir);
    CHECK_THROWS_AS(danchu::sample::write_province(dir.string(), profiles(), switch_day(), 5, 11),
                    danchu::argument_error);
}

TEST_CASE("sample evidence draws facts that depend on the organisation, and consistent records", "[sample]") {
    const auto org = danchu::sample::bac_giang_2018(120, 7);
    const auto p = profiles();
    const auto g = danchu::sample::generate_period(org, p, period_from_label("2018-H1"), 7);
    // Regression: shares "of" unit.staff were never drawn, so the quorum, vote
    // and reach rules were unknown for every unit.
    std::size_t with_summoned = 0, with_attendance = 0, units = 0;
    for (const auto& [id, facts] : g.evidence.at("units").items()) {
        ++units;
        const auto u = org.find(id);
        REQUIRE(u != danchu::organisation::npos);
        if (facts.contains("conference.summoned")) {
            ++with_summoned;
            CHECK(facts["conference.summoned"].get<std::int64_t>() <= org[u].staff);
        }
        if (facts.contains("conference.attendance")) ++with_attendance;
    }
    CHECK(with_summoned * 10 >= units * 8);
    CHECK(with_attendance * 10 >= units * 7);
    // Conferences are recorded under the working year they close, from the
    // period that starts the year; communes have no agency-board elections.
    for (const auto& s : g.records.submissions) {
        if (s.obligation == "annual-conference") CHECK(s.occurrence == "2017");
        if (s.obligation == "inspection-board-election")
            CHECK(org[org.find(s.unit)].kind != danchu::unit_kind::commune);
    }
    const auto h2 = danchu::sample::generate_period(org, p, period_from_label("2018-H2"), 7);
    for (const auto& s : h2.records.submissions) CHECK(s.obligation != "annual-conference");
}

TEST_CASE("events_stream writes the bytes of the tree-based events writer, and they load to the same log",
          "[sample]") {
    // Issue 14: the sample's events.json is streamed; detail::events_file_reference
    // is the tree-based writer it replaced (dump(1) of the whole document).
    namespace fs = std::filesystem;
    const std::string data = DANCHU_TEST_SOURCE_DIR "/data";
    const std::size_t units = 40;
    const std::uint64_t seed = 11;
    const auto org = danchu::sample::bac_giang_2018(units, seed);
    const auto kinds = danchu::load_event_kinds(data);
    const auto windows = danchu::load_event_windows(data);
    const auto dict =
        std::make_shared<const danchu::fact_dictionary>(danchu::load_default_fact_dictionary(data));
    const fs::path dir = fs::temp_directory_path() / "danchu-sample-stream-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    danchu::sample::events_stream stream(kinds, org);
    // The same, its text spilled to a temporary file (as write_province does).
    auto spilled = std::make_unique<danchu::sample::events_stream>(kinds, org, (dir / "spill").string());
    spilled->set_check_shard(1000); // the check in several shards of units
    danchu::migration all;          // the whole province, as the tree-based writer held it
    for (const auto& p : danchu::sample::standard_periods(switch_day())) {
        const auto g = danchu::sample::generate_period(org, profiles(), p, seed);
        const std::string file = "evidence/" + p.label + ".json";
        danchu::migration m;
        danchu::migrate_evidence(danchu::evidence_from_json(g.evidence, file, dict, org), file,
                                 danchu::assessment_period(p.label), *kinds, windows, m, true);
        stream.add_migrated(m.events, m.nones);
        spilled->add_migrated(m.events, m.nones);
        for (const auto& e : m.events) all.events.push_back(e);
        for (const auto& n : m.nones) all.nones.push_back(n);
    }
    nlohmann::json doc = all.events_document();
    REQUIRE(doc["events"].size() > 100);
    const nlohmann::json before =
        nlohmann::json::parse(danchu::sample::detail::events_file_reference(doc, kinds, org));
    // Records the strict loader refuses, which both writers must leave out: a
    // none over the day of an event of its kind, the same event twice.
    const nlohmann::json& first = doc["events"][0];
    const nlohmann::json none = {
        {"unit", first["unit"]}, {"kind", first["kind"]}, {"from", first["date"]}, {"to", first["date"]}};
    const nlohmann::json twice = nlohmann::json::array({doc["events"][1], doc["events"][1]});
    stream.add_migrated(nlohmann::json::array(), nlohmann::json::array({none}));
    stream.add_converted(twice);
    spilled->add_migrated(nlohmann::json::array(), nlohmann::json::array({none}));
    spilled->add_converted(twice);
    doc["none"].push_back(none);
    for (const auto& e : twice) doc["events"].push_back(e);

    std::ostringstream streamed;
    stream.write(streamed);
    const std::string reference = danchu::sample::detail::events_file_reference(doc, kinds, org);
    CHECK(streamed.str() == reference);
    std::ostringstream from_spill;
    spilled->write(from_spill);
    CHECK(from_spill.str() == reference);
    CHECK(fs::exists(dir / "spill"));
    spilled.reset();
    CHECK_FALSE(fs::exists(dir / "spill"));                          // removed with the stream
    CHECK_THROWS_AS(stream.write(streamed), danchu::argument_error); // once only

    const nlohmann::json written = nlohmann::json::parse(reference);
    // The added records are all left out (the event copies repeat a migrated one).
    CHECK(written == before);
    CHECK(written["none"].size() < doc["none"].size());

    // Read back with the events loader: the log of the streamed file is the log
    // of the reference document, record for record.
    danchu::detail::write_output_file(dir / "events.json", streamed.str());
    const auto loaded = danchu::load_events({(dir / "events.json").string()}, kinds, org);
    const auto expected = danchu::events_from_json(written, "events.json", kinds, org);
    REQUIRE(loaded.size() == expected.size());
    CHECK(loaded.nones().size() == expected.nones().size());
    for (std::size_t e = 0; e < loaded.size(); ++e) {
        CHECK(loaded.unit(e) == expected.unit(e));
        CHECK(loaded.kind(e) == expected.kind(e));
        CHECK(loaded.date(e) == expected.date(e));
    }
    fs::remove_all(dir);
}

TEST_CASE("write_province's events.json is the tree-based writer's text", "[sample]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "danchu-sample-events-test";
    fs::remove_all(dir);
    const std::string data = DANCHU_TEST_SOURCE_DIR "/data";
    (void)danchu::sample::write_province(dir.string(), profiles(), switch_day(), 35, 5, {}, data);
    const auto org = danchu::load_organisation((dir / "organisation.json").string());
    const auto kinds = danchu::load_event_kinds(data);
    // The loader accepts the file strictly, and writing its document again by
    // the reference gives the same bytes (nothing left to drop, same layout).
    const std::string text = danchu::detail::read_text_file((dir / "events.json").string());
    CHECK(danchu::sample::detail::events_file_reference(nlohmann::json::parse(text), kinds, org) == text);
    fs::remove_all(dir);
}
