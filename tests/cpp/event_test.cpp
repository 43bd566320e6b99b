// Dated events (issue 11): the bundled kinds table, the events file loader
// and its bad-input errors, declared none vs not reported, and the windows
// the law writes (Law 10/2022 Art. 51(1), Circular 01/2016 Art. 3(1)).
#include "catch.hpp"
#include "test_support.hpp"

#include <danchu/evidence/event.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/event_log.hpp>
#include <danchu/evidence/windows.hpp>
#include <danchu/io/detail/json_text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using danchu::day_number;
using danchu_test::data_dir;
using danchu_test::error_of;
using danchu_test::has;

day_number d(const char* iso) { return danchu::parse_iso_date(iso); }

danchu::organisation org() {
    using danchu::unit_kind;
    return danchu::organisation({
        {"prov", "UBND tỉnh", unit_kind::province, "", 0, {}},
        {"SNV", "Sở Nội vụ", unit_kind::department, "prov", 64, {{"role", "home_affairs"}}},
        {"THPT", "Trường THPT", unit_kind::school, "prov", 40, {}},
    });
}

const std::shared_ptr<const danchu::event_kinds>& kinds() {
    static const auto k = danchu::load_event_kinds(data_dir);
    return k;
}

nlohmann::json parse(const std::string& text) { return danchu::detail::parse_json_text(text, "<test>"); }

// The three worked examples of docs/evidence.md, "Dated events".
const char* const worked_examples = R"({
  "events": [
    {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "id": "HN-2024",
     "session": "regular", "covers_year": 2024, "year_basis": "working_year", "form": "full",
     "summoned": 64, "present": 58, "votes_for": 55, "presided_by_head": true,
     "union_co_organised": true, "inspection_board_reported": true,
     "source": {"document": "05/BB-SNV", "file": "so-theo-doi-2025.xlsx", "sheet": "Hội nghị", "row": 4,
                "entered_by": "Nguyễn Thị B", "entered_on": "2025-03-25"}},
    {"unit": "SNV", "kind": "item_publicised", "date": "2025-01-06", "item": "l10-art46-2",
     "subject": "Kế hoạch công tác năm 2025", "form": "internal_system", "decided_on": "2025-01-02",
     "posted_from": "2025-01-06", "posted_to": "2025-02-10", "document": "01/KH-SNV"}
  ],
  "none": [
    {"unit": "SNV", "kind": "extraordinary_conference_requested", "from": "2025-01-01", "to": "2025-06-30",
     "note": "Không nhận được đề nghị nào", "source": {"entered_by": "Nguyễn Thị B"}}
  ]
})";

danchu::event_log load(const std::string& text, std::vector<danchu::input_problem>* problems = nullptr) {
    static const auto o = org();
    return danchu::events_from_json(parse(text), "events.json", kinds(), o, problems);
}

/// The message of the error a one-event file gives.
std::string error_for(const std::string& text) {
    try {
        load(text);
    } catch (const danchu::error& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("The bundled event kinds, publicity items and regimes load", "[event]") {
    const auto& k = *kinds();
    REQUIRE(k.size() >= 20);
    const std::size_t conf = k.find("conference_held");
    REQUIRE(conf != danchu::event_kinds::npos);
    const auto* l10 = k[conf].regime("vn.law-10-2022");
    REQUIRE(l10 != nullptr);
    CHECK(l10->citations[0].document == "L10");
    CHECK(l10->citations[0].article == "51");
    CHECK(l10->citations[0].conf == danchu::confidence::verified);
    CHECK(k[conf].regime("vn.bac-giang.2018-05-09") == nullptr);
    for (const char* id :
         {"extraordinary_conference_requested", "inspection_board_elected", "inspection_board_recommendation",
          "recommendation_answered", "item_publicised", "staff_consulted", "dissemination_session",
          "training", "steering_committee_set_up", "democracy_regulation", "review_held",
          "resolution_checked", "report_sent"})
        CHECK(k.find(id) != danchu::event_kinds::npos);

    // Decree 04/2015 Art. 7 (9 items) and Law 10/2022 Art. 46 (12 items).
    CHECK(k.items().size() == 21);
    const auto* inv = k.find_item("l10-art46-5");
    REQUIRE(inv != nullptr);
    CHECK(inv->when == danchu::publicity_applies::triggered);
    CHECK(inv->triggered_by == std::vector<std::string>{"public_investment_allocated"});
    CHECK(k.find_item("l10-art46-2")->when == danchu::publicity_applies::always);
    CHECK(k.find_item("d04-art7-9")->citation.conf == danchu::confidence::uncertain);
    // The item field takes its words from the items list.
    const auto& pub = k[k.find("item_publicised")];
    CHECK(pub.fields[pub.find_field("item")].values.size() == 21);

    // Regimes in force by date: Law 10/2022 Art. 90(1) from 01/07/2023; the
    // Bắc Giang overlay lapses with Decree 04/2015, its base.
    auto names = [&](const char* iso) {
        std::vector<std::string> out;
        for (std::size_t r : k.regimes_on(d(iso))) out.push_back(k.regimes()[r].id);
        return out;
    };
    CHECK(names("2023-06-30") == std::vector<std::string>{"vn.decree-04-2015", "vn.bac-giang.2018-05-09"});
    // From 01/07/2023 the province's overlays on Law 10/2022 too (issue 12).
    CHECK(names("2023-07-01") == std::vector<std::string>{"vn.law-10-2022", "vn.law-10-2022.province",
                                                          "vn.bac-giang.2018-05-09.l10"});
    CHECK(names("2018-05-08") == std::vector<std::string>{"vn.decree-04-2015"});
    CHECK_FALSE(k.covers(d("2015-02-24")));
    CHECK(k.covers(d("2015-02-25")));
}

TEST_CASE("The regimes of the kinds table agree with the packs' validity", "[event]") {
    for (const auto& r : kinds()->regimes()) {
        const auto pack = danchu::detail::read_json_file(data_dir + "/packs/" + r.id + ".json");
        const auto& reg = pack.at("regime");
        INFO(r.id);
        CHECK(danchu::to_iso(r.valid_from) == reg.at("valid_from").get<std::string>());
        CHECK(r.valid_to.has_value() == reg.contains("valid_to"));
        if (r.valid_to) CHECK(danchu::to_iso(*r.valid_to) == reg.at("valid_to").get<std::string>());
        if (!r.base.empty()) CHECK(pack.at("extends").get<std::string>() == r.base);
    }
}

TEST_CASE("Every citation of the kinds and items names a document of its regime's pack", "[event]") {
    auto documents = [](const std::string& regime) {
        std::vector<std::string> ids;
        const auto pack = danchu::detail::read_json_file(data_dir + "/packs/" + regime + ".json");
        for (const auto& doc : pack.at("regime").at("documents"))
            ids.push_back(doc.at("id").get<std::string>());
        return ids;
    };
    auto known = [&](const std::string& regime, const std::string& doc) {
        const auto ids = documents(regime);
        return std::find(ids.begin(), ids.end(), doc) != ids.end();
    };
    std::size_t checked = 0;
    for (const auto& k : kinds()->kinds())
        for (const auto& r : k.regimes)
            for (const auto& c : r.citations) {
                INFO(k.id << " " << r.regime << " " << c.document);
                CHECK(known(r.regime, c.document));
                ++checked;
            }
    for (const auto& it : kinds()->items()) {
        INFO(it.id);
        CHECK(known(it.regime, it.citation.document));
    }
    CHECK(checked > 60);
}

TEST_CASE("An events file loads into a log indexed by unit and kind", "[event]") {
    const auto log = load(worked_examples);
    const auto& k = *kinds();
    const auto o = org();
    REQUIRE(log.size() == 2);
    const std::size_t snv = o.find("SNV"), conf = k.find("conference_held");
    const auto [first, last] = log.range(snv, conf);
    REQUIRE(last - first == 1);
    CHECK(log.date(first) == d("2025-03-20"));
    CHECK(log.value(first, "covers_year")->number == 2024);
    CHECK(log.value(first, "present")->number == 58);
    CHECK_FALSE(log.value(first, "dispersed_units")->present);
    CHECK(log.source(first).document == "05/BB-SNV");
    CHECK(log.source(first).row == 4);
    CHECK(log.origin(first).text() == "events.json:/events/0");
    CHECK(log.find_id(snv, "HN-2024") == first);
    const std::size_t pub = k.find("item_publicised");
    const auto [p0, p1] = log.range(snv, pub);
    REQUIRE(p1 - p0 == 1);
    const auto& f = k[pub].fields[k[pub].find_field("item")];
    CHECK(f.values[static_cast<std::size_t>(log.value(p0, "item")->number)] == "l10-art46-2");
    CHECK(log.value(p0, "posted_to")->number == d("2025-02-10"));
    CHECK(log.value(p0, "document")->text == "01/KH-SNV");
    CHECK_FALSE(log.value(p0, "confidential")->present);
    CHECK(log.source(p0).document.empty()); // no source given
    CHECK(log.origin(p0).text() == "events.json:/events/1");
    REQUIRE(log.nones().size() == 1);
    CHECK(log.none_origin(0).text() == "events.json:/none/0");
    CHECK(log.range(o.find("THPT"), conf).first == log.range(o.find("THPT"), conf).second);
}

TEST_CASE("Every bad event record is an error naming the file and the JSON pointer", "[event]") {
    auto one = [](const std::string& fields) {
        return R"({"events": [{"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", )" + fields +
               "}]}";
    };
    SECTION("an unknown kind") {
        const auto m = error_for(R"({"events": [{"unit": "SNV", "kind": "party", "date": "2025-03-20"}]})");
        CHECK(has(m, "events.json:/events/0/kind"));
        CHECK(has(m, "unknown event kind \"party\""));
    }
    SECTION("an unknown field") {
        const auto m = error_for(one(R"("session": "regular", "attendance": 5)"));
        CHECK(has(m, "events.json:/events/0/attendance"));
        CHECK(has(m, "unknown field \"attendance\""));
    }
    SECTION("a field of the wrong type") {
        const auto m = error_for(one(R"("session": "regular", "present": "many")"));
        CHECK(has(m, "events.json:/events/0/present"));
        CHECK(has(m, "expected a whole number"));
        CHECK(has(error_for(one(R"("session": "annual")")), "events.json:/events/0/session"));
        CHECK(has(error_for(one(R"("session": "regular", "present": -1)")), "below the minimum 0"));
        CHECK(has(error_for(one(R"("session": "regular", "convened_on": "2025-02-30")")),
                  "events.json:/events/0/convened_on"));
    }
    SECTION("a missing required field") {
        const auto m = error_for(one(R"("present": 5)"));
        CHECK(has(m, "events.json:/events/0"));
        CHECK(has(m, "missing required field \"session\""));
    }
    SECTION("a date no regime covers") {
        // Decree 04/2015 took effect on 25/02/2015: nothing before it is in force.
        const auto m =
            error_for(R"({"events": [{"unit": "SNV", "kind": "conference_held", "date": "2014-12-31",
                                     "session": "regular"}]})");
        CHECK(has(m, "events.json:/events/0/date"));
        CHECK(has(m, "no regime"));
    }
    SECTION("an event for a unit not in the organisation") {
        const auto m =
            error_for(R"({"events": [{"unit": "XYZ", "kind": "conference_held", "date": "2025-03-20",
                                     "session": "regular"}]})");
        CHECK(has(m, "events.json:/events/0"));
        CHECK(has(m, "unit \"XYZ\" is not in the organisation"));
    }
    SECTION("the same event twice") {
        const auto m = error_for(R"({"events": [
            {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular", "present": 58},
            {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular", "present": 57}]})");
        CHECK(has(m, "events.json:/events/1"));
        CHECK(has(m, "already recorded at events.json:/events/0"));
        // A different identity (an extraordinary session the same day) is another event.
        CHECK(error_for(R"({"events": [
            {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular"},
            {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "extraordinary"}]})")
                  .empty());
        CHECK(has(error_for(R"({"events": [
            {"unit": "SNV", "kind": "training", "date": "2025-03-20", "id": "T1"},
            {"unit": "SNV", "kind": "training", "date": "2025-04-20", "id": "T1"}]})"),
                  "events.json:/events/1/id"));
    }
    SECTION("a declared none beside an event of its kind inside its window") {
        const auto m = error_for(R"({"events": [
            {"unit": "SNV", "kind": "extraordinary_conference_requested", "date": "2025-02-03", "requested_by": "union"}],
          "none": [{"unit": "SNV", "kind": "extraordinary_conference_requested", "from": "2025-01-01", "to": "2025-06-30"}]})");
        CHECK(has(m, "events.json:/none/0"));
        CHECK(has(m, "events.json:/events/0"));
    }
    SECTION("a declared none that ends before it starts") {
        CHECK(has(
            error_for(
                R"({"none": [{"unit": "SNV", "kind": "training", "from": "2025-06-30", "to": "2025-01-01"}]})"),
            "events.json:/none/0/to"));
    }
}

TEST_CASE("Lenient loading leaves bad records out and lists each one", "[event]") {
    std::vector<danchu::input_problem> problems;
    const auto log = load(R"({"events": [
        {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular"},
        {"unit": "SNV", "kind": "party", "date": "2025-03-20"},
        {"unit": "XYZ", "kind": "training", "date": "2025-03-20"},
        {"unit": "SNV", "kind": "training", "date": "2025-03-20", "participants": "all"},
        {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular"},
        {"unit": "SNV", "kind": "training", "date": "2014-01-01"},
        {"unit": "SNV", "kind": "extraordinary_conference_requested", "date": "2025-02-03", "requested_by": "head"}],
      "none": [{"unit": "SNV", "kind": "extraordinary_conference_requested", "from": "2025-01-01", "to": "2025-06-30"},
               {"unit": "SNV", "kind": "training", "from": "2025-04-01", "to": "2025-06-30"}]})",
                          &problems);
    CHECK(log.size() == 2);
    CHECK(log.nones().size() == 1);
    std::vector<std::string> got;
    for (const auto& p : problems) got.push_back(p.kind + " " + p.location);
    CHECK(got == std::vector<std::string>{"unknown_kind /events/1/kind", "unknown_unit /events/2",
                                          "invalid_value /events/3/participants",
                                          "uncovered_date /events/5/date", "duplicate_event /events/4",
                                          "none_conflict /none/0"});
    for (const auto& p : problems) CHECK(p.source == "events.json");
}

TEST_CASE("A declared none is evidence; not reporting stays unknown", "[event]") {
    const auto log = load(R"({"none": [
        {"unit": "SNV", "kind": "review_held", "from": "2025-01-01", "to": "2025-06-30"},
        {"unit": "SNV", "kind": "review_held", "from": "2025-07-01", "to": "2025-12-31"}]})");
    const auto o = org();
    const std::size_t review = kinds()->find("review_held");
    using danchu::occurrence_state;
    // Two declarations together cover the year without a gap.
    auto a = danchu::happened_in(log, o.find("SNV"), review, {d("2025-01-01"), d("2025-12-31")});
    CHECK(a.state == occurrence_state::declared_none);
    CHECK(a.declarations.size() == 2);
    // A window reaching past the declarations is not covered: unknown.
    CHECK(danchu::happened_in(log, o.find("SNV"), review, {d("2025-06-01"), d("2026-01-31")}).state ==
          occurrence_state::not_reported);
    // A unit that declared nothing has not reported.
    CHECK(danchu::happened_in(log, o.find("THPT"), review, {d("2025-01-01"), d("2025-12-31")}).state ==
          occurrence_state::not_reported);
    const auto with = load(worked_examples);
    const auto h = danchu::happened_in(with, o.find("SNV"), kinds()->find("item_publicised"),
                                       {d("2025-01-01"), d("2025-12-31")});
    CHECK(h.state == occurrence_state::happened);
    CHECK(h.events.size() == 1);
    // A window that ends before it starts is a caller's error, named.
    const auto m = error_of<danchu::argument_error>([&] {
        danchu::happened_in(log, o.find("SNV"), review, {d("2025-12-31"), d("2025-01-01")});
    });
    CHECK(has(m, "ends (2025-01-01) before it starts (2025-12-31)"));
}

TEST_CASE("The annual conference for working year 2024 under Law 10/2022 ends on 31 March 2025", "[event]") {
    // Law 10/2022 Art. 51(1): once a year after the working year ends and no
    // later than 3 months into the next working year. For a calendar working
    // year 2024 that is 01/01/2025 – 31/03/2025 (legal brief §8 row 23).
    const auto windows = danchu::load_event_windows(data_dir);
    const auto* l10 = windows.annual_rule("vn.law-10-2022");
    REQUIRE(l10 != nullptr);
    CHECK(l10->citation.article == "51");
    const auto w =
        danchu::annual_conference_window(windows.years, *l10, danchu::year_basis::working_year, 2024);
    CHECK(danchu::to_iso(w.from) == "2025-01-01");
    CHECK(danchu::to_iso(w.to) == "2025-03-31");

    const auto o = org();
    auto conference = [&](const char* date, const char* covers) {
        const std::string c = covers ? std::string(R"(, "covers_year": )") + covers : std::string();
        return load(R"({"events": [{"unit": "SNV", "kind": "conference_held", "date": ")" +
                    std::string(date) + R"(", "session": "regular")" + c + "}]}");
    };
    using danchu::occurrence_state;
    auto for_2024 = [&](const danchu::event_log& log) {
        return danchu::annual_conference_for(log, windows.years, *l10, o.find("SNV"),
                                             danchu::unit_kind::department, 2024);
    };
    SECTION("31/03/2025 is inside") {
        const auto a = for_2024(conference("2025-03-31", "2024"));
        CHECK(a.answer.state == occurrence_state::happened);
        CHECK(a.on_time == std::vector<bool>{true});
    }
    SECTION("01/04/2025 is outside: the conference covers 2024 but is late") {
        const auto a = for_2024(conference("2025-04-01", "2024"));
        CHECK(a.answer.state == occurrence_state::happened);
        CHECK(a.on_time == std::vector<bool>{false});
    }
    SECTION("20/03/2025, the issue's example, counts for 2024, not 2025") {
        const auto log = conference("2025-03-20", "2024");
        CHECK(for_2024(log).on_time == std::vector<bool>{true});
        CHECK(danchu::annual_conference_for(log, windows.years, *l10, o.find("SNV"),
                                            danchu::unit_kind::department, 2025)
                  .answer.state == occurrence_state::not_reported);
    }
    SECTION("without covers_year a conference counts only inside the window") {
        CHECK(for_2024(conference("2025-03-31", nullptr)).answer.state == occurrence_state::happened);
        CHECK(for_2024(conference("2025-04-01", nullptr)).answer.state == occurrence_state::not_reported);
    }
    SECTION("a declaration covering the window is declared none") {
        const auto log = load(R"({"none": [{"unit": "SNV", "kind": "conference_held", "from": "2025-01-01",
                                   "to": "2025-03-31"}]})");
        CHECK(for_2024(log).answer.state == occurrence_state::declared_none);
    }
}

TEST_CASE("School years and the Decree 04/2015 year-end window come from data", "[event]") {
    const auto windows = danchu::load_event_windows(data_dir);
    const auto& years = windows.years;
    using danchu::year_basis;
    CHECK(years.basis_for(danchu::unit_kind::school) == year_basis::school_year);
    CHECK(years.basis_for(danchu::unit_kind::department) == year_basis::working_year);
    const auto sy = years.year(year_basis::school_year, 2024);
    CHECK(danchu::to_iso(sy.from) == "2024-09-01");
    CHECK(danchu::to_iso(sy.to) == "2025-08-31");
    CHECK(years.year_of(year_basis::school_year, d("2025-08-31")) == 2024);
    CHECK(years.year_of(year_basis::school_year, d("2025-09-01")) == 2025);
    // Law 10/2022 Art. 51(1) for school year 2024–2025: the first three
    // months of school year 2025–2026.
    const auto l10 = danchu::annual_conference_window(years, *windows.annual_rule("vn.law-10-2022"),
                                                      year_basis::school_year, 2024);
    CHECK(danchu::to_iso(l10.from) == "2025-09-01");
    CHECK(danchu::to_iso(l10.to) == "2025-11-30");
    // Circular 01/2016 Art. 3(1), "at year-end", with danchu's default setting
    // of one month before to two months after: December 2018 – February 2019.
    const auto* d04 = windows.annual_rule("vn.decree-04-2015");
    REQUIRE(d04 != nullptr);
    CHECK(d04->setting);
    const auto w = danchu::annual_conference_window(years, *d04, year_basis::working_year, 2018);
    CHECK(danchu::to_iso(w.from) == "2018-12-01");
    CHECK(danchu::to_iso(w.to) == "2019-02-28");
    // A school's conference for school year 2024 under Law 10 counts in its window.
    const auto log = load(R"({"events": [{"unit": "THPT", "kind": "conference_held", "date": "2025-10-15",
                              "session": "regular", "covers_year": 2024, "year_basis": "school_year"}]})");
    const auto a = danchu::annual_conference_for(log, years, *windows.annual_rule("vn.law-10-2022"),
                                                 org().find("THPT"), danchu::unit_kind::school, 2024);
    CHECK(a.answer.state == danchu::occurrence_state::happened);
    CHECK(a.on_time == std::vector<bool>{true});
}

TEST_CASE("Time limits and month steps", "[event]") {
    const auto windows = danchu::load_event_windows(data_dir);
    auto weekdays = [](day_number x) { return danchu::weekday_of(x) < danchu::weekday::sat; };
    // Circular 01/2016 Art. 9(1): convene within 15 days of the request.
    const auto* tt01 = windows.limit("d04-extraordinary-convening");
    REQUIRE(tt01 != nullptr);
    CHECK(danchu::to_iso(danchu::time_limit_end(*tt01, d("2019-03-01"), weekdays)) == "2019-03-16");
    // Law 10/2022 Art. 47(2): 5 working days; Friday 03/01/2025 -> Friday 10/01/2025.
    const auto* pub = windows.limit("l10-publicise");
    REQUIRE(pub != nullptr);
    CHECK(danchu::to_iso(danchu::time_limit_end(*pub, d("2025-01-03"), weekdays)) == "2025-01-10");
    // Law 10/2022 Art. 48: posted at least 20 consecutive days, the first counted.
    CHECK(danchu::to_iso(danchu::time_limit_end(*windows.limit("l10-posting"), d("2025-01-06"), weekdays)) ==
          "2025-01-25");
    CHECK(danchu::to_iso(danchu::add_months(d("2024-08-31"), 3)) == "2024-11-30");
    CHECK(danchu::to_iso(danchu::add_months(d("2024-01-31"), 1)) == "2024-02-29");
    CHECK(danchu::to_iso(danchu::add_months(d("2025-01-01"), -1)) == "2024-12-01");
}

TEST_CASE("An events file streams from disk, checked across files", "[event]") {
    const std::string dir = std::filesystem::temp_directory_path().string() + "/";
    const std::string a = dir + "danchu_event_test_a.json", b = dir + "danchu_event_test_b.json";
    {
        std::ofstream(a) << worked_examples;
        std::ofstream(b) << R"({"events": [{"unit": "SNV", "kind": "conference_held", "date": "2025-03-20",
                                 "session": "regular"}]})";
    }
    const auto o = org();
    const auto m = error_of<danchu::evidence_error>([&] { danchu::load_events({a, b}, kinds(), o); });
    CHECK(has(m, "danchu_event_test_b.json:/events/0"));
    CHECK(has(m, "already recorded at " + a + ":/events/0"));
    CHECK(danchu::load_events({a}, kinds(), o).size() == 2);
    std::remove(a.c_str());
    std::remove(b.c_str());
}

TEST_CASE("Lists of objects are typed item by item", "[event]") {
    const auto log =
        load(R"({"events": [{"unit": "SNV", "kind": "inspection_board_elected", "date": "2024-03-15",
        "members": [{"name": "Trần Văn C", "role": "head", "position": "staff"},
                    {"name": "Lê Thị D", "role": "member"}], "recognised_on": "2024-03-19"}]})");
    REQUIRE(log.size() == 1);
    const auto* members = log.value(0, "members");
    REQUIRE(members != nullptr);
    REQUIRE(members->items.size() == 2);
    CHECK(members->items[1].items[0].text == "Lê Thị D");
    CHECK_FALSE(members->items[1].items[2].present);
    const auto m =
        error_for(R"({"events": [{"unit": "SNV", "kind": "inspection_board_elected", "date": "2024-03-15",
        "members": [{"name": "Trần Văn C", "role": "head"}, {"name": "Lê Thị D", "role": "chair"}]}]})");
    CHECK(has(m, "events.json:/events/0/members/1/role"));
    CHECK(has(m, "\"chair\" is not one of head, deputy, member"));
    CHECK(
        has(error_for(R"({"events": [{"unit": "SNV", "kind": "inspection_board_elected", "date": "2024-03-15",
        "members": [{"role": "head"}]}]})"),
            "missing required field \"name\""));
}

TEST_CASE("A bad kinds table is an error naming the file and what is wrong", "[event]") {
    const auto kinds_doc = danchu::detail::read_json_file(data_dir + "/events/kinds.json");
    const auto items_doc = danchu::detail::read_json_file(data_dir + "/events/publicity-items.json");
    SECTION("an unknown key, with its JSON pointer") {
        auto k = kinds_doc;
        k["kinds"][2]["fields"][0]["unit"] = "persons";
        const auto m = error_of<danchu::parse_error>(
            [&] { danchu::event_kinds_from_json(k, "kinds.json", items_doc, "items.json"); });
        CHECK(has(m, "kinds.json:/kinds/2/fields/0/unit"));
    }
    SECTION("an item triggered by an unknown kind") {
        auto it = items_doc;
        it["items"][4]["applies"]["triggered_by"][0] = "scandal";
        const auto m = error_of<danchu::evidence_error>(
            [&] { danchu::event_kinds_from_json(kinds_doc, "kinds.json", it, "items.json"); });
        CHECK(has(m, "unknown event kind \"scandal\""));
        CHECK(has(m, "kinds.json and items.json"));
    }
    SECTION("a field name reserved for the event itself") {
        auto k = kinds_doc;
        k["kinds"][0]["fields"][0]["name"] = "date";
        k["kinds"][0]["identity"] = nlohmann::json::array();
        const auto m = error_of<danchu::evidence_error>(
            [&] { danchu::event_kinds_from_json(k, "kinds.json", items_doc, "items.json"); });
        CHECK(has(m, "reserved"));
    }
}

TEST_CASE("References to other events are checked once the log is complete", "[event]") {
    const auto log = load(R"({"events": [
        {"unit": "SNV", "kind": "extraordinary_conference_requested", "date": "2025-02-03", "id": "R1",
         "requested_by": "staff", "signatures": 30},
        {"unit": "SNV", "kind": "conference_held", "date": "2025-02-14", "session": "extraordinary", "request": "R1"},
        {"unit": "SNV", "kind": "recommendation_answered", "date": "2025-03-01", "recommendation": "K9"},
        {"unit": "SNV", "kind": "item_publicised", "date": "2025-03-02", "item": "l10-art46-8", "trigger": "R1"}]})");
    const auto issues = danchu::unresolved_references(log);
    REQUIRE(issues.size() == 2);
    // In log order (unit, kind in table order, date): the answer, then the publication.
    std::vector<std::string> where;
    for (const auto& i : issues) where.push_back(i.location);
    CHECK(where == std::vector<std::string>{"/events/2/recommendation", "/events/3/trigger"});
    CHECK(has(issues[0].message, "events.json:/events/2/recommendation"));
    CHECK(has(issues[0].message, "\"K9\" is not the id of any event"));
    CHECK(has(issues[1].message, "not the id of an event of kind inspection_concluded"));
    CHECK(issues[1].kind == "unresolved_reference");
}

TEST_CASE("Events and declared nones read from CSV, errors naming the line and column", "[event]") {
    const auto o = org();
    auto read = [&](const std::string& text, std::vector<danchu::event_issue>* issues = nullptr) {
        danchu::event_log_builder b(kinds(), o);
        if (issues) b.set_problem_sink(issues);
        danchu::add_events_csv(b, *kinds(), text, "events.csv", issues);
        return b.build();
    };
    const auto log = read(
        "unit,kind,date,id,session,covers_year,present,form_agreed_with_union,source.document,source.row\n"
        "SNV,conference_held,2025-03-20,HN-2024,regular,2024,58,có,05/BB-SNV,4\n"
        "SNV,training,2025-05-02,,,,,,,\n");
    REQUIRE(log.size() == 2);
    const std::size_t conf = log.range(o.find("SNV"), kinds()->find("conference_held")).first;
    CHECK(log.value(conf, "present")->number == 58);
    CHECK(log.value(conf, "form_agreed_with_union")->number == 1);
    CHECK(log.source(conf).row == 4);
    CHECK(log.origin(conf).text() == "events.csv:line 2");
    const auto nones = read("unit,kind,from,to,note\nSNV,review_held,2025-01-01,2025-12-31,không tổ chức\n");
    REQUIRE(nones.nones().size() == 1);
    CHECK(nones.nones()[0].note == "không tổ chức");

    auto error = [&](const std::string& text) {
        try {
            read(text);
        } catch (const danchu::error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(has(error("unit,kind,date,present\nSNV,conference_held,2025-03-20,many\n"),
              "events.csv:line 2, column present"));
    CHECK(has(error("unit,kind,date,session\nSNV,conference_held,2025-03-20,\n"),
              "events.csv:line 2: missing required field \"session\""));
    CHECK(has(error("unit,kind,date,topic\nSNV,conference_held,2025-03-20,x\n"),
              "events.csv:line 2, column topic"));
    CHECK(has(error("unit,kind,date,colour\n"), "unknown column \"colour\""));
    CHECK(has(error("unit,kind,date,session\nSNV,conference_held,2014-03-20,regular\n"),
              "events.csv:line 2, column date"));
    CHECK(has(error("unit,kind,date,session\nSNV,conference_held,2025-03-20,regular\nSNV,conference_held,"
                    "2025-03-20,regular\n"),
              "events.csv:line 3: the same conference_held event"));
    std::vector<danchu::event_issue> issues;
    const auto lenient = read("unit,kind,date,present,session\nSNV,conference_held,2025-03-20,many,regular\n"
                              "SNV,conference_held,2025-03-21,50,regular\n",
                              &issues);
    CHECK(lenient.size() == 1);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].location == "line 2, column present");
}
