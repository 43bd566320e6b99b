// XCCDF scoring models, the counting policy, bands, boundaries and rounding.
// Every expected number is computed by hand in the comment next to it.

#include "catch.hpp"

#include <danchu/scoring/io.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace {

using danchu::verdict;

danchu::rule_meta meta(const std::string& id, double w, danchu::confidence c = danchu::confidence::verified,
                       danchu::severity s = danchu::severity::medium) {
    danchu::rule_meta m;
    m.id = id;
    m.weight = w;
    m.conf = c;
    m.sev = s;
    return m;
}

// One unit, rules r1..r4 with weights 1, 2, 3, 1.
danchu::finding_table one_unit(std::vector<verdict> v,
                               danchu::confidence r4conf = danchu::confidence::verified) {
    danchu::finding_table t({meta("r1", 1), meta("r2", 2), meta("r3", 3), meta("r4", 1, r4conf)}, {"u"});
    for (std::size_t r = 0; r < v.size(); ++r) t.set(0, r, v[r], v[r] == verdict::pass ? 1.0f : 0.0f);
    return t;
}

danchu::scoring_scheme xccdf(const std::string& model, const std::string& extra = "") {
    return danchu::parse_scoring_scheme(R"({"id": "x", "title": {"vi": "x", "en": "x"},
        "kind": "xccdf", "model": ")" + model +
                                            "\"" + extra + "}",
                                        "x.json");
}

} // namespace

TEST_CASE("the four XCCDF models score a flat benchmark as NISTIR 7275r4 says", "[score]") {
    // r1 (w1) pass, r2 (w2) fail, r3 (w3) pass, r4 (w1) not applicable.
    const auto t = one_unit({verdict::pass, verdict::fail, verdict::pass, verdict::not_applicable});
    SECTION("default: (100·1 + 0·2 + 100·3) / (1+2+3) = 66.67") {
        const auto sc = danchu::score(xccdf("default"), t);
        CHECK(sc.xccdf_score(0) == Approx(400.0 / 6.0));
        CHECK(sc.maximum(0) == 100.0);
        CHECK(sc.total(0) == Approx(400.0 / 6.0));
    }
    SECTION("flat: 1 + 3 = 4 of 6") {
        const auto sc = danchu::score(xccdf("flat"), t);
        CHECK(sc.xccdf_score(0) == 4.0);
        CHECK(sc.maximum(0) == 6.0);
        CHECK(sc.total(0) == Approx(400.0 / 6.0)); // percent used for bands
    }
    SECTION("flat-unweighted (URN accepted): 2 of 3") {
        const auto sc = danchu::score(xccdf("urn:xccdf:scoring:flat-unweighted"), t);
        CHECK(sc.xccdf_score(0) == 2.0);
        CHECK(sc.maximum(0) == 3.0);
    }
    SECTION("absolute: 0 unless every scored rule passes; the maximum is the flat one") {
        const auto sc = danchu::score(xccdf("absolute"), t);
        CHECK(sc.xccdf_score(0) == 0.0);
        CHECK(sc.maximum(0) == 6.0);
        const auto all = one_unit({verdict::pass, verdict::pass, verdict::pass, verdict::not_applicable});
        const auto sc2 = danchu::score(xccdf("absolute"), all);
        CHECK(sc2.xccdf_score(0) == 1.0);
        CHECK(sc2.total(0) == 100.0);
    }
    SECTION("nothing scored: default 0, flat 0 of 0, absolute 1 (OpenSCAP's quirk)") {
        const auto none = one_unit({verdict::not_applicable, verdict::not_applicable, verdict::not_applicable,
                                    verdict::not_applicable});
        CHECK(danchu::score(xccdf("default"), none).xccdf_score(0) == 0.0);
        CHECK(danchu::score(xccdf("flat"), none).maximum(0) == 0.0);
        CHECK(danchu::score(xccdf("absolute"), none).xccdf_score(0) == 1.0);
        // nothing to classify: a status of its own, not a band
        CHECK(danchu::score(xccdf("default"), none).status(0) == danchu::class_status::not_applicable);
    }
}

TEST_CASE("the default model is hierarchical and weights groups", "[score]") {
    // root: G1 (weight 2: r1, r2), G2 (weight 1: r3), rule r4.
    const std::string tree = R"(, "benchmark": {"rules": ["r4"], "groups": [
        {"id": "G1", "weight": 2, "rules": ["r1", "r2"]},
        {"id": "G2", "weight": 1, "rules": ["r3"]}]})";
    SECTION("G1 = (100·1 + 0·2)/3 = 33.3, G2 = 100; root = (33.3·2 + 100·1 + 0·1)/4 = 41.67") {
        const auto t = one_unit({verdict::pass, verdict::fail, verdict::pass, verdict::fail});
        const auto sc = danchu::score(xccdf("default", tree), t);
        CHECK(sc.xccdf_score(0) == Approx((100.0 / 3.0 * 2 + 100.0) / 4.0));
        // flat ignores the hierarchy: 1 + 3 of 1 + 2 + 3 + 1
        const auto fl = danchu::score(xccdf("flat", tree), t);
        CHECK(fl.xccdf_score(0) == 4.0);
        CHECK(fl.maximum(0) == 7.0);
    }
    SECTION("a group with nothing scored drops out: root = (33.3·2 + 0·1)/3 = 22.2") {
        const auto t = one_unit({verdict::pass, verdict::fail, verdict::not_applicable, verdict::fail});
        CHECK(danchu::score(xccdf("default", tree), t).xccdf_score(0) == Approx(100.0 / 3.0 * 2 / 3.0));
    }
    SECTION("weights can be refined by the scheme; zero-weight rules are skipped by flat") {
        const auto t = one_unit({verdict::pass, verdict::fail, verdict::pass, verdict::fail});
        const auto sc = danchu::score(xccdf("flat", R"(, "weights": {"r2": 0, "r3": 5})"), t);
        CHECK(sc.xccdf_score(0) == 6.0); // r1 1 + r3 5
        CHECK(sc.maximum(0) == 7.0);     // 1 + 5 + 1 (r2 skipped)
    }
}

TEST_CASE("unknown, error, not_applicable, overridden and advisory findings count as documented", "[score]") {
    SECTION("unknown and error are scored as not passing by default") {
        const auto t = one_unit({verdict::pass, verdict::unknown, verdict::error, verdict::pass});
        const auto sc = danchu::score(xccdf("flat_unweighted"), t);
        CHECK(sc.xccdf_score(0) == 2.0);
        CHECK(sc.maximum(0) == 4.0);
        CHECK(sc.unknown_count(0) == 1);
        CHECK(sc.error_count(0) == 1);
        CHECK((sc.coverage(0) & static_cast<std::uint8_t>(danchu::coverage_flag::missing_evidence)));
    }
    SECTION("the policy can exclude unknown or count it as a pass") {
        const auto t = one_unit({verdict::pass, verdict::unknown, verdict::fail, verdict::pass});
        CHECK(danchu::score(xccdf("flat_unweighted", R"(, "counting": {"unknown": "exclude"})"), t)
                  .maximum(0) == 3.0);
        CHECK(danchu::score(xccdf("flat_unweighted", R"(, "counting": {"unknown": "pass"})"), t)
                  .xccdf_score(0) == 3.0);
    }
    SECTION("advisory (uncertain) rules are not scored unless the scheme says so") {
        const auto t = one_unit({verdict::pass, verdict::pass, verdict::pass, verdict::fail},
                                danchu::confidence::uncertain);
        CHECK(danchu::score(xccdf("absolute"), t).xccdf_score(0) == 1.0);
        CHECK(danchu::score(xccdf("absolute", R"(, "counting": {"advisory": "score"})"), t).xccdf_score(0) ==
              0.0);
    }
    SECTION("an override's new verdict counts; the original can be chosen instead") {
        auto t = one_unit({verdict::pass, verdict::pass, verdict::pass, verdict::pass});
        danchu::override_record o;
        o.rule_id = "r2";
        o.unit_id = "u";
        o.original = verdict::fail;
        o.replacement = verdict::pass;
        o.who = "Sở Nội vụ";
        o.date = "2025-06-20";
        o.reason = "minutes found after evaluation";
        t.add_override(o);
        CHECK(danchu::score(xccdf("flat"), t).xccdf_score(0) == 7.0);
        CHECK(danchu::score(xccdf("flat", R"(, "counting": {"overridden": "original"})"), t).xccdf_score(0) ==
              5.0);
    }
}

TEST_CASE("bands apply explicit boundaries and rounding", "[score]") {
    using danchu::band;
    using danchu::boundary;
    auto mk = [](const std::string& id, std::optional<double> min, boundary b = boundary::at_least) {
        band x;
        x.id = id;
        x.name = {id, id};
        x.min_score = min;
        x.bound = b;
        return x;
    };
    const danchu::band_scale scale({mk("tot", 80), mk("kha", 65), mk("tb", 50), mk("yeu", {})});
    const danchu::criteria_stats none;
    SECTION("exactly 80 is Tốt, just under 80 is Khá") {
        CHECK(scale.classify(80.0, none) == 0);
        CHECK(scale.classify(79.99, none) == 1);
        CHECK(scale.classify(0.0, none) == 3);
    }
    SECTION("sums of fractions meet a threshold they equal on paper") {
        CHECK(scale.classify(0.1 * 3 + 79.7, none) == 0);
    }
    SECTION("a strict boundary excludes the threshold itself") {
        const danchu::band_scale strict({mk("tot", 80, boundary::above), mk("kha", {})});
        CHECK(strict.classify(80.0, none) == 1);
        CHECK(strict.classify(80.01, none) == 0);
    }
    SECTION("rounding modes") {
        danchu::rounding r{danchu::rounding_mode::half_up, 0};
        CHECK(r.apply(79.5) == 80.0);
        CHECK(r.apply(79.49) == 79.0);
        r.decimals = 1;
        CHECK(r.apply(79.95) == Approx(80.0)); // 79.95 is 79.9499… in binary
        r = {danchu::rounding_mode::half_even, 0};
        CHECK(r.apply(78.5) == 78.0);
        CHECK(r.apply(79.5) == 80.0);
        r = {danchu::rounding_mode::floor, 0};
        CHECK(r.apply(79.99) == 79.0);
        r = {danchu::rounding_mode::none, 0};
        CHECK(r.apply(79.99) == 79.99);
    }
    SECTION("\"more than 80%\" of 5 criteria fails at exactly 4 achieved") {
        band dat = mk("dat", 80);
        dat.conditions.achieved_fraction = 0.5;
        dat.conditions.min_achieved_share = 0.8;
        dat.conditions.share_boundary = boundary::above;
        const danchu::band_scale bg({dat, mk("khong_dat", {})});
        danchu::criteria_stats s;
        s.counted = 5;
        s.achieved = 4;
        CHECK(bg.classify(90, s) == 1);
        CHECK(bg.check(0, 90, s) == static_cast<std::uint8_t>(danchu::unmet::achieved_share));
        s.achieved = 5;
        CHECK(bg.classify(90, s) == 0);
    }
    SECTION("bands out of order, overlapping or without a threshold in the middle are rejected") {
        CHECK_THROWS_AS(danchu::band_scale({mk("tot", 80), mk("kha", 85)}), danchu::scoring_error);
        CHECK_THROWS_AS(danchu::band_scale({mk("tot", 80), mk("kha", 80)}), danchu::scoring_error);
        CHECK_THROWS_AS(danchu::band_scale({mk("tot", {}), mk("kha", 50)}), danchu::scoring_error);
        CHECK_THROWS_AS(danchu::band_scale({mk("a", 80), mk("a", 50)}), danchu::scoring_error);
        // same threshold, the strict one first, is a valid split
        CHECK_NOTHROW(danchu::band_scale({mk("a", 80, boundary::above), mk("b", 80)}));
    }
}

TEST_CASE("the bundled XCCDF model files load and score", "[score]") {
    const std::string dir = std::string(DANCHU_TEST_SOURCE_DIR) + "/data/scoring/";
    const auto t = one_unit({verdict::pass, verdict::fail, verdict::pass, verdict::not_applicable});
    CHECK(danchu::score(danchu::load_scoring_scheme(dir + "xccdf-default.json"), t).xccdf_score(0) ==
          Approx(400.0 / 6.0));
    CHECK(danchu::score(danchu::load_scoring_scheme(dir + "xccdf-flat.json"), t).xccdf_score(0) == 4.0);
    CHECK(danchu::score(danchu::load_scoring_scheme(dir + "xccdf-flat-unweighted.json"), t).xccdf_score(0) ==
          2.0);
    CHECK(danchu::score(danchu::load_scoring_scheme(dir + "xccdf-absolute.json"), t).xccdf_score(0) == 0.0);
}

// Regression (issue 15, item 4): credits were 32-bit floats, so a proportional
// credit of 0.7 on a 100-point item gave 69.9999988, graded below "Khá ≥ 70" in
// a scheme without rounding (the 1e-9 tolerance cannot absorb float error).
TEST_CASE("a proportional credit of 0.7 on 100 points meets a threshold of 70", "[score][regression]") {
    danchu::finding_table t({meta("r1", 1)}, {"u"});
    t.set(0, 0, verdict::fail, 0.7);
    CHECK(t.credit(0, 0) == 0.7);
    const auto scheme = danchu::parse_scoring_scheme(R"({"id": "p", "title": {"vi": "p", "en": "p"},
        "kind": "scorecard", "max_points": 100, "classify_on": "self",
        "rounding": {"mode": "none", "decimals": 0},
        "criteria": [{"id": "c", "title": {"vi": "c", "en": "c"}, "max_points": 100, "from": "rules",
                      "items": [{"rule": "r1", "points": 100, "credit": "proportional"}]}],
        "bands": [{"id": "kha", "name": {"vi": "Khá", "en": "Fair"}, "min": 70, "boundary": ">=",
                   "source": {"document": "test"}, "confidence": "uncertain"},
                  {"id": "yeu", "name": {"vi": "Yếu", "en": "Weak"},
                   "source": {"document": "test"}, "confidence": "uncertain"}]})",
                                                     "p.json");
    const auto sc = danchu::score(scheme, t);
    CHECK(std::abs(sc.total(0) - 70.0) < 1e-12);
    CHECK(sc.band(0) == 0); // Khá
}
