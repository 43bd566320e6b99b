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
        // The report document's configuration is read (and checked) by the office
        // library, not the header-only core: docx_test.cpp covers it.
        if (rel.rfind("templates/", 0) == 0) continue;
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

// Regression (issue 15, item 20, what the last stop left open): `validate` read
// every file as JSON, so the CSV forms the command line reads (organisation,
// evidence wide and long, events and declared nones, schedule records,
// findings) could not be validated; nor could findings, assessment and report
// JSON files. A CSV file is now told by its header, checked by its own loader,
// and its errors name the line and column.
TEST_CASE("validate_data_file: CSV files by their header, errors at line and column", "[regression]") {
    danchu_test::temp_dir tmp("data-file-csv");
    const auto ctx = context();
    auto kind_of = [&](const std::string& name, const std::string& text) {
        return danchu::validate_data_file(write(tmp.path, name, text), ctx);
    };
    auto error = [&](const std::string& name, const std::string& text, const danchu::data_file_context& c) {
        const std::string path = write(tmp.path, name, text);
        return error_of<danchu::error>([&] { (void)danchu::validate_data_file(path, c); });
    };
    CHECK(kind_of("units.csv", "id,kind,parent,staff\nP,province,,40\nA,department,P,3\n").kind ==
          "organisation");
    CHECK(has(error("units.csv", "id,kind,parent,staff\nP,province,,40\nA,department,P,three\n", ctx),
              "units.csv:line 3, column staff"));
    const auto wide =
        kind_of("wide.csv", "unit,consultation.held,bttnd.exists\nA,true,false\nB,false,true\n");
    CHECK(wide.kind == "evidence");
    CHECK(has(wide.summary, "wide"));
    CHECK(has(wide.summary, "units not checked"));
    CHECK(has(error("wide.csv", "unit,consultation.held\nA,true\nB,maybe\n", ctx),
              "wide.csv:line 3, column \"consultation.held\""));
    CHECK(has(error("wide.csv", "unit,consultation.helt\nA,true\n", ctx), "consultation.helt"));
    CHECK(has(error("wide.csv", "unit,consultation.held\nA B,true\n", ctx), "wide.csv:line 2, column unit"));
    CHECK(has(kind_of("long.csv", "unit,fact,value\nA,consultation.held,true\n").summary, "long"));
    const auto records =
        kind_of("records.csv", "unit,obligation,occurrence,done_on\nA,annual-conference,2017,2018-01-15\n");
    CHECK(records.kind == "records");
    CHECK(has(error("records.csv",
                    "unit,obligation,occurrence,done_on\nA,annual-conference,2017,2018-02-30\n", ctx),
              "records.csv:line 2, column done_on"));
    CHECK(kind_of("events.csv", "unit,kind,date\nA,training,2025-05-02\n").kind == "events");
    CHECK(has(error("events.csv", "unit,kind,date,present\nA,conference_held,2025-03-20,many\n", ctx),
              "events.csv:line 2, column present"));
    CHECK(kind_of("findings.csv", "unit,rule,verdict\nA,R1,pass\nB,R1,fail\n").kind == "findings");
    CHECK(has(error("findings.csv", "unit,rule,verdict\nA,R1,passed\n", ctx), "findings.csv:line 2"));
    CHECK(has(error("other.csv", "a,b\n1,2\n", ctx), "other.csv:line 1: not a danchu CSV file"));

    // With an organisation, the units of every kind are checked, at line and column.
    const auto org = danchu::organisation_from_csv("id,kind,staff\nA,department,3\n", "units.csv");
    auto with = ctx;
    with.org = &org;
    CHECK(has(error("wide.csv", "unit,consultation.held\nA,true\nB,false\n", with), "wide.csv:line 3"));
    CHECK(has(error("records.csv",
                    "unit,obligation,occurrence,done_on\nB,annual-conference,2017,2018-01-15\n", with),
              "records.csv:line 2, column unit: unit \"B\" is not in the organisation"));
    CHECK(has(error("findings.csv", "unit,rule,verdict\nA,R1,pass\nB,R1,fail\n", with),
              "findings.csv:line 3, column unit"));
    CHECK(has(error("events.csv", "unit,kind,date\nB,training,2025-05-02\n", with), "events.csv:line 2"));
    CHECK(danchu::validate_data_file(write(tmp.path, "ok.csv", "unit,consultation.held\nA,true\n"), with)
              .summary.find("units not checked") == std::string::npos);
}

TEST_CASE("validate_data_file: findings, assessments and report documents", "[regression]") {
    danchu_test::temp_dir tmp("data-file-more");
    const auto ctx = context();
    const std::string findings = R"({"rules": [{"id": "R1"}], "units": ["A", "B"],
        "findings": [{"unit": "A", "rule": "R1", "verdict": "pass"},
                     {"unit": "B", "rule": "R1", "verdict": "fail"}]})";
    CHECK(danchu::validate_data_file(write(tmp.path, "findings.json", findings), ctx).kind == "findings");
    const auto a = danchu::validate_data_file(
        write(tmp.path, "assessment.json",
              R"({"points": [{"unit": "A", "criterion": "all", "points": 3, "kind": "self"}]})"),
        ctx);
    CHECK(a.kind == "assessment");
    const auto bad =
        write(tmp.path, "assessment-bad.json",
              R"({"points": [{"unit": "A", "criterion": "all", "points": "3", "kind": "self"}]})");
    CHECK(has(error_of<danchu::error>([&] { (void)danchu::validate_data_file(bad, ctx); }),
              "assessment-bad.json:/points/0/points"));
    const auto r =
        danchu::validate_data_file(DANCHU_TEST_SOURCE_DIR "/tests/render/example-report.json", ctx);
    CHECK(r.kind == "report");
}

// Found while adding the CSV checks above (the kind of issue 15, item 6): a
// column given twice in an organisation CSV (a label) or a findings CSV was
// read once and the other copy dropped without a word. Both are refused.
TEST_CASE("a CSV column given twice is refused, not dropped", "[regression][csv]") {
    CHECK(has(error_of<danchu::error>([] {
                  (void)danchu::organisation_from_csv("id,kind,staff,sector,sector\nA,department,3,x,y\n",
                                                      "u.csv");
              }),
              "u.csv:line 1: column \"sector\" appears twice"));
    CHECK(has(error_of<danchu::error>([] {
                  (void)danchu::organisation_from_csv("id,kind,staff,kind\nA,department,3,school\n", "u.csv");
              }),
              "column \"kind\" appears twice"));
    CHECK(has(error_of<danchu::error>([] {
                  (void)danchu::findings_from_csv("unit,rule,verdict,verdict\nA,R1,pass,fail\n", "f.csv");
              }),
              "f.csv:line 1: column \"verdict\" appears twice"));
    CHECK(danchu::organisation_from_csv("id,kind,staff,sector,district\nA,department,3,x,y\n", "u.csv")[0]
              .labels.size() == 2);
}
