// C++ exceptions arrive in Python as danchu.Error (a ValueError) or a subclass,
// with the same message.

#include "register.hpp"

#include <danchu/core/error.hpp>

namespace py = pybind11;

namespace {
PyObject* rule_error_class = nullptr; // a reference the module owns as well
} // namespace

py::handle rule_error_type() { return rule_error_class; }

void register_errors(py::module_& m) {
    auto base = py::register_exception<danchu::error>(m, "Error", PyExc_ValueError);
    py::register_exception<danchu::parse_error>(m, "ParseError", base.ptr());
    py::register_exception<danchu::calendar_error>(m, "CalendarError", base.ptr());
    auto rule = py::register_exception<danchu::rule_error>(m, "RuleError", base.ptr());
    rule_error_class = rule.inc_ref().ptr(); // kept for the life of the process
    py::register_exception<danchu::evidence_error>(m, "EvidenceError", base.ptr());
    py::register_exception<danchu::scoring_error>(m, "ScoringError", base.ptr());
    py::register_exception<danchu::argument_error>(m, "ArgumentError", base.ptr());

    // A hook for the tests: throw a C++ error of the given kind.
    m.def(
        "_raise",
        [](const std::string& kind, const std::string& message) {
            if (kind == "parse") throw danchu::parse_error("<test>", "/x", message);
            if (kind == "calendar") throw danchu::calendar_error(message);
            if (kind == "rule") throw danchu::rule_error(message);
            throw danchu::error(kind, message);
        },
        py::arg("kind"), py::arg("message"));
}
