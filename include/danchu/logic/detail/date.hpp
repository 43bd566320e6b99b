#pragma once
/// @file
/// Internal calendar helpers of the condition language: month steps with an
/// explicit end-of-month policy, on top of the one civil-date algorithm in
/// <danchu/core/date.hpp>. Not API.

#include <danchu/core/date.hpp>

#include <cstdint>

namespace danchu::logic::detail {

/// End-of-month policy for month and year steps (style guide rule 7).
enum class eom : std::uint8_t {
    clamp,     ///< 31 January + 1 month = 28/29 February
    keep_last, ///< a month's last day maps to the target month's last day; else clamp
    error      ///< a day that does not exist in the target month is an error
};

/// Supported range: years 1..9999 (what "YYYY-MM-DD" can spell), the range of
/// danchu::civil_day.
inline constexpr std::int32_t min_day = danchu::min_day_number;
inline constexpr std::int32_t max_day = danchu::max_day_number;

/// Adds `months` calendar months under `policy`; false if the result is out of
/// range or (policy `error`) the day does not exist in the target month.
inline bool add_months(std::int32_t days, std::int64_t months, eom policy, std::int32_t& out) noexcept {
    if (months > 120000 || months < -120000) return false;
    const civil_date c = civil_from_days(days);
    const std::int64_t total = static_cast<std::int64_t>(c.year) * 12 + (c.month - 1) + months;
    const std::int64_t y = total >= 0 ? total / 12 : (total - 11) / 12;
    const int m = static_cast<int>(total - y * 12) + 1;
    if (y < 1 || y > 9999) return false;
    const int last = days_in_month(static_cast<int>(y), m);
    int d = c.day;
    if (policy == eom::keep_last && c.day == days_in_month(c.year, c.month)) d = last;
    if (d > last) {
        if (policy == eom::error) return false;
        d = last;
    }
    out = days_from_civil(static_cast<int>(y), m, d);
    return true;
}

} // namespace danchu::logic::detail
