#pragma once
// One register_<concept>() per concept; src/module.cpp wires them together.

#include <pybind11/pybind11.h>

void register_errors(pybind11::module_& m);
void register_logic(pybind11::module_& m);
void register_calendar(pybind11::module_& m);
void register_scoring(pybind11::module_& m);
void register_report(pybind11::module_& m);
void register_rules(pybind11::module_& m);
void register_schedule(pybind11::module_& m);
