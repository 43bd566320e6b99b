// Points scorecards: criteria, partial and proportional credit, bonus, points
// awarded by the superior, appraisal side by side with the self-assessment,
// caps, ineligibility, Bắc Giang's three-condition pass rule, and located
// errors for bad configurations. Expected numbers are computed by hand.

#include "catch.hpp"

#include <danchu/scoring/io.hpp>
#include <danchu/rules/findings_io.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <string>
#include <tuple>
#include <vector>

namespace {

using danchu::verdict;

std::string what_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const danchu::error& e) {
        return e.what();
    }
    return "(no error)";
}

// Bắc Giang-like: six self-assessed criteria (20, 20, 15, 15, 15, 15) and the
// three-condition pass rule of legal brief §6.2.
const char* bac_giang_like = R"({
  "id": "bg-test", "title": {"vi": "thử", "en": "test"}, "kind": "scorecard",
  "max_points": 100,
  "criteria": [
    {"id": "c1", "title": {"vi": "1", "en": "1"}, "max_points": 20, "from": "self"},
    {"id": "c2", "title": {"vi": "2", "en": "2"}, "max_points": 20, "from": "self"},
    {"id": "c3", "title": {"vi": "3", "en": "3"}, "max_points": 15, "from": "self"},
    {"id": "c4", "title": {"vi": "4", "en": "4"}, "max_points": 15, "from": "self"},
    {"id": "c5", "title": {"vi": "5", "en": "5"}, "max_points": 15, "from": "self"},
    {"id": "c6", "title": {"vi": "6", "en": "6"}, "max_points": 15, "from": "self"}],
  "bands": [
    {"id": "dat", "name": {"vi": "Đạt", "en": "Pass"}, "min": 80, "boundary": ">=",
     "achieved_fraction": 0.5, "achieved_boundary": ">=", "min_achieved_share": 0.8,
     "share_boundary": ">", "no_zero_criterion": true,
     "source": {"document": "legal brief", "article": "§6.2"}},
    {"id": "khong_dat", "name": {"vi": "Không đạt", "en": "Fail"}}],
  "ineligible": [{"id": "discipline", "title": {"vi": "Kỷ luật", "en": "Discipline"},
                  "source": {"document": "legal brief", "article": "§6.2"}}]
})";

danchu::finding_table units_only(std::vector<std::string> ids) {
    return danchu::finding_table({}, std::move(ids));
}

danchu::assessment self_points(const std::string& unit, std::vector<double> pts) {
    danchu::assessment a;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        danchu::points_entry e;
        e.unit = unit;
        e.criterion = "c" + std::to_string(i + 1);
        e.points = pts[i];
        e.kind = danchu::entry_kind::self;
        a.points.push_back(e);
    }
    return a;
}

// Bắc Kạn-like: 90 points from rules + 10 awarded by the superior.
const char* bac_kan_like = R"({
  "id": "bk-test", "title": {"vi": "thử", "en": "test"}, "kind": "scorecard",
  "criteria": [
    {"id": "k1", "title": {"vi": "1", "en": "1"}, "max_points": 50,
     "items": [{"rule": "r1", "points": 30}, {"rule": "r2", "points": 20, "credit": "proportional"}]},
    {"id": "k2", "title": {"vi": "2", "en": "2"}, "max_points": 40, "items": [{"rule": "r3", "points": 40}]},
    {"id": "sup", "title": {"vi": "cấp trên", "en": "superior"}, "max_points": 10, "from": "superior"}],
  "bands": [
    {"id": "tot", "name": {"vi": "Tốt", "en": "Good"}, "min": 80, "source": {"document": "test"}},
    {"id": "kha", "name": {"vi": "Khá", "en": "Fair"}, "min": 65, "source": {"document": "test"}},
    {"id": "tb", "name": {"vi": "Trung bình", "en": "Average"}, "min": 50, "source": {"document": "test"}},
    {"id": "yeu", "name": {"vi": "Yếu", "en": "Weak"}}],
  "caps": [{"id": "critical", "title": {"vi": "vi phạm nghiêm trọng", "en": "critical failure"},
            "critical_failure": true, "max_band": "kha", "source": {"document": "test"}}]
})";

danchu::finding_table bac_kan_table() {
    auto m = [](const char* id, danchu::severity s = danchu::severity::medium) {
        danchu::rule_meta r;
        r.id = id;
        r.sev = s;
        return r;
    };
    danchu::finding_table t({m("r1"), m("r2"), m("r3"), m("r4", danchu::severity::critical)},
                            {"u1", "u2", "u3", "u4", "u5"});
    const verdict P = verdict::pass, F = verdict::fail;
    // u1, u2: r1 pass, r2 fail with credit 0.6, r3 pass, r4 pass
    for (std::size_t u : {0, 1}) {
        t.set(u, 0, P, 1);
        t.set(u, 1, F, 0.6f);
        t.set(u, 2, P, 1);
        t.set(u, 3, P, 1);
    }
    // u3: r3 not applicable
    t.set(2, 0, P, 1);
    t.set(2, 1, P, 1);
    t.set(2, 2, verdict::not_applicable, 0);
    t.set(2, 3, P, 1);
    // u4: everything passes except the critical r4
    t.set(3, 0, P, 1);
    t.set(3, 1, P, 1);
    t.set(3, 2, P, 1);
    t.set(3, 3, F, 0);
    // u5: r1 unknown (missing evidence)
    t.set(4, 0, verdict::unknown, 0);
    t.set(4, 1, P, 1);
    t.set(4, 2, P, 1);
    t.set(4, 3, P, 1);
    return t;
}

danchu::points_entry appraisal(const std::string& unit, const std::string& c, double pts) {
    danchu::points_entry e;
    e.unit = unit;
    e.criterion = c;
    e.points = pts;
    e.kind = danchu::entry_kind::appraisal;
    e.who = "UBND huyện";
    e.date = "2025-11-20";
    e.reason = "re-scored after review";
    return e;
}

} // namespace

TEST_CASE("Bắc Giang's pass rule needs all three conditions", "[scorecard]") {
    const auto scheme = danchu::parse_scoring_scheme(bac_giang_like, "bg.json");
    const auto t = units_only({"A"});
    auto run = [&](std::vector<double> pts) { return danchu::score(scheme, t, self_points("A", pts)); };
    SECTION("80 points, every criterion at half or more, none at zero: pass") {
        const auto sc = run({18, 18, 14, 14, 8, 8}); // 80; 8 ≥ 7.5
        CHECK(sc.total(0) == Approx(80));
        CHECK(sc.band(0) == 0);
        CHECK(sc.unmet_top(0) == 0);
        CHECK(sc.stats(0).achieved == 6);
    }
    SECTION("79.9 points: fails on the total only") {
        const auto sc = run({18, 18, 14, 14, 8, 7.9});
        CHECK(sc.band(0) == 1);
        CHECK(sc.unmet_top(0) == static_cast<std::uint8_t>(danchu::unmet::score));
    }
    SECTION("84 points but two of six criteria under half (4/6 = 66.7% ≤ 80%): fails on the share") {
        const auto sc = run({20, 20, 15, 15, 7, 7}); // 7 < 7.5
        CHECK(sc.total(0) == Approx(84));
        CHECK(sc.stats(0).achieved == 4);
        CHECK(sc.band(0) == 1);
        CHECK(sc.unmet_top(0) == static_cast<std::uint8_t>(danchu::unmet::achieved_share));
    }
    SECTION("one of six under half (5/6 = 83.3% > 80%) still passes") {
        const auto sc = run({20, 20, 15, 15, 15, 1});
        CHECK(sc.band(0) == 0);
    }
    SECTION("85 points with one criterion at zero: fails on the zero criterion") {
        const auto sc = run({20, 20, 15, 15, 15, 0});
        CHECK(sc.band(0) == 1);
        CHECK(sc.unmet_top(0) == static_cast<std::uint8_t>(danchu::unmet::zero_criterion));
    }
    SECTION("an official disciplined at reprimand or above: not eligible, whatever the points") {
        auto a = self_points("A", {20, 20, 15, 15, 15, 15});
        danchu::ineligibility_entry d;
        d.unit = "A";
        d.condition = "discipline";
        d.who = "Sở Nội vụ";
        d.date = "2025-10-01";
        d.reason = "khiển trách, decision 12/QĐ";
        a.ineligible.push_back(d);
        const auto sc = danchu::score(scheme, t, a);
        CHECK(sc.status(0) == danchu::class_status::not_eligible);
        CHECK(sc.band(0) == -1);
        CHECK(sc.ineligible(0) == 0);
        CHECK(sc.total(0) == Approx(100));
        REQUIRE(sc.declarations().size() == 1);
        CHECK(sc.declarations()[0].reason == "khiển trách, decision 12/QĐ");
    }
    SECTION("a criterion without a self-assessment entry is missing and counts 0") {
        const auto sc = danchu::score(scheme, t, self_points("A", {20, 20, 15, 15, 15}));
        CHECK(sc.state(0, 5) == danchu::criterion_state::missing);
        CHECK((sc.coverage(0) & static_cast<std::uint8_t>(danchu::coverage_flag::missing_self)));
        CHECK(sc.band(0) == 1); // zero criterion
    }
}

// Regression (issue 15, item 21): why a unit missed the top band was only a
// bit field; its words are defined once, here, for the CLI, JSON, CSV and Python.
TEST_CASE("why a unit missed the top band is said in words, defined once", "[scorecard][regression]") {
    constexpr auto score = static_cast<std::uint8_t>(danchu::unmet::score);
    constexpr auto share = static_cast<std::uint8_t>(danchu::unmet::achieved_share);
    constexpr auto zero = static_cast<std::uint8_t>(danchu::unmet::zero_criterion);
    CHECK(danchu::unmet_ids(0).empty());
    CHECK(danchu::unmet_label(0) == danchu::bilingual_text{});
    CHECK(danchu::unmet_ids(score | zero) == std::vector<std::string>{"score", "zero_criterion"});
    CHECK(danchu::unmet_label(score | zero).vi == "tổng điểm dưới ngưỡng; có tiêu chí 0 điểm");
    CHECK(danchu::unmet_label(score | zero).en == "total below the threshold; a criterion scored zero");
    std::uint8_t all = 0;
    for (const auto& r : danchu::unmet_reasons()) {
        CHECK_FALSE((all & static_cast<std::uint8_t>(r.bit)));
        all |= static_cast<std::uint8_t>(r.bit);
        CHECK_FALSE(r.id.empty());
        CHECK_FALSE(r.label.vi.empty());
        CHECK_FALSE(r.label.en.empty());
    }
    CHECK(all == (score | share | zero));

    const auto scheme = danchu::parse_scoring_scheme(bac_giang_like, "bg.json");
    const auto sc = danchu::score(scheme, units_only({"A"}), self_points("A", {20, 20, 15, 15, 7, 7}));
    CHECK(danchu::unmet_label(sc.unmet_top(0)).en == "too few criteria achieved");
    CHECK(danchu::unmet_label(sc.unmet_top(0)).vi == "quá ít tiêu chí đạt yêu cầu");
}

TEST_CASE("criteria from rules: full and proportional credit, superior points, appraisal, cap",
          "[scorecard]") {
    const auto scheme = danchu::parse_scoring_scheme(bac_kan_like, "bk.json");
    const auto t = bac_kan_table();
    danchu::assessment a;
    a.points.push_back(appraisal("u1", "sup", 8));
    a.points.push_back(appraisal("u2", "k1", 30)); // the superior re-scores k1 from 42 to 30
    a.points.push_back(appraisal("u2", "sup", 8));
    a.points.push_back(appraisal("u4", "sup", 10));
    const auto sc = danchu::score(scheme, t, a);
    REQUIRE(sc.criterion_count() == 3);
    SECTION("k1 = 30 (r1 passes) + 20 × 0.6 (r2's credit) = 42; k2 = 40; self 82, appraised 90") {
        CHECK(sc.self_points(0, 0) == Approx(42));
        CHECK(sc.self_points(0, 1) == Approx(40));
        CHECK(sc.self_points(0, 2) == 0);
        CHECK(sc.appraised_points(0, 2) == 8);
        CHECK(sc.self_total(0) == Approx(82));
        CHECK(sc.appraised_total(0) == Approx(90));
        CHECK(sc.band(0) == 0);
    }
    SECTION("re-scored 87 → 78 keeps both numbers and lands in Khá") {
        CHECK(sc.self_points(1, 0) == Approx(42));
        CHECK(sc.appraised_points(1, 0) == Approx(30));
        CHECK(sc.self_total(1) == Approx(82));
        CHECK(sc.appraised_total(1) == Approx(78));
        CHECK(sc.band(1) == 1);
        REQUIRE(sc.adjustments().size() == 4);
        CHECK(sc.adjustments()[1].who == "UBND huyện");
        CHECK(sc.adjustments()[1].reason == "re-scored after review");
    }
    SECTION("a wholly not-applicable criterion drops out and the rest is rescaled to 100") {
        CHECK(sc.state(2, 1) == danchu::criterion_state::not_applicable);
        // k1 = 50, sup pending = 0; 50 × 100 / (100 − 40)
        CHECK(sc.appraised_total(2) == Approx(50.0 * 100.0 / 60.0));
        CHECK(sc.state(2, 2) == danchu::criterion_state::missing);
        CHECK((sc.coverage(2) & static_cast<std::uint8_t>(danchu::coverage_flag::pending_appraisal)));
    }
    SECTION("a failed critical rule caps Tốt at Khá") {
        CHECK(sc.appraised_total(3) == Approx(100));
        CHECK(sc.uncapped_band(3) == 0);
        CHECK(sc.band(3) == 1);
        CHECK(sc.cap(3) == 0);
    }
    SECTION("missing evidence scores 0 for the rule and is flagged") {
        CHECK(sc.self_points(4, 0) == Approx(20)); // r1 unknown → 0, r2 20
        CHECK(sc.unknown_count(4) == 1);
        CHECK((sc.coverage(4) & static_cast<std::uint8_t>(danchu::coverage_flag::missing_evidence)));
    }
}

TEST_CASE("bonus points and a cap on the total", "[scorecard]") {
    const auto scheme = danchu::parse_scoring_scheme(R"({
      "id": "b", "title": {"vi": "b", "en": "b"}, "kind": "scorecard", "max_total": 100,
      "criteria": [
        {"id": "main", "title": {"vi": "m", "en": "m"}, "max_points": 100, "from": "self"},
        {"id": "bonus", "title": {"vi": "thưởng", "en": "bonus"}, "max_points": 5, "from": "self", "bonus": true}]
    })");
    danchu::assessment a;
    for (auto [u, c, p] :
         {std::tuple{"A", "main", 90.0}, {"A", "bonus", 5.0}, {"B", "main", 98.0}, {"B", "bonus", 5.0}}) {
        danchu::points_entry e;
        e.unit = u;
        e.criterion = c;
        e.points = p;
        e.kind = danchu::entry_kind::self;
        a.points.push_back(e);
    }
    const auto sc = danchu::score(scheme, danchu::finding_table({}, {"A", "B"}), a);
    CHECK(sc.total(0) == Approx(95));
    CHECK(sc.total(1) == Approx(100)); // 103 capped
    CHECK(sc.scheme().main_maximum() == 100);
}

TEST_CASE("bad configurations name the file and the JSON pointer", "[scorecard]") {
    const std::string head = R"({"id": "e", "title": {"vi": "e", "en": "e"}, "kind": "scorecard", )";
    const std::string crit =
        R"("criteria": [{"id": "k", "title": {"vi": "k", "en": "k"}, "max_points": 10,
            "items": [{"rule": "r1", "points": 10}]}])";
    auto load = [&](const std::string& rest) {
        return what_of([&] { danchu::parse_scoring_scheme(head + rest + "}", "bad.json"); });
    };
    SECTION("overlapping or unordered bands") {
        const auto m = load(crit + R"(, "bands": [
            {"id": "tot", "name": {"vi": "Tốt", "en": "Good"}, "min": 80, "source": {"document": "d"}},
            {"id": "kha", "name": {"vi": "Khá", "en": "Fair"}, "min": 85, "source": {"document": "d"}}])");
        CHECK(m.find("bad.json:/bands/1/min:") != std::string::npos);
        CHECK(m.find("ordered") != std::string::npos);
    }
    SECTION("a threshold without a citation") {
        const auto m =
            load(crit + R"(, "bands": [{"id": "tot", "name": {"vi": "Tốt", "en": "Good"}, "min": 80}])");
        CHECK(m.find("bad.json:/bands/0: missing required key \"source\"") != std::string::npos);
    }
    SECTION("negative and non-numeric weights") {
        CHECK(load(crit + R"(, "weights": {"r1": -1})").find("bad.json:/weights/r1:") != std::string::npos);
        CHECK(load(crit + R"(, "weights": {"r1": "heavy"})").find("bad.json:/weights/r1: expected") !=
              std::string::npos);
    }
    SECTION("item points that do not add up to the criterion's maximum") {
        const auto m = load(R"("criteria": [{"id": "k", "title": {"vi": "k", "en": "k"}, "max_points": 10,
            "items": [{"rule": "r1", "points": 6}]}])");
        CHECK(m.find("bad.json:/criteria/0/items:") != std::string::npos);
    }
    SECTION("a cap naming an unknown band") {
        const auto m = load(crit + R"(, "bands": [{"id": "yeu", "name": {"vi": "Yếu", "en": "Weak"}}],
            "caps": [{"id": "c", "title": {"vi": "c", "en": "c"}, "critical_failure": true,
                      "max_band": "kha", "source": {"document": "d"}}])");
        CHECK(m.find("bad.json:/caps/0/max_band:") != std::string::npos);
    }
    SECTION("an unknown member and a wrong kind") {
        CHECK(load(crit + R"(, "bandz": [])")
                  .find("bad.json:/bandz: unknown key \"bandz\"; did you mean \"bands\"?") !=
              std::string::npos);
        CHECK(what_of([] {
                  danchu::parse_scoring_scheme(
                      R"({"id": "e", "title": {"vi": "e", "en": "e"}, "kind": "points"})", "k.json");
              }).find("k.json:/kind:") != std::string::npos);
    }
    SECTION("a rule the evaluated pack does not have is caught when scoring") {
        const auto scheme = danchu::parse_scoring_scheme(head + crit + "}", "pack-mismatch.json");
        danchu::rule_meta other;
        other.id = "r9";
        const auto m = what_of([&] { danchu::score(scheme, danchu::finding_table({other}, {"u"})); });
        CHECK(m.find("pack-mismatch.json:/criteria/0/items/0/rule: unknown rule \"r1\"") !=
              std::string::npos);
    }
    SECTION("assessment entries naming unknown units or lacking who, when, why") {
        const auto scheme = danchu::parse_scoring_scheme(bac_giang_like, "bg.json");
        auto a = self_points("Z", {10});
        a.file = "a.json";
        CHECK(what_of([&] {
                  danchu::score(scheme, units_only({"A"}), a);
              }).find("a.json:/points/0/unit: unknown unit \"Z\"") != std::string::npos);
        const auto m = what_of([] {
            danchu::assessment_from_json(nlohmann::json::parse(R"({"points": [
                {"unit": "A", "criterion": "c1", "points": 3, "kind": "appraisal", "who": "x", "date": "2025-01-01"}]})"),
                                         "a.json");
        });
        CHECK(m.find("a.json:/points/0: missing required key \"reason\"") != std::string::npos);
        auto big = self_points("A", {25});
        CHECK(what_of([&] { danchu::score(scheme, units_only({"A"}), big); }).find("/points/0/points") !=
              std::string::npos);
    }
}

TEST_CASE("findings files in JSON and CSV", "[scorecard]") {
    SECTION("CSV with credit and rule metadata") {
        const auto t = danchu::findings_from_csv("unit,rule,verdict,credit,weight,severity\n"
                                                 "A,r1,pass,,2,high\n"
                                                 "A,r2,fail,0.5,1,medium\n"
                                                 "B,r1,not_applicable,,2,high\n",
                                                 "f.csv");
        REQUIRE(t.unit_count() == 2);
        REQUIRE(t.rule_count() == 2);
        CHECK(t.rules()[0].weight == 2);
        CHECK(t.rules()[0].sev == danchu::severity::high);
        CHECK(t.at(0, 1) == verdict::fail);
        CHECK(t.credit(0, 1) == Approx(0.5));
        CHECK(t.at(1, 1) == verdict::unknown); // not given
    }
    SECTION("CSV errors name the line") {
        CHECK(what_of([] {
                  danchu::findings_from_csv("unit,rule,verdict\nA,r1,pass\nA,r2,maybe\n", "f.csv");
              }).find("f.csv:line 3: unknown verdict") != std::string::npos);
        CHECK(what_of([] {
                  danchu::findings_from_csv("unit,verdict\n", "f.csv");
              }).find("f.csv:line 1: missing column \"rule\"") != std::string::npos);
    }
    SECTION("JSON with an override") {
        const auto t = danchu::findings_from_json(nlohmann::json::parse(R"({
            "rules": [{"id": "r1", "weight": 1, "confidence": "secondary"}],
            "units": ["A", "B"],
            "findings": [{"unit": "A", "rule": "r1", "verdict": "pass"}],
            "overrides": [{"unit": "A", "rule": "r1", "original": "fail", "replacement": "pass",
                           "who": "Sở Nội vụ", "date": "2025-06-01", "reason": "late minutes"}]})"),
                                                  "f.json");
        CHECK(t.unit_count() == 2);
        CHECK(t.at(0, 0) == verdict::pass);
        CHECK(t.at(1, 0) == verdict::unknown);
        CHECK(t.overrides().size() == 1);
        CHECK(what_of([] {
                  danchu::findings_from_json(
                      nlohmann::json::parse(
                          R"({"rules": [], "findings": [{"unit": "A", "rule": "r1", "verdict": "pass"}]})"),
                      "f.json");
              }).find("f.json:/findings/0/rule: unknown rule") != std::string::npos);
    }
}

TEST_CASE("the bundled schemes load", "[scorecard]") {
    const std::string dir = std::string(DANCHU_TEST_SOURCE_DIR) + "/data/scoring/";
    const auto bg = danchu::load_scoring_scheme(dir + "bac-giang-chinh-quyen-than-thien.json");
    CHECK(bg.criteria().size() == 6);
    CHECK(bg.main_maximum() == Approx(100));
    CHECK(bg.bands()[0].conditions.no_zero_criterion);
    CHECK(bg.spec().ineligible.size() == 1);
}

namespace {

// Rule ids of a bundled pack, following "extends".
std::vector<std::string> pack_rule_ids(const std::string& pack) {
    const std::string dir = std::string(DANCHU_TEST_SOURCE_DIR) + "/data/packs/";
    std::ifstream in(dir + pack + ".json");
    REQUIRE(in);
    const auto doc = nlohmann::json::parse(in);
    std::vector<std::string> ids;
    if (doc.contains("extends")) ids = pack_rule_ids(doc["extends"].get<std::string>());
    for (const auto& r : doc["rules"]) ids.push_back(r["id"].get<std::string>());
    return ids;
}

} // namespace

TEST_CASE("the default scheme of each bundled pack covers exactly the pack's rules", "[scorecard]") {
    const std::string dir = std::string(DANCHU_TEST_SOURCE_DIR) + "/data/scoring/";
    for (const std::string pack : {"vn.decree-04-2015", "vn.law-10-2022", "vn.bac-giang.2018-05-09",
                                   "vn.law-10-2022.province", "vn.bac-giang.2018-05-09.l10"}) {
        CAPTURE(pack);
        const auto ids = pack_rule_ids(pack);
        const auto scheme = danchu::load_scoring_scheme(dir + "default-" + pack + ".json");
        CHECK(scheme.main_maximum() == Approx(100));
        CHECK(scheme.spec().pack == pack);
        std::vector<std::string> used;
        for (const auto& c : scheme.criteria())
            for (const auto& it : c.items) used.push_back(it.rule);
        std::vector<std::string> a = ids, b = used;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        CHECK(a == b);
        // and it scores a table of that pack: all pass → 100, Tốt
        std::vector<danchu::rule_meta> metas;
        for (const auto& id : ids) {
            danchu::rule_meta m;
            m.id = id;
            metas.push_back(m);
        }
        danchu::finding_table t(metas, {"u"});
        for (std::size_t r = 0; r < ids.size(); ++r) t.set(0, r, verdict::pass, 1.0f);
        const auto sc = danchu::score(scheme, t);
        CHECK(sc.total(0) == Approx(100));
        CHECK(scheme.bands()[static_cast<std::size_t>(sc.band(0))].id == "tot");
    }
}

TEST_CASE("findings written by the rules engine read back unchanged", "[scorecard]") {
    danchu::rule_meta a, b;
    a.id = "r1";
    a.weight = 2;
    a.sev = danchu::severity::critical;
    b.id = "r2";
    b.conf = danchu::confidence::uncertain; // titles left empty on purpose
    danchu::finding_table t({a, b}, {"U1", "U2"});
    t.set(0, 0, verdict::pass, 1.0f);
    t.set(0, 1, verdict::fail, 0.25f);
    t.set(1, 0, verdict::not_applicable, 0.0f);
    danchu::override_record o;
    o.rule_id = "r1";
    o.unit_id = "U1";
    o.original = verdict::fail;
    o.replacement = verdict::pass;
    o.who = "Sở Nội vụ";
    o.date = "2025-06-20";
    o.reason = "late minutes";
    t.add_override(o); // no authority
    auto same = [&](const danchu::finding_table& x) {
        REQUIRE(x.unit_ids() == t.unit_ids());
        REQUIRE(x.rule_count() == 2);
        CHECK(x.rules()[0].weight == 2);
        CHECK(x.rules()[0].sev == danchu::severity::critical);
        CHECK(x.rules()[1].conf == danchu::confidence::uncertain);
        for (std::size_t u = 0; u < 2; ++u)
            for (std::size_t r = 0; r < 2; ++r) {
                CHECK(x.at(u, r) == t.at(u, r));
                CHECK(x.credit(u, r) == Approx(t.credit(u, r)));
            }
    };
    const auto j = danchu::findings_from_json(danchu::finding_table_to_json(t, "p", "2025"), "f.json");
    same(j);
    CHECK(j.overrides().size() == 1);
    same(danchu::findings_from_csv(danchu::finding_table_to_csv(t), "f.csv"));
}

// Regression (issue 15, item 3): an override written into a findings file was
// accepted but the cell was not replaced, and nothing warned.
TEST_CASE("overrides in a findings file replace the cell or are refused", "[score][regression]") {
    auto doc = nlohmann::json::parse(R"({
      "rules": [{"id": "R1", "title": {"vi": "r", "en": "r"}, "weight": 1, "severity": "medium",
                 "confidence": "verified", "tags": []}],
      "units": ["A", "B"],
      "findings": [{"unit": "A", "rule": "R1", "verdict": "pass"}, {"unit": "B", "rule": "R1", "verdict": "fail"}],
      "overrides": [{"unit": "B", "rule": "R1", "original": "fail", "replacement": "pass",
                     "who": "SNV", "date": "2018-06-20", "reason": "late minutes"}]})");
    const auto t = danchu::findings_from_json(doc, "f.json");
    CHECK(t.at(1, 0) == danchu::verdict::pass); // replaced
    CHECK(t.credit(1, 0) == 1.0);
    REQUIRE(t.overrides().size() == 1);
    CHECK(t.overrides()[0].original == danchu::verdict::fail);
    // a file written by danchu already holds the replacement: unchanged
    doc["findings"][1]["verdict"] = "pass";
    CHECK(danchu::findings_from_json(doc, "f.json").at(1, 0) == danchu::verdict::pass);
    // a cell that is neither the original nor the replacement contradicts the record
    doc["findings"][1]["verdict"] = "not_applicable";
    CHECK_THROWS_WITH(
        danchu::findings_from_json(doc, "f.json"),
        danchu_test::contains("f.json:/overrides/0: the finding of unit \"B\" for rule \"R1\" is "
                              "not_applicable, but this override says it was fail"));
}
