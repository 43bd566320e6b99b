// danchu._core.sample: the SYNTHETIC sample province (organisation, evidence,
// schedule records) from the C++ generator that `danchu sample` uses.
// python/danchu/sample.py wraps it. Nothing here describes a real agency.

#include "register.hpp"

#include <danchu/organisation/unit.hpp>
#include <danchu/schedule/io.hpp>
#include <sample/province.hpp>

#include <nlohmann/json.hpp>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace py = pybind11;

namespace {

nlohmann::json load_profiles(const std::string& data_dir) {
    return danchu::detail::read_json_file(data_dir + "/sample/profiles.json");
}

} // namespace

void register_sample(py::module_& s) {
    s.def(
        "province",
        [](std::size_t units, std::uint64_t seed) { return danchu::sample::bac_giang_2018(units, seed); },
        py::arg("units") = 330, py::arg("seed") = 2018);
    s.def(
        "evidence_json",
        [](const danchu::organisation& org, const std::string& period, std::uint64_t seed,
           const std::string& data_dir) {
            const auto spec =
                danchu::sample::period_from_label(period, danchu::sample::law_10_2022_from(data_dir));
            const auto profiles = load_profiles(data_dir);
            danchu::sample::generated_period g;
            {
                py::gil_scoped_release nogil;
                g = danchu::sample::generate_period(org, profiles, spec, seed);
            }
            return py::make_tuple(g.evidence.dump(), g.silent_units, spec.law_10_2022);
        },
        py::arg("organisation"), py::arg("period"), py::arg("seed"), py::arg("data_dir"));
    s.def(
        "records",
        [](const danchu::organisation& org, bool law_10_2022, std::uint64_t seed,
           const std::string& data_dir) {
            const auto profiles = load_profiles(data_dir);
            const auto from = danchu::sample::law_10_2022_from(data_dir);
            py::gil_scoped_release nogil;
            return py_records{std::make_shared<const danchu::schedule_records>(
                danchu::sample::regime_records(org, profiles, law_10_2022, from, seed))};
        },
        py::arg("organisation"), py::arg("law_10_2022"), py::arg("seed"), py::arg("data_dir"));
    s.def(
        "write",
        [](const std::string& out_dir, std::size_t units, std::uint64_t seed, const std::string& data_dir) {
            const auto profiles = load_profiles(data_dir);
            const auto from = danchu::sample::law_10_2022_from(data_dir);
            danchu::sample::province_summary sum;
            {
                py::gil_scoped_release nogil;
                sum = danchu::sample::write_province(out_dir, profiles, from, units, seed, {}, data_dir);
            }
            py::dict d;
            d["units"] = sum.units;
            d["periods"] = sum.periods;
            d["silent"] = sum.silent;
            d["files"] = sum.files;
            return d;
        },
        py::arg("out_dir"), py::arg("units"), py::arg("seed"), py::arg("data_dir"));
    s.attr("STANDARD_PERIODS") = py::tuple(py::cast(danchu::sample::standard_period_labels()));
}
