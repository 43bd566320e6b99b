#pragma once
/// @file
/// The report document as JSON (opt-in: includes nlohmann/json), following
/// `data/schemas/report.schema.json`, version `danchu::report::schema_version`.
///
/// Writing then reading gives back an equal document. Reading is strict: every
/// field is checked for its type, unknown fields are refused (nothing a user
/// typed is silently dropped), a document of another major schema version is
/// refused, and the document is validated; each problem is a `parse_error`
/// naming the file and the JSON pointer.
///
/// @code
/// std::string text = danchu::report::to_json_text(doc);
/// auto back = danchu::report::from_json_text(text, "report.json");
/// @endcode

#include <danchu/io/detail/json_text.hpp>
#include <danchu/report/detail/json_read.hpp>
#include <danchu/report/detail/json_write.hpp>
#include <danchu/core/error.hpp>
#include <danchu/report/document.hpp>
#include <danchu/report/validate.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace danchu::report {

/// ADL hook: `nlohmann::json j = doc;`
inline void to_json(nlohmann::json& j, const document& doc) {
    j = detail::write_document<nlohmann::json>(doc);
}

/// ADL hook: `doc = j.get<document>()`; errors name "<json>" as the file.
/// @throws parse_error naming the JSON pointer.
inline void from_json(const nlohmann::json& j, document& doc) {
    doc = detail::json_reader{"<json>"}.read_document(j);
}

/// Reads a document from parsed JSON.
/// @param source the file name shown in errors.
/// @throws parse_error naming the file and the JSON pointer.
inline document from_json(const nlohmann::json& j, const std::string& source = "<memory>") {
    return detail::json_reader{source}.read_document(j);
}

/// The document as JSON text, fields in schema order.
/// @param indent spaces per level; negative for one line.
/// @throws argument_error when the document is invalid (see validate()).
inline std::string to_json_text(const document& doc, int indent = 2) {
    validate(doc);
    try {
        return detail::write_document<nlohmann::ordered_json>(doc).dump(
            indent, ' ', false, nlohmann::json::error_handler_t::strict);
    } catch (const nlohmann::json::type_error& e) {
        throw argument_error(std::string("report document: a text is not valid UTF-8 (") + e.what() + ")");
    }
}

/// Parses JSON text and reads a document from it.
/// @param source the file name shown in errors.
/// @throws parse_error naming the file, and the JSON pointer or byte offset.
inline document from_json_text(std::string_view text, const std::string& source = "<string>") {
    return from_json(danchu::detail::parse_json_text(text, source), source);
}

/// Reads a report document from a JSON file.
/// @throws parse_error naming the file (unreadable, not JSON, or not a report).
inline document load_json(const std::string& path) {
    return from_json_text(danchu::detail::read_text_file(path), path);
}

} // namespace danchu::report
