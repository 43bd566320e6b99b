#pragma once
/// @file
/// Condition-language values to and from JSON (dates as ISO strings, numbers
/// that are whole as integers, NaN and infinities as null).

#include <danchu/logic/detail/core.hpp>
#include <danchu/logic/program.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <string>

namespace danchu::logic::detail {

// --- JSON <-> value ----------------------------------------------------------

inline value from_json_rec(const nlohmann::json& j, std::size_t depth) {
    if (depth > max_data_depth)
        throw parse_error("<data>", "",
                          "data nested deeper than " + std::to_string(max_data_depth) + " levels");
    switch (j.type()) {
    case nlohmann::json::value_t::boolean: return value(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return value(j.get<double>());
    case nlohmann::json::value_t::string: return value(j.get<std::string>());
    case nlohmann::json::value_t::array: {
        array a;
        a.reserve(j.size());
        for (const auto& e : j) a.push_back(from_json_rec(e, depth + 1));
        return value(std::move(a));
    }
    case nlohmann::json::value_t::object: {
        object o;
        o.reserve(j.size());
        for (auto it = j.begin(); it != j.end(); ++it)
            o.emplace_back(it.key(), from_json_rec(it.value(), depth + 1));
        return value(std::move(o));
    }
    default: return value();
    }
}

inline nlohmann::json number_json(double x) {
    if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 9007199254740992.0)
        return nlohmann::json(static_cast<std::int64_t>(x));
    if (!std::isfinite(x)) return nlohmann::json(); // JSON has no NaN/Infinity
    return nlohmann::json(x);
}

inline nlohmann::json to_json_rec(const value& v) {
    switch (v.get_kind()) {
    case value::kind::null: return nullptr;
    case value::kind::boolean: return v.as_bool();
    case value::kind::number: return number_json(v.as_number());
    case value::kind::string: return v.as_string();
    case value::kind::date: return to_iso(v.as_date());
    case value::kind::array: {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& e : v.as_array()) a.push_back(to_json_rec(e));
        return a;
    }
    case value::kind::object: {
        nlohmann::json o = nlohmann::json::object();
        for (const auto& kv : v.as_object()) o[kv.first] = to_json_rec(kv.second);
        return o;
    }
    }
    return nullptr;
}

} // namespace danchu::logic::detail

namespace danchu::logic {

/// Converts JSON to a value (numbers become doubles). @throws parse_error if
/// nested deeper than 512 levels.
inline value value_from_json(const nlohmann::json& j) { return detail::from_json_rec(j, 0); }
/// Converts a value to JSON: integral numbers below 2^53 as integers, dates
/// as "YYYY-MM-DD".
inline nlohmann::json value_to_json(const value& v) { return detail::to_json_rec(v); }

} // namespace danchu::logic
