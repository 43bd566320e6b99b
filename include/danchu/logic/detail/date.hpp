#pragma once
/// @file
/// Internal calendar arithmetic for the condition language: days since
/// 1970-01-01 (proleptic Gregorian) <-> civil dates, ISO parsing and month
/// steps with an explicit end-of-month policy. Not API.

#include <cstdint>
#include <string>
#include <string_view>

namespace danchu::logic::detail {

/// End-of-month policy for month and year steps (style guide rule 7).
enum class eom : std::uint8_t {
    clamp,     ///< 31 January + 1 month = 28/29 February
    keep_last, ///< a month's last day maps to the target month's last day; else clamp
    error      ///< a day that does not exist in the target month is an error
};

struct civil {
    std::int32_t y;
    unsigned m, d;
};

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm, public domain).
inline constexpr std::int32_t days_from_civil(std::int32_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int32_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int32_t>(doe) - 719468;
}

inline constexpr civil civil_from_days(std::int32_t z) noexcept {
    z += 719468;
    const std::int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int32_t y = static_cast<std::int32_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return civil{y + (m <= 2 ? 1 : 0), m, d};
}

inline constexpr bool is_leap(std::int32_t y) noexcept {
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

inline constexpr unsigned last_day_of_month(std::int32_t y, unsigned m) noexcept {
    constexpr unsigned char days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29u : days[m - 1];
}

/// Supported range: years 1..9999 (what "YYYY-MM-DD" can spell).
inline constexpr std::int32_t min_day = days_from_civil(1, 1, 1);
inline constexpr std::int32_t max_day = days_from_civil(9999, 12, 31);

/// Parses exactly "YYYY-MM-DD"; false if malformed or not a real day.
inline bool parse_iso_date(std::string_view s, std::int32_t& out) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    int v[8];
    const int pos[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; ++i) {
        const char c = s[static_cast<std::size_t>(pos[i])];
        if (c < '0' || c > '9') return false;
        v[i] = c - '0';
    }
    const std::int32_t y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    const unsigned m = static_cast<unsigned>(v[4] * 10 + v[5]);
    const unsigned d = static_cast<unsigned>(v[6] * 10 + v[7]);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > last_day_of_month(y, m)) return false;
    out = days_from_civil(y, m, d);
    return true;
}

inline std::string format_iso_date(std::int32_t days) {
    const civil c = civil_from_days(days);
    std::string s(10, '0');
    std::int32_t y = c.y < 0 ? 0 : c.y;
    for (int i = 3; i >= 0; --i, y /= 10) s[static_cast<std::size_t>(i)] = static_cast<char>('0' + y % 10);
    s[4] = '-';
    s[5] = static_cast<char>('0' + c.m / 10);
    s[6] = static_cast<char>('0' + c.m % 10);
    s[7] = '-';
    s[8] = static_cast<char>('0' + c.d / 10);
    s[9] = static_cast<char>('0' + c.d % 10);
    return s;
}

/// 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday).
inline constexpr int weekday(std::int32_t days) noexcept {
    const std::int32_t w = (days + 4) % 7;
    return static_cast<int>(w < 0 ? w + 7 : w);
}

/// Adds `months` calendar months under `policy`; false if the result is out of
/// range or (policy `error`) the day does not exist in the target month.
inline bool add_months(std::int32_t days, std::int64_t months, eom policy, std::int32_t& out) noexcept {
    if (months > 120000 || months < -120000) return false;
    const civil c = civil_from_days(days);
    const std::int64_t total = static_cast<std::int64_t>(c.y) * 12 + (c.m - 1) + months;
    const std::int64_t y = total >= 0 ? total / 12 : (total - 11) / 12;
    const unsigned m = static_cast<unsigned>(total - y * 12) + 1;
    if (y < 1 || y > 9999) return false;
    const unsigned last = last_day_of_month(static_cast<std::int32_t>(y), m);
    unsigned d = c.d;
    if (policy == eom::keep_last && c.d == last_day_of_month(c.y, c.m)) d = last;
    if (d > last) {
        if (policy == eom::error) return false;
        d = last;
    }
    out = days_from_civil(static_cast<std::int32_t>(y), m, d);
    return true;
}

} // namespace danchu::logic::detail
