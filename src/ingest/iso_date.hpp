#pragma once
// Internal to danchu_ingest (src/ingest/json.cpp), and tested on its own
// (tests/cpp/ingest_test.cpp): the day number of an ISO date YYYY-MM-DD of the
// years most evidence holds, read without a division. It only says yes or
// "ask the reference": a text it does not accept (another width, a character
// that is not a digit, a day the month lacks, a year outside the table, text
// around the date) goes to danchu::detail::parse_date_or_throw, which gives
// the value or the error.

#include <danchu/core/date.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace danchu::ingest::internal {

/// The years of the table: 1900 .. 1900 + iso_years - 1.
inline constexpr int iso_first_year = 1900;
inline constexpr int iso_years = 256;

/// Day number of 1 January of each year of the table.
inline constexpr std::array<std::int32_t, iso_years> iso_year_starts = [] {
    std::array<std::int32_t, iso_years> a{};
    for (int i = 0; i < iso_years; ++i)
        a[static_cast<std::size_t>(i)] = days_from_civil(iso_first_year + i, 1, 1);
    return a;
}();

/// Days before the first of month m (index m - 1) and the month's length, in
/// a common year (row 0) and a leap year (row 1).
inline constexpr std::int16_t iso_days_before[2][12] = {
    {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334},
    {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335}};
inline constexpr std::int8_t iso_month_length[2][12] = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
                                                        {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

/// Sets `day` and returns true if `s` is exactly YYYY-MM-DD naming an
/// existing day of a year of the table; otherwise false (and `day` is left
/// alone): the caller asks the reference parser.
inline bool fast_iso_day(std::string_view s, std::int32_t& day) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    const auto digit = [&](std::size_t i) {
        return static_cast<unsigned>(static_cast<unsigned char>(s[i])) - '0';
    };
    const unsigned y0 = digit(0), y1 = digit(1), y2 = digit(2), y3 = digit(3), m0 = digit(5), m1 = digit(6),
                   d0 = digit(8), d1 = digit(9);
    // (below '0' wraps to a large number)
    if ((y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9) | (d0 > 9) | (d1 > 9)) return false;
    const unsigned y = y0 * 1000 + y1 * 100 + y2 * 10 + y3, m = m0 * 10 + m1, d = d0 * 10 + d1;
    const unsigned i = y - iso_first_year;
    if (i >= static_cast<unsigned>(iso_years) || m - 1 >= 12) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d == 0 || d > static_cast<unsigned>(iso_month_length[leap][m - 1])) return false;
    day = iso_year_starts[i] + iso_days_before[leap][m - 1] + static_cast<std::int32_t>(d) - 1;
    return true;
}

} // namespace danchu::ingest::internal
