#pragma once
/// @file
/// Gregorian (civil) dates as integer day numbers.
///
/// Internally the calendar engine counts days since 1970-01-01 in a
/// `std::int32_t` (`day_number`): comparisons, differences and table lookups
/// are then plain integer operations. The public API also accepts and returns
/// `boost::gregorian::date`; conversions are at the boundary (`to_boost`,
/// `from_boost`).
///
/// The civil <-> day-number conversion is the usual era-based proleptic
/// Gregorian algorithm (400-year eras of 146097 days, years starting in March).

#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace danchu {

/// Days since 1970-01-01 (negative before it).
using day_number = std::int32_t;

/// A proleptic Gregorian calendar date as three fields (not validated).
struct civil_date {
    int year = 1970;
    int month = 1;  ///< 1..12
    int day = 1;    ///< 1..31
};

/// Day of the week, ISO numbering minus one: Monday 0 .. Sunday 6.
enum class weekday : std::uint8_t { mon, tue, wed, thu, fri, sat, sun };

/// What to do with a date (a report deadline, an obligation's due date) that
/// falls on a non-working day. The one policy type of the calendar and the
/// schedule: decrees are mostly silent, so this is data (`keep` for statutory
/// time limits counted in calendar days, `next_working_day` for most report
/// deadlines).
enum class non_working_policy : std::uint8_t { keep, next_working_day, previous_working_day };

DANCHU_ENUM_NAMES(non_working_policy, "non-working-day policy", {non_working_policy::keep, "keep"},
                  {non_working_policy::next_working_day, "next_working_day"},
                  {non_working_policy::previous_working_day, "previous_working_day"})

/// True for Gregorian leap years.
constexpr bool is_leap_year(int y) noexcept {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/// Number of days in month `m` (1..12) of year `y`; 0 for an invalid month.
constexpr int days_in_month(int y, int m) noexcept {
    constexpr int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return (m == 2 && is_leap_year(y)) ? 29 : len[m - 1];
}

/// Day number of a civil date; fields are not validated (see `make_day`).
constexpr day_number days_from_civil(int y, int m, int d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;                                   // [0, 399]
    const int mp = (m + 9) % 12;                                     // March = 0
    const int doy = (153 * mp + 2) / 5 + d - 1;                      // [0, 365]
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
    return static_cast<day_number>(era * 146097 + doe - 719468);
}

/// Civil date of a day number.
constexpr civil_date civil_from_days(day_number z) noexcept {
    const std::int64_t zz = static_cast<std::int64_t>(z) + 719468;
    const std::int64_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
    const int doe = static_cast<int>(zz - era * 146097);                    // [0, 146096]
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
    const int mp = (5 * doy + 2) / 153;                                     // [0, 11]
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    const int y = static_cast<int>(yoe + era * 400) + (m <= 2 ? 1 : 0);
    return civil_date{y, m, d};
}

/// Day of the week of a day number (1970-01-01 was a Thursday).
constexpr weekday weekday_of(day_number z) noexcept {
    const int w = static_cast<int>((static_cast<std::int64_t>(z) % 7 + 7 + 3) % 7);
    return static_cast<weekday>(w);
}

/// ISO 8601 text `YYYY-MM-DD` of a day number.
inline std::string to_iso(day_number z) {
    const civil_date c = civil_from_days(z);
    char buf[16] = {};
    const int y = c.year;
    buf[0] = static_cast<char>('0' + (y / 1000) % 10);
    buf[1] = static_cast<char>('0' + (y / 100) % 10);
    buf[2] = static_cast<char>('0' + (y / 10) % 10);
    buf[3] = static_cast<char>('0' + y % 10);
    buf[4] = '-';
    buf[5] = static_cast<char>('0' + c.month / 10);
    buf[6] = static_cast<char>('0' + c.month % 10);
    buf[7] = '-';
    buf[8] = static_cast<char>('0' + c.day / 10);
    buf[9] = static_cast<char>('0' + c.day % 10);
    return std::string(buf, 10);
}

/// Validated day number of year `y`, month `m`, day `d` (years 1..9999).
/// @throws calendar_error naming the impossible date (e.g. 30 February).
inline day_number make_day(int y, int m, int d) {
    if (y < 1 || y > 9999)
        throw calendar_error("year " + std::to_string(y) + " is outside 1..9999");
    if (m < 1 || m > 12)
        throw calendar_error("month " + std::to_string(m) + " of " + std::to_string(y) +
                             " is not 1..12");
    if (d < 1 || d > days_in_month(y, m))
        throw calendar_error("no day " + std::to_string(d) + " in month " +
                             std::to_string(m) + " of " + std::to_string(y) +
                             " (it has " + std::to_string(days_in_month(y, m)) + " days)");
    return days_from_civil(y, m, d);
}

/// Parses an ISO date `YYYY-MM-DD`.
/// @param what names the argument or JSON location for the error message.
/// @throws calendar_error if the text is not a valid date.
inline day_number parse_iso_date(std::string_view text, std::string_view what = "date") {
    auto digits = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            const char c = text[i];
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        throw calendar_error(std::string(what) + ": \"" + std::string(text) +
                             "\" is not an ISO date YYYY-MM-DD");
    const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (y < 0 || m < 0 || d < 0)
        throw calendar_error(std::string(what) + ": \"" + std::string(text) +
                             "\" is not an ISO date YYYY-MM-DD");
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        throw calendar_error(std::string(what) + ": \"" + std::string(text) +
                             "\" is not a valid date (month 1..12, day within the month)");
    return days_from_civil(y, m, d);
}

/// Day number of a Boost date.
/// @throws calendar_error for a special value (not-a-date, infinity).
inline day_number from_boost(const boost::gregorian::date& d) {
    if (d.is_special()) throw calendar_error("not a date (special Boost.Date_Time value)");
    const auto ymd = d.year_month_day();
    return days_from_civil(static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                           static_cast<int>(ymd.day));
}

/// Boost date of a day number (Boost supports years 1400..9999).
/// @throws calendar_error outside Boost's range.
inline boost::gregorian::date to_boost(day_number z) {
    const civil_date c = civil_from_days(z);
    if (c.year < 1400 || c.year > 9999)
        throw calendar_error("date " + to_iso(z) + " is outside Boost.Date_Time's range");
    return boost::gregorian::date(static_cast<unsigned short>(c.year),
                                  static_cast<unsigned short>(c.month),
                                  static_cast<unsigned short>(c.day));
}

} // namespace danchu
