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

#include <cstddef>
#include <ostream>
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

namespace detail {
/// `v` as nlohmann's dump(indent) writes it, placed at nesting `level`: every
/// line after the first indented by `level * indent` more spaces (JSON text
/// holds no raw newline inside a string, so each '\n' starts a line).
template <class J> void dump_at(std::ostream& out, const J& v, int indent, int level) {
    const std::string text = v.dump(indent, ' ', false, nlohmann::json::error_handler_t::strict);
    const std::string pad(static_cast<std::size_t>(level * indent), ' ');
    std::size_t from = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
        out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from));
        out << pad;
        from = nl + 1;
    }
    out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}
} // namespace detail

/// Writes what to_json_text(doc, indent) returns, byte for byte, to `out` as
/// it goes: the long lists (failings, changes, problems, units) one item at a
/// time, never the whole document as one JSON tree or string (a report of
/// 100,000 units is about 55 MB of text).
/// @param indent spaces per level (at least 1; to_json_text for one line).
/// @throws argument_error when the document is invalid (see validate()) or a
///   text is not valid UTF-8 (`out` then holds part of the document).
inline void write_json_text(std::ostream& out, const document& doc, int indent = 2) {
    using J = nlohmann::ordered_json;
    if (indent < 1) throw argument_error("write_json_text: the indent must be at least 1");
    validate(doc);
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    bool first = true;
    auto key = [&](const char* name) {
        out << (first ? "{\n" : ",\n") << pad << J(name).dump() << ": ";
        first = false;
    };
    try {
        detail::write_document_parts<J>(
            doc,
            [&](const char* name, const J& value) {
                key(name);
                detail::dump_at(out, value, indent, 1);
            },
            [&](const char* name, std::size_t n, auto&& item) {
                key(name);
                if (n == 0) {
                    out << "[]";
                    return;
                }
                out << '[';
                for (std::size_t i = 0; i < n; ++i) {
                    out << (i ? ",\n" : "\n") << pad << pad;
                    detail::dump_at(out, item(i), indent, 2);
                }
                out << '\n' << pad << ']';
            });
    } catch (const nlohmann::json::type_error& e) {
        throw argument_error(std::string("report document: a text is not valid UTF-8 (") + e.what() + ")");
    }
    out << (first ? "{}" : "\n}");
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
