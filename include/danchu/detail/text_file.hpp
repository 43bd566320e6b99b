#pragma once
/// @file
/// Internal: reading a whole file as text, for every loader.

#include <danchu/error.hpp>

#include <fstream>
#include <iterator>
#include <string>

namespace danchu::detail {

/// Reads a whole file.
/// @throws parse_error naming the file if it cannot be opened.
inline std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw parse_error(path, "", "cannot open the file for reading");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace danchu::detail
