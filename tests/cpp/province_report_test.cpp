// The assembly of the six-monthly report: a small hand-built province (three
// levels, seven units) whose figures, failings, overdue items and changes are
// checked by hand; the three kinds of bad input of issue 6 listed in the
// problems while the report is still produced; and the full sample province.
#include "catch.hpp"
#include "test_support.hpp"

#include <danchu/scoring/io.hpp>
#include <danchu/report/build.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/report/province.hpp>
#include <danchu/report/json.hpp>
#include <danchu/scoring/rollup.hpp>
#include <sample/sample.hpp>
#include <sample/evidence.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using danchu_test::has;
using nlohmann::json;

const char* pack_text = R"({
  "id": "test.province", "version": "1.0.0",
  "title": {"vi": "Gói thử", "en": "Test pack"},
  "regime": {"documents": [{"id": "ND04", "number": "04/2015/NĐ-CP",
      "title": {"vi": "Nghị định 04", "en": "Decree 04"}, "confidence": "secondary"}]},
  "rules": [
    {"id": "R-DISS", "title": {"vi": "Tuyên truyền", "en": "Dissemination"},
     "citation": {"document": "ND04", "article": "3"}, "confidence": "uncertain",
     "applies_to": {"kinds": ["department", "district", "administrative_agency", "school"]},
     "frequency": "annual", "condition": {"var": "consultation.held"}, "tags": ["bg:dissemination"]},
    {"id": "R-REVIEW", "title": {"vi": "Sơ kết", "en": "Review"},
     "citation": {"document": "ND04", "article": "4", "clause": "2"}, "confidence": "secondary",
     "applies_to": {"kinds": ["department", "district", "administrative_agency", "school"]},
     "frequency": "annual", "condition": {"var": "feedback.channel_exists"}, "tags": ["bg:review"]},
    {"id": "R-BOARD", "title": {"vi": "Ban TTND", "en": "Board"},
     "citation": {"document": "ND04", "article": "5"}, "confidence": "verified",
     "applies_to": {"kinds": ["department", "district", "administrative_agency", "school"]},
     "frequency": "annual", "condition": {"var": "bttnd.exists"}, "tags": ["bg:inspection-board"]},
    {"id": "R-HEAD", "title": {"vi": "Người đứng đầu", "en": "Head"},
     "citation": {"document": "ND04", "article": "5"}, "confidence": "verified",
     "applies_to": {"kinds": ["department", "district", "administrative_agency", "school"]},
     "frequency": "annual", "condition": {"var": "conference.head_presided"}, "tags": ["bg:head-leads"]},
    {"id": "R-OTHER", "title": {"vi": "Tiếp công dân", "en": "Reception"},
     "citation": {"document": "ND04", "article": "13"}, "confidence": "verified",
     "applies_to": {"kinds": ["department", "district", "administrative_agency", "school"]},
     "frequency": "annual", "condition": {"var": "citizens.reception_place"}}
  ]})";

const char* scheme_text = R"({
  "id": "test-flat", "title": {"vi": "Thử", "en": "Test"}, "source": {"document": "test"},
  "kind": "xccdf", "model": "flat_unweighted",
  "counting": {"unknown": "fail", "error": "fail", "not_applicable": "exclude",
               "advisory": "score", "overridden": "effective"},
  "bands": [
    {"id": "tot", "name": {"vi": "Tốt", "en": "Good"}, "min": 80, "source": {"document": "test"}},
    {"id": "kha", "name": {"vi": "Khá", "en": "Fair"}, "min": 60, "source": {"document": "test"}},
    {"id": "trung_binh", "name": {"vi": "Trung bình", "en": "Average"}, "min": 40,
     "source": {"document": "test"}},
    {"id": "yeu", "name": {"vi": "Yếu", "en": "Weak"}}]})";

const char* obligations_text = R"({
  "id": "test.obligations", "title": {"vi": "Nghĩa vụ thử", "en": "Test obligations"},
  "obligations": [
    {"id": "unit-report", "title": {"vi": "Báo cáo 6 tháng", "en": "Six-monthly report"},
     "responsible": {"vi": "Đơn vị", "en": "Unit"}, "source": {"document": "Test letter"},
     "confidence": "uncertain", "applies_to": ["department", "district"],
     "recurrence": {"every": "half", "regime": "decree-09-2019"},
     "due": {"rule": "day_of_period_last_month", "day": 5}, "fulfilled_by": "submission"},
    {"id": "annual-conference", "title": {"vi": "Hội nghị", "en": "Conference"},
     "responsible": {"vi": "Người đứng đầu", "en": "Head"},
     "source": {"document": "Nghị định 04/2015/NĐ-CP", "article": "5"}, "confidence": "secondary",
     "applies_to": ["administrative_agency", "school"], "recurrence": {"every": "year"},
     "due": {"rule": "fixed_date", "month": 7, "day": 10}, "fulfilled_by": "submission"}]})";

json organisation_json() {
    auto u = [](const char* id, const char* name, const char* kind, const char* parent, json labels) {
        json j = {{"id", id}, {"name", name}, {"kind", kind}, {"staff", 30}, {"labels", labels}};
        if (*parent) j["parent"] = parent;
        return j;
    };
    return {
        {"units",
         {u("p", "UBND tỉnh Mẫu", "province", "", json::object()),
          u("snv", "Sở Nội vụ", "department", "p", {{"role", "home_affairs"}, {"sector", "administration"}}),
          u("d1", "UBND huyện A", "district", "p", {{"sector", "administration"}}),
          u("d1-s1", "Trường A1", "school", "d1", {{"sector", "education"}}),
          u("d1-s2", "Trường A2", "school", "d1", {{"sector", "education"}}),
          u("d2", "UBND huyện B", "district", "p", {{"sector", "administration"}}),
          u("d2-c1", "Văn phòng B1", "administrative_agency", "d2", json::object())}}};
}

/// The five facts in rule order (R-DISS, R-REVIEW, R-BOARD, R-HEAD, R-OTHER).
json facts(bool diss, bool review, bool board, bool head, bool other) {
    return {{"consultation.held", diss},
            {"feedback.channel_exists", review},
            {"bttnd.exists", board},
            {"conference.head_presided", head},
            {"citizens.reception_place", other}};
}

json current_evidence() {
    json units = {{"snv", facts(true, true, true, true, true)},       // 100 tot
                  {"d1", facts(false, true, true, true, true)},       // 80 tot
                  {"d1-s1", facts(true, false, false, true, true)},   // 60 kha
                  {"d2", facts(true, true, false, false, false)},     // 40 trung_binh
                  {"d2-c1", facts(false, false, false, false, true)}, // 20 yeu
                  {"ghost", facts(true, true, true, true, true)}};    // not in the organisation
    units["d2-c1"]["bttnd.exists"] = "yes";                           // bad value: left out (unknown)
    return {{"period", "2018-H1"}, {"units", units}};                 // d1-s2 sent nothing
}

json previous_evidence() {
    return {{"period", "2017-H2"},
            {"units",
             {{"snv", facts(true, true, true, true, true)},      // 100
              {"d1", facts(true, true, true, true, true)},       // 100
              {"d1-s1", facts(true, true, true, true, true)},    // 100
              {"d1-s2", facts(true, true, true, false, false)},  // 60 kha
              {"d2", facts(true, true, false, false, false)}}}}; // 40; d2-c1 sent nothing
}

json records_json() {
    return {{"submissions",
             {{{"unit", "snv"},
               {"obligation", "unit-report"},
               {"occurrence", "2018-H1"},
               {"done_on", "2018-06-04"}},
              {{"unit", "d1"},
               {"obligation", "unit-report"},
               {"occurrence", "2018-H1"},
               {"done_on", "2018-06-07"}},
              {{"unit", "d2"},
               {"obligation", "unit-report"},
               {"occurrence", "2018-H3"},
               {"done_on", "2018-06-01"}},
              {{"unit", "d2"},
               {"obligation", "bttnd-report-q2"},
               {"occurrence", "2018-Q2"},
               {"done_on", "2018-06-01"}},
              {{"unit", "ghost"},
               {"obligation", "unit-report"},
               {"occurrence", "2018-H1"},
               {"done_on", "2018-06-01"}}}}};
}

/// A fresh folder with every input file of the small province.
struct small_province {
    fs::path dir;
    small_province() {
        static std::atomic<int> n{0};
        dir = fs::temp_directory_path() /
              ("danchu-province-report-" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
               std::to_string(n++));
        fs::remove_all(dir);
        fs::create_directories(dir);
        write("pack.json", pack_text);
        write("scheme.json", scheme_text);
        write("obligations.json", obligations_text);
        write("organisation.json", organisation_json().dump());
        write("2018-H1.json", current_evidence().dump());
        write("2017-H2.json", previous_evidence().dump());
        write("records.json", records_json().dump());
    }
    ~small_province() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    small_province(const small_province&) = delete;
    small_province& operator=(const small_province&) = delete;
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
    }
    std::string at(const std::string& name) const { return (dir / name).string(); }
    danchu::report_request request() const {
        danchu::report_request rq;
        rq.data_dir = danchu_test::data_dir;
        rq.units = at("organisation.json");
        rq.evidence = at("2018-H1.json");
        rq.period = "2018-H1";
        rq.previous_evidence = at("2017-H2.json");
        rq.pack = at("pack.json");
        rq.scheme = at("scheme.json");
        rq.obligations = {at("obligations.json")};
        rq.records = {at("records.json")};
        rq.as_of = danchu::make_day(2018, 6, 14);
        rq.generated_on = danchu::make_day(2018, 6, 18);
        return rq;
    }
};

const danchu::report::unit_row* row(const danchu::report::document& d, const std::string& id) {
    for (const auto& u : d.units)
        if (u.id == id) return &u;
    return nullptr;
}

std::vector<std::string> unit_ids(const danchu::report::failing& f) {
    std::vector<std::string> out;
    for (const auto& u : f.units) out.push_back(u.unit_id);
    return out;
}

std::size_t count_kind(const danchu::report::document& d, const std::string& kind) {
    return static_cast<std::size_t>(
        std::count_if(d.problems.begin(), d.problems.end(), [&](const auto& p) { return p.kind == kind; }));
}

const danchu::input_problem* problem(const danchu::report::document& d, const std::string& kind,
                                     const std::string& subject) {
    for (const auto& p : d.problems)
        if (p.kind == kind && p.subject == subject) return &p;
    return nullptr;
}

} // namespace

TEST_CASE("assembly: header, legend, figures and the appendix, checked by hand", "[province_report]") {
    const small_province sp;
    const auto doc = danchu::build_report_from_files(sp.request());
    const auto& h = doc.head;
    CHECK(h.province.vi == "Mẫu");
    CHECK(h.reporting_body.vi == "Sở Nội vụ tỉnh Mẫu");
    CHECK(h.recipient.vi == "Chủ tịch Ủy ban nhân dân tỉnh Mẫu");
    CHECK(h.period.start == "2018-01-01");
    CHECK(h.period.end == "2018-06-30");
    CHECK(h.period.data_from == "2017-12-15"); // Decree 09/2019 half-year window
    CHECK(h.period.data_to == "2018-06-14");
    CHECK(h.generated_on == "2018-06-18");
    CHECK_FALSE(h.synthetic);
    REQUIRE(h.packs.size() == 1);
    CHECK(h.packs[0].id == "test.province");
    CHECK(h.packs[0].version == "1.0.0");
    REQUIRE(h.legal_basis.size() == 2); // the pack's document and the data window's regime
    CHECK(h.legal_basis[0].document == "04/2015/NĐ-CP");
    CHECK(h.legal_basis[0].confidence == "secondary");
    CHECK(has(h.legal_basis[1].document, "09/2019"));

    // the standard legend, the root (nothing applies) left out
    REQUIRE(doc.bands.size() == 6);
    CHECK(doc.bands[0].id == "tot");
    // d1-s2 sent nothing: a missing report (the default policy), not assessed
    CHECK(doc.units.size() == 5);
    CHECK(row(doc, "p") == nullptr);
    const auto& c = doc.current;
    CHECK(c.units_assessed == 5);
    CHECK(c.band_counts == std::vector<std::size_t>{2, 1, 1, 1, 0, 0});
    CHECK(c.units_complete == 4); // d2-c1 has an unknown (bad value left out)
    REQUIRE(c.pass_rate);
    CHECK(*c.pass_rate == Approx(4.0 / 5.0));
    REQUIRE(c.mean_score);
    CHECK(*c.mean_score == Approx(60.0)); // (100 + 80 + 60 + 40 + 20) / 5

    const auto* snv = row(doc, "snv");
    REQUIRE(snv);
    CHECK(*snv->score == Approx(100.0));
    CHECK(snv->band == "tot");
    CHECK(*snv->rank == 1);
    CHECK(snv->district == "Sở Nội vụ"); // top-level ancestor below the root
    CHECK(snv->sector == "administration");
    const auto* s1 = row(doc, "d1-s1");
    REQUIRE(s1);
    CHECK(*s1->score == Approx(60.0));
    CHECK(s1->band == "kha");
    CHECK(*s1->rank == 3);
    CHECK(s1->district == "UBND huyện A");
    CHECK(row(doc, "d1-s2") == nullptr);
    CHECK(c.no_evidence_units == std::vector<std::string>{"d1-s2"});
    // Issue 11: not reported (unknown) apart from declared none.
    CHECK(snv->not_reported == 0);
    CHECK(snv->declared_none == 0);
    const auto* c1 = row(doc, "d2-c1");
    REQUIRE(c1);
    CHECK(*c1->score == Approx(20.0));
    CHECK(c1->band == "yeu");
    CHECK(*c1->rank == 5);
    CHECK(c1->sector == "administrative_agency"); // no sector label: the kind
    CHECK(c1->not_reported >= 1);                 // the value left out

    REQUIRE(doc.by_district.size() == 3);
    CHECK(doc.by_district[0].key == "Sở Nội vụ");
    CHECK(doc.by_district[1].key == "UBND huyện A");
    CHECK(doc.by_district[1].band_counts == std::vector<std::size_t>{1, 1, 0, 0, 0, 0});
    CHECK(doc.by_district[2].band_counts == std::vector<std::size_t>{0, 0, 1, 1, 0, 0});
    REQUIRE(doc.by_sector.size() == 3);
    CHECK(doc.by_sector[0].key == "administration");
    CHECK(doc.by_sector[0].band_counts == std::vector<std::size_t>{2, 0, 1, 0, 0, 0});
    CHECK(doc.by_sector[1].band_counts == std::vector<std::size_t>{0, 1, 0, 0, 0, 0});
}

TEST_CASE("assembly: failings from tagged rules, advisory failures listed", "[province_report]") {
    const small_province sp;
    const auto doc = danchu::build_report_from_files(sp.request());
    REQUIRE(doc.failings.size() == 4);
    const auto& diss = doc.failings[0];
    CHECK(diss.id == "dissemination");
    REQUIRE(diss.rules.size() == 1);
    CHECK(diss.rules[0].id == "R-DISS");
    CHECK(diss.rules[0].title.en == "Dissemination");
    REQUIRE(diss.rules[0].citations.size() == 1);
    CHECK(diss.rules[0].citations[0].document == "04/2015/NĐ-CP");
    CHECK(diss.rules[0].citations[0].article == "Điều 3");
    CHECK(diss.rules[0].citations[0].confidence == "uncertain"); // advisory rule, still listed
    CHECK(unit_ids(diss) == std::vector<std::string>{"d1", "d2-c1"});
    CHECK(doc.failings[1].id == "evaluation");
    CHECK(doc.failings[1].rules[0].citations[0].clause == "2");
    CHECK(unit_ids(doc.failings[1]) == std::vector<std::string>{"d1-s1", "d2-c1"});
    CHECK(doc.failings[2].id == "inspection_board");
    // d2-c1's board fact was a bad value: unknown, so not a failure
    CHECK(unit_ids(doc.failings[2]) == std::vector<std::string>{"d1-s1", "d2"});
    CHECK(doc.failings[3].id == "leadership");
    CHECK(unit_ids(doc.failings[3]) == std::vector<std::string>{"d2", "d2-c1"});
    CHECK(doc.failings[3].units[0].district == "UBND huyện B");
    CHECK(doc.failings[3].units[0].rule_ids == std::vector<std::string>{"R-HEAD"});
}

TEST_CASE("assembly: previous period and changes", "[province_report]") {
    const small_province sp;
    const auto doc = danchu::build_report_from_files(sp.request());
    REQUIRE(doc.previous);
    CHECK(doc.previous->period_id == "2017-H2"); // the half-year before 2018-H1
    CHECK(doc.previous->units_assessed == 5);    // d2-c1 sent nothing then
    CHECK(doc.previous->band_counts == std::vector<std::size_t>{3, 1, 1, 0, 0, 0});
    CHECK(*doc.previous->mean_score == Approx(80.0)); // (100 * 3 + 60 + 40) / 5
    // band changed or moved by >= 5 points; the largest moves first
    REQUIRE(doc.changes.size() == 4);
    CHECK(doc.changes[0].unit_id == "d1-s1");
    CHECK(*doc.changes[0].score_before == Approx(100.0));
    CHECK(*doc.changes[0].score_after == Approx(60.0));
    CHECK(*doc.changes[0].rank_before == 1); // three units tie at 100
    CHECK(*doc.changes[0].rank_after == 3);
    CHECK(doc.changes[0].band_before == "tot");
    CHECK(doc.changes[0].band_after == "kha");
    CHECK(doc.changes[1].unit_id == "d1");
    // a unit that sent nothing in one of the periods: a missing report, no band there
    CHECK(doc.changes[2].unit_id == "d1-s2");
    CHECK(doc.changes[2].band_before == "kha");
    CHECK(doc.changes[2].band_after.empty());
    CHECK_FALSE(doc.changes[2].score_after);
    CHECK(doc.changes[3].unit_id == "d2-c1");
    CHECK(doc.changes[3].band_before.empty());
    CHECK(doc.changes[3].band_after == "yeu");
    CHECK_FALSE(doc.changes[3].score_before);
}

TEST_CASE("assembly: overdue and upcoming obligations in working days", "[province_report]") {
    const small_province sp;
    auto rq = sp.request();
    const auto doc = danchu::build_report_from_files(rq);
    CHECK(doc.schedule.as_of == "2018-06-14");
    CHECK(doc.schedule.horizon_days == 30);
    // unit-report 2018-H1 due 05/06/2018: snv on time, d1 late but done, d2 never
    REQUIRE(doc.schedule.overdue.size() == 1);
    const auto& o = doc.schedule.overdue[0];
    CHECK(o.unit_id == "d2");
    CHECK(o.obligation_id == "unit-report");
    CHECK(o.due == "2018-06-05");
    CHECK(o.working_days_late == 7); // 6, 7, 8, 11, 12, 13, 14 June
    REQUIRE(o.source);
    CHECK(o.source->confidence == "uncertain");
    // the 2018 conference, due 10/07/2018, for the school and agency units
    REQUIRE(doc.schedule.upcoming.size() == 3);
    for (const auto& u : doc.schedule.upcoming) {
        CHECK(u.obligation_id == "annual-conference");
        CHECK(u.due == "2018-07-10");
        CHECK(u.working_days_left == 18);
        CHECK(u.source->article == "Điều 5");
    }
    const std::string ics = danchu::report_deadlines_ical(doc, "en", "20180618T000000Z");
    CHECK(has(ics, "DTSTART;VALUE=DATE:20180710"));
    CHECK(has(ics, "UID:2018-07-10-annual-conference-d1-s1@danchu"));

    rq.horizon_days = 10; // the conference is out of the horizon
    CHECK(danchu::build_report_from_files(rq).schedule.upcoming.empty());
}

TEST_CASE("bad input is listed by name and the report is still produced", "[province_report]") {
    const small_province sp;
    const auto doc = danchu::build_report_from_files(sp.request());
    // a unit in the evidence that is not in the organisation
    const auto* ghost = problem(doc, "unknown_unit", "ghost");
    REQUIRE(ghost);
    // Named relative to the organisation file's folder (no absolute path of the
    // machine in a report: issue 13).
    CHECK(ghost->source == std::string("2018-H1.json"));
    CHECK(ghost->location == "/units/ghost");
    CHECK(row(doc, "ghost") == nullptr);
    // a bad value: left out, named with its pointer
    const auto* bad = problem(doc, "invalid_value", "d2-c1");
    REQUIRE(bad);
    CHECK(bad->location == "/units/d2-c1/bttnd.exists");
    CHECK(has(bad->message, "true or false"));
    // a submission for an unknown obligation (from the schedule), with its file and pointer
    const auto* ob = problem(doc, "unknown_obligation", "bttnd-report-q2");
    REQUIRE(ob);
    CHECK(ob->source == std::string("records.json"));
    CHECK(ob->location == "/submissions/3");
    // a submission for a unit not in the organisation
    REQUIRE(problem(doc, "unknown_unit", "ghost"));
    CHECK(count_kind(doc, "unknown_unit") == 2);
    // a period that does not exist
    const auto* h3 = problem(doc, "unknown_period", "2018-H3");
    REQUIRE(h3);
    CHECK(h3->location == "/submissions/2");
    CHECK(has(h3->message, "YYYY-H1 or YYYY-H2"));
    // coverage: a unit without evidence
    const auto* silent = problem(doc, "missing_evidence", "d1-s2");
    REQUIRE(silent);
    CHECK(silent->source == std::string("2018-H1.json"));
    CHECK(count_kind(doc, "missing_evidence") == 1);
    // and the document renders
    CHECK(has(danchu::report::to_html(doc, "vi"), "bttnd-report-q2"));
    CHECK(danchu::report::from_json_text(danchu::report::to_json_text(doc)).problems.size() ==
          doc.problems.size());
}

// Regression (issue 15, item 19): the report did not say how a unit that sent
// no evidence was counted; it can now also be scored as not passing.
TEST_CASE("the report says how units without evidence were counted, and which they were",
          "[province_report][regression]") {
    const small_province sp;
    auto rq = sp.request();
    const auto doc = danchu::build_report_from_files(rq);
    CHECK(doc.current.no_evidence_policy == "missing_report");
    CHECK(doc.current.no_evidence_units == std::vector<std::string>{"d1-s2"});
    CHECK(row(doc, "d1-s2") == nullptr); // a missing report, not a unit assessed
    CHECK(has(problem(doc, "missing_evidence", "d1-s2")->message, "counted as a missing report"));
    CHECK(has(danchu::report::to_markdown(doc, "en"),
              "Units that sent no evidence (2018-H1): 1 — treated as missing reports"));
    CHECK(has(danchu::report::to_html(doc, "vi"), "coi là thiếu báo cáo"));
    const auto back = danchu::report::from_json_text(danchu::report::to_json_text(doc));
    CHECK(back.current.no_evidence_policy == "missing_report");
    CHECK(back.current.no_evidence_units == doc.current.no_evidence_units);

    rq.no_evidence = danchu::no_evidence_policy::not_passing;
    const auto scored = danchu::build_report_from_files(rq);
    CHECK(scored.current.no_evidence_policy == "not_passing");
    CHECK(scored.current.no_evidence_units == std::vector<std::string>{"d1-s2"});
    REQUIRE(row(scored, "d1-s2"));
    CHECK(row(scored, "d1-s2")->band == "yeu");
    REQUIRE(row(scored, "d1-s2")->score);
    CHECK(*row(scored, "d1-s2")->score == Approx(0));
    REQUIRE(doc.current.mean_score);
    CHECK(*scored.current.mean_score < *doc.current.mean_score);
    CHECK(has(problem(scored, "missing_evidence", "d1-s2")->message, "scored as not passing"));
}

// Regression (issue 15, item 19, what the last stop left open): under the
// missing_report policy the report counted a unit that sent nothing among the
// units assessed, as "not classified", while `danchu score`'s roll-up counted
// it as a missing report. The two now count it the same way.
TEST_CASE("the report and the score roll-up count a unit that sent nothing the same way",
          "[province_report][regression]") {
    const small_province sp;
    const auto doc = danchu::build_report_from_files(sp.request());

    // What `danchu score --organisation` does with the same findings: the
    // scheme's defaults, a roll-up with the command's default options.
    const auto dict = std::make_shared<const danchu::fact_dictionary>(
        danchu::load_default_fact_dictionary(danchu_test::data_dir));
    const auto org = danchu::load_organisation(sp.at("organisation.json"));
    const danchu::pack_library lib(danchu_test::data_dir);
    const danchu::evaluation_plan plan(lib.resolve(danchu::load_rule_pack_file(sp.at("pack.json"))), dict);
    std::vector<danchu::input_problem> lenient; // the ghost unit and the bad value
    const auto ev = danchu::load_evidence(sp.at("2018-H1.json"), dict, org, {}, &lenient);
    const auto table =
        danchu::evaluate(plan, org, ev, danchu::evaluation_options(danchu::assessment_period("2018-H1")));
    const auto scheme =
        std::make_shared<const danchu::scoring_scheme>(danchu::load_scoring_scheme(sp.at("scheme.json")));
    const danchu::rollup roll(org, danchu::score(scheme, table, danchu::assessment{}));
    const std::size_t root = roll.find("p");
    REQUIRE(root != danchu::rollup::npos);

    CHECK(roll.missing(root) == 1);
    CHECK(roll.coverage(root).missing == std::vector<std::string>{"d1-s2"});
    CHECK(doc.current.no_evidence_units == roll.coverage(root).missing);
    const std::size_t bands = roll.bands().size();
    REQUIRE(doc.current.band_counts.size() == bands + 2);
    std::size_t graded = 0;
    for (std::size_t b = 0; b < bands; ++b) {
        INFO("band " << b);
        CHECK(doc.current.band_counts[b] == roll.band_count(root, b));
        graded += roll.band_count(root, b);
    }
    CHECK(doc.current.band_counts[bands + 1] == 0); // not classified: none (d1-s2 was counted here)
    CHECK(doc.current.units_assessed == graded);
    REQUIRE(doc.current.mean_score);
    CHECK(*doc.current.mean_score == Approx(roll.mean(root))); // equal staff: the same mean
}

// Issue 15, item 18 (what the last stop left open): a grouping-only district
// was evaluated and ranked like an agency; its evidence is now listed as left
// out, and its units are assessed as before.
TEST_CASE("a grouping-only district is not assessed; its evidence is listed as left out",
          "[province_report][regression]") {
    const small_province sp;
    json org = organisation_json();
    org["units"][2]["labels"]["grouping"] = "true"; // d1, which sent evidence (80, tot)
    sp.write("grouped.json", org.dump());
    auto rq = sp.request();
    rq.units = sp.at("grouped.json");
    const auto doc = danchu::build_report_from_files(rq);
    CHECK(row(doc, "d1") == nullptr);
    REQUIRE(row(doc, "d1-s1"));
    CHECK(*row(doc, "d1-s1")->score == Approx(60.0));
    CHECK(doc.current.units_assessed == 4);
    CHECK(doc.current.band_counts == std::vector<std::size_t>{1, 1, 1, 1, 0, 0});
    const auto* p = problem(doc, "grouping_evidence", "d1");
    REQUIRE(p);
    CHECK(has(p->message, "grouping-only"));
    CHECK(count_kind(doc, "missing_evidence") == 1); // d1-s2 still
    CHECK(count_kind(danchu::build_report_from_files(sp.request()), "grouping_evidence") == 0);
}

TEST_CASE("bad input: evidence for another period, a period that does not exist, an unreadable file",
          "[province_report]") {
    const small_province sp;
    auto rq = sp.request();
    SECTION("evidence of another period is left out") {
        json ev = current_evidence();
        ev["period"] = "2018-H2";
        sp.write("wrong.json", ev.dump());
        rq.evidence = sp.at("wrong.json");
        const auto doc = danchu::build_report_from_files(rq);
        const auto* p = problem(doc, "period_mismatch", "2018-H2");
        REQUIRE(p);
        CHECK(p->location == "/period");
        CHECK(doc.current.units_assessed == 0); // every unit a missing report
        CHECK(doc.current.no_evidence_units.size() == 6);
        CHECK(count_kind(doc, "missing_evidence") == 6);
    }
    SECTION("a period that does not exist") {
        json ev = current_evidence();
        ev["period"] = "2018-H3";
        sp.write("h3.json", ev.dump());
        rq.evidence = sp.at("h3.json");
        const auto doc = danchu::build_report_from_files(rq);
        REQUIRE(problem(doc, "unknown_period", "2018-H3"));
        CHECK(doc.previous); // the previous period is still there
    }
    SECTION("files that cannot be read or parsed") {
        sp.write("broken.json", "{\"period\": \"2017-H2\", \"units\": ");
        rq.previous_evidence = sp.at("broken.json"); // a secondary input: listed
        rq.records.push_back(sp.at("missing-records.json"));
        rq.obligations.push_back(sp.at("no-such-obligations.json"));
        const auto doc = danchu::build_report_from_files(rq);
        std::size_t parse = 0;
        for (const auto& p : doc.problems)
            if (p.kind == "parse") {
                ++parse;
                CHECK((p.source == std::string("broken.json") ||
                       p.source == std::string("missing-records.json") ||
                       p.source == std::string("no-such-obligations.json")));
            }
        CHECK(parse == 3);
        CHECK(doc.schedule.overdue.size() == 1); // the valid obligations and records still count
        CHECK_NOTHROW(danchu::report::to_markdown(doc, "en"));
    }
    SECTION("strict loading is unchanged without a sink") {
        const auto dict = std::make_shared<const danchu::fact_dictionary>(
            danchu::load_default_fact_dictionary(danchu_test::data_dir));
        const auto org = danchu::load_organisation(sp.at("organisation.json"));
        sp.write("ghost.json", json{{"units", {{"ghost", facts(true, true, true, true, true)}}}}.dump());
        CHECK(has(danchu_test::error_of<danchu::evidence_error>(
                      [&] { danchu::load_evidence(sp.at("ghost.json"), dict, org); }),
                  "\"ghost\" is not in the organisation"));
        CHECK(has(danchu_test::error_of<danchu::evidence_error>(
                      [&] { danchu::load_evidence(sp.at("2018-H1.json"), dict, org); }),
                  "true or false"));
    }
    SECTION("what cannot be done without is fatal") {
        rq.units = sp.at("no-units.json");
        CHECK_THROWS_AS(danchu::build_report_from_files(rq), danchu::parse_error);
    }
    SECTION("the evidence of the period is a main input: missing, a folder or broken is fatal") {
        rq.evidence = sp.at("no-evidence.json");
        CHECK(has(danchu_test::error_of<danchu::parse_error>([&] { danchu::build_report_from_files(rq); }),
                  "no-evidence.json: cannot open the file for reading: no such file"));
        rq.evidence = danchu_test::data_dir;
        CHECK(has(danchu_test::error_of<danchu::parse_error>([&] { danchu::build_report_from_files(rq); }),
                  "is a folder, not a file"));
        sp.write("broken.json", "{\"period\": \"2018-H1\", \"units\": ");
        rq.evidence = sp.at("broken.json");
        CHECK_THROWS_AS(danchu::build_report_from_files(rq), danchu::parse_error);
    }
    SECTION("so is the assessment of the period") {
        rq.assessment = sp.at("no-assessment.json");
        CHECK_THROWS_AS(danchu::build_report_from_files(rq), danchu::parse_error);
    }
}

TEST_CASE("lenient CSV evidence: unknown units and bad cells recorded with their line", "[province_report]") {
    const small_province sp;
    const auto dict = std::make_shared<const danchu::fact_dictionary>(
        danchu::load_default_fact_dictionary(danchu_test::data_dir));
    const auto org = danchu::load_organisation(sp.at("organisation.json"));
    std::vector<danchu::input_problem> lp;
    const auto ev =
        danchu::evidence_from_csv("unit,bttnd.exists,bttnd.members\nsnv,true,5\nghost,true,3\nd1,maybe,4\n",
                                  "ev.csv", dict, org, "2018-H1", &lp);
    REQUIRE(lp.size() == 2);
    CHECK(lp[0].kind == "unknown_unit");
    CHECK(lp[0].location == "line 3");
    CHECK(lp[1].kind == "invalid_value");
    CHECK(lp[1].subject == "d1");
    CHECK(has(lp[1].location, "line 4"));
    const std::size_t f = dict->find("bttnd.exists"), m = dict->find("bttnd.members");
    CHECK(ev.has(org.find("snv"), f));
    CHECK_FALSE(ev.has(org.find("d1"), f)); // left out
    CHECK(ev.has(org.find("d1"), m));       // the rest of the row kept
}

TEST_CASE("assemble_report checks its inputs", "[province_report]") {
    danchu::report_inputs in;
    CHECK(has(danchu_test::error_of<danchu::argument_error>([&] { danchu::assemble_report(in); }),
              "are required"));
}

TEST_CASE("the sample province: a document that validates and renders", "[province_report]") {
    const auto org = danchu::sample::bac_giang_2018(200, 7);
    const json profiles = danchu::detail::read_json_file(danchu_test::data_dir + "/sample/profiles.json");
    const auto dict = std::make_shared<const danchu::fact_dictionary>(
        danchu::load_default_fact_dictionary(danchu_test::data_dir));
    const danchu::pack_library lib(danchu_test::data_dir);
    const danchu::evaluation_plan plan(lib.load_set("vn.bac-giang.2018-05-09"), dict);
    auto scheme = std::make_shared<const danchu::scoring_scheme>(
        danchu::find_scoring_scheme("default-vn.bac-giang.2018-05-09", danchu_test::data_dir));
    auto period = [&](const char* label, int y, int h) {
        danchu::sample::period_spec ps{label, danchu::days_from_civil(y, h == 1 ? 1 : 7, 1),
                                       danchu::days_from_civil(y, h == 1 ? 6 : 12, h == 1 ? 30 : 31), false};
        return danchu::sample::generate_period(org, profiles, ps, 7);
    };
    const auto now = period("2018-H1", 2018, 1), before = period("2017-H2", 2017, 2);
    const auto ev = danchu::evidence_from_json(now.evidence, "2018-H1.json", dict, org);
    const auto pev = danchu::evidence_from_json(before.evidence, "2017-H2.json", dict, org);
    const auto t =
        danchu::evaluate(plan, org, ev, danchu::evaluation_options{danchu::assessment_period("2018-H1")});
    const auto pt =
        danchu::evaluate(plan, org, pev, danchu::evaluation_options{danchu::assessment_period("2017-H2")});
    danchu::obligation_set obs;
    obs.add_file(danchu_test::data_dir + "/obligations/vn.decree-04-2015.json");
    obs.add_file(danchu_test::data_dir + "/obligations/vn.bac-giang.2018-05-09.json");
    danchu::schedule_options so;
    so.from = danchu::make_day(2017, 12, 15);
    so.as_of = danchu::make_day(2018, 6, 14);
    so.to = so.as_of + 30;
    const auto sched = danchu::build_schedule(obs, org, now.records.submissions, now.records.events, so);
    const auto regimes = danchu::convention_set::load_directory(danchu_test::data_dir + "/regimes");

    danchu::report_inputs in;
    in.org = &org;
    in.rules = &plan.rules();
    in.findings = &t;
    in.scheme = scheme;
    in.period = "2018-H1";
    in.data_window = &regimes.at("decree-09-2019");
    in.current_evidence = &ev;
    in.previous_findings = &pt;
    in.previous_evidence = &pev;
    in.previous_period = "2017-H2";
    in.sched = &sched;
    in.obligations = &obs;
    in.as_of = so.as_of;
    in.generated_on = danchu::make_day(2018, 6, 18);
    const auto doc = danchu::assemble_report(in);
    CHECK(doc.head.synthetic);
    CHECK(doc.head.province.vi == "Bắc Giang");
    CHECK(has(doc.head.reporting_body.vi, "Sở Nội vụ"));
    // every unit but the provincial committee and the units that sent nothing
    CHECK(doc.current.units_assessed == 199 - now.silent_units.size());
    CHECK(doc.current.units_assessed + 0 == doc.units.size());
    CHECK(doc.by_district.size() == 11); // provincial level and the ten districts
    CHECK(doc.failings.size() == 4);
    for (const auto& f : doc.failings) CHECK_FALSE(f.rules.empty());
    CHECK(doc.current.no_evidence_units.size() == now.silent_units.size());
    for (const auto& id : doc.current.no_evidence_units) CHECK(row(doc, id) == nullptr);
    CHECK_NOTHROW(danchu::report::validate(doc));
    const auto back = danchu::report::from_json_text(danchu::report::to_json_text(doc));
    CHECK(danchu::report::to_html(back, "en") == danchu::report::to_html(doc, "en"));
    CHECK(has(danchu::report::units_csv(doc), "so-noi-vu"));

    // Regression (issue 15, item 2): a rule that errs at run time was scored like
    // a failure and the report listed 0 problems. Now each such rule is listed.
    std::size_t errors_before = 0;
    for (const auto& p : doc.problems) errors_before += p.kind == "rule_error";
    CHECK(errors_before == 0);
    auto te = t;
    te.set(0, 0, danchu::verdict::error, 0.0);
    te.set(1, 0, danchu::verdict::error, 0.0);
    in.findings = &te;
    const auto doc2 = danchu::assemble_report(in);
    const danchu::input_problem* found = nullptr;
    for (const auto& p : doc2.problems)
        if (p.kind == "rule_error") found = &p;
    REQUIRE(found != nullptr);
    CHECK(found->subject == te.rules()[0].id);
    CHECK(has(found->message,
              "could not be evaluated for 2 unit(s) (" + te.unit_ids()[0] + ", " + te.unit_ids()[1]));
    CHECK(has(found->message, "counting.error says (fail)"));
}

// Regression (issue 15, item 17): deadlines.ics was the only output that changed
// between runs (DTSTAMP was the wall clock), and the default report date was the
// UTC date, so a report made before 07:00 in Vietnam was dated the day before.
TEST_CASE("the deadlines calendar is pinned by the report's date, in Vietnam's time",
          "[province_report][regression]") {
    const small_province sp;
    const auto doc = danchu::build_report_from_files(sp.request()); // generated on 18/06/2018
    const std::string ics = danchu::report_deadlines_ical(doc, "vi");
    CHECK(has(ics, "DTSTAMP:20180617T170000Z\r\n")); // 00:00 on 18/06 in Vietnam
    CHECK(ics == danchu::report_deadlines_ical(doc, "vi"));
    // 2018-06-13T17:30:00Z is 00:30 on 14/06 in Vietnam
    CHECK(danchu::detail::today_iso(static_cast<std::time_t>(1528911000)) == "2018-06-14");
    CHECK(danchu::detail::today_iso(static_cast<std::time_t>(1528909200 - 1)) == "2018-06-13");
}

// Regression (issue 15, item 12): the problem list had no cap (a million unknown
// units gave 676 MB of report files). Details of 200 per kind, counts for all.
TEST_CASE("problems are capped per kind and still counted", "[province_report][regression]") {
    std::vector<danchu::input_problem> ps;
    for (int i = 0; i < 250; ++i)
        ps.push_back({"unknown_unit", "ev.json", "/units/u" + std::to_string(i), "u", "m"});
    ps.push_back({"parse", "rec.json", "", "", "bad"});
    danchu::detail::cap_problems(ps);
    REQUIRE(ps.size() == 200 + 1 + 1);
    CHECK(ps[0].location == "/units/u0");
    CHECK(ps[199].location == "/units/u199");
    CHECK(ps[200].kind == "parse");
    CHECK(ps[201].kind == "unknown_unit");
    CHECK(has(ps[201].message, "… and 50 more problems of the kind \"unknown_unit\" (250 in all"));
}
