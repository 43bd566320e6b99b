// The simdjson reader of evidence and events files (danchu::ingest, issue 14)
// against the reference reader of the header-only core: the same evidence,
// event logs, problems and error messages, on the sample province's files
// and on broken and unusual files.
#include "catch.hpp"
#include "shared_data.hpp"

#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/ingest/json.hpp>
#include <sample/province.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

namespace {

namespace fs = std::filesystem;
using danchu::ingest::read_path;

std::string text_of(const danchu::event_value& v) {
    std::string s = v.present ? "P" + std::to_string(v.number) + "|" + v.text + "[" : "-";
    for (const auto& i : v.items) s += text_of(i) + ",";
    return s + "]";
}

/// Everything the evidence holds, as text.
std::string fingerprint(const danchu::evidence& ev) {
    std::ostringstream o;
    o << "period " << ev.period() << '\n';
    const auto& dict = *ev.dictionary();
    for (std::size_t f = 0; f < dict.size(); ++f) {
        const auto& c = ev.column(f);
        o << dict[f].key << ':';
        for (std::size_t u = 0; u < c.present.size(); ++u) {
            if (!c.present[u]) continue;
            o << ' ' << u << '=';
            if (!c.numbers.empty()) o << c.numbers[u];
            if (!c.strings.empty()) o << c.strings[u];
            if (!c.event_begin.empty())
                for (auto d : c.events(u)) o << d << ';';
        }
        for (std::size_t u = 0; u < c.none.size(); ++u)
            if (c.none[u]) o << " none" << u;
        for (std::size_t u = 0; u < ev.unit_count(); ++u)
            if (const auto* p = ev.source(u, f))
                o << " src" << u << '(' << p->document << '|' << p->issuer << '|' << p->date << '|'
                  << p->read_from << '|' << p->entered_by << ')';
        o << '\n';
    }
    for (const auto& r : ev.overrides())
        o << "override " << r.unit_id << ' ' << r.rule_id << ' ' << danchu::to_string(r.replacement) << ' '
          << r.who << ' ' << r.date << ' ' << r.reason << ' ' << r.authority << '\n';
    return o.str();
}

/// Everything the event log holds, as text.
std::string fingerprint(const danchu::event_log& log) {
    std::ostringstream o;
    for (std::size_t e = 0; e < log.size(); ++e) {
        const auto& kd = (*log.kinds())[log.kind(e)];
        o << log.unit(e) << ' ' << kd.id << ' ' << log.date(e) << ' ' << log.id(e) << ' ' << log.note(e);
        for (std::size_t f = 0; f < kd.fields.size(); ++f) o << ' ' << text_of(log.value(e, f));
        const auto& s = log.source(e);
        o << " (" << s.document << '|' << s.issuer << '|' << s.file << '|' << s.sheet << '|' << s.row << '|'
          << s.entered_by << '|' << s.entered_on << ") " << log.origin(e).text() << '\n';
    }
    for (std::size_t j = 0; j < log.nones().size(); ++j) {
        const auto& n = log.nones()[j];
        o << "none " << log.none_units()[j] << ' ' << log.none_kinds()[j] << ' ' << n.from << ' ' << n.to
          << ' ' << n.note << ' ' << n.source.document << ' ' << log.none_origin(j).text() << '\n';
    }
    return o.str();
}

std::string problems_text(const std::vector<danchu::input_problem>& ps) {
    std::string s;
    for (const auto& p : ps)
        s += p.kind + "|" + p.source + "|" + p.location + "|" + p.subject + "|" + p.message + "\n";
    return s;
}
std::string issues_text(const std::vector<danchu::event_issue>& ps) {
    std::string s;
    for (const auto& p : ps)
        s += p.kind + "|" + p.file + "|" + p.location + "|" + p.subject + "|" + p.message + "\n";
    return s;
}

/// The outcome of one read: the error's message, or the fingerprint and problems.
template <class F> std::string outcome(F&& read) {
    try {
        return "ok\n" + read();
    } catch (const danchu::error& e) {
        return std::string("error ") + typeid(e).name() + ": " + e.what();
    }
}

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
    };
    for (std::size_t i = 0; i < fast_cases.size(); ++i)
        CHECK(compare_evidence(write_temp("ev-fast-" + std::to_string(i) + ".json", fast_cases[i])) ==
              read_path::fast);
    // Errors and the unusual: the reference reads them again (and the outcomes agree).
    std::string deep(3000, '[');
    deep += std::string(3000, ']');
    const std::vector<std::string> bad_cases = {
        doc(good + ", \"" + u + "\": {}"),                                              // a unit twice
        doc("\"" + u + "\": {\"complaints.resolved\": 1, \"complaints.resolved\": 2}"), // a fact twice
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
    danchu::json_evidence_reader() = nullptr;
    danchu::json_events_reader() = nullptr;
    const auto ref = danchu::load_events({(dir / "events.json").string()}, danchu_test::event_kinds(), org());
    CHECK(fingerprint(log) == fingerprint(ref));
}
