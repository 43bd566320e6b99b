// The I/O toolkit: the one strict JSON object reader (unknown keys with file,
// pointer and did-you-mean; the "$comment" convention), used by the calendar
// loaders too; the one CSV writer (RFC 4180, BOM, formula-injection guard on
// text cells only) used by every CSV output, and its reader.
#include "catch.hpp"
#include "report_fixture.hpp"
#include "shared_data.hpp"

#include <danchu/calendar/holiday.hpp>
#include <danchu/calendar/period.hpp>
#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/io/detail/csv_writer.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/report/csv.hpp>
#include <danchu/evidence/fact.hpp>
#include <danchu/rules/findings_io.hpp>
#include <danchu/rules/pack.hpp>
#include <danchu/rules/template.hpp>
#include <danchu/scoring/io.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <memory>
#include <string>

using danchu_test::error_of;
using danchu_test::has;
using nlohmann::json;

namespace {

std::string write_file(const danchu_test::temp_dir& dir, const std::string& name, const json& j) {
    const auto path = (dir.path / name).string();
    std::ofstream(path) << j.dump(1);
    return path;
}

const json good_entry = danchu_test::holiday_entry();

json good_regime() {
    return json{{"id", "r"},
                {"name", {{"vi", "Thử"}, {"en", "Test"}}},
                {"window", {{"type", "cutoff"}, {"cutoff_day", 14}}},
                {"periods", {"half"}},
                {"source", {{"document", "test"}}},
                {"confidence", "uncertain"}};
}

} // namespace

TEST_CASE("the strict JSON reader: unknown keys, did-you-mean, wrong types, comments", "[io]") {
    namespace d = danchu::detail;
    const std::string file = "f.json";
    auto check = [&](const json& j) {
        return error_of<danchu::parse_error>([&] { d::expect_object(j, file, "/a~b", {"name", "staff"}); });
    };
    CHECK(check(json{{"name", "x"}}).empty());
    CHECK(check(json{{"nmae", "x"}}) == "[danchu.parse] f.json:/a~b/nmae: unknown key \"nmae\"; did you mean "
                                        "\"name\"?: expected one of name, staff");
    CHECK(check(json{{"colour", 1}}) ==
          "[danchu.parse] f.json:/a~b/colour: unknown key \"colour\": expected one of name, staff");
    CHECK(check(json{{"a/b", 1}}).find("f.json:/a~b/a~1b: unknown key") != std::string::npos);
    CHECK(check(json::array()) == "[danchu.parse] f.json:/a~b: expected an object, found array");
    // The documentation convention: "$comment" (a string) anywhere.
    CHECK(check(json{{"name", "x"}, {"$comment", "why this unit is listed"}}).empty());
    CHECK(has(check(json{{"$comment", 3}}),
              "f.json:/a~b/$comment: expected a string (a comment), found number"));
    CHECK(has(error_of<danchu::parse_error>([&] {
                  d::require_string(json{{"name", 5}}, "name", file, "");
              }),
              "f.json:/name: expected a non-empty string, found number"));
}

TEST_CASE("a misspelt key in a calendar schedule file is an error naming file and pointer",
          "[io][calendar]") {
    // Regression: the schedule, era and regime loaders ignored keys they did not know.
    const danchu_test::temp_dir dir("io-calendar");
    json doc = {{"year", 2030}, {"entries", json::array({good_entry})}};
    doc["entries"][0]["confidnce"] = "verified";
    const std::string path = write_file(dir, "2030.json", doc);
    const std::string m = error_of<danchu::parse_error>([&] {
        danchu::holiday_data h;
        h.add_file(path);
    });
    CHECK(has(m, path + ":/entries/0/confidnce: unknown key \"confidnce\"; did you mean \"confidence\"?"));

    auto err = [](const json& j) {
        return error_of<danchu::parse_error>([&] {
            danchu::holiday_data h;
            h.add_json(j, "s.json");
        });
    };
    json top = {{"year", 2030}, {"entries", json::array({good_entry})}, {"notes", "x"}};
    CHECK(has(err(top), "s.json:/notes: unknown key \"notes\"; did you mean \"note\"?"));
    json src = {{"year", 2030}, {"entries", json::array({good_entry})}};
    src["entries"][0]["source"]["artcle"] = "Art. 112";
    CHECK(has(err(src), "s.json:/entries/0/source/artcle: unknown key"));
    json name = {{"year", 2030}, {"entries", json::array({good_entry})}};
    name["entries"][0]["name"]["fr"] = "Jour de l'an";
    CHECK(has(err(name), "s.json:/entries/0/name/fr: unknown key \"fr\""));
    CHECK(has(err(name), "expected one of vi, en"));
    // What the schema documents is accepted: description, note, "$schema", "$comment".
    json documented = {{"$schema", "../schemas/schedule.schema.json"},
                       {"$comment", "checked against the official notice"},
                       {"year", 2030},
                       {"description", {{"vi", "Lịch"}, {"en", "Schedule"}}},
                       {"note", "x"},
                       {"entries", json::array({good_entry})}};
    CHECK(err(documented).empty());
    json eras = {{"eras", json::array({{{"id", "e"},
                                        {"name", {{"vi", "A"}, {"en", "A"}}},
                                        {"from_year", 2000},
                                        {"to_year", 2010},
                                        {"source", {{"document", "d"}}},
                                        {"confidence", "verified"},
                                        {"holidays", json::array()},
                                        {"compensation", {{"enabled", true}, {"enabeld", false}}}}})}};
    CHECK(has(err(eras),
              "s.json:/eras/0/compensation/enabeld: unknown key \"enabeld\"; did you mean \"enabled\"?"));
}

TEST_CASE("a misspelt key in a reporting regime is an error naming file and pointer", "[io][period]") {
    auto err = [](const json& j) {
        return error_of<danchu::parse_error>([&] {
            danchu::convention_set s;
            s.add_json(j, "r.json");
        });
    };
    CHECK(err(good_regime()).empty());
    json r = good_regime();
    r["window"]["cutof_day"] = 15;
    CHECK(has(err(r), "r.json:/window/cutof_day: unknown key \"cutof_day\"; did you mean \"cutoff_day\"?"));
    r = good_regime();
    r["deadline"] = {{"type", "days_after_cutoff"},
                     {"n", 5},
                     {"policy", "keep"},
                     {"source", {{"document", "t"}}},
                     {"confidence", "uncertain"}};
    CHECK(has(err(r), "r.json:/deadline/policy: unknown key \"policy\""));
    r = good_regime();
    r["window"]["source"] = {{"document", "Decree 09/2019"}, {"article", "12"}};
    CHECK(err(r).empty());
    // The bundled calendar data all load under the strict reader.
    CHECK_NOTHROW(danchu::convention_set::load_directory(danchu_test::data_dir + "/regimes"));
    // (load_directory converts the schedule files lazily; load_all converts them all)
    CHECK_NOTHROW(danchu::holiday_data::load_directory(danchu_test::data_dir + "/schedules").load_all());
}

TEST_CASE("the CSV writer: RFC 4180 quoting, BOM, line ends, the guard on text cells only", "[io][csv]") {
    namespace d = danchu::detail;
    CHECK(d::csv_text("plain") == "plain");
    CHECK(d::csv_text("a,b") == "\"a,b\"");
    CHECK(d::csv_text("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(d::csv_text("two\rlines") == "\"two\rlines\"");
    for (const char* bad : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx"})
        CHECK(d::csv_text(bad) == std::string("'") + bad);
    CHECK(d::csv_text("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK(d::csv_text("\rx") == "\"'\rx\"");
    d::csv_writer w; // the default: BOM, CRLF, comma (issue 13)
    w.header("a", "b").text("-x").value("-1.5").empty().end_row();
    CHECK(w.str() == "\xEF\xBB\xBF"
                     "a,b\r\n'-x,-1.5,\r\n");
    d::csv_writer lf(danchu::csv_options{',', false, false});
    lf.text("x").value("1").end_row();
    CHECK(lf.str() == "x,1\n");
    // ';' for Vietnamese regional settings: a field holding either separator is quoted.
    d::csv_writer semi(danchu::csv_options_for(";"));
    semi.text("a;b").text("c,d").value("1,5").text("@x").end_row();
    CHECK(semi.str() == "\xEF\xBB\xBF\"a;b\";\"c,d\";\"1,5\";'@x\r\n");
    const auto back = d::parse_csv(semi.str(), "s.csv");
    REQUIRE(back.size() == 1);
    CHECK(back[0].fields == std::vector<std::string>{"a;b", "c,d", "1,5", "@x"});
    CHECK_THROWS_AS(danchu::csv_options_for("\t"), danchu::argument_error);
}

TEST_CASE("the CSV reader reads back what the writer guarded", "[io][csv]") {
    namespace d = danchu::detail;
    d::csv_writer w;
    w.text("-unit").text("=HYPERLINK(\"a\",\"b\")").text("'kept").value("-2").end_row();
    const auto rows = d::parse_csv(w.str(), "w.csv");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].fields == std::vector<std::string>{"-unit", "=HYPERLINK(\"a\",\"b\")", "'kept", "-2"});
}

TEST_CASE("a unit name =HYPERLINK(...) is neutralised in every CSV output", "[io][csv]") {
    namespace r = danchu::report;
    const std::string evil = "=HYPERLINK(\"http://evil.example\",\"click\")";
    const std::string guarded = "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"";
    auto doc = danchu_test::example_report();
    doc.units[0].name = evil;
    REQUIRE_FALSE(doc.schedule.overdue.empty());
    REQUIRE_FALSE(doc.schedule.upcoming.empty());
    doc.schedule.overdue[0].unit_name = evil;
    doc.schedule.upcoming[0].unit_name = evil;
    for (const std::string& csv : {r::units_csv(doc), r::overdue_csv(doc, "en"), r::upcoming_csv(doc)}) {
        CHECK(csv.find(guarded) != std::string::npos);
        CHECK(csv.find("," + evil) == std::string::npos);
    }
    // Scores written by the library are numbers: written as they are.
    CHECK(r::units_csv(doc).find(",92.50,") != std::string::npos);

    // Findings: unit ids may start with "+" or "-" (is_valid_unit_id); the
    // credit and weight columns are numbers and stay as they are.
    danchu::rule_meta m;
    m.id = "R1";
    m.weight = 2;
    danchu::finding_table t({m}, {"+1-2", "ok"});
    t.set(0, 0, danchu::verdict::pass, 1.0);
    t.set(1, 0, danchu::verdict::fail, 0.5);
    const std::string f = danchu::finding_table_to_csv(t);
    CHECK(f == "\xEF\xBB\xBFunit,rule,verdict,credit,weight,severity,confidence\r\n"
               "'+1-2,R1,pass,1,2,medium,verified\r\n"
               "ok,R1,fail,0.5,2,medium,verified\r\n");
    // ... and the findings reader reads the id back without the guard.
    const auto back = danchu::findings_from_csv(f, "f.csv");
    CHECK(back.unit_ids() == std::vector<std::string>{"+1-2", "ok"});

    // The evidence template: the unit id cells are guarded; the reader reads them back.
    const auto dict = std::make_shared<const danchu::fact_dictionary>(
        danchu::load_default_fact_dictionary(danchu_test::data_dir));
    const danchu::evaluation_plan plan(danchu::pack_library(danchu_test::data_dir).load_set("vn.law-10-2022"),
                                       dict);
    const std::string tpl = danchu::evidence_template_csv(plan, {"+x"});
    CHECK(tpl.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(tpl.find("\r\n'+x,") != std::string::npos);
    CHECK(tpl.find("\n+x,") == std::string::npos);
    CHECK(danchu::detail::parse_csv(tpl, "t.csv").at(1).fields.at(0) == "+x");
}
