// From per-period facts to dated events (issue 11, docs/events-migration.md):
// what converts, what stays a fact, what cannot be converted and why, and the
// round trip facts -> events -> derived facts -> the same verdicts.
#include "catch.hpp"
#include "shared_data.hpp"

#include <danchu/evidence/derive.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/evidence/migrate.hpp>
#include <danchu/rules/evaluate.hpp>
#include <sample/evidence.hpp>
#include <sample/province.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace {

using danchu_test::data_dir;
using danchu_test::dictionary;
using danchu_test::has;
using nlohmann::json;

const danchu::organisation& org() { return danchu_test::events_organisation(); }
const std::shared_ptr<const danchu::event_kinds>& kinds() { return danchu_test::event_kinds(); }
const danchu::event_windows& windows() { return danchu_test::event_windows(); }

const char* const facts_2018_h1 = R"({"period": "2018-H1", "units": {
  "SNV": {"conference.held_on": {"value": "2018-01-20", "source": {"document": "02/BB-SNV"}},
          "conference.type": "full", "conference.summoned": 64, "conference.attendance": 60,
          "conference.resolution_votes_for": 50,
          "extra.request_received": false, "bttnd.exists": false,
          "briefings.held_on": ["2018-01-05", "2018-02-02"],
          "consultation.held": true, "publicity.d04_items_published": 8,
          "citizens.reception_place": true},
  "BV": {"regulation.issued_on": "2016-03-01", "bttnd.supervisions_held": 0}}})";

} // namespace

TEST_CASE("migrate: dates become events, no becomes a declared none, the rest is named", "[migrate]") {
    const auto ev = danchu::evidence_from_json(json::parse(facts_2018_h1), "h1.json", dictionary(), org());
    danchu::migration m;
    danchu::migrate_evidence(ev, "h1.json", danchu::assessment_period("2018-H1"), *kinds(), windows(), m);
    const json doc = m.events_document();
    // The conference: one event with its fields; covers_year inferred (Circular 01/2016 Art. 3(1) window).
    const auto& conf = doc["events"][0];
    CHECK(conf["kind"] == "conference_held");
    CHECK(conf["date"] == "2018-01-20");
    CHECK(conf["covers_year"] == 2017);
    CHECK(conf["present"] == 60);
    CHECK(conf["form"] == "full");
    CHECK(conf["source"]["document"] == "02/BB-SNV");
    CHECK(conf["source"]["file"] == "h1.json");
    std::size_t briefings = 0, regulations = 0;
    for (const auto& e : doc["events"]) {
        briefings += e["kind"] == "briefing_held";
        regulations += e["kind"] == "democracy_regulation" && e["unit"] == "BV" && e["action"] == "issued";
    }
    CHECK(briefings == 2);
    CHECK(regulations == 1);
    // No request, no board, no supervision: declared nones.
    std::set<std::string> nones;
    for (const auto& n : doc["none"])
        nones.insert(n["unit"].get<std::string>() + "/" + n["kind"].get<std::string>());
    CHECK(nones == std::set<std::string>{"SNV/extraordinary_conference_requested",
                                         "SNV/inspection_board_elected", "BV/inspection_board_supervision"});
    // A standing state stays a fact; a yes or a count without dates is named, not dropped.
    CHECK(m.standing_document("2018-H1")["units"]["SNV"]["citizens.reception_place"] == true);
    std::set<std::string> unconverted;
    for (const auto& n : m.notes)
        if (!n.converted) unconverted.insert(n.fact);
    CHECK(unconverted == std::set<std::string>{"consultation.held", "publicity.d04_items_published"});
    CHECK(m.unconverted() == 2);
    for (const auto& n : m.notes)
        if (n.fact == "publicity.d04_items_published") CHECK(has(n.message, "which items"));
}

TEST_CASE("migrate round trip: the events give the converted facts' verdicts back", "[migrate]") {
    const auto ev = danchu::evidence_from_json(json::parse(facts_2018_h1), "h1.json", dictionary(), org());
    danchu::migration m;
    danchu::migrate_evidence(ev, "h1.json", danchu::assessment_period("2018-H1"), *kinds(), windows(), m);
    const auto log = danchu::events_from_json(m.events_document(), "events.json", kinds(), org());
    const auto standing =
        danchu::evidence_from_json(m.standing_document("2018-H1"), "standing.json", dictionary(), org());
    const danchu::assessment_period p("2018-H1");
    const auto derived =
        danchu::derive_evidence(log, windows(), dictionary(), org(), p, {"vn.decree-04-2015", {}}, &standing);
    static const danchu::pack_library lib(data_dir);
    const danchu::evaluation_plan plan(lib.load_set("vn.decree-04-2015"), dictionary());
    const danchu::evaluation_options opt(p);
    const auto before = danchu::evaluate(plan, org(), ev, opt);
    const auto after = danchu::evaluate(plan, org(), derived.facts, opt);
    for (const char* rule : {"D04-ART5-CONF-ANNUAL", "D04-TT01-CONF-QUORUM", "D04-TT01-CONF-VOTE",
                             "D04-ART4-BRIEFINGS", "D04-ART13-RECEPTION"})
        for (const char* unit : {"SNV", "BV"}) {
            INFO(rule << " / " << unit);
            CHECK(after.at(org().find(unit), plan.rules().find(rule)) ==
                  before.at(org().find(unit), plan.rules().find(rule)));
        }
}

TEST_CASE("migrate, synthetic: the sample province's evidence becomes valid events", "[migrate]") {
    // Every event the sample migration writes passes the strict loader (kinds, fields, types, duplicates).
    const auto org = danchu::sample::bac_giang_2018(60, 11);
    const auto profiles = danchu::detail::read_json_file(data_dir + "/sample/profiles.json");
    const auto spec =
        danchu::sample::period_from_label("2018-H1", danchu::sample::law_10_2022_from(data_dir));
    const auto g = danchu::sample::generate_period(org, profiles, spec, 11);
    const auto ev = danchu::evidence_from_json(g.evidence, "2018-H1.json", dictionary(), org);
    danchu::migration m;
    danchu::migrate_evidence(ev, "2018-H1.json", danchu::assessment_period("2018-H1"), *kinds(), windows(), m,
                             true);
    std::vector<danchu::input_problem> problems;
    const auto log = danchu::events_from_json(m.events_document(), "events.json", kinds(), org, &problems);
    for (const auto& pr : problems) INFO(pr.message);
    CHECK(problems.empty());
    CHECK(log.size() > org.size());
    CHECK(m.unconverted() == 0);
    const json doc = m.events_document(); // named: a range-for over a member of a temporary dangles
    for (const auto& e : doc["events"])
        if (e.contains("note")) CHECK(has(e["note"].get<std::string>(), "SYNTHETIC"));
}
