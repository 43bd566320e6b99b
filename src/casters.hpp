#pragma once
// pybind11 type casters shared by the bindings (private to src/).
//
// boost::gregorian::date <-> datetime.date. Python -> C++ accepts a
// datetime.date (a datetime.datetime or pandas.Timestamp contributes its date
// part) or an ISO 8601 string "YYYY-MM-DD"; a malformed string raises
// danchu.CalendarError naming it. C++ -> Python gives a datetime.date.

#include <danchu/core/boost_date.hpp>
#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <pybind11/pybind11.h>

#include <datetime.h>

#include <string>

namespace pybind11::detail {

template <> struct type_caster<boost::gregorian::date> {
public:
    PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

    bool load(handle src, bool /*convert*/) {
        if (!src) return false;
        if (!PyDateTimeAPI) { PyDateTime_IMPORT; }
        if (PyDate_Check(src.ptr())) {
            const int y = PyDateTime_GET_YEAR(src.ptr());
            const int m = PyDateTime_GET_MONTH(src.ptr());
            const int d = PyDateTime_GET_DAY(src.ptr());
            value = danchu::to_boost(danchu::civil_day(y, m, d));
            return true;
        }
        if (PyUnicode_Check(src.ptr())) {
            const std::string text = src.cast<std::string>();
            value = danchu::to_boost(danchu::civil_day::parse(text, "date"));
            return true;
        }
        return false;
    }

    static handle cast(const boost::gregorian::date& d, return_value_policy /*policy*/,
                       handle /*parent*/) {
        if (!PyDateTimeAPI) { PyDateTime_IMPORT; }
        if (d.is_special()) throw danchu::calendar_error("not a date (special value)");
        const auto ymd = d.year_month_day();
        return PyDate_FromDate(static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                               static_cast<int>(ymd.day));
    }
};

} // namespace pybind11::detail
