#pragma once
/// @file
/// Submission deadlines of periodic reports, as data: a rule (day N of the
/// period's last month; N working days after the cut-off; N calendar days after
/// the cut-off) and a policy for a deadline that falls on a non-working day.
///
/// Decree 09/2019/NĐ-CP Art. 13(1) sets "no later than the 25th of the last
/// month of the reporting period" for reports to the Government and the Prime
/// Minister, and says nothing about weekends and holidays (calendar brief §1.4,
/// [D6]). The roll-over is therefore a documented, configurable policy:
///   - `keep` (default): the legal date as written, even on a non-working day;
///   - `next_working_day`: moved forward to the next working day;
///   - `previous_working_day`: moved back to the previous working day (the
///     cautious choice: the report is never late under any reading).

#include <danchu/calendar/calendar.hpp>
#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/calendar/holiday.hpp>

#include <string>
#include <string_view>

namespace danchu {

/// @throws argument_error naming the accepted values.
inline non_working_policy nonworking_policy_from_string(std::string_view s) {
    return from_string<non_working_policy>(s);
}

/// Applies a policy to a nominal date.
/// @throws calendar_error outside the calendar's range.
inline civil_day apply_policy(non_working_policy p, civil_day nominal, const calendar& cal) {
    switch (p) {
    case non_working_policy::keep: return nominal;
    case non_working_policy::next_working_day: return cal.roll_forward(nominal);
    case non_working_policy::previous_working_day: return cal.roll_backward(nominal);
    }
    return nominal;
}

/// How a period's deadline is computed.
struct deadline_rule {
    enum class type : std::uint8_t {
        day_of_last_month,         ///< day `n` of the period's last month (clamped to its end)
        working_days_after_cutoff, ///< the n-th working day after the cut-off (always a working day)
        days_after_cutoff,         ///< n calendar days after the cut-off
    };
    type kind = type::day_of_last_month;
    int n = 25;
    non_working_policy policy = non_working_policy::keep;
    citation source;
    confidence conf = confidence::secondary;

    /// The nominal deadline (before the policy) for a window ending on `cutoff`
    /// whose last month is the month of `cutoff`.
    civil_day nominal(civil_day cutoff, const calendar& cal) const {
        switch (kind) {
        case type::day_of_last_month: {
            const civil_date c = cutoff.ymd();
            const int dim = days_in_month(c.year, c.month);
            return civil_day(c.year, c.month, n < dim ? n : dim);
        }
        case type::working_days_after_cutoff: return cal.add_working_days(cutoff, n);
        case type::days_after_cutoff: return cutoff + n;
        }
        return cutoff;
    }

    /// The deadline after applying `policy`.
    civil_day due(civil_day cutoff, const calendar& cal) const {
        return apply_policy(policy, nominal(cutoff, cal), cal);
    }
};

DANCHU_ENUM_NAMES_AS(deadline_rule_type, deadline_rule::type, "deadline rule",
                     {deadline_rule::type::day_of_last_month, "day_of_last_month"},
                     {deadline_rule::type::working_days_after_cutoff, "working_days_after_cutoff"},
                     {deadline_rule::type::days_after_cutoff, "days_after_cutoff"})

} // namespace danchu
