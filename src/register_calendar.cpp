// danchu._core.calendar: the calendar engine (lunar calendar, holidays, working days,
// report periods, iCalendar). Business rules live in include/danchu/; this file
// only converts types. The Python sugar is in python/danchu/{lunar,calendar}.py.

#include "register.hpp"

#include <danchu/calendar/calendar.hpp>
#include <danchu/core/boost_date.hpp>
#include <danchu/core/date.hpp>
#include <danchu/calendar/holiday.hpp>
#include <danchu/calendar/ical.hpp>
#include <danchu/calendar/lunar.hpp>
#include <danchu/calendar/period.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace py = pybind11;
namespace gd = boost::gregorian;

namespace {

using day_array = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;
using count_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

gd::date to_date(danchu::civil_day d) { return danchu::to_boost(d); }
danchu::civil_day to_day(const gd::date& d) { return danchu::from_boost(d); }

std::optional<gd::date> opt_date(const std::optional<danchu::civil_day>& d) {
    if (!d) return std::nullopt;
    return to_date(*d);
}

const char* const weekday_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

danchu::weekly_rest rest_from_names(const std::vector<std::string>& names) {
    danchu::weekly_rest r{0};
    for (const auto& n : names) {
        int found = -1;
        for (int i = 0; i < 7; ++i)
            if (n == weekday_names[i]) found = i;
        if (found < 0)
            throw danchu::argument_error("weekly rest day \"" + n +
                                         "\": expected mon, tue, wed, thu, fri, sat or sun");
        r.mask = static_cast<std::uint8_t>(r.mask | (1U << found));
    }
    return r;
}

std::string lunar_repr(const danchu::lunar_date& l) {
    return "LunarDate(year=" + std::to_string(l.year) + ", month=" + std::to_string(l.month) +
           ", day=" + std::to_string(l.day) + ", leap=" + (l.leap ? "True" : "False") + ")";
}

void bind_lunar(py::module_& m) {
    py::class_<danchu::lunar_date>(m, "LunarDate", "A date of the Vietnamese lunar calendar (UTC+7).")
        .def(py::init([](int y, int mo, int d, bool leap) {
                 // validate through the table: raises CalendarError for impossible dates
                 (void)danchu::to_solar(y, mo, d, leap);
                 return danchu::lunar_date{y, mo, d, leap};
             }),
             py::arg("year"), py::arg("month"), py::arg("day"), py::arg("leap") = false)
        .def_readonly("year", &danchu::lunar_date::year)
        .def_readonly("month", &danchu::lunar_date::month)
        .def_readonly("day", &danchu::lunar_date::day)
        .def_readonly("leap", &danchu::lunar_date::leap)
        .def("to_solar", [](const danchu::lunar_date& l) { return to_date(danchu::to_solar(l)); })
        .def(
            "__eq__", [](const danchu::lunar_date& a, const danchu::lunar_date& b) { return a == b; },
            py::arg("other"))
        .def("__hash__",
             [](const danchu::lunar_date& l) {
                 return py::hash(py::make_tuple(l.year, l.month, l.day, l.leap));
             })
        .def("__str__", [](const danchu::lunar_date& l) { return danchu::to_string(l); })
        .def("__repr__", &lunar_repr);

    m.def(
        "to_lunar", [](const gd::date& d) { return danchu::to_lunar(to_day(d)); }, py::arg("d"));
    m.def(
        "to_solar", [](int y, int mo, int d, bool leap) { return to_date(danchu::to_solar(y, mo, d, leap)); },
        py::arg("year"), py::arg("month"), py::arg("day"), py::arg("leap") = false);
    m.def(
        "lunar_new_year", [](int y) { return to_date(danchu::lunar_new_year(y)); }, py::arg("year"));
    m.def("leap_month", &danchu::leap_month, py::arg("year"));
    m.def("lunar_month_length", &danchu::lunar_month_length, py::arg("year"), py::arg("month"),
          py::arg("leap") = false);
    m.def(
        "_to_solar_days",
        [](const day_array& years, const day_array& months, const day_array& days,
           const py::array_t<bool, py::array::c_style | py::array::forcecast>& leaps) {
            const auto n = static_cast<std::size_t>(years.size());
            if (static_cast<std::size_t>(months.size()) != n || static_cast<std::size_t>(days.size()) != n ||
                static_cast<std::size_t>(leaps.size()) != n)
                throw danchu::argument_error("to_solar_array: year, month, day and leap have different "
                                             "lengths (" +
                                             std::to_string(n) + ", " + std::to_string(months.size()) + ", " +
                                             std::to_string(days.size()) + ", " +
                                             std::to_string(leaps.size()) + ")");
            py::array_t<std::int32_t> out(years.size());
            const std::int32_t *py_ = years.data(), *pm = months.data(), *pd = days.data();
            const bool* pl = leaps.data();
            std::int32_t* po = out.mutable_data();
            {
                py::gil_scoped_release release;
                std::size_t i = 0;
                try {
                    for (; i < n; ++i) po[i] = danchu::to_solar(py_[i], pm[i], pd[i], pl[i]).days();
                } catch (const danchu::calendar_error& e) {
                    throw danchu::calendar_error("to_solar_array: element " + std::to_string(i) + ": " +
                                                 e.what());
                }
            }
            return out;
        },
        py::arg("years"), py::arg("months"), py::arg("days"), py::arg("leaps"));
    m.def(
        "_to_lunar_days",
        [](const day_array& days) {
            const auto n = static_cast<std::size_t>(days.size());
            py::array_t<std::int32_t> y(days.size()), mo(days.size()), d(days.size());
            py::array_t<bool> leap(days.size());
            const std::int32_t* in = days.data();
            std::int32_t *py_ = y.mutable_data(), *pm = mo.mutable_data(), *pd = d.mutable_data();
            bool* pl = leap.mutable_data();
            {
                py::gil_scoped_release release;
                for (std::size_t i = 0; i < n; ++i) {
                    const auto l = danchu::to_lunar(danchu::civil_day::from_days(in[i]));
                    py_[i] = l.year;
                    pm[i] = l.month;
                    pd[i] = l.day;
                    pl[i] = l.leap;
                }
            }
            return py::make_tuple(y, mo, d, leap);
        },
        py::arg("days"));
}

void bind_holidays(py::module_& m) {
    py::class_<danchu::holiday>(m, "Holiday", "One day of a year's holiday calendar.")
        .def_property_readonly("date", [](const danchu::holiday& h) { return to_date(h.date); })
        .def_property_readonly(
            "kind", [](const danchu::holiday& h) { return std::string(danchu::to_string(h.kind)); })
        .def_readonly("holiday_id", &danchu::holiday::holiday_id)
        .def_property_readonly("name_vi", [](const danchu::holiday& h) { return h.name.vi; })
        .def_property_readonly("name_en", [](const danchu::holiday& h) { return h.name.en; })
        .def_property_readonly("source_document", [](const danchu::holiday& h) { return h.source.document; })
        .def_property_readonly("source_article", [](const danchu::holiday& h) { return h.source.article; })
        .def_property_readonly("source_url", [](const danchu::holiday& h) { return h.source.url; })
        .def_property_readonly("source_note", [](const danchu::holiday& h) { return h.source.note; })
        .def_property_readonly(
            "confidence", [](const danchu::holiday& h) { return std::string(danchu::to_string(h.conf)); })
        .def_readonly("derived", &danchu::holiday::derived)
        .def_property_readonly("is_day_off",
                               [](const danchu::holiday& h) { return danchu::is_day_off(h.kind); })
        .def("__repr__", [](const danchu::holiday& h) {
            return "Holiday(date=" + danchu::to_iso(h.date) +
                   ", kind=" + std::string(danchu::to_string(h.kind)) + ", name_en=\"" + h.name.en + "\"" +
                   (h.derived ? ", derived" : "") + ")";
        });

    py::class_<danchu::holiday_data>(m, "HolidayData",
                                     "Holiday eras and official schedules loaded from data files.")
        .def(py::init<>())
        .def_static("load_directory", &danchu::holiday_data::load_directory, py::arg("directory"))
        .def("add_file", &danchu::holiday_data::add_file, py::arg("path"))
        .def("load_all", &danchu::holiday_data::load_all)
        .def_property_readonly("official_years", &danchu::holiday_data::official_years)
        .def_property_readonly("eras", [](const danchu::holiday_data& d) {
            py::list out;
            for (const auto& e : d.eras())
                out.append(py::dict(py::arg("id") = e.id, py::arg("name_vi") = e.name.vi,
                                    py::arg("name_en") = e.name.en, py::arg("from_year") = e.from_year,
                                    py::arg("to_year") = e.to_year,
                                    py::arg("confidence") = std::string(danchu::to_string(e.conf)),
                                    py::arg("source_document") = e.source.document,
                                    py::arg("source_article") = e.source.article));
            return out;
        });
}

void bind_calendar() {
    using C = danchu::calendar;
    bound<C>() // declared by register_types(): the schedule takes it too
        .def_static(
            "vietnam", [](const std::string& dir) { return C::vietnam(dir); }, py::arg("data_dir"))
        .def_static("civil_servant", &C::civil_servant, py::arg("data"))
        .def_static(
            "with_weekly_rest",
            [](const danchu::holiday_data& d, const std::vector<std::string>& rest) {
                return C::with_weekly_rest(d, rest_from_names(rest));
            },
            py::arg("data"), py::arg("rest_days"))
        .def_property_readonly("rest_days",
                               [](const C& c) {
                                   std::vector<std::string> out;
                                   for (int i = 0; i < 7; ++i)
                                       if (c.rest().contains(static_cast<danchu::weekday>(i)))
                                           out.emplace_back(weekday_names[i]);
                                   return out;
                               })
        .def_property_readonly("is_civil_servant", &C::is_civil_servant)
        .def("has_official_schedule", &C::has_official_schedule, py::arg("year"))
        .def("entries", &C::entries, py::arg("year"))
        .def("holidays", &C::holidays, py::arg("year"))
        .def(
            "find",
            [](const C& c, const gd::date& d) -> std::optional<danchu::holiday> {
                const auto* h = c.find(to_day(d));
                if (h == nullptr) return std::nullopt;
                return *h;
            },
            py::arg("d"))
        .def(
            "is_working_day", [](const C& c, const gd::date& d) { return c.is_working_day(to_day(d)); },
            py::arg("d"))
        .def(
            "next_working_day",
            [](const C& c, const gd::date& d) { return to_date(c.next_working_day(to_day(d))); },
            py::arg("d"))
        .def(
            "previous_working_day",
            [](const C& c, const gd::date& d) { return to_date(c.previous_working_day(to_day(d))); },
            py::arg("d"))
        .def(
            "roll_forward", [](const C& c, const gd::date& d) { return to_date(c.roll_forward(to_day(d))); },
            py::arg("d"))
        .def(
            "roll_backward",
            [](const C& c, const gd::date& d) { return to_date(c.roll_backward(to_day(d))); }, py::arg("d"))
        .def(
            "add_working_days",
            [](const C& c, const gd::date& d, std::int64_t n) {
                return to_date(c.add_working_days(to_day(d), n));
            },
            py::arg("d"), py::arg("n"))
        .def(
            "working_days_between",
            [](const C& c, const gd::date& a, const gd::date& b) {
                return c.working_days_between(to_day(a), to_day(b));
            },
            py::arg("a"), py::arg("b"))
        .def(
            "_holiday_arrays",
            [](const C& c, int first_year, int last_year, bool days_off_only) {
                // Batch form: every entry of first_year..last_year as arrays
                // (day numbers, kind codes, index into a table of names).
                std::vector<std::int32_t> dates;
                std::vector<std::uint8_t> kinds;
                std::vector<std::int32_t> name_index;
                std::map<std::pair<std::string, std::string>, std::int32_t> names;
                std::vector<const std::pair<const std::pair<std::string, std::string>, std::int32_t>*> order;
                std::vector<std::string> ids;
                for (int y = first_year; y <= last_year; ++y) {
                    for (const auto& h : days_off_only ? c.holidays(y) : c.entries(y)) {
                        dates.push_back(h.date.days());
                        kinds.push_back(static_cast<std::uint8_t>(h.kind));
                        const auto [it, fresh] = names.emplace(std::make_pair(h.name.vi, h.name.en),
                                                               static_cast<std::int32_t>(names.size()));
                        if (fresh) {
                            order.push_back(&*it);
                            ids.push_back(h.holiday_id);
                        }
                        name_index.push_back(it->second);
                    }
                }
                py::list vi, en;
                for (const auto* e : order) {
                    vi.append(e->first.first);
                    en.append(e->first.second);
                }
                return py::make_tuple(
                    py::array_t<std::int32_t>(static_cast<py::ssize_t>(dates.size()), dates.data()),
                    py::array_t<std::uint8_t>(static_cast<py::ssize_t>(kinds.size()), kinds.data()),
                    py::array_t<std::int32_t>(static_cast<py::ssize_t>(name_index.size()), name_index.data()),
                    vi, en, ids);
            },
            py::arg("first_year"), py::arg("last_year"), py::arg("days_off_only") = true)
        .def(
            "_is_working_day_days",
            [](const C& c, const day_array& days) {
                py::array_t<bool> out(days.size());
                static_assert(sizeof(bool) == sizeof(std::uint8_t));
                auto* o = reinterpret_cast<std::uint8_t*>(out.mutable_data());
                const std::int32_t* in = days.data();
                const auto n = static_cast<std::size_t>(days.size());
                {
                    py::gil_scoped_release release;
                    c.is_working_day(in, o, n);
                }
                return out;
            },
            py::arg("days"))
        .def(
            "_add_working_days_days",
            [](const C& c, const day_array& days, const count_array& counts) {
                if (counts.size() != 1 && counts.size() != days.size())
                    throw danchu::argument_error("add_working_days: " + std::to_string(counts.size()) +
                                                 " counts for " + std::to_string(days.size()) +
                                                 " dates (expected 1 or as many as the dates)");
                py::array_t<std::int32_t> out(days.size());
                std::int32_t* o = out.mutable_data();
                const std::int32_t* in = days.data();
                const std::int64_t* k = counts.data();
                const auto n = static_cast<std::size_t>(days.size());
                const auto nk = static_cast<std::size_t>(counts.size());
                {
                    py::gil_scoped_release release;
                    c.add_working_days(in, k, nk, o, n);
                }
                return out;
            },
            py::arg("days"), py::arg("counts"))
        .def(
            "_working_days_between_days",
            [](const C& c, const day_array& a, const day_array& b) {
                if (a.size() != b.size())
                    throw danchu::argument_error("working_days_between: arrays of different lengths (" +
                                                 std::to_string(a.size()) + " and " +
                                                 std::to_string(b.size()) + ")");
                py::array_t<std::int64_t> out(a.size());
                std::int64_t* o = out.mutable_data();
                const std::int32_t *pa = a.data(), *pb = b.data();
                const auto n = static_cast<std::size_t>(a.size());
                {
                    py::gil_scoped_release release;
                    c.working_days_between(pa, pb, o, n);
                }
                return out;
            },
            py::arg("a"), py::arg("b"));
}

void bind_periods(py::module_& m) {
    py::class_<danchu::reporting_convention>(m, "Regime", "A reporting regime loaded from data/regimes.")
        .def_readonly("id", &danchu::reporting_convention::id)
        .def_property_readonly("name_vi", [](const danchu::reporting_convention& r) { return r.name.vi; })
        .def_property_readonly("name_en", [](const danchu::reporting_convention& r) { return r.name.en; })
        .def_property_readonly(
            "window",
            [](const danchu::reporting_convention& r) { return r.cutoff_window ? "cutoff" : "calendar"; })
        .def_readonly("cutoff_day", &danchu::reporting_convention::cutoff_day)
        .def_property_readonly("periods",
                               [](const danchu::reporting_convention& r) {
                                   std::vector<std::string> out;
                                   for (auto k : r.kinds) out.emplace_back(danchu::to_string(k));
                                   return out;
                               })
        .def_property_readonly(
            "deadline_rule",
            [](const danchu::reporting_convention& r) -> py::object {
                if (!r.deadline) return py::none();
                return py::dict(py::arg("type") = std::string(danchu::to_string(r.deadline->kind)),
                                py::arg("n") = r.deadline->n,
                                py::arg("nonworking_policy") =
                                    std::string(danchu::to_string(r.deadline->policy)),
                                py::arg("source_document") = r.deadline->source.document,
                                py::arg("source_article") = r.deadline->source.article,
                                py::arg("confidence") = std::string(danchu::to_string(r.deadline->conf)));
            })
        .def_property_readonly(
            "confidence",
            [](const danchu::reporting_convention& r) { return std::string(danchu::to_string(r.conf)); })
        .def_property_readonly("source_document",
                               [](const danchu::reporting_convention& r) { return r.source.document; })
        .def("__repr__", [](const danchu::reporting_convention& r) { return "Regime(\"" + r.id + "\")"; });

    py::class_<danchu::convention_set>(m, "RegimeSet", "Reporting regimes by id.")
        .def(py::init<>())
        .def_static("load_directory", &danchu::convention_set::load_directory, py::arg("directory"))
        .def("add_file", &danchu::convention_set::add_file, py::arg("path"))
        .def("__getitem__", &danchu::convention_set::at, py::return_value_policy::reference_internal,
             py::arg("id"))
        .def("ids", [](const danchu::convention_set& s) {
            std::vector<std::string> out;
            for (const auto& [k, v] : s.all()) out.push_back(k);
            return out;
        });

    using P = danchu::report_period;
    py::class_<P>(m, "ReportPeriod", "A report period: data window and deadline.")
        .def_readonly("regime", &P::convention_id)
        .def_property_readonly("kind", [](const P& p) { return std::string(danchu::to_string(p.kind)); })
        .def_readonly("year", &P::year)
        .def_readonly("index", &P::index)
        .def_property_readonly("start", [](const P& p) { return to_date(p.start); })
        .def_property_readonly("end", [](const P& p) { return to_date(p.end); })
        .def_property_readonly("deadline", [](const P& p) { return opt_date(p.deadline); })
        .def_property_readonly("nominal_deadline", [](const P& p) { return opt_date(p.nominal_deadline); })
        .def_readonly("working_days_after_cutoff", &P::working_days_after_cutoff)
        .def_property_readonly("label", &P::label)
        .def("__repr__", [](const P& p) {
            return "ReportPeriod(" + p.label() + ", regime=\"" + p.convention_id +
                   "\", start=" + danchu::to_iso(p.start) + ", end=" + danchu::to_iso(p.end) +
                   ", deadline=" + (p.deadline ? danchu::to_iso(*p.deadline) : std::string("None")) + ")";
        });

    auto policy_of = [](const std::optional<std::string>& s) -> std::optional<danchu::non_working_policy> {
        if (!s) return std::nullopt;
        return danchu::nonworking_policy_from_string(*s);
    };
    m.def(
        "make_report_period",
        [policy_of](const danchu::reporting_convention& r, const std::string& kind, int year, int index,
                    const danchu::calendar& cal, const std::optional<std::string>& policy) {
            return danchu::make_report_period(r, danchu::period_kind_from_string(kind), year, index, cal,
                                              policy_of(policy));
        },
        py::arg("regime"), py::arg("kind"), py::arg("year"), py::arg("index"), py::arg("calendar"),
        py::arg("policy") = py::none());
    m.def(
        "report_periods",
        [policy_of](const danchu::reporting_convention& r, const std::string& kind, int year,
                    const danchu::calendar& cal, const std::optional<std::string>& policy) {
            return danchu::report_periods(r, danchu::period_kind_from_string(kind), year, cal,
                                          policy_of(policy));
        },
        py::arg("regime"), py::arg("kind"), py::arg("year"), py::arg("calendar"),
        py::arg("policy") = py::none());

    m.def(
        "ical",
        [policy_of](const danchu::calendar& cal, const std::vector<int>& years,
                    const danchu::reporting_convention* r, const std::vector<std::string>& kinds,
                    const std::string& lang, const std::string& name,
                    const std::optional<std::string>& dtstamp, const std::optional<std::string>& policy) {
            std::vector<danchu::ical_event> events;
            for (int y : years) {
                auto h = danchu::holiday_events(cal, y, lang);
                events.insert(events.end(), h.begin(), h.end());
                if (r == nullptr) continue;
                for (const auto& k : kinds) {
                    const auto kind = danchu::period_kind_from_string(k);
                    if (!r->defines(kind)) continue;
                    auto d = danchu::deadline_events(
                        danchu::report_periods(*r, kind, y, cal, policy_of(policy)), *r, lang);
                    events.insert(events.end(), d.begin(), d.end());
                }
            }
            return dtstamp ? danchu::to_ical(events, name, *dtstamp) : danchu::to_ical(events, name);
        },
        py::arg("calendar"), py::arg("years"), py::arg("regime") = nullptr,
        py::arg("kinds") = std::vector<std::string>{"month", "quarter", "half", "year"},
        py::arg("lang") = "vi", py::arg("name") = "danchu", py::arg("dtstamp") = py::none(),
        py::arg("policy") = py::none());
}

} // namespace

void register_calendar(py::module_& m) {
    bind_lunar(m);
    bind_holidays(m);
    bind_calendar();
    bind_periods(m);
}
