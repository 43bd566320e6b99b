#pragma once
/// @file
/// Gregorian (civil) days: the one date model of the library.
///
/// `civil_day` is a small regular value (a count of days since 1970-01-01 in a
/// `std::int32_t`): constexpr, trivially copyable, ordered, with day arithmetic,
/// the weekday and the year/month/day fields. ISO 8601 text (`YYYY-MM-DD`) is
/// parsed and printed at the edges (`civil_day::parse`, `civil_day::try_parse`,
/// `civil_day::iso`).
///
/// Supported range: years 1..9999 (0001-01-01 .. 9999-12-31), what
/// `YYYY-MM-DD` can spell. Every parser of the library accepts exactly this
/// range; arithmetic may leave it (like integer overflow, the caller checks
/// `ok()`), formatting refuses to.
///
/// The civil <-> day-number conversion is written once here: H. Hinnant's
/// era-based proleptic Gregorian algorithm (400-year eras of 146097 days,
/// years starting in March), public domain.
///
/// `day_number` (a plain `std::int32_t`) stays as the storage type of
/// columnar tables and lookup arrays; conversions are `civil_day::from_days`
/// and `civil_day::days`. Boost.Date_Time conversions are opt-in:
/// <danchu/core/boost_date.hpp>.
///
/// Example:
/// @code
///   constexpr danchu::civil_day d(2018, 6, 30);
///   static_assert(d + 1 == danchu::civil_day(2018, 7, 1));
///   danchu::civil_day::parse("2018-06-30").iso();  // "2018-06-30"
/// @endcode

#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace danchu {

/// Days since 1970-01-01 (negative before it): the storage form of a day.
using day_number = std::int32_t;

/// A proleptic Gregorian calendar date as three fields (not validated).
struct civil_date {
    int year = 1970;
    int month = 1; ///< 1..12
    int day = 1;   ///< 1..31
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
constexpr bool is_leap_year(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// Number of days in month `m` (1..12) of year `y`; 0 for an invalid month.
constexpr int days_in_month(int y, int m) noexcept {
    constexpr int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return (m == 2 && is_leap_year(y)) ? 29 : len[m - 1];
}

/// Day number of a civil date; fields are not validated (see `civil_day`).
constexpr day_number days_from_civil(int y, int m, int d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;                         // [0, 399]
    const int mp = (m + 9) % 12;                           // March = 0
    const int doy = (153 * mp + 2) / 5 + d - 1;            // [0, 365]
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    return static_cast<day_number>(era * 146097 + doe - 719468);
}

/// Civil date of a day number.
constexpr civil_date civil_from_days(day_number z) noexcept {
    const std::int64_t zz = static_cast<std::int64_t>(z) + 719468;
    const std::int64_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
    const int doe = static_cast<int>(zz - era * 146097);                   // [0, 146096]
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; // [0, 399]
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               // [0, 365]
    const int mp = (5 * doy + 2) / 153;                                    // [0, 11]
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

/// First and last supported day numbers: 0001-01-01 and 9999-12-31.
inline constexpr day_number min_day_number = days_from_civil(1, 1, 1);
inline constexpr day_number max_day_number = days_from_civil(9999, 12, 31);

namespace detail {
/// True for a valid date of the supported range.
constexpr bool valid_civil(int y, int m, int d) noexcept {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/// Explains why (y, m, d) is not a supported date.
[[noreturn]] inline void throw_invalid_civil(int y, int m, int d) {
    if (y < 1 || y > 9999) throw calendar_error("year " + std::to_string(y) + " is outside 1..9999");
    if (m < 1 || m > 12)
        throw calendar_error("month " + std::to_string(m) + " of " + std::to_string(y) + " is not 1..12");
    throw calendar_error("no day " + std::to_string(d) + " in month " + std::to_string(m) + " of " +
                         std::to_string(y) + " (it has " + std::to_string(days_in_month(y, m)) + " days)");
}

/// The date of "YYYY-MM-DD" if it spells a supported date.
constexpr std::optional<day_number> parse_iso(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int v[8] = {};
    constexpr std::size_t pos[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; ++i) {
        const char c = s[pos[i]];
        if (c < '0' || c > '9') return std::nullopt;
        v[i] = c - '0';
    }
    const int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    const int m = v[4] * 10 + v[5];
    const int d = v[6] * 10 + v[7];
    if (!valid_civil(y, m, d)) return std::nullopt;
    return days_from_civil(y, m, d);
}
} // namespace detail

/// ISO 8601 text `YYYY-MM-DD` of a day number.
/// @throws calendar_error outside the supported range (years 1..9999).
inline std::string to_iso(day_number z) {
    if (z < min_day_number || z > max_day_number)
        throw calendar_error("day " + std::to_string(z) +
                             " (days since 1970-01-01) is outside 0001-01-01..9999-12-31");
    const civil_date c = civil_from_days(z);
    char buf[10] = {};
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

/// `YYYY-MM-DD` of a day number, or "day N (days since 1970-01-01)" outside
/// years 1..9999: for messages about a day that may be out of range.
inline std::string describe_day(day_number z) {
    if (z < min_day_number || z > max_day_number)
        return "day " + std::to_string(z) + " (days since 1970-01-01)";
    return to_iso(z);
}

/// Parses an ISO date `YYYY-MM-DD` (years 1..9999).
/// @param what names the argument or JSON location for the error message.
/// @throws calendar_error naming `what`, the text and the expected form.
inline day_number parse_iso_date(std::string_view text, std::string_view what = "date") {
    if (const auto d = detail::parse_iso(text)) return *d;
    bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-';
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) shape = shape && text[i] >= '0' && text[i] <= '9';
    throw calendar_error(std::string(what) + ": \"" + detail::preview(text) + "\" " +
                         (shape ? "is not a valid date (year 1..9999, month 1..12, day "
                                  "within the month)"
                                : "is not an ISO date YYYY-MM-DD"));
}

/// One day of the proleptic Gregorian calendar.
///
/// A regular value: default 1970-01-01; ordered; `d + n`, `d - n` and `a - b`
/// count days. Constructed from fields (validated, years 1..9999), from a day
/// number (`from_days`, unchecked: see `ok`) or from ISO text (`parse`).
class civil_day {
public:
    /// 1970-01-01.
    constexpr civil_day() noexcept = default;

    /// Year `y`, month `m` (1..12), day `d`.
    /// @throws calendar_error for a date that does not exist or a year outside 1..9999.
    constexpr civil_day(int y, int m, int d) : n_(days_from_civil(y, m, d)) {
        if (!detail::valid_civil(y, m, d)) detail::throw_invalid_civil(y, m, d);
    }

    /// The day `n` days after 1970-01-01 (before it if negative); not range-checked.
    static constexpr civil_day from_days(day_number n) noexcept {
        civil_day d;
        d.n_ = n;
        return d;
    }

    /// Parses `YYYY-MM-DD`.
    /// @param what names the argument or JSON location in the error message.
    /// @throws calendar_error naming `what`, the text and the expected form.
    static civil_day parse(std::string_view text, std::string_view what = "date") {
        return from_days(parse_iso_date(text, what));
    }

    /// Parses `YYYY-MM-DD`; nullopt if the text is not a supported date.
    static constexpr std::optional<civil_day> try_parse(std::string_view text) noexcept {
        const auto d = detail::parse_iso(text);
        if (!d) return std::nullopt;
        return from_days(*d);
    }

    /// 0001-01-01 and 9999-12-31, the supported range.
    static constexpr civil_day min() noexcept { return from_days(min_day_number); }
    static constexpr civil_day max() noexcept { return from_days(max_day_number); }

    /// Days since 1970-01-01.
    constexpr day_number days() const noexcept { return n_; }
    /// True within the supported range (years 1..9999).
    constexpr bool ok() const noexcept { return n_ >= min_day_number && n_ <= max_day_number; }

    constexpr civil_date ymd() const noexcept { return civil_from_days(n_); }
    constexpr int year() const noexcept { return ymd().year; }
    constexpr int month() const noexcept { return ymd().month; } ///< 1..12
    constexpr int day() const noexcept { return ymd().day; }     ///< 1..31
    constexpr weekday day_of_week() const noexcept { return weekday_of(n_); }

    /// `YYYY-MM-DD`.
    /// @throws calendar_error if `!ok()`.
    std::string iso() const { return to_iso(n_); }

    constexpr civil_day& operator+=(int n) noexcept {
        n_ += n;
        return *this;
    }
    constexpr civil_day& operator-=(int n) noexcept {
        n_ -= n;
        return *this;
    }
    constexpr civil_day& operator++() noexcept {
        ++n_;
        return *this;
    }
    constexpr civil_day& operator--() noexcept {
        --n_;
        return *this;
    }
    constexpr civil_day operator++(int) noexcept {
        civil_day t = *this;
        ++n_;
        return t;
    }
    constexpr civil_day operator--(int) noexcept {
        civil_day t = *this;
        --n_;
        return t;
    }

    friend constexpr civil_day operator+(civil_day d, int n) noexcept { return from_days(d.n_ + n); }
    friend constexpr civil_day operator+(int n, civil_day d) noexcept { return from_days(d.n_ + n); }
    friend constexpr civil_day operator-(civil_day d, int n) noexcept { return from_days(d.n_ - n); }
    /// Days from `b` to `a`.
    friend constexpr int operator-(civil_day a, civil_day b) noexcept { return a.n_ - b.n_; }

    friend constexpr bool operator==(civil_day a, civil_day b) noexcept { return a.n_ == b.n_; }
    friend constexpr bool operator!=(civil_day a, civil_day b) noexcept { return a.n_ != b.n_; }
    friend constexpr bool operator<(civil_day a, civil_day b) noexcept { return a.n_ < b.n_; }
    friend constexpr bool operator<=(civil_day a, civil_day b) noexcept { return a.n_ <= b.n_; }
    friend constexpr bool operator>(civil_day a, civil_day b) noexcept { return a.n_ > b.n_; }
    friend constexpr bool operator>=(civil_day a, civil_day b) noexcept { return a.n_ >= b.n_; }

private:
    day_number n_ = 0;
};

/// The day of year `y`, month `m`, day `d`: the same as `civil_day(y, m, d)`.
/// @throws calendar_error naming the impossible date (e.g. 30 February).
constexpr civil_day make_day(int y, int m, int d) { return civil_day(y, m, d); }

/// `YYYY-MM-DD`. @throws calendar_error if `!d.ok()`.
inline std::string to_iso(civil_day d) { return d.iso(); }

/// Day of the week.
constexpr weekday weekday_of(civil_day d) noexcept { return d.day_of_week(); }

} // namespace danchu

template <> struct std::hash<danchu::civil_day> {
    std::size_t operator()(danchu::civil_day d) const noexcept {
        return std::hash<danchu::day_number>{}(d.days());
    }
};
