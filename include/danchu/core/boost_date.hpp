#pragma once
/// @file
/// Opt-in: conversions between danchu's days and `boost::gregorian::date`.
///
/// Not included by any other header of the library (Boost.Date_Time is slow to
/// compile and the library itself needs only <danchu/core/date.hpp>); include
/// it where a Boost date crosses the boundary (the Python bindings' casters,
/// benchmarks comparing with Boost).

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace danchu {

/// The day of a Boost date.
/// @throws calendar_error for a special value (not-a-date, infinity).
inline civil_day from_boost(const boost::gregorian::date& d) {
    if (d.is_special()) throw calendar_error("not a date (special Boost.Date_Time value)");
    const auto ymd = d.year_month_day();
    return civil_day(static_cast<int>(ymd.year), static_cast<int>(ymd.month), static_cast<int>(ymd.day));
}

/// The Boost date of a day (Boost supports years 1400..9999).
/// @throws calendar_error outside Boost's range.
inline boost::gregorian::date to_boost(civil_day d) {
    const civil_date c = d.ymd();
    if (!d.ok() || c.year < 1400)
        throw calendar_error("date " +
                             (d.ok() ? d.iso() : std::to_string(d.days()) + " (days since 1970-01-01)") +
                             " is outside Boost.Date_Time's range 1400..9999");
    return boost::gregorian::date(static_cast<unsigned short>(c.year), static_cast<unsigned short>(c.month),
                                  static_cast<unsigned short>(c.day));
}

} // namespace danchu
