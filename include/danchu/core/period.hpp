#pragma once
/// @file
/// Periods: the one value type for an assessed or reported period and its
/// label.
///
/// Labels (the only syntax the library reads or writes for a period):
///   - `2018`                   the calendar year
///   - `2018-H1`, `2018-H2`     a half-year
///   - `2018-Q1` .. `2018-Q4`   a quarter
///   - `2018-06`                a month
///   - `2018-01-01/2018-06-30`  an explicit range of days, both inclusive
/// Years are 1..9999, the range of danchu::civil_day. Labels round-trip:
/// `assessment_period(s).label() == s` for every accepted `s`.
///
/// Example:
/// @code
///   danchu::assessment_period p("2018-H1");
///   p.first().iso();            // "2018-01-01"
///   p.last().iso();             // "2018-06-30"
///   p.previous().label();       // "2017-H2"
///   danchu::assessment_period::of(danchu::period_kind::quarter, 2018, 4).next().label();  // "2019-Q1"
/// @endcode

#include <danchu/core/date.hpp>
#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace danchu {

/// The length of a calendar period.
enum class period_kind : std::uint8_t { month, quarter, half, year };

DANCHU_ENUM_NAMES(period_kind, "period kind", {period_kind::month, "month"},
                  {period_kind::quarter, "quarter"}, {period_kind::half, "half"}, {period_kind::year, "year"})

/// @throws argument_error naming the accepted values.
inline period_kind period_kind_from_string(std::string_view s) { return from_string<period_kind>(s); }

/// Number of periods of a kind in a year (12, 4, 2, 1).
inline constexpr int periods_per_year(period_kind k) noexcept {
    switch (k) {
    case period_kind::month: return 12;
    case period_kind::quarter: return 4;
    case period_kind::half: return 2;
    case period_kind::year: return 1;
    }
    return 1;
}

/// A period of days: a calendar year, half-year, quarter or month, or an
/// explicit range. Regular, immutable; ordered by first day then last day.
class assessment_period {
public:
    /// Parses a label (see the file comment).
    /// @throws argument_error naming the label and the accepted forms.
    explicit assessment_period(std::string_view label) { *this = parse(label); }

    /// Parses a label (see the file comment).
    /// @throws argument_error naming the label and the accepted forms.
    static assessment_period parse(std::string_view label) {
        if (auto p = try_parse(label)) return *p;
        throw argument_error("period \"" + detail::preview(label) +
                             "\": expected YYYY, YYYY-H1, YYYY-H2, YYYY-Q1..Q4, YYYY-MM "
                             "or YYYY-MM-DD/YYYY-MM-DD (years 1..9999)");
    }

    /// Parses a label; nullopt if it is not one.
    static std::optional<assessment_period> try_parse(std::string_view s) noexcept {
        if (s.size() == 21 && s[10] == '/') {
            const auto a = civil_day::try_parse(s.substr(0, 10));
            const auto b = civil_day::try_parse(s.substr(11));
            if (!a || !b || *a > *b) return std::nullopt;
            return assessment_period(std::nullopt, a->year(), 0, *a, *b);
        }
        if (s.size() < 4) return std::nullopt;
        int y = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            y = y * 10 + (s[i] - '0');
        }
        if (y < 1) return std::nullopt;
        const std::string_view rest = s.substr(4);
        if (rest.empty()) return make(period_kind::year, y, 1);
        if (rest.size() != 3 || rest[0] != '-') return std::nullopt;
        const auto digit = [](char c) { return c >= '0' && c <= '9' ? c - '0' : -1; };
        if (rest[1] == 'H' && (rest[2] == '1' || rest[2] == '2'))
            return make(period_kind::half, y, digit(rest[2]));
        if (rest[1] == 'Q' && rest[2] >= '1' && rest[2] <= '4')
            return make(period_kind::quarter, y, digit(rest[2]));
        const int m = digit(rest[1]) < 0 || digit(rest[2]) < 0 ? -1 : digit(rest[1]) * 10 + digit(rest[2]);
        if (m >= 1 && m <= 12) return make(period_kind::month, y, m);
        return std::nullopt;
    }

    /// Period `index` (1-based: month 1..12, quarter 1..4, half 1..2, year 1) of `kind` in `year`.
    /// @throws argument_error for a year outside 1..9999 or an index out of range.
    static assessment_period of(period_kind kind, int year, int index) {
        const int n = periods_per_year(kind);
        if (index < 1 || index > n)
            throw argument_error("period index " + std::to_string(index) + " for a " +
                                 std::string(to_string(kind)) + " period must be 1.." + std::to_string(n));
        if (year < 1 || year > 9999)
            throw argument_error("period year " + std::to_string(year) + " is outside 1..9999");
        return *make(kind, year, index);
    }

    /// The explicit range [first, last].
    /// @throws argument_error if `first > last` or a day is outside 0001-01-01..9999-12-31.
    static assessment_period between(civil_day first, civil_day last) {
        if (!first.ok() || !last.ok())
            throw argument_error("period range: days must be within 0001-01-01..9999-12-31");
        if (first > last)
            throw argument_error("period range " + first.iso() + "/" + last.iso() +
                                 ": the first day is after the last");
        return assessment_period(std::nullopt, first.year(), 0, first, last);
    }

    /// The kind, or nullopt for an explicit range.
    std::optional<period_kind> kind() const noexcept { return kind_; }
    bool is_range() const noexcept { return !kind_; }
    /// The year (of the first day, for a range).
    int year() const noexcept { return year_; }
    /// 1-based index within the year (month 1..12, quarter 1..4, half 1..2, year 1); 0 for a range.
    int index() const noexcept { return index_; }
    civil_day first() const noexcept { return first_; } ///< first day, inclusive
    civil_day last() const noexcept { return last_; }   ///< last day, inclusive
    bool contains(civil_day d) const noexcept { return first_ <= d && d <= last_; }

    /// The label: "2018", "2018-H1", "2018-Q2", "2018-06" or "2018-01-01/2018-06-30".
    std::string label() const {
        if (!kind_) return first_.iso() + "/" + last_.iso();
        const std::string y = first_.iso().substr(0, 4);
        const char d = static_cast<char>('0' + index_ % 10);
        switch (*kind_) {
        case period_kind::month: return y + "-" + static_cast<char>('0' + index_ / 10) + d;
        case period_kind::quarter: return y + "-Q" + d;
        case period_kind::half: return y + "-H" + d;
        case period_kind::year: return y;
        }
        return y;
    }

    /// The period of the same kind just before (2018-H1 -> 2017-H2, 2018-Q1 -> 2017-Q4).
    /// @throws argument_error for an explicit range or before year 1.
    assessment_period previous() const { return step(-1); }
    /// The period of the same kind just after (2018-H2 -> 2019-H1).
    /// @throws argument_error for an explicit range or after year 9999.
    assessment_period next() const { return step(+1); }

    /// The year, half-year, quarter or month with exactly these days (a range
    /// such as 2018-01-01/2018-06-30 gives 2018-H1); nullopt if none.
    std::optional<assessment_period> as_calendar_period() const noexcept {
        if (kind_) return *this;
        for (auto k : {period_kind::year, period_kind::half, period_kind::quarter, period_kind::month}) {
            const int months = 12 / periods_per_year(k);
            const civil_date a = first_.ymd();
            if (a.day != 1 || (a.month - 1) % months != 0) continue;
            const auto p = make(k, a.year, (a.month - 1) / months + 1);
            if (p && p->last_ == last_) return p;
        }
        return std::nullopt;
    }

    friend bool operator==(const assessment_period& a, const assessment_period& b) noexcept {
        return a.kind_ == b.kind_ && a.first_ == b.first_ && a.last_ == b.last_;
    }
    friend bool operator!=(const assessment_period& a, const assessment_period& b) noexcept {
        return !(a == b);
    }
    friend bool operator<(const assessment_period& a, const assessment_period& b) noexcept {
        return a.first_ != b.first_ ? a.first_ < b.first_ : a.last_ < b.last_;
    }

private:
    assessment_period(std::optional<period_kind> k, int y, int i, civil_day a, civil_day b) noexcept
        : kind_(k), year_(y), index_(i), first_(a), last_(b) {}

    static std::optional<assessment_period> make(period_kind k, int y, int i) noexcept {
        if (y < 1 || y > 9999) return std::nullopt;
        const int months = 12 / periods_per_year(k);
        const int m1 = i * months, m0 = m1 - months + 1;
        return assessment_period(k, y, i, civil_day::from_days(days_from_civil(y, m0, 1)),
                                 civil_day::from_days(days_from_civil(y, m1, days_in_month(y, m1))));
    }

    assessment_period step(int by) const {
        if (!kind_)
            throw argument_error("period \"" + label() +
                                 "\": an explicit date range has no previous or next period");
        const int n = periods_per_year(*kind_);
        const int k = year_ * n + (index_ - 1) + by;
        const auto p = make(*kind_, k / n, k % n + 1);
        if (!p)
            throw argument_error("period \"" + label() + "\": the " + (by < 0 ? "previous" : "next") +
                                 " period is outside years 1..9999");
        return *p;
    }

    std::optional<period_kind> kind_;
    int year_ = 1970;
    int index_ = 1;
    civil_day first_, last_;
};

} // namespace danchu
