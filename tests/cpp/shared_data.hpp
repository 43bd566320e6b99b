#pragma once
// The bundled data the C++ tests load again and again, loaded once per run:
// the Vietnamese civil-servant calendar and the fact dictionary.

#include "test_support.hpp"

#include <danchu/calendar/calendar.hpp>
#include <danchu/evidence/event_kinds_io.hpp>
#include <danchu/evidence/fact.hpp>
#include <danchu/organisation/unit.hpp>

#include <nlohmann/json.hpp>

#include <memory>

namespace danchu_test {

inline const danchu::calendar& vn() {
    static const danchu::calendar cal = danchu::calendar::vietnam(data_dir);
    return cal;
}

inline std::shared_ptr<const danchu::fact_dictionary> dictionary() {
    static const auto d =
        std::make_shared<const danchu::fact_dictionary>(danchu::load_default_fact_dictionary(data_dir));
    return d;
}

/// The bundled event kinds and publicity items (data/events/).
inline const std::shared_ptr<const danchu::event_kinds>& event_kinds() {
    static const auto k = danchu::load_event_kinds(data_dir);
    return k;
}

/// The bundled years, windows and time limits (data/events/years.json).
inline const danchu::event_windows& event_windows() {
    static const auto w = danchu::load_event_windows(data_dir);
    return w;
}

/// A small organisation for the dated-event tests: a province, its
/// Department of Home Affairs, a hospital and a school.
inline const danchu::organisation& events_organisation() {
    using danchu::unit_kind;
    static const danchu::organisation o({
        {"prov", "UBND tỉnh", unit_kind::province, "", 0, {}},
        {"SNV", "Sở Nội vụ", unit_kind::department, "prov", 64, {{"role", "home_affairs"}}},
        {"BV", "Bệnh viện", unit_kind::public_service_unit, "prov", 300, {}},
        {"THPT", "Trường THPT", unit_kind::school, "prov", 60, {}},
    });
    return o;
}

/// One valid entry of a year's holiday schedule file (data/schedules/*.json),
/// for tests that break one field of it at a time.
inline nlohmann::json holiday_entry() {
    return {{"date", "2030-01-01"},
            {"kind", "statutory"},
            {"holiday", "new-year"},
            {"name", {{"vi", "Tết Dương lịch"}, {"en", "New Year's Day"}}},
            {"source", {{"document", "Labour Code 45/2019/QH14"}}},
            {"confidence", "verified"}};
}

} // namespace danchu_test
