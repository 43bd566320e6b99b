// danchu._core.rules: rule packs, the fact dictionary, evidence, evaluation and
// explanations. JSON crosses the boundary as text (parsed by Python's json);
// findings come back as a FindingTable (declared by register_types(): the
// scoring area reads it; its methods are added here).

#include "register.hpp"

#include <danchu/rules/finding.hpp>
#include <danchu/rules/explain.hpp>
#include <danchu/rules/template.hpp>
#include <danchu/rules/findings_io.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/evidence/derive.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/rules/rule_test.hpp>
#include <danchu/io/detail/output_file.hpp>
#include <danchu/office/xlsx.hpp>

#include <nlohmann/json.hpp>
#include <pybind11/stl.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace py = pybind11;

namespace {

using dict_ptr = std::shared_ptr<const danchu::fact_dictionary>;

/// A compiled pack, shared with the evidence and findings made from it.
struct py_pack {
    std::shared_ptr<const danchu::evaluation_plan> plan;
    std::string data_dir;
};

struct py_evidence {
    std::shared_ptr<const danchu::evidence> ev;
};

struct py_event_log {
    std::shared_ptr<const danchu::event_log> log;
    std::string data_dir;
};

/// One stored value as Python: enumerations as their word, dates as ISO text
/// (the Python side makes them dates, column by column), lists as lists.
py::object event_value_py(const danchu::event_value& v, const danchu::event_field& f) {
    using t = danchu::event_field_type;
    if (!v.present) return py::none();
    switch (f.type) {
    case t::date: return py::str(danchu::to_iso(static_cast<danchu::day_number>(v.number)));
    case t::integer: return py::int_(static_cast<long long>(v.number));
    case t::number: return py::float_(v.number);
    case t::boolean: return py::bool_(v.number != 0.0);
    case t::enumeration: {
        const auto i = static_cast<std::size_t>(v.number);
        return i < f.values.size() ? py::str(f.values[i]) : py::str(v.text);
    }
    case t::list: {
        py::list out;
        for (const auto& x : v.items) {
            if (!x.text.empty() || f.item_type == t::string || f.item_type == t::enumeration)
                out.append(py::str(x.text));
            else if (f.item_type == t::date)
                out.append(py::str(danchu::to_iso(static_cast<danchu::day_number>(x.number))));
            else
                out.append(py::float_(x.number));
        }
        return std::move(out);
    }
    default: return py::str(v.text);
    }
}

/// The events as columns: unit, kind, date (ISO), id, file, pointer, then one
/// column per field name of any kind (None where the event's kind has no such
/// field or the value was not given).
py::dict event_columns(const danchu::event_log& log) {
    const auto& kinds = *log.kinds();
    const std::size_t n = log.size();
    std::vector<std::string> names;
    for (std::size_t k = 0; k < kinds.size(); ++k)
        for (const auto& f : kinds[k].fields)
            if (std::find(names.begin(), names.end(), f.name) == names.end()) names.push_back(f.name);
    py::list unit, kind, date, id, file, pointer;
    std::vector<py::list> fields(names.size());
    for (std::size_t e = 0; e < n; ++e) {
        const auto& k = kinds[log.kind(e)];
        unit.append(log.unit_ids()[log.unit(e)]);
        kind.append(k.id);
        date.append(danchu::to_iso(log.date(e)));
        id.append(log.id(e));
        const auto o = log.origin(e);
        file.append(o.file);
        pointer.append(o.pointer);
        for (std::size_t c = 0; c < names.size(); ++c) {
            const std::size_t f = k.find_field(names[c]);
            fields[c].append(f == danchu::event_kind::npos ? py::none()
                                                           : event_value_py(log.value(e, f), k.fields[f]));
        }
    }
    py::dict out;
    out["unit"] = unit;
    out["kind"] = kind;
    out["date"] = date;
    out["id"] = id;
    out["file"] = file;
    out["pointer"] = pointer;
    for (std::size_t c = 0; c < names.size(); ++c)
        if (!out.contains(names[c])) out[py::str(names[c])] = fields[c];
    return out;
}

dict_ptr load_dict(const std::string& data_dir, const std::string& facts) {
    return std::make_shared<const danchu::fact_dictionary>(
        facts.empty() ? danchu::load_default_fact_dictionary(data_dir) : danchu::load_fact_dictionary(facts));
}

py_pack make_pack(danchu::rule_set set, const std::string& data_dir, const std::string& facts) {
    return {std::make_shared<const danchu::evaluation_plan>(std::move(set), load_dict(data_dir, facts)),
            data_dir};
}

std::string rules_json(const danchu::evaluation_plan& plan) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : plan.rules().rules()) {
        const auto* doc = plan.rules().document(r.cite.document);
        out.push_back({{"id", r.id},
                       {"title_vi", r.title.vi},
                       {"title_en", r.title.en},
                       {"citation", r.citation_text()},
                       {"document_number", doc ? doc->number : ""},
                       {"url", r.cite.url},
                       {"confidence", std::string(danchu::to_string(r.conf))},
                       {"advisory", r.advisory()},
                       {"severity", std::string(danchu::to_string(r.sev))},
                       {"weight", r.weight},
                       {"frequency", std::string(danchu::to_string(r.freq))},
                       {"tags", r.tags},
                       {"facts", r.facts},
                       {"pack", r.pack}});
    }
    return out.dump();
}

std::string facts_json(const danchu::fact_dictionary& d, const danchu::evaluation_plan* plan) {
    std::map<std::size_t, std::vector<std::string>> readers;
    if (plan)
        for (const auto& [f, ids] : danchu::evidence_facts(*plan)) readers[f] = ids;
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < d.size(); ++i) {
        const auto& f = d[i];
        if (plan && !readers.count(i)) continue;
        nlohmann::json j{{"key", f.key},
                         {"type", std::string(danchu::to_string(f.type))},
                         {"unit", f.unit},
                         {"description_vi", f.description.vi},
                         {"description_en", f.description.en},
                         {"from_organisation", f.from_organisation},
                         {"enum", f.allowed},
                         {"at_most", f.at_most},
                         {"minimum", f.minimum ? nlohmann::json(*f.minimum) : nlohmann::json()},
                         {"maximum", f.maximum ? nlohmann::json(*f.maximum) : nlohmann::json()}};
        if (plan) j["rules"] = readers[i];
        out.push_back(std::move(j));
    }
    return out.dump();
}

danchu::evaluation_options options_of(const std::string& period, const std::string& as_of, bool overrides) {
    danchu::evaluation_options o{danchu::assessment_period(period)};
    if (!as_of.empty()) {
        const auto d = danchu::civil_day::try_parse(as_of);
        if (!d) throw danchu::argument_error("as_of: \"" + as_of + "\" is not an existing date YYYY-MM-DD");
        o.as_of = *d;
    }
    o.apply_overrides = overrides;
    return o;
}

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

void bind_finding_table() {
    bound<danchu::finding_table>() // declared by register_types(): scoring reads it
        .def(py::init([](const std::vector<py::dict>& rules, std::vector<std::string> units,
                         py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast> v,
                         py::array_t<double, py::array::c_style | py::array::forcecast> c) {
                 std::vector<danchu::rule_meta> metas;
                 for (const auto& d : rules) metas.push_back(rule_from_dict(d));
                 const std::size_t R = metas.size(), U = units.size();
                 if (static_cast<std::size_t>(v.size()) != R * U ||
                     static_cast<std::size_t>(c.size()) != R * U)
                     throw danchu::argument_error("verdicts and credits: expected " + std::to_string(U) +
                                                  " × " + std::to_string(R) + " cells (units × rules)");
                 danchu::finding_table t(std::move(metas), std::move(units));
                 const auto* vd = v.data();
                 const auto* cd = c.data();
                 for (std::size_t i = 0; i < R * U; ++i) {
                     if (vd[i] > 4)
                         throw danchu::argument_error(
                             "verdicts: code " + std::to_string(vd[i]) + " at cell " + std::to_string(i) +
                             ": expected 0 pass, 1 fail, 2 not_applicable, 3 unknown, 4 error");
                     if (!(cd[i] >= 0.0f && cd[i] <= 1.0f))
                         throw danchu::argument_error("credits: cell " + std::to_string(i) +
                                                      ": expected a number in [0, 1]");
                     t.set(i / (R ? R : 1), i % (R ? R : 1), static_cast<danchu::verdict>(vd[i]), cd[i]);
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

} // namespace

void register_rules(py::module_& s) {
    bind_finding_table();

    py::class_<py_pack>(s, "Pack",
                        "A rule pack with its overlays resolved, compiled against the fact dictionary.")
        .def_static(
            "load",
            [](const std::string& id, const std::string& data_dir, const std::string& facts) {
                return make_pack(danchu::pack_library(data_dir).load_set(id), data_dir, facts);
            },
            py::arg("id"), py::arg("data_dir"), py::arg("facts") = "")
        .def_static(
            "from_file",
            [](const std::string& path, const std::string& data_dir, const std::string& facts) {
                const danchu::pack_library lib(data_dir);
                return make_pack(lib.resolve(danchu::load_rule_pack_file(path)), data_dir, facts);
            },
            py::arg("path"), py::arg("data_dir"), py::arg("facts") = "")
        .def_static(
            "from_json_text",
            [](const std::string& text, const std::string& data_dir, const std::string& facts,
               const std::string& name) {
                const danchu::pack_library lib(data_dir);
                return make_pack(lib.resolve(danchu::rule_pack_from_json(
                                     danchu::detail::parse_json_text(text, name), name)),
                                 data_dir, facts);
            },
            py::arg("text"), py::arg("data_dir"), py::arg("facts") = "", py::arg("name") = "<dict>")
        .def_property_readonly("id", [](const py_pack& p) { return p.plan->rules().id(); })
        .def_property_readonly("title_vi", [](const py_pack& p) { return p.plan->rules().title().vi; })
        .def_property_readonly("title_en", [](const py_pack& p) { return p.plan->rules().title().en; })
        .def_property_readonly("chain", [](const py_pack& p) { return p.plan->rules().chain(); })
        .def_property_readonly("data_dir", [](const py_pack& p) { return p.data_dir; })
        .def("_rules_json", [](const py_pack& p) { return rules_json(*p.plan); })
        .def("_facts_json", [](const py_pack& p) { return facts_json(*p.plan->dictionary(), p.plan.get()); })
        .def("_dictionary_json", [](const py_pack& p) { return facts_json(*p.plan->dictionary(), nullptr); })
        .def(
            "template_csv",
            [](const py_pack& p, std::vector<std::string> units) {
                return danchu::evidence_template_csv(*p.plan, std::move(units));
            },
            py::arg("units") = std::vector<std::string>{})
        .def(
            "_template_json",
            [](const py_pack& p, std::vector<std::string> units, const std::string& period) {
                return danchu::evidence_template_json(*p.plan, std::move(units), period).dump();
            },
            py::arg("units") = std::vector<std::string>{}, py::arg("period") = "")
        .def("__len__", [](const py_pack& p) { return p.plan->rules().rules().size(); });

    py::class_<py_event_log>(s, "EventLog", "Dated events of the units of one organisation (issue 11).")
        .def_static(
            "load",
            [](const std::vector<std::string>& paths, const danchu::organisation& org,
               const std::string& data_dir) {
                py::gil_scoped_release release;
                return py_event_log{std::make_shared<const danchu::event_log>(danchu::load_events_checked(
                                        paths, danchu::load_event_kinds(data_dir), org)),
                                    data_dir};
            },
            py::arg("paths"), py::arg("organisation"), py::arg("data_dir"))
        .def_static(
            "from_json_text",
            [](const std::string& text, const std::string& name, const danchu::organisation& org,
               const std::string& data_dir) {
                py::gil_scoped_release release;
                nlohmann::json doc = danchu::detail::parse_json_text(text, name);
                // A table's empty cells (NaN, None) are values not given.
                if (doc.is_object() && doc.contains("events") && doc["events"].is_array())
                    for (auto& e : doc["events"])
                        if (e.is_object())
                            for (auto it = e.begin(); it != e.end();)
                                it = it->is_null() ? e.erase(it) : std::next(it);
                std::vector<danchu::input_problem> problems;
                auto log =
                    danchu::events_from_json(doc, name, danchu::load_event_kinds(data_dir), org, &problems);
                if (!problems.empty()) {
                    std::string msg = std::to_string(problems.size()) + " problem(s) in " + name + ":";
                    for (std::size_t i = 0; i < problems.size() && i < 20; ++i)
                        msg += "\n  " + problems[i].location + ": " + problems[i].message;
                    throw danchu::evidence_error(msg);
                }
                return py_event_log{std::make_shared<const danchu::event_log>(std::move(log)), data_dir};
            },
            py::arg("text"), py::arg("name"), py::arg("organisation"), py::arg("data_dir"))
        .def("__len__", [](const py_event_log& l) { return l.log->size(); })
        .def_property_readonly("unit_ids", [](const py_event_log& l) { return l.log->unit_ids(); })
        .def_property_readonly("kinds",
                               [](const py_event_log& l) {
                                   std::vector<std::string> ids;
                                   for (std::size_t k = 0; k < l.log->kinds()->size(); ++k)
                                       ids.push_back((*l.log->kinds())[k].id);
                                   return ids;
                               })
        .def("_columns", [](const py_event_log& l) { return event_columns(*l.log); })
        .def("_nones", [](const py_event_log& l) {
            py::list unit, kind, from, to, note, file, pointer;
            const auto& nones = l.log->nones();
            for (std::size_t j = 0; j < nones.size(); ++j) {
                unit.append(nones[j].unit);
                kind.append(nones[j].kind);
                from.append(danchu::to_iso(nones[j].from));
                to.append(danchu::to_iso(nones[j].to));
                note.append(nones[j].note);
                const auto o = l.log->none_origin(j);
                file.append(o.file);
                pointer.append(o.pointer);
            }
            py::dict out;
            out["unit"] = unit;
            out["kind"] = kind;
            out["from"] = from;
            out["to"] = to;
            out["note"] = note;
            out["file"] = file;
            out["pointer"] = pointer;
            return out;
        });

    py::class_<py_evidence>(s, "Evidence", "Typed, columnar evidence for the units of one organisation.")
        .def_static(
            "from_json_text",
            [](const std::string& text, const py_pack& p, const danchu::organisation& org,
               const std::string& name) {
                return py_evidence{std::make_shared<const danchu::evidence>(danchu::evidence_from_json(
                    danchu::detail::parse_json_text(text, name), name, p.plan->dictionary(), org))};
            },
            py::arg("text"), py::arg("pack"), py::arg("organisation"), py::arg("name") = "<dict>")
        .def_static(
            "from_csv_text",
            [](const std::string& text, const py_pack& p, const danchu::organisation& org,
               const std::string& period, const std::string& name) {
                py::gil_scoped_release release;
                return py_evidence{std::make_shared<const danchu::evidence>(
                    danchu::evidence_from_csv(text, name, p.plan->dictionary(), org, period))};
            },
            py::arg("text"), py::arg("pack"), py::arg("organisation"), py::arg("period") = "",
            py::arg("name") = "<csv>")
        .def_static(
            "from_file",
            [](const std::string& path, const py_pack& p, const danchu::organisation& org,
               const std::string& period) {
                return py_evidence{std::make_shared<const danchu::evidence>(
                    danchu::load_evidence(path, p.plan->dictionary(), org, period))};
            },
            py::arg("path"), py::arg("pack"), py::arg("organisation"), py::arg("period") = "")
        .def_static(
            "from_events",
            [](const std::vector<std::string>& paths, const py_pack& p, const danchu::organisation& org,
               const std::string& period, const py_evidence* facts) {
                py::gil_scoped_release release;
                return py_evidence{
                    std::make_shared<const danchu::evidence>(danchu::derive_evidence_from_files(
                        paths, p.data_dir, p.plan->dictionary(), org, danchu::assessment_period(period),
                        p.plan->rules().id(), facts ? facts->ev.get() : nullptr))};
            },
            py::arg("paths"), py::arg("pack"), py::arg("organisation"), py::arg("period"),
            py::arg("facts") = nullptr)
        .def_static(
            "from_event_log",
            [](const py_event_log& log, const py_pack& p, const danchu::organisation& org,
               const std::string& period, const py_evidence* facts) {
                py::gil_scoped_release release;
                const danchu::derive_options opt{
                    danchu::judging_regime(*log.log->kinds(), p.plan->rules().id()), {}, false};
                return py_evidence{std::make_shared<const danchu::evidence>(
                    danchu::derive_evidence(*log.log, danchu::load_event_windows(p.data_dir),
                                            p.plan->dictionary(), org, danchu::assessment_period(period), opt,
                                            facts ? facts->ev.get() : nullptr)
                        .facts)};
            },
            py::arg("log"), py::arg("pack"), py::arg("organisation"), py::arg("period"),
            py::arg("facts") = nullptr)
        .def(
            "_declared_none",
            [](const py_evidence& e, const std::string& unit, const std::string& fact) {
                const auto& ids = e.ev->unit_ids();
                const auto u = std::find(ids.begin(), ids.end(), unit);
                if (u == ids.end()) throw danchu::argument_error("unit: unknown unit \"" + unit + "\"");
                const auto f = e.ev->dictionary()->find(fact);
                if (f == danchu::fact_dictionary::npos)
                    throw danchu::argument_error("fact: unknown fact \"" + fact + "\"");
                return e.ev->declared_none(static_cast<std::size_t>(u - ids.begin()), f);
            },
            py::arg("unit"), py::arg("fact"))
        .def_property_readonly("period", [](const py_evidence& e) { return e.ev->period(); })
        .def_property_readonly("unit_ids", [](const py_evidence& e) { return e.ev->unit_ids(); })
        .def_property_readonly("value_count", [](const py_evidence& e) { return e.ev->value_count(); })
        .def(
            "_value_json",
            [](const py_evidence& e, const std::string& unit, const std::string& fact) {
                const auto& ids = e.ev->unit_ids();
                const auto u = std::find(ids.begin(), ids.end(), unit);
                if (u == ids.end()) throw danchu::argument_error("unknown unit \"" + unit + "\"");
                const auto f = e.ev->dictionary()->find(fact);
                if (f == danchu::fact_dictionary::npos)
                    throw danchu::argument_error("unknown fact \"" + fact + "\"");
                return e.ev->value_json(static_cast<std::size_t>(u - ids.begin()), f).dump();
            },
            py::arg("unit"), py::arg("fact"));

    s.def(
        "read_events_xlsx",
        [](const std::vector<std::string>& paths, const danchu::organisation& org,
           const std::string& data_dir) {
            py::gil_scoped_release release;
            const auto log = danchu::load_events_checked(paths, danchu::load_event_kinds(data_dir), org);
            return danchu::office::events_json_text(log);
        },
        py::arg("paths"), py::arg("organisation"), py::arg("data_dir"),
        "The events of filled workbooks (or any events files) as an events JSON document (text)");
    s.def(
        "write_events_workbook",
        [](const std::string& path, const danchu::organisation& org, const std::vector<std::string>& units,
           const std::string& data_dir, std::size_t rows, const std::string& title) {
            std::vector<std::size_t> idx;
            for (const auto& id : units) {
                const std::size_t u = org.find(id);
                if (u == danchu::organisation::npos)
                    throw danchu::argument_error("units: \"" + id + "\" is not in the organisation");
                idx.push_back(u);
            }
            danchu::office::events_workbook_options o;
            o.rows = rows;
            o.title = title;
            const auto kinds = danchu::load_event_kinds(data_dir);
            danchu::detail::output_files out;
            out.add(path, danchu::office::events_workbook_bytes(*kinds, org, idx, o));
            out.commit();
        },
        py::arg("path"), py::arg("organisation"), py::arg("units"), py::arg("data_dir"),
        py::arg("rows") = 100, py::arg("title") = "",
        "Writes an evidence workbook for these units (danchu::office)");

    s.def(
        "evaluate",
        [](const py_pack& p, const danchu::organisation& org, const py_evidence& e, const std::string& period,
           const std::string& as_of, bool overrides) {
            const auto opt = options_of(period, as_of, overrides);
            py::gil_scoped_release release;
            return danchu::evaluate(*p.plan, org, *e.ev, opt);
        },
        py::arg("pack"), py::arg("organisation"), py::arg("evidence"), py::arg("period"),
        py::arg("as_of") = "", py::arg("apply_overrides") = true);

    s.def(
        "_explain_json",
        [](const py_pack& p, const danchu::organisation& org, const py_evidence& e, const std::string& period,
           const std::string& unit, const std::string& rule, const std::string& as_of, bool overrides) {
            const auto x =
                danchu::explain(*p.plan, org, *e.ev, options_of(period, as_of, overrides), unit, rule);
            return py::make_tuple(x.to_json().dump(), x.to_text("vi"), x.to_text("en"));
        },
        py::arg("pack"), py::arg("organisation"), py::arg("evidence"), py::arg("period"), py::arg("unit"),
        py::arg("rule"), py::arg("as_of") = "", py::arg("apply_overrides") = true);

    s.def(
        "_findings_json",
        [](const danchu::finding_table& t, const std::string& pack, const std::string& period) {
            return danchu::finding_table_to_json(t, pack, period).dump();
        },
        py::arg("table"), py::arg("pack"), py::arg("period"));

    s.def(
        "_overrides_json",
        [](const danchu::finding_table& t) {
            return danchu::finding_table_to_json(t, "", "")["overrides"].dump();
        },
        py::arg("table"));

    s.def(
        "_run_tests_json",
        [](const std::string& path, const std::string& data_dir, const std::string& facts) {
            const danchu::pack_library lib(data_dir);
            const auto rep = danchu::run_rule_tests_file(path, lib, load_dict(data_dir, facts));
            nlohmann::json fails = nlohmann::json::array();
            for (const auto& f : rep.failures)
                fails.push_back({{"case", f.case_name}, {"rule", f.rule_id}, {"message", f.message}});
            return nlohmann::json{{"pack", rep.pack},
                                  {"cases", rep.cases},
                                  {"checks", rep.checks},
                                  {"failures", fails},
                                  {"coverage_gaps", rep.coverage_gaps},
                                  {"ok", rep.ok()}}
                .dump();
        },
        py::arg("path"), py::arg("data_dir"), py::arg("facts") = "");

    s.def(
        "_pack_ids", [](const std::string& data_dir) { return danchu::pack_library(data_dir).ids(); },
        py::arg("data_dir"));
    s.def(
        "_regime_pack",
        [](const std::string& date, const std::string& switch_date, const std::string& data_dir) {
            auto c = danchu::regime_choice::from_library(danchu::pack_library(data_dir));
            const auto d = danchu::civil_day::try_parse(date);
            if (!d) throw danchu::argument_error("date: \"" + date + "\" is not a date YYYY-MM-DD");
            if (!switch_date.empty()) {
                const auto sd = danchu::civil_day::try_parse(switch_date);
                if (!sd)
                    throw danchu::argument_error("switch_date: \"" + switch_date +
                                                 "\" is not a date YYYY-MM-DD");
                c.switch_date = *sd;
            }
            return c.pack_for(*d);
        },
        py::arg("date"), py::arg("switch_date"), py::arg("data_dir"));
    s.def(
        "_period_bounds",
        [](const std::string& label) {
            const danchu::assessment_period p(label);
            return py::make_tuple(p.first().iso(), p.last().iso());
        },
        py::arg("label"));
}
