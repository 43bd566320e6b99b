// Tests of report periods and deadlines (include/danchu/calendar/period.hpp,
// deadline.hpp): the brief §1.6 table of 2026 periods [DERIVED from Decree
// 09/2019 Art. 12 and Art. 13(1); D4, D5, D6], calendar windows (§1.5, [D14]),
// non-working-day policies and malformed regime files.

#include "catch.hpp"
#include "shared_data.hpp"

#include <danchu/calendar/period.hpp>

#include <string>
#include <vector>

using danchu::make_day;
using danchu::period_kind;
using danchu::to_iso;

namespace {
using danchu_test::data_dir;
using danchu_test::error_of;
using danchu_test::has;
using danchu_test::vn;
const danchu::convention_set& regimes() {
    static const danchu::convention_set r = danchu::convention_set::load_directory(data_dir + "/regimes");
    return r;
}
} // namespace

TEST_CASE("Decree 09 periods of 2026 match the brief §1.6 table", "[period]") {
    struct row {
        period_kind kind;
        int index;
        const char *start, *end, *deadline;
        bool deadline_working;
    };
    const std::vector<row> rows = {
        {period_kind::month, 3, "2026-02-15", "2026-03-14", "2026-03-25", true},
        {period_kind::month, 4, "2026-03-15", "2026-04-14", "2026-04-25", false}, // a Saturday
        {period_kind::quarter, 1, "2025-12-15", "2026-03-14", "2026-03-25", true},
        {period_kind::quarter, 2, "2026-03-15", "2026-06-14", "2026-06-25", true},
        {period_kind::quarter, 3, "2026-06-15", "2026-09-14", "2026-09-25", true},
        {period_kind::quarter, 4, "2026-09-15", "2026-12-14", "2026-12-25", true},
        {period_kind::half, 1, "2025-12-15", "2026-06-14", "2026-06-25", true},
        {period_kind::half, 2, "2026-06-15", "2026-12-14", "2026-12-25", true},
        {period_kind::year, 1, "2025-12-15", "2026-12-14", "2026-12-25", true},
    };
    const auto& r = regimes().at("decree-09-2019");
    for (const auto& x : rows) {
        const auto p = danchu::make_report_period(r, x.kind, 2026, x.index, vn());
        INFO(p.label());
        CHECK(to_iso(p.start) == x.start);
        CHECK(to_iso(p.end) == x.end);
        REQUIRE(p.deadline.has_value());
        CHECK(to_iso(*p.deadline) == x.deadline); // default policy: keep the legal date
        CHECK(vn().is_working_day(*p.deadline) == x.deadline_working);
        CHECK(*p.working_days_after_cutoff >= 1); // Decree 09 Art. 8(5)(b)
    }
}

TEST_CASE("monthly windows chain without gaps or overlaps", "[period]") {
    const auto& r = regimes().at("decree-09-2019");
    for (int y = 2019; y <= 2030; ++y) {
        const auto ms = danchu::report_periods(r, period_kind::month, y, vn());
        REQUIRE(ms.size() == 12);
        for (std::size_t i = 1; i < ms.size(); ++i) CHECK(ms[i].start == ms[i - 1].end + 1);
        const auto year = danchu::make_report_period(r, period_kind::year, y, 1, vn());
        CHECK(year.start == ms.front().start);
        CHECK(year.end == ms.back().end);
        const auto next = danchu::make_report_period(r, period_kind::month, y + 1, 1, vn());
        CHECK(next.start == ms.back().end + 1);
    }
}

TEST_CASE("non-working-day policies move the April 2026 deadline", "[period]") {
    const auto& r = regimes().at("decree-09-2019");
    using P = danchu::non_working_policy;
    auto due = [&](P p) {
        return to_iso(*danchu::make_report_period(r, period_kind::month, 2026, 4, vn(), p).deadline);
    };
    CHECK(due(P::keep) == "2026-04-25");                 // Saturday
    CHECK(due(P::next_working_day) == "2026-04-28");     // Sun 26 Hùng Kings, Mon 27 compensatory
    CHECK(due(P::previous_working_day) == "2026-04-24"); // Friday
    const auto p = danchu::make_report_period(r, period_kind::month, 2026, 4, vn(), P::next_working_day);
    CHECK(to_iso(*p.nominal_deadline) == "2026-04-25");
    CHECK(danchu::nonworking_policy_from_string("previous_working_day") == P::previous_working_day);
    CHECK(has(error_of<danchu::argument_error>([] { (void)danchu::nonworking_policy_from_string("roll"); }),
              "expected one of keep, next_working_day, previous_working_day"));
}

TEST_CASE("statistical regime uses calendar windows and has no deadline", "[period]") {
    const auto& r = regimes().at("statistical-calendar");
    const auto feb = danchu::make_report_period(r, period_kind::month, 2028, 2, vn());
    CHECK(to_iso(feb.start) == "2028-02-01");
    CHECK(to_iso(feb.end) == "2028-02-29");
    CHECK_FALSE(feb.deadline.has_value());
    const auto h1 = danchu::make_report_period(r, period_kind::half, 2026, 1, vn());
    CHECK(to_iso(h1.start) == "2026-01-01");
    CHECK(to_iso(h1.end) == "2026-06-30");
    const auto q4 = danchu::make_report_period(r, period_kind::quarter, 2026, 4, vn());
    CHECK(to_iso(q4.start) == "2026-10-01");
    CHECK(to_iso(q4.end) == "2026-12-31");
}

TEST_CASE("MOHA 581 administrative-reform regime: deadline the 20th", "[period]") {
    const auto& r = regimes().at("moha-581-admin-reform");
    const auto q1 = danchu::make_report_period(r, period_kind::quarter, 2026, 1, vn());
    CHECK(to_iso(q1.start) == "2025-12-15");
    CHECK(to_iso(*q1.deadline) == "2026-03-20");
    CHECK(has(error_of<danchu::argument_error>(
                  [&] { (void)danchu::make_report_period(r, period_kind::month, 2026, 1, vn()); }),
              "defines no month period"));
}

TEST_CASE("deadline rules as data: N working days after the cut-off", "[period]") {
    using nlohmann::json;
    danchu::convention_set s;
    s.add_json(json{{"id", "two-working-days"},
                    {"name", {{"vi", "Thử"}, {"en", "Test"}}},
                    {"window", {{"type", "cutoff"}, {"cutoff_day", 14}}},
                    {"periods", {"month", "quarter"}},
                    {"deadline",
                     {{"type", "working_days_after_cutoff"},
                      {"n", 2},
                      {"source", {{"document", "test"}}},
                      {"confidence", "uncertain"}}},
                    {"source", {{"document", "test"}}},
                    {"confidence", "uncertain"}},
               "test.json");
    const auto& r = s.at("two-working-days");
    // cut-off Sat 14/02/2026 -> the Tết break -> Mon 23/02 and Tue 24/02
    const auto p = danchu::make_report_period(r, period_kind::month, 2026, 2, vn());
    CHECK(to_iso(*p.deadline) == "2026-02-24");
    CHECK(*p.working_days_after_cutoff == 2);
}

TEST_CASE("bad period arguments and malformed regime files", "[period]") {
    const auto& r = regimes().at("decree-09-2019");
    CHECK(has(error_of<danchu::argument_error>(
                  [&] { (void)danchu::make_report_period(r, period_kind::quarter, 2026, 5, vn()); }),
              "period index 5 for a quarter period must be 1..4"));
    CHECK(has(error_of<danchu::argument_error>([] { (void)danchu::period_kind_from_string("week"); }),
              "\"week\""));
    CHECK(has(error_of<danchu::argument_error>([] { (void)regimes().at("nope"); }), "decree-09-2019"));
    using nlohmann::json;
    auto err = [](const json& doc) {
        return error_of<danchu::parse_error>([&] {
            danchu::convention_set s;
            s.add_json(doc, "r.json");
        });
    };
    json good = {{"id", "x"},
                 {"name", {{"vi", "x"}, {"en", "x"}}},
                 {"window", {{"type", "cutoff"}, {"cutoff_day", 14}}},
                 {"periods", {"month"}},
                 {"source", {{"document", "d"}}},
                 {"confidence", "secondary"}};
    CHECK(err(good).empty());
    json bad = good;
    bad["window"]["type"] = "weekly";
    CHECK(has(err(bad), "r.json:/window/type: window type \"weekly\""));
    bad = good;
    bad["periods"] = {"month", "decade"};
    CHECK(has(err(bad), "r.json:/periods/1"));
    bad = good;
    bad["window"]["cutoff_day"] = 40;
    CHECK(has(err(bad), "/window/cutoff_day"));
    bad = good;
    bad["deadline"] = {{"type", "day_of_last_month"},
                       {"n", 10},
                       {"source", {{"document", "d"}}},
                       {"confidence", "secondary"}};
    CHECK(has(err(bad), "not after the cut-off day"));
    bad = good;
    bad["confidence"] = "sure";
    CHECK(has(err(bad), "/confidence"));
}
