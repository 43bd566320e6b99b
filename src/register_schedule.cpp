// danchu._core.schedule: obligation sets, recorded submissions and events, the
// schedule with its statuses and agenda. Columns cross as NumPy arrays (dates as int64
// days since 1970-01-01, NaT = INT64_MIN, so Python views them as
// datetime64[D]); python/danchu/schedule.py and sample.py build DataFrames
// from them. No business rules here: everything is decided by the headers.
//
// The organisation, the calendar and the records are declared by
// register_types(); this file adds the methods of Records.

#include "register.hpp"

#include <danchu/calendar/calendar.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/schedule/io.hpp>
#include <sample/province.hpp> // records_to_json

#include <nlohmann/json.hpp>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace py = pybind11;

namespace {

constexpr std::int64_t nat = std::numeric_limits<std::int64_t>::min();

using obligations_ptr = std::shared_ptr<const danchu::obligation_set>;
using records_ptr = std::shared_ptr<const danchu::schedule_records>;

struct py_obligations {
    obligations_ptr set;
};

/// A built schedule with what it was built from (the agenda rebuilds it for
/// another as-of date).
struct py_schedule {
    obligations_ptr obs;
    std::shared_ptr<const danchu::organisation> org;
    records_ptr rec;
    std::shared_ptr<const danchu::calendar> cal;
    danchu::civil_day from, to, as_of;
    int due_soon_days = 30;
    danchu::schedule s;
};

std::int64_t day_or_nat(const std::optional<danchu::civil_day>& d) { return d ? d->days() : nat; }

std::string citation(const danchu::obligation& o) { return danchu::short_text(o.cite); }

std::string recurrence_text(const danchu::obligation& o) {
    switch (o.recurrence) {
    case danchu::recurrence_kind::yearly: return "year";
    case danchu::recurrence_kind::half_yearly: return "half (" + o.period_regime + ")";
    case danchu::recurrence_kind::every_years: return "every " + std::to_string(o.every_years) + " years";
    case danchu::recurrence_kind::event: return "event " + o.event;
    }
    return "";
}

/// The deadline rule in words (English, the data file's vocabulary).
std::string deadline_text(const danchu::obligation& o) {
    auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    std::string s;
    switch (o.due) {
    case danchu::due_rule::fixed_date:
        s = "on " + two(o.due_day) + "/" + two(o.due_month);
        if (o.due_year_offset == 1)
            s += " of the following year";
        else if (o.due_year_offset > 1)
            s += " of year +" + std::to_string(o.due_year_offset);
        break;
    case danchu::due_rule::period_end: s = "at the end of the period"; break;
    case danchu::due_rule::day_of_period_last_month:
        s = "on day " + std::to_string(o.due_day) + " of the period's last month";
        break;
    case danchu::due_rule::days_after_event:
        s = std::to_string(o.due_days) + (o.due_working_days ? " working days" : " days") +
            " after the event";
        break;
    case danchu::due_rule::years_after_fact:
        s = std::to_string(o.due_years) + " years after the last time";
        break;
    }
    if (o.non_working != danchu::non_working_policy::keep)
        s += std::string("; a day off moves it to the ") +
             (o.non_working == danchu::non_working_policy::next_working_day ? "next" : "previous") +
             " working day";
    return s;
}

py::dict obligation_columns(const danchu::obligation_set& set) {
    std::vector<std::string> id, tvi, ten, rvi, ren, cit, doc, art, note, conf, applies, perf, rec, rule,
        deadline, nw, ful, window;
    std::vector<std::int64_t> min_staff;
    for (const auto& o : set.items()) {
        id.push_back(o.id);
        tvi.push_back(o.title.vi);
        ten.push_back(o.title.en);
        rvi.push_back(o.responsible.vi);
        ren.push_back(o.responsible.en);
        cit.push_back(citation(o));
        doc.push_back(o.cite.document);
        art.push_back(o.cite.article);
        note.push_back(o.cite.note);
        conf.emplace_back(danchu::to_string(o.conf));
        std::string kinds;
        for (auto k : o.applies_to) kinds += (kinds.empty() ? "" : " ") + std::string(danchu::to_string(k));
        applies.push_back(std::move(kinds));
        min_staff.push_back(o.min_staff);
        perf.push_back(o.performed_by);
        rec.push_back(recurrence_text(o));
        rule.emplace_back(danchu::to_string(o.due));
        deadline.push_back(deadline_text(o));
        nw.emplace_back(danchu::to_string(o.non_working));
        ful.push_back(o.fulfilled_by);
        window.push_back(
            o.has_window ? std::to_string(o.window_day) + "/" + std::to_string(o.window_month) +
                               (o.window_year_offset ? " +" + std::to_string(o.window_year_offset) + "y" : "")
                         : "");
    }
    py::dict d;
    d["id"] = id;
    d["title_vi"] = tvi;
    d["title_en"] = ten;
    d["citation"] = cit;
    d["document"] = doc;
    d["article"] = art;
    d["note"] = note;
    d["confidence"] = conf;
    d["responsible_vi"] = rvi;
    d["responsible_en"] = ren;
    d["applies_to"] = applies;
    d["min_staff"] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(min_staff.size()), min_staff.data());
    d["performed_by"] = perf;
    d["recurrence"] = rec;
    d["due_rule"] = rule;
    d["deadline"] = deadline;
    d["non_working_day"] = nw;
    d["window_opens"] = window;
    d["fulfilled_by"] = ful;
    return d;
}

// ---------------------------------------------------------------- records

using int32_in = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;

void check_cells(const std::vector<std::string>& v, std::size_t n, const std::string& file,
                 const std::string& list, const char* col, bool required) {
    if (v.size() != n)
        throw danchu::argument_error(file + ": " + list + " column \"" + col + "\" has " +
                                     std::to_string(v.size()) + " values, expected " + std::to_string(n) +
                                     " (one per row)");
    if (!required) return;
    for (std::size_t i = 0; i < n; ++i)
        if (v[i].empty())
            throw danchu::parse_error(file, list + " row " + std::to_string(i) + ", column " + col,
                                      "empty value: expected a non-empty string");
}

py_records records_from_columns(const std::string& file, const std::vector<std::string>& s_unit,
                                const std::vector<std::string>& s_obligation,
                                const std::vector<std::string>& s_occurrence, const int32_in& s_done_on,
                                const std::vector<std::string>& s_document,
                                const std::vector<std::string>& e_unit,
                                const std::vector<std::string>& e_event, const std::vector<std::string>& e_id,
                                const int32_in& e_date) {
    const std::size_t ns = s_unit.size(), ne = e_unit.size();
    check_cells(s_unit, ns, file, "submissions", "unit", true);
    check_cells(s_obligation, ns, file, "submissions", "obligation", true);
    check_cells(s_occurrence, ns, file, "submissions", "occurrence", false);
    check_cells(s_document, ns, file, "submissions", "document", false);
    if (static_cast<std::size_t>(s_done_on.size()) != ns)
        throw danchu::argument_error(file + ": submissions column \"done_on\" has " +
                                     std::to_string(s_done_on.size()) + " values, expected " +
                                     std::to_string(ns));
    check_cells(e_unit, ne, file, "events", "unit", true);
    check_cells(e_event, ne, file, "events", "event", true);
    check_cells(e_id, ne, file, "events", "id", true);
    if (static_cast<std::size_t>(e_date.size()) != ne)
        throw danchu::argument_error(file + ": events column \"date\" has " + std::to_string(e_date.size()) +
                                     " values, expected " + std::to_string(ne));
    auto r = std::make_shared<danchu::schedule_records>();
    r->submissions.reserve(ns);
    const auto* dd = s_done_on.data();
    for (std::size_t i = 0; i < ns; ++i)
        r->submissions.push_back({s_unit[i], s_obligation[i], s_occurrence[i],
                                  danchu::civil_day::from_days(dd[i]), s_document[i]});
    const auto* ed = e_date.data();
    r->events.reserve(ne);
    for (std::size_t i = 0; i < ne; ++i)
        r->events.push_back({e_unit[i], e_event[i], e_id[i], danchu::civil_day::from_days(ed[i])});
    return {std::move(r)};
}

py::dict submission_columns(const danchu::schedule_records& r) {
    const auto& s = r.submissions;
    const std::size_t n = s.size();
    py::dict d;
    d["unit"] = strings(n, [&](std::size_t i) { return s[i].unit; });
    d["obligation"] = strings(n, [&](std::size_t i) { return s[i].obligation; });
    d["occurrence"] = strings(n, [&](std::size_t i) { return s[i].occurrence; });
    d["done_on"] = column(n, [&](std::size_t i) { return static_cast<std::int64_t>(s[i].done_on.days()); });
    d["document"] = strings(n, [&](std::size_t i) { return s[i].document; });
    return d;
}

py::dict event_columns(const danchu::schedule_records& r) {
    const auto& e = r.events;
    const std::size_t n = e.size();
    py::dict d;
    d["unit"] = strings(n, [&](std::size_t i) { return e[i].unit; });
    d["event"] = strings(n, [&](std::size_t i) { return e[i].event; });
    d["id"] = strings(n, [&](std::size_t i) { return e[i].id; });
    d["date"] = column(n, [&](std::size_t i) { return static_cast<std::int64_t>(e[i].date.days()); });
    return d;
}

// ---------------------------------------------------------------- schedule

danchu::schedule run_schedule(const danchu::obligation_set& obs, const danchu::organisation& org,
                              const danchu::schedule_records& rec, const danchu::calendar& cal,
                              danchu::civil_day from, danchu::civil_day to, danchu::civil_day as_of,
                              int due_soon_days) {
    danchu::schedule_options so;
    so.from = from;
    so.to = to;
    so.as_of = as_of;
    so.due_soon_days = due_soon_days;
    so.is_working_day = cal.working_day_predicate();
    return danchu::build_schedule(obs, org, rec.submissions, rec.events, so);
}

std::shared_ptr<py_schedule> make_schedule(const py_obligations& obs, const danchu::organisation& org,
                                           const py_records* rec, const danchu::calendar& cal,
                                           const std::string& from, const std::string& to,
                                           const std::string& as_of, int due_soon_days) {
    if (due_soon_days < 0 || due_soon_days > 3660)
        throw danchu::argument_error("due_soon_days: " + std::to_string(due_soon_days) +
                                     ", expected a number of days from 0 to 3660");
    auto out = std::make_shared<py_schedule>();
    out->obs = obs.set;
    out->org = std::make_shared<const danchu::organisation>(org);
    out->rec = rec != nullptr ? rec->rec : std::make_shared<const danchu::schedule_records>();
    out->cal = std::make_shared<const danchu::calendar>(cal);
    out->from = danchu::civil_day::parse(from, "start");
    out->to = danchu::civil_day::parse(to, "end");
    out->as_of = danchu::civil_day::parse(as_of, "as_of");
    out->due_soon_days = due_soon_days;
    if (out->from > out->to) throw danchu::argument_error("start (" + from + ") is after end (" + to + ")");
    py::gil_scoped_release nogil;
    out->s = run_schedule(*out->obs, *out->org, *out->rec, *out->cal, out->from, out->to, out->as_of,
                          out->due_soon_days);
    return out;
}

/// The agenda as of `as_of` over `days` days: the schedule rebuilt for that
/// date (statuses as of it; the range extended to as_of + days if needed),
/// keeping what is not done and due in [as_of, as_of + days] (and what is
/// overdue, if asked).
std::shared_ptr<py_schedule> agenda_of(const py_schedule& base, const std::string& as_of, int days,
                                       bool include_overdue) {
    if (days < 0 || days > 3660)
        throw danchu::argument_error("days: " + std::to_string(days) + ", expected 0 to 3660");
    auto out = std::make_shared<py_schedule>();
    out->obs = base.obs;
    out->org = base.org;
    out->rec = base.rec;
    out->cal = base.cal;
    out->as_of = danchu::civil_day::parse(as_of, "as_of");
    out->from = base.from;
    out->to = std::max(base.to, out->as_of + days);
    out->due_soon_days = days;
    py::gil_scoped_release nogil;
    danchu::schedule full =
        run_schedule(*out->obs, *out->org, *out->rec, *out->cal, out->from, out->to, out->as_of, days);
    const auto rows = danchu::agenda(full, out->as_of, days, include_overdue);
    out->s.items.reserve(rows.size());
    for (const auto* oc : rows) out->s.items.push_back(*oc);
    out->s.problems = std::move(full.problems);
    return out;
}

py::dict schedule_columns(const py_schedule& x) {
    const auto& it = x.s.items;
    const std::size_t n = it.size();
    std::vector<std::string> keys, docs;
    keys.reserve(n);
    docs.reserve(n);
    for (const auto& oc : it) {
        keys.push_back(oc.key);
        docs.push_back(oc.document);
    }
    py::dict d;
    d["unit_index"] = column(n, [&](std::size_t i) { return static_cast<std::int64_t>(it[i].unit); });
    d["obligation_index"] =
        column(n, [&](std::size_t i) { return static_cast<std::int64_t>(it[i].obligation); });
    d["key"] = keys;
    d["opens"] = column(n, [&](std::size_t i) { return day_or_nat(it[i].opens); });
    d["due"] = column(n, [&](std::size_t i) { return day_or_nat(it[i].due); });
    d["done_on"] = column(n, [&](std::size_t i) { return day_or_nat(it[i].done_on); });
    d["status"] = column(n, [&](std::size_t i) { return static_cast<std::uint8_t>(it[i].status); });
    d["working_days_late"] =
        column(n, [&](std::size_t i) { return static_cast<std::int32_t>(it[i].working_days_late); });
    d["document"] = docs;
    return d;
}

void bind_schedule(py::module_& s) {
    py::class_<py_obligations>(s, "ObligationSet", "Obligations loaded from one or more files (ids unique).")
        .def_static(
            "load",
            [](const std::vector<std::string>& files, const std::vector<std::string>& texts,
               const std::vector<std::string>& names) {
                if (texts.size() != names.size())
                    throw danchu::argument_error("texts and names: expected one name per text");
                auto set = std::make_shared<danchu::obligation_set>();
                for (const auto& f : files) set->add_file(f);
                for (std::size_t i = 0; i < texts.size(); ++i)
                    set->add(danchu::detail::parse_json_text(texts[i], names[i]), names[i]);
                return py_obligations{std::move(set)};
            },
            py::arg("files"), py::arg("texts") = std::vector<std::string>{},
            py::arg("names") = std::vector<std::string>{})
        .def("__len__", [](const py_obligations& o) { return o.set->size(); })
        .def_property_readonly("ids",
                               [](const py_obligations& o) {
                                   std::vector<std::string> ids;
                                   for (const auto& x : o.set->items()) ids.push_back(x.id);
                                   return ids;
                               })
        .def_property_readonly("sources", [](const py_obligations& o) { return o.set->sources(); })
        .def("_columns", [](const py_obligations& o) { return obligation_columns(*o.set); });

    bound<py_records>() // declared by register_types(): the sample generator returns it too
        .def(py::init([] { return py_records{std::make_shared<const danchu::schedule_records>()}; }))
        .def_static(
            "load",
            [](const std::vector<std::string>& paths) {
                auto r = std::make_shared<danchu::schedule_records>();
                for (const auto& p : paths) danchu::load_schedule_records(p, *r);
                return py_records{std::move(r)};
            },
            py::arg("paths"))
        .def_static(
            "from_json_text",
            [](const std::string& text, const std::string& name) {
                return py_records{std::make_shared<const danchu::schedule_records>(
                    danchu::schedule_records_from_json(danchu::detail::parse_json_text(text, name), name))};
            },
            py::arg("text"), py::arg("name") = "<dict>")
        .def_static(
            "from_csv_text",
            [](const std::string& text, const std::string& name) {
                return py_records{std::make_shared<const danchu::schedule_records>(
                    danchu::schedule_records_from_csv(text, name))};
            },
            py::arg("text"), py::arg("name") = "<csv>")
        .def_static("from_columns", &records_from_columns, py::arg("name"), py::arg("s_unit"),
                    py::arg("s_obligation"), py::arg("s_occurrence"), py::arg("s_done_on"),
                    py::arg("s_document"), py::arg("e_unit"), py::arg("e_event"), py::arg("e_id"),
                    py::arg("e_date"))
        .def_static(
            "concat",
            [](const std::vector<py_records>& parts) {
                auto r = std::make_shared<danchu::schedule_records>();
                for (const auto& p : parts) {
                    r->submissions.insert(r->submissions.end(), p.rec->submissions.begin(),
                                          p.rec->submissions.end());
                    r->events.insert(r->events.end(), p.rec->events.begin(), p.rec->events.end());
                }
                return py_records{std::move(r)};
            },
            py::arg("parts"))
        .def_property_readonly("submission_count",
                               [](const py_records& r) { return r.rec->submissions.size(); })
        .def_property_readonly("event_count", [](const py_records& r) { return r.rec->events.size(); })
        .def("_submission_columns", [](const py_records& r) { return submission_columns(*r.rec); })
        .def("_event_columns", [](const py_records& r) { return event_columns(*r.rec); })
        .def(
            "to_json_text",
            [](const py_records& r, int indent) {
                return danchu::sample::records_to_json(*r.rec).dump(indent);
            },
            py::arg("indent") = 1);

    py::class_<py_schedule, std::shared_ptr<py_schedule>>(
        s, "Schedule", "Occurrences with due dates and statuses (columnar).")
        .def("__len__", [](const py_schedule& x) { return x.s.items.size(); })
        .def_property_readonly(
            "unit_ids", [](const py_schedule& x) { return unit_ids(*x.org); },
            "The ids of the organisation's units, in its order")
        .def_property_readonly("obligation_ids",
                               [](const py_schedule& x) {
                                   std::vector<std::string> ids;
                                   for (const auto& o : x.obs->items()) ids.push_back(o.id);
                                   return ids;
                               })
        .def_property_readonly("obligations", [](const py_schedule& x) { return py_obligations{x.obs}; })
        .def_property_readonly("records", [](const py_schedule& x) { return py_records{x.rec}; })
        .def_property_readonly("as_of", [](const py_schedule& x) { return danchu::to_iso(x.as_of); })
        .def_property_readonly("start", [](const py_schedule& x) { return danchu::to_iso(x.from); })
        .def_property_readonly("end", [](const py_schedule& x) { return danchu::to_iso(x.to); })
        .def_property_readonly("due_soon_days", [](const py_schedule& x) { return x.due_soon_days; })
        .def_property_readonly("problems",
                               [](const py_schedule& x) {
                                   std::vector<std::pair<std::string, std::string>> out;
                                   for (const auto& p : x.s.problems) out.emplace_back(p.where, p.message);
                                   return out;
                               })
        .def("_columns", &schedule_columns)
        .def_property_readonly("organisation", [](const py_schedule& x) { return *x.org; })
        .def("agenda", &agenda_of, py::arg("as_of"), py::arg("days") = 30, py::arg("include_overdue") = true);

    s.def("build", &make_schedule, py::arg("obligations"), py::arg("organisation"), py::arg("records"),
          py::arg("calendar"), py::arg("start"), py::arg("end"), py::arg("as_of"),
          py::arg("due_soon_days") = 30);

    std::vector<std::string> names;
    for (int i = 0; i <= static_cast<int>(danchu::occurrence_status::unknown); ++i)
        names.emplace_back(danchu::to_string(static_cast<danchu::occurrence_status>(i)));
    s.attr("STATUS_NAMES") = py::tuple(py::cast(names));
}

} // namespace

void register_schedule(py::module_& m) { bind_schedule(m); }
