#pragma once
// The bundled data the C++ tests load again and again, loaded once per run:
// the Vietnamese civil-servant calendar and the fact dictionary.

#include "test_support.hpp"

#include <danchu/calendar/calendar.hpp>
#include <danchu/evidence/fact.hpp>

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

} // namespace danchu_test
