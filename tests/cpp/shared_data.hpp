#pragma once
// The bundled data the C++ tests load again and again, loaded once per run:
// the Vietnamese civil-servant calendar and the fact dictionary.

#include "test_support.hpp"

#include <danchu/calendar/calendar.hpp>
#include <danchu/evidence/fact.hpp>

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
