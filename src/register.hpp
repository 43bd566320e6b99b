#pragma once
// What the binding files of danchu._core share (private to src/): one
// register_<area>() per area, the types more than one area takes or returns,
// the datetime.date caster and the helpers that make NumPy columns.
//
// The layout is boost-histogram's: src/module.cpp creates one submodule per
// area and calls register_<area>(submodule). The classes that cross areas
// (Organisation, FindingTable, Calendar, Records) are declared first, by
// register_types(), so every signature names its Python type whatever order
// the areas are registered in; an area adds the methods of the classes it
// owns with bound<T>(). tests/python/test_bindings.py registers the areas in
// other orders (DANCHU_CORE_REGISTER_ORDER) and compares every signature.

#include <danchu/core/boost_date.hpp>
#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <datetime.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace danchu {
struct schedule_records;
} // namespace danchu

// ---------------------------------------------------------------- the areas

/// Which submodule each class that crosses areas lives in.
struct core_submodules {
    pybind11::module_ calendar, organisation, rules, schedule;
};

/// danchu.Error and its subclasses, in danchu._core itself (before any area).
void register_errors(pybind11::module_& core);
/// The classes more than one area takes or returns, without their methods.
void register_types(const core_submodules& m);

void register_calendar(pybind11::module_& m);
void register_logic(pybind11::module_& m);
void register_organisation(pybind11::module_& m);
void register_report(pybind11::module_& m);
void register_rules(pybind11::module_& m);
void register_sample(pybind11::module_& m);
void register_schedule(pybind11::module_& m);
void register_scoring(pybind11::module_& m);

/// danchu._core.RuleError (made by register_errors()).
pybind11::handle rule_error_type();

/// Recorded submissions and events (danchu._core.schedule.Records), shared by
/// the schedule and the sample generator.
struct py_records {
    std::shared_ptr<const danchu::schedule_records> rec;
};

/// The class_ of a type register_types() declared, to add methods to it.
template <class T, class... Options> pybind11::class_<T, Options...> bound() {
    return pybind11::reinterpret_borrow<pybind11::class_<T, Options...>>(pybind11::type::of<T>());
}

// ---------------------------------------------------------------- columns

/// A 1-D NumPy array of f(0), ..., f(n - 1).
template <class F> auto column(std::size_t n, F&& f) {
    using T = decltype(f(std::size_t{}));
    pybind11::array_t<T> a(static_cast<pybind11::ssize_t>(n));
    T* d = a.mutable_data();
    for (std::size_t i = 0; i < n; ++i) d[i] = f(i);
    return a;
}

/// The list of f(0), ..., f(n - 1), for text columns.
template <class F> std::vector<std::string> strings(std::size_t n, F&& f) {
    std::vector<std::string> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.emplace_back(f(i));
    return out;
}

/// The ids of an organisation's units, in its order.
template <class Organisation> std::vector<std::string> unit_ids(const Organisation& org) {
    return strings(org.size(), [&](std::size_t i) { return org[i].id; });
}

/// A 1-D NumPy copy of v.
template <class T> pybind11::array_t<T> to_array(const std::vector<T>& v) {
    return column(v.size(), [&](std::size_t i) { return v[i]; });
}

/// A rows × cols NumPy copy of v (row-major).
template <class T>
pybind11::array_t<T> to_matrix(const std::vector<T>& v, std::size_t rows, std::size_t cols) {
    pybind11::array_t<T> a({static_cast<pybind11::ssize_t>(rows), static_cast<pybind11::ssize_t>(cols)});
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}

// ---------------------------------------------------------------- datetime.date

// boost::gregorian::date <-> datetime.date. Python -> C++ accepts a
// datetime.date (a datetime.datetime or pandas.Timestamp contributes its date
// part) or an ISO 8601 string "YYYY-MM-DD"; a malformed string raises
// danchu.CalendarError naming it. C++ -> Python gives a datetime.date.
namespace pybind11::detail {

template <> struct type_caster<boost::gregorian::date> {
public:
    PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

    bool load(handle src, bool /*convert*/) {
        if (!src) return false;
        if (!PyDateTimeAPI) {
            PyDateTime_IMPORT;
        }
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

    static handle cast(const boost::gregorian::date& d, return_value_policy /*policy*/, handle /*parent*/) {
        if (!PyDateTimeAPI) {
            PyDateTime_IMPORT;
        }
        if (d.is_special()) throw danchu::calendar_error("not a date (special value)");
        const auto ymd = d.year_month_day();
        return PyDate_FromDate(static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                               static_cast<int>(ymd.day));
    }
};

} // namespace pybind11::detail
