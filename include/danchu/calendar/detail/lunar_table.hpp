#pragma once
/// @file
/// The Vietnamese lunar calendar (internal), computed from the astronomy in
/// `lunar_astro.hpp` and the rules of the Vietnamese calendar:
///   1. a month starts on the local day (UTC+7, meridian 105 E) of the new moon;
///   2. the 11th month is the one containing the winter solstice;
///   3. if 13 new moons start between two 11th months, the first month after
///      the earlier 11th month without a major solar term (a multiple of 30
///      degrees of solar longitude) is the leap month and repeats the number of
///      the month before it.
///
/// Two forms, built lazily and thread-safely, from the same computation:
///   - a *segment* per solstice year S (1899..2201): the 12 or 13 months from
///     the 11th month of S - 1 to the month before the 11th month of S, built
///     on first use of that segment (a few microseconds); `to_solar`,
///     `leap_month` and the holidays of one year need one or two segments;
///   - the whole table (every lunation from the 11th month of lunar year 1898
///     to the 10th month of lunar year 2201), assembled from all segments on
///     first use of `to_lunar` (a few milliseconds), so each `to_lunar` is an
///     index guess plus at most a couple of steps.
/// `build_lunar_table()` is the original one-pass build of the whole table,
/// kept as the reference the tests compare both forms with.

#include <danchu/core/date.hpp>
#include <danchu/calendar/detail/lunar_astro.hpp>

#include <array>
#include <atomic>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <mutex>
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

/// First and last solstice year the lunar calendar is computed from.
inline constexpr int first_solstice_year = 1898, last_solstice_year = 2201;
/// Segments are numbered by the solstice year that ends them: 1899..2201.
inline constexpr int first_segment = first_solstice_year + 1, last_segment = last_solstice_year;

/// Fills `t.leap_month` from the leap flags of `t.months` (the last month is a sentinel).
inline void fill_leap_months(lunar_table& t) {
    t.leap_month.assign(t.year_first.size(), 0);
    for (std::size_t j = 0; j + 1 < t.months.size(); ++j) {
        const lunation& m = t.months[j];
        const int idx = m.year - t.first_year;
        if (m.leap && idx >= 0 && idx < static_cast<int>(t.leap_month.size()))
            t.leap_month[static_cast<std::size_t>(idx)] = m.month;
    }
}

/// The whole table in one pass (the reference for the segments and the
/// assembled table; see the file comment).
inline lunar_table build_lunar_table() {
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
    fill_leap_months(t);
    return t;
}

/// The months from the 11th month of solstice year `year - 1` up to, not
/// including, the 11th month of `year`.
struct lunar_segment {
    std::vector<lunation> months; ///< 12 or 13, in order
    day_number end = 0;           ///< first day of the 11th month of `year` (next segment's first)
};

/// Index k of the new moon (`new_moon_day`) that starts the lunation containing
/// local day `z`: the last k whose day is on or before `z`.
inline int new_moon_at_or_before(day_number z) noexcept {
    constexpr day_number k0_day = danchu::days_from_civil(2000, 1, 6); // new moon k = 0
    int k = static_cast<int>(std::floor(static_cast<double>(z - k0_day) / 29.530588861));
    while (new_moon_day(k) > z) --k;
    while (new_moon_day(k + 1) <= z) ++k;
    return k;
}

/// One segment, computed as `build_lunar_table` computes its part of the table.
inline lunar_segment build_lunar_segment(int year) {
    const int ka = new_moon_at_or_before(winter_solstice_day(year - 1));
    const int kb = new_moon_at_or_before(winter_solstice_day(year));
    const auto count = static_cast<std::size_t>(kb - ka);
    assert(count == 12 || count == 13);
    std::vector<day_number> starts(count + 1);
    std::vector<int> sector(count + 1);
    for (std::size_t j = 0; j <= count; ++j) {
        starts[j] = new_moon_day(ka + static_cast<int>(j));
        sector[j] = solar_sector(starts[j]);
    }
    std::size_t leap_at = count; // none
    if (count == 13) {
        for (std::size_t j = 1; j < count; ++j)
            if (sector[j] == sector[j + 1]) {
                leap_at = j;
                break;
            }
    }
    lunar_segment s;
    s.months.reserve(count);
    for (std::size_t j = 0; j < count; ++j) {
        const std::size_t off = j < leap_at ? j : j - 1;
        const auto number = static_cast<std::uint8_t>((10 + off) % 12 + 1);
        const int year_of_month = off <= 1 ? year - 1 : year;
        s.months.push_back(lunation{starts[j], static_cast<std::int16_t>(year_of_month), number,
                                    static_cast<std::uint8_t>(j == leap_at ? 1 : 0)});
    }
    s.end = starts[count];
    return s;
}

/// Segment `year` (first_segment..last_segment, not checked), built on first
/// use; thread-safe (built under a mutex, published with a release store, read
/// with one acquire load afterwards).
inline const lunar_segment& lunar_segment_of(int year) {
    constexpr std::size_t n = static_cast<std::size_t>(last_segment - first_segment + 1);
    struct cache {
        std::mutex mutex;
        std::array<std::atomic<bool>, n> ready{};
        std::array<lunar_segment, n> segments;
    };
    static cache c;
    const auto i = static_cast<std::size_t>(year - first_segment);
    assert(i < n);
    if (!c.ready[i].load(std::memory_order_acquire)) {
        const std::lock_guard<std::mutex> lock(c.mutex);
        if (!c.ready[i].load(std::memory_order_relaxed)) {
            c.segments[i] = build_lunar_segment(year);
            c.ready[i].store(true, std::memory_order_release);
        }
    }
    return c.segments[i];
}

/// The whole table assembled from every segment (equal to build_lunar_table()).
inline lunar_table assemble_lunar_table() {
    lunar_table t;
    t.first_year = first_segment;
    for (int y = first_segment; y <= last_segment; ++y) {
        for (const lunation& m : lunar_segment_of(y).months) {
            if (m.month == 1 && m.leap == 0)
                t.year_first.push_back(static_cast<std::int32_t>(t.months.size()));
            t.months.push_back(m);
        }
    }
    t.months.push_back(lunation{lunar_segment_of(last_segment).end, 0, 0, 0}); // sentinel
    fill_leap_months(t);
    return t;
}

/// The whole table, assembled on first use (thread-safe function-local static);
/// only `to_lunar` needs it.
inline const lunar_table& lunar_tables() {
    static const lunar_table table = assemble_lunar_table();
    return table;
}

} // namespace danchu::detail
