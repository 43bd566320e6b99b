#pragma once
/// @file
/// Internal: the one strict JSON object reader every loader uses (rule packs,
/// fact dictionaries, evidence, organisations, obligations and records,
/// calendar schedules, holiday eras and reporting regimes, scoring schemes,
/// assessments and findings, report documents). Every error is a parse_error
/// naming the file and the JSON pointer and saying what was expected; a wrong
/// type is named ("expected a string, found number"); an unknown key is an
/// error that lists the keys allowed there, with a did-you-mean for a near
/// miss. Nothing is silently ignored, except the documentation convention:
/// any object may carry a `"$comment"` string (as JSON Schema's own
/// `$comment`), which loaders skip.

#include <danchu/core/citation.hpp>
#include <danchu/core/date.hpp>
#include <danchu/core/detail/config.hpp>
#include <danchu/core/detail/suggest.hpp>
#include <danchu/core/enum_names.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/core/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace danchu::detail {

/// Escapes one JSON pointer reference token (RFC 6901).
inline std::string pointer_token(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out.push_back(c);
    }
    return out;
}

inline std::string child(const std::string& ptr, std::string_view key) {
    return ptr + "/" + pointer_token(key);
}
inline std::string child(const std::string& ptr, std::size_t index) {
    return ptr + "/" + std::to_string(index);
}

inline const char* json_type_name(const nlohmann::json& j) noexcept { return j.type_name(); }

/// The key any object may carry as documentation (a string, skipped).
inline constexpr std::string_view comment_key = "$comment";

/// Throws the parse_error for `file` at `ptr` ("/" for the root).
[[noreturn]] inline void json_fail(const std::string& file, const std::string& ptr,
                                   const std::string& message) {
    throw parse_error(file, ptr.empty() ? "/" : ptr, message);
}

/// Requires `j` to be an object whose keys are all in `allowed` (or the
/// documentation key `$comment`, whose value must be a string).
/// @throws parse_error at the offending key: "unknown key "x"; did you mean
///   "y"?: expected one of a, b, c".
inline void expect_object(const nlohmann::json& j, const std::string& file, const std::string& ptr,
                          std::initializer_list<std::string_view> allowed) {
    if (!j.is_object()) json_fail(file, ptr, std::string("expected an object, found ") + json_type_name(j));
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end()) continue;
        if (it.key() == comment_key) {
            if (!it->is_string())
                json_fail(file, child(ptr, it.key()),
                          std::string("expected a string (a comment), found ") + json_type_name(*it));
            continue;
        }
        std::string list;
        std::vector<std::string> names;
        for (auto a : allowed) {
            list += (list.empty() ? "" : ", ") + std::string(a);
            names.emplace_back(a);
        }
        json_fail(file, child(ptr, it.key()),
                  "unknown key \"" + it.key() + "\"" + did_you_mean(it.key(), names) + ": expected one of " +
                      list);
    }
}

/// The member `key`, which must exist.
DANCHU_NO_DANGLING inline const nlohmann::json& require(const nlohmann::json& obj, std::string_view key,
                                                        const std::string& file, const std::string& ptr) {
    auto it = obj.find(std::string(key));
    if (it == obj.end()) json_fail(file, ptr, "missing required key \"" + std::string(key) + "\"");
    return *it;
}

/// A required non-empty string member.
inline std::string require_string(const nlohmann::json& obj, std::string_view key, const std::string& file,
                                  const std::string& ptr) {
    const auto& v = require(obj, key, file, ptr);
    if (!v.is_string() || v.get_ref<const std::string&>().empty())
        throw parse_error(file, child(ptr, key),
                          std::string("expected a non-empty string, found ") + json_type_name(v));
    return v.get<std::string>();
}

/// An optional string member ("" when absent).
inline std::string optional_string(const nlohmann::json& obj, std::string_view key, const std::string& file,
                                   const std::string& ptr) {
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

/// The fields of a citation object (document required; article, clause, point,
/// url and note optional). The caller checks which keys the object may carry.
inline citation read_citation_fields(const nlohmann::json& j, const std::string& file,
                                     const std::string& ptr) {
    citation c;
    c.document = require_string(j, "document", file, ptr);
    c.article = optional_string(j, "article", file, ptr);
    c.clause = optional_string(j, "clause", file, ptr);
    c.point = optional_string(j, "point", file, ptr);
    if (j.contains("url")) c.url = optional_string(j, "url", file, ptr);
    c.note = optional_string(j, "note", file, ptr);
    return c;
}

/// A JSON value with the file and pointer it came from: a cursor for the
/// loaders that walk a document member by member (calendar schedules, holiday
/// eras, reporting regimes). Errors name the file and pointer.
struct json_at {
    const nlohmann::json& value;
    const std::string& file;
    std::string pointer;

    [[noreturn]] void fail(const std::string& message) const { json_fail(file, pointer, message); }
    /// Requires an object whose keys are all in `allowed` (see expect_object).
    const json_at& object(std::initializer_list<std::string_view> allowed) const {
        expect_object(value, file, pointer, allowed);
        return *this;
    }
    json_at member(const std::string& key) const {
        if (!value.is_object()) fail(std::string("expected an object, found ") + json_type_name(value));
        const auto it = value.find(key);
        if (it == value.end()) fail("missing required key \"" + key + "\"");
        return json_at{*it, file, child(pointer, key)};
    }
    bool has(const std::string& key) const {
        return value.is_object() && value.contains(key) && !value.at(key).is_null();
    }
    json_at index(std::size_t i) const { return json_at{value.at(i), file, child(pointer, i)}; }
    const nlohmann::json& array() const {
        if (!value.is_array()) fail(std::string("expected an array, found ") + json_type_name(value));
        return value;
    }
    std::string string() const {
        if (!value.is_string() || value.get_ref<const std::string&>().empty())
            fail(std::string("expected a non-empty string, found ") +
                 (value.is_string() ? "an empty string" : json_type_name(value)));
        return value.get<std::string>();
    }
    int integer(long long lo, long long hi) const {
        if (!value.is_number_integer())
            fail(std::string("expected an integer, found ") + json_type_name(value));
        const auto v = value.get<long long>();
        if (v < lo || v > hi)
            fail("integer " + std::to_string(v) + " is outside " + std::to_string(lo) + ".." +
                 std::to_string(hi));
        return static_cast<int>(v);
    }
    bool boolean() const {
        if (!value.is_boolean()) fail(std::string("expected true or false, found ") + json_type_name(value));
        return value.get<bool>();
    }
    /// The enumerator this non-empty string names (core/enum_names.hpp).
    template <class E> E enumerated() const {
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
