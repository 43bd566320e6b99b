// The classes that more than one area of danchu._core takes or returns,
// declared (with their docstrings, without methods) before any area is
// registered, so every signature names them as Python types whatever the
// order of the areas. Each area adds the methods of the classes it owns.

#include "register.hpp"

#include <danchu/calendar/calendar.hpp>
#include <danchu/organisation/unit.hpp>
#include <danchu/rules/finding.hpp>
#include <danchu/schedule/io.hpp>

namespace py = pybind11;

void register_types(const core_submodules& m) {
    py::class_<danchu::calendar>(m.calendar, "Calendar",
                                 "A working-day calendar over 1900-01-01..2199-12-31 (C++ core).");
    py::class_<danchu::organisation>(m.organisation, "Organisation", "The organisation tree (validated).");
    py::class_<danchu::finding_table>(m.rules, "FindingTable",
                                      "Verdicts and credits, units × rules (unit-major).");
    py::class_<py_records>(m.schedule, "Records", "Recorded submissions and triggering events.");
}
