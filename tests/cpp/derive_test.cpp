// Facts derived from dated events (issue 11): the annual conference a period
// judges (Law 10/2022 Art. 51(1): within three months after the working year),
// declared none vs not reported, publicity item by item (Law 10/2022 Art. 46,
// triggered items 5, 7, 8 and 11), and the packs' verdicts on derived facts.
#include "catch.hpp"
#include "shared_data.hpp"

#include <danchu/evidence/derive.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/rules/explain.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

namespace {

using danchu_test::data_dir;
using danchu_test::dictionary;
using danchu_test::has;

const danchu::organisation& org() { return danchu_test::events_organisation(); }
const std::shared_ptr<const danchu::event_kinds>& kinds() { return danchu_test::event_kinds(); }
const danchu::event_windows& windows() { return danchu_test::event_windows(); }

const danchu::evaluation_plan& l10() {
    static const danchu::pack_library lib(data_dir);
    static const danchu::evaluation_plan p(lib.load_set("vn.law-10-2022"), dictionary());
    return p;
}

danchu::derived_evidence derive(const std::string& events, const std::string& period,
                                const std::string& regime = "vn.law-10-2022") {
    const auto log = danchu::events_from_json(danchu::detail::parse_json_text(events, "<test>"),
                                              "events.json", kinds(), org());
    return danchu::derive_evidence(log, windows(), dictionary(), org(), danchu::assessment_period(period),
                                   {regime, {}});
}

nlohmann::json value(const danchu::derived_evidence& d, const std::string& unit, const std::string& fact) {
    return d.facts.value_json(org().find(unit), dictionary()->find(fact));
}

danchu::verdict verdict_of(const danchu::derived_evidence& d, const std::string& period,
                           const std::string& unit, const std::string& rule) {
    const auto t = danchu::evaluate(l10(), org(), d.facts,
                                    danchu::evaluation_options(danchu::assessment_period(period)));
    return t.at(org().find(unit), l10().rules().find(rule));
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string conference(const std::string& date, int covers) {
    return R"({"events": [{"unit": "SNV", "kind": "conference_held", "date": ")" + date +
           R"(", "session": "regular", "covers_year": )" + std::to_string(covers) +
           R"(, "form": "full", "summoned": 64, "present": 58, "votes_for": 55}]})";
}

} // namespace

TEST_CASE("the conference covering 2024, held 20/03/2025, is judged in 2025 and passes", "[derive]") {
    // Issue 11: it failed L10-ART51-CONF-ANNUAL when 2024 was assessed.
    const auto d2025 = derive(conference("2025-03-20", 2024), "2025");
    CHECK(value(d2025, "SNV", "conference.held_on") == "2025-03-20");
    CHECK(value(d2025, "SNV", "conference.attendance") == 58);
    CHECK(verdict_of(d2025, "2025", "SNV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::pass);
    // In 2024 the conference due is the one covering 2023: not reported, so unknown, never a failure.
    const auto d2024 = derive(conference("2025-03-20", 2024), "2024");
    CHECK(value(d2024, "SNV", "conference.held_on").is_null());
    CHECK(verdict_of(d2024, "2024", "SNV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::unknown);
    // The derivation says which year and window it judged.
    const auto* x = d2025.find(org().find("SNV"), dictionary()->find("conference.held_on"));
    REQUIRE(x != nullptr);
    CHECK(has(x->note.en, "year 2024"));
    CHECK(has(x->note.en, "2025-03-31"));
}

TEST_CASE("the three months after the working year: 31 March passes, 1 April fails", "[derive]") {
    // Law 10/2022 Art. 51(1); window data in data/events/years.json.
    CHECK(verdict_of(derive(conference("2025-03-31", 2024), "2025"), "2025", "SNV",
                     "L10-ART51-CONF-ANNUAL") == danchu::verdict::pass);
    const auto late = derive(conference("2025-04-01", 2024), "2025");
    CHECK(value(late, "SNV", "conference.held_on") == "2025-04-01");
    CHECK(verdict_of(late, "2025", "SNV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::fail);
    // A conference held in H1 judged in the six-monthly assessment of H1.
    CHECK(verdict_of(derive(conference("2025-02-10", 2024), "2025-H1"), "2025-H1", "SNV",
                     "L10-ART51-CONF-ANNUAL") == danchu::verdict::pass);
}

TEST_CASE("the window follows the unit's year: a school year, and a second-half assessment", "[derive]") {
    // data/events/years.json counts schools in school years (from 1 September, a setting):
    // the conference for school year 2024-2025 is due from 01/09/2025 to 30/11/2025.
    const auto school =
        derive(R"({"events": [{"unit": "THPT", "kind": "conference_held", "date": "2025-10-15",
        "session": "regular", "covers_year": 2024, "year_basis": "school_year"}]})",
               "2025");
    CHECK(value(school, "THPT", "conference.window_from") == "2025-09-01");
    CHECK(value(school, "THPT", "conference.window_to") == "2025-11-30");
    CHECK(verdict_of(school, "2025", "THPT", "L10-ART51-CONF-ANNUAL") == danchu::verdict::pass);
    // The second half of 2025 finds no annual conference due: the one covering 2024 fell due on
    // 31/03/2025, in the first half, where it is judged (issue 11: a period covers the obligations
    // falling due in it). SNV reported the half: a briefing in September.
    std::string with_h2 = conference("2025-03-20", 2024);
    with_h2.insert(with_h2.rfind(']'), R"(, {"unit": "SNV", "kind": "briefing_held", "date": "2025-09-05"})");
    const auto h2 = derive(with_h2, "2025-H2");
    CHECK(value(h2, "SNV", "conference.window_to") == "2025-03-31");
    CHECK(value(h2, "SNV", "conference.held_on").is_null()); // not judged again
    CHECK(verdict_of(h2, "2025-H2", "SNV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::not_applicable);
    CHECK(verdict_of(h2, "2025-H2", "SNV", "L10-ART51-CONF-VOTE") == danchu::verdict::not_applicable);
    CHECK(verdict_of(derive(conference("2025-03-20", 2024), "2025-H1"), "2025-H1", "SNV",
                     "L10-ART51-CONF-ANNUAL") == danchu::verdict::pass);
    // Without anything recorded for the half, the unit has not reported it.
    CHECK(value(derive(conference("2025-03-20", 2024), "2025-H2"), "SNV", "conference.held_on").is_null());
}

TEST_CASE("declared none fails a rule that needs the event; not reported stays unknown", "[derive]") {
    const std::string none = R"({"events": [], "none": [
        {"unit": "SNV", "kind": "conference_held", "from": "2025-01-01", "to": "2025-03-31"}]})";
    const auto d = derive(none, "2025");
    const auto snv = org().find("SNV"), held_on = dictionary()->find("conference.held_on");
    CHECK(d.facts.declared_none(snv, held_on));
    CHECK_FALSE(d.facts.has(snv, held_on));
    CHECK(verdict_of(d, "2025", "SNV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::fail);
    CHECK(verdict_of(d, "2025", "BV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::unknown); // nothing said

    const auto x =
        danchu::explain(l10(), org(), d.facts, danchu::evaluation_options(danchu::assessment_period("2025")),
                        "SNV", "L10-ART51-CONF-ANNUAL");
    CHECK(x.result == danchu::verdict::fail);
    CHECK(x.declared_none == std::vector<std::string>{"conference.held_on"});
    CHECK(x.missing.empty());
    CHECK(has(x.reason.en, "declared"));
    CHECK(has(x.to_text("vi"), "khai báo không có"));
    CHECK(x.to_json()["declared_none"] == nlohmann::json::array({"conference.held_on"}));

    // A declaration that covers only part of the window is not a declaration of none.
    const auto partial = derive(R"({"events": [], "none": [
        {"unit": "SNV", "kind": "conference_held", "from": "2025-01-01", "to": "2025-02-28"}]})",
                                "2025");
    CHECK_FALSE(partial.facts.declared_none(snv, held_on));
    CHECK(verdict_of(partial, "2025", "SNV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::unknown);
}

TEST_CASE("counts, lists and yes/no facts: a declared none is a value", "[derive]") {
    const auto d = derive(R"({"events": [
        {"unit": "SNV", "kind": "resolution_checked", "date": "2025-06-20", "period": "2025-H1",
         "staff_notified_on": "2025-06-25"},
        {"unit": "SNV", "kind": "resolution_checked", "date": "2025-12-15", "period": "2025-H2"}],
      "none": [
        {"unit": "SNV", "kind": "extraordinary_conference_requested", "from": "2025-01-01", "to": "2025-12-31"},
        {"unit": "SNV", "kind": "inspection_board_recommendation", "from": "2025-01-01", "to": "2025-12-31"},
        {"unit": "SNV", "kind": "briefing_held", "from": "2025-01-01", "to": "2025-12-31"}]})",
                          "2025");
    CHECK(value(d, "SNV", "extra.request_received") == false);
    CHECK(value(d, "SNV", "bttnd.recommendations_received") == 0);
    CHECK(value(d, "SNV", "briefings.held_on") == nlohmann::json::array());
    CHECK(value(d, "SNV", "resolution.checks_on") == nlohmann::json::array({"2025-06-20", "2025-12-15"}));
    CHECK(value(d, "SNV", "resolution.check_results_notified") == false); // the December check told no one
    CHECK(value(d, "BV", "extra.request_received").is_null());
    const auto* x = d.find(org().find("SNV"), dictionary()->find("extra.request_received"));
    REQUIRE(x != nullptr);
    CHECK(x->state == danchu::occurrence_state::declared_none);
    CHECK(x->declarations.size() == 1);
}

TEST_CASE("an extraordinary request and the conference that answers it", "[derive]") {
    const auto d = derive(R"({"events": [
        {"unit": "SNV", "kind": "extraordinary_conference_requested", "date": "2025-05-02", "id": "YC-1",
         "requested_by": "union", "signatures": 30},
        {"unit": "SNV", "kind": "conference_held", "date": "2025-05-20", "session": "extraordinary",
         "request": "YC-1", "convened_on": "2025-05-12"}]})",
                          "2025");
    CHECK(value(d, "SNV", "extra.request_received") == true);
    CHECK(value(d, "SNV", "extra.requested_on") == "2025-05-02");
    CHECK(value(d, "SNV", "extra.requester") == "union");
    CHECK(value(d, "SNV", "extra.convened") == true);
    CHECK(value(d, "SNV", "extra.convened_on") == "2025-05-12");
    const auto unanswered = derive(R"({"events": [
        {"unit": "SNV", "kind": "extraordinary_conference_requested", "date": "2025-05-02", "id": "YC-1",
         "requested_by": "staff"}]})",
                                   "2025");
    CHECK(value(unanswered, "SNV", "extra.convened") == false);
}

TEST_CASE("publicity item by item: triggered items are due only after their trigger", "[derive]") {
    // Law 10/2022 Art. 46: always-on items every year; items 5, 7, 8 and 11 when something happened.
    std::string events = R"({"events": [)";
    std::size_t always = 0;
    for (const auto& it : kinds()->items()) {
        if (it.regime != "vn.law-10-2022" || it.when != danchu::publicity_applies::always) continue;
        events += std::string(always++ ? "," : "") +
                  R"({"unit": "SNV", "kind": "item_publicised", "date": "2025-02-03",
            "item": ")" +
                  it.id + R"(", "subject": "s", "form": "posting", "decided_on": "2025-01-27",
            "posted_from": "2025-02-03", "posted_to": "2025-02-28"})";
    }
    REQUIRE(always > 0);
    const std::string triggered = R"(,{"unit": "SNV", "kind": "inspection_concluded", "date": "2025-04-10",
        "matter": "inspection", "subject": "Thanh tra 2025"})";
    const auto quiet = derive(events + "]}", "2025");
    CHECK(value(quiet, "SNV", "publicity.items_missing") == 0); // nothing else was due
    CHECK(verdict_of(quiet, "2025", "SNV", "L10-ART46-PUBLICIZE") == danchu::verdict::pass);
    CHECK(value(quiet, "SNV", "publicity.min_posting_days") == 26);
    CHECK(value(quiet, "SNV", "publicity.max_delay_working_days") == 5); // 27/01 (Mon) to 03/02 (Mon)

    const auto after_inspection = derive(events + triggered + "]}", "2025");
    CHECK(value(after_inspection, "SNV", "publicity.items_missing") == 1); // item 8: inspection results
    CHECK(verdict_of(after_inspection, "2025", "SNV", "L10-ART46-PUBLICIZE") == danchu::verdict::fail);
    const auto* x = after_inspection.find(org().find("SNV"), dictionary()->find("publicity.items_missing"));
    REQUIRE(x != nullptr);
    CHECK(has(x->note.en, "Not publicised: l10-art46-8 ("));
    // Under Decree 04/2015 the same events are judged against its Art. 7 list (what-if, item 7).
    const auto d04 = derive(events + triggered + "]}", "2025", "vn.decree-04-2015");
    CHECK(value(d04, "SNV", "publicity.items_missing").get<int>() >= 1);
}

TEST_CASE("derive_evidence: bad arguments are named", "[derive]") {
    const auto log = danchu::events_from_json(nlohmann::json{{"events", nlohmann::json::array()}}, "e.json",
                                              kinds(), org());
    const danchu::assessment_period p("2025");
    CHECK_THROWS_WITH(danchu::derive_evidence(log, windows(), dictionary(), org(), p, {"vn.nowhere", {}}),
                      danchu_test::contains("regime \"vn.nowhere\""));
    CHECK_THROWS_WITH(danchu::derive_evidence(log, windows(), nullptr, org(), p, {"vn.law-10-2022", {}}),
                      danchu_test::contains("fact dictionary is null"));
    const danchu::organisation other({{"X", "X", danchu::unit_kind::province, "", 0, {}}});
    CHECK_THROWS_WITH(danchu::derive_evidence(log, windows(), dictionary(), other, p, {"vn.law-10-2022", {}}),
                      danchu_test::contains("another organisation"));
}

TEST_CASE("derived_fact_keys lists every fact the derivation sets", "[derive]") {
    // A rich log: the publicity, conference, board and list examples of this file, both regimes.
    const std::string events = R"({"events": [
        {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular", "covers_year": 2024,
         "form": "full", "form_agreed_with_union": true, "summoned": 64, "present": 58, "votes_for": 55,
         "presided_by_head": true, "union_co_organised": true, "inspection_board_reported": true,
         "inspection_board_programme_presented": true, "prepared_on": "2025-03-10", "contents": ["l10-art51-3-a"]},
        {"unit": "SNV", "kind": "extraordinary_conference_requested", "date": "2025-05-02", "id": "YC-1",
         "requested_by": "union", "signatures": 30},
        {"unit": "SNV", "kind": "conference_held", "date": "2025-05-20", "session": "extraordinary",
         "request": "YC-1"},
        {"unit": "SNV", "kind": "inspection_board_elected", "date": "2024-05-02", "member_count": 5,
         "deputy_count": 1, "members_head_or_deputy": 0, "members_chief_accountant": 0,
         "special_case_decision": false, "recognised_on": "2024-05-08"},
        {"unit": "SNV", "kind": "inspection_board_programme_adopted", "date": "2025-01-10", "period": "2025"},
        {"unit": "SNV", "kind": "inspection_board_supervision", "date": "2025-06-10", "subject": "a",
         "plan_sent_on": "2025-06-01"},
        {"unit": "SNV", "kind": "inspection_board_reported", "date": "2025-06-30", "to": "union", "period": "2025-H1"},
        {"unit": "SNV", "kind": "inspection_board_recommendation", "date": "2025-07-01", "id": "KN-1", "subject": "b"},
        {"unit": "SNV", "kind": "recommendation_answered", "date": "2025-07-10", "recommendation": "KN-1",
         "resolved": true},
        {"unit": "SNV", "kind": "resolution_checked", "date": "2025-06-20", "period": "2025-H1"},
        {"unit": "SNV", "kind": "democracy_regulation", "date": "2024-01-10", "action": "issued",
         "union_opinion_on": "2024-01-05"},
        {"unit": "SNV", "kind": "democracy_regulation", "date": "2025-01-10", "action": "reviewed"},
        {"unit": "SNV", "kind": "staff_evaluation_completed", "date": "2025-12-20", "staff_comments_used": true},
        {"unit": "SNV", "kind": "staff_consulted", "date": "2025-02-01", "matter": "m", "plan_made": true},
        {"unit": "SNV", "kind": "report_sent", "date": "2025-06-15", "to": "role:chairman", "period": "2025-H1"},
        {"unit": "SNV", "kind": "training", "date": "2025-03-01", "topic": "t"},
        {"unit": "SNV", "kind": "steering_committee_set_up", "date": "2025-03-02", "action": "consolidated"},
        {"unit": "SNV", "kind": "front_coordination", "date": "2025-03-03"},
        {"unit": "SNV", "kind": "democracy_plan_issued", "date": "2025-01-05", "covers_year": 2025,
         "signed_by_head": true, "linked_to_party_building": true},
        {"unit": "SNV", "kind": "review_held", "date": "2025-11-05", "form": "inspection"},
        {"unit": "SNV", "kind": "dissemination_session", "date": "2025-04-01", "topic": "t", "participants": 40},
        {"unit": "SNV", "kind": "staff_dialogue", "date": "2025-04-02"},
        {"unit": "SNV", "kind": "briefing_held", "date": "2025-04-03"},
        {"unit": "SNV", "kind": "head_received_citizens", "date": "2025-04-04"},
        {"unit": "SNV", "kind": "item_publicised", "date": "2025-02-03", "item": "l10-art46-2", "subject": "s",
         "form": "posting", "decided_on": "2025-01-27", "posted_from": "2025-02-03", "posted_to": "2025-02-28"}]})";
    std::set<std::string> seen;
    for (const char* regime : {"vn.law-10-2022", "vn.decree-04-2015"}) {
        const auto d = derive(events, "2025", regime); // named: a range-for over a temporary's member dangles
        for (const auto& x : d.derivations) seen.insert((*dictionary())[x.fact].key);
    }
    const auto& keys = danchu::derived_fact_keys();
    for (const auto& k : seen) {
        INFO(k);
        CHECK(std::find(keys.begin(), keys.end(), k) != keys.end());
    }
    CHECK(seen.size() >= 55); // the example sets nearly every derived fact
}

TEST_CASE("what-if: the same events judged under the other regime give decided verdicts", "[derive]") {
    // Issue 11 item 7: 2018 events under Law 10/2022 no longer give unknown where both regimes
    // speak of the same event (the conference, its quorum, publicity).
    std::string events = R"({"events": [
        {"unit": "SNV", "kind": "conference_held", "date": "2018-01-20", "session": "regular", "covers_year": 2017,
         "form": "full", "summoned": 64, "present": 58, "votes_for": 55})";
    for (const auto& it : kinds()->items())
        if (it.when == danchu::publicity_applies::always)
            events += R"(,{"unit": "SNV", "kind": "item_publicised", "date": "2018-02-05", "item": ")" +
                      it.id + R"(", "subject": "s", "form": "posting"})";
    events += "]}";
    static const danchu::pack_library lib(data_dir);
    const danchu::evaluation_plan d04(lib.load_set("vn.decree-04-2015"), dictionary());
    const danchu::evaluation_options opt(danchu::assessment_period("2018"));
    const auto under_d04 =
        danchu::evaluate(d04, org(), derive(events, "2018", "vn.decree-04-2015").facts, opt);
    const auto under_l10 =
        danchu::evaluate(l10(), org(), derive(events, "2018", "vn.law-10-2022").facts, opt);
    const auto snv = org().find("SNV");
    for (const char* r : {"D04-ART5-CONF-ANNUAL", "D04-TT01-CONF-QUORUM", "D04-ART7-PUBLICIZE"}) {
        INFO(r);
        CHECK(under_d04.at(snv, d04.rules().find(r)) == danchu::verdict::pass);
    }
    for (const char* r : {"L10-ART51-CONF-ANNUAL", "L10-ART51-CONF-QUORUM-VOTE", "L10-ART46-PUBLICIZE"}) {
        INFO(r);
        CHECK(under_l10.at(snv, l10().rules().find(r)) == danchu::verdict::pass);
    }
}

TEST_CASE("without derivations (trace off) the facts are the same", "[derive]") {
    // Regression: a declared none read the last derivation when none were kept (segfault from Python).
    const std::string events = R"({"events": [
        {"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular", "covers_year": 2024},
        {"unit": "SNV", "kind": "item_publicised", "date": "2025-02-03", "item": "l10-art46-2", "subject": "s",
         "form": "posting"}],
      "none": [{"unit": "BV", "kind": "conference_held", "from": "2025-01-01", "to": "2025-03-31"},
               {"unit": "BV", "kind": "item_publicised", "from": "2025-01-01", "to": "2025-12-31"}]})";
    const auto log = danchu::events_from_json(danchu::detail::parse_json_text(events, "<test>"),
                                              "events.json", kinds(), org());
    const danchu::assessment_period p("2025");
    const auto with =
        danchu::derive_evidence(log, windows(), dictionary(), org(), p, {"vn.law-10-2022", {}, true});
    const auto without =
        danchu::derive_evidence(log, windows(), dictionary(), org(), p, {"vn.law-10-2022", {}, false});
    CHECK_FALSE(with.derivations.empty());
    CHECK(without.derivations.empty());
    for (std::size_t u = 0; u < org().size(); ++u)
        for (std::size_t f = 0; f < dictionary()->size(); ++f) {
            INFO(org()[u].id << " / " << (*dictionary())[f].key);
            CHECK(with.facts.value_json(u, f) == without.facts.value_json(u, f));
            CHECK(with.facts.declared_none(u, f) == without.facts.declared_none(u, f));
        }
}

TEST_CASE("a unit that recorded nothing for the period is not reported, whatever it recorded before",
          "[derive]") {
    // Its board elected in 2024 and its regulation of 2023 decide nothing on their own in 2025:
    // a unit reports a period by recording its events or declaring none.
    const std::string events = R"({"events": [
        {"unit": "BV", "kind": "inspection_board_elected", "date": "2024-05-02", "member_count": 5},
        {"unit": "BV", "kind": "democracy_regulation", "date": "2023-08-01", "action": "issued"},
        {"unit": "SNV", "kind": "inspection_board_elected", "date": "2024-05-02", "member_count": 5},
        {"unit": "SNV", "kind": "briefing_held", "date": "2025-02-05"}]})";
    const auto d = derive(events, "2025");
    CHECK(d.facts.value_count() > 0);
    for (std::size_t f = 0; f < dictionary()->size(); ++f) {
        if ((*dictionary())[f].from_organisation) continue;
        INFO((*dictionary())[f].key);
        CHECK_FALSE(d.facts.has(org().find("BV"), f));
    }
    CHECK(value(d, "SNV", "bttnd.exists") == true); // SNV reported the period: its board in term counts
}

TEST_CASE("Law 10 Art. 48: 20 days on the internal site; a written notice replaces only the premises posting",
          "[derive]") {
    // Law 10/2022 Art. 48(1): a unit with an internal site keeps each item there at
    // least 20 consecutive days; Art. 48(2): a unit without one posts it at the
    // premises 20 days, unless a written notice went to all staff.
    const std::string log = R"({"events": [
        {"unit": "SNV", "kind": "item_publicised", "date": "2025-02-03", "item": "l10-art46-1",
         "subject": "kế hoạch 2025", "form": "written_notice_all_staff"},
        {"unit": "SNV", "kind": "item_publicised", "date": "2025-02-04", "item": "l10-art46-1",
         "subject": "kế hoạch 2025", "form": "internal_system", "posted_from": "2025-02-04",
         "posted_to": "2025-02-14"},
        {"unit": "SNV", "kind": "item_publicised", "date": "2025-03-03", "item": "l10-art46-2",
         "form": "posting", "posted_from": "2025-03-03", "posted_to": "2025-03-31"}]})";
    const auto d = derive(log, "2025");
    // The work plan: 11 days on the site (short), but a written notice (enough without a site);
    // the budget: 29 days at the premises, never on the site.
    CHECK(value(d, "SNV", "publicity.items_short_on_site") == 2);
    CHECK(value(d, "SNV", "publicity.items_short_at_premises") == 0);
    const auto* x = d.find(org().find("SNV"), dictionary()->find("publicity.items_short_on_site"));
    REQUIRE(x != nullptr);
    CHECK(has(x->note.en, "l10-art46-1 (kế hoạch 2025)"));
    CHECK(has(x->note.en, "l10-art46-2"));
    // An item whose publications give no posting dates cannot be judged: nothing set.
    const auto undecided = derive(R"({"events": [{"unit": "SNV", "kind": "item_publicised",
        "date": "2025-02-03", "item": "l10-art46-1", "form": "posting"}]})",
                                  "2025");
    CHECK(value(undecided, "SNV", "publicity.items_short_on_site").is_null());
    CHECK(value(undecided, "SNV", "publicity.items_short_at_premises").is_null());
}

TEST_CASE("the Department's report on the period is found by its period, wherever it is dated", "[derive]") {
    // Bắc Giang letter task 5: a report on 2018-H1 sent on 03/07/2018 is late, not absent.
    const std::string log = R"({"events": [
        {"unit": "SNV", "kind": "report_sent", "date": "2018-01-10", "to": "role:chairman", "period": "2017-H2"},
        {"unit": "SNV", "kind": "report_sent", "date": "2018-07-03", "to": "role:chairman", "period": "2018-H1"},
        {"unit": "SNV", "kind": "report_sent", "date": "2018-07-04", "to": "role:home_affairs", "period": "2018-H1"}]})";
    const auto h1 = derive(log, "2018-H1", "vn.decree-04-2015");
    CHECK(value(h1, "SNV", "bg.chairman_report_sent_on") == "2018-07-03");
    CHECK(value(h1, "SNV", "bg.reports_to_chairman") == nlohmann::json::array({"2018-01-10"}));
    const auto h2 = derive(log, "2018-H2", "vn.decree-04-2015");
    CHECK(value(h2, "SNV", "bg.chairman_report_sent_on").is_null());
}

TEST_CASE("the Bắc Giang rule and obligation share the Department's deadline", "[derive]") {
    // The rule measures lateness against day 20 of the period's last month; the
    // obligation doha-six-monthly-report sets the same day: they cannot drift apart.
    const auto obligations = danchu::detail::parse_json_text(
        slurp(data_dir + "/obligations/vn.bac-giang.2018-05-09.json"), "obligations");
    int due_day = 0;
    for (const auto& o : obligations.at("obligations"))
        if (o.at("id") == "doha-six-monthly-report") {
            CHECK(o.at("performed_by") == "role:home_affairs");
            due_day = o.at("due").at("day").get<int>();
        }
    CHECK(due_day == 20);
    const auto pack =
        danchu::detail::parse_json_text(slurp(data_dir + "/packs/vn.bac-giang.2018-05-09.json"), "pack");
    for (const auto& r : pack.at("rules"))
        if (r.at("id") == "BG-2018-T5-DOHA-REPORT") {
            // the 20th is the first working day after the 19th: first day of the last month + 18
            const std::string c = r.at("condition").dump();
            CHECK(has(c, "{\"add_days\":[{\"add_months\":[{\"period_start\":[]},"));
            CHECK(has(c, "]}," + std::to_string(due_day - 2) + "]},1]}"));
        }
}

TEST_CASE("a derived value that breaks its bound is listed and left out, or throws when strict", "[derive]") {
    // 70 present at the conference of a unit of 64 staff (conference.attendance at_most unit.staff).
    const std::string log =
        R"({"events": [{"unit": "SNV", "kind": "conference_held", "date": "2025-03-20", "session": "regular",
            "covers_year": 2024, "form": "full", "summoned": 64, "present": 70, "votes_for": 55}]})";
    CHECK_THROWS_AS(derive(log, "2025"), danchu::evidence_error);
    const auto events = danchu::events_from_json(danchu::detail::parse_json_text(log, "<test>"),
                                                 "events.json", kinds(), org());
    std::vector<danchu::input_problem> problems;
    danchu::derive_options opt{"vn.law-10-2022", {}};
    opt.problems = &problems;
    const auto d = danchu::derive_evidence(events, windows(), dictionary(), org(),
                                           danchu::assessment_period("2025"), opt);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].subject == "SNV");
    CHECK(has(problems[0].message, "conference.attendance"));
    CHECK(has(problems[0].message, "left out"));
    CHECK(value(d, "SNV", "conference.attendance").is_null());
    CHECK(value(d, "SNV", "conference.held_on") == "2025-03-20");
}

TEST_CASE("a derived value's provenance names its document, where danchu read it and who entered it",
          "[derive]") {
    const std::string log = R"({"events": [{"unit": "SNV", "kind": "conference_held", "date": "2025-03-20",
        "session": "regular", "covers_year": 2024, "source": {"document": "BB-01/2025", "file": "snv.xlsx",
        "sheet": "HoiNghi", "row": 7, "entered_by": "Nguyễn Văn A", "entered_on": "2025-04-02"}}]})";
    const auto d = derive(log, "2025");
    const auto* p = d.facts.source(org().find("SNV"), dictionary()->find("conference.held_on"));
    REQUIRE(p != nullptr);
    CHECK(p->document == "BB-01/2025");
    CHECK(p->read_from == "events.json:/events/0 (snv.xlsx!HoiNghi row 7)");
    CHECK(p->entered_by == "Nguyễn Văn A (2025-04-02)");
    const auto x =
        danchu::explain(l10(), org(), d.facts, danchu::evaluation_options(danchu::assessment_period("2025")),
                        "SNV", "L10-ART51-CONF-ANNUAL");
    CHECK(has(x.to_text("en"), "read from events.json:/events/0"));
    CHECK(has(x.to_text("vi"), "người nhập Nguyễn Văn A"));
    CHECK(x.to_json()["facts"][0]["source"]["read_from"] == "events.json:/events/0 (snv.xlsx!HoiNghi row 7)");
}
