#pragma once
/// @file
/// Internal: ISO dates as days since 1970-01-01 (proleptic Gregorian), the
/// representation the condition language uses; the arithmetic is in
/// <danchu/core/civil.hpp>.

#include <danchu/core/civil.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace danchu::detail {

// Thin adapters over <danchu/core/civil.hpp> (the one implementation of civil-date
// arithmetic) with the unsigned month/day fields and the non-throwing parser
// the rules code uses.

/// Days since 1970-01-01 of a valid civil date.
inline constexpr std::int32_t days_from_civil(int y, unsigned m, unsigned d) noexcept {
    return danchu::days_from_civil(y, static_cast<int>(m), static_cast<int>(d));
}

struct civil_date {
    int year;
    unsigned month;
    unsigned day;
};

/// The civil date of a day count.
inline constexpr civil_date civil_from_days(std::int32_t z) noexcept {
    const danchu::civil_date c = danchu::civil_from_days(z);
    return {c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day)};
}

inline constexpr bool is_leap(int y) noexcept { return danchu::is_leap_year(y); }

inline constexpr unsigned days_in_month(int y, unsigned m) noexcept {
    return static_cast<unsigned>(danchu::days_in_month(y, static_cast<int>(m)));
}

/// Parses "YYYY-MM-DD" (years 1900-2199, a date that exists); nullopt otherwise.
inline std::optional<std::int32_t> parse_iso_date(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    const int m = (s[5] - '0') * 10 + (s[6] - '0');
    const int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > danchu::days_in_month(y, m))
        return std::nullopt;
    return danchu::days_from_civil(y, m, d);
}

/// Formats a day count as "YYYY-MM-DD".
inline std::string format_iso_date(std::int32_t days) { return danchu::to_iso(days); }

} // namespace danchu::detail
