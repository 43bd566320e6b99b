#pragma once
/// @file
/// Internal: the one place that turns JSON text into a document. Every
/// nlohmann exception the parser can raise (malformed text, and numbers out of
/// range such as 1e999) becomes a danchu::parse_error naming the source.

#include <danchu/detail/text_file.hpp>
#include <danchu/error.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace danchu::detail {

/// Parses JSON text, rewrapping every parser error as parse_error.
/// @param file the name shown in errors (a path or "<string>").
inline nlohmann::json parse_json_text(std::string_view text, const std::string& file) {
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        throw parse_error(file, "byte " + std::to_string(e.byte), std::string("not valid JSON: ") + e.what());
    } catch (const nlohmann::json::exception& e) { // out_of_range.406: a number too large for a double
        throw parse_error(file, "", std::string("not valid JSON: ") + e.what());
    }
}

/// Reads and parses a JSON file.
inline nlohmann::json read_json_file(const std::string& path) { return parse_json_text(read_text_file(path), path); }

} // namespace danchu::detail
