#pragma once
// One register_<concept>() per concept; src/module.cpp wires them together.

#include <pybind11/pybind11.h>

void register_errors(pybind11::module_& m);
