#pragma once
/// @file
/// The precomputed Vietnamese lunar calendar (internal): every lunation from
/// the 11th month of lunar year 1898 to the 10th month of lunar year 2201, built
/// once on first use (thread-safe function-local static) from the astronomy in
/// `lunar_astro.hpp` and the rules of the Vietnamese calendar:
///   1. a month starts on the local day (UTC+7, meridian 105 E) of the new moon;
///   2. the 11th month is the one containing the winter solstice;
///   3. if 13 new moons start between two 11th months, the first month after
///      the earlier 11th month without a major solar term (a multiple of 30
///      degrees of solar longitude) is the leap month and repeats the number of
///      the month before it.
/// Queries are then an index guess plus at most a couple of steps.

#include <danchu/core/date.hpp>
#include <danchu/calendar/detail/lunar_astro.hpp>

#include <cassert>
#include <cmath>
#include <cstdint>
#include <vector>

namespace danchu::detail {

/// One lunation (lunar month) of the table.
struct lunation {
    day_number start;   ///< first day (day number)
    std::int16_t year;  ///< lunar year (the Gregorian year of its month 1)
    std::uint8_t month; ///< 1..12
    std::uint8_t leap;  ///< 1 for a leap month
};

struct lunar_table {
    std::vector<lunation> months;         ///< months.back() is a sentinel start only
    int first_year = 0;                   ///< lunar year of year_first[0]
    std::vector<std::int32_t> year_first; ///< index of month 1 of each lunar year
    std::vector<std::uint8_t> leap_month; ///< leap month number of each lunar year, 0 if none
    double inv_mean = 1.0 / 29.530588861;
};

/// UT Julian day at which local day `z` (UTC+7) begins.
inline double local_midnight_jd(day_number z) noexcept {
    return 2440587.5 + static_cast<double>(z) - 7.0 / 24.0;
}

/// The 30-degree sector (0..11) of the sun's apparent longitude when local day
/// `z` begins; sector 9 starts at the winter solstice (270 degrees).
inline int solar_sector(day_number z) noexcept {
    const double jd = local_midnight_jd(z);
    const double lon = sun_apparent_longitude(jd + delta_t_days(jd));
    int s = static_cast<int>(lon / 30.0);
    return s > 11 ? 11 : s;
}

/// Local day (UTC+7) of new moon `k`.
inline day_number new_moon_day(int k) noexcept {
    const double jde = new_moon_jde(k);
    const double jd_ut = jde - delta_t_days(jde);
    return static_cast<day_number>(std::floor(jd_ut + 7.0 / 24.0 - 2440587.5));
}

/// Local day during which the sun reaches 270 degrees in December of `year`.
inline day_number winter_solstice_day(int year) noexcept {
    day_number z = danchu::days_from_civil(year, 12, 17);
    while (solar_sector(z + 1) != 9) ++z;
    return z;
}

inline lunar_table build_lunar_table() {
    constexpr int first_solstice_year = 1898, last_solstice_year = 2201;
    lunar_table t;
    const int k_lo = static_cast<int>(std::floor((first_solstice_year - 2000 - 0.2) * 12.3685));
    const int k_hi = static_cast<int>(std::ceil((last_solstice_year - 2000 + 1.2) * 12.3685));
    std::vector<day_number> starts;
    starts.reserve(static_cast<std::size_t>(k_hi - k_lo + 1));
    for (int k = k_lo; k <= k_hi; ++k) starts.push_back(new_moon_day(k));
    std::vector<int> sector(starts.size());
    for (std::size_t i = 0; i < starts.size(); ++i) sector[i] = solar_sector(starts[i]);

    // Index of the lunation containing each winter solstice (the 11th month).
    std::vector<std::size_t> m11;
    std::size_t i = 0;
    for (int y = first_solstice_year; y <= last_solstice_year; ++y) {
        const day_number s = winter_solstice_day(y);
        while (starts[i + 1] <= s) ++i;
        m11.push_back(i);
    }
    const std::size_t base = m11.front();
    t.first_year = first_solstice_year + 1;
    for (std::size_t y = 1; y < m11.size(); ++y) {
        const std::size_t a = m11[y - 1], b = m11[y];
        const int lunar_year = first_solstice_year + static_cast<int>(y); // year of the next Tết
        const std::size_t count = b - a;
        assert(count == 12 || count == 13);
        std::size_t leap_at = count; // none
        if (count == 13) {
            for (std::size_t j = 1; j < count; ++j)
                if (sector[a + j] == sector[a + j + 1]) {
                    leap_at = j;
                    break;
                }
        }
        for (std::size_t j = 0; j < count; ++j) {
            const std::size_t off = j < leap_at ? j : j - 1; // position without the leap month
            const auto number = static_cast<std::uint8_t>((10 + off) % 12 + 1);
            const bool is_leap = j == leap_at;
            // Months 11 and 12 (and a leap 11 or 12) belong to the previous lunar year.
            const int year_of_month = off <= 1 ? lunar_year - 1 : lunar_year;
            if (number == 1 && !is_leap) t.year_first.push_back(static_cast<std::int32_t>(a + j - base));
            t.months.push_back(lunation{starts[a + j], static_cast<std::int16_t>(year_of_month), number,
                                        static_cast<std::uint8_t>(is_leap ? 1 : 0)});
        }
    }
    t.months.push_back(lunation{starts[m11.back()], 0, 0, 0}); // sentinel
    t.leap_month.assign(t.year_first.size(), 0);
    for (std::size_t j = 0; j + 1 < t.months.size(); ++j) {
        const lunation& m = t.months[j];
        const int idx = m.year - t.first_year;
        if (m.leap && idx >= 0 && idx < static_cast<int>(t.leap_month.size()))
            t.leap_month[static_cast<std::size_t>(idx)] = m.month;
    }
    return t;
}

/// The table, built on first use (thread-safe).
inline const lunar_table& lunar_tables() {
    static const lunar_table table = build_lunar_table();
    return table;
}

} // namespace danchu::detail
