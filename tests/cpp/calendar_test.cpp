// Tests of holidays and working days (include/danchu/calendar/holiday.hpp, calendar.hpp)
// against the calendar brief §2.3-§2.4 (official civil-servant schedules
// 2018-2026; sources [H5]-[H40], [P5] as cited per row in data/schedules/).

#include "catch.hpp"
#include "shared_data.hpp"

#include <danchu/calendar/calendar.hpp>

#include <cstdint>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using danchu::civil_day;
using danchu::day_number;
using danchu::make_day;
using danchu::to_iso;

namespace {
using danchu_test::data_dir;
using danchu_test::error_of;
using danchu_test::has;

using danchu_test::vn;

// The machine-readable rows of brief §2.4, verbatim.
const char* const brief_rows[] = {
    "2018: off 2018-02-14..2018-02-16, 2018-02-19, 2018-02-20 | 2018-04-25 | 2018-04-30, "
    "2018-05-01 | 2018-09-03 (comp) | 2018-12-31 (swap)",
    "2019: work 2019-01-05 | off 2019-02-04..2019-02-08 | 2019-04-15 (comp) | 2019-04-29 (swap), "
    "2019-04-30, 2019-05-01 | work 2019-05-04 | off 2019-09-02",
    "2020: off 2020-01-23, 2020-01-24, 2020-01-27..2020-01-29 | 2020-04-02 | 2020-04-30, "
    "2020-05-01 | 2020-09-02",
    "2021: off 2021-02-10..2021-02-12, 2021-02-15, 2021-02-16 | 2021-04-21 | 2021-04-30, "
    "2021-05-03 (comp) | 2021-09-02, 2021-09-03",
    "2022: off 2022-01-31..2022-02-04 | 2022-04-11 (comp) | 2022-05-02, 2022-05-03 (comp) | "
    "2022-09-01, 2022-09-02",
    "2023: off 2023-01-20, 2023-01-23..2023-01-26 | 2023-05-01, 2023-05-02 (comp), 2023-05-03 "
    "(comp) | 2023-09-01, 2023-09-04 (comp)",
    "2024: off 2024-02-08, 2024-02-09, 2024-02-12..2024-02-14 | 2024-04-18 | 2024-04-29 (swap), "
    "2024-04-30, 2024-05-01 | work 2024-05-04 | off 2024-09-02, 2024-09-03",
    "2025: work 2025-04-26 | off 2025-01-27..2025-01-31 | 2025-04-07 | 2025-04-30, 2025-05-01, "
    "2025-05-02 (swap) | 2025-09-01, 2025-09-02",
    "2026: off 2026-01-02 (swap) | work 2026-01-10 | off 2026-02-16..2026-02-20 | 2026-04-27 "
    "(comp) | 2026-04-30, 2026-05-01 | work 2026-08-22 | off 2026-08-31 (swap), 2026-09-01, "
    "2026-09-02",
};

// New Year's Day weekdays off, which brief §2.4 leaves out of its rows: 1/1 on a
// weekday (Labour Code 2012 Art. 115(1); 2019 Art. 112(1)(a)), and the compensatory
// Mondays 03/01/2022 and 02/01/2023 ([P5]; 2023 also [H40]).
const char* const new_year_days[] = {"2018-01-01", "2019-01-01", "2020-01-01", "2021-01-01", "2022-01-03",
                                     "2023-01-02", "2024-01-01", "2025-01-01", "2026-01-01"};

struct expected_year {
    int year = 0;
    std::set<civil_day> off, work;
};

expected_year parse_row(const std::string& row) {
    expected_year e;
    e.year = std::stoi(row.substr(0, 4));
    std::string body = row.substr(5);
    for (char& c : body)
        if (c == '|' || c == ',') c = ' ';
    std::istringstream in(body);
    std::string tok;
    bool work = false;
    while (in >> tok) {
        if (tok == "off")
            work = false;
        else if (tok == "work")
            work = true;
        else if (tok == "(comp)" || tok == "(swap)")
            continue;
        else {
            auto& target = work ? e.work : e.off;
            const auto dots = tok.find("..");
            if (dots == std::string::npos) {
                target.insert(civil_day::parse(tok));
            } else {
                for (civil_day d = civil_day::parse(tok.substr(0, dots));
                     d <= civil_day::parse(tok.substr(dots + 2)); ++d)
                    target.insert(d);
            }
        }
    }
    return e;
}
} // namespace

TEST_CASE("every day of 2018-2026 matches the official schedules (brief §2.4)", "[calendar]") {
    for (const char* row : brief_rows) {
        expected_year e = parse_row(row);
        for (const char* ny : new_year_days)
            if (std::stoi(std::string(ny).substr(0, 4)) == e.year) e.off.insert(civil_day::parse(ny));
        INFO("year " << e.year);
        CHECK(vn().has_official_schedule(e.year));
        for (civil_day d = make_day(e.year, 1, 1); d <= make_day(e.year, 12, 31); ++d) {
            const auto wd = danchu::weekday_of(d);
            const bool weekend = wd == danchu::weekday::sat || wd == danchu::weekday::sun;
            bool expected = !weekend;
            if (e.off.count(d)) expected = false;
            if (e.work.count(d)) expected = true;
            INFO("day " << to_iso(d));
            CHECK(vn().is_working_day(d) == expected);
        }
    }
}

TEST_CASE("every make-up working day is a Saturday and has a swapped day off", "[calendar]") {
    int makeups = 0;
    for (int y = 2018; y <= 2026; ++y)
        for (const auto& h : vn().entries(y))
            if (h.kind == danchu::holiday_kind::makeup_working_day) {
                ++makeups;
                CHECK(danchu::weekday_of(h.date) == danchu::weekday::sat);
                CHECK(vn().is_working_day(h.date));
                CHECK_FALSE(h.source.document.empty());
            }
    CHECK(makeups == 6); // brief §0 item 5
}

TEST_CASE("holidays of 2026 with names, kinds and sources", "[calendar]") {
    const auto hs = vn().holidays(2026);
    REQUIRE(hs.size() == 14); // 1/1, swap 2/1, 5 Tết, 26-27/4, 30/4, 1/5, 31/8 swap, 1-2/9
    CHECK(to_iso(hs.front().date) == "2026-01-01");
    CHECK(hs.front().name.vi == "Tết Dương lịch");
    CHECK(hs.front().name.en == "New Year's Day");
    const auto* hung = vn().find(make_day(2026, 4, 26));
    REQUIRE(hung != nullptr);
    CHECK(hung->kind == danchu::holiday_kind::statutory);
    CHECK(hung->holiday_id == "hung-kings");
    const auto* comp = vn().find(make_day(2026, 4, 27));
    REQUIRE(comp != nullptr);
    CHECK(comp->kind == danchu::holiday_kind::compensatory);
    const auto* makeup = vn().find(make_day(2026, 8, 22));
    REQUIRE(makeup != nullptr);
    CHECK(makeup->kind == danchu::holiday_kind::makeup_working_day);
    for (const auto& h : vn().entries(2026)) {
        CHECK_FALSE(h.derived);
        CHECK_FALSE(h.source.document.empty());
        CHECK_FALSE(h.name.vi.empty());
    }
    CHECK(vn().find(make_day(2026, 3, 3)) == nullptr);
}

TEST_CASE("years without an official schedule are derived by rule and say so", "[calendar]") {
    CHECK_FALSE(vn().has_official_schedule(2027));
    const auto hs = vn().holidays(2027);
    REQUIRE_FALSE(hs.empty());
    for (const auto& h : hs) CHECK(h.derived);
    // Labour Code 2019 Art. 112(1): 11 statutory days; Tết 2027 is Sat 06/02 so the
    // eve (Fri 05/02) and mùng 1-4 (06-09/02) give two compensatory days.
    int statutory = 0;
    for (const auto& h : hs) statutory += h.kind == danchu::holiday_kind::statutory;
    CHECK(statutory == 11);
    CHECK_FALSE(vn().is_working_day(make_day(2027, 2, 10)));
    CHECK_FALSE(vn().is_working_day(make_day(2027, 2, 11)));
    CHECK(vn().is_working_day(make_day(2027, 2, 12)));
    // 2/9/2027 is a Thursday: the adjacent day is Friday 03/09 (2021-2026 pattern)
    CHECK_FALSE(vn().is_working_day(make_day(2027, 9, 3)));
    // Labour Code 2012 era: 10 statutory days, 1 day for National Day
    int s2017 = 0;
    for (const auto& h : vn().holidays(2017)) s2017 += h.kind == danchu::holiday_kind::statutory;
    CHECK(s2017 == 10);
    // every year of the range has holidays
    for (int y = 1900; y <= 2199; ++y) CHECK_FALSE(vn().holidays(y).empty());
}

TEST_CASE("working-day arithmetic on the civil-servant calendar", "[calendar]") {
    const auto& c = vn();
    // Fri 26/04/2024 + 1 working day: 27-28 weekend, 29 swap, 30/4, 1/5 off -> Thu 02/05
    CHECK(to_iso(c.add_working_days(make_day(2024, 4, 26), 1)) == "2024-05-02");
    // ... and Sat 04/05/2024 is a make-up working day
    CHECK(to_iso(c.add_working_days(make_day(2024, 5, 3), 1)) == "2024-05-04");
    CHECK(to_iso(c.add_working_days(make_day(2024, 5, 6), -1)) == "2024-05-04");
    CHECK(to_iso(c.next_working_day(make_day(2026, 2, 13))) == "2026-02-23");
    CHECK(to_iso(c.previous_working_day(make_day(2026, 2, 23))) == "2026-02-13");
    CHECK(to_iso(c.roll_forward(make_day(2026, 2, 14))) == "2026-02-23");
    CHECK(to_iso(c.roll_backward(make_day(2026, 2, 14))) == "2026-02-13");
    CHECK(c.add_working_days(make_day(2026, 2, 14), 0) == make_day(2026, 2, 14));
    // (a, b]: start excluded, end included
    CHECK(c.working_days_between(make_day(2026, 2, 13), make_day(2026, 2, 23)) == 1);
    CHECK(c.working_days_between(make_day(2026, 2, 23), make_day(2026, 2, 13)) == -1);
    CHECK(c.working_days_between(make_day(2026, 1, 1), make_day(2026, 1, 1)) == 0);
    // 2026 has 365 - 104 weekend days - 13 weekday days off + 2 make-up Saturdays
    CHECK(c.working_days_between(make_day(2025, 12, 31), make_day(2026, 12, 31)) == 365 - 104 - 13 + 2);
}

TEST_CASE("add_working_days and working_days_between agree (randomised)", "[calendar]") {
    std::mt19937 rng(20260425);
    std::uniform_int_distribution<int> day(danchu::days_from_civil(1902, 1, 1),
                                           danchu::days_from_civil(2197, 12, 31));
    std::uniform_int_distribution<int> count(-400, 400);
    const auto& c = vn();
    for (int i = 0; i < 20000; ++i) {
        const civil_day d = civil_day::from_days(day(rng));
        const int n = count(rng);
        const civil_day r = c.add_working_days(d, n);
        if (n > 0) {
            REQUIRE(c.working_days_between(d, r) == n);
            REQUIRE(c.is_working_day(r));
            REQUIRE(r > d);
        } else if (n < 0) {
            REQUIRE(c.is_working_day(r));
            REQUIRE(r < d);
            // r is the |n|-th working day before d: (r, d) holds |n| - 1 working days
            REQUIRE(c.working_days_between(r, d - 1) == -n - 1);
            if (c.is_working_day(d)) REQUIRE(c.add_working_days(r, -n) == d);
        }
    }
}

TEST_CASE("custom weekly rest pattern: Sunday only", "[calendar]") {
    const auto data = danchu::holiday_data::load_directory(data_dir + "/schedules");
    const auto c = danchu::calendar::with_weekly_rest(data, danchu::weekly_rest::sunday_only());
    CHECK_FALSE(c.is_civil_servant());
    CHECK(c.is_working_day(make_day(2026, 3, 7)));       // a Saturday
    CHECK_FALSE(c.is_working_day(make_day(2026, 3, 8))); // a Sunday
    // no civil-servant swaps: 02/01/2026 and 31/08/2026 are working days
    CHECK(c.is_working_day(make_day(2026, 1, 2)));
    CHECK(c.is_working_day(make_day(2026, 8, 31)));
    // Hùng Kings' day Sun 26/04/2026 -> compensatory Mon 27/04 (Art. 111(3))
    CHECK_FALSE(c.is_working_day(make_day(2026, 4, 27)));
    // Sat 30/04/2022 is a working weekday for this pattern, Sun 01/05 compensated on Mon 02/05
    CHECK_FALSE(c.is_working_day(make_day(2022, 4, 30)));
    CHECK_FALSE(c.is_working_day(make_day(2022, 5, 2)));
    CHECK(c.is_working_day(make_day(2022, 5, 3)));
    danchu::weekly_rest all{0x7F};
    CHECK(has(error_of<danchu::argument_error>([&] { (void)danchu::calendar::with_weekly_rest(data, all); }),
              "at least one weekday"));
}

TEST_CASE("batch forms agree with the scalar forms", "[calendar]") {
    const auto& c = vn();
    std::vector<day_number> days;
    for (civil_day d = make_day(2024, 1, 1); d <= make_day(2026, 12, 31); ++d) days.push_back(d.days());
    std::vector<std::uint8_t> flags(days.size());
    c.is_working_day(days.data(), flags.data(), days.size());
    std::vector<day_number> out(days.size());
    const std::int64_t five = 5;
    c.add_working_days(days.data(), &five, 1, out.data(), days.size());
    for (std::size_t i = 0; i < days.size(); ++i) {
        REQUIRE((flags[i] != 0) == c.is_working_day(civil_day::from_days(days[i])));
        REQUIRE(out[i] == c.add_working_days(civil_day::from_days(days[i]), 5).days());
    }
    const auto pred = c.working_day_predicate();
    CHECK(pred(make_day(2026, 1, 10)));
    CHECK_FALSE(pred(make_day(2026, 1, 2)));
    CHECK_FALSE(pred(make_day(1800, 1, 1)));
}

TEST_CASE("out-of-range days and years throw calendar_error naming the value", "[calendar]") {
    const auto& c = vn();
    CHECK(has(error_of<danchu::calendar_error>([&] { (void)c.is_working_day(make_day(2200, 1, 1)); }),
              "2200-01-01"));
    CHECK(has(error_of<danchu::calendar_error>([&] { (void)c.holidays(1899); }), "1899"));
    CHECK(has(error_of<danchu::calendar_error>([&] { (void)c.add_working_days(make_day(2199, 12, 1), 100); }),
              "goes past 2199-12-31"));
    CHECK(
        has(error_of<danchu::calendar_error>([&] { (void)c.add_working_days(make_day(1900, 1, 10), -100); }),
            "goes before 1900-01-01"));
}

TEST_CASE("malformed schedule files give parse errors with file and JSON pointer", "[calendar]") {
    using nlohmann::json;
    auto err = [](const json& doc) {
        return error_of<danchu::parse_error>([&] {
            danchu::holiday_data d;
            d.add_json(doc, "2030.json");
        });
    };
    const json good_entry = danchu_test::holiday_entry();
    CHECK(err(json{{"year", 2030}, {"entries", json::array({good_entry})}}).empty());
    json bad = good_entry;
    bad["date"] = "2030-02-30";
    CHECK(has(err(json{{"year", 2030}, {"entries", json::array({bad})}}),
              "2030.json:/entries/0/date: \"2030-02-30\" is not a valid ISO date"));
    bad = good_entry;
    bad["kind"] = "holiday";
    CHECK(has(err(json{{"year", 2030}, {"entries", json::array({bad})}}), "/entries/0/kind"));
    bad = good_entry;
    bad.erase("source");
    CHECK(has(err(json{{"year", 2030}, {"entries", json::array({bad})}}),
              "/entries/0: missing required key \"source\""));
    bad = good_entry;
    bad["date"] = "2031-01-01";
    CHECK(has(err(json{{"year", 2030}, {"entries", json::array({bad})}}), "not in the file's year"));
    bad = good_entry;
    bad["kind"] = "makeup_working_day"; // 01/01/2030 is a Tuesday
    CHECK(has(err(json{{"year", 2030}, {"entries", json::array({bad})}}), "not a Saturday"));
    CHECK(has(err(json{{"year", 1800}, {"entries", json::array()}}), "/year"));
    CHECK(has(err(json{{"foo", 1}}), "expected a member \"eras\""));
    CHECK(has(err(json{{"year", 2030}, {"entries", json::array({good_entry, good_entry})}}),
              "two entries for 2030-01-01"));
    CHECK(has(
        error_of<danchu::parse_error>([] { (void)danchu::holiday_data::load_directory("/nonexistent/dir"); }),
        "/nonexistent/dir"));
}

TEST_CASE("a user's file for a new year replaces the rule-derived days", "[calendar]") {
    auto data = danchu::holiday_data::load_directory(data_dir + "/schedules");
    using nlohmann::json;
    auto entry = [](const char* date, const char* kind) {
        return json{{"date", date},
                    {"kind", kind},
                    {"holiday", "tet"},
                    {"name", {{"vi", "Tết Nguyên đán"}, {"en", "Lunar New Year (Tết)"}}},
                    {"source", {{"document", "Test notice"}}},
                    {"confidence", "uncertain"}};
    };
    data.add_json(json{{"year", 2027},
                       {"entries", json::array({entry("2027-02-05", "statutory"),
                                                entry("2027-02-13", "makeup_working_day")})}},
                  "2027.json");
    const auto c = danchu::calendar::civil_servant(data);
    CHECK(c.has_official_schedule(2027));
    CHECK(c.is_working_day(make_day(2027, 2, 13)));
    CHECK_FALSE(c.is_working_day(make_day(2027, 2, 5)));
    CHECK(c.is_working_day(make_day(2027, 2, 8))); // only what the file says
    CHECK_FALSE(c.holidays(2027).front().derived);
}
