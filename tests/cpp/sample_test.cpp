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
#include <danchu/schedule/from_events.hpp>

#include <filesystem>
#include <memory>
#include <new>
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

TEST_CASE("write_province in shards writes the whole-province files, byte for byte", "[sample]") {
    // Issue 14 §2: the province is generated shard of units by shard and its
    // files assembled from the shards' text. Reference: the whole province
    // generated, migrated and written as JSON trees (the writer it replaced).
    namespace fs = std::filesystem;
    const std::string data = DANCHU_TEST_SOURCE_DIR "/data";
    const std::size_t units = 40;
    const std::uint64_t seed = 11;
    const fs::path one = fs::temp_directory_path() / "danchu-sample-shards-one";
    const fs::path many = fs::temp_directory_path() / "danchu-sample-shards-many";
    fs::remove_all(one);
    fs::remove_all(many);
    std::vector<std::pair<std::size_t, std::size_t>> steps;
    const auto sum_one = danchu::sample::write_province(one.string(), profiles(), switch_day(), units, seed,
                                                        {}, data, 1000); // one shard
    const auto sum_many = danchu::sample::write_province(
        many.string(), profiles(), switch_day(), units, seed,
        [&](std::size_t done, std::size_t total) { steps.emplace_back(done, total); }, data, 7); // 6 shards
    CHECK(sum_one.silent == sum_many.silent);
    REQUIRE(sum_many.files.size() == 20);
    REQUIRE(steps.size() == 6 * 8 + 1); // each half-year of each shard, and the end
    CHECK(steps.back() == std::make_pair(std::size_t{48}, std::size_t{48}));
    auto text = [](const fs::path& p) { return danchu::detail::read_text_file(p.string()); };
    for (std::size_t i = 0; i < sum_many.files.size(); ++i) {
        INFO(sum_many.files[i]);
        CHECK(fs::relative(sum_many.files[i], many) == fs::relative(sum_one.files[i], one));
        CHECK(text(sum_many.files[i]) == text(sum_one.files[i]));
    }
    for (const auto& e : fs::directory_iterator(many)) // the temporary file is gone
        CHECK(e.path().filename().string().rfind(".events.json.spill", 0) == std::string::npos);

    // The whole province as trees.
    const auto org = danchu::sample::bac_giang_2018(units, seed);
    const auto kinds = danchu::load_event_kinds(data);
    const auto windows = danchu::load_event_windows(data);
    const auto dict =
        std::make_shared<const danchu::fact_dictionary>(danchu::load_default_fact_dictionary(data));
    danchu::migration all;
    for (const auto& p : danchu::sample::standard_periods(switch_day())) {
        const auto g = danchu::sample::generate_period(org, profiles(), p, seed);
        const std::string file = "evidence/" + p.label + ".json";
        CHECK(text(many / file) == g.evidence.dump(1) + '\n');
        danchu::migrate_evidence(danchu::evidence_from_json(g.evidence, file, dict, org), file,
                                 danchu::assessment_period(p.label), *kinds, windows, all, true);
        CHECK(text(many / "facts" / (p.label + ".json")) == all.standing_document(p.label).dump(1) + '\n');
    }
    nlohmann::json doc = all.events_document();
    REQUIRE(doc["events"].size() > 100);
    for (const bool l10 : {false, true}) {
        const auto records = danchu::sample::regime_records(org, profiles(), l10, switch_day(), seed);
        const std::string regime = danchu::sample::regime_id(l10);
        CHECK(text(many / ("records-" + regime + ".json")) ==
              danchu::sample::records_to_json(records).dump(1) + '\n');
        danchu::obligation_set obs;
        for (const std::string& id :
             {regime, std::string(l10 ? "vn.bac-giang.2018-05-09.l10" : "vn.bac-giang.2018-05-09")})
            obs.add_file(data + "/obligations/" + id + ".json");
        const nlohmann::json converted = danchu::schedule_records_to_events(records, obs, *kinds);
        REQUIRE_FALSE(converted["events"].empty());
        for (const auto& e : converted["events"]) doc["events"].push_back(e);
    }
    CHECK(text(many / "events.json") == danchu::sample::detail::events_file_reference(doc, kinds, org));
    fs::remove_all(one);
    fs::remove_all(many);
}

TEST_CASE("the sample keeps a migrated record once by its exact text, source and note aside", "[sample]") {
    using danchu::sample::detail::dedup_key;
    const nlohmann::json a = {{"unit", "so-noi-vu"},
                              {"kind", "briefing_held"},
                              {"date", "2018-03-02"},
                              {"source", {{"file", "evidence/2018-H1.json"}}}};
    nlohmann::json b = a;
    b["source"]["file"] = "evidence/2018-H2.json";
    b["note"] = "SYNTHETIC";
    CHECK(dedup_key(a) == dedup_key(b));
    CHECK(dedup_key(a) == R"({"date":"2018-03-02","kind":"briefing_held","unit":"so-noi-vu"})");
    nlohmann::json c = a;
    c["date"] = "2018-03-03";
    CHECK(dedup_key(a) != dedup_key(c));
    nlohmann::json d = a;
    d["unit"] = "so-noi-vu-1";
    CHECK(dedup_key(a) != dedup_key(d));
    // Keys needing escapes and nested values: the text of `dump()` itself.
    nlohmann::json e = a;
    e["we\"ird"] = {{"x", 1}, {"y", "Sở Nội vụ"}};
    nlohmann::json e_key = e;
    e_key.erase("source");
    CHECK(dedup_key(e) == e_key.dump());
    // The same as `migration::events_document` keeps.
    danchu::migration m;
    for (const nlohmann::json& x : {a, b, c, d, e}) m.events.push_back(x);
    CHECK(m.events_document()["events"].size() == 4);
}

TEST_CASE("write_province fails cleanly: out of memory is an error, the temporary file is removed",
          "[sample]") {
    namespace fs = std::filesystem;
    const std::string data = DANCHU_TEST_SOURCE_DIR "/data";
    const fs::path dir = fs::temp_directory_path() / "danchu-sample-fail-test";
    auto spills = [&] {
        std::size_t n = 0;
        for (const auto& e : fs::directory_iterator(dir))
            n += e.path().filename().string().rfind(".events.json.spill-", 0) == 0 ? 1 : 0;
        return n;
    };
    fs::remove_all(dir);
    // Memory running out in the middle of the run (injected at the third half-year).
    std::size_t seen_spill = 0;
    const auto fail_at_3 = [&](std::size_t done, std::size_t) {
        if (done < 3) return;
        seen_spill = spills();
        throw std::bad_alloc();
    };
    try {
        (void)danchu::sample::write_province(dir.string(), profiles(), switch_day(), 40, 11, fail_at_3, data);
        FAIL("expected an error");
    } catch (const danchu::error& e) {
        CHECK(std::string(e.what()).find("[danchu.memory]") != std::string::npos);
        CHECK(std::string(e.what()).find("40 units") != std::string::npos);
    }
    CHECK(seen_spill == 1); // it existed while the run went on,
    CHECK(spills() == 0);   // and is gone
    // A file that cannot be written (a folder where events.json goes).
    fs::remove_all(dir);
    fs::create_directories(dir / "events.json");
    CHECK_THROWS_AS(danchu::sample::write_province(dir.string(), profiles(), switch_day(), 40, 11, {}, data),
                    danchu::error);
    CHECK(spills() == 0);
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
