#pragma once
/// @file
/// Internal: opening and reading input files, for every loader. A missing
/// file, a folder where a file is expected and an unreadable file are all a
/// parse_error naming the path.

#include <danchu/core/error.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace danchu::detail {

/// Opens a file for reading.
/// @throws parse_error naming the file if it is missing, a folder or unreadable.
inline std::ifstream open_input_file(const std::string& path) {
    std::error_code ec;
    const auto st = std::filesystem::status(path, ec);
    if (st.type() == std::filesystem::file_type::not_found)
        throw parse_error(path, "", "cannot open the file for reading: no such file");
    if (st.type() == std::filesystem::file_type::directory)
        throw parse_error(path, "", "cannot open the file for reading: it is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw parse_error(path, "", "cannot open the file for reading");
    return in;
}

/// Reads a whole file.
/// @throws parse_error naming the file if it cannot be opened or read.
inline std::string read_text_file(const std::string& path) {
    std::ifstream in = open_input_file(path);
    std::string text;
    try {
        text.assign(std::istreambuf_iterator<char>(in), {});
    } catch (const std::exception&) {
        throw parse_error(path, "", "cannot read the file");
    }
    if (in.bad()) throw parse_error(path, "", "cannot read the file");
    return text;
}

} // namespace danchu::detail
