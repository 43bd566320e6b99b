// The schedule read from dated events (issue 11: "schedule statuses come from
// the same events"): each obligation names the events that fulfil it
// (data/obligations/*.json `fulfilled_by_event`). Circular 01/2016 Art. 9(1):
// an extraordinary conference within 15 days of the request; Bắc Giang letter
// task 5: the Department's six-monthly report, due on day 20 of the period's
// last month (danchu's default).
#include "catch.hpp"
#include "shared_data.hpp"

#include <danchu/evidence/event_io.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/schedule/from_events.hpp>

#include <string>

namespace {

std::string obligations(const std::string& id) {
    return std::string(DANCHU_TEST_SOURCE_DIR) + "/data/obligations/" + id + ".json";
}

const danchu::organisation& org() { return danchu_test::events_organisation(); }

danchu::event_log events(const std::string& text) {
    return danchu::events_from_json(danchu::detail::parse_json_text(text, "<test>"), "events.json",
                                    danchu_test::event_kinds(), org());
}

const danchu::occurrence* find(const danchu::schedule& s, const danchu::obligation_set& obs,
                               const std::string& ob, const std::string& unit, const std::string& key) {
    for (const auto& oc : s.items)
        if (obs.items()[oc.obligation].id == ob && org()[oc.unit].id == unit && oc.key == key) return &oc;
    return nullptr;
}

} // namespace

TEST_CASE("dated events fulfil the obligations the rules judge them by", "[schedule][events]") {
    danchu::obligation_set obs;
    obs.add_file(obligations("vn.decree-04-2015"));
    obs.add_file(obligations("vn.bac-giang.2018-05-09"));
    const auto log = events(R"({"events": [
        {"unit": "SNV", "kind": "conference_held", "date": "2018-01-20", "session": "regular", "covers_year": 2017},
        {"unit": "BV", "kind": "conference_held", "date": "2018-01-22", "session": "regular"},
        {"unit": "SNV", "kind": "extraordinary_conference_requested", "id": "YC-1", "date": "2018-03-01",
         "requested_by": "union"},
        {"unit": "SNV", "kind": "conference_held", "date": "2018-03-20", "session": "extraordinary",
         "request": "YC-1", "convened_on": "2018-03-12"},
        {"unit": "SNV", "kind": "report_sent", "date": "2018-06-19", "to": "role:chairman", "period": "2018-H1",
         "document": "123/BC-SNV"}]})");
    std::vector<danchu::input_problem> problems;
    danchu::event_record_origins origins;
    const auto rec = danchu::schedule_records_from_events(log, obs, org(), &problems, &origins);
    REQUIRE(rec.submissions.size() == 3); // SNV's regular and extraordinary conferences, the report
    REQUIRE(origins.submissions.size() == 3);
    REQUIRE(rec.events.size() == 1);
    CHECK(rec.events[0].event == "extraordinary_request");
    CHECK(rec.events[0].id == "YC-1");
    // The regular conference without covers_year fulfils nothing, and says so.
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].subject == "BV");
    CHECK(problems[0].location == "/events/1");
    CHECK(problems[0].message.find("covers_year") != std::string::npos);

    danchu::schedule_options opts;
    opts.from = danchu::civil_day(2018, 1, 1);
    opts.to = danchu::civil_day(2018, 12, 31);
    opts.as_of = danchu::civil_day(2018, 6, 30);
    const auto s = danchu::build_schedule(obs, org(), rec.submissions, rec.events, opts);
    CHECK(s.problems.empty());
    const auto* conf = find(s, obs, "annual-conference", "SNV", "2017");
    REQUIRE(conf != nullptr);
    CHECK(conf->status == danchu::occurrence_status::done_on_time); // December to 31 January
    CHECK(*conf->done_on == danchu::civil_day(2018, 1, 20));
    // Convened on 12/03, within 15 days of the request of 01/03 (the convening date counts).
    const auto* extra = find(s, obs, "extraordinary-conference", "SNV", "YC-1");
    REQUIRE(extra != nullptr);
    CHECK(extra->status == danchu::occurrence_status::done_on_time);
    CHECK(*extra->done_on == danchu::civil_day(2018, 3, 12));
    // The Department's report, sent by the unit with role home_affairs, is the province's occurrence.
    const auto* doha = find(s, obs, "doha-six-monthly-report", "prov", "2018-H1");
    REQUIRE(doha != nullptr);
    CHECK(doha->status == danchu::occurrence_status::done_on_time);
    CHECK(doha->document == "123/BC-SNV");
    // BV's conference covers no year: its occurrence stays open.
    const auto* bv = find(s, obs, "annual-conference", "BV", "2017");
    REQUIRE(bv != nullptr);
    CHECK_FALSE(bv->done_on.has_value());
}

TEST_CASE("an obligation naming an event kind the table does not have is an error", "[schedule][events]") {
    danchu::obligation_set obs;
    obs.add(danchu::detail::parse_json_text(R"({"id": "x.obligations", "title": {"vi": "x", "en": "x"},
        "obligations": [{"id": "thing", "title": {"vi": "x", "en": "x"}, "responsible": {"vi": "x", "en": "x"},
        "source": {"document": "X"}, "confidence": "uncertain", "applies_to": ["department"],
        "recurrence": {"every": "year"}, "due": {"rule": "fixed_date", "month": 12, "day": 31},
        "fulfilled_by": "submission", "fulfilled_by_event": {"kind": "no_such_kind"}}]})",
                                            "x.json"),
            "x.json");
    const auto log = events(R"({"events": []})");
    CHECK_THROWS_WITH(danchu::schedule_records_from_events(log, obs, org()),
                      danchu_test::contains("no_such_kind"));
    // A malformed fulfilled_by_event names its pointer.
    danchu::obligation_set bad;
    CHECK_THROWS_WITH(bad.add(danchu::detail::parse_json_text(R"({"id": "x.obligations",
        "title": {"vi": "x", "en": "x"}, "obligations": [{"id": "thing", "title": {"vi": "x", "en": "x"},
        "responsible": {"vi": "x", "en": "x"}, "source": {"document": "X"}, "confidence": "uncertain",
        "applies_to": ["department"], "recurrence": {"every": "year"},
        "due": {"rule": "fixed_date", "month": 12, "day": 31}, "fulfilled_by": "submission",
        "fulfilled_by_event": {"kind": "report_sent", "where": {"to": 3}}}]})",
                                                              "x.json"),
                              "x.json"),
                      danchu_test::contains("/obligations/0/fulfilled_by_event/where/to"));
}

TEST_CASE("records convert to events and back by the obligations' declarations", "[schedule][events]") {
    danchu::obligation_set obs;
    obs.add_file(obligations("vn.decree-04-2015"));
    obs.add_file(obligations("vn.bac-giang.2018-05-09"));
    danchu::schedule_records rec;
    rec.submissions = {
        {"SNV", "annual-conference", "2017", danchu::civil_day(2018, 1, 20), "BB-1"},
        {"SNV", "extraordinary-conference", "YC-1", danchu::civil_day(2018, 3, 12), ""},
        {"SNV", "doha-six-monthly-report", "2018-H1", danchu::civil_day(2018, 6, 19), "123/BC-SNV"},
        {"BV", "no-such-obligation", "2018", danchu::civil_day(2018, 6, 19), ""},
    };
    rec.events = {{"SNV", "extraordinary_request", "YC-1", danchu::civil_day(2018, 3, 1)}};
    std::vector<danchu::input_problem> problems;
    const auto doc = danchu::schedule_records_to_events(rec, obs, *danchu_test::event_kinds(), &problems);
    REQUIRE(problems.size() == 1); // the unknown obligation, listed, not converted
    CHECK(problems[0].location == "/submissions/3");
    REQUIRE(doc["events"].size() == 4);
    CHECK(doc["events"][0]["covers_year"] == 2017);
    CHECK(doc["events"][0]["session"] == "regular");
    CHECK(doc["events"][1]["convened_on"] == "2018-03-12");
    CHECK(doc["events"][2]["to"] == "role:chairman");
    CHECK(doc["events"][3]["kind"] == "extraordinary_conference_requested");
    // ... and back: the same submissions.
    const auto log = danchu::events_from_json(doc, "events.json", danchu_test::event_kinds(), org());
    const auto back = danchu::schedule_records_from_events(log, obs, org());
    REQUIRE(back.submissions.size() == 3);
    REQUIRE(back.events.size() == 1);
    for (std::size_t i = 0; i < 3; ++i) {
        bool found = false;
        for (const auto& s : back.submissions)
            found = found ||
                    (s.unit == rec.submissions[i].unit && s.obligation == rec.submissions[i].obligation &&
                     s.occurrence == rec.submissions[i].occurrence &&
                     s.done_on == rec.submissions[i].done_on && s.document == rec.submissions[i].document);
        CHECK(found);
    }
}
