#include "catch.hpp"
#include "report_fixture.hpp"

#include <danchu/report/report.hpp>
#include <danchu/report/json.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <functional>
#include <fstream>
#include <sstream>
#include <string>

namespace r = danchu::report;
using danchu_test::example_report;
using nlohmann::json;

namespace {

const std::string example_path = std::string(DANCHU_TEST_SOURCE_DIR) + "/tests/render/example-report.json";

/// The parse_error message for `j` read as "report.json", or "" if it reads.
std::string read_error(const json& j) {
    try {
        (void)r::from_json(j, "report.json");
    } catch (const danchu::parse_error& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("a report round-trips through JSON", "[report][json]") {
    const auto d = example_report();
    const std::string text = r::to_json_text(d);
    const auto back = r::from_json_text(text, "report.json");
    CHECK(r::to_json_text(back) == text);
    // Nothing is lost: every renderer gives the same bytes for both.
    CHECK(r::to_html(back) == r::to_html(d));
    CHECK(r::to_markdown(back, "en") == r::to_markdown(d, "en"));
    CHECK(r::units_csv(back) == r::units_csv(d));
    CHECK(back.units[8].score == std::nullopt);
    CHECK(back.units[8].rank == std::nullopt);
    CHECK(back.changes[3].rank_after == std::nullopt);
    CHECK(back.schedule.overdue[0].source->confidence == "uncertain");
    REQUIRE(back.previous.has_value());
    CHECK(back.previous->pass_rate == Approx(7.0 / 12.0));

    SECTION("through the ADL hooks too") {
        const json j = d;
        CHECK(j.at("schema_version") == "1.1");
        CHECK(r::to_json_text(j.get<r::document>()) == text);
    }
    SECTION("empty optional fields are left out") {
        const json j = json::parse(text);
        CHECK_FALSE(j.at("units").at(8).contains("score"));
        CHECK_FALSE(j.at("units").at(8).contains("rank"));
        CHECK(j.at("units").at(0).at("score") == 92.5);
        CHECK_FALSE(j.at("header").at("legal_basis").at(0).contains("article"));
    }
}

TEST_CASE("1.1 adds how units without evidence were counted; 1.0 documents are still read",
          "[report][json][regression]") {
    auto d = example_report();
    d.current.no_evidence_policy = "missing_report";
    d.current.no_evidence_units = {"tp-ttvh"};
    const json j = json::parse(r::to_json_text(d));
    CHECK(j.at("current").at("no_evidence") ==
          json::parse(R"({"policy": "missing_report", "units": ["tp-ttvh"]})"));
    CHECK(r::from_json_text(j.dump()).current.no_evidence_units == std::vector<std::string>{"tp-ttvh"});
    json old = j;
    old["schema_version"] = "1.0";
    old["current"].erase("no_evidence");
    CHECK(r::from_json_text(old.dump()).current.no_evidence_policy.empty());
    json bad = j;
    bad["current"]["no_evidence"]["policy"] = "ignore";
    CHECK_THROWS_WITH(r::from_json_text(bad.dump(), "r.json"),
                      danchu_test::contains("/current/no_evidence/policy"));
}

TEST_CASE("tests/render/example-report.json is the C++ fixture", "[report][json]") {
    const std::string text = r::to_json_text(example_report()) + "\n";
    if (const char* update = std::getenv("DANCHU_UPDATE_FIXTURES"); update && *update == '1') {
        std::ofstream(example_path, std::ios::binary) << text;
    }
    std::ifstream in(example_path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream file;
    file << in.rdbuf();
    CHECK(file.str() == text);
    CHECK(r::to_json_text(r::load_json(example_path)) + "\n" == text);
}

TEST_CASE("reading JSON is strict and says where the problem is", "[report][json]") {
    const json good = example_report();
    json j = good;
    SECTION("a missing schema version") {
        j.erase("schema_version");
        CHECK(read_error(j) == "[danchu.parse] report.json:/: missing required key \"schema_version\"");
    }
    SECTION("another major schema version") {
        j["schema_version"] = "2.0";
        CHECK(read_error(j) == "[danchu.parse] report.json:/schema_version: schema version "
                               "\"2.0\" is not supported: expected 1.x");
        j["schema_version"] = "1.3";
        CHECK(read_error(j).empty());
    }
    SECTION("an unknown field is refused, not dropped") {
        j["header"]["provinc"] = "Bắc Giang";
        CHECK(read_error(j).rfind(
                  "[danchu.parse] report.json:/header/provinc: unknown key "
                  "\"provinc\"; did you mean \"province\"?: expected one of province, reporting_body",
                  0) == 0);
    }
    SECTION("a key with / or ~ is escaped in the pointer (RFC 6901)") {
        j["header"]["a/b~c"] = 1;
        CHECK(read_error(j).rfind("[danchu.parse] report.json:/header/a~1b~0c: unknown key", 0) == 0);
    }
    SECTION("a value of the wrong type") {
        j["units"][3]["score"] = "88";
        CHECK(read_error(j) == "[danchu.parse] report.json:/units/3/score: expected a number, found string");
        j = good;
        j["current"]["band_counts"][2] = -1;
        CHECK(read_error(j) == "[danchu.parse] report.json:/current/band_counts/2: expected a "
                               "whole number >= 0, found -1");
        j = good;
        j["header"]["province"] = "Bắc Giang";
        CHECK(read_error(j) ==
              "[danchu.parse] report.json:/header/province: expected an object, found string");
        j = good;
        j["units"] = json::object();
        CHECK(read_error(j) == "[danchu.parse] report.json:/units: expected an array, found object");
    }
    SECTION("a document that reads but is not valid") {
        j["units"][0]["band"] = "xuat_sac";
        CHECK(read_error(j).rfind("[danchu.parse] report.json:/units/0/band: unknown band "
                                  "\"xuat_sac\"",
                                  0) == 0);
        j = good;
        j["header"]["generated_on"] = "18/06/2018";
        CHECK(read_error(j).rfind("[danchu.parse] report.json:/header/generated_on: "
                                  "\"18/06/2018\" is not a date",
                                  0) == 0);
    }
    SECTION("not an object, not JSON, no file") {
        CHECK(read_error(json::array()) == "[danchu.parse] report.json:/: expected an object, found array");
        CHECK_THROWS_AS(r::from_json_text("{\"schema_version\": ", "x.json"), danchu::parse_error);
        try {
            (void)r::from_json_text("{,}", "x.json");
        } catch (const danchu::parse_error& e) {
            CHECK(e.file() == "x.json");
            CHECK(std::string(e.what()).find("not valid JSON") != std::string::npos);
        }
        CHECK_THROWS_AS(r::load_json("/nonexistent/report.json"), danchu::parse_error);
    }
}

TEST_CASE("text that is not UTF-8 is refused when writing JSON", "[report][json]") {
    auto d = example_report();
    d.units[0].name = "S\xF4 N\xF4i v\xFA"; // Latin-1, not UTF-8
    CHECK_THROWS_AS(r::to_json_text(d), danchu::argument_error);
}

TEST_CASE("write_json_text streams the same bytes as to_json_text", "[report][json]") {
    auto full = example_report();
    std::ostringstream a;
    r::write_json_text(a, full);
    CHECK(a.str() == r::to_json_text(full));
    CHECK(a.str().find("\"units\": [\n    {\n      \"id\"") != std::string::npos);
    std::ostringstream b;
    r::write_json_text(b, full, 4);
    CHECK(b.str() == r::to_json_text(full, 4));
    // Empty lists and no previous period: "[]" in place, the member left out.
    auto bare = example_report();
    bare.units.clear();
    bare.changes.clear();
    bare.problems.clear();
    bare.previous.reset();
    std::ostringstream c;
    r::write_json_text(c, bare);
    CHECK(c.str() == r::to_json_text(bare));
    CHECK(c.str().find("\"units\": []") != std::string::npos);
    CHECK_THROWS_AS(r::write_json_text(c, bare, 0), danchu::argument_error);
    full.units[0].name = "S\xF4 N\xF4i v\xFA"; // Latin-1, not UTF-8
    std::ostringstream d;
    CHECK_THROWS_AS(r::write_json_text(d, full), danchu::argument_error);
}

TEST_CASE("the JSON Schema describes every field the writer emits", "[report][json]") {
    std::ifstream in(std::string(DANCHU_TEST_SOURCE_DIR) + "/data/schemas/report.schema.json");
    REQUIRE(in);
    const json schema = json::parse(in);
    CHECK(schema.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
    CHECK(schema.at("properties").at("schema_version").at("pattern") == "^1\\.[0-9]+$");
    // Every key the writer emits appears in the schema (names checked recursively
    // by walking the fixture and following properties, items and local $refs).
    const json doc = json::parse(r::to_json_text(example_report()));
    std::function<void(const json&, const json&, const std::string&)> walk =
        [&](const json& value, const json& node, const std::string& where) {
            const json* s = &node;
            while (s->contains("$ref")) {
                const std::string ref = s->at("$ref");
                if (ref.rfind("#/$defs/", 0) != 0) return; // common.schema.json: checked in Python
                s = &schema.at("$defs").at(ref.substr(8));
            }
            if (value.is_object()) {
                REQUIRE(s->contains("properties"));
                CHECK(s->value("additionalProperties", true) == false);
                for (auto it = value.begin(); it != value.end(); ++it) {
                    INFO(where + "/" + it.key());
                    REQUIRE(s->at("properties").contains(it.key()));
                    walk(it.value(), s->at("properties").at(it.key()), where + "/" + it.key());
                }
            } else if (value.is_array() && s->contains("items")) {
                for (std::size_t i = 0; i < value.size(); ++i)
                    walk(value[i], s->at("items"), where + "/" + std::to_string(i));
            }
        };
    walk(doc, schema, "");
}
