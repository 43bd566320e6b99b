// danchu._core: wires one submodule per concept. No business rules live here.

#include "register.hpp"

#include <danchu/version.hpp>

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
    m.doc() = "danchu C++ core (see the pure-Python package `danchu` for the API)";
    m.attr("__version__") = danchu::version();
    register_errors(m);
    register_logic(m);
    register_calendar(m);
    register_rules(m);
    register_report(m);
    register_schedule(m);
    // register_scoring stays last: it binds FindingTable and Organisation only
    // when no other register_<concept>() has bound them.
    register_scoring(m);
}
