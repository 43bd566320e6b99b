// Obligations and the schedule: due dates, statuses and input problems,
// checked by hand against the cited rules.
#include "catch.hpp"

#include <danchu/schedule/schedule.hpp>
#include <danchu/schedule/io.hpp>
#include <sample/sample.hpp>

#include <sstream>
#include <string>

namespace {

std::string data_file(const std::string& rel) {
    return std::string(DANCHU_TEST_SOURCE_DIR) + "/data/obligations/" + rel;
}

danchu::organisation small_org() {
    using danchu::unit_kind;
    return danchu::organisation({
        {"prov", "UBND tỉnh", unit_kind::province, "", 0, {}},
        {"so-noi-vu", "Sở Nội vụ", unit_kind::department, "prov", 40, {{"role", "home_affairs"}}},
        {"a", "Đơn vị A", unit_kind::administrative_agency, "so-noi-vu", 30, {}},
        {"b", "Đơn vị B", unit_kind::public_service_unit, "so-noi-vu", 50, {}},
        {"c", "Đơn vị C", unit_kind::school, "so-noi-vu", 20, {}},
        {"tiny", "Đơn vị nhỏ", unit_kind::administrative_agency, "so-noi-vu", 5, {}},
    });
}

const danchu::occurrence* find(const danchu::schedule& s, const danchu::obligation_set& obs,
                               const danchu::organisation& org, const std::string& ob,
                               const std::string& unit, const std::string& key) {
    for (const auto& oc : s.items)
        if (obs.items()[oc.obligation].id == ob && org[oc.unit].id == unit && oc.key == key) return &oc;
    return nullptr;
}

/// The schedule of 2018, as of a day of it.
danchu::schedule_options year_2018(int month, int day) {
    danchu::schedule_options opts;
    opts.from = danchu::civil_day(2018, 1, 1);
    opts.to = danchu::civil_day(2018, 12, 31);
    opts.as_of = danchu::civil_day(2018, month, day);
    return opts;
}

} // namespace

TEST_CASE("Law 10/2022 annual conference: within three months after the working year", "[schedule]") {
    // Law 10/2022/QH15 Art. 51(1): window 1 Jan – 31 Mar of the next year.
    danchu::obligation_set obs;
    obs.add_file(data_file("vn.law-10-2022.json"));
    const auto org = small_org();
    using day = danchu::civil_day;
    const std::vector<danchu::submission> done = {
        {"a", "annual-conference", "2023", day(2024, 2, 20), "01/BB-HN"},
        {"b", "annual-conference", "2023", day(2024, 4, 3), ""},
        {"c", "annual-conference", "2023", day(2023, 12, 20), ""},
    };
    danchu::schedule_options opts;
    opts.from = day(2024, 1, 1);
    opts.to = day(2024, 12, 31);
    opts.as_of = day(2024, 4, 10);
    const auto s = danchu::build_schedule(obs, org, done, {}, opts);

    const auto* a = find(s, obs, org, "annual-conference", "a", "2023");
    REQUIRE(a != nullptr);
    CHECK(*a->due == day(2024, 3, 31)); // a Sunday; statutory limit kept
    CHECK(a->status == danchu::occurrence_status::done_on_time);
    CHECK(a->document == "01/BB-HN");

    const auto* b = find(s, obs, org, "annual-conference", "b", "2023");
    REQUIRE(b != nullptr);
    CHECK(b->status == danchu::occurrence_status::done_late);
    CHECK(b->working_days_late == 3); // Mon 1, Tue 2, Wed 3 April 2024

    // C held it in December 2023, before the window opened: not valid for 2023.
    const auto* c = find(s, obs, org, "annual-conference", "c", "2023");
    REQUIRE(c != nullptr);
    CHECK(c->status == danchu::occurrence_status::overdue);
    CHECK(c->working_days_late == 8); // 1–5 and 8–10 April 2024
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].message.find("before the window opens on 2024-01-01") != std::string::npos);

    // The People's Inspection Board is not required with 7 staff or fewer
    // (Art. 60(1)): no occurrence for "tiny", "unknown" for the others.
    CHECK(find(s, obs, org, "inspection-board-election", "tiny", "term") == nullptr);
    const auto* t = find(s, obs, org, "inspection-board-election", "a", "term");
    REQUIRE(t != nullptr);
    CHECK(t->status == danchu::occurrence_status::unknown);
    CHECK_FALSE(t->due.has_value());
}

TEST_CASE("Bắc Giang six-monthly reports follow the Decree 09/2019 half-year windows", "[schedule]") {
    danchu::obligation_set obs;
    obs.add_file(data_file("vn.bac-giang.2018-05-09.json"));
    const auto org = small_org();
    using day = danchu::civil_day;
    const auto opts = year_2018(6, 1);
    // The Department's report may be recorded under the Department itself.
    const std::vector<danchu::submission> done = {
        {"so-noi-vu", "doha-six-monthly-report", "2018-H1", day(2018, 6, 19), "123/BC-SNV"},
        {"nowhere", "doha-six-monthly-report", "2018-H1", day(2018, 6, 19), ""},
        {"so-noi-vu", "no-such-obligation", "2018-H1", day(2018, 6, 19), ""},
    };
    const auto s = danchu::build_schedule(obs, org, done, {}, opts);

    const auto* doha = find(s, obs, org, "doha-six-monthly-report", "prov", "2018-H1");
    REQUIRE(doha != nullptr);
    CHECK(*doha->due == day(2018, 6, 20)); // Wednesday
    CHECK(*doha->opens == day(2017, 12, 15));
    // Regression: as of 1 June the report sent on 19 June has not been sent
    // yet (it used to count as done on time: statuses looked into the future).
    CHECK(doha->status == danchu::occurrence_status::due_soon);
    CHECK_FALSE(doha->done_on.has_value());
    {
        auto later = opts;
        later.as_of = day(2018, 6, 21);
        const auto s2 = danchu::build_schedule(obs, org, done, {}, later);
        const auto* d2 = find(s2, obs, org, "doha-six-monthly-report", "prov", "2018-H1");
        REQUIRE(d2 != nullptr);
        CHECK(d2->status == danchu::occurrence_status::done_on_time);
        CHECK(d2->document == "123/BC-SNV");
    }

    // Units' report: the 17th of June 2018 is a Sunday -> Monday the 18th.
    const auto* unit = find(s, obs, org, "unit-six-monthly-report", "so-noi-vu", "2018-H1");
    REQUIRE(unit != nullptr);
    CHECK(*unit->due == day(2018, 6, 18));
    CHECK(unit->status == danchu::occurrence_status::due_soon);
    const auto* h2 = find(s, obs, org, "unit-six-monthly-report", "so-noi-vu", "2018-H2");
    REQUIRE(h2 != nullptr);
    CHECK(*h2->due == day(2018, 12, 17)); // Monday
    CHECK(h2->status == danchu::occurrence_status::upcoming);

    REQUIRE(s.problems.size() == 2);
    CHECK(s.problems[0].message == "unknown unit \"nowhere\"");
    CHECK(s.problems[1].message == "unknown obligation \"no-such-obligation\"");

    const auto next = danchu::agenda(s, opts.as_of, 30);
    REQUIRE_FALSE(next.empty());
    for (const auto* oc : next) CHECK(*oc->due <= opts.as_of + 30);
}

TEST_CASE("Decree 04/2015 era: extraordinary conferences and board terms", "[schedule]") {
    danchu::obligation_set obs;
    obs.add_file(data_file("vn.decree-04-2015.json"));
    const auto org = small_org();
    using day = danchu::civil_day;
    danchu::schedule_options opts;
    opts.from = day(2018, 1, 1);
    opts.to = day(2018, 12, 31);
    opts.as_of = day(2019, 1, 10);
    // A calendar where 31/12/2018 (swap) and 01/01/2019 are days off
    // (Dispatch 6519/VPCP-KGVX; calendar brief §2.3).
    opts.is_working_day = [](danchu::civil_day d) {
        const auto w = d.day_of_week();
        return w != danchu::weekday::sat && w != danchu::weekday::sun &&
               d != danchu::civil_day(2018, 12, 31) && d != danchu::civil_day(2019, 1, 1);
    };
    const std::vector<danchu::trigger_event> events = {
        {"a", "extraordinary_request", "req-1", day(2018, 3, 2)},
        {"a", "no_such_event", "x", day(2018, 3, 2)},
    };
    const std::vector<danchu::submission> done = {
        {"a", "extraordinary-conference", "req-1", day(2018, 3, 19), ""},
        {"b", "inspection-board-election", "", day(2016, 12, 20), ""},
    };
    const auto s = danchu::build_schedule(obs, org, done, events, opts);

    // Circular 01/2016 Art. 9(1): 15 days after the request of 2 March.
    const auto* x = find(s, obs, org, "extraordinary-conference", "a", "req-1");
    REQUIRE(x != nullptr);
    CHECK(*x->due == day(2018, 3, 17));
    CHECK(x->status == danchu::occurrence_status::done_late);
    CHECK(x->working_days_late == 1); // Sat 17, Sun 18 off; Mon 19

    // Two-year term from 20/12/2016: due 20/12/2018, still open on 10/01/2019.
    const auto* e = find(s, obs, org, "inspection-board-election", "b", "term after 2016-12-20");
    REQUIRE(e != nullptr);
    CHECK(*e->due == day(2018, 12, 20));
    CHECK(e->status == danchu::occurrence_status::overdue);
    CHECK(e->working_days_late == 13); // 21, 24–28 Dec; 2–4, 7–10 Jan

    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].message.find("no_such_event") != std::string::npos);
}

TEST_CASE("obligation files are validated with the JSON pointer of the mistake", "[schedule]") {
    danchu::obligation_set obs;
    auto doc = nlohmann::json::parse(R"({"id": "x", "title": {"vi": "x", "en": "x"},
        "obligations": [{"id": "o", "title": {"vi": "a", "en": "a"},
          "responsible": {"vi": "a", "en": "a"}, "source": {"document": "d"},
          "confidence": "verified", "applies_to": ["school"], "recurrence": {"every": "year"},
          "due": {"rule": "fixed_date", "month": 13, "day": 1}, "fulfilled_by": "f"}]})");
    try {
        obs.add(doc, "bad.json");
        FAIL("expected a parse_error");
    } catch (const danchu::parse_error& e) {
        CHECK(e.pointer() == "/obligations/0/due/month");
        CHECK(std::string(e.what()).find("expected an integer from 1 to 12") != std::string::npos);
    }
    doc["obligations"][0]["due"]["month"] = 12;
    doc["obligations"][0]["applies_to"][0] = "ministry";
    CHECK_THROWS_AS(obs.add(doc, "bad.json"), danchu::parse_error);
    doc["obligations"][0]["applies_to"][0] = "school";
    doc["obligations"][0]["colour"] = "red";
    CHECK_THROWS_WITH(obs.add(doc, "bad.json"), danchu_test::contains("/obligations/0/colour"));
}

TEST_CASE("the sample province is shaped like Bắc Giang in 2018 and deterministic", "[schedule][sample]") {
    const auto a = danchu::sample::bac_giang_2018(330, 7);
    const auto b = danchu::sample::bac_giang_2018(330, 7);
    REQUIRE(a.size() == 330);
    std::size_t districts = 0, departments = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].id == b[i].id);
        CHECK(a[i].staff == b[i].staff);
        districts += a[i].kind == danchu::unit_kind::district ? 1 : 0;
        departments += a[i].kind == danchu::unit_kind::department ? 1 : 0;
    }
    CHECK(districts == 10);
    CHECK(departments == 20);
    CHECK_THROWS_AS(danchu::sample::bac_giang_2018(10), danchu::argument_error);
}

TEST_CASE("records streamed from a file equal records from the parsed document", "[schedule]") {
    auto both = [](const std::string& text) {
        std::string dom, streamed;
        auto flat = [](const danchu::schedule_records& r) {
            std::string s;
            for (const auto& x : r.submissions)
                s += x.unit + "|" + x.obligation + "|" + x.occurrence + "|" + danchu::to_iso(x.done_on) +
                     "|" + x.document + ";";
            for (const auto& x : r.events)
                s += x.unit + "|" + x.event + "|" + x.id + "|" + danchu::to_iso(x.date) + ";";
            return s;
        };
        try {
            dom = flat(danchu::schedule_records_from_json(nlohmann::json::parse(text), "r.json"));
        } catch (const danchu::error& e) {
            dom = e.what();
        }
        try {
            std::istringstream in(text);
            streamed = flat(danchu::schedule_records_from_json_stream(in, "r.json"));
        } catch (const danchu::error& e) {
            streamed = e.what();
        }
        CHECK(dom == streamed);
        return streamed;
    };
    CHECK(
        both(
            R"({"submissions": [{"unit": "a", "obligation": "o", "occurrence": "2018", "done_on": "2018-01-02"},
                                   {"unit": "b", "obligation": "o", "done_on": "2018-01-03", "document": "1/BC"}],
                  "events": [{"unit": "a", "event": "e", "id": "r1", "date": "2018-02-01"}]})") ==
        "a|o|2018|2018-01-02|;b|o||2018-01-03|1/BC;a|e|r1|2018-02-01;");
    for (const char* bad :
         {R"({"submissions": [{"unit": "a", "obligation": "o", "done_on": "2018-02-30"}]})",
          R"({"submissions": {"x": 1}})", R"({"events": [5]})", R"({"other": []})",
          R"({"submissions": [{"unit": "a", "obligation": "o", "done_on": "2018-01-02", "x": 1}]})"})
        CHECK(both(bad).find("r.json:/") != std::string::npos);
    CHECK(both(R"({"submissions": [{"unit": "a", "obligation": "o", "done_on": "2018-02-30"}]})")
              .find("r.json:/submissions/0/done_on") != std::string::npos);
}

// Regression (issue 15, item 8): a submission for occurrence "2018-H3" was
// dropped by the schedule (so by `danchu agenda`) without a word; only the
// report's assembly listed it. The schedule lists it now, for every caller.
TEST_CASE("a submission for an occurrence that does not exist is listed", "[schedule][regression]") {
    danchu::obligation_set obs;
    obs.add_file(data_file("vn.bac-giang.2018-05-09.json"));
    const auto org = small_org();
    using day = danchu::civil_day;
    const auto opts = year_2018(6, 30);
    const std::vector<danchu::submission> done = {
        {"so-noi-vu", "unit-six-monthly-report", "2018-H3", day(2018, 6, 10), ""},
        {"so-noi-vu", "unit-six-monthly-report", "2018-H1", day(2018, 6, 10), ""},
    };
    const auto s = danchu::build_schedule(obs, org, done, {}, opts);
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].where == "submission #1 (so-noi-vu, unit-six-monthly-report)");
    CHECK(s.problems[0].message == "occurrence \"2018-H3\" does not exist: expected a half-year YYYY-H1 or "
                                   "YYYY-H2; the submission is not counted");
    const auto* h1 = find(s, obs, org, "unit-six-monthly-report", "so-noi-vu", "2018-H1");
    REQUIRE(h1 != nullptr);
    CHECK(h1->status == danchu::occurrence_status::done_on_time);
}

// Issue 11, item 8: an obligations file's `effective` period was read and
// ignored, so the Bắc Giang letter's reports (and Decree 04/2015's conferences)
// kept falling due after the regime ended on 30/06/2023.
TEST_CASE("obligations are owed only while their file is in force", "[schedule][regression]") {
    danchu::obligation_set obs;
    obs.add_file(data_file("vn.decree-04-2015.json"));
    obs.add_file(data_file("vn.bac-giang.2018-05-09.json"));
    const auto org = small_org();
    using day = danchu::civil_day;
    danchu::schedule_options opts;
    opts.from = day(2023, 1, 1);
    opts.to = day(2024, 12, 31);
    opts.as_of = day(2024, 12, 31);
    const auto s = danchu::build_schedule(obs, org, {}, {}, opts);
    // The half-year closing 14/06/2023 is still the letter's (units by Monday
    // 19 June, the 17th being a Saturday); the next is not.
    const auto* h1 = find(s, obs, org, "unit-six-monthly-report", "so-noi-vu", "2023-H1");
    REQUIRE(h1 != nullptr);
    CHECK(*h1->due == day(2023, 6, 19));
    CHECK(find(s, obs, org, "doha-six-monthly-report", "prov", "2023-H1") != nullptr);
    CHECK(find(s, obs, org, "unit-six-monthly-report", "so-noi-vu", "2023-H2") == nullptr);
    CHECK(find(s, obs, org, "doha-six-monthly-report", "prov", "2023-H2") == nullptr);
    CHECK(find(s, obs, org, "annual-review", "so-noi-vu", "2023") == nullptr);
    // Decree 04/2015: the 2022 conference (due 31/01/2023) is owed; 2023's is not.
    CHECK(find(s, obs, org, "annual-conference", "a", "2022") != nullptr);
    CHECK(find(s, obs, org, "annual-conference", "a", "2023") == nullptr);
    for (const auto& oc : s.items)
        if (oc.due) CHECK(*oc.due <= day(2023, 7, 3)); // at most moved off a weekend

    // Before the letter (09/05/2018): its 2017 review is not owed.
    opts.from = day(2017, 1, 1);
    opts.to = day(2017, 12, 31);
    opts.as_of = day(2018, 1, 10);
    const auto s17 = danchu::build_schedule(obs, org, {}, {}, opts);
    CHECK(find(s17, obs, org, "annual-review", "so-noi-vu", "2017") == nullptr);
    CHECK(find(s17, obs, org, "unit-six-monthly-report", "so-noi-vu", "2017-H2") == nullptr);
    CHECK(find(s17, obs, org, "annual-conference", "a", "2016") != nullptr);

    auto doc = nlohmann::json::parse(R"({"id": "x", "title": {"vi": "x", "en": "x"},
        "effective": {"from": "2023-07-01", "to": "2023-06-30"}, "obligations": []})");
    danchu::obligation_set bad;
    CHECK_THROWS_WITH(bad.add(doc, "bad.json"), danchu_test::contains("/effective/to"));
    doc["effective"] = {{"from", "2023-02-30"}};
    CHECK_THROWS_WITH(bad.add(doc, "bad.json"), danchu_test::contains("/effective/from"));
}

TEST_CASE("Law 10/2022: the resolution check is owed by communes too, from 01/07/2023", "[schedule]") {
    // Art. 52(3) with Art. 2(1), as the pack's rule L10-ART52-6M-RESOLUTION-CHECK.
    danchu::obligation_set obs;
    obs.add_file(data_file("vn.law-10-2022.json"));
    using danchu::unit_kind;
    const danchu::organisation org({
        {"prov", "UBND tỉnh", unit_kind::province, "", 0, {}},
        {"xa", "UBND xã", unit_kind::commune, "prov", 25, {}},
        {"b", "Đơn vị B", unit_kind::public_service_unit, "prov", 50, {}},
    });
    using day = danchu::civil_day;
    danchu::schedule_options opts;
    opts.from = day(2023, 1, 1);
    opts.to = day(2024, 12, 31);
    opts.as_of = day(2024, 3, 1);
    // b's board: elected 01/02/2019, then 01/03/2021; the second term ended on
    // 01/03/2023, under Decree 04/2015, and no election followed.
    const std::vector<danchu::submission> done = {
        {"xa", "resolution-check", "2024-H1", day(2024, 6, 20), ""},
        {"b", "inspection-board-election", "", day(2019, 2, 1), ""},
        {"b", "inspection-board-election", "", day(2021, 3, 1), ""},
    };
    const auto s = danchu::build_schedule(obs, org, done, {}, opts);
    CHECK(s.problems.empty()); // the commune's check applies to it
    const auto* xa = find(s, obs, org, "resolution-check", "xa", "2024-H1");
    REQUIRE(xa != nullptr);
    CHECK(*xa->due == day(2024, 6, 30));
    // The law takes effect on 01/07/2023: nothing is owed for 2023-H1.
    CHECK(find(s, obs, org, "resolution-check", "xa", "2023-H1") == nullptr);
    CHECK(find(s, obs, org, "resolution-check", "xa", "2023-H2") != nullptr);
    // A board stays until the next election (Decree 59/2023 Art. 29(2)): the
    // open term that ended before the law is still owed, the closed one is not.
    const auto* open = find(s, obs, org, "inspection-board-election", "b", "term after 2021-03-01");
    REQUIRE(open != nullptr);
    CHECK(open->status == danchu::occurrence_status::overdue);
    CHECK(find(s, obs, org, "inspection-board-election", "b", "term after 2019-02-01") == nullptr);
}

TEST_CASE("a grouping-only district owes nothing; its People's Committee does", "[schedule]") {
    // Issue 15, item 18: a district marked grouping-only (label grouping=true)
    // is not assessed, so it owes no annual conference and is never overdue.
    danchu::obligation_set obs;
    obs.add_file(data_file("vn.law-10-2022.json"));
    using danchu::unit_kind;
    const danchu::organisation org({
        {"prov", "UBND tỉnh", unit_kind::province, "", 0, {}},
        {"huyen", "Huyện", unit_kind::district, "prov", 0, {{"grouping", "true"}}},
        {"ubnd-huyen", "UBND huyện", unit_kind::district, "huyen", 40, {}},
    });
    danchu::schedule_options opts;
    opts.from = danchu::civil_day(2024, 1, 1);
    opts.to = danchu::civil_day(2024, 12, 31);
    opts.as_of = danchu::civil_day(2024, 4, 10);
    const auto s = danchu::build_schedule(obs, org, {}, {}, opts);
    CHECK(find(s, obs, org, "annual-conference", "huyen", "2023") == nullptr);
    const auto* pc = find(s, obs, org, "annual-conference", "ubnd-huyen", "2023");
    REQUIRE(pc != nullptr);
    CHECK(pc->status == danchu::occurrence_status::overdue);
}
