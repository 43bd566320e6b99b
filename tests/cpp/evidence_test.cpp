// Evidence and organisations: JSON and CSV loaders, typed checks, provenance.
#include "catch.hpp"
#include "shared_data.hpp"

#include <danchu/evidence/io.hpp>
#include <danchu/organisation/io.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <sstream>
#include <vector>
#include <string>

using danchu_test::contains;
using nlohmann::json;

namespace {

using danchu_test::data_dir;

using danchu_test::dictionary;

danchu::organisation org() {
    return danchu::organisation_from_csv("id,name,kind,parent,staff,role\n"
                                         "UBND,UBND tỉnh,province,,0,\n"
                                         "SNV,\"Sở Nội vụ, tỉnh\",department,UBND,64,home_affairs\n"
                                         "SCT,Sở Công Thương,department,UBND,50,\n",
                                         "units.csv");
}

danchu::evidence from_json(const std::string& text) {
    const auto o = org();
    return danchu::evidence_from_json(json::parse(text), "ev.json", dictionary(), o);
}

std::string json_error(const std::string& text) {
    try {
        from_json(text);
    } catch (const danchu::error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("organisations load from CSV and JSON", "[evidence]") {
    const auto o = org();
    REQUIRE(o.size() == 3);
    CHECK(o[1].name == "Sở Nội vụ, tỉnh");
    CHECK(o[1].labels.at("role") == "home_affairs");
    CHECK(o[0].labels.empty());
    CHECK(o.parent(1) == 0);
    const auto j = danchu::organisation_from_json(danchu::organisation_to_json(o), "round-trip");
    CHECK(j[2].staff == 50);

    CHECK_THROWS_WITH(danchu::organisation_from_csv("id,kind\nA,department\n", "u.csv"),
                      contains("u.csv:line 1: missing required column \"staff\""));
    CHECK_THROWS_WITH(danchu::organisation_from_csv("id,kind,staff\nA,ministry,3\n", "u.csv"),
                      contains("u.csv:line 2, column kind"));
    CHECK_THROWS_WITH(danchu::organisation_from_csv("id,kind,staff\nA,department,-3\n", "u.csv"),
                      contains("whole number >= 0"));
    CHECK_THROWS_WITH(danchu::organisation_from_json(
                          json::parse(R"({"units": [{"id": "A", "kind": "school"}]})"), "u.json"),
                      contains("u.json:/units/0: missing required key \"staff\""));
}

TEST_CASE("JSON evidence is typed, columnar and keeps provenance", "[evidence]") {
    const auto ev = from_json(R"({"period": "2018", "units": {
        "SNV": {"conference.held_on": "2018-01-12",
                "conference.summoned": 64,
                "conference.attendance": {"value": 50, "source": {"document": "02/BB", "issuer": "SNV", "date": "2018-01-12"}},
                "briefings.held_on": ["2018-03-01", "2018-01-05"],
                "conference.type": "full",
                "bttnd.exists": null}}})");
    const auto& d = *dictionary();
    CHECK(ev.period() == "2018");
    CHECK(ev.has(1, d.find("conference.held_on")));
    CHECK_FALSE(ev.has(2, d.find("conference.held_on")));
    CHECK_FALSE(ev.has(1, d.find("bttnd.exists"))); // null = not supplied
    CHECK(ev.value_json(1, d.find("briefings.held_on")) == json({"2018-01-05", "2018-03-01"}));
    CHECK(ev.value_json(1, d.find("unit.staff")) == 64);
    CHECK(ev.value_json(1, d.find("unit.label.role")) == "home_affairs");
    CHECK_FALSE(ev.has(2, d.find("unit.label.role")));
    const auto* src = ev.source(1, d.find("conference.attendance"));
    REQUIRE(src != nullptr);
    CHECK(src->document == "02/BB");
}

TEST_CASE("bad evidence names the place, unit, fact and expected type", "[evidence]") {
    CHECK_THAT(json_error(R"({"units": {"SNV": {"conference.atendance": 3}}})"),
               contains("ev.json:/units/SNV/conference.atendance: unknown fact \"conference.atendance\""));
    CHECK_THAT(json_error(R"({"units": {"XYZ": {}}})"), contains("unit \"XYZ\" is not in the organisation"));
    CHECK_THAT(
        json_error(R"({"units": {"SNV": {"conference.attendance": "many"}}})"),
        contains(
            "unit \"SNV\", fact \"conference.attendance\": a string does not fit the fact's type integer"));
    CHECK_THAT(json_error(R"({"units": {"SNV": {"conference.attendance": -1}}})"), contains("is impossible"));
    CHECK_THAT(json_error(R"({"units": {"SNV": {"conference.attendance": 2.5}}})"), contains("fractional"));
    CHECK_THAT(json_error(R"({"units": {"SNV": {"conference.held_on": "2018-02-30"}}})"),
               contains("expected an existing date YYYY-MM-DD"));
    CHECK_THAT(json_error(R"({"units": {"SNV": {"conference.type": "half"}}})"),
               contains("one of \"full\" \"delegate\""));
    CHECK_THAT(json_error(R"({"units": {"SNV": {"conference.summoned": 90}}})"),
               contains("must be at most \"unit.staff\" (64)"));
    CHECK_THAT(json_error(R"({"units": {"SNV": {"conference.summoned": 60, "conference.attendance": 61}}})"),
               contains("fact \"conference.attendance\": value 61 is impossible"));
    CHECK_THAT(json_error(R"({"units": {"SNV": {"unit.staff": 3}}})"),
               contains("comes from the organisation file"));
    CHECK_THAT(json_error(R"({"units": {}, "extra": 1})"), contains("ev.json:/extra: unknown key"));
    CHECK_THAT(json_error(R"({"units": {"SNV": {"conference.attendance": {"value": 3, "src": {}}}}})"),
               contains("/units/SNV/conference.attendance/src: unknown key"));
    CHECK_THAT(json_error(R"({"units": {}, "overrides": [{"unit": "SNV", "rule": "R", "verdict": "ok"}]})"),
               contains("/overrides/0/verdict"));
}

TEST_CASE("evidence streamed from a file equals evidence from the parsed document", "[evidence]") {
    const auto o = org();
    const auto& d = *dictionary();
    auto both = [&](const std::string& text) {
        std::string dom, streamed;
        try {
            const auto ev = danchu::evidence_from_json(json::parse(text), "ev.json", dictionary(), o);
            for (std::size_t u = 0; u < o.size(); ++u)
                for (std::size_t f = 0; f < d.size(); ++f)
                    if (ev.has(u, f)) dom += std::to_string(u) + d[f].key + ev.value_json(u, f).dump() + ";";
        } catch (const danchu::error& e) {
            dom = e.what();
        }
        try {
            std::istringstream in(text);
            const auto ev = danchu::evidence_from_json_stream(in, "ev.json", dictionary(), o);
            for (std::size_t u = 0; u < o.size(); ++u)
                for (std::size_t f = 0; f < d.size(); ++f)
                    if (ev.has(u, f))
                        streamed += std::to_string(u) + d[f].key + ev.value_json(u, f).dump() + ";";
        } catch (const danchu::error& e) {
            streamed = e.what();
        }
        CHECK(dom == streamed);
        return streamed;
    };
    CHECK_THAT(both(R"({"period": "2018", "units": {"SCT": {"conference.summoned": 40},
        "SNV": {"conference.held_on": "2018-01-12", "briefings.held_on": ["2018-03-01"]}}})"),
               contains("conference.held_on\"2018-01-12\""));
    for (const char* bad : {R"({"units": {"SNV": {"conference.atendance": 3}}})", R"({"units": {"XYZ": {}}})",
                            R"({"units": {"SNV": {"conference.attendance": "many"}}})",
                            R"({"units": {"SNV": {"conference.summoned": 90}}})", R"({"units": [1]})",
                            R"({"units": {"SNV": 5}})", R"({"units": {}, "extra": 1})", R"({"period": 3})"})
        CHECK_THAT(both(bad), contains("ev.json"));
    // A unit given twice is refused with the pointer of the second (issue 15,
    // item 6: nlohmann's document kept the last one silently).
    std::istringstream twice(
        R"({"units": {"SNV": {"conference.summoned": 40}, "SNV": {"conference.held_on": "2018-01-12"}}})");
    CHECK_THROWS_WITH(danchu::evidence_from_json_stream(twice, "ev.json", dictionary(), o),
                      contains("ev.json:/units/SNV: the key \"SNV\" appears twice"));
    CHECK_THROWS_WITH(
        danchu::evidence_from_json(
            danchu::detail::parse_json_text(
                R"({"units": {"SNV": {"conference.summoned": 40, "conference.summoned": 41}}})", "ev.json"),
            "ev.json", dictionary(), o),
        contains("ev.json:/units/SNV/conference.summoned: the key"));
    // Lenient: the unknown unit is listed, the rest is loaded.
    std::vector<danchu::input_problem> problems;
    std::istringstream lenient(R"({"units": {"XYZ": {}, "SNV": {"conference.summoned": 40}}})");
    const auto ev = danchu::evidence_from_json_stream(lenient, "ev.json", dictionary(), o, &problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].kind == "unknown_unit");
    CHECK(problems[0].location == "/units/XYZ");
    CHECK(ev.has(1, d.find("conference.summoned")));
}

TEST_CASE("wide and long CSV evidence load the same values", "[evidence]") {
    const auto o = org();
    const auto wide = danchu::evidence_from_csv(
        "unit,conference.held_on,conference.summoned,conference.attendance,conference.attendance#document,"
        "briefings.held_on,bttnd.exists\n"
        "SNV,2018-01-12,60,50,02/BB,2018-01-05;2018-02-05,có\n"
        "SCT,,,,,,false\n",
        "wide.csv", dictionary(), o, "2018");
    const auto longf = danchu::evidence_from_csv("unit,fact,value,document,issuer,date\n"
                                                 "SNV,conference.held_on,2018-01-12,,,\n"
                                                 "SNV,conference.summoned,60,,,\n"
                                                 "SNV,conference.attendance,50,02/BB,,\n"
                                                 "SNV,briefings.held_on,2018-01-05;2018-02-05,,,\n"
                                                 "SNV,bttnd.exists,true,,,\n"
                                                 "SCT,bttnd.exists,0,,,\n",
                                                 "long.csv", dictionary(), o, "2018");
    const auto& d = *dictionary();
    for (const char* k : {"conference.held_on", "conference.summoned", "conference.attendance",
                          "briefings.held_on", "bttnd.exists"})
        for (std::size_t u = 0; u < o.size(); ++u) {
            CAPTURE(k, u);
            CHECK(wide.value_json(u, d.find(k)) == longf.value_json(u, d.find(k)));
        }
    CHECK(wide.value_json(1, d.find("bttnd.exists")) == true);
    CHECK(wide.source(1, d.find("conference.attendance"))->document == "02/BB");
    CHECK(longf.source(1, d.find("conference.attendance"))->document == "02/BB");
}

TEST_CASE("bad CSV evidence names the file, line, unit and fact", "[evidence]") {
    const auto o = org();
    auto err = [&](const std::string& text) -> std::string {
        try {
            danchu::evidence_from_csv(text, "e.csv", dictionary(), o);
        } catch (const danchu::error& e) {
            return e.what();
        }
        return "no error";
    };
    CHECK_THAT(err("unit,conference.attendence\nSNV,3\n"),
               contains("e.csv:line 1, column \"conference.attendence\""));
    CHECK_THAT(err("unit,bttnd.exists\nSNV,maybe\n"),
               contains("e.csv:line 2, column \"bttnd.exists\": unit \"SNV\""));
    CHECK_THAT(err("unit,bttnd.exists\nSNV,true,1\n"), contains("e.csv:line 2: expected 2 fields, found 3"));
    CHECK_THAT(err("unit,fact,value,colour\n"), contains("unknown column \"colour\""));
    CHECK_THAT(err("unit,fact,value\nSNV,bttnd.exists,true\nSNV,bttnd.exists,false\n"),
               contains("is given twice"));
    CHECK_THAT(err("unit,bttnd.exists\n\"SNV,true\n"), contains("unterminated quoted field"));
    CHECK_THAT(err("unit,x#colour\n"), contains("expected a suffix #document"));
}

// Regression (issue 15, items 13 and 15): organisation errors named the unit but
// not its JSON pointer or CSV line, and any text was accepted as a unit id, so a
// CR LF in an id reached the iCalendar UID raw.
TEST_CASE("organisation errors name the pointer or line; ids are restricted",
          "[evidence][organisation][regression]") {
    auto from_json = [](const char* text) {
        return danchu::organisation_from_json(json::parse(text), "units.json");
    };
    CHECK_THROWS_WITH(from_json(R"({"units": [{"id": "A", "kind": "school", "staff": 1},
        {"id": "B", "kind": "school", "staff": 1, "parent": "Z"}]})"),
                      contains("units.json:/units/1: unit \"B\" has unknown parent \"Z\""));
    CHECK_THROWS_WITH(from_json(R"({"units": [{"id": "A", "kind": "school", "staff": 1, "parent": "A"}]})"),
                      contains("units.json:/units/0: unit \"A\" is its own parent"));
    CHECK_THROWS_WITH(from_json(R"({"units": [{"id": "A", "kind": "school", "staff": 1, "parent": "B"},
        {"id": "B", "kind": "school", "staff": 1, "parent": "A"}]})"),
                      contains("units.json:/units/0: the parents of unit \"A\" form a cycle"));
    CHECK_THROWS_WITH(from_json(R"({"units": [{"id": "A", "kind": "school", "staff": 1},
        {"id": "A", "kind": "school", "staff": 2}]})"),
                      contains("units.json:/units/1: unit id \"A\" appears twice (first at /units/0)"));
    CHECK_THROWS_WITH(danchu::organisation_from_csv("id,kind,staff\nA,school,1\nA,school,2\n", "units.csv"),
                      contains("units.csv:line 3: unit id \"A\" appears twice (first at line 2)"));
    for (const char* bad : {"x\r\nBEGIN:VEVENT", "a b", "=HYPERLINK(1)", "a/b", "\"q\"", "<script>"}) {
        json doc = {{"units", {{{"id", bad}, {"kind", "school"}, {"staff", 1}}}}};
        CHECK_THROWS_WITH(danchu::organisation_from_json(doc, "units.json"),
                          contains("units.json:/units/0: unit id") &&
                              contains("expected 1 to 128 ASCII letters, digits and . _ - : +"));
    }
    CHECK(danchu::is_valid_unit_id("so-noi-vu"));
    CHECK(danchu::is_valid_unit_id("UBND.BG:01+x_y"));
    CHECK_FALSE(danchu::is_valid_unit_id(std::string(129, 'a')));
    CHECK_FALSE(danchu::is_valid_unit_id(""));
}

// Regression (issue 15, item 11): CSV text that is not UTF-8 (a file saved in a
// legacy code page) was read as is and broke the outputs later, unnamed.
TEST_CASE("CSV that is not UTF-8 is refused naming the file and line", "[evidence][csv][regression]") {
    CHECK_THROWS_WITH(danchu::organisation_from_csv(
                          "id,kind,staff,name\nA,school,1,ok\nB,school,2,S\xf4 N\xf4i\n", "units.csv"),
                      contains("units.csv:line 3: the text is not UTF-8 (byte 46)"));
}

// An events fact keeps its sorted day numbers only; its condition-language
// lists are made by the interpreter's rows (evaluate_test.cpp).
TEST_CASE("events facts keep sorted day numbers and no condition-language lists", "[evidence][events]") {
    const auto& d = *dictionary();
    const std::size_t f = d.find("briefings.held_on");
    const auto ev = from_json(R"({"units": {
        "SNV": {"briefings.held_on": ["2018-03-01", "2018-01-05"]},
        "SCT": {"briefings.held_on": ["2018-01-05"]}}})");
    const auto& col = ev.column(f);
    CHECK(col.present == std::vector<std::uint8_t>{0, 1, 1});
    const auto snv = col.events(1);
    CHECK(std::vector<std::int32_t>(snv.begin(), snv.end()) ==
          std::vector<std::int32_t>{danchu::parse_iso_date("2018-01-05"),
                                    danchu::parse_iso_date("2018-03-01")});
    CHECK(col.events(2).size() == 1);
    CHECK(col.events(0).empty()); // not supplied
    CHECK(col.events(3).empty()); // past the end: empty, not a read out of range
    CHECK(col.values.empty());
    // Units given out of the organisation's order: the same lists.
    const auto back = from_json(R"({"units": {
        "SCT": {"briefings.held_on": ["2018-01-05"]},
        "SNV": {"briefings.held_on": ["2018-03-01", "2018-01-05"]}}})");
    for (std::size_t u = 0; u < 4; ++u) {
        const auto a = col.events(u), b = back.column(f).events(u);
        CHECK(std::vector<std::int32_t>(a.begin(), a.end()) == std::vector<std::int32_t>(b.begin(), b.end()));
    }
    CHECK(ev.value_json(1, f) == nlohmann::json::array({"2018-01-05", "2018-03-01"}));
}

// The batch setters check the unit indices and list ends they are given
// (a public function: a wrong index must not write outside the columns).
TEST_CASE("the batch setters refuse unit indices out of range and ends that go back",
          "[evidence][regression]") {
    const auto o = org();
    danchu::evidence_builder b(dictionary(), o);
    const auto& d = *dictionary();
    const std::uint32_t bad[] = {3};
    const double one[] = {1.0};
    CHECK_THROWS_WITH(b.set_numbers(d.find("conference.attendance"), bad, one, 1, "w"),
                      contains("set_numbers: unit index 3 is out of range (3 units)"));
    std::int32_t days[] = {1, 2, 3};
    const std::size_t ends_bad[] = {2, 1};
    const std::uint32_t two[] = {0, 1};
    CHECK_THROWS_WITH(b.set_event_days(d.find("briefings.held_on"), two, days, ends_bad, 2, "w"),
                      contains("ends[1] (1) is before the previous end (2)"));
    CHECK_THROWS_WITH(b.set_event_days(d.find("briefings.held_on"), bad, days, ends_bad, 1, "w"),
                      contains("set_event_days: unit index 3 is out of range"));
}
