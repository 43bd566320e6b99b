// danchu._core: creates one submodule per area and calls its
// register_<area>(). No business rules live here; see register.hpp for why
// the order of the areas does not matter.

#include "register.hpp"

#ifdef DANCHU_HAVE_INGEST
#include <danchu/ingest/json.hpp>
#endif
#include <danchu/office/xlsx.hpp>
#include <danchu/version.hpp>

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace {

struct area {
    const char* name;
    const char* doc;
    void (*add)(py::module_&);
};

const area areas[] = {
    {"calendar", "Lunar calendar, holidays, working days, report periods and iCalendar", &register_calendar},
    {"logic", "danchu's condition language (JSON Logic core + typed extensions)", &register_logic},
    {"organisation", "The organisation tree: units, kinds, parents, staff and labels",
     &register_organisation},
    {"rules", "Rule packs, the fact dictionary, evidence, evaluation and explanations", &register_rules},
    {"scoring", "Scoring, classification and roll-ups", &register_scoring},
    {"schedule", "Obligations, recorded submissions and events, the schedule and agenda", &register_schedule},
    {"sample", "SYNTHETIC sample provinces (nothing describes a real agency)", &register_sample},
    {"report", "The six-monthly report document and its renderers", &register_report},
};

/// The areas in the order DANCHU_CORE_REGISTER_ORDER names them (a test hook:
/// tests/python/test_bindings.py loads the module with the areas in other
/// orders and checks that nothing changes); by default the order above.
std::vector<const area*> registration_order() {
    std::vector<const area*> out;
    const char* env = std::getenv("DANCHU_CORE_REGISTER_ORDER");
    if (env == nullptr || *env == '\0') {
        for (const auto& a : areas) out.push_back(&a);
        return out;
    }
    const std::string text = env;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string name = text.substr(start, comma - start);
        const area* found = nullptr;
        for (const auto& a : areas)
            if (name == a.name) found = &a;
        for (const auto* a : out)
            if (a == found) found = nullptr;
        if (found == nullptr)
            throw danchu::argument_error("DANCHU_CORE_REGISTER_ORDER: \"" + name +
                                         "\" is not an area, or is named twice");
        out.push_back(found);
        start = comma + 1;
    }
    if (out.size() != std::size(areas))
        throw danchu::argument_error("DANCHU_CORE_REGISTER_ORDER: expected every area once (" +
                                     std::to_string(std::size(areas)) + ")");
    return out;
}

} // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "danchu C++ core (see the pure-Python package `danchu` for the API)";
    m.attr("__version__") = danchu::version();
    danchu::office::enable_xlsx_events(); // events loaders read .xlsx workbooks
#ifdef DANCHU_HAVE_INGEST
    danchu::ingest::enable_fast_json(); // JSON evidence and events read with simdjson
#endif
    register_errors(m);
    std::vector<std::pair<const area*, py::module_>> subs;
    for (const auto& a : areas) subs.emplace_back(&a, m.def_submodule(a.name, a.doc));
    auto sub = [&](const char* name) {
        for (auto& [a, s] : subs)
            if (std::string(a->name) == name) return s;
        throw danchu::error("module", std::string("no submodule ") + name);
    };
    register_types({sub("calendar"), sub("organisation"), sub("rules"), sub("schedule")});
    for (const area* a : registration_order()) {
        py::module_ s = sub(a->name);
        a->add(s);
    }
}
