// A period judged under the law in force on each day (issue 11 item 5): Law
// 10/2022 is in force from 01/07/2023 (Art. 90(1)); before, Decree 04/2015
// and Circular 01/2016 governed. A 2023 assessment judges the January 2023
// conference (covering 2022) under Circular 01/2016 Art. 3(1), and the Law 10
// segment finds no annual conference due (the one covering 2023 falls due by
// 31/03/2024, Law 10 Art. 51(1)).
#include "catch.hpp"
#include "shared_data.hpp"

#include <danchu/evidence/event_io.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/rules/by_date.hpp>
#include <danchu/scoring/combine.hpp>
#include <danchu/scoring/io.hpp>

#include <string>
#include <vector>

namespace {

using danchu_test::data_dir;
using danchu_test::dictionary;

const danchu::organisation& org() { return danchu_test::events_organisation(); }

const danchu::pack_library& lib() {
    static const danchu::pack_library l(data_dir);
    return l;
}

danchu::event_log events(const std::string& text) {
    return danchu::events_from_json(danchu::detail::parse_json_text(text, "<test>"), "events.json",
                                    danchu_test::event_kinds(), org());
}

danchu::dated_findings judge(const std::string& text, const std::string& period) {
    const auto log = events(text);
    return danchu::evaluate_by_date(lib(), danchu::regime_choice::from_library(lib()), dictionary(), org(),
                                    log, danchu_test::event_windows(), danchu::assessment_period(period),
                                    nullptr, nullptr);
}

danchu::verdict verdict_of(const danchu::dated_findings& d, const std::string& unit,
                           const std::string& rule) {
    const std::size_t r = d.rules.find(rule);
    REQUIRE(r != danchu::rule_set::npos);
    return d.findings.at(org().find(unit), r);
}

// SNV held its conference on 15/01/2023 and recorded a briefing in each half (a unit
// that recorded nothing in a segment has not reported it: its rules stay unknown there).
const std::string january_2023 =
    R"({"events": [{"unit": "SNV", "kind": "conference_held", "date": "2023-01-15", "session": "regular",
        "covers_year": 2022, "form": "full", "summoned": 64, "present": 58, "votes_for": 55},
        {"unit": "SNV", "kind": "briefing_held", "date": "2023-03-06"},
        {"unit": "SNV", "kind": "briefing_held", "date": "2023-09-05"}]})";

} // namespace

TEST_CASE("regime_segments cuts 2023 at 01/07/2023 and leaves other periods whole", "[by_date]") {
    const auto choice = danchu::regime_choice::from_library(lib());
    const auto y2023 = danchu::regime_segments(choice, danchu::assessment_period("2023"));
    REQUIRE(y2023.size() == 2);
    CHECK(y2023[0].regime == "vn.decree-04-2015");
    CHECK(y2023[0].period.label() == "2023-01-01/2023-06-30");
    CHECK(y2023[1].regime == "vn.law-10-2022");
    CHECK(y2023[1].period.label() == "2023-07-01/2023-12-31");
    for (const char* p : {"2023-H1", "2023-H2", "2024", "2018-H1"}) {
        const auto one = danchu::regime_segments(choice, danchu::assessment_period(p));
        REQUIRE(one.size() == 1);
        CHECK(one.front().period.label() == p); // the period itself, label kept
    }
    CHECK(danchu::regime_segments(choice, danchu::assessment_period("2023-H1")).front().regime ==
          "vn.decree-04-2015");
    CHECK(danchu::regime_segments(choice, danchu::assessment_period("2023-H2")).front().regime ==
          "vn.law-10-2022");
}

TEST_CASE(
    "a 2023 assessment judges the January conference under Decree 04 and finds nothing due under Law 10",
    "[by_date]") {
    const auto d = judge(january_2023, "2023");
    REQUIRE(d.segments.size() == 2);
    CHECK(d.rules.rules().size() > d.segments[0].plan->rules().rules().size());
    CHECK(d.rules.rules().size() < d.segments[0].plan->rules().rules().size() +
                                       d.segments[1].plan->rules().rules().size()); // Decree 64's, once
    CHECK(d.findings.rule_count() == d.rules.rules().size());
    // Circular 01/2016 Art. 3(1), danchu's December-February window: held 15/01/2023, on time.
    CHECK(verdict_of(d, "SNV", "D04-ART5-CONF-ANNUAL") == danchu::verdict::pass);
    CHECK(verdict_of(d, "SNV", "D04-TT01-CONF-QUORUM") == danchu::verdict::pass);
    // Law 10 Art. 51(1): the conference due in July-December 2023 is none (2022's fell due
    // by 31/03/2023, before the law; 2023's by 31/03/2024).
    CHECK(verdict_of(d, "SNV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::not_applicable);
    CHECK(verdict_of(d, "SNV", "L10-ART51-CONF-VOTE") == danchu::verdict::not_applicable);
    // BV recorded nothing at all: not reported in either segment.
    CHECK(verdict_of(d, "BV", "D04-ART5-CONF-ANNUAL") == danchu::verdict::unknown);
    CHECK(verdict_of(d, "BV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::unknown);
    // The segment of each rule.
    CHECK(d.segments_of_rule("D04-ART5-CONF-ANNUAL") == std::vector<std::size_t>{0});
    CHECK(d.segments_of_rule("L10-ART51-CONF-ANNUAL") == std::vector<std::size_t>{1});
    CHECK(d.segments_of_rule("D64-HEAD-RECEPTION-MONTHLY") == std::vector<std::size_t>{0, 1});
}

TEST_CASE("the same conference judged under Law 10 alone fails the 2023 assessment (the old behaviour)",
          "[by_date]") {
    // Regression: before issue 11 item 5, the period's last day chose Law 10 for all of 2023,
    // and the January conference, lawful under Circular 01, was judged under Law 10.
    const auto log = events(january_2023);
    const danchu::evaluation_plan l10(lib().load_set("vn.law-10-2022"), dictionary());
    const auto facts = danchu::derive_evidence(log, danchu_test::event_windows(), dictionary(), org(),
                                               danchu::assessment_period("2023"), {"vn.law-10-2022", {}});
    const auto t = danchu::evaluate(l10, org(), facts.facts,
                                    danchu::evaluation_options(danchu::assessment_period("2023")));
    // Law 10 alone judges the conference covering 2022 (due by 31/03/2023): held 15/01/2023, inside.
    CHECK(t.at(org().find("SNV"), l10.rules().find("L10-ART51-CONF-ANNUAL")) == danchu::verdict::pass);
    // By date, the Law 10 segment does not judge it at all; Decree 04's rules do.
    const auto d = judge(january_2023, "2023");
    CHECK(verdict_of(d, "SNV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::not_applicable);
    CHECK(verdict_of(d, "SNV", "D04-ART5-CONF-ANNUAL") == danchu::verdict::pass);
}

TEST_CASE("an annual conference falls due in the first half: the second half finds none due", "[by_date]") {
    // Law 10 Art. 51(1): the conference covering 2023 falls due by 31/03/2024, inside 2024-H1.
    const std::string held =
        R"({"events": [{"unit": "SNV", "kind": "conference_held", "date": "2024-02-20", "session": "regular",
            "covers_year": 2023, "form": "full", "summoned": 64, "present": 58, "votes_for": 55},
            {"unit": "SNV", "kind": "briefing_held", "date": "2024-09-05"}]})";
    CHECK(verdict_of(judge(held, "2024-H1"), "SNV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::pass);
    CHECK(verdict_of(judge(held, "2024"), "SNV", "L10-ART51-CONF-ANNUAL") == danchu::verdict::pass);
    CHECK(verdict_of(judge(held, "2024-H2"), "SNV", "L10-ART51-CONF-ANNUAL") ==
          danchu::verdict::not_applicable);
}

TEST_CASE("combine_schemes weighs each regime's criteria by its share of the days", "[by_date][scoring]") {
    auto d04 = std::make_shared<const danchu::scoring_scheme>(
        danchu::find_scoring_scheme("default-vn.decree-04-2015", data_dir));
    auto l10 = std::make_shared<const danchu::scoring_scheme>(
        danchu::find_scoring_scheme("default-vn.law-10-2022", data_dir));
    const auto both = danchu::combine_schemes({{d04, 181.0 / 365.0, {"H1", "H1"}}, {l10, 184.0 / 365.0, {}}});
    CHECK(both->criteria().size() == d04->criteria().size() + l10->criteria().size());
    CHECK(both->main_maximum() == Approx(100.0));
    CHECK(both->criteria().front().id == d04->criteria().front().id + "@1");
    CHECK(both->criteria().front().max_points == Approx(d04->criteria().front().max_points * 181.0 / 365.0));
    CHECK(both->criteria().back().id == l10->criteria().back().id + "@2");
    CHECK(both->bands().size() == l10->bands().size());
    CHECK_THROWS_AS(danchu::combine_schemes({{d04, 0.5, {}}, {l10, 0.4, {}}}), danchu::argument_error);
    CHECK_THROWS_AS(danchu::combine_schemes({}), danchu::argument_error);
}

TEST_CASE("rule_set and finding_table concatenate; a rule in two parts is kept once", "[by_date]") {
    const auto a = lib().load_set("vn.decree-04-2015");
    const auto b = lib().load_set("vn.law-10-2022");
    const auto both = danchu::rule_set::concatenate({&a, &b});
    // Decree 64/2014's citizen-reception rules are in both packs: kept once.
    std::size_t shared = 0;
    for (const auto& r : b.rules()) shared += a.find(r.id) != danchu::rule_set::npos;
    CHECK(shared > 0);
    CHECK(both.rules().size() == a.rules().size() + b.rules().size() - shared);
    CHECK(both.id() == "vn.decree-04-2015 + vn.law-10-2022");
    CHECK(danchu::rule_set::concatenate({&a, &a}).rules().size() == a.rules().size());
    danchu::finding_table t1({{"R1", {}, 1.0, danchu::severity::medium, danchu::confidence::verified, {}}},
                             {"A", "B"});
    danchu::finding_table t2({{"R2", {}, 1.0, danchu::severity::medium, danchu::confidence::verified, {}}},
                             {"A", "B"});
    t1.set(1, 0, danchu::verdict::fail, 0.0);
    t2.set(0, 0, danchu::verdict::pass, 1.0);
    const auto t = danchu::finding_table::concatenate({&t1, &t2});
    CHECK(t.rule_count() == 2);
    CHECK(t(1, 0) == danchu::verdict::fail);
    CHECK(t(0, 1) == danchu::verdict::pass);
    // The same rule on both sides: the worse verdict.
    danchu::finding_table t3({{"R1", {}, 1.0, danchu::severity::medium, danchu::confidence::verified, {}}},
                             {"A", "B"});
    t3.set(0, 0, danchu::verdict::fail, 0.0);
    t3.set(1, 0, danchu::verdict::not_applicable, 0.0);
    t1.set(0, 0, danchu::verdict::pass, 1.0);
    const auto twice = danchu::finding_table::concatenate({&t1, &t3});
    CHECK(twice.rule_count() == 1);
    CHECK(twice(0, 0) == danchu::verdict::fail);
    CHECK(twice.credit(0, 0) == 0.0);
    CHECK(twice(1, 0) == danchu::verdict::fail); // fail (t1) over not applicable (t3)
    CHECK(danchu::finding_table::combine_verdicts(danchu::verdict::pass, danchu::verdict::not_applicable) ==
          danchu::verdict::pass);
    CHECK(danchu::finding_table::combine_verdicts(danchu::verdict::unknown, danchu::verdict::pass) ==
          danchu::verdict::unknown);
    CHECK(danchu::finding_table::combine_verdicts(danchu::verdict::fail, danchu::verdict::error) ==
          danchu::verdict::error);
    danchu::finding_table other({}, {"A"});
    CHECK_THROWS_AS(danchu::finding_table::concatenate({&t1, &other}), danchu::argument_error);
}
