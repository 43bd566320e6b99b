// danchu._core.report: the six-monthly report document and its renderers.
// The document crosses into Python as an opaque value read from (and written
// to) the versioned JSON form; the renderers are the C++ ones. The pure-Python
// wrapper is python/danchu/report.py. No business rules here.

#include "register.hpp"

#include <danchu/report/build.hpp>
#include <danchu/report/province.hpp>
#include <danchu/report/report.hpp>
#include <danchu/report/json.hpp>
#include <danchu/office/xlsx.hpp>
#include <danchu/io/detail/output_file.hpp>

#include <danchu/office/docx.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <limits>
#include <string>

namespace py = pybind11;
namespace rpt = danchu::report;

namespace {

py::dict unit_columns(const rpt::document& d) {
    const auto n = static_cast<py::ssize_t>(d.units.size());
    py::list ids(n), names(n), districts(n), sectors(n), bands(n);
    py::array_t<double> scores(n);
    py::array_t<std::int64_t> ranks(n);
    py::array_t<bool> complete(n);
    auto* s = scores.mutable_data();
    auto* r = ranks.mutable_data();
    auto* c = complete.mutable_data();
    for (py::ssize_t i = 0; i < n; ++i) {
        const auto& u = d.units[static_cast<std::size_t>(i)];
        ids[static_cast<std::size_t>(i)] = py::str(u.id);
        names[static_cast<std::size_t>(i)] = py::str(u.name);
        districts[static_cast<std::size_t>(i)] = py::str(u.district);
        sectors[static_cast<std::size_t>(i)] = py::str(u.sector);
        bands[static_cast<std::size_t>(i)] = py::str(u.band);
        s[i] = u.score ? *u.score : std::numeric_limits<double>::quiet_NaN();
        r[i] = u.rank ? static_cast<std::int64_t>(*u.rank) : 0;
        c[i] = u.complete_evidence;
    }
    py::dict out;
    out["id"] = ids;
    out["name"] = names;
    out["district"] = districts;
    out["sector"] = sectors;
    out["score"] = scores;
    out["band"] = bands;
    out["rank"] = ranks;
    out["complete_evidence"] = complete;
    return out;
}

py::dict summary(const rpt::document& d) {
    py::dict out;
    const auto& f = d.current;
    out["period_id"] = f.period_id;
    out["units_assessed"] = f.units_assessed;
    out["units_complete"] = f.units_complete;
    out["pass_rate"] = f.pass_rate ? py::object(py::float_(*f.pass_rate)) : py::none();
    out["mean_score"] = f.mean_score ? py::object(py::float_(*f.mean_score)) : py::none();
    py::list bands;
    for (std::size_t b = 0; b < d.bands.size(); ++b)
        bands.append(
            py::make_tuple(d.bands[b].id, d.bands[b].label.vi, d.bands[b].label.en, f.band_counts.at(b)));
    out["bands"] = bands;
    out["overdue"] = d.schedule.overdue.size();
    out["upcoming"] = d.schedule.upcoming.size();
    out["problems"] = d.problems.size();
    // how units that sent no evidence at all were counted ("" before schema 1.1)
    out["no_evidence_policy"] = f.no_evidence_policy;
    out["no_evidence_units"] = f.no_evidence_units;
    return out;
}

} // namespace

void register_report(py::module_& s) {
    s.attr("SCHEMA_VERSION") = rpt::schema_version;
    s.def(
        "docx_to_pdf",
        [](const py::bytes& docx, const std::string& soffice, int timeout) {
            std::string in = docx, out;
            {
                py::gil_scoped_release nogil;
                out = danchu::office::docx_to_pdf(in, {soffice, timeout});
            }
            return py::bytes(out);
        },
        py::arg("docx"), py::arg("soffice") = "", py::arg("timeout") = 180,
        "DOCX bytes converted to PDF bytes by LibreOffice headless");

    py::class_<rpt::document>(s, "Document", "A six-monthly report document (see danchu.report.Report)")
        .def_static("from_json", &rpt::from_json_text, py::arg("text"), py::arg("source") = "<string>",
                    "Reads a document from JSON text; errors name `source` and the JSON pointer")
        .def_static("load", &rpt::load_json, py::arg("path"), "Reads a document from a JSON file")
        .def("validate", [](const rpt::document& d) { rpt::validate(d); })
        .def("to_json", &rpt::to_json_text, py::arg("indent") = 2)
        .def("to_html", &rpt::to_html, py::arg("lang") = "vi")
        .def("to_markdown", &rpt::to_markdown, py::arg("lang") = "vi")
        .def(
            "units_csv",
            [](const rpt::document& d, const std::string& lang, const std::string& sep) {
                return rpt::units_csv(d, lang, danchu::csv_options_for(sep));
            },
            py::arg("lang") = "vi", py::arg("csv_separator") = ",")
        .def(
            "overdue_csv",
            [](const rpt::document& d, const std::string& lang, const std::string& sep) {
                return rpt::overdue_csv(d, lang, danchu::csv_options_for(sep));
            },
            py::arg("lang") = "vi", py::arg("csv_separator") = ",")
        .def(
            "upcoming_csv",
            [](const rpt::document& d, const std::string& lang, const std::string& sep) {
                return rpt::upcoming_csv(d, lang, danchu::csv_options_for(sep));
            },
            py::arg("lang") = "vi", py::arg("csv_separator") = ",")
        .def(
            "to_docx",
            [](const rpt::document& d, const std::string& config, const std::string& data_dir) {
                namespace of = danchu::office;
                const of::report_config cfg =
                    config.empty() ? of::default_config(d) : of::load_config(config, d);
                std::string bytes;
                {
                    py::gil_scoped_release nogil;
                    bytes = of::to_docx(d, cfg, data_dir.empty() ? danchu::default_data_dir() : data_dir);
                }
                return py::bytes(bytes);
            },
            py::arg("config") = "", py::arg("data_dir") = "",
            "The report as a Decree 30/2020 document (DOCX bytes); `config` a configuration file")
        .def(
            "deadlines_ical",
            [](const rpt::document& d, const std::string& lang) {
                return danchu::report_deadlines_ical(d, lang);
            },
            py::arg("lang") = "vi", "The upcoming deadlines as an iCalendar file (text)")
        .def("summary", &summary, "The headline figures as a dict")
        .def("unit_columns", &unit_columns,
             "The appendix as columns: lists of strings and NumPy arrays (score NaN when "
             "missing, rank 0 when missing)")
        .def_property_readonly("period",
                               [](const rpt::document& d) {
                                   const auto& p = d.head.period;
                                   py::dict out;
                                   out["id"] = p.id;
                                   out["start"] = p.start;
                                   out["end"] = p.end;
                                   out["data_from"] = p.data_from;
                                   out["data_to"] = p.data_to;
                                   return out;
                               })
        .def_property_readonly("province", [](const rpt::document& d) { return d.head.province.vi; })
        .def_property_readonly("generated_on", [](const rpt::document& d) { return d.head.generated_on; })
        .def_property_readonly("synthetic", [](const rpt::document& d) { return d.head.synthetic; })
        .def_property_readonly("unit_count", [](const rpt::document& d) { return d.units.size(); })
        .def(
            "__eq__",
            [](const rpt::document& a, const rpt::document& b) {
                return rpt::to_json_text(a, -1) == rpt::to_json_text(b, -1);
            },
            py::arg("other"))
        .def(py::pickle([](const rpt::document& d) { return py::make_tuple(1, rpt::to_json_text(d, -1)); },
                        [](const py::tuple& t) {
                            if (t.size() != 2 || t[0].cast<int>() != 1)
                                throw danchu::argument_error("report pickle: unknown state version");
                            return rpt::from_json_text(t[1].cast<std::string>(), "<pickle>");
                        }),
             py::arg("state"));

    // The assembly from files: the same code path as `danchu report`
    // (danchu::build_report_from_files). Dates arrive as ISO strings (the
    // Python wrapper converts datetime.date); empty strings mean "default".
    s.def(
        "build",
        [](const std::string& organisation, const std::string& evidence, const std::string& period,
           const std::string& previous_evidence, const std::string& previous_period, const std::string& pack,
           const std::string& scheme, const std::string& assessment, const std::string& previous_assessment,
           const std::vector<std::string>& obligations, const std::vector<std::string>& records,
           const std::string& as_of, int days, const std::string& province, const std::string& generated_on,
           const std::string& data_dir, const std::string& facts, const std::vector<std::string>& events,
           const std::string& no_evidence, bool what_if) {
            danchu::report_request rq;
            rq.what_if = what_if;
            rq.no_evidence = danchu::from_string<danchu::no_evidence_policy>(no_evidence, "no_evidence");
            rq.data_dir = data_dir;
            rq.units = organisation;
            rq.evidence = evidence;
            rq.period = period;
            rq.previous_evidence = previous_evidence;
            rq.previous_period = previous_period;
            rq.pack = pack.empty() ? "auto" : pack;
            rq.scheme = scheme;
            rq.assessment = assessment;
            rq.previous_assessment = previous_assessment;
            rq.obligations = obligations;
            rq.records = records;
            rq.events = events;
            rq.facts = facts;
            if (days < 0)
                throw danchu::argument_error("days: must not be negative, got " + std::to_string(days));
            rq.horizon_days = days;
            if (!as_of.empty()) rq.as_of = danchu::civil_day::parse(as_of, "as_of");
            if (!generated_on.empty())
                rq.generated_on = danchu::civil_day::parse(generated_on, "generated_on");
            if (!province.empty()) rq.province = danchu::bilingual_text{province, province};
            return danchu::build_report_from_files(rq);
        },
        py::arg("organisation"), py::arg("evidence"), py::arg("period"), py::arg("previous_evidence") = "",
        py::arg("previous_period") = "", py::arg("pack") = "", py::arg("scheme") = "",
        py::arg("assessment") = "", py::arg("previous_assessment") = "",
        py::arg("obligations") = std::vector<std::string>{}, py::arg("records") = std::vector<std::string>{},
        py::arg("as_of") = "", py::arg("days") = 30, py::arg("province") = "", py::arg("generated_on") = "",
        py::arg("data_dir") = "", py::arg("facts") = "", py::arg("events") = std::vector<std::string>{},
        py::arg("no_evidence") = "missing_report", py::arg("what_if") = false,
        py::call_guard<py::gil_scoped_release>(),
        "Loads, evaluates, scores, schedules and assembles the six-monthly report (bad input is "
        "listed in the document's problems); see danchu.report.build");
    s.def(
        "save_xlsx",
        [](const rpt::document& d, const std::string& path, const std::string& lang) {
            const std::string bytes = danchu::office::report_xlsx_bytes(d, lang);
            danchu::detail::output_files out;
            out.add(path, bytes);
            out.commit();
        },
        py::arg("document"), py::arg("path"), py::arg("lang") = "vi",
        "Writes the report's XLSX appendix (danchu::office::write_report_xlsx) to `path`");
}
