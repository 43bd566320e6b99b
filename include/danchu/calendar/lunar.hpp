#pragma once
/// @file
/// The Vietnamese lunisolar calendar (âm lịch), computed astronomically for
/// UTC+7 (meridian 105 E).
///
/// Rules (Hồ Ngọc Đức, "Thuật toán tính âm lịch", rules 1-5; calendar brief
/// §3.1, sources [L1], [L2]): a month begins on the local day of the new moon;
/// the 11th month contains the winter solstice; a year with 13 months has as
/// leap month the first month after the 11th month that contains no major solar
/// term. New moons and the sun's longitude come from Meeus' published formulas
/// (see `detail/lunar_astro.hpp`); the code is an independent implementation.
///
/// Supported range: Gregorian dates 1900-01-01 to 2199-12-31 (`min_day`,
/// `max_day`); lunar dates whose Gregorian day lies in that range. The whole
/// range is precomputed on first use, so each conversion is O(1).
///
/// Example:
/// @code
///   auto l = danchu::to_lunar(danchu::civil_day(2026, 2, 17)); // 1/1 Bính Ngọ
///   // l.year == 2026, l.month == 1, l.day == 1, !l.leap
///   auto d = danchu::to_solar(2026, 3, 10);                   // Hùng Kings' day
///   // d == danchu::civil_day(2026, 4, 26)
/// @endcode

#include <danchu/core/date.hpp>
#include <danchu/calendar/detail/lunar_table.hpp>
#include <danchu/core/error.hpp>

#include <string>

namespace danchu {

/// First supported Gregorian day (1900-01-01).
inline constexpr day_number lunar_min_day = days_from_civil(1900, 1, 1);
/// Last supported Gregorian day (2199-12-31).
inline constexpr day_number lunar_max_day = days_from_civil(2199, 12, 31);

/// A date of the Vietnamese lunar calendar.
struct lunar_date {
    int year = 0;      ///< lunar year, numbered as the Gregorian year of its month 1
    int month = 1;     ///< 1..12
    int day = 1;       ///< 1..30
    bool leap = false; ///< true in a leap (intercalary) month

    friend bool operator==(const lunar_date& a, const lunar_date& b) noexcept {
        return a.year == b.year && a.month == b.month && a.day == b.day && a.leap == b.leap;
    }
    friend bool operator!=(const lunar_date& a, const lunar_date& b) noexcept { return !(a == b); }
};

/// Text like "10/3/2026" or "15/4 nhuận/2023" (leap months marked "nhuận").
inline std::string to_string(const lunar_date& d) {
    return std::to_string(d.day) + "/" + std::to_string(d.month) + (d.leap ? " nhuận" : "") + "/" +
           std::to_string(d.year);
}

namespace detail {
inline void check_lunar_range(day_number z) {
    if (z < lunar_min_day || z > lunar_max_day)
        throw calendar_error("date " + describe_day(z) +
                             " is outside the lunar calendar's range 1900-01-01..2199-12-31");
}
/// Index in the table of the lunation containing day `z` (in range).
inline std::size_t lunation_index(const lunar_table& t, day_number z) noexcept {
    const auto& m = t.months;
    auto i = static_cast<std::ptrdiff_t>(static_cast<double>(z - m.front().start) * t.inv_mean);
    const auto last = static_cast<std::ptrdiff_t>(m.size()) - 2;
    if (i > last) i = last;
    if (i < 0) i = 0;
    while (m[static_cast<std::size_t>(i)].start > z) --i;
    while (m[static_cast<std::size_t>(i) + 1].start <= z) ++i;
    return static_cast<std::size_t>(i);
}
} // namespace detail

/// Lunar date of Gregorian day `z`.
/// @throws calendar_error outside 1900-01-01..2199-12-31.
inline lunar_date to_lunar(civil_day day) {
    const day_number z = day.days();
    detail::check_lunar_range(z);
    const auto& t = detail::lunar_tables();
    const auto& m = t.months[detail::lunation_index(t, z)];
    return lunar_date{m.year, m.month, z - m.start + 1, m.leap != 0};
}

/// The leap month of lunar year `year` (1..12), or 0 if the year has none.
/// @throws calendar_error if the year is outside 1899..2200.
inline int leap_month(int year) {
    const auto& t = detail::lunar_tables();
    const int idx = year - t.first_year;
    if (idx < 0 || idx + 1 >= static_cast<int>(t.year_first.size()))
        throw calendar_error("lunar year " + std::to_string(year) + " is outside the supported range " +
                             std::to_string(t.first_year) + ".." +
                             std::to_string(t.first_year + static_cast<int>(t.year_first.size()) - 2));
    return t.leap_month[static_cast<std::size_t>(idx)];
}

namespace detail {
/// Table index of month (`month`, `leap`) of lunar year `year`; validated.
inline std::size_t month_index(int year, int month, bool leap) {
    const int lm = leap_month(year); // validates the year
    if (month < 1 || month > 12)
        throw calendar_error("lunar month " + std::to_string(month) + " of " + std::to_string(year) +
                             " is not 1..12");
    if (leap && lm != month)
        throw calendar_error("lunar year " + std::to_string(year) + " has no leap month " +
                             std::to_string(month) +
                             (lm == 0 ? std::string(" (it has no leap month)")
                                      : " (its leap month is " + std::to_string(lm) + ")"));
    const auto& t = lunar_tables();
    std::size_t idx = static_cast<std::size_t>(t.year_first[static_cast<std::size_t>(year - t.first_year)]) +
                      static_cast<std::size_t>(month - 1);
    if (lm != 0 && (month > lm || (month == lm && leap))) ++idx;
    return idx;
}
} // namespace detail

/// Number of days (29 or 30) of a lunar month.
/// @throws calendar_error for a month that does not exist.
inline int lunar_month_length(int year, int month, bool leap = false) {
    const auto& t = detail::lunar_tables();
    const std::size_t i = detail::month_index(year, month, leap);
    return t.months[i + 1].start - t.months[i].start;
}

/// Gregorian day of a lunar date.
/// @throws calendar_error for an impossible lunar date (month 1..12, day 1..29
/// or 30 as the month has, leap only in the year's leap month) or one outside
/// the supported range; the message names the value.
inline civil_day to_solar(int year, int month, int day, bool leap = false) {
    const auto& t = detail::lunar_tables();
    const std::size_t i = detail::month_index(year, month, leap);
    const int length = t.months[i + 1].start - t.months[i].start;
    if (day < 1 || day > length)
        throw calendar_error("lunar date " + to_string(lunar_date{year, month, day, leap}) +
                             " does not exist: that month has " + std::to_string(length) + " days");
    const day_number z = t.months[i].start + day - 1;
    if (z < lunar_min_day || z > lunar_max_day)
        throw calendar_error("lunar date " + to_string(lunar_date{year, month, day, leap}) + " falls on " +
                             to_iso(z) + ", outside the supported range 1900-01-01..2199-12-31");
    return civil_day::from_days(z);
}

/// Gregorian day of a lunar date (same checks as the four-argument form).
inline civil_day to_solar(const lunar_date& d) { return to_solar(d.year, d.month, d.day, d.leap); }

/// Tết Nguyên đán (1st day of the 1st month) of lunar year `year`.
inline civil_day lunar_new_year(int year) { return to_solar(year, 1, 1, false); }

} // namespace danchu
