#pragma once
/// @file
/// Internal: a strict RFC 4180 CSV reader (comma or semicolon separator,
/// double-quoted fields with "" escapes, LF or CRLF line ends, optional UTF-8
/// BOM). The separator is `;` when the first line holds a `;` and no `,`
/// outside quotes (Excel's "CSV" under Vietnamese regional settings), else `,`. Errors
/// name the file and line. Every CSV input (organisations, evidence, records,
/// findings) reads through it. A field the writer guarded against formula
/// injection (`csv_writer.hpp`: an apostrophe before `=`, `+`, `-`, `@`, tab
/// or CR) reads back without the apostrophe, so what danchu writes, it reads.

#include <danchu/io/detail/csv_writer.hpp>
#include <danchu/io/detail/text_file.hpp>
#include <danchu/core/error.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace danchu::detail {

/// One parsed record and the (1-based) line it starts on.
struct csv_row {
    std::size_t line = 0;
    std::vector<std::string> fields;
};

/// The separator of CSV text (see the file comment).
inline char csv_separator_of(std::string_view text) noexcept {
    bool quoted = false, semi = false;
    for (const char c : text) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            return ',';
        else if (!quoted && c == ';')
            semi = true;
    }
    return semi ? ';' : ',';
}

/// Parses CSV text. Blank lines are skipped.
/// @throws parse_error naming `file` and "line N" for an unterminated quote or
/// a stray quote inside an unquoted field.
inline std::vector<csv_row> parse_csv(std::string_view text, const std::string& file) {
    if (const std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
        const auto line = 1 + static_cast<std::size_t>(std::count(
                                  text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
        throw parse_error(file, "line " + std::to_string(line),
                          "the text is not UTF-8 (byte " + std::to_string(bad + 1) +
                              "): save the file as UTF-8, e.g. \"CSV UTF-8\" in Excel");
    }
    std::vector<csv_row> rows;
    std::size_t i = 0;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    const char sep = csv_separator_of(text.substr(i));
    std::size_t line = 1;
    csv_row row;
    std::string field;
    bool row_has_content = false;
    row.line = line;
    auto end_field = [&] {
        if (field.size() >= 2 && field[0] == '\'' && csv_formula_like(std::string_view(field).substr(1)))
            field.erase(0, 1);
        row.fields.push_back(std::move(field));
        field.clear();
    };
    auto end_row = [&] {
        end_field();
        const bool blank = row.fields.size() == 1 && row.fields[0].empty() && !row_has_content;
        if (!blank) rows.push_back(std::move(row));
        row = csv_row{};
        row_has_content = false;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"') {
            if (!field.empty())
                throw parse_error(file, "line " + std::to_string(line),
                                  "a quote inside an unquoted field: quote the whole field");
            row_has_content = true;
            const std::size_t start_line = line;
            ++i;
            for (;;) {
                if (i >= text.size())
                    throw parse_error(file, "line " + std::to_string(start_line),
                                      "unterminated quoted field");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (text[i] == '\n') ++line;
                field.push_back(text[i++]);
            }
            if (i < text.size() && text[i] != sep && text[i] != '\n' && text[i] != '\r')
                throw parse_error(file, "line " + std::to_string(line),
                                  std::string("text after a closing quote: expected ") +
                                      (sep == ',' ? "a comma" : "a semicolon") + " or a line end");
            continue;
        }
        if (c == sep) {
            row_has_content = true;
            end_field();
            ++i;
            continue;
        }
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++i;
            end_row();
            ++line;
            row.line = line;
            continue;
        }
        field.push_back(c);
        row_has_content = true;
        ++i;
    }
    if (row_has_content || !field.empty()) end_row();
    return rows;
}

/// Removes leading and trailing ASCII spaces and tabs.
inline std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

} // namespace danchu::detail
