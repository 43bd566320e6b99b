// Tests of the one date model (include/danchu/core/date.hpp) and the one period
// type (include/danchu/core/period.hpp): type properties and constexpr use, the
// civil-date algorithm over its whole range, ISO parsing and formatting, every
// period label, previous/next, and the parsers that used to disagree.

#include "catch.hpp"
#include "test_support.hpp"

#include <danchu/core/date.hpp>
#include <danchu/core/period.hpp>
#include <danchu/logic/logic.hpp>
#include <danchu/rules/detail/parse.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <type_traits>
#include <vector>

using danchu::assessment_period;
using danchu::civil_day;
using danchu::period_kind;
using danchu_test::error_of;
using danchu_test::has;

// --- type properties, checked at compile time --------------------------------
static_assert(std::is_trivially_copyable_v<civil_day>);
static_assert(std::is_nothrow_default_constructible_v<civil_day>);
static_assert(std::is_nothrow_move_constructible_v<civil_day>);
static_assert(sizeof(civil_day) == sizeof(danchu::day_number));
static_assert(!std::is_convertible_v<int, civil_day>, "no implicit day from an integer");
static_assert(!std::is_convertible_v<civil_day, int>, "no implicit integer from a day");
static_assert(civil_day().days() == 0 && civil_day() == civil_day(1970, 1, 1));
static_assert(civil_day(2018, 6, 30) + 1 == civil_day(2018, 7, 1));
static_assert(civil_day(2024, 3, 1) - 1 == civil_day(2024, 2, 29));
static_assert(civil_day(2019, 1, 1) - civil_day(2018, 1, 1) == 365);
static_assert(civil_day(2018, 1, 1) < civil_day(2018, 1, 2) &&
              civil_day(2018, 1, 2) >= civil_day(2018, 1, 1));
static_assert(civil_day(2026, 11, 24).day_of_week() == danchu::weekday::tue);
static_assert(civil_day(2026, 11, 24).year() == 2026 && civil_day(2026, 11, 24).month() == 11 &&
              civil_day(2026, 11, 24).day() == 24);
static_assert(civil_day::try_parse("2018-06-30") == civil_day(2018, 6, 30));
static_assert(!civil_day::try_parse("2018-02-29"));
static_assert(civil_day::min() == civil_day(1, 1, 1) && civil_day::max() == civil_day(9999, 12, 31));
static_assert(civil_day::max().ok() && !(civil_day::max() + 1).ok() && !(civil_day::min() - 1).ok());

TEST_CASE("civil_day: the algorithm round-trips every day of years 1..9999", "[date]") {
    int failures = 0;
    civil_day prev = civil_day::min() - 1;
    for (civil_day d = civil_day::min(); d <= civil_day::max(); ++d) {
        const danchu::civil_date c = d.ymd();
        if (danchu::days_from_civil(c.year, c.month, c.day) != d.days()) ++failures;
        if (c.day < 1 || c.day > danchu::days_in_month(c.year, c.month)) ++failures;
        // consecutive days: the next day of the month, or the first of the next month
        const danchu::civil_date p = prev.ymd();
        const bool next = (c.year == p.year && c.month == p.month && c.day == p.day + 1) ||
                          (c.day == 1 && ((c.month == p.month + 1 && c.year == p.year) ||
                                          (c.month == 1 && p.month == 12 && c.year == p.year + 1)));
        if (d > civil_day::min() && !next) ++failures;
        if (static_cast<int>(d.day_of_week()) != static_cast<int>((prev.day_of_week())) % 7 + 1 &&
            !(d.day_of_week() == danchu::weekday::mon && prev.day_of_week() == danchu::weekday::sun))
            ++failures;
        prev = d;
    }
    CHECK(failures == 0);
    CHECK(civil_day::max() - civil_day::min() + 1 == 3652059);
    CHECK(civil_day::min().days() == -719162);
}

TEST_CASE("civil_day: ISO text round-trips and bad text is named", "[date]") {
    for (const char* s :
         {"0001-01-01", "0999-12-31", "1850-06-01", "1970-01-01", "2000-02-29", "2250-12-31", "9999-12-31"})
        CHECK(civil_day::parse(s).iso() == s);
    CHECK(danchu::to_iso(civil_day(2018, 6, 30)) == "2018-06-30");
    for (const char* s : {"0000-12-31", "2018-02-29", "1900-02-29", "2018-13-01", "2018-00-10", "2018-6-30",
                          "18-06-30", "2018/06/30", "", "10000-01-01"}) {
        CHECK_FALSE(civil_day::try_parse(s));
        CHECK_THROWS_AS(civil_day::parse(s), danchu::calendar_error);
    }
    const std::string e =
        error_of<danchu::calendar_error>([] { (void)civil_day::parse("2018-02-29", "--as-of"); });
    CHECK(has(e, "--as-of"));
    CHECK(has(e, "2018-02-29"));
    CHECK(has(e, "year 1..9999"));
    CHECK(has(error_of<danchu::calendar_error>([] { (void)civil_day::parse("30/06/2018"); }), "YYYY-MM-DD"));
    CHECK(has(error_of<danchu::calendar_error>([] { (void)civil_day(2026, 2, 30); }),
              "no day 30 in month 2 of 2026"));
    CHECK(has(error_of<danchu::calendar_error>([] { (void)civil_day(10000, 1, 1); }), "outside 1..9999"));
    CHECK(has(error_of<danchu::calendar_error>([] { (void)(civil_day::max() + 1).iso(); }), "9999-12-31"));
}

TEST_CASE("every date parser accepts the same range (regression: 1900..2199 in rules and evidence)",
          "[date][regression]") {
    // Before: the rules/evidence parser refused years outside 1900..2199 while the
    // condition language and the calendar's parser accepted 1..9999.
    for (const char* s : {"1850-06-01", "2250-12-31", "0001-01-01", "9999-12-31"}) {
        const civil_day want = civil_day::parse(s);
        // rules (validity dates, regime dates)
        const nlohmann::json obj = {{"valid_from", s}};
        CHECK(danchu::detail::read_date(obj, "valid_from", "pack.json", "/rules/0/applies_to") == want);
        // the condition language
        danchu::logic::compile_options o;
        const auto p = danchu::logic::compile(nlohmann::json{{"year_of", s}}, o);
        CHECK(p.evaluate(nullptr, danchu::logic::eval_context{}).as_number() == want.year());
        // periods (explicit ranges)
        CHECK(assessment_period(std::string(s) + "/" + s).first() == want);
    }
    for (const char* s : {"0000-01-01", "1899-02-29"}) {
        const nlohmann::json obj = {{"valid_from", s}};
        CHECK_THROWS_AS(danchu::detail::read_date(obj, "valid_from", "pack.json", ""), danchu::parse_error);
        CHECK_FALSE(civil_day::try_parse(s));
    }
}

TEST_CASE("periods: every label round-trips, with its first and last day", "[date][period]") {
    struct row {
        const char* label;
        const char* first;
        const char* last;
    };
    const std::vector<row> rows = {
        {"2018", "2018-01-01", "2018-12-31"},
        {"2018-H1", "2018-01-01", "2018-06-30"},
        {"2018-H2", "2018-07-01", "2018-12-31"},
        {"2018-Q1", "2018-01-01", "2018-03-31"},
        {"2020-Q3", "2020-07-01", "2020-09-30"},
        {"2018-Q4", "2018-10-01", "2018-12-31"},
        {"2024-02", "2024-02-01", "2024-02-29"},
        {"2018-12", "2018-12-01", "2018-12-31"},
        {"0001", "0001-01-01", "0001-12-31"},
        {"9999-H2", "9999-07-01", "9999-12-31"},
        {"2023-02-01/2023-03-15", "2023-02-01", "2023-03-15"},
        {"2018-06-30/2018-06-30", "2018-06-30", "2018-06-30"},
    };
    for (const auto& r : rows) {
        INFO(r.label);
        const assessment_period p(r.label);
        CHECK(p.label() == r.label);
        CHECK(p.first().iso() == r.first);
        CHECK(p.last().iso() == r.last);
        CHECK(assessment_period::parse(p.label()) == p);
        CHECK(p.contains(p.first()));
        CHECK_FALSE(p.contains(p.last() + 1));
    }
    CHECK(assessment_period("2018-H2").kind() == period_kind::half);
    CHECK(assessment_period("2018-H2").index() == 2);
    CHECK(assessment_period("2018-06").kind() == period_kind::month);
    CHECK(assessment_period("2018-01-01/2018-06-30").is_range());
    CHECK(assessment_period::of(period_kind::quarter, 2026, 2).label() == "2026-Q2");
    CHECK(assessment_period::between(civil_day(2018, 1, 1), civil_day(2018, 1, 31)).label() ==
          "2018-01-01/2018-01-31");
    // a range covering exactly a calendar period names it
    CHECK(assessment_period("2018-01-01/2018-06-30").as_calendar_period()->label() == "2018-H1");
    CHECK(assessment_period("2018-02-01/2018-02-28").as_calendar_period()->label() == "2018-02");
    CHECK_FALSE(assessment_period("2018-01-02/2018-06-30").as_calendar_period());
}

TEST_CASE("periods: malformed labels are named with the accepted forms", "[date][period]") {
    for (const char* s : {"2018-H3", "2018-Q0", "2018-Q5", "2018-13", "2018-00", "2018-h1", "0000", "18",
                          "2018-", "2018-H", "2018-06-30", "2023-03-15/2023-02-01", "2018-01-01/2018-02-30",
                          "2018-01-01..2018-06-30", " 2018"}) {
        INFO(s);
        CHECK_FALSE(assessment_period::try_parse(s));
        const std::string e = error_of<danchu::argument_error>([&] { (void)assessment_period(s); });
        CHECK(has(e, std::string("\"") + s + "\""));
        CHECK(has(e, "expected YYYY, YYYY-H1, YYYY-H2, YYYY-Q1..Q4, YYYY-MM or YYYY-MM-DD/YYYY-MM-DD"));
    }
    CHECK_THROWS_AS(assessment_period::of(period_kind::half, 2018, 3), danchu::argument_error);
    CHECK_THROWS_AS(assessment_period::of(period_kind::year, 0, 1), danchu::argument_error);
    CHECK_THROWS_AS(assessment_period::between(civil_day(2018, 2, 1), civil_day(2018, 1, 1)),
                    danchu::argument_error);
}

TEST_CASE("periods: previous and next", "[date][period]") {
    const std::vector<std::pair<const char*, const char*>> steps = {
        {"2017", "2018"},       {"2017-H2", "2018-H1"}, {"2018-H1", "2018-H2"}, {"2017-Q4", "2018-Q1"},
        {"2018-Q2", "2018-Q3"}, {"2017-12", "2018-01"}, {"2018-09", "2018-10"}, {"0001-H2", "0002-H1"},
    };
    for (const auto& [before, after] : steps) {
        INFO(before << " -> " << after);
        CHECK(assessment_period(before).next().label() == after);
        CHECK(assessment_period(after).previous().label() == before);
        CHECK(assessment_period(before).next().previous() == assessment_period(before));
        CHECK(assessment_period(before).last() + 1 == assessment_period(after).first());
    }
    CHECK(has(
        error_of<danchu::argument_error>([] { (void)assessment_period("2018-01-01/2018-06-30").previous(); }),
        "explicit date range"));
    CHECK(has(error_of<danchu::argument_error>([] { (void)assessment_period("0001-Q1").previous(); }),
              "outside years 1..9999"));
    CHECK_THROWS_AS(assessment_period("9999-12").next(), danchu::argument_error);
}
