// danchu._core.organisation: the organisation tree from a file or from Python
// records (as strict as the JSON loader), and its units as columns. The class
// is declared by register_types(): the rules, scoring, schedule and sample
// areas take and return it. No business rules here.

#include "register.hpp"

#include <danchu/organisation/io.hpp>

#include <pybind11/stl.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace py = pybind11;

namespace {

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
        auto type_name = [](const py::handle& v) {
            return std::string(py::str(py::type::of(v).attr("__name__")));
        };
        auto text = [&](const char* key, bool required) -> std::string {
            if (!d.contains(key) || d[key].is_none()) {
                if (required)
                    throw danchu::argument_error(at + ": missing \"" + key + "\" (expected a string)");
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
                throw danchu::argument_error(at + ".labels: expected a dict of strings, found " +
                                             type_name(labels));
            for (const auto& [k, v] : labels.cast<py::dict>()) {
                if (!py::isinstance<py::str>(k) || !py::isinstance<py::str>(v))
                    throw danchu::argument_error(at + ".labels: expected strings, found " + type_name(k) +
                                                 ": " + type_name(v));
                u.labels.emplace(k.cast<std::string>(), v.cast<std::string>());
            }
        }
        for (const auto& [k, v] : d) {
            (void)v;
            const std::string key = py::str(k);
            if (key != "id" && key != "name" && key != "kind" && key != "parent" && key != "staff" &&
                key != "labels")
                throw danchu::argument_error(at + ": unknown key \"" + key +
                                             "\" (expected id, name, kind, parent, staff, labels)");
        }
        units.push_back(std::move(u));
        places.push_back(at);
    }
    return danchu::organisation(std::move(units), "<records>", places);
}

py::dict unit_columns(const danchu::organisation& org) {
    std::vector<std::string> id, name, kind, parent;
    std::set<std::string> keys;
    for (const auto& u : org.units()) {
        id.push_back(u.id);
        name.push_back(u.name);
        kind.emplace_back(danchu::to_string(u.kind));
        parent.push_back(u.parent);
        for (const auto& [k, v] : u.labels) keys.insert(k);
    }
    py::dict labels;
    for (const auto& k : keys) {
        std::vector<std::string> v;
        v.reserve(org.size());
        for (const auto& u : org.units()) {
            const auto f = u.labels.find(k);
            v.push_back(f == u.labels.end() ? std::string() : f->second);
        }
        labels[py::str(k)] = v;
    }
    py::dict d;
    d["id"] = id;
    d["name"] = name;
    d["kind"] = kind;
    d["parent"] = parent;
    d["staff"] = column(org.size(), [&](std::size_t i) { return org[i].staff; });
    d["labels"] = labels;
    return d;
}

} // namespace

void register_organisation(py::module_& m) {
    bound<danchu::organisation>()
        .def_property_readonly("ids", &unit_ids<danchu::organisation>, "The ids of the units, in order")
        .def("__len__", &danchu::organisation::size);
    m.def("load", &danchu::load_organisation, py::arg("path"), "The organisation from a JSON or CSV file");
    m.def("from_records", &organisation_from_records, py::arg("records"),
          "The organisation from dicts (id, name, kind, parent, staff, labels)");
    m.def("unit_columns", &unit_columns, py::arg("organisation"),
          "The units as columns: id, name, kind, parent, staff (NumPy), labels (a dict of lists)");
}
