#pragma once
/// @file
/// Where danchu finds its bundled data files (rule packs, holiday schedules,
/// report regimes, scoring configurations, JSON Schemas).
///
/// Search order (the first directory that holds `schemas/` wins, except the
/// environment variable, which is taken as given):
///   1. the `DANCHU_DATA_DIR` environment variable, if set and not empty;
///   2. the directory compiled in as `DANCHU_DATA_DIR_DEFAULT`: CMake sets it
///      to the source tree's `data/` for a build-tree consumer (add_subdirectory,
///      FetchContent), and `find_package(danchu)` and `pkg-config danchu` set it
///      to `<prefix>/share/danchu` of the package as found, so a moved or copied
///      prefix works for what is compiled after the move;
///   3. `<dir of the running program>/../share/danchu` (Linux), for a program
///      installed into the same prefix as danchu, even if that prefix moved;
///      for the wheel's tool, which auditwheel moves to
///      `<prefix>/lib/pythonX.Y/site-packages/danchu.scripts/` behind a
///      launcher (it carries the office libraries in `danchu.libs/`),
///      `<prefix>/share/danchu` four folders up;
///   4. only if `DANCHU_DATA_DIR_DEFAULT` is not defined (compiled with just
///      `-I<checkout>/include` or `-I<prefix>/include`): next to this header as
///      it was compiled, `<include>/../data` (a source checkout) and
///      `<include>/../share/danchu` (an install prefix).
/// An empty `DANCHU_DATA_DIR_DEFAULT` means "no compiled-in directory": the
/// wheel's tool and extension use it so that they carry no build-machine path.
/// The Python package and the command-line tool pass their own location
/// explicitly, so a relocated wheel or install prefix keeps working.

#include <danchu/core/error.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace danchu {

namespace detail {

/// Whether `dir` looks like a danchu data directory.
inline bool is_data_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    return !dir.empty() && std::filesystem::is_directory(dir / "schemas", ec);
}

/// The candidates of steps 2-4 of default_data_dir(), in order.
inline std::vector<std::filesystem::path> data_dir_candidates() {
    namespace fs = std::filesystem;
    std::vector<fs::path> out;
#ifdef DANCHU_DATA_DIR_DEFAULT
    if (const char* dir = DANCHU_DATA_DIR_DEFAULT; *dir != '\0') out.emplace_back(dir);
#endif
#ifdef __linux__
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && !exe.empty()) {
        out.push_back(exe.parent_path().parent_path() / "share" / "danchu");
        if (exe.parent_path().filename() == "danchu.scripts")
            out.push_back(exe.parent_path().parent_path().parent_path().parent_path().parent_path() /
                          "share" / "danchu");
    }
#endif
#ifndef DANCHU_DATA_DIR_DEFAULT
    // Compiled without a build system's help: __FILE__ is
    // <include>/danchu/core/data.hpp as the compiler found it (relative to the
    // compiler's working directory if -I was relative).
    const fs::path include = fs::path(__FILE__).parent_path().parent_path();
    out.push_back(include.parent_path() / "data");
    out.push_back(include.parent_path() / "share" / "danchu");
#endif
    return out;
}

} // namespace detail

/// The default data directory (see the file comment for the search order).
/// @throws error if none is found.
inline std::string default_data_dir() {
    if (const char* env = std::getenv("DANCHU_DATA_DIR"); env != nullptr && *env != '\0') return env;
    const auto candidates = detail::data_dir_candidates();
    for (const auto& dir : candidates)
        if (detail::is_data_dir(dir)) return dir.string();
    std::string looked;
    for (const auto& dir : candidates) looked += (looked.empty() ? "" : ", ") + dir.string();
    throw error("data", "no data directory found (looked in: " + looked +
                            "); set DANCHU_DATA_DIR to danchu's data/ or <prefix>/share/danchu");
}

} // namespace danchu
