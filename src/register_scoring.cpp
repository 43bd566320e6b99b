// danchu._core.scoring: schemes, scorecards, roll-ups and period comparison.
// Columns are returned as NumPy arrays (one copy, no per-unit Python loop);
// the pure-Python layer (python/danchu/scoring.py) builds DataFrames and
// notebook tables from them. No business rules here.

#include "register.hpp"

#include <danchu/scoring/io.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/scoring/rollup.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <string>
#include <typeinfo>
#include <vector>

namespace py = pybind11;

namespace {

template <class T>
py::array_t<T> to_array(const std::vector<T>& v) {
    py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}

template <class T>
py::array_t<T> to_matrix(const std::vector<T>& v, std::size_t rows, std::size_t cols) {
    py::array_t<T> a({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)});
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}

template <class F>
auto column(std::size_t n, F&& f) {
    using T = decltype(f(std::size_t{}));
    py::array_t<T> a(static_cast<py::ssize_t>(n));
    T* d = a.mutable_data();
    for (std::size_t i = 0; i < n; ++i) d[i] = f(i);
    return a;
}

py::dict text_dict(const danchu::bilingual_text& t) {
    py::dict d;
    d["vi"] = t.vi;
    d["en"] = t.en;
    return d;
}

bool registered(const std::type_info& t) { return py::detail::get_type_info(t) != nullptr; }

danchu::rule_meta rule_from_dict(const py::dict& d) {
    danchu::rule_meta m;
    m.id = d["id"].cast<std::string>();
    if (d.contains("title_vi")) m.title.vi = d["title_vi"].cast<std::string>();
    if (d.contains("title_en")) m.title.en = d["title_en"].cast<std::string>();
    if (d.contains("weight")) m.weight = d["weight"].cast<double>();
    if (d.contains("severity")) m.sev = danchu::severity_from_string(d["severity"].cast<std::string>());
    if (d.contains("confidence"))
        m.conf = danchu::confidence_from_string(d["confidence"].cast<std::string>());
    if (d.contains("tags")) m.tags = d["tags"].cast<std::vector<std::string>>();
    return m;
}

// FindingTable and Organisation belong to other concepts; they are bound here
// only if no other register_<concept>() has bound them (pybind11 allows one
// binding per C++ type).
void bind_shared_types(py::module_& s) {
    if (!registered(typeid(danchu::finding_table))) {
        py::class_<danchu::finding_table>(s, "FindingTable",
                                          "Verdicts and credits, units × rules (unit-major).")
            .def(py::init([](const std::vector<py::dict>& rules, std::vector<std::string> units,
                             py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast> v,
                             py::array_t<double, py::array::c_style | py::array::forcecast> c) {
                     std::vector<danchu::rule_meta> metas;
                     for (const auto& d : rules) metas.push_back(rule_from_dict(d));
                     const std::size_t R = metas.size(), U = units.size();
                     if (static_cast<std::size_t>(v.size()) != R * U ||
                         static_cast<std::size_t>(c.size()) != R * U)
                         throw danchu::argument_error(
                             "verdicts and credits: expected " + std::to_string(U) + " × " +
                             std::to_string(R) + " cells (units × rules)");
                     danchu::finding_table t(std::move(metas), std::move(units));
                     const auto* vd = v.data();
                     const auto* cd = c.data();
                     for (std::size_t i = 0; i < R * U; ++i) {
                         if (vd[i] > 4)
                             throw danchu::argument_error(
                                 "verdicts: code " + std::to_string(vd[i]) + " at cell " +
                                 std::to_string(i) +
                                 ": expected 0 pass, 1 fail, 2 not_applicable, 3 unknown, 4 error");
                         if (!(cd[i] >= 0.0f && cd[i] <= 1.0f))
                             throw danchu::argument_error("credits: cell " + std::to_string(i) +
                                                          ": expected a number in [0, 1]");
                         t.set(i / (R ? R : 1), i % (R ? R : 1), static_cast<danchu::verdict>(vd[i]),
                               cd[i]);
                     }
                     return t;
                 }),
                 py::arg("rules"), py::arg("units"), py::arg("verdicts"), py::arg("credits"))
            .def_property_readonly("unit_ids", &danchu::finding_table::unit_ids)
            .def_property_readonly("rule_ids",
                                   [](const danchu::finding_table& t) {
                                       std::vector<std::string> ids;
                                       for (const auto& r : t.rules()) ids.push_back(r.id);
                                       return ids;
                                   })
            .def_property_readonly("verdicts",
                                   [](const danchu::finding_table& t) {
                                       std::vector<std::uint8_t> v(t.verdicts().size());
                                       for (std::size_t i = 0; i < v.size(); ++i)
                                           v[i] = static_cast<std::uint8_t>(t.verdicts()[i]);
                                       return to_matrix(v, t.unit_count(), t.rule_count());
                                   })
            .def_property_readonly("credits",
                                   [](const danchu::finding_table& t) {
                                       return to_matrix(t.credits(), t.unit_count(), t.rule_count());
                                   })
            .def("__len__", &danchu::finding_table::unit_count);
    }
    if (!registered(typeid(danchu::organisation))) {
        py::class_<danchu::organisation>(s, "Organisation", "The organisation tree (validated).")
            .def_property_readonly("ids",
                                   [](const danchu::organisation& o) {
                                       std::vector<std::string> ids;
                                       for (const auto& u : o.units()) ids.push_back(u.id);
                                       return ids;
                                   })
            .def("__len__", &danchu::organisation::size);
    }
}

// The organisation from Python dicts, as strict as the JSON loader: id, kind
// and staff are required; errors name the record and the key.
danchu::organisation organisation_from_records(const std::vector<py::dict>& records) {
    std::vector<danchu::unit> units;
    std::vector<std::string> places;
    units.reserve(records.size());
    places.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        const py::dict& d = records[i];
        const std::string at = "records[" + std::to_string(i) + "]";
        auto type_name = [](const py::handle& v) { return std::string(py::str(py::type::of(v).attr("__name__"))); };
        auto text = [&](const char* key, bool required) -> std::string {
            if (!d.contains(key) || d[key].is_none()) {
                if (required) throw danchu::argument_error(at + ": missing \"" + key + "\" (expected a string)");
                return {};
            }
            const py::object v = d[key];
            if (!py::isinstance<py::str>(v))
                throw danchu::argument_error(at + "." + key + ": expected a string, found " + type_name(v));
            return v.cast<std::string>();
        };
        danchu::unit u;
        u.id = text("id", true);
        u.name = text("name", false);
        u.kind = danchu::unit_kind_from_string(text("kind", true));
        u.parent = text("parent", false);
        if (!d.contains("staff") || d["staff"].is_none())
            throw danchu::argument_error(at + ": missing \"staff\" (expected a whole number >= 0)");
        const py::object staff = d["staff"];
        const std::string bad_staff = at + ".staff: expected a whole number >= 0, found ";
        if (py::isinstance<py::bool_>(staff)) throw danchu::argument_error(bad_staff + "a bool");
        if (py::isinstance<py::float_>(staff)) {
            const double x = staff.cast<double>();
            if (!(x >= 0 && x <= 9.0e15 && x == static_cast<double>(static_cast<std::int64_t>(x))))
                throw danchu::argument_error(bad_staff + std::string(py::repr(staff)));
            u.staff = static_cast<std::int64_t>(x);
        } else if (py::hasattr(staff, "__index__")) { // int, numpy integers
            const py::int_ n(staff);
            if (n < py::int_(0) || n > py::int_(9'000'000'000'000'000LL))
                throw danchu::argument_error(bad_staff + std::string(py::repr(staff)));
            u.staff = n.cast<std::int64_t>();
        } else {
            throw danchu::argument_error(bad_staff + type_name(staff));
        }
        if (d.contains("labels") && !d["labels"].is_none()) {
            const py::object labels = d["labels"];
            if (!py::isinstance<py::dict>(labels))
                throw danchu::argument_error(at + ".labels: expected a dict of strings, found " + type_name(labels));
            for (const auto& [k, v] : labels.cast<py::dict>()) {
                if (!py::isinstance<py::str>(k) || !py::isinstance<py::str>(v))
                    throw danchu::argument_error(at + ".labels: expected strings, found " + type_name(k) + ": " +
                                                 type_name(v));
                u.labels.emplace(k.cast<std::string>(), v.cast<std::string>());
            }
        }
        for (const auto& [k, v] : d) {
            (void)v;
            const std::string key = py::str(k);
            if (key != "id" && key != "name" && key != "kind" && key != "parent" && key != "staff" && key != "labels")
                throw danchu::argument_error(at + ": unknown key \"" + key +
                                             "\" (expected id, name, kind, parent, staff, labels)");
        }
        units.push_back(std::move(u));
        places.push_back(at);
    }
    return danchu::organisation(std::move(units), "<records>", places);
}

void bind_scheme(py::module_& s) {
    using danchu::scoring_scheme;
    py::class_<scoring_scheme, std::shared_ptr<scoring_scheme>>(s, "Scheme",
                                                                "A validated scoring scheme.")
        .def_property_readonly("id", &scoring_scheme::id)
        .def_property_readonly("kind", [](const scoring_scheme& x) {
            return x.kind() == danchu::scheme_kind::xccdf ? "xccdf" : "scorecard";
        })
        .def_property_readonly("file", [](const scoring_scheme& x) { return x.spec().file; })
        .def_property_readonly("title", [](const scoring_scheme& x) { return text_dict(x.spec().title); })
        .def_property_readonly("source", [](const scoring_scheme& x) { return x.spec().source; })
        .def_property_readonly("confidence",
                               [](const scoring_scheme& x) { return std::string(danchu::to_string(x.spec().conf)); })
        .def_property_readonly("model", [](const scoring_scheme& x) -> py::object {
            if (x.kind() != danchu::scheme_kind::xccdf) return py::none();
            return py::str(std::string(danchu::to_string(x.spec().model)));
        })
        .def_property_readonly("main_maximum", &scoring_scheme::main_maximum)
        .def_property_readonly("criteria", [](const scoring_scheme& x) {
            py::list out;
            for (const auto& c : x.criteria()) {
                py::dict d;
                d["id"] = c.id;
                d["title"] = text_dict(c.title);
                d["max_points"] = c.max_points;
                d["from"] = std::string(danchu::to_string(c.from));
                d["bonus"] = c.bonus;
                py::list items;
                for (const auto& it : c.items) {
                    py::dict i;
                    i["rule"] = it.rule;
                    i["points"] = it.points;
                    i["credit"] = std::string(danchu::to_string(it.credit));
                    items.append(i);
                }
                d["items"] = items;
                d["source"] = c.source;
                out.append(d);
            }
            return out;
        })
        .def_property_readonly("bands", [](const scoring_scheme& x) {
            py::list out;
            for (const auto& b : x.bands().bands()) {
                py::dict d;
                d["id"] = b.id;
                d["name"] = text_dict(b.name);
                d["min"] = b.min_score ? py::object(py::float_(*b.min_score)) : py::object(py::none());
                d["boundary"] = std::string(danchu::to_string(b.bound));
                d["source"] = b.source;
                out.append(d);
            }
            return out;
        })
        .def_property_readonly("caps", [](const scoring_scheme& x) {
            py::list out;
            for (const auto& c : x.spec().caps) {
                py::dict d;
                d["id"] = c.id;
                d["title"] = text_dict(c.title);
                d["critical_failure"] = c.any_critical_failure;
                d["rules"] = c.rules;
                d["max_band"] = c.max_band;
                d["source"] = c.source;
                out.append(d);
            }
            return out;
        })
        .def_property_readonly("ineligible", [](const scoring_scheme& x) {
            py::list out;
            for (const auto& c : x.spec().ineligible) {
                py::dict d;
                d["id"] = c.id;
                d["title"] = text_dict(c.title);
                d["rule"] = c.rule;
                d["source"] = c.source;
                out.append(d);
            }
            return out;
        })
        .def("__repr__", [](const scoring_scheme& x) {
            return "Scheme(id='" + x.id() + "', kind='" +
                   (x.kind() == danchu::scheme_kind::xccdf ? "xccdf" : "scorecard") + "', file='" +
                   x.spec().file + "')";
        })
        .def_property_readonly("rule_ids", [](const scoring_scheme& x) {
            std::vector<std::string> ids;
            for (const auto& [rule, ptr] : x.rule_references()) ids.push_back(rule);
            return ids;
        });

    s.def("load_scheme", [](const std::string& path) {
        return std::make_shared<scoring_scheme>(danchu::load_scoring_scheme(path));
    }, py::arg("path"));
    s.def("parse_scheme", [](const std::string& text, const std::string& file) {
        return std::make_shared<scoring_scheme>(danchu::parse_scoring_scheme(text, file));
    }, py::arg("text"), py::arg("file") = "<string>");
    s.def("parse_assessment", [](const std::string& text, const std::string& file) {
        return danchu::assessment_from_json(danchu::detail::score_json::parse(text, file), file);
    }, py::arg("text"), py::arg("file") = "<string>");
    s.def("load_assessment", &danchu::load_assessment, py::arg("path"));
    s.def("load_findings", &danchu::load_findings, py::arg("path"));
    s.def("parse_findings_csv", [](const std::string& text, const std::string& file) {
        return danchu::findings_from_csv(text, file);
    }, py::arg("text"), py::arg("file") = "<string>");
    s.def("load_organisation", &danchu::load_organisation, py::arg("path"));
    s.def("organisation_from_records", &organisation_from_records, py::arg("records"));
    py::class_<danchu::assessment>(s, "Assessment", "Manual and appraised points, declared ineligibility.")
        .def(py::init<>())
        .def_readonly("file", &danchu::assessment::file)
        .def("__len__", [](const danchu::assessment& a) { return a.points.size() + a.ineligible.size(); });
}

py::list entries(const std::vector<danchu::points_entry>& v) {
    py::list out;
    for (const auto& e : v) {
        py::dict d;
        d["unit"] = e.unit;
        d["criterion"] = e.criterion;
        d["points"] = e.points;
        d["kind"] = std::string(danchu::to_string(e.kind));
        d["who"] = e.who;
        d["date"] = e.date;
        d["reason"] = e.reason;
        out.append(d);
    }
    return out;
}

void bind_scorecard(py::module_& s) {
    using danchu::scorecard;
    py::class_<scorecard>(s, "Scorecard", "Scores, bands and coverage per unit (columnar).")
        .def_property_readonly("scheme", [](const scorecard& c) {
            return std::const_pointer_cast<danchu::scoring_scheme>(c.scheme_ptr());
        })
        .def_property_readonly("unit_ids", &scorecard::unit_ids)
        .def("__len__", &scorecard::unit_count)
        .def("find", [](const scorecard& c, const std::string& id) -> py::object {
            const auto i = c.find(id);
            return i == scorecard::npos ? py::object(py::none()) : py::object(py::int_(i));
        })
        .def_property_readonly("totals", [](const scorecard& c) { return to_array(c.totals()); })
        .def_property_readonly("self_totals", [](const scorecard& c) { return to_array(c.self_totals()); })
        .def_property_readonly("appraised_totals",
                               [](const scorecard& c) { return to_array(c.appraised_totals()); })
        .def_property_readonly("xccdf_scores", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) { return c.xccdf_score(u); });
        })
        .def_property_readonly("maxima", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) { return c.maximum(u); });
        })
        .def_property_readonly("bands", [](const scorecard& c) { return to_array(c.bands_column()); })
        .def_property_readonly("uncapped_bands", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) { return c.uncapped_band(u); });
        })
        .def_property_readonly("status", [](const scorecard& c) { return to_array(c.status_column()); })
        .def_property_readonly("caps", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) { return c.cap(u); });
        })
        .def_property_readonly("ineligible", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) { return c.ineligible(u); });
        })
        .def_property_readonly("unmet_top", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) { return c.unmet_top(u); });
        })
        .def_property_readonly("coverage", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) { return c.coverage(u); });
        })
        .def_property_readonly("unknown_counts", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) { return c.unknown_count(u); });
        })
        .def_property_readonly("error_counts", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) { return c.error_count(u); });
        })
        .def_property_readonly("criteria_achieved", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) {
                return static_cast<std::uint32_t>(c.stats(u).achieved);
            });
        })
        .def_property_readonly("criteria_counted", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) {
                return static_cast<std::uint32_t>(c.stats(u).counted);
            });
        })
        .def_property_readonly("criteria_zero", [](const scorecard& c) {
            return column(c.unit_count(), [&](std::size_t u) {
                return static_cast<std::uint32_t>(c.stats(u).zero);
            });
        })
        .def_property_readonly("self_points", [](const scorecard& c) {
            return to_matrix(c.self_matrix(), c.unit_count(), c.criterion_count());
        })
        .def_property_readonly("appraised_points", [](const scorecard& c) {
            return to_matrix(c.appraised_matrix(), c.unit_count(), c.criterion_count());
        })
        .def_property_readonly("criterion_states", [](const scorecard& c) {
            std::vector<std::uint8_t> v(c.unit_count() * c.criterion_count());
            for (std::size_t u = 0; u < c.unit_count(); ++u)
                for (std::size_t k = 0; k < c.criterion_count(); ++k)
                    v[u * c.criterion_count() + k] = static_cast<std::uint8_t>(c.state(u, k));
            return to_matrix(v, c.unit_count(), c.criterion_count());
        })
        .def_property_readonly("adjustments", [](const scorecard& c) { return entries(c.adjustments()); })
        .def_property_readonly("declarations", [](const scorecard& c) {
            py::list out;
            for (const auto& e : c.declarations()) {
                py::dict d;
                d["unit"] = e.unit;
                d["condition"] = e.condition;
                d["who"] = e.who;
                d["date"] = e.date;
                d["reason"] = e.reason;
                out.append(d);
            }
            return out;
        });

    s.def("score",
          [](std::shared_ptr<danchu::scoring_scheme> scheme, const danchu::finding_table& t,
             const danchu::assessment* a) {
              py::gil_scoped_release nogil;
              return danchu::score(std::shared_ptr<const danchu::scoring_scheme>(std::move(scheme)), t,
                                   a ? *a : danchu::assessment{});
          },
          py::arg("scheme"), py::arg("findings"), py::arg("assessment") = nullptr);
}

void bind_rollup(py::module_& s) {
    using danchu::rollup;
    py::class_<rollup>(s, "Rollup", "Aggregates of a scorecard per node of the organisation tree.")
        .def(py::init([](const danchu::organisation& org, const danchu::scorecard& sc,
                         const std::string& weighting, bool expect_roots, const std::string& label) {
                 danchu::rollup_options o;
                 o.weigh = danchu::weighting_from_string(weighting);
                 o.expect_roots = expect_roots;
                 o.label = label;
                 py::gil_scoped_release nogil;
                 return rollup(org, sc, o);
             }),
             py::arg("organisation"), py::arg("scorecard"), py::arg("weighting") = "staff",
             py::arg("expect_roots") = false, py::arg("label") = "")
        .def("__len__", &rollup::size)
        .def_property_readonly("label", [](const rollup& r) { return r.options().label; })
        .def_property_readonly("weighting",
                               [](const rollup& r) { return std::string(danchu::to_string(r.options().weigh)); })
        .def_property_readonly("ids", &rollup::ids)
        .def_property_readonly("names", [](const rollup& r) {
            std::vector<std::string> v;
            for (std::size_t i = 0; i < r.size(); ++i) v.push_back(r.name(i));
            return v;
        })
        .def_property_readonly("kinds", [](const rollup& r) {
            std::vector<std::string> v;
            for (std::size_t i = 0; i < r.size(); ++i) v.emplace_back(danchu::to_string(r.kind(i)));
            return v;
        })
        .def_property_readonly("parents", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) {
                return r.parent(i) == rollup::npos ? std::int64_t{-1} : static_cast<std::int64_t>(r.parent(i));
            });
        })
        .def_property_readonly("depths", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return static_cast<std::int64_t>(r.depth(i)); });
        })
        .def_property_readonly("staff", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return r.staff(i); });
        })
        .def_property_readonly("own_totals", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return r.own_total(i); });
        })
        .def_property_readonly("own_bands", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return r.own_band(i); });
        })
        .def_property_readonly("has_own", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return r.has_own(i); });
        })
        .def_property_readonly("units", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return static_cast<std::int64_t>(r.units(i)); });
        })
        .def_property_readonly("scored", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return static_cast<std::int64_t>(r.scored(i)); });
        })
        .def_property_readonly("weights", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return r.weight(i); });
        })
        .def_property_readonly("means", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return r.mean(i); });
        })
        .def_property_readonly("minima", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return r.minimum(i); });
        })
        .def_property_readonly("minimum_units", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) {
                return r.minimum_unit(i) == rollup::npos ? std::int64_t{-1}
                                                         : static_cast<std::int64_t>(r.minimum_unit(i));
            });
        })
        .def_property_readonly("missing", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return static_cast<std::int64_t>(r.missing(i)); });
        })
        .def_property_readonly("incomplete", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return static_cast<std::int64_t>(r.incomplete(i)); });
        })
        .def_property_readonly("ranks", [](const rollup& r) {
            return column(r.size(), [&](std::size_t i) { return static_cast<std::int64_t>(r.rank(i)); });
        })
        .def_property_readonly("band_counts", [](const rollup& r) {
            std::vector<std::int64_t> v(r.size() * r.band_slots());
            for (std::size_t i = 0; i < r.size(); ++i)
                for (std::size_t b = 0; b < r.band_slots(); ++b)
                    v[i * r.band_slots() + b] = static_cast<std::int64_t>(r.band_count(i, b));
            return to_matrix(v, r.size(), r.band_slots());
        })
        .def_property_readonly("band_ids", [](const rollup& r) {
            std::vector<std::string> v;
            for (const auto& b : r.bands()) v.push_back(b.id);
            return v;
        })
        .def_property_readonly("band_names", [](const rollup& r) {
            py::list v;
            for (const auto& b : r.bands()) v.append(text_dict(b.name));
            return v;
        })
        .def("find", [](const rollup& r, const std::string& id) -> py::object {
            const auto i = r.find(id);
            return i == rollup::npos ? py::object(py::none()) : py::object(py::int_(i));
        })
        .def("subtree", [](const rollup& r, const std::string& id) {
            const auto i = r.find(id);
            if (i == rollup::npos) throw danchu::argument_error("unknown node \"" + id + "\"");
            std::vector<std::string> out;
            for (auto k : r.subtree(i)) out.push_back(r.id(k));
            return out;
        })
        .def("coverage", [](const rollup& r, const std::string& id) {
            const auto i = r.find(id);
            if (i == rollup::npos) throw danchu::argument_error("unknown node \"" + id + "\"");
            const auto c = r.coverage(i);
            py::dict d;
            d["missing"] = c.missing;
            d["missing_evidence"] = c.missing_evidence;
            d["missing_input"] = c.missing_input;
            d["not_eligible"] = c.not_eligible;
            d["not_classified"] = c.not_classified;
            return d;
        })
        .def("drill_down", [](const rollup& r, const std::string& id, const danchu::finding_table& t) {
            const auto i = r.find(id);
            if (i == rollup::npos) throw danchu::argument_error("unknown node \"" + id + "\"");
            const auto rows = r.drill_down(i, t);
            std::vector<std::string> units, rules, verdicts;
            std::vector<double> credits;
            for (const auto& x : rows) {
                units.push_back(x.unit);
                rules.push_back(x.rule);
                verdicts.emplace_back(danchu::to_string(x.result));
                credits.push_back(x.credit);
            }
            py::dict d;
            d["unit"] = units;
            d["rule"] = rules;
            d["verdict"] = verdicts;
            d["credit"] = to_array(credits);
            return d;
        }, py::arg("node"), py::arg("findings"));

    s.def("compare", [](const rollup& now, const rollup& before) {
        const auto rows = danchu::compare(now, before);
        std::vector<std::string> ids, names, band_now, band_before;
        std::vector<double> mn, mb, delta;
        std::vector<std::int64_t> rn, rb, rc;
        std::vector<bool> in_before;
        for (const auto& x : rows) {
            ids.push_back(x.id);
            names.push_back(x.name);
            mn.push_back(x.mean_now);
            mb.push_back(x.mean_before);
            delta.push_back(x.delta);
            rn.push_back(static_cast<std::int64_t>(x.rank_now));
            rb.push_back(static_cast<std::int64_t>(x.rank_before));
            rc.push_back(x.rank_change);
            band_now.push_back(x.band_now);
            band_before.push_back(x.band_before);
            in_before.push_back(x.in_before);
        }
        py::dict d;
        d["id"] = ids;
        d["name"] = names;
        d["mean_now"] = to_array(mn);
        d["mean_before"] = to_array(mb);
        d["delta"] = to_array(delta);
        d["rank_now"] = to_array(rn);
        d["rank_before"] = to_array(rb);
        d["rank_change"] = to_array(rc);
        d["band_now"] = band_now;
        d["band_before"] = band_before;
        d["in_before"] = in_before;
        return d;
    }, py::arg("now"), py::arg("before"));
}

} // namespace

void register_scoring(py::module_& m) {
    auto s = m.def_submodule("scoring", "Scoring, classification and roll-ups");
    bind_shared_types(s);
    bind_scheme(s);
    bind_scorecard(s);
    bind_rollup(s);
    s.attr("STATUS_NAMES") = py::tuple(py::cast(danchu::enum_ids<danchu::class_status>()));
    s.def(
        "status_label",
        [](const std::string& status) {
            const auto t = danchu::status_label(danchu::from_string<danchu::class_status>(status, "status"));
            return py::dict(py::arg("vi") = t.vi, py::arg("en") = t.en);
        },
        py::arg("status"), "The label users read for a classification status ({'vi': ..., 'en': ...}).");
}
