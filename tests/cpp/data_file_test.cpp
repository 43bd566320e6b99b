// `danchu validate FILE` (issue 15, item 20): every kind of data file is
// recognised and loaded by its own strict loader, and its references are
// checked at validate time.

#include "catch.hpp"
#include "test_support.hpp"

#include <danchu/report/data_file.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using danchu_test::data_dir;
using danchu_test::error_of;
using danchu_test::has;

namespace {

danchu::data_file_context context() {
    danchu::data_file_context c;
    c.data_dir = data_dir;
    return c;
}

std::string write(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
    const auto p = dir / name;
    std::ofstream(p) << text;
    return p.string();
}

nlohmann::json read(const std::string& rel) { return danchu::detail::read_json_file(data_dir + "/" + rel); }

} // namespace

TEST_CASE("validate_data_file: every bundled data file validates as its kind") {
    namespace fs = std::filesystem;
    std::size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(data_dir)) {
        const std::string rel = fs::relative(e.path(), data_dir).generic_string();
        if (!e.is_regular_file() || e.path().extension() != ".json") continue;
        if (rel.rfind("schemas/", 0) == 0 || rel == "sample/profiles.json") continue; // not data files
        INFO(rel);
        const auto c = danchu::validate_data_file(e.path().string(), context());
        const std::string dir = rel.substr(0, rel.find('/'));
        const std::string want = rel == "facts.json"                         ? "facts"
                                 : dir == "packs" && has(rel, ".tests.json") ? "rule_tests"
                                 : dir == "packs"                            ? "pack"
                                 : dir == "scoring"                          ? "scoring_scheme"
                                 : dir == "obligations"                      ? "obligations"
                                 : dir == "schedules"                        ? "holidays"
                                 : dir == "regimes"                          ? "reporting_convention"
                                 : rel == "events/kinds.json"                ? "event_kinds"
                                 : rel == "events/publicity-items.json"      ? "publicity_items"
                                 : rel == "events/years.json"                ? "event_years"
                                                                             : "?";
        CHECK(c.kind == want);
        ++n;
    }
    CHECK(n >= 30);
}

TEST_CASE("validate_data_file: a scheme's rule ids are checked against the pack it names") {
    danchu_test::temp_dir tmp("data-file-scheme");
    auto scheme = read("scoring/default-vn.decree-04-2015.json");
    scheme.erase("$schema");
    const auto ok = danchu::validate_data_file(write(tmp.path, "ok.json", scheme.dump()), context());
    CHECK(ok.kind == "scoring_scheme");
    CHECK(has(ok.summary, "every rule it names is in pack vn.decree-04-2015"));
    scheme["criteria"][0]["items"][0]["rule"] = "D04-ART5-CONF-ANUAL";
    const std::string bad = write(tmp.path, "bad.json", scheme.dump());
    const auto m = error_of<danchu::error>([&] { (void)danchu::validate_data_file(bad, context()); });
    CHECK(has(m, "/criteria/0/items/0/rule"));
    CHECK(has(m, "unknown rule \"D04-ART5-CONF-ANUAL\""));
    scheme["pack"] = "vn.decree-04-2016";
    const std::string nopack = write(tmp.path, "nopack.json", scheme.dump());
    const auto m2 = error_of<danchu::error>([&] { (void)danchu::validate_data_file(nopack, context()); });
    CHECK(has(m2, "nopack.json:/pack"));
    CHECK(has(m2, "did you mean \"vn.decree-04-2015\""));
}

TEST_CASE("validate_data_file: an obligations file's pack must exist") {
    danchu_test::temp_dir tmp("data-file-obligations");
    auto obs = read("obligations/vn.law-10-2022.json");
    CHECK(danchu::validate_data_file(write(tmp.path, "o.json", obs.dump()), context()).summary ==
          "4 obligations of pack vn.law-10-2022");
    obs["regime"] = "vn.law-10-2021";
    const std::string bad = write(tmp.path, "bad.json", obs.dump());
    const auto m = error_of<danchu::error>([&] { (void)danchu::validate_data_file(bad, context()); });
    CHECK(has(m, "bad.json:/regime"));
    CHECK(has(m, "\"vn.law-10-2021\" is not a pack"));
}

TEST_CASE("validate_data_file: tables, schedules and conventions are loaded strictly") {
    danchu_test::temp_dir tmp("data-file-strict");
    for (const char* rel : {"schedules/2024.json", "regimes/decree-09-2019.json", "events/years.json",
                            "events/publicity-items.json"}) {
        auto doc = read(rel);
        doc["surplus"] = 1;
        const std::string f = write(tmp.path, "x.json", doc.dump());
        INFO(rel);
        CHECK(
            has(error_of<danchu::error>([&] { (void)danchu::validate_data_file(f, context()); }), "surplus"));
    }
}

TEST_CASE("validate_data_file: evidence, events and organisations") {
    danchu_test::temp_dir tmp("data-file-units");
    const std::string ev = write(
        tmp.path, "ev.json",
        R"({"period": "2024", "units": {"SNV": {"conference.held_on": "2024-03-20", "conference.summoned": 77}}})");
    const auto c = danchu::validate_data_file(ev, context());
    CHECK(c.kind == "evidence");
    // without an organisation, the units are the file's and bounds such as
    // "at most unit.staff" are not checked
    CHECK(c.summary ==
          "evidence for 2024 of 1 units (1 with facts) (units not checked: give an organisation)");
    const std::string badev =
        write(tmp.path, "badev.json", R"({"units": {"SNV": {"conference.held_onn": "2024-03-20"}}})");
    CHECK(has(error_of<danchu::error>([&] { (void)danchu::validate_data_file(badev, context()); }),
              "unknown fact \"conference.held_onn\""));

    const std::string events = write(tmp.path, "events.json", R"({"events": [
        {"unit": "SNV", "kind": "item_publicised", "date": "2025-01-06", "item": "l10-art46-2",
         "subject": "Kế hoạch", "form": "internal_system", "decided_on": "2025-01-02"}]})");
    CHECK(danchu::validate_data_file(events, context()).kind == "events");
    const std::string badevents =
        write(tmp.path, "badevents.json",
              R"({"events": [{"unit": "SNV", "kind": "party", "date": "2025-03-20"}]})");
    CHECK(has(error_of<danchu::error>([&] { (void)danchu::validate_data_file(badevents, context()); }),
              "unknown event kind \"party\""));

    const std::string org = write(tmp.path, "org.json",
                                  R"({"units": [{"id": "P", "name": "Tỉnh", "kind": "province", "staff": 10},
                      {"id": "OTHER", "name": "Sở", "kind": "department", "parent": "P", "staff": 5}]})");
    CHECK(danchu::validate_data_file(org, context()).summary == "organisation of 2 units");
    // With an organisation, the units of evidence must be in it.
    const danchu::organisation o = danchu::load_organisation(org);
    auto ctx = context();
    ctx.org = &o;
    CHECK(has(error_of<danchu::error>([&] { (void)danchu::validate_data_file(ev, ctx); }),
              "unit \"SNV\" is not in the organisation"));
}

TEST_CASE("validate_data_file: a file of no known kind is named as such") {
    danchu_test::temp_dir tmp("data-file-unknown");
    const std::string f = write(tmp.path, "x.json", R"({"hello": 1})");
    const auto m = error_of<danchu::error>([&] { (void)danchu::validate_data_file(f, context()); });
    CHECK(has(m, "not a danchu data file"));
    CHECK(has(m, "scoring_scheme"));
}

TEST_CASE("validate_data_file: schedule records are not read as events") {
    danchu_test::temp_dir tmp("data-file-records");
    const std::string f = write(tmp.path, "records.json", R"({"submissions": [
        {"unit": "SNV", "obligation": "annual-conference", "occurrence": "2024", "done_on": "2025-03-20"}],
        "events": [{"unit": "SNV", "event": "extraordinary_request", "id": "r1", "date": "2025-04-01"}]})");
    const auto c = danchu::validate_data_file(f, context());
    CHECK(c.kind == "records");
    CHECK(has(c.summary, "1 submissions, 1 triggering events"));
}
