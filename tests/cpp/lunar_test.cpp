// Tests of the Vietnamese lunar calendar (include/danchu/calendar/lunar.hpp). Vectors
// from the calendar brief §3.2-§3.4 (source [P2]: vacanza/holidays
// holidays/calendars/chinese.py at commit c382fdec, Vietnamese overrides; the
// 2018-2026 rows agree with the official schedules of §2.3).

#include "catch.hpp"

#include <danchu/calendar/lunar.hpp>
#include <danchu/core/boost_date.hpp>

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

using danchu::make_day;
using danchu::to_iso;

static_assert(std::is_nothrow_move_constructible_v<danchu::lunar_date>);
static_assert(std::is_copy_constructible_v<danchu::lunar_date>);

namespace {
struct ymd {
    int y, m, d;
};
std::string iso(int y, int m, int d) { return to_iso(make_day(y, m, d)); }
/// The message of the danchu::calendar_error `f` throws ("" if none).
template <class F> std::string calendar_error_of(F f) {
    try {
        f();
    } catch (const danchu::calendar_error& e) {
        return e.what();
    }
    return "";
}
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
} // namespace

TEST_CASE("Tết falls on the Vietnamese date where Vietnam and China differ (brief §3.2)", "[lunar]") {
    // {year, Vietnamese Tết}: brief §3.2 table, [P2]; Chinese dates differ by a day
    // (1985: a month).
    const std::vector<std::pair<int, ymd>> rows = {
        {1903, {1903, 1, 28}}, {1916, {1916, 2, 3}},  {1935, {1935, 2, 3}},  {1965, {1965, 2, 1}},
        {1968, {1968, 1, 29}}, {1969, {1969, 2, 16}}, {1985, {1985, 1, 21}}, {2007, {2007, 2, 17}},
        {2030, {2030, 2, 2}},  {2053, {2053, 2, 18}}};
    for (const auto& [year, d] : rows) {
        INFO("lunar year " << year);
        CHECK(to_iso(danchu::lunar_new_year(year)) == iso(d.y, d.m, d.d));
    }
}

TEST_CASE("Hùng Kings' day (10/3 lunar) on the Vietnamese date (brief §3.2)", "[lunar]") {
    const std::vector<ymd> rows = {{1916, 4, 11}, {1917, 4, 1},  {1939, 4, 28}, {1975, 4, 20},
                                   {2009, 4, 4},  {2037, 4, 24}, {2038, 4, 13}, {2085, 4, 3},
                                   {2086, 4, 22}, {2095, 4, 13}, {2100, 4, 18}};
    for (const auto& r : rows) {
        INFO("year " << r.y);
        CHECK(to_iso(danchu::to_solar(r.y, 3, 10)) == iso(r.y, r.m, r.d));
    }
}

TEST_CASE("Tết 2000-2050 matches the brief §3.3 table", "[lunar]") {
    // brief §3.3, source [P2]
    const std::vector<ymd> tet = {
        {2000, 2, 5},  {2001, 1, 24}, {2002, 2, 12}, {2003, 2, 1},  {2004, 1, 22}, {2005, 2, 9},
        {2006, 1, 29}, {2007, 2, 17}, {2008, 2, 7},  {2009, 1, 26}, {2010, 2, 14}, {2011, 2, 3},
        {2012, 1, 23}, {2013, 2, 10}, {2014, 1, 31}, {2015, 2, 19}, {2016, 2, 8},  {2017, 1, 28},
        {2018, 2, 16}, {2019, 2, 5},  {2020, 1, 25}, {2021, 2, 12}, {2022, 2, 1},  {2023, 1, 22},
        {2024, 2, 10}, {2025, 1, 29}, {2026, 2, 17}, {2027, 2, 6},  {2028, 1, 26}, {2029, 2, 13},
        {2030, 2, 2},  {2031, 1, 23}, {2032, 2, 11}, {2033, 1, 31}, {2034, 2, 19}, {2035, 2, 8},
        {2036, 1, 28}, {2037, 2, 15}, {2038, 2, 4},  {2039, 1, 24}, {2040, 2, 12}, {2041, 2, 1},
        {2042, 1, 22}, {2043, 2, 10}, {2044, 1, 30}, {2045, 2, 17}, {2046, 2, 6},  {2047, 1, 26},
        {2048, 2, 14}, {2049, 2, 2},  {2050, 1, 23}};
    REQUIRE(tet.size() == 51);
    for (const auto& r : tet) {
        INFO("year " << r.y);
        CHECK(to_iso(danchu::lunar_new_year(r.y)) == iso(r.y, r.m, r.d));
        const auto l = danchu::to_lunar(make_day(r.y, r.m, r.d));
        CHECK(l == danchu::lunar_date{r.y, 1, 1, false});
        // The day before is the last day of the 12th (or leap 12th) month of the previous year.
        const auto eve = danchu::to_lunar(make_day(r.y, r.m, r.d) - 1);
        CHECK(eve.year == r.y - 1);
        CHECK(eve.month == 12);
        CHECK((eve.day == 29 || eve.day == 30));
    }
}

TEST_CASE("Hùng Kings' day 2018-2035 matches the brief §3.4 table", "[lunar]") {
    // brief §3.4, source [P2]
    const std::vector<ymd> rows = {{2018, 4, 25}, {2019, 4, 14}, {2020, 4, 2},  {2021, 4, 21}, {2022, 4, 10},
                                   {2023, 4, 29}, {2024, 4, 18}, {2025, 4, 7},  {2026, 4, 26}, {2027, 4, 16},
                                   {2028, 4, 4},  {2029, 4, 23}, {2030, 4, 12}, {2031, 4, 1},  {2032, 4, 19},
                                   {2033, 4, 9},  {2034, 4, 28}, {2035, 4, 17}};
    for (const auto& r : rows) {
        INFO("year " << r.y);
        CHECK(to_iso(danchu::to_solar(r.y, 3, 10)) == iso(r.y, r.m, r.d));
        CHECK(danchu::to_lunar(make_day(r.y, r.m, r.d)) == danchu::lunar_date{r.y, 3, 10, false});
    }
}

TEST_CASE("lunar labels of the official 2026 Tết notice (brief §2.3)", "[lunar]") {
    // 14/02/2026 = 27 Chạp Ất Tỵ, 22/02/2026 = mùng 6 [H33], [H34]
    CHECK(danchu::to_lunar(make_day(2026, 2, 14)) == danchu::lunar_date{2025, 12, 27, false});
    CHECK(danchu::to_lunar(make_day(2026, 2, 22)) == danchu::lunar_date{2026, 1, 6, false});
    // 2025-01-25 = 26 Chạp Giáp Thìn (brief §2.3, 2025 row)
    CHECK(danchu::to_lunar(make_day(2025, 1, 25)) == danchu::lunar_date{2024, 12, 26, false});
}

TEST_CASE("leap months", "[lunar]") {
    // 2023 had a leap 2nd month, 2025 a leap 6th month, 2020 a leap 4th month.
    CHECK(danchu::leap_month(2023) == 2);
    CHECK(danchu::leap_month(2025) == 6);
    CHECK(danchu::leap_month(2020) == 4);
    CHECK(danchu::leap_month(2026) == 0);
    const auto d = danchu::to_solar(2023, 2, 1, true);
    CHECK(danchu::to_lunar(d) == danchu::lunar_date{2023, 2, 1, true});
    CHECK(danchu::to_lunar(d - 1).month == 2);
    CHECK_FALSE(danchu::to_lunar(d - 1).leap);
    // every year has 12 or 13 months and 353..385 days
    for (int y = 1900; y <= 2198; ++y) {
        const int len = danchu::lunar_new_year(y + 1) - danchu::lunar_new_year(y);
        INFO("lunar year " << y);
        if (danchu::leap_month(y) == 0) {
            CHECK((len >= 353 && len <= 355));
        } else {
            CHECK((len >= 383 && len <= 385));
        }
    }
}

TEST_CASE("to_solar(to_lunar(d)) == d for every day of 1900-2199", "[lunar]") {
    int failures = 0;
    danchu::lunar_date prev = danchu::to_lunar(danchu::civil_day::from_days(danchu::lunar_min_day));
    for (danchu::day_number d = danchu::lunar_min_day; d <= danchu::lunar_max_day; ++d) {
        const auto l = danchu::to_lunar(danchu::civil_day::from_days(d));
        if (danchu::to_solar(l).days() != d) ++failures;
        if (d > danchu::lunar_min_day && l.day != 1 && l.day != prev.day + 1) ++failures;
        if (l.day == 1 && d > danchu::lunar_min_day && !(prev.day == 29 || prev.day == 30)) ++failures;
        prev = l;
    }
    CHECK(failures == 0);
    CHECK(danchu::lunar_max_day - danchu::lunar_min_day + 1 == 109573);
}

TEST_CASE("impossible lunar dates throw calendar_error naming the value", "[lunar]") {
    // leap flag in a year without that leap month
    CHECK_THROWS_AS(danchu::to_solar(2026, 3, 1, true), danchu::calendar_error);
    CHECK(has(calendar_error_of([] { (void)danchu::to_solar(2025, 5, 1, true); }), "leap month is 6"));
    // day 30 in a 29-day month
    int y = 2026, m = 1;
    while (danchu::lunar_month_length(y, m) != 29) ++m;
    CHECK(has(calendar_error_of([&] { (void)danchu::to_solar(y, m, 30); }), "has 29 days"));
    CHECK_THROWS_AS(danchu::to_solar(2026, 13, 1), danchu::calendar_error);
    CHECK_THROWS_AS(danchu::to_solar(2026, 1, 0), danchu::calendar_error);
    // out of range
    CHECK(has(calendar_error_of([] { (void)danchu::to_solar(2300, 1, 1); }), "2300"));
    CHECK(has(calendar_error_of([] { (void)danchu::to_lunar(make_day(1899, 12, 31)); }), "1899-12-31"));
    CHECK_THROWS_AS(danchu::to_lunar(make_day(2200, 1, 1)), danchu::calendar_error);
    // 30 February
    CHECK(
        has(calendar_error_of([] { (void)danchu::make_day(2026, 2, 30); }), "no day 30 in month 2 of 2026"));
    CHECK_THROWS_AS(danchu::parse_iso_date("2026-02-30"), danchu::calendar_error);
}

TEST_CASE("civil day numbers", "[lunar]") {
    CHECK(danchu::days_from_civil(1970, 1, 1) == 0);
    CHECK(danchu::days_from_civil(2000, 3, 1) == 11017);
    CHECK(danchu::weekday_of(danchu::make_day(2026, 11, 24)) == danchu::weekday::tue);
    CHECK(danchu::weekday_of(danchu::make_day(1900, 1, 1)) == danchu::weekday::mon);
    for (danchu::day_number d = -200000; d < 200000; d += 37) {
        const auto c = danchu::civil_from_days(d);
        REQUIRE(danchu::days_from_civil(c.year, c.month, c.day) == d);
    }
    CHECK(danchu::from_boost(danchu::to_boost(danchu::make_day(2026, 2, 17))) ==
          danchu::make_day(2026, 2, 17));
    CHECK(danchu::to_boost(danchu::make_day(2026, 2, 17)) == boost::gregorian::date(2026, 2, 17));
}
