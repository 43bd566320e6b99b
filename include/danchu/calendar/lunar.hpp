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
/// `max_day`); lunar dates whose Gregorian day lies in that range. Nothing is
/// computed before it is needed: `to_solar`, `leap_month` and
/// `lunar_month_length` compute the one or two lunar years they need on first
/// use (microseconds), `to_lunar` the whole range on its first call (a few
/// milliseconds); each conversion is then O(1). Thread-safe.
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

#include <cassert>
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

namespace detail {
/// Throws unless lunar year `year` is within 1899..2200.
inline void check_lunar_year(int year) {
    if (year < first_segment || year >= last_segment)
        throw calendar_error("lunar year " + std::to_string(year) + " is outside the supported range " +
                             std::to_string(first_segment) + ".." + std::to_string(last_segment - 1));
}

/// A month of the lunar calendar located in its segment: its first day and length.
struct lunar_month_span {
    day_number start = 0;
    int length = 0;
};

/// The month (`month`, `leap`) labelled lunar year `year` (checked year), or
/// length 0 if there is none: months 1..10 lie in segment `year`, months 11
/// and 12 in segment `year + 1` (a leap month in either).
inline lunar_month_span find_lunar_month(int year, int month, bool leap) {
    for (int s = year; s <= year + 1; ++s) {
        const lunar_segment& seg = lunar_segment_of(s);
        const auto& m = seg.months;
        for (std::size_t j = 0; j < m.size(); ++j)
            if (m[j].year == year && m[j].month == month && (m[j].leap != 0) == leap)
                return {m[j].start, (j + 1 < m.size() ? m[j + 1].start : seg.end) - m[j].start};
    }
    return {};
}
} // namespace detail

/// The leap month of lunar year `year` (1..12), or 0 if the year has none.
/// Computes the year's one or two segments on first use (see detail/lunar_table.hpp).
/// @throws calendar_error if the year is outside 1899..2200.
inline int leap_month(int year) {
    detail::check_lunar_year(year);
    for (int s = year; s <= year + 1; ++s)
        for (const detail::lunation& m : detail::lunar_segment_of(s).months)
            if (m.leap != 0 && m.year == year) return m.month;
    return 0;
}

namespace detail {
/// First day and length of month (`month`, `leap`) of lunar year `year`; validated.
inline lunar_month_span checked_lunar_month(int year, int month, bool leap) {
    const int lm = leap_month(year); // validates the year
    if (month < 1 || month > 12)
        throw calendar_error("lunar month " + std::to_string(month) + " of " + std::to_string(year) +
                             " is not 1..12");
    if (leap && lm != month)
        throw calendar_error("lunar year " + std::to_string(year) + " has no leap month " +
                             std::to_string(month) +
                             (lm == 0 ? std::string(" (it has no leap month)")
                                      : " (its leap month is " + std::to_string(lm) + ")"));
    const lunar_month_span span = find_lunar_month(year, month, leap);
    assert(span.length != 0);
    return span;
}
} // namespace detail

/// Number of days (29 or 30) of a lunar month.
/// @throws calendar_error for a month that does not exist.
inline int lunar_month_length(int year, int month, bool leap = false) {
    return detail::checked_lunar_month(year, month, leap).length;
}

/// Gregorian day of a lunar date.
/// @throws calendar_error for an impossible lunar date (month 1..12, day 1..29
/// or 30 as the month has, leap only in the year's leap month) or one outside
/// the supported range; the message names the value.
inline civil_day to_solar(int year, int month, int day, bool leap = false) {
    const detail::lunar_month_span span = detail::checked_lunar_month(year, month, leap);
    if (day < 1 || day > span.length)
        throw calendar_error("lunar date " + to_string(lunar_date{year, month, day, leap}) +
                             " does not exist: that month has " + std::to_string(span.length) + " days");
    const day_number z = span.start + day - 1;
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
