// The simdjson reader of evidence and events files (danchu::ingest, issue 14)
// against the reference reader of the header-only core: the same evidence,
// event logs, problems and error messages, on the sample province's files
// and on broken and unusual files.
#include "../ingest_fingerprint.hpp"
#include "catch.hpp"
#include "shared_data.hpp"

#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/ingest/json.hpp>
#include <danchu/organisation/io.hpp>
#include <ingest/iso_date.hpp>
#include <sample/province.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using danchu::ingest::read_path;

using danchu_ingest_test::fingerprint;
using danchu_ingest_test::issues_text;
using danchu_ingest_test::org_text;
using danchu_ingest_test::outcome;
using danchu_ingest_test::problems_text;

const danchu::organisation& org() {
    static const danchu::organisation o = danchu::sample::bac_giang_2018(40, 11);
    return o;
}

/// The sample province of 40 units, written once per run.
const fs::path& province() {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / "danchu-ingest-test";
        fs::remove_all(d);
        const auto profiles = danchu::detail::read_json_file(std::string(DANCHU_TEST_SOURCE_DIR) +
                                                             "/data/sample/profiles.json");
        const std::string data = std::string(DANCHU_TEST_SOURCE_DIR) + "/data";
        danchu::sample::write_province(d.string(), profiles, danchu::sample::law_10_2022_from(data), 40, 11,
                                       {}, data);
        return d;
    }();
    return dir;
}

/// Reads an evidence file both ways, strict and lenient; the outcomes must agree.
read_path compare_evidence(const std::string& file) {
    const auto dict = danchu_test::dictionary();
    read_path path = read_path::fallback;
    for (const bool lenient : {false, true}) {
        const std::string ref = outcome([&] {
            std::vector<danchu::input_problem> ps;
            const auto ev =
                danchu::detail::load_evidence_json_reference(file, dict, org(), lenient ? &ps : nullptr);
            return fingerprint(ev) + problems_text(ps);
        });
        const std::string fast = outcome([&] {
            std::vector<danchu::input_problem> ps;
            const auto ev =
                danchu::ingest::load_evidence_json(file, dict, org(), lenient ? &ps : nullptr, &path);
            return fingerprint(ev) + problems_text(ps);
        });
        INFO(file << (lenient ? " (lenient)" : " (strict)"));
        CHECK(fast == ref);
    }
    return path;
}

/// Reads an events file both ways, strict and lenient; the outcomes must agree.
read_path compare_events(const std::string& file) {
    const auto kinds = danchu_test::event_kinds();
    read_path path = read_path::fallback;
    for (const bool lenient : {false, true}) {
        auto run = [&](bool fast) {
            return outcome([&] {
                danchu::event_log_builder b(kinds, org());
                std::vector<danchu::event_issue> issues;
                if (lenient) b.set_problem_sink(&issues);
                if (fast)
                    danchu::ingest::add_events_json(b, *kinds, file, lenient ? &issues : nullptr, &path);
                else
                    danchu::detail::add_events_json_reference(b, *kinds, file, lenient ? &issues : nullptr);
                const auto log = b.build();
                return fingerprint(log) + issues_text(issues);
            });
        };
        const std::string ref = run(false), fast = run(true);
        INFO(file << (lenient ? " (lenient)" : " (strict)"));
        CHECK(fast == ref);
    }
    return path;
}

std::string write_temp(const std::string& name, const std::string& text) {
    const fs::path p = fs::temp_directory_path() / ("danchu-ingest-" + name);
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
}

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

struct small_buffers { // every block and batch boundary crossed
    small_buffers() { danchu::ingest::set_buffer_sizes(97, 211); }
    ~small_buffers() { danchu::ingest::set_buffer_sizes(0, 0); }
};

} // namespace

TEST_CASE("fast JSON: the sample province's evidence and events read as the reference reads them",
          "[ingest]") {
    const fs::path& dir = province();
    std::size_t files = 0;
    for (const char* sub : {"evidence", "facts"})
        for (const auto& e : fs::directory_iterator(dir / sub)) {
            CHECK(compare_evidence(e.path().string()) == read_path::fast);
            ++files;
        }
    CHECK(files == 16);
    CHECK(compare_events((dir / "events.json").string()) == read_path::fast);
    {
        small_buffers tiny;
        CHECK(compare_evidence((dir / "evidence" / "2018-H1.json").string()) == read_path::fast);
        CHECK(compare_evidence((dir / "facts" / "2018-H1.json").string()) == read_path::fast);
        // the first half megabyte of events is enough to cross many boundaries
        const std::string events = read_all(dir / "events.json");
        const std::size_t cut = events.find("\n  },\n  {", 300000);
        REQUIRE(cut != std::string::npos);
        const std::string part = events.substr(0, cut) + "\n  }\n ]\n}\n";
        CHECK(compare_events(write_temp("events-part.json", part)) == read_path::fast);
    }
    // The sample's events file holds thousands of events, some with lists of objects.
    danchu::event_log_builder b(danchu_test::event_kinds(), org());
    danchu::ingest::add_events_json(b, *danchu_test::event_kinds(), (dir / "events.json").string());
    CHECK(b.build().size() > 10000);
}

TEST_CASE("fast JSON: unusual evidence files give the reference's evidence, problems and errors",
          "[ingest]") {
    const std::string u = org()[1].id, v = org()[2].id;
    auto doc = [&](const std::string& units, const std::string& extra = "") {
        return "{\"period\": \"2018-H1\"" + extra + ", \"units\": {" + units + "}}";
    };
    const std::string good =
        "\"" + u + "\": {\"conference.held_on\": \"2018-01-12\", \"complaints.resolved\": 3}";
    // Read by the fast path: ordinary files, escapes, provenance, nulls, comments, overrides.
    const std::vector<std::string> fast_cases = {
        doc(good),
        doc(good + ", \"" + v +
            "\": {\"conference.held_on\": {\"value\": \"2018-02-01\", \"source\": "
            "{\"document\": \"05/BB\", \"issuer\": \"S\\u1edf N\\u1ed9i v\\u1ee5\", \"date\": "
            "\"2018-02-01\"}}}"),
        doc("\"" + u + "\": {\"complaints.resolved\": null, \"conference.held_on\": {\"value\": null}}"),
        doc(good, ", \"$comment\": \"x\", \"$schema\": {\"a\": [1, {\"b\": 2}]}, \"help\": [1, 2]"),
        doc(good, ", \"overrides\": [{\"unit\": \"" + u +
                      "\", \"rule\": \"R\", \"verdict\": \"pass\", \"who\": \"A\", \"date\": \"2019-01-10\", "
                      "\"reason\": \"r\", \"authority\": \"a\"}]"),
        doc("\"" + u + "\": {\"complaints.resolved\": 1e2}"),
        doc("\"" + u + "\": {\"complaints.resolved\": -0}"),
        doc("\"" + u + "\": {\"conference.held_on\": \"12/01/2018\"}"),
        // units out of the organisation's order; events lists unsorted; dates the
        // table leaves to the reference (spaces around, years before 1900)
        doc("\"" + v + "\": {\"citizens.head_reception_days\": [\"2018-03-02\", \"2018-01-05\"]}, \"" + u +
            "\": {\"citizens.head_reception_days\": [], \"conference.held_on\": \" 2018-01-12 \"}"),
        doc("\"" + u +
            "\": {\"conference.held_on\": \"1850-03-01\", \"citizens.head_reception_days\": "
            "[\"1899-12-31\", \"2156-01-01\", \"2018-02-28\"]}"),
        // backslashes in strings: the scanner reads such blocks byte by byte
        doc(good + ", \"" + v +
            "\": {\"conference.held_on\": {\"value\": \"2018-02-01\", \"source\": {\"document\": "
            "\"05\\\\BB \\\"x\\\" [ { ] } \\\\\", \"issuer\": \"" +
            std::string(70, 'x') +
            "\\\\\"}}, "
            "\"conference.type\": \"full\", \"complaints.resolved\": 3}"),
    };
    for (std::size_t i = 0; i < fast_cases.size(); ++i)
        CHECK(compare_evidence(write_temp("ev-fast-" + std::to_string(i) + ".json", fast_cases[i])) ==
              read_path::fast);
    {
        small_buffers tiny; // batches parsed in place across block boundaries
        for (std::size_t i = 0; i < fast_cases.size(); ++i)
            CHECK(compare_evidence(write_temp("ev-fast-" + std::to_string(i) + ".json", fast_cases[i])) ==
                  read_path::fast);
    }
    // Errors and the unusual: the reference reads them again (and the outcomes agree).
    std::string deep(3000, '[');
    deep += std::string(3000, ']');
    const std::vector<std::string> bad_cases = {
        doc(good + ", \"" + u + "\": {}"),                                              // a unit twice
        doc("\"" + u + "\": {\"complaints.resolved\": 1, \"complaints.resolved\": 2}"), // a fact twice
        doc("\"" + u + "\": {\"complaints.resolved\": null, \"complaints.resolved\": 2}"),
        doc("\"" + u +
            "\": {\"citizens.head_reception_days\": [\"2018-01-05\"], "
            "\"citizens.head_reception_days\": []}"),
        doc("\"" + u + "\": {\"citizens.head_reception_days\": [\"2018-01-05\", \"2018-02-30\"]}"),
        doc("\"" + u + "\": {\"citizens.head_reception_days\": [\"2018-01-05\", 3]}"),
        doc("\"" + u + "\": {\"conference.held_on\": \"2018-1-05\"}"),
        doc("\"" + u + "\": {\"conference.type\": \"half\"}"),
        doc("\"" + u +
            "\": {\"conference.held_on\": {\"value\": \"2018-01-01\", \"value\": \"2018-01-02\"}}"),
        "{\"units\": {}, \"units\": {}}",
        doc(good, ", \"$schema\": {\"a\": 1, \"a\": 2}"),
        doc("\"" + u + "\": {\"complaints.resolved\": 1e999}"),
        doc("\"" + u + "\": {\"complaints.resolved\": 18446744073709551616}"),
        doc("\"" + u + "\": {\"complaints.resolved\": -0.0}"),
        doc("\"" + u + "\": {\"complaints.resolved\": 1.5}"),
        doc("\"" + u + "\": {\"complaints.resolved\": -1}"),
        doc("\"" + u + "\": {\"complaints.resolved\": \"3\"}"),
        doc("\"" + u + "\": {\"conference.held_on\": \"2018-02-30\"}"),
        doc("\"" + u + "\": {\"conference.held_on\": \"\xff\xfe\"}"), // invalid UTF-8
        doc("\"" + u + "\": {\"conference.held_on\": \"\\udc00\"}"),  // a lone surrogate
        doc("\"nobody\": {\"complaints.resolved\": 1}"),              // unknown unit
        doc("\"" + u + "\": {\"no.such.fact\": 1}"),
        doc("\"" + u + "\": {\"unit.staff\": 1}"),
        doc("\"" + u + "\": []"),
        doc("\"" + u + "\": {\"conference.held_on\": {\"source\": {}}}"),
        doc("\"" + u + "\": {\"conference.held_on\": {\"value\": \"2018-01-01\", \"extra\": 1}}"),
        doc("\"" + u +
            "\": {\"conference.held_on\": {\"value\": \"2018-01-01\", \"source\": {\"date\": \"x\"}}}"),
        doc(good, ", \"$comment\": 1"),
        doc(good, ", \"what\": 1"),
        doc(good, ", \"help\": " + deep), // deep nesting
        doc(good, ", \"overrides\": [{\"unit\": \"nobody\"}]"),
        doc(good, ", \"overrides\": {}"),
        "\xef\xbb\xbf" + doc(good), // byte order mark
        doc(good) + " x",
        doc(good).substr(0, 40),
        "{\"period\": \"2018-H1\", \"units\": []}",
        "{\"period\": 2018, \"units\": {}}",
        "{\"period\": \"2018-H1\"}",
        "[]",
        "",
        doc("\"" + u + "\": {\"complaints.resolved\": 1,}"),
        doc("\"" + u + "\": {\"complaints.resolved\": 1}, "),
    };
    for (std::size_t i = 0; i < bad_cases.size(); ++i)
        compare_evidence(write_temp("ev-bad-" + std::to_string(i) + ".json", bad_cases[i]));
    compare_evidence((fs::temp_directory_path() / "danchu-ingest-no-such-file.json").string());
    // A folder, and what is not a regular file (a pipe could not be read twice): the reference reads it.
    CHECK(compare_evidence(fs::temp_directory_path().string()) == read_path::fallback);
    CHECK(compare_evidence("/dev/null") == read_path::fallback);
    // A bad value in a large file: the error names the same file and pointer.
    small_buffers tiny;
    std::string big = read_all(province() / "evidence" / "2018-H1.json");
    const std::size_t at = big.rfind("\"2018-");
    REQUIRE(at != std::string::npos);
    big.replace(at + 1, 4, "2O18");
    CHECK(compare_evidence(write_temp("ev-big-bad.json", big)) == read_path::fallback);
}

TEST_CASE("fast JSON: unusual events files give the reference's log, issues and errors", "[ingest]") {
    const std::string u = org()[1].id;
    const std::string ev = "{\"unit\": \"" + u +
                           "\", \"kind\": \"conference_held\", \"date\": \"2018-03-20\", "
                           "\"session\": \"regular\", \"covers_year\": 2017, \"present\": 58";
    auto doc = [&](const std::string& events, const std::string& none = "", const std::string& extra = "") {
        return "{\"events\": [" + events + "]" + (none.empty() ? "" : ", \"none\": [" + none + "]") + extra +
               "}";
    };
    const std::string none = "{\"unit\": \"" + u +
                             "\", \"kind\": \"extraordinary_conference_requested\", "
                             "\"from\": \"2018-01-01\", \"to\": \"2018-06-30\"}";
    const std::vector<std::string> fast_cases = {
        doc(ev + "}"),
        doc(ev + ", \"id\": \"a\", \"note\": \"n\", \"source\": {\"document\": \"05/BB\", \"row\": 3, "
                 "\"entered_on\": \"2018-03-21\", \"$comment\": \"c\"}}"),
        doc(ev + ", \"votes_for\": null}", none),
        "{\"none\": [" + none + "], \"events\": [" + ev + "}]}",
        doc(ev + "}", "", ", \"$schema\": \"s\", \"$comment\": \"c\""),
        doc(ev + "}, " + ev + "}"), // the same event twice: the builder's check
        doc("{\"unit\": \"nobody\", \"kind\": \"training\", \"date\": \"2018-03-20\"}"),
        doc("{\"unit\": \"" + u + "\", \"kind\": \"training\", \"date\": \"1900-03-20\"}"),
        doc(""),
        "{}",
    };
    for (std::size_t i = 0; i < fast_cases.size(); ++i)
        CHECK(compare_events(write_temp("evt-fast-" + std::to_string(i) + ".json", fast_cases[i])) ==
              read_path::fast);
    std::string deep(3000, '[');
    deep += std::string(3000, ']');
    const std::vector<std::string> bad_cases = {
        doc(ev + ", \"present\": 3}"), // a key twice
        doc(ev + ", \"source\": {\"document\": \"a\", \"document\": \"b\"}}"),
        doc(ev + "}", "", ", \"events\": []"),
        doc(ev + ", \"present\": 1e999}"),
        doc(ev + ", \"votes_for\": 2.5}"),
        doc(ev + ", \"votes_for\": 2.0}"),
        doc(ev + ", \"votes_for\": -0.0}"),
        doc(ev + ", \"votes_for\": 18446744073709551615}"),
        doc(ev + ", \"session\": \"weekly\"}"),
        doc(ev + ", \"no_such_field\": 1}"),
        doc(ev + ", \"$comment\": \"c\"}"),
        doc(ev + ", \"note\": null}"),
        doc(ev + ", \"source\": {\"row\": 0}}"),
        doc(ev + ", \"source\": {\"row\": 9223372036854775808}}"),
        doc(ev + ", \"source\": {\"entered_on\": \"2018-13-01\"}}"),
        doc(ev + ", \"note\": \"\xc3\x28\"}"),
        doc(ev + ", \"note\": \"\\ud800\"}"),
        doc("{\"unit\": \"" + u + "\", \"kind\": \"no_such_kind\", \"date\": \"2018-03-20\"}"),
        doc("{\"unit\": \"\", \"kind\": \"training\", \"date\": \"2018-03-20\"}"),
        doc("{\"kind\": \"training\", \"date\": \"2018-03-20\"}"),
        doc("1"),
        doc(ev + "}", "{\"unit\": \"" + u +
                          "\", \"kind\": \"training\", \"from\": \"2018-06-01\", \"to\": \"2018-01-01\"}"),
        doc(ev + "}", "{\"unit\": \"" + u + "\"}"),
        doc(ev + "}", "", ", \"$schema\": " + deep),
        doc(ev + "}", "", ", \"other\": 1"),
        "{\"events\": {}}",
        "{\"events\": [" + ev + "}]",
        "\xef\xbb\xbf" + doc(ev + "}"),
        doc(ev + "},"),
        "",
    };
    for (std::size_t i = 0; i < bad_cases.size(); ++i)
        compare_events(write_temp("evt-bad-" + std::to_string(i) + ".json", bad_cases[i]));
    // In small batches the first records reach the builder (one of them a
    // problem: an unknown unit) before a bad record is met; the builder goes
    // back to where the file began and the reference reads it all again.
    small_buffers tiny;
    std::string many;
    for (int i = 0; i < 40; ++i) {
        const std::string day = std::to_string(10 + i % 18);
        many += (many.empty() ? "" : ", ") + std::string("{\"unit\": \"") + (i == 3 ? "nobody" : u) +
                "\", \"kind\": \"training\", \"date\": \"2018-0" + std::to_string(1 + i % 9) + "-" + day +
                "\", \"participants\": " + std::to_string(i) + "}";
    }
    CHECK(compare_events(write_temp("evt-many.json", doc(many, none))) == read_path::fast);
    const std::string late_bad =
        doc(many + ", {\"unit\": \"" + u + "\", \"kind\": \"training\", \"date\": \"2018-02-30\"}");
    CHECK(compare_events(write_temp("evt-many-bad.json", late_bad)) == read_path::fallback);
    const std::string late_syntax = doc(many, none + ", {\"unit\": 1,}");
    CHECK(compare_events(write_temp("evt-many-syntax.json", late_syntax)) == read_path::fallback);
}

TEST_CASE("fast JSON: the header-only loaders use the fast reader once enabled", "[ingest]") {
    const fs::path& dir = province();
    const auto dict = danchu_test::dictionary();
    const std::string file = (dir / "evidence" / "2017-H2.json").string();
    const auto before = fingerprint(danchu::load_evidence(file, dict, org()));
    danchu::ingest::enable_fast_json();
    CHECK(danchu::json_evidence_reader() != nullptr);
    CHECK(danchu::json_events_reader() != nullptr);
    CHECK(fingerprint(danchu::load_evidence(file, dict, org())) == before);
    const auto log = danchu::load_events({(dir / "events.json").string()}, danchu_test::event_kinds(), org());
    danchu::json_organisation_reader() = nullptr;
    danchu::json_evidence_reader() = nullptr;
    danchu::json_events_reader() = nullptr;
    const auto ref = danchu::load_events({(dir / "events.json").string()}, danchu_test::event_kinds(), org());
    CHECK(fingerprint(log) == fingerprint(ref));
}

TEST_CASE("fast JSON: ISO dates read by the table agree with the reference parser", "[ingest]") {
    using danchu::ingest::internal::fast_iso_day;
    std::int32_t d = -1;
    // Every day of 1850..2200: the table's years (1900..2155) read, the others left to the reference.
    for (std::int32_t day = danchu::days_from_civil(1850, 1, 1); day <= danchu::days_from_civil(2200, 12, 31);
         ++day) {
        const std::string s = danchu::to_iso(day);
        const int year = danchu::civil_from_days(day).year;
        const bool in_table = year >= 1900 && year <= 2155;
        d = -1;
        REQUIRE(fast_iso_day(s, d) == in_table);
        if (in_table) REQUIRE(d == day);
    }
    // Days the month lacks (Gregorian leap years: 2000 is one, 1900 and 2100 are not),
    // months and days 0, other widths, characters that are not digits, text around the date.
    for (const char* bad :
         {"2023-02-30",  "2023-02-29",  "1900-02-29", "2100-02-29", "2023-04-31", "2023-13-01",
          "2023-00-10",  "2023-01-00",  "2023-01-32", "2023-1-01",  "2023-01-1",  "2023-01-011",
          " 2023-01-01", "2023-01-01 ", "2023/01/01", "2023-01-0a", "2O23-01-01", "2023-0:-01",
          "2023-01-0/",  "20230-1-01",  "+023-01-01", "",           "12/01/2018"}) {
        d = -1;
        CHECK_FALSE(fast_iso_day(bad, d));
        CHECK(d == -1);
    }
    for (const char* good : {"2024-02-29", "2000-02-29", "1900-01-01", "2155-12-31", "2023-12-31"}) {
        REQUIRE(fast_iso_day(good, d));
        CHECK(d == *danchu::detail::parse_iso(good));
    }
    // Each character of a date replaced by every byte: the table says yes exactly when the
    // reference reads a date of the table's years, and then the same day.
    const std::string base = "2024-02-29";
    std::size_t accepted = 0;
    for (std::size_t i = 0; i < base.size(); ++i)
        for (int c = 0; c < 256; ++c) {
            std::string s = base;
            s[i] = static_cast<char>(c);
            const auto ref = danchu::detail::parse_iso(s);
            const bool in_table = ref && danchu::civil_from_days(*ref).year >= 1900 &&
                                  danchu::civil_from_days(*ref).year <= 2155;
            d = -1;
            INFO(s);
            REQUIRE(fast_iso_day(s, d) == in_table);
            if (in_table) {
                CHECK(d == *ref);
                ++accepted;
            }
        }
    // By position: 2024 itself, 2124; 2004/24/44/64/84; 2020/24/28; '-'; months 02 and 12;
    // months 1..9; '-'; days 09, 19, 29; days 20..29.
    CHECK(accepted == 1 + 2 + 5 + 3 + 1 + 2 + 9 + 1 + 3 + 10);
}

namespace {

/// Reads an organisation file both ways; the outcomes must agree.
read_path compare_organisation(const std::string& file) {
    read_path path = read_path::fallback;
    const std::string ref =
        outcome([&] { return org_text(danchu::detail::load_organisation_json_reference(file)); });
    const std::string fast =
        outcome([&] { return org_text(danchu::ingest::load_organisation_json(file, &path)); });
    INFO(file);
    CHECK(fast == ref);
    return path;
}

} // namespace

TEST_CASE("fast JSON: organisation files read as the reference reads them", "[ingest]") {
    CHECK(compare_organisation((province() / "organisation.json").string()) == read_path::fast);
    const std::string unit_a = R"({"id": "A", "kind": "department", "staff": 64, "name": "Sở \"A\"", )"
                               R"("labels": {"district": "X", "grouping": "false"}})";
    auto doc = [&](const std::string& more, const std::string& top = "") {
        return "{" + top + "\"units\": [" + unit_a + more + "]}";
    };
    const std::vector<std::string> fast_cases = {
        doc(""),
        doc(R"(, {"id": "B", "kind": "school", "staff": 0, "parent": "A", "$comment": "c"})",
            R"("$schema": {"x": [1]}, "$comment": "top", )"),
    };
    for (std::size_t i = 0; i < fast_cases.size(); ++i)
        CHECK(compare_organisation(write_temp("org-fast-" + std::to_string(i) + ".json", fast_cases[i])) ==
              read_path::fast);
    const std::vector<std::string> bad_cases = {
        doc(R"(, {"id": "B", "kind": "school", "staff": 1, "staff": 2})"), // a key twice
        doc(R"(, {"id": "B", "kind": "school", "staff": 1, "labels": {"a": "1", "a": "2"}})"),
        doc(R"(, {"id": "B", "kind": "school", "staff": 1, "colour": "red"})"), // unknown key
        doc(R"(, {"id": "B", "kind": "school", "staff": -1})"),
        doc(R"(, {"id": "B", "kind": "school", "staff": 1.5})"),
        doc(R"(, {"id": "B", "kind": "school", "staff": "3"})"),
        doc(R"(, {"id": "B", "kind": "schol", "staff": 3})"),
        doc(R"(, {"id": "", "kind": "school", "staff": 3})"),
        doc(R"(, {"id": "B C", "kind": "school", "staff": 3})"),              // an id the tree refuses
        doc(R"(, {"id": "A", "kind": "school", "staff": 3})"),                // an id twice
        doc(R"(, {"id": "B", "kind": "school", "staff": 3, "parent": "Z"})"), // an unknown parent
        doc(R"(, {"id": "B", "kind": "school", "staff": 3, "name": null})"),
        doc(R"(, {"id": "B", "kind": "school", "staff": 3, "labels": {"a": 1}})"),
        doc(R"(, {"kind": "school", "staff": 3})"),
        doc("", R"("$comment": 1, )"),
        doc("", R"("$schema": {"a": 1, "a": 2}, )"),
        R"({"units": {}})",
        R"({"unit": []})",
        "\xef\xbb\xbf" + doc(""), // a byte order mark
        doc("") + "x",
    };
    for (std::size_t i = 0; i < bad_cases.size(); ++i)
        CHECK(compare_organisation(write_temp("org-bad-" + std::to_string(i) + ".json", bad_cases[i])) ==
              read_path::fallback);
    CHECK(compare_organisation((fs::temp_directory_path() / "danchu-ingest-no-such-org.json").string()) ==
          read_path::fallback);
    CHECK(compare_organisation("/dev/null") == read_path::fallback);
    // Through the header-only loader once enabled.
    const std::string file = (province() / "organisation.json").string();
    danchu::ingest::enable_fast_json();
    CHECK(danchu::json_organisation_reader() != nullptr);
    const std::string fast = org_text(danchu::load_organisation(file));
    danchu::json_organisation_reader() = nullptr;
    danchu::json_evidence_reader() = nullptr;
    danchu::json_events_reader() = nullptr;
    CHECK(fast == org_text(danchu::load_organisation(file)));
}

TEST_CASE("evidence builder: a column's values set at once as one by one", "[ingest]") {
    // (set_numbers and set_event_days, which the simdjson reader uses)
    const auto dict = danchu_test::dictionary();
    const std::size_t resolved = dict->find("complaints.resolved"), held = dict->find("conference.held_on"),
                      days_fact = dict->find("citizens.head_reception_days");
    REQUIRE(resolved != danchu::fact_dictionary::npos);
    REQUIRE(held != danchu::fact_dictionary::npos);
    REQUIRE(days_fact != danchu::fact_dictionary::npos);
    const std::string where = "t.json";
    auto one_by_one = [&] {
        danchu::evidence_builder b(dict, org());
        for (std::size_t u : {3, 1, 7}) {
            danchu::detail::evidence_cell c;
            c.number = static_cast<double>(u);
            b.set_cell(u, resolved, std::move(c), where);
            danchu::detail::evidence_cell d;
            d.number = 17500 + static_cast<double>(u);
            b.set_cell(u, held, std::move(d), where);
            danchu::detail::evidence_cell e;
            e.dates = {17600, static_cast<std::int32_t>(17500 + u)};
            b.set_cell(u, days_fact, std::move(e), where);
        }
        return fingerprint(b.build());
    };
    auto at_once = [&] {
        danchu::evidence_builder b(dict, org());
        const std::uint32_t units[] = {3, 1, 7};
        const double numbers[] = {3, 1, 7}, dates[] = {17503, 17501, 17507};
        std::int32_t days[] = {17600, 17503, 17600, 17501, 17507, 17600}; // two lists unsorted
        const std::size_t ends[] = {2, 4, 6};
        b.set_numbers(resolved, units, numbers, 3, where);
        b.set_numbers(held, units, dates, 3, where);
        b.set_event_days(days_fact, units, days, ends, 3, where);
        return fingerprint(b.build());
    };
    CHECK(at_once() == one_by_one());
    // The checks of set_cell: a value given twice, a value out of range, the wrong kind of fact.
    danchu::evidence_builder b(dict, org());
    const std::uint32_t twice[] = {2, 2};
    const double numbers[] = {1, 2};
    CHECK_THROWS_AS(b.set_numbers(resolved, twice, numbers, 2, where), danchu::evidence_error);
    const std::uint32_t unit4[] = {4};
    const double negative[] = {-1};
    CHECK_THROWS_AS(b.set_numbers(resolved, unit4, negative, 1, where), danchu::evidence_error);
    std::int32_t one_day[] = {1};
    const std::size_t one_end[] = {1};
    CHECK_THROWS_AS(b.set_event_days(resolved, unit4, one_day, one_end, 1, where), danchu::argument_error);
    CHECK_THROWS_AS(b.set_numbers(days_fact, unit4, numbers, 1, where), danchu::argument_error);
    const std::uint32_t unit5_twice[] = {5, 5};
    std::int32_t two_days[] = {1, 2};
    const std::size_t two_ends[] = {1, 2};
    CHECK_THROWS_AS(b.set_event_days(days_fact, unit5_twice, two_days, two_ends, 2, where),
                    danchu::evidence_error);
}
