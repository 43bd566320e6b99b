// danchu._core: wires one submodule per concept. No business rules live here.

#include "register.hpp"

#include <danchu/version.hpp>

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
    m.doc() = "danchu C++ core (see the pure-Python package `danchu` for the API)";
    m.attr("__version__") = danchu::version();
    register_errors(m);
}
