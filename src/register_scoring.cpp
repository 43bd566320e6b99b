// danchu._core.scoring: schemes, scorecards, roll-ups and period comparison.
// Columns are returned as NumPy arrays (one copy, no per-unit Python loop);
// the pure-Python layer (python/danchu/scoring.py) builds DataFrames and
// notebook tables from them. The organisation and the finding table are
// declared by register_types(). No business rules here.

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
#include <vector>

namespace py = pybind11;

namespace {

py::dict text_dict(const danchu::bilingual_text& t) {
    py::dict d;
    d["vi"] = t.vi;
    d["en"] = t.en;
    return d;
}

void bind_scheme(py::module_& s) {
    using danchu::scoring_scheme;
    py::class_<scoring_scheme, std::shared_ptr<scoring_scheme>>(s, "Scheme", "A validated scoring scheme.")
        .def_property_readonly("id", &scoring_scheme::id)
        .def_property_readonly("kind",
                               [](const scoring_scheme& x) {
                                   return x.kind() == danchu::scheme_kind::xccdf ? "xccdf" : "scorecard";
                               })
        .def_property_readonly("file", [](const scoring_scheme& x) { return x.spec().file; })
        .def_property_readonly("title", [](const scoring_scheme& x) { return text_dict(x.spec().title); })
        .def_property_readonly("source", [](const scoring_scheme& x) { return x.spec().source; })
        .def_property_readonly(
            "confidence",
            [](const scoring_scheme& x) { return std::string(danchu::to_string(x.spec().conf)); })
        .def_property_readonly("model",
                               [](const scoring_scheme& x) -> py::object {
                                   if (x.kind() != danchu::scheme_kind::xccdf) return py::none();
                                   return py::str(std::string(danchu::to_string(x.spec().model)));
                               })
        .def_property_readonly("main_maximum", &scoring_scheme::main_maximum)
        .def_property_readonly("criteria",
                               [](const scoring_scheme& x) {
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
        .def_property_readonly("bands",
                               [](const scoring_scheme& x) {
                                   py::list out;
                                   for (const auto& b : x.bands().bands()) {
                                       py::dict d;
                                       d["id"] = b.id;
                                       d["name"] = text_dict(b.name);
                                       d["min"] = b.min_score ? py::object(py::float_(*b.min_score))
                                                              : py::object(py::none());
                                       d["boundary"] = std::string(danchu::to_string(b.bound));
                                       d["source"] = b.source;
                                       out.append(d);
                                   }
                                   return out;
                               })
        .def_property_readonly("caps",
                               [](const scoring_scheme& x) {
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
        .def_property_readonly("ineligible",
                               [](const scoring_scheme& x) {
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
        .def("__repr__",
             [](const scoring_scheme& x) {
                 return "Scheme(id='" + x.id() + "', kind='" +
                        (x.kind() == danchu::scheme_kind::xccdf ? "xccdf" : "scorecard") + "', file='" +
                        x.spec().file + "')";
             })
        .def_property_readonly("rule_ids", [](const scoring_scheme& x) {
            std::vector<std::string> ids;
            for (const auto& [rule, ptr] : x.rule_references()) ids.push_back(rule);
            return ids;
        });

    // before the functions that return it, so their signatures name it
    py::class_<danchu::assessment>(s, "Assessment", "Manual and appraised points, declared ineligibility.")
        .def(py::init<>())
        .def_readonly("file", &danchu::assessment::file)
        .def("__len__", [](const danchu::assessment& a) { return a.points.size() + a.ineligible.size(); });
    s.def(
        "load_scheme",
        [](const std::string& path) {
            return std::make_shared<scoring_scheme>(danchu::load_scoring_scheme(path));
        },
        py::arg("path"));
    s.def(
        "parse_scheme",
        [](const std::string& text, const std::string& file) {
            return std::make_shared<scoring_scheme>(danchu::parse_scoring_scheme(text, file));
        },
        py::arg("text"), py::arg("file") = "<string>");
    s.def(
        "parse_assessment",
        [](const std::string& text, const std::string& file) {
            return danchu::assessment_from_json(danchu::detail::score_json::parse(text, file), file);
        },
        py::arg("text"), py::arg("file") = "<string>");
    s.def("load_assessment", &danchu::load_assessment, py::arg("path"));
    s.def("load_findings", &danchu::load_findings, py::arg("path"));
    s.def(
        "parse_findings_csv",
        [](const std::string& text, const std::string& file) {
            return danchu::findings_from_csv(text, file);
        },
        py::arg("text"), py::arg("file") = "<string>");
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
        .def_property_readonly("scheme",
                               [](const scorecard& c) {
                                   return std::const_pointer_cast<danchu::scoring_scheme>(c.scheme_ptr());
                               })
        .def_property_readonly("unit_ids", &scorecard::unit_ids)
        .def_property_readonly(
            "no_evidence_policy",
            [](const scorecard& c) { return std::string(danchu::to_string(c.no_evidence_counted_as())); })
        .def("__len__", &scorecard::unit_count)
        .def(
            "find",
            [](const scorecard& c, const std::string& id) -> py::object {
                const auto i = c.find(id);
                return i == scorecard::npos ? py::object(py::none()) : py::object(py::int_(i));
            },
            py::arg("id"))
        .def_property_readonly("totals", [](const scorecard& c) { return to_array(c.totals()); })
        .def_property_readonly("self_totals", [](const scorecard& c) { return to_array(c.self_totals()); })
        .def_property_readonly("appraised_totals",
                               [](const scorecard& c) { return to_array(c.appraised_totals()); })
        .def_property_readonly("xccdf_scores",
                               [](const scorecard& c) {
                                   return column(c.unit_count(),
                                                 [&](std::size_t u) { return c.xccdf_score(u); });
                               })
        .def_property_readonly("maxima",
                               [](const scorecard& c) {
                                   return column(c.unit_count(), [&](std::size_t u) { return c.maximum(u); });
                               })
        .def_property_readonly("bands", [](const scorecard& c) { return to_array(c.bands_column()); })
        .def_property_readonly("uncapped_bands",
                               [](const scorecard& c) {
                                   return column(c.unit_count(),
                                                 [&](std::size_t u) { return c.uncapped_band(u); });
                               })
        .def_property_readonly("status", [](const scorecard& c) { return to_array(c.status_column()); })
        .def_property_readonly("caps",
                               [](const scorecard& c) {
                                   return column(c.unit_count(), [&](std::size_t u) { return c.cap(u); });
                               })
        .def_property_readonly("ineligible",
                               [](const scorecard& c) {
                                   return column(c.unit_count(),
                                                 [&](std::size_t u) { return c.ineligible(u); });
                               })
        .def_property_readonly("unmet_top",
                               [](const scorecard& c) {
                                   return column(c.unit_count(),
                                                 [&](std::size_t u) { return c.unmet_top(u); });
                               })
        .def_property_readonly("coverage",
                               [](const scorecard& c) {
                                   return column(c.unit_count(),
                                                 [&](std::size_t u) { return c.coverage(u); });
                               })
        .def_property_readonly("unknown_counts",
                               [](const scorecard& c) {
                                   return column(c.unit_count(),
                                                 [&](std::size_t u) { return c.unknown_count(u); });
                               })
        .def_property_readonly("error_counts",
                               [](const scorecard& c) {
                                   return column(c.unit_count(),
                                                 [&](std::size_t u) { return c.error_count(u); });
                               })
        .def_property_readonly("criteria_achieved",
                               [](const scorecard& c) {
                                   return column(c.unit_count(), [&](std::size_t u) {
                                       return static_cast<std::uint32_t>(c.stats(u).achieved);
                                   });
                               })
        .def_property_readonly("criteria_counted",
                               [](const scorecard& c) {
                                   return column(c.unit_count(), [&](std::size_t u) {
                                       return static_cast<std::uint32_t>(c.stats(u).counted);
                                   });
                               })
        .def_property_readonly("criteria_zero",
                               [](const scorecard& c) {
                                   return column(c.unit_count(), [&](std::size_t u) {
                                       return static_cast<std::uint32_t>(c.stats(u).zero);
                                   });
                               })
        .def_property_readonly("self_points",
                               [](const scorecard& c) {
                                   return to_matrix(c.self_matrix(), c.unit_count(), c.criterion_count());
                               })
        .def_property_readonly("appraised_points",
                               [](const scorecard& c) {
                                   return to_matrix(c.appraised_matrix(), c.unit_count(),
                                                    c.criterion_count());
                               })
        .def_property_readonly("criterion_states",
                               [](const scorecard& c) {
                                   std::vector<std::uint8_t> v(c.unit_count() * c.criterion_count());
                                   for (std::size_t u = 0; u < c.unit_count(); ++u)
                                       for (std::size_t k = 0; k < c.criterion_count(); ++k)
                                           v[u * c.criterion_count() + k] =
                                               static_cast<std::uint8_t>(c.state(u, k));
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

    s.def(
        "score",
        [](std::shared_ptr<danchu::scoring_scheme> scheme, const danchu::finding_table& t,
           const danchu::assessment* a, const std::string& no_evidence) {
            danchu::score_options o;
            o.no_evidence = danchu::from_string<danchu::no_evidence_policy>(no_evidence, "no_evidence");
            py::gil_scoped_release nogil;
            return danchu::score(std::shared_ptr<const danchu::scoring_scheme>(std::move(scheme)), t,
                                 a ? *a : danchu::assessment{}, o);
        },
        py::arg("scheme"), py::arg("findings"), py::arg("assessment") = nullptr,
        py::arg("no_evidence") = "missing_report");
}

/// The index of node `id` of a roll-up; danchu.ArgumentError naming it if none.
std::size_t node_index(const danchu::rollup& r, const std::string& id) {
    const auto i = r.find(id);
    if (i == danchu::rollup::npos) throw danchu::argument_error("unknown node \"" + id + "\"");
    return i;
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
        .def_property_readonly(
            "weighting", [](const rollup& r) { return std::string(danchu::to_string(r.options().weigh)); })
        .def_property_readonly("ids", &rollup::ids)
        .def_property_readonly("names",
                               [](const rollup& r) {
                                   std::vector<std::string> v;
                                   for (std::size_t i = 0; i < r.size(); ++i) v.push_back(r.name(i));
                                   return v;
                               })
        .def_property_readonly("kinds",
                               [](const rollup& r) {
                                   std::vector<std::string> v;
                                   for (std::size_t i = 0; i < r.size(); ++i)
                                       v.emplace_back(danchu::to_string(r.kind(i)));
                                   return v;
                               })
        .def_property_readonly("parents",
                               [](const rollup& r) {
                                   return column(r.size(), [&](std::size_t i) {
                                       return r.parent(i) == rollup::npos
                                                  ? std::int64_t{-1}
                                                  : static_cast<std::int64_t>(r.parent(i));
                                   });
                               })
        .def_property_readonly(
            "depths",
            [](const rollup& r) {
                return column(r.size(), [&](std::size_t i) { return static_cast<std::int64_t>(r.depth(i)); });
            })
        .def_property_readonly(
            "staff",
            [](const rollup& r) { return column(r.size(), [&](std::size_t i) { return r.staff(i); }); })
        .def_property_readonly(
            "own_totals",
            [](const rollup& r) { return column(r.size(), [&](std::size_t i) { return r.own_total(i); }); })
        .def_property_readonly(
            "own_bands",
            [](const rollup& r) { return column(r.size(), [&](std::size_t i) { return r.own_band(i); }); })
        .def_property_readonly(
            "has_own",
            [](const rollup& r) { return column(r.size(), [&](std::size_t i) { return r.has_own(i); }); })
        .def_property_readonly(
            "units",
            [](const rollup& r) {
                return column(r.size(), [&](std::size_t i) { return static_cast<std::int64_t>(r.units(i)); });
            })
        .def_property_readonly("scored",
                               [](const rollup& r) {
                                   return column(r.size(), [&](std::size_t i) {
                                       return static_cast<std::int64_t>(r.scored(i));
                                   });
                               })
        .def_property_readonly(
            "weights",
            [](const rollup& r) { return column(r.size(), [&](std::size_t i) { return r.weight(i); }); })
        .def_property_readonly(
            "means",
            [](const rollup& r) { return column(r.size(), [&](std::size_t i) { return r.mean(i); }); })
        .def_property_readonly(
            "minima",
            [](const rollup& r) { return column(r.size(), [&](std::size_t i) { return r.minimum(i); }); })
        .def_property_readonly("minimum_units",
                               [](const rollup& r) {
                                   return column(r.size(), [&](std::size_t i) {
                                       return r.minimum_unit(i) == rollup::npos
                                                  ? std::int64_t{-1}
                                                  : static_cast<std::int64_t>(r.minimum_unit(i));
                                   });
                               })
        .def_property_readonly("missing",
                               [](const rollup& r) {
                                   return column(r.size(), [&](std::size_t i) {
                                       return static_cast<std::int64_t>(r.missing(i));
                                   });
                               })
        .def_property_readonly("incomplete",
                               [](const rollup& r) {
                                   return column(r.size(), [&](std::size_t i) {
                                       return static_cast<std::int64_t>(r.incomplete(i));
                                   });
                               })
        .def_property_readonly(
            "ranks",
            [](const rollup& r) {
                return column(r.size(), [&](std::size_t i) { return static_cast<std::int64_t>(r.rank(i)); });
            })
        .def_property_readonly("band_counts",
                               [](const rollup& r) {
                                   std::vector<std::int64_t> v(r.size() * r.band_slots());
                                   for (std::size_t i = 0; i < r.size(); ++i)
                                       for (std::size_t b = 0; b < r.band_slots(); ++b)
                                           v[i * r.band_slots() + b] =
                                               static_cast<std::int64_t>(r.band_count(i, b));
                                   return to_matrix(v, r.size(), r.band_slots());
                               })
        .def_property_readonly("band_ids",
                               [](const rollup& r) {
                                   std::vector<std::string> v;
                                   for (const auto& b : r.bands()) v.push_back(b.id);
                                   return v;
                               })
        .def_property_readonly("band_names",
                               [](const rollup& r) {
                                   py::list v;
                                   for (const auto& b : r.bands()) v.append(text_dict(b.name));
                                   return v;
                               })
        .def(
            "find",
            [](const rollup& r, const std::string& id) -> py::object {
                const auto i = r.find(id);
                return i == rollup::npos ? py::object(py::none()) : py::object(py::int_(i));
            },
            py::arg("id"))
        .def(
            "subtree",
            [](const rollup& r, const std::string& id) {
                const auto i = node_index(r, id);
                std::vector<std::string> out;
                for (auto k : r.subtree(i)) out.push_back(r.id(k));
                return out;
            },
            py::arg("id"))
        .def(
            "coverage",
            [](const rollup& r, const std::string& id) {
                const auto i = node_index(r, id);
                const auto c = r.coverage(i);
                py::dict d;
                d["missing"] = c.missing;
                d["missing_evidence"] = c.missing_evidence;
                d["missing_input"] = c.missing_input;
                d["not_eligible"] = c.not_eligible;
                d["not_classified"] = c.not_classified;
                return d;
            },
            py::arg("id"))
        .def(
            "drill_down",
            [](const rollup& r, const std::string& id, const danchu::finding_table& t) {
                const auto i = node_index(r, id);
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
            },
            py::arg("node"), py::arg("findings"));

    s.def(
        "compare",
        [](const rollup& now, const rollup& before) {
            const auto rows = danchu::compare(now, before);
            const std::size_t n = rows.size();
            auto real = [&](double danchu::comparison_row::*m) {
                return column(n, [&](std::size_t i) { return static_cast<double>(rows[i].*m); });
            };
            auto whole = [&](auto f) {
                return column(n, [&](std::size_t i) { return static_cast<std::int64_t>(f(rows[i])); });
            };
            py::list in_before;
            for (const auto& x : rows) in_before.append(py::bool_(x.in_before));
            py::dict d;
            d["id"] = strings(n, [&](std::size_t i) { return rows[i].id; });
            d["name"] = strings(n, [&](std::size_t i) { return rows[i].name; });
            d["mean_now"] = real(&danchu::comparison_row::mean_now);
            d["mean_before"] = real(&danchu::comparison_row::mean_before);
            d["delta"] = real(&danchu::comparison_row::delta);
            d["rank_now"] = whole([](const auto& x) { return x.rank_now; });
            d["rank_before"] = whole([](const auto& x) { return x.rank_before; });
            d["rank_change"] = whole([](const auto& x) { return x.rank_change; });
            d["band_now"] = strings(n, [&](std::size_t i) { return rows[i].band_now; });
            d["band_before"] = strings(n, [&](std::size_t i) { return rows[i].band_before; });
            d["in_before"] = in_before;
            return d;
        },
        py::arg("now"), py::arg("before"));
}

} // namespace

void register_scoring(py::module_& s) {
    s.attr("STATUS_NAMES") = py::tuple(py::cast(danchu::enum_ids<danchu::class_status>()));
    s.def(
        "status_label",
        [](const std::string& status) {
            const auto t = danchu::status_label(danchu::from_string<danchu::class_status>(status, "status"));
            return py::dict(py::arg("vi") = t.vi, py::arg("en") = t.en);
        },
        py::arg("status"), "The label users read for a classification status ({'vi': ..., 'en': ...}).");
    // Why a unit missed the top band: ids and words defined once, in C++
    // (danchu::unmet_reasons).
    py::dict unmet;
    for (const auto& r : danchu::unmet_reasons()) unmet[py::str(std::string(r.id))] = static_cast<int>(r.bit);
    s.attr("UNMET_FLAGS") = unmet;
    s.def(
        "unmet_ids", [](std::uint8_t bits) { return danchu::unmet_ids(bits); }, py::arg("bits"),
        "The ids of the reasons set in `bits` (a Scorecard.unmet_top value), in bit order.");
    s.def(
        "unmet_label",
        [](std::uint8_t bits) {
            const auto t = danchu::unmet_label(bits);
            return py::dict(py::arg("vi") = t.vi, py::arg("en") = t.en);
        },
        py::arg("bits"), "The reasons set in `bits` in words ({'vi': ..., 'en': ...}; empty texts for 0).");
    s.attr("NO_EVIDENCE_POLICIES") = py::tuple(py::cast(danchu::enum_ids<danchu::no_evidence_policy>()));
    s.def(
        "no_evidence_label",
        [](const std::string& policy) {
            const auto t =
                danchu::no_evidence_label(danchu::from_string<danchu::no_evidence_policy>(policy, "policy"));
            return py::dict(py::arg("vi") = t.vi, py::arg("en") = t.en);
        },
        py::arg("policy"), "What users read for a no-evidence policy ({'vi': ..., 'en': ...}).");
    bind_scheme(s);
    bind_scorecard(s);
    bind_rollup(s);
}
