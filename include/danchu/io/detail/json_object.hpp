#pragma once
/// @file
/// Internal: strict reading of JSON documents (packs, fact dictionaries,
/// evidence, organisations). Every error names the file and the JSON pointer;
/// unknown keys are errors, nothing is silently ignored.

#include <danchu/core/detail/config.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/core/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

namespace danchu::detail {

/// Escapes one JSON pointer reference token (RFC 6901).
inline std::string pointer_token(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out.push_back(c);
    }
    return out;
}

inline std::string child(const std::string& ptr, std::string_view key) {
    return ptr + "/" + pointer_token(key);
}
inline std::string child(const std::string& ptr, std::size_t index) {
    return ptr + "/" + std::to_string(index);
}

inline const char* json_type_name(const nlohmann::json& j) noexcept {
    return j.type_name();
}

/// Requires `j` to be an object whose keys are all in `allowed`.
inline void expect_object(const nlohmann::json& j, const std::string& file, const std::string& ptr,
                          std::initializer_list<std::string_view> allowed) {
    if (!j.is_object())
        throw parse_error(file, ptr.empty() ? "/" : ptr,
                          std::string("expected an object, found ") + json_type_name(j));
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
            std::string list;
            for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
            throw parse_error(file, child(ptr, it.key()),
                              "unknown key \"" + it.key() + "\": expected one of " + list);
        }
    }
}

/// The member `key`, which must exist.
DANCHU_NO_DANGLING inline const nlohmann::json& require(const nlohmann::json& obj, std::string_view key,
                                     const std::string& file, const std::string& ptr) {
    auto it = obj.find(std::string(key));
    if (it == obj.end())
        throw parse_error(file, ptr.empty() ? "/" : ptr,
                          "missing required key \"" + std::string(key) + "\"");
    return *it;
}

/// A required non-empty string member.
inline std::string require_string(const nlohmann::json& obj, std::string_view key,
                                  const std::string& file, const std::string& ptr) {
    const auto& v = require(obj, key, file, ptr);
    if (!v.is_string() || v.get_ref<const std::string&>().empty())
        throw parse_error(file, child(ptr, key),
                          std::string("expected a non-empty string, found ") + json_type_name(v));
    return v.get<std::string>();
}

/// An optional string member ("" when absent).
inline std::string optional_string(const nlohmann::json& obj, std::string_view key,
                                   const std::string& file, const std::string& ptr) {
    auto it = obj.find(std::string(key));
    if (it == obj.end()) return {};
    if (!it->is_string())
        throw parse_error(file, child(ptr, key),
                          std::string("expected a string, found ") + json_type_name(*it));
    return it->get<std::string>();
}

/// An optional number member.
inline double optional_number(const nlohmann::json& obj, std::string_view key, double fallback,
                              const std::string& file, const std::string& ptr) {
    auto it = obj.find(std::string(key));
    if (it == obj.end()) return fallback;
    if (!it->is_number())
        throw parse_error(file, child(ptr, key),
                          std::string("expected a number, found ") + json_type_name(*it));
    return it->get<double>();
}

} // namespace danchu::detail
