#pragma once
/// @file
/// Small checked accessors for the calendar's JSON data files (schedules,
/// holiday eras, report regimes). Every failure is a parse_error naming the
/// file and the JSON pointer, and saying what was expected. Internal.

#include <danchu/core/date.hpp>
#include <danchu/core/enum_names.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/core/error.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace danchu::detail {

/// A JSON value with the file and pointer it came from, for error messages.
struct json_at {
    const nlohmann::json& value;
    const std::string& file;
    std::string pointer;

    [[noreturn]] void fail(const std::string& message) const {
        throw parse_error(file, pointer.empty() ? "/" : pointer, message);
    }
    json_at member(const std::string& key) const {
        if (!value.is_object()) fail("expected an object");
        const auto it = value.find(key);
        if (it == value.end())
            throw parse_error(file, pointer.empty() ? "/" : pointer,
                              "missing required member \"" + key + "\"");
        return json_at{*it, file, pointer + "/" + key};
    }
    bool has(const std::string& key) const {
        return value.is_object() && value.contains(key) && !value.at(key).is_null();
    }
    json_at index(std::size_t i) const {
        return json_at{value.at(i), file, pointer + "/" + std::to_string(i)};
    }
    const nlohmann::json& array() const {
        if (!value.is_array()) fail("expected an array");
        return value;
    }
    std::string string() const {
        if (!value.is_string() || value.get_ref<const std::string&>().empty())
            fail("expected a non-empty string");
        return value.get<std::string>();
    }
    int integer(long long lo, long long hi) const {
        if (!value.is_number_integer()) fail("expected an integer");
        const auto v = value.get<long long>();
        if (v < lo || v > hi)
            fail("integer " + std::to_string(v) + " is outside " + std::to_string(lo) + ".." +
                 std::to_string(hi));
        return static_cast<int>(v);
    }
    bool boolean() const {
        if (!value.is_boolean()) fail("expected true or false");
        return value.get<bool>();
    }
    /// The enumerator this non-empty string names (core/enum_names.hpp).
    template <class E>
    E enumerated() const {
        const std::string s = string();
        if (auto v = try_from_string<E>(s)) return *v;
        fail(std::string(enum_what<E>()) + " \"" + preview(s) + "\" must be " + enum_expected<E>());
    }
    civil_day date() const {
        const std::string s = string();
        try {
            return civil_day::parse(s, "date");
        } catch (const calendar_error&) {
            fail("\"" + s + "\" is not a valid ISO date YYYY-MM-DD");
        }
    }
};

} // namespace danchu::detail
