// Roll-ups over a three-level tree, checked by hand; coverage, drill-down,
// period comparison with rank changes; bad trees.

#include "catch.hpp"

#include <danchu/scoring/io.hpp>
#include <danchu/scoring/rollup.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace {

// P (province)
// ├─ S1 department, staff 10, total 90 (Tốt)
// │  └─ S1a public service unit, staff 30, total 70 (Khá)
// └─ D1 district, staff 20, total 60 (Trung bình)
//    ├─ C1 commune, staff 10, total 40 (Yếu)
//    ├─ C2 commune, staff 30, total 95 but not eligible
//    └─ C3 commune, staff 5, no report
danchu::organisation tree() {
    using K = danchu::unit_kind;
    auto u = [](const char* id, K k, const char* parent, std::int64_t staff) {
        danchu::unit x;
        x.id = id;
        x.name = id;
        x.kind = k;
        x.parent = parent;
        x.staff = staff;
        return x;
    };
    return danchu::organisation({u("P", K::province, "", 0), u("S1", K::department, "P", 10),
                                 u("S1a", K::public_service_unit, "S1", 30), u("D1", K::district, "P", 20),
                                 u("C1", K::commune, "D1", 10), u("C2", K::commune, "D1", 30),
                                 u("C3", K::commune, "D1", 5)},
                                "tree.json");
}

const char* scheme_json = R"({
  "id": "r", "title": {"vi": "r", "en": "r"}, "kind": "scorecard",
  "criteria": [{"id": "all", "title": {"vi": "tổng", "en": "all"}, "max_points": 100, "from": "self"}],
  "bands": [
    {"id": "tot", "name": {"vi": "Tốt", "en": "Good"}, "min": 80, "source": {"document": "test"}},
    {"id": "kha", "name": {"vi": "Khá", "en": "Fair"}, "min": 65, "source": {"document": "test"}},
    {"id": "tb", "name": {"vi": "Trung bình", "en": "Average"}, "min": 50, "source": {"document": "test"}},
    {"id": "yeu", "name": {"vi": "Yếu", "en": "Weak"}}],
  "ineligible": [{"id": "discipline", "title": {"vi": "kỷ luật", "en": "discipline"}, "source": {"document": "test"}}]
})";

danchu::scorecard period(std::vector<std::pair<std::string, double>> pts, bool c2_ineligible) {
    static const auto scheme =
        std::make_shared<const danchu::scoring_scheme>(danchu::parse_scoring_scheme(scheme_json, "r.json"));
    std::vector<std::string> ids;
    danchu::assessment a;
    for (const auto& [id, p] : pts) {
        ids.push_back(id);
        danchu::points_entry e;
        e.unit = id;
        e.criterion = "all";
        e.points = p;
        e.kind = danchu::entry_kind::self;
        a.points.push_back(e);
    }
    if (c2_ineligible) {
        danchu::ineligibility_entry d;
        d.unit = "C2";
        d.condition = "discipline";
        a.ineligible.push_back(d);
    }
    danchu::rule_meta r1;
    r1.id = "r1";
    danchu::finding_table t({r1}, ids);
    return danchu::score(scheme, t, a);
}

danchu::scorecard now() {
    return period({{"S1", 90}, {"S1a", 70}, {"D1", 60}, {"C1", 40}, {"C2", 95}}, true);
}

} // namespace

TEST_CASE("a roll-up over a three-level tree, checked by hand", "[rollup]") {
    const auto org = tree();
    const auto sc = now();
    const danchu::rollup r(org, sc);
    const auto P = r.find("P"), S1 = r.find("S1"), D1 = r.find("D1"), C1 = r.find("C1"), C2 = r.find("C2"),
               C3 = r.find("C3");
    REQUIRE(P != danchu::rollup::npos);
    SECTION("staff-weighted means") {
        CHECK(r.mean(S1) == Approx((10 * 90 + 30 * 70) / 40.0));      // 75
        CHECK(r.mean(D1) == Approx((20 * 60 + 10 * 40) / 30.0));      // 53.33
        CHECK(r.mean(P) == Approx((900 + 2100 + 1200 + 400) / 70.0)); // 65.71
        CHECK(std::isnan(r.mean(C2)));                                // not eligible
        CHECK(std::isnan(r.mean(C3)));                                // no report
    }
    SECTION("equal weights") {
        danchu::rollup_options eq;
        eq.weigh = danchu::weighting::equal;
        eq.label = "2025-H2";
        const danchu::rollup e(org, sc, eq);
        CHECK(e.mean(S1) == Approx(80));
        CHECK(e.mean(D1) == Approx(50));
        CHECK(e.mean(P) == Approx(65));
    }
    SECTION("minimum and who has it") {
        CHECK(r.minimum(P) == 40);
        CHECK(r.minimum_unit(P) == C1);
        CHECK(r.minimum(S1) == 70);
    }
    SECTION("units per band, not eligible, missing") {
        CHECK(r.units(P) == 5);
        CHECK(r.scored(P) == 4);
        for (std::size_t b = 0; b < 4; ++b) CHECK(r.band_count(P, b) == 1);
        CHECK(r.not_eligible(P) == 1);
        CHECK(r.band_share(P, 0) == Approx(0.2));
        CHECK(r.missing(P) == 1);
        CHECK(r.missing(D1) == 1);
        CHECK(r.missing(S1) == 0);
        const auto cov = r.coverage(P);
        CHECK(cov.missing == std::vector<std::string>{"C3"});
        CHECK(cov.not_eligible == std::vector<std::string>{"C2"});
    }
    SECTION("ranks among siblings") {
        CHECK(r.rank(S1) == 1);
        CHECK(r.rank(D1) == 2);
        CHECK(r.rank(C1) == 1);
        CHECK(r.rank(C2) == 0);
        CHECK(r.rank(P) == 1);
    }
    SECTION("drill-down lists the findings of the subtree") {
        danchu::rule_meta r1;
        r1.id = "r1";
        danchu::finding_table t({r1}, {"S1", "D1", "C1", "C2"});
        t.set(2, 0, danchu::verdict::fail, 0);
        const auto rows = r.drill_down(D1, t);
        REQUIRE(rows.size() == 3); // D1, C1, C2 (C3 has no findings)
        CHECK(rows[1].unit == "C1");
        CHECK(rows[1].result == danchu::verdict::fail);
        CHECK(r.subtree(D1).size() == 4);
    }
}

TEST_CASE("a unit to which nothing applies is neither a band nor part of the mean", "[rollup]") {
    const auto scheme = danchu::parse_scoring_scheme(R"({
      "id": "n", "title": {"vi": "n", "en": "n"}, "kind": "scorecard",
      "criteria": [{"id": "k", "title": {"vi": "k", "en": "k"}, "max_points": 100,
                    "items": [{"rule": "r1", "points": 100}]}],
      "bands": [{"id": "tot", "name": {"vi": "Tốt", "en": "Good"}, "min": 80, "source": {"document": "t"}},
                {"id": "yeu", "name": {"vi": "Yếu", "en": "Weak"}}]})");
    danchu::rule_meta r1;
    r1.id = "r1";
    danchu::finding_table t({r1}, {"S1", "D1"});
    t.set(0, 0, danchu::verdict::pass, 1.0f);
    t.set(1, 0, danchu::verdict::not_applicable, 0.0f);
    const auto sc = danchu::score(scheme, t);
    CHECK(sc.status(1) == danchu::class_status::not_applicable);
    CHECK(sc.band(1) == -1);
    // Regression (issue 15, item 21): its total was 0 and showed as 0.00; it has none.
    CHECK(std::isnan(sc.total(1)));
    CHECK(std::isnan(sc.self_total(1)));
    CHECK(std::isnan(sc.appraised_total(1)));
    const danchu::rollup r(tree(), sc);
    CHECK(r.mean(r.find("P")) == Approx(100)); // D1 is not counted as 0
    CHECK(r.band_count(r.find("P"), 3) == 1);  // the "not_classified" slot
    CHECK(r.coverage(r.find("P")).not_classified == std::vector<std::string>{"D1"});
}

// Regression (issue 15, item 19): a unit that sent no evidence at all was
// scored 0, graded Yếu and pulled down its district's mean and minimum.
TEST_CASE("a unit with no evidence is a missing report by default, or scored as not passing",
          "[rollup][scorecard][regression]") {
    const auto scheme = std::make_shared<const danchu::scoring_scheme>(danchu::parse_scoring_scheme(R"({
      "id": "n", "title": {"vi": "n", "en": "n"}, "kind": "scorecard",
      "criteria": [{"id": "k", "title": {"vi": "k", "en": "k"}, "max_points": 100,
                    "items": [{"rule": "r1", "points": 50}, {"rule": "r2", "points": 50}]}],
      "bands": [{"id": "tot", "name": {"vi": "Tốt", "en": "Good"}, "min": 80, "source": {"document": "t"}},
                {"id": "yeu", "name": {"vi": "Yếu", "en": "Weak"}}]})"));
    danchu::rule_meta r1, r2;
    r1.id = "r1";
    r2.id = "r2";
    // S1 passes both rules; C1 sent nothing (both unknown); C2 passed one rule
    // and has no evidence for the other (incomplete, not silent).
    danchu::finding_table t({r1, r2}, {"S1", "C1", "C2"});
    t.set(0, 0, danchu::verdict::pass, 1.0f);
    t.set(0, 1, danchu::verdict::pass, 1.0f);
    t.set(2, 0, danchu::verdict::pass, 1.0f);
    const auto org = tree();
    const std::size_t P = org.find("P"), D1 = org.find("D1");
    danchu::rollup_options equal;
    equal.weigh = danchu::weighting::equal;

    SECTION("default: a missing report, out of means and minima, listed as missing") {
        const auto sc = danchu::score(scheme, t, danchu::assessment{});
        CHECK(sc.no_evidence_counted_as() == danchu::no_evidence_policy::missing_report);
        CHECK(sc.status(1) == danchu::class_status::missing_report);
        CHECK(sc.band(1) == -1);
        CHECK(std::isnan(sc.total(1)));
        CHECK(sc.no_evidence(1));
        CHECK_FALSE(sc.no_evidence(2));
        CHECK(sc.status(2) == danchu::class_status::classified); // 50: Yếu, counted
        CHECK(sc.band(2) == 1);
        const danchu::rollup r(org, sc, equal);
        CHECK(r.mean(D1) == Approx(50)); // C2 only; C1 is not a 0
        CHECK(r.minimum(D1) == Approx(50));
        CHECK(r.units(D1) == 1);
        CHECK(r.missing(D1) == 3); // C1 (no evidence), C3 (no row), D1 itself (no row)
        const auto cov = r.coverage(P);
        CHECK(std::find(cov.missing.begin(), cov.missing.end(), "C1") != cov.missing.end());
        CHECK(cov.not_classified.empty());
        CHECK(r.band_count(P, 1) == 1); // Yếu: C2 only
        CHECK(r.rank(D1) > 0);
        CHECK(danchu::status_label(danchu::class_status::missing_report).vi == "Thiếu báo cáo");
    }
    SECTION("not_passing: scored 0, graded, in the means") {
        danchu::score_options o;
        o.no_evidence = danchu::no_evidence_policy::not_passing;
        const auto sc = danchu::score(scheme, t, danchu::assessment{}, o);
        CHECK(sc.status(1) == danchu::class_status::classified);
        CHECK(sc.band(1) == 1);
        CHECK(sc.total(1) == Approx(0));
        CHECK(sc.no_evidence(1)); // still flagged
        const danchu::rollup r(org, sc, equal);
        CHECK(r.mean(D1) == Approx(25));
        CHECK(r.minimum(D1) == Approx(0));
        CHECK(r.missing(D1) == 2);
    }
    SECTION("points entered in the assessment are a report") {
        const auto self = std::make_shared<const danchu::scoring_scheme>(danchu::parse_scoring_scheme(R"({
          "id": "s", "title": {"vi": "s", "en": "s"}, "kind": "scorecard",
          "criteria": [{"id": "k", "title": {"vi": "k", "en": "k"}, "max_points": 100, "from": "self"}],
          "bands": [{"id": "yeu", "name": {"vi": "Yếu", "en": "Weak"}}]})"));
        danchu::assessment a;
        danchu::points_entry e;
        e.unit = "C1";
        e.criterion = "k";
        e.points = 60;
        e.kind = danchu::entry_kind::self;
        a.points.push_back(e);
        const auto sc = danchu::score(self, t, a);
        CHECK(sc.status(1) == danchu::class_status::classified);
        CHECK(sc.total(1) == Approx(60));
    }
}

TEST_CASE("two periods compare with rank changes", "[rollup]") {
    const auto org = tree();
    const danchu::rollup r_now(org, now());
    const danchu::rollup r_before(
        org, period({{"S1", 60}, {"S1a", 70}, {"D1", 80}, {"C1", 40}, {"C2", 95}}, false));
    // before: S1 (600 + 2100)/40 = 67.5; D1 (1600 + 400 + 2850)/60 = 80.83 → D1 first
    const auto rows = danchu::compare(r_now, r_before);
    const auto& s1 = rows[r_now.find("S1")];
    const auto& d1 = rows[r_now.find("D1")];
    CHECK(s1.mean_before == Approx(67.5));
    CHECK(s1.delta == Approx(7.5));
    CHECK(s1.rank_before == 2);
    CHECK(s1.rank_now == 1);
    CHECK(s1.rank_change == 1);
    CHECK(d1.rank_change == -1);
    CHECK(d1.band_now == "tb");
    CHECK(d1.band_before == "tot");
    CHECK(rows[r_now.find("C2")].band_before == "tot");
    CHECK(rows[r_now.find("C2")].band_now.empty()); // not eligible now
}

TEST_CASE("bad trees and units outside the tree are rejected naming the unit", "[rollup]") {
    using K = danchu::unit_kind;
    auto u = [](const char* id, const char* parent) {
        danchu::unit x;
        x.id = id;
        x.kind = K::commune;
        x.parent = parent;
        return x;
    };
    CHECK_THROWS_WITH(danchu::organisation({u("A", "B"), u("B", "A")}, "t.json"),
                      danchu_test::contains("form a cycle") && danchu_test::contains("\"A\""));
    CHECK_THROWS_WITH(danchu::organisation({u("A", "X")}, "t.json"),
                      danchu_test::contains("unknown parent \"X\""));
    const auto sc = period({{"S1", 90}, {"ZZ", 50}}, false);
    CHECK_THROWS_WITH(danchu::rollup(tree(), sc),
                      danchu_test::contains("\"ZZ\" has a scorecard but is not in the organisation"));
}

TEST_CASE("competition ranks: 1, 1, 3, NaN unranked, ties in input order", "[rollup]") {
    const double nan = std::nan("");
    CHECK(danchu::competition_ranks({50, 90, nan, 90, 70}) == std::vector<std::size_t>{4, 1, 0, 1, 3});
    CHECK(danchu::competition_ranks({1.0, 1.0 + 1e-12}) == std::vector<std::size_t>{1, 1});
    CHECK(danchu::competition_ranks({}).empty());
}

TEST_CASE("silent units, not-applicable units and band counts by key", "[rollup]") {
    const auto org = tree();
    danchu::rollup_options o;
    o.silent = {"S1a"};
    const danchu::rollup r(org, now(), o);
    const std::size_t s1a = r.find("S1a"), s1 = r.find("S1"), c2 = r.find("C2"), c3 = r.find("C3");
    CHECK(r.silent(s1a));
    CHECK(r.own_slot(s1a) == 5);                   // unclassified, whatever its score
    CHECK(r.own_slot(s1) == 0);                    // tot
    CHECK(r.own_slot(c2) == 4);                    // not eligible
    CHECK(r.own_slot(c3) == danchu::rollup::npos); // no report
    CHECK(r.scored(s1) == 1);                      // the silent unit is outside the mean
    CHECK(r.mean(s1) == Approx(90));
    std::vector<std::string> key(org.size(), "x");
    key[r.find("C1")] = key[c2] = "communes";
    const auto groups = r.band_counts_by(key);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].key == "x");
    CHECK(groups[0].counts == std::vector<std::size_t>{1, 0, 1, 0, 0, 1}); // S1 tot, D1 tb, S1a silent
    CHECK(groups[1].key == "communes");
    CHECK(groups[1].counts == std::vector<std::size_t>{0, 0, 0, 1, 1, 0}); // C1 yeu, C2 not eligible
    CHECK_THROWS_AS(r.band_counts_by({"a"}), danchu::argument_error);

    // A scorecard row of a unit the organisation lacks: an error, or skipped on request.
    const auto extra = period({{"S1", 90}, {"ZZ", 10}}, false);
    CHECK_THROWS_AS(danchu::rollup(org, extra), danchu::scoring_error);
    danchu::rollup_options skip;
    skip.skip_unknown_units = true;
    const danchu::rollup k(org, extra, skip);
    CHECK(k.units(k.find("P")) == 1);
}

TEST_CASE("a grouping-only node is no missing report; its People's Committee is scored as a unit",
          "[rollup]") {
    // Issue 15, item 18: every non-root node had to have its own scorecard
    // row or it counted as a missing report, so a district could not be only
    // the grouping of its units.
    // P ── D1 district, grouping only (label grouping=true, no row; or a row the table gave it)
    //      ├─ D1-UBND the district People's Committee, scored as an agency (60)
    //      └─ C1 commune (40)
    using K = danchu::unit_kind;
    auto u = [](const char* id, K k, const char* parent, std::int64_t staff, bool grouping) {
        danchu::unit x;
        x.id = id;
        x.kind = k;
        x.parent = parent;
        x.staff = staff;
        if (grouping) x.labels["grouping"] = "true";
        return x;
    };
    const danchu::organisation org({u("P", K::province, "", 0, false), u("D1", K::district, "P", 0, true),
                                    u("D1-UBND", K::district, "D1", 20, false),
                                    u("C1", K::commune, "D1", 10, false)},
                                   "tree.json");
    for (const bool with_row : {false, true}) {
        INFO("the grouping node has a row of its own: " << with_row);
        std::vector<std::pair<std::string, double>> pts{{"D1-UBND", 60}, {"C1", 40}};
        if (with_row) pts.insert(pts.begin(), {"D1", 0});
        const danchu::rollup r(org, period(pts, false));
        const auto D1 = r.find("D1"), P = r.find("P");
        CHECK(r.missing(P) == 0);
        CHECK(r.coverage(P).missing.empty());
        CHECK(r.units(D1) == 2); // its People's Committee and the commune, not itself
        CHECK(r.mean(D1) == Approx((20 * 60 + 10 * 40) / 30.0));
        CHECK(r.grouping_only(D1));
        CHECK(r.own_slot(D1) == danchu::rollup::npos);
        CHECK(r.rank(r.find("D1-UBND")) == 1);
    }
    // Without the label the district is a unit: no row is a missing report.
    const danchu::organisation plain({u("P", K::province, "", 0, false), u("D1", K::district, "P", 0, false),
                                      u("C1", K::commune, "D1", 10, false)},
                                     "tree.json");
    CHECK(danchu::rollup(plain, period({{"C1", 40}}, false)).coverage(0).missing ==
          std::vector<std::string>{"D1"});
    // The label is true or false, nothing else.
    auto bad = u("D1", K::district, "", 0, false);
    bad.labels["grouping"] = "yes";
    CHECK_THROWS_WITH(danchu::organisation({bad}, "t.json"),
                      danchu_test::contains("label grouping is \"yes\": expected \"true\" or \"false\""));
}
